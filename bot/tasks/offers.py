"""Action items (opfølgning): offered from the decisions, written by hand, followed up.

Nothing found in the minutes becomes a task on its own: the extractor's candidates are
rows with status ``candidate`` that the secretary confirms, edits or drops. Tasks written
by hand ("opgave: @Anne laver notat senest 1/6") are open at once — their author is the
one who vouches for them. Open tasks are completed with a button or a ✅ on the task's
message; overdue owners are nudged once a week, and the chair sees the rest in the digest.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, object_session

from bot.context import Context, language_for, resolve, user_language
from bot.dates import DateParseError, find_when
from bot.domain.actions import MemberRef, extract_actions, extract_from_decisions, match_owner
from bot.domain.digest import (
    TaskLine,
    by_owner,
    clip,
    first_nudge_at,
    is_overdue,
    iso_week,
    next_nudge_at,
    pack_lines,
    task_order,
)
from bot.domain.enums import ActionStatus, ItemStatus, MeetingStatus, Role
from bot.domain.permissions import Action, can
from bot.errors import UserError
from bot.i18n import t
from bot.outside import claim_send, send_claimed
from bot.ports import Message, Posted
from bot.render import (
    actions_block,
    button,
    context_block,
    escape,
    header_block,
    section_block,
    shorten,
)
from bot.router import Request
from bot.scheduler import SendAfterCommit
from bot.services import Services
from bot.settings import Settings
from storage.models import (
    ActionComment,
    ActionItem,
    AgendaItem,
    Decision,
    DueWork,
    Group,
    Meeting,
    Member,
)
from storage.repositories import AuditLog, DueWorkRepo, GroupRepo, MemberRepo, SentLog

log = logging.getLogger(__name__)

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

USER_REF = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
_TASK_REF = re.compile(r"^#(?P<id>\d+)\b\s*(?P<rest>.*)$", re.DOTALL)
_NEXT_MEETING = re.compile(
    r"(?:\b(?:senest\s+)?(?:til|inden|før|på|ved)\s+)(?:det\s+)?næste\s+(?:styregruppe|gruppe)?møde\b"
    r"|\b(?:by|before|for)\s+the\s+next\s+meeting\b",
    re.IGNORECASE,
)
_DUE_LEAD = re.compile(
    r"(?:\b(?:senest|inden|før|frist(?:en)?|deadline|til|by|before|due|on|den|d\.)[\s:]*)+$",
    re.IGNORECASE,
)
_TIME_ONLY = re.compile(r"^\s*(?:kl\.?\s*)?\d{1,2}(?:[:.]\d{2})?\s*$", re.IGNORECASE)
_EDGES = " \t\n:;,.-–—"

_DONE_WORDS = frozenset({"færdig", "faerdig", "løst", "loest", "done", "finished", "afsluttet"})
_DUE_WORDS = frozenset({"frist", "due", "deadline"})
_OWNER_WORDS = frozenset({"ansvarlig", "til", "owner", "to", "assign"})
_COMMENT_WORDS = frozenset({"kommentar", "kommentér", "kommenter", "comment", "note"})
_DROP_WORDS = frozenset({"drop", "slet", "annuller", "delete", "cancel"})


# ---------------------------------------------------------------------------------------
# Who may do what
# ---------------------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------------------
# Contexts
# ---------------------------------------------------------------------------------------


def request_context(session: Session, settings: Settings, request: Request) -> Context:
    """Resolve the group behind a request; in a DM of someone in several groups, ask which."""
    ctx = resolve(session, settings, request)
    if ctx.group is None and request.in_dm:
        groups = MemberRepo(session).groups_of(request.user_id)
        if len(groups) > 1:
            raise UserError(
                "tasks.which_group", groups=", ".join(f"*{escape(g.name)}*" for g in groups)
            )
    return ctx


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


# ---------------------------------------------------------------------------------------
# Labels
# ---------------------------------------------------------------------------------------


def day_label(day: date, lang: str) -> str:
    """Return a due date as the group writes it ("1. juni 2026")."""
    from bot.meetings import format_day

    return format_day(day, lang, weekday=False)


def due_label(due: date | None, lang: str, today: date) -> str:
    """Return a due date with a note when it has passed, or "no due date"."""
    if due is None:
        return t("tasks.due.none", lang)
    if is_overdue(due, today):
        return t("tasks.due.overdue", lang, day=day_label(due, lang))
    return day_label(due, lang)


def owner_label(task: ActionItem, owner: Member | None, lang: str, *, mention: bool) -> str:
    """Return who owns a task: an @-mention (pings) or a name, or "nobody yet"."""
    if owner is not None:
        if mention and owner.slack_user_id:
            return f"<@{owner.slack_user_id}>"
        return escape(owner.name)
    if task.owner_name:
        return escape(task.owner_name)
    return t("tasks.owner.none", lang)


def owner_of(session: Session, task: ActionItem) -> Member | None:
    """Return the member who owns a task, if it is a member."""
    return session.get(Member, task.owner_member_id) if task.owner_member_id else None


def meeting_label(session: Session, meeting_id: int | None, group: Group, lang: str) -> str:
    """Return the day of a meeting for "fra mødet …", or an empty string."""
    if meeting_id is None:
        return ""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        return ""
    return day_label(meeting.starts_at.astimezone(ZoneInfo(group.timezone)).date(), lang)


# ---------------------------------------------------------------------------------------
# The task's own message
# ---------------------------------------------------------------------------------------


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


def task_message(
    session: Session,
    task: ActionItem,
    lang: str,
    now: datetime,
    *,
    intro: str | None = None,
) -> Message:
    """Return a task as a message: what, who, when, and buttons while it is open."""
    group = group_of(session, task)
    today = local_today(group, now)
    owner = owner_of(session, task)
    status = ActionStatus(task.status)
    params = {
        "number": task.id,
        "text": escape(task.text),
        "owner": owner_label(task, owner, lang, mention=True),
        "due": due_label(task.due_date, lang, today),
    }
    if status == ActionStatus.DONE:
        body = t("tasks.message.done", lang, **params)
    elif status == ActionStatus.DROPPED:
        body = t("tasks.message.dropped", lang, **params)
    elif status == ActionStatus.CANDIDATE:
        body = t("tasks.message.candidate", lang, **params)
    else:
        body = t("tasks.message.open", lang, **params)
    if intro:
        body = f"{intro}\n{body}"
    blocks: list[dict[str, Any]] = [section_block(body)]
    if status == ActionStatus.OPEN:
        blocks.append(task_buttons(task.id, lang, block_id=f"task_{task.id}"))
        source = meeting_label(session, task.meeting_id, group, lang)
        hint = (
            t("tasks.message.hint_meeting", lang, group=escape(group.name), meeting=source)
            if source
            else t("tasks.message.hint", lang, group=escape(group.name))
        )
        blocks.append(context_block(hint))
    return Message(text=shorten(body, 2900), blocks=blocks)


def message_language(session: Session, settings: Settings, task: ActionItem) -> str:
    """Return the language of a task's message: the owner's in a DM, else the group's."""
    group = group_of(session, task)
    if task.channel and task.channel.startswith("D"):
        return language_for(settings, group, owner_of(session, task))
    return language_for(settings, group, None)


