"""Pure rules of the agenda: sections, standing items, late-item numbering, carry-over, changes.

Nothing here reads the clock, the database or Slack: the use cases in ``bot.agenda`` turn
rows into :class:`AgendaEntry` values, and these functions order, number and compare them.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from bot.domain.enums import ItemKind, ItemStatus, Role
from bot.domain.permissions import Action, can


class Section(StrEnum):
    """The parts of an agenda, in the order they appear."""

    OPENING = "opening"
    DECISION = "decision"
    INFORMATION = "information"
    CLOSING = "closing"


class Standing(StrEnum):
    """The standing items (faste punkter) every meeting's agenda carries."""

    APPROVE_AGENDA = "approve_agenda"
    APPROVE_MINUTES = "approve_minutes"
    FOLLOW_UP = "follow_up"
    FIXED_INFO = "fixed_info"
    NEXT_MEETING = "next_meeting"
    ANY_OTHER = "any_other"


class Origin(StrEnum):
    """Where an agenda entry comes from."""

    PROPOSAL = "proposal"
    CARRIED = "carried"
    NEXT_LIST = "next_list"
    STANDING = "standing"


#: Statuses that put an item on the agenda. A postponed item stays on the agenda of the
#: meeting that postponed it (the minutes record "udsat"), and reappears at the next one.
ON_AGENDA = frozenset({ItemStatus.ACCEPTED, ItemStatus.TREATED, ItemStatus.POSTPONED})
SET_ASIDE = frozenset({ItemStatus.REJECTED, ItemStatus.WITHDRAWN})

# Why: within a section, items the group already agreed to take (carried over from an
# earlier meeting, or listed under "Punkter til næste møde") come first, then proposals in
# the order they were made; the follow-up on overdue tasks and the group's fixed "Nyt fra …"
# items close the information part, as in the Sjælland agendas. The chair reorders freely
# within each of these groups.
_GROUP_REGULAR = 0
_GROUP_FOLLOW_UP = 1
_GROUP_FIXED = 2

_OPENING_ORDER = {Standing.APPROVE_AGENDA: 0, Standing.APPROVE_MINUTES: 1}
_CLOSING_ORDER = {Standing.NEXT_MEETING: 0, Standing.ANY_OTHER: 1}


@dataclass(frozen=True)
class AttachmentRef:
    """A bilag as the agenda shows it: a title and, when known, a link."""

    title: str
    url: str | None = None
    file_id: str | None = None


@dataclass(frozen=True)
class MeetingFacts:
    """What an agenda's heading says about its meeting."""

    starts_at: datetime
    ends_at: datetime | None
    has_time: bool
    location: str | None
    timezone: str
    title: str | None = None


@dataclass(frozen=True)
class AgendaEntry:
    """One item as it stands on (or waits for) a meeting's agenda."""

    key: str
    title: str
    kind: ItemKind
    status: ItemStatus
    origin: Origin = Origin.PROPOSAL
    item_id: int | None = None
    standing: Standing | None = None
    position: int = 0
    order: int = 0
    is_late: bool = False
    proposer: str | None = None
    attachments: tuple[AttachmentRef, ...] = ()
    carried_from: str | None = None
    postponed_to: str | None = None
    summary: str | None = None
    background: str | None = None
    recommendation: str | None = None
    details: tuple[str, ...] = ()
    related: str | None = None
    number: str = ""

    @property
    def section(self) -> Section:
        """Return the section of the agenda this entry belongs to."""
        return section_of(self)

    @property
    def movable(self) -> bool:
        """Tell whether the chair may reorder this entry (not the opening and closing items)."""
        return self.section in (Section.DECISION, Section.INFORMATION)


