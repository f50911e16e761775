"""Correct what the importer read: a meeting's date, an item's title or its decision."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.archive import index_meeting, search_index, store_items
from bot.context import permitted
from bot.domain.enums import ItemStatus
from bot.domain.permissions import Action
from bot.errors import StaleReference, UserError
from bot.ingest import NotMinutesError, parse_document
from bot.ingest.parse import READINGS
from storage.models import AgendaItem, Decision, Group, Meeting, SourceDocument
from storage.repositories import AuditLog, MemberRepo

CORRECT_ACTION = "archive_correct"
CORRECT_VIEW = "archive_correct_submit"
TITLE_MAX = 300
DECISION_MAX = 3000


@dataclass(frozen=True)
class Correction:
    """What the secretary changes; ``None`` leaves a field as read."""

    meeting_date: date | None = None
    item_id: int | None = None
    title: str | None = None
    decision: str | None = None
    # Read the document again as this structure ("labels", "table", "whole", …).
    reread: str | None = None


def correctable(
    session: Session, meeting_id: int, user_id: str
) -> tuple[Meeting, list[AgendaItem]]:
    """Return an imported meeting and its items if the person may correct them."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise StaleReference("meeting")
    member = MemberRepo(session).by_slack_user(meeting.group_id, user_id)
    group = session.get(Group, meeting.group_id)
    if group is None or not permitted(member, group, Action.IMPORT):
        raise UserError("archive.correct_denied")
    items = sorted(meeting.items, key=lambda i: i.position)
    return meeting, items


def correct_reading(
    session: Session, *, meeting_id: int, user_id: str, correction: Correction, now: datetime
) -> list[str]:
    """Apply a correction to an imported meeting; return the names of the changed fields."""
    meeting, items = correctable(session, meeting_id, user_id)
    group = session.get(Group, meeting.group_id)
    assert group is not None
    tz = ZoneInfo(group.timezone)
    changed: list[str] = []
    if correction.reread in READINGS:
        _reread(session, meeting, correction.reread, now)
        changed.append("reread")
        session.flush()
        session.expire(meeting, ["items"])
        items = sorted(meeting.items, key=lambda i: i.position)
        correction = Correction(meeting_date=correction.meeting_date)
    local = meeting.starts_at.astimezone(tz)
    if correction.meeting_date is not None and correction.meeting_date != local.date():
        start = datetime.combine(correction.meeting_date, local.timetz()).replace(tzinfo=tz)
        shift = start - meeting.starts_at
        meeting.starts_at = start
        if meeting.ends_at is not None:
            meeting.ends_at = meeting.ends_at + shift
        changed.append("date")
    if correction.item_id is not None:
        item = next((i for i in items if i.id == correction.item_id), None)
        if item is None:
            raise StaleReference("item")
        title = (correction.title or "").strip()
        if title and title != item.title:
            item.title = title[:TITLE_MAX]
            changed.append("title")
        decision = (correction.decision or "").strip()
        if decision:
            for old in list(item.decisions):
                session.delete(old)
            session.flush()
            session.add(
                Decision(item_id=item.id, position=0, text=decision[:DECISION_MAX], created_at=now)
            )
            item.status = ItemStatus.TREATED
            changed.append("decision")
        if changed:
            item.updated_at = now
    if not changed:
        return changed
    session.flush()
    session.expire(meeting, ["items"])
    index_meeting(session, meeting.id)
    AuditLog(session).record(
        at=now,
        action="archive.corrected",
        group_id=meeting.group_id,
        actor=user_id,
        subject_type="meeting",
        subject_id=meeting.id,
        detail={"fields": changed, "item_id": correction.item_id},
    )
    return changed


def _reread(session: Session, meeting: Meeting, structure: str, now: datetime) -> None:
    """Parse the meeting's stored document again as ``structure`` and replace its items."""
    source = (
        session.get(SourceDocument, meeting.source_document_id)
        if meeting.source_document_id is not None
        else None
    )
    if source is None or not source.text:
        raise UserError("archive.correct_no_source")
    try:
        parsed = parse_document(source.text, filename=source.filename, now=now, prefer=structure)
    except NotMinutesError:
        raise UserError("archive.correct_no_source") from None
    parsed = replace(parsed, meeting_date=meeting.starts_at.date())
    kept = {item.number for item in parsed.items}
    for item in list(meeting.items):
        if item.number not in kept:
            search_index().delete(session, item.id)
            for child in [*item.decisions, *item.attachments]:
                session.delete(child)
            session.flush()
            session.delete(item)
    session.flush()
    session.expire(meeting, ["items"])
    store_items(session, meeting, parsed, now)
