"""Extract text from txt, md, docx and pdf uploads; DOCX and PDF round trips of the corpus."""

from __future__ import annotations

import io
import os
import re
import zipfile
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from bot.ingest import (
    NotMinutesError,
    UnsupportedDocument,
    extract_text,
    load_document,
    parse_document,
)

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
NOW = datetime(2026, 11, 18, 10, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))
F2020 = "sjaelland-2020-06-26-dagsorden-med-beslutninger.txt"
F2024 = "sjaelland-2024-03-15-referat.txt"


def corpus_text(name: str) -> str:
    """Return a corpus file, skipping (or failing under CI) when the corpus is absent."""
    path = CORPUS / name
    if not path.is_file():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"corpus file missing under CI: {path}")
        pytest.skip(f"corpus not available at {CORPUS}")
    return path.read_text(encoding="utf-8")


# --- a minimal PDF writer: Helvetica text lines, one content stream per page -----------


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def make_pdf(pages: list[list[str]], *, text: bool = True) -> bytes:
    """Return a valid PDF whose pages show the given lines (or only a drawn line)."""
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    }
    kids: list[int] = []
    next_id = 4
    for lines in pages:
        if text:
            stream = b"BT\n/F1 10 Tf\n12 TL\n40 800 Td\n"
            stream += b"".join(b"(" + _pdf_string(line) + b") Tj T*\n" for line in lines)
            stream += b"ET"
        else:
            stream = b"0 0 m 300 300 l S"
        page_id, content_id = next_id, next_id + 1
        next_id += 2
        kids.append(page_id)
        objects[page_id] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % content_id
        )
        objects[content_id] = b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"
    objects[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for oid in sorted(objects):
        offsets[oid] = len(out)
        out += b"%d 0 obj\n" % oid + objects[oid] + b"\nendobj\n"
    xref = len(out)
    size = max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    out += b"".join(b"%010d 00000 n \n" % offsets[oid] for oid in range(1, size))
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


def docx_bytes(document: docx.document.Document) -> bytes:
    """Return a python-docx document saved to bytes."""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def add_hyperlink(paragraph: docx.text.paragraph.Paragraph, text: str, url: str) -> None:
    """Append a real Word hyperlink (python-docx has no API for one)."""
    r_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = OxmlElement("w:r")
    text_node = OxmlElement("w:t")
    text_node.text = text
    run.append(text_node)
    link.append(run)
    paragraph._p.append(link)


# --- plain text ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Dagsorden – møde i Økonomiudvalget".encode(), "Dagsorden – møde i Økonomiudvalget"),
        (b"\xef\xbb\xbfReferat \xc3\xa6\xc3\xb8\xc3\xa5", "Referat æøå"),
        ("Referat – æøå ÆØÅ “citat”".encode("cp1252"), "Referat – æøå ÆØÅ “citat”"),
        ("Referat æøå".encode("utf-16"), "Referat æøå"),
        (b"Linje 1\r\nLinje 2\rLinje 3", "Linje 1\nLinje 2\nLinje 3"),
    ],
)
def test_text_encodings(data: bytes, expected: str) -> None:
    extracted = extract_text(data, "referat.txt")
    assert extracted.text == expected
    assert extracted.format == "txt"


def test_markdown_is_text_and_filenames_are_never_paths() -> None:
    extracted = extract_text(b"# Dagsorden\n\n1. Godkendelse", "../../../../etc/passwd.md")
    assert extracted.format == "md"
    assert extracted.text.startswith("# Dagsorden")
    assert extract_text(b"Referat", "C:\\Windows\\system32\\..\\x.TXT").text == "Referat"


