"""What the DMs say: the reminder, the chair's list and the forecast warning."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.attendance.answers import (
    answers_by_member,
    attendance_rows,
    count_for,
    empty_seats,
    expected_members,
)
from bot.attendance.views import AnswerLists, attendance_list, forecast_warning, reminder, when_text
from bot.domain.attendance import AWAY, afbud_limit
from bot.domain.enums import AttendanceStatus
from bot.i18n import t
from bot.ports import Message
from bot.render import escape
from storage.models import Attendance, Group, Meeting, Member


def reminder_message(
    session: Session, meeting: Meeting, group: Group, member: Member, lang: str
) -> Message | None:
    """Return the reminder for a member who has not answered (None once they have)."""
    answered = session.scalar(
        select(Attendance.id).where(
            Attendance.meeting_id == meeting.id, Attendance.member_id == member.id
        )
    )
    if answered is not None:
        return None
    return reminder(meeting.id, group.name, when_text(meeting, group), lang)


def answer_lists(session: Session, meeting: Meeting, lang: str, *, reasons: bool) -> AnswerLists:
    """Sort a meeting's expected members into attending, afbud and unanswered."""
    answers = answers_by_member(attendance_rows(session, meeting.id))
    lists = AnswerLists()
    for member in expected_members(session, meeting.group_id):
        row = answers.get(member.id)
        name = escape(member.name)
        if row is None:
            lists.unanswered.append(name)
        elif AttendanceStatus(row.status) in AWAY:
            lists.afbud.append(_afbud_line(row, name, lang, reasons=reasons))
        else:
            lists.attending.append(name)
    return lists


def _afbud_line(row: Attendance, name: str, lang: str, *, reasons: bool) -> str:
    line = name
    if row.substitute_name:
        line = t(
            "attendance.line.substitute", lang, name=name, substitute=escape(row.substitute_name)
        )
    if reasons and row.reason:
        line = t("attendance.line.reason", lang, line=line, reason=escape(row.reason))
    return line


def list_message(session: Session, meeting: Meeting, group: Group, lang: str) -> Message:
    """Return the attendance list the chair and the secretary get the day before."""
    lists = answer_lists(session, meeting, lang, reasons=True)
    count = count_for(session, meeting)
    return attendance_list(group.name, when_text(meeting, group), lists, count, lang)


def forecast_message(session: Session, meeting: Meeting, group: Group, lang: str) -> Message | None:
    """Return the warning that many seats will be empty (None when that passed again)."""
    seats = empty_seats(session, meeting)
    expected = expected_members(session, group.id)
    if len(seats) < afbud_limit(len(expected), group.afbud_threshold):
        return None
    names = [m.name for m in seats]
    return forecast_warning(names, len(expected), group.name, when_text(meeting, group), lang)
