"""Block Kit of the agenda, proposals and meetings (validated by slack_sdk), and the exports."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any

import pytest
from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from bot.agenda import (
    HintView,
    ProposalView,
    agenda_blocks,
    agenda_docx,
    agenda_markdown,
    draft_blocks,
    proposal_message,
)
from bot.domain.agenda import (
    AgendaEntry,
    AttachmentRef,
    MeetingFacts,
    Origin,
    Standing,
    assemble,
    diff,
    snapshot,
)
from bot.domain.enums import ItemKind, ItemStatus, MeetingStatus
from bot.meetings import announcement_message
from handlers.meetings import (
    kind_modal,
    meeting_modal,
    notice_modal,
    postpone_modal,
    proposal_modal,
    reject_modal,
    split_agenda_args,
)
from storage.models import Group, Meeting

LONG = "Rammeaftale 2025-26: Proces, indhold og tidsplan <!channel> " * 6


def validate(blocks: list[dict[str, Any]]) -> None:
    """Fail unless every block passes slack_sdk's own checks."""
    assert len(blocks) <= 50
    for raw in blocks:
        block = Block.parse(raw)
        assert block is not None, raw
        block.validate_json()


def validate_view(view: dict[str, Any]) -> None:
    """Fail unless the view passes slack_sdk's checks."""
    View(**view).validate_json()


def big_agenda(*, published: bool = False) -> Any:
    entries = [
        AgendaEntry(
            "s:1",
            "Godkendelse af dagsorden",
            ItemKind.STANDING,
            ItemStatus.ACCEPTED,
            Origin.STANDING,
            standing=Standing.APPROVE_AGENDA,
        ),
        AgendaEntry(
            "s:2",
            "Punkter til næste møde",
            ItemKind.STANDING,
            ItemStatus.ACCEPTED,
            Origin.STANDING,
            standing=Standing.NEXT_MEETING,
        ),
        AgendaEntry(
            "s:3",
            "Evt.",
            ItemKind.STANDING,
            ItemStatus.ACCEPTED,
            Origin.STANDING,
            standing=Standing.ANY_OTHER,
        ),
        AgendaEntry(
            "s:4",
            "Opfølgning på opgaver med overskredet frist",
            ItemKind.INFORMATION,
            ItemStatus.ACCEPTED,
            Origin.STANDING,
            standing=Standing.FOLLOW_UP,
            details=("Årsplan – Povl Skov (frist 15. januar 2027)",),
        ),
    ]
    for index in range(30):
        entries.append(
            AgendaEntry(
                f"item:{index + 10}",
                f"{index}. {LONG}",
                [ItemKind.DECISION, ItemKind.DISCUSSION, ItemKind.INFORMATION][index % 3],
                ItemStatus.PROPOSED if index % 4 == 0 else ItemStatus.ACCEPTED,
                Origin.CARRIED if index % 5 == 0 else Origin.PROPOSAL,
                item_id=index + 10,
                position=index * 10,
                order=index,
                is_late=index % 7 == 0,
                proposer="Pia <@U0PIA> Bille",
                attachments=(AttachmentRef("Bilag & <notat>", "https://example.dk/a.pdf"),),
                carried_from="15/5" if index % 5 == 0 else None,
                summary="Beslutningstema",
                recommendation="Det indstilles, at styregruppen godkender",
            )
        )
    facts = MeetingFacts(
        starts_at=datetime(2027, 3, 12, 11, 0, tzinfo=UTC),
        ends_at=datetime(2027, 3, 12, 14, 0, tzinfo=UTC),
        has_time=True,
        location="Ringsted Kongrescenter",
        timezone="Europe/Copenhagen",
    )
    agenda = assemble(
        7,
        "Styregruppen",
        entries,
        version=1 if published else 0,
        published=published,
        meeting=facts,
    )
    return agenda


@pytest.mark.parametrize("lang", ["da", "en"])
def test_draft_and_published_agenda_blocks_are_valid(lang: str) -> None:
    agenda = big_agenda()
    validate(draft_blocks(agenda, lang, officer=True))
    validate(draft_blocks(agenda, lang, officer=True, limit=40))
    validate(agenda_blocks(agenda, lang))
    published = big_agenda(published=True)
    from dataclasses import replace

    changed = replace(published, changes=diff(snapshot(agenda)[:-3], published, since=1))
    validate(draft_blocks(changed, lang, officer=True))
    validate(agenda_blocks(changed, lang))
    text = str(agenda_blocks(agenda, lang))
    assert "<!channel>" not in text and "&lt;!channel&gt;" in text
    assert "<@U0PIA>" not in text


