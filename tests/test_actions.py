"""Tests of finding action-item candidates in decision bullets and matching their owners."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.domain.actions import (
    ActionCandidate,
    MemberRef,
    extract_actions,
    extract_from_decisions,
    match_owner,
)
from bot.ingest import ParsedDocument, parse_document

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
MINUTES_2019 = "sjaelland-2019-01-04-dagsorden-med-beslutninger.txt"
MINUTES_2020 = "sjaelland-2020-06-26-dagsorden-med-beslutninger.txt"
MINUTES_2024 = "sjaelland-2024-03-15-referat.txt"
CORPUS_FILES = (MINUTES_2019, MINUTES_2020, MINUTES_2024)
# The next meeting of each set of minutes, as the minutes give it (the 2019 agenda only
# lists the year's calendar, which starts on 15/3, so the importer leaves it unset).
NEXT_MEETING = {
    MINUTES_2019: date(2019, 3, 15),
    MINUTES_2020: date(2020, 8, 14),
    MINUTES_2024: date(2024, 5, 3),
}


@cache
def _parse(name: str) -> ParsedDocument:
    return parse_document((CORPUS / name).read_text(encoding="utf-8"), filename=name)


def corpus(name: str) -> ParsedDocument:
    """Return a parsed corpus file; skip without the corpus, but fail on CI."""
    if not (CORPUS / name).is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"corpus file {name} missing under {CORPUS}")
        pytest.skip(f"corpus not available at {CORPUS}")
    return _parse(name)


def decision(name: str, item: str, start: str) -> str:
    """Return the decision bullet of an item that begins with ``start``."""
    doc = corpus(name)
    (found,) = [
        d for it in doc.items if it.number == item for d in it.decisions if d.startswith(start)
    ]
    return found


def extract(name: str, text: str) -> list[ActionCandidate]:
    """Extract from one bullet with the corpus file's meeting dates."""
    return extract_actions(
        text, meeting_date=corpus(name).meeting_date, next_meeting_date=NEXT_MEETING[name]
    )


# ---------------------------------------------------------------------------
# The whole corpus
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "low", "high"),
    [(MINUTES_2019, 6, 14), (MINUTES_2020, 5, 12), (MINUTES_2024, 3, 10)],
)
def test_every_corpus_decision_extracts_and_the_count_is_sane(
    name: str, low: int, high: int
) -> None:
    doc = corpus(name)
    decisions = [d for item in doc.items for d in item.decisions]
    assert len(decisions) > 20
    found = [
        c
        for d in decisions
        for c in extract_actions(
            d, meeting_date=doc.meeting_date, next_meeting_date=doc.next_meeting_date
        )
    ]
    assert low <= len(found) <= high
    for candidate in found:
        assert candidate.source in decisions
        assert candidate.text and candidate.text[0].isupper()
        assert 0.0 <= candidate.confidence <= 1.0
        assert (candidate.due is None) == (candidate.due_reason is None)
        assert candidate.owner is None or candidate.owners


def test_the_corpus_as_a_whole_gives_a_sane_number_of_candidates() -> None:
    total = 0
    for name in CORPUS_FILES:
        doc = corpus(name)
        for item in doc.items:
            total += len(
                extract_from_decisions(
                    item.decisions,
                    meeting_date=doc.meeting_date,
                    next_meeting_date=doc.next_meeting_date,
                )
            )
    assert 15 <= total <= 35


@dataclass(frozen=True)
class Expected:
    """One corpus decision and the single candidate it must give."""

    file: str
    item: str
    bullet: str  # how the decision bullet begins
    owners: tuple[str, ...]
    text: str  # how the task text begins
    owner: str | None = None  # defaults to owners[0]
    due: date | None = None
    due_reason: str | None = None


