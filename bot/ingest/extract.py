"""Extract the text of an uploaded agenda or minutes file (txt, md, pdf, docx)."""

from __future__ import annotations

import codecs
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from typing import Any

from bot.ingest.errors import NotMinutesError, UnsupportedDocument
from bot.ingest.model import ExtractedText, SourceFormat
from bot.ingest.safety import preflight

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# A .docx is a zip: refuse archives that inflate far beyond the upload limit (zip bombs).
_MAX_INFLATION = 10

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _w(tag: str) -> str:
    return f"{{{_W_NS}}}{tag}"


_IMAGE_MAGIC = (
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF87a",
    b"GIF89a",
    b"II*\x00",
    b"MM\x00*",
)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def extract_text(
    data: bytes, filename: str, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> ExtractedText:
    """Return the text of an uploaded file, detecting its type from its content.

    The filename only hints at Markdown versus plain text and is never used as a
    path. Raises :class:`UnsupportedDocument` (a :class:`NotMinutesError`) with a
    reason when the file is too large, of an unreadable type, or a PDF without text.
    """
    if len(data) > max_bytes:
        raise UnsupportedDocument(
            "too_large", size=len(data) / 1_048_576, limit=max_bytes / 1_048_576
        )
    if not data.strip():
        raise NotMinutesError("empty")
    preflight(data)
    suffix = _suffix(filename)
    head = data[:1024]
    if b"%PDF-" in head:
        return _from_pdf(data)
    if data.startswith(b"PK\x03\x04"):
        return _from_zip(data, max_bytes)
    if data.startswith(_OLE_MAGIC):
        raise UnsupportedDocument("unsupported_format", "old_doc")
    if data.lstrip()[:5] == b"{\\rtf":
        raise UnsupportedDocument("unsupported_format", "rtf")
    if data.startswith(_IMAGE_MAGIC):
        raise UnsupportedDocument("unsupported_format", "image")
    text = _decode_text(data)
    warnings: list[str] = []
    unreadable = text.count("\ufffd")
    if unreadable:
        warnings.append(f"{unreadable} characters could not be read and are shown as �.")
    if suffix in {"pdf", "docx", "doc"}:
        warnings.append(f"The file is named .{suffix} but contains plain text.")
    fmt: SourceFormat = "md" if suffix in {"md", "markdown"} else "txt"
    return ExtractedText(text=_normalise(text), format=fmt, pages=None, warnings=warnings)


def _suffix(filename: str) -> str:
    base = filename.replace("\\", "/").rsplit("/", 1)[-1]
    stem, dot, ext = base.rpartition(".")
    return ext.lower() if dot and stem else ""


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return unicodedata.normalize("NFC", text)


_CONTROLS = bytes(b for b in range(32) if b not in b"\t\n\r\f\x1b")
_CHUNK = 4096


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    """Decode the bytes UTF-8 rejects as cp1252 (one stray Windows byte in a UTF-8 file)."""
    assert isinstance(error, UnicodeDecodeError)
    raw = error.object[error.start : error.end]
    return raw.decode("cp1252", errors="replace"), error.end


codecs.register_error("referent-cp1252", _cp1252_fallback)


def _utf16_without_bom(data: bytes) -> str | None:
    """Return the text of UTF-16 without a byte order mark (every other byte zero)."""
    half = len(data) // 2
    if half < 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    for zeros, others, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros >= 0.4 * half and others <= 0.02 * half:
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    return None


def _is_binary(data: bytes) -> bool:
    """Tell whether any part of the file is binary (checked on every byte, not a sample)."""
    if b"\x00" in data:
        return True
    for start in range(0, len(data), _CHUNK):
        chunk = data[start : start + _CHUNK]
        controls = len(chunk) - len(chunk.translate(None, _CONTROLS))
        if controls > max(8, len(chunk) // 20):
            return True
    return False


def _decode_text(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    if _is_binary(data):
        raise UnsupportedDocument("unsupported_format", "binary")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Mostly UTF-8 with a few Windows bytes: keep the UTF-8 and read the strays as cp1252.
    multibyte = len(re.findall(rb"[\xc2-\xf4][\x80-\xbf]+", data))
    strays = len(data.decode("utf-8", errors="replace").split("\ufffd")) - 1
    if multibyte > strays:
        return data.decode("utf-8", errors="referent-cp1252")
    from charset_normalizer import from_bytes

    # The minutes are Danish: cp1252 that yields æ, ø or å wins over a guessed Central
    # European code page that reads the same bytes as "ř" and "ĺ".
    try:
        windows = data.decode("cp1252")
    except UnicodeDecodeError:
        windows = None
    if windows is not None and re.search("[æøåÆØÅ]", windows):
        return windows
    best = from_bytes(data).best()
    if best is not None and best.encoding:
        return str(best)
    # Files saved by older Windows programs: cp1252 covers æ, ø, å and the typographic
    # quotes and dashes Word inserts.
    return data.decode("cp1252", errors="replace")


# --- PDF -----------------------------------------------------------------------------


def _from_pdf(data: bytes) -> ExtractedText:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnsupportedDocument("encrypted_pdf")
        bold: set[str] = set()
        pages = [_page_text(page, bold) for page in reader.pages]
    except NotMinutesError:
        raise
    except Exception as exc:  # pypdf raises many types on damaged files
        raise UnsupportedDocument("unreadable_pdf", error=type(exc).__name__) from exc
    if not pages:
        raise UnsupportedDocument("unreadable_pdf", "pdf_no_pages")
    with_text = [p for p in pages if len(p.strip()) >= 20]
    if not with_text:
        raise UnsupportedDocument("no_text_layer")
    warnings: list[str] = []
    if len(with_text) < len(pages):
        warnings.append(
            f"{len(pages) - len(with_text)} of {len(pages)} PDF pages have no text "
            "(scanned pages are skipped)."
        )
    # A form feed between pages lets the cleaner find page boundaries (footers, headers).
    text = "\n\f\n".join(pages)
    return ExtractedText(
        text=_normalise(text),
        format="pdf",
        pages=len(pages),
        warnings=warnings,
        headings=frozenset(_normalise(h) for h in bold),
    )


def _page_text(page: Any, bold: set[str]) -> str:
    """Return a page's text, adding the lines set wholly in a bold font to ``bold``."""
    line: list[tuple[str, bool]] = []

    def finish() -> None:
        text = "".join(part for part, _ in line).strip()
        if text and len(text) <= HEADING_MAX and all(b for part, b in line if part.strip()):
            bold.add(text)
        line.clear()

    def visit(text: str, _cm: Any, _tm: Any, font: Any, _size: Any) -> None:
        name = str(font.get("/BaseFont", "")) if isinstance(font, dict) else ""
        heavy = bool(re.search(r"bold|black|heavy|semibold|demi", name, re.IGNORECASE))
        parts = text.split("\n")
        for pos, part in enumerate(parts):
            if pos:
                finish()
            if part:
                line.append((part, heavy))

    text = page.extract_text(visitor_text=visit) or ""
    finish()
    return text


# --- DOCX ----------------------------------------------------------------------------


def _from_zip(data: bytes, max_bytes: int) -> ExtractedText:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        inflated = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnsupportedDocument("unreadable_docx", "damaged_zip") from exc
    if "word/document.xml" not in names:
        if "content.xml" in names:
            raise UnsupportedDocument("unsupported_format", "odt")
        raise UnsupportedDocument("unsupported_format", "zip")
    if inflated > max(max_bytes * _MAX_INFLATION, 1):
        raise UnsupportedDocument("too_large", "docx_too_large")
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        headings: set[str] = set()
        text = _docx_text(document, headings)
    except NotMinutesError:
        raise
    except Exception as exc:  # python-docx / lxml raise many types on damaged files
        raise UnsupportedDocument("unreadable_docx", error=type(exc).__name__) from exc
    return ExtractedText(
        text=_normalise(text),
        format="docx",
        pages=None,
        warnings=[],
        headings=frozenset(_normalise(h) for h in headings),
    )


class _Numbering:
    """Render Word's automatic list numbers and bullets as the text a reader sees."""

    def __init__(self, document: Any) -> None:
        self._levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self._counters: dict[str, list[int]] = {}
        self._style_numpr: dict[str, tuple[str, int] | None] = {}
        self._styles = document.styles.element
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in root.iterchildren(_w("abstractNum")):
            levels: dict[int, tuple[str, str, int]] = {}
            for lvl in node.iterchildren(_w("lvl")):
                ilvl = int(lvl.get(_w("ilvl"), "0"))
                fmt = _child_val(lvl, "numFmt") or "decimal"
                text = _child_val(lvl, "lvlText") or ""
                start = int(_child_val(lvl, "start") or "1")
                levels[ilvl] = (fmt, text, start)
            abstract[node.get(_w("abstractNumId"), "")] = levels
        for num in root.iterchildren(_w("num")):
            ref = _child_val(num, "abstractNumId") or ""
            self._levels[num.get(_w("numId"), "")] = abstract.get(ref, {})

    def prefix(self, paragraph: Any) -> tuple[str, bool]:
        """Return the rendered list marker of a paragraph and whether it is a list item."""
        found = self._numpr(paragraph)
        if found is None:
            return "", False
        num_id, ilvl = found
        if ilvl == 0:
            # "List Bullet 2" nests by its style, not by a list level.
            style = re.search(r"\s(\d)$", _style_name(paragraph))
            if style:
                ilvl = max(0, int(style.group(1)) - 1)
        levels = self._levels.get(num_id)
        if not levels or num_id == "0":
            return "", False
        fmt, template, _start = levels.get(ilvl, ("bullet", "•", 1))
        counters = self._counters.setdefault(num_id, [])
        while len(counters) <= ilvl:
            counters.append(levels.get(len(counters), ("", "", 1))[2] - 1)
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, len(counters)):
            counters[deeper] = levels.get(deeper, ("", "", 1))[2] - 1
        indent = "  " * ilvl
        if fmt == "bullet":
            return f"{indent}• ", True
        if fmt == "none":
            return indent, True
        rendered = template
        for level, count in enumerate(counters[: ilvl + 1]):
            level_fmt = levels.get(level, ("decimal", "", 1))[0]
            rendered = rendered.replace(f"%{level + 1}", _format_number(count, level_fmt))
        return f"{indent}{rendered} ", True

    def _numpr(self, paragraph: Any) -> tuple[str, int] | None:
        ppr = paragraph._p.pPr
        if ppr is not None and ppr.numPr is not None:
            num_id = ppr.numPr.numId
            ilvl = ppr.numPr.ilvl
            if num_id is not None:
                return str(num_id.val), int(ilvl.val) if ilvl is not None else 0
        style_id = ppr.pStyle.val if ppr is not None and ppr.pStyle is not None else None
        return self._style_lookup(style_id, 0) if style_id else None

    def _style_lookup(self, style_id: str, depth: int) -> tuple[str, int] | None:
        if style_id in self._style_numpr:
            return self._style_numpr[style_id]
        result: tuple[str, int] | None = None
        if depth < 10:
            for style in self._styles.iterchildren(_w("style")):
                if style.get(_w("styleId")) != style_id:
                    continue
                ppr = style.find(_w("pPr"))
                numpr = ppr.find(_w("numPr")) if ppr is not None else None
                if numpr is not None and numpr.find(_w("numId")) is not None:
                    num_id = numpr.find(_w("numId")).get(_w("val"), "")
                    ilvl_node = numpr.find(_w("ilvl"))
                    ilvl = int(ilvl_node.get(_w("val"), "0")) if ilvl_node is not None else 0
                    result = (num_id, ilvl)
                else:
                    based = style.find(_w("basedOn"))
                    if based is not None:
                        result = self._style_lookup(based.get(_w("val"), ""), depth + 1)
                break
        self._style_numpr[style_id] = result
        return result


def _style_name(paragraph: Any) -> str:
    try:
        style = paragraph.style
    except (KeyError, ValueError, AttributeError):
        return ""
    return str(style.name) if style is not None and style.name else ""


def _child_val(node: Any, tag: str) -> str | None:
    child = node.find(_w(tag))
    if child is None:
        return None
    value = child.get(_w("val"))
    return str(value) if value is not None else None


def _format_number(count: int, fmt: str) -> str:
    if fmt in {"upperLetter", "lowerLetter"}:
        letters = ""
        n = max(count, 1)
        while n:
            n, rem = divmod(n - 1, 26)
            letters = chr(ord("A") + rem) + letters
        return letters if fmt == "upperLetter" else letters.lower()
    if fmt in {"upperRoman", "lowerRoman"}:
        roman = _roman(max(count, 1))
        return roman if fmt == "upperRoman" else roman.lower()
    return str(count)


def _roman(n: int) -> str:
    out = ""
    for value, numeral in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out += numeral
            n -= value
    return out


_HEADING_STYLE = re.compile(r"^(?:heading|overskrift|title|titel)\b", re.IGNORECASE)
HEADING_MAX = 150


def _emphasised(paragraph: Any) -> bool:
    """Tell whether a Word paragraph is a heading: a heading style, or bold throughout."""
    if _HEADING_STYLE.match(_style_name(paragraph)):
        return True
    runs = [run for run in paragraph.runs if run.text.strip()]
    return bool(runs) and all(run.bold for run in runs)


def _docx_text(document: Any, headings: set[str] | None = None) -> str:
    from docx.text.paragraph import Paragraph

    numbering = _Numbering(document)

    def paragraph_text(element: Any) -> tuple[str, str]:
        paragraph = Paragraph(element, document)
        text = paragraph.text
        for link in paragraph.hyperlinks:
            url = link.url
            if url and url not in text:
                text = f"{text} {url}"
        marker, is_list = numbering.prefix(paragraph)
        short = bool(text.strip()) and len(text) <= HEADING_MAX
        if headings is not None and short and _emphasised(paragraph):
            headings.add(f"{marker}{text}".strip())
        return (f"{marker}{text}" if text.strip() else ""), ("list" if is_list else "")

    def walk(container: Any) -> Iterator[tuple[str, str]]:
        for child in container.iterchildren():
            if child.tag == _w("p"):
                yield paragraph_text(child)
            elif child.tag == _w("tbl"):
                yield from _table_rows(child, document)
            elif child.tag == _w("sdt"):
                content = child.find(_w("sdtContent"))
                if content is not None:
                    yield from walk(content)

    out: list[str] = []
    previous = ""
    for text, group in walk(document.element.body):
        if not text.strip():
            continue
        # Paragraphs become blank-line separated blocks; list items and table rows stay
        # on consecutive lines, as minutes print a participants table and bullet lists.
        if out and not (group and group == previous):
            out.append("")
        out.append(text)
        previous = group
    return "\n".join(out) + "\n"


def _table_rows(table: Any, document: Any) -> Iterator[tuple[str, str]]:
    from docx.text.paragraph import Paragraph

    for row in table.iterchildren(_w("tr")):
        cells: list[str] = []
        for cell in row.iterchildren(_w("tc")):
            props = cell.find(_w("tcPr"))
            vmerge = props.find(_w("vMerge")) if props is not None else None
            if vmerge is not None and vmerge.get(_w("val")) in (None, "continue"):
                cells.append("")
                continue
            parts = [Paragraph(p, document).text.strip() for p in cell.iter(_w("p"))]
            cells.append(" ".join(part for part in parts if part).replace("\t", " "))
        if any(cells):
            yield "\t".join(cells).rstrip("\t"), "row"
