"""App Home: the person's tasks and the candidates waiting for them."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.context import user_language
from bot.domain.digest import task_order
from bot.domain.enums import ActionStatus
from bot.errors import UserError
from bot.i18n import t
from bot.ports import Message
from bot.render import button, context_block, escape, header_block, section_block
from bot.settings import Settings
from bot.tasks.access import group_context, is_keeper, local_today, require_keeper
from bot.tasks.kinds import HOME_TASKS, OFFER_SHOW_ACTION
from bot.tasks.labels import day_label
from bot.tasks.lists import line_of, open_tasks, own_task_blocks
from bot.tasks.offers import day_query, offer_message, pending_candidates
from storage.models import ActionItem, Group, Meeting
from storage.repositories import MemberRepo


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
    mine.sort(key=lambda pair: task_order(line_of(pair[1]), local_today(pair[0], now)))
    blocks: list[dict[str, Any]] = [header_block(t("tasks.home.title", lang))]
    if not mine:
        blocks.append(context_block(t("tasks.home.none", lang)))
    blocks.extend(own_task_blocks(mine[:HOME_TASKS], lang, now, with_group=len(groups) > 1))
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