EXPECTED = [
    Expected(
        MINUTES_2019,
        "2",
        "Styregruppens formand deltager",
        ("Styregruppens formand",),
        "Styregruppens formand deltager på et møde med K3 på KØF i uge 3",
        due=date(2019, 1, 14),
        due_reason="named",
    ),
    Expected(MINUTES_2019, "2", "Oplæg rundsendes", (), "Oplæg rundsendes til styregruppen"),
    Expected(
        MINUTES_2019,
        "5",
        "Kommissoriet tilrettes",
        (),
        "Kommissoriet tilrettes til næste styregruppemøde i marts 2019 og herunder",
        due=date(2019, 3, 15),
        due_reason="next_meeting",
    ),
    Expected(
        MINUTES_2019,
        "5",
        "Sekretariatet afholder",
        ("Sekretariatet",),
        "Sekretariatet afholder møde med Slagelses tovholder i arbejdsgruppen ift. kommissorium mv.",
    ),
    Expected(
        MINUTES_2019,
        "6",
        "Der er ikke ønske",
        (),
        "Der er ikke ønske om at indsætte en voldgiftsbestemmelse og dette orienteres om",
        due=date(2019, 3, 15),
        due_reason="next_meeting",
    ),
    Expected(
        MINUTES_2019,
        "6",
        "Region Sjælland indsætter",
        ("Region Sjælland",),
        "Region Sjælland indsætter de besluttede tilføjelser",
    ),
    Expected(
        MINUTES_2019,
        "7",
        "Det blev godkendt at arbejdet fortsættes",
        ("Arbejdsgruppen",),
        "Arbejdet fortsættes og præsenteres på næste styregruppemøde i marts, hvor arbejdsgruppen",
        due=date(2019, 3, 15),
        due_reason="next_meeting",
    ),
    Expected(
        MINUTES_2019,
        "8I",
        "Sekretariatet udarbejder en årsplan",
        ("Sekretariatet",),
        "Sekretariatet udarbejder en årsplan",
    ),
    Expected(
        MINUTES_2019,
        "8I",
        "Ift. repræsentation",
        (),
        "Ift. repræsentation i styregruppen spørges de to kommuner",
    ),
    Expected(
        MINUTES_2020,
        "3",
        "Arbejdsgruppen udarbejder",
        ("Arbejdsgruppen",),
        "Arbejdsgruppen udarbejder en udredning",
        due=date(2020, 8, 14),
        due_reason="named",
    ),
    Expected(
        MINUTES_2020,
        "3",
        "Sekretariatet indkalder til 1. møde",
        ("Sekretariatet",),
        "Sekretariatet indkalder til 1. møde i arbejdsgruppen",
    ),
    Expected(MINUTES_2020, "5", "Sagen videresendes", (), "Sagen videresendes til K17"),
    Expected(
        MINUTES_2020,
        "7",
        "Styregruppen besluttede at sagen belyses",
        (),
        "Sagen belyses yderligere og tages op",
        due=date(2020, 8, 14),
        due_reason="named",
    ),
    Expected(
        MINUTES_2020,
        "7",
        "Til næste styregruppemøde udarbejdes",
        (),
        "Til næste styregruppemøde udarbejdes oplæg med principiel udredning",
        due=date(2020, 8, 14),
        due_reason="next_meeting",
    ),
    Expected(
        MINUTES_2020,
        "9",
        "Thomas Richelieu",
        ("Thomas Richelieu",),
        "Thomas Richelieu, Lolland afløser Jakob Bigum",
    ),
    Expected(
        MINUTES_2020,
        "10",
        "Sekretariatet indkalder Faxe",
        ("Sekretariatet",),
        "Sekretariatet indkalder Faxe (Thomas Knudsen) og Region sjælland (Pia Bille) til møde",
        due=date(2020, 10, 9),
        due_reason="named",
    ),
    Expected(
        MINUTES_2024,
        "3",
        "Det blev besluttet at Kommissoriet revideres",
        (),
        "Kommissoriet revideres på baggrund af drøftelserne og der udarbejdes et råudkast",
    ),
    Expected(
        MINUTES_2024,
        "4",
        "Det blev besluttet at Næstved",
        ("Næstved", "Region Sjælland", "Køge", "Sekretariatet"),
        "Næstved, Region Sjælland, Køge og sekretariatet (Lisbeth) arbejder med hvordan",
        owner="Lisbeth",
    ),
    Expected(
        MINUTES_2024,
        "4",
        "Ift. årsrapporterne",
        ("Netværkene",),
        "Ift. årsrapporterne var der enighed om at man fremadrettet",
    ),
    Expected(
        MINUTES_2024,
        "5",
        "Rammen om programmet",
        ("Slagelse", "Køge"),
        "Slagelse og Køge fik mandat til at arbejde videre med arrangementet",
    ),
    Expected(
        MINUTES_2024, "6", "Sagen videresendes", (), "Sagen videresendes til K17, KKR og kommunerne"
    ),
]


