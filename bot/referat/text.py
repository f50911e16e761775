"""Pure text rules of writing the referat: indstilling to beslutning, capture lines, bullets.

The wording follows the corpus: an indstilling "Det indstilles, at styregruppen godkender
dagsordenen" is recorded as "Styregruppen godkendte dagsordenen", and "… tager
orienteringen til efterretning" as "Styregruppen tog orienteringen til efterretning".
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

#: Slack's limit for a plain-text input's value (and our limit for one field of an item).
FIELD_LIMIT = 3000

DECISION = "decision"
DISCUSSION = "discussion"
ABSENT = "absent"
CONFLICT = "conflict"
TEXT_FIELDS = (DISCUSSION, DECISION)

# Present tense → past tense of the verbs indstillinger use (Danish strong and weak verbs).
_PAST: dict[str, str] = {
    "godkender": "godkendte",
    "tager": "tog",
    "drøfter": "drøftede",
    "droefter": "drøftede",
    "drofter": "drøftede",
    "beslutter": "besluttede",
    "vedtager": "vedtog",
    "tiltræder": "tiltrådte",
    "bemærker": "bemærkede",
    "noterer": "noterede",
    "giver": "gav",
    "anbefaler": "anbefalede",
    "udpeger": "udpegede",
    "nedsætter": "nedsatte",
    "igangsætter": "igangsatte",
    "sætter": "satte",
    "prioriterer": "prioriterede",
    "kommenterer": "kommenterede",
    "bemyndiger": "bemyndigede",
    "fastlægger": "fastlagde",
    "lægger": "lagde",
    "udsætter": "udsatte",
    "sender": "sendte",
    "afgiver": "afgav",
    "følger": "fulgte",
    "forelægger": "forelagde",
    "tilslutter": "tilsluttede",
    "opfordrer": "opfordrede",
    "anmoder": "anmodede",
    "ønsker": "ønskede",
    "behandler": "behandlede",
    "godtager": "godtog",
    "vælger": "valgte",
    "kvitterer": "kvitterede",
    "tilkendegiver": "tilkendegav",
    "orienterer": "orienterede",
    "orienteres": "blev orienteret",
    "drøfte": "drøftede",
    "godkende": "godkendte",
    "tage": "tog",
}

# Passive "-es" forms → participle ("dagsordenen godkendes" → "dagsordenen blev godkendt").
_PARTICIPLE: dict[str, str] = {
    "godkendes": "godkendt",
    "drøftes": "drøftet",
    "tages": "taget",
    "vedtages": "vedtaget",
    "besluttes": "besluttet",
    "udsættes": "udsat",
    "sendes": "sendt",
    "tiltrædes": "tiltrådt",
    "behandles": "behandlet",
    "noteres": "noteret",
    "igangsættes": "igangsat",
    "nedsættes": "nedsat",
    "prioriteres": "prioriteret",
    "fastlægges": "fastlagt",
    "udpeges": "udpeget",
    "vælges": "valgt",
}

_ENGLISH_PAST: dict[str, str] = {
    "approve": "approved",
    "approves": "approved",
    "take": "took",
    "takes": "took",
    "discuss": "discussed",
    "discusses": "discussed",
    "decide": "decided",
    "decides": "decided",
    "note": "noted",
    "notes": "noted",
    "adopt": "adopted",
    "adopts": "adopted",
    "endorse": "endorsed",
    "endorses": "endorsed",
    "agree": "agreed",
    "agrees": "agreed",
}

_PREFIX = re.compile(
    r"^\s*(?:indstilling\s*:?\s*)?"
    r"(?:(?:det\s+)?(?:ind+stil+es|foresl(?:å|aa|a)s|anbefales)(?:\s+(?:det|endvidere|også))?"
    r"|(?:[\wæøå]+\s+){1,3}(?:indstiller|foreslår|anbefaler)(?:\s+(?:det|endvidere|også))?)"
    r"\s*,?\s*(?:at\s+)?",
    re.IGNORECASE,
)
_AGAIN = re.compile(r"(?<=[.;])\s+(?=det\s+(?:ind+stil+es|foreslås|anbefales))", re.IGNORECASE)
_EN_PREFIX = re.compile(r"^\s*(?:it\s+is\s+)?recommended\s*,?\s*(?:that\s+)?", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[-–—•*·▪◦o]\s+|\d{1,2}[.)]\s+|[a-zæøå][.)]\s+)")
_WORD = re.compile(r"[\wæøåÆØÅ]+", re.IGNORECASE)
_INFORMATION = "Styregruppen tog orienteringen til efterretning."


def bullet_lines(text: str | None) -> list[str]:
    """Split a field into its lines, without bullet marks or empty lines."""
    if not text:
        return []
    lines: list[str] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = _BULLET.sub("", raw, count=1).strip() if _BULLET.match(raw) else raw.strip()
        if line:
            lines.append(" ".join(line.split()))
    return lines


def fingerprint(lines: list[str]) -> str:
    """Return a short fingerprint of a field's lines (to tell whether it changed meanwhile)."""
    return hashlib.sha1("\n".join(lines).encode("utf-8")).hexdigest()[:12]


