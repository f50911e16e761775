"""A corpus of minutes in the layouts real secretaries write, each with what must be read.

Written for these tests in imitation of published layouts (municipal councils, school
boards, associations, housing associations, committees); no text is copied. Each
document states its meeting date, its items (number and a title, matched without
regard to case), the items that carry a decision with one word of it, and how many
people were present and absent (``None`` when the document names nobody).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Doc:
    """One layout document with its expected reading."""

    name: str
    family: str
    fmt: str
    markup: str
    date: date
    items: list[tuple[str, str]]
    decisions: dict[str, str] = field(default_factory=dict)
    attendance: tuple[int, int] | None = None


DOCS: list[Doc] = []


def doc(
    name: str,
    family: str,
    fmt: str,
    when: date,
    markup: str,
    items: list[tuple[str, str]],
    decisions: dict[str, str] | None = None,
    attendance: tuple[int, int] | None = None,
) -> None:
    """Add one document to the corpus."""
    DOCS.append(
        Doc(name, family, fmt, markup.strip("\n"), when, items, decisions or {}, attendance)
    )


# --- 1. label lines, no numbers --------------------------------------------------------

doc(
    "grundejer-label.txt",
    "1-labels",
    "txt",
    date(2024, 9, 12),
    """
Grundejerforeningen Solbakken
Bestyrelsesmøde torsdag den 12. september 2024 hos Kirsten

Tilstede: Kirsten Holm, Bo Mikkelsen, Jonna Friis
Afbud: Peter Lund

Godkendelse af dagsorden: godkendt
Økonomi: mindreforbrug på 40.000 kr., overføres til næste år
Vejfest: afholdes 5. oktober, Bo står for grillen
Snerydning: ny aftale med entreprenøren godkendt for to sæsoner
Eventuelt: intet
""",
    [
        ("1", "Godkendelse af dagsorden"),
        ("2", "Økonomi"),
        ("3", "Vejfest"),
        ("4", "Snerydning"),
        ("5", "Eventuelt"),
    ],
    {"1": "godkendt", "2": "overføres", "3": "afholdes", "4": "godkendt"},
    (3, 1),
)

doc(
    "boldklub-label.docx",
    "1-labels",
    "docx",
    date(2023, 11, 7),
    """
Referat af bestyrelsesmøde i Hjortekær Boldklub
Dato: 7. november 2023

Deltagere: Lone, Kasper og Mads
Fraværende: Sidsel

Referat fra sidst:
Godkendt uden rettelser.

Kontingent 2024:
Kontingentet hæves med 50 kr. for seniorer. Ungdom uændret.

Træneruddannelse:
To trænere sendes på DGI-kursus i januar, klubben betaler.

Klubhuset:
Taget skal efterses. Kasper indhenter tilbud til næste møde.
""",
    [
        ("1", "Referat fra sidst"),
        ("2", "Kontingent 2024"),
        ("3", "Træneruddannelse"),
        ("4", "Klubhuset"),
    ],
    {"1": "godkendt", "2": "hæves", "3": "sendes"},
    (3, 1),
)

doc(
    "lokalraad-label.pdf",
    "1-labels",
    "pdf",
    date(2025, 3, 3),
    """
Lokalrådet for Vestby – referat
Mandag 3. marts 2025 kl. 19.00 i Forsamlingshuset

Til stede: Hanne Bech, Ole Vinther, Ulla Krogh, Thomas Bak

Godkendelse af referat: Referatet blev godkendt.
Stiforbindelse til skolen: Kommunen har svaret positivt. Rådet sender en ansøgning om midler.
Byfornyelse: Vi afventer kommunens plan; punktet tages op igen i maj.
Juletræstænding: Besluttet at holde den på torvet 30. november.
""",
    [
        ("1", "Godkendelse af referat"),
        ("2", "Stiforbindelse til skolen"),
        ("3", "Byfornyelse"),
        ("4", "Juletræstænding"),
    ],
    {"1": "godkendt", "2": "ansøgning", "4": "torvet"},
    (4, 0),
)

# --- 2. tables ---------------------------------------------------------------------

doc(
    "netvaerk-tabel.docx",
    "2-tables",
    "docx",
    date(2024, 4, 18),
    """
Referat – netværksmøde for kvalitetskoordinatorer
18. april 2024, kl. 9-12, Rådhuset mødelokale 2

Deltagere: Signe Kjær, Rasmus Nørgaard, Helle Brandt, Jakob Winther
Afbud: Mette Lind

| Emne | Formål | Proces | Beslutning |
| Velkomst og dagsorden | Godkendelse | Ordstyrer gennemgår | Dagsorden godkendt |
| Ny tilsynsmodel | Drøftelse | Oplæg ved Helle, 20 min | Modellen anbefales til direktionen |
| Fælles skabeloner | Beslutning | Udkast sendt før mødet | Skabelonerne vedtaget med små rettelser |
| Næste møde | Orientering | Kort | Mødet flyttes til september |
""",
    [
        ("1", "Velkomst og dagsorden"),
        ("2", "Ny tilsynsmodel"),
        ("3", "Fælles skabeloner"),
        ("4", "Næste møde"),
    ],
    {"1": "godkendt", "2": "anbefales", "3": "vedtaget", "4": "flyttes"},
    (4, 1),
)

doc(
    "skolebestyrelse-tabel.txt",
    "2-tables",
    "txt",
    date(2023, 5, 22),
    """
