"""Replies in the approval thread, end to end through the real bot and the fake Slack.

Every reply of ``tests/data/approval_thread_replies.txt`` is written by a member in the
thread of a real round and checked on what was stored (vote, objection, question).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from storage.models import ApprovalReply, AuditEntry, Objection
from tests.approval_replies_data import replies
from tests.harness import BotHarness, Person
from tests.test_approval import (
    BO,
    CHAIR,
    CHANNEL,
    DEADLINE,
    MILLE,
    PIA,
    REMINDER,
    SECRETARY,
    command,
    dms,
    minutes_rows,
    post,
    react,
    setup,
    status_text,
    votes,
)

VOTERS = (PIA, BO, MILLE, CHAIR)


def reply_row(harness: BotHarness, ts: str) -> ApprovalReply | None:
    """Return the stored reply of a message, if any."""
    with harness.services.uow() as session:
        row = session.scalars(select(ApprovalReply).where(ApprovalReply.message_ts == ts)).first()
        if row is not None:
            session.expunge(row)
        return row


def open_objections(harness: BotHarness) -> list[tuple[str | None, str | None]]:
    """Return (message ts, text) of the open objections."""
    with harness.services.uow() as session:
        return [
            (o.message_ts, o.text)
            for o in session.scalars(select(Objection).where(Objection.status == "open"))
        ]


def write(harness: BotHarness, user: str, text: str, thread: str) -> str:
    """Write a reply in the thread and return its ts."""
    sent = harness.driver.message(user, CHANNEL, text, thread_ts=thread)
    assert sent.ts is not None
    return str(sent.ts)


def questions(harness: BotHarness, user: str) -> list[dict[str, Any]]:
    """Return the "Er det en indsigelse?" questions shown to a person (ephemeral)."""
    return [
        e
        for e in harness.fake.ephemerals(CHANNEL, user)
        if any(
            el.get("action_id") == "approval_reply_yes"
            for b in e.get("blocks") or []
            for el in b.get("elements") or []
        )
    ]


def button(message: dict[str, Any], action_id: str) -> dict[str, Any]:
    """Return a button of a message by its action id."""
    for block in message.get("blocks") or []:
        for element in block.get("elements") or []:
            if element.get("action_id") == action_id:
                return dict(element)
    raise AssertionError(f"no {action_id} in {message}")


def play(
    harness: BotHarness, thread: str, minutes_id: int, user: str, expected: str, text: str
) -> str:
    """Write one reply in a round, check what it recorded, delete it; return any mismatch."""
    asked_before = len(questions(harness, user))
    ts = write(harness, user, text, thread)
    row = harness.wait_for(lambda: reply_row(harness, ts))
    stored = votes(harness, minutes_id).get(user)
    objected = [t for m, t in open_objections(harness) if m == ts]
    if expected == "approve":
        ok = row.state == "counted" and stored == "approve" and not objected
    elif expected == "object":
        ok = row.state == "objected" and stored == "object" and len(objected) == 1
    else:
        ok = row.state == "asked" and stored is None and not objected
        ok = ok and bool(harness.wait_for(lambda: len(questions(harness, user)) > asked_before))
    # Deleting the reply withdraws whatever it recorded.
    harness.driver.message_deleted(CHANNEL, ts)
    harness.wait_for(lambda: (r := reply_row(harness, ts)) and r.state == "withdrawn")
    assert votes(harness, minutes_id).get(user) is None, text
    assert not [t for m, t in open_objections(harness) if m == ts], text
    return "" if ok else f"{expected}: {text!r} → {row.state}, vote {stored}, {objected}"


def test_every_reply_of_the_data_set_through_a_real_round(harness: BotHarness) -> None:
    setup(harness)
    thread = post(harness)["ts"]
    [minutes] = minutes_rows(harness)
    wrong = [
        play(harness, thread, minutes.id, VOTERS[index % len(VOTERS)], expected, text)
        for index, (expected, text) in enumerate(replies())
    ]
    assert not [w for w in wrong if w], "\n".join(w for w in wrong if w)
    # Every reply and every withdrawal is on record.
    with harness.services.uow() as session:
        actions = [e.action for e in session.scalars(select(AuditEntry))]
    assert actions.count("approval.reply") == len(replies())
    assert actions.count("approval.reply_withdrawn") == len(replies())


def test_the_question_with_both_buttons(harness: BotHarness) -> None:
    setup(harness)
    thread = post(harness)["ts"]
    [minutes] = minutes_rows(harness)
    pia = write(harness, PIA, "Tak for referatet, jeg vender tilbage", thread)
    bo = write(harness, BO, "Jeg har en kommentar til punkt 4 om tidsplanen", thread)
    [ask_pia] = harness.wait_for(lambda: questions(harness, PIA))
    [ask_bo] = harness.wait_for(lambda: questions(harness, BO))
    assert "Er det en indsigelse til referatet?" in ask_pia["text"]
    assert "Tak for referatet" in ask_pia["text"]
    labels = [
        button(ask_pia, a)["text"]["text"] for a in ("approval_reply_yes", "approval_reply_no")
    ]
    assert labels == ["Ja", "Nej"]

    # Only the author answers their question.
    no = button(ask_pia, "approval_reply_no")
    before = len(harness.responses())
    harness.driver.block_action(MILLE, no["action_id"], no["value"], channel=CHANNEL)
    answers = harness.wait_for(lambda: harness.responses()[before:])
    assert "kun vedkommende" in answers[-1]["text"]
    assert reply_row(harness, pia).state == "asked"  # type: ignore[union-attr]

    # [Nej]: nothing is recorded, and the member is told so.
    harness.driver.block_action(PIA, no["action_id"], no["value"], channel=CHANNEL)
    harness.wait_for(lambda: reply_row(harness, pia).state == "no")  # type: ignore[union-attr]
    answer = harness.wait_for(
        lambda: [r for r in harness.responses() if "ikke noteret som indsigelse" in r["text"]]
    )
    assert answer[-1].get("replace_original") is True
    assert votes(harness, minutes.id).get(PIA) is None

    # [Ja]: the objection is opened with the reply's text and the secretary hears of it.
    yes = button(ask_bo, "approval_reply_yes")
    harness.driver.block_action(BO, yes["action_id"], yes["value"], channel=CHANNEL)
    harness.wait_for(lambda: reply_row(harness, bo).state == "yes")  # type: ignore[union-attr]
    assert open_objections(harness) == [(bo, "Jeg har en kommentar til punkt 4 om tidsplanen")]
    assert votes(harness, minutes.id).get(BO) == "object"
    harness.wait_for(
        lambda: [m for m in dms(harness, SECRETARY) if "kommentar til punkt 4" in m["text"]]
    )
    harness.wait_for(
        lambda: [r for r in harness.responses() if "Noteret som indsigelse" in r["text"]]
    )
    # A second press (or a retried one) has no second effect.
    before = len(harness.responses())
    harness.driver.block_action(BO, yes["action_id"], yes["value"], channel=CHANNEL)
    answers = harness.wait_for(lambda: harness.responses()[before:])
    assert "allerede besvaret" in answers[-1]["text"]
    assert len(open_objections(harness)) == 1


def test_the_round_waits_at_the_deadline_for_an_open_question(harness: BotHarness) -> None:
    setup(harness)
    thread = post(harness)["ts"]
    [minutes] = minutes_rows(harness)
    react(harness, BO, thread)
    write(harness, MILLE, "godkendt fra min side", thread)
    pia = write(harness, PIA, "Jeg synes vi skal tale om punkt 3 igen", thread)
    harness.wait_for(lambda: questions(harness, PIA))
    harness.wait_for(lambda: len(votes(harness, minutes.id)) == 2)

    # The reminder asks Pia her question again, not to react.
    harness.tick(REMINDER + timedelta(minutes=1))
    again = harness.wait_for(
        lambda: [m for m in dms(harness, PIA) if "Er det en indsigelse" in m["text"]]
    )
    assert button(again[-1], "approval_reply_no")["value"] == str(reply_row(harness, pia).id)  # type: ignore[union-attr]
    harness.tick(DEADLINE + timedelta(minutes=5))
    assert minutes_rows(harness)[0].status == "stalled"
    # The member is asked again by DM, with the buttons; the secretary is told who.
    dm = harness.wait_for(
        lambda: [m for m in dms(harness, PIA) if "mangler dit svar" in m["text"]]
    )[-1]
    told = harness.wait_for(
        lambda: [
            m for m in dms(harness, SECRETARY) if "Pia Bille" in m["text"] and "svaret" in m["text"]
        ]
    )
    assert "referat behandlet" in told[-1]["text"]
    assert "Venter på svar: Pia Bille" in status_text(harness)
    harness.wait_for(
        lambda: [m for m in harness.bot_messages(CHANNEL, thread) if "venter på svar" in m["text"]]
    )
    harness.tick(DEADLINE + timedelta(minutes=10))
    assert minutes_rows(harness)[0].status == "stalled"
    assert len([m for m in dms(harness, PIA) if "mangler dit svar" in m["text"]]) == 1

    # [Nej] in the DM: nothing holds the round any more, so it is approved at once.
    no = button(dm, "approval_reply_no")
    im = harness.fake.im_channel(PIA)
    harness.driver.block_action(PIA, no["action_id"], no["value"], channel=im, message_ts=dm["ts"])
    harness.wait_for(lambda: minutes_rows(harness)[0].status == "approved")
    assert reply_row(harness, pia).state == "no"  # type: ignore[union-attr]
    assert votes(harness, minutes.id) == {BO: "approve", MILLE: "approve"}


def test_a_question_answered_yes_after_the_deadline_keeps_the_round_stalled(
    harness: BotHarness,
) -> None:
    setup(harness)
    thread = post(harness)["ts"]
    write(harness, BO, "hmm, punkt 2?", thread)
    [ask] = harness.wait_for(lambda: questions(harness, BO))
    harness.tick(DEADLINE + timedelta(minutes=1))
    assert minutes_rows(harness)[0].status == "stalled"
    yes = button(ask, "approval_reply_yes")
    harness.driver.block_action(BO, yes["action_id"], yes["value"], channel=CHANNEL)
    harness.wait_for(lambda: open_objections(harness))
    harness.settle()
    assert minutes_rows(harness)[0].status == "stalled"


def test_edits_deletions_secretary_non_members_and_retries(harness: BotHarness) -> None:
    setup(harness)
    harness.add_person(Person("U0OUT", "Olga Udenfor"))
    harness.fake.add_member(CHANNEL, "U0OUT")
    thread = post(harness)["ts"]
    [minutes] = minutes_rows(harness)

    # An edit re-reads the reply: approval → objection → approval again.
    pia = write(harness, PIA, "ser fint ud", thread)
    harness.wait_for(lambda: votes(harness, minutes.id).get(PIA) == "approve")
    harness.wait_for(
        lambda: [
            e
            for e in harness.fake.ephemerals(CHANNEL, PIA)
            if "godkendelse af referatet er noteret" in e["text"]
        ]
    )
    harness.driver.message_changed(PIA, CHANNEL, pia, "Rettelse: punkt 3 mangler datoen")
    harness.wait_for(lambda: votes(harness, minutes.id).get(PIA) == "object")
    assert open_objections(harness) == [(pia, "Rettelse: punkt 3 mangler datoen")]
    harness.driver.message_changed(PIA, CHANNEL, pia, "Rettelse: punkt 3 mangler datoen 13/11")
    harness.wait_for(
        lambda: open_objections(harness) == [(pia, "Rettelse: punkt 3 mangler datoen 13/11")]
    )
    harness.driver.message_changed(PIA, CHANNEL, pia, "nej undskyld, det står der jo. Godkendt")
    harness.wait_for(lambda: votes(harness, minutes.id).get(PIA) == "approve")
    assert open_objections(harness) == []

    # A reaction still approves after the written approval is deleted.
    react(harness, BO, thread)
    harness.wait_for(lambda: votes(harness, minutes.id).get(BO) == "approve")
    bo = write(harness, BO, "Godkendt 👍", thread)
    harness.wait_for(lambda: (r := reply_row(harness, bo)) and r.state == "counted")
    harness.driver.message_deleted(CHANNEL, bo)
    harness.wait_for(lambda: (r := reply_row(harness, bo)) and r.state == "withdrawn")
    assert votes(harness, minutes.id).get(BO) == "approve"

    # The secretary's answers in the thread are not votes against their own minutes.
    write(harness, SECRETARY, "Rettet, ny version kommer i morgen", thread)
    write(harness, SECRETARY, "Indsigelse: det er en fejl, at punkt 4 mangler", thread)
    # A non-member who means to vote is told politely; one who chats is left alone.
    write(harness, "U0OUT", "godkendt herfra", thread)
    write(harness, "U0OUT", "spændende læsning", thread)
    harness.wait_for(lambda: harness.fake.ephemerals(CHANNEL, "U0OUT"))
    harness.settle()
    assert len(harness.fake.ephemerals(CHANNEL, "U0OUT")) == 1
    assert "kun medlemmer" in harness.fake.ephemerals(CHANNEL, "U0OUT")[0]["text"]
    assert SECRETARY not in votes(harness, minutes.id)
    assert "U0OUT" not in votes(harness, minutes.id)
    assert open_objections(harness) == [] and not questions(harness, SECRETARY)

    # Their approval in words counts like anyone's.
    write(harness, SECRETARY, "Godkendt fra min side", thread)
    harness.wait_for(lambda: votes(harness, minutes.id).get(SECRETARY) == "approve")

    # A retried event has one effect.
    mille = harness.driver.message(MILLE, CHANNEL, "kan ikke godkende punkt 2", thread_ts=thread)
    harness.wait_for(lambda: len(open_objections(harness)) == 1)
    event = harness.driver.sent[-1].payload["event"]
    harness.driver.event(event, event_id=mille.event_id, retry_num=1)
    harness.driver.event(event, retry_num=2)
    harness.settle()
    assert len(open_objections(harness)) == 1
    with harness.services.uow() as session:
        rows = session.scalars(select(ApprovalReply).where(ApprovalReply.member_id.is_not(None)))
        assert len([r for r in rows if r.message_ts == mille.ts]) == 1

    # At the deadline the round stalls on Mille's objection, not on anything else.
    harness.tick(DEADLINE + timedelta(minutes=1))
    assert minutes_rows(harness)[0].status == "stalled"


def test_the_question_round_on_postgresql(pg_harness: BotHarness) -> None:
    test_the_round_waits_at_the_deadline_for_an_open_question(pg_harness)


def test_written_approvals_count_like_reactions(harness: BotHarness) -> None:
    """Under "explicit" written approvals reach the quorum and approve at once."""
    setup(harness, approval_policy="explicit", approval_quorum=3)
    thread = post(harness)["ts"]
    [minutes] = minutes_rows(harness)
    write(harness, PIA, "Godkendt fra Region Sjælland", thread)
    write(harness, BO, "ingen bemærkninger herfra", thread)
    harness.wait_for(lambda: len(votes(harness, minutes.id)) == 2)
    assert minutes_rows(harness)[0].status == "open"
    write(harness, CHAIR, "Ser fint ud", thread)
    harness.wait_for(lambda: minutes_rows(harness)[0].status == "approved")
    assert votes(harness, minutes.id) == {PIA: "approve", BO: "approve", CHAIR: "approve"}


def test_a_lost_objection_reaction_is_not_hidden_by_a_written_approval(
    harness: BotHarness,
) -> None:
    setup(harness)
    thread = post(harness)["ts"]
    [minutes] = minutes_rows(harness)
    write(harness, BO, "ser fint ud", thread)
    harness.wait_for(lambda: votes(harness, minutes.id).get(BO) == "approve")
    harness.fake.add_reaction(CHANNEL, thread, "x", BO)
    harness.tick(DEADLINE + timedelta(minutes=1))
    assert minutes_rows(harness)[0].status == "stalled"
    assert votes(harness, minutes.id) == {BO: "object"}


def test_an_approval_written_over_ones_own_objection_waits_for_it(harness: BotHarness) -> None:
    setup(harness)
    thread = post(harness)["ts"]
    [minutes] = minutes_rows(harness)
    objection = write(harness, BO, "Kan ikke godkende punkt 2 som det står", thread)
    harness.wait_for(lambda: votes(harness, minutes.id).get(BO) == "object")
    later = write(harness, BO, "godkendt", thread)
    harness.wait_for(lambda: (r := reply_row(harness, later)) and r.state == "held")
    harness.wait_for(
        lambda: [
            e
            for e in harness.fake.ephemerals(CHANNEL, BO)
            if "indsigelse står stadig åben" in e["text"]
        ]
    )
    assert votes(harness, minutes.id).get(BO) == "object"
    # Deleting the objection lets the later "godkendt" count.
    harness.driver.message_deleted(CHANNEL, objection)
    harness.wait_for(lambda: votes(harness, minutes.id).get(BO) == "approve")
    assert open_objections(harness) == []
    assert reply_row(harness, later).state == "counted"  # type: ignore[union-attr]


def test_answers_come_in_the_members_language(harness: BotHarness) -> None:
    setup(harness, language="en")
    thread = post(harness)["ts"]
    write(harness, PIA, "Looks good, approved", thread)
    write(harness, BO, "Will read it on the train", thread)
    harness.wait_for(
        lambda: [
            e
            for e in harness.fake.ephemerals(CHANNEL, PIA)
            if "your approval of the minutes is recorded" in e["text"]
        ]
    )
    [ask] = harness.wait_for(lambda: questions(harness, BO))
    assert ask["text"].startswith("Is this an objection to the minutes?")
    assert button(ask, "approval_reply_yes")["text"]["text"] == "Yes"
    assert button(ask, "approval_reply_no")["text"]["text"] == "No"


def test_the_secretary_may_close_an_unanswered_question(harness: BotHarness) -> None:
    setup(harness)
    thread = post(harness)["ts"]
    pia = write(harness, PIA, "Jeg vender tilbage om punkt 3", thread)
    harness.wait_for(lambda: questions(harness, PIA))
    harness.tick(DEADLINE + timedelta(minutes=1))
    assert minutes_rows(harness)[0].status == "stalled"
    done = command(
        harness, SECRETARY, "referat behandlet Talt med Pia i telefonen, ingen indsigelse"
    )
    assert done.startswith("Indsigelsen er markeret som behandlet")
    harness.wait_for(lambda: minutes_rows(harness)[0].status == "approved")
    assert reply_row(harness, pia).state == "closed"  # type: ignore[union-attr]
    with harness.services.uow() as session:
        closed = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "approval.question_closed")
        ).one()
        assert closed.detail["note"] == "Talt med Pia i telefonen, ingen indsigelse"


def test_edits_and_retries_on_postgresql(pg_harness: BotHarness) -> None:
    test_edits_deletions_secretary_non_members_and_retries(pg_harness)


def test_the_buttons_on_postgresql(pg_harness: BotHarness) -> None:
    test_the_question_with_both_buttons(pg_harness)


def test_a_file_shared_in_the_thread_is_read_by_its_name(harness: BotHarness) -> None:
    setup(harness)
    thread = post(harness)["ts"]
    notes = harness.fake.add_file("F0PIA", "noter-pia.pdf", b"%PDF", user=PIA, channel=CHANNEL)
    harness.driver.message(PIA, CHANNEL, "", thread_ts=thread, files=[notes])
    [ask] = harness.wait_for(lambda: questions(harness, PIA))
    assert "noter-pia.pdf" in ask["text"]
    marked = harness.fake.add_file(
        "F0BO", "referat-med-mine-rettelser.docx", b"PK", user=BO, channel=CHANNEL
    )
    bo = harness.driver.message(BO, CHANNEL, "", thread_ts=thread, files=[marked])
    harness.wait_for(lambda: open_objections(harness))
    assert open_objections(harness) == [(bo.ts, "[referat-med-mine-rettelser.docx]")]


def test_a_bare_yes_under_anothers_objection_is_asked_about(harness: BotHarness) -> None:
    setup(harness)
    thread = post(harness)["ts"]
    [minutes] = minutes_rows(harness)
    write(harness, BO, "Punkt 2 er forkert gengivet, vi besluttede intet", thread)
    harness.wait_for(lambda: open_objections(harness))
    mille = write(harness, MILLE, "Enig", thread)
    pia = write(harness, PIA, "👍", thread)
    harness.wait_for(lambda: questions(harness, MILLE) and questions(harness, PIA))
    assert reply_row(harness, mille).state == "asked"  # type: ignore[union-attr]
    assert reply_row(harness, pia).state == "asked"  # type: ignore[union-attr]
    assert votes(harness, minutes.id) == {BO: "object"}
    # Words of their own are read as usual.
    write(harness, CHAIR, "Godkendt fra min side", thread)
    harness.wait_for(lambda: votes(harness, minutes.id).get(CHAIR) == "approve")
