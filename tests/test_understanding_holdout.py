"""The reader on a second message set written by another hand: intents, and no unsure guess acted on."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml

from bot.understanding.reader import STATE_CHANGES, Intent, read

SET = Path(__file__).with_name("data") / "understanding_holdout.yaml"
NOW = datetime(2026, 11, 18, 10, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))
INTENTS = {
    "afbud": Intent.AFBUD,
    "afbud_cancel": Intent.ATTEND,
    "attendance_question": Intent.ATTENDANCE_QUESTION,
    "propose": Intent.PROPOSE,
    "task_create": Intent.TASK_CREATE,
    "task_done": Intent.TASK_DONE,
    "meeting_create": Intent.MEETING_CREATE,
    "meeting_move": Intent.MEETING_MOVE,
    "meeting_cancel": Intent.MEETING_CANCEL,
    "help": Intent.HELP,
    "thanks": Intent.THANKS,
    "ask": Intent.QUESTION,
    "chat": Intent.CHAT,
}
WHERE = {"chat": "channel"}


def _messages() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = yaml.safe_load(SET.read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("case", _messages(), ids=lambda c: str(c["text"])[:40])
def test_each_message_is_read_as_meant(case: dict[str, Any]) -> None:
    reading = read(case["text"], where=WHERE.get(case["where"], case["where"]), now=NOW)
    assert reading.intent is INTENTS[case["intent"]], reading
    if "title" in case:
        assert reading.title and case["title"].lower() in reading.title.lower(), reading.title
    if "task" in case:
        assert reading.task_number == case["task"]
    if "owner" in case and reading.person is not None:
        assert reading.person.lower() == case["owner"].lower()


def test_no_sure_reading_changes_the_wrong_thing() -> None:
    """A state change the reader is sure of must be the one the writer meant."""
    wrong = []
    for case in _messages():
        reading = read(case["text"], where=WHERE.get(case["where"], case["where"]), now=NOW)
        meant = INTENTS[case["intent"]]
        if reading.intent in STATE_CHANGES and reading.confident and reading.intent is not meant:
            wrong.append((case["text"], reading.intent))
    assert not wrong


@pytest.mark.parametrize(
    "text",
    [
        "jeg kommer ikke før kl 10",
        "jeg kommer først kl. 10:30",
        "we will skip item 3",
        "hvornår var standardkontrakter sidst på dagsordenen?",
        "hvem satte kofoedsminde på dagsordenen?",
        "who put the budget on the agenda?",
    ],
)
def test_look_alikes_change_nothing_without_asking(text: str) -> None:
    reading = read(text, where="mention", now=NOW)
    assert not (reading.intent in STATE_CHANGES and reading.confident), reading
