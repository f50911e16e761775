"""Test the storage-backed search index on SQLite (FTS5) and PostgreSQL (tsvector)."""

from __future__ import annotations

import random
import struct
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import date
from typing import ClassVar

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from bot.search.analysis import Analyzer, IndexedDocument, build_document
from bot.search.query import ParsedQuestion, parse_question
from bot.search.rank import Hit, MemoryIndex, in_date_order
from bot.search.semantic import SemanticPolicy, fuse, semantic_weight
from storage.base import Base
from storage.search_index import (
    SearchDocument,
    SearchIndex,
    SearchTerm,
    create_schema,
    drop_schema,
    match_expression,
)

NOW = date(2024, 6, 15)
TABLES = [SearchDocument.__table__, SearchTerm.__table__]

ITEMS: list[tuple[int, int, date, str, list[str], str]] = [
    (1, 1, date(2019, 1, 4), "Revision af standardkontrakter V",
     ["Der er ikke ønske om at indsætte en voldgiftsbestemmelse", "Borgernes egenbetaling skal med ind i kontrakten"],
     "Arbejdsgruppen fremlægger forslag til nye standardkontrakter og vejledninger."),
    (2, 1, date(2019, 1, 4), "Kofoedsminde – udarbejdelse af oplæg til Koordinationsforum",
     ["Indstillingen blev godkendt"],
     "Stigningen i objektiv finansiering ved visitation af type 2 borgere til Kofoedsminde."),
    (3, 1, date(2020, 6, 26), "Årsrapport og status om rekruttering af plejefamilier",
     ["Styregruppen tog orienteringen til efterretning"],
     "Arbejdsgruppen om rekruttering af plejefamilier har lavet videoer. Kontrakter nævnes ikke."),
    (4, 2, date(2024, 3, 15), "Økonomimodel Sjælland",
     ["Det blev besluttet at Kommissoriet revideres"],
     "Fælles kommunal underskudsgaranti til nye pladser og tilbud. Kofoedsminde nævnes."),
    (5, 2, date(2024, 3, 15), "Korte orienteringspunkter",
     ["Styregruppen tog orienteringen til efterretning"],
     "Nationale standardkontrakter: spørgeskemaundersøgelse om kontraktanvendelse."),
]  # fmt: skip


def analysed_items() -> tuple[Analyzer, list[IndexedDocument]]:
    """Analyse the sample items in date order, growing the vocabulary as they are added."""
    analyzer = Analyzer()
    docs: list[IndexedDocument] = []
    for item_id, group_id, day, title, decisions, body in ITEMS:
        doc = build_document(
            analyzer,
            item_id=item_id,
            group_id=group_id,
            meeting_date=day,
            title=title,
            decisions=decisions,
            body=body,
        )
        analyzer.vocabulary.add_document(doc.terms())
        docs.append(doc)
    return analyzer, docs


def index_engine(url: str) -> sa.Engine:
    """Create an engine with the search tables and the dialect's full-text structures."""
    engine = sa.create_engine(url)
    Base.metadata.create_all(engine, tables=TABLES)
    with engine.begin() as connection:
        create_schema(connection)
    return engine


@pytest.fixture
def sqlite_engine() -> Iterator[sa.Engine]:
    """An in-memory SQLite database with the search index."""
    engine = index_engine("sqlite://")
    yield engine
    engine.dispose()


@pytest.fixture
def session(sqlite_engine: sa.Engine) -> Iterator[Session]:
    """A session on the SQLite index holding the sample items."""
    _, docs = analysed_items()
    with Session(sqlite_engine) as session:
        SearchIndex().upsert_many(session, docs)
        yield session


def ask(text: str, analyzer: Analyzer | None = None) -> ParsedQuestion:
    """Parse a question at the fixed date."""
    return parse_question(text, now=NOW, analyzer=analyzer or analysed_items()[0])


def ids(hits: list[Hit]) -> list[int]:
    """Return the item ids of hits."""
    return [h.item_id for h in hits]


