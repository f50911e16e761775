"""Use cases of the approval of the minutes: post, vote, object, revise, remind, settle.

The round follows the groups' own decision — "referater godkendes via mail og
fremsendes til godkendelse senest ugedagen efter mødets afholdelse" — with reactions in
place of the reply-all. The pure rules live in ``bot.domain.approval``; the messages in
``bot.minutes_render``.

Every write runs in the caller's transaction. Messages that must reach someone exactly
once (DMs, thread notes, the outcome) are written as due work in that same transaction
and sent right after it commits; should Slack fail, the scheduler's tick retries them,
and a ``SentLog`` key keeps a retry from sending twice.
"""

from __future__ import annotations

import base64
import hashlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from bot.context import language_for
from bot.dates import DateParseError, parse_when
from bot.domain.approval import (
    DEFAULT_APPROVAL_DAYS,
    CurrentVote,
    EmojiRules,
    ItemSnapshot,
    Outcome,
    RoundState,
    Snapshot,
    Voter,
    approval_deadline,
    choose_justering,
    counts,
    decide,
    diff_versions,
    is_weekday_after,
    normalise_emoji,
    objection_text,
    reaction_verdicts,
    reconcile,
    reminder_at,
    required_signers,
    tally,
)
from bot.domain.approval_replies import ReplyKind, read_reply
from bot.domain.enums import (
    ApprovalPolicy,
    AttendanceStatus,
    DocumentKind,
    MeetingStatus,
    MinutesStatus,
    ObjectionStatus,
    Role,
    Verdict,
)
from bot.domain.permissions import Action, can
from bot.errors import UserError
from bot.i18n import t
from bot.minutes_render import (
    DraftItem,
    DraftView,
    ObjectionLine,
    PersonLine,
    RoundView,
    approved_channel_message,
    approved_thread_message,
    changes_text,
    draft_markdown,
    handled_thread_message,
    home_line,
    objection_dm,
    reminder_dm,
    request_message,
    revised_thread_message,
    stalled_dm,
    stalled_thread_message,
    status_message,
)
from bot.outside import SendAfterCommit, after_commit, link_mark, resolve_links
from bot.ports import Message, Posted
from bot.render import escape, header_block, section_block
from bot.router import AlreadyProcessed, MessageEvent, ReactionEvent
from bot.scheduler import read_before, run_now
from bot.tasks import offer_action_items
from storage.models import (
    AgendaItem,
    ApprovalReply,
    ApprovalVote,
    Attendance,
    DueWork,
    Group,
    Meeting,
    Member,
    Minutes,
    Objection,
    ReferatFile,
    SourceDocument,
)
from storage.repositories import AuditLog, DueWorkRepo, EventLog, GroupRepo, MemberRepo, SentLog

if TYPE_CHECKING:
    from bot.ingest.model import ParsedDocument
    from bot.services import Services
    from bot.settings import Settings

log = logging.getLogger(__name__)

#: Kinds of due work.
DEADLINE = "approval.deadline"
REMIND = "approval.remind"
SEND = "approval.send"
OFFER = "approval.offer_tasks"
AWAIT_FILE = "approval.await_file"

#: How long `/referent referat` waits for the secretary's upload.
AWAIT_WINDOW = timedelta(minutes=30)
MAX_FILE_BYTES = 20_000_000
_OPEN = (MinutesStatus.OPEN, MinutesStatus.STALLED)


# ---------------------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UploadedFile:
    """A file the secretary shared, downloaded."""

    file_id: str
    name: str
    content: bytes
    permalink: str | None = None


@dataclass(frozen=True)
class Attachment:
    """A file shared in the thread of a round's request once the request is posted."""

    filename: str
    content: bytes
    #: The title in Slack; None: "Udkast til referat, <meeting>".
    title: str | None = None


@dataclass(frozen=True)
class PostResult:
    """What posting a version of the minutes did."""

    minutes_id: int
    meeting_id: int
    version: int
    deadline: datetime
    tz: str
    meeting_label: str
    changes: int


@dataclass(frozen=True)
class HandledResult:
    """How many objections were marked handled, and whether the round then settled."""

    count: int
    minutes_id: int
    approved: bool


# ---------------------------------------------------------------------------------------
# After the commit: send what was written down
# ---------------------------------------------------------------------------------------


def _schedule_now(
    session: Session,
    services: Services,
    *,
    kind: str,
    key: str,
    group_id: int | None,
    payload: dict[str, Any],
    now: datetime,
) -> None:
    """Write a piece of work due now and run it right after the commit."""
    row = DueWorkRepo(session).schedule(
        kind=kind, key=key, due_at=now, now=now, group_id=group_id, payload=payload, replace=False
    )
    if row.done_at is None:
        work_id = row.id
        after_commit(session, lambda: run_now(services, work_id))


def send_later(
    session: Session,
    services: Services,
    key: str,
    message: Message,
    *,
    now: datetime,
    group_id: int | None,
    user: str | None = None,
    channel: str | None = None,
    thread_ts: str | None = None,
) -> None:
    """Send a DM (to `user`) or a post (in `channel`) exactly once, under a unique key."""
    payload: dict[str, Any] = {
        "op": "dm" if user else "post",
        "user": user,
        "channel": channel,
        "thread_ts": thread_ts,
        "text": message.text,
        "blocks": message.blocks,
    }
    _schedule_now(
        session,
        services,
        kind=SEND,
        key=f"{SEND}:{key}",
        group_id=group_id,
        payload=payload,
        now=now,
    )


def run_send(services: Services, row: DueWork, now: datetime) -> SendAfterCommit | None:
    """Send one message written down earlier, unless it was sent already."""
    session = _session_of(row)
    payload = row.payload or {}
    if payload.get("op") == "open":
        return _post_request(session, services, payload, now)
    if payload.get("op") == "attach":
        return _share_file(session, services, row.key, payload, now)
    if payload.get("op") == "refresh":
        minutes = session.get(Minutes, int(payload.get("minutes_id", 0)))
        if minutes is not None and minutes.channel and minutes.message_ts:
            group = _group_of(session, _meeting_of(session, minutes))
            message = request_message(round_view(session, minutes), group.language)
            channel, ts = minutes.channel, minutes.message_ts

            def update() -> Posted:
                services.notifier.update(channel, ts, message)
                return Posted(channel, ts)

            # Updated once this transaction has committed: no Slack call holds the lock.
            return SendAfterCommit(send=update, record=lambda session, posted: None)
        return None
    if SentLog(session).get(row.key) is not None:
        return None
    message = Message(text=str(payload.get("text") or ""), blocks=payload.get("blocks"))
    key = row.key

    def send() -> Posted:
        linked = resolve_links(message, services.notifier.permalink)
        if payload.get("op") == "dm":
            return services.notifier.dm(str(payload["user"]), linked)
        return services.notifier.post(
            str(payload["channel"]), linked, thread_ts=payload.get("thread_ts")
        )

    def record(session: Session, posted: Posted) -> None:
        SentLog(session).record(key, posted.channel, posted.ts, now)

    # Sent once this transaction has committed: no Slack call while it holds the lock.
    return SendAfterCommit(send=send, record=record)


def _post_request(
    session: Session, services: Services, payload: dict[str, Any], now: datetime
) -> SendAfterCommit | None:
    """Post a new round's request, rendered as the round stands now; then its follow-ups.

    The round was committed before this runs, so a failed post loses nothing: the row of
    due work stays, the tick retries it with back-off, and a re-run looks the keyed post
    up in Slack before posting again. A round posted already is left alone.
    """
    minutes = session.get(Minutes, int(payload.get("minutes_id", 0)))
    if minutes is None or minutes.message_ts or not minutes.channel:
        return None
    if minutes.status not in _OPEN:
        return None  # replaced by a revision before it could be posted
    group = _group_of(session, _meeting_of(session, minutes))
    message = request_message(round_view(session, minutes), group.language)
    channel, minutes_id = minutes.channel, minutes.id

    def record(session: Session, posted: Posted) -> None:
        found = session.get(Minutes, minutes_id)
        if found is None:
            return
        found.channel, found.message_ts = posted.channel, posted.ts
        _after_request(session, services, found, group.id, group.language, payload, now)

    return SendAfterCommit(send=lambda: services.notifier.post(channel, message), record=record)


def _after_request(
    session: Session,
    services: Services,
    minutes: Minutes,
    group_id: int,
    lang: str,
    payload: dict[str, Any],
    now: datetime,
) -> None:
    """Schedule what follows a posted request: its files, then the note in the old thread."""
    assert minutes.channel is not None and minutes.message_ts is not None
    for index, file in enumerate(payload.get("attachments") or []):
        _schedule_now(
            session,
            services,
            kind=SEND,
            key=f"{SEND}:attach:{minutes.id}:{index}",
            group_id=group_id,
            payload={"op": "attach", "minutes_id": minutes.id, **file},
            now=now,
        )
    previous = session.get(Minutes, int(payload.get("revised_of") or 0))
    if previous is not None and previous.channel and previous.message_ts:
        send_later(
            session,
            services,
            f"revised:{previous.id}",
            revised_thread_message(
                minutes.version, link_mark(minutes.channel, minutes.message_ts), lang
            ),
            now=now,
            group_id=group_id,
            channel=previous.channel,
            thread_ts=previous.message_ts,
        )


