"""Messages of the reader: "did you mean", confirmations and thanks."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "understanding.unsure": {
        "da": "Jeg forstod ikke helt – mente du:",
        "en": "I did not quite understand – did you mean:",
    },
    "understanding.confirm": {
        "da": "Jeg vil lige være sikker, før jeg gør noget – mente du:",
        "en": "I want to be sure before I change anything – did you mean:",
    },
    "understanding.choice.afbud": {
        "da": "Meld afbud til {when}",
        "en": "Send apologies for {when}",
    },
    "understanding.choice.afbud_for": {
        "da": "Meld afbud for {who} til {when}",
        "en": "Send apologies for {who} for {when}",
    },
    "understanding.choice.attend": {
        "da": "Meld at du kommer {when}",
        "en": "Say you are coming {when}",
    },
    "understanding.choice.propose": {
        "da": "Foreslå »{title}« som punkt",
        "en": "Propose “{title}” as an item",
    },
    "understanding.choice.ask": {
        "da": "Spørg arkivet",
        "en": "Ask the archive",
    },
    "understanding.choice.task_create": {
        "da": "Opret opgaven »{title}«",
        "en": "Create the task “{title}”",
    },
    "understanding.choice.task_done": {
        "da": "Marker opgave #{number} som færdig",
        "en": "Mark task #{number} as done",
    },
    "understanding.choice.meeting_create": {
        "da": "Opret møde {when}",
        "en": "Create a meeting {when}",
    },
    "understanding.choice.meeting_move": {
        "da": "Flyt mødet {when} til {to}",
        "en": "Move the meeting {when} to {to}",
    },
    "understanding.choice.meeting_cancel": {
        "da": "Aflys mødet {when}",
        "en": "Cancel the meeting {when}",
    },
    "understanding.choice.help": {
        "da": "Vis hvad jeg kan",
        "en": "Show what I can do",
    },
    "understanding.thanks": {
        "da": "Selv tak!",
        "en": "You are welcome!",
    },
    "understanding.which_task": {
        "da": "Hvilken opgave? Skriv nummeret, fx »opgave 3 er klaret«. "
        "»mine opgaver« viser dine opgaver med numre.",
        "en": "Which task? Write its number, e.g. “task 3 is done”. "
        "“my tasks” lists your tasks with their numbers.",
    },
    "understanding.no_meeting_month": {
        "da": "Jeg kan ikke finde et kommende møde i {month}. Skriv datoen, fx »afbud 15/1«.",
        "en": "I cannot find an upcoming meeting in {month}. Write the date, e.g. “absent 15/1”.",
    },
    "understanding.move_usage": {
        "da": "Skriv hvilket møde og hvornår det skal være, "
        "fx »flyt mødet den 15/3 til 22/3 kl 10«.",
        "en": "Write which meeting and when it should be, e.g. “move the meeting on 15/3 to "
        "22/3 at 10”.",
    },
    "understanding.choice_gone": {
        "da": "Det valg er allerede brugt.",
        "en": "That choice has already been used.",
    },
}
