"""Parse throughput of the document importer on the corpus files (goal: ≥ 20 documents/s).

The three reference documents (shared/corpus) are parsed over and over, from raw text
with its PDF-export artefacts to a ParsedDocument, exactly as an upload of a .txt file
is handled after extraction. Figures: documents per second over all rounds, and the
median time per file.
"""

from __future__ import annotations

import statistics
import time
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot.ingest import parse_document

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
GOAL_DOCS_PER_SECOND = 20.0
NOW = datetime(2025, 1, 1, 12, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))


def run(quick: bool = False) -> dict[str, Any]:
    """Parse the corpus files repeatedly and return the throughput figures."""
    files = sorted(CORPUS.glob("*.txt"))
    if not files:
        return {"skipped": f"corpus not found at {CORPUS}"}
    texts = {path.name: path.read_text(encoding="utf-8") for path in files}
    for text in texts.values():  # warm-up: imports, regex compilation, the stemmer
        parse_document(text, now=NOW)
    rounds = 5 if quick else 30
    per_file: dict[str, list[float]] = {name: [] for name in texts}
    started = time.perf_counter()
    for _ in range(rounds):
        for name, text in texts.items():
            t0 = time.perf_counter()
            parse_document(text, now=NOW)
            per_file[name].append(time.perf_counter() - t0)
    elapsed = time.perf_counter() - started
    documents = rounds * len(texts)
    rate = documents / elapsed
    return {
        "documents": documents,
        "seconds": round(elapsed, 3),
        "docs_per_second": round(rate, 1),
        "goal_docs_per_second": GOAL_DOCS_PER_SECOND,
        "meets_goal": rate >= GOAL_DOCS_PER_SECOND,
        "median_ms_per_file": {
            name: round(statistics.median(times) * 1000, 1) for name, times in per_file.items()
        },
    }


if __name__ == "__main__":
    print(run())