def test_type_is_detected_from_content_not_name() -> None:
    pdf = make_pdf([["Dagsorden 2. marts 2017", "1. Godkendelse af referat"]])
    assert extract_text(pdf, "referat.txt").format == "pdf"
    document = docx.Document()
    document.add_paragraph("Referat")
    assert extract_text(docx_bytes(document), "referat.pdf").format == "docx"
    as_text = extract_text("Referat af mødet".encode(), "referat.pdf")
    assert as_text.format == "txt"
    assert as_text.warnings


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"  \n ", "empty"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "unsupported_format"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "unsupported_format"),
        (b"{\\rtf1\\ansi Referat}", "unsupported_format"),
        (bytes(range(256)) * 4, "unsupported_format"),
        (b"%PDF-1.4\n garbage without objects", "unreadable_pdf"),
    ],
)
def test_unreadable_files_are_rejected_with_a_reason(data: bytes, code: str) -> None:
    with pytest.raises(NotMinutesError) as caught:
        extract_text(data, "upload.bin")
    assert caught.value.code == code
    assert caught.value.detail


def test_zip_that_is_not_word_is_rejected() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("content.xml", "<office/>")
    with pytest.raises(UnsupportedDocument) as caught:
        extract_text(buffer.getvalue(), "referat.odt")
    assert caught.value.code == "unsupported_format"
    assert ".odt" in caught.value.detail


def test_size_limit() -> None:
    with pytest.raises(UnsupportedDocument) as caught:
        extract_text(b"Referat " * 200, "referat.txt", max_bytes=1000)
    assert caught.value.code == "too_large"
    assert extract_text(b"Referat " * 100, "referat.txt", max_bytes=1000).text


# --- PDF ------------------------------------------------------------------------------


def test_pdf_without_text_layer_is_rejected() -> None:
    scan = make_pdf([[], []], text=False)
    with pytest.raises(UnsupportedDocument) as caught:
        load_document(scan, "scannet-referat.pdf", now=NOW)
    assert caught.value.code == "no_text_layer"
    assert "OCR" in caught.value.detail


def test_pdf_round_trip_of_the_2020_agenda() -> None:
    """Print the 2020 text layer into a PDF with page footers and read it back."""
    raw = corpus_text(F2020)
    # The text lines without the empty line after each (a blank line stays a blank line).
    lines = [line.rstrip() for line in raw.split("\n") if line != ""]
    per_page = 48
    chunks = [lines[i : i + per_page] for i in range(0, len(lines), per_page)]
    pages = [[*chunk, "", f"Side {n} af {len(chunks)} sider"] for n, chunk in enumerate(chunks, 1)]
    pdf = make_pdf(pages)
    extracted = extract_text(pdf, "dagsorden.pdf")
    assert extracted.format == "pdf" and extracted.pages == len(pages)
    from_pdf = load_document(pdf, "dagsorden.pdf", now=NOW)
    from_text = parse_document(raw, now=NOW)
    assert from_pdf.meeting_date == date(2020, 6, 26)
    assert [(i.number, i.title) for i in from_pdf.items] == [
        (i.number, i.title) for i in from_text.items
    ]
    assert [len(i.decisions) for i in from_pdf.items] == [len(i.decisions) for i in from_text.items]
    assert not re.search(r"Side \d+ af \d+", from_pdf.text)
    assert "Covid-19" in from_pdf.text and "mer/mindreudgifter" in from_pdf.text


# --- DOCX -----------------------------------------------------------------------------

_BULLET = re.compile(r"^(?P<indent>\s*)(?:- \* |\* |- |\*(?=\S))(?P<text>.*)$")
_LINK = re.compile(r"<(https?://[^>]+)>")


