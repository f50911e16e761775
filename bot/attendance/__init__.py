"""Afbud and attendance (being split into one module per concern)."""

from bot.attendance.answers import *  # noqa: F403
from bot.attendance.answers import (  # noqa: F401
    _group_of,
    _lock_meeting,
    _notice_buttons,
    _payload_meeting,
    _session,
)
