"""Afbud and attendance: record answers, announce meetings, remind, forecast, list who comes.

Every way in (a command, a free-text sentence, a DM, the announcement's buttons and the
modal) ends in :func:`record_answer`, one write per transaction. Timed work (the
announcement, the reminders, the chair's list and the forecast warning) lives in due
rows with unique keys, so a restart or a second process never sends anything twice.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, object_session

from bot.context import Context, language_for, resolve
from bot.dates import DateParseError, find_when
from bot.domain.attendance import (
    AWAY,
    AnswerCount,
    afbud_limit,
    count_answers,
    forecast_crossed,
    meeting_stamp,
    plan_meeting_work,
)
from bot.domain.enums import AttendanceStatus, MeetingStatus, Role
from bot.domain.permissions import Action
from bot.errors import UserError
from bot.i18n import t
from bot.ports import Directory, Message, Posted
from bot.referat.buttons import write_button
from bot.render import (
    actions_block,
    button,
    context_block,
    escape,
    header_block,
    section_block,
    shorten,
    slack_date,
)
from bot.router import Request
from bot.scheduler import SendAfterCommit
from bot.settings import Settings
from storage.models import Attendance, AuditEntry, DueWork, Group, Meeting, Member
from storage.repositories import AuditLog, DueWorkRepo, GroupRepo, MemberRepo, SentLog

if TYPE_CHECKING:
    from bot.services import Services

log = logging.getLogger(__name__)

# bot.meetings and bot.agenda are imported inside the functions that need them: the
# meetings feature calls schedule_meeting_work from here, so a top-level import either
# way round would be a cycle.

#: Kinds of due work of this feature.
ANNOUNCE = "attendance.announce"
ICS = "attendance.ics"
REMIND = "attendance.remind"
LIST = "attendance.list"
DM = "attendance.dm"

#: What a per-person DM row sends.
DM_REMIND = "remind"
DM_LIST = "list"
DM_FORECAST = "forecast"

#: Action ids of the attendance buttons and the callback id of the afbud modal.
YES_ACTION = "attendance_yes"
NO_ACTION = "attendance_no"
MODAL_CALLBACK = "attendance_afbud"

REASON_LIMIT = 500
NAME_LIMIT = 200
PLANNER_MEETINGS = 10

USER_REF = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
_PERSON = r"<@[UW][A-Z0-9]+(?:\|[^>]*)?>|@?[^\W\d_][^\d,;:()<>]*?"

# The sentence that says "I cannot come", however it is put; stripped before the date.
_LEAD = re.compile(
    r"^\s*(?:(?:jeg|i)\s+)?(?:"
    r"melder\s+afbud|kan\s+ikke\s+(?:komme|deltage|være\s+med)|kommer\s+ikke|deltager\s+ikke"
    r"|(?:can(?:'|’)?t|cannot|can\s+not|won(?:'|’)?t)\s+(?:come|attend|make\s+it)"
    r"|(?:send|sending)\s+(?:my\s+)?apologies|afbud|absent|apologies"
    r")(?!\w)[\s,:.!–-]*",
    re.IGNORECASE,
)
_WITHDRAW_LEAD = re.compile(
    r"^\s*(?:(?:jeg|i)\s+)?(?:"
    r"kommer\s+alligevel|deltager\s+alligevel|kan\s+(?:godt\s+)?komme\s+alligevel"
    r"|kommer|deltager|(?:am|'m|will)\s+(?:coming|attending)(?:\s+after\s+all)?"
    r"|can\s+come(?:\s+after\s+all)?|come\s+after\s+all"
    r")(?!\w)[\s,:.!–-]*",
    re.IGNORECASE,
)
# "Anne Hansen deltager i stedet", "<@U1> kommer i stedet", "X attends instead".
_SUBSTITUTE_AFTER = re.compile(
    rf"(?:^|[,;:]\s*|\.\s+|\s+(?:og|and|men|but)\s+|\s+[–-]\s+)"
    rf"(?P<who>{_PERSON})\s+"
    r"(?:deltager|kommer|møder(?:\s+op)?|attends|will\s+attend|is\s+coming|comes|will\s+come)"
    r"\s+(?:i\s+stedet|instead)(?!\w)",
    re.IGNORECASE,
)
# "stedfortræder: Anne Hansen", "substitute <@U1>".
_SUBSTITUTE_BEFORE = re.compile(
    r"(?:^|(?<=[\s,;.(]))(?:stedfortræder(?:en)?(?:\s+er)?|substitute(?:\s+is)?)\s*:?\s*"
    r"(?P<who><@[UW][A-Z0-9]+(?:\|[^>]*)?>|@?[^\W\d_][^\d,;:()<>.]*)",
    re.IGNORECASE,
)
_TARGET = re.compile(r"^\s*(?:for\s+)?(?P<who><@[UW][A-Z0-9]+(?:\|[^>]*)?>|@[^\s,;:]+)", re.I)
_REASON_MARK = re.compile(
    r"(?<!\w)(?:pga\.?|p\.g\.a\.?|på\s+grund\s+af|grundet|fordi|da\s+jeg|because(?:\s+of)?"
    r"|due\s+to|owing\s+to|reason:)(?!\w)",
    re.IGNORECASE,
)
_MEETING_WORDS = re.compile(
    r"(?<!\w)(?:(?:til|for|i|på)\s+)?(?:mødet|møde|(?:the\s+)?meeting)(?!\w)|"
    r"(?<!\w)(?:to|for|at|on)\s+the\s+meeting(?!\w)",
    re.IGNORECASE,
)
_FILLER = re.compile(r"^(?:til|for|to|on|at|the|den|d\.|i|på|om|in|,|\.|:|;|-|–|\s)*$", re.I)
_EDGES = " \t\n,;:.!–-"


# ---------------------------------------------------------------------------
# Reading what people wrote
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonRef:
    """A person named in a message: a Slack mention, an @handle or a written name."""

    slack_user_id: str | None = None
    name: str | None = None


@dataclass(frozen=True)
class AfbudText:
    """An afbud sentence taken apart: for whom, for which meeting, why, and who comes instead."""

    target: PersonRef | None
    when_text: str | None
    reason: str | None
    substitute: PersonRef | None


def person_ref(text: str) -> PersonRef:
    """Read a mention (``<@U123>``), an ``@handle`` or a plain name."""
    text = text.strip(_EDGES)
    mention = USER_REF.fullmatch(text)
    if mention is not None:
        return PersonRef(slack_user_id=mention.group(1))
    return PersonRef(name=shorten(" ".join(text.lstrip("@").split()), NAME_LIMIT))


def _cut(text: str, start: int, end: int) -> str:
    return (text[:start] + " " + text[end:]).strip()


def _split_date(text: str, now: datetime, tz: str) -> tuple[str | None, str]:
    """Find the meeting date in a text; return it and the text without it."""
    try:
        found = find_when(text, now, tz, prefer="future")
    except DateParseError as exc:
        raise UserError("attendance.bad_date", fragment=escape(exc.fragment)) from None
    if found is None:
        return None, text
    _, start, end = found
    return text[start:end].strip(), _cut(text, start, end)


def _clean_reason(head: str, tail: str = "") -> str | None:
    """Join what is left of an afbud sentence into the reason, dropping "til mødet" words."""
    head = " ".join(_MEETING_WORDS.sub(" ", head).split()).strip(_EDGES)
    if _FILLER.fullmatch(head):
        head = ""
    text = " ".join(f"{head} {tail}".split()).strip(_EDGES)
    return shorten(text, REASON_LIMIT) if text else None


def parse_afbud_text(text: str, now: datetime, tz: str) -> AfbudText:
    """Take an afbud sentence apart: "kan ikke komme 15/3 pga. sygdom", "afbud @Pia 3/5 ferie".

    The reason starts at a word such as "pga." or "because"; only the part before it is
    searched for the date, so "pga. et andet møde kl 14" is never read as the meeting.
    """
    rest = _LEAD.sub("", text, count=1).strip()
    substitute: PersonRef | None = None
    for pattern in (_SUBSTITUTE_AFTER, _SUBSTITUTE_BEFORE):
        match = pattern.search(rest)
        if match is not None:
            substitute = person_ref(match.group("who"))
            rest = _cut(rest, match.start(), match.end())
            break
    target: PersonRef | None = None
    match = _TARGET.match(rest)
    if match is not None:
        target = person_ref(match.group("who"))
        rest = rest[match.end() :].strip()
    mark = _REASON_MARK.search(rest)
    head, tail = (rest, "") if mark is None else (rest[: mark.start()], rest[mark.end() :])
    when_text, head = _split_date(head, now, tz)
    reason = _clean_reason(head, tail)
    return AfbudText(target=target, when_text=when_text, reason=reason, substitute=substitute)


def parse_withdraw_text(text: str, now: datetime, tz: str) -> tuple[PersonRef | None, str | None]:
    """Read "jeg kommer alligevel [dato]" or "@Pia kommer alligevel"; return (target, date)."""
    rest = text.strip()
    target: PersonRef | None = None
    match = _TARGET.match(rest)
    if match is not None:
        target = person_ref(match.group("who"))
        rest = rest[match.end() :].strip()
    rest = _WITHDRAW_LEAD.sub("", rest, count=1)
    when_text, _ = _split_date(rest, now, tz)
    return target, when_text


# ---------------------------------------------------------------------------
# Who is asking, and about whom
# ---------------------------------------------------------------------------


def request_context(session: Session, settings: Settings, request: Request) -> Context:
    """Resolve the group behind a request; in a DM of someone in several groups, ask which."""
    ctx = resolve(session, settings, request)
    if ctx.group is None and request.in_dm:
        groups = MemberRepo(session).groups_of(request.user_id)
        if len(groups) > 1:
            raise UserError(
                "attendance.which_group",
                groups=", ".join(f"*{escape(g.name)}*" for g in groups),
            )
    return ctx


def meeting_context(
    session: Session, settings: Settings, meeting: Meeting, user_id: str
) -> Context:
    """Return the context of a person acting on a meeting (a button press or a modal)."""
    group = _group_of(session, meeting)
    member = MemberRepo(session).by_slack_user(group.id, user_id)
    if member is not None and not member.active:
        member = None
    return Context(group=group, member=member, lang=language_for(settings, group, member))


def find_member(session: Session, group: Group, ref: PersonRef) -> Member:
    """Return the group's member a reference names; refuse unknown or ambiguous names."""
    members = MemberRepo(session)
    if ref.slack_user_id is not None:
        member = members.by_slack_user(group.id, ref.slack_user_id)
        if member is None or not member.active:
            raise UserError("attendance.not_member", who=f"<@{ref.slack_user_id}>")
        return member
    wanted = " ".join((ref.name or "").casefold().split())
    everyone = members.in_group(group.id)
    exact = [m for m in everyone if m.name.casefold() == wanted]
    if len(exact) == 1:
        return exact[0]
    candidates = [
        m
        for m in everyone
        if wanted
        and (
            m.name.casefold().startswith(wanted)
            or any(part == wanted for part in m.name.casefold().split())
            or m.name.casefold().replace(" ", "") == wanted.replace(" ", "")
        )
    ]
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise UserError("attendance.unknown_person", who=escape(ref.name or ""))
    raise UserError(
        "attendance.ambiguous_person",
        who=escape(ref.name or ""),
        names=", ".join(escape(m.name) for m in candidates),
    )


