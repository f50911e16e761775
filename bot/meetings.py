"""Use cases for meetings: create, move and cancel them, the year's calendar, and queries."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from bot.dates import DateParseError, When, find_when, parse_when, parse_when_list
from bot.domain.agenda import proposal_deadline
from bot.domain.enums import ItemStatus, MeetingStatus, Source
from bot.errors import UserError
from bot.i18n import t
from bot.ics import ics_filename, meeting_ics
from bot.ports import Message
from bot.render import (
    actions_block,
    button,
    context_block,
    escape,
    limit_blocks,
    section_block,
)
from storage.models import AgendaItem, Group, Meeting
from storage.repositories import AuditLog, GroupRepo

if TYPE_CHECKING:
    from bot.services import Services

log = logging.getLogger(__name__)

DEFAULT_TZ = "Europe/Copenhagen"
LOCATION_LIMIT = 300
CALENDAR_LIMIT = 24

#: Words that may stand between the time and the place ("kl. 12-15 i Ringsted").
_PLACE_LEAD = re.compile(r"^(?:i|på|hos|at|in|sted|place|location)\b[:\s]*", re.IGNORECASE)
_EDGE = " \t\r\n,;:-–—"
_TIME_ONLY = re.compile(r"^\s*(?:kl\.?|klokken|at|from|fra)\s*\d", re.IGNORECASE)


# ---------------------------------------------------------------------------------------
# Time zones and labels
# ---------------------------------------------------------------------------------------


def group_zone(group: Group | None) -> ZoneInfo:
    """Return a group's time zone (Copenhagen when unknown)."""
    return ZoneInfo((group.timezone if group is not None else None) or DEFAULT_TZ)


def meeting_tz(meeting: Meeting) -> str:
    """Return the time zone name of a meeting's group, looked up through its session."""
    session = object_session(meeting)
    group = session.get(Group, meeting.group_id) if session is not None else None
    return (group.timezone if group is not None else None) or DEFAULT_TZ


def local_day(meeting: Meeting, tz: str | None = None) -> date:
    """Return the calendar day of a meeting in its group's zone."""
    return meeting.starts_at.astimezone(ZoneInfo(tz or meeting_tz(meeting))).date()


def _clock(at: datetime, lang: str) -> str:
    if lang == "en":
        return at.strftime("%H:%M")
    return f"{at.hour}" if at.minute == 0 else f"{at.hour}.{at.minute:02d}"


def format_day(day: date, lang: str, *, weekday: bool = True) -> str:
    """Return a day as the group writes it: "fredag 15. marts 2024" / "Friday 15 March 2024"."""
    text = t(
        "meetings.label.date",
        lang,
        day=day.day,
        month=t(f"meetings.month.{day.month}", lang),
        year=day.year,
    )
    if not weekday:
        return text
    return t(
        "meetings.label.weekday_date",
        lang,
        weekday=t(f"meetings.weekday.{day.weekday()}", lang),
        date=text,
    )


def format_when(
    starts_at: datetime, ends_at: datetime | None, has_time: bool, tz: str, lang: str
) -> str:
    """Return a meeting's time as a label: "fredag 15. marts 2024 kl. 12–15"."""
    zone = ZoneInfo(tz)
    start = starts_at.astimezone(zone)
    day = format_day(start.date(), lang)
    if not has_time:
        return day
    if ends_at is not None and ends_at > starts_at:
        end = ends_at.astimezone(zone)
        return t(
            "meetings.label.time_range",
            lang,
            date=day,
            start=_clock(start, lang),
            end=_clock(end, lang),
        )
    return t("meetings.label.time", lang, date=day, start=_clock(start, lang))


def meeting_label(meeting: Meeting, lang: str, *, tz: str | None = None) -> str:
    """Return a meeting's label, e.g. "fredag 15. marts 2024 kl. 12–15"."""
    return format_when(
        meeting.starts_at, meeting.ends_at, meeting.has_time, tz or meeting_tz(meeting), lang
    )


def short_date(at: datetime | date, tz: str) -> str:
    """Return the short form the agendas use in "udsat fra 15/5"."""
    day = at.astimezone(ZoneInfo(tz)).date() if isinstance(at, datetime) else at
    return f"{day.day}/{day.month}"


