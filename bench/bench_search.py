"""Measure archive search latency at 1 000 and 100 000 items against a raw FTS5 MATCH.

Goals: p95 ≤ 20 ms at 100 000 items, and at most twice the raw query. The
archive is synthetic: a background of the reference corpus's words with their
frequencies (shared/corpus; a built-in Danish word list when it is absent) and,
per item, one of many topics whose words are corpus words and compounds made
from them. "Ours" is the whole path a question takes (parse_question with the
archive's vocabulary, then SearchIndex.search through the session); "raw" is
the same OR-ed terms sent as a bare ``SELECT rowid, bm25(...) ... MATCH ...
ORDER BY score LIMIT 10`` on the DB-API connection. Figures are given for all
questions, for the topical ones, and for the few made only of words found in
most items, which FTS5 must score across most of the archive with or without
this layer.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from bot.search.analysis import Analyzer, IndexedDocument, Vocabulary, words
from bot.search.query import parse_question
from storage.base import Base
from storage.db import make_engine
from storage.search_index import (
    SearchDocument,
    SearchIndex,
    SearchTerm,
    create_schema,
    match_expression,
)

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SIZES = (1_000, 100_000)
NOW = date(2025, 1, 1)

_FALLBACK_WORDS = words(
    """
styregruppe rammeaftale kommune region økonomi økonomimodel takst takster budget plejefamilie
plejefamilier rekruttering børn unge voksne handicap psykiatri socialtilsyn tilsyn tilbud botilbud
pladser kapacitet kontrakt standardkontrakt vejledning voldgift arbejdsgruppe netværksgruppe
årsrapport koordinationsforum kofoedsminde udviklingshæmmede domfældte udmelding central
sekretariat formandskab kommissorium temadag dialogmøde direktørmøde politikermøde implementering
strategi effektivisering styringsaftale udviklingsstrategi fokusområde samarbejde videndeling
metodeudvikling kompetenceudvikling hjerneskade neurorehabilitering finansiering anbringelse
visitation udgifter merudgifter corona nedlukning lukning regelsæt suppleanter tovholder årshjul
orientering efterretning godkendelse referat dagsorden beslutning indstilling baggrund drøftelse
"""
)


def run(quick: bool = False) -> dict[str, Any]:
    """Build each synthetic archive, time questions through the index and the raw query."""
    rng = random.Random(20240315)
    archive = _Archive.from_corpus(rng)
    results: dict[str, Any] = {
        "source": archive.source,
        "background_words": len(archive.background),
        "topic_words": len(archive.topic_words),
    }
    sizes = (1_000, 10_000) if quick else SIZES
    for size in sizes:
        results[f"items_{size}"] = _measure(size, archive, rng, repeats=3 if quick else 6)
    largest = results[f"items_{sizes[-1]}"]
    results["goals"] = {"p95_ms_at_100k": 20.0, "max_ratio_to_raw_p95": 2.0}
    results["meets_goals"] = {
        group: not quick and figures["ours_p95_ms"] <= 20.0 and figures["ratio_p95"] <= 2.0
        for group, figures in largest.items()
        if isinstance(figures, dict)
    }
    return results


class _Archive:
    """The word material of the synthetic archive.

    Items share a background vocabulary with the corpus's word frequencies
    (styregruppen, kommunerne, orientering ...) and each belongs to one of many
    topics. Topic words are the corpus's own words plus compounds made from them
    the way Danish makes compounds (økonomi+model, plejefamilie+s+rekruttering),
    so a topic word occurs in a few dozen items of a large archive rather than in
    every meeting.
    """

    def __init__(
        self, background: list[str], weights: list[int], topic_words: list[str], source: str
    ) -> None:
        self.background = background
        self.cumulative: list[int] = []
        total = 0
        for weight in weights:
            total += weight
            self.cumulative.append(total)
        self.topic_words = topic_words
        self.source = source
        self.topics: list[list[str]] = []
        seed = Analyzer()
        vocabulary = Vocabulary()
        for word in background:
            vocabulary.add_document([seed.stem(word)])
        self.analyzer = Analyzer(vocabulary)
        self._terms: dict[str, tuple[str, ...]] = {}

    @classmethod
    def from_corpus(cls, rng: random.Random) -> _Archive:
        """Read the corpus (or the built-in list) and derive compounds from it."""
        analyzer = Analyzer()
        counts: Counter[str] = Counter()
        files = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
        for path in files:
            counts.update(analyzer.tokens(path.read_text(encoding="utf-8", errors="replace")))
        source = f"{len(files)} corpus files"
        if not counts:
            ordered = sorted(_FALLBACK_WORDS)
            counts.update({w: 1 + len(ordered) - i for i, w in enumerate(ordered)})
            source = "built-in word list"
        background = list(counts)
        parts = [w for w in background if w.isalpha() and 4 <= len(w) <= 12]
        compounds: set[str] = set()
        while len(compounds) < 40_000 and len(parts) > 1:
            first, second = rng.sample(parts, 2)
            link = "s" if rng.random() < 0.3 else ""
            compounds.add(first + link + second)
        topic_words = sorted(set(parts) | compounds)
        return cls(background, list(counts.values()), topic_words, source)

    def terms(self, word: str) -> tuple[str, ...]:
        """Return a word's index terms (stem and compound parts), cached."""
        found = self._terms.get(word)
        if found is None:
            found = tuple(self.analyzer.index_terms(word))
            self._terms[word] = found
        return found

    def topic(self, index: int, rng: random.Random) -> list[str]:
        """Return topic number ``index``, drawing it on first use."""
        while len(self.topics) <= index:
            self.topics.append(rng.sample(self.topic_words, 8))
        return self.topics[index]


