"""Send Slack-signed events, commands and interactions to the bot's HTTP endpoint."""

from __future__ import annotations

import hashlib
import hmac
import http.client
import itertools
import json
import re
import secrets
import time
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit

from .blockkit import check_view_response
from .server import JSON, Captured, FakeSlack


@dataclass(frozen=True)
class Response:
    """The bot's answer; unpacks as ``status, headers, body``."""

    status: int
    headers: dict[str, str]
    body: bytes
    event_id: str | None = None
    ts: str | None = None

    def __iter__(self) -> Iterator[Any]:
        return iter((self.status, self.headers, self.body))

    @property
    def text(self) -> str:
        """The body as text."""
        return self.body.decode("utf-8", "replace")

    def json(self) -> Any:
        """The body parsed as JSON (None for an empty body)."""
        return json.loads(self.body) if self.body.strip() else None


@dataclass
class Sent:
    """One request the driver sent, with the bot's answer."""

    kind: str
    payload: JSON
    response: Response
    headers: dict[str, str] = field(default_factory=dict)


class SlackDriver:
    """Play Slack towards the bot: signed Events API, slash command and interactivity requests."""

    def __init__(
        self,
        app_url: str,
        signing_secret: str,
        fake: FakeSlack,
        team_id: str | None = None,
        *,
        api_app_id: str | None = None,
        verification_token: str = "legacy-verification-token",
        timeout: float = 10.0,
    ) -> None:
        parts = urlsplit(app_url)
        if parts.hostname not in ("127.0.0.1", "localhost", "::1"):
            raise ValueError("the driver only talks to loopback")
        self.app_url = app_url
        self.signing_secret = signing_secret
        self.fake = fake
        self.team_id = team_id or fake.team_id
        self.api_app_id = api_app_id or fake.app_id
        self.verification_token = verification_token
        self.timeout = timeout
        self.sent: list[Sent] = []
        self._counter = itertools.count(1)

    # ------------------------------------------------------------------ signing and transport

    def sign(self, body: bytes | str, timestamp: int | str) -> str:
        """Slack's v0 signature of ``body`` at ``timestamp``."""
        raw = body.encode() if isinstance(body, str) else body
        base = b"v0:" + str(timestamp).encode() + b":" + raw
        digest = hmac.new(self.signing_secret.encode(), base, hashlib.sha256).hexdigest()
        return f"v0={digest}"

    def raw(self, body: bytes, headers: Mapping[str, str]) -> Response:
        """POST ``body`` with exactly ``headers`` (no signing): for signature tests."""
        parts = urlsplit(self.app_url)
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        connection = http.client.HTTPConnection(
            parts.hostname or "127.0.0.1", parts.port or 80, timeout=self.timeout
        )
        try:
            connection.request("POST", path, body=body, headers=dict(headers))
            answer = connection.getresponse()
            data = answer.read()
            return Response(
                status=answer.status,
                headers={k.lower(): v for k, v in answer.getheaders()},
                body=data,
            )
        finally:
            connection.close()

    def signed(
        self,
        body: bytes,
        content_type: str,
        *,
        timestamp: int | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Response:
        """POST ``body`` signed as Slack does (timestamp defaults to now)."""
        stamp = int(time.time()) if timestamp is None else timestamp
        all_headers = {
            "Content-Type": content_type,
            "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
            "X-Slack-Request-Timestamp": str(stamp),
            "X-Slack-Signature": self.sign(body, stamp),
        }
        all_headers.update(headers or {})
        return self.raw(body, all_headers)

    def _send_json(
        self, kind: str, payload: JSON, headers: Mapping[str, str] | None = None
    ) -> Response:
        body = json.dumps(payload).encode()
        response = self.signed(body, "application/json", headers=headers)
        self.sent.append(Sent(kind, payload, response, dict(headers or {})))
        return response

    def _send_form(self, kind: str, form: Mapping[str, str], payload: JSON) -> Response:
        body = urlencode(form).encode()
        response = self.signed(body, "application/x-www-form-urlencoded")
        self.sent.append(Sent(kind, payload, response))
        return response

    # ------------------------------------------------------------------ Events API

    def new_event_id(self) -> str:
        """A fresh, unique ``Ev…`` id."""
        return f"Ev{next(self._counter):04d}{secrets.token_hex(5).upper()}"

    def event(
        self,
        event: JSON,
        *,
        event_id: str | None = None,
        retry_num: int | None = None,
        retry_reason: str = "http_timeout",
        event_time: int | None = None,
    ) -> Response:
        """Send one event in an ``event_callback`` envelope (a retry when ``retry_num`` is set)."""
        event_id = event_id or self.new_event_id()
        envelope: JSON = {
            "token": self.verification_token,
            "team_id": self.team_id,
            "context_team_id": self.team_id,
            "context_enterprise_id": None,
            "api_app_id": self.api_app_id,
            "event": event,
            "type": "event_callback",
            "event_id": event_id,
            "event_time": int(event_time if event_time is not None else self.fake.now()),
            "authorizations": [
                {
                    "enterprise_id": None,
                    "team_id": self.team_id,
                    "user_id": self.fake.bot_user_id,
                    "is_bot": True,
                    "is_enterprise_install": False,
                }
            ],
            "is_ext_shared_channel": False,
            "event_context": f"4-{secrets.token_urlsafe(24)}",
        }
        headers: dict[str, str] = {}
        if retry_num is not None:
            headers["X-Slack-Retry-Num"] = str(retry_num)
            headers["X-Slack-Retry-Reason"] = retry_reason
        response = self._send_json(f"event:{event.get('type')}", envelope, headers)
        return Response(
            response.status,
            response.headers,
            response.body,
            event_id=event_id,
            ts=event.get("ts"),
        )

    def app_rate_limited(self, minute_rate_limited: int | None = None) -> Response:
        """Send Slack's ``app_rate_limited`` notice (events were dropped for a minute)."""
        minute = (
            int(self.fake.now()) // 60 * 60 if minute_rate_limited is None else minute_rate_limited
        )
        payload: JSON = {
            "token": self.verification_token,
            "type": "app_rate_limited",
            "team_id": self.team_id,
            "minute_rate_limited": minute,
            "api_app_id": self.api_app_id,
        }
        return self._send_json("app_rate_limited", payload)

    def url_verification(self, challenge: str = "challenge-token") -> Response:
        """Send Slack's ``url_verification`` handshake."""
        payload = {
            "token": self.verification_token,
            "challenge": challenge,
            "type": "url_verification",
        }
        return self._send_json("url_verification", payload)

    def _channel_type(self, channel: str, channel_type: str | None) -> str:
        if channel_type is not None:
            return channel_type
        return self.fake.channel_type(channel)

    def _files(self, files: list[JSON | str] | None) -> list[JSON] | None:
        if not files:
            return None
        out: list[JSON] = []
        for item in files:
            if isinstance(item, str):
                found = self.fake.file(item)
                if found is None:
                    raise KeyError(f"unknown file {item}")
                out.append(found)
            else:
                out.append(dict(item))
        return out

    def _user_message_event(self, stored: JSON, channel_type: str) -> JSON:
        event: JSON = {
            "type": "message",
            "channel": stored["channel"],
            "user": stored["user"],
            "text": stored["text"],
            "ts": stored["ts"],
            "event_ts": stored["ts"],
            "channel_type": channel_type,
            "team": self.team_id,
            "client_msg_id": stored.get("client_msg_id") or str(uuid.uuid4()),
            "blocks": _rich_text_blocks(stored["text"]),
        }
        for key in ("thread_ts", "parent_user_id", "files", "subtype", "upload", "root"):
            if key in stored:
                event[key] = stored[key]
        return event

    def _record(
        self,
        user: str,
        channel: str,
        text: str,
        *,
        thread_ts: str | None,
        ts: str | None,
        channel_type: str | None,
        files: list[JSON | str] | None,
        broadcast: bool = False,
    ) -> tuple[JSON, str]:
        kind = self._channel_type(channel, channel_type)
        if kind == "im" and self.fake.channel(channel) is None:
            raise KeyError(f"unknown DM channel {channel}; use fake.im_channel(user)")
        file_list = self._files(files)
        stored = self.fake.add_message(
            channel,
            user,
            text,
            ts=ts,
            thread_ts=thread_ts,
            files=file_list,
            subtype="file_share" if file_list else None,
            reply_broadcast=broadcast and bool(thread_ts),
        )
        if stored.get("subtype") == "thread_broadcast":
            root = self.fake.message(channel, str(thread_ts)) or {}
            root.pop("channel", None)
            stored["root"] = root
        return stored, kind

    def message(
        self,
        user: str,
        channel: str,
        text: str,
        *,
        thread_ts: str | None = None,
        ts: str | None = None,
        channel_type: str | None = None,
        files: list[JSON | str] | None = None,
        broadcast: bool = False,
    ) -> Response:
        """Store a user's message in the fake and send its ``message`` event.

        ``broadcast`` is a thread reply also sent to the channel (``thread_broadcast``).
        """
        stored, kind = self._record(
            user,
            channel,
            text,
            thread_ts=thread_ts,
            ts=ts,
            channel_type=channel_type,
            files=files,
            broadcast=broadcast,
        )
        return self.event(self._user_message_event(stored, kind))

    def bot_message(
        self, bot_id: str, channel: str, text: str, *, username: str = "Workflow"
    ) -> Response:
        """Send another app's post (``subtype: bot_message``, a ``bot_id`` and no user)."""
        ts = self.fake.next_ts()
        self.fake.add_message(channel, None, text, ts=ts, subtype="bot_message")
        event: JSON = {
            "type": "message",
            "subtype": "bot_message",
            "text": text,
            "ts": ts,
            "event_ts": ts,
            "username": username,
            "icons": {"emoji": ":robot_face:"},
            "bot_id": bot_id,
            "channel": channel,
            "channel_type": self._channel_type(channel, None),
        }
        return self.event(event)

    def mention(
        self,
        user: str,
        channel: str,
        text: str,
        *,
        thread_ts: str | None = None,
        ts: str | None = None,
        channel_type: str | None = None,
        files: list[JSON | str] | None = None,
    ) -> Response:
        """Store a message that mentions the bot; send its ``message`` and ``app_mention`` events.

        Returns the ``app_mention`` answer; both are in ``sent``. In a DM Slack sends no
        ``app_mention``, so there only the ``message`` event goes out.
        """
        stored, kind = self._record(
            user, channel, text, thread_ts=thread_ts, ts=ts, channel_type=channel_type, files=files
        )
        message_event = self._user_message_event(stored, kind)
        answer = self.event(message_event)
        if kind == "im":
            return answer
        mention: JSON = {
            key: value
            for key, value in message_event.items()
            if key not in ("channel_type", "subtype")
        }
        mention["type"] = "app_mention"
        return self.event(mention)

    def message_changed(
        self,
        user: str,
        channel: str,
        ts: str,
        text: str,
        *,
        channel_type: str | None = None,
    ) -> Response:
        """Edit a stored message in the fake and send the ``message_changed`` event."""
        previous = self.fake.update_message(channel, ts, user=user, text=text)
        current = self.fake.message(channel, ts)
        assert current is not None
        current.pop("channel", None)
        previous.pop("channel", None)
        current["blocks"] = _rich_text_blocks(text)
        event_ts = self.fake.next_ts()
        event: JSON = {
            "type": "message",
            "subtype": "message_changed",
            "hidden": True,
            "channel": channel,
            "ts": event_ts,
            "event_ts": event_ts,
            "channel_type": self._channel_type(channel, channel_type),
            "message": current,
            "previous_message": previous,
        }
        return self.event(event)

    def message_deleted(
        self, channel: str, ts: str, *, channel_type: str | None = None
    ) -> Response:
        """Delete a stored message in the fake and send the event Slack sends for it.

        A message with thread replies becomes a tombstone, announced as ``message_changed``
        (as Slack does); any other message is removed and announced as ``message_deleted``.
        """
        if self.fake.has_replies(channel, ts):
            return self._tombstone(channel, ts, channel_type)
        previous = self.fake.delete_message(channel, ts) or {"ts": ts}
        previous.pop("channel", None)
        event_ts = self.fake.next_ts()
        event: JSON = {
            "type": "message",
            "subtype": "message_deleted",
            "hidden": True,
            "channel": channel,
            "ts": event_ts,
            "deleted_ts": ts,
            "event_ts": event_ts,
            "channel_type": self._channel_type(channel, channel_type),
            "previous_message": previous,
        }
        return self.event(event)

    def _tombstone(self, channel: str, ts: str, channel_type: str | None) -> Response:
        """Send the ``message_changed`` whose message is a tombstone (a deleted thread parent)."""
        previous = self.fake.tombstone_message(channel, ts) or {"ts": ts}
        current = self.fake.message(channel, ts) or {"ts": ts}
        previous.pop("channel", None)
        current.pop("channel", None)
        event_ts = self.fake.next_ts()
        event: JSON = {
            "type": "message",
            "subtype": "message_changed",
            "hidden": True,
            "channel": channel,
            "ts": event_ts,
            "event_ts": event_ts,
            "channel_type": self._channel_type(channel, channel_type),
            "message": current,
            "previous_message": previous,
        }
        return self.event(event)

    def _reaction_event(self, kind: str, user: str, channel: str, ts: str, name: str) -> JSON:
        found = self.fake.message(channel, ts) or {}
        event: JSON = {
            "type": kind,
            "user": user,
            "reaction": name,
            "item": {"type": "message", "channel": channel, "ts": ts},
            "event_ts": self.fake.next_ts(),
        }
        if found.get("user"):
            event["item_user"] = found["user"]
        return event

    def reaction_added(self, user: str, channel: str, ts: str, name: str) -> Response:
        """Add a reaction in the fake and send ``reaction_added``."""
        self.fake.add_reaction(channel, ts, name, user)
        return self.event(self._reaction_event("reaction_added", user, channel, ts, name))

    def reaction_removed(self, user: str, channel: str, ts: str, name: str) -> Response:
        """Remove a reaction in the fake and send ``reaction_removed``."""
        self.fake.remove_reaction(channel, ts, name, user)
        return self.event(self._reaction_event("reaction_removed", user, channel, ts, name))

    def file_shared(self, user: str, file_id: str, channel: str) -> Response:
        """Send ``file_shared`` for a file already in the fake (see ``FakeSlack.add_file``)."""
        event_ts = self.fake.next_ts()
        event: JSON = {
            "type": "file_shared",
            "file_id": file_id,
            "user_id": user,
            "file": {"id": file_id},
            "channel_id": channel,
            "event_ts": event_ts,
        }
        return self.event(event)

    def app_home_opened(self, user: str, tab: str = "home") -> Response:
        """Send ``app_home_opened`` (with the current Home view when there is one)."""
        event: JSON = {
            "type": "app_home_opened",
            "user": user,
            "channel": self.fake.im_channel(user),
            "tab": tab,
            "event_ts": self.fake.next_ts(),
        }
        home = self.fake.home(user)
        if home is not None:
            home.pop("user", None)
            event["view"] = home
        return self.event(event)

    def member_joined_channel(
        self, user: str, channel: str, *, inviter: str | None = None
    ) -> Response:
        """Add a member in the fake and send ``member_joined_channel``."""
        self.fake.add_member(channel, user)
        event: JSON = {
            "type": "member_joined_channel",
            "user": user,
            "channel": channel,
            "channel_type": "G" if self.fake.channel_type(channel) == "group" else "C",
            "team": self.team_id,
            "event_ts": self.fake.next_ts(),
        }
        if inviter:
            event["inviter"] = inviter
        return self.event(event)

    # ------------------------------------------------------------------ slash commands

    def _user_name(self, user: str) -> str:
        found = self.fake.user(user)
        return str(found["name"]) if found else user.lower()

    def _channel_name(self, channel: str) -> str:
        found = self.fake.channel(channel)
        if found is None:
            return channel
        if found.get("is_im"):
            return "directmessage"
        return str(found.get("name") or channel)

    def _trigger(self, user: str, trigger_id: str | None) -> str:
        if trigger_id is None:
            return self.fake.new_trigger_id(user)
        self.fake.register_trigger_id(trigger_id, user)
        return trigger_id

    def command(
        self,
        user: str,
        text: str,
        *,
        channel: str,
        command: str = "/referent",
        response_url: str | None = None,
        trigger_id: str | None = None,
    ) -> Response:
        """Send a slash command, form-encoded as Slack does."""
        form = {
            "token": self.verification_token,
            "team_id": self.team_id,
            "team_domain": self.fake.team_domain,
            "channel_id": channel,
            "channel_name": self._channel_name(channel),
            "user_id": user,
            "user_name": self._user_name(user),
            "command": command,
            "text": text,
            "api_app_id": self.api_app_id,
            "is_enterprise_install": "false",
            "response_url": response_url or self.fake.new_response_url(channel=channel, user=user),
            "trigger_id": self._trigger(user, trigger_id),
        }
        return self._send_form(f"command:{command}", form, dict(form))

    # ------------------------------------------------------------------ interactivity

    def _user_obj(self, user: str) -> JSON:
        name = self._user_name(user)
        return {"id": user, "username": name, "name": name, "team_id": self.team_id}

    def _team_obj(self) -> JSON:
        return {"id": self.team_id, "domain": self.fake.team_domain}

    def _interaction(self, kind: str, payload: JSON) -> Response:
        return self._send_form(kind, {"payload": json.dumps(payload)}, payload)

    def _action_ts(self) -> str:
        return self.fake.next_ts()

    def block_action(
        self,
        user: str,
        action_id: str,
        value: str | None = None,
        *,
        channel: str | None = None,
        message_ts: str | None = None,
        view: JSON | str | None = None,
        block_id: str | None = None,
        trigger_id: str | None = None,
        action: Mapping[str, Any] | None = None,
        state_values: JSON | None = None,
    ) -> Response:
        """Send a ``block_actions`` payload from a message (channel+message_ts) or a view.

        ``action`` overrides fields of the action (e.g. a select's ``selected_option``).
        """
        the_action: JSON = {
            "action_id": action_id,
            "block_id": block_id or secrets.token_hex(3),
            "type": "button",
            "action_ts": self._action_ts(),
        }
        if value is not None:
            the_action["value"] = value
        the_action.update(action or {})
        payload: JSON = {
            "type": "block_actions",
            "user": self._user_obj(user),
            "api_app_id": self.api_app_id,
            "token": self.verification_token,
            "trigger_id": self._trigger(user, trigger_id),
            "team": self._team_obj(),
            "enterprise": None,
            "is_enterprise_install": False,
            "state": {"values": state_values or {}},
            "actions": [the_action],
        }
        if view is not None:
            view_obj = self.fake.view(view) if isinstance(view, str) else dict(view)
            if view_obj is None:
                raise KeyError(f"unknown view {view}")
            view_obj.pop("user", None)
            if state_values is not None:
                view_obj["state"] = {"values": state_values}
            payload["view"] = view_obj
            payload["container"] = {"type": "view", "view_id": view_obj.get("id")}
        if channel is not None:
            payload["channel"] = {"id": channel, "name": self._channel_name(channel)}
            if message_ts is not None:
                message = self.fake.message(channel, message_ts) or {"ts": message_ts}
                message.pop("channel", None)
                payload["message"] = message
                payload["container"] = {
                    "type": "message",
                    "message_ts": message_ts,
                    "channel_id": channel,
                    "is_ephemeral": False,
                }
                thread_ts = message.get("thread_ts")
                if thread_ts:
                    payload["container"]["thread_ts"] = thread_ts
            payload["response_url"] = self.fake.new_response_url(
                channel=channel,
                user=user,
                message_ts=message_ts,
                thread_ts=None,
            )
        return self._interaction(f"block_actions:{action_id}", payload)

    def _latest_view(self, user: str, callback_id: str) -> JSON | None:
        for record in reversed(self.fake.views(user=user)):
            current = self.fake.view(str(record["view_id"]))
            if (
                current
                and current.get("type") == "modal"
                and current.get("callback_id") == callback_id
            ):
                return current
        return None

    def view_submission(
        self,
        user: str,
        callback_id: str,
        state_values: JSON,
        *,
        private_metadata: str = "",
        view_id: str | None = None,
    ) -> Response:
        """Send a ``view_submission`` for a modal (by default the user's latest with ``callback_id``).

        An empty ``private_metadata`` keeps the one the bot set on the view.
        """
        stored = self.fake.view(view_id) if view_id else self._latest_view(user, callback_id)
        view: JSON = stored or {
            "id": view_id or f"V{secrets.token_hex(5).upper()}",
            "team_id": self.team_id,
            "type": "modal",
            "blocks": [],
            "title": {"type": "plain_text", "text": "Referent"},
            "private_metadata": "",
            "app_id": self.api_app_id,
            "bot_id": self.fake.bot_id,
        }
        view.pop("user", None)
        view["callback_id"] = callback_id
        view["state"] = {"values": state_values}
        if private_metadata:
            view["private_metadata"] = private_metadata
        view.setdefault("root_view_id", view["id"])
        payload: JSON = {
            "type": "view_submission",
            "team": self._team_obj(),
            "user": self._user_obj(user),
            "api_app_id": self.api_app_id,
            "token": self.verification_token,
            "trigger_id": self.fake.new_trigger_id(user),
            "view": view,
            "response_urls": [],
            "is_enterprise_install": False,
            "enterprise": None,
        }
        response = self._interaction(f"view_submission:{callback_id}", payload)
        self._check_view_answer(view, response)
        return response

    def _check_view_answer(self, view: JSON, response: Response) -> None:
        """Hold the bot's answer to a submission to Slack's rules (into the fake's recorder)."""
        try:
            answer = json.loads(response.body) if response.body else None
        except ValueError:
            return
        if not isinstance(answer, dict) or "response_action" not in answer:
            return
        problems = check_view_response(view, answer)
        self.fake.recorder.add(
            Captured(
                surface="view_response",
                method=f"response_action:{answer['response_action']}",
                payload=answer,
                problems=tuple(problems),
            )
        )

    def view_closed(self, user: str, view_id: str) -> Response:
        """Send ``view_closed`` for a modal opened with ``notify_on_close``."""
        view = self.fake.view(view_id)
        if view is None:
            raise KeyError(f"unknown view {view_id}")
        view.pop("user", None)
        payload: JSON = {
            "type": "view_closed",
            "team": self._team_obj(),
            "user": self._user_obj(user),
            "api_app_id": self.api_app_id,
            "token": self.verification_token,
            "view": view,
            "is_cleared": False,
            "is_enterprise_install": False,
        }
        return self._interaction(f"view_closed:{view.get('callback_id')}", payload)

    def message_shortcut(
        self, user: str, callback_id: str, channel: str, message: JSON
    ) -> Response:
        """Send a ``message_action`` (message shortcut) on ``message``."""
        shown = dict(message)
        shown.pop("channel", None)
        ts = str(shown.get("ts") or "")
        payload: JSON = {
            "type": "message_action",
            "token": self.verification_token,
            "action_ts": self._action_ts(),
            "team": self._team_obj(),
            "user": self._user_obj(user),
            "channel": {"id": channel, "name": self._channel_name(channel)},
            "is_enterprise_install": False,
            "enterprise": None,
            "callback_id": callback_id,
            "trigger_id": self.fake.new_trigger_id(user),
            "response_url": self.fake.new_response_url(
                channel=channel, user=user, message_ts=ts or None
            ),
            "message_ts": ts,
            "message": shown,
        }
        return self._interaction(f"message_action:{callback_id}", payload)

    def global_shortcut(self, user: str, callback_id: str) -> Response:
        """Send a global ``shortcut``."""
        payload: JSON = {
            "type": "shortcut",
            "token": self.verification_token,
            "action_ts": self._action_ts(),
            "team": self._team_obj(),
            "user": self._user_obj(user),
            "is_enterprise_install": False,
            "enterprise": None,
            "callback_id": callback_id,
            "trigger_id": self.fake.new_trigger_id(user),
        }
        return self._interaction(f"shortcut:{callback_id}", payload)


_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>|<#(C[A-Z0-9]+|G[A-Z0-9]+)(?:\|[^>]*)?>")


def _rich_text_blocks(text: str) -> list[JSON]:
    """The rich_text block Slack attaches to a plain user message (mentions as their own elements)."""
    elements: list[JSON] = []
    position = 0
    for match in _MENTION.finditer(text):
        if match.start() > position:
            elements.append({"type": "text", "text": text[position : match.start()]})
        if match.group(1):
            elements.append({"type": "user", "user_id": match.group(1)})
        else:
            elements.append({"type": "channel", "channel_id": match.group(2)})
        position = match.end()
    if position < len(text):
        elements.append({"type": "text", "text": text[position:]})
    return [
        {
            "type": "rich_text",
            "block_id": secrets.token_hex(3),
            "elements": [{"type": "rich_text_section", "elements": elements}],
        }
    ]
