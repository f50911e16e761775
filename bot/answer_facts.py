"""Read what an answer shows about many agenda items in a few queries (no lazy loads).

An answer with matter timelines cites a dozen items of several meetings; reading them
one ORM object at a time cost about forty small queries per answer. Here one query
reads each kind (items with their meeting and group, decisions, minutes, source files
and cached permalinks), whatever the number of items.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.domain.enums import DocumentKind, MinutesStatus, Source
from storage.models import (
    AgendaItem,
    Decision,
    Group,
    Meeting,
    Minutes,
    MinutesPermalink,
    SourceDocument,
)

__all__ = ["CHUNK", "ItemFacts", "Thread", "read_items", "resolve_threads", "store_permalinks"]

CHUNK = 2000
"""Items read per round of queries (databases limit the parameters of one statement)."""


@dataclass(frozen=True)
class Thread:
    """An approval thread whose permalink is not known yet: the minutes and their message."""

    minutes_id: int
    channel: str
    ts: str


@dataclass(frozen=True)
class ItemFacts:
    """One agenda item as an answer cites it: meeting, group, decisions, minutes, source."""

    item_id: int
    meeting_id: int
    group_id: int
    group_name: str
    meeting_date: date
    meeting_title: str
    number: str
    title: str
    position: int
    decisions: tuple[str, ...]
    minutes_status: str
    source: str
    thread: Thread | None


@dataclass(frozen=True)
class _MinutesRow:
    """The latest minutes version of a meeting, as far as an answer needs it."""

    id: int
    status: str
    document_id: int | None
    channel: str | None
    ts: str | None


def read_items(session: Session, item_ids: Collection[int]) -> dict[int, ItemFacts]:
    """Return the facts of the given items (missing ones are left out), in five queries."""
    ids = sorted(set(item_ids))
    if not ids:
        return {}
    if len(ids) > CHUNK:
        facts: dict[int, ItemFacts] = {}
        for start in range(0, len(ids), CHUNK):
            facts.update(read_items(session, ids[start : start + CHUNK]))
        return facts
    rows = session.execute(
        select(
            AgendaItem.id,
            AgendaItem.meeting_id,
            AgendaItem.number,
            AgendaItem.title,
            AgendaItem.position,
            Meeting.starts_at,
            Meeting.title,
            Meeting.source,
            Meeting.source_document_id,
            Group.id,
            Group.name,
            Group.timezone,
        )
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .join(Group, Group.id == Meeting.group_id)
        .where(AgendaItem.id.in_(ids))
    ).all()
    if not rows:
        return {}
    decisions: dict[int, list[str]] = defaultdict(list)
    for item_id, text in session.execute(
        select(Decision.item_id, Decision.text)
        .where(Decision.item_id.in_(ids))
        .order_by(Decision.item_id, Decision.position, Decision.id)
    ):
        decisions[item_id].append(text)
    meeting_ids = sorted({row[1] for row in rows})
    latest: dict[int, tuple[int, _MinutesRow]] = {}
    for mid, meeting_id, version, status, document_id, channel, ts in session.execute(
        select(
            Minutes.id,
            Minutes.meeting_id,
            Minutes.version,
            Minutes.status,
            Minutes.source_document_id,
            Minutes.channel,
            Minutes.message_ts,
        ).where(Minutes.meeting_id.in_(meeting_ids))
    ):
        known = latest.get(meeting_id)
        if known is None or version > known[0]:
            latest[meeting_id] = (version, _MinutesRow(mid, status, document_id, channel, ts))
    document_ids = {row[8] for row in rows if row[8] is not None} | {
        m.document_id for _, m in latest.values() if m.document_id is not None
    }
    documents: dict[int, tuple[str | None, str, str]] = {}
    if document_ids:
        documents = {
            doc_id: (link, filename, kind)
            for doc_id, link, filename, kind in session.execute(
                select(
                    SourceDocument.id,
                    SourceDocument.permalink,
                    SourceDocument.filename,
                    SourceDocument.kind,
                ).where(SourceDocument.id.in_(sorted(document_ids)))
            )
        }
    threads = [m.id for _, m in latest.values() if m.channel and m.ts]
    cached: dict[int, str] = {}
    if threads:
        cached = dict(
            session.execute(
                select(MinutesPermalink.minutes_id, MinutesPermalink.permalink).where(
                    MinutesPermalink.minutes_id.in_(sorted(threads))
                )
            ).all()
        )
    found: dict[int, ItemFacts] = {}
    per_meeting: dict[int, tuple[str, str, Thread | None]] = {}
    for (
        item_id,
        meeting_id,
        number,
        title,
        position,
        starts_at,
        meeting_title,
        meeting_source,
        meeting_document,
        group_id,
        group_name,
        timezone,
    ) in rows:
        if meeting_id not in per_meeting:
            minutes = latest.get(meeting_id)
            per_meeting[meeting_id] = _minutes_facts(
                minutes[1] if minutes else None,
                meeting_source,
                documents.get(meeting_document) if meeting_document else None,
                documents,
                cached,
            )
        status, source, thread = per_meeting[meeting_id]
        found[item_id] = ItemFacts(
            item_id=item_id,
            meeting_id=meeting_id,
            group_id=group_id,
            group_name=group_name,
            meeting_date=starts_at.astimezone(ZoneInfo(timezone)).date(),
            meeting_title=meeting_title or group_name,
            number=number or "",
            title=title,
            position=position,
            decisions=tuple(decisions.get(item_id, ())),
            minutes_status=status,
            source=source,
            thread=thread,
        )
    return found


def _minutes_facts(
    minutes: _MinutesRow | None,
    meeting_source: str,
    meeting_document: tuple[str | None, str, str] | None,
    documents: dict[int, tuple[str | None, str, str]],
    cached: dict[int, str],
) -> tuple[str, str, Thread | None]:
    """Return a meeting's minutes status, its source, and an approval thread still to link.

    Minutes approved in Slack are cited by their approval thread (the round's message);
    imported minutes by their file: its Slack permalink when it came from Slack, else
    its name.
    """
    source = "slack"
    thread: Thread | None = None
    if minutes is not None and minutes.channel and minutes.ts:
        link = cached.get(minutes.id)
        if link is not None:
            source = link
        else:
            thread = Thread(minutes.id, minutes.channel, minutes.ts)
    elif minutes is not None and minutes.document_id:
        document = documents.get(minutes.document_id)
        if document is not None:
            source = document[0] or document[1]
    elif meeting_document is not None:
        source = meeting_document[0] or meeting_document[1]
    if minutes is not None:
        if minutes.status == MinutesStatus.APPROVED:
            return "approved", source, thread
        if minutes.status in (MinutesStatus.OPEN, MinutesStatus.STALLED):
            return "awaiting_approval", source, thread
        return "draft", source, thread
    if meeting_source == Source.IMPORT:
        if meeting_document is not None and meeting_document[2] == DocumentKind.AGENDA:
            return "agenda_only", source, thread
        return "imported", source, thread
    return "none", source, thread


def resolve_threads(
    threads: Collection[Thread], permalink: Callable[[str, str], str | None]
) -> dict[int, str]:
    """Ask Slack once per approval thread for its permalink (call with no transaction open)."""
    found: dict[int, str] = {}
    for thread in threads:
        if thread.minutes_id in found:
            continue
        link = permalink(thread.channel, thread.ts)
        if link:
            found[thread.minutes_id] = link
    return found


def store_permalinks(session: Session, links: dict[int, str], now: datetime) -> None:
    """Keep fetched approval-thread permalinks so later answers need not ask Slack."""
    if not links:
        return
    known = set(
        session.scalars(
            select(MinutesPermalink.minutes_id).where(
                MinutesPermalink.minutes_id.in_(sorted(links))
            )
        )
    )
    present = set(session.scalars(select(Minutes.id).where(Minutes.id.in_(sorted(links)))))
    for minutes_id, link in links.items():
        if minutes_id not in known and minutes_id in present:
            session.add(MinutesPermalink(minutes_id=minutes_id, permalink=link, fetched_at=now))
    session.flush()
