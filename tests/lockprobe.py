"""Observe, from the fake Slack's side, whether the bot holds SQLite's write lock when it calls Slack."""

from __future__ import annotations

import sqlite3
import sys
import threading
import traceback
from dataclasses import dataclass, field
from pathlib import Path

#: How long the probe waits for the write lock. A transaction of another thread is over in
#: milliseconds; one whose own thread is waiting for this very Slack answer never ends.
PATIENCE = 1.0


@dataclass
class LockViolation:
    """A Slack call that arrived while the bot held the database's write lock."""

    method: str
    caller: str

    def __str__(self) -> str:
        return f"{self.method} from {self.caller}"


@dataclass
class WriteLockProbe:
    """Try ``BEGIN IMMEDIATE`` on the bot's SQLite file as each Slack call arrives."""

    path: Path
    violations: list[LockViolation] = field(default_factory=list)
    calls: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __call__(self, method: str) -> None:
        """Record the call as a violation when the write lock stays taken."""
        with self._lock:
            self.calls += 1
        connection = sqlite3.connect(self.path, timeout=PATIENCE, isolation_level=None)
        try:
            connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            violation = LockViolation(method, _bot_caller())
            with self._lock:
                self.violations.append(violation)
        else:
            connection.execute("ROLLBACK")
        finally:
            connection.close()

    def report(self) -> str:
        """Describe every violation, one a line."""
        return "\n".join(str(v) for v in self.violations)


def _bot_caller() -> str:
    """Name the bot functions on the stack of the thread waiting for a Slack answer."""
    me = threading.get_ident()
    for ident, frame in sys._current_frames().items():
        if ident == me:
            continue
        stack = traceback.extract_stack(frame)
        if not any("slack_sdk" in f.filename for f in stack):
            continue
        ours = [
            f"{Path(f.filename).stem}.{f.name}"
            for f in stack
            if "/bot/" in f.filename or "/handlers/" in f.filename
        ]
        if ours:
            return " > ".join(ours[-6:])
    return "?"
