"""The Home tab: a person's upcoming meetings with their answer buttons."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.attendance.views import answer_buttons, when_text
from bot.context import language_for
from bot.domain.attendance import AWAY
from bot.domain.enums import AttendanceStatus, Role
from bot.i18n import t
from bot.meetings import upcoming_meetings
from bot.render import escape, header_block, section_block
from bot.settings import Settings
from storage.models import Attendance
from storage.repositories import MemberRepo


def home_blocks(
    session: Session, settings: Settings, user_id: str, now: datetime
) -> list[dict[str, Any]]:
    """Return the Home tab section: the person's upcoming meetings with their answer."""
    blocks: list[dict[str, Any]] = []
    members = MemberRepo(session)
    for group in members.groups_of(user_id):
        member = members.by_slack_user(group.id, user_id)
        if member is None or member.role == Role.GUEST:
            continue
        lang = language_for(settings, group, member)
        for meeting in upcoming_meetings(session, group.id, now, limit=3):
            if not blocks:
                blocks.append(header_block(t("attendance.home.title", lang)))
            row = session.scalar(
                select(Attendance).where(
                    Attendance.meeting_id == meeting.id, Attendance.member_id == member.id
                )
            )
            if row is None:
                status = t("attendance.home.unanswered", lang)
            elif AttendanceStatus(row.status) in AWAY:
                status = t("attendance.home.afbud", lang)
            else:
                status = t("attendance.home.attending", lang)
            place = f" · {escape(meeting.location)}" if meeting.location else ""
            blocks.append(
                section_block(
                    f"*{escape(group.name)}* – {when_text(meeting, group)}{place}\n{status}"
                )
            )
            blocks.append(
                answer_buttons(meeting.id, lang, block_id=f"attendance_home_{meeting.id}")
            )
    return blocks
