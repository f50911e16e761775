"""Curation by the chair: accept, reject, postpone, move and classify agenda items."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot.agenda.assembly import assemble_agenda, materialise, row_for, standing_of
from bot.agenda.confirmation import confirmation_notice
from bot.agenda.outbox import Notice
from bot.agenda.proposals import next_position
from bot.agenda.views import kind_label
from bot.context import Context
from bot.domain import agenda as rules
from bot.domain.agenda import Standing
from bot.domain.enums import ItemKind, ItemStatus, MeetingStatus
from bot.domain.permissions import Action
from bot.errors import UserError
from bot.i18n import t
from bot.meetings import is_held, meeting_label, short_date
from bot.ports import Message
from bot.render import escape
from storage.models import AgendaItem, Group, Meeting, Member
from storage.repositories import AuditLog


@dataclass
class Curated:
    """What a curation step did, and who must hear about it."""

    meeting: Meeting
    item: AgendaItem | None
    text: str
    notices: list[Notice] = field(default_factory=list)


def _proposer_dm(
    session: Session, item: AgendaItem, actor: Member, message: Message
) -> Notice | None:
    if item.proposer_member_id is None or item.proposer_member_id == actor.id:
        return None
    proposer = session.get(Member, item.proposer_member_id)
    if proposer is None or not proposer.slack_user_id:
        return None
    return Notice(message=message, user=proposer.slack_user_id)


def _with_confirmation(session: Session, result: Curated, now: datetime) -> Curated:
    if result.item is not None:
        notice = confirmation_notice(session, result.item, now)
        if notice is not None:
            result.notices.append(notice)
    return result


def _movable_row(item: AgendaItem) -> None:
    if item.is_standing and standing_of(item) in (
        Standing.APPROVE_AGENDA,
        Standing.APPROVE_MINUTES,
        Standing.NEXT_MEETING,
        Standing.ANY_OTHER,
    ):
        raise UserError("agenda.standing_fixed", title=escape(item.title))


def accept(session: Session, ctx: Context, meeting: Meeting, key: str, now: datetime) -> Curated:
    """Put a proposal on the agenda (chair or secretary)."""
    actor = ctx.require(Action.CURATE)
    item = row_for(session, meeting, key, now)
    if item.status not in (ItemStatus.PROPOSED, ItemStatus.REJECTED):
        raise UserError("agenda.not_pending", title=escape(item.title))
    item.status = ItemStatus.ACCEPTED
    item.reject_reason = None
    item.updated_at = now
    _audit(session, meeting, actor, "agenda.accepted", item, now)
    session.flush()
    number = rules.preview_number(assemble_agenda(session, meeting, now), f"item:{item.id}") or ""
    text = t("agenda.done.accepted", ctx.lang, title=escape(item.title), number=number)
    result = Curated(meeting, item, text)
    dm = _proposer_dm(
        session,
        item,
        actor,
        Message(
            t(
                "agenda.dm.accepted",
                _member_lang(session, item),
                title=escape(item.title),
                number=number,
                meeting=meeting_label(meeting, _member_lang(session, item)),
            )
        ),
    )
    if dm:
        result.notices.append(dm)
    return _with_confirmation(session, result, now)


def _member_lang(session: Session, item: AgendaItem) -> str:
    member = session.get(Member, item.proposer_member_id) if item.proposer_member_id else None
    meeting = session.get(Meeting, item.meeting_id)
    group = session.get(Group, meeting.group_id) if meeting else None
    if member is not None and member.language:
        return member.language
    return group.language if group is not None else "da"


def reject(
    session: Session, ctx: Context, meeting: Meeting, key: str, reason: str, now: datetime
) -> Curated:
    """Take an item off the agenda with a reason the proposer is told (chair or secretary)."""
    actor = ctx.require(Action.CURATE)
    reason = " ".join(reason.split())
    if not reason:
        raise UserError("agenda.reject_needs_reason")
    item = row_for(session, meeting, key, now)
    _movable_row(item)
    if item.status not in (ItemStatus.PROPOSED, ItemStatus.ACCEPTED):
        raise UserError("agenda.not_pending", title=escape(item.title))
    item.status = ItemStatus.REJECTED
    item.reject_reason = reason[:2000]
    item.updated_at = now
    _audit(session, meeting, actor, "agenda.rejected", item, now, {"reason": item.reject_reason})
    text = t("agenda.done.rejected", ctx.lang, title=escape(item.title))
    result = Curated(meeting, item, text)
    lang = _member_lang(session, item)
    dm = _proposer_dm(
        session,
        item,
        actor,
        Message(
            t(
                "agenda.dm.rejected",
                lang,
                title=escape(item.title),
                meeting=meeting_label(meeting, lang),
                reason=escape(item.reject_reason),
                by=escape(actor.name),
            )
        ),
    )
    if dm:
        result.notices.append(dm)
    return _with_confirmation(session, result, now)


def agenda_was_published_with(meeting: Meeting, item: AgendaItem) -> bool:
    """Tell whether an item was on the meeting's published agenda."""
    for row in meeting.agenda_snapshot or []:
        if row.get("id") == item.id or (item.origin and row.get("key") == item.origin):
            return True
    return False