@dataclass(frozen=True)
class Substitute:
    """Who comes instead of an absent member."""

    name: str
    member_id: int | None = None


def find_substitute(
    session: Session, directory: Directory, group: Group, ref: PersonRef
) -> Substitute:
    """Resolve a substitute: a member, another Slack user, or a person named in writing."""
    if ref.slack_user_id is not None:
        member = MemberRepo(session).by_slack_user(group.id, ref.slack_user_id)
        if member is not None:
            return Substitute(name=member.name, member_id=member.id)
        user = directory.user(ref.slack_user_id)
        if user is None:
            raise UserError("attendance.unknown_substitute", who=f"<@{ref.slack_user_id}>")
        return Substitute(name=shorten(user.real_name or user.name, NAME_LIMIT))
    name = (ref.name or "").strip()
    if not name:
        raise UserError("attendance.usage")
    return Substitute(name=name)


# ---------------------------------------------------------------------------
# Recording answers
# ---------------------------------------------------------------------------


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


def _group_of(session: Session, meeting: Meeting) -> Group:
    group = session.get(Group, meeting.group_id)
    if group is None:  # the foreign key makes this impossible; say so loudly if it happens
        raise LookupError(f"meeting {meeting.id} has no group")
    return group


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


def _answers(rows: Iterable[Attendance]) -> dict[int, Attendance]:
    return {row.member_id: row for row in rows if row.member_id is not None}


