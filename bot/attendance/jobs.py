"""The timed work of a meeting: plan it in due rows and run it when it is due."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.context import language_for
from bot.domain.attendance import meeting_stamp, plan_meeting_work
from bot.domain.enums import MeetingStatus, Role
from bot.i18n import t
from bot.ports import Message, Posted
from bot.scheduler import SendAfterCommit, row_session
from storage.models import DueWork, Group, Meeting, Member
from storage.repositories import DueWorkRepo, GroupRepo, SentLog

if TYPE_CHECKING:
    from bot.services import Services
from bot.attendance.answers import answers_by_member, attendance_rows, expected_members, is_upcoming
from bot.attendance.forecast import members_with_roles
from bot.attendance.kinds import ANNOUNCE, DM, DM_FORECAST, DM_LIST, DM_REMIND, LIST, REMIND
from bot.attendance.messages import forecast_message, list_message, reminder_message
from bot.attendance.people import group_of
from bot.ics import ics_filename, meeting_ics
from bot.meetings import upcoming_meetings

log = logging.getLogger(__name__)

PLANNER_MEETINGS = 10


def announcement_digest(meeting: Meeting) -> str:
    """Return a token of what the announcement shows, so a change brings a fresh one."""
    ends = meeting.ends_at.isoformat() if meeting.ends_at else ""
    raw = "|".join(
        [
            meeting_stamp(meeting.starts_at),
            ends,
            meeting.location or "",
            meeting.title or "",
            meeting.status,
            str(getattr(meeting, "sequence", 0) or 0),
        ]
    )
    return hashlib.sha256(raw.encode()).hexdigest()[:12]


def _work_keys(meeting: Meeting) -> dict[str, str]:
    stamp = meeting_stamp(meeting.starts_at)
    return {
        ANNOUNCE: f"{ANNOUNCE}:{meeting.id}:{announcement_digest(meeting)}",
        REMIND: f"{REMIND}:{meeting.id}:{stamp}",
        LIST: f"{LIST}:{meeting.id}:{stamp}",
    }


def schedule_meeting_work(session: Session, meeting: Meeting, now: datetime) -> None:
    """Schedule the announcement and reminders of a created, moved or cancelled meeting.

    Keys carry the meeting's start (and for the announcement what it shows), so a moved
    meeting gets fresh work and the rows of its old date are cancelled; rows already
    there are never touched, so a planner running every minute cannot reset a lease.
    """
    group = group_of(session, meeting)
    keys = _work_keys(meeting)
    stale = session.scalars(
        select(DueWork).where(
            DueWork.kind.in_([ANNOUNCE, REMIND, LIST]),
            DueWork.done_at.is_(None),
            DueWork.key.like(f"attendance.%:{meeting.id}:%"),
        )
    ).all()
    for row in stale:
        if row.key.split(":")[1] == str(meeting.id) and row.key not in keys.values():
            row.done_at = now
            row.last_error = "superseded"
    announced = my_announcement(session, meeting) is not None
    if meeting.status == MeetingStatus.CANCELLED:
        if announced:
            _insert_missing(session, meeting, group, {ANNOUNCE: (keys[ANNOUNCE], now)}, now)
        return
    plan = plan_meeting_work(
        meeting.starts_at, group.timezone, group.announce_days, now, announced=announced
    )
    wanted: dict[str, tuple[str, datetime]] = {}
    if meeting.status == MeetingStatus.PLANNED:
        if plan.announce_at is not None:
            wanted[ANNOUNCE] = (keys[ANNOUNCE], plan.announce_at)
        if plan.remind_at is not None:
            wanted[REMIND] = (keys[REMIND], plan.remind_at)
        if plan.list_at is not None:
            wanted[LIST] = (keys[LIST], plan.list_at)
    _insert_missing(session, meeting, group, wanted, now)


def _insert_missing(
    session: Session,
    meeting: Meeting,
    group: Group,
    wanted: dict[str, tuple[str, datetime]],
    now: datetime,
) -> None:
    if not wanted:
        return
    keys = [key for key, _ in wanted.values()]
    existing = set(session.scalars(select(DueWork.key).where(DueWork.key.in_(keys))))
    payload = {
        "meeting_id": meeting.id,
        "stamp": meeting_stamp(meeting.starts_at),
        "digest": announcement_digest(meeting),
    }
    for kind, (key, due_at) in wanted.items():
        if key in existing:
            continue
        try:
            # A savepoint: a second process inserting the same key just loses the race.
            with session.begin_nested():
                DueWorkRepo(session).schedule(
                    kind=kind,
                    key=key,
                    due_at=due_at,
                    now=now,
                    group_id=group.id,
                    payload=dict(payload),
                    replace=False,
                )
        except IntegrityError:
            log.info("due work %s was scheduled by another process", key)


def plan_attendance_work(services: Services, now: datetime) -> None:
    """Schedule missing work for every upcoming meeting, however the meeting was created."""
    with services.uow() as session:
        for group in GroupRepo(session).all():
            for meeting in upcoming_meetings(session, group.id, now, limit=PLANNER_MEETINGS):
                schedule_meeting_work(session, meeting, now)


def my_announcement(session: Session, meeting: Meeting) -> tuple[str, str] | None:
    """Return (channel, ts) of this feature's announcement of a meeting, if it is current.

    The meetings feature also posts to ``Meeting.announcement_ts`` when a meeting is
    created or moved; only the announcement posted here carries the buttons and the
    count, so only that one is updated, and a newer post by the meetings feature does
    not count as announced.
    """
    sent = SentLog(session).get(f"attendance:announce:{meeting.id}")
    if (
        sent is None
        or not sent.ts
        or sent.ts != meeting.announcement_ts
        or sent.channel != meeting.announcement_channel
    ):
        return None
    return sent.channel, sent.ts


def _payload_meeting(session: Session, row: DueWork) -> Meeting | None:
    payload = row.payload or {}
    meeting_id = payload.get("meeting_id")
    return session.get(Meeting, int(meeting_id)) if meeting_id is not None else None


def run_ics(services: Services, row: DueWork, now: datetime) -> SendAfterCommit | None:
    """Share the meeting's calendar file in the announcement's thread."""
    session = row_session(row)
    meeting = _payload_meeting(session, row)
    if meeting is None or not is_upcoming(meeting, now):
        return None
    mine = my_announcement(session, meeting)
    if mine is None or mine[1] != (row.payload or {}).get("ts"):
        return None
    key = f"attendance:ics:{meeting.id}:{mine[1]}"
    if SentLog(session).get(key) is not None:
        return None
    group = group_of(session, meeting)
    channel, ts = mine
    filename, content = ics_filename(group, meeting), meeting_ics([meeting], group)
    title = t("attendance.ics.title", group.language, group=group.name)
    comment = t("attendance.ics.comment", group.language)

    def upload() -> Posted:
        file_id = services.notifier.upload(
            channel, filename, content, title=title, thread_ts=ts, comment=comment
        )
        return Posted(channel, file_id or "")

    def record(session: Session, posted: Posted) -> None:
        SentLog(session).record(key, posted.channel, posted.ts, now)

    # Uploaded once this transaction has committed: no Slack call while it holds the lock.
    return SendAfterCommit(send=upload, record=record)


def _fan_out(
    session: Session,
    meeting: Meeting,
    recipients: Iterable[Member],
    what: str,
    now: datetime,
) -> int:
    stamp = meeting_stamp(meeting.starts_at)
    repo = DueWorkRepo(session)
    count = 0
    for member in recipients:
        if not member.slack_user_id:
            continue
        repo.schedule(
            kind=DM,
            key=f"attendance.dm:{meeting.id}:{member.id}:{what}:{stamp}",
            due_at=now,
            now=now,
            group_id=meeting.group_id,
            payload={
                "meeting_id": meeting.id,
                "member_id": member.id,
                "what": what,
                "stamp": stamp,
            },
            replace=False,
        )
        count += 1
    return count


def _current(row: DueWork, meeting: Meeting | None, now: datetime) -> bool:
    """Tell whether a reminder row still concerns the meeting as it now stands."""
    if meeting is None or not is_upcoming(meeting, now):
        return False
    return (row.payload or {}).get("stamp") == meeting_stamp(meeting.starts_at)


def unanswered_members(session: Session, meeting: Meeting) -> list[Member]:
    """Return the expected members who have not answered for a meeting."""
    answers = answers_by_member(attendance_rows(session, meeting.id))
    return [m for m in expected_members(session, meeting.group_id) if m.id not in answers]


def run_remind(services: Services, row: DueWork, now: datetime) -> None:
    """Two working days before: schedule a DM to each member who has not answered."""
    session = row_session(row)
    meeting = _payload_meeting(session, row)
    if meeting is None or not _current(row, meeting, now):
        return
    _fan_out(session, meeting, unanswered_members(session, meeting), DM_REMIND, now)


def run_list(services: Services, row: DueWork, now: datetime) -> None:
    """The working day before: schedule the attendance list for the chair and secretary."""
    session = row_session(row)
    meeting = _payload_meeting(session, row)
    if meeting is None or not _current(row, meeting, now):
        return
    recipients = members_with_roles(session, meeting.group_id, [Role.CHAIR, Role.SECRETARY])
    _fan_out(session, meeting, recipients, DM_LIST, now)


def run_dm(services: Services, row: DueWork, now: datetime) -> SendAfterCommit | None:
    """Send one person one attendance DM (reminder, list or forecast), at most once."""
    session = row_session(row)
    payload = row.payload or {}
    meeting = _payload_meeting(session, row)
    if meeting is None or not _current(row, meeting, now):
        return None
    member = session.get(Member, int(payload.get("member_id", 0)))
    if member is None or not member.active or not member.slack_user_id:
        return None
    what = str(payload.get("what"))
    occasion = payload.get("crossing") if what == DM_FORECAST else payload.get("stamp")
    key = f"attendance:{what}:{meeting.id}:{member.id}:{occasion}"
    sent = SentLog(session)
    if sent.get(key) is not None:
        return None
    group = group_of(session, meeting)
    lang = language_for(services.settings, group, member)
    message: Message | None
    if what == DM_REMIND:
        message = reminder_message(session, meeting, group, member, lang)
    elif what == DM_LIST:
        message = list_message(session, meeting, group, lang)
    elif what == DM_FORECAST:
        message = forecast_message(session, meeting, group, lang)
    else:
        raise ValueError(f"unknown attendance DM {what!r}")
    if message is None:
        return None
    user_id, text = member.slack_user_id, message

    def record(session: Session, posted: Posted) -> None:
        SentLog(session).record(key, posted.channel, posted.ts, now)

    # Sent once this transaction has committed: no Slack call while it holds the lock.
    return SendAfterCommit(send=lambda: services.notifier.dm(user_id, text), record=record)
