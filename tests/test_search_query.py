"""Test question understanding: framing words, intent and rule-based time filters."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.search.analysis import Analyzer, Vocabulary
from bot.search.query import ParsedQuestion, parse_question

NOW = date(2024, 6, 15)


def parse(text: str, now: date | datetime = NOW) -> ParsedQuestion:
    """Parse a question against the fixed date."""
    return parse_question(text, now=now)


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("what did we decide on standardkontrakter", ("standardkontrakter",)),
        ("What did we decide about Kofoedsminde?", ("kofoedsminde",)),
        ("what have we decided regarding the økonomimodel", ("økonomimodel",)),
        ("what was decided about plejefamilier", ("plejefamilier",)),
        ("decisions about voldgift", ("voldgift",)),
        ("any decisions on takstanalyser?", ("takstanalyser",)),
        ("did we ever decide anything about suppleanter", ("suppleanter",)),
        ("hvad besluttede vi om Kofoedsminde?", ("kofoedsminde",)),
        ("Hvad har vi besluttet om standardkontrakter", ("standardkontrakter",)),
        (
            "hvad blev der besluttet om netværksgruppernes årsrapporter",
            ("netværksgruppernes", "årsrapporter"),
        ),
        ("har vi besluttet noget om voldgift?", ("voldgift",)),
        ("beslutninger om nedlukning af tilbud", ("nedlukning", "tilbud")),
        (
            "hvad drøftede styregruppen om rekruttering af plejefamilier",
            ("rekruttering", "plejefamilier"),
        ),
        ("hvad aftalte vi om temadagen", ("temadagen",)),
        ("hvad landede vi på ift. økonomimodellen", ("økonomimodellen",)),
        ("hvornår drøftede vi økonomimodellen?", ("økonomimodellen",)),
        ("when did we discuss Kofoedsminde", ("kofoedsminde",)),
        ("when did we last talk about the VIVE analysis", ("vive", "analysis")),
        ("hvornår var sidste gang vi drøftede takster", ("takster",)),
        ("hvem er tovholder på økonomimodellen", ("tovholder", "økonomimodellen")),
        ("who is responsible for the temadag", ("responsible", "temadag")),
        ("<@U123ABC> hvad besluttede vi om *Kofoedsminde*?", ("kofoedsminde",)),
        ("Kofoedsminde", ("kofoedsminde",)),
        ("hvad besluttede vi om rammeaftale 2021-2022", ("rammeaftale", "2021", "2022")),
        ("hvad besluttede vi om styregruppen", ("styregruppen",)),
    ],
)
def test_framing_is_stripped_and_topic_words_remain(question: str, words: tuple[str, ...]) -> None:
    assert parse(question).content_words == words


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("hvad besluttede vi om Kofoedsminde", "decision"),
        ("decisions about voldgift", "decision"),
        ("Kofoedsminde", "decision"),
        ("hvornår drøftede vi økonomimodellen", "when"),
        ("When did we discuss the budget?", "when"),
        ("which meetings treated takster", "when"),
        ("hvem er tovholder på økonomimodellen", "who"),
        ("who is responsible for the temadag", "who"),
    ],
)
def test_intent(question: str, intent: str) -> None:
    assert parse(question).intent == intent


@pytest.mark.parametrize(
    ("question", "date_from", "date_to"),
    [
        ("hvad besluttede vi om takster i 2019", date(2019, 1, 1), date(2019, 12, 31)),
        ("what did we decide on takster in 2019", date(2019, 1, 1), date(2019, 12, 31)),
        ("plejefamilier i maj 2020", date(2020, 5, 1), date(2020, 5, 31)),
        ("plejefamilier in May 2020", date(2020, 5, 1), date(2020, 5, 31)),
        ("plejefamilier May 2020", date(2020, 5, 1), date(2020, 5, 31)),
        ("hvad besluttede vi sidste år om budget", date(2023, 1, 1), date(2023, 12, 31)),
        ("what did we decide last year on budget", date(2023, 1, 1), date(2023, 12, 31)),
        ("hvad har vi besluttet i år", date(2024, 1, 1), date(2024, 6, 15)),
        ("decisions this year", date(2024, 1, 1), date(2024, 6, 15)),
        ("hvad er besluttet siden marts", date(2024, 3, 1), None),
        ("since March 2019", date(2019, 3, 1), None),
        ("siden 2020", date(2020, 1, 1), None),
        ("før 2020", None, date(2019, 12, 31)),
        ("before 2020", None, date(2019, 12, 31)),
        ("before May 2020", None, date(2020, 4, 30)),
        ("efter 2020", date(2021, 1, 1), None),
        ("fra 2019 til 2020", date(2019, 1, 1), date(2020, 12, 31)),
        ("between March 2019 and June 2020", date(2019, 3, 1), date(2020, 6, 30)),
        ("på mødet den 4/1-2019", date(2019, 1, 4), date(2019, 1, 4)),
        ("at the meeting on 26 June 2020", date(2020, 6, 26), date(2020, 6, 26)),
        ("June 26, 2020", date(2020, 6, 26), date(2020, 6, 26)),
        ("2020-06-26", date(2020, 6, 26), date(2020, 6, 26)),
        ("den 26. juni 2020", date(2020, 6, 26), date(2020, 6, 26)),
        ("mødet 26.06.2020", date(2020, 6, 26), date(2020, 6, 26)),
        ("i marts", date(2024, 3, 1), date(2024, 3, 31)),
        ("i august", date(2023, 8, 1), date(2023, 8, 31)),
        ("sidste måned", date(2024, 5, 1), date(2024, 5, 31)),
        ("de sidste 2 år", date(2022, 6, 15), date(2024, 6, 15)),
        ("the past three months", date(2024, 3, 15), date(2024, 6, 15)),
        ("siden marts 2019 og før 2020", date(2019, 3, 1), date(2019, 12, 31)),
    ],
)
def test_time_filters(question: str, date_from: date | None, date_to: date | None) -> None:
    parsed = parse(question)
    assert (parsed.date_from, parsed.date_to) == (date_from, date_to)


@pytest.mark.parametrize(
    "question",
    [
        "hvad besluttede vi om rammeaftale 2021-2022",
        "what did we decide we would do on Wednesday",
        "may we see the standardkontrakter",
        "Revision af standardkontrakter V",
        "K17 og KKR",
    ],
)
def test_no_time_filter_without_a_time_expression(question: str) -> None:
    parsed = parse(question)
    assert (parsed.date_from, parsed.date_to) == (None, None)


def test_time_expressions_are_not_topic_words() -> None:
    parsed = parse("hvad besluttede vi om Kofoedsminde i januar 2019")
    assert parsed.content_words == ("kofoedsminde",)
    assert parsed.terms == ("kofoedsmind",)


def test_now_may_be_an_aware_datetime() -> None:
    now = datetime(2024, 1, 2, 0, 30, tzinfo=ZoneInfo("Europe/Copenhagen"))
    assert parse("sidste år", now=now).date_from == date(2023, 1, 1)


def test_a_date_question_without_topic_has_no_terms() -> None:
    parsed = parse("hvad besluttede vi på mødet den 26. juni 2020?")
    assert parsed.terms == ()
    assert parsed.date_from == parsed.date_to == date(2020, 6, 26)


def test_terms_use_the_archive_vocabulary_and_report_unknown_words() -> None:
    analyzer = Analyzer()
    vocabulary = Vocabulary()
    for word in ("standard", "kontrakten", "plejefamilier"):
        vocabulary.add_document([analyzer.stem(word)])
    analyzer = Analyzer(vocabulary)
    parsed = parse_question(
        "what did we decide about kontrakter and foster families", now=NOW, analyzer=analyzer
    )
    assert parsed.terms[0] == "kontrak"
    # "families" stems to "famili", the last part of the archive's "plejefamili".
    assert "plejefamili" in parsed.terms
    # The glossary renders "foster families" as "plejefamilie", which the archive knows.
    assert parsed.unknown_words == ()
    parsed = parse_question(
        "what did we decide about kontrakter and zebra crossings", now=NOW, analyzer=analyzer
    )
    assert parsed.unknown_words == ("zebra", "crossings")
