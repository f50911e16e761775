"""Every way into the bot and the permission its handler asks `bot.context.authorize` for.

A path is a registered command of the grammar ("command:propose") or a bolt listener
("action:task_done", "view:task_modal", "shortcut:ask_archive", "event:app_mention").
The value is the least a person must be allowed in the group the path acts on; None
marks a path open to anyone, with the reason beside it. A test compares this table with
the listeners of the running app, so a new path without a rule fails the suite.
"""

from __future__ import annotations

from bot.domain.permissions import Action

A = Action

#: Command names of the grammar (`/referent <word>`, a mention, a DM).
COMMAND_RULES: dict[str, Action | None] = {
    "help": None,  # says what the bot can do; nothing of any group
    "setup": A.MANAGE_ROLES,  # in a group's channel; setting up a new channel is open
    "role": A.MANAGE_ROLES,
    "language": None,  # a person's own reply language, nothing of the group
    "members": A.ASK,
    "task": A.MANAGE_TASKS,
    "tasks": A.ASK,
    "my_tasks": A.ASK,
    "settings": A.ASK,  # reading them; changing them asks CHANGE_SETTINGS
    "digest": A.ASK,
    "minutes": A.ASK,  # the status; sending minutes asks POST_MINUTES
    "status": A.ASK,
    "meeting": A.ASK,  # the list; planning a meeting asks MANAGE_MEETINGS
    "propose": A.PROPOSE,
    "agenda": A.ASK,  # the draft; curating asks CURATE
    "absent": A.AFBUD_SELF,
    "ask": A.ASK,
    "import": A.IMPORT,
    "write_minutes": A.POST_MINUTES,
}

#: Finer rules of a command, by its canonical verb (the first word after the command),
#: so a refusal names what the person tried ("dagsorden accepter F1": curating).
VERB_RULES: dict[str, dict[str, Action]] = {
    "agenda": dict.fromkeys(
        ("accept", "reject", "postpone", "up", "down", "kind", "publish"), A.CURATE
    ),
    "meeting": dict.fromkeys(("move", "cancel"), A.MANAGE_MEETINGS),
    "minutes": dict.fromkeys(("handled",), A.RESOLVE_OBJECTIONS),
}
#: Commands that only read without words after them and change something with them.
CHANGE_RULES: dict[str, Action] = {"settings": A.CHANGE_SETTINGS}
#: The rule of a command that carries a file (minutes sent for approval, an import).
FILE_RULES: dict[str, Action] = {"minutes": A.POST_MINUTES, "import": A.IMPORT}


def command_rule(name: str, verb: str | None, has_files: bool, has_words: bool) -> Action | None:
    """Return the rule a command asks for, given its canonical verb, files and words."""
    if verb is not None and verb in VERB_RULES.get(name, {}):
        return VERB_RULES[name][verb]
    if has_words and name in CHANGE_RULES:
        return CHANGE_RULES[name]
    if has_files and name in FILE_RULES:
        return FILE_RULES[name]
    return COMMAND_RULES.get(name)


