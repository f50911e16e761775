"""Referat approval through reactions, end to end through the fake Slack."""

from __future__ import annotations

import importlib.util
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from slack_sdk import WebClient
from sqlalchemy import select
from typer.testing import CliRunner

from bot.app import build_bot
from bot.archive import minutes_status
from bot.cli import app as cli
from bot.demo.fakeslack import SlackDriver
from handlers.http import SlackHTTPServer
from storage.models import (
    ApprovalVote,
    AuditEntry,
    Decision,
    Group,
    Meeting,
    Minutes,
    Objection,
)
from tests.conftest import BOT_TOKEN, SIGNING_SECRET, make_settings
from tests.harness import TEAM_ID, BotHarness, Person

CPH = ZoneInfo("Europe/Copenhagen")
CHANNEL = "C0GROUP"
SECRETARY, CHAIR, PIA, BO, MILLE = "U0SEK", "U0FMD", "U0PIA", "U0BO", "U0MIL"
MEMBERS = (SECRETARY, CHAIR, PIA, BO, MILLE)
POSTED = datetime(2026, 11, 14, 10, 0, tzinfo=CPH)
DEADLINE = datetime(2026, 11, 20, 23, 59, tzinfo=CPH)
REMINDER = datetime(2026, 11, 18, 9, 0, tzinfo=CPH)

MINUTES = """Styregruppen for Rammeaftale Sjælland

Referat Styregruppemøde

Dato: Fredag den 13. november 2026, kl. 12-15

Sted: Ringsted Kongrescenter, Nørretorv 55, Ringsted

Deltagere:

Navn\tTitel\tArbejdssted
Morten Bøgelund Andersen\tDirektør, formand\tGreve Kommune
Pia Bille\tSocialchef\tRegion Sjælland
Bo Gammelgaard\tCenterchef\tNæstved Kommune
Povl Skov\tChefkonsulent\tRammeaftalesekretariatet

Afbud:

Mille Schjoldan\tSocialchef\tKøge Kommune

Punkt 1. Godkendelse af dagsorden

Indstilling

Det indstilles, at styregruppen godkender dagsordenen.

Beslutning

Styregruppen godkendte dagsordenen.

Punkt 2. Økonomimodel Sjælland

Indstilling

Det indstilles, at styregruppen drøfter økonomimodellen.

Beslutning

- Styregruppen tiltrådte økonomimodellen med de foreslåede justeringer.
- Sekretariatet udarbejder et notat om underskudsgarantien til næste møde.

Punkt 3. Rammeaftale 2027-28

Indstilling

Det indstilles, at styregruppen godkender tidsplanen.

Beslutning

- Tidsplanen blev godkendt.

Punkt 4. Evt.

Intet.
"""

REVISED = MINUTES.replace(
    "- Tidsplanen blev godkendt.",
    "- Tidsplanen blev godkendt med den ændring, at høringen flyttes til marts.",
)


# ---------------------------------------------------------------------------- helpers


def setup(harness: BotHarness, **settings: Any) -> int:
    """Create the group (secretary Povl, chair Morten) and apply group settings."""
    group_id = harness.add_group(chair=CHAIR)
    if settings:
        with harness.services.uow() as session:
            group = session.get(Group, group_id)
            assert group is not None
            for name, value in settings.items():
                setattr(group, name, value)
    return group_id


def requests(harness: BotHarness) -> list[dict[str, Any]]:
    """Return the approval requests in the channel, oldest first."""
    found = []
    for message in harness.bot_messages(CHANNEL):
        if message.get("thread_ts") not in (None, message["ts"]):
            continue
        blocks = message.get("blocks") or []
        if blocks and blocks[0].get("type") == "header":
            header = blocks[0]["text"]["text"]
            if header.startswith(
                ("Referat til godkendelse", "Revideret referat", "Minutes for approval")
            ):
                found.append(message)
    return found


def live_line(harness: BotHarness, ts: str) -> str:
    """Return the live count line of a request as it stands in the fake Slack."""
    message = harness.fake.message(CHANNEL, ts)
    assert message is not None
    return str(message["blocks"][-1]["elements"][0]["text"])


def wait_line(harness: BotHarness, ts: str, text: str) -> str:
    """Wait until a request's live line contains a text."""
    return str(harness.wait_for(lambda: text in live_line(harness, ts) and live_line(harness, ts)))


def upload(
    harness: BotHarness,
    text: str = MINUTES,
    *,
    file_id: str = "F0REF1",
    user: str = SECRETARY,
    name: str = "referat-2026-11-13.txt",
) -> dict[str, Any]:
    """Put a file of minutes in the fake Slack, shared in the channel."""
    return harness.fake.add_file(
        file_id, name, text.encode(), "text/plain", user=user, channel=CHANNEL
    )


