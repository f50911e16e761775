"""Record answers (afbud, attending, withdrawn) and count them, one write per transaction."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.attendance.forecast import schedule_forecast
from bot.attendance.people import (
    Substitute,
    find_member,
    find_substitute,
    group_of,
    meeting_context,
)
from bot.attendance.reading import (
    NAME_LIMIT,
    REASON_LIMIT,
    PersonRef,
    parse_afbud_text,
    parse_withdraw_text,
)
from bot.context import Context
from bot.domain.attendance import AWAY, AnswerCount, count_answers, forecast_crossed
from bot.domain.enums import AttendanceStatus, MeetingStatus, Role
from bot.domain.permissions import Action
from bot.errors import UserError
from bot.i18n import t
from bot.meetings import meeting_label, resolve_meeting, upcoming_meetings
from bot.ports import Directory
from bot.render import escape, shorten
from bot.settings import Settings
from storage.models import Attendance, Group, Meeting, Member
from storage.repositories import AuditLog, MemberRepo


@dataclass(frozen=True)
class AnswerResult:
    """What one answer changed."""

    meeting_id: int
    member_name: str
    status: AttendanceStatus
    previous: AttendanceStatus | None
    on_behalf: bool
    reason: str | None = None
    substitute: str | None = None
    meeting_text: str = ""


def _lock_meeting(session: Session, meeting_id: int) -> Meeting | None:
    """Load a meeting FOR UPDATE, so concurrent answers to it queue (PostgreSQL)."""
    return session.scalar(select(Meeting).where(Meeting.id == meeting_id).with_for_update())


def expected_members(session: Session, group_id: int) -> list[Member]:
    """Return the members expected to answer: active, and not guests."""
    return [m for m in MemberRepo(session).in_group(group_id) if m.role != Role.GUEST]


def attendance_rows(session: Session, meeting_id: int) -> list[Attendance]:
    """Return every attendance row of a meeting."""
    return list(
        session.scalars(
            select(Attendance).where(Attendance.meeting_id == meeting_id).order_by(Attendance.id)
        )
    )


def answers_by_member(rows: Iterable[Attendance]) -> dict[int, Attendance]:
    """Return the answers keyed by member (guests, who have no member row, are left out)."""
    return {row.member_id: row for row in rows if row.member_id is not None}


def count_for(session: Session, meeting: Meeting) -> AnswerCount:
    """Count attending, afbud and unanswered for a meeting."""
    answers = answers_by_member(attendance_rows(session, meeting.id))
    members = expected_members(session, meeting.group_id)
    return count_answers(
        [m.id for m in members], {k: AttendanceStatus(v.status) for k, v in answers.items()}
    )


def empty_seats(session: Session, meeting: Meeting) -> list[Member]:
    """Return the members away without a substitute, the seats the forecast counts.

    Why: a member who sends a substitute still has their organisation at the table, so
    the group can decide; only seats left empty make a meeting worth moving.
    """
    answers = answers_by_member(attendance_rows(session, meeting.id))
    away: list[Member] = []
    for member in expected_members(session, meeting.group_id):
        row = answers.get(member.id)
        if row is None or AttendanceStatus(row.status) not in AWAY:
            continue
        if row.substitute_member_id is None and not row.substitute_name:
            away.append(member)
    return away


def is_upcoming(meeting: Meeting, now: datetime) -> bool:
    """Tell whether a meeting can still be answered: planned and not yet started."""
    return meeting.status == MeetingStatus.PLANNED and meeting.starts_at > now


def _require_upcoming(session: Session, meeting: Meeting, now: datetime, lang: str) -> None:
    if is_upcoming(meeting, now):
        return
    upcoming = upcoming_meetings(session, meeting.group_id, now, limit=3)
    if not upcoming:
        raise UserError("attendance.meeting_over_none", meeting=meeting_label(meeting, lang))
    raise UserError(
        "attendance.meeting_over",
        meeting=meeting_label(meeting, lang),
        upcoming=", ".join(meeting_label(m, lang) for m in upcoming),
    )


def record_answer(
    session: Session,
    *,
    meeting: Meeting,
    member: Member,
    status: AttendanceStatus,
    actor: Member,
    lang: str,
    now: datetime,
    reason: str | None = None,
    substitute: Substitute | None = None,
) -> AnswerResult:
    """Record a member's answer for a meeting, checking who may, and warn when seats empty.

    A member answers only for themselves; the chair and the secretary may answer for
    anyone, as they do when an apology reaches them by phone or mail.
    """
    on_behalf = actor.id != member.id
    _require_permission(
        session, actor, Action.AFBUD_FOR_OTHERS if on_behalf else Action.AFBUD_SELF, lang
    )
    locked = _lock_meeting(session, meeting.id) or meeting
    _require_upcoming(session, locked, now, lang)
    if substitute is not None and substitute.member_id == member.id:
        raise UserError("attendance.self_substitute")
    group = group_of(session, locked)
    expected = expected_members(session, group.id)
    before = len(empty_seats(session, locked))
    row = session.scalar(
        select(Attendance).where(
            Attendance.meeting_id == locked.id, Attendance.member_id == member.id
        )
    )
    previous = AttendanceStatus(row.status) if row is not None else None
    if row is None:
        row = Attendance(meeting_id=locked.id, member_id=member.id, name=member.name)
        session.add(row)
    row.name = member.name
    row.title = member.title
    row.organisation = member.organisation
    row.recorded_by = actor.slack_user_id
    row.updated_at = now
    if status in AWAY:
        if previous not in AWAY:
            # A fresh afbud starts clean; a second message adds to the first ("afbud" and
            # later "Anne Hansen deltager i stedet").
            row.reason = None
            row.substitute_member_id = None
            row.substitute_name = None
        if reason:
            row.reason = reason
        if substitute is not None:
            row.substitute_member_id = substitute.member_id
            row.substitute_name = substitute.name
    else:
        row.reason = None
        row.substitute_member_id = None
        row.substitute_name = None
    row.status = status
    session.flush()
    after_seats = empty_seats(session, locked)
    AuditLog(session).record(
        at=now,
        action=f"attendance.{status.value}",
        group_id=group.id,
        actor=actor.slack_user_id,
        subject_type="meeting",
        subject_id=locked.id,
        detail={
            "member": member.id,
            "previous": previous.value if previous else None,
            "substitute": row.substitute_name,
        },
    )
    if forecast_crossed(before, len(after_seats), len(expected), group.afbud_threshold):
        schedule_forecast(session, group, locked, now)
    return AnswerResult(
        meeting_id=locked.id,
        member_name=member.name,
        status=status,
        previous=previous,
        on_behalf=on_behalf,
        reason=row.reason,
        substitute=row.substitute_name,
        meeting_text=meeting_label(locked, lang),
    )


def _require_permission(session: Session, actor: Member, action: Action, lang: str) -> None:
    group = session.get(Group, actor.group_id)
    ctx = Context(group=group, member=actor, lang=lang)
    ctx.require(action)


def afbud_from_text(
    session: Session,
    directory: Directory,
    *,
    ctx: Context,
    text: str,
    now: datetime,
) -> AnswerResult:
    """Record an afbud written as text: for oneself, or by an officer for someone else."""
    group = ctx.require_group()
    actor = ctx.require(Action.AFBUD_SELF)
    parsed = parse_afbud_text(text, now, group.timezone)
    member = actor if parsed.target is None else find_member(session, group, parsed.target)
    if member.id != actor.id:
        ctx.require(Action.AFBUD_FOR_OTHERS)
    meeting = resolve_meeting(session, group, parsed.when_text, now)
    substitute = (
        find_substitute(session, directory, group, parsed.substitute)
        if parsed.substitute is not None
        else None
    )
    return record_answer(
        session,
        meeting=meeting,
        member=member,
        status=AttendanceStatus.AFBUD,
        actor=actor,
        lang=ctx.lang,
        now=now,
        reason=parsed.reason,
        substitute=substitute,
    )


def attending_from_text(
    session: Session, *, ctx: Context, text: str, now: datetime
) -> AnswerResult:
    """Record "jeg kommer alligevel" (taking an afbud back) or "jeg deltager"."""
    group = ctx.require_group()
    actor = ctx.require(Action.AFBUD_SELF)
    target, when_text = parse_withdraw_text(text, now, group.timezone)
    member = actor if target is None else find_member(session, group, target)
    if member.id != actor.id:
        ctx.require(Action.AFBUD_FOR_OTHERS)
    meeting = resolve_meeting(session, group, when_text, now)
    return record_answer(
        session,
        meeting=meeting,
        member=member,
        status=AttendanceStatus.ATTENDING,
        actor=actor,
        lang=ctx.lang,
        now=now,
    )


def answer_for_meeting(
    session: Session,
    settings: Settings,
    directory: Directory,
    *,
    meeting_id: int,
    user_id: str,
    status: AttendanceStatus,
    now: datetime,
    reason: str | None = None,
    substitute_user: str | None = None,
    substitute_name: str | None = None,
) -> tuple[AnswerResult, Context]:
    """Record a button or modal answer of a Slack user for a meeting given by id."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise UserError("attendance.no_such_meeting")
    ctx = meeting_context(session, settings, meeting, user_id)
    member = ctx.require(Action.AFBUD_SELF)
    substitute: Substitute | None = None
    if substitute_user:
        substitute = find_substitute(
            session, directory, ctx.require_group(), PersonRef(slack_user_id=substitute_user)
        )
    elif substitute_name and substitute_name.strip():
        substitute = Substitute(name=shorten(" ".join(substitute_name.split()), NAME_LIMIT))
    cleaned = shorten(" ".join(reason.split()), REASON_LIMIT) if reason and reason.strip() else None
    result = record_answer(
        session,
        meeting=meeting,
        member=member,
        status=status,
        actor=member,
        lang=ctx.lang,
        now=now,
        reason=cleaned,
        substitute=substitute,
    )
    return result, ctx