def postpone(
    session: Session,
    ctx: Context,
    meeting: Meeting,
    key: str,
    target: Meeting,
    now: datetime,
) -> Curated:
    """Move an item to a later meeting; once on a published agenda it is "udsat fra …"."""
    actor = ctx.require(Action.CURATE)
    group = ctx.require_group()
    if target.id == meeting.id or target.group_id != meeting.group_id:
        raise UserError("agenda.postpone_same")
    if target.status == MeetingStatus.CANCELLED or is_held(target, now, group.timezone):
        raise UserError("agenda.postpone_target_past")
    item = row_for(session, meeting, key, now)
    _movable_row(item)
    if item.is_standing:
        raise UserError("agenda.standing_fixed", title=escape(item.title))
    if item.status not in (ItemStatus.PROPOSED, ItemStatus.ACCEPTED):
        raise UserError("agenda.not_pending", title=escape(item.title))
    # Why: "udsat fra 15/5" tells members the item stood on that meeting's agenda; a
    # proposal the chair moves before the agenda went out was never udsat, it just moves.
    if agenda_was_published_with(meeting, item) or is_held(meeting, now, group.timezone):
        item.status = ItemStatus.POSTPONED
        item.postponed_to_meeting_id = target.id
    else:
        item.meeting_id = target.id
        item.is_late = False
        item.position = next_position(session, target.id)
        if item.origin and item.origin.startswith("carry:"):
            original = session.get(AgendaItem, int(item.origin.split(":", 1)[1]))
            if original is not None:
                original.postponed_to_meeting_id = target.id
        elif item.origin:
            item.origin = None
    item.updated_at = now
    _audit(session, meeting, actor, "agenda.postponed", item, now, {"to": target.id})
    label = meeting_label(target, ctx.lang, tz=group.timezone)
    result = Curated(
        meeting, item, t("agenda.done.postponed", ctx.lang, title=escape(item.title), meeting=label)
    )
    lang = _member_lang(session, item)
    dm = _proposer_dm(
        session,
        item,
        actor,
        Message(
            t(
                "agenda.dm.postponed",
                lang,
                title=escape(item.title),
                meeting=meeting_label(target, lang, tz=group.timezone),
            )
        ),
    )
    if dm:
        result.notices.append(dm)
    return _with_confirmation(session, result, now)


def move(
    session: Session, ctx: Context, meeting: Meeting, key: str, step: int, now: datetime
) -> Curated:
    """Move an item one place up (-1) or down (+1) within its part of the agenda."""
    actor = ctx.require(Action.CURATE)
    rows = materialise(session, meeting, now)
    item = rows.get(key) or row_for(session, meeting, key, now)
    _movable_row(item)
    agenda = assemble_agenda(session, meeting, now)
    entry_key = f"item:{item.id}"
    positions = rules.reorder_positions(agenda, entry_key, step)
    if not positions:
        raise UserError("agenda.cannot_move", title=escape(item.title))
    for moved_key, position in positions.items():
        row = session.get(AgendaItem, int(moved_key.split(":", 1)[1]))
        if row is not None:
            row.position = position
            row.updated_at = now
    _audit(session, meeting, actor, "agenda.moved", item, now, {"step": step})
    session.flush()
    number = rules.preview_number(assemble_agenda(session, meeting, now), entry_key) or ""
    text = t("agenda.done.moved", ctx.lang, title=escape(item.title), number=number)
    return _with_confirmation(session, Curated(meeting, item, text), now)


