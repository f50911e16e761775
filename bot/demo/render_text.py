"""Render Slack Block Kit messages and views as plain terminal text for the demo transcript.

The functions are pure and total: whatever a block list holds (unknown block types, missing
or mistyped fields, nesting Slack would refuse), they return text and never raise, because
the demo prints every message the bot sends, including ones built by code under test.

Choices made for the terminal:

* mrkdwn keeps its emphasis markers (``*bold*``, ``_italic_``, ``~strike~``) and resolves
  the angle-bracket tokens: ``<url|label>`` → ``label (url)``, ``<@U123>`` → ``@name``
  (through ``names``), ``<!date^…|fallback>`` → the fallback; ``&lt;``, ``&gt;`` and
  ``&amp;`` are unescaped;
* a header is its text underlined, a divider a rule, a context block an indented line;
* interactive elements are shown in brackets: buttons ``[Godkend]``, menus ``[Vælg ▾]``;
  inputs of a modal as ``label: ______``; images as ``[billede: alt]``.

With ``color=True`` headers are bold and context lines dim (ANSI escapes) for a console.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

__all__ = ["blocks_to_text", "mrkdwn_to_text", "view_to_text"]

DEFAULT_WIDTH = 72
BLANK = "______"
MENU = "▾"

_TZ = ZoneInfo("Europe/Copenhagen")
# A token opens with a mention sigil or a URL scheme; any other "<" is text.
_TOKEN = re.compile(r"<((?:[@#!]|[A-Za-z][A-Za-z0-9+.-]*:)[^<>\n]*)>|&(lt|gt|amp);")
_ENTITIES = {"lt": "<", "gt": ">", "amp": "&"}
# Deeply nested unknown blocks are searched for text only this far down.
_MAX_DEPTH = 12
_BOLD = ("\x1b[1m", "\x1b[0m")
_DIM = ("\x1b[2m", "\x1b[0m")

_SELECTS = frozenset(
    {
        "static_select",
        "external_select",
        "users_select",
        "conversations_select",
        "channels_select",
        "multi_static_select",
        "multi_external_select",
        "multi_users_select",
        "multi_conversations_select",
        "multi_channels_select",
    }
)
_PICKERS = frozenset({"datepicker", "timepicker", "datetimepicker"})
_TEXT_INPUTS = frozenset(
    {"plain_text_input", "email_text_input", "url_text_input", "number_input", "rich_text_input"}
)


def blocks_to_text(
    blocks: list[dict[str, Any]] | None,
    fallback: str,
    names: Mapping[str, str] | None = None,
    *,
    width: int = DEFAULT_WIDTH,
    color: bool = False,
) -> str:
    """Return a message's blocks as terminal text, or its fallback text when they render empty."""
    renderer = _Renderer(names or {}, _width(width), color)
    parts = [text for block in _list(blocks) if (text := renderer.block(block))]
    if not parts:
        return mrkdwn_to_text(_str(fallback), names)
    return "\n".join(parts)


def view_to_text(
    view: dict[str, Any],
    names: Mapping[str, str] | None = None,
    *,
    width: int = DEFAULT_WIDTH,
    color: bool = False,
) -> str:
    """Return a modal or Home tab as terminal text: title, blocks and the modal's buttons."""
    renderer = _Renderer(names or {}, _width(width), color)
    view = _dict(view)
    parts: list[str] = []
    title = renderer.plain(view.get("title"))
    if title:
        parts.append(renderer.heading(title))
    parts.extend(text for block in _list(view.get("blocks")) if (text := renderer.block(block)))
    buttons = [
        f"[{label}]" for key in ("close", "submit") if (label := renderer.plain(view.get(key)))
    ]
    if buttons:
        parts.append("  ".join(buttons))
    return "\n".join(parts)


def mrkdwn_to_text(text: str, names: Mapping[str, str] | None = None) -> str:
    """Return mrkdwn with its links, mentions and dates resolved and its entities unescaped."""
    lookup = names or {}

    def replace(match: re.Match[str]) -> str:
        entity = match.group(2)
        if entity is not None:
            return _ENTITIES[entity]
        return _token(match.group(1), lookup)

    return _TOKEN.sub(replace, _str(text))


def _token(inner: str, names: Mapping[str, str]) -> str:
    """Return the text of one ``<…>`` token of mrkdwn."""
    body, bar, label = inner.partition("|")
    label = _unescape(label) if bar else ""
    if body.startswith("@"):
        ident = body[1:]
        return "@" + (names.get(ident) or label.lstrip("@") or ident)
    if body.startswith("#"):
        ident = body[1:]
        return "#" + (names.get(ident) or label.lstrip("#") or ident)
    if body.startswith("!"):
        return _special(body[1:], label, names)
    url = _unescape(body)
    if not url:
        return label
    if not label or label == url:
        return url
    if _bare(url) == label:
        return url if url.startswith("http") else label
    return f"{label} ({url})"


