"""Read a document's header: title, group, meeting date and time, place, attendance."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Literal

from bot.dates import DateParseError, When, find_when
from bot.ingest.model import ParsedAttendance, Person

TZ = "Europe/Copenhagen"
Prefer = Literal["future", "past", "nearest"]

_KIND_WORDS = re.compile(
    r"\b(?:dagsorden\w*|referat\w*|mødereferat|beslutningsprotokol|protokol)\b", re.IGNORECASE
)
_MEETING_WORD = re.compile(r"møde\b", re.IGNORECASE)
_LABEL_LINE = re.compile(r"^\s*[\wæøåÆØÅ ]{2,25}:\s*")
_DATE_LABEL = re.compile(
    r"^\s*(?:Dato(?:\s+og\s+(?:tid|tidspunkt|sted))?|Mødedato|Mødetidspunkt|Tidspunkt|Tid"
    r"(?:\s+og\s+sted)?|Mødetid)\s*:\s*(?P<rest>.+)$",
    re.IGNORECASE,
)
_PLACE_LABEL = re.compile(
    r"^\s*(?:Sted|Mødested|Lokale|Lokation|Adresse|Mødelokale)\s*:\s*(?P<rest>.+)$",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_CLOCK = re.compile(r"\bkl\.?\s*\d{1,2}", re.IGNORECASE)
_GROUP_FROM_TITLE = re.compile(
    r"\bmøde\s+(?:i|for|med)\s+(?P<group>[^,\d]+?)(?=\s+(?:den\s+)?\d|\s*,|\s*$)",
    re.IGNORECASE,
)
_COMPOUND_MEETING = re.compile(r"\b(?P<stem>[^\W\d_]{4,}?)møde\b", re.IGNORECASE)

_ATTENDANCE_LABEL = re.compile(
    r"^\s*(?P<label>Mødedeltagere|Deltagere|Deltager|Deltog|Mødt|"
    r"(?:Til\s*stede|Tilstede)(?:\s+var)?|Fremmødte?|Fraværende\s*\(afbud\)|"
    r"Medlemmer|Inviterede\s+gæster|Gæster|Gæst|Afbud(?:\s+fra)?|"
    r"Fraværende(?:\s+med\s+afbud)?|Forfald|Deltog\s+ikke|"
    r"Ikke\s+til\s+stede)\s*(?P<colon>:?)\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_STOP_LABEL = re.compile(
    r"^\s*(?:Referent|Ordstyrer|Dato|Sted|Tid|Indhold\w*|Dagsorden|Mødeleder|Kopi|Bilag)\b",
    re.IGNORECASE,
)
_HEADER_CELLS = {
    "navn": "name",
    "deltager": "name",
    "titel": "title",
    "stilling": "title",
    "funktion": "title",
    "rolle": "title",
    "arbejdssted": "organisation",
    "organisation": "organisation",
    "kommune": "organisation",
    "forvaltning": "organisation",
    "myndighed": "organisation",
    "afdeling": "organisation",
    "repræsenterer": "organisation",
}
_ORG_WORDS = re.compile(
    r"\b(?:kommune|region|kl|\w*sekretariat\w*|\w*styrelse\w*|ministeri\w*|forvaltning\w*|"
    r"afdeling\w*|center|centret|socialtilsyn\w*|universitet\w*|a/s|aps|hospital\w*|"
    r"kkr|k17|rådet|udvalget)\b",
    re.IGNORECASE,
)
_NOTE_WORDS = re.compile(
    r"\b(?:via|teams|zoom|skype|online|virtuel\w*|fysisk\w*|telefon\w*)\b", re.IGNORECASE
)
_NAME = re.compile(
    r"^[A-ZÆØÅÉÖÜ][\wæøåÆØÅéöü.'-]*(?:\s+(?:[A-ZÆØÅÉÖÜ][\wæøåÆØÅéöü.'-]*|von|van|de|af|la|le))"
    r"{0,5}$"
)
_NOBODY = {"ingen", "-", "–", "none", "n/a", "intet"}


@dataclass(slots=True)
class Header:
    """What the header of a document says about the meeting."""

    title: str
    group_name: str | None
    meeting_date: date | None
    start_time: time | None
    end_time: time | None
    place: str | None
    attendance: ParsedAttendance
    warnings: list[str] = field(default_factory=list)
    date_source: str = "header"


def dates_in(text: str, now: datetime, prefer: Prefer, limit: int = 12) -> list[tuple[When, str]]:
    """Return the dates mentioned in a text, in order, each with the words it was read from.

    A date-shaped expression ``find_when`` refuses (a weekday that does not match the
    date, "30/2") is stepped over, so one typo does not hide the dates after it.
    """
    found: list[tuple[When, str]] = []
    offset = 0
    while offset < len(text) and len(found) < limit:
        rest = text[offset:]
        short = _SHORT_DATE.search(rest)
        try:
            hit = find_when(rest, now, TZ, prefer=prefer)
        except DateParseError as error:
            weekday = _WEEKDAY.search(error.fragment or "")
            if weekday:
                # "Onsdag den 9. maj 2023" when the 9th was a Tuesday: the date stands.
                rest = rest.replace(weekday.group(0), " " * len(weekday.group(0)), 1)
                text = text[:offset] + rest
                continue
            at = rest.find(error.fragment) if error.fragment else -1
            if at < 0:
                break
            offset += at + max(len(error.fragment), 1)
            continue
        except (ValueError, OverflowError):
            break
        if short is not None and (hit is None or short.start() < hit[1]):
            when_short = _short_date(short, now)
            if when_short is not None:
                found.append((when_short, short.group(0)))
                offset += short.end()
                continue
        if hit is None:
            break
        when, start, end = hit
        found.append((when, rest[start:end]))
        offset += max(end, start + 1)
    return found


_POSTED = re.compile(
    r"^\s*(?:publiceret|offentliggjort|opdateret|senest\s+opdateret|udgivet|oprettet|"
    r"skrevet|posted|published|updated)\b",
    re.IGNORECASE,
)
_WEEKDAY = re.compile(r"\b(?:man|tirs|ons|tors|fre|lør|søn)dag\b", re.IGNORECASE)
# "26.2-23", "3.10-24": day.month-year, as many secretaries date their minutes.
_SHORT_DATE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})-(\d{2}|\d{4})(?![\d.-])")


def _short_date(match: re.Match[str], now: datetime) -> When | None:
    day, month, year = (int(part) for part in match.groups())
    year += 2000 if year < 100 else 0
    try:
        start = datetime(year, month, day, tzinfo=now.tzinfo)
    except ValueError:
        return None
    return When(start=start, end=None, has_time=False)


def read_header(lines: list[str], header_end: int, now: datetime) -> Header:
    """Return the meeting facts stated before the first agenda item."""
    header = [line.strip() for line in lines[:header_end]]
    texts = [(i, line) for i, line in enumerate(header) if line]
    title_pos, title = _title(texts)
    following = [t for i, t in texts if i > title_pos][:1]
    if (
        len(title.split()) <= 2
        and following
        and not _LABEL_LINE.match(following[0])
        and len(following[0]) <= 80
    ):
        # "Referat" alone, with the meeting named on the next line.
        title = f"{title} – {following[0]}"
    group = _group(texts, title_pos, title)
    warnings: list[str] = []
    when = _meeting_when(texts, title, now, warnings)
    start, end = _times(when, texts, now)
    place = next((m.group("rest").strip() for _, t in texts if (m := _PLACE_LABEL.match(t))), None)
    attendance = read_attendance(lines[:header_end])
    no_year = any("has no year" in w for w in warnings)
    return Header(
        date_source="no_year" if no_year else "header",
        title=title,
        group_name=group,
        meeting_date=when.date if when is not None else None,
        start_time=start,
        end_time=end,
        place=place,
        attendance=attendance,
        warnings=warnings,
    )


def _times(
    when: When | None, texts: list[tuple[int, str]], now: datetime
) -> tuple[time | None, time | None]:
    """Return the meeting's start and end time, from the date or a separate time line."""
    if when is None or not when.has_time:
        when = None
        for _, text in texts:
            clock = _CLOCK.search(text)
            found = dates_in(text[clock.start() :], now, "future", limit=1) if clock else []
            if found and found[0][0].has_time:
                when = found[0][0]
                break
        if when is None:
            return None, None
    end = when.end.time() if when.end is not None and when.end != when.start else None
    return when.start.time(), end


