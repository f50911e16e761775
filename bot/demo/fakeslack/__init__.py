"""A fake Slack for tests and the demo: a loopback Web API server and a signed-request driver."""

from __future__ import annotations

from .blockkit import check_message, check_view
from .driver import Response, Sent, SlackDriver
from .server import (
    DEFAULT_TOKEN,
    RECORDER,
    Call,
    Captured,
    FakeSlack,
    PayloadRecorder,
    SlackApiFailure,
    validate_blocks,
)

__all__ = [
    "DEFAULT_TOKEN",
    "RECORDER",
    "Call",
    "Captured",
    "FakeSlack",
    "PayloadRecorder",
    "Response",
    "Sent",
    "SlackApiFailure",
    "SlackDriver",
    "check_message",
    "check_view",
    "validate_blocks",
]
