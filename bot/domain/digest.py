"""Pure rules of the weekly digest and of overdue follow-ups: which week, when due, what fits.

Nothing here reads the clock, the database or Slack: ``now`` and the rows (as plain
values) are passed in. The use cases in ``bot.digest`` and ``bot.tasks`` gather the
values, these functions decide when a digest or a nudge is due, order the action items
and cut the text to Slack's limits.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

#: Slack refuses a message with more than 50 blocks.
MESSAGE_BLOCKS = 50
#: Slack refuses a section whose text is longer than 3 000 characters.
SECTION_CHARS = 3000
#: How far ahead the digest looks for meetings: four weeks, the planning horizon of a
#: group meeting every four to eight weeks (the next meeting is always in view).
HORIZON = timedelta(weeks=4)
#: The local hour overdue nudges go out: when people read their work mail.
NUDGE_HOUR = 9
#: Default digest slot: Monday morning, before the week's work is planned.
DEFAULT_WEEKDAY = 0
DEFAULT_TIME = time(8, 0)

GROUP = "group"
PERSONAL = "personal"


# ---------------------------------------------------------------------------------------
# Weeks and slots
# ---------------------------------------------------------------------------------------


def iso_week(day: date) -> str:
    """Return the ISO week of a day as "2026-W47" (the key digests and nudges are kept by)."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


@dataclass(frozen=True)
class DigestSlot:
    """This week's digest of a group: its ISO week and the local time it is due."""

    week: str
    due_at: datetime


def week_slot(now: datetime, tz: str, weekday: int, at: time) -> DigestSlot:
    """Return the slot of the digest in the (local, ISO) week that holds ``now``."""
    zone = ZoneInfo(tz)
    today = now.astimezone(zone).date()
    monday = today - timedelta(days=today.weekday())
    day = monday + timedelta(days=weekday % 7)
    return DigestSlot(week=iso_week(day), due_at=datetime.combine(day, at, tzinfo=zone))


def due_slot(now: datetime, tz: str, weekday: int, at: time) -> DigestSlot | None:
    """Return this week's slot if the digest is due now, else None.

    Why: a digest is news about the week ahead. One missed while the bot was down is
    still worth posting later the same day; on a later day it would arrive stale next to
    the following week's, so it is skipped.
    """
    slot = week_slot(now, tz, weekday, at)
    local = now.astimezone(ZoneInfo(tz))
    if local.date() != slot.due_at.date() or local < slot.due_at:
        return None
    return slot


def next_slot(now: datetime, tz: str, weekday: int, at: time) -> datetime:
    """Return the next time a digest is due at or after ``now`` (for the settings reply)."""
    slot = week_slot(now, tz, weekday, at)
    if slot.due_at >= now:
        return slot.due_at
    local = slot.due_at + timedelta(days=7)
    return datetime.combine(local.date(), at, tzinfo=ZoneInfo(tz))


# ---------------------------------------------------------------------------------------
# Overdue follow-ups
# ---------------------------------------------------------------------------------------


def is_overdue(due: date | None, today: date) -> bool:
    """Tell whether a follow-up's due date has passed (the due day itself is still on time)."""
    return due is not None and due < today


def first_nudge_at(due: date, tz: str) -> datetime:
    """Return when the owner of an overdue follow-up hears about it first: the next morning."""
    day = due + timedelta(days=1)
    return datetime.combine(day, time(NUDGE_HOUR), tzinfo=ZoneInfo(tz))


def next_nudge_at(now: datetime, tz: str) -> datetime:
    """Return the morning one week after ``now``: overdue owners are nudged once a week.

    Why: a daily reminder about a late note teaches people to ignore the bot; once a week
    matches the rhythm of the digest in which the chair sees the same list.
    """
    local = now.astimezone(ZoneInfo(tz)).date() + timedelta(days=7)
    return datetime.combine(local, time(NUDGE_HOUR), tzinfo=ZoneInfo(tz))


# ---------------------------------------------------------------------------------------
# Ordering the follow-ups
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TaskLine:
    """One open follow-up as the digest sees it."""

    id: int
    text: str
    owner_key: str
    owner_label: str
    due: date | None