def count_for(session: Session, meeting: Meeting) -> AnswerCount:
    """Count attending, afbud and unanswered for a meeting."""
    answers = _answers(attendance_rows(session, meeting.id))
    members = expected_members(session, meeting.group_id)
    return count_answers(
        [m.id for m in members], {k: AttendanceStatus(v.status) for k, v in answers.items()}
    )


def empty_seats(session: Session, meeting: Meeting) -> list[Member]:
    """Return the members away without a substitute, the seats the forecast counts.

    Why: a member who sends a substitute still has their organisation at the table, so
    the group can decide; only seats left empty make a meeting worth moving.
    """
    answers = _answers(attendance_rows(session, meeting.id))
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
    from bot.meetings import meeting_label, upcoming_meetings

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
    from bot.meetings import meeting_label

    on_behalf = actor.id != member.id
    _require_permission(
        session, actor, Action.AFBUD_FOR_OTHERS if on_behalf else Action.AFBUD_SELF, lang
    )
    locked = _lock_meeting(session, meeting.id) or meeting
    _require_upcoming(session, locked, now, lang)
    if substitute is not None and substitute.member_id == member.id:
        raise UserError("attendance.self_substitute")
    group = _group_of(session, locked)
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


def _resolve_meeting(
    session: Session, group: Group, when_text: str | None, now: datetime
) -> Meeting:
    from bot.meetings import resolve_meeting

    return resolve_meeting(session, group, when_text, now)


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
    meeting = _resolve_meeting(session, group, parsed.when_text, now)
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
    meeting = _resolve_meeting(session, group, when_text, now)
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


def afbud_modal(meeting: Meeting, lang: str, metadata: str) -> dict[str, Any]:
    """Build the afbud modal: an optional reason and an optional substitute."""
    from bot.meetings import meeting_label

    def plain(key: str) -> dict[str, Any]:
        return {"type": "plain_text", "text": shorten(t(key, lang), 24)}

    def label(key: str) -> dict[str, Any]:
        return {"type": "plain_text", "text": shorten(t(key, lang), 2000)}

    return {
        "type": "modal",
        "callback_id": MODAL_CALLBACK,
        "title": plain("attendance.modal.title"),
        "submit": plain("attendance.modal.submit"),
        "close": plain("attendance.modal.close"),
        "private_metadata": metadata[:3000],
        "blocks": [
            section_block(
                t("attendance.modal.intro", lang, meeting=escape(meeting_label(meeting, lang)))
            ),
            {
                "type": "input",
                "block_id": "reason",
                "optional": True,
                "label": label("attendance.modal.reason"),
                "element": {
                    "type": "plain_text_input",
                    "action_id": "reason",
                    "max_length": REASON_LIMIT,
                },
            },
            {
                "type": "input",
                "block_id": "substitute_user",
                "optional": True,
                "label": label("attendance.modal.substitute_user"),
                "element": {"type": "users_select", "action_id": "substitute_user"},
            },
            {
                "type": "input",
                "block_id": "substitute_name",
                "optional": True,
                "label": label("attendance.modal.substitute_name"),
                "hint": label("attendance.modal.substitute_hint"),
                "element": {
                    "type": "plain_text_input",
                    "action_id": "substitute_name",
                    "max_length": NAME_LIMIT,
                },
            },
        ],
    }


# ---------------------------------------------------------------------------
# The forecast warning
# ---------------------------------------------------------------------------


def _recipients(session: Session, group_id: int, roles: Sequence[Role]) -> list[Member]:
    members = MemberRepo(session)
    found: dict[int, Member] = {}
    for role in roles:
        for member in members.with_role(group_id, role):
            if member.slack_user_id:
                found[member.id] = member
    return sorted(found.values(), key=lambda m: m.name)


def forecast_recipients(session: Session, group_id: int) -> list[Member]:
    """Return who hears the forecast: the chair, or the secretary when there is no chair."""
    return _recipients(session, group_id, [Role.CHAIR]) or _recipients(
        session, group_id, [Role.SECRETARY]
    )


