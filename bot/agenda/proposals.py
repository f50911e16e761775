"""Proposals: read, check, file, edit and withdraw agenda items members propose."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.agenda.access import require_proposer_or_officer
from bot.agenda.assembly import TITLE_LIMIT
from bot.context import Context
from bot.dates import DateParseError, find_when
from bot.domain import agenda as rules
from bot.domain.agenda import AttachmentRef, ProposalText
from bot.domain.enums import ItemKind, ItemStatus, MeetingStatus
from bot.domain.permissions import Action
from bot.errors import UserError
from bot.i18n import t
from bot.meetings import date_error, group_zone, is_held, local_day, resolve_meeting
from bot.render import escape
from storage.models import AgendaItem, Attachment, Group, Meeting
from storage.repositories import AuditLog, GroupRepo

TEXT_LIMIT = 6000
ATTACHMENT_LIMIT = 20

VIA_MENTION = "mention"
VIA_SLASH = "slash"
VIA_SHORTCUT = "shortcut"
VIA_MODAL = "modal"


@dataclass
class ProposalInput:
    """A proposal as a person gave it, from a message, a command or a form."""

    title: str
    kind: ItemKind | None = None
    summary: str | None = None
    background: str | None = None
    recommendation: str | None = None
    attachments: list[AttachmentRef] = field(default_factory=list)
    meeting_ref: str | None = None
    meeting_id: int | None = None
    via: str = VIA_MENTION
    source_channel: str | None = None
    source_ts: str | None = None


def date_prefix_reader(now: datetime, tz: str) -> rules.DatePrefix:
    """Return the reader that finds a date right after "til mødet" (for the proposal parser)."""

    def prefix(text: str) -> int | None:
        stripped = text.lstrip()
        offset = len(text) - len(stripped)
        looks_like_date = stripped[:1].isdigit()
        try:
            found = find_when(stripped, now, tz, prefer="future")
        except DateParseError as exc:
            if looks_like_date or (exc.fragment and stripped.startswith(exc.fragment)):
                raise date_error(exc) from None
            return None
        if found is None or found[1] != 0:
            if looks_like_date:
                fragment = stripped.split()[0] if stripped.split() else stripped
                raise UserError("meetings.date.unreadable", fragment=escape(fragment))
            return None
        return offset + found[2]

    return prefix


def read_proposal(text: str, now: datetime, tz: str) -> ProposalText:
    """Read a proposal written after ``punkt:`` into its parts."""
    return rules.parse_proposal(text, date_prefix_reader(now, tz))


def files_as_attachments(files: Sequence[dict[str, Any]]) -> list[AttachmentRef]:
    """Return the files shared with a message as bilag (title, permalink, file id)."""
    refs = []
    for file in files:
        file_id = str(file.get("id") or "") or None
        title = str(file.get("title") or file.get("name") or file_id or "")
        url = file.get("permalink") or file.get("url_private")
        if title:
            refs.append(AttachmentRef(title, str(url) if url else None, file_id))
    return refs


def input_from_text(
    text: str,
    now: datetime,
    tz: str,
    *,
    via: str,
    files: Sequence[dict[str, Any]] = (),
    source_channel: str | None = None,
    source_ts: str | None = None,
) -> ProposalInput:
    """Turn a proposal message into the input of :func:`propose`."""
    parsed = read_proposal(text, now, tz)
    return ProposalInput(
        title=parsed.title,
        kind=parsed.kind,
        summary=parsed.summary,
        background=parsed.background,
        recommendation=parsed.recommendation,
        attachments=[*parsed.attachments, *files_as_attachments(files)],
        meeting_ref=parsed.meeting_ref,
        via=via,
        source_channel=source_channel,
        source_ts=source_ts,
    )


def check_proposal(data: ProposalInput) -> None:
    """Validate a proposal's texts: a title of reasonable length, bounded texts and bilag."""
    if not data.title.strip():
        raise UserError("proposal.no_title")
    if len(data.title) > TITLE_LIMIT:
        raise UserError("proposal.title_too_long", limit=TITLE_LIMIT)
    for text in (data.summary, data.background, data.recommendation):
        if text and len(text) > TEXT_LIMIT:
            raise UserError("proposal.text_too_long", limit=TEXT_LIMIT)
    if len(data.attachments) > ATTACHMENT_LIMIT:
        raise UserError("proposal.too_many_attachments", limit=ATTACHMENT_LIMIT)