def _subject(words: list[str]) -> tuple[str, int] | None:
    """Find the verb after a subject; return (short subject, index of the verb)."""
    for index, word in enumerate(words):
        folded = word.casefold().strip(",:;")
        if index == 0:
            continue
        if folded in _PAST:
            return words[0].strip(",:;").capitalize(), index
    return None


def _past_sentence(subject: str, verb: str, rest: str) -> str:
    past = _PAST.get(verb.casefold().strip(",:;"), verb)
    rest = rest.strip()
    sentence = f"{subject} {past}{',' if verb.endswith(',') else ''} {rest}".strip()
    return _end(sentence)


def _end(sentence: str) -> str:
    words = " ".join(sentence.split()).rstrip(" ,;:.").split(" ")
    for index in range(1, len(words)):
        # "godkender X og drøfter Y": every verb of the sentence goes in the past.
        if words[index - 1].casefold() in ("og", "samt", "and") and words[index] in _PAST:
            words[index] = _PAST[words[index]]
    sentence = " ".join(words)
    return sentence + "." if sentence else ""


def _with_subject(subject: str, fragment: str) -> str:
    """Turn one bullet of an indstilling ("Drøfter X") into a decision."""
    words = fragment.split()
    if not words:
        return ""
    first = words[0]
    if first.casefold().strip(",:;") in _PAST:
        return _past_sentence(subject, first, " ".join(words[1:]))
    found = _subject(words)
    if found is not None:
        short, at = found
        return _past_sentence(short, words[at], " ".join(words[at + 1 :]))
    passive = _passive(words)
    if passive is not None:
        return passive
    return _end(f"{subject} besluttede: {fragment}")


def _passive(words: list[str]) -> str | None:
    for index, word in enumerate(words):
        folded = word.casefold().strip(",.:;")
        if index > 0 and folded in _PARTICIPLE:
            head = " ".join(words[:index])
            tail = " ".join(words[index + 1 :])
            sentence = f"{head} blev {_PARTICIPLE[folded]} {tail}"
            return _end(sentence[:1].upper() + sentence[1:])
    return None


def decision_from_recommendation(recommendation: str | None, kind: str | None = None) -> str:
    """Return the decision lines an indstilling becomes, in the groups' own wording.

    A bullet-list indstilling ("Det indstilles, at styregruppen: - Drøfter X - Tager Y
    til efterretning") gives one decision line per bullet; an information item with no
    indstilling gives "Styregruppen tog orienteringen til efterretning".
    """
    text = (recommendation or "").strip()
    if not text:
        return _INFORMATION if kind in ("information", None, "standing") else ""
    english = bool(_EN_PREFIX.match(text)) and not _PREFIX.match(text)
    if english:
        return _english(text)
    if _AGAIN.search(text) and "\n" not in text.strip():
        # "Det indstilles, at … . Det indstilles endvidere, at …": one decision each.
        return "\n".join(
            decision_from_recommendation(part, kind) for part in _AGAIN.split(text.strip())
        )
    body = _PREFIX.sub("", text, count=1)
    if body.casefold().startswith("at "):
        body = body[3:]
    lines = [raw for raw in body.replace("\r\n", "\n").split("\n") if raw.strip()]
    head = lines[0] if lines else ""
    bullets = [_BULLET.sub("", line, count=1).strip() for line in lines[1:] if line.strip()]
    if not bullets and ":" in head and not head.rstrip().endswith(":"):
        # "styregruppen: drøfter X; tager Y til efterretning" written on one line.
        before, _, after = head.partition(":")
        parts = [p.strip() for p in re.split(r";|\s-\s", after) if p.strip()]
        if len(parts) > 1:
            head, bullets = before + ":", parts
    if bullets and head.rstrip().endswith(":"):
        words = head.rstrip(" :").split()
        subject = words[0].capitalize() if words else "Styregruppen"
        return "\n".join(_with_subject(subject, bullet.rstrip(".;,")) for bullet in bullets)
    sentences = [_with_subject("Styregruppen", line.strip().rstrip(".;,")) for line in lines]
    sentences = [s[:1].upper() + s[1:] for s in sentences if s]
    return "\n".join(sentences)


