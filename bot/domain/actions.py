"""Find action-item candidates in the decision bullets of Danish committee minutes.

Pure domain code: text and dates in, candidates out; no Slack, no database, no clock
(the meeting's date and the next meeting's date are passed in).

How a bullet is read, and the choices made where the minutes are vague:

* A candidate needs a *task verb* in a committing form: present tense with a subject
  ("Sekretariatet udarbejder en årsplan"), the -es passive ("Oplæg rundsendes til
  styregruppen"), "skal"/"vil" + verb, or a mandate ("Slagelse og Køge fik mandat til
  at …").  Past tense ("Netværksgruppen orienterede"), participles ("Der er udarbejdet
  …"), "kan"/"bør"/"kunne" (permission, advice) and negations ("Der indkaldes ikke …")
  are not tasks.
* Noted information, approvals, postponements ("Punktet blev udsat …") and carrying a
  case to the next meeting's agenda ("Punktet tages op på næste styregruppemøde") give
  nothing: the agenda, not the task list, follows those up.  Discussion summaries ("Det
  blev nævnt/betonet at …", "Et forslag var …") and bullets opening with "At …" (they
  finish a lead-in the importer does not keep, in these minutes "blev foreslået:") give
  nothing either.
* ``owners`` are the parties named as the subject, as the minutes name them (first
  letter capitalised, "Region sjælland" → "Region Sjælland"); a person named in
  parentheses after a body ("sekretariatet (Lisbeth)") is the individual the task lands
  on and becomes ``owner``; otherwise ``owner`` is the first party named.
* A passive task names no owner: the thing in subject position is what is acted on
  ("Næstved kontaktes" means someone contacts Næstved).  Such candidates keep ``owner``
  None rather than defaulting to the secretariat: the secretary assigns them when
  confirming, and a wrong default is worse than an empty field.  An agent phrase ("…
  udarbejdes af sekretariatet") does name the owner.
* ``due`` is the first full date named in the task (read by :func:`bot.dates.find_when`,
  forward from the meeting); month-only and season references ("i marts 2019", "inden
  sommerferien") are not dates.  Failing a date, "til/på næste (styregruppe)møde" gives
  the next meeting's date when the caller knows it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from typing import Literal
from zoneinfo import ZoneInfo

from bot.dates import DateParseError, find_when

__all__ = [
    "ActionCandidate",
    "DueReason",
    "MemberRef",
    "extract_actions",
    "extract_from_decisions",
    "match_owner",
]

DueReason = Literal["named", "next_meeting"]

_TZ = ZoneInfo("Europe/Copenhagen")


@dataclass(frozen=True)
class ActionCandidate:
    """A follow-up found in a decision, for the secretary to confirm."""

    text: str
    owner: str | None
    owners: tuple[str, ...]
    due: date | None
    due_reason: DueReason | None
    source: str
    confidence: float


@dataclass(frozen=True)
class MemberRef:
    """The parts of a group member that owner matching needs."""

    id: int
    name: str
    organisation: str | None
    role: str
    slack_user_id: str | None


# ---------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------


def _words(text: str) -> tuple[str, ...]:
    """Split a space-separated word list (keeps long vocabularies readable)."""
    return tuple(text.split())


# Verbs that, in a committing form, make a follow-up: what the secretariat, a working
# group or a member does after the meeting.  Deliberately absent: drøfte, behandle,
# godkende, præsentere, tage op (the committee's own agenda work), vurdere ("vurderes at
# have stor værdi" is an assessment), udsætte (a postponement), tilføje/påføre (content
# of a document being decided, followed up by an explicit "X indsætter …").
_REGULAR_VERBS = _words(
    "udarbejde indkalde indsætte rundsende kontakte afholde tilrette sende videresende "
    "fremsende udsende eftersende indsende undersøge fremlægge forelægge indhente beskrive "
    "revidere orientere belyse afklare koordinere kortlægge udpege invitere planlægge "
    "tilpasse opdatere færdiggøre iværksætte igangsætte formidle bestille indarbejde "
    "justere spørge høre lave skrive sikre præcisere uddybe analysere afrapportere "
    "rapportere fortsætte implementere forberede fastlægge afdække evaluere udfærdige "
    "kvalificere opsummere ajourføre fremskaffe afsøge udvikle etablere arbejde følge "
    "vende melde sørge deltage rette samle bidrage tage give komme"
)
# Verbs whose present and passive are not infinitive + r / + s.
_IRREGULAR_VERBS: dict[str, tuple[str, str]] = {
    "se": ("ser", "ses"),
    "gå": ("går", "gås"),
    "stå": ("står", "stås"),
    "gennemgå": ("gennemgår", "gennemgås"),
}

# Verbs that are tasks only with their particle or object ("arbejder med", "følger op",
# "vender tilbage"): bare, they describe ("Udbydernetværket arbejder indenfor deres
# områder", "tages op på næste møde", "ser sig som en aktør").
_NEEDS_NEXT: dict[str, frozenset[str]] = {
    "arbejde": frozenset({"med", "videre"}),
    "følge": frozenset({"op"}),
    "vende": frozenset({"tilbage"}),
    "melde": frozenset({"tilbage"}),
    "tage": frozenset({"kontakt", "initiativ", "fat"}),
    "se": frozenset({"på", "nærmere"}),
    "gå": frozenset({"videre"}),
    "sørge": frozenset({"for"}),
    "stå": frozenset({"for"}),
    "deltage": frozenset({"i", "på"}),
    "give": frozenset({"besked", "tilbagemelding", "input"}),
    "rette": frozenset({"henvendelse"}),
    "samle": frozenset({"op"}),
    "bidrage": frozenset({"til", "med"}),
}
# "hører til/under" is belonging, not consulting.
_NOT_NEXT: dict[str, frozenset[str]] = {"høre": frozenset({"til", "under", "sammen", "hjemme"})}
# "kommer med oplæg/forslag" delivers something; "kommer med i" does not.
_DELIVERABLES = frozenset(
    _words(
        "oplæg forslag udkast bud input indstilling tilbagemelding status notat anbefalinger "
        "oversigt beskrivelse materiale redegørelse"
    )
)


def _verb_forms() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Return maps from present, passive and infinitive forms to the infinitive."""
    present: dict[str, str] = {}
    passive: dict[str, str] = {}
    infinitive: dict[str, str] = {}
    for verb in _REGULAR_VERBS:
        present[verb + "r"] = verb
        passive[verb + "s"] = verb
        infinitive[verb] = verb
    for verb, (pres, pas) in _IRREGULAR_VERBS.items():
        present[pres] = verb
        passive[pas] = verb
        infinitive[verb] = verb
    return present, passive, infinitive


