"""Check Block Kit as Slack does: slack_sdk's models plus the rules they leave out.

slack_sdk validates the shape and most length limits of each block, but not the rules that
span several elements: ``action_id`` unique within a block, ``block_id`` unique within a
message or view, the number of blocks per surface, empty text objects, overflow menus with a
single option, and the view-level fields. Real Slack answers all of these with
``invalid_blocks`` (messages) or ``invalid_arguments`` (views); the fake answers the same way,
and the conformance test runs every captured payload through :func:`check_message` and
:func:`check_view`.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk.errors import SlackObjectFormationError
from slack_sdk.models.blocks import Block

MESSAGE_BLOCK_LIMIT = 50
VIEW_BLOCK_LIMIT = 100
TEXT_LIMIT = 40_000
VIEW_TITLE_LIMIT = 24
PRIVATE_METADATA_LIMIT = 3000
ID_LIMIT = 255

#: Per block type: where its interactive elements sit.
_ELEMENT_LISTS = ("elements",)
_SINGLE_ELEMENTS = ("accessory", "element")
#: Elements that carry an ``action_id`` (the ones a user can interact with).
_INTERACTIVE = {
    "button",
    "checkboxes",
    "datepicker",
    "datetimepicker",
    "timepicker",
    "email_text_input",
    "number_input",
    "plain_text_input",
    "url_text_input",
    "radio_buttons",
    "overflow",
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
    "file_input",
    "rich_text_input",
}

# slack_sdk logs a warning for every unknown type it is asked to parse; the check reports it.
logging.getLogger("slack_sdk.models").setLevel(logging.ERROR)


def _error(message: str, pointer: str) -> str:
    """Format one problem as Slack does in ``response_metadata.messages``."""
    return f"[ERROR] {message} [json-pointer:{pointer}]"


def _empty_texts(node: Any, pointer: str) -> list[str]:
    """Find text objects whose text is empty (Slack: "must be more than 0 characters")."""
    found: list[str] = []
    if isinstance(node, dict):
        if node.get("type") in ("plain_text", "mrkdwn") and "text" in node:
            if not str(node.get("text") or "").strip():
                found.append(_error("must be more than 0 characters", f"{pointer}/text"))
            return found
        for key, value in node.items():
            found.extend(_empty_texts(value, f"{pointer}/{key}"))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.extend(_empty_texts(value, f"{pointer}/{index}"))
    return found


def _elements_of(block: dict[str, Any]) -> list[tuple[str, Any]]:
    """Return the (relative pointer, element) pairs of a block's interactive elements."""
    out: list[tuple[str, Any]] = []
    for key in _ELEMENT_LISTS:
        items = block.get(key)
        if isinstance(items, list):
            out.extend((f"/{key}/{i}", item) for i, item in enumerate(items))
    for key in _SINGLE_ELEMENTS:
        if isinstance(block.get(key), dict):
            out.append((f"/{key}", block[key]))
    return out


def _element_rules(element: dict[str, Any], pointer: str) -> list[str]:
    """Check the element rules slack_sdk does not (overflow size, option value length)."""
    problems: list[str] = []
    kind = element.get("type")
    if kind in _INTERACTIVE and "action_id" in element and not str(element["action_id"]):
        problems.append(_error("must be more than 0 characters", f"{pointer}/action_id"))
    if kind == "overflow":
        options = element.get("options") or []
        if not 2 <= len(options) <= 5:
            problems.append(_error("must have 2 to 5 items", f"{pointer}/options"))
    for key in ("options", "initial_options"):
        for index, option in enumerate(element.get(key) or []):
            if isinstance(option, dict) and len(str(option.get("value", ""))) > 150:
                problems.append(
                    _error("must be less than 151 characters", f"{pointer}/{key}/{index}/value")
                )
    if len(str(element.get("action_id", ""))) > ID_LIMIT:
        problems.append(_error("must be less than 256 characters", f"{pointer}/action_id"))
    if kind == "button":
        for key, limit in (("url", 3000), ("value", 2000)):
            if len(str(element.get(key, ""))) > limit:
                problems.append(
                    _error(f"must be less than {limit + 1} characters", f"{pointer}/{key}")
                )
        label = element.get("text")
        if isinstance(label, dict) and len(str(label.get("text", ""))) > 75:
            problems.append(_error("must be less than 76 characters", f"{pointer}/text/text"))
    return problems


def check_block(block: Any, pointer: str) -> list[str]:
    """Check one block: slack_sdk's model, unique action_ids, element rules, empty texts."""
    if not isinstance(block, dict) or not isinstance(block.get("type"), str):
        return [_error("missing required field: type", pointer)]
    problems: list[str] = []
    try:
        model = Block.parse(block)
    except (SlackObjectFormationError, TypeError, KeyError, ValueError) as exc:
        return [_error(f"invalid block: {exc}", pointer)]
    if model is None:
        return [_error(f"unsupported type: {block['type']}", f"{pointer}/type")]
    try:
        model.validate_json()
    except SlackObjectFormationError as exc:
        problems.append(_error(str(exc), pointer))
    if block["type"] == "section" and "text" not in block and "fields" not in block:
        problems.append(_error("must provide either text or fields", pointer))
    if block["type"] in ("actions", "context") and not block.get("elements"):
        problems.append(_error("must have at least 1 item", f"{pointer}/elements"))
    seen: set[str] = set()
    for where, element in _elements_of(block):
        if not isinstance(element, dict):
            continue
        problems.extend(_element_rules(element, f"{pointer}{where}"))
        action_id = element.get("action_id")
        if action_id is None or element.get("type") not in _INTERACTIVE:
            continue
        if str(action_id) in seen:
            problems.append(
                _error(
                    f"action_id '{action_id}' already exists in this block",
                    f"{pointer}{where}/action_id",
                )
            )
        seen.add(str(action_id))
    problems.extend(_empty_texts(block, pointer))
    return problems


