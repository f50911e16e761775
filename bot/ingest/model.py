"""Define the dataclasses the document importer produces: text in, structure out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from typing import Literal

from bot.domain.enums import ItemKind

DocumentKind = Literal["agenda", "minutes", "agenda_with_decisions"]
SourceFormat = Literal["txt", "md", "pdf", "docx"]


@dataclass(frozen=True, slots=True)
class ExtractedText:
    """Text taken out of an uploaded file, before cleaning."""

    text: str
    format: SourceFormat
    pages: int | None = None
    warnings: list[str] = field(default_factory=list)
    # Lines the file itself marks as headings: Word heading styles, bold paragraphs,
    # PDF lines set in a bold font.
    headings: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Person:
    """One person named in the participants, guests or apologies block."""

    name: str
    title: str | None = None
    organisation: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class ParsedAttendance:
    """Who took part, who was a guest and who sent afbud."""

    participants: list[Person] = field(default_factory=list)
    guests: list[Person] = field(default_factory=list)
    absent: list[Person] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Attachment:
    """One bilag of an item: its title and, when the document links it, the URL."""

    title: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class ParsedItem:
    """One agenda item with its sections and the decisions recorded under it.

    ``number`` is the item's label as the agenda gives it ("1", "8A" for lettered
    sub-items of item 8); ``position`` is the 0-based order in the document;
    ``agenda_title`` is the title as listed in the agenda or table of contents when
    the document has one (it often differs slightly from the heading over the body).
    """

    number: str
    title: str
    kind: ItemKind
    summary: str | None = None
    background: str | None = None
    recommendation: str | None = None
    attachments: list[Attachment] = field(default_factory=list)
    discussion: str | None = None
    decision_heading: str | None = None
    decisions: list[str] = field(default_factory=list)
    body_text: str = ""
    position: int = 0
    agenda_title: str | None = None


@dataclass(frozen=True, slots=True)
class ParsedDocument:
    """A parsed agenda or set of minutes of one meeting.

    ``text`` is the cleaned full text the structure was read from (what an archive
    stores and searches).
    """

    kind: DocumentKind
    title: str
    group_name: str | None
    meeting_date: date
    start_time: time | None
    end_time: time | None
    place: str | None
    attendance: ParsedAttendance
    items: list[ParsedItem]
    next_meeting_date: date | None
    items_for_next_meeting: list[str]
    warnings: list[str]
    text: str = ""
    # How the items were found: "agenda", "numbered", "table", "labels", "bullets",
    # "paragraphs" or "whole" (the weaker readings are fallbacks).
    structure: str = "agenda"
    # Where the meeting date came from: "header", "no_year" (inferred) or "filename".
    date_source: str = "header"
    # What is uncertain ("fallback_structure", "date_from_filename", "decisions_missing", …).
    flags: list[str] = field(default_factory=list)
    confidence: float = 1.0