def _share_file(
    session: Session, services: Services, key: str, payload: dict[str, Any], now: datetime
) -> SendAfterCommit | None:
    """Share one of a round's files in the thread of its request, once."""
    minutes = session.get(Minutes, int(payload.get("minutes_id", 0)))
    if SentLog(session).get(key) is not None or minutes is None:
        return None
    if not minutes.channel or not minutes.message_ts:
        raise LookupError(f"minutes {minutes.id} has no request to share a file under")
    channel, ts, minutes_id = minutes.channel, minutes.message_ts, minutes.id
    filename, title = str(payload["filename"]), str(payload["title"])
    content = base64.b64decode(str(payload["content"]))
    shared: list[str | None] = []

    def send() -> Posted:
        shared.append(
            services.notifier.upload(channel, filename, content, title=title, thread_ts=ts)
        )
        return Posted(channel, ts)

    def record(session: Session, posted: Posted) -> None:
        SentLog(session).record(key, posted.channel, posted.ts, now)
        file_id = shared[-1] if shared else None
        found = session.get(Minutes, minutes_id)
        if found is not None and payload.get("primary"):
            found.slack_file_id = file_id
        for stored in session.scalars(
            select(ReferatFile).where(
                ReferatFile.minutes_id == minutes_id, ReferatFile.filename == filename
            )
        ):
            stored.slack_file_id = file_id

    return SendAfterCommit(send=send, record=record)


def _session_of(row: DueWork) -> Session:
    session = object_session(row)
    if session is None:  # pragma: no cover - the tick always hands over a bound row
        raise RuntimeError("due work row is not bound to a session")
    return session


# ---------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------


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


def refresh_request(services: Services, minutes_id: int) -> None:
    """Re-render a round's request in the channel (the live count, the state)."""
    with services.uow() as session:
        minutes = session.get(Minutes, minutes_id)
        if minutes is None or not minutes.channel or not minutes.message_ts:
            return
        group = _group_of(session, _meeting_of(session, minutes))
        message = request_message(round_view(session, minutes), group.language)
        channel, ts = minutes.channel, minutes.message_ts
    services.notifier.update(channel, ts, message)


def _refresh_after_commit(session: Session, services: Services, minutes_id: int) -> None:
    after_commit(session, lambda: refresh_request(services, minutes_id))


def _refresh_durably(
    session: Session, services: Services, minutes_id: int, state: str, now: datetime
) -> None:
    """Re-render a request that reached a final state through a row of due work.

    A refresh after the commit is lost when the process dies first, and a closed round
    has no next change to repeat it: the row runs at once, or else at the next tick.
    """
    minutes = session.get(Minutes, minutes_id)
    _schedule_now(
        session,
        services,
        kind=SEND,
        key=f"{SEND}:refresh:{state}:{minutes_id}",
        group_id=_meeting_of(session, minutes).group_id if minutes is not None else None,
        payload={"op": "refresh", "minutes_id": minutes_id},
        now=now,
    )


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


# ---------------------------------------------------------------------------------------
# Which meeting
# ---------------------------------------------------------------------------------------


def _recent_meetings_text(session: Session, group: Group, now: datetime) -> str:
    from bot.meetings import format_day

    rows = session.scalars(
        select(Meeting)
        .where(
            Meeting.group_id == group.id,
            Meeting.status != MeetingStatus.CANCELLED,
            Meeting.starts_at <= now,
        )
        .order_by(Meeting.starts_at.desc())
        .limit(3)
    ).all()
    zone = ZoneInfo(group.timezone)
    days = [format_day(m.starts_at.astimezone(zone).date(), group.language) for m in rows]
    return "; ".join(days) if days else t("approval.no_meetings", group.language)


def wanted_day(text: str, now: datetime, tz: str) -> date:
    """Read the meeting date a person wrote ("15/3", "i fredags"), looking back in time."""
    from bot.meetings import date_error

    try:
        return parse_when(" ".join(text.split()), now, tz, prefer="past").date
    except DateParseError as exc:
        raise date_error(exc) from None


def held_meeting(session: Session, group: Group, text: str | None, now: datetime) -> Meeting:
    """Return the meeting whose minutes are meant: the last one held, or the one on a date."""
    from bot.meetings import format_day, meetings_on

    zone = ZoneInfo(group.timezone)
    if not text or not text.strip():
        meeting = session.scalar(
            select(Meeting)
            .where(
                Meeting.group_id == group.id,
                Meeting.status != MeetingStatus.CANCELLED,
                Meeting.starts_at <= now,
            )
            .order_by(Meeting.starts_at.desc(), Meeting.id.desc())
            .limit(1)
        )
        if meeting is None:
            raise UserError("approval.no_held_meeting", group=escape(group.name))
        return meeting
    day = wanted_day(text, now, group.timezone)
    found = meetings_on(session, group, day)
    if not found:
        raise UserError(
            "approval.no_meeting_on",
            date=format_day(day, group.language),
            recent=_recent_meetings_text(session, group, now),
        )
    meeting = found[0]
    if meeting.starts_at.astimezone(zone).date() > now.astimezone(zone).date():
        raise UserError("approval.not_held", date=format_day(day, group.language))
    return meeting


# ---------------------------------------------------------------------------------------
# Posting a version
# ---------------------------------------------------------------------------------------


def check_file(name: str, size: int) -> None:
    """Refuse a file of a type the importer cannot read, or too large, before downloading."""
    from bot.archive import check_upload

    check_upload(name, size)


def _await_key(channel: str, user: str) -> str:
    return f"{AWAIT_FILE}:{channel}:{user}"


def expect_file(
    session: Session, *, group: Group, user: str, when_text: str | None, now: datetime
) -> datetime:
    """Remember that this person's next file in the channel is the minutes; return until when.

    The expectation is a row of due work (not process memory), so it survives a restart
    and holds across processes; taking the file cancels it, and it lapses on its own.
    """
    if group.channel_id is None:
        raise UserError("approval.no_channel", group=escape(group.name))
    if when_text and when_text.strip():
        # Only the date is checked now: the file may be the first record of its meeting.
        from bot.meetings import format_day

        day = wanted_day(when_text, now, group.timezone)
        if day > now.astimezone(ZoneInfo(group.timezone)).date():
            raise UserError("approval.not_held", date=format_day(day, group.language))
    until = now + AWAIT_WINDOW
    DueWorkRepo(session).schedule(
        kind=AWAIT_FILE,
        key=_await_key(group.channel_id, user),
        due_at=until,
        now=now,
        group_id=group.id,
        payload={"when": (when_text or "").strip() or None},
    )
    return until


def awaited_file(session: Session, channel: str, user: str, now: datetime) -> DueWork | None:
    """Return the expectation of a file from this person in this channel, if still open."""
    row = DueWorkRepo(session).by_key(_await_key(channel, user))
    if row is None or row.done_at is not None or row.due_at <= now:
        return None
    return row


def run_await_expiry(services: Services, row: DueWork, now: datetime) -> None:
    """Let an unused expectation of a minutes file lapse (it only marked a time window)."""
    log.info("approval: the wait for a minutes file (%s) lapsed", row.key)


def _parse_upload(upload: UploadedFile) -> ParsedDocument:
    from bot.ingest import load_document
    from bot.ingest.errors import NotMinutesError

    try:
        return load_document(upload.content, upload.name)
    except NotMinutesError as exc:
        raise UserError(
            "archive.not_minutes",
            name=escape(upload.name),
            reason={"da": exc.message("da"), "en": exc.message("en")},
        ) from None


def _check_can_post(meeting: Meeting | None, session: Session, content_hash: str) -> None:
    if meeting is None:
        return
    latest = latest_version(session, meeting.id)
    if latest is None:
        return
    if latest.status == MinutesStatus.APPROVED:
        raise UserError("approval.already_approved", version=latest.version)
    if latest.content_hash == content_hash:
        raise UserError("approval.same_version", version=latest.version)