def refresh_task_message(services: Services, task_id: int) -> None:
    """Bring the task's own message up to date after a change (best effort)."""
    with services.uow() as session:
        task = session.get(ActionItem, task_id)
        if task is None or not task.channel or not task.message_ts:
            return
        lang = message_language(session, services.settings, task)
        message = task_message(session, task, lang, services.now())
        channel, ts = task.channel, task.message_ts
    try:
        services.notifier.update(channel, ts, message)
    except Exception:
        # The change is saved; a stale message is fixed by the next change.
        log.exception("could not update the message of task %s", task_id)


# ---------------------------------------------------------------------------------------
# Reading a task written by hand
# ---------------------------------------------------------------------------------------


@dataclass
class TaskDraft:
    """What a hand-written task says: text, owner, due date."""

    text: str
    owner: Member | None
    owner_name: str | None
    due: date | None


def _replace_mentions(session: Session, group: Group, text: str) -> str:
    """Write the other people mentioned in a task as names, so the text never pings."""

    def name(match: re.Match[str]) -> str:
        member = MemberRepo(session).by_slack_user(group.id, match.group(1))
        return member.name if member is not None else "@" + match.group(1)

    return USER_REF.sub(name, text)


def _tidy(text: str) -> str:
    return " ".join(text.split()).strip(_EDGES)


def _member_refs(members: Iterable[Member]) -> list[MemberRef]:
    return [
        MemberRef(
            id=m.id,
            name=m.name,
            organisation=m.organisation,
            role=str(m.role),
            slack_user_id=m.slack_user_id,
        )
        for m in members
    ]


_VAGUE_DUE = re.compile(
    r"\b(?:senest|seneste|frist(?:en)?|deadline|no later than)\s*:?\s+(?P<phrase>[^.,;:!?]{2,40}?)"
    r"\s*[.!]?\s*$",
    re.IGNORECASE,
)


def _find_due(text: str, now: datetime, tz: str) -> tuple[date | None, str]:
    """Find a named due date; return it and the text without it (and its "senest")."""
    pos = 0
    for _ in range(8):
        try:
            found = find_when(text[pos:], now, tz, prefer="future")
        except DateParseError as exc:
            raise UserError("tasks.bad_date", fragment=escape(exc.fragment)) from None
        if found is None:
            return None, text
        when, start, end = found
        start, end = start + pos, end + pos
        if _TIME_ONLY.match(text[start:end]):
            pos = end
            continue
        head = _DUE_LEAD.sub("", text[:start].rstrip())
        return when.date, f"{head} {text[end:]}"
    return None, text


