"""Parse the corpus minutes and agendas, a Nordjylland-style variant and non-minutes."""

from __future__ import annotations

import os
import re
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.domain.enums import ItemKind
from bot.ingest import NotMinutesError, ParsedDocument, clean, clean_text, parse_document

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
NOW = datetime(2026, 11, 18, 10, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))

F2019 = "sjaelland-2019-01-04-dagsorden-med-beslutninger.txt"
F2020 = "sjaelland-2020-06-26-dagsorden-med-beslutninger.txt"
F2024 = "sjaelland-2024-03-15-referat.txt"

D, INF, S, X = ItemKind.DECISION, ItemKind.INFORMATION, ItemKind.STANDING, ItemKind.DISCUSSION

# (number, title, number of decision entries, kind) per item, in document order.
EXPECTED: dict[str, list[tuple[str, str, int, ItemKind]]] = {
    F2019: [
        ("1", "Godkendelse af referat fra styregruppemøde 12/10", 2, S),
        (
            "2",
            "Rammeaftale 2018-2020: Opfølgning på Styregruppens temamøde den 10/12 2018 "
            "om det videre arbejde med fokusområderne",
            2,
            D,
        ),
        (
            "3",
            "Opfølgning på arbejdet med styringsaftalens effektiviseringsstrategi 2016 og "
            "2017- Udviklings- og styringstiltag, redegørelse for takstændringer og "
            "VIVE-analyse 2019",
            3,
            D,
        ),
        ("4", "Styregruppens arbejde og organisering", 1, D),
        (
            "5",
            "Tværkommunal kompetenceudvikling i neuro-rehabilitering af frontpersonale i den "
            "kommunale hjerneskadeindsats IV – temadag 28/9 og den videre proces",
            4,
            D,
        ),
        ("6", "Revision af standardkontrakter V", 8, D),
        ("7", "Kofoedsminde – udarbejdelse af oplæg til Koordinationsforum", 3, D),
        ("8", "Punkter til orientering", 0, INF),
        ("8A", "Møde i Koordinationsforum i KL 14/11-2018", 1, INF),
        (
            "8B",
            "Nyt fra Socialstyrelsen – Dialogmøde 28/11-2018 og svar på henvendelse 16/11",
            1,
            INF,
        ),
        ("8C", "Møde i KKR Dialogforum 6/11-2018", 1, INF),
        ("8D", "Status for etablering af nye psykiatriske afdelinger/særlige pladser", 1, INF),
        ("8E", "Nyt fra Netværksgrupper og arbejdsgrupper", 1, INF),
        ("8F", "Nyt fra K17 og KKR", 1, INF),
        ("8G", "Chefmøde 23/11-2018", 2, INF),
        ("8H", "Politikermøde 26/10-2018", 0, INF),
        # The body heads this item "G)" a second time; the agenda lists it as I).
        ("8I", "Nyt fra styregruppen og sekretariatet", 3, INF),
        ("9", "Punkter til næste møde", 0, S),
        ("10", "Evt.", 0, S),
    ],
    F2020: [
        ("1", "Godkendelse af dagsorden til styregruppemøde 26/6", 1, S),
        ("2", "Status for Rammeaftale 2021-2022 III", 1, D),
        ("3", "Domfældte udviklingshæmmede grønlandske og færøeske borgere", 6, D),
        (
            "4",
            "Principper for de sociale tilbuds mer/mindreudgifter forårsaget af Coronakrisen "
            "(udsat fra 15/5)",
            1,
            D,
        ),
        ("5", "Socialtilsyn Øst’s årsrapport 2019", 5, D),
        (
            "6",
            "Årsrapport og status fra netværksgruppen Børn & Unge og arbejdsgruppen om "
            "rekruttering af plejefamilier",
            4,
            D,
        ),
        ("7", "Rammeaftalens regelsæt vedrørende nedlukning af tilbud", 3, D),
        ("8", "Fælles temadag for kommunerne", 2, D),
        ("9", "Udpegning af suppleanter til Styregruppen for de særlige pladser", 2, D),
        ("10", "Møde i Koordinationsforum 16/6", 6, INF),
        ("11", "Evt.", 0, S),
    ],
    F2024: [
        ("1", "Godkendelse af dagsorden", 1, S),
        (
            "2",
            "Status på udviklingsprogram og proces vedr. fælles forpligtende principper "
            "blandt kommuner i Region Sjælland",
            5,
            X,
        ),
        ("3", "Økonomimodel Sjælland", 13, X),
        ("4", "Fremlæggelse og drøftelse af netværksgruppernes årsrapporter 2023", 16, X),
        # Six bullets and one paragraph of its own between them.
        ("5", "Rammeaftale 2025-26: Proces, indhold og tidsplan II", 7, X),
        # The heading reads "Forny et" in the text layer; the table of contents has it whole.
        ("6", "Fornyet behandling central udmelding domfældte udviklingshæmmede II", 4, X),
        ("7", "Korte orienteringspunkter", 3, INF),
        ("8", "Evt.", 0, S),
        ("9", "Næste møde", 0, S),
    ],
}