def _english(text: str) -> str:
    body = _EN_PREFIX.sub("", text, count=1).strip().rstrip(".")
    words = body.split()
    for index, word in enumerate(words):
        if index and word.casefold() in _ENGLISH_PAST:
            subject = " ".join(words[:index])
            rest = " ".join(words[index + 1 :])
            sentence = f"{subject} {_ENGLISH_PAST[word.casefold()]} {rest}".strip()
            return sentence[:1].upper() + sentence[1:] + "."
    return body[:1].upper() + body[1:] + "."


# ---------------------------------------------------------------------------------------
# Quick capture: "beslutning 5: …", "drøftelse 3: …", "5: …"
# ---------------------------------------------------------------------------------------

_FIELD_WORDS: dict[str, str] = {
    "beslutning": DECISION,
    "beslutninger": DECISION,
    "besl": DECISION,
    "decision": DECISION,
    "decided": DECISION,
    "drøftelse": DISCUSSION,
    "droftelse": DISCUSSION,
    "droeftelse": DISCUSSION,
    "drøftelser": DISCUSSION,
    "discussion": DISCUSSION,
}
_MENTION = re.compile(r"<@[UW][A-Z0-9]+(?:\|[^>]*)?>")
CAPTURE_WORDS = tuple(_FIELD_WORDS)
_NUMBER = r"[#(]?\s*(?P<number>\d{1,3}\s*[a-zA-Z]?)\s*\)?"
_WORD_PART = r"[*_]*(?P<word>" + "|".join(CAPTURE_WORDS) + r")\.?[*_]*\s*,?\s*"
_WHERE = r"(?:(?:til|for|under|på|ved|at|on|for)\s+)?(?:punkt|pkt\.?|item|no\.?|nr\.?)?\s*"
_SEP = r"\s*(?P<sep>:|-\s|–\s|—\s|\.\s)"
#: What the router matches: a field word and an item number, or an item number and a colon.
CAPTURE_PATTERN = re.sub(
    r"\(\?P<\w+>",
    "(?:",
    r"(?:" + _WORD_PART + _WHERE + _NUMBER + _SEP + r"|" + _WHERE + _NUMBER + r"\s*:(?!\d))",
)
_CAPTURE = re.compile(
    r"^\s*(?:" + _WORD_PART + r")?" + _WHERE + _NUMBER + _SEP + r"\s*(?P<text>.*)$",
    re.IGNORECASE | re.DOTALL,
)


@dataclass(frozen=True)
class Capture:
    """One line the secretary wrote in the meeting's thread."""

    field: str
    number: str
    text: str


def strip_mentions(text: str) -> str:
    """Remove @-mentions (the bot's) from a message."""
    return _MENTION.sub(" ", text).strip()


def parse_capture(text: str) -> Capture | None:
    """Read "beslutning 5: …", "drøftelse 3: …" or "5: …"; None when it is none of them."""
    match = _CAPTURE.match(strip_mentions(text))
    if match is None:
        return None
    word = (match.group("word") or "").casefold()
    if not word and (match.group("sep") != ":" or match.group("text")[:1].isdigit()):
        return None
    body = match.group("text").strip()
    if not body:
        return None
    number = "".join(match.group("number").split()).upper()
    return Capture(field=_FIELD_WORDS.get(word, DECISION), number=number, text=body)


def same_number(a: str | None, b: str | None) -> bool:
    """Tell whether two item numbers are the same ("4b" and "4B", "04" and "4")."""
    if not a or not b:
        return False

    def norm(n: str) -> str:
        n = "".join(n.split()).upper().rstrip(".")
        digits = n.lstrip("0")
        return digits or "0"

    return norm(a) == norm(b)
