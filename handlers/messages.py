"""Messages: @-mentions, DMs to the bot, and thread replies, edits and deletions."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import App

from bot.render import unescape
from bot.router import MessageEvent, Reply, Request, Router
from bot.services import Services
from handlers.dispatch import handle_request
from handlers.listeners import run_listeners

MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")


def strip_mention(text: str, bot_user_id: str | None) -> str:
    """Remove the leading @-mention of the bot (and any of it elsewhere) from a text."""
    if bot_user_id:
        text = re.sub(rf"<@{bot_user_id}(?:\|[^>]*)?>", " ", text)
    return " ".join(text.split()) if "\n" not in text else text.strip()


def mentions_bot(text: str, bot_user_id: str | None) -> bool:
    """Tell whether a message text mentions the bot."""
    return bool(bot_user_id) and any(m == bot_user_id for m in MENTION.findall(text or ""))


def _is_tombstone(message: Any) -> bool:
    """Tell whether a ``message_changed`` carries Slack's placeholder for a deleted thread parent."""
    return isinstance(message, dict) and message.get("subtype") == "tombstone"


def _deliver_to_thread(services: Services, request: Request) -> Any:
    def deliver(reply: Reply) -> None:
        thread = request.thread_ts or request.ts
        if reply.ephemeral and not request.in_dm:
            services.notifier.ephemeral(
                request.channel_id, request.user_id, reply.message, thread_ts=request.thread_ts
            )
        else:
            services.notifier.post(
                request.channel_id, reply.message, thread_ts=None if request.in_dm else thread
            )

    return deliver


def message_event(event: dict[str, Any], body: dict[str, Any]) -> MessageEvent:
    """Read a ``message`` event (new, edited, deleted) into the router's message event."""
    subtype = event.get("subtype")
    text = str(event.get("text") or "")
    message = MessageEvent(
        channel_id=str(event.get("channel") or ""),
        user_id=event.get("user") or (event.get("message") or {}).get("user"),
        text=text or str((event.get("message") or {}).get("text") or ""),
        ts=str(event.get("ts") or ""),
        thread_ts=event.get("thread_ts") or (event.get("message") or {}).get("thread_ts"),
        subtype=subtype,
        event_key=str(body.get("event_id") or f"msg:{event.get('channel')}:{event.get('ts')}"),
        channel_type=event.get("channel_type"),
        files=list(event.get("files") or []),
    )
    if subtype == "message_changed" and _is_tombstone(event.get("message")):
        # A deleted message with thread replies stays as a tombstone: it is a deletion.
        previous = event.get("previous_message") or {}
        inner = event.get("message") or {}
        message.subtype = "message_deleted"
        message.ts = str(inner.get("ts") or previous.get("ts") or message.ts)
        message.user_id = previous.get("user")
        message.text = ""
    elif subtype == "message_changed":
        inner = event.get("message") or {}
        message.ts = str(inner.get("ts") or message.ts)
        message.text = str(inner.get("text") or "")
        message.user_id = inner.get("user")
    elif subtype == "message_deleted":
        previous = event.get("previous_message") or {}
        message.ts = str(event.get("deleted_ts") or previous.get("ts") or message.ts)
        message.user_id = previous.get("user")
    # As for requests (`handle_request`): a NUL means nothing and PostgreSQL refuses it.
    message.text = unescape(message.text.replace("\x00", ""))
    return message


class MessageListeners:
    """Bolt listeners of mentions and messages, one method per event."""

    def __init__(self, app: App, services: Services, router: Router) -> None:
        self.app = app
        self.services = services
        self.router = router

    def register(self) -> None:
        """Listen to mentions and messages; act on each message once."""
        self.app.event("app_mention")(self.on_mention)
        self.app.event("message")(self.on_message)

    def on_mention(self, event: dict[str, Any], body: dict[str, Any]) -> None:
        """An @-mention of the bot: a request, answered in its thread."""
        services = self.services
        bot_id = services.directory.bot_user_id()
        request = Request(
            channel_id=str(event.get("channel") or ""),
            user_id=str(event.get("user") or ""),
            text=strip_mention(str(event.get("text") or ""), bot_id),
            source="mention",
            team_id=body.get("team_id"),
            ts=event.get("ts"),
            thread_ts=event.get("thread_ts"),
            # Keyed by the message, not the event: the same message also arrives as a
            # `message` event, and Slack retries reuse the ts.
            event_key=f"msg:{event.get('channel')}:{event.get('ts')}",
            files=list(event.get("files") or []),
        )
        handle_request(services, self.router, request, _deliver_to_thread(services, request))

    def on_direct_message(
        self, event: dict[str, Any], body: dict[str, Any], user: str, bot_id: str | None
    ) -> None:
        """A message in the bot's DM: a request (a file on its own is an import)."""
        services = self.services
        dm_text = strip_mention(str(event.get("text") or ""), bot_id)
        if not dm_text and event.get("files"):
            # A file sent to the bot on its own is an import.
            dm_text = "importer"
        request = Request(
            channel_id=str(event.get("channel") or ""),
            user_id=user,
            text=dm_text,
            source="dm",
            team_id=body.get("team_id"),
            ts=event.get("ts"),
            thread_ts=event.get("thread_ts"),
            event_key=f"msg:{event.get('channel')}:{event.get('ts')}",
            files=list(event.get("files") or []),
            channel_type="im",
        )
        handle_request(services, self.router, request, _deliver_to_thread(services, request))

    def on_message(self, event: dict[str, Any], body: dict[str, Any]) -> None:
        """A message: a DM is a request; the rest goes to the message listeners."""
        services = self.services
        subtype = event.get("subtype")
        if event.get("bot_id") or subtype in ("bot_message", "channel_join", "channel_leave"):
            return
        bot_id = services.directory.bot_user_id()
        if subtype in (None, "file_share", "thread_broadcast"):
            user = str(event.get("user") or "")
            if user and user == bot_id:
                return
            if event.get("channel_type") == "im":
                self.on_direct_message(event, body, user, bot_id)
                return
            if mentions_bot(str(event.get("text") or ""), bot_id):
                # Handled once, through the app_mention event of the same message.
                return
        run_listeners(services, self.router.message_listeners, message_event(event, body))


def register(app: App, services: Services, router: Router) -> None:
    """Listen to mentions and messages; act on each message once."""
    MessageListeners(app, services, router).register()
