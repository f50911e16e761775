"""Messages of afbud and attendance: answers, announcements, reminders, questions, minutes."""

from __future__ import annotations

from bot.i18n import Text

MESSAGES: dict[str, dict[str, Text]] = {
    "help.cmd.absent": {
        "da": "`afbud [dato] [grund]` – meld afbud, fx `afbud 3/5 pga. ferie` eller "
        "`afbud, Anne Hansen deltager i stedet`; `jeg kommer alligevel` trækker det tilbage",
        "en": "`absent [date] [reason]` – send apologies, e.g. `absent 3/5 due to holiday` or "
        "`absent, Anne Hansen attends instead`; `I'm coming after all` takes it back",
    },
    "attendance.usage": {
        "da": "Skriv fx `/referent afbud 3/5 pga. ferie` eller "
        "`/referent afbud, Anne Hansen deltager i stedet`.",
        "en": "Write e.g. `/referent absent 3/5 due to holiday` or "
        "`/referent absent, Anne Hansen attends instead`.",
    },
    "attendance.bad_date": {
        "da": "Jeg kan ikke læse datoen “{fragment}”. Skriv den som dag/måned, fx "
        "`afbud til mødet 3/5` eller `kan ikke komme 15/3 pga. sygdom`.",
        "en": "I cannot read the date “{fragment}”. Write it as day/month, e.g. "
        "`absent 3/5` or `can't come 15/3 due to illness`.",
    },
    "attendance.which_group": {
        "da": "Du er med i flere grupper ({groups}), så jeg ved ikke, hvilken du mener. "
        "Skriv i gruppens kanal, fx `@referent afbud 3/5`, eller brug knapperne på "
        "mødeindkaldelsen.",
        "en": "You are in several groups ({groups}), so I cannot tell which one you mean. "
        "Write in the group's channel, e.g. `@referent absent 3/5`, or use the buttons on the "
        "meeting announcement.",
    },
    "attendance.not_member": {
        "da": "{who} er ikke medlem af gruppen. Nævn et medlem, fx `/referent afbud @Pia 3/5`.",
        "en": "{who} is not a member of the group. Name a member, e.g. "
        "`/referent absent @Pia 3/5`.",
    },
    "attendance.unknown_person": {
        "da": "Jeg kender ikke “{who}” i gruppen. Nævn personen med @, fx `kommer @Pia?`.",
        "en": "I do not know “{who}” in the group. Mention the person with @, e.g. "
        "`is @Pia coming?`.",
    },
    "attendance.ambiguous_person": {
        "da": "“{who}” passer på flere: {names}. Skriv hele navnet eller nævn personen med @.",
        "en": "“{who}” matches several people: {names}. Write the full name or mention the "
        "person with @.",
    },
    "attendance.unknown_substitute": {
        "da": "Jeg kan ikke finde {who} i Slack. Skriv stedfortræderens navn, fx "
        "`afbud, Anne Hansen deltager i stedet`.",
        "en": "I cannot find {who} in Slack. Write the substitute's name, e.g. "
        "`absent, Anne Hansen attends instead`.",
    },
    "attendance.self_substitute": {
        "da": "Du kan ikke være din egen stedfortræder. Skriv fx "
        "`afbud, Anne Hansen deltager i stedet`.",
        "en": "You cannot be your own substitute. Write e.g. "
        "`absent, Anne Hansen attends instead`.",
    },
    "attendance.no_such_meeting": {
        "da": "Mødet findes ikke længere. Skriv `/referent afbud` for at melde afbud til "
        "næste møde.",
        "en": "That meeting no longer exists. Write `/referent absent` to send apologies for "
        "the next meeting.",
    },
    "attendance.meeting_over": {
        "da": "Mødet {meeting} er holdt eller aflyst, så der kan ikke længere meldes afbud. "
        "De næste møder er: {upcoming}. Skriv fx `afbud` for det næste.",
        "en": "The meeting {meeting} has been held or cancelled, so apologies can no longer be "
        "sent. The next meetings are: {upcoming}. Write e.g. `absent` for the next one.",
    },
    "attendance.meeting_over_none": {
        "da": "Mødet {meeting} er holdt eller aflyst, og der er ikke planlagt flere møder "
        "endnu. Meld afbud, når sekretariatet har lagt det næste møde ind.",
        "en": "The meeting {meeting} has been held or cancelled, and no further meetings are "
        "planned yet. Send apologies once the secretariat has added the next meeting.",
    },
    "attendance.done.afbud": {
        "da": "Dit afbud til mødet {meeting} er noteret.",
        "en": "Your apologies for the meeting {meeting} are noted.",
    },
    "attendance.done.afbud_other": {
        "da": "Afbud fra {name} til mødet {meeting} er noteret.",
        "en": "Apologies from {name} for the meeting {meeting} are noted.",
    },
    "attendance.done.reason": {
        "da": "Grund: {reason}.",
        "en": "Reason: {reason}.",
    },
    "attendance.done.substitute": {
        "da": "Stedfortræder: {substitute}.",
        "en": "Substitute: {substitute}.",
    },
    "attendance.done.undo_hint": {
        "da": "Skriv `jeg kommer alligevel`, hvis du alligevel kan.",
        "en": "Write `I'm coming after all` if you can make it after all.",
    },
    "attendance.done.withdrawn": {
        "da": "Dit afbud til mødet {meeting} er trukket tilbage – du er noteret som deltager.",
        "en": "Your apologies for the meeting {meeting} are withdrawn – you are noted as "
        "attending.",
    },
    "attendance.done.withdrawn_other": {
        "da": "Afbuddet fra {name} til mødet {meeting} er trukket tilbage – {name} er noteret "
        "som deltager.",
        "en": "The apologies from {name} for the meeting {meeting} are withdrawn – {name} is "
        "noted as attending.",
    },
    "attendance.done.attending": {
        "da": "Tak – du er noteret som deltager i mødet {meeting}.",
        "en": "Thank you – you are noted as attending the meeting {meeting}.",
    },
    "attendance.done.attending_other": {
        "da": "{name} er noteret som deltager i mødet {meeting}.",
        "en": "{name} is noted as attending the meeting {meeting}.",
    },
    "attendance.count": {
        "da": "{attending} deltager · {afbud} afbud · {unanswered} mangler svar",
        "en": "{attending} attending · {afbud} apologies · {unanswered} not answered",
    },
    "attendance.none": {"da": "Ingen", "en": "None"},
    "attendance.button.yes": {"da": "Jeg deltager", "en": "I will attend"},
    "attendance.button.no": {"da": "Meld afbud", "en": "Send apologies"},
    "attendance.announce.title": {
        "da": "Møde i {group}",
        "en": "Meeting of {group}",
    },
    "attendance.announce.text": {
        "da": "Møde i {group} {when}",
        "en": "Meeting of {group} {when}",
    },
    "attendance.announce.when_where": {
        "da": "*Tid:* {when}\n*Sted:* {place}",
        "en": "*When:* {when}\n*Where:* {place}",
    },
    "attendance.announce.no_place": {
        "da": "følger",
        "en": "to follow",
    },
    "attendance.announce.hint": {
        "da": "Svar med knapperne, eller skriv fx `@referent afbud pga. ferie` eller "
        "`@referent afbud, Anne Hansen deltager i stedet`.",
        "en": "Answer with the buttons, or write e.g. `@referent absent due to holiday` or "
        "`@referent absent, Anne Hansen attends instead`.",
    },
    "attendance.announce.cancelled": {
        "da": "Mødet i {group} {when} er aflyst.",
        "en": "The meeting of {group} {when} is cancelled.",
    },
    "attendance.ics.title": {
        "da": "Kalenderinvitation – {group}",
        "en": "Calendar invitation – {group}",
    },
    "attendance.ics.comment": {
        "da": "Kalenderfil til mødet – åbn den for at lægge mødet i din kalender.",
        "en": "Calendar file for the meeting – open it to add the meeting to your calendar.",
    },
    "attendance.remind.text": {
        "da": "Du har ikke svaret endnu: deltager du i mødet i *{group}* {when}?",
        "en": "You have not answered yet: will you attend the meeting of *{group}* {when}?",
    },
    "attendance.remind.hint": {
        "da": "Du kan også skrive `afbud pga. …` til mig her.",
        "en": "You can also write `absent due to …` to me here.",
    },
    "attendance.list.title": {
        "da": "*Deltagerliste* til mødet i *{group}* {when}",
        "en": "*Attendance list* for the meeting of *{group}* {when}",
    },
    "attendance.list.body": {
        "da": "*Deltager:* {attending}\n*Afbud:* {afbud}\n*Mangler svar:* {unanswered}",
        "en": "*Attending:* {attending}\n*Apologies:* {afbud}\n*Not answered:* {unanswered}",
    },
    "attendance.line.substitute": {
        "da": "{name} (stedfortræder: {substitute})",
        "en": "{name} (substitute: {substitute})",
    },
    "attendance.line.reason": {
        "da": "{line} – {reason}",
        "en": "{line} – {reason}",
    },
    "attendance.forecast.text": {
        "da": ":warning: {count} af {members} medlemmer af *{group}* har meldt afbud uden "
        "stedfortræder til mødet {when}: {names}.",
        "en": ":warning: {count} of {members} members of *{group}* have sent apologies without a "
        "substitute for the meeting {when}: {names}.",
    },
    "attendance.forecast.hint": {
        "da": "Overvej at flytte mødet, mens der er tid til at finde en ny dato.",
        "en": "Consider moving the meeting while there is still time to find a new date.",
    },
    "attendance.q.usage": {
        "da": "Spørg fx `hvem har meldt afbud?`, `hvem kommer på fredag?` eller `kommer @Pia?`.",
        "en": "Ask e.g. `who has sent apologies?`, `who is coming on Friday?` or "
        "`is @Pia coming?`.",
    },
    "attendance.q.afbud": {
        "da": "Afbud til mødet {when}: {names}.",
        "en": "Apologies for the meeting {when}: {names}.",
    },
    "attendance.q.no_afbud": {
        "da": "Ingen har meldt afbud til mødet {when}.",
        "en": "Nobody has sent apologies for the meeting {when}.",
    },
    "attendance.q.who": {
        "da": "Mødet {when}:\n*Deltager:* {attending}\n*Afbud:* {afbud}\n"
        "*Mangler svar:* {unanswered}",
        "en": "The meeting {when}:\n*Attending:* {attending}\n*Apologies:* {afbud}\n"
        "*Not answered:* {unanswered}",
    },
    "attendance.q.person_attending": {
        "da": "Ja, {name} deltager i mødet {when}.",
        "en": "Yes, {name} will attend the meeting {when}.",
    },
    "attendance.q.person_afbud": {
        "da": "Nej, {name} har meldt afbud til mødet {when}.",
        "en": "No, {name} has sent apologies for the meeting {when}.",
    },
    "attendance.q.person_unanswered": {
        "da": "{name} har ikke svaret endnu på, om de kommer til mødet {when}.",
        "en": "{name} has not answered yet whether they will attend the meeting {when}.",
    },
    "attendance.home.title": {
        "da": "Dine kommende møder",
        "en": "Your upcoming meetings",
    },
    "attendance.home.attending": {
        "da": ":white_check_mark: Du deltager",
        "en": ":white_check_mark: You will attend",
    },
    "attendance.home.afbud": {
        "da": ":x: Du har meldt afbud",
        "en": ":x: You have sent apologies",
    },
    "attendance.home.unanswered": {
        "da": ":grey_question: Du har ikke svaret",
        "en": ":grey_question: You have not answered",
    },
    "attendance.modal.title": {
        "da": "Meld afbud",
        "en": "Send apologies",
    },
    "attendance.modal.submit": {
        "da": "Meld afbud",
        "en": "Send",
    },
    "attendance.modal.close": {
        "da": "Fortryd",
        "en": "Cancel",
    },
    "attendance.modal.intro": {
        "da": "Afbud til mødet {meeting}.",
        "en": "Apologies for the meeting {meeting}.",
    },
    "attendance.modal.reason": {
        "da": "Grund (ses kun af formand og sekretær)",
        "en": "Reason (seen only by the chair and secretary)",
    },
    "attendance.modal.substitute_user": {
        "da": "Stedfortræder i Slack",
        "en": "Substitute in Slack",
    },
    "attendance.modal.substitute_name": {
        "da": "… eller stedfortræderens navn",
        "en": "… or the substitute's name",
    },
    "attendance.modal.substitute_hint": {
        "da": "Hvis stedfortræderen ikke er i Slack, fx Anne Hansen.",
        "en": "If the substitute is not in Slack, e.g. Anne Hansen.",
    },
    "attendance.minutes.participants": {"da": "Deltagere:", "en": "Participants:"},
    "attendance.minutes.guests": {"da": "Gæster:", "en": "Guests:"},
    "attendance.minutes.absent": {"da": "Afbud:", "en": "Apologies:"},
    "attendance.minutes.col_name": {"da": "Navn", "en": "Name"},
    "attendance.minutes.col_title": {"da": "Titel", "en": "Title"},
    "attendance.minutes.col_organisation": {"da": "Arbejdssted", "en": "Organisation"},
    "attendance.minutes.substitute": {
        "da": "Stedfortræder: {name}",
        "en": "Substitute: {name}",
    },
    "attendance.minutes.substitute_for": {
        "da": "Stedfortræder for {name}",
        "en": "Substitute for {name}",
    },
    "attendance.minutes.substitute_for_title": {
        "da": "{title}, stedfortræder for {name}",
        "en": "{title}, substitute for {name}",
    },
}
