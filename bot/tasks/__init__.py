"""Action items (being split into one module per concern)."""

from bot.tasks.offers import *  # noqa: F403
