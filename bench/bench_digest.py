"""Measure building the weekly digest of a group with 1 000 open action items and ten years.

Goal: ≤ 200 ms (median). The history is synthetic but shaped like the Sjælland group's:
ten meetings a year for ten years, a dozen items each with decisions, attendance and
approved minutes; three meetings ahead with proposals and afbud; one set of minutes out
for approval; 1 000 open action items (a third overdue) spread over the members and a
few organisations, plus a few thousand done ones. The measured call is the whole build
as the tick does it — ``bot.digest.gather`` on a fresh session, then
``bot.digest.group_message`` — without the Slack post.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.digest import gather, group_message
from bot.domain.enums import (
    ActionStatus,
    AttendanceStatus,
    ItemStatus,
    MeetingStatus,
    MinutesStatus,
    Role,
)
from bot.render import SECTION_LIMIT
from storage.db import make_engine, make_uow
from storage.migrate import upgrade
from storage.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Decision,
    Group,
    Meeting,
    Member,
    Minutes,
)

YEARS = 10
MEETINGS_PER_YEAR = 10
ITEMS_PER_MEETING = 12
OPEN_TASKS = 1000
DONE_TASKS = 3000
GOAL_MS = 200.0
NOW = datetime(2027, 1, 11, 7, 30, tzinfo=UTC)  # Monday 08:30 in Copenhagen

_TITLES = (
    "Status for Rammeaftale",
    "Årsrapport fra Socialtilsyn Øst",
    "Revision af standardkontrakter",
    "Økonomimodel Sjælland",
    "Netværksgruppernes årsrapporter",
    "Central udmelding om domfældte udviklingshæmmede",
    "Temadag for kommunerne",
    "Kapacitetsanalyse og prognose",
)
_ORGS = ("Næstved Kommune", "Køge Kommune", "Region Sjælland", "Slagelse Kommune", "KL")


def _build(url: str, seed: int = 11) -> int:
    """Fill a database with ten years of one group's work; return the group's id."""
    rng = random.Random(seed)
    engine = make_engine(url)
    upgrade(engine)
    uow = make_uow(engine)
    start = NOW - timedelta(days=365 * YEARS)
    with uow() as session:
        group = Group(
            name="Styregruppen for Rammeaftale Sjælland", channel_id="C0BENCH", created_at=start
        )
        session.add(group)
        session.flush()
        members = []
        for n in range(14):
            role = Role.CHAIR if n == 0 else Role.SECRETARY if n == 1 else Role.MEMBER
            member = Member(
                group_id=group.id,
                slack_user_id=f"U{n:04d}",
                name=f"Medlem {n} Efternavn",
                organisation=_ORGS[n % len(_ORGS)],
                role=role,
                joined_at=start,
            )
            session.add(member)
            members.append(member)
        session.flush()
        meetings: list[Meeting] = []
        total = YEARS * MEETINGS_PER_YEAR + 3
        for n in range(total):
            starts = start + timedelta(days=n * 365 / MEETINGS_PER_YEAR)
            held = starts < NOW
            meeting = Meeting(
                group_id=group.id,
                starts_at=starts,
                ends_at=starts + timedelta(hours=3),
                location="Ringsted Kongrescenter",
                status=MeetingStatus.HELD if held else MeetingStatus.PLANNED,
                created_at=starts - timedelta(days=60),
            )
            session.add(meeting)
            meetings.append(meeting)
        session.flush()
        for meeting in meetings:
            held = meeting.status == MeetingStatus.HELD
            for position in range(ITEMS_PER_MEETING if held else 6):
                item = AgendaItem(
                    meeting_id=meeting.id,
                    number=str(position + 1),
                    position=position,
                    title=f"{rng.choice(_TITLES)} {position}",
                    status=ItemStatus.TREATED
                    if held
                    else rng.choice([ItemStatus.PROPOSED, ItemStatus.ACCEPTED]),
                    proposer_member_id=rng.choice(members).id,
                    created_at=meeting.created_at,
                    updated_at=meeting.created_at,
                )
                session.add(item)
                session.flush()
                if held:
                    for d in range(3):
                        session.add(
                            Decision(
                                item_id=item.id,
                                position=d,
                                text="Styregruppen tog orienteringen til efterretning og bad "
                                "sekretariatet om at arbejde videre med oplægget.",
                                created_at=meeting.starts_at,
                            )
                        )
            for member in members:
                if held or rng.random() < 0.4:
                    session.add(
                        Attendance(
                            meeting_id=meeting.id,
                            member_id=member.id,
                            name=member.name,
                            status=AttendanceStatus.AFBUD
                            if rng.random() < 0.15
                            else AttendanceStatus.ATTENDING,
                            updated_at=meeting.created_at,
                        )
                    )
            if held:
                out = meeting is meetings[YEARS * MEETINGS_PER_YEAR - 1]
                session.add(
                    Minutes(
                        meeting_id=meeting.id,
                        version=1,
                        content_hash=f"{meeting.id:064d}",
                        status=MinutesStatus.OPEN if out else MinutesStatus.APPROVED,
                        deadline_at=NOW + timedelta(days=3) if out else meeting.starts_at,
                        posted_at=meeting.starts_at + timedelta(days=2),
                    )
                )
        today = NOW.date()
        for n in range(OPEN_TASKS + DONE_TASKS):
            done = n >= OPEN_TASKS
            owner = rng.choice(members) if rng.random() < 0.85 else None
            session.add(
                ActionItem(
                    group_id=group.id,
                    meeting_id=rng.choice(meetings[: YEARS * MEETINGS_PER_YEAR]).id,
                    text=f"Opfølgning {n}: sekretariatet udarbejder et notat om takster og "
                    "kontrakter til styregruppens næste møde",
                    owner_member_id=owner.id if owner else None,
                    owner_name=owner.name if owner else rng.choice(_ORGS),
                    due_date=today + timedelta(days=rng.randint(-120, 240))
                    if rng.random() < 0.9
                    else None,
                    status=ActionStatus.DONE if done else ActionStatus.OPEN,
                    created_at=NOW - timedelta(days=rng.randint(1, 3000)),
                )
            )
        group_id = int(group.id)
    engine.dispose()
    return group_id


def run(quick: bool = False, database_url: str | None = None) -> dict[str, Any]:
    """Build the digest repeatedly on fresh sessions; report the median and the limits."""
    runs = 5 if quick else 25
    with tempfile.TemporaryDirectory() as tmp:
        url = database_url or f"sqlite:///{Path(tmp) / 'digest.db'}"
        started = time.perf_counter()
        group_id = _build(url)
        build_seconds = time.perf_counter() - started
        engine = make_engine(url)
        uow = make_uow(engine)
        timings: list[float] = []
        blocks = 0
        longest = 0
        open_tasks = 0
        for _ in range(runs + 1):
            begin = time.perf_counter()
            with uow() as session:
                group = session.get(Group, group_id)
                assert group is not None
                content = gather(session, group, NOW, "da")
                message = group_message(content, "da")
            timings.append((time.perf_counter() - begin) * 1000)
            assert message.blocks is not None
            blocks = len(message.blocks)
            longest = max(
                (len(b["text"]["text"]) for b in message.blocks if b["type"] == "section"),
                default=0,
            )
            open_tasks = len(content.tasks)
        engine.dispose()
    measured = timings[1:]  # the first run warms the caches (and dateparser) up
    median = statistics.median(measured)
    return {
        "runs": len(measured),
        "open_tasks": open_tasks,
        "meetings": YEARS * MEETINGS_PER_YEAR + 3,
        "median_ms": round(median, 1),
        "max_ms": round(max(measured), 1),
        "goal_ms": GOAL_MS,
        "ok": median <= GOAL_MS,
        "blocks": blocks,
        "longest_section": longest,
        "within_limits": blocks <= 50 and longest <= SECTION_LIMIT,
        "build_seconds": round(build_seconds, 1),
    }


if __name__ == "__main__":
    print(run())
