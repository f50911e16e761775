"""Pure Block Kit builders and text helpers shared by replies, jobs and the Home tab."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

SECTION_LIMIT = 3000
HEADER_LIMIT = 150
MESSAGE_BLOCK_LIMIT = 50


# Slack's own markup for a link a person pasted or labelled: <https://x|Godkend her>.
_SLACK_LINK = re.compile(r"<((?:https?|mailto|ftp|slack):[^<>|\s]+)(?:\|([^<>]*))?>", re.I)
# A pair of mrkdwn markers Slack would format: *bold*, _italic_, ~strike~, `code`.
_MRKDWN_PAIR = re.compile(r"(?<![\w*_~`])([*_~])(?=\S)(.+?)(?<=\S)\1(?![\w*_~`])|(`+)(.+?)\3", re.S)
# Look-alike characters that show the same marks without formatting anything.
_INERT = str.maketrans({"*": "\u2217", "_": "\u02cd", "~": "\u223c", "`": "\u02cb"})


def _show_link(match: re.Match[str]) -> str:
    """Show a labelled link as its label and its real target, never as a live label."""
    target, label = match.group(1), (match.group(2) or "").strip()
    return f"{label} ({target})" if label and label != target else target


def _defuse(match: re.Match[str]) -> str:
    """Replace the markers of one mrkdwn pair by inert look-alikes."""
    return match.group(0).translate(_INERT)


def escape(text: str) -> str:
    """Escape user text echoed in mrkdwn: nothing pings, links show their target, no formatting.

    `<!channel>` and `<@U123>` are shown, not sent; a labelled link `<https://x|Godkend>`
    becomes "Godkend (https://x)"; `*bold*`, `_x_`, `~x~` and backticks keep their look
    but do not format a line under the bot's name.
    """
    text = _SLACK_LINK.sub(_show_link, text)
    previous = None
    while previous != text:
        previous, text = text, _MRKDWN_PAIR.sub(_defuse, text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def user_link(url: str, label: str) -> str:
    """Show a link a person gave as its label and its visible target, never a hidden one."""
    label = " ".join(label.split())
    shown = f"{label} ({url})" if label and label != url else url
    return escape(shown)


def unescape(text: str) -> str:
    """Undo Slack's escaping of `&`, `<` and `>` in the text it sends us.

    What a person typed is stored as typed ("R&D", not "R&amp;D"); it is escaped again
    whenever the bot shows it, so nothing typed can ping.
    """
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def shorten(text: str, limit: int) -> str:
    """Cut a text to a limit at a word boundary, marking the cut with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: max(0, limit - 1)]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip() + "…"


def header_block(text: str) -> dict[str, Any]:
    """Return a header block (plain text, at most 150 characters)."""
    return {"type": "header", "text": {"type": "plain_text", "text": shorten(text, HEADER_LIMIT)}}


def section_block(text: str, *, accessory: dict[str, Any] | None = None) -> dict[str, Any]:
    """Return a mrkdwn section block, shortened to Slack's 3 000 characters."""
    block: dict[str, Any] = {
        "type": "section",
        "text": {"type": "mrkdwn", "text": shorten(text or " ", SECTION_LIMIT)},
    }
    if accessory is not None:
        block["accessory"] = accessory
    return block


def context_block(text: str) -> dict[str, Any]:
    """Return a context block with one mrkdwn element."""
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": shorten(text, 2000)}]}


def divider_block() -> dict[str, Any]:
    """Return a divider."""
    return {"type": "divider"}


def button(
    text: str, action_id: str, value: str = "", *, style: str | None = None
) -> dict[str, Any]:
    """Return a button element."""
    element: dict[str, Any] = {
        "type": "button",
        "text": {"type": "plain_text", "text": shorten(text, 75)},
        "action_id": action_id,
    }
    if value:
        element["value"] = value[:2000]
    if style in ("primary", "danger"):
        element["style"] = style
    return element


def actions_block(elements: list[dict[str, Any]], block_id: str | None = None) -> dict[str, Any]:
    """Return an actions block (at most 25 elements)."""
    block: dict[str, Any] = {"type": "actions", "elements": elements[:25]}
    if block_id:
        block["block_id"] = block_id
    return block


def slack_date(at: datetime, fallback_tz: str, *, with_time: bool = True) -> str:
    """Format a time with Slack's `<!date^…>` so each reader sees it in their own zone."""
    local = at.astimezone(ZoneInfo(fallback_tz))
    if with_time:
        token = "{date_long_pretty} {time}"
        fallback = local.strftime("%d.%m.%Y %H:%M")
    else:
        token = "{date_long_pretty}"
        fallback = local.strftime("%d.%m.%Y")
    return f"<!date^{int(at.timestamp())}^{token}|{fallback}>"


def limit_blocks(
    blocks: list[dict[str, Any]], limit: int = MESSAGE_BLOCK_LIMIT
) -> list[dict[str, Any]]:
    """Keep a message within Slack's block limit, noting what was left out."""
    if len(blocks) <= limit:
        return blocks
    return [*blocks[: limit - 1], context_block(f"… (+{len(blocks) - limit + 1})")]
