"""Assemble the draft agenda from rows, carried items, standing items and follow-ups."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from bot.domain import agenda as rules
from bot.domain.agenda import Agenda, AgendaEntry, AttachmentRef, MeetingFacts, Origin, Standing
from bot.domain.enums import (
    ActionStatus,
    ItemKind,
    ItemStatus,
    MeetingStatus,
    MinutesStatus,
    Source,
)
from bot.errors import UserError
from bot.i18n import t
from bot.meetings import format_day, is_held, local_day, previous_meeting, short_date
from bot.render import escape, shorten
from storage.models import ActionItem, AgendaItem, Attachment, Decision, Group, Meeting, Minutes
from storage.repositories import GroupRepo

TITLE_LIMIT = 250

_STANDING_TITLES = {
    "godkendelse af dagsorden": Standing.APPROVE_AGENDA,
    "approval of the agenda": Standing.APPROVE_AGENDA,
    "godkendelse af referat": Standing.APPROVE_MINUTES,
    "approval of the minutes": Standing.APPROVE_MINUTES,
    "evt": Standing.ANY_OTHER,
    "eventuelt": Standing.ANY_OTHER,
    "any other business": Standing.ANY_OTHER,
}


def standing_of(item: AgendaItem) -> Standing | None:
    """Return the standing role of a row: from its origin, else guessed from its title."""
    if item.origin and item.origin.startswith("standing:"):
        return Standing(item.origin.split(":")[1])
    if not item.is_standing:
        return None
    title = item.title.casefold().strip().rstrip(".: ")
    if rules.is_next_meeting_title(item.title):
        return Standing.NEXT_MEETING
    for prefix, standing in _STANDING_TITLES.items():
        if title.startswith(prefix):
            return standing
    return Standing.FIXED_INFO


def origin_of(item: AgendaItem) -> Origin:
    """Return where a row came from."""
    if item.is_standing or (item.origin or "").startswith("standing:"):
        return Origin.STANDING
    if (item.origin or "").startswith(("next:", "note:")):
        return Origin.NEXT_LIST
    if item.carried_from_id is not None:
        return Origin.CARRIED
    return Origin.PROPOSAL


def attachments_of(item: AgendaItem) -> tuple[AttachmentRef, ...]:
    """Return an item's attachments as the domain sees them."""
    return tuple(AttachmentRef(a.title, a.url, a.slack_file_id) for a in item.attachments)


def _fixed_key(title: str) -> str:
    digest = hashlib.sha1(title.casefold().encode("utf-8")).hexdigest()[:12]
    return f"standing:{Standing.FIXED_INFO.value}:{digest}"


def _meeting_days(session: Session, meeting_ids: set[int], tz: str) -> dict[int, str]:
    if not meeting_ids:
        return {}
    rows = session.execute(
        select(Meeting.id, Meeting.starts_at).where(Meeting.id.in_(meeting_ids))
    ).all()
    return {row[0]: short_date(row[1], tz) for row in rows}


def _overdue_actions(session: Session, group: Group, meeting: Meeting, lang: str) -> list[str]:
    day = local_day(meeting, group.timezone)
    actions = session.scalars(
        select(ActionItem)
        .where(
            ActionItem.group_id == group.id,
            ActionItem.status == ActionStatus.OPEN,
            ActionItem.due_date.is_not(None),
            ActionItem.due_date < day,
        )
        .order_by(ActionItem.due_date, ActionItem.id)
        .limit(30)
    ).all()
    lines = []
    for action in actions:
        assert action.due_date is not None
        lines.append(
            t(
                "agenda.follow_up.line",
                lang,
                text=shorten(" ".join(action.text.split()), 200),
                owner=action.owner_name or t("agenda.follow_up.no_owner", lang),
                due=format_day(action.due_date, lang, weekday=False),
            )
        )
    return lines


def _minutes_approved(session: Session, meeting: Meeting) -> bool:
    found = session.scalar(
        select(func.count(Minutes.id)).where(
            Minutes.meeting_id == meeting.id, Minutes.status == MinutesStatus.APPROVED
        )
    )
    return bool(found)


