"""The message catalogue: every user-facing string, in Danish and English.

Each module in this package defines ``MESSAGES: dict[str, dict[str, Text]]`` mapping a
key to its Danish (``da``) and English (``en``) text with ``{named}`` placeholders. A text
that counts something is a plural: ``{"one": …, "other": …}``, chosen by the ``count``
parameter, so that a reply never says "1 møder".
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
PLURAL_FORMS = ("one", "other")

Plural = dict[str, str]
"""The forms of a counting text: ``one`` and ``other`` (Danish and English need no more)."""

Text = str | Plural
"""One language's text of a catalogue key: a sentence, or its plural forms."""


class CatalogueError(Exception):
    """The catalogue is inconsistent (a duplicate key, a missing language)."""


@cache
def catalogue() -> dict[str, dict[str, Text]]:
    """Return the merged catalogue of every module in this package."""
    merged: dict[str, dict[str, Text]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        messages: dict[str, dict[str, Text]] = getattr(module, "MESSAGES", {})
        for key, texts in messages.items():
            if key in merged:
                raise CatalogueError(f"message key {key!r} defined twice ({info.name})")
            missing = [lang for lang in LANGUAGES if lang not in texts]
            if missing:
                raise CatalogueError(f"message key {key!r} lacks {missing}")
            for lang in LANGUAGES:
                text = texts[lang]
                if isinstance(text, dict) and set(text) != set(PLURAL_FORMS):
                    raise CatalogueError(f"message key {key!r} ({lang}) needs exactly one/other")
            merged[key] = texts
    return merged


def placeholders(text: Text) -> set[str]:
    """Return the placeholder names used in a catalogue text (all plural forms together)."""
    forms = text.values() if isinstance(text, dict) else (text,)
    formatter = string.Formatter()
    return {name for form in forms for _, name, _, _ in formatter.parse(form) if name}


def plural_form(count: int) -> str:
    """Return the plural form for a count: Danish and English both say "1 møde", "0 møder"."""
    return "one" if abs(count) == 1 else "other"


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
    text = texts[normalise_language(lang)]
    if isinstance(text, dict):
        if "count" not in params:
            raise KeyError(f"message key {key!r} is a plural and needs count=")
        text = text[plural_form(int(params["count"]))]
    return text.format(**params)
