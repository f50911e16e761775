"""Our records of the workspaces the bot is installed in (the database side of OAuth).

Why apart from ``handlers.oauth``: the installation store and Bolt's OAuth flow are
Slack's, but which workspace a channel or person belongs to, and what an installation
changes in our own tables, are ours; the Slack edge does not import storage.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import select

from storage.db import UnitOfWork
from storage.models import Group, Member, Workspace
from storage.repositories import WorkspaceRepo


def record_installation(
    uow: UnitOfWork, team_id: str, name: str | None, bot_user_id: str | None
) -> None:
    """Mark a workspace installed (again): its name, the bot's user, active."""
    with uow() as session:
        workspace = WorkspaceRepo(session).ensure(team_id, datetime.now(UTC))
        workspace.name = name
        workspace.bot_user_id = bot_user_id
        workspace.active = True
        workspace.uninstalled_at = None


def team_lookup(uow: UnitOfWork) -> Callable[[str], str | None]:
    """Return a function giving the workspace of a channel or a person, from our records."""

    def team_of(target: str) -> str | None:
        with uow() as session:
            if target.startswith(("C", "G")):
                query = (
                    select(Workspace.team_id)
                    .join(Group, Group.workspace_id == Workspace.id)
                    .where(Group.channel_id == target)
                )
            else:
                query = (
                    select(Workspace.team_id)
                    .join(Group, Group.workspace_id == Workspace.id)
                    .join(Member, Member.group_id == Group.id)
                    .where(Member.slack_user_id == target)
                )
            return session.scalars(query).first()

    return team_of


__all__ = ["UnitOfWork", "record_installation", "team_lookup"]
