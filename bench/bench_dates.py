"""Speed of bot.dates.parse_when, warm and cold, beside plain dateparser (goal: warm median ≤ 2 ms)."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 11, 18, 10, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))

# What users and imported minutes actually write; the last one reaches the dateparser fallback.
PHRASES = (
    "fredag den 15. marts 2024 kl. 12-15",
    "3/5 kl 9-12",
    "næste fredag kl 9",
    "om to uger",
    "uge 12",
    "i morgen kl. 14",
    "4/1-2019",
    "26. juni 2020",
    "May 3rd",
    "kl 14",
    "next month",
)

_COLD = """
import json, sys, time
from datetime import datetime
from zoneinfo import ZoneInfo
now = datetime(2026, 11, 18, 10, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))
t0 = time.perf_counter()
import bot.dates as dates
t1 = time.perf_counter()
dates.parse_when(sys.argv[1], now)
t2 = time.perf_counter()
dates.parse_when(sys.argv[1], now)
t3 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "first": t2 - t1, "second": t3 - t2}))
"""


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def _cold(phrase: str) -> dict[str, float]:
    """Time the import and the first two parses in a fresh interpreter."""
    out = subprocess.run(
        [sys.executable, "-c", _COLD, phrase],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    figures: dict[str, float] = json.loads(out.stdout)
    return figures


def run(repeat: int = 200, quick: bool = False) -> dict[str, Any]:
    """Measure warm parse_when over representative phrases, plain dateparser, and a cold start."""
    import dateparser

    from bot.dates import parse_when, warm_up

    if quick:
        repeat = min(repeat, 20)
    started = time.perf_counter()
    warm_up()
    warm_up_ms = (time.perf_counter() - started) * 1000

    ours: list[float] = []
    for _ in range(repeat):
        for phrase in PHRASES:
            t0 = time.perf_counter()
            parse_when(phrase, NOW)
            ours.append((time.perf_counter() - t0) * 1000)

    base = NOW.replace(tzinfo=None)
    plain_settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "future"}
    for phrase in PHRASES:  # let plain dateparser load what it needs before timing it
        dateparser.parse(phrase, settings=plain_settings)
    plain: list[float] = []
    for _ in range(max(1, repeat // 4)):
        for phrase in PHRASES:
            t0 = time.perf_counter()
            dateparser.parse(phrase, settings=plain_settings)
            plain.append((time.perf_counter() - t0) * 1000)

    cold_fallback = _cold(PHRASES[-1])
    cold_rules = _cold(PHRASES[0])
    warm_median = statistics.median(ours)
    plain_median = statistics.median(plain)
    return {
        "parse_when_warm_median_ms": round(warm_median, 3),
        "parse_when_warm_p95_ms": round(_percentile(ours, 0.95), 3),
        "dateparser_unrestricted_median_ms": round(plain_median, 3),
        "speedup_vs_dateparser": round(plain_median / warm_median, 1) if warm_median else None,
        "cold_first_parse_ms": round(cold_fallback["first"] * 1000, 1),
        "cold_first_parse_rules_only_ms": round(cold_rules["first"] * 1000, 2),
        "cold_import_ms": round(cold_fallback["import"] * 1000, 1),
        "warm_up_ms": round(warm_up_ms, 1),
        "phrases": len(PHRASES),
        "repeat": repeat,
        "goals": {"parse_when_warm_median_ms": 2.0},
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2, ensure_ascii=False))
