"""Use cases behind the meeting and agenda listeners: load by id, check the actor, once.

Why here and not in the handlers: a listener calls one function that loads the entity,
its group and the acting person's context and checks the permission (or says the
reference is stale), so no handler reads storage itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import meetings as meetings_uc
from bot.agenda import actor_context
from bot.context import Context
from bot.domain.permissions import Action
from bot.errors import StaleReference, UserError
from bot.i18n import t
from bot.ics import ics_filename, meeting_ics
from bot.render import escape
from bot.settings import Settings
from storage.models import AgendaItem, Group, Meeting
from storage.repositories import GroupRepo, MemberRepo


@dataclass
class InGroup:
    """A group and the context of the person acting in it."""

    group: Group
    ctx: Context


@dataclass
class AtMeeting:
    """A meeting, its group and the context of the person acting on it."""

    meeting: Meeting
    group: Group
    ctx: Context


@dataclass
class AtItem:
    """An agenda item, its group and the context of the person acting on it."""

    item: AgendaItem
    group: Group
    ctx: Context


@dataclass(frozen=True)
class IcsFile:
    """A calendar file to send someone, with the words that go with it."""

    filename: str
    content: bytes
    text: str


def _allowed(ctx: Context, action: Action | None) -> Context:
    if action is not None:
        ctx.require(action)
    return ctx


def group_for(
    session: Session, settings: Settings, group_id: int | None, user_id: str, action: Action | None
) -> InGroup:
    """Load a group a button names and check the actor; a gone group is a stale reference."""
    group = GroupRepo(session).get(group_id or 0)
    if group is None:
        raise StaleReference("group")
    return InGroup(group, _allowed(actor_context(session, settings, group, user_id), action))


def meeting_for(
    session: Session,
    settings: Settings,
    meeting_id: int | None,
    user_id: str,
    action: Action | None,
) -> AtMeeting:
    """Load a meeting a button names, its group, and check the actor (stale if gone)."""
    meeting = session.get(Meeting, meeting_id or 0)
    group = GroupRepo(session).get(meeting.group_id) if meeting is not None else None
    if meeting is None or group is None:
        raise StaleReference("meeting")
    ctx = _allowed(actor_context(session, settings, group, user_id), action)
    return AtMeeting(meeting, group, ctx)


def meeting_in_group(session: Session, group: Group, meeting_id: int | None) -> Meeting:
    """Return a meeting of this group by id; one that is gone or elsewhere is stale."""
    meeting = session.get(Meeting, meeting_id or 0)
    if meeting is None or meeting.group_id != group.id:
        raise StaleReference("meeting")
    return meeting


def item_for(session: Session, settings: Settings, item_id: int | None, user_id: str) -> AtItem:
    """Load an agenda item a button names, its group, and the actor's context (stale if gone)."""
    item = session.get(AgendaItem, item_id or 0)
    meeting = session.get(Meeting, item.meeting_id) if item is not None else None
    group = GroupRepo(session).get(meeting.group_id) if meeting is not None else None
    if item is None or group is None:
        raise StaleReference("item")
    return AtItem(item, group, actor_context(session, settings, group, user_id))


def ics_for(
    session: Session, settings: Settings, user_id: str, group_id: int | None, meeting_id: int | None
) -> IcsFile:
    """Return one meeting's (or all of a group's) calendar file for a member of the group."""
    loaded = group_for(session, settings, group_id, user_id, Action.ASK)
    group, lang = loaded.group, loaded.ctx.lang
    if meeting_id is None:
        text = t("meetings.dm.ics_all", lang, group=escape(group.name))
        return IcsFile(ics_filename(group), meetings_uc.group_ics(session, group), text)
    meeting = meeting_in_group(session, group, meeting_id)
    text = t("meetings.dm.ics_one", lang, when=meetings_uc.where_text(meeting, group, lang))
    return IcsFile(ics_filename(group, meeting), meeting_ics([meeting], group), text)


def meeting_ics_for(
    session: Session, settings: Settings, user_id: str, meeting_id: int | None
) -> IcsFile:
    """Return a meeting's calendar file for a member of its group (stale if it is gone)."""
    meeting = session.get(Meeting, meeting_id or 0)
    if meeting is None:
        raise StaleReference("meeting")
    return ics_for(session, settings, user_id, meeting.group_id, meeting.id)


def proposal_groups(
    session: Session, user_id: str, channel_id: str, meeting_id: int | None = None
) -> tuple[Group | None, list[Group]]:
    """Return the channel's group (if any) and the groups a proposal can go to.

    The channel's own group wins; else the person's groups, narrowed to the group of the
    meeting a button named.
    """
    group = GroupRepo(session).by_channel(channel_id) if channel_id else None
    if group is not None:
        return group, [group]
    groups = MemberRepo(session).groups_of(user_id)
    if meeting_id is not None:
        meeting = session.get(Meeting, meeting_id)
        chosen = [g for g in groups if meeting is not None and g.id == meeting.group_id]
        groups = chosen or groups
    return None, groups


def groups_of(session: Session, user_id: str) -> list[Group]:
    """Return the groups a person is an active member of."""
    return MemberRepo(session).groups_of(user_id)


def postpone_target(session: Session, meeting_id: int | None) -> Meeting:
    """Return the meeting an item is postponed to, or explain how to pick one."""
    target = session.get(Meeting, meeting_id or 0)
    if target is None:
        raise UserError("agenda.postpone_usage")
    return target


def export_target(session: Session, meeting_id: int) -> tuple[Meeting, Group, str]:
    """Return a meeting, its group and the group's channel, for an agenda export."""
    meeting = session.get(Meeting, meeting_id)
    group = GroupRepo(session).get(meeting.group_id) if meeting else None
    if meeting is None or group is None or not group.channel_id:
        raise UserError("agenda.no_channel")
    return meeting, group, group.channel_id


def meeting_by_id(session: Session, meeting_id: int | None) -> Meeting | None:
    """Return a meeting by id, or None."""
    return session.get(Meeting, meeting_id or 0)


def own_proposals(session: Session, meeting: Meeting, member_id: int) -> list[AgendaItem]:
    """Return the items a member proposed for a meeting, oldest first."""
    return list(
        session.scalars(
            select(AgendaItem)
            .where(AgendaItem.meeting_id == meeting.id, AgendaItem.proposer_member_id == member_id)
            .order_by(AgendaItem.id)
        )
    )
