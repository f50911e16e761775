"""Observe, from the fake Slack's side, whether the bot holds SQLite's write lock when it calls Slack.

SQLite in WAL mode marks an open write transaction with a lock on byte 120 of the
``-shm`` file (WAL_WRITE_LOCK). The probe asks the kernel whether anyone holds that
byte with ``F_OFD_GETLK``: open-file-description locks conflict with the POSIX locks
SQLite takes even within one process, and asking takes no lock, so the bot never waits
on the probe. Nothing of the bot is patched; the fake calls the probe as a call arrives.
"""

from __future__ import annotations

import fcntl
import os
import struct
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

#: How long a write lock must stay taken to count. Another thread's transaction is over in
#: milliseconds; one whose own thread is waiting for this very Slack answer never ends.
PATIENCE = 1.0
WAL_WRITE_LOCK = 120  # WALINDEX_LOCK_OFFSET + 0 in sqlite3.c
_FLOCK = "hh4xqqi4x"  # struct flock on 64-bit Linux


@dataclass
class LockViolation:
    """A Slack call that arrived while the bot held the database's write lock."""

    method: str
    caller: str

    def __str__(self) -> str:
        return f"{self.method} from {self.caller}"


def write_locked(shm_fd: int) -> bool:
    """Tell whether some connection holds the WAL write lock of a database right now.

    The ``-shm`` file must stay open for as long as the bot runs: closing any descriptor
    of a file drops every POSIX lock this process holds on it, SQLite's included.
    """
    query = struct.pack(_FLOCK, fcntl.F_WRLCK, os.SEEK_SET, WAL_WRITE_LOCK, 1, 0)
    answer = fcntl.fcntl(shm_fd, fcntl.F_OFD_GETLK, query)
    kind = struct.unpack(_FLOCK, answer)[0]
    return bool(kind != fcntl.F_UNLCK)


@dataclass
class WriteLockProbe:
    """Check the bot's SQLite write lock as each Slack call arrives; keep the violations."""

    path: Path
    #: Call sites (``module.function``) still known to call Slack inside a transaction.
    known: tuple[str, ...] = ()
    violations: list[LockViolation] = field(default_factory=list)
    calls: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _fd: int | None = None

    def __call__(self, method: str) -> None:
        """Record the call as a violation when the write lock stays taken for PATIENCE."""
        with self._lock:
            self.calls += 1
            if self._fd is None:
                shm = self.path.with_name(self.path.name + "-shm")
                if not shm.exists():
                    return  # no connection has opened the database yet
                self._fd = os.open(shm, os.O_RDONLY)
            fd = self._fd
        if not write_locked(fd):
            return
        if any(site in _bot_caller() for site in self.known):
            return  # a call site known to be inside a transaction: no need to wait it out
        deadline = time.monotonic() + PATIENCE
        while write_locked(fd):
            if time.monotonic() > deadline:
                violation = LockViolation(method, _bot_caller())
                with self._lock:
                    self.violations.append(violation)
                return
            time.sleep(0.0005)

    def close(self) -> None:
        """Close the ``-shm`` file; only once the bot is done with the database."""
        with self._lock:
            if self._fd is not None:
                os.close(self._fd)
                self._fd = None

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
            return " > ".join(ours[-14:])
    return "?"