def post_minutes_file(
    session: Session,
    services: Services,
    *,
    group: Group,
    actor: Member,
    upload: UploadedFile,
    when_text: str | None,
    now: datetime,
) -> PostResult:
    """Read an uploaded file of minutes, store it on its meeting and open an approval round.

    The file is parsed with the archive's importer, so the meeting gets the items,
    decisions and attendance the minutes record (and the archive index follows).
    """
    from bot.archive import store_document
    from bot.meetings import format_day, meeting_by_date

    if group.channel_id is None:
        raise UserError("approval.no_channel", group=escape(group.name))
    zone = ZoneInfo(group.timezone)
    if len(upload.content) > MAX_FILE_BYTES:
        raise UserError(
            "file.too_large", name=escape(upload.name), limit_mb=MAX_FILE_BYTES // 1_000_000
        )
    parsed = _parse_upload(upload)
    if parsed.kind == DocumentKind.AGENDA.value:
        raise UserError("approval.agenda_not_minutes", name=escape(upload.name))
    sha = hashlib.sha256(upload.content).hexdigest()
    meeting: Meeting | None = None
    if when_text and when_text.strip():
        day = wanted_day(when_text, now, group.timezone)
        if day != parsed.meeting_date:
            raise UserError(
                "approval.date_mismatch",
                name=escape(upload.name),
                file_date=format_day(parsed.meeting_date, group.language),
                date=format_day(day, group.language),
            )
    if parsed.meeting_date > now.astimezone(zone).date():
        raise UserError("approval.not_held", date=format_day(parsed.meeting_date, group.language))
    meeting = meeting_by_date(session, group, parsed.meeting_date)
    _check_can_post(meeting, session, sha)
    known = session.scalar(
        select(SourceDocument).where(
            SourceDocument.group_id == group.id, SourceDocument.sha256 == sha
        )
    )
    if known is None:
        summary = store_document(
            session,
            group=group,
            parsed=parsed,
            data=upload.content,
            filename=upload.name,
            sha256=sha,
            now=now,
            actor=actor.slack_user_id,
            slack_file_id=upload.file_id,
            permalink=upload.permalink,
            meeting=meeting,
        )
        meeting = session.get(Meeting, summary.meeting_id)
        source_id = summary.document_id
    else:
        # The same bytes were imported into the archive before: the meeting already
        # holds what they say, so the round only needs to point at that document.
        if meeting is None:
            raise UserError("archive.not_minutes", name=escape(upload.name), reason=known.kind)
        known.slack_file_id = known.slack_file_id or upload.file_id
        known.permalink = known.permalink or upload.permalink
        source_id = known.id
    assert meeting is not None
    items = session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)).all()
    ids = {item.number: item.id for item in items if item.number}
    snapshot = Snapshot(
        items=tuple(
            ItemSnapshot(number=i.number, title=i.title, decisions=tuple(i.decisions))
            for i in parsed.items
        ),
        participants=tuple(p.name for p in parsed.attendance.participants),
        guests=tuple(p.name for p in parsed.attendance.guests),
        absent=tuple(p.name for p in parsed.attendance.absent),
        item_ids={p.number: ids[p.number] for p in parsed.items if p.number in ids},
    )
    return _open_round(
        session,
        services,
        group=group,
        meeting=meeting,
        actor=actor,
        content_hash=sha,
        text=parsed.text or None,
        source_document_id=source_id,
        slack_file_id=upload.file_id,
        snapshot=snapshot,
        now=now,
    )


def post_draft(
    session: Session,
    services: Services,
    *,
    group: Group,
    actor: Member,
    when_text: str | None,
    now: datetime,
) -> PostResult:
    """Write the minutes from the agenda, attendance and decisions so far; open a round.

    In the groups' practice the secretariat sends an "udkast til referat" round; what
    the members approve is this text, so it is kept as a document of its own (hash and
    all) and uploaded beside the request.
    """
    from bot.agenda import assemble_agenda
    from bot.attendance import attendance_block, render_attendance_text
    from bot.meetings import meeting_label

    if group.channel_id is None:
        raise UserError("approval.no_channel", group=escape(group.name))
    meeting = held_meeting(session, group, when_text, now)
    lang = group.language
    agenda = assemble_agenda(session, meeting, now)
    if not agenda.entries:
        raise UserError(
            "approval.draft_empty", date=meeting_label(meeting, lang, tz=group.timezone)
        )
    draft_items: list[DraftItem] = []
    snapshot_items: list[ItemSnapshot] = []
    ids: dict[str, int] = {}
    for entry in agenda.entries:
        item = session.get(AgendaItem, entry.item_id) if entry.item_id is not None else None
        decisions = tuple(d.text for d in item.decisions) if item is not None else ()
        recommendation = entry.recommendation or (item.recommendation if item else None)
        draft_items.append(DraftItem(entry.number, entry.title, recommendation, decisions))
        snapshot_items.append(ItemSnapshot(entry.number, entry.title, decisions))
        if item is not None:
            ids[entry.number] = item.id
    block = attendance_block(session, meeting)
    text = draft_markdown(
        DraftView(
            group_name=group.name,
            when=meeting_label(meeting, lang, tz=group.timezone),
            place=meeting.location,
            attendance_text=render_attendance_text(block, lang),
            items=tuple(draft_items),
        ),
        lang,
    )
    content = text.encode("utf-8")
    sha = hashlib.sha256(content).hexdigest()
    _check_can_post(meeting, session, sha)
    day = meeting.starts_at.astimezone(ZoneInfo(group.timezone)).date().isoformat()
    filename = f"{t('approval.draft.file_stem', lang)}-{day}.md"
    document = session.scalar(
        select(SourceDocument).where(
            SourceDocument.group_id == group.id, SourceDocument.sha256 == sha
        )
    )
    if document is None:
        document = SourceDocument(
            group_id=group.id,
            sha256=sha,
            filename=filename,
            kind=DocumentKind.MINUTES,
            size=len(content),
            text=text,
            imported_at=now,
            imported_by=actor.slack_user_id,
        )
        session.add(document)
        session.flush()
    if meeting.status == MeetingStatus.PLANNED:
        meeting.status = MeetingStatus.HELD
    from bot.archive import index_meeting

    index_meeting(session, meeting.id)
    snapshot = Snapshot(
        items=tuple(snapshot_items),
        participants=tuple(p.name for p in block.participants),
        guests=tuple(p.name for p in block.guests),
        absent=tuple(p.name for p in block.absent),
        item_ids=ids,
    )
    return _open_round(
        session,
        services,
        group=group,
        meeting=meeting,
        actor=actor,
        content_hash=sha,
        text=text,
        source_document_id=document.id,
        slack_file_id=None,
        snapshot=snapshot,
        attachments=[Attachment(filename, content)],
        now=now,
    )


def _justering_member(session: Session, group: Group, meeting: Meeting) -> int | None:
    voters = voters_of(session, group)
    # The chair vouches anyway and the secretariat wrote the text: the turn passes among
    # the other members.
    candidates = sorted(v.member_id for v in voters if v.role == Role.MEMBER)
    absent = session.scalars(
        select(Attendance.member_id).where(
            Attendance.meeting_id == meeting.id,
            Attendance.status.in_([AttendanceStatus.AFBUD, AttendanceStatus.ABSENT]),
            Attendance.member_id.is_not(None),
        )
    ).all()
    chosen, next_index = choose_justering(
        candidates, [a for a in absent if a is not None], group.justering_next_index or 0
    )
    group.justering_next_index = next_index
    return chosen


def _round_keys(minutes_id: int) -> tuple[str, str]:
    return f"{DEADLINE}:{minutes_id}", f"{REMIND}:{minutes_id}"


def _supersede(session: Session, services: Services, previous: Minutes, now: datetime) -> None:
    """Close an earlier version: its votes stay as they were, its open objections are answered.

    Why a revision restarts the round: the members approve a text, and a new text
    (another content hash) is not the one they approved. Their earlier votes stay on the
    old version for the record, and the open objections count as answered by the
    revision; whether it answers them well is for the objector to say on the new one.
    """
    previous.status = MinutesStatus.SUPERSEDED
    for objection in _open_objections(session, previous.id):
        objection.status = ObjectionStatus.REVISED
        objection.resolved_at = now
    for key in _round_keys(previous.id):
        DueWorkRepo(session).cancel(key, now)
    _refresh_durably(session, services, previous.id, "superseded", now)


def _open_round(
    session: Session,
    services: Services,
    *,
    group: Group,
    meeting: Meeting,
    actor: Member,
    content_hash: str,
    text: str | None,
    source_document_id: int | None,
    slack_file_id: str | None,
    snapshot: Snapshot,
    attachments: Sequence[Attachment] = (),
    now: datetime,
) -> PostResult:
    """Create the next version, close the previous one, schedule its work and its request.

    The request, its files (the first is the text the members approve) and the note in
    the previous version's thread go out after the commit (``run_send``, op ``open``).
    """
    from bot.meetings import meeting_label

    assert group.channel_id is not None
    lang = group.language
    tz = group.timezone
    previous = latest_version(session, meeting.id)
    revision = previous is not None
    if meeting.status == MeetingStatus.PLANNED:
        meeting.status = MeetingStatus.HELD
    deadline = approval_deadline(
        meeting.starts_at,
        now,
        group.approval_days or DEFAULT_APPROVAL_DAYS,
        tz,
        revision=revision,
        holiday_calendar=group.holiday_calendar,
    )
    policy: str
    if previous is not None:
        policy = previous.policy
        justering = previous.justering_member_id
    else:
        policy = ApprovalPolicy(group.approval_policy or ApprovalPolicy.TACIT).value
        justering = (
            _justering_member(session, group, meeting)
            if policy == ApprovalPolicy.JUSTERING
            else None
        )
    changes = (
        diff_versions(Snapshot.from_json(previous.snapshot).items, snapshot.items)
        if previous is not None
        else []
    )
    minutes = Minutes(
        meeting_id=meeting.id,
        version=(previous.version + 1) if previous is not None else 1,
        content_hash=content_hash,
        source_document_id=source_document_id,
        slack_file_id=slack_file_id,
        text=text,
        channel=group.channel_id,
        policy=policy,
        justering_member_id=justering,
        status=MinutesStatus.OPEN,
        deadline_at=deadline,
        posted_by=actor.slack_user_id,
        posted_at=now,
        changes_summary=changes_text(changes, lang) if previous is not None else None,
        snapshot=snapshot.as_json(),
    )
    session.add(minutes)
    session.flush()
    if previous is not None:
        _supersede(session, services, previous, now)
    deadline_key, remind_key = _round_keys(minutes.id)
    repo = DueWorkRepo(session)
    repo.schedule(
        kind=DEADLINE,
        key=deadline_key,
        due_at=deadline,
        now=now,
        group_id=group.id,
        payload={"minutes_id": minutes.id},
    )
    remind = reminder_at(deadline, group.approval_reminder_days, now, tz)
    if remind is not None:
        repo.schedule(
            kind=REMIND,
            key=remind_key,
            due_at=remind,
            now=now,
            group_id=group.id,
            payload={"minutes_id": minutes.id},
        )
    if actor.slack_user_id:
        repo.cancel(_await_key(group.channel_id, actor.slack_user_id), now)
    _audit(
        session,
        minutes,
        group.id,
        "approval.posted",
        actor.slack_user_id,
        now,
        sha256=content_hash,
        deadline=deadline.isoformat(),
        policy=str(policy),
        justering_member_id=justering,
        changes=len(changes),
        draft=bool(attachments),
        snapshot=minutes.snapshot,
    )
    # Posted once this transaction has committed, so no Slack call holds the lock; the
    # post is a row of due work, so a post that fails is retried by the tick, not lost.
    label = meeting_label(meeting, lang, tz=tz)
    files = [
        {
            "filename": file.filename,
            "title": file.title or t("approval.draft.file_title", lang, date=label),
            "content": base64.b64encode(file.content).decode("ascii"),
            "primary": index == 0,
        }
        for index, file in enumerate(attachments)
    ]
    _schedule_now(
        session,
        services,
        kind=SEND,
        key=f"{SEND}:open:{minutes.id}",
        group_id=group.id,
        payload={
            "op": "open",
            "minutes_id": minutes.id,
            "revised_of": previous.id if previous is not None else None,
            "attachments": files,
        },
        now=now,
    )
    return PostResult(
        minutes_id=minutes.id,
        meeting_id=meeting.id,
        version=minutes.version,
        deadline=deadline,
        tz=tz,
        meeting_label=meeting_label(meeting, lang, tz=tz),
        changes=len(changes),
    )


