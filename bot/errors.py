"""Errors a user caused, carried as catalogue keys so they reach the user translated."""

from __future__ import annotations

from typing import Any

from bot.i18n import t


class UserError(Exception):
    """A problem the user can fix: shown to them (ephemerally) with an example that works."""

    def __init__(self, key: str, /, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def render(self, lang: str | None) -> str:
        """Return the translated message."""
        return t(self.key, lang, **self.params)


class TransientError(Exception):
    """A failure that will likely pass (the database is briefly unavailable)."""
