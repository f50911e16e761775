"""The fake Slack against the real slack_sdk WebClient, and the driver against a real bolt App."""

from __future__ import annotations

import json
import threading
import time
import urllib.request
from collections.abc import Iterator, Sequence
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.error import HTTPError, URLError
from zoneinfo import ZoneInfo

import pytest
from slack_bolt import App
from slack_bolt.request import BoltRequest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.builtin_interval_calculators import FixedValueRetryIntervalCalculator
from slack_sdk.webhook import WebhookClient

from bot.demo.fakeslack import DEFAULT_TOKEN, FakeSlack, SlackDriver

SECRET = "test-signing-secret-0123456789"
FAST = FixedValueRetryIntervalCalculator(0.01)


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    """A started fake workspace with two people and a committee channel."""
    with FakeSlack() as slack:
        slack.add_user("U1", "anne", "Anne Jensen", title="Formand")
        slack.add_user("U2", "bo", "Bo Hansen", tz="America/New_York", locale="en-US")
        slack.add_channel("C1", "bestyrelsen", members=["U1", "U2", "UBOT"])
        yield slack


def client_for(fake: FakeSlack, **kwargs: Any) -> WebClient:
    """A real WebClient pointed at the fake."""
    kwargs.setdefault("retry_handlers", [])
    return WebClient(token=DEFAULT_TOKEN, base_url=fake.base_url, **kwargs)


@pytest.fixture
def client(fake: FakeSlack) -> WebClient:
    """A WebClient without retries."""
    return client_for(fake)


# ---------------------------------------------------------------------- Web API


def test_base_url_ends_in_api_slash(fake: FakeSlack) -> None:
    assert fake.base_url.startswith("http://127.0.0.1:")
    assert fake.base_url.endswith("/api/")


def test_auth_test_and_bad_tokens(fake: FakeSlack, client: WebClient) -> None:
    me = client.auth_test()
    assert (me["user_id"], me["bot_id"], me["team_id"]) == ("UBOT", "BBOT", fake.team_id)

    with pytest.raises(SlackApiError) as bad:
        WebClient(token="xoxb-wrong", base_url=fake.base_url).auth_test()
    assert bad.value.response["error"] == "invalid_auth"
    with pytest.raises(SlackApiError) as missing:
        WebClient(base_url=fake.base_url).auth_test()
    assert missing.value.response["error"] == "invalid_auth"

    call = fake.calls("auth.test")[0]
    assert call.headers["authorization"] == "Bearer ***"
    assert DEFAULT_TOKEN not in json.dumps(call.headers)


def test_unknown_method_is_recorded(fake: FakeSlack, client: WebClient) -> None:
    with pytest.raises(SlackApiError) as err:
        client.api_call("chat.sendTelepathically", json={"channel": "C1"})
    assert err.value.response["error"] == "unknown_method"
    assert fake.calls("chat.sendTelepathically")[0].params == {"channel": "C1"}

    with pytest.raises(SlackApiError):
        client.api_call("files.upload", files={"file": b"abc"}, data={"channels": "C1"})
    assert fake.calls("files.upload")[0].params == {"channels": "C1", "file": b"abc"}


def test_post_thread_update_delete(fake: FakeSlack, client: WebClient) -> None:
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "*Dagsorden*"}}]
    posted = client.chat_postMessage(channel="C1", text="Dagsorden", blocks=blocks)
    ts = posted["ts"]
    assert posted["channel"] == "C1"
    assert posted["message"]["blocks"] == blocks
    assert posted["message"]["bot_id"] == "BBOT"

    reply = client.chat_postMessage(channel="C1", text="svar", thread_ts=ts, unfurl_links=False)
    assert float(reply["ts"]) > float(ts)
    thread = fake.messages("C1", thread_ts=ts)
    assert [m["text"] for m in thread] == ["Dagsorden", "svar"]
    assert thread[0]["reply_count"] == 1
    assert fake.calls("chat.postMessage")[1].params["unfurl_links"] is False

    updated = client.chat_update(channel="C1", ts=ts, text="Dagsorden (rettet)")
    assert updated["text"] == "Dagsorden (rettet)"
    assert fake.message("C1", ts)["edited"]["user"] == "UBOT"  # type: ignore[index]

    client.chat_delete(channel="C1", ts=reply["ts"])
    assert [m["ts"] for m in fake.messages("C1")] == [ts]


