"""Use cases of writing the referat in Slack: the sheet, items, capture, attendance, sending.

Every write is validated first and written in the caller's transaction, so bad input
leaves nothing half-saved. Two people may write at once (the secretary and the chair):
a field saved from a modal is compared with the version the writer saw, and a field
someone else changed meanwhile is refused with who changed it and when, never silently
overwritten; the other fields of the same item are saved.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.context import Context
from bot.domain.enums import (
    AttendanceStatus,
    ItemKind,
    ItemStatus,
    MeetingStatus,
    MinutesStatus,
    Role,
)
from bot.domain.permissions import Action
from bot.errors import UserError
from bot.i18n import t
from bot.referat.document import ItemPart, PersonRow, ReferatDocument
from bot.referat.text import (
    ABSENT,
    CONFLICT,
    DECISION,
    DISCUSSION,
    FIELD_LIMIT,
    TEXT_FIELDS,
    bullet_lines,
    fingerprint,
    parse_capture,
    same_number,
)
from bot.render import escape
from storage.models import (
    AgendaItem,
    Attendance,
    Decision,
    Group,
    Meeting,
    Member,
    ReferatFile,
    ReferatLine,
)
from storage.repositories import MemberRepo

if TYPE_CHECKING:
    from bot.approval import PostResult
    from bot.services import Services

log = logging.getLogger(__name__)

_SKIPPED = (ItemStatus.REJECTED, ItemStatus.WITHDRAWN, ItemStatus.POSTPONED)


# ---------------------------------------------------------------------------------------
# What the modals show
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    """Who last changed a field of an item, and when."""

    who: str
    at: datetime


@dataclass(frozen=True)
class ItemState:
    """One item of the referat as it stands: the agenda's facts and what was written."""

    item_id: int
    number: str
    title: str
    kind: str
    recommendation: str | None
    discussion: tuple[str, ...] = ()
    decisions: tuple[str, ...] = ()
    absent: tuple[int, ...] = ()
    conflict: tuple[int, ...] = ()
    marks: dict[str, Mark] = field(default_factory=dict)

    def lines(self, name: str) -> tuple[str, ...]:
        """Return the lines of a text field (discussion or decision)."""
        return self.decisions if name == DECISION else self.discussion

    def seen(self) -> dict[str, str]:
        """Return the fingerprints of the fields, to detect changes made meanwhile."""
        return {
            DISCUSSION: fingerprint(list(self.discussion)),
            DECISION: fingerprint(list(self.decisions)),
            ABSENT: fingerprint([str(m) for m in sorted(self.absent)]),
            CONFLICT: fingerprint([str(m) for m in sorted(self.conflict)]),
        }


@dataclass(frozen=True)
class SeatState:
    """One member of the group and whether they took part (pre-filled from afbud)."""

    member_id: int
    name: str
    attended: bool
    note: str | None = None


@dataclass(frozen=True)
class Sheet:
    """The whole referat being written: meeting, items, members, round state."""

    meeting_id: int
    group_name: str
    date_label: str
    lang: str
    tz: str
    items: tuple[ItemState, ...]
    seats: tuple[SeatState, ...]
    guests: tuple[str, ...] = ()
    version: int | None = None
    approved: bool = False


@dataclass(frozen=True)
class Saved:
    """What saving an item did: the fields written and those refused."""

    number: str
    written: tuple[str, ...]
    refused: dict[str, Mark]
    revised: PostResult | None = None
    tz: str = "Europe/Copenhagen"


@dataclass(frozen=True)
class Captured:
    """A line taken from a message of the meeting's thread."""

    number: str
    field: str
    channel: str
    ts: str


# ---------------------------------------------------------------------------------------
# Access
# ---------------------------------------------------------------------------------------


def officer(session: Session, group: Group, user_id: str, lang: str) -> Member:
    """Return the member if they are the group's secretary or chair, else refuse."""
    member = MemberRepo(session).by_slack_user(group.id, user_id)
    if member is not None and not member.active:
        member = None
    return Context(group=group, member=member, lang=lang).require(Action.POST_MINUTES)


