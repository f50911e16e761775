"""The App Home tab: sections contributed by each feature, for the person looking."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App

from bot.router import Router
from bot.services import Services

log = logging.getLogger(__name__)

MAX_HOME_BLOCKS = 100


def build_home(services: Services, router: Router, user_id: str) -> dict[str, Any]:
    """Assemble the Home view from the feature sections (within Slack's 100-block limit)."""
    blocks: list[dict[str, Any]] = []
    for _, section in router.home_sections:
        try:
            blocks.extend(section(services, user_id))
        except Exception:
            log.exception("home section %s failed", getattr(section, "__name__", section))
    if len(blocks) > MAX_HOME_BLOCKS:
        blocks = [
            *blocks[: MAX_HOME_BLOCKS - 1],
            {"type": "context", "elements": [{"type": "mrkdwn", "text": "…"}]},
        ]
    return {"type": "home", "blocks": blocks}


def publish_home(services: Services, router: Router, client: Any, user_id: str) -> None:
    """Publish a fresh Home view for a person."""
    client.views_publish(user_id=user_id, view=build_home(services, router, user_id))


def register(app: App, services: Services, router: Router) -> None:
    """Publish the Home tab when a person opens it."""

    @app.event("app_home_opened")
    def on_home_opened(event: dict[str, Any], client: Any) -> None:
        if event.get("tab", "home") != "home":
            return
        publish_home(services, router, client, str(event.get("user") or ""))
