"""The referat as a document in the house layout of the corpus: text, DOCX and PDF (pure).

Header (group, "Referat", Dato, Sted), the Deltagere table (Navn, Titel, Arbejdssted),
Gæster and Afbud, then each item: "Punkt 4. Title", Indstilling, Drøftelse, notes of
absence and inhabilitet, and Beslutning as bullets — the layout the importer reads back.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.i18n import t

#: Characters the PDF core font (latin-1) lacks, written as their nearest latin-1 form.
_LATIN1 = str.maketrans(
    {
        "–": "-",
        "—": "-",
        "‘": "'",
        "’": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "…": "...",
        "•": "-",
        "\u00a0": " ",
        "\u200b": "",
        "€": "EUR",
    }
)


@dataclass(frozen=True)
class PersonRow:
    """One row of the attendance tables: name, title, organisation."""

    name: str
    title: str = ""
    organisation: str = ""


@dataclass(frozen=True)
class ItemPart:
    """One item of the referat as written."""

    number: str
    title: str
    recommendation: str | None = None
    discussion: Sequence[str] = ()
    notes: Sequence[str] = ()
    decisions: Sequence[str] = ()


@dataclass(frozen=True)
class ReferatDocument:
    """Everything the generated referat shows."""

    group_name: str
    date_text: str
    place: str | None
    participants: Sequence[PersonRow] = ()
    guests: Sequence[PersonRow] = ()
    absent: Sequence[PersonRow] = ()
    items: Sequence[ItemPart] = field(default_factory=tuple)
    lang: str = "da"

    def label(self, key: str) -> str:
        """Return a heading of the layout in the document's language."""
        return t(f"referat.doc.{key}", self.lang)


def _heading(item: ItemPart) -> str:
    return f"{item.number}. {item.title}"


def _item_sections(doc: ReferatDocument, item: ItemPart) -> list[tuple[str, list[str], bool]]:
    """Return the sections of one item as (heading, lines, bullets)."""
    sections: list[tuple[str, list[str], bool]] = []
    if item.recommendation:
        sections.append((doc.label("recommendation"), item.recommendation.split("\n"), False))
    # Absence and inhabilitet are recorded with the discussion, so that the Beslutning
    # bullets are the decisions alone (what the archive and an import read as decisions).
    discussion = list(item.discussion) + list(item.notes)
    if discussion:
        sections.append((doc.label("discussion"), discussion, False))
    if item.decisions:
        sections.append((doc.label("decision"), list(item.decisions), True))
    return sections


def _rows(people: Sequence[PersonRow]) -> list[str]:
    return ["\t".join([p.name, p.title, p.organisation]).rstrip("\t") for p in people]