def schedule_forecast(session: Session, group: Group, meeting: Meeting, now: datetime) -> None:
    """Schedule the forecast warning of one threshold crossing (one DM row per recipient)."""
    pending = session.scalar(
        select(DueWork.id).where(
            DueWork.kind == DM,
            DueWork.key.like(f"attendance.dm:{meeting.id}:%:{DM_FORECAST}:%"),
            DueWork.done_at.is_(None),
        )
    )
    if pending is not None:
        return  # the chair has not even been told about the last crossing yet
    crossing = 1 + len(
        session.scalars(
            select(AuditEntry.id).where(
                AuditEntry.action == "attendance.forecast",
                AuditEntry.subject_type == "meeting",
                AuditEntry.subject_id == meeting.id,
            )
        ).all()
    )
    AuditLog(session).record(
        at=now,
        action="attendance.forecast",
        group_id=group.id,
        subject_type="meeting",
        subject_id=meeting.id,
        detail={"crossing": crossing},
    )
    repo = DueWorkRepo(session)
    for recipient in forecast_recipients(session, group.id):
        repo.schedule(
            kind=DM,
            key=f"attendance.dm:{meeting.id}:{recipient.id}:{DM_FORECAST}:{crossing}",
            due_at=now,
            now=now,
            group_id=group.id,
            payload={
                "meeting_id": meeting.id,
                "member_id": recipient.id,
                "what": DM_FORECAST,
                "stamp": meeting_stamp(meeting.starts_at),
                "crossing": crossing,
            },
            replace=False,
        )


# ---------------------------------------------------------------------------
# Scheduling the timed work of a meeting
# ---------------------------------------------------------------------------


def announcement_digest(meeting: Meeting) -> str:
    """Return a token of what the announcement shows, so a change brings a fresh one."""
    ends = meeting.ends_at.isoformat() if meeting.ends_at else ""
    raw = "|".join(
        [
            meeting_stamp(meeting.starts_at),
            ends,
            meeting.location or "",
            meeting.title or "",
            meeting.status,
            str(getattr(meeting, "sequence", 0) or 0),
        ]
    )
    return hashlib.sha256(raw.encode()).hexdigest()[:12]


def _work_keys(meeting: Meeting) -> dict[str, str]:
    stamp = meeting_stamp(meeting.starts_at)
    return {
        ANNOUNCE: f"{ANNOUNCE}:{meeting.id}:{announcement_digest(meeting)}",
        REMIND: f"{REMIND}:{meeting.id}:{stamp}",
        LIST: f"{LIST}:{meeting.id}:{stamp}",
    }


def schedule_meeting_work(session: Session, meeting: Meeting, now: datetime) -> None:
    """Schedule the announcement and reminders of a created, moved or cancelled meeting.

    Keys carry the meeting's start (and for the announcement what it shows), so a moved
    meeting gets fresh work and the rows of its old date are cancelled; rows already
    there are never touched, so a planner running every minute cannot reset a lease.
    """
    group = _group_of(session, meeting)
    keys = _work_keys(meeting)
    stale = session.scalars(
        select(DueWork).where(
            DueWork.kind.in_([ANNOUNCE, REMIND, LIST]),
            DueWork.done_at.is_(None),
            DueWork.key.like(f"attendance.%:{meeting.id}:%"),
        )
    ).all()
    for row in stale:
        if row.key.split(":")[1] == str(meeting.id) and row.key not in keys.values():
            row.done_at = now
            row.last_error = "superseded"
    announced = my_announcement(session, meeting) is not None
    if meeting.status == MeetingStatus.CANCELLED:
        if announced:
            _insert_missing(session, meeting, group, {ANNOUNCE: (keys[ANNOUNCE], now)}, now)
        return
    plan = plan_meeting_work(
        meeting.starts_at, group.timezone, group.announce_days, now, announced=announced
    )
    wanted: dict[str, tuple[str, datetime]] = {}
    if meeting.status == MeetingStatus.PLANNED:
        if plan.announce_at is not None:
            wanted[ANNOUNCE] = (keys[ANNOUNCE], plan.announce_at)
        if plan.remind_at is not None:
            wanted[REMIND] = (keys[REMIND], plan.remind_at)
        if plan.list_at is not None:
            wanted[LIST] = (keys[LIST], plan.list_at)
    _insert_missing(session, meeting, group, wanted, now)


def _insert_missing(
    session: Session,
    meeting: Meeting,
    group: Group,
    wanted: dict[str, tuple[str, datetime]],
    now: datetime,
) -> None:
    if not wanted:
        return
    keys = [key for key, _ in wanted.values()]
    existing = set(session.scalars(select(DueWork.key).where(DueWork.key.in_(keys))))
    payload = {
        "meeting_id": meeting.id,
        "stamp": meeting_stamp(meeting.starts_at),
        "digest": announcement_digest(meeting),
    }
    for kind, (key, due_at) in wanted.items():
        if key in existing:
            continue
        try:
            # A savepoint: a second process inserting the same key just loses the race.
            with session.begin_nested():
                DueWorkRepo(session).schedule(
                    kind=kind,
                    key=key,
                    due_at=due_at,
                    now=now,
                    group_id=group.id,
                    payload=dict(payload),
                    replace=False,
                )
        except IntegrityError:
            log.info("due work %s was scheduled by another process", key)


def plan_attendance_work(services: Services, now: datetime) -> None:
    """Schedule missing work for every upcoming meeting, however the meeting was created."""
    from bot.meetings import upcoming_meetings

    with services.uow() as session:
        for group in GroupRepo(session).all():
            for meeting in upcoming_meetings(session, group.id, now, limit=PLANNER_MEETINGS):
                schedule_meeting_work(session, meeting, now)


# ---------------------------------------------------------------------------
# The announcement and its live count
# ---------------------------------------------------------------------------


