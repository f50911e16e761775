"""The inbox's rows: Slack requests written down as due work, held, finished, replayed.

Why apart from ``handlers.inbox``: the middleware, executor and notifier wrapper there
are the Slack edge; reading and writing the ``inbox`` due-work rows is storage work
the edge calls, so no handler imports storage.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select

from bot.scheduler import release_dead_claims
from bot.services import Services
from storage.models import DueWork
from storage.repositories import DueWorkRepo

INBOX_KIND = "inbox"
#: How long a request is held by the process that received it before others replay it.
HOLD = timedelta(seconds=60)
MAX_ATTEMPTS = 3
RETRY_AFTER = timedelta(seconds=30)


def record_row(services: Services, key: str, body: dict[str, Any], now: datetime) -> int:
    """Write one request to the inbox, held by this process; return its row id."""
    with services.uow() as session:
        row = DueWorkRepo(session).schedule(
            kind=INBOX_KIND,
            key=key,
            due_at=now,
            now=now,
            payload={"body": body},
            replace=False,
        )
        if row.done_at is None:
            row.claimed_by = services.worker_id
            row.claimed_at = now
            row.lease_until = now + HOLD
        return int(row.id)


def finish_row(
    services: Services, row_id: int, error: BaseException | None
) -> dict[str, Any] | None:
    """Mark a processed request done, or count its failure; return its body if now parked."""
    now = services.now()
    with services.uow() as session:
        row = session.get(DueWork, row_id)
        if row is None or row.done_at is not None:
            return None
        if error is None:
            row.done_at = now
            return None
        row.attempts += 1
        row.last_error = f"{type(error).__name__}: {error}"[:2000]
        row.claimed_by = None
        row.lease_until = None
        if "reply" in (row.payload or {}) or (row.payload or {}).get("owed"):
            # The effect is stored and only its reply is owed: keep trying, backing off.
            row.due_at = now + min(RETRY_AFTER * 2 ** min(row.attempts, 8), timedelta(hours=1))
            return None
        if row.attempts < MAX_ATTEMPTS:
            row.due_at = now + RETRY_AFTER
            return None
        row.done_at = now
        row.payload = {**(row.payload or {}), "parked": True}
        return dict((row.payload or {}).get("body") or {})


def store_reply(services: Services, row_id: int, stored: dict[str, Any]) -> None:
    """Keep a reply with its request's row (the outbox)."""
    with services.uow() as session:
        row = session.get(DueWork, row_id)
        if row is not None:
            row.payload = {**(row.payload or {}), "reply": stored}


def append_owed(services: Services, row_id: int, owed: dict[str, Any]) -> int:
    """Add a post the request owes to its row; return its number (0 if the row is gone)."""
    with services.uow() as session:
        row = session.get(DueWork, row_id)
        if row is None:
            return 0
        payload = dict(row.payload or {})
        posts = [*payload.get("owed", []), {**owed, "n": len(payload.get("owed", [])) + 1}]
        row.payload = {**payload, "owed": posts}
        return len(posts)


def mark_sent(services: Services, row_id: int, number: int) -> None:
    """Mark an owed post of a request as sent."""
    with services.uow() as session:
        row = session.get(DueWork, row_id)
        if row is None:
            return
        payload = dict(row.payload or {})
        posts = [
            {**post, "sent": True} if post.get("n") == number else post
            for post in payload.get("owed", [])
        ]
        row.payload = {**payload, "owed": posts}


def due_rows(services: Services, now: datetime, limit: int) -> list[int]:
    """Return the ids of unfinished requests no live process holds, oldest first."""
    with services.uow() as session:
        return list(
            session.scalars(
                select(DueWork.id)
                .where(DueWork.kind == INBOX_KIND, DueWork.done_at.is_(None))
                .where(DueWork.due_at <= now)
                .where((DueWork.lease_until.is_(None)) | (DueWork.lease_until < now))
                .order_by(DueWork.id)
                .limit(limit)
            )
        )


def claim_row(services: Services, row_id: int, now: datetime) -> dict[str, Any] | None:
    """Hold a request's row for this process; return its payload, or None if another has it."""
    with services.uow() as session:
        if not DueWorkRepo(session).claim(row_id, services.worker_id, now, HOLD):
            return None
        row = session.get(DueWork, row_id)
        return dict(row.payload or {}) if row is not None else {}


def prune(services: Services, before: datetime) -> int:
    """Forget handled requests finished before a time (parked ones are kept for the log)."""
    with services.uow() as session:
        result = session.execute(
            delete(DueWork)
            .where(DueWork.kind == INBOX_KIND, DueWork.done_at.is_not(None))
            .where(DueWork.done_at < before, DueWork.attempts == 0)
            .execution_options(synchronize_session=False)
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]


def release_dead(services: Services) -> int:
    """Release inbox rows held by a process of this host that is gone."""
    with services.uow() as session:
        return release_dead_claims(session, INBOX_KIND, services.worker_id)
