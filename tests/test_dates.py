"""Tests for bot.dates: Danish and English dates, times, lists, spans, errors and DST."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.dates import (
    DateParseError,
    When,
    find_when,
    is_past,
    parse_when,
    parse_when_list,
    warm_up,
)

CPH = ZoneInfo("Europe/Copenhagen")
# Wednesday 18 November 2026, 10:00 winter time (+01:00).
NOW = datetime(2026, 11, 18, 10, 0, tzinfo=CPH)
# The day the 2019 minutes were written (Friday 4 January 2019).
MINUTES_2019 = datetime(2019, 1, 4, 9, 0, tzinfo=CPH)
# A few days before the meeting of Friday 15 March 2024.
EARLY_MARCH_2024 = datetime(2024, 3, 1, 9, 0, tzinfo=CPH)


def _iso(when: When) -> tuple[str, str | None, bool]:
    return (
        when.start.isoformat(),
        None if when.end is None else when.end.isoformat(),
        when.has_time,
    )


# (phrase, start, end, has_time) with now = NOW and prefer="future".
PHRASES: list[tuple[str, str, str | None, bool]] = [
    # numeric, Danish day/month order
    ("3/5", "2027-05-03T00:00:00+02:00", None, False),
    ("3/5-2024", "2024-05-03T00:00:00+02:00", None, False),
    ("3/5 2024", "2024-05-03T00:00:00+02:00", None, False),
    ("3.5.2024", "2024-05-03T00:00:00+02:00", None, False),
    ("03-05-2024", "2024-05-03T00:00:00+02:00", None, False),
    ("2024-05-03", "2024-05-03T00:00:00+02:00", None, False),
    ("4/1-2019", "2019-01-04T00:00:00+01:00", None, False),
    ("23/11- 2018", "2018-11-23T00:00:00+01:00", None, False),
    ("12/10-2018", "2018-10-12T00:00:00+02:00", None, False),
    ("10/12 2018", "2018-12-10T00:00:00+01:00", None, False),
    ("2/11-18", "2018-11-02T00:00:00+01:00", None, False),
    ("18/11", "2026-11-18T00:00:00+01:00", None, False),  # today is not "the past"
    ("17/11", "2027-11-17T00:00:00+01:00", None, False),  # yesterday: next year
    ("29/2", "2028-02-29T00:00:00+01:00", None, False),  # the next leap day
    ("d. 13.5.2020", "2020-05-13T00:00:00+02:00", None, False),
    # month names
    ("15. marts", "2027-03-15T00:00:00+01:00", None, False),
    ("15 marts 2024", "2024-03-15T00:00:00+01:00", None, False),
    ("den 15. marts, 2024", "2024-03-15T00:00:00+01:00", None, False),
    ("26. juni 2020", "2020-06-26T00:00:00+02:00", None, False),
    ("2. marts 2017", "2017-03-02T00:00:00+01:00", None, False),
    ("5. feb.", "2027-02-05T00:00:00+01:00", None, False),
    ("3. okt", "2027-10-03T00:00:00+02:00", None, False),
    ("jan 5", "2027-01-05T00:00:00+01:00", None, False),
    ("1. December", "2026-12-01T00:00:00+01:00", None, False),
    ("March 15", "2027-03-15T00:00:00+01:00", None, False),
    ("15 March 2024", "2024-03-15T00:00:00+01:00", None, False),
    ("May 3rd", "2027-05-03T00:00:00+02:00", None, False),
    ("March 15, 2024", "2024-03-15T00:00:00+01:00", None, False),
    ("the 3rd of May", "2027-05-03T00:00:00+02:00", None, False),
    ("den 15.", "2026-12-15T00:00:00+01:00", None, False),
    # weekdays
    ("fredag", "2026-11-20T00:00:00+01:00", None, False),
    ("på fredag", "2026-11-20T00:00:00+01:00", None, False),
    ("Fredag", "2026-11-20T00:00:00+01:00", None, False),
    ("onsdag", "2026-11-25T00:00:00+01:00", None, False),  # today is Wednesday: strictly after
    ("næste fredag", "2026-11-27T00:00:00+01:00", None, False),  # Friday of ISO week + 1
    ("næste mandag", "2026-11-23T00:00:00+01:00", None, False),
    ("friday", "2026-11-20T00:00:00+01:00", None, False),
    ("next friday", "2026-11-27T00:00:00+01:00", None, False),
    ("on friday", "2026-11-20T00:00:00+01:00", None, False),
    ("sidste fredag", "2026-11-13T00:00:00+01:00", None, False),
    ("fredag i næste uge", "2026-11-27T00:00:00+01:00", None, False),
    ("fredag kl. 9", "2026-11-20T09:00:00+01:00", None, True),  # not the 9th of the month
    ("næste fredag kl 9", "2026-11-27T09:00:00+01:00", None, True),
    (
        "fredag den 15. marts 2024 kl. 12-15",
        "2024-03-15T12:00:00+01:00",
        "2024-03-15T15:00:00+01:00",
        True,
    ),
    (
        "Fredag den 15. marts, 2024, kl. 12-15",
        "2024-03-15T12:00:00+01:00",
        "2024-03-15T15:00:00+01:00",
        True,
    ),
    ("tirsdag 23. juni 2020", "2020-06-23T00:00:00+02:00", None, False),
    ("fre. d. 20/11", "2026-11-20T00:00:00+01:00", None, False),
    ("næste fredag den 20/11", "2026-11-20T00:00:00+01:00", None, False),  # the date decides
    ("kl. 14 på fredag", "2026-11-20T14:00:00+01:00", None, True),
    ("fredag 20/11 kl 9-12.30", "2026-11-20T09:00:00+01:00", "2026-11-20T12:30:00+01:00", True),
    ("Friday, March 15, 2024 at 12pm", "2024-03-15T12:00:00+01:00", None, True),
    ("on Monday the 23rd", "2026-11-23T00:00:00+01:00", None, False),
    # relative
    ("i dag", "2026-11-18T00:00:00+01:00", None, False),
    ("idag", "2026-11-18T00:00:00+01:00", None, False),
    ("i morgen", "2026-11-19T00:00:00+01:00", None, False),
    ("i overmorgen", "2026-11-20T00:00:00+01:00", None, False),
    ("i går", "2026-11-17T00:00:00+01:00", None, False),
    ("today", "2026-11-18T00:00:00+01:00", None, False),
    ("tomorrow", "2026-11-19T00:00:00+01:00", None, False),
    ("om to uger", "2026-12-02T00:00:00+01:00", None, False),
    ("om 3 dage", "2026-11-21T00:00:00+01:00", None, False),
    ("om fjorten dage", "2026-12-02T00:00:00+01:00", None, False),
    ("om en måned", "2026-12-18T00:00:00+01:00", None, False),
    ("in two weeks", "2026-12-02T00:00:00+01:00", None, False),
    ("in 3 days", "2026-11-21T00:00:00+01:00", None, False),
    ("in a week", "2026-11-25T00:00:00+01:00", None, False),
    ("for 2 uger siden", "2026-11-04T00:00:00+01:00", None, False),
    ("3 days ago", "2026-11-15T00:00:00+01:00", None, False),
    ("om 2 timer", "2026-11-18T12:00:00+01:00", None, True),
    ("in 90 minutes", "2026-11-18T11:30:00+01:00", None, True),
    ("næste uge", "2026-11-23T00:00:00+01:00", None, False),
    ("i næste uge", "2026-11-23T00:00:00+01:00", None, False),
    ("next week", "2026-11-23T00:00:00+01:00", None, False),
    ("i morgen kl 14", "2026-11-19T14:00:00+01:00", None, True),
    ("kl 9 i morgen", "2026-11-19T09:00:00+01:00", None, True),
    ("tomorrow at 9am", "2026-11-19T09:00:00+01:00", None, True),
    # ISO weeks
    ("uge 12", "2027-03-22T00:00:00+01:00", None, False),
    ("uge 47", "2026-11-16T00:00:00+01:00", None, False),  # the current week has not ended
    ("uge 12 2025", "2025-03-17T00:00:00+01:00", None, False),
    ("week 12", "2027-03-22T00:00:00+01:00", None, False),
    ("i uge 3", "2027-01-18T00:00:00+01:00", None, False),
    ("uge 53", "2026-12-28T00:00:00+01:00", None, False),
    ("fredag i uge 12", "2027-03-26T00:00:00+01:00", None, False),
    ("friday of week 12 2025", "2025-03-21T00:00:00+01:00", None, False),
    # times
    ("kl 9", "2026-11-19T09:00:00+01:00", None, True),  # 9:00 has passed today
    ("kl. 9", "2026-11-19T09:00:00+01:00", None, True),
    ("kl 14", "2026-11-18T14:00:00+01:00", None, True),  # still ahead today
    ("kl 9.30", "2026-11-19T09:30:00+01:00", None, True),
    ("kl. 09:30", "2026-11-19T09:30:00+01:00", None, True),
    ("klokken 16", "2026-11-18T16:00:00+01:00", None, True),
    ("kl 12-15", "2026-11-18T12:00:00+01:00", "2026-11-18T15:00:00+01:00", True),
    ("kl. 12.00-15.30", "2026-11-18T12:00:00+01:00", "2026-11-18T15:30:00+01:00", True),
    ("kl. 9 til 11", "2026-11-19T09:00:00+01:00", "2026-11-19T11:00:00+01:00", True),
    ("fra kl. 9 til 12", "2026-11-19T09:00:00+01:00", "2026-11-19T12:00:00+01:00", True),
    ("from 9 to 12", "2026-11-19T09:00:00+01:00", "2026-11-19T12:00:00+01:00", True),
    ("at 9", "2026-11-19T09:00:00+01:00", None, True),
    ("9am", "2026-11-19T09:00:00+01:00", None, True),
    ("2 pm", "2026-11-18T14:00:00+01:00", None, True),
    ("14:00", "2026-11-18T14:00:00+01:00", None, True),
    ("9am-12pm", "2026-11-19T09:00:00+01:00", "2026-11-19T12:00:00+01:00", True),
    ("11-2pm", "2026-11-18T11:00:00+01:00", "2026-11-18T14:00:00+01:00", True),
    ("3/5 kl 9-12", "2027-05-03T09:00:00+02:00", "2027-05-03T12:00:00+02:00", True),
    ("14/8, 9-12", "2027-08-14T09:00:00+02:00", "2027-08-14T12:00:00+02:00", True),
    ("14/8 9-12", "2027-08-14T09:00:00+02:00", "2027-08-14T12:00:00+02:00", True),
    ("3/5 14.00", "2027-05-03T14:00:00+02:00", None, True),
    ("den 3. Maj, 2024, kl.9-12", "2024-05-03T09:00:00+02:00", "2024-05-03T12:00:00+02:00", True),
    ("kl. 20-24", "2026-11-18T20:00:00+01:00", "2026-11-19T00:00:00+01:00", True),
    # the dateparser fallback, only ever handed date words
    ("next month", "2026-12-18T00:00:00+01:00", None, False),
    ("tomorrow at noon", "2026-11-19T12:00:00+01:00", None, True),
    # surrounding punctuation is fine
    ("  (3/5).", "2027-05-03T00:00:00+02:00", None, False),
]


@pytest.mark.parametrize(("phrase", "start", "end", "has_time"), PHRASES)
def test_parse_when_table(phrase: str, start: str, end: str | None, has_time: bool) -> None:
    when = parse_when(phrase, NOW)
    assert _iso(when) == (start, end, has_time)
    assert when.start.tzinfo == CPH


def test_when_date_property() -> None:
    assert parse_when("3/5 kl 9-12", NOW).date == date(2027, 5, 3)


def test_now_in_another_zone_is_converted() -> None:
    now_utc = NOW.astimezone(ZoneInfo("UTC"))
    assert parse_when("i morgen kl 9", now_utc) == parse_when("i morgen kl 9", NOW)
    assert parse_when("kl 14", now_utc, CPH).start.isoformat() == "2026-11-18T14:00:00+01:00"


def test_other_timezone() -> None:
    when = parse_when("3/5 kl 9", NOW, "America/New_York")
    assert when.start.isoformat() == "2027-05-03T09:00:00-04:00"


# --- prefer: the importer reads minutes relative to their own meeting date ----------


@pytest.mark.parametrize(
    ("phrase", "prefer", "expected"),
    [
        ("12/10", "future", date(2019, 10, 12)),
        ("12/10", "past", date(2018, 10, 12)),
        ("12/10", "nearest", date(2018, 10, 12)),
        ("18/1", "nearest", date(2019, 1, 18)),
        ("15. marts", "past", date(2018, 3, 15)),
        ("uge 7", "past", date(2018, 2, 12)),
        ("fredag", "past", date(2018, 12, 28)),  # the 4th is itself a Friday: strictly before
        ("tirsdag", "nearest", date(2019, 1, 1)),
        ("4/1-2019", "past", date(2019, 1, 4)),
    ],
)
def test_prefer(phrase: str, prefer: str, expected: date) -> None:
    assert parse_when(phrase, MINUTES_2019, prefer=prefer).date == expected  # type: ignore[arg-type]


def test_nearest_picks_the_closer_year() -> None:
    # 14/8: 2018-08-14 is 143 days back, 2019-08-14 is 222 days ahead.
    assert parse_when("14/8", MINUTES_2019, prefer="nearest").date == date(2018, 8, 14)


def test_weekday_agreement_without_year_is_checked() -> None:
    # On 18 November 2026, "15. marts" is 15 March 2027, a Monday.
    with pytest.raises(DateParseError) as err:
        parse_when("fredag den 15. marts", NOW)
    assert err.value.reason == "ambiguous"
    assert err.value.fragment == "fredag den 15. marts"
    when = parse_when("fredag den 15. marts kl. 12-15", EARLY_MARCH_2024)
    assert _iso(when) == ("2024-03-15T12:00:00+01:00", "2024-03-15T15:00:00+01:00", True)


# --- find_when ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "now", "span", "rest", "start"),
    [
        (
            "møde fredag den 15. marts kl. 12-15 Ringsted Kongrescenter",
            EARLY_MARCH_2024,
            "fredag den 15. marts kl. 12-15",
            "Ringsted Kongrescenter",
            "2024-03-15T12:00:00+01:00",
        ),
        (
            "møde 3/5 kl 9-12 Ringsted Kongrescenter",
            NOW,
            "3/5 kl 9-12",
            "Ringsted Kongrescenter",
            "2027-05-03T09:00:00+02:00",
        ),
        (
            "kan ikke komme 15/3 pga. sygdom",
            NOW,
            "15/3",
            "pga. sygdom",
            "2027-03-15T00:00:00+01:00",
        ),
        ("afbud til mødet 3/5", NOW, "3/5", "", "2027-05-03T00:00:00+02:00"),
        ("Opdatér økonomimodel senest 1/6", NOW, "1/6", "", "2027-06-01T00:00:00+02:00"),
        (
            "møde på fredag kl 9 i Ringsted",
            NOW,
            "på fredag kl 9",
            "i Ringsted",
            "2026-11-20T09:00:00+01:00",
        ),
        (
            "møde i morgen kl. 14 hos Bo",
            NOW,
            "i morgen kl. 14",
            "hos Bo",
            "2026-11-19T14:00:00+01:00",
        ),
        (
            "Dato: Fredag den 15. marts, 2024, kl. 12-15",
            EARLY_MARCH_2024,
            "Fredag den 15. marts, 2024, kl. 12-15",
            "",
            "2024-03-15T12:00:00+01:00",
        ),
        (
            "Indkaldelse til Styregruppemøde 4/1-2019",
            MINUTES_2019,
            "4/1-2019",
            "",
            "2019-01-04T00:00:00+01:00",
        ),
        (
            "Dagsordenspunkter til styregruppemøde den 26. juni 2020",
            NOW,
            "den 26. juni 2020",
            "",
            "2020-06-26T00:00:00+02:00",
        ),
        ("Chefmøde 23/11- 2018", NOW, "23/11- 2018", "", "2018-11-23T00:00:00+01:00"),
        # "KL" is Kommunernes Landsforening, not "klokken"
        ("Dialogforum i KL 14/11-2018", NOW, "14/11-2018", "", "2018-11-14T00:00:00+01:00"),
        (
            "Orientering fra KL 9. marts 2024 om takster",
            NOW,
            "9. marts 2024",
            "om takster",
            "2024-03-09T00:00:00+01:00",
        ),
        ("we meet on the 3rd of May", NOW, "on the 3rd of May", "", "2027-05-03T00:00:00+02:00"),
    ],
)
def test_find_when_span(text: str, now: datetime, span: str, rest: str, start: str) -> None:
    found = find_when(text, now)
    assert found is not None
    when, begin, end = found
    assert text[begin:end] == span
    assert text[end:].strip() == rest
    assert when.start.isoformat() == start


def test_find_when_minutes_header_with_nearest() -> None:
    text = "Godkendelse af referat fra styregruppemøde 12/10"
    found = find_when(text, MINUTES_2019, prefer="nearest")
    assert found is not None
    assert found[0].date == date(2018, 10, 12)


@pytest.mark.parametrize(
    "text",
    [
        "ingen dato her",
        "fordeling 50/50 mellem kommunerne",
        "det blev besluttet at 9 kommuner deltager",  # Danish "at", not a time
        "At 55 % af plejefamilierne er godkendt",
        "Styregruppemøde i marts 2019",  # a month, not a day
        "risiko udover de 3 år",  # a duration, not a date
        "Rammeaftale 2021-2022",
        "pr medio december",
        "version 3.14.15 er installeret",
        "punkt 1/2/3 i bilaget",
        "",
    ],
)
def test_find_when_none(text: str) -> None:
    assert find_when(text, NOW) is None


def test_find_when_reports_a_wrong_date() -> None:
    with pytest.raises(DateParseError) as err:
        find_when("kan ikke komme 30/2 pga. sygdom", NOW)
    assert err.value.fragment == "30/2"
    assert err.value.text == "kan ikke komme 30/2 pga. sygdom"


# --- parse_when_list ----------------------------------------------------------------


def test_list_with_shared_time() -> None:
    whens = parse_when_list("15/3, 3/5, 9/8, 4/10 kl 9-12", NOW)
    assert [_iso(w) for w in whens] == [
        ("2027-03-15T09:00:00+01:00", "2027-03-15T12:00:00+01:00", True),
        ("2027-05-03T09:00:00+02:00", "2027-05-03T12:00:00+02:00", True),
        ("2027-08-09T09:00:00+02:00", "2027-08-09T12:00:00+02:00", True),
        ("2027-10-04T09:00:00+02:00", "2027-10-04T12:00:00+02:00", True),
    ]


def test_list_with_og() -> None:
    whens = parse_when_list("15/3 og 3/5 kl. 9-12", NOW)
    assert [_iso(w) for w in whens] == [
        ("2027-03-15T09:00:00+01:00", "2027-03-15T12:00:00+01:00", True),
        ("2027-05-03T09:00:00+02:00", "2027-05-03T12:00:00+02:00", True),
    ]


def test_list_stays_in_order_across_new_year() -> None:
    # Written on 1 June 2026: August and October this year, March and May next year.
    now = datetime(2026, 6, 1, 12, 0, tzinfo=CPH)
    whens = parse_when_list("9/8, 4/10, 15/3 og 3/5", now)
    assert [w.date for w in whens] == [
        date(2026, 8, 9),
        date(2026, 10, 4),
        date(2027, 3, 15),
        date(2027, 5, 3),
    ]
    assert not any(w.has_time for w in whens)


def test_list_keeps_own_times() -> None:
    whens = parse_when_list("15/3 kl 9, 3/5 kl 13-15", NOW)
    assert [_iso(w) for w in whens] == [
        ("2027-03-15T09:00:00+01:00", None, True),
        ("2027-05-03T13:00:00+02:00", "2027-05-03T15:00:00+02:00", True),
    ]


def test_list_single_item() -> None:
    assert [w.date for w in parse_when_list("3/5", NOW)] == [date(2027, 5, 3)]


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("15/3, 30/2, 4/10 kl 9-12", "30/2"),
        ("15/3, foo, 4/10", "foo"),
        ("15/3, 3/5 bar", "bar"),
        ("", ""),
    ],
)
def test_list_errors_name_the_bad_part(text: str, fragment: str) -> None:
    with pytest.raises(DateParseError) as err:
        parse_when_list(text, NOW)
    assert err.value.fragment == fragment


# --- errors -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fragment", "reason"),
    [
        ("1/2/3", "1/2/3", "ambiguous"),
        ("32/1", "32/1", "unreadable"),
        ("30/2", "30/2", "unreadable"),
        ("31/4-2025", "31/4-2025", "unreadable"),
        ("29/2-2027", "29/2-2027", "unreadable"),
        ("13/13", "13/13", "unreadable"),
        ("uge 54", "uge 54", "unreadable"),
        ("uge 0", "uge 0", "unreadable"),
        ("uge 53 2025", "uge 53 2025", "unreadable"),
        ("kl 25", "kl 25", "unreadable"),
        ("kl 9.75", "kl 9.75", "unreadable"),
        ("kl 15-12", "kl 15-12", "ambiguous"),
        ("13pm", "13pm", "unreadable"),
        ("3/5 blah", "blah", "unreadable"),
        ("blah 3/5", "blah", "unreadable"),
        ("mødet", "mødet", "unreadable"),
        ("we", "we", "unreadable"),  # never handed to dateparser as "Wednesday"
        ("marts 2024", "marts 2024", "ambiguous"),
        ("fredag den 16. marts 2024", "fredag den 16. marts 2024", "ambiguous"),
        ("næste fredag i uge 12", "næste fredag i uge 12", "ambiguous"),
        ("3/5-9", "3/5-9", "ambiguous"),
        ("3/5 1850", "3/5 1850", "unreadable"),
        ("om 999999 år", "om 999999 år", "unreadable"),
    ],
)
def test_errors(text: str, fragment: str, reason: str) -> None:
    with pytest.raises(DateParseError) as err:
        parse_when(text, NOW)
    assert err.value.fragment == fragment
    assert err.value.reason == reason
    assert err.value.text == text
    assert isinstance(err.value, ValueError)


def test_bare_numbers_are_not_times_or_dates() -> None:
    # dateparser alone reads "kl 14" as the 14th; "14" alone is nothing.
    for text in ("14", "3.5", "9-12"):
        with pytest.raises(DateParseError):
            parse_when(text, NOW)


def test_explicit_past_year_is_allowed_and_is_past_tells() -> None:
    old = parse_when("4/1-2019", NOW)
    assert old.date == date(2019, 1, 4)
    assert is_past(old, NOW)
    assert not is_past(parse_when("i dag", NOW), NOW)  # today counts as not past
    assert is_past(parse_when("i dag kl 9", NOW), NOW)
    assert not is_past(parse_when("kl 14", NOW), NOW)


def test_bad_prefer_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="prefer"):
        parse_when("3/5", NOW, prefer="later")  # type: ignore[arg-type]


# --- DST ----------------------------------------------------------------------------


def test_dst_offsets_follow_the_date() -> None:
    assert parse_when("3/7 kl 10", NOW).start.isoformat() == "2027-07-03T10:00:00+02:00"
    assert parse_when("3/12 kl 10", NOW).start.isoformat() == "2026-12-03T10:00:00+01:00"


def test_dst_across_the_autumn_change() -> None:
    # Tuesday 20 October 2026 is summer time; a week later is winter time, same wall clock.
    now = datetime(2026, 10, 20, 10, 0, tzinfo=CPH)
    when = parse_when("om en uge kl 10", now)
    assert when.start.isoformat() == "2026-10-27T10:00:00+01:00"
    assert parse_when("næste uge", now).start.isoformat() == "2026-10-26T00:00:00+01:00"
    # The change happens at 03:00 on Sunday 25 October; noon that day is already winter.
    assert parse_when("25/10-2026 kl 12", now).start.isoformat() == "2026-10-25T12:00:00+01:00"


def test_dst_gap_moves_to_the_real_instant() -> None:
    # 02:30 does not exist on 28 March 2027; the clock jumps from 02:00 to 03:00.
    when = parse_when("28/3-2027 kl 2.30", NOW)
    assert when.start.isoformat() == "2027-03-28T03:30:00+02:00"


def test_dst_range_over_the_change() -> None:
    when = parse_when("28/3-2027 kl 1-4", NOW)
    assert when.start.isoformat() == "2027-03-28T01:00:00+01:00"
    assert when.end is not None
    assert when.end.isoformat() == "2027-03-28T04:00:00+02:00"
    assert (when.end.timestamp() - when.start.timestamp()) == 2 * 3600


# --- warm-up ------------------------------------------------------------------------


def test_warm_up_runs() -> None:
    warm_up()
    assert parse_when("next month", NOW).date == date(2026, 12, 18)


# --- robustness ---------------------------------------------------------------------

_WORDS = [
    "3/5", "15/3", "4/1-2019", "1/2/3", "32/1", "30/2", "kl", "kl.", "9", "12", "25", "-", ",",
    ".", "/", ":", "og", "fredag", "næste", "på", "den", "d.", "marts", "15.", "uge", "54",
    "2024", "i", "morgen", "om", "to", "uger", "in", "two", "weeks", "at", "9am", "pm", "we",
    "KL", "14:00", "9.30", "the", "3rd", "of", "May", "next", "month", "siden", "ago", "år",
    "999999999", "0", "00", "24", "tirsdag", "fre", "week", "53", "12-15", "am", "1850",
]  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=60), st.lists(st.sampled_from(_WORDS), max_size=8).map(" ".join)))
def test_never_raises_anything_but_date_parse_error(text: str) -> None:
    for call in (
        lambda: parse_when(text, NOW),
        lambda: parse_when(text, NOW, prefer="past"),
        lambda: parse_when(text, NOW, prefer="nearest"),
        lambda: find_when(text, NOW),
        lambda: find_when(text, NOW, prefer="nearest"),
        lambda: parse_when_list(text, NOW),
    ):
        try:
            result = call()
        except DateParseError as err:
            assert err.reason in ("unreadable", "ambiguous", "past")
            assert err.text == text
            continue
        for when in result if isinstance(result, list) else [result]:
            if isinstance(when, tuple):
                when, begin, end = when
                assert 0 <= begin < end <= len(text)
            if isinstance(when, When):
                assert when.start.tzinfo is not None
                assert when.end is None or when.end > when.start
