"""Errors a user caused, carried as catalogue keys so they reach the user translated."""

from __future__ import annotations

from typing import Any

from bot.i18n import normalise_language, t


class UserError(Exception):
    """A problem the user can fix: shown to them (ephemerally) with an example that works."""

    def __init__(self, key: str, /, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def render(self, lang: str | None) -> str:
        """Return the translated message; a parameter given per language is picked too."""
        code = normalise_language(lang)
        params = {
            name: value.get(code, next(iter(value.values()))) if _per_language(value) else value
            for name, value in self.params.items()
        }
        return t(self.key, code, **params)


class StaleReference(UserError):
    """A button, modal or shortcut refers to a meeting, item, task or round that is gone."""

    def __init__(self, what: str = "") -> None:
        super().__init__("error.gone")
        self.what = what


def _per_language(value: Any) -> bool:
    return isinstance(value, dict) and bool(value) and set(value) <= {"da", "en"}


class TransientError(Exception):
    """A failure that will likely pass (the database is briefly unavailable)."""
