"""Questions: who is coming, who sent afbud, is Pia coming."""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.attendance.answers import count_for
from bot.attendance.messages import answer_lists
from bot.attendance.people import find_member
from bot.attendance.reading import EDGES, MEETING_WORDS, person_ref, split_date
from bot.attendance.views import count_text, joined_names, when_text
from bot.context import Context
from bot.domain.attendance import AWAY
from bot.domain.enums import AttendanceStatus
from bot.domain.permissions import Action
from bot.errors import UserError
from bot.i18n import t
from bot.meetings import resolve_meeting
from bot.ports import Message
from bot.render import context_block, escape, section_block
from storage.models import Attendance, Group, Meeting, Member

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
    when_fragment, rest = split_date(text, now, group.timezone)
    return resolve_meeting(session, group, when_fragment, now), rest


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
        who = " ".join(MEETING_WORDS.sub(" ", who).split()).strip(EDGES)
        if not who:
            raise UserError("attendance.q.usage")
        member = find_member(session, group, person_ref(who))
        return Message(person_answer(session, meeting, group, member, ctx.lang, reasons=reasons))
    meeting, _ = _question_meeting(session, group, text, now)
    lists = answer_lists(session, meeting, ctx.lang, reasons=reasons)
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
            attending=joined_names(lists.attending, ctx.lang),
            afbud=joined_names(lists.afbud, ctx.lang),
            unanswered=joined_names(lists.unanswered, ctx.lang),
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