def meeting_for_writing(
    session: Session, group: Group, when_text: str | None, now: datetime
) -> Meeting:
    """Return the meeting whose referat is written: today's or the last held, or on a date."""
    from bot.approval import held_meeting

    meeting = held_meeting(session, group, when_text, now)
    check_writable(session, meeting, group)
    return meeting


def check_writable(session: Session, meeting: Meeting, group: Group) -> None:
    """Refuse a cancelled meeting or one whose referat is approved already."""
    from bot.approval import latest_version
    from bot.meetings import meeting_label

    label = meeting_label(meeting, group.language, tz=group.timezone)
    if meeting.status == MeetingStatus.CANCELLED:
        raise UserError("referat.cancelled", date=label)
    latest = latest_version(session, meeting.id)
    if latest is not None and latest.status == MinutesStatus.APPROVED:
        raise UserError("referat.approved_already", date=label, version=latest.version)


def meeting_and_group(session: Session, meeting_id: int) -> tuple[Meeting, Group]:
    """Return a meeting and its group, or say the button or modal is stale."""
    meeting = session.get(Meeting, meeting_id)
    group = session.get(Group, meeting.group_id) if meeting is not None else None
    if meeting is None or group is None:
        raise UserError("referat.gone")
    return meeting, group


# ---------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------


def _ensure_items(session: Session, meeting: Meeting, now: datetime) -> list[AgendaItem]:
    """Return the meeting's items in agenda order, making rows for derived standing items."""
    from bot.agenda import assemble_agenda

    agenda = assemble_agenda(session, meeting, now)
    items: list[AgendaItem] = []
    for position, entry in enumerate(agenda.entries):
        row = session.get(AgendaItem, entry.item_id) if entry.item_id is not None else None
        if row is None:
            # "Godkendelse af dagsorden" and the other standing items exist only as rules
            # until something is written under them.
            row = AgendaItem(
                meeting_id=meeting.id,
                number=entry.number,
                position=position,
                title=entry.title,
                kind=entry.kind,
                status=ItemStatus.ACCEPTED,
                is_standing=entry.standing is not None,
                recommendation=entry.recommendation,
                origin=entry.key,
                via="referat",
                created_at=now,
                updated_at=now,
            )
            session.add(row)
            session.flush()
        elif entry.number and row.number != entry.number:
            # The referat numbers the items as the agenda does.
            row.number = entry.number
        if row.status not in _SKIPPED:
            items.append(row)
    return items


def _lines(session: Session, meeting_id: int) -> list[ReferatLine]:
    return list(
        session.scalars(
            select(ReferatLine)
            .where(ReferatLine.meeting_id == meeting_id)
            .order_by(ReferatLine.item_id, ReferatLine.field, ReferatLine.position, ReferatLine.id)
        )
    )


def _state(item: AgendaItem, lines: list[ReferatLine]) -> ItemState:
    mine = [line for line in lines if line.item_id == item.id]
    marks: dict[str, Mark] = {}
    for line in mine:
        if line.written_by is None:
            continue  # carried over from an earlier draft or import, not written here
        current = marks.get(line.field)
        if current is None or line.written_at >= current.at:
            marks[line.field] = Mark(line.written_by or "?", line.written_at)
    return ItemState(
        item_id=item.id,
        number=item.number or str(item.position + 1),
        title=item.title,
        kind=str(item.kind),
        recommendation=item.recommendation,
        discussion=tuple(line.text for line in mine if line.field == DISCUSSION),
        decisions=tuple(line.text for line in mine if line.field == DECISION),
        absent=tuple(line.member_id for line in mine if line.field == ABSENT and line.member_id),
        conflict=tuple(
            line.member_id for line in mine if line.field == CONFLICT and line.member_id
        ),
        marks=marks,
    )


def _seats(session: Session, meeting: Meeting) -> tuple[list[SeatState], list[str]]:
    from bot.attendance import attendance_rows, expected_members

    rows = attendance_rows(session, meeting.id)
    by_member = {row.member_id: row for row in rows if row.member_id is not None}
    seats: list[SeatState] = []
    for member in expected_members(session, meeting.group_id):
        if member.role == Role.GUEST:
            continue
        row = by_member.get(member.id)
        away = row is not None and row.status in (AttendanceStatus.AFBUD, AttendanceStatus.ABSENT)
        note = None
        if row is not None and row.substitute_name:
            note = row.substitute_name
        seats.append(SeatState(member.id, member.name, not away, note))
    guests = [
        ", ".join(p for p in (row.name, row.title, row.organisation) if p)
        for row in rows
        if row.member_id is None and row.status == AttendanceStatus.GUEST
    ]
    return seats, guests