def read_task(session: Session, group: Group, text: str, now: datetime) -> TaskDraft:
    """Read "@Anne laver notat om takster senest 1/6" into text, owner and due date."""
    tz = group.timezone
    today = local_today(group, now)
    owner: Member | None = None
    owner_name: str | None = None
    first = USER_REF.search(text)
    if first is not None:
        owner = MemberRepo(session).by_slack_user(group.id, first.group(1))
        if owner is None or not owner.active:
            raise UserError(
                "tasks.owner_not_member", user=f"<@{first.group(1)}>", group=escape(group.name)
            )
        owner_name = owner.name
        text = text[: first.start()] + " " + text[first.end() :]
    text = _replace_mentions(session, group, text)
    due: date | None = None
    phrase = _NEXT_MEETING.search(text)
    if phrase is not None:
        from bot.meetings import next_meeting

        upcoming = next_meeting(session, group.id, now)
        if upcoming is not None:
            due = upcoming.starts_at.astimezone(ZoneInfo(tz)).date()
            text = text[: phrase.start()] + " " + text[phrase.end() :]
    if due is None:
        due, text = _find_due(text, now, tz)
    if due is None:
        vague = _VAGUE_DUE.search(text)
        if vague is not None:
            # "senest næste år" names a deadline no date reader can pin: ask, do not keep
            # it as words that never remind anyone.
            raise UserError("tasks.vague_due", phrase=escape(vague.group("phrase").strip()))
    text = _tidy(text)
    if not text:
        raise UserError("tasks.usage")
    if len(text) > TEXT_LIMIT:
        raise UserError("tasks.too_long", limit=TEXT_LIMIT)
    if due is not None and due < today:
        raise UserError("tasks.due_past", day=due.isoformat())
    if owner is None:
        # "Sekretariatet udarbejder et notat": the minutes' own way of naming an owner.
        members = MemberRepo(session).in_group(group.id)
        for candidate in extract_actions(text, meeting_date=today):
            if candidate.owner:
                ref = match_owner(candidate.owner, _member_refs(members))
                owner = session.get(Member, ref.id) if ref is not None else None
                owner_name = owner.name if owner is not None else candidate.owner
                break
    return TaskDraft(text=text[:1].upper() + text[1:], owner=owner, owner_name=owner_name, due=due)


# ---------------------------------------------------------------------------------------
# Writing tasks
# ---------------------------------------------------------------------------------------


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
        text = _tidy(edit.text)
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


def comment_message(task: ActionItem, comment: ActionComment, author: str, lang: str) -> Message:
    """Return a comment as a reply in the task's thread."""
    text = t("tasks.comment.posted", lang, number=task.id, author=author, text=escape(comment.text))
    return Message(text=shorten(text, 2900), blocks=[section_block(text)])


# ---------------------------------------------------------------------------------------
# Text commands on one task: "opgave #12 færdig", "#12 frist 1/7", "#12 til @Bo"
# ---------------------------------------------------------------------------------------


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
    due, rest = _find_due(command.rest, now, group.timezone)
    if due is None or _tidy(rest):
        raise UserError("tasks.due_usage", number=task.id)
    apply_edit(session, ctx, task, Edit(due=due), now)
    return CommandResult(
        task.id, t("tasks.due.ok", ctx.lang, number=task.id, day=day_label(due, ctx.lang))
    )


# ---------------------------------------------------------------------------------------
# Candidates from the decisions
# ---------------------------------------------------------------------------------------


def _meeting_decisions(session: Session, meeting: Meeting) -> list[tuple[Decision, AgendaItem]]:
    """Return the meeting's current decisions with their items, in agenda order."""
    superseded = select(Decision.supersedes_id).where(Decision.supersedes_id.is_not(None))
    rows = session.execute(
        select(Decision, AgendaItem)
        .join(AgendaItem, Decision.item_id == AgendaItem.id)
        .where(
            AgendaItem.meeting_id == meeting.id,
            AgendaItem.status.notin_([ItemStatus.REJECTED, ItemStatus.WITHDRAWN]),
            Decision.id.notin_(superseded),
        )
        .order_by(AgendaItem.position, AgendaItem.id, Decision.position, Decision.id)
    ).all()
    return [(row[0], row[1]) for row in rows]


def _next_meeting_day(session: Session, meeting: Meeting, tz: str) -> date | None:
    following = session.scalar(
        select(Meeting)
        .where(
            Meeting.group_id == meeting.group_id,
            Meeting.status != MeetingStatus.CANCELLED,
            Meeting.starts_at > meeting.starts_at,
        )
        .order_by(Meeting.starts_at, Meeting.id)
        .limit(1)
    )
    return following.starts_at.astimezone(ZoneInfo(tz)).date() if following else None


