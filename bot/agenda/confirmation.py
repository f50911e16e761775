"""The proposal's confirmation message: what it shows, where it is posted and updated."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot.agenda.assembly import assemble_agenda, attachments_of, group_of
from bot.agenda.hints import hint_views
from bot.agenda.outbox import Notice
from bot.agenda.views import ProposalView, proposal_message
from bot.domain import agenda as rules
from bot.domain.enums import ItemKind, ItemStatus
from bot.meetings import deadline_text, where_text
from bot.ports import Message, Notifier
from storage.models import AgendaItem, Meeting


def proposal_view(session: Session, item: AgendaItem, now: datetime) -> ProposalView:
    """Collect what a proposal's confirmation shows, as the agenda will show it."""
    meeting = session.get(Meeting, item.meeting_id)
    assert meeting is not None
    group = group_of(session, meeting)
    lang = group.language
    agenda = assemble_agenda(session, meeting, now)
    key = f"item:{item.id}"
    number = rules.preview_number(agenda, key) or ""
    entry = agenda.find(key)
    return ProposalView(
        item_id=item.id,
        number=number,
        title=item.title,
        kind=ItemKind(item.kind),
        status=ItemStatus(item.status),
        meeting=where_text(meeting, group, lang),
        proposer=item.proposer_name,
        summary=item.summary,
        recommendation=item.recommendation,
        attachments=attachments_of(item),
        late=item.is_late,
        deadline=deadline_text(meeting, group, lang),
        reject_reason=item.reject_reason,
        postponed_to=entry.postponed_to if entry else None,
        related=entry.related if entry else None,
        hints=tuple(hint_views(session, group, item, now, lang)),
    )


def confirmation_notice(session: Session, item: AgendaItem, now: datetime) -> Notice | None:
    """Return the update of a proposal's confirmation message, when it has one."""
    if not item.confirm_ts:
        return None
    meeting = session.get(Meeting, item.meeting_id)
    if meeting is None:
        return None
    group = group_of(session, meeting)
    channel = item.source_channel or group.channel_id
    if not channel:
        return None
    message = proposal_message(proposal_view(session, item, now), group.language)
    return Notice(message=message, channel=channel, update_ts=item.confirm_ts)


@dataclass(frozen=True)
class Confirmation:
    """Where to post a new proposal's confirmation, and what it says."""

    item_id: int
    message: Message
    channel: str | None
    thread_ts: str | None
    user: str | None = None


def confirmation_for(
    session: Session,
    item: AgendaItem,
    now: datetime,
    *,
    channel: str | None,
    thread_ts: str | None,
    user: str | None = None,
) -> Confirmation:
    """Build the first confirmation of a proposal (posted after the transaction)."""
    meeting = session.get(Meeting, item.meeting_id)
    assert meeting is not None
    group = group_of(session, meeting)
    message = proposal_message(proposal_view(session, item, now), group.language)
    return Confirmation(
        item_id=item.id,
        message=message,
        channel=channel or group.channel_id,
        thread_ts=thread_ts,
        user=user,
    )


def post_confirmation(services: Any, confirmation: Confirmation) -> None:
    """Post a proposal's confirmation and remember where, so it can be updated later."""
    notifier: Notifier = services.notifier
    if confirmation.channel:
        posted = notifier.post(
            confirmation.channel, confirmation.message, thread_ts=confirmation.thread_ts
        )
    elif confirmation.user:
        posted = notifier.dm(confirmation.user, confirmation.message)
    else:
        return
    with services.uow() as session:
        item = session.get(AgendaItem, confirmation.item_id)
        if item is not None:
            item.confirm_ts = posted.ts
            if not item.source_channel:
                item.source_channel = posted.channel