def test_posting_rules(fake: FakeSlack, client: WebClient) -> None:
    fake.add_message("C1", "U1", "min egen besked", ts="1700000000.000100")
    with pytest.raises(SlackApiError) as foreign:
        client.chat_update(channel="C1", ts="1700000000.000100", text="x")
    assert foreign.value.response["error"] == "cant_update_message"
    with pytest.raises(SlackApiError) as nowhere:
        client.chat_postMessage(channel="C404", text="x")
    assert nowhere.value.response["error"] == "channel_not_found"
    with pytest.raises(SlackApiError) as too_many:
        client.chat_postMessage(
            channel="C1",
            text="x",
            blocks=[{"type": "divider"}] * 51,
        )
    assert too_many.value.response["error"] == "invalid_blocks"


def test_dm_by_user_id_and_conversations_open(fake: FakeSlack, client: WebClient) -> None:
    opened = client.conversations_open(users=["U1"])
    dm = opened["channel"]["id"]
    assert dm.startswith("D")
    posted = client.chat_postMessage(channel="U1", text="Hej Anne")
    assert posted["channel"] == dm
    assert fake.bot_messages(dm)[0]["text"] == "Hej Anne"
    assert client.conversations_info(channel=dm)["channel"]["is_im"] is True


def test_ephemeral_and_permalink(fake: FakeSlack, client: WebClient) -> None:
    client.chat_postEphemeral(channel="C1", user="U2", text="kun til dig")
    assert [e["text"] for e in fake.ephemerals(user="U2")] == ["kun til dig"]
    assert fake.messages("C1") == []

    fake.add_user("U3", "cem", "Cem Yilmaz")
    with pytest.raises(SlackApiError) as outsider:
        client.chat_postEphemeral(channel="C1", user="U3", text="x")
    assert outsider.value.response["error"] == "user_not_in_channel"

    ts = client.chat_postMessage(channel="C1", text="referat")["ts"]
    link = client.chat_getPermalink(channel="C1", message_ts=ts)["permalink"]
    assert link == f"https://fake.slack.test/archives/C1/p{ts.replace('.', '')}"


def test_users_info_with_tz_and_locale() -> None:
    winter = datetime(2026, 11, 18, 10, 0, tzinfo=ZoneInfo("Europe/Copenhagen")).timestamp()
    with FakeSlack(clock=lambda: winter) as fake:
        fake.add_user("U1", "anne", "Anne Jensen", title="Formand")
        client = client_for(fake)
        user = client.users_info(user="U1", include_locale=True)["user"]
        assert user["tz"] == "Europe/Copenhagen"
        assert user["tz_offset"] == 3600
        assert user["locale"] == "da-DK"
        assert user["profile"]["title"] == "Formand"
        assert user["profile"]["real_name"] == "Anne Jensen"
        assert "locale" not in client.users_info(user="U1")["user"]
        with pytest.raises(SlackApiError) as err:
            client.users_info(user="U404")
        assert err.value.response["error"] == "user_not_found"
        assert fake.next_ts().startswith(str(int(winter)))


def test_conversations_members_pages_with_cursors(fake: FakeSlack, client: WebClient) -> None:
    everyone = [f"U{n:04d}" for n in range(450)]
    fake.add_channel("C2", "generalforsamling", members=everyone)

    seen: list[str] = []
    cursor = None
    pages = 0
    while True:
        page = client.conversations_members(channel="C2", limit=200, cursor=cursor)
        pages += 1
        seen.extend(page["members"])
        cursor = page["response_metadata"]["next_cursor"]
        if not cursor:
            break
    assert pages == 3
    assert seen == everyone
    assert [c.params.get("limit") for c in fake.calls("conversations.members")] == ["200"] * 3

    fake.reset_calls()
    iterated = [
        m for page in client.conversations_members(channel="C2", limit=200) for m in page["members"]
    ]
    assert iterated == everyone
    assert len(fake.calls("conversations.members")) == 3


