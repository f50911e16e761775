"""Undo the artefacts PDF and Word exports leave in the text of minutes and agendas."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

# Bullets rendered as a top-level list marker and as a nested one ("o" under "•" in the
# Word-to-PDF exports, "◦" elsewhere).
BULLET = "•"
SUB_BULLET = "◦"

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_REPLACE = {
    "\u00a0": " ",
    "\u202f": " ",
    "\u2007": " ",
    "\u2028": "\n",
    "\u2029": "\n",
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    # Symbol-font bullets Word writes into PDFs as private-use characters.
    "\uf0b7": "•",
    "\uf0a7": "▪",
    "\uf0d8": "•",
    "\uf076": "•",
    "\uf0fc": "•",
}

_FOOTER = re.compile(
    r"^\s*(?:(?:side|page)\s+\d{1,3}(?:\s*(?:af|of|/)\s*\d{1,3}(?:\s+sider)?)?|"
    r"[-–]\s*\d{1,3}\s*[-–])\s*$",
    re.IGNORECASE,
)
_BARE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
_RUNNING_HEADER = re.compile(
    r"^\s*(?:Punkt(?:er)?\s+\d{1,2}\s*[-–]\s*\d{1,2}|Sager til behandling)\s*$", re.IGNORECASE
)
_SEPARATOR = re.compile(r"^[\s|+]*(?:[-_=–—]{3,}[\s|+]*)+$")

_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"“”]+", re.IGNORECASE)
_URL_AT_END = re.compile(r"((?:https?://|www\.)\S+)$", re.IGNORECASE)
_STANDALONE_URL = re.compile(r"^\s*((?:https?://|www\.)\S+)\s*$", re.IGNORECASE)
_URL_FRAGMENT = re.compile(r"^[\w\-./%?=&#~+:;@,!$'()*\[\]]+$")
_URL_TAIL_HINT = re.compile(
    r"[/_=?&%]|\.(?:pdf|aspx?|html?|php|docx?|xlsx?|pptx?)\b", re.IGNORECASE
)
# How far back (in lines) a link may have been shown for a bare URL line to count as
# the repeat the PDF export writes after each page's text.
_URL_REPEAT_WINDOW = 150

_HTML_TAG = re.compile(r"</?(?:i|b|em|strong|u|span|sup|sub|br|p|font)(?:\s[^>]*)?/?>", re.I)
_ANGLE_URL = re.compile(r"<((?:https?://|www\.)[^>\s]+)>", re.IGNORECASE)
_MD_LINK = re.compile(r"\[([^\]\n]*)\]\(([^)\s]*)\)")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|\"])")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_STRONG = re.compile(r"\*\*(\S(?:[^*\n]*?\S)?)\*\*")
_MD_EMPHASIS = re.compile(r"(?<![\w*])\*(\S(?:[^*\n]*?\S)?)\*(?![\w*])")

_BULLET_LINE = re.compile(
    r"^(?P<indent>\s*)"
    r"(?:(?P<strong>[•●▪■·◆►➢✓‣⁃➤])\s*|(?P<sub>[◦○]|o(?=\s+\S))\s+|(?P<dash>[-–*])\s+)"
    r"(?:[-*•]\s+)?"
    r"(?P<rest>\S.*)$"
)
_STAR_BULLET = re.compile(r"^(?P<indent>\s*)\*(?P<rest>[^\s*][^*]*)$")

_ENUMERATED = re.compile(r"^\s*(?:\d{1,2}\s*[.)]|[A-Z]\))")
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_CONJUNCTIONS = frozenset({"og", "eller", "samt", "el", "el.", "&", "and", "or", "/"})
_LEFT_TRIM = "([{\"'”“«»‘’„"
_RIGHT_TRIM = ".,;:!?)]}\"'”“»«‘’"


@dataclass(frozen=True, slots=True)
class CleanReport:
    """The cleaned text and how many artefacts of each kind were undone."""

    text: str
    hyphens_joined: int = 0
    hyphens_kept: int = 0
    url_lines_removed: int = 0
    urls_rejoined: int = 0
    footer_lines_removed: int = 0
    header_lines_removed: int = 0
    undoubled: bool = False


def clean_text(text: str) -> str:
    """Return the text with extraction artefacts undone (idempotent)."""
    return clean(text).text


def clean(text: str) -> CleanReport:
    """Undo extraction artefacts and report what was changed."""
    text = _normalise_characters(text)
    raw = text.split("\n")
    undoubled = _is_doubled(raw)
    if undoubled:
        raw = _undouble(raw)
    pdf_like = undoubled or any(line.strip() == "\f" for line in raw)
    lines: list[str | None] = []
    for line in raw:
        line = line.rstrip(" \t\f\v")
        if pdf_like and line.startswith(" ") and not line.startswith("  "):
            # The PDF exports start each page's first line with one space.
            line = line[1:]
        lines.append(_inline_markup(line) if line.strip() else "")
    cleaner = _Cleaner(lines)
    cleaner.remove_footers(raw)
    cleaner.rejoin_urls()
    cleaner.remove_url_repeats()
    cleaner.remove_running_headers()
    cleaner.normalise_bullets()
    cleaner.join_hyphens()
    out = cleaner.finish()
    return CleanReport(
        text=out,
        hyphens_joined=cleaner.hyphens_joined,
        hyphens_kept=cleaner.hyphens_kept,
        url_lines_removed=cleaner.url_lines_removed,
        urls_rejoined=cleaner.urls_rejoined,
        footer_lines_removed=cleaner.footer_lines_removed,
        header_lines_removed=cleaner.header_lines_removed,
        undoubled=undoubled,
    )


def _normalise_characters(text: str) -> str:
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.translate(_INVISIBLE)
    for old, new in _REPLACE.items():
        text = text.replace(old, new)
    # A soft hyphen at a line end is a hyphenation point by definition: join the word.
    text = re.sub("\u00ad[ \t]*\n[ \t]*", "", text)
    return text.replace("\u00ad", "").replace("\f", "\n\f\n")


def _is_doubled(lines: list[str]) -> bool:
    """Tell whether every text line is followed by an empty line (the PDF artefact).

    A Word or Markdown text also separates one-line paragraphs with empty lines, so
    the artefact must also show its own paragraph breaks: lines holding only spaces, or
    runs of empty lines, or sentences wrapped over followed-by-empty lines.
    """
    nonempty = [i for i in range(len(lines) - 1) if lines[i] != ""]
    if len(nonempty) < 6:
        return False
    followed = sum(1 for i in nonempty if lines[i + 1] == "")
    if followed < 0.85 * len(nonempty):
        return False
    space_lines = sum(1 for line in lines if line and not line.strip())
    runs = sum(1 for i in range(len(lines) - 2) if lines[i] == lines[i + 1] == lines[i + 2] == "")
    if space_lines or runs:
        return True
    wrapped = 0
    texts = [line for line in lines if line.strip()]
    for current, following in itertools.pairwise(texts):
        if len(current) > 40 and current.rstrip()[-1:].isalpha() and following[:1].islower():
            wrapped += 1
    return wrapped >= 0.3 * len(texts)


def _undouble(lines: list[str]) -> list[str]:
    out: list[str] = []
    skip = False
    for line in lines:
        if skip and line == "":
            skip = False
            continue
        out.append(line)
        skip = line != ""
    return out


def _inline_markup(line: str) -> str:
    line = _HTML_TAG.sub("", line)
    line = _ANGLE_URL.sub(r"\1", line)
    line = _MD_LINK.sub(_md_link, line)
    line = _MD_HEADING.sub("", line)
    line = _MD_STRONG.sub(r"\1", line)
    if "*" in line and not _STAR_BULLET.match(line):
        line = _MD_EMPHASIS.sub(r"\1", line)
    return _MD_ESCAPE.sub(r"\1", line)


def _md_link(match: re.Match[str]) -> str:
    label, url = match.group(1), match.group(2)
    if not url or url.startswith("#"):
        return label
    if not label or label == url:
        return url
    return f"{label} {url}"


def normalise_url(url: str) -> str:
    """Return a URL reduced to the form that tells two mentions of one link apart."""
    url = url.strip().rstrip(_RIGHT_TRIM + "/>")
    url = re.sub(r"^https?://", "", url, flags=re.IGNORECASE)
    url = re.sub(r"^www\.", "", url, flags=re.IGNORECASE)
    host, slash, path = url.partition("/")
    return host.lower() + slash + path


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    try:
        import Stemmer
    except ImportError:  # pragma: no cover - PyStemmer is a declared dependency
        return None
    return Stemmer.Stemmer("danish")


def _stem_words(words: list[str]) -> list[str]:
    stemmer = _stemmer()
    if stemmer is None:  # pragma: no cover
        return [w[:-2] if len(w) > 6 else w for w in words]
    return list(stemmer.stemWords(words))


class _Cleaner:
    """Line-level passes over the text; removed lines become ``None`` until the end."""

    def __init__(self, lines: list[str | None]) -> None:
        self.lines = lines
        self.boundaries: set[int] = set()
        self.hyphens_joined = 0
        self.hyphens_kept = 0
        self.url_lines_removed = 0
        self.urls_rejoined = 0
        self.footer_lines_removed = 0
        self.header_lines_removed = 0

    def _next(self, i: int) -> int | None:
        for j in range(i + 1, len(self.lines)):
            if self.lines[j] is not None:
                return j
        return None

    def _text_neighbour(self, i: int, step: int) -> str | None:
        j = i + step
        while 0 <= j < len(self.lines):
            line = self.lines[j]
            if line is not None:
                return line
            j += step
        return None

    def remove_footers(self, raw: list[str]) -> None:
        for i, line in enumerate(self.lines):
            if line is None:
                continue
            if raw[i].strip() == "\f" or _FOOTER.match(line):
                self._drop_boundary(i)
                self.footer_lines_removed += raw[i].strip() != "\f"
            elif _BARE_NUMBER.match(line):
                before = self._text_neighbour(i, -1)
                after = self._text_neighbour(i, 1)
                if not (before or "").strip() and not (after or "").strip():
                    self._drop_boundary(i)
                    self.footer_lines_removed += 1

    def _drop_boundary(self, i: int) -> None:
        self.lines[i] = None
        self.boundaries.add(i)

    def rejoin_urls(self) -> None:
        """Rejoin link URLs the export broke over two lines, trusting the repeats."""
        known: set[str] = set()
        for line in self.lines:
            if line is None:
                continue
            standalone = _STANDALONE_URL.match(line)
            if standalone:
                known.add(normalise_url(standalone.group(1)))
        for i, line in enumerate(self.lines):
            if line is None:
                continue
            match = _URL_AT_END.search(line)
            if not match:
                continue
            j = self._next(i)
            if j is None:
                continue
            following = self.lines[j] or ""
            parts = following.strip().split(maxsplit=1)
            if not parts:
                continue
            fragment = parts[0]
            if fragment.lower().startswith(("http", "www.")) or not _URL_FRAGMENT.match(fragment):
                continue
            left = match.group(1)
            options = [left + fragment]
            if left.endswith("-"):
                options.insert(0, left[:-1] + fragment)
            chosen = next((o for o in options if normalise_url(o) in known), None)
            if chosen is None:
                if left.endswith("-"):
                    # A break at a real hyphen leaves a digit or a known slug part after it;
                    # otherwise the export hyphenated the URL like a word.
                    chosen = left + fragment if fragment[0].isdigit() else left[:-1] + fragment
                elif _URL_TAIL_HINT.search(fragment):
                    chosen = left + fragment
                else:
                    continue
            self.lines[i] = line[: match.start(1)] + chosen
            rest = parts[1] if len(parts) > 1 else ""
            self.lines[j] = rest if rest else None
            self.urls_rejoined += 1

    def remove_url_repeats(self) -> None:
        """Drop bare URL lines that repeat a link shown shortly before (link annotations)."""
        last_seen: dict[str, int] = {}
        for i, line in enumerate(self.lines):
            if line is None:
                continue
            standalone = _STANDALONE_URL.match(line)
            if standalone:
                key = normalise_url(standalone.group(1))
                seen = last_seen.get(key)
                if seen is not None and i - seen <= _URL_REPEAT_WINDOW:
                    self._drop_boundary(i)
                    self.url_lines_removed += 1
                    continue
                last_seen[key] = i
                continue
            for found in _URL.finditer(line):
                last_seen[normalise_url(found.group(0))] = i

    def remove_running_headers(self) -> None:
        """Drop lines repeated at page edges (running headers), keeping the first one.

        The first occurrence stays: on the first page such a line is usually the title
        or the committee and date, which the header of the document needs.
        """
        edges: set[int] = set()
        starts = [-1, *self.boundaries]
        for b in starts:
            for step in (-1, 1):
                if b < 0 and step < 0:
                    continue
                j = b + step
                while 0 <= j < len(self.lines):
                    line = self.lines[j]
                    if line is not None and line.strip():
                        edges.add(j)
                        break
                    j += step
        counts = Counter((self.lines[j] or "").strip() for j in edges)
        repeated = {
            text
            for text, n in counts.items()
            if n >= 3 and len(text) <= 80 and not text.endswith(":") and not _bullet(text)
        }
        seen: set[str] = set()
        for j in sorted(edges):
            text = (self.lines[j] or "").strip()
            if text in repeated:
                if text in seen:
                    self.lines[j] = None
                    self.header_lines_removed += 1
                seen.add(text)
        for i, line in enumerate(self.lines):
            if line is not None and _RUNNING_HEADER.match(line):
                self.lines[i] = None
                self.header_lines_removed += 1

    def normalise_bullets(self) -> None:
        for i, line in enumerate(self.lines):
            if line is None or not line.strip():
                continue
            if _SEPARATOR.match(line):
                self.lines[i] = ""
                continue
            match = _BULLET_LINE.match(line)
            if match:
                glyph = SUB_BULLET if match.group("sub") else BULLET
                indent = match.group("indent").replace("\t", "    ")
                self.lines[i] = f"{indent}{glyph} {match.group('rest').strip()}"
                continue
            star = _STAR_BULLET.match(line)
            if star:
                self.lines[i] = f"{star.group('indent')}{BULLET} {star.group('rest').strip()}"

    def join_hyphens(self) -> None:
        """Join words hyphenated at line ends; keep the hyphens that are real."""
        vocabulary, hyphenated = self._vocabulary()
        stems = set(_stem_words(sorted(w for w in vocabulary if len(w) >= 4)))
        i = 0
        while i < len(self.lines):
            line = self.lines[i]
            if line is None or not line.endswith("-") or len(line) < 2:
                i += 1
                continue
            j = self._next(i)
            if j is None:
                break
            following = self.lines[j] or ""
            decision = self._hyphen_decision(line, following, vocabulary, hyphenated, stems)
            if decision is None:
                i += 1
                continue
            parts = following.strip().split(maxsplit=1)
            token = parts[0]
            rest = parts[1] if len(parts) > 1 else ""
            if decision == "join":
                self.lines[i] = line[:-1] + token
                self.hyphens_joined += 1
            else:
                self.lines[i] = line + token
                self.hyphens_kept += 1
            self.lines[j] = rest if rest else None
            # The moved token may itself end in a hyphen: look at this line again.

    def _hyphen_decision(
        self,
        line: str,
        following: str,
        vocabulary: Counter[str],
        hyphenated: Counter[str],
        stems: set[str],
    ) -> str | None:
        if not following.strip() or _bullet(following.strip()) or _ENUMERATED.match(following):
            return None
        left_token = line.split()[-1] if line.split() else ""
        if _URL.search(left_token) or "@" in left_token:
            return None
        stem = left_token[:-1].lstrip(_LEFT_TRIM)
        if not stem or not stem[-1].isalnum():
            return None
        right_token = following.strip().split()[0]
        right = right_token.rstrip(_RIGHT_TRIM)
        if not right:
            return None
        if right.lower() in _CONJUNCTIONS:
            self.hyphens_kept += 1
            return None  # "børne- og voksenområdet": the line break is the space
        if right[0].isdigit():
            return "keep"  # "Covid-19", "2021-2022", "(10-19"
        last_part = stem.rsplit("-", 1)[-1]
        if any(c.isdigit() for c in last_part) or (
            len(last_part) >= 2 and last_part.isupper() and last_part.isalpha()
        ):
            return "keep"  # "K17-møde", "VIVE-analyse", "18-64-årig"
        if not right[0].isalpha():
            return None
        joined = (last_part + right).lower()
        hyphen_form = f"{last_part}-{right}".lower()
        joined_known = vocabulary[joined] > 0 or (
            len(joined) >= 6 and _stem_words([joined])[0] in stems
        )
        if hyphenated[hyphen_form] > vocabulary[joined]:
            return "keep"
        if joined_known:
            return "join"
        if right[0].isupper():
            return "keep"  # "ikke-EU": the right part is a name or an abbreviation
        return "join"

    def _vocabulary(self) -> tuple[Counter[str], Counter[str]]:
        vocabulary: Counter[str] = Counter()
        hyphenated: Counter[str] = Counter()
        previous_hyphen = False
        for line in self.lines:
            if line is None:
                continue
            tokens = _WORD.findall(line)
            ends_hyphen = line.endswith("-")
            if previous_hyphen and tokens:
                tokens = tokens[1:]
            if ends_hyphen and tokens:
                tokens = tokens[:-1]
            for token in tokens:
                low = token.lower()
                if "-" in low:
                    hyphenated[low] += 1
                    for part in low.split("-"):
                        vocabulary[part] += 1
                else:
                    vocabulary[low] += 1
            if line.strip():
                previous_hyphen = ends_hyphen
        return vocabulary, hyphenated

    def finish(self) -> str:
        out: list[str] = []
        for line in self.lines:
            if line is None:
                continue
            if not line.strip():
                if out and out[-1] != "":
                    out.append("")
                continue
            out.append(line)
        while out and out[-1] == "":
            out.pop()
        return "\n".join(out) + ("\n" if out else "")


def _bullet(text: str) -> bool:
    return text[:1] in {BULLET, SUB_BULLET}
