"""Claiming an interaction that writes nothing, so a retried delivery acts once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot.services import Services
from storage.models import ProcessedEvent
from storage.repositories import EventLog


def claim_once(services: Services, key: str, source: str) -> bool:
    """Record an interaction in its own transaction; False if it was handled before.

    Why its own transaction: opening a modal or sending a file writes nothing to claim
    it with, and Slack's trigger ids are single-use, so a retry must not try again.
    """
    with services.uow() as session:
        return EventLog(session).claim(key, source, services.now())


def claim_in(session: Session, key: str, source: str, now: datetime) -> bool:
    """Record an event in the caller's transaction; False if it was handled before."""
    return EventLog(session).claim(key, source, now)


def release_in(session: Session, key: str) -> None:
    """Forget an event claimed in the caller's transaction, so its next delivery runs again."""
    row = session.get(ProcessedEvent, key)
    if row is not None:
        session.delete(row)


def was_committed(services: Services, key: str) -> bool:
    """Tell whether an event's claim is stored (its effect was committed)."""
    with services.uow() as session:
        return EventLog(session).seen(key)
