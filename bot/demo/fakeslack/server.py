"""A fake Slack on loopback: the Web API, file uploads and downloads, response URLs."""

from __future__ import annotations

import base64
import copy
import itertools
import json
import math
import mimetypes
import secrets
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, TypeVar
from urllib.parse import parse_qsl, quote, unquote, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from . import blockkit

DEFAULT_TOKEN = "xoxb-test-token"
PERMALINK_BASE = "https://fake.slack.test"
TEXT_LIMIT = blockkit.TEXT_LIMIT
MESSAGE_BLOCK_LIMIT = blockkit.MESSAGE_BLOCK_LIMIT
VIEW_BLOCK_LIMIT = blockkit.VIEW_BLOCK_LIMIT

#: Slack's rate-limit tiers: calls per minute, per method and workspace.
TIER_PER_MINUTE = {1: 1, 2: 20, 3: 50, 4: 100}
#: The tier of each method the bot uses (api.slack.com/methods); absent means not limited here.
METHOD_TIERS: dict[str, int] = {
    "auth.test": 4,
    "team.info": 3,
    "users.info": 4,
    "users.list": 2,
    "users.conversations": 3,
    "conversations.info": 3,
    "conversations.list": 2,
    "conversations.members": 4,
    "conversations.open": 3,
    "conversations.join": 3,
    "conversations.history": 3,
    "conversations.replies": 3,
    "chat.update": 3,
    "chat.delete": 3,
    "chat.postEphemeral": 4,
    "chat.getPermalink": 4,
    "reactions.get": 3,
    "reactions.add": 3,
    "reactions.remove": 2,
    "views.open": 4,
    "views.push": 4,
    "views.update": 4,
    "views.publish": 4,
    "files.info": 4,
    "files.getUploadURLExternal": 4,
    "files.completeUploadExternal": 4,
}
#: chat.postMessage is "special": about one message per second per channel (bursts allowed).
POSTS_PER_CHANNEL_PER_MINUTE = 60

T = TypeVar("T")
Params = dict[str, Any]
JSON = dict[str, Any]


class SlackApiFailure(Exception):
    """An error answer of a Web API method (``{"ok": false, "error": ...}``)."""

    def __init__(self, error: str, **extra: Any) -> None:
        super().__init__(error)
        self.error = error
        self.extra = extra


@dataclass(frozen=True)
class Call:
    """One request the fake received: a Web API method or an upload, download or response URL."""

    method: str
    params: Params
    headers: dict[str, str]
    time: float
    status: int
    faulted: bool = False
    response: JSON | None = None
    #: The last characters of the token the call was made with (which workspace's bot).
    token_tail: str | None = None


@dataclass
class Fault:
    """A failure to inject into the next calls of one method."""

    status: int | None
    retry_after: int
    error: str | None
    times: int
    delay: float
    drop_connection: bool
    after_effect: bool = False


@dataclass
class _Reply:
    status: int
    body: bytes
    content_type: str = "application/json; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    drop: bool = False


def _flag(value: Any) -> bool:
    """Read a Slack boolean parameter: JSON true, "1", "true"."""
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    return str(value).strip().lower() in ("1", "true", "yes")


def _json_param(value: Any) -> Any:
    """Read a parameter that is JSON when form-encoded and a value when sent as JSON."""
    if isinstance(value, str):
        if not value.strip():
            return None
        try:
            return json.loads(value)
        except json.JSONDecodeError as exc:
            raise SlackApiFailure("invalid_json") from exc
    return value


def _int_param(value: Any, default: int) -> int:
    if value in (None, ""):
        return default
    try:
        return int(value)
    except (TypeError, ValueError) as exc:
        raise SlackApiFailure("invalid_arguments") from exc


def _encode_cursor(offset: int) -> str:
    return base64.b64encode(f"offset:{offset}".encode()).decode()


def _decode_cursor(cursor: Any) -> int:
    if not cursor:
        return 0
    try:
        kind, _, number = base64.b64decode(str(cursor)).decode().partition(":")
        if kind != "offset":
            raise ValueError(kind)
        return int(number)
    except (ValueError, UnicodeDecodeError) as exc:
        raise SlackApiFailure("invalid_cursor") from exc


def _page(items: list[T], params: Params, *, default_limit: int) -> tuple[list[T], str]:
    """Cut one page out of ``items`` as Slack's cursor pagination does."""
    start = _decode_cursor(params.get("cursor"))
    limit = _int_param(params.get("limit"), default_limit)
    if limit <= 0:
        limit = len(items) or 1
    limit = min(limit, 1000)
    chunk = items[start : start + limit]
    end = start + len(chunk)
    return chunk, (_encode_cursor(end) if end < len(items) else "")


def validate_blocks(blocks: Any, *, limit: int, pointer: str = "/blocks") -> list[str]:
    """Check Block Kit against the limits Slack enforces; return Slack-style error messages."""
    return blockkit.check_blocks(blocks, limit=limit, pointer=pointer)


@dataclass(frozen=True)
class Captured:
    """One message or view body the bot sent, as the fake received it, with what was wrong."""

    surface: str
    method: str
    payload: JSON
    problems: tuple[str, ...]
    missing_text: bool = False


