"""The message catalogue: every user-facing string, in Danish and English.

Each module in this package defines ``MESSAGES: dict[str, dict[str, str]]`` mapping a
key to its Danish (``da``) and English (``en``) text with ``{named}`` placeholders.
Modules are discovered at import, so a feature adds its own module, never edits
another's. Whole sentences are translated; fragments are never concatenated.
"""

from __future__ import annotations

import importlib
import pkgutil
import string
from functools import cache
from typing import Any

LANGUAGES = ("da", "en")
DEFAULT_LANGUAGE = "da"


class CatalogueError(Exception):
    """The catalogue is inconsistent (a duplicate key, a missing language)."""


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """Return the merged catalogue of every module in this package."""
    merged: dict[str, dict[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        messages: dict[str, dict[str, str]] = getattr(module, "MESSAGES", {})
        for key, texts in messages.items():
            if key in merged:
                raise CatalogueError(f"message key {key!r} defined twice ({info.name})")
            missing = [lang for lang in LANGUAGES if lang not in texts]
            if missing:
                raise CatalogueError(f"message key {key!r} lacks {missing}")
            merged[key] = texts
    return merged


def placeholders(text: str) -> set[str]:
    """Return the placeholder names used in a catalogue text."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def normalise_language(lang: str | None) -> str:
    """Return a supported language code for a user or group setting."""
    if lang:
        code = lang.lower().replace("_", "-").split("-")[0]
        if code in LANGUAGES:
            return code
    return DEFAULT_LANGUAGE


def t(key: str, lang: str | None = None, /, **params: Any) -> str:
    """Translate a catalogue key into the given language, filling in the placeholders."""
    texts = catalogue().get(key)
    if texts is None:
        raise KeyError(f"unknown message key {key!r}")
    return texts[normalise_language(lang)].format(**params)