def _time_token(at: datetime, tz: str) -> str:
    local = at.astimezone(ZoneInfo(tz))
    return f"<!date^{int(at.timestamp())}^{{time}}|{local.strftime('%H:%M')}>"


def when_text(meeting: Meeting, group: Group) -> str:
    """Return the meeting's date and time as Slack date tokens (each reader's own zone)."""
    start = slack_date(meeting.starts_at, group.timezone, with_time=meeting.has_time)
    if meeting.has_time and meeting.ends_at is not None:
        return f"{start}–{_time_token(meeting.ends_at, group.timezone)}"
    return start


def count_text(count: AnswerCount, lang: str) -> str:
    """Return the live count: "8 deltager · 2 afbud · 3 mangler svar"."""
    return t(
        "attendance.count",
        lang,
        attending=count.attending,
        afbud=count.afbud,
        unanswered=count.unanswered,
    )


def answer_buttons(meeting_id: int, lang: str, *, block_id: str | None = None) -> dict[str, Any]:
    """Return the "Jeg deltager" / "Meld afbud" buttons of a meeting."""
    value = str(meeting_id)
    return actions_block(
        [
            button(t("attendance.button.yes", lang), YES_ACTION, value, style="primary"),
            button(t("attendance.button.no", lang), NO_ACTION, value),
        ],
        block_id=block_id,
    )


def _notice_buttons(meeting_id: int, lang: str) -> dict[str, Any]:
    """Return the notice's buttons: the answers, and "Skriv referat" for the secretary."""
    block = answer_buttons(meeting_id, lang, block_id="attendance_buttons")
    block["elements"].append(write_button(meeting_id, lang))
    return block


def my_announcement(session: Session, meeting: Meeting) -> tuple[str, str] | None:
    """Return (channel, ts) of this feature's announcement of a meeting, if it is current.

    The meetings feature also posts to ``Meeting.announcement_ts`` when a meeting is
    created or moved; only the announcement posted here carries the buttons and the
    count, so only that one is updated, and a newer post by the meetings feature does
    not count as announced.
    """
    sent = SentLog(session).get(f"attendance:announce:{meeting.id}")
    if (
        sent is None
        or not sent.ts
        or sent.ts != meeting.announcement_ts
        or sent.channel != meeting.announcement_channel
    ):
        return None
    return sent.channel, sent.ts


# ---------------------------------------------------------------------------
# Due work handlers
# ---------------------------------------------------------------------------


def _session(row: DueWork) -> Session:
    session = object_session(row)
    if session is None:
        raise RuntimeError("due work row is not attached to the tick's session")
    return session


def _payload_meeting(session: Session, row: DueWork) -> Meeting | None:
    payload = row.payload or {}
    meeting_id = payload.get("meeting_id")
    return session.get(Meeting, int(meeting_id)) if meeting_id is not None else None


def run_ics(services: Services, row: DueWork, now: datetime) -> SendAfterCommit | None:
    """Share the meeting's calendar file in the announcement's thread."""
    from bot.ics import ics_filename, meeting_ics

    session = _session(row)
    meeting = _payload_meeting(session, row)
    if meeting is None or not is_upcoming(meeting, now):
        return None
    mine = my_announcement(session, meeting)
    if mine is None or mine[1] != (row.payload or {}).get("ts"):
        return None
    key = f"attendance:ics:{meeting.id}:{mine[1]}"
    if SentLog(session).get(key) is not None:
        return None
    group = _group_of(session, meeting)
    channel, ts = mine
    filename, content = ics_filename(group, meeting), meeting_ics([meeting], group)
    title = t("attendance.ics.title", group.language, group=group.name)
    comment = t("attendance.ics.comment", group.language)

    def upload() -> Posted:
        file_id = services.notifier.upload(
            channel, filename, content, title=title, thread_ts=ts, comment=comment
        )
        return Posted(channel, file_id or "")

    def record(session: Session, posted: Posted) -> None:
        SentLog(session).record(key, posted.channel, posted.ts, now)

    # Uploaded once this transaction has committed: no Slack call while it holds the lock.
    return SendAfterCommit(send=upload, record=record)


def _fan_out(
    session: Session,
    meeting: Meeting,
    recipients: Iterable[Member],
    what: str,
    now: datetime,
) -> int:
    stamp = meeting_stamp(meeting.starts_at)
    repo = DueWorkRepo(session)
    count = 0
    for member in recipients:
        if not member.slack_user_id:
            continue
        repo.schedule(
            kind=DM,
            key=f"attendance.dm:{meeting.id}:{member.id}:{what}:{stamp}",
            due_at=now,
            now=now,
            group_id=meeting.group_id,
            payload={
                "meeting_id": meeting.id,
                "member_id": member.id,
                "what": what,
                "stamp": stamp,
            },
            replace=False,
        )
        count += 1
    return count


def _current(row: DueWork, meeting: Meeting | None, now: datetime) -> bool:
    """Tell whether a reminder row still concerns the meeting as it now stands."""
    if meeting is None or not is_upcoming(meeting, now):
        return False
    return (row.payload or {}).get("stamp") == meeting_stamp(meeting.starts_at)


def unanswered_members(session: Session, meeting: Meeting) -> list[Member]:
    """Return the expected members who have not answered for a meeting."""
    answers = _answers(attendance_rows(session, meeting.id))
    return [m for m in expected_members(session, meeting.group_id) if m.id not in answers]


def run_remind(services: Services, row: DueWork, now: datetime) -> None:
    """Two working days before: schedule a DM to each member who has not answered."""
    session = _session(row)
    meeting = _payload_meeting(session, row)
    if meeting is None or not _current(row, meeting, now):
        return
    _fan_out(session, meeting, unanswered_members(session, meeting), DM_REMIND, now)


