"""Count the Web API calls of setup, a digest, an approval round start and a reminder round.

Runs the real bot over HTTP against the fake Slack (rate limits off, so only the bot's own
calls are counted) for a group of 12 and of 300 members, and prints a table per method.
Run: ``.venv/bin/python -m bench.bench_slack_calls`` (``--sizes 12,300``).
"""

from __future__ import annotations

import argparse
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

CPH = ZoneInfo("Europe/Copenhagen")
CHANNEL = "C0GROUP"
START = datetime(2026, 11, 14, 10, 0, tzinfo=CPH)
MEETING = datetime(2026, 11, 27, 13, 0, tzinfo=CPH)


@contextmanager
def harness(start: datetime) -> Iterator[Any]:
    """Start the bot and the fake Slack on a throwaway SQLite database."""
    from tests.harness import running_bot

    with (
        tempfile.TemporaryDirectory() as tmp,
        running_bot(f"sqlite:///{Path(tmp) / 'calls.db'}", start) as h,
    ):
        h.fake.rate_limits = False
        yield h


def people(size: int) -> list[Any]:
    """Return a committee of ``size`` people (the first is the secretary, the second chairs)."""
    from tests.harness import Person, default_people

    base = default_people()
    extra = [
        Person(f"U9{n:04d}", f"Medlem{n} Hansen", "Konsulent", "Kommune")
        for n in range(max(0, size - len(base)))
    ]
    return (base + extra)[:size]


def counted(h: Any, work: Callable[[], None]) -> Counter[str]:
    """Run some work and return the Web API calls it made, per method (200 answers only)."""
    before = len(h.fake.calls())
    work()
    h.settle(quiet=0.5, timeout=120)
    return Counter(c.method for c in h.fake.calls()[before:] if c.status == 200)


def setup_calls(size: int) -> Counter[str]:
    """``/referent opsæt`` in a channel of ``size`` people."""
    with harness(START) as h:
        return counted(h, lambda: h.add_group(people=people(size)))


def digest_calls(size: int) -> Counter[str]:
    """The weekly group digest (Monday 8:00)."""
    with harness(START) as h:
        h.add_group(people=people(size))
        h.settle()
        return counted(h, lambda: h.tick(datetime(2026, 11, 23, 8, 0, tzinfo=CPH)))


def approval_calls(size: int) -> Counter[str]:
    """The start of an approval round: `@referent referat` with the minutes as a file."""
    from tests.test_approval import MINUTES

    with harness(START) as h:
        h.add_group(people=people(size), chair="U0FMD")
        h.settle()
        file = h.fake.add_file(
            "F0REF1", "referat.txt", MINUTES.encode(), "text/plain", user="U0SEK", channel=CHANNEL
        )

        def start() -> None:
            h.driver.mention("U0SEK", CHANNEL, "<@UBOT> referat", files=[file])
            h.wait_for(lambda: len(h.bot_messages(CHANNEL)) > 0, timeout=60)

        return counted(h, start)


def reminder_calls(size: int) -> Counter[str]:
    """The attendance reminder round two working days before a meeting."""
    from bot.domain.enums import MeetingStatus
    from storage.models import Meeting

    with harness(START) as h:
        group_id = h.add_group(people=people(size))
        with h.services.uow() as session:
            session.add(
                Meeting(
                    group_id=group_id,
                    starts_at=MEETING,
                    ends_at=MEETING + timedelta(hours=2),
                    has_time=True,
                    location="Ringsted Kongrescenter",
                    status=MeetingStatus.PLANNED,
                    created_at=START,
                )
            )
        h.tick()
        h.tick(datetime(2026, 11, 20, 9, 0, tzinfo=CPH))  # the announcement
        h.settle()
        remind_at = datetime(2026, 11, 25, 9, 0, tzinfo=CPH)

        def round_() -> None:
            # One tick a minute, as in production, until a tick has nothing left to run.
            for minute in range(30):
                if not h.tick(remind_at + timedelta(minutes=minute)).ran and minute > 0:
                    break

        return counted(h, round_)


SCENARIOS: dict[str, Callable[[int], Counter[str]]] = {
    "setup": setup_calls,
    "digest": digest_calls,
    "approval round start": approval_calls,
    "reminder round": reminder_calls,
}


def main() -> None:
    """Print the call counts per scenario and group size."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="12,300")
    parser.add_argument("--only", default="", help="one scenario, e.g. 'reminder round'")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    for name, scenario in SCENARIOS.items():
        if args.only and name != args.only:
            continue
        for size in sizes:
            calls = scenario(size)
            detail = ", ".join(f"{m} {n}" for m, n in sorted(calls.items()))
            print(f"{name:22s} {size:4d} members: {sum(calls.values()):5d} calls ({detail})")


if __name__ == "__main__":
    main()
