"""Count the Web API calls and time setup, a digest, an approval round start and a reminder round.

Runs the real bot over HTTP against the fake Slack with its rate limits on (each method's
tier, 429 + Retry-After, on a clock 60 times faster than real time: one Slack minute is
one second) for a group of 12 and of 300 members. Prints the calls per method (200
answers; 429s counted apart) and the wall time here. For setup it times the answer and,
apart, the background fetch of the profiles; that fetch is paced to the tier, so against
Slack itself it takes ``SPEED`` times as long (300 profiles at 90 a minute: 3.3 minutes).
Run: ``.venv/bin/python -m bench.bench_slack_calls`` (``--sizes 12,300``).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
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
        assert h.fake.rate_limits  # Slack's tiers on, as in the tests
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


SPEED = 60.0  # the fake's clock: a Slack minute is a second


@dataclass
class Measured:
    """Calls (200 answers per method, and 429s) and wall time of one piece of work."""

    calls: Counter[str]
    limited: int
    seconds: float
    #: For setup: the background profile fetch after the answer.
    background: Measured | None = None


def counted(h: Any, work: Callable[[], None], *, settle: bool = True) -> Measured:
    """Run some work and return the Web API calls it made, per method, and its wall time."""
    before = len(h.fake.calls())
    started = time.monotonic()
    work()
    seconds = time.monotonic() - started
    if settle:
        h.settle(quiet=0.5, timeout=120)
    made = h.fake.calls()[before:]
    return Measured(
        Counter(c.method for c in made if c.status == 200),
        sum(1 for c in made if c.status == 429),
        seconds,
    )


def setup_calls(size: int) -> Measured:
    """``/referent opsæt`` in a channel of ``size`` people: the answer, then the profiles."""
    with harness(START) as h:
        group = people(size)
        for person in group:
            h.add_person(person)
        h.fake.add_channel(CHANNEL, "styregruppen", members=[p.id for p in group])

        def answer() -> None:
            h.driver.command(group[0].id, "opsæt Styregruppen", channel=CHANNEL)
            h.wait_for(lambda: any("oprettet" in r.get("text", "") for r in h.responses()))

        answered = counted(h, answer, settle=False)
        answered.background = counted(
            h, lambda: h.wait_for(lambda: h.profiles_pending(CHANNEL) == 0, timeout=600)
        )
        return answered


def digest_calls(size: int) -> Measured:
    """The weekly group digest (Monday 8:00)."""
    with harness(START) as h:
        h.add_group(people=people(size))
        h.settle()
        return counted(h, lambda: h.tick(datetime(2026, 11, 23, 8, 0, tzinfo=CPH)))


def approval_calls(size: int) -> Measured:
    """The start of an approval round: `@referent referat` with the minutes as a file."""
    from tests.test_approval import MINUTES

    with harness(START) as h:
        h.add_group(people=people(size), chair="U0FMD")
        h.settle()
        file = h.fake.add_file(
            "F0REF1", "referat.txt", MINUTES.encode(), "text/plain", user="U0SEK", channel=CHANNEL
        )

        def start() -> None:
            from tests.test_approval import requests

            h.driver.mention("U0SEK", CHANNEL, "<@UBOT> referat", files=[file])
            h.wait_for(lambda: requests(h), timeout=60)

        return counted(h, start)


def reminder_calls(size: int) -> Measured:
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


SCENARIOS: dict[str, Callable[[int], Measured]] = {
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
            measured = scenario(size)
            print(_line(name, size, measured))
            if measured.background is not None:
                print(_line("  then in the background", size, measured.background))


def _line(name: str, size: int, measured: Measured) -> str:
    """One line of the table: calls per method, 429s and the wall time."""
    calls = measured.calls
    detail = ", ".join(f"{m} {n}" for m, n in sorted(calls.items()))
    return (
        f"{name:24s} {size:4d} members: {sum(calls.values()):5d} calls ({detail}); "
        f"429s {measured.limited}; {measured.seconds:.2f} s"
    )


if __name__ == "__main__":
    main()
