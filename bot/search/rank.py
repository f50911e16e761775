"""Rank agenda items for a question with BM25 over weighted fields, and an in-memory index."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from bot.search.analysis import TOKEN_RE, IndexedDocument, Vocabulary
from bot.search.query import ParsedQuestion

__all__ = [
    "COMMON_CAP",
    "FIELD_WEIGHTS",
    "K1",
    "B",
    "Hit",
    "MemoryIndex",
    "bm25",
    "idf",
    "in_date_order",
    "informative_terms",
    "order_hits",
    "search_terms",
    "weighted_frequencies",
]

K1 = 1.2
"""BM25 term-frequency saturation."""
B = 0.75
"""BM25 length normalisation."""
COMMON_CAP = 500
"""Candidates per word (the newest items with it) for questions of only very common words."""
FIELD_WEIGHTS: tuple[float, float, float] = (3.0, 2.0, 1.0)
"""Weights of the title, the decision text and the rest of the body."""
SCORE_DIGITS = 9
"""Scores are compared after rounding to this many decimals, so that SQLite and
PostgreSQL (which compute the same formula in different places) order ties alike."""


@dataclass(frozen=True)
class Hit:
    """One agenda item found for a question; a higher score is a better match."""

    item_id: int
    score: float
    meeting_date: date | None = None


def idf(n_docs: int, df: int) -> float:
    """Return the inverse document frequency as SQLite FTS5's bm25() computes it."""
    value = math.log((n_docs - df + 0.5) / (df + 0.5)) if n_docs > 0 else 0.0
    return value if value > 0.0 else 1e-6


def bm25(
    weighted_tf: Sequence[float], idfs: Sequence[float], doc_length: int, avg_length: float
) -> float:
    """Score one document: the sum over query terms of idf times saturated weighted frequency.

    ``weighted_tf`` holds, per query term, the field-weighted count of its
    occurrences; the length is the document's total number of terms over all
    fields. This is the formula of FTS5's bm25() with column weights.
    """
    if avg_length <= 0.0:
        avg_length = 1.0
    norm = K1 * (1.0 - B + B * doc_length / avg_length)
    score = 0.0
    for tf, weight in zip(weighted_tf, idfs, strict=True):
        if tf > 0.0:
            score += weight * (tf * (K1 + 1.0)) / (tf + norm)
    return score


def weighted_frequencies(
    terms: Sequence[str], fields: Sequence[Counter[str]], weights: Sequence[float] = FIELD_WEIGHTS
) -> list[float]:
    """Return, per term, the sum over fields of weight times the term's count in that field."""
    return [sum(w * f[t] for w, f in zip(weights, fields, strict=True)) for t in terms]


def order_hits(hits: Iterable[Hit], limit: int | None = None) -> list[Hit]:
    """Sort hits best first; equal scores go to the newer meeting, then the higher item id."""
    ordered = sorted(
        hits,
        key=lambda h: (
            -round(h.score, SCORE_DIGITS),
            -(h.meeting_date.toordinal() if h.meeting_date else 0),
            -h.item_id,
        ),
    )
    return ordered if limit is None else ordered[: max(limit, 0)]


def in_date_order(hits: Sequence[Hit], *, min_ratio: float = 0.4) -> list[Hit]:
    """Keep the hits scoring at least ``min_ratio`` of the best and list them oldest first.

    This answers "when did we discuss X": the meetings where the topic was
    treated, in date order, without the weak matches of an OR query.
    """
    if not hits:
        return []
    best = max(h.score for h in hits)
    kept = [h for h in hits if h.score >= best * min_ratio]
    return sorted(kept, key=lambda h: (h.meeting_date or date.min, h.item_id))


def search_terms(question: ParsedQuestion) -> list[str]:
    """Return the question's distinct terms, split into single tokens, in order."""
    terms: list[str] = []
    for term in question.terms:
        for token in TOKEN_RE.findall(term.lower()):
            if token not in terms:
                terms.append(token)
    return terms


def informative_terms(terms: Sequence[str], df: Mapping[str, int], n_docs: int) -> list[str]:
    """Drop terms no item contains, and terms in more than half of the items if others remain.

    FTS5's bm25() gives a term found in more than half of the rows an idf of
    1e-6, so such a term changes no ranking while it makes the database score
    most of the archive; leaving it out keeps large archives fast.
    """
    present = [t for t in terms if df.get(t, 0) > 0]
    informative = [t for t in present if df[t] * 2 <= n_docs]
    return informative or present


