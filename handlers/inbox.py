"""The inbox: every request from Slack is written down before Slack gets its 200.

Why: Slack considers a request delivered once it has its 200; a process killed after
that lost the request without a word. Now a middleware (after the signature check)
writes the parsed payload as an ``inbox`` due-work row in one short transaction,
held by this process for a short lease. The listener runs as before; when it returns,
the row is marked done. A row left behind by a dead process is replayed through the
app at start-up and on each tick (the exactly-once keys of every use case make a
replay of work that already had its effect silent); one that keeps failing is parked
with its error and the person is told.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime, timedelta
from typing import Any, TypeVar

from slack_bolt import App, BoltRequest, BoltResponse

from bot.i18n import t
from bot.inbox_rows import (
    INBOX_KIND,
    append_owed,
    claim_row,
    due_rows,
    finish_row,
    mark_sent,
    prune,
    record_row,
    release_dead,
    store_reply,
)
from bot.ports import Message, Notifier, Posted, idempotent_posts, in_post_scope
from bot.router import Reply, Request
from bot.scheduler import JobRegistry
from bot.services import Services

log = logging.getLogger(__name__)
T = TypeVar("T")

REPLAY_HEADER = "x-referent-inbox"
#: How long handled requests are kept (enough to look into a recent complaint).
KEEP_DONE = timedelta(days=7)

_request = threading.local()
_worker = threading.local()
_open = threading.local()


def _tracked(uow: Any) -> Any:
    """Wrap the unit of work so a thread knows when it has a transaction open."""
    from contextlib import contextmanager

    @contextmanager
    def tracked() -> Any:
        _open.depth = getattr(_open, "depth", 0) + 1
        try:
            with uow() as session:
                yield session
        finally:
            _open.depth -= 1

    tracked.inner = uow  # type: ignore[attr-defined]
    return tracked


def _key(body: dict[str, Any]) -> str:
    """Return the inbox key: Slack's event id (its retries share it), else a fresh one."""
    event_id = body.get("event_id")
    return f"inbox:{event_id}" if event_id else f"inbox:{uuid.uuid4().hex}"


def _recordable(body: dict[str, Any]) -> bool:
    kind = body.get("type")
    if kind in {"url_verification", "app_rate_limited"} or body.get("ssl_check"):
        return False
    return bool(kind or body.get("command"))


def record(services: Services, body: dict[str, Any], now: datetime) -> int:
    """Write one request to the inbox, held by this process; return its row id."""
    return record_row(services, _key(body), body, now)


def finish(services: Services, row_id: int, error: BaseException | None) -> None:
    """Mark a processed request done, or count its failure (parking it after the last)."""
    parked = finish_row(services, row_id, error)
    if parked is not None:
        _tell_parked(services, parked)


def _user_of(body: dict[str, Any]) -> str | None:
    event = body.get("event") or {}
    user = body.get("user")
    found = (
        (event.get("user") if isinstance(event, dict) else None)
        or body.get("user_id")
        or (user.get("id") if isinstance(user, dict) else user)
    )
    return str(found) if found else None


def _tell_parked(services: Services, body: dict[str, Any]) -> None:
    user = _user_of(body)
    if user is None:
        log.error("a request failed for good and has no person to tell")
        return
    try:
        services.notifier.dm(user, Message(t("inbox.parked", services.settings.referent_language)))
    except Exception:
        log.exception("could not tell %s about a request that failed for good", user)


class InboxExecutor(ThreadPoolExecutor):
    """Bolt's listener executor: marks the request's inbox row done when its listener ends."""

    def __init__(self, services: Services, max_workers: int = 10) -> None:
        super().__init__(max_workers=max_workers, thread_name_prefix="referent-listener")
        self.services = services

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        """Run a listener; afterwards finish the inbox row the request thread recorded."""
        row_id = getattr(_request, "row_id", None)
        _request.row_id = None
        if row_id is None:
            return super().submit(fn, *args, **kwargs)

        def run() -> Any:
            _worker.error = None
            _worker.row_id = row_id
            try:
                return fn(*args, **kwargs)
            finally:
                error = getattr(_worker, "error", None)
                _worker.error = None
                _worker.row_id = None
                try:
                    finish(self.services, row_id, error)
                except Exception:
                    log.exception("could not finish inbox row %s", row_id)

        return super().submit(run)


