"""Parse the text of an agenda or minutes into a :class:`ParsedDocument`."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from bot.domain.enums import ItemKind
from bot.ingest.clean import clean_text
from bot.ingest.errors import NotMinutesError
from bot.ingest.extract import DEFAULT_MAX_BYTES, extract_text
from bot.ingest.header import TZ, Header, dates_in, read_header
from bot.ingest.layouts import (
    AGENDA,
    HEADINGS,
    NUMBERED,
    TABLE,
    Loose,
    heading_items,
    label_items,
    paragraph_items,
    structural_lines,
    table_items,
    whole_document,
)
from bot.ingest.model import DocumentKind, ParsedDocument, ParsedItem
from bot.ingest.outcomes import (
    is_attendance_note,
    is_nothing,
    split_outcome,
    stated_outcomes,
    unlabelled,
)
from bot.ingest.sections import (
    ATTACHMENTS,
    BACKGROUND,
    DECISION,
    DISCUSSION,
    RECOMMENDATION,
    SUMMARY,
    attachments,
    entries,
    flow,
    item_kind,
    section_field,
    split_body,
)
from bot.ingest.structure import Heading, find_outline, group_kind

_SIGNALS = re.compile(
    r"\b(dagsorden|referat|møde|styregrupp|udvalg|bestyrelse|beslut|indstilling|"
    r"deltager|afbud|punkt|bilag|godkend|orienter|sagsfremstilling|drøft|resum|"
    r"generalforsamling|repræsentantskab|dirigent|tilstede|til stede|fraværende|"
    r"vedtag|efterretning|aftalt|råd\w*|formand|kasserer|protokol|medlemmer)",
    re.IGNORECASE,
)
_NEXT_ITEMS_TITLE = re.compile(r"^punkter\s+til\s+(?:næste|kommende)\s+møde", re.IGNORECASE)
_NEXT_MEETING_TITLE = re.compile(r"^(?:næste|kommende)\s+møde", re.IGNORECASE)
_NEXT_ITEMS_LEAD = re.compile(
    r"punkter\s+til\s+(?:(?:den\s+)?(?:næste|kommende)\s+møde|dagsorden\w*)\s*:?\s*$",
    re.IGNORECASE,
)
_NEXT_MEETING_LINE = re.compile(
    r"^\s*(?:•\s*)?(?:næste|kommende)\s+(?:\w+)?møde\w*\b", re.IGNORECASE
)
_MINUTES_TITLE = re.compile(r"\b(?:referat|mødereferat|beslutningsprotokol|protokol)", re.I)
_AGENDA_TITLE = re.compile(r"\bdagsorden", re.IGNORECASE)
_DECISION_HEADING_MAX = 100
_DATE_LOOKAHEAD = 25
# A hundred pages of minutes are some 300 000 characters; far beyond that is not one meeting.
MAX_CHARACTERS = 2_000_000


def load_document(
    data: bytes,
    filename: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    now: datetime | None = None,
) -> ParsedDocument:
    """Extract, clean and parse an uploaded file (txt, md, pdf or docx)."""
    extracted = extract_text(data, filename, max_bytes=max_bytes)
    parsed = parse_document(extracted.text, filename=filename, now=now, headings=extracted.headings)
    if extracted.warnings:
        parsed.warnings[:0] = extracted.warnings
    if "\ufffd" in extracted.text:
        parsed.flags.append("unreadable_characters")
    return parsed


def parse_document(
    text: str,
    *,
    filename: str | None = None,
    now: datetime | None = None,
    headings: frozenset[str] = frozenset(),
    prefer: str | None = None,
) -> ParsedDocument:
    """Parse the text of an agenda or minutes; raise NotMinutesError when it is neither.

    The text is cleaned first (cleaning is idempotent, so already clean text is fine).
    ``filename`` is only consulted when the header has no meeting date or title;
    ``now`` only matters for a header date without a year; ``headings`` are the lines
    the file marks as headings (Word styles, bold PDF lines), used when no numbered
    items are found. ``prefer`` forces a reading ("numbered", "table", "labels",
    "bullets", "paragraphs", "whole") when the secretary asks to re-read a document.
    """
    if not text.strip():
        raise NotMinutesError("empty", "empty_text")
    if len(text) > MAX_CHARACTERS:
        raise NotMinutesError("too_long", count=len(text), limit=MAX_CHARACTERS)
    cleaned = _unfold_inline_agenda(clean_text(text))
    lines = cleaned.split("\n")
    if not cleaned.strip():
        raise NotMinutesError("empty", "empty_text")
    signals = {m.group(1).lower() for m in _SIGNALS.finditer(cleaned[:20000])}
    if len(signals) < 2:
        raise NotMinutesError("not_meeting_document")
    structural = structural_lines(lines)
    outline = find_outline(structural, headings)
    loose = (
        _loose_structure(lines, len(outline.headings), headings)
        if prefer is None
        else _preferred(lines, outline.headings != [], headings, prefer)
    )
    header_end = loose.header_end if loose is not None else outline.header_end
    moment = now or datetime.now(ZoneInfo(TZ))
    header = read_header(lines, header_end, moment)
    warnings = list(outline.warnings) + header.warnings
    flags: list[str] = []
    date_source = header.date_source
    meeting_date = header.meeting_date
    if meeting_date is None and header_end < len(lines):
        # The header ended early (a layout read loosely): look a little further down.
        wider = read_header(lines, min(len(lines), header_end + _DATE_LOOKAHEAD), moment)
        if wider.meeting_date is not None:
            meeting_date = wider.meeting_date
            date_source = "text"
    if meeting_date is None and filename:
        # Archives often name files by their meeting ("udvalg-2024-03-15-referat.pdf").
        stem = re.split(r"[/\\]", filename)[-1].rsplit(".", 1)[0].replace("_", " ")
        for when, words in dates_in(stem, moment, "nearest", limit=3):
            if re.search(r"(?<!\d)(?:19|20)\d{2}(?!\d)", words):
                meeting_date = when.date
                date_source = "filename"
                warnings.append("The meeting date was taken from the file name.")
                break
    if meeting_date is None:
        # Never refuse minutes for want of a date: a refused document loses its items,
        # decisions and attendance, and cannot even be found by a word. The day of the
        # import stands in, flagged, until the secretary corrects it from the reply.
        meeting_date = moment.date()
        date_source = "unknown"
        warnings.append("No meeting date was found; the day of the import stands in for it.")
    wrapped = is_wrapped(lines)
    # An agenda's bodies hold proposals, not outcomes: no unlabelled decisions there.
    agenda_only = bool(_AGENDA_TITLE.search(header.title or "")) and not _MINUTES_TITLE.search(
        header.title or ""
    )
    if loose is not None:
        structure = loose.structure
        agenda_only = bool(_AGENDA_TITLE.search(header.title or "")) and not (
            _MINUTES_TITLE.search(header.title or "")
        )
        items = _outcomes(_loose_items(loose, wrapped), agenda_only)
        next_date: date | None = None
        next_items: list[str] = []
        warnings.append(f"No numbered items were found; the items were read as {structure}.")
    else:
        structure = AGENDA if outline.anchored else NUMBERED
        items = [
            _item(pos, heading, outline.headings, lines, wrapped)
            for pos, heading in enumerate(outline.headings)
        ]
        items = _outcomes(items, agenda_only)
        if not outline.anchored:
            warnings.append("The document has no agenda list; items were found by their numbers.")
        meeting_moment = datetime.combine(meeting_date, time(12), tzinfo=ZoneInfo(TZ))
        next_date, next_items = _next_meeting(
            items, outline.headings, lines, wrapped, meeting_moment
        )
    title = header.title
    if not title and filename:
        title = re.split(r"[/\\]", filename)[-1].rsplit(".", 1)[0]
    kind = _document_kind(header, items)
    flags.extend(_flags(structure, date_source, kind, items, header))
    return ParsedDocument(
        kind=kind,
        title=title,
        group_name=header.group_name,
        meeting_date=meeting_date,
        start_time=header.start_time,
        end_time=header.end_time,
        place=header.place,
        attendance=header.attendance,
        items=items,
        next_meeting_date=next_date,
        items_for_next_meeting=next_items,
        warnings=warnings,
        text=cleaned,
        structure=structure,
        date_source=date_source,
        flags=flags,
        confidence=_confidence(structure, flags),
    )


_STRUCTURE_COST = {
    AGENDA: 0.0,
    NUMBERED: 0.05,
    TABLE: 0.1,
    HEADINGS: 0.15,
    "labels": 0.25,
    "bullets": 0.3,
    "paragraphs": 0.5,
    "whole": 0.7,
}
_FLAG_COST = {
    "fallback_structure": 0.0,
    "date_from_filename": 0.25,
    "date_without_year": 0.15,
    "date_from_text": 0.15,
    "date_unknown": 0.4,
    "decisions_missing": 0.15,
    "decisions_inferred": 0.1,
    "no_attendance": 0.05,
}


def _loose_structure(lines: list[str], numbered: int, headings: frozenset[str]) -> Loose | None:
    """Return a table, heading, label-line or bullet reading when the numbers explain less."""
    table = table_items(lines)
    if table is not None and len(table.items) >= max(2, numbered):
        return table
    if numbered >= 2:
        return None
    styled = heading_items(lines, headings)
    if styled is not None:
        return styled
    labelled = label_items(lines)
    if labelled is not None and len(labelled.items) >= max(2, numbered + 1):
        return labelled
    if numbered:
        return None
    return paragraph_items(lines) or whole_document(lines)


READINGS = (NUMBERED, TABLE, HEADINGS, "labels", "bullets", "paragraphs", "whole")


def _preferred(
    lines: list[str], numbered: bool, headings: frozenset[str], prefer: str
) -> Loose | None:
    """Return the reading the secretary asked for, or the best one when it is not there."""
    if prefer == NUMBERED and numbered:
        return None
    found: Loose | None = None
    if prefer == TABLE:
        found = table_items(lines)
    elif prefer == HEADINGS:
        found = heading_items(lines, headings)
    elif prefer in ("labels", "bullets"):
        found = label_items(lines, only=prefer)
    elif prefer == "paragraphs":
        found = paragraph_items(lines, whole=False)
    elif prefer == "whole":
        found = whole_document(lines)
    return found if found is not None else _loose_structure(lines, 2 if numbered else 0, headings)


def _loose_items(loose: Loose, wrapped: bool) -> list[ParsedItem]:
    items: list[ParsedItem] = []
    for pos, entry in enumerate(loose.items):
        decisions = list(entry.decisions)
        heading: str | None = "Beslutning" if decisions else None
        background = flow(entry.body, wrapped) or None
        if not decisions and loose.structure == HEADINGS:
            body = split_body(entry.body)
            for section in body.sections:
                if section.role == DECISION:
                    decisions.extend(entries(section.lines, wrapped))
                    heading = heading or section.heading
        items.append(
            ParsedItem(
                number=entry.number,
                title=entry.title,
                kind=item_kind(entry.title, None, None, None, None),
                background=background,
                decision_heading=heading,
                decisions=decisions,
                body_text=flow(entry.body, wrapped),
                position=pos,
            )
        )
    return items


def _outcomes(items: list[ParsedItem], agenda_only: bool) -> list[ParsedItem]:
    """Add the outcomes written without a label: in the heading, in prose, in short bodies."""
    labelled = any(item.decision_heading for item in items)
    result: list[ParsedItem] = []
    for item in items:
        kept = [d for d in item.decisions if not is_attendance_note(d)]
        if kept != item.decisions:
            item = replace(item, decisions=kept)
        if item.decisions:
            result.append(item)
            continue
        title, outcome = split_outcome(item.title, bool(item.body_text.strip()))
        if outcome is not None and not agenda_only:
            decisions = [] if is_nothing(outcome) else [outcome]
            result.append(replace(item, title=title, decisions=decisions))
            continue
        if labelled and not agenda_only:
            # A labelled document may still state one outcome bare ("Udsat til næste møde.").
            stated = stated_outcomes(item.body_text) or unlabelled(item.body_text, minutes=False)
            result.append(replace(item, decisions=stated) if stated else item)
            continue
        if labelled or not item.body_text.strip() or item.recommendation:
            result.append(item)
            continue
        found = unlabelled(item.body_text, minutes=not agenda_only)
        result.append(replace(item, decisions=found) if found else item)
    return result


def _flags(
    structure: str, date_source: str, kind: str, items: list[ParsedItem], header: Header
) -> list[str]:
    flags: list[str] = []
    if structure not in (AGENDA, NUMBERED, TABLE, HEADINGS):
        flags.append("fallback_structure")
    if date_source == "filename":
        flags.append("date_from_filename")
    elif date_source == "no_year":
        flags.append("date_without_year")
    elif date_source == "text":
        flags.append("date_from_text")
    elif date_source == "unknown":
        flags.append("date_unknown")
    if kind != "agenda":
        substantive = [i for i in items if i.kind != ItemKind.STANDING]
        if substantive and sum(1 for i in substantive if not i.decisions) * 2 > len(substantive):
            flags.append("decisions_missing")
    if any(i.decisions and not i.decision_heading for i in items):
        flags.append("decisions_inferred")
    attendance = header.attendance
    if not (attendance.participants or attendance.absent):
        flags.append("no_attendance")
    return flags


def _confidence(structure: str, flags: list[str]) -> float:
    value = 1.0 - _STRUCTURE_COST.get(structure, 0.5)
    value -= sum(_FLAG_COST.get(flag, 0.0) for flag in flags)
    return round(max(0.05, min(1.0, value)), 2)


_INLINE_AGENDA = re.compile(
    r"^(?P<lead>\s*(?:Dagsorden|Program|Punkter)\s*:?)\s*(?P<list>1\s*[.)]\s+\S.*\s2\s*[.)]\s+\S.*)$",
    re.IGNORECASE | re.MULTILINE,
)
_INLINE_ENTRY = re.compile(r"\s(?=\d{1,2}\s*[.)]\s+[^\W\d_])")


def _unfold_inline_agenda(text: str) -> str:
    """Put an agenda written on one line ("Dagsorden: 1) Regnskab 2) Pumpehus") one per line."""

    def unfold(match: re.Match[str]) -> str:
        entries = _INLINE_ENTRY.split(" " + match.group("list"))
        return match.group("lead") + "\n" + "\n".join(e.strip() for e in entries if e.strip())

    return _INLINE_AGENDA.sub(unfold, text)


def is_wrapped(lines: list[str]) -> bool:
    """Tell whether the text is hard-wrapped (a PDF text layer) or one line per paragraph."""
    texts = [line.strip() for line in lines if line.strip()]
    long = [t for t in texts if len(t) >= 40]
    if len(long) < 5:
        return False
    lengths = sorted(len(t) for t in texts)
    if lengths[int(0.9 * (len(lengths) - 1))] > 130:
        return False
    open_ends = sum(
        1
        for a, b in itertools.pairwise(texts)
        if len(a) >= 40 and a[-1] not in ".:;!?" and b[:1].islower()
    )
    return open_ends >= 0.15 * len(long)


def _body_lines(heading: Heading, headings: list[Heading], lines: list[str]) -> list[str]:
    if heading.index is None:
        return []
    start = heading.body_start if heading.body_start is not None else heading.index + 1
    later = [h.index for h in headings if h.index is not None and h.index > heading.index]
    end = min(later) if later else len(lines)
    body = lines[start:end]
    # The group label of the next items ("Punkter til orientering:") ends the body.
    while body and (not body[-1].strip() or group_kind(body[-1].strip()) is not None):
        body.pop()
    return body


def _item(
    pos: int, heading: Heading, headings: list[Heading], lines: list[str], wrapped: bool
) -> ParsedItem:
    body_lines = _body_lines(heading, headings, lines)
    body = split_body(body_lines)
    by_field: dict[str, list[str]] = {}
    for section in body.sections:
        if section.role in (DECISION, ATTACHMENTS):
            continue
        text = flow(section.lines, wrapped)
        if text:
            by_field.setdefault(section.role, []).append(text)
    preamble = flow(body.preamble, wrapped)
    if preamble:
        by_field.setdefault(BACKGROUND, []).insert(0, preamble)
    decision_sections = [s for s in body.sections if s.role == DECISION]
    decisions: list[str] = (
        [heading.inline] if heading.inline and not is_nothing(heading.inline) else []
    )
    for section in decision_sections:
        decisions.extend(entries(section.lines, wrapped))
    found_attachments = [
        attachment
        for section in body.sections
        if section.role == ATTACHMENTS
        for attachment in attachments(section.lines, wrapped)
    ]

    def joined(name: str) -> str | None:
        parts = by_field.get(name)
        return "\n\n".join(parts) if parts else None

    summary = joined(SUMMARY)
    recommendation = joined(RECOMMENDATION)
    heading_text = decision_sections[0].heading if decision_sections else None
    return ParsedItem(
        number=heading.label,
        title=heading.title,
        kind=item_kind(
            heading.title, heading.label_kind, heading.group_kind, summary, recommendation
        ),
        summary=summary,
        background=joined(BACKGROUND),
        recommendation=recommendation,
        attachments=found_attachments,
        discussion=joined(DISCUSSION),
        decision_heading=heading_text[:_DECISION_HEADING_MAX] if heading_text else None,
        decisions=decisions,
        body_text=flow(body_lines, wrapped),
        position=pos,
        agenda_title=heading.agenda_title,
    )


def _next_meeting(
    items: list[ParsedItem],
    headings: list[Heading],
    lines: list[str],
    wrapped: bool,
    meeting: datetime,
) -> tuple[date | None, list[str]]:
    points: list[str] = []
    texts: list[str] = []
    for item, heading in zip(items, headings, strict=True):
        body = _body_lines(heading, headings, lines)
        if _NEXT_ITEMS_TITLE.match(item.title):
            points.extend(entries(body, wrapped))
        elif _NEXT_MEETING_TITLE.match(item.title):
            texts.append(flow(body, wrapped))
            points.extend(_points_after_lead(body, wrapped))
        texts.extend(line for line in body if _NEXT_MEETING_LINE.match(line))
    for text in texts:
        for when, _words in dates_in(text, meeting, "nearest"):
            if when.date > meeting.date():
                return when.date, points
    return None, points


def _points_after_lead(body: list[str], wrapped: bool) -> list[str]:
    """Return the points listed under "Foreløbige punkter til dagsordenen:"."""
    for pos, line in enumerate(body):
        if _NEXT_ITEMS_LEAD.search(line.strip()):
            collected: list[str] = []
            for following in body[pos + 1 :]:
                if section_field(following) is not None:
                    break
                collected.append(following)
            return entries(collected, wrapped)
    return []


def _document_kind(header: Header, items: list[ParsedItem]) -> DocumentKind:
    has_decisions = any(item.decision_heading or item.decisions for item in items)
    title = header.title
    minutes_word = bool(_MINUTES_TITLE.search(title))
    agenda_word = bool(_AGENDA_TITLE.search(title))
    if minutes_word and (has_decisions or not agenda_word):
        return "minutes"
    if agenda_word:
        return "agenda_with_decisions" if has_decisions else "agenda"
    return "minutes" if has_decisions else "agenda"