def corpus_text(name: str) -> str:
    """Return a corpus file, skipping (or failing under CI) when the corpus is absent."""
    path = CORPUS / name
    if not path.is_file():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"corpus file missing under CI: {path}")
        pytest.skip(f"corpus not available at {CORPUS}")
    return path.read_text(encoding="utf-8")


_PARSED: dict[str, ParsedDocument] = {}


def parsed(name: str) -> ParsedDocument:
    """Return the parsed corpus file (parsed once per test session)."""
    if name not in _PARSED:
        _PARSED[name] = parse_document(corpus_text(name), filename=name, now=NOW)
    return _PARSED[name]


@pytest.mark.parametrize("name", [F2019, F2020, F2024])
def test_items_numbers_and_titles(name: str) -> None:
    doc = parsed(name)
    assert [(i.number, i.title) for i in doc.items] == [(n, t) for n, t, _, _ in EXPECTED[name]]
    assert [i.position for i in doc.items] == list(range(len(doc.items)))


@pytest.mark.parametrize("name", [F2019, F2020, F2024])
def test_decision_entries_per_item(name: str) -> None:
    doc = parsed(name)
    assert {i.number: len(i.decisions) for i in doc.items} == {
        n: count for n, _, count, _ in EXPECTED[name]
    }
    for item in doc.items:
        assert (item.decision_heading is not None) == bool(item.decisions) or item.number in {
            "8",
            "8H",
        }
        assert all(entry.strip() and "\n" not in entry for entry in item.decisions)


@pytest.mark.parametrize("name", [F2019, F2020, F2024])
def test_item_kinds(name: str) -> None:
    doc = parsed(name)
    assert [i.kind for i in doc.items] == [kind for _, _, _, kind in EXPECTED[name]]


def test_meeting_facts_2019() -> None:
    doc = parsed(F2019)
    assert doc.kind == "agenda_with_decisions"
    assert doc.meeting_date == date(2019, 1, 4)
    assert doc.start_time is None and doc.place is None
    assert doc.items_for_next_meeting == [
        "Fagligt symposium om fælles kommunalpolitisk strategi på børne-og ungeområdet "
        "indenfor social- og sundhedsområdet med fokus på psykiatri 27/8 og samarbejdet med "
        "sundhedsaftalen",
        "Netværksgruppernes årsrapporter",
        "Opfølgning på arbejdet i § 110 arbejdsgruppen",
        "Opfølgning på arbejdet i netværksgruppen for Voksne sindslidende",
    ]
    first = doc.items[0]
    assert first.decision_heading == "Beslutning"
    assert first.decisions == [
        "Referatet blev godkendt",
        "Forslaget om at referatet fremover godkendes af Styregruppen via mail og senest en "
        "uge efter mødet, blev godkendt",
    ]
    item2 = doc.items[1]
    assert item2.summary is not None and item2.summary.startswith("Styregruppen drøfter")
    assert item2.discussion is not None and "takstanalyser" in item2.discussion
    assert len(item2.attachments) == 8
    assert item2.attachments[3].title == "Materiale fra direktørmøde 9/2-2018"
    assert item2.attachments[4].url == (
        "https://rs17.dk/arrangementer/fagligt-symposium-–-direktoermoede-om-styring-1210-2018.aspx"
    )
    assert first.attachments[0].url == (
        "https://rs17.dk/media/14920/referat_styregruppem_de_rammeaftale_sj_lland_12102018.pdf"
    )


