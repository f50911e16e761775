"""Read the layouts that have no numbered item headings: tables, label lines, bullets.

``find_outline`` reads numbered headings. Many minutes have none: a table of
Emne / Proces / Beslutning, label lines ("Økonomi: mindreforbrug, overføres"), one
bullet per item, or plain paragraphs. This module finds those structures, and the
outcomes secretaries write without a "Beslutning" label, so no document with text
is refused.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from bot.ingest.outcomes import unlabelled
from bot.ingest.sections import section_field

# How a document's items were found, weakest last.
AGENDA = "agenda"
NUMBERED = "numbered"
TABLE = "table"
HEADINGS = "headings"
LABELS = "labels"
BULLETS = "bullets"
PARAGRAPHS = "paragraphs"
WHOLE = "whole"


@dataclass(slots=True)
class LooseItem:
    """An item read from a layout without numbered headings."""

    number: str
    title: str
    index: int
    decisions: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Loose:
    """The items of a layout without numbered headings and where its header ends."""

    structure: str
    items: list[LooseItem]
    header_end: int


_DATED = re.compile(
    r"\b(?:19|20)\d{2}\b|\d{1,2}\.\s*(?:jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec)\w*|"
    r"\b\d{1,2}[./-]\d{1,2}(?:[./-]\d{2,4})?\b|\bkl\.?\s*\d",
    re.IGNORECASE,
)
_KIND = re.compile(
    r"\b(?:referat|dagsorden|\w*møde\w*|protokol|generalforsamling)\b", re.IGNORECASE
)
# "a) Valg af dirigent", "Ad b) Beretningen blev godkendt.": lettered items as numbers.
_SMALL_LETTER = re.compile(
    r"^(?P<indent>\s*)(?P<ad>Ad\.?\s+(?:pkt\.?\s*|punkt\s+)?)?(?P<letter>[a-l])(?P<delim>[.)])\s+(?=\S)"
)
# "Bente Lund, Vestskolen": a person's name (capitalised words) and maybe where from.
_NAME_LINE = re.compile(r"^[A-ZÆØÅ][\w.'-]+(?:\s+[A-ZÆØÅ][\w.'-]+)+(?:\s*,.*)?$")
_ROMAN = re.compile(r"^(\s*)(?P<roman>[IVX]{1,5})\.\s+(?=\S)")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
_ONE = re.compile(r"^(\s*)1\.(\s+)(?=[^\W\d_])")

_TITLE_COLUMNS = ("emne", "sag", "overskrift", "dagsordenspunkt", "punkt", "tema", "titel")
_NUMBER_COLUMNS = ("punkt", "pkt", "pkt.", "nr", "nr.", "nummer", "#")
_DECISION_COLUMNS = (
    "beslutning",
    "beslutninger",
    "konklusion",
    "referat",
    "aftale",
    "aftaler",
    "resultat",
    "opfølgning",
)
_OTHER_COLUMNS = ("formål", "proces", "ansvarlig", "tid", "bilag", "indstilling", "drøftelse")
_ALL_COLUMNS = frozenset(_TITLE_COLUMNS + _NUMBER_COLUMNS + _DECISION_COLUMNS + _OTHER_COLUMNS)

_ATTENDANCE_START = re.compile(
    r"^\s*(?:Mødedeltagere|Deltagere|Deltager|Deltog|Mødt|Til\s*stede|Tilstede|Fremmødte?|Medlemmer|"
    r"Gæster|Afbud|Fraværende|Forfald|Referent|Ordstyrer|Dirigent|Dato|Tid|Sted|Mødested|"
    r"Mødedato|Mødetid|Forældrevalgte|Medarbejder\w*|Elev\w*)\b",
    re.IGNORECASE,
)
_LABEL_LINE = re.compile(r"^(?P<label>[^\W\d_][^:]{1,60}?)\s*:\s*(?P<rest>.*)$")
_BULLET_LINE = re.compile(r"^\s*[•▪·◦*-]\s+(?P<text>\S.*)$")
_TOPIC_LABELS = frozenset(("emne", "sag", "punkt", "overskrift", "tema", "dagsordenspunkt"))
_NOTHING = re.compile(r"^(?:intet|ingen|ingenting|-|–|nej|ingen bemærkninger)\.?$", re.I)
_OUTCOME_SPLIT = re.compile(r"\s+[–-]\s+|\s*:\s+")


def _roman_value(text: str) -> int | None:
    values = [_ROMAN_VALUES[c] for c in text]
    total = 0
    for pos, value in enumerate(values):
        later = values[pos + 1] if pos + 1 < len(values) else 0
        total += -value if value < later else value
    return total if 0 < total <= 40 else None


def structural_lines(lines: list[str]) -> list[str]:
    """Return the lines with roman and all-"1." item numbers made ordinary (same length list).

    "I. / II. / III." headings become "1. / 2. / 3."; a Word list flattened to text
    where every item reads "1." is numbered by position.
    """
    out = list(lines)
    romans = [(i, m) for i, line in enumerate(lines) if (m := _ROMAN.match(line))]
    if len(romans) >= 2 and any(len(m.group("roman")) > 1 for _, m in romans):
        expected = 1
        for i, match in romans:
            value = _roman_value(match.group("roman"))
            if value == 1:
                expected = 1  # the bodies repeat the agenda's numbering
            if value != expected:
                continue
            out[i] = f"{match.group(1)}{value}. {lines[i][match.end() :]}"
            expected += 1
    letters = [(i, m) for i, line in enumerate(out) if (m := _SMALL_LETTER.match(line))]
    if sum(1 for _, m in letters if m.group("letter") in "abc") >= 3:
        expected = 0
        for i, match in letters:
            value = ord(match.group("letter")) - ord("a")
            if value == 0:
                expected = 0
            if value != expected:
                continue
            lead = f"{match.group('indent')}{match.group('ad') or ''}"
            out[i] = f"{lead}{value + 1}{match.group('delim')} {out[i][match.end() :]}"
            expected += 1
    ones = [i for i, line in enumerate(out) if _ONE.match(line)]
    has_two = any(re.match(r"^\s*2\.\s+[^\W\d_]", line) for line in out)
    if len(ones) >= 3 and not has_two:
        for count, i in enumerate(ones, start=1):
            one = _ONE.match(out[i])
            if one is not None:
                out[i] = f"{one.group(1)}{count}.{one.group(2)}{out[i][one.end() :]}"
    return out


def _column_role(cell: str) -> str | None:
    low = cell.strip().lower().rstrip(":")
    if low in _NUMBER_COLUMNS and low != "punkt":
        return "number"
    if low in _DECISION_COLUMNS:
        return "decision"
    if low in _TITLE_COLUMNS:
        return "title"
    if low in _OTHER_COLUMNS:
        return "other"
    if len(low) <= 40:
        # "Referat/beslutning", "Beslutning/opfølgning", "Emne/sag", "Dagsordenspunkt"
        if re.search(r"beslut|konklusion|aftal|referat|bemærk|kommentar|udfald|resultat", low):
            return "decision"
        if re.search(r"emne|punkt|overskrift|tema|^sag", low):
            return "title"
    return None


# Columns padded with spaces in a text file ("Emne            Beslutning").
_COLUMN_GAP = re.compile(r"\S(?: {3,}|\t)\S")


def _split_cells(line: str) -> list[str]:
    """Return the cells of a table row written with tabs or padded with spaces."""
    return [c.strip() for c in re.split(r"\t| {3,}", line.strip())]


def _rows(lines: list[str]) -> tuple[int, list[str], list[tuple[int, list[str]]]] | None:
    """Return (header index, header cells, rows) of the first minutes table in the text."""
    for i, line in enumerate(lines):
        if "\t" in line or _COLUMN_GAP.search(line.strip()):
            cells = _split_cells(line)
            roles = [_column_role(c) for c in cells]
            if sum(r is not None for r in roles) >= 2 and "decision" in roles:
                rows: list[tuple[int, list[str]]] = []
                for j in range(i + 1, len(lines)):
                    if not lines[j].strip():
                        break  # rows are consecutive; one with only its first cell has no tab
                    rows.append((j, _split_cells(lines[j])))
                if rows:
                    return i, cells, rows
    # A table flattened to one cell per line: the header cells on consecutive lines.
    for i in range(len(lines)):
        header: list[str] = []
        j = i
        while j < len(lines) and lines[j].strip().lower().rstrip(":") in _ALL_COLUMNS:
            header.append(lines[j].strip())
            j += 1
        roles = [_column_role(c) for c in header]
        if len(header) < 2 or "decision" not in roles:
            continue
        rows = _flat_rows(lines, j, len(header))
        if rows:
            return i, header, rows
    return None


def _flat_rows(lines: list[str], start: int, width: int) -> list[tuple[int, list[str]]]:
    """Group the cell lines after a flattened header into rows of ``width`` cells."""
    rows: list[tuple[int, list[str]]] = []
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    first = start
    for j in range(start, len(lines) + 1):
        line = lines[j].strip() if j < len(lines) else ""
        if line:
            if not current:
                first = j
            current.append(line)
        elif current:
            blocks.append((first, current))
            current = []
    # Rows separated by blank lines; otherwise chunk one block by the width.
    if blocks and all(len(b) == width for _, b in blocks[:2]):
        for index, block in blocks:
            if len(block) != width:
                break
            rows.append((index, block))
        return rows
    if blocks:
        index, block = blocks[0]
        for k in range(0, len(block) - width + 1, width):
            rows.append((index + k, block[k : k + width]))
    return rows


def table_items(lines: list[str]) -> Loose | None:
    """Return the items of a minutes table (Punkt / Sag / Beslutning), if the text has one."""
    found = _rows(lines)
    if found is None:
        return None
    header_index, header, rows = found
    roles = [_column_role(c) for c in header]
    title_col = next((k for k, r in enumerate(roles) if r == "title"), None)
    number_col: int | None = None
    numeric = sum(
        1 for _, cells in rows if cells and re.fullmatch(r"\d{1,3}[A-Za-z]?\.?", cells[0])
    )
    first_is_number = header[0].strip().lower() in ("punkt", "pkt", "pkt.", "nr", "nr.", "#")
    if header and first_is_number and numeric * 2 >= len(rows):
        number_col = 0
        if title_col == 0:
            title_col = next((k for k, r in enumerate(roles) if r == "title" and k > 0), None)
            if title_col is None:
                title_col = 1 if len(header) > 2 else None
    if title_col is None:
        title_col = 0 if number_col != 0 else 1
    if number_col is None and roles[title_col] != "title" and roles[0] == "title":
        title_col = 0
    decision_cols = [k for k, r in enumerate(roles) if r == "decision"]
    items: list[LooseItem] = []
    for pos, (index, cells) in enumerate(rows, start=1):
        cells = cells + [""] * (len(header) - len(cells))
        title = cells[title_col] if title_col < len(cells) else ""
        number = str(pos)
        if number_col is not None:
            raw = cells[number_col].strip().rstrip(".")
            if re.fullmatch(r"\d{1,3}[A-Za-z]?", raw):
                number = raw.upper()
        if not title.strip():
            continue
        decisions = [
            cells[k].strip()
            for k in decision_cols
            if cells[k].strip() and not _NOTHING.match(cells[k].strip())
        ]
        body = [
            f"{header[k]}: {cells[k]}"
            for k in range(len(header))
            if k not in (title_col, number_col) and k not in decision_cols and cells[k].strip()
        ]
        items.append(LooseItem(number, title.strip(), index, decisions, body))
    if len(items) < 1:
        return None
    return Loose(TABLE, items, header_index)


def _after_header(lines: list[str]) -> int:
    """Return the index of the first line after the title, date and attendance lines."""
    texts = [(i, line.strip()) for i, line in enumerate(lines) if line.strip()]
    start = 0
    listing = False
    for pos, (i, text) in enumerate(texts[:40]):
        if listing and len(text) <= 100 and _NAME_LINE.match(text):
            start = i + 1  # a name under "Til stede:" ("Bente Lund, Vestskolen")
            continue
        listing = False
        if _BULLET_LINE.match(text):
            break
        dated = pos < 4 and len(text) <= 90 and bool(_DATED.search(text))
        titled = pos < 3 and ":" not in text and bool(_KIND.search(text))
        listed = re.match(r"^(?:dagsorden|referat|beslutningsreferat)\s*:?\s*$", text, re.I)
        if pos == 0 or dated or titled or listed or _ATTENDANCE_START.match(text):
            start = i + 1
            listing = bool(_ATTENDANCE_START.match(text)) and text.rstrip().endswith(":")
            continue
        break
    return start


def _split_outcome(text: str) -> tuple[str, str]:
    """Split "Title: outcome" or "Title – outcome" into its two parts."""
    match = _OUTCOME_SPLIT.search(text)
    if not match or match.start() == 0:
        return text.strip(), ""
    return text[: match.start()].strip(), text[match.end() :].strip()


def label_items(lines: list[str], only: str | None = None) -> Loose | None:
    """Return items written as label lines ("Økonomi: …") or one bullet each."""
    start = _after_header(lines)
    bullets: list[LooseItem] = []
    labels: list[LooseItem] = []
    for i in range(start, len(lines)):
        stripped = lines[i].strip()
        if not stripped:
            continue
        bullet = _BULLET_LINE.match(lines[i])
        indent = len(lines[i]) - len(lines[i].lstrip())
        if bullet and indent <= 1:
            title, outcome = _split_outcome(bullet.group("text"))
            item = _loose(len(bullets) + 1, title, outcome, i, bullet.group("text"))
            nested = _nested(lines, i, indent)
            if nested and not outcome:
                # "- Regnskab" with "  - Godkendt" under it: the sub-bullets are the item.
                item.body = nested
                item.decisions = unlabelled("\n".join(nested), minutes=False)
            bullets.append(item)
            continue
        if bullet and bullets and i in _claimed(bullets):
            continue
        label = _LABEL_LINE.match(stripped)
        if (
            label
            and len(label.group("label").split()) <= 8
            and not _ATTENDANCE_START.match(stripped)
        ):
            previous_blank = i == start or not lines[i - 1].strip()
            rest = label.group("rest").strip()
            if label.group("label").strip().lower() in _TOPIC_LABELS and rest:
                # "Emne: Frugtordning" with the account under it.
                account: list[str] = []
                for j in range(i + 1, len(lines)):
                    if not lines[j].strip() or _LABEL_LINE.match(lines[j].strip()):
                        break
                    account.append(lines[j].strip())
                labels.append(LooseItem(str(len(labels) + 1), rest.rstrip(".:"), i, [], account))
                continue
            if not previous_blank and not rest:
                continue
            body: list[str] = []
            if not rest:
                for j in range(i + 1, len(lines)):
                    if not lines[j].strip() and not body:
                        continue  # Word writes the paragraph under the label apart
                    if not lines[j].strip() or _LABEL_LINE.match(lines[j].strip()):
                        break
                    body.append(lines[j].strip())
                rest = " ".join(body)
            item = _loose(len(labels) + 1, label.group("label"), rest, i, rest)
            labels.append(item)
    choices = [(labels, LABELS), (bullets, BULLETS)]
    if only is not None:
        choices = [pair for pair in choices if pair[1] == only]
    best = max(choices, key=lambda pair: len(pair[0]))
    if len(best[0]) < 2:
        return None
    items, structure = best
    return Loose(structure, items, items[0].index)


_NUMBER_PREFIX = re.compile(r"^\s*(?:Punkt\s+|Pkt\.?\s*)?(?P<num>\d{1,3})\s*[.):]?\s+(?=\S)", re.I)


def heading_items(lines: list[str], headings: frozenset[str]) -> Loose | None:
    """Return the items under the lines the file marks as headings (styles, bold fonts)."""
    if not headings:
        return None
    start = _after_header(lines)
    marked = [
        i
        for i in range(start, len(lines))
        if lines[i].strip() in headings and not _ATTENDANCE_START.match(lines[i].strip())
    ]
    seen = Counter(lines[i].strip().lower() for i in marked)
    # Section labels set in bold ("Beslutning", "Resumé") repeat in every item; a topic
    # named like a label ("Økonomi") appears once.
    hinted: list[int] = []
    for i in marked:
        label = section_field(lines[i])
        if seen[lines[i].strip().lower()] == 1 and (label is None or label[0] == "background"):
            hinted.append(i)
    if len(hinted) < 2:
        return None
    items: list[LooseItem] = []
    for pos, index in enumerate(hinted):
        end = hinted[pos + 1] if pos + 1 < len(hinted) else len(lines)
        title = lines[index].strip()
        number = str(pos + 1)
        prefix = _NUMBER_PREFIX.match(title)
        if prefix:
            number, title = prefix.group("num"), title[prefix.end() :]
        items.append(LooseItem(number, title.rstrip(":"), index, [], lines[index + 1 : end]))
    return Loose(HEADINGS, items, hinted[0])


def _nested(lines: list[str], index: int, indent: int) -> list[str]:
    """Return the indented lines (sub-bullets) under a bullet."""
    found: list[str] = []
    for line in lines[index + 1 :]:
        if not line.strip() or len(line) - len(line.lstrip()) <= indent:
            break
        sub = _BULLET_LINE.match(line)
        found.append(sub.group("text") if sub else line.strip())
    return found


def _claimed(items: list[LooseItem]) -> set[int]:
    """Return the line indexes the last bullet item took as its sub-bullets."""
    last = items[-1]
    return set(range(last.index + 1, last.index + 1 + len(last.body) if last.body else 0))


def _loose(position: int, title: str, outcome: str, index: int, text: str) -> LooseItem:
    outcome = outcome.strip()
    decisions = [outcome] if outcome and not _NOTHING.match(outcome) else []
    return LooseItem(str(position), title.strip().rstrip(".:"), index, decisions, [text])


def paragraph_items(lines: list[str], *, whole: bool = True) -> Loose | None:
    """Return the paragraphs after the header as items, or the whole text as one item."""
    start = _after_header(lines)
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    first = start
    for i in range(start, len(lines) + 1):
        line = lines[i].strip() if i < len(lines) else ""
        if line:
            if not current:
                first = i
            current.append(line)
        elif current:
            blocks.append((first, current))
            current = []
    titled = [(i, b) for i, b in blocks if len(b) >= 2 and len(b[0]) <= 80 and b[0][-1:] != "."]
    if len(titled) >= 2 and len(titled) == len(blocks):
        items = [
            LooseItem(str(pos), b[0].rstrip(":"), i, [], b[1:])
            for pos, (i, b) in enumerate(titled, start=1)
        ]
        return Loose(PARAGRAPHS, items, items[0].index)
    if not whole:
        if len(blocks) < 2:
            return None
        items = [
            LooseItem(str(pos), b[0][:120].rstrip(":"), i, [], b[1:] or b)
            for pos, (i, b) in enumerate(blocks, start=1)
        ]
        return Loose(PARAGRAPHS, items, items[0].index)
    return whole_document(lines)


def whole_document(lines: list[str]) -> Loose:
    """Return the text after the header as one item (the weakest reading)."""
    start = _after_header(lines)
    body = [line for line in lines[start:] if line.strip()] or [
        line for line in lines if line.strip()
    ]
    title = next((line.strip() for line in lines if line.strip()), "")[:120]
    return Loose(WHOLE, [LooseItem("1", title, start, [], body)], start)