@pytest.mark.parametrize("case", EXPECTED, ids=lambda c: f"{c.file[9:19]}-{c.item}-{c.bullet}")
def test_corpus_decision_gives_the_expected_candidate(case: Expected) -> None:
    bullet = decision(case.file, case.item, case.bullet)
    (found,) = extract(case.file, bullet)
    assert found.owners == case.owners
    assert found.owner == (case.owner if case.owner else (case.owners or (None,))[0])
    assert found.text.startswith(case.text), found.text
    assert (found.due, found.due_reason) == (case.due, case.due_reason)
    assert found.source == bullet


def test_a_standing_practice_is_less_certain_than_a_one_off_task() -> None:
    standing = extract(MINUTES_2024, decision(MINUTES_2024, "4", "Ift. årsrapporterne"))
    one_off = extract(MINUTES_2024, decision(MINUTES_2024, "4", "Det blev besluttet at Næstved"))
    assert standing[0].confidence < one_off[0].confidence


NOTHING = [
    (MINUTES_2019, "1", "Referatet blev godkendt"),  # an approval
    (MINUTES_2019, "3", "Der indkaldes ikke"),  # negated
    (MINUTES_2019, "3", "Resultaterne af analysen kan sendes"),  # a permission
    (MINUTES_2019, "4", "Punktet blev udsat"),  # a postponement
    (MINUTES_2019, "5", "Styregruppen tog orienteringen til efterretning"),  # noted
    (MINUTES_2019, "6", "Punktet tages op på næste"),  # carried to the agenda
    (MINUTES_2019, "6", "Standardkontrakt lægges op"),  # a policy
    (MINUTES_2020, "1", "Dagsordenen blev godkendt"),
    (MINUTES_2020, "4", "Styregruppen besluttede at udsætte punktet"),
    (MINUTES_2020, "6", "Netværksgruppen orienterede"),  # past tense, with "at undersøge"
    (MINUTES_2020, "8", "Styregruppen afventer"),
    (MINUTES_2020, "10", "Diskussionen om Refsnæs"),
    (MINUTES_2024, "2", "Det blev nævnt"),  # a discussion summary
    (MINUTES_2024, "2", "Det blev besluttet at udviklingsprogrammet skal indgå"),
    (MINUTES_2024, "3", "Det blev betonet"),  # "… det skal sikres at …" under "betonet"
    (MINUTES_2024, "3", "Supplerende ift. økonomimodellen"),  # "blev nævnt … burde undersøges"
    (MINUTES_2024, "3", "At der arbejdes med kobling"),  # a proposal under "blev foreslået:"
    (MINUTES_2024, "4", "Udbydernetværket arbejder"),  # describes, "arbejder indenfor"
    (MINUTES_2024, "4", "Samlet var der enighed"),  # "bør bidrage", "skal overveje"
    (MINUTES_2024, "7", "Næstved og Køge orienterede"),
]


@pytest.mark.parametrize(("name", "item", "start"), NOTHING, ids=lambda v: str(v)[:30])
def test_corpus_statement_gives_nothing(name: str, item: str, start: str) -> None:
    assert extract(name, decision(name, item, start)) == []


# ---------------------------------------------------------------------------
# Phrasings one at a time
# ---------------------------------------------------------------------------

MEETING = date(2019, 1, 4)
NEXT = date(2019, 3, 15)


