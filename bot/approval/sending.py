"""After the commit: the messages a round writes down, sent with no transaction open."""

from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.approval.reading import _OPEN, SEND, _group_of, _meeting_of, _secretaries, round_view
from bot.context import language_for
from bot.domain.permissions import Action
from bot.minutes_render import request_message, revised_thread_message
from bot.outside import SendAfterCommit, after_commit, link_mark, resolve_links
from bot.ports import Message, Posted
from bot.scheduler import row_session, run_now
from storage.models import DueWork, Group, Minutes, ReferatFile
from storage.repositories import DueWorkRepo, SentLog

if TYPE_CHECKING:
    from bot.services import Services


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


def tell_thread(
    session: Session,
    services: Services,
    minutes: Minutes,
    key: str,
    message: Message,
    *,
    group_id: int,
    now: datetime,
) -> None:
    """Post a note in the thread of a round's request, once (none before the request is out)."""
    if minutes.channel and minutes.message_ts:
        send_later(
            session,
            services,
            key,
            message,
            now=now,
            group_id=group_id,
            channel=minutes.channel,
            thread_ts=minutes.message_ts,
        )


def tell_secretaries(
    session: Session,
    services: Services,
    group: Group,
    minutes: Minutes,
    action: Action,
    key: str,
    render: Callable[[str], Message],
    now: datetime,
) -> None:
    """DM, once each and in their language, whoever looks after the round for an action."""
    for officer in _secretaries(session, group, minutes, action):
        assert officer.slack_user_id is not None
        send_later(
            session,
            services,
            f"{key}:{officer.id}",
            render(language_for(services.settings, group, officer)),
            now=now,
            group_id=group.id,
            user=officer.slack_user_id,
        )


def run_send(services: Services, row: DueWork, now: datetime) -> SendAfterCommit | None:
    """Send one message written down earlier, unless it was sent already."""
    session = row_session(row)
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
