"""The Slack app manifest matches what the code registers (events, commands, shortcuts)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from bot.app import feature_modules
from bot.router import Router

MANIFEST = Path(__file__).resolve().parents[1] / "manifest.yml"

#: Manifest subscriptions that arrive as one event type.
EVENT_ALIASES = {
    "message.channels": "message",
    "message.groups": "message",
    "message.im": "message",
}


class RecordingApp:
    """Stands in for the bolt App and records what each feature registers."""

    def __init__(self) -> None:
        self.events: set[str] = set()
        self.commands: set[str] = set()
        self.shortcuts: set[str] = set()
        self.actions: set[str] = set()
        self.views: set[str] = set()

    def _record(self, kind: set[str], key: Any) -> Any:
        if isinstance(key, str):
            kind.add(key)
        elif isinstance(key, dict) and isinstance(key.get("callback_id"), str):
            kind.add(key["callback_id"])
        elif isinstance(key, dict) and isinstance(key.get("type"), str):
            kind.add(key["type"])

        def decorator(func: Any) -> Any:
            return func

        return decorator

    def event(self, key: Any, *args: Any, **kwargs: Any) -> Any:
        return self._record(self.events, key)

    def command(self, key: Any, *args: Any, **kwargs: Any) -> Any:
        return self._record(self.commands, key)

    def shortcut(self, key: Any, *args: Any, **kwargs: Any) -> Any:
        return self._record(self.shortcuts, key)

    def message_shortcut(self, key: Any, *args: Any, **kwargs: Any) -> Any:
        return self._record(self.shortcuts, key)

    def global_shortcut(self, key: Any, *args: Any, **kwargs: Any) -> Any:
        return self._record(self.shortcuts, key)

    def action(self, key: Any, *args: Any, **kwargs: Any) -> Any:
        return self._record(self.actions, key)

    def block_action(self, key: Any, *args: Any, **kwargs: Any) -> Any:
        return self._record(self.actions, key)

    def view(self, key: Any, *args: Any, **kwargs: Any) -> Any:
        return self._record(self.views, key)

    def view_submission(self, key: Any, *args: Any, **kwargs: Any) -> Any:
        return self._record(self.views, key)

    def view_closed(self, key: Any, *args: Any, **kwargs: Any) -> Any:
        return self._record(self.views, key)

    def options(self, key: Any, *args: Any, **kwargs: Any) -> Any:
        return self._record(self.actions, key)

    def error(self, func: Any) -> Any:
        return func

    def middleware(self, *args: Any, **kwargs: Any) -> Any:
        return lambda func: func


def _registered() -> RecordingApp:
    import tempfile

    from bot.app import build_services
    from tests.conftest import make_settings

    app = RecordingApp()
    with tempfile.TemporaryDirectory() as tmp:
        services = build_services(make_settings(f"sqlite:///{tmp}/manifest.db"))
        for module in feature_modules():
            module.register(app, services, Router())
        services.engine.dispose()
    return app


def _manifest() -> dict[str, Any]:
    return dict(yaml.safe_load(MANIFEST.read_text(encoding="utf-8")))


def test_manifest_events_match_listeners() -> None:
    manifest = _manifest()
    subscribed = {
        EVENT_ALIASES.get(e, e) for e in manifest["settings"]["event_subscriptions"]["bot_events"]
    }
    assert subscribed == _registered().events


def test_manifest_commands_and_shortcuts_match_code() -> None:
    manifest = _manifest()
    features = manifest["features"]
    assert {c["command"] for c in features["slash_commands"]} == _registered().commands
    assert {s["callback_id"] for s in features.get("shortcuts", [])} == _registered().shortcuts


def test_manifest_scopes_cover_the_web_api_calls() -> None:
    scopes = set(_manifest()["oauth_config"]["scopes"]["bot"])
    needed = {
        "app_mentions:read",
        "channels:history",
        "groups:history",
        "im:history",
        "channels:read",
        "groups:read",
        "im:write",
        "chat:write",
        "reactions:read",
        "reactions:write",
        "files:read",
        "files:write",
        "users:read",
        "commands",
    }
    assert needed <= scopes
    manifest = _manifest()
    assert manifest["settings"]["socket_mode_enabled"] is True
    assert manifest["settings"]["interactivity"]["is_enabled"] is True
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True


def test_every_used_web_api_method_is_implemented_by_the_fake() -> None:
    root = Path(__file__).resolve().parents[1]
    used: set[str] = set()
    for path in list((root / "handlers").glob("*.py")) + list((root / "bot").rglob("*.py")):
        used |= set(re.findall(r"client\.([a-z]+_[a-zA-Z_]+)\(", path.read_text(encoding="utf-8")))
    from bot.demo.fakeslack import FakeSlack

    fake = FakeSlack()
    for method in used:
        dotted = method.replace("_", ".", 1)
        assert dotted in fake._methods or method == "files_upload_v2", dotted
