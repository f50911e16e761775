"""The round's timed work: the deadline, the reminder, the task offer, a lapsed wait."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from bot.approval.reading import (
    DEADLINE,
    REMIND,
    _audit,
    _group_of,
    _link,
    _meeting_of,
    _objections,
    _open_questions,
    _votes,
    _withdrawn,
    outcome_of,
    read_round,
    round_view,
    voters_of,
)
from bot.approval.replies import _remind_questions
from bot.approval.sending import (
    _refresh_durably,
    send_later,
    tell_secretaries,
    tell_thread,
)
from bot.approval.settling import settle_if_ready
from bot.approval.views import question_message
from bot.approval.votes import reconcile_votes
from bot.context import language_for
from bot.domain.enums import MinutesStatus
from bot.domain.permissions import Action
from bot.minutes_render import reminder_dm, stalled_dm, stalled_thread_message
from bot.ports import Message
from bot.scheduler import row_session
from bot.tasks import offer_action_items
from storage.models import DueWork, Meeting, Member, Minutes
from storage.repositories import MemberRepo

if TYPE_CHECKING:
    from bot.services import Services


log = logging.getLogger(__name__)


def run_await_expiry(services: Services, row: DueWork, now: datetime) -> None:
    """Let an unused expectation of a minutes file lapse (it only marked a time window)."""
    log.info("approval: the wait for a minutes file (%s) lapsed", row.key)


def run_deadline(services: Services, row: DueWork, now: datetime) -> None:
    """At the deadline: reconcile with Slack, then approve or stall the round.

    A deadline that passed while the bot was down runs at the next tick, as it is a row
    in the database; the reconciliation makes up for reaction events lost meanwhile.
    """
    session = row_session(row)
    minutes = session.get(Minutes, int((row.payload or {}).get("minutes_id", 0)))
    if minutes is None or minutes.status != MinutesStatus.OPEN:
        return
    reconcile_votes(session, services, minutes, now)
    if settle_if_ready(session, services, minutes, now, at_deadline=True):
        return
    minutes.status = MinutesStatus.STALLED
    meeting = _meeting_of(session, minutes)
    group = _group_of(session, meeting)
    outcome = outcome_of(session, minutes, deadline_passed=True)
    _audit(
        session,
        minutes,
        group.id,
        "approval.stalled",
        None,
        now,
        reasons=list(outcome.reasons),
        missing=list(outcome.missing),
    )
    if "questions" in outcome.reasons:
        _remind_questions(session, services, minutes, group, now)
    view = round_view(session, minutes, link=_link(services, minutes))
    tell_thread(
        session,
        services,
        minutes,
        f"stalled:thread:{minutes.id}",
        stalled_thread_message(view, group.language),
        group_id=group.id,
        now=now,
    )
    tell_secretaries(
        session,
        services,
        group,
        minutes,
        Action.SETTLE,
        f"stalled:{minutes.id}",
        lambda lang: stalled_dm(view, lang),
        now,
    )
    _refresh_durably(session, services, minutes.id, "stalled", now)


def run_remind(services: Services, row: DueWork, now: datetime) -> None:
    """Before the deadline: DM each member who has neither approved nor objected, once."""
    session = row_session(row)
    minutes = session.get(Minutes, int((row.payload or {}).get("minutes_id", 0)))
    if minutes is None or minutes.status != MinutesStatus.OPEN:
        return
    if minutes.deadline_at is not None and minutes.deadline_at <= now:
        # The bot was down past the deadline: the round is settled now, and a reminder
        # of a deadline already gone would only confuse.
        return
    reconcile_votes(session, services, minutes, now)
    meeting = _meeting_of(session, minutes)
    group = _group_of(session, meeting)
    members = {m.id: m for m in MemberRepo(session).in_group(group.id)}
    answered = set(_votes(session, minutes.id)) | {
        o.member_id
        for o in _objections(session, minutes.id)
        if not _withdrawn(o, members.get(o.member_id))
    }
    view = round_view(session, minutes, link=_link(services, minutes))
    asked = {r.member_id: r for r in _open_questions(session, minutes.id)}
    for voter in voters_of(session, group):
        if voter.member_id in answered or not voter.slack_user_id:
            continue
        member = session.get(Member, voter.member_id)
        question = asked.get(voter.member_id)
        if question is not None:
            # They did answer, in words the bot could not read: ask that again instead.
            lang = language_for(services.settings, group, member)
            ask = question_message(question.id, question.text, lang)
            send_later(
                session,
                services,
                f"remind:{minutes.id}:{voter.member_id}",
                Message(ask.text, blocks=ask.blocks),
                now=now,
                group_id=group.id,
                user=voter.slack_user_id,
            )
            continue
        send_later(
            session,
            services,
            f"remind:{minutes.id}:{voter.member_id}",
            reminder_dm(view, language_for(services.settings, group, member)),
            now=now,
            group_id=group.id,
            user=voter.slack_user_id,
        )
    _audit(session, minutes, group.id, "approval.reminded", None, now)


def run_offer(services: Services, row: DueWork, now: datetime) -> None:
    """Offer the approved decisions' action items to the secretary."""
    session = row_session(row)
    meeting = session.get(Meeting, int((row.payload or {}).get("meeting_id", 0)))
    if meeting is None:
        return
    offered = offer_action_items(session, services, meeting, now)
    log.info("approval: offered %s action items for meeting %s", offered, meeting.id)


#: What a job reads from Slack before its transaction begins.
JOB_READERS: dict[str, Callable[[Services, int], object]] = {
    DEADLINE: read_round,
    REMIND: read_round,
}
