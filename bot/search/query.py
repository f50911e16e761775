"""Understand a question to the archive: its intent, its topic words and its time filter."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Literal

from bot.dates import MONTHS
from bot.search.analysis import Analyzer, tokenize, words
from bot.search.glossary import glossary, looks_english

__all__ = ["FRAMING_WORDS", "Intent", "ParsedQuestion", "parse_question", "parse_time_filter"]


Intent = Literal["decision", "when", "who"]
_Span = tuple[date | None, date | None]
_Handler = Callable[[re.Match[str]], _Span | None]

_NUMBER_WORDS: dict[str, int] = {
    "et": 1, "en": 1, "one": 1, "a": 1, "to": 2, "two": 2, "tre": 3, "three": 3, "fire": 4,
    "four": 4, "fem": 5, "five": 5, "seks": 6, "six": 6, "ti": 10, "ten": 10,
}  # fmt: skip

_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))

# The forms a point in time takes, longest first: a full date, a month of a year,
# a year, a month alone. ``{p}`` prefixes the group names so that one pattern can
# hold several points.
_DATE_FORMS: list[str] = [
    r"(?P<{p}y>(?:19|20)\d\d)-(?P<{p}mn>[01]?\d)-(?P<{p}d>[0-3]?\d)",
    r"(?P<{p}d>[0-3]?\d)\s*/\s*(?P<{p}mn>[01]?\d)\s*(?:-|/|\s)\s*(?P<{p}y>(?:19|20)\d\d)",
    r"(?P<{p}d>[0-3]?\d)\.(?P<{p}mn>[01]?\d)\.(?P<{p}y>(?:19|20)\d\d)",
    r"(?P<{p}d>[0-3]?\d)\.?\s+(?P<{p}m>" + _MONTH_NAMES + r")\.?\s+(?P<{p}y>(?:19|20)\d\d)",
    r"(?P<{p}m>"
    + _MONTH_NAMES
    + r")\.?\s+(?P<{p}d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<{p}y>(?:19|20)\d\d)",
    r"(?P<{p}m>" + _MONTH_NAMES + r")\.?\s+(?P<{p}y>(?:19|20)\d\d)",
    r"(?P<{p}y>(?:19|20)\d\d)",
    r"(?P<{p}m>" + _MONTH_NAMES + r")\b\.?",
]


_FORM_KINDS = ("date",) * (len(_DATE_FORMS) - 3) + ("month_year", "year", "month")
_GROUP_RE = re.compile(r"\(\?P<\{p\}(\w+)>")
# Per prefix and form: (key, full group name) of each group the form has.
_GROUPS: dict[str, list[list[tuple[str, str]]]] = {
    prefix: [
        [(key, f"{prefix}{i}_{key}") for key in _GROUP_RE.findall(form)]
        for i, form in enumerate(_DATE_FORMS)
    ]
    for prefix in ("a", "b")
}
_TIME_HINT_RE = re.compile(
    r"\d|\b(?:" + _MONTH_NAMES + r")\b|\b(?:år|year|måned|month|uge|week|fjor|kalenderår)"
)


def _point_pattern(prefix: str) -> str:
    """Return a pattern for one point in time whose groups are named after ``prefix``."""
    forms = [form.replace("{p}", f"{prefix}{i}_") for i, form in enumerate(_DATE_FORMS)]
    return "(?P<" + prefix + ">" + "|".join(f"(?:{form})" for form in forms) + ")"


_NUMBER = r"(?P<n>\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")"
_UNIT = r"(?P<unit>år|years?|måneder|måned|months?|uger|uge|weeks?)"

_RELATIVE_PATTERNS: list[tuple[str, str]] = [
    (r"\b(?:de|the)\s+(?:sidste|seneste|last|past)\s+" + _NUMBER + r"\s+" + _UNIT + r"\b", "last_n"),
    (r"\b(?:inden\s+for|within)\s+(?:de|the)\s+(?:sidste|seneste|last|past)\s+" + _NUMBER + r"\s+" + _UNIT + r"\b", "last_n"),
    (r"\b(?:sidste|forrige|last)\s+(?:år|year)\b|\bi\s+fjor\b|\bsidste\s+kalenderår\b", "last_year"),
    (r"\b(?:i\s+år|this\s+year|dette\s+år|i\s+indeværende\s+år)\b", "this_year"),
    (r"\b(?:sidste|forrige|last)\s+(?:måned|month)\b", "last_month"),
    (r"\b(?:denne\s+måned|this\s+month|i\s+denne\s+måned)\b", "this_month"),
]  # fmt: skip
_RELATIVE_RES = [(re.compile(pattern), kind) for pattern, kind in _RELATIVE_PATTERNS]

_RANGE_RE = re.compile(
    r"\b(?:fra|from|mellem|between)\s+"
    + _point_pattern("a")
    + r"\s+(?:til|to|og|and|until|-|–)\s+"
    + _point_pattern("b")
    + r"(?!\w)"
)
_SINCE_RE = re.compile(
    r"\b(?P<word>siden|since|efter|after)\s+(?:den\s+|the\s+)?" + _point_pattern("a") + r"(?!\w)"
)
_BEFORE_RE = re.compile(
    r"\b(?:før|inden|before|until|indtil|prior\s+to)\s+(?:den\s+|the\s+)?"
    + _point_pattern("a")
    + r"(?!\w)"
)
_IN_RE = re.compile(
    r"(?:\b(?P<prep>i|in|during|under|på|on|at|fra|from|of|året|year)\s+)?"
    r"(?:(?:mødet|møde|the\s+meeting|meeting)\s+)?(?:(?:den|the|on|i|in)\s+)?"
    r"(?<!\w)" + _point_pattern("a") + r"(?!\w)"
)
# English month abbreviations that are also words ("may", "mar") count only after "in".
_AMBIGUOUSMONTHS = words("may mar jan jun jul aug sep sept okt oct nov dec feb apr")

_INTENT_PATTERNS: list[tuple[Intent, re.Pattern[str]]] = [
    ("when", re.compile(r"\bhvornår\b|\bwhen\b|\bwhat\s+date\b|\bhvilken\s+dato\b|\bhvilke\s+møder\b|\bwhich\s+meetings?\b|\bhow\s+long\s+ago\b|\bhvor\s+længe\s+siden\b")),
    ("who", re.compile(r"\bhvem\b|\bwho\b|\bwhom\b")),
]  # fmt: skip

FRAMING_VERBS: frozenset[str] = words(
    """
    beslutte besluttede besluttet beslutter besluttes beslutning beslutningen beslutninger
    beslutningerne bestemte bestemt drøfte drøftede drøftet drøfter drøftes drøftelse
    drøftelsen drøftelser drøftelserne diskutere diskuterede diskuteret diskuterer diskussion
    diskussionen snakke snakkede snakket snakker tale talte talt taler vedtage vedtog vedtaget
    aftalte konkludere konkluderede konkluderet konklusion konklusionen landede
    enedes besluttedes sagde sagt gjorde gjort kiggede kigget behandlede behandlet behandles
    fortæl fortælle vis find husk huske husker ved veed egentlig faktisk præcis igen sidst
    senest seneste sidste gang nogensinde hedder
    decide decided decides deciding decision decisions discuss discussed discusses discussing
    discussion discussions talk talked talking agree agreed conclude concluded
    conclusion conclusions resolve resolved resolution say said treat treated handle handled
    cover covered ever last latest make made reach reached take took tell show find list give
    know remind please happened happen outcome outcomes result results get got may might
    must shall also see
    """
)
"""Words that frame a question to the archive rather than name its topic."""

FRAMING_NOUNS: frozenset[str] = words(
    """
    styregruppen styregruppe gruppen udvalget møde mødet møder møderne mødets punkt punktet
    punkter punkterne dagsordenspunkt dagsordenspunktet sag sagen emne emnet spørgsmål
    spørgsmålet meeting meetings committee group steering item items topic subject matter
    question issue agenda
    """
)
"""Nouns that usually frame a question; kept only when nothing else names the topic."""

FRAMING_WORDS: frozenset[str] = FRAMING_VERBS | FRAMING_NOUNS
"""Every framing word, for callers that show what was ignored."""

_SLACK_MARKUP_RE = re.compile(
    r"<[@#!][^>]*>|<(?:https?|mailto):[^>|]*\|([^>]*)>|<(?:https?|mailto):[^>]*>"
)


@dataclass(frozen=True)
class ParsedQuestion:
    """A question reduced to what the search needs.

    ``terms`` are the analysed search terms, ``content_words`` the words that name
    the topic as typed (lowercase), ``unknown_words`` those content words that the
    archive's vocabulary does not know. The date range is inclusive; ``None`` is open.
    """

    text: str
    intent: Intent
    terms: tuple[str, ...]
    content_words: tuple[str, ...]
    date_from: date | None = None
    date_to: date | None = None
    unknown_words: tuple[str, ...] = field(default=())


def parse_question(
    text: str, *, now: date | datetime, analyzer: Analyzer | None = None
) -> ParsedQuestion:
    """Parse a question into intent, topic words, search terms and a date range."""
    analyzer = analyzer if analyzer is not None else Analyzer()
    today = now.date() if isinstance(now, datetime) else now
    cleaned = _SLACK_MARKUP_RE.sub(lambda m: f" {m.group(1) or ''} ", text)
    lowered = cleaned.lower()
    intent = _intent(lowered)
    date_from, date_to, remainder = parse_time_filter(lowered, today=today)
    tokens = [t for t in tokenize(remainder) if t not in analyzer.stopwords]
    content = [t for t in tokens if t not in FRAMING_WORDS]
    if not content:
        content = [t for t in tokens if t not in FRAMING_VERBS]
    content_words = tuple(dict.fromkeys(content))
    terms = tuple(analyzer.query_terms(" ".join(content_words)))
    unknown: tuple[str, ...] = ()
    if len(analyzer.vocabulary):
        unknown = tuple(w for w in content_words if not analyzer.is_known(w))
    terms, unknown = _with_translations(terms, remainder, unknown, analyzer)
    return ParsedQuestion(
        text=text,
        intent=intent,
        terms=terms,
        content_words=content_words,
        date_from=date_from,
        date_to=date_to,
        unknown_words=unknown,
    )


def _with_translations(
    terms: tuple[str, ...], remainder: str, unknown: tuple[str, ...], analyzer: Analyzer
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Add the Danish terms of the English field words of a question (see ``glossary``).

    An English question has all its field words translated; in any other question only
    phrases with a word the archive does not know are, so a Danish question keeps its terms.
    Returns the terms and the words still unknown (a translated word that reaches the
    archive is no longer unknown).
    """
    tokens = tokenize(remainder)
    english = looks_english(tokens)
    if not english and not unknown:
        return terms, unknown
    kept = [t for t in tokens if t not in FRAMING_WORDS or t in _PHRASE_GLUE]
    strange = set(unknown)
    added = list(terms)
    reached: set[str] = set()
    for matched, renderings in glossary().matches(kept, skip=analyzer.stopwords):
        if not english and not strange.intersection(matched):
            continue
        for danish in renderings:
            for term in analyzer.query_terms(danish):
                if term in analyzer.vocabulary:
                    reached.update(matched)
                if term not in added:
                    added.append(term)
    return tuple(added), tuple(w for w in unknown if w not in reached)


