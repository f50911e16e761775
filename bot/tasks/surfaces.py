"""Use cases behind the Slack surfaces: offers on request, comments, shortcut and edit modals."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.context import Context
from bot.dates import DateParseError, find_when
from bot.domain.enums import ActionStatus
from bot.domain.permissions import Action
from bot.errors import UserError
from bot.i18n import t
from bot.ports import Message
from bot.render import escape
from bot.services import Services
from bot.settings import Settings
from bot.tasks.access import (
    group_context,
    group_of,
    local_today,
    require_keeper,
    require_task_change,
    task_context,
)
from bot.tasks.kinds import TEXT_LIMIT
from bot.tasks.labels import owner_of
from bot.tasks.offers import (
    create_candidates,
    day_query,
    offer_meeting,
    offer_message,
    pending_candidates,
)
from bot.tasks.posting import message_language
from bot.tasks.reading import USER_REF, TaskDraft, replace_mentions
from bot.tasks.views import comment_message, task_modal
from storage.models import ActionComment, ActionItem, Group, Meeting
from storage.repositories import GroupRepo, MemberRepo


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
    text = replace_mentions(session, group, raw).strip()
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