def _special(body: str, label: str, names: Mapping[str, str]) -> str:
    """Return the text of a ``<!…>`` token: a broadcast, a user group or a date."""
    parts = body.split("^")
    kind = parts[0]
    if kind in {"here", "channel", "everyone"}:
        return f"@{kind}"
    if kind == "subteam":
        ident = parts[1] if len(parts) > 1 else ""
        return label or "@" + (names.get(ident) or ident or "subteam")
    if kind == "date":
        if label:
            return label
        stamp = parts[1] if len(parts) > 1 else ""
        return _timestamp(stamp)
    return label or kind


def _timestamp(stamp: str) -> str:
    """Return a Unix timestamp as local Danish date and time, or nothing when it is not one."""
    try:
        moment = datetime.fromtimestamp(int(stamp), _TZ)
    except (ValueError, OverflowError, OSError):
        return ""
    return moment.strftime("%d.%m.%Y %H:%M")


def _danish_date(value: str) -> str:
    """Return an ISO date ("2024-03-15") as Danes write it ("15.03.2024"); other text as is."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
    return f"{match.group(3)}.{match.group(2)}.{match.group(1)}" if match else value


def _bare(url: str) -> str:
    return re.sub(r"^(?:https?://|mailto:|tel:)", "", url)


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _width(width: object) -> int:
    if isinstance(width, int) and not isinstance(width, bool) and width >= 20:
        return min(width, 400)
    return DEFAULT_WIDTH


def _indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line if line else line for line in text.split("\n"))


class _Renderer:
    """Render blocks and their elements with one set of names, width and colours."""

    def __init__(self, names: Mapping[str, str], width: int, color: bool) -> None:
        self.names = names
        self.width = width
        self.color = color

    # --- text objects -------------------------------------------------------------

    def text(self, obj: object) -> str:
        """Return a text object (or a bare string, read as mrkdwn) as plain text."""
        if isinstance(obj, str):
            return mrkdwn_to_text(obj, self.names)
        data = _dict(obj)
        raw = _str(data.get("text"))
        if data.get("type") == "plain_text":
            return raw
        return mrkdwn_to_text(raw, self.names)

    def plain(self, obj: object) -> str:
        """Return a text object as one trimmed line (labels, buttons, titles)."""
        return " ".join(self.text(obj).split())

    def heading(self, text: str) -> str:
        line = text.strip()
        rule = "═" * min(max(len(line), 3), self.width)
        if self.color:
            line = f"{_BOLD[0]}{line}{_BOLD[1]}"
        return f"{line}\n{rule}"

    def dim(self, text: str) -> str:
        if not self.color or not text:
            return text
        return "\n".join(f"{_DIM[0]}{line}{_DIM[1]}" if line else line for line in text.split("\n"))

    # --- blocks -------------------------------------------------------------------

    def block(self, block: object) -> str:
        """Return one block as text ("" for a block with nothing to show)."""
        data = _dict(block)
        kind = data.get("type")
        if kind == "header":
            title = self.plain(data.get("text"))
            return self.heading(title) if title else ""
        if kind == "section":
            return self.section(data)
        if kind == "divider":
            return "─" * self.width
        if kind == "context":
            return self.context(data)
        if kind == "actions":
            return "  ".join(x for x in map(self.element, _list(data.get("elements"))) if x)
        if kind == "input":
            return self.input(data)
        if kind == "image":
            return self.image(data)
        if kind == "rich_text":
            return self.rich_text(data)
        return self.unknown(data)

    def section(self, data: dict[str, Any]) -> str:
        lines: list[str] = []
        text = self.text(data.get("text")).strip("\n")
        if text:
            lines.append(text)
        fields = [self.text(field).strip("\n") for field in _list(data.get("fields"))]
        fields = [field for field in fields if field]
        if fields:
            lines.append(self.columns(fields))
        accessory = self.accessory(data.get("accessory"))
        if accessory:
            if (
                lines
                and "\n" not in lines[-1]
                and len(lines[-1]) + len(accessory) + 2 <= self.width
            ):
                lines[-1] = f"{lines[-1]}  {accessory}"
            else:
                lines.append(accessory)
        return "\n".join(lines)

    def columns(self, fields: list[str]) -> str:
        """Return section fields two to a row, or one to a line when a row will not fit."""
        rows: list[str] = []
        half = (self.width - 2) // 2
        for pos in range(0, len(fields), 2):
            pair = fields[pos : pos + 2]
            left = pair[0].split("\n")
            right = pair[1].split("\n") if len(pair) > 1 else []
            if not right or max(map(len, left)) > half or max(map(len, right)) > half:
                rows.extend(pair)
                continue
            column = max(map(len, left)) + 4
            height = max(len(left), len(right))
            left += [""] * (height - len(left))
            right += [""] * (height - len(right))
            rows.extend(f"{a.ljust(column)}{b}".rstrip() for a, b in zip(left, right, strict=True))
        return "\n".join(rows)

    def accessory(self, element: object) -> str:
        data = _dict(element)
        if data.get("type") == "image":
            return self.image(data)
        return self.element(data)

    def context(self, data: dict[str, Any]) -> str:
        parts: list[str] = []
        for element in _list(data.get("elements")):
            item = _dict(element)
            if item.get("type") == "image":
                alt = " ".join(_str(item.get("alt_text")).split())
                if alt:
                    parts.append(f"[{alt}]")
                continue
            text = " ".join(self.text(item).split())
            if text:
                parts.append(text)
        if not parts:
            return ""
        return self.dim(_indent("  ·  ".join(parts), "  "))

    def image(self, data: dict[str, Any]) -> str:
        alt = " ".join(_str(data.get("alt_text")).split())
        title = self.plain(data.get("title"))
        shown = alt or title
        image = f"[billede: {shown}]" if shown else "[billede]"
        return f"{title}\n{image}" if title and alt and title != alt else image

    def input(self, data: dict[str, Any]) -> str:
        label = self.plain(data.get("label"))
        element = _dict(data.get("element"))
        kind = element.get("type")
        lines: list[str]
        if kind in {"checkboxes", "radio_buttons"}:
            options = self.choices(element)
            lines = [f"{label}:" if label else "", *options]
            lines = [line for line in lines if line]
        else:
            if kind in _TEXT_INPUTS:
                initial = element.get("initial_value")
                value = " ".join(_str(initial).split()) if isinstance(initial, str) else ""
                if (
                    not value
                    and isinstance(initial, (int, float))
                    and not isinstance(initial, bool)
                ):
                    value = str(initial)
                shown = value or BLANK
            else:
                shown = self.element(element) or BLANK
            lines = [f"{label}: {shown}" if label else shown]
        hint = self.plain(data.get("hint"))
        if hint:
            lines.append(self.dim(f"  {hint}"))
        return "\n".join(lines)

    def choices(self, element: dict[str, Any]) -> list[str]:
        """Return checkbox or radio options, one per line, with the chosen ones marked."""
        radio = element.get("type") == "radio_buttons"
        chosen: set[str] = set()
        initial = element.get("initial_option") if radio else element.get("initial_options")
        for option in [initial] if radio else _list(initial):
            value = _dict(option).get("value")
            if isinstance(value, str):
                chosen.add(value)
        lines: list[str] = []
        for option in _list(element.get("options")):
            item = _dict(option)
            text = self.plain(item.get("text"))
            if not text:
                continue
            on = item.get("value") in chosen
            mark = ("(•)" if on else "( )") if radio else ("[x]" if on else "[ ]")
            lines.append(f"  {mark} {text}")
        return lines

    def element(self, element: object) -> str:
        """Return an interactive element as it shows on a line: ``[Godkend]``, ``[Vælg ▾]``."""
        data = _dict(element)
        kind = data.get("type")
        if kind == "button":
            label = self.plain(data.get("text"))
            return f"[{label}]" if label else "[…]"
        if kind == "overflow":
            return f"[⋯ {MENU}]"
        if kind in _SELECTS:
            return f"[{self.selected(data) or self.plain(data.get('placeholder')) or '…'} {MENU}]"
        if kind in _PICKERS:
            value = ""
            for key in ("initial_date", "initial_time", "initial_date_time"):
                raw = data.get(key)
                if isinstance(raw, str) and raw:
                    value = _danish_date(raw)
                elif isinstance(raw, int) and not isinstance(raw, bool):
                    value = _timestamp(str(raw))
            return f"[{value or self.plain(data.get('placeholder')) or '…'} {MENU}]"
        if kind in _TEXT_INPUTS:
            return BLANK
        if kind in {"checkboxes", "radio_buttons"}:
            return " ".join(line.strip() for line in self.choices(data))
        if kind == "image":
            return self.image(data)
        if kind in {"plain_text", "mrkdwn"}:
            return self.plain(data)
        return self.plain(data.get("text"))

    def selected(self, data: dict[str, Any]) -> str:
        """Return the text of a menu's initial choice, if it has one."""
        option = _dict(data.get("initial_option"))
        if option:
            return self.plain(option.get("text"))
        options = [self.plain(_dict(o).get("text")) for o in _list(data.get("initial_options"))]
        if any(options):
            return ", ".join(o for o in options if o)
        user = data.get("initial_user")
        if isinstance(user, str) and user:
            return "@" + (self.names.get(user) or user)
        users = [u for u in _list(data.get("initial_users")) if isinstance(u, str) and u]
        if users:
            return ", ".join("@" + (self.names.get(u) or u) for u in users)
        for key in ("initial_channel", "initial_conversation"):
            channel = data.get(key)
            if isinstance(channel, str) and channel:
                return "#" + (self.names.get(channel) or channel)
        return ""

    # --- rich text ----------------------------------------------------------------

    def rich_text(self, data: dict[str, Any]) -> str:
        parts = [text for element in _list(data.get("elements")) if (text := self.rich(element))]
        return "\n".join(parts)

    def rich(self, element: object, depth: int = 0) -> str:
        data = _dict(element)
        kind = data.get("type")
        if depth > _MAX_DEPTH:
            return ""
        if kind == "rich_text_section":
            return self.inline(data.get("elements"))
        if kind == "rich_text_list":
            ordered = data.get("style") == "ordered"
            indent = data.get("indent")
            pad = "  " * (indent if isinstance(indent, int) and 0 <= indent <= 8 else 0)
            offset = data.get("offset")
            start = offset if isinstance(offset, int) and 0 <= offset < 10_000 else 0
            lines: list[str] = []
            for n, item in enumerate(_list(data.get("elements")), start=start + 1):
                text = self.rich(item, depth + 1)
                marker = f"{n}." if ordered else "•"
                lines.append(f"{pad}{marker} " + text.replace("\n", "\n" + pad + "  "))
            return "\n".join(lines)
        if kind == "rich_text_quote":
            return _indent(self.inline(data.get("elements")), "> ")
        if kind == "rich_text_preformatted":
            return _indent(self.inline(data.get("elements"), styled=False), "    ")
        return self.inline(data.get("elements"))

    def inline(self, elements: object, *, styled: bool = True) -> str:
        """Return the inline elements of a rich text section as one text."""
        out: list[str] = []
        for element in _list(elements):
            data = _dict(element)
            kind = data.get("type")
            if kind == "text":
                text = _str(data.get("text"))
                out.append(self.styled(text, data.get("style")) if styled else text)
            elif kind == "link":
                url = _str(data.get("url"))
                label = _str(data.get("text"))
                out.append(f"{label} ({url})" if label and url and label != url else url or label)
            elif kind == "user":
                ident = _str(data.get("user_id"))
                out.append("@" + (self.names.get(ident) or ident))
            elif kind == "channel":
                ident = _str(data.get("channel_id"))
                out.append("#" + (self.names.get(ident) or ident))
            elif kind == "usergroup":
                ident = _str(data.get("usergroup_id"))
                out.append("@" + (self.names.get(ident) or ident))
            elif kind == "broadcast":
                out.append("@" + (_str(data.get("range")) or "here"))
            elif kind == "emoji":
                out.append(self.emoji(data))
            elif kind == "date":
                fallback = _str(data.get("fallback"))
                stamp = data.get("timestamp")
                if not fallback and stamp is not None:
                    fallback = _timestamp(str(stamp))
                out.append(fallback)
            else:
                out.append(_str(data.get("text")))
        return "".join(out)

    @staticmethod
    def styled(text: str, style: object) -> str:
        flags = _dict(style)
        core = text.strip()
        if not core:
            return text
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()) :]
        text = core
        if flags.get("code") is True:
            text = f"`{text}`"
        if flags.get("bold") is True:
            text = f"*{text}*"
        if flags.get("italic") is True:
            text = f"_{text}_"
        if flags.get("strike") is True:
            text = f"~{text}~"
        return f"{lead}{text}{trail}"

    @staticmethod
    def emoji(data: dict[str, Any]) -> str:
        code = _str(data.get("unicode"))
        if code:
            try:
                return "".join(chr(int(part, 16)) for part in code.split("-"))
            except (ValueError, OverflowError):
                pass
        name = _str(data.get("name"))
        return f":{name}:" if name else ""

    # --- anything else ------------------------------------------------------------

    def unknown(self, data: dict[str, Any]) -> str:
        """Return the text an unknown block carries, if any (video titles, file names …)."""
        for key in ("text", "title"):
            text = self.text(data.get(key)) if key in data else ""
            if text.strip():
                return text.strip("\n")
        fields = [self.text(field) for field in _list(data.get("fields"))]
        if any(f.strip() for f in fields):
            return self.columns([f for f in fields if f.strip()])
        found: list[str] = []
        self.collect(data.get("elements"), found, 0)
        return " ".join(found)

    def collect(self, value: object, found: list[str], depth: int) -> None:
        """Gather the texts of nested elements, to a bounded depth."""
        if depth > _MAX_DEPTH or len(found) > 200:
            return
        for item in _list(value):
            data = _dict(item)
            text = self.element(data) if data.get("type") else self.plain(data.get("text"))
            if text:
                found.append(text)
            else:
                self.collect(data.get("elements"), found, depth + 1)