def test_numbered_lists_inside_items_are_not_items() -> None:
    doc = parsed(F2019)
    item6 = next(i for i in doc.items if i.number == "6")
    assert "1) Præcisering af sammenhængen mellem handleplan og standardkontrakt." in (
        item6.body_text
    )
    doc2020 = parsed(F2020)
    item10 = next(i for i in doc2020.items if i.number == "10")
    assert "8.Standardkontrakter ved KL" in item10.body_text


def test_meeting_facts_2020() -> None:
    doc = parsed(F2020)
    assert doc.kind == "agenda_with_decisions"
    assert doc.meeting_date == date(2020, 6, 26)
    assert doc.group_name == "Styregruppe"
    # "Næste møde: Temastyregruppemøde om rammeaftale 2021-2022, 14/8, 13-15 …" under Evt.
    assert doc.next_meeting_date == date(2020, 8, 14)


def test_meeting_facts_2024() -> None:
    doc = parsed(F2024)
    assert doc.kind == "minutes"
    assert doc.title == "Referat Styregruppemøde"
    assert doc.group_name == "Styregruppen, rammeaftale Sjælland"
    assert doc.meeting_date == date(2024, 3, 15)
    assert (doc.start_time, doc.end_time) == (time(12, 0), time(15, 0))
    assert doc.place == "Ringsted Kongrescenter, Nørretorv 55, Ringsted"
    assert doc.next_meeting_date == date(2024, 5, 3)
    assert len(doc.items_for_next_meeting) == 1
    assert doc.items_for_next_meeting[0].startswith("Evt. temadrøftelser")
    item3 = doc.items[2]
    assert item3.decision_heading == "Drøftelse og beslutning"
    # A lead-in ("I drøftelsen af økonomimodellen blev foreslået:") is not an entry.
    assert not any(entry.endswith(":") for entry in item3.decisions)
    item5 = doc.items[4]
    assert item5.decisions[1].startswith("Der lægges pt. op til at indholdet på Kick off")
    assert "Status på det/de nationale perspektiver" in item5.decisions[1]
    assert doc.items[0].decisions == ["Styregruppen godkendte dagsordenen."]


def test_attendance_2024() -> None:
    attendance = parsed(F2024).attendance
    assert len(attendance.participants) == 8
    assert len(attendance.guests) == 4
    assert [p.name for p in attendance.absent] == ["Anne Sofie Degn"]
    chair = attendance.participants[0]
    assert (chair.name, chair.title, chair.organisation) == (
        "Morten Bøgelund Andersen",
        "Direktør, formand",
        "Greve Kommune",
    )
    assert attendance.participants[-1].name == "Thomas Knudsen"
    assert all(guest.note == "Via teams" for guest in attendance.guests)
    assert attendance.absent[0].organisation == "Greve Kommune"
    assert attendance.absent[0].title == "Kommunaldirektør"


def test_attachments_end_where_the_case_continues() -> None:
    item7 = parsed(F2024).items[6]
    assert [a.title for a in item7.attachments][:2] == [
        "Kommissorium for dialogforum mellem Ankestyrelsen og kommuner og Kommissorium for "
        "underudvalg",
        "Referat fra møde i dialogforum mellem Ankestyrelsen og kommunerne",
    ]
    assert len(item7.attachments) == 5
    assert item7.background is not None and "Synscenter Refsnæs" in item7.background
    item4 = parsed(F2024).items[3]
    assert item4.attachments[0].title == "Årsrapport 2023 Børn og Unge"
    assert item4.attachments[0].url is not None and item4.attachments[0].url.endswith(".pdf")


@pytest.mark.parametrize("name", [F2019, F2020])
def test_artefacts_are_undone(name: str) -> None:
    text = parsed(name).text
    assert "Rammeaftalens" in text or name == F2020
    assert not re.search(r"\bRam-$", text, re.MULTILINE)
    split = re.search(r"[a-zæøå]-\n(?!og\b|eller\b)[a-zæøå]", text)
    assert split is None, "a word is still split at a line end"
    assert "Side 8 af 15 sider" not in text
    assert not re.search(r"^\s*Side \d+ af \d+", text, re.MULTILINE)
    assert "\n\n\n" not in text
    # Each link is kept where the text shows it; the repeats at page ends are gone.
    assert not re.match(r"https?://", text.splitlines()[-1])
    lines = text.splitlines()
    for pos, line in enumerate(lines):
        if re.fullmatch(r"https?://\S+", line.strip()):
            assert line.strip() not in "\n".join(lines[max(0, pos - 40) : pos]), line