Skolebestyrelsen, Engskolen
Referat af møde 22. maj 2023

Tilstede: Birgitte Hald, Søren Dahl, Nina Ravn, Jesper Krogh
Afbud: Lars Melgaard

| Punkt | Sag | Beslutning |
| 1 | Godkendelse af dagsorden | Godkendt |
| 2 | Skolens budget 2024 | Bestyrelsen tiltrådte budgettet |
| 3 | Principper for lejrskole | Principperne blev vedtaget |
| 4 | Evt. | Intet |
""",
    [
        ("1", "Godkendelse af dagsorden"),
        ("2", "Skolens budget 2024"),
        ("3", "Principper for lejrskole"),
        ("4", "Evt"),
    ],
    {"1": "godkendt", "2": "tiltrådte", "3": "vedtaget"},
    (4, 1),
)

doc(
    "styregruppe-tabel.pdf",
    "2-tables",
    "pdf",
    date(2025, 1, 29),
    """
Styregruppen for Sundhedshuset
Beslutningsreferat 29.01.2025

Deltagere: Anders Juul, Pia Strøm, Katrine Mølgaard
Fraværende: Henrik Vang, Louise Dam

| Punkt | Sag | Beslutning |
| 1 | Status på byggeriet | Taget til efterretning |
| 2 | Indflytningsplan | Planen godkendt; lægerne flytter ind i juni |
| 3 | Parkering | Udsat til næste møde |
""",
    [
        ("1", "Status på byggeriet"),
        ("2", "Indflytningsplan"),
        ("3", "Parkering"),
    ],
    {"1": "efterretning", "2": "godkendt", "3": "udsat"},
    (3, 2),
)

# --- 3. bullets only ---------------------------------------------------------------

doc(
    "ejerforening-bullets.txt",
    "3-bullets",
    "txt",
    date(2023, 2, 26),
    """
E/F Havnegade 12 – bestyrelsesmøde 26.2-23

Til stede: Ida, Morten og Lise

* Regnskab 2022 gennemgået, overskud på 12.000 kr. – godkendt til generalforsamlingen
* Vinduesudskiftning: tilbud fra to firmaer; vi vælger Glarmester Hansen
* Trappevask: ny aftale fra 1. april
* Generalforsamling holdes 20. april i kælderlokalet
""",
    [
        ("1", "Regnskab 2022"),
        ("2", "Vinduesudskiftning"),
        ("3", "Trappevask"),
        ("4", "Generalforsamling"),
    ],
    {"1": "godkendt", "2": "vælger"},
    (3, 0),
)

doc(
    "spejder-bullets.docx",
    "3-bullets",
    "docx",
    date(2024, 10, 3),
    """
Grupperådsmøde, 1. Skovby Gruppe
Referat 3.10-24

Deltagere: Rikke, Anton, Claus, Maja
Afbud: Torben

* Sommerlejr: evaluering, alle glade, overskud 3.000 kr.
* Hytten: nyt tag besluttet, arbejdsdag 9. november
* Medlemstal: 64 medlemmer, stigning på 8
* Julemærker: sælges i december, Anton koordinerer
""",
    [
        ("1", "Sommerlejr"),
        ("2", "Hytten"),
        ("3", "Medlemstal"),
        ("4", "Julemærker"),
    ],
    {"2": "besluttet", "4": "sælges"},
    (4, 1),
)

doc(
    "forening-bullets.pdf",
    "3-bullets",
    "pdf",
    date(2022, 6, 14),
    """
Referat fra møde i Kulturforeningen Ravnen
14.6-22, kl. 19

Tilstede: Jette Bruun, Niels Aagaard, Susanne Broe

* Koncert i august: bandet er booket, billetpris 150 kr. vedtaget
* Hjemmesiden: Niels opdaterer kalenderen
* Tilskud fra kommunen: ansøgning sendt, svar i juli
* Evt.: intet
""",
    [
        ("1", "Koncert i august"),
        ("2", "Hjemmesiden"),
        ("3", "Tilskud fra kommunen"),
        ("4", "Evt"),
    ],
    {"1": "vedtaget"},
    (3, 0),
)

# --- 4. agenda list, then a decision list with Ad lines ---------------------------

doc(
    "boligafdeling-ad.txt",
    "4-adlist",
    "txt",
    date(2024, 3, 11),
    """
Afdelingsbestyrelsen, Parkbo afd. 7
Møde mandag den 11. marts 2024

Til stede: Yvonne Kjeldsen, Brian Holt, Merete Sand
Fraværende: Kim Lauritsen

Dagsorden:
1. Godkendelse af dagsorden
2. Legepladsen
3. Vaskeriet
4. Eventuelt

