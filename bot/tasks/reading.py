"""Read a task written by hand: owner, due date and text."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.dates import DateParseError, find_when
from bot.domain.actions import MemberRef, extract_actions, match_owner
from bot.errors import UserError
from bot.meetings import next_meeting
from bot.render import escape
from bot.tasks.access import local_today
from bot.tasks.kinds import TEXT_LIMIT
from storage.models import Group, Member
from storage.repositories import MemberRepo

USER_REF = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")

_NEXT_MEETING = re.compile(
    r"(?:\b(?:senest\s+)?(?:til|inden|før|på|ved)\s+)(?:det\s+)?næste\s+(?:styregruppe|gruppe)?møde\b"
    r"|\b(?:by|before|for)\s+the\s+next\s+meeting\b",
    re.IGNORECASE,
)
_DUE_LEAD = re.compile(
    r"(?:\b(?:senest|inden|før|frist(?:en)?|deadline|til|by|before|due|on|den|d\.)[\s:]*)+$",
    re.IGNORECASE,
)
_TIME_ONLY = re.compile(r"^\s*(?:kl\.?\s*)?\d{1,2}(?:[:.]\d{2})?\s*$", re.IGNORECASE)
_EDGES = " \t\n:;,.-–—"


@dataclass
class TaskDraft:
    """What a hand-written task says: text, owner, due date."""

    text: str
    owner: Member | None
    owner_name: str | None
    due: date | None


def replace_mentions(session: Session, group: Group, text: str) -> str:
    """Write the other people mentioned in a task as names, so the text never pings."""

    def name(match: re.Match[str]) -> str:
        member = MemberRepo(session).by_slack_user(group.id, match.group(1))
        return member.name if member is not None else "@" + match.group(1)

    return USER_REF.sub(name, text)


def tidy(text: str) -> str:
    """Fold white space and trim the punctuation left at the edges."""
    return " ".join(text.split()).strip(_EDGES)


def member_refs(members: Iterable[Member]) -> list[MemberRef]:
    """Return the members as the owner matcher sees them."""
    return [
        MemberRef(
            id=m.id,
            name=m.name,
            organisation=m.organisation,
            role=str(m.role),
            slack_user_id=m.slack_user_id,
        )
        for m in members
    ]


_VAGUE_DUE = re.compile(
    r"\b(?:senest|seneste|frist(?:en)?|deadline|no later than)\s*:?\s+(?P<phrase>[^.,;:!?]{2,40}?)"
    r"\s*[.!]?\s*$",
    re.IGNORECASE,
)


def find_due(text: str, now: datetime, tz: str) -> tuple[date | None, str]:
    """Find a named due date; return it and the text without it (and its "senest")."""
    pos = 0
    for _ in range(8):
        try:
            found = find_when(text[pos:], now, tz, prefer="future")
        except DateParseError as exc:
            raise UserError("tasks.bad_date", fragment=escape(exc.fragment)) from None
        if found is None:
            return None, text
        when, start, end = found
        start, end = start + pos, end + pos
        if _TIME_ONLY.match(text[start:end]):
            pos = end
            continue
        head = _DUE_LEAD.sub("", text[:start].rstrip())
        return when.date, f"{head} {text[end:]}"
    return None, text


def read_task(session: Session, group: Group, text: str, now: datetime) -> TaskDraft:
    """Read "@Anne laver notat om takster senest 1/6" into text, owner and due date."""
    tz = group.timezone
    today = local_today(group, now)
    owner: Member | None = None
    owner_name: str | None = None
    first = USER_REF.search(text)
    if first is not None:
        owner = MemberRepo(session).by_slack_user(group.id, first.group(1))
        if owner is None or not owner.active:
            raise UserError(
                "tasks.owner_not_member", user=f"<@{first.group(1)}>", group=escape(group.name)
            )
        owner_name = owner.name
        text = text[: first.start()] + " " + text[first.end() :]
    text = replace_mentions(session, group, text)
    due: date | None = None
    phrase = _NEXT_MEETING.search(text)
    if phrase is not None:
        upcoming = next_meeting(session, group.id, now)
        if upcoming is not None:
            due = upcoming.starts_at.astimezone(ZoneInfo(tz)).date()
            text = text[: phrase.start()] + " " + text[phrase.end() :]
    if due is None:
        due, text = find_due(text, now, tz)
    if due is None:
        vague = _VAGUE_DUE.search(text)
        if vague is not None:
            # "senest næste år" names a deadline no date reader can pin: ask, do not keep
            # it as words that never remind anyone.
            raise UserError("tasks.vague_due", phrase=escape(vague.group("phrase").strip()))
    text = tidy(text)
    if not text:
        raise UserError("tasks.usage")
    if len(text) > TEXT_LIMIT:
        raise UserError("tasks.too_long", limit=TEXT_LIMIT)
    if due is not None and due < today:
        raise UserError("tasks.due_past", day=due.isoformat())
    if owner is None:
        # "Sekretariatet udarbejder et notat": the minutes' own way of naming an owner.
        members = MemberRepo(session).in_group(group.id)
        for candidate in extract_actions(text, meeting_date=today):
            if candidate.owner:
                ref = match_owner(candidate.owner, member_refs(members))
                owner = session.get(Member, ref.id) if ref is not None else None
                owner_name = owner.name if owner is not None else candidate.owner
                break
    return TaskDraft(text=text[:1].upper() + text[1:], owner=owner, owner_name=owner_name, due=due)
