"""Afbud and attendance: record answers, announce meetings, remind, forecast, list who comes.

Every way in (a command, a free-text sentence, a DM, the announcement's buttons and the
modal) ends in :func:`record_answer`, one write per transaction. Timed work (the
announcement, the reminders, the chair's list and the forecast warning) lives in due
rows with unique keys, so a restart or a second process never sends anything twice.

One concern per module: :mod:`.reading`, :mod:`.people`, :mod:`.answers`,
:mod:`.forecast`, :mod:`.jobs`, :mod:`.messages`, :mod:`.questions`, :mod:`.home`,
:mod:`.roster`, :mod:`.kinds`, and the pure builders in :mod:`.views`. The meeting notice composes
attendance with the agenda in :mod:`bot.notice`; neither package imports the other.
This package re-exports the names other modules import.
"""

from __future__ import annotations

from bot.attendance.answers import (
    _lock_meeting,
    afbud_from_text,
    answer_for_meeting,
    answer_text,
    attendance_rows,
    attending_from_text,
    check_can_answer,
    count_for,
    expected_members,
    is_upcoming,
)
from bot.attendance.home import home_blocks
from bot.attendance.jobs import (
    _payload_meeting,
    announcement_digest,
    my_announcement,
    plan_attendance_work,
    run_dm,
    run_ics,
    run_list,
    run_remind,
    schedule_meeting_work,
)
from bot.attendance.kinds import (
    ANNOUNCE,
    DM,
    ICS,
    LIST,
    MODAL_CALLBACK,
    NO_ACTION,
    REMIND,
    YES_ACTION,
)
from bot.attendance.people import group_of as _group_of
from bot.attendance.people import request_context
from bot.attendance.questions import QUESTION_AFBUD, QUESTION_PERSON, QUESTION_WHO, answer_question
from bot.attendance.reading import PersonRef, parse_afbud_text, parse_withdraw_text
from bot.attendance.roster import attendance_block, attendance_text
from bot.attendance.views import (
    AttendanceBlock,
    AttendancePerson,
    _notice_buttons,
    afbud_modal,
    attendance_blocks,
    count_text,
    render_attendance_text,
    when_text,
)
from bot.scheduler import row_session as _session

__all__ = [
    "ANNOUNCE",
    "DM",
    "ICS",
    "LIST",
    "MODAL_CALLBACK",
    "NO_ACTION",
    "QUESTION_AFBUD",
    "QUESTION_PERSON",
    "QUESTION_WHO",
    "REMIND",
    "YES_ACTION",
    "AttendanceBlock",
    "AttendancePerson",
    "PersonRef",
    "_group_of",
    "_lock_meeting",
    "_notice_buttons",
    "_payload_meeting",
    "_session",
    "afbud_from_text",
    "afbud_modal",
    "announcement_digest",
    "answer_for_meeting",
    "answer_question",
    "answer_text",
    "attendance_block",
    "attendance_blocks",
    "attendance_rows",
    "attendance_text",
    "attending_from_text",
    "check_can_answer",
    "count_for",
    "count_text",
    "expected_members",
    "home_blocks",
    "is_upcoming",
    "my_announcement",
    "parse_afbud_text",
    "parse_withdraw_text",
    "plan_attendance_work",
    "render_attendance_text",
    "request_context",
    "run_dm",
    "run_ics",
    "run_list",
    "run_remind",
    "schedule_meeting_work",
    "when_text",
]
