"""Votes and objections by reaction, and their reconciliation with what Slack holds."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from bot.approval.reading import (
    _OPEN,
    RoundReads,
    _approving_replies,
    _audit,
    _audit_vote,
    _group_of,
    _link,
    _meeting_of,
    _open_objections,
    _votes,
    group_rules,
    latest_version,
    minutes_by_message,
    round_view,
)
from bot.approval.sending import _refresh_after_commit, tell_secretaries
from bot.approval.settling import settle_if_ready
from bot.context import language_for
from bot.domain.approval import (
    CurrentVote,
    EmojiRules,
    counts,
    normalise_emoji,
    reaction_verdicts,
    reconcile,
)
from bot.domain.enums import MinutesStatus, ObjectionStatus, Verdict
from bot.domain.permissions import Action
from bot.i18n import t
from bot.minutes_render import objection_dm
from bot.outside import after_commit
from bot.ports import Message
from bot.render import escape
from bot.router import AlreadyProcessed, ReactionEvent
from bot.scheduler import read_before
from storage.models import ApprovalVote, Group, Member, Minutes, Objection
from storage.repositories import EventLog, MemberRepo

if TYPE_CHECKING:
    from bot.services import Services


log = logging.getLogger(__name__)


def _voter_member(session: Session, group: Group, user_id: str | None) -> Member | None:
    """Return the member behind a Slack user if their answer counts, else None."""
    if not user_id:
        return None
    member = MemberRepo(session).by_slack_user(group.id, user_id)
    if member is None or not counts(member.role, member.active):
        return None
    return member


def _note(
    session: Session,
    services: Services,
    channel: str,
    user: str,
    key: str,
    lang: str,
    **params: Any,
) -> None:
    message = Message(t(key, lang, **params))
    after_commit(session, lambda: services.notifier.ephemeral(channel, user, message))


def _closed_note(
    session: Session, services: Services, minutes: Minutes, user: str, lang: str
) -> None:
    """Tell someone answering a closed version where the round stands."""
    channel = minutes.channel or ""
    if minutes.status == MinutesStatus.SUPERSEDED:
        latest = latest_version(session, minutes.meeting_id)
        _note(
            session,
            services,
            channel,
            user,
            "approval.note.superseded",
            lang,
            version=latest.version if latest is not None else "?",
        )
    elif minutes.status == MinutesStatus.APPROVED:
        _note(session, services, channel, user, "approval.note.approved", lang)


def _add_objection(
    session: Session,
    services: Services,
    minutes: Minutes,
    group: Group,
    member: Member,
    now: datetime,
    *,
    text: str | None,
    reaction: str | None,
    message_ts: str | None,
) -> Objection:
    objection = Objection(
        minutes_id=minutes.id,
        member_id=member.id,
        text=text,
        reaction=reaction,
        message_ts=message_ts,
        status=ObjectionStatus.OPEN,
        at=now,
    )
    session.add(objection)
    session.flush()
    _audit(
        session,
        minutes,
        group.id,
        "approval.objection",
        member.slack_user_id,
        now,
        objection_id=objection.id,
        text=text,
        reaction=reaction,
    )
    # An open objection stops tacit approval, so the secretariat hears of it at once.
    view = round_view(session, minutes, link=_link(services, minutes))
    line = next(o for o in view.objections if o.objection_id == objection.id)
    tell_secretaries(
        session,
        services,
        group,
        minutes,
        Action.RESOLVE_OBJECTIONS,
        f"objection:{objection.id}",
        lambda lang: objection_dm(view, line, lang),
        now,
    )
    return objection


def _withdraw(
    session: Session,
    minutes: Minutes,
    group: Group,
    objection: Objection,
    member: Member,
    now: datetime,
) -> None:
    objection.status = ObjectionStatus.HANDLED
    objection.resolved_by = member.slack_user_id
    objection.resolved_at = now
    objection.resolution_note = None
    _audit(
        session,
        minutes,
        group.id,
        "approval.objection_withdrawn",
        member.slack_user_id,
        now,
        objection_id=objection.id,
    )


def _set_reaction_state(
    session: Session,
    services: Services,
    minutes: Minutes,
    group: Group,
    member: Member,
    state: tuple[Verdict, str] | None,
    now: datetime,
    *,
    how: str,
) -> bool:
    """Make a member's reaction vote what their reactions now say; return whether it changed.

    Objecting wins over approving while both reactions are on the message. An objection
    written in the thread is untouched: only the secretary (or its author, by deleting
    it) closes it.
    """
    vote = _votes(session, minutes.id).get(member.id)
    mine = [o for o in _open_objections(session, minutes.id) if o.member_id == member.id]
    by_reaction = [o for o in mine if o.reaction is not None]
    by_text = [o for o in mine if o.reaction is None]
    before = (vote.verdict, vote.reaction) if vote is not None else None
    if state is None or state[0] == Verdict.APPROVE:
        for objection in by_reaction:
            _withdraw(session, minutes, group, objection, member, now)
    if state is None:
        if vote is not None and vote.reaction is not None:
            if by_text:
                vote.verdict, vote.reaction = Verdict.OBJECT, None
            elif _approving_replies(session, minutes.id, member.id):
                # "Godkendt" written in the thread still approves without the ✅.
                vote.verdict, vote.reaction = Verdict.APPROVE, None
            else:
                session.delete(vote)
                vote = None
    else:
        verdict, reaction = state
        if verdict == Verdict.OBJECT and not by_reaction:
            _add_objection(
                session,
                services,
                minutes,
                group,
                member,
                now,
                text=None,
                reaction=reaction,
                message_ts=None,
            )
        if vote is None:
            vote = ApprovalVote(
                minutes_id=minutes.id,
                member_id=member.id,
                verdict=verdict,
                reaction=reaction,
                at=now,
            )
            session.add(vote)
        elif (vote.verdict, vote.reaction) != (verdict, reaction):
            vote.verdict, vote.reaction, vote.at = verdict, reaction, now
    after = (vote.verdict, vote.reaction) if vote is not None else None
    if after == before:
        return False
    session.flush()
    _audit_vote(session, minutes, group.id, member, now, after, how)
    return True


def _member_reaction_state(
    services: Services, minutes: Minutes, rules: EmojiRules, member: Member
) -> tuple[Verdict, str] | None:
    """Read a member's remaining reactions on the request (from Slack, before the transaction)."""
    assert minutes.channel is not None and minutes.message_ts is not None
    read = read_before()
    if not isinstance(read, RoundReads) or read.minutes_id != minutes.id:
        raise LookupError("the reactions were not read before the transaction")
    found = reaction_verdicts(read.reactions, rules, {member.slack_user_id or "": member.id})
    return found.get(member.id)


