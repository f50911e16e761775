"""Members' Slack profiles fetched in the background, at ``users.info``'s rate-limit tier.

Setting up a 300-member channel used to read every profile before answering: about three
minutes at Slack's Tier 4 while the person waited. Now the group is written at once with
the ids Slack lists (each member named by their id until fetched), and the profiles are
one row of due work per sync. A worker thread reads them with no transaction open, paced
below the tier, and writes each batch in a short transaction together with what is left,
so a restart resumes where the last batch ended. A hidden (``user_not_visible``) person
stays a member named by id; a deactivated account, a bot or an unknown id stops being one.
"""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.domain.enums import Role
from bot.outside import after_commit
from bot.ports import SlackUser, acting_for_team
from bot.render import escape
from bot.scheduler import JobRegistry, Worker, release_dead_claims, retry_delay, team_of_group
from storage.models import DueWork, Group, Member
from storage.repositories import DueWorkRepo, MemberRepo

if TYPE_CHECKING:
    from bot.services import Services

log = logging.getLogger(__name__)

PROFILE_KIND = "member.profiles"
#: ``users.info`` is Tier 4: 100+ calls a minute. The worker keeps to 90, leaving room for
#: the lookups the commands make meanwhile, so it never meets a 429 of its own making.
USERS_INFO_PER_MINUTE = 90
#: Profiles written per transaction (and the progress a restart resumes from).
BATCH = 25
#: How long a claimed row is held; renewed after every batch.
LEASE = timedelta(minutes=2)


def placeholder_name(user_id: str) -> str:
    """Return the name a member carries until their profile is fetched: their Slack id."""
    return user_id


def display_name(member: Member) -> str:
    """Return a member's name for a message: a mention (Slack shows the name) until fetched."""
    if member.slack_user_id and member.name == member.slack_user_id:
        return f"<@{member.slack_user_id}>"
    return escape(member.name)


def add_listed(
    session: Session, group: Group, user_id: str, now: datetime, role: Role | None = None
) -> tuple[Member, bool]:
    """Add a Slack user as a member named by id (profile to follow); return (member, created)."""
    members = MemberRepo(session)
    member = members.by_slack_user(group.id, user_id)
    if member is not None:
        if role is not None:
            member.role = role
        return member, False
    member = members.add(
        Member(
            group_id=group.id,
            slack_user_id=user_id,
            name=placeholder_name(user_id),
            role=role or Role.MEMBER,
            joined_at=now,
            active=True,
        )
    )
    return member, True


def queue_profiles(
    session: Session,
    services: Services | None,
    group: Group,
    user_ids: Iterable[str],
    now: datetime,
) -> DueWork | None:
    """Write the fetch of some members' profiles as due work; start it after the commit."""
    pending = list(dict.fromkeys(u for u in user_ids if u))
    if not pending:
        return None
    key = f"{PROFILE_KIND}:{group.id}:{now.isoformat()}:{secrets.token_hex(6)}"
    row = DueWorkRepo(session).schedule(
        kind=PROFILE_KIND,
        key=key[:200],
        due_at=now,
        now=now,
        group_id=group.id,
        payload={"pending": pending, "total": len(pending)},
        replace=False,
    )
    if services is not None:
        after_commit(session, lambda: kick(services))
    return row


def pending_profiles(session: Session, group_id: int) -> int:
    """Return how many members of a group still wait for their profile."""
    rows = session.scalars(
        select(DueWork).where(
            DueWork.kind == PROFILE_KIND,
            DueWork.group_id == group_id,
            DueWork.done_at.is_(None),
        )
    ).all()
    return sum(len((row.payload or {}).get("pending") or []) for row in rows)


def apply_profile(member: Member, user: SlackUser | None) -> None:
    """Write a fetched profile on a member; no profile, a bot or a closed account: not one."""
    if user is None or user.is_bot or user.deleted:
        member.active = False
        return
    member.name = user.real_name or user.name or member.name
    member.title = user.title or member.title
    member.timezone = user.tz or member.timezone


def register_jobs(jobs: JobRegistry) -> None:
    """Leave profile fetches to their worker; kick it at every tick (work left by a restart)."""
    jobs.background(PROFILE_KIND)

    def resume_profiles(services: Services, now: datetime) -> None:
        kick(services)

    jobs.planner(resume_profiles)


# --- the worker ------------------------------------------------------------------------

#: Rows a live worker of this process holds (a restart in-process releases the others).
_held: set[int] = set()


