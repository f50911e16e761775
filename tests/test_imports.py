"""Imports run in the background: hostile files refused plainly, other requests unblocked."""

from __future__ import annotations

import io
import json
import resource
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.ingest.safety import UnsafeDocument, check_zip, preflight
from storage.models import AgendaItem, DueWork, Meeting, MeetingStatus, SourceDocument
from tests import hostile
from tests.harness import BotHarness

CHANNEL = "C0GROUP"
SECRETARY, PIA, BO = "U0SEK", "U0PIA", "U0BO"
CLASS_NAMES = ("Error", "Exception", "BadZip", "XMLSyntax", "PdfRead", "PdfStream", "Traceback")


def _thread(h: BotHarness, ts: str | None) -> list[str]:
    return [str(m["text"]) for m in h.bot_messages(CHANNEL, thread_ts=ts)]


def _upload(h: BotHarness, path: Path, file_id: str, kind: str = "application/octet-stream") -> Any:
    return h.fake.add_file(
        file_id, path.name, path.read_bytes(), kind, user=SECRETARY, channel=CHANNEL
    )


def _import(h: BotHarness, *files: Any, text: str = "importer") -> Any:
    return h.driver.mention(SECRETARY, CHANNEL, f"<@UBOT> {text}", files=list(files))


def _documents(h: BotHarness) -> int:
    with h.services.uow() as session:
        return int(session.scalar(select(func.count()).select_from(SourceDocument)) or 0)


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: hostile.inflating_docx(p / "referat-bombe.docx", 190), "16 MB"),
        (lambda p: hostile.lying_zip_docx(p / "referat-løgn.docx", 600), "beskadiget"),
        (lambda p: hostile.tiny_paragraphs_docx(p / "referat-små.docx", 150), "16 MB"),
    ],
    ids=["inflates-190MiB", "lying-directory-600MiB", "150MiB-tiny-paragraphs"],
)
def test_hostile_docx_is_refused_plainly_and_stores_nothing(
    harness: BotHarness, tmp_path: Path, make: Any, words: str
) -> None:
    h = harness
    h.add_group()
    path = make(tmp_path)
    assert path.stat().st_size < 1_000_000, "a small upload, well inside the size limit"
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    sent = _import(h, _upload(h, path, "F0BOMB"))
    replies = h.wait_for(
        lambda: [t for t in _thread(h, sent.ts) if path.name in t and "baggrunden" not in t],
        timeout=60,
    )
    assert time.monotonic() - started < 30
    assert words in replies[0], replies
    assert not any(name in replies[0] for name in CLASS_NAMES), replies
    assert _documents(h) == 0
    # The bot's own process never held the inflated content: its peak (which includes
    # whatever earlier tests in this process used) grew by far less than the content.
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before
    assert grown_kb < 100 * 1024


def test_zip_caps_count_actual_bytes_not_declared_ones(tmp_path: Path) -> None:
    path = hostile.lying_zip_docx(tmp_path / "x.docx", 64, declared=100)
    with pytest.raises(UnsafeDocument) as refused:
        check_zip(path.read_bytes())
    assert refused.value.key in {"damaged_docx", "xml_too_large", "inflates_too_much"}
    doctype = hostile.docx_with_body(
        tmp_path / "dtd.docx",
        hostile.paragraph("&lol;"),
        10_000,
        doctype=b'<!DOCTYPE w [<!ENTITY lol "lollollollollol">]>',
    )
    with pytest.raises(UnsafeDocument) as refused:
        preflight(doctype.read_bytes())
    assert refused.value.key == "xml_doctype"
    ordinary = hostile.docx_with_body(
        tmp_path / "ok.docx", hostile.paragraph("Styregruppen godkendte dagsordenen."), 200_000
    )
    preflight(ordinary.read_bytes())