# ---------------------------------------------------------------------------------------
# Queries
# ---------------------------------------------------------------------------------------


def is_held(meeting: Meeting, now: datetime, tz: str | None = None) -> bool:
    """Tell whether a meeting lies behind us: marked held, or on a day before today."""
    if meeting.status == MeetingStatus.HELD:
        return True
    zone = ZoneInfo(tz or meeting_tz(meeting))
    return local_day(meeting, str(zone)) < now.astimezone(zone).date()


def next_meeting(session: Session, group_id: int, now: datetime) -> Meeting | None:
    """Return the group's next planned meeting (the first that has not started yet)."""
    found = upcoming_meetings(session, group_id, now, limit=1)
    return found[0] if found else None


def upcoming_meetings(
    session: Session, group_id: int, now: datetime, limit: int = 5
) -> list[Meeting]:
    """Return the group's planned meetings that have not started yet, soonest first."""
    query = (
        select(Meeting)
        .where(
            Meeting.group_id == group_id,
            Meeting.status == MeetingStatus.PLANNED,
            Meeting.starts_at > now,
        )
        .order_by(Meeting.starts_at, Meeting.id)
        .limit(limit)
    )
    return list(session.scalars(query))


def meetings_on(session: Session, group: Group, day: date) -> list[Meeting]:
    """Return the group's meetings (not cancelled) on a local calendar day."""
    zone = group_zone(group)
    start = datetime.combine(day, time(0), zone)
    end = datetime.combine(day + timedelta(days=1), time(0), zone)
    query = (
        select(Meeting)
        .where(
            Meeting.group_id == group.id,
            Meeting.status != MeetingStatus.CANCELLED,
            Meeting.starts_at >= start,
            Meeting.starts_at < end,
        )
        .order_by(Meeting.starts_at, Meeting.id)
    )
    return list(session.scalars(query))


def previous_meeting(session: Session, meeting: Meeting) -> Meeting | None:
    """Return the group's last meeting before this one that was not cancelled."""
    query = (
        select(Meeting)
        .where(
            Meeting.group_id == meeting.group_id,
            Meeting.status != MeetingStatus.CANCELLED,
            Meeting.starts_at < meeting.starts_at,
        )
        .order_by(Meeting.starts_at.desc(), Meeting.id.desc())
        .limit(1)
    )
    return session.scalar(query)


def following_meeting(session: Session, meeting: Meeting) -> Meeting | None:
    """Return the group's first meeting after this one that is not cancelled."""
    query = (
        select(Meeting)
        .where(
            Meeting.group_id == meeting.group_id,
            Meeting.status != MeetingStatus.CANCELLED,
            Meeting.starts_at > meeting.starts_at,
        )
        .order_by(Meeting.starts_at, Meeting.id)
        .limit(1)
    )
    return session.scalar(query)


def upcoming_text(session: Session, group: Group, now: datetime, lang: str) -> str:
    """Return the next meetings as one line, for messages that must name them."""
    meetings = upcoming_meetings(session, group.id, now, limit=3)
    if not meetings:
        return t("meetings.upcoming.none", lang)
    labels = [meeting_label(m, lang, tz=group.timezone) for m in meetings]
    return "; ".join(labels)


# ---------------------------------------------------------------------------------------
# Reading dates
# ---------------------------------------------------------------------------------------


def date_error(error: DateParseError) -> UserError:
    """Turn a date the reader could not take into a reply that quotes it and shows examples."""
    key = {
        "ambiguous": "meetings.date.ambiguous",
        "past": "meetings.date.past",
    }.get(error.reason, "meetings.date.unreadable")
    return UserError(key, fragment=escape(error.fragment or error.text))


