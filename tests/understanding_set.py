"""The message set of issue 14: load it, and resolve a reading's meeting on its calendar."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from bot.understanding import Intent, MeetingRef, Reading
from tests.conftest import CPH

SET_PATH = Path(__file__).parent / "data" / "understanding_set.yaml"
NOW = datetime(2026, 11, 18, 10, 0, tzinfo=CPH)
MEETINGS = (
    date(2026, 11, 20),
    date(2026, 12, 11),
    date(2027, 1, 15),
    date(2027, 2, 12),
    date(2027, 3, 12),
    date(2027, 4, 16),
    date(2027, 5, 3),
)
PEOPLE = {
    "sek": ("U0SEK", "Povl Skov", "secretary"),
    "fmd": ("U0FMD", "Morten Bøgelund Andersen", "chair"),
    "pia": ("U0PIA", "Pia Bille", "member"),
    "bo": ("U0BO", "Bo Gammelgaard", "member"),
    "mil": ("U0MIL", "Mille Schjoldan", "member"),
    "mar": ("U0MAR", "Margrethe Vestergaard", "member"),
    "jen": ("U0JEN", "Jens Kirk", "member"),
}
#: Open tasks at the start: number → owner key.
TASKS = {1: "pia", 2: "bo", 3: "mil", 4: "mar", 5: "pia", 6: "bo", 7: "jen", 8: "mil"}
#: State-changing intents (the rest must change nothing).
CHANGES = {
    "afbud",
    "attend",
    "propose",
    "task_create",
    "task_done",
    "meeting_create",
    "meeting_move",
    "meeting_cancel",
}


@dataclass(frozen=True)
class Case:
    """One message of the set and what it should be read as."""

    text: str
    by: str
    at: str
    intent: str
    meeting: date | None
    person: str | None
    sub: str | None
    title: str | None
    kind: str | None
    due: date | None
    task: int | None
    new: datetime | None
    confirm: bool

    @property
    def where(self) -> str:
        """Return where the message was written, without the thread's meeting."""
        return "notice_thread" if self.at.startswith("thread:") else self.at

    @property
    def thread_meeting(self) -> date | None:
        """Return the meeting whose notice thread the message is in."""
        return (
            date.fromisoformat(self.at.split(":", 1)[1]) if self.at.startswith("thread:") else None
        )

    @property
    def label(self) -> str:
        """Return a short label for test ids and reports."""
        return f"{self.intent}:{self.text[:50]}"


def _day(value: Any) -> date | None:
    if value is None:
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def load_cases() -> list[Case]:
    """Load the message set."""
    raw = yaml.safe_load(SET_PATH.read_text(encoding="utf-8"))
    cases = []
    for entry in raw:
        new = entry.get("new")
        cases.append(
            Case(
                text=str(entry["text"]),
                by=str(entry["by"]),
                at=str(entry["at"]),
                intent=str(entry["intent"]),
                meeting=_day(entry.get("meeting")),
                person=entry.get("person"),
                sub=entry.get("sub"),
                title=entry.get("title"),
                kind=entry.get("kind"),
                due=_day(entry.get("due")),
                task=entry.get("task"),
                new=datetime.fromisoformat(str(new)).replace(tzinfo=CPH) if new else None,
                confirm=bool(entry.get("confirm", False)),
            )
        )
    return cases


def meeting_on_calendar(ref: MeetingRef | None, thread: date | None) -> date:
    """Resolve a meeting reference on the set's calendar (the next meeting by default)."""
    if ref is None:
        return thread or MEETINGS[0]
    if ref.kind == "date" and ref.day is not None:
        return ref.day
    if ref.kind == "month" and ref.month is not None:
        return next((d for d in MEETINGS if d.month == ref.month), date.min)
    if ref.kind == "thread" and thread is not None:
        return thread
    return MEETINGS[0]


def simple(text: str | None) -> str:
    """Fold a title or name for comparison: case, accents, punctuation and spacing."""
    if not text:
        return ""
    text = text.casefold().replace("ø", "oe").replace("æ", "ae").replace("å", "aa")
    text = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())


def mismatches(case: Case, reading: Reading) -> list[str]:
    """Return how a reading differs from what the case expects (empty when it agrees)."""
    problems: list[str] = []
    if reading.intent.value != case.intent:
        return [f"intent {reading.intent.value} != {case.intent}"]
    vague = case.intent == "task_done" and case.task is None
    if case.intent in CHANGES and case.confirm == reading.confident and not vague:
        problems.append(f"confident={reading.confident}, expected confirm={case.confirm}")
    if case.meeting is not None and case.intent not in ("meeting_create", "task_create"):
        got = meeting_on_calendar(reading.meeting, case.thread_meeting)
        if got != case.meeting:
            problems.append(f"meeting {got} != {case.meeting}")
    if case.person is not None:
        person = reading.person or ""
        wanted = PEOPLE_BY_NAME.get(simple(case.person).split()[0])
        if person.startswith("<@"):
            if wanted is None or wanted not in person:
                problems.append(f"person {person} != {case.person}")
        elif simple(person).split()[:1] != simple(case.person).split()[:1]:
            problems.append(f"person {person!r} != {case.person!r}")
    elif case.intent in ("afbud", "attend") and reading.person is not None:
        problems.append(f"person {reading.person!r} for one's own answer")
    if case.sub is not None and simple(reading.substitute) != simple(case.sub):
        problems.append(f"substitute {reading.substitute!r} != {case.sub!r}")
    if case.title is not None and simple(reading.title) != simple(case.title):
        problems.append(f"title {reading.title!r} != {case.title!r}")
    if case.kind is not None and reading.kind != case.kind:
        problems.append(f"kind {reading.kind} != {case.kind}")
    if case.due is not None and reading.due != case.due:
        problems.append(f"due {reading.due} != {case.due}")
    if case.task is not None and reading.task_number != case.task:
        problems.append(f"task {reading.task_number} != {case.task}")
    return problems


PEOPLE_BY_NAME = {simple(name).split()[0]: uid for uid, name, _ in PEOPLE.values()}

__all__ = ["Intent"]
