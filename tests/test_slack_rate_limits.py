"""Slack's rate-limit tiers in the fake, and a large group set up while another group works."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.demo.fakeslack import FakeSlack
from bot.domain.enums import MeetingStatus
from storage.models import AgendaItem, Meeting
from storage.repositories import MemberRepo
from tests.harness import BotHarness

CPH = ZoneInfo("Europe/Copenhagen")


def test_the_fake_answers_429_with_retry_after_past_a_tier() -> None:
    with FakeSlack(rate_speed=60.0) as fake:
        fake.add_user("U1", "ib", "Ib Holm")
        client = WebClient(token="xoxb-test-token", base_url=fake.base_url)
        # conversations.open is Tier 3: 50 a minute (a minute is one second at speed 60).
        for _ in range(50):
            client.conversations_open(users=["U1"])
        with pytest.raises(SlackApiError) as caught:
            client.conversations_open(users=["U1"])
        assert caught.value.response.status_code == 429
        assert int(caught.value.response.headers["Retry-After"]) >= 1
        # Another method has its own budget.
        assert client.users_info(user="U1")["ok"]


def test_posts_are_limited_per_channel_and_come_back_after_the_window() -> None:
    with FakeSlack(rate_speed=30.0) as fake:  # a Slack minute is two seconds here
        fake.add_channel("C1", "c", members=[fake.bot_user_id])
        fake.add_channel("C2", "d", members=[fake.bot_user_id])
        client = WebClient(token="xoxb-test-token", base_url=fake.base_url)
        for _ in range(60):
            client.chat_postMessage(channel="C1", text="hej")
        with pytest.raises(SlackApiError) as caught:
            client.chat_postMessage(channel="C1", text="en for meget")
        assert caught.value.response.status_code == 429
        assert client.chat_postMessage(channel="C2", text="en anden kanal")["ok"]
        wait = int(caught.value.response.headers["Retry-After"])
        threading.Event().wait(wait + 0.1)
        assert client.chat_postMessage(channel="C1", text="igen")["ok"]


def _meeting(h: BotHarness, group_id: int) -> None:
    start = datetime(2027, 3, 12, 12, 0, tzinfo=CPH)
    with h.services.uow() as session:
        session.add(
            Meeting(
                group_id=group_id,
                starts_at=start,
                ends_at=start + timedelta(hours=2),
                has_time=True,
                location="Mødelokale 1",
                status=MeetingStatus.PLANNED,
                created_at=h.clock.now(),
                agenda_version=0,
                sequence=0,
            )
        )


def test_a_large_setup_fetches_profiles_while_another_group_proposes(
    harness: BotHarness,
) -> None:
    h = harness
    _meeting(h, h.add_group(chair="U0FMD"))
    people = [f"U9{n:04d}" for n in range(130)]
    for n, user in enumerate(people):
        h.fake.add_user(user, f"m{n}", f"Medlem {n} Jensen")
    h.fake.add_channel("C0BIG", "it-styregruppe", members=[*people, h.fake.bot_user_id])
    before = h.fake.call_count("users.info")

    status, _, _ = h.driver.command(people[0], "opsæt IT-styregruppen", channel="C0BIG")
    assert status == 200
    group_id = h.wait_for(lambda: h.group_id("C0BIG"), timeout=10)
    # The group exists with all 130 at once; their profiles are read in the background.
    with h.services.uow() as session:
        assert len(MemberRepo(session).in_group(group_id)) == 130
    h.wait_for(lambda: h.fake.call_count("users.info") > before + 20, timeout=10)
    sent = h.driver.mention("U0PIA", "C0GROUP", "<@UBOT> punkt: Status på udbud af vikarer")
    confirmation = h.wait_for(lambda: h.bot_messages("C0GROUP", thread_ts=sent.ts), timeout=10)
    assert "prøv igen" not in confirmation[0]["text"]
    h.wait_for(lambda: h.profiles_pending("C0BIG") == 0, timeout=30)
    with h.services.uow() as session:
        names = [m.name for m in MemberRepo(session).in_group(group_id)]
        titles = [i.title for i in session.query(AgendaItem).all()]
    assert "Medlem 129 Jensen" in names and len(names) == 130
    assert "Status på udbud af vikarer" in titles
    limited = [c for c in h.fake.calls("users.info") if c.status == 429]
    assert not limited, "the profile worker keeps below users.info's tier (130 > 100 a minute)"


def test_a_slow_reminder_dm_does_not_hold_other_groups_back(harness: BotHarness) -> None:
    from tests.test_approval import REMINDER, post, setup

    h = harness
    setup(h)
    post(h)
    other = h.add_group(name="Andet udvalg", channel="C0OTHER", people=[h.people["U0PIA"]])
    _meeting(h, other)
    h.settle()
    # The first DM of the reminder round hangs in Slack for a long while.
    h.fake.fail_next("chat.postMessage", delay=10.0)
    before = h.fake.call_count("chat.postMessage")
    ticking = threading.Thread(target=h.tick, args=(REMINDER + timedelta(minutes=1),))
    ticking.start()
    h.wait_for(lambda: h.fake.call_count("chat.postMessage") > before, timeout=10)
    # Meanwhile the other group's proposal is written and confirmed: the job holds no lock.
    sent = h.driver.mention("U0PIA", "C0OTHER", "<@UBOT> punkt: Fælles vikarpulje")
    h.wait_for(lambda: h.bot_messages("C0OTHER", thread_ts=sent.ts), timeout=9)
    assert ticking.is_alive(), "the proposal was answered while the reminder DM was in flight"
    ticking.join(timeout=30)
    with h.services.uow() as session:
        assert "Fælles vikarpulje" in [i.title for i in session.query(AgendaItem).all()]