@dataclass(frozen=True)
class Agenda:
    """A meeting's agenda: numbered entries, proposals waiting for the chair, and set-asides."""

    meeting_id: int
    group_name: str
    entries: tuple[AgendaEntry, ...]
    pending: tuple[AgendaEntry, ...] = ()
    set_aside: tuple[AgendaEntry, ...] = ()
    version: int = 0
    published: bool = False
    changes: AgendaChanges | None = None
    meeting: MeetingFacts | None = None

    def find(self, key: str) -> AgendaEntry | None:
        """Return the entry (on the agenda, pending or set aside) with a key or number."""
        for entry in (*self.entries, *self.pending, *self.set_aside):
            if entry.key == key:
                return entry
        wanted = key.strip().upper()
        for entry in self.entries:
            if entry.number.upper() == wanted:
                return entry
        for index, entry in enumerate(self.pending, start=1):
            if wanted == f"F{index}" or wanted == f"P{index}":
                return entry
        return None

    def by_section(self) -> list[tuple[Section, list[AgendaEntry]]]:
        """Return the entries grouped by section, in agenda order (empty sections left out)."""
        groups: list[tuple[Section, list[AgendaEntry]]] = []
        for entry in self.entries:
            if not groups or groups[-1][0] != entry.section:
                groups.append((entry.section, []))
            groups[-1][1].append(entry)
        return groups


@dataclass(frozen=True)
class ChangedEntry:
    """An entry that is on both versions of a published agenda but reads differently."""

    number: str
    title: str
    old_number: str
    old_title: str
    kind_changed: bool


@dataclass(frozen=True)
class AgendaChanges:
    """How an agenda differs from its last published version."""

    added: tuple[tuple[str, str], ...] = ()
    removed: tuple[tuple[str, str], ...] = ()
    changed: tuple[ChangedEntry, ...] = ()
    since: int = 0

    def __bool__(self) -> bool:
        """Tell whether anything changed."""
        return bool(self.added or self.removed or self.changed)


def section_of(entry: AgendaEntry) -> Section:
    """Return the section an entry belongs in, from its standing role or its kind."""
    if entry.standing in _OPENING_ORDER:
        return Section.OPENING
    if entry.standing in _CLOSING_ORDER:
        return Section.CLOSING
    if entry.standing in (Standing.FOLLOW_UP, Standing.FIXED_INFO):
        return Section.INFORMATION
    if entry.kind == ItemKind.INFORMATION:
        return Section.INFORMATION
    return Section.DECISION


def _group(entry: AgendaEntry) -> int:
    if entry.standing == Standing.FOLLOW_UP:
        return _GROUP_FOLLOW_UP
    if entry.standing == Standing.FIXED_INFO:
        return _GROUP_FIXED
    return _GROUP_REGULAR


def bucket_of(entry: AgendaEntry) -> tuple[Section, bool, int]:
    """Return the bucket an entry is reordered within: section, lateness and group."""
    return (entry.section, entry.is_late, _group(entry))


def sort_key(entry: AgendaEntry) -> tuple[int, int, int, int, int, int]:
    """Return the key that orders entries on the agenda."""
    section = list(Section).index(entry.section)
    if entry.section == Section.OPENING:
        fixed = _OPENING_ORDER.get(entry.standing, 9) if entry.standing else 9
        return (section, fixed, 0, 0, 0, entry.order)
    if entry.section == Section.CLOSING:
        fixed = _CLOSING_ORDER.get(entry.standing, 9) if entry.standing else 9
        return (section, fixed, 0, 0, 0, entry.order)
    # Why: a late item (eftersendt) goes after the items that met the deadline, so the
    # numbers already sent out do not change; it takes the previous number plus a letter.
    return (section, 0, int(entry.is_late), _group(entry), entry.position, entry.order)


def late_letter(index: int) -> str:
    """Return the letter of the index-th late item after a number: B, C, … Z, then Z2, Z3 …."""
    letters = string.ascii_uppercase[1:]
    if index < len(letters):
        return letters[index]
    return f"Z{index - len(letters) + 2}"


def number_entries(entries: Iterable[AgendaEntry]) -> list[AgendaEntry]:
    """Order entries and number them 1…N, late items as the previous number plus B, C …."""
    ordered = sorted(entries, key=sort_key)
    numbered: list[AgendaEntry] = []
    current = 0
    late_count = 0
    for entry in ordered:
        if entry.is_late and current > 0:
            number = f"{current}{late_letter(late_count)}"
            late_count += 1
        else:
            current += 1
            late_count = 0
            number = str(current)
        numbered.append(replace(entry, number=number))
    return numbered