def parse_meeting_text(text: str, now: datetime, tz: str) -> tuple[When, str | None]:
    """Read "15. marts kl. 12-15 Ringsted Kongrescenter" as a time and a place."""
    cleaned = " ".join(text.split())
    if not cleaned:
        raise UserError("meetings.usage")
    try:
        found = find_when(cleaned, now, tz, prefer="future")
    except DateParseError as exc:
        raise date_error(exc) from None
    if found is None:
        raise UserError("meetings.date.unreadable", fragment=escape(cleaned))
    when, start, end = found
    before = cleaned[:start].strip(_EDGE)
    # Numbers before the date the reader found are a date it could not read ("33/5 kl 9"),
    # and a time alone ("kl 9") is no meeting date: quote what was not understood.
    if any(c.isdigit() for c in before):
        raise UserError("meetings.date.unreadable", fragment=escape(before))
    if _TIME_ONLY.match(cleaned[start:end]):
        raise UserError("meetings.date.unreadable", fragment=escape(cleaned))
    after = _PLACE_LEAD.sub("", cleaned[end:].strip(_EDGE)).strip(_EDGE)
    location = " ".join(part for part in (before, after) if part) or None
    if location is not None and len(location) > LOCATION_LIMIT:
        raise UserError("meetings.location_too_long", limit=LOCATION_LIMIT)
    if when.start < now:
        raise UserError("meetings.date.past", fragment=escape(cleaned[start:end]))
    return when, location


def resolve_meeting(session: Session, group: Group, text: str | None, now: datetime) -> Meeting:
    """Return the meeting a person means: the next one, or the one on a date they name."""
    tz = group.timezone or DEFAULT_TZ
    lang = group.language
    if text is None or not text.strip():
        meeting = next_meeting(session, group.id, now)
        if meeting is None:
            raise UserError("meetings.none_upcoming", group=escape(group.name))
        return meeting
    cleaned = " ".join(text.split())
    try:
        when = parse_when(cleaned, now, tz, prefer="future")
    except DateParseError as exc:
        raise date_error(exc) from None
    candidates = [
        m for m in meetings_on(session, group, when.date) if m.status != MeetingStatus.CANCELLED
    ]
    if when.has_time and len(candidates) > 1:
        exact = [m for m in candidates if m.starts_at == when.start]
        candidates = exact or candidates
    for meeting in candidates:
        if not is_held(meeting, now, tz):
            return meeting
    if candidates:
        raise UserError(
            "meetings.held",
            when=meeting_label(candidates[0], lang, tz=tz),
            upcoming=upcoming_text(session, group, now, lang),
        )
    try:
        past = parse_when(cleaned, now, tz, prefer="past")
    except DateParseError:
        past = when
    held = meetings_on(session, group, past.date) if past.date != when.date else []
    if held:
        raise UserError(
            "meetings.held",
            when=meeting_label(held[0], lang, tz=tz),
            upcoming=upcoming_text(session, group, now, lang),
        )
    raise UserError(
        "meetings.no_meeting_on",
        date=format_day(when.date, lang),
        upcoming=upcoming_text(session, group, now, lang),
    )


def meeting_by_date(session: Session, group: Group, day: date) -> Meeting | None:
    """Return the group's meeting on a day, held or not (for exports and the archive)."""
    found = meetings_on(session, group, day)
    return found[0] if found else None


# ---------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------


def check_free(session: Session, group: Group, when: When) -> None:
    """Refuse a second meeting on a day that already has one."""
    existing = meetings_on(session, group, when.date)
    if existing:
        raise UserError(
            "meetings.exists",
            when=meeting_label(existing[0], group.language, tz=group.timezone),
        )


def create_meeting(
    session: Session,
    group: Group,
    when: When,
    location: str | None,
    now: datetime,
    *,
    actor: str | None = None,
    title: str | None = None,
) -> Meeting:
    """Create a planned meeting after checking that its day is free."""
    check_free(session, group, when)
    meeting = Meeting(
        group_id=group.id,
        title=title,
        starts_at=when.start,
        ends_at=when.end,
        has_time=when.has_time,
        location=location,
        status=MeetingStatus.PLANNED,
        source=Source.SLACK,
        agenda_version=0,
        sequence=0,
        created_by=actor,
        created_at=now,
    )
    session.add(meeting)
    session.flush()
    adopt_waiting_items(session, group, meeting, now)
    AuditLog(session).record(
        at=now,
        action="meeting.created",
        group_id=group.id,
        actor=actor,
        subject_type="meeting",
        subject_id=meeting.id,
        detail={"starts_at": when.start.isoformat(), "location": location},
    )
    return meeting


