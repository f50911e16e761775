"""Other events: reactions, App Home, channel joins, uninstalls, and a 200 for the rest."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltResponse

from bot.groups import upsert_member
from bot.router import ReactionEvent, Router
from bot.services import Services
from handlers.listeners import run_listeners
from storage.repositories import EventLog, GroupRepo, WorkspaceRepo

log = logging.getLogger(__name__)


def register(app: App, services: Services, router: Router) -> None:
    """Listen to reactions, home, joins and uninstalls."""

    def reaction(event: dict[str, Any], body: dict[str, Any], added: bool) -> None:
        item = event.get("item") or {}
        if item.get("type") != "message":
            return
        run_listeners(
            services,
            router.reaction_listeners,
            ReactionEvent(
                user_id=str(event.get("user") or ""),
                channel_id=str(item.get("channel") or ""),
                ts=str(item.get("ts") or ""),
                reaction=str(event.get("reaction") or ""),
                added=added,
                event_key=str(body.get("event_id") or "") or None,
                item_user=event.get("item_user"),
            ),
        )

    @app.event("reaction_added")
    def on_reaction_added(event: dict[str, Any], body: dict[str, Any]) -> None:
        reaction(event, body, True)

    @app.event("reaction_removed")
    def on_reaction_removed(event: dict[str, Any], body: dict[str, Any]) -> None:
        reaction(event, body, False)

    @app.event("member_joined_channel")
    def on_member_joined(event: dict[str, Any], body: dict[str, Any]) -> None:
        user_id = str(event.get("user") or "")
        if not user_id or user_id == services.directory.bot_user_id():
            return
        with services.uow() as session:
            if GroupRepo(session).by_channel(str(event.get("channel") or "")) is None:
                return
        # Slack is asked before the transaction opens, never while it holds the write lock.
        user = services.directory.user(user_id)
        if user is None or user.is_bot or user.deleted:
            return
        with services.uow() as session:
            group = GroupRepo(session).by_channel(str(event.get("channel") or ""))
            if group is None:
                return
            if body.get("event_id") and not EventLog(session).claim(
                str(body["event_id"]), "member_joined_channel", services.now()
            ):
                return
            upsert_member(session, group, user, services.now())

    @app.event("app_uninstalled")
    @app.event("tokens_revoked")
    def on_uninstalled(body: dict[str, Any]) -> None:
        team_id = body.get("team_id")
        if not team_id:
            return
        with services.uow() as session:
            workspace = WorkspaceRepo(session).by_team(str(team_id))
            if workspace is not None:
                workspace.active = False
                workspace.uninstalled_at = services.now()
        if services.installations is not None:
            from handlers.oauth import forget_installation

            forget_installation(services.installations, str(team_id))
        log.info("workspace %s uninstalled or tokens revoked", team_id)

    @app.event("file_shared")
    def on_file_shared() -> None:
        # Files are acted on through the message they were shared with.
        return None


def register_catch_all(app: App) -> None:
    """Answer every other subscribed event with 200 (bolt's 404 makes Slack retry)."""

    @app.event(re.compile(".*"))
    def on_any_event() -> None:
        return None

    @app.middleware
    def on_app_rate_limited(body: dict[str, Any], next: Callable[[], Any]) -> Any:
        # Slack's notice that it dropped events for a minute is not an event_callback, so no
        # listener matches it; Slack asks for a 200 (bolt would answer 404).
        if body.get("type") == "app_rate_limited":
            log.warning(
                "slack: events dropped for rate limiting (team %s, minute %s)",
                body.get("team_id"),
                body.get("minute_rate_limited"),
            )
            return BoltResponse(status=200, body="")
        return next()
