"""Rules of the approval of the minutes: deadlines, who counts, tallies and outcomes.

Pure: no Slack, no database, no clock. The use cases in ``bot.approval`` pass in the
members, votes, reactions and "now".

The groups decided long ago that "referater godkendes via mail og fremsendes til
godkendelse senest ugedagen efter mødets afholdelse": the secretary sends the minutes
round, and whoever does not object within the week has approved them. In Slack the
reply-all becomes a reaction; the rules below are that decision written down.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Literal
from zoneinfo import ZoneInfo

from bot.domain.enums import ApprovalPolicy, Role, Verdict
from bot.domain.permissions import Action, can

#: Reactions that approve, unless a group configures its own (`Group.approval_emojis`).
DEFAULT_APPROVAL_EMOJIS: tuple[str, ...] = ("white_check_mark", "heavy_check_mark", "+1")
#: Reactions that object, unless a group configures its own (`Group.objection_emojis`).
DEFAULT_OBJECTION_EMOJIS: tuple[str, ...] = ("x",)
#: Words that open a thread reply meant as an objection ("indsigelse: punkt 3 …").
OBJECTION_WORDS: tuple[str, ...] = (
    "indsigelse",
    "indsigelser",
    "bemærkning",
    "bemærkninger",
    "bemaerkning",
    "bemaerkninger",
    "objection",
    "objections",
)
DEFAULT_APPROVAL_DAYS = 7
DEFAULT_REMINDER_DAYS = 2
#: The shortest round: minutes sent late still leave members this many days to read them.
MIN_WINDOW_DAYS = 3
#: The local time of day reminders go out (a DM at midnight helps nobody).
REMINDER_TIME = time(9, 0)
#: The local time of day a deadline falls on: the end of the day named.
DEADLINE_TIME = time(23, 59)

# Slack's names for the same emoji differ between the client and the API ("thumbsup" in
# some clients, "+1" from reactions.get); fold them to one name before comparing.
_ALIASES: dict[str, str] = {
    "thumbsup": "+1",
    "thumbs_up": "+1",
    "heavy_multiplication_x": "x",
    "cross_mark": "x",
    "check": "heavy_check_mark",
}
_SKIN_TONE = re.compile(r"::?skin-tone-\d$")
_OBJECTION_OPENING = re.compile(
    r"^\s*(?:<@[UW][A-Z0-9]+(?:\|[^>]*)?>\s*)?[*_~]*(" + "|".join(OBJECTION_WORDS) + r")[*_~]*"
    r"(?![\wæøå])\s*[:.,;\-–—]?\s*",
    re.IGNORECASE,
)


# ---------------------------------------------------------------------------------------
# Reactions and replies
# ---------------------------------------------------------------------------------------


def normalise_emoji(name: str) -> str:
    """Fold a reaction name to one form: no colons, no skin tone, one alias per emoji.

    "+1::skin-tone-2" and ":thumbsup:" both become "+1", so a member's skin tone never
    decides whether their approval counts.
    """
    folded = name.strip().strip(":").casefold()
    folded = _SKIN_TONE.sub("", folded)
    return _ALIASES.get(folded, folded)


@dataclass(frozen=True)
class EmojiRules:
    """Which reactions approve and which object, for one group."""

    approve: frozenset[str]
    object: frozenset[str]

    @classmethod
    def for_group(
        cls, approval: Sequence[str] | None, objection: Sequence[str] | None
    ) -> EmojiRules:
        """Return the group's rules, falling back to the defaults for an empty setting."""
        approve = frozenset(normalise_emoji(e) for e in (approval or DEFAULT_APPROVAL_EMOJIS))
        objecting = frozenset(normalise_emoji(e) for e in (objection or DEFAULT_OBJECTION_EMOJIS))
        # An emoji configured both ways would make a reaction mean two things: objecting
        # is the safer reading, since it only delays the approval.
        return cls(approve=approve - objecting, object=objecting)

    def verdict(self, reaction: str) -> Verdict | None:
        """Return what a reaction means, or None when it is just a reaction."""
        name = normalise_emoji(reaction)
        if name in self.object:
            return Verdict.OBJECT
        if name in self.approve:
            return Verdict.APPROVE
        return None

    def shown(self, verdict: Verdict) -> list[str]:
        """Return the emoji names for a verdict, in a stable order for the help line."""
        names = self.approve if verdict == Verdict.APPROVE else self.object
        order = {name: i for i, name in enumerate((*DEFAULT_APPROVAL_EMOJIS, "x"))}
        return sorted(names, key=lambda n: (order.get(n, 99), n))


