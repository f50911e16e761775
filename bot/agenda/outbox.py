"""Messages the agenda's use cases return, sent only after the transaction commits."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from bot.ports import Message, Notifier

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Notice:
    """A message to send once the transaction has committed: post, DM or update."""

    message: Message
    channel: str | None = None
    user: str | None = None
    thread_ts: str | None = None
    update_ts: str | None = None
    ephemeral_user: str | None = None


def send_notices(notifier: Notifier, notices: Iterable[Notice]) -> None:
    """Send notices in order; one that fails is logged and the rest still go out."""
    for notice in notices:
        try:
            if notice.ephemeral_user and notice.channel:
                notifier.ephemeral(
                    notice.channel,
                    notice.ephemeral_user,
                    notice.message,
                    thread_ts=notice.thread_ts,
                )
            elif notice.update_ts and notice.channel:
                notifier.update(notice.channel, notice.update_ts, notice.message)
            elif notice.channel:
                notifier.post(notice.channel, notice.message, thread_ts=notice.thread_ts)
            elif notice.user:
                notifier.dm(notice.user, notice.message)
        except Exception:
            log.exception("could not send a notice to %s", notice.channel or notice.user)
