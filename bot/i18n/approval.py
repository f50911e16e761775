"""Messages of the approval of the minutes (referat): request, votes, objections, outcome."""

from __future__ import annotations

from bot.i18n import Text

MESSAGES: dict[str, dict[str, Text]] = {
    # ------------------------------------------------------------------ help
    "help.cmd.minutes": {
        "da": "`referat [dato]` + fil – send referatet til godkendelse (eller skriv "
        "kommandoen og upload filen bagefter); `referat [dato] udkast` – jeg skriver et udkast "
        "ud fra dagsorden, fremmøde og beslutninger; `referat behandlet <note>` – markér "
        "indsigelser som behandlet",
        "en": "`minutes [date]` + file – send the minutes for approval (or write the command "
        "and upload the file afterwards); `minutes [date] draft` – I write a draft from the "
        "agenda, attendance and decisions; `minutes handled <note>` – mark objections handled",
    },
    "help.cmd.status": {
        "da": "`status [dato]` – hvem har godkendt referatet, gjort indsigelse eller ikke svaret",
        "en": "`status [date]` – who approved the minutes, objected or has not answered",
    },
    # ------------------------------------------------------------------ posting
    "approval.posted": {
        "da": "Referatet fra mødet {date} er sendt til godkendelse i kanalen. Frist: {deadline}.",
        "en": "The minutes of the meeting {date} have been sent for approval in the channel. "
        "Deadline: {deadline}.",
    },
    "approval.posted_revision": {
        "da": "Version {version} af referatet fra mødet {date} er sendt til godkendelse med "
        "{changes} ændring(er) i punkter og beslutninger; svarene er nulstillet. Ny frist: "
        "{deadline}.",
        "en": "Version {version} of the minutes of the meeting {date} has been sent for "
        "approval with {changes} change(s) to items and decisions; the answers were reset. "
        "New deadline: {deadline}.",
    },
    "approval.awaiting": {
        "da": "Godt – upload referatet her i kanalen inden for {minutes} minutter (PDF, DOCX, "
        "TXT eller Markdown), så sender jeg det til godkendelse. Du kan også skrive "
        "`@referent referat` sammen med filen.",
        "en": "Fine – upload the minutes here in the channel within {minutes} minutes (PDF, "
        "DOCX, TXT or Markdown) and I will send them for approval. You can also write "
        "`@referent minutes` together with the file.",
    },
    "approval.in_channel": {
        "da": "Referatet sendes til godkendelse i gruppens kanal: skriv `/referent referat` "
        "dér, fx `/referent referat 15/3`.",
        "en": "The minutes are sent for approval in the group's channel: write "
        "`/referent minutes` there, e.g. `/referent minutes 15/3`.",
    },
    "approval.no_channel": {
        "da": "Gruppen *{group}* har ingen Slack-kanal endnu. Kør `/referent opsæt` i kanalen "
        "først.",
        "en": "The group *{group}* has no Slack channel yet. Run `/referent setup` in the "
        "channel first.",
    },
    "approval.one_file": {
        "da": "Send én fil ad gangen: ét referat er én fil, fx `@referent referat 15/3` med "
        "referatet vedhæftet.",
        "en": "Send one file at a time: one set of minutes is one file, e.g. "
        "`@referent minutes 15/3` with the minutes attached.",
    },
    "approval.agenda_not_minutes": {
        "da": "»{name}« ligner en dagsorden uden beslutninger, ikke et referat. Upload "
        "referatet med beslutningerne, eller skriv `/referent referat udkast`, så skriver jeg "
        "et udkast.",
        "en": "“{name}” looks like an agenda without decisions, not minutes. Upload the "
        "minutes with the decisions, or write `/referent minutes draft` and I will write a "
        "draft.",
    },
    "approval.date_mismatch": {
        "da": "»{name}« er referatet fra {file_date}, men du skrev {date}. Skriv datoen fra "
        "referatet, fx `@referent referat` uden dato, så bruger jeg filens dato.",
        "en": "“{name}” holds the minutes of {file_date}, but you wrote {date}. Use the date "
        "of the minutes, or write `@referent minutes` without a date and I will use the "
        "file's date.",
    },
    "approval.not_held": {
        "da": "Mødet {date} er ikke holdt endnu, så der er intet referat at godkende. Skriv "
        "datoen for et afholdt møde, fx `/referent referat 15/3`.",
        "en": "The meeting {date} has not been held yet, so there are no minutes to approve. "
        "Give the date of a meeting that was held, e.g. `/referent minutes 15/3`.",
    },
    "approval.no_held_meeting": {
        "da": "*{group}* har ikke holdt noget møde endnu. Skriv mødets dato, fx "
        "`@referent referat 15/3` med referatet vedhæftet.",
        "en": "*{group}* has not held a meeting yet. Give the meeting's date, e.g. "
        "`@referent minutes 15/3` with the minutes attached.",
    },
    "approval.no_meeting_on": {
        "da": "Gruppen havde intet møde {date}. Seneste møder: {recent}. Fx "
        "`/referent referat 15/3`.",
        "en": "The group had no meeting on {date}. Latest meetings: {recent}. E.g. "
        "`/referent minutes 15/3`.",
    },
    "approval.no_meetings": {
        "da": "ingen endnu",
        "en": "none yet",
    },
    "approval.already_approved": {
        "da": "Referatet fra det møde er allerede godkendt (version {version}); en godkendt "
        "tekst ændres ikke. Rettelser tages op som et punkt på næste møde.",
        "en": "The minutes of that meeting are already approved (version {version}); an "
        "approved text is not changed. Raise corrections as an item at the next meeting.",
    },
    "approval.same_version": {
        "da": "Filen er identisk med version {version}, som allerede er til godkendelse. "
        "Upload den rettede fil for at sende en ny version.",
        "en": "The file is identical to version {version}, which is already out for "
        "approval. Upload the corrected file to send a new version.",
    },
    "approval.draft_empty": {
        "da": "Mødet {date} har ingen dagsorden, så der er intet at skrive et udkast ud fra. "
        "Upload referatet i stedet, fx `@referent referat` med filen vedhæftet.",
        "en": "The meeting {date} has no agenda, so there is nothing to draft from. Upload "
        "the minutes instead, e.g. `@referent minutes` with the file attached.",
    },
    # ------------------------------------------------------------------ the request
    "approval.request.title": {
        "da": "Referat til godkendelse: {group}, mødet {date}",
        "en": "Minutes for approval: {group}, meeting {date}",
    },
    "approval.request.title_revised": {
        "da": "Revideret referat (version {version}): {group}, mødet {date}",
        "en": "Revised minutes (version {version}): {group}, meeting {date}",
    },
    "approval.request.intro": {
        "da": "Referatet fra mødet {date} er klar til godkendelse. *Frist: {deadline}.* {policy}",
        "en": "The minutes of the meeting {date} are ready for approval. *Deadline: "
        "{deadline}.* {policy}",
    },
    "approval.request.changes": {
        "da": "*Ændret i forhold til version {version}* (afgivne svar er nulstillet):",
        "en": "*Changed from version {version}* (earlier answers have been reset):",
    },
    "approval.request.file_link": {
        "da": "Referatet som fil: <{link}|{name}>",
        "en": "The minutes as a file: <{link}|{name}>",
    },
    "approval.request.file_thread": {
        "da": "Referatet som fil ligger i tråden ({name}).",
        "en": "The minutes as a file are in the thread ({name}).",
    },
    "approval.deadline_weekday": {
        "da": "{when} (ugedagen efter mødet)",
        "en": "{when} (the same weekday a week after the meeting)",
    },
    "approval.no_deadline": {
        "da": "ingen frist",
        "en": "no deadline",
    },
    "approval.policy.tacit": {
        "da": "Svarer du ikke inden fristen, godkender du stiltiende.",
        "en": "If you do not answer by the deadline, you approve tacitly.",
    },
    "approval.policy.explicit_all": {
        "da": "Referatet er godkendt, når alle medlemmer har godkendt det.",
        "en": "The minutes are approved once every member has approved them.",
    },
    "approval.policy.explicit_quorum": {
        "da": "Referatet er godkendt, når {count} af {total} medlemmer har godkendt det.",
        "en": "The minutes are approved once {count} of {total} members have approved them.",
    },
    "approval.policy.justering": {
        "da": "Referatet justeres af {names}, som skal godkende udtrykkeligt; øvrige "
        "medlemmer godkender stiltiende ved fristen.",
        "en": "The minutes are checked by {names}, who must approve explicitly; the other "
        "members approve tacitly at the deadline.",
    },
    "approval.how": {
        "da": "Godkend med {approve}. Gør indsigelse med {object} eller ved at svare i tråden "
        "med »indsigelse: …« (eller »bemærkning: …«). Kun gruppens medlemmer tæller med.",
        "en": "Approve with {approve}. Object with {object} or by replying in the thread with "
        "“objection: …”. Only the group's members count.",
    },
    "approval.attendance.participants": {
        "da": "*Deltagere:* {names}",
        "en": "*Participants:* {names}",
    },
    "approval.attendance.guests": {
        "da": "*Gæster:* {names}",
        "en": "*Guests:* {names}",
    },
    "approval.attendance.absent": {
        "da": "*Afbud:* {names}",
        "en": "*Apologies:* {names}",
    },
    "approval.no_decision": {
        "da": "Ingen beslutning ført til referat.",
        "en": "No decision recorded.",
    },
    "approval.more_decisions": {
        "da": {"one": "… og én beslutning mere", "other": "… og {count} beslutninger mere"},
        "en": {"one": "… and one more decision", "other": "… and {count} more decisions"},
    },
    "approval.more_items": {
        "da": {
            "one": "… og ét punkt mere (se filen):",
            "other": "… og {count} punkter mere (se filen):",
        },
        "en": {
            "one": "… and one more item (see the file):",
            "other": "… and {count} more items (see the file):",
        },
    },
    "approval.show_item": {
        "da": "Vis hele punktet",
        "en": "Show the whole item",
    },
    "approval.item_heading": {
        "da": "Referatet fra mødet {date}, version {version}",
        "en": "The minutes of the meeting {date}, version {version}",
    },
    "approval.item_gone": {
        "da": "Det punkt kan jeg ikke finde (længere) i referatet.",
        "en": "I cannot find that item in the minutes (any more).",
    },
    "approval.count.approved": {
        "da": "{approved} af {total} har godkendt",
        "en": "{approved} of {total} have approved",
    },
    "approval.count.objection_one": {
        "da": "1 indsigelse",
        "en": "1 objection",
    },
    "approval.count.objection_many": {
        "da": "{count} indsigelser",
        "en": "{count} objections",
    },
    "approval.count.missing": {
        "da": "{count} mangler",
        "en": "{count} not answered",
    },
    "approval.state.approved": {
        "da": "*Godkendt {when}*",
        "en": "*Approved {when}*",
    },
    "approval.state.superseded": {
        "da": "*Erstattet af version {version}* – svar på den nye version",
        "en": "*Replaced by version {version}* – answer the new version",
    },
    "approval.state.stalled": {
        "da": "*Fristen er udløbet uden godkendelse*",
        "en": "*The deadline passed without approval*",
    },
    "approval.nobody": {
        "da": "ingen",
        "en": "nobody",
    },
    "approval.and_more": {
        "da": "og {count} flere",
        "en": "and {count} more",
    },
    "approval.see_thread": {
        "da": "<{link}|Se tråden>",
        "en": "<{link}|See the thread>",
    },
    "approval.see_request": {
        "da": "<{link}|Gå til referatet>",
        "en": "<{link}|Go to the minutes>",
    },
    # ------------------------------------------------------------------ revisions
    "approval.change.none": {
        "da": "Ingen ændringer i punkter eller beslutninger (kun i den øvrige tekst).",
        "en": "No changes to items or decisions (only to the rest of the text).",
    },
    "approval.change.item_added": {
        "da": "Punkt {number} ({title}) er nyt",
        "en": "Item {number} ({title}) is new",
    },
    "approval.change.item_removed": {
        "da": "Punkt {number} ({title}) er fjernet",
        "en": "Item {number} ({title}) was removed",
    },
    "approval.change.retitled": {
        "da": "Punkt {number} hedder nu »{new}« (før »{old}«)",
        "en": "Item {number} is now called “{new}” (was “{old}”)",
    },
    "approval.change.decision_added": {
        "da": "Punkt {number} ({title}): ny beslutning »{new}«",
        "en": "Item {number} ({title}): new decision “{new}”",
    },
    "approval.change.decision_removed": {
        "da": "Punkt {number} ({title}): beslutning fjernet »{old}«",
        "en": "Item {number} ({title}): decision removed “{old}”",
    },
    "approval.change.decision_changed": {
        "da": "Punkt {number} ({title}): »{old}« er ændret til »{new}«",
        "en": "Item {number} ({title}): “{old}” changed to “{new}”",
    },
    "approval.revised.thread": {
        "da": "Denne version er erstattet af version {version}; svarene her tæller ikke længere.",
        "en": "This version was replaced by version {version}; the answers here no longer count.",
    },
    # ------------------------------------------------------------------ votes and notes
    "approval.note.not_member": {
        "da": "Tak, men kun medlemmer af *{group}* godkender referatet, så din reaktion tæller "
        "ikke med.",
        "en": "Thanks, but only members of *{group}* approve the minutes, so your reaction "
        "does not count.",
    },
    "approval.note.superseded": {
        "da": "Denne version af referatet er erstattet af version {version}. Svar på den nye "
        "version i kanalen.",
        "en": "This version of the minutes was replaced by version {version}. Answer the new "
        "version in the channel.",
    },
    "approval.note.approved": {
        "da": "Referatet er allerede godkendt, så dit svar ændrer ikke noget. Rettelser tages "
        "op på næste møde.",
        "en": "The minutes are already approved, so your answer changes nothing. Raise "
        "corrections at the next meeting.",
    },
    "approval.note.objection_sent": {
        "da": "Din indsigelse er noteret og sendt til sekretariatet. Referatet godkendes ikke, "
        "før den er behandlet.",
        "en": "Your objection is noted and sent to the secretariat. The minutes will not be "
        "approved until it has been handled.",
    },
    # ------------------------------------------------------------------ objections
    "approval.objection_where": {
        "da": "En indsigelse skrives som svar i tråden under referatet, fx »Indsigelse: punkt 3 "
        "gengiver ikke beslutningen«, eller med en :x:-reaktion på referatet.",
        "en": "Write an objection as a reply in the thread under the minutes, e.g. “Objection: "
        "item 3 does not reflect the decision”, or react to the minutes with :x:.",
    },
    "approval.objection.dm_text": {
        "da": "*{name}* har gjort indsigelse mod referatet fra mødet {date} i *{group}*:\n> {text}",
        "en": "*{name}* objected to the minutes of the meeting {date} in *{group}*:\n> {text}",
    },
    "approval.objection.dm_reaction": {
        "da": "*{name}* har gjort indsigelse mod referatet fra mødet {date} i *{group}* "
        "(reagerede med {emoji} uden at skrive hvorfor – spørg evt. i tråden).",
        "en": "*{name}* objected to the minutes of the meeting {date} in *{group}* (reacted "
        "with {emoji} without saying why – you may ask in the thread).",
    },
    "approval.objection.dm_hint": {
        "da": "Referatet godkendes ikke stiltiende, så længe indsigelsen er åben. Upload en "
        "rettet version med `@referent referat` og filen, eller markér indsigelsen som "
        "behandlet med en note.",
        "en": "The minutes are not approved tacitly while the objection is open. Upload a "
        "corrected version with `@referent minutes` and the file, or mark the objection "
        "handled with a note.",
    },
    "approval.objection.handle_button": {
        "da": "Markér som behandlet",
        "en": "Mark as handled",
    },
    "approval.objection.handled_thread": {
        "da": "Indsigelsen fra {who} er behandlet af {actor}: {note}",
        "en": "The objection from {who} was handled by {actor}: {note}",
    },
    "approval.modal.title": {
        "da": "Behandl indsigelse",
        "en": "Handle objection",
    },
    "approval.modal.submit": {
        "da": "Gem",
        "en": "Save",
    },
    "approval.modal.close": {
        "da": "Annullér",
        "en": "Cancel",
    },
    "approval.modal.objection": {
        "da": "*{name}* skrev:\n> {text}",
        "en": "*{name}* wrote:\n> {text}",
    },
    "approval.modal.label": {
        "da": "Hvordan er indsigelsen behandlet?",
        "en": "How was the objection handled?",
    },
    "approval.modal.placeholder": {
        "da": "Fx: Punkt 3 står som besluttet; vi tager det op igen på næste møde.",
        "en": "E.g. Item 3 stands as decided; we will take it up again at the next meeting.",
    },
    "approval.handled_usage": {
        "da": "Skriv, hvordan indsigelsen er behandlet, fx `/referent referat behandlet "
        "Punkt 3 står som besluttet; drøftes igen på næste møde`.",
        "en": "Say how the objection was handled, e.g. `/referent minutes handled Item 3 "
        "stands as decided; discussed again at the next meeting`.",
    },
    "approval.handled_done": {
        "da": {
            "one": "Indsigelsen er markeret som behandlet, og noten er sat i tråden.",
            "other": "{count} indsigelser er markeret som behandlet, og noten er sat i tråden.",
        },
        "en": {
            "one": "The objection is marked handled, and the note is in the thread.",
            "other": "{count} objections marked handled, and the note is in the thread.",
        },
    },
    "approval.handled_done_approved": {
        "da": {
            "one": "Indsigelsen er markeret som behandlet. Fristen var udløbet, så referatet er "
            "nu godkendt.",
            "other": "{count} indsigelser er markeret som behandlet. Fristen var udløbet, så "
            "referatet er nu godkendt.",
        },
        "en": {
            "one": "The objection is marked handled. The deadline had passed, so the minutes "
            "are now approved.",
            "other": "{count} objections marked handled. The deadline had passed, so the minutes "
            "are now approved.",
        },
    },
    "approval.no_open_objections": {
        "da": "Der er ingen åbne indsigelser mod referatet. Se dem med `/referent status`.",
        "en": "There are no open objections to the minutes. See them with `/referent status`.",
    },
    "approval.no_open_round": {
        "da": "*{group}* har intet referat til godkendelse lige nu. Send et med "
        "`@referent referat` og filen.",
        "en": "*{group}* has no minutes out for approval right now. Send them with "
        "`@referent minutes` and the file.",
    },
    "approval.objection_closed": {
        "da": "Den indsigelse er allerede behandlet (eller referatet er erstattet af en ny "
        "version). Se `/referent status`.",
        "en": "That objection has already been handled (or the minutes were replaced by a "
        "new version). See `/referent status`.",
    },
    "approval.objection_gone": {
        "da": "Den indsigelse kan jeg ikke finde. Se de åbne med `/referent status`.",
        "en": "I cannot find that objection. See the open ones with `/referent status`.",
    },
    # ------------------------------------------------------------------ reminders
    "approval.reminder.text": {
        "da": "Påmindelse: referatet fra mødet {date} i *{group}* venter på dit svar. "
        "Frist: {deadline}.",
        "en": "Reminder: the minutes of the meeting {date} in *{group}* await your answer. "
        "Deadline: {deadline}.",
    },
    "approval.reminder.tacit": {
        "da": "Svarer du ikke, godkender du referatet stiltiende ved fristen.",
        "en": "If you do not answer, you approve the minutes tacitly at the deadline.",
    },
    "approval.reminder.explicit": {
        "da": "Referatet skal godkendes udtrykkeligt, så dit svar er nødvendigt.",
        "en": "The minutes must be approved explicitly, so your answer is needed.",
    },
    # ------------------------------------------------------------------ outcome
    "approval.approved.headline": {
        "da": "Referatet fra mødet {date} er godkendt: {approved} godkendte, {tacit} stiltiende.",
        "en": "The minutes of the meeting {date} are approved: {approved} approved, {tacit} "
        "tacitly.",
    },
    "approval.approved.headline_explicit": {
        "da": "Referatet fra mødet {date} er godkendt: {approved} godkendte.",
        "en": "The minutes of the meeting {date} are approved: {approved} approved.",
    },
    "approval.approved.by": {
        "da": "Godkendt af: {names}",
        "en": "Approved by: {names}",
    },
    "approval.approved.tacit": {
        "da": "Stiltiende godkendt (intet svar inden fristen): {names}",
        "en": "Approved tacitly (no answer by the deadline): {names}",
    },
    "approval.approved.handled": {
        "da": "Behandlede indsigelser fra: {names}",
        "en": "Handled objections from: {names}",
    },
    "approval.stalled.thread": {
        "da": "Fristen for referatet fra mødet {date} er udløbet, men referatet er ikke "
        "godkendt endnu.",
        "en": "The deadline for the minutes of the meeting {date} has passed, but the "
        "minutes are not approved yet.",
    },
    "approval.stalled.objections": {
        "da": {
            "one": "Én åben indsigelse fra: {names}",
            "other": "{count} åbne indsigelser fra: {names}",
        },
        "en": {
            "one": "One open objection from: {names}",
            "other": "{count} open objections from: {names}",
        },
    },
    "approval.stalled.missing_explicit": {
        "da": "{approved} af de {needed} nødvendige har godkendt. Mangler: {names}",
        "en": "{approved} of the {needed} needed have approved. Missing: {names}",
    },
    "approval.stalled.missing_signers": {
        "da": "Mangler godkendelse fra justeringen: {names}",
        "en": "Still needs the approval of the checkers: {names}",
    },
    "approval.stalled.dm": {
        "da": "Fristen for referatet fra mødet {date} i *{group}* er udløbet uden godkendelse.",
        "en": "The deadline for the minutes of the meeting {date} in *{group}* passed "
        "without approval.",
    },
    "approval.stalled.hint": {
        "da": "Referatet godkendes, så snart det, der mangler, er på plads: en indsigelse "
        "behandles med `/referent referat behandlet <note>` eller knappen i min besked, "
        "eller du uploader en rettet version.",
        "en": "The minutes are approved as soon as what is missing is in place: handle an "
        "objection with `/referent minutes handled <note>` or the button in my message, or "
        "upload a corrected version.",
    },
    # ------------------------------------------------------------------ status
    "approval.status.title": {
        "da": "Referat: {group}, mødet {date} (version {version})",
        "en": "Minutes: {group}, meeting {date} (version {version})",
    },
    "approval.status.open": {
        "da": "Til godkendelse, frist {deadline}",
        "en": "Out for approval, deadline {deadline}",
    },
    "approval.status.approved": {
        "da": "*Godkendt af:* {names}",
        "en": "*Approved by:* {names}",
    },
    "approval.status.objections": {
        "da": "*Indsigelser:*",
        "en": "*Objections:*",
    },
    "approval.status.handled": {
        "da": "behandlet: {note}",
        "en": "handled: {note}",
    },
    "approval.status.withdrawn": {
        "da": "trukket tilbage",
        "en": "withdrawn",
    },
    "approval.status.revised": {
        "da": "besvaret med en ny version",
        "en": "answered with a new version",
    },
    "approval.status.silent": {
        "da": "*Ikke svaret (godkender stiltiende ved fristen):* {names}",
        "en": "*Not answered (approve tacitly at the deadline):* {names}",
    },
    "approval.status.silent_approved": {
        "da": "*Godkendt stiltiende (intet svar inden fristen):* {names}",
        "en": "*Approved tacitly (no answer by the deadline):* {names}",
    },
    "approval.status.silent_explicit": {
        "da": "*Ikke svaret:* {names}",
        "en": "*Not answered:* {names}",
    },
    "approval.status.versions": {
        "da": {
            "one": "Én tidligere version; hele forløbet: `referent approvals --meeting DATO`.",
            "other": "{count} tidligere versioner; hele forløbet: `referent approvals --meeting DATO`.",
        },
        "en": {
            "one": "One earlier version; the whole history: `referent approvals --meeting DATE`.",
            "other": "{count} earlier versions; the whole history: `referent approvals --meeting DATE`.",
        },
    },
    "approval.no_round": {
        "da": "*{group}* har ikke sendt noget referat til godkendelse endnu. Send et med "
        "`@referent referat` og filen.",
        "en": "*{group}* has not sent any minutes for approval yet. Send them with "
        "`@referent minutes` and the file.",
    },
    # ------------------------------------------------------------------ home
    "approval.home.title": {
        "da": "Referater til godkendelse",
        "en": "Minutes for approval",
    },
    "approval.home.waiting": {
        "da": "*{group}*, mødet {date}: venter på dit svar (frist {deadline}).",
        "en": "*{group}*, meeting {date}: awaiting your answer (deadline {deadline}).",
    },
    "approval.home.answered": {
        "da": "*{group}*, mødet {date}: du har svaret (frist {deadline}).",
        "en": "*{group}*, meeting {date}: you have answered (deadline {deadline}).",
    },
    # ------------------------------------------------------------------ draft
    "approval.draft.title": {
        "da": "Referat – {group}",
        "en": "Minutes – {group}",
    },
    "approval.draft.date": {
        "da": "Dato",
        "en": "Date",
    },
    "approval.draft.place": {
        "da": "Sted",
        "en": "Place",
    },
    "approval.draft.recommendation": {
        "da": "Indstilling",
        "en": "Recommendation",
    },
    "approval.draft.decision": {
        "da": "Beslutning",
        "en": "Decision",
    },
    "approval.draft.no_decision": {
        "da": "Ingen beslutning ført til referat.",
        "en": "No decision recorded.",
    },
    "approval.draft.file_stem": {
        "da": "udkast-til-referat",
        "en": "draft-minutes",
    },
    "approval.draft.file_title": {
        "da": "Udkast til referat, {date}",
        "en": "Draft minutes, {date}",
    },
    # ------------------------------------------------------------------ thread replies (issue 14)
    "approval.reply.approved": {
        "da": "Tak – din godkendelse af referatet er noteret.",
        "en": "Thanks – your approval of the minutes is recorded.",
    },
    "approval.reply.objection_stands": {
        "da": "Din indsigelse står stadig åben, så referatet godkendes ikke, før sekretariatet "
        "har behandlet den. Vil du trække den tilbage, så slet dit svar med indsigelsen.",
        "en": "Your objection is still open, so the minutes will not be approved until the "
        "secretariat has handled it. To withdraw it, delete your reply with the objection.",
    },
    "approval.reply.not_member": {
        "da": "Tak, men kun medlemmer af *{group}* godkender referatet, så dit svar tæller "
        "ikke med.",
        "en": "Thanks, but only members of *{group}* approve the minutes, so your reply does "
        "not count.",
    },
    "approval.question.ask": {
        "da": "Er det en indsigelse til referatet? »{text}«\nReferatet godkendes ikke, før du "
        "har svaret.",
        "en": "Is this an objection to the minutes? “{text}”\nThe minutes will not be approved "
        "until you have answered.",
    },
    "approval.question.yes": {
        "da": "Ja",
        "en": "Yes",
    },
    "approval.question.no": {
        "da": "Nej",
        "en": "No",
    },
    "approval.question.objected": {
        "da": "Noteret som indsigelse og sendt til sekretariatet. Referatet godkendes ikke, "
        "før den er behandlet.",
        "en": "Recorded as an objection and sent to the secretariat. The minutes will not be "
        "approved until it has been handled.",
    },
    "approval.question.not_objection": {
        "da": "Forstået – dit svar er ikke noteret som indsigelse (og heller ikke som "
        "godkendelse). Reagér med ✅ på referatet, hvis du vil godkende det.",
        "en": "Understood – your reply is not recorded as an objection (nor as an approval). "
        "React with ✅ on the minutes if you want to approve them.",
    },
    "approval.question.gone": {
        "da": "Det spørgsmål er allerede besvaret eller trukket tilbage.",
        "en": "That question has already been answered or withdrawn.",
    },
    "approval.question.not_yours": {
        "da": "Spørgsmålet er til {name}; kun vedkommende kan svare på det.",
        "en": "The question is for {name}; only they can answer it.",
    },
    "approval.question.closed": {
        "da": "Runden om referatet er afsluttet, så dit svar ændrer ikke noget nu.",
        "en": "The round on the minutes is closed, so your answer changes nothing now.",
    },
    "approval.question.reminder": {
        "da": "Fristen for referatet fra mødet {date} er udløbet, men jeg mangler dit svar. "
        "Referatet godkendes ikke, før du har svaret:",
        "en": "The deadline for the minutes of the meeting {date} has passed, but your answer "
        "is missing. The minutes will not be approved until you have answered:",
    },
    "approval.question.secretary": {
        "da": "Fristen for referatet fra mødet {date} er udløbet, men det godkendes ikke, før "
        "{names} har svaret på, om deres svar i tråden er en indsigelse. Jeg har spurgt igen. "
        "Har du afklaret det med dem, kan du skrive `referat behandlet <note>`.",
        "en": "The deadline for the minutes of the meeting {date} has passed, but they will "
        "not be approved until {names} have answered whether their reply in the thread is an "
        "objection. I have asked again. If you have settled it with them, write "
        "`minutes handled <note>`.",
    },
    "approval.question.thread": {
        "da": "Referatet venter på svar fra {names}: er deres svar her i tråden en indsigelse? "
        "Jeg har spurgt dem igen.",
        "en": "The minutes are waiting for an answer from {names}: is their reply in this "
        "thread an objection? I have asked them again.",
    },
    "approval.question.status": {
        "da": "Venter på svar: {names} har svaret i tråden, men ikke på, om det er en "
        "indsigelse. Referatet godkendes ikke før da.",
        "en": "Waiting for an answer: {names} replied in the thread, but not whether it is "
        "an objection. The minutes will not be approved until then.",
    },
}
