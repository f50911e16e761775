"""Read a reply in the approval thread: an approval, an objection, or unclear.

Pure: text in, reading out. Members answer the minutes the way they answer a mail
round — "godkendt fra min side", "ingen bemærkninger herfra", "jeg har en rettelse til
punkt 3", "kan ikke godkende" — with typos, without æøå and with emoji. The reading is
built to fail safe: an objection the member believes they made must never be taken
as consent, so anything mixed, hedged or asked as a question reads as *unclear*, and
the use case then asks the member instead of guessing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache


class ReplyKind(StrEnum):
    """What a reply in the approval thread means."""

    APPROVE = "approve"
    OBJECT = "object"
    UNCLEAR = "unclear"


@dataclass(frozen=True)
class ReplyReading:
    """The reading of a reply: its kind and the cues it was read from (for the audit)."""

    kind: ReplyKind
    cues: tuple[str, ...] = ()
    question: bool = False

    @property
    def bare(self) -> bool:
        """Tell whether an approval rests only on a yes-word or an emoji ("enig", "👍", "+1").

        In a thread such a reply may agree with the message before it — another member's
        objection — rather than with the minutes.
        """
        return self.kind == ReplyKind.APPROVE and all(c in _BARE for c in self.cues)


# ---------------------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------------------

_FOLD = str.maketrans(
    {
        "æ": "ae",
        "ø": "oe",
        "å": "aa",
        "ä": "ae",
        "ö": "oe",
        "ü": "u",
        "é": "e",
        "è": "e",
        "’": "",
        "'": "",
        "`": "",
    }
)


def _words(text: str) -> frozenset[str]:
    """Return the set of words in a text written as a list."""
    return frozenset(text.split())


#: Emoji (Unicode or Slack's :name:) that say yes or no on their own.
_APPROVE_EMOJI = ("✅", "✔", "☑", "👍", "👌", "🆗")
_OBJECT_EMOJI = ("❌", "✖", "👎", "⛔", "🚫", "❎")
_APPROVE_CODES = frozenset(
    {
        "white_check_mark",
        "heavy_check_mark",
        "ballot_box_with_check",
        "+1",
        "thumbsup",
        "thumbs_up",
        "ok_hand",
        "ok",
        "check",
    }
)
_OBJECT_CODES = frozenset(
    {"x", "-1", "thumbsdown", "thumbs_down", "no_entry", "no_entry_sign", "heavy_multiplication_x"}
)
_MENTION = re.compile(r"<[@#!][^>]*>")
_LINK = re.compile(r"<(?:https?|mailto):[^>|]*(?:\|([^>]*))?>")
_CODE = re.compile(r":([a-z0-9_+\-]+)(?:::skin-tone-\d)?:")
_QUOTED = re.compile(
    r"(?<!\w)(?:'[^'\n]{1,80}'|\"[^\"\n]{1,80}\"|»[^«\n]{1,80}«|“[^”\n]{1,80}”|‘[^’\n]{1,80}’)(?!\w)"
)
_PLUS_ONE = re.compile(r"(?<![\w+])\+1(?!\w)")
_TOKEN = re.compile(r"[a-z0-9+]+|[?,]|[.!;\n]+")
_SENTENCE_END = re.compile(r"[.!;\n]+")

#: Words that negate a cue near them.
_NEGATORS = frozenset(
    {
        "ikke",
        "ik",
        "ikk",
        "ikek",
        "ikkke",
        "ingen",
        "intet",
        "ingenting",
        "nej",
        "aldrig",
        "uden",
        "not",
        "no",
        "none",
        "nothing",
        "never",
        "dont",
        "doesnt",
        "cant",
        "cannot",
        "wont",
        "without",
        "isnt",
    }
)
#: Negators of a verb or an adjective ("kan ikke godkende"); "ingen" negates nouns only.
_VERB_NEGATORS = frozenset(
    {"ikke", "ik", "ikk", "ikek", "ikkke", "aldrig", "not", "never", "dont", "doesnt", "cant"}
    | {"cannot", "wont", "isnt"}
)
#: Words a reply may end on after a closing negator ("bemærkninger: ingen overhovedet").
_TRAILING = frozenset({"noget", "nogen", "mere", "flere", "yderligere", "overhovedet", "herfra"})
#: Words that split a reply into parts that are judged separately ("fint, men …").
_CONTRAST = frozenset({"men", "but", "dog", "however"})
#: Words that carry no meaning for the reading: greetings, padding, pronouns, sign-offs.
_PADDING = _words(
    """
    hej hejsa hey hi hello dear kaere goddag godmorgen tak thanks thank thx tusind mange
    fra min mit side mig herfra her for my part from me jeg i vi du det den der er it is
    and og ogsaa also too saa lige bare just alle all everyone referent referat referatet
    referater minutes the a an en et god godt dag weekend mvh hilsen venlig kh vh hilsner
    regards best cheers til to af of med with paa on ogsaa som as nu now hermed hereby
    """
)
#: Yes-words that approve only when the reply says nothing else ("ok", "fint!", "ja").
_WEAK_APPROVE = frozenset(
    {
        "ok",
        "okay",
        "oki",
        "okey",
        "fint",
        "fine",
        "enig",
        "agree",
        "super",
        "perfekt",
        "perfect",
        "top",
        "great",
        "glimrende",
        "flot",
    }
)

#: Words a typo is folded onto: the words the cues below are written with.
_VOCABULARY = _words(
    """
    godkendt godkender godkende godkendes godkend godkendelse godkendte godkendelsen
    bemaerkning bemaerkninger bemaerke bemaerkningerne indsigelse indsigelser indvending
    indvendinger kommentar kommentarer rettelse rettelser rettelsen aendring aendringer
    aendringsforslag tilfoejelse tilfoejelser tilfoeje forbehold fejl fejlen stavefejl
    mangler manglede forkert forkerte korrekt korrekte rigtigt rigtig misvisende
    misforstaaet misforstaaelse upraecist upraecis uenig enig stemmer passer daekkende
    fyldestgoerende accepteret accepterer tiltraedes tiltraeder orden rettes aendres
    tilfoejes staa staar rette aendre rettet korrektion fremgaa fremgaar
    approved approve approval objection objections correction corrections mistake
    mistakes incorrect inaccurate missing wrong disagree accurate correct comments
    remarks changes should please
    """
)

# Cues, matched on a clause's folded words joined by single spaces. ``{N}`` marks a cue
# whose meaning flips when a negator stands just before it (or, for nouns, just after).
_APPROVE_CUES: tuple[tuple[str, str], ...] = (
    # "godkendte" is the meeting's decision quoted ("der står, at vi godkendte …").
    ("godkend", r"\bgodkend(?!te\b)\w*"),
    (
        "ser_fint",
        r"\bser (?:(?:ikke|ik|ikk) )?(?:(?:rigtig|meget|helt|virkelig|ogsaa) )?(?:fint|godt|ok|okay|korrekt|"
        r"rigtigt|fornuftigt|fin|flot|fyldestgoerende|daekkende) ud\b",
    ),
    ("i_orden", r"\bi (?:fin |skoen )?orden\b"),
    ("fint_med", r"\b(?:fint|ok|okay|godt) (?:med|for|fra) mig\b"),
    ("fint_herfra", r"\b(?:fint|ok|okay) herfra\b"),
    ("alt_fint", r"\b(?:alt|helt|det er|all) (?:er )?(?:fint|ok|okay|godt|korrekt|rigtigt|good)\b"),
    (
        "korrekt",
        r"\b(?:korrekt|korrekte|rigtigt|daekkende|fyldestgoerende|retvisende|praecist|praecis|"
        r"accurate|correct)\b",
    ),
    ("fejlfri", r"\bfejlfri\w*"),
    ("fint_referat", r"\b(?:fint|godt|flot|fyldestgoerende|dejligt) referat\b"),
    ("enig", r"\benig (?:i|med)\b"),
    ("accept", r"\b(?:accepter\w*|tiltraed\w*|tilslutte\w*|tilslutter)\b"),
    ("paa_plads", r"\b(?:alt|det hele|referatet) (?:er )?(?:\w+ )?paa plads\b"),
    (
        "intet_at",
        r"\b(?:intet|ingenting|ikke noget|nothing) (?:mere )?(?:at|to) (?:bemaerke|"
        r"tilfoeje|rette|indvende|udsaette|add|correct|remark)\b",
    ),
    (
        "ingen_kommentarer",
        r"\b(?:ingen|no|ikke nogen|ikke flere|not any) (?:\w+ )?(?:kommentar\w*|"
        r"comments?|remarks?|notes?|input)\b",
    ),
    ("lgtm", r"\blgtm\b"),
    (
        "looks_good",
        r"\blooks? (?:(?:very|really|all) )?(?:good|fine|ok|okay|great|right|correct)\b",
    ),
    ("fine_by_me", r"\b(?:fine|ok|okay|good) (?:by|with|from) me\b"),
    ("happy_with", r"\b(?:im|i am) (?:fine|ok|okay|happy|good) with\b|\bhappy with\b"),
    ("all_good", r"\ball good\b"),
    # Not "the minutes say we approved it": a decision reported is not this member's consent.
    (
        "approve_en",
        r"(?<!\bwe )(?<!\bthey )(?<!\bwas )(?<!\bwere )(?<!\bhave )(?<!\bhad )(?<!\bhas )"
        r"(?<!\bbeen )\bapprov\w*",
    ),
    ("agreed", r"^agreed\b|\bi agree\b"),
    ("sounds_good", r"\bsounds? (?:good|fine|great)\b"),
    ("emoji_yes", r"\bemojiyes\b"),
)
_OBJECT_CUES: tuple[tuple[str, str], ...] = (
    ("indsigelse", r"\bindsigelse\w*"),
    ("bemaerkning", r"\bbemaerkning\w*"),
    ("indvending", r"\bindvending\w*"),
    ("rettelse", r"\brettelse\w*"),
    ("fejl", r"\b\w*fejl(?!fri)\w*"),
    ("problem", r"\b(?:problem\w*|issues?)\b"),
    ("aendring", r"\baendring\w*"),
    ("tilfoejelse", r"\btilfoejelse\w*"),
    ("forbehold", r"\bforbehold\w*"),
    # "Ingen fejl udover datoen": an exception is a correction, whatever precedes it.
    (
        "undtagen",
        r"\bbortset fra\b|\bexcept\b|\bapart from\b|\bud ?over\b|\bpaanaer\b|\bbesides\b"
        r"|\bundtagen\b",
    ),
    # "Helt fint, blot en lille ting: …": the one small thing is a correction.
    (
        "en_ting",
        r"\b(?:en|et|one|a) (?:(?:lille|enkelt|sidste|kort|small|single|minor|last|quick) )?"
        r"(?:ting|detalje|detaljer|thing|detail|point|nit)\b",
    ),
    # "Godkendt, når punkt 2 er rettet": consent on a condition is not consent yet.
    (
        "betingelse",
        r"\b(?:hvis|naar|forudsat|forudsaetning\w*|saafremt|medmindre|indtil|foer|provided|unless"
        r"|if|once|until)\b",
    ),
    ("boer", r"\b(?:boer|burde)\b"),
    # "mangler at læse det" is not done yet; "mangler, at vi bad om …" is missing content.
    (
        "mangler",
        r"\bmangle(?:r|de)\b(?! (?:(?:lige|stadig|endnu|bare|kun) )?at "
        r"(?!(?:vi|der|det|de|han|hun|man|jeg|den|styregruppen)\b))",
    ),
    ("savner", r"\bsavne[rt]?\b"),
    ("skal_staa", r"\b(?:skal|skulle|burde|boer|maa) (?:der )?(?:\w+ )?(?:\w+ )?staa\w*"),
    (
        "rettes",
        r"\b\w*(?:rettes|aendres|formuleres|justeres|opdateres|uddybes|praeciseres|tilfoejes|"
        r"slettes|fjernes|korrigeres|suppleres|omskrives|staves)\b|\budgaa\b",
    ),
    (
        "rette",
        r"\b(?:ret|rette|aendre|korrigere|praecisere) (?:venligst|lige|gerne|det|"
        r"punkt|i|dette|navnet|datoen|teksten|beslutningen)\b",
    ),
    (
        "venligst_ret",
        r"\b(?:venligst|vil du|kan du|kan i|vil i) (?:lige )?(?:ret|rette|aendre|"
        r"korrigere|tilfoeje)\b",
    ),
    (
        "forkert",
        r"\b(?:forkert\w*|ukorrekt\w*|ufuldstaendig\w*|misvisende|misforstaa\w*|upraecis\w*|unoejagtig\w*)\b",
    ),
    ("uenig", r"\buenig\w*"),
    (
        "ikke_fint",
        r"\b(?:ikke|ik|ikk|not|dont|cant|cannot) (?:helt |rigtig |fully |quite )?(?:fint|ok|okay|"
        r"godt|good|fine|acceptabelt|acceptable|right|enig|agree)\b",
    ),
    (
        "udeladt",
        r"\b(?:er|blev) ikke (?:kommet |blevet )?(?:med|naevnt|noteret|beskrevet|refereret)\b"
        r"|\budeladt\b|\bglemt\b|\bleft out\b|\bnot mentioned\b",
    ),
    ("stemmer_ikke", r"\b(?:stemmer|passer|holder) (?:\w+ )?ikke\b"),
    ("der_staar", r"\bder staar\b|\bstaar der(?: ,)? (?:at|i|under)\b"),
    (
        "kun_droeftet",
        r"\b(?:kun|only|just|blot|bare) (?:\w+ )?(?:droeftet|droeftede|discussed|orienteret|noted)\b"
        r"|\bikke (?:en|nogen) beslutning\b|\bnot a decision\b",
    ),
    (
        "have_aendret",
        r"\b(?:gerne|vil) have (?:\w+ )?(?:aendre\w*|rette\w*|tilfoeje\w*|slette\w*|fjerne\w*|"
        r"praecise\w*|uddybe\w*|korrige\w*|notere\w*|med)\b|\bwould like (?:to )?(?:change|add|amend|correct|"
        r"remove|note)\b",
    ),
    ("to_gange", r"\b(?:listed|named|mentioned|staar|naevnt|med) (?:\w+ )?(?:twice|to gange)\b"),
    (
        "opfattelse",
        r"\bikke (?:min|vores|mit) (?:opfattelse|oplevelse|erindring|indtryk)\b"
        r"|\bhusker (?:\w+ )?(?:ikke|anderledes)\b|\bnot (?:how|what) i remember\b",
    ),
    # "… i januar, ikke februar": the right word, then the wrong one.
    ("x_ikke_y", r", (?:ikke|not) \w+(?: \w+)?$"),
    ("fremgaa", r"\b(?:skal|boer|burde|skulle|maa) (?:\w+ )?fremgaa\b|\bfremgaar (?:\w+ )?ikke\b"),
    ("korrektion", r"\bkorrektion\w*"),
    (
        "fravaer",
        r"\bdeltog (?:\w+ )?ikke\b|\bvar ikke til ?stede\b|\b(?:meldt|havde|sendt) afbud\b"
        r"|\b(?:was|were) not (?:present|there)\b|\bdid not attend\b",
    ),
    ("byttet", r"\bbyttet (?:\w+ )?om\b|\bombyttet\b|\bforveksl\w*|\bswapped\b|\bmixed up\b"),
    ("skal_vaere", r"\b(?:skal|skulle|burde|boer) (?:\w+ )?(?:vaere|have vaeret|hedde|lyde)\b"),
    (
        "ikke_aftalt",
        r"\bikke (?:det|hvad)(?: ,)? (?:som )?vi (?:aftalte|besluttede|sagde|droeftede|vedtog)\b"
        r"|\b(?:besluttede|aftalte|vedtog|sagde|gjorde|tiltraadte|godkendte) (?:vi )?ikke\b"
        r"|\bdet var (?:\w+ ){1,4}(?:og )?ikke\b",
    ),
    ("mener_ikke", r"\bmener (?:\w+ )?ikke\b"),
    (
        "genkender_ikke",
        r"\bikke(?: ,)? (?:\w+ ){0,3}?(?:genkend|afspejl)\w*|\b(?:genkender|afspejler) (?:\w+ )?ikke\b",
    ),
    (
        "not_reflect",
        r"\b(?:doesnt|does not|dont|do not|didnt|did not) (?:\w+ )?(?:reflect|match|capture|"
        r"represent)\w*|\bnot what (?:we|was|i) (?:\w+ )?(?:decided|agreed|discussed|said)\b",
    ),
    ("objection", r"\bobject\w*"),
    (
        "correction",
        r"\bcorrect(?:ion|ions|ed|ing)\b|\bplease (?:correct|fix|change|amend|update|add|"
        r"remove|delete|note)\b|\bneeds? to be (?:corrected|changed|fixed|updated|added)\b",
    ),
    ("should_read", r"\bshould (?:read|say|state|be)\b"),
    (
        "wrong",
        r"\b(?:wrong|incorrect|inaccurate|mistake\w*|errors?|typos?|missing|misquoted|misspel\w*)\b",
    ),
    ("disagree", r"\bdisagree\w*"),
    ("change_en", r"\bchanges?\b"),
    ("emoji_no", r"\bemojino\b"),
)
#: Cues whose negation does not make an approval: a negated correction verb is still talk.
_NEGATION_APPROVES = frozenset(
    {
        "indsigelse",
        "bemaerkning",
        "indvending",
        "rettelse",
        "fejl",
        "problem",
        "aendring",
        "tilfoejelse",
        "forbehold",
        "objection",
        "correction",
        "wrong",
        "change_en",
        "mangler",
    }
)
#: Cues that are nouns: "Bemærkninger: ingen" negates after the word, too.
_NOUNS = _NEGATION_APPROVES - {"mangler"}
#: Cues that keep their meaning under negation ("ser ikke fint ud" is handled in the cue).
_NEGATION_FREE = frozenset(
    {"intet_at", "stemmer_ikke", "emoji_yes", "emoji_no", "ingen_kommentarer", "ikke_fint"}
)
#: Words after which a name follows, not content ("ok fra Greve", "mvh Pia").
_SIGN_OFF = frozenset({"fra", "from", "mvh", "hilsen", "hilsner", "kh", "vh", "regards", "cheers"})
#: Cues that ask for a correction: an objection even when written as a question.
_REQUESTS = frozenset({"rette", "venligst_ret"})
#: Cues of a bare agreement (see `ReplyReading.bare`).
_BARE = frozenset({"weak", "emoji_yes", "agreed"})
#: Words a question starts with, when the asker forgets the question mark.
_QUESTION_WORDS = frozenset(
    {"hvornaar", "hvorfor", "hvad", "hvem", "hvordan", "hvor", "when", "why", "what", "who", "how"}
)

_COMPILED_APPROVE = tuple((name, re.compile(rx)) for name, rx in _APPROVE_CUES)
_COMPILED_OBJECT = tuple((name, re.compile(rx)) for name, rx in _OBJECT_CUES)
_INNER_NEGATION = re.compile(r"\bser (?:\w+ )?(?:ikke|ik|ikk) ")


#: The vocabulary by initial letter, in a stable order (a typo folds onto one word).
_BY_INITIAL: dict[str, tuple[str, ...]] = {
    initial: tuple(sorted(w for w in _VOCABULARY if w[0] == initial))
    for initial in {w[0] for w in _VOCABULARY}
}


def _emoji_word(code: str) -> str:
    name = code.casefold()
    if name in _APPROVE_CODES:
        return " emojiyes "
    if name in _OBJECT_CODES:
        return " emojino "
    return " "


def fold(text: str) -> str:
    """Fold a reply to plain lower-case words: no mentions, links, accents; emoji as words.

    Words in quotes are the minutes' words, not the member's ("ret 'godkendte' til
    'drøftede'"), and become the neutral word "citat".
    """
    text = _QUOTED.sub(" citat ", text or "")
    text = _LINK.sub(lambda m: m.group(1) or " ", text)
    text = _MENTION.sub(" ", text)
    text = _CODE.sub(lambda m: _emoji_word(m.group(1)), text)
    text = _PLUS_ONE.sub(" emojiyes ", text)
    for mark in _APPROVE_EMOJI:
        text = text.replace(mark, " emojiyes ")
    for mark in _OBJECT_EMOJI:
        text = text.replace(mark, " emojino ")
    text = unicodedata.normalize("NFC", text).casefold().translate(_FOLD)
    # Slack escapes; a stray "&amp;" must not become a word.
    return text.replace("&amp;", " og ").replace("&gt;", " ").replace("&lt;", " ")


def _distance_at_most(a: str, b: str, limit: int) -> bool:
    """Tell whether two words are within ``limit`` edits (with transpositions)."""
    if abs(len(a) - len(b)) > limit:
        return False
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return False
        previous2, previous = previous, current
    return previous[-1] <= limit


@lru_cache(maxsize=4096)
def correct(word: str) -> str:
    """Fold a typo onto a cue word ("godkent" → "godkendt"), else return the word."""
    if len(word) < 5 or word in _VOCABULARY or word in _PADDING or not word.isalpha():
        return word
    limit = 2 if len(word) >= 9 else 1
    for known in _BY_INITIAL.get(word[0], ()):
        if abs(len(known) - len(word)) <= limit and _distance_at_most(word, known, limit):
            return known
    return word


# ---------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------


def _clauses(text: str) -> tuple[list[tuple[list[str], bool]], bool]:
    """Split folded text into clauses of words (commas kept), and tell if it asks.

    Each clause comes with whether it follows a "men"/"but": what comes after it is
    often the real point ("godkendt, men punkt 3 bør uddybes").
    """
    question = "?" in text
    clauses: list[tuple[list[str], bool]] = [([], False)]
    for token in _TOKEN.findall(text):
        if _SENTENCE_END.fullmatch(token) or token == "?":
            clauses.append(([], False))
            continue
        if token in _CONTRAST:
            clauses.append(([], True))
            continue
        clauses[-1][0].append(token if token == "," else correct(token))
    found = [c for c in clauses if any(t != "," for t in c[0])]
    for clause, _ in found:
        words = [t for t in clause if t != ","]
        if words and words[0] in _QUESTION_WORDS:
            question = True
    return found, question


def _negated_before(
    words: list[str], index: int, window: int = 3, negators: frozenset[str] = _NEGATORS
) -> bool:
    for back in range(1, window + 1):
        at = index - back
        if at < 0 or words[at] == ",":
            return False
        if words[at] in negators:
            return True
    return False


def _negated_after(
    words: list[str],
    end: int,
    window: int = 2,
    *,
    closing: bool = True,
    negators: frozenset[str] = _NEGATORS,
) -> bool:
    """Tell whether a negator follows a cue and closes the clause ("bemærkninger: ingen")."""
    for ahead in range(window):
        at = end + ahead
        if at >= len(words) or words[at] == ",":
            return False
        if words[at] in negators:
            # "Rettelse: ingen af os var med" is a correction, not "no corrections".
            return not closing or all(_empty(w) for w in words[at + 1 :])
    return False


def _empty(word: str) -> bool:
    return (
        word == ","
        or word in _PADDING
        or word in _WEAK_APPROVE
        or word in _TRAILING
        or word.startswith("godkend")
        or word == "emojiyes"
    )


def _word_index(joined: str, offset: int) -> int:
    return joined.count(" ", 0, offset)


def _read_clause(words: list[str]) -> tuple[list[str], list[str], int]:
    """Return the approving cues, the objecting cues and the unknown words of a clause."""
    joined = " ".join(words)
    approving: list[str] = []
    objecting: list[str] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    for name, rx in _COMPILED_OBJECT:
        for match in rx.finditer(joined):
            if not free(match.start(), match.end()):
                continue
            taken.append((match.start(), match.end()))
            start = _word_index(joined, match.start())
            end = _word_index(joined, match.end()) + 1
            negated = name in _NEGATION_APPROVES and (
                _negated_before(words, start) or _negated_after(words, end)
            )
            (approving if negated else objecting).append(("no_" if negated else "") + name)
    for name, rx in _COMPILED_APPROVE:
        for match in rx.finditer(joined):
            if not free(match.start(), match.end()):
                continue
            taken.append((match.start(), match.end()))
            start = _word_index(joined, match.start())
            negated = name not in _NEGATION_FREE and (
                _negated_before(
                    words,
                    start,
                    # "ingen godkendelse herfra": the noun is negated like any noun.
                    negators=_NEGATORS
                    if words[start].startswith("godkendelse")
                    else _VERB_NEGATORS,
                )
                or bool(_INNER_NEGATION.search(match.group(0) + " "))
                or (
                    name == "godkend"
                    and _negated_after(words, start + 1, 1, closing=False, negators=_VERB_NEGATORS)
                )
            )
            (objecting if negated else approving).append(("not_" if negated else "") + name)
    covered: set[int] = set()
    for start, end in taken:
        first, last = _word_index(joined, start), _word_index(joined, end)
        covered.update(range(first, last + 1))
    unknown = sum(
        1
        for i, word in enumerate(words)
        if word != ","
        and i not in covered
        and word not in _PADDING
        and word not in _WEAK_APPROVE
        and word not in _NEGATORS
        and not (i > 0 and words[i - 1] in _SIGN_OFF)
    )
    return approving, objecting, unknown


def _unquoted(text: str) -> str:
    """Drop quoted lines ("> Styregruppen godkendte …"): they are the minutes' words."""
    lines = (text or "").splitlines()
    kept = [line for line in lines if not line.lstrip().startswith((">", "&gt;"))]
    return "\n".join(kept)


def read_reply(text: str) -> ReplyReading:
    """Read a reply in the approval thread as an approval, an objection, or unclear.

    Why it leans to "unclear": a reply read as consent when the member meant to object
    would let the minutes be approved tacitly over their objection, the one outcome the
    round must never have. So a question, a reply with both kinds of cue ("godkendt,
    men punkt 3 mangler") and a bare word among other talk are asked about instead.
    "Ingen bemærkninger" is consent: a negated objection noun approves.
    """
    clauses, question = _clauses(fold(_unquoted(text)))
    approving: list[str] = []
    objecting: list[str] = []
    unknown = 0
    weak = False
    hedged = False
    for words, after_contrast in clauses:
        yes, no, other = _read_clause(words)
        approving += yes
        objecting += no
        unknown += other
        weak = weak or any(w in _WEAK_APPROVE for w in words)
        # "Godkendt, men jeg vil gerne have punkt 3 uddybet": a "but" with more to say.
        hedged = hedged or (after_contrast and not yes and not no and other > 0)
    cues = tuple(dict.fromkeys(approving + objecting))
    if not clauses:
        return ReplyReading(ReplyKind.UNCLEAR, question=question)
    if question and objecting and not approving and _REQUESTS.intersection(objecting):
        # "Vil du rette punkt 2 til »drøftede«?" asks for a correction: an objection.
        return ReplyReading(ReplyKind.OBJECT, cues, question=True)
    if question:
        return ReplyReading(ReplyKind.UNCLEAR, cues, question=True)
    if (approving and objecting) or (approving and hedged):
        return ReplyReading(ReplyKind.UNCLEAR, cues)
    if objecting:
        return ReplyReading(ReplyKind.OBJECT, cues)
    if approving:
        return ReplyReading(ReplyKind.APPROVE, cues)
    if weak and unknown == 0:
        return ReplyReading(ReplyKind.APPROVE, ("weak",))
    return ReplyReading(ReplyKind.UNCLEAR, cues)