def post(
    harness: BotHarness,
    text: str = MINUTES,
    *,
    file_id: str = "F0REF1",
    at: datetime = POSTED,
    expect: int = 1,
    command: str = "<@UBOT> referat",
) -> dict[str, Any]:
    """Post minutes with `@referent referat` and a file; return the new request message."""
    harness.set_now(at)
    file = upload(harness, text, file_id=file_id)
    harness.driver.mention(SECRETARY, CHANNEL, command, files=[file])
    found = harness.wait_for(lambda: len(requests(harness)) >= expect and requests(harness))
    # The round commits first and its request is posted after; the reactions on it count
    # once the request's ts is recorded on the round.
    ts = found[-1]["ts"]
    harness.wait_for(lambda: any(m.message_ts == ts for m in minutes_rows(harness)))
    return dict(found[-1])


def react(harness: BotHarness, user: str, ts: str, name: str = "white_check_mark") -> Any:
    """Add a reaction (in the fake and as an event)."""
    return harness.driver.reaction_added(user, CHANNEL, ts, name)


def dms(harness: BotHarness, user: str) -> list[dict[str, Any]]:
    """Return what the bot sent a person by DM."""
    return harness.bot_messages(harness.fake.im_channel(user))


def minutes_rows(harness: BotHarness) -> list[Minutes]:
    """Return every version of the minutes, oldest first."""
    with harness.services.uow() as session:
        rows = list(session.scalars(select(Minutes).order_by(Minutes.id)))
        session.expunge_all()
        return rows


def votes(harness: BotHarness, minutes_id: int) -> dict[str, str]:
    """Return the stored votes of a version: member name → verdict."""
    from storage.models import Member

    with harness.services.uow() as session:
        rows = session.execute(
            select(Member.slack_user_id, ApprovalVote.verdict)
            .join(Member, Member.id == ApprovalVote.member_id)
            .where(ApprovalVote.minutes_id == minutes_id)
        ).all()
        return {str(user): str(verdict) for user, verdict in rows}


def audit_actions(harness: BotHarness, minutes_id: int) -> list[str]:
    """Return the audit trail of a version, as action names."""
    with harness.services.uow() as session:
        return [
            e.action
            for e in session.scalars(
                select(AuditEntry)
                .where(AuditEntry.subject_type == "minutes", AuditEntry.subject_id == minutes_id)
                .order_by(AuditEntry.id)
            )
        ]


def command(harness: BotHarness, user: str, text: str) -> str:
    """Run `/referent <text>` in the channel and return the answer's text."""
    before = len(harness.responses())
    harness.driver.command(user, text, channel=CHANNEL)
    answers = harness.wait_for(lambda: len(harness.responses()) > before and harness.responses())
    return str(answers[-1]["text"])


def status_text(harness: BotHarness, user: str = SECRETARY, text: str = "status") -> str:
    """Run `/referent status` and return the answer's text."""
    return command(harness, user, text)


def wait_votes(harness: BotHarness, minutes_id: int, count: int) -> dict[str, str]:
    """Wait until a version has a number of votes."""
    return dict(
        harness.wait_for(
            lambda: (
                (len(votes(harness, minutes_id)) == count and votes(harness, minutes_id)) or None
            )
        )
        or {}
    )


# ---------------------------------------------------------------------------- scenarios


def test_a_full_round_post_react_object_revise_approve(harness: BotHarness) -> None:
    full_round(harness)


def test_a_full_round_on_postgresql(pg_harness: BotHarness) -> None:
    full_round(pg_harness)


