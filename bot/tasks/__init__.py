"""Action items (opfølgning): offered from the decisions, written by hand, followed up.

Nothing found in the minutes becomes a task on its own: the extractor's candidates are
rows with status ``candidate`` that the secretary confirms, edits or drops. Tasks written
by hand ("opgave: @Anne laver notat senest 1/6") are open at once — their author is the
one who vouches for them. Open tasks are completed with a button or a ✅ on the task's
message; overdue owners are nudged once a week, and the chair sees the rest in the digest.

One concern per module: :mod:`.kinds`, :mod:`.access`, :mod:`.labels`, :mod:`.reading`,
:mod:`.writing`, :mod:`.commands`, :mod:`.offers`, :mod:`.nudges`, :mod:`.posting`,
:mod:`.lists`, :mod:`.home`, :mod:`.surfaces`, and the pure Block Kit builders in
:mod:`.views`. This package re-exports the names other modules import.
"""

from __future__ import annotations

from bot.tasks.access import group_context, is_keeper, request_context, task_context
from bot.tasks.commands import parse_task_command, run_task_command
from bot.tasks.home import home_blocks, offer_for_person
from bot.tasks.kinds import (
    COMMENT_ACTION,
    COMMENT_MODAL,
    CONFIRM_ACTION,
    DONE_ACTION,
    DONE_EMOJIS,
    DROP_ACTION,
    EDIT_ACTION,
    NUDGE_JOB,
    OFFER_JOB,
    OFFER_SHOW_ACTION,
    SHORTCUT,
    TASK_MODAL,
    VIA_DM,
    VIA_MENTION,
    VIA_SHORTCUT,
    VIA_SLASH,
)
from bot.tasks.labels import day_label
from bot.tasks.lists import group_list_message, my_list_message
from bot.tasks.nudges import run_nudge
from bot.tasks.offers import offer_action_items, offered_ids, run_offer
from bot.tasks.posting import (
    notify_owner,
    post_task_message,
    refresh_task_message,
    task_for_message,
)
from bot.tasks.reading import read_task
from bot.tasks.surfaces import (
    draft_from_modal,
    edit_modal,
    offer_on_request,
    post_comment,
    refresh_offer,
    shortcut_modal,
)
from bot.tasks.views import comment_modal, line_text
from bot.tasks.writing import Edit, add_comment, apply_edit, complete, create_task, drop

__all__ = [
    "COMMENT_ACTION",
    "COMMENT_MODAL",
    "CONFIRM_ACTION",
    "DONE_ACTION",
    "DONE_EMOJIS",
    "DROP_ACTION",
    "EDIT_ACTION",
    "NUDGE_JOB",
    "OFFER_JOB",
    "OFFER_SHOW_ACTION",
    "SHORTCUT",
    "TASK_MODAL",
    "VIA_DM",
    "VIA_MENTION",
    "VIA_SHORTCUT",
    "VIA_SLASH",
    "Edit",
    "add_comment",
    "apply_edit",
    "comment_modal",
    "complete",
    "create_task",
    "day_label",
    "draft_from_modal",
    "drop",
    "edit_modal",
    "group_context",
    "group_list_message",
    "home_blocks",
    "is_keeper",
    "line_text",
    "my_list_message",
    "notify_owner",
    "offer_action_items",
    "offer_for_person",
    "offer_on_request",
    "offered_ids",
    "parse_task_command",
    "post_comment",
    "post_task_message",
    "read_task",
    "refresh_offer",
    "refresh_task_message",
    "request_context",
    "run_nudge",
    "run_offer",
    "run_task_command",
    "shortcut_modal",
    "task_context",
    "task_for_message",
]
