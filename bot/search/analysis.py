"""Turn Danish and English text into index and query terms: tokens, stems and compound parts."""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

import Stemmer

__all__ = [
    "DANISH_STOPWORDS",
    "ENGLISH_STOPWORDS",
    "STOPWORDS",
    "TOKEN_RE",
    "Analyzer",
    "IndexedDocument",
    "ItemLike",
    "Vocabulary",
    "build_document",
    "item_fields",
    "tokenize",
    "words",
]


def words(text: str) -> frozenset[str]:
    """Return the whitespace-separated words of a word list as a set."""
    return frozenset(text.split())


TOKEN_RE = re.compile(r"[^\W_]+")
"""A token is a run of letters and digits; everything else separates tokens."""

_URL_RE = re.compile(r"(?:\bhttps?://|\bwww\.)\S+", re.IGNORECASE)
_LINE_BREAK_HYPHEN_RE = re.compile(r"([a-zæøåäöüé])-[ \t]*(?:\r?\n[ \t]*)+([a-zæøåäöüé]+)")
_CONJUNCTIONS = frozenset({"og", "eller", "samt", "til", "and", "or", "to"})
_MAX_TOKEN_LENGTH = 60
_LINKING_LETTERS = ("s", "e")
_EXPANSIONS = 3
_MIN_PREFIX = 5
_PREFIX_SHARE = 0.6
_MIN_EXPANDED = 5

DANISH_STOPWORDS: frozenset[str] = words(
    """
    ad af alle alt anden at blev blive bliver da de dem den denne der deres det dette dig din
    disse dog du efter eller en end er et for fra ham han hans har havde have hende hendes her
    hos hun hvad hvis hvor i ikke ind jeg jer jo kunne man mange med meget men mig min mine mit
    mod ned noget nogle nu når og også om op os over på selv sig sin sine sit skal skulle som
    sådan thi til ud under var vi vil ville vor være været
    kan må få ved samt blevet bør kunne kunde nogen hvilke hvilken hvilket hvornår hvem hvordan
    hvorfor hvorvidt hvorledes dens ingen intet andre andet anden enten både hver hvert
    jf jfr ift hhv mv mm bl la evt pga pba mhp dvs ca pr pt fx feks eks osv iht vedr pkt
    """
)
"""Snowball's Danish stop words, more function words and the minutes' usual abbreviations."""

ENGLISH_STOPWORDS: frozenset[str] = words(
    """
    a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further
    had has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves
    anything something everything regarding concerning re whether
    """
)
"""Common English function words and question words."""

STOPWORDS: frozenset[str] = DANISH_STOPWORDS | ENGLISH_STOPWORDS
"""Words that never become index or query terms."""


def _join_line_break(match: re.Match[str]) -> str:
    """Join a word hyphenated at a line end unless the next word is a conjunction."""
    if match.group(2) in _CONJUNCTIONS:
        return match.group(0)
    return match.group(1) + match.group(2)


def tokenize(text: str) -> list[str]:
    """Split text into lowercase tokens, dropping links and single letters."""
    text = _URL_RE.sub(" ", text)
    text = _LINE_BREAK_HYPHEN_RE.sub(_join_line_break, text)
    tokens: list[str] = []
    for match in TOKEN_RE.finditer(text.lower()):
        token = match.group(0)
        if len(token) < 2 or len(token) > _MAX_TOKEN_LENGTH:
            continue
        tokens.append(token)
    return tokens


