"""Turn a reading into the precise command it means, with the meeting and people resolved.

The reader (``bot.understanding``) is pure; this use case looks up what only the database
knows — which meeting "januar-mødet" or the thread is, who "Margrethe" is — and writes the
request in the precise grammar the feature handlers already serve ("afbud @Margrethe
3/5/2027 pga. ferie"), so every rule (permissions, deadlines, idempotency) stays in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bot.context import Context, resolve, resolve_one_group
from bot.domain.enums import MeetingStatus
from bot.errors import UserError
from bot.i18n import t
from bot.meetings import group_zone, is_held, next_meeting, resolve_meeting, upcoming_meetings
from bot.render import shorten
from bot.router import Request
from bot.settings import Settings
from bot.understanding import Intent, MeetingRef, Reading
from bot.understanding.reader import task_body, title_of
from storage.models import Group, Meeting, Member
from storage.repositories import MemberRepo

_KIND_WORD = {"decision": "beslutning", "discussion": "drøftelse", "information": "orientering"}
_MONTH_NAME = {
    "da": "januar februar marts april maj juni juli august september oktober november december",
    "en": "January February March April May June July August September October November December",
}
_MOVE_TAIL = re.compile(
    r"(?:[\s,.!]+(?:i\s+stedet|instead|tak|thanks|please|venligst|hvis\s+muligt|if\s+possible)"
    r"\b)+[\s.!?]*$",
    re.IGNORECASE,
)
_HAS_DATE = re.compile(
    r"\d{1,2}\s*[/.-]\s*\d{1,2}|\d{1,2}\.\s*[a-zæøå]|\b(?:mandag|tirsdag|onsdag|torsdag|fredag|"
    r"lørdag|søndag|monday|tuesday|wednesday|thursday|friday|i\s+morgen|tomorrow)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Plan:
    """A request in the precise grammar: which handler, its text, and a button label."""

    handler: str
    args: str
    label: str


def meeting_of_thread(session: Session, channel: str, thread_ts: str) -> Meeting | None:
    """Return the meeting whose notice (or agenda) starts a thread in a channel."""
    return session.scalar(
        select(Meeting)
        .where(
            or_(
                (Meeting.announcement_channel == channel) & (Meeting.announcement_ts == thread_ts),
                (Meeting.agenda_channel == channel) & (Meeting.agenda_ts == thread_ts),
            )
        )
        .limit(1)
    )


def find_meeting(
    session: Session,
    group: Group,
    request: Request,
    ref: MeetingRef | None,
    now: datetime,
    lang: str,
) -> Meeting:
    """Return the meeting a reading names: a day, a month, the thread's, or the next one."""
    if ref is not None and ref.kind == "date" and ref.day is not None:
        day = ref.day
        return resolve_meeting(session, group, f"{day.day}/{day.month}/{day.year}", now)
    if ref is not None and ref.kind == "month" and ref.month is not None:
        zone = group_zone(group)
        for meeting in upcoming_meetings(session, group.id, now, limit=60):
            if meeting.starts_at.astimezone(zone).month == ref.month:
                return meeting
        month = _MONTH_NAME[lang].split()[ref.month - 1]
        raise UserError("understanding.no_meeting_month", month=month)
    if ref is not None and ref.kind == "thread" and request.thread_ts:
        found = meeting_of_thread(session, request.channel_id, request.thread_ts)
        if (
            found is not None
            and found.group_id == group.id
            and found.status != MeetingStatus.CANCELLED
            and not is_held(found, now, group.timezone)
        ):
            return found
    return resolve_meeting(session, group, None, now)


def day_text(meeting: Meeting, group: Group) -> str:
    """Return a meeting's local date in the grammar's form, "15/3/2027"."""
    local = meeting.starts_at.astimezone(group_zone(group))
    return f"{local.day}/{local.month}/{local.year}"


def day_label(meeting: Meeting, group: Group) -> str:
    """Return a meeting's local date for a button, "15/3"."""
    local = meeting.starts_at.astimezone(group_zone(group))
    return f"{local.day}/{local.month}"


def person_text(session: Session, group: Group, person: str | None) -> str:
    """Write a person for the grammar: a mention as is, a known member as a mention."""
    if not person:
        return ""
    if person.startswith("<@"):
        return person
    member = _member_named(session, group, person)
    if member is not None:
        return f"<@{member.slack_user_id}>"
    return "@" + person.split()[0]


def _member_named(session: Session, group: Group, name: str) -> Member | None:
    wanted = " ".join(name.casefold().split())
    found = [
        m
        for m in MemberRepo(session).in_group(group.id)
        if m.active
        and (
            m.name.casefold() == wanted
            or m.name.casefold().startswith(wanted + " ")
            or wanted in m.name.casefold().split()
        )
    ]
    return found[0] if len(found) == 1 else None


def _context(session: Session, settings: Settings, request: Request) -> tuple[Context, Group]:
    ctx = resolve_one_group(session, settings, request, ask="attendance.which_group")
    return ctx, ctx.require_group()