def test_users_list_pages(fake: FakeSlack, client: WebClient) -> None:
    first = client.users_list(limit=2)
    assert len(first["members"]) == 2
    rest = client.users_list(limit=2, cursor=first["response_metadata"]["next_cursor"])
    assert len(rest["members"]) == 1
    assert rest["response_metadata"]["next_cursor"] == ""


def test_files_upload_v2_and_authenticated_download(fake: FakeSlack, client: WebClient) -> None:
    content = "Referat fra mødet\n".encode() * 10
    uploaded = client.files_upload_v2(
        channel="C1",
        filename="referat.txt",
        content=content,
        title="Referat",
        initial_comment="Her er referatet",
    )
    file_id = uploaded["file"]["id"]
    methods = [c.method for c in fake.calls()]
    assert methods == [
        "files.getUploadURLExternal",
        "upload_url",
        "files.completeUploadExternal",
    ]
    shared = fake.bot_messages("C1")[0]
    assert shared["text"] == "Her er referatet"
    assert shared["files"][0]["id"] == file_id

    info = client.files_info(file=file_id)["file"]
    assert info["title"] == "Referat"
    assert info["size"] == len(content)
    url = info["url_private_download"]
    assert url.startswith(fake.root_url)

    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {DEFAULT_TOKEN}"})
    with urllib.request.urlopen(request, timeout=2) as answer:
        assert answer.read() == content
    with pytest.raises(HTTPError) as forbidden:
        urllib.request.urlopen(url, timeout=2)
    assert forbidden.value.code == 403


def test_add_file_for_the_bot_to_fetch(fake: FakeSlack, client: WebClient) -> None:
    added = fake.add_file("F1", "dagsorden.pdf", b"%PDF-1.4", "application/pdf", "U1", "C1")
    info = client.files_info(file="F1")["file"]
    assert info["url_private_download"] == added["url_private_download"]
    assert info["channels"] == ["C1"]
    request = urllib.request.Request(
        info["url_private_download"], headers={"Authorization": f"Bearer {DEFAULT_TOKEN}"}
    )
    with urllib.request.urlopen(request, timeout=2) as answer:
        assert answer.read() == b"%PDF-1.4"
        assert answer.headers.get_content_type() == "application/pdf"


def test_reactions(fake: FakeSlack, client: WebClient) -> None:
    ts = client.chat_postMessage(channel="C1", text="Godkender I referatet?")["ts"]
    fake.add_reaction("C1", ts, "white_check_mark", "U1")
    fake.add_reaction("C1", ts, "white_check_mark", "U2")
    client.reactions_add(channel="C1", timestamp=ts, name="eyes")
    with pytest.raises(SlackApiError) as twice:
        client.reactions_add(channel="C1", timestamp=ts, name="eyes")
    assert twice.value.response["error"] == "already_reacted"

    got = client.reactions_get(channel="C1", timestamp=ts)
    assert got["type"] == "message"
    assert got["message"]["reactions"] == [
        {"name": "white_check_mark", "users": ["U1", "U2"], "count": 2},
        {"name": "eyes", "users": ["UBOT"], "count": 1},
    ]
    client.reactions_remove(channel="C1", timestamp=ts, name="eyes")
    assert len(fake.message("C1", ts)["reactions"]) == 1  # type: ignore[index]