def test_real_hyphens_are_kept() -> None:
    text2019 = parsed(F2019).text
    assert "Rammeaftalens fokusområder" in text2019
    assert "børne- og voksenområdet" in text2019
    assert "udviklings- og styringstiltag" in text2019
    assert "0-22-årig/18-64-årig" in text2019
    assert "arbejdsdeling" in text2019 and "ar-\nbejdsdeling" not in text2019
    text2020 = parsed(F2020).text
    assert "med Covid-19," in text2020
    assert "rammeaftale 2021-2022 og giver" in text2020
    assert "(10-19," in text2020
    assert "corona-pandemien" in text2020
    assert "tungere pleje-" not in text2020 and "tungere plejefamilier" in text2020


def test_broken_urls_are_rejoined_from_their_repeats() -> None:
    text = parsed(F2019).text
    assert (
        "https://rs17.dk/arrangementer/temadag-om-neurorehabilitering-og-"
        "kompetenceudvikling-289-2018.aspx" in text
    )
    assert "Referat_af_m-de_i_KKR_Sj-lland_den_14.PDF" in text
    text2020 = parsed(F2020).text
    assert text2020.count("https://www.facebook.com/roskildekommune") == 1
    assert "regionsjaelland.dk/ps4" in text2020
    assert "http://www.regionsjaelland.dk/ps4" not in text2020


def test_clean_counts_and_idempotence() -> None:
    raw = corpus_text(F2019)
    report = clean(raw)
    assert report.undoubled
    assert report.hyphens_joined >= 60
    assert report.url_lines_removed >= 10
    assert clean_text(report.text) == report.text
    assert clean_text(corpus_text(F2024)) == clean_text(clean_text(corpus_text(F2024)))


def test_clean_page_furniture_and_bullets() -> None:
    pages = [
        "Socialudvalget 2. marts 2017\nSager til behandling\n1. Godkendelse af dagsorden\n"
        "- * At udvalget godkender\n*Se bilag 1\no Første underpunkt\n\n12\n",
        "Socialudvalget 2. marts 2017\nPunkt 7-9\nDer arbejdes med Ram-\nmeaftalens "
        "fokusområder og K17-\nmøde samt børne-\nog ungeområdet, Covid-\n19 og VIVE-\n"
        "analyse i 2021-\n2022.\nSide 2 af 3\n",
        "Socialudvalget 2. marts 2017\nSlut.\n",
    ]
    text = "\f".join(pages)
    report = clean(text)
    out = report.text
    assert "Sager til behandling" not in out and "Punkt 7-9" not in out
    assert "Side 2 af 3" not in out and "\n12\n" not in out
    # The header repeated at every page start is kept once, where the document starts.
    assert out.count("Socialudvalget 2. marts 2017") == 1
    assert out.startswith("Socialudvalget 2. marts 2017")
    assert "• At udvalget godkender" in out
    assert "• Se bilag 1" in out
    assert "◦ Første underpunkt" in out
    assert "Rammeaftalens" in out and "Ram-" not in out
    assert "K17-møde" in out and "Covid-19" in out and "VIVE-analyse" in out
    assert "2021-2022." in out
    assert "børne-\nog ungeområdet" in out
    assert report.footer_lines_removed == 2
    assert clean_text(out) == out


def test_clean_vocabulary_decides_between_join_and_keep() -> None:
    text = (
        "Vi taler om handicap-området og om fagligt fokus.\n"
        "Her står der igen noget om handicap-\nområdet, og fagligt fo-\n"
        "kus, og en ny kreds-\nleder.\n"
    )
    out = clean_text(text)
    assert "handicap-området," in out and "fagligt fokus," in out
    assert "kredsleder." in out and "kreds-" not in out


def test_clean_rejoins_a_broken_url_and_drops_its_repeats() -> None:
    text = (
        "Bilag:\n• Materiale: https://rs17.dk/arrangementer/temadag-om-neurorehabilite-\n"
        "ring-og-kompetenceudvikling-289-2018.aspx\n• Notat\n"
        "https://rs17.dk/arrangementer/temadag-om-neurorehabilitering-og-kompetenceudvikling-"
        "289-2018.aspx\n"
        "https://rs17.dk/arrangementer/temadag-om-neurorehabilitering-og-kompetenceudvikling-"
        "289-2018.aspx\n"
        " Beslutning:\n"
    )
    report = clean(text)
    url = (
        "https://rs17.dk/arrangementer/temadag-om-neurorehabilitering-og-"
        "kompetenceudvikling-289-2018.aspx"
    )
    assert report.text.count(url) == 1
    assert f"• Materiale: {url}\n" in report.text
    assert report.url_lines_removed == 2