def assemble(
    meeting_id: int,
    group_name: str,
    candidates: Iterable[AgendaEntry],
    *,
    version: int = 0,
    published: bool = False,
    meeting: MeetingFacts | None = None,
) -> Agenda:
    """Sort candidates into the numbered agenda, the pending proposals and the set-asides."""
    on_agenda: list[AgendaEntry] = []
    pending: list[AgendaEntry] = []
    set_aside: list[AgendaEntry] = []
    for entry in candidates:
        if entry.standing is not None or entry.status in ON_AGENDA:
            on_agenda.append(entry)
        elif entry.status == ItemStatus.PROPOSED:
            pending.append(entry)
        else:
            set_aside.append(entry)
    pending.sort(key=lambda e: (e.order, e.key))
    set_aside.sort(key=lambda e: (e.order, e.key))
    return Agenda(
        meeting_id=meeting_id,
        group_name=group_name,
        entries=tuple(number_entries(on_agenda)),
        pending=tuple(pending),
        set_aside=tuple(set_aside),
        version=version,
        published=published,
        meeting=meeting,
    )


def preview_number(agenda: Agenda, key: str) -> str | None:
    """Return the number a pending proposal would get if the chair accepted it now."""
    entry = next((e for e in agenda.pending if e.key == key), None)
    if entry is None:
        found = next((e for e in agenda.entries if e.key == key), None)
        return found.number if found else None
    accepted = replace(entry, status=ItemStatus.ACCEPTED)
    numbered = number_entries([*agenda.entries, accepted])
    return next(e.number for e in numbered if e.key == key)


def neighbour(agenda: Agenda, key: str, step: int) -> AgendaEntry | None:
    """Return the entry one step up (-1) or down (+1) from a key within its bucket."""
    entry = next((e for e in agenda.entries if e.key == key), None)
    if entry is None or not entry.movable:
        return None
    bucket = [e for e in agenda.entries if bucket_of(e) == bucket_of(entry)]
    index = bucket.index(entry) + step
    if 0 <= index < len(bucket):
        return bucket[index]
    return None


def reorder_positions(agenda: Agenda, key: str, step: int) -> dict[str, int]:
    """Return new positions (by key) for one bucket after moving an entry up or down."""
    entry = next((e for e in agenda.entries if e.key == key), None)
    if entry is None or not entry.movable:
        return {}
    bucket = [e for e in agenda.entries if bucket_of(e) == bucket_of(entry)]
    index = bucket.index(entry)
    target = index + step
    if not 0 <= target < len(bucket):
        return {}
    keys = [e.key for e in bucket]
    keys[index], keys[target] = keys[target], keys[index]
    return {k: (i + 1) * 10 for i, k in enumerate(keys)}


# ---------------------------------------------------------------------------------------
# Deadlines
# ---------------------------------------------------------------------------------------


def proposal_deadline(meeting_day: date, days_before: int) -> date:
    """Return the last day a proposal is on time for a meeting."""
    return meeting_day - timedelta(days=max(days_before, 0))


def is_late(received_on: date, meeting_day: date, days_before: int) -> bool:
    """Tell whether a proposal received on a day misses the meeting's proposal deadline.

    Why: the secretariat sends the agenda with its bilag about a week before the meeting
    and needs the proposals a few days before that; a proposal after the deadline is still
    taken, but as *eftersendt*, so members see it arrived late.
    """
    return received_on > proposal_deadline(meeting_day, days_before)


def may_change_proposal(role: Role | str | None, is_proposer: bool) -> bool:
    """Tell whether a person may edit or withdraw a proposal: its proposer or an officer."""
    return is_proposer or can(role, Action.CURATE)


# ---------------------------------------------------------------------------------------
# Published versions
# ---------------------------------------------------------------------------------------


