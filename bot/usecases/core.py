"""Use cases behind the core listeners: languages, members, roles, channels, workspaces."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot.errors import UserError
from storage.models import Group, Member
from storage.repositories import GroupRepo, MemberRepo, WorkspaceRepo


def set_language(session: Session, user_id: str, choice: str) -> None:
    """Set the language a person is answered in, in every group they belong to."""
    groups = MemberRepo(session).groups_of(user_id)
    if not groups:
        raise UserError("error.no_group")
    for group in groups:
        member = MemberRepo(session).by_slack_user(group.id, user_id)
        if member is not None:
            member.language = choice


def members_of(session: Session, group_id: int) -> list[Member]:
    """Return a group's members."""
    return list(MemberRepo(session).in_group(group_id))


def roles_of(session: Session, user_id: str) -> list[tuple[Group, Member | None]]:
    """Return a person's groups, each with their membership (for their role)."""
    repo = MemberRepo(session)
    return [(group, repo.by_slack_user(group.id, user_id)) for group in repo.groups_of(user_id)]


def channel_group(session: Session, channel_id: str) -> Group | None:
    """Return the group a channel is, or None."""
    return GroupRepo(session).by_channel(channel_id)


def deactivate_workspace(session: Session, team_id: str, now: datetime) -> None:
    """Mark a workspace the app left as inactive."""
    workspace = WorkspaceRepo(session).by_team(team_id)
    if workspace is not None:
        workspace.active = False
        workspace.uninstalled_at = now