# ---------------------------------------------------------------------------------------
# Votes and objections
# ---------------------------------------------------------------------------------------


def _voter_member(session: Session, group: Group, user_id: str | None) -> Member | None:
    """Return the member behind a Slack user if their answer counts, else None."""
    if not user_id:
        return None
    member = MemberRepo(session).by_slack_user(group.id, user_id)
    if member is None or not counts(member.role, member.active):
        return None
    return member


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


def _note(
    session: Session,
    services: Services,
    channel: str,
    user: str,
    key: str,
    lang: str,
    **params: Any,
) -> None:
    message = Message(t(key, lang, **params))
    after_commit(session, lambda: services.notifier.ephemeral(channel, user, message))


def _closed_note(
    session: Session, services: Services, minutes: Minutes, user: str, lang: str
) -> None:
    """Tell someone answering a closed version where the round stands."""
    channel = minutes.channel or ""
    if minutes.status == MinutesStatus.SUPERSEDED:
        latest = latest_version(session, minutes.meeting_id)
        _note(
            session,
            services,
            channel,
            user,
            "approval.note.superseded",
            lang,
            version=latest.version if latest is not None else "?",
        )
    elif minutes.status == MinutesStatus.APPROVED:
        _note(session, services, channel, user, "approval.note.approved", lang)


def _add_objection(
    session: Session,
    services: Services,
    minutes: Minutes,
    group: Group,
    member: Member,
    now: datetime,
    *,
    text: str | None,
    reaction: str | None,
    message_ts: str | None,
) -> Objection:
    objection = Objection(
        minutes_id=minutes.id,
        member_id=member.id,
        text=text,
        reaction=reaction,
        message_ts=message_ts,
        status=ObjectionStatus.OPEN,
        at=now,
    )
    session.add(objection)
    session.flush()
    _audit(
        session,
        minutes,
        group.id,
        "approval.objection",
        member.slack_user_id,
        now,
        objection_id=objection.id,
        text=text,
        reaction=reaction,
    )
    # An open objection stops tacit approval, so the secretariat hears of it at once.
    view = round_view(session, minutes, link=_link(services, minutes))
    line = next(o for o in view.objections if o.objection_id == objection.id)
    for secretary in _secretaries(session, group, minutes, Action.RESOLVE_OBJECTIONS):
        assert secretary.slack_user_id is not None
        send_later(
            session,
            services,
            f"objection:{objection.id}:{secretary.id}",
            objection_dm(view, line, language_for(services.settings, group, secretary)),
            now=now,
            group_id=group.id,
            user=secretary.slack_user_id,
        )
    return objection


def _withdraw(
    session: Session,
    minutes: Minutes,
    group: Group,
    objection: Objection,
    member: Member,
    now: datetime,
) -> None:
    objection.status = ObjectionStatus.HANDLED
    objection.resolved_by = member.slack_user_id
    objection.resolved_at = now
    objection.resolution_note = None
    _audit(
        session,
        minutes,
        group.id,
        "approval.objection_withdrawn",
        member.slack_user_id,
        now,
        objection_id=objection.id,
    )


def _set_reaction_state(
    session: Session,
    services: Services,
    minutes: Minutes,
    group: Group,
    member: Member,
    state: tuple[Verdict, str] | None,
    now: datetime,
    *,
    how: str,
) -> bool:
    """Make a member's reaction vote what their reactions now say; return whether it changed.

    Objecting wins over approving while both reactions are on the message. An objection
    written in the thread is untouched: only the secretary (or its author, by deleting
    it) closes it.
    """
    vote = _votes(session, minutes.id).get(member.id)
    mine = [o for o in _open_objections(session, minutes.id) if o.member_id == member.id]
    by_reaction = [o for o in mine if o.reaction is not None]
    by_text = [o for o in mine if o.reaction is None]
    before = (vote.verdict, vote.reaction) if vote is not None else None
    if state is None or state[0] == Verdict.APPROVE:
        for objection in by_reaction:
            _withdraw(session, minutes, group, objection, member, now)
    if state is None:
        if vote is not None and vote.reaction is not None:
            if by_text:
                vote.verdict, vote.reaction = Verdict.OBJECT, None
            elif _approving_replies(session, minutes.id, member.id):
                # "Godkendt" written in the thread still approves without the ✅.
                vote.verdict, vote.reaction = Verdict.APPROVE, None
            else:
                session.delete(vote)
                vote = None
    else:
        verdict, reaction = state
        if verdict == Verdict.OBJECT and not by_reaction:
            _add_objection(
                session,
                services,
                minutes,
                group,
                member,
                now,
                text=None,
                reaction=reaction,
                message_ts=None,
            )
        if vote is None:
            vote = ApprovalVote(
                minutes_id=minutes.id,
                member_id=member.id,
                verdict=verdict,
                reaction=reaction,
                at=now,
            )
            session.add(vote)
        elif (vote.verdict, vote.reaction) != (verdict, reaction):
            vote.verdict, vote.reaction, vote.at = verdict, reaction, now
    after = (vote.verdict, vote.reaction) if vote is not None else None
    if after == before:
        return False
    session.flush()
    _audit(
        session,
        minutes,
        group.id,
        "approval.vote",
        member.slack_user_id,
        now,
        member_id=member.id,
        verdict=str(after[0]) if after else None,
        reaction=after[1] if after else None,
        how=how,
    )
    return True


def _member_reaction_state(
    services: Services, minutes: Minutes, rules: EmojiRules, member: Member
) -> tuple[Verdict, str] | None:
    """Read a member's remaining reactions on the request (from Slack, before the transaction)."""
    assert minutes.channel is not None and minutes.message_ts is not None
    read = read_before()
    if not isinstance(read, RoundReads) or read.minutes_id != minutes.id:
        raise LookupError("the reactions were not read before the transaction")
    found = reaction_verdicts(read.reactions, rules, {member.slack_user_id or "": member.id})
    return found.get(member.id)


def _answering_member(
    session: Session,
    services: Services,
    group: Group,
    minutes: Minutes,
    channel_id: str,
    user_id: str,
    *,
    notify: bool,
) -> tuple[Member | None, str]:
    """Return the member whose answer counts, and the person's language.

    None when the person may not answer (not a voting member) or the round is closed;
    with ``notify`` the person is told why, privately.
    """
    member = _voter_member(session, group, user_id)
    someone = MemberRepo(session).by_slack_user(group.id, user_id)
    lang = language_for(services.settings, group, someone)
    if member is None:
        if notify:
            _note(
                session,
                services,
                channel_id,
                user_id,
                "approval.note.not_member",
                lang,
                group=escape(group.name),
            )
        return None, lang
    if minutes.status not in _OPEN:
        if notify:
            _closed_note(session, services, minutes, user_id, lang)
        return None, lang
    return member, lang


def record_reaction(
    session: Session, services: Services, event: ReactionEvent, now: datetime
) -> bool:
    """Count a reaction on an approval request; return False when it is not about one.

    Only the group's members count (see `bot.domain.approval.counts`); anyone else is
    told so privately. Removing a reaction takes the vote back.
    """
    minutes = minutes_by_message(session, event.channel_id, event.ts)
    if minutes is None or minutes.status == MinutesStatus.DRAFT:
        return False
    meeting = _meeting_of(session, minutes)
    group = _group_of(session, meeting)
    rules = group_rules(group)
    verdict = rules.verdict(event.reaction)
    if verdict is None:
        return False
    if event.event_key and not EventLog(session).claim(event.event_key, "reaction", now):
        raise AlreadyProcessed(event.event_key)
    member, _ = _answering_member(
        session, services, group, minutes, event.channel_id, event.user_id, notify=event.added
    )
    if member is None:
        return True
    state: tuple[Verdict, str] | None
    if event.added:
        state = (verdict, normalise_emoji(event.reaction))
        if verdict == Verdict.APPROVE and any(
            o.member_id == member.id and o.reaction is not None
            for o in _open_objections(session, minutes.id)
        ):
            # Both ✅ and ❌ on the message: the objection stands until ❌ is taken back.
            return True
    else:
        try:
            state = _member_reaction_state(services, minutes, rules, member)
        except Exception:
            # Slack could not tell what is left: take the removal at its word. The
            # reconciliation before the deadline corrects anything this gets wrong.
            log.warning("approval: reactions.get failed; applying the removal as sent")
            state = None
    changed = _set_reaction_state(
        session, services, minutes, group, member, state, now, how="reaction"
    )
    if changed:
        settle_if_ready(session, services, minutes, now)
        _refresh_after_commit(session, services, minutes.id)
    return True


