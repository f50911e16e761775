"""The interaction envelope, through the real app over signed HTTP.

For each kind of interaction (a button in a message, in App Home and in a modal, a
view submission, a message shortcut and a global shortcut): a reference that has gone
stale gets the one "findes ikke længere" answer, privately, and a delivery Slack sends
twice has its effect once.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import pytest
from sqlalchemy import delete, select

from handlers.interactions import Interaction
from storage.models import ActionItem, AgendaItem, Meeting
from tests.harness import BotHarness
from tests.test_agenda import add_meeting as agenda_meeting

CHANNEL = "C0GROUP"
SECRETARY = "U0SEK"
CHAIR = "U0FMD"
PIA = "U0PIA"
MARCH = datetime(2027, 3, 12, 8, 0, tzinfo=UTC)
GONE_DA = "findes ikke længere"


def add_meeting(h: BotHarness, group_id: int, start: datetime = MARCH) -> int:
    """Create a planned meeting straight in the database (set-up, not the path under test)."""
    return agenda_meeting(h, group_id, start, hours=2)


def remove_meeting(h: BotHarness, meeting_id: int) -> None:
    """Delete a meeting behind a button's back (another officer, a clean-up)."""
    with h.services.uow() as session:
        session.execute(delete(AgendaItem).where(AgendaItem.meeting_id == meeting_id))
        session.execute(delete(Meeting).where(Meeting.id == meeting_id))


def meeting_status(h: BotHarness, meeting_id: int) -> str:
    with h.services.uow() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        return str(meeting.status)


def items(h: BotHarness) -> list[tuple[str, str]]:
    with h.services.uow() as session:
        rows = session.scalars(select(AgendaItem).order_by(AgendaItem.id))
        return [(row.title, str(row.status)) for row in rows]


def resend(h: BotHarness) -> None:
    """Deliver the last interaction again, byte for byte (Slack's retry)."""
    last = h.driver.sent[-1]
    body = urlencode({"payload": json.dumps(last.payload)}).encode()
    response = h.driver.signed(body, "application/x-www-form-urlencoded")
    assert response.status == 200


def texts(found: list[dict[str, Any]]) -> list[str]:
    return [str(m.get("text") or "") for m in found]


def dm_texts(h: BotHarness, user: str) -> list[str]:
    return texts(h.bot_messages(h.fake.im_channel(user)))


def a_task(h: BotHarness) -> int:
    """Create a task through the slash command and return its id."""
    h.driver.command(PIA, "opgave <@U0PIA> laver notat om årsplanen senest 1/12", channel=CHANNEL)
    found = h.wait_for(lambda: first_task(h))
    h.settle()
    return found


def task_status(h: BotHarness, task_id: int) -> str:
    with h.services.uow() as session:
        found = session.get(ActionItem, task_id)
        return str(found.status) if found is not None else ""


def first_task(h: BotHarness) -> int | None:
    with h.services.uow() as session:
        return session.scalars(select(ActionItem.id)).first()


# --------------------------------------------------------------------- the parsed envelope


def test_one_key_per_delivery_whatever_the_kind() -> None:
    click = {
        "type": "block_actions",
        "user": {"id": "U1"},
        "trigger_id": "t1",
        "actions": [{"action_id": "meeting_cancel", "value": "7", "action_ts": "1.5"}],
        "container": {"type": "message", "channel_id": "C1", "message_ts": "9.9"},
    }
    ix = Interaction.parse(click)
    assert (ix.channel_id, ix.int_value, ix.message_ts, ix.in_view) == ("C1", 7, "9.9", False)
    again = Interaction.parse({**click, "trigger_id": "t2"})
    assert ix.key == again.key  # the same click, whatever trigger Slack gave the retry
    other = {**click, "actions": [{**click["actions"][0], "action_ts": "1.6"}]}
    assert Interaction.parse(other).key != ix.key
    submit = {
        "type": "view_submission",
        "user": {"id": "U1"},
        "view": {"id": "V1", "hash": "h1", "private_metadata": '{"meeting": "3"}'},
    }
    sub = Interaction.parse(submit)
    assert sub.meta_int("meeting") == 3 and sub.key.startswith("interaction:view_submission:")
    changed = Interaction.parse({**submit, "view": {**submit["view"], "hash": "h2"}})
    assert changed.key != sub.key
    broken = Interaction.parse({**submit, "view": {"id": "V1", "private_metadata": "{oops"}})
    assert broken.metadata == {}


