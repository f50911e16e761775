"""Text commands on one task: "opgave #12 færdig", "#12 frist 1/7", "#12 til @Bo"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bot.errors import UserError
from bot.i18n import t
from bot.router import Request
from bot.settings import Settings
from bot.tasks.access import task_context
from bot.tasks.labels import day_label
from bot.tasks.reading import USER_REF, find_due, tidy
from bot.tasks.writing import Edit, add_comment, apply_edit, complete, drop

_TASK_REF = re.compile(r"^#(?P<id>\d+)\b\s*(?P<rest>.*)$", re.DOTALL)

_DONE_WORDS = frozenset({"færdig", "faerdig", "løst", "loest", "done", "finished", "afsluttet"})
_DUE_WORDS = frozenset({"frist", "due", "deadline"})
_OWNER_WORDS = frozenset({"ansvarlig", "til", "owner", "to", "assign"})
_COMMENT_WORDS = frozenset({"kommentar", "kommentér", "kommenter", "comment", "note"})
_DROP_WORDS = frozenset({"drop", "slet", "annuller", "delete", "cancel"})


@dataclass(frozen=True)
class TaskCommand:
    """A text command on an existing task."""

    task_id: int
    verb: str  # done | due | owner | comment | drop
    rest: str


def parse_task_command(text: str) -> TaskCommand | None:
    """Read "#12 færdig" and friends; None when the text is a new task."""
    match = _TASK_REF.match(text.strip())
    if match is None:
        return None
    word, _, rest = match.group("rest").strip().partition(" ")
    folded = word.casefold().rstrip(":")
    for verb, words in (
        ("done", _DONE_WORDS),
        ("due", _DUE_WORDS),
        ("owner", _OWNER_WORDS),
        ("comment", _COMMENT_WORDS),
        ("drop", _DROP_WORDS),
    ):
        if folded in words:
            return TaskCommand(int(match.group("id")), verb, rest.strip())
    raise UserError("tasks.command_usage", number=match.group("id"))


@dataclass
class CommandResult:
    """What a text command on a task did, for the reply and the follow-ups."""

    task_id: int
    text: str
    owner_changed: bool = False
    comment_id: int | None = None


def run_task_command(
    session: Session, settings: Settings, request: Request, command: TaskCommand, now: datetime
) -> CommandResult:
    """Run "#12 færdig|frist …|til @x|kommentar …|drop" for the person asking."""
    task, ctx = task_context(session, settings, command.task_id, request.user_id)
    group = ctx.require_group()
    if command.verb == "done":
        changed = complete(session, ctx, task, now)
        key = "tasks.done.ok" if changed else "tasks.done.already"
        return CommandResult(task.id, t(key, ctx.lang, number=task.id))
    if command.verb == "drop":
        drop(session, ctx, task, now)
        return CommandResult(task.id, t("tasks.dropped.ok", ctx.lang, number=task.id))
    if command.verb == "comment":
        comment = add_comment(session, ctx, task, command.rest, now)
        return CommandResult(
            task.id, t("tasks.comment.ok", ctx.lang, number=task.id), comment_id=comment.id
        )
    if command.verb == "owner":
        match = USER_REF.search(command.rest)
        if match is None:
            raise UserError("tasks.owner_usage", number=task.id)
        changed = apply_edit(session, ctx, task, Edit(owner_user=match.group(1)), now)
        return CommandResult(
            task.id,
            t("tasks.owner.ok", ctx.lang, number=task.id, owner=f"<@{match.group(1)}>"),
            owner_changed=changed,
        )
    due, rest = find_due(command.rest, now, group.timezone)
    if due is None or tidy(rest):
        raise UserError("tasks.due_usage", number=task.id)
    apply_edit(session, ctx, task, Edit(due=due), now)
    return CommandResult(
        task.id, t("tasks.due.ok", ctx.lang, number=task.id, day=day_label(due, ctx.lang))
    )
