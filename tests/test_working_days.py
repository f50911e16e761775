"""Approval deadlines land on working days: weekends and Danish public holidays move on."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.domain.approval import approval_deadline, next_working_day
from tests.harness import BotHarness

CPH = ZoneInfo("Europe/Copenhagen")


def _deadline(meeting: date, calendar: str | None = None) -> date:
    start = datetime(meeting.year, meeting.month, meeting.day, 13, 0, tzinfo=CPH)
    end = approval_deadline(start, start, 7, "Europe/Copenhagen", holiday_calendar=calendar)
    return end.astimezone(CPH).date()


@pytest.mark.parametrize(
    ("meeting", "expected"),
    [
        (date(2026, 3, 5), date(2026, 3, 12)),  # an ordinary Thursday a week later
        (date(2026, 3, 7), date(2026, 3, 16)),  # a Saturday meeting: Monday
        (date(2026, 5, 7), date(2026, 5, 15)),  # Kristi himmelfartsdag 14/5: Friday
        (date(2026, 12, 18), date(2026, 12, 28)),  # juledag, 2. juledag, Sunday: Monday
        (date(2027, 3, 18), date(2027, 3, 30)),  # skærtorsdag, langfredag, påske, 2. påskedag
    ],
)
def test_deadline_moves_to_the_next_working_day(meeting: date, expected: date) -> None:
    assert _deadline(meeting) == expected


def test_a_group_can_turn_the_calendar_off_or_pick_another() -> None:
    assert _deadline(date(2026, 12, 18), "none") == date(2026, 12, 25)
    # 6 June is a holiday in Sweden, not in Denmark.
    assert next_working_day(date(2028, 6, 6), "SE") == date(2028, 6, 7)
    assert next_working_day(date(2028, 6, 6), "dk") == date(2028, 6, 6)


@pytest.mark.parametrize(
    "text",
    [
        "<@U0BO> laver notat om takster senest næste år",
        "<@U0BO> skal rydde op i bilagene, frist: efter sommerferien",
        "Sekretariatet udarbejder notat senest til jul",
    ],
)
def test_a_deadline_that_is_no_date_is_asked_about(harness: BotHarness, text: str) -> None:
    from sqlalchemy import select

    from storage.models import ActionItem
    from tests.test_tasks import command_reply

    harness.add_group()
    reply = command_reply(harness, "U0PIA", f"opgave {text}")["text"]
    assert "Hvornår er" in reply and "31/12" in reply, reply
    with harness.services.uow() as session:
        assert session.scalars(select(ActionItem)).all() == []


def test_meeting_times_across_the_clock_changes_keep_their_length() -> None:
    from bot.dates import parse_when

    now = datetime(2026, 11, 18, 10, 0, tzinfo=CPH)
    spring = parse_when("28/3-2027 kl 2:30-3:30", now)
    assert spring.end is not None and spring.end > spring.start
    assert spring.end.timestamp() - spring.start.timestamp() == 3600
    autumn = parse_when("31/10-2027 kl 2-3", now)
    assert autumn.end is not None
    assert autumn.end.timestamp() - autumn.start.timestamp() == 3600
    plain = parse_when("3/12 kl 9-12.30", now)
    assert plain.end is not None
    assert plain.end.timestamp() - plain.start.timestamp() == 3.5 * 3600
