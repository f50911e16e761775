"""Find the agenda items of a document: anchor the bodies on the agenda list.

Splitting on every numbered line finds the numbered lists inside items, the quoted
agendas of other meetings and the agenda list itself as items. The documents list
their agenda first and repeat it with bodies, so the list is used as a template and
the body headings are aligned to it in order (a monotone alignment that allows
skipped numbers, reused letters and titles that differ slightly). Documents without
such a list fall back to the best chain of consecutively numbered headings.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from bot.domain.enums import ItemKind
from bot.ingest.sections import section_field

_MONTHS = frozenset(
    (
        "januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
        "september", "oktober", "november", "december", "jan", "feb", "mar", "apr",
        "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dec",
    )
)  # fmt: skip

_PREFIXED = re.compile(
    r"^\s*(?P<prefix>Punkt|Pkt\.?|Ad\.?\s*(?:pkt\.?|punkt)|Ad\.?|§)\s*(?P<num>\d{1,3})"
    r"(?:\s*\.?\s*(?P<letter>[A-Za-z])(?![^\W\d_]))?"
    r"\s*[.):]?(?:\s+|$)(?P<title>.*)$",
    re.IGNORECASE,
)
_NUMBERED = re.compile(
    r"^\s*(?P<num>\d{1,3})(?:\s*\.?\s*(?P<letter>[A-Za-z])(?=[.)\s]))?"
    r"\s*(?P<delim>[.)]|\t|:(?=\s)|(?<=\s)[-–](?=\s))\s*(?P<title>\S.*)$"
)
_LETTERED = re.compile(r"^\s*(?P<letter>[A-Z])\s*(?P<delim>[.)])\s*(?P<title>\S.*)$")

_LIST_END = re.compile(
    r"^(?:beslutningsreferat|beslutninger|referat|beslutningsprotokol|protokol|"
    r"Resum[eé]|Beslutning|Sagsfremstilling|Indstilling)\s*:?\s*$",
    re.IGNORECASE,
)
_RUNNING_BULLET = re.compile(r"^[•▪·*-]\s+(?=\d{3}\.\s+\S)")
_DOT_LEADER = re.compile(r"\s*\.{2,}\s*")
_PAGE_REF = re.compile(r"(?:\t|\s{2,})\d{1,3}\s*$")
_LABEL_PREFIX = re.compile(
    r"^(?P<label>(?:til\s+)?(?:beslutning|orientering|drøftelse|information|meddelelse))\s*:\s*",
    re.IGNORECASE,
)
_LABEL_SUFFIX = re.compile(
    r"\s*\((?P<label>[BODI]|beslutning|orientering|drøftelse|information)\)\s*$",
    re.IGNORECASE,
)
GROUP_LABEL = re.compile(
    r"^\s*(?:(?:Punkter|Sager|Emner)\s+til\s+(?P<what>[\wæøå/ ]+?)|"
    r"(?P<single>Beslutningssager|Orienteringssager|Drøftelsessager|Orienteringspunkter|"
    r"Meddelelser))\s*:?\s*$",
    re.IGNORECASE,
)
_STOP = frozenset(
    (
        "og", "i", "af", "til", "for", "på", "med", "om", "fra", "den", "det", "de", "en",
        "et", "at", "samt", "som", "der", "er", "ved", "vedr", "vedrørende", "hhv", "mv",
        "ift", "jf", "the", "of", "and",
    )
)  # fmt: skip


@dataclass(slots=True)
class Candidate:
    """A line that looks like an item heading ("3.", "Punkt 3", "A)", "8A)")."""

    index: int
    number: int | None
    letter: str
    title: str
    style: str
    inline: str = ""
    raw: str = ""
    label_kind: ItemKind | None = None
    has_sections: bool = False
    has_content: bool = False
    words: frozenset[str] = field(default_factory=frozenset)


@dataclass(slots=True)
class Heading:
    """An item found in the document: its key, where its heading is, its titles."""

    number: int
    letter: str
    title: str
    index: int | None
    body_start: int | None = None
    agenda_title: str | None = None
    label_kind: ItemKind | None = None
    group_kind: ItemKind | None = None
    context: frozenset[str] = field(default_factory=frozenset)
    # What an "Ad 2: …" line says after its number when the agenda gives the title:
    # the outcome, not a title.
    inline: str | None = None

    @property
    def label(self) -> str:
        """Return the item number as written in the agenda ("3", "8A")."""
        return f"{self.number}{self.letter}"


@dataclass(slots=True)
class Outline:
    """The items of a document and where the header ends."""

    headings: list[Heading]
    header_end: int
    anchored: bool
    warnings: list[str] = field(default_factory=list)


def words_of(text: str) -> frozenset[str]:
    """Return the content words of a title, lowercased, for fuzzy comparison."""
    tokens = re.findall(r"[^\W_]+", text.lower())
    return frozenset(t for t in tokens if t not in _STOP and (len(t) > 1 or t.isdigit()))


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Return how much of the shorter title the longer one covers (0..1)."""
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return _hits(small, large, _prefixes(large)) / len(small)


