"""Matters (sager): link agenda items across meetings and tell a matter's timeline."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import archive_index
from bot.answer_facts import CHUNK, ItemFacts, Thread, read_items
from bot.domain.enums import DocumentKind, ItemKind, ItemStatus, MinutesStatus, Source
from bot.domain.matters import (
    CUE_BONUS,
    LINK_THRESHOLD,
    PROCESS_WORDS,
    ItemTerms,
    Status,
    Treatment,
    has_carry_cue,
    link_score,
    statuses,
)
from bot.errors import UserError
from bot.search.query import ParsedQuestion
from storage.models import (
    ActionItem,
    AgendaItem,
    MatterLink,
    Meeting,
    Minutes,
    SourceDocument,
)
from storage.repositories import AuditLog
from storage.search_index import SearchIndex

__all__ = [
    "CANDIDATES",
    "FACTS_KEY",
    "Matter",
    "TimelineEntry",
    "join_matter",
    "link_group",
    "link_meeting",
    "matter_of",
    "matter_timeline",
    "matter_timelines",
    "minutes_facts",
    "register",
    "split_item",
    "timeline_of",
]

#: Words of item titles that name a kind of treatment rather than a matter, besides
#: the archive's process words: "Korte orienteringspunkter", "Nyt fra …", "… – evaluering".
STEP_WORDS = (
    "orientering",
    "orienteringspunkter",
    "punkt",
    "punkter",
    "korte",
    "nyt",
    "møde",
    "årsrapport",
    "evaluering",
    "udvidelse",
    "fornyet",
    "behandling",
    # Roman numerals number the treatments of a matter ("… II"), not the matter.
    "ii",
    "iii",
    "iv",
    "v",
    "vi",
)
MIN_PART = 4
"""The shortest part of a compound title term that is split off when items are compared."""
FULL_RELINK_LIMIT = 1500
"""Groups with more items link only a changed meeting's items (see ``link_group``)."""
CANDIDATES = 30
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
    thread: Thread | None = None


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
                    "permalink": e.source if e.source.startswith("http") else None,
                }
                for e in self.timeline
            ],
        }


def _process_stems() -> frozenset[str]:
    """Return the stems of the words that name an item's step rather than its topic."""
    from bot.search.analysis import Analyzer

    analyzer = Analyzer()
    return frozenset(analyzer.stem(word) for word in (*PROCESS_WORDS, *STEP_WORDS))


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


@dataclass
class _GroupTerms:
    """The analysed terms of every indexed item of a group, and their document frequencies."""

    terms: dict[int, tuple[frozenset[str], frozenset[str]]]
    df: Counter[str]

    @classmethod
    def load(cls, session: Session, index: SearchIndex, item_ids: Sequence[int]) -> _GroupTerms:
        """Read the terms of the items from the index, split title compounds afresh, count them.

        An item indexed before the archive knew a word's parts keeps the compound whole
        ("takstmodel"), while a later item's compound was split ("aflastningstakst" →
        "aflastning", "takst"); splitting the titles' terms over the whole group's
        vocabulary makes both comparable and the links independent of import order.
        """
        stored = index.stored_terms(session, list(item_ids))
        counted: Counter[str] = Counter()
        for _, all_terms in stored.values():
            counted.update(all_terms)
        parts: dict[str, frozenset[str]] = {}

        def parts_of(title: frozenset[str]) -> frozenset[str]:
            extra: set[str] = set()
            for term in title:
                if term not in parts:
                    parts[term] = _two_parts(term, counted)
                extra |= parts[term]
            return frozenset(extra)

        terms: dict[int, tuple[frozenset[str], frozenset[str]]] = {}
        for item, (title, every) in stored.items():
            extra = parts_of(title)
            terms[item] = (title | extra, every | extra) if extra else (title, every)
        df: Counter[str] = Counter()
        for _, all_terms in terms.values():
            df.update(all_terms)
        return cls(terms, df)


def _two_parts(term: str, known: Counter[str]) -> frozenset[str]:
    """Return the two known parts a compound term is made of ("takstmodel": takst, model).

    A part must be at least ``MIN_PART`` letters and occur in two items of the group; a
    linking "s" or "e" may join the parts ("aflastningsplads": aflastning, plads).
    """
    if len(term) < 2 * MIN_PART or not term.isalpha():
        return frozenset()
    for cut in range(len(term) - MIN_PART, MIN_PART - 1, -1):
        head, tail = term[:cut], term[cut:]
        if known[tail] < 2:
            continue
        if known[head] >= 2:
            return frozenset((head, tail))
        if head[-1] in "se" and len(head) > MIN_PART and known[head[:-1]] >= 2:
            return frozenset((head[:-1], tail))
    return frozenset()


