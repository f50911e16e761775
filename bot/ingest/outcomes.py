"""Find the outcomes secretaries write without a "Beslutning" label.

"2. Budget – godkendt", "Godkendelse af dagsorden Godkendt", "Bestyrelsen besluttede
at …", "Det blev aftalt, at …", "Udsat til næste møde." are decisions too.
"""

from __future__ import annotations

import re

_OUTCOME_WORDS = (
    r"godkendt|godkendes|vedtaget|vedtages|taget\s+til\s+efterretning|tages\s+til\s+efterretning|"
    r"udsat|udsættes|tiltrådt|afvist|afslået|besluttet|ingen\s+bemærkninger|bevilget|valgt|"
    r"genvalgt|aftalt|anbefales|anbefalet|ok"
)
_DASH_OUTCOME = re.compile(rf"\s+[–-]\s+(?P<outcome>(?:{_OUTCOME_WORDS})\b.*)$", re.IGNORECASE)
_DASH_ANY = re.compile(r"\s+[–-]\s+(?P<outcome>[a-zæøå].*)$")
_COLON_ANY = re.compile(r":\s+(?P<outcome>[a-zæøå].*)$")
# "Valg af dirigent: Kim Due blev valgt." – a sentence after the colon is the outcome.
_COLON_SENTENCE = re.compile(r":\s+(?P<outcome>[A-ZÆØÅ][^:]*\s\S[^:]*)$")
_ATTENDANCE_NOTE = re.compile(
    r"^(?:fraværende|afbud|deltog\s+ikke|ikke\s+til\s+stede)\b|"
    r"\b(?:var\s+fraværende|deltog\s+ikke|forlod\s+mødet)\b",
    re.IGNORECASE,
)
_TRAILING = re.compile(
    r"^(?P<title>.*\S)\s+(?P<outcome>(?:Godkendt|Vedtaget|Udsat|Taget til efterretning|"
    r"Tiltrådt|Afvist|Afslået|Ingen bemærkninger)(?:\s.*)?)\.?$"
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ0-9])")
_DECISION_SENTENCE = re.compile(
    r"^(?:godkend\w*|vedtaget|udsat|taget\s+til\s+efterretning|tiltrådt|afvist|afslået|"
    r"ingen\s+bemærkninger|besluttet|aftalt|konklusion)\b|"
    r"\b(?:besluttede\w*|beslutte[rs]|blev\s+(?:\w+\s+){0,3}?(?:godkendt|vedtaget|aftalt|"
    r"besluttet|valgt|genvalgt|afslået|afvist|tiltrådt|udsat|bevilget|taget\s+til\s+efterretning)|"
    r"det\s+blev\s+aftalt|aftaltes|godkendte|godkender|vedtog|tiltrådte|tog\s+(?:\w+\s+){0,3}?til"
    r"\s+efterretning|tages\s+til\s+efterretning|genvalgt|bevilgede|afslog|anbefaler"
    r"|sendes\s+i\s+høring|faldt|forkastet|forkastede|nedstemt|trukket\s+tilbage|"
    r"godkendt|vedtaget)\b",
    re.IGNORECASE,
)
_ABSENCE = re.compile(r"\b(?:fraværende|deltog\s+ikke|forlod\s+mødet|ankom)\b", re.IGNORECASE)
_NOTHING = re.compile(r"^(?:intet|ingen|ingenting|-|–|nej)\.?$", re.IGNORECASE)
_NOTHING_MUCH = re.compile(r"^(?:intet|ingen(?:\s+\w+)?|ingenting|-|–|nej)\.?$", re.IGNORECASE)
SHORT_BODY = 300
LAST_PARAGRAPH = 250


def split_outcome(title: str, has_body: bool) -> tuple[str, str | None]:
    """Split a heading that carries its outcome ("3. Økonomi – taget til efterretning")."""
    dash = _DASH_OUTCOME.search(title)
    if dash is None and not has_body:
        dash = _DASH_ANY.search(title) or _COLON_ANY.search(title)
        sentence = _COLON_SENTENCE.search(title)
        if dash is None and sentence and _DECISION_SENTENCE.search(sentence.group("outcome")):
            dash = sentence
    if dash is not None and dash.start() > 2:
        return title[: dash.start()].strip(), dash.group("outcome").strip()
    trailing = _TRAILING.match(title)
    if trailing and len(trailing.group("title")) > 2:
        return trailing.group("title").strip(" –-"), trailing.group("outcome").strip()
    return title, None


def is_attendance_note(text: str) -> bool:
    """Tell whether a decision entry is really attendance ("Fraværende: Mette Hansen (V)")."""
    return bool(_ATTENDANCE_NOTE.search(text)) and not _DECISION_SENTENCE.search(text)


def is_absence(text: str) -> bool:
    """Tell whether a sentence records someone's absence ("Pia var fraværende under punkt 3")."""
    return bool(_ABSENCE.search(text))


def unlabelled(body: str, *, minutes: bool) -> list[str]:
    """Return the outcome sentences of an item body that has no decision label.

    Sentences in the last paragraph that state an outcome come first; in minutes a
    short body with no such sentence is itself the outcome ("Gulvet slibes i juni.").
    """
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n|\n", body) if p.strip()]
    found: list[str] = []
    for pos, paragraph in enumerate(paragraphs):
        for sentence in _SENTENCE.split(paragraph):
            text = sentence.strip()
            if text and _DECISION_SENTENCE.search(text) and not is_absence(text):
                if text.endswith(":"):
                    # "Udvalget besluttede:" introduces the decisions listed under it.
                    text = " ".join([text, *paragraphs[pos + 1 :]])
                    found.append(text)
                    return found
                found.append(text)
    if found:
        return found
    kept = [p for p in paragraphs if not is_absence(p) and not _NOTHING_MUCH.match(p)]
    if not minutes or not kept:
        return []
    if sum(len(p) for p in kept) <= SHORT_BODY:
        return [" ".join(kept)]
    # A longer body: the outcome is the short last paragraph after the account.
    blocks = [b.strip() for b in re.split(r"\n\s*\n", body) if b.strip()]
    last = " ".join(blocks[-1].split()) if blocks else ""
    if len(blocks) >= 2 and len(last) <= LAST_PARAGRAPH and not is_absence(last):
        return [last]
    return []


_STRONG = re.compile(
    r"^(?:godkendt|vedtaget|udsat|taget\s+til\s+efterretning|tiltrådt|afvist|afslået)\b",
    re.IGNORECASE,
)


def stated_outcomes(body: str) -> list[str]:
    """Return the lines of a body that state a bare outcome ("Udsat til næste møde.")."""
    return [line.strip() for line in body.split("\n") if _STRONG.match(line.strip())]


def is_nothing(text: str) -> bool:
    """Tell whether an outcome says nothing ("Intet.", "-")."""
    return bool(_NOTHING.match(text.strip()))
