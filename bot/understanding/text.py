"""Fold a message for reading: lower case, æøå as ae/oe/aa, quotes unified, offsets kept.

Why offsets: the reader finds cues in the folded text (so "afbud", "afbut" and "AFBUD" and
"moedet"/"mødet" look alike), but titles and names must be cut from what the person wrote,
with their own æøå and capitals.
"""

from __future__ import annotations

from dataclasses import dataclass

_FOLD = {
    "æ": "ae",
    "ø": "oe",
    "å": "aa",
    "ä": "ae",
    "ö": "oe",
    "é": "e",
    "è": "e",
    "ü": "u",
    "’": "'",
    "‘": "'",
    "`": "'",
    "´": "'",
    "“": '"',
    "”": '"',
    "»": '"',
    "«": '"',
    "–": "-",
    "—": "-",
    "\u00a0": " ",
}


@dataclass(frozen=True)
class Folded:
    """A folded text with, for each folded character, its index in the original."""

    original: str
    text: str
    index: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the folded text to the span of the original it came from."""
        if start >= len(self.index):
            return len(self.original), len(self.original)
        first = self.index[start]
        last = self.index[end - 1] + 1 if end > start else first
        return first, last

    def cut(self, start: int, end: int) -> str:
        """Return the original text of a folded span."""
        first, last = self.original_span(start, end)
        return self.original[first:last]


def fold(text: str) -> Folded:
    """Fold a text for cue matching and keep where each character came from."""
    out: list[str] = []
    index: list[int] = []
    for position, char in enumerate(text):
        lowered = char.lower()
        mapped = _FOLD.get(lowered, lowered)
        for piece in mapped:
            out.append(piece)
            index.append(position)
    return Folded(original=text, text="".join(out), index=tuple(index))