_PRESENT, _PASSIVE, _INFINITIVE = _verb_forms()

# Modals before a verb that make it advice or a possibility, not a commitment
# ("Resultaterne … kan sendes", "dette burde undersøges").
_SOFT_MODALS = frozenset({"kan", "kunne", "bør", "burde", "må", "måtte"})
# Modals that commit ("skal udarbejdes", "Sekretariatet vil indkalde").
_HARD_MODALS = frozenset({"skal", "vil"})
_TENTATIVE = frozenset({"evt.", "evt", "eventuelt", "muligvis", "måske", "eventuel"})
_NEGATIONS = frozenset({"ikke", "hverken", "aldrig"})
# Adverbs that may stand between a modal or subject and its verb.
_ADVERBS = frozenset(
    {"også", "desuden", "endvidere", "snarest", "hurtigst", "fortsat", "herefter", "derefter"}
    | {"efterfølgende", "fremover", "fremadrettet", "løbende", "gerne", "selv", "nu", "så"}
    | _TENTATIVE
)

# Words that open a subordinate or coordinate clause: a subject starts after them.
_CLAUSE_OPENERS = frozenset(
    {",", ";", "og", "men", "samt", "hvor", "hvorefter", "så", "når", "at", "da", "idet"}
    | {"fordi", "mens", "hvis", "såfremt"}
)
_COORDINATORS = frozenset({",", ";", "og", "samt", "men"})

# Bodies a committee hands work to, in any case: "Sekretariatet", "arbejdsgruppen",
# "Økonomigruppen", "Rammeaftalesekretariatet", "formandskabet", "netværkene" …
_BODY_RE = re.compile(
    r"\w*(?:sekretariat(?:et)?|gruppen|grupperne|formandskab(?:et)?|udvalget|udvalgene|"
    r"netværket|netværkene|forummet|kredsen|styrelsen|tilsyn(?:et)?)|formand(?:en)?|"
    r"tovholder(?:en|ne)?|"
    r"direktør(?:en|erne)|repræsentant(?:en|erne)|kommunerne|regionen|sekretær(?:en)?",
    re.IGNORECASE,
)
# Role nouns after a genitive: "Styregruppens formand", "Slagelses tovholder".
_ROLE_NOUNS = frozenset(
    {"formand", "næstformand", "tovholder", "repræsentant", "repræsentanter", "sekretariat"}
    | {"direktør", "formandskab", "kontaktperson", "sekretær"}
)
# Capitalised words that open sentences but never name a party.
_CAP_STOP = frozenset(
    _words(
        "der det den de dette disse denne til i på ift ift. efter før inden som herunder "
        "endelig derudover desuden samlet hvis når da så men og også evt pt nu her hvor at "
        "et en efterfølgende fremover fremadrettet senest snarest allerede ligeledes tillige "
        "om med for fra ved under over mellem generelt supplerende vedr vedr. jf jf. "
        "punktet sagen oplæg oplægget referatet dagsordenen indstillingen forslaget "
        "kommissoriet rammen status resultaterne analysen"
    )
)
_SUBJECT_PRONOUNS = frozenset({"vi", "man"})
_PREPOSITIONS = frozenset(
    _words("i på til fra med af for om hos ved under over mellem efter før uden blandt mod via")
)

