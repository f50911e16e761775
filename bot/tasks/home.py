"""App Home: the person's tasks and the candidates waiting for them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.context import user_language
from bot.domain.digest import task_order
from bot.domain.enums import ActionStatus
from bot.errors import UserError
from bot.ports import Message
from bot.settings import Settings
from bot.tasks.access import group_context, is_keeper, local_today, require_keeper
from bot.tasks.lists import open_tasks
from bot.tasks.offers import day_query, offer_message, pending_candidates
from bot.tasks.views import home_section, line_of
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
    return home_section(mine, waiting, lang, now, several_groups=len(groups) > 1)


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
