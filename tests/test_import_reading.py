"""The import reply says what was read per document (CLI, --json and the Slack thread)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from bot.cli import app as cli
from tests.harness import BotHarness
from tests.layouts.corpus import DOCS
from tests.layouts.render import render

BY_NAME = {d.name: d for d in DOCS}


def _import_replies(harness: BotHarness, ts: str | None) -> list[dict[str, Any]]:
    """Wait for the import's own replies in its thread (after the "received" note)."""
    return harness.wait_for(
        lambda: [
            m
            for m in harness.bot_messages("C0GROUP", thread_ts=ts)
            if "baggrunden" not in str(m.get("text"))
        ],
        timeout=30,
    )


def _run(url: str, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), env={"DATABASE_URL": url})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout + result.stderr


def _write(tmp_path: Path, name: str) -> Path:
    entry = BY_NAME[name]
    path = tmp_path / name
    path.write_bytes(render(entry.markup, entry.fmt))
    return path


def test_json_reports_items_decisions_confidence_and_flags(db_url: str, tmp_path: Path) -> None:
    files = [
        _write(tmp_path, "skolebestyrelse-tabel.txt"),
        _write(tmp_path, "grundejer-label.txt"),
        _write(tmp_path, "aeldreraad-ad.docx"),
    ]
    code, out = _run(db_url, "import", *map(str, files), "--group", "Foreningen", "--json")
    assert code == 0, out
    rows = {Path(r["file"]).name: r for r in json.loads(out)["imported"]}
    table = rows["skolebestyrelse-tabel.txt"]
    assert table["structure"] == "table" and table["date_source"] == "header"
    assert [(i["number"], i["title"]) for i in table["items_read"]][:2] == [
        ("1", "Godkendelse af dagsorden"),
        ("2", "Skolens budget 2024"),
    ]
    assert table["items_read"][1]["decisions"] == ["Bestyrelsen tiltrådte budgettet"]
    assert (table["participants"], table["absent"]) == (4, 1)
    labels = rows["grundejer-label.txt"]
    assert labels["structure"] == "labels"
    assert "fallback_structure" in labels["flags"]
    assert labels["confidence"] < table["confidence"] <= 1.0
    ad = rows["aeldreraad-ad.docx"]
    assert ad["items_read"][1]["title"] == "Høring om madservice"
    assert "høringssvar" in ad["items_read"][1]["decisions"][0]

    code, out = _run(db_url, "import", str(files[1]), "--group", "Foreningen")
    assert code == 0
    assert "unchanged" in out


def test_cli_summary_lists_what_was_read(sqlite_url: str, tmp_path: Path) -> None:
    path = _write(tmp_path, "sameline-dash.txt")
    code, out = _run(sqlite_url, "import", str(path), "--group", "Projekt")
    assert code == 0, out
    assert "read as numbered" in out
    assert "Budgetrevision" in out and "godkendt med en reserve" in out


def test_slack_reply_lists_items_and_decisions(harness: BotHarness) -> None:
    harness.add_group()
    entry = BY_NAME["styregruppe-tabel.pdf"]
    file = harness.fake.add_file(
        "F0PDF",
        entry.name,
        render(entry.markup, entry.fmt),
        "application/pdf",
        user="U0SEK",
        channel="C0GROUP",
    )
    response = harness.driver.mention("U0SEK", "C0GROUP", "<@UBOT> importer", files=[file])
    replies = _import_replies(harness, response.ts)
    text = replies[0]["text"]
    assert "Importeret" in text and "29/1-2025" in text
    assert "læst som en tabel" in text
    assert "3. Parkering – beslutning: Udsat til næste møde" in text
    assert "3 til stede, 2 fraværende" in text
    from slack_sdk.models.blocks import Block

    for block in replies[0]["blocks"]:
        Block.parse(block).validate_json()  # type: ignore[union-attr]