def _encrypted_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt(user_password="hemmelig", owner_password="ejer", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_password_protected_pdf_gets_its_own_message(harness: BotHarness) -> None:
    h = harness
    h.add_group()
    file = h.fake.add_file(
        "F0PDF", "Referat 12-3-2024.pdf", _encrypted_pdf(), "application/pdf",
        user=SECRETARY, channel=CHANNEL,
    )  # fmt: skip
    sent = _import(h, file)
    reply = h.wait_for(lambda: [t for t in _thread(h, sent.ts) if "adgangskode" in t], timeout=30)
    assert "Referat 12-3-2024.pdf" in reply[0]
    assert "ligner ikke et referat" not in reply[0]
    assert not any(name in reply[0] for name in CLASS_NAMES)


def test_a_damaged_pdf_names_no_exception(harness: BotHarness) -> None:
    h = harness
    h.add_group()
    broken = b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" + b"\x00garbage" * 50
    file = h.fake.add_file(
        "F0BAD", "referat.pdf", broken, "application/pdf", user=SECRETARY, channel=CHANNEL
    )
    sent = _import(h, file)
    reply = h.wait_for(
        lambda: [t for t in _thread(h, sent.ts) if "referat.pdf" in t and "baggrunden" not in t],
        timeout=30,
    )
    assert not any(name in reply[0] for name in CLASS_NAMES), reply
    assert _documents(h) == 0


def _meeting(h: BotHarness, group_id: int) -> None:
    now = h.clock.now()
    with h.services.uow() as session:
        session.add(
            Meeting(
                group_id=group_id,
                starts_at=now + timedelta(days=20),
                ends_at=now + timedelta(days=20, hours=2),
                has_time=True,
                location="Ringsted",
                status=MeetingStatus.PLANNED,
                created_at=now,
                agenda_version=0,
                sequence=0,
            )
        )


def test_members_are_answered_quickly_while_a_long_import_runs(
    harness: BotHarness, tmp_path: Path
) -> None:
    """A slow download and a heavy file: proposals meanwhile are answered in under 1 s."""
    h = harness
    group_id = h.add_group()
    _meeting(h, group_id)
    path = hostile.big_text(tmp_path / "referat-lang.txt", 1_900_000)
    h.fake.fail_next("file_download", delay=6)
    sent = _import(h, _upload(h, path, "F0BIG", "text/plain"))
    h.wait_for(lambda: any("baggrunden" in t for t in _thread(h, sent.ts)))
    titles = ["Budget 2027", "Temadag om rekruttering", "Status på takstanalysen"]
    for user, title in zip((PIA, BO, PIA), titles, strict=True):
        started = time.monotonic()
        asked = h.driver.mention(user, CHANNEL, f"<@UBOT> punkt: {title}")
        h.wait_for(lambda a=asked: _thread(h, a.ts), timeout=5)
        assert time.monotonic() - started < 1.0, f"{title} took {time.monotonic() - started:.2f} s"
        with h.services.uow() as session:
            busy = session.scalar(select(DueWork).where(DueWork.kind == "archive.import"))
            assert busy is not None and busy.done_at is None, "the import is still running"
        time.sleep(1.0)
    done = h.wait_for(
        lambda: [t for t in _thread(h, sent.ts) if "Importeret" in t or "tegn" in t], timeout=60
    )
    assert "referat-lang.txt" in done[0]
    with h.services.uow() as session:
        proposed = session.scalars(select(AgendaItem.title)).all()
    assert set(titles) <= set(proposed)


def test_an_import_that_keeps_failing_is_parked_and_the_person_told(harness: BotHarness) -> None:
    h = harness
    h.add_group()
    file = h.fake.add_file(
        "F0GONE", "referat-2019.txt", b"Referat\n1. Punkt\n", "text/plain",
        user=SECRETARY, channel=CHANNEL,
    )  # fmt: skip
    h.fake.fail_next("file_download", status=500, times=50)
    sent = _import(h, file)
    for minutes in (1, 2, 3, 4, 5):
        h.tick(h.clock.now() + timedelta(minutes=minutes))
        h.settle()
    replies = h.wait_for(lambda: [t for t in _thread(h, sent.ts) if "opgivet" in t], timeout=30)
    assert "referat-2019.txt" in replies[0] and "intet er gemt" in replies[0]
    with h.services.uow() as session:
        row = session.scalar(select(DueWork).where(DueWork.kind == "archive.import"))
        assert row is not None and row.done_at is not None and row.last_error


FIRST = """Referat af styregruppemøde
Dato: 12. marts 2025
Sted: Ringsted Kongrescenter

1. Godkendelse af dagsorden
Beslutning:
Dagsordenen blev godkendt.

2. Takstanalyse for 2025
Beslutning:
Styregruppen vedtog takstanalysen.

3. Evt.
Beslutning:
Intet.
"""

# Another file for the same date, written differently (no æøå, other layout).
SECOND = """REFERAT - styregruppemoede d. 12/3-2025

1. Velkomst og praesentation
Beslutning:
Formanden bød velkommen.

2. Status paa rammeaftalen
Beslutning:
Styregruppen tog status til efterretning.

3. Evt
Beslutning:
Naeste moede holdes i juni.
"""


def _import_text(h: BotHarness, name: str, body: str, file_id: str) -> Any:
    file = h.fake.add_file(
        file_id, name, body.encode(), "text/plain", user=SECRETARY, channel=CHANNEL
    )
    return _import(h, file)


def _decisions_by_title(h: BotHarness) -> dict[str, list[str]]:
    with h.services.uow() as session:
        items = session.scalars(select(AgendaItem)).all()
        return {item.title: [d.text for d in item.decisions] for item in items}


def test_a_second_document_for_the_same_meeting_is_asked_about(harness: BotHarness) -> None:
    h = harness
    h.add_group()
    first = _import_text(h, "referat-marts.txt", FIRST, "F0ONE")
    h.wait_for(lambda: [t for t in _thread(h, first.ts) if "Importeret" in t], timeout=30)
    sent = _import_text(h, "Referat 12-3-2025 (endelig).txt", SECOND, "F0TWO")
    question = h.wait_for(
        lambda: [
            m
            for m in h.bot_messages(CHANNEL, thread_ts=sent.ts)
            if any(b["type"] == "actions" for b in m.get("blocks") or [])
        ],
        timeout=30,
    )[0]
    # Nothing of the second file is stored, and the first file's decision stays put.
    assert _documents(h) == 1
    assert _decisions_by_title(h)["Takstanalyse for 2025"] == ["Styregruppen vedtog takstanalysen."]
    buttons = {
        e["action_id"].rsplit(":", 1)[1]: e
        for b in question["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
    }
    assert set(buttons) == {"replace", "version", "separate"}
    # A member who may not import cannot answer.
    h.driver.block_action(
        PIA, buttons["separate"]["action_id"], buttons["separate"]["value"],
        channel=CHANNEL, message_ts=question["ts"],
    )  # fmt: skip
    h.wait_for(
        lambda: "importere referater" in json.dumps(h.fake.responses(), ensure_ascii=False),
        timeout=10,
    )
    assert _documents(h) == 1
    h.driver.block_action(
        SECRETARY, buttons["separate"]["action_id"], buttons["separate"]["value"],
        channel=CHANNEL, message_ts=question["ts"],
    )  # fmt: skip
    h.wait_for(lambda: [t for t in _thread(h, sent.ts) if "Importeret" in t], timeout=30)
    assert _documents(h) == 2
    by_title = _decisions_by_title(h)
    assert by_title["Takstanalyse for 2025"] == ["Styregruppen vedtog takstanalysen."]
    assert by_title["Status paa rammeaftalen"] == ["Styregruppen tog status til efterretning."]
    assert by_title["Evt."] == ["Intet."] and by_title["Evt"] == ["Naeste moede holdes i juni."]
    with h.services.uow() as session:
        meetings = session.scalars(select(Meeting)).all()
        sources = {m.source_document_id for m in meetings}
    assert len(meetings) == 2 and len(sources) == 2, "each item cites its own file"


def test_replacing_the_first_document_keeps_no_mixed_items(harness: BotHarness) -> None:
    h = harness
    h.add_group()
    first = _import_text(h, "referat-marts.txt", FIRST, "F0ONE")
    h.wait_for(lambda: [t for t in _thread(h, first.ts) if "Importeret" in t], timeout=30)
    sent = _import_text(h, "rettet referat.txt", SECOND, "F0TWO")
    question = h.wait_for(
        lambda: [
            m
            for m in h.bot_messages(CHANNEL, thread_ts=sent.ts)
            if any(b["type"] == "actions" for b in m.get("blocks") or [])
        ],
        timeout=30,
    )[0]
    [replace] = [
        e
        for b in question["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"].endswith(":replace")
    ]
    h.driver.block_action(
        SECRETARY, replace["action_id"], replace["value"], channel=CHANNEL,
        message_ts=question["ts"],
    )  # fmt: skip
    h.wait_for(lambda: [t for t in _thread(h, sent.ts) if "Importeret" in t], timeout=30)
    by_title = _decisions_by_title(h)
    assert "Takstanalyse for 2025" not in by_title
    assert by_title["Status paa rammeaftalen"] == ["Styregruppen tog status til efterretning."]
    with h.services.uow() as session:
        assert len(session.scalars(select(Meeting)).all()) == 1


def test_cli_question_starting_with_a_dash_is_a_question(sqlite_url: str) -> None:
    from typer.testing import CliRunner

    from bot.cli import app as cli

    result = CliRunner().invoke(
        cli, ["ask", "-standardkontrakter", "--limit", "2"], env={"DATABASE_URL": sqlite_url}
    )
    assert result.exit_code == 0, result.output
    assert "standardkontrakter" in result.output
    assert "No such option" not in result.output
