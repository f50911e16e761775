"""Validate every message, modal and Home view the bot posted in this run (this file runs last).

Every fake Slack writes the bodies it receives to one recorder; here each is checked again with
slack_sdk's own models and with the rules they leave out (unique ids, limits, fallback text).
Run alone it drives a chair's agenda and Home itself, so it always has payloads to check.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from slack_sdk.errors import SlackObjectFormationError
from slack_sdk.models.blocks import Block

from bot.demo.fakeslack import RECORDER, Captured, check_message, check_view
from tests.harness import BotHarness

CHANNEL = "C0GROUP"
CHAIR = "U0FMD"


def kind_of(item: Captured) -> str:
    """Name the kind of a payload: its surface and what identifies its layout."""
    payload = item.payload
    if item.surface == "view_response":
        return item.method
    if item.surface in ("modal", "home"):
        return f"{item.surface}:{payload.get('callback_id') or '-'}"
    blocks = payload.get("blocks") or []
    if not blocks:
        return "message:text"
    actions = sorted(
        {
            str(element.get("action_id"))
            for block in blocks
            for element in [*(block.get("elements") or []), block.get("accessory") or {}]
            if isinstance(element, dict) and element.get("action_id")
        }
    )
    if actions:
        return "message:" + ",".join(actions)
    return "message:" + ",".join(sorted({str(b.get("type")) for b in blocks}))


def sdk_problems(item: Captured) -> list[str]:
    """Run each block through slack_sdk's models (independently of the fake's own check)."""
    problems: list[str] = []
    for index, block in enumerate(item.payload.get("blocks") or []):
        model = Block.parse(block)
        if model is None:
            problems.append(f"block {index}: unknown type {block.get('type')}")
            continue
        try:
            model.validate_json()
        except SlackObjectFormationError as exc:
            problems.append(f"block {index}: {exc}")
    return problems


def _drive_agenda(h: BotHarness) -> None:
    h.add_group(chair=CHAIR)
    h.driver.command(CHAIR, "dagsorden", channel=CHANNEL)
    h.driver.app_home_opened(CHAIR)
    h.wait_for(lambda: h.fake.home(CHAIR), timeout=10)
    h.settle()


def test_every_payload_of_the_run_passes_slacks_rules(harness: BotHarness) -> None:
    _drive_agenda(harness)
    captured = RECORDER.snapshot()
    assert captured, "the run posted payloads"
    bad: list[tuple[str, str, list[str]]] = []
    no_fallback: list[str] = []
    kinds: Counter[str] = Counter()
    for item in captured:
        kinds[kind_of(item)] += 1
        if item.surface == "message":
            problems = check_message(item.payload) + sdk_problems(item)
            if item.missing_text:
                no_fallback.append(kind_of(item))
        elif item.surface == "view_response":
            # Checked against the submitted view when it was answered (the driver).
            problems = list(item.problems)
        else:
            problems = check_view(item.payload) + sdk_problems(item)
        if problems:
            bad.append((item.method, kind_of(item), problems[:3]))
    surfaces = Counter(item.surface for item in captured)
    print(  # the numbers for the note: pytest -s shows them
        f"\npayloads: {len(captured)}, kinds: {len(kinds)}, by surface: {dict(surfaces)}"
    )
    for name, count in sorted(kinds.items()):
        print(f"  {count:5d}  {name}")
    for method, kind, problems in bad:
        print(f"BAD {method} {kind}: {problems}")
    assert not bad, bad[:10]
    assert not no_fallback, sorted(set(no_fallback))


def test_kinds_tell_layouts_apart() -> None:
    draft = Captured(
        surface="message",
        method="response_url",
        payload={
            "text": "x",
            "blocks": [
                {
                    "type": "actions",
                    "elements": [
                        {"type": "button", "action_id": "agenda_export_md"},
                        {"type": "button", "action_id": "agenda_export_docx"},
                    ],
                }
            ],
        },
        problems=(),
    )
    plain: Any = Captured(
        surface="message", method="chat.postMessage", payload={"text": "hej"}, problems=()
    )
    assert kind_of(draft) == "message:agenda_export_docx,agenda_export_md"
    assert kind_of(plain) == "message:text"