def _measure(size: int, archive: _Archive, rng: random.Random, repeats: int) -> dict[str, Any]:
    """Index ``size`` synthetic items and time the question set through both paths."""
    topics = max(1, size // 25)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'bench.db'}")
        Base.metadata.create_all(engine, tables=[SearchDocument.__table__, SearchTerm.__table__])
        with engine.begin() as connection:
            create_schema(connection)
        index = SearchIndex()
        with Session(engine) as session:
            batch: list[IndexedDocument] = []
            for item_id in range(1, size + 1):
                topic = archive.topic(rng.randrange(topics), rng)
                batch.append(_item(item_id, archive, topic, rng))
                if len(batch) == 5_000:
                    index.upsert_many(session, batch)
                    batch = []
            index.upsert_many(session, batch)
            session.commit()
        build_seconds = time.perf_counter() - started
        with Session(engine) as session:
            vocabulary: Vocabulary = index.vocabulary(session)
        query_analyzer = Analyzer(vocabulary)
        topical, common = _questions(archive, topics, rng)
        timings: dict[str, tuple[list[float], list[float]]] = {
            "topical": ([], []),
            "common": ([], []),
        }
        with Session(engine) as session:
            dbapi = session.connection().connection.dbapi_connection
            assert dbapi is not None
            cursor = dbapi.cursor()
            raw_sql = (
                "SELECT rowid, bm25(search_fts, 3.0, 2.0, 1.0) AS score FROM search_fts "
                "WHERE search_fts MATCH ? ORDER BY score LIMIT 10"
            )
            for _ in range(repeats):
                for kind, questions in (("topical", topical), ("common", common)):
                    ours, raw = timings[kind]
                    for text in questions:
                        t0 = time.perf_counter()
                        question = parse_question(text, now=NOW, analyzer=query_analyzer)
                        index.search(session, question, limit=10)
                        t1 = time.perf_counter()
                        cursor.execute(raw_sql, (match_expression(question.terms),)).fetchall()
                        t2 = time.perf_counter()
                        ours.append((t1 - t0) * 1000.0)
                        raw.append((t2 - t1) * 1000.0)
        engine.dispose()
    everything = (
        timings["topical"][0] + timings["common"][0],
        timings["topical"][1] + timings["common"][1],
    )
    return {
        "build_s": round(build_seconds, 1),
        "all_questions": _summary(*everything, len(topical) + len(common)),
        "topical_questions": _summary(*timings["topical"], len(topical)),
        "common_words_only": _summary(*timings["common"], len(common)),
    }


def _summary(ours: list[float], raw: list[float], questions: int) -> dict[str, Any]:
    """Return medians, 95th percentiles and their ratios for one group of questions."""
    return {
        "questions": questions,
        "samples": len(ours),
        "ours_median_ms": round(statistics.median(ours), 3),
        "ours_p95_ms": round(_p95(ours), 3),
        "raw_median_ms": round(statistics.median(raw), 3),
        "raw_p95_ms": round(_p95(raw), 3),
        "ratio_median": round(statistics.median(ours) / max(statistics.median(raw), 1e-9), 2),
        "ratio_p95": round(_p95(ours) / max(_p95(raw), 1e-9), 2),
    }


def _item(item_id: int, archive: _Archive, topic: list[str], rng: random.Random) -> IndexedDocument:
    """Draw one synthetic agenda item of a topic over the background vocabulary."""

    def field(n: int, topic_share: float) -> tuple[str, ...]:
        drawn = rng.choices(archive.background, cum_weights=archive.cumulative, k=n)
        drawn = [rng.choice(topic) if rng.random() < topic_share else w for w in drawn]
        return tuple(term for w in drawn for term in archive.terms(w))

    return IndexedDocument(
        item_id=item_id,
        group_id=1 + item_id % 5,
        meeting_date=date(2015, 1, 1) + timedelta(days=(item_id * 7) % 3650),
        title_terms=field(rng.randint(2, 8), 0.6),
        decision_terms=field(rng.randint(4, 30), 0.2),
        body_terms=field(rng.randint(40, 300), 0.05),
    )


def _questions(archive: _Archive, topics: int, rng: random.Random) -> tuple[list[str], list[str]]:
    """Make topical questions in both languages, and a few about the commonest words."""
    forms = [
        "hvad besluttede vi om {0}?",
        "hvornår drøftede vi {0}",
        "what did we decide about {0} and {1}",
        "har vi besluttet noget om {0} i 2019?",
        "decisions about {0} {1} since March 2018",
    ]
    topical: list[str] = []
    for form in forms:
        for _ in range(6):
            topic = archive.topic(rng.randrange(topics), rng)
            topical.append(form.format(*rng.sample(topic, 2)))
    counts = Counter(dict(zip(archive.background, _weights(archive), strict=True)))
    frequent = [w for w, _ in counts.most_common(12) if w.isalpha()]
    common = [f"hvad besluttede vi om {w}" for w in rng.sample(frequent, min(3, len(frequent)))]
    return topical, common


def _weights(archive: _Archive) -> list[int]:
    """Return the background weights back from the cumulative sums."""
    previous = 0
    weights: list[int] = []
    for value in archive.cumulative:
        weights.append(value - previous)
        previous = value
    return weights


def _p95(values: list[float]) -> float:
    """Return the 95th percentile."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2, ensure_ascii=False))
