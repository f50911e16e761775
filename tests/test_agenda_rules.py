"""Pure agenda rules: sections, numbering with late items, deadlines, reading proposals."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.agenda import (
    AgendaEntry,
    AttachmentRef,
    Origin,
    Section,
    Standing,
    assemble,
    diff,
    is_late,
    late_letter,
    may_change_proposal,
    next_list_lines,
    next_treatment_title,
    parse_attachment_lines,
    parse_proposal,
    preview_number,
    proposal_deadline,
    reorder_positions,
    snapshot,
)
from bot.domain.enums import ItemKind, ItemStatus, Role


def entry(
    key: str,
    title: str,
    kind: ItemKind = ItemKind.DECISION,
    *,
    status: ItemStatus = ItemStatus.ACCEPTED,
    standing: Standing | None = None,
    position: int = 0,
    order: int = 0,
    late: bool = False,
) -> AgendaEntry:
    return AgendaEntry(
        key=key,
        title=title,
        kind=ItemKind.STANDING if standing in _FRAMING else kind,
        status=status,
        standing=standing,
        origin=Origin.STANDING if standing else Origin.PROPOSAL,
        position=position,
        order=order,
        is_late=late,
    )


_FRAMING = {
    Standing.APPROVE_AGENDA,
    Standing.APPROVE_MINUTES,
    Standing.NEXT_MEETING,
    Standing.ANY_OTHER,
}


def standing() -> list[AgendaEntry]:
    return [
        entry("s:evt", "Evt.", standing=Standing.ANY_OTHER),
        entry("s:next", "Punkter til næste møde", standing=Standing.NEXT_MEETING),
        entry("s:ref", "Godkendelse af referat", standing=Standing.APPROVE_MINUTES),
        entry("s:dag", "Godkendelse af dagsorden", standing=Standing.APPROVE_AGENDA),
        entry("s:nyt", "Nyt fra K17 og KKR", ItemKind.INFORMATION, standing=Standing.FIXED_INFO),
    ]


def numbers(entries: list[AgendaEntry] | tuple[AgendaEntry, ...]) -> list[tuple[str, str]]:
    return [(e.number, e.title) for e in entries]


def test_standing_items_frame_the_agenda_in_the_house_order() -> None:
    agenda = assemble(
        1,
        "Styregruppen",
        [
            *standing(),
            entry("a", "Status for Rammeaftale", position=10),
            entry("b", "Møde i Koordinationsforum", ItemKind.INFORMATION, position=20),
            entry("c", "Årsrapport", ItemKind.DISCUSSION, position=30),
        ],
    )
    assert numbers(agenda.entries) == [
        ("1", "Godkendelse af dagsorden"),
        ("2", "Godkendelse af referat"),
        ("3", "Status for Rammeaftale"),
        ("4", "Årsrapport"),
        ("5", "Møde i Koordinationsforum"),
        ("6", "Nyt fra K17 og KKR"),
        ("7", "Punkter til næste møde"),
        ("8", "Evt."),
    ]
    sections = [section for section, _ in agenda.by_section()]
    assert sections == [Section.OPENING, Section.DECISION, Section.INFORMATION, Section.CLOSING]


def test_late_items_follow_the_last_regular_item_with_letters() -> None:
    agenda = assemble(
        1,
        "G",
        [
            *standing(),
            entry("a", "Regular A", position=10),
            entry("late1", "Late one", position=5, late=True, order=1),
            entry("b", "Regular B", position=20),
            entry("late2", "Late two", position=6, late=True, order=2),
        ],
    )
    assert numbers(agenda.entries)[:6] == [
        ("1", "Godkendelse af dagsorden"),
        ("2", "Godkendelse af referat"),
        ("3", "Regular A"),
        ("4", "Regular B"),
        ("4B", "Late one"),
        ("4C", "Late two"),
    ]
    assert numbers(agenda.entries)[6] == ("5", "Nyt fra K17 og KKR")


def test_a_late_item_without_regular_items_takes_the_number_before() -> None:
    agenda = assemble(1, "G", [*standing(), entry("late", "Late", late=True)])
    assert ("2B", "Late") in numbers(agenda.entries)


def test_late_letters_run_past_z() -> None:
    assert [late_letter(i) for i in (0, 1, 24, 25)] == ["B", "C", "Z", "Z2"]


def test_pending_and_set_aside_are_kept_apart_and_previewed() -> None:
    agenda = assemble(
        1,
        "G",
        [
            *standing(),
            entry("a", "Accepted", position=10),
            entry("p", "Pending", status=ItemStatus.PROPOSED, position=20, order=5),
            entry("r", "Rejected", status=ItemStatus.REJECTED, position=30),
        ],
    )
    assert [e.key for e in agenda.pending] == ["p"]
    assert [e.key for e in agenda.set_aside] == ["r"]
    assert preview_number(agenda, "p") == "4"
    assert agenda.find("F1") is not None and agenda.find("F1").key == "p"  # type: ignore[union-attr]
    assert agenda.find("3") is not None and agenda.find("3").key == "a"  # type: ignore[union-attr]


def test_reorder_stays_within_the_bucket() -> None:
    agenda = assemble(
        1,
        "G",
        [
            *standing(),
            entry("a", "A", position=10),
            entry("b", "B", position=20),
            entry("l", "L", position=1, late=True),
        ],
    )
    assert reorder_positions(agenda, "b", -1) == {"b": 10, "a": 20}
    assert reorder_positions(agenda, "a", -1) == {}
    assert reorder_positions(agenda, "l", -1) == {}
    assert reorder_positions(agenda, "s:dag", 1) == {}


def test_deadline_counts_days_before_the_meeting() -> None:
    meeting = date(2027, 3, 12)
    assert proposal_deadline(meeting, 10) == date(2027, 3, 2)
    assert not is_late(date(2027, 3, 2), meeting, 10)
    assert is_late(date(2027, 3, 3), meeting, 10)


def test_only_the_proposer_or_an_officer_may_change_a_proposal() -> None:
    assert may_change_proposal(Role.MEMBER, True)
    assert not may_change_proposal(Role.MEMBER, False)
    assert may_change_proposal(Role.CHAIR, False)
    assert may_change_proposal(Role.SECRETARY, False)
    assert not may_change_proposal(None, False)


def test_snapshot_diff_marks_added_removed_and_changed() -> None:
    first = assemble(1, "G", [*standing(), entry("item:1", "A", position=10)])
    old = snapshot(first)
    second = assemble(
        1,
        "G",
        [*standing(), entry("item:1", "A renamed", position=10), entry("item:2", "B", position=5)],
    )
    changes = diff(old, second)
    assert changes.added == (("3", "B"),)
    assert [(c.old_title, c.title, c.old_number, c.number) for c in changes.changed] == [
        ("A", "A renamed", "4", "4")
    ]
    swapped = assemble(
        1,
        "G",
        [*standing(), entry("item:1", "A renamed", position=1), entry("item:2", "B", position=5)],
    )
    moves = diff(snapshot(second), swapped)
    assert [(c.title, c.old_number, c.number) for c in moves.changed] == [("A renamed", "4", "3")]
    assert bool(changes)
    assert not diff(snapshot(second), second)


def test_next_list_lines_strip_bullets_and_skip_nothing() -> None:
    note = "• Netværksgruppernes årsrapporter\n- Opfølgning på § 110\n\nIngen\n2) Temadag"
    assert next_list_lines(note) == [
        "Netværksgruppernes årsrapporter",
        "Opfølgning på § 110",
        "Temadag",
    ]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Revision af standardkontrakter V", "Revision af standardkontrakter VI"),
        (
            "Rammeaftale 2025-26: Proces, indhold og tidsplan",
            "Rammeaftale 2025-26: Proces, indhold og tidsplan II",
        ),
        ("Central udmelding II", "Central udmelding III"),
    ],
)
def test_repeated_treatment_gets_the_next_numeral(title: str, expected: str) -> None:
    assert next_treatment_title(title) == expected


def _date_prefix(text: str) -> int | None:
    for candidate in ("3/5", "den 3. maj"):
        if text.lstrip().startswith(candidate):
            return len(text) - len(text.lstrip()) + len(candidate)
    return None


def test_parse_proposal_reads_every_optional_part() -> None:
    text = (
        "Budget 2027 til mødet 3/5 (beslutning)\n"
        "Vi skal tage stilling til rammen.\n"
        "indstilling: Styregruppen godkender rammen\n"
        "baggrund: KKR har bedt om det\n"
        "<https://example.dk/budget.pdf|Budgetnotat>\n"
        "<https://example.dk/bilag2.pdf>"
    )
    parsed = parse_proposal(text, _date_prefix)
    assert parsed.title == "Budget 2027"
    assert parsed.kind == ItemKind.DECISION
    assert parsed.meeting_ref == "3/5"
    assert parsed.summary == "Vi skal tage stilling til rammen."
    assert parsed.recommendation == "Styregruppen godkender rammen"
    assert parsed.background == "KKR har bedt om det"
    assert parsed.attachments == (
        AttachmentRef("Budgetnotat", "https://example.dk/budget.pdf"),
        AttachmentRef("bilag2.pdf", "https://example.dk/bilag2.pdf"),
    )


def test_parse_proposal_leaves_til_mødet_without_date_in_the_title() -> None:
    parsed = parse_proposal("Forberedelse til mødet med KL (drøftelse)", _date_prefix)
    assert parsed.title == "Forberedelse til mødet med KL"
    assert parsed.kind == ItemKind.DISCUSSION
    assert parsed.meeting_ref is None


def test_parse_proposal_english_and_inline_labels() -> None:
    parsed = parse_proposal(
        "Status of the framework to the meeting 3/5 (for information) recommendation: take note",
        _date_prefix,
    )
    assert parsed.title == "Status of the framework"
    assert parsed.kind == ItemKind.INFORMATION
    assert parsed.meeting_ref == "3/5"
    assert parsed.recommendation == "take note"


def test_attachment_lines_from_a_form() -> None:
    refs = parse_attachment_lines(
        "Budgetnotat https://example.dk/a.pdf\nhttps://example.dk/b.docx\nPapir udleveres"
    )
    assert refs == [
        AttachmentRef("Budgetnotat", "https://example.dk/a.pdf"),
        AttachmentRef("b.docx", "https://example.dk/b.docx"),
        AttachmentRef("Papir udleveres", None),
    ]
