"""An English–Danish glossary of the field, to meet English questions with Danish minutes."""

from __future__ import annotations

import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from functools import cache
from importlib import resources

__all__ = ["ENGLISH_MARKERS", "Glossary", "glossary", "looks_english", "singular"]

MAX_PHRASE = 5
"""The longest English phrase of the glossary, in words."""

ENGLISH_MARKERS: frozenset[str] = frozenset(
    [
        "the",
        "what",
        "did",
        "about",
        "decide",
        "decided",
        "decision",
        "decisions",
        "when",
        "who",
        "which",
        "was",
        "were",
        "our",
        "have",
        "has",
        "with",
        "discuss",
        "discussed",
        "and",
        "of",
        "how",
        "why",
        "where",
        "agreed",
        "any",
        "do",
        "does",
        "we",
        "is",
        "are",
        "been",
        "say",
        "said",
        "on",
        "regarding",
        "concerning",
    ]
)
"""Words that tell a question is written in English (none of them is a Danish word)."""

_WORD_RE = re.compile(r"[a-zæøåäöü0-9]+", re.IGNORECASE)
_KEEP_S = ("ss", "us", "is", "sis", "ics")


def singular(word: str) -> str:
    """Return an English word without its plural or possessive ending ("families" → "family")."""
    word = word.lower().removesuffix("'s").removesuffix("’s")
    if len(word) <= 3 or word.endswith(_KEEP_S):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def _key(text: str) -> tuple[str, ...]:
    """Return the lookup key of an English phrase: its words, singular, lowercase."""
    return tuple(singular(w) for w in _WORD_RE.findall(text.lower()))


class Glossary:
    """English phrases of the field and their Danish renderings."""

    def __init__(self, pairs: Sequence[tuple[str, Sequence[str]]]) -> None:
        """Build the glossary from (English phrase, Danish renderings) pairs."""
        self._entries: dict[tuple[str, ...], tuple[str, ...]] = {}
        for english, danish in pairs:
            key = _key(english)
            if key:
                known = self._entries.get(key, ())
                self._entries[key] = tuple(dict.fromkeys((*known, *danish)))

    def __len__(self) -> int:
        return len(self._entries)

    @classmethod
    def parse(cls, text: str) -> Glossary:
        """Read "english = dansk; dansk" lines; blank lines and # comments are skipped."""
        pairs: list[tuple[str, list[str]]] = []
        for raw in text.splitlines():
            line = raw.strip()
            if not line or line.startswith("#") or "=" not in line:
                continue
            english, danish = line.split("=", 1)
            renderings = [d.strip() for d in danish.split(";") if d.strip()]
            if english.strip() and renderings:
                pairs.append((english.strip(), renderings))
        return cls(pairs)

    def translate(self, words: Sequence[str], *, skip: AbstractSet[str] = frozenset()) -> list[str]:
        """Return the Danish renderings of the longest glossary phrases found in the words.

        Single words in ``skip`` (stop words) are not translated.
        """
        found: list[str] = []
        for _, danish in self.matches(words, skip=skip):
            found.extend(d for d in danish if d not in found)
        return found

    def matches(
        self, words: Sequence[str], *, skip: AbstractSet[str] = frozenset()
    ) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
        """Return (the words matched, their Danish renderings), longest phrases first."""
        keys = [singular(w) for w in words]
        found: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
        i = 0
        while i < len(keys):
            for size in range(min(MAX_PHRASE, len(keys) - i), 0, -1):
                key = tuple(keys[i : i + size])
                if size == 1 and (words[i].lower() in skip or key[0] in skip):
                    continue
                danish = self._entries.get(key)
                if danish is not None:
                    found.append((tuple(words[i : i + size]), danish))
                    i += size
                    break
            else:
                i += 1
        return found


def looks_english(words: Sequence[str]) -> bool:
    """Tell whether a question is written in English (it has English function words)."""
    return any(w.lower() in ENGLISH_MARKERS for w in words)


@cache
def glossary() -> Glossary:
    """Return the glossary shipped with the package (bot/search/glossary_en_da.txt)."""
    text = resources.files("bot.search").joinpath("glossary_en_da.txt").read_text("utf-8")
    return Glossary.parse(text)
