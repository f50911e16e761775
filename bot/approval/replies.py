"""Replies in the approval thread, the questions they raise, and objections handled."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.approval.reading import (
    _OPEN,
    ASKED,
    CLOSED,
    COUNTED,
    HELD,
    NO,
    OBJECTED,
    WITHDRAWN,
    YES,
    _approving_replies,
    _audit,
    _audit_vote,
    _group_of,
    _meeting_of,
    _open_objections,
    _open_questions,
    _put_vote,
    _votes,
    latest_round,
    minutes_by_message,
    round_view,
)
from bot.approval.sending import _refresh_after_commit, send_later, tell_secretaries, tell_thread
from bot.approval.settling import settle_if_ready
from bot.approval.views import question_message
from bot.approval.votes import (
    _add_objection,
    _answering_member,
    _closed_note,
    _note,
    _voter_member,
    _withdraw,
)
from bot.context import language_for
from bot.domain.approval import objection_text
from bot.domain.approval_replies import ReplyKind, read_reply
from bot.domain.enums import MinutesStatus, ObjectionStatus, Role, Verdict
from bot.domain.permissions import Action
from bot.errors import UserError
from bot.i18n import t
from bot.minutes_render import ObjectionLine, handled_thread_message
from bot.outside import after_commit
from bot.ports import Message
from bot.render import escape, section_block
from bot.router import AlreadyProcessed, MessageEvent
from storage.models import ApprovalReply, Group, Member, Minutes, Objection
from storage.repositories import EventLog, MemberRepo

if TYPE_CHECKING:
    from bot.services import Services
    from bot.settings import Settings

from bot.context import authorize


@dataclass(frozen=True)
class HandledResult:
    """How many objections were marked handled, and whether the round then settled."""

    count: int
    minutes_id: int
    approved: bool


def _reply_by_ts(session: Session, channel: str, ts: str) -> ApprovalReply | None:
    """Return the stored reply of a message in a channel (None when it is not one)."""
    for reply in session.scalars(select(ApprovalReply).where(ApprovalReply.message_ts == ts)):
        minutes = session.get(Minutes, reply.minutes_id)
        if minutes is not None and minutes.channel == channel:
            return reply
    return None


def _from_secretariat(session: Session, group: Group, minutes: Minutes, user_id: str) -> bool:
    """Tell whether a thread reply comes from whoever answers for the minutes.

    Why: the secretary answers members in the thread ("rettet, ny version kommer",
    "punkt 3 er præciseret"); read as a member's reply that would be an objection to
    their own minutes, or a question nobody asked. So only an approval in their words
    counts; otherwise the poster and the secretariat vote with a reaction like anyone.
    """
    if minutes.posted_by and minutes.posted_by == user_id:
        return True
    member = MemberRepo(session).by_slack_user(group.id, user_id)
    return member is not None and member.role == Role.SECRETARY


def _count_approval(
    session: Session,
    minutes: Minutes,
    group: Group,
    member: Member,
    text: str,
    now: datetime,
) -> bool:
    """Count "godkendt" written in the thread as the member's approval; False if it cannot.

    An open objection of the member's own stands until the secretary handles it or the
    member deletes it: a later "godkendt" does not silently take it back.
    """
    if any(o.member_id == member.id for o in _open_objections(session, minutes.id)):
        return False
    vote = _votes(session, minutes.id).get(member.id)
    if vote is not None and vote.verdict == Verdict.APPROVE:
        return True
    _put_vote(session, minutes.id, member.id, Verdict.APPROVE, now, comment=text or None)
    _audit_vote(session, minutes, group.id, member, now, (Verdict.APPROVE, None), "reply")
    return True
    session.flush()
    _audit(
        session,
        minutes,
        group.id,
        "approval.vote",
        member.slack_user_id,
        now,
        member_id=member.id,
        verdict=str(Verdict.APPROVE),
        reaction=None,
        how="reply",
    )
    return True


def _record_objection(
    session: Session,
    services: Services,
    minutes: Minutes,
    group: Group,
    member: Member,
    now: datetime,
    *,
    text: str,
    message_ts: str,
) -> None:
    """Open an objection written in the thread and make the member's vote an objection."""
    _add_objection(
        session,
        services,
        minutes,
        group,
        member,
        now,
        text=text or None,
        reaction=None,
        message_ts=message_ts,
    )
    _put_vote(session, minutes.id, member.id, Verdict.OBJECT, now, comment=text or None)