def full_round(harness: BotHarness) -> None:
    """Post → reactions → objection → revision → approvals → deadline → approved."""
    setup(harness)
    first = post(harness)
    blocks_text = json.dumps(first["blocks"], ensure_ascii=False)
    assert "Referat til godkendelse: Styregruppen, mødet 13. november 2026" in blocks_text
    assert "Deltagere:* Morten Bøgelund Andersen, Pia Bille" in blocks_text
    assert "*Afbud:* Mille Schjoldan" in blocks_text
    assert "Økonomimodel Sjælland" in blocks_text and "Tidsplanen blev godkendt." in blocks_text
    assert f"<!date^{int(DEADLINE.timestamp())}^" in blocks_text
    assert "ugedagen efter mødet" in blocks_text
    assert "files/U0SEK/F0REF1" in blocks_text
    assert live_line(harness, first["ts"]) == "0 af 5 har godkendt · 5 mangler"
    [v1] = minutes_rows(harness)
    with harness.services.uow() as session:
        meeting = session.get(Meeting, v1.meeting_id)
        assert meeting is not None
        assert minutes_status(session, meeting) == "awaiting_approval"

    # Two approvals, one with a skin tone.
    harness.set_now(POSTED + timedelta(hours=2))
    react(harness, PIA, first["ts"])
    react(harness, BO, first["ts"], "+1::skin-tone-2")
    wait_line(harness, first["ts"], "2 af 5 har godkendt")

    # An objection in the thread goes to the secretary and shows on the line.
    harness.driver.message(
        MILLE,
        CHANNEL,
        "Indsigelse: punkt 3 – høringen blev flyttet til marts",
        thread_ts=first["ts"],
    )
    wait_line(harness, first["ts"], "1 indsigelse")
    dm = harness.wait_for(lambda: dms(harness, SECRETARY))
    assert "Mille Schjoldan" in dm[-1]["text"] and "høringen blev flyttet" in dm[-1]["text"]
    assert harness.fake.ephemerals(CHANNEL, MILLE)

    # The secretary posts a revision: votes reset, new deadline, what changed.
    revised_at = datetime(2026, 11, 16, 9, 0, tzinfo=CPH)
    second = post(harness, REVISED, file_id="F0REF2", at=revised_at, expect=2)
    text = json.dumps(second["blocks"], ensure_ascii=False)
    assert "Revideret referat (version 2)" in text
    assert "Ændret i forhold til version 1" in text
    assert "høringen flyttes til marts" in text
    assert live_line(harness, second["ts"]) == "0 af 5 har godkendt · 5 mangler"
    wait_line(harness, first["ts"], "Erstattet af version 2")
    harness.wait_for(
        lambda: any(
            "version 2" in m["text"] for m in harness.bot_messages(CHANNEL, first["ts"])[1:]
        )
    )
    v1, v2 = minutes_rows(harness)
    assert (v1.status, v2.status, v2.version) == ("superseded", "open", 2)
    assert v2.deadline_at == datetime(2026, 11, 23, 23, 59, tzinfo=CPH)
    with harness.services.uow() as session:
        old = session.scalars(select(Objection).where(Objection.minutes_id == v1.id)).one()
        assert old.status == "revised"

    # A reaction on the old version no longer counts.
    react(harness, CHAIR, first["ts"])
    harness.wait_for(
        lambda: any("version 2" in e["text"] for e in harness.fake.ephemerals(CHANNEL, CHAIR))
    )
    assert votes(harness, v1.id).get(CHAIR) is None

    for user in (PIA, BO, MILLE):
        react(harness, user, second["ts"])
    wait_line(harness, second["ts"], "3 af 5 har godkendt")

    # The deadline passes: approved, two tacitly.
    report = harness.tick(datetime(2026, 11, 24, 0, 5, tzinfo=CPH))
    assert "approval.deadline" in report.ran
    harness.wait_for(lambda: minutes_rows(harness)[1].status == "approved")
    headline = "Referatet fra mødet 13. november 2026 er godkendt: 3 godkendte, 2 stiltiende."
    channel_posts = harness.wait_for(
        lambda: [m for m in harness.bot_messages(CHANNEL) if headline in m["text"]]
    )
    assert any(m.get("thread_ts") == second["ts"] for m in channel_posts)
    assert any("thread_ts" not in m for m in channel_posts)
    thread = [m["text"] for m in harness.bot_messages(CHANNEL, second["ts"])]
    assert any("Stiltiende godkendt" in t and "Povl Skov" in t for t in thread)
    wait_line(harness, second["ts"], "Godkendt")
    with harness.services.uow() as session:
        meeting = session.get(Meeting, v2.meeting_id)
        assert meeting is not None
        assert minutes_status(session, meeting) == "approved"
        decisions = session.scalars(select(Decision)).all()
        assert decisions and all(d.approved for d in decisions)
        assert any("marts" in d.text for d in decisions)
    assert audit_actions(harness, v1.id)[:1] == ["approval.posted"]
    trail = audit_actions(harness, v2.id)
    assert trail[0] == "approval.posted" and trail[-1] == "approval.approved"
    assert trail.count("approval.vote") == 3
    # The approved decisions' action items are offered to the secretary (issue 7).
    if importlib.util.find_spec("bot.tasks") is not None:
        from storage.models import ActionItem

        def candidates() -> int:
            with harness.services.uow() as session:
                rows = session.scalars(
                    select(ActionItem).where(ActionItem.meeting_id == v2.meeting_id)
                ).all()
                return len(rows)

        harness.wait_for(lambda: candidates() > 0)


