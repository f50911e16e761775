"""`/referent opsæt` answers at once; the members' profiles follow at users.info's tier rate.

Everything runs through the strict fake Slack with its rate limits on (a Slack minute is
one second), so a 300-member channel takes a few seconds here, not three minutes.
"""

from __future__ import annotations

import pytest
from slack_sdk import WebClient

from bot.app import build_bot
from bot.profiles import BATCH, pending_profiles, stop
from storage.models import Group
from storage.repositories import MemberRepo
from tests.conftest import BOT_TOKEN
from tests.harness import BotHarness

BIG = "C0BIG"
SECRETARY = "U90000"

#: Names as people write them in Slack: with and without æøå, hyphens, one word, initials.
_FIRST = ["Søren", "Anne-Mette", "Bo", "Jørgen", "Aase", "Lærke", "Mads", "Ib", "Dorthe", "Kim"]
_LAST = ["Østergaard", "Hansen", "Bille", "Gammelgaard", "Aagaard", "Schjoldan", "K.", "Nielsen"]


def _people(h: BotHarness, size: int, channel: str = BIG) -> list[str]:
    """Put ``size`` people (and the bot) in a channel; return their ids."""
    ids = [f"U9{n:04d}" for n in range(size)]
    for n, user in enumerate(ids):
        name = f"{_FIRST[n % len(_FIRST)]} {_LAST[(n // len(_FIRST)) % len(_LAST)]}"
        h.fake.add_user(user, f"p{n}", name, title="Konsulent" if n % 3 else None)
    h.fake.add_channel(channel, "stor-styregruppe", members=[*ids, h.fake.bot_user_id])
    return ids


def _members(h: BotHarness, group_id: int) -> dict[str, str]:
    with h.services.uow() as session:
        return {str(m.slack_user_id): m.name for m in MemberRepo(session).in_group(group_id)}


def _pending(h: BotHarness, group_id: int) -> int:
    with h.services.uow() as session:
        return pending_profiles(session, group_id)


def test_300_members_answer_at_once_and_profiles_follow_at_the_tier_rate(
    harness: BotHarness,
) -> None:
    h = harness
    ids = _people(h, 300)
    assert h.fake.rate_limits, "the fake holds the bot to Slack's tiers"
    status, _, _ = h.driver.command(SECRETARY, "opsæt Den store styregruppe", channel=BIG)
    assert status == 200
    answer = h.wait_for(lambda: [r for r in h.responses() if "oprettet" in r.get("text", "")])
    assert "300 medlemmer hentes i baggrunden" in answer[0]["text"]
    group_id = h.wait_for(lambda: h.group_id(BIG))
    # Everyone is a member straight away, named by id until their profile arrives.
    early = _members(h, group_id)
    assert set(early) == set(ids)
    with h.services.uow() as session:
        secretary = MemberRepo(session).by_slack_user(group_id, SECRETARY)
        assert secretary is not None and secretary.role == "secretary"
    h.wait_for(lambda: _pending(h, group_id) == 0, timeout=90)
    # The answer did not wait for the profiles: it went out before most were read.
    answered = min(c.time for c in h.fake.calls("response_url") if c.status == 200)
    read_by_then = [c for c in h.fake.calls("users.info") if c.time <= answered]
    assert len(read_by_then) < 100
    names = _members(h, group_id)
    assert names["U90001"] == "Anne-Mette Østergaard"
    assert names["U90013"] == "Jørgen Hansen"
    assert all(name != user for user, name in names.items())
    lookups = h.fake.calls("users.info")
    assert len([c for c in lookups if c.status == 200]) == 300
    assert not [c for c in lookups if c.status == 429], "the worker kept below Tier 4"
    pages = [c for c in h.fake.calls("conversations.members") if c.status == 200]
    assert len(pages) >= 2, "the channel's members come in pages"


def test_a_12_member_setup_through_the_strict_fake(harness: BotHarness) -> None:
    h = harness
    ids = _people(h, 12, channel="C0SMALL")
    h.driver.command(ids[3], "opsaet Styregruppe for plejeboliger", channel="C0SMALL")
    group_id = h.wait_for(lambda: h.group_id("C0SMALL"))
    h.wait_for(lambda: _pending(h, group_id) == 0)
    names = _members(h, group_id)
    assert len(names) == 12 and names["U90000"] == "Søren Østergaard"
    with h.services.uow() as session:
        member = MemberRepo(session).by_slack_user(group_id, ids[3])
        assert member is not None and member.role == "secretary"
        assert member.name == "Jørgen Østergaard"
    assert not [c for c in h.fake.calls("users.info") if c.status == 429]


@pytest.mark.parametrize("database", ["harness", "pg_harness"])
def test_hidden_and_closed_accounts_never_fail_the_queued_sync(
    database: str, request: pytest.FixtureRequest
) -> None:
    h: BotHarness = request.getfixturevalue(database)
    ids = _people(h, 40)
    # During the sync one person turns out hidden (Slack Connect), another deactivated,
    # one a bot, and one id Slack no longer knows.
    h.fake.add_user("U0KOGE", "lone", "Lone Kristensen", visible=False)
    h.fake.add_user("U0GONE", "ole", "Ole Tidligere", deleted=True)
    h.fake.add_user("U0BOT2", "kalender", "Kalender-bot", is_bot=True)
    for user in ("U0KOGE", "U0GONE", "U0BOT2", "U0NOBODY"):
        h.fake.add_member(BIG, user)
    h.driver.command(SECRETARY, "opsæt Tværkommunalt udvalg", channel=BIG)
    group_id = h.wait_for(lambda: h.group_id(BIG))
    h.wait_for(lambda: _pending(h, group_id) == 0, timeout=90)
    names = _members(h, group_id)
    assert names["U0KOGE"] == "U0KOGE", "a hidden person is a member named by id"
    assert {"U0GONE", "U0BOT2", "U0NOBODY"}.isdisjoint(names)
    assert len(names) == len(ids) + 1
    # The hidden member can be given a role; the group keeps working.
    h.driver.command(SECRETARY, "rolle <@U0KOGE> formand", channel=BIG)
    h.wait_for(lambda: h._role(BIG, "U0KOGE") == "chair")