# ---------------------------------------------------------------------------------------
# Replies in the approval thread (issue 14)
# ---------------------------------------------------------------------------------------

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
#: Buttons of "Er det en indsigelse til referatet?".
QUESTION_YES = "approval_reply_yes"
QUESTION_NO = "approval_reply_no"


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


def _reply_by_ts(session: Session, channel: str, ts: str) -> ApprovalReply | None:
    """Return the stored reply of a message in a channel (None when it is not one)."""
    for reply in session.scalars(select(ApprovalReply).where(ApprovalReply.message_ts == ts)):
        minutes = session.get(Minutes, reply.minutes_id)
        if minutes is not None and minutes.channel == channel:
            return reply
    return None


def _from_secretariat(session: Session, group: Group, minutes: Minutes, user_id: str) -> bool:
    """Tell whether a thread reply comes from whoever answers for the minutes.

    Why: the secretary answers members in the thread ("rettet, ny version kommer",
    "punkt 3 er præciseret"); read as a member's reply that would be an objection to
    their own minutes, or a question nobody asked. So only an approval in their words
    counts; otherwise the poster and the secretariat vote with a reaction like anyone.
    """
    if minutes.posted_by and minutes.posted_by == user_id:
        return True
    member = MemberRepo(session).by_slack_user(group.id, user_id)
    return member is not None and member.role == Role.SECRETARY


def question_message(reply_id: int, text: str, lang: str) -> Message:
    """Build the private "Er det en indsigelse til referatet? [Ja] [Nej]" question."""
    quoted = escape(" ".join(text.split())[:300])
    body = t("approval.question.ask", lang, text=quoted)
    return Message(
        body,
        blocks=[
            section_block(body),
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "button",
                        "action_id": QUESTION_YES,
                        "text": {"type": "plain_text", "text": t("approval.question.yes", lang)},
                        "value": str(reply_id),
                        "style": "danger",
                    },
                    {
                        "type": "button",
                        "action_id": QUESTION_NO,
                        "text": {"type": "plain_text", "text": t("approval.question.no", lang)},
                        "value": str(reply_id),
                    },
                ],
            },
        ],
    )


def _count_approval(
    session: Session,
    minutes: Minutes,
    group: Group,
    member: Member,
    text: str,
    now: datetime,
) -> bool:
    """Count "godkendt" written in the thread as the member's approval; False if it cannot.

    An open objection of the member's own stands until the secretary handles it or the
    member deletes it: a later "godkendt" does not silently take it back.
    """
    if any(o.member_id == member.id for o in _open_objections(session, minutes.id)):
        return False
    vote = _votes(session, minutes.id).get(member.id)
    if vote is None:
        session.add(
            ApprovalVote(
                minutes_id=minutes.id,
                member_id=member.id,
                verdict=Verdict.APPROVE,
                reaction=None,
                comment=text or None,
                at=now,
            )
        )
    elif vote.verdict != Verdict.APPROVE:
        vote.verdict, vote.reaction, vote.comment, vote.at = Verdict.APPROVE, None, text, now
    else:
        return True
    session.flush()
    _audit(
        session,
        minutes,
        group.id,
        "approval.vote",
        member.slack_user_id,
        now,
        member_id=member.id,
        verdict=str(Verdict.APPROVE),
        reaction=None,
        how="reply",
    )
    return True


def _record_objection(
    session: Session,
    services: Services,
    minutes: Minutes,
    group: Group,
    member: Member,
    now: datetime,
    *,
    text: str,
    message_ts: str,
) -> None:
    """Open an objection written in the thread and make the member's vote an objection."""
    _add_objection(
        session,
        services,
        minutes,
        group,
        member,
        now,
        text=text or None,
        reaction=None,
        message_ts=message_ts,
    )
    vote = _votes(session, minutes.id).get(member.id)
    if vote is None:
        session.add(
            ApprovalVote(
                minutes_id=minutes.id,
                member_id=member.id,
                verdict=Verdict.OBJECT,
                reaction=None,
                comment=text or None,
                at=now,
            )
        )
    else:
        vote.verdict, vote.reaction, vote.comment, vote.at = Verdict.OBJECT, None, text or None, now
    session.flush()


def _undo_reply(
    session: Session, minutes: Minutes, group: Group, reply: ApprovalReply, now: datetime
) -> None:
    """Take back what a reply recorded, unless something else still supports it."""
    member = session.get(Member, reply.member_id)
    if member is None:
        return
    vote = _votes(session, minutes.id).get(member.id)
    if reply.state == COUNTED:
        if (
            vote is not None
            and vote.verdict == Verdict.APPROVE
            and vote.reaction is None
            and not _approving_replies(session, minutes.id, member.id, but=reply.id)
        ):
            session.delete(vote)
            _audit(
                session,
                minutes,
                group.id,
                "approval.vote",
                member.slack_user_id,
                now,
                member_id=member.id,
                verdict=None,
                reaction=None,
                how="reply_withdrawn",
            )
    elif reply.state in (OBJECTED, YES):
        mine = [
            o
            for o in _open_objections(session, minutes.id)
            if o.member_id == member.id and o.reaction is None
        ]
        for objection in [o for o in mine if o.message_ts == reply.message_ts]:
            _withdraw(session, minutes, group, objection, member, now)
        others = [o for o in mine if o.message_ts != reply.message_ts]
        if vote is not None and vote.reaction is None and not others:
            approving = _approving_replies(session, minutes.id, member.id, but=reply.id)
            if approving and not [
                o for o in _open_objections(session, minutes.id) if o.member_id == member.id
            ]:
                # "Godkendt" written while the objection stood counts now it is gone.
                vote.verdict, vote.comment, vote.at = Verdict.APPROVE, None, now
                for held in approving:
                    held.state = COUNTED
            else:
                session.delete(vote)
    session.flush()


def _apply_reply(
    session: Session,
    services: Services,
    minutes: Minutes,
    group: Group,
    member: Member,
    reply: ApprovalReply,
    lang: str,
    channel: str,
    now: datetime,
) -> None:
    """Record what a read reply means and tell its author privately what was recorded."""
    user = member.slack_user_id or ""
    reading = read_reply(reply.text)
    explicit = objection_text(reply.text)
    kind = reading.kind
    if explicit is not None and kind == ReplyKind.UNCLEAR and not reading.question:
        # "Indsigelse: punkt 2" opens with the word itself: that is what it says it is.
        kind = ReplyKind.OBJECT
    if reading.bare and any(
        o.member_id != member.id for o in _open_objections(session, minutes.id)
    ):
        # "Enig" or 👍 under another member's objection may second it: ask, never assume.
        kind = ReplyKind.UNCLEAR
    reply.reading = str(kind)
    _audit(
        session,
        minutes,
        group.id,
        "approval.reply",
        user,
        now,
        reply_id=reply.id,
        reading=str(kind),
        cues=list(reading.cues),
        text=reply.text,
    )
    if kind == ReplyKind.APPROVE:
        if _count_approval(session, minutes, group, member, reply.text, now):
            reply.state = COUNTED
            _note(session, services, channel, user, "approval.reply.approved", lang)
        else:
            reply.state = HELD
            _note(session, services, channel, user, "approval.reply.objection_stands", lang)
    elif kind == ReplyKind.OBJECT:
        _object_by_reply(session, services, minutes, group, member, reply, now)
        reply.state = OBJECTED
        _note(session, services, channel, user, "approval.note.objection_sent", lang)
    else:
        reply.state = ASKED
        message = question_message(reply.id, reply.text, lang)
        after_commit(session, lambda: services.notifier.ephemeral(channel, user, message))
    session.flush()
    settle_if_ready(session, services, minutes, now)
    _refresh_after_commit(session, services, minutes.id)


def _object_by_reply(
    session: Session,
    services: Services,
    minutes: Minutes,
    group: Group,
    member: Member,
    reply: ApprovalReply,
    now: datetime,
) -> None:
    """Open an objection from a reply: its text after "indsigelse:", or the whole reply."""
    explicit = objection_text(reply.text)
    _record_objection(
        session,
        services,
        minutes,
        group,
        member,
        now,
        text=explicit if explicit is not None else reply.text,
        message_ts=reply.message_ts,
    )


