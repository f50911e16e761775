"""Slack faults while the bot posts: retried with backoff, never posted twice."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.ports import Message
from storage.repositories import DueWorkRepo
from tests.harness import BotHarness


def _schedule(harness: BotHarness, key: str, posts: int = 1) -> None:
    def post_job(services, row, now):  # type: ignore[no-untyped-def]
        for n in range(posts):
            services.notifier.post("C0GROUP", Message(f"besked {row.key} {n}"))

    if "test.post" not in harness.bot.jobs.handlers:
        harness.bot.jobs.job("test.post", post_job)
    with harness.services.uow() as session:
        DueWorkRepo(session).schedule(
            kind="test.post", key=key, due_at=harness.clock.now(), now=harness.clock.now()
        )


@pytest.fixture
def fast(harness: BotHarness) -> BotHarness:
    harness.services.notifier.retry_wait = 0.01  # type: ignore[attr-defined]
    # These test jobs post inside their transaction on purpose (the gateway's retries are
    # under test here, not where jobs call Slack): no write-lock probe.
    harness.fake.on_call = None
    harness.add_group()
    return harness


@pytest.mark.parametrize(
    "fault",
    [
        {"status": 500, "after_effect": True},
        {"status": 503, "after_effect": False},
        {"drop_connection": True, "after_effect": True},
        {"drop_connection": True, "after_effect": False},
        {"status": 429, "retry_after": 0},
    ],
)
def test_a_failed_answer_never_doubles_a_post(fast: BotHarness, fault: dict[str, object]) -> None:
    fast.fake.fail_next("chat.postMessage", **fault)  # type: ignore[arg-type]
    _schedule(fast, "once")
    report = fast.tick()
    assert report.ran == ["test.post"], report
    posts = [m for m in fast.bot_messages("C0GROUP") if m["text"].startswith("besked once")]
    assert len(posts) == 1


def test_a_post_that_finally_fails_leaves_the_work_due(fast: BotHarness) -> None:
    fast.fake.fail_next("chat.postMessage", status=500, times=20)
    _schedule(fast, "later")
    report = fast.tick()
    assert report.failed and not report.ran
    with fast.services.uow() as session:
        row = DueWorkRepo(session).by_key("later")
        assert row is not None and row.done_at is None and row.attempts == 1
        retry_at = row.due_at
    fast.fake.clear_faults()
    report = fast.tick(retry_at + timedelta(seconds=1))
    assert report.ran == ["test.post"]
    assert len([m for m in fast.bot_messages("C0GROUP") if "later" in m["text"]]) == 1


def test_a_retried_job_does_not_repeat_posts_that_landed(fast: BotHarness) -> None:
    # The second of three posts fails after landing and keeps failing: the job fails,
    # and its retry re-posts none of the posts that did land.
    fast.fake.fail_next("chat.postMessage", status=500, after_effect=True, times=1)
    _schedule(fast, "three", posts=3)
    fast.tick()
    texts = [m["text"] for m in fast.bot_messages("C0GROUP") if "three" in m["text"]]
    assert texts == ["besked three 0", "besked three 1", "besked three 2"]