def _answering_member(
    session: Session,
    services: Services,
    group: Group,
    minutes: Minutes,
    channel_id: str,
    user_id: str,
    *,
    notify: bool,
) -> tuple[Member | None, str]:
    """Return the member whose answer counts, and the person's language.

    None when the person may not answer (not a voting member) or the round is closed;
    with ``notify`` the person is told why, privately.
    """
    member = _voter_member(session, group, user_id)
    someone = MemberRepo(session).by_slack_user(group.id, user_id)
    lang = language_for(services.settings, group, someone)
    if member is None:
        if notify:
            _note(
                session,
                services,
                channel_id,
                user_id,
                "approval.note.not_member",
                lang,
                group=escape(group.name),
            )
        return None, lang
    if minutes.status not in _OPEN:
        if notify:
            _closed_note(session, services, minutes, user_id, lang)
        return None, lang
    return member, lang


def record_reaction(
    session: Session, services: Services, event: ReactionEvent, now: datetime
) -> bool:
    """Count a reaction on an approval request; return False when it is not about one.

    Only the group's members count (see `bot.domain.approval.counts`); anyone else is
    told so privately. Removing a reaction takes the vote back.
    """
    minutes = minutes_by_message(session, event.channel_id, event.ts)
    if minutes is None or minutes.status == MinutesStatus.DRAFT:
        return False
    meeting = _meeting_of(session, minutes)
    group = _group_of(session, meeting)
    rules = group_rules(group)
    verdict = rules.verdict(event.reaction)
    if verdict is None:
        return False
    if event.event_key and not EventLog(session).claim(event.event_key, "reaction", now):
        raise AlreadyProcessed(event.event_key)
    member, _ = _answering_member(
        session, services, group, minutes, event.channel_id, event.user_id, notify=event.added
    )
    if member is None:
        return True
    state: tuple[Verdict, str] | None
    if event.added:
        state = (verdict, normalise_emoji(event.reaction))
        if verdict == Verdict.APPROVE and any(
            o.member_id == member.id and o.reaction is not None
            for o in _open_objections(session, minutes.id)
        ):
            # Both ✅ and ❌ on the message: the objection stands until ❌ is taken back.
            return True
    else:
        try:
            state = _member_reaction_state(services, minutes, rules, member)
        except Exception:
            # Slack could not tell what is left: take the removal at its word. The
            # reconciliation before the deadline corrects anything this gets wrong.
            log.warning("approval: reactions.get failed; applying the removal as sent")
            state = None
    changed = _set_reaction_state(
        session, services, minutes, group, member, state, now, how="reaction"
    )
    if changed:
        settle_if_ready(session, services, minutes, now)
        _refresh_after_commit(session, services, minutes.id)
    return True


def reconcile_votes(session: Session, services: Services, minutes: Minutes, now: datetime) -> int:
    """Repair the stored votes from the reactions Slack holds; return how many changed.

    Reaction events can be lost (a restart, a network failure), so before reminders go
    out and before a round is settled, the message itself is the authority.
    """
    if not minutes.channel or not minutes.message_ts:
        return 0
    group = _group_of(session, _meeting_of(session, minutes))
    rules = group_rules(group)
    read = read_before()
    if not isinstance(read, RoundReads) or read.minutes_id != minutes.id:
        return 0  # Slack is read before a transaction, never inside one (``read_round``)
    reactions = read.reactions
    members = {
        m.id: m
        for m in MemberRepo(session).in_group(group.id)
        if counts(m.role, m.active) and m.slack_user_id
    }
    member_of = {m.slack_user_id: m.id for m in members.values() if m.slack_user_id}
    current = {
        mid: CurrentVote(Verdict(vote.verdict), vote.reaction)
        for mid, vote in _votes(session, minutes.id).items()
        if mid in members
    }
    changes = reconcile(reactions, rules, member_of, current)
    changed = 0
    for change in changes:
        state = (change.verdict, change.reaction or "") if change.verdict is not None else None
        if _set_reaction_state(
            session,
            services,
            minutes,
            group,
            members[change.member_id],
            state,
            now,
            how="reconciled",
        ):
            changed += 1
    return changed