_PHRASE_GLUE = frozenset({"and", "of", "at", "in", "for", "with", "on"})
"""Small words kept inside English phrases ("children and young people")."""


def _intent(lowered: str) -> Intent:
    """Pick the intent whose question word comes first; a decision question by default."""
    found: list[tuple[int, Intent]] = []
    for intent, pattern in _INTENT_PATTERNS:
        match = pattern.search(lowered)
        if match:
            found.append((match.start(), intent))
    return min(found)[1] if found else "decision"


def parse_time_filter(lowered: str, *, today: date) -> tuple[date | None, date | None, str]:
    """Find time expressions by rule; return (date_from, date_to, text without them)."""
    date_from: date | None = None
    date_to: date | None = None
    text = lowered
    if not _TIME_HINT_RE.search(text):
        return None, None, text

    def narrow(start: date | None, end: date | None) -> None:
        nonlocal date_from, date_to
        if start is not None and (date_from is None or start > date_from):
            date_from = start
        if end is not None and (date_to is None or end < date_to):
            date_to = end

    for pattern, kind in _RELATIVE_RES:
        for match in list(pattern.finditer(text)):
            narrow(*_relative(kind, match, today))
        text = pattern.sub(" ", text)

    def replace(pattern: re.Pattern[str], handler: _Handler) -> None:
        nonlocal text
        out: list[str] = []
        last = 0
        for match in pattern.finditer(text):
            span = handler(match)
            if span is None:
                continue
            narrow(*span)
            out.append(text[last : match.start()])
            out.append(" ")
            last = match.end()
        out.append(text[last:])
        text = "".join(out)

    replace(_RANGE_RE, lambda m: _range(m, today))
    replace(_SINCE_RE, lambda m: _since(m, today))
    replace(_BEFORE_RE, lambda m: _before(m, today))
    replace(_IN_RE, lambda m: _within(m, today))
    return date_from, date_to, text


