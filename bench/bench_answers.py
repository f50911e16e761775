"""Measure a whole answer with its matter's timeline (`bot.archive.ask`) at 100 000 items.

Goals (issue 17): p95 ≤ 20 ms for topical questions, and ≤ 20 ms for questions made
only of very common words (which once took p95 ≈ 110 ms, FTS5 scoring most rows).
The archive is the synthetic one of ``bench_search`` (corpus word frequencies, many
topics), stored as real meetings, agenda items and decisions of one group, with
every item in a matter of one to five treatments across meetings. "Answer" is the
full path: parse_question with the archive's vocabulary, SearchIndex.search, the
hits read back, and each result's matter timeline (statuses, minutes status,
source), exactly as `referent ask` and the Slack handler call it.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from bench.bench_search import _Archive, _item, _p95, _questions
from bot.archive import ask, search_index
from bot.search.analysis import IndexedDocument
from storage.base import Base
from storage.db import make_engine
from storage.models import AgendaItem, Decision, Group, MatterLink, Meeting
from storage.search_index import create_schema

SIZES = (1_000, 100_000)
ITEMS_PER_MEETING = 25
NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
DECISIONS = (
    "Styregruppen godkendte indstillingen.",
    "Punktet blev udsat til næste møde.",
    "Styregruppen tog orienteringen til efterretning.",
    "Styregruppen besluttede at ændre modellen.",
)


def run(quick: bool = False) -> dict[str, Any]:
    """Build each archive and time answers to topical and common-word questions."""
    rng = random.Random(20241004)
    archive = _Archive.from_corpus(rng)
    results: dict[str, Any] = {"source": archive.source}
    sizes = (1_000, 10_000) if quick else SIZES
    for size in sizes:
        results[f"items_{size}"] = _measure(size, archive, rng, repeats=3 if quick else 5)
    largest = results[f"items_{sizes[-1]}"]
    results["goals"] = {"topical_p95_ms": 20.0, "common_words_p95_ms": 20.0}
    results["meets_goals"] = (
        not quick
        and largest["topical_questions"]["p95_ms"] <= 20.0
        and largest["common_words_only"]["p95_ms"] <= 20.0
    )
    return results


def _measure(size: int, archive: _Archive, rng: random.Random, repeats: int) -> dict[str, Any]:
    """Store ``size`` items as meetings of one group, then time answers."""
    topics = max(1, size // 25)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'answers.db'}")
        Base.metadata.create_all(engine)
        with engine.begin() as connection:
            create_schema(connection)
        with Session(engine) as session:
            _store(session, size, archive, topics, rng)
            session.commit()
        build_seconds = time.perf_counter() - started
        topical, common = _questions(archive, topics, rng)
        timings: dict[str, list[float]] = {"topical": [], "common": []}
        with Session(engine) as session:
            ask(session, topical[0], group_ids=[1], now=NOW)  # load the vocabulary once
            for _ in range(repeats):
                for kind, questions in (("topical", topical), ("common", common)):
                    for text in questions:
                        t0 = time.perf_counter()
                        answer = ask(session, text, group_ids=[1], now=NOW)
                        timings[kind].append((time.perf_counter() - t0) * 1000.0)
                        assert answer.results or kind == "topical"
            with_timeline = sum(
                1 for text in topical if ask(session, text, group_ids=[1], now=NOW).matters
            )
        engine.dispose()
    return {
        "build_s": round(build_seconds, 1),
        "topical_questions": _summary(timings["topical"], len(topical)),
        "common_words_only": _summary(timings["common"], len(common)),
        "topical_answers_with_timeline": with_timeline,
    }


def _store(session: Session, size: int, archive: _Archive, topics: int, rng: random.Random) -> None:
    """Write the group, meetings, items, decisions, matters and the search index."""
    session.add(Group(id=1, name="Bench", channel_id="CBENCH", created_at=NOW))
    meetings = (size + ITEMS_PER_MEETING - 1) // ITEMS_PER_MEETING
    first = datetime(2010, 1, 8, 9, 0, tzinfo=UTC)
    session.execute(
        insert(Meeting),
        [
            {
                "id": m,
                "group_id": 1,
                "title": f"Styregruppemøde {m}",
                "starts_at": first + timedelta(days=14 * m),
                "status": "held",
                "source": "import",
                "created_at": NOW,
            }
            for m in range(1, meetings + 1)
        ],
    )
    docs: list[IndexedDocument] = []
    items: list[dict[str, Any]] = []
    decisions: list[dict[str, Any]] = []
    for item_id in range(1, size + 1):
        topic = archive.topic(rng.randrange(topics), rng)
        doc = _item(item_id, archive, topic, rng)
        meeting_id = (item_id - 1) // ITEMS_PER_MEETING + 1
        day = (first + timedelta(days=14 * meeting_id)).date()
        docs.append(_on(doc, day))
        items.append(
            {
                "id": item_id,
                "meeting_id": meeting_id,
                "number": str((item_id - 1) % ITEMS_PER_MEETING + 1),
                "position": (item_id - 1) % ITEMS_PER_MEETING,
                "title": " ".join(doc.title_terms[:6]) or "Punkt",
                "kind": "decision",
                "status": "treated",
                "created_at": NOW,
                "updated_at": NOW,
            }
        )
        decisions.append(
            {"item_id": item_id, "position": 0, "text": rng.choice(DECISIONS), "created_at": NOW}
        )
    for start in range(0, size, 5_000):
        session.execute(insert(AgendaItem), items[start : start + 5_000])
        session.execute(insert(Decision), decisions[start : start + 5_000])
        search_index().upsert_many(session, docs[start : start + 5_000])
    links: list[dict[str, Any]] = []
    item_id = 1
    while item_id <= size:
        # A matter of one to five treatments, at meetings a few months apart.
        members = [item_id + ITEMS_PER_MEETING * 6 * k for k in range(rng.randint(1, 5))]
        members = [m for m in members if m <= size]
        for member in members:
            if member not in {row["item_id"] for row in links[-5:]}:
                links.append(_link(member, members[0]))
        item_id += 1
    seen: set[int] = set()
    unique = [row for row in links if not (row["item_id"] in seen or seen.add(row["item_id"]))]
    for start in range(0, len(unique), 5_000):
        session.execute(insert(MatterLink), unique[start : start + 5_000])


def _link(item_id: int, matter_id: int) -> dict[str, Any]:
    """Return a matter_links row."""
    return {
        "item_id": item_id,
        "group_id": 1,
        "matter_id": matter_id,
        "how": "similar",
        "confidence": 0.5,
        "pinned": False,
        "updated_at": NOW,
    }


def _on(doc: IndexedDocument, day: date) -> IndexedDocument:
    """Return the document dated on its meeting's day, in group 1."""
    return IndexedDocument(
        item_id=doc.item_id,
        group_id=1,
        meeting_date=day,
        title_terms=doc.title_terms,
        decision_terms=doc.decision_terms,
        body_terms=doc.body_terms,
    )


def _summary(values: list[float], questions: int) -> dict[str, Any]:
    """Return the median and 95th percentile of answer times."""
    return {
        "questions": questions,
        "samples": len(values),
        "median_ms": round(statistics.median(values), 3),
        "p95_ms": round(_p95(values), 3),
    }


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2, ensure_ascii=False))