def test_meeting_date_from_the_file_name_as_a_last_resort() -> None:
    text = "Dagsorden\n\n1. Godkendelse af referat\n2. Beslutning om budget\n3. Evt.\n"
    doc = parse_document(text, filename="seniorraad_2024-03-15_dagsorden.docx", now=NOW)
    assert doc.meeting_date == date(2024, 3, 15)
    assert any("file name" in w for w in doc.warnings)


# --- a corpus file rewritten in the Nordjylland layout --------------------------------

_DECISION_HEADINGS = {"Beslutning", "Beslutning:", "Drøftelse og beslutning:"}
_SECTION_START = re.compile(
    r"^(?:Sagsfremstilling|Resume|Indstilling|Bilag|Beslutning|Drøftelse og beslutning)\b"
)
_RAW_BULLET = re.compile(r"^(?P<indent>\s*)(?:- \* |\* |- |\*(?=\S))(?P<text>.*)$")


def nordjylland(text: str, *, keep_toc: bool) -> str:
    """Rewrite the 2024 minutes: decisions under "Referat" as plain paragraphs, no bullets.

    Recommendations move onto their heading line ("Indstilling: Det indstilles, at …"),
    item headings become "Punkt N: …", and without ``keep_toc`` the table of contents
    goes too, so the items must be found without an agenda list.
    """
    titles = [t for _, t, _, _ in EXPECTED[F2024]]
    out: list[str] = []
    in_decision = False
    in_toc = False
    expected = 1
    lines = text.split("\n")
    pos = 0
    while pos < len(lines):
        line = lines[pos]
        stripped = line.strip()
        pos += 1
        if stripped == "Indhold":
            in_toc = True
        if in_toc:
            if stripped.startswith("Punkt 9"):
                in_toc = False
            if not keep_toc:
                continue
            out.append(line)
            continue
        heading = re.match(r"^(?:Punkt )?(\d)\. (.*)$", stripped)
        if (
            heading
            and expected <= len(titles)
            and int(heading.group(1)) == expected
            and heading.group(2)[:5] == titles[expected - 1][:5]
        ):
            out.append(f"Punkt {expected}: {heading.group(2)}")
            expected += 1
            in_decision = False
            continue
        if stripped in _DECISION_HEADINGS:
            out.append("Referat")
            in_decision = True
            continue
        if stripped.startswith("Indstilling"):
            in_decision = False
            rest = stripped.removeprefix("Indstilling").lstrip(": ")
            while not rest and pos < len(lines):
                rest = lines[pos].strip()
                pos += 1
            out.append(f"Indstilling: {rest}")
            continue
        if in_decision and _SECTION_START.match(stripped):
            in_decision = False
        if not in_decision:
            out.append(line)
            continue
        bullet = _RAW_BULLET.match(line)
        if bullet and bullet.group("indent"):
            out[-1] = f"{out[-1]}; {bullet.group('text').strip()}"
        elif bullet:
            out.extend(["", bullet.group("text").strip()])
        elif stripped and out and out[-1].strip():
            out[-1] = f"{out[-1]} {stripped}"
        else:
            out.append(stripped)
    return "\n".join(out)


@pytest.mark.parametrize("keep_toc", [True, False])
def test_nordjylland_layout(keep_toc: bool) -> None:
    text = nordjylland(corpus_text(F2024), keep_toc=keep_toc)
    assert text.count("\nReferat\n") == 7
    doc = parse_document(text, now=NOW)
    assert doc.kind == "minutes"
    assert doc.meeting_date == date(2024, 3, 15)
    numbers = [i.number for i in doc.items]
    assert numbers == [str(n) for n in range(1, 10)]
    titles = [i.title for i in doc.items]
    expected_titles = [t for _, t, _, _ in EXPECTED[F2024]]
    if not keep_toc:
        # Without a table of contents nothing tells that "Forny et" is one word.
        expected_titles[5] = "Forny et behandling central udmelding domfældte udviklingshæmmede II"
    assert titles == expected_titles
    # Without bullets, each paragraph under "Referat" is one entry; the lead-ins too.
    assert [len(i.decisions) for i in doc.items] == [1, 5, 15, 17, 7, 4, 3, 0, 0]
    assert [i.decision_heading for i in doc.items[:7]] == ["Referat"] * 7
    assert doc.items[0].recommendation == "Det indstilles, at styregruppen godkender dagsordenen."
    assert doc.items[0].decisions == ["Styregruppen godkendte dagsordenen."]
    assert doc.items[4].decisions[1].startswith("Der lægges pt. op til at indholdet")
    assert "Status på det/de nationale perspektiver" in doc.items[4].decisions[1]
    assert len(doc.attendance.participants) == 8


