"""One logging set-up for the process; tokens and secrets never reach a log line."""

from __future__ import annotations

import logging
import re

SECRET_PATTERN = re.compile(r"(xox[abpers]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+)")


class RedactingFilter(logging.Filter):
    """Replace Slack tokens and configured secrets in every record with a marker."""

    def __init__(self, secrets: list[str] | None = None) -> None:
        super().__init__()
        self.secrets = [s for s in (secrets or []) if s and len(s) >= 6]

    def redact(self, text: str) -> str:
        """Return the text with tokens and secrets replaced."""
        text = SECRET_PATTERN.sub("[redacted]", text)
        for secret in self.secrets:
            text = text.replace(secret, "[redacted]")
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        """Redact the formatted message of a record in place."""
        message = record.getMessage()
        redacted = self.redact(message)
        if redacted != message:
            record.msg = redacted
            record.args = None
        return True


def setup_logging(level: str = "INFO", secrets: list[str] | None = None) -> None:
    """Configure the root logger once: one format, redaction on every handler."""
    root = logging.getLogger()
    redactor = RedactingFilter(secrets)
    if not any(getattr(h, "_referent", False) for h in root.handlers):
        stream = logging.StreamHandler()
        stream.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        stream._referent = True  # type: ignore[attr-defined]
        root.addHandler(stream)
    for handler in root.handlers:
        for existing in list(handler.filters):
            if isinstance(existing, RedactingFilter):
                handler.removeFilter(existing)
        handler.addFilter(redactor)
    root.setLevel(level)
    # slack_sdk logs request bodies at DEBUG; keep it at INFO even when we debug.
    logging.getLogger("slack_sdk").setLevel(max(logging.INFO, root.level))
    logging.getLogger("alembic").setLevel(logging.WARNING)