def one(text: str, *, meeting: date = MEETING, nxt: date | None = NEXT) -> ActionCandidate:
    """Return the single candidate of a bullet."""
    (found,) = extract_actions(text, meeting_date=meeting, next_meeting_date=nxt)
    return found


def test_a_passive_dispatch_names_no_owner() -> None:
    found = one("Næstved kontaktes ift. udpegning af ny repræsentant.")
    assert (found.owner, found.owners) == (None, ())
    assert found.text == "Næstved kontaktes ift. udpegning af ny repræsentant"


def test_an_agent_names_the_owner_of_a_passive() -> None:
    found = one("Notatet udarbejdes af Økonomigruppen senest 1. december 2024")
    assert found.owners == ("Økonomigruppen",)
    assert (found.due, found.due_reason) == (date(2024, 12, 1), "named")


def test_an_adverbial_first_puts_the_subject_after_the_verb() -> None:
    found = one("Til næste møde udarbejder sekretariatet et notat om takster")
    assert found.owners == ("Sekretariatet",)
    assert (found.due, found.due_reason) == (NEXT, "next_meeting")


def test_a_consensus_lead_in_with_an_infinitive_is_trimmed() -> None:
    found = one("Der var enighed om at høre KL og direktørerne i de øvrige regioner.")
    assert found.text == "Høre KL og direktørerne i de øvrige regioner"
    assert found.owner is None


def test_the_deciding_body_owns_its_own_infinitive() -> None:
    found = one("Styregruppen besluttede at indhente tilbud fra to konsulenter")
    assert found.owners == ("Styregruppen",)
    assert found.text == "Indhente tilbud fra to konsulenter"


def test_two_owners_in_two_clauses_give_two_candidates() -> None:
    found = extract_actions(
        "Sekretariatet udarbejder dagsordenen og KL indhenter tal fra kommunerne",
        meeting_date=MEETING,
    )
    assert [(c.owners, c.text) for c in found] == [
        (("Sekretariatet",), "Sekretariatet udarbejder dagsordenen"),
        (("KL",), "KL indhenter tal fra kommunerne"),
    ]


def test_a_task_after_a_postponement_in_its_own_clause_is_kept() -> None:
    found = one("Punktet blev udsat og sekretariatet indkalder til ekstra møde")
    assert found.text == "Sekretariatet indkalder til ekstra møde"


def test_a_name_after_a_preposition_is_not_the_subject() -> None:
    found = one("Sagen drøftes i Koordinationsforum og sekretariatet sender materiale ud")
    assert found.owners == ("Sekretariatet",)


def test_a_person_in_parentheses_after_an_organisation_needs_a_full_name() -> None:
    assert one("Faxe (Thomas Knudsen) udarbejder oplæg").owner == "Thomas Knudsen"
    found = one("Bo Gammelgaard (Næstved) følger op på sagen")
    assert (found.owner, found.owners) == ("Bo Gammelgaard", ("Bo Gammelgaard",))


@pytest.mark.parametrize(
    "text",
    [
        "Sekretariatet udarbejder ikke et notat",
        "Kan sekretariatet udarbejde en årsplan?",
        "Det blev nævnt at sekretariatet udarbejder et notat",
        "Et forslag var at sekretariatet udarbejder et notat",
        "Sekretariatet har udarbejdet et notat",
        "Der er udarbejdet en fælles generisk sag til alle kommuner",
        "Sagen bør undersøges nærmere",
        "At sekretariatet udarbejder et notat",
        "",
        "   ",
        "•",
    ],
)
def test_phrasing_gives_nothing(text: str) -> None:
    assert extract_actions(text, meeting_date=MEETING, next_meeting_date=NEXT) == []


@pytest.mark.parametrize(
    ("text", "owners"),
    [
        ("Sekretariatet vil udsende en invitation", ("Sekretariatet",)),
        ("Formandskabet bemyndiges til at færdiggøre oplæg til K17", ("Formandskabet",)),
        ("Morten tager kontakt til KL", ("Morten",)),
        ("Socialtilsynet udarbejder en årsrapport", ("Socialtilsynet",)),
        ("KL orienterer om status", ("KL",)),
        ("Lisbeth og Povl Skov følger op på sagen", ("Lisbeth", "Povl Skov")),
        ("Der skal udarbejdes en beskrivelse", ()),
        (
            "Styregruppen tog orienteringen til efterretning og sender sagen videre",
            ("Styregruppen",),
        ),
    ],
)
def test_phrasing_gives_a_task_with_owners(text: str, owners: tuple[str, ...]) -> None:
    assert one(text).owners == owners


