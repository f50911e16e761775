"""No Slack call while a database transaction is open (issue 12, item 3).

Every scenario test on SQLite runs with a probe in the fake Slack (``tests/lockprobe.py``)
that fails the test when a call arrives while the bot holds the write lock; these tests
check the probe itself and the user-visible effect: a slow Slack answer to timed work
does not hold another group's command back.
"""

from __future__ import annotations

import sqlite3
import threading
from datetime import timedelta
from pathlib import Path

from slack_sdk import WebClient

from bot.demo.fakeslack import FakeSlack
from storage.models import AgendaItem, DigestRun, Group
from tests.harness import BotHarness
from tests.lockprobe import WriteLockProbe, write_locked
from tests.test_slack_rate_limits import _meeting


def _wal_database(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("CREATE TABLE t (x INTEGER)")
    return connection


def test_the_probe_sees_a_write_transaction_and_only_that(tmp_path: Path) -> None:
    db = tmp_path / "probe.db"
    writer = _wal_database(db)
    reader = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    probe = WriteLockProbe(db)
    with FakeSlack(tokens={"xoxb-probe"}) as fake:
        fake.on_call = probe
        client = WebClient(token="xoxb-probe", base_url=fake.base_url)
        client.auth_test()  # no transaction: fine
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM t").fetchall()
        client.auth_test()  # a read transaction holds no write lock: fine
        reader.execute("COMMIT")
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("INSERT INTO t VALUES (1)")
        # Another connection reads meanwhile; the writer's lock must still be seen.
        reader.execute("SELECT count(*) FROM t").fetchall()
        client.api_call("team.info")
        writer.execute("COMMIT")
        client.auth_test()
    probe.close()
    assert probe.calls == 4
    assert [v.method for v in probe.violations] == ["team.info"]


def test_a_short_transaction_of_another_thread_is_not_counted(tmp_path: Path) -> None:
    db = tmp_path / "busy.db"
    writer = _wal_database(db)
    probe = WriteLockProbe(db)
    release = threading.Timer(0.2, lambda: writer.execute("COMMIT"))
    with FakeSlack(tokens={"xoxb-probe"}) as fake:
        fake.on_call = probe
        client = WebClient(token="xoxb-probe", base_url=fake.base_url)
        client.auth_test()
        writer.execute("BEGIN IMMEDIATE")
        release.start()  # another thread's work ends while the call waits
        client.auth_test()
        release.join()
        shm = db.with_name(db.name + "-shm")
        assert probe._fd is not None and not write_locked(probe._fd) and shm.exists()
    probe.close()
    assert probe.violations == []


def test_a_slow_digest_post_does_not_hold_another_groups_proposal_back(
    harness: BotHarness,
) -> None:
    from tests.test_digest import CHANNEL, FMD, MONDAY_8, committee_week, digests

    h = harness
    h.add_group(chair=FMD)
    committee_week(h)
    other = h.add_group(name="Andet udvalg", channel="C0OTHER", people=[h.people["U0PIA"]])
    with h.services.uow() as session:
        session.get(Group, other).digest_enabled = False  # only the first group's digest
    _meeting(h, other)  # a meeting to propose an item for
    h.settle()
    # The digest's post hangs in Slack for a long while (a Retry-After wait, say).
    h.fake.fail_next("chat.postMessage", delay=8.0)
    before = h.fake.call_count("chat.postMessage")
    ticking = threading.Thread(target=h.tick, args=(MONDAY_8 + timedelta(seconds=5),))
    ticking.start()
    h.wait_for(lambda: h.fake.call_count("chat.postMessage") > before, timeout=10)
    sent = h.driver.mention("U0PIA", "C0OTHER", "<@UBOT> punkt: Fælles vikarpulje i Næstved")
    h.wait_for(lambda: h.bot_messages("C0OTHER", thread_ts=sent.ts), timeout=7)
    assert ticking.is_alive(), "the proposal was answered only after the digest's post"
    ticking.join(timeout=30)
    h.settle()
    assert len(digests(h, CHANNEL)) == 1
    with h.services.uow() as session:
        assert "Fælles vikarpulje i Næstved" in [i.title for i in session.query(AgendaItem)]
        [run] = [r for r in session.query(DigestRun) if r.kind == "group"]
        assert run.channel == CHANNEL and run.message_ts


def test_a_digest_whose_process_died_before_posting_is_posted_later(
    harness: BotHarness,
) -> None:
    from tests.test_digest import CHANNEL, FMD, MONDAY_8, committee_week, digests

    h = harness
    h.add_group(chair=FMD)
    committee_week(h)
    # A run row claimed by a process that died before it could post (no channel yet).
    with h.services.uow() as session:
        group_id = h.group_id(CHANNEL)
        assert group_id is not None
        session.add(
            DigestRun(
                group_id=group_id, week="2026-W48", kind="group", member_id=0, posted_at=MONDAY_8
            )
        )
    h.tick(MONDAY_8 + timedelta(minutes=2))
    h.settle()
    assert digests(h, CHANNEL) == []  # it may still be posting
    h.tick(MONDAY_8 + timedelta(minutes=15))
    h.settle()
    assert len(digests(h, CHANNEL)) == 1
    h.tick(MONDAY_8 + timedelta(minutes=40))
    h.settle()
    assert len(digests(h, CHANNEL)) == 1
