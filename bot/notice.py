"""The meeting notice and the agenda export: where the agenda and attendance meet.

The announcement of a meeting shows its agenda above the live count of answers, and the
exported agenda lists who comes. Both compose the two features here, so neither
``bot.agenda`` nor ``bot.attendance`` imports the other.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from bot.agenda import (
    agenda_blocks,
    agenda_docx,
    agenda_markdown,
    assemble_agenda,
)
from bot.attendance import (
    ICS,
    _group_of,
    _lock_meeting,
    _notice_buttons,
    _payload_meeting,
    _session,
    announcement_digest,
    attendance_text,
    count_for,
    count_text,
    is_upcoming,
    my_announcement,
    when_text,
)
from bot.domain.enums import MeetingStatus
from bot.errors import UserError
from bot.i18n import t
from bot.meetings import local_day
from bot.ports import Message, Notifier, Posted
from bot.render import (
    MESSAGE_BLOCK_LIMIT,
    context_block,
    divider_block,
    escape,
    header_block,
    limit_blocks,
    section_block,
)
from bot.scheduler import SendAfterCommit
from storage.models import DueWork, Group, Meeting
from storage.repositories import DueWorkRepo, SentLog

if TYPE_CHECKING:
    from bot.services import Services

log = logging.getLogger(__name__)


# ---------------------------------------------------------------------------
# The meeting notice
# ---------------------------------------------------------------------------


def _agenda_part(
    session: Session, meeting: Meeting, lang: str, now: datetime
) -> list[dict[str, Any]]:
    """Return the agenda blocks of the announcement, as the agenda feature renders them."""
    return list(agenda_blocks(assemble_agenda(session, meeting, now), lang))


def announcement_message(
    session: Session, meeting: Meeting, group: Group, now: datetime
) -> Message:
    """Build the meeting announcement: time, place, agenda, live count and buttons."""
    lang = group.language
    when = when_text(meeting, group)
    title = meeting.title or t("attendance.announce.title", lang, group=group.name)
    place = (
        escape(meeting.location) if meeting.location else t("attendance.announce.no_place", lang)
    )
    if meeting.status == MeetingStatus.CANCELLED:
        text = t("attendance.announce.cancelled", lang, group=escape(group.name), when=when)
        return Message(
            text=text,
            blocks=[header_block(title), section_block(text)],
        )
    count = count_for(session, meeting)
    head = [
        header_block(title),
        section_block(t("attendance.announce.when_where", lang, when=when, place=place)),
        divider_block(),
    ]
    tail = [
        divider_block(),
        {**context_block(count_text(count, lang)), "block_id": "attendance_count"},
        _notice_buttons(meeting.id, lang),
        context_block(t("attendance.announce.hint", lang)),
    ]
    # A long agenda is cut, never the count and the buttons the announcement exists for.
    room = MESSAGE_BLOCK_LIMIT - len(head) - len(tail)
    agenda = limit_blocks(_agenda_part(session, meeting, lang, now), room)
    text = t("attendance.announce.text", lang, group=escape(group.name), when=when)
    return Message(text=text, blocks=[*head, *agenda, *tail])


def refresh_announcement(
    session: Session, notifier: Notifier, meeting_id: int, now: datetime
) -> bool:
    """Update the announcement's live count (chat.update); False when there is none."""
    meeting = _lock_meeting(session, meeting_id)
    if meeting is None:
        return False
    mine = my_announcement(session, meeting)
    if mine is None:
        return False
    group = _group_of(session, meeting)
    notifier.update(mine[0], mine[1], announcement_message(session, meeting, group, now))
    return True


def announcement_update(
    session: Session, meeting_id: int, now: datetime
) -> tuple[str, str, Message] | None:
    """Return the announcement's place and its message with the live count (None: none)."""
    meeting = _lock_meeting(session, meeting_id)
    if meeting is None:
        return None
    mine = my_announcement(session, meeting)
    if mine is None:
        return None
    group = _group_of(session, meeting)
    return mine[0], mine[1], announcement_message(session, meeting, group, now)


def refresh_live_count(services: Services, meeting_id: int) -> None:
    """Bring the announcement's count up to date after an answer was committed.

    Runs after the answer's own transaction: the answer stands even if Slack refuses the
    update (say, the announcement was deleted), and the next answer corrects the count.
    """
    try:
        with services.uow() as session:
            found = announcement_update(session, meeting_id, services.now())
        if found is not None:  # sent after the commit: no Slack call holds the write lock
            services.notifier.update(*found)
    except Exception:
        log.exception("could not update the announcement of meeting %s", meeting_id)


def run_announce(services: Services, row: DueWork, now: datetime) -> SendAfterCommit | None:
    """Post the meeting's announcement with its calendar file, or bring it up to date."""
    session = _session(row)
    meeting = _payload_meeting(session, row)
    if meeting is None or (row.payload or {}).get("digest") != announcement_digest(meeting):
        return None  # the meeting changed since; a fresher row does the work
    group = _group_of(session, meeting)
    if meeting.status != MeetingStatus.CANCELLED and not is_upcoming(meeting, now):
        return None
    message = announcement_message(session, meeting, group, now)
    mine = my_announcement(session, meeting)
    if mine is not None:
        channel, ts = mine

        def update() -> Posted:
            services.notifier.update(channel, ts, message)
            return Posted(channel, ts)

        return SendAfterCommit(send=update, record=lambda session, posted: None)
    if meeting.status != MeetingStatus.PLANNED or not group.channel_id:
        return None
    meeting_id, group_id, channel_id = meeting.id, group.id, group.channel_id

    def record(session: Session, posted: Posted) -> None:
        SentLog(session).record(f"attendance:announce:{meeting_id}", posted.channel, posted.ts, now)
        meeting = session.get(Meeting, meeting_id)
        if meeting is not None:
            meeting.announcement_channel = posted.channel
            meeting.announcement_ts = posted.ts
        # The calendar file goes in its own row: if the upload fails it is retried alone,
        # and the announcement is never posted twice.
        DueWorkRepo(session).schedule(
            kind=ICS,
            key=f"{ICS}:{meeting_id}:{posted.ts}",
            due_at=now,
            now=now,
            group_id=group_id,
            payload={"meeting_id": meeting_id, "ts": posted.ts},
            replace=False,
        )

    # Posted once this transaction has committed: no Slack call while it holds the lock.
    return SendAfterCommit(send=lambda: services.notifier.post(channel_id, message), record=record)


# ---------------------------------------------------------------------------
# The agenda export with its attendance block
# ---------------------------------------------------------------------------


def export_agenda(session: Session, meeting: Meeting, now: datetime, fmt: str) -> tuple[str, bytes]:
    """Return (file name, content) of a meeting's agenda as "md" or "docx"."""
    group = _group_of(session, meeting)
    agenda = assemble_agenda(session, meeting, now)
    day = local_day(meeting, group.timezone).isoformat()
    base = "".join(c if c.isalnum() else "-" for c in group.name.casefold()).strip("-")
    base = "-".join(p for p in base.split("-") if p)[:50] or "dagsorden"
    stem = f"{t('agenda.export.file_stem', group.language)}-{base}-{day}"
    attendance = attendance_text(session, meeting, group.language)
    if fmt == "md":
        return f"{stem}.md", agenda_markdown(agenda, group.language, attendance).encode("utf-8")
    if fmt == "docx":
        return f"{stem}.docx", agenda_docx(agenda, group.language, attendance)
    raise UserError("agenda.export_usage")
