"""The process's search index: lexical, or with the semantic layer when it is turned on.

One holder that the archive (which turns the semantic layer on and off) and the matters
(which search for earlier treatments) both read, so neither imports the other for it.
"""

from __future__ import annotations

from storage.search_index import SearchIndex

_INDEX = SearchIndex()


def index() -> SearchIndex:
    """Return the index this process answers with."""
    return _INDEX


def replace(new: SearchIndex) -> SearchIndex:
    """Answer with another index from now on; return the one it replaces."""
    global _INDEX
    old, _INDEX = _INDEX, new
    return old
