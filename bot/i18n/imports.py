"""Messages of imports run in the background: started, resumed, refused, given up."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "imports.queued": {
        "da": "Modtaget: jeg importerer {names} i baggrunden og skriver resultatet her, når jeg "
        "er færdig. Du kan bruge mig imens.",
        "en": "Received: I am importing {names} in the background and will post the result here "
        "when done. You can use me meanwhile.",
    },
    "imports.resumed": {
        "da": "Jeg genoptager importen af *{name}*, som blev afbrudt (fx af en genstart) …",
        "en": "Resuming the import of *{name}*, which was interrupted (e.g. by a restart) …",
    },
    "imports.protected_pdf": {
        "da": "*{name}* er en PDF beskyttet med adgangskode, så jeg kan ikke læse den. Gem en "
        "kopi uden adgangskode og upload den med `@referent importer`.",
        "en": "*{name}* is a password-protected PDF, so I cannot read it. Save a copy without a "
        "password and upload it with `@referent import`.",
    },
    "imports.too_heavy": {
        "da": "*{name}* var for tung at læse (for stor eller for langsom at pakke ud); intet er "
        "gemt. Gem den igen som PDF eller DOCX, evt. delt op pr. møde, og upload den med "
        "`@referent importer`.",
        "en": "*{name}* was too heavy to read (too large or too slow to unpack); nothing was "
        "stored. Save it again as a PDF or DOCX, perhaps split by meeting, and upload it with "
        "`@referent import`.",
    },
    "imports.unreadable": {
        "da": "Jeg kunne ikke læse *{name}*: filen er beskadiget eller i et format, jeg ikke "
        "kender; intet er gemt. Gem den igen som PDF eller DOCX og upload den med "
        "`@referent importer`.",
        "en": "I could not read *{name}*: the file is damaged or in a format I do not know; "
        "nothing was stored. Save it again as a PDF or DOCX and upload it with "
        "`@referent import`.",
    },
    "imports.gave_up": {
        "da": "Importen af *{name}* mislykkedes flere gange, så jeg har opgivet den; intet er "
        "gemt. Prøv at uploade filen igen senere, eller kontakt den, der driver referent.",
        "en": "The import of *{name}* failed several times, so I gave up; nothing was stored. "
        "Try uploading the file again later, or contact whoever runs referent.",
    },
    "inbox.parked": {
        "da": "Undskyld: din seneste besked til mig kunne ikke behandles, heller ikke efter flere "
        "forsøg, så jeg har opgivet den. Intet af den er gemt; skriv den gerne igen, og sig til "
        "den, der driver referent, hvis det sker igen.",
        "en": "Sorry: your latest message to me could not be processed, even after several "
        "tries, so I gave up on it. Nothing of it was stored; please send it again, and tell "
        "whoever runs referent if it happens again.",
    },
    "inbox.stored_unconfirmed": {
        "da": "Din besked er modtaget og gemt, men jeg kunne ikke skrive bekræftelsen færdig. "
        "Send den ikke igen – så kommer den med to gange; se resultatet i kanalen eller på "
        "min Hjem-fane.",
        "en": "Your message was received and stored, but I could not finish the confirmation. "
        "Do not send it again – it would then be there twice; see the result in the channel "
        "or on my Home tab.",
    },
    "imports.second_document": {
        "da": "Mødet {date} har allerede punkter fra et andet dokument, og *{name}* har andre "
        "titler på de samme numre. Jeg har ikke gemt noget endnu – hvad er *{name}*?",
        "en": "The meeting of {date} already has items from another document, and *{name}* has "
        "other titles under the same numbers. I have stored nothing yet – what is *{name}*?",
    },
    "imports.choice.replace": {"da": "Erstat det gamle", "en": "Replace the old one"},
    "imports.choice.version": {"da": "Ny version af referatet", "en": "New version of the minutes"},
    "imports.choice.separate": {"da": "Behold begge hver for sig", "en": "Keep both separately"},
    "imports.chosen.replace": {
        "da": "Jeg erstatter mødets punkter med *{name}* og skriver her, når det er gjort.",
        "en": "Replacing the meeting's items with *{name}*; I will post here when done.",
    },
    "imports.chosen.version": {
        "da": "Jeg gemmer *{name}* som ny version af mødets referat (den gamle fil bevares i "
        "historikken) og skriver her, når det er gjort.",
        "en": "Storing *{name}* as a new version of the meeting's minutes (the old file stays in "
        "the history); I will post here when done.",
    },
    "imports.chosen.separate": {
        "da": "Jeg gemmer *{name}* som et særskilt dokument for samme dato; hvert punkt henviser "
        "til sin egen fil. Jeg skriver her, når det er gjort.",
        "en": "Storing *{name}* as a separate document for the same date; each item cites its "
        "own file. I will post here when done.",
    },
    "imports.choice_gone": {
        "da": "Det spørgsmål er allerede besvaret eller udløbet. Upload filen igen med "
        "`@referent importer`, hvis den stadig skal med.",
        "en": "That question has already been answered or has expired. Upload the file again "
        "with `@referent import` if it is still needed.",
    },
    "tasks.vague_due": {
        "da": "Hvornår er »{phrase}«? Jeg kan ikke gøre det til en dato, og en frist uden dato "
        "minder ingen om noget. Skriv en dato, fx `opgave: @Anne laver notat senest 31/12` "
        "(eller udelad fristen).",
        "en": "When is “{phrase}”? I cannot turn it into a date, and a deadline without a date "
        "reminds no one. Write a date, e.g. `task: @Anne writes a note by 31/12` (or leave "
        "the deadline out).",
    },
}