def _edit_objection(
    session: Session,
    minutes: Minutes,
    group: Group,
    member: Member,
    objection: Objection,
    wording: str,
    reply_text: str,
    now: datetime,
) -> None:
    """Let an objection follow the edited reply that raised it (``wording``: what it says)."""
    objection.text = wording or None
    _audit(
        session,
        minutes,
        group.id,
        "approval.objection_edited",
        member.slack_user_id,
        now,
        objection_id=objection.id,
        text=reply_text,
    )


def _undo_reply(
    session: Session, minutes: Minutes, group: Group, reply: ApprovalReply, now: datetime
) -> None:
    """Take back what a reply recorded, unless something else still supports it."""
    member = session.get(Member, reply.member_id)
    if member is None:
        return
    vote = _votes(session, minutes.id).get(member.id)
    if reply.state == COUNTED:
        if (
            vote is not None
            and vote.verdict == Verdict.APPROVE
            and vote.reaction is None
            and not _approving_replies(session, minutes.id, member.id, but=reply.id)
        ):
            session.delete(vote)
            _audit_vote(session, minutes, group.id, member, now, None, "reply_withdrawn")
    elif reply.state in (OBJECTED, YES):
        mine = [
            o
            for o in _open_objections(session, minutes.id)
            if o.member_id == member.id and o.reaction is None
        ]
        for objection in [o for o in mine if o.message_ts == reply.message_ts]:
            _withdraw(session, minutes, group, objection, member, now)
        others = [o for o in mine if o.message_ts != reply.message_ts]
        if vote is not None and vote.reaction is None and not others:
            approving = _approving_replies(session, minutes.id, member.id, but=reply.id)
            if approving and not [
                o for o in _open_objections(session, minutes.id) if o.member_id == member.id
            ]:
                # "Godkendt" written while the objection stood counts now it is gone.
                vote.verdict, vote.comment, vote.at = Verdict.APPROVE, None, now
                for held in approving:
                    held.state = COUNTED
            else:
                session.delete(vote)
    session.flush()


def _apply_reply(
    session: Session,
    services: Services,
    minutes: Minutes,
    group: Group,
    member: Member,
    reply: ApprovalReply,
    lang: str,
    channel: str,
    now: datetime,
) -> None:
    """Record what a read reply means and tell its author privately what was recorded."""
    user = member.slack_user_id or ""
    reading = read_reply(reply.text)
    explicit = objection_text(reply.text)
    kind = reading.kind
    if explicit is not None and kind == ReplyKind.UNCLEAR and not reading.question:
        # "Indsigelse: punkt 2" opens with the word itself: that is what it says it is.
        kind = ReplyKind.OBJECT
    if reading.bare and any(
        o.member_id != member.id for o in _open_objections(session, minutes.id)
    ):
        # "Enig" or 👍 under another member's objection may second it: ask, never assume.
        kind = ReplyKind.UNCLEAR
    reply.reading = str(kind)
    _audit(
        session,
        minutes,
        group.id,
        "approval.reply",
        user,
        now,
        reply_id=reply.id,
        reading=str(kind),
        cues=list(reading.cues),
        text=reply.text,
    )
    if kind == ReplyKind.APPROVE:
        if _count_approval(session, minutes, group, member, reply.text, now):
            reply.state = COUNTED
            _note(session, services, channel, user, "approval.reply.approved", lang)
        else:
            reply.state = HELD
            _note(session, services, channel, user, "approval.reply.objection_stands", lang)
    elif kind == ReplyKind.OBJECT:
        _object_by_reply(session, services, minutes, group, member, reply, now)
        reply.state = OBJECTED
        _note(session, services, channel, user, "approval.note.objection_sent", lang)
    else:
        reply.state = ASKED
        message = question_message(reply.id, reply.text, lang)
        after_commit(session, lambda: services.notifier.ephemeral(channel, user, message))
    session.flush()
    settle_if_ready(session, services, minutes, now)
    _refresh_after_commit(session, services, minutes.id)