def test_views_open_update_publish(fake: FakeSlack, client: WebClient) -> None:
    modal = {
        "type": "modal",
        "callback_id": "afbud",
        "title": {"type": "plain_text", "text": "Meld afbud"},
        "submit": {"type": "plain_text", "text": "Send"},
        "private_metadata": "meeting=7",
        "blocks": [
            {
                "type": "input",
                "block_id": "why",
                "label": {"type": "plain_text", "text": "Hvorfor?"},
                "element": {"type": "plain_text_input", "action_id": "text"},
            }
        ],
    }
    with pytest.raises(SlackApiError) as expired:
        client.views_open(trigger_id="1.2.nope", view=modal)
    assert expired.value.response["error"] == "invalid_trigger_id"

    opened = client.views_open(trigger_id=fake.new_trigger_id("U1"), view=modal)
    view_id = opened["view"]["id"]
    assert fake.views(user="U1", kind="open")[0]["view"]["callback_id"] == "afbud"
    client.views_update(view_id=view_id, view={**modal, "private_metadata": "meeting=8"})
    assert fake.view(view_id)["private_metadata"] == "meeting=8"  # type: ignore[index]

    home = {
        "type": "home",
        "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "Hej"}}],
    }
    client.views_publish(user_id="U2", view=home)
    client.views_publish(user_id="U2", view=home)
    assert fake.home("U2")["blocks"] == home["blocks"]  # type: ignore[index]
    assert len(fake.views(user="U2", kind="publish")) == 2

    with pytest.raises(SlackApiError) as long_title:
        client.views_open(
            trigger_id=fake.new_trigger_id("U1"),
            view={**modal, "title": {"type": "plain_text", "text": "x" * 25}},
        )
    assert long_title.value.response["error"] == "invalid_arguments"


def test_conversations_history_and_replies(fake: FakeSlack, client: WebClient) -> None:
    parent = fake.add_message("C1", "U1", "Forslag til dagsorden")
    fake.add_message("C1", "U2", "Enig", thread_ts=parent["ts"])
    later = fake.add_message("C1", "U2", "Ny tråd")
    history = client.conversations_history(channel="C1")["messages"]
    assert [m["ts"] for m in history] == [later["ts"], parent["ts"]]
    replies = client.conversations_replies(channel="C1", ts=parent["ts"])["messages"]
    assert [m["text"] for m in replies] == ["Forslag til dagsorden", "Enig"]


def test_response_url_posts(fake: FakeSlack) -> None:
    url = fake.new_response_url(channel="C1", user="U1")
    WebhookClient(url).send(text="kun til Anne")
    WebhookClient(url).send(text="til alle", response_type="in_channel")
    assert [r["body"]["text"] for r in fake.responses(url)] == ["kun til Anne", "til alle"]
    assert fake.ephemerals(user="U1")[0]["text"] == "kun til Anne"
    assert fake.bot_messages("C1")[0]["text"] == "til alle"


# ---------------------------------------------------------------------- fault injection


def test_rate_limit_is_retried_after_retry_after(fake: FakeSlack) -> None:
    client = client_for(fake, retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=2)])
    fake.fail_next("chat.postMessage", status=429, retry_after=0)
    posted = client.chat_postMessage(channel="C1", text="hej")
    assert posted["ok"]
    attempts = fake.calls("chat.postMessage")
    assert [(c.status, c.faulted) for c in attempts] == [(429, True), (200, False)]
    assert len(fake.messages("C1")) == 1


def test_rate_limit_without_handler_raises(fake: FakeSlack, client: WebClient) -> None:
    fake.fail_next("users.info")
    with pytest.raises(SlackApiError) as err:
        client.users_info(user="U1")
    assert err.value.response.status_code == 429
    assert err.value.response.headers["Retry-After"] == "1"
    assert err.value.response["error"] == "ratelimited"


def test_server_error_is_retried(fake: FakeSlack) -> None:
    client = client_for(
        fake, retry_handlers=[ServerErrorRetryHandler(max_retry_count=2, interval_calculator=FAST)]
    )
    fake.fail_next("chat.postMessage", status=500, times=2)
    assert client.chat_postMessage(channel="C1", text="hej")["ok"]
    assert [c.status for c in fake.calls("chat.postMessage")] == [500, 500, 200]


def test_dropped_connection_is_retried(fake: FakeSlack) -> None:
    client = client_for(
        fake,
        retry_handlers=[ConnectionErrorRetryHandler(max_retry_count=1, interval_calculator=FAST)],
    )
    fake.fail_next("conversations.open", drop_connection=True)
    assert client.conversations_open(users=["U1"])["ok"]
    assert [c.faulted for c in fake.calls("conversations.open")] == [True, False]