def run_list(services: Services, row: DueWork, now: datetime) -> None:
    """The working day before: schedule the attendance list for the chair and secretary."""
    session = _session(row)
    meeting = _payload_meeting(session, row)
    if meeting is None or not _current(row, meeting, now):
        return
    recipients = _recipients(session, meeting.group_id, [Role.CHAIR, Role.SECRETARY])
    _fan_out(session, meeting, recipients, DM_LIST, now)


def run_dm(services: Services, row: DueWork, now: datetime) -> SendAfterCommit | None:
    """Send one person one attendance DM (reminder, list or forecast), at most once."""
    session = _session(row)
    payload = row.payload or {}
    meeting = _payload_meeting(session, row)
    if meeting is None or not _current(row, meeting, now):
        return None
    member = session.get(Member, int(payload.get("member_id", 0)))
    if member is None or not member.active or not member.slack_user_id:
        return None
    what = str(payload.get("what"))
    occasion = payload.get("crossing") if what == DM_FORECAST else payload.get("stamp")
    key = f"attendance:{what}:{meeting.id}:{member.id}:{occasion}"
    sent = SentLog(session)
    if sent.get(key) is not None:
        return None
    group = _group_of(session, meeting)
    lang = language_for(services.settings, group, member)
    message: Message | None
    if what == DM_REMIND:
        message = reminder_message(session, meeting, group, member, lang)
    elif what == DM_LIST:
        message = list_message(session, meeting, group, lang)
    elif what == DM_FORECAST:
        message = forecast_message(session, meeting, group, lang)
    else:
        raise ValueError(f"unknown attendance DM {what!r}")
    if message is None:
        return None
    user_id, text = member.slack_user_id, message

    def record(session: Session, posted: Posted) -> None:
        SentLog(session).record(key, posted.channel, posted.ts, now)

    # Sent once this transaction has committed: no Slack call while it holds the lock.
    return SendAfterCommit(send=lambda: services.notifier.dm(user_id, text), record=record)


# ---------------------------------------------------------------------------
# DM contents
# ---------------------------------------------------------------------------


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
    when = when_text(meeting, group)
    text = t("attendance.remind.text", lang, group=escape(group.name), when=when)
    blocks = [
        section_block(text),
        answer_buttons(meeting.id, lang),
        context_block(t("attendance.remind.hint", lang)),
    ]
    return Message(text=text, blocks=blocks)


@dataclass
class _Lists:
    attending: list[str] = field(default_factory=list)
    afbud: list[str] = field(default_factory=list)
    unanswered: list[str] = field(default_factory=list)


def _lists(session: Session, meeting: Meeting, lang: str, *, reasons: bool) -> _Lists:
    answers = _answers(attendance_rows(session, meeting.id))
    lists = _Lists()
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


def _names(names: Sequence[str], lang: str) -> str:
    return ", ".join(names) if names else t("attendance.none", lang)


def list_message(session: Session, meeting: Meeting, group: Group, lang: str) -> Message:
    """Return the attendance list the chair and the secretary get the day before."""
    lists = _lists(session, meeting, lang, reasons=True)
    when = when_text(meeting, group)
    title = t("attendance.list.title", lang, group=escape(group.name), when=when)
    body = t(
        "attendance.list.body",
        lang,
        attending=_names(lists.attending, lang),
        afbud=_names(lists.afbud, lang),
        unanswered=_names(lists.unanswered, lang),
    )
    count = count_for(session, meeting)
    return Message(
        text=f"{title}\n{body}",
        blocks=[section_block(title), section_block(body), context_block(count_text(count, lang))],
    )


def forecast_message(session: Session, meeting: Meeting, group: Group, lang: str) -> Message | None:
    """Return the warning that many seats will be empty (None when that passed again)."""
    seats = empty_seats(session, meeting)
    expected = expected_members(session, group.id)
    if len(seats) < afbud_limit(len(expected), group.afbud_threshold):
        return None
    text = t(
        "attendance.forecast.text",
        lang,
        count=len(seats),
        members=len(expected),
        group=escape(group.name),
        when=when_text(meeting, group),
        names=", ".join(escape(m.name) for m in seats),
    )
    return Message(
        text=text,
        blocks=[section_block(text), context_block(t("attendance.forecast.hint", lang))],
    )


# ---------------------------------------------------------------------------
# Questions: who is coming, who sent afbud, is Pia coming
# ---------------------------------------------------------------------------

_MENTION_OR_NAME = r"(?:<@[UW][A-Z0-9]+(?:\|[^>]*)?>|@?(?-i:[A-ZÆØÅ])[^\s?]*)"

#: "hvem har meldt afbud?", "who has sent apologies?"
QUESTION_AFBUD = re.compile(
    r"^\s*(?:hvem\s+(?:har\s+)?(?:meldt|sendt|givet)\s+afbud|hvem\s+(?:kan\s+ikke|kommer\s+ikke)"
    r"|who(?:\s+has|\s+have)?\s+(?:sent\s+)?(?:apologies|apologised|apologized)"
    r"|who(?:'s|\s+is|\s+are)\s+(?:absent|away|not\s+coming))(?!\w)",
    re.IGNORECASE,
)
#: "hvem kommer på fredag?", "who is coming on Friday?"
QUESTION_WHO = re.compile(
    r"^\s*(?:hvem\s+(?:kommer|deltager|er\s+med)|who(?:'s|\s+is|\s+are|\s+will\s+be)?\s+"
    r"(?:coming|attending|there))(?!\w)",
    re.IGNORECASE,
)
#: "kommer Pia?", "deltager @Pia 3/5?", "is Pia coming on Friday?" (a name starts uppercase,
#: so "kommer der en ny rammeaftale?" stays an archive question).
QUESTION_PERSON = re.compile(
    rf"^\s*(?:(?:kommer|deltager)\s+(?=(?:<@|@?(?-i:[A-ZÆØÅ])))(?!(?-i:I)\s)"
    rf"|(?:is|will)\s+(?={_MENTION_OR_NAME}(?:\s+\S+){{0,3}}?\s+(?:be\s+)?"
    r"(?:coming|attending|there|come|attend)(?!\w)))",
    re.IGNORECASE,
)
_PERSON_QUESTION_WORDS = re.compile(
    r"^\s*(?:kommer|deltager|is|will)\s+|(?<!\w)(?:be\s+)?(?:coming|attending|there|come|attend)"
    r"(?!\w)|[?]",
    re.IGNORECASE,
)