def remember_reply(services: Services, request: Request, reply: Reply) -> None:
    """Keep the reply with the request's inbox row before it is sent (the outbox).

    Why: once the effect is committed, a reply that fails to go out (or a process that
    dies before it does) must not leave the person without an answer, nor make them try
    again and do it twice; the replay sends the stored reply instead of the request.
    """
    row_id = getattr(_worker, "row_id", None)
    if row_id is None or request.source != "slash":
        return  # other replies go through the notifier, which records them itself
    slash = True
    stored = {
        "text": reply.message.text,
        "blocks": reply.message.blocks,
        "ephemeral": reply.ephemeral or (slash and not reply.in_channel),
        "channel": request.channel_id,
        "thread_ts": None if (slash or request.in_dm) else (request.thread_ts or request.ts),
        "user": request.user_id,
    }
    store_reply(services, row_id, stored)


def _send_stored(services: Services, row_id: int, stored: dict[str, Any]) -> None:
    message = Message(text=str(stored.get("text") or ""), blocks=stored.get("blocks"))
    channel = str(stored.get("channel") or "")
    if stored.get("ephemeral") and not channel.startswith("D"):
        services.notifier.ephemeral(
            channel, str(stored.get("user")), message, thread_ts=stored.get("thread_ts")
        )
        return
    with idempotent_posts(f"inbox:{row_id}", check_first=True):
        services.notifier.post(channel, message, thread_ts=stored.get("thread_ts"))


class InboxNotifier:
    """The notifier, writing each post of a request from the inbox down before sending it.

    Why: Slack is only called after the request's effect is committed, so a post that
    was owed but not confirmed sent means the effect is stored and only the message is
    missing; the replay then sends the owed messages (under the same keys, looked up
    first) instead of running the request again, which its claim would silence.
    """

    def __init__(self, inner: Notifier, services: Services) -> None:
        self.inner = inner
        self.services = services
        self.client = getattr(inner, "client", None)

    def post(self, channel: str, message: Message, *, thread_ts: str | None = None) -> Posted:
        """Post, recorded as owed until Slack confirms it."""
        owed = {"op": "post", "channel": channel, "thread_ts": thread_ts}
        return self._owed(
            owed, message, lambda: self.inner.post(channel, message, thread_ts=thread_ts)
        )

    def dm(self, user: str, message: Message) -> Posted:
        """Send a direct message, recorded as owed until Slack confirms it."""
        return self._owed({"op": "dm", "user": user}, message, lambda: self.inner.dm(user, message))

    def ephemeral(
        self, channel: str, user: str, message: Message, *, thread_ts: str | None = None
    ) -> None:
        """Show a message to one person, recorded as owed until Slack confirms it."""
        owed = {"op": "ephemeral", "channel": channel, "user": user, "thread_ts": thread_ts}
        self._owed(
            owed,
            message,
            lambda: self.inner.ephemeral(channel, user, message, thread_ts=thread_ts),
        )

    def update(self, channel: str, ts: str, message: Message) -> None:
        """Replace a message (idempotent, so not recorded)."""
        self.inner.update(channel, ts, message)

    def permalink(self, channel: str, ts: str) -> str | None:
        """Return a link to a message."""
        return self.inner.permalink(channel, ts)

    def upload(
        self,
        channel: str,
        filename: str,
        content: bytes,
        *,
        title: str | None = None,
        thread_ts: str | None = None,
        comment: str | None = None,
    ) -> str | None:
        """Share a file in a channel."""
        return self.inner.upload(
            channel, filename, content, title=title, thread_ts=thread_ts, comment=comment
        )

    def _owed(self, owed: dict[str, Any], message: Message, send: Callable[[], T]) -> T:
        row_id = getattr(_worker, "row_id", None)
        if row_id is None or in_post_scope() or int(getattr(_open, "depth", 0)) > 0:
            # Not a request from the inbox, already keyed, or posting inside an open
            # transaction (a second writer would wait for this thread's own lock).
            return send()
        owed = {**owed, "text": message.text, "blocks": message.blocks, "sent": False}
        number = append_owed(self.services, row_id, owed)
        with idempotent_posts(f"inbox:{row_id}:{number}"):
            result = send()
        mark_sent(self.services, row_id, number)
        return result


