"""Use cases of the agenda: proposals, curation, assembly, publishing and export.

The draft agenda is assembled, not typed: the meeting's own items (accepted proposals,
items carried over), the standing items, the items the previous meeting listed under
"Punkter til næste møde", items postponed at earlier meetings and the follow-up on overdue
action items. Entries that are only derived get a row of their own ("materialised", keyed
by ``AgendaItem.origin``) the first time the chair curates or publishes the agenda, so the
minutes can record a decision under every item.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import io
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from bot.context import Context, language_for
from bot.dates import DateParseError, find_when
from bot.domain import agenda as rules
from bot.domain.agenda import (
    Agenda,
    AgendaEntry,
    AttachmentRef,
    MeetingFacts,
    Origin,
    ProposalText,
    Section,
    Standing,
)
from bot.domain.enums import (
    ActionStatus,
    ItemKind,
    ItemStatus,
    MeetingStatus,
    MinutesStatus,
    Source,
)
from bot.domain.permissions import Action
from bot.errors import UserError
from bot.i18n import t
from bot.meetings import (
    date_error,
    deadline_text,
    format_day,
    format_when,
    group_zone,
    is_held,
    local_day,
    meeting_label,
    previous_meeting,
    resolve_meeting,
    short_date,
    where_text,
)
from bot.ports import Message, Notifier
from bot.render import (
    actions_block,
    button,
    context_block,
    divider_block,
    escape,
    header_block,
    limit_blocks,
    section_block,
    shorten,
    user_link,
)
from storage.models import (
    ActionItem,
    AgendaItem,
    Attachment,
    Decision,
    Group,
    Meeting,
    Member,
    Minutes,
)
from storage.repositories import AuditLog, GroupRepo, MemberRepo

if TYPE_CHECKING:
    from bot.settings import Settings

log = logging.getLogger(__name__)

TITLE_LIMIT = 250
TEXT_LIMIT = 6000
ATTACHMENT_LIMIT = 20
HINT_LIMIT = 3
#: Hints weaker than this share of the best hit's score are left out.
HINT_MIN_RATIO = 0.5
SECTION_CHUNK = 2800

VIA_MENTION = "mention"
VIA_SLASH = "slash"
VIA_SHORTCUT = "shortcut"
VIA_MODAL = "modal"


# ---------------------------------------------------------------------------------------
# Who is acting
# ---------------------------------------------------------------------------------------


def actor_context(session: Session, settings: Settings, group: Group, user_id: str) -> Context:
    """Return the context of a person acting in a group they reached without its channel."""
    member = MemberRepo(session).by_slack_user(group.id, user_id)
    if member is not None and not member.active:
        member = None
    return Context(group=group, member=member, lang=language_for(settings, group, member))


def require_proposer_or_officer(ctx: Context, item: AgendaItem) -> Member:
    """Return the member if they proposed the item or curate the agenda, else refuse."""
    group = ctx.require_group()
    member = ctx.member
    is_proposer = member is not None and item.proposer_member_id == member.id
    if member is None or not rules.may_change_proposal(member.role, is_proposer):
        raise UserError("proposal.not_yours", group=escape(group.name))
    return member


# ---------------------------------------------------------------------------------------
# Messages to send after the transaction
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Notice:
    """A message to send once the transaction has committed: post, DM or update."""

    message: Message
    channel: str | None = None
    user: str | None = None
    thread_ts: str | None = None
    update_ts: str | None = None
    ephemeral_user: str | None = None


def send_notices(notifier: Notifier, notices: Iterable[Notice]) -> None:
    """Send notices in order; one that fails is logged and the rest still go out."""
    for notice in notices:
        try:
            if notice.ephemeral_user and notice.channel:
                notifier.ephemeral(
                    notice.channel,
                    notice.ephemeral_user,
                    notice.message,
                    thread_ts=notice.thread_ts,
                )
            elif notice.update_ts and notice.channel:
                notifier.update(notice.channel, notice.update_ts, notice.message)
            elif notice.channel:
                notifier.post(notice.channel, notice.message, thread_ts=notice.thread_ts)
            elif notice.user:
                notifier.dm(notice.user, notice.message)
        except Exception:
            log.exception("could not send a notice to %s", notice.channel or notice.user)


# ---------------------------------------------------------------------------------------
# Assembly
# ---------------------------------------------------------------------------------------

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


def _attachments(item: AgendaItem) -> tuple[AttachmentRef, ...]:
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
                attachments=_attachments(row),
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
            attachments=_attachments(item),
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


def _group_of(session: Session, meeting: Meeting) -> Group:
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
    group = _group_of(session, meeting)
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


# ---------------------------------------------------------------------------------------
# The archive hint: "have we decided this before?"
# ---------------------------------------------------------------------------------------


class ArchiveHitLike(Protocol):
    """What the archive search returns for one earlier item (``bot.archive.ArchiveHit``)."""

    meeting_date: Any
    item_number: str
    item_title: str
    decisions: list[str]
    score: float


def earlier_decisions(
    session: Session, group_id: int, text: str, now: datetime, limit: int = HINT_LIMIT
) -> list[ArchiveHitLike]:
    """Return earlier decisions that match a proposal strongly; [] while there is no archive.

    The archive search lives in ``bot.archive`` (written separately); until it is there,
    proposals simply come without the hint.
    """
    if not text.strip() or importlib.util.find_spec("bot.archive") is None:
        return []
    archive = importlib.import_module("bot.archive")
    hits: list[ArchiveHitLike] = list(
        archive.search_decisions(session, group_id, text, now, limit=limit)
    )
    hits = [h for h in hits if h.decisions]
    if not hits:
        return []
    best = max(h.score for h in hits)
    return [h for h in hits if h.score >= best * HINT_MIN_RATIO][:limit]


@dataclass(frozen=True)
class HintView:
    """An earlier decision shown with a proposal."""

    label: str
    decisions: tuple[str, ...]
    earlier_item_id: int | None


def _hit_item_id(session: Session, group: Group, hit: ArchiveHitLike) -> int | None:
    direct = getattr(hit, "item_id", None)
    if isinstance(direct, int):
        return direct
    from bot.meetings import meetings_on

    for meeting in meetings_on(session, group, hit.meeting_date):
        found = session.scalar(
            select(AgendaItem.id).where(
                AgendaItem.meeting_id == meeting.id, AgendaItem.number == hit.item_number
            )
        )
        if found is not None:
            return int(found)
    return None


def hint_views(
    session: Session, group: Group, item: AgendaItem, now: datetime, lang: str
) -> list[HintView]:
    """Return the earlier decisions to show with a proposal still waiting for the chair."""
    if item.status != ItemStatus.PROPOSED or item.related_item_id is not None:
        return []
    text = " ".join(p for p in (item.title, item.summary or "") if p)
    views = []
    for hit in earlier_decisions(session, group.id, text, now):
        views.append(
            HintView(
                label=t(
                    "proposal.hint.line",
                    lang,
                    date=format_day(hit.meeting_date, lang, weekday=False),
                    number=escape(str(hit.item_number)),
                    title=escape(shorten(hit.item_title, 150)),
                ),
                decisions=tuple(escape(shorten(d, 300)) for d in hit.decisions[:3]),
                earlier_item_id=_hit_item_id(session, group, hit),
            )
        )
    return views


# ---------------------------------------------------------------------------------------
# Proposals
# ---------------------------------------------------------------------------------------


@dataclass
class ProposalInput:
    """A proposal as a person gave it, from a message, a command or a form."""

    title: str
    kind: ItemKind | None = None
    summary: str | None = None
    background: str | None = None
    recommendation: str | None = None
    attachments: list[AttachmentRef] = field(default_factory=list)
    meeting_ref: str | None = None
    meeting_id: int | None = None
    via: str = VIA_MENTION
    source_channel: str | None = None
    source_ts: str | None = None


def date_prefix_reader(now: datetime, tz: str) -> rules.DatePrefix:
    """Return the reader that finds a date right after "til mødet" (for the proposal parser)."""

    def prefix(text: str) -> int | None:
        stripped = text.lstrip()
        offset = len(text) - len(stripped)
        looks_like_date = stripped[:1].isdigit()
        try:
            found = find_when(stripped, now, tz, prefer="future")
        except DateParseError as exc:
            if looks_like_date or (exc.fragment and stripped.startswith(exc.fragment)):
                raise date_error(exc) from None
            return None
        if found is None or found[1] != 0:
            if looks_like_date:
                fragment = stripped.split()[0] if stripped.split() else stripped
                raise UserError("meetings.date.unreadable", fragment=escape(fragment))
            return None
        return offset + found[2]

    return prefix


def read_proposal(text: str, now: datetime, tz: str) -> ProposalText:
    """Read a proposal written after ``punkt:`` into its parts."""
    return rules.parse_proposal(text, date_prefix_reader(now, tz))


def files_as_attachments(files: Sequence[dict[str, Any]]) -> list[AttachmentRef]:
    """Return the files shared with a message as bilag (title, permalink, file id)."""
    refs = []
    for file in files:
        file_id = str(file.get("id") or "") or None
        title = str(file.get("title") or file.get("name") or file_id or "")
        url = file.get("permalink") or file.get("url_private")
        if title:
            refs.append(AttachmentRef(title, str(url) if url else None, file_id))
    return refs


def input_from_text(
    text: str,
    now: datetime,
    tz: str,
    *,
    via: str,
    files: Sequence[dict[str, Any]] = (),
    source_channel: str | None = None,
    source_ts: str | None = None,
) -> ProposalInput:
    """Turn a proposal message into the input of :func:`propose`."""
    parsed = read_proposal(text, now, tz)
    return ProposalInput(
        title=parsed.title,
        kind=parsed.kind,
        summary=parsed.summary,
        background=parsed.background,
        recommendation=parsed.recommendation,
        attachments=[*parsed.attachments, *files_as_attachments(files)],
        meeting_ref=parsed.meeting_ref,
        via=via,
        source_channel=source_channel,
        source_ts=source_ts,
    )


def check_proposal(data: ProposalInput) -> None:
    """Validate a proposal's texts: a title of reasonable length, bounded texts and bilag."""
    if not data.title.strip():
        raise UserError("proposal.no_title")
    if len(data.title) > TITLE_LIMIT:
        raise UserError("proposal.title_too_long", limit=TITLE_LIMIT)
    for text in (data.summary, data.background, data.recommendation):
        if text and len(text) > TEXT_LIMIT:
            raise UserError("proposal.text_too_long", limit=TEXT_LIMIT)
    if len(data.attachments) > ATTACHMENT_LIMIT:
        raise UserError("proposal.too_many_attachments", limit=ATTACHMENT_LIMIT)


