"""Read minutes in the layouts real secretaries write (tests/layouts/corpus.py).

Over the whole set: items >= 95 %, decisions >= 90 %, dates 100 %, attendance
>= 90 %, and no document refused. ``python -m tests.layouts.score -v`` prints the
figures per family and every miss.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from bot.ingest import NotMinutesError, parse_document
from tests.layouts.corpus import DOCS
from tests.layouts.score import NOW, parse, score_all


def test_the_corpus_covers_every_family_and_format() -> None:
    families = Counter(d.family for d in DOCS)
    assert len(DOCS) >= 36
    assert len(families) == 14
    assert all(count >= 3 for count in families.values()), families
    assert {d.fmt for d in DOCS} == {"txt", "docx", "pdf"}
    assert len({d.name for d in DOCS}) == len(DOCS)


def test_scores_over_the_layout_corpus() -> None:
    total, _families = score_all()
    misses = "\n".join(total.refused + total.misses)
    assert not total.refused, misses
    assert total.items >= 0.95 * total.items_total, misses
    assert total.decisions >= 0.90 * total.decisions_total, misses
    assert total.dates == total.docs, misses
    assert total.attendance >= 0.90 * total.attendance_total, misses


@pytest.mark.parametrize("entry", DOCS, ids=[d.name for d in DOCS])
def test_each_document_is_read_with_a_confidence(entry) -> None:  # type: ignore[no-untyped-def]
    parsed = parse(entry)
    assert parsed.meeting_date == entry.date
    assert 0.0 < parsed.confidence <= 1.0
    assert parsed.structure in {
        "agenda", "numbered", "table", "headings", "labels", "bullets", "paragraphs", "whole"
    }  # fmt: skip
    assert [i.position for i in parsed.items] == list(range(len(parsed.items)))


def test_a_document_without_structure_is_one_item_and_says_so() -> None:
    text = (
        "Referat fra mødet 4. marts 2024\n\n"
        "Vi talte om mange ting på mødet, og der blev truffet en beslutning om at mødes "
        "igen. Kassereren viste tallene frem og alle var enige om at spare op til taget.\n"
    )
    doc = parse_document(text, now=NOW)
    assert doc.meeting_date == date(2024, 3, 4)
    assert doc.structure == "whole"
    assert len(doc.items) == 1
    assert "taget" in doc.items[0].body_text
    assert "fallback_structure" in doc.flags
    assert doc.confidence < 0.5


def test_paragraph_blocks_with_short_titles_are_items() -> None:
    text = (
        "Bestyrelsesmøde 2. oktober 2024\n\n"
        "Haven\nHækken klippes i næste uge, og der købes ny græsslåmaskine.\n\n"
        "Festen\nVi holder den sidste lørdag i november hos formanden.\n"
    )
    doc = parse_document(text, now=NOW)
    assert doc.structure == "paragraphs"
    assert [(i.number, i.title) for i in doc.items] == [("1", "Haven"), ("2", "Festen")]


def test_a_quoted_title_is_a_heading() -> None:
    text = (
        "Referat af styregruppemøde 5. marts 2024\n\n"
        "1. Godkendelse af dagsorden\nBeslutning: Godkendt.\n\n"
        "2. „Fælles“ retningslinjer\nBeslutning: Retningslinjerne blev vedtaget.\n"
    )
    doc = parse_document(text, now=NOW)
    assert [i.title for i in doc.items] == ["Godkendelse af dagsorden", "„Fælles“ retningslinjer"]
    assert doc.items[1].decisions == ["Retningslinjerne blev vedtaget."]


def test_a_yearless_date_is_the_latest_past_one() -> None:
    doc = parse_document(
        "Referat af bestyrelsesmøde\nden 14. december\n\n1. Budget\nGodkendt.\n2. Evt.\nIntet.\n",
        now=NOW,
    )
    assert doc.meeting_date == date(2025, 12, 14)
    assert "date_without_year" in doc.flags


def test_absence_under_an_item_is_not_a_decision() -> None:
    doc = parse_document(
        "Referat 3. juni 2024\nTilstede: Pia Bille, Ole Hansen\n\n1. Budget\n"
        "Pia Bille var fraværende under punkt 1.\nBudgettet blev godkendt.\n\n"
        "2. Evt.\nIntet.\n",
        now=NOW,
    )
    assert doc.items[0].decisions == ["Budgettet blev godkendt."]


def test_text_without_any_meeting_words_is_still_refused() -> None:
    with pytest.raises(NotMinutesError) as caught:
        parse_document("Æblekage 4. marts 2024\n\nPisk æg og sukker hvidt.\n", now=NOW)
    assert caught.value.code == "not_meeting_document"


def test_posting_date_roles_and_attendance_notes() -> None:
    text = (
        "Publiceret 3. juni 2024\nNyheder\n\nReferat af bestyrelsesmøde\n"
        "Mødet blev holdt tirsdag d. 28. maj 2024 i klubhuset.\n\n"
        "Til stede: Formand Lise Mø, kasserer Jan Kok og Tove Hald.\n\n"
        "1. Godkendelse af sidste referat\nGodkendt.\nFraværende: Tove Hald\n"
        "2. Eventuelt\nIngen punkter.\n"
    )
    doc = parse_document(text, now=NOW)
    assert doc.meeting_date == date(2024, 5, 28)
    people = [(p.name, p.title) for p in doc.attendance.participants]
    assert people == [("Lise Mø", "formand"), ("Jan Kok", "kasserer"), ("Tove Hald", None)]
    assert [i.decisions for i in doc.items] == [["Godkendt."], []]


def test_members_block_ends_at_the_table_of_contents() -> None:
    text = (
        "Økonomiudvalget\nReferat\nDato: 12. marts 2024\n\nMedlemmer\nJens Jensen (A)\n"
        "Mette Hansen (V)\nOle Bro (F)\n\nFraværende\nMette Hansen (V)\n\nIndholdsfortegnelse\n"
        "1. Godkendelse af dagsorden 3\n2. Salg af ejendom 4\n\n"
        "1. Godkendelse af dagsorden\nBeslutning i Økonomiudvalget den 12. marts 2024\n"
        "Godkendt.\n\n2. Salg af ejendom\nBeslutning i Økonomiudvalget den 12. marts 2024\n"
        "Anbefales over for Byrådet.\n"
    )
    doc = parse_document(text, now=NOW)
    assert [p.name for p in doc.attendance.participants] == ["Jens Jensen", "Ole Bro"]
    assert [p.name for p in doc.attendance.absent] == ["Mette Hansen"]
    assert [i.decisions for i in doc.items] == [["Godkendt."], ["Anbefales over for Byrådet."]]


def test_ad_pkt_headings_with_dash_and_label_outcomes_in_numbered_lines() -> None:
    doc = parse_document(
        "Bestyrelsesmøde 3. oktober 2023\n\nAd. pkt. 1 – Godkendelse af referat\n"
        "Referatet blev godkendt.\n\nAd. pkt. 2 – Renovering af klubhus\n"
        "Besluttet at gå videre med tilbud fra Tømrer Hansen.\n",
        now=NOW,
    )
    assert [(i.number, i.title) for i in doc.items] == [
        ("1", "Godkendelse af referat"),
        ("2", "Renovering af klubhus"),
    ]
    numbered = parse_document(
        "Referat bestyrelsesmøde 2. december 2024\n\n1) Julearrangement: afholdes 14/12\n"
        "2) Regnskab: godkendt\n",
        now=NOW,
    )
    assert [(i.title, i.decisions) for i in numbered.items] == [
        ("Julearrangement", ["afholdes 14/12"]),
        ("Regnskab", ["godkendt"]),
    ]


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_bold_numbered_headings_win_over_numbered_lines_in_bodies(fmt: str) -> None:
    from bot.ingest import load_document
    from tests.layouts.render import render

    markup = (
        "Referat af møde i Vejudvalget\n12. marts 2024\n\n"
        "**1. Vejplan 2025**\nUdvalget besluttede:\n"
        "2. at asfaltere Kirkevej\n3. at udskyde Bakkevej\n\n"
        "**2. Vintertjeneste**\nTaget til efterretning.\n\n"
        "**3. Eventuelt**\nIntet.\n"
    )
    doc = load_document(render(markup, fmt), f"referat.{fmt}", now=NOW)
    assert [(i.number, i.title) for i in doc.items] == [
        ("1", "Vejplan 2025"),
        ("2", "Vintertjeneste"),
        ("3", "Eventuelt"),
    ]
    assert "asfaltere Kirkevej" in " ".join(doc.items[0].decisions)


def test_the_short_last_paragraph_of_a_long_account_is_the_outcome() -> None:
    account = (
        "Formanden gennemgik forløbet med entreprenøren, som har været forsinket siden "
        "foråret, og kassereren redegjorde for de ekstra udgifter til stillads og "
        "afdækning, der samlet ligger omkring 60.000 kr. over det forventede beløb. Der "
        "var en længere snak om, hvordan beboerne skal informeres fremover."
    )
    doc = parse_document(
        f"Referat af bestyrelsesmøde 9. april 2024\n\n1. Tagrenovering\n{account}\n\n"
        "Næste skridt er et møde med rådgiveren i maj.\n\n2. Evt.\nIntet.\n",
        now=NOW,
    )
    assert doc.items[0].decisions == ["Næste skridt er et møde med rådgiveren i maj."]


def test_inline_agenda_and_more_attendance_labels() -> None:
    doc = parse_document(
        "Referat fra møde i Vandlauget d. 4/3-24\nDeltog: Niels Bak, Jytte Ravn, Søren Mose\n"
        "Fraværende (afbud): Kirsten\n\n"
        "Dagsorden: 1) Regnskab 2) Pumpehus 3) Eventuelt\n\n"
        "Ad 1) Regnskabet blev godkendt.\nAd 2) Pumpehuset males til sommer.\nAd 3) Intet.\n",
        now=NOW,
    )
    assert doc.meeting_date == date(2024, 3, 4)
    assert [(i.number, i.title, i.decisions) for i in doc.items] == [
        ("1", "Regnskab", ["Regnskabet blev godkendt."]),
        ("2", "Pumpehus", ["Pumpehuset males til sommer."]),
        ("3", "Eventuelt", []),
    ]
    assert len(doc.attendance.participants) == 3
    assert [p.name for p in doc.attendance.absent] == ["Kirsten"]


def test_flattened_table_whose_first_column_is_the_topic() -> None:
    doc = parse_document(
        "Referat, Styregruppemøde\nDato: 10. januar 2025\n\nPunkt\nReferat\nAnsvarlig\n"
        "Status på projektet\nProjektet følger planen\nPL\nØkonomi\nBudgettet overholdes\nØK\n",
        now=NOW,
    )
    assert doc.structure == "table"
    assert [(i.title, i.decisions) for i in doc.items] == [
        ("Status på projektet", ["Projektet følger planen"]),
        ("Økonomi", ["Budgettet overholdes"]),
    ]


def _norm(text: str) -> str:
    import re

    return re.sub(r"[\W_]+", " ", text.lower()).strip()


@pytest.mark.parametrize("case", range(12))
def test_held_out_minutes(case: int) -> None:
    from tests.layouts.heldout import CASES

    text, when, items, decisions, attendance = CASES[case]
    doc = parse_document(text, now=NOW)
    by_number = {i.number: i for i in doc.items}
    assert doc.meeting_date == when
    for number, title in items:
        assert _norm(title) in _norm(by_number[number].title), (number, doc.items)
    for number, word in decisions.items():
        assert word in " ".join(by_number[number].decisions).lower(), number
    if attendance is not None:
        got = (len(doc.attendance.participants), len(doc.attendance.absent))
        assert got == attendance


@pytest.mark.parametrize("case", range(16))
def test_held_out_minutes_in_word_pdf_and_text(case: int) -> None:
    from bot.ingest import load_document
    from tests.layouts.heldout import FORMATTED
    from tests.layouts.render import render

    fmt, markup, when, items, decisions, attendance = FORMATTED[case]
    doc = load_document(render(markup, fmt), f"referat.{fmt}", now=NOW)
    by_number = {i.number: i for i in doc.items}
    assert doc.meeting_date == when
    for number, title in items:
        assert _norm(title) in _norm(by_number[number].title), (number, doc.items)
    for number, word in decisions.items():
        assert word in " ".join(by_number[number].decisions).lower(), number
    if attendance is not None:
        assert (len(doc.attendance.participants), len(doc.attendance.absent)) == attendance


def test_a_date_below_an_early_header_end_is_found_and_flagged() -> None:
    doc = parse_document(
        "REFERAT\n\nAntenneforeningen Nord\nTirsdag den 9. april 2024\n\n"
        "Vi talte om antenner og om økonomien, og bestyrelsen blev genvalgt.\n",
        now=NOW,
    )
    assert doc.meeting_date == date(2024, 4, 9)
    assert "date_from_text" in doc.flags