def _send_owed(services: Services, row_id: int, posts: list[dict[str, Any]]) -> None:
    """Send the posts a request still owed, each under its original key (looked up first)."""
    notifier = services.notifier
    inner = notifier.inner if isinstance(notifier, InboxNotifier) else notifier
    for post in posts:
        if post.get("sent"):
            continue
        message = Message(text=str(post.get("text") or ""), blocks=post.get("blocks"))
        with idempotent_posts(f"inbox:{row_id}:{post.get('n')}", check_first=True):
            if post.get("op") == "post":
                inner.post(str(post["channel"]), message, thread_ts=post.get("thread_ts"))
            elif post.get("op") == "dm":
                inner.dm(str(post["user"]), message)
            else:
                inner.ephemeral(
                    str(post["channel"]),
                    str(post["user"]),
                    message,
                    thread_ts=post.get("thread_ts"),
                )
        mark_sent(services, row_id, int(post.get("n") or 0))


def listener_failed(error: BaseException) -> None:
    """Note, from bolt's error handler, that the running listener raised."""
    _worker.error = error


def install(app: App, services: Services) -> None:
    """Record every verified request before it is acknowledged."""

    @app.middleware
    def write_to_inbox(
        req: BoltRequest,
        resp: BoltResponse,
        next: Callable[[], Any],
    ) -> Any:
        _request.row_id = None
        body = req.body if isinstance(req.body, dict) else {}
        replayed = (list(req.headers.get(REPLAY_HEADER) or []) or [""])[0]
        if replayed:
            _request.row_id = int(replayed)
        elif _recordable(body):
            try:
                _request.row_id = record(services, body, services.now())
            except Exception as exc:
                # The database is down: the request still runs, and its handler tells the
                # person to try again (nothing was stored), as before the inbox.
                log.warning("could not write a request to the inbox: %s", type(exc).__name__)
        return next()


def replay(app: App, services: Services, now: datetime, limit: int = 50) -> int:
    """Run the requests a dead process left in the inbox again; return how many."""
    count = 0
    for row_id in due_rows(services, now, limit):
        payload = claim_row(services, row_id, now)
        if payload is None:
            continue
        body = dict(payload.get("body") or {})
        count += 1
        owed = payload.get("owed")
        if owed:
            # Posts were made, so the effect is committed; only the messages are owed.
            log.info("sending what inbox request %s still owed", row_id)
            try:
                _send_owed(services, row_id, list(owed))
            except Exception as exc:
                log.warning("the owed posts of %s failed again", row_id, exc_info=True)
                finish(services, row_id, exc)
            else:
                finish(services, row_id, None)
            continue
        stored = payload.get("reply")
        if isinstance(stored, dict):
            # The effect is committed; only its reply is owed.
            log.info("sending the stored reply of inbox request %s", row_id)
            try:
                _send_stored(services, row_id, stored)
            except Exception as exc:
                log.warning("the stored reply of %s failed again", row_id, exc_info=True)
                finish(services, row_id, exc)
            else:
                finish(services, row_id, None)
            continue
        log.info("replaying inbox request %s", row_id)
        response = app.dispatch(
            BoltRequest(body=body, headers={REPLAY_HEADER: [str(row_id)]}, mode="socket_mode")
        )
        if response.status == 404:
            # No listener takes it (an event the bot does not subscribe to act on).
            finish(services, row_id, None)
    return count


_apps: dict[int, App] = {}


def register(app: App, services: Services, router: Any) -> None:
    """Install the inbox middleware and remember the app for replays."""
    _apps[id(services)] = app
    if not isinstance(services.notifier, InboxNotifier):
        services.notifier = InboxNotifier(services.notifier, services)
        services.uow = _tracked(services.uow)
    install(app, services)


def recover(services: Services) -> int:
    """At start-up: release what a dead process of this host held, then replay it."""
    release_dead(services)
    app = _apps.get(id(services))
    return 0 if app is None else replay(app, services, services.now())


def register_jobs(jobs: JobRegistry) -> None:
    """Leave inbox rows to the replayer (the tick's planner), not the due-work loop."""
    jobs.background(INBOX_KIND)

    def replay_inbox(services: Services, now: datetime) -> None:
        app = _apps.get(id(services))
        if app is not None:
            replay(app, services, now)
        prune(services, now - KEEP_DONE)

    jobs.planner(replay_inbox)
