"""Messages of writing the referat in Slack: modals, capture, attendance, the document."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "help.cmd.write_minutes": {
        "da": "`referat skriv [dato]` – skriv referatet i Slack: beslutning og drøftelse pr. "
        "punkt, fremmøde, og send det til godkendelse som DOCX og PDF; under mødet kan du "
        "skrive `@referent beslutning 5: Styregruppen godkendte …` i mødets tråd",
        "en": "`minutes write [date]` – write the minutes in Slack: decision and discussion per "
        "item, attendance, then send them for approval as DOCX and PDF; during the meeting "
        "write `@referent decision 5: The group approved …` in the meeting's thread",
    },
    "demo.step.write": {
        "da": "Under mødet skriver sekretæren beslutningerne i indkaldelsens tråd",
        "en": "During the meeting the secretary writes the decisions in the notice's thread",
    },
    # The document (house layout of the corpus)
    "referat.doc.title": {"da": "Referat", "en": "Minutes"},
    "referat.doc.date": {"da": "Dato", "en": "Date"},
    "referat.doc.place": {"da": "Sted", "en": "Place"},
    "referat.doc.when": {"da": "{date}, kl. {time}", "en": "{date}, {time}"},
    "referat.doc.participants": {"da": "Deltagere", "en": "Participants"},
    "referat.doc.guests": {"da": "Gæster", "en": "Guests"},
    "referat.doc.absent": {"da": "Afbud", "en": "Apologies"},
    "referat.doc.col_name": {"da": "Navn", "en": "Name"},
    "referat.doc.col_title": {"da": "Titel", "en": "Title"},
    "referat.doc.col_org": {"da": "Arbejdssted", "en": "Organisation"},
    "referat.doc.none": {"da": "Ingen", "en": "None"},
    "referat.doc.item": {"da": "Punkt", "en": "Item"},
    "referat.doc.recommendation": {"da": "Indstilling", "en": "Recommendation"},
    "referat.doc.discussion": {"da": "Drøftelse", "en": "Discussion"},
    "referat.doc.decision": {"da": "Beslutning", "en": "Decision"},
    "referat.doc.absent_during": {
        "da": "{name} var fraværende under behandlingen af punkt {number}.",
        "en": "{name} was absent during item {number}.",
    },
    "referat.doc.conflict": {
        "da": "{name} deltog ikke i behandlingen af punkt {number} på grund af inhabilitet.",
        "en": "{name} did not take part in item {number} because of a conflict of interest.",
    },
    "referat.file_stem": {"da": "referat", "en": "minutes"},
    "referat.pdf_title": {"da": "Referat {date} (PDF)", "en": "Minutes {date} (PDF)"},
    "referat.kind.decision": {"da": "Til beslutning", "en": "For decision"},
    "referat.kind.discussion": {"da": "Til drøftelse", "en": "For discussion"},
    "referat.kind.information": {"da": "Til orientering", "en": "For information"},
    "referat.kind.standing": {"da": "Fast punkt", "en": "Standing item"},
    # Modals
    "referat.modal.close": {"da": "Luk", "en": "Close"},
    "referat.modal.save": {"da": "Gem", "en": "Save"},
    "referat.overview.title": {"da": "Skriv referat", "en": "Write minutes"},
    "referat.overview.head": {
        "da": "*Referat af mødet {date}* – {group}\nSkriv beslutningen under hvert punkt, "
        "bekræft fremmødet, og send referatet til godkendelse.",
        "en": "*Minutes of the meeting {date}* – {group}\nWrite the decision under each item, "
        "confirm attendance, and send the minutes for approval.",
    },
    "referat.overview.sent": {
        "da": "_Version {version} er sendt til godkendelse; en ændring nu sender en ny version._",
        "en": "_Version {version} was sent for approval; a change now sends a new version._",
    },
    "referat.overview.attendance": {
        "da": "*Fremmøde:* {came} af {total} medlemmer deltog · {guests} gæster",
        "en": "*Attendance:* {came} of {total} members took part · {guests} guests",
    },
    "referat.overview.cut": {
        "da": "{count} punkter mere – skriv dem med `@referent beslutning <nr>: …` i mødets tråd.",
        "en": "{count} more items – write them with `@referent decision <no>: …` in the "
        "meeting's thread.",
    },
    "referat.more_lines": {"da": "… og {count} mere", "en": "… and {count} more"},
    "referat.no_decision_yet": {"da": "ingen beslutning endnu", "en": "no decision yet"},
    "referat.has_discussion": {"da": "drøftelse skrevet", "en": "discussion written"},
    "referat.has_notes": {"da": "{count} fravær/inhabilitet", "en": "{count} absence/conflict"},
    "referat.button.open": {"da": "Skriv referat", "en": "Write minutes"},
    "referat.button.attendance": {"da": "Fremmøde", "en": "Attendance"},
    "referat.button.write": {"da": "Skriv", "en": "Write"},
    "referat.button.send": {"da": "Send til godkendelse", "en": "Send for approval"},
    "referat.button.fill": {
        "da": "Beslutning fra indstillingen",
        "en": "Decision from the recommendation",
    },
    "referat.confirm.title": {"da": "Send referatet?", "en": "Send the minutes?"},
    "referat.confirm.text": {
        "da": "Jeg laver referatet som DOCX og PDF og starter godkendelsen i kanalen.",
        "en": "I will make the minutes as DOCX and PDF and start the approval in the channel.",
    },
    "referat.confirm.yes": {"da": "Send", "en": "Send"},
    "referat.confirm.no": {"da": "Vent", "en": "Wait"},
    "referat.item.title": {"da": "Punkt {number}", "en": "Item {number}"},
    "referat.field.discussion": {"da": "Drøftelse (valgfri)", "en": "Discussion (optional)"},
    "referat.field.decision": {
        "da": "Beslutning (én pind pr. linje)",
        "en": "Decision (one bullet per line)",
    },
    "referat.field.absent": {
        "da": "Fraværende under punkt {number}",
        "en": "Absent during item {number}",
    },
    "referat.field.conflict": {
        "da": "Inhabil ved punkt {number} (deltog ikke i behandlingen)",
        "en": "Conflict of interest at item {number} (left for the item)",
    },
    "referat.placeholder.discussion": {
        "da": "Fx Styregruppen drøftede tidsplanen og lagde vægt på …",
        "en": "E.g. The group discussed the timetable and stressed …",
    },
    "referat.placeholder.decision": {
        "da": "- Styregruppen godkendte …\n- Sekretariatet udsender … senest 1. maj",
        "en": "- The group approved …\n- The secretariat sends … by 1 May",
    },
    "referat.changed_by": {
        "da": "ændret af {who} kl. {time}",
        "en": "changed by {who} at {time}",
    },
    "referat.attendance.title": {"da": "Fremmøde", "en": "Attendance"},
    "referat.attendance.intro": {
        "da": "Udfyldt ud fra afbud. Sæt flueben ved dem, der faktisk deltog.",
        "en": "Filled in from the apologies. Tick those who actually took part.",
    },
    "referat.attendance.came": {"da": "Deltog", "en": "Took part"},
    "referat.attendance.substitute": {
        "da": "{name} (stedfortræder: {substitute})",
        "en": "{name} (substitute: {substitute})",
    },
    "referat.attendance.guests": {
        "da": "Gæster (én pr. linje: navn, titel, arbejdssted)",
        "en": "Guests (one per line: name, title, organisation)",
    },
    "referat.attendance.guests_placeholder": {
        "da": "Petrine Andersen, Konsulent, Region Sjælland",
        "en": "Petrine Andersen, Consultant, Region Zealand",
    },
    "referat.prompt": {
        "da": "Skriv referatet af mødet {date} her:",
        "en": "Write the minutes of the meeting {date} here:",
    },
    # Answers
    "referat.saved": {
        "da": "Punkt {number} er gemt.",
        "en": "Item {number} is saved.",
    },
    "referat.saved_revised": {
        "da": "Punkt {number} er gemt, og version {version} er sendt til godkendelse.",
        "en": "Item {number} is saved, and version {version} was sent for approval.",
    },
    "referat.refused": {
        "da": "{field} blev ændret af {who} kl. {time}, mens du skrev, så din ændring er ikke "
        "gemt. Luk punktet og åbn det igen for at se ændringen.",
        "en": "{field} was changed by {who} at {time} while you wrote, so your change is not "
        "saved. Close the item and open it again to see the change.",
    },
    "referat.attendance_saved": {
        "da": "Fremmødet er gemt: {count} deltog.",
        "en": "Attendance saved: {count} took part.",
    },
    "referat.sent": {
        "da": "Referatet af mødet {date} er sendt til godkendelse som version {version} "
        "(DOCX og PDF ligger i tråden); fristen er {deadline}.",
        "en": "The minutes of the meeting {date} were sent for approval as version {version} "
        "(DOCX and PDF are in the thread); the deadline is {deadline}.",
    },
    # Bad input
    "referat.cancelled": {
        "da": "Mødet {date} er aflyst, så der skrives intet referat. Skriv fx "
        "`/referent referat skriv 15/3` for et andet møde.",
        "en": "The meeting {date} was cancelled, so there are no minutes to write. Write e.g. "
        "`/referent minutes write 15/3` for another meeting.",
    },
    "referat.approved_already": {
        "da": "Referatet af mødet {date} er godkendt (version {version}) og kan ikke længere "
        "ændres. Skriv fx `/referent referat skriv 15/3` for et andet møde.",
        "en": "The minutes of the meeting {date} are approved (version {version}) and can no "
        "longer be changed. Write e.g. `/referent minutes write 15/3` for another meeting.",
    },
    "referat.gone": {
        "da": "Det møde eller punkt findes ikke længere. Skriv `/referent referat skriv` for "
        "at åbne referatet igen.",
        "en": "That meeting or item no longer exists. Write `/referent minutes write` to open "
        "the minutes again.",
    },
    "referat.too_long": {
        "da": "{field} til punkt {number} er {size} tegn; Slack tillader højst {limit}. "
        "Forkort teksten, fx ved at flytte baggrunden til et bilag.",
        "en": "{field} of item {number} is {size} characters; Slack allows at most {limit}. "
        "Shorten the text, e.g. by moving the background to an attachment.",
    },
    "referat.capture_where": {
        "da": "Skriv beslutninger i tråden under mødets indkaldelse eller dagsorden, fx "
        "`@referent beslutning 5: Styregruppen godkendte budgettet`.",
        "en": "Write decisions in the thread under the meeting's notice or agenda, e.g. "
        "`@referent decision 5: The group approved the budget`.",
    },
    "referat.capture_usage": {
        "da": "Skriv punktets nummer og teksten, fx `@referent beslutning 5: Styregruppen "
        "godkendte budgettet` eller `@referent drøftelse 3: …`.",
        "en": "Write the item's number and the text, e.g. `@referent decision 5: The group "
        "approved the budget` or `@referent discussion 3: …`.",
    },
    "referat.no_item": {
        "da": "Der er intet punkt {number} på dagsordenen (punkterne er {numbers}). Skriv fx "
        "`@referent beslutning 2: Styregruppen godkendte …`.",
        "en": "There is no item {number} on the agenda (the items are {numbers}). Write e.g. "
        "`@referent decision 2: The group approved …`.",
    },
    "referat.guest_too_long": {
        "da": "En gæst fylder for meget. Skriv én gæst pr. linje, fx "
        "`Petrine Andersen, Konsulent, Region Sjælland`.",
        "en": "A guest line is too long. Write one guest per line, e.g. "
        "`Petrine Andersen, Consultant, Region Zealand`.",
    },
}
