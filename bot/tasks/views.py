"""Block Kit of tasks: the message, list lines, Home, a comment and the modals (no session)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.domain.digest import OwnerTasks, TaskLine, clip, is_overdue, pack_lines
from bot.domain.enums import ActionStatus
from bot.i18n import t
from bot.ports import Message
from bot.render import (
    actions_block,
    button,
    context_block,
    escape,
    header_block,
    section_block,
    shorten,
)
from bot.tasks.access import local_today
from bot.tasks.kinds import (
    COMMENT_ACTION,
    COMMENT_LIMIT,
    COMMENT_MODAL,
    CONFIRM_ACTION,
    DONE_ACTION,
    DROP_ACTION,
    EDIT_ACTION,
    HOME_TASKS,
    LIST_TASKS,
    OFFER_BLOCKS,
    OFFER_SHOW_ACTION,
    TASK_MODAL,
    TEXT_LIMIT,
)
from bot.tasks.labels import day_label, due_label
from storage.models import ActionComment, ActionItem, Group, Meeting


def task_buttons(task_id: int, lang: str, *, block_id: str | None = None) -> dict[str, Any]:
    """Return the Færdig / Ret / Kommentér buttons of an open task."""
    value = str(task_id)
    return actions_block(
        [
            button(t("tasks.button.done", lang), DONE_ACTION, value, style="primary"),
            button(t("tasks.button.edit", lang), EDIT_ACTION, value),
            button(t("tasks.button.comment", lang), COMMENT_ACTION, value),
        ],
        block_id=block_id,
    )


@dataclass(frozen=True)
class TaskView:
    """What a task's own message shows (labels already in the reader's language)."""

    task_id: int
    text: str
    status: ActionStatus
    owner: str
    due: str
    group: str
    meeting: str | None = None


def render_task_message(view: TaskView, lang: str, *, intro: str | None = None) -> Message:
    """Return a task as a message: what, who, when, and buttons while it is open."""
    params = {
        "number": view.task_id,
        "text": escape(view.text),
        "owner": view.owner,
        "due": view.due,
    }
    if view.status == ActionStatus.DONE:
        body = t("tasks.message.done", lang, **params)
    elif view.status == ActionStatus.DROPPED:
        body = t("tasks.message.dropped", lang, **params)
    elif view.status == ActionStatus.CANDIDATE:
        body = t("tasks.message.candidate", lang, **params)
    else:
        body = t("tasks.message.open", lang, **params)
    if intro:
        body = f"{intro}\n{body}"
    blocks: list[dict[str, Any]] = [section_block(body)]
    if view.status == ActionStatus.OPEN:
        blocks.append(task_buttons(view.task_id, lang, block_id=f"task_{view.task_id}"))
        hint = (
            t("tasks.message.hint_meeting", lang, group=escape(view.group), meeting=view.meeting)
            if view.meeting
            else t("tasks.message.hint", lang, group=escape(view.group))
        )
        blocks.append(context_block(hint))
    return Message(text=shorten(body, 2900), blocks=blocks)


def comment_message(task: ActionItem, comment: ActionComment, author: str, lang: str) -> Message:
    """Return a comment as a reply in the task's thread."""
    text = t("tasks.comment.posted", lang, number=task.id, author=author, text=escape(comment.text))
    return Message(text=shorten(text, 2900), blocks=[section_block(text)])