def _prefixes(words: frozenset[str]) -> frozenset[str]:
    """Return the five-letter stems of the longer words (inflections share them)."""
    return frozenset(w[:5] for w in words if len(w) >= 5)


def _hits(small: frozenset[str], large: frozenset[str], stems: frozenset[str]) -> int:
    """Count the words of ``small`` found in ``large``, exactly or by their stem."""
    return sum(1 for w in small if w in large or (len(w) >= 5 and w[:5] in stems))


def clean_title(title: str) -> tuple[str, ItemKind | None]:
    """Strip dot leaders, page numbers and kind labels off a heading or TOC title."""
    had_leader = bool(_DOT_LEADER.search(title))
    title = _PAGE_REF.sub("", title) if had_leader or "\t" in title else title
    title = _DOT_LEADER.sub(" ", title).replace("\t", " ")
    title = re.sub(r"\s+\d{1,3}$", "", title) if had_leader else title
    kind: ItemKind | None = None
    prefix = _LABEL_PREFIX.match(title)
    if prefix and len(title) > prefix.end():
        kind = _label_kind(prefix.group("label"))
        title = title[prefix.end() :]
    suffix = _LABEL_SUFFIX.search(title)
    if suffix:
        kind = _label_kind(suffix.group("label"))
        title = title[: suffix.start()]
    title = re.sub(r"\s+", " ", title).strip(" \t:–-")
    if title.isupper() and len(re.findall(r"[^\W\d_]{3,}", title)) >= 2:
        title = title[0] + title[1:].lower()  # "VALG AF DIRIGENT" is shouted, not an acronym
    if re.search(r"[^\W\d_]{5}\.$", title):
        title = title[:-1]  # a sentence full stop, not an abbreviation like "Evt."
    return title, kind


def _label_kind(label: str) -> ItemKind | None:
    low = label.lower()
    if low.startswith(("til ",)):
        low = low[4:]
    if low in {"b", "beslutning"}:
        return ItemKind.DECISION
    if low in {"d", "drøftelse"}:
        return ItemKind.DISCUSSION
    if low in {"o", "i", "orientering", "information", "meddelelse"}:
        return ItemKind.INFORMATION
    return None


def group_kind(line: str) -> ItemKind | None:
    """Return the kind a group label ("Punkter til orientering:") gives its items."""
    match = GROUP_LABEL.match(line)
    if not match:
        return None
    what = (match.group("what") or match.group("single") or "").lower()
    if "beslut" in what or "indstilling" in what:
        return ItemKind.DECISION
    if "orient" in what or "efterretning" in what or "meddel" in what:
        return ItemKind.INFORMATION
    if "drøft" in what:
        return ItemKind.DISCUSSION
    return None


