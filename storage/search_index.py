"""Index agenda items for full-text search on SQLite (FTS5) and PostgreSQL, ranked by BM25.

Both dialects store the same pre-analysed terms (see ``bot.search.analysis``)
in ``search_documents`` and keep document frequencies in ``search_terms``.
SQLite ranks with FTS5's ``bm25(search_fts, 3.0, 2.0, 1.0)``; PostgreSQL finds
candidates through a GIN-indexed ``tsvector`` and ranks them in Python with
the same formula (``bot.search.rank.bm25``), so a question gets the same top
answers on either database.

Typical use::

    index = SearchIndex()
    analyzer = Analyzer(index.vocabulary(session))
    doc = build_document(analyzer, item_id=..., group_id=..., meeting_date=..., title=...)
    index.upsert(session, doc)
    analyzer.vocabulary.add_document(doc.terms())
    question = parse_question(text, now=now, analyzer=analyzer)
    hits = index.search(session, question, group_ids=[group_id], limit=5)
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from typing import Any, cast

from sqlalchemy import (
    Connection,
    Date,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    bindparam,
    func,
    select,
    text,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, Session, mapped_column
from sqlalchemy.sql.elements import TextClause

from bot.search.analysis import IndexedDocument, Vocabulary
from bot.search.query import ParsedQuestion
from bot.search.rank import (
    COMMON_CAP,
    FIELD_WEIGHTS,
    Hit,
    bm25,
    idf,
    informative_terms,
    order_hits,
    search_terms,
)
from bot.search.semantic import (
    SemanticPolicy,
    SemanticRanker,
    fuse,
    semantic_query,
    semantic_weight,
    worth_embedding,
)
from storage.base import Base

__all__ = [
    "SearchDocument",
    "SearchIndex",
    "SearchTerm",
    "create_schema",
    "drop_schema",
]

_BATCH = 500
_EXTRA_ROWS = 5
_FTS_TABLE = "search_fts"
_PG_VECTOR_COLUMN = "search_vector"
_PG_VECTOR_INDEX = "ix_search_documents_search_vector"
_SAFE_TERM_RE = re.compile(r"^[^\W_]+$")
_FILTER_INDEX = "ix_search_documents_filter"
# Two rows of search_terms hold collection statistics under keys that no term can
# take (terms are runs of letters and digits): the number of items and the total
# number of terms in them.
_COUNT_KEY = ""
_LENGTH_KEY = " "
_STAT_KEYS = (_COUNT_KEY, _LENGTH_KEY)


class SearchDocument(Base):
    """One indexed agenda item: its pre-analysed terms per field and their lengths."""

    __tablename__ = "search_documents"
    __table_args__ = (Index(_FILTER_INDEX, "item_id", "group_id", "meeting_date"),)

    item_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    group_id: Mapped[int] = mapped_column(Integer, index=True)
    meeting_date: Mapped[date] = mapped_column(Date, index=True)
    title_terms: Mapped[str] = mapped_column(Text, default="", nullable=False)
    decision_terms: Mapped[str] = mapped_column(Text, default="", nullable=False)
    body_terms: Mapped[str] = mapped_column(Text, default="", nullable=False)
    title_length: Mapped[int] = mapped_column(Integer, default=0)
    decision_length: Mapped[int] = mapped_column(Integer, default=0)
    body_length: Mapped[int] = mapped_column(Integer, default=0)
    embedding: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)


class SearchTerm(Base):
    """A term of the index with the number of documents containing it."""

    __tablename__ = "search_terms"

    term: Mapped[str] = mapped_column(String, primary_key=True)
    df: Mapped[int] = mapped_column(Integer)
    word: Mapped[str | None] = mapped_column(String, nullable=True)


_DOCS = cast(Table, SearchDocument.__table__)
_TERMS = cast(Table, SearchTerm.__table__)

_FILTER_INDEX_DDL = (
    f"CREATE INDEX IF NOT EXISTS {_FILTER_INDEX} "
    "ON search_documents (item_id, group_id, meeting_date)"
)

_SQLITE_DDL = [
    _FILTER_INDEX_DDL,
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS {_FTS_TABLE} USING fts5(
        title_terms, decision_terms, body_terms,
        content='search_documents', content_rowid='item_id', tokenize='ascii')""",
    f"""CREATE TRIGGER IF NOT EXISTS search_documents_fts_insert
        AFTER INSERT ON search_documents BEGIN
        INSERT INTO {_FTS_TABLE}(rowid, title_terms, decision_terms, body_terms)
        VALUES (new.item_id, new.title_terms, new.decision_terms, new.body_terms);
        END""",
    f"""CREATE TRIGGER IF NOT EXISTS search_documents_fts_delete
        AFTER DELETE ON search_documents BEGIN
        INSERT INTO {_FTS_TABLE}({_FTS_TABLE}, rowid, title_terms, decision_terms, body_terms)
        VALUES ('delete', old.item_id, old.title_terms, old.decision_terms, old.body_terms);
        END""",
    f"""CREATE TRIGGER IF NOT EXISTS search_documents_fts_update
        AFTER UPDATE OF item_id, title_terms, decision_terms, body_terms
        ON search_documents BEGIN
        INSERT INTO {_FTS_TABLE}({_FTS_TABLE}, rowid, title_terms, decision_terms, body_terms)
        VALUES ('delete', old.item_id, old.title_terms, old.decision_terms, old.body_terms);
        INSERT INTO {_FTS_TABLE}(rowid, title_terms, decision_terms, body_terms)
        VALUES (new.item_id, new.title_terms, new.decision_terms, new.body_terms);
        END""",
    f"INSERT INTO {_FTS_TABLE}({_FTS_TABLE}) VALUES ('rebuild')",
]

_SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_documents_fts_insert",
    "DROP TRIGGER IF EXISTS search_documents_fts_delete",
    "DROP TRIGGER IF EXISTS search_documents_fts_update",
    f"DROP TABLE IF EXISTS {_FTS_TABLE}",
]

_PG_DDL = [
    _FILTER_INDEX_DDL,
    f"""ALTER TABLE search_documents ADD COLUMN IF NOT EXISTS {_PG_VECTOR_COLUMN} tsvector
        GENERATED ALWAYS AS (
            setweight(to_tsvector('simple'::regconfig, coalesce(title_terms, '')), 'A')
            || setweight(to_tsvector('simple'::regconfig, coalesce(decision_terms, '')), 'B')
            || setweight(to_tsvector('simple'::regconfig, coalesce(body_terms, '')), 'C')
        ) STORED""",
    f"""CREATE INDEX IF NOT EXISTS {_PG_VECTOR_INDEX}
        ON search_documents USING gin ({_PG_VECTOR_COLUMN})""",
]

_PG_DROP = [
    f"DROP INDEX IF EXISTS {_PG_VECTOR_INDEX}",
    f"ALTER TABLE search_documents DROP COLUMN IF EXISTS {_PG_VECTOR_COLUMN}",
]


def _shown_words(rows: Iterable[Any], limit: int) -> list[str]:
    """Return the words of (word,) rows fit to show as hints: no numbers, no short words."""
    words: list[str] = []
    for (word,) in rows:
        if word and not word.isdigit() and len(word) > 3 and word not in words:
            words.append(word)
    return words[:limit]


def create_schema(connection: Connection) -> None:
    """Create the dialect's full-text structures over the search tables (which must exist).

    SQLite: an external-content FTS5 table ``search_fts`` kept in step by
    triggers, rebuilt from any rows already present. PostgreSQL: a generated
    ``tsvector`` column with weights A/B/C per field and a GIN index on it.
    Both: the narrow filter index the ranked join reads (also declared on the
    table, so this is a no-op when the table came from the metadata).
    """
    for statement in _ddl(connection, _SQLITE_DDL, _PG_DDL):
        connection.exec_driver_sql(statement)