def _object_by_reply(
    session: Session,
    services: Services,
    minutes: Minutes,
    group: Group,
    member: Member,
    reply: ApprovalReply,
    now: datetime,
) -> None:
    """Open an objection from a reply: its text after "indsigelse:", or the whole reply."""
    explicit = objection_text(reply.text)
    _record_objection(
        session,
        services,
        minutes,
        group,
        member,
        now,
        text=explicit if explicit is not None else reply.text,
        message_ts=reply.message_ts,
    )


def record_reply(session: Session, services: Services, event: MessageEvent, now: datetime) -> bool:
    """Read a member's reply in the approval thread: approval, objection, or ask them.

    No mention is needed: the thread is about the round. An approval counts as the
    member's vote; an objection opens one with the reply's text; anything else gets a
    private "Er det en indsigelse til referatet? [Ja] [Nej]", and the round does not
    settle while that question is open. Replies by the secretariat are their answers,
    not votes; replies by anyone who is not a member are left alone, politely.
    """
    if not event.thread_ts or event.thread_ts == event.ts or not event.user_id:
        return False
    minutes = minutes_by_message(session, event.channel_id, event.thread_ts)
    if minutes is None or minutes.status == MinutesStatus.DRAFT:
        return False
    if event.event_key and not EventLog(session).claim(event.event_key, "approval_reply", now):
        raise AlreadyProcessed(event.event_key)
    if _reply_by_ts(session, event.channel_id, event.ts) is not None:
        # The same message again (a mention and its message event): one effect.
        return True
    meeting = _meeting_of(session, minutes)
    group = _group_of(session, meeting)
    reading = read_reply(event.text)
    if _from_secretariat(session, group, minutes, event.user_id) and (
        reading.kind != ReplyKind.APPROVE
    ):
        # The secretariat's "rettet, ny version kommer" is an answer, not a vote against
        # their own minutes; their "godkendt fra min side" counts like anyone's.
        return True
    meant = reading.kind != ReplyKind.UNCLEAR or objection_text(event.text) is not None
    member, lang = _answering_member(
        session, services, group, minutes, event.channel_id, event.user_id, notify=False
    )
    if member is None:
        if meant and _voter_member(session, group, event.user_id) is None:
            _note(
                session,
                services,
                event.channel_id,
                event.user_id,
                "approval.reply.not_member",
                lang,
                group=escape(group.name),
            )
        elif meant:
            _closed_note(session, services, minutes, event.user_id, lang)
        return True
    # A file shared in the thread without words (a marked-up copy, say) is asked about
    # under its name.
    names = ", ".join(str(f.get("name") or f.get("title") or "") for f in event.files)
    reply = ApprovalReply(
        minutes_id=minutes.id,
        member_id=member.id,
        message_ts=event.ts,
        text=event.text.strip() or (f"[{names}]" if names.strip(", ") else ""),
        reading=str(reading.kind),
        state=ASKED,
        at=now,
    )
    session.add(reply)
    session.flush()
    _apply_reply(session, services, minutes, group, member, reply, lang, event.channel_id, now)
    return True


def in_approval_thread(session: Session, channel: str, thread_ts: str | None) -> bool:
    """Tell whether a message's thread is that of an approval request (not a draft)."""
    if not thread_ts:
        return False
    minutes = minutes_by_message(session, channel, thread_ts)
    return minutes is not None and minutes.status != MinutesStatus.DRAFT


