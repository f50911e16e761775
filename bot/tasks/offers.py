"""Candidates from the decisions: create them after the minutes and offer them to the secretary."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.context import language_for
from bot.dates import DateParseError, parse_when
from bot.domain.actions import extract_from_decisions, match_owner
from bot.domain.enums import ActionStatus, ItemStatus, MeetingStatus, Role
from bot.errors import UserError
from bot.meetings import following_meeting, meeting_by_date
from bot.ports import Message, Posted
from bot.render import escape
from bot.scheduler import SendAfterCommit, row_session
from bot.services import Services
from bot.tasks.kinds import OFFER_JOB, TEXT_LIMIT, VIA_MINUTES
from bot.tasks.labels import day_label, owner_of
from bot.tasks.reading import member_refs
from bot.tasks.views import CandidateView, offer
from storage.models import ActionItem, AgendaItem, Decision, DueWork, Group, Meeting, Member
from storage.repositories import AuditLog, DueWorkRepo, MemberRepo, SentLog


def _meeting_decisions(session: Session, meeting: Meeting) -> list[tuple[Decision, AgendaItem]]:
    """Return the meeting's current decisions with their items, in agenda order."""
    superseded = select(Decision.supersedes_id).where(Decision.supersedes_id.is_not(None))
    rows = session.execute(
        select(Decision, AgendaItem)
        .join(AgendaItem, Decision.item_id == AgendaItem.id)
        .where(
            AgendaItem.meeting_id == meeting.id,
            AgendaItem.status.notin_([ItemStatus.REJECTED, ItemStatus.WITHDRAWN]),
            Decision.id.notin_(superseded),
        )
        .order_by(AgendaItem.position, AgendaItem.id, Decision.position, Decision.id)
    ).all()
    return [(row[0], row[1]) for row in rows]


def _next_meeting_day(session: Session, meeting: Meeting, tz: str) -> date | None:
    following = following_meeting(session, meeting)
    return following.starts_at.astimezone(ZoneInfo(tz)).date() if following else None


def create_candidates(session: Session, meeting: Meeting, now: datetime) -> list[ActionItem]:
    """Create candidate rows for the meeting's decisions not offered before; return them.

    Idempotent: a decision that has any action item (whatever its status — a dropped
    candidate stays dropped) is not read again, and a candidate whose text the meeting
    already has (the same decision re-imported) is not created twice.
    """
    group = session.get(Group, meeting.group_id)
    if group is None:
        raise LookupError(f"meeting {meeting.id} has no group")
    decisions = _meeting_decisions(session, meeting)
    if not decisions:
        return []
    decision_ids = [d.id for d, _ in decisions]
    offered = set(
        session.scalars(
            select(ActionItem.decision_id).where(ActionItem.decision_id.in_(decision_ids))
        )
    )
    known_texts = {
        text.casefold()
        for text in session.scalars(
            select(ActionItem.text).where(ActionItem.meeting_id == meeting.id)
        )
    }
    fresh = [(d, item) for d, item in decisions if d.id not in offered]
    if not fresh:
        return []
    tz = group.timezone
    meeting_day = meeting.starts_at.astimezone(ZoneInfo(tz)).date()
    candidates = extract_from_decisions(
        [d.text for d, _ in fresh],
        meeting_date=meeting_day,
        next_meeting_date=_next_meeting_day(session, meeting, tz),
    )
    by_text: dict[str, tuple[Decision, AgendaItem]] = {}
    for decision, item in fresh:
        by_text.setdefault(decision.text, (decision, item))
    refs = member_refs(MemberRepo(session).in_group(group.id))
    created: list[ActionItem] = []
    for candidate in candidates:
        if candidate.text.casefold() in known_texts:
            continue
        source = by_text.get(candidate.source)
        ref = match_owner(candidate.owner, refs) if candidate.owner else None
        row = ActionItem(
            group_id=group.id,
            meeting_id=meeting.id,
            item_id=source[1].id if source else None,
            decision_id=source[0].id if source else None,
            text=candidate.text[:TEXT_LIMIT],
            owner_member_id=ref.id if ref is not None else None,
            owner_name=ref.name if ref is not None else candidate.owner,
            due_date=candidate.due,
            status=ActionStatus.CANDIDATE,
            via=VIA_MINUTES,
            created_at=now,
        )
        session.add(row)
        known_texts.add(candidate.text.casefold())
        created.append(row)
    session.flush()
    if created:
        AuditLog(session).record(
            at=now,
            action="task.candidates",
            group_id=group.id,
            subject_type="meeting",
            subject_id=meeting.id,
            detail={"candidates": [row.id for row in created]},
        )
    return created


def offer_recipients(session: Session, group_id: int) -> list[Member]:
    """Return who is offered the candidates: the secretariat, or the chair if none is set."""
    members = MemberRepo(session)
    for role in (Role.SECRETARY, Role.CHAIR):
        found = [m for m in members.with_role(group_id, role) if m.slack_user_id]
        if found:
            return sorted(found, key=lambda m: m.id)
    return []