def create_candidates(session: Session, meeting: Meeting, now: datetime) -> list[ActionItem]:
    """Create candidate rows for the meeting's decisions not offered before; return them.

    Idempotent: a decision that has any action item (whatever its status — a dropped
    candidate stays dropped) is not read again, and a candidate whose text the meeting
    already has (the same decision re-imported) is not created twice.
    """
    group = session.get(Group, meeting.group_id)
    if group is None:
        raise LookupError(f"meeting {meeting.id} has no group")
    decisions = _meeting_decisions(session, meeting)
    if not decisions:
        return []
    decision_ids = [d.id for d, _ in decisions]
    offered = set(
        session.scalars(
            select(ActionItem.decision_id).where(ActionItem.decision_id.in_(decision_ids))
        )
    )
    known_texts = {
        text.casefold()
        for text in session.scalars(
            select(ActionItem.text).where(ActionItem.meeting_id == meeting.id)
        )
    }
    fresh = [(d, item) for d, item in decisions if d.id not in offered]
    if not fresh:
        return []
    tz = group.timezone
    meeting_day = meeting.starts_at.astimezone(ZoneInfo(tz)).date()
    candidates = extract_from_decisions(
        [d.text for d, _ in fresh],
        meeting_date=meeting_day,
        next_meeting_date=_next_meeting_day(session, meeting, tz),
    )
    by_text: dict[str, tuple[Decision, AgendaItem]] = {}
    for decision, item in fresh:
        by_text.setdefault(decision.text, (decision, item))
    refs = _member_refs(MemberRepo(session).in_group(group.id))
    created: list[ActionItem] = []
    for candidate in candidates:
        if candidate.text.casefold() in known_texts:
            continue
        source = by_text.get(candidate.source)
        ref = match_owner(candidate.owner, refs) if candidate.owner else None
        row = ActionItem(
            group_id=group.id,
            meeting_id=meeting.id,
            item_id=source[1].id if source else None,
            decision_id=source[0].id if source else None,
            text=candidate.text[:TEXT_LIMIT],
            owner_member_id=ref.id if ref is not None else None,
            owner_name=ref.name if ref is not None else candidate.owner,
            due_date=candidate.due,
            status=ActionStatus.CANDIDATE,
            via=VIA_MINUTES,
            created_at=now,
        )
        session.add(row)
        known_texts.add(candidate.text.casefold())
        created.append(row)
    session.flush()
    if created:
        AuditLog(session).record(
            at=now,
            action="task.candidates",
            group_id=group.id,
            subject_type="meeting",
            subject_id=meeting.id,
            detail={"candidates": [row.id for row in created]},
        )
    return created


def offer_recipients(session: Session, group_id: int) -> list[Member]:
    """Return who is offered the candidates: the secretariat, or the chair if none is set."""
    members = MemberRepo(session)
    for role in (Role.SECRETARY, Role.CHAIR):
        found = [m for m in members.with_role(group_id, role) if m.slack_user_id]
        if found:
            return sorted(found, key=lambda m: m.id)
    return []


def offer_action_items(
    session: Session, services: Services, meeting: Meeting, now: datetime
) -> int:
    """Create candidates from the meeting's decisions and DM them to the secretary; return how many.

    Called when the minutes are approved, inside the caller's transaction: the DM goes
    out from a due row after that transaction commits, once per secretary (a `SentLog`
    key per offer and person), so a rolled-back approval offers nothing and a retried
    job never DMs twice. Calling it again for the same meeting creates nothing new.
    """
    _ = services  # the DM is sent by the job, with the services the tick passes it
    created = create_candidates(session, meeting, now)
    if not created:
        return 0
    batch = min(row.id for row in created)
    for member in offer_recipients(session, meeting.group_id):
        DueWorkRepo(session).schedule(
            kind=OFFER_JOB,
            key=f"{OFFER_JOB}:{meeting.id}:{batch}:{member.id}",
            due_at=now,
            now=now,
            group_id=meeting.group_id,
            payload={"meeting_id": meeting.id, "member_id": member.id, "batch": batch},
            replace=False,
        )
    return len(created)


def pending_candidates(session: Session, meeting_id: int) -> list[ActionItem]:
    """Return the meeting's candidates still waiting for the secretary, in order."""
    return list(
        session.scalars(
            select(ActionItem)
            .where(
                ActionItem.meeting_id == meeting_id,
                ActionItem.status == ActionStatus.CANDIDATE,
            )
            .order_by(ActionItem.id)
        )
    )


def _candidate_text(session: Session, task: ActionItem, lang: str, number: int) -> str:
    owner = owner_of(session, task)
    if owner is not None:
        who = t("tasks.offer.owner_member", lang, name=escape(owner.name))
    elif task.owner_name:
        who = t("tasks.offer.owner_unmatched", lang, name=escape(task.owner_name))
    else:
        who = t("tasks.offer.owner_none", lang)
    if task.due_date is None:
        due = t("tasks.offer.due_none", lang)
    else:
        due = t("tasks.offer.due", lang, day=day_label(task.due_date, lang))
    item = session.get(AgendaItem, task.item_id) if task.item_id else None
    where = (
        t(
            "tasks.offer.item",
            lang,
            number=escape(item.number or ""),
            title=escape(clip(item.title, 120)),
        )
        if item is not None
        else ""
    )
    text = escape(clip(task.text, 1200))
    status = ActionStatus(task.status)
    if status == ActionStatus.CANDIDATE:
        return t("tasks.offer.line", lang, n=number, text=text, owner=who, due=due, item=where)
    key = {
        ActionStatus.OPEN: "tasks.offer.confirmed",
        ActionStatus.DONE: "tasks.offer.confirmed",
        ActionStatus.DROPPED: "tasks.offer.dropped",
    }[status]
    return t(key, lang, n=number, text=text, owner=who, due=due)


