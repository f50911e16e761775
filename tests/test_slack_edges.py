"""Slack as it really behaves: tombstones, hidden and deactivated people, external files,
app_rate_limited and DMs, through the real app against the strict fake."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

import pytest

from bot.domain.enums import MeetingStatus
from bot.ports import Message
from storage.models import AgendaItem, Meeting
from storage.repositories import MemberRepo
from tests.harness import BotHarness

FIXTURES = Path(__file__).parent / "fixtures" / "slack"
CPH = ZoneInfo("Europe/Copenhagen")
CHANNEL = "C0GROUP"
SECRETARY = "U0SEK"
CHAIR = "U0FMD"
PIA = "U0PIA"
BO = "U0BO"


def fixture(name: str) -> dict[str, Any]:
    """Load a Slack payload fixture (see tests/fixtures/slack/README.md), without its note."""
    data: dict[str, Any] = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    data.pop("_origin", None)
    return data


def fill(data: Any, **values: str) -> Any:
    """Replace placeholder strings (PARENT_TS, …) in a fixture."""
    text = json.dumps(data)
    for key, value in values.items():
        text = text.replace(f'"{key}"', json.dumps(value))
    return json.loads(text)


def add_meeting(h: BotHarness, group_id: int) -> int:
    """Plan a meeting straight in the database (set-up, not the way in under test)."""
    start = datetime(2027, 3, 12, 12, 0, tzinfo=CPH)
    with h.services.uow() as session:
        meeting = Meeting(
            group_id=group_id,
            starts_at=start,
            ends_at=start + timedelta(hours=3),
            has_time=True,
            location="Byrådssalen",
            status=MeetingStatus.PLANNED,
            created_at=h.clock.now(),
            agenda_version=0,
            sequence=0,
        )
        session.add(meeting)
        session.flush()
        return int(meeting.id)


def proposal_status(h: BotHarness) -> list[tuple[str, str]]:
    """Return (title, status) of the proposals (not standing items)."""
    with h.services.uow() as session:
        rows = session.query(AgendaItem).filter(AgendaItem.is_standing.is_(False)).all()
        return [(r.title, r.status) for r in rows if r.origin is None]


# ------------------------------------------------------------------ item 2: deletions


def test_deleting_a_proposal_with_a_thread_sends_a_tombstone_and_withdraws(
    harness: BotHarness,
) -> None:
    h = harness
    add_meeting(h, h.add_group(chair=CHAIR))
    sent = h.driver.mention(PIA, CHANNEL, "<@UBOT> punkt: Status på it-sikkerhed i skolerne")
    reply = h.wait_for(lambda: h.bot_messages(CHANNEL, thread_ts=sent.ts), timeout=10)
    assert proposal_status(h) == [("Status på it-sikkerhed i skolerne", "proposed")]
    h.fake.tombstone_message(CHANNEL, str(sent.ts))
    event = fill(fixture("message_changed_tombstone.json")["event"], PARENT_TS=str(sent.ts))
    event = fill(event, REPLY_TS=str(reply[-1]["ts"]))
    assert h.driver.event(event).status == 200
    h.wait_for(lambda: proposal_status(h)[0][1] == "withdrawn", timeout=10)


def test_the_fakes_tombstone_has_slacks_shape(harness: BotHarness) -> None:
    h = harness
    h.fake.add_channel("C0X", "x", members=[PIA, h.fake.bot_user_id])
    h.fake.add_user(PIA, "pia", "Pia Bille")
    parent = h.fake.add_message("C0X", PIA, "forslag")
    h.fake.add_message("C0X", h.fake.bot_user_id, "svar", thread_ts=parent["ts"], bot=True)
    h.driver.message_deleted("C0X", parent["ts"])
    sent = h.driver.sent[-1].payload["event"]
    real = fixture("message_changed_tombstone.json")["event"]
    assert sent["subtype"] == real["subtype"] == "message_changed"
    assert set(real) <= set(sent)
    for key in ("subtype", "text", "user", "hidden"):
        assert sent["message"][key] == real["message"][key]


def test_a_deleted_message_without_replies_is_message_deleted(harness: BotHarness) -> None:
    h = harness
    h.fake.add_channel("C0X", "x", members=[PIA, h.fake.bot_user_id])
    h.fake.add_user(PIA, "pia", "Pia Bille")
    lone = h.fake.add_message("C0X", PIA, "en tanke")
    h.driver.message_deleted("C0X", lone["ts"])
    sent = h.driver.sent[-1].payload["event"]
    real = fixture("message_deleted.json")["event"]
    assert sent["subtype"] == "message_deleted"
    assert set(real) <= set(sent)


# ------------------------------------------------------------------ item 4: people


def test_setup_survives_a_hidden_person_and_leaves_out_deactivated_accounts(
    harness: BotHarness,
) -> None:
    h = harness
    h.fake.add_user(SECRETARY, "povl", "Povl Skov")
    h.fake.add_user(PIA, "pia", "Pia Bille")
    h.fake.add_user("U0KOGE", "lone", "Lone Hansen", visible=False)
    h.fake.add_user("U0GONE", "ole", "Ole Tidligere", deleted=True)
    h.fake.add_channel(
        CHANNEL, "styregruppe", members=[SECRETARY, PIA, "U0KOGE", "U0GONE", h.fake.bot_user_id]
    )
    assert h.driver.command(SECRETARY, "opsæt Styregruppen for it", channel=CHANNEL).status == 200
    group_id = h.wait_for(lambda: h.group_id(CHANNEL), timeout=10)
    h.settle()
    with h.services.uow() as session:
        members = {m.slack_user_id: m.name for m in MemberRepo(session).in_group(group_id)}
    assert members == {SECRETARY: "Povl Skov", PIA: "Pia Bille", "U0KOGE": "U0KOGE"}
    said = " ".join(r.get("text", "") for r in h.responses())
    # The answer comes before any profile is read: it counts the four people Slack lists.
    assert "4 medlemmer hentes i baggrunden" in said

    # A hidden person can be given a role; a deactivated one cannot.
    h.driver.command(SECRETARY, "rolle <@U0KOGE> formand", channel=CHANNEL)
    h.settle()
    with h.services.uow() as session:
        member = MemberRepo(session).by_slack_user(group_id, "U0KOGE")
        assert member is not None and member.role == "chair"
    h.driver.command(SECRETARY, "rolle <@U0GONE> medlem", channel=CHANNEL)
    h.settle()
    h.wait_for(lambda: h.profiles_pending(CHANNEL) == 0)
    with h.services.uow() as session:
        gone = MemberRepo(session).by_slack_user(group_id, "U0GONE")
        assert gone is None or not gone.active
        assert "U0GONE" not in {m.slack_user_id for m in MemberRepo(session).in_group(group_id)}


def test_a_deactivated_account_joining_is_not_made_a_member(harness: BotHarness) -> None:
    h = harness
    group_id = h.add_group()
    h.fake.add_user("U0GONE", "ole", "Ole Tidligere", deleted=True)
    h.fake.add_user("U0NEW", "nina", "Nina Nystrup")
    for user in ("U0GONE", "U0NEW"):
        h.fake.add_member(CHANNEL, user)
        h.driver.member_joined_channel(user, CHANNEL)
    h.settle()
    # Both are members at once, named by id; the profile worker then closes the account.
    h.wait_for(lambda: h.profiles_pending(CHANNEL) == 0)
    with h.services.uow() as session:
        ids = {m.slack_user_id for m in MemberRepo(session).in_group(group_id)}
        names = {m.slack_user_id: m.name for m in MemberRepo(session).in_group(group_id)}
    assert "U0NEW" in ids and "U0GONE" not in ids
    assert names["U0NEW"] == "Nina Nystrup"
    # One profile read per person who joins (by the worker, not the event handler).
    assert not [c for c in h.fake.calls("users.info") if c.params.get("user") == "U0GONE"][1:]


def test_users_info_answers_user_not_visible_as_documented(harness: BotHarness) -> None:
    h = harness
    h.fake.add_user("U0KOGE", "lone", "Lone Hansen", visible=False)
    from slack_sdk import WebClient
    from slack_sdk.errors import SlackApiError

    client = WebClient(token="xoxb-test-token", base_url=h.fake.base_url)
    with pytest.raises(SlackApiError) as caught:
        client.users_info(user="U0KOGE")
    expected = fixture("users_info_user_not_visible.json")
    assert {k: caught.value.response[k] for k in expected} == expected


# ------------------------------------------------------------------ item 5: files


class _Recorder(BaseHTTPRequestHandler):
    seen: ClassVar[list[dict[str, str]]] = []

    def do_GET(self) -> None:
        type(self).seen.append({k.lower(): v for k, v in self.headers.items()})
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"hi")

    def log_message(self, format: str, *args: Any) -> None:
        return None


@pytest.fixture
def other_host() -> Iterator[tuple[str, list[dict[str, str]]]]:
    """A web server that is not Slack (another loopback port), recording what it was sent."""
    seen: ClassVar[list[dict[str, str]]] = []
    handler = type("Recorder", (_Recorder,), {"seen": seen})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()


def test_an_external_file_gets_a_please_upload_reply(harness: BotHarness) -> None:
    h = harness
    h.add_group()
    real = fixture("file_external.json")
    file = h.fake.add_file(
        "F0GDRIVE01",
        real["name"],
        b"",
        "application/pdf",
        user=SECRETARY,
        channel=CHANNEL,
        external_url=real["external_url"],
    )
    for key in ("mode", "is_external", "external_type", "url_private"):
        assert file[key] == real[key]
    sent = h.driver.mention(SECRETARY, CHANNEL, "<@UBOT> importér", files=[file])
    # Imports run in the background: the refusal comes in the request's thread.
    reply = h.wait_for(
        lambda: (
            h.fake.ephemerals(CHANNEL, SECRETARY)
            + [
                m
                for m in h.bot_messages(CHANNEL, thread_ts=sent.ts)
                if "baggrunden" not in str(m["text"])
            ]
        ),
        timeout=10,
    )
    assert "Upload selve filen" in reply[-1]["text"]
    assert not [c for c in h.fake.calls() if c.method == "file_download"]


def test_the_token_never_goes_to_another_host(
    harness: BotHarness, other_host: tuple[str, list[dict[str, str]]]
) -> None:
    h = harness
    h.add_group()
    url, seen = other_host
    file = h.fake.add_file(
        "F0ODD", "referat.txt", b"Referat", "text/plain", user=SECRETARY, channel=CHANNEL
    )
    with h.fake._lock:  # a hosted file whose URL points elsewhere (a hostile or odd answer)
        h.fake._files["F0ODD"]["url_private_download"] = f"{url}/referat.txt"
    sent = h.driver.mention(SECRETARY, CHANNEL, "<@UBOT> importer", files=[file])
    # Imports run in the background: the refusal comes in the request's thread.
    reply = h.wait_for(
        lambda: (
            h.fake.ephemerals(CHANNEL, SECRETARY)
            + [
                m
                for m in h.bot_messages(CHANNEL, thread_ts=sent.ts)
                if "baggrunden" not in str(m["text"])
            ]
        ),
        timeout=10,
    )
    assert "uden for Slack" in reply[-1]["text"]
    assert seen == []


# ------------------------------------------------------------------ item 6


def test_app_rate_limited_gets_200(harness: BotHarness) -> None:
    h = harness
    response = h.driver._send_json("app_rate_limited", fixture("app_rate_limited.json"))
    assert response.status == 200
    assert h.driver.app_rate_limited().status == 200
    sent = h.driver.sent[-1].payload
    assert set(sent) == set(fixture("app_rate_limited.json"))


def test_dms_to_one_person_open_the_conversation_once(harness: BotHarness) -> None:
    h = harness
    h.add_group()
    before = h.fake.call_count("conversations.open")
    for text in ("Påmindelse: mødet er i morgen", "Husk bilag til punkt 3", "Tak for i dag"):
        h.services.notifier.dm(PIA, Message(text))
    assert h.fake.call_count("conversations.open") - before <= 1
    dm = h.fake.im_channel(PIA)
    assert [m["text"] for m in h.fake.bot_messages(dm)][-3:] == [
        "Påmindelse: mødet er i morgen",
        "Husk bilag til punkt 3",
        "Tak for i dag",
    ]


# ------------------------------------------------------------------ message subtypes


def test_an_objection_also_sent_to_the_channel_counts(harness: BotHarness) -> None:
    from tests.test_approval import post, setup, wait_line

    setup(harness)
    request = post(harness)
    sent = harness.driver.message(
        BO,
        CHANNEL,
        "Indsigelse: punkt 3 – tidsplanen er ikke godkendt",
        thread_ts=request["ts"],
        broadcast=True,
    )
    event = harness.driver.sent[-1].payload["event"]
    assert event["subtype"] == "thread_broadcast" and event["root"]["ts"] == request["ts"]
    assert sent.status == 200
    wait_line(harness, request["ts"], "1 indsigelse")


def test_another_apps_post_is_not_taken_for_a_person(harness: BotHarness) -> None:
    h = harness
    add_meeting(h, h.add_group(chair=CHAIR))
    before = len(h.fake.calls())
    h.driver.bot_message("B0WORKFLOW", CHANNEL, "<@UBOT> punkt: Ugentlig status fra workflow")
    h.settle()
    assert proposal_status(h) == []
    posted = [c for c in h.fake.calls()[before:] if c.method.startswith(("chat.", "views."))]
    assert posted == []


def test_an_edit_carries_slacks_edited_stamp(harness: BotHarness) -> None:
    h = harness
    add_meeting(h, h.add_group(chair=CHAIR))
    sent = h.driver.mention(PIA, CHANNEL, "<@UBOT> punkt: Budgetopflgning")
    h.wait_for(lambda: h.bot_messages(CHANNEL, thread_ts=sent.ts), timeout=10)
    h.driver.message_changed(PIA, CHANNEL, str(sent.ts), "<@UBOT> punkt: Budgetopfølgning")
    event = h.driver.sent[-1].payload["event"]
    assert event["message"]["edited"]["user"] == PIA
    h.wait_for(lambda: proposal_status(h) == [("Budgetopfølgning", "proposed")], timeout=10)


def test_the_fakes_subtypes_and_pages_have_slacks_keys(harness: BotHarness) -> None:
    h = harness
    h.fake.add_user(PIA, "pia", "Pia Bille")
    h.fake.add_channel("C0X", "x", members=[f"U8{n:03d}" for n in range(250)])
    root = h.fake.add_message("C0X", PIA, "Referat til godkendelse")
    h.driver.message(PIA, "C0X", "Indsigelse: punkt 3", thread_ts=root["ts"], broadcast=True)
    broadcast = h.driver.sent[-1].payload["event"]
    assert set(fixture("thread_broadcast.json")) <= set(broadcast)
    h.driver.bot_message("B0WORKFLOW", "C0X", "Husk: frist for bilag er fredag")
    assert set(fixture("bot_message.json")) <= set(h.driver.sent[-1].payload["event"])

    from slack_sdk import WebClient

    client = WebClient(token="xoxb-test-token", base_url=h.fake.base_url)
    first = client.conversations_members(channel="C0X", limit=200).data
    assert set(fixture("conversations_members_page.json")) <= set(first)
    cursor = first["response_metadata"]["next_cursor"]
    assert len(first["members"]) == 200 and cursor
    last = client.conversations_members(channel="C0X", limit=200, cursor=cursor).data
    assert len(last["members"]) == 50 and last["response_metadata"]["next_cursor"] == ""
    assert h.services.directory.channel_members("C0X") == [f"U8{n:03d}" for n in range(250)]