class Vocabulary:
    """The set of known terms with the number of documents that contain each.

    The compound splitter accepts a part only when its stem is known here, so the
    archive's own words decide how compounds are split. Adding and removing
    documents keeps it current; ``version`` changes whenever a term appears or
    disappears, which lets analyzers drop cached splits.
    """

    def __init__(self, df: Mapping[str, int] | None = None) -> None:
        """Start from a mapping of term to document frequency (terms with df > 0 are kept)."""
        self._df: dict[str, int] = {term: n for term, n in (df or {}).items() if n > 0}
        self._version = 0
        self._sorted_version = -1
        self._forward: list[str] | None = None
        self._backward: list[str] | None = None

    @property
    def version(self) -> int:
        """Return a counter that changes when a term becomes known or unknown."""
        return self._version

    def add_document(self, terms: Iterable[str]) -> None:
        """Count one document's terms (each distinct term once)."""
        for term in set(terms):
            n = self._df.get(term, 0)
            if n == 0:
                self._version += 1
            self._df[term] = n + 1

    def remove_document(self, terms: Iterable[str]) -> None:
        """Uncount one document's terms, forgetting terms no document has any more."""
        for term in set(terms):
            n = self._df.get(term, 0)
            if n <= 1:
                if n == 1:
                    del self._df[term]
                    self._version += 1
            else:
                self._df[term] = n - 1

    def df(self, term: str) -> int:
        """Return how many documents contain the term."""
        return self._df.get(term, 0)

    def compounds_of(self, stem: str, limit: int) -> list[str]:
        """Return the most frequent longer terms that begin or end with the stem.

        These are the archive's compounds in which an unknown query word is the
        first or the last part ("kickoff" in "kickoffmød"). Stems shorter than
        five letters find nothing, which keeps "plan" from matching everything.
        """
        if len(stem) < _MIN_EXPANDED or limit <= 0:
            return []
        forward, backward = self._sorted()
        found: set[str] = set()
        for ordered, key, flip in ((forward, stem, False), (backward, stem[::-1], True)):
            start = bisect.bisect_left(ordered, key)
            for candidate in ordered[start:]:
                if not candidate.startswith(key):
                    break
                if len(candidate) >= len(key) + 3:
                    found.add(candidate[::-1] if flip else candidate)
        ranked = sorted(found, key=lambda t: (-self._df[t], t))
        return ranked[:limit]

    def _sorted(self) -> tuple[list[str], list[str]]:
        """Return the terms sorted, and reversed and sorted, rebuilt when terms change."""
        if self._sorted_version != self._version or self._forward is None:
            self._forward = sorted(self._df)
            self._backward = sorted(term[::-1] for term in self._df)
            self._sorted_version = self._version
        assert self._backward is not None
        return self._forward, self._backward

    def most_common(self, limit: int) -> list[tuple[str, int]]:
        """Return the terms that occur in most documents, most frequent first."""
        ranked = sorted(self._df.items(), key=lambda kv: (-kv[1], kv[0]))
        return ranked[: max(limit, 0)]

    def __contains__(self, term: object) -> bool:
        return term in self._df

    def __len__(self) -> int:
        return len(self._df)

    def __iter__(self) -> Iterator[str]:
        return iter(self._df)


_RESTORED: dict[str, tuple[str, ...]] = {"a": ("æ", "å"), "o": ("ø",)}
"""The Danish letters a keyboard without them leaves as "a" or "o"."""


def _candidates(token: str, known: AbstractSet[str]) -> AbstractSet[str]:
    """Return the known stems that may occur in a token, without scanning all of them.

    Why: a long document knows tens of thousands of stems; testing each against each of
    its tokens took minutes. A token has at most len²/2 substrings, so look those up.
    """
    size = len(token)
    if len(known) <= size * (size + 1) // 2:
        return known
    return {token[i:j] for i in range(size) for j in range(i + 1, size + 1)} & known