def match_candidate(index: int, line: str) -> Candidate | None:
    """Return the heading a line starts, if it looks like one."""
    stripped = line.strip()
    running = _RUNNING_BULLET.match(stripped)
    if running:
        # "• 301. Åben dagsorden": councils number items through the year.
        stripped = stripped[running.end() :]
    if not stripped or stripped[0] in "•◦":
        return None
    prefixed = _PREFIXED.match(stripped)
    if prefixed:
        number = int(prefixed.group("num"))
        letter = (prefixed.group("letter") or "").upper()
        raw_title = prefixed.group("title")
        style = "ad" if prefixed.group("prefix").lower().startswith("ad") else "punkt"
    else:
        numbered = _NUMBERED.match(stripped)
        if numbered:
            number = int(numbered.group("num"))
            letter = (numbered.group("letter") or "").upper()
            raw_title = numbered.group("title")
            style = {"\t": "tab"}.get(numbered.group("delim"), numbered.group("delim"))
        else:
            lettered = _LETTERED.match(stripped)
            if not lettered:
                return None
            number = None
            letter = lettered.group("letter")
            raw_title = lettered.group("title")
            style = "letter"
            if lettered.group("delim") == "." and len(raw_title.split()) < 2:
                return None
    if number is not None and number > 999:
        return None
    title, kind = clean_title(raw_title)
    if not prefixed and not _title_like(title):
        return None
    return Candidate(
        index=index,
        number=number,
        letter=letter,
        title=title,
        style=style,
        label_kind=kind,
        words=words_of(title),
        inline=raw_title.strip() if style == "ad" else "",
        raw=raw_title.strip(),
    )


def _title_like(title: str) -> bool:
    if not title:
        return False
    first = title.lstrip("\"'”“«(„‘’»")[:1]
    if not (first.isalpha() and first.isupper()) and first != "§":
        return False
    first_word = re.split(r"[\s,.]", title, maxsplit=1)[0].lower()
    # "15. Marts 2024" and "1. Maj" are dates, not item headings.
    return first_word not in _MONTHS


def is_section_label(line: str) -> bool:
    """Tell whether a line is one of the section headings of an item body."""
    return section_field(line) is not None