def stored_df(session: Session) -> dict[str, int]:
    """Return search_terms as a dict, the collection statistics under "items" and "length"."""
    rows = session.execute(sa.select(SearchTerm.term, SearchTerm.df))
    names = {"": "items", " ": "length"}
    return {names.get(term, term): df for term, df in rows}


def recomputed_df(session: Session) -> dict[str, int]:
    """Recount document frequencies from the stored documents."""
    counts: Counter[str] = Counter()
    rows = session.execute(
        sa.select(
            SearchDocument.title_terms, SearchDocument.decision_terms, SearchDocument.body_terms
        )
    )
    for title, decision, body in rows:
        terms = f"{title} {decision} {body}".split()
        counts.update(set(terms))
        counts["items"] += 1
        counts["length"] += len(terms)
    return {term: n for term, n in counts.items() if n}


def test_search_finds_the_item_named_in_the_title_first(session: Session) -> None:
    hits = SearchIndex().search(session, ask("hvad besluttede vi om Kofoedsminde?"), limit=5)
    assert ids(hits)[:2] == [2, 4]
    assert hits[0].score > hits[1].score > 0
    assert hits[0].meeting_date == date(2019, 1, 4)


def test_a_compound_part_finds_the_compound(session: Session) -> None:
    hits = SearchIndex().search(session, ask("what did we decide about kontrakter"), limit=5)
    assert ids(hits)[0] == 1
    assert {1, 5} <= set(ids(hits))


def test_group_and_date_filters(session: Session) -> None:
    index = SearchIndex()
    assert ids(index.search(session, ask("Kofoedsminde"), group_ids=[2])) == [4]
    assert ids(index.search(session, ask("Kofoedsminde"), group_ids=[])) == []
    assert ids(index.search(session, ask("Kofoedsminde i 2024"))) == [4]
    assert ids(index.search(session, ask("Kofoedsminde før 2020"))) == [2]


def test_a_period_without_topic_lists_its_items_in_order(session: Session) -> None:
    hits = SearchIndex().search(session, ask("hvad besluttede vi på mødet den 15. marts 2024"))
    assert ids(hits) == [4, 5]
    assert SearchIndex().search(session, ask("hvad besluttede vi")) == []


def test_when_questions_list_relevant_meetings_in_date_order(session: Session) -> None:
    question = ask("hvornår drøftede vi standardkontrakter")
    assert question.intent == "when"
    hits = in_date_order(SearchIndex().search(session, question))
    assert [h.meeting_date for h in hits] == sorted(h.meeting_date for h in hits)
    assert ids(hits)[0] == 1


def test_scores_equal_fts5_bm25_and_the_memory_index(session: Session) -> None:
    memory = MemoryIndex()
    for doc in analysed_items()[1]:
        memory.add(doc)
    for text in ("Kofoedsminde", "kontrakter plejefamilier", "styregruppen orienteringen"):
        question = ask(text)
        stored = SearchIndex().search(session, question)
        in_memory = memory.search(question)
        assert ids(stored) == ids(in_memory)
        for a, b in zip(stored, in_memory, strict=True):
            assert a.score == pytest.approx(b.score, rel=1e-9)


def test_random_corpus_scores_match_fts5(sqlite_engine: sa.Engine) -> None:
    rng = random.Random(7)
    words = [f"w{i}" for i in range(60)]
    docs = [
        IndexedDocument(
            item_id=i,
            group_id=i % 3,
            meeting_date=date(2020, 1, 1 + i % 28),
            title_terms=tuple(rng.choices(words, k=rng.randint(1, 6))),
            decision_terms=tuple(rng.choices(words, k=rng.randint(0, 12))),
            body_terms=tuple(rng.choices(words, k=rng.randint(0, 80))),
        )
        for i in range(1, 120)
    ]
    memory = MemoryIndex()
    for doc in docs:
        memory.add(doc)
    with Session(sqlite_engine) as session:
        SearchIndex().upsert_many(session, docs)
        for _ in range(25):
            terms = tuple(rng.sample(words, rng.randint(1, 4)))
            question = ParsedQuestion("q", "decision", terms, terms)
            stored = SearchIndex().search(session, question, limit=15)
            expected = memory.search(question, limit=15)
            assert [round(h.score, 9) for h in stored] == [round(h.score, 9) for h in expected]
            assert ids(stored) == ids(expected)
        assert stored_df(session) == recomputed_df(session)


