"""A round's request goes out after its transaction: a failed post is retried, not lost."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from storage.models import DueWork
from tests.harness import BotHarness
from tests.test_approval import (
    CHANNEL,
    PIA,
    POSTED,
    SECRETARY,
    minutes_rows,
    react,
    requests,
    setup,
    upload,
    wait_line,
)


def _open_row(harness: BotHarness, minutes_id: int) -> DueWork:
    with harness.services.uow() as session:
        row = session.scalars(
            select(DueWork).where(DueWork.key == f"approval.send:open:{minutes_id}")
        ).one()
        session.expunge(row)
        return row


def test_a_failed_request_post_leaves_the_round_and_the_tick_posts_it(
    harness: BotHarness,
) -> None:
    failed_post_is_retried(harness)


def test_a_failed_request_post_on_postgresql(pg_harness: BotHarness) -> None:
    failed_post_is_retried(pg_harness)


def failed_post_is_retried(harness: BotHarness) -> None:
    """chat.postMessage fails once: the round stays stored, and the next tick posts it."""
    setup(harness)
    harness.set_now(POSTED)
    harness.fake.fail_next("chat.postMessage", error="internal_error")
    file = upload(harness, file_id="F0FAIL1", name="Referat styregruppe 13-11-2026.txt")
    harness.driver.mention(SECRETARY, CHANNEL, "<@UBOT> referat", files=[file])

    # The round is stored before Slack is asked; the failed post stays due for the tick.
    [minutes] = harness.wait_for(lambda: minutes_rows(harness))
    row = harness.wait_for(lambda: (r := _open_row(harness, minutes.id)).attempts and r)
    assert row.done_at is None and "internal_error" in (row.last_error or "")
    harness.settle()
    assert requests(harness) == []
    assert minutes_rows(harness)[0].message_ts is None

    report = harness.tick(POSTED + timedelta(minutes=5))
    assert "approval.send" in report.ran
    [request] = harness.wait_for(lambda: requests(harness))
    assert minutes_rows(harness)[0].message_ts == request["ts"]
    assert _open_row(harness, minutes.id).done_at is not None
    assert harness.fake.call_count("chat.postMessage") >= 2

    # The round works as if nothing had happened: a reaction counts.
    react(harness, PIA, request["ts"])
    wait_line(harness, request["ts"], "1 af 5 har godkendt")

    # A second tick posts nothing more.
    harness.tick(POSTED + timedelta(minutes=30))
    harness.settle()
    assert len(requests(harness)) == 1


def test_the_request_and_its_file_are_posted_with_no_transaction_open(
    harness: BotHarness,
) -> None:
    """The lock probe (tests/harness.py) fails this test if any call comes in a transaction."""
    setup(harness)
    harness.set_now(POSTED)
    harness.driver.command(SECRETARY, "referat", channel=CHANNEL)
    file = upload(harness, file_id="F0LOCK1", name="referat_13.11.26.txt")
    harness.driver.message(SECRETARY, CHANNEL, "", files=[file])
    [request] = harness.wait_for(lambda: requests(harness))
    harness.wait_for(lambda: minutes_rows(harness)[0].message_ts == request["ts"])
    assert harness.lock_probe is not None and harness.lock_probe.calls > 0