def _best_match(
    session: Session, item: AgendaItem, index: SearchIndex, group: _GroupTerms
) -> tuple[int, float] | None:
    """Return the most alike item of another meeting of the group, if alike enough.

    Candidates are the index's best matches for the item's title and rarest terms;
    each is scored with ``link_score`` over the group's own term frequencies. A later
    item that says it continues an earlier one ("udsat fra", "opfølgning på") gets
    ``CUE_BONUS`` towards earlier ones.
    """
    own = group.terms.get(item.id)
    if own is None:
        return None
    title, all_terms = own
    df = group.df
    rare = sorted((t for t in all_terms if df[t] >= 2), key=lambda t: (df[t], t))[:15]
    query_terms = tuple(dict.fromkeys([*sorted(title - _ignored()), *rare]))
    if not query_terms:
        return None
    question = ParsedQuestion(
        text=item.title, intent="decision", terms=query_terms, content_words=()
    )
    hits = index.search(session, question, group_ids=[item.meeting.group_id], limit=CANDIDATES)
    mine = ItemTerms(title, all_terms)
    cue = has_carry_cue(item.title)
    n_docs = len(group.terms)
    best: tuple[int, float] | None = None
    for hit in hits:
        other = session.get(AgendaItem, hit.item_id)
        terms = group.terms.get(hit.item_id)
        if other is None or terms is None or other.meeting_id == item.meeting_id:
            continue
        if other.meeting.starts_at >= item.meeting.starts_at:
            # A treatment continues an earlier one: each item links back in time, so a
            # matter's treatments form a chain even when the newest two are most alike.
            continue
        if not _linkable(other):
            continue
        score = link_score(mine, ItemTerms(*terms), df, n_docs, ignore=_ignored())
        if cue and other.meeting.starts_at < item.meeting.starts_at:
            score += CUE_BONUS
        if score >= LINK_THRESHOLD and (best is None or score > best[1]):
            best = (other.id, score)
    return best


def _task_follow_ups(
    session: Session, group_id: int, items: Sequence[AgendaItem], group: _GroupTerms
) -> dict[int, int]:
    """Return later items that follow up a task set on an earlier item: {later: earlier}.

    A task (opfølgning) made from a decision names its item; a later item whose title
    holds most of the task's rarer words ("Status på rekruttering af plejefamilier"
    after "Sekretariatet undersøger rekruttering af plejefamilier") continues that item.
    """
    from bot.search.analysis import Analyzer

    rows = session.execute(
        select(ActionItem.item_id, ActionItem.text).where(
            ActionItem.group_id == group_id, ActionItem.item_id.is_not(None)
        )
    ).all()
    if not rows:
        return {}
    analyzer = Analyzer()
    by_id = {item.id: item for item in items}
    found: dict[int, int] = {}
    for earlier_id, text in rows:
        earlier = by_id.get(earlier_id) if earlier_id is not None else None
        if earlier is None:
            continue
        words = {analyzer.stem(w) for w in analyzer.tokens(text)} - _ignored()
        rare = {w for w in words if 0 < group.df[w] * 4 <= len(group.terms)}
        if len(rare) < 2:
            continue
        for item in items:
            own = group.terms.get(item.id)
            if own is None or item.meeting.starts_at <= earlier.meeting.starts_at:
                continue
            if len(rare & own[0]) * 2 >= len(rare) and item.id not in found:
                found[item.id] = earlier.id
    return found