def test_upsert_replaces_terms_and_keeps_document_frequencies(session: Session) -> None:
    index = SearchIndex()
    analyzer, docs = analysed_items()
    before = stored_df(session)
    assert before == recomputed_df(session)
    changed = build_document(
        analyzer,
        item_id=2,
        group_id=1,
        meeting_date=date(2019, 1, 4),
        title="Temadag om neurorehabilitering",
    )
    index.upsert(session, changed)
    assert 2 not in ids(index.search(session, ask("Kofoedsminde")))
    assert ids(index.search(session, ask("neurorehabilitering"))) == [2]
    assert stored_df(session) == recomputed_df(session)
    index.upsert(session, docs[1])
    assert stored_df(session) == before


def test_delete_removes_the_item_and_its_counts(session: Session) -> None:
    index = SearchIndex()
    index.delete(session, 4)
    index.delete(session, 999)
    assert 4 not in ids(index.search(session, ask("Kofoedsminde")))
    assert "økonomimodel" not in stored_df(session)
    assert stored_df(session) == recomputed_df(session)


def test_vocabulary_and_suggestions_come_from_the_index(session: Session) -> None:
    index = SearchIndex()
    vocabulary = index.vocabulary(session)
    assert vocabulary.df("kofoedsmind") == 2
    suggestions = index.suggest_terms(session, limit=5)
    assert 0 < len(suggestions) <= 5
    assert "kofoedsminde" in suggestions
    assert "styregruppen" not in suggestions  # in most items, so says nothing about a topic


def test_create_schema_indexes_rows_that_already_exist(sqlite_engine: sa.Engine) -> None:
    with sqlite_engine.begin() as connection:
        drop_schema(connection)
    _, docs = analysed_items()
    with Session(sqlite_engine) as session:
        SearchIndex().upsert_many(session, docs)
        session.commit()
    with sqlite_engine.begin() as connection:
        create_schema(connection)
    with Session(sqlite_engine) as session:
        assert ids(SearchIndex().search(session, ask("Kofoedsminde")))[:2] == [2, 4]


HOSTILE = [
    '"',
    '""',
    "kofoedsminde*",
    "title:kofoedsminde",
    "NEAR(kofoedsminde standardkontrakter)",
    "kofoedsminde OR",
    "AND NOT ) (",
    "^kofoedsminde",
    "{title_terms}: x",
    "'; DROP TABLE search_documents; --",
    "\x00\x01",
    "\u200b\u00ad",
    "ø" * 500,
]


@pytest.mark.parametrize("text", HOSTILE)
def test_query_syntax_in_user_text_is_plain_text(session: Session, text: str) -> None:
    index = SearchIndex()
    hits = index.search(session, ask(text))
    assert all(isinstance(h, Hit) for h in hits)
    raw = ParsedQuestion(text, "decision", (text,), (text,))
    index.search(session, raw)
    assert ids(index.search(session, ask("Kofoedsminde")))[:2] == [2, 4]


def test_quoted_terms_keep_their_meaning(session: Session) -> None:
    # "*" would be a prefix query and "title:" a column filter; quoted they are neither.
    fts = "SELECT rowid FROM search_fts WHERE search_fts MATCH :q ORDER BY rowid"
    assert session.execute(sa.text(fts), {"q": match_expression(["kofoedsmin*"])}).all() == []
    found = session.execute(sa.text(fts), {"q": match_expression(["kofoedsmind", "title_terms:x"])})
    assert [r[0] for r in found] == [2, 4]


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=80), terms=st.lists(st.text(max_size=20), max_size=5))
def test_arbitrary_strings_never_raise_on_sqlite(
    session: Session, text: str, terms: list[str]
) -> None:
    index = SearchIndex()
    index.search(session, parse_question(text, now=NOW))
    index.search(session, ParsedQuestion(text, "decision", tuple(terms), tuple(terms)))
    statement = sa.text("SELECT count(*) FROM search_fts WHERE search_fts MATCH :q")
    session.execute(statement, {"q": match_expression(terms)}).scalar_one()