def _row_entries(
    session: Session, meeting: Meeting, group: Group, lang: str, now: datetime
) -> tuple[list[AgendaEntry], set[str], list[AgendaItem]]:
    tz = group.timezone
    rows = list(
        session.scalars(
            select(AgendaItem)
            .where(AgendaItem.meeting_id == meeting.id)
            .options(selectinload(AgendaItem.attachments))
            .order_by(AgendaItem.position, AgendaItem.id)
        )
    )
    carried_ids = {r.carried_from_id for r in rows if r.carried_from_id is not None}
    related_ids = {r.related_item_id for r in rows if r.related_item_id is not None}
    linked: dict[int, tuple[int, str | None]] = {}
    if carried_ids | related_ids:
        for item_id, meeting_id, number in session.execute(
            select(AgendaItem.id, AgendaItem.meeting_id, AgendaItem.number).where(
                AgendaItem.id.in_(carried_ids | related_ids)
            )
        ):
            linked[item_id] = (meeting_id, number)
    targets = {r.postponed_to_meeting_id for r in rows if r.postponed_to_meeting_id is not None}
    days = _meeting_days(session, {m for m, _ in linked.values()} | targets, tz)
    held = is_held(meeting, now, tz)
    entries: list[AgendaEntry] = []
    origins: set[str] = set()
    for row in rows:
        if row.origin:
            origins.add(row.origin)
        standing = standing_of(row)
        carried_from = None
        origin = origin_of(row)
        if row.carried_from_id in linked:
            carried_from = days.get(linked[row.carried_from_id][0])
        elif origin == Origin.NEXT_LIST and row.origin:
            carried_from = _next_list_label(session, row.origin, tz)
        related = None
        if row.related_item_id in linked:
            meeting_id, number = linked[row.related_item_id]
            related = t(
                "agenda.note.related_ref",
                lang,
                date=days.get(meeting_id, "?"),
                number=number or "?",
            )
        details: tuple[str, ...] = ()
        if standing == Standing.FOLLOW_UP:
            details = (
                tuple(rules.next_list_lines(row.summary))
                if held
                else tuple(_overdue_actions(session, group, meeting, lang))
            )
        entries.append(
            AgendaEntry(
                key=f"item:{row.id}",
                item_id=row.id,
                title=row.title,
                kind=ItemKind(row.kind),
                status=ItemStatus(row.status),
                origin=origin,
                standing=standing,
                position=row.position,
                order=row.id,
                is_late=row.is_late,
                proposer=row.proposer_name,
                attachments=attachments_of(row),
                carried_from=carried_from,
                postponed_to=days.get(row.postponed_to_meeting_id)
                if row.postponed_to_meeting_id is not None
                else None,
                summary=None if standing == Standing.FOLLOW_UP else row.summary,
                background=row.background,
                recommendation=row.recommendation,
                details=details,
                related=related,
                number=row.number or "",
            )
        )
    return entries, origins, rows


def _next_list_label(session: Session, origin: str, tz: str) -> str | None:
    parts = origin.split(":")
    try:
        if parts[0] == "note":
            meeting = session.get(Meeting, int(parts[1]))
        else:
            decision = session.get(Decision, int(parts[1]))
            item = session.get(AgendaItem, decision.item_id) if decision else None
            meeting = session.get(Meeting, item.meeting_id) if item else None
    except (IndexError, ValueError):
        return None
    return short_date(meeting.starts_at, tz) if meeting is not None else None


