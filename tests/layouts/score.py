"""Score the importer on the layout corpus; run as a script to print the figures.

``python -m tests.layouts.score`` prints per-family and overall scores.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.ingest import NotMinutesError, ParsedDocument, load_document
from tests.layouts.corpus import DOCS, Doc
from tests.layouts.render import render

NOW = datetime(2026, 11, 18, 10, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))


@dataclass
class Score:
    """Hits and totals over a set of documents."""

    items: int = 0
    items_total: int = 0
    decisions: int = 0
    decisions_total: int = 0
    dates: int = 0
    attendance: int = 0
    attendance_total: int = 0
    refused: list[str] = field(default_factory=list)
    docs: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        """Add another score to this one."""
        for name in ("items", "items_total", "decisions", "decisions_total", "dates"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.attendance += other.attendance
        self.attendance_total += other.attendance_total
        self.refused += other.refused
        self.docs += other.docs
        self.misses += other.misses

    def line(self) -> str:
        """Return the score as one line of percentages."""

        def pct(a: int, b: int) -> str:
            return f"{a}/{b} ({100 * a / b:.0f} %)" if b else "-"

        return (
            f"items {pct(self.items, self.items_total)}, "
            f"decisions {pct(self.decisions, self.decisions_total)}, "
            f"dates {pct(self.dates, self.docs)}, "
            f"attendance {pct(self.attendance, self.attendance_total)}, "
            f"refused {len(self.refused)}"
        )


def norm(text: str) -> str:
    """Return text lowercased with punctuation and spacing folded."""
    return re.sub(r"[\W_]+", " ", text.lower()).strip()


def parse(entry: Doc) -> ParsedDocument:
    """Return the parsed document, rendered in its format."""
    return load_document(render(entry.markup, entry.fmt), entry.name, now=NOW)


def score_doc(entry: Doc) -> Score:
    """Return the score of one document."""
    score = Score(docs=1, items_total=len(entry.items), decisions_total=len(entry.decisions))
    score.attendance_total = 1 if entry.attendance is not None else 0
    try:
        parsed = parse(entry)
    except NotMinutesError as error:
        score.refused.append(f"{entry.name}: {error.code}")
        score.items_total = len(entry.items)
        return score
    by_number = {item.number: item for item in parsed.items}
    for number, title in entry.items:
        item = by_number.get(number)
        if item is not None and norm(title) in norm(item.title):
            score.items += 1
        else:
            score.misses.append(f"{entry.name}: item {number} {title!r}")
    score.items_total = max(len(entry.items), len(parsed.items))
    for number, word in entry.decisions.items():
        item = by_number.get(number)
        if item is not None and word.lower() in " ".join(item.decisions).lower():
            score.decisions += 1
        else:
            score.misses.append(f"{entry.name}: decision {number} {word!r}")
    if parsed.meeting_date == entry.date:
        score.dates += 1
    else:
        score.misses.append(f"{entry.name}: date {parsed.meeting_date}")
    if entry.attendance is not None:
        got = (len(parsed.attendance.participants), len(parsed.attendance.absent))
        if got == entry.attendance:
            score.attendance += 1
        else:
            score.misses.append(f"{entry.name}: attendance {got} != {entry.attendance}")
    return score


def score_all() -> tuple[Score, dict[str, Score]]:
    """Return the overall score and the score per family."""
    total = Score()
    families: dict[str, Score] = {}
    for entry in DOCS:
        one = score_doc(entry)
        total.add(one)
        families.setdefault(entry.family, Score()).add(one)
    return total, families


def main() -> None:
    """Print the scores per family and overall, and what was missed."""
    total, families = score_all()
    for family, score in sorted(
        families.items(), key=lambda kv: int(kv[0].split("-")[0]) if kv[0][0].isdigit() else 99
    ):
        print(f"{family:14} {score.line()}")
    print(f"{'ALL':14} {total.line()}  ({total.docs} documents)")
    if "-v" in sys.argv:
        for miss in total.refused + total.misses:
            print("  ", miss)


if __name__ == "__main__":
    main()
