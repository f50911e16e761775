"""Lists of open tasks: the group's and a person's own."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.context import Context, user_language
from bot.domain.digest import TaskLine, by_owner, is_overdue, task_order
from bot.domain.enums import ActionStatus
from bot.errors import UserError
from bot.i18n import t
from bot.ports import Message
from bot.settings import Settings
from bot.tasks.access import is_keeper, local_today
from bot.tasks.views import group_list, line_of, own_list
from storage.models import ActionItem, Group, Member
from storage.repositories import MemberRepo


def _owner_key(task: ActionItem) -> str:
    if task.owner_member_id is not None:
        return f"m{task.owner_member_id}"
    return f"n{task.owner_name.casefold()}" if task.owner_name else ""


def task_lines(
    session: Session, tasks: Sequence[ActionItem], lang: str, today: date, *, with_owner: bool
) -> list[TaskLine]:
    """Return open tasks as digest lines (owner names resolved)."""
    ids = {t_.owner_member_id for t_ in tasks if t_.owner_member_id is not None}
    names: dict[int, str] = {}
    if ids:
        for member_id, name in session.execute(
            select(Member.id, Member.name).where(Member.id.in_(ids))
        ):
            names[member_id] = name
    lines = []
    for task in tasks:
        label = names.get(task.owner_member_id or -1) or task.owner_name or ""
        lines.append(
            TaskLine(
                id=task.id,
                text=task.text,
                owner_key=_owner_key(task) if with_owner else "",
                owner_label=label or t("tasks.owner.none", lang),
                due=task.due_date,
            )
        )
    return lines


def open_tasks(
    session: Session, group_ids: Sequence[int], *, owner_ids: Sequence[int] | None = None
) -> list[ActionItem]:
    """Return open tasks of some groups (optionally of some owners)."""
    query = select(ActionItem).where(
        ActionItem.group_id.in_(group_ids), ActionItem.status == ActionStatus.OPEN
    )
    if owner_ids is not None:
        query = query.where(ActionItem.owner_member_id.in_(owner_ids))
    return list(session.scalars(query))


def group_list_message(session: Session, ctx: Context, now: datetime) -> Message:
    """Return the group's open tasks by owner, overdue first (`/referent opgaver`)."""
    group = ctx.require_group()
    lang = ctx.lang
    today = local_today(group, now)
    tasks = open_tasks(session, [group.id])
    overdue = sum(1 for task in tasks if is_overdue(task.due_date, today))
    owners = (
        by_owner(task_lines(session, tasks, lang, today, with_owner=True), today) if tasks else []
    )
    pending = session.scalar(
        select(func.count(ActionItem.id)).where(
            ActionItem.group_id == group.id, ActionItem.status == ActionStatus.CANDIDATE
        )
    )
    shown_pending = int(pending or 0) if is_keeper(ctx.member) else 0
    return group_list(group.name, len(tasks), overdue, owners, shown_pending, lang, today)


def my_list_message(session: Session, settings: Settings, user_id: str, now: datetime) -> Message:
    """Return the person's open tasks in every group, overdue first, with Færdig buttons."""
    members = MemberRepo(session)
    groups = members.groups_of(user_id)
    lang = user_language(session, settings, user_id)
    mine: list[tuple[Group, ActionItem]] = []
    for group in groups:
        member = members.by_slack_user(group.id, user_id)
        if member is None:
            continue
        for task in open_tasks(session, [group.id], owner_ids=[member.id]):
            mine.append((group, task))
    if not groups:
        raise UserError("error.no_group")
    mine.sort(key=lambda pair: task_order(line_of(pair[1]), local_today(pair[0], now)))
    return own_list(mine, lang, now, several_groups=len(groups) > 1)
