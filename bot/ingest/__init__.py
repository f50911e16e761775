"""Turn uploaded agendas and minutes into structured meetings, items and decisions.

The layer is pure: bytes or text in, dataclasses out, no database. ``load_document``
extracts the text of a txt, md, pdf or docx file, cleans the artefacts of PDF export and
parses the result; ``parse_document`` does the last two for text already extracted.
"""

from __future__ import annotations

from bot.ingest.clean import CleanReport, clean, clean_text
from bot.ingest.errors import NotMinutesError, UnsupportedDocument
from bot.ingest.extract import DEFAULT_MAX_BYTES, extract_text
from bot.ingest.model import (
    Attachment,
    DocumentKind,
    ExtractedText,
    ParsedAttendance,
    ParsedDocument,
    ParsedItem,
    Person,
)
from bot.ingest.parse import load_document, parse_document

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Attachment",
    "CleanReport",
    "DocumentKind",
    "ExtractedText",
    "NotMinutesError",
    "ParsedAttendance",
    "ParsedDocument",
    "ParsedItem",
    "Person",
    "UnsupportedDocument",
    "clean",
    "clean_text",
    "extract_text",
    "load_document",
    "parse_document",
]
