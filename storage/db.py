"""Engine creation and the unit of work that owns each transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

UnitOfWork = Callable[[], AbstractContextManager[Session]]


def _sqlite_connect(dbapi_connection: Any, connection_record: Any) -> None:
    """Turn on WAL, foreign keys and a busy timeout for every SQLite connection.

    The driver's own transaction handling is switched off (it would not begin a
    transaction before a SAVEPOINT, so releasing one committed); SQLAlchemy's
    ``begin`` event below issues the BEGIN instead.
    """
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=15000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin_deferred(connection: Any) -> None:
    """Begin a deferred transaction: reads see the last commit and never wait for a writer."""
    connection.exec_driver_sql("BEGIN")


def _sqlite_begin(connection: Any) -> None:
    """Begin every transaction IMMEDIATE, so two writers queue instead of deadlocking."""
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str, *, immediate: bool = True) -> Engine:
    """Create an engine for an SQLite file or a PostgreSQL URL.

    ``immediate=False`` gives SQLite reads that never wait for a writer (WAL); it is for
    lookups made while the same thread holds a write transaction on the main engine.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 10},
            pool_pre_ping=True,
        )
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin if immediate else _sqlite_begin_deferred)
        return engine
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return create_engine(parsed, pool_pre_ping=True, pool_size=10, max_overflow=10)


def make_uow(engine: Engine) -> UnitOfWork:
    """Return a factory of transactions: ``with uow() as session:`` commits or rolls back."""
    factory = sessionmaker(bind=engine, expire_on_commit=False)

    @contextmanager
    def uow() -> Iterator[Session]:
        with factory() as session, session.begin():
            yield session

    return uow
