"""Read what people wrote: afbud, withdrawals, who is meant and for which meeting."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from bot.dates import DateParseError, find_when
from bot.errors import UserError
from bot.render import escape, shorten

REASON_LIMIT = 500
NAME_LIMIT = 200

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

MEETING_WORDS = re.compile(
    r"(?<!\w)(?:(?:til|for|i|på)\s+)?(?:mødet|møde|(?:the\s+)?meeting)(?!\w)|"
    r"(?<!\w)(?:to|for|at|on)\s+the\s+meeting(?!\w)",
    re.IGNORECASE,
)

_FILLER = re.compile(r"^(?:til|for|to|on|at|the|den|d\.|i|på|om|in|,|\.|:|;|-|–|\s)*$", re.I)

EDGES = " \t\n,;:.!–-"


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
    text = text.strip(EDGES)
    mention = USER_REF.fullmatch(text)
    if mention is not None:
        return PersonRef(slack_user_id=mention.group(1))
    return PersonRef(name=shorten(" ".join(text.lstrip("@").split()), NAME_LIMIT))


def _cut(text: str, start: int, end: int) -> str:
    return (text[:start] + " " + text[end:]).strip()


def split_date(text: str, now: datetime, tz: str) -> tuple[str | None, str]:
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
    head = " ".join(MEETING_WORDS.sub(" ", head).split()).strip(EDGES)
    if _FILLER.fullmatch(head):
        head = ""
    text = " ".join(f"{head} {tail}".split()).strip(EDGES)
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
    when_text, head = split_date(head, now, tz)
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
    when_text, _ = split_date(rest, now, tz)
    return target, when_text