# --- PostgreSQL --------------------------------------------------------------------------


@pytest.mark.postgres
def test_postgresql_gives_the_same_answers_as_sqlite(pg_url: str, session: Session) -> None:
    engine = index_engine(pg_url)
    try:
        _, docs = analysed_items()
        questions = [
            "hvad besluttede vi om Kofoedsminde?",
            "what did we decide about kontrakter",
            "rekruttering af plejefamilier",
            "styregruppen orienteringen efterretning",
            "Kofoedsminde i 2024",
            "hvad besluttede vi på mødet den 15. marts 2024",
            *HOSTILE,
        ]
        with Session(engine) as pg:
            index = SearchIndex()
            index.upsert_many(pg, docs)
            assert stored_df(pg) == stored_df(session)
            lexemes = pg.execute(
                sa.text(
                    "SELECT item_id, array_length(tsvector_to_array(search_vector), 1) FROM search_documents"
                )
            ).all()
            assert {i: n for i, n in lexemes} == {d.item_id: len(d.terms()) for d in docs}
            for text in questions:
                question = ask(text)
                on_pg = index.search(pg, question, limit=5)
                on_sqlite = index.search(session, question, limit=5)
                assert ids(on_pg) == ids(on_sqlite), text
                for a, b in zip(on_pg, on_sqlite, strict=True):
                    assert a.score == pytest.approx(b.score, rel=1e-9)
            index.delete(pg, 4)
            assert stored_df(pg) == recomputed_df(pg)
            assert ids(index.search(pg, ask("Kofoedsminde"), group_ids=[1, 2])) == [2]
    finally:
        with engine.begin() as connection:
            drop_schema(connection)
        engine.dispose()


# --- semantic layer ----------------------------------------------------------------------


class ConceptRanker:
    """A stand-in for e5: vectors count a few concepts, named in Danish or English."""

    CONCEPTS: ClassVar[dict[str, tuple[str, str]]] = {
        "plejefamilie": ("plejefamili", "foster"),
        "kontrakt": ("kontrakt", "contract"),
        "økonomi": ("økonomi", "economic"),
    }

    def __init__(self) -> None:
        self.embedded: list[str] = []

    def _vector(self, text: str) -> list[float]:
        lowered = text.lower()
        return [float(sum(lowered.count(w) for w in words)) for words in self.CONCEPTS.values()]

    def embed_passages(self, texts: Sequence[str]) -> list[bytes]:
        self.embedded.extend(texts)
        return [struct.pack("3f", *self._vector(t)) for t in texts]

    def similarities(self, query: str, embeddings: Sequence[bytes]) -> list[float]:
        q = self._vector(query)
        return [
            sum(a * b for a, b in zip(q, struct.unpack("3f", e), strict=True)) for e in embeddings
        ]


def test_semantic_fallback_answers_a_foreign_topic(sqlite_engine: sa.Engine) -> None:
    analyzer, docs = analysed_items()
    ranker = ConceptRanker()
    with Session(sqlite_engine) as session:
        index = SearchIndex(semantic=ranker)
        index.upsert_many(session, docs)
        assert len(ranker.embedded) == len(docs)
        stored = session.execute(sa.select(SearchDocument.item_id, SearchDocument.embedding)).all()
        assert all(embedding for _, embedding in stored)
        # "fostering" is in neither the archive nor the glossary ("foster families" is).
        question = ask("what did we decide about fostering families", analyzer)
        assert question.unknown_words == ("fostering",)
        assert ids(index.search(session, question, limit=3))[0] == 3
        # Topic words the archive knows: the lexical answer stands, unchanged.
        known = ask("hvad besluttede vi om Kofoedsminde", analyzer)
        assert index.search(session, known) == SearchIndex().search(session, known)