def sheet(session: Session, meeting: Meeting, group: Group, now: datetime) -> Sheet:
    """Return the referat of a meeting as it stands, for the overview and the modals."""
    from bot.approval import latest_version
    from bot.meetings import meeting_label

    items = _ensure_items(session, meeting, now)
    lines = _lines(session, meeting.id)
    if not lines and _seed(session, meeting.id, items, now):
        lines = _lines(session, meeting.id)
    seats, guests = _seats(session, meeting)
    latest = latest_version(session, meeting.id)
    return Sheet(
        meeting_id=meeting.id,
        group_name=group.name,
        date_label=meeting_label(meeting, group.language, tz=group.timezone),
        lang=group.language,
        tz=group.timezone,
        items=tuple(_state(item, lines) for item in items),
        seats=tuple(seats),
        guests=tuple(guests),
        version=latest.version if latest is not None else None,
        approved=latest is not None and latest.status == MinutesStatus.APPROVED,
    )


def _seed(session: Session, meeting_id: int, items: list[AgendaItem], now: datetime) -> bool:
    """Start the referat from decisions the meeting already holds (a draft, an import).

    Sending writes the referat's lines over the items' decisions, so what was recorded
    before must be in the lines from the start, or it would be lost.
    """
    seeded = False
    for item in items:
        texts = [(DISCUSSION, line) for line in bullet_lines(item.discussion)]
        texts += [(DECISION, d.text) for d in sorted(item.decisions, key=lambda d: d.position)]
        for position, (name, text) in enumerate(texts):
            session.add(
                ReferatLine(
                    meeting_id=meeting_id,
                    item_id=item.id,
                    field=name,
                    position=position,
                    text=text,
                    written_by=None,
                    written_at=now,
                )
            )
            seeded = True
    session.flush()
    return seeded


def item_state(session: Session, meeting: Meeting, item_id: int) -> ItemState:
    """Return one item of the referat, or say it is gone."""
    item = session.get(AgendaItem, item_id)
    if item is None or item.meeting_id != meeting.id:
        raise UserError("referat.gone")
    return _state(item, _lines(session, meeting.id))


# ---------------------------------------------------------------------------------------
# Writing an item from the modal
# ---------------------------------------------------------------------------------------


def _check_length(number: str, name: str, lines: list[str], lang: str) -> None:
    size = len("\n".join(lines))
    if size > FIELD_LIMIT:
        raise UserError(
            "referat.too_long",
            field=t(f"referat.field.{name}", lang),
            number=number,
            size=size,
            limit=FIELD_LIMIT,
        )


def _replace_text(
    session: Session,
    state: ItemState,
    meeting_id: int,
    name: str,
    lines: list[str],
    who: str,
    now: datetime,
) -> None:
    """Write a text field's lines, keeping the rows of lines captured from messages."""
    existing = list(
        session.scalars(
            select(ReferatLine).where(
                ReferatLine.item_id == state.item_id, ReferatLine.field == name
            )
        )
    )
    keep: dict[str, list[ReferatLine]] = {}
    for row in existing:
        keep.setdefault(row.text, []).append(row)
    used: set[int] = set()
    for position, text in enumerate(lines):
        candidates = [r for r in keep.get(text, []) if r.id not in used]
        if candidates:
            row = candidates[0]
            used.add(row.id)
            row.position = position
            continue
        session.add(
            ReferatLine(
                meeting_id=meeting_id,
                item_id=state.item_id,
                field=name,
                position=position,
                text=text,
                written_by=who,
                written_at=now,
            )
        )
    for row in existing:
        if row.id not in used:
            session.delete(row)
    # The field's mark says who changed it last, also when a line was only removed.
    for row in existing:
        if row.id in used:
            row.written_by, row.written_at = who, now


