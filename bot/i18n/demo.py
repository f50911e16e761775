"""Messages of the built-in demo: the narration between the bot's replies."""

from __future__ import annotations

from bot.i18n import Text

MESSAGES: dict[str, dict[str, Text]] = {
    "demo.title": {
        "da": "referent – demo af et helt mødeforløb (falsk Slack, rigtig bot)",
        "en": "referent – a demo of a whole meeting cycle (fake Slack, real bot)",
    },
    "demo.intro": {
        "da": "Styregruppen for Rammeaftale Vestkysten er opdigtet; alt, hvad »referent« svarer, "
        "kommer fra den rigtige bot over HTTP mod en indbygget Slack-attrap og en SQLite-fil i "
        "en midlertidig mappe.",
        "en": "The steering group for Rammeaftale Vestkysten is fictional; everything »referent« "
        "answers comes from the real bot over HTTP against a built-in Slack stand-in and an "
        "SQLite file in a temporary directory.",
    },
    "demo.clock": {"da": "Tid: {when}", "en": "Time: {when}"},
    "demo.step.setup": {
        "da": "Sekretæren gør kanalen til en gruppe og udpeger formanden",
        "en": "The secretary makes the channel a group and names the chair",
    },
    "demo.step.import": {
        "da": "Gamle referater importeres til arkivet",
        "en": "Old minutes are imported into the archive",
    },
    "demo.step.meeting": {"da": "Et møde oprettes", "en": "A meeting is created"},
    "demo.step.propose": {
        "da": "Medlemmerne foreslår punkter",
        "en": "Members propose agenda items",
    },
    "demo.step.shortcut": {
        "da": "Et punkt foreslås fra en besked med genvejen »Foreslå som punkt«",
        "en": "An item is proposed from a message with the shortcut »Foreslå som punkt«",
    },
    "demo.step.late": {
        "da": "Et punkt kommer efter fristen og bliver eftersendt",
        "en": "An item arrives after the deadline and becomes a late item",
    },
    "demo.step.curate": {
        "da": "Formanden behandler forslagene og udgiver dagsordenen",
        "en": "The chair curates the proposals and publishes the agenda",
    },
    "demo.step.afbud": {
        "da": "To melder afbud – den ene sender en stedfortræder",
        "en": "Two members send apologies – one sends a substitute",
    },
    "demo.step.announce": {
        "da": "En uge før mødet: indkaldelsen med levende optælling",
        "en": "A week before the meeting: the notice with a live count",
    },
    "demo.step.held": {"da": "Mødet holdes", "en": "The meeting is held"},
    "demo.step.minutes": {
        "da": "Sekretæren sender referatet til godkendelse",
        "en": "The secretary posts the minutes for approval",
    },
    "demo.step.votes": {
        "da": "Medlemmerne godkender med ✅ – ét medlem gør indsigelse",
        "en": "Members approve with ✅ – one member objects",
    },
    "demo.step.revision": {
        "da": "Sekretæren sender en rettet version; godkendelsen starter forfra",
        "en": "The secretary posts a revised version; the approval starts over",
    },
    "demo.step.deadline": {
        "da": "Fristen udløber (tick): tavshed er samtykke",
        "en": "The deadline passes (tick): silence is consent",
    },
    "demo.step.tasks": {
        "da": "Opgaverne fra beslutningerne bekræftes",
        "en": "The action items from the decisions are confirmed",
    },
    "demo.step.digest": {
        "da": "Mandag morgen: den ugentlige oversigt",
        "en": "Monday morning: the weekly digest",
    },
    "demo.step.ask": {
        "da": "Spørgsmål til arkivet",
        "en": "Questions to the archive",
    },
    "demo.says": {"da": "{name} ({role}) skriver:", "en": "{name} ({role}) writes:"},
    "demo.clicks": {"da": "{name} trykker på [{label}]", "en": "{name} presses [{label}]"},
    "demo.reacts": {"da": "{name} reagerer med :{emoji}:", "en": "{name} reacts with :{emoji}:"},
    "demo.submits": {"da": "{name} udfylder og sender vinduet", "en": "{name} fills in the form"},
    "demo.shortcut": {
        "da": "{name} bruger genvejen »{shortcut}« på beskeden",
        "en": "{name} uses the shortcut »{shortcut}« on the message",
    },
    "demo.uploads": {
        "da": "{name} uploader {files}",
        "en": "{name} uploads {files}",
    },
    "demo.tick": {
        "da": "⏱  Uret stilles til {when}, og tidsstyret arbejde køres (tick)",
        "en": "⏱  The clock moves to {when} and timed work runs (tick)",
    },
    "demo.bot.channel": {"da": "referent i kanalen:", "en": "referent in the channel:"},
    "demo.bot.thread": {"da": "referent i tråden:", "en": "referent in the thread:"},
    "demo.bot.ephemeral": {
        "da": "referent (kun synligt for {name}):",
        "en": "referent (only visible to {name}):",
    },
    "demo.bot.dm": {
        "da": "referent → direkte besked til {name}:",
        "en": "referent → DM to {name}:",
    },
    "demo.bot.update": {"da": "referent opdaterer en besked:", "en": "referent updates a message:"},
    "demo.bot.view": {"da": "referent åbner et vindue:", "en": "referent opens a window:"},
    "demo.bot.home": {"da": "referent viser Hjem-fanen:", "en": "referent shows the Home tab:"},
    "demo.bot.file": {"da": "referent deler en fil", "en": "referent shares a file"},
    "demo.done": {
        "da": "Demoen er slut: {steps} trin på {seconds} sekunder. Se README.md for at bruge "
        "referent i jeres eget Slack.",
        "en": "The demo is over: {steps} steps in {seconds} seconds. See README.md to use "
        "referent in your own Slack.",
    },
    "demo.role.secretary": {"da": "sekretær", "en": "secretary"},
    "demo.role.chair": {"da": "formand", "en": "chair"},
    "demo.role.member": {"da": "medlem", "en": "member"},
    "demo.console.intro": {
        "da": "Interaktiv konsol. Skriv som et medlem, fx `/as jens @referent punkt: Budget "
        "2027`, `/react ✅`, `/tick +7d`, `/referent dagsorden`. `/people` viser deltagerne, "
        "`/quit` afslutter.",
        "en": "Interactive console. Type as a member, e.g. `/as jens @referent propose: Budget "
        "2027`, `/react ✅`, `/tick +7d`, `/referent agenda`. `/people` lists the people, "
        "`/quit` ends.",
    },
    "demo.console.as": {"da": "Du skriver nu som {name}.", "en": "You now write as {name}."},
    "demo.console.unknown_person": {
        "da": "Ukendt person {who}. Vælg en af: {people}",
        "en": "Unknown person {who}. Choose one of: {people}",
    },
    "demo.console.bad_tick": {
        "da": "Skriv fx `/tick +7d`, `/tick +2h` eller `/tick 2026-04-03T09:00`.",
        "en": "Write e.g. `/tick +7d`, `/tick +2h` or `/tick 2026-04-03T09:00`.",
    },
    "demo.console.no_message": {
        "da": "Der er ingen besked fra referent at reagere på endnu.",
        "en": "There is no message from referent to react to yet.",
    },
    "demo.console.unknown_command": {
        "da": "Ukendt konsolkommando. Brug /as, /react, /tick, /click, /people eller /quit.",
        "en": "Unknown console command. Use /as, /react, /tick, /click, /people or /quit.",
    },
    "demo.semantic_on": {
        "da": "Semantisk søgning er slået til (referent[semantic] er installeret): spørgsmål på "
        "engelsk og løst formulerede spørgsmål finder også de danske referater.",
        "en": "Semantic search is on (referent[semantic] is installed): English and loosely "
        "worded questions also find the Danish minutes.",
    },
    "demo.semantic_off": {
        "da": "Semantisk søgning er slået fra (installér referent[semantic] for bedre svar på "
        "engelske spørgsmål); ordlisten dansk–engelsk bruges stadig.",
        "en": "Semantic search is off (install referent[semantic] for better answers to English "
        "questions); the Danish–English glossary is still used.",
    },
}
