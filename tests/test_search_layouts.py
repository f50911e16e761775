"""Questions over the layout corpus, answered through the archive search (recall@3).

Every document of tests/layouts/corpus.py is imported as a file would be (rendered to
TXT, DOCX or PDF and read by ``load_document``), its items analysed and indexed; each
question names the (document, item number) answers that are right. The questions are
worded as members ask: inflected, compounded, with typos and without æ, ø, å.
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from bot.search.analysis import Analyzer, IndexedDocument, build_document, item_fields
from bot.search.query import parse_question
from storage.base import Base
from storage.search_index import SearchDocument, SearchIndex, SearchTerm, create_schema
from tests.layouts.corpus import DOCS
from tests.layouts.score import parse

Answer = tuple[str, str]
NOW = date(2026, 11, 20)

QUESTIONS: list[tuple[str, set[Answer]]] = [
    ("hvad besluttede vi om snerydning", {("grundejer-label.txt", "4")}),
    ("vejfesten med grill", {("grundejer-label.txt", "3")}),
    ("kontingentet for seniorer", {("boldklub-label.docx", "2"), ("dato-kort.txt", "2")}),
    ("trænerkursus hos DGI", {("boldklub-label.docx", "3")}),
    ("stiforbindelsen til skolen", {("lokalraad-label.pdf", "2")}),
    ("hvornår er juletræstændingen", {("lokalraad-label.pdf", "4")}),
    ("hvad besluttede vi om tilsynsmodellen", {("netvaerk-tabel.docx", "2")}),
    ("fælles skabeloner", {("netvaerk-tabel.docx", "3")}),
    ("principper for lejrskoler", {("skolebestyrelse-tabel.txt", "3")}),
    ("skolens budget for 2024", {("skolebestyrelse-tabel.txt", "2")}),
    ("hvornår flytter lægerne ind", {("styregruppe-tabel.pdf", "2")}),
    ("parkeringen ved sundhedshuset", {("styregruppe-tabel.pdf", "3")}),
    ("nye vinduer fra glarmester", {("ejerforening-bullets.txt", "2")}),
    ("trappevask", {("ejerforening-bullets.txt", "3")}),
    ("nyt tag på hytten", {("spejder-bullets.docx", "2")}),
    ("salg af julemærker", {("spejder-bullets.docx", "4")}),
    ("billetprisen til koncerten", {("forening-bullets.pdf", "1")}),
    ("legepladsen og nye gynger", {("boligafdeling-ad.txt", "2")}),
    ("prisen for en vask i vaskeriet", {("boligafdeling-ad.txt", "3")}),
    ("høringen om madservice", {("aeldreraad-ad.docx", "2")}),
    ("besøg på plejecentrene", {("aeldreraad-ad.docx", "3")}),
    ("fordeling af lokaletilskuddet", {("idraetsraad-ad.pdf", "2")}),
    ("hvem fik idraetsprisen", {("idraetsraad-ad.pdf", "3")}),
    ("kirkegaardens budget", {("menighedsraad-adpkt.txt", "2")}),
    ("koncertrækken", {("menighedsraad-adpkt.txt", "3")}),
    ("altanprojektet og generalforsamlingen", {("andelsbolig-ad.docx", "2")}),
    ("åbningstider i sommerferien", {("fritidsklub-ad.pdf", "2")}),
    ("turen til legoland", {("fritidsklub-ad.pdf", "3")}),
    ("den nye bostøttemodel", {("byraad-lobenummer.txt", "302")}),
    (
        "ventelisterne",
        {("byraad-lobenummer.txt", "303"), ("andelsbolig-ad.docx", "3")},
    ),
    ("trafiksikkerhedsplanen", {("udvalg-pkt.docx", "34")}),
    ("udbud af vintertjenesten", {("udvalg-pkt.docx", "35")}),
    ("cykelstien langs Aavej", {("udvalg-pkt.docx", "36")}),
    ("affaldstakster 2025", {("kommunalbestyrelse-lob.pdf", "413")}),
    ("salget af grunden på Engvej", {("kommunalbestyrelse-lob.pdf", "414")}),
    ("datoer for fællesarbejde", {("forening-alle-et.txt", "2")}),
    ("vandprisen pr kubikmeter", {("forening-alle-et.txt", "3")}),
    ("slibning af gulvet", {("hal-alle-et.pdf", "3")}),
    ("båltale til sankthans", {("borgerforening-liste.docx", "1")}),
    ("medlemsbladet", {("borgerforening-liste.docx", "2")}),
    ("forslaget om fartbump", {("generalforsamling-caps.txt", "4")}),
    ("sprogcafeen", {("roman-punkt.docx", "2")}),
    ("sommerudflugt til skagen", {("roman-numerals.txt", "2")}),
    ("solcelleanlægget", {("sameline-dash.txt", "2")}),
    ("kommunikationsplanen", {("sameline-dash.txt", "4")}),
    ("ny boring ved vandværket", {("sameline-docx.docx", "2")}),
    ("høringssvar om buslinjer", {("sameline-pdf.pdf", "2")}),
    ("nye skoledistrikter", {("udvalg-resume.pdf", "1")}),
    ("kvalitetsrapporten", {("udvalg-resume.pdf", "2")}),
    ("folkeoplysningspolitikken", {("udvalg-resume.docx", "1")}),
    ("ekstra tilskud til musikskolen", {("udvalg-resume.docx", "2")}),
    ("lokalplanen for havnefronten", {("udvalg-sagsfremstilling.txt", "3")}),
    ("klimahandleplanen", {("udvalg-sagsfremstilling.txt", "4")}),
    ("hvor skal sommerfesten holdes", {("prosa-besluttede.txt", "2")}),
    ("ny kasserer", {("prosa-besluttede.txt", "3")}),
    ("kampagnen og ansøgningerne", {("prosa-sidste-afsnit.docx", "1")}),
    ("skolebal i februar", {("prosa-aftalt.pdf", "1")}),
    ("nye mål til boldbanerne", {("prosa-aftalt.pdf", "2")}),
    ("varmeregnskabet", {("fremmoede-roller.txt", "2")}),
    ("trivselsmålingen", {("skole-grupper.docx", "2")}),
    ("tilgængelighed på stationen", {("en-linje-header.pdf", "2")}),
    ("landsbypuljen", {("medlemmer-uden-kolon.txt", "2")}),
    ("afgræsning med kvæg", {("dato-uden-aar.pdf", "2")}),
    ("sygefravaer", {("dato-forkert-ugedag.docx", "2")}),
    ("julefrokosten", {("dato-kort.txt", "1"), ("sameline-pdf.pdf", "3")}),
    ("containerne ved blok C", {("overskrifter-stil.docx", "2")}),
    ("vagtplan til baren", {("fed-skrift.pdf", "2")}),
    ("lejen af legestuen", {("fed-afsnit.docx", "1")}),
]


def _index() -> tuple[Analyzer, list[IndexedDocument], dict[int, Answer]]:
    analyzer = Analyzer()
    docs: list[IndexedDocument] = []
    answers: dict[int, Answer] = {}
    for entry in DOCS:
        document = parse(entry)
        for item in document.items:
            item_id = len(docs) + 1
            title, decisions, body = item_fields(item)
            doc = build_document(
                analyzer,
                item_id=item_id,
                group_id=1,
                meeting_date=document.meeting_date,
                title=title,
                decisions=decisions,
                body=body,
            )
            analyzer.vocabulary.add_document(doc.terms())
            docs.append(doc)
            answers[item_id] = (entry.name, item.number)
    return analyzer, docs, answers


def test_recall_at_3_over_the_layout_corpus() -> None:
    assert len(QUESTIONS) >= 40
    analyzer, docs, answers = _index()
    known = set(answers.values())
    for text, right in QUESTIONS:
        assert right <= known, text
    engine = sa.create_engine("sqlite://")
    Base.metadata.create_all(engine, tables=[SearchDocument.__table__, SearchTerm.__table__])
    with engine.begin() as connection:
        create_schema(connection)
    index = SearchIndex()
    misses: list[str] = []
    with Session(engine) as session:
        index.upsert_many(session, docs)
        for text, right in QUESTIONS:
            question = parse_question(text, now=NOW, analyzer=analyzer)
            hits = index.search(session, question, group_ids=[1], limit=3)
            got = [answers[h.item_id] for h in hits]
            if not set(got) & right:
                misses.append(f"{text} -> {got}")
    engine.dispose()
    found = len(QUESTIONS) - len(misses)
    print(f"recall@3 {found}/{len(QUESTIONS)}", misses)
    assert found >= 0.9 * len(QUESTIONS), misses
