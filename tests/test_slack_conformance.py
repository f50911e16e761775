"""The strict fake rejects what real Slack rejects, and the chair's agenda view passes it."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.demo.fakeslack import FakeSlack, check_message, check_view
from bot.domain.enums import MeetingStatus
from storage.models import Meeting
from tests.harness import BotHarness

CPH = ZoneInfo("Europe/Copenhagen")
CHANNEL = "C0GROUP"
CHAIR = "U0FMD"
PIA = "U0PIA"


def _button(text: str, action_id: str, value: str = "v") -> dict[str, Any]:
    return {
        "type": "button",
        "text": {"type": "plain_text", "text": text},
        "action_id": action_id,
        "value": value,
    }


def _section(text: str, **extra: Any) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}, **extra}


@pytest.fixture
def client() -> Any:
    with FakeSlack() as fake:
        fake.add_channel(CHANNEL, "styregruppen", members=[fake.bot_user_id])
        yield WebClient(token="xoxb-test-token", base_url=fake.base_url), fake


BAD_MESSAGES: list[tuple[str, list[dict[str, Any]], str]] = [
    (
        "duplicate action_id in one actions block",
        [{"type": "actions", "elements": [_button("Word", "export"), _button("Md", "export")]}],
        "already exists in this block",
    ),
    (
        "duplicate block_id in one message",
        [_section("a", block_id="same"), _section("b", block_id="same")],
        "block_id 'same' already exists",
    ),
    ("51 blocks", [_section(f"punkt {i}") for i in range(51)], "no more than 50 items"),
    ("section text over 3000", [_section("x" * 3001)], "3000"),
    ("empty mrkdwn text", [_section("")], "must be more than 0 characters"),
    (
        "overflow with one option",
        [
            _section(
                "a",
                accessory={
                    "type": "overflow",
                    "action_id": "menu",
                    "options": [{"text": {"type": "plain_text", "text": "Op"}, "value": "up"}],
                },
            )
        ],
        "must have 2 to 5 items",
    ),
    (
        "26 buttons in one actions block",
        [{"type": "actions", "elements": [_button(f"b{i}", f"a{i}") for i in range(26)]}],
        "elements",
    ),
    (
        "button text over 75",
        [{"type": "actions", "elements": [_button("x" * 76, "a")]}],
        "less than 76",
    ),
    (
        "header over 150",
        [{"type": "header", "text": {"type": "plain_text", "text": "h" * 151}}],
        "150",
    ),
    ("unknown block type", [{"type": "tabel", "rows": []}], "unsupported type"),
]


@pytest.mark.parametrize(
    ("blocks", "expected"),
    [(b, e) for _, b, e in BAD_MESSAGES],
    ids=[n for n, _, _ in BAD_MESSAGES],
)
def test_the_fake_answers_invalid_blocks_as_slack_does(
    client: Any, blocks: list[dict[str, Any]], expected: str
) -> None:
    web, fake = client
    with pytest.raises(SlackApiError) as caught:
        web.chat_postMessage(channel=CHANNEL, text="fallback", blocks=blocks)
    assert caught.value.response["error"] == "invalid_blocks"
    messages = " ".join(caught.value.response["response_metadata"]["messages"])
    assert expected in messages
    assert fake.bot_messages(CHANNEL) == []


def test_the_same_action_id_in_two_blocks_is_allowed(client: Any) -> None:
    web, fake = client
    blocks = [
        {"type": "actions", "elements": [_button("Ja", "vote", "yes|1")]},
        {"type": "actions", "elements": [_button("Ja", "vote", "yes|2")]},
    ]
    assert web.chat_postMessage(channel=CHANNEL, text="to afstemninger", blocks=blocks)["ok"]
    assert len(fake.bot_messages(CHANNEL)) == 1


def test_views_are_held_to_the_view_rules(client: Any) -> None:
    web, fake = client
    fake.add_user("U1", "ib", "Ib Holm")
    home = {"type": "home", "blocks": [_section(f"linje {i}") for i in range(101)]}
    with pytest.raises(SlackApiError) as caught:
        web.views_publish(user_id="U1", view=home)
    assert caught.value.response["error"] == "invalid_arguments"
    modal = {
        "type": "modal",
        "title": {"type": "plain_text", "text": "Dagsordenspunkt for mødet"},
        "blocks": [_section("a")],
    }
    assert any("1 to 24" in p for p in check_view(modal))
    ok_home = {"type": "home", "blocks": [_section(f"linje {i}") for i in range(100)]}
    assert web.views_publish(user_id="U1", view=ok_home)["ok"]


def test_a_message_without_a_fallback_text_is_noticed() -> None:
    recorder_payload = {"blocks": [_section("Mødet er flyttet")]}
    from bot.demo.fakeslack.blockkit import missing_fallback

    assert missing_fallback(recorder_payload)
    assert not missing_fallback({**recorder_payload, "text": "Mødet er flyttet"})
    assert check_message(recorder_payload) == []


def test_a_response_url_with_invalid_blocks_gets_400(client: Any) -> None:
    import json
    import urllib.request

    _, fake = client
    url = fake.new_response_url(channel=CHANNEL, user=fake.bot_user_id)
    body = {
        "text": "x",
        "blocks": [{"type": "actions", "elements": [_button("A", "x"), _button("B", "x")]}],
    }
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=5)
    assert caught.value.code == 400


# ------------------------------------------------------------------ the chair's agenda view


def _meeting(h: BotHarness, group_id: int) -> int:
    start = datetime(2027, 3, 12, 12, 0, tzinfo=CPH)
    with h.services.uow() as session:
        meeting = Meeting(
            group_id=group_id,
            starts_at=start,
            ends_at=start + timedelta(hours=3),
            has_time=True,
            location="Rådhuset, mødelokale 2",
            status=MeetingStatus.PLANNED,
            created_at=h.clock.now(),
            agenda_version=0,
            sequence=0,
        )
        session.add(meeting)
        session.flush()
        return int(meeting.id)


def test_the_chairs_draft_agenda_and_home_pass_the_strict_fake(harness: BotHarness) -> None:
    h = harness
    group_id = h.add_group(chair=CHAIR)
    _meeting(h, group_id)
    h.driver.mention(PIA, CHANNEL, f"<@{h.fake.bot_user_id}> punkt: Budgetopfølgning Q1")
    h.settle()
    h.driver.command(CHAIR, "dagsorden", channel=CHANNEL)
    h.settle()
    draft = h.responses()[-1]
    export_ids = [
        e["action_id"]
        for b in draft["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"].startswith("agenda_export")
    ]
    assert sorted(export_ids) == ["agenda_export_docx", "agenda_export_md"]
    assert check_message(draft) == []

    uploads = h.fake.call_count("files.completeUploadExternal")
    h.driver.block_action(CHAIR, "agenda_export_docx", draft_value(draft, "docx"), channel=CHANNEL)
    h.wait_for(lambda: h.fake.call_count("files.completeUploadExternal") > uploads, timeout=10)
    h.settle()
    h.driver.app_home_opened(CHAIR)
    home = h.wait_for(lambda: h.fake.home(CHAIR), timeout=10)
    home_ids = {
        e.get("action_id") for b in home["blocks"] if b["type"] == "actions" for e in b["elements"]
    }
    assert {"agenda_export_docx", "agenda_export_md"} <= home_ids
    failed = [c for c in h.fake.calls() if c.response and c.response.get("ok") is False]
    assert failed == []


def draft_value(draft: dict[str, Any], fmt: str) -> str:
    """Return the value of the draft's export button for one format."""
    for block in draft["blocks"]:
        for element in block.get("elements", []) if block["type"] == "actions" else []:
            if element["action_id"] == f"agenda_export_{fmt}":
                return str(element["value"])
    raise AssertionError(f"no {fmt} export button")