@dataclass
class _Stored:
    """A document held by the MemoryIndex."""

    group_id: int
    meeting_date: date
    fields: tuple[Counter[str], Counter[str], Counter[str]]
    length: int
    terms: frozenset[str]


class MemoryIndex:
    """An in-memory index with the same scoring as the storage-backed one (for tests and eval)."""

    def __init__(self) -> None:
        """Create an empty index."""
        self._docs: dict[int, _Stored] = {}
        self._postings: dict[str, set[int]] = {}
        self._total_length = 0
        self.vocabulary = Vocabulary()

    def __len__(self) -> int:
        return len(self._docs)

    def add(self, doc: IndexedDocument) -> None:
        """Add or replace a document."""
        self.remove(doc.item_id)
        fields = (Counter(doc.title_terms), Counter(doc.decision_terms), Counter(doc.body_terms))
        length = len(doc.title_terms) + len(doc.decision_terms) + len(doc.body_terms)
        terms = doc.terms()
        self._docs[doc.item_id] = _Stored(doc.group_id, doc.meeting_date, fields, length, terms)
        self._total_length += length
        for term in terms:
            self._postings.setdefault(term, set()).add(doc.item_id)
        self.vocabulary.add_document(terms)

    def remove(self, item_id: int) -> None:
        """Remove a document if present."""
        stored = self._docs.pop(item_id, None)
        if stored is None:
            return
        self._total_length -= stored.length
        for term in stored.terms:
            posting = self._postings.get(term)
            if posting is not None:
                posting.discard(item_id)
                if not posting:
                    del self._postings[term]
        self.vocabulary.remove_document(stored.terms)

    def search(
        self, question: ParsedQuestion, *, group_ids: Sequence[int] | None = None, limit: int = 10
    ) -> list[Hit]:
        """Return the best documents for the question, best first."""
        terms = search_terms(question)
        n_docs = len(self._docs)
        if not terms:
            return self._browse(question, group_ids, limit)
        df = {t: len(self._postings.get(t, ())) for t in terms}
        terms = informative_terms(terms, df, n_docs)
        if terms and all(df[t] * 2 > n_docs for t in terms):
            # Only very common words: as the storage index does, score only the items from
            # the one that keeps the newest COMMON_CAP of each word on, unless too few match.
            bounds = [sorted(self._postings.get(t, ()), reverse=True) for t in terms]
            if all(len(b) >= COMMON_CAP for b in bounds):
                since = min(b[COMMON_CAP - 1] for b in bounds)
                newest = {i for t in terms for i in self._postings.get(t, ()) if i >= since}
                capped = self._score(question, group_ids, terms, n_docs, newest)
                if len(capped) >= limit:
                    return order_hits(capped, limit)
        candidates: set[int] = set()
        for term in terms:
            candidates |= self._postings.get(term, set())
        return order_hits(self._score(question, group_ids, terms, n_docs, candidates), limit)

    def _score(
        self,
        question: ParsedQuestion,
        group_ids: Sequence[int] | None,
        terms: list[str],
        n_docs: int,
        candidates: set[int],
    ) -> list[Hit]:
        """Score candidate documents that pass the filters with BM25."""
        avg = self._total_length / n_docs if n_docs else 0.0
        idfs = [idf(n_docs, len(self._postings.get(t, ()))) for t in terms]
        hits: list[Hit] = []
        for item_id in candidates:
            stored = self._docs[item_id]
            if not _admits(question, group_ids, stored.group_id, stored.meeting_date):
                continue
            tf = weighted_frequencies(terms, stored.fields)
            score = bm25(tf, idfs, stored.length, avg)
            hits.append(Hit(item_id, score, stored.meeting_date))
        return hits

    def _browse(
        self, question: ParsedQuestion, group_ids: Sequence[int] | None, limit: int
    ) -> list[Hit]:
        """List the items of the question's date range when it names no topic."""
        if question.date_from is None and question.date_to is None:
            return []
        rows = [
            Hit(item_id, 0.0, s.meeting_date)
            for item_id, s in self._docs.items()
            if _admits(question, group_ids, s.group_id, s.meeting_date)
        ]
        rows.sort(key=lambda h: (h.meeting_date or date.min, h.item_id))
        return rows[: max(limit, 0)]


def _admits(
    question: ParsedQuestion, group_ids: Sequence[int] | None, group_id: int, meeting_date: date
) -> bool:
    """Tell whether a document passes the group and date filters."""
    if group_ids is not None and group_id not in group_ids:
        return False
    if question.date_from is not None and meeting_date < question.date_from:
        return False
    return not (question.date_to is not None and meeting_date > question.date_to)