Beslutningsreferat:
Ad 1: Godkendt uden bemærkninger.
Ad 2 Der indhentes tilbud på nye gynger; beslutning på næste møde.
Ad 3. Priserne hæves til 12 kr. pr. vask fra 1. maj.
Ad 4: Intet.
""",
    [
        ("1", "Godkendelse af dagsorden"),
        ("2", "Legepladsen"),
        ("3", "Vaskeriet"),
        ("4", "Eventuelt"),
    ],
    {"1": "godkendt", "2": "tilbud", "3": "hæves"},
    (3, 1),
)

doc(
    "aeldreraad-ad.docx",
    "4-adlist",
    "docx",
    date(2023, 8, 30),
    """
Ældrerådet
Referat af møde onsdag 30. august 2023

Deltagere: Grethe Bang, Poul Erik Skov, Inger Lykke, Knud Vestergaard

Dagsorden
#. Godkendelse af referat
#. Høring om madservice
#. Besøg på plejecentre
#. Eventuelt

Beslutninger
Ad 1: Referatet godkendt.
Ad 2: Rådet afgiver høringssvar; Inger skriver udkast.
Ad 3: Besøgene fordeles, se liste.
Ad 4: Intet.
""",
    [
        ("1", "Godkendelse af referat"),
        ("2", "Høring om madservice"),
        ("3", "Besøg på plejecentre"),
        ("4", "Eventuelt"),
    ],
    {"1": "godkendt", "2": "høringssvar", "3": "fordeles"},
    (4, 0),
)

doc(
    "idraetsraad-ad.pdf",
    "4-adlist",
    "pdf",
    date(2025, 2, 6),
    """
Idrætsrådet i Nordkommune
Møde torsdag den 6. februar 2025

Tilstede: Hans Jørgen Due, Pernille Aas, Frank Mose
Afbud fra Camilla Weiss

Dagsorden
1. Godkendelse af dagsorden
2. Fordeling af lokaletilskud
3. Årets idrætspris

Beslutningsreferat
Ad 1 Godkendt.
Ad 2 Tilskuddet fordeles efter sidste års model.
Ad 3 Prisen tildeles svømmeklubben.
""",
    [
        ("1", "Godkendelse af dagsorden"),
        ("2", "Fordeling af lokaletilskud"),
        ("3", "Årets idrætspris"),
    ],
    {"1": "godkendt", "2": "fordeles", "3": "tildeles"},
    (3, 1),
)

# --- 5. bare "Ad. 1" headings with bodies ----------------------------------------

doc(
    "menighedsraad-adpkt.txt",
    "5-adheadings",
    "txt",
    date(2024, 1, 16),
    """
Menighedsrådet ved Bakke Kirke
Referat af møde tirsdag 16. januar 2024

Til stede: Aase Würtz, Jens Ole Kragh, Birthe Lund, Anton Friis
Fraværende med afbud: Rita Holm

Dagsorden
1. Godkendelse af dagsorden
2. Kirkegårdens budget
3. Koncertrækken 2024
4. Eventuelt

Ad pkt. 1
Dagsordenen blev godkendt.

Ad pkt. 2
Graveren fremlagde budgettet. Budgettet blev godkendt med en pulje til nye træer.

Ad pkt. 3
Der holdes fire koncerter. Birthe kontakter musikerne.

Ad pkt. 4
Intet.
""",
    [
        ("1", "Godkendelse af dagsorden"),
        ("2", "Kirkegårdens budget"),
        ("3", "Koncertrækken 2024"),
        ("4", "Eventuelt"),
    ],
    {"1": "godkendt", "2": "godkendt", "3": "koncerter"},
    (4, 1),
)

doc(
    "andelsbolig-ad.docx",
    "5-adheadings",
    "docx",
    date(2023, 10, 24),
    """
A/B Lærkehøj
Bestyrelsesmøde 24. oktober 2023

Deltagere: Tove, Jakob, Henriette
Afbud: Lasse

Dagsorden:
1. Referat fra sidste møde
2. Altanprojektet
3. Ventelisten

Ad. 1
Referatet godkendt.

Ad. 2
Rådgiveren har sendt tidsplan. Bestyrelsen besluttede at indkalde til ekstraordinær generalforsamling.

Ad. 3
To nye på listen. Taget til efterretning.
""",
    [
        ("1", "Referat fra sidste møde"),
        ("2", "Altanprojektet"),
        ("3", "Ventelisten"),
    ],
    {"1": "godkendt", "2": "generalforsamling", "3": "efterretning"},
    (3, 1),
)

doc(
    "fritidsklub-ad.pdf",
    "5-adheadings",
    "pdf",
    date(2025, 4, 2),
    """
Forældrerådet, Fritidsklubben Kometen
Møde 2. april 2025

Tilstede: Sanne Bjerg, Jonas Kirk, Amalie Toft
Fraværende: Rune Sten

Dagsorden
1) Velkommen og dagsorden
2) Sommerferiens åbningstider
3) Tur til Legoland

