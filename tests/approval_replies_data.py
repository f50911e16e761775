"""The approval-thread replies of ``tests/data/approval_thread_replies.txt``, read once."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).parent / "data" / "approval_thread_replies.txt"


def replies() -> list[tuple[str, str]]:
    """Return (expected reading, reply text) for every reply in the data file."""
    found: list[tuple[str, str]] = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        expected, _, text = line.partition(" | ")
        found.append((expected.strip(), text.replace("\\n", "\n")))
    return found
