"""The "Skriv referat" button, shared by the meeting notice, Home and the referat's replies.

It lives apart from the referat's views so that the meeting notice can carry it without
importing the referat's use cases.
"""

from __future__ import annotations

from typing import Any

from bot.i18n import t
from bot.render import button

OPEN_ACTION = "referat_open"


def write_button(meeting_id: int, lang: str) -> dict[str, Any]:
    """Return the "Skriv referat" button for the meeting notice, Home and replies."""
    return button(t("referat.button.open", lang), OPEN_ACTION, str(meeting_id))
