"""Use cases behind the task listeners: load a task or group by id and check the actor.

Why not in ``bot.tasks``: that module is being split into a package; these small
loaders turn a gone task into the one stale-reference answer every button gives.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.context import Context
from bot.errors import StaleReference
from bot.settings import Settings
from bot.tasks import group_context, task_context
from storage.models import ActionItem, Group
from storage.repositories import GroupRepo


def task_for(
    session: Session, settings: Settings, task_id: int | None, user_id: str
) -> tuple[ActionItem, Context]:
    """Load a task a button or modal names and the actor's context (stale if gone)."""
    task = session.get(ActionItem, task_id or 0)
    if task is None or session.get(Group, task.group_id) is None:
        raise StaleReference("task")
    return task_context(session, settings, task.id, user_id)


def require_task(session: Session, task_id: int | None) -> int:
    """Return the id of a task that still exists, or say the reference is stale."""
    if session.get(ActionItem, task_id or 0) is None:
        raise StaleReference("task")
    return int(task_id or 0)


def group_for(
    session: Session, settings: Settings, group_id: int | None, user_id: str
) -> tuple[Group, Context]:
    """Load the group a task modal was opened for and the actor's context (stale if gone)."""
    group = GroupRepo(session).get(group_id or 0)
    if group is None:
        raise StaleReference("group")
    return group, group_context(session, settings, group, user_id)
