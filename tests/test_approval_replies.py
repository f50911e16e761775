"""The pure reader of approval-thread replies, over the data set and its hard cases."""

from __future__ import annotations

import pytest

from bot.domain.approval import RoundState, decide, tally
from bot.domain.approval_replies import ReplyKind, correct, fold, read_reply
from bot.domain.enums import Verdict
from tests.approval_replies_data import replies

DATA = replies()


def test_the_data_set_is_as_large_and_varied_as_promised() -> None:
    kinds = [kind for kind, _ in DATA]
    assert len(DATA) >= 60
    assert kinds.count("approve") >= 25
    assert kinds.count("object") >= 20
    assert kinds.count("unclear") >= 15
    english = [
        t
        for _, t in DATA
        if any(
            w in t.lower().split()
            for w in ("the", "to", "me", "my", "i", "by", "is", "from", "will", "no", "looks")
        )
    ]
    assert len(english) >= len(DATA) * 0.12
    assert sum(1 for _, t in DATA if not any(c in t for c in "æøåÆØÅ")) >= len(DATA) // 2


@pytest.mark.parametrize(("expected", "text"), DATA, ids=[t[:40] for _, t in DATA])
def test_every_reply_reads_as_expected(expected: str, text: str) -> None:
    assert read_reply(text).kind == ReplyKind(expected), read_reply(text)


@pytest.mark.parametrize(
    "text",
    [
        "Ingen bemærkninger",
        "ingen bemaerkninger fra mig",
        "Bemærkninger: ingen",
        "Ingen bemrkninger herfra",
        "INGEN BEMÆRKNINGER!",
        "jeg har ingen yderligere bemærkninger",
        "har ikke nogen bemærkninger til referatet",
        "Bemærkninger: ingen herfra – godkendt",
    ],
)
def test_no_remarks_is_never_an_objection(text: str) -> None:
    assert read_reply(text).kind == ReplyKind.APPROVE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ikke godkende", ReplyKind.OBJECT),
        ("det kan ikke godkendes", ReplyKind.OBJECT),
        ("godkender ikke", ReplyKind.OBJECT),
        ("not approved", ReplyKind.OBJECT),
        ("I can't approve this", ReplyKind.OBJECT),
        ("ingen indvendinger", ReplyKind.APPROVE),
        ("no objections", ReplyKind.APPROVE),
        ("Rettelse: ingen af os fra Køge var med", ReplyKind.OBJECT),
        ("der mangler ikke noget", ReplyKind.APPROVE),
        ("jeg mangler lige at læse det", ReplyKind.UNCLEAR),
        ("godkendt?", ReplyKind.UNCLEAR),
        ("godkendt, men punkt 3 er forkert", ReplyKind.UNCLEAR),
        ("", ReplyKind.UNCLEAR),
        ("<@U0BOT>", ReplyKind.UNCLEAR),
        ("ok", ReplyKind.APPROVE),
        ("ja", ReplyKind.UNCLEAR),
        ("yes", ReplyKind.UNCLEAR),
        ("ok, det tager jeg med til direktionen", ReplyKind.UNCLEAR),
    ],
)
def test_negation_corrections_and_doubt(text: str, expected: ReplyKind) -> None:
    assert read_reply(text).kind == expected


def test_folding_and_typos() -> None:
    folded = fold("Ændring ØÅ ✅ :+1::skin-tone-2: <@U123|pia>").split()
    assert folded == ["aendring", "oeaa", "emojiyes", "emojiyes"]
    assert correct("godkent") in {"godkend", "godkendt"}
    assert correct("indsigelsee") == "indsigelse"
    assert correct("kaffe") == "kaffe"
    assert correct("rettet") == "rettet"


@pytest.mark.parametrize("policy", ["tacit", "explicit", "justering"])
def test_an_open_question_holds_every_policy(policy: str) -> None:
    counted = tally([1, 2], {1: Verdict.APPROVE, 2: Verdict.APPROVE}, 0)
    held = decide(policy, counted, deadline_passed=True, signers=(1,), open_questions=1)
    assert held.state == RoundState.STALLED and "questions" in held.reasons
    free = decide(policy, counted, deadline_passed=True, signers=(1,), open_questions=0)
    assert free.state == RoundState.APPROVED


def test_a_bare_yes_is_marked_so_the_thread_decides() -> None:
    assert read_reply("Enig").bare and read_reply("👍").bare and read_reply("+1").bare
    assert not read_reply("Godkendt 👍").bare
    assert not read_reply("ingen bemærkninger").bare
