"""Write a group's meetings as an iCalendar file (RFC 5545), for calendar apps to import."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.enums import MeetingStatus
from bot.i18n import t
from storage.models import Group, Meeting

PRODID = "-//referent//referent meetings//DA"
UID_DOMAIN = "referent.invalid"
LINE_OCTETS = 75


def escape_text(value: str) -> str:
    """Escape a TEXT value: backslash, semicolon, comma and line breaks (RFC 5545 §3.3.11)."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character (§3.1)."""
    encoded = line.encode("utf-8")
    if len(encoded) <= LINE_OCTETS:
        return line
    parts: list[str] = []
    current = ""
    size = 0
    limit = LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            current = char
            size = width
            limit = LINE_OCTETS - 1  # continuation lines start with a space
        else:
            current += char
            size += width
    parts.append(current)
    return "\r\n ".join(parts)


def _utc(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def meeting_uid(meeting: Meeting) -> str:
    """Return the meeting's stable UID, so a moved meeting replaces itself in calendars."""
    return f"meeting-{meeting.id}@{UID_DOMAIN}"


def _event(meeting: Meeting, group: Group, stamp: datetime) -> list[str]:
    zone = ZoneInfo(group.timezone or "Europe/Copenhagen")
    lang = group.language
    summary = meeting.title or t("meetings.ics.summary", lang, group=group.name)
    lines = [
        "BEGIN:VEVENT",
        f"UID:{meeting_uid(meeting)}",
        f"DTSTAMP:{_utc(stamp)}",
        f"SEQUENCE:{meeting.sequence or 0}",
    ]
    if meeting.has_time:
        lines.append(f"DTSTART:{_utc(meeting.starts_at)}")
        if meeting.ends_at is not None and meeting.ends_at > meeting.starts_at:
            lines.append(f"DTEND:{_utc(meeting.ends_at)}")
    else:
        # An all-day meeting: DATE values in the group's calendar, ending the next day.
        day = meeting.starts_at.astimezone(zone).date()
        lines.append(f"DTSTART;VALUE=DATE:{day.strftime('%Y%m%d')}")
        lines.append(f"DTEND;VALUE=DATE:{(day + timedelta(days=1)).strftime('%Y%m%d')}")
    lines.append(f"SUMMARY:{escape_text(summary)}")
    if meeting.location:
        lines.append(f"LOCATION:{escape_text(meeting.location)}")
    cancelled = meeting.status == MeetingStatus.CANCELLED
    lines.append(f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}")
    lines.append("TRANSP:OPAQUE")
    lines.append("END:VEVENT")
    return lines


def meeting_ics(
    meetings: Iterable[Meeting], group: Group, *, stamp: datetime | None = None
) -> bytes:
    """Return an iCalendar file with the meetings of a group (cancelled ones as CANCELLED).

    ``stamp`` is the DTSTAMP (when the file was made); without it, each event's last
    change (cancellation or creation) is used, so the output depends on the data only.
    """
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(group.name)}",
        f"X-WR-TIMEZONE:{group.timezone or 'Europe/Copenhagen'}",
    ]
    for meeting in sorted(meetings, key=lambda m: (m.starts_at, m.id)):
        when = stamp or meeting.cancelled_at or meeting.created_at
        lines.extend(_event(meeting, group, when))
    lines.append("END:VCALENDAR")
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode("utf-8")


def ics_filename(group: Group, meeting: Meeting | None = None) -> str:
    """Return a file name for a calendar file: the group, and the meeting's date when one."""
    slug = "".join(c if c.isalnum() else "-" for c in group.name.casefold()).strip("-")
    slug = "-".join(part for part in slug.split("-") if part)[:60] or "referent"
    if meeting is None:
        return f"{slug}.ics"
    zone = ZoneInfo(group.timezone or "Europe/Copenhagen")
    return f"{slug}-{meeting.starts_at.astimezone(zone).date().isoformat()}.ics"
