"""Use cases of the agenda (being split into one module per concern)."""

from bot.agenda.assembly import *  # noqa: F403