def target_meeting(session: Session, group: Group, data: ProposalInput, now: datetime) -> Meeting:
    """Return the meeting a proposal is for: the one chosen, the one named, or the next."""
    if data.meeting_id is not None:
        meeting = session.get(Meeting, data.meeting_id)
        if (
            meeting is None
            or meeting.group_id != group.id
            or meeting.status == MeetingStatus.CANCELLED
            or is_held(meeting, now, group.timezone)
        ):
            raise UserError("proposal.pick_meeting")
        return meeting
    return resolve_meeting(session, group, data.meeting_ref, now)


def next_position(session: Session, meeting_id: int) -> int:
    """Return the position after the last row of a meeting's agenda."""
    top = session.scalar(
        select(func.max(AgendaItem.position)).where(AgendaItem.meeting_id == meeting_id)
    )
    return int(top or 0) + 10


def _set_attachments(session: Session, item: AgendaItem, refs: Sequence[AttachmentRef]) -> None:
    for old in list(item.attachments):
        session.delete(old)
    item.attachments.clear()
    for index, ref in enumerate(refs):
        item.attachments.append(
            Attachment(position=index, title=ref.title, url=ref.url, slack_file_id=ref.file_id)
        )


def late_for(meeting: Meeting, group: Group, now: datetime) -> bool:
    """Tell whether a proposal made now misses the meeting's proposal deadline."""
    today = now.astimezone(group_zone(group)).date()
    return rules.is_late(today, local_day(meeting, group.timezone), group.proposal_deadline_days)


def propose(session: Session, ctx: Context, data: ProposalInput, now: datetime) -> AgendaItem:
    """Record a proposal for a meeting (late when after the deadline); members only."""
    member = ctx.require(Action.PROPOSE)
    group = ctx.require_group()
    check_proposal(data)
    meeting = target_meeting(session, group, data, now)
    item = AgendaItem(
        meeting_id=meeting.id,
        title=" ".join(data.title.split()),
        kind=data.kind or ItemKind.DECISION,
        status=ItemStatus.PROPOSED,
        is_late=late_for(meeting, group, now),
        is_standing=False,
        summary=data.summary,
        background=data.background,
        recommendation=data.recommendation,
        proposer_member_id=member.id,
        proposer_name=member.name,
        source_channel=data.source_channel,
        source_ts=data.source_ts,
        via=data.via,
        position=next_position(session, meeting.id),
        created_at=now,
        updated_at=now,
    )
    session.add(item)
    session.flush()
    _set_attachments(session, item, data.attachments)
    AuditLog(session).record(
        at=now,
        action="proposal.created",
        group_id=group.id,
        actor=member.slack_user_id,
        subject_type="agenda_item",
        subject_id=item.id,
        detail={"meeting": meeting.id, "late": item.is_late, "via": data.via},
    )
    return item


def update_proposal(
    session: Session, ctx: Context, item: AgendaItem, data: ProposalInput, now: datetime
) -> AgendaItem:
    """Change a proposal's texts, kind, bilag and (while waiting) its meeting."""
    require_proposer_or_officer(ctx, item)
    group = ctx.require_group()
    if item.status not in (ItemStatus.PROPOSED, ItemStatus.ACCEPTED):
        raise UserError("proposal.closed", status=t(f"proposal.status.{item.status}", ctx.lang))
    check_proposal(data)
    if data.meeting_id is not None or data.meeting_ref:
        meeting = target_meeting(session, group, data, now)
        if meeting.id != item.meeting_id and item.status == ItemStatus.PROPOSED:
            item.meeting_id = meeting.id
            item.is_late = late_for(meeting, group, now)
            item.position = next_position(session, meeting.id)
    _write_text(item, data)
    _set_attachments(session, item, data.attachments)
    item.updated_at = now
    AuditLog(session).record(
        at=now,
        action="proposal.edited",
        group_id=group.id,
        actor=ctx.member.slack_user_id if ctx.member else None,
        subject_type="agenda_item",
        subject_id=item.id,
    )
    return item