def test_in_the_demo_the_chairs_draft_and_home_pass_the_strict_fake() -> None:
    from bot.demo.script import GROUP_NAME, START
    from bot.demo.session import demo_session

    with demo_session(START) as s:
        chair = s.person("hanne").slack_id
        s.command("lars", f"opsæt {GROUP_NAME}")
        s.settle()
        s.command("lars", f"rolle <@{chair}> formand")
        s.command("lars", "møde fredag den 27. marts kl. 9-12 Havnby Rådhus")
        s.settle()
        s.say("jens", "@referent punkt: Fælles indkøb af hjælpemidler")
        s.settle()
        s.command("hanne", "dagsorden")
        s.settle()
        draft = s.fake.responses()[-1]["body"]
        ids = {
            e.get("action_id")
            for b in draft.get("blocks") or []
            if b["type"] == "actions"
            for e in b["elements"]
        }
        assert {"agenda_export_docx", "agenda_export_md"} <= ids
        s.driver.app_home_opened(chair)
        home = s.fake.wait_for(lambda: s.fake.home(chair), timeout=10)
        assert "agenda_export_docx" in json.dumps(home["blocks"])
        rejected = [
            c.method
            for c in s.fake.calls()
            if c.response and c.response.get("error") in ("invalid_blocks", "invalid_arguments")
        ]
        assert rejected == []


def test_a_submission_answer_must_name_an_input_block() -> None:
    from bot.demo.fakeslack.blockkit import check_view_response

    submitted = {
        "type": "modal",
        "blocks": [
            _section("Meld afbud til mødet", block_id="intro"),
            {
                "type": "input",
                "block_id": "reason",
                "label": {"type": "plain_text", "text": "Grund"},
                "element": {"type": "plain_text_input", "action_id": "reason"},
            },
        ],
    }
    assert (
        check_view_response(
            submitted, {"response_action": "errors", "errors": {"reason": "Skriv en grund"}}
        )
        == []
    )
    wrong = check_view_response(submitted, {"response_action": "errors", "errors": {"intro": "x"}})
    assert wrong and "not the block_id of an input block" in wrong[0]
    too_long = {
        "type": "modal",
        "title": {"type": "plain_text", "text": "Afbud til styregruppemødet"},
        "blocks": [],
    }
    assert check_view_response(submitted, {"response_action": "update", "view": too_long})