def plan_for(
    session: Session, settings: Settings, request: Request, reading: Reading, now: datetime
) -> Plan:
    """Write a state-changing reading as the precise request it means."""
    ctx, group = _context(session, settings, request)
    lang = ctx.lang
    intent = reading.intent
    if intent is Intent.TASK_DONE:
        number = reading.task_number
        return Plan(
            "task",
            f"#{number} færdig",
            t("understanding.choice.task_done", lang, number=number),
        )
    if intent is Intent.TASK_CREATE:
        body = task_body(reading.text)
        if reading.person and not reading.person.startswith("<@"):
            member = _member_named(session, group, reading.person)
            if member is not None:
                body = re.sub(
                    rf"(?<!\w){re.escape(reading.person)}(?!\w)",
                    f"<@{member.slack_user_id}>",
                    body,
                    count=1,
                    flags=re.IGNORECASE,
                )
        title = shorten(body, 40)
        return Plan("task", body, t("understanding.choice.task_create", lang, title=title))
    if intent is Intent.MEETING_CREATE:
        when = reading.when_text or reading.text
        return Plan("meeting", when, t("understanding.choice.meeting_create", lang, when=when))
    if intent is Intent.ATTENDANCE_QUESTION:
        meeting_text = ""
        if reading.meeting is not None:
            meeting = find_meeting(session, group, request, reading.meeting, now, lang)
            meeting_text = " " + day_text(meeting, group)
        if reading.person:
            who = person_text(session, group, reading.person)
            return Plan("attendance_question", f"kommer {who}{meeting_text}?", "")
        folded = reading.text.casefold()
        asks_afbud = any(
            w in folded
            for w in ("afbud", "fra", "forhindret", "mangler", "ikke", "apolog", "absent", "miss")
        )
        text = "hvem har meldt afbud" if asks_afbud else "hvem kommer"
        return Plan("attendance_question", f"{text}{meeting_text}", "")
    meeting = find_meeting(session, group, request, reading.meeting, now, lang)
    day = day_text(meeting, group)
    label_day = day_label(meeting, group)
    if intent is Intent.AFBUD:
        who = person_text(session, group, reading.person)
        parts = [who, day]
        if reading.reason:
            parts.append(f"pga. {reading.reason}")
        if reading.substitute:
            parts.append(f"; stedfortræder: {person_text_plain(reading.substitute)}")
        label = (
            t("understanding.choice.afbud_for", lang, who=reading.person, when=label_day)
            if reading.person and not reading.person.startswith("<@")
            else t("understanding.choice.afbud", lang, when=label_day)
        )
        return Plan("absent", " ".join(p for p in parts if p), label)
    if intent is Intent.ATTEND:
        who = person_text(session, group, reading.person)
        return Plan(
            "attend",
            " ".join(p for p in (who, day) if p),
            t("understanding.choice.attend", lang, when=label_day),
        )
    if intent is Intent.PROPOSE:
        title = reading.title or title_of(reading.text)
        kind = f" ({_KIND_WORD[reading.kind]})" if reading.kind in _KIND_WORD else ""
        lines = reading.text.splitlines()
        rest = "\n".join(lines[1:]).strip() if len(lines) > 1 else ""
        return Plan(
            "propose",
            f"{title}{kind} til mødet {day}" + (f"\n{rest}" if rest else ""),
            t("understanding.choice.propose", lang, title=shorten(title, 40)),
        )
    if intent is Intent.MEETING_CANCEL:
        return Plan(
            "meeting",
            f"aflys {day}",
            t("understanding.choice.meeting_cancel", lang, when=label_day),
        )
    if intent is Intent.MEETING_MOVE:
        to = _MOVE_TAIL.sub("", reading.when_text or "").strip(" .,!?")
        if not to:
            raise UserError("understanding.move_usage")
        if not _HAS_DATE.search(to):
            to = f"{day} {to}"
        return Plan(
            "meeting",
            f"flyt {day} til {to}",
            t("understanding.choice.meeting_move", lang, when=label_day, to=to),
        )
    raise UserError("understanding.move_usage")


def person_text_plain(name: str) -> str:
    """Return a substitute as written (a mention stays a mention)."""
    return name.strip()


def choices_for(
    session: Session, settings: Settings, request: Request, reading: Reading, now: datetime
) -> tuple[str, list[Plan]]:
    """Return the header and the choices to offer for a reading the bot is unsure of."""
    ctx = resolve(session, settings, request)
    lang = ctx.lang
    plans: list[Plan] = []
    header = t("understanding.unsure", lang)
    if reading.intent is not Intent.UNKNOWN:
        header = t("understanding.confirm", lang)
        try:
            plans.append(plan_for(session, settings, request, reading, now))
        except UserError:
            header = t("understanding.unsure", lang)
    group = ctx.group
    if group is not None and ctx.member is not None:
        if not any(p.handler == "absent" for p in plans):
            meeting = next_meeting(session, group.id, now)
            if meeting is not None:
                plans.append(
                    Plan(
                        "absent",
                        day_text(meeting, group),
                        t("understanding.choice.afbud", lang, when=day_label(meeting, group)),
                    )
                )
        title = reading.title or title_of(reading.text)
        if title and len(title) <= 150 and not any(p.handler == "propose" for p in plans):
            plans.append(
                Plan(
                    "propose",
                    title,
                    t("understanding.choice.propose", lang, title=shorten(title, 40)),
                )
            )
    plans.append(Plan("ask", reading.text, t("understanding.choice.ask", lang)))
    if reading.intent is Intent.UNKNOWN:
        plans.append(Plan("help", "", t("understanding.choice.help", lang)))
    return header, plans[:5]