def test_a_date_without_a_year_is_read_forward_from_the_meeting() -> None:
    assert one("Sekretariatet udarbejder oplæg til styregruppemøde 14/8").due == date(2019, 8, 14)
    later = one("Sekretariatet udarbejder oplæg til 14/8", meeting=date(2019, 9, 1))
    assert later.due == date(2020, 8, 14)


@pytest.mark.parametrize(
    "text",
    [
        "Sekretariatet udarbejder oplæg i marts 2019",  # a month is not a date
        "Sekretariatet udarbejder et notat inden sommerferien",
        "Sekretariatet udarbejder referat af mødet 12/10-2018",  # before the meeting
        "Sekretariatet indkalder kl 14 til møde",  # a time only
        "Sekretariatet udarbejder notat til 30/2",  # no such day
        "Sekretariatet sender materiale til næste møde i Koordinationsforum",  # another body
    ],
)
def test_no_due_date_is_guessed(text: str) -> None:
    found = one(text)
    assert (found.due, found.due_reason) == (None, None)
    assert found.text == text


def test_the_next_meeting_is_only_a_due_date_when_known() -> None:
    text = "Kommissoriet tilrettes til næste styregruppemøde i marts"
    assert one(text, nxt=None).due is None
    assert (one(text).due, one(text).due_reason) == (NEXT, "next_meeting")


def test_a_named_date_wins_over_the_next_meeting() -> None:
    found = one("Sagen belyses til næste styregruppemøde 14/8")
    assert (found.due, found.due_reason) == (date(2019, 8, 14), "named")


def test_each_sentence_of_a_bullet_is_read_on_its_own() -> None:
    found = extract_actions(
        "Analysen gentages i 2019. Sekretariatet indkalder til 1. møde den 9. august 2019. "
        "Oplæg rundsendes bl.a. til KL.",
        meeting_date=MEETING,
        next_meeting_date=NEXT,
    )
    assert [(c.text, c.owners, c.due) for c in found] == [
        (
            "Sekretariatet indkalder til 1. møde den 9. august 2019",
            ("Sekretariatet",),
            date(2019, 8, 9),
        ),
        ("Oplæg rundsendes bl.a. til KL", (), None),
    ]


def test_bullet_marks_go_from_the_text_but_not_from_the_source() -> None:
    found = one("• Sekretariatet udarbejder en årsplan.")
    assert found.text == "Sekretariatet udarbejder en årsplan"
    assert found.source == "• Sekretariatet udarbejder en årsplan."


def test_a_tentative_task_is_less_certain() -> None:
    sure = one("Sekretariatet udarbejder et notat")
    tentative = one("Sekretariatet udarbejder evt. et notat")
    assert tentative.confidence < sure.confidence


def test_extract_from_decisions_keeps_order_and_drops_repeats() -> None:
    found = extract_from_decisions(
        [
            "Styregruppen tog orienteringen til efterretning",
            "Sagen videresendes til K17",
            "Sekretariatet udarbejder en årsplan",
            "Sagen videresendes til K17",
        ],
        meeting_date=MEETING,
        next_meeting_date=NEXT,
    )
    assert [c.text for c in found] == [
        "Sagen videresendes til K17",
        "Sekretariatet udarbejder en årsplan",
    ]


# ---------------------------------------------------------------------------
# Owners to members
# ---------------------------------------------------------------------------

