"""Listener methods called directly, with a mocked ``ack``/``respond``/``client``.

As the Bolt starter template tests its listeners: no HTTP, no Bolt dispatch; the
listener classes get a real Services on SQLite (migrated) whose Slack Web API client is
a ``Mock``, so what a listener acknowledges, answers and asks Slack for can be read off
the mocks. Nothing of our own code is patched.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from unittest.mock import Mock

import pytest
from slack_sdk import WebClient

from bot.app import Bot, build_bot
from handlers.commands import CommandListeners
from handlers.corrections import CorrectionListeners
from handlers.referat import ReferatListeners
from tests.conftest import make_settings

USER = "U0UNIT"
CHANNEL = "C0UNIT"
GONE_DA = "findes ikke længere"


@pytest.fixture
def bot(sqlite_url: str) -> Iterator[Bot]:
    """A whole bot on a fresh SQLite file whose Slack Web API client is a Mock."""
    web = Mock(spec=WebClient)  # Bolt insists on a WebClient
    web.token, web.base_url, web.headers = "xoxb-unit", "http://127.0.0.1:9/api/", {}
    web.timeout, web.retry_handlers = 1, []
    web.chat_postEphemeral.return_value = {"ok": True, "message_ts": "1.1"}
    web.chat_postMessage.return_value = {"ok": True, "ts": "1.1", "channel": CHANNEL}
    built = build_bot(make_settings(sqlite_url), client=web)
    yield built
    built.services.engine.dispose()


def _said(web: Mock) -> list[str]:
    """Return every text the bot sent through the Web API client, however it was sent."""
    texts = []
    for call in web.mock_calls:
        text = call.kwargs.get("text")
        if isinstance(text, str):
            texts.append(text)
    return texts


def _button(action_id: str, value: str) -> dict[str, Any]:
    return {
        "type": "block_actions",
        "user": {"id": USER},
        "team": {"id": "T0UNIT"},
        "channel": {"id": CHANNEL},
        "container": {"type": "message", "channel_id": CHANNEL, "message_ts": "1700000000.1"},
        "trigger_id": "1234.5678.abcd",
        "actions": [{"action_id": action_id, "value": value, "action_ts": "1700000001.2"}],
    }


def _submission(callback_id: str, values: dict[str, Any], metadata: str) -> dict[str, Any]:
    return {
        "type": "view_submission",
        "user": {"id": USER},
        "team": {"id": "T0UNIT"},
        "trigger_id": "1234.5678.efgh",
        "view": {
            "id": "V0UNIT",
            "hash": "1700000002.abc",
            "type": "modal",
            "callback_id": callback_id,
            "private_metadata": metadata,
            "state": {"values": values},
        },
    }


def test_correction_button_for_a_gone_meeting_acks_and_says_so(bot: Bot) -> None:
    listeners = CorrectionListeners(Mock(), bot.services, bot.router)
    ack, client = Mock(), Mock()
    listeners.button_pressed(ack=ack, body=_button("archive_correct", "4242"), client=client)
    ack.assert_called_once_with()
    client.views_open.assert_not_called()
    web = bot.services.notifier
    assert any(GONE_DA in text for text in _said(_client_of(web)))


def test_correction_submitted_without_an_item_points_at_the_item(bot: Bot) -> None:
    listeners = CorrectionListeners(Mock(), bot.services, bot.router)
    ack = Mock()
    values = {
        "date": {"date": {"type": "datepicker", "selected_date": "2025-01-29"}},
        "title": {"title": {"type": "plain_text_input", "value": "Parkering (ny titel)"}},
    }
    listeners.modal_submitted(ack=ack, body=_submission("archive_correct_submit", values, "7"))
    ack.assert_called_once()
    kwargs = ack.call_args.kwargs
    assert kwargs["response_action"] == "errors"
    assert list(kwargs["errors"]) == ["item"]
    assert "punkt" in kwargs["errors"]["item"]


def test_referat_attendance_for_a_gone_meeting_errors_on_the_guests(bot: Bot) -> None:
    listeners = ReferatListeners(Mock(), bot.services)
    ack = Mock()
    values = {"guests": {"value": {"type": "plain_text_input", "value": "Jens Hansen, DTU"}}}
    body = _submission("referat_attendance_submit", values, json.dumps({"m": 99}))
    listeners.attendance_submitted(ack=ack, body=body)
    ack.assert_called_once()
    assert ack.call_args.kwargs["response_action"] == "errors"
    assert GONE_DA in ack.call_args.kwargs["errors"]["guests"]


def test_slash_command_acks_then_responds_privately(bot: Bot) -> None:
    listeners = CommandListeners(Mock(), bot.services, bot.router)
    ack, respond = Mock(), Mock()
    body = {
        "command": "/referent",
        "text": "hjælp",
        "user_id": USER,
        "channel_id": CHANNEL,
        "team_id": "T0UNIT",
        "trigger_id": "1234.5678.ijkl",
    }
    listeners.on_command(ack=ack, body=body, respond=respond)
    ack.assert_called_once_with()
    respond.assert_called_once()
    assert respond.call_args.kwargs["response_type"] == "ephemeral"
    assert "/referent" in respond.call_args.kwargs["text"]


def test_slash_command_outside_a_group_answers_with_an_example(bot: Bot) -> None:
    listeners = CommandListeners(Mock(), bot.services, bot.router)
    ack, respond = Mock(), Mock()
    body = {"text": "afbud 15/3 pga sygdom", "user_id": USER, "channel_id": CHANNEL}
    listeners.on_command(ack=ack, body=body, respond=respond)
    ack.assert_called_once_with()
    respond.assert_called_once()
    answer = respond.call_args.kwargs["text"]
    assert "`" in answer and respond.call_args.kwargs["response_type"] == "ephemeral"


def _client_of(notifier: Any) -> Mock:
    """Return the mocked Web API client under the notifier (the inbox wraps the gateway)."""
    inner = getattr(notifier, "inner", notifier)
    client = getattr(inner, "client", None)
    assert isinstance(client, Mock), inner
    return client
