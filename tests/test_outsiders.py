"""A person in a group's channel who is not its member: refused on every reading path."""

from __future__ import annotations

import pytest

from tests.harness import BotHarness, Person

CHANNEL = "C0GROUP"
OUTSIDER = Person("U0OUT", "Olga Udenfor", "Konsulent", "Et firma")
MEMBER = "U0PIA"


def _said_to(h: BotHarness, user: str, since: int) -> list[str]:
    ephemerals = [str(e.get("text")) for e in h.fake.ephemerals(CHANNEL, user)]
    responses = [str(r.get("text")) for r in h.responses()[since:]]
    return ephemerals + responses


@pytest.mark.parametrize(
    ("how", "text"),
    [
        ("mention", "hvad besluttede vi om takstanalysen?"),
        ("mention", "spørg hvad besluttede vi om budget"),
        ("slash", "spoerg standardkontrakter"),
        ("mention", "møde liste"),
        ("slash", "moede oversigt"),
        ("slash", "medlemmer"),
        ("mention", "members"),
    ],
)
def test_non_members_are_refused_in_the_groups_channel(
    harness: BotHarness, how: str, text: str
) -> None:
    h = harness
    h.add_group()
    h.add_person(OUTSIDER)
    h.settle()
    since = len(h.responses())
    thread: list[str] = []
    if how == "mention":
        sent = h.driver.mention(OUTSIDER.id, CHANNEL, f"<@UBOT> {text}")
        h.settle()
        thread = [str(m.get("text")) for m in h.bot_messages(CHANNEL, thread_ts=sent.ts)]
        # Slack refuses an ephemeral to someone it does not count in the channel: a DM.
        thread += [str(m.get("text")) for m in h.bot_messages(h.fake.im_channel(OUTSIDER.id))]
    else:
        h.driver.command(OUTSIDER.id, text, channel=CHANNEL)
        h.settle()
    said = " ".join(_said_to(h, OUTSIDER.id, since) + thread)
    public = [m for m in h.bot_messages(CHANNEL) if "Olga" not in str(m.get("text"))]
    assert "Beklager" in said or "Kun " in said, said
    assert "*Styregruppen*" in said
    # Nothing of the group's archive, meetings or members was shown to anyone for it.
    assert not [m for m in public if "Povl Skov" in str(m.get("text"))]


def test_members_still_get_the_member_list_and_meetings(harness: BotHarness) -> None:
    h = harness
    h.add_group()
    h.driver.command(MEMBER, "medlemmer", channel=CHANNEL)
    h.wait_for(lambda: any("Povl Skov" in str(r.get("text")) for r in h.responses()))


def test_a_forged_calendar_button_sends_nothing_to_an_outsider(harness: BotHarness) -> None:
    h = harness
    group_id = h.add_group()
    h.add_person(OUTSIDER)
    h.settle()
    before = len(h.responses())
    h.driver.block_action(OUTSIDER.id, "meeting_ics_all", str(group_id), channel=CHANNEL)
    # A button on a message is answered privately through its response URL.
    sent = h.wait_for(lambda: h.responses()[before:])
    h.settle()
    assert "Beklager" in str(sent[0]["text"]) or "Kun " in str(sent[0]["text"])
    assert sent[0].get("response_type") == "ephemeral"
    assert not h.bot_messages(h.fake.im_channel(OUTSIDER.id))
    assert not h.fake.calls("files.getUploadURLExternal") and not h.fake.calls("files.upload")


def test_only_response_urls_slack_issues_are_used() -> None:
    from handlers.meetings import trusted_response_url

    slack = "https://slack.com/api/"
    assert trusted_response_url("https://hooks.slack.com/actions/T1/1/abc", slack)
    for forged in (
        "https://evil.example/hook",
        "http://hooks.slack.com/actions/T1/1/abc",
        "https://hooks.slack.com.evil.example/x",
        "http://127.0.0.1:8080/response/x",
        None,
        42,
    ):
        assert trusted_response_url(forged, slack) is None, forged
    local = "http://127.0.0.1:8080/api/"
    assert trusted_response_url("http://127.0.0.1:8080/response/x", local)
    assert trusted_response_url("http://127.0.0.1:9999/response/x", local) is None
