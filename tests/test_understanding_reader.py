"""The pure reader over the whole message set: intents and slots, fast (no bot, no database)."""

from __future__ import annotations

import pytest

from bot.understanding import Intent, read
from bot.understanding.reader import STATE_CHANGES
from bot.understanding.text import fold
from tests.understanding_set import NOW, load_cases, mismatches

CASES = load_cases()


def _read(case_text: str, where: str, in_thread: bool) -> object:
    return read(case_text, where=where, now=NOW, in_thread=in_thread)  # type: ignore[arg-type]


def test_the_set_is_large_and_varied() -> None:
    intents = {c.intent for c in CASES}
    assert len(CASES) >= 300
    assert {i.value for i in Intent} <= intents
    assert sum(c.intent == "chat" for c in CASES) >= 40
    english = [c for c in CASES if not any(ch in c.text.lower() for ch in "æøå")]
    assert len(english) > len(CASES) * 0.3
    assert len({c.text for c in CASES}) == len(CASES)


def test_the_reader_understands_at_least_95_percent() -> None:
    failures = []
    for case in CASES:
        reading = read(
            case.text,
            where=case.where,  # type: ignore[arg-type]
            now=NOW,
            in_thread=case.thread_meeting is not None,
        )
        problems = mismatches(case, reading)
        if problems:
            failures.append(f"{case.text!r}: {'; '.join(problems)}")
    rate = 1 - len(failures) / len(CASES)
    assert rate >= 0.95, f"{rate:.1%} understood; misread:\n" + "\n".join(failures)


def test_chat_is_never_a_state_change() -> None:
    for case in CASES:
        if case.intent != "chat":
            continue
        reading = read(
            case.text,
            where=case.where,  # type: ignore[arg-type]
            now=NOW,
            in_thread=case.thread_meeting is not None,
        )
        assert reading.intent is Intent.CHAT, case.text


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("JEG KAN IKKE DELTAGE", Intent.AFBUD),
        ("jeg kan ikke deltage", Intent.AFBUD),
        ("hvem har meldt afbud?", Intent.ATTENDANCE_QUESTION),
        ("opgave 12 er klaret", Intent.TASK_DONE),
        ("tak", Intent.THANKS),
        ("", Intent.UNKNOWN),
    ],
)
def test_cues_are_found_whatever_the_case_and_spelling(text: str, intent: Intent) -> None:
    assert read(text, now=NOW).intent is intent


def test_a_task_number_is_never_a_new_task() -> None:
    reading = read("opgave 2 er klaret", now=NOW)
    assert reading.intent is Intent.TASK_DONE and reading.task_number == 2


def test_folding_keeps_the_original_spans() -> None:
    folded = fold("Økonomi på dagsordenen")
    start = folded.text.index("paa")
    assert folded.cut(start, start + 3) == "på"
    assert folded.text.startswith("oekonomi")