class Analyzer:
    """Analyse text into stems, adding the stems of compound parts known to the vocabulary.

    ``compounds`` turns compound splitting off (for measuring its effect);
    ``head_fallback`` lets a compound whose first part is unknown still contribute
    its known last part (the head), for example ``standardkontrakter`` contributing
    ``kontrak`` when ``standard`` has not been seen yet; ``query_expansion`` lets an
    unknown query word reach known terms beyond its compound parts (see
    ``query_terms``).
    """

    def __init__(
        self,
        vocabulary: Vocabulary | None = None,
        *,
        compounds: bool = True,
        head_fallback: bool = True,
        query_expansion: bool = True,
        min_part: int = 4,
        stopwords: AbstractSet[str] = STOPWORDS,
    ) -> None:
        """Create an analyzer over a vocabulary (a new empty one when not given)."""
        self.vocabulary = vocabulary if vocabulary is not None else Vocabulary()
        self.compounds = compounds
        self.head_fallback = head_fallback
        self.query_expansion = query_expansion
        self.min_part = min_part
        self.stopwords = stopwords
        self._stemmer = Stemmer.Stemmer("danish")
        self._split_cache: dict[str, tuple[str, ...]] = {}
        self._cache_version = -1

    def tokens(self, text: str) -> list[str]:
        """Return the lowercase tokens of the text without stop words."""
        return [t for t in tokenize(text) if t not in self.stopwords]

    def stem(self, token: str) -> str:
        """Return the Snowball Danish stem of a lowercase token (numbers stay as they are)."""
        if not token.isalpha():
            return token
        return str(self._stemmer.stemWord(token))

    def stems(self, text: str) -> set[str]:
        """Return the distinct stems of the text, without compound parts."""
        return {self.stem(t) for t in self.tokens(text)}

    def split(self, token: str, known: AbstractSet[str] = frozenset()) -> tuple[str, ...]:
        """Return the stems of the token's compound parts, or () when it does not split.

        A part and its stem must be at least ``min_part`` letters and the stem must
        be in the vocabulary or in ``known`` (the stems of the document being indexed); a
        linking ``s`` or ``e`` may join two parts.
        """
        if not self.compounds or not token.isalpha() or len(token) < 2 * self.min_part:
            return ()
        # Snowball only ever cuts letters off the end, so a part's stem is a substring
        # of the token: extra stems that are not in it cannot change its split, and
        # the split cached for the vocabulary alone still holds.
        relevant = frozenset(
            k for k in _candidates(token, known) if k in token and k not in self.vocabulary
        )
        if relevant:
            return self._split(token, relevant)
        if self._cache_version != self.vocabulary.version:
            self._split_cache.clear()
            self._cache_version = self.vocabulary.version
        cached = self._split_cache.get(token)
        if cached is None:
            cached = self._split(token, frozenset())
            self._split_cache[token] = cached
        return cached

    def index_terms(self, text: str, known: AbstractSet[str] = frozenset()) -> list[str]:
        """Return the terms to index for the text: each token's stem, then its parts' stems."""
        new_stems = frozenset(k for k in known if k not in self.vocabulary)
        terms: list[str] = []
        for token in self.tokens(text):
            stem = self.stem(token)
            terms.append(stem)
            for part in self.split(token, new_stems):
                if part != stem:
                    terms.append(part)
        return terms

    def query_terms(self, text: str) -> list[str]:
        """Return the distinct terms to search for, in order of appearance.

        A word whose stem is known is searched as that stem. An unknown word is,
        when ``compounds`` is on, searched as its stem stemmed once more if that
        is known (Snowball stems "indsats" and "indsatser" differently); else as
        all of: the longest known stem that makes up most of it ("takstfinansi"
        for "takstfinansiering"), its compound parts, and the archive's compounds
        that begin or end with it. A word that reaches nothing stays as it is and
        matches nothing lexically.
        """
        terms: list[str] = []
        for token in self.tokens(text):
            for term in self._query_variants(token):
                if term not in terms:
                    terms.append(term)
        return terms

    def _query_variants(self, token: str, *, restore: bool = True) -> tuple[str, ...]:
        """Return the terms one query word is searched as."""
        stem = self.stem(token)
        if stem in self.vocabulary or not self.compounds or not token.isalpha():
            return (stem,)
        if not self.query_expansion:
            return self.split(token) or (stem,)
        restemmed = self.stem(stem)
        if restemmed in self.vocabulary:
            return (restemmed,)
        prefix: tuple[str, ...] = ()
        shortest = max(_MIN_PREFIX, math.ceil(_PREFIX_SHARE * len(stem)))
        for end in range(len(stem) - 1, shortest - 1, -1):
            if stem[:end] in self.vocabulary:
                prefix = (stem[:end],)
                break
        compounds = self.vocabulary.compounds_of(stem, _EXPANSIONS)
        found = _unique((*prefix, *self.split(token), *compounds))
        if not found and restore:
            restored = self._restore_letters(token)
            if restored is not None:
                return self._query_variants(restored, restore=False)
        return found or (stem,)

    def _restore_letters(self, token: str) -> str | None:
        """Return the word with æ, ø or å put back where a keyboard without them typed a, o.

        "korselsordning" becomes "kørselsordning" when the archive knows that word (or
        its parts); "aa", "ae" and "oe" are tried as å, æ and ø. Up to two letters change;
        the spelling whose stem is most frequent in the archive wins.
        """
        if not any(c in token for c in "aeo") or len(token) > 40:
            return None
        spellings = {token.replace("aa", "å").replace("ae", "æ").replace("oe", "ø")}
        positions = [i for i, c in enumerate(token) if c in "ao"]
        for first in positions:
            for second in [None, *[p for p in positions if p > first]]:
                for a in _RESTORED[token[first]]:
                    word = token[:first] + a + token[first + 1 :]
                    if second is None:
                        spellings.add(word)
                        continue
                    for b in _RESTORED[token[second]]:
                        spellings.add(word[:second] + b + word[second + 1 :])
        spellings.discard(token)
        best: tuple[int, str] | None = None
        for word in sorted(spellings):
            stem = self.stem(word)
            df = self.vocabulary.df(stem)
            if not df and self.split(word):
                df = 1
            if df and (best is None or df > best[0]):
                best = (df, word)
        return best[1] if best is not None else None

    def is_known(self, word: str) -> bool:
        """Tell whether every token of a word reaches the vocabulary as a query term."""
        tokens = self.tokens(word)
        if not tokens:
            return False
        return all(any(term in self.vocabulary for term in self._query_variants(t)) for t in tokens)

    def _known(self, stem: str, known: AbstractSet[str]) -> bool:
        """Tell whether a stem is usable as a compound part."""
        return len(stem) >= self.min_part and (stem in self.vocabulary or stem in known)

    def _weight(self, stem: str, known: AbstractSet[str]) -> float:
        """Return the log document frequency used to compare decompositions."""
        return math.log(self.vocabulary.df(stem) + (2.0 if stem in known else 1.0))

    def _split(self, word: str, known: AbstractSet[str]) -> tuple[str, ...]:
        """Find the decomposition into the fewest known parts, then the most frequent ones.

        Among splits with equally many parts the one with the highest geometric
        mean of document frequencies wins (Koehn and Knight); fewer parts come
        first because frequent short words ("dag", "tema") would otherwise win
        over the compound they form ("temadag").
        """
        n = len(word)
        m = self.min_part
        memo: dict[int, tuple[float, tuple[str, ...]] | None] = {}

        def cover(pos: int) -> tuple[float, tuple[str, ...]] | None:
            """Best cover of word[pos:] by one or more known parts: (sum of weights, parts)."""
            if pos in memo:
                return memo[pos]
            best: tuple[float, tuple[str, ...]] | None = None
            best_key = (-math.inf, -math.inf)
            last = n if pos > 0 else n - m
            for end in range(pos + m, last + 1):
                stem = self.stem(word[pos:end])
                if not self._known(stem, known):
                    continue
                weight = self._weight(stem, known)
                if end == n:
                    options: list[tuple[float, tuple[str, ...]]] = [(weight, (stem,))]
                else:
                    options = []
                    starts = [end]
                    if word[end] in _LINKING_LETTERS:
                        starts.append(end + 1)
                    for start in starts:
                        if n - start < m:
                            continue
                        rest = cover(start)
                        if rest is not None:
                            options.append((weight + rest[0], (stem, *rest[1])))
                for total, parts in options:
                    key = (-float(len(parts)), total / len(parts))
                    if key > best_key:
                        best_key, best = key, (total, parts)
            memo[pos] = best
            return best

        found = cover(0)
        if found is not None and len(found[1]) >= 2:
            return _unique(found[1])
        for end in range(2, m):
            # A short first part joined by a linking s ("års|rapport") is a true
            # compound junction; only the long parts after it become terms.
            if end + 1 + m > n or word[end] != "s":
                continue
            first = self.stem(word[:end])
            if first in self.vocabulary or first in known:
                rest = cover(end + 1)
                if rest is not None:
                    return _unique(rest[1])
        if self.head_fallback:
            return self._head(word, known)
        return ()

    def _head(self, word: str, known: AbstractSet[str]) -> tuple[str, ...]:
        """Return the longest known last part after an unknown first part, if any."""
        n = len(word)
        for start in range(self.min_part, n - self.min_part):
            tail = word[start:]
            if len(tail) < self.min_part + 1:
                break
            stem = self.stem(tail)
            if len(stem) >= self.min_part and self._known(stem, known):
                return (stem,)
        return ()


