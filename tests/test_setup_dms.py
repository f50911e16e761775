"""DMs go to the person's user id (Slack posts them in the DM with the app): no
``conversations.open`` per person, a re-run still finds an earlier post, and ephemeral
answers that cannot be shown still fall back to a DM."""

from __future__ import annotations

from datetime import timedelta

import pytest
from slack_sdk import WebClient

from bot.ports import Message
from tests.harness import BotHarness
from tests.test_approval import CHANNEL, MEMBERS, REMINDER, dms, post, setup


def test_posting_to_a_user_id_lands_in_the_dm_as_slack_does(harness: BotHarness) -> None:
    h = harness
    h.fake.add_user("U0NEW", "nina", "Nina Nystrup")
    client = WebClient(token="xoxb-test-token", base_url=h.fake.base_url)
    posted = client.chat_postMessage(channel="U0NEW", text="Velkommen i udvalget")
    # Slack answers with the DM's own id, which conversations.history then reads.
    assert str(posted["channel"]).startswith("D")
    assert posted["channel"] == h.fake.im_channel("U0NEW")
    history = client.conversations_history(channel=posted["channel"])
    assert [m["text"] for m in history["messages"]] == ["Velkommen i udvalget"]
    assert h.fake.call_count("conversations.open") == 0


def test_a_reminder_round_opens_no_conversation(harness: BotHarness) -> None:
    h = harness
    setup(h)
    post(h)
    before = h.fake.call_count("conversations.open")
    h.tick(REMINDER + timedelta(minutes=1))
    h.wait_for(
        lambda: all(any("Påmindelse" in m["text"] for m in dms(h, u)) for u in MEMBERS),
        timeout=30,
    )
    h.tick(REMINDER + timedelta(minutes=2))
    h.settle()
    assert h.fake.call_count("conversations.open") == before
    posts = [c for c in h.fake.calls("chat.postMessage") if c.status == 200]
    to_people = [c for c in posts if str(c.params.get("channel", "")).startswith("U")]
    assert len(to_people) >= len(MEMBERS)
    for user in MEMBERS:  # once each, in their own DM
        assert sum("Påmindelse" in m["text"] for m in dms(h, user)) == 1


def test_a_rerun_reminder_finds_the_dm_it_sent_and_does_not_send_it_twice(
    harness: BotHarness,
) -> None:
    h = harness
    setup(h)
    post(h)
    # The first reminder DM lands, but its answer is lost: the job fails and runs again.
    h.fake.fail_next("chat.postMessage", status=500, after_effect=True)
    at = REMINDER + timedelta(minutes=1)
    for minute in range(0, 40):
        h.tick(at + timedelta(minutes=minute))
    h.settle()
    faulted = [c for c in h.fake.calls("chat.postMessage") if c.faulted]
    assert [str(c.params["channel"])[:1] for c in faulted] == ["U"], "a DM's answer was lost"
    # Only that lost answer made the bot look the DM up, to read its history.
    assert h.fake.call_count("conversations.open") == 1
    for user in MEMBERS:
        assert sum("Påmindelse" in m["text"] for m in dms(h, user)) == 1, user


def test_an_ephemeral_that_cannot_be_shown_falls_back_to_a_dm(harness: BotHarness) -> None:
    h = harness
    setup(h)
    h.fake.add_user("U0GST", "gitte", "Gitte Gæst")  # not in the channel
    h.services.notifier.ephemeral(CHANNEL, "U0GST", Message("Kun medlemmer kan stemme."))
    h.services.notifier.ephemeral(CHANNEL, "U0GST", Message("Spørg sekretæren om adgang."))
    texts = [m["text"] for m in h.fake.bot_messages(h.fake.im_channel("U0GST"))]
    assert texts == ["Kun medlemmer kan stemme.", "Spørg sekretæren om adgang."]
    assert h.fake.call_count("conversations.open") == 0


def test_posts_to_a_user_id_count_against_their_dm_as_in_slack() -> None:
    from slack_sdk.errors import SlackApiError

    from bot.demo.fakeslack import FakeSlack

    with FakeSlack(rate_speed=6.0) as fake:  # a Slack minute is ten seconds here
        fake.add_user("U1", "ib", "Ib Holm")
        client = WebClient(token="xoxb-test-token", base_url=fake.base_url)
        dm = client.conversations_open(users=["U1"])["channel"]["id"]
        for n in range(60):
            client.chat_postMessage(channel="U1" if n % 2 else dm, text=f"besked {n}")
        # Both ways of addressing the DM share its budget of about one post a second.
        with pytest.raises(SlackApiError) as caught:
            client.chat_postMessage(channel="U1", text="en for meget")
        assert caught.value.response.status_code == 429