def snapshot(agenda: Agenda) -> list[dict[str, Any]]:
    """Return the JSON-able record of an agenda as published."""
    return [
        {
            "key": entry.key,
            "id": entry.item_id,
            "number": entry.number,
            "title": entry.title,
            "kind": entry.kind.value,
            "standing": entry.standing.value if entry.standing else None,
            "late": entry.is_late,
            "carried_from": entry.carried_from,
            "proposer": entry.proposer,
            "attachments": [[a.title, a.url] for a in entry.attachments],
        }
        for entry in agenda.entries
    ]


def entries_from_snapshot(rows: Sequence[dict[str, Any]]) -> list[AgendaEntry]:
    """Rebuild the entries of a published version from its snapshot."""
    entries: list[AgendaEntry] = []
    for index, row in enumerate(rows):
        standing = row.get("standing")
        entries.append(
            AgendaEntry(
                key=str(row.get("key") or f"snapshot:{index}"),
                item_id=row.get("id"),
                number=str(row.get("number") or ""),
                title=str(row.get("title") or ""),
                kind=ItemKind(str(row.get("kind") or ItemKind.DECISION)),
                status=ItemStatus.ACCEPTED,
                standing=Standing(standing) if standing else None,
                is_late=bool(row.get("late")),
                carried_from=row.get("carried_from"),
                proposer=row.get("proposer"),
                attachments=tuple(
                    AttachmentRef(str(title), url) for title, url in row.get("attachments") or []
                ),
                order=index,
            )
        )
    return entries


def _longest_increasing(values: Sequence[int]) -> set[int]:
    """Return the positions of one longest strictly increasing subsequence of values."""
    tails: list[int] = []
    tail_at: list[int] = []
    parent: list[int | None] = [None] * len(values)
    for position, value in enumerate(values):
        low, high = 0, len(tails)
        while low < high:
            middle = (low + high) // 2
            if tails[middle] < value:
                low = middle + 1
            else:
                high = middle
        parent[position] = tail_at[low - 1] if low else None
        if low == len(tails):
            tails.append(value)
            tail_at.append(position)
        else:
            tails[low] = value
            tail_at[low] = position
    kept: set[int] = set()
    cursor: int | None = tail_at[-1] if tail_at else None
    while cursor is not None:
        kept.add(cursor)
        cursor = parent[cursor]
    return kept


def diff(old: Sequence[dict[str, Any]], agenda: Agenda, since: int = 0) -> AgendaChanges:
    """Compare the published snapshot with the agenda as it stands now."""

    def identity(row: dict[str, Any]) -> str:
        return f"id:{row['id']}" if row.get("id") is not None else str(row.get("key"))

    before = {identity(row): row for row in old}
    now_rows = snapshot(agenda)
    after = {identity(row): row for row in now_rows}
    added = tuple((row["number"], row["title"]) for key, row in after.items() if key not in before)
    removed = tuple(
        (row["number"], row["title"]) for key, row in before.items() if key not in after
    )
    # Why: an added or removed item shifts every number after it; members need to hear
    # about the items that moved among the others, not about every shifted number. The
    # items that kept their relative order are the longest run in the old order.
    common = [key for key in after if key in before]
    old_index = {key: i for i, key in enumerate(key for key in before if key in after)}
    stayed = _longest_increasing([old_index[key] for key in common])
    changed: list[ChangedEntry] = []
    for index, key in enumerate(common):
        row, previous = after[key], before[key]
        moved = index not in stayed
        retitled = previous["title"] != row["title"]
        rekinded = previous["kind"] != row["kind"]
        if moved or retitled or rekinded:
            changed.append(
                ChangedEntry(
                    number=row["number"],
                    title=row["title"],
                    old_number=previous["number"] if moved else row["number"],
                    old_title=previous["title"],
                    kind_changed=rekinded,
                )
            )
    return AgendaChanges(added=added, removed=removed, changed=tuple(changed), since=since)


# ---------------------------------------------------------------------------------------
# "Punkter til næste møde" and repeated treatment
# ---------------------------------------------------------------------------------------

_BULLET = re.compile(r"^\s*(?:[-•*·▪◦–]|\d+[.)])\s*")
_NOTHING = re.compile(r"^(?:ingen|intet|ingen punkter|none|nothing|-+)\.?$", re.IGNORECASE)
_NEXT_TITLE = re.compile(
    r"^\s*(?:\d+[.)]?\s*)?(?:punkter\s+til\s+n(?:æ|ae)ste\s+møde|items\s+for\s+the\s+next\s+meeting)",
    re.IGNORECASE,
)


