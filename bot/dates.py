"""Read Danish and English dates and times for meetings, afbud, tasks and imported minutes.

Rules come first; dateparser (restricted to Danish and English) is only a fallback, and it
only ever sees a stretch of text made of date words and numbers, never a whole sentence.

Readings chosen here, which every caller relies on:

* Numeric dates are always day/month (``3/5`` is the 3rd of May); two-digit years are read
  as 20yy up to twenty years ahead of ``now``, otherwise 19yy.
* A date without a year is placed by ``prefer``: ``"future"`` takes the first one on or
  after today, ``"past"`` the last one on or before today, ``"nearest"`` the closest
  (ties go to the future).  An explicit year is always taken as written, even in the past;
  callers that must refuse past dates use :func:`is_past`.
* A bare weekday (``fredag``, ``på fredag``, ``friday``, ``on friday``) is the first such day
  strictly after today (strictly before with ``"past"``, the closer of the two with
  ``"nearest"``); ``kommende fredag``/``coming friday`` is always the first one after today.
* ``næste fredag``/``next friday`` is the Friday of the next ISO week (on Wednesday 18
  November 2026 that is 27 November, not 20 November), and so is ``fredag i næste uge``.
  ``sidste fredag``/``last friday`` is the last Friday strictly before today.
* ``næste uge``/``next week`` is the Monday of the next ISO week, as a date.
* ``uge 12`` is the Monday of ISO week 12 in the first year where that week has not yet
  ended; ``fredag i uge 12`` is that week's Friday.
* A time alone (``kl 14``) is the next occurrence of that time: today if it is still ahead,
  otherwise tomorrow.  A range (``kl 12-15``) gives an end on the same day; a range that
  ends before it starts is refused as ambiguous.
* A weekday written with a date (``fredag den 15. marts``) must agree with it; the date
  then settles which week is meant (``næste fredag den 20/11`` is 20 November).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Literal, NamedTuple
from zoneinfo import ZoneInfo

__all__ = [
    "DateParseError",
    "Prefer",
    "Reason",
    "When",
    "find_when",
    "is_past",
    "parse_when",
    "parse_when_list",
    "warm_up",
]

Prefer = Literal["future", "past", "nearest"]
Reason = Literal["unreadable", "ambiguous", "past"]

DEFAULT_TZ = "Europe/Copenhagen"
_MIN_YEAR = 1900
_MAX_YEAR = 2199
_DAY_MINUTES = 24 * 60


class DateParseError(ValueError):
    """The text holds no date we can read, or an ambiguous one."""

    text: str
    fragment: str
    reason: Reason

    def __init__(
        self, text: str, fragment: str | None = None, reason: Reason = "unreadable"
    ) -> None:
        """Describe which part of ``text`` could not be read, and why."""
        self.text = text
        self.fragment = text.strip() if fragment is None else fragment
        self.reason = reason
        super().__init__(f"{reason} date: {self.fragment!r}")


@dataclass(frozen=True)
class When:
    """A point in time read from text, optionally with an end and without a time of day."""

    start: datetime
    end: datetime | None = None
    has_time: bool = False

    @property
    def date(self) -> date:
        """Return the local calendar day of the start."""
        return self.start.date()


class _Bad(Exception):
    """Raised inside the matchers; turned into DateParseError with the caller's whole text."""

    def __init__(self, fragment: str, reason: Reason = "unreadable") -> None:
        super().__init__(fragment)
        self.fragment = fragment.strip()
        self.reason: Reason = reason


# ---------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------

#: Danish and English month names and abbreviations (shared with the question parser).
MONTHS: dict[str, int] = {
    "januar": 1, "january": 1, "jan": 1,
    "februar": 2, "february": 2, "feb": 2,
    "marts": 3, "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "maj": 5, "may": 5,
    "juni": 6, "june": 6, "jun": 6,
    "juli": 7, "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "october": 10, "okt": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
# Month names that may come before the day ("March 15"): English usage only.
_MONTHS_FIRST = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec",
)  # fmt: skip
_WEEKDAYS: dict[str, int] = {
    "mandag": 0, "monday": 0,
    "tirsdag": 1, "tuesday": 1,
    "onsdag": 2, "wednesday": 2,
    "torsdag": 3, "thursday": 3,
    "fredag": 4, "friday": 4,
    "lørdag": 5, "lordag": 5, "loerdag": 5, "saturday": 5,
    "søndag": 6, "sondag": 6, "soendag": 6, "sunday": 6,
}  # fmt: skip
# Short weekday names are only read right before a date ("fre 15/3"): alone they are words.
_WEEKDAY_ABBR: dict[str, int] = {
    "man": 0, "mon": 0,
    "tir": 1, "tirs": 1, "tue": 1, "tues": 1,
    "ons": 2, "wed": 2,
    "tor": 3, "tors": 3, "thu": 3, "thur": 3, "thurs": 3,
    "fre": 4, "fri": 4,
    "lør": 5, "lor": 5, "sat": 5,
    "søn": 6, "son": 6, "sun": 6,
}  # fmt: skip
_NUMBER_WORDS: dict[str, int] = {
    "en": 1, "et": 1, "a": 1, "an": 1, "one": 1,
    "to": 2, "two": 2, "tre": 3, "three": 3, "fire": 4, "four": 4, "fem": 5, "five": 5,
    "seks": 6, "six": 6, "syv": 7, "seven": 7, "otte": 8, "eight": 8, "ni": 9, "nine": 9,
    "ti": 10, "ten": 10, "elleve": 11, "eleven": 11, "tolv": 12, "twelve": 12,
    "tretten": 13, "thirteen": 13, "fjorten": 14, "fourteen": 14, "femten": 15,
    "fifteen": 15, "seksten": 16, "sixteen": 16, "sytten": 17, "seventeen": 17,
    "atten": 18, "eighteen": 18, "nitten": 19, "nineteen": 19, "tyve": 20, "twenty": 20,
}  # fmt: skip
_UNITS: dict[str, str] = {
    "dag": "day", "dage": "day", "døgn": "day", "day": "day", "days": "day",
    "uge": "week", "uger": "week", "week": "week", "weeks": "week",
    "måned": "month", "måneder": "month", "maaned": "month", "maaneder": "month",
    "month": "month", "months": "month",
    "år": "year", "aar": "year", "year": "year", "years": "year",
    "time": "hour", "timer": "hour", "hour": "hour", "hours": "hour",
    "minut": "minute", "minutter": "minute", "minute": "minute", "minutes": "minute",
    "min": "minute",
}  # fmt: skip
_RELATIVE_DAYS: dict[str, int] = {
    "idag": 0, "today": 0,
    "imorgen": 1, "tomorrow": 1,
    "iovermorgen": 2, "overmorgen": 2, "dayaftertomorrow": 2,
    "igår": -1, "yesterday": -1,
    "iforgårs": -2, "forgårs": -2, "daybeforeyesterday": -2,
}  # fmt: skip


