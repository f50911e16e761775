"""Reading a round: its group, versions, votes, objections and the view of it all."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.domain.approval import (
    EmojiRules,
    Outcome,
    Snapshot,
    Voter,
    counts,
    decide,
    diff_versions,
    is_weekday_after,
    required_signers,
    tally,
)
from bot.domain.enums import DocumentKind, MinutesStatus, ObjectionStatus, Role, Verdict
from bot.domain.permissions import Action, can
from bot.minutes_render import ObjectionLine, PersonLine, RoundView
from bot.outside import link_mark
from storage.models import (
    ApprovalReply,
    ApprovalVote,
    DueWork,
    Group,
    Meeting,
    Member,
    Minutes,
    Objection,
    SourceDocument,
)
from storage.repositories import AuditLog, GroupRepo, MemberRepo

if TYPE_CHECKING:
    from bot.services import Services


log = logging.getLogger(__name__)


#: Kinds of due work.
DEADLINE = "approval.deadline"


REMIND = "approval.remind"


SEND = "approval.send"


OFFER = "approval.offer_tasks"


AWAIT_FILE = "approval.await_file"


_OPEN = (MinutesStatus.OPEN, MinutesStatus.STALLED)


def group_rules(group: Group) -> EmojiRules:
    """Return which reactions approve and object in a group."""
    return EmojiRules.for_group(group.approval_emojis, group.objection_emojis)


def voters_of(session: Session, group: Group) -> list[Voter]:
    """Return the members whose answer counts, by name (see `bot.domain.approval.counts`)."""
    return [
        Voter(member_id=m.id, name=m.name, role=Role(m.role), slack_user_id=m.slack_user_id)
        for m in MemberRepo(session).in_group(group.id)
        if counts(m.role, m.active)
    ]


def _group_of(session: Session, meeting: Meeting) -> Group:
    group = GroupRepo(session).get(meeting.group_id)
    if group is None:  # pragma: no cover - a meeting always has its group (foreign key)
        raise LookupError(f"meeting {meeting.id} has no group")
    return group


def _meeting_of(session: Session, minutes: Minutes) -> Meeting:
    meeting = session.get(Meeting, minutes.meeting_id)
    if meeting is None:  # pragma: no cover - foreign key
        raise LookupError(f"minutes {minutes.id} have no meeting")
    return meeting


def latest_version(session: Session, meeting_id: int) -> Minutes | None:
    """Return the newest version of a meeting's minutes."""
    return session.scalar(
        select(Minutes)
        .where(Minutes.meeting_id == meeting_id)
        .order_by(Minutes.version.desc())
        .limit(1)
    )


def minutes_by_message(session: Session, channel: str, ts: str) -> Minutes | None:
    """Return the version of the minutes whose approval request is this message."""
    return session.scalar(
        select(Minutes).where(Minutes.channel == channel, Minutes.message_ts == ts).limit(1)
    )


def latest_round(session: Session, group: Group) -> Minutes | None:
    """Return the group's most recently posted version of any minutes."""
    return session.scalar(
        select(Minutes)
        .join(Meeting, Meeting.id == Minutes.meeting_id)
        .where(Meeting.group_id == group.id, Minutes.status != MinutesStatus.DRAFT)
        .order_by(Minutes.posted_at.desc(), Minutes.id.desc())
        .limit(1)
    )


def _votes(session: Session, minutes_id: int) -> dict[int, ApprovalVote]:
    rows = session.scalars(select(ApprovalVote).where(ApprovalVote.minutes_id == minutes_id))
    return {vote.member_id: vote for vote in rows}


def _objections(session: Session, minutes_id: int) -> list[Objection]:
    return list(
        session.scalars(
            select(Objection)
            .where(Objection.minutes_id == minutes_id)
            .order_by(Objection.at, Objection.id)
        )
    )


def _open_objections(session: Session, minutes_id: int) -> list[Objection]:
    return [o for o in _objections(session, minutes_id) if o.status == ObjectionStatus.OPEN]


def _signers(voters: Sequence[Voter], minutes: Minutes) -> tuple[int, ...]:
    """Return who must vouch for the text under "justering", among the current members.

    A chair or justering member who has left the group can no longer vouch for it, and
    must not hold the round up for ever: the remaining signers (or, failing them, the
    tacit rule) decide.
    """
    ids = {v.member_id for v in voters}
    chairs = [v.member_id for v in voters if v.role == Role.CHAIR]
    member = minutes.justering_member_id if minutes.justering_member_id in ids else None
    return required_signers(minutes.policy, chairs, member)


def _withdrawn(objection: Objection, member: Member | None) -> bool:
    # A withdrawn objection is one its own author closed without a note (the ❌ taken
    # back, or the reply deleted); the secretary always closes one with a note.
    return (
        objection.status == ObjectionStatus.HANDLED
        and objection.resolution_note is None
        and member is not None
        and objection.resolved_by == member.slack_user_id
    )