def test_minutes_without_agenda_list_and_inline_referat() -> None:
    text = (
        "Referat\n\nMøde i Handicaprådet\n\nDato: 2. marts 2017 kl. 16.00-18.00\n"
        "Sted: Rådhuset, mødelokale 3\n\nDeltagere: Jens Hansen (formand), Mette Olsen, "
        "Aalborg Kommune; Ole Bent Sørensen\n\nAfbud: Kirsten Lund\n\n"
        "Punkt 1. Godkendelse af dagsorden\n\nReferat: Godkendt.\n\n"
        "Punkt 2. Budget 2018 for tilgængelighedspuljen\n\n"
        "Sagsfremstilling\nPuljen er på 2 mio. kr. Der er kommet 14 ansøgninger:\n"
        "1. Rampe ved Skipper Clement Skolen\n2. Lydfyr ved Vesterbro\n\n"
        "Indstilling: Det indstilles, at rådet prioriterer ansøgningerne.\n\n"
        "Referat\n\nRådet prioriterede rampen højest.\n\n"
        "Lydfyret tages op igen på mødet den 4. maj.\n\n"
        "Punkt 3. Eventuelt\n\nIntet.\n"
    )
    doc = parse_document(text, now=NOW)
    assert doc.kind == "minutes"
    assert doc.meeting_date == date(2017, 3, 2)
    assert (doc.start_time, doc.end_time) == (time(16, 0), time(18, 0))
    assert doc.place == "Rådhuset, mødelokale 3"
    assert doc.title == "Referat – Møde i Handicaprådet"
    assert doc.group_name == "Handicaprådet"
    assert [(i.number, i.title) for i in doc.items] == [
        ("1", "Godkendelse af dagsorden"),
        ("2", "Budget 2018 for tilgængelighedspuljen"),
        ("3", "Eventuelt"),
    ]
    assert doc.items[0].decisions == ["Godkendt."]
    assert doc.items[1].decisions == [
        "Rådet prioriterede rampen højest.",
        "Lydfyret tages op igen på mødet den 4. maj.",
    ]
    assert doc.items[1].kind == ItemKind.DECISION
    assert doc.items[2].kind == ItemKind.STANDING
    people = doc.attendance.participants
    assert [p.name for p in people] == ["Jens Hansen", "Mette Olsen", "Ole Bent Sørensen"]
    assert people[0].title == "formand" and people[1].organisation == "Aalborg Kommune"
    assert [p.name for p in doc.attendance.absent] == ["Kirsten Lund"]
    assert any("no agenda list" in w for w in doc.warnings)


def test_ad_headings_separate_time_line_and_konklusion() -> None:
    text = (
        "Referat af møde i Økonomiudvalget\nDato: Tirsdag den 7. november 2023\n"
        "Tid: kl. 16.00-17.30\nAfbud: Peter Madsen, Aalborg Kommune\n\n"
        "Ad 1. Godkendelse af dagsorden\nKonklusion: Godkendt.\n\n"
        "Ad 2. Budgetopfølgning\nSagsfremstilling: Forvaltningen forelægger opfølgningen.\n"
        "Konklusion\n◦ Taget til efterretning\n◦ Sagen genoptages i december\n\n"
        "Ad 3. Eventuelt\nIntet.\n"
    )
    doc = parse_document(text, now=NOW)
    assert doc.meeting_date == date(2023, 11, 7)
    assert (doc.start_time, doc.end_time) == (time(16, 0), time(17, 30))
    assert [(p.name, p.organisation) for p in doc.attendance.absent] == [
        ("Peter Madsen", "Aalborg Kommune")
    ]
    assert [i.decisions for i in doc.items] == [
        ["Godkendt."],
        ["Taget til efterretning", "Sagen genoptages i december"],
        [],
    ]
    assert doc.items[1].background == "Forvaltningen forelægger opfølgningen."


