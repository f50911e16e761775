"""The pure rules of the approval round: emojis, deadlines, tallies, policies, diffs."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from slack_sdk.models.blocks import Block

from bot.domain.approval import (
    CurrentVote,
    EmojiRules,
    ItemSnapshot,
    RoundState,
    Snapshot,
    VoteChange,
    approval_deadline,
    choose_justering,
    counts,
    decide,
    diff_versions,
    is_weekday_after,
    normalise_emoji,
    objection_text,
    reconcile,
    reminder_at,
    required_signers,
    tally,
)
from bot.domain.enums import ApprovalPolicy, Role, Verdict
from bot.minutes_render import (
    DraftItem,
    DraftView,
    ObjectionLine,
    PersonLine,
    RoundView,
    count_line,
    draft_markdown,
    objection_dm,
    request_message,
    status_message,
)

CPH = ZoneInfo("Europe/Copenhagen")
UTC = ZoneInfo("UTC")


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("+1", "+1"),
        ("+1::skin-tone-2", "+1"),
        (":thumbsup:", "+1"),
        ("thumbsup::skin-tone-6", "+1"),
        ("White_Check_Mark", "white_check_mark"),
        ("x", "x"),
        ("heavy_multiplication_x", "x"),
    ],
)
def test_emoji_names_fold_skin_tones_and_aliases(raw: str, folded: str) -> None:
    assert normalise_emoji(raw) == folded


def test_default_and_configured_emoji_rules() -> None:
    rules = EmojiRules.for_group(None, None)
    assert rules.verdict("white_check_mark") == Verdict.APPROVE
    assert rules.verdict("heavy_check_mark") == Verdict.APPROVE
    assert rules.verdict("+1::skin-tone-4") == Verdict.APPROVE
    assert rules.verdict("x") == Verdict.OBJECT
    assert rules.verdict("tada") is None
    assert rules.shown(Verdict.APPROVE) == ["white_check_mark", "heavy_check_mark", "+1"]
    custom = EmojiRules.for_group(["ok_hand", "x"], ["no_entry"])
    assert custom.verdict("ok_hand") == Verdict.APPROVE
    assert custom.verdict("white_check_mark") is None
    assert custom.verdict("no_entry") == Verdict.OBJECT
    both = EmojiRules.for_group(["x"], ["x"])
    assert both.verdict("x") == Verdict.OBJECT


@pytest.mark.parametrize(
    ("text", "objection"),
    [
        ("Indsigelse: punkt 3 er forkert gengivet", "punkt 3 er forkert gengivet"),
        ("bemærkning - navnet er stavet forkert", "navnet er stavet forkert"),
        ("*Indsigelse*: se punkt 2", "se punkt 2"),
        ("Objection. Item 2 misses the deadline", "Item 2 misses the deadline"),
        ("<@U0BOT> indsigelse: punkt 4", "punkt 4"),
        ("Indsigelse", ""),
        ("Tak for referatet", None),
        ("indsigelsesfrist?", None),
        ("Jeg har en indsigelse", None),
    ],
)
def test_objection_replies_open_with_the_word(text: str, objection: str | None) -> None:
    assert objection_text(text) == objection


def test_who_counts() -> None:
    assert counts(Role.MEMBER, True)
    assert counts(Role.CHAIR, True)
    assert counts(Role.SECRETARY, True)
    assert not counts(Role.GUEST, True)
    assert not counts(Role.MEMBER, False)
    assert not counts(None, True)


def test_deadline_is_the_weekday_after_at_the_end_of_the_day() -> None:
    meeting = datetime(2024, 3, 15, 12, 0, tzinfo=CPH)
    posted = datetime(2024, 3, 18, 9, 30, tzinfo=CPH)
    deadline = approval_deadline(meeting, posted, 7, "Europe/Copenhagen")
    assert deadline == datetime(2024, 3, 22, 23, 59, tzinfo=CPH)
    assert is_weekday_after(meeting, deadline, "Europe/Copenhagen")
    # Minutes sent late still leave three days; the third is a Sunday, so Monday (issue 15).
    late = approval_deadline(
        meeting, datetime(2024, 3, 21, 8, 0, tzinfo=CPH), 7, "Europe/Copenhagen"
    )
    assert late == datetime(2024, 3, 25, 23, 59, tzinfo=CPH)
    # A revision runs its own week from the day it is posted.
    revised = approval_deadline(
        meeting, datetime(2024, 3, 20, 16, 0, tzinfo=CPH), 7, "Europe/Copenhagen", revision=True
    )
    assert revised == datetime(2024, 3, 27, 23, 59, tzinfo=CPH)
    # The group's zone decides the day, whatever zone "now" comes in.
    utc_posted = datetime(2024, 3, 15, 23, 30, tzinfo=UTC)  # already the 16th in Copenhagen
    assert approval_deadline(meeting, utc_posted, 7, "Europe/Copenhagen") == deadline


def test_reminder_goes_out_in_the_morning_and_not_when_too_late() -> None:
    deadline = datetime(2024, 3, 22, 23, 59, tzinfo=CPH)
    posted = datetime(2024, 3, 16, 9, 0, tzinfo=CPH)
    assert reminder_at(deadline, 2, posted, "Europe/Copenhagen") == datetime(
        2024, 3, 20, 9, 0, tzinfo=CPH
    )
    assert (
        reminder_at(deadline, 2, datetime(2024, 3, 20, 8, 0, tzinfo=CPH), "Europe/Copenhagen")
        is None
    )
    assert reminder_at(deadline, 0, posted, "Europe/Copenhagen") is None


def test_justering_rotates_and_skips_the_absent() -> None:
    assert choose_justering([3, 4, 5], [], 0) == (3, 1)
    assert choose_justering([3, 4, 5], [], 1) == (4, 2)
    assert choose_justering([3, 4, 5], [], 2) == (5, 0)
    assert choose_justering([3, 4, 5], [4], 1) == (5, 0)
    assert choose_justering([3, 4, 5], [3, 4, 5], 0) == (None, 0)
    assert choose_justering([], [], 4) == (None, 4)


def test_tally_counts_only_voters() -> None:
    counted = tally([1, 2, 3, 4], {1: Verdict.APPROVE, 2: Verdict.OBJECT, 9: Verdict.APPROVE}, 1)
    assert counted.approved == (1,)
    assert counted.objected == (2,)
    assert counted.missing == (3, 4)
    assert counted.total == 4


def test_tacit_approves_at_the_deadline_unless_an_objection_is_open() -> None:
    counted = tally([1, 2, 3], {1: Verdict.APPROVE}, 0)
    assert decide(ApprovalPolicy.TACIT, counted, deadline_passed=False).state == RoundState.OPEN
    outcome = decide(ApprovalPolicy.TACIT, counted, deadline_passed=True)
    assert outcome.state == RoundState.APPROVED
    assert outcome.tacit == (2, 3)
    blocked = tally([1, 2, 3], {1: Verdict.APPROVE, 2: Verdict.OBJECT}, 1)
    stalled = decide(ApprovalPolicy.TACIT, blocked, deadline_passed=True)
    assert stalled.state == RoundState.STALLED
    assert stalled.reasons == ("objections",)
    # A handled objection no longer blocks (the vote stays, the objection is closed).
    handled = tally([1, 2, 3], {1: Verdict.APPROVE, 2: Verdict.OBJECT}, 0)
    assert decide(ApprovalPolicy.TACIT, handled, deadline_passed=True).state == RoundState.APPROVED


def test_explicit_needs_everyone_or_the_quorum_at_any_time() -> None:
    two = tally([1, 2, 3], {1: Verdict.APPROVE, 2: Verdict.APPROVE}, 0)
    assert decide(ApprovalPolicy.EXPLICIT, two, deadline_passed=False).state == RoundState.OPEN
    stalled = decide(ApprovalPolicy.EXPLICIT, two, deadline_passed=True)
    assert stalled.state == RoundState.STALLED
    assert stalled.missing == (3,)
    assert stalled.reasons == ("missing",)
    assert (
        decide(ApprovalPolicy.EXPLICIT, two, deadline_passed=False, quorum=2).state
        == RoundState.APPROVED
    )
    blocked = tally([1, 2, 3], {1: Verdict.APPROVE, 2: Verdict.APPROVE, 3: Verdict.OBJECT}, 1)
    assert decide(ApprovalPolicy.EXPLICIT, blocked, deadline_passed=False, quorum=2).state == (
        RoundState.OPEN
    )


def test_justering_needs_the_chair_and_the_member_in_turn() -> None:
    signers = required_signers(ApprovalPolicy.JUSTERING, [1], 3)
    assert signers == (1, 3)
    assert required_signers(ApprovalPolicy.TACIT, [1], 3) == ()
    only_chair = tally([1, 2, 3, 4], {1: Verdict.APPROVE}, 0)
    outcome = decide(ApprovalPolicy.JUSTERING, only_chair, deadline_passed=True, signers=signers)
    assert outcome.state == RoundState.STALLED
    assert outcome.missing == (3,)
    both = tally([1, 2, 3, 4], {1: Verdict.APPROVE, 3: Verdict.APPROVE}, 0)
    early = decide(ApprovalPolicy.JUSTERING, both, deadline_passed=False, signers=signers)
    assert early.state == RoundState.OPEN
    done = decide(ApprovalPolicy.JUSTERING, both, deadline_passed=True, signers=signers)
    assert done.state == RoundState.APPROVED
    assert done.tacit == (2, 4)


def test_reconcile_adds_lost_votes_and_drops_vanished_ones_only_for_reactions() -> None:
    rules = EmojiRules.for_group(None, None)
    reactions = {"+1::skin-tone-3": ["U1"], "x": ["U2"], "white_check_mark": ["U2", "UX"]}
    member_of = {"U1": 1, "U2": 2, "U3": 3, "U4": 4}
    current = {
        3: CurrentVote(Verdict.APPROVE, "white_check_mark"),  # reaction gone
        4: CurrentVote(Verdict.OBJECT, None),  # objection written in the thread
    }
    changes = reconcile(reactions, rules, member_of, current)
    assert changes == [
        VoteChange(1, Verdict.APPROVE, "+1"),
        VoteChange(2, Verdict.OBJECT, "x"),
        VoteChange(3, None),
    ]
    assert reconcile(reactions, rules, member_of, {1: CurrentVote(Verdict.APPROVE, "+1")})[
        0
    ] == VoteChange(2, Verdict.OBJECT, "x")


def test_diff_names_changed_added_and_removed_decisions() -> None:
    old = [
        ItemSnapshot("1", "Godkendelse af dagsorden", ("Godkendt.",)),
        ItemSnapshot("2", "Økonomimodel", ("Tiltrådt.", "Notat til næste møde.")),
        ItemSnapshot("3", "Evt.", ()),
    ]
    new = [
        ItemSnapshot("1", "Godkendelse af dagsorden", ("Godkendt.",)),
        ItemSnapshot(
            "2",
            "Økonomimodel Sjælland",
            ("Tiltrådt med justeringer.", "Notat til næste møde.", "Region Sjælland deltager."),
        ),
        ItemSnapshot("4", "Næste møde", ()),
    ]
    kinds = [(c.kind, c.number) for c in diff_versions(old, new)]
    assert kinds == [
        ("retitled", "2"),
        ("decision_changed", "2"),
        ("decision_added", "2"),
        ("item_added", "4"),
        ("item_removed", "3"),
    ]
    changed = diff_versions(old, new)[1]
    assert (changed.old, changed.new) == ("Tiltrådt.", "Tiltrådt med justeringer.")
    assert diff_versions(old, old) == []


def test_snapshot_round_trips_through_json() -> None:
    snapshot = Snapshot(
        items=(ItemSnapshot("1", "A", ("x", "y")),),
        participants=("Pia",),
        guests=(),
        absent=("Bo",),
        item_ids={"1": 7},
    )
    assert Snapshot.from_json(snapshot.as_json()) == snapshot
    assert Snapshot.from_json(None) == Snapshot()


# ---------------------------------------------------------------------------- rendering


def _view(**overrides: object) -> RoundView:
    base: dict[str, object] = {
        "minutes_id": 1,
        "group_name": "Styregruppen <!channel>",
        "meeting_day": datetime(2024, 3, 15).date(),
        "meeting_start": datetime(2024, 3, 15, 12, 0, tzinfo=CPH),
        "version": 1,
        "status": "open",
        "policy": "tacit",
        "tz": "Europe/Copenhagen",
        "posted_at": datetime(2024, 3, 16, 9, 0, tzinfo=CPH),
        "deadline": datetime(2024, 3, 22, 23, 59, tzinfo=CPH),
        "settled_at": None,
        "snapshot": Snapshot(
            items=tuple(
                ItemSnapshot(str(n), f"Punkt {n}", tuple("Beslutning " * 40 for _ in range(4)))
                for n in range(1, 60)
            ),
            participants=("Pia Bille", "Bo <@U1>"),
            absent=("Mille Schjoldan",),
        ),
        "approve_emojis": ["white_check_mark", "+1"],
        "object_emojis": ["x"],
        "total": 9,
        "approved": [PersonLine(f"P{i}", datetime(2024, 3, 17, tzinfo=CPH)) for i in range(5)],
        "missing": [PersonLine(f"M{i}") for i in range(3)],
        "objections": [
            ObjectionLine(
                1, "Bo", datetime(2024, 3, 17, tzinfo=CPH), "Punkt 3 <!here>", None, "open"
            )
        ],
        "weekday_after": True,
    }
    base.update(overrides)
    return RoundView(**base)  # type: ignore[arg-type]


def test_count_line_reads_like_the_issue() -> None:
    assert count_line(_view(), "da") == "5 af 9 har godkendt · 1 indsigelse · 3 mangler"
    assert count_line(_view(objections=[]), "en") == "5 of 9 have approved · 3 not answered"


def test_request_message_is_valid_block_kit_within_limits_and_escaped() -> None:
    message = request_message(_view(), "da")
    assert message.blocks is not None
    assert len(message.blocks) <= 50
    for block in message.blocks:
        Block.parse(block).validate_json()  # type: ignore[union-attr]
    text = str([b for b in message.blocks if b["type"] != "header"]) + message.text
    assert "<!channel>" not in text and "<@U1>" not in text
    assert "ugedagen efter mødet" in text
    assert "<!date^" in text
    assert message.blocks[-1]["elements"][0]["text"].endswith("3 mangler")
    buttons = [b for b in message.blocks if b.get("accessory")]
    assert buttons and buttons[0]["accessory"]["value"] == "1:1"


def test_status_and_objection_messages_escape_user_text() -> None:
    view = _view()
    status = status_message(view, "en")
    assert "<!here>" not in status.text and "&lt;!here&gt;" in status.text
    dm = objection_dm(view, view.objections[0], "da")
    assert dm.blocks is not None
    assert dm.blocks[1]["elements"][0]["action_id"] == "approval_handle_objection"
    for block in [*(status.blocks or []), *dm.blocks]:
        Block.parse(block).validate_json()  # type: ignore[union-attr]


def test_draft_markdown_reads_back_as_minutes() -> None:
    from bot.ingest import parse_document

    text = draft_markdown(
        DraftView(
            group_name="Styregruppen",
            when="fredag 13. november 2026 kl. 12–15",
            place="Ringsted",
            attendance_text="Deltagere:\n\nNavn\tTitel\tArbejdssted\nPia Bille\tSocialchef\tRegion Sjælland\n\nAfbud:\n\nBo Gammelgaard\tCenterchef\tNæstved Kommune\n",
            items=(
                DraftItem("1", "Godkendelse af dagsorden", None, ("Dagsordenen blev godkendt.",)),
                DraftItem(
                    "2",
                    "Økonomimodel",
                    "Det indstilles, at modellen godkendes.",
                    ("Modellen blev godkendt.",),
                ),
            ),
        ),
        "da",
    )
    parsed = parse_document(text, filename="udkast.md")
    assert parsed.meeting_date.isoformat() == "2026-11-13"
    assert [i.decisions for i in parsed.items] == [
        ["Dagsordenen blev godkendt."],
        ["Modellen blev godkendt."],
    ]