# --------------------------------------------------------------------- a button in a message


def test_message_button_on_a_gone_meeting_answers_once_privately(harness: BotHarness) -> None:
    h = harness
    group_id = h.add_group(chair=CHAIR)
    meeting_id = add_meeting(h, group_id)
    remove_meeting(h, meeting_id)
    for action in ("meeting_edit", "meeting_cancel", "meeting_ics"):
        before = len(h.responses())
        h.driver.block_action(CHAIR, action, str(meeting_id), channel=CHANNEL, message_ts="1.1")
        answers = h.wait_for(lambda b=before: h.responses()[b:])
        h.settle()
        assert len(h.responses()) == before + 1, action
        assert GONE_DA in answers[0]["text"], (action, answers)
        assert answers[0]["response_type"] == "ephemeral"
        assert "intet planlagt møde i ." not in answers[0]["text"]
    assert not h.fake.calls("files.getUploadURLExternal")


def test_message_button_delivered_twice_cancels_once(harness: BotHarness) -> None:
    h = harness
    group_id = h.add_group(chair=CHAIR)
    meeting_id = add_meeting(h, group_id)
    h.settle()
    before = len(h.responses())
    h.driver.block_action(CHAIR, "meeting_cancel", str(meeting_id), channel=CHANNEL)
    h.wait_for(lambda: meeting_status(h, meeting_id) == "cancelled")
    [done] = h.wait_for(lambda: h.responses()[before:])
    assert "aflyst" in done["text"]
    h.settle()
    posts = len(h.bot_messages(CHANNEL))
    resend(h)
    h.settle()
    assert len(h.responses()) == before + 1  # no second answer, neither "done" nor "already"
    assert len(h.bot_messages(CHANNEL)) == posts


# --------------------------------------------------------------------- a button in App Home


def test_home_button_on_a_gone_task_answers_by_dm(harness: BotHarness) -> None:
    h = harness
    h.add_group(chair=CHAIR)
    task_id = a_task(h)
    h.driver.app_home_opened(PIA)
    home = h.wait_for(lambda: h.fake.home(PIA))
    with h.services.uow() as session:
        session.execute(delete(ActionItem).where(ActionItem.id == task_id))
    h.driver.block_action(PIA, "task_done", str(task_id), view=home["id"])
    found = h.wait_for(lambda: [t for t in dm_texts(h, PIA) if GONE_DA in t])
    h.settle()
    assert len(found) == 1
    assert all(GONE_DA not in r["text"] for r in h.responses())


def test_home_button_delivered_twice_acts_once(harness: BotHarness) -> None:
    h = harness
    h.add_group(chair=CHAIR)
    task_id = a_task(h)
    h.driver.app_home_opened(PIA)
    home = h.wait_for(lambda: h.fake.home(PIA))
    h.settle()
    h.driver.block_action(PIA, "task_done", str(task_id), view=home["id"])
    h.wait_for(lambda: task_status(h, task_id) == "done")
    h.wait_for(lambda: "ingen åbne opgaver" in json.dumps(h.fake.home(PIA), ensure_ascii=False))
    h.settle()
    publishes, updates = len(h.fake.calls("views.publish")), len(h.fake.calls("chat.update"))
    dms = dm_texts(h, PIA)
    resend(h)
    h.settle()
    assert len(h.fake.calls("views.publish")) == publishes
    assert len(h.fake.calls("chat.update")) == updates
    assert dm_texts(h, PIA) == dms


# --------------------------------------------------------------------- a button in a modal


def _modal(view_id: str) -> dict[str, Any]:
    return {"id": view_id, "type": "modal", "callback_id": "agenda_view", "hash": "1.a"}


def test_modal_button_on_a_gone_meeting_answers_by_dm(harness: BotHarness) -> None:
    h = harness
    group_id = h.add_group(chair=CHAIR)
    meeting_id = add_meeting(h, group_id)
    remove_meeting(h, meeting_id)
    h.driver.block_action(CHAIR, "agenda_publish", str(meeting_id), view=_modal("VMODAL1"))
    found = h.wait_for(lambda: [t for t in dm_texts(h, CHAIR) if GONE_DA in t])
    h.settle()
    assert len(found) == 1 and not h.fake.calls("views.update")