def is_next_meeting_title(title: str) -> bool:
    """Tell whether an item's title is the standing "Punkter til næste møde"."""
    return bool(_NEXT_TITLE.match(title))


def next_list_lines(text: str | None) -> list[str]:
    """Split a "Punkter til næste møde" note into its items (bullets and numbers removed)."""
    lines: list[str] = []
    for raw in (text or "").splitlines():
        line = _BULLET.sub("", raw).strip()
        if line and not _NOTHING.match(line):
            lines.append(" ".join(line.split()))
    return lines


_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
_ROMAN_TAIL = re.compile(r"\s+(I{1,3}|IV|V|VI{0,3}|IX|X|XI{0,2})\s*$")


def next_treatment_title(title: str) -> str:
    """Return the title of a matter's next treatment: "Revision af standardkontrakter V" → VI.

    Why: the Sjælland agendas number repeated treatments of the same matter with a roman
    numeral ("… tidsplan II", "Revision af standardkontrakter V"), so members can follow it.
    """
    stripped = title.strip()
    match = _ROMAN_TAIL.search(stripped)
    if match is None:
        return f"{stripped} II"
    index = _ROMAN.index(match.group(1))
    if index + 1 >= len(_ROMAN):
        return stripped
    return f"{stripped[: match.start()]} {_ROMAN[index + 1]}"


# ---------------------------------------------------------------------------------------
# Reading a proposal written in a message
# ---------------------------------------------------------------------------------------

KIND_WORDS: dict[str, ItemKind] = {
    "beslutning": ItemKind.DECISION,
    "indstilling/beslutning": ItemKind.DECISION,
    "decision": ItemKind.DECISION,
    "drøftelse": ItemKind.DISCUSSION,
    "droeftelse": ItemKind.DISCUSSION,
    "discussion": ItemKind.DISCUSSION,
    "orientering": ItemKind.INFORMATION,
    "information": ItemKind.INFORMATION,
}

_KIND_RE = re.compile(
    r"\(\s*(?:til\s+|for\s+)?(" + "|".join(re.escape(w) for w in KIND_WORDS) + r")\s*\)",
    re.IGNORECASE,
)
_LABELS: dict[str, str] = {
    "indstilling": "recommendation",
    "recommendation": "recommendation",
    "baggrund": "background",
    "background": "background",
    "beslutningstema": "summary",
    "resumé": "summary",
    "resume": "summary",
    "summary": "summary",
    "bilag": "attachments",
    "attachments": "attachments",
    "attachment": "attachments",
}
_LABEL_RE = re.compile(
    r"(?:(?<=\s)|^)(" + "|".join(sorted(_LABELS, key=len, reverse=True)) + r")\s*:",
    re.IGNORECASE,
)
_MEETING_RE = re.compile(
    r"(?:^|(?<=\s))(?:til|på|for|to|at)\s+(?:the\s+)?(?:mødet|møde|moedet|moede|meeting)\b\s*"
    r"(?:den\s+|d\.\s*|on\s+|of\s+)?",
    re.IGNORECASE,
)
_SLACK_LINK = re.compile(r"<((?:https?|ftp)://[^|>\s]+)(?:\|([^>]*))?>")
_LINK_TAIL = " \t-•*:,;.()"
_BARE_URL = re.compile(r"(?<![<|])\b(https?://[^\s<>|]+[^\s<>|.,;:!?)\]])")

#: Return the length of a date expression at the start of a text, or None when there is
#: none there; the caller's implementation raises when a date-shaped text cannot be read.
DatePrefix = Callable[[str], int | None]


@dataclass(frozen=True)
class ProposalText:
    """A proposal as read from a message: its title and the optional parts."""

    title: str
    kind: ItemKind | None = None
    meeting_ref: str | None = None
    summary: str | None = None
    background: str | None = None
    recommendation: str | None = None
    attachments: tuple[AttachmentRef, ...] = ()