# A second voice: messages written after the set, to check the lexicon generalises.
SECOND_VOICE = [
    ("Godmorgen. Jeg bliver desværre nødt til at melde fra i morgen, barn syg", Intent.AFBUD),
    ("Hej, vil bare lige sige at jeg ikke når mødet d. 11. dec", Intent.AFBUD),
    ("jeg er til tandlæge på fredag og kan derfor ikke deltage", Intent.AFBUD),
    ("Desværre forhindret 16/4 (direktionsmøde)", Intent.AFBUD),
    ("Can't attend Jan 15 - family matters", Intent.AFBUD),
    ("Im not able to join next week's meeting", Intent.AFBUD),
    ("Afbud 12.3 – Lise Holm deltager for Næstved", Intent.AFBUD),
    ("Jeg når det alligevel til fredag!", Intent.ATTEND),
    ("Fjern mit afbud, jeg kommer", Intent.ATTEND),
    ("Good news, I can join on Friday after all", Intent.ATTEND),
    ("Hvem deltager i næste møde?", Intent.ATTENDANCE_QUESTION),
    ("Har Jens meldt afbud?", Intent.ATTENDANCE_QUESTION),
    ("Hvor mange er vi på fredag?", Intent.ATTENDANCE_QUESTION),
    ("Who's attending on the 11th?", Intent.ATTENDANCE_QUESTION),
    ("Nyt punkt til dagsorden: Samarbejde med jobcentrene", Intent.PROPOSE),
    ("jeg ønsker et punkt om sygefravær på næste møde", Intent.PROPOSE),
    ("Kan du tilføje 'Orientering om KL-udspil' til dagsordenen for januar?", Intent.PROPOSE),
    ("Vi bør drøfte kapacitetsanalysen – kan det komme på dagsordenen?", Intent.PROPOSE),
    ("Please add an item on housing first to the March meeting", Intent.PROPOSE),
    ("Tilføj et punkt: Status på rekruttering (orientering)", Intent.PROPOSE),
    ("Mille skal sende referatet ud inden fredag", Intent.TASK_CREATE),
    ("Opret opgave: Bo ringer til KL senest 30/11", Intent.TASK_CREATE),
    ("<@U0MAR> står for at booke lokale til marts", Intent.TASK_CREATE),
    ("Jens, du tager dig af invitationerne inden 1/12", Intent.TASK_CREATE),
    ("Opgave 6 er fikset", Intent.TASK_DONE),
    ("færdig med opgave #2", Intent.TASK_DONE),
    ("Action item 5 is done now", Intent.TASK_DONE),
    ("Kan vi flytte mødet den 16/4 til den 23/4 kl 10?", Intent.MEETING_MOVE),
    ("Mødet 3/5 rykkes til 10/5 kl. 13", Intent.MEETING_MOVE),
    ("Aflys venligst mødet 12/3", Intent.MEETING_CANCEL),
    ("Januarmødet er hermed aflyst", Intent.MEETING_CANCEL),
    ("Opret nyt møde 17/6 kl 9-12, Rådhuset", Intent.MEETING_CREATE),
    ("hvad kan du hjælpe mig med", Intent.HELP),
    ("Er der en vejledning til dig?", Intent.HELP),
    ("tak for hurtigt svar", Intent.THANKS),
    ("Fint, tak!", Intent.THANKS),
    ("Hvad besluttede vi om kørselsordningen i 2023?", Intent.QUESTION),
    ("Har styregruppen drøftet hjemløshed før?", Intent.QUESTION),
    ("Hvem havde ansvaret for tilbudsoversigten sidste år?", Intent.QUESTION),
    ("Did we ever approve the new rate model?", Intent.QUESTION),
    ("Hej Referent. Jeg må desværre sende afbud til d. 15/1 da jeg har ferie.", Intent.AFBUD),
    ("Jeg har en anden aftale den 11/12 og kan derfor ikke komme", Intent.AFBUD),
    ("Er desværre bortrejst 12/2 - kommer ikke", Intent.AFBUD),
    ("hej - deltager ikke fredag (kursus)", Intent.AFBUD),
    ("Mig og min kollega kan ikke komme i december", Intent.AFBUD),
    ("Sorry, I have a clash on the 15th of January and can't come", Intent.AFBUD),
    ("Please note that I will be absent on 12/2", Intent.AFBUD),
    ("Tilmeld mig igen til fredag, jeg kan alligevel godt", Intent.ATTEND),
    ("jeg kommer jo alligevel, så slet afbuddet", Intent.ATTEND),
    ("Hvem kommer til mødet i morgen?", Intent.ATTENDANCE_QUESTION),
    ("hvem mangler at svare på om de kommer?", Intent.ATTENDANCE_QUESTION),
    ("Has anyone sent apologies for Friday?", Intent.ATTENDANCE_QUESTION),
    ("Er Margrethe med på fredag?", Intent.ATTENDANCE_QUESTION),
    ("Punkt til dagsorden: Orientering fra KKR", Intent.PROPOSE),
    ("Jeg foreslår at vi tager status på den nye handicappolitik op i januar", Intent.PROPOSE),
    ("Må jeg få et punkt på næste møde om kørsel af borgere?", Intent.PROPOSE),
    ("sæt venligst 'budgetopfølgning Q3' på dagsordenen", Intent.PROPOSE),
    ("Suggest we add 'Recruitment strategy' to the next agenda", Intent.PROPOSE),
    ("Kan vi drøfte ny model for visitation på mødet den 12/3?", Intent.PROPOSE),
    ("<@U0PIA> laver et udkast til kommissorium senest 1/12", Intent.TASK_CREATE),
    ("Kan du give Bo opgaven at kontakte regionen inden jul?", Intent.TASK_CREATE),
    ("Opfølgning: Mille sender tallene til alle inden 5/12", Intent.TASK_CREATE),
    ("Jens undersøger sagen og vender tilbage inden næste møde", Intent.TASK_CREATE),
    ("opgave nr 7 er udført", Intent.TASK_DONE),
    ("Jeg har lavet opgave 3 nu", Intent.TASK_DONE),
    ("#4 er klar", Intent.TASK_DONE),
    ("Task #8 is closed", Intent.TASK_DONE),
    ("Mødet d. 11/12 flyttes til d. 14/12 kl. 10", Intent.MEETING_MOVE),
    ("ryk januar-mødet til den 22. kl 13", Intent.MEETING_MOVE),
    ("Vi er nødt til at aflyse mødet den 12/2", Intent.MEETING_CANCEL),
    ("Mødet i april er aflyst", Intent.MEETING_CANCEL),
    ("Drop mødet på fredag", Intent.MEETING_CANCEL),
    ("Planlæg et møde den 10. juni kl 9-11 i Ringsted", Intent.MEETING_CREATE),
    ("Vi skal have et nyt møde 24/6 kl 13", Intent.MEETING_CREATE),
    ("Hvad er det du kan?", Intent.HELP),
    ("Hvad kan jeg skrive til dig?", Intent.HELP),
    ("Hvordan bruger man referent?", Intent.HELP),
    ("tak tak", Intent.THANKS),
    ("1000 tak!", Intent.THANKS),
    ("Thank you!", Intent.THANKS),
    ("Hvad sagde vi sidst om kapaciteten på botilbud?", Intent.QUESTION),
    ("Blev budgettet for 2026 godkendt?", Intent.QUESTION),
    ("find beslutninger om ungeindsatsen", Intent.QUESTION),
    ("What did the group say about transport in 2025?", Intent.QUESTION),
    ("Hejsa! Desværre kan jeg ikke komme d. 11/12, der er personalemøde", Intent.AFBUD),
    ("mødet den 15. januar må jeg melde fra til", Intent.AFBUD),
    ("Det bliver uden mig på fredag", Intent.AFBUD),
    ("jeg har fået forfald til mødet på fredag", Intent.AFBUD),
    ("Beklager, men jeg kan ikke være til stede 12/2", Intent.AFBUD),
    ("Jeg er ikke med næste gang", Intent.AFBUD),
    ("Regner ikke med at kunne deltage i mødet i marts", Intent.AFBUD),
    ("Kan desværre ikke i morgen", Intent.AFBUD),
    ("Afbud - sygdom", Intent.AFBUD),
    ("I'm out sick, won't make the meeting", Intent.AFBUD),
    ("Apologies – double booked on the 11th", Intent.AFBUD),
    ("can't join on friday, sorry folks", Intent.AFBUD),
    ("Jeg er ude at rejse den 12/2 og kan derfor ikke deltage", Intent.AFBUD),
    ("Jeg kan godt alligevel", Intent.ATTEND),
    ("Alligevel kan jeg godt deltage på fredag", Intent.ATTEND),
    ("Du kan godt slette mit afbud", Intent.ATTEND),
    ("My plans changed, I can attend after all", Intent.ATTEND),
    ("Hvem har sagt de kommer på fredag?", Intent.ATTENDANCE_QUESTION),
    ("Ved du om Bo kommer?", Intent.ATTENDANCE_QUESTION),
    ("Hvor mange har tilmeldt sig?", Intent.ATTENDANCE_QUESTION),
    ("is anyone absent on Friday?", Intent.ATTENDANCE_QUESTION),
    ("Jeg vil gerne rejse spørgsmålet om transport på næste møde", Intent.PROPOSE),
    ("Kunne vi få drøftet takstudviklingen på et kommende møde?", Intent.PROPOSE),
    ("Et punkt til næste gang: Opfølgning på tilsynsrapporter", Intent.PROPOSE),
    ("Vil du sætte 'Evaluering af projekt X' på dagsordenen", Intent.PROPOSE),
    ("I'd like to raise the issue of staff turnover at the next meeting", Intent.PROPOSE),
    ("Can we discuss the IT contract at the January meeting?", Intent.PROPOSE),
    ("forslag: nyt punkt om børnehandicap", Intent.PROPOSE),
    ("Lad os tage økonomien op på mødet i december", Intent.PROPOSE),
    ("Bo, kan du sørge for at sende tallene inden fredag?", Intent.TASK_CREATE),
    ("Pia står for at indkalde arbejdsgruppen senest 10/12", Intent.TASK_CREATE),
    ("Ny to-do: Mille opdaterer hjemmesiden", Intent.TASK_CREATE),
    ("Please create an action item: Jens to circulate the draft by Monday", Intent.TASK_CREATE),
    ("opgave 3 er ordnet", Intent.TASK_DONE),
    ("Opgave #5 kan lukkes", Intent.TASK_DONE),
    ("task 2 completed", Intent.TASK_DONE),
    ("jeg har løst opgave 4", Intent.TASK_DONE),
    ("Vi flytter mødet 12/3 til kl. 9", Intent.MEETING_MOVE),
    ("mødet på fredag rykkes en time til kl 14", Intent.MEETING_MOVE),
    ("Can we move the December meeting to the 14th at 10?", Intent.MEETING_MOVE),
    ("Mødet 16/4 aflyses", Intent.MEETING_CANCEL),
    ("Der bliver ikke noget møde i januar", Intent.MEETING_CANCEL),
    ("we're cancelling Friday's meeting", Intent.MEETING_CANCEL),
    ("Opret møde 5/6 kl 10-12", Intent.MEETING_CREATE),
    ("Kan du lave et nyt møde den 20. juni kl. 13?", Intent.MEETING_CREATE),
    ("Hvad kan jeg bruge dig til?", Intent.HELP),
    ("Hvordan virker det her?", Intent.HELP),
    ("hjælp mig", Intent.HELP),
    ("any tips on how to use you?", Intent.HELP),
    ("Mange tak for det!", Intent.THANKS),
    ("tak for hjælpen", Intent.THANKS),
    ("Thanks a lot", Intent.THANKS),
    ("Hvad har vi tidligere besluttet om takster?", Intent.QUESTION),
    ("Hvornår godkendte vi budgettet?", Intent.QUESTION),
    ("Hvem står for analysen af udgifterne?", Intent.QUESTION),
    ("What was the outcome on transport?", Intent.QUESTION),
    ("Er der nogen beslutninger om socialtilsyn?", Intent.QUESTION),
]


def test_a_question_about_afbud_is_never_an_afbud() -> None:
    for text in ("Has anyone sent apologies for Friday?", "har nogen meldt afbud?"):
        assert read(text, now=NOW).intent is Intent.ATTENDANCE_QUESTION


@pytest.mark.parametrize(("text", "intent"), SECOND_VOICE)
def test_a_second_voice_is_understood(text: str, intent: Intent) -> None:
    assert read(text, now=NOW).intent is intent


@pytest.mark.parametrize(
    "text",
    [
        "jeg kan ikke komme ind på Teams-linket",
        "Jeg kommer ikke videre med importen",
        "min kollega kommer ikke til at kunne bruge dig",
        "opgave 3 er ikke færdig endnu",
        "jeg foreslår at vi aflyser mødet i maj",
        "husk at melde afbud",
        "apologies for the late reply, what did we decide on transport?",
        "hvorfor kan jeg ikke deltage via Teams?",
        "kan ikke finde dagsordenen",
    ],
)
def test_look_alikes_never_change_anything_unconfirmed(text: str) -> None:
    reading = read(text, now=NOW)
    assert reading.intent not in STATE_CHANGES or not reading.confident