def link_group(
    session: Session,
    group_id: int,
    now: datetime,
    *,
    meeting_id: int | None = None,
    full_limit: int = FULL_RELINK_LIMIT,
) -> int:
    """Work out the matters of a group's items afresh; return how many items share one.

    Each item is tied to the item the bot knows it continues (carried over, or the
    "decided before?" hint), to the item a secretary said it belongs with, and to
    its most alike item of another meeting (``_best_match``); the matters are the
    connected sets. Items a secretary took out of a matter stay on their own. The
    result does not depend on the order in which meetings were imported.

    A group with more than ``full_limit`` items is not worked out afresh after each
    meeting (a search per item): only the items of ``meeting_id`` are linked, and the
    matters already found are kept.
    """
    index = archive_index.index()
    every = session.scalars(
        select(AgendaItem)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .where(Meeting.group_id == group_id)
    ).all()
    terms = _GroupTerms.load(session, index, [item.id for item in every])
    items = [item for item in every if _linkable(item)]
    ids = {item.id for item in items}
    rows = {
        row.item_id: row
        for row in session.scalars(select(MatterLink).where(MatterLink.group_id == group_id))
    }
    for item_id, row in list(rows.items()):
        if item_id not in ids:
            session.delete(row)
            del rows[item_id]
    split = {i for i, r in rows.items() if r.pinned and r.how == "manual" and r.linked_to is None}
    parent = {item.id: item.id for item in items}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    incremental = meeting_id is not None and len(items) > full_limit
    if incremental:
        for item_id, row in rows.items():
            if row.matter_id in parent and item_id in parent and item_id not in split:
                parent[find(item_id)] = find(row.matter_id)

    tasks = _task_follow_ups(session, group_id, items, terms)
    edges: dict[int, tuple[int, str, float]] = {}
    if incremental:
        edges = {
            i: (r.linked_to, r.how, r.confidence)
            for i, r in rows.items()
            if r.linked_to is not None and i in parent
        }
    for item in items:
        if incremental and item.meeting_id != meeting_id:
            continue
        pinned = rows.get(item.id)
        if pinned is not None and pinned.pinned:
            if pinned.linked_to is not None and pinned.linked_to in ids:
                edges[item.id] = (pinned.linked_to, "manual", 1.0)
            continue
        known = [(item.carried_from_id, "carried"), (item.related_item_id, "hint")]
        link = next(((i, how) for i, how in known if i is not None and i in ids), None)
        if link is not None and link[0] not in split:
            edges[item.id] = (link[0], link[1], 1.0)
            continue
        task = tasks.get(item.id)
        if task is not None and task not in split:
            edges[item.id] = (task, "task", 1.0)
            continue
        best = _best_match(session, item, index, terms)
        if best is not None and best[0] not in split:
            edges[item.id] = (best[0], "similar", best[1])
    for item_id, (other, _, _) in edges.items():
        parent[find(item_id)] = find(other)
    members: dict[int, list[int]] = defaultdict(list)
    for item in items:
        members[find(item.id)].append(item.id)
    shared = 0
    for group_items in members.values():
        matter_id = min(group_items)
        if len(group_items) > 1:
            shared += len(group_items)
        for item_id in group_items:
            edge = edges.get(item_id)
            link_row = rows.get(item_id)
            if link_row is None:
                link_row = MatterLink(item_id=item_id, group_id=group_id, pinned=False)
                session.add(link_row)
            link_row.matter_id = matter_id
            link_row.how = "manual" if link_row.pinned else (edge[1] if edge else "self")
            link_row.confidence = round(edge[2], 4) if edge else 1.0
            link_row.linked_to = edge[0] if edge else None
            link_row.updated_at = now
    session.flush()
    return shared


def link_meeting(session: Session, meeting_id: int, now: datetime) -> int:
    """Link the items of a meeting's group to their matters after the meeting changed."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        return 0
    return link_group(session, meeting.group_id, now, meeting_id=meeting_id)


def matter_of(session: Session, item_id: int) -> int | None:
    """Return the matter id of an item (None when it belongs to none)."""
    return session.scalar(select(MatterLink.matter_id).where(MatterLink.item_id == item_id))


def matter_timeline(session: Session, matter_id: int) -> Matter | None:
    """Return a matter with its treatments newest first, each with its status and source."""
    return matter_timelines(session, [matter_id]).get(matter_id)


def matter_timelines(
    session: Session, matter_ids: Collection[int], facts: dict[int, ItemFacts] | None = None
) -> dict[int, Matter]:
    """Return several matters at once (a few queries in all), by matter id.

    ``facts`` holds facts already read for some items, which are not read again; the
    facts of the matters' other items are added to it.
    """
    if not matter_ids:
        return {}
    members: dict[int, list[int]] = defaultdict(list)
    ordered = sorted(set(matter_ids))
    for start in range(0, len(ordered), CHUNK):
        for item_id, matter_id in session.execute(
            select(MatterLink.item_id, MatterLink.matter_id).where(
                MatterLink.matter_id.in_(ordered[start : start + CHUNK])
            )
        ):
            members[matter_id].append(item_id)
    wanted = {i for ids in members.values() for i in ids}
    facts = {} if facts is None else facts
    facts.update(read_items(session, wanted - set(facts)))
    found: dict[int, Matter] = {}
    for matter_id, ids in members.items():
        matter = timeline_of(matter_id, [facts[i] for i in ids if i in facts])
        if matter is not None:
            found[matter_id] = matter
    return found


def timeline_of(matter_id: int, items: Sequence[ItemFacts]) -> Matter | None:
    """Return a matter told from its items' facts: treatments newest first, with statuses."""
    if not items:
        return None
    treatments = [
        Treatment(
            item_id=i.item_id,
            meeting_date=i.meeting_date,
            position=i.position,
            decisions=i.decisions,
        )
        for i in items
    ]
    found = statuses(treatments)
    by_id = {i.item_id: i for i in items}
    entries: list[TimelineEntry] = []
    for treatment in sorted(
        treatments, key=lambda t: (t.meeting_date, t.position, t.item_id), reverse=True
    ):
        item = by_id[treatment.item_id]
        status, replaced_on, kind = found[item.item_id]
        entries.append(
            TimelineEntry(
                item_id=item.item_id,
                meeting_id=item.meeting_id,
                meeting_date=treatment.meeting_date,
                item_number=item.number,
                item_title=item.title,
                decisions=list(treatment.decisions),
                status=status,
                kind=kind,
                replaced_on=replaced_on,
                minutes_status=item.minutes_status,
                source=item.source,
                thread=item.thread,
            )
        )
    root = by_id.get(matter_id) or min(items, key=lambda i: i.item_id)
    return Matter(id=matter_id, group_id=items[0].group_id, title=root.title, timeline=entries)