def adopt_waiting_items(session: Session, group: Group, meeting: Meeting, now: datetime) -> int:
    """Move proposals left on cancelled meetings to a new meeting, when it is the next one.

    Why: when a meeting is cancelled and no later meeting exists yet, its proposals wait;
    the group still wants them treated at the next meeting it holds.
    """
    upcoming = next_meeting(session, group.id, now)
    if upcoming is None or upcoming.id != meeting.id:
        return 0
    waiting = session.scalars(
        select(AgendaItem)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .where(
            Meeting.group_id == group.id,
            Meeting.status == MeetingStatus.CANCELLED,
            Meeting.starts_at < meeting.starts_at,
            AgendaItem.is_standing.is_(False),
            AgendaItem.status.in_([ItemStatus.PROPOSED, ItemStatus.ACCEPTED]),
        )
    ).all()
    for item in waiting:
        item.meeting_id = meeting.id
        item.origin = None
        item.updated_at = now
    return len(waiting)


def move_meeting(
    session: Session,
    group: Group,
    meeting: Meeting,
    when: When,
    location: str | None,
    now: datetime,
    *,
    actor: str | None = None,
) -> Meeting:
    """Move a planned meeting to a new time (and place, when one is given)."""
    if meeting.status == MeetingStatus.CANCELLED:
        raise UserError("meetings.cancelled_already", when=meeting_label(meeting, group.language))
    others = [m for m in meetings_on(session, group, when.date) if m.id != meeting.id]
    if others:
        raise UserError(
            "meetings.exists", when=meeting_label(others[0], group.language, tz=group.timezone)
        )
    before = meeting.starts_at
    meeting.starts_at = when.start
    meeting.ends_at = when.end
    meeting.has_time = when.has_time
    if location:
        meeting.location = location
    meeting.sequence = (meeting.sequence or 0) + 1
    AuditLog(session).record(
        at=now,
        action="meeting.moved",
        group_id=group.id,
        actor=actor,
        subject_type="meeting",
        subject_id=meeting.id,
        detail={"from": before.isoformat(), "to": when.start.isoformat(), "location": location},
    )
    return meeting


@dataclass
class CancelResult:
    """A cancelled meeting and where its open items went."""

    meeting: Meeting
    moved: int = 0
    to: Meeting | None = None


def cancel_meeting(
    session: Session, group: Group, meeting: Meeting, now: datetime, *, actor: str | None = None
) -> CancelResult:
    """Cancel a meeting; its open proposals and accepted items move to the next meeting."""
    if meeting.status == MeetingStatus.CANCELLED:
        raise UserError("meetings.cancelled_already", when=meeting_label(meeting, group.language))
    if is_held(meeting, now, group.timezone):
        raise UserError(
            "meetings.held",
            when=meeting_label(meeting, group.language, tz=group.timezone),
            upcoming=upcoming_text(session, group, now, group.language),
        )
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancelled_at = now
    meeting.sequence = (meeting.sequence or 0) + 1
    session.flush()
    target = following_meeting(session, meeting)
    moved = 0
    if target is not None:
        items = session.scalars(
            select(AgendaItem).where(
                AgendaItem.meeting_id == meeting.id,
                AgendaItem.is_standing.is_(False),
                AgendaItem.status.in_([ItemStatus.PROPOSED, ItemStatus.ACCEPTED]),
            )
        ).all()
        for item in items:
            item.meeting_id = target.id
            item.origin = None
            item.updated_at = now
            moved += 1
        # Items postponed to the cancelled meeting now wait for the next one.
        for item in session.scalars(
            select(AgendaItem).where(AgendaItem.postponed_to_meeting_id == meeting.id)
        ):
            item.postponed_to_meeting_id = target.id
    AuditLog(session).record(
        at=now,
        action="meeting.cancelled",
        group_id=group.id,
        actor=actor,
        subject_type="meeting",
        subject_id=meeting.id,
        detail={"moved_items": moved, "to": target.id if target else None},
    )
    return CancelResult(meeting=meeting, moved=moved, to=target)


