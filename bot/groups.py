"""Use cases for groups and members: set up a channel, sync members, set roles."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from bot.domain.enums import Role
from bot.domain.permissions import Action
from bot.errors import UserError
from bot.ports import Directory, SlackUser
from bot.profiles import add_listed, queue_profiles
from bot.settings import Settings
from storage.models import Group, Member
from storage.repositories import AuditLog, GroupRepo, MemberRepo, WorkspaceRepo

if TYPE_CHECKING:
    from bot.services import Services

ROLE_WORDS: dict[str, Role] = {
    "formand": Role.CHAIR,
    "chair": Role.CHAIR,
    "næstformand": Role.CHAIR,
    "sekretær": Role.SECRETARY,
    "sekretaer": Role.SECRETARY,
    "sekretariat": Role.SECRETARY,
    "secretary": Role.SECRETARY,
    "medlem": Role.MEMBER,
    "member": Role.MEMBER,
    "gæst": Role.GUEST,
    "gaest": Role.GUEST,
    "guest": Role.GUEST,
}


@dataclass
class SyncResult:
    """How a member sync changed a group."""

    added: int
    reactivated: int
    deactivated: int
    total: int


def check_group_name(name: str) -> str:
    """Validate a group name: non-empty, of reasonable length, and no Slack control sequence.

    Why no ``<`` or ``>``: the name is shown in many messages, and ``<!channel>`` or
    ``<@U…>`` in it would ping people every time; a name never needs them.
    """
    cleaned = " ".join(name.split())
    if not cleaned or len(cleaned) > 200:
        raise UserError("setup.bad_name")
    if "<" in cleaned or ">" in cleaned:
        raise UserError("setup.bad_name_characters")
    return cleaned


def create_group(
    session: Session,
    settings: Settings,
    *,
    name: str,
    channel_id: str | None,
    now: datetime,
    actor: str | None = None,
) -> Group:
    """Create a group, refusing a taken name or channel."""
    groups = GroupRepo(session)
    name = check_group_name(name)
    if channel_id and groups.by_channel(channel_id) is not None:
        raise UserError("setup.channel_taken", name=groups.by_channel(channel_id).name)  # type: ignore[union-attr]
    if any(g.name.casefold() == name.casefold() for g in groups.all()):
        raise UserError("setup.name_taken", name=name)
    group = groups.add(
        Group(
            name=name,
            channel_id=channel_id,
            timezone=settings.referent_timezone,
            language=settings.referent_language,
            created_at=now,
        )
    )
    AuditLog(session).record(
        at=now, action="group.created", group_id=group.id, actor=actor, detail={"name": name}
    )
    return group


def upsert_member(
    session: Session, group: Group, user: SlackUser, now: datetime, role: Role | None = None
) -> tuple[Member, bool]:
    """Add or refresh a Slack user as a member; return (member, created)."""
    members = MemberRepo(session)
    member = members.by_slack_user(group.id, user.id)
    created = member is None
    if member is None:
        member = members.add(
            Member(
                group_id=group.id,
                slack_user_id=user.id,
                name=user.real_name or user.name,
                title=user.title,
                timezone=user.tz,
                role=role or Role.MEMBER,
                joined_at=now,
                active=True,
            )
        )
    else:
        member.name = user.real_name or user.name or member.name
        member.title = user.title or member.title
        member.timezone = user.tz or member.timezone
        if role is not None:
            member.role = role
    return member, created


def listed_members(directory: Directory, channel_id: str) -> list[str]:
    """Return the ids Slack lists in a channel (all pages), less the bot; no transaction open.

    Only ``conversations.members`` is asked: a few calls for any size of channel. Each
    profile is fetched afterwards by the profile worker (``bot.profiles``).
    """
    bot_id = directory.bot_user_id()
    listed = directory.channel_members(channel_id)
    return [u for u in dict.fromkeys(listed) if u and u != bot_id]


def sync_members(
    session: Session,
    services: Services | None,
    listed: list[str],
    group: Group,
    now: datetime,
) -> SyncResult:
    """Make the group's members match the ids the channel lists; queue the profiles to fetch.

    New people are members at once, named by id until their profile arrives; a known
    member who left is set inactive. A closed account or a bot drops out when its profile
    is read.
    """
    if not group.channel_id:
        return SyncResult(0, 0, 0, len(MemberRepo(session).in_group(group.id)))
    members = MemberRepo(session)
    existing = {m.slack_user_id: m for m in members.in_group(group.id, active_only=False)}
    added = reactivated = deactivated = 0
    to_fetch: list[str] = []
    for user_id in listed:
        member = existing.get(user_id)
        if member is not None:
            if not member.active:
                member.active = True
                reactivated += 1
                to_fetch.append(user_id)  # back again: is the account still open?
            continue
        add_listed(session, group, user_id, now)
        to_fetch.append(user_id)
        added += 1
    present = set(listed)
    for slack_id, known in existing.items():
        if slack_id and slack_id not in present and known.active:
            known.active = False
            deactivated += 1
    queue_profiles(session, services, group, to_fetch, now)
    total = len(members.in_group(group.id))
    return SyncResult(added, reactivated, deactivated, total)


def member_joined(
    session: Session, services: Services | None, group: Group, user_id: str, now: datetime
) -> Member:
    """Add a person who joined the group's channel; their profile follows in the background.

    No Slack call here: the person is a member named by id at once, and the profile
    worker reads them at ``users.info``'s tier rate (a bot or a closed account is set
    inactive then). Someone who comes back is read anew.
    """
    member, created = add_listed(session, group, user_id, now)
    if created or not member.active:
        member.active = True
        queue_profiles(session, services, group, [user_id], now)
    return member


def check_setup(session: Session, channel_id: str) -> None:
    """Refuse to set up a channel that is a group already (before reading it from Slack)."""
    existing = GroupRepo(session).by_channel(channel_id)
    if existing is not None:
        raise UserError("setup.already", name=existing.name)


def setup_channel(
    session: Session,
    settings: Settings,
    listed: list[str],
    *,
    channel_id: str,
    user_id: str,
    name: str | None,
    channel_name: str | None,
    now: datetime,
    team_id: str | None = None,
    services: Services | None = None,
) -> tuple[Group, SyncResult]:
    """Turn a channel into a group at once; the person who runs it becomes secretary.

    Members are the ids the channel lists (read beforehand); their profiles are fetched
    in the background (``bot.profiles``), so a 300-member channel answers straight away.
    """
    check_setup(session, channel_id)
    group = create_group(
        session,
        settings,
        name=name or channel_name or channel_id,
        channel_id=channel_id,
        now=now,
        actor=user_id,
    )
    if team_id:
        group.workspace_id = WorkspaceRepo(session).ensure(team_id, now).id
    everyone = listed if user_id in listed else [*listed, user_id]
    result = sync_members(session, services, everyone, group, now)
    add_listed(session, group, user_id, now, role=Role.SECRETARY)
    AuditLog(session).record(
        at=now,
        action="member.role",
        group_id=group.id,
        actor=user_id,
        detail={"user": user_id, "role": Role.SECRETARY.value},
    )
    return group, result


def set_role(
    session: Session,
    services: Services | None,
    *,
    group: Group,
    actor: Member | None,
    target_user_id: str,
    role_word: str,
    now: datetime,
) -> Member:
    """Give a member a role; only the chair or the secretary may."""
    from bot.context import permitted

    if actor is None or not permitted(actor, group, Action.MANAGE_ROLES):
        raise UserError("role.not_allowed", group=group.name)
    role = ROLE_WORDS.get(role_word.casefold())
    if role is None:
        raise UserError("role.usage")
    member = MemberRepo(session).by_slack_user(group.id, target_user_id)
    if member is None:
        # Named by id until the profile worker reads them (no Slack call here); a closed
        # account is set inactive then.
        member, _ = add_listed(session, group, target_user_id, now, role=role)
        queue_profiles(session, services, group, [target_user_id], now)
    else:
        member.role = role
        if not member.active:  # back again: read the profile anew (a closed account stays out)
            member.active = True
            queue_profiles(session, services, group, [target_user_id], now)
    AuditLog(session).record(
        at=now,
        action="member.role",
        group_id=group.id,
        actor=actor.slack_user_id,
        subject_type="member",
        subject_id=member.id,
        detail={"user": target_user_id, "role": role.value},
    )
    return member