def test_removed_non_member_skin_tone_and_duplicate_reactions(harness: BotHarness) -> None:
    setup(harness)
    harness.add_person(Person("U0OUT", "Olga Udenfor", "Konsulent", "KL"))
    harness.fake.add_member(CHANNEL, "U0OUT")  # in the channel, not in the group
    request = post(harness)
    ts = request["ts"]
    [minutes] = minutes_rows(harness)

    react(harness, PIA, ts, "+1::skin-tone-2")
    wait_line(harness, ts, "1 af 5 har godkendt")

    # Someone outside the group: told privately, not counted.
    react(harness, "U0OUT", ts)
    note = harness.wait_for(lambda: harness.fake.ephemerals(CHANNEL, "U0OUT"))
    assert "kun medlemmer af *Styregruppen*" in note[-1]["text"]
    harness.settle()
    assert votes(harness, minutes.id) == {PIA: "approve"}

    # A retried event (same event_id) after the reaction was removed adds nothing.
    added = react(harness, BO, ts)
    added_event = harness.driver.sent[-1].payload["event"]
    wait_line(harness, ts, "2 af 5 har godkendt")
    harness.driver.reaction_removed(BO, CHANNEL, ts, "white_check_mark")
    wait_line(harness, ts, "1 af 5 har godkendt")
    retry = harness.driver.event(added_event, event_id=added.event_id, retry_num=1)
    assert retry.status == 200
    harness.settle()
    assert votes(harness, minutes.id) == {PIA: "approve"}
    assert live_line(harness, ts).startswith("1 af 5 har godkendt")

    # Removing one of two approving reactions keeps the vote; removing the last drops it.
    react(harness, PIA, ts, "heavy_check_mark")
    harness.driver.reaction_removed(PIA, CHANNEL, ts, "+1::skin-tone-2")
    harness.settle()
    assert votes(harness, minutes.id) == {PIA: "approve"}

    # An objection by reaction, taken back.
    react(harness, MILLE, ts, "x")
    wait_line(harness, ts, "1 indsigelse")
    harness.driver.reaction_removed(MILLE, CHANNEL, ts, "x")
    harness.wait_for(lambda: "indsigelse" not in live_line(harness, ts))
    assert votes(harness, minutes.id) == {PIA: "approve"}
    assert "trukket tilbage" in status_text(harness)
    # Reactions that mean nothing are left alone.
    react(harness, BO, ts, "tada")
    harness.settle()
    assert votes(harness, minutes.id) == {PIA: "approve"}


def test_tacit_objection_stalls_until_handled_with_the_dm_button(harness: BotHarness) -> None:
    setup(harness)
    request = post(harness)
    ts = request["ts"]
    react(harness, PIA, ts)
    react(harness, BO, ts, "x")
    wait_line(harness, ts, "1 indsigelse")
    dm = harness.wait_for(
        lambda: [m for m in dms(harness, SECRETARY) if "reagerede med :x:" in m["text"]]
    )[-1]

    harness.tick(DEADLINE + timedelta(minutes=5))
    [minutes] = minutes_rows(harness)
    assert minutes.status == "stalled"
    stalled = harness.wait_for(
        lambda: [m for m in dms(harness, SECRETARY) if "udløbet uden godkendelse" in m["text"]]
    )
    assert "Bo Gammelgaard" in stalled[-1]["text"]
    assert any("udløbet" in m["text"] for m in harness.bot_messages(CHANNEL, ts)[1:])
    wait_line(harness, ts, "Fristen er udløbet uden godkendelse")
    # A second tick changes nothing.
    harness.tick(DEADLINE + timedelta(minutes=10))
    assert len([m for m in dms(harness, SECRETARY) if "udløbet" in m["text"]]) == 1

    # Only an officer may handle it.
    button = dm["blocks"][1]["elements"][0]
    im = harness.fake.im_channel(SECRETARY)
    harness.driver.block_action(
        SECRETARY, button["action_id"], button["value"], channel=im, message_ts=dm["ts"]
    )
    view = harness.wait_for(
        lambda: [
            v
            for v in harness.fake.views(user=SECRETARY)
            if v["view"].get("callback_id") == "approval_handle_submit"
        ]
    )
    assert "Bo Gammelgaard" in json.dumps(view[-1]["view"], ensure_ascii=False)
    harness.driver.view_submission(
        SECRETARY,
        "approval_handle_submit",
        {"note": {"value": {"type": "plain_text_input", "value": "Punkt 2 står som besluttet."}}},
    )
    harness.wait_for(lambda: minutes_rows(harness)[0].status == "approved")
    thread = harness.wait_for(
        lambda: [
            m["text"] for m in harness.bot_messages(CHANNEL, ts) if "behandlet af" in m["text"]
        ]
    )
    assert (
        "<@U0BO>" in thread[0]
        and "Povl Skov" in thread[0]
        and "Punkt 2 står som besluttet." in thread[0]
    )
    harness.wait_for(
        lambda: [
            m
            for m in harness.bot_messages(CHANNEL)
            if "er godkendt: 1 godkendte, 3 stiltiende" in m["text"]
        ]
    )
    harness.wait_for(
        lambda: (
            "referatet er nu godkendt"
            in str((harness.fake.message(im, dm["ts"]) or {}).get("text"))
        )
    )
    with harness.services.uow() as session:
        objection = session.scalars(select(Objection)).one()
        assert (objection.status, objection.resolution_note, objection.resolved_by) == (
            "handled",
            "Punkt 2 står som besluttet.",
            SECRETARY,
        )