def objection_text(text: str) -> str | None:
    """Return the objection in a thread reply that opens with "indsigelse" (else None).

    The rest of the reply is the objection; a bare "Indsigelse" is one too (its text
    is then empty, and the secretary asks).
    """
    match = _OBJECTION_OPENING.match(text or "")
    if match is None:
        return None
    return text[match.end() :].strip()


# ---------------------------------------------------------------------------------------
# Who counts
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Voter:
    """A person whose answer to the minutes counts."""

    member_id: int
    name: str
    role: Role
    slack_user_id: str | None = None


def counts(role: Role | str | None, active: bool) -> bool:
    """Tell whether a member's answer counts.

    Why: the minutes are the group's record, so only the group's members approve them —
    the chair, the secretariat and the ordinary members, as the permission matrix has
    it for voting. Guests attended but are not bound by the record, and a member who
    left the group no longer speaks for it. Everyone else's reaction is noise that must
    not be able to approve (or block) the group's minutes.
    """
    return active and can(role, Action.VOTE)


# ---------------------------------------------------------------------------------------
# Deadlines
# ---------------------------------------------------------------------------------------


def _end_of(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, DEADLINE_TIME, zone)


def approval_deadline(
    meeting_start: datetime,
    posted_at: datetime,
    days: int,
    tz: str,
    *,
    revision: bool = False,
    holiday_calendar: str | None = None,
) -> datetime:
    """Return when a round ends: the end of the day `days` after the meeting (local time).

    Why: the groups' rule is approval "senest en uge efter mødet" — the same weekday a
    week later with the default seven days. A revision starts a new round, so its
    deadline runs from the day the revision was posted: the members must get the same
    time to read the text they are taken to approve. For the same reason a first
    version sent late never gets fewer than ``MIN_WINDOW_DAYS``: tacit consent only
    means something when there was a real chance to object.
    """
    zone = ZoneInfo(tz)
    days = max(1, days)
    posted_day = posted_at.astimezone(zone).date()
    if revision:
        return _end_of(next_working_day(posted_day + timedelta(days=days), holiday_calendar), zone)
    meeting_day = meeting_start.astimezone(zone).date()
    day = max(meeting_day + timedelta(days=days), posted_day + timedelta(days=MIN_WINDOW_DAYS))
    return _end_of(next_working_day(day, holiday_calendar), zone)


def next_working_day(day: date, calendar: str | None = None) -> date:
    """Return the day itself, or the next day that is neither a weekend nor a holiday.

    Why: members read and object on working days; a deadline on a Saturday or on
    Kristi himmelfartsdag silently shortens the week they were promised. ``calendar`` is
    a country code for the ``holidays`` library (default Denmark); "none" turns it off.
    """
    code = (calendar or "DK").strip().upper()
    if code == "NONE":
        return day
    import holidays

    try:
        closed = holidays.country_holidays(code, years=range(day.year, day.year + 2))
    except NotImplementedError:
        closed = holidays.country_holidays("DK", years=range(day.year, day.year + 2))
    while day.weekday() >= 5 or day in closed:
        day += timedelta(days=1)
    return day


def is_weekday_after(meeting_start: datetime, deadline: datetime, tz: str) -> bool:
    """Tell whether a deadline falls on the meeting's weekday a week later ("ugedagen efter")."""
    zone = ZoneInfo(tz)
    return (deadline.astimezone(zone).date() - meeting_start.astimezone(zone).date()).days == 7


def reminder_at(
    deadline: datetime, reminder_days: int, posted_at: datetime, tz: str
) -> datetime | None:
    """Return when to remind the silent members, or None when it would come too soon.

    The reminder goes out in the morning, `reminder_days` before the deadline's day; a
    round so short that this morning is already past (or the same day as posting) has
    no reminder: the request itself is still fresh.
    """
    if reminder_days <= 0:
        return None
    zone = ZoneInfo(tz)
    day = deadline.astimezone(zone).date() - timedelta(days=reminder_days)
    at = datetime.combine(day, REMINDER_TIME, zone)
    if at.astimezone(zone).date() <= posted_at.astimezone(zone).date():
        return None
    return at