def _replace_people(
    session: Session,
    state: ItemState,
    meeting_id: int,
    name: str,
    ids: list[int],
    who: str,
    now: datetime,
) -> None:
    session.execute(
        delete(ReferatLine).where(ReferatLine.item_id == state.item_id, ReferatLine.field == name)
    )
    meeting = session.get(Meeting, meeting_id)
    for position, member_id in enumerate(ids):
        member = session.get(Member, member_id)
        if member is None or meeting is None or member.group_id != meeting.group_id:
            continue  # only the group's own members are named in its referat
        session.add(
            ReferatLine(
                meeting_id=meeting_id,
                item_id=state.item_id,
                field=name,
                position=position,
                text=member.name,
                member_id=member.id,
                written_by=who,
                written_at=now,
            )
        )


@dataclass(frozen=True)
class ItemInput:
    """What the writer submitted for one item, and what they saw when they opened it."""

    item_id: int
    discussion: str
    decisions: str
    absent: list[int]
    conflict: list[int]
    seen: dict[str, str]


def save_item(
    session: Session,
    services: Services,
    *,
    meeting_id: int,
    user_id: str,
    entry: ItemInput,
    now: datetime,
) -> Saved:
    """Save an item's fields; refuse the ones someone else changed since the modal opened."""
    meeting, group = meeting_and_group(session, meeting_id)
    actor = officer(session, group, user_id, group.language)
    check_writable(session, meeting, group)
    state = item_state(session, meeting, entry.item_id)
    current = state.seen()
    wanted: dict[str, list[str]] = {
        DISCUSSION: bullet_lines(entry.discussion),
        DECISION: bullet_lines(entry.decisions),
    }
    for name in TEXT_FIELDS:
        _check_length(state.number, name, wanted[name], group.language)
    people = {ABSENT: sorted(set(entry.absent)), CONFLICT: sorted(set(entry.conflict))}
    written: list[str] = []
    refused: dict[str, Mark] = {}
    for name in (*TEXT_FIELDS, ABSENT, CONFLICT):
        new = wanted[name] if name in wanted else [str(m) for m in people[name]]
        seen = entry.seen.get(name)
        if fingerprint(new) in (seen, current[name]):
            # Left as the writer saw it (or already as they want it): someone else's
            # change of this field meanwhile stands.
            continue
        if seen not in (None, current[name]):
            refused[name] = state.marks.get(name) or Mark("?", now)
            continue
        if name in wanted:
            _replace_text(session, state, meeting.id, name, new, actor.name, now)
        else:
            _replace_people(session, state, meeting.id, name, people[name], actor.name, now)
        written.append(name)
    session.flush()
    revised = _revise_if_sent(session, services, meeting, group, actor, now) if written else None
    return Saved(state.number, tuple(written), refused, revised, group.timezone)


def _revise_if_sent(
    session: Session,
    services: Services,
    meeting: Meeting,
    group: Group,
    actor: Member,
    now: datetime,
) -> PostResult | None:
    """A change after sending makes a new version: the round restarts, as for a new file."""
    from bot.approval import latest_version

    latest = latest_version(session, meeting.id)
    if latest is None or latest.status not in (MinutesStatus.OPEN, MinutesStatus.STALLED):
        return None
    return _send(session, services, meeting, group, actor, now)


# ---------------------------------------------------------------------------------------
# Quick capture in the meeting's thread
# ---------------------------------------------------------------------------------------


def thread_meeting(session: Session, group: Group, thread_ts: str | None) -> Meeting | None:
    """Return the meeting whose notice or agenda starts a thread."""
    if not thread_ts:
        return None
    return session.scalar(
        select(Meeting).where(
            Meeting.group_id == group.id,
            (Meeting.announcement_ts == thread_ts) | (Meeting.agenda_ts == thread_ts),
        )
    )


def _find_item(sheet_items: list[AgendaItem], number: str) -> AgendaItem | None:
    for item in sheet_items:
        if same_number(item.number, number):
            return item
    return None