def check_can_answer(
    session: Session, settings: Settings, *, meeting_id: int, user_id: str, now: datetime
) -> tuple[Meeting, Context]:
    """Check before opening the afbud modal that the person may answer for the meeting."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise UserError("attendance.no_such_meeting")
    ctx = meeting_context(session, settings, meeting, user_id)
    ctx.require(Action.AFBUD_SELF)
    _require_upcoming(session, meeting, now, ctx.lang)
    return meeting, ctx


def answer_text(result: AnswerResult, lang: str) -> str:
    """Return the confirmation of an answer, in whole sentences."""
    name = escape(result.member_name)
    meeting = result.meeting_text
    sentences: list[str] = []
    if result.status in AWAY:
        key = "attendance.done.afbud_other" if result.on_behalf else "attendance.done.afbud"
        sentences.append(t(key, lang, name=name, meeting=meeting))
        if result.reason:
            sentences.append(t("attendance.done.reason", lang, reason=escape(result.reason)))
        if result.substitute:
            sentences.append(
                t("attendance.done.substitute", lang, substitute=escape(result.substitute))
            )
        if not result.on_behalf:
            sentences.append(t("attendance.done.undo_hint", lang))
    elif result.previous in AWAY:
        key = "attendance.done.withdrawn_other" if result.on_behalf else "attendance.done.withdrawn"
        sentences.append(t(key, lang, name=name, meeting=meeting))
    else:
        key = "attendance.done.attending_other" if result.on_behalf else "attendance.done.attending"
        sentences.append(t(key, lang, name=name, meeting=meeting))
    return " ".join(sentences)
