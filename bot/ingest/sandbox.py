"""Read an uploaded document in a child process with memory and CPU limits.

Why: a parser bug or a file built to exhaust it must not take the bot down. The child
gets the bytes on stdin, reads them with ``load_document`` under an address-space and
CPU limit, and sends back the parsed document or the reason it was refused; the bot's
own memory never holds the inflated content, and its request threads keep the GIL.
"""

from __future__ import annotations

import json
import logging
import pickle
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime

from bot.ingest.model import ParsedDocument

log = logging.getLogger(__name__)

#: Address space of the child (Python, lxml and the parsed tree fit well inside).
MEMORY_LIMIT = 1536 * 1024 * 1024
CPU_SECONDS = 120
WALL_SECONDS = 240


@dataclass(frozen=True)
class Refusal:
    """Why a file was not read: a reason key and the explanation in Danish and English."""

    key: str
    da: str
    en: str


def read_document(
    data: bytes, filename: str, now: datetime | None = None
) -> ParsedDocument | Refusal:
    """Parse a file in a limited child process; return the document or why it was refused."""
    header = json.dumps({"filename": filename, "now": now.isoformat() if now else None})
    try:
        done = subprocess.run(
            [sys.executable, "-m", "bot.ingest.sandbox"],
            input=header.encode() + b"\n" + data,
            capture_output=True,
            timeout=WALL_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return Refusal("too_slow", "", "")
    if done.returncode != 0 or not done.stdout:
        # Killed by a limit (negative code, MemoryError) or a bug in a parser.
        log.warning(
            "document reader exited %s: %s",
            done.returncode,
            done.stderr[-500:].decode(errors="replace"),
        )
        return Refusal("too_heavy" if done.returncode < 0 else "failed", "", "")
    outcome = pickle.loads(done.stdout)  # written by our own child, never by the upload
    if isinstance(outcome, ParsedDocument | Refusal):
        return outcome
    return Refusal("too_heavy", "", "")


def _child() -> None:
    """Read one document from stdin under resource limits; pickle the outcome to stdout."""
    import resource

    from bot.ingest import NotMinutesError, load_document

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
    raw = sys.stdin.buffer.read()
    line, _, data = raw.partition(b"\n")
    header = json.loads(line)
    now = datetime.fromisoformat(header["now"]) if header.get("now") else None
    outcome: ParsedDocument | Refusal
    try:
        outcome = load_document(data, str(header["filename"]), now=now)
    except NotMinutesError as exc:
        # A reason that names a library's exception class is replaced by a plain one.
        named = "error" in exc.params
        outcome = Refusal(
            "damaged" if named else exc.key,
            "" if named else exc.message("da"),
            "" if named else exc.message("en"),
        )
    except MemoryError:
        outcome = Refusal("too_heavy", "", "")
    sys.stdout.buffer.write(pickle.dumps(outcome))
    sys.stdout.flush()


if __name__ == "__main__":
    # Run as the importable module, so the pickled Refusal names bot.ingest.sandbox.
    from bot.ingest.sandbox import _child as child

    child()
