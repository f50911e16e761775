"""Lists of open tasks: the group's and a person's own."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.context import Context, user_language
from bot.domain.digest import TaskLine, by_owner, clip, is_overdue, pack_lines, task_order
from bot.domain.enums import ActionStatus
from bot.errors import UserError
from bot.i18n import t
from bot.ports import Message
from bot.render import button, context_block, escape, header_block, section_block
from bot.settings import Settings
from bot.tasks.access import is_keeper, local_today
from bot.tasks.kinds import DONE_ACTION, LIST_TASKS
from bot.tasks.labels import due_label
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


def line_text(line: TaskLine, lang: str, today: date, *, owner: bool) -> str:
    """Return one task as a list line: "• ⚠️ *#12* Notat om takster – Povl Skov – frist 1. juni"."""
    parts = [f"*#{line.id}* {escape(clip(line.text, 200))}"]
    if owner:
        parts.append(escape(line.owner_label))
    if line.due is not None:
        parts.append(t("tasks.line.due", lang, due=due_label(line.due, lang, today)))
    mark = "⚠️ " if is_overdue(line.due, today) else ""
    return f"• {mark}" + " – ".join(parts)


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
    blocks: list[dict[str, Any]] = []
    overdue = sum(1 for task in tasks if is_overdue(task.due_date, today))
    title = t("tasks.list.group_title", lang, group=group.name)
    summary = t("tasks.list.summary", lang, count=len(tasks), overdue=overdue)
    blocks.append(header_block(title))
    blocks.append(section_block(summary))
    if tasks:
        owners = by_owner(task_lines(session, tasks, lang, today, with_owner=True), today)
        lines: list[str] = []
        for owner in owners:
            lines.append(
                t(
                    "tasks.list.owner",
                    lang,
                    owner=escape(owner.owner_label),
                    count=len(owner.tasks),
                    overdue=owner.overdue,
                )
            )
            lines.extend(line_text(line, lang, today, owner=False) for line in owner.tasks)
        for chunk in pack_lines(
            lines, max_chunks=40, more=lambda n: t("tasks.list.more", lang, count=n)
        ):
            blocks.append(section_block(chunk))
    pending = session.scalar(
        select(func.count(ActionItem.id)).where(
            ActionItem.group_id == group.id, ActionItem.status == ActionStatus.CANDIDATE
        )
    )
    if pending and is_keeper(ctx.member):
        blocks.append(context_block(t("tasks.list.pending", lang, count=pending)))
    blocks.append(context_block(t("tasks.list.footer", lang)))
    return Message(text=f"{title}\n{summary}", blocks=blocks[:50])


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
    title = t("tasks.list.mine_title", lang, count=len(mine))
    blocks: list[dict[str, Any]] = [header_block(title)]
    if not mine:
        blocks.append(section_block(t("tasks.list.mine_none", lang)))
    blocks.extend(own_task_blocks(mine[:LIST_TASKS], lang, now, with_group=len(groups) > 1))
    if len(mine) > LIST_TASKS:
        blocks.append(context_block(t("tasks.list.more", lang, count=len(mine) - LIST_TASKS)))
    return Message(text=title, blocks=blocks)


def line_of(task: ActionItem) -> TaskLine:
    """Return a task as a line of a list."""
    return TaskLine(
        id=task.id,
        text=task.text,
        owner_key="",
        owner_label=task.owner_name or "",
        due=task.due_date,
    )


def own_task_blocks(
    mine: Sequence[tuple[Group, ActionItem]], lang: str, now: datetime, *, with_group: bool
) -> list[dict[str, Any]]:
    """Return a person's tasks as sections with a done button (naming the group if asked)."""
    blocks: list[dict[str, Any]] = []
    for group, task in mine:
        today = local_today(group, now)
        text = line_text(line_of(task), lang, today, owner=False)
        if with_group:
            text = f"{text}\n_{escape(group.name)}_"
        blocks.append(
            section_block(
                text, accessory=button(t("tasks.button.done", lang), DONE_ACTION, str(task.id))
            )
        )
    return blocks