def check_blocks(blocks: Any, *, limit: int, pointer: str = "/blocks") -> list[str]:
    """Check a list of blocks for one surface; return Slack-style error messages."""
    if not isinstance(blocks, list):
        return [_error("must be an array", pointer)]
    problems: list[str] = []
    if len(blocks) > limit:
        problems.append(_error(f"no more than {limit} items allowed", pointer))
    seen_ids: set[str] = set()
    for index, block in enumerate(blocks):
        here = f"{pointer}/{index}"
        problems.extend(check_block(block, here))
        block_id = block.get("block_id") if isinstance(block, dict) else None
        if block_id is None:
            continue
        if str(block_id) in seen_ids:
            problems.append(_error(f"block_id '{block_id}' already exists", f"{here}/block_id"))
        seen_ids.add(str(block_id))
        if not str(block_id) or len(str(block_id)) > ID_LIMIT:
            problems.append(_error("must be 1 to 255 characters", f"{here}/block_id"))
    return problems


def check_message(payload: dict[str, Any]) -> list[str]:
    """Check a message body (chat.postMessage/update/postEphemeral, response_url)."""
    problems: list[str] = []
    text = payload.get("text")
    if text is not None and len(str(text)) > TEXT_LIMIT:
        problems.append(_error(f"must be less than {TEXT_LIMIT + 1} characters", "/text"))
    blocks = payload.get("blocks")
    if blocks is not None:
        problems.extend(check_blocks(blocks, limit=MESSAGE_BLOCK_LIMIT))
    return problems


def missing_fallback(payload: dict[str, Any]) -> bool:
    """Tell whether a message has blocks but no top-level ``text`` (Slack warns ``missing_text``).

    The top-level text is what notifications, screen readers and search show; Slack posts the
    message anyway but answers with the warning.
    """
    return bool(payload.get("blocks")) and not str(payload.get("text") or "").strip()


def check_view(view: Any) -> list[str]:
    """Check a modal or Home view: its blocks and the view-level fields Slack limits."""
    if not isinstance(view, dict) or view.get("type") not in ("modal", "home"):
        return [_error("must be a modal or home view", "/view/type")]
    problems = check_blocks(view.get("blocks", []), limit=VIEW_BLOCK_LIMIT, pointer="/view/blocks")
    if view["type"] == "modal":
        title = view.get("title")
        if not isinstance(title, dict) or title.get("type") != "plain_text":
            problems.append(_error("must be a plain_text object", "/view/title"))
        elif not 1 <= len(str(title.get("text") or "")) <= VIEW_TITLE_LIMIT:
            problems.append(_error("must be 1 to 24 characters", "/view/title/text"))
        for key in ("submit", "close"):
            if key not in view or view[key] is None:
                continue
            button = view[key]
            if not isinstance(button, dict) or button.get("type") != "plain_text":
                problems.append(_error("must be a plain_text object", f"/view/{key}"))
            elif not 1 <= len(str(button.get("text") or "")) <= VIEW_TITLE_LIMIT:
                problems.append(_error("must be 1 to 24 characters", f"/view/{key}/text"))
        has_input = any(
            isinstance(b, dict) and b.get("type") == "input" for b in view.get("blocks", [])
        )
        if has_input and not view.get("submit"):
            problems.append(_error("submit is required when an input block is present", "/view"))
    if len(str(view.get("private_metadata") or "")) > PRIVATE_METADATA_LIMIT:
        problems.append(_error("must be less than 3001 characters", "/view/private_metadata"))
    for key in ("callback_id", "external_id"):
        if len(str(view.get(key) or "")) > ID_LIMIT:
            problems.append(_error("must be less than 256 characters", f"/view/{key}"))
    return problems


def check_view_response(submitted: dict[str, Any], answer: Any) -> list[str]:
    """Check the bot's answer to a view submission as Slack does.

    ``errors`` must name input blocks of the submitted view (Slack shows nothing and logs a
    failure otherwise); ``update`` and ``push`` must carry a valid view.
    """
    if not isinstance(answer, dict) or "response_action" not in answer:
        return []
    action = answer["response_action"]
    if action == "errors":
        inputs = {
            str(b.get("block_id"))
            for b in submitted.get("blocks") or []
            if isinstance(b, dict) and b.get("type") == "input" and b.get("block_id")
        }
        errors = answer.get("errors")
        if not isinstance(errors, dict) or not errors:
            return [_error("must be an object of block_id: message", "/errors")]
        return [
            _error(f"'{key}' is not the block_id of an input block in the view", f"/errors/{key}")
            for key in errors
            if str(key) not in inputs
        ]
    if action in ("update", "push"):
        return check_view(answer.get("view"))
    if action == "clear":
        return []
    return [_error(f"unknown response_action '{action}'", "/response_action")]