def record_reply_change(
    session: Session, services: Services, event: MessageEvent, now: datetime
) -> bool:
    """Follow an edited or deleted reply: read the new text, or withdraw what it recorded."""
    reply = _reply_by_ts(session, event.channel_id, event.ts)
    if reply is None:
        return _legacy_reply_change(session, services, event, now)
    minutes = session.get(Minutes, reply.minutes_id)
    member = session.get(Member, reply.member_id)
    if minutes is None or member is None:
        return False
    if event.event_key and not EventLog(session).claim(event.event_key, "approval_reply_edit", now):
        raise AlreadyProcessed(event.event_key)
    if reply.state in (WITHDRAWN, CLOSED) or minutes.status not in _OPEN:
        return True
    group = _group_of(session, _meeting_of(session, minutes))
    text = event.text.strip()
    deleted = event.subtype == "message_deleted" or (
        # The secretariat's words count only as an approval (see `record_reply`).
        _from_secretariat(session, group, minutes, member.slack_user_id or "")
        and read_reply(text).kind != ReplyKind.APPROVE
    )
    if event.subtype != "message_deleted" and text == reply.text:
        return True
    if not deleted and reply.state in (OBJECTED, YES):
        reading = read_reply(text)
        confirmed = (
            reply.state == YES and reading.kind == ReplyKind.UNCLEAR and not reading.question
        )
        if reading.kind == ReplyKind.OBJECT or confirmed:
            # Still an objection: follow its wording, without a second alarm.
            explicit = objection_text(text)
            for objection in _open_objections(session, minutes.id):
                if objection.message_ts == reply.message_ts:
                    wording = explicit if explicit is not None else text
                    _edit_objection(session, minutes, group, member, objection, wording, text, now)
            reply.text = text
            _refresh_after_commit(session, services, minutes.id)
            return True
    _undo_reply(session, minutes, group, reply, now)
    _audit(
        session,
        minutes,
        group.id,
        "approval.reply_withdrawn" if deleted else "approval.reply_edited",
        member.slack_user_id,
        now,
        reply_id=reply.id,
        was=reply.state,
        text=None if deleted else text,
    )
    if deleted:
        reply.state = WITHDRAWN
        settle_if_ready(session, services, minutes, now)
        _refresh_after_commit(session, services, minutes.id)
        return True
    reply.text = text
    lang = language_for(services.settings, group, member)
    _apply_reply(session, services, minutes, group, member, reply, lang, event.channel_id, now)
    return True


@dataclass(frozen=True)
class QuestionAnswer:
    """The outcome of a press on [Ja] or [Nej]: the message key for the member, its language."""

    key: str
    lang: str


def answer_question(
    session: Session,
    services: Services,
    reply_id: int,
    user_id: str,
    objection: bool,
    now: datetime,
) -> QuestionAnswer:
    """Record the member's answer to "Er det en indsigelse til referatet?".

    [Ja] opens the objection with the reply's text; [Nej] records nothing (the reply is
    neither an objection nor an approval). Either way the question no longer holds the
    round, which settles now if its deadline has already passed.
    """
    reply = session.get(ApprovalReply, reply_id)
    minutes = session.get(Minutes, reply.minutes_id) if reply is not None else None
    member = session.get(Member, reply.member_id) if reply is not None else None
    if reply is None or minutes is None or member is None:
        raise UserError("approval.question.gone")
    group = _group_of(session, _meeting_of(session, minutes))
    lang = language_for(services.settings, group, member)
    if member.slack_user_id != user_id:
        raise UserError("approval.question.not_yours", name=escape(member.name))
    if not EventLog(session).claim(f"approval.question:{reply.id}", "approval_question", now):
        raise UserError("approval.question.gone")
    if reply.state != ASKED:
        raise UserError("approval.question.gone")
    if minutes.status not in _OPEN:
        reply.state = CLOSED
        raise UserError("approval.question.closed")
    reply.answered_at = now
    _audit(
        session,
        minutes,
        group.id,
        "approval.question_answered",
        user_id,
        now,
        reply_id=reply.id,
        objection=objection,
    )
    if objection:
        _object_by_reply(session, services, minutes, group, member, reply, now)
        reply.state = YES
        key = "approval.question.objected"
    else:
        reply.state = NO
        key = "approval.question.not_objection"
    session.flush()
    settle_if_ready(session, services, minutes, now)
    _refresh_after_commit(session, services, minutes.id)
    return QuestionAnswer(key, lang)


