"""Messages of meetings and the agenda: dates, proposals, curation, publishing and export."""

from __future__ import annotations

from bot.i18n import Text

_WEEKDAYS_DA = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
_WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS_DA = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)
_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_EXAMPLES_DA = (
    "Skriv fx `/referent møde 3/5 kl 9-12` eller "
    "`/referent møde 15. marts kl. 12-15 Ringsted Kongrescenter`."
)
_EXAMPLES_EN = (
    "Write e.g. `/referent meeting 3/5 kl 9-12` or "
    "`/referent meeting 15 March 12-15 Ringsted Kongrescenter`."
)

MESSAGES: dict[str, dict[str, Text]] = {
    **{
        f"meetings.weekday.{index}": {"da": da, "en": en}
        for index, (da, en) in enumerate(zip(_WEEKDAYS_DA, _WEEKDAYS_EN, strict=True))
    },
    **{
        f"meetings.month.{index}": {"da": da, "en": en}
        for index, (da, en) in enumerate(zip(_MONTHS_DA, _MONTHS_EN, strict=True), start=1)
    },
    # ------------------------------------------------------------------ help
    "help.cmd.meeting": {
        "da": "`møde 3/5 kl 9-12 [sted]` – opret et møde · `møde kalender 15/3, 3/5 kl 9-12` – "
        "årets møder · `møde flyt 3/5 til 4/5 kl 10-13` · `møde aflys 3/5` · `møde liste` · "
        "`møde ics` – kalenderfil",
        "en": "`meeting 3/5 kl 9-12 [place]` – create a meeting · `meeting calendar 15/3, 3/5 "
        "kl 9-12` – the year's meetings · `meeting move 3/5 to 4/5 kl 10-13` · "
        "`meeting cancel 3/5` · `meeting list` · `meeting ics` – calendar file",
    },
    "help.cmd.propose": {
        "da": "`punkt: <titel> [til mødet 3/5] [(orientering)] [indstilling: …]` – foreslå et "
        "punkt til dagsordenen (eller genvejen *Foreslå som punkt* på en besked)",
        "en": "`propose <title> [to the meeting 3/5] [(information)] [recommendation: …]` – "
        "propose an agenda item (or the *Propose as item* shortcut on a message)",
    },
    "help.cmd.agenda": {
        "da": "`dagsorden [dato]` – se dagsordenen · formand og sekretær: `dagsorden accepter F1`, "
        "`afvis 4 <grund>`, `udsæt 4 til 3/5`, `op 4`, `ned 4`, `type 4 orientering`, `udgiv`, "
        "`eksport docx|md`",
        "en": "`agenda [date]` – see the agenda · chair and secretary: `agenda accept F1`, "
        "`reject 4 <reason>`, `postpone 4 to 3/5`, `up 4`, `down 4`, `kind 4 information`, "
        "`publish`, `export docx|md`",
    },
    # ------------------------------------------------------------------ labels
    "meetings.label.date": {"da": "{day}. {month} {year}", "en": "{day} {month} {year}"},
    "meetings.label.weekday_date": {"da": "{weekday} {date}", "en": "{weekday} {date}"},
    "meetings.label.time_range": {
        "da": "{date} kl. {start}–{end}",
        "en": "{date}, {start}–{end}",
    },
    "meetings.label.time": {"da": "{date} kl. {start}", "en": "{date}, {start}"},
    "meetings.label.with_place": {"da": "{when}, {place}", "en": "{when}, {place}"},
    "meetings.cancel_word": {"da": "Annullér", "en": "Cancel"},
    "meetings.close_word": {"da": "Luk", "en": "Close"},
    # ------------------------------------------------------------------ dates and errors
    "meetings.date.unreadable": {
        "da": "Jeg kunne ikke læse en dato i »{fragment}«. " + _EXAMPLES_DA,
        "en": "I could not read a date in “{fragment}”. " + _EXAMPLES_EN,
    },
    "meetings.date.ambiguous": {
        "da": "»{fragment}« kan læses på flere måder (passer ugedagen til datoen?). "
        + _EXAMPLES_DA,
        "en": "“{fragment}” can be read more than one way (does the weekday match the date?). "
        + _EXAMPLES_EN,
    },
    "meetings.date.past": {
        "da": "»{fragment}« ligger i fortiden. " + _EXAMPLES_DA,
        "en": "“{fragment}” is in the past. " + _EXAMPLES_EN,
    },
    "meetings.usage": {
        "da": "Skriv mødets dato og gerne tid og sted. " + _EXAMPLES_DA,
        "en": "Give the meeting's date, and preferably time and place. " + _EXAMPLES_EN,
    },
    "meetings.move_usage": {
        "da": "Skriv hvilket møde der flyttes, og hvorhen, fx `/referent møde flyt 3/5 til "
        "4/5 kl 10-13` eller `/referent møde flyt 15/3 til 22/3 kl. 12-15 Ringsted`.",
        "en": "Say which meeting moves and where to, e.g. `/referent meeting move 3/5 to 4/5 "
        "kl 10-13` or `/referent meeting move 15/3 to 22/3 12-15 Ringsted`.",
    },
    "meetings.cancel_usage": {
        "da": "Skriv hvilket møde der aflyses, fx `/referent møde aflys 3/5`.",
        "en": "Say which meeting is cancelled, e.g. `/referent meeting cancel 3/5`.",
    },
    "meetings.calendar_usage": {
        "da": "Skriv årets mødedatoer, fx `/referent møde kalender 15/3, 3/5, 9/8, 4/10 kl 9-12`.",
        "en": "List the year's meeting dates, e.g. "
        "`/referent meeting calendar 15/3, 3/5, 9/8, 4/10 kl 9-12`.",
    },
    "meetings.calendar_too_many": {
        "da": "Højst {limit} møder ad gangen, fx `/referent møde kalender 15/3, 3/5 kl 9-12`.",
        "en": "At most {limit} meetings at a time, e.g. "
        "`/referent meeting calendar 15/3, 3/5 kl 9-12`.",
    },
    "meetings.location_too_long": {
        "da": "Stedet må højst være {limit} tegn, fx `/referent møde 3/5 kl 9-12 Ringsted "
        "Kongrescenter`.",
        "en": "The place can be at most {limit} characters, e.g. `/referent meeting 3/5 kl 9-12 "
        "Ringsted Kongrescenter`.",
    },
    "meetings.exists": {
        "da": "Der er allerede et møde den dag: {when}. Flyt det med "
        "`/referent møde flyt <dato> til <ny dato>`.",
        "en": "There is already a meeting that day: {when}. Move it with "
        "`/referent meeting move <date> to <new date>`.",
    },
    "meetings.none_upcoming": {
        "da": "Der er intet planlagt møde i {group}. Formand eller sekretær kan oprette et med "
        "`/referent møde 3/5 kl 9-12`.",
        "en": "There is no planned meeting in {group}. The chair or secretary can create one "
        "with `/referent meeting 3/5 kl 9-12`.",
    },
    "meetings.upcoming.none": {
        "da": "ingen planlagte møder",
        "en": "no planned meetings",
    },
    "meetings.no_meeting_on": {
        "da": "Der er intet møde {date}. De næste møder: {upcoming}.",
        "en": "There is no meeting on {date}. The next meetings: {upcoming}.",
    },
    "meetings.held": {
        "da": "Mødet {when} er afholdt. De næste møder: {upcoming}.",
        "en": "The meeting {when} has been held. The next meetings: {upcoming}.",
    },
    "meetings.cancelled_already": {
        "da": "Mødet {when} er aflyst.",
        "en": "The meeting {when} is cancelled.",
    },
    # ------------------------------------------------------------------ meetings: done
    "meetings.done.created": {
        "da": "Mødet er oprettet: {when}. Jeg har annonceret det i kanalen med en kalenderfil.",
        "en": "The meeting is created: {when}. I announced it in the channel with a calendar file.",
    },
    "meetings.done.moved": {
        "da": "Mødet er flyttet til {when}. Kanalen har fået besked og en ny kalenderfil.",
        "en": "The meeting is moved to {when}. The channel has been told, with a new calendar "
        "file.",
    },
    "meetings.done.cancelled": {
        "da": "Mødet {when} er aflyst.",
        "en": "The meeting {when} is cancelled.",
    },
    "meetings.done.items_moved": {
        "da": {
            "one": "Ét punkt er flyttet til mødet {when}.",
            "other": "{count} punkter er flyttet til mødet {when}.",
        },
        "en": {
            "one": "One item moved to the meeting {when}.",
            "other": "{count} items moved to the meeting {when}.",
        },
    },
    "meetings.done.calendar": {
        "da": {"one": "Ét møde er oprettet.", "other": "{count} møder er oprettet."},
        "en": {"one": "One meeting created.", "other": "{count} meetings created."},
    },
    "meetings.done.calendar_skipped": {
        "da": {
            "one": "Én dag havde allerede et møde.",
            "other": "{count} dage havde allerede et møde.",
        },
        "en": {
            "one": "One day already had a meeting.",
            "other": "{count} days already had a meeting.",
        },
    },
    "meetings.done.ics_sent": {
        "da": "Jeg har sendt dig gruppens kalenderfil som direkte besked.",
        "en": "I sent you the group's calendar file as a direct message.",
    },
    "meetings.dm.ics_one": {
        "da": "Kalenderfil til mødet {when}:",
        "en": "Calendar file for the meeting {when}:",
    },
    "meetings.dm.ics_all": {
        "da": "Alle møder i {group} som kalenderfil:",
        "en": "Every meeting of {group} as a calendar file:",
    },
    # ------------------------------------------------------------------ announcements
    "meetings.announce.created": {
        "da": ":calendar: *Nyt møde i {group}*\n{when}",
        "en": ":calendar: *New meeting of {group}*\n{when}",
    },
    "meetings.announce.moved": {
        "da": ":calendar: *Mødet i {group} er flyttet*\nNy tid: {when}",
        "en": ":calendar: *The meeting of {group} has moved*\nNew time: {when}",
    },
    "meetings.announce.cancelled": {
        "da": ":x: *Mødet i {group} er aflyst*\n~{when}~",
        "en": ":x: *The meeting of {group} is cancelled*\n~{when}~",
    },
    "meetings.announce.footer": {
        "da": "Forslag til dagsordenen senest {deadline}: skriv `@referent punkt: <titel>`.",
        "en": "Agenda proposals by {deadline}: write `@referent propose <title>`.",
    },
    "meetings.announce.ics_note": {
        "da": "Kalenderfil (.ics) – åbn den for at lægge mødet i din kalender.",
        "en": "Calendar file (.ics) – open it to add the meeting to your calendar.",
    },
    "meetings.calendar.created": {
        "da": {
            "one": ":calendar: *Mødekalender for {group}* – ét møde:",
            "other": ":calendar: *Mødekalender for {group}* – {count} møder:",
        },
        "en": {
            "one": ":calendar: *Meeting calendar of {group}* – one meeting:",
            "other": ":calendar: *Meeting calendar of {group}* – {count} meetings:",
        },
    },
    "meetings.calendar.skipped": {
        "da": "Havde allerede et møde: {days}",
        "en": "Already had a meeting: {days}",
    },
    "meetings.ics.summary": {"da": "Møde i {group}", "en": "Meeting of {group}"},
    "meetings.list.title": {"da": "Næste møder i {group}", "en": "Next meetings of {group}"},
    "meetings.button.ics": {"da": "Kalenderfil (.ics)", "en": "Calendar file (.ics)"},
    "meetings.button.ics_all": {"da": "Hele mødekalenderen (.ics)", "en": "All meetings (.ics)"},
    "meetings.button.edit": {"da": "Flyt / ret", "en": "Move / edit"},
    "meetings.button.cancel": {"da": "Aflys", "en": "Cancel meeting"},
    # ------------------------------------------------------------------ meeting modal
    "meetings.modal.title": {"da": "Nyt møde", "en": "New meeting"},
    "meetings.modal.move_title": {"da": "Flyt møde", "en": "Move meeting"},
    "meetings.modal.submit": {"da": "Gem", "en": "Save"},
    "meetings.modal.date": {"da": "Dato", "en": "Date"},
    "meetings.modal.start": {"da": "Starttid", "en": "Start time"},
    "meetings.modal.end": {"da": "Sluttid", "en": "End time"},
    "meetings.modal.location": {"da": "Sted", "en": "Place"},
    # ------------------------------------------------------------------ proposals
    "proposal.usage": {
        "da": "Skriv punktets titel, fx `@referent punkt: Budget 2027 til mødet 3/5 "
        "(beslutning)` eller `/referent punkt Status på rammeaftalen (orientering)`.",
        "en": "Give the item's title, e.g. `@referent propose Budget 2027 to the meeting 3/5 "
        "(decision)` or `/referent propose Status of the framework (information)`.",
    },
    "proposal.no_title": {
        "da": "Punktet mangler en titel. Skriv den først, fx `@referent punkt: Budget 2027 "
        "(beslutning)`.",
        "en": "The item has no title. Write it first, e.g. `@referent propose Budget 2027 "
        "(decision)`.",
    },
    "proposal.title_too_long": {
        "da": "Titlen må højst være {limit} tegn. Skriv titlen på første linje og uddybningen "
        "på de næste, fx `@referent punkt: Budget 2027` og derunder baggrunden.",
        "en": "The title can be at most {limit} characters. Put the title on the first line "
        "and the details below, e.g. `@referent propose Budget 2027` with the background "
        "underneath.",
    },
    "proposal.text_too_long": {
        "da": "En tekst i forslaget er over {limit} tegn; læg det lange som bilag (et link).",
        "en": "A text of the proposal is over {limit} characters; attach the long part as a link.",
    },
    "proposal.too_many_attachments": {
        "da": "Højst {limit} bilag pr. punkt.",
        "en": "At most {limit} attachments per item.",
    },
    "proposal.pick_meeting": {
        "da": "Vælg det møde, punktet er til.",
        "en": "Pick the meeting the item is for.",
    },
    "proposal.no_meetings": {
        "da": "Der er ingen planlagte møder i {groups} endnu. Formand eller sekretær kan "
        "oprette et med `/referent møde 3/5 kl 9-12`.",
        "en": "There are no planned meetings in {groups} yet. The chair or secretary can "
        "create one with `/referent meeting 3/5 kl 9-12`.",
    },
    "proposal.not_yours": {
        "da": "Beklager, kun forslagsstilleren, formanden eller sekretæren kan ændre eller "
        "trække forslaget tilbage i *{group}*.",
        "en": "Sorry, only the proposer, the chair or the secretary can change or withdraw "
        "this proposal in *{group}*.",
    },
    "proposal.closed": {
        "da": "Forslaget kan ikke længere ændres (det er {status}).",
        "en": "The proposal can no longer be changed (it is {status}).",
    },
    "proposal.status.proposed": {"da": "foreslået", "en": "proposed"},
    "proposal.status.accepted": {"da": "optaget", "en": "accepted"},
    "proposal.status.rejected": {"da": "afvist", "en": "rejected"},
    "proposal.status.postponed": {"da": "udsat", "en": "postponed"},
    "proposal.status.withdrawn": {"da": "trukket tilbage", "en": "withdrawn"},
    "proposal.status.treated": {"da": "behandlet", "en": "treated"},
    "proposal.confirm.heading": {
        "da": ":memo: *Forslag til dagsordenen for mødet {meeting}*",
        "en": ":memo: *Proposal for the agenda of the meeting {meeting}*",
    },
    "proposal.confirm.item": {
        "da": "*{number}. {title}* ({kind}) – foreslået af {proposer}",
        "en": "*{number}. {title}* ({kind}) – proposed by {proposer}",
    },
    "proposal.confirm.summary": {"da": "*Beslutningstema:* {text}", "en": "*Summary:* {text}"},
    "proposal.confirm.recommendation": {
        "da": "*Indstilling:* {text}",
        "en": "*Recommendation:* {text}",
    },
    "proposal.confirm.attachments": {"da": "*Bilag:* {links}", "en": "*Attachments:* {links}"},
    "proposal.confirm.late": {
        "da": "Eftersendt: fristen var {deadline}, så punktet får et bogstav efter nummeret",
        "en": "Sent late: the deadline was {deadline}, so the item gets a letter after its number",
    },
    "proposal.status_line.proposed": {
        "da": "Afventer formand eller sekretær – nummeret gælder, hvis punktet optages",
        "en": "Waiting for the chair or secretary – the number applies if the item is accepted",
    },
    "proposal.status_line.accepted": {
        "da": ":white_check_mark: Optaget på dagsordenen som punkt {number}",
        "en": ":white_check_mark: On the agenda as item {number}",
    },
    "proposal.status_line.rejected": {
        "da": ":no_entry: Afvist: {reason}",
        "en": ":no_entry: Rejected: {reason}",
    },
    "proposal.status_line.postponed": {
        "da": "Udsat til mødet {date}",
        "en": "Postponed to the meeting on {date}",
    },
    "proposal.status_line.withdrawn": {
        "da": "Trukket tilbage",
        "en": "Withdrawn",
    },
    "proposal.status_line.treated": {
        "da": "Behandlet på mødet",
        "en": "Treated at the meeting",
    },
    "proposal.button.propose": {"da": "Foreslå et punkt", "en": "Propose an item"},
    "proposal.button.edit": {"da": "Ret", "en": "Edit"},
    "proposal.button.withdraw": {"da": "Træk tilbage", "en": "Withdraw"},
    "proposal.withdraw.confirm_title": {"da": "Træk forslaget tilbage?", "en": "Withdraw?"},
    "proposal.withdraw.confirm_text": {
        "da": "Punktet tages af dagsordenen. Det kan ikke fortrydes.",
        "en": "The item is taken off the agenda. This cannot be undone.",
    },
    "proposal.edit_not_applied": {
        "da": "Din rettelse er ikke overført til forslaget: {problem}",
        "en": "Your edit was not applied to the proposal: {problem}",
    },
    "proposal.done.withdrawn": {
        "da": "Forslaget »{title}« er trukket tilbage.",
        "en": "The proposal “{title}” is withdrawn.",
    },
    "proposal.hint.heading": {
        "da": ":mag: *Har I besluttet dette før?* Jeg fandt i arkivet:",
        "en": ":mag: *Have you decided this before?* I found in the archive:",
    },
    "proposal.hint.line": {
        "da": "*{date}, punkt {number}:* {title}",
        "en": "*{date}, item {number}:* {title}",
    },
    "proposal.hint.footer": {
        "da": "Formand eller sekretær kan knytte forslaget til den tidligere behandling, "
        "fortsætte sagen under samme titel eller afvise det som allerede besluttet.",
        "en": "The chair or secretary can link the proposal to the earlier treatment, continue "
        "that matter under its title, or reject it as already decided.",
    },
    "proposal.hint.link": {"da": "Knyt til tidligere punkt", "en": "Link to earlier item"},
    "proposal.hint.merge": {"da": "Fortsæt samme sag", "en": "Continue that matter"},
    "proposal.hint.reject": {"da": "Afvis: allerede besluttet", "en": "Reject: decided"},
    "proposal.hint.reject_reason": {
        "da": "Allerede besluttet ({ref}, {title}): {decisions}",
        "en": "Already decided ({ref}, {title}): {decisions}",
    },
    # ------------------------------------------------------------------ proposal modal
    "proposal.modal.title": {"da": "Foreslå punkt", "en": "Propose an item"},
    "proposal.modal.edit_title": {"da": "Ret punkt", "en": "Edit item"},
    "proposal.modal.submit": {"da": "Send", "en": "Send"},
    "proposal.modal.title_label": {"da": "Titel", "en": "Title"},
    "proposal.modal.kind_label": {"da": "Punktet er", "en": "The item is"},
    "proposal.modal.meeting_label": {"da": "Møde", "en": "Meeting"},
    "proposal.modal.meeting_placeholder": {"da": "Vælg møde", "en": "Pick a meeting"},
    "proposal.modal.summary_label": {
        "da": "Beslutningstema (hvad skal gruppen tage stilling til?)",
        "en": "Summary (what should the group decide on?)",
    },
    "proposal.modal.background_label": {"da": "Baggrund", "en": "Background"},
    "proposal.modal.recommendation_label": {
        "da": "Indstilling (hvad foreslås besluttet?)",
        "en": "Recommendation (what is proposed?)",
    },
    "proposal.modal.attachments_label": {
        "da": "Bilag – ét pr. linje: titel og link",
        "en": "Attachments – one per line: title and link",
    },
    # ------------------------------------------------------------------ the agenda
    "agenda.title": {"da": "Dagsorden – {group}", "en": "Agenda – {group}"},
    "agenda.draft.title": {
        "da": "Udkast til dagsorden – {group}",
        "en": "Draft agenda – {group}",
    },
    "agenda.heading.when": {"da": "Tid: {when}", "en": "When: {when}"},
    "agenda.heading.place": {"da": "Sted: {place}", "en": "Where: {place}"},
    "agenda.version": {"da": "Version {version}", "en": "Version {version}"},
    "agenda.draft.published": {
        "da": "Udgivet som version {version}",
        "en": "Published as version {version}",
    },
    "agenda.draft.unpublished": {"da": "Ikke udgivet endnu", "en": "Not published yet"},
    "agenda.draft.truncated": {
        "da": "… flere punkter – brug tekstformerne, fx `/referent dagsorden accepter F1`.",
        "en": "… more items – use the text forms, e.g. `/referent agenda accept F1`.",
    },
    "agenda.section.decision": {
        "da": "Punkter til indstilling/beslutning",
        "en": "Items for decision",
    },
    "agenda.section.information": {"da": "Punkter til orientering", "en": "Items for information"},
    "agenda.kind.decision": {"da": "til beslutning", "en": "for decision"},
    "agenda.kind.discussion": {"da": "til drøftelse", "en": "for discussion"},
    "agenda.kind.information": {"da": "til orientering", "en": "for information"},
    "agenda.kind.standing": {"da": "fast punkt", "en": "standing item"},
    "agenda.kind_option.decision": {"da": "Til beslutning", "en": "For decision"},
    "agenda.kind_option.discussion": {"da": "Til drøftelse", "en": "For discussion"},
    "agenda.kind_option.information": {"da": "Til orientering", "en": "For information"},
    "agenda.standing.approve_agenda": {
        "da": "Godkendelse af dagsorden",
        "en": "Approval of the agenda",
    },
    "agenda.standing.approve_agenda.recommendation": {
        "da": "Det indstilles, at {group} godkender dagsordenen.",
        "en": "It is recommended that {group} approves the agenda.",
    },
    "agenda.standing.approve_minutes": {
        "da": "Godkendelse af referat fra mødet {date}",
        "en": "Approval of the minutes of the meeting on {date}",
    },
    "agenda.standing.approve_minutes.recommendation": {
        "da": "Det indstilles, at {group} godkender referatet.",
        "en": "It is recommended that {group} approves the minutes.",
    },
    "agenda.standing.follow_up": {
        "da": "Opfølgning på opgaver med overskredet frist",
        "en": "Follow-up on overdue action items",
    },
    "agenda.standing.next_meeting": {
        "da": "Punkter til næste møde",
        "en": "Items for the next meeting",
    },
    "agenda.standing.any_other": {"da": "Evt.", "en": "Any other business"},
    "agenda.follow_up.line": {
        "da": "{text} – {owner} (frist {due})",
        "en": "{text} – {owner} (due {due})",
    },
    "agenda.follow_up.no_owner": {"da": "ingen tovholder", "en": "no owner"},
    "agenda.note.carried": {"da": "udsat fra {date}", "en": "postponed from {date}"},
    "agenda.note.next_list": {
        "da": "fra punkter til næste møde {date}",
        "en": "from items for the next meeting {date}",
    },
    "agenda.note.late": {"da": "eftersendt", "en": "sent late"},
    "agenda.note.postponed_to": {"da": "udsat til {date}", "en": "postponed to {date}"},
    "agenda.note.related": {"da": "tidligere behandlet {ref}", "en": "treated before {ref}"},
    "agenda.note.related_ref": {"da": "{date}, punkt {number}", "en": "{date}, item {number}"},
    "agenda.attachments_inline": {"da": "Bilag: {links}", "en": "Attachments: {links}"},
    "agenda.pending.heading": {
        "da": "*Forslag der venter på behandling ({count})*",
        "en": "*Proposals waiting for curation ({count})*",
    },
    "agenda.pending.line": {
        "da": "*{ref}* (bliver nr. {number}) {line}",
        "en": "*{ref}* (becomes no. {number}) {line}",
    },
    "agenda.set_aside": {"da": "Ikke på dagsordenen: {items}", "en": "Not on the agenda: {items}"},
    "agenda.menu.up": {"da": "Flyt op", "en": "Move up"},
    "agenda.menu.down": {"da": "Flyt ned", "en": "Move down"},
    "agenda.menu.kind": {"da": "Skift type …", "en": "Change kind …"},
    "agenda.menu.postpone": {"da": "Udsæt til andet møde …", "en": "Postpone …"},
    "agenda.menu.reject": {"da": "Tag af dagsordenen …", "en": "Take off the agenda …"},
    "agenda.button.accept": {"da": "Optag", "en": "Accept"},
    "agenda.button.reject": {"da": "Afvis", "en": "Reject"},
    "agenda.button.postpone": {"da": "Udsæt", "en": "Postpone"},
    "agenda.button.kind": {"da": "Skift type", "en": "Change kind"},
    "agenda.button.publish": {"da": "Udgiv dagsorden", "en": "Publish agenda"},
    "agenda.button.publish_again": {
        "da": "Udgiv version {version}",
        "en": "Publish version {version}",
    },
    "agenda.button.export_docx": {"da": "Word (.docx)", "en": "Word (.docx)"},
    "agenda.button.export_md": {"da": "Markdown (.md)", "en": "Markdown (.md)"},
    "agenda.modal.reject_title": {"da": "Afvis punkt", "en": "Reject item"},
    "agenda.modal.reject_intro": {
        "da": "Afvis »{title}«. Forslagsstilleren får begrundelsen.",
        "en": "Reject “{title}”. The proposer is sent the reason.",
    },
    "agenda.modal.reason": {"da": "Begrundelse", "en": "Reason"},
    "agenda.modal.postpone_title": {"da": "Udsæt punkt", "en": "Postpone item"},
    "agenda.modal.postpone_intro": {
        "da": "Hvilket møde skal »{title}« behandles på?",
        "en": "Which meeting should take “{title}”?",
    },
    "agenda.modal.kind_title": {"da": "Skift type", "en": "Change kind"},
    "agenda.modal.kind_submit": {"da": "Gem", "en": "Save"},
    # ------------------------------------------------------------------ curation results
    "agenda.done.accepted": {
        "da": "»{title}« er optaget som punkt {number}.",
        "en": "“{title}” is on the agenda as item {number}.",
    },
    "agenda.done.rejected": {
        "da": "»{title}« er taget af dagsordenen; forslagsstilleren har fået begrundelsen.",
        "en": "“{title}” is off the agenda; the proposer was sent the reason.",
    },
    "agenda.done.postponed": {
        "da": "»{title}« er udsat til mødet {meeting}.",
        "en": "“{title}” is postponed to the meeting {meeting}.",
    },
    "agenda.done.moved": {
        "da": "»{title}« er nu punkt {number}.",
        "en": "“{title}” is now item {number}.",
    },
    "agenda.done.kind": {
        "da": "»{title}« er nu {kind}.",
        "en": "“{title}” is now {kind}.",
    },
    "agenda.done.linked": {
        "da": "»{title}« er knyttet til den tidligere behandling ({ref}).",
        "en": "“{title}” is linked to the earlier treatment ({ref}).",
    },
    "agenda.done.merged": {
        "da": "Forslaget fortsætter sagen fra {ref} som »{title}«.",
        "en": "The proposal continues the matter of {ref} as “{title}”.",
    },
    "agenda.done.published": {
        "da": "Dagsordenen er udgivet i kanalen (version {version}).",
        "en": "The agenda is published in the channel (version {version}).",
    },
    "agenda.done.pending_left": {
        "da": "{count} forslag venter stadig og er ikke med.",
        "en": {
            "one": "One proposal still waits and is not included.",
            "other": "{count} proposals still wait and are not included.",
        },
    },
    "agenda.done.exported": {
        "da": "Dagsordenen er delt i kanalen som {filename}.",
        "en": "The agenda is shared in the channel as {filename}.",
    },
    "agenda.dm.accepted": {
        "da": "Dit forslag »{title}« er optaget på dagsordenen for mødet {meeting} som punkt "
        "{number}.",
        "en": "Your proposal “{title}” is on the agenda of the meeting {meeting} as item {number}.",
    },
    "agenda.dm.rejected": {
        "da": "Dit forslag »{title}« til mødet {meeting} er ikke optaget på dagsordenen. "
        "Begrundelse fra {by}: {reason}",
        "en": "Your proposal “{title}” for the meeting {meeting} was not put on the agenda. "
        "Reason from {by}: {reason}",
    },
    "agenda.dm.postponed": {
        "da": "Dit punkt »{title}« er udsat til mødet {meeting}.",
        "en": "Your item “{title}” is postponed to the meeting {meeting}.",
    },
    "agenda.published.fallback": {
        "da": "Dagsorden – {group}, mødet {meeting}",
        "en": "Agenda – {group}, meeting {meeting}",
    },
    "agenda.superseded": {
        "da": ":warning: Denne dagsorden er erstattet af version {version} længere nede.",
        "en": ":warning: This agenda is replaced by version {version} further down.",
    },
    "agenda.changes.heading": {
        "da": "*Ændret siden version {version}:*",
        "en": "*Changed since version {version}:*",
    },
    "agenda.changes.added": {"da": "• Nyt: {number}. {title}", "en": "• New: {number}. {title}"},
    "agenda.changes.removed": {
        "da": "• Udgået: ~{number}. {title}~",
        "en": "• Removed: ~{number}. {title}~",
    },
    "agenda.changes.retitled": {
        "da": "• {number}. ny titel: {title} (før: {old})",
        "en": "• {number}. new title: {title} (was: {old})",
    },
    "agenda.changes.kind": {
        "da": "• {number}. {title}: ny type",
        "en": "• {number}. {title}: new kind",
    },
    "agenda.changes.renumbered": {
        "da": "• {title}: nu punkt {number} (før {old})",
        "en": "• {title}: now item {number} (was {old})",
    },
    # ------------------------------------------------------------------ curation errors
    "agenda.unknown_item": {
        "da": "Jeg kan ikke finde punkt »{ref}« på dagsordenen. Brug nummeret fra "
        "`/referent dagsorden`, fx `4` eller `F1` for et forslag.",
        "en": "I cannot find item “{ref}” on the agenda. Use the number shown by "
        "`/referent agenda`, e.g. `4`, or `F1` for a proposal.",
    },
    "agenda.verb_usage": {
        "da": "Skriv hvilket punkt, fx `/referent dagsorden accepter F1` eller "
        "`/referent dagsorden udsæt 4 til 3/5`.",
        "en": "Say which item, e.g. `/referent agenda accept F1` or "
        "`/referent agenda postpone 4 to 3/5`.",
    },
    "agenda.not_pending": {
        "da": "»{title}« kan ikke ændres sådan i sin nuværende status.",
        "en": "“{title}” cannot be changed that way in its current status.",
    },
    "agenda.reject_needs_reason": {
        "da": "Skriv en begrundelse, som forslagsstilleren får, fx "
        "`/referent dagsorden afvis F1 Behandles i netværksgruppen`.",
        "en": "Give a reason for the proposer, e.g. "
        "`/referent agenda reject F1 Handled by the network group`.",
    },
    "agenda.standing_fixed": {
        "da": "»{title}« er et fast punkt og bliver på sin plads.",
        "en": "“{title}” is a standing item and stays where it is.",
    },
    "agenda.cannot_move": {
        "da": "»{title}« kan ikke flyttes længere i den retning.",
        "en": "“{title}” cannot move further that way.",
    },
    "agenda.kind_usage": {
        "da": "Skriv typen som beslutning, drøftelse eller orientering, fx "
        "`/referent dagsorden type 4 orientering`.",
        "en": "Give the kind as decision, discussion or information, e.g. "
        "`/referent agenda kind 4 information`.",
    },
    "agenda.postpone_usage": {
        "da": "Skriv hvilket møde punktet udsættes til, fx `/referent dagsorden udsæt 4 til 3/5`.",
        "en": "Say which meeting the item is postponed to, e.g. "
        "`/referent agenda postpone 4 to 3/5`.",
    },
    "agenda.postpone_same": {
        "da": "Vælg et andet møde end det, punktet står på nu.",
        "en": "Pick a meeting other than the one the item is on now.",
    },
    "agenda.postpone_target_past": {
        "da": "Punkter kan kun udsættes til et kommende møde.",
        "en": "Items can only be postponed to a coming meeting.",
    },
    "agenda.postpone_no_meeting": {
        "da": "Der er intet senere møde at udsætte til. Opret det først, fx "
        "`/referent møde 3/5 kl 9-12`.",
        "en": "There is no later meeting to postpone to. Create it first, e.g. "
        "`/referent meeting 3/5 kl 9-12`.",
    },
    "agenda.no_changes": {
        "da": "Dagsordenen er uændret siden version {version}; der er intet nyt at udgive.",
        "en": "The agenda has not changed since version {version}; nothing new to publish.",
    },
    "agenda.no_channel": {
        "da": "Gruppen har ingen kanal at udgive i. Kør `/referent opsæt` i gruppens kanal.",
        "en": "The group has no channel to publish in. Run `/referent setup` in its channel.",
    },
    "agenda.export_usage": {
        "da": "Vælg docx eller md, fx `/referent dagsorden eksport docx`.",
        "en": "Choose docx or md, e.g. `/referent agenda export docx`.",
    },
    # ------------------------------------------------------------------ export
    "agenda.export.title": {
        "da": "Dagsorden – {group}, {meeting}",
        "en": "Agenda – {group}, {meeting}",
    },
    "agenda.export.file_stem": {"da": "dagsorden", "en": "agenda"},
    "agenda.export.date": {"da": "Dato", "en": "Date"},
    "agenda.export.place": {"da": "Sted", "en": "Place"},
    "agenda.export.intro": {
        "da": "Dagsordenen er inddelt i punkter til indstilling/beslutning og orientering.",
        "en": "The agenda is divided into items for decision and items for information.",
    },
    "agenda.export.proposer": {"da": "foreslået af {name}", "en": "proposed by {name}"},
    "agenda.export.summary": {"da": "Beslutningstema", "en": "Summary"},
    "agenda.export.background": {"da": "Baggrund", "en": "Background"},
    "agenda.export.related": {"da": "Tidligere behandlet", "en": "Treated before"},
    "agenda.export.recommendation": {"da": "Indstilling", "en": "Recommendation"},
    "agenda.export.attachments": {"da": "Bilag", "en": "Attachments"},
    "agenda.export.decision": {"da": "Beslutning", "en": "Decision"},
    # ------------------------------------------------------------------ App Home
    "home.meetings.title": {"da": "Møder – {group}", "en": "Meetings – {group}"},
    "home.meetings.next": {
        "da": "*Næste møde:* {when}\nFrist for forslag: {deadline}",
        "en": "*Next meeting:* {when}\nDeadline for proposals: {deadline}",
    },
    "home.meetings.mine": {"da": "*Dine forslag:*", "en": "*Your proposals:*"},
    "home.meetings.new": {"da": "Nyt møde", "en": "New meeting"},
}