class Pacer:
    """Space calls evenly so that no more than ``per_minute`` go out in any minute."""

    def __init__(self, per_minute: float) -> None:
        self.interval = 60.0 / per_minute
        self.next_at = 0.0

    def wait(self) -> None:
        """Sleep until the next call may go out."""
        now = time.monotonic()
        if now < self.next_at:
            time.sleep(self.next_at - now)
            now = self.next_at
        self.next_at = now + self.interval


def _runner(services: Services) -> Callable[[], object]:
    pacer = Pacer(USERS_INFO_PER_MINUTE * services.settings.referent_slack_rate_speed)
    return lambda: run_pending(services, pacer)


_worker = Worker("profiles", _runner)


def kick(services: Services) -> None:
    """Make sure a worker thread drains the due profile fetches of these services."""
    _worker.kick(services)


def stop(services: Services, timeout: float = 10.0) -> None:
    """Stop the worker between two lookups, leaving its row claimed (as a killed process)."""
    _worker.stop(services, timeout)


def wait_idle(services: Services, timeout: float = 60.0) -> bool:
    """Wait for the worker of these services to finish."""
    return _worker.wait_idle(services, timeout)


def run_pending(services: Services, pacer: Pacer | None = None) -> int:
    """Fetch every due profile row this process can claim; return how many rows finished."""
    pacer = pacer or Pacer(USERS_INFO_PER_MINUTE * services.settings.referent_slack_rate_speed)
    now = services.now()
    with services.uow() as session:
        due = list(
            session.scalars(
                select(DueWork.id)
                .where(DueWork.kind == PROFILE_KIND, DueWork.done_at.is_(None))
                .where(DueWork.due_at <= now)
                .where((DueWork.lease_until.is_(None)) | (DueWork.lease_until < now))
                .order_by(DueWork.due_at, DueWork.id)
            )
        )
    return sum(1 for work_id in due if _run_row(services, work_id, pacer))


def _run_row(services: Services, work_id: int, pacer: Pacer) -> bool:
    """Claim one row and fetch its profiles batch by batch; True when it finished."""
    now = services.now()
    with services.uow() as session:
        if not DueWorkRepo(session).claim(work_id, services.worker_id, now, LEASE):
            return False
        row = session.get(DueWork, work_id)
        if row is None:
            return False
        pending = [str(u) for u in (row.payload or {}).get("pending") or []]
        group_id = row.group_id
        team = team_of_group(session, group_id)
    _held.add(work_id)
    try:
        fetched: dict[str, SlackUser | None] = {}
        with acting_for_team(team):
            for user_id in pending:
                if _worker.stopping(services):
                    return False  # as a killed process: the claim stays until its lease ends
                pacer.wait()
                try:  # no transaction is open here
                    fetched[user_id] = services.directory.user(user_id)
                except Exception as exc:
                    _write(services, work_id, group_id, fetched, error=exc)
                    return False
                if len(fetched) >= BATCH:
                    _write(services, work_id, group_id, fetched)
                    fetched = {}
        _write(services, work_id, group_id, fetched)
        return True
    finally:
        _held.discard(work_id)


def _write(
    services: Services,
    work_id: int,
    group_id: int | None,
    fetched: dict[str, SlackUser | None],
    *,
    error: Exception | None = None,
) -> None:
    """Write a batch of profiles and what is left; finish the row, or hand it back on error."""
    now = services.now()
    with services.uow() as session:
        row = session.get(DueWork, work_id)
        if row is None:
            return
        if group_id is not None:
            members = MemberRepo(session)
            for user_id, user in fetched.items():
                member = members.by_slack_user(group_id, user_id)
                if member is not None:
                    apply_profile(member, user)
        payload: dict[str, Any] = dict(row.payload or {})
        left = [u for u in payload.get("pending") or [] if u not in fetched]
        payload["pending"] = left
        row.payload = payload
        repo = DueWorkRepo(session)
        if error is not None:
            log.warning("profiles: %d left for a retry (%s)", len(left), error)
            repo.fail(work_id, f"{type(error).__name__}: {error}", now + retry_delay(row.attempts))
        elif not left:
            repo.finish(work_id, services.worker_id, now)
        else:
            row.lease_until = now + LEASE


def resume_at_start(services: Services) -> int:
    """Release profile rows held by a dead process of this host (or an old worker of this one)."""
    with services.uow() as session:
        released = release_dead_claims(
            session, PROFILE_KIND, services.worker_id, also=lambda row: row.id not in _held
        )
    if released:
        log.info("resuming %d profile fetch(es) left by a stopped worker", released)
    kick(services)
    return released