def test_modal_button_delivered_twice_accepts_once(harness: BotHarness) -> None:
    h = harness
    group_id = h.add_group(chair=CHAIR)
    meeting_id = add_meeting(h, group_id)
    h.driver.mention(PIA, CHANNEL, f"<@{h.fake.bot_user_id}> punkt: Budget 2027")
    h.wait_for(lambda: items(h))
    h.settle()
    with h.services.uow() as session:
        item = session.scalars(select(AgendaItem)).one()
        key = f"item:{item.id}"
    value = f"{meeting_id}|{key}"
    h.driver.block_action(CHAIR, "agenda_accept", value, view=_modal("VMODAL2"))
    h.wait_for(lambda: items(h) == [("Budget 2027", "accepted")])
    h.wait_for(lambda: h.fake.calls("views.update"))
    h.settle()
    dms = dm_texts(h, CHAIR)
    resend(h)
    h.settle()
    assert len(h.fake.calls("views.update")) == 1
    assert dm_texts(h, CHAIR) == dms  # no "already accepted", no error


# --------------------------------------------------------------------- a view submission


def _proposal(meeting_id: int) -> dict[str, Any]:
    return {
        "title": {"value": {"type": "plain_text_input", "value": "Status på rammeaftalen"}},
        "kind": {"value": {"type": "radio_buttons", "selected_option": {"value": "decision"}}},
        "meeting": {
            "value": {"type": "static_select", "selected_option": {"value": str(meeting_id)}}
        },
    }


def open_proposal_modal(h: BotHarness, user: str) -> str:
    """Open the proposal modal the way a member does (a message shortcut); return its id."""
    before = len(h.fake.views(user=user, kind="open"))
    source = h.fake.add_message(CHANNEL, CHAIR, "Status på rammeaftalen\nSe oplægget.")
    h.driver.message_shortcut(user, "propose_from_message", CHANNEL, source)
    opened = h.wait_for(lambda: h.fake.views(user=user, kind="open")[before:])
    view = opened[0]["view"]
    assert view["callback_id"] == "proposal_modal"
    assert "meeting" in {b.get("block_id") for b in view["blocks"]}
    return str(opened[0]["view_id"])


def test_submission_naming_a_gone_meeting_errors_on_its_block(harness: BotHarness) -> None:
    h = harness
    group_id = h.add_group(chair=CHAIR)
    meeting_id = add_meeting(h, group_id)
    view_id = open_proposal_modal(h, PIA)
    remove_meeting(h, meeting_id)
    response = h.driver.view_submission(
        PIA, "proposal_modal", _proposal(meeting_id), view_id=view_id
    )
    answer = response.json()
    assert answer["response_action"] == "errors"
    assert GONE_DA in answer["errors"]["meeting"]
    assert not items(h)


def test_submission_delivered_twice_proposes_once(harness: BotHarness) -> None:
    h = harness
    group_id = h.add_group(chair=CHAIR)
    meeting_id = add_meeting(h, group_id)
    meta = json.dumps({"via": "modal", "meeting": meeting_id})
    response = h.driver.view_submission(
        PIA, "proposal_modal", _proposal(meeting_id), private_metadata=meta, view_id="VPROP1"
    )
    assert response.status == 200 and not response.body.strip(b"{}")
    h.wait_for(lambda: items(h))
    h.settle()
    resend(h)
    h.settle()
    assert items(h) == [("Status på rammeaftalen", "proposed")]


# --------------------------------------------------------------------- a message shortcut


def test_message_shortcut_then_gone_meeting_answers_stale(harness: BotHarness) -> None:
    h = harness
    group_id = h.add_group(chair=CHAIR)
    meeting_id = add_meeting(h, group_id)
    message = {"type": "message", "user": PIA, "ts": "1700000000.000100", "text": "Budget 2027"}
    h.driver.message_shortcut(PIA, "propose_from_message", CHANNEL, message)
    opened = h.wait_for(lambda: h.fake.views(user=PIA, kind="open"))
    assert opened[-1]["view"]["callback_id"] == "proposal_modal"
    remove_meeting(h, meeting_id)
    answer = h.driver.view_submission(PIA, "proposal_modal", _proposal(meeting_id)).json()
    assert GONE_DA in answer["errors"]["meeting"]


