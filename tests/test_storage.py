"""Storage on SQLite and PostgreSQL: migrations, repositories, atomic claims."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from bot.domain.enums import Role
from storage.base import Base
from storage.db import make_engine, make_uow
from storage.migrate import current_revision, head_revision, upgrade
from storage.models import Group, Member
from storage.repositories import DueWorkRepo, EventLog, GroupRepo, MemberRepo

NOW = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)


def _migrated(url: str):  # type: ignore[no-untyped-def]
    engine = make_engine(url)
    upgrade(engine)
    return engine


def _full_text_structure(diff: tuple[object, ...]) -> bool:
    names = {getattr(part, "name", None) for part in diff if not isinstance(part, str)}
    names |= {part for part in diff if isinstance(part, str)}
    return any(
        isinstance(n, str) and (n.startswith("search_fts") or n == "search_vector") for n in names
    )


def test_migrations_match_models(db_url: str) -> None:
    engine = _migrated(db_url)
    assert current_revision(engine) == head_revision()
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    # SQLite cannot tell some type details apart; table and column drift is what matters.
    # The full-text structures (FTS5 tables, the tsvector column) are made by raw DDL.
    drift = [
        d
        for d in diff
        if d[0] in ("add_table", "remove_table", "add_column", "remove_column")
        and not _full_text_structure(d)
    ]
    assert drift == []
    assert "groups" in inspect(engine).get_table_names()
    upgrade(engine)  # idempotent
    engine.dispose()


def test_sqlite_uses_wal_and_foreign_keys(sqlite_url: str) -> None:
    engine = _migrated(sqlite_url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_unit_of_work_commits_or_rolls_back(db_url: str) -> None:
    engine = _migrated(db_url)
    uow = make_uow(engine)
    with uow() as session:
        GroupRepo(session).add(Group(name="A", channel_id="C1", created_at=NOW))
    with pytest.raises(RuntimeError), uow() as session:
        GroupRepo(session).add(Group(name="B", channel_id="C2", created_at=NOW))
        raise RuntimeError("boom")
    with uow() as session:
        assert [g.name for g in GroupRepo(session).all()] == ["A"]
        group = GroupRepo(session).by_name_or_channel("a")
        assert group is not None and group.created_at == NOW
        member = MemberRepo(session).add(
            Member(
                group_id=group.id, slack_user_id="U1", name="Pia", role=Role.CHAIR, joined_at=NOW
            )
        )
        assert MemberRepo(session).with_role(group.id, Role.CHAIR) == [member]
        assert [g.name for g in MemberRepo(session).groups_of("U1")] == ["A"]
    engine.dispose()


def test_event_is_claimed_once(db_url: str) -> None:
    engine = _migrated(db_url)
    uow = make_uow(engine)
    with uow() as session:
        assert EventLog(session).claim("Ev1", "message", NOW)
        assert not EventLog(session).claim("Ev1", "message", NOW)
    with uow() as session:
        assert not EventLog(session).claim("Ev1", "message", NOW)
    with pytest.raises(RuntimeError), uow() as session:
        EventLog(session).claim("Ev2", "message", NOW)
        raise RuntimeError("effect failed")
    with uow() as session:
        assert EventLog(session).claim("Ev2", "message", NOW), "a rolled-back claim is retried"
    engine.dispose()


def test_due_work_is_claimed_by_exactly_one_worker(db_url: str) -> None:
    engine = _migrated(db_url)
    uow = make_uow(engine)
    with uow() as session:
        for i in range(20):
            DueWorkRepo(session).schedule(kind="k", key=f"job-{i}", due_at=NOW, now=NOW)
    wins: dict[str, list[int]] = {"a": [], "b": [], "c": []}

    def worker(name: str) -> None:
        for _ in range(3):
            with uow() as session:
                ids = DueWorkRepo(session).due_ids(NOW + timedelta(seconds=1))
            for work_id in ids:
                with uow() as session:
                    if DueWorkRepo(session).claim(
                        work_id, name, NOW + timedelta(seconds=1), timedelta(minutes=5)
                    ):
                        wins[name].append(work_id)

    threads = [threading.Thread(target=worker, args=(n,)) for n in wins]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    claimed = sorted(i for ids in wins.values() for i in ids)
    assert len(claimed) == 20 and len(set(claimed)) == 20
    engine.dispose()


def test_expired_lease_can_be_reclaimed(sqlite_url: str) -> None:
    engine = _migrated(sqlite_url)
    uow = make_uow(engine)
    with uow() as session:
        row = DueWorkRepo(session).schedule(kind="k", key="once", due_at=NOW, now=NOW)
        work_id = row.id
    with uow() as session:
        assert DueWorkRepo(session).claim(work_id, "dead", NOW, timedelta(minutes=10))
    later = NOW + timedelta(minutes=5)
    with uow() as session:
        assert DueWorkRepo(session).due_ids(later) == []
    much_later = NOW + timedelta(minutes=11)
    with uow() as session:
        assert DueWorkRepo(session).due_ids(much_later) == [work_id]
        assert DueWorkRepo(session).claim(work_id, "alive", much_later, timedelta(minutes=10))
        assert not DueWorkRepo(session).finish(work_id, "dead", much_later)
        assert DueWorkRepo(session).finish(work_id, "alive", much_later)
    engine.dispose()