def record_reply(session: Session, services: Services, event: MessageEvent, now: datetime) -> bool:
    """Read a member's reply in the approval thread: approval, objection, or ask them.

    No mention is needed: the thread is about the round. An approval counts as the
    member's vote; an objection opens one with the reply's text; anything else gets a
    private "Er det en indsigelse til referatet? [Ja] [Nej]", and the round does not
    settle while that question is open. Replies by the secretariat are their answers,
    not votes; replies by anyone who is not a member are left alone, politely.
    """
    if not event.thread_ts or event.thread_ts == event.ts or not event.user_id:
        return False
    minutes = minutes_by_message(session, event.channel_id, event.thread_ts)
    if minutes is None or minutes.status == MinutesStatus.DRAFT:
        return False
    if event.event_key and not EventLog(session).claim(event.event_key, "approval_reply", now):
        raise AlreadyProcessed(event.event_key)
    if _reply_by_ts(session, event.channel_id, event.ts) is not None:
        # The same message again (a mention and its message event): one effect.
        return True
    meeting = _meeting_of(session, minutes)
    group = _group_of(session, meeting)
    reading = read_reply(event.text)
    if _from_secretariat(session, group, minutes, event.user_id) and (
        reading.kind != ReplyKind.APPROVE
    ):
        # The secretariat's "rettet, ny version kommer" is an answer, not a vote against
        # their own minutes; their "godkendt fra min side" counts like anyone's.
        return True
    meant = reading.kind != ReplyKind.UNCLEAR or objection_text(event.text) is not None
    member, lang = _answering_member(
        session, services, group, minutes, event.channel_id, event.user_id, notify=False
    )
    if member is None:
        if meant and _voter_member(session, group, event.user_id) is None:
            _note(
                session,
                services,
                event.channel_id,
                event.user_id,
                "approval.reply.not_member",
                lang,
                group=escape(group.name),
            )
        elif meant:
            _closed_note(session, services, minutes, event.user_id, lang)
        return True
    # A file shared in the thread without words (a marked-up copy, say) is asked about
    # under its name.
    names = ", ".join(str(f.get("name") or f.get("title") or "") for f in event.files)
    reply = ApprovalReply(
        minutes_id=minutes.id,
        member_id=member.id,
        message_ts=event.ts,
        text=event.text.strip() or (f"[{names}]" if names.strip(", ") else ""),
        reading=str(reading.kind),
        state=ASKED,
        at=now,
    )
    session.add(reply)
    session.flush()
    _apply_reply(session, services, minutes, group, member, reply, lang, event.channel_id, now)
    return True


def in_approval_thread(session: Session, channel: str, thread_ts: str | None) -> bool:
    """Tell whether a message's thread is that of an approval request (not a draft)."""
    if not thread_ts:
        return False
    minutes = minutes_by_message(session, channel, thread_ts)
    return minutes is not None and minutes.status != MinutesStatus.DRAFT


def record_reply_change(
    session: Session, services: Services, event: MessageEvent, now: datetime
) -> bool:
    """Follow an edited or deleted reply: read the new text, or withdraw what it recorded."""
    reply = _reply_by_ts(session, event.channel_id, event.ts)
    if reply is None:
        return _legacy_reply_change(session, services, event, now)
    minutes = session.get(Minutes, reply.minutes_id)
    member = session.get(Member, reply.member_id)
    if minutes is None or member is None:
        return False
    if event.event_key and not EventLog(session).claim(event.event_key, "approval_reply_edit", now):
        raise AlreadyProcessed(event.event_key)
    if reply.state in (WITHDRAWN, CLOSED) or minutes.status not in _OPEN:
        return True
    group = _group_of(session, _meeting_of(session, minutes))
    text = event.text.strip()
    deleted = event.subtype == "message_deleted" or (
        # The secretariat's words count only as an approval (see `record_reply`).
        _from_secretariat(session, group, minutes, member.slack_user_id or "")
        and read_reply(text).kind != ReplyKind.APPROVE
    )
    if event.subtype != "message_deleted" and text == reply.text:
        return True
    if not deleted and reply.state in (OBJECTED, YES):
        reading = read_reply(text)
        confirmed = (
            reply.state == YES and reading.kind == ReplyKind.UNCLEAR and not reading.question
        )
        if reading.kind == ReplyKind.OBJECT or confirmed:
            # Still an objection: follow its wording, without a second alarm.
            explicit = objection_text(text)
            for objection in _open_objections(session, minutes.id):
                if objection.message_ts == reply.message_ts:
                    objection.text = (explicit if explicit is not None else text) or None
                    _audit(
                        session,
                        minutes,
                        group.id,
                        "approval.objection_edited",
                        member.slack_user_id,
                        now,
                        objection_id=objection.id,
                        text=text,
                    )
            reply.text = text
            _refresh_after_commit(session, services, minutes.id)
            return True
    _undo_reply(session, minutes, group, reply, now)
    _audit(
        session,
        minutes,
        group.id,
        "approval.reply_withdrawn" if deleted else "approval.reply_edited",
        member.slack_user_id,
        now,
        reply_id=reply.id,
        was=reply.state,
        text=None if deleted else text,
    )
    if deleted:
        reply.state = WITHDRAWN
        settle_if_ready(session, services, minutes, now)
        _refresh_after_commit(session, services, minutes.id)
        return True
    reply.text = text
    lang = language_for(services.settings, group, member)
    _apply_reply(session, services, minutes, group, member, reply, lang, event.channel_id, now)
    return True


@dataclass(frozen=True)
class QuestionAnswer:
    """The outcome of a press on [Ja] or [Nej]: the message key for the member, its language."""

    key: str
    lang: str


def answer_question(
    session: Session,
    services: Services,
    reply_id: int,
    user_id: str,
    objection: bool,
    now: datetime,
) -> QuestionAnswer:
    """Record the member's answer to "Er det en indsigelse til referatet?".

    [Ja] opens the objection with the reply's text; [Nej] records nothing (the reply is
    neither an objection nor an approval). Either way the question no longer holds the
    round, which settles now if its deadline has already passed.
    """
    reply = session.get(ApprovalReply, reply_id)
    minutes = session.get(Minutes, reply.minutes_id) if reply is not None else None
    member = session.get(Member, reply.member_id) if reply is not None else None
    if reply is None or minutes is None or member is None:
        raise UserError("approval.question.gone")
    group = _group_of(session, _meeting_of(session, minutes))
    lang = language_for(services.settings, group, member)
    if member.slack_user_id != user_id:
        raise UserError("approval.question.not_yours", name=escape(member.name))
    if not EventLog(session).claim(f"approval.question:{reply.id}", "approval_question", now):
        raise UserError("approval.question.gone")
    if reply.state != ASKED:
        raise UserError("approval.question.gone")
    if minutes.status not in _OPEN:
        reply.state = CLOSED
        raise UserError("approval.question.closed")
    reply.answered_at = now
    _audit(
        session,
        minutes,
        group.id,
        "approval.question_answered",
        user_id,
        now,
        reply_id=reply.id,
        objection=objection,
    )
    if objection:
        _object_by_reply(session, services, minutes, group, member, reply, now)
        reply.state = YES
        key = "approval.question.objected"
    else:
        reply.state = NO
        key = "approval.question.not_objection"
    session.flush()
    settle_if_ready(session, services, minutes, now)
    _refresh_after_commit(session, services, minutes.id)
    return QuestionAnswer(key, lang)


def _remind_questions(
    session: Session, services: Services, minutes: Minutes, group: Group, now: datetime
) -> None:
    """At a deadline held by open questions: ask each member again, tell the secretariat.

    Why: the round must not be approved over what may be an objection, nor wait in
    silence; the member is asked again by DM (an ephemeral question may have been
    missed), and the secretariat is told whose answer the round is waiting for.
    """
    questions = _open_questions(session, minutes.id)
    if not questions:
        return
    meeting = _meeting_of(session, minutes)
    day = meeting.starts_at.astimezone(ZoneInfo(group.timezone)).strftime("%d.%m.%Y")
    names: list[str] = []
    for reply in questions:
        member = session.get(Member, reply.member_id)
        if member is None or not member.slack_user_id:
            continue
        names.append(member.name)
        lang = language_for(services.settings, group, member)
        ask = question_message(reply.id, reply.text, lang)
        text = t("approval.question.reminder", lang, date=day) + "\n" + ask.text
        blocks = [section_block(t("approval.question.reminder", lang, date=day))]
        send_later(
            session,
            services,
            f"question:{reply.id}",
            Message(text, blocks=blocks + list(ask.blocks or [])),
            now=now,
            group_id=group.id,
            user=member.slack_user_id,
        )
    if minutes.channel and minutes.message_ts:
        send_later(
            session,
            services,
            f"questions:thread:{minutes.id}",
            Message(
                t(
                    "approval.question.thread",
                    group.language,
                    names=", ".join(escape(n) for n in names),
                )
            ),
            now=now,
            group_id=group.id,
            channel=minutes.channel,
            thread_ts=minutes.message_ts,
        )
    for officer in _secretaries(session, group, minutes, Action.SETTLE):
        assert officer.slack_user_id is not None
        send_later(
            session,
            services,
            f"questions:{minutes.id}:{officer.id}",
            Message(
                t(
                    "approval.question.secretary",
                    language_for(services.settings, group, officer),
                    date=day,
                    names=", ".join(escape(n) for n in names),
                )
            ),
            now=now,
            group_id=group.id,
            user=officer.slack_user_id,
        )