def _carried_entries(
    session: Session, meeting: Meeting, previous: Meeting | None, tz: str
) -> list[AgendaEntry]:
    conditions = [
        (AgendaItem.postponed_to_meeting_id == meeting.id) & (AgendaItem.meeting_id != meeting.id)
    ]
    if previous is not None:
        # Why: an item the meeting postponed without naming a date goes to the next meeting.
        conditions.append(
            (AgendaItem.meeting_id == previous.id) & AgendaItem.postponed_to_meeting_id.is_(None)
        )
    clause = conditions[0] if len(conditions) == 1 else conditions[0] | conditions[1]
    items = session.scalars(
        select(AgendaItem)
        .where(AgendaItem.status == ItemStatus.POSTPONED, clause)
        .options(selectinload(AgendaItem.attachments))
        .order_by(AgendaItem.id)
    ).all()
    days = _meeting_days(session, {i.meeting_id for i in items}, tz)
    return [
        AgendaEntry(
            key=f"carry:{item.id}",
            title=item.title,
            kind=ItemKind(item.kind) if item.kind != ItemKind.STANDING else ItemKind.DECISION,
            status=ItemStatus.ACCEPTED,
            origin=Origin.CARRIED,
            order=index,
            proposer=item.proposer_name,
            attachments=attachments_of(item),
            carried_from=days.get(item.meeting_id),
            summary=item.summary,
            background=item.background,
            recommendation=item.recommendation,
        )
        for index, item in enumerate(items)
    ]


def _next_list_entries(
    session: Session, previous: Meeting | None, tz: str, offset: int
) -> list[AgendaEntry]:
    """Return the items the previous meeting recorded under "Punkter til næste møde".

    Both places count: the meeting's ``next_meeting_note`` (one item per line), and the
    decisions recorded under its standing item of that title (one item per decision).
    """
    if previous is None:
        return []
    label = short_date(previous.starts_at, tz)
    found: list[tuple[str, str]] = []
    for index, line in enumerate(rules.next_list_lines(previous.next_meeting_note)):
        found.append((f"note:{previous.id}:{index}", line))
    standing_rows = session.scalars(
        select(AgendaItem).where(
            AgendaItem.meeting_id == previous.id, AgendaItem.is_standing.is_(True)
        )
    ).all()
    next_ids = [row.id for row in standing_rows if rules.is_next_meeting_title(row.title)]
    if next_ids:
        decisions = session.scalars(
            select(Decision)
            .where(Decision.item_id.in_(next_ids))
            .order_by(Decision.item_id, Decision.position, Decision.id)
        ).all()
        for decision in decisions:
            for line in rules.next_list_lines(decision.text):
                found.append((f"next:{decision.id}", line))
                break
    seen: set[str] = set()
    entries: list[AgendaEntry] = []
    for key, line in found:
        if line.casefold() in seen:
            continue
        seen.add(line.casefold())
        entries.append(
            AgendaEntry(
                key=key,
                title=shorten(line, TITLE_LIMIT),
                kind=ItemKind.DISCUSSION,
                status=ItemStatus.ACCEPTED,
                origin=Origin.NEXT_LIST,
                order=offset + len(entries),
                carried_from=label,
            )
        )
    return entries


