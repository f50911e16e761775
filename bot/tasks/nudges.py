"""Overdue nudges: remind an owner once a week while a task is overdue."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.context import language_for
from bot.domain.digest import is_overdue, iso_week, next_nudge_at
from bot.domain.enums import ActionStatus
from bot.i18n import t
from bot.ports import Message, Posted
from bot.render import escape
from bot.scheduler import SendAfterCommit, row_session
from bot.services import Services
from bot.tasks.access import group_of, local_today
from bot.tasks.kinds import NUDGE_JOB
from bot.tasks.labels import day_label, owner_of
from bot.tasks.posting import task_message
from storage.models import ActionItem, DueWork
from storage.repositories import DueWorkRepo, SentLog


def nudge_message(session: Session, task: ActionItem, lang: str, now: datetime) -> Message:
    """Return the weekly nudge to the owner of an overdue task."""
    group = group_of(session, task)
    assert task.due_date is not None
    intro = t(
        "tasks.nudge.intro",
        lang,
        group=escape(group.name),
        number=task.id,
        day=day_label(task.due_date, lang),
    )
    return task_message(session, task, lang, now, intro=intro)


def run_nudge(services: Services, row: DueWork, now: datetime) -> SendAfterCommit | None:
    """Nudge the owner of an overdue task (once per ISO week) and schedule next week's."""
    session = row_session(row)
    payload = row.payload or {}
    task = session.get(ActionItem, int(payload.get("task_id", 0)))
    if task is None or task.status != ActionStatus.OPEN or task.due_date is None:
        return None
    if task.due_date.isoformat() != payload.get("due"):
        return None  # the due date moved; the row scheduled with the new date does the work
    group = group_of(session, task)
    today = local_today(group, now)
    if not is_overdue(task.due_date, today):
        return None
    deferred: SendAfterCommit | None = None
    owner = owner_of(session, task)
    if owner is not None and owner.active and owner.slack_user_id:
        key = f"tasks:nudge:{task.id}:{iso_week(today)}"
        if SentLog(session).get(key) is None:
            lang = language_for(services.settings, group, owner)
            message = nudge_message(session, task, lang, now)
            user, task_id = owner.slack_user_id, task.id

            def record(session: Session, posted: Posted) -> None:
                SentLog(session).record(key, posted.channel, posted.ts, now)
                nudged = session.get(ActionItem, task_id)
                if nudged is not None:
                    nudged.last_nudged_at = now

            # Sent once this transaction has committed: no Slack call while it holds the lock.
            deferred = SendAfterCommit(
                send=lambda: services.notifier.dm(user, message), record=record
            )
    following = next_nudge_at(now, group.timezone)
    week = iso_week(following.astimezone(ZoneInfo(group.timezone)).date())
    DueWorkRepo(session).schedule(
        kind=NUDGE_JOB,
        key=f"{NUDGE_JOB}:{task.id}:{task.due_date.isoformat()}:{week}",
        due_at=following,
        now=now,
        group_id=group.id,
        payload={"task_id": task.id, "due": task.due_date.isoformat()},
        replace=False,
    )
    return deferred