def corpus_as_docx(text: str) -> bytes:
    """Write the 2024 minutes as a Word file: tables, list paragraphs, a hyperlink."""
    document = docx.Document()
    rows: list[list[str]] = []

    def flush_rows() -> None:
        if not rows:
            return
        width = max(len(r) for r in rows)
        table = document.add_table(rows=len(rows), cols=width)
        for row, cells in zip(table.rows, rows, strict=True):
            for cell, value in zip(row.cells, cells, strict=False):
                cell.text = value
        rows.clear()

    linked = False
    previous: docx.text.paragraph.Paragraph | None = None
    for line in text.split("\n"):
        plain = re.sub(r"</?i>", "", line)
        if "\t" in plain:
            if set(plain) <= set("-\t "):
                continue
            rows.append(plain.split("\t"))
            continue
        flush_rows()
        if not plain.strip():
            previous = None
            continue
        bullet = _BULLET.match(plain)
        if bullet:
            style = "List Bullet 2" if bullet.group("indent") else "List Bullet"
            previous = document.add_paragraph(bullet.group("text"), style=style)
            continue
        if previous is not None:
            # A line right under a bullet continues it (a soft line break in Word).
            previous.add_run().add_break()
            previous.add_run(plain)
            continue
        link = _LINK.fullmatch(plain.strip())
        if link and not linked:
            paragraph = document.add_paragraph()
            add_hyperlink(paragraph, "Referat fra møde i KKR", link.group(1))
            linked = True
            continue
        document.add_paragraph(plain)
    flush_rows()
    return docx_bytes(document)


def test_docx_round_trip_of_the_2024_minutes() -> None:
    raw = corpus_text(F2024)
    data = corpus_as_docx(raw)
    extracted = extract_text(data, "referat.docx")
    assert extracted.format == "docx"
    # Tables come out as tab-separated rows in document order, as in the corpus.
    assert "Morten Bøgelund Andersen\tDirektør, formand\tGreve Kommune" in extracted.text
    assert extracted.text.index("Deltagere:") < extracted.text.index("Morten Bøgelund")
    assert extracted.text.index("Morten Bøgelund") < extracted.text.index("Gæster: Via teams")
    from_docx = load_document(data, "referat.docx", now=NOW)
    from_text = parse_document(raw, now=NOW)
    assert from_docx.kind == "minutes"
    assert from_docx.meeting_date == date(2024, 3, 15)
    assert from_docx.place == from_text.place
    assert [(i.number, i.title) for i in from_docx.items] == [
        (i.number, i.title) for i in from_text.items
    ]
    assert [len(i.decisions) for i in from_docx.items] == [
        len(i.decisions) for i in from_text.items
    ]
    attendance = from_docx.attendance
    assert (len(attendance.participants), len(attendance.guests)) == (8, 4)
    assert [p.name for p in attendance.absent] == ["Anne Sofie Degn"]
    urls = [a.url for i in from_docx.items for a in i.attachments if a.url]
    assert (
        "https://www.kl.dk/media/ficoxcgg/referat-fra-moede-i-kkr-sjaelland-den-6-februar-2024.pdf"
        in urls
    )


def test_docx_automatic_numbering_is_rendered() -> None:
    document = docx.Document()
    document.add_paragraph("Dagsorden")
    document.add_paragraph("Møde i Ældrerådet den 2. marts 2017 kl. 10-12")
    for title in ("Godkendelse af dagsorden", "Budget 2018", "Eventuelt"):
        document.add_paragraph(title, style="List Number")
        document.add_paragraph("Indstilling: Det indstilles, at rådet drøfter punktet.")
    document.add_paragraph("Første bilag", style="List Bullet")
    doc = load_document(docx_bytes(document), "dagsorden.docx", now=NOW)
    assert [(i.number, i.title) for i in doc.items] == [
        ("1", "Godkendelse af dagsorden"),
        ("2", "Budget 2018"),
        ("3", "Eventuelt"),
    ]
    assert doc.kind == "agenda"
    assert doc.meeting_date == date(2017, 3, 2)
    assert doc.items[1].recommendation == "Det indstilles, at rådet drøfter punktet."


def test_docx_that_is_not_minutes_is_rejected() -> None:
    document = docx.Document()
    document.add_paragraph("Kære alle")
    document.add_paragraph("Husk kage på fredag.")
    with pytest.raises(NotMinutesError) as caught:
        load_document(docx_bytes(document), "brev.docx", now=NOW)
    assert caught.value.code == "not_meeting_document"
