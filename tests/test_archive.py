"""The archive: import the corpus, show a meeting, ask questions (CLI and Slack)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app as cli
from tests.conftest import CORPUS
from tests.harness import BotHarness

FILES = sorted(CORPUS.glob("*.txt")) if CORPUS.exists() else []

pytestmark = pytest.mark.skipif(
    not FILES and os.environ.get("CI") != "true", reason="../shared/corpus is not beside the repo"
)


def _run(url: str, *args: str) -> tuple[int, str]:
    # The semantic extra (when installed) is tested in test_matters/test_search_eval.
    env = {"DATABASE_URL": url, "REFERENT_SEMANTIC": "off"}
    result = CliRunner().invoke(cli, list(args), env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout + result.stderr


def test_import_is_idempotent_and_summarised(db_url: str) -> None:
    code, out = _run(db_url, "import", *map(str, FILES), "--group", "Sjælland", "--json")
    assert code == 0, out
    report = json.loads(out)
    assert report["totals"] == {"meetings": 3, "items": 39, "decisions": 114, "attendees": 13}
    code, out = _run(db_url, "import", *map(str, FILES), "--group", "Sjælland", "--json")
    assert code == 0
    again = json.loads(out)
    assert {row["status"] for row in again["imported"]} == {"unchanged"}
    assert again["totals"]["items"] == 0


def test_show_json_contract(sqlite_url: str) -> None:
    _run(sqlite_url, "import", *map(str, FILES), "--group", "Sjælland")
    code, out = _run(sqlite_url, "show", "--date", "2024-03-15", "--group", "Sjælland", "--json")
    assert code == 0, out
    shown = json.loads(out)
    assert shown["meeting"]["date"] == "2024-03-15"
    assert shown["meeting"]["group"] == "Sjælland"
    assert len(shown["attendance"]["participants"]) == 8
    assert [p["name"] for p in shown["attendance"]["absent"]] == ["Anne Sofie Degn"]
    assert [i["number"] for i in shown["items"]] == [str(n) for n in range(1, 10)]
    assert shown["items"][2]["title"] == "Økonomimodel Sjælland"
    assert shown["items"][0]["decisions"] == ["Styregruppen godkendte dagsordenen."]
    code, out = _run(sqlite_url, "show", "--date", "2024-03-16", "--group", "Sjælland")
    assert code == 1


def test_ask_json_contract_same_on_sqlite_and_postgresql(sqlite_url: str, pg_url: str) -> None:
    questions = [
        ("what did we decide on standardkontrakter", "2019-01-04", "6"),
        ("hvad besluttede vi om Kofoedsminde?", "2019-01-04", "7"),
        ("hvad besluttede vi om økonomimodellen i 2024", "2024-03-15", "3"),
        ("beslutninger om nedlukning af tilbud", "2020-06-26", "7"),
    ]
    answers: dict[str, list[tuple[str, str]]] = {}
    for url in (sqlite_url, pg_url):
        _run(url, "import", *map(str, FILES), "--group", "Sjælland")
        for question, day, number in questions:
            code, out = _run(url, "ask", question, "--json", "--limit", "3")
            assert code == 0, out
            payload = json.loads(out)
            assert set(payload) == {"query", "intent", "semantic", "results"}
            assert isinstance(payload["semantic"], bool)
            first = payload["results"][0]
            assert set(first) == {
                "meeting",
                "item",
                "decisions",
                "minutes_status",
                "score",
                "source",
                "permalink",
                "matter",
            }
            assert (first["meeting"]["date"], first["item"]["number"]) == (day, number), question
            assert first["source"].endswith(".txt")
            assert first["permalink"] is None, "a file imported from disk has no link"
            answers.setdefault(question, []).append(
                (first["meeting"]["date"], first["item"]["number"])
            )
    for question, found in answers.items():
        assert found[0] == found[1], question


def test_when_question_lists_meetings_in_date_order(sqlite_url: str) -> None:
    _run(sqlite_url, "import", *map(str, FILES), "--group", "Sjælland")
    code, out = _run(
        sqlite_url, "ask", "hvornår drøftede vi rammeaftalen?", "--json", "--limit", "5"
    )
    assert code == 0
    payload = json.loads(out)
    assert payload["intent"] == "when"
    dates = [r["meeting"]["date"] for r in payload["results"]]
    assert dates == sorted(dates) and len(set(dates)) >= 2


def test_nothing_found_says_so_and_suggests_terms(sqlite_url: str) -> None:
    _run(sqlite_url, "import", *map(str, FILES), "--group", "Sjælland")
    code, out = _run(sqlite_url, "ask", "hvad besluttede vi om rumfærger?")
    assert code == 0
    assert "Jeg fandt intet i arkivet om »rumfærger«" in out
    assert "Ord, der forekommer i arkivet" in out


def test_a_file_that_is_not_minutes_is_refused(sqlite_url: str, tmp_path: Path) -> None:
    letter = tmp_path / "opskrift.txt"
    letter.write_text("Æblekage\n\n500 g æbler\n200 g sukker\nBag i 40 minutter.\n", "utf-8")
    code, out = _run(sqlite_url, "import", str(letter), "--group", "Sjælland", "--json")
    assert code == 1
    failed = json.loads(out.splitlines()[0])["failed"]
    assert "ligner ikke et referat" in failed[0]["error"]
    code, out = _run(sqlite_url, "group", "list", "--json")
    assert json.loads(out) == [], "a failed import leaves nothing behind"


# ---------------------------------------------------------------------------- Slack


def _upload(harness: BotHarness, user: str, path: Path, file_id: str) -> dict[str, object]:
    return harness.fake.add_file(
        file_id, path.name, path.read_bytes(), "text/plain", user=user, channel="C0GROUP"
    )


def test_import_by_upload_and_answer_in_thread(harness: BotHarness) -> None:
    harness.add_group()
    file = _upload(harness, "U0SEK", FILES[0], "F001")
    response = harness.driver.mention("U0SEK", "C0GROUP", "<@UBOT> importer", files=[file])
    replies = harness.wait_for(
        lambda: [
            m
            for m in harness.bot_messages("C0GROUP", thread_ts=response.ts)
            if "Importeret" in m["text"]
        ]
    )
    assert "4/1-2019" in replies[0]["text"]
    thread = harness.bot_messages("C0GROUP", thread_ts=response.ts)
    assert "baggrunden" in thread[0]["text"], "the request is answered before the import ends"
    retry = harness.driver.event(harness.driver.sent[-1].payload["event"], retry_num=1)
    assert retry.status == 200
    harness.settle()
    assert len(harness.bot_messages("C0GROUP", thread_ts=response.ts)) == 2

    question = harness.driver.mention(
        "U0PIA", "C0GROUP", "<@UBOT> hvad besluttede vi om standardkontrakter?"
    )
    answers = harness.wait_for(lambda: harness.bot_messages("C0GROUP", thread_ts=question.ts))
    assert "Revision af standardkontrakter V" in answers[0]["text"]
    assert "4/1-2019" in answers[0]["text"]
    from slack_sdk.models.blocks import Block

    for block in answers[0]["blocks"]:
        Block.parse(block).validate_json()  # type: ignore[union-attr]


def test_members_may_not_import_and_bad_files_get_a_clear_reply(harness: BotHarness) -> None:
    harness.add_group()
    file = _upload(harness, "U0PIA", FILES[0], "F002")
    harness.driver.mention("U0PIA", "C0GROUP", "<@UBOT> importer", files=[file])
    refusal = harness.wait_for(lambda: harness.fake.ephemerals("C0GROUP", "U0PIA"))
    assert "importere referater" in refusal[0]["text"]
    bad = harness.fake.add_file(
        "F003", "billede.png", b"\x89PNG....", "image/png", user="U0SEK", channel="C0GROUP"
    )
    harness.driver.mention("U0SEK", "C0GROUP", "<@UBOT> importer", files=[bad])
    reply = harness.wait_for(lambda: harness.fake.ephemerals("C0GROUP", "U0SEK"))
    assert "PDF, DOCX, TXT og Markdown" in reply[0]["text"]


def test_dm_question_answers_only_from_own_groups(harness: BotHarness) -> None:
    harness.add_group()
    harness.add_group(name="Andet udvalg", channel="C0OTHER", people=[harness.people["U0SEK"]])
    with harness.services.uow() as session:
        from bot.archive import import_document
        from storage.repositories import GroupRepo

        other = GroupRepo(session).by_channel("C0OTHER")
        assert other is not None
        import_document(
            session,
            group=other,
            data=FILES[0].read_bytes(),
            filename=FILES[0].name,
            now=harness.clock.now(),
        )
    dm = harness.fake.im_channel("U0PIA")
    harness.driver.message("U0PIA", dm, "hvad besluttede vi om standardkontrakter?")
    replies = harness.wait_for(lambda: harness.bot_messages(dm))
    assert "Jeg fandt intet" in replies[0]["text"]
    dm_sek = harness.fake.im_channel("U0SEK")
    harness.driver.message("U0SEK", dm_sek, "hvad besluttede vi om standardkontrakter?")
    replies = harness.wait_for(lambda: harness.bot_messages(dm_sek))
    assert "Revision af standardkontrakter V" in replies[0]["text"]


def test_ask_shortcut_modal_and_show_full_button(harness: BotHarness) -> None:
    harness.add_group()
    with harness.services.uow() as session:
        from bot.archive import import_document
        from storage.repositories import GroupRepo

        group = GroupRepo(session).by_channel("C0GROUP")
        assert group is not None
        for path in FILES:
            import_document(
                session,
                group=group,
                data=path.read_bytes(),
                filename=path.name,
                now=harness.clock.now(),
            )
    harness.driver.global_shortcut("U0PIA", "ask_archive")
    opened = harness.wait_for(lambda: harness.fake.views(user="U0PIA", kind="open"))
    assert opened[0]["view"]["callback_id"] == "ask_archive_submit"
    response = harness.driver.view_submission(
        "U0PIA",
        "ask_archive_submit",
        {
            "question": {
                "text": {
                    "type": "plain_text_input",
                    "value": "hvad besluttede vi om økonomimodellen?",
                }
            }
        },
    )
    assert response.status == 200
    updated = response.json()
    assert updated["response_action"] == "update"
    assert "Økonomimodel Sjælland" in json.dumps(updated["view"], ensure_ascii=False)
    question = harness.driver.mention(
        "U0PIA", "C0GROUP", "<@UBOT> hvad besluttede vi om økonomimodellen?"
    )
    answer = harness.wait_for(lambda: harness.bot_messages("C0GROUP", thread_ts=question.ts))[0]
    buttons = [e for b in answer["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert buttons, "a long decision offers the full text"
    harness.driver.block_action(
        "U0PIA",
        buttons[0]["action_id"],
        buttons[0]["value"],
        channel="C0GROUP",
        message_ts=answer["ts"],
    )
    full = harness.wait_for(
        lambda: [
            r for r in harness.fake.responses() if "Punkt 3" in json.dumps(r, ensure_ascii=False)
        ]
    )
    assert "hæftelsesgruppen" in json.dumps(full[0], ensure_ascii=False)