def drop_schema(connection: Connection) -> None:
    """Drop what create_schema made (the tables themselves stay)."""
    for statement in _ddl(connection, _SQLITE_DROP, _PG_DROP):
        connection.exec_driver_sql(statement)


def _ddl(connection: Connection, for_sqlite: list[str], for_pg: list[str]) -> list[str]:
    """Pick the statements for the connection's dialect."""
    name = connection.dialect.name
    if name == "sqlite":
        return for_sqlite
    if name == "postgresql":
        return for_pg
    raise NotImplementedError(f"search index: unsupported database dialect {name!r}")


def match_expression(terms: Sequence[str]) -> str:
    """Build an FTS5 MATCH string that ORs the terms, each quoted as a string.

    Quoting makes every term a plain string to FTS5: quotes, ``*``, ``NEAR``,
    ``OR``, column filters such as ``title:`` and parentheses in user text
    keep no special meaning; NUL characters, which would end the string early,
    are dropped. No terms give an expression that matches nothing.
    """
    quoted = ['"' + term.replace("\x00", "").replace('"', '""') + '"' for term in terms]
    return " OR ".join(quoted) if quoted else '""'


class SearchIndex:
    """The storage-backed search index; every method takes a Session and never commits."""

    def __init__(
        self,
        *,
        semantic: SemanticRanker | None = None,
        policy: SemanticPolicy | None = None,
    ) -> None:
        """Create the index, optionally with a semantic ranker for weak or foreign questions."""
        self.semantic = semantic
        self.policy = policy or SemanticPolicy()

    # --- writing -------------------------------------------------------------------------

    def upsert(self, session: Session, doc: IndexedDocument) -> None:
        """Add or replace one agenda item in the index."""
        self.upsert_many(session, [doc])

    def upsert_many(self, session: Session, docs: Iterable[IndexedDocument]) -> None:
        """Add or replace many agenda items, keeping document frequencies exact."""
        batch: dict[int, IndexedDocument] = {}
        for doc in docs:
            batch[doc.item_id] = doc
        if not batch:
            return
        items = list(batch.values())
        if self.semantic is not None:
            items = self._with_embeddings(items)
        ids = [d.item_id for d in items]
        old_terms = self._stored_terms(session, ids)
        delta: Counter[str] = Counter()
        spelled: dict[str, str] = {}
        for doc in items:
            new = doc.terms()
            old, old_length = old_terms.get(doc.item_id, (frozenset(), 0))
            for term in new - old:
                delta[term] += 1
            for term in old - new:
                delta[term] -= 1
            if doc.item_id not in old_terms:
                delta[_COUNT_KEY] += 1
            delta[_LENGTH_KEY] += _length(doc) - old_length
            for stem, word in doc.words.items():
                spelled.setdefault(stem, word)
        rows = [_row(doc) for doc in items]
        updates = [r for r in rows if r["item_id"] in old_terms]
        inserts = [r for r in rows if r["item_id"] not in old_terms]
        if updates:
            statement = (
                _DOCS.update()
                .where(_DOCS.c.item_id == bindparam("key"))
                .values({c: bindparam(c) for c in rows[0] if c != "item_id"})
            )
            session.execute(statement, [{**r, "key": r["item_id"]} for r in updates])
        if inserts:
            session.execute(_DOCS.insert(), inserts)
        self._apply_df(session, delta, spelled)

    def delete(self, session: Session, item_id: int) -> None:
        """Remove an agenda item from the index (nothing happens if it is not there)."""
        stored = self._stored_terms(session, [item_id]).get(item_id)
        if stored is None:
            return
        old, old_length = stored
        session.execute(_DOCS.delete().where(_DOCS.c.item_id == item_id))
        delta = Counter({term: -1 for term in old})
        delta[_COUNT_KEY] -= 1
        delta[_LENGTH_KEY] -= old_length
        self._apply_df(session, delta, {})

    def _with_embeddings(self, docs: list[IndexedDocument]) -> list[IndexedDocument]:
        """Fill in missing embeddings with the semantic ranker."""
        assert self.semantic is not None
        missing = [d for d in docs if d.embedding is None and worth_embedding(d.passage)]
        if not missing:
            return docs
        vectors = self.semantic.embed_passages([d.passage for d in missing])
        by_id = {d.item_id: v for d, v in zip(missing, vectors, strict=True)}
        return [_replace_embedding(d, by_id[d.item_id]) if d.item_id in by_id else d for d in docs]

    def _stored_terms(
        self, session: Session, ids: Sequence[int]
    ) -> dict[int, tuple[frozenset[str], int]]:
        """Return the distinct terms and the total length currently stored for each item."""
        found: dict[int, tuple[frozenset[str], int]] = {}
        for start in range(0, len(ids), _BATCH):
            chunk = ids[start : start + _BATCH]
            rows = session.execute(
                select(
                    _DOCS.c.item_id,
                    _DOCS.c.title_terms,
                    _DOCS.c.decision_terms,
                    _DOCS.c.body_terms,
                    _DOCS.c.title_length + _DOCS.c.decision_length + _DOCS.c.body_length,
                ).where(_DOCS.c.item_id.in_(chunk))
            )
            for item_id, title, decision, body, length in rows:
                found[item_id] = (frozenset(f"{title} {decision} {body}".split()), int(length))
        return found

    def _apply_df(self, session: Session, delta: Counter[str], spelled: dict[str, str]) -> None:
        """Add the changes in document frequency to search_terms, dropping terms at zero."""
        increases = [
            {"term": t, "df": n, "word": spelled.get(t)} for t, n in sorted(delta.items()) if n > 0
        ]
        decreases = [{"term": t, "n": n} for t, n in sorted(delta.items()) if n < 0]
        if increases:
            dialect = session.get_bind().dialect.name
            insert: Any = (
                postgresql.insert(_TERMS) if dialect == "postgresql" else sqlite.insert(_TERMS)
            )
            statement = insert.on_conflict_do_update(
                index_elements=[_TERMS.c.term],
                set_={
                    "df": _TERMS.c.df + insert.excluded.df,
                    "word": func.coalesce(_TERMS.c.word, insert.excluded.word),
                },
            )
            for start in range(0, len(increases), _BATCH):
                session.execute(statement, increases[start : start + _BATCH])
        if decreases:
            session.execute(
                _TERMS.update()
                .where(_TERMS.c.term == bindparam("key"))
                .values(df=_TERMS.c.df + bindparam("n")),
                [{"key": d["term"], "n": d["n"]} for d in decreases],
            )
            session.execute(
                _TERMS.delete().where(_TERMS.c.term == bindparam("key"), _TERMS.c.df <= 0),
                [{"key": d["term"]} for d in decreases],
            )

    # --- reading -------------------------------------------------------------------------

    def vocabulary(self, session: Session) -> Vocabulary:
        """Load the index's terms and document frequencies for the compound splitter."""
        rows = session.execute(
            select(_TERMS.c.term, _TERMS.c.df).where(_TERMS.c.term.not_in(_STAT_KEYS))
        )
        return Vocabulary({term: df for term, df in rows})

    def suggest_terms(
        self, session: Session, limit: int = 10, group_ids: Sequence[int] | None = None
    ) -> list[str]:
        """Return words that do occur in the archive, frequent but not ubiquitous, for hints.

        Terms found in more than half of the items (``styregruppe``, ``orientering``)
        say nothing about a topic and are left out; each term is shown as a word the
        minutes spell it with. With ``group_ids`` only those groups' items count, so a
        hint never shows a word from another group's archive.
        """
        if group_ids is not None and self._outside(session, group_ids):
            return self._suggest_in_groups(session, limit, group_ids)
        total = self._statistics(session, []).get(_COUNT_KEY, 0) if limit > 0 else 0
        if not total:
            return []
        ceiling = max(1, total // 2)
        rows = session.execute(
            select(_TERMS.c.word)
            .where(
                _TERMS.c.word.is_not(None),
                _TERMS.c.df <= ceiling,
                _TERMS.c.term.not_in(_STAT_KEYS),
            )
            .order_by(_TERMS.c.df.desc(), _TERMS.c.term)
            .limit(limit * 3)
        )
        return _shown_words(rows, limit)

    def _outside(self, session: Session, group_ids: Sequence[int]) -> bool:
        """Tell whether any item lies outside the groups (else the whole index's counts do).

        Counting terms over the groups' own items reads every item: seconds at 100 000
        items, for a "nothing found" answer in the common case of one group's archive.
        """
        return (
            session.execute(
                select(_DOCS.c.item_id)
                .where(_DOCS.c.group_id.not_in([int(g) for g in group_ids]))
                .limit(1)
            ).first()
            is not None
        )

    def _suggest_in_groups(
        self, session: Session, limit: int, group_ids: Sequence[int]
    ) -> list[str]:
        """Return hint words counted over the items of some groups only."""
        if limit <= 0 or not group_ids:
            return []
        counts: Counter[str] = Counter()
        total = 0
        fields = select(_DOCS.c.title_terms, _DOCS.c.decision_terms, _DOCS.c.body_terms)
        for title, decision, body in session.execute(
            fields.where(_DOCS.c.group_id.in_(list(group_ids)))
        ):
            total += 1
            counts.update(set(f"{title} {decision} {body}".split()))
        ceiling = max(1, total // 2)
        ranked = sorted(
            (term for term, df in counts.items() if df <= ceiling),
            key=lambda term: (-counts[term], term),
        )[: limit * 3]
        if not ranked:
            return []
        spelled = dict(
            session.execute(
                select(_TERMS.c.term, _TERMS.c.word).where(
                    _TERMS.c.term.in_(ranked), _TERMS.c.word.is_not(None)
                )
            ).all()
        )
        return _shown_words([(spelled.get(term),) for term in ranked], limit)

    def search(
        self,
        session: Session,
        question: ParsedQuestion,
        *,
        group_ids: Sequence[int] | None = None,
        limit: int = 10,
    ) -> list[Hit]:
        """Return the best agenda items for the question, best first.

        Terms are ORed; ``group_ids`` (None for all groups) and the question's
        date range filter the items. A question with a date range but no topic
        lists that period's items in date order.
        """
        if limit <= 0 or (group_ids is not None and not group_ids):
            return []
        terms = [t for t in search_terms(question) if _SAFE_TERM_RE.match(t)]
        if not terms:
            return self._browse(session, question, group_ids, limit)
        stats = self._statistics(session, terms)
        n_docs = stats.get(_COUNT_KEY, 0)
        terms = informative_terms(terms, stats, n_docs)
        fetch = limit
        if self.semantic is not None:
            fetch = max(limit, self.policy.candidates)
        lexical: list[Hit] = []
        if terms:
            since: int | None = None
            if all(stats.get(t, 0) * 2 > n_docs for t in terms):
                since = self._newest_bound(session, terms)
            lexical = self._lexical(session, question, terms, stats, group_ids, fetch, since)
            if since is not None and len(lexical) < fetch:
                lexical = self._lexical(session, question, terms, stats, group_ids, fetch, None)
        if self.semantic is None:
            return lexical[:limit]
        weight = semantic_weight(question, lexical, self.policy)
        if weight <= 0.0:
            return lexical[:limit]
        semantic = self._semantic_hits(session, question, group_ids)
        return fuse(lexical, semantic, weight, limit)

    def statistics(self, session: Session, terms: Sequence[str]) -> tuple[dict[str, int], int]:
        """Return the document frequency of each term and the number of indexed items."""
        stats = self._statistics(session, terms)
        n_docs = stats.pop(_COUNT_KEY, 0)
        stats.pop(_LENGTH_KEY, None)
        return stats, n_docs

    def stored_terms(
        self, session: Session, ids: Sequence[int]
    ) -> dict[int, tuple[frozenset[str], frozenset[str]]]:
        """Return each indexed item's title terms and all its terms."""
        found: dict[int, tuple[frozenset[str], frozenset[str]]] = {}
        for start in range(0, len(ids), _BATCH):
            chunk = list(ids[start : start + _BATCH])
            rows = session.execute(
                select(
                    _DOCS.c.item_id, _DOCS.c.title_terms, _DOCS.c.decision_terms, _DOCS.c.body_terms
                ).where(_DOCS.c.item_id.in_(chunk))
            )
            for item_id, title, decision, body in rows:
                titles = frozenset(title.split())
                found[item_id] = (titles, titles | frozenset(f"{decision} {body}".split()))
        return found

    def _lexical(
        self,
        session: Session,
        question: ParsedQuestion,
        terms: list[str],
        stats: dict[str, int],
        group_ids: Sequence[int] | None,
        limit: int,
        since: int | None,
    ) -> list[Hit]:
        """Rank the items matching any term (from item ``since`` on, when given) with BM25."""
        if session.get_bind().dialect.name == "postgresql":
            return self._search_postgresql(session, question, terms, stats, group_ids, limit, since)
        return self._search_sqlite(session, question, terms, group_ids, limit, since)

    def _newest_bound(self, session: Session, terms: Sequence[str]) -> int | None:
        """Return the lowest item id that keeps the newest ``COMMON_CAP`` items of each term.

        A question made only of words found in most items ("styregruppen", "status")
        would have the database score most of the archive; only the newest items with
        each word are scored instead (the index lists them without scoring). None when
        a word has fewer items than that (no cap is needed).
        """
        bounds: list[int] = []
        for term in terms:
            if session.get_bind().dialect.name == "postgresql":
                row = session.execute(
                    text(
                        f"SELECT item_id FROM search_documents WHERE {_PG_VECTOR_COLUMN} @@ "
                        "plainto_tsquery('simple', :term) ORDER BY item_id DESC "
                        "LIMIT 1 OFFSET :skip"
                    ),
                    {"term": term, "skip": COMMON_CAP - 1},
                ).first()
            else:
                rows = _driver_rows(
                    session,
                    f"SELECT rowid FROM {_FTS_TABLE} WHERE {_FTS_TABLE} MATCH ? "
                    "ORDER BY rowid DESC LIMIT 1 OFFSET ?",
                    [match_expression([term]), COMMON_CAP - 1],
                )
                row = rows[0] if rows else None
            if row is None:
                return None
            bounds.append(int(row[0]))
        return min(bounds) if bounds else None

    def _statistics(self, session: Session, terms: Sequence[str]) -> dict[str, int]:
        """Return the df of each term, and the item count and total length under their keys."""
        keys = [*terms, _COUNT_KEY, _LENGTH_KEY]
        if session.get_bind().dialect.name == "sqlite":
            marks = ", ".join("?" for _ in keys)
            rows: Iterable[Any] = _driver_rows(
                session, f"SELECT term, df FROM search_terms WHERE term IN ({marks})", keys
            )
        else:
            rows = session.execute(
                select(_TERMS.c.term, _TERMS.c.df).where(_TERMS.c.term.in_(keys))
            )
        return {term: int(df) for term, df in rows}

    def _search_sqlite(
        self,
        session: Session,
        question: ParsedQuestion,
        terms: list[str],
        group_ids: Sequence[int] | None,
        limit: int,
        since: int | None = None,
    ) -> list[Hit]:
        """Rank with FTS5's bm25() over the three weighted columns.

        Without filters the FTS table alone is ranked and only the best rows are
        joined to their meeting dates; with filters every match is joined through
        the narrow covering index (item_id, group_id, meeting_date) rather than
        the wide rows. This is the hot path, so it goes straight to the driver
        (parameters are bound, never formatted into the SQL).
        """
        weights = ", ".join(f"{w:.1f}" for w in FIELD_WEIGHTS)
        rank = f"bm25({_FTS_TABLE}, {weights})"
        conditions: list[str] = []
        params: list[Any] = [match_expression(terms)]
        if since is not None:
            conditions.append(f"{_FTS_TABLE}.rowid >= ?")
            params.append(since)
        if group_ids is not None:
            conditions.append(f"d.group_id IN ({', '.join('?' for _ in group_ids)})")
            params.extend(int(g) for g in group_ids)
        if question.date_from is not None:
            conditions.append("d.meeting_date >= ?")
            params.append(question.date_from.isoformat())
        if question.date_to is not None:
            conditions.append("d.meeting_date <= ?")
            params.append(question.date_to.isoformat())
        params.append(limit + _EXTRA_ROWS)
        if conditions:
            sql = (
                f"SELECT d.item_id, d.meeting_date, {rank} AS score FROM {_FTS_TABLE} "
                f"JOIN search_documents AS d INDEXED BY {_FILTER_INDEX} "
                f"ON d.item_id = {_FTS_TABLE}.rowid WHERE {_FTS_TABLE} MATCH ? AND "
                + " AND ".join(conditions)
                + " ORDER BY score LIMIT ?"
            )
        else:
            sql = (
                "SELECT f.id, d.meeting_date, f.score FROM "
                f"(SELECT rowid AS id, {rank} AS score FROM {_FTS_TABLE} "
                f"WHERE {_FTS_TABLE} MATCH ? ORDER BY score LIMIT ?) AS f "
                "JOIN search_documents AS d ON d.item_id = f.id ORDER BY f.score"
            )
        rows = _driver_rows(session, sql, params)
        hits = [Hit(item_id, -float(score), _as_date(day)) for item_id, day, score in rows]
        return order_hits(hits, limit)

    def _search_postgresql(
        self,
        session: Session,
        question: ParsedQuestion,
        terms: list[str],
        stats: dict[str, int],
        group_ids: Sequence[int] | None,
        limit: int,
        since: int | None = None,
    ) -> list[Hit]:
        """Find candidates through the GIN index, then rank them with BM25 in Python.

        The database returns, per candidate, how often each term occurs in each
        field (counted exactly from the stored terms), not the text itself.
        """
        where, params = _filters(question, group_ids, "d.")
        if since is not None:
            where += " AND d.item_id >= :since"
            params["since"] = since
        query = " || ".join(f"plainto_tsquery('simple', :t{i})" for i in range(len(terms)))
        counts = ", ".join(
            f"cardinality(array_positions(f.title, :t{i})), "
            f"cardinality(array_positions(f.decision, :t{i})), "
            f"cardinality(array_positions(f.body, :t{i}))"
            for i in range(len(terms))
        )
        params.update({f"t{i}": term for i, term in enumerate(terms)})
        statement = _text(
            "SELECT d.item_id, d.meeting_date, "
            f"d.title_length + d.decision_length + d.body_length, {counts} "
            "FROM search_documents AS d, LATERAL (SELECT "
            "string_to_array(d.title_terms, ' ') AS title, "
            "string_to_array(d.decision_terms, ' ') AS decision, "
            "string_to_array(d.body_terms, ' ') AS body) AS f "
            f"WHERE d.{_PG_VECTOR_COLUMN} @@ ({query}){where}",
            params,
        )
        n_docs = stats.get(_COUNT_KEY, 0)
        avg = stats.get(_LENGTH_KEY, 0) / n_docs if n_docs else 0.0
        idfs = [idf(n_docs, stats.get(t, 0)) for t in terms]
        title_w, decision_w, body_w = FIELD_WEIGHTS
        hits: list[Hit] = []
        for row in session.execute(statement, params):
            item_id, day, length = row[0], row[1], int(row[2])
            tf = [
                title_w * row[3 + 3 * i] + decision_w * row[4 + 3 * i] + body_w * row[5 + 3 * i]
                for i in range(len(terms))
            ]
            hits.append(Hit(item_id, bm25(tf, idfs, length, avg), _as_date(day)))
        return order_hits(hits, limit)

    def _browse(
        self,
        session: Session,
        question: ParsedQuestion,
        group_ids: Sequence[int] | None,
        limit: int,
    ) -> list[Hit]:
        """List the items of the question's date range in date order (no topic given)."""
        if question.date_from is None and question.date_to is None:
            return []
        where, params = _filters(question, group_ids, "")
        statement = _text(
            f"SELECT item_id, meeting_date FROM search_documents WHERE 1 = 1{where} "
            "ORDER BY meeting_date, item_id LIMIT :limit",
            params,
        )
        params["limit"] = limit
        return [Hit(i, 0.0, _as_date(d)) for i, d in session.execute(statement, params)]

    def _semantic_hits(
        self, session: Session, question: ParsedQuestion, group_ids: Sequence[int] | None
    ) -> list[Hit]:
        """Score every embedded item that passes the filters against the question."""
        assert self.semantic is not None
        where, params = _filters(question, group_ids, "")
        statement = _text(
            "SELECT item_id, meeting_date, embedding FROM search_documents "
            f"WHERE embedding IS NOT NULL{where}",
            params,
        )
        rows = session.execute(statement, params).all()
        if not rows:
            return []
        size = len(rows[0][2])
        rows = [r for r in rows if len(r[2]) == size]
        scores = self.semantic.similarities(semantic_query(question), [r[2] for r in rows])
        return [
            Hit(item_id, score, _as_date(day))
            for (item_id, day, _), score in zip(rows, scores, strict=True)
            if score >= self.policy.min_similarity
        ]


def _length(doc: IndexedDocument) -> int:
    """Return the number of terms of all fields of a document."""
    return len(doc.title_terms) + len(doc.decision_terms) + len(doc.body_terms)


def _row(doc: IndexedDocument) -> dict[str, Any]:
    """Turn a document into a search_documents row."""
    return {
        "item_id": doc.item_id,
        "group_id": doc.group_id,
        "meeting_date": doc.meeting_date,
        "title_terms": " ".join(doc.title_terms),
        "decision_terms": " ".join(doc.decision_terms),
        "body_terms": " ".join(doc.body_terms),
        "title_length": len(doc.title_terms),
        "decision_length": len(doc.decision_terms),
        "body_length": len(doc.body_terms),
        "embedding": doc.embedding,
    }


def _replace_embedding(doc: IndexedDocument, embedding: bytes) -> IndexedDocument:
    """Return a copy of the document carrying the embedding."""
    return replace(doc, embedding=embedding)


def _filters(
    question: ParsedQuestion, group_ids: Sequence[int] | None, alias: str
) -> tuple[str, dict[str, Any]]:
    """Return the SQL conditions (each starting with AND) and parameters for the filters."""
    where = ""
    params: dict[str, Any] = {}
    if group_ids is not None:
        where += f" AND {alias}group_id IN :group_ids"
        params["group_ids"] = list(group_ids)
    if question.date_from is not None:
        where += f" AND {alias}meeting_date >= :date_from"
        params["date_from"] = question.date_from
    if question.date_to is not None:
        where += f" AND {alias}meeting_date <= :date_to"
        params["date_to"] = question.date_to
    return where, params


def _text(sql: str, params: dict[str, Any]) -> TextClause:
    """Make a text clause with typed parameters for the filters present in ``params``."""
    statement = text(sql)
    if "group_ids" in params:
        statement = statement.bindparams(bindparam("group_ids", expanding=True))
    for name in ("date_from", "date_to"):
        if name in params:
            statement = statement.bindparams(bindparam(name, type_=Date()))
    return statement


def _driver_rows(session: Session, sql: str, params: Sequence[Any]) -> list[Any]:
    """Run a query on the session's own DB-API connection and return all rows.

    The search's hot path on SQLite: it is in the session's transaction like any
    other statement, without the cost of SQLAlchemy's result objects.
    """
    dbapi = session.connection().connection.dbapi_connection
    if dbapi is None:  # pragma: no cover - a live session always has one
        raise RuntimeError("search index: the session has no database connection")
    cursor = dbapi.cursor()
    try:
        cursor.execute(sql, tuple(params))
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _as_date(value: Any) -> date | None:
    """Read a date column (SQLite hands back ISO strings through text queries)."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])
