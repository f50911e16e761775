"""The pure reader over the whole message set: intents and slots, fast (no bot, no database)."""

from __future__ import annotations

import pytest

from bot.understanding import Intent, read
from bot.understanding.text import fold
from tests.understanding_set import NOW, load_cases, mismatches

CASES = load_cases()


def _read(case_text: str, where: str, in_thread: bool) -> object:
    return read(case_text, where=where, now=NOW, in_thread=in_thread)  # type: ignore[arg-type]


def test_the_set_is_large_and_varied() -> None:
    intents = {c.intent for c in CASES}
    assert len(CASES) >= 300
    assert {i.value for i in Intent} <= intents
    assert sum(c.intent == "chat" for c in CASES) >= 40
    english = [c for c in CASES if not any(ch in c.text.lower() for ch in "æøå")]
    assert len(english) > len(CASES) * 0.3
    assert len({c.text for c in CASES}) == len(CASES)


def test_the_reader_understands_at_least_95_percent() -> None:
    failures = []
    for case in CASES:
        reading = read(
            case.text,
            where=case.where,  # type: ignore[arg-type]
            now=NOW,
            in_thread=case.thread_meeting is not None,
        )
        problems = mismatches(case, reading)
        if problems:
            failures.append(f"{case.text!r}: {'; '.join(problems)}")
    rate = 1 - len(failures) / len(CASES)
    assert rate >= 0.95, f"{rate:.1%} understood; misread:\n" + "\n".join(failures)


def test_chat_is_never_a_state_change() -> None:
    for case in CASES:
        if case.intent != "chat":
            continue
        reading = read(
            case.text,
            where=case.where,  # type: ignore[arg-type]
            now=NOW,
            in_thread=case.thread_meeting is not None,
        )
        assert reading.intent is Intent.CHAT, case.text


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("JEG KAN IKKE DELTAGE", Intent.AFBUD),
        ("jeg kan ikke deltage", Intent.AFBUD),
        ("hvem har meldt afbud?", Intent.ATTENDANCE_QUESTION),
        ("opgave 12 er klaret", Intent.TASK_DONE),
        ("tak", Intent.THANKS),
        ("", Intent.UNKNOWN),
    ],
)
def test_cues_are_found_whatever_the_case_and_spelling(text: str, intent: Intent) -> None:
    assert read(text, now=NOW).intent is intent


def test_a_task_number_is_never_a_new_task() -> None:
    reading = read("opgave 2 er klaret", now=NOW)
    assert reading.intent is Intent.TASK_DONE and reading.task_number == 2


def test_folding_keeps_the_original_spans() -> None:
    folded = fold("Økonomi på dagsordenen")
    start = folded.text.index("paa")
    assert folded.cut(start, start + 3) == "på"
    assert folded.text.startswith("oekonomi")