_WORD_CHARS = re.compile(r"^[\wÆØÅæøå][\wÆØÅæøå\-]*$")

# Openings that say the rest was decided: trimmed from the task text.
_LEAD_IN_RE = re.compile(
    r"^(?:"
    r"det\s+blev\s+(?:endvidere\s+|også\s+|desuden\s+|endeligt?\s+)?"
    r"(?:besluttet|aftalt|godkendt|vedtaget|bestemt)"
    r"|(?:det\s+)?aftaltes"
    r"|der\s+var\s+(?:enighed|opbakning|tilslutning)\s+(?:om|til)"
    r"|(?:man|vi)\s+(?:besluttede|aftalte|vedtog|blev\s+enige\s+om)"
    r"|(?P<decider>styregruppen|formandskabet|udvalget|gruppen|\w+gruppen)\s+"
    r"(?:besluttede|aftalte|vedtog|godkendte)"
    r")\s*,?\s+at\s+",
    re.IGNORECASE,
)
# A postponement or a carry to a later agenda: the agenda follows it up, not a task.
_POSTPONED_RE = re.compile(
    r"\b(?:blev|er|bliver)\s+udsat\b|\budsætte(?:s)?\s+(?:punktet|sagen)\b|"
    r"\b(?:punktet|sagen)\s+udsættes\b",
    re.IGNORECASE,
)
# Discussion summaries and proposals: what was said, not what was decided.
_DISCUSSION_RE = re.compile(
    r"\bblev\s+(?:\w+\s+)?(?:nævnt|betonet|drøftet|foreslået|bemærket|understreget|"
    r"fremhævet|påpeget|diskuteret|rejst|spurgt|efterlyst)\b|"
    r"\b(?:foreslog|nævnte|bemærkede|understregede|påpegede)\b|"
    r"\bet\s+forslag\s+var\b|\bder\s+var\s+et\s+forslag\b|"
    r"^det\s+(?:er|var)\s+(?:vurderingen|relevant|vigtigt)\b",
    re.IGNORECASE,
)
# A bullet finishing a lead-in the importer did not keep ("blev foreslået:", "Det
# indstilles:"): in these minutes a proposal or recommendation, never a decision.
_HANGING_RE = re.compile(r"^(?:at|om)\s", re.IGNORECASE)
# "fremover"/"fremadrettet": a standing practice rather than a one-off task.
_STANDING_RE = re.compile(r"\b(?:fremover|fremadrettet|fremtidigt)\b", re.IGNORECASE)

_MONTHS = "januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december"
# "til næste styregruppemøde", "på næste møde", "til næste styregruppemøde i marts" —
# but not "næste møde i Koordinationsforum", another body's meeting.
_NEXT_MEETING_RE = re.compile(
    r"\b(?:til|på|inden|før|senest(?:\s+(?:til|på))?)\s+(?:det\s+)?næste\s+"
    r"(?:ordinære\s+)?(?:styregruppe)?møde(?:t)?\b"
    rf"(?!\s+i\s+(?!(?:{_MONTHS})\b))",
    re.IGNORECASE,
)
_TIME_ONLY_RE = re.compile(r"^(?:kl\.?|klokken|at|from|fra)\b", re.IGNORECASE)

_ABBREVIATIONS = frozenset(
    _words(
        "bl.a bla b.la f.eks jf jfr pkt mv m.v ift evt ca nr kl mio kr dvs hhv mht vedr inkl "
        "ekskl pga pr st d ang iht pt tlf osv etc m.m mm"
    )
)
_SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ])")
_TOKEN_RE = re.compile(r"\([^()]*\)|[^\s,;()]+|[,;]")
_STRIP = ".:!?\"'“”«»‘’"
_BULLET_RE = re.compile(r"^\s*(?:[•·▪◦\-–*]|o(?=\s))\s*")


