"""The fake Slack lives in the package (the demo uses it too); tests import it from here."""

from __future__ import annotations

from handlers.fakeslack import (
    DEFAULT_TOKEN,
    Call,
    FakeSlack,
    Response,
    Sent,
    SlackApiFailure,
    SlackDriver,
    validate_blocks,
)

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