def test_message_shortcut_delivered_twice_opens_one_modal(harness: BotHarness) -> None:
    h = harness
    group_id = h.add_group(chair=CHAIR)
    add_meeting(h, group_id)
    h.settle()
    before = len(h.responses())
    message = {"type": "message", "user": PIA, "ts": "1700000000.000200", "text": "Budget 2027"}
    h.driver.message_shortcut(PIA, "propose_from_message", CHANNEL, message)
    h.wait_for(lambda: h.fake.calls("views.open"))
    h.settle()
    resend(h)
    h.settle()
    assert len(h.fake.calls("views.open")) == 1
    assert len(h.responses()) == before and not dm_texts(h, PIA)  # no error for the retry


# --------------------------------------------------------------------- a global shortcut


def test_global_shortcut_then_gone_meeting_answers_stale(harness: BotHarness) -> None:
    h = harness
    group_id = h.add_group(chair=CHAIR)
    meeting_id = add_meeting(h, group_id)
    h.driver.global_shortcut(PIA, "propose_item")
    h.wait_for(lambda: h.fake.views(user=PIA, kind="open"))
    remove_meeting(h, meeting_id)
    answer = h.driver.view_submission(PIA, "proposal_modal", _proposal(meeting_id)).json()
    assert answer["response_action"] == "errors"
    assert GONE_DA in answer["errors"]["meeting"]


def test_global_shortcut_delivered_twice_opens_one_modal(harness: BotHarness) -> None:
    h = harness
    group_id = h.add_group(chair=CHAIR)
    add_meeting(h, group_id)
    h.driver.global_shortcut(PIA, "propose_item")
    h.wait_for(lambda: h.fake.calls("views.open"))
    h.settle()
    resend(h)
    h.settle()
    assert len(h.fake.calls("views.open")) == 1
    assert not dm_texts(h, PIA)


def test_the_stale_answer_in_english(harness: BotHarness) -> None:
    h = harness
    group_id = h.add_group(chair=CHAIR, language="en")
    meeting_id = add_meeting(h, group_id)
    remove_meeting(h, meeting_id)
    h.settle()
    before = len(h.responses())
    h.driver.block_action(CHAIR, "meeting_edit", str(meeting_id), channel=CHANNEL)
    [answer] = h.wait_for(lambda: h.responses()[before:])
    assert "no longer exists" in answer["text"]


@pytest.mark.postgres
def test_stale_and_retried_interactions_on_postgresql(pg_harness: BotHarness) -> None:
    h = pg_harness
    group_id = h.add_group(chair=CHAIR)
    meeting_id = add_meeting(h, group_id)
    meta = json.dumps({"via": "modal", "meeting": meeting_id})
    h.driver.view_submission(
        PIA, "proposal_modal", _proposal(meeting_id), private_metadata=meta, view_id="VPG1"
    )
    h.wait_for(lambda: items(h))
    resend(h)
    h.settle()
    assert items(h) == [("Status på rammeaftalen", "proposed")]
    gone = add_meeting(h, group_id, MARCH + timedelta(days=7))
    view_id = open_proposal_modal(h, PIA)
    remove_meeting(h, gone)
    answer = h.driver.view_submission(
        PIA, "proposal_modal", _proposal(gone), view_id=view_id
    ).json()
    assert GONE_DA in answer["errors"]["meeting"]


def test_an_error_for_a_block_the_modal_lacks_goes_on_its_first_input() -> None:
    from handlers.interactions import _on_input

    body = {
        "type": "view_submission",
        "user": {"id": PIA},
        "view": {
            "id": "V1",
            "callback_id": "proposal_modal",
            "blocks": [
                {"type": "section", "block_id": "intro", "text": {"type": "mrkdwn", "text": "x"}},
                {"type": "input", "block_id": "title", "element": {"type": "plain_text_input"}},
                {"type": "input", "block_id": "kind", "element": {"type": "radio_buttons"}},
            ],
        },
    }
    ix = Interaction.parse(body)
    assert ix.input_blocks == ("title", "kind")
    # Slack refuses errors on a block that is not an input of the view.
    assert _on_input(ix, "meeting") == "title"
    assert _on_input(ix, "intro") == "title"
    assert _on_input(ix, "kind") == "kind"