def test_a_rate_limited_lookup_waits_the_retry_after_slack_gives(harness: BotHarness) -> None:
    h = harness
    _people(h, 30)
    h.fake.fail_next("users.info", status=429, retry_after=1, times=2)
    h.driver.command(SECRETARY, "opsæt Udvalget", channel=BIG)
    group_id = h.wait_for(lambda: h.group_id(BIG))
    h.wait_for(lambda: _pending(h, group_id) == 0, timeout=90)
    assert all(name != user for user, name in _members(h, group_id).items())
    limited = [c for c in h.fake.calls("users.info") if c.status == 429]
    assert len(limited) == 2
    after = [c.time for c in h.fake.calls("users.info") if c.status == 200]
    assert after and min(after) >= limited[-1].time + 0.9, "it waited as Slack asked"


def test_a_restart_mid_sync_resumes_where_the_last_batch_ended(harness: BotHarness) -> None:
    h = harness
    _people(h, 300)
    h.driver.command(SECRETARY, "opsæt Styregruppen for udbud", channel=BIG)
    group_id = h.wait_for(lambda: h.group_id(BIG))
    h.wait_for(lambda: 0 < _pending(h, group_id) <= 300 - 2 * BATCH, timeout=90)
    stop(h.services)  # the process dies: its row stays claimed, the rest is stored
    left = _pending(h, group_id)
    assert 0 < left < 300
    fetched_before = h.fake.call_count("users.info")
    # Members not fetched yet are usable: listed by mention, and they can get a role.
    waiting = [user for user, name in _members(h, group_id).items() if name == user]
    assert len(waiting) >= left - BATCH
    h.driver.command(SECRETARY, "medlemmer", channel=BIG)
    listing = h.wait_for(lambda: [r for r in h.responses() if "Medlemmer af" in r.get("text", "")])
    assert f"<@{waiting[-1]}>" in listing[-1]["text"]
    h.driver.command(SECRETARY, f"rolle <@{waiting[-1]}> formand", channel=BIG)
    h.wait_for(lambda: h._role(BIG, waiting[-1]) == "chair")

    # A new process on the same database picks the work up at start.
    again = build_bot(
        h.bot.settings,
        clock=h.clock,
        client=WebClient(token=BOT_TOKEN, base_url=h.fake.base_url),
    )
    again.recover()
    h.wait_for(lambda: _pending(h, group_id) == 0, timeout=90)
    names = _members(h, group_id)
    assert len(names) == 300 and all(name != user for user, name in names.items())
    refetched = h.fake.call_count("users.info") - fetched_before
    # Only what was left (and at most one unwritten batch) is read again, not all 300.
    assert left <= refetched <= left + BATCH
    stop(again.services)


def test_a_retried_setup_event_does_not_double_the_group(harness: BotHarness) -> None:
    h = harness
    ids = _people(h, 20)
    sent = h.driver.mention(SECRETARY, BIG, "<@UBOT> opsæt Styregruppen")
    group_id = h.wait_for(lambda: h.group_id(BIG))
    event = h.driver.sent[-1].payload["event"]
    h.driver.event(event, event_id=sent.event_id, retry_num=1)
    h.driver.event(event, event_id=sent.event_id, retry_num=2, retry_reason="http_error")
    h.wait_for(lambda: _pending(h, group_id) == 0)
    h.settle()
    with h.services.uow() as session:
        assert session.query(Group).filter_by(channel_id=BIG).count() == 1
        assert len(MemberRepo(session).in_group(group_id, active_only=False)) == len(ids)
    assert len([c for c in h.fake.calls("users.info") if c.status == 200]) == len(ids)
    answers = [m for m in h.bot_messages(BIG) if "oprettet" in m.get("text", "")]
    assert len(answers) == 1
    said = [m.get("text", "") for m in h.bot_messages() + h.fake.ephemerals()]
    assert not [text for text in said if "allerede" in text], "a retry is silent"


def test_the_cli_group_add_with_sync_fetches_the_profiles_too(harness: BotHarness) -> None:
    from typer.testing import CliRunner

    from bot.cli import app as cli

    h = harness
    ids = _people(h, 30, channel="C0CLI")
    h.fake.add_user("U0KOGE", "lone", "Lone Kristensen", visible=False)
    h.fake.add_member("C0CLI", "U0KOGE")
    result = CliRunner().invoke(
        cli,
        ["group", "add", "--name", "Styregruppe for it", "--channel", "C0CLI", "--sync"],
        env={
            "DATABASE_URL": h.bot.settings.db_url,
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_API_URL": h.fake.base_url,
            "REFERENT_SLACK_RATE_SPEED": "60",
        },
    )
    assert result.exit_code == 0, result.output
    assert "31 members" in result.output
    group_id = h.group_id("C0CLI")
    assert group_id is not None and _pending(h, group_id) == 0
    names = _members(h, group_id)
    assert names["U0KOGE"] == "U0KOGE" and names[ids[1]] == "Anne-Mette Østergaard"
