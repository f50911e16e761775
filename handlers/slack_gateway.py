"""The Notifier and Directory ports, implemented on slack_sdk's WebClient."""

from __future__ import annotations

import functools
import http.client
import logging
import threading
import time
import urllib.request
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlsplit

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

from bot.errors import TransientError, UserError
from bot.ports import (
    Message,
    Posted,
    SlackUser,
    check_before_posting,
    current_team,
    next_post_key,
)
from bot.render import escape
from bot.settings import Settings

log = logging.getLogger(__name__)


POST_ATTEMPTS = 5
#: Keyed posts remembered per process (a second sender of a key finds it without a call).
POSTED_KEYS_KEPT = 5000
POST_EVENT_TYPE = "referent_post"


def make_web_client(settings: Settings, token: str | None = None) -> WebClient:
    """Build the WebClient: our API base URL and retries for 429, 5xx and dropped connections."""
    return WebClient(
        token=token or settings.slack_bot_token,
        base_url=settings.slack_api_url,
        timeout=15,
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=3),
            RateLimitErrorRetryHandler(max_retry_count=3),
            ServerErrorRetryHandler(max_retry_count=3),
        ],
    )


class _SlackOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a file download's redirect, dropping the token when it leaves Slack's hosts."""

    def __init__(self, allowed: Callable[[str], bool]) -> None:
        super().__init__()
        self.allowed = allowed

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: Any,
        code: int,
        msg: str,
        headers: Any,
        newurl: str,
    ) -> urllib.request.Request | None:
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None and not self.allowed(newurl):
            new.remove_header("Authorization")
        return new


#: How often a lookup that Slack rate-limited is tried again (each after its Retry-After).
RATE_LIMIT_ATTEMPTS = 6


def honour_retry_after(call: Callable[[], Any], *, attempts: int = RATE_LIMIT_ATTEMPTS) -> Any:
    """Run a Web API call; on 429 wait the ``Retry-After`` Slack asks for and try again.

    Lookups run per member (users.info); under a large group they meet
    Slack's per-method tiers, and waiting as told is the documented way through.
    """
    for attempt in range(1, attempts + 1):
        try:
            return call()
        except SlackApiError as exc:
            if exc.response.status_code != 429 or attempt == attempts:
                raise
            wait = float(exc.response.headers.get("Retry-After") or 1)
            log.info("slack: rate limited, waiting %.1f s as asked", wait)
            time.sleep(wait)
    raise AssertionError("unreachable")


def _kwargs(message: Message) -> dict[str, Any]:
    kwargs: dict[str, Any] = {"text": message.text}
    if message.blocks is not None:
        kwargs["blocks"] = message.blocks
    if message.metadata is not None:
        kwargs["metadata"] = message.metadata
    return kwargs


_T = TypeVar("_T")
_BLOCK_ERRORS = frozenset({"invalid_blocks", "invalid_blocks_format"})


def _text_if_blocks_refused(send: Callable[[dict[str, Any]], _T], kwargs: dict[str, Any]) -> _T:
    """Send; when Slack refuses the blocks, send the text alone rather than nothing."""
    try:
        return send(kwargs)
    except SlackApiError as exc:
        if exc.response.get("error") not in _BLOCK_ERRORS or "blocks" not in kwargs:
            raise
        log.warning("Slack refused the blocks (%s); sending the text only", exc.response["error"])
        return send({name: value for name, value in kwargs.items() if name != "blocks"})


class SlackWebGateway:
    """Talk to Slack's Web API for the use cases (posting) and for lookups."""

    def __init__(
        self,
        client: WebClient,
        *,
        retry_wait: float = 1.0,
        tokens: Callable[[str], str | None] | None = None,
        team_of: Callable[[str], str | None] | None = None,
    ) -> None:
        self.client = client
        self.retry_wait = retry_wait
        # With several workspaces, each call uses the bot token of the workspace the
        # target channel or person belongs to (or the one the current work is for).
        self._tokens = tokens
        self._team_of = team_of
        self._clients: dict[str | None, tuple[WebClient, WebClient]] = {}
        self._teams: dict[str, str] = {}
        self._bot_user_ids: dict[str | None, str] = {}
        self._users: dict[tuple[str | None, str], SlackUser] = {}
        self._dm_channels: dict[tuple[str | None, str], str] = {}
        self._lock = threading.Lock()
        self._guard = threading.Lock()
        # Keyed posts in flight (one sender per key) and the last keys posted.
        self._sending: dict[str, tuple[threading.Lock, int]] = {}
        self._posted: OrderedDict[str, Posted] = OrderedDict()

    def _pair(self, target: str | None = None) -> tuple[WebClient, WebClient]:
        """Return (client, client without retries) for the workspace of a target."""
        token = self.client.token
        if self._tokens is not None:
            team = current_team() or (self._team_for(target) if target else None)
            token = self._tokens(team) if team else None
            if token is None:
                raise TransientError(f"no installation for workspace {team!r}")
        with self._lock:
            pair = self._clients.get(token)
            if pair is None:
                normal = (
                    self.client
                    if token == self.client.token
                    else WebClient(
                        token=token,
                        base_url=self.client.base_url,
                        timeout=self.client.timeout,
                        retry_handlers=list(self.client.retry_handlers),
                    )
                )
                # Keyed posts are retried here, not by the client: before each retry the
                # channel is checked for the post, as a failed answer is not a failed post.
                single = WebClient(
                    token=token,
                    base_url=self.client.base_url,
                    timeout=self.client.timeout,
                    retry_handlers=[],
                )
                pair = (normal, single)
                self._clients[token] = pair
        return pair

    def _api(self, target: str | None = None) -> WebClient:
        return self._pair(target)[0]

    def _team_for(self, target: str) -> str | None:
        known = self._teams.get(target)
        if known is not None:
            return known
        return self._team_of(target) if self._team_of is not None else None

    # Notifier

    def post(self, channel: str, message: Message, *, thread_ts: str | None = None) -> Posted:
        """Post a message to a channel (or a thread in it), never twice for one key."""
        key = next_post_key()
        if key is None:
            api = self._api(channel)
            response = _text_if_blocks_refused(
                lambda kw: api.chat_postMessage(
                    channel=channel, thread_ts=thread_ts, unfurl_links=False, **kw
                ),
                _kwargs(message),
            )
            return Posted(channel=str(response["channel"]), ts=str(response["ts"]))
        return self._post_once(channel, message, thread_ts, key)

    def _post_once(self, channel: str, message: Message, thread_ts: str | None, key: str) -> Posted:
        """Post under a key; within this process one sender per key at a time.

        Why: a post that failed is retried in the background while the next tick may
        deliver the same owed post; the second sender waits for the first and then
        finds its message instead of posting it again.
        """
        with self._guard:
            lock, users = self._sending.get(key, (threading.Lock(), 0))
            self._sending[key] = (lock, users + 1)
        try:
            with lock:
                with self._guard:
                    done = self._posted.get(key)
                if done is not None:
                    return done
                posted = self._post_keyed(channel, message, thread_ts, key)
                with self._guard:
                    self._posted[key] = posted
                    while len(self._posted) > POSTED_KEYS_KEPT:
                        self._posted.popitem(last=False)
                return posted
        finally:
            with self._guard:
                lock, users = self._sending[key]
                if users <= 1:
                    del self._sending[key]
                else:
                    self._sending[key] = (lock, users - 1)

    def _post_keyed(
        self, channel: str, message: Message, thread_ts: str | None, key: str
    ) -> Posted:
        if check_before_posting():
            found = self._find_posted(channel, thread_ts, key)
            if found is not None:
                return found
        kwargs = _kwargs(message)
        kwargs["metadata"] = {"event_type": POST_EVENT_TYPE, "event_payload": {"key": key}}
        client = self._pair(channel)[1]
        for attempt in range(1, POST_ATTEMPTS + 1):
            wait = self.retry_wait * attempt
            try:
                response = _text_if_blocks_refused(
                    lambda kw: client.chat_postMessage(
                        channel=channel, thread_ts=thread_ts, unfurl_links=False, **kw
                    ),
                    kwargs,
                )
                return Posted(channel=str(response["channel"]), ts=str(response["ts"]))
            except SlackApiError as exc:
                status = exc.response.status_code
                if status == 429:
                    wait = float(exc.response.headers.get("Retry-After", wait) or wait)
                elif status < 500:
                    raise
            except (OSError, TimeoutError, http.client.HTTPException) as exc:
                log.warning("post to %s failed (%s); checking before retrying", channel, exc)
            if attempt == POST_ATTEMPTS:
                break
            found = self._find_posted(channel, thread_ts, key)
            if found is not None:
                return found
            time.sleep(wait)
        found = self._find_posted(channel, thread_ts, key)
        if found is not None:
            return found
        raise TransientError(f"could not post to {channel} after {POST_ATTEMPTS} attempts")

    def _find_posted(self, channel: str, thread_ts: str | None, key: str) -> Posted | None:
        """Look for a message the bot posted under a key among the channel's recent ones."""
        try:
            channel = self._history_channel(channel)
            if thread_ts:
                response = self._pair(channel)[1].conversations_replies(
                    channel=channel, ts=thread_ts, limit=200, include_all_metadata=True
                )
            else:
                response = self._pair(channel)[1].conversations_history(
                    channel=channel, limit=100, include_all_metadata=True
                )
        except (SlackApiError, OSError, TimeoutError, http.client.HTTPException):
            return None
        for found in response.get("messages") or []:
            metadata = found.get("metadata") or {}
            if (metadata.get("event_payload") or {}).get("key") == key:
                return Posted(channel=channel, ts=str(found["ts"]))
        return None

    def update(self, channel: str, ts: str, message: Message) -> None:
        """Replace a message the bot posted earlier."""
        api = self._api(channel)
        _text_if_blocks_refused(
            lambda kw: api.chat_update(channel=channel, ts=ts, **kw), _kwargs(message)
        )

    def ephemeral(
        self, channel: str, user: str, message: Message, *, thread_ts: str | None = None
    ) -> None:
        """Show a message to one person; fall back to a DM when the channel refuses."""
        try:
            api = self._api(channel)
            _text_if_blocks_refused(
                lambda kw: api.chat_postEphemeral(
                    channel=channel, user=user, thread_ts=thread_ts, **kw
                ),
                _kwargs(message),
            )
        except SlackApiError as exc:
            if exc.response.get("error") in (
                "channel_not_found",
                "not_in_channel",
                "user_not_in_channel",
            ):
                self.dm(user, message)
            else:
                raise

    def dm(self, user: str, message: Message) -> Posted:
        """Send a direct message to a person: posted to their user id, no conversations.open.

        With a bot token Slack posts a message addressed to a user id in the person's DM
        with the app (its Messages tab) and answers with that DM's ``D…`` id, which is
        remembered for finding a keyed post again. Only a re-run that must look for an
        earlier post first, with the DM not yet known here, opens it to read its history.
        """
        team = current_team() or self._team_for(user)
        channel = self._dm_channels.get((team, user))
        if channel is None and check_before_posting():
            channel = self._open_dm(user, team)
        posted = self.post(channel or user, message)
        self._dm_channels[(team, user)] = posted.channel
        if team is not None:
            self._teams[posted.channel] = team
        return posted

    def _open_dm(self, user: str, team: str | None) -> str:
        """Open (find) the DM channel with a person: only to read its history."""
        client = self._api(user)
        opened = honour_retry_after(lambda: client.conversations_open(users=[user]))
        channel = str(opened["channel"]["id"])
        self._dm_channels[(team, user)] = channel
        if team is not None:
            self._teams[channel] = team
        return channel

    def _history_channel(self, channel: str) -> str:
        """Return the channel whose history holds a post addressed to ``channel``.

        A post to a user id lands in the DM; conversations.history wants the ``D…`` id.
        """
        if not channel.startswith(("U", "W")):
            return channel
        team = current_team() or self._team_for(channel)
        return self._dm_channels.get((team, channel)) or self._open_dm(channel, team)

    def permalink(self, channel: str, ts: str) -> str | None:
        """Return a link to a message, or None when Slack cannot give one."""
        try:
            response = self._api(channel).chat_getPermalink(channel=channel, message_ts=ts)
        except SlackApiError:
            return None
        link = response.get("permalink")
        return str(link) if link else None

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
        """Share a file in a channel and return its file id."""
        kwargs: dict[str, Any] = {
            "channel": channel,
            "filename": filename,
            "content": content,
            "title": title or filename,
        }
        if thread_ts:
            kwargs["thread_ts"] = thread_ts
        if comment:
            kwargs["initial_comment"] = comment
        response = self._api(channel).files_upload_v2(**kwargs)
        file = response.get("file") or {}
        return str(file.get("id")) if file.get("id") else None

    # Directory

    def bot_user_id(self) -> str | None:
        """Return the bot's own user id (asked once)."""
        team = current_team()
        known = self._bot_user_ids.get(team)
        if known is None:
            try:
                known = str(self._api().auth_test()["user_id"])
            except (SlackApiError, TransientError):
                return None
            self._bot_user_ids[team] = known
        return known

    def user(self, user_id: str) -> SlackUser | None:
        """Return a user's profile, or None when Slack does not know them."""
        cache_key = (current_team(), user_id)
        cached = self._users.get(cache_key)
        if cached is not None:
            return cached
        try:
            client = self._api(user_id)
            response = honour_retry_after(
                lambda: client.users_info(user=user_id, include_locale=True)
            )
        except SlackApiError as exc:
            error = exc.response.get("error")
            if error in ("user_not_found", "users_not_found"):
                return None
            if error == "user_not_visible":
                # Someone from another organisation in a shared channel whose profile this
                # workspace may not read: a person all the same, named by their id.
                hidden = SlackUser(user_id, user_id, user_id, None, None, None, False)
                self._users[cache_key] = hidden
                return hidden
            raise
        data = response["user"]
        profile = data.get("profile") or {}
        user = SlackUser(
            id=user_id,
            name=str(data.get("name") or user_id),
            real_name=str(
                profile.get("real_name") or data.get("real_name") or data.get("name") or user_id
            ),
            title=profile.get("title") or None,
            tz=data.get("tz"),
            locale=data.get("locale"),
            is_bot=bool(data.get("is_bot")),
            deleted=bool(data.get("deleted")),
        )
        self._users[cache_key] = user
        return user

    def channel_members(self, channel: str) -> list[str]:
        """Return every member of a channel (all pages)."""
        members: list[str] = []
        cursor: str | None = None
        while True:
            response = honour_retry_after(
                functools.partial(
                    self._api(channel).conversations_members,
                    channel=channel,
                    cursor=cursor,
                    limit=200,
                )
            )
            members.extend(str(member) for member in response.get("members") or [])
            cursor = (response.get("response_metadata") or {}).get("next_cursor") or None
            if not cursor:
                return members

    def reactions(self, channel: str, ts: str) -> dict[str, list[str]]:
        """Return the reactions on a message: emoji name → user ids."""
        response = self._api(channel).reactions_get(channel=channel, timestamp=ts, full=True)
        message = response.get("message") or {}
        return {
            str(r["name"]): [str(u) for u in r.get("users", [])]
            for r in message.get("reactions", [])
        }

    def _slack_file_host(self, url: str) -> bool:
        """Tell whether a URL is on Slack's own file hosts (the only place the token may go)."""
        parts = urlsplit(url)
        api = urlsplit(str(self.client.base_url))
        if parts.netloc and parts.netloc == api.netloc and parts.scheme == api.scheme:
            return True  # the Web API's own host (a test or proxy base URL)
        host = (parts.hostname or "").lower()
        return parts.scheme == "https" and (host == "slack.com" or host.endswith(".slack.com"))

    def download(self, file_id: str, max_bytes: int) -> tuple[str, bytes]:
        """Download a shared file with the bot token; return (name, content)."""
        client = self._api()
        info = client.files_info(file=file_id)["file"]
        name = str(info.get("name") or file_id)
        size = int(info.get("size") or 0)
        if size > max_bytes:
            raise UserError("file.too_large", name=escape(name), limit_mb=max_bytes // 1_000_000)
        if info.get("is_external") or info.get("mode") == "external":
            # A Google Drive or OneDrive link shared in Slack: the content is not on Slack.
            raise UserError("file.external", name=escape(name))
        url = info.get("url_private_download") or info.get("url_private")
        if not url:
            raise UserError("file.not_downloadable", name=escape(name))
        if not self._slack_file_host(str(url)):
            log.warning("slack: not sending the bot token to %s", urlsplit(str(url)).hostname)
            raise UserError("file.external", name=escape(name))
        request = urllib.request.Request(
            str(url), headers={"Authorization": f"Bearer {client.token}"}
        )
        opener = urllib.request.build_opener(_SlackOnlyRedirects(self._slack_file_host))
        with opener.open(request, timeout=30) as response:
            content = response.read(max_bytes + 1)
        if len(content) > max_bytes:
            raise UserError("file.too_large", name=escape(name), limit_mb=max_bytes // 1_000_000)
        return name, content