def _title(texts: list[tuple[int, str]]) -> tuple[int, str]:
    first = texts[:8]
    for pos, (i, line) in enumerate(first):
        if pos >= 2 and re.fullmatch(r"(?:dagsorden|referat)\s*:?", line, re.IGNORECASE):
            continue  # the heading over the agenda list, not the document's title
        if _KIND_WORDS.search(line) and not _DATE_LABEL.match(line):
            return i, line
    for i, line in first:
        if _MEETING_WORD.search(line) and not _DATE_LABEL.match(line):
            return i, line
    for i, line in first:
        if not _LABEL_LINE.match(line):
            return i, line
    return (texts[0][0], texts[0][1]) if texts else (-1, "")


def _group(texts: list[tuple[int, str]], title_pos: int, title: str) -> str | None:
    for i, line in texts:
        if i >= title_pos:
            break
        if len(line) <= 80 and not _LABEL_LINE.match(line) and not _YEAR.search(line):
            return line
    match = _GROUP_FROM_TITLE.search(title)
    if match:
        return match.group("group").strip()
    compound = _COMPOUND_MEETING.search(title)
    if compound:
        stem = compound.group("stem")
        if stem.endswith("s") and len(stem) > 5:
            stem = stem[:-1]  # the linking s of "Bestyrelsesmøde"
        return stem[0].upper() + stem[1:]
    return None