def test_plain_agenda_without_bodies() -> None:
    text = (
        "Dagsorden\nStyregruppemøde 12. september 2025 kl. 9-11\n\n"
        "1. Godkendelse af referat\n2. Status på økonomimodellen (B)\n"
        "3. Orientering fra sekretariatet (O)\n4. Evt.\n"
    )
    doc = parse_document(text, now=NOW)
    assert doc.kind == "agenda"
    assert doc.meeting_date == date(2025, 9, 12)
    assert [(i.number, i.title, i.kind) for i in doc.items] == [
        ("1", "Godkendelse af referat", S),
        ("2", "Status på økonomimodellen", D),
        ("3", "Orientering fra sekretariatet", INF),
        ("4", "Evt.", S),
    ]
    assert all(not i.decisions for i in doc.items)


# --- documents that are not minutes -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "empty"),
        ("   \n\n \t ", "empty"),
        (
            "Kære Jens\n\nTak for en god snak i går. Jeg sender materialet i morgen.\n\n"
            "Venlig hilsen\nMette",
            "not_meeting_document",
        ),
        (
            "Æblekage\n\n1. Pisk æg og sukker hvidt.\n2. Vend mel og bagepulver i.\n"
            "3. Bag kagen ved 180 grader i 40 minutter.\n",
            "not_meeting_document",
        ),
    ],
)
def test_not_minutes_are_rejected_with_a_reason(text: str, code: str) -> None:
    with pytest.raises(NotMinutesError) as caught:
        parse_document(text, now=NOW)
    assert caught.value.code == code
    assert len(caught.value.detail) > 20
    assert caught.value.reason == caught.value.detail == str(caught.value)
    assert caught.value.message("en") == caught.value.detail_en != caught.value.detail
    assert caught.value.message("da") == caught.value.detail


@pytest.mark.parametrize(
    "text",
    [
        "Referat fra mødet\n\nVi talte om mange ting på mødet, og der blev truffet en "
        "beslutning om at mødes igen.\n",
        "Dagsorden\n\n1. Godkendelse af referat\n2. Beslutning om budget\n3. Evt.\n",
    ],
)
def test_minutes_without_a_date_are_imported_with_the_day_flagged(text: str) -> None:
    parsed = parse_document(text, now=NOW)
    assert parsed.meeting_date == NOW.date()
    assert parsed.date_source == "unknown" and "date_unknown" in parsed.flags
    assert parsed.items and parsed.confidence <= 0.6


# --- robustness ---------------------------------------------------------------------


def test_overlong_text_is_rejected_before_parsing() -> None:
    with pytest.raises(NotMinutesError) as caught:
        parse_document("Dagsorden 1. maj 2024\n1. Punkt\n" * 120_000, now=NOW)
    assert caught.value.code == "too_long"


_FRAGMENTS = [
    "Dagsorden",
    "Referat",
    "Styregruppemøde 4/1-2019",
    "Dato: Fredag den 15. marts, 2024, kl. 12-15",
    "1. Godkendelse af dagsorden",
    "2.Status",
    "A) Nyt fra KL",
    "Punkt 3",
    "Beslutning:",
    "Referat",
    "• Godkendt",
    "- * At styregruppen",
    "Bilag: https://rs17.dk/x-",
    "y.pdf",
    "Ram-",
    "meaftalens",
    "Side 1 af 2",
    "Deltagere:",
    "Navn\tTitel\tArbejdssted",
    "Anne Sofie Degn\tDirektør\tGreve Kommune",
    "Afbud: Ingen",
    "Næste møde: 30/2",
    "fredag den 16. marts 2024",
    "",
    " ",
    "\f",
]


@settings(
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    st.one_of(
        st.text(max_size=400),
        st.lists(st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=30)), max_size=40).map(
            "\n".join
        ),
    )
)
def test_any_text_parses_or_is_rejected(text: str) -> None:
    try:
        doc = parse_document(text, now=NOW)
    except NotMinutesError as error:
        assert error.code and error.detail
        return
    assert doc.items
    assert isinstance(doc.meeting_date, date)
    assert [i.position for i in doc.items] == list(range(len(doc.items)))