def _relative(kind: str, match: re.Match[str], today: date) -> tuple[date | None, date | None]:
    """Resolve 'last year', 'this year', 'the last 3 months' and the like against today."""
    if kind == "last_year":
        return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
    if kind == "this_year":
        return date(today.year, 1, 1), today
    if kind == "last_month":
        first = today.replace(day=1)
        end = first - timedelta(days=1)
        return end.replace(day=1), end
    if kind == "this_month":
        return today.replace(day=1), today
    raw = match.group("n")
    n = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
    unit = match.group("unit")
    if unit.startswith(("år", "year")):
        return _shift_months(today, -12 * n), today
    if unit.startswith(("måned", "month")):
        return _shift_months(today, -n), today
    return today - timedelta(weeks=n), today


def _shift_months(day: date, months: int) -> date:
    """Move a date by whole months, clamping the day to the target month's length."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def _point(match: re.Match[str], prefix: str, today: date) -> tuple[date, date] | None:
    """Return the first and last day of the date, month or year matched under ``prefix``."""
    form = _form_of(match, prefix)
    if form is None:
        return None
    groups = {key: value for key, name in _GROUPS[prefix][form] if (value := match.group(name))}
    return _period(groups, today)


def _form_of(match: re.Match[str], prefix: str) -> int | None:
    """Return the index of the date form that matched under ``prefix``."""
    for i, names in enumerate(_GROUPS[prefix]):
        if match.group(names[0][1]) is not None:
            return i
    return None


def _period(groups: dict[str, str], today: date) -> tuple[date, date] | None:
    """Turn the year/month/day groups of one point into a first and last day."""
    year = int(groups["y"]) if "y" in groups else None
    month: int | None = None
    if "m" in groups:
        month = MONTHS[groups["m"].rstrip(".")]
    elif "mn" in groups:
        month = int(groups["mn"])
    day = int(groups["d"]) if "d" in groups else None
    try:
        if year is not None and month is not None and day is not None:
            exact = date(year, month, day)
            return exact, exact
        if year is not None and month is not None:
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        if year is not None:
            return date(year, 1, 1), date(year, 12, 31)
        if month is not None:
            year = today.year if month <= today.month else today.year - 1
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    except ValueError:
        return None
    return None


def _range(match: re.Match[str], today: date) -> tuple[date | None, date | None] | None:
    """Handle 'fra 2019 til 2020', 'between May 2019 and March 2020'."""
    first = _point(match, "a", today)
    second = _point(match, "b", today)
    if first is None or second is None:
        return None
    return min(first[0], second[0]), max(first[1], second[1])


def _since(match: re.Match[str], today: date) -> tuple[date | None, date | None] | None:
    """Handle 'siden marts', 'since March 2019', 'efter 2020' (after the period's end)."""
    span = _point(match, "a", today)
    if span is None:
        return None
    if match.group("word") in ("efter", "after"):
        return span[1] + timedelta(days=1), None
    return span[0], None


def _before(match: re.Match[str], today: date) -> tuple[date | None, date | None] | None:
    """Handle 'før 2020', 'before May 2020' (up to the day before the period starts)."""
    span = _point(match, "a", today)
    if span is None:
        return None
    return None, span[0] - timedelta(days=1)


def _within(match: re.Match[str], today: date) -> tuple[date | None, date | None] | None:
    """Handle a date, a month of a year, or (after a preposition) a year or a month alone.

    A bare year such as the one in "rammeaftale 2021-2022" names a topic, not a
    time, so a year or month on its own counts only after "i", "in" or the like;
    the English month abbreviations that are also words ("may") need "in".
    """
    point = match.group("a")
    preposition = match.group("prep")
    bare = _point_kind(match) in ("year", "month")
    if bare and preposition is None:
        return None
    if _point_kind(match) == "month":
        name = point.rstrip(".")
        if name in _AMBIGUOUSMONTHS and preposition not in ("i", "in", "during"):
            return None
    return _point(match, "a", today)


def _point_kind(match: re.Match[str]) -> str:
    """Tell whether the point under prefix 'a' is a 'date', 'month_year', 'year' or 'month'."""
    form = _form_of(match, "a")
    if form is None:
        return "none"
    return _FORM_KINDS[form]