# ---------------------------------------------------------------------------
# Tokens and parties
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Tok:
    """One word, comma, semicolon or parenthetical, with its place in the sentence."""

    text: str
    start: int
    end: int

    @property
    def word(self) -> str:
        """Return the token lower-cased without surrounding punctuation."""
        return self.text.strip(_STRIP).lower()

    @property
    def bare(self) -> str:
        """Return the token without surrounding punctuation, case kept."""
        return self.text.strip(_STRIP)

    @property
    def paren(self) -> bool:
        """Tell whether the token is a parenthetical "( … )"."""
        return self.text.startswith("(")


@dataclass(frozen=True)
class _Party:
    """One party of a subject: its name as given, the person in parentheses if any."""

    start: int  # first token
    end: int  # one past the last token
    name: str | None  # None for "vi"/"man": a subject that names nobody
    person: str | None = None


@dataclass
class _Hit:
    """A task verb found in a sentence, with the owners its subject names."""

    index: int  # token of the task verb (or of the mandate)
    owners: tuple[str, ...]
    persons: tuple[str, ...]
    subject_start: int | None  # first token of a subject standing before the verb
    confidence: float


@dataclass
class _Draft:
    """A candidate being assembled from the hits of one sentence."""

    start: int  # token index where the task text starts
    owners: list[str] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)
    confidence: float = 0.0