Ad 1
Dagsordenen blev godkendt.

Ad 2
Klubben holder lukket i uge 29 og 30. Rådet tiltrådte forslaget.

Ad 3
Turen gennemføres i maj; forældre betaler 100 kr.
""",
    [
        ("1", "Velkommen og dagsorden"),
        ("2", "Sommerferiens åbningstider"),
        ("3", "Tur til Legoland"),
    ],
    {"1": "godkendt", "2": "tiltrådte", "3": "gennemføres"},
    (3, 1),
)

# --- 6. running numbers and case numbers ------------------------------------------

doc(
    "byraad-lobenummer.txt",
    "6-running",
    "txt",
    date(2024, 4, 3),
    """
Referat
Socialudvalget
Onsdag den 3. april 2024 kl. 16.00, Byrådssalen

Medlemmer: Karin Bech (formand), Ole Hjort, Signe Lauesen, Erik Brink, Maria Thy
Fraværende: Erik Brink

Åbne punkter

• 301. Åben dagsorden – godkendelse
Sag nr. 24/1102
Beslutning i Socialudvalget den 03-04-2024
Godkendt.

• 302. Ny bostøttemodel
Sag nr. 23/8810
Resumé
Forvaltningen foreslår en ny model for bostøtte.
Indstilling
Direktionen indstiller, at modellen godkendes.
Beslutning i Socialudvalget den 03-04-2024
Indstillingen blev godkendt.

• 303. Orientering om ventelister
Sag nr. 24/0190
Beslutning i Socialudvalget den 03-04-2024
Taget til efterretning.
""",
    [
        ("301", "Åben dagsorden"),
        ("302", "Ny bostøttemodel"),
        ("303", "Orientering om ventelister"),
    ],
    {"301": "godkendt", "302": "godkendt", "303": "efterretning"},
    (4, 1),
)

doc(
    "udvalg-pkt.docx",
    "6-running",
    "docx",
    date(2023, 9, 12),
    """
Teknik- og Miljøudvalget
Referat fra mødet 12. september 2023

Pkt. 34 Trafiksikkerhedsplan 2024-2027
Sag nr. 12
Udvalget skal tage stilling til planen.
Teknik- og Miljøudvalget, 12-09-2023, pkt. 34
Planen blev vedtaget.

Pkt. 35 Vintertjeneste
Sag nr. 13
Orientering om udbud af vintertjeneste.
Teknik- og Miljøudvalget, 12-09-2023, pkt. 35
Orienteringen taget til efterretning.

Pkt. 36 Cykelsti langs Åvej
Sag nr. 14
Forvaltningen anbefaler projektet.
Teknik- og Miljøudvalget, 12-09-2023, pkt. 36
Udsat til næste møde.
""",
    [
        ("34", "Trafiksikkerhedsplan 2024-2027"),
        ("35", "Vintertjeneste"),
        ("36", "Cykelsti langs Åvej"),
    ],
    {"34": "vedtaget", "35": "efterretning", "36": "udsat"},
)

doc(
    "kommunalbestyrelse-lob.pdf",
    "6-running",
    "pdf",
    date(2024, 12, 10),
    """
Kommunalbestyrelsen
Beslutningsprotokol, tirsdag 10. december 2024

Fraværende: Lene Ask

412. Godkendelse af dagsorden
Beslutning
Godkendt.

413. Takster for 2025
Resumé
Taksterne for affald og vand fastsættes.
Beslutning
Taksterne blev godkendt.

414. Salg af grund på Engvej
Resumé
Der er modtaget et bud.
Beslutning
Salget blev vedtaget.
""",
    [
        ("412", "Godkendelse af dagsorden"),
        ("413", "Takster for 2025"),
        ("414", "Salg af grund på Engvej"),
    ],
    {"412": "godkendt", "413": "godkendt", "414": "vedtaget"},
)

# --- 7. every item numbered "1." ---------------------------------------------------

doc(
    "forening-alle-et.txt",
    "7-allone",
    "txt",
    date(2024, 5, 28),
    """
Referat bestyrelsesmøde i Haveforeningen Rosen
28. maj 2024

Tilstede: Else, Bjarne, Tina og Kurt

1. Godkendelse af dagsorden
Godkendt.

1. Fællesarbejde
Datoer fastlagt: 15. juni og 17. august.

1. Vandpriser
Prisen pr. kubikmeter hæves til 65 kr.

1. Eventuelt
Intet.
""",
    [
        ("1", "Godkendelse af dagsorden"),
        ("2", "Fællesarbejde"),
        ("3", "Vandpriser"),
        ("4", "Eventuelt"),
    ],
    {"1": "godkendt", "2": "fastlagt", "3": "hæves"},
    (4, 0),
)

doc(
    "hal-alle-et.pdf",
    "7-allone",
    "pdf",
    date(2023, 3, 9),
    """
Bestyrelsen for Sognehallen
Møde 9. marts 2023

Deltagere: Flemming Bøg, Anette Riis, Carsten Vad

