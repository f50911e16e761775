"""Messages of the archive: imports and answers to questions."""

from __future__ import annotations

from bot.i18n import Text

MESSAGES: dict[str, dict[str, Text]] = {
    "help.cmd.ask": {
        "da": "`spørg <spørgsmål>` – fx `spørg hvad besluttede vi om Kofoedsminde?` (eller bare "
        "`@referent hvad besluttede vi om …`)",
        "en": "`ask <question>` – e.g. `ask what did we decide on standardkontrakter?` (or just "
        "`@referent what did we decide on …`)",
    },
    "help.cmd.import": {
        "da": "`importer` – skriv det i kanalen sammen med en fil (PDF, DOCX, TXT, Markdown) med "
        "gamle referater eller dagsordener",
        "en": "`import` – write it in the channel together with a file (PDF, DOCX, TXT, Markdown) "
        "of old minutes or agendas",
    },
    "archive.unsupported_type": {
        "da": "Jeg kan ikke læse filen {name}: jeg læser PDF, DOCX, TXT og Markdown. Gem den fx som "
        "PDF og upload den igen med `@referent importer`.",
        "en": "I cannot read the file {name}: I read PDF, DOCX, TXT and Markdown. Save it as a PDF, "
        "for example, and upload it again with `@referent import`.",
    },
    "archive.not_minutes": {
        "da": "Filen {name} ligner ikke et referat eller en dagsorden ({reason}). Jeg leder efter en "
        "overskrift som »Referat« eller »Dagsorden«, en mødedato og nummererede punkter, fx "
        "»1. Godkendelse af dagsorden«.",
        "en": "The file {name} does not look like minutes or an agenda ({reason}). I look for a "
        "heading such as »Referat« or »Dagsorden«, a meeting date and numbered items, e.g. "
        "»1. Godkendelse af dagsorden«.",
    },
    "archive.no_file": {
        "da": "Vedhæft filen i samme besked, fx: upload referatet og skriv `@referent importer` "
        "som kommentar.",
        "en": "Attach the file to the same message, e.g. upload the minutes and write "
        "`@referent import` as the comment.",
    },
    "archive.imported": {
        "da": "Importeret *{name}*: mødet {date} med {items} punkter, {decisions} beslutninger og "
        "{attendees} deltagere.",
        "en": "Imported *{name}*: the meeting of {date} with {items} items, {decisions} decisions "
        "and {attendees} attendees.",
    },
    "archive.unchanged": {
        "da": "*{name}* er allerede importeret (mødet {date}); intet er ændret.",
        "en": "*{name}* was imported before (the meeting of {date}); nothing changed.",
    },
    "archive.empty_question": {
        "da": "Hvad vil du vide? Fx `@referent hvad besluttede vi om standardkontrakter?` eller "
        "`@referent hvornår drøftede vi økonomimodellen?`",
        "en": "What would you like to know? E.g. `@referent what did we decide on "
        "standardkontrakter?` or `@referent when did we discuss the økonomimodel?`",
    },
    "archive.nothing_found": {
        "da": "Jeg fandt intet i arkivet om »{topic}«.",
        "en": "I found nothing in the archive about »{topic}«.",
    },
    "archive.nothing_found_period": {
        "da": "Jeg fandt intet i arkivet om »{topic}« i perioden {period}.",
        "en": "I found nothing in the archive about »{topic}« in the period {period}.",
    },
    "archive.suggest": {
        "da": "Ord, der forekommer i arkivet: {terms}.",
        "en": "Words that do occur in the archive: {terms}.",
    },
    "archive.empty_archive": {
        "da": "Arkivet er tomt. Importer gamle referater med `@referent importer` og en fil.",
        "en": "The archive is empty. Import old minutes with `@referent import` and a file.",
    },
    "archive.answer_title": {
        "da": "Det besluttede I om »{topic}«",
        "en": "What you decided on »{topic}«",
    },
    "archive.when_title": {
        "da": "Her har I behandlet »{topic}«",
        "en": "Where you treated »{topic}«",
    },
    "archive.meeting_line": {
        "da": "*{group}* · møde {date} · punkt {number}: {title}",
        "en": "*{group}* · meeting {date} · item {number}: {title}",
    },
    "archive.no_decision": {
        "da": "_Der står ingen beslutning under punktet._",
        "en": "_No decision is recorded under this item._",
    },
    "archive.see_also": {
        "da": "Se også:",
        "en": "See also:",
    },
    "archive.see_also_line": {
        "da": "• {date} · punkt {number}: {title}",
        "en": "• {date} · item {number}: {title}",
    },
    "archive.source": {
        "da": "Referat: {status} · Kilde: {source}",
        "en": "Minutes: {status} · Source: {source}",
    },
    "archive.status.approved": {"da": "godkendt", "en": "approved"},
    "archive.status.awaiting_approval": {"da": "afventer godkendelse", "en": "awaiting approval"},
    "archive.status.draft": {"da": "udkast", "en": "draft"},
    "archive.status.imported": {"da": "importeret", "en": "imported"},
    "archive.status.agenda_only": {
        "da": "kun dagsorden (ingen beslutning endnu)",
        "en": "agenda only (no decision yet)",
    },
    "archive.status.none": {"da": "ikke skrevet endnu", "en": "not written yet"},
    "archive.show_full": {"da": "Vis hele beslutningen", "en": "Show the full decision"},
    "archive.full_title": {
        "da": "Punkt {number}: {title} ({date})",
        "en": "Item {number}: {title} ({date})",
    },
    "archive.modal_title": {"da": "Spørg arkivet", "en": "Ask the archive"},
    "archive.modal_label": {"da": "Dit spørgsmål", "en": "Your question"},
    "archive.modal_hint": {
        "da": "Fx: Hvad besluttede vi om Kofoedsminde?",
        "en": "E.g. What did we decide on Kofoedsminde?",
    },
    "archive.modal_submit": {"da": "Spørg", "en": "Ask"},
    "archive.modal_close": {"da": "Luk", "en": "Close"},
    "archive.modal_no_groups": {
        "da": "Du er ikke medlem af nogen gruppe endnu, så der er intet arkiv at spørge i.",
        "en": "You are not a member of any group yet, so there is no archive to ask.",
    },
    "archive.gone": {
        "da": "Punktet findes ikke længere i arkivet.",
        "en": "The item is no longer in the archive.",
    },
    "archive.read_how": {
        "da": "Dato fra {date_source} · læst som {structure} · sikkerhed {confidence} % · "
        "{participants} til stede, {absent} fraværende",
        "en": "Date from {date_source} · read as {structure} · confidence {confidence} % · "
        "{participants} present, {absent} absent",
    },
    "archive.read_item": {
        "da": "• {number}. {title} – beslutning: {decision}",
        "en": "• {number}. {title} – decision: {decision}",
    },
    "archive.read_item_open": {
        "da": "• {number}. {title} – ingen beslutning fundet",
        "en": "• {number}. {title} – no decision found",
    },
    "archive.read_more": {
        "da": "… og {count} punkter mere",
        "en": "… and {count} more items",
    },
    "archive.read_flags": {
        "da": ":warning: Tjek venligst: {flags}",
        "en": ":warning: Please check: {flags}",
    },
    "archive.date_source.header": {"da": "dokumentets hoved", "en": "the document header"},
    "archive.date_source.no_year": {
        "da": "dokumentets hoved (uden årstal, seneste sådanne dato brugt)",
        "en": "the document header (no year; the latest such date was used)",
    },
    "archive.date_source.filename": {"da": "filnavnet", "en": "the file name"},
    "archive.structure.agenda": {
        "da": "dagsordenliste med punkter",
        "en": "an agenda list with items",
    },
    "archive.structure.numbered": {"da": "nummererede punkter", "en": "numbered items"},
    "archive.structure.table": {"da": "en tabel", "en": "a table"},
    "archive.structure.labels": {
        "da": "linjer med overskrift og kolon",
        "en": "label lines (title and colon)",
    },
    "archive.structure.bullets": {"da": "punktopstilling", "en": "bullets"},
    "archive.structure.paragraphs": {"da": "afsnit", "en": "paragraphs"},
    "archive.structure.whole": {
        "da": "hele dokumentet som ét punkt",
        "en": "the whole document as one item",
    },
    "archive.flag.fallback_structure": {
        "da": "ingen nummererede punkter fundet, så jeg har brugt en svagere opdeling",
        "en": "no numbered items were found, so a weaker structure was used",
    },
    "archive.flag.date_from_filename": {
        "da": "mødedatoen er taget fra filnavnet",
        "en": "the meeting date was taken from the file name",
    },
    "archive.flag.date_without_year": {
        "da": "mødedatoen står uden årstal",
        "en": "the meeting date has no year",
    },
    "archive.flag.decisions_missing": {
        "da": "de fleste punkter har ingen beslutning",
        "en": "most items have no decision",
    },
    "archive.flag.decisions_inferred": {
        "da": "nogle beslutninger er læst ud fra teksten uden en »Beslutning«-overskrift",
        "en": "some decisions were read from text without a »Beslutning« heading",
    },
    "archive.flag.no_attendance": {
        "da": "ingen deltagere fundet",
        "en": "no attendance was found",
    },
    "archive.flag.unreadable_characters": {
        "da": "nogle tegn kunne ikke læses (vist som �)",
        "en": "some characters could not be read (shown as �)",
    },
    "archive.correct_button": {"da": "Ret det læste", "en": "Correct what was read"},
    "archive.correct_modal_title": {"da": "Ret importen", "en": "Correct the import"},
    "archive.correct_submit": {"da": "Gem", "en": "Save"},
    "archive.correct_date": {"da": "Mødedato", "en": "Meeting date"},
    "archive.correct_item": {"da": "Punkt der skal rettes", "en": "Item to correct"},
    "archive.correct_title": {"da": "Ny titel", "en": "New title"},
    "archive.correct_decision": {
        "da": "Ny beslutning (erstatter den læste)",
        "en": "New decision (replaces what was read)",
    },
    "archive.correct_pick_item": {
        "da": "Vælg det punkt, titlen eller beslutningen hører til.",
        "en": "Choose the item the title or decision belongs to.",
    },
    "archive.corrected": {"da": "Rettet: {fields}.", "en": "Corrected: {fields}."},
    "archive.correct_nothing": {
        "da": "Intet at rette – alt er som læst.",
        "en": "Nothing to correct – everything is as read.",
    },
    "archive.correct_field.date": {"da": "mødedato", "en": "meeting date"},
    "archive.correct_field.title": {"da": "titel", "en": "title"},
    "archive.correct_field.decision": {"da": "beslutning", "en": "decision"},
    "archive.correct_denied": {
        "da": "Kun formand og sekretær kan rette en import, fx: bed sekretæren trykke »Ret det "
        "læste« under importen.",
        "en": "Only the chair and the secretary can correct an import, e.g. ask the secretary "
        "to press »Correct what was read« under the import.",
    },
    "archive.correct_reread": {
        "da": "Læs dokumentet igen som … (erstatter punkterne)",
        "en": "Read the document again as … (replaces the items)",
    },
    "archive.correct_field.reread": {"da": "læst igen", "en": "read again"},
    "archive.correct_no_source": {
        "da": "Dokumentets tekst er ikke gemt, så det kan ikke læses igen. Importer filen igen, "
        "fx med `@referent importer`.",
        "en": "The document's text is not stored, so it cannot be read again. Import the file "
        "again, e.g. with `@referent import`.",
    },
    "archive.structure.headings": {
        "da": "overskrifter (typografi eller fed skrift)",
        "en": "headings (styles or bold type)",
    },
    "archive.date_source.text": {
        "da": "teksten under dokumentets hoved",
        "en": "the text below the document header",
    },
    "archive.date_source.unknown": {
        "da": "ingen steder (importdagen er brugt – ret den med »Ret det læste«)",
        "en": "nowhere (the day of the import is used – correct it with »Correct what was read«)",
    },
    "archive.flag.date_unknown": {
        "da": "mødedatoen blev ikke fundet; importdagen står i stedet, indtil du retter den",
        "en": "the meeting date was not found; the day of the import stands in until you "
        "correct it",
    },
    "archive.flag.date_from_text": {
        "da": "mødedatoen er fundet i teksten, ikke i hovedet",
        "en": "the meeting date was found in the text, not the header",
    },
    "archive.latest_decision": {
        "da": "Seneste beslutning – {date}, punkt {number}: {title}",
        "en": "Latest decision – {date}, item {number}: {title}",
    },
    "archive.no_decision_yet": {
        "da": "Ingen beslutning endnu – {date}, punkt {number}: {title}",
        "en": "No decision yet – {date}, item {number}: {title}",
    },
    "archive.timeline_title": {
        "da": "Sagens forløb (nyeste først):",
        "en": "The matter's history (newest first):",
    },
    "archive.timeline_line": {
        "da": "• {date} · punkt {number} · {label}: {gist} · {source}{unapproved}",
        "en": "• {date} · item {number} · {label}: {gist} · {source}{unapproved}",
    },
    "archive.timeline.in_force": {"da": "gældende", "en": "in force"},
    "archive.timeline.replaced": {"da": "erstattet {date}", "en": "replaced {date}"},
    "archive.timeline.pending": {"da": "udsat – tages op igen", "en": "postponed – pending"},
    "archive.timeline.postponed": {"da": "udsat", "en": "postponed"},
    "archive.timeline.information": {"da": "orientering", "en": "information"},
    "archive.timeline.unapproved": {
        "da": " · _referatet afventer godkendelse_",
        "en": " · _the minutes await approval_",
    },
    "archive.timeline.pending_note": {
        "da": "Sagen er udsat {date} og tages op igen.",
        "en": "The matter was postponed {date} and will be taken up again.",
    },
    "archive.not_this_matter": {"da": "Hører ikke til", "en": "Does not belong"},
    "archive.same_matter_as": {"da": "Samme sag som …", "en": "Same matter as …"},
    "archive.same_matter_placeholder": {"da": "Vælg punkt", "en": "Choose an item"},
    "archive.matter_split": {
        "da": "Punkt {number} fra {date} hører nu ikke længere til sagen »{title}«.",
        "en": "Item {number} of {date} no longer belongs to the matter »{title}«.",
    },
    "archive.matter_joined": {
        "da": "Punkt {number} fra {date} hører nu til samme sag som »{title}«.",
        "en": "Item {number} of {date} now belongs to the same matter as »{title}«.",
    },
    "matters.unknown_item": {
        "da": "Det punkt kan ikke knyttes til en sag (det findes ikke, eller det er et fast punkt "
        "som »Evt.«). Prøv fx `spørg hvad besluttede vi om kørselsordningen?` og brug knapperne "
        "under svaret.",
        "en": "That item cannot be tied to a matter (it does not exist, or it is a standing item "
        "such as »AOB«). Try e.g. `ask what did we decide on kørselsordningen?` and use the "
        "buttons under the answer.",
    },
    "archive.thread_link": {
        "da": "godkendelsestråd",
        "en": "approval thread",
    },
    "archive.file_link": {
        "da": "fil",
        "en": "file",
    },
}
