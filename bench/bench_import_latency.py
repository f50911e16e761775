"""Request latency while a file is imported (``python -m bench.bench_import_latency``).

The real bot runs over HTTP against the fake Slack on a fresh SQLite file. A secretary
imports a generated minutes text file (default 733 kB, the "allowed" file of issue 15);
meanwhile members propose agenda items every half second, and each proposal's time to
its reply in the thread is measured, as are replies saying "try again". Run the same
file in another checkout (e.g. main) for the "before" figures.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CHANNEL = "C0GROUP"


def _thread(h: Any, ts: str | None) -> list[str]:
    return [str(m["text"]) for m in h.bot_messages(CHANNEL, thread_ts=ts)]


def run(quick: bool = False, size: int = 733_000, cap_seconds: float = 120.0) -> dict[str, Any]:
    """Import one file while proposing items; return latency figures and the import time."""
    from storage.models import Meeting, MeetingStatus
    from tests import hostile
    from tests.harness import running_bot

    now = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)
    latencies: list[float] = []
    retry_replies = 0
    unanswered = 0
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'referent.db'}"
        path = hostile.big_text(Path(tmp) / "referat-stort.txt", size)
        with running_bot(url, now) as h:
            group_id = h.add_group()
            with h.services.uow() as session:
                session.add(
                    Meeting(
                        group_id=group_id,
                        starts_at=now + timedelta(days=20),
                        ends_at=now + timedelta(days=20, hours=2),
                        has_time=True,
                        location="Ringsted",
                        status=MeetingStatus.PLANNED,
                        created_at=now,
                        agenda_version=0,
                        sequence=0,
                    )
                )
            file = h.fake.add_file(
                "F0BIG", path.name, path.read_bytes(), "text/plain", user="U0SEK", channel=CHANNEL
            )
            started = time.monotonic()
            sent = h.driver.mention("U0SEK", CHANNEL, "<@UBOT> importer", files=[file])
            number = 0
            imported_after: float | None = None
            while time.monotonic() - started < cap_seconds:
                done = [t for t in _thread(h, sent.ts) if path.name in t and "baggrunden" not in t]
                if done:
                    imported_after = time.monotonic() - started
                    break
                number += 1
                asked_at = time.monotonic()
                user = ("U0PIA", "U0BO", "U0MIL")[number % 3]
                asked = h.driver.mention(user, CHANNEL, f"<@UBOT> punkt: Forslag nummer {number}")
                reply: list[str] = []
                while time.monotonic() - asked_at < 60:
                    reply = (
                        _thread(h, asked.ts)
                        or [str(e.get("text")) for e in h.fake.ephemerals(CHANNEL, user)][
                            number - 1 - unanswered - retry_replies :
                        ]
                    )
                    if reply:
                        break
                    time.sleep(0.01)
                if not reply:
                    unanswered += 1
                    continue
                latencies.append(time.monotonic() - asked_at)
                if any("prøv igen" in text for text in reply):
                    retry_replies += 1
                time.sleep(0.5)
    return {
        "file_kb": size // 1000,
        "import_seconds": round(imported_after, 1) if imported_after else f">{cap_seconds}",
        "requests": len(latencies) + unanswered,
        "latency_p50_ms": round(statistics.median(latencies) * 1000) if latencies else None,
        "latency_max_ms": round(max(latencies) * 1000) if latencies else None,
        "try_again_replies": retry_replies,
        "unanswered": unanswered,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=733_000)
    args = parser.parse_args()
    print(json.dumps(run(size=args.size)))