def test_thread_objections_the_handled_command_and_permissions(harness: BotHarness) -> None:
    setup(harness)
    harness.add_person(Person("U0OUT", "Olga Udenfor"))
    harness.fake.add_member(CHANNEL, "U0OUT")
    # A member may not post the minutes.
    assert "sende referatet til godkendelse" in command(harness, PIA, "referat")
    request = post(harness)
    ts = request["ts"]

    harness.driver.message("U0OUT", CHANNEL, "Indsigelse: jeg var der også", thread_ts=ts)
    harness.wait_for(lambda: harness.fake.ephemerals(CHANNEL, "U0OUT"))
    harness.driver.message(PIA, CHANNEL, "Tak for et fint referat", thread_ts=ts)
    harness.driver.message(PIA, CHANNEL, "Bemærkning: mit navn er stavet forkert", thread_ts=ts)
    wait_line(harness, ts, "1 indsigelse")
    # An objection deleted by its author is withdrawn.
    bo = harness.driver.message(BO, CHANNEL, "indsigelse: punkt 2 mangler en dato", thread_ts=ts)
    wait_line(harness, ts, "2 indsigelser")
    assert bo.ts is not None
    harness.driver.message_deleted(CHANNEL, bo.ts)
    wait_line(harness, ts, "1 indsigelse")

    assert "referat behandlet Punkt 3" in command(harness, SECRETARY, "referat behandlet")
    refused = command(harness, PIA, "referat behandlet det er fint")
    assert "formand eller sekretær" in refused
    done = command(harness, SECRETARY, "referat behandlet Stavefejlen er rettet i arkivet.")
    assert done.startswith("Indsigelsen er markeret som behandlet")
    harness.wait_for(lambda: "indsigelse" not in live_line(harness, ts))
    assert "ingen åbne indsigelser" in command(harness, SECRETARY, "referat behandlet igen")
    status = status_text(harness)
    assert "Stavefejlen er rettet" in status and "trukket tilbage" in status
    harness.tick(DEADLINE + timedelta(minutes=1))
    assert minutes_rows(harness)[0].status == "approved"


def test_explicit_policy_stalls_names_the_missing_then_approves(harness: BotHarness) -> None:
    setup(harness, approval_policy="explicit")
    request = post(harness)
    ts = request["ts"]
    assert "når alle medlemmer har godkendt" in json.dumps(request["blocks"], ensure_ascii=False)
    react(harness, PIA, ts)
    react(harness, BO, ts)
    wait_line(harness, ts, "2 af 5 har godkendt")
    harness.tick(DEADLINE + timedelta(minutes=5))
    assert minutes_rows(harness)[0].status == "stalled"
    dm = harness.wait_for(
        lambda: [m for m in dms(harness, SECRETARY) if "udløbet uden godkendelse" in m["text"]]
    )[-1]["text"]
    assert "Mangler:" in dm
    for name in ("Mille Schjoldan", "Morten Bøgelund Andersen", "Povl Skov"):
        assert name in dm
    assert "Pia Bille" not in dm
    for user in (MILLE, CHAIR, SECRETARY):
        react(harness, user, ts)
    harness.wait_for(lambda: minutes_rows(harness)[0].status == "approved")
    harness.wait_for(
        lambda: [
            m
            for m in harness.bot_messages(CHANNEL)
            if "Referatet fra mødet 13. november 2026 er godkendt: 5 godkendte." in m["text"]
        ]
    )


def test_explicit_quorum_approves_at_once_in_english(harness: BotHarness) -> None:
    group_id = harness.add_group(chair=CHAIR, language="en")
    with harness.services.uow() as session:
        group = session.get(Group, group_id)
        assert group is not None
        group.approval_policy = "explicit"
        group.approval_quorum = 3
        group.approval_emojis = ["ok_hand"]
    request = post(harness)
    ts = request["ts"]
    text = json.dumps(request["blocks"], ensure_ascii=False)
    assert "Minutes for approval: Styregruppen, meeting 13 November 2026" in text
    assert "once 3 of 5 members have approved" in text and ":ok_hand:" in text
    react(harness, PIA, ts)  # white_check_mark is not this group's approval
    react(harness, PIA, ts, "ok_hand::skin-tone-3")
    react(harness, BO, ts, "ok_hand")
    wait_line(harness, ts, "2 of 5 have approved")
    react(harness, MILLE, ts, "ok_hand")
    harness.wait_for(lambda: minutes_rows(harness)[0].status == "approved")
    harness.wait_for(
        lambda: [
            m
            for m in harness.bot_messages(CHANNEL)
            if "The minutes of the meeting 13 November 2026 are approved: 3 approved." in m["text"]
        ]
    )


def test_justering_needs_the_chair_and_the_member_in_turn(harness: BotHarness) -> None:
    group_id = setup(harness, approval_policy="justering")
    request = post(harness)
    ts = request["ts"]
    text = json.dumps(request["blocks"], ensure_ascii=False)
    assert "justeres af Morten Bøgelund Andersen, Pia Bille" in text
    with harness.services.uow() as session:
        group = session.get(Group, group_id)
        assert group is not None and group.justering_next_index == 1
    react(harness, CHAIR, ts)
    react(harness, BO, ts)
    wait_line(harness, ts, "2 af 5 har godkendt")
    harness.tick(DEADLINE + timedelta(minutes=5))
    assert minutes_rows(harness)[0].status == "stalled"
    note = harness.wait_for(
        lambda: [m["text"] for m in harness.bot_messages(CHANNEL, ts) if "justeringen" in m["text"]]
    )
    assert "Pia Bille" in note[0] and "Morten" not in note[0]
    react(harness, PIA, ts)
    harness.wait_for(lambda: minutes_rows(harness)[0].status == "approved")
    harness.wait_for(
        lambda: [
            m
            for m in harness.bot_messages(CHANNEL)
            if "er godkendt: 3 godkendte, 2 stiltiende" in m["text"]
        ]
    )