def referat_text(doc: ReferatDocument) -> str:
    """Return the referat as plain text in the corpus layout (what the archive stores)."""
    out = [doc.group_name, "", doc.label("title"), "", f"{doc.label('date')}: {doc.date_text}", ""]
    if doc.place:
        out += [f"{doc.label('place')}: {doc.place}", ""]
    columns = "\t".join([doc.label("col_name"), doc.label("col_title"), doc.label("col_org")])
    out += [f"{doc.label('participants')}:", "", columns, *_rows(doc.participants), ""]
    if doc.guests:
        out += [f"{doc.label('guests')}:", "", *_rows(doc.guests), ""]
    out += [f"{doc.label('absent')}:", "", *(_rows(doc.absent) or [doc.label("none")]), ""]
    for item in doc.items:
        out += [f"{doc.label('item')} {_heading(item)}", ""]
        for heading, lines, bullets in _item_sections(doc, item):
            out += [heading, ""]
            out += [f"- {line}" if bullets else line for line in lines if line.strip()]
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def referat_docx(doc: ReferatDocument) -> bytes:
    """Return the referat as a Word document (python-docx)."""
    from docx import Document

    document = Document()
    # Headings by style id, looked up once: resolving a style by name per paragraph is
    # most of python-docx's time for a long referat.
    heading_ids = {level: document.styles[f"Heading {level}"].style_id for level in (1, 2)}

    def add(text: str, *, heading: int = 0, bold: bool = False) -> None:
        paragraph = document.add_paragraph()
        if heading:
            paragraph._p.style = heading_ids[heading]
        run = paragraph.add_run(text)
        if bold:
            run.bold = True

    add(doc.group_name)
    add(doc.label("title"), heading=1)
    add(f"{doc.label('date')}: {doc.date_text}")
    if doc.place:
        add(f"{doc.label('place')}: {doc.place}")

    def table(heading: str, people: Sequence[PersonRow], header: bool) -> None:
        add(f"{heading}:")
        if not people:
            add(doc.label("none"))
            return
        rows = [(p.name, p.title, p.organisation) for p in people]
        if header:
            rows.insert(0, (doc.label("col_name"), doc.label("col_title"), doc.label("col_org")))
        grid = document.add_table(rows=len(rows), cols=3)
        for row, values in zip(grid.rows, rows, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value

    table(doc.label("participants"), doc.participants, True)
    if doc.guests:
        table(doc.label("guests"), doc.guests, False)
    table(doc.label("absent"), doc.absent, False)
    for item in doc.items:
        add(f"{doc.label('item')} {_heading(item)}", heading=2)
        for heading, lines, bullets in _item_sections(doc, item):
            add(heading, bold=True)
            for line in lines:
                if line.strip():
                    add(f"- {line}" if bullets else line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _latin1(text: str) -> str:
    return text.translate(_LATIN1).encode("latin-1", "replace").decode("latin-1")


def referat_pdf(doc: ReferatDocument) -> bytes:
    """Return the referat as PDF (fpdf2's core Helvetica, whose latin-1 covers æøå)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_margins(20, 18, 20)
    pdf.add_page()
    width = pdf.epw

    widths: dict[tuple[str, float, str], float] = {}

    def measure(word: str, style: str, size: float) -> float:
        key = (style, size, word)
        found = widths.get(key)
        if found is None:
            found = widths[key] = pdf.get_string_width(word)
        return found

    def line(text: str, size: float = 10, style: str = "", gap: float = 1.5) -> None:
        # Wrapped here, word by word with cached widths: fpdf2's multi_cell measures every
        # character of every line again and is several times slower for a long referat.
        pdf.set_font("Helvetica", style, size)
        space = measure(" ", style, size)
        for paragraph in _latin1(text).split("\n"):
            current: list[str] = []
            used = 0.0
            for word in paragraph.split(" "):
                wide = measure(word, style, size)
                if current and used + space + wide > width:
                    pdf.cell(width, size * 0.5, " ".join(current), new_x="LMARGIN", new_y="NEXT")
                    current, used = [], 0.0
                used += (space if current else 0.0) + wide
                current.append(word)
            pdf.cell(width, size * 0.5, " ".join(current), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(gap)

    line(doc.group_name, 11)
    line(doc.label("title"), 16, "B", 3)
    line(f"{doc.label('date')}: {doc.date_text}")
    if doc.place:
        line(f"{doc.label('place')}: {doc.place}")

    def table(heading: str, people: Sequence[PersonRow], header: bool) -> None:
        line(f"{heading}:", 10, "B")
        if not people:
            line(doc.label("none"))
            return
        rows = [(p.name, p.title, p.organisation) for p in people]
        pdf.set_font("Helvetica", "", 9)
        with pdf.table(
            col_widths=(34, 33, 33),
            text_align="LEFT",
            first_row_as_headings=header,
            line_height=5,
        ) as grid:
            if header:
                grid.row(
                    [
                        _latin1(doc.label("col_name")),
                        _latin1(doc.label("col_title")),
                        _latin1(doc.label("col_org")),
                    ]
                )
            for row in rows:
                grid.row([_latin1(cell) for cell in row])
        pdf.ln(2)

    table(doc.label("participants"), doc.participants, True)
    if doc.guests:
        table(doc.label("guests"), doc.guests, False)
    table(doc.label("absent"), doc.absent, False)
    for item in doc.items:
        pdf.ln(2)
        line(f"{doc.label('item')} {_heading(item)}", 12, "B", 2)
        for heading, lines, bullets in _item_sections(doc, item):
            line(heading, 10, "B", 1)
            for text in lines:
                if text.strip():
                    line(f"- {text}" if bullets else text)
    return bytes(pdf.output())
