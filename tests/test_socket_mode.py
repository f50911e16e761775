"""Socket Mode: the bot connects, acknowledges envelopes, and reconnects after a drop."""

from __future__ import annotations

import time
from datetime import datetime

from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_sdk import WebClient

from bot.app import build_bot
from bot.demo.fakeslack import RECORDER, FakeSlack
from bot.ports import FixedClock
from bot.settings import load_settings
from tests.fake_socket_mode import SocketModeServer

APP_TOKEN = "xapp-1-A0-test-socket"


def _mention(text: str, ts: str) -> dict[str, object]:
    return {
        "type": "event_callback",
        "team_id": "T0REFERENT",
        "api_app_id": "AREFERENT",
        "event_id": f"Ev{ts.replace('.', '')}",
        "event_time": int(float(ts)),
        "authorizations": [{"team_id": "T0REFERENT", "user_id": "UBOT", "is_bot": True}],
        "event": {
            "type": "app_mention",
            "user": "U0PIA",
            "text": text,
            "ts": ts,
            "channel": "C0SOCK",
            "event_ts": ts,
        },
    }


def test_socket_mode_reconnects_after_a_dropped_connection(sqlite_url: str, now: datetime) -> None:
    server = SocketModeServer()
    fake = FakeSlack(tokens={"xoxb-test-token", APP_TOKEN}, recorder=RECORDER)
    fake.start()
    fake.socket_mode_url = server.url
    fake.add_user("U0PIA", "pia", "Pia Bille")
    fake.add_channel("C0SOCK", "sokkel", members=["U0PIA"])
    handler: SocketModeHandler | None = None
    try:
        settings = load_settings(
            {
                "SLACK_BOT_TOKEN": "xoxb-test-token",
                "SLACK_APP_TOKEN": APP_TOKEN,
                "SLACK_API_URL": fake.base_url,
                "DATABASE_URL": sqlite_url,
            }
        )
        settings.require_slack("socket")
        client = WebClient(token="xoxb-test-token", base_url=fake.base_url)
        bot = build_bot(settings, clock=FixedClock(now), client=client)
        handler = SocketModeHandler(bot.app, APP_TOKEN, ping_interval=0.5)
        handler.connect()  # type: ignore[no-untyped-call]
        server.wait_connects(1)
        first = server.send_event(_mention("<@UBOT> hjælp", "1700000001.000100"))
        fake.wait_for(lambda: first in server.acks, timeout=10)
        fake.wait_for(lambda: fake.bot_messages("C0SOCK", thread_ts="1700000001.000100"))

        server.drop()
        server.wait_connects(2, timeout=30)
        time.sleep(0.3)
        second = server.send_event(_mention("<@UBOT> help", "1700000002.000100"))
        fake.wait_for(lambda: second in server.acks, timeout=10)
        replies = fake.wait_for(
            lambda: fake.bot_messages("C0SOCK", thread_ts="1700000002.000100"), timeout=10
        )
        assert "referent" in replies[0]["text"]
        assert fake.call_count("apps.connections.open") >= 2
    finally:
        if handler is not None:
            handler.close()  # type: ignore[no-untyped-call]
        server.stop()
        fake.stop()