def find_outline(lines: list[str], emphasised: frozenset[str] = frozenset()) -> Outline:
    """Return the items of the document, anchored on its agenda list when it has one.

    ``emphasised`` are the lines the file sets as headings (bold, heading styles); when
    the item headings are among them, a numbered line in a body that is not is no heading.
    """
    candidates = [c for i, line in enumerate(lines) if (c := match_candidate(i, line))]
    candidates = _drop_plain_body_numbers(candidates, lines, emphasised)
    if not candidates:
        return Outline(headings=[], header_end=len(lines), anchored=False)
    _annotate(candidates, lines)
    numbered = candidates
    template = _template(candidates, lines)
    if template is None:
        run = _list_run(candidates, lines)
        if run is not None:
            list_end = candidates[run - 1].index + 1
            stops = [c.index for c in candidates[1:run]] + [list_end]
            listed = _entries(candidates[:run], stops, lines)
            extra = _title_candidates(lines, list_end, listed)
            if extra:
                body_cands = sorted(candidates[run:] + extra, key=lambda c: c.index)
                _annotate(body_cands, lines)
                template = (listed, run)
                candidates = candidates[:run] + body_cands
    if template is not None:
        entries, restart = template
        body = candidates[restart:]
        headings = _align(entries, body, lines)
        matched = sum(1 for h in headings if h.index is not None)
        if matched >= max(1, len(entries) // 2):
            warnings = [
                f"Item {h.label} ({h.title}) is listed in the agenda but has no body."
                for h in headings
                if h.index is None
            ]
            return Outline(
                headings=headings,
                header_end=candidates[0].index,
                anchored=True,
                warnings=warnings,
            )
    headings = _chain(numbered, lines)
    header_end = headings[0].index if headings and headings[0].index is not None else len(lines)
    return Outline(headings=headings, header_end=header_end, anchored=False)


def _drop_plain_body_numbers(
    candidates: list[Candidate], lines: list[str], emphasised: frozenset[str]
) -> list[Candidate]:
    """Drop numbered lines in plain type after the first emphasised item heading."""
    if not emphasised:
        return candidates
    marked = [
        c for c in candidates if c.number is not None and lines[c.index].strip() in emphasised
    ]
    if len(marked) < 2:
        return candidates
    gaps = [b.index - a.index for a, b in itertools.pairwise(marked)]
    if sum(gaps) / len(gaps) <= 2.5:
        return candidates  # an emphasised agenda list, not emphasised body headings
    first = marked[0].index
    return [c for c in candidates if c.index < first or lines[c.index].strip() in emphasised]


def _annotate(candidates: list[Candidate], lines: list[str]) -> None:
    for pos, cand in enumerate(candidates):
        stop = candidates[pos + 1].index if pos + 1 < len(candidates) else len(lines)
        stop = min(stop, cand.index + 80)
        for line in lines[cand.index + 1 : stop]:
            if line.strip():
                cand.has_content = True
            if is_section_label(line):
                cand.has_sections = True
                break


def _key(cand: Candidate, last_number: int) -> tuple[int, str]:
    return (cand.number if cand.number is not None else last_number, cand.letter)


def _template(candidates: list[Candidate], lines: list[str]) -> tuple[list[Heading], int] | None:
    """Return the agenda list (or table of contents) and where the bodies start."""
    last_number = 0
    previous: tuple[int, str] | None = None
    restart: int | None = None
    for pos, cand in enumerate(candidates):
        if cand.number is None and previous is None:
            return None
        key = _key(cand, last_number)
        if previous is not None and key <= previous:
            restart = pos
            break
        previous = key
        last_number = key[0]
    if restart is None or restart < 2:
        return None
    first, boundary = candidates[0].index, candidates[restart - 1].index
    if any(is_section_label(line) for line in lines[first:boundary]):
        return None
    stops = [c.index for c in candidates[1 : restart + 1]]
    return _entries(candidates[:restart], stops, lines), restart


def _list_run(candidates: list[Candidate], lines: list[str]) -> int | None:
    """Return how many headings open the document as a bare list, if it starts with one.

    Such a list is an agenda whose bodies follow under unnumbered headings.
    """
    last_number = 0
    previous: tuple[int, str] | None = None
    count = 0
    for pos, cand in enumerate(candidates):
        if cand.number is None and previous is None:
            return None
        key = _key(cand, last_number)
        if previous is not None:
            between = [x for x in lines[candidates[pos - 1].index + 1 : cand.index] if x.strip()]
            if key <= previous or len(between) > 2 or any(map(is_section_label, between)):
                break
        previous = key
        last_number = key[0]
        count += 1
    return count if count >= 2 else None


def _entries(cands: list[Candidate], stops: list[int], lines: list[str]) -> list[Heading]:
    """Return the agenda entries of a list, each ending where the next one starts."""
    entries: list[Heading] = []
    current_group: ItemKind | None = None
    last_number = 0
    for cand, stop in zip(cands, stops, strict=True):
        number, letter = _key(cand, last_number)
        last_number = number
        title = cand.title
        region = [line.strip() for line in lines[cand.index + 1 : stop]]
        # An agenda title wrapped over lines continues until a blank line; one dash line
        # right under it is a subtitle ("- Udviklings- og styringstiltag, …"), several
        # bullets are the item's content (the points for the next meeting).
        block: list[str] = []
        for stripped in region:
            if not stripped or group_kind(stripped) or _LIST_END.match(stripped):
                break
            block.append(stripped)
        bullets = [b for b in block if b[:1] in "•◦"]
        if not bullets:
            title = " ".join([title, *block])
        elif len(block) == 1:
            title = f"{title} – {block[0][1:].strip()}"
        else:
            title = " ".join([title, *block[: block.index(bullets[0])]])
        title, _ = clean_title(title)
        context = words_of(" ".join([cand.title, *region]))
        own_group = group_kind(cand.title)
        if own_group is not None:
            current_group = own_group
        entries.append(
            Heading(
                number=number,
                letter=letter,
                title=title,
                index=None,
                agenda_title=title,
                label_kind=cand.label_kind,
                group_kind=current_group,
                context=context,
            )
        )
        for line in lines[cand.index + 1 : stop]:
            kind = group_kind(line)
            if kind is not None:
                current_group = kind
    return entries


def _title_candidates(lines: list[str], start: int, entries: list[Heading]) -> list[Candidate]:
    """Return unnumbered lines that repeat an agenda title: the headings of the bodies."""
    titles: dict[int, list[tuple[frozenset[str], frozenset[str]]]] = {}
    for entry in entries:
        words = words_of(entry.title)
        if words:
            titles.setdefault(len(words), []).append((words, _prefixes(words)))
    found: list[Candidate] = []
    for i in range(start, len(lines)):
        stripped = lines[i].strip()
        if (
            not stripped
            or stripped[0] in "•◦"
            or len(stripped) > 150
            or (i > 0 and lines[i - 1].strip())
            or is_section_label(stripped)
            or match_candidate(i, stripped) is not None
        ):
            continue
        words = words_of(stripped)
        if words and _repeats_a_title(words, titles):
            found.append(Candidate(i, None, "", clean_title(stripped)[0], "title", words=words))
    return found


def _repeats_a_title(
    words: frozenset[str], titles: dict[int, list[tuple[frozenset[str], frozenset[str]]]]
) -> bool:
    """Whether a line covers three quarters of an agenda title's words (and they of it).

    The coverage is the matched words of the smaller set over the size of the larger, so
    only titles of a size within a third of the line's are compared (``titles`` is keyed
    by size): long documents have thousands of lines and hundreds of titles.
    """
    stems = _prefixes(words)
    n = len(words)
    for size in range(-(-3 * n // 4), 4 * n // 3 + 1):
        larger = max(n, size)
        for title, title_stems in titles.get(size, ()):
            small = (words, title, title_stems) if n <= size else (title, words, stems)
            hits = _hits(*small)
            if 4 * hits >= 3 * larger:
                return True
    return False


def _body_style(body: list[Candidate]) -> str:
    counts: dict[str, int] = {}
    for cand in body:
        if cand.has_sections and cand.number is not None:
            counts[cand.style] = counts.get(cand.style, 0) + 1
    if not counts:
        return body[0].style if body else "."
    return max(counts, key=lambda s: counts[s])


def _align(entries: list[Heading], body: list[Candidate], lines: list[str]) -> list[Heading]:
    """Align the agenda entries with body headings in order (best total score)."""
    n, m = len(entries), len(body)
    style = _body_style(body)
    entry_words = [words_of(e.title) for e in entries]
    neg = float("-inf")
    score = [[neg] * m for _ in range(n)]
    for i, entry in enumerate(entries):
        for j, cand in enumerate(body):
            same_key = (cand.number == entry.number and cand.letter == entry.letter) or (
                cand.number is None and entry.letter != "" and cand.letter == entry.letter
            )
            sim = similarity(entry_words[i], cand.words)
            if not same_key and sim < 0.6:
                continue
            if cand.number is None and cand.letter and entry.letter == "":
                continue
            value = 1.0 + (1.0 if same_key else 0.0) + 2.0 * sim
            value += 0.7 if cand.has_sections else 0.0
            value += 0.3 if cand.has_content else 0.0
            value += 0.3 if cand.style == style else 0.0
            score[i][j] = value
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    move = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            options = (best[i - 1][j], best[i][j - 1], best[i - 1][j - 1] + score[i - 1][j - 1])
            k = max(range(3), key=lambda x: options[x])
            best[i][j] = options[k]
            move[i][j] = k
    pairs: dict[int, int] = {}
    i, j = n, m
    while i > 0 and j > 0:
        k = move[i][j]
        if k == 2:
            pairs[i - 1] = j - 1
            i, j = i - 1, j - 1
        elif k == 0:
            i -= 1
        else:
            j -= 1
    headings: list[Heading] = []
    for i, entry in enumerate(entries):
        j_match = pairs.get(i)
        if j_match is None:
            headings.append(entry)
            continue
        cand = body[j_match]
        inline: str | None = None
        if cand.style == "ad":
            # "Ad 2: Godkendt." or a bare "Ad pkt. 2": the agenda gives the title.
            title, body_start = entry.title, cand.index + 1
            repeats = similarity(entry_words[i], cand.words) >= 0.6 and not cand.inline.endswith(
                "."
            )
            inline = cand.inline if cand.inline and not repeats else None
            if inline is None and cand.inline:
                title, body_start = heading_title(cand, lines, entry_words[i] | entry.context)
        elif _is_outcome_line(cand, entry, lines):
            # "1. Referatet godkendt." under an agenda list: the outcome, not a title.
            title, body_start, inline = entry.title, cand.index + 1, cand.raw
        else:
            title, body_start = heading_title(cand, lines, entry_words[i] | entry.context)
        title = _prefer_unbroken(title or entry.title, entry.title)
        headings.append(
            Heading(
                number=entry.number,
                letter=entry.letter,
                title=title,
                index=cand.index,
                body_start=body_start,
                agenda_title=entry.agenda_title,
                label_kind=entry.label_kind or cand.label_kind,
                group_kind=entry.group_kind,
                inline=inline,
            )
        )
    return headings


_ABBREVIATION_END = re.compile(r"\b(?:evt|pkt|nr|mv|bl\.a|inkl|ca|jf|vedr|kl)\.$", re.IGNORECASE)


def _is_outcome_line(cand: Candidate, entry: Heading, lines: list[str]) -> bool:
    """Tell whether a numbered body line restates its item as an outcome sentence."""
    raw = cand.raw.rstrip()
    if not raw.endswith(".") or _ABBREVIATION_END.search(raw) or entry.title.endswith("."):
        return False
    if re.sub(r"[\W_]+", "", raw.lower()) == re.sub(r"[\W_]+", "", entry.title.lower()):
        return False
    following = next((line.strip() for line in lines[cand.index + 1 :] if line.strip()), "")
    # A heading has a body under it; an outcome line is followed by the next number.
    return not following or match_candidate(0, following) is not None


def _prefer_unbroken(body_title: str, agenda_title: str) -> str:
    """Return the agenda's spelling when the body heading is the same words split apart.

    PDF text layers split words with stray spaces ("Forny et behandling"); they do not
    merge words, so of two spellings that differ only in spaces the one with fewer
    spaces is the real one.
    """
    compact_body = re.sub(r"[\W_]+", "", body_title.lower())
    compact_agenda = re.sub(r"[\W_]+", "", agenda_title.lower())
    if compact_body == compact_agenda and agenda_title.count(" ") < body_title.count(" "):
        return agenda_title
    return body_title


def heading_title(
    cand: Candidate, lines: list[str], agenda_words: frozenset[str] | None
) -> tuple[str, int]:
    """Return a body heading's title, joining the lines it wraps over, and where the body starts."""
    title = cand.title
    body_start = cand.index + 1
    for pos in range(cand.index + 1, min(len(lines), cand.index + 5)):
        stripped = lines[pos].strip()
        if not stripped:
            if title:
                break
            continue
        if not title:
            title = clean_title(stripped)[0]
            body_start = pos + 1
            continue
        if (
            stripped[0] in "•◦"
            or is_section_label(stripped)
            or match_candidate(0, stripped) is not None
            or group_kind(stripped) is not None
            or len(stripped) > 130
        ):
            break
        if not _continues(title, stripped, agenda_words):
            break
        title = f"{title} {stripped}"
        body_start = pos + 1
    return clean_title(title)[0], body_start


def _continues(title: str, line: str, agenda_words: frozenset[str] | None) -> bool:
    words = words_of(line)
    if agenda_words:
        if not words:
            return False
        covered = sum(
            1
            for w in words
            if w in agenda_words or (len(w) >= 5 and any(a[:5] == w[:5] for a in agenda_words))
        )
        return covered / len(words) >= 0.6
    last = title.rstrip()
    if last.endswith((".", "!", "?")):
        return False
    ends_open = last.split()[-1].lower() in _STOP if last.split() else False
    return line[:1].islower() or line.startswith("(") or ends_open


def _successor_gap(prev: tuple[int, str], key: tuple[int, str]) -> int | None:
    """Return how many keys lie between two keys in order, or None if not after."""
    if key <= prev:
        return None
    if key[0] == prev[0]:
        a = ord(prev[1]) - 64 if prev[1] else 0
        return ord(key[1]) - 64 - a - 1
    gap = key[0] - prev[0] - 1
    return gap + (ord(key[1]) - 64 if key[1] else 0)


_RUNNING_STYLES = frozenset({"punkt", "."})


def _chain(candidates: list[Candidate], lines: list[str]) -> list[Heading]:
    """Return the best chain of consecutively numbered headings (no agenda list)."""
    style = _body_style(candidates)
    weights = [
        1.0
        + (1.0 if c.has_sections else 0.0)
        + (0.3 if c.has_content else 0.0)
        + (0.3 if c.style == style else 0.0)
        for c in candidates
    ]
    # states[j] maps the number a chain ending at candidate j gives it (a lettered
    # heading "B)" takes the number of the item before it) to the chain's score.
    states: list[dict[int, float]] = [{} for _ in candidates]
    back: dict[tuple[int, int], tuple[int, int] | None] = {}
    for j, cand in enumerate(candidates):
        here = states[j]
        # Chains start at 1, or at a council's running number ("301.", "Pkt. 34"); a
        # "75)" or "75 -" line only continues a chain (it is item 75 after item 74).
        if cand.number is not None and (cand.number <= 60 or cand.style in _RUNNING_STYLES):
            start_cost = 0.5 * max(0, cand.number - 1) if cand.number <= 60 else 2.0
            here[cand.number] = weights[j] - start_cost
            back[(j, cand.number)] = None
        for i in range(max(0, j - 200), j):
            prev = candidates[i]
            for prev_number, prev_score in states[i].items():
                number = cand.number if cand.number is not None else prev_number
                gap = _successor_gap((prev_number, prev.letter), (number, cand.letter))
                if gap is None:
                    continue
                value = prev_score + weights[j] - 0.8 * gap
                if value > here.get(number, float("-inf")):
                    here[number] = value
                    back[(j, number)] = (i, prev_number)
    ends = [(score, (j, n)) for j, here in enumerate(states) for n, score in here.items()]
    if not ends:
        return []
    state: tuple[int, int] | None = max(ends)[1]
    chain: list[tuple[int, int]] = []
    while state is not None:
        chain.append(state)
        state = back[state]
    chain.reverse()
    headings: list[Heading] = []
    current_group: ItemKind | None = None
    group_at = _group_labels(lines)
    for j, number in chain:
        cand = candidates[j]
        for idx, kind in group_at:
            if idx < cand.index:
                current_group = kind
        own = group_kind(cand.title)
        title, body_start = heading_title(cand, lines, None)
        headings.append(
            Heading(
                number=number,
                letter=cand.letter,
                title=title,
                index=cand.index,
                body_start=body_start,
                agenda_title=None,
                label_kind=cand.label_kind,
                group_kind=own or current_group,
            )
        )
    return headings


def _group_labels(lines: list[str]) -> list[tuple[int, ItemKind]]:
    found: list[tuple[int, ItemKind]] = []
    for i, line in enumerate(lines):
        kind = group_kind(line)
        if kind is not None:
            found.append((i, kind))
    return found
