"""Long documents: item 61 and beyond are their own items, never folded into item 60."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot.ingest import parse_document
from storage.models import AgendaItem
from tests.harness import BotHarness

NOW = datetime(2026, 12, 1, 9, tzinfo=ZoneInfo("Europe/Copenhagen"))
TOPICS = [
    "Takstanalyse",
    "Budgetopfølgning",
    "Fælles sprog",
    "IT-platform",
    "Rekruttering af personale",
]


def _heading(style: str, n: int) -> str:
    return style.format(n=n)


def _document(style: str, count: int, *, agenda_list: bool) -> str:
    lines = ["Referat af styregruppemoede d. 12/11-2026", "Deltagere: Anna Berg, Bo Holm", ""]
    if agenda_list:
        lines.append("Dagsorden")
        lines += [f"{n}. {TOPICS[n % 5]} del {n}" for n in range(1, count + 1)]
        lines.append("")
    for n in range(1, count + 1):
        lines.append(_heading(style, n) + f"{TOPICS[n % 5]} del {n}")
        lines.append(f"Gruppen droftede del {n}. Styregruppen besluttede at gå videre med del {n}.")
        lines.append("")
    return "\n".join(lines)


@pytest.mark.parametrize(
    "style", ["{n}. ", "{n}) ", "{n}\t", "{n} - ", "Punkt {n}: ", "pkt. {n} ", "{n}.  "]
)
@pytest.mark.parametrize("agenda_list", [False, True])
def test_seventy_five_numbered_items_import_as_seventy_five(style: str, agenda_list: bool) -> None:
    doc = parse_document(_document(style, 75, agenda_list=agenda_list), now=NOW)
    numbers = [item.number for item in doc.items]
    assert numbers == [str(n) for n in range(1, 76)], numbers
    last = doc.items[-1]
    assert "del 75" in last.title
    assert "del 75" in " ".join(last.decisions) and "del 74" not in " ".join(last.decisions)
    sixty = doc.items[59]
    assert "del 61" not in sixty.body_text and "del 61" not in " ".join(sixty.decisions)


def test_a_stray_big_number_does_not_become_an_item() -> None:
    text = "\n".join(
        [
            "Referat af styregruppemøde 12. november 2026",
            "1. Velkomst",
            "Formanden bød velkommen.",
            "2) Økonomi",
            "Budgettet blev gennemgået, og der er stadig penge til rådighed.",
            "75) borgere har fået svar inden for fristen i år",
            "3) Eventuelt",
            "Intet.",
        ]
    )
    doc = parse_document(text, now=NOW)
    assert [item.number for item in doc.items] == ["1", "2", "3"]


def test_an_uploaded_file_with_75_items_stores_75_items(harness: BotHarness) -> None:
    h = harness
    h.add_group()
    body = _document("{n}) ", 75, agenda_list=False)
    file = h.fake.add_file(
        "F0LONG", "referat lang.txt", body.encode(), "text/plain", user="U0SEK", channel="C0GROUP"
    )
    sent = h.driver.mention("U0SEK", "C0GROUP", "<@UBOT> importer", files=[file])
    h.wait_for(
        lambda: [
            m for m in h.bot_messages("C0GROUP", thread_ts=sent.ts) if "Importeret" in m["text"]
        ],
        timeout=60,
    )
    with h.services.uow() as session:
        items = session.scalars(select(AgendaItem)).all()
        numbers = sorted(int(i.number) for i in items if str(i.number).isdigit())
        last = [i for i in items if "del 75" in i.title]
        assert len(last) == 1 and [d.text for d in last[0].decisions] == [
            "Styregruppen besluttede at gå videre med del 75."
        ]
    assert numbers == list(range(1, 76))