def offer_message(
    session: Session, meeting: Meeting, task_ids: Sequence[int], lang: str
) -> Message:
    """Return the secretary's offer: each candidate with Bekræft / Ret / Drop, handled ones marked."""
    group = session.get(Group, meeting.group_id)
    assert group is not None
    rows = list(
        session.scalars(
            select(ActionItem).where(ActionItem.id.in_(task_ids)).order_by(ActionItem.id)
        )
    )
    day = day_label(meeting.starts_at.astimezone(ZoneInfo(group.timezone)).date(), lang)
    pending = [r for r in rows if r.status == ActionStatus.CANDIDATE]
    title = t("tasks.offer.title", lang, meeting=day)
    intro = (
        t("tasks.offer.intro", lang, count=len(pending), group=escape(group.name), meeting=day)
        if pending
        else t("tasks.offer.all_done", lang, group=escape(group.name), meeting=day)
    )
    blocks: list[dict[str, Any]] = [header_block(title), section_block(intro)]
    budget = OFFER_BLOCKS - len(blocks) - 1
    shown = 0
    for number, row in enumerate(rows, start=1):
        need = 2 if row.status == ActionStatus.CANDIDATE else 1
        if need > budget:
            break
        blocks.append(
            {
                **section_block(_candidate_text(session, row, lang, number)),
                "block_id": f"task_cand_{row.id}",
            }
        )
        if row.status == ActionStatus.CANDIDATE:
            value = str(row.id)
            blocks.append(
                actions_block(
                    [
                        button(
                            t("tasks.button.confirm", lang), CONFIRM_ACTION, value, style="primary"
                        ),
                        button(t("tasks.button.edit", lang), EDIT_ACTION, value),
                        button(t("tasks.button.drop", lang), DROP_ACTION, value, style="danger"),
                    ],
                    block_id=f"task_cand_act_{row.id}",
                )
            )
        budget -= need
        shown += 1
    if shown < len(rows):
        blocks.append(
            context_block(
                t("tasks.offer.more", lang, count=len(rows) - shown, day=day_query(meeting, group))
            )
        )
    return Message(text=f"{title}\n{intro}", blocks=blocks)


def day_query(meeting: Meeting, group: Group) -> str:
    """Return the meeting's date as the command takes it ("15/3/2024")."""
    day = meeting.starts_at.astimezone(ZoneInfo(group.timezone)).date()
    return f"{day.day}/{day.month}/{day.year}"


def offered_ids(blocks: Sequence[dict[str, Any]]) -> list[int]:
    """Return the task ids an offer message shows (from its block ids)."""
    ids: list[int] = []
    for block in blocks:
        block_id = str(block.get("block_id") or "")
        if block_id.startswith("task_cand_") and block_id[10:].isdigit():
            ids.append(int(block_id[10:]))
    return ids


def _job_session(row: DueWork) -> Session:
    session = object_session(row)
    if session is None:
        raise RuntimeError("due work row is not attached to the tick's session")
    return session


def run_offer(services: Services, row: DueWork, now: datetime) -> SendAfterCommit | None:
    """DM one secretary the meeting's pending candidates, once per offer."""
    session = _job_session(row)
    payload = row.payload or {}
    meeting = session.get(Meeting, int(payload.get("meeting_id", 0)))
    member = session.get(Member, int(payload.get("member_id", 0)))
    if meeting is None or member is None or not member.active or not member.slack_user_id:
        return None
    key = f"tasks:offer:{meeting.id}:{payload.get('batch')}:{member.id}"
    if SentLog(session).get(key) is not None:
        return None
    pending = pending_candidates(session, meeting.id)
    if not pending:
        return None
    group = session.get(Group, meeting.group_id)
    lang = language_for(services.settings, group, member)
    message = offer_message(session, meeting, [p.id for p in pending], lang)
    user = member.slack_user_id

    def record(session: Session, posted: Posted) -> None:
        SentLog(session).record(key, posted.channel, posted.ts, now)

    # Sent once this transaction has committed: no Slack call while it holds the lock.
    return SendAfterCommit(send=lambda: services.notifier.dm(user, message), record=record)


def offer_meeting(session: Session, group: Group, text: str, now: datetime) -> Meeting:
    """Return the meeting "opgaver forslag [dato]" means: the date's, else the last with decisions."""
    from bot.dates import parse_when
    from bot.meetings import meeting_by_date

    words = text.strip()
    if words:
        try:
            when = parse_when(words, now, group.timezone, prefer="past")
        except DateParseError as exc:
            raise UserError("tasks.offer.bad_date", fragment=escape(exc.fragment)) from None
        meeting = meeting_by_date(session, group, when.date)
        if meeting is None:
            raise UserError("tasks.offer.no_meeting", day=when.date.isoformat())
        return meeting
    with_decisions = (
        select(AgendaItem.meeting_id).join(Decision, Decision.item_id == AgendaItem.id).distinct()
    )
    meeting = session.scalar(
        select(Meeting)
        .where(
            Meeting.group_id == group.id,
            Meeting.starts_at <= now,
            Meeting.status != MeetingStatus.CANCELLED,
            Meeting.id.in_(with_decisions),
        )
        .order_by(Meeting.starts_at.desc(), Meeting.id.desc())
        .limit(1)
    )
    if meeting is None:
        raise UserError("tasks.offer.no_decisions", group=escape(group.name))
    return meeting


# ---------------------------------------------------------------------------------------
# Overdue nudges
# ---------------------------------------------------------------------------------------