1. Regnskab
Regnskabet blev godkendt.

1. Udlejning
Nye priser vedtaget fra 1. april.

1. Vedligehold
Gulvet slibes i sommerferien.
""",
    [("1", "Regnskab"), ("2", "Udlejning"), ("3", "Vedligehold")],
    {"1": "godkendt", "2": "vedtaget", "3": "slibes"},
    (3, 0),
)

doc(
    "borgerforening-liste.docx",
    "7-allone",
    "docx",
    date(2025, 5, 19),
    """
Borgerforeningen Sønderbro
Referat af bestyrelsesmøde 19. maj 2025

Tilstede: Ruth Hvid, Allan Kok, Dorthe Rask
Afbud: Søren Holst

#. Sankthans
Båltaler fundet. Foreningen betaler musikken.

#. Medlemsblad
Næste nummer udkommer i juni. Godkendt.

#. Økonomi
Kassereren orienterede. Taget til efterretning.
""",
    [("1", "Sankthans"), ("2", "Medlemsblad"), ("3", "Økonomi")],
    {"1": "betaler", "2": "godkendt", "3": "efterretning"},
    (3, 1),
)

# --- 8. heading styles: "1: TITLE", "Punkt 1 –", "1)", "A.", "I.", "§ 1" ----------

doc(
    "generalforsamling-caps.txt",
    "8-headings",
    "txt",
    date(2024, 3, 21),
    """
REFERAT AF ORDINÆR GENERALFORSAMLING
Grundejerforeningen Kildevang, torsdag den 21. marts 2024

Fremmødte: 23 husstande

1: VALG AF DIRIGENT
Bent Aagesen blev valgt.

2: BESTYRELSENS BERETNING
Beretningen blev godkendt.

3: REGNSKAB
Regnskabet blev godkendt uden bemærkninger.

4: FORSLAG OM FARTBUMP
Forslaget blev vedtaget med 15 stemmer mod 6.
""",
    [
        ("1", "Valg af dirigent"),
        ("2", "Bestyrelsens beretning"),
        ("3", "Regnskab"),
        ("4", "Forslag om fartbump"),
    ],
    {"1": "valgt", "2": "godkendt", "3": "godkendt", "4": "vedtaget"},
)

doc(
    "roman-punkt.docx",
    "8-headings",
    "docx",
    date(2023, 6, 13),
    """
Referat – møde i Integrationsrådet
13. juni 2023

Deltagere: Fatima Ali, Jens Rask, Aylin Demir, Morten Skou
Fraværende: Omar Haddad

Punkt 1 – Godkendelse af dagsorden
Godkendt.

Punkt 2 – Sprogcafé
Rådet besluttede at støtte sprogcaféen med 5.000 kr.

Punkt 3 – Temamøde i efteråret
Det blev aftalt, at Jens finder en oplægsholder.
""",
    [
        ("1", "Godkendelse af dagsorden"),
        ("2", "Sprogcafé"),
        ("3", "Temamøde i efteråret"),
    ],
    {"1": "godkendt", "2": "støtte", "3": "oplægsholder"},
    (4, 1),
)

doc(
    "paragraf-roman.pdf",
    "8-headings",
    "pdf",
    date(2024, 11, 26),
    """
Repræsentantskabsmøde i Fjordens Boligselskab
26. november 2024

§ 1 Valg af dirigent
Advokat Lene Berg blev valgt.

§ 2 Budget 2025
Budgettet blev vedtaget.

§ 3 Valg til bestyrelsen
Ole Nygaard genvalgt.
""",
    [("1", "Valg af dirigent"), ("2", "Budget 2025"), ("3", "Valg til bestyrelsen")],
    {"1": "valgt", "2": "vedtaget", "3": "genvalgt"},
)

doc(
    "roman-numerals.txt",
    "8-headings",
    "txt",
    date(2025, 6, 5),
    """
Brugerrådet, Aktivitetscentret Lyngen
Referat, torsdag 5. juni 2025

Til stede: Gudrun Bak, Erling Hviid, Vibeke Storm

I. Godkendelse af dagsorden
Godkendt.

II. Sommerudflugt
Turen går til Skagen; tilmelding senest 1. juli.

III. Caféens åbningstid
Forslaget blev vedtaget.
""",
    [
        ("1", "Godkendelse af dagsorden"),
        ("2", "Sommerudflugt"),
        ("3", "Caféens åbningstid"),
    ],
    {"1": "godkendt", "2": "skagen", "3": "vedtaget"},
    (3, 0),
)

# --- 9. title and outcome on one line ---------------------------------------------

doc(
    "sameline-dash.txt",
    "9-sameline",
    "txt",
    date(2024, 8, 20),
    """
Referat af styregruppemøde 20. august 2024
Projekt Grøn Omstilling

Deltagere: Birk Nielsen, Agnete Holm, Sune Frost
Afbud: Lotte Ebbe