def test_dropped_connection_without_retry_raises(fake: FakeSlack, client: WebClient) -> None:
    fake.fail_next("chat.postMessage", drop_connection=True)
    with pytest.raises((ConnectionError, URLError)):
        client.chat_postMessage(channel="C1", text="hej")
    assert fake.messages("C1") == []


def test_slow_answer_times_out_but_the_post_lands(fake: FakeSlack) -> None:
    client = client_for(fake, timeout=0.2)
    fake.fail_next("chat.postMessage", delay=1.0)
    started = time.monotonic()
    with pytest.raises((TimeoutError, URLError)):
        client.chat_postMessage(channel="C1", text="langsom")
    assert time.monotonic() - started < 0.9
    assert [m["text"] for m in fake.messages("C1")] == ["langsom"]
    assert fake.calls("chat.postMessage")[0].faulted


def test_error_answer_with_status_200(fake: FakeSlack, client: WebClient) -> None:
    fake.fail_next("chat.postEphemeral", error="not_in_channel")
    with pytest.raises(SlackApiError) as err:
        client.chat_postEphemeral(channel="C1", user="U1", text="x")
    assert err.value.response.status_code == 200
    assert err.value.response["error"] == "not_in_channel"
    assert fake.ephemerals() == []
    client.chat_postEphemeral(channel="C1", user="U1", text="x")
    assert len(fake.ephemerals()) == 1


# ---------------------------------------------------------------------- the driver against bolt


class _BoltHandler(BaseHTTPRequestHandler):
    app: App

    def log_message(self, format: str, *args: Any) -> None:
        return None

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
        headers: dict[str, str | Sequence[str]] = {k.lower(): v for k, v in self.headers.items()}
        resp = self.app.dispatch(BoltRequest(body=body, headers=headers))
        payload = resp.body.encode()
        self.send_response(resp.status)
        for name, values in resp.headers.items():
            for value in values:
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


def _tiny_app(fake: FakeSlack, received: list[dict[str, Any]]) -> App:
    app = App(
        signing_secret=SECRET,
        client=WebClient(token=DEFAULT_TOKEN, base_url=fake.base_url),
        request_verification_enabled=True,
        token_verification_enabled=False,
    )

    @app.event("app_mention")
    def on_mention(event: dict[str, Any], say: Any) -> None:
        say(text=f"Hej <@{event['user']}>", thread_ts=event["ts"])

    @app.event("message")
    def on_message() -> None:
        return None

    @app.event("app_home_opened")
    def on_home() -> None:
        return None

    for kind in ("reaction_added", "reaction_removed", "file_shared", "member_joined_channel"):
        app.event(kind)(lambda event: received.append(event))

    @app.shortcut("noter")
    def on_shortcut(ack: Any, shortcut: dict[str, Any]) -> None:
        ack()
        received.append(shortcut)

    @app.command("/referent")
    def on_command(ack: Any, respond: Any, command: dict[str, Any]) -> None:
        ack()
        respond(f"Du skrev: {command['text']}")

    @app.action("afbud")
    def on_action(ack: Any, body: dict[str, Any], client: WebClient) -> None:
        ack()
        client.views_open(
            trigger_id=body["trigger_id"],
            view={
                "type": "modal",
                "callback_id": "afbud",
                "private_metadata": body["actions"][0]["value"],
                "title": {"type": "plain_text", "text": "Afbud"},
                "submit": {"type": "plain_text", "text": "Send"},
                "blocks": [
                    {
                        "type": "input",
                        "block_id": "why",
                        "label": {"type": "plain_text", "text": "Hvorfor?"},
                        "element": {"type": "plain_text_input", "action_id": "text"},
                    }
                ],
            },
        )

    @app.view("afbud")
    def on_submit(ack: Any, view: dict[str, Any]) -> None:
        text = view["state"]["values"]["why"]["text"]["value"]
        if not text:
            ack(response_action="errors", errors={"why": "Skriv en grund"})
            return
        ack()

    return app