# ---------------------------------------------------------------------------------------
# Justering: the chair and one member in turn
# ---------------------------------------------------------------------------------------


def choose_justering(
    candidates: Sequence[int], absent: Iterable[int], next_index: int
) -> tuple[int | None, int]:
    """Pick the member who checks the minutes with the chair; return it and the next index.

    Why: under "justering" the chair and one member take turns to vouch for the record,
    so the turn passes down the list of members (in a stable order) meeting by meeting.
    A member who sent afbud cannot vouch for what was said and is passed over; the turn
    moves on from whoever was chosen, so everyone comes round again in order.
    """
    if not candidates:
        return None, next_index
    away = set(absent)
    size = len(candidates)
    start = next_index % size
    for step in range(size):
        index = (start + step) % size
        member_id = candidates[index]
        if member_id not in away:
            return member_id, (index + 1) % size
    return None, next_index


# ---------------------------------------------------------------------------------------
# Tally and outcome
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tally:
    """Who of the voters approved, who objected and who has not answered."""

    voters: tuple[int, ...]
    approved: tuple[int, ...]
    objected: tuple[int, ...]
    missing: tuple[int, ...]
    open_objections: int

    @property
    def total(self) -> int:
        """Return the number of members whose answer counts."""
        return len(self.voters)


def tally(voters: Sequence[int], votes: Mapping[int, Verdict], open_objections: int) -> Tally:
    """Count the votes of the members who count; votes of anyone else are left out."""
    approved = tuple(v for v in voters if votes.get(v) == Verdict.APPROVE)
    objected = tuple(v for v in voters if votes.get(v) == Verdict.OBJECT)
    missing = tuple(v for v in voters if v not in votes)
    return Tally(
        voters=tuple(voters),
        approved=approved,
        objected=objected,
        missing=missing,
        open_objections=open_objections,
    )


class RoundState(StrEnum):
    """Where a round stands."""

    OPEN = "open"
    APPROVED = "approved"
    STALLED = "stalled"


StallReason = Literal["objections", "missing", "questions"]


@dataclass(frozen=True)
class Outcome:
    """What the rules make of a round: approved, still open, or stalled (and why)."""

    state: RoundState
    reasons: tuple[StallReason, ...] = ()
    #: Members whose explicit approval is still needed (explicit and justering).
    missing: tuple[int, ...] = ()
    #: Members who approved by staying silent (tacit and justering).
    tacit: tuple[int, ...] = ()


def required_signers(
    policy: ApprovalPolicy | str, chairs: Sequence[int], justering_member: int | None
) -> tuple[int, ...]:
    """Return who must approve explicitly under "justering": the chair and the member in turn."""
    if ApprovalPolicy(policy) != ApprovalPolicy.JUSTERING:
        return ()
    signers = list(dict.fromkeys(chairs))
    if justering_member is not None and justering_member not in signers:
        signers.append(justering_member)
    return tuple(signers)


def quorum_needed(total: int, quorum: int | None) -> int:
    """Return how many explicit approvals the "explicit" policy needs (all, or the quorum)."""
    if quorum is None or quorum <= 0:
        return total
    return min(quorum, total)