def withdraw(
    session: Session, ctx: Context | None, item: AgendaItem, now: datetime, *, actor: str | None
) -> AgendaItem:
    """Withdraw a proposal (its proposer or an officer; ``ctx`` None: the message was deleted)."""
    if ctx is not None:
        require_proposer_or_officer(ctx, item)
    if item.status == ItemStatus.WITHDRAWN:
        return item
    if item.status not in (ItemStatus.PROPOSED, ItemStatus.ACCEPTED):
        lang = ctx.lang if ctx else None
        raise UserError("proposal.closed", status=t(f"proposal.status.{item.status}", lang))
    item.status = ItemStatus.WITHDRAWN
    item.updated_at = now
    meeting = session.get(Meeting, item.meeting_id)
    AuditLog(session).record(
        at=now,
        action="proposal.withdrawn",
        group_id=meeting.group_id if meeting else None,
        actor=actor,
        subject_type="agenda_item",
        subject_id=item.id,
    )
    return item


def proposals_from_message(session: Session, channel: str, ts: str) -> list[AgendaItem]:
    """Return the proposals read from a message, which follow its edits and deletion."""
    return list(
        session.scalars(
            select(AgendaItem).where(
                AgendaItem.source_channel == channel,
                AgendaItem.source_ts == ts,
                AgendaItem.via == VIA_MENTION,
                AgendaItem.status.in_([ItemStatus.PROPOSED, ItemStatus.ACCEPTED]),
            )
        )
    )


def apply_edit(
    session: Session, item: AgendaItem, text: str, now: datetime, files: Sequence[dict[str, Any]]
) -> bool:
    """Bring a proposal in line with its edited message; False when nothing changed."""
    meeting = session.get(Meeting, item.meeting_id)
    group = GroupRepo(session).get(meeting.group_id) if meeting else None
    if meeting is None or group is None:
        return False
    data = input_from_text(text, now, group.timezone, via=VIA_MENTION, files=files)
    if not data.title.strip():
        return False
    check_proposal(data)
    target: Meeting | None = None
    if data.meeting_ref and item.status == ItemStatus.PROPOSED:
        target = resolve_meeting(session, group, data.meeting_ref, now)
    before = (item.title, item.kind, item.summary, item.recommendation, item.background)
    before_links = [(a.title, a.url) for a in item.attachments]
    _write_text(item, data)
    # Links follow the edited text; files shared with the message stay (an edit of the
    # text cannot remove them, and the edit event does not always repeat them).
    shared = {
        a.slack_file_id: AttachmentRef(a.title, a.url, a.slack_file_id)
        for a in item.attachments
        if a.slack_file_id
    }
    shared.update({r.file_id: r for r in data.attachments if r.file_id})
    refs = [r for r in data.attachments if not r.file_id] + list(shared.values())
    if [(r.title, r.url) for r in refs] != before_links:
        _set_attachments(session, item, refs)
    if target is not None and target.id != item.meeting_id:
        item.meeting_id = target.id
        item.is_late = late_for(target, group, now)
        item.position = next_position(session, target.id)
    changed = (
        before
        != (
            item.title,
            item.kind,
            item.summary,
            item.recommendation,
            item.background,
        )
        or [(a.title, a.url) for a in item.attachments] != before_links
    )
    if changed:
        item.updated_at = now
        AuditLog(session).record(
            at=now,
            action="proposal.edited",
            group_id=group.id,
            actor=None,
            subject_type="agenda_item",
            subject_id=item.id,
            detail={"from_message": True},
        )
    return True


def _write_text(item: AgendaItem, data: ProposalInput) -> None:
    """Copy what a proposal says (title, kind, summary, background, recommendation) to its row."""
    item.title = " ".join(data.title.split())
    if data.kind is not None:
        item.kind = data.kind
    item.summary = data.summary
    item.background = data.background
    item.recommendation = data.recommendation