def round_view(session: Session, minutes: Minutes, *, link: str | None = None) -> RoundView:
    """Read everything the messages of a round show."""
    meeting = _meeting_of(session, minutes)
    group = _group_of(session, meeting)
    tz = group.timezone
    rules = group_rules(group)
    voters = voters_of(session, group)
    by_id = {v.member_id: v for v in voters}
    votes = _votes(session, minutes.id)
    objections = _objections(session, minutes.id)
    open_count = sum(1 for o in objections if o.status == ObjectionStatus.OPEN)
    counted = tally(
        [v.member_id for v in voters],
        {mid: Verdict(vote.verdict) for mid, vote in votes.items()},
        open_count,
    )

    def person(member_id: int) -> PersonLine:
        voter = by_id[member_id]
        vote = votes.get(member_id)
        return PersonLine(voter.name, vote.at if vote is not None else None, voter.slack_user_id)

    members = {
        m.id: m
        for m in session.scalars(
            select(Member).where(Member.id.in_({o.member_id for o in objections}))
        )
    }
    objection_lines = [
        ObjectionLine(
            objection_id=o.id,
            name=members[o.member_id].name if o.member_id in members else "?",
            at=o.at,
            text=o.text,
            reaction=o.reaction,
            status=o.status,
            note=o.resolution_note,
            handled_by=o.resolved_by,
            handled_at=o.resolved_at,
            withdrawn=_withdrawn(o, members.get(o.member_id)),
        )
        for o in objections
    ]
    signer_lines = [
        PersonLine(by_id[s].name, None, by_id[s].slack_user_id) for s in _signers(voters, minutes)
    ]
    snapshot = Snapshot.from_json(minutes.snapshot)
    previous = (
        session.scalar(
            select(Minutes).where(
                Minutes.meeting_id == minutes.meeting_id, Minutes.version == minutes.version - 1
            )
        )
        if minutes.version > 1
        else None
    )
    changes = (
        diff_versions(Snapshot.from_json(previous.snapshot).items, snapshot.items)
        if previous is not None
        else []
    )
    newer = None
    if minutes.status == MinutesStatus.SUPERSEDED:
        latest = latest_version(session, minutes.meeting_id)
        newer = latest.version if latest is not None else None
    document = (
        session.get(SourceDocument, minutes.source_document_id)
        if minutes.source_document_id
        else None
    )
    return RoundView(
        minutes_id=minutes.id,
        group_name=group.name,
        meeting_day=meeting.starts_at.astimezone(ZoneInfo(tz)).date(),
        meeting_start=meeting.starts_at,
        version=minutes.version,
        status=minutes.status,
        policy=minutes.policy,
        tz=tz,
        posted_at=minutes.posted_at,
        deadline=minutes.deadline_at,
        settled_at=minutes.settled_at,
        snapshot=snapshot,
        approve_emojis=rules.shown(Verdict.APPROVE),
        object_emojis=rules.shown(Verdict.OBJECT),
        total=counted.total,
        approved=[person(m) for m in counted.approved],
        objected=[person(m) for m in counted.objected],
        missing=[person(m) for m in counted.missing],
        objections=objection_lines,
        signers=signer_lines,
        quorum=group.approval_quorum,
        changes=changes,
        file_name=document.filename if document is not None else None,
        file_link=document.permalink if document is not None else None,
        weekday_after=(
            minutes.deadline_at is not None
            and is_weekday_after(meeting.starts_at, minutes.deadline_at, tz)
        ),
        newer_version=newer,
        link=link,
        earlier_versions=minutes.version - 1,
        poster=minutes.posted_by,
    )


def outcome_of(session: Session, minutes: Minutes, *, deadline_passed: bool) -> Outcome:
    """Apply the round's policy to its current votes and objections."""
    meeting = _meeting_of(session, minutes)
    group = _group_of(session, meeting)
    voters = voters_of(session, group)
    votes = _votes(session, minutes.id)
    counted = tally(
        [v.member_id for v in voters],
        {mid: Verdict(vote.verdict) for mid, vote in votes.items()},
        len(_open_objections(session, minutes.id)),
    )
    return decide(
        minutes.policy,
        counted,
        deadline_passed=deadline_passed,
        quorum=group.approval_quorum,
        signers=_signers(voters, minutes),
        open_questions=len(_open_questions(session, minutes.id)),
    )


def _link(services: Services, minutes: Minutes) -> str | None:
    """Return a stand-in for the round's permalink, read from Slack when the message is sent."""
    if not minutes.channel or not minutes.message_ts:
        return None
    return link_mark(minutes.channel, minutes.message_ts)


@dataclass(frozen=True)
class RoundReads:
    """The reactions on a round's request, read from Slack before the job's transaction."""

    minutes_id: int
    reactions: dict[str, list[str]]


def read_removal(services: Services, channel: str, ts: str) -> RoundReads | None:
    """Read what reactions are left on a round's request after one was taken away.

    Called before the event's transaction, and only for a round's request message.
    """
    with services.uow() as session:
        minutes_id = session.scalar(
            select(Minutes.id).where(Minutes.channel == channel, Minutes.message_ts == ts)
        )
    if minutes_id is None:
        return None
    try:
        return RoundReads(minutes_id, services.directory.reactions(channel, ts))
    except Exception:
        log.warning("approval: reactions.get failed; the removal is applied as sent")
        return None


