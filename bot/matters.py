"""Matters (sager): link agenda items across meetings and tell a matter's timeline."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.domain.enums import ItemKind, ItemStatus
from bot.domain.matters import (
    CUE_BONUS,
    LINK_THRESHOLD,
    ItemTerms,
    Status,
    Treatment,
    has_carry_cue,
    link_score,
    statuses,
)
from bot.errors import UserError
from bot.search.query import ParsedQuestion
from storage.models import AgendaItem, Group, MatterLink, Meeting
from storage.repositories import AuditLog

__all__ = [
    "CANDIDATES",
    "Matter",
    "TimelineEntry",
    "join_matter",
    "link_item",
    "link_meeting",
    "matter_of",
    "matter_timeline",
    "register",
    "split_item",
]

CANDIDATES = 20
"""How many of the index's best matches for an item's own terms are scored as links."""
_EXCLUDED = (ItemStatus.REJECTED, ItemStatus.WITHDRAWN, ItemStatus.PROPOSED)


@dataclass(frozen=True)
class TimelineEntry:
    """One treatment of a matter, with what it did and where it is written."""

    item_id: int
    meeting_id: int
    meeting_date: date
    item_number: str
    item_title: str
    decisions: list[str]
    status: Status
    kind: Literal["decision", "pending", "information"]
    replaced_on: date | None
    minutes_status: str
    source: str


@dataclass(frozen=True)
class Matter:
    """A matter and its treatments, newest first."""

    id: int
    group_id: int
    title: str
    timeline: list[TimelineEntry]

    @property
    def in_force(self) -> TimelineEntry | None:
        """Return the treatment whose decision holds now, if any."""
        return next((e for e in self.timeline if e.status == "in_force"), None)

    def as_json(self) -> dict[str, object]:
        """Return the matter in the `ask --json` / `matters --json` shape."""
        return {
            "id": self.id,
            "title": self.title,
            "timeline": [
                {
                    "date": e.meeting_date.isoformat(),
                    "item": {"number": e.item_number, "title": e.item_title},
                    "decisions": e.decisions,
                    "status": e.status,
                    "postponed": e.kind == "pending",
                    "replaced_on": e.replaced_on.isoformat() if e.replaced_on else None,
                    "minutes_status": e.minutes_status,
                    "source": e.source,
                }
                for e in self.timeline
            ],
        }


def _process_stems() -> frozenset[str]:
    """Return the stems of the words that name an item's step rather than its topic."""
    from bot.archive import PROCESS_WORDS
    from bot.search.analysis import Analyzer

    analyzer = Analyzer()
    return frozenset(analyzer.stem(word) for word in PROCESS_WORDS)


_PROCESS: frozenset[str] | None = None


def _ignored() -> frozenset[str]:
    """Return the cached process-word stems."""
    global _PROCESS
    if _PROCESS is None:
        _PROCESS = _process_stems()
    return _PROCESS


def _linkable(item: AgendaItem) -> bool:
    """Tell whether an item can belong to a matter (standing items never do)."""
    return not (item.is_standing or item.kind == ItemKind.STANDING or item.status in _EXCLUDED)


def _row(session: Session, item: AgendaItem) -> MatterLink | None:
    """Return the item's link row, if it has one."""
    return session.get(MatterLink, item.id)


def _ensure(session: Session, item: AgendaItem, now: datetime) -> MatterLink:
    """Return the item's link row, making it a matter of its own when it has none."""
    row = _row(session, item)
    if row is None:
        row = MatterLink(
            item_id=item.id,
            group_id=item.meeting.group_id,
            matter_id=item.id,
            how="self",
            confidence=1.0,
            pinned=False,
            updated_at=now,
        )
        session.add(row)
        session.flush()
    return row


def _merge(session: Session, item: AgendaItem, other: AgendaItem, how: str, score: float,
           now: datetime) -> None:
    """Put the item (and the matter it heads) into the other item's matter."""
    target = _ensure(session, other, now).matter_id
    row = _ensure(session, item, now)
    if row.pinned or row.matter_id == target:
        return
    old = row.matter_id
    for member in session.scalars(select(MatterLink).where(MatterLink.matter_id == old)):
        if member.pinned and member.item_id != item.id:
            continue
        member.matter_id = target
        member.updated_at = now
    row.how = how
    row.confidence = round(score, 4)
    row.updated_at = now
    session.flush()