def nudge_message(session: Session, task: ActionItem, lang: str, now: datetime) -> Message:
    """Return the weekly nudge to the owner of an overdue task."""
    group = group_of(session, task)
    assert task.due_date is not None
    intro = t(
        "tasks.nudge.intro",
        lang,
        group=escape(group.name),
        number=task.id,
        day=day_label(task.due_date, lang),
    )
    return task_message(session, task, lang, now, intro=intro)


def run_nudge(services: Services, row: DueWork, now: datetime) -> SendAfterCommit | None:
    """Nudge the owner of an overdue task (once per ISO week) and schedule next week's."""
    session = _job_session(row)
    payload = row.payload or {}
    task = session.get(ActionItem, int(payload.get("task_id", 0)))
    if task is None or task.status != ActionStatus.OPEN or task.due_date is None:
        return None
    if task.due_date.isoformat() != payload.get("due"):
        return None  # the due date moved; the row scheduled with the new date does the work
    group = group_of(session, task)
    today = local_today(group, now)
    if not is_overdue(task.due_date, today):
        return None
    deferred: SendAfterCommit | None = None
    owner = owner_of(session, task)
    if owner is not None and owner.active and owner.slack_user_id:
        key = f"tasks:nudge:{task.id}:{iso_week(today)}"
        if SentLog(session).get(key) is None:
            lang = language_for(services.settings, group, owner)
            message = nudge_message(session, task, lang, now)
            user, task_id = owner.slack_user_id, task.id

            def record(session: Session, posted: Posted) -> None:
                SentLog(session).record(key, posted.channel, posted.ts, now)
                nudged = session.get(ActionItem, task_id)
                if nudged is not None:
                    nudged.last_nudged_at = now

            # Sent once this transaction has committed: no Slack call while it holds the lock.
            deferred = SendAfterCommit(
                send=lambda: services.notifier.dm(user, message), record=record
            )
    following = next_nudge_at(now, group.timezone)
    week = iso_week(following.astimezone(ZoneInfo(group.timezone)).date())
    DueWorkRepo(session).schedule(
        kind=NUDGE_JOB,
        key=f"{NUDGE_JOB}:{task.id}:{task.due_date.isoformat()}:{week}",
        due_at=following,
        now=now,
        group_id=group.id,
        payload={"task_id": task.id, "due": task.due_date.isoformat()},
        replace=False,
    )
    return deferred


# ---------------------------------------------------------------------------------------
# Telling the owner
# ---------------------------------------------------------------------------------------


def notify_owner(services: Services, task_id: int, actor_user: str | None) -> None:
    """DM a task's owner that it is theirs (once per task and owner); skip self-assignment.

    The DM becomes the task's own message when it has none yet (a task confirmed from
    the minutes), so a ✅ on it completes the task.
    """
    now = services.now()
    with services.uow() as session:
        task = session.get(ActionItem, task_id)
        if task is None or task.status != ActionStatus.OPEN:
            return
        owner = owner_of(session, task)
        if owner is None or not owner.active or not owner.slack_user_id:
            return
        if owner.slack_user_id == actor_user and task.message_ts:
            return
        key = f"tasks:assigned:{task.id}:{owner.id}"
        sent = SentLog(session)
        if sent.get(key) is not None:
            return
        group = group_of(session, task)
        lang = language_for(services.settings, group, owner)
        actor = t("tasks.assigned.someone", lang)
        if actor_user:
            person = MemberRepo(session).by_slack_user(group.id, actor_user)
            actor = escape(person.name) if person is not None else actor
        intro = t("tasks.assigned.intro", lang, actor=actor, group=escape(group.name))
        message = task_message(session, task, lang, now, intro=intro)
        user = owner.slack_user_id
        claim_send(session, key, now)

    def record(session: Session, posted: Posted) -> None:
        task = session.get(ActionItem, task_id)
        if task is not None and not task.message_ts:
            task.channel = posted.channel
            task.message_ts = posted.ts

    # Sent once the claim has committed: no Slack call while a transaction holds the lock.
    send_claimed(services, key, lambda: services.notifier.dm(user, message), record, now)


def post_task_message(
    services: Services, task_id: int, channel: str, *, thread_ts: str | None, user_id: str
) -> None:
    """Post a new task's message where it was written, and keep where it landed."""
    now = services.now()
    with services.uow() as session:
        task = session.get(ActionItem, task_id)
        if task is None:
            return
        lang = language_for(services.settings, group_of(session, task), None)
        if channel.startswith("D"):
            member = MemberRepo(session).by_slack_user(task.group_id, user_id)
            lang = language_for(services.settings, group_of(session, task), member)
        message = task_message(session, task, lang, now)
    try:
        posted = services.notifier.post(channel, message, thread_ts=thread_ts)
    except Exception:
        # A slash command in a channel the bot is not in: the person gets it by DM.
        log.info("could not post task %s in %s; sending it by DM", task_id, channel)
        posted = services.notifier.dm(user_id, message)
    with services.uow() as session:
        task = session.get(ActionItem, task_id)
        if task is not None:
            task.channel = posted.channel
            task.message_ts = posted.ts


# ---------------------------------------------------------------------------------------
# Reactions
# ---------------------------------------------------------------------------------------