def test_a_lost_reaction_event_is_repaired_before_settling(harness: BotHarness) -> None:
    setup(harness)
    request = post(harness)
    ts = request["ts"]
    react(harness, MILLE, ts)
    react(harness, CHAIR, ts)
    wait_line(harness, ts, "2 af 5 har godkendt")
    # Reactions whose events never arrived, and one taken back without an event.
    harness.fake.add_reaction(CHANNEL, ts, "white_check_mark", PIA)
    harness.fake.add_reaction(CHANNEL, ts, "+1::skin-tone-5", BO)
    harness.fake.remove_reaction(CHANNEL, ts, "white_check_mark", CHAIR)
    harness.tick(DEADLINE + timedelta(minutes=1))
    [minutes] = minutes_rows(harness)
    assert minutes.status == "approved"
    assert votes(harness, minutes.id) == {MILLE: "approve", PIA: "approve", BO: "approve"}
    assert harness.fake.call_count("reactions.get") >= 1
    harness.wait_for(
        lambda: [
            m
            for m in harness.bot_messages(CHANNEL)
            if "er godkendt: 3 godkendte, 2 stiltiende" in m["text"]
        ]
    )
    with harness.services.uow() as session:
        reconciled = [
            e.detail
            for e in session.scalars(select(AuditEntry).where(AuditEntry.action == "approval.vote"))
            if e.detail and e.detail.get("how") == "reconciled"
        ]
    assert len(reconciled) == 3


@contextmanager
def restarted(harness: BotHarness) -> Iterator[None]:
    """Stop the harness's bot and start a new one on the same database and fake Slack."""
    harness.server.stop()
    settings = make_settings(harness.bot.settings.db_url, harness.fake.base_url)
    client = WebClient(token=BOT_TOKEN, base_url=harness.fake.base_url)
    bot = build_bot(settings, clock=harness.clock, client=client)
    server = SlackHTTPServer(bot.app, host="127.0.0.1", port=0)
    server.start()
    harness.bot, harness.server = bot, server
    harness.driver = SlackDriver(server.url, SIGNING_SECRET, harness.fake, team_id=TEAM_ID)
    yield


def test_a_restart_in_the_middle_of_a_round(harness: BotHarness) -> None:
    setup(harness)
    request = post(harness)
    ts = request["ts"]
    react(harness, PIA, ts)
    wait_line(harness, ts, "1 af 5 har godkendt")
    harness.server.stop()
    # While the bot is down, a reaction arrives that nobody hears.
    harness.fake.add_reaction(CHANNEL, ts, "white_check_mark", MILLE)
    harness.set_now(DEADLINE + timedelta(hours=30))
    with restarted(harness):
        react(harness, BO, ts)
        wait_line(harness, ts, "2 af 5 har godkendt")
        # The deadline passed while the bot was down: the next tick settles it.
        report = harness.tick()
        assert "approval.deadline" in report.ran
        # The reminder that fell due meanwhile is not sent after the deadline.
        assert "approval.remind" in report.ran
        assert sum(_reminders(harness).values()) == 0
        [minutes] = minutes_rows(harness)
        assert minutes.status == "approved"
        harness.wait_for(
            lambda: [
                m
                for m in harness.bot_messages(CHANNEL)
                if "er godkendt: 3 godkendte, 2 stiltiende" in m["text"]
            ]
        )


def _reminders(harness: BotHarness) -> dict[str, int]:
    counts: dict[str, int] = {}
    for user in MEMBERS:
        counts[user] = len([m for m in dms(harness, user) if "Påmindelse" in m["text"]])
    return counts


def test_the_reminder_goes_once_to_those_who_have_not_answered(harness: BotHarness) -> None:
    setup(harness)
    request = post(harness)
    ts = request["ts"]
    react(harness, PIA, ts)
    harness.driver.message(BO, CHANNEL, "Indsigelse: punkt 2", thread_ts=ts)
    wait_line(harness, ts, "1 indsigelse")
    harness.tick(REMINDER - timedelta(minutes=1))
    assert sum(_reminders(harness).values()) == 0
    harness.tick(REMINDER + timedelta(minutes=1))
    harness.wait_for(lambda: sum(_reminders(harness).values()) == 3)
    harness.tick(REMINDER + timedelta(minutes=2))
    harness.tick(REMINDER + timedelta(hours=3))
    harness.settle()
    assert _reminders(harness) == {SECRETARY: 1, CHAIR: 1, PIA: 0, BO: 0, MILLE: 1}
    reminder = next(m for m in dms(harness, MILLE) if "Påmindelse" in m["text"])
    assert "stiltiende" in reminder["text"] and "Gå til referatet" in reminder["text"]


