"""The ``/referent`` slash command surface."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, Respond

from bot.router import Reply, Request, Router
from bot.services import Services
from handlers.dispatch import handle_request

COMMAND = "/referent"


class CommandListeners:
    """The one slash command: its text is routed through the shared grammar."""

    def __init__(self, app: App, services: Services, router: Router) -> None:
        self.app = app
        self.services = services
        self.router = router

    def register(self) -> None:
        """Listen to ``/referent``."""
        self.app.command(COMMAND)(self.on_command)

    def on_command(self, ack: Ack, body: dict[str, Any], respond: Respond) -> None:
        """Acknowledge ``/referent …`` and answer through its response URL."""
        ack()
        channel = str(body.get("channel_id") or "")
        request = Request(
            channel_id=channel,
            user_id=str(body.get("user_id") or ""),
            text=str(body.get("text") or ""),
            source="slash",
            team_id=body.get("team_id"),
            trigger_id=body.get("trigger_id"),
            channel_type="im" if channel.startswith("D") else None,
        )

        def deliver(reply: Reply) -> None:
            respond(
                text=reply.message.text,
                blocks=reply.message.blocks,
                response_type="in_channel" if reply.in_channel else "ephemeral",
            )

        handle_request(self.services, self.router, request, deliver)


def register(app: App, services: Services, router: Router) -> None:
    """Listen to ``/referent`` and route its text through the grammar."""
    CommandListeners(app, services, router).register()
