"""The message grammar: route what a person wrote to the use case that serves it.

The same words work after ``/referent``, after an @-mention and in a DM. Each feature
registers its command words (Danish and English) and, for free-text forms such as
"kan ikke komme 15/3", patterns; whatever matches nothing goes to the fallback
(the archive question) or, for slash commands, to the help text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from bot.ports import Message

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from bot.services import Services

RequestSource = Literal["slash", "mention", "dm", "shortcut", "console"]


class AlreadyProcessed(Exception):
    """The request's Slack event was processed before; do nothing and say nothing."""


@dataclass
class Request:
    """One thing a person asked of the bot, however it arrived."""

    channel_id: str
    user_id: str
    text: str
    source: RequestSource
    team_id: str | None = None
    ts: str | None = None
    thread_ts: str | None = None
    event_key: str | None = None
    files: list[dict[str, Any]] = field(default_factory=list)
    trigger_id: str | None = None
    channel_type: str | None = None
    claimed: bool = False

    @property
    def in_dm(self) -> bool:
        """Tell whether the request came through a direct message with the bot."""
        return self.channel_type == "im" or self.channel_id.startswith("D")

    def claim(self, session: Session, now: Any) -> None:
        """Record the request's event in this transaction; raise if it was handled before."""
        from storage.repositories import EventLog

        if self.event_key is None or self.claimed:
            return
        if not EventLog(session).claim(self.event_key, self.source, now):
            raise AlreadyProcessed(self.event_key)
        self.claimed = True


@dataclass
class Reply:
    """What the bot answers: in a thread or ephemerally, or for slash commands in channel."""

    message: Message
    ephemeral: bool = False
    in_channel: bool = False
    broadcast: bool = False


Handler = Callable[["Services", Request, str], Reply | None]


@dataclass
class ReactionEvent:
    """A reaction added to or removed from a message."""

    user_id: str
    channel_id: str
    ts: str
    reaction: str
    added: bool
    event_key: str | None = None
    item_user: str | None = None


@dataclass
class MessageEvent:
    """A message not addressed to the bot: a thread reply, an edit or a deletion."""

    channel_id: str
    user_id: str | None
    text: str
    ts: str
    thread_ts: str | None = None
    subtype: str | None = None
    event_key: str | None = None
    channel_type: str | None = None
    files: list[dict[str, Any]] = field(default_factory=list)


ReactionListener = Callable[["Services", ReactionEvent], bool]
MessageListener = Callable[["Services", MessageEvent], bool]
HomeSection = Callable[["Services", str], list[dict[str, Any]]]


@dataclass(frozen=True)
class Command:
    """A command word (with its aliases) and its handler."""

    name: str
    words: tuple[str, ...]
    handler: Handler


@dataclass(frozen=True)
class Pattern:
    """A free-text form that routes to a handler; lower priority numbers win."""

    regex: re.Pattern[str]
    handler: Handler
    priority: int


def normalise_word(word: str) -> str:
    """Fold a command word for lookup: lowercase, no trailing colon or punctuation."""
    return word.casefold().strip().rstrip(":,.!?")


class Router:
    """Map command words and patterns to handlers."""

    def __init__(self) -> None:
        self._commands: dict[str, Command] = {}
        self._by_name: dict[str, Command] = {}
        self._patterns: list[Pattern] = []
        self._fallback: Handler | None = None
        self._help: Handler | None = None
        self.reaction_listeners: list[ReactionListener] = []
        self.message_listeners: list[MessageListener] = []
        self.home_sections: list[tuple[int, HomeSection]] = []

    def on_reaction(self, listener: ReactionListener) -> None:
        """Add a listener for reactions; it returns True when the reaction was its business."""
        self.reaction_listeners.append(listener)

    def on_message(self, listener: MessageListener) -> None:
        """Add a listener for messages not addressed to the bot (thread replies, edits)."""
        self.message_listeners.append(listener)

    def home_section(self, section: HomeSection, *, order: int = 100) -> None:
        """Add a section to the App Home tab; lower order comes first."""
        self.home_sections.append((order, section))
        self.home_sections.sort(key=lambda entry: entry[0])

    def command(self, name: str, words: Sequence[str], handler: Handler) -> None:
        """Register a command under its words; the first word is the canonical Danish one."""
        command = Command(name=name, words=tuple(words), handler=handler)
        for word in command.words:
            key = normalise_word(word)
            if key in self._commands:
                raise ValueError(f"command word {word!r} registered twice")
            self._commands[key] = command
        self._by_name[name] = command

    def pattern(self, regex: str, handler: Handler, *, priority: int = 100) -> None:
        """Register a free-text form (a regular expression matched at the start)."""
        self._patterns.append(Pattern(re.compile(regex, re.IGNORECASE), handler, priority))
        self._patterns.sort(key=lambda p: p.priority)

    def fallback(self, handler: Handler) -> None:
        """Set the handler for free text that matches nothing (the archive question)."""
        self._fallback = handler

    def help(self, handler: Handler) -> None:
        """Set the help handler, used for unknown slash subcommands."""
        self._help = handler

    def names(self) -> list[str]:
        """Return the canonical names of the registered commands."""
        return list(self._by_name)

    def words(self) -> dict[str, str]:
        """Return every command word mapped to its command's name."""
        return {word: command.name for word, command in self._commands.items()}

    def route(self, text: str, *, slash: bool) -> tuple[Handler, str] | None:
        """Return the handler for a text and the text it should see (after the word)."""
        stripped = text.strip()
        first, _, rest = stripped.partition(" ")
        if ":" in first and not first.endswith(":"):
            # "punkt:Budget" written without a space after the colon.
            first, _, tail = first.partition(":")
            rest = (tail + " " + rest).strip()
        command = self._commands.get(normalise_word(first)) if first else None
        if first:
            # Two-word commands such as "mine opgaver" (and "referat skriv" before "referat").
            second, _, rest2 = rest.strip().partition(" ")
            command2 = self._commands.get(normalise_word(f"{first} {second}"))
            if command2 is not None:
                return command2.handler, rest2.strip()
        if command is not None:
            return command.handler, rest.strip()
        for pattern in self._patterns:
            if pattern.regex.match(stripped):
                return pattern.handler, stripped
        if not stripped or slash:
            return (self._help, stripped) if self._help else None
        if self._fallback is not None:
            return self._fallback, stripped
        return (self._help, stripped) if self._help else None