def task_modal(
    lang: str,
    metadata: str,
    *,
    text: str = "",
    owner_user: str | None = None,
    owner_named: str | None = None,
    due: date | None = None,
    confirm: bool = False,
    create: bool = False,
) -> dict[str, Any]:
    """Return the task modal: text, owner (a Slack user) and due date."""
    text_element: dict[str, Any] = {
        "type": "plain_text_input",
        "action_id": "text",
        "multiline": True,
        "max_length": TEXT_LIMIT,
    }
    if text:
        text_element["initial_value"] = text[:TEXT_LIMIT]
    owner_element: dict[str, Any] = {"type": "users_select", "action_id": "owner"}
    if owner_user:
        owner_element["initial_user"] = owner_user
    due_element: dict[str, Any] = {"type": "datepicker", "action_id": "due"}
    if due is not None:
        due_element["initial_date"] = due.isoformat()
    blocks: list[dict[str, Any]] = [
        {
            "type": "input",
            "block_id": "text",
            "label": {"type": "plain_text", "text": t("tasks.modal.text", lang)},
            "element": text_element,
        },
        {
            "type": "input",
            "block_id": "owner",
            "optional": True,
            "label": {"type": "plain_text", "text": t("tasks.modal.owner", lang)},
            "element": owner_element,
        },
    ]
    if owner_named and not owner_user:
        blocks.append(context_block(t("tasks.modal.owner_named", lang, name=escape(owner_named))))
    blocks.append(
        {
            "type": "input",
            "block_id": "due",
            "optional": True,
            "label": {"type": "plain_text", "text": t("tasks.modal.due", lang)},
            "element": due_element,
        }
    )
    if create:
        submit, title = t("tasks.modal.create", lang), t("tasks.modal.title_new", lang)
    elif confirm:
        submit, title = t("tasks.modal.confirm", lang), t("tasks.modal.title_candidate", lang)
    else:
        submit, title = t("tasks.modal.save", lang), t("tasks.modal.title", lang)
    return {
        "type": "modal",
        "callback_id": TASK_MODAL,
        "private_metadata": metadata,
        "title": {"type": "plain_text", "text": title[:24]},
        "submit": {"type": "plain_text", "text": submit[:24]},
        "close": {"type": "plain_text", "text": t("tasks.modal.close", lang)[:24]},
        "blocks": blocks,
    }


def comment_modal(lang: str, metadata: str, number: int) -> dict[str, Any]:
    """Return the comment modal of a task."""
    return {
        "type": "modal",
        "callback_id": COMMENT_MODAL,
        "private_metadata": metadata,
        "title": {
            "type": "plain_text",
            "text": t("tasks.modal.comment_title", lang, number=number)[:24],
        },
        "submit": {"type": "plain_text", "text": t("tasks.modal.comment_submit", lang)[:24]},
        "close": {"type": "plain_text", "text": t("tasks.modal.close", lang)[:24]},
        "blocks": [
            {
                "type": "input",
                "block_id": "comment",
                "label": {"type": "plain_text", "text": t("tasks.modal.comment", lang)},
                "element": {
                    "type": "plain_text_input",
                    "action_id": "comment",
                    "multiline": True,
                    "max_length": COMMENT_LIMIT,
                },
            }
        ],
    }


def line_text(line: TaskLine, lang: str, today: date, *, owner: bool) -> str:
    """Return one task as a list line: "• ⚠️ *#12* Notat om takster – Povl Skov – frist 1. juni"."""
    parts = [f"*#{line.id}* {escape(clip(line.text, 200))}"]
    if owner:
        parts.append(escape(line.owner_label))
    if line.due is not None:
        parts.append(t("tasks.line.due", lang, due=due_label(line.due, lang, today)))
    mark = "⚠️ " if is_overdue(line.due, today) else ""
    return f"• {mark}" + " – ".join(parts)


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


def home_section(
    mine: Sequence[tuple[Group, ActionItem]],
    waiting: Sequence[tuple[Group, Meeting, int]],
    lang: str,
    now: datetime,
    *,
    several_groups: bool,
) -> list[dict[str, Any]]:
    """Return the Home tab's task section from the person's sorted open tasks and offers."""
    blocks: list[dict[str, Any]] = [header_block(t("tasks.home.title", lang))]
    if not mine:
        blocks.append(context_block(t("tasks.home.none", lang)))
    blocks.extend(own_task_blocks(mine[:HOME_TASKS], lang, now, with_group=several_groups))
    if len(mine) > HOME_TASKS:
        blocks.append(context_block(t("tasks.home.more", lang, count=len(mine) - HOME_TASKS)))
    for group, meeting, count in waiting[:5]:
        day = day_label(meeting.starts_at.astimezone(ZoneInfo(group.timezone)).date(), lang)
        blocks.append(
            section_block(
                t("tasks.home.pending", lang, count=count, meeting=day, group=escape(group.name)),
                accessory=button(t("tasks.button.show", lang), OFFER_SHOW_ACTION, str(meeting.id)),
            )
        )
    return blocks


def group_list(
    group: str,
    total: int,
    overdue: int,
    owners: Sequence[OwnerTasks],
    pending: int,
    lang: str,
    today: date,
) -> Message:
    """Return the group's open tasks by owner, with the candidates waiting when there are any."""
    blocks: list[dict[str, Any]] = []
    title = t("tasks.list.group_title", lang, group=group)
    summary = t("tasks.list.summary", lang, count=total, overdue=overdue)
    blocks.append(header_block(title))
    blocks.append(section_block(summary))
    if owners:
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
    if pending:
        blocks.append(context_block(t("tasks.list.pending", lang, count=pending)))
    blocks.append(context_block(t("tasks.list.footer", lang)))
    return Message(text=f"{title}\n{summary}", blocks=blocks[:50])


