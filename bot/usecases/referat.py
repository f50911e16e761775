"""Use cases behind the referat listeners: the two modal saves, claims and App Home offers.

Why here: the referat listeners used to open sessions, read members and meetings and
claim events themselves; a listener now calls one of these and renders its result.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.context import permitted
from bot.domain.enums import MeetingStatus, MinutesStatus
from bot.domain.permissions import Action
from bot.referat import service
from bot.router import AlreadyProcessed, Request
from bot.services import Services
from bot.usecases.events import claim_in, release_in
from storage.models import Meeting
from storage.repositories import MemberRepo


@dataclass(frozen=True)
class WriteOffer:
    """A meeting whose referat the person may write, for App Home."""

    meeting_id: int
    group_name: str
    label: str
    lang: str


def save_item(
    services: Services, request: Request, meeting_id: int, entry: service.ItemInput
) -> service.Saved:
    """Save an item modal once per delivery; fields others changed meanwhile are refused.

    Why a refused submission gives its claim back: Slack sends the corrected form with
    the same view hash, and it must be saved, not taken for a retried delivery.
    """
    now = services.now()
    with services.uow() as session:
        request.claim(session, now)
        saved = service.save_item(
            session, services, meeting_id=meeting_id, user_id=request.user_id, entry=entry, now=now
        )
        if saved.refused and request.event_key is not None:
            release_in(session, request.event_key)
        return saved


def save_attendance(
    services: Services,
    request: Request,
    meeting_id: int,
    attended: set[int],
    guests_text: str,
) -> int:
    """Record who came and the guests once per delivery; return how many took part."""
    now = services.now()
    with services.uow() as session:
        request.claim(session, now)
        return service.save_attendance(
            session,
            meeting_id=meeting_id,
            user_id=request.user_id,
            attended=attended,
            guests_text=guests_text,
            now=now,
        )


def sheet_for(services: Services, meeting_id: int | None, user_id: str) -> service.Sheet:
    """Return the referat sheet of a meeting the person may write (stale if gone)."""
    now = services.now()
    with services.uow() as session:
        meeting, group = service.meeting_and_group(session, meeting_id or 0)
        service.officer(session, group, user_id, group.language)
        service.check_writable(session, meeting, group)
        return service.sheet(session, meeting, group, now)


def is_captured(services: Services, channel: str, ts: str) -> bool:
    """Tell whether lines of the referat were taken from a message."""
    with services.uow() as session:
        return service.has_capture(session, channel, ts)


def follow_change(
    services: Services, key: str | None, *, channel: str, ts: str, text: str | None
) -> service.Captured | None:
    """Follow an edit (``text``) or deletion (None) of a captured message, once per event."""
    now = services.now()
    with services.uow() as session:
        if key is not None and not claim_in(session, f"referat:{key}", "referat_change", now):
            raise AlreadyProcessed(key)
        return service.capture_changed(session, channel=channel, ts=ts, text=text, now=now)


def write_offers(services: Services, user_id: str) -> list[WriteOffer]:
    """Return the last held meeting of each group the person runs whose referat is open."""
    from bot.approval import latest_version
    from bot.meetings import meeting_label

    now = services.now()
    offers: list[WriteOffer] = []
    with services.uow() as session:
        members = MemberRepo(session)
        for group in members.groups_of(user_id):
            if not permitted(members.by_slack_user(group.id, user_id), group, Action.POST_MINUTES):
                continue
            meeting = _last_meeting(session, group.id, now)
            if meeting is None:
                continue
            latest = latest_version(session, meeting.id)
            if latest is not None and latest.status == MinutesStatus.APPROVED:
                continue
            label = meeting_label(meeting, group.language, tz=group.timezone)
            offers.append(WriteOffer(meeting.id, group.name, label, group.language))
    return offers


def _last_meeting(session: Session, group_id: int, now: datetime) -> Meeting | None:
    return session.scalar(
        select(Meeting)
        .where(
            Meeting.group_id == group_id,
            Meeting.status != MeetingStatus.CANCELLED,
            Meeting.starts_at <= now,
        )
        .order_by(Meeting.starts_at.desc(), Meeting.id.desc())
        .limit(1)
    )
