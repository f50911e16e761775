"""The Home tab: a person's upcoming meetings with their answer buttons."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.attendance.views import HomeMeeting, home_section, when_text
from bot.context import language_for
from bot.domain.enums import AttendanceStatus, Role
from bot.meetings import upcoming_meetings
from bot.settings import Settings
from storage.models import Attendance
from storage.repositories import MemberRepo


def home_blocks(
    session: Session, settings: Settings, user_id: str, now: datetime
) -> list[dict[str, Any]]:
    """Return the Home tab section: the person's upcoming meetings with their answer."""
    shown: list[HomeMeeting] = []
    members = MemberRepo(session)
    for group in members.groups_of(user_id):
        member = members.by_slack_user(group.id, user_id)
        if member is None or member.role == Role.GUEST:
            continue
        lang = language_for(settings, group, member)
        for meeting in upcoming_meetings(session, group.id, now, limit=3):
            row = session.scalar(
                select(Attendance).where(
                    Attendance.meeting_id == meeting.id, Attendance.member_id == member.id
                )
            )
            shown.append(
                HomeMeeting(
                    meeting_id=meeting.id,
                    group=group.name,
                    when=when_text(meeting, group),
                    location=meeting.location,
                    answer=AttendanceStatus(row.status) if row is not None else None,
                    lang=lang,
                )
            )
    return home_section(shown)
