"""Event acknowledgement latency through the HTTP endpoint (goal: p99 ≤ 50 ms at 20/s)."""

from __future__ import annotations

import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from bench.botproc import SIGNING_SECRET, bot_process, rss_kib


def percentile(values: list[float], q: float) -> float:
    """Return the q-quantile (0–1) of a list of numbers by nearest rank."""
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def run(
    rate: float = 20.0,
    seconds: float = 20.0,
    quick: bool = False,
    database_url: str | None = None,
) -> dict[str, Any]:
    """Send a steady stream of signed events; measure each acknowledgement."""
    from bot.demo.fakeslack import FakeSlack, SlackDriver

    if quick:
        seconds = 3.0
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    with FakeSlack(tokens={"xoxb-test-token"}) as fake, tempfile.TemporaryDirectory() as tmp:
        fake.add_user("U1", "anne", "Anne Hansen")
        fake.add_channel("C1", "styregruppe", members=["U1"])
        url = database_url or f"sqlite:///{Path(tmp) / 'events.db'}"
        with bot_process(fake.base_url, url) as bot:
            driver = SlackDriver(bot.url, SIGNING_SECRET, fake)
            target_ts = str(fake.add_message("C1", "U1", "en besked at reagere på")["ts"])
            rss_start = rss_kib(bot.pid)
            total = int(rate * seconds)
            interval = 1.0 / rate
            threads: list[threading.Thread] = []

            def send(i: int) -> None:
                nonlocal errors
                kinds = i % 4
                started = time.perf_counter()
                if kinds == 0:
                    response = driver.mention("U1", "C1", "<@UBOT> hjælp")
                elif kinds == 1:
                    response = driver.message("U1", "C1", f"almindelig besked {i}")
                elif kinds == 2:
                    response = driver.reaction_added("U1", "C1", target_ts, "thumbsup")
                else:
                    response = driver.command("U1", "hjælp", channel="C1")
                elapsed = time.perf_counter() - started
                with lock:
                    latencies.append(elapsed * 1000)
                    if response.status != 200:
                        errors += 1

            begin = time.perf_counter()
            for i in range(total):
                target = begin + i * interval
                delay = target - time.perf_counter()
                if delay > 0:
                    time.sleep(delay)
                thread = threading.Thread(target=send, args=(i,))
                thread.start()
                threads.append(thread)
            for thread in threads:
                thread.join()
            time.sleep(0.5)
            rss_end = rss_kib(bot.pid)
    return {
        "events": len(latencies),
        "rate_per_s": rate,
        "seconds": seconds,
        "errors": errors,
        "ack_p50_ms": round(statistics.median(latencies), 2),
        "ack_p99_ms": round(percentile(latencies, 0.99), 2),
        "ack_max_ms": round(max(latencies), 2),
        "rss_start_mb": round(rss_start / 1024, 1),
        "rss_end_mb": round(rss_end / 1024, 1),
        "goals": {"ack_p99_ms": 50},
    }
