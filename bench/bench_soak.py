"""Soak: 50 events a second for 60 s through the HTTP endpoint, on SQLite and PostgreSQL.

Goals: no errors, p99 acknowledgement ≤ 100 ms, resident memory flat within 10 %
between the first and the last ten seconds.
"""

from __future__ import annotations

import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from bench.bench_events import percentile
from bench.botproc import SIGNING_SECRET, bot_process, rss_kib


def soak(database_url: str, *, rate: float, seconds: float) -> dict[str, Any]:
    """Send a steady mixed stream of signed events; sample latency and memory."""
    from bot.demo.fakeslack import FakeSlack, SlackDriver

    latencies: list[float] = []
    errors = 0
    rss_samples: list[tuple[float, int]] = []
    lock = threading.Lock()
    with FakeSlack(tokens={"xoxb-test-token"}) as fake:
        fake.add_user("U1", "anne", "Anne Hansen")
        fake.add_user("U2", "bo", "Bo Berg")
        fake.add_channel("C1", "styregruppe", members=["U1", "U2"])
        with bot_process(fake.base_url, database_url) as bot:
            driver = SlackDriver(bot.url, SIGNING_SECRET, fake)
            driver.command("U1", "opsæt Soak", channel="C1")
            time.sleep(1.0)
            target_ts = str(fake.add_message("C1", "U1", "en besked at reagere på")["ts"])
            total = int(rate * seconds)
            interval = 1.0 / rate
            stop_sampling = threading.Event()
            begin = time.perf_counter()

            def sample() -> None:
                while not stop_sampling.is_set():
                    rss_samples.append((time.perf_counter() - begin, rss_kib(bot.pid)))
                    stop_sampling.wait(1.0)

            sampler = threading.Thread(target=sample, daemon=True)
            sampler.start()

            def send(i: int) -> None:
                nonlocal errors
                started = time.perf_counter()
                kind = i % 5
                if kind == 0:
                    response = driver.mention("U1", "C1", "<@UBOT> hjælp")
                elif kind == 1:
                    response = driver.message("U2", "C1", f"almindelig besked {i}")
                elif kind == 2:
                    response = driver.reaction_added("U2", "C1", target_ts, "thumbsup")
                elif kind == 3:
                    response = driver.command("U1", "medlemmer", channel="C1")
                else:
                    response = driver.mention("U2", "C1", "<@UBOT> hvad besluttede vi om budget?")
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    latencies.append(elapsed)
                    if response.status != 200:
                        errors += 1

            threads: list[threading.Thread] = []
            for i in range(total):
                delay = begin + i * interval - time.perf_counter()
                if delay > 0:
                    time.sleep(delay)
                thread = threading.Thread(target=send, args=(i,))
                thread.start()
                threads.append(thread)
            for thread in threads:
                thread.join()
            time.sleep(1.0)
            stop_sampling.set()
            sampler.join()
    first = [kib for at, kib in rss_samples if at <= 10]
    last = [kib for at, kib in rss_samples if at >= max(0.0, seconds - 10)]
    rss_first = statistics.median(first) if first else 0
    rss_last = statistics.median(last) if last else 0
    return {
        "events": len(latencies),
        "errors": errors,
        "ack_p50_ms": round(statistics.median(latencies), 2),
        "ack_p99_ms": round(percentile(latencies, 0.99), 2),
        "rss_first10s_mb": round(rss_first / 1024, 1),
        "rss_last10s_mb": round(rss_last / 1024, 1),
        "rss_growth_pct": round(100 * (rss_last - rss_first) / rss_first, 1) if rss_first else None,
    }


def run(rate: float = 50.0, seconds: float = 60.0, quick: bool = False) -> dict[str, Any]:
    """Soak the bot on SQLite and on a throwaway PostgreSQL, side by side."""
    from tests.pg import PostgresServer

    if quick:
        seconds = 12.0
    results: dict[str, Any] = {"rate_per_s": rate, "seconds": seconds}
    with tempfile.TemporaryDirectory() as tmp:
        results["sqlite"] = soak(f"sqlite:///{Path(tmp) / 'soak.db'}", rate=rate, seconds=seconds)
    server = PostgresServer()
    try:
        admin = sa.create_engine(server.url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.exec_driver_sql('CREATE DATABASE "soak"')
        admin.dispose()
        url = server.url.rsplit("/", 1)[0] + "/soak"
        results["postgresql"] = soak(url, rate=rate, seconds=seconds)
    finally:
        server.stop()
    results["goals"] = {"errors": 0, "ack_p99_ms": 100, "rss_growth_pct": 10}
    return results