def read_round(services: Services, work_id: int) -> RoundReads | None:
    """Read the round's reactions for a deadline or reminder job, with no transaction open."""
    with services.uow() as session:
        row = session.get(DueWork, work_id)
        minutes_id = int((row.payload or {}).get("minutes_id", 0)) if row is not None else 0
        minutes = session.get(Minutes, minutes_id)
        if minutes is None or minutes.status != MinutesStatus.OPEN:
            return None
        channel, ts = minutes.channel, minutes.message_ts
    if not channel or not ts:
        return None
    return RoundReads(minutes_id, services.directory.reactions(channel, ts))


def _audit(
    session: Session,
    minutes: Minutes,
    group_id: int,
    action: str,
    actor: str | None,
    now: datetime,
    **detail: Any,
) -> None:
    AuditLog(session).record(
        at=now,
        action=action,
        group_id=group_id,
        actor=actor,
        subject_type="minutes",
        subject_id=minutes.id,
        detail={"version": minutes.version, **detail},
    )


def _audit_vote(
    session: Session,
    minutes: Minutes,
    group_id: int,
    member: Member,
    now: datetime,
    vote: tuple[str, str | None] | None,
    how: str,
) -> None:
    """Write down how a member's vote changed (``vote`` None: taken back)."""
    _audit(
        session,
        minutes,
        group_id,
        "approval.vote",
        member.slack_user_id,
        now,
        member_id=member.id,
        verdict=str(vote[0]) if vote else None,
        reaction=vote[1] if vote else None,
        how=how,
    )


def _put_vote(
    session: Session,
    minutes_id: int,
    member_id: int,
    verdict: Verdict,
    now: datetime,
    *,
    comment: str | None,
) -> None:
    """Make a member's vote on a version the verdict of a reply (no reaction behind it)."""
    vote = _votes(session, minutes_id).get(member_id)
    if vote is None:
        vote = ApprovalVote(minutes_id=minutes_id, member_id=member_id, at=now)
        session.add(vote)
    vote.verdict, vote.reaction, vote.comment, vote.at = verdict, None, comment, now
    session.flush()


def document_by_hash(session: Session, group: Group, sha: str) -> SourceDocument | None:
    """Return the group's document with these exact bytes (by SHA-256), if it has one."""
    return session.scalar(
        select(SourceDocument).where(
            SourceDocument.group_id == group.id, SourceDocument.sha256 == sha
        )
    )


def minutes_document(
    session: Session,
    group: Group,
    *,
    text: str,
    filename: str,
    size: int,
    sha: str,
    actor: str | None,
    now: datetime,
) -> SourceDocument:
    """Return the document a generated text of minutes is kept as, storing it the first time."""
    document = document_by_hash(session, group, sha)
    if document is None:
        document = SourceDocument(
            group_id=group.id,
            sha256=sha,
            filename=filename,
            kind=DocumentKind.MINUTES,
            size=size,
            text=text,
            imported_at=now,
            imported_by=actor,
        )
        session.add(document)
        session.flush()
    return document


def _secretaries(session: Session, group: Group, minutes: Minutes, action: Action) -> list[Member]:
    """Return who hears about objections and stalls: the poster, else every officer allowed."""
    officers = [
        m for m in MemberRepo(session).in_group(group.id) if m.slack_user_id and can(m.role, action)
    ]
    poster = [m for m in officers if m.slack_user_id == minutes.posted_by]
    if poster:
        return poster
    secretaries = [m for m in officers if m.role == Role.SECRETARY]
    return secretaries or officers


#: States of an `ApprovalReply`: what the reply recorded, or that it waits for an answer.
#: ``held``: an approval written while the member's own objection stands; it counts
#: once that objection is withdrawn.
COUNTED, OBJECTED, ASKED, YES, NO, CLOSED, WITHDRAWN, HELD = (
    "counted",
    "objected",
    "asked",
    "yes",
    "no",
    "closed",
    "withdrawn",
    "held",
)


def _open_questions(session: Session, minutes_id: int) -> list[ApprovalReply]:
    """Return the replies of a round still waiting for "Er det en indsigelse?" to be answered."""
    return list(
        session.scalars(
            select(ApprovalReply)
            .where(ApprovalReply.minutes_id == minutes_id, ApprovalReply.state == ASKED)
            .order_by(ApprovalReply.id)
        )
    )


def _approving_replies(
    session: Session, minutes_id: int, member_id: int, *, but: int | None = None
) -> list[ApprovalReply]:
    """Return a member's replies that approve (other than reply ``but``), held ones too."""
    return [
        r
        for r in session.scalars(
            select(ApprovalReply).where(
                ApprovalReply.minutes_id == minutes_id,
                ApprovalReply.member_id == member_id,
                ApprovalReply.state.in_((COUNTED, HELD)),
            )
        )
        if r.id != but
    ]