def test_short_passages_are_not_embedded(sqlite_engine: sa.Engine) -> None:
    analyzer = Analyzer()
    doc = build_document(
        analyzer, item_id=9, group_id=1, meeting_date=date(2020, 1, 1), title="Evt."
    )
    ranker = ConceptRanker()
    with Session(sqlite_engine) as session:
        SearchIndex(semantic=ranker).upsert(session, doc)
        assert ranker.embedded == []
        assert session.get(SearchDocument, 9).embedding is None  # type: ignore[union-attr]


def test_fuse_and_weights() -> None:
    lexical = [Hit(1, 4.0), Hit(2, 2.0)]
    semantic = [Hit(1, 0.70), Hit(2, 0.80), Hit(3, 0.90)]
    assert ids(fuse(lexical, semantic, 0.0, 3)) == [1, 2]
    assert ids(fuse(lexical, semantic, 1.0, 3)) == [3, 2, 1]
    # Halfway: item 1 gets 0.5 + 0, item 2 gets 0.25 + 0.25, item 3 gets 0 + 0.5: a tie,
    # which goes to the higher id; a clear semantic preference for item 2 wins.
    assert ids(fuse(lexical, semantic, 0.5, 3)) == [3, 2, 1]
    assert ids(fuse(lexical, [Hit(1, 0.7), Hit(2, 0.9), Hit(3, 0.8)], 0.5, 3)) == [2, 1, 3]
    policy = SemanticPolicy()
    no_topic = ParsedQuestion("", "decision", (), ())
    assert semantic_weight(no_topic, lexical, policy) == 0.0
    foreign = ParsedQuestion(
        "x", "decision", ("foster",), ("foster", "families"), unknown_words=("foster",)
    )
    # A semantic match alone is no answer (e5's similarities are flat), unless asked for.
    assert semantic_weight(foreign, [], policy) == 0.0
    assert semantic_weight(foreign, [], SemanticPolicy(answer_alone=True)) == 1.0
    assert semantic_weight(foreign, lexical, policy) == pytest.approx(0.4)
    known = ParsedQuestion("x", "decision", ("kofoedsmind",), ("kofoedsminde",))
    assert semantic_weight(known, lexical, policy) == 0.0
    assert semantic_weight(known, lexical, SemanticPolicy(mode="fuse")) == pytest.approx(0.3)


def test_memory_index_remove_and_date_order() -> None:
    memory = MemoryIndex()
    _, docs = analysed_items()
    for doc in docs:
        memory.add(doc)
    memory.remove(2)
    memory.remove(2)
    assert ids(memory.search(ask("Kofoedsminde"))) == [4]
    hits = [
        Hit(1, 1.0, date(2024, 1, 1)),
        Hit(2, 10.0, date(2019, 1, 1)),
        Hit(3, 0.5, date(2018, 1, 1)),
    ]
    assert ids(in_date_order(hits, min_ratio=0.05)) == [3, 2, 1]
    assert ids(in_date_order(hits)) == [2]


def test_common_word_questions_score_only_the_newest_items_alike(
    sqlite_engine: sa.Engine,
) -> None:
    from bot.search.rank import COMMON_CAP

    rng = random.Random(11)
    size = 2 * COMMON_CAP + 300
    docs = [
        IndexedDocument(
            item_id=i,
            group_id=1,
            meeting_date=date(2020, 1, 1),
            title_terms=tuple(rng.choices(["styregrupp", "status", "punkt", "x"], k=2)),
            decision_terms=("styregrupp",) if rng.random() < 0.9 else ("andet",),
            body_terms=tuple(rng.choices(["kommun", "status", f"r{i}"], k=5)),
        )
        for i in range(1, size + 1)
    ]
    memory = MemoryIndex()
    for doc in docs:
        memory.add(doc)
    with Session(sqlite_engine) as session:
        SearchIndex().upsert_many(session, docs)
        question = ParsedQuestion("q", "decision", ("styregrupp", "status"), ("x",))
        stored = SearchIndex().search(session, question, limit=10)
        expected = memory.search(question, limit=10)
        assert ids(stored) == ids(expected)
        newest = [
            sorted((d.item_id for d in docs if term in d.terms()), reverse=True)[COMMON_CAP - 1]
            for term in question.terms
        ]
        assert min(newest) > 100
        assert min(ids(stored)) >= min(newest)