def _standing_entries(
    session: Session, meeting: Meeting, group: Group, previous: Meeting | None, lang: str
) -> list[AgendaEntry]:
    tz = group.timezone
    entries = [
        AgendaEntry(
            key=f"standing:{Standing.APPROVE_AGENDA.value}",
            title=t("agenda.standing.approve_agenda", lang),
            kind=ItemKind.STANDING,
            status=ItemStatus.ACCEPTED,
            origin=Origin.STANDING,
            standing=Standing.APPROVE_AGENDA,
            recommendation=t(
                "agenda.standing.approve_agenda.recommendation", lang, group=group.name
            ),
        )
    ]
    # Why: a group that approves its minutes in Slack (the tacit approval this bot runs)
    # does not approve them again at the meeting; the 2020 Sjælland agendas, after the
    # group moved to approval by mail, have no such item.
    if previous is not None and not _minutes_approved(session, previous):
        entries.append(
            AgendaEntry(
                key=f"standing:{Standing.APPROVE_MINUTES.value}",
                title=t(
                    "agenda.standing.approve_minutes", lang, date=short_date(previous.starts_at, tz)
                ),
                kind=ItemKind.STANDING,
                status=ItemStatus.ACCEPTED,
                origin=Origin.STANDING,
                standing=Standing.APPROVE_MINUTES,
                recommendation=t(
                    "agenda.standing.approve_minutes.recommendation", lang, group=group.name
                ),
            )
        )
    overdue = _overdue_actions(session, group, meeting, lang)
    if overdue:
        entries.append(
            AgendaEntry(
                key=f"standing:{Standing.FOLLOW_UP.value}",
                title=t("agenda.standing.follow_up", lang),
                kind=ItemKind.INFORMATION,
                status=ItemStatus.ACCEPTED,
                origin=Origin.STANDING,
                standing=Standing.FOLLOW_UP,
                details=tuple(overdue),
            )
        )
    for index, title in enumerate(group.fixed_information_items or []):
        if not str(title).strip():
            continue
        entries.append(
            AgendaEntry(
                key=_fixed_key(str(title)),
                title=str(title).strip(),
                kind=ItemKind.INFORMATION,
                status=ItemStatus.ACCEPTED,
                origin=Origin.STANDING,
                standing=Standing.FIXED_INFO,
                order=index,
            )
        )
    entries.append(
        AgendaEntry(
            key=f"standing:{Standing.NEXT_MEETING.value}",
            title=t("agenda.standing.next_meeting", lang),
            kind=ItemKind.STANDING,
            status=ItemStatus.ACCEPTED,
            origin=Origin.STANDING,
            standing=Standing.NEXT_MEETING,
        )
    )
    entries.append(
        AgendaEntry(
            key=f"standing:{Standing.ANY_OTHER.value}",
            title=t("agenda.standing.any_other", lang),
            kind=ItemKind.STANDING,
            status=ItemStatus.ACCEPTED,
            origin=Origin.STANDING,
            standing=Standing.ANY_OTHER,
        )
    )
    return entries


def group_of(session: Session, meeting: Meeting) -> Group:
    """Return the group a meeting belongs to."""
    group = GroupRepo(session).get(meeting.group_id)
    if group is None:  # pragma: no cover - a meeting always has its group (foreign key)
        raise LookupError(f"meeting {meeting.id} has no group")
    return group


def meeting_facts(meeting: Meeting, group: Group) -> MeetingFacts:
    """Return what an agenda's heading shows about its meeting."""
    return MeetingFacts(
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        has_time=meeting.has_time,
        location=meeting.location,
        timezone=group.timezone,
        title=meeting.title,
    )


def assemble_agenda(session: Session, meeting: Meeting, now: datetime) -> Agenda:
    """Assemble a meeting's agenda from its items, the standing items and carried items."""
    group = group_of(session, meeting)
    lang = group.language
    tz = group.timezone
    entries, origins, _ = _row_entries(session, meeting, group, lang, now)
    if meeting.source == Source.IMPORT:
        return _recorded_agenda(meeting, group, entries)
    previous = previous_meeting(session, meeting)
    derived: list[AgendaEntry] = []
    if meeting.status != MeetingStatus.CANCELLED:
        derived += _standing_entries(session, meeting, group, previous, lang)
        carried = _carried_entries(session, meeting, previous, tz)
        derived += carried
        derived += _next_list_entries(session, previous, tz, len(carried))
    standing_done = {
        e.standing for e in entries if e.standing and e.standing != Standing.FIXED_INFO
    }
    for entry in derived:
        if entry.key in origins:
            continue
        if entry.standing is not None and entry.standing in standing_done:
            continue  # imported or hand-made standing rows stand in for derived ones
        entries.append(entry)
    agenda = rules.assemble(
        meeting.id,
        group.name,
        entries,
        version=meeting.agenda_version or 0,
        published=bool(meeting.agenda_version),
        meeting=meeting_facts(meeting, group),
    )
    if meeting.agenda_version and meeting.agenda_snapshot is not None:
        changes = rules.diff(meeting.agenda_snapshot, agenda, since=meeting.agenda_version)
        agenda = replace(agenda, changes=changes)
    return agenda