def target_meeting(session: Session, group: Group, data: ProposalInput, now: datetime) -> Meeting:
    """Return the meeting a proposal is for: the one chosen, the one named, or the next."""
    if data.meeting_id is not None:
        meeting = session.get(Meeting, data.meeting_id)
        if (
            meeting is None
            or meeting.group_id != group.id
            or meeting.status == MeetingStatus.CANCELLED
            or is_held(meeting, now, group.timezone)
        ):
            raise UserError("proposal.pick_meeting")
        return meeting
    return resolve_meeting(session, group, data.meeting_ref, now)


def _next_position(session: Session, meeting_id: int) -> int:
    top = session.scalar(
        select(func.max(AgendaItem.position)).where(AgendaItem.meeting_id == meeting_id)
    )
    return int(top or 0) + 10


def _set_attachments(session: Session, item: AgendaItem, refs: Sequence[AttachmentRef]) -> None:
    for old in list(item.attachments):
        session.delete(old)
    item.attachments.clear()
    for index, ref in enumerate(refs):
        item.attachments.append(
            Attachment(position=index, title=ref.title, url=ref.url, slack_file_id=ref.file_id)
        )


def late_for(meeting: Meeting, group: Group, now: datetime) -> bool:
    """Tell whether a proposal made now misses the meeting's proposal deadline."""
    today = now.astimezone(group_zone(group)).date()
    return rules.is_late(today, local_day(meeting, group.timezone), group.proposal_deadline_days)


def propose(session: Session, ctx: Context, data: ProposalInput, now: datetime) -> AgendaItem:
    """Record a proposal for a meeting (late when after the deadline); members only."""
    member = ctx.require(Action.PROPOSE)
    group = ctx.require_group()
    check_proposal(data)
    meeting = target_meeting(session, group, data, now)
    item = AgendaItem(
        meeting_id=meeting.id,
        title=" ".join(data.title.split()),
        kind=data.kind or ItemKind.DECISION,
        status=ItemStatus.PROPOSED,
        is_late=late_for(meeting, group, now),
        is_standing=False,
        summary=data.summary,
        background=data.background,
        recommendation=data.recommendation,
        proposer_member_id=member.id,
        proposer_name=member.name,
        source_channel=data.source_channel,
        source_ts=data.source_ts,
        via=data.via,
        position=_next_position(session, meeting.id),
        created_at=now,
        updated_at=now,
    )
    session.add(item)
    session.flush()
    _set_attachments(session, item, data.attachments)
    AuditLog(session).record(
        at=now,
        action="proposal.created",
        group_id=group.id,
        actor=member.slack_user_id,
        subject_type="agenda_item",
        subject_id=item.id,
        detail={"meeting": meeting.id, "late": item.is_late, "via": data.via},
    )
    return item


