"""Read an item body: its sections, its decision bullets and its attachments."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.domain.enums import ItemKind
from bot.ingest.clean import BULLET, SUB_BULLET
from bot.ingest.model import Attachment

SUMMARY = "summary"
BACKGROUND = "background"
RECOMMENDATION = "recommendation"
ATTACHMENTS = "attachments"
DISCUSSION = "discussion"
DECISION = "decision"

_LABELS: tuple[tuple[str, str], ...] = (
    (r"Drøftelse og beslutning", DECISION),
    (r"Beslutningstema", SUMMARY),
    (r"Resum[eé]", SUMMARY),
    (r"Sammenfatning", SUMMARY),
    (r"Supplerende sagsfremstilling", BACKGROUND),
    (r"Sagsfremstilling", BACKGROUND),
    (r"Sagsbeskrivelse", BACKGROUND),
    (r"Sagens indhold", BACKGROUND),
    (r"Baggrund", BACKGROUND),
    (r"Økonomi", BACKGROUND),
    (r"Lovgrundlag", BACKGROUND),
    (r"Retsgrundlag", BACKGROUND),
    (r"Forslag til beslutning", RECOMMENDATION),
    (r"(?:[A-ZÆØÅ][\wæøå]+s\s+)?[Ii]ndstilling(?:er)?", RECOMMENDATION),
    (r"Bilag(?:\s+og\s+links)?", ATTACHMENTS),
    (r"Drøftelser?", DISCUSSION),
    (r"Beslutning(?:er)?", DECISION),
    (r"Referat", DECISION),
    (r"Afgørelse", DECISION),
    (r"Konklusion(?:er)?", DECISION),
    (r"Aftaler?", DECISION),
)
_LABEL = re.compile(
    r"^\s*(?P<label>" + "|".join(f"(?:{pattern})" for pattern, _ in _LABELS) + r")"
    r"(?P<rest>\s*:.*|\s*|\s+(?:i|fra)\s+[^:]{2,80}?:?\s*)$"
)
_FIELDS = [(re.compile(rf"^(?:{pattern})$"), name) for pattern, name in _LABELS]
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"“”]+", re.IGNORECASE)

_STANDING = re.compile(
    r"^(?:godkendelse\s+af\s+(?:den\s+|det\s+)?(?:dagsorden|referat)\w*|evt\b|eventuelt\b|"
    r"punkter\s+til\s+(?:næste|kommende)\s+møde|næste\s+møde|meddelelser\s+og\s+evt)",
    re.IGNORECASE,
)
_DECIDE = re.compile(
    r"\b(?:beslut\w*|godkend\w*|tiltræd\w*|vedtag\w*|udpeg\w*|bemyndig\w*|bevilg\w*|"
    r"prioriter\w*|anbefal\w*)",
    re.IGNORECASE,
)
_DISCUSS = re.compile(r"\b(?:drøft\w*|input|kommenter\w*|sparring)", re.IGNORECASE)
_INFORM = re.compile(r"\b(?:orienter\w*|efterretning)", re.IGNORECASE)


@dataclass(slots=True)
class Section:
    """One labelled section of an item body ("Beslutning:" and the lines under it)."""

    role: str
    heading: str
    lines: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Body:
    """An item body split into its unlabelled opening lines and its sections."""

    preamble: list[str]
    sections: list[Section]


def section_field(line: str) -> tuple[str, str, str] | None:
    """Return (field, heading, inline text) when a line opens a section."""
    stripped = line.strip()
    if not stripped or not stripped[0].isupper():
        return None
    head, colon, tail = stripped.partition(":")
    if head.isupper() and len(head) > 3:
        stripped = head.capitalize() + colon + tail  # "BESLUTNING: Godkendt."
    match = _LABEL.match(stripped)
    if not match:
        return None
    label = match.group("label")
    rest = match.group("rest")
    name = next((n for regex, n in _FIELDS if regex.match(label)), BACKGROUND)
    if rest.strip().startswith(":"):
        return name, label, rest.strip()[1:].strip()
    if rest.strip():
        # "Beslutning i Økonomiudvalget den 3. marts 2017": the heading names the body
        # ("Referat fra mødet …" is a line of text, not a heading).
        if not label.lower().startswith(("beslutning", "indstilling")):
            return None
        return name, f"{label}{rest}".rstrip(" :"), ""
    return name, label, ""


def split_body(lines: list[str]) -> Body:
    """Split an item body into its sections."""
    preamble: list[str] = []
    sections: list[Section] = []
    inline_only = False
    for pos, line in enumerate(lines):
        found = section_field(line)
        if found is not None:
            name, heading, inline = found
            sections.append(Section(role=name, heading=heading, lines=[inline] if inline else []))
            inline_only = bool(inline)
            continue
        if not sections:
            preamble.append(line)
            continue
        current = sections[-1]
        if line.strip():
            if current.role == ATTACHMENTS and _ends_attachments(current, lines, pos, inline_only):
                # The list of bilag is over; the text after it continues the case
                # (several short orientations under one item, each with its own bilag).
                current = Section(role=BACKGROUND, heading="")
                sections.append(current)
            inline_only = False
        current.lines.append(line)
    return Body(preamble=preamble, sections=sections)


def _ends_attachments(section: Section, lines: list[str], pos: int, inline_only: bool) -> bool:
    """Tell whether a line after a blank line starts text that is no longer a bilag."""
    if pos == 0 or lines[pos - 1].strip() or not any(x.strip() for x in section.lines):
        return False
    stripped = lines[pos].strip()
    if stripped[0] in (BULLET, SUB_BULLET) or _URL.search(stripped):
        return False
    if inline_only or any(x.strip()[:1] in (BULLET, SUB_BULLET) for x in section.lines):
        return True
    return len(stripped) > 120 or stripped.endswith(":")


def flow(lines: list[str], wrapped: bool) -> str:
    """Return lines as text: wrapped lines joined into paragraphs, bullets kept apart."""
    out: list[str] = []
    for line in lines:
        stripped = line.strip()
        if not stripped:
            if out and out[-1] != "":
                out.append("")
            continue
        starts_item = stripped[0] in (BULLET, SUB_BULLET)
        if wrapped and out and out[-1] != "" and not starts_item:
            out[-1] = f"{out[-1]} {stripped}"
        else:
            out.append(line.rstrip() if not wrapped else stripped)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out)


@dataclass(slots=True)
class _Entry:
    text: str
    bullet: bool
    indent: int
    glyph: str = ""
    subs: list[str] = field(default_factory=list)


def entries(lines: list[str], wrapped: bool) -> list[str]:
    """Return one entry per bullet (or per paragraph when there are no bullets).

    Nested bullets are folded into their parent; a paragraph ending in ":" that
    introduces bullets ("I drøftelsen blev foreslået:") is not an entry of its own.
    """
    found: list[_Entry] = []
    current: _Entry | None = None
    continuing_sub = False
    for line in [*lines, ""]:
        stripped = line.strip()
        if not stripped:
            current = None
            continuing_sub = False
            continue
        indent = len(line) - len(line.lstrip())
        glyph = stripped[0]
        if glyph in (BULLET, SUB_BULLET):
            text = stripped[1:].strip()
            parent = _last_bullet(found)
            # "◦" under "•" nests; a list written with "o" bullets only does not.
            nested = parent is not None and (
                (glyph == SUB_BULLET and parent.glyph != SUB_BULLET)
                or (not wrapped and indent > parent.indent)
            )
            if nested and parent is not None:
                parent.subs.append(text)
                current = parent
                continuing_sub = True
                continue
            current = _Entry(text=text, bullet=True, indent=indent, glyph=glyph)
            found.append(current)
            continuing_sub = False
            continue
        if current is not None and (wrapped or current.bullet):
            if continuing_sub and current.subs:
                current.subs[-1] = f"{current.subs[-1]} {stripped}"
            else:
                current.text = f"{current.text} {stripped}"
            continue
        current = _Entry(text=stripped, bullet=False, indent=indent)
        found.append(current)
        continuing_sub = False
    has_bullets = any(e.bullet for e in found)
    result: list[str] = []
    for pos, entry in enumerate(found):
        following = found[pos + 1] if pos + 1 < len(found) else None
        if (
            has_bullets
            and not entry.bullet
            and entry.text.rstrip().endswith(":")
            and following is not None
            and following.bullet
        ):
            continue
        text = entry.text.strip()
        if entry.subs:
            joiner = " " if text.endswith(":") else " – "
            text = f"{text}{joiner}{'; '.join(s.strip() for s in entry.subs)}"
        text = re.sub(r"\s+", " ", text).strip()
        if re.search(r"[^\W_]", text):
            result.append(text)
    return result


def _last_bullet(found: list[_Entry]) -> _Entry | None:
    return found[-1] if found and found[-1].bullet else None


def attachments(lines: list[str], wrapped: bool) -> list[Attachment]:
    """Return the bilag listed in a Bilag section, with their links."""
    result: list[Attachment] = []
    for entry in entries(lines, wrapped):
        urls = [u.rstrip(".,;:)\"'”»") for u in _URL.findall(entry)]
        title = _URL.sub(" ", entry)
        title = re.sub(r"^\s*Link\s*:\s*", "", title, flags=re.IGNORECASE)
        title = re.sub(r"\s+", " ", title).strip(" :–-\t")
        if not urls:
            result.append(Attachment(title=title))
            continue
        if not title and result and result[-1].url is None:
            # "Årsrapport 2023 Børn og Unge:" with its link on the next line.
            result[-1] = Attachment(title=result[-1].title, url=urls[0])
        else:
            result.append(Attachment(title=title or urls[0], url=urls[0]))
        result.extend(Attachment(title=url, url=url) for url in urls[1:])
    return result


def is_standing(title: str) -> bool:
    """Tell whether a title is a standing item (approval, evt., next meeting)."""
    return bool(_STANDING.match(title.strip()))


def item_kind(
    title: str,
    label_kind: ItemKind | None,
    group_kind: ItemKind | None,
    summary: str | None,
    recommendation: str | None,
) -> ItemKind:
    """Return what an item asks of the group, from its title, labels and wording."""
    if is_standing(title):
        return ItemKind.STANDING
    if label_kind is not None:
        return label_kind
    if group_kind is not None:
        return group_kind
    # What the group is asked to do is in the recommendation; the summary also retells
    # what others decided ("skal være godkendt i kommunerne"), so it is only a fallback.
    text = recommendation or summary or ""
    if _DECIDE.search(text):
        return ItemKind.DECISION
    if _DISCUSS.search(text):
        return ItemKind.DISCUSSION
    if _INFORM.search(text):
        return ItemKind.INFORMATION
    return ItemKind.DECISION if recommendation else ItemKind.INFORMATION