def _close_questions(
    session: Session, minutes: Minutes, group: Group, user_id: str, note: str, now: datetime
) -> int:
    """Close the round's open questions when the secretary marks it handled; return how many."""
    questions = _open_questions(session, minutes.id)
    for reply in questions:
        reply.state, reply.answered_at = CLOSED, now
        _audit(
            session,
            minutes,
            group.id,
            "approval.question_closed",
            user_id,
            now,
            reply_id=reply.id,
            note=note,
        )
    return len(questions)


def _legacy_reply_change(
    session: Session, services: Services, event: MessageEvent, now: datetime
) -> bool:
    """Follow an edited or deleted objection recorded before replies were stored."""
    objection = session.scalar(
        select(Objection).where(
            Objection.message_ts == event.ts, Objection.status == ObjectionStatus.OPEN
        )
    )
    if objection is None:
        return False
    minutes = session.get(Minutes, objection.minutes_id)
    if minutes is None or minutes.channel != event.channel_id:
        return False
    if event.event_key and not EventLog(session).claim(event.event_key, "objection_edit", now):
        raise AlreadyProcessed(event.event_key)
    group = _group_of(session, _meeting_of(session, minutes))
    member = session.get(Member, objection.member_id)
    if member is None:
        return True
    text = objection_text(event.text) if event.subtype == "message_changed" else None
    if text is None:
        _withdraw(session, minutes, group, objection, member, now)
        vote = _votes(session, minutes.id).get(member.id)
        others = [
            o
            for o in _open_objections(session, minutes.id)
            if o.member_id == member.id and o.id != objection.id
        ]
        if vote is not None and vote.reaction is None and not others:
            session.delete(vote)
        settle_if_ready(session, services, minutes, now)
    else:
        objection.text = text or None
        _audit(
            session,
            minutes,
            group.id,
            "approval.objection_edited",
            member.slack_user_id,
            now,
            objection_id=objection.id,
            text=text,
        )
    _refresh_after_commit(session, services, minutes.id)
    return True


def _objection_round(session: Session, objection_id: int) -> tuple[Objection, Minutes, Group]:
    objection = session.get(Objection, objection_id)
    minutes = session.get(Minutes, objection.minutes_id) if objection is not None else None
    if objection is None or minutes is None:
        raise UserError("approval.objection_gone")
    return objection, minutes, _group_of(session, _meeting_of(session, minutes))


def objection_for_handling(
    session: Session, settings: Settings, objection_id: int, user_id: str
) -> tuple[ObjectionLine, str]:
    """Return an open objection the person may mark handled, with their language."""
    objection, minutes, group = _objection_round(session, objection_id)
    actor = MemberRepo(session).by_slack_user(group.id, user_id)
    lang = language_for(settings, group, actor)
    _require(actor, Action.RESOLVE_OBJECTIONS, group, lang)
    if objection.status != ObjectionStatus.OPEN:
        raise UserError("approval.objection_closed")
    line = next(
        o for o in round_view(session, minutes).objections if o.objection_id == objection.id
    )
    return line, lang


def _require(member: Member | None, action: Action, group: Group, lang: str) -> Member:
    from bot.context import authorize

    return authorize(member, group, action, lang)


def handle_objections(
    session: Session,
    services: Services,
    *,
    group: Group | None,
    user_id: str,
    note: str,
    now: datetime,
    objection_id: int | None = None,
) -> HandledResult:
    """Mark one objection (or every open one of the group's round) handled, with a note.

    The secretary answers an objection either by revising the minutes or by saying how
    it was dealt with ("punkt 3 står som besluttet; drøftes igen på næste møde"). The
    note is recorded, shown in the thread and kept in the audit trail.
    """
    note = " ".join(note.split()) if "\n" not in note else note.strip()
    if objection_id is not None:
        objection, minutes, group = _objection_round(session, objection_id)
        if objection.status != ObjectionStatus.OPEN:
            raise UserError("approval.objection_closed")
        targets = [objection]
    else:
        if group is None:
            raise UserError("error.no_group")
        found = latest_round(session, group)
        if found is None or found.status not in _OPEN:
            raise UserError("approval.no_open_round", group=escape(group.name))
        minutes = found
        targets = _open_objections(session, minutes.id)
    actor = MemberRepo(session).by_slack_user(group.id, user_id)
    lang = language_for(services.settings, group, actor)
    actor = _require(actor, Action.RESOLVE_OBJECTIONS, group, lang)
    if not note:
        raise UserError("approval.handled_usage")
    questions = [] if objection_id is not None else _open_questions(session, minutes.id)
    if not targets and not questions:
        raise UserError("approval.no_open_objections")
    if minutes.status not in _OPEN:
        raise UserError("approval.objection_closed")
    # The secretary may also close a question a member never answered ("Er det en
    # indsigelse?"), e.g. after asking them directly: the note goes in the audit trail.
    closed = _close_questions(session, minutes, group, user_id, note, now) if questions else 0
    view = round_view(session, minutes)
    lines = {o.objection_id: o for o in view.objections}
    for objection in targets:
        objection.status = ObjectionStatus.HANDLED
        objection.resolution_note = note
        objection.resolved_by = user_id
        objection.resolved_at = now
        _audit(
            session,
            minutes,
            group.id,
            "approval.objection_handled",
            user_id,
            now,
            objection_id=objection.id,
            note=note,
        )
        objector = session.get(Member, objection.member_id)
        if minutes.channel and minutes.message_ts:
            send_later(
                session,
                services,
                f"handled:{objection.id}",
                handled_thread_message(
                    lines[objection.id],
                    objector.slack_user_id if objector is not None else None,
                    actor.name,
                    note,
                    group.language,
                ),
                now=now,
                group_id=group.id,
                channel=minutes.channel,
                thread_ts=minutes.message_ts,
            )
    session.flush()
    approved = settle_if_ready(session, services, minutes, now)
    _refresh_after_commit(session, services, minutes.id)
    return HandledResult(count=len(targets) + closed, minutes_id=minutes.id, approved=approved)


# ---------------------------------------------------------------------------------------
# Reconciliation, settling, deadlines, reminders
# ---------------------------------------------------------------------------------------


def reconcile_votes(session: Session, services: Services, minutes: Minutes, now: datetime) -> int:
    """Repair the stored votes from the reactions Slack holds; return how many changed.

    Reaction events can be lost (a restart, a network failure), so before reminders go
    out and before a round is settled, the message itself is the authority.
    """
    if not minutes.channel or not minutes.message_ts:
        return 0
    group = _group_of(session, _meeting_of(session, minutes))
    rules = group_rules(group)
    read = read_before()
    if not isinstance(read, RoundReads) or read.minutes_id != minutes.id:
        return 0  # Slack is read before a transaction, never inside one (``read_round``)
    reactions = read.reactions
    members = {
        m.id: m
        for m in MemberRepo(session).in_group(group.id)
        if counts(m.role, m.active) and m.slack_user_id
    }
    member_of = {m.slack_user_id: m.id for m in members.values() if m.slack_user_id}
    current = {
        mid: CurrentVote(Verdict(vote.verdict), vote.reaction)
        for mid, vote in _votes(session, minutes.id).items()
        if mid in members
    }
    changes = reconcile(reactions, rules, member_of, current)
    changed = 0
    for change in changes:
        state = (change.verdict, change.reaction or "") if change.verdict is not None else None
        if _set_reaction_state(
            session,
            services,
            minutes,
            group,
            members[change.member_id],
            state,
            now,
            how="reconciled",
        ):
            changed += 1
    return changed


def settle_if_ready(
    session: Session,
    services: Services,
    minutes: Minutes,
    now: datetime,
    *,
    at_deadline: bool = False,
) -> bool:
    """Approve a round the moment its policy allows; return whether it is now approved.

    The deadline counts as passed only once the deadline job has run (`at_deadline`, or
    a round it left stalled): that job first reconciles the votes with Slack, so a vote
    arriving between the deadline and the next tick never settles a round on
    incomplete votes.
    """
    if minutes.status not in _OPEN:
        return minutes.status == MinutesStatus.APPROVED
    passed = at_deadline or minutes.status == MinutesStatus.STALLED
    outcome = outcome_of(session, minutes, deadline_passed=passed)
    if outcome.state != RoundState.APPROVED:
        return False
    _approve(session, services, minutes, now)
    return True


def _approve(session: Session, services: Services, minutes: Minutes, now: datetime) -> None:
    """Record the approval: the minutes and their decisions, the outcome, the task offer."""
    meeting = _meeting_of(session, minutes)
    group = _group_of(session, meeting)
    minutes.status = MinutesStatus.APPROVED
    minutes.settled_at = now
    for item in session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)):
        for decision in item.decisions:
            decision.approved = True
    session.flush()
    view = round_view(session, minutes, link=_link(services, minutes))
    _audit(
        session,
        minutes,
        group.id,
        "approval.approved",
        None,
        now,
        policy=minutes.policy,
        approved=[p.name for p in view.approved],
        tacit=[p.name for p in view.missing],
    )
    lang = group.language
    if minutes.channel and minutes.message_ts:
        send_later(
            session,
            services,
            f"approved:thread:{minutes.id}",
            approved_thread_message(view, lang),
            now=now,
            group_id=group.id,
            channel=minutes.channel,
            thread_ts=minutes.message_ts,
        )
    if minutes.channel:
        send_later(
            session,
            services,
            f"approved:channel:{minutes.id}",
            approved_channel_message(view, lang),
            now=now,
            group_id=group.id,
            channel=minutes.channel,
        )
    _schedule_now(
        session,
        services,
        kind=OFFER,
        key=f"{OFFER}:{minutes.id}",
        group_id=group.id,
        payload={"minutes_id": minutes.id, "meeting_id": meeting.id},
        now=now,
    )
    _refresh_durably(session, services, minutes.id, "approved", now)


