"""Put the approval threads' Slack permalinks into an answer, fetched once and cached.

Every line of an answer cites where it is written: the approval thread of minutes
approved in Slack, or the imported file. Slack gives a thread's link only on request
(``chat.getPermalink``); the answer asks for the links it lacks after its transaction
has closed (no Slack call with a transaction open), keeps them in the database, and
later answers read them from there.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime

from sqlalchemy.orm import Session

from bot.answer_facts import Thread, resolve_threads, store_permalinks
from bot.archive import Answer, ArchiveHit
from bot.matters import Matter

__all__ = ["link_threads", "threads_of"]


def threads_of(answer: Answer) -> list[Thread]:
    """Return the approval threads an answer cites whose permalinks are not known yet."""
    found: dict[int, Thread] = {}
    for hit in answer.results:
        if hit.thread is not None:
            found.setdefault(hit.thread.minutes_id, hit.thread)
    for matter in answer.matters.values():
        for entry in matter.timeline:
            if entry.thread is not None:
                found.setdefault(entry.thread.minutes_id, entry.thread)
    return list(found.values())


def link_threads(
    answer: Answer,
    permalink: Callable[[str, str], str | None],
    uow: Callable[[], AbstractContextManager[Session]],
    now: datetime,
) -> Answer:
    """Return the answer citing each approval thread by its permalink (call outside a transaction).

    Only threads not linked before are asked for, once each; the links are stored so the
    next answer needs no Slack call at all.
    """
    threads = threads_of(answer)
    if not threads:
        return answer
    links = resolve_threads(threads, permalink)
    if not links:
        return answer
    with uow() as session:
        store_permalinks(session, links, now)
    return _with_links(answer, links)


def _with_links(answer: Answer, links: dict[int, str]) -> Answer:
    """Return a copy of the answer whose linked threads cite their permalinks."""

    def hit(h: ArchiveHit) -> ArchiveHit:
        if h.thread is None or h.thread.minutes_id not in links:
            return h
        return dataclasses.replace(h, source=links[h.thread.minutes_id], thread=None)

    copies: dict[int, Matter] = {}

    def matter(m: Matter) -> Matter:
        if id(m) not in copies:
            timeline = [
                dataclasses.replace(e, source=links[e.thread.minutes_id], thread=None)
                if e.thread is not None and e.thread.minutes_id in links
                else e
                for e in m.timeline
            ]
            copies[id(m)] = dataclasses.replace(m, timeline=timeline)
        return copies[id(m)]

    results = [hit(h) for h in answer.results]
    matters = {item_id: matter(m) for item_id, m in answer.matters.items()}
    return dataclasses.replace(answer, results=results, matters=matters)