class PayloadRecorder:
    """Every message, modal and Home view posted to any fake in this process (conformance)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.captured: list[Captured] = []

    def add(self, item: Captured) -> None:
        """Keep one captured payload."""
        with self._lock:
            self.captured.append(item)

    def snapshot(self) -> list[Captured]:
        """Return the payloads captured so far."""
        with self._lock:
            return list(self.captured)


#: The process-wide recorder the bot-driven fakes of a test run share (see tests/harness.py).
RECORDER = PayloadRecorder()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, fake: FakeSlack) -> None:
        self.fake = fake
        super().__init__(("127.0.0.1", 0), _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that gave up (timeout, dropped socket) is part of the reliability tests.
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        return None

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        try:
            reply = self.server.fake._handle(self.command, self.path, headers, body)
        except Exception as exc:
            traceback.print_exc()
            reply = _json_reply({"ok": False, "error": "fakeslack_bug", "detail": repr(exc)}, 500)
        self.close_connection = True
        if reply.drop:
            return
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.send_header("Connection", "close")
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(reply.body)


def _delay_only(fault: Fault) -> bool:
    """Tell whether a fault only makes the answer late (the work is done, the reply waits)."""
    return bool(fault.delay) and not (
        fault.drop_connection or fault.error is not None or fault.status is not None
    )


def _json_reply(data: JSON, status: int = 200, headers: dict[str, str] | None = None) -> _Reply:
    return _Reply(status=status, body=json.dumps(data).encode(), headers=headers or {})


class FakeSlack:
    """A Slack workspace on 127.0.0.1 that speaks enough of the Web API for referent."""

    def __init__(
        self,
        *,
        tokens: Iterable[str] = (DEFAULT_TOKEN,),
        team_id: str = "T0REFERENT",
        team_name: str = "Testudvalget",
        team_domain: str = "testudvalget",
        bot_user_id: str = "UBOT",
        bot_id: str = "BBOT",
        bot_name: str = "referent",
        app_id: str = "AREFERENT",
        clock: Callable[[], float] | None = None,
        require_membership: bool = False,
        recorder: PayloadRecorder | None = None,
        rate_limits: bool = True,
        rate_speed: float = 60.0,
    ) -> None:
        self.tokens = set(tokens)
        #: Where every message and view body goes; pass ``RECORDER`` where the real bot is
        #: the sender, so the conformance test sees every payload of the run.
        self.recorder = recorder if recorder is not None else PayloadRecorder()
        #: Enforce Slack's per-method tiers (429 + Retry-After), on a clock ``rate_speed``
        #: times faster than real time (60: one real second is one Slack minute).
        self.rate_limits = rate_limits
        self.rate_speed = rate_speed
        self._rate_windows: dict[tuple[str, ...], deque[float]] = {}
        self.team_id = team_id
        self.team_name = team_name
        self.team_domain = team_domain
        self.bot_user_id = bot_user_id
        self.bot_id = bot_id
        self.bot_name = bot_name
        self.app_id = app_id
        self.require_membership = require_membership
        self._clock = clock or time.time
        self._lock = threading.RLock()
        self._stopping = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._ids = itertools.count(1)
        self._last_ts_us = 0
        self._users: dict[str, JSON] = {}
        self._hidden_users: set[str] = set()
        self._channels: dict[str, JSON] = {}
        self._ims: dict[str, str] = {}
        self._messages: dict[str, list[JSON]] = {}
        self._ephemerals: list[JSON] = []
        self._files: dict[str, JSON] = {}
        self._file_content: dict[str, bytes] = {}
        self._uploads: dict[str, JSON] = {}
        self._view_events: list[JSON] = []
        self._views: dict[str, JSON] = {}
        self._homes: dict[str, str] = {}
        self._triggers: dict[str, str] = {}
        self._response_urls: dict[str, JSON] = {}
        self._responses: list[JSON] = []
        self._oauth_codes: dict[str, dict[str, str]] = {}
        #: The WebSocket URL ``apps.connections.open`` hands out (a Socket Mode test server).
        self.socket_mode_url: str | None = None
        self._calls: list[Call] = []
        self._faults: dict[str, deque[Fault]] = {}
        #: Called with the method name as each Web API call arrives, before it is answered
        #: (tests use it to observe the bot's side, e.g. whether a write lock is held).
        self.on_call: Callable[[str], None] | None = None
        self.add_user(
            bot_user_id,
            bot_name,
            bot_name.capitalize(),
            is_bot=True,
            locale="en-US",
        )
        self._methods: dict[str, Callable[[Params], JSON]] = {
            "api.test": self._api_test,
            "auth.test": self._auth_test,
            "oauth.v2.access": self._oauth_v2_access,
            "apps.connections.open": self._apps_connections_open,
            "team.info": self._team_info,
            "chat.postMessage": self._chat_post_message,
            "chat.update": self._chat_update,
            "chat.delete": self._chat_delete,
            "chat.postEphemeral": self._chat_post_ephemeral,
            "chat.getPermalink": self._chat_get_permalink,
            "users.info": self._users_info,
            "users.list": self._users_list,
            "users.conversations": self._users_conversations,
            "conversations.info": self._conversations_info,
            "conversations.list": self._conversations_list,
            "conversations.members": self._conversations_members,
            "conversations.open": self._conversations_open,
            "conversations.join": self._conversations_join,
            "conversations.history": self._conversations_history,
            "conversations.replies": self._conversations_replies,
            "reactions.get": self._reactions_get,
            "reactions.add": self._reactions_add,
            "reactions.remove": self._reactions_remove,
            "views.open": self._views_open,
            "views.publish": self._views_publish,
            "views.update": self._views_update,
            "views.push": self._views_push,
            "files.info": self._files_info,
            "files.getUploadURLExternal": self._files_get_upload_url,
            "files.completeUploadExternal": self._files_complete_upload,
        }

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> FakeSlack:
        """Bind a random loopback port and serve in a daemon thread."""
        if self._server is not None:
            return self
        self._stopping.clear()
        self._server = _Server(self)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="fakeslack",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and free the port."""
        server, thread = self._server, self._thread
        if server is None:
            return
        self._stopping.set()
        server.shutdown()
        server.server_close()
        if thread is not None:
            thread.join(timeout=5)
        self._server = None
        self._thread = None

    def __enter__(self) -> FakeSlack:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        """The bound port (the server must be started)."""
        if self._server is None:
            raise RuntimeError("FakeSlack is not started")
        return int(self._server.server_address[1])

    @property
    def root_url(self) -> str:
        """``http://127.0.0.1:PORT/``."""
        return f"http://127.0.0.1:{self.port}/"

    @property
    def base_url(self) -> str:
        """The Web API base URL for ``WebClient(base_url=...)``; ends in ``/api/``."""
        return f"{self.root_url}api/"

    # ------------------------------------------------------------------ ids and time

    def now(self) -> float:
        """The fake's clock (epoch seconds)."""
        return self._clock()

    def next_ts(self) -> str:
        """Allocate a new message ts: monotonic, Slack format ``1700000000.000100``."""
        with self._lock:
            now_us = int(self._clock() * 1_000_000)
            self._last_ts_us = max(now_us, self._last_ts_us + 100)
            seconds, micros = divmod(self._last_ts_us, 1_000_000)
            return f"{seconds}.{micros:06d}"

    def _new_id(self, prefix: str) -> str:
        return f"{prefix}{next(self._ids):08d}"

    # ------------------------------------------------------------------ workspace state

    def add_user(
        self,
        id: str,
        name: str,
        real_name: str,
        title: str | None = None,
        tz: str = "Europe/Copenhagen",
        locale: str = "da-DK",
        *,
        display_name: str | None = None,
        email: str | None = None,
        is_bot: bool = False,
        deleted: bool = False,
        visible: bool = True,
    ) -> JSON:
        """Add (or replace) a workspace member; return the user object as users.info shows it.

        ``visible=False`` is a person of another organisation in a Slack Connect channel whose
        profile this workspace may not read: ``users.info`` answers ``user_not_visible``.
        """
        profile: JSON = {
            "real_name": real_name,
            "real_name_normalized": real_name,
            "display_name": display_name if display_name is not None else name,
            "display_name_normalized": display_name if display_name is not None else name,
            "title": title or "",
            "team": self.team_id,
        }
        if email:
            profile["email"] = email
        if is_bot and id == self.bot_user_id:
            profile["bot_id"] = self.bot_id
        user: JSON = {
            "id": id,
            "team_id": self.team_id,
            "name": name,
            "real_name": real_name,
            "deleted": deleted,
            "tz": tz,
            "locale": locale,
            "is_bot": is_bot,
            "is_admin": False,
            "is_app_user": False,
            "profile": profile,
        }
        with self._lock:
            self._users[id] = user
            if visible:
                self._hidden_users.discard(id)
            else:
                self._hidden_users.add(id)
        return copy.deepcopy(user)

    def add_channel(
        self,
        id: str,
        name: str,
        members: Iterable[str] = (),
        is_private: bool = False,
        *,
        topic: str = "",
        purpose: str = "",
    ) -> JSON:
        """Add (or replace) a channel with its members; return the channel object."""
        channel: JSON = {
            "id": id,
            "name": name,
            "is_channel": not is_private,
            "is_group": is_private,
            "is_im": False,
            "is_mpim": False,
            "is_private": is_private,
            "is_archived": False,
            "is_general": False,
            "created": int(self._clock()),
            "creator": self.bot_user_id,
            "context_team_id": self.team_id,
            "topic": {"value": topic, "creator": "", "last_set": 0},
            "purpose": {"value": purpose, "creator": "", "last_set": 0},
            "members": list(dict.fromkeys(members)),
        }
        with self._lock:
            self._channels[id] = channel
            self._messages.setdefault(id, [])
        return copy.deepcopy(channel)

    def add_member(self, channel: str, user: str) -> None:
        """Add a user to a channel's members."""
        with self._lock:
            members = self._channel(channel)["members"]
            if user not in members:
                members.append(user)

    def remove_member(self, channel: str, user: str) -> None:
        """Remove a user from a channel's members."""
        with self._lock:
            members = self._channel(channel)["members"]
            if user in members:
                members.remove(user)

    def user(self, user_id: str) -> JSON | None:
        """A copy of a user object, or None."""
        with self._lock:
            found = self._users.get(user_id)
            return copy.deepcopy(found) if found else None

    def channel(self, channel_id: str) -> JSON | None:
        """A copy of a channel object (including ``members``), or None."""
        with self._lock:
            found = self._channels.get(channel_id)
            return copy.deepcopy(found) if found else None

    def im_channel(self, user: str) -> str:
        """Return the D… channel id of the bot's DM with ``user``, opening it if needed."""
        with self._lock:
            existing = self._ims.get(user)
            if existing:
                return existing
            candidate = "D" + (user[1:] if user.startswith("U") else user)
            if candidate in self._channels:
                candidate = self._new_id("D")
            self._channels[candidate] = {
                "id": candidate,
                "is_channel": False,
                "is_group": False,
                "is_im": True,
                "is_mpim": False,
                "is_private": True,
                "is_archived": False,
                "is_open": True,
                "created": int(self._clock()),
                "user": user,
                "context_team_id": self.team_id,
                "members": [user, self.bot_user_id],
            }
            self._messages.setdefault(candidate, [])
            self._ims[user] = candidate
            return candidate

    def channel_type(self, channel_id: str) -> str:
        """The ``channel_type`` Slack puts in message events: channel, group, im or mpim."""
        with self._lock:
            found = self._channels.get(channel_id)
        if found is None:
            return {"D": "im", "G": "group"}.get(channel_id[:1], "channel")
        if found.get("is_im"):
            return "im"
        if found.get("is_mpim"):
            return "mpim"
        return "group" if found.get("is_private") else "channel"

    def add_message(
        self,
        channel: str,
        user: str | None,
        text: str = "",
        *,
        ts: str | None = None,
        thread_ts: str | None = None,
        blocks: list[JSON] | None = None,
        files: list[JSON] | None = None,
        subtype: str | None = None,
        bot: bool = False,
        metadata: JSON | None = None,
        reply_broadcast: bool = False,
    ) -> JSON:
        """Store a message as Slack would (thread bookkeeping included); return a copy of it."""
        with self._lock:
            self._messages.setdefault(channel, [])
            message: JSON = {
                "type": "message",
                "ts": ts or self.next_ts(),
                "channel": channel,
                "text": text,
                "team": self.team_id,
            }
            if user is not None:
                message["user"] = user
            if bot:
                message["bot_id"] = self.bot_id
                message["app_id"] = self.app_id
                message["bot_profile"] = {
                    "id": self.bot_id,
                    "app_id": self.app_id,
                    "name": self.bot_name,
                    "team_id": self.team_id,
                }
            if blocks is not None:
                message["blocks"] = blocks
            if files:
                message["files"] = files
                message.setdefault("upload", True)
            if subtype:
                message["subtype"] = subtype
            if metadata is not None:
                message["metadata"] = metadata
            if thread_ts and thread_ts != message["ts"]:
                message["thread_ts"] = thread_ts
                parent = self._find(channel, thread_ts)
                if parent is not None:
                    message["parent_user_id"] = parent.get("user")
                    parent["thread_ts"] = thread_ts
                    parent["reply_count"] = int(parent.get("reply_count", 0)) + 1
                    reply_users = parent.setdefault("reply_users", [])
                    if user and user not in reply_users:
                        reply_users.append(user)
                    parent["reply_users_count"] = len(reply_users)
                    parent["latest_reply"] = message["ts"]
                if reply_broadcast:
                    message["subtype"] = "thread_broadcast"
            self._messages[channel].append(message)
            self._messages[channel].sort(key=lambda m: float(m["ts"]))
            return copy.deepcopy(message)

    def messages(self, channel: str | None = None, thread_ts: str | None = None) -> list[JSON]:
        """Copies of stored messages, oldest first; with ``thread_ts``, the parent and its replies."""
        with self._lock:
            if channel is None:
                found = [m for msgs in self._messages.values() for m in msgs]
            else:
                found = list(self._messages.get(channel, []))
            if thread_ts is not None:
                found = [m for m in found if thread_ts in (m["ts"], m.get("thread_ts"))]
            found.sort(key=lambda m: float(m["ts"]))
            return copy.deepcopy(found)

    def bot_messages(self, channel: str | None = None, thread_ts: str | None = None) -> list[JSON]:
        """Like ``messages`` but only what the bot posted."""
        return [m for m in self.messages(channel, thread_ts) if m.get("bot_id") == self.bot_id]

    def message(self, channel: str, ts: str) -> JSON | None:
        """A copy of one stored message, or None."""
        with self._lock:
            found = self._find(channel, ts)
            return copy.deepcopy(found) if found else None

    def update_message(
        self, channel: str, ts: str, *, user: str | None = None, **changes: Any
    ) -> JSON:
        """Change a stored message (text, blocks, …), marking it edited; return the old version."""
        with self._lock:
            found = self._find(channel, ts)
            if found is None:
                raise KeyError(f"no message {channel}/{ts}")
            previous = copy.deepcopy(found)
            found.update(changes)
            found["edited"] = {"user": user or found.get("user"), "ts": self.next_ts()}
            return previous

    def delete_message(self, channel: str, ts: str) -> JSON | None:
        """Remove a stored message; return it (or None when it was not there)."""
        with self._lock:
            found = self._find(channel, ts)
            if found is None:
                return None
            self._messages[channel].remove(found)
            parent_ts = found.get("thread_ts")
            if parent_ts and parent_ts != ts:
                parent = self._find(channel, parent_ts)
                if parent is not None and parent.get("reply_count"):
                    parent["reply_count"] = int(parent["reply_count"]) - 1
            return found

    def has_replies(self, channel: str, ts: str) -> bool:
        """Tell whether a message is the parent of a thread that still has replies."""
        with self._lock:
            return any(
                m.get("thread_ts") == ts and m["ts"] != ts for m in self._messages.get(channel, [])
            )

    def tombstone_message(self, channel: str, ts: str) -> JSON | None:
        """Replace a thread parent by Slack's tombstone ("This message was deleted."); return the
        message as it was.

        Slack keeps a deleted message that has replies as a hidden placeholder so the thread
        stays readable, and announces it as ``message_changed``, not ``message_deleted``.
        """
        with self._lock:
            found = self._find(channel, ts)
            if found is None:
                return None
            previous = copy.deepcopy(found)
            for key in ("blocks", "files", "attachments", "edited", "client_msg_id", "reactions"):
                found.pop(key, None)
            found.update(
                {
                    "type": "message",
                    "subtype": "tombstone",
                    "text": "This message was deleted.",
                    "user": "USLACKBOT",
                    "hidden": True,
                }
            )
            return previous

    def ephemerals(self, channel: str | None = None, user: str | None = None) -> list[JSON]:
        """Copies of ephemeral messages (chat.postEphemeral and ephemeral response-URL posts)."""
        with self._lock:
            return copy.deepcopy(
                [
                    e
                    for e in self._ephemerals
                    if (channel is None or e["channel"] == channel)
                    and (user is None or e["user"] == user)
                ]
            )

    def add_reaction(self, channel: str, ts: str, name: str, user: str) -> None:
        """Add a reaction to a stored message (state only; send the event with the driver)."""
        with self._lock:
            found = self._find(channel, ts)
            if found is None:
                raise KeyError(f"no message {channel}/{ts}")
            reactions: list[JSON] = found.setdefault("reactions", [])
            for reaction in reactions:
                if reaction["name"] == name:
                    if user not in reaction["users"]:
                        reaction["users"].append(user)
                        reaction["count"] = len(reaction["users"])
                    return
            reactions.append({"name": name, "users": [user], "count": 1})

    def remove_reaction(self, channel: str, ts: str, name: str, user: str) -> bool:
        """Remove a reaction from a stored message; return whether it was there."""
        with self._lock:
            found = self._find(channel, ts)
            if found is None:
                return False
            reactions: list[JSON] = found.get("reactions", [])
            for reaction in reactions:
                if reaction["name"] == name and user in reaction["users"]:
                    reaction["users"].remove(user)
                    reaction["count"] = len(reaction["users"])
                    if not reaction["users"]:
                        reactions.remove(reaction)
                    if not reactions:
                        found.pop("reactions", None)
                    return True
            return False

    def add_file(
        self,
        id: str,
        name: str,
        content: bytes,
        mimetype: str = "application/octet-stream",
        user: str | None = None,
        channel: str | None = None,
        *,
        title: str | None = None,
        external_url: str | None = None,
    ) -> JSON:
        """Store a file; its ``url_private_download`` serves ``content`` to the bot token only.

        With ``external_url`` it is an external file (a Google Drive or OneDrive link shared in
        Slack): ``mode: external``, ``is_external: true``, its URLs point at the other host and
        there is nothing to download from Slack.
        """
        with self._lock:
            file = self._make_file(id, name, content, mimetype, user, title)
            if external_url is not None:
                file.update(
                    {
                        "mode": "external",
                        "is_external": True,
                        "external_type": "gdrive",
                        "external_url": external_url,
                        "url_private": external_url,
                        "size": 0,
                    }
                )
                file.pop("url_private_download", None)
                content = b""
            if channel:
                file[_share_key(channel)].append(channel)
            self._files[id] = file
            self._file_content[id] = content
            return copy.deepcopy(file)

    def file(self, file_id: str) -> JSON | None:
        """A copy of a file object, or None."""
        with self._lock:
            found = self._files.get(file_id)
            return copy.deepcopy(found) if found else None

    def file_content(self, file_id: str) -> bytes | None:
        """The bytes of a stored file, or None."""
        with self._lock:
            return self._file_content.get(file_id)

    def new_trigger_id(self, user: str) -> str:
        """Issue a trigger_id for ``user`` that views.open and views.push accept."""
        trigger = f"{next(self._ids)}.{int(self._clock())}.{secrets.token_hex(16)}"
        self.register_trigger_id(trigger, user)
        return trigger

    def register_trigger_id(self, trigger_id: str, user: str) -> None:
        """Accept a caller-chosen trigger_id for ``user``."""
        with self._lock:
            self._triggers[trigger_id] = user

    def views(self, user: str | None = None, kind: str | None = None) -> list[JSON]:
        """Every views.open/publish/update/push in order: ``{kind, user, view_id, view}``."""
        with self._lock:
            return copy.deepcopy(
                [
                    v
                    for v in self._view_events
                    if (user is None or v["user"] == user) and (kind is None or v["kind"] == kind)
                ]
            )

    def view(self, view_id: str) -> JSON | None:
        """The current state of a view by id, or None."""
        with self._lock:
            found = self._views.get(view_id)
            return copy.deepcopy(found) if found else None

    def home(self, user: str) -> JSON | None:
        """The App Home view last published for ``user``, or None."""
        with self._lock:
            view_id = self._homes.get(user)
            return copy.deepcopy(self._views[view_id]) if view_id else None

    def new_response_url(
        self,
        *,
        channel: str | None = None,
        user: str | None = None,
        message_ts: str | None = None,
        thread_ts: str | None = None,
    ) -> str:
        """A response_url on the fake; posts to it are recorded and applied like Slack does."""
        response_id = secrets.token_hex(8)
        with self._lock:
            self._response_urls[response_id] = {
                "channel": channel,
                "user": user,
                "message_ts": message_ts,
                "thread_ts": thread_ts,
            }
        return f"{self.root_url}response/{response_id}"

    def responses(self, response_url: str | None = None) -> list[JSON]:
        """Bodies posted to response URLs: ``{id, url, body, time}``, oldest first."""
        wanted = response_url.rstrip("/").rsplit("/", 1)[-1] if response_url else None
        with self._lock:
            return copy.deepcopy([r for r in self._responses if wanted in (None, r["id"])])

    # ------------------------------------------------------------------ calls and faults

    def calls(self, method: str | None = None) -> list[Call]:
        """Every recorded request (optionally of one method), oldest first."""
        with self._lock:
            return [c for c in self._calls if method is None or c.method == method]

    def call_count(self, method: str) -> int:
        """How many requests of ``method`` arrived (faulted ones included)."""
        return len(self.calls(method))

    def reset_calls(self) -> None:
        """Forget the recorded calls."""
        with self._lock:
            self._calls.clear()

    def fail_next(
        self,
        method: str,
        *,
        status: int | None = None,
        retry_after: int = 1,
        error: str | None = None,
        times: int = 1,
        delay: float = 0.0,
        drop_connection: bool = False,
        after_effect: bool = False,
    ) -> None:
        """Make the next ``times`` calls of ``method`` ("*" for any) fail.

        ``error`` answers 200 ``{"ok": false, "error": error}``; ``delay`` alone answers normally
        but late; ``drop_connection`` closes the socket without a response; otherwise ``status``
        (429 by default, with ``Retry-After: retry_after``). With ``after_effect`` the method's
        work is done before the failure is returned (a post that landed but whose answer was
        lost: the case where a blind retry would post twice).
        """
        with self._lock:
            self._faults.setdefault(method, deque()).append(
                Fault(status, retry_after, error, times, delay, drop_connection, after_effect)
            )

    def clear_faults(self) -> None:
        """Drop all pending injected faults."""
        with self._lock:
            self._faults.clear()

    def settle(self, quiet: float = 0.15, timeout: float = 5.0) -> None:
        """Wait until no request has arrived for ``quiet`` seconds (the bot went idle)."""
        deadline = time.monotonic() + timeout
        count = len(self.calls())
        quiet_since = time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.02)
            now_count = len(self.calls())
            if now_count != count:
                count = now_count
                quiet_since = time.monotonic()
            elif time.monotonic() - quiet_since >= quiet:
                return

    def wait_for(
        self, predicate: Callable[[], T], timeout: float = 5.0, interval: float = 0.01
    ) -> T:
        """Poll ``predicate`` until it returns something truthy; return that, or raise TimeoutError."""
        deadline = time.monotonic() + timeout
        while True:
            result = predicate()
            if result:
                return result
            if time.monotonic() >= deadline:
                raise TimeoutError(f"condition not met within {timeout} s")
            time.sleep(interval)

    # ------------------------------------------------------------------ HTTP plumbing

    def _take_fault(self, method: str) -> Fault | None:
        with self._lock:
            for key in (method, "*"):
                queue = self._faults.get(key)
                if not queue:
                    continue
                fault = queue[0]
                fault.times -= 1
                if fault.times <= 0:
                    queue.popleft()
                return fault
        return None

    def _record(
        self,
        method: str,
        params: Params,
        headers: Mapping[str, str],
        status: int,
        *,
        faulted: bool = False,
        response: JSON | None = None,
    ) -> None:
        shown = dict(headers)
        token = self._token({}, shown)
        if "authorization" in shown:
            scheme = shown["authorization"].split(" ", 1)[0]
            shown["authorization"] = f"{scheme} ***"
        call = Call(
            method=method,
            params=params,
            headers=shown,
            time=time.time(),
            status=status,
            faulted=faulted,
            response=response,
            token_tail=token[-8:] if token else None,
        )
        with self._lock:
            self._calls.append(call)

    def _fault_reply(self, fault: Fault) -> _Reply:
        if fault.delay:
            self._stopping.wait(fault.delay)
        if fault.drop_connection:
            return _Reply(status=0, body=b"", drop=True)
        if fault.error is not None:
            return _json_reply({"ok": False, "error": fault.error}, status=fault.status or 200)
        status = fault.status or 429
        if status == 429:
            return _json_reply(
                {"ok": False, "error": "ratelimited"},
                status=429,
                headers={"Retry-After": str(fault.retry_after)},
            )
        return _json_reply({"ok": False, "error": "internal_error"}, status=status)

    @staticmethod
    def _fault_status(fault: Fault) -> int:
        if fault.drop_connection:
            return 0
        if fault.error is not None:
            return fault.status or 200
        return fault.status or 429

    def _handle(self, verb: str, path: str, headers: dict[str, str], body: bytes) -> _Reply:
        parts = urlsplit(path)
        route = parts.path.strip("/").split("/")
        if route[0] == "api" and len(route) == 2:
            params = dict(parse_qsl(parts.query, keep_blank_values=True))
            try:
                params.update(self._parse_body(headers.get("content-type", ""), body))
            except ValueError:
                params["_raw_body"] = body.decode("utf-8", "replace")
            return self._api(route[1], params, headers)
        if route[0] == "upload" and len(route) == 2 and verb == "POST":
            return self._upload(route[1], headers, body)
        if route[0] == "files-pri" and len(route) >= 3:
            return self._download(unquote(route[1]), headers)
        if route[0] == "response" and len(route) == 2 and verb == "POST":
            return self._response_post(route[1], headers, body)
        self._record(f"{verb} {parts.path}", {}, headers, 404)
        return _Reply(status=404, body=b"not found", content_type="text/plain")

    @staticmethod
    def _parse_body(content_type: str, body: bytes) -> Params:
        if not body:
            return {}
        kind = content_type.split(";", 1)[0].strip().lower()
        if kind == "application/json":
            data = json.loads(body)
            if not isinstance(data, dict):
                raise ValueError("JSON body must be an object")
            return data
        if kind == "multipart/form-data":
            head = f"Content-Type: {content_type}\r\n\r\n".encode()
            parsed = BytesParser(policy=HTTP).parsebytes(head + body)
            out: Params = {}
            for part in parsed.iter_parts():
                name = part.get_param("name", header="content-disposition")
                payload = part.get_payload(decode=True)
                if not isinstance(payload, bytes):
                    payload = b""
                if isinstance(name, str):
                    out[name] = (
                        payload if part.get_filename() else payload.decode("utf-8", "replace")
                    )
            return out
        return dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True))

    @staticmethod
    def _token(params: Params, headers: Mapping[str, str]) -> str | None:
        auth = headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            return auth[7:].strip() or None
        token = params.get("token")
        return str(token) if token else None

    def _rate_limited(self, method: str, params: Params, headers: Mapping[str, str]) -> int:
        """Count a call against its tier; return the Retry-After seconds when over (else 0)."""
        if not self.rate_limits:
            return 0
        token = self._token(params, headers) or ""
        if method == "chat.postMessage":
            target = str(params.get("channel") or "")
            # A post to a user id lands in their DM: it counts against that conversation.
            target = self._ims.get(target, f"im:{target}") if target in self._users else target
            key: tuple[str, ...] = (token, method, target)
            limit = POSTS_PER_CHANNEL_PER_MINUTE
        elif method in METHOD_TIERS:
            key = (token, method)
            limit = TIER_PER_MINUTE[METHOD_TIERS[method]]
        else:
            return 0
        window = 60.0 / self.rate_speed
        now = time.monotonic()
        with self._lock:
            calls = self._rate_windows.setdefault(key, deque())
            while calls and calls[0] <= now - window:
                calls.popleft()
            if len(calls) >= limit:
                return max(1, math.ceil(calls[0] + window - now))
            calls.append(now)
        return 0

    def _api(self, method: str, params: Params, headers: dict[str, str]) -> _Reply:
        shown = {k: v for k, v in params.items() if k != "token"}
        if self.on_call is not None:
            self.on_call(method)
        fault = self._take_fault(method)
        if fault is None:
            retry_after = self._rate_limited(method, params, headers)
            if retry_after:
                self._record(method, shown, headers, 429, faulted=True)
                return _json_reply(
                    {"ok": False, "error": "ratelimited"},
                    status=429,
                    headers={"Retry-After": str(retry_after)},
                )
        if fault is not None and _delay_only(fault):
            # A slow but otherwise normal answer: the work is done, only the reply is late.
            result = self._run_method(method, params, headers)
            self._record(method, shown, headers, 200, faulted=True, response=result)
            self._stopping.wait(fault.delay)
            return _json_reply(result)
        if fault is not None:
            effect = self._run_method(method, params, headers) if fault.after_effect else None
            self._record(
                method, shown, headers, self._fault_status(fault), faulted=True, response=effect
            )
            return self._fault_reply(fault)
        result = self._run_method(method, params, headers)
        self._record(method, shown, headers, 200, response=result)
        return _json_reply(result)

    def _run_method(self, method: str, params: Params, headers: Mapping[str, str]) -> JSON:
        handler = self._methods.get(method)
        if handler is None:
            return {"ok": False, "error": "unknown_method", "req_method": method}
        token = self._token(params, headers)
        # oauth.v2.access authenticates with the app's client id and secret, not a token.
        if method != "oauth.v2.access" and (token is None or token not in self.tokens):
            return {"ok": False, "error": "invalid_auth"}
        try:
            with self._lock:
                result = handler(params)
        except SlackApiFailure as exc:
            return {"ok": False, "error": exc.error, **exc.extra}
        return {"ok": True, **copy.deepcopy(result)}

    def _upload(self, file_id: str, headers: dict[str, str], body: bytes) -> _Reply:
        params: Params = {"file_id": file_id, "length": len(body)}
        fault = self._take_fault("upload_url")
        if fault is not None:
            self._record("upload_url", params, headers, self._fault_status(fault), faulted=True)
            return self._fault_reply(fault)
        with self._lock:
            pending = self._uploads.get(file_id)
            if pending is not None:
                pending["data"] = body
        status = 200 if pending is not None else 404
        self._record("upload_url", params, headers, status)
        text = f"OK - {len(body)}" if pending is not None else "upload not found"
        return _Reply(status=status, body=text.encode(), content_type="text/plain; charset=utf-8")

    def _download(self, team_file: str, headers: dict[str, str]) -> _Reply:
        file_id = team_file.split("-", 1)[-1]
        params: Params = {"file_id": file_id}
        fault = self._take_fault("file_download")
        slow = fault is not None and _delay_only(fault)
        if fault is not None and not slow:
            self._record("file_download", params, headers, self._fault_status(fault), faulted=True)
            return self._fault_reply(fault)
        token = self._token({}, headers)
        with self._lock:
            content = self._file_content.get(file_id)
            mimetype = str(self._files.get(file_id, {}).get("mimetype", "application/octet-stream"))
        if token is None or token not in self.tokens:
            self._record("file_download", params, headers, 403)
            return _Reply(status=403, body=b"forbidden", content_type="text/plain")
        if content is None:
            self._record("file_download", params, headers, 404)
            return _Reply(status=404, body=b"not found", content_type="text/plain")
        self._record("file_download", params, headers, 200, faulted=slow)
        if fault is not None and slow:
            # A slow but otherwise normal answer, as for the Web API methods.
            self._stopping.wait(fault.delay)
        return _Reply(status=200, body=content, content_type=mimetype)

    def _response_post(self, response_id: str, headers: dict[str, str], body: bytes) -> _Reply:
        try:
            payload = self._parse_body(headers.get("content-type", "application/json"), body)
        except ValueError:
            payload = {"_raw_body": body.decode("utf-8", "replace")}
        fault = self._take_fault("response_url")
        if fault is not None:
            self._record("response_url", payload, headers, self._fault_status(fault), faulted=True)
            return self._fault_reply(fault)
        content: JSON = {"text": payload.get("text"), "blocks": _json_param(payload.get("blocks"))}
        content = {k: v for k, v in content.items() if v is not None}
        problems = blockkit.check_message(content)
        if "text" in content or "blocks" in content:
            self.recorder.add(
                Captured(
                    surface="message",
                    method="response_url",
                    payload=copy.deepcopy(content),
                    problems=tuple(problems),
                    missing_text=blockkit.missing_fallback(content),
                )
            )
        if problems:
            self._record("response_url", payload, headers, 400)
            return _Reply(status=400, body=b"invalid_blocks", content_type="text/plain")
        with self._lock:
            target = self._response_urls.get(response_id)
            if target is None:
                self._record("response_url", payload, headers, 404)
                return _Reply(status=404, body=b"no_service", content_type="text/plain")
            self._responses.append(
                {
                    "id": response_id,
                    "url": f"{self.root_url}response/{response_id}",
                    "body": payload,
                    "time": time.time(),
                }
            )
            self._apply_response(target, payload)
        self._record("response_url", payload, headers, 200)
        return _Reply(status=200, body=b"ok", content_type="text/html")

    def _apply_response(self, target: JSON, payload: Params) -> None:
        channel, user, message_ts = target["channel"], target["user"], target["message_ts"]
        if not channel:
            return
        if _flag(payload.get("delete_original")) and message_ts:
            self.delete_message(channel, message_ts)
            return
        blocks = _json_param(payload.get("blocks"))
        text = str(payload.get("text") or "")
        if (
            _flag(payload.get("replace_original"))
            and message_ts
            and self._find(channel, message_ts)
        ):
            changes: JSON = {"text": text}
            if blocks is not None:
                changes["blocks"] = blocks
            self.update_message(channel, message_ts, user=self.bot_user_id, **changes)
            return
        thread_ts = payload.get("thread_ts") or target.get("thread_ts")
        if payload.get("response_type") == "in_channel":
            self.add_message(
                channel,
                self.bot_user_id,
                text,
                thread_ts=thread_ts,
                blocks=blocks,
                bot=True,
            )
        elif user:
            self._ephemerals.append(
                {
                    "channel": channel,
                    "user": user,
                    "text": text,
                    "blocks": blocks,
                    "thread_ts": thread_ts,
                    "message_ts": self.next_ts(),
                    "via": "response_url",
                }
            )

    # ------------------------------------------------------------------ helpers for methods

    def _find(self, channel: str, ts: str) -> JSON | None:
        for message in self._messages.get(channel, []):
            if message["ts"] == ts:
                return message
        return None

    def _channel(self, channel_id: Any) -> JSON:
        if not channel_id:
            raise SlackApiFailure("channel_not_found")
        found = self._channels.get(str(channel_id))
        if found is None:
            raise SlackApiFailure("channel_not_found")
        return found

    def _resolve_post_channel(self, channel: Any) -> str:
        """Resolve chat.* ``channel``: a channel id, a user id (their DM) or a #name."""
        value = str(channel or "")
        if not value:
            raise SlackApiFailure("channel_not_found")
        if value in self._channels:
            return value
        if value in self._users:
            return self.im_channel(value)
        name = value.lstrip("#")
        for found in self._channels.values():
            if found.get("name") == name:
                return str(found["id"])
        raise SlackApiFailure("channel_not_found")

    def _check_member(self, channel: JSON) -> None:
        if self.require_membership and self.bot_user_id not in channel.get("members", []):
            raise SlackApiFailure("not_in_channel")

    def _message_content(
        self, params: Params, *, required: bool = True, method: str = "chat.postMessage"
    ) -> JSON:
        text = params.get("text")
        blocks = _json_param(params.get("blocks"))
        attachments = _json_param(params.get("attachments"))
        if required and not text and not blocks and not attachments:
            raise SlackApiFailure("no_text")
        if text is not None and len(str(text)) > TEXT_LIMIT:
            raise SlackApiFailure("msg_too_long")
        content: JSON = {}
        if text is not None:
            content["text"] = str(text)
        if blocks is not None:
            content["blocks"] = blocks
        problems = blockkit.check_message(content) if blocks is not None else []
        self.recorder.add(
            Captured(
                surface="message",
                method=method,
                payload=copy.deepcopy(content),
                problems=tuple(problems),
                missing_text=blockkit.missing_fallback(content),
            )
        )
        if problems:
            raise SlackApiFailure("invalid_blocks", response_metadata={"messages": problems})
        if attachments is not None:
            content["attachments"] = attachments
        return content

    def _public_message(self, message: JSON) -> JSON:
        shown = copy.deepcopy(message)
        shown.pop("channel", None)
        return shown

    def _user_object(self, user: JSON, *, include_locale: bool) -> JSON:
        shown = copy.deepcopy(user)
        tz_name = str(shown.get("tz") or "UTC")
        try:
            zone = ZoneInfo(tz_name)
            moment = datetime.fromtimestamp(self._clock(), zone)
            offset = moment.utcoffset()
            shown["tz_offset"] = int(offset.total_seconds()) if offset else 0
            shown["tz_label"] = moment.tzname() or tz_name
        except ZoneInfoNotFoundError:
            shown["tz_offset"] = 0
            shown["tz_label"] = tz_name
        if not include_locale:
            shown.pop("locale", None)
        return shown

    def _channel_object(self, channel: JSON, params: Params) -> JSON:
        shown = copy.deepcopy(channel)
        members = shown.pop("members", [])
        shown["is_member"] = self.bot_user_id in members
        if _flag(params.get("include_num_members")):
            shown["num_members"] = len(members)
        return shown

    def _make_file(
        self,
        file_id: str,
        name: str,
        content: bytes,
        mimetype: str,
        user: str | None,
        title: str | None,
    ) -> JSON:
        quoted = quote(name)
        private = f"{self.root_url}files-pri/{self.team_id}-{file_id}/{quoted}"
        download = f"{self.root_url}files-pri/{self.team_id}-{file_id}/download/{quoted}"
        filetype = name.rsplit(".", 1)[-1].lower() if "." in name else "binary"
        return {
            "id": file_id,
            "created": int(self._clock()),
            "timestamp": int(self._clock()),
            "name": name,
            "title": title or name,
            "mimetype": mimetype,
            "filetype": filetype,
            "pretty_type": filetype.upper(),
            "user": user or self.bot_user_id,
            "user_team": self.team_id,
            "size": len(content),
            "mode": "hosted",
            "is_external": False,
            "is_public": True,
            "url_private": private,
            "url_private_download": download,
            "permalink": f"{PERMALINK_BASE}/files/{user or self.bot_user_id}/{file_id}/{quoted}",
            "channels": [],
            "groups": [],
            "ims": [],
        }

    def _store_view(
        self, view_spec: Any, *, user: str | None, kind: str, view_id: str | None
    ) -> JSON:
        view = _json_param(view_spec)
        if not isinstance(view, dict) or view.get("type") not in ("modal", "home"):
            raise SlackApiFailure("invalid_arguments")
        problems = blockkit.check_view(view)
        self.recorder.add(
            Captured(
                surface=str(view["type"]),
                method=f"views.{kind}",
                payload=copy.deepcopy(view),
                problems=tuple(problems),
            )
        )
        if problems:
            raise SlackApiFailure("invalid_arguments", response_metadata={"messages": problems})
        view_id = view_id or self._new_id("V")
        previous = self._views.get(view_id, {})
        stored: JSON = {
            "id": view_id,
            "team_id": self.team_id,
            "type": view["type"],
            "title": view.get("title"),
            "submit": view.get("submit"),
            "close": view.get("close"),
            "blocks": view.get("blocks", []),
            "private_metadata": str(view.get("private_metadata", "")),
            "callback_id": str(view.get("callback_id", "")),
            "external_id": str(view.get("external_id", "")),
            "state": {"values": {}},
            "hash": f"{int(self._clock())}.{secrets.token_hex(4)}",
            "clear_on_close": bool(view.get("clear_on_close", False)),
            "notify_on_close": bool(view.get("notify_on_close", False)),
            "root_view_id": previous.get("root_view_id", view_id),
            "previous_view_id": previous.get("previous_view_id"),
            "app_id": self.app_id,
            "bot_id": self.bot_id,
            "user": user or previous.get("user"),
        }
        self._views[view_id] = stored
        self._view_events.append(
            {
                "kind": kind,
                "user": stored["user"],
                "view_id": view_id,
                "view": copy.deepcopy(stored),
            }
        )
        return stored

    @staticmethod
    def _shown_view(view: JSON) -> JSON:
        shown = copy.deepcopy(view)
        shown.pop("user", None)
        return shown

    # ------------------------------------------------------------------ Web API methods

    def _api_test(self, params: Params) -> JSON:
        return {"args": {k: v for k, v in params.items() if k != "token"}}

    def register_oauth_code(
        self, code: str, team_id: str, team_name: str, user: str, *, token: str | None = None
    ) -> str:
        """Accept an OAuth code: ``oauth.v2.access`` with it installs the app into a team."""
        token = token or f"xoxb-{team_id.lower()}-{secrets.token_hex(6)}"
        with self._lock:
            self._oauth_codes[code] = {
                "team_id": team_id,
                "team_name": team_name,
                "user": user,
                "token": token,
            }
        return token

    def _apps_connections_open(self, params: Params) -> JSON:
        if self.socket_mode_url is None:
            raise SlackApiFailure("not_allowed_token_type")
        return {"url": self.socket_mode_url}

    def _oauth_v2_access(self, params: Params) -> JSON:
        grant = self._oauth_codes.pop(str(params.get("code") or ""), None)
        if grant is None:
            raise SlackApiFailure("invalid_code")
        self.tokens.add(grant["token"])
        return {
            "app_id": self.app_id,
            "authed_user": {"id": grant["user"]},
            "scope": "chat:write,commands",
            "token_type": "bot",
            "access_token": grant["token"],
            "bot_user_id": self.bot_user_id,
            "team": {"id": grant["team_id"], "name": grant["team_name"]},
            "enterprise": None,
            "is_enterprise_install": False,
        }

    def _auth_test(self, params: Params) -> JSON:
        return {
            "url": f"{PERMALINK_BASE}/",
            "team": self.team_name,
            "user": self.bot_name,
            "team_id": self.team_id,
            "user_id": self.bot_user_id,
            "bot_id": self.bot_id,
            "app_id": self.app_id,
            "is_enterprise_install": False,
        }

    def _team_info(self, params: Params) -> JSON:
        return {
            "team": {
                "id": self.team_id,
                "name": self.team_name,
                "domain": self.team_domain,
                "email_domain": "",
            }
        }

    def _chat_post_message(self, params: Params) -> JSON:
        channel_id = self._resolve_post_channel(params.get("channel"))
        self._check_member(self._channels[channel_id])
        content = self._message_content(params)
        metadata = _json_param(params.get("metadata"))
        message = self.add_message(
            channel_id,
            self.bot_user_id,
            str(content.get("text", "")),
            thread_ts=str(params["thread_ts"]) if params.get("thread_ts") else None,
            blocks=content.get("blocks"),
            bot=True,
            metadata=metadata if isinstance(metadata, dict) else None,
            reply_broadcast=_flag(params.get("reply_broadcast")),
        )
        stored = self._find(channel_id, message["ts"])
        assert stored is not None
        if "attachments" in content:
            stored["attachments"] = content["attachments"]
        for flag in ("unfurl_links", "unfurl_media", "mrkdwn"):
            if flag in params:
                stored.setdefault("_flags", {})[flag] = _flag(params[flag])
        return {
            "channel": channel_id,
            "ts": message["ts"],
            "message": self._public_message(stored),
        }

    def _own_message(self, params: Params, ts_key: str = "ts") -> tuple[str, JSON]:
        channel_id = self._resolve_post_channel(params.get("channel"))
        ts = str(params.get(ts_key) or "")
        found = self._find(channel_id, ts)
        if found is None:
            raise SlackApiFailure("message_not_found")
        if found.get("bot_id") != self.bot_id:
            raise SlackApiFailure("cant_update_message")
        return channel_id, found

    def _chat_update(self, params: Params) -> JSON:
        channel_id, found = self._own_message(params)
        content = self._message_content(params, required=False, method="chat.update")
        if not content:
            raise SlackApiFailure("no_text")
        self.update_message(channel_id, found["ts"], user=self.bot_user_id, **content)
        metadata = _json_param(params.get("metadata"))
        if isinstance(metadata, dict):
            found["metadata"] = metadata
        return {
            "channel": channel_id,
            "ts": found["ts"],
            "text": found.get("text", ""),
            "message": self._public_message(found),
        }

    def _chat_delete(self, params: Params) -> JSON:
        channel_id, found = self._own_message(params)
        self.delete_message(channel_id, found["ts"])
        return {"channel": channel_id, "ts": found["ts"]}

    def _chat_post_ephemeral(self, params: Params) -> JSON:
        channel_id = self._resolve_post_channel(params.get("channel"))
        user = str(params.get("user") or "")
        if user not in self._users:
            raise SlackApiFailure("user_not_found")
        channel = self._channels[channel_id]
        if user not in channel.get("members", []):
            raise SlackApiFailure("user_not_in_channel")
        self._check_member(channel)
        content = self._message_content(params, method="chat.postEphemeral")
        message_ts = self.next_ts()
        self._ephemerals.append(
            {
                "channel": channel_id,
                "user": user,
                "text": content.get("text", ""),
                "blocks": content.get("blocks"),
                "thread_ts": params.get("thread_ts") or None,
                "message_ts": message_ts,
                "via": "chat.postEphemeral",
            }
        )
        return {"message_ts": message_ts}

    def _chat_get_permalink(self, params: Params) -> JSON:
        channel_id = str(params.get("channel") or "")
        self._channel(channel_id)
        ts = str(params.get("message_ts") or "")
        found = self._find(channel_id, ts)
        if found is None:
            raise SlackApiFailure("message_not_found")
        link = f"{PERMALINK_BASE}/archives/{channel_id}/p{ts.replace('.', '')}"
        thread_ts = found.get("thread_ts")
        if thread_ts and thread_ts != ts:
            link += f"?thread_ts={thread_ts}&cid={channel_id}"
        return {"channel": channel_id, "permalink": link}

    def _users_info(self, params: Params) -> JSON:
        found = self._users.get(str(params.get("user") or ""))
        if found is None:
            raise SlackApiFailure("user_not_found")
        if found["id"] in self._hidden_users:
            raise SlackApiFailure("user_not_visible")
        return {
            "user": self._user_object(found, include_locale=_flag(params.get("include_locale")))
        }

    def _users_list(self, params: Params) -> JSON:
        include_locale = _flag(params.get("include_locale"))
        everyone = [
            self._user_object(u, include_locale=include_locale) for u in self._users.values()
        ]
        page, cursor = _page(everyone, params, default_limit=0)
        return {
            "members": page,
            "cache_ts": int(self._clock()),
            "response_metadata": {"next_cursor": cursor},
        }

    def _listed_channels(self, params: Params, member: str | None) -> list[JSON]:
        types = str(params.get("types") or "public_channel").split(",")
        exclude_archived = _flag(params.get("exclude_archived"))
        found = []
        for channel in self._channels.values():
            if channel.get("is_im"):
                kind = "im"
            elif channel.get("is_mpim"):
                kind = "mpim"
            else:
                kind = "private_channel" if channel.get("is_private") else "public_channel"
            if kind not in types or (exclude_archived and channel.get("is_archived")):
                continue
            if member is not None and member not in channel.get("members", []):
                continue
            found.append(self._channel_object(channel, params))
        return found

    def _conversations_list(self, params: Params) -> JSON:
        page, cursor = _page(self._listed_channels(params, None), params, default_limit=100)
        return {"channels": page, "response_metadata": {"next_cursor": cursor}}

    def _users_conversations(self, params: Params) -> JSON:
        user = str(params.get("user") or self.bot_user_id)
        page, cursor = _page(self._listed_channels(params, user), params, default_limit=100)
        return {"channels": page, "response_metadata": {"next_cursor": cursor}}

    def _conversations_info(self, params: Params) -> JSON:
        channel = self._channel(params.get("channel"))
        return {"channel": self._channel_object(channel, params)}

    def _conversations_members(self, params: Params) -> JSON:
        channel = self._channel(params.get("channel"))
        page, cursor = _page(list(channel.get("members", [])), params, default_limit=100)
        return {"members": page, "response_metadata": {"next_cursor": cursor}}

    def _conversations_open(self, params: Params) -> JSON:
        if params.get("channel"):
            channel = self._channel(params.get("channel"))
            return {"channel": {"id": channel["id"]}}
        users = [u.strip() for u in str(params.get("users") or "").split(",") if u.strip()]
        if not users:
            raise SlackApiFailure("users_list_not_supplied")
        for user in users:
            if user not in self._users:
                raise SlackApiFailure("user_not_found")
        if len(users) == 1:
            channel_id = self.im_channel(users[0])
        else:
            members = sorted({*users, self.bot_user_id})
            channel_id = ""
            for existing in self._channels.values():
                if existing.get("is_mpim") and sorted(existing["members"]) == members:
                    channel_id = existing["id"]
            if not channel_id:
                channel_id = self._new_id("G")
                self._channels[channel_id] = {
                    "id": channel_id,
                    "name": "mpdm-" + "--".join(members) + "-1",
                    "is_channel": False,
                    "is_group": False,
                    "is_im": False,
                    "is_mpim": True,
                    "is_private": True,
                    "is_archived": False,
                    "created": int(self._clock()),
                    "members": members,
                }
                self._messages.setdefault(channel_id, [])
        if _flag(params.get("return_im")):
            return {"channel": self._channel_object(self._channels[channel_id], params)}
        return {"channel": {"id": channel_id}}

    def _conversations_join(self, params: Params) -> JSON:
        channel = self._channel(params.get("channel"))
        if channel.get("is_private"):
            raise SlackApiFailure("method_not_supported_for_channel_type")
        if self.bot_user_id not in channel["members"]:
            channel["members"].append(self.bot_user_id)
        return {"channel": self._channel_object(channel, params)}

    def _window(self, messages: list[JSON], params: Params) -> list[JSON]:
        oldest = float(params.get("oldest") or 0)
        latest = float(params.get("latest") or "inf")
        inclusive = _flag(params.get("inclusive"))

        def inside(message: JSON) -> bool:
            ts = float(message["ts"])
            if inclusive:
                return oldest <= ts <= latest
            return oldest < ts < latest or (ts == oldest == 0)

        return [m for m in messages if inside(m)]

    def _conversations_history(self, params: Params) -> JSON:
        channel = self._channel(params.get("channel"))
        top = [
            m
            for m in self._messages.get(channel["id"], [])
            if m.get("thread_ts") in (None, m["ts"]) or m.get("subtype") == "thread_broadcast"
        ]
        newest_first = sorted(self._window(top, params), key=lambda m: float(m["ts"]), reverse=True)
        page, cursor = _page(newest_first, params, default_limit=100)
        return {
            "messages": [self._public_message(m) for m in page],
            "has_more": bool(cursor),
            "response_metadata": {"next_cursor": cursor},
        }

    def _conversations_replies(self, params: Params) -> JSON:
        channel = self._channel(params.get("channel"))
        ts = str(params.get("ts") or "")
        parent = self._find(channel["id"], ts)
        if parent is None:
            raise SlackApiFailure("thread_not_found")
        root = str(parent.get("thread_ts") or ts)
        thread = [
            m
            for m in self._messages.get(channel["id"], [])
            if root in (m["ts"], m.get("thread_ts"))
        ]
        page, cursor = _page(self._window(thread, params), params, default_limit=1000)
        return {
            "messages": [self._public_message(m) for m in page],
            "has_more": bool(cursor),
            "response_metadata": {"next_cursor": cursor},
        }

    def _reacted_message(self, params: Params) -> tuple[str, JSON]:
        channel_id = str(params.get("channel") or "")
        self._channel(channel_id)
        found = self._find(channel_id, str(params.get("timestamp") or ""))
        if found is None:
            raise SlackApiFailure("message_not_found")
        return channel_id, found

    def _reactions_get(self, params: Params) -> JSON:
        if params.get("file") and not params.get("channel"):
            file = self._files.get(str(params["file"]))
            if file is None:
                raise SlackApiFailure("file_not_found")
            return {"type": "file", "file": copy.deepcopy(file)}
        channel_id, found = self._reacted_message(params)
        return {
            "type": "message",
            "channel": channel_id,
            "message": self._public_message(found),
        }

    def _reactions_add(self, params: Params) -> JSON:
        channel_id, found = self._reacted_message(params)
        name = str(params.get("name") or "").strip(":")
        if not name:
            raise SlackApiFailure("invalid_name")
        for reaction in found.get("reactions", []):
            if reaction["name"] == name and self.bot_user_id in reaction["users"]:
                raise SlackApiFailure("already_reacted")
        self.add_reaction(channel_id, found["ts"], name, self.bot_user_id)
        return {}

    def _reactions_remove(self, params: Params) -> JSON:
        channel_id, found = self._reacted_message(params)
        name = str(params.get("name") or "").strip(":")
        if not self.remove_reaction(channel_id, found["ts"], name, self.bot_user_id):
            raise SlackApiFailure("no_reaction")
        return {}

    def _trigger_user(self, params: Params) -> str:
        trigger = str(params.get("trigger_id") or "")
        if not trigger:
            raise SlackApiFailure("invalid_arguments")
        user = self._triggers.get(trigger)
        if user is None:
            raise SlackApiFailure("invalid_trigger_id")
        return user

    def _views_open(self, params: Params) -> JSON:
        user = self._trigger_user(params)
        view = self._store_view(params.get("view"), user=user, kind="open", view_id=None)
        return {"view": self._shown_view(view)}

    def _views_push(self, params: Params) -> JSON:
        user = self._trigger_user(params)
        view = self._store_view(params.get("view"), user=user, kind="push", view_id=None)
        return {"view": self._shown_view(view)}

    def _views_publish(self, params: Params) -> JSON:
        user = str(params.get("user_id") or "")
        if user not in self._users:
            raise SlackApiFailure("user_not_found")
        spec = _json_param(params.get("view"))
        if not isinstance(spec, dict) or spec.get("type") != "home":
            raise SlackApiFailure("invalid_arguments")
        view = self._store_view(spec, user=user, kind="publish", view_id=self._homes.get(user))
        self._homes[user] = view["id"]
        return {"view": self._shown_view(view)}

    def _views_update(self, params: Params) -> JSON:
        view_id = str(params.get("view_id") or "")
        if not view_id and params.get("external_id"):
            for candidate in self._views.values():
                if candidate.get("external_id") == params["external_id"]:
                    view_id = candidate["id"]
        if view_id not in self._views:
            raise SlackApiFailure("not_found")
        wanted_hash = params.get("hash")
        if wanted_hash and wanted_hash != self._views[view_id]["hash"]:
            raise SlackApiFailure("hash_conflict")
        view = self._store_view(params.get("view"), user=None, kind="update", view_id=view_id)
        return {"view": self._shown_view(view)}

    def _files_info(self, params: Params) -> JSON:
        found = self._files.get(str(params.get("file") or ""))
        if found is None:
            raise SlackApiFailure("file_not_found")
        return {
            "file": copy.deepcopy(found),
            "comments": [],
            "response_metadata": {"next_cursor": ""},
        }

    def _files_get_upload_url(self, params: Params) -> JSON:
        filename = str(params.get("filename") or "")
        length = _int_param(params.get("length"), -1)
        if not filename or length < 0:
            raise SlackApiFailure("invalid_arguments")
        file_id = self._new_id("F")
        self._uploads[file_id] = {"filename": filename, "length": length, "data": None}
        return {"upload_url": f"{self.root_url}upload/{file_id}", "file_id": file_id}

    def _files_complete_upload(self, params: Params) -> JSON:
        entries = _json_param(params.get("files"))
        if not isinstance(entries, list) or not entries:
            raise SlackApiFailure("invalid_arguments")
        channel_id = str(params.get("channel_id") or "")
        channels = [c for c in str(params.get("channels") or "").split(",") if c]
        if channel_id:
            channels.insert(0, channel_id)
        targets = [self._resolve_post_channel(c) for c in channels]
        for target in targets:
            self._check_member(self._channels[target])
        done: list[JSON] = []
        for entry in entries:
            file_id = str(entry.get("id") or "")
            pending = self._uploads.get(file_id)
            if pending is None:
                raise SlackApiFailure("file_not_found")
            if pending["data"] is None:
                raise SlackApiFailure("file_upload_not_completed")
            data: bytes = pending["data"]
            if len(data) != pending["length"]:
                raise SlackApiFailure("file_upload_size_mismatch")
            name = str(pending["filename"])
            mimetype = _guess_mimetype(name)
            file = self._make_file(
                file_id, name, data, mimetype, self.bot_user_id, entry.get("title")
            )
            for target in targets:
                file[_share_key(target)].append(target)
            self._files[file_id] = file
            self._file_content[file_id] = data
            del self._uploads[file_id]
            done.append(file)
        for target in targets:
            self.add_message(
                target,
                self.bot_user_id,
                str(params.get("initial_comment") or ""),
                thread_ts=str(params["thread_ts"]) if params.get("thread_ts") else None,
                files=copy.deepcopy(done),
                subtype="file_share",
                bot=True,
            )
        return {"files": [{"id": f["id"], "title": f["title"]} for f in done]}


def _guess_mimetype(name: str) -> str:
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def _share_key(channel: str) -> str:
    """Which list of a file object names a channel it is shared in."""
    if channel.startswith("D"):
        return "ims"
    return "groups" if channel.startswith("G") else "channels"