def decide(
    policy: ApprovalPolicy | str,
    counted: Tally,
    *,
    deadline_passed: bool,
    quorum: int | None = None,
    signers: Sequence[int] = (),
    open_questions: int = 0,
) -> Outcome:
    """Apply the group's policy to a round's tally.

    Why each policy reads as it does:

    * ``tacit`` — the groups' own rule: silence is consent. The round is approved at
      the deadline unless an objection is still open; approving earlier would cut short
      the week a member was promised to object in.
    * ``explicit`` — some groups want a positive answer from everyone (or a quorum).
      The round is approved the moment enough members have approved; at the deadline
      it stalls and the secretary is told who is missing.
    * ``justering`` — the chair and one member in turn vouch for the text explicitly;
      the others consent tacitly. Approved at the deadline when both have approved
      and no objection is open.

    Under every policy an open objection blocks approval: it says the record may be
    wrong, and only the secretary — by revising or by answering it — can clear it.
    So does an open question ("Er det en indsigelse?") about a reply in the thread the
    bot could not read: it may be an objection the member believes they made, and
    approving over it is the one thing the round must never do.
    """
    rule = ApprovalPolicy(policy)
    asking: tuple[StallReason, ...] = ("questions",) if open_questions > 0 else ()
    blocked = counted.open_objections > 0
    silent = tuple(v for v in counted.missing)
    if rule == ApprovalPolicy.EXPLICIT:
        needed = quorum_needed(counted.total, quorum)
        enough = len(counted.approved) >= needed and counted.total > 0
        if enough and not blocked and not asking:
            return Outcome(RoundState.APPROVED)
        missing = () if enough else tuple(v for v in counted.voters if v not in counted.approved)
        reasons: tuple[StallReason, ...] = (
            *(("objections",) if blocked else ()),
            *(("missing",) if not enough else ()),
            *asking,
        )
        state = RoundState.STALLED if deadline_passed else RoundState.OPEN
        return Outcome(state, reasons=reasons, missing=missing)
    missing_signers = tuple(s for s in signers if s not in counted.approved)
    if not deadline_passed:
        return Outcome(RoundState.OPEN, missing=missing_signers)
    if not blocked and not missing_signers and not asking:
        return Outcome(RoundState.APPROVED, tacit=silent)
    reasons = (
        *(("objections",) if blocked else ()),
        *(("missing",) if missing_signers else ()),
        *asking,
    )
    return Outcome(RoundState.STALLED, reasons=reasons, missing=missing_signers, tacit=silent)


# ---------------------------------------------------------------------------------------
# Reconciliation with the reactions Slack holds
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CurrentVote:
    """A stored vote: its verdict and, when a reaction set it, which."""

    verdict: Verdict
    reaction: str | None


@dataclass(frozen=True)
class VoteChange:
    """A change reconciliation makes: set a member's reaction vote, or drop it."""

    member_id: int
    verdict: Verdict | None
    reaction: str | None = None


def reaction_verdicts(
    reactions: Mapping[str, Sequence[str]], rules: EmojiRules, member_of: Mapping[str, int]
) -> dict[int, tuple[Verdict, str]]:
    """Return each member's verdict from the reactions on a message (objecting wins)."""
    found: dict[int, tuple[Verdict, str]] = {}
    for name, users in sorted(reactions.items()):
        verdict = rules.verdict(name)
        if verdict is None:
            continue
        for user in users:
            member_id = member_of.get(user)
            if member_id is None:
                continue
            known = found.get(member_id)
            if known is None or (verdict == Verdict.OBJECT and known[0] != Verdict.OBJECT):
                found[member_id] = (verdict, normalise_emoji(name))
    return found


def reconcile(
    reactions: Mapping[str, Sequence[str]],
    rules: EmojiRules,
    member_of: Mapping[str, int],
    current: Mapping[int, CurrentVote],
) -> list[VoteChange]:
    """Return the changes that make the stored reaction votes match Slack's reactions.

    Reaction events can be lost (a restart, a network hiccup), so before a round is
    settled the stored votes are compared with what is on the message. Only votes that
    came from reactions are touched: an objection written in the thread stands until
    the secretary handles it, whatever the reactions say.
    """
    wanted = reaction_verdicts(reactions, rules, member_of)
    changes: list[VoteChange] = []
    for member_id, (verdict, reaction) in sorted(wanted.items()):
        vote = current.get(member_id)
        # A ❌ whose event was lost still objects over "godkendt" written in the thread;
        # an objection written there is never undone by a reaction.
        if vote is None or (
            vote.verdict != verdict and (vote.reaction is not None or verdict == Verdict.OBJECT)
        ):
            changes.append(VoteChange(member_id, verdict, reaction))
    for member_id, vote in sorted(current.items()):
        if vote.reaction is not None and member_id not in wanted:
            changes.append(VoteChange(member_id, None))
    return changes


# ---------------------------------------------------------------------------------------
# What changed between two versions
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemSnapshot:
    """An item as one version of the minutes has it."""

    number: str
    title: str
    decisions: tuple[str, ...] = ()