def offer_action_items(
    session: Session, services: Services, meeting: Meeting, now: datetime
) -> int:
    """Create candidates from the meeting's decisions and DM them to the secretary; return how many.

    Called when the minutes are approved, inside the caller's transaction: the DM goes
    out from a due row after that transaction commits, once per secretary (a `SentLog`
    key per offer and person), so a rolled-back approval offers nothing and a retried
    job never DMs twice. Calling it again for the same meeting creates nothing new.
    """
    _ = services  # the DM is sent by the job, with the services the tick passes it
    created = create_candidates(session, meeting, now)
    if not created:
        return 0
    batch = min(row.id for row in created)
    for member in offer_recipients(session, meeting.group_id):
        DueWorkRepo(session).schedule(
            kind=OFFER_JOB,
            key=f"{OFFER_JOB}:{meeting.id}:{batch}:{member.id}",
            due_at=now,
            now=now,
            group_id=meeting.group_id,
            payload={"meeting_id": meeting.id, "member_id": member.id, "batch": batch},
            replace=False,
        )
    return len(created)


def pending_candidates(session: Session, meeting_id: int) -> list[ActionItem]:
    """Return the meeting's candidates still waiting for the secretary, in order."""
    return list(
        session.scalars(
            select(ActionItem)
            .where(
                ActionItem.meeting_id == meeting_id,
                ActionItem.status == ActionStatus.CANDIDATE,
            )
            .order_by(ActionItem.id)
        )
    )


def offer_message(
    session: Session, meeting: Meeting, task_ids: Sequence[int], lang: str
) -> Message:
    """Return the secretary's offer: each candidate with Bekræft / Ret / Drop, handled ones marked."""
    group = session.get(Group, meeting.group_id)
    assert group is not None
    rows = list(
        session.scalars(
            select(ActionItem).where(ActionItem.id.in_(task_ids)).order_by(ActionItem.id)
        )
    )
    day = day_label(meeting.starts_at.astimezone(ZoneInfo(group.timezone)).date(), lang)
    candidates = [_candidate_view(session, row) for row in rows]
    return offer(candidates, group.name, day, day_query(meeting, group), lang)


def _candidate_view(session: Session, task: ActionItem) -> CandidateView:
    owner = owner_of(session, task)
    item = session.get(AgendaItem, task.item_id) if task.item_id else None
    return CandidateView(
        task_id=task.id,
        text=task.text,
        status=ActionStatus(task.status),
        owner=owner.name if owner is not None else None,
        owner_name=task.owner_name,
        due=task.due_date,
        item=(item.number or "", item.title) if item is not None else None,
    )


def day_query(meeting: Meeting, group: Group) -> str:
    """Return the meeting's date as the command takes it ("15/3/2024")."""
    day = meeting.starts_at.astimezone(ZoneInfo(group.timezone)).date()
    return f"{day.day}/{day.month}/{day.year}"


def offered_ids(blocks: Sequence[dict[str, Any]]) -> list[int]:
    """Return the task ids an offer message shows (from its block ids)."""
    ids: list[int] = []
    for block in blocks:
        block_id = str(block.get("block_id") or "")
        if block_id.startswith("task_cand_") and block_id[10:].isdigit():
            ids.append(int(block_id[10:]))
    return ids


def run_offer(services: Services, row: DueWork, now: datetime) -> SendAfterCommit | None:
    """DM one secretary the meeting's pending candidates, once per offer."""
    session = row_session(row)
    payload = row.payload or {}
    meeting = session.get(Meeting, int(payload.get("meeting_id", 0)))
    member = session.get(Member, int(payload.get("member_id", 0)))
    if meeting is None or member is None or not member.active or not member.slack_user_id:
        return None
    key = f"tasks:offer:{meeting.id}:{payload.get('batch')}:{member.id}"
    if SentLog(session).get(key) is not None:
        return None
    pending = pending_candidates(session, meeting.id)
    if not pending:
        return None
    group = session.get(Group, meeting.group_id)
    lang = language_for(services.settings, group, member)
    message = offer_message(session, meeting, [p.id for p in pending], lang)
    user = member.slack_user_id

    def record(session: Session, posted: Posted) -> None:
        SentLog(session).record(key, posted.channel, posted.ts, now)

    # Sent once this transaction has committed: no Slack call while it holds the lock.
    return SendAfterCommit(send=lambda: services.notifier.dm(user, message), record=record)


def offer_meeting(session: Session, group: Group, text: str, now: datetime) -> Meeting:
    """Return the meeting "opgaver forslag [dato]" means: the date's, else the last with decisions."""
    words = text.strip()
    if words:
        try:
            when = parse_when(words, now, group.timezone, prefer="past")
        except DateParseError as exc:
            raise UserError("tasks.offer.bad_date", fragment=escape(exc.fragment)) from None
        meeting = meeting_by_date(session, group, when.date)
        if meeting is None:
            raise UserError("tasks.offer.no_meeting", day=when.date.isoformat())
        return meeting
    with_decisions = (
        select(AgendaItem.meeting_id).join(Decision, Decision.item_id == AgendaItem.id).distinct()
    )
    meeting = session.scalar(
        select(Meeting)
        .where(
            Meeting.group_id == group.id,
            Meeting.starts_at <= now,
            Meeting.status != MeetingStatus.CANCELLED,
            Meeting.id.in_(with_decisions),
        )
        .order_by(Meeting.starts_at.desc(), Meeting.id.desc())
        .limit(1)
    )
    if meeting is None:
        raise UserError("tasks.offer.no_decisions", group=escape(group.name))
    return meeting
