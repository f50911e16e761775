"""Use cases behind the import-correction button and modal, each in its own transaction.

Why here: the correction listeners used to open sessions and read meetings, items and
groups themselves; now a listener calls one of these and renders plain values.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from bot.corrections import Correction, correct_reading, correctable
from bot.errors import StaleReference, UserError
from bot.router import Request
from bot.services import Services
from storage.models import Group


@dataclass(frozen=True)
class CorrectionForm:
    """What the correction modal shows: the meeting, its local date and its items."""

    meeting_id: int
    day: date
    #: (item id, "number. title") in agenda order.
    items: list[tuple[int, str]]


def correction_form(services: Services, meeting_id: int | None, user_id: str) -> CorrectionForm:
    """Load an imported meeting for its correction modal (stale if gone, refused if not allowed)."""
    if meeting_id is None:
        raise StaleReference("meeting")
    with services.uow() as session:
        meeting, items = correctable(session, meeting_id, user_id)
        group = session.get(Group, meeting.group_id)
        if group is None:
            raise StaleReference("group")
        day = meeting.starts_at.astimezone(ZoneInfo(group.timezone)).date()
        options = [(i.id, f"{i.number or '-'}. {i.title}") for i in items]
        return CorrectionForm(meeting_id=meeting.id, day=day, items=options)


def apply_correction(
    services: Services, request: Request, meeting_id: int | None, correction: Correction
) -> list[str]:
    """Apply a correction once per delivery; return the names of the changed fields.

    Why the claim in the same transaction: a retried submission must not log the
    correction twice, and a failed one must not be remembered as done.
    """
    if (correction.title or correction.decision) and correction.item_id is None:
        raise UserError("archive.correct_pick_item")
    if meeting_id is None:
        raise StaleReference("meeting")
    now = services.now()
    with services.uow() as session:
        request.claim(session, now)
        return correct_reading(
            session,
            meeting_id=meeting_id,
            user_id=request.user_id,
            correction=correction,
            now=now,
        )