#: Bolt listeners: "kind:id" (action, view, shortcut, event, command).
LISTENER_RULES: dict[str, Action | None] = {
    "action:task_done": A.MANAGE_TASKS,
    "action:task_confirm": A.POST_MINUTES,
    "action:task_drop": A.POST_MINUTES,
    "action:task_edit": A.MANAGE_TASKS,
    "action:task_comment": A.MANAGE_TASKS,
    "action:task_offer_show": A.ASK,
    "shortcut:task_from_message": A.MANAGE_TASKS,
    "view:task_modal": A.MANAGE_TASKS,
    "view:task_comment_modal": A.MANAGE_TASKS,
    "action:approval_show_item": A.ASK,
    "action:approval_handle_objection": A.RESOLVE_OBJECTIONS,
    "view:approval_handle_submit": A.RESOLVE_OBJECTIONS,
    "action:approval_reply_yes": A.VOTE,
    "action:approval_reply_no": A.VOTE,
    "view:meeting_modal": A.MANAGE_MEETINGS,
    "action:meeting_new": A.MANAGE_MEETINGS,
    "action:meeting_edit": A.MANAGE_MEETINGS,
    "action:meeting_cancel": A.MANAGE_MEETINGS,
    "action:meeting_ics": A.ASK,
    "action:meeting_ics_all": A.ASK,
    "shortcut:propose_from_message": A.PROPOSE,
    "shortcut:propose_item": A.PROPOSE,
    "action:proposal_open": A.PROPOSE,
    "view:proposal_modal": A.PROPOSE,
    "action:proposal_edit": A.PROPOSE,  # and the proposer's own item, or CURATE
    "view:proposal_edit_modal": A.PROPOSE,
    "action:proposal_withdraw": A.PROPOSE,
    "action:proposal_hint": A.CURATE,
    "action:agenda_entry": A.CURATE,
    "action:agenda_accept": A.CURATE,
    "action:agenda_reject": A.CURATE,
    "action:agenda_postpone": A.CURATE,
    "action:agenda_kind": A.CURATE,
    "view:agenda_reject_modal": A.CURATE,
    "view:agenda_postpone_modal": A.CURATE,
    "view:agenda_kind_modal": A.CURATE,
    "action:agenda_publish": A.CURATE,
    "action:^agenda_export(_docx|_md)?$": A.ASK,
    "action:attendance_yes": A.AFBUD_SELF,
    "action:attendance_no": A.AFBUD_SELF,
    "view:attendance_afbud": A.AFBUD_SELF,
    "action:^import_second_document:": A.IMPORT,
    "action:archive_show_full": A.ASK,
    "action:archive_not_this_matter": A.ASK,
    "action:archive_same_matter": A.ASK,
    "shortcut:ask_archive": A.ASK,
    "view:ask_archive_submit": A.ASK,
    "action:referat_open": A.POST_MINUTES,
    "action:referat_item": A.POST_MINUTES,
    "action:referat_attendance": A.POST_MINUTES,
    "action:referat_send": A.POST_MINUTES,
    "action:referat_fill": A.POST_MINUTES,
    "view:referat_item_submit": A.POST_MINUTES,
    "view:referat_attendance_submit": A.POST_MINUTES,
    "action:archive_correct": A.IMPORT,
    "view:archive_correct_submit": A.IMPORT,
    "action:^understand_choice_\\d+$": None,  # re-runs the person's own text as a command
    "command:/referent": None,  # routed by COMMAND_RULES
    "event:app_mention": None,  # routed by COMMAND_RULES
    "event:message": None,  # routed by COMMAND_RULES (DMs, file shares in a thread)
    "event:reaction_added": A.VOTE,  # approvals by reaction; others are ignored
    "event:reaction_removed": A.VOTE,
    "event:member_joined_channel": None,  # Slack's own event: membership bookkeeping
    "event:tokens_revoked": None,  # Slack's own event: uninstall bookkeeping
    "event:app_uninstalled": None,
    "event:file_shared": A.IMPORT,
    "event:app_home_opened": None,  # the Home tab shows only the person's own groups
    "event:.*": None,  # acknowledges and drops events nobody handles
}


# The verbs of the commands whose rule depends on what the person tries (the grammar's
# words; the handlers of meetings, the agenda and the minutes read them too).
#: "referat behandlet <note>": the secretary closes the objections.
HANDLED_WORDS = frozenset({"behandlet", "håndteret", "handled"})
MEETING_VERBS = {
    "kalender": "calendar",
    "calendar": "calendar",
    "flyt": "move",
    "move": "move",
    "aflys": "cancel",
    "cancel": "cancel",
    "liste": "list",
    "list": "list",
    "oversigt": "list",
    "ics": "ics",
}
AGENDA_VERBS = {
    "accepter": "accept",
    "acceptér": "accept",
    "optag": "accept",
    "accept": "accept",
    "afvis": "reject",
    "reject": "reject",
    "udsæt": "postpone",
    "udsaet": "postpone",
    "postpone": "postpone",
    "op": "up",
    "up": "up",
    "ned": "down",
    "down": "down",
    "type": "kind",
    "kind": "kind",
    "udgiv": "publish",
    "publicer": "publish",
    "publicér": "publish",
    "publish": "publish",
    "eksport": "export",
    "eksportér": "export",
    "export": "export",
}


def verb_of(args: str) -> str | None:
    """Return the canonical verb a command's text starts with ("accepter" → "accept")."""
    first = args.split(maxsplit=1)[0].casefold() if args.split() else ""
    if first in HANDLED_WORDS:
        return "handled"
    return AGENDA_VERBS.get(first) or MEETING_VERBS.get(first)
