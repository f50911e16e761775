"""Render a layout document (light markup) as TXT, DOCX or PDF bytes.

Markup, one line each: ``## text`` a heading (Word "Heading 1", bold larger PDF line),
``#. text`` an automatically numbered list paragraph (Word numbering; "n." in text),
``* text`` a bullet, ``| a | b | c`` a table row (a Word table; in text and PDF each
cell on its own line, as a flattened table prints), ``**text**`` a bold line.
"""

from __future__ import annotations

import io
from pathlib import Path

_FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
_LATIN = str.maketrans({"„": '"', "“": '"', "”": '"', "–": "-", "—": "-", "•": "-", "’": "'"})


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def plain_lines(markup: str, *, bullet: str = "•") -> list[tuple[str, str]]:
    """Return (style, text) lines: style is "h", "b" (bold), "row-cell" or ""."""
    out: list[tuple[str, str]] = []
    counter = 0
    in_table = False
    for raw in markup.split("\n"):
        line = raw.rstrip()
        if line.startswith("#. "):
            counter += 1
            out.append(("", f"{counter}. {line[3:]}"))
            continue
        if line.startswith("| "):
            if in_table:
                out.append(("", ""))
            in_table = True
            out.extend(("cell", cell) for cell in _cells(line))
            continue
        if in_table:
            in_table = False
            out.append(("", ""))
        if line.startswith("## "):
            out.append(("h", line[3:]))
        elif line.startswith("**") and line.endswith("**") and len(line) > 4:
            out.append(("b", line[2:-2]))
        elif line.startswith("* "):
            out.append(("", f"{bullet} {line[2:]}"))
        else:
            out.append(("", line))
    return out


def to_txt(markup: str) -> bytes:
    """Return the document as a UTF-8 text file (tables flattened, one cell per line)."""
    return ("\n".join(text for _, text in plain_lines(markup)) + "\n").encode()


def to_docx(markup: str) -> bytes:
    """Return the document as a Word file with real headings, numbering and tables."""
    import docx

    document = docx.Document()
    rows: list[list[str]] = []

    def flush() -> None:
        if not rows:
            return
        width = max(len(r) for r in rows)
        table = document.add_table(rows=len(rows), cols=width)
        for row, cells in zip(table.rows, rows, strict=True):
            for cell, value in zip(row.cells, cells, strict=False):
                cell.text = value
        rows.clear()

    for raw in markup.split("\n"):
        line = raw.rstrip()
        if line.startswith("| "):
            rows.append(_cells(line))
            continue
        flush()
        if not line.strip():
            continue
        if line.startswith("## "):
            document.add_heading(line[3:], level=1)
        elif line.startswith("#. "):
            document.add_paragraph(line[3:], style="List Number")
        elif line.startswith("* "):
            document.add_paragraph(line[2:], style="List Bullet")
        elif line.startswith("**") and line.endswith("**") and len(line) > 4:
            document.add_paragraph().add_run(line[2:-2]).bold = True
        else:
            document.add_paragraph(line)
    flush()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def to_pdf(markup: str) -> bytes:
    """Return the document as a PDF: headings and bold lines in a bold, larger font."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    unicode_font = (_FONT_DIR / "DejaVuSans.ttf").is_file()
    if unicode_font:
        pdf.add_font("Body", "", str(_FONT_DIR / "DejaVuSans.ttf"))
        pdf.add_font("Body", "B", str(_FONT_DIR / "DejaVuSans-Bold.ttf"))
        family = "Body"
    else:
        family = "Helvetica"
    for style, text in plain_lines(markup, bullet="•" if unicode_font else "-"):
        if not unicode_font:
            text = text.translate(_LATIN)
        if style == "h":
            pdf.set_font(family, "B", 13)
        elif style == "b":
            pdf.set_font(family, "B", 10)
        else:
            pdf.set_font(family, "", 10)
        if not text.strip():
            pdf.ln(4)
            continue
        pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def render(markup: str, fmt: str) -> bytes:
    """Return the document in the given format ("txt", "docx" or "pdf")."""
    if fmt == "docx":
        return to_docx(markup)
    if fmt == "pdf":
        return to_pdf(markup)
    return to_txt(markup)