def own_list(
    mine: Sequence[tuple[Group, ActionItem]], lang: str, now: datetime, *, several_groups: bool
) -> Message:
    """Return a person's sorted open tasks in every group, with Færdig buttons."""
    title = t("tasks.list.mine_title", lang, count=len(mine))
    blocks: list[dict[str, Any]] = [header_block(title)]
    if not mine:
        blocks.append(section_block(t("tasks.list.mine_none", lang)))
    blocks.extend(own_task_blocks(mine[:LIST_TASKS], lang, now, with_group=several_groups))
    if len(mine) > LIST_TASKS:
        blocks.append(context_block(t("tasks.list.more", lang, count=len(mine) - LIST_TASKS)))
    return Message(text=title, blocks=blocks)


@dataclass(frozen=True)
class CandidateView:
    """One candidate of the secretary's offer, with its owner and agenda item loaded."""

    task_id: int
    text: str
    status: ActionStatus
    owner: str | None
    owner_name: str | None
    due: date | None
    item: tuple[str, str] | None


def candidate_text(candidate: CandidateView, lang: str, number: int) -> str:
    """Return one numbered line of the offer: what, who, by when, under which item."""
    if candidate.owner is not None:
        who = t("tasks.offer.owner_member", lang, name=escape(candidate.owner))
    elif candidate.owner_name:
        who = t("tasks.offer.owner_unmatched", lang, name=escape(candidate.owner_name))
    else:
        who = t("tasks.offer.owner_none", lang)
    if candidate.due is None:
        due = t("tasks.offer.due_none", lang)
    else:
        due = t("tasks.offer.due", lang, day=day_label(candidate.due, lang))
    where = (
        t(
            "tasks.offer.item",
            lang,
            number=escape(candidate.item[0]),
            title=escape(clip(candidate.item[1], 120)),
        )
        if candidate.item is not None
        else ""
    )
    text = escape(clip(candidate.text, 1200))
    status = candidate.status
    if status == ActionStatus.CANDIDATE:
        return t("tasks.offer.line", lang, n=number, text=text, owner=who, due=due, item=where)
    key = {
        ActionStatus.OPEN: "tasks.offer.confirmed",
        ActionStatus.DONE: "tasks.offer.confirmed",
        ActionStatus.DROPPED: "tasks.offer.dropped",
    }[status]
    return t(key, lang, n=number, text=text, owner=who, due=due)


def offer(
    candidates: Sequence[CandidateView], group: str, day: str, day_query: str, lang: str
) -> Message:
    """Return the secretary's offer: each candidate with Bekræft / Ret / Drop, handled ones marked."""
    pending = [c for c in candidates if c.status == ActionStatus.CANDIDATE]
    title = t("tasks.offer.title", lang, meeting=day)
    intro = (
        t("tasks.offer.intro", lang, count=len(pending), group=escape(group), meeting=day)
        if pending
        else t("tasks.offer.all_done", lang, group=escape(group), meeting=day)
    )
    blocks: list[dict[str, Any]] = [header_block(title), section_block(intro)]
    budget = OFFER_BLOCKS - len(blocks) - 1
    shown = 0
    for number, row in enumerate(candidates, start=1):
        need = 2 if row.status == ActionStatus.CANDIDATE else 1
        if need > budget:
            break
        blocks.append(
            {
                **section_block(candidate_text(row, lang, number)),
                "block_id": f"task_cand_{row.task_id}",
            }
        )
        if row.status == ActionStatus.CANDIDATE:
            value = str(row.task_id)
            blocks.append(
                actions_block(
                    [
                        button(
                            t("tasks.button.confirm", lang), CONFIRM_ACTION, value, style="primary"
                        ),
                        button(t("tasks.button.edit", lang), EDIT_ACTION, value),
                        button(t("tasks.button.drop", lang), DROP_ACTION, value, style="danger"),
                    ],
                    block_id=f"task_cand_act_{row.task_id}",
                )
            )
        budget -= need
        shown += 1
    if shown < len(candidates):
        blocks.append(
            context_block(t("tasks.offer.more", lang, count=len(candidates) - shown, day=day_query))
        )
    return Message(text=f"{title}\n{intro}", blocks=blocks)