def task_for_message(session: Session, channel: str, ts: str) -> ActionItem | None:
    """Return the task whose own message this is (or the person's own "opgave:" message)."""
    return session.scalar(
        select(ActionItem)
        .where(
            ActionItem.channel == channel,
            or_(
                ActionItem.message_ts == ts,
                and_(ActionItem.source_ts == ts, ActionItem.via.in_(OWN_MESSAGE_VIA)),
            ),
        )
        .order_by(ActionItem.id)
        .limit(1)
    )


# ---------------------------------------------------------------------------------------
# Lists
# ---------------------------------------------------------------------------------------


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
    mine.sort(key=lambda pair: task_order(_as_line(pair[1]), local_today(pair[0], now)))
    title = t("tasks.list.mine_title", lang, count=len(mine))
    blocks: list[dict[str, Any]] = [header_block(title)]
    if not mine:
        blocks.append(section_block(t("tasks.list.mine_none", lang)))
    for group, task in mine[:LIST_TASKS]:
        today = local_today(group, now)
        text = line_text(_as_line(task), lang, today, owner=False)
        if len(groups) > 1:
            text = f"{text}\n_{escape(group.name)}_"
        blocks.append(
            section_block(
                text, accessory=button(t("tasks.button.done", lang), DONE_ACTION, str(task.id))
            )
        )
    if len(mine) > LIST_TASKS:
        blocks.append(context_block(t("tasks.list.more", lang, count=len(mine) - LIST_TASKS)))
    return Message(text=title, blocks=blocks)


def _as_line(task: ActionItem) -> TaskLine:
    return TaskLine(
        id=task.id,
        text=task.text,
        owner_key="",
        owner_label=task.owner_name or "",
        due=task.due_date,
    )


# ---------------------------------------------------------------------------------------
# The modals
# ---------------------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------------------
# App Home: the person's tasks
# ---------------------------------------------------------------------------------------


def home_blocks(
    session: Session, settings: Settings, user_id: str, now: datetime
) -> list[dict[str, Any]]:
    """Return the Home tab's task section: the person's open tasks with Færdig buttons.

    Keepers also see how many candidates from the minutes wait for them, per meeting.
    """
    members = MemberRepo(session)
    groups = members.groups_of(user_id)
    if not groups:
        return []
    mine: list[tuple[Group, ActionItem]] = []
    waiting: list[tuple[Group, Meeting, int]] = []
    lang = user_language(session, settings, user_id)
    for group in groups:
        member = members.by_slack_user(group.id, user_id)
        if member is None or not member.active:
            continue
        mine.extend(
            (group, task) for task in open_tasks(session, [group.id], owner_ids=[member.id])
        )
        if is_keeper(member):
            rows = session.execute(
                select(ActionItem.meeting_id, func.count(ActionItem.id))
                .where(
                    ActionItem.group_id == group.id,
                    ActionItem.status == ActionStatus.CANDIDATE,
                    ActionItem.meeting_id.is_not(None),
                )
                .group_by(ActionItem.meeting_id)
            ).all()
            for meeting_id, count in rows:
                meeting = session.get(Meeting, meeting_id)
                if meeting is not None:
                    waiting.append((group, meeting, int(count)))
    mine.sort(key=lambda pair: task_order(_as_line(pair[1]), local_today(pair[0], now)))
    blocks: list[dict[str, Any]] = [header_block(t("tasks.home.title", lang))]
    if not mine:
        blocks.append(context_block(t("tasks.home.none", lang)))
    for group, task in mine[:HOME_TASKS]:
        today = local_today(group, now)
        text = line_text(_as_line(task), lang, today, owner=False)
        if len(groups) > 1:
            text = f"{text}\n_{escape(group.name)}_"
        blocks.append(
            section_block(
                text, accessory=button(t("tasks.button.done", lang), DONE_ACTION, str(task.id))
            )
        )
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


def offer_for_person(
    session: Session, settings: Settings, meeting_id: int, user_id: str
) -> Message:
    """Return the pending candidates of a meeting for a keeper who asked to see them."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise UserError("tasks.offer.gone")
    group = session.get(Group, meeting.group_id)
    assert group is not None
    ctx = group_context(session, settings, group, user_id)
    require_keeper(ctx)
    pending = pending_candidates(session, meeting.id)
    if not pending:
        raise UserError("tasks.offer.nothing", meeting=day_query(meeting, group))
    return offer_message(session, meeting, [p.id for p in pending], ctx.lang)


# ---------------------------------------------------------------------------------------
# Use cases behind the Slack surfaces
# ---------------------------------------------------------------------------------------


@dataclass
class OfferReply:
    """The answer to "opgaver forslag": the offer to DM (None: nothing pending) and a reply."""

    message: Message | None
    text: str


def offer_on_request(session: Session, ctx: Context, text: str, now: datetime) -> OfferReply:
    """Find (idempotently) and return a meeting's pending candidates for the keeper asking."""
    group = ctx.require_group()
    require_keeper(ctx)
    meeting = offer_meeting(session, group, text, now)
    create_candidates(session, meeting, now)
    pending = [row.id for row in pending_candidates(session, meeting.id)]
    day = day_query(meeting, group)
    if not pending:
        total = session.scalar(
            select(func.count(ActionItem.id)).where(ActionItem.meeting_id == meeting.id)
        )
        return OfferReply(None, t("tasks.offer.none_left", ctx.lang, meeting=day, count=total))
    return OfferReply(
        offer_message(session, meeting, pending, ctx.lang),
        t("tasks.offer.sent", ctx.lang, count=len(pending), meeting=day),
    )