def _unique(parts: tuple[str, ...]) -> tuple[str, ...]:
    """Drop repeated parts, keeping the first occurrence."""
    seen: list[str] = []
    for part in parts:
        if part not in seen:
            seen.append(part)
    return tuple(seen)


@dataclass(frozen=True)
class IndexedDocument:
    """One agenda item as the index stores it: pre-analysed terms per field.

    ``passage`` is a short plain-text rendering (title, decisions, start of the
    body) for the optional semantic ranker; ``embedding`` is its vector when one
    has been computed; ``words`` maps each stem to a word the item spells it with,
    for showing terms to people.
    """

    item_id: int
    group_id: int
    meeting_date: date
    title_terms: tuple[str, ...]
    decision_terms: tuple[str, ...]
    body_terms: tuple[str, ...]
    passage: str = ""
    embedding: bytes | None = None
    words: Mapping[str, str] = field(default_factory=dict)

    def terms(self) -> frozenset[str]:
        """Return the distinct terms of all fields."""
        return (
            frozenset(self.title_terms)
            | frozenset(self.decision_terms)
            | frozenset(self.body_terms)
        )


class ItemLike(Protocol):
    """The parts of a parsed agenda item (``bot.ingest.ParsedItem``) the index reads."""

    @property
    def title(self) -> str: ...
    @property
    def agenda_title(self) -> str | None: ...
    @property
    def decisions(self) -> Sequence[str]: ...
    @property
    def body_text(self) -> str: ...