def test_two_racing_ticks_send_the_reminder_once(harness: BotHarness) -> None:
    racing_ticks(harness)


def test_two_racing_ticks_on_postgresql(pg_harness: BotHarness) -> None:
    racing_ticks(pg_harness)


def racing_ticks(harness: BotHarness) -> None:
    """Two threads tick at the same moment past the reminder: one DM per member."""
    setup(harness)
    post(harness)
    at = REMINDER + timedelta(minutes=1)
    # One clock for the ticks and for the work they schedule to run at once (run_now
    # claims with the clock's time): with two clocks a lease would look expired.
    harness.set_now(at)
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def tick() -> None:
        try:
            barrier.wait()
            harness.bot.tick(at)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=tick) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not errors
    harness.wait_for(lambda: sum(_reminders(harness).values()) == 5, timeout=30)
    harness.tick(at + timedelta(minutes=1))
    harness.settle()
    assert _reminders(harness) == dict.fromkeys(MEMBERS, 1)


def test_slash_command_then_upload_and_the_window_lapses(harness: BotHarness) -> None:
    setup(harness)
    harness.set_now(POSTED)
    assert "inden for 30 minutter" in command(harness, SECRETARY, "referat 13/11")
    assert "ikke holdt endnu" in command(harness, SECRETARY, "referat 30/11-2026")
    # Someone else's file is not taken.
    other = upload(harness, file_id="F0PIA", user=PIA, name="billede.txt")
    harness.driver.message(PIA, CHANNEL, "", files=[other])
    harness.settle()
    assert requests(harness) == []
    harness.set_now(POSTED + timedelta(minutes=10))
    file = upload(harness)
    harness.driver.message(SECRETARY, CHANNEL, "Her er referatet", files=[file])
    harness.wait_for(lambda: requests(harness))
    # The expectation is used up: the next file is just a file.
    again = upload(harness, REVISED, file_id="F0REF9")
    harness.driver.message(SECRETARY, CHANNEL, "", files=[again])
    harness.settle()
    assert len(requests(harness)) == 1
    # A lapsed expectation takes nothing either.
    harness.driver.command(SECRETARY, "referat", channel=CHANNEL)
    harness.set_now(POSTED + timedelta(minutes=50))
    late = upload(harness, REVISED, file_id="F0REF8")
    harness.driver.message(SECRETARY, CHANNEL, "", files=[late])
    harness.settle()
    assert len(requests(harness)) == 1
    # A wrong date is refused with an example.
    harness.driver.mention(
        SECRETARY,
        CHANNEL,
        "<@UBOT> referat 12/11",
        files=[upload(harness, REVISED, file_id="F0REF7")],
    )
    refused = harness.wait_for(
        lambda: [
            e
            for e in harness.fake.ephemerals(CHANNEL, SECRETARY)
            if "13. november 2026" in e["text"] and "12. november" in e["text"]
        ]
    )
    assert refused
    # The same file twice is not a new version.
    harness.driver.mention(
        SECRETARY, CHANNEL, "<@UBOT> referat", files=[upload(harness, file_id="F0REF6")]
    )
    harness.wait_for(
        lambda: [
            e
            for e in harness.fake.ephemerals(CHANNEL, SECRETARY)
            if "identisk med version 1" in e["text"]
        ]
    )


def test_draft_from_the_agenda_and_decisions(harness: BotHarness) -> None:
    from storage.models import AgendaItem

    group_id = setup(harness)
    harness.set_now(POSTED)
    with harness.services.uow() as session:
        meeting = Meeting(
            group_id=group_id,
            starts_at=datetime(2026, 11, 13, 12, 0, tzinfo=CPH),
            ends_at=datetime(2026, 11, 13, 15, 0, tzinfo=CPH),
            location="Ringsted",
            status="held",
            created_at=POSTED,
        )
        session.add(meeting)
        session.flush()
        item = AgendaItem(
            meeting_id=meeting.id,
            number="2",
            position=2,
            title="Økonomimodel Sjælland",
            kind="decision",
            status="accepted",
            recommendation="Det indstilles, at modellen godkendes.",
            created_at=POSTED,
            updated_at=POSTED,
        )
        session.add(item)
        session.flush()
        session.add(
            Decision(item_id=item.id, position=0, text="Modellen blev godkendt.", created_at=POSTED)
        )
    harness.driver.command(SECRETARY, "referat 13/11 udkast", channel=CHANNEL)
    request = harness.wait_for(lambda: requests(harness))[-1]
    text = json.dumps(request["blocks"], ensure_ascii=False)
    assert "Økonomimodel Sjælland" in text and "Modellen blev godkendt." in text
    assert "ligger i tråden" in text
    files = harness.wait_for(
        lambda: [m for m in harness.bot_messages(CHANNEL, request["ts"]) if m.get("files")]
    )
    content = harness.fake.file_content(files[0]["files"][0]["id"])
    assert content is not None and "Modellen blev godkendt." in content.decode()
    # The file's id is recorded once Slack has answered the upload (after the commit).
    file_id = files[0]["files"][0]["id"]
    harness.wait_for(lambda: minutes_rows(harness)[0].slack_file_id == file_id)
    harness.driver.command(SECRETARY, "referat 13/11 udkast", channel=CHANNEL)
    harness.wait_for(
        lambda: [r for r in harness.responses() if "identisk med version 1" in r["text"]]
    )