def _meeting_when(
    texts: list[tuple[int, str]], title: str, now: datetime, warnings: list[str]
) -> When | None:
    labelled = [m.group("rest") for _, t in texts if (m := _DATE_LABEL.match(t))]
    # A web page's posting date above the title is not the meeting's date when the text
    # names the meeting's date; lines about the meeting come first.
    others = [t for _, t in texts[:40] if t != title and not _POSTED.match(t)]
    about = [t for t in others if _MEETING_WORD.search(t) or re.search(r"\bmødet\b", t, re.I)]
    posted = [t for _, t in texts[:40] if _POSTED.match(t)]
    ordered = [*labelled, title, *about, *(t for t in others if t not in about), *posted]
    fallback: When | None = None
    for text in ordered:
        for when, words in dates_in(text, now, "nearest", limit=4):
            if not 1950 <= when.date.year <= 2100:
                continue
            if _YEAR.search(words) or re.search(r"-\d{2}\b", words):
                return when
            if fallback is None:
                fallback = when
    if fallback is not None:
        warnings.append(
            "The meeting date in the header has no year; the latest such date was used."
        )
        if fallback.date > now.date():
            # Minutes record a meeting that was held: a year-less date is in the past.
            try:
                start = fallback.start.replace(year=fallback.start.year - 1)
            except ValueError:
                return fallback
            end = fallback.end.replace(year=fallback.end.year - 1) if fallback.end else None
            return When(start=start, end=end, has_time=fallback.has_time)
    return fallback


_INLINE_LABEL = re.compile(
    r"(?<=[.;,]\s)(?=(?:Tilstede|Til stede|Deltagere|Afbud|Fraværende|Gæster|Medlemmer)\b)",
    re.IGNORECASE,
)
_SUB_LABEL = re.compile(r"^[A-ZÆØÅ][\wæøåÆØÅ /-]{2,40}:\s*(?P<rest>\S.*)$")
_ROLE = re.compile(
    r"(?i:^(?P<role>(?:Formand|Forkvinde|Næstformand|Kasserer|Sekretær|Bestyrelsesmedlem|Suppleant|"
    r"Medlem|Skoleleder|Viceskoleleder|Direktør|Afdelingsleder|Leder|Koordinator|Referent|"
    r"Borgmester|Rådmand|Dirigent|Ordstyrer|Revisor)))\s+(?=[A-ZÆØÅ])"
)
_MEMBER_NUMBER = re.compile(r"\s*(?:#\s*\d+\w*|\(?\b(?:nr\.?|hus|lejl\.?)\s*\d+\w*\)?)\s*$", re.I)


def read_attendance(lines: list[str]) -> ParsedAttendance:
    """Return the participants, guests and apologies listed in the header."""
    groups: dict[str, list[Person]] = {"participants": [], "guests": [], "absent": []}
    # "Referat … 14. januar 2025. Tilstede: Marlene, Rune og Anne. Afbud: Kristian"
    lines = [part for line in lines for part in _INLINE_LABEL.split(line)]
    i = 0
    while i < len(lines):
        match = _ATTENDANCE_LABEL.match(lines[i].strip())
        # "Afbud fra Camilla Weiss", "Medlemmer Kirsten Lau, Hans Bro": a label
        # without a colon counts when everything after it is names.
        if (
            match
            and match.group("rest")
            and not match.group("colon")
            and not _people_in(match.group("rest").strip())
        ):
            match = None
        if not match:
            i += 1
            continue
        target = _attendance_target(match.group("label"))
        rest = match.group("rest").strip()
        note: str | None = None
        people: list[Person] = []
        if rest:
            if _NOTE_WORDS.search(rest) and not _people_in(rest):
                note = rest
            else:
                people.extend(_people_in(rest))
        i += 1
        columns: list[str] | None = None
        while i < len(lines):
            line = lines[i].strip().lstrip("•◦").strip()
            if not line:
                i += 1
                continue
            if _STOP_LABEL.match(line) or (
                _ATTENDANCE_LABEL.match(line) and (":" in line or len(line.split()) <= 3)
            ):
                break
            if "\t" in line:
                cells = [c.strip() for c in line.split("\t")]
                mapped = [_HEADER_CELLS.get(c.lower().strip(" :")) for c in cells]
                if all(m is not None for c, m in zip(cells, mapped, strict=True) if c):
                    columns = [m or "" for m in mapped]
                    i += 1
                    continue
                person = _person_from_cells(cells, columns, note)
                if person is None:
                    break
                people.append(person)
                i += 1
                continue
            found = _people_in(line)
            if len(found) == 1 and " " not in found[0].name and not re.search(r",|\bog\b", line):
                found = []  # one bare word under the list ("Indholdsfortegnelse") ends it
            sub = _SUB_LABEL.match(line)
            if not found and sub:
                # "Forældrevalgte: Mette Dal, Kim Berg" under "Deltagere:".
                found = _people_in(sub.group("rest"))
            if not found:
                break
            people.extend(found)
            i += 1
        if note:
            people = [Person(p.name, p.title, p.organisation, p.note or note) for p in people]
        groups[target].extend(people)
    # "Medlemmer: …" lists everyone; those also named as absent did not take part.
    absent = {p.name.lower() for p in groups["absent"]}
    present = [p for p in groups["participants"] if p.name.lower() not in absent]
    return ParsedAttendance(participants=present, guests=groups["guests"], absent=groups["absent"])


