"""Start-up time and resident memory of the bot process (goals: ≤ 2 s, ≤ 150 MB)."""

from __future__ import annotations

import statistics
import tempfile
from pathlib import Path
from typing import Any

from bench.botproc import bot_process, rss_kib


def run(repeat: int = 3, quick: bool = False) -> dict[str, Any]:
    """Start the bot a few times; report the median start-up and the resident memory."""
    from bot.demo.fakeslack import FakeSlack

    repeat = 1 if quick else repeat
    startups: list[float] = []
    rss: list[int] = []
    with FakeSlack(tokens={"xoxb-test-token"}) as fake, tempfile.TemporaryDirectory() as tmp:
        for i in range(repeat):
            url = f"sqlite:///{Path(tmp) / f'startup{i}.db'}"
            with bot_process(fake.base_url, url) as bot:
                startups.append(bot.startup_seconds)
                rss.append(rss_kib(bot.pid))
    return {
        "startup_median_s": round(statistics.median(startups), 3),
        "startup_runs_s": [round(s, 3) for s in startups],
        "rss_after_start_mb": round(statistics.median(rss) / 1024, 1),
        "goals": {"startup_s": 2.0, "rss_mb": 150},
    }
