"""Slack reads and writes kept outside database transactions.

SQLite's write lock is taken when a transaction begins, so a Slack call made inside one
holds every other group's command off for as long as Slack takes (Retry-After waits
included). Work that needs Slack writes its message down in a transaction, then reads
links and posts once that transaction has committed; these helpers carry the pieces.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import event as sa_event
from sqlalchemy.orm import Session

from bot.ports import Directory, Message, Posted, SlackUser, acting_for_team, idempotent_posts
from storage.models import SentMessage
from storage.repositories import SentLog

if TYPE_CHECKING:
    from bot.services import Services

log = logging.getLogger(__name__)

_MARK = "https://referent.invalid/permalink/"
_AFTER_COMMIT = "referent.after_commit"


def after_commit(session: Session, action: Callable[[], object]) -> None:
    """Run an action once the session's transaction has committed (never on rollback).

    The one way the bot does Slack work that must follow a write: the write commits and
    lets go of the lock, then the action runs. Failures are logged with their traceback
    and swallowed: an action is either a best-effort refresh (the next change repeats it)
    or the eager run of due work that the scheduler's tick retries anyway.
    """
    pending: list[Callable[[], object]] | None = session.info.get(_AFTER_COMMIT)
    if pending is None:
        pending = []
        session.info[_AFTER_COMMIT] = pending

        def run(_: Session) -> None:
            actions: list[Callable[[], object]] = session.info.pop(_AFTER_COMMIT, [])
            for act in actions:
                try:
                    act()
                except Exception:
                    log.exception("an action after the commit failed")

        sa_event.listen(session, "after_commit", run, once=True)
    pending.append(action)


@dataclass(frozen=True)
class SendAfterCommit:
    """Slack work handed back by a transaction, to be sent once it has committed.

    Transactions take SQLite's write lock when they begin, so a job that posted inside its
    own held every other group's command off for as long as Slack took (Retry-After waits
    included). Such a job writes its message down in its transaction and returns this; the
    caller commits, sends (a keyed post, found again rather than doubled on a re-run), then
    records the result in a second, short transaction (``send_deferred``).
    """

    send: Callable[[], Posted]
    record: Callable[[Session, Posted], None]


def send_deferred(
    services: Services,
    deferred: SendAfterCommit,
    *,
    key: str,
    team: str | None = None,
    rerun: bool = False,
    then: Callable[[Session], object] | None = None,
) -> Posted:
    """Send deferred Slack work with no transaction open, then record it in a short one.

    ``key`` makes the posts idempotent; ``rerun`` looks them up first (a run that may
    have posted before it died); ``then`` runs in the recording transaction too.
    """
    with acting_for_team(team), idempotent_posts(key, check_first=rerun):
        posted = deferred.send()
    with services.uow() as session:
        deferred.record(session, posted)
        if then is not None:
            then(session)
    return posted


_MARKED = re.compile(re.escape(_MARK) + r"([A-Z0-9]+)/p(\d{7,})")


def link_mark(channel: str, ts: str) -> str:
    """Return a stand-in for a message's permalink, about as long as the real one.

    Written into messages rendered inside a transaction; ``resolve_links`` puts the real
    permalinks in just before the message is sent, with no transaction open.
    """
    return f"{_MARK}{channel}/p{ts.replace('.', '')}"


def resolve_links(message: Message, permalink: Callable[[str, str], str | None]) -> Message:
    """Ask Slack for the permalinks a message stands in for and put them in (no link: no link)."""
    marks = set(_MARKED.findall(message.text))
    blocks_json = json.dumps(message.blocks) if message.blocks is not None else None
    if blocks_json is not None:
        marks |= set(_MARKED.findall(blocks_json))
    if not marks:
        return message
    text = message.text
    # Longest first: one mark may be the prefix of another.
    for channel, digits in sorted(marks, key=lambda m: len(m[0]) + len(m[1]), reverse=True):
        mark = f"{_MARK}{channel}/p{digits}"
        url = permalink(channel, f"{digits[:-6]}.{digits[-6:]}")
        text = text.replace(mark, url) if url else _unlink(text, mark)
        if blocks_json is not None:
            blocks_json = blocks_json.replace(mark, url) if url else _unlink(blocks_json, mark)
    blocks = json.loads(blocks_json) if blocks_json is not None else None
    return replace(message, text=text, blocks=blocks)


@dataclass
class DeferredLinks:
    """Stand-in permalinks for a message rendered in a transaction, resolved after it."""

    def link(self, channel: str, ts: str) -> str:
        """Return a placeholder about as long as the permalink it stands for."""
        return link_mark(channel, ts)

    def resolve(self, message: Message, permalink: Callable[[str, str], str | None]) -> Message:
        """Ask Slack for each permalink (no transaction open) and put them in the message."""
        return resolve_links(message, permalink)


def _unlink(text: str, mark: str) -> str:
    """Drop a link Slack could not give: ``<mark|label>`` becomes ``label``."""
    text = re.sub(re.escape(f"<{mark}|") + r"([^>]*)>", r"\1", text)
    return text.replace(mark, "")


_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")


@dataclass
class KnownUsers:
    """A directory of the Slack users read before a transaction began (``user`` only)."""

    users: dict[str, SlackUser | None]
    directory: Directory

    @classmethod
    def read(cls, directory: Directory, user_ids: Iterable[str | None]) -> KnownUsers:
        """Look the users up in Slack now, while no transaction is open."""
        return cls({u: directory.user(u) for u in dict.fromkeys(user_ids) if u}, directory)

    @classmethod
    def mentioned(cls, directory: Directory, text: str) -> KnownUsers:
        """Look up every user @-mentioned in a text, while no transaction is open."""
        return cls.read(directory, _MENTION.findall(text or ""))

    def user(self, user_id: str) -> SlackUser | None:
        """Return a user read earlier; one not read earlier is read now."""
        if user_id not in self.users:
            self.users[user_id] = self.directory.user(user_id)
        return self.users[user_id]

    def channel_members(self, channel: str) -> list[str]:
        """Return every member of a channel (all pages)."""
        return self.directory.channel_members(channel)

    def reactions(self, channel: str, ts: str) -> dict[str, list[str]]:
        """Return the reactions on a message: emoji name → user ids."""
        return self.directory.reactions(channel, ts)

    def download(self, file_id: str, max_bytes: int) -> tuple[str, bytes]:
        """Download a shared file with the bot token; return (name, content)."""
        return self.directory.download(file_id, max_bytes)

    def bot_user_id(self) -> str | None:
        """Return the bot's own user id."""
        return self.directory.bot_user_id()


def claim_send(session: Session, key: str, now: datetime) -> None:
    """Write down, in the caller's transaction, that a message under a key is being sent.

    A second sender sees the claim and stays quiet; the message itself goes out after the
    commit (``send_claimed``), so exactly one DM is sent and no Slack call holds the lock.
    """
    SentLog(session).record(key, "", None, now)


def send_claimed(
    services: Services,
    key: str,
    send: Callable[[], Posted],
    record: Callable[[Session, Posted], None],
    now: datetime,
) -> Posted:
    """Send a claimed message with no transaction open; record where it landed.

    A failed send takes the claim back (and raises), so the next attempt sends it.
    """
    try:
        with idempotent_posts(key):
            posted = send()
    except Exception:
        with services.uow() as session:
            found = session.get(SentMessage, key)
            if found is not None and found.ts is None:
                session.delete(found)
        raise
    with services.uow() as session:
        SentLog(session).record(key, posted.channel, posted.ts, now)
        record(session, posted)
    return posted
