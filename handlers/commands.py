"""The ``/referent`` slash command surface."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, Respond

from bot.router import Reply, Request, Router
from bot.services import Services
from handlers.dispatch import handle_request

COMMAND = "/referent"


def register(app: App, services: Services, router: Router) -> None:
    """Listen to ``/referent`` and route its text through the grammar."""

    @app.command(COMMAND)
    def on_command(ack: Ack, body: dict[str, Any], respond: Respond) -> None:
        ack()
        request = Request(
            channel_id=str(body.get("channel_id") or ""),
            user_id=str(body.get("user_id") or ""),
            text=str(body.get("text") or ""),
            source="slash",
            team_id=body.get("team_id"),
            trigger_id=body.get("trigger_id"),
            channel_type="im" if str(body.get("channel_id", "")).startswith("D") else None,
        )

        def deliver(reply: Reply) -> None:
            respond(
                text=reply.message.text,
                blocks=reply.message.blocks,
                response_type="in_channel" if reply.in_channel else "ephemeral",
            )

        handle_request(services, router, request, deliver)