def update_proposal(
    session: Session, ctx: Context, item: AgendaItem, data: ProposalInput, now: datetime
) -> AgendaItem:
    """Change a proposal's texts, kind, bilag and (while waiting) its meeting."""
    require_proposer_or_officer(ctx, item)
    group = ctx.require_group()
    if item.status not in (ItemStatus.PROPOSED, ItemStatus.ACCEPTED):
        raise UserError("proposal.closed", status=t(f"proposal.status.{item.status}", ctx.lang))
    check_proposal(data)
    if data.meeting_id is not None or data.meeting_ref:
        meeting = target_meeting(session, group, data, now)
        if meeting.id != item.meeting_id and item.status == ItemStatus.PROPOSED:
            item.meeting_id = meeting.id
            item.is_late = late_for(meeting, group, now)
            item.position = _next_position(session, meeting.id)
    item.title = " ".join(data.title.split())
    if data.kind is not None:
        item.kind = data.kind
    item.summary = data.summary
    item.background = data.background
    item.recommendation = data.recommendation
    _set_attachments(session, item, data.attachments)
    item.updated_at = now
    AuditLog(session).record(
        at=now,
        action="proposal.edited",
        group_id=group.id,
        actor=ctx.member.slack_user_id if ctx.member else None,
        subject_type="agenda_item",
        subject_id=item.id,
    )
    return item


def withdraw(
    session: Session, ctx: Context | None, item: AgendaItem, now: datetime, *, actor: str | None
) -> AgendaItem:
    """Withdraw a proposal (its proposer or an officer; ``ctx`` None: the message was deleted)."""
    if ctx is not None:
        require_proposer_or_officer(ctx, item)
    if item.status == ItemStatus.WITHDRAWN:
        return item
    if item.status not in (ItemStatus.PROPOSED, ItemStatus.ACCEPTED):
        lang = ctx.lang if ctx else None
        raise UserError("proposal.closed", status=t(f"proposal.status.{item.status}", lang))
    item.status = ItemStatus.WITHDRAWN
    item.updated_at = now
    meeting = session.get(Meeting, item.meeting_id)
    AuditLog(session).record(
        at=now,
        action="proposal.withdrawn",
        group_id=meeting.group_id if meeting else None,
        actor=actor,
        subject_type="agenda_item",
        subject_id=item.id,
    )
    return item


def proposals_from_message(session: Session, channel: str, ts: str) -> list[AgendaItem]:
    """Return the proposals read from a message, which follow its edits and deletion."""
    return list(
        session.scalars(
            select(AgendaItem).where(
                AgendaItem.source_channel == channel,
                AgendaItem.source_ts == ts,
                AgendaItem.via == VIA_MENTION,
                AgendaItem.status.in_([ItemStatus.PROPOSED, ItemStatus.ACCEPTED]),
            )
        )
    )


def apply_edit(
    session: Session, item: AgendaItem, text: str, now: datetime, files: Sequence[dict[str, Any]]
) -> bool:
    """Bring a proposal in line with its edited message; False when nothing changed."""
    meeting = session.get(Meeting, item.meeting_id)
    group = GroupRepo(session).get(meeting.group_id) if meeting else None
    if meeting is None or group is None:
        return False
    data = input_from_text(text, now, group.timezone, via=VIA_MENTION, files=files)
    if not data.title.strip():
        return False
    check_proposal(data)
    target: Meeting | None = None
    if data.meeting_ref and item.status == ItemStatus.PROPOSED:
        target = resolve_meeting(session, group, data.meeting_ref, now)
    before = (item.title, item.kind, item.summary, item.recommendation, item.background)
    before_links = [(a.title, a.url) for a in item.attachments]
    item.title = " ".join(data.title.split())
    if data.kind is not None:
        item.kind = data.kind
    item.summary = data.summary
    item.background = data.background
    item.recommendation = data.recommendation
    # Links follow the edited text; files shared with the message stay (an edit of the
    # text cannot remove them, and the edit event does not always repeat them).
    shared = {
        a.slack_file_id: AttachmentRef(a.title, a.url, a.slack_file_id)
        for a in item.attachments
        if a.slack_file_id
    }
    shared.update({r.file_id: r for r in data.attachments if r.file_id})
    refs = [r for r in data.attachments if not r.file_id] + list(shared.values())
    if [(r.title, r.url) for r in refs] != before_links:
        _set_attachments(session, item, refs)
    if target is not None and target.id != item.meeting_id:
        item.meeting_id = target.id
        item.is_late = late_for(target, group, now)
        item.position = _next_position(session, target.id)
    changed = (
        before
        != (
            item.title,
            item.kind,
            item.summary,
            item.recommendation,
            item.background,
        )
        or [(a.title, a.url) for a in item.attachments] != before_links
    )
    if changed:
        item.updated_at = now
        AuditLog(session).record(
            at=now,
            action="proposal.edited",
            group_id=group.id,
            actor=None,
            subject_type="agenda_item",
            subject_id=item.id,
            detail={"from_message": True},
        )
    return True


# ---------------------------------------------------------------------------------------
# The proposal's confirmation message
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProposalView:
    """What a proposal's confirmation shows."""

    item_id: int
    number: str
    title: str
    kind: ItemKind
    status: ItemStatus
    meeting: str
    proposer: str | None
    summary: str | None
    recommendation: str | None
    attachments: tuple[AttachmentRef, ...]
    late: bool
    deadline: str
    reject_reason: str | None = None
    postponed_to: str | None = None
    related: str | None = None
    hints: tuple[HintView, ...] = ()


def proposal_view(session: Session, item: AgendaItem, now: datetime) -> ProposalView:
    """Collect what a proposal's confirmation shows, as the agenda will show it."""
    meeting = session.get(Meeting, item.meeting_id)
    assert meeting is not None
    group = _group_of(session, meeting)
    lang = group.language
    agenda = assemble_agenda(session, meeting, now)
    key = f"item:{item.id}"
    number = rules.preview_number(agenda, key) or ""
    entry = agenda.find(key)
    return ProposalView(
        item_id=item.id,
        number=number,
        title=item.title,
        kind=ItemKind(item.kind),
        status=ItemStatus(item.status),
        meeting=where_text(meeting, group, lang),
        proposer=item.proposer_name,
        summary=item.summary,
        recommendation=item.recommendation,
        attachments=_attachments(item),
        late=item.is_late,
        deadline=deadline_text(meeting, group, lang),
        reject_reason=item.reject_reason,
        postponed_to=entry.postponed_to if entry else None,
        related=entry.related if entry else None,
        hints=tuple(hint_views(session, group, item, now, lang)),
    )


def _links(refs: Iterable[AttachmentRef]) -> str:
    parts = []
    for ref in refs:
        title = shorten(ref.title, 120)
        parts.append(user_link(ref.url, title) if ref.url else escape(title))
    return ", ".join(parts)


def kind_label(kind: ItemKind | str, lang: str) -> str:
    """Return "til beslutning" / "for decision" for an item kind."""
    return t(f"agenda.kind.{ItemKind(kind).value}", lang)


