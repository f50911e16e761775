"""The archive's reads and matter edits, for the Slack edge (which imports no storage)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.answers import format_date
from bot.archive import ArchiveHit, _hit
from bot.context import role_list, user_language
from bot.domain.permissions import Action, can
from bot.errors import UserError
from bot.i18n import t
from bot.matters import join_matter, matter_of, matter_timeline, split_item
from bot.services import Services
from storage.models import AgendaItem, Group, Member
from storage.repositories import GroupRepo, MemberRepo


def member_group_ids(session: Session, user_id: str) -> list[int]:
    """Return the groups a person is a member of (their archive), by id."""
    return [g.id for g in MemberRepo(session).groups_of(user_id)]


def named_group(session: Session, name: str, user_id: str) -> tuple[Group, Member | None] | None:
    """Return a group named in a DM (by name or channel) and the person's membership."""
    group = GroupRepo(session).by_name_or_channel(name)
    if group is None:
        return None
    return group, MemberRepo(session).by_slack_user(group.id, user_id)


def hit_for_item(services: Services, item_id: int, user_id: str) -> ArchiveHit | None:
    """Return an item as an archive hit if the person may see its group's archive."""
    with services.uow() as session:
        item = session.get(AgendaItem, item_id)
        if item is None:
            return None
        group_ids = set(member_group_ids(session, user_id))
        if item.meeting.group_id not in group_ids:
            return None
        return _hit(session, item_id, 0.0)


def edit_matter(services: Services, user_id: str, value: str, *, join: bool) -> str:
    """Take an item out of its matter, or join it to another item's; return the reply."""
    ids = [int(part) for part in value.split(":") if part.isdigit()]
    if len(ids) != (2 if join else 1):
        raise UserError("matters.unknown_item")
    now = services.now()
    with services.uow() as session:
        item = session.get(AgendaItem, ids[0])
        if item is None:
            raise UserError("matters.unknown_item")
        member = MemberRepo(session).by_slack_user(item.meeting.group_id, user_id)
        lang = user_language(session, services.settings, user_id)
        group = session.get(Group, item.meeting.group_id)
        if member is None or group is None or not can(member.role, Action.CURATE):
            raise UserError(
                "error.not_allowed",
                action=t(f"action.{Action.CURATE.value}", lang),
                roles=role_list(Action.CURATE, lang),
                group=group.name if group is not None else "",
            )
        before = matter_of(session, item.id)
        matter = matter_timeline(session, before) if before is not None else None
        if join:
            join_matter(session, item.id, ids[1], now, user_id)
            other = session.get(AgendaItem, ids[1])
            title = other.title if other is not None else ""
        else:
            split_item(session, item.id, now, user_id)
            title = matter.title if matter is not None else item.title
        tz = ZoneInfo(group.timezone)
        day = format_date(item.meeting.starts_at.astimezone(tz).date(), lang)
        key = "archive.matter_joined" if join else "archive.matter_split"
        return t(key, lang, number=item.number or "", date=day, title=title)