def _alt(words: Iterable[str]) -> str:
    """Return a regex alternation of ``words``, longest first so prefixes cannot win."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


_FLAGS = re.IGNORECASE
_END = r"(?!\w)"
# A number may not continue another number ("2/3" inside "1/2/3", "00" inside "12.00").
_NUM_START = r"(?<![0-9])(?<![0-9][/.:\-])"
_LEAD_ON = r"(?:(?:på|on)\s+)?"
_LEAD_DEN = r"(?:(?:the|den)\s+|d\.\s*)?"
_MONTH_ABBR = (
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "okt",
    "oct",
    "nov",
    "dec",
)
# Only an abbreviation takes a dot ("feb."); after "januar." the dot ends the sentence.
_MONTH = (
    rf"(?P<mon>(?:{_alt(m for m in MONTHS if m not in _MONTH_ABBR)}){_END}"
    rf"|(?:{_alt(_MONTH_ABBR)}){_END}\.?)"
)
_YEAR_TAIL = r"(?:[ \t]*,?[ \t]*(?P<year>[0-9]{4})(?![0-9]|[.:][0-9]))?"
_NUMBER = rf"(?P<n>[0-9]+|(?:{_alt(_NUMBER_WORDS)}){_END})"
_UNIT = rf"(?P<unit>{_alt(_UNITS)}){_END}"

_ISO_RE = re.compile(
    _LEAD_ON
    + _LEAD_DEN
    + _NUM_START
    + r"(?P<body>(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2}))(?![0-9])",
    _FLAGS,
)
_DOT_RE = re.compile(
    _LEAD_ON
    + _LEAD_DEN
    + _NUM_START
    + r"(?P<body>(?P<d>[0-9]{1,2})\.(?P<m>[0-9]{1,2})\.(?P<y>[0-9]{4}|[0-9]{2}))(?![0-9])",
    _FLAGS,
)
_DASH_RE = re.compile(
    _LEAD_ON
    + _LEAD_DEN
    + _NUM_START
    + r"(?P<body>(?P<d>[0-9]{1,2})-(?P<m>[0-9]{1,2})-(?P<y>[0-9]{4}|[0-9]{2}))(?![0-9])",
    _FLAGS,
)
_SLASH_RE = re.compile(
    _LEAD_ON
    + _LEAD_DEN
    + _NUM_START
    + r"(?P<body>(?P<d>[0-9]+)/(?P<m>[0-9]+)"
    + r"(?:(?:/|-[ \t]?)(?P<y>[0-9]+)|[ \t]+(?P<y2>[0-9]{4})(?![0-9]|[.:][0-9]))?)(?![0-9])",
    _FLAGS,
)
_DAY_MONTH_RE = re.compile(
    _LEAD_ON
    + _LEAD_DEN
    + _NUM_START
    + rf"(?P<body>(?P<d>[0-9]{{1,2}})(?:\.|st|nd|rd|th)?\s*(?:of\s+)?{_MONTH}{_YEAR_TAIL})",
    _FLAGS,
)
_MONTH_DAY_RE = re.compile(
    r"(?:on\s+)?(?P<body>"
    + rf"(?P<mon>(?:{_alt(_MONTHS_FIRST)}){_END}\.?)\s+(?:the\s+)?"
    + r"(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?(?![0-9])(?!\w)(?![.:/][0-9])"
    + _YEAR_TAIL
    + ")",
    _FLAGS,
)
# "den 15." / "the 15th": only when nothing but punctuation or a time/reason word follows.
_DAY_OF_MONTH_RE = re.compile(
    _LEAD_ON
    + r"(?P<body>(?:den\s+|d\.\s*)(?P<d>[0-9]{1,2})\.|the\s+(?P<d2>[0-9]{1,2})(?:st|nd|rd|th))"
    + r"(?![0-9])(?=\s*(?:$|[^\w\s]|(?:kl|klokken|at|og|and|pga|fra|from|til|to)(?!\w)))",
    _FLAGS,
)
_WEEKDAY_PREFIX_RE = re.compile(
    r"(?:(?:på|on|næste|next|kommende|coming)\s+)?"
    + rf"(?P<wd>{_alt([*_WEEKDAYS, *_WEEKDAY_ABBR])}){_END}\.?[ \t]*,?\s*",
    _FLAGS,
)
_WEEKDAY_RE = re.compile(
    r"(?:(?P<mod>på|on|næste|next|kommende|coming|sidste|last|forrige)\s+)?"
    + rf"(?P<wd>{_alt(_WEEKDAYS)}){_END}"
    + r"(?:(?P<nextweek>\s+(?:i\s+næste\s+uge|(?:in\s+|of\s+)?next\s+week))(?!\w)"
    + r"|\s+(?:(?:i|in|of)\s+)?(?:uge|week)\s*(?P<wk>[0-9]+)(?![0-9])"
    + r"(?:[ \t]*,?[ \t]*(?P<wy>[0-9]{4})(?![0-9]|[.:][0-9]))?)?",
    _FLAGS,
)
_RELATIVE_DAY_RE = re.compile(
    r"(?P<w>i\s*dag|i\s*morgen|i\s*overmorgen|overmorgen|i\s*går|i\s*forgårs|forgårs"
    + r"|today|tomorrow|yesterday|(?:the\s+)?day\s+after\s+tomorrow"
    + r"|(?:the\s+)?day\s+before\s+yesterday)(?!\w)",
    _FLAGS,
)
_OFFSET_RE = re.compile(rf"(?:om|in)\s+{_NUMBER}\s+{_UNIT}", _FLAGS)
_AGO_RE = re.compile(rf"(?:for\s+)?{_NUMBER}\s+{_UNIT}\s+(?:siden|ago){_END}", _FLAGS)
_WEEK_RELATIVE_RE = re.compile(
    r"(?:i\s+)?(?P<da>næste|sidste|forrige|denne)\s+uge(?!\w)"
    + r"|(?:in\s+)?(?P<en>next|last|this)\s+week(?!\w)",
    _FLAGS,
)
_WEEK_RE = re.compile(
    r"(?:(?:i|in)\s+)?(?P<body>(?:uge|week)\s*(?P<wk>[0-9]+)(?![0-9])"
    + r"(?:[ \t]*,?[ \t]*(?P<y>[0-9]{4})(?![0-9]|[.:][0-9]))?)",
    _FLAGS,
)


def _clock(n: int) -> str:
    return (
        rf"(?P<h{n}>[0-9]{{1,2}})(?:(?P<s{n}>[.:])(?P<m{n}>[0-9]{{2}}))?"
        rf"(?:\s*(?P<a{n}>[ap])\.?m(?!\w)\.?)?"
    )


_TIME_RE = re.compile(
    r"(?P<lead>(?:fra\s+)?(?:kl\.?|klokken)\s*|(?:at|from)\s+)?"
    + _clock(1)
    + r"(?:\s*(?:-|–|—|til|to|until)\s*(?:kl\.?\s*)?"
    + _clock(2)
    + r")?(?![0-9/])(?![.:][0-9])(?!\w)"
    # "KL 9. marts" is Kommunernes Landsforening followed by a date, not nine o'clock.
    + rf"(?!\.?\s*(?:{_alt(MONTHS)}){_END})",
    _FLAGS,
)
_SEP_RE = re.compile(r"\s*,?\s*")
_LIST_SEP_RE = re.compile(
    r"\s*(?:[,;&+]\s*(?:(?:og|and)(?!\w)\s*)?|(?:og|and)(?!\w)\s*)",
    _FLAGS,
)
_JUNK_RE = re.compile(r"[/.\-][0-9][0-9/.\-]*")
_WORD_START_RE = re.compile(r"(?<!\w)(?=\w)")
_EDGE = " \t\r\n\f\v\xa0\u2009\u202f,;:!?()[]{}\"'«»“”‘’*•–—-"
_TAIL_OK = set(_EDGE) | {"."}


# ---------------------------------------------------------------------------
# Context and calendar helpers
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Ctx:
    now: datetime  # aware, in zone
    zone: ZoneInfo
    prefer: Prefer
    lenient: bool = False  # find_when: skip number pairs that cannot be dates ("50/50")
    floor: date | None = None  # parse_when_list: dates without a year come after this day

    @property
    def today(self) -> date:
        return self.now.date()

    @property
    def ref(self) -> date:
        if self.floor is not None and self.prefer == "future" and self.floor > self.today:
            return self.floor
        return self.today


def _zone(tz: str | tzinfo) -> ZoneInfo:
    if isinstance(tz, ZoneInfo):
        return tz
    if isinstance(tz, str):
        return ZoneInfo(tz)
    key = getattr(tz, "key", None) or getattr(tz, "zone", None)
    if isinstance(key, str):
        return ZoneInfo(key)
    raise TypeError(f"tz must be a ZoneInfo or an IANA name, not {tz!r}")


_PREFERS: tuple[Prefer, ...] = ("future", "past", "nearest")


def _context(now: datetime, tz: str | tzinfo, prefer: str, *, lenient: bool) -> _Ctx:
    chosen = next((p for p in _PREFERS if p == prefer), None)
    if chosen is None:
        raise ValueError(f"prefer must be 'future', 'past' or 'nearest', not {prefer!r}")
    zone = _zone(tz)
    local = now.replace(tzinfo=zone) if now.tzinfo is None else now.astimezone(zone)
    return _Ctx(now=local, zone=zone, prefer=chosen, lenient=lenient)


def _local(day: date, minutes: int, zone: ZoneInfo) -> datetime:
    """Return wall-clock ``minutes`` after midnight on ``day`` in ``zone``, DST-correct."""
    if minutes >= _DAY_MINUTES:
        day, minutes = day + timedelta(days=1), minutes - _DAY_MINUTES
    wall = datetime(day.year, day.month, day.day, minutes // 60, minutes % 60, tzinfo=zone)
    # A wall time inside the spring-forward gap does not exist; the round trip moves it
    # to the real instant (02:30 becomes 03:30 summer time).
    return wall.astimezone(UTC).astimezone(zone)


def _int(digits: str, fragment: str) -> int:
    if len(digits) > 6:
        raise _Bad(fragment)
    return int(digits)


def _number(word: str, fragment: str) -> int:
    if word.isdigit():
        return _int(word, fragment)
    value = _NUMBER_WORDS.get(word.casefold())
    if value is None:
        raise _Bad(fragment)
    return value


def _lookup(table: dict[str, int], word: str, fragment: str) -> int:
    value = table.get(word.casefold())
    if value is None:
        raise _Bad(fragment)
    return value


def _check_year(year: int, fragment: str) -> int:
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        raise _Bad(fragment)
    return year


def _full_year(digits: str, ctx: _Ctx, fragment: str) -> int:
    if len(digits) == 4:
        return _check_year(int(digits), fragment)
    if len(digits) == 2:
        yy = int(digits)
        century = 2000 if yy <= (ctx.today.year % 100) + 20 else 1900
        return century + yy
    raise _Bad(fragment, "ambiguous")


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _choose(candidates: Iterable[date], ctx: _Ctx) -> date | None:
    ordered = sorted(candidates)
    if not ordered:
        return None
    if ctx.prefer == "future":
        return next((c for c in ordered if c >= ctx.ref), None)
    if ctx.prefer == "past":
        return next((c for c in reversed(ordered) if c <= ctx.today), None)
    ref = ctx.ref
    return min(ordered, key=lambda c: (abs((c - ref).days), c < ref))


def _resolve_day_month(day: int, month: int, ctx: _Ctx, fragment: str) -> date:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        raise _Bad(fragment)
    base = ctx.ref.year
    found = _choose(
        (d for y in range(base - 8, base + 9) if (d := _valid(y, month, day)) is not None), ctx
    )
    if found is None:
        raise _Bad(fragment)
    return found


def _explicit_date(year: int, month: int, day: int, fragment: str) -> date:
    _check_year(year, fragment)
    found = _valid(year, month, day)
    if found is None:
        raise _Bad(fragment)
    return found


def _shift_days(day: date, days: int, fragment: str) -> date:
    try:
        shifted = day + timedelta(days=days)
    except OverflowError:
        raise _Bad(fragment) from None
    _check_year(shifted.year, fragment)
    return shifted


def _add_months(day: date, months: int, fragment: str) -> date:
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    _check_year(year, fragment)
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last))


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _weekday_after(today: date, weekday: int) -> date:
    return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def _weekday_before(today: date, weekday: int) -> date:
    return today - timedelta(days=(today.weekday() - weekday - 1) % 7 + 1)


# ---------------------------------------------------------------------------
# Date matchers
# ---------------------------------------------------------------------------


class _DateHit(NamedTuple):
    end: int
    day: date | None = None  # a calendar day
    instant: datetime | None = None  # an exact moment ("om 2 timer")


def _explicit(text: str, pos: int, ctx: _Ctx) -> tuple[date, int] | None:
    """Match a written date (numeric or with a month name) at ``pos``."""
    for regex in (_ISO_RE, _DOT_RE, _DASH_RE, _SLASH_RE):
        m = regex.match(text, pos)
        if m is not None:
            return _numeric(text, m, ctx)
    m = _DAY_MONTH_RE.match(text, pos) or _MONTH_DAY_RE.match(text, pos)
    if m is not None:
        fragment = m["body"]
        month = _lookup(MONTHS, m["mon"].rstrip("."), fragment)
        day = _int(m["d"], fragment)
        if m["year"]:
            return _explicit_date(int(m["year"]), month, day, fragment), m.end()
        return _resolve_day_month(day, month, ctx, fragment), m.end()
    m = _DAY_OF_MONTH_RE.match(text, pos)
    if m is not None:
        fragment = m["body"]
        day = _int(m["d"] or m["d2"], fragment)
        if not 1 <= day <= 31:
            raise _Bad(fragment)
        start = ctx.ref.replace(day=1)
        months = (_add_months(start, k, fragment) for k in range(-13, 14))
        found = _choose((d for s in months if (d := _valid(s.year, s.month, day))), ctx)
        if found is None:
            raise _Bad(fragment)  # pragma: no cover - some month always has the day
        return found, m.end()
    return None


def _with_junk(text: str, m: re.Match[str]) -> str:
    """Return the matched number, refusing it when more digits hang on ("1/2/3")."""
    junk = _JUNK_RE.match(text, m.end())
    if junk is not None:
        raise _Bad(text[m.start("body") : junk.end()], "ambiguous")
    return m["body"]


def _numeric(text: str, m: re.Match[str], ctx: _Ctx) -> tuple[date, int] | None:
    """Read a numeric date; in running text, pass over numbers that cannot be one."""
    day_s, month_s = m["d"], m["m"]
    year_s = m["y"] or m.groupdict().get("y2")
    if ctx.lenient and not (
        len(day_s) <= 2
        and len(month_s) <= 2
        and 1 <= int(day_s) <= 31
        and 1 <= int(month_s) <= 12
        and (not year_s or len(year_s) in (2, 4))
        and _JUNK_RE.match(text, m.end()) is None
    ):
        return None  # "50/50", "1/2/3", "3.14.15": numbers, not a date
    fragment = _with_junk(text, m)
    day, month = _int(day_s, fragment), _int(month_s, fragment)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        raise _Bad(fragment)
    if year_s:
        return _explicit_date(_full_year(year_s, ctx, fragment), month, day, fragment), m.end()
    return _resolve_day_month(day, month, ctx, fragment), m.end()


def _weekday_with_date(text: str, pos: int, ctx: _Ctx) -> _DateHit | None:
    m = _WEEKDAY_PREFIX_RE.match(text, pos)
    if m is None:
        return None
    got = _explicit(text, m.end(), ctx)
    if got is None:
        return None
    day, end = got
    weekday = _WEEKDAYS.get(m["wd"].casefold(), _WEEKDAY_ABBR.get(m["wd"].casefold()))
    if weekday != day.weekday():
        raise _Bad(text[m.start("wd") : end], "ambiguous")
    return _DateHit(end, day)


def _iso_week_day(year: int, week: int, weekday: int) -> date | None:
    try:
        return date.fromisocalendar(year, week, weekday + 1)
    except ValueError:
        return None


def _resolve_week(
    week: int, year_s: str | None, weekday: int | None, ctx: _Ctx, fragment: str
) -> date:
    if year_s:
        found = _iso_week_day(_check_year(int(year_s), fragment), week, weekday or 0)
        if found is None:
            raise _Bad(fragment)
        return found
    base = ctx.ref.year
    mondays = [d for y in range(base - 8, base + 9) if (d := _iso_week_day(y, week, 0)) is not None]
    if not mondays:
        raise _Bad(fragment)
    if weekday is not None:
        found = _choose((m + timedelta(days=weekday) for m in mondays), ctx)
    else:
        found = _choose_week(mondays, ctx)
    if found is None:
        raise _Bad(fragment)  # pragma: no cover - the search window always has a candidate
    return found


def _choose_week(mondays: list[date], ctx: _Ctx) -> date | None:
    """Pick a week by its Monday; a week counts as ahead until its Sunday has passed."""
    if ctx.prefer == "future":
        return next((m for m in mondays if m + timedelta(days=6) >= ctx.ref), None)
    if ctx.prefer == "past":
        return next((m for m in reversed(mondays) if m <= ctx.today), None)
    ref = ctx.ref

    def distance(monday: date) -> int:
        if monday <= ref <= monday + timedelta(days=6):
            return 0
        return min(abs((monday - ref).days), abs((monday + timedelta(days=6) - ref).days))

    return min(mondays, key=lambda m: (distance(m), m < ref))


def _weekday(text: str, pos: int, ctx: _Ctx) -> _DateHit | None:
    m = _WEEKDAY_RE.match(text, pos)
    if m is None:
        return None
    fragment = m[0]
    weekday = _lookup(_WEEKDAYS, m["wd"], fragment)
    mod = (m["mod"] or "").casefold()
    today = ctx.today
    if m["wk"] is not None or m["nextweek"] is not None:
        if mod and mod not in ("på", "on"):
            raise _Bad(fragment, "ambiguous")
        if m["nextweek"] is not None:
            return _DateHit(m.end(), _monday(today) + timedelta(days=7 + weekday))
        week = _int(m["wk"], fragment)
        return _DateHit(m.end(), _resolve_week(week, m["wy"], weekday, ctx, fragment))
    if mod in ("næste", "next"):
        day = _monday(today) + timedelta(days=7 + weekday)
    elif mod in ("sidste", "last", "forrige"):
        day = _weekday_before(today, weekday)
    elif mod in ("kommende", "coming") or ctx.prefer == "future":
        day = _weekday_after(today, weekday)
    elif ctx.prefer == "past":
        day = _weekday_before(today, weekday)
    else:
        ahead, back = _weekday_after(today, weekday), _weekday_before(today, weekday)
        day = ahead if (ahead - today) <= (today - back) else back
    return _DateHit(m.end(), day)


def _relative(text: str, pos: int, ctx: _Ctx) -> _DateHit | None:
    m = _RELATIVE_DAY_RE.match(text, pos)
    if m is not None:
        key = re.sub(r"\s+|^the", "", m["w"].casefold())
        return _DateHit(m.end(), ctx.today + timedelta(days=_lookup(_RELATIVE_DAYS, key, m[0])))
    m = _OFFSET_RE.match(text, pos)
    sign = 1
    if m is None:
        m = _AGO_RE.match(text, pos)
        sign = -1
    if m is not None:
        return _offset(m, sign, ctx)
    m = _WEEK_RELATIVE_RE.match(text, pos)
    if m is not None:
        word = (m["da"] or m["en"]).casefold()
        weeks = {"næste": 1, "next": 1, "sidste": -1, "forrige": -1, "last": -1}.get(word, 0)
        return _DateHit(m.end(), _monday(ctx.today) + timedelta(days=7 * weeks))
    m = _WEEK_RE.match(text, pos)
    if m is not None:
        fragment = m["body"]
        week = _int(m["wk"], fragment)
        return _DateHit(m.end(), _resolve_week(week, m["y"], None, ctx, fragment))
    return None


def _offset(m: re.Match[str], sign: int, ctx: _Ctx) -> _DateHit:
    fragment = m[0]
    count = sign * _number(m["n"], fragment)
    unit = _UNITS.get(m["unit"].casefold())
    if unit == "day":
        return _DateHit(m.end(), _shift_days(ctx.today, count, fragment))
    if unit == "week":
        return _DateHit(m.end(), _shift_days(ctx.today, 7 * count, fragment))
    if unit == "month":
        return _DateHit(m.end(), _add_months(ctx.today, count, fragment))
    if unit == "year":
        return _DateHit(m.end(), _add_months(ctx.today, 12 * count, fragment))
    if unit in ("hour", "minute"):
        minutes = count * (60 if unit == "hour" else 1)
        base = ctx.now.replace(second=0, microsecond=0).astimezone(UTC)
        try:
            moment = (base + timedelta(minutes=minutes)).astimezone(ctx.zone)
        except OverflowError:
            raise _Bad(fragment) from None
        _check_year(moment.year, fragment)
        return _DateHit(m.end(), instant=moment)
    raise _Bad(fragment)


def _match_date(text: str, pos: int, ctx: _Ctx) -> _DateHit | None:
    """Match one date at ``pos``: weekday with date, weekday, relative, week or written."""
    hit = (
        _weekday_with_date(text, pos, ctx) or _weekday(text, pos, ctx) or _relative(text, pos, ctx)
    )
    if hit is not None:
        return hit
    got = _explicit(text, pos, ctx)
    return None if got is None else _DateHit(got[1], got[0])


# ---------------------------------------------------------------------------
# Time matchers
# ---------------------------------------------------------------------------


class _Time(NamedTuple):
    start: int  # minutes after midnight
    end: int | None  # minutes after midnight, up to 24:00
    stop: int  # text position after the time
    has_lead: bool  # written with "kl", "klokken", "at" or "from"
    plain_lead: bool  # "at 9" / "from 9" without minutes: weak evidence in running text


def _minutes(hour_s: str, minute_s: str | None, meridiem: str | None, fragment: str) -> int:
    hour, minute = _int(hour_s, fragment), int(minute_s) if minute_s else 0
    if meridiem:
        if not 1 <= hour <= 12:
            raise _Bad(fragment)
        hour = hour % 12 + (12 if meridiem.casefold() == "p" else 0)
    if hour > 24 or minute > 59 or (hour == 24 and minute):
        raise _Bad(fragment)
    return hour * 60 + minute


def _match_time(text: str, pos: int, ctx: _Ctx, *, after_date: bool) -> _Time | None:
    m = _TIME_RE.match(text, pos)
    if m is None:
        return None
    lead = (m["lead"] or "").strip().casefold()
    has_range = m["h2"] is not None
    self_evident = bool(m["a1"] or m["a2"] or m["s1"] == ":")
    if not lead and not self_evident and not (after_date and (m["s1"] == "." or has_range)):
        return None
    fragment = m[0]
    try:
        start = _minutes(m["h1"], m["m1"], m["a1"] or m["a2"], fragment)
        if start >= _DAY_MINUTES:
            raise _Bad(fragment)
        end = None
        if has_range:
            end = _minutes(m["h2"], m["m2"], m["a2"] or m["a1"], fragment)
            if m["a2"] and not m["a1"] and start > end:
                start = _minutes(m["h1"], m["m1"], "a", fragment)  # "11-2pm"
            elif m["a1"] and not m["a2"] and end <= start and m["a1"].casefold() == "a":
                end = _minutes(m["h2"], m["m2"], "p", fragment)  # "9am-1"
            if end <= start:
                raise _Bad(fragment, "ambiguous")
    except _Bad:
        if ctx.lenient and lead in ("", "at", "from"):
            return None  # "At 55 %", "score 25:10": numbers in running text, not times
        raise
    plain = lead in ("at", "from") and not (m["s1"] or m["a1"] or m["a2"] or has_range)
    return _Time(start, end, m.end(), bool(lead), plain)


# ---------------------------------------------------------------------------
# Whole expressions
# ---------------------------------------------------------------------------


class _Expr(NamedTuple):
    when: When
    end: int
    day: date | None  # the day, when the expression named one
    time: _Time | None  # the time of day, when one was written


def _at(day: date, t: _Time, ctx: _Ctx) -> When:
    start = _local(day, t.start, ctx.zone)
    end = None if t.end is None else _local(day, t.end, ctx.zone)
    if end is not None and t.end is not None:
        written = timedelta(minutes=t.end - t.start)
        if end <= start:
            # Both ends in the spring-forward gap ("kl 2:30-3:30"): keep the written length.
            end = (start.astimezone(UTC) + written).astimezone(ctx.zone)
        elif end.astimezone(UTC) - start.astimezone(UTC) > written:
            # The autumn hour that happens twice ("kl 2-3"): the second time, not two hours.
            start = (end.astimezone(UTC) - written).astimezone(ctx.zone)
    return When(start, end, True)


def _time_only(t: _Time, ctx: _Ctx) -> When:
    options = [_at(ctx.today + timedelta(days=k), t, ctx) for k in (-1, 0, 1)]
    if ctx.prefer == "future":
        return next(w for w in options if w.start >= ctx.now)
    if ctx.prefer == "past":
        return next(w for w in reversed(options) if w.start <= ctx.now)
    return min(options, key=lambda w: (abs(w.start - ctx.now), w.start < ctx.now))


def _match_expr(text: str, pos: int, ctx: _Ctx) -> _Expr | None:
    """Match a date with an optional time, or a time with an optional date, at ``pos``."""
    hit = _match_date(text, pos, ctx)
    if hit is not None:
        if hit.instant is not None:
            return _Expr(When(hit.instant, None, True), hit.end, None, None)
        assert hit.day is not None
        sep = _SEP_RE.match(text, hit.end)
        assert sep is not None
        t = _match_time(text, sep.end(), ctx, after_date=True)
        if t is not None and ("\n" not in sep[0] or t.has_lead):
            return _Expr(_at(hit.day, t, ctx), t.stop, hit.day, t)
        return _Expr(When(_local(hit.day, 0, ctx.zone)), hit.end, hit.day, None)
    t = _match_time(text, pos, ctx, after_date=False)
    if t is None:
        return None
    sep = _SEP_RE.match(text, t.stop)
    assert sep is not None
    after = _match_date(text, sep.end(), ctx)
    if after is not None and after.day is not None:
        return _Expr(_at(after.day, t, ctx), after.end, after.day, t)
    if ctx.lenient and t.plain_lead:
        return None  # "at 9 kommuner": Danish "at", not a time
    return _Expr(_time_only(t, ctx), t.stop, None, t)


def _rest_is_empty(text: str, pos: int) -> bool:
    return all(ch in _TAIL_OK for ch in text[pos:])


def _starts(text: str) -> Iterator[int]:
    for m in _WORD_START_RE.finditer(text):
        yield m.start()


def _scan(text: str, ctx: _Ctx) -> tuple[_Expr, int] | None:
    for pos in _starts(text):
        got = _match_expr(text, pos, ctx)
        if got is not None:
            return got, pos
    return None


# ---------------------------------------------------------------------------
# dateparser fallback
# ---------------------------------------------------------------------------

_FILLERS = frozenset(
    ["the", "of", "den", "d", "on", "på", "at", "kl", "klokken", "am", "pm", "st", "nd", "rd",
     "th", "om", "in", "for", "siden", "ago", "næste", "next", "sidste", "last", "kommende",
     "coming", "this", "denne", "after", "before", "from", "efter", "før"]
)  # fmt: skip
_TIME_WORDS = frozenset(
    ["am", "pm", "noon", "midnight", "midday", "middag", "kl", "klokken", "at", "now", "nu"]
)
_ANCHORS = frozenset(
    [*MONTHS, *_WEEKDAYS, *_UNITS, "today", "tomorrow", "yesterday", "overmorgen", "morgen",
     "noon", "midnight", "midday", "middag", "now", "nu"]
)  # fmt: skip
_VOCABULARY = _FILLERS | _ANCHORS | frozenset(_NUMBER_WORDS) | frozenset(_WEEKDAY_ABBR)
_TOKEN_RE = re.compile(r"[^\W_]+")
_ORDINAL_RE = re.compile(r"[0-9]{1,2}(?:st|nd|rd|th)?", re.IGNORECASE)


def _dateparser_gate(fragment: str, *, search: bool) -> bool:
    """Say whether ``fragment`` is made only of date words, and is worth handing over.

    Raises ambiguous for a month without a day ("marts 2024"): a meeting needs a day.
    """
    tokens = [t.casefold() for t in _TOKEN_RE.findall(fragment)]
    if not tokens:
        return False
    for token in tokens:
        if token.isdigit():
            if len(token) > 4:
                return False
        elif not (_ORDINAL_RE.fullmatch(token) or token in _VOCABULARY):
            return False
    if not any(t in _ANCHORS for t in tokens):
        return False
    content = [t for t in tokens if t not in _FILLERS]
    if any(t in MONTHS for t in content) and all(
        t in MONTHS or (t.isdigit() and len(t) == 4) for t in content
    ):
        raise _Bad(fragment, "ambiguous")
    if not search:
        return True
    # In running text only a month or weekday with a day number is evidence enough:
    # "3 år" or "de 18 år" are durations, not dates.
    named = any(t in MONTHS or t in _WEEKDAYS for t in tokens)
    return named and any(_ORDINAL_RE.fullmatch(t) for t in tokens)


def _dateparser(fragment: str, ctx: _Ctx) -> When | None:
    import dateparser

    settings = {
        "PREFER_DATES_FROM": {"nearest": "current_period"}.get(ctx.prefer, ctx.prefer),
        "RETURN_AS_TIMEZONE_AWARE": True,
        "TIMEZONE": ctx.zone.key,
        "RELATIVE_BASE": ctx.now.replace(tzinfo=None),
    }
    try:
        found = dateparser.parse(fragment, languages=["da", "en"], settings=settings)
    except Exception:  # dateparser raises assorted errors on odd input; treat as unread
        return None
    if not isinstance(found, datetime):
        return None
    found = found.replace(tzinfo=ctx.zone) if found.tzinfo is None else found.astimezone(ctx.zone)
    if not _MIN_YEAR <= found.year <= _MAX_YEAR:
        return None
    tokens = {t.casefold() for t in _TOKEN_RE.findall(fragment)}
    if tokens & _TIME_WORDS or ":" in fragment:
        return When(_local(found.date(), found.hour * 60 + found.minute, ctx.zone), None, True)
    return When(_local(found.date(), 0, ctx.zone))


def _fallback_search(text: str, ctx: _Ctx) -> tuple[When, int, int] | None:
    """Hand runs of date words in ``text`` to dateparser, one run at a time."""
    runs: list[tuple[int, int]] = []
    run: tuple[int, int] | None = None
    for m in _TOKEN_RE.finditer(text):
        token = m[0].casefold()
        known = (token.isdigit() and len(token) <= 4) or token in _VOCABULARY
        known = known or bool(_ORDINAL_RE.fullmatch(token))
        joined = run is not None and re.fullmatch(r"[\s,.]*", text[run[1] : m.start()])
        if known and run is not None and joined:
            run = (run[0], m.end())
        elif known:
            if run is not None:
                runs.append(run)
            run = (m.start(), m.end())
        elif run is not None:
            runs.append(run)
            run = None
    if run is not None:
        runs.append(run)
    for start, end in runs:
        fragment = text[start:end]
        try:
            worth = _dateparser_gate(fragment, search=True)
        except _Bad:
            continue
        if worth and (when := _dateparser(fragment, ctx)) is not None:
            return when, start, end
    return None


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------


def parse_when(
    text: str,
    now: datetime,
    tz: str | ZoneInfo = DEFAULT_TZ,
    *,
    prefer: Prefer = "future",
) -> When:
    """Read ``text`` as one date expression (surrounding punctuation allowed) and return it.

    ``now`` is the reference moment (a naive ``now`` is taken as wall time in ``tz``).
    Raises DateParseError naming the part that could not be read.
    """
    ctx = _context(now, tz, prefer, lenient=False)
    stripped = text.lstrip(_EDGE).rstrip()
    try:
        if not stripped:
            raise _Bad(text)
        got = _match_expr(stripped, 0, ctx)
        if got is not None and _rest_is_empty(stripped, got.end):
            return got.when
        if _dateparser_gate(stripped, search=False):
            when = _dateparser(stripped, ctx)
            if when is not None:
                return when
        if got is not None:
            raise _Bad(stripped[got.end :].strip(_EDGE + ".") or stripped)
        later = _scan(stripped, replace(ctx, lenient=True))
        if later is not None and later[1] > 0:
            raise _Bad(stripped[: later[1]].strip(_EDGE))
        raise _Bad(stripped.rstrip(_EDGE + "."))
    except _Bad as bad:
        raise DateParseError(text, bad.fragment or text.strip(), bad.reason) from None


def find_when(
    text: str,
    now: datetime,
    tz: str | ZoneInfo = DEFAULT_TZ,
    *,
    prefer: Prefer = "future",
) -> tuple[When, int, int] | None:
    """Find the first date expression in ``text``; return it with its (start, end) span.

    Number pairs that cannot be dates ("50/50") are passed over; a date-shaped expression
    that is wrong ("30/2", "kl 25", "fredag den 16. marts 2024") raises DateParseError.
    """
    ctx = _context(now, tz, prefer, lenient=True)
    try:
        found = _scan(text, ctx)
        if found is not None:
            expr, start = found
            return expr.when, start, expr.end
        return _fallback_search(text, ctx)
    except _Bad as bad:
        raise DateParseError(text, bad.fragment or text.strip(), bad.reason) from None


def parse_when_list(
    text: str,
    now: datetime,
    tz: str | ZoneInfo = DEFAULT_TZ,
) -> list[When]:
    """Read a list of dates ("15/3, 3/5, 9/8 og 4/10 kl 9-12") in the future, in order.

    A time written only after the last date applies to every date without its own time.
    A date without a year comes on or after the date before it, so a year's calendar
    written in autumn for next spring stays in order.
    """
    ctx = _context(now, tz, "future", lenient=False)
    items: list[_Expr] = []
    pos = len(text) - len(text.lstrip(_EDGE))
    try:
        while True:
            item_ctx = (
                ctx if not items or items[-1].day is None else replace(ctx, floor=items[-1].day)
            )
            got = _match_expr(text, pos, item_ctx)
            if got is None:
                sep = _LIST_SEP_RE.search(text, pos)
                stop = len(text) if sep is None else sep.start()
                raise _Bad(text[pos:stop].strip(_EDGE + ".") or text)
            items.append(got)
            sep = _LIST_SEP_RE.match(text, got.end)
            if sep is not None and sep.end() > got.end and not _rest_is_empty(text, sep.end()):
                pos = sep.end()
                continue
            if not _rest_is_empty(text, got.end):
                raise _Bad(text[got.end :].strip(_EDGE + "."))
            break
    except _Bad as bad:
        raise DateParseError(text, bad.fragment or text.strip(), bad.reason) from None
    last = items[-1]
    if len(items) > 1 and last.day is None and last.time is not None:
        items.pop()  # "15/3, 3/5, kl 9-12": a shared time written as its own item
    shared = last.time
    result: list[When] = []
    for item in items:
        if shared is not None and item.time is None and item.day is not None:
            result.append(_at(item.day, shared, ctx))
        else:
            result.append(item.when)
    return result


def is_past(when: When, now: datetime) -> bool:
    """Say whether ``when`` lies before ``now`` (a date-only value counts from its whole day)."""
    if not when.has_time:
        zone = when.start.tzinfo
        local_now = now.astimezone(zone) if now.tzinfo is not None else now
        return when.date < local_now.date()
    if now.tzinfo is None:
        now = now.replace(tzinfo=when.start.tzinfo)
    return when.start < now


def warm_up() -> None:
    """Load dateparser's Danish and English data so the first real parse is fast."""
    base = datetime(2024, 1, 1, 12, 0, tzinfo=ZoneInfo(DEFAULT_TZ))
    ctx = _Ctx(now=base, zone=ZoneInfo(DEFAULT_TZ), prefer="future")
    _dateparser("15 March 2024", ctx)
    _dateparser("næste måned", ctx)
    parse_when("fredag den 15. marts 2024 kl. 12-15", base)
