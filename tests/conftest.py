"""Shared fixtures: settings, databases (SQLite and a throwaway PostgreSQL), clocks."""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.ports import FixedClock
from bot.settings import Settings, load_settings

CPH = ZoneInfo("Europe/Copenhagen")
SIGNING_SECRET = "test-signing-secret-0123456789"
BOT_TOKEN = "xoxb-test-token"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def _no_network(*args: object, **kwargs: object) -> None:
    raise AssertionError("tests must not reach the network")


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any test that tries to connect outside the loopback range."""
    original = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else address
        inet = self.family in (socket.AF_INET, socket.AF_INET6)
        local = isinstance(host, str) and (host.startswith("127.") or host in ("::1", "localhost"))
        if inet and isinstance(host, str) and not local:
            _no_network()
        return original(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture
def now() -> datetime:
    """Return a fixed Wednesday morning in Copenhagen."""
    return datetime(2026, 11, 18, 10, 0, tzinfo=CPH)


@pytest.fixture
def clock(now: datetime) -> FixedClock:
    """Return a clock standing at ``now``."""
    return FixedClock(now)


def make_settings(database_url: str, api_url: str = "http://127.0.0.1:9/api/") -> Settings:
    """Return settings for a test bot against a fake Slack."""
    return load_settings(
        {
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": api_url,
            "DATABASE_URL": database_url,
            "REFERENT_TIMEZONE": "Europe/Copenhagen",
            "REFERENT_LANGUAGE": "da",
            "REFERENT_SLACK_RATE_SPEED": "60",  # the fake's clock: a Slack minute a second
        }
    )


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """Return a URL of a fresh SQLite file."""
    return f"sqlite:///{tmp_path / 'referent.db'}"


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """Start one throwaway PostgreSQL server for the session; yield its base URL."""
    from tests.pg import start_postgres

    url, stop = start_postgres()
    try:
        yield url
    finally:
        stop()


_pg_counter = 0


@pytest.fixture
def pg_url(pg_server: str) -> str:
    """Return a URL of a fresh, empty PostgreSQL database."""
    import sqlalchemy as sa

    global _pg_counter
    _pg_counter += 1
    name = f"t_{os.getpid()}_{_pg_counter}"
    admin = sa.create_engine(pg_server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    admin.dispose()
    return pg_server.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest) -> str:
    """Return a fresh database URL, once for SQLite and once for PostgreSQL."""
    if request.param == "sqlite":
        return str(request.getfixturevalue("sqlite_url"))
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def harness(sqlite_url: str, now: datetime) -> Iterator[Any]:
    """Run the real bot over HTTP against the fake Slack, on SQLite, at a fixed time."""
    from tests.harness import running_bot

    with running_bot(sqlite_url, now) as running:
        yield running


@pytest.fixture
def pg_harness(pg_url: str, now: datetime) -> Iterator[Any]:
    """Run the real bot over HTTP against the fake Slack, on PostgreSQL."""
    from tests.harness import running_bot

    with running_bot(pg_url, now) as running:
        yield running


class _LogCollector(logging.Handler):
    """Keep every formatted log line of the test run, for the secrets scan."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = self.format(record)
        except Exception:
            line = str(record.msg)
        self.lines.append(line)


LOG_COLLECTOR = _LogCollector()


def pytest_configure(config: pytest.Config) -> None:
    """Collect the whole run's logs through the bot's own logging set-up (with redaction)."""
    from bot.logs import setup_logging

    setup_logging(level="DEBUG", secrets=[SIGNING_SECRET, BOT_TOKEN])
    root = logging.getLogger()
    for existing in root.handlers:
        for log_filter in existing.filters:
            LOG_COLLECTOR.addFilter(log_filter)
    root.addHandler(LOG_COLLECTOR)
