"""Any text or bytes in a .txt, .docx or .pdf imports (maybe as a fallback) or is refused clearly.

Never a crash, never a half-written meeting: a refused file leaves no meeting, source
document or item behind, and the refusal names the file.
"""

from __future__ import annotations

import io
import string

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from bot.archive import import_document
from bot.errors import UserError
from storage.models import AgendaItem, Meeting, SourceDocument
from storage.repositories import GroupRepo
from tests.harness import BotHarness

_FRAGMENTS = [
    "Referat",
    "Dagsorden",
    "Bestyrelsesmøde 12. marts 2024",
    "Dato: 3.10-24",
    "1. Godkendelse af dagsorden",
    "Ad 1: Godkendt.",
    "Tilstede: Marlene, Rune og Anne",
    "Afbud fra Kristian",
    "Økonomi: mindreforbrug, overføres",
    "• Vejfest: afholdes i juni",
    "Punkt\nSag\nBeslutning",
    "1\nBudget\nGodkendt",
    "Emne\tFormål\tBeslutning",
    "I. Valg af dirigent",
    "§ 2 Regnskab",
    "• 301. Åben dagsorden – godkendelse",
    "Beslutning i Socialudvalget den 03-04-2024",
    "2. „Fælles“ retningslinjer",
    "",
]
_XML_SAFE = st.characters(blacklist_categories=("Cs", "Cc"))
_LATIN = st.sampled_from(list(string.ascii_letters + string.digits + " .:-,æøåÆØÅ§"))

_text = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=25)), max_size=25).map(
        "\n".join
    ),
)


def _docx(paragraphs: list[str]) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _pdf(lines: list[str]) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for line in lines:
        pdf.multi_cell(0, 5, line or " ", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


_files = st.one_of(
    st.tuples(st.just("upload.txt"), _text.map(str.encode)),
    st.tuples(st.just("upload.txt"), st.binary(max_size=600)),
    st.tuples(
        st.just("upload.docx"),
        st.lists(
            st.one_of(st.sampled_from(_FRAGMENTS), st.text(_XML_SAFE, max_size=40)), max_size=15
        ).map(_docx),
    ),
    st.tuples(
        st.just("upload.pdf"),
        st.lists(
            st.one_of(
                st.sampled_from([f for f in _FRAGMENTS if "„" not in f and "•" not in f]),
                st.text(_LATIN, max_size=40),
            ),
            max_size=15,
        ).map(_pdf),
    ),
    # Damaged files: a valid PDF or Word file cut short.
    st.tuples(st.just("upload.pdf"), st.integers(10, 400).map(lambda n: _pdf(["Referat"])[:n])),
    st.tuples(st.just("upload.docx"), st.integers(10, 900).map(lambda n: _docx(["x"])[:n])),
)


def _counts(harness: BotHarness) -> tuple[int, int, int]:
    with harness.services.uow() as session:
        return (
            session.scalar(select(func.count()).select_from(Meeting)) or 0,
            session.scalar(select(func.count()).select_from(SourceDocument)) or 0,
            session.scalar(select(func.count()).select_from(AgendaItem)) or 0,
        )


def test_any_file_imports_or_is_refused_by_name(harness: BotHarness) -> None:
    harness.add_group()
    harness.settle()  # the set-up's background work is done before files are imported
    seen = {"imported": 0, "refused": 0}

    @settings(
        max_examples=70,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        database=None,
    )
    @given(_files, st.integers(0, 10_000))
    def check(file: tuple[str, bytes], salt: int) -> None:
        name, data = file
        name = f"{salt}-{name}"
        before = _counts(harness)
        try:
            with harness.services.uow() as session:
                group = GroupRepo(session).by_channel("C0GROUP")
                assert group is not None
                summary = import_document(
                    session, group=group, data=data, filename=name, now=harness.clock.now()
                )
        except UserError as error:
            seen["refused"] += 1
            assert name in error.render("da") and name in error.render("en")
            assert _counts(harness) == before, "a refused file leaves nothing behind"
            return
        seen["imported"] += 1
        after = _counts(harness)
        if summary.status == "imported":
            assert summary.items >= 1
            assert after[1] == before[1] + 1
            with harness.services.uow() as session:
                stored = session.scalar(
                    select(func.count())
                    .select_from(AgendaItem)
                    .where(AgendaItem.meeting_id == summary.meeting_id)
                )
            assert stored and stored >= 1, "an imported file has a meeting with items"
        else:
            assert after == before

    check()
    assert seen["imported"] and seen["refused"], seen