def _question_meeting(
    session: Session, group: Group, text: str, now: datetime
) -> tuple[Meeting, str]:
    when_fragment, rest = _split_date(text, now, group.timezone)
    return _resolve_meeting(session, group, when_fragment, now), rest


def answer_question(
    session: Session, *, ctx: Context, text: str, now: datetime, private: bool
) -> Message:
    """Answer "hvem har meldt afbud?", "who is coming on Friday?" or "kommer Pia?".

    Reasons are shown only to the chair and the secretary and only in private replies:
    "pga. sygdom" is health information and does not belong in the channel.
    """
    group = ctx.require_group()
    ctx.require(Action.ASK)
    reasons = private and ctx.may(Action.AFBUD_FOR_OTHERS)
    if QUESTION_AFBUD.match(text) is None and QUESTION_WHO.match(text) is None:
        meeting, rest = _question_meeting(session, group, text, now)
        who = _PERSON_QUESTION_WORDS.sub(" ", rest)
        who = " ".join(_MEETING_WORDS.sub(" ", who).split()).strip(_EDGES)
        if not who:
            raise UserError("attendance.q.usage")
        member = find_member(session, group, person_ref(who))
        return Message(person_answer(session, meeting, group, member, ctx.lang, reasons=reasons))
    meeting, _ = _question_meeting(session, group, text, now)
    lists = _lists(session, meeting, ctx.lang, reasons=reasons)
    count = count_text(count_for(session, meeting), ctx.lang)
    when = when_text(meeting, group)
    if QUESTION_AFBUD.match(text):
        body = (
            t("attendance.q.afbud", ctx.lang, when=when, names=", ".join(lists.afbud))
            if lists.afbud
            else t("attendance.q.no_afbud", ctx.lang, when=when)
        )
    else:
        body = t(
            "attendance.q.who",
            ctx.lang,
            when=when,
            attending=_names(lists.attending, ctx.lang),
            afbud=_names(lists.afbud, ctx.lang),
            unanswered=_names(lists.unanswered, ctx.lang),
        )
    return Message(text=f"{body}\n{count}", blocks=[section_block(body), context_block(count)])


def person_answer(
    session: Session, meeting: Meeting, group: Group, member: Member, lang: str, *, reasons: bool
) -> str:
    """Say whether one member comes to a meeting."""
    row = session.scalar(
        select(Attendance).where(
            Attendance.meeting_id == meeting.id, Attendance.member_id == member.id
        )
    )
    name = escape(member.name)
    when = when_text(meeting, group)
    if row is None:
        return t("attendance.q.person_unanswered", lang, name=name, when=when)
    if AttendanceStatus(row.status) in AWAY:
        line = t("attendance.q.person_afbud", lang, name=name, when=when)
        if row.substitute_name:
            line += " " + t(
                "attendance.done.substitute", lang, substitute=escape(row.substitute_name)
            )
        if reasons and row.reason:
            line += " " + t("attendance.done.reason", lang, reason=escape(row.reason))
        return line
    return t("attendance.q.person_attending", lang, name=name, when=when)


# ---------------------------------------------------------------------------
# The Home tab: a person's upcoming meetings
# ---------------------------------------------------------------------------


def home_blocks(
    session: Session, settings: Settings, user_id: str, now: datetime
) -> list[dict[str, Any]]:
    """Return the Home tab section: the person's upcoming meetings with their answer."""
    from bot.meetings import upcoming_meetings

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


# ---------------------------------------------------------------------------
# The minutes header: Deltagere, Gæster, Afbud
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AttendancePerson:
    """One line of the minutes header."""

    name: str
    title: str | None = None
    organisation: str | None = None
    substitute: str | None = None
    reason: str | None = None
    substitute_for: str | None = None
    note: str | None = None
    member_id: int | None = None


@dataclass(frozen=True)
class AttendanceBlock:
    """The attendance block of the referat: participants, guests and the absent."""

    participants: list[AttendancePerson]
    guests: list[AttendancePerson]
    absent: list[AttendancePerson]


def _order(member: Member | None) -> int:
    # The corpus lists the chair first and the secretariat last, the way minutes are read.
    if member is None:
        return 1
    return {Role.CHAIR: 0, Role.SECRETARY: 2}.get(Role(member.role), 1)