1. Godkendelse af dagsorden Godkendt
2. Status på solcelleanlæg – taget til efterretning
3. Budgetrevision – godkendt med en reserve på 100.000 kr.
4. Kommunikationsplan Udsat
""",
    [
        ("1", "Godkendelse af dagsorden"),
        ("2", "Status på solcelleanlæg"),
        ("3", "Budgetrevision"),
        ("4", "Kommunikationsplan"),
    ],
    {"1": "godkendt", "2": "efterretning", "3": "godkendt", "4": "udsat"},
    (3, 1),
)

doc(
    "sameline-docx.docx",
    "9-sameline",
    "docx",
    date(2023, 4, 17),
    """
Bestyrelsen for Vandværket Nørreå
Referat 17. april 2023

Tilstede: Arne Kjær, Inge Dahl, Palle Mose

1. Referat fra sidste møde – godkendt
2. Ny boring – vedtaget
3. Takstblad 2024 – udsat til næste møde
""",
    [("1", "Referat fra sidste møde"), ("2", "Ny boring"), ("3", "Takstblad 2024")],
    {"1": "godkendt", "2": "vedtaget", "3": "udsat"},
    (3, 0),
)

doc(
    "sameline-pdf.pdf",
    "9-sameline",
    "pdf",
    date(2025, 9, 8),
    """
Referat, møde i Seniorrådet 8. september 2025

Deltagere: Karen Munk, Egon Thomsen, Lis Ravn, Svend Aa

1. Godkendelse af dagsorden – godkendt
2. Høring om buslinjer – rådet sender høringssvar
3. Julefrokost – afholdes 5. december
""",
    [
        ("1", "Godkendelse af dagsorden"),
        ("2", "Høring om buslinjer"),
        ("3", "Julefrokost"),
    ],
    {"1": "godkendt", "2": "høringssvar", "3": "afholdes"},
    (4, 0),
)

# --- 10. municipal committee layout -----------------------------------------------

doc(
    "udvalg-resume.pdf",
    "10-committee",
    "pdf",
    date(2024, 6, 11),
    """
Børne- og Skoleudvalget
Referat
Mødedato: 11. juni 2024

Medlemmer: Tina Lorentzen, Bjørn Kragh, Susanne Dal, Henrik Bay
Fraværende: Henrik Bay

Åbne punkter

1. Skoledistrikter fra 2025
Resumé
Der foreslås nye skoledistrikter.
Sagsfremstilling
Elevtallet i nord stiger.
Indstilling
Forvaltningen indstiller, at forslaget sendes i høring.
Beslutning
Indstillingen godkendt.

2. Kvalitetsrapport
Resumé
Kvalitetsrapporten fremlægges.
Indstilling
At rapporten tages til efterretning.
Beslutning
Taget til efterretning.

Lukkede punkter

3. Personalesag
Beslutning
Godkendt.
""",
    [
        ("1", "Skoledistrikter fra 2025"),
        ("2", "Kvalitetsrapport"),
        ("3", "Personalesag"),
    ],
    {"1": "godkendt", "2": "efterretning", "3": "godkendt"},
    (3, 1),
)

doc(
    "udvalg-resume.docx",
    "10-committee",
    "docx",
    date(2023, 12, 5),
    """
Kultur- og Fritidsudvalget
Referat, tirsdag den 5. december 2023 kl. 15.30

Deltagere: Lars Grøn, Hanna Vig, Mikael Sø
Afbud: Anne Moos

Åbne punkter
## 1. Folkeoplysningspolitik
Resumé
Politikken er revideret.
Indstilling
Det indstilles, at politikken godkendes.
Beslutning
Godkendt.
## 2. Tilskud til musikskolen
Resumé
Musikskolen søger ekstra tilskud.
Beslutning
Ansøgningen blev afslået.
Lukkede punkter
## 3. Lejeaftale
Beslutning
Godkendt.
""",
    [
        ("1", "Folkeoplysningspolitik"),
        ("2", "Tilskud til musikskolen"),
        ("3", "Lejeaftale"),
    ],
    {"1": "godkendt", "2": "afslået", "3": "godkendt"},
    (3, 1),
)

doc(
    "udvalg-sagsfremstilling.txt",
    "10-committee",
    "txt",
    date(2025, 10, 28),
    """
Klima- og Planudvalget
Beslutningsreferat tirsdag 28. oktober 2025

Deltagere: Niels Hald, Ida Kopp, Anja Bøje
Fraværende: Thor Vind

Åbne punkter

3. Lokalplan for Havnefronten
Sagsfremstilling
Planforslaget har været i offentlig høring.
Indstilling
At lokalplanen vedtages endeligt.
Beslutning i Klima- og Planudvalget den 28-10-2025
Indstillingen blev vedtaget.

4. Klimahandleplan, status
Sagsfremstilling
Status på de 12 indsatser.
Beslutning i Klima- og Planudvalget den 28-10-2025
Orienteringen blev taget til efterretning.
""",
    [
        ("3", "Lokalplan for Havnefronten"),
        ("4", "Klimahandleplan"),
    ],
    {"3": "vedtaget", "4": "efterretning"},
    (3, 1),
)

# --- 11. decisions without a label --------------------------------------------------

doc(
    "prosa-besluttede.txt",
    "11-prose",
    "txt",
    date(2024, 2, 7),
    """