@dataclass
class CalendarResult:
    """The meetings a calendar command created, and the days it left alone."""

    created: list[Meeting] = field(default_factory=list)
    skipped: list[date] = field(default_factory=list)


def create_calendar(
    session: Session, group: Group, text: str, now: datetime, *, actor: str | None = None
) -> CalendarResult:
    """Create the year's meetings from a list of dates; days that have a meeting are skipped."""
    cleaned = " ".join(text.split())
    if not cleaned:
        raise UserError("meetings.calendar_usage")
    tz = group.timezone or DEFAULT_TZ
    try:
        whens = parse_when_list(cleaned, now, tz)
    except DateParseError as exc:
        raise date_error(exc) from None
    if len(whens) > CALENDAR_LIMIT:
        raise UserError("meetings.calendar_too_many", limit=CALENDAR_LIMIT)
    result = CalendarResult()
    for when in whens:
        if when.start < now:
            raise UserError(
                "meetings.date.past", fragment=escape(format_day(when.date, group.language))
            )
        if meetings_on(session, group, when.date):
            result.skipped.append(when.date)
            continue
        result.created.append(create_meeting(session, group, when, None, now, actor=actor))
    return result


# ---------------------------------------------------------------------------------------
# Messages
# ---------------------------------------------------------------------------------------


def deadline_text(meeting: Meeting, group: Group, lang: str) -> str:
    """Return the proposal deadline of a meeting as a day label."""
    day = proposal_deadline(local_day(meeting, group.timezone), group.proposal_deadline_days)
    return format_day(day, lang)


def where_text(meeting: Meeting, group: Group, lang: str) -> str:
    """Return "label, place" for a meeting."""
    label = meeting_label(meeting, lang, tz=group.timezone)
    if meeting.location:
        return t("meetings.label.with_place", lang, when=label, place=escape(meeting.location))
    return label


def announcement_message(meeting: Meeting, group: Group, lang: str) -> Message:
    """Build the channel's announcement of a meeting (created, moved or cancelled)."""
    if meeting.status == MeetingStatus.CANCELLED:
        key = "meetings.announce.cancelled"
    elif meeting.sequence:
        key = "meetings.announce.moved"
    else:
        key = "meetings.announce.created"
    text = t(key, lang, group=escape(group.name), when=where_text(meeting, group, lang))
    blocks = [section_block(text)]
    if meeting.status != MeetingStatus.CANCELLED:
        blocks.append(
            context_block(
                t(
                    "meetings.announce.footer",
                    lang,
                    deadline=deadline_text(meeting, group, lang),
                )
            )
        )
        blocks.append(
            actions_block(
                [
                    button(t("meetings.button.ics", lang), "meeting_ics", str(meeting.id)),
                    button(t("proposal.button.propose", lang), "proposal_open", str(meeting.id)),
                ]
            )
        )
    return Message(text=text, blocks=blocks)


def calendar_message(result: CalendarResult, group: Group, lang: str) -> Message:
    """Build the channel's announcement of a year's calendar."""
    lines = [f"• {where_text(m, group, lang)}" for m in result.created]
    text = t("meetings.calendar.created", lang, group=escape(group.name), count=len(result.created))
    body = "\n".join([text, *lines])
    blocks = [section_block(body)]
    if result.skipped:
        skipped = ", ".join(format_day(d, lang) for d in result.skipped)
        blocks.append(context_block(t("meetings.calendar.skipped", lang, days=skipped)))
    return Message(text=body, blocks=blocks)


