"""The pure parts of writing the referat: wording rules, capture lines, documents, views."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

import pytest
from slack_sdk.models.views import View

from bot.referat.document import (
    ItemPart,
    PersonRow,
    ReferatDocument,
    referat_docx,
    referat_pdf,
    referat_text,
)
from bot.referat.service import ItemState, Mark, SeatState, Sheet
from bot.referat.text import (
    CAPTURE_PATTERN,
    DECISION,
    DISCUSSION,
    bullet_lines,
    decision_from_recommendation,
    parse_capture,
    same_number,
)
from bot.referat.views import attendance_modal, item_modal, overview_modal


@pytest.mark.parametrize(
    ("recommendation", "decision"),
    [
        (
            "Det indstilles, at styregruppen godkender dagsordenen.",
            "Styregruppen godkendte dagsordenen.",
        ),
        (
            "Det indstilles, at Styregruppen tager orienteringen til efterretning",
            "Styregruppen tog orienteringen til efterretning.",
        ),
        (
            "Det indstilles at udvalget godkender budgettet og drøfter prioriteringen.",
            "Udvalget godkendte budgettet og drøftede prioriteringen.",
        ),
        ("Det indstilles, at modellen godkendes.", "Modellen blev godkendt."),
        (
            "Det indstilles, at styregruppen tiltræder anbefalingerne",
            "Styregruppen tiltrådte anbefalingerne.",
        ),
        # Without "det" and without æøå (typed on an English keyboard).
        (
            "Indstilles at styregruppen drofter sagen",
            "Styregruppen drøftede sagen.",
        ),
        (
            "Sekretariatet indstiller, at styregruppen godkender tidsplanen.",
            "Styregruppen godkendte tidsplanen.",
        ),
        (
            "Indstilling: Det foreslås, at styregruppen tager sagen til efterretning",
            "Styregruppen tog sagen til efterretning.",
        ),
        (
            "Det indstilles, at styregruppen godkender X. Det indstilles endvidere, at "
            "styregruppen drøfter Y.",
            "Styregruppen godkendte X.\nStyregruppen drøftede Y.",
        ),
        (
            "It is recommended that the steering group approves the plan.",
            "The steering group approved the plan.",
        ),
    ],
)
def test_indstilling_becomes_the_decision_in_the_groups_wording(
    recommendation: str, decision: str
) -> None:
    assert decision_from_recommendation(recommendation, "decision") == decision


def test_the_bullet_list_form_of_the_corpus_gives_one_decision_per_bullet() -> None:
    text = (
        "Det indstilles, at Styregruppen for Rammeaftale Sjælland:\n\n"
        "- Drøfter udviklingsprogrammets status med henblik på input\n"
        "• Drøfter, hvordan udviklingsprogrammet kan indgå i processen\n"
        "* Tager orienteringen om udviklingsprogrammet til efterretning"
    )
    assert decision_from_recommendation(text, "information").split("\n") == [
        "Styregruppen drøftede udviklingsprogrammets status med henblik på input.",
        "Styregruppen drøftede, hvordan udviklingsprogrammet kan indgå i processen.",
        "Styregruppen tog orienteringen om udviklingsprogrammet til efterretning.",
    ]


def test_an_information_item_without_indstilling_is_taken_to_efterretning() -> None:
    assert decision_from_recommendation(None, "information") == (
        "Styregruppen tog orienteringen til efterretning."
    )
    assert decision_from_recommendation("", "decision") == ""


@pytest.mark.parametrize(
    ("text", "field", "number", "body"),
    [
        (
            "<@U0BOT> beslutning 5: Styregruppen godkendte X",
            DECISION,
            "5",
            "Styregruppen godkendte X",
        ),
        ("Beslutning til punkt 4b - Godkendt", DECISION, "4B", "Godkendt"),
        ("*beslutning* (3): ok", DECISION, "3", "ok"),
        ("droftelse 3: kort drøftelse", DISCUSSION, "3", "kort drøftelse"),
        ("Drøftelse, pkt. 7 – lang", DISCUSSION, "7", "lang"),
        ("5: Tidsplanen blev godkendt", DECISION, "5", "Tidsplanen blev godkendt"),
        ("decision 2: approved", DECISION, "2", "approved"),
        ("beslutning 6:\n- a\n- b", DECISION, "6", "- a\n- b"),
    ],
)
def test_capture_lines_written_many_ways(text: str, field: str, number: str, body: str) -> None:
    found = parse_capture(text)
    assert found is not None
    assert (found.field, found.number, found.text) == (field, number, body)
    assert re.match(CAPTURE_PATTERN, text.replace("<@U0BOT> ", ""), re.IGNORECASE)


@pytest.mark.parametrize(
    "text",
    [
        "15:30 er mødet flyttet",
        "hvad besluttede vi om budgettet",
        "beslutning om budgettet",
        "4. punkt er udsat",
        "beslutning 5:",
        "This message was deleted.",
    ],
)
def test_other_text_is_not_a_capture(text: str) -> None:
    assert parse_capture(text) is None


def test_bullets_and_numbers() -> None:
    assert bullet_lines("- a\n\n• b\n 1. c\nd  e ") == ["a", "b", "c", "d e"]
    assert same_number("04", "4") and same_number("4b", "4B") and not same_number("4", "4A")


def _document() -> ReferatDocument:
    return ReferatDocument(
        group_name="Styregruppen for Rammeaftale Sjælland",
        date_text="fredag 27. november 2026, kl. 13:00-15:00",
        place="Ringsted Kongrescenter",
        participants=(
            PersonRow("Morten Bøgelund Andersen", "Direktør, formand", "Greve Kommune"),
            PersonRow("Anne Hansen", "Stedfortræder for Mille Schjoldan", ""),
        ),
        guests=(PersonRow("Petrine Andersen", "Konsulent", "Region Sjælland"),),
        absent=(PersonRow("Bo Gammelgaard", "Centerchef", "Næstved Kommune"),),
        items=(
            ItemPart(
                "1",
                "Godkendelse af dagsorden",
                "Det indstilles, at …",
                (),
                (),
                ("Styregruppen godkendte dagsordenen.",),
            ),
            ItemPart(
                "2",
                "Økonomi – “model” € 2027",
                None,
                ("Drøftet kort.",),
                ("Pia Bille deltog ikke i behandlingen af punkt 2 på grund af inhabilitet.",),
                ("Godkendt.", "Sekretariatet udsender notat senest 1. maj."),
            ),
        ),
    )


def test_the_documents_read_back_in_the_house_layout() -> None:
    from docx import Document
    from pypdf import PdfReader

    doc = _document()
    text = referat_text(doc)
    assert text.index("Deltagere:") < text.index("Gæster:") < text.index("Afbud:")
    assert "Punkt 2. Økonomi" in text and "- Sekretariatet udsender notat senest 1. maj." in text
    word = Document(io.BytesIO(referat_docx(doc)))
    paragraphs = [p.text for p in word.paragraphs]
    assert paragraphs[1] == "Referat" and word.paragraphs[1].style.name == "Heading 1"
    assert [c.text for c in word.tables[0].rows[0].cells] == ["Navn", "Titel", "Arbejdssted"]
    pdf = " ".join(
        (page.extract_text() or "") for page in PdfReader(io.BytesIO(referat_pdf(doc))).pages
    )
    flat = " ".join(pdf.split())
    assert "Morten Bøgelund Andersen" in flat and 'Økonomi - "model" EUR 2027' in flat
    assert flat.index("Godkendt.") < flat.index("Sekretariatet udsender")


def _sheet(items: int = 3) -> Sheet:
    at = datetime(2026, 11, 27, 13, 5, tzinfo=UTC)
    states = tuple(
        ItemState(
            item_id=i + 10,
            number=str(i + 1),
            title=f"Punkt {i + 1} " + "lang titel " * 30,
            kind="decision",
            recommendation="Det indstilles, at styregruppen godkender X. " * 100,
            decisions=("Godkendt.",) * (i % 5),
            marks={DECISION: Mark("Povl Skov", at)} if i % 2 else {},
        )
        for i in range(items)
    )
    seats = tuple(SeatState(i, f"Medlem {i}", i % 3 != 0, None) for i in range(1, 13))
    return Sheet(
        1,
        "Styregruppen",
        "27. november 2026",
        "da",
        "Europe/Copenhagen",
        states,
        seats,
        ("Petrine Andersen, Konsulent",),
        1,
    )


@pytest.mark.parametrize("count", [1, 8, 95])
def test_the_modals_are_within_slacks_limits(count: int) -> None:
    sheet = _sheet(count)
    overview = overview_modal(sheet)
    View(**overview).validate_json()
    assert len(overview["blocks"]) <= 100
    for state in sheet.items[:10]:
        modal = item_modal(sheet, state, decision_text="x" * 5000)
        View(**modal).validate_json()
        values = [
            b["element"].get("initial_value", "")
            for b in modal["blocks"]
            if b["type"] == "input" and b["element"]["type"] == "plain_text_input"
        ]
        assert all(len(v) <= 3000 for v in values)
    View(**attendance_modal(sheet)).validate_json()
    marked = item_modal(sheet, sheet.items[1]) if count > 1 else None
    if marked is not None:
        assert "ændret af Povl Skov kl. 14:05" in str(marked["blocks"])