def proposal_message(view: ProposalView, lang: str) -> Message:
    """Build the confirmation of a proposal: the item as the agenda will show it, and buttons."""
    heading = t("proposal.confirm.heading", lang, meeting=view.meeting)
    line = t(
        "proposal.confirm.item",
        lang,
        number=view.number or "–",
        title=escape(view.title),
        kind=kind_label(view.kind, lang),
        proposer=escape(view.proposer or "?"),
    )
    body = [f"{heading}\n{line}"]
    if view.summary:
        body.append(t("proposal.confirm.summary", lang, text=escape(shorten(view.summary, 800))))
    if view.recommendation:
        body.append(
            t(
                "proposal.confirm.recommendation",
                lang,
                text=escape(shorten(view.recommendation, 800)),
            )
        )
    if view.attachments:
        body.append(t("proposal.confirm.attachments", lang, links=_links(view.attachments)))
    if view.related:
        body.append(t("agenda.note.related", lang, ref=view.related))
    status_key = f"proposal.status_line.{view.status.value}"
    status = t(
        status_key,
        lang,
        number=view.number or "–",
        reason=escape(view.reject_reason or ""),
        date=view.postponed_to or "?",
    )
    notes = [status]
    if view.late:
        notes.append(t("proposal.confirm.late", lang, deadline=view.deadline))
    blocks: list[dict[str, Any]] = [
        section_block("\n".join(body)),
        context_block(" · ".join(notes)),
    ]
    if view.status in (ItemStatus.PROPOSED, ItemStatus.ACCEPTED):
        blocks.append(
            actions_block(
                [
                    button(t("proposal.button.edit", lang), "proposal_edit", str(view.item_id)),
                    {
                        **button(
                            t("proposal.button.withdraw", lang),
                            "proposal_withdraw",
                            str(view.item_id),
                            style="danger",
                        ),
                        "confirm": _confirm(
                            t("proposal.withdraw.confirm_title", lang),
                            t("proposal.withdraw.confirm_text", lang),
                            t("proposal.button.withdraw", lang),
                            t("meetings.cancel_word", lang),
                        ),
                    },
                ]
            )
        )
    if view.hints:
        blocks.append(divider_block())
        blocks.append(section_block(t("proposal.hint.heading", lang)))
        for index, hint in enumerate(view.hints):
            text = hint.label + "".join(f"\n• {d}" for d in hint.decisions)
            accessory = None
            if hint.earlier_item_id is not None:
                accessory = overflow(
                    "proposal_hint",
                    [
                        (
                            t("proposal.hint.link", lang),
                            f"link|{view.item_id}|{hint.earlier_item_id}",
                        ),
                        (
                            t("proposal.hint.merge", lang),
                            f"merge|{view.item_id}|{hint.earlier_item_id}",
                        ),
                        (
                            t("proposal.hint.reject", lang),
                            f"reject|{view.item_id}|{hint.earlier_item_id}",
                        ),
                    ],
                )
            block = section_block(text, accessory=accessory)
            block["block_id"] = f"hint-{index}"
            blocks.append(block)
        blocks.append(context_block(t("proposal.hint.footer", lang)))
    fallback = f"{heading} {line}"
    return Message(text=fallback, blocks=blocks)


def _confirm(title: str, text: str, yes: str, no: str) -> dict[str, Any]:
    return {
        "title": {"type": "plain_text", "text": shorten(title, 100)},
        "text": {"type": "plain_text", "text": shorten(text, 300)},
        "confirm": {"type": "plain_text", "text": shorten(yes, 30)},
        "deny": {"type": "plain_text", "text": shorten(no, 30)},
    }