def link_title(url: str) -> str:
    """Return a readable title for a link without one: the file name, else the host."""
    path = url.split("?", 1)[0].split("#", 1)[0].rstrip("/")
    tail = path.rsplit("/", 1)[-1]
    if "." in tail and len(tail) <= 120 and "://" not in tail:
        return tail
    return path.split("://", 1)[-1].split("/", 1)[0] or url


def extract_links(text: str) -> tuple[str, list[AttachmentRef]]:
    """Take the links out of a text as bilag.

    A link inside a sentence leaves its label in the text ("læs <url|notatet> først"); a
    link at the end of a line, or on a line of its own, is only a bilag.
    """
    links: list[AttachmentRef] = []

    def slack_link(match: re.Match[str]) -> str:
        url, label = match.group(1), (match.group(2) or "").strip()
        links.append(AttachmentRef(label or link_title(url), url))
        trailing = not match.string[match.end() :].strip(_LINK_TAIL)
        return "" if trailing else label

    def bare(match: re.Match[str]) -> str:
        links.append(AttachmentRef(link_title(match.group(1)), match.group(1)))
        return ""

    lines: list[str] = []
    for raw in text.splitlines():
        only_link = bool(raw.strip()) and not (
            _BARE_URL.sub("", _SLACK_LINK.sub("", raw)).strip(_LINK_TAIL)
        )
        line = _BARE_URL.sub(bare, _SLACK_LINK.sub(slack_link, raw))
        if not only_link:
            lines.append(line)
    return "\n".join(lines), links


def _clean(text: str) -> str | None:
    lines = [" ".join(line.split()) for line in text.strip().splitlines()]
    cleaned = "\n".join(line for line in lines if line).strip()
    return cleaned or None


def parse_proposal(text: str, date_prefix: DatePrefix) -> ProposalText:
    """Read a proposal message: title first, then "til mødet 3/5", "(orientering)", labels.

    ``date_prefix`` finds where a date expression after "til mødet" ends; it is passed in so
    this rule stays pure (the bot's date reader is behind it).
    """
    body, links = extract_links(text)
    kind: ItemKind | None = None
    kind_match = _KIND_RE.search(body)
    if kind_match is not None:
        kind = KIND_WORDS[kind_match.group(1).casefold()]
        body = body[: kind_match.start()] + " " + body[kind_match.end() :]

    meeting_ref: str | None = None
    for match in _MEETING_RE.finditer(body):
        length = date_prefix(body[match.end() :])
        if length:
            meeting_ref = body[match.end() : match.end() + length].strip()
            body = body[: match.start()] + " " + body[match.end() + length :]
            break

    parts: dict[str, list[str]] = {}
    labels = list(_LABEL_RE.finditer(body))
    head = body[: labels[0].start()] if labels else body
    for index, label in enumerate(labels):
        end = labels[index + 1].start() if index + 1 < len(labels) else len(body)
        field_name = _LABELS[label.group(1).casefold()]
        parts.setdefault(field_name, []).append(body[label.end() : end])

    head_lines = [line for line in head.strip().splitlines() if line.strip()]
    title = " ".join(head_lines[0].split()) if head_lines else ""
    title = title.strip(" \t-–—:;,")
    summary_parts = ["\n".join(head_lines[1:]), *parts.get("summary", [])]
    return ProposalText(
        title=title,
        kind=kind,
        meeting_ref=meeting_ref,
        summary=_clean("\n".join(summary_parts)),
        background=_clean("\n".join(parts.get("background", []))),
        recommendation=_clean("\n".join(parts.get("recommendation", []))),
        attachments=tuple(links),
    )


def parse_attachment_lines(text: str) -> list[AttachmentRef]:
    """Read bilag from a form field: one per line, "title https://…" or just a link."""
    refs: list[AttachmentRef] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        rest, links = extract_links(line)
        label = " ".join(rest.split()).strip(" -–:|")
        if links:
            for link in links:
                refs.append(AttachmentRef(label or link.title, link.url))
                label = ""
        else:
            refs.append(AttachmentRef(line, None))
    return refs