def test_status_cli_and_home_show_who_answered(harness: BotHarness) -> None:
    setup(harness)
    request = post(harness)
    ts = request["ts"]
    harness.set_now(POSTED + timedelta(hours=1))
    react(harness, PIA, ts)
    wait_line(harness, ts, "1 af 5 har godkendt")
    harness.driver.message(BO, CHANNEL, "Indsigelse: punkt 2 er ikke dækkende", thread_ts=ts)
    wait_line(harness, ts, "1 indsigelse")
    status = status_text(harness)
    assert "Godkendt af:* Pia Bille" in status
    assert "Bo Gammelgaard" in status and "punkt 2 er ikke dækkende" in status
    assert "Ikke svaret" in status and "Mille Schjoldan" in status
    mention = harness.driver.mention(CHAIR, CHANNEL, "<@UBOT> status 13/11")
    harness.wait_for(
        lambda: [m for m in harness.bot_messages(CHANNEL, mention.ts) if "Godkendt af" in m["text"]]
    )

    harness.driver.app_home_opened(MILLE)
    home = harness.wait_for(lambda: harness.fake.home(MILLE))
    assert "venter på dit svar" in json.dumps(home["blocks"], ensure_ascii=False)

    result = CliRunner().invoke(
        cli,
        ["approvals", "--meeting", "2026-11-13", "--json"],
        env={"DATABASE_URL": harness.bot.settings.db_url},
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    [version] = report["versions"]
    assert (report["meeting"]["date"], report["meeting"]["group"]) == (
        "2026-11-13",
        "Styregruppen",
    )
    assert [(v["member"], v["verdict"]) for v in version["votes"]] == [
        ("Pia Bille", "approve"),
        ("Bo Gammelgaard", "object"),
    ]
    assert version["objections"][0]["text"] == "punkt 2 er ikke dækkende"
    assert sorted(version["silent"]) == ["Mille Schjoldan", "Morten Bøgelund Andersen", "Povl Skov"]
    actions = [entry["action"] for entry in version["audit"]]
    assert actions[0] == "approval.posted" and "approval.objection" in actions
    plain = CliRunner().invoke(
        cli,
        ["approvals", "--meeting", "2026-11-13"],
        env={"DATABASE_URL": harness.bot.settings.db_url},
    )
    assert plain.exit_code == 0 and "Pia Bille" in plain.stdout
    missing = CliRunner().invoke(
        cli,
        ["approvals", "--meeting", "2026-11-12"],
        env={"DATABASE_URL": harness.bot.settings.db_url},
    )
    assert missing.exit_code == 1


def test_corpus_minutes_item_button_and_objection_by_mention(harness: BotHarness) -> None:
    from tests.conftest import CORPUS

    path = CORPUS / "sjaelland-2024-03-15-referat.txt"
    if not path.exists():  # pragma: no cover - the corpus lives beside the repository
        import pytest

        pytest.skip("../shared/corpus is not beside the repo")
    setup(harness)
    request = post(harness, path.read_text("utf-8"), at=datetime(2024, 3, 18, 9, 0, tzinfo=CPH))
    ts = request["ts"]
    text = json.dumps(request["blocks"], ensure_ascii=False)
    assert "mødet 15. marts 2024" in text and "Økonomimodel Sjælland" in text
    assert len(request["blocks"]) <= 50
    with_button = [b for b in request["blocks"] if b.get("accessory")]
    assert with_button, "long decisions are shortened behind a button"
    button = with_button[0]["accessory"]
    harness.driver.block_action(
        PIA, button["action_id"], button["value"], channel=CHANNEL, message_ts=ts
    )
    shown = harness.wait_for(
        lambda: [r for r in harness.fake.responses() if "version 1" in str(r["body"].get("text"))]
    )
    assert len(str(shown[-1]["body"]["text"])) > len(json.dumps(with_button[0]["text"]))

    mention = harness.driver.mention(
        BO, CHANNEL, "<@UBOT> indsigelse: punkt 3 gengiver ikke drøftelsen", thread_ts=ts
    )
    wait_line(harness, ts, "1 indsigelse")
    assert mention.status == 200
    with harness.services.uow() as session:
        objection = session.scalars(select(Objection)).one()
        assert objection.text == "punkt 3 gengiver ikke drøftelsen"
    harness.driver.mention(BO, CHANNEL, "<@UBOT> indsigelse: forkert sted")
    harness.wait_for(
        lambda: [e for e in harness.fake.ephemerals(CHANNEL, BO) if "svar i tråden" in e["text"]]
    )
