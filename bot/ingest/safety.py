"""Check an uploaded container (DOCX zip, PDF) on its actual bytes before it is parsed.

Why: a 700 kB Word file can inflate to hundreds of megabytes, and a zip's directory
can lie about its members' sizes; parsing such a file took gigabytes of memory and
minutes of CPU. So every zip member is streamed with a hard cap on the bytes actually
inflated (declared sizes are never trusted), XML parts are capped in size and element
count and refused when they declare a DTD (no entity expansion), and a PDF is capped
in pages and decoded content. The reasons are plain words, never exception names.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from bot.ingest.errors import UnsupportedDocument

#: All members of a DOCX together, as actually inflated (python-docx loads every part).
MAX_ZIP_INFLATED = 64 * 1024 * 1024
#: One XML part (document.xml of a hundred-page report is a few megabytes).
MAX_XML_BYTES = 16 * 1024 * 1024
#: Elements (opening tags) over all XML parts; each costs memory once parsed.
MAX_XML_ELEMENTS = 600_000
MAX_ZIP_MEMBERS = 2_000
MAX_PDF_PAGES = 500
#: Decoded page content of a whole PDF (text, drawing operators).
MAX_PDF_CONTENT = 48 * 1024 * 1024
_CHUNK = 64 * 1024

_TEXTS: dict[str, tuple[str, str]] = {
    "inflates_too_much": (
        "Word-dokumentet pakker ud til mere end {limit} MB; et referat fylder langt mindre. "
        "Gem det igen fra Word (uden indlejrede filer) eller som PDF.",
        "The Word document unpacks to more than {limit} MB; minutes take far less. Save it "
        "again from Word (without embedded files) or as a PDF.",
    ),
    "xml_too_large": (
        "Word-dokumentets tekstdel er større end {limit} MB eller har for mange elementer; "
        "et referat fylder langt mindre. Gem det som PDF, eller del det op.",
        "The Word document's text part is larger than {limit} MB or has too many elements; "
        "minutes take far less. Save it as a PDF, or split it.",
    ),
    "xml_doctype": (
        "Word-dokumentet indeholder XML-erklæringer, som Word aldrig skriver (DOCTYPE/ENTITY); "
        "gem det igen fra Word.",
        "The Word document contains XML declarations Word never writes (DOCTYPE/ENTITY); "
        "save it again from Word.",
    ),
    "damaged_docx": (
        "Word-dokumentet er beskadiget og kan ikke pakkes ud; gem det igen fra Word eller som PDF.",
        "The Word document is damaged and cannot be unpacked; save it again from Word or as a PDF.",
    ),
    "too_many_members": (
        "Zip-filen har over {limit} dele; det er ikke et almindeligt Word-dokument.",
        "The zip file has more than {limit} parts; that is not an ordinary Word document.",
    ),
    "pdf_too_many_pages": (
        "PDF'en har {pages} sider; grænsen er {limit}. Upload referatet fra ét møde ad gangen.",
        "The PDF has {pages} pages; the limit is {limit}. Upload one meeting's minutes at a time.",
    ),
    "pdf_too_much_content": (
        "PDF'ens sider pakker ud til mere end {limit} MB; gem den igen som almindelig PDF.",
        "The PDF's pages unpack to more than {limit} MB; save it again as an ordinary PDF.",
    ),
    "damaged_pdf": (
        "PDF'en er beskadiget og kan ikke læses; gem den igen (fx »Udskriv til PDF«).",
        "The PDF is damaged and cannot be read; save it again (e.g. “Print to PDF”).",
    ),
    "encrypted_pdf": (
        "PDF'en er beskyttet med adgangskode, så jeg kan ikke læse den; upload en kopi uden "
        "adgangskode.",
        "The PDF is password-protected, so I cannot read it; upload a copy without a password.",
    ),
}


#: The machine-readable codes, shared with ``bot.ingest.errors`` where they overlap.
_CODES = {
    "encrypted_pdf": "encrypted_pdf",
    "damaged_pdf": "unreadable_pdf",
    "damaged_docx": "unreadable_docx",
    "xml_doctype": "unreadable_docx",
}


class UnsafeDocument(UnsupportedDocument):
    """A container that would cost too much to open, or is damaged or protected."""

    def __init__(self, key: str, **params: object) -> None:
        """Build the error from this module's reasons (Danish and English)."""
        danish, english = _TEXTS[key]
        self.code = _CODES.get(key, "too_large")
        self.key = key
        self.params = params
        self.detail = danish.format(**params)
        self.detail_en = english.format(**params)
        Exception.__init__(self, self.detail)


def preflight(data: bytes) -> None:
    """Refuse a DOCX or PDF whose actual content is over the caps; other data passes."""
    if data.startswith(b"PK\x03\x04"):
        check_zip(data)
    elif b"%PDF-" in data[:1024]:
        check_pdf(data)


def check_zip(data: bytes) -> None:
    """Stream every member of a zip, counting the bytes actually inflated."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise UnsafeDocument("damaged_docx") from exc
    if len(members) > MAX_ZIP_MEMBERS:
        raise UnsafeDocument("too_many_members", limit=MAX_ZIP_MEMBERS)
    total = 0
    elements = 0
    for info in members:
        is_xml = info.filename.lower().endswith((".xml", ".rels"))
        size = 0
        tail = b""
        try:
            with archive.open(info) as stream:
                while chunk := stream.read(_CHUNK):
                    size += len(chunk)
                    total += len(chunk)
                    if total > MAX_ZIP_INFLATED:
                        raise UnsafeDocument("inflates_too_much", limit=MAX_ZIP_INFLATED >> 20)
                    if not is_xml:
                        continue
                    if size > MAX_XML_BYTES:
                        raise UnsafeDocument("xml_too_large", limit=MAX_XML_BYTES >> 20)
                    elements += chunk.count(b"<") - chunk.count(b"</")
                    if elements > MAX_XML_ELEMENTS:
                        raise UnsafeDocument("xml_too_large", limit=MAX_XML_BYTES >> 20)
                    window = (tail + chunk).upper()
                    if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
                        raise UnsafeDocument("xml_doctype")
                    tail = chunk[-16:]
        except UnsafeDocument:
            raise
        except Exception as exc:  # zlib.error, BadZipFile (CRC), NotImplementedError, EOFError
            raise UnsafeDocument("damaged_docx") from exc


def check_pdf(data: bytes) -> None:
    """Refuse a protected PDF, one with too many pages or too much decoded page content."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnsafeDocument("encrypted_pdf")
        pages = len(reader.pages)
        if pages > MAX_PDF_PAGES:
            raise UnsafeDocument("pdf_too_many_pages", pages=pages, limit=MAX_PDF_PAGES)
        content = 0
        for page in reader.pages:
            content += _content_length(page)
            if content > MAX_PDF_CONTENT:
                raise UnsafeDocument("pdf_too_much_content", limit=MAX_PDF_CONTENT >> 20)
    except UnsafeDocument:
        raise
    except Exception as exc:  # pypdf raises many types on damaged files
        if "decrypt" in str(exc).lower() or "encrypt" in str(exc).lower():
            raise UnsafeDocument("encrypted_pdf") from exc
        raise UnsafeDocument("damaged_pdf") from exc


def _content_length(page: Any) -> int:
    contents = page.get_contents()
    return 0 if contents is None else len(contents.get_data())
