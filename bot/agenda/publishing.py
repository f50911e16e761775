"""Publish the agenda: freeze the numbering and post it to the group's channel."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot.agenda.assembly import assemble_agenda, materialise, meeting_facts
from bot.agenda.views import agenda_blocks
from bot.context import Context
from bot.domain import agenda as rules
from bot.domain.agenda import Agenda
from bot.domain.enums import MeetingStatus
from bot.domain.permissions import Action
from bot.errors import UserError
from bot.i18n import t
from bot.meetings import meeting_label
from bot.ports import Message, Notifier
from bot.render import context_block, escape, limit_blocks
from storage.models import AgendaItem, Meeting
from storage.repositories import AuditLog

log = logging.getLogger(__name__)


@dataclass
class Publication:
    """A version of the agenda ready to post, and the version it replaces."""

    meeting_id: int
    channel: str
    message: Message
    version: int
    previous: tuple[str, str] | None
    previous_message: Message | None
    pending: int


def publish(session: Session, ctx: Context, meeting: Meeting, now: datetime) -> Publication:
    """Fix the agenda's numbers and record a new published version (posted after commit)."""
    actor = ctx.require(Action.CURATE)
    group = ctx.require_group()
    if not group.channel_id:
        raise UserError("agenda.no_channel")
    if meeting.status == MeetingStatus.CANCELLED:
        raise UserError("meetings.cancelled_already", when=meeting_label(meeting, ctx.lang))
    materialise(session, meeting, now)
    session.flush()
    agenda = assemble_agenda(session, meeting, now)
    if agenda.published and not agenda.changes:
        raise UserError("agenda.no_changes", version=agenda.version)
    for entry in agenda.entries:
        if entry.item_id is not None:
            row = session.get(AgendaItem, entry.item_id)
            if row is not None:
                row.number = entry.number
    previous = None
    previous_message = None
    if meeting.agenda_channel and meeting.agenda_ts and meeting.agenda_snapshot is not None:
        previous = (meeting.agenda_channel, meeting.agenda_ts)
        old = Agenda(
            meeting_id=meeting.id,
            group_name=group.name,
            entries=tuple(rules.entries_from_snapshot(meeting.agenda_snapshot)),
            version=meeting.agenda_version,
            published=True,
            meeting=meeting_facts(meeting, group),
        )
        superseded = t("agenda.superseded", group.language, version=meeting.agenda_version + 1)
        blocks = [context_block(superseded), *agenda_blocks(old, group.language)]
        previous_message = Message(text=superseded, blocks=limit_blocks(blocks))
    meeting.agenda_version = (meeting.agenda_version or 0) + 1
    meeting.agenda_snapshot = rules.snapshot(agenda)
    meeting.agenda_published_at = now
    AuditLog(session).record(
        at=now,
        action="agenda.published",
        group_id=group.id,
        actor=actor.slack_user_id,
        subject_type="meeting",
        subject_id=meeting.id,
        detail={"version": meeting.agenda_version},
    )
    published = replace(agenda, version=meeting.agenda_version, published=True)
    message = Message(
        text=t(
            "agenda.published.fallback",
            group.language,
            group=escape(group.name),
            meeting=meeting_label(meeting, group.language),
        ),
        blocks=limit_blocks(agenda_blocks(published, group.language)),
    )
    return Publication(
        meeting_id=meeting.id,
        channel=group.channel_id,
        message=message,
        version=meeting.agenda_version,
        previous=previous,
        previous_message=previous_message,
        pending=len(agenda.pending),
    )


def post_publication(services: Any, publication: Publication) -> None:
    """Post a published agenda, mark the version it replaces, and remember where it is."""
    notifier: Notifier = services.notifier
    posted = notifier.post(publication.channel, publication.message)
    if publication.previous is not None and publication.previous_message is not None:
        try:
            notifier.update(*publication.previous, publication.previous_message)
        except Exception:
            log.exception("could not mark the previous agenda version as replaced")
    with services.uow() as session:
        meeting = session.get(Meeting, publication.meeting_id)
        if meeting is not None:
            meeting.agenda_channel = posted.channel
            meeting.agenda_ts = posted.ts
