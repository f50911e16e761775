"""Start a throwaway PostgreSQL server for tests, or use the one named by REFERENT_TEST_PG_URL."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest

ENV_URL = "REFERENT_TEST_PG_URL"
_SEARCH_DIRS = ("/usr/local/bin", "/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin",
                "/usr/lib/postgresql/15/bin")  # fmt: skip


class PostgresServer:
    """A throwaway PostgreSQL cluster that can be halted and resumed (outage tests)."""

    def __init__(self) -> None:
        initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
        if initdb is None or pg_ctl is None:
            _unavailable("PostgreSQL binaries (initdb, pg_ctl) not found on PATH")
        assert initdb is not None and pg_ctl is not None
        self.pg_ctl = pg_ctl
        self.as_user: list[str] = []
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            if shutil.which("runuser") is None:
                _unavailable("running as root without runuser to start PostgreSQL as 'postgres'")
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self.root = Path(tempfile.mkdtemp(prefix="referent-pg-"))
        if self.as_user:
            shutil.chown(self.root, user="postgres")
        self.data, self.log = self.root / "data", self.root / "server.log"
        self.port = _free_port()
        try:
            subprocess.run(
                [*self.as_user, initdb, "-D", str(self.data), "-U", "postgres", "-A", "trust",
                 "-E", "UTF8", "--locale=C", "--no-sync"],
                capture_output=True, check=True, timeout=120,
            )  # fmt: skip
            self.resume()
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
            detail = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            stderr = getattr(exc, "stderr", b"") or b""
            self.stop()
            message = (
                f"could not start PostgreSQL: {exc}\n{stderr.decode(errors='replace')}{detail}"
            )
            raise RuntimeError(message) from exc

    @property
    def url(self) -> str:
        """Return the URL of the server's default database."""
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def resume(self) -> None:
        """Start (or start again) the server on its port."""
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        subprocess.run(
            [*self.as_user, self.pg_ctl, "-D", str(self.data), "-l", str(self.log), "-o",
             options, "-w", "-t", "60", "start"],
            capture_output=True, check=True, timeout=90,
        )  # fmt: skip
        _wait_for(self.port)

    def halt(self) -> None:
        """Stop the server but keep its data, as an outage does."""
        subprocess.run(
            [*self.as_user, self.pg_ctl, "-D", str(self.data), "-m", "fast", "-w", "stop"],
            capture_output=True,
            check=False,
            timeout=60,
        )

    def stop(self) -> None:
        """Stop the server and remove its directory."""
        subprocess.run(
            [*self.as_user, self.pg_ctl, "-D", str(self.data), "-m", "immediate", "-w", "stop"],
            capture_output=True,
            check=False,
            timeout=60,
        )
        shutil.rmtree(self.root, ignore_errors=True)


def start_postgres() -> tuple[str, Callable[[], None]]:
    """Return (url, stop) of a PostgreSQL server for the tests.

    With ``REFERENT_TEST_PG_URL`` set, that server is used and ``stop`` does
    nothing. Otherwise a throwaway cluster is created in a temporary directory
    (as the ``postgres`` system user when running as root, since initdb refuses
    root), listening on 127.0.0.1 at a free port with its socket in the same
    directory; ``stop`` shuts it down and removes the directory. Without the
    PostgreSQL binaries the calling test is skipped, or fails when ``CI=true``.
    """
    configured = os.environ.get(ENV_URL)
    if configured:
        return _with_driver(configured), lambda: None
    server = PostgresServer()
    return server.url, server.stop


def _binary(name: str) -> str | None:
    """Find a PostgreSQL program on PATH or in the usual Debian directories."""
    found = shutil.which(name)
    if found:
        return found
    for directory in _SEARCH_DIRS:
        candidate = Path(directory) / name
        if candidate.exists():
            return str(candidate)
    return None


def _unavailable(reason: str) -> None:
    """Skip the calling test, or fail it under CI where PostgreSQL must be tested."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"PostgreSQL is required under CI: {reason}")
    pytest.skip(f"PostgreSQL tests skipped: {reason}")


def _with_driver(url: str) -> str:
    """Make a postgres:// or postgresql:// URL use the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _free_port() -> int:
    """Return a TCP port on 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for(port: int, timeout: float = 30.0) -> None:
    """Wait until the server accepts TCP connections."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1.0):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"PostgreSQL did not accept connections on port {port}")