def _tokens(text: str) -> list[_Tok]:
    """Split text into words, commas, semicolons and whole parentheticals."""
    return [_Tok(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


def _is_name(tok: _Tok, *, first: bool) -> bool:
    """Tell whether a token can be (part of) a proper name: "Næstved", "KL", "K17"."""
    bare = tok.bare
    if tok.paren or not bare or not _WORD_CHARS.match(bare) or tok.text.endswith("."):
        return False
    if bare.lower() in _CAP_STOP:
        return False
    if bare.isupper() and len(bare) >= 2:
        return True  # KL, KKR, VIVE, K17
    if not bare[0].isupper():
        return False
    # A capitalised definite noun opening the sentence is a common noun ("Rammen",
    # "Sagen"); mid-sentence capitals are names.
    return not (first and re.search(r"(?:en|et|ne)$", bare) and not _BODY_RE.fullmatch(bare))


def _person_in(paren: _Tok | None, party: str | None) -> str | None:
    """Return the person a parenthetical names after a party ("sekretariatet (Lisbeth)")."""
    # After a body a first name is enough; after an organisation or a person it takes a
    # full name, so "Bo Gammelgaard (Næstved)" keeps Næstved as a place, not a person.
    if paren is None or party is None:
        return None
    inner = paren.text[1:-1].strip()
    words = inner.split()
    if not 1 <= len(words) <= 4 or not all(re.fullmatch(r"[A-ZÆØÅ][a-zæøå\-]+", w) for w in words):
        return None
    if any(w.lower() in ("kommune", "region") for w in words):
        return None
    return inner if len(words) >= 2 or _BODY_RE.fullmatch(party) else None


def _with_person(party: _Party | None, paren: _Tok | None) -> _Party | None:
    """Attach the person of a following parenthetical to a party."""
    if party is None:
        return None
    return replace(party, person=_person_in(paren, party.name))


def _canonical(name: str) -> str:
    """Capitalise a party's name as a name: "sekretariatet" → "Sekretariatet"."""
    words = name.split()
    if len(words) == 2 and words[0].lower() == "region":
        return f"Region {words[1][:1].upper()}{words[1][1:]}"
    return name[:1].upper() + name[1:]


def _party_ending(toks: list[_Tok], j: int, floor: int) -> _Party | None:
    """Read one party whose last token is ``j`` (reading backwards, not before ``floor``)."""
    paren: _Tok | None = None
    end = j + 1
    if j >= floor and toks[j].paren:
        paren = toks[j]
        j -= 1
    if j < floor:
        return None
    tok = toks[j]
    word = tok.word
    if word in (",", ";"):
        return None
    if word in _SUBJECT_PRONOUNS and paren is None:
        return _Party(j, end, None)
    party: _Party | None = None
    if word in _ROLE_NOUNS and j - 1 >= floor:
        owner = toks[j - 1]
        if owner.bare.endswith("s") and (
            _is_name(owner, first=False) or _BODY_RE.fullmatch(owner.bare[:-1])
        ):
            party = _Party(j - 1, end, _canonical(f"{owner.bare} {tok.bare}"))
    region = j - 1 >= floor and toks[j - 1].word == "region" and _WORD_CHARS.match(tok.bare)
    if party is None and region:
        party = _Party(j - 1, end, _canonical(f"Region {tok.bare}"))
    if party is None and _BODY_RE.fullmatch(tok.bare):
        party = _Party(j, end, _canonical(tok.bare))
    # Read right before its verb, a capitalised word is the subject even when it opens
    # the sentence ("Socialtilsynet udarbejder …").
    if party is None and _is_name(tok, first=False):
        start = j
        while start - 1 >= floor and _is_name(toks[start - 1], first=False):
            start -= 1
        party = _Party(start, end, " ".join(t.bare for t in toks[start : j + 1]))
    return _with_person(party, paren)


def _party_starting(toks: list[_Tok], k: int, stop: int) -> _Party | None:
    """Read one party whose first token is ``k`` (reading forwards, before ``stop``)."""
    if k >= stop:
        return None
    tok = toks[k]
    end: int
    name: str
    if k + 1 < stop and tok.bare.endswith("s") and toks[k + 1].word in _ROLE_NOUNS:
        if not (_is_name(tok, first=k == 0) or _BODY_RE.fullmatch(tok.bare[:-1])):
            return None
        end, name = k + 2, _canonical(f"{tok.bare} {toks[k + 1].bare}")
    elif tok.word == "region" and k + 1 < stop and _WORD_CHARS.match(toks[k + 1].bare):
        end, name = k + 2, _canonical(f"Region {toks[k + 1].bare}")
    elif _BODY_RE.fullmatch(tok.bare) and not tok.text.endswith("."):
        end, name = k + 1, _canonical(tok.bare)
    elif _is_name(tok, first=k == 0):
        end = k + 1
        while end < stop and _is_name(toks[end], first=False):
            end += 1
        name = " ".join(t.bare for t in toks[k:end])
    else:
        return None
    if end < stop and toks[end].paren:
        return _with_person(_Party(k, end + 1, name), toks[end])
    return _Party(k, end, name)


def _parties_before(toks: list[_Tok], j: int, floor: int) -> list[_Party]:
    """Read the list of parties ending at token ``j``: "Næstved, Køge og sekretariatet"."""
    first = _party_ending(toks, j, floor)
    if first is None:
        return []
    parties = [first]
    k = first.start - 1
    while k - 1 >= floor and toks[k].word in ("og", ",") and parties[0].name is not None:
        before = _party_ending(toks, k - 1, floor)
        if before is None or before.name is None:
            break
        parties.insert(0, before)
        k = before.start - 1
    # "… på næste møde i Koordinationsforum og sekretariatet sender …": a name after a
    # preposition is its object, not part of the subject.
    while parties and parties[0].start > 0 and toks[parties[0].start - 1].word in _PREPOSITIONS:
        parties.pop(0)
    return _list_or_apposition(parties, toks)


def _parties_after(toks: list[_Tok], k: int, stop: int) -> tuple[list[_Party], int]:
    """Read the list of parties starting at token ``k``; return it and the token after it."""
    first = _party_starting(toks, k, stop)
    if first is None:
        return [], k
    parties = [first]
    nxt = first.end
    while nxt + 1 < stop and toks[nxt].word in ("og", ","):
        after = _party_starting(toks, nxt + 1, stop)
        if after is None:
            break
        parties.append(after)
        nxt = after.end
    return _list_or_apposition(parties, toks), nxt


def _list_or_apposition(parties: list[_Party], toks: list[_Tok]) -> list[_Party]:
    """Keep a list joined with "og"; "Thomas Richelieu, Lolland" is one person and a place."""
    if len(parties) < 2:
        return parties
    joined = any(toks[p.end].word == "og" for p in parties[:-1] if p.end < len(toks))
    return parties if joined else parties[:1]


def _names(parties: list[_Party]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return the owners and the parenthesised persons of a list of parties."""
    owners = tuple(p.name for p in parties if p.name is not None)
    persons = tuple(p.person for p in parties if p.person is not None)
    return owners, persons


# ---------------------------------------------------------------------------
# Task verbs
# ---------------------------------------------------------------------------


def _particle_ok(lemma: str, toks: list[_Tok], i: int) -> bool:
    """Check the particle or object some verbs need to be a task ("arbejder med")."""
    after = [t.word for t in toks[i + 1 : i + 4]]
    if lemma == "komme":
        return "med" in after[:2] and any(w in _DELIVERABLES for w in after)
    needed = _NEEDS_NEXT.get(lemma)
    if needed is not None and not needed.intersection(after):
        return False
    banned = _NOT_NEXT.get(lemma)
    return not (banned and after and after[0] in banned)


def _before(toks: list[_Tok], i: int, floor: int) -> int:
    """Return the index of the word before ``i``, skipping adverbs (or floor - 1)."""
    j = i - 1
    while j >= floor and toks[j].word in _ADVERBS:
        j -= 1
    return j


def _clause_start(toks: list[_Tok], j: int) -> int:
    """Return the first token of the clause that token ``j`` ends."""
    while j >= 0 and toks[j].word not in _CLAUSE_OPENERS:
        j -= 1
    return j + 1


def _active_hit(toks: list[_Tok], anchor: int, verb: int, base: float) -> _Hit:
    """Build a hit for an active verb, finding its subject (``anchor``: the finite verb)."""
    clause = _clause_start(toks, anchor - 1)
    subj_end = _before(toks, anchor, clause)
    parties = _parties_before(toks, subj_end, 0) if subj_end >= clause else []
    if parties:
        start = parties[0].start
        if start > 0 and toks[start - 1].word in ("der", "som"):
            parties = []  # a relative clause's antecedent is not read here
        else:
            owners, persons = _names(parties)
            return _Hit(verb, owners, persons, start, base)
    if subj_end < clause and clause > 0 and toks[clause - 1].word in _COORDINATORS:
        # "… afløser Jakob Bigum, Næstved … og vender tilbage med forslag": the verb
        # shares the subject of the sentence.
        opening, after = _parties_after(toks, 0, anchor)
        if opening and after < anchor and toks[after].bare.islower():
            owners, persons = _names(opening)
            return _Hit(verb, owners, persons, None, base - 0.1)
    if subj_end >= clause and toks[clause].word not in ("der", "som"):
        # "Til næste møde udarbejder sekretariatet …": an adverbial first, the subject
        # after the verb.
        inverted, _ = _parties_after(toks, anchor + 1, min(len(toks), anchor + 6))
        if inverted:
            owners, persons = _names(inverted)
            return _Hit(verb, owners, persons, None, base - 0.1)
    return _Hit(verb, (), (), None, 0.5)


def _mandate_at(toks: list[_Tok], i: int) -> int | None:
    """Return the finite verb's index when token ``i`` starts "mandat til at" after it."""
    if toks[i].word != "mandat" or i == 0:
        return None
    tail = [t.word for t in toks[i + 1 : i + 3]]
    if tail != ["til", "at"]:
        return None
    verb = toks[i - 1].word
    return i - 1 if verb in ("fik", "får", "har", "gives", "gav") else None


def _find_hits(toks: list[_Tok], decider: str | None) -> list[_Hit]:
    """Find the task verbs of one sentence with their owners."""
    hits: list[_Hit] = []
    for i, tok in enumerate(toks):
        word = tok.word
        mandate = _mandate_at(toks, i)
        if mandate is not None:
            hits.append(_active_hit(toks, mandate, i, 0.9))
            continue
        if word == "bemyndiges" and [t.word for t in toks[i + 1 : i + 3]] == ["til", "at"]:
            hits.append(_active_hit(toks, i, i, 0.85))
            continue
        prev = _before(toks, i, 0)
        prev_word = toks[prev].word if prev >= 0 else ""
        if not _committed(toks, i, prev_word):
            continue
        if word in _PRESENT and _particle_ok(_PRESENT[word], toks, i):
            hits.append(_active_hit(toks, i, i, 0.9))
        elif word in _PASSIVE and _particle_ok(_PASSIVE[word], toks, i):
            hits.append(_passive_hit(toks, i, prev_word))
        elif word in _INFINITIVE and _particle_ok(_INFINITIVE[word], toks, i):
            if prev_word in _HARD_MODALS:
                hits.append(_active_hit(toks, prev, i, 0.85))
            elif i == 0:
                # "Der var enighed om at høre KL …": the lead-in held the subject.
                owners = (_canonical(decider),) if decider else ()
                hits.append(_Hit(i, owners, (), None, 0.6))
    for hit in hits:
        if any(t.word in _TENTATIVE for t in toks[max(0, hit.index - 2) : hit.index + 2]):
            hit.confidence -= 0.2
    return hits


def _committed(toks: list[_Tok], i: int, prev_word: str) -> bool:
    """Refuse verbs under "kan/bør/kunne" or a negation."""
    if prev_word in _SOFT_MODALS or prev_word in _NEGATIONS:
        return False
    return not any(t.word in _NEGATIONS for t in toks[i + 1 : i + 3])


def _passive_hit(toks: list[_Tok], i: int, prev_word: str) -> _Hit:
    """Build a hit for an -es passive: no owner, unless an agent follows ("af X")."""
    if i + 1 < len(toks) and toks[i + 1].word == "af":
        agents, _ = _parties_after(toks, i + 2, min(len(toks), i + 8))
        if agents:
            owners, persons = _names(agents)
            return _Hit(i, owners, persons, None, 0.8)
    return _Hit(i, (), (), None, 0.65 if prev_word in _HARD_MODALS else 0.7)


# ---------------------------------------------------------------------------
# Sentences and bullets
# ---------------------------------------------------------------------------


def _abbreviation(word: str) -> bool:
    """Tell whether a word ending in a full stop is an abbreviation ("mv.", "Ift.", not "KL.")."""
    bare = word.rstrip(".")
    return word.endswith(".") and not bare.isupper() and bare.lower() in _ABBREVIATIONS


def _clean(text: str) -> str:
    """Drop a bullet mark and collapse white space."""
    return " ".join(_BULLET_RE.sub("", text, count=1).split())


def _sentences(text: str) -> list[str]:
    """Split a bullet into sentences, not after "bl.a.", "pkt." or "1."."""
    out: list[str] = []
    start = 0
    for m in _SENTENCE_END_RE.finditer(text):
        before = text[start : m.start()].rsplit(maxsplit=1)
        last = before[-1] if before else ""
        # "1. møde", "den 9. august": an ordinal, not the end of a sentence; a year is.
        if _abbreviation(last) or (last[:-1].isdigit() and len(last) <= 3):
            continue
        out.append(text[start : m.start()])
        start = m.end()
    out.append(text[start:])
    return [s.strip() for s in out if s.strip()]


def _excluded(body: str, toks: list[_Tok], hit: _Hit) -> bool:
    """Tell whether a discussion or postponement marker governs the hit."""
    cut = toks[hit.index].start
    for regex in (_DISCUSSION_RE, _POSTPONED_RE):
        marker = regex.search(body[:cut])
        if marker is None:
            continue
        # "Punktet blev udsat … og sekretariatet indkalder …": a clause of its own.
        own = hit.subject_start
        if (
            own is not None
            and hit.owners
            and own > 0
            and toks[own].start >= marker.end()
            and toks[own - 1].word in _COORDINATORS
        ):
            continue
        return True
    return False


def _sentence_drafts(sentence: str) -> tuple[str, list[_Tok], list[_Draft], bool]:
    """Read one sentence; return its body after the lead-in, its tokens and its drafts."""
    lead = _LEAD_IN_RE.match(sentence)
    body = sentence[lead.end() :] if lead else sentence
    decider = lead.group("decider") if lead else None
    toks = _tokens(body)
    if body.rstrip().endswith("?") or not toks:
        return body, toks, [], False
    hits = [h for h in _find_hits(toks, decider) if not _excluded(body, toks, h)]
    drafts: list[_Draft] = []
    for hit in hits:
        current = drafts[-1] if drafts else None
        own = hit.subject_start
        coordinated = own is not None and own > 0 and toks[own - 1].word in _COORDINATORS
        if current is None:
            start = own if coordinated and own is not None else 0
            drafts.append(_Draft(start, list(hit.owners), list(hit.persons), hit.confidence))
        elif (
            hit.owners
            and current.owners
            and set(hit.owners) != set(current.owners)
            and coordinated
            and own is not None
        ):
            drafts.append(_Draft(own, list(hit.owners), list(hit.persons), hit.confidence))
        else:
            for name in hit.owners:
                if name not in current.owners:
                    current.owners.append(name)
            current.persons.extend(p for p in hit.persons if p not in current.persons)
            current.confidence = max(current.confidence, hit.confidence)
    return body, toks, drafts, lead is not None


def _draft_text(body: str, toks: list[_Tok], start: int, stop: int | None) -> str:
    """Return the task text of a draft: from its start to the next draft, tidied."""
    begin = toks[start].start
    end = toks[stop].start if stop is not None else len(body)
    text = body[begin:end].strip()
    text = re.sub(r"(?:\s*(?:,|;|\bog|\bsamt))+$", "", text).strip()
    text = text.rstrip(" ;:,")
    # Drop the full stop, not the one of a closing abbreviation ("… kommissorium mv.").
    last = text.rsplit(maxsplit=1)[-1] if text else ""
    if text.endswith(".") and not _abbreviation(last):
        text = text.rstrip(".").rstrip()
    return text[:1].upper() + text[1:]


def _named_due(text: str, meeting_date: date) -> date | None:
    """Return the first full date in the text on or after the meeting."""
    now = datetime.combine(meeting_date, time(12), tzinfo=_TZ)
    pos = 0
    for _ in range(12):
        try:
            found = find_when(text[pos:], now, _TZ, prefer="future")
        except DateParseError:
            return None  # a date-shaped slip ("30/2"): no due date rather than a guess
        if found is None:
            return None
        when, start, end = found
        span = text[pos + start : pos + end]
        if not _TIME_ONLY_RE.match(span) and when.date >= meeting_date:
            return when.date
        pos += max(end, 1)
    return None


def _due(
    text: str, meeting_date: date, next_meeting_date: date | None
) -> tuple[date | None, DueReason | None]:
    """Return the task's due date and where it came from."""
    named = _named_due(text, meeting_date)
    if named is not None:
        return named, "named"
    if next_meeting_date is not None and _NEXT_MEETING_RE.search(text):
        return next_meeting_date, "next_meeting"
    return None, None


def extract_actions(
    decision: str, *, meeting_date: date, next_meeting_date: date | None = None
) -> list[ActionCandidate]:
    """Return the action-item candidates one decision bullet holds, in order."""
    cleaned = _clean(decision)
    if not cleaned or _HANGING_RE.match(cleaned):
        return []
    found: list[ActionCandidate] = []
    for sentence in _sentences(cleaned):
        body, toks, drafts, decided = _sentence_drafts(sentence)
        for n, draft in enumerate(drafts):
            stop = drafts[n + 1].start if n + 1 < len(drafts) else None
            text = _draft_text(body, toks, draft.start, stop)
            if not text:
                continue
            due, reason = _due(text, meeting_date, next_meeting_date)
            owners = tuple(draft.owners)
            owner = draft.persons[0] if draft.persons else (owners[0] if owners else None)
            confidence = draft.confidence + (0.05 if decided else 0.0)
            if _STANDING_RE.search(text):
                confidence -= 0.2
            found.append(
                ActionCandidate(
                    text=text,
                    owner=owner,
                    owners=owners,
                    due=due,
                    due_reason=reason,
                    source=decision,
                    confidence=round(min(1.0, max(0.0, confidence)), 2),
                )
            )
    return found


def extract_from_decisions(
    decisions: Sequence[str], *, meeting_date: date, next_meeting_date: date | None = None
) -> list[ActionCandidate]:
    """Return the candidates of all decision bullets of an item or meeting, without repeats."""
    seen: set[tuple[str, tuple[str, ...], date | None]] = set()
    found: list[ActionCandidate] = []
    for decision in decisions:
        for candidate in extract_actions(
            decision, meeting_date=meeting_date, next_meeting_date=next_meeting_date
        ):
            key = (candidate.text.casefold(), candidate.owners, candidate.due)
            if key not in seen:
                seen.add(key)
                found.append(candidate)
    return found


# ---------------------------------------------------------------------------
# Owners to members
# ---------------------------------------------------------------------------

# How minutes name the secretariat and the chair instead of a person.
_SECRETARY_ALIASES = frozenset(
    {"sekretariatet", "sekretariat", "rammeaftalesekretariatet", "sekretæren", "sekretær"}
    | {"secretariat", "the secretariat", "secretary", "the secretary"}
)
_CHAIR_ALIASES = frozenset(
    {"formanden", "formand", "styregruppens formand", "formandskabet", "udvalgets formand"}
    | {"chair", "the chair", "chairman", "chairperson"}
)
_ORG_SUFFIX_RE = re.compile(r"\s+(?:kommune|kommunes)$")


def _norm(text: str) -> str:
    """Case-fold and collapse white space."""
    return " ".join(text.split()).casefold()


def _org(text: str) -> str:
    """Reduce an organisation to its place: "Næstved Kommune" → "næstved"."""
    return _ORG_SUFFIX_RE.sub("", _norm(text))


def _only(members: Sequence[MemberRef]) -> MemberRef | None:
    """Return the single member of a match, or None when none or several matched."""
    return members[0] if len(members) == 1 else None


def match_owner(owner: str, members: Sequence[MemberRef]) -> MemberRef | None:
    """Return the member an owner as named refers to, or None when none or ambiguous."""
    wanted = _norm(re.sub(r"\([^()]*\)", " ", owner))
    if not wanted:
        return None
    if wanted in _SECRETARY_ALIASES:
        return _only([m for m in members if str(m.role) == "secretary"])
    if wanted in _CHAIR_ALIASES:
        return _only([m for m in members if str(m.role) == "chair"])
    by_name = [m for m in members if _norm(m.name) == wanted]
    if by_name:
        return _only(by_name)
    if " " not in wanted:
        by_first = [m for m in members if _norm(m.name).split(" ")[:1] == [wanted]]
        if by_first:
            return _only(by_first)
    place = _org(wanted)
    return _only([m for m in members if m.organisation and _org(m.organisation) == place])