@dataclass(frozen=True)
class OwnerTasks:
    """The open follow-ups of one owner, overdue first."""

    owner_key: str
    owner_label: str
    tasks: tuple[TaskLine, ...]
    overdue: int


def task_order(task: TaskLine, today: date) -> tuple[int, date, int]:
    """Sort key: overdue first (oldest due first), then by due date, undated last."""
    if task.due is None:
        return (2, date.max, task.id)
    return (0 if is_overdue(task.due, today) else 1, task.due, task.id)


def by_owner(tasks: Sequence[TaskLine], today: date) -> list[OwnerTasks]:
    """Group follow-ups by owner; owners with the most overdue come first, then by name.

    Why: the chair reads the digest to see who is behind; an owner with three overdue
    items matters more this week than one with ten items due next month.
    """
    groups: dict[str, list[TaskLine]] = {}
    labels: dict[str, str] = {}
    for task in tasks:
        groups.setdefault(task.owner_key, []).append(task)
        labels.setdefault(task.owner_key, task.owner_label)
    owners = [
        OwnerTasks(
            owner_key=key,
            owner_label=labels[key],
            tasks=tuple(sorted(items, key=lambda t: task_order(t, today))),
            overdue=sum(1 for t in items if is_overdue(t.due, today)),
        )
        for key, items in groups.items()
    ]
    # The unassigned bucket ("" key) goes last whatever it holds: it has nobody to nudge.
    owners.sort(key=lambda o: (o.owner_key == "", -o.overdue, o.owner_label.casefold()))
    return owners


# ---------------------------------------------------------------------------------------
# What a digest holds
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingView:
    """A meeting in the next four weeks: its agenda status and who has answered."""

    id: int
    starts_at: datetime
    ends_at: datetime | None
    has_time: bool
    location: str | None
    proposals: int
    accepted: int
    proposal_deadline: date
    afbud: tuple[str, ...]
    unanswered: int
    my_status: str | None = None


@dataclass(frozen=True)
class MinutesView:
    """Minutes out for approval: their deadline and how many have not answered."""

    id: int
    meeting_day: date
    deadline_at: datetime | None
    missing: int
    channel: str | None
    ts: str | None
    answered_by_me: bool = False


@dataclass(frozen=True)
class DecisionView:
    """One decision of the last meeting, with its item."""

    number: str
    title: str
    text: str


@dataclass(frozen=True)
class DigestContent:
    """Everything one digest shows, gathered as of one moment."""

    group: str
    tz: str
    week: str
    today: date
    tasks: tuple[TaskLine, ...]
    meetings: tuple[MeetingView, ...]
    minutes: tuple[MinutesView, ...]
    last_meeting: date | None
    decisions: tuple[DecisionView, ...]

    @property
    def overdue(self) -> int:
        """Return how many open follow-ups are overdue."""
        return sum(1 for task in self.tasks if is_overdue(task.due, self.today))


def per_owner_limit(owners: int) -> int:
    """Return how many of each owner's follow-ups the digest lists.

    Why: with a handful of owners the chair can read each one's list; with many, the
    first few (overdue first) and a count say enough, and the full list is one command
    away.
    """
    return 5 if owners <= 4 else 3


# ---------------------------------------------------------------------------------------
# Fitting text to Slack's limits
# ---------------------------------------------------------------------------------------


