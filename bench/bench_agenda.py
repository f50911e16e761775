"""Measure assembling a meeting's agenda for a group with five years of history.

Goal: p95 ≤ 50 ms. The history is synthetic but shaped like the Sjælland group's:
ten meetings a year, a dozen items each with decisions, some items postponed, a
"Punkter til næste møde" list at every meeting, several hundred action items (some
overdue) and fixed information items. The measured call is the whole use case,
``bot.agenda.assemble_agenda`` on a fresh session (as each request has), for the next
meeting, which has proposals, late items and items carried over; the draft's Block
Kit rendering is timed separately.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.agenda import assemble_agenda, draft_blocks
from bot.domain.enums import ActionStatus, ItemKind, ItemStatus, MeetingStatus, Role
from storage.db import make_engine, make_uow
from storage.migrate import upgrade
from storage.models import ActionItem, AgendaItem, Attachment, Decision, Group, Meeting, Member

YEARS = 5
MEETINGS_PER_YEAR = 10
ITEMS_PER_MEETING = 12
GOAL_MS = 50.0
NOW = datetime(2027, 1, 10, 9, 0, tzinfo=UTC)

_TITLES = (
    "Status for Rammeaftale",
    "Årsrapport fra Socialtilsyn Øst",
    "Revision af standardkontrakter",
    "Økonomimodel Sjælland",
    "Netværksgruppernes årsrapporter",
    "Central udmelding om domfældte udviklingshæmmede",
    "Kofoedsminde – oplæg til Koordinationsforum",
    "Temadag for kommunerne",
    "Suppleanter til følgegruppen",
    "Kapacitetsanalyse og prognose",
)


def _build(url: str, seed: int = 7) -> int:
    """Fill a database with five years of one group's meetings; return the next meeting's id."""
    rng = random.Random(seed)
    engine = make_engine(url)
    upgrade(engine)
    uow = make_uow(engine)
    start = NOW - timedelta(days=365 * YEARS)
    with uow() as session:
        group = Group(
            name="Styregruppen for Rammeaftale Sjælland",
            channel_id="C0BENCH",
            created_at=start,
            fixed_information_items=["Nyt fra K17 og KKR", "Nyt fra netværksgrupperne"],
        )
        session.add(group)
        session.flush()
        members = []
        for index in range(12):
            member = Member(
                group_id=group.id,
                slack_user_id=f"U{index:04d}",
                name=f"Medlem {index}",
                role=Role.CHAIR if index == 0 else Role.MEMBER,
                joined_at=start,
            )
            session.add(member)
            members.append(member)
        session.flush()
        meeting_count = YEARS * MEETINGS_PER_YEAR
        step = timedelta(days=365 * YEARS / meeting_count)
        last: Meeting | None = None
        for number in range(meeting_count + 2):
            when = start + step * number
            held = when < NOW
            meeting = Meeting(
                group_id=group.id,
                starts_at=when,
                ends_at=when + timedelta(hours=3),
                has_time=True,
                location="Ringsted Kongrescenter",
                status=MeetingStatus.HELD if held else MeetingStatus.PLANNED,
                created_at=start,
                agenda_version=1 if held else 0,
                sequence=0,
                next_meeting_note="• Netværksgruppernes årsrapporter\n• Temadag" if held else None,
            )
            session.add(meeting)
            session.flush()
            if not held and last is not None and last.status == MeetingStatus.PLANNED:
                break
            for position in range(ITEMS_PER_MEETING):
                status = ItemStatus.TREATED if held else ItemStatus.ACCEPTED
                if held and rng.random() < 0.08:
                    status = ItemStatus.POSTPONED
                if not held and position % 3 == 0:
                    status = ItemStatus.PROPOSED
                item = AgendaItem(
                    meeting_id=meeting.id,
                    number=str(position + 1) if held else None,
                    position=(position + 1) * 10,
                    title=f"{rng.choice(_TITLES)} {number}-{position}",
                    kind=rng.choice([ItemKind.DECISION, ItemKind.DISCUSSION, ItemKind.INFORMATION]),
                    status=status,
                    is_late=not held and position >= ITEMS_PER_MEETING - 2,
                    summary="Styregruppen orienteres om status og giver input til processen.",
                    recommendation="Det indstilles, at styregruppen godkender indstillingen.",
                    proposer_member_id=rng.choice(members).id,
                    proposer_name="Medlem",
                    created_at=when - timedelta(days=20),
                    updated_at=when - timedelta(days=20),
                )
                session.add(item)
                session.flush()
                session.add(
                    Attachment(item_id=item.id, title="Bilag", url="https://example.dk/a.pdf")
                )
                if held:
                    for bullet in range(2):
                        session.add(
                            Decision(
                                item_id=item.id,
                                position=bullet,
                                text="Indstillingen blev godkendt",
                                created_at=when,
                            )
                        )
            for index in range(10):
                session.add(
                    ActionItem(
                        group_id=group.id,
                        meeting_id=meeting.id,
                        text=f"Opfølgning {number}-{index}",
                        owner_name="Povl Skov",
                        due_date=(when + timedelta(days=30)).date(),
                        status=ActionStatus.OPEN if rng.random() < 0.1 else ActionStatus.DONE,
                        created_at=when,
                    )
                )
            last = meeting
        assert last is not None
        next_id = int(last.id)
    engine.dispose()
    return next_id


def run(quick: bool = False) -> dict[str, Any]:
    """Build the history, then time assembling the next meeting's agenda."""
    rounds = 20 if quick else 200
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        started = time.perf_counter()
        meeting_id = _build(url)
        built = time.perf_counter() - started
        engine = make_engine(url)
        uow = make_uow(engine)
        timings: list[float] = []
        render: list[float] = []
        entries = pending = 0
        for _ in range(rounds + 5):
            with uow() as session:
                meeting = session.get(Meeting, meeting_id)
                assert meeting is not None
                began = time.perf_counter()
                agenda = assemble_agenda(session, meeting, NOW)
                middle = time.perf_counter()
                draft_blocks(agenda, "da", officer=True)
                ended = time.perf_counter()
            timings.append((middle - began) * 1000)
            render.append((ended - middle) * 1000)
            entries, pending = len(agenda.entries), len(agenda.pending)
        engine.dispose()
    timings, render = timings[5:], render[5:]  # the first rounds warm the caches
    ordered = sorted(timings)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    return {
        "history_meetings": YEARS * MEETINGS_PER_YEAR,
        "items": (YEARS * MEETINGS_PER_YEAR + 1) * ITEMS_PER_MEETING,
        "agenda_entries": entries,
        "pending_proposals": pending,
        "rounds": len(timings),
        "assemble_ms_p50": round(statistics.median(timings), 2),
        "assemble_ms_p95": round(p95, 2),
        "assemble_ms_max": round(max(timings), 2),
        "render_ms_p50": round(statistics.median(render), 2),
        "goal_ms": GOAL_MS,
        "meets_goal": p95 <= GOAL_MS,
        "build_seconds": round(built, 1),
    }


if __name__ == "__main__":
    print(run())
