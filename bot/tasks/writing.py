"""Write tasks: create, complete, edit, drop and comment, one transaction each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.context import Context
from bot.domain.digest import first_nudge_at, iso_week, next_nudge_at
from bot.domain.enums import ActionStatus
from bot.domain.permissions import Action
from bot.errors import UserError
from bot.render import escape
from bot.tasks.access import is_keeper, local_today, require_keeper, require_task_change
from bot.tasks.kinds import COMMENT_LIMIT, NUDGE_JOB, TEXT_LIMIT
from bot.tasks.reading import TaskDraft, tidy
from storage.models import ActionComment, ActionItem, Group
from storage.repositories import AuditLog, DueWorkRepo, MemberRepo


def schedule_nudge(session: Session, task: ActionItem, group: Group, now: datetime) -> None:
    """Schedule the first overdue nudge of an open task with a due date (idempotent)."""
    if task.status != ActionStatus.OPEN or task.due_date is None:
        return
    at = first_nudge_at(task.due_date, group.timezone)
    if at < now:
        # Overdue already when written down or confirmed (old minutes, a late
        # confirmation): the assignment says so itself; the weekly rhythm starts a week on.
        at = next_nudge_at(now, group.timezone)
    week = iso_week(at.astimezone(ZoneInfo(group.timezone)).date())
    DueWorkRepo(session).schedule(
        kind=NUDGE_JOB,
        key=f"{NUDGE_JOB}:{task.id}:{task.due_date.isoformat()}:{week}",
        due_at=at,
        now=now,
        group_id=group.id,
        payload={"task_id": task.id, "due": task.due_date.isoformat()},
        replace=False,
    )


def _audit(
    session: Session, task: ActionItem, action: str, actor: str | None, now: datetime, **detail: Any
) -> None:
    AuditLog(session).record(
        at=now,
        action=action,
        group_id=task.group_id,
        actor=actor,
        subject_type="action_item",
        subject_id=task.id,
        detail=detail or None,
    )


def create_task(
    session: Session,
    ctx: Context,
    draft: TaskDraft,
    now: datetime,
    *,
    via: str,
    source_channel: str | None = None,
    source_ts: str | None = None,
) -> ActionItem:
    """Create an open task written by hand (any member may)."""
    member = ctx.require(Action.MANAGE_TASKS)
    group = ctx.require_group()
    task = ActionItem(
        group_id=group.id,
        text=draft.text,
        owner_member_id=draft.owner.id if draft.owner is not None else None,
        owner_name=draft.owner.name if draft.owner is not None else draft.owner_name,
        due_date=draft.due,
        status=ActionStatus.OPEN,
        channel=source_channel,
        source_ts=source_ts,
        via=via,
        created_by=member.slack_user_id,
        created_at=now,
    )
    session.add(task)
    session.flush()
    _audit(
        session,
        task,
        "task.created",
        member.slack_user_id,
        now,
        via=via,
        owner=task.owner_name,
        due=draft.due.isoformat() if draft.due else None,
    )
    schedule_nudge(session, task, group, now)
    return task


def complete(session: Session, ctx: Context, task: ActionItem, now: datetime) -> bool:
    """Mark an open task done; return False when it was done already."""
    member = require_task_change(ctx, task)
    if task.status == ActionStatus.DONE:
        return False
    if task.status != ActionStatus.OPEN:
        raise UserError("tasks.not_open", number=task.id)
    task.status = ActionStatus.DONE
    task.done_at = now
    _audit(session, task, "task.done", member.slack_user_id, now)
    return True


@dataclass
class Edit:
    """What a person asked to change on a task (None: leave as it is)."""

    text: str | None = None
    owner_user: str | None = None
    due: date | None = None
    clear_due: bool = False


def apply_edit(
    session: Session,
    ctx: Context,
    task: ActionItem,
    edit: Edit,
    now: datetime,
    *,
    confirm: bool = False,
) -> bool:
    """Change a task's text, owner or due date; confirm a candidate. Return if the owner changed.

    A candidate is the keeper's to change; an open task its owner's, its author's or a
    keeper's. Reassigning to someone else is a keeper's or the current owner's call.
    """
    group = ctx.require_group()
    if task.status == ActionStatus.CANDIDATE or confirm:
        member = require_keeper(ctx)
    else:
        member = require_task_change(ctx, task)
    if task.status in (ActionStatus.DONE, ActionStatus.DROPPED):
        raise UserError("tasks.not_open", number=task.id)
    changes: dict[str, Any] = {}
    if edit.text is not None:
        text = tidy(edit.text)
        if not text:
            raise UserError("tasks.empty_text")
        if len(text) > TEXT_LIMIT:
            raise UserError("tasks.too_long", limit=TEXT_LIMIT)
        if text != task.text:
            changes["text"] = text
            task.text = text
    owner_changed = False
    if edit.owner_user is not None:
        owner = MemberRepo(session).by_slack_user(group.id, edit.owner_user)
        if owner is None or not owner.active:
            raise UserError(
                "tasks.owner_not_member", user=f"<@{edit.owner_user}>", group=escape(group.name)
            )
        if owner.id != task.owner_member_id:
            if not (is_keeper(member) or member.id == task.owner_member_id):
                raise UserError("tasks.reassign_not_allowed", group=escape(group.name))
            task.owner_member_id = owner.id
            task.owner_name = owner.name
            changes["owner"] = owner.name
            owner_changed = True
    if edit.clear_due and task.due_date is not None:
        task.due_date = None
        changes["due"] = None
    elif edit.due is not None and edit.due != task.due_date:
        if edit.due < local_today(group, now) and task.status == ActionStatus.OPEN:
            raise UserError("tasks.due_past", day=edit.due.isoformat())
        task.due_date = edit.due
        changes["due"] = edit.due.isoformat()
    if confirm and task.status == ActionStatus.CANDIDATE:
        task.status = ActionStatus.OPEN
        changes["status"] = ActionStatus.OPEN.value
    if changes:
        _audit(session, task, "task.changed", member.slack_user_id, now, **changes)
    schedule_nudge(session, task, group, now)
    return owner_changed


def drop(session: Session, ctx: Context, task: ActionItem, now: datetime) -> bool:
    """Drop a candidate or an open task (a keeper's call); return False if already dropped."""
    member = require_keeper(ctx)
    if task.status == ActionStatus.DROPPED:
        return False
    if task.status == ActionStatus.DONE:
        raise UserError("tasks.not_open", number=task.id)
    task.status = ActionStatus.DROPPED
    _audit(session, task, "task.dropped", member.slack_user_id, now)
    return True


def add_comment(
    session: Session, ctx: Context, task: ActionItem, text: str, now: datetime
) -> ActionComment:
    """Add a comment to a task (any member of its group may)."""
    member = ctx.require(Action.MANAGE_TASKS)
    body = text.strip()
    if not body:
        raise UserError("tasks.empty_comment", number=task.id)
    if len(body) > COMMENT_LIMIT:
        raise UserError("tasks.too_long", limit=COMMENT_LIMIT)
    comment = ActionComment(action_id=task.id, author=member.slack_user_id, text=body, at=now)
    session.add(comment)
    session.flush()
    _audit(session, task, "task.commented", member.slack_user_id, now, comment_id=comment.id)
    return comment