def overflow(action_id: str, options: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """Return an overflow menu (2–5 options; texts and values within Slack's limits)."""
    return {
        "type": "overflow",
        "action_id": action_id,
        "options": [
            {"text": {"type": "plain_text", "text": shorten(text, 75)}, "value": value[:75]}
            for text, value in options[:5]
        ],
    }


def confirmation_notice(session: Session, item: AgendaItem, now: datetime) -> Notice | None:
    """Return the update of a proposal's confirmation message, when it has one."""
    if not item.confirm_ts:
        return None
    meeting = session.get(Meeting, item.meeting_id)
    if meeting is None:
        return None
    group = _group_of(session, meeting)
    channel = item.source_channel or group.channel_id
    if not channel:
        return None
    message = proposal_message(proposal_view(session, item, now), group.language)
    return Notice(message=message, channel=channel, update_ts=item.confirm_ts)


@dataclass(frozen=True)
class Confirmation:
    """Where to post a new proposal's confirmation, and what it says."""

    item_id: int
    message: Message
    channel: str | None
    thread_ts: str | None
    user: str | None = None


def confirmation_for(
    session: Session,
    item: AgendaItem,
    now: datetime,
    *,
    channel: str | None,
    thread_ts: str | None,
    user: str | None = None,
) -> Confirmation:
    """Build the first confirmation of a proposal (posted after the transaction)."""
    meeting = session.get(Meeting, item.meeting_id)
    assert meeting is not None
    group = _group_of(session, meeting)
    message = proposal_message(proposal_view(session, item, now), group.language)
    return Confirmation(
        item_id=item.id,
        message=message,
        channel=channel or group.channel_id,
        thread_ts=thread_ts,
        user=user,
    )


def post_confirmation(services: Any, confirmation: Confirmation) -> None:
    """Post a proposal's confirmation and remember where, so it can be updated later."""
    notifier: Notifier = services.notifier
    if confirmation.channel:
        posted = notifier.post(
            confirmation.channel, confirmation.message, thread_ts=confirmation.thread_ts
        )
    elif confirmation.user:
        posted = notifier.dm(confirmation.user, confirmation.message)
    else:
        return
    with services.uow() as session:
        item = session.get(AgendaItem, confirmation.item_id)
        if item is not None:
            item.confirm_ts = posted.ts
            if not item.source_channel:
                item.source_channel = posted.channel


# ---------------------------------------------------------------------------------------
# Curation
# ---------------------------------------------------------------------------------------


@dataclass
class Curated:
    """What a curation step did, and who must hear about it."""

    meeting: Meeting
    item: AgendaItem | None
    text: str
    notices: list[Notice] = field(default_factory=list)


def _proposer_dm(
    session: Session, item: AgendaItem, actor: Member, message: Message
) -> Notice | None:
    if item.proposer_member_id is None or item.proposer_member_id == actor.id:
        return None
    proposer = session.get(Member, item.proposer_member_id)
    if proposer is None or not proposer.slack_user_id:
        return None
    return Notice(message=message, user=proposer.slack_user_id)


def _with_confirmation(session: Session, result: Curated, now: datetime) -> Curated:
    if result.item is not None:
        notice = confirmation_notice(session, result.item, now)
        if notice is not None:
            result.notices.append(notice)
    return result


def _movable_row(item: AgendaItem) -> None:
    if item.is_standing and standing_of(item) in (
        Standing.APPROVE_AGENDA,
        Standing.APPROVE_MINUTES,
        Standing.NEXT_MEETING,
        Standing.ANY_OTHER,
    ):
        raise UserError("agenda.standing_fixed", title=escape(item.title))


def accept(session: Session, ctx: Context, meeting: Meeting, key: str, now: datetime) -> Curated:
    """Put a proposal on the agenda (chair or secretary)."""
    actor = ctx.require(Action.CURATE)
    item = row_for(session, meeting, key, now)
    if item.status not in (ItemStatus.PROPOSED, ItemStatus.REJECTED):
        raise UserError("agenda.not_pending", title=escape(item.title))
    item.status = ItemStatus.ACCEPTED
    item.reject_reason = None
    item.updated_at = now
    _audit(session, meeting, actor, "agenda.accepted", item, now)
    session.flush()
    number = rules.preview_number(assemble_agenda(session, meeting, now), f"item:{item.id}") or ""
    text = t("agenda.done.accepted", ctx.lang, title=escape(item.title), number=number)
    result = Curated(meeting, item, text)
    dm = _proposer_dm(
        session,
        item,
        actor,
        Message(
            t(
                "agenda.dm.accepted",
                _member_lang(session, item),
                title=escape(item.title),
                number=number,
                meeting=meeting_label(meeting, _member_lang(session, item)),
            )
        ),
    )
    if dm:
        result.notices.append(dm)
    return _with_confirmation(session, result, now)


def _member_lang(session: Session, item: AgendaItem) -> str:
    member = session.get(Member, item.proposer_member_id) if item.proposer_member_id else None
    meeting = session.get(Meeting, item.meeting_id)
    group = session.get(Group, meeting.group_id) if meeting else None
    if member is not None and member.language:
        return member.language
    return group.language if group is not None else "da"


def reject(
    session: Session, ctx: Context, meeting: Meeting, key: str, reason: str, now: datetime
) -> Curated:
    """Take an item off the agenda with a reason the proposer is told (chair or secretary)."""
    actor = ctx.require(Action.CURATE)
    reason = " ".join(reason.split())
    if not reason:
        raise UserError("agenda.reject_needs_reason")
    item = row_for(session, meeting, key, now)
    _movable_row(item)
    if item.status not in (ItemStatus.PROPOSED, ItemStatus.ACCEPTED):
        raise UserError("agenda.not_pending", title=escape(item.title))
    item.status = ItemStatus.REJECTED
    item.reject_reason = reason[:2000]
    item.updated_at = now
    _audit(session, meeting, actor, "agenda.rejected", item, now, {"reason": item.reject_reason})
    text = t("agenda.done.rejected", ctx.lang, title=escape(item.title))
    result = Curated(meeting, item, text)
    lang = _member_lang(session, item)
    dm = _proposer_dm(
        session,
        item,
        actor,
        Message(
            t(
                "agenda.dm.rejected",
                lang,
                title=escape(item.title),
                meeting=meeting_label(meeting, lang),
                reason=escape(item.reject_reason),
                by=escape(actor.name),
            )
        ),
    )
    if dm:
        result.notices.append(dm)
    return _with_confirmation(session, result, now)


def agenda_was_published_with(meeting: Meeting, item: AgendaItem) -> bool:
    """Tell whether an item was on the meeting's published agenda."""
    for row in meeting.agenda_snapshot or []:
        if row.get("id") == item.id or (item.origin and row.get("key") == item.origin):
            return True
    return False


def postpone(
    session: Session,
    ctx: Context,
    meeting: Meeting,
    key: str,
    target: Meeting,
    now: datetime,
) -> Curated:
    """Move an item to a later meeting; once on a published agenda it is "udsat fra …"."""
    actor = ctx.require(Action.CURATE)
    group = ctx.require_group()
    if target.id == meeting.id or target.group_id != meeting.group_id:
        raise UserError("agenda.postpone_same")
    if target.status == MeetingStatus.CANCELLED or is_held(target, now, group.timezone):
        raise UserError("agenda.postpone_target_past")
    item = row_for(session, meeting, key, now)
    _movable_row(item)
    if item.is_standing:
        raise UserError("agenda.standing_fixed", title=escape(item.title))
    if item.status not in (ItemStatus.PROPOSED, ItemStatus.ACCEPTED):
        raise UserError("agenda.not_pending", title=escape(item.title))
    # Why: "udsat fra 15/5" tells members the item stood on that meeting's agenda; a
    # proposal the chair moves before the agenda went out was never udsat, it just moves.
    if agenda_was_published_with(meeting, item) or is_held(meeting, now, group.timezone):
        item.status = ItemStatus.POSTPONED
        item.postponed_to_meeting_id = target.id
    else:
        item.meeting_id = target.id
        item.is_late = False
        item.position = _next_position(session, target.id)
        if item.origin and item.origin.startswith("carry:"):
            original = session.get(AgendaItem, int(item.origin.split(":", 1)[1]))
            if original is not None:
                original.postponed_to_meeting_id = target.id
        elif item.origin:
            item.origin = None
    item.updated_at = now
    _audit(session, meeting, actor, "agenda.postponed", item, now, {"to": target.id})
    label = meeting_label(target, ctx.lang, tz=group.timezone)
    result = Curated(
        meeting, item, t("agenda.done.postponed", ctx.lang, title=escape(item.title), meeting=label)
    )
    lang = _member_lang(session, item)
    dm = _proposer_dm(
        session,
        item,
        actor,
        Message(
            t(
                "agenda.dm.postponed",
                lang,
                title=escape(item.title),
                meeting=meeting_label(target, lang, tz=group.timezone),
            )
        ),
    )
    if dm:
        result.notices.append(dm)
    return _with_confirmation(session, result, now)


def move(
    session: Session, ctx: Context, meeting: Meeting, key: str, step: int, now: datetime
) -> Curated:
    """Move an item one place up (-1) or down (+1) within its part of the agenda."""
    actor = ctx.require(Action.CURATE)
    rows = materialise(session, meeting, now)
    item = rows.get(key) or row_for(session, meeting, key, now)
    _movable_row(item)
    agenda = assemble_agenda(session, meeting, now)
    entry_key = f"item:{item.id}"
    positions = rules.reorder_positions(agenda, entry_key, step)
    if not positions:
        raise UserError("agenda.cannot_move", title=escape(item.title))
    for moved_key, position in positions.items():
        row = session.get(AgendaItem, int(moved_key.split(":", 1)[1]))
        if row is not None:
            row.position = position
            row.updated_at = now
    _audit(session, meeting, actor, "agenda.moved", item, now, {"step": step})
    session.flush()
    number = rules.preview_number(assemble_agenda(session, meeting, now), entry_key) or ""
    text = t("agenda.done.moved", ctx.lang, title=escape(item.title), number=number)
    return _with_confirmation(session, Curated(meeting, item, text), now)


def set_kind(
    session: Session, ctx: Context, meeting: Meeting, key: str, kind: ItemKind, now: datetime
) -> Curated:
    """Change what an item asks of the group: decision, discussion or information."""
    actor = ctx.require(Action.CURATE)
    if kind == ItemKind.STANDING:
        raise UserError("agenda.kind_usage")
    item = row_for(session, meeting, key, now)
    if item.is_standing:
        raise UserError("agenda.standing_fixed", title=escape(item.title))
    item.kind = kind
    item.updated_at = now
    _audit(session, meeting, actor, "agenda.kind", item, now, {"kind": kind.value})
    text = t(
        "agenda.done.kind", ctx.lang, title=escape(item.title), kind=kind_label(kind, ctx.lang)
    )
    return _with_confirmation(session, Curated(meeting, item, text), now)


def resolve_hint(
    session: Session,
    ctx: Context,
    item: AgendaItem,
    action: str,
    earlier_id: int,
    now: datetime,
) -> Curated:
    """Link a proposal to an earlier decision, continue that matter, or reject it as decided."""
    actor = ctx.require(Action.CURATE)
    meeting = session.get(Meeting, item.meeting_id)
    earlier = session.get(AgendaItem, earlier_id)
    if meeting is None or earlier is None:
        raise UserError("agenda.unknown_item", ref=str(earlier_id))
    earlier_meeting = session.get(Meeting, earlier.meeting_id)
    if earlier_meeting is None or earlier_meeting.group_id != meeting.group_id:
        raise UserError("agenda.unknown_item", ref=str(earlier_id))
    group = ctx.require_group()
    day = short_date(earlier_meeting.starts_at, group.timezone)
    ref = t("agenda.note.related_ref", ctx.lang, date=day, number=earlier.number or "?")
    if action == "reject":
        decisions = [d.text for d in earlier.decisions][:2]
        reason = t(
            "proposal.hint.reject_reason",
            _member_lang(session, item),
            ref=ref,
            title=earlier.title,
            decisions="; ".join(decisions) or "–",
        )
        return reject(session, ctx, meeting, f"item:{item.id}", reason, now)
    if item.status != ItemStatus.PROPOSED:
        raise UserError("agenda.not_pending", title=escape(item.title))
    item.related_item_id = earlier.id
    if action == "merge":
        # Why: the corpus agendas number a matter's repeated treatments (… II, III) and
        # keep one title, so the new proposal continues the earlier item's title.
        own_title = item.title
        item.title = rules.next_treatment_title(earlier.title)
        item.summary = "\n".join(p for p in (own_title, item.summary) if p)
        if not item.background and earlier.background:
            item.background = earlier.background
    item.updated_at = now
    _audit(session, meeting, actor, f"proposal.hint.{action}", item, now, {"earlier": earlier.id})
    key = "agenda.done.merged" if action == "merge" else "agenda.done.linked"
    text = t(key, ctx.lang, title=escape(item.title), ref=ref)
    return _with_confirmation(session, Curated(meeting, item, text), now)


def _audit(
    session: Session,
    meeting: Meeting,
    actor: Member,
    action: str,
    item: AgendaItem,
    now: datetime,
    detail: dict[str, Any] | None = None,
) -> None:
    AuditLog(session).record(
        at=now,
        action=action,
        group_id=meeting.group_id,
        actor=actor.slack_user_id,
        subject_type="agenda_item",
        subject_id=item.id,
        detail={"meeting": meeting.id, **(detail or {})},
    )


# ---------------------------------------------------------------------------------------
# Publishing
# ---------------------------------------------------------------------------------------


@dataclass
class Publication:
    """A version of the agenda ready to post, and the version it replaces."""

    meeting_id: int
    channel: str
    message: Message
    version: int
    previous: tuple[str, str] | None
    previous_message: Message | None
    pending: int


def publish(session: Session, ctx: Context, meeting: Meeting, now: datetime) -> Publication:
    """Fix the agenda's numbers and record a new published version (posted after commit)."""
    actor = ctx.require(Action.CURATE)
    group = ctx.require_group()
    if not group.channel_id:
        raise UserError("agenda.no_channel")
    if meeting.status == MeetingStatus.CANCELLED:
        raise UserError("meetings.cancelled_already", when=meeting_label(meeting, ctx.lang))
    materialise(session, meeting, now)
    session.flush()
    agenda = assemble_agenda(session, meeting, now)
    if agenda.published and not agenda.changes:
        raise UserError("agenda.no_changes", version=agenda.version)
    for entry in agenda.entries:
        if entry.item_id is not None:
            row = session.get(AgendaItem, entry.item_id)
            if row is not None:
                row.number = entry.number
    previous = None
    previous_message = None
    if meeting.agenda_channel and meeting.agenda_ts and meeting.agenda_snapshot is not None:
        previous = (meeting.agenda_channel, meeting.agenda_ts)
        old = Agenda(
            meeting_id=meeting.id,
            group_name=group.name,
            entries=tuple(rules.entries_from_snapshot(meeting.agenda_snapshot)),
            version=meeting.agenda_version,
            published=True,
            meeting=meeting_facts(meeting, group),
        )
        superseded = t("agenda.superseded", group.language, version=meeting.agenda_version + 1)
        blocks = [context_block(superseded), *agenda_blocks(old, group.language)]
        previous_message = Message(text=superseded, blocks=limit_blocks(blocks))
    meeting.agenda_version = (meeting.agenda_version or 0) + 1
    meeting.agenda_snapshot = rules.snapshot(agenda)
    meeting.agenda_published_at = now
    AuditLog(session).record(
        at=now,
        action="agenda.published",
        group_id=group.id,
        actor=actor.slack_user_id,
        subject_type="meeting",
        subject_id=meeting.id,
        detail={"version": meeting.agenda_version},
    )
    published = replace(agenda, version=meeting.agenda_version, published=True)
    message = Message(
        text=t(
            "agenda.published.fallback",
            group.language,
            group=escape(group.name),
            meeting=meeting_label(meeting, group.language),
        ),
        blocks=limit_blocks(agenda_blocks(published, group.language)),
    )
    return Publication(
        meeting_id=meeting.id,
        channel=group.channel_id,
        message=message,
        version=meeting.agenda_version,
        previous=previous,
        previous_message=previous_message,
        pending=len(agenda.pending),
    )


def post_publication(services: Any, publication: Publication) -> None:
    """Post a published agenda, mark the version it replaces, and remember where it is."""
    notifier: Notifier = services.notifier
    posted = notifier.post(publication.channel, publication.message)
    if publication.previous is not None and publication.previous_message is not None:
        try:
            notifier.update(*publication.previous, publication.previous_message)
        except Exception:
            log.exception("could not mark the previous agenda version as replaced")
    with services.uow() as session:
        meeting = session.get(Meeting, publication.meeting_id)
        if meeting is not None:
            meeting.agenda_channel = posted.channel
            meeting.agenda_ts = posted.ts


# ---------------------------------------------------------------------------------------
# Block Kit: the published agenda and the draft
# ---------------------------------------------------------------------------------------


def entry_notes(entry: AgendaEntry, lang: str) -> list[str]:
    """Return the short notes after an entry's title: udsat fra, eftersendt, udsat til."""
    notes = []
    if entry.carried_from and entry.origin == Origin.CARRIED:
        notes.append(t("agenda.note.carried", lang, date=entry.carried_from))
    if entry.carried_from and entry.origin == Origin.NEXT_LIST:
        notes.append(t("agenda.note.next_list", lang, date=entry.carried_from))
    if entry.is_late:
        notes.append(t("agenda.note.late", lang))
    if entry.status == ItemStatus.POSTPONED:
        notes.append(t("agenda.note.postponed_to", lang, date=entry.postponed_to or "?"))
    return notes


def entry_line(entry: AgendaEntry, lang: str, *, with_details: bool = True) -> str:
    """Return one entry as mrkdwn: number, title, notes, kind, proposer and bilag."""
    notes = entry_notes(entry, lang)
    title = escape(entry.title)
    head = f"*{entry.number}.* {title}" if entry.number else title
    if notes:
        head += f" _({', '.join(notes)})_"
    meta = []
    if entry.standing is None:
        meta.append(kind_label(entry.kind, lang))
    if entry.proposer:
        meta.append(escape(entry.proposer))
    if entry.attachments:
        meta.append(t("agenda.attachments_inline", lang, links=_links(entry.attachments)))
    if entry.related:
        meta.append(t("agenda.note.related", lang, ref=entry.related))
    lines = [head]
    if meta:
        lines.append("      " + " · ".join(meta))
    if with_details:
        lines += [f"      • {escape(d)}" for d in entry.details[:10]]
    return "\n".join(lines)


def _heading_lines(agenda: Agenda, lang: str) -> list[str]:
    lines = []
    if agenda.meeting is not None:
        facts = agenda.meeting
        when = format_when(facts.starts_at, facts.ends_at, facts.has_time, facts.timezone, lang)
        lines.append(t("agenda.heading.when", lang, when=when))
        if facts.location:
            lines.append(t("agenda.heading.place", lang, place=escape(facts.location)))
    return lines


def section_title(section: Section, lang: str) -> str | None:
    """Return the heading of an agenda section, or None for the opening and closing."""
    if section in (Section.DECISION, Section.INFORMATION):
        return t(f"agenda.section.{section.value}", lang)
    return None


def _chunks(lines: Sequence[str], limit: int = SECTION_CHUNK) -> list[str]:
    chunks: list[str] = []
    current = ""
    for line in lines:
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit and current:
            chunks.append(current)
            current = line
        else:
            current = candidate
    if current:
        chunks.append(current)
    return chunks


def agenda_blocks(agenda: Agenda, lang: str) -> list[dict[str, Any]]:
    """Return the agenda as the channel sees it: heading, sections and numbered items."""
    title = t("agenda.title", lang, group=agenda.group_name)
    blocks: list[dict[str, Any]] = [header_block(title)]
    heading = _heading_lines(agenda, lang)
    if agenda.version:
        heading.append(t("agenda.version", lang, version=agenda.version))
    if heading:
        blocks.append(context_block(" · ".join(heading)))
    if agenda.changes:
        blocks.append(section_block(changes_text(agenda, lang)))
    lines: list[str] = []
    for section, entries in agenda.by_section():
        heading_text = section_title(section, lang)
        if heading_text:
            lines.append(f"\n*{heading_text}*")
        lines += [entry_line(e, lang) for e in entries]
    blocks += [section_block(chunk) for chunk in _chunks(lines)]
    return limit_blocks(blocks)


def changes_text(agenda: Agenda, lang: str) -> str:
    """Return the changes since the last published version, as mrkdwn."""
    changes = agenda.changes
    if not changes:
        return ""
    lines = [t("agenda.changes.heading", lang, version=changes.since)]
    lines += [
        t("agenda.changes.added", lang, number=n, title=escape(title)) for n, title in changes.added
    ]
    lines += [
        t("agenda.changes.removed", lang, number=n, title=escape(title))
        for n, title in changes.removed
    ]
    for change in changes.changed:
        if change.old_title != change.title:
            lines.append(
                t(
                    "agenda.changes.retitled",
                    lang,
                    number=change.number,
                    old=escape(change.old_title),
                    title=escape(change.title),
                )
            )
        elif change.kind_changed:
            lines.append(
                t("agenda.changes.kind", lang, number=change.number, title=escape(change.title))
            )
        if change.old_number != change.number:
            lines.append(
                t(
                    "agenda.changes.renumbered",
                    lang,
                    old=change.old_number,
                    number=change.number,
                    title=escape(change.title),
                )
            )
    return "\n".join(lines)


def _entry_menu(agenda: Agenda, entry: AgendaEntry, lang: str) -> dict[str, Any] | None:
    if not entry.movable:
        return None
    mid = agenda.meeting_id
    options: list[tuple[str, str]] = []
    if rules.neighbour(agenda, entry.key, -1) is not None:
        options.append((t("agenda.menu.up", lang), f"up|{mid}|{entry.key}"))
    if rules.neighbour(agenda, entry.key, 1) is not None:
        options.append((t("agenda.menu.down", lang), f"down|{mid}|{entry.key}"))
    if entry.standing is None:
        options.append((t("agenda.menu.kind", lang), f"kind|{mid}|{entry.key}"))
        if entry.status != ItemStatus.POSTPONED:
            options.append((t("agenda.menu.postpone", lang), f"postpone|{mid}|{entry.key}"))
    if entry.status != ItemStatus.POSTPONED:
        options.append((t("agenda.menu.reject", lang), f"reject|{mid}|{entry.key}"))
    if len(options) < 2:
        return None
    return overflow("agenda_entry", options)


def draft_blocks(
    agenda: Agenda, lang: str, *, officer: bool, limit: int = 50
) -> list[dict[str, Any]]:
    """Return the draft agenda with the chair's controls (menus, accept/reject, publish)."""
    if not officer:
        return agenda_blocks(agenda, lang)
    mid = agenda.meeting_id
    title = t("agenda.draft.title", lang, group=agenda.group_name)
    blocks: list[dict[str, Any]] = [header_block(title)]
    heading = _heading_lines(agenda, lang)
    state = (
        t("agenda.draft.published", lang, version=agenda.version)
        if agenda.published
        else t("agenda.draft.unpublished", lang)
    )
    blocks.append(context_block(" · ".join([*heading, state])))
    if agenda.changes:
        blocks.append(section_block(changes_text(agenda, lang)))
    publish_text = (
        t("agenda.button.publish_again", lang, version=agenda.version + 1)
        if agenda.published
        else t("agenda.button.publish", lang)
    )
    controls = []
    if not agenda.published or agenda.changes:
        controls.append(button(publish_text, "agenda_publish", str(mid), style="primary"))
    controls += [
        button(t("agenda.button.export_docx", lang), "agenda_export_docx", f"docx|{mid}"),
        button(t("agenda.button.export_md", lang), "agenda_export_md", f"md|{mid}"),
    ]
    body: list[dict[str, Any]] = []
    for section, entries in agenda.by_section():
        heading_text = section_title(section, lang)
        if heading_text:
            body.append(section_block(f"*{heading_text}*"))
        for entry in entries:
            body.append(
                section_block(entry_line(entry, lang), accessory=_entry_menu(agenda, entry, lang))
            )
    if agenda.pending:
        body.append(divider_block())
        body.append(section_block(t("agenda.pending.heading", lang, count=len(agenda.pending))))
        for index, entry in enumerate(agenda.pending, start=1):
            preview = rules.preview_number(agenda, entry.key) or ""
            line = t(
                "agenda.pending.line",
                lang,
                ref=f"F{index}",
                number=preview,
                line=entry_line(entry, lang),
            )
            body.append(section_block(line))
            body.append(
                actions_block(
                    [
                        button(
                            t("agenda.button.accept", lang),
                            "agenda_accept",
                            f"{mid}|{entry.key}",
                            style="primary",
                        ),
                        button(
                            t("agenda.button.reject", lang), "agenda_reject", f"{mid}|{entry.key}"
                        ),
                        button(
                            t("agenda.button.postpone", lang),
                            "agenda_postpone",
                            f"{mid}|{entry.key}",
                        ),
                        button(t("agenda.button.kind", lang), "agenda_kind", f"{mid}|{entry.key}"),
                    ]
                )
            )
    if agenda.set_aside:
        names = ", ".join(
            f"{escape(shorten(e.title, 60))} ({t(f'proposal.status.{e.status.value}', lang)})"
            for e in agenda.set_aside[:10]
        )
        body.append(context_block(t("agenda.set_aside", lang, items=names)))
    room = limit - len(blocks) - 1
    if len(body) > room:
        body = [*body[: room - 1], context_block(t("agenda.draft.truncated", lang))]
    return [*blocks, *body, actions_block(controls)]


# ---------------------------------------------------------------------------------------
# Export: Markdown and DOCX in the house layout
# ---------------------------------------------------------------------------------------


def _md_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("#", "\\#")


def _plain_when(agenda: Agenda, lang: str) -> tuple[str | None, str | None]:
    if agenda.meeting is None:
        return None, None
    facts = agenda.meeting
    when = format_when(facts.starts_at, facts.ends_at, facts.has_time, facts.timezone, lang)
    return when, facts.location


def _item_parts(entry: AgendaEntry, lang: str) -> list[tuple[str, str | list[str]]]:
    parts: list[tuple[str, str | list[str]]] = []
    if entry.summary:
        parts.append((t("agenda.export.summary", lang), entry.summary))
    if entry.details:
        parts.append((t("agenda.export.summary", lang), list(entry.details)))
    if entry.background:
        parts.append((t("agenda.export.background", lang), entry.background))
    if entry.related:
        parts.append((t("agenda.export.related", lang), entry.related))
    if entry.recommendation:
        parts.append((t("agenda.export.recommendation", lang), entry.recommendation))
    if entry.attachments:
        parts.append(
            (
                t("agenda.export.attachments", lang),
                [f"{a.title} ({a.url})" if a.url else a.title for a in entry.attachments],
            )
        )
    return parts


def _entry_heading(entry: AgendaEntry, lang: str) -> str:
    notes = entry_notes(entry, lang)
    suffix = f" ({', '.join(notes)})" if notes else ""
    return f"{entry.number}. {entry.title}{suffix}"


def agenda_markdown(agenda: Agenda, lang: str, attendance: str | None = None) -> str:
    """Return the agenda as Markdown: contents, then each item with empty Beslutning."""
    when, place = _plain_when(agenda, lang)
    out = [f"# {_md_escape(t('agenda.title', lang, group=agenda.group_name))}", ""]
    if when:
        out.append(f"**{t('agenda.export.date', lang)}:** {_md_escape(when)}  ")
    if place:
        out.append(f"**{t('agenda.export.place', lang)}:** {_md_escape(place)}  ")
    if agenda.version:
        out.append(f"{t('agenda.version', lang, version=agenda.version)}  ")
    if attendance:
        out.append("")
        out += [
            _md_escape(" · ".join(c for c in line.split("\t") if c)) + "  " if line else ""
            for line in attendance.splitlines()
        ]
    out += ["", t("agenda.export.intro", lang), ""]
    for section, entries in agenda.by_section():
        heading = section_title(section, lang)
        if heading:
            out += ["", f"**{heading}:**", ""]
        out += [_md_escape(_entry_heading(e, lang)) for e in entries]
    for entry in agenda.entries:
        out += ["", "---", "", f"## {_md_escape(_entry_heading(entry, lang))}", ""]
        if entry.standing is None:
            meta = kind_label(entry.kind, lang).capitalize()
            if entry.proposer:
                meta += " · " + t("agenda.export.proposer", lang, name=entry.proposer)
            out += [f"*{_md_escape(meta)}*", ""]
        for label, value in _item_parts(entry, lang):
            if isinstance(value, list):
                out.append(f"**{label}:**")
                out += [f"- {_md_escape(v)}" for v in value]
                out.append("")
            else:
                out += [f"**{label}:**", "", _md_escape(value), ""]
        out += [f"**{t('agenda.export.decision', lang)}:**", "", ""]
    return "\n".join(out).rstrip() + "\n"


def agenda_docx(agenda: Agenda, lang: str, attendance: str | None = None) -> bytes:
    """Return the agenda as a Word document in the same layout as the Markdown export."""
    from docx import Document

    document = Document()
    document.add_heading(t("agenda.title", lang, group=agenda.group_name), level=0)
    when, place = _plain_when(agenda, lang)
    for heading_label, heading_value in (
        (t("agenda.export.date", lang), when),
        (t("agenda.export.place", lang), place),
    ):
        if heading_value:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{heading_label}: ").bold = True
            paragraph.add_run(heading_value)
    if attendance:
        # The participants' table of the minutes header: tab-separated rows as in the corpus.
        for line in attendance.splitlines():
            if line:
                document.add_paragraph(line)
    if agenda.version:
        document.add_paragraph(t("agenda.version", lang, version=agenda.version))
    document.add_paragraph(t("agenda.export.intro", lang))
    for section, entries in agenda.by_section():
        heading = section_title(section, lang)
        if heading:
            document.add_paragraph().add_run(f"{heading}:").bold = True
        for entry in entries:
            document.add_paragraph(_entry_heading(entry, lang))
    for entry in agenda.entries:
        document.add_heading(_entry_heading(entry, lang), level=2)
        if entry.standing is None:
            meta = kind_label(entry.kind, lang).capitalize()
            if entry.proposer:
                meta += " · " + t("agenda.export.proposer", lang, name=entry.proposer)
            document.add_paragraph().add_run(meta).italic = True
        for label, value in _item_parts(entry, lang):
            document.add_paragraph().add_run(f"{label}:").bold = True
            if isinstance(value, list):
                for line in value:
                    document.add_paragraph(line, style="List Bullet")
            else:
                for line in value.splitlines() or [value]:
                    document.add_paragraph(line)
        document.add_paragraph().add_run(f"{t('agenda.export.decision', lang)}:").bold = True
        document.add_paragraph("")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
