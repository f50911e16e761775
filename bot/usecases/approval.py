"""Use cases behind the approval listeners that read storage for the Slack edge.

Why not in ``bot.approval``: that module is being split into a package; these loaders
keep the handlers free of storage and turn a gone round into the stale-reference answer.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.approval import round_view
from bot.context import language_for
from bot.errors import StaleReference
from bot.minutes_render import item_message
from bot.ports import Message
from bot.settings import Settings
from storage.models import Group, Meeting, Minutes
from storage.repositories import GroupRepo, MemberRepo


def item_for_member(
    session: Session, minutes_id: int | None, item_key: str, user_id: str, lang: str
) -> Message:
    """Return one item of a round's minutes for a member of its group (stale if gone)."""
    minutes = session.get(Minutes, minutes_id or 0)
    meeting = session.get(Meeting, minutes.meeting_id) if minutes else None
    group = session.get(Group, meeting.group_id) if meeting else None
    member = MemberRepo(session).by_slack_user(group.id, user_id) if group else None
    if minutes is None or member is None:
        raise StaleReference("round")
    return item_message(round_view(session, minutes), item_key, lang)


def channel_language(session: Session, settings: Settings, channel_id: str, user_id: str) -> str:
    """Return the language to answer a person in, in a channel (theirs, the group's)."""
    group = GroupRepo(session).by_channel(channel_id)
    member = MemberRepo(session).by_slack_user(group.id, user_id) if group else None
    return language_for(settings, group, member)