def test_secretary_corrects_date_title_and_decision_from_the_reply(harness: BotHarness) -> None:
    harness.add_group()
    entry = BY_NAME["boligafdeling-ad.txt"]
    file = harness.fake.add_file(
        "F0TXT", entry.name, render(entry.markup, entry.fmt), "text/plain", user="U0SEK",
        channel="C0GROUP",
    )  # fmt: skip
    response = harness.driver.mention("U0SEK", "C0GROUP", "<@UBOT> importer", files=[file])
    reply = _import_replies(harness, response.ts)[0]
    buttons = [e for b in reply["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert [b["action_id"] for b in buttons] == ["archive_correct"]

    # A member who may not import is told so, and no modal opens.
    harness.driver.block_action(
        "U0PIA", "archive_correct", buttons[0]["value"], channel="C0GROUP", message_ts=reply["ts"]
    )
    refused = harness.wait_for(
        lambda: [r for r in harness.fake.responses() if "Kun formand" in json.dumps(r)]
    )
    assert refused and not harness.fake.views(user="U0PIA", kind="open")

    harness.driver.block_action(
        "U0SEK", "archive_correct", buttons[0]["value"], channel="C0GROUP", message_ts=reply["ts"]
    )
    opened = harness.wait_for(lambda: harness.fake.views(user="U0SEK", kind="open"))
    view = opened[0]["view"]
    assert view["callback_id"] == "archive_correct_submit"
    options = next(b for b in view["blocks"] if b["block_id"] == "item")["element"]["options"]
    legeplads = next(o for o in options if "Legepladsen" in o["text"]["text"])
    submitted = harness.driver.view_submission(
        "U0SEK",
        "archive_correct_submit",
        {
            "date": {"date": {"type": "datepicker", "selected_date": "2024-03-12"}},
            "item": {"item": {"type": "static_select", "selected_option": legeplads}},
            "title": {"title": {"type": "plain_text_input", "value": "Legepladsen i gården"}},
            "decision": {
                "decision": {
                    "type": "plain_text_input",
                    "value": "Der købes to nye gynger fra Leg og Sjov.",
                }
            },
        },
        private_metadata=view["private_metadata"],
    )
    assert submitted.status == 200
    assert "Rettet: mødedato, titel, beslutning" in json.dumps(submitted.json(), ensure_ascii=False)
    question = harness.driver.mention("U0SEK", "C0GROUP", "<@UBOT> hvad besluttede vi om gynger?")
    answer = harness.wait_for(lambda: harness.bot_messages("C0GROUP", thread_ts=question.ts))[0]
    assert "Legepladsen i gården" in answer["text"]
    assert "12/3-2024" in answer["text"]
    assert "Leg og Sjov" in answer["text"]

    # The same file imported again keeps the correction.
    again = harness.fake.add_file(
        "F0TXT2", entry.name, render(entry.markup, entry.fmt), "text/plain", user="U0SEK",
        channel="C0GROUP",
    )  # fmt: skip
    second = harness.driver.mention("U0SEK", "C0GROUP", "<@UBOT> importer", files=[again])
    unchanged = _import_replies(harness, second.ts)[0]
    assert "allerede importeret" in unchanged["text"] and "12/3-2024" in unchanged["text"]
    repeat = harness.driver.mention("U0SEK", "C0GROUP", "<@UBOT> hvad besluttede vi om gynger?")
    answer = harness.wait_for(lambda: harness.bot_messages("C0GROUP", thread_ts=repeat.ts))[0]
    assert "Legepladsen i gården" in answer["text"] and "Leg og Sjov" in answer["text"]


def test_secretary_rereads_a_document_with_another_structure(harness: BotHarness) -> None:
    harness.add_group()
    entry = BY_NAME["grundejer-label.txt"]
    file = harness.fake.add_file(
        "F0LBL", entry.name, render(entry.markup, entry.fmt), "text/plain", user="U0SEK",
        channel="C0GROUP",
    )  # fmt: skip
    response = harness.driver.mention("U0SEK", "C0GROUP", "<@UBOT> importer", files=[file])
    reply = _import_replies(harness, response.ts)[0]
    assert "5 punkter" in reply["text"]
    button = next(e for b in reply["blocks"] if b["type"] == "actions" for e in b["elements"])

    def reread(structure: str) -> list[str]:
        harness.driver.block_action(
            "U0SEK", "archive_correct", button["value"], channel="C0GROUP", message_ts=reply["ts"]
        )
        harness.wait_for(lambda: harness.fake.views(user="U0SEK", kind="open"))
        option = {"text": {"type": "plain_text", "text": structure}, "value": structure}
        submitted = harness.driver.view_submission(
            "U0SEK",
            "archive_correct_submit",
            {"reread": {"reread": {"type": "static_select", "selected_option": option}}},
        )
        assert "læst igen" in json.dumps(submitted.json(), ensure_ascii=False)
        with harness.services.uow() as session:
            from sqlalchemy import select

            from storage.models import AgendaItem

            rows = session.scalars(select(AgendaItem).order_by(AgendaItem.position)).all()
            return [row.title for row in rows]

    assert reread("whole") == ["Grundejerforeningen Solbakken"]
    assert reread("labels") == [
        "Godkendelse af dagsorden",
        "Økonomi",
        "Vejfest",
        "Snerydning",
        "Eventuelt",
    ]
    question = harness.driver.mention(
        "U0SEK", "C0GROUP", "<@UBOT> hvad besluttede vi om snerydning?"
    )
    answer = harness.wait_for(lambda: harness.bot_messages("C0GROUP", thread_ts=question.ts))[0]
    assert "Snerydning" in answer["text"]