def capture(
    session: Session,
    services: Services,
    *,
    group: Group,
    user_id: str,
    channel: str,
    thread_ts: str | None,
    ts: str,
    text: str,
    now: datetime,
) -> Captured:
    """Add a line written in the meeting's thread to its item ("beslutning 5: …")."""
    lang = group.language
    meeting = thread_meeting(session, group, thread_ts)
    if meeting is None:
        raise UserError("referat.capture_where")
    actor = officer(session, group, user_id, lang)
    check_writable(session, meeting, group)
    found = parse_capture(text)
    if found is None:
        raise UserError("referat.capture_usage")
    items = _ensure_items(session, meeting, now)
    item = _find_item(items, found.number)
    if item is None:
        raise UserError(
            "referat.no_item",
            number=escape(found.number),
            numbers=", ".join(i.number or "" for i in items),
        )
    existing = list(
        session.scalars(
            select(ReferatLine).where(
                ReferatLine.item_id == item.id, ReferatLine.field == found.field
            )
        )
    )
    lines = [row.text for row in existing] + bullet_lines(found.text)
    _check_length(item.number or "", found.field, lines, lang)
    for offset, line in enumerate(bullet_lines(found.text)):
        session.add(
            ReferatLine(
                meeting_id=meeting.id,
                item_id=item.id,
                field=found.field,
                position=len(existing) + offset,
                text=line,
                source_channel=channel,
                source_ts=ts,
                written_by=actor.name,
                written_at=now,
            )
        )
    session.flush()
    return Captured(item.number or "", found.field, channel, ts)


def has_capture(session: Session, channel: str, ts: str) -> bool:
    """Tell whether lines of the referat were taken from a message."""
    return (
        session.scalar(
            select(ReferatLine.id)
            .where(ReferatLine.source_channel == channel, ReferatLine.source_ts == ts)
            .limit(1)
        )
        is not None
    )


def capture_changed(
    session: Session, *, channel: str, ts: str, text: str | None, now: datetime
) -> Captured | None:
    """Follow an edit or deletion of a captured message; None when none was captured from it.

    An edit that still reads as a capture replaces the lines (moving them if the item
    number changed); anything else — a deletion, Slack's "This message was deleted."
    tombstone, or an edit into other words — removes them.
    """
    rows = list(
        session.scalars(
            select(ReferatLine).where(
                ReferatLine.source_channel == channel, ReferatLine.source_ts == ts
            )
        )
    )
    if not rows:
        return None
    first = rows[0]
    meeting = session.get(Meeting, first.meeting_id)
    group = session.get(Group, meeting.group_id) if meeting is not None else None
    if meeting is None or group is None:
        return None
    check_writable(session, meeting, group)
    found = parse_capture(text) if text else None
    item = None
    if found is not None:
        item = _find_item(_ensure_items(session, meeting, now), found.number)
    old_ids = {row.id for row in rows}
    for row in rows:
        session.delete(row)
    session.flush()
    if found is None or item is None:
        return Captured(str(first.item_id), "", channel, ts)
    others = list(
        session.scalars(
            select(ReferatLine)
            .where(ReferatLine.item_id == item.id, ReferatLine.field == found.field)
            .order_by(ReferatLine.position, ReferatLine.id)
        )
    )
    # An edit keeps the line's place; a line moved to another item goes last there.
    same_place = item.id == first.item_id and found.field == first.field
    at = sum(1 for o in others if o.position < first.position) if same_place else len(others)
    fresh = [
        ReferatLine(
            meeting_id=meeting.id,
            item_id=item.id,
            field=found.field,
            text=line,
            source_channel=channel,
            source_ts=ts,
            written_by=first.written_by,
            written_at=now,
        )
        for line in bullet_lines(found.text)
    ]
    ordered = [o for o in others if o.id not in old_ids]
    ordered[at:at] = fresh
    for position, row in enumerate(ordered):
        row.position = position
    session.add_all(fresh)
    return Captured(item.number or "", found.field, channel, ts)


# ---------------------------------------------------------------------------------------
# Attendance
# ---------------------------------------------------------------------------------------


def _guest(line: str) -> tuple[str, str | None, str | None] | None:
    parts = [p.strip() for p in line.replace("\t", ",").split(",")]
    parts = [p for p in parts if p]
    if not parts:
        return None
    return (
        parts[0],
        (parts[1] if len(parts) > 1 else None),
        (", ".join(parts[2:]) if len(parts) > 2 else None),
    )


