"""The task's own message: post it, keep it current, tell the owner, find it again."""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from bot.context import language_for
from bot.domain.enums import ActionStatus
from bot.i18n import t
from bot.outside import claim_send, send_claimed
from bot.ports import Message, Posted
from bot.render import escape
from bot.services import Services
from bot.settings import Settings
from bot.tasks.access import group_of, local_today
from bot.tasks.kinds import OWN_MESSAGE_VIA
from bot.tasks.labels import due_label, meeting_label, owner_label, owner_of
from bot.tasks.views import TaskView, render_task_message
from storage.models import ActionItem
from storage.repositories import MemberRepo, SentLog

log = logging.getLogger(__name__)


def task_message(
    session: Session,
    task: ActionItem,
    lang: str,
    now: datetime,
    *,
    intro: str | None = None,
) -> Message:
    """Return a task as a message: what, who, when, and buttons while it is open."""
    group = group_of(session, task)
    today = local_today(group, now)
    owner = owner_of(session, task)
    status = ActionStatus(task.status)
    view = TaskView(
        task_id=task.id,
        text=task.text,
        status=status,
        owner=owner_label(task, owner, lang, mention=True),
        due=due_label(task.due_date, lang, today),
        group=group.name,
        meeting=(
            meeting_label(session, task.meeting_id, group, lang)
            if status == ActionStatus.OPEN
            else None
        ),
    )
    return render_task_message(view, lang, intro=intro)


def message_language(session: Session, settings: Settings, task: ActionItem) -> str:
    """Return the language of a task's message: the owner's in a DM, else the group's."""
    group = group_of(session, task)
    if task.channel and task.channel.startswith("D"):
        return language_for(settings, group, owner_of(session, task))
    return language_for(settings, group, None)


def refresh_task_message(services: Services, task_id: int) -> None:
    """Bring the task's own message up to date after a change (best effort)."""
    with services.uow() as session:
        task = session.get(ActionItem, task_id)
        if task is None or not task.channel or not task.message_ts:
            return
        lang = message_language(session, services.settings, task)
        message = task_message(session, task, lang, services.now())
        channel, ts = task.channel, task.message_ts
    try:
        services.notifier.update(channel, ts, message)
    except Exception:
        # The change is saved; a stale message is fixed by the next change.
        log.exception("could not update the message of task %s", task_id)


def notify_owner(services: Services, task_id: int, actor_user: str | None) -> None:
    """DM a task's owner that it is theirs (once per task and owner); skip self-assignment.

    The DM becomes the task's own message when it has none yet (a task confirmed from
    the minutes), so a ✅ on it completes the task.
    """
    now = services.now()
    with services.uow() as session:
        task = session.get(ActionItem, task_id)
        if task is None or task.status != ActionStatus.OPEN:
            return
        owner = owner_of(session, task)
        if owner is None or not owner.active or not owner.slack_user_id:
            return
        if owner.slack_user_id == actor_user and task.message_ts:
            return
        key = f"tasks:assigned:{task.id}:{owner.id}"
        sent = SentLog(session)
        if sent.get(key) is not None:
            return
        group = group_of(session, task)
        lang = language_for(services.settings, group, owner)
        actor = t("tasks.assigned.someone", lang)
        if actor_user:
            person = MemberRepo(session).by_slack_user(group.id, actor_user)
            actor = escape(person.name) if person is not None else actor
        intro = t("tasks.assigned.intro", lang, actor=actor, group=escape(group.name))
        message = task_message(session, task, lang, now, intro=intro)
        user = owner.slack_user_id
        claim_send(session, key, now)

    def record(session: Session, posted: Posted) -> None:
        task = session.get(ActionItem, task_id)
        if task is not None and not task.message_ts:
            task.channel = posted.channel
            task.message_ts = posted.ts

    # Sent once the claim has committed: no Slack call while a transaction holds the lock.
    send_claimed(services, key, lambda: services.notifier.dm(user, message), record, now)


def post_task_message(
    services: Services, task_id: int, channel: str, *, thread_ts: str | None, user_id: str
) -> None:
    """Post a new task's message where it was written, and keep where it landed."""
    now = services.now()
    with services.uow() as session:
        task = session.get(ActionItem, task_id)
        if task is None:
            return
        lang = language_for(services.settings, group_of(session, task), None)
        if channel.startswith("D"):
            member = MemberRepo(session).by_slack_user(task.group_id, user_id)
            lang = language_for(services.settings, group_of(session, task), member)
        message = task_message(session, task, lang, now)
    try:
        posted = services.notifier.post(channel, message, thread_ts=thread_ts)
    except Exception:
        # A slash command in a channel the bot is not in: the person gets it by DM.
        log.info("could not post task %s in %s; sending it by DM", task_id, channel)
        posted = services.notifier.dm(user_id, message)
    with services.uow() as session:
        task = session.get(ActionItem, task_id)
        if task is not None:
            task.channel = posted.channel
            task.message_ts = posted.ts


def task_for_message(session: Session, channel: str, ts: str) -> ActionItem | None:
    """Return the task whose own message this is (or the person's own "opgave:" message)."""
    return session.scalar(
        select(ActionItem)
        .where(
            ActionItem.channel == channel,
            or_(
                ActionItem.message_ts == ts,
                and_(ActionItem.source_ts == ts, ActionItem.via.in_(OWN_MESSAGE_VIA)),
            ),
        )
        .order_by(ActionItem.id)
        .limit(1)
    )
