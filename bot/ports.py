"""Ports the use cases talk to instead of Slack or the system clock."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol


@dataclass(frozen=True)
class Message:
    """A message to post: fallback text plus optional Block Kit blocks."""

    text: str
    blocks: list[dict[str, Any]] | None = None
    metadata: dict[str, Any] | None = field(default=None)


@dataclass(frozen=True)
class Posted:
    """Where a posted message landed."""

    channel: str
    ts: str


@dataclass(frozen=True)
class SlackUser:
    """What Slack tells about a user."""

    id: str
    name: str
    real_name: str
    title: str | None
    tz: str | None
    locale: str | None
    is_bot: bool
    #: A deactivated account: not a member, does not vote.
    deleted: bool = False


class Clock(Protocol):
    """The source of "now"; fixed in tests."""

    def now(self) -> datetime:
        """Return the current time, timezone-aware."""
        ...


class SystemClock:
    """The real clock."""

    def now(self) -> datetime:
        """Return the current UTC time."""
        return datetime.now(UTC)


class FixedClock:
    """A clock that stands still until moved; for tests, the demo and ``referent tick``."""

    def __init__(self, at: datetime) -> None:
        if at.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._at = at

    def now(self) -> datetime:
        """Return the fixed time."""
        return self._at

    def set(self, at: datetime) -> None:
        """Move the clock to a new time."""
        if at.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._at = at


class Notifier(Protocol):
    """Posts the bot's messages; the only way use cases reach people."""

    def post(self, channel: str, message: Message, *, thread_ts: str | None = None) -> Posted:
        """Post a message to a channel (or a thread in it)."""
        ...

    def update(self, channel: str, ts: str, message: Message) -> None:
        """Replace a message the bot posted earlier."""
        ...

    def ephemeral(
        self, channel: str, user: str, message: Message, *, thread_ts: str | None = None
    ) -> None:
        """Show a message to one person in a channel."""
        ...

    def dm(self, user: str, message: Message) -> Posted:
        """Send a direct message to a person."""
        ...

    def permalink(self, channel: str, ts: str) -> str | None:
        """Return a link to a message, or None when Slack cannot give one."""
        ...

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
        ...


class Directory(Protocol):
    """Reads what Slack knows: people, channel members, reactions and files."""

    def user(self, user_id: str) -> SlackUser | None:
        """Return a user's profile, or None when Slack does not know them."""
        ...

    def channel_members(self, channel: str) -> list[str]:
        """Return every member of a channel (all pages)."""
        ...

    def reactions(self, channel: str, ts: str) -> dict[str, list[str]]:
        """Return the reactions on a message: emoji name → user ids."""
        ...

    def download(self, file_id: str, max_bytes: int) -> tuple[str, bytes]:
        """Download a shared file with the bot token; return (name, content)."""
        ...

    def bot_user_id(self) -> str | None:
        """Return the bot's own user id."""
        ...


@dataclass
class PostScope:
    """Idempotency keys for the posts of one unit of timed work.

    A job that is retried (its first run failed, or the process died) makes the same
    posts in the same order, so the n-th post of the job gets the same key each time;
    the gateway looks a key up in the channel before posting again.
    """

    key: str
    count: int = 0
    #: Look each key up before the first attempt too: the work ran before and its process
    #: may have died after Slack took a post but before the database recorded it.
    check_first: bool = False

    def next_key(self) -> str:
        """Return the key of the next post of this scope."""
        self.count += 1
        return f"{self.key}#{self.count}"


_POST_SCOPE: ContextVar[PostScope | None] = ContextVar("referent_post_scope", default=None)


@contextmanager
def idempotent_posts(key: str, *, check_first: bool = False) -> Iterator[PostScope]:
    """Give every post made inside the block a stable idempotency key derived from ``key``."""
    scope = PostScope(key, check_first=check_first)
    token = _POST_SCOPE.set(scope)
    try:
        yield scope
    finally:
        _POST_SCOPE.reset(token)


def next_post_key() -> str | None:
    """Return the idempotency key of the next post, or None outside a scope."""
    scope = _POST_SCOPE.get()
    return scope.next_key() if scope is not None else None


def in_post_scope() -> bool:
    """Tell whether posts made now already get idempotency keys from a scope."""
    return _POST_SCOPE.get() is not None


def check_before_posting() -> bool:
    """Tell whether keyed posts must be looked up in Slack before their first attempt."""
    scope = _POST_SCOPE.get()
    return scope is not None and scope.check_first


_TEAM: ContextVar[str | None] = ContextVar("referent_team", default=None)


@contextmanager
def acting_for_team(team_id: str | None) -> Iterator[None]:
    """Mark the Slack workspace the work inside the block is done for (several workspaces)."""
    token = _TEAM.set(team_id)
    try:
        yield
    finally:
        _TEAM.reset(token)


def current_team() -> str | None:
    """Return the workspace the current work is for, when one was marked."""
    return _TEAM.get()