@pytest.mark.parametrize("status", list(ItemStatus))
def test_proposal_confirmation_is_valid_in_every_status(status: ItemStatus) -> None:
    view = ProposalView(
        item_id=3,
        number="4B",
        title=LONG,
        kind=ItemKind.DECISION,
        status=status,
        meeting="fredag 12. marts 2027 kl. 12–15, Ringsted",
        proposer="Pia Bille",
        summary="x" * 5000,
        recommendation="y" * 5000,
        attachments=tuple(
            AttachmentRef(f"Bilag {i}", f"https://example.dk/{i}.pdf") for i in range(20)
        ),
        late=True,
        deadline="tirsdag 2. marts 2027",
        reject_reason="Behandles i K17",
        postponed_to="3/5",
        hints=(
            HintView("*15. marts 2024, punkt 6:* Revision", ("Godkendt",), 12),
            HintView("*4. januar 2019, punkt 6:* Revision", ("Udsat",), None),
        ),
    )
    for lang in ("da", "en"):
        message = proposal_message(view, lang)
        assert message.blocks is not None
        validate(message.blocks)


def test_modals_are_valid() -> None:
    options = [
        {"text": {"type": "plain_text", "text": f"Møde {i}"}, "value": str(i)} for i in range(3)
    ]
    group = Group(
        id=1,
        name="Styregruppen",
        timezone="Europe/Copenhagen",
        language="da",
        proposal_deadline_days=10,
    )
    meeting = Meeting(
        id=2,
        group_id=1,
        starts_at=datetime(2027, 3, 12, 11, 0, tzinfo=UTC),
        ends_at=datetime(2027, 3, 12, 14, 0, tzinfo=UTC),
        has_time=True,
        location="Ringsted",
        status=MeetingStatus.PLANNED,
        sequence=0,
    )
    for lang in ("da", "en"):
        validate_view(
            proposal_modal(
                lang,
                options,
                private_metadata={"via": "shortcut", "channel": "C1", "ts": "1.2"},
                title=LONG,
                kind=ItemKind.INFORMATION,
                meeting_id=1,
                summary="s" * 4000,
                attachments=[AttachmentRef("Notat", "https://example.dk/n.pdf")],
            )
        )
        validate_view(meeting_modal(lang, group))
        validate_view(meeting_modal(lang, group, meeting))
        validate_view(reject_modal(lang, LONG, {"meeting": 1, "key": "item:3"}))
        validate_view(postpone_modal(lang, LONG, options, {"meeting": 1, "key": "item:3"}))
        validate_view(kind_modal(lang, LONG, ItemKind.DECISION, {"meeting": 1, "key": "item:3"}))
        validate_view(notice_modal(lang, "Intet møde"))
        message = announcement_message(meeting, group, lang)
        assert message.blocks is not None
        validate(message.blocks)


def test_markdown_export_has_the_house_layout() -> None:
    agenda = big_agenda()
    text = agenda_markdown(agenda, "da")
    assert text.startswith("# Dagsorden – Styregruppen\n")
    assert "**Dato:** fredag 12. marts 2027 kl. 12–15" in text
    assert "**Sted:** Ringsted Kongrescenter" in text
    assert "**Punkter til indstilling/beslutning:**" in text
    assert "**Punkter til orientering:**" in text
    assert "(udsat fra 15/5" in text and "eftersendt" in text
    assert text.count("**Beslutning:**") == len(agenda.entries)
    assert "**Beslutningstema:**" in text and "**Indstilling:**" in text and "**Bilag:**" in text


def test_docx_export_opens_in_python_docx() -> None:
    from docx import Document

    agenda = big_agenda()
    document = Document(io.BytesIO(agenda_docx(agenda, "en")))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "Agenda – Styregruppen"
    assert "Decision:" in texts and "Recommendation:" in texts


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ("", ("", None, "")),
        ("3/5", ("3/5", None, "")),
        ("accepter F1", ("", "accept", "F1")),
        ("3/5 udsæt 4 til 12/3", ("3/5", "postpone", "4 til 12/3")),
        ("publish", ("", "publish", "")),
    ],
)
def test_agenda_command_words(args: str, expected: tuple[str, str | None, str]) -> None:
    assert split_agenda_args(args) == expected