@pytest.fixture
def received() -> list[dict[str, Any]]:
    """What the tiny app's recording listeners saw."""
    return []


@pytest.fixture
def driver(fake: FakeSlack, received: list[dict[str, Any]]) -> Iterator[SlackDriver]:
    """A driver aimed at a tiny bolt app served on loopback."""
    handler = type("Handler", (_BoltHandler,), {"app": _tiny_app(fake, received)})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield SlackDriver(f"http://127.0.0.1:{server.server_address[1]}/slack/events", SECRET, fake)
    finally:
        server.shutdown()
        server.server_close()


def test_mention_sends_message_and_app_mention(fake: FakeSlack, driver: SlackDriver) -> None:
    answer = driver.mention("U1", "C1", "<@UBOT> hvad står på dagsordenen?")
    status, _headers, _body = answer
    assert status == 200
    kinds = [(s.kind, s.response.status) for s in driver.sent]
    assert kinds == [("event:message", 200), ("event:app_mention", 200)]
    first, second = (s.payload for s in driver.sent)
    assert first["event_id"] != second["event_id"]
    assert first["event"]["ts"] == second["event"]["ts"] == answer.ts
    assert second["authorizations"][0]["user_id"] == "UBOT"

    reply = fake.wait_for(lambda: fake.bot_messages("C1"))[0]
    assert reply["text"] == "Hej <@U1>"
    assert reply["thread_ts"] == answer.ts
    assert fake.messages("C1")[0]["user"] == "U1"

    dm = fake.im_channel("U1")
    driver.mention("U1", dm, "<@UBOT> hej")
    assert [s.kind for s in driver.sent[2:]] == ["event:message"]
    assert driver.sent[-1].payload["event"]["channel_type"] == "im"


def test_command_replies_through_response_url(fake: FakeSlack, driver: SlackDriver) -> None:
    answer = driver.command("U1", "status", channel="C1")
    assert answer.status == 200
    ephemeral = fake.wait_for(lambda: fake.ephemerals(user="U1"))[0]
    assert ephemeral["text"] == "Du skrev: status"
    assert ephemeral["via"] == "response_url"


def test_block_action_opens_modal_and_submission_validates(
    fake: FakeSlack, driver: SlackDriver
) -> None:
    ts = WebClient(token=DEFAULT_TOKEN, base_url=fake.base_url).chat_postMessage(
        channel="C1",
        text="Møde torsdag",
        blocks=[
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "button",
                        "action_id": "afbud",
                        "text": {"type": "plain_text", "text": "Afbud"},
                    }
                ],
            }
        ],
    )["ts"]
    assert (
        driver.block_action("U2", "afbud", "meeting=7", channel="C1", message_ts=ts).status == 200
    )
    opened = fake.wait_for(lambda: fake.views(user="U2", kind="open"))[0]
    assert opened["view"]["private_metadata"] == "meeting=7"

    empty = {"why": {"text": {"type": "plain_text_input", "value": None}}}
    refused = driver.view_submission("U2", "afbud", empty)
    assert refused.json() == {"response_action": "errors", "errors": {"why": "Skriv en grund"}}
    sent_view = driver.sent[-1].payload["view"]
    assert sent_view["id"] == opened["view_id"]
    assert sent_view["private_metadata"] == "meeting=7"

    filled = {"why": {"text": {"type": "plain_text_input", "value": "Syg"}}}
    accepted = driver.view_submission("U2", "afbud", filled)
    assert (accepted.status, accepted.body) == (200, b"")