ChangeKind = Literal[
    "item_added",
    "item_removed",
    "retitled",
    "decision_added",
    "decision_removed",
    "decision_changed",
]


@dataclass(frozen=True)
class Change:
    """One difference between two versions of the minutes."""

    kind: ChangeKind
    number: str
    title: str
    old: str | None = None
    new: str | None = None


def _norm(text: str) -> str:
    return " ".join(text.split())


def diff_versions(old: Sequence[ItemSnapshot], new: Sequence[ItemSnapshot]) -> list[Change]:
    """Return what a revision changed in items and decisions, item by item in the new order.

    Items are matched by number; decisions within an item by their text, so a reworded
    bullet reads as "changed" rather than as one removed and one added.
    """
    before = {item.number: item for item in old}
    after_numbers = {item.number for item in new}
    changes: list[Change] = []
    for item in new:
        previous = before.get(item.number)
        if previous is None:
            changes.append(Change("item_added", item.number, item.title))
            changes += [
                Change("decision_added", item.number, item.title, new=d) for d in item.decisions
            ]
            continue
        if _norm(previous.title) != _norm(item.title):
            changes.append(
                Change("retitled", item.number, item.title, old=previous.title, new=item.title)
            )
        changes += _decision_changes(item, previous)
    for item in old:
        if item.number not in after_numbers:
            changes.append(Change("item_removed", item.number, item.title))
    return changes


def _decision_changes(item: ItemSnapshot, previous: ItemSnapshot) -> list[Change]:
    old = [_norm(d) for d in previous.decisions]
    new = [_norm(d) for d in item.decisions]
    changes: list[Change] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        removed, added = old[i1:i2], new[j1:j2]
        paired = min(len(removed), len(added)) if op == "replace" else 0
        for k in range(paired):
            changes.append(
                Change("decision_changed", item.number, item.title, old=removed[k], new=added[k])
            )
        changes += [
            Change("decision_removed", item.number, item.title, old=d) for d in removed[paired:]
        ]
        changes += [
            Change("decision_added", item.number, item.title, new=d) for d in added[paired:]
        ]
    return changes


@dataclass(frozen=True)
class Snapshot:
    """What one version of the minutes says: attendance and the items with decisions."""

    items: tuple[ItemSnapshot, ...] = ()
    participants: tuple[str, ...] = ()
    guests: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    item_ids: Mapping[str, int] = field(default_factory=dict)

    def as_json(self) -> dict[str, object]:
        """Return the snapshot as plain data for the database."""
        return {
            "items": [
                {
                    "number": i.number,
                    "title": i.title,
                    "decisions": list(i.decisions),
                    "item_id": self.item_ids.get(i.number),
                }
                for i in self.items
            ],
            "attendance": {
                "participants": list(self.participants),
                "guests": list(self.guests),
                "absent": list(self.absent),
            },
        }

    @classmethod
    def from_json(cls, data: Mapping[str, object] | None) -> Snapshot:
        """Read a snapshot stored by ``as_json`` (an empty one for None)."""
        if not data:
            return cls()
        raw_items = data.get("items")
        items: list[ItemSnapshot] = []
        ids: dict[str, int] = {}
        if isinstance(raw_items, list):
            for raw in raw_items:
                if not isinstance(raw, dict):
                    continue
                number = str(raw.get("number") or "")
                decisions = raw.get("decisions")
                items.append(
                    ItemSnapshot(
                        number=number,
                        title=str(raw.get("title") or ""),
                        decisions=tuple(str(d) for d in decisions)
                        if isinstance(decisions, list)
                        else (),
                    )
                )
                item_id = raw.get("item_id")
                if isinstance(item_id, int):
                    ids[number] = item_id
        attendance = data.get("attendance")
        people: dict[str, tuple[str, ...]] = {"participants": (), "guests": (), "absent": ()}
        if isinstance(attendance, dict):
            for key in people:
                names = attendance.get(key)
                if isinstance(names, list):
                    people[key] = tuple(str(n) for n in names)
        return cls(
            items=tuple(items),
            participants=people["participants"],
            guests=people["guests"],
            absent=people["absent"],
            item_ids=ids,
        )
