"""Minutes written after the parser was tuned on corpus.py, scored once before any fix.

First run: items 14/19, decisions 9/13, dates 6/6, attendance 4/5, none refused. The
misses (an outcome list under an agenda list, names with workplaces under a bare
"Til stede:") were fixed afterwards, so these are regression cases now.
"""

from __future__ import annotations

from datetime import date

# (text, date, [(number, title)], {number: word of its decision}, (present, absent) or None)
CASES: list[tuple[str, date, list[tuple[str, str]], dict[str, str], tuple[int, int] | None]] = [
    (
        """Referat af ordinær generalforsamling i Kajakklubben Måge
Søndag d. 25. februar 2024 kl. 14 i klubhuset. 31 stemmeberettigede mødt.

Ad. 1 Valg af dirigent og referent
Bestyrelsen foreslog Kurt Lind som dirigent, han blev valgt. Referent: Sofie.

Ad. 2 Formandens beretning
Formanden fortalte om sæsonen. Beretningen blev enstemmigt godkendt.

Ad. 3 Fremlæggelse af regnskab
Kassereren gennemgik regnskabet. Regnskabet blev godkendt.

Ad. 4 Indkomne forslag
Forslag om nyt bådhus: vedtaget med 22 for og 9 imod.
""",
        date(2024, 2, 25),
        [
            ("1", "Valg af dirigent og referent"),
            ("2", "Formandens beretning"),
            ("3", "Fremlæggelse af regnskab"),
            ("4", "Indkomne forslag"),
        ],
        {"1": "valgt", "2": "godkendt", "3": "godkendt", "4": "vedtaget"},
        None,
    ),
    (
        """MØDEREFERAT
Projekt: Cykelsti Nord
Mødedato: 21.08.2024
Deltagere: Peter Ravn (PR), Lone Hjort (LH), Jakob Due (JD)
Fraværende: Mia Kjær (MK)

Punkt 1. Opfølgning fra sidst
Alle aftaler er fulgt op.
Punkt 2. Ekspropriation
LH orienterede. Der mangler aftale med to lodsejere.
Aftale: JD kontakter lodsejerne inden 1/9.
Punkt 3. Eventuelt
Intet.
""",
        date(2024, 8, 21),
        [("1", "Opfølgning fra sidst"), ("2", "Ekspropriation"), ("3", "Eventuelt")],
        {"2": "lodsejerne"},
        (3, 1),
    ),
    (
        """Bestyrelsesmøde i Andelsboligforeningen Lindegården
Dato: 6. november 2023
Tilstede: Jesper, Maria, Anders, Kirsten
Afbud: Hans

Dagsorden
1. Godkendelse af referat fra sidste møde
2. Økonomi
3. Vedligeholdelse
4. Eventuelt

1. Referatet godkendt.
2. Kassereren gennemgik status; økonomien ser fornuftig ud.
3. Tagrenderne renses i november; Anders bestiller firma.
4. Intet.
""",
        date(2023, 11, 6),
        [
            ("1", "Godkendelse af referat"),
            ("2", "Økonomi"),
            ("3", "Vedligeholdelse"),
            ("4", "Eventuelt"),
        ],
        {"1": "godkendt", "3": "tagrenderne"},
        (4, 1),
    ),
    (
        """Referat
Netværksmøde for skolesekretærer
Torsdag den 7. marts 2024

Til stede:
Bente Lund, Vestskolen
Gitte Holm, Østskolen
Susanne Krag, Midtskolen

Afbud:
Lene Storm, Nordskolen

Nyt skolesystem
Overgangen sker til sommer. Der holdes kursus i maj. Det blev aftalt at dele vejledninger.

Elevindskrivning
Datoerne for indskrivning er fastlagt til uge 48.
""",
        date(2024, 3, 7),
        [("1", "Nyt skolesystem"), ("2", "Elevindskrivning")],
        {"1": "vejledninger", "2": "fastlagt"},
        (3, 1),
    ),
    (
        """Referat fra møde i Grøn Klub onsdag 10/4 2024

Deltagere: Rasmus, Lea, Ida, Tobias

Punkt 1: Plantedag
Vi holder plantedag 4. maj. Lea køber planter for max 2000 kr. - godkendt

Punkt 2: Økonomi
Der er 5.300 kr. i kassen.

Punkt 3: Nye medlemmer
Vi laver en flyer. Tobias står for det.
""",
        date(2024, 4, 10),
        [("1", "Plantedag"), ("2", "Økonomi"), ("3", "Nye medlemmer")],
        {"1": "godkendt", "3": "flyer"},
        (4, 0),
    ),
    (
        """Dagsorden og referat – Styregruppe for Sundt Arbejdsliv
Tid og sted: 12. juni 2025 kl. 13-15, Rådhuset

Deltagere: Tine Borg (formand), Carsten Lyng, Anne Marie Dal, Per Ho
Afbud: Per Ho

Pkt. 1 Godkendelse af dagsorden
Referat: Dagsordenen blev godkendt.

Pkt. 2 Trivselsundersøgelse 2025
Indstilling: Styregruppen drøfter resultaterne.
Referat: Resultaterne blev drøftet. Der nedsættes en arbejdsgruppe.

Pkt. 3 Eventuelt
Referat: Intet.
""",
        date(2025, 6, 12),
        [("1", "Godkendelse af dagsorden"), ("2", "Trivselsundersøgelse 2025"), ("3", "Eventuelt")],
        {"1": "godkendt", "2": "arbejdsgruppe"},
        (3, 1),
    ),
]
