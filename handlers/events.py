"""Other events: reactions, App Home, channel joins, uninstalls, and a 200 for the rest."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltResponse

from bot.groups import member_joined
from bot.router import ReactionEvent, Router
from bot.services import Services
from bot.usecases import core as core_uc
from bot.usecases.events import claim_in
from handlers.listeners import run_listeners

log = logging.getLogger(__name__)


class EventListeners:
    """Bolt listeners of the other events, one method per event."""

    def __init__(self, app: App, services: Services, router: Router) -> None:
        self.app = app
        self.services = services
        self.router = router

    def register(self) -> None:
        """Register the reaction, join, uninstall and file listeners."""
        self.app.event("reaction_added")(self.on_reaction_added)
        self.app.event("reaction_removed")(self.on_reaction_removed)
        self.app.event("member_joined_channel")(self.on_member_joined)
        self.app.event("app_uninstalled")(self.on_uninstalled)
        self.app.event("tokens_revoked")(self.on_uninstalled)
        self.app.event("file_shared")(self.on_file_shared)

    def reaction(self, event: dict[str, Any], body: dict[str, Any], added: bool) -> None:
        """Hand a reaction on a message to the router's reaction listeners."""
        item = event.get("item") or {}
        if item.get("type") != "message":
            return
        run_listeners(
            self.services,
            self.router.reaction_listeners,
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

    def on_reaction_added(self, event: dict[str, Any], body: dict[str, Any]) -> None:
        """A reaction was added (a vote, an objection, an answer)."""
        self.reaction(event, body, True)

    def on_reaction_removed(self, event: dict[str, Any], body: dict[str, Any]) -> None:
        """A reaction was taken back."""
        self.reaction(event, body, False)

    def on_member_joined(self, event: dict[str, Any], body: dict[str, Any]) -> None:
        """Add a person who joins a group's channel to its members."""
        services = self.services
        user_id = str(event.get("user") or "")
        if not user_id or user_id == services.directory.bot_user_id():
            return
        with services.uow() as session:
            group = core_uc.channel_group(session, str(event.get("channel") or ""))
            if group is None:
                return
            if body.get("event_id") and not claim_in(
                session, str(body["event_id"]), "member_joined_channel", services.now()
            ):
                return
            member_joined(session, services, group, user_id, services.now())

    def on_uninstalled(self, body: dict[str, Any]) -> None:
        """Mark a workspace inactive and forget its tokens when the app leaves it."""
        services = self.services
        team_id = body.get("team_id")
        if not team_id:
            return
        with services.uow() as session:
            core_uc.deactivate_workspace(session, str(team_id), services.now())
        if services.installations is not None:
            from handlers.oauth import forget_installation

            forget_installation(services.installations, str(team_id))
        log.info("workspace %s uninstalled or tokens revoked", team_id)

    def on_file_shared(self) -> None:
        """Files are acted on through the message they were shared with."""
        return None


def register(app: App, services: Services, router: Router) -> None:
    """Listen to reactions, home, joins and uninstalls."""
    EventListeners(app, services, router).register()


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