def set_kind(
    session: Session, ctx: Context, meeting: Meeting, key: str, kind: ItemKind, now: datetime
) -> Curated:
    """Change what an item asks of the group: decision, discussion or information."""
    actor = ctx.require(Action.CURATE)
    if kind == ItemKind.STANDING:
        raise UserError("agenda.kind_usage")
    item = row_for(session, meeting, key, now)
    if item.is_standing:
        raise UserError("agenda.standing_fixed", title=escape(item.title))
    item.kind = kind
    item.updated_at = now
    _audit(session, meeting, actor, "agenda.kind", item, now, {"kind": kind.value})
    text = t(
        "agenda.done.kind", ctx.lang, title=escape(item.title), kind=kind_label(kind, ctx.lang)
    )
    return _with_confirmation(session, Curated(meeting, item, text), now)


def resolve_hint(
    session: Session,
    ctx: Context,
    item: AgendaItem,
    action: str,
    earlier_id: int,
    now: datetime,
) -> Curated:
    """Link a proposal to an earlier decision, continue that matter, or reject it as decided."""
    actor = ctx.require(Action.CURATE)
    meeting = session.get(Meeting, item.meeting_id)
    earlier = session.get(AgendaItem, earlier_id)
    if meeting is None or earlier is None:
        raise UserError("agenda.unknown_item", ref=str(earlier_id))
    earlier_meeting = session.get(Meeting, earlier.meeting_id)
    if earlier_meeting is None or earlier_meeting.group_id != meeting.group_id:
        raise UserError("agenda.unknown_item", ref=str(earlier_id))
    group = ctx.require_group()
    day = short_date(earlier_meeting.starts_at, group.timezone)
    ref = t("agenda.note.related_ref", ctx.lang, date=day, number=earlier.number or "?")
    if action == "reject":
        decisions = [d.text for d in earlier.decisions][:2]
        reason = t(
            "proposal.hint.reject_reason",
            _member_lang(session, item),
            ref=ref,
            title=earlier.title,
            decisions="; ".join(decisions) or "–",
        )
        return reject(session, ctx, meeting, f"item:{item.id}", reason, now)
    if item.status != ItemStatus.PROPOSED:
        raise UserError("agenda.not_pending", title=escape(item.title))
    item.related_item_id = earlier.id
    if action == "merge":
        # Why: the corpus agendas number a matter's repeated treatments (… II, III) and
        # keep one title, so the new proposal continues the earlier item's title.
        own_title = item.title
        item.title = rules.next_treatment_title(earlier.title)
        item.summary = "\n".join(p for p in (own_title, item.summary) if p)
        if not item.background and earlier.background:
            item.background = earlier.background
    item.updated_at = now
    _audit(session, meeting, actor, f"proposal.hint.{action}", item, now, {"earlier": earlier.id})
    key = "agenda.done.merged" if action == "merge" else "agenda.done.linked"
    text = t(key, ctx.lang, title=escape(item.title), ref=ref)
    return _with_confirmation(session, Curated(meeting, item, text), now)


def _audit(
    session: Session,
    meeting: Meeting,
    actor: Member,
    action: str,
    item: AgendaItem,
    now: datetime,
    detail: dict[str, Any] | None = None,
) -> None:
    AuditLog(session).record(
        at=now,
        action=action,
        group_id=meeting.group_id,
        actor=actor.slack_user_id,
        subject_type="agenda_item",
        subject_id=item.id,
        detail={"meeting": meeting.id, **(detail or {})},
    )