def test_driver_event_shapes_reach_bolt(
    fake: FakeSlack, driver: SlackDriver, received: list[dict[str, Any]]
) -> None:
    assert driver.url_verification("abc").json() == {"challenge": "abc"}
    ts = driver.message("U1", "C1", "Forslag: budget").ts
    assert ts is not None

    assert driver.message_changed("U1", "C1", ts, "Forslag: budget 2027").status == 200
    changed = driver.sent[-1].payload["event"]
    assert (changed["subtype"], changed["message"]["text"]) == (
        "message_changed",
        "Forslag: budget 2027",
    )
    assert changed["previous_message"]["text"] == "Forslag: budget"
    assert fake.message("C1", ts)["text"] == "Forslag: budget 2027"  # type: ignore[index]

    assert driver.reaction_added("U2", "C1", ts, "+1").status == 200
    assert fake.message("C1", ts)["reactions"][0]["users"] == ["U2"]  # type: ignore[index]
    assert driver.reaction_removed("U2", "C1", ts, "+1").status == 200
    assert "reactions" not in fake.message("C1", ts)  # type: ignore[operator]

    fake.add_file("F9", "bilag.pdf", b"%PDF", "application/pdf", "U1", "C1")
    assert driver.message("U1", "C1", "bilag", files=["F9"]).status == 200
    assert driver.sent[-1].payload["event"]["files"][0]["id"] == "F9"
    assert driver.file_shared("U1", "F9", "C1").status == 200

    fake.add_user("U3", "cem", "Cem Yilmaz")
    assert driver.member_joined_channel("U3", "C1").status == 200
    assert "U3" in fake.channel("C1")["members"]  # type: ignore[index]

    assert driver.message_deleted("C1", ts).status == 200
    assert fake.message("C1", ts) is None
    assert driver.sent[-1].payload["event"]["deleted_ts"] == ts

    assert driver.global_shortcut("U1", "noter").status == 200
    # bolt acks first and runs listeners on its worker threads: wait, and do not rely on order.
    fake.wait_for(lambda: len(received) == 5)
    assert sorted(e["type"] for e in received) == [
        "file_shared",
        "member_joined_channel",
        "reaction_added",
        "reaction_removed",
        "shortcut",
    ]
    added = next(e for e in received if e["type"] == "reaction_added")
    assert added["item"] == {"type": "message", "channel": "C1", "ts": ts}
    assert added["item_user"] == "U1"


def test_event_retry_headers(driver: SlackDriver) -> None:
    answer = driver.event(
        {
            "type": "app_home_opened",
            "user": "U1",
            "channel": "D1",
            "tab": "home",
            "event_ts": "1.2",
        },
        event_id="Ev0SAME",
        retry_num=1,
    )
    assert (answer.status, answer.event_id) == (200, "Ev0SAME")
    assert driver.sent[-1].headers == {
        "X-Slack-Retry-Num": "1",
        "X-Slack-Retry-Reason": "http_timeout",
    }


def test_bad_signature_is_refused(driver: SlackDriver) -> None:
    body = b'{"type": "event_callback", "event": {"type": "app_mention"}}'
    now = int(time.time())
    answer = driver.raw(
        body,
        {
            "Content-Type": "application/json",
            "X-Slack-Request-Timestamp": str(now),
            "X-Slack-Signature": "v0=" + "0" * 64,
        },
    )
    assert answer.status == 401


def test_stale_timestamp_is_refused(driver: SlackDriver) -> None:
    body = b'{"type": "event_callback", "event": {"type": "app_mention"}}'
    stale = int(time.time()) - 6 * 60
    answer = driver.raw(
        body,
        {
            "Content-Type": "application/json",
            "X-Slack-Request-Timestamp": str(stale),
            "X-Slack-Signature": driver.sign(body, stale),
        },
    )
    assert answer.status == 401


def test_missing_signature_headers_are_refused(driver: SlackDriver) -> None:
    answer = driver.raw(b"{}", {"Content-Type": "application/json"})
    assert answer.status == 401


def test_sign_matches_slack_sdk_verifier() -> None:
    from slack_sdk.signature import SignatureVerifier

    with FakeSlack() as fake:
        driver = SlackDriver("http://127.0.0.1:9/slack/events", SECRET, fake)
        body = "payload=%7B%7D"
        stamp = int(time.time())
        assert SignatureVerifier(SECRET).is_valid(body, str(stamp), driver.sign(body, stamp))