def _recorded_agenda(meeting: Meeting, group: Group, entries: list[AgendaEntry]) -> Agenda:
    """Return an imported meeting's agenda as it was recorded: its own items and numbers.

    Why: an imported agenda is the group's record; nothing is derived or renumbered
    (its "A)"–"I)" information items and "4B" late items stay as the document had them).
    """
    on_agenda = sorted(
        (e for e in entries if e.status not in rules.SET_ASIDE), key=lambda e: (e.position, e.order)
    )
    return Agenda(
        meeting_id=meeting.id,
        group_name=group.name,
        entries=tuple(replace(e, number=e.number or str(i)) for i, e in enumerate(on_agenda, 1)),
        set_aside=tuple(e for e in entries if e.status in rules.SET_ASIDE),
        version=meeting.agenda_version or 0,
        published=bool(meeting.agenda_version),
        meeting=meeting_facts(meeting, group),
    )


def materialise(session: Session, meeting: Meeting, now: datetime) -> dict[str, AgendaItem]:
    """Give every derived entry of the agenda a row of its own; return the rows by key."""
    agenda = assemble_agenda(session, meeting, now)
    rows: dict[str, AgendaItem] = {}
    for entry in (*agenda.entries, *agenda.pending, *agenda.set_aside):
        if entry.item_id is not None:
            item = session.get(AgendaItem, entry.item_id)
            if item is not None:
                rows[entry.key] = item
            continue
        item = _materialise_entry(session, meeting, entry, now)
        if item is not None:
            rows[entry.key] = item
    return rows


def _materialise_entry(
    session: Session, meeting: Meeting, entry: AgendaEntry, now: datetime
) -> AgendaItem | None:
    original: AgendaItem | None = None
    if entry.key.startswith("carry:"):
        original = session.get(AgendaItem, int(entry.key.split(":", 1)[1]))
    summary = "\n".join(entry.details) if entry.standing == Standing.FOLLOW_UP else entry.summary
    item = AgendaItem(
        meeting_id=meeting.id,
        title=entry.title,
        kind=entry.kind,
        status=ItemStatus.ACCEPTED,
        is_late=False,
        is_standing=entry.standing is not None,
        summary=summary,
        background=entry.background,
        recommendation=entry.recommendation,
        proposer_member_id=original.proposer_member_id if original else None,
        proposer_name=entry.proposer,
        carried_from_id=original.id if original else None,
        origin=entry.key,
        position=entry.position,
        created_at=now,
        updated_at=now,
    )
    try:
        with session.begin_nested():
            session.add(item)
            session.flush()
    except IntegrityError:
        # Another request materialised the same entry first; use its row.
        return session.scalar(
            select(AgendaItem).where(
                AgendaItem.meeting_id == meeting.id, AgendaItem.origin == entry.key
            )
        )
    for index, ref in enumerate(entry.attachments):
        session.add(
            Attachment(
                item_id=item.id,
                position=index,
                title=ref.title,
                url=ref.url,
                slack_file_id=ref.file_id,
            )
        )
    if original is not None:
        original.postponed_to_meeting_id = meeting.id
    return item


def row_for(session: Session, meeting: Meeting, key: str, now: datetime) -> AgendaItem:
    """Return the row of an agenda entry, materialising the agenda when it has none yet."""
    if key.startswith("item:"):
        item = session.get(AgendaItem, int(key.split(":", 1)[1]))
        if item is None or item.meeting_id != meeting.id:
            raise UserError("agenda.unknown_item", ref=escape(key))
        return item
    existing = session.scalar(
        select(AgendaItem).where(AgendaItem.meeting_id == meeting.id, AgendaItem.origin == key)
    )
    if existing is not None:
        return existing
    rows = materialise(session, meeting, now)
    if key not in rows:
        raise UserError("agenda.unknown_item", ref=escape(key))
    return rows[key]
