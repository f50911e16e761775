"""Pure attendance rules: answer counts, the afbud forecast threshold and reminder times."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain.enums import AttendanceStatus

#: Reminders and announcements go out at this local hour, when people read their work mail.
SEND_HOUR = 9

#: Statuses that mean "will not be there".
AWAY = frozenset({AttendanceStatus.AFBUD, AttendanceStatus.ABSENT})


@dataclass(frozen=True)
class AnswerCount:
    """How the members of a group have answered for one meeting."""

    attending: int
    afbud: int
    unanswered: int

    @property
    def members(self) -> int:
        """Return the number of members counted."""
        return self.attending + self.afbud + self.unanswered


def count_answers(
    member_ids: Iterable[int], answers: Mapping[int, AttendanceStatus | str]
) -> AnswerCount:
    """Count attending, afbud and unanswered among the given members."""
    attending = afbud = unanswered = 0
    for member_id in member_ids:
        status = answers.get(member_id)
        if status is None:
            unanswered += 1
        elif AttendanceStatus(status) in AWAY:
            afbud += 1
        else:
            attending += 1
    return AnswerCount(attending=attending, afbud=afbud, unanswered=unanswered)


def afbud_limit(member_count: int, threshold: float) -> int:
    """Return how many empty seats trigger the forecast warning (at least one).

    Why: with a third of the seats empty a steering group rarely decides anything it can
    stand by, so the chair should hear about it while the meeting can still be moved.
    The limit is reached, not exceeded: 2 of 6 members away is already a third.
    """
    if member_count <= 0:
        return 1
    share = min(max(threshold, 0.0), 1.0)
    # A tiny tolerance so that 1/3 of 6 is exactly 2, not 2.0000000000000004 rounded up.
    return max(1, math.ceil(share * member_count - 1e-9))


def forecast_crossed(before: int, after: int, member_count: int, threshold: float) -> bool:
    """Tell whether a change of empty seats from ``before`` to ``after`` reached the limit.

    Only the crossing warns: once the chair knows, every further afbud is no news, and
    a seat filled again re-arms the warning for the next crossing.
    """
    limit = afbud_limit(member_count, threshold)
    return before < limit <= after


@dataclass(frozen=True)
class MeetingWorkPlan:
    """When the announcement and the two reminders of one meeting are due (None: skip)."""

    announce_at: datetime | None
    remind_at: datetime | None
    list_at: datetime | None


def working_days_before(day: date, count: int) -> date:
    """Return the working day ``count`` working days before ``day`` (Monday to Friday).

    Why: members are municipal officials who read Slack at work; a reminder sent on a
    Saturday is read on Monday, which for a Monday meeting is too late.
    """
    while count > 0:
        day -= timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def _at_send_hour(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(SEND_HOUR), tzinfo=zone)


def plan_meeting_work(
    starts_at: datetime,
    tz: str,
    announce_days: int,
    now: datetime,
    *,
    announced: bool = False,
) -> MeetingWorkPlan:
    """Plan the announcement, the member reminder and the chair's list for a meeting.

    The announcement goes out ``announce_days`` calendar days before the meeting (at once
    when that moment has passed, or when an earlier announcement must be brought up to
    date). The reminder to members who have not answered goes two working days before;
    it is skipped when that moment had already passed when the meeting was planned,
    because a reminder right after the announcement is noise. The attendance list for
    the chair and the secretary goes the working day before, or at once when the meeting
    is closer than that.
    """
    if starts_at <= now:
        return MeetingWorkPlan(None, None, None)
    zone = ZoneInfo(tz)
    meeting_day = starts_at.astimezone(zone).date()

    def at(day: date) -> datetime:
        return min(_at_send_hour(day, zone), starts_at)

    announce_at = at(meeting_day - timedelta(days=max(announce_days, 0)))
    if announced or announce_at < now:
        announce_at = now
    list_at = at(working_days_before(meeting_day, 1))
    if list_at < now:
        list_at = now
    remind_at: datetime | None = at(working_days_before(meeting_day, 2))
    if remind_at is not None and (remind_at < now or remind_at >= list_at):
        remind_at = None
    return MeetingWorkPlan(announce_at=announce_at, remind_at=remind_at, list_at=list_at)


def meeting_stamp(starts_at: datetime) -> str:
    """Return a short stable token of a meeting's start, so moved meetings get new work."""
    return str(int(starts_at.timestamp()))
