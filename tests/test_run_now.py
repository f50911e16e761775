"""`bot.scheduler.run_now`: one row of due work run at once, exactly as the tick runs it."""

from __future__ import annotations

from bot.approval import SEND
from bot.scheduler import run_now
from storage.models import DueWork
from storage.repositories import DueWorkRepo
from tests.harness import BotHarness


def _schedule(harness: BotHarness, kind: str, key: str, payload: dict[str, object]) -> int:
    services = harness.bot.services
    now = services.now()
    with services.uow() as session:
        row = DueWorkRepo(session).schedule(
            kind=kind, key=key, due_at=now, now=now, group_id=None, payload=payload
        )
        return row.id


def _row(harness: BotHarness, work_id: int) -> DueWork:
    with harness.bot.services.uow() as session:
        row = session.get(DueWork, work_id)
        assert row is not None
        session.expunge(row)
        return row


def test_run_now_sends_once_and_finishes_the_row(harness: BotHarness) -> None:
    sends_once(harness)


def test_run_now_sends_once_on_postgresql(pg_harness: BotHarness) -> None:
    sends_once(pg_harness)


def sends_once(harness: BotHarness) -> None:
    """A row run now is sent and finished; a second run finds nothing to claim."""
    harness.add_group()
    text = "Påmindelse: referatet fra mødet d. 12/1 venter på din godkendelse"
    payload = {"op": "post", "channel": "C0GROUP", "thread_ts": None, "text": text}
    work_id = _schedule(harness, SEND, f"{SEND}:test:1", payload)
    report = run_now(harness.bot.services, work_id)
    assert report.ran == [SEND]
    again = run_now(harness.bot.services, work_id)  # done: nothing to claim
    assert again.ran == [] and again.skipped == 1
    harness.settle()
    assert [m["text"] for m in harness.bot_messages("C0GROUP")].count(text) == 1
    assert _row(harness, work_id).done_at is not None


def test_run_now_records_a_failure_for_the_tick_to_retry(harness: BotHarness) -> None:
    work_id = _schedule(harness, "nobody.handles.this", "nobody:1", {})
    report = run_now(harness.bot.services, work_id)
    assert report.failed == [str(work_id)] and report.ran == []
    row = _row(harness, work_id)
    assert row.done_at is None and row.attempts == 1
    assert "LookupError" in (row.last_error or "")
    assert row.due_at > harness.bot.services.now()  # retried later, not at once
