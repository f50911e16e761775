"""Measure generating the referat of a 20-item meeting as DOCX and PDF.

Goal: median ≤ 500 ms. The meeting is shaped like the corpus's: twelve members (two
with afbud, one substitute), two guests, 20 items with an indstilling each, three
decision lines, a discussion note, and absence and inhabilitet on a few items. The
measured call is what "Send til godkendelse" does before posting: read the referat from
the database (``bot.referat.service.build_document`` on a fresh session), then render
the text, the DOCX (python-docx) and the PDF (fpdf2).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.domain.enums import AttendanceStatus, ItemKind, ItemStatus, MeetingStatus, Role
from bot.referat.document import referat_docx, referat_pdf, referat_text
from bot.referat.service import build_document
from bot.referat.text import ABSENT, CONFLICT, DECISION, DISCUSSION
from storage.db import make_engine, make_uow
from storage.migrate import upgrade
from storage.models import AgendaItem, Attendance, Group, Meeting, Member, ReferatLine

ITEMS = 20
MEMBERS = 12
GOAL_MS = 500.0
NOW = datetime(2027, 3, 15, 15, 0, tzinfo=UTC)
_NAMES = (
    "Morten Bøgelund Andersen",
    "Bo Gammelgaard",
    "Margrethe Kusk Pedersen",
    "Mille Schjoldan",
    "Pia Bille",
    "Anne Andersen",
    "Povl Skov",
    "Thomas Knudsen",
    "Anne Sofie Degn",
    "Søren Ærø",
    "Åse Østergård",
    "Jens Jørgensen",
)


def _build(url: str) -> int:
    """Fill a database with one group and a held 20-item meeting; return the meeting's id."""
    engine = make_engine(url)
    upgrade(engine)
    uow = make_uow(engine)
    with uow() as session:
        group = Group(
            name="Styregruppen for Rammeaftale Sjælland", channel_id="C0BENCH", created_at=NOW
        )
        session.add(group)
        session.flush()
        members = []
        for index, name in enumerate(_NAMES[:MEMBERS]):
            member = Member(
                group_id=group.id,
                slack_user_id=f"U{index:04d}",
                name=name,
                title="Socialchef" if index % 2 else "Direktør",
                organisation=f"{['Greve', 'Næstved', 'Køge', 'Faxe'][index % 4]} Kommune",
                role=Role.CHAIR if index == 0 else Role.MEMBER,
                joined_at=NOW,
            )
            session.add(member)
            members.append(member)
        session.flush()
        meeting = Meeting(
            group_id=group.id,
            starts_at=NOW - timedelta(hours=3),
            ends_at=NOW,
            location="Ringsted Kongrescenter, Nørretorv 55, Ringsted",
            status=MeetingStatus.HELD,
            created_at=NOW,
        )
        session.add(meeting)
        session.flush()
        for index in (8, 9):
            m = members[index]
            session.add(
                Attendance(
                    meeting_id=meeting.id,
                    member_id=m.id,
                    name=m.name,
                    status=AttendanceStatus.AFBUD,
                    updated_at=NOW,
                    substitute_name="Anne Hansen" if index == 8 else None,
                )
            )
        for name in ("Petrine Andersen", "Reinhold Schæfer"):
            session.add(
                Attendance(
                    meeting_id=meeting.id,
                    name=name,
                    title="Konsulent",
                    organisation="Region Sjælland",
                    status=AttendanceStatus.GUEST,
                    updated_at=NOW,
                )
            )
        for position in range(ITEMS):
            item = AgendaItem(
                meeting_id=meeting.id,
                number=str(position + 1),
                position=position,
                title=f"Punkt om rammeaftalens spor {position + 1}: økonomi og kapacitet",
                kind=ItemKind.DECISION,
                status=ItemStatus.ACCEPTED,
                recommendation="Det indstilles, at Styregruppen:\n- Drøfter status\n"
                "- Godkender den videre proces og tidsplanen for høringen",
                origin=f"bench:{position}",
                created_at=NOW,
                updated_at=NOW,
            )
            session.add(item)
            session.flush()
            lines = [
                (
                    DISCUSSION,
                    "Styregruppen drøftede sagen og lagde vægt på inddragelse af "
                    "myndighedslederne i det videre arbejde.",
                ),
                (DECISION, "Styregruppen godkendte den videre proces."),
                (DECISION, "Sekretariatet udsender materialet senest 1. maj."),
                (DECISION, "Tidsplanen blev godkendt med den ændring, at høringen flyttes."),
            ]
            for offset, (field, text) in enumerate(lines):
                session.add(
                    ReferatLine(
                        meeting_id=meeting.id,
                        item_id=item.id,
                        field=field,
                        position=offset,
                        text=text,
                        written_by="Povl Skov",
                        written_at=NOW,
                    )
                )
            if position % 7 == 3:
                for field, member in ((ABSENT, members[2]), (CONFLICT, members[4])):
                    session.add(
                        ReferatLine(
                            meeting_id=meeting.id,
                            item_id=item.id,
                            field=field,
                            position=0,
                            text=member.name,
                            member_id=member.id,
                            written_by="Povl Skov",
                            written_at=NOW,
                        )
                    )
        meeting_id = int(meeting.id)
    engine.dispose()
    return meeting_id


def run(quick: bool = False) -> dict[str, Any]:
    """Build the meeting, then time reading and rendering its referat as DOCX and PDF."""
    rounds = 10 if quick else 40
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        meeting_id = _build(url)
        engine = make_engine(url)
        uow = make_uow(engine)
        total: list[float] = []
        docx_ms: list[float] = []
        pdf_ms: list[float] = []
        sizes = (0, 0)
        for _ in range(rounds + 2):
            began = time.perf_counter()
            with uow() as session:
                meeting = session.get(Meeting, meeting_id)
                assert meeting is not None
                group = session.get(Group, meeting.group_id)
                assert group is not None
                document = build_document(session, meeting, group, NOW)
            referat_text(document)
            before_docx = time.perf_counter()
            docx = referat_docx(document)
            before_pdf = time.perf_counter()
            pdf = referat_pdf(document)
            ended = time.perf_counter()
            total.append((ended - began) * 1000)
            docx_ms.append((before_pdf - before_docx) * 1000)
            pdf_ms.append((ended - before_pdf) * 1000)
            sizes = (len(docx), len(pdf))
        engine.dispose()
    total, docx_ms, pdf_ms = total[2:], docx_ms[2:], pdf_ms[2:]  # the first rounds warm up
    ordered = sorted(total)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    median = statistics.median(total)
    return {
        "items": ITEMS,
        "rounds": len(total),
        "generate_ms_p50": round(median, 1),
        "generate_ms_p95": round(p95, 1),
        "docx_ms_p50": round(statistics.median(docx_ms), 1),
        "pdf_ms_p50": round(statistics.median(pdf_ms), 1),
        "docx_bytes": sizes[0],
        "pdf_bytes": sizes[1],
        "goal_ms": GOAL_MS,
        "meets_goal": median <= GOAL_MS,
    }