def run_deadline(services: Services, row: DueWork, now: datetime) -> None:
    """At the deadline: reconcile with Slack, then approve or stall the round.

    A deadline that passed while the bot was down runs at the next tick, as it is a row
    in the database; the reconciliation makes up for reaction events lost meanwhile.
    """
    session = _session_of(row)
    minutes = session.get(Minutes, int((row.payload or {}).get("minutes_id", 0)))
    if minutes is None or minutes.status != MinutesStatus.OPEN:
        return
    reconcile_votes(session, services, minutes, now)
    if settle_if_ready(session, services, minutes, now, at_deadline=True):
        return
    minutes.status = MinutesStatus.STALLED
    meeting = _meeting_of(session, minutes)
    group = _group_of(session, meeting)
    outcome = outcome_of(session, minutes, deadline_passed=True)
    _audit(
        session,
        minutes,
        group.id,
        "approval.stalled",
        None,
        now,
        reasons=list(outcome.reasons),
        missing=list(outcome.missing),
    )
    if "questions" in outcome.reasons:
        _remind_questions(session, services, minutes, group, now)
    view = round_view(session, minutes, link=_link(services, minutes))
    if minutes.channel and minutes.message_ts:
        send_later(
            session,
            services,
            f"stalled:thread:{minutes.id}",
            stalled_thread_message(view, group.language),
            now=now,
            group_id=group.id,
            channel=minutes.channel,
            thread_ts=minutes.message_ts,
        )
    for officer in _secretaries(session, group, minutes, Action.SETTLE):
        assert officer.slack_user_id is not None
        send_later(
            session,
            services,
            f"stalled:{minutes.id}:{officer.id}",
            stalled_dm(view, language_for(services.settings, group, officer)),
            now=now,
            group_id=group.id,
            user=officer.slack_user_id,
        )
    _refresh_durably(session, services, minutes.id, "stalled", now)


def run_remind(services: Services, row: DueWork, now: datetime) -> None:
    """Before the deadline: DM each member who has neither approved nor objected, once."""
    session = _session_of(row)
    minutes = session.get(Minutes, int((row.payload or {}).get("minutes_id", 0)))
    if minutes is None or minutes.status != MinutesStatus.OPEN:
        return
    if minutes.deadline_at is not None and minutes.deadline_at <= now:
        # The bot was down past the deadline: the round is settled now, and a reminder
        # of a deadline already gone would only confuse.
        return
    reconcile_votes(session, services, minutes, now)
    meeting = _meeting_of(session, minutes)
    group = _group_of(session, meeting)
    members = {m.id: m for m in MemberRepo(session).in_group(group.id)}
    answered = set(_votes(session, minutes.id)) | {
        o.member_id
        for o in _objections(session, minutes.id)
        if not _withdrawn(o, members.get(o.member_id))
    }
    view = round_view(session, minutes, link=_link(services, minutes))
    asked = {r.member_id: r for r in _open_questions(session, minutes.id)}
    for voter in voters_of(session, group):
        if voter.member_id in answered or not voter.slack_user_id:
            continue
        member = session.get(Member, voter.member_id)
        question = asked.get(voter.member_id)
        if question is not None:
            # They did answer, in words the bot could not read: ask that again instead.
            lang = language_for(services.settings, group, member)
            ask = question_message(question.id, question.text, lang)
            send_later(
                session,
                services,
                f"remind:{minutes.id}:{voter.member_id}",
                Message(ask.text, blocks=ask.blocks),
                now=now,
                group_id=group.id,
                user=voter.slack_user_id,
            )
            continue
        send_later(
            session,
            services,
            f"remind:{minutes.id}:{voter.member_id}",
            reminder_dm(view, language_for(services.settings, group, member)),
            now=now,
            group_id=group.id,
            user=voter.slack_user_id,
        )
    _audit(session, minutes, group.id, "approval.reminded", None, now)


def run_offer(services: Services, row: DueWork, now: datetime) -> None:
    """Offer the approved decisions' action items to the secretary."""
    session = _session_of(row)
    meeting = session.get(Meeting, int((row.payload or {}).get("meeting_id", 0)))
    if meeting is None:
        return
    offered = offer_action_items(session, services, meeting, now)
    log.info("approval: offered %s action items for meeting %s", offered, meeting.id)


#: What a job reads from Slack before its transaction begins.
JOB_READERS: dict[str, Callable[[Services, int], object]] = {
    DEADLINE: read_round,
    REMIND: read_round,
}


# ---------------------------------------------------------------------------------------
# Reports: status, CLI, Home
# ---------------------------------------------------------------------------------------


def round_for(session: Session, group: Group, when_text: str | None, now: datetime) -> Minutes:
    """Return the round a person asks about: the latest, or the one of a meeting's date."""
    if when_text and when_text.strip():
        meeting = held_meeting(session, group, when_text, now)
        minutes = latest_version(session, meeting.id)
    else:
        minutes = latest_round(session, group)
    if minutes is None:
        raise UserError("approval.no_round", group=escape(group.name))
    return minutes


def status_for(
    session: Session,
    services: Services,
    group: Group,
    when_text: str | None,
    now: datetime,
    lang: str,
) -> Message:
    """Return who approved, objected or stayed silent in a round, and when."""
    minutes = round_for(session, group, when_text, now)
    message = status_message(round_view(session, minutes, link=_link(services, minutes)), lang)
    waiting = [
        member.name
        for reply in _open_questions(session, minutes.id)
        if (member := session.get(Member, reply.member_id)) is not None
    ]
    if not waiting:
        return message
    line = t("approval.question.status", lang, names=", ".join(escape(n) for n in waiting))
    return Message(
        f"{message.text}\n{line}",
        blocks=[*(message.blocks or []), section_block(line)],
        metadata=message.metadata,
    )


def approvals_report(session: Session, group: Group, meeting: Meeting) -> dict[str, Any]:
    """Return every version of a meeting's minutes with votes, objections, silence and audit."""
    zone = ZoneInfo(group.timezone)
    versions = session.scalars(
        select(Minutes).where(Minutes.meeting_id == meeting.id).order_by(Minutes.version)
    ).all()
    names = {m.id: m for m in MemberRepo(session).in_group(group.id, active_only=False)}

    def when(at: datetime | None) -> str | None:
        return at.astimezone(zone).isoformat() if at is not None else None

    report: list[dict[str, Any]] = []
    for minutes in versions:
        view = round_view(session, minutes)
        votes = sorted(_votes(session, minutes.id).values(), key=lambda v: (v.at, v.id))
        report.append(
            {
                "version": minutes.version,
                "status": minutes.status,
                "policy": minutes.policy,
                "content_hash": minutes.content_hash,
                "posted_at": when(minutes.posted_at),
                "posted_by": minutes.posted_by,
                "deadline": when(minutes.deadline_at),
                "settled_at": when(minutes.settled_at),
                "justering_member": (
                    names[minutes.justering_member_id].name
                    if minutes.justering_member_id in names
                    else None
                ),
                "count": {
                    "members": view.total,
                    "approved": len(view.approved),
                    "open_objections": len(view.open_objections),
                    "missing": len(view.missing),
                },
                "votes": [
                    {
                        "member": names[v.member_id].name if v.member_id in names else None,
                        "slack_user_id": (
                            names[v.member_id].slack_user_id if v.member_id in names else None
                        ),
                        "verdict": v.verdict,
                        "reaction": v.reaction,
                        "at": when(v.at),
                    }
                    for v in votes
                ],
                "objections": [
                    {
                        "member": o.name,
                        "text": o.text,
                        "reaction": o.reaction,
                        "status": "withdrawn" if o.withdrawn else o.status,
                        "at": when(o.at),
                        "resolved_by": o.handled_by,
                        "resolved_at": when(o.handled_at),
                        "note": o.note,
                    }
                    for o in view.objections
                ],
                "silent": [p.name for p in view.missing],
                "changes": minutes.changes_summary,
                "audit": [
                    {
                        "at": when(entry.at),
                        "actor": entry.actor,
                        "action": entry.action,
                        "detail": {
                            k: v for k, v in (entry.detail or {}).items() if k != "snapshot"
                        },
                    }
                    for entry in AuditLog(session).for_subject("minutes", minutes.id)
                ],
            }
        )
    return {
        "meeting": {
            "date": meeting.starts_at.astimezone(zone).date().isoformat(),
            "group": group.name,
            "title": meeting.title,
        },
        "versions": report,
    }


def home_blocks(session: Session, settings: Settings, user_id: str) -> list[dict[str, Any]]:
    """Return the Home tab's open rounds for a person, marking those awaiting their answer."""
    lines: list[str] = []
    lang: str = settings.referent_language
    for group in MemberRepo(session).groups_of(user_id):
        member = _voter_member(session, group, user_id)
        if member is None:
            continue
        lang = language_for(settings, group, member)
        minutes = latest_round(session, group)
        if minutes is None or minutes.status not in _OPEN:
            continue
        answered = member.id in _votes(session, minutes.id)
        lines.append(f"• {home_line(round_view(session, minutes), answered, lang)}")
    if not lines:
        return []
    return [header_block(t("approval.home.title", lang)), section_block("\n".join(lines))]