def item_fields(item: ItemLike) -> tuple[str, list[str], str]:
    """Split a parsed item into (title, decisions, rest of the body) for build_document.

    The agenda's own wording of the title is added when it differs from the
    heading over the item; the body loses the decision bullets, which are their
    own field.
    """
    title = item.title
    agenda_title = item.agenda_title or ""
    if agenda_title and _squash(agenda_title) not in _squash(title):
        title = f"{title}\n{agenda_title}"
    body = " ".join(item.body_text.split())
    decisions = [d for d in item.decisions if d.strip()]
    for decision in decisions:
        body = body.replace(" ".join(decision.split()), " ", 1)
    return title, decisions, body


def _squash(text: str) -> str:
    """Lowercase and collapse whitespace, for comparing two spellings of a title."""
    return " ".join(text.lower().split())


def build_document(
    analyzer: Analyzer,
    *,
    item_id: int,
    group_id: int,
    meeting_date: date,
    title: str,
    decisions: Sequence[str] | str = (),
    body: str = "",
    passage_chars: int = 1200,
) -> IndexedDocument:
    """Analyse an agenda item's title, decisions and remaining text into an IndexedDocument.

    The item's own stems count as known while its compounds are split, so a word
    that the item uses on its own also splits the item's compounds. The analyzer's
    vocabulary is not changed; callers add ``doc.terms()`` to it once the document
    is stored.
    """
    decision_text = decisions if isinstance(decisions, str) else "\n".join(decisions)
    known = analyzer.stems(f"{title}\n{decision_text}\n{body}")
    passage = " ".join(f"{title}. {decision_text} {body}".split())[:passage_chars]
    spelled: dict[str, str] = {}
    for token in analyzer.tokens(f"{title}\n{decision_text}\n{body}"):
        spelled.setdefault(analyzer.stem(token), token)
    return IndexedDocument(
        item_id=item_id,
        group_id=group_id,
        meeting_date=meeting_date,
        title_terms=tuple(analyzer.index_terms(title, known)),
        decision_terms=tuple(analyzer.index_terms(decision_text, known)),
        body_terms=tuple(analyzer.index_terms(body, known)),
        passage=passage,
        words=spelled,
    )