def refresh_offer(
    services: Services, channel: str, ts: str, task_ids: Sequence[int], lang: str
) -> None:
    """Re-render an offer message after one of its candidates was handled."""
    with services.uow() as session:
        first = session.get(ActionItem, task_ids[0]) if task_ids else None
        meeting = session.get(Meeting, first.meeting_id) if first and first.meeting_id else None
        if meeting is None:
            return
        message = offer_message(session, meeting, task_ids, lang)
    services.notifier.update(channel, ts, message)


def post_comment(services: Services, task_id: int, comment_id: int, user_id: str) -> None:
    """Reply with a comment in the task's thread, when the task has a message."""
    with services.uow() as session:
        task = session.get(ActionItem, task_id)
        comment = session.get(ActionComment, comment_id)
        if task is None or comment is None or not task.channel or not task.message_ts:
            return
        group = group_of(session, task)
        author = MemberRepo(session).by_slack_user(group.id, user_id)
        lang = message_language(session, services.settings, task)
        name = escape(author.name) if author is not None else f"<@{user_id}>"
        message = comment_message(task, comment, name, lang)
        channel, ts = task.channel, task.message_ts
    services.notifier.post(channel, message, thread_ts=ts)


def shortcut_modal(
    session: Session,
    settings: Settings,
    *,
    channel: str,
    user_id: str,
    message: dict[str, Any],
    now: datetime,
) -> dict[str, Any]:
    """Return the "Opret opgave" modal prefilled from a message: text, first @-person, date."""
    group = GroupRepo(session).by_channel(channel)
    if group is None:
        mine = MemberRepo(session).groups_of(user_id)
        if len(mine) != 1:
            raise UserError("tasks.shortcut.no_group")
        group = mine[0]
    ctx = group_context(session, settings, group, user_id)
    ctx.require(Action.MANAGE_TASKS)
    raw = str(message.get("text") or "")
    first = USER_REF.search(raw)
    owner = MemberRepo(session).by_slack_user(group.id, first.group(1)) if first else None
    text = _replace_mentions(session, group, raw).strip()
    metadata = json.dumps(
        {
            "mode": "create",
            "group_id": group.id,
            "channel": channel,
            "ts": message.get("ts"),
            "thread_ts": message.get("thread_ts") or message.get("ts"),
        }
    )
    return task_modal(
        ctx.lang,
        metadata,
        text=text,
        owner_user=owner.slack_user_id if owner is not None and owner.active else None,
        due=_prefill_due(text, now, group),
        create=True,
    )


def _prefill_due(text: str, now: datetime, group: Group) -> date | None:
    """Return a due date a message names, to prefill the modal (None when unclear)."""
    try:
        found = find_when(text, now, group.timezone, prefer="future")
    except DateParseError:
        return None
    if found is None:
        return None
    day = found[0].date
    return day if day >= local_today(group, now) else None


def draft_from_modal(
    session: Session,
    group: Group,
    text: str,
    owner_user: str | None,
    due: date | None,
    now: datetime,
) -> TaskDraft:
    """Read the "Opret opgave" modal into a draft (the text as written, nothing parsed)."""
    body = " ".join(text.split())
    if not body:
        raise UserError("tasks.empty_text")
    if len(body) > TEXT_LIMIT:
        raise UserError("tasks.too_long", limit=TEXT_LIMIT)
    owner = None
    if owner_user:
        owner = MemberRepo(session).by_slack_user(group.id, owner_user)
        if owner is None or not owner.active:
            raise UserError(
                "tasks.owner_not_member", user=f"<@{owner_user}>", group=escape(group.name)
            )
    if due is not None and due < local_today(group, now):
        raise UserError("tasks.due_past", day=due.isoformat())
    return TaskDraft(
        text=body, owner=owner, owner_name=owner.name if owner is not None else None, due=due
    )


def edit_modal(
    session: Session, settings: Settings, task_id: int, user_id: str, metadata: dict[str, Any]
) -> dict[str, Any]:
    """Return the edit modal of a task (a candidate's "Gem og bekræft"), if the person may."""
    task, ctx = task_context(session, settings, task_id, user_id)
    candidate = task.status == ActionStatus.CANDIDATE
    if candidate:
        require_keeper(ctx)
    else:
        require_task_change(ctx, task)
    if task.status not in (ActionStatus.CANDIDATE, ActionStatus.OPEN):
        raise UserError("tasks.not_open", number=task_id)
    owner = owner_of(session, task)
    meta = {**metadata, "task_id": task_id}
    if not candidate:
        meta.pop("ids", None)
        meta.pop("offer_ts", None)
    return task_modal(
        ctx.lang,
        json.dumps(meta),
        text=task.text,
        owner_user=owner.slack_user_id if owner is not None else None,
        owner_named=task.owner_name,
        due=task.due_date,
        confirm=candidate,
    )
