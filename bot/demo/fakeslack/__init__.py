"""A fake Slack for tests and the demo: a loopback Web API server and a signed-request driver."""

from __future__ import annotations

from .driver import Response, Sent, SlackDriver
from .server import DEFAULT_TOKEN, Call, FakeSlack, SlackApiFailure, validate_blocks

__all__ = [
    "DEFAULT_TOKEN",
    "Call",
    "FakeSlack",
    "Response",
    "Sent",
    "SlackApiFailure",
    "SlackDriver",
    "validate_blocks",
]