MEMBERS = [
    MemberRef(1, "Morten Bøgelund Andersen", "Greve Kommune", "chair", "U1"),
    MemberRef(2, "Bo Gammelgaard", "Næstved Kommune", "member", "U2"),
    MemberRef(3, "Pia Bille", "Region Sjælland", "member", "U3"),
    MemberRef(4, "Anne Andersen", "KL", "member", None),
    MemberRef(5, "Povl Skov", "Rammeaftalesekretariatet", "secretary", "U5"),
    MemberRef(6, "Thomas Knudsen", "Faxe Kommune", "member", "U6"),
    MemberRef(7, "Anne Sofie Degn", "Greve Kommune", "member", None),
    MemberRef(8, "Lisbeth Daugaard", "Holbæk Kommune", "guest", None),
    MemberRef(9, "Mille Schjoldan", "Køge Kommune", "member", "U9"),
    MemberRef(10, "Mikael Laursen", "Region Sjælland", "guest", None),
]


@pytest.mark.parametrize(
    ("owner", "member_id"),
    [
        ("Thomas Knudsen", 6),  # full name
        ("thomas  knudsen", 6),  # case and spacing
        ("Anne Sofie Degn", 7),  # full name though the first name is shared
        ("Lisbeth", 8),  # unique first name
        ("Pia", 3),
        ("Anne", None),  # two Annes
        ("Næstved", 2),  # organisation without "Kommune"
        ("Næstved Kommune", 2),
        ("KL", 4),
        ("Køge", 9),
        ("Region sjælland", None),  # two members from the region
        ("Greve", None),  # the chair and a member
        ("Sekretariatet", 5),
        ("sekretariatet", 5),
        ("Rammeaftalesekretariatet", 5),
        ("formanden", 1),
        ("Styregruppens formand", 1),
        ("Arbejdsgruppen", None),  # a body with no member behind it
        ("Slagelse", None),
        ("", None),
    ],
)
def test_match_owner(owner: str, member_id: int | None) -> None:
    found = match_owner(owner, MEMBERS)
    assert (found.id if found else None) == member_id


def test_match_owner_needs_exactly_one_secretary_or_chair() -> None:
    two = [*MEMBERS, MemberRef(11, "Jens Hansen", None, "secretary", None)]
    assert match_owner("Sekretariatet", two) is None
    assert match_owner("formanden", [m for m in MEMBERS if m.role != "chair"]) is None
    assert match_owner("Sekretariatet", []) is None


def test_match_owner_reads_an_owner_with_a_person_in_parentheses() -> None:
    found = match_owner("Faxe (Thomas Knudsen)", MEMBERS)
    assert found is not None and found.id == 6


# ---------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    """Split a space-separated word list."""
    return text.split()


# Words and marks the rules react to, so generated text reaches the deep paths.
_VOCABULARY = _words(
    "Sekretariatet sekretariatet Region sjælland Næstved Køge (Lisbeth) (Pia Bille) KL "
    "udarbejder udarbejdes indkalder rundsendes kontaktes arbejder med videre følger op "
    "fik mandat til at vender tilbage kommer oplæg skal kan bør ikke der og , ; . ? "
    "Det blev besluttet aftalt nævnt udsat at Punktet Styregruppen besluttede "
    "næste styregruppemøde møde i marts 2019 14/8 30/2 uge 3 kl 14 1. december "
    "senest inden 31/12-2024 ( ) • - At Om hvor som fremover evt. af"
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=300))
def test_arbitrary_text_never_raises(text: str) -> None:
    for candidate in extract_actions(text, meeting_date=MEETING, next_meeting_date=NEXT):
        assert 0.0 <= candidate.confidence <= 1.0
        assert candidate.source == text


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(words=st.lists(st.sampled_from(_VOCABULARY), max_size=40))
def test_committee_shaped_text_never_raises_and_stays_well_formed(words: list[str]) -> None:
    text = " ".join(words)
    for candidate in extract_actions(text, meeting_date=MEETING, next_meeting_date=NEXT):
        assert candidate.text
        assert 0.0 <= candidate.confidence <= 1.0
        assert (candidate.due is None) == (candidate.due_reason is None)
        assert candidate.due is None or candidate.due >= MEETING
        assert candidate.owner is None or candidate.owners
        assert match_owner(candidate.owner or "", MEMBERS) in (None, *MEMBERS)
