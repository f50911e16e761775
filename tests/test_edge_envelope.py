"""The rest of the edge in the one envelope: corrections, referat modals, understanding.

Through the real app over signed HTTP: a button or modal whose meeting has gone gets the
one "findes ikke længere" answer (privately, or on the modal's block), and a delivery
Slack sends twice has its effect once.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import delete, func, select

from bot.usecases.events import was_committed
from handlers.interactions import Interaction
from storage.models import AgendaItem, AuditEntry, Decision, Meeting
from tests.harness import BotHarness
from tests.layouts.corpus import DOCS
from tests.layouts.render import render

CHANNEL = "C0GROUP"
SECRETARY = "U0SEK"
GONE_DA = "findes ikke længere"
GONE_EN = "no longer exists"
BY_NAME = {d.name: d for d in DOCS}


def resend(h: BotHarness) -> Any:
    """Deliver the last interaction again, byte for byte (Slack's retry)."""
    last = h.driver.sent[-1]
    body = urlencode({"payload": json.dumps(last.payload)}).encode()
    response = h.driver.signed(body, "application/x-www-form-urlencoded")
    assert response.status == 200
    return response


def claimed(h: BotHarness) -> bool:
    """Tell whether the last interaction's one key is stored (its effect was committed)."""
    return was_committed(h.services, Interaction.parse(h.driver.sent[-1].payload).key)


def remove_meeting(h: BotHarness, meeting_id: int) -> None:
    """Delete a meeting behind a button's back (another officer, a clean-up)."""
    with h.services.uow() as session:
        item_ids = select(AgendaItem.id).where(AgendaItem.meeting_id == meeting_id)
        session.execute(delete(Decision).where(Decision.item_id.in_(item_ids)))
        session.execute(delete(AgendaItem).where(AgendaItem.meeting_id == meeting_id))
        session.execute(delete(Meeting).where(Meeting.id == meeting_id))


# --------------------------------------------------------------------- corrections


def imported_reply(h: BotHarness) -> tuple[dict[str, Any], str]:
    """Import a minutes document in the channel; return the reply and its button's value."""
    entry = BY_NAME["boligafdeling-ad.txt"]
    file = h.fake.add_file(
        "F0TXT", entry.name, render(entry.markup, entry.fmt), "text/plain", user=SECRETARY,
        channel=CHANNEL,
    )  # fmt: skip
    response = h.driver.mention(SECRETARY, CHANNEL, "<@UBOT> importer", files=[file])
    replies = h.wait_for(
        lambda: [
            m
            for m in h.bot_messages(CHANNEL, thread_ts=response.ts)
            if "baggrunden" not in str(m.get("text"))
        ],
        timeout=30,
    )
    reply = replies[0]
    [button] = [e for b in reply["blocks"] if b["type"] == "actions" for e in b["elements"]]
    return reply, str(button["value"])


def corrections_logged(h: BotHarness) -> int:
    with h.services.uow() as session:
        query = select(func.count()).where(AuditEntry.action == "archive.corrected")
        return int(session.scalar(query) or 0)


def open_correction(h: BotHarness, reply: dict[str, Any], value: str) -> str:
    """Open the correction modal the way the secretary does (its button); return its id."""
    before = len(h.fake.views(user=SECRETARY, kind="open"))
    h.driver.block_action(
        SECRETARY, "archive_correct", value, channel=CHANNEL, message_ts=reply["ts"]
    )
    opened = h.wait_for(lambda: h.fake.views(user=SECRETARY, kind="open")[before:])
    return str(opened[0]["view_id"])


def _date(day: str) -> dict[str, Any]:
    return {"date": {"date": {"type": "datepicker", "selected_date": day}}}


def test_correction_button_on_a_gone_meeting_answers_stale_once(harness: BotHarness) -> None:
    h = harness
    h.add_group()
    reply, value = imported_reply(h)
    remove_meeting(h, int(value))
    h.settle()
    before = len(h.responses())
    h.driver.block_action(
        SECRETARY, "archive_correct", value, channel=CHANNEL, message_ts=reply["ts"]
    )
    answers = h.wait_for(lambda: h.responses()[before:])
    h.settle()
    assert len(h.responses()) == before + 1
    assert GONE_DA in answers[0]["text"] and answers[0]["response_type"] == "ephemeral"
    assert not h.fake.views(user=SECRETARY, kind="open")


def test_correction_button_delivered_twice_opens_one_modal(harness: BotHarness) -> None:
    h = harness
    h.add_group()
    reply, value = imported_reply(h)
    h.settle()
    before = len(h.responses())
    h.driver.block_action(
        SECRETARY, "archive_correct", value, channel=CHANNEL, message_ts=reply["ts"]
    )
    h.wait_for(lambda: h.fake.views(user=SECRETARY, kind="open"))
    resend(h)
    h.settle()
    assert len(h.fake.views(user=SECRETARY, kind="open")) == 1
    assert len(h.responses()) == before  # the retry is silent


def test_correction_submitted_for_a_gone_meeting_errors_on_the_date(harness: BotHarness) -> None:
    h = harness
    h.add_group()
    reply, value = imported_reply(h)
    view_id = open_correction(h, reply, value)
    remove_meeting(h, int(value))
    response = h.driver.view_submission(
        SECRETARY, "archive_correct_submit", _date("2024-03-12"), view_id=view_id
    )
    answer = response.json()
    assert answer["response_action"] == "errors"
    assert GONE_DA in answer["errors"]["date"]
    assert corrections_logged(h) == 0


def test_title_without_an_item_points_at_the_item_block(harness: BotHarness) -> None:
    h = harness
    h.add_group()
    reply, value = imported_reply(h)
    view_id = open_correction(h, reply, value)
    state = {
        **_date("2024-03-12"),
        "title": {"title": {"type": "plain_text_input", "value": "Legeplads, ny titel"}},
    }
    response = h.driver.view_submission(SECRETARY, "archive_correct_submit", state, view_id=view_id)
    answer = response.json()
    assert answer["response_action"] == "errors" and list(answer["errors"]) == ["item"]
    assert corrections_logged(h) == 0


def test_correction_submitted_twice_is_applied_and_logged_once(harness: BotHarness) -> None:
    h = harness
    h.add_group()
    reply, value = imported_reply(h)
    view_id = open_correction(h, reply, value)
    with h.services.uow() as session:
        item_id = session.scalars(
            select(AgendaItem.id).where(AgendaItem.meeting_id == int(value))
        ).first()
    state = {
        **_date("2024-03-14"),
        "item": {"item": {"type": "static_select", "selected_option": {"value": str(item_id)}}},
        "decision": {"decision": {"type": "plain_text_input", "value": "Godkendt uden bemærkn."}},
    }
    response = h.driver.view_submission(SECRETARY, "archive_correct_submit", state, view_id=view_id)
    answer = response.json()
    assert answer["response_action"] == "update"
    assert "mødedato, beslutning" in json.dumps(answer, ensure_ascii=False)
    again = resend(h)
    assert not again.body.strip(b"{}")  # the retry closes the modal, nothing is done again
    assert corrections_logged(h) == 1
    with h.services.uow() as session:
        decisions = session.scalars(select(Decision.text).where(Decision.item_id == item_id))
        assert list(decisions) == ["Godkendt uden bemærkn."]


# --------------------------------------------------------------------- referat modals


def _referat_item(h: BotHarness) -> tuple[int, dict[str, Any]]:
    """A held meeting and the secretary's open modal for one of its items."""
    from tests.test_referat import open_item, open_overview, setup_meeting

    meeting_id = setup_meeting(h)
    open_overview(h)
    return meeting_id, open_item(h, SECRETARY, "Økonomimodel Sjælland")


def test_referat_item_saved_for_a_gone_meeting_errors_on_the_decision(
    harness: BotHarness,
) -> None:
    from tests.test_referat import decision_block, submit_item

    h = harness
    meeting_id, view = _referat_item(h)
    remove_meeting(h, meeting_id)
    answer = submit_item(h, SECRETARY, view, decision="Modellen blev godkendt").json()
    assert answer["response_action"] == "errors"
    assert list(answer["errors"]) == [decision_block(view)]
    assert GONE_DA in answer["errors"][decision_block(view)]


def test_referat_item_delivered_twice_is_saved_once_without_a_refusal(
    harness: BotHarness,
) -> None:
    from tests.test_referat import lines, submit_item

    h = harness
    _, view = _referat_item(h)
    first = submit_item(h, SECRETARY, view, decision="Styregruppen godkendte modellen")
    assert not first.body.strip(b"{}") and claimed(h)
    again = resend(h)
    assert not again.body.strip(b"{}")  # no "changed by someone else" on the retry
    assert lines(h, "2", "decision") == ["Styregruppen godkendte modellen"]


def open_attendance(h: BotHarness) -> str:
    """Open the referat's attendance modal as the secretary does; return its id."""
    from tests.test_referat import button_value, new_view, open_overview

    overview = open_overview(h)
    before = len(h.fake.views(user=SECRETARY))
    h.driver.block_action(
        SECRETARY,
        "referat_attendance",
        button_value(overview, "referat_attendance"),
        view=overview["id"],
    )
    return str(new_view(h, SECRETARY, before, "referat_attendance_submit")["id"])


def _attendance(h: BotHarness, view_id: str, guests: str) -> Any:
    came = {"came": {"value": {"type": "checkboxes", "selected_options": []}}}
    typed = {"guests": {"value": {"type": "plain_text_input", "value": guests}}}
    return h.driver.view_submission(
        SECRETARY, "referat_attendance_submit", {**came, **typed}, view_id=view_id
    )


def test_referat_attendance_for_a_gone_meeting_errors_on_the_guests(harness: BotHarness) -> None:
    from tests.test_referat import setup_meeting

    h = harness
    meeting_id = setup_meeting(h)
    view_id = open_attendance(h)
    remove_meeting(h, meeting_id)
    answer = _attendance(h, view_id, "Petrine Andersen, Region Sjælland").json()
    assert answer["response_action"] == "errors"
    assert GONE_DA in answer["errors"]["guests"]


def test_referat_attendance_delivered_twice_is_recorded_once(harness: BotHarness) -> None:
    from tests.test_referat import setup_meeting

    h = harness
    setup_meeting(h)
    first = _attendance(h, open_attendance(h), "Petrine Andersen, konsulent, Region Sj.")
    assert not first.body.strip(b"{}") and claimed(h)
    with h.services.uow() as session:
        count = select(func.count()).select_from(AuditEntry)
        before = session.scalar(count)
    again = resend(h)
    assert not again.body.strip(b"{}")
    with h.services.uow() as session:
        assert session.scalar(count) == before  # the retry wrote nothing


# --------------------------------------------------------------------- understanding choices


def _choice(h: BotHarness, handler: str, args: str = "", key: str = "k1") -> None:
    value = json.dumps({"h": handler, "a": args, "k": key})
    h.driver.block_action(
        SECRETARY, "understand_choice_0", value, channel=CHANNEL, message_ts="1.2"
    )


def test_choice_naming_a_handler_that_is_gone_answers_stale(harness: BotHarness) -> None:
    h = harness
    h.add_group()
    h.settle()
    before = len(h.responses())
    _choice(h, "opgave_gammel_knap", "noget")
    answers = h.wait_for(lambda: h.responses()[before:])
    h.settle()
    assert len(h.responses()) == before + 1
    assert GONE_DA in answers[0]["text"] and answers[0]["response_type"] == "ephemeral"


def test_read_only_choice_delivered_twice_answers_once(harness: BotHarness) -> None:
    h = harness
    h.add_group()
    h.settle()
    before = len(h.responses())
    _choice(h, "help")
    h.wait_for(lambda: h.responses()[before:])
    h.settle()
    answered = len(h.responses())
    resend(h)
    h.settle()
    assert len(h.responses()) == answered


# --------------------------------------------------------------------- PostgreSQL


def test_edge_retries_and_stale_references_on_postgresql(pg_harness: BotHarness) -> None:
    test_correction_submitted_twice_is_applied_and_logged_once(pg_harness)
    test_referat_attendance_delivered_twice_is_recorded_once(pg_harness)
    test_referat_attendance_for_a_gone_meeting_errors_on_the_guests(pg_harness)


def test_referat_item_refused_then_sent_again_is_answered_again(harness: BotHarness) -> None:
    """A refused save keeps no claim: the same form sent again is checked again, not dropped."""
    from tests.test_referat import FMD, lines, notice_ts, submit_item

    h = harness
    meeting_id, view = _referat_item(h)
    thread = notice_ts(h, meeting_id)
    h.driver.mention(FMD, CHANNEL, "<@UBOT> beslutning 2: Modellen blev vedtaget", thread_ts=thread)
    h.wait_for(lambda: lines(h, "2", "decision"))
    first = submit_item(h, SECRETARY, view, decision="Modellen blev godkendt")
    assert first.json()["response_action"] == "errors" and not claimed(h)
    again = resend(h)
    assert again.json()["response_action"] == "errors"  # not closed as if it were saved
    assert lines(h, "2", "decision") == ["Modellen blev vedtaget"]