def register(session: Session, group_ids: Sequence[int] | None) -> list[Matter]:
    """Return the matters of some groups (None: all), the most recently treated first."""
    query = select(MatterLink.matter_id, MatterLink.item_id)
    if group_ids is not None:
        query = query.where(MatterLink.group_id.in_(list(group_ids)))
    members: dict[int, list[int]] = defaultdict(list)
    for matter_id, item_id in session.execute(query):
        members[matter_id].append(item_id)
    matters = list(matter_timelines(session, list(members)).values())
    matters.sort(key=lambda m: (m.timeline[0].meeting_date, m.id), reverse=True)
    return matters


def split_item(session: Session, item_id: int, now: datetime, actor: str | None) -> int:
    """Take an item out of its matter ("Hører ikke til"); return its new matter id."""
    item = session.get(AgendaItem, item_id)
    if item is None or not _linkable(item):
        raise UserError("matters.unknown_item")
    old = matter_of(session, item.id)
    _pin(session, item, None, now)
    link_group(session, item.meeting.group_id, now)
    AuditLog(session).record(
        at=now,
        action="matter.split",
        group_id=item.meeting.group_id,
        actor=actor,
        subject_type="agenda_item",
        subject_id=item.id,
        detail={"from_matter": old},
    )
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
        or item.id == other.id
        or not _linkable(item)
        or not _linkable(other)
        or item.meeting.group_id != other.meeting.group_id
    ):
        raise UserError("matters.unknown_item")
    _pin(session, item, other.id, now)
    other_row = session.get(MatterLink, other.id)
    if other_row is not None and other_row.pinned and other_row.linked_to is None:
        other_row.pinned = False
    link_group(session, item.meeting.group_id, now)
    matter = matter_of(session, item.id)
    AuditLog(session).record(
        at=now,
        action="matter.joined",
        group_id=item.meeting.group_id,
        actor=actor,
        subject_type="agenda_item",
        subject_id=item.id,
        detail={"matter": matter, "with_item": other.id},
    )
    return matter if matter is not None else item.id


def _pin(session: Session, item: AgendaItem, linked_to: int | None, now: datetime) -> None:
    """Record a secretary's word on an item: on its own (None) or with another item."""
    row = session.get(MatterLink, item.id)
    if row is None:
        row = MatterLink(
            item_id=item.id, group_id=item.meeting.group_id, matter_id=item.id, confidence=1.0
        )
        session.add(row)
    row.how = "manual"
    row.pinned = True
    row.linked_to = linked_to
    row.updated_at = now
    session.flush()


def minutes_facts(session: Session, meeting: Meeting) -> tuple[str, str]:
    """Return a meeting's minutes status and their source, reading the minutes once.

    Within one answer (``ask``) each meeting is read once, however many results cite it.
    """
    cache: dict[int, tuple[str, str]] | None = session.info.get(FACTS_KEY)
    if cache is not None and meeting.id in cache:
        return cache[meeting.id]
    facts = _read_minutes_facts(session, meeting)
    if cache is not None:
        cache[meeting.id] = facts
    return facts


#: Where ``ask`` keeps the minutes facts it has read during one answer.
FACTS_KEY = "referent.minutes_facts"


def _read_minutes_facts(session: Session, meeting: Meeting) -> tuple[str, str]:
    """Read a meeting's minutes status and source from the database."""
    latest = session.scalar(
        select(Minutes)
        .where(Minutes.meeting_id == meeting.id)
        .order_by(Minutes.version.desc())
        .limit(1)
    )
    meeting_document = (
        session.get(SourceDocument, meeting.source_document_id)
        if meeting.source_document_id
        else None
    )
    source = "slack"
    if latest is not None and latest.source_document_id:
        document = session.get(SourceDocument, latest.source_document_id)
        if document is not None:
            source = document.permalink or document.filename
    elif meeting_document is not None:
        source = meeting_document.permalink or meeting_document.filename
    if latest is not None:
        if latest.status == MinutesStatus.APPROVED:
            return "approved", source
        if latest.status in (MinutesStatus.OPEN, MinutesStatus.STALLED):
            return "awaiting_approval", source
        return "draft", source
    if meeting.source == Source.IMPORT:
        if meeting_document is not None and meeting_document.kind == DocumentKind.AGENDA:
            return "agenda_only", source
        return "imported", source
    return "none", source