def _remind_questions(
    session: Session, services: Services, minutes: Minutes, group: Group, now: datetime
) -> None:
    """At a deadline held by open questions: ask each member again, tell the secretariat.

    Why: the round must not be approved over what may be an objection, nor wait in
    silence; the member is asked again by DM (an ephemeral question may have been
    missed), and the secretariat is told whose answer the round is waiting for.
    """
    questions = _open_questions(session, minutes.id)
    if not questions:
        return
    meeting = _meeting_of(session, minutes)
    day = meeting.starts_at.astimezone(ZoneInfo(group.timezone)).strftime("%d.%m.%Y")
    names: list[str] = []
    for reply in questions:
        member = session.get(Member, reply.member_id)
        if member is None or not member.slack_user_id:
            continue
        names.append(member.name)
        lang = language_for(services.settings, group, member)
        ask = question_message(reply.id, reply.text, lang)
        text = t("approval.question.reminder", lang, date=day) + "\n" + ask.text
        blocks = [section_block(t("approval.question.reminder", lang, date=day))]
        send_later(
            session,
            services,
            f"question:{reply.id}",
            Message(text, blocks=blocks + list(ask.blocks or [])),
            now=now,
            group_id=group.id,
            user=member.slack_user_id,
        )
    listed = ", ".join(escape(n) for n in names)
    tell_thread(
        session,
        services,
        minutes,
        f"questions:thread:{minutes.id}",
        Message(t("approval.question.thread", group.language, names=listed)),
        group_id=group.id,
        now=now,
    )
    tell_secretaries(
        session,
        services,
        group,
        minutes,
        Action.SETTLE,
        f"questions:{minutes.id}",
        lambda lang: Message(t("approval.question.secretary", lang, date=day, names=listed)),
        now,
    )


def _close_questions(
    session: Session, minutes: Minutes, group: Group, user_id: str, note: str, now: datetime
) -> int:
    """Close the round's open questions when the secretary marks it handled; return how many."""
    questions = _open_questions(session, minutes.id)
    for reply in questions:
        reply.state, reply.answered_at = CLOSED, now
        _audit(
            session,
            minutes,
            group.id,
            "approval.question_closed",
            user_id,
            now,
            reply_id=reply.id,
            note=note,
        )
    return len(questions)


def _legacy_reply_change(
    session: Session, services: Services, event: MessageEvent, now: datetime
) -> bool:
    """Follow an edited or deleted objection recorded before replies were stored."""
    objection = session.scalar(
        select(Objection).where(
            Objection.message_ts == event.ts, Objection.status == ObjectionStatus.OPEN
        )
    )
    if objection is None:
        return False
    minutes = session.get(Minutes, objection.minutes_id)
    if minutes is None or minutes.channel != event.channel_id:
        return False
    if event.event_key and not EventLog(session).claim(event.event_key, "objection_edit", now):
        raise AlreadyProcessed(event.event_key)
    group = _group_of(session, _meeting_of(session, minutes))
    member = session.get(Member, objection.member_id)
    if member is None:
        return True
    text = objection_text(event.text) if event.subtype == "message_changed" else None
    if text is None:
        _withdraw(session, minutes, group, objection, member, now)
        vote = _votes(session, minutes.id).get(member.id)
        others = [
            o
            for o in _open_objections(session, minutes.id)
            if o.member_id == member.id and o.id != objection.id
        ]
        if vote is not None and vote.reaction is None and not others:
            session.delete(vote)
        settle_if_ready(session, services, minutes, now)
    else:
        _edit_objection(session, minutes, group, member, objection, text, text, now)
    _refresh_after_commit(session, services, minutes.id)
    return True