def clip(text: str, limit: int) -> str:
    """Cut one line to a limit at a word boundary, marking the cut with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: max(0, limit - 1)]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,;:.") + "…"


def pack_lines(
    lines: Sequence[str],
    *,
    max_chunks: int,
    more: Callable[[int], str],
    max_chars: int = SECTION_CHARS,
) -> list[str]:
    """Pack lines into at most ``max_chunks`` texts of at most ``max_chars`` characters.

    Lines that do not fit are left out and summarised by ``more(count)`` in the last
    text, so a reader always learns that there is more than shown. Each line must itself
    be shorter than ``max_chars`` (clip it first).
    """
    if max_chunks <= 0 or not lines:
        return []
    chunks: list[list[str]] = [[]]
    sizes = [0]
    placed = 0
    for line in lines:
        size = len(line) + (1 if chunks[-1] else 0)
        if sizes[-1] + size <= max_chars:
            chunks[-1].append(line)
            sizes[-1] += size
            placed += 1
            continue
        if len(chunks) >= max_chunks:
            break
        chunks.append([line])
        sizes.append(len(line))
        placed += 1
    left = len(lines) - placed
    if left:
        # Make room for the summary line in the last chunk, dropping lines if needed.
        while True:
            note = more(left)
            need = len(note) + (1 if chunks[-1] else 0)
            if sizes[-1] + need <= max_chars or not chunks[-1]:
                chunks[-1].append(note)
                break
            dropped = chunks[-1].pop()
            sizes[-1] -= len(dropped) + (1 if chunks[-1] else 0)
            left += 1
    return ["\n".join(chunk) for chunk in chunks if chunk]


# ---------------------------------------------------------------------------------------
# Settings
# ---------------------------------------------------------------------------------------

# Two-letter abbreviations are left out on purpose: "on" and "to" are also words.
_WEEKDAYS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "mandag mandage man monday mondays mon",
        "tirsdag tirsdage tir tuesday tuesdays tue",
        "onsdag onsdage ons wednesday wednesdays wed",
        "torsdag torsdage tor thursday thursdays thu",
        "fredag fredage fre friday fridays fri",
        "lørdag lørdage lør loerdag saturday saturdays sat",
        "søndag søndage søn soendag sunday sundays sun",
    )
):
    for _name in _names.split():
        _WEEKDAYS[_name] = _number

_TIME_RE = re.compile(
    r"^(?:kl\.?|klokken|at)?\s*(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*(?P<ampm>am|pm)?$",
    re.IGNORECASE,
)
_ON = frozenset({"til", "on", "ja", "yes", "tænd", "start"})
_OFF = frozenset({"fra", "off", "nej", "no", "sluk", "stop"})


class SettingError(ValueError):
    """A digest setting that cannot be read; ``part`` is the word that failed."""

    def __init__(self, part: str) -> None:
        super().__init__(part)
        self.part = part


@dataclass(frozen=True)
class DigestSetting:
    """What a settings command asks to change (None: leave as it is)."""

    enabled: bool | None = None
    weekday: int | None = None
    at: time | None = None


def parse_switch(word: str) -> bool | None:
    """Read "til"/"fra" (on/off); None when the word is neither."""
    folded = word.casefold().strip(".,!")
    if folded in _ON:
        return True
    if folded in _OFF:
        return False
    return None


def parse_weekday(word: str) -> int | None:
    """Read a weekday name in Danish or English (Monday is 0); None when it is none."""
    return _WEEKDAYS.get(word.casefold().strip(".,"))


def parse_clock(text: str) -> time | None:
    """Read a time of day ("8", "8:00", "08.30", "kl 9", "9am"); None when it is none."""
    match = _TIME_RE.match(text.strip())
    if match is None:
        return None
    hour = int(match.group("hour"))
    minute = int(match.group("minute") or 0)
    ampm = (match.group("ampm") or "").casefold()
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def parse_digest_setting(text: str) -> DigestSetting:
    """Read "mandag 8:00", "fredag kl 13.30", "9:15", "fra" or "til" into a setting.

    Raises SettingError naming the part that is neither a weekday, a time nor on/off.
    """
    words = text.split()
    if not words:
        raise SettingError("")
    enabled: bool | None = None
    weekday: int | None = None
    at: time | None = None
    i = 0
    while i < len(words):
        word = words[i]
        switch = parse_switch(word)
        day = parse_weekday(word)
        if switch is not None and enabled is None and day is None:
            enabled = switch
        elif day is not None and weekday is None:
            weekday = day
        elif word.casefold().rstrip(".") in ("kl", "klokken", "at") and i + 1 < len(words):
            clock = parse_clock(words[i + 1])
            if clock is None or at is not None:
                raise SettingError(f"{word} {words[i + 1]}")
            at = clock
            i += 1
        else:
            clock = parse_clock(word)
            if clock is None or at is not None:
                raise SettingError(word)
            at = clock
        i += 1
    if enabled is False and (weekday is not None or at is not None):
        raise SettingError(text.strip())
    if enabled is None and (weekday is not None or at is not None):
        enabled = True  # choosing a day or a time means wanting the digest
    return DigestSetting(enabled=enabled, weekday=weekday, at=at)
