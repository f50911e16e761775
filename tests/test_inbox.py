"""The inbox: requests survive SIGKILL after Slack's 200; replies survive a failing Slack."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from storage.models import AgendaItem, DueWork, Meeting
from tests.harness import BotHarness
from tests.test_processes import (
    CHANNEL,
    MILLE,
    PIA,
    SECRETARY,
    local_today,
    set_up_group,
    wait_for,
    world,
)

pytestmark = pytest.mark.slow


def _plan_meeting(w: object, driver: object) -> None:
    day = local_today() + timedelta(days=14)
    driver.command(  # type: ignore[attr-defined]
        SECRETARY, f"møde {day.day}/{day.month}-{day.year} kl 13-15 Ringsted", channel=CHANNEL
    )
    wait_for(lambda: w.db.count(Meeting, Meeting.status == "planned"), "the planned meeting")  # type: ignore[attr-defined]


def test_sigkill_after_the_effect_while_the_reply_fails(sqlite_url: str, tmp_path: Path) -> None:
    """The proposal is stored, Slack refuses the confirmation, the bot dies: the restart
    sends the stored confirmation once, and the proposal is on the agenda once."""
    with world(sqlite_url, tmp_path / "logs") as w:
        first = w.procs.start_bot()
        driver = w.driver(first)
        set_up_group(w, driver)
        _plan_meeting(w, driver)
        w.settle()
        w.fake.fail_next("chat.postMessage", status=500, times=1000)
        sent = driver.mention(PIA, CHANNEL, "<@UBOT> punkt: Takstanalysen for 2027")
        assert sent.status == 200
        wait_for(
            lambda: (
                w.db.count(AgendaItem, AgendaItem.title.like("Takstanalysen%"))
                and w.fake.calls("chat.postMessage")
            ),
            "the proposal stored and its confirmation failing",
        )
        first.kill()
        w.fake.clear_faults()
        assert w.fake.bot_messages(CHANNEL, sent.ts) == []

        w.procs.start_bot()
        replies = wait_for(
            lambda: w.fake.bot_messages(CHANNEL, sent.ts), "the stored confirmation after restart"
        )
        w.settle()
        assert len(w.fake.bot_messages(CHANNEL, sent.ts)) == 1, replies
        assert "Takstanalysen for 2027" in str(replies[0]["text"])
        assert w.db.count(AgendaItem, AgendaItem.title.like("Takstanalysen%")) == 1
        assert not [e for e in w.fake.ephemerals(CHANNEL, PIA) if "prøv igen" in str(e)]


def test_sigkill_after_the_ack_before_the_effect(pg_url: str, tmp_path: Path) -> None:
    """Slack has its 200, the work is waiting on a lock, the bot dies: the restart does it."""
    with world(pg_url, tmp_path / "logs") as w:
        first = w.procs.start_bot()
        driver = w.driver(first)
        set_up_group(w, driver)
        _plan_meeting(w, driver)
        w.settle()
        # Hold the agenda table so the proposal cannot be written; the inbox can.
        blocker = Session(w.db.engine)
        blocker.execute(text("LOCK TABLE agenda_items IN EXCLUSIVE MODE"))
        try:
            sent = driver.mention(MILLE, CHANNEL, "<@UBOT> punkt: Budget 2027 for rammeaftalen")
            assert sent.status == 200
            wait_for(
                lambda: w.db.count(DueWork, DueWork.kind == "inbox", DueWork.done_at.is_(None)),
                "the request in the inbox",
            )
            time.sleep(0.5)
            first.kill()
        finally:
            blocker.rollback()
            blocker.close()
        assert w.db.count(AgendaItem, AgendaItem.title.like("Budget 2027%")) == 0

        second = w.procs.start_bot()
        wait_for(
            lambda: w.db.count(AgendaItem, AgendaItem.title.like("Budget 2027%")),
            "the proposal made by the restarted bot",
        )
        wait_for(lambda: w.fake.bot_messages(CHANNEL, sent.ts), "the confirmation")
        # Slack's own retry of the event, to the new process, changes nothing.
        from tests.test_processes import redeliver

        redeliver(w.driver(second), driver, sent, 1)
        w.settle()
        assert w.db.count(AgendaItem, AgendaItem.title.like("Budget 2027%")) == 1
        assert len(w.fake.bot_messages(CHANNEL, sent.ts)) == 1
        assert w.db.count(DueWork, DueWork.kind == "inbox", DueWork.done_at.is_(None)) == 0


def test_a_failed_confirmation_is_sent_later_not_asked_again(harness: BotHarness) -> None:
    """In process: the confirmation fails after the commit; the next tick delivers it."""
    h = harness
    group_id = h.add_group()
    now = h.clock.now()
    with h.services.uow() as session:
        session.add(
            Meeting(
                group_id=group_id,
                starts_at=now + timedelta(days=20),
                ends_at=now + timedelta(days=20, hours=2),
                has_time=True,
                location="Ringsted",
                status="planned",
                created_at=now,
                agenda_version=0,
                sequence=0,
            )
        )
    h.settle()
    h.fake.fail_next("chat.postMessage", status=500, times=1000)
    sent = h.driver.mention(PIA, CHANNEL, "<@UBOT> punkt: Temadag om rekruttering")
    h.wait_for(lambda: h.fake.calls("chat.postMessage"), timeout=10)
    h.settle(quiet=1.0, timeout=30)
    h.fake.clear_faults()
    assert h.bot_messages(CHANNEL, thread_ts=sent.ts) == []
    assert not [e for e in h.fake.ephemerals(CHANNEL, PIA) if "prøv igen" in str(e)]
    h.tick(now + timedelta(minutes=5))
    replies = h.wait_for(lambda: h.bot_messages(CHANNEL, thread_ts=sent.ts), timeout=10)
    h.settle()
    assert "Temadag om rekruttering" in str(replies[0]["text"])
    assert len(h.bot_messages(CHANNEL, thread_ts=sent.ts)) == 1
    with h.services.uow() as session:
        titles = session.scalars(select(AgendaItem.title)).all()
    assert list(titles).count("Temadag om rekruttering") == 1


def test_refused_blocks_fall_back_to_the_text(harness: BotHarness) -> None:
    h = harness
    h.add_group()
    h.fake.fail_next("chat.postMessage", error="invalid_blocks")
    sent = h.driver.mention(PIA, CHANNEL, "<@UBOT> hvad besluttede vi om budgettet?")
    replies = h.wait_for(lambda: h.bot_messages(CHANNEL, thread_ts=sent.ts), timeout=10)
    assert replies[0]["text"]
    assert not replies[0].get("blocks")


def test_handled_requests_are_kept_a_week_then_forgotten(harness: BotHarness) -> None:
    h = harness
    h.add_group()
    sent = h.driver.mention(PIA, CHANNEL, "<@UBOT> hjælp")
    h.wait_for(lambda: h.bot_messages(CHANNEL, thread_ts=sent.ts))
    h.settle()

    def inbox() -> list[DueWork]:
        with h.services.uow() as session:
            return list(session.scalars(select(DueWork).where(DueWork.kind == "inbox")))

    assert inbox() and all(row.done_at is not None for row in inbox())
    h.tick(h.clock.now() + timedelta(days=1))
    assert inbox()
    h.tick(h.clock.now() + timedelta(days=8))
    assert inbox() == []
