"""Names and limits of the tasks feature: kinds of due work, action and modal ids, ways in."""

from __future__ import annotations

# Due work kinds.
OFFER_JOB = "tasks.offer"
NUDGE_JOB = "tasks.nudge"

# Slack ids of buttons, modals and the message shortcut.
CONFIRM_ACTION = "task_confirm"
EDIT_ACTION = "task_edit"
DROP_ACTION = "task_drop"
DONE_ACTION = "task_done"
COMMENT_ACTION = "task_comment"
OFFER_SHOW_ACTION = "task_offer_show"
TASK_MODAL = "task_modal"
COMMENT_MODAL = "task_comment_modal"
SHORTCUT = "task_from_message"

# How a task came about (``ActionItem.via``).
VIA_MINUTES = "minutes"
VIA_MENTION = "mention"
VIA_SLASH = "slash"
VIA_DM = "dm"
VIA_SHORTCUT = "shortcut"
#: Tasks whose source message is the person's own "opgave: …": a ✅ there completes them.
OWN_MESSAGE_VIA = frozenset({VIA_MENTION, VIA_DM})

#: Reactions that mark a task done.
DONE_EMOJIS = frozenset({"white_check_mark", "heavy_check_mark", "ballot_box_with_check"})

TEXT_LIMIT = 2000
COMMENT_LIMIT = 2000
LIST_TASKS = 20
HOME_TASKS = 10
#: A candidate takes two blocks (text and buttons); header, intro and the "more" note
#: take three of Slack's fifty.
OFFER_BLOCKS = 50