def _objection_round(session: Session, objection_id: int) -> tuple[Objection, Minutes, Group]:
    objection = session.get(Objection, objection_id)
    minutes = session.get(Minutes, objection.minutes_id) if objection is not None else None
    if objection is None or minutes is None:
        raise UserError("approval.objection_gone")
    return objection, minutes, _group_of(session, _meeting_of(session, minutes))


def objection_for_handling(
    session: Session, settings: Settings, objection_id: int, user_id: str
) -> tuple[ObjectionLine, str]:
    """Return an open objection the person may mark handled, with their language."""
    objection, minutes, group = _objection_round(session, objection_id)
    actor = MemberRepo(session).by_slack_user(group.id, user_id)
    lang = language_for(settings, group, actor)
    _require(actor, Action.RESOLVE_OBJECTIONS, group, lang)
    if objection.status != ObjectionStatus.OPEN:
        raise UserError("approval.objection_closed")
    line = next(
        o for o in round_view(session, minutes).objections if o.objection_id == objection.id
    )
    return line, lang


def _require(member: Member | None, action: Action, group: Group, lang: str) -> Member:

    return authorize(member, group, action, lang)


def handle_objections(
    session: Session,
    services: Services,
    *,
    group: Group | None,
    user_id: str,
    note: str,
    now: datetime,
    objection_id: int | None = None,
) -> HandledResult:
    """Mark one objection (or every open one of the group's round) handled, with a note.

    The secretary answers an objection either by revising the minutes or by saying how
    it was dealt with ("punkt 3 står som besluttet; drøftes igen på næste møde"). The
    note is recorded, shown in the thread and kept in the audit trail.
    """
    note = " ".join(note.split()) if "\n" not in note else note.strip()
    if objection_id is not None:
        objection, minutes, group = _objection_round(session, objection_id)
        if objection.status != ObjectionStatus.OPEN:
            raise UserError("approval.objection_closed")
        targets = [objection]
    else:
        if group is None:
            raise UserError("error.no_group")
        found = latest_round(session, group)
        if found is None or found.status not in _OPEN:
            raise UserError("approval.no_open_round", group=escape(group.name))
        minutes = found
        targets = _open_objections(session, minutes.id)
    actor = MemberRepo(session).by_slack_user(group.id, user_id)
    lang = language_for(services.settings, group, actor)
    actor = _require(actor, Action.RESOLVE_OBJECTIONS, group, lang)
    if not note:
        raise UserError("approval.handled_usage")
    questions = [] if objection_id is not None else _open_questions(session, minutes.id)
    if not targets and not questions:
        raise UserError("approval.no_open_objections")
    if minutes.status not in _OPEN:
        raise UserError("approval.objection_closed")
    # The secretary may also close a question a member never answered ("Er det en
    # indsigelse?"), e.g. after asking them directly: the note goes in the audit trail.
    closed = _close_questions(session, minutes, group, user_id, note, now) if questions else 0
    view = round_view(session, minutes)
    lines = {o.objection_id: o for o in view.objections}
    for objection in targets:
        objection.status = ObjectionStatus.HANDLED
        objection.resolution_note = note
        objection.resolved_by = user_id
        objection.resolved_at = now
        _audit(
            session,
            minutes,
            group.id,
            "approval.objection_handled",
            user_id,
            now,
            objection_id=objection.id,
            note=note,
        )
        objector = session.get(Member, objection.member_id)
        if minutes.channel and minutes.message_ts:
            send_later(
                session,
                services,
                f"handled:{objection.id}",
                handled_thread_message(
                    lines[objection.id],
                    objector.slack_user_id if objector is not None else None,
                    actor.name,
                    note,
                    group.language,
                ),
                now=now,
                group_id=group.id,
                channel=minutes.channel,
                thread_ts=minutes.message_ts,
            )
    session.flush()
    approved = settle_if_ready(session, services, minutes, now)
    _refresh_after_commit(session, services, minutes.id)
    return HandledResult(count=len(targets) + closed, minutes_id=minutes.id, approved=approved)
