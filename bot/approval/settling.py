"""Settling a round: approve it once the rules say so, and what follows approval."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.approval.reading import (
    _OPEN,
    OFFER,
    _audit,
    _group_of,
    _link,
    _meeting_of,
    outcome_of,
    round_view,
)
from bot.approval.sending import _refresh_durably, _schedule_now, send_later, tell_thread
from bot.domain.approval import RoundState
from bot.domain.enums import MinutesStatus
from bot.minutes_render import approved_channel_message, approved_thread_message
from storage.models import AgendaItem, Minutes

if TYPE_CHECKING:
    from bot.services import Services


def settle_if_ready(
    session: Session,
    services: Services,
    minutes: Minutes,
    now: datetime,
    *,
    at_deadline: bool = False,
) -> bool:
    """Approve a round the moment its policy allows; return whether it is now approved.

    The deadline counts as passed only once the deadline job has run (`at_deadline`, or
    a round it left stalled): that job first reconciles the votes with Slack, so a vote
    arriving between the deadline and the next tick never settles a round on
    incomplete votes.
    """
    if minutes.status not in _OPEN:
        return minutes.status == MinutesStatus.APPROVED
    passed = at_deadline or minutes.status == MinutesStatus.STALLED
    outcome = outcome_of(session, minutes, deadline_passed=passed)
    if outcome.state != RoundState.APPROVED:
        return False
    _approve(session, services, minutes, now)
    return True


def _approve(session: Session, services: Services, minutes: Minutes, now: datetime) -> None:
    """Record the approval: the minutes and their decisions, the outcome, the task offer."""
    meeting = _meeting_of(session, minutes)
    group = _group_of(session, meeting)
    minutes.status = MinutesStatus.APPROVED
    minutes.settled_at = now
    for item in session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)):
        for decision in item.decisions:
            decision.approved = True
    session.flush()
    view = round_view(session, minutes, link=_link(services, minutes))
    _audit(
        session,
        minutes,
        group.id,
        "approval.approved",
        None,
        now,
        policy=minutes.policy,
        approved=[p.name for p in view.approved],
        tacit=[p.name for p in view.missing],
    )
    lang = group.language
    tell_thread(
        session,
        services,
        minutes,
        f"approved:thread:{minutes.id}",
        approved_thread_message(view, lang),
        group_id=group.id,
        now=now,
    )
    if minutes.channel:
        send_later(
            session,
            services,
            f"approved:channel:{minutes.id}",
            approved_channel_message(view, lang),
            now=now,
            group_id=group.id,
            channel=minutes.channel,
        )
    _schedule_now(
        session,
        services,
        kind=OFFER,
        key=f"{OFFER}:{minutes.id}",
        group_id=group.id,
        payload={"minutes_id": minutes.id, "meeting_id": meeting.id},
        now=now,
    )
    _refresh_durably(session, services, minutes.id, "approved", now)
