"""Who may do what with a task, and the contexts the use cases act in."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.context import Context, language_for, resolve_one_group
from bot.domain.permissions import Action, can
from bot.errors import UserError
from bot.render import escape
from bot.router import Request
from bot.settings import Settings
from storage.models import ActionItem, Group, Member
from storage.repositories import MemberRepo

# Why: the follow-ups come out of the minutes, and whoever keeps the minutes keeps the
# follow-up list — the secretariat and the chair. They confirm what the extractor found,
# reassign and drop; an owner (or whoever wrote the task) reports their own task done.
KEEPER_ACTION = Action.POST_MINUTES


def is_keeper(member: Member | None) -> bool:
    """Tell whether a member keeps the group's follow-up list (chair or secretariat)."""
    return member is not None and member.active and can(member.role, KEEPER_ACTION)


def require_keeper(ctx: Context) -> Member:
    """Return the member if they keep the follow-up list, else refuse naming who does."""
    group = ctx.require_group()
    if not is_keeper(ctx.member):
        raise UserError("tasks.keeper_only", group=escape(group.name))
    assert ctx.member is not None
    return ctx.member


def require_task_change(ctx: Context, task: ActionItem) -> Member:
    """Return the member if they may change this task: its owner, its author or a keeper."""
    member = ctx.require(Action.MANAGE_TASKS)
    if is_keeper(member) or member.id == task.owner_member_id:
        return member
    if task.created_by is not None and task.created_by == member.slack_user_id:
        return member
    raise UserError("tasks.not_yours", number=task.id, group=escape(ctx.require_group().name))


def request_context(session: Session, settings: Settings, request: Request) -> Context:
    """Resolve the group behind a request; in a DM of someone in several groups, ask which."""
    return resolve_one_group(session, settings, request, ask="tasks.which_group")


def group_context(session: Session, settings: Settings, group: Group, user_id: str) -> Context:
    """Return the context of a person acting in a known group (a button or a modal)."""
    member = MemberRepo(session).by_slack_user(group.id, user_id)
    if member is not None and not member.active:
        member = None
    return Context(group=group, member=member, lang=language_for(settings, group, member))


def task_context(
    session: Session, settings: Settings, task_id: int, user_id: str
) -> tuple[ActionItem, Context]:
    """Load a task and the context of the person acting on it."""
    task = session.get(ActionItem, task_id)
    if task is None:
        raise UserError("tasks.no_such_task", number=task_id)
    group = session.get(Group, task.group_id)
    if group is None:
        raise UserError("tasks.no_such_task", number=task_id)
    return task, group_context(session, settings, group, user_id)


def group_of(session: Session, task: ActionItem) -> Group:
    """Return the group a task belongs to."""
    group = session.get(Group, task.group_id)
    if group is None:  # the foreign key makes this impossible; say so loudly if it happens
        raise LookupError(f"action item {task.id} has no group")
    return group


def local_today(group: Group, now: datetime) -> date:
    """Return today's date in the group's zone."""
    return now.astimezone(ZoneInfo(group.timezone)).date()
