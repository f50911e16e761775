"""Messages of the archive: imports and answers to questions."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
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
}
