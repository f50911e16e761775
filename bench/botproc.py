"""Start the real bot as a separate process in HTTP mode against a fake Slack."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

SIGNING_SECRET = "bench-signing-secret-0123456789"
BOT_TOKEN = "xoxb-test-token"


def free_port() -> int:
    """Return a free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def rss_kib(pid: int) -> int:
    """Return a process's resident memory in KiB (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


@dataclass
class BotProcess:
    """A running `referent run --http` process."""

    process: subprocess.Popen[bytes]
    url: str
    startup_seconds: float

    @property
    def pid(self) -> int:
        """Return the process id."""
        return self.process.pid


@contextmanager
def bot_process(
    api_url: str, database_url: str, *, extra_env: dict[str, str] | None = None
) -> Iterator[BotProcess]:
    """Run the bot in its own process until the block ends; wait until it serves."""
    port = free_port()
    env = dict(os.environ)
    env.update(
        {
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": api_url,
            "DATABASE_URL": database_url,
        }
    )
    env.pop("SLACK_APP_TOKEN", None)
    env.update(extra_env or {})
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "run", "--http", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    health = f"http://127.0.0.1:{port}/healthz"
    try:
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"bot exited with {process.returncode} during start-up")
            try:
                with urllib.request.urlopen(health, timeout=0.5) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.02)
            if time.perf_counter() - started > 60:
                raise RuntimeError("bot did not start within 60 s")
        yield BotProcess(
            process, f"http://127.0.0.1:{port}/slack/events", time.perf_counter() - started
        )
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