def _attendance_target(label: str) -> str:
    low = label.lower()
    if low.startswith(("gæst", "inviterede")):
        return "guests"
    if low.startswith(("afbud", "fravær", "forfald", "deltog ikke", "ikke til stede")):
        return "absent"
    return "participants"


def _person_from_cells(
    cells: list[str], columns: list[str] | None, note: str | None
) -> Person | None:
    values: dict[str, str] = {}
    if columns:
        for name, value in zip(columns, cells, strict=False):
            if name and value and name not in values:
                values[name] = value
    else:
        filled = [c for c in cells if c]
        if filled:
            values["name"] = filled[0]
        if len(filled) >= 3:
            values["title"], values["organisation"] = filled[1], filled[2]
        elif len(filled) == 2:
            key = "organisation" if _ORG_WORDS.search(filled[1]) else "title"
            values[key] = filled[1]
    name = values.get("name", "").strip()
    if not name or name.lower() in _NOBODY or not _looks_like_name(name, allow_single=True):
        return None
    return Person(
        name=name,
        title=values.get("title") or None,
        organisation=values.get("organisation") or None,
        note=note,
    )


def _looks_like_name(text: str, *, allow_single: bool = False) -> bool:
    text = text.strip()
    if not text or any(ch.isdigit() for ch in text) or _ORG_WORDS.search(text):
        return False
    if not _NAME.match(text):
        return False
    return allow_single or len(text.split()) >= 2


def _bare(text: str) -> str:
    """Return a name without its role, member number or parenthesis."""
    text = re.sub(r"\s*\([^()]*\)\s*$", "", text)
    role = _ROLE.match(text)
    if role:
        text = text[role.end() :]
    return _MEMBER_NUMBER.sub("", text).strip()


def _people_in(text: str) -> list[Person]:
    """Return the people in an inline list ("Jens Hansen (formand), Mette Olsen, KL")."""
    people: list[Person] = []
    text = text.strip().rstrip(".")
    pieces = [s.strip() for s in re.split(r"\s*[;,]\s*|\s+og\s+", text) if s.strip()]
    # First names only ("Tilstede: Marlene, Rune og Anne") when the whole list is names.
    # A list of full names with a workplace after each ("Bente Lund, Vestskolen") is not.
    single = len(pieces) >= 1 and all(
        _looks_like_name(_bare(p), allow_single=True) and " " not in _bare(p) for p in pieces
    )
    for chunk in re.split(r"\s*;\s*", text):
        segments = [s.strip() for s in re.split(r",\s*", chunk) if s.strip()]
        for segment in segments:
            paren = re.match(r"^(?P<name>[^()]+?)\s*\((?P<extra>[^()]*)\)\s*$", segment)
            extra: str | None = None
            if paren:
                segment, extra = paren.group("name").strip(), paren.group("extra").strip()
            role = _ROLE.match(segment)
            if role:
                segment, extra = segment[role.end() :], extra or role.group("role").lower()
            segment = _MEMBER_NUMBER.sub("", segment)
            names = [n.strip() for n in re.split(r"\s+og\s+", segment)]
            if segment.lower() in _NOBODY:
                continue
            if all(_looks_like_name(n, allow_single=single) for n in names):
                for pos, name in enumerate(names):
                    # "kasserer Jan Kok og Tove Hald": the role belongs to the first name.
                    people.append(Person(name=name, title=extra if pos == 0 or not role else None))
                continue
            if not people:
                return []
            last = people[-1]
            if _ORG_WORDS.search(segment) and last.organisation is None:
                people[-1] = Person(last.name, last.title or extra, segment, last.note)
            elif last.title is None:
                people[-1] = Person(last.name, segment, last.organisation, last.note)
            else:
                people[-1] = Person(last.name, last.title, last.organisation or segment, last.note)
    return people
