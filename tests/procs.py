"""Real bot processes for tests: `referent run --http` and `referent tick` against a fake Slack."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from tests.conftest import BOT_TOKEN, SIGNING_SECRET

REPO = Path(__file__).resolve().parents[1]
START_TIMEOUT = 60.0
TICK_TIMEOUT = 60.0


def free_port() -> int:
    """Return a free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def kill(process: subprocess.Popen[bytes]) -> None:
    """Kill a process with SIGKILL, as a crash or the OOM killer would, and reap it."""
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


@dataclass
class BotProcess:
    """A running `referent run --http` process and where its log goes."""

    process: subprocess.Popen[bytes]
    url: str
    log: Path

    @property
    def pid(self) -> int:
        """Return the process id."""
        return self.process.pid

    def kill(self) -> None:
        """Kill the process with SIGKILL."""
        kill(self.process)

    def log_tail(self, chars: int = 4000) -> str:
        """Return the end of the process's log, for assertion messages."""
        return self.log.read_text(errors="replace")[-chars:] if self.log.exists() else ""


@dataclass
class TickResult:
    """How a `referent tick` process ended."""

    returncode: int
    output: str


@dataclass
class Processes:
    """Starts bot and tick processes on one database and fake Slack; kills them all at the end."""

    api_url: str
    database_url: str
    log_dir: Path
    started: list[subprocess.Popen[bytes]] = field(default_factory=list)
    logs: dict[int, Path] = field(default_factory=dict)

    def environ(self) -> dict[str, str]:
        """Return the environment of a bot process: the fake Slack and the shared database."""
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "REFERENT_"))}
        env.update(
            {
                "SLACK_BOT_TOKEN": BOT_TOKEN,
                "SLACK_SIGNING_SECRET": SIGNING_SECRET,
                "SLACK_API_URL": self.api_url,
                "DATABASE_URL": self.database_url,
                "REFERENT_TIMEZONE": "Europe/Copenhagen",
                "REFERENT_LANGUAGE": "da",
                "REFERENT_SLACK_RATE_SPEED": "60",  # the fake Slack runs a minute a second
                "PYTHONUNBUFFERED": "1",
            }
        )
        return env

    def _log(self, name: str) -> Path:
        return self.log_dir / f"{len(self.started) + 1:02d}-{name}.log"

    def _spawn(self, args: list[str], log: Path) -> subprocess.Popen[bytes]:
        with log.open("wb") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "bot", *args],
                cwd=REPO,
                env=self.environ(),
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        self.started.append(process)
        self.logs[process.pid] = log
        return process

    def start_bot(self) -> BotProcess:
        """Start `referent run --http` on a free port and wait until it answers /healthz."""
        # The in-process scheduler is off: timed work runs only through `referent tick
        # --at`, so the tests decide what time it is.
        port = free_port()
        log = self._log("bot")
        args = ["run", "--http", "--host", "127.0.0.1", "--port", str(port), "--no-scheduler"]
        process = self._spawn(args, log)
        bot = BotProcess(process, f"http://127.0.0.1:{port}/slack/events", log)
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"bot exited with {process.returncode}:\n{bot.log_tail()}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=0.5):
                    return bot
            except OSError:
                time.sleep(0.05)
            if time.monotonic() > deadline:
                raise RuntimeError(f"bot did not start within {START_TIMEOUT} s")

    def start_tick(self, at: datetime) -> subprocess.Popen[bytes]:
        """Start `referent tick --at` without waiting for it."""
        return self._spawn(["tick", "--at", at.isoformat()], self._log("tick"))

    def finish(self, process: subprocess.Popen[bytes]) -> TickResult:
        """Wait for a process to end (bounded) and return its exit code and output."""
        process.wait(timeout=TICK_TIMEOUT)
        return TickResult(process.returncode, self.logs[process.pid].read_text(errors="replace"))

    def tick(self, at: datetime) -> TickResult:
        """Run one `referent tick --at` to the end."""
        return self.finish(self.start_tick(at))

    def close(self) -> None:
        """Kill every process that is still running."""
        for process in self.started:
            kill(process)


@contextmanager
def processes(api_url: str, database_url: str, log_dir: Path) -> Iterator[Processes]:
    """Yield a process starter; whatever it started is killed when the block ends."""
    log_dir.mkdir(parents=True, exist_ok=True)
    procs = Processes(api_url, database_url, log_dir)
    try:
        yield procs
    finally:
        procs.close()
