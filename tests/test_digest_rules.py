"""The pure rules of the digest and of overdue follow-ups: weeks, slots, order, limits."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.digest import (
    SECTION_CHARS,
    DigestSetting,
    SettingError,
    TaskLine,
    by_owner,
    clip,
    due_slot,
    first_nudge_at,
    is_overdue,
    iso_week,
    next_nudge_at,
    next_slot,
    pack_lines,
    parse_clock,
    parse_digest_setting,
    per_owner_limit,
    week_slot,
)

CPH = "Europe/Copenhagen"
NY = "America/New_York"


def at(text: str, tz: str = CPH) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(tz))


# ---------------------------------------------------------------------------
# Weeks and slots
# ---------------------------------------------------------------------------


def test_iso_week_across_the_new_year() -> None:
    assert iso_week(date(2026, 11, 23)) == "2026-W48"
    assert iso_week(date(2027, 1, 1)) == "2026-W53"
    assert iso_week(date(2027, 1, 4)) == "2027-W01"


def test_due_from_the_slot_until_midnight_local_and_not_after() -> None:
    monday_8 = time(8, 0)
    assert due_slot(at("2026-11-23T07:59"), CPH, 0, monday_8) is None
    slot = due_slot(at("2026-11-23T08:00"), CPH, 0, monday_8)
    assert slot is not None and slot.week == "2026-W48"
    assert slot.due_at == at("2026-11-23T08:00")
    assert due_slot(at("2026-11-23T23:59"), CPH, 0, monday_8) is not None
    # A missed digest is skipped the day after, and on every other day of the week.
    assert due_slot(at("2026-11-24T08:00"), CPH, 0, monday_8) is None
    assert due_slot(at("2026-11-22T09:00"), CPH, 0, monday_8) is None


def test_the_slot_is_read_in_the_groups_zone() -> None:
    friday_9 = time(9, 0)
    # 14:59 in Copenhagen is 08:59 in New York: not yet.
    assert due_slot(at("2026-11-27T14:59"), NY, 4, friday_9) is None
    assert due_slot(at("2026-11-27T15:00"), NY, 4, friday_9) is not None
    # Midnight UTC on Saturday is still Friday evening in New York.
    utc = datetime(2026, 11, 28, 0, 30, tzinfo=ZoneInfo("UTC"))
    assert due_slot(utc, NY, 4, friday_9) is not None
    assert due_slot(utc, CPH, 4, friday_9) is None


def test_slot_on_the_day_summer_time_ends() -> None:
    # 25 October 2026 is a Sunday; clocks go back at 03:00 in Copenhagen.
    slot = due_slot(at("2026-10-25T08:00"), CPH, 6, time(8, 0))
    assert slot is not None and slot.due_at.utcoffset() == ZoneInfo(CPH).utcoffset(
        datetime(2026, 10, 25, 8)
    )


def test_next_slot_for_the_settings_reply() -> None:
    assert next_slot(at("2026-11-18T10:00"), CPH, 0, time(8, 0)) == at("2026-11-23T08:00")
    assert next_slot(at("2026-11-23T07:00"), CPH, 0, time(8, 0)) == at("2026-11-23T08:00")
    assert next_slot(at("2026-11-23T09:00"), CPH, 0, time(8, 0)) == at("2026-11-30T08:00")
    assert week_slot(at("2026-11-29T23:00"), CPH, 0, time(8, 0)).week == "2026-W48"


# ---------------------------------------------------------------------------
# Overdue follow-ups
# ---------------------------------------------------------------------------


def test_the_due_day_itself_is_on_time() -> None:
    assert not is_overdue(date(2026, 11, 20), date(2026, 11, 20))
    assert is_overdue(date(2026, 11, 20), date(2026, 11, 21))
    assert not is_overdue(None, date(2026, 11, 21))


def test_nudges_the_morning_after_and_then_weekly() -> None:
    assert first_nudge_at(date(2026, 11, 20), CPH) == at("2026-11-21T09:00")
    assert next_nudge_at(at("2026-11-21T09:03"), CPH) == at("2026-11-28T09:00")


def line(n: int, owner: str, due: date | None) -> TaskLine:
    return TaskLine(id=n, text=f"task {n}", owner_key=owner, owner_label=owner.upper(), due=due)


def test_owners_with_most_overdue_first_and_overdue_first_within() -> None:
    today = date(2026, 11, 23)
    lines = [
        line(1, "a", date(2026, 12, 1)),
        line(2, "a", None),
        line(3, "b", date(2026, 11, 1)),
        line(4, "b", date(2026, 11, 20)),
        line(5, "", date(2026, 10, 1)),
        line(6, "c", date(2026, 11, 22)),
        line(7, "a", date(2026, 11, 2)),
    ]
    owners = by_owner(lines, today)
    assert [o.owner_key for o in owners] == ["b", "a", "c", ""]
    assert [t.id for t in owners[0].tasks] == [3, 4]
    assert [t.id for t in owners[1].tasks] == [7, 1, 2]
    assert [o.overdue for o in owners] == [2, 1, 1, 1]


def test_per_owner_limit_shrinks_with_many_owners() -> None:
    assert per_owner_limit(2) == 5 and per_owner_limit(30) == 3


# ---------------------------------------------------------------------------
# Fitting to Slack's limits
# ---------------------------------------------------------------------------


def test_clip_keeps_words_and_marks_the_cut() -> None:
    assert clip("kort tekst", 50) == "kort tekst"
    cut = clip("Styregruppen drøftede udviklingsprogrammet grundigt og længe", 30)
    assert cut.endswith("…") and len(cut) <= 30 and " " in cut


def test_pack_lines_summarises_what_does_not_fit() -> None:
    lines = [f"• linje {i} " + "x" * 500 for i in range(40)]
    chunks = pack_lines(lines, max_chunks=3, more=lambda n: f"… og {n} mere")
    assert len(chunks) == 3
    assert all(len(chunk) <= SECTION_CHARS for chunk in chunks)
    shown = sum(chunk.count("• linje") for chunk in chunks)
    assert chunks[-1].endswith(f"… og {40 - shown} mere")


@given(
    st.lists(st.text(min_size=1, max_size=400), max_size=60),
    st.integers(min_value=1, max_value=5),
    st.integers(min_value=100, max_value=3000),
)
def test_pack_lines_never_exceeds_its_limits(lines: list[str], chunks: int, limit: int) -> None:
    packed = pack_lines(
        [line[: limit - 20] for line in lines],
        max_chunks=chunks,
        more=lambda n: f"… og {n} mere",
        max_chars=limit,
    )
    assert len(packed) <= chunks
    assert all(len(chunk) <= limit for chunk in packed)
    if lines:
        assert packed


# ---------------------------------------------------------------------------
# Settings
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mandag 8:00", DigestSetting(True, 0, time(8, 0))),
        ("fredag kl 13.30", DigestSetting(True, 4, time(13, 30))),
        ("Tuesday 9am", DigestSetting(True, 1, time(9, 0))),
        ("9:15", DigestSetting(True, None, time(9, 15))),
        ("søndag", DigestSetting(True, 6, None)),
        ("fra", DigestSetting(False, None, None)),
        ("til", DigestSetting(True, None, None)),
        ("on", DigestSetting(True, None, None)),
        ("til mandag 7", DigestSetting(True, 0, time(7, 0))),
    ],
)
def test_reading_digest_settings(text: str, expected: DigestSetting) -> None:
    assert parse_digest_setting(text) == expected


@pytest.mark.parametrize(
    ("text", "part"),
    [("mandag 25:00", "25:00"), ("hver uge", "hver"), ("fra mandag", "fra mandag"), ("", "")],
)
def test_unreadable_settings_name_the_part(text: str, part: str) -> None:
    with pytest.raises(SettingError) as caught:
        parse_digest_setting(text)
    assert caught.value.part == part


def test_clock_forms() -> None:
    assert parse_clock("08.05") == time(8, 5)
    assert parse_clock("12pm") == time(12, 0)
    assert parse_clock("12am") == time(0, 0)
    assert parse_clock("13pm") is None
    assert parse_clock("8:61") is None