def link_item(session: Session, item_id: int, now: datetime) -> int | None:
    """Link one item to the matter it continues; return its matter id (None: not linkable).

    Links the bot knows come first: an item carried over from an earlier one, or a
    proposal tied to an earlier item by the "decided before?" hint. Otherwise the
    item joins the most alike item of another meeting of its group, when that one
    scores at least ``LINK_THRESHOLD`` (a cue such as "udsat fra" adds ``CUE_BONUS``).
    """
    from bot.archive import search_index

    item = session.get(AgendaItem, item_id)
    if item is None:
        return None
    if not _linkable(item):
        stale = _row(session, item)
        if stale is not None:
            session.delete(stale)
        return None
    row = _ensure(session, item, now)
    if row.pinned:
        return row.matter_id
    for known, how in ((item.carried_from_id, "carried"), (item.related_item_id, "hint")):
        earlier = session.get(AgendaItem, known) if known is not None else None
        if earlier is not None and _linkable(earlier):
            _merge(session, item, earlier, how, 1.0, now)
            return _ensure(session, item, now).matter_id
    best = _best_match(session, item, search_index())
    if best is not None:
        other, score = best
        _merge(session, item, other, "similar", score, now)
    return _ensure(session, item, now).matter_id


def _best_match(session: Session, item: AgendaItem, index: object) -> tuple[AgendaItem, float] | None:
    """Return the most alike item of another meeting of the group, if alike enough."""
    from storage.search_index import SearchIndex

    assert isinstance(index, SearchIndex)
    own = index.stored_terms(session, [item.id]).get(item.id)
    if own is None:
        return None
    title, all_terms = own
    df, n_docs = index.statistics(session, sorted(all_terms))
    rare = sorted((t for t in all_terms if df.get(t, 0) >= 2), key=lambda t: (df[t], t))[:15]
    query_terms = tuple(dict.fromkeys([*sorted(title - _ignored()), *rare]))
    if not query_terms:
        return None
    question = ParsedQuestion(text=item.title, intent="decision", terms=query_terms,
                              content_words=())
    hits = index.search(session, question, group_ids=[item.meeting.group_id],
                        limit=CANDIDATES)
    ids = [h.item_id for h in hits if h.item_id != item.id]
    if not ids:
        return None
    stored = index.stored_terms(session, ids)
    union = set(all_terms)
    for _, terms in stored.values():
        union |= terms
    df, n_docs = index.statistics(session, sorted(union))
    mine = ItemTerms(title, all_terms)
    cue = has_carry_cue(f"{item.title}\n{item.body_text or ''}"[:2000])
    best: tuple[AgendaItem, float] | None = None
    for other_id in ids:
        other = session.get(AgendaItem, other_id)
        if other is None or other.meeting_id == item.meeting_id or not _linkable(other):
            continue
        terms = stored.get(other_id)
        if terms is None:
            continue
        score = link_score(mine, ItemTerms(*terms), df, n_docs, ignore=_ignored())
        if cue and other.meeting.starts_at < item.meeting.starts_at:
            score += CUE_BONUS
        if score >= LINK_THRESHOLD and (best is None or score > best[1]):
            best = (other, score)
    return best


def link_meeting(session: Session, meeting_id: int, now: datetime) -> int:
    """Link every item of a meeting to its matter; return how many joined an earlier one."""
    joined = 0
    items = session.scalars(
        select(AgendaItem).where(AgendaItem.meeting_id == meeting_id).order_by(AgendaItem.position)
    ).all()
    for item in items:
        matter = link_item(session, item.id, now)
        if matter is not None and matter != item.id:
            joined += 1
    return joined


def matter_of(session: Session, item_id: int) -> int | None:
    """Return the matter id of an item (None when it belongs to none)."""
    return session.scalar(select(MatterLink.matter_id).where(MatterLink.item_id == item_id))