def attendance_block(session: Session, meeting: Meeting) -> AttendanceBlock:
    """Return who took part, who was a guest and who sent afbud (with substitutes)."""
    rows = attendance_rows(session, meeting.id)
    answers = _answers(rows)
    members = {m.id: m for m in MemberRepo(session).in_group(meeting.group_id)}
    for member_id in answers:
        if member_id not in members:
            former = session.get(Member, member_id)
            if former is not None:
                members[member_id] = former
    participants: list[tuple[int, str, AttendancePerson]] = []
    guests: list[AttendancePerson] = []
    absent: list[tuple[int, str, AttendancePerson]] = []
    for member in members.values():
        row = answers.get(member.id)
        person = AttendancePerson(
            name=row.name if row is not None else member.name,
            title=(row.title if row is not None and row.title else member.title),
            organisation=(
                row.organisation if row is not None and row.organisation else member.organisation
            ),
            member_id=member.id,
            note=row.note if row is not None else None,
        )
        status = AttendanceStatus(row.status) if row is not None else None
        if status in AWAY and row is not None:
            absent.append(
                (
                    _order(member),
                    member.name,
                    AttendancePerson(
                        name=person.name,
                        title=person.title,
                        organisation=person.organisation,
                        substitute=row.substitute_name,
                        reason=row.reason,
                        member_id=member.id,
                    ),
                )
            )
            if row.substitute_name:
                participants.append(
                    (
                        _order(member),
                        member.name + " ~",
                        _substitute_person(session, row, person),
                    )
                )
        elif member.role == Role.GUEST or status == AttendanceStatus.GUEST:
            guests.append(person)
        elif member.active or row is not None:
            participants.append((_order(member), member.name, person))
    listed = {entry[2].name.casefold() for entry in participants}
    listed |= {entry[2].name.casefold() for entry in absent}
    for row in rows:
        if row.member_id is not None:
            continue
        if row.name.casefold() in listed and AttendanceStatus(row.status) not in AWAY:
            # A substitute already sits in a member's seat (e.g. read back from the minutes).
            continue
        person = AttendancePerson(
            name=row.name,
            title=row.title,
            organisation=row.organisation,
            substitute=row.substitute_name,
            reason=row.reason,
            note=row.note,
        )
        if AttendanceStatus(row.status) in AWAY:
            absent.append((1, row.name, person))
        elif AttendanceStatus(row.status) == AttendanceStatus.GUEST:
            guests.append(person)
        else:
            participants.append((1, row.name, person))
    participants.sort(key=lambda entry: (entry[0], entry[1].casefold()))
    absent.sort(key=lambda entry: (entry[0], entry[1].casefold()))
    return AttendanceBlock(
        participants=[p for _, _, p in participants],
        guests=guests,
        absent=[p for _, _, p in absent],
    )


def _substitute_person(
    session: Session, row: Attendance, absent: AttendancePerson
) -> AttendancePerson:
    substitute = session.get(Member, row.substitute_member_id) if row.substitute_member_id else None
    return AttendancePerson(
        name=row.substitute_name or "",
        title=substitute.title if substitute is not None else None,
        organisation=(
            substitute.organisation
            if substitute is not None and substitute.organisation
            else absent.organisation
        ),
        substitute_for=absent.name,
        member_id=substitute.id if substitute is not None else None,
    )


def _cells(person: AttendancePerson, lang: str) -> list[str]:
    title = person.title or ""
    if person.substitute_for:
        title = (
            t(
                "attendance.minutes.substitute_for_title",
                lang,
                title=title,
                name=person.substitute_for,
            )
            if title
            else t("attendance.minutes.substitute_for", lang, name=person.substitute_for)
        )
    cells = [person.name, title, person.organisation or ""]
    if person.substitute:
        cells.append(t("attendance.minutes.substitute", lang, name=person.substitute))
    return cells


def render_attendance_text(block: AttendanceBlock, lang: str) -> str:
    """Render the block as the corpus lays it out: headed sections of tab-separated rows.

    Reasons are left out on purpose: minutes are published, and an apology's reason
    ("sygdom") is the member's own business.
    """
    lines: list[str] = [t("attendance.minutes.participants", lang), ""]
    lines.append(
        "\t".join(
            [
                t("attendance.minutes.col_name", lang),
                t("attendance.minutes.col_title", lang),
                t("attendance.minutes.col_organisation", lang),
            ]
        )
    )
    lines += ["\t".join(_cells(p, lang)) for p in block.participants]
    if block.guests:
        notes = {p.note for p in block.guests}
        shared = notes.pop() if len(notes) == 1 else None
        heading = t("attendance.minutes.guests", lang)
        lines += ["", f"{heading} {shared}" if shared else heading, ""]
        for person in block.guests:
            cells = _cells(person, lang)
            if person.note and not shared:
                cells.append(person.note)
            lines.append("\t".join(cells))
    lines += ["", t("attendance.minutes.absent", lang), ""]
    if block.absent:
        lines += ["\t".join(_cells(p, lang)) for p in block.absent]
    else:
        lines.append(t("attendance.none", lang))
    return "\n".join(lines) + "\n"


def _block_line(person: AttendancePerson, lang: str) -> str:
    cells = [c for c in _cells(person, lang)[1:] if c]
    name = f"*{escape(person.name)}*"
    return f"{name} – {escape(', '.join(cells))}" if cells else name


def attendance_blocks(block: AttendanceBlock, lang: str) -> list[dict[str, Any]]:
    """Render the block as Block Kit sections (participants, guests, afbud)."""
    blocks: list[dict[str, Any]] = []
    sections = [
        ("attendance.minutes.participants", block.participants),
        ("attendance.minutes.guests", block.guests),
        ("attendance.minutes.absent", block.absent),
    ]
    for key, people in sections:
        if not people and key == "attendance.minutes.guests":
            continue
        lines = [_block_line(p, lang) for p in people] or [t("attendance.none", lang)]
        blocks.append(section_block(f"*{t(key, lang)}*\n" + "\n".join(lines)))
    return blocks


def attendance_text(session: Session, meeting: Meeting, lang: str) -> str:
    """Return the minutes header of a meeting as text (for the agenda and minutes exports)."""
    return render_attendance_text(attendance_block(session, meeting), lang)