def save_attendance(
    session: Session,
    *,
    meeting_id: int,
    user_id: str,
    attended: set[int],
    guests_text: str,
    now: datetime,
) -> int:
    """Record who actually came and the guests; return how many took part."""
    meeting, group = meeting_and_group(session, meeting_id)
    actor = officer(session, group, user_id, group.language)
    check_writable(session, meeting, group)
    guests = [g for g in (_guest(line) for line in bullet_lines(guests_text)) if g]
    for name, title, _ in guests:
        if len(name) > 200 or (title and len(title) > 200):
            raise UserError("referat.guest_too_long")
    from bot.attendance import attendance_rows, expected_members

    rows = attendance_rows(session, meeting.id)
    by_member = {row.member_id: row for row in rows if row.member_id is not None}
    count = 0
    for member in expected_members(session, meeting.group_id):
        if member.role == Role.GUEST:
            continue
        row = by_member.get(member.id)
        came = member.id in attended
        count += came
        if row is None:
            session.add(
                Attendance(
                    meeting_id=meeting.id,
                    member_id=member.id,
                    name=member.name,
                    title=member.title,
                    organisation=member.organisation,
                    status=AttendanceStatus.ATTENDING if came else AttendanceStatus.ABSENT,
                    recorded_by=actor.slack_user_id,
                    updated_at=now,
                )
            )
        elif came and row.status != AttendanceStatus.ATTENDING:
            row.status = AttendanceStatus.ATTENDING
            row.substitute_name = None
            row.substitute_member_id = None
            row.recorded_by, row.updated_at = actor.slack_user_id, now
        elif not came and row.status == AttendanceStatus.ATTENDING:
            row.status = AttendanceStatus.ABSENT
            row.recorded_by, row.updated_at = actor.slack_user_id, now
    for row in rows:
        if row.member_id is None and row.status == AttendanceStatus.GUEST:
            session.delete(row)
    for name, title, organisation in guests:
        session.add(
            Attendance(
                meeting_id=meeting.id,
                name=name,
                title=title,
                organisation=organisation,
                status=AttendanceStatus.GUEST,
                recorded_by=actor.slack_user_id,
                updated_at=now,
            )
        )
    session.flush()
    return count


# ---------------------------------------------------------------------------------------
# The document and the approval round
# ---------------------------------------------------------------------------------------


def _notes(state: ItemState, names: dict[int, str], lang: str) -> list[str]:
    notes = [
        t("referat.doc.absent_during", lang, name=names.get(m, "?"), number=state.number)
        for m in state.absent
    ]
    notes += [
        t("referat.doc.conflict", lang, name=names.get(m, "?"), number=state.number)
        for m in state.conflict
    ]
    return notes


def build_document(
    session: Session, meeting: Meeting, group: Group, now: datetime
) -> ReferatDocument:
    """Return the referat of a meeting as the document the members approve."""
    from bot.attendance import attendance_block

    current = sheet(session, meeting, group, now)
    lang = group.language
    block = attendance_block(session, meeting)
    names = {m.id: m.name for m in MemberRepo(session).in_group(group.id)}

    def rows(people: list[object]) -> list[PersonRow]:
        return [
            PersonRow(
                getattr(p, "name", ""),
                getattr(p, "title", None) or "",
                getattr(p, "organisation", None) or "",
            )
            for p in people
        ]

    zone = ZoneInfo(group.timezone)
    start = meeting.starts_at.astimezone(zone)
    when = t("referat.doc.when", lang, date=_day(start, lang), time=start.strftime("%H:%M"))
    if meeting.ends_at is not None:
        when += "-" + meeting.ends_at.astimezone(zone).strftime("%H:%M")
    return ReferatDocument(
        group_name=group.name,
        date_text=when,
        place=meeting.location,
        participants=rows(list(block.participants)),
        guests=rows(list(block.guests)),
        absent=rows(list(block.absent)),
        items=tuple(
            ItemPart(
                number=state.number,
                title=state.title,
                recommendation=state.recommendation,
                discussion=state.discussion,
                notes=tuple(_notes(state, names, lang)),
                decisions=state.decisions,
            )
            for state in current.items
        ),
        lang=lang,
    )