def matter_timeline(session: Session, matter_id: int) -> Matter | None:
    """Return a matter with its treatments newest first, each with its status and source."""
    from bot.archive import minutes_status, source_of

    rows = session.execute(
        select(AgendaItem, MatterLink.group_id)
        .join(MatterLink, MatterLink.item_id == AgendaItem.id)
        .where(MatterLink.matter_id == matter_id)
    ).all()
    if not rows:
        return None
    group = session.get(Group, rows[0][1])
    zone = ZoneInfo(group.timezone if group is not None else "Europe/Copenhagen")
    items = [item for item, _ in rows]
    treatments = [
        Treatment(
            item_id=i.id,
            meeting_date=i.meeting.starts_at.astimezone(zone).date(),
            position=i.position,
            decisions=tuple(d.text for d in i.decisions),
        )
        for i in items
    ]
    found = statuses(treatments)
    by_id = {i.id: i for i in items}
    meetings: dict[int, tuple[str, str]] = {}
    entries: list[TimelineEntry] = []
    for treatment in sorted(
        treatments, key=lambda t: (t.meeting_date, t.position, t.item_id), reverse=True
    ):
        item = by_id[treatment.item_id]
        meeting: Meeting = item.meeting
        if meeting.id not in meetings:
            meetings[meeting.id] = (minutes_status(session, meeting), source_of(session, meeting))
        status, replaced_on, kind = found[item.id]
        entries.append(
            TimelineEntry(
                item_id=item.id,
                meeting_id=meeting.id,
                meeting_date=treatment.meeting_date,
                item_number=item.number or "",
                item_title=item.title,
                decisions=list(treatment.decisions),
                status=status,
                kind=kind,
                replaced_on=replaced_on,
                minutes_status=meetings[meeting.id][0],
                source=meetings[meeting.id][1],
            )
        )
    root = by_id.get(matter_id) or min(items, key=lambda i: i.id)
    return Matter(id=matter_id, group_id=rows[0][1], title=root.title, timeline=entries)


def register(session: Session, group_ids: Sequence[int] | None) -> list[Matter]:
    """Return the matters of some groups (None: all), the most recently treated first."""
    query = select(MatterLink.matter_id, MatterLink.item_id)
    if group_ids is not None:
        query = query.where(MatterLink.group_id.in_(list(group_ids)))
    members: dict[int, list[int]] = defaultdict(list)
    for matter_id, item_id in session.execute(query):
        members[matter_id].append(item_id)
    matters = [m for m in (matter_timeline(session, mid) for mid in members) if m is not None]
    matters.sort(key=lambda m: (m.timeline[0].meeting_date, m.id), reverse=True)
    return matters


def split_item(session: Session, item_id: int, now: datetime, actor: str | None) -> int:
    """Take an item out of its matter ("Hører ikke til"); return its new matter id."""
    item = session.get(AgendaItem, item_id)
    if item is None or not _linkable(item):
        raise UserError("matters.unknown_item")
    row = _ensure(session, item, now)
    old = row.matter_id
    if old == item.id:
        rest = session.scalars(
            select(MatterLink).where(MatterLink.matter_id == old, MatterLink.item_id != item.id)
        ).all()
        if rest:
            new_root = min(r.item_id for r in rest)
            for member in rest:
                member.matter_id = new_root
    row.matter_id = item.id
    row.how = "manual"
    row.pinned = True
    row.confidence = 1.0
    row.updated_at = now
    AuditLog(session).record(
        at=now,
        action="matter.split",
        group_id=item.meeting.group_id,
        actor=actor,
        subject_type="agenda_item",
        subject_id=item.id,
        detail={"from_matter": old},
    )
    session.flush()
    return item.id


def join_matter(
    session: Session, item_id: int, other_item_id: int, now: datetime, actor: str | None
) -> int:
    """Put an item into another item's matter ("Samme sag som …"); return the matter id."""
    item = session.get(AgendaItem, item_id)
    other = session.get(AgendaItem, other_item_id)
    if (
        item is None
        or other is None
        or not _linkable(item)
        or not _linkable(other)
        or item.meeting.group_id != other.meeting.group_id
    ):
        raise UserError("matters.unknown_item")
    row = _ensure(session, item, now)
    row.pinned = False
    _merge(session, item, other, "manual", 1.0, now)
    row = _ensure(session, item, now)
    row.pinned = True
    AuditLog(session).record(
        at=now,
        action="matter.joined",
        group_id=item.meeting.group_id,
        actor=actor,
        subject_type="agenda_item",
        subject_id=item.id,
        detail={"matter": row.matter_id, "with_item": other.id},
    )
    session.flush()
    return row.matter_id
