"""Speed of reading an approval-thread reply (bot.domain.approval_replies.read_reply).

Goal (issue 14, reading a message): p99 ≤ 2 ms. "Cold" clears the typo cache before
every reply, as for a reply whose words the bot has not seen before.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from typing import Any

from bot.domain.approval_replies import correct, read_reply

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "approval_thread_replies.txt"


def _replies() -> list[str]:
    lines = DATA.read_text(encoding="utf-8").splitlines()
    return [
        line.partition(" | ")[2].replace("\\n", "\n")
        for line in lines
        if line.strip() and not line.startswith("#")
    ]


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def run(quick: bool = False) -> dict[str, Any]:
    """Time read_reply over the data set, warm and with a cold typo cache."""
    texts = _replies()
    rounds = 3 if quick else 20
    figures: dict[str, Any] = {"replies": len(texts), "rounds": rounds}
    for name, cold in (("warm", False), ("cold", True)):
        timings: list[float] = []
        for _ in range(rounds):
            for text in texts:
                if cold:
                    correct.cache_clear()
                started = time.perf_counter()
                read_reply(text)
                timings.append((time.perf_counter() - started) * 1000)
        figures[name] = {
            "median_ms": round(statistics.median(timings), 4),
            "p99_ms": round(_percentile(timings, 0.99), 4),
            "max_ms": round(max(timings), 3),
        }
    figures["goal_p99_ms"] = 2.0
    figures["met"] = figures["cold"]["p99_ms"] <= 2.0
    return figures