def list_message(
    session: Session, group: Group, now: datetime, lang: str, *, officer: bool
) -> Message:
    """Build the list of the group's next meetings, with buttons for the officers."""
    meetings = upcoming_meetings(session, group.id, now, limit=10)
    title = t("meetings.list.title", lang, group=escape(group.name))
    if not meetings:
        text = t("meetings.upcoming.none", lang)
        return Message(text=f"{title}\n{text}", blocks=[section_block(f"*{title}*\n{text}")])
    blocks: list[dict[str, Any]] = [section_block(f"*{title}*")]
    lines = [title]
    for meeting in meetings:
        line = where_text(meeting, group, lang)
        lines.append(line)
        blocks.append(section_block(f"• {line}"))
        if officer:
            blocks.append(
                actions_block(
                    [
                        button(t("meetings.button.edit", lang), "meeting_edit", str(meeting.id)),
                        button(
                            t("meetings.button.cancel", lang),
                            "meeting_cancel",
                            str(meeting.id),
                            style="danger",
                        ),
                    ]
                )
            )
    blocks.append(
        actions_block(
            [button(t("meetings.button.ics_all", lang), "meeting_ics_all", str(group.id))]
        )
    )
    return Message(text="\n".join(lines), blocks=limit_blocks(blocks))


# ---------------------------------------------------------------------------------------
# Posting (after the transaction has committed)
# ---------------------------------------------------------------------------------------


def announce(services: Services, meeting_id: int) -> None:
    """Post a meeting's creation, move or cancellation in the channel, with its .ics file.

    Each change is a new message (never an edit of an older announcement: the attendance
    feature's announcement, with its buttons and count, may be the one stored on the
    meeting). The newest post becomes ``Meeting.announcement_ts``.
    """
    with services.uow() as session:
        meeting = session.get(Meeting, meeting_id)
        group = GroupRepo(session).get(meeting.group_id) if meeting is not None else None
        if meeting is None or group is None or not group.channel_id:
            return
        lang = group.language
        message = announcement_message(meeting, group, lang)
        ics = meeting_ics([meeting], group)
        filename = ics_filename(group, meeting)
        channel = group.channel_id
        note = t("meetings.announce.ics_note", lang)
    posted = services.notifier.post(channel, message)
    with services.uow() as session:
        stored = session.get(Meeting, meeting_id)
        if stored is not None:
            stored.announcement_channel = posted.channel
            stored.announcement_ts = posted.ts
    services.notifier.upload(posted.channel, filename, ics, thread_ts=posted.ts, comment=note)


def announce_calendar(
    services: Services, group_id: int, meeting_ids: list[int], result: CalendarResult
) -> None:
    """Post the year's calendar to the channel with one .ics file holding every meeting."""
    with services.uow() as session:
        group = GroupRepo(session).get(group_id)
        if group is None or not group.channel_id or not meeting_ids:
            return
        meetings = [m for m in (session.get(Meeting, i) for i in meeting_ids) if m is not None]
        message = calendar_message(result, group, group.language)
        ics = meeting_ics(meetings, group)
        filename = ics_filename(group)
        channel = group.channel_id
        note = t("meetings.announce.ics_note", group.language)
    # The calendar message announces several meetings, so it is not stored as any one
    # meeting's announcement: a meeting moved later gets an announcement of its own.
    posted = services.notifier.post(channel, message)
    services.notifier.upload(channel, filename, ics, thread_ts=posted.ts, comment=note)


def group_ics(session: Session, group: Group) -> bytes:
    """Return the group's whole calendar (every meeting, cancelled ones marked) as .ics."""
    meetings = session.scalars(
        select(Meeting).where(Meeting.group_id == group.id).order_by(Meeting.starts_at)
    ).all()
    return meeting_ics(meetings, group)


_MOVE_SPLIT = re.compile(r"^\s*(?:til|to)\b\s*", re.IGNORECASE)


def read_move(text: str, now: datetime, tz: str) -> tuple[str, str]:
    """Split "15/3 til 22/3 kl 10-12 Ringsted" into the meeting's date and its new time."""
    cleaned = " ".join(text.split())
    try:
        found = find_when(cleaned, now, tz, prefer="future")
    except DateParseError as exc:
        raise date_error(exc) from None
    if found is None:
        raise UserError("meetings.move_usage")
    _, start, end = found
    rest = cleaned[end:]
    match = _MOVE_SPLIT.match(rest)
    if start != 0 or match is None or not rest[match.end() :].strip():
        raise UserError("meetings.move_usage")
    return cleaned[:end], rest[match.end() :]