Referat af bestyrelsesmøde i Foreningen Åkanden
7. februar 2024

Til stede: Lise Kirk, Allan Juhl, Marianne Ø

1. Godkendelse af referat
Godkendt.

2. Sommerfest
Der var flere forslag til sted. Bestyrelsen besluttede at holde festen i præstegårdshaven.

3. Ny kasserer
Allan stopper til sommer.
Det blev aftalt, at Lise spørger Marianne.

4. Hjemmeside
Udsat til næste møde.
""",
    [
        ("1", "Godkendelse af referat"),
        ("2", "Sommerfest"),
        ("3", "Ny kasserer"),
        ("4", "Hjemmeside"),
    ],
    {"1": "godkendt", "2": "præstegårdshaven", "3": "aftalt", "4": "udsat"},
    (3, 0),
)

doc(
    "prosa-sidste-afsnit.docx",
    "11-prose",
    "docx",
    date(2023, 1, 31),
    """
Dagsorden med referat
Styregruppen for Fælles Rekruttering, 31. januar 2023

Deltagere: Jesper Lind, Anne Kold, Martin Vej, Rikke Aa
Afbud: Helle Strand

1. Status på kampagnen
Kampagnen har nået 40.000 visninger. Der er kommet 18 ansøgninger.
Styregruppen tog status til efterretning.

2. Budget for andet halvår
Sekretariatet fremlagde et forslag på 250.000 kr.
Styregruppen godkendte budgettet.

3. Evaluering
Evalueringen gennemføres af et eksternt firma.
Udsat til næste møde.
""",
    [
        ("1", "Status på kampagnen"),
        ("2", "Budget for andet halvår"),
        ("3", "Evaluering"),
    ],
    {"1": "efterretning", "2": "godkendte", "3": "udsat"},
    (4, 1),
)

doc(
    "prosa-aftalt.pdf",
    "11-prose",
    "pdf",
    date(2025, 11, 12),
    """
Referat – Elevrådet på Bakkeskolen
12. november 2025

Til stede: Emma, Noah, Freja, Oscar, Alma

1. Skolebal
Der var stemning for et bal i februar. Det blev aftalt, at 9.b står for musikken.

2. Boldbaner
Eleverne ønsker nye mål. Elevrådet besluttede at skrive til skolelederen.

3. Kantinen
Vi talte om priserne. Taget til efterretning.
""",
    [("1", "Skolebal"), ("2", "Boldbaner"), ("3", "Kantinen")],
    {"1": "musikken", "2": "skolelederen", "3": "efterretning"},
    (5, 0),
)

# --- attendance variants -----------------------------------------------------------

doc(
    "fremmoede-roller.txt",
    "attendance",
    "txt",
    date(2024, 4, 9),
    """
Bestyrelsesmøde i Boligforeningen Lyngbo
9. april 2024

Til stede
Formand Charlotte Zon
Næstformand Per Kvist
Anna Hallgren #72
Ib Møller #14

Fraværende med afbud
Kasserer Hanne Bo

1. Godkendelse af dagsorden
Godkendt.

2. Varmeregnskab
Taget til efterretning.
""",
    [("1", "Godkendelse af dagsorden"), ("2", "Varmeregnskab")],
    {"1": "godkendt", "2": "efterretning"},
    (4, 1),
)

doc(
    "skole-grupper.docx",
    "attendance",
    "docx",
    date(2023, 9, 19),
    """
Skolebestyrelsesmøde, Vestre Skole
19. september 2023

Deltagere:
Forældrevalgte: Mette Dal, Kim Berg, Louise Eg
Medarbejderrepræsentanter: Johan Nør, Pia Vest
Elevrepræsentanter: Sofie Brink
Afbud fra: Bo Søndergaard

1. Godkendelse af dagsorden
Godkendt.

2. Trivselsmåling
Pia Vest var fraværende under punkt 2.
Resultaterne blev drøftet. Taget til efterretning.
""",
    [("1", "Godkendelse af dagsorden"), ("2", "Trivselsmåling")],
    {"1": "godkendt", "2": "efterretning"},
    (6, 1),
)

doc(
    "en-linje-header.pdf",
    "attendance",
    "pdf",
    date(2025, 1, 14),
    """
Referat fra møde i Handicaprådet 14. januar 2025. Tilstede: Marlene, Rune og Anne. Afbud: Kristian

1. Godkendelse af dagsorden
Godkendt.

2. Tilgængelighed på stationen
Rådet sender brev til kommunen.
""",
    [("1", "Godkendelse af dagsorden"), ("2", "Tilgængelighed på stationen")],
    {"1": "godkendt", "2": "brev"},
    (3, 1),
)

doc(
    "medlemmer-uden-kolon.txt",
    "attendance",
    "txt",
    date(2024, 10, 15),
    """
Referat
Landdistriktsrådet
15. oktober 2024