def _day(at: datetime, lang: str) -> str:
    from bot.meetings import format_day

    return format_day(at.date(), lang)


def _store_decisions(session: Session, meeting: Meeting, now: datetime) -> None:
    """Write the decisions of the referat onto its items (what the archive and search read)."""
    lines = _lines(session, meeting.id)
    items = session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)).all()
    for item in items:
        mine = [line for line in lines if line.item_id == item.id]
        if not mine and not item.decisions:
            continue
        for decision in list(item.decisions):
            session.delete(decision)
        session.flush()
        decisions = [line for line in mine if line.field == DECISION]
        for position, line in enumerate(decisions):
            session.add(
                Decision(item_id=item.id, position=position, text=line.text, created_at=now)
            )
        discussion = [line.text for line in mine if line.field == DISCUSSION]
        item.discussion = "\n".join(discussion) or None
        if decisions and item.status in (ItemStatus.ACCEPTED, ItemStatus.PROPOSED):
            item.status = ItemStatus.TREATED if item.status == ItemStatus.ACCEPTED else item.status
        item.updated_at = now
    session.flush()
    session.expire_all()


def send_for_approval(
    session: Session, services: Services, *, meeting_id: int, user_id: str, now: datetime
) -> PostResult:
    """Generate the DOCX and PDF and start the approval round with them attached."""
    meeting, group = meeting_and_group(session, meeting_id)
    actor = officer(session, group, user_id, group.language)
    check_writable(session, meeting, group)
    if group.channel_id is None:
        raise UserError("approval.no_channel", group=escape(group.name))
    return _send(session, services, meeting, group, actor, now)


def _send(
    session: Session,
    services: Services,
    meeting: Meeting,
    group: Group,
    actor: Member,
    now: datetime,
) -> PostResult:
    from bot.approval import Attachment, meeting_day, post_generated
    from bot.domain.approval import ItemSnapshot, Snapshot
    from bot.meetings import meeting_label
    from bot.referat.document import referat_docx, referat_pdf, referat_text

    if meeting.starts_at > now and meeting.starts_at.date() > now.date():
        raise UserError("approval.not_held", date=_day(meeting.starts_at, group.language))
    _store_decisions(session, meeting, now)
    document = build_document(session, meeting, group, now)
    text = referat_text(document)
    docx = referat_docx(document)
    pdf = referat_pdf(document)
    stem = f"{t('referat.file_stem', group.language)}-{meeting_day(meeting, group)}"
    ids = {
        part.number: s.item_id
        for part, s in zip(document.items, sheet(session, meeting, group, now).items, strict=True)
    }
    snapshot = Snapshot(
        items=tuple(
            ItemSnapshot(part.number, part.title, tuple(part.decisions)) for part in document.items
        ),
        participants=tuple(p.name for p in document.participants),
        guests=tuple(p.name for p in document.guests),
        absent=tuple(p.name for p in document.absent),
        item_ids=ids,
    )
    pdf_title = t(
        "referat.pdf_title",
        group.language,
        date=meeting_label(meeting, group.language, tz=group.timezone),
    )
    result = post_generated(
        session,
        services,
        group=group,
        meeting=meeting,
        actor=actor,
        text=text,
        document_name=(f"{stem}.docx", len(docx)),
        snapshot=snapshot,
        attachments=[Attachment(f"{stem}.docx", docx), Attachment(f"{stem}.pdf", pdf, pdf_title)],
        now=now,
    )
    # Both files are shared in the request's thread after the commit (the DOCX first: it
    # is the text the members approve); each file's Slack id is recorded as it lands.
    for kind, content in (("docx", docx), ("pdf", pdf)):
        session.add(
            ReferatFile(
                minutes_id=result.minutes_id,
                kind=kind,
                filename=f"{stem}.{kind}",
                sha256=hashlib.sha256(content).hexdigest(),
                content=content,
                slack_file_id=None,
                created_at=now,
            )
        )
    return result


def kind_label(kind: str, lang: str) -> str:
    """Return an item kind as a word ("til beslutning")."""
    try:
        return t(f"referat.kind.{ItemKind(kind).value}", lang)
    except ValueError:
        return kind