Medlemmer Kirsten Lau, Hans Bro, Ove Riis, Jytte Pind
Fraværende Ove Riis

1. Godkendelse af dagsorden
Godkendt.

2. Landsbypuljen
Der blev fordelt 200.000 kr. til seks projekter.
""",
    [("1", "Godkendelse af dagsorden"), ("2", "Landsbypuljen")],
    {"1": "godkendt", "2": "fordelt"},
    (3, 1),
)

# --- date variants -------------------------------------------------------------------

doc(
    "dato-webside.txt",
    "dates",
    "txt",
    date(2024, 11, 20),
    """
Offentliggjort 28.11.2024

Referat fra bestyrelsesmødet onsdag den 20. november 2024

Til stede: Søren Alm, Kate Berg, Rolf Ahl

1. Godkendelse af dagsorden
Godkendt.

2. Budget
Budgettet blev vedtaget.
""",
    [("1", "Godkendelse af dagsorden"), ("2", "Budget")],
    {"1": "godkendt", "2": "vedtaget"},
    (3, 0),
)

doc(
    "dato-forkert-ugedag.docx",
    "dates",
    "docx",
    date(2023, 5, 9),
    """
Referat
Samarbejdsudvalget
Dato: Onsdag den 9. maj 2023 kl. 13-15

Deltagere: Kaj Holm, Britt Mai, Finn Ask

1. Godkendelse af dagsorden
Godkendt.

2. Sygefravær
Taget til efterretning.
""",
    [("1", "Godkendelse af dagsorden"), ("2", "Sygefravær")],
    {"1": "godkendt", "2": "efterretning"},
    (3, 0),
)

doc(
    "dato-uden-aar.pdf",
    "dates",
    "pdf",
    date(2026, 9, 17),
    """
Referat af møde i Naturrådet
Torsdag 17. september

Tilstede: Karl Eng, Bodil Sø, Jens Mark

1. Godkendelse af dagsorden
Godkendt.

2. Naturpleje på engen
Rådet anbefaler afgræsning med kvæg.
""",
    [("1", "Godkendelse af dagsorden"), ("2", "Naturpleje på engen")],
    {"1": "godkendt", "2": "anbefaler"},
    (3, 0),
)

doc(
    "dato-kort.txt",
    "dates",
    "txt",
    date(2022, 12, 1),
    """
Referat bestyrelsesmøde 1.12-22

Til stede: Nana, Viggo, Ebbe

1. Julefrokost
Holdes 16. december. Godkendt.

2. Kontingent
Uændret.
""",
    [("1", "Julefrokost"), ("2", "Kontingent")],
    {"1": "godkendt"},
    (3, 0),
)

# --- headings the file marks by style or font, without numbers -----------------------

doc(
    "overskrifter-stil.docx",
    "styled",
    "docx",
    date(2024, 2, 27),
    """
## Referat
Beboerrådet i Sydparken, tirsdag 27. februar 2024

Til stede: Rasmus Holt, Gitte Lund, Vagn Ernst

## Opgangsfesten
Festen holdes i juni. Der var enighed om at bede om et tilskud.
Beslutning: Rådet søger afdelingen om 4.000 kr.

## Affaldssortering
Flere beboere klager over containerne ved blok C.
Beslutning: Rasmus kontakter ejendomskontoret.

## Næste møde
Aftales pr. mail.
""",
    [("1", "Opgangsfesten"), ("2", "Affaldssortering"), ("3", "Næste møde")],
    {"1": "søger", "2": "kontakter"},
    (3, 0),
)

doc(
    "fed-skrift.pdf",
    "styled",
    "pdf",
    date(2025, 8, 25),
    """
Referat af møde i Musikforeningen Takt
25. august 2025

Deltagere: Lærke Bonde, Frits Mørk, Oda Jessen
Afbud: Bent Sommer

**Sæsonprogram**
Efterårets seks koncerter blev gennemgået. Programmet blev godkendt.

**Frivillige**
Vi mangler folk i baren. Oda laver en vagtplan.

**Økonomi**
Kassen viser 41.000 kr. Taget til efterretning.
""",
    [("1", "Sæsonprogram"), ("2", "Frivillige"), ("3", "Økonomi")],
    {"1": "godkendt", "2": "vagtplan", "3": "efterretning"},
    (3, 1),
)

doc(
    "fed-afsnit.docx",
    "styled",
    "docx",
    date(2023, 11, 29),
    """
Bestyrelsen for Dagplejeforeningen
Referat onsdag 29. november 2023

Tilstede: Mona Frost, Kim Lyng, Dorte Bæk

**Legestuen**
Lokalet er lejet til og med juni. Bestyrelsen besluttede at forlænge lejen et år.

**Juleaften for børnene**
Det blev aftalt, at Kim køber gaver.

**Hjemmesiden**
Ingen nyt.
""",
    [("1", "Legestuen"), ("2", "Juleaften for børnene"), ("3", "Hjemmesiden")],
    {"1": "forlænge", "2": "gaver"},
    (3, 0),
)
