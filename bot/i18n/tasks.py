"""Messages of the action items, the weekly digest, its settings and the Home overview."""

from __future__ import annotations

from bot.i18n import Text

_EXAMPLE_DA = "`@referent opgave: @Anne laver notat om takster senest 1/6`"
_EXAMPLE_EN = "`@referent task: @Anne writes a note on rates by 1/6`"

MESSAGES: dict[str, dict[str, Text]] = {
    # ------------------------------------------------------------------ help
    "help.cmd.task": {
        "da": "`opgave @person hvad senest 1/6` – opret en opgave; "
        "`opgave #12 færdig|frist 1/7|til @Bo|kommentar …`",
        "en": "`task @person what by 1/6` – create an action item; "
        "`task #12 done|due 1/7|to @Bo|comment …`",
    },
    "help.cmd.tasks": {
        "da": "`opgaver` – gruppens åbne opgaver; `opgaver forslag [dato]` – opgaver fra et referat",
        "en": "`tasks` – the group's open action items; `tasks candidates [date]` – action items "
        "from the minutes",
    },
    "help.cmd.my_tasks": {
        "da": "`mine opgaver` – dine egne åbne opgaver",
        "en": "`my tasks` – your own open action items",
    },
    "help.cmd.settings": {
        "da": "`indstillinger digest mandag 8:00|fra` – ugens overblik (formand og sekretariat)",
        "en": "`settings digest monday 8:00|off` – the weekly digest (chair and secretary)",
    },
    "help.cmd.digest": {
        "da": "`digest` – se ugens overblik nu; `digest til|fra` – dit eget overblik som DM",
        "en": "`digest` – see the weekly digest now; `digest on|off` – your own digest by DM",
    },
    # ------------------------------------------------------------------ who may
    "tasks.keeper_only": {
        "da": "Kun formanden og sekretariatet kan bekræfte, droppe og fordele opgaver fra "
        "referatet i *{group}*. Du kan oprette dine egne, fx " + _EXAMPLE_DA + ".",
        "en": "Only the chair and the secretary can confirm, drop and assign action items from "
        "the minutes in *{group}*. You can create your own, e.g. " + _EXAMPLE_EN + ".",
    },
    "tasks.not_yours": {
        "da": "Du kan ikke ændre opgave #{number}: det kan den ansvarlige, den der oprettede "
        "den, formanden og sekretariatet i *{group}*. Skriv en kommentar i stedet, fx "
        "`/referent opgave #{number} kommentar Jeg kan hjælpe`.",
        "en": "You cannot change action item #{number}: its owner, whoever created it, the chair "
        "and the secretary of *{group}* can. Add a comment instead, e.g. "
        "`/referent task #{number} comment I can help`.",
    },
    "tasks.reassign_not_allowed": {
        "da": "Kun den ansvarlige selv, formanden og sekretariatet kan give en opgave videre i "
        "*{group}*. Skriv en kommentar, hvis den bør gå til en anden.",
        "en": "Only the owner, the chair and the secretary can hand an action item on in "
        "*{group}*. Add a comment if it should go to someone else.",
    },
    "tasks.which_group": {
        "da": "Du er med i flere grupper ({groups}). Skriv i gruppens kanal, fx "
        + _EXAMPLE_DA
        + ".",
        "en": "You are in several groups ({groups}). Write in the group's channel, e.g. "
        + _EXAMPLE_EN
        + ".",
    },
    "tasks.shortcut.no_group": {
        "da": "Jeg ved ikke, hvilken gruppe opgaven hører til. Brug genvejen *Opret opgave* på "
        "en besked i gruppens kanal.",
        "en": "I do not know which group the action item belongs to. Use the *Create task* "
        "shortcut on a message in the group's channel.",
    },
    # ------------------------------------------------------------------ input errors
    "tasks.usage": {
        "da": "Skriv, hvad der skal gøres, af hvem og hvornår, fx " + _EXAMPLE_DA + ".",
        "en": "Write what is to be done, by whom and when, e.g. " + _EXAMPLE_EN + ".",
    },
    "tasks.list_usage": {
        "da": "Skriv `/referent opgaver` for gruppens opgaver, `/referent mine opgaver` for dine "
        "egne eller `/referent opgaver forslag 15/3` for forslag fra et referat.",
        "en": "Write `/referent tasks` for the group's action items, `/referent my tasks` for "
        "your own or `/referent tasks candidates 15/3` for candidates from the minutes.",
    },
    "tasks.bad_date": {
        "da": "Jeg kan ikke læse datoen «{fragment}». Skriv den som fx `senest 1/6` eller "
        "`til næste møde`: " + _EXAMPLE_DA + ".",
        "en": "I cannot read the date “{fragment}”. Write it as e.g. `by 1/6` or "
        "`by the next meeting`: " + _EXAMPLE_EN + ".",
    },
    "tasks.due_past": {
        "da": "Fristen {day} er allerede passeret. Vælg en dag frem i tiden, fx `senest 1/6`.",
        "en": "The due date {day} has passed already. Pick a day ahead, e.g. `by 1/6`.",
    },
    "tasks.too_long": {
        "da": "Teksten er for lang (højst {limit} tegn). Skriv det vigtigste og læg resten i en "
        "kommentar.",
        "en": "The text is too long (at most {limit} characters). Write the gist and put the "
        "rest in a comment.",
    },
    "tasks.empty_text": {
        "da": "Opgaven skal have en tekst, fx «Notat om takster til næste møde».",
        "en": "The action item needs a text, e.g. “Note on rates for the next meeting”.",
    },
    "tasks.owner_not_member": {
        "da": "{user} er ikke medlem af *{group}*, så jeg kan ikke give dem opgaven. Vælg et "
        "medlem, fx " + _EXAMPLE_DA + ".",
        "en": "{user} is not a member of *{group}*, so I cannot give them the action item. "
        "Pick a member, e.g. " + _EXAMPLE_EN + ".",
    },
    "tasks.no_such_task": {
        "da": "Jeg kender ikke opgave #{number}. Se dine opgaver med `/referent mine opgaver`.",
        "en": "I do not know action item #{number}. See yours with `/referent my tasks`.",
    },
    "tasks.not_open": {
        "da": "Opgave #{number} er allerede løst eller droppet.",
        "en": "Action item #{number} is already done or dropped.",
    },
    "tasks.command_usage": {
        "da": "Jeg forstår ikke, hvad der skal ske med opgave #{number}. Skriv fx "
        "`/referent opgave #{number} færdig`, `… frist 1/7`, `… til @Bo` eller "
        "`… kommentar Udkast sendt`.",
        "en": "I do not understand what to do with action item #{number}. Write e.g. "
        "`/referent task #{number} done`, `… due 1/7`, `… to @Bo` or `… comment Draft sent`.",
    },
    "tasks.owner_usage": {
        "da": "Nævn den nye ansvarlige med @, fx `/referent opgave #{number} til @Bo`.",
        "en": "Mention the new owner with @, e.g. `/referent task #{number} to @Bo`.",
    },
    "tasks.due_usage": {
        "da": "Skriv den nye frist som en dato, fx `/referent opgave #{number} frist 1/7`.",
        "en": "Write the new due date as a date, e.g. `/referent task #{number} due 1/7`.",
    },
    "tasks.empty_comment": {
        "da": "Skriv kommentaren efter ordet, fx `/referent opgave #{number} kommentar Udkast "
        "sendt til Pia`.",
        "en": "Write the comment after the word, e.g. `/referent task #{number} comment Draft "
        "sent to Pia`.",
    },
    # ------------------------------------------------------------------ replies
    "tasks.done.ok": {
        "da": "Opgave #{number} er markeret som løst. Tak!",
        "en": "Action item #{number} is marked done. Thank you!",
    },
    "tasks.done.already": {
        "da": "Opgave #{number} var allerede løst.",
        "en": "Action item #{number} was already done.",
    },
    "tasks.dropped.ok": {
        "da": "Opgave #{number} er droppet.",
        "en": "Action item #{number} is dropped.",
    },
    "tasks.comment.ok": {
        "da": "Din kommentar til opgave #{number} er gemt.",
        "en": "Your comment on action item #{number} is saved.",
    },
    "tasks.owner.ok": {
        "da": "Opgave #{number} er nu {owner}s.",
        "en": "Action item #{number} now belongs to {owner}.",
    },
    "tasks.due.ok": {
        "da": "Opgave #{number} har nu frist {day}.",
        "en": "Action item #{number} is now due {day}.",
    },
    # ------------------------------------------------------------------ the task's message
    "tasks.due.none": {"da": "ingen frist", "en": "no due date"},
    "tasks.due.overdue": {"da": "{day} (overskredet)", "en": "{day} (overdue)"},
    "tasks.owner.none": {"da": "ingen ansvarlig endnu", "en": "no owner yet"},
    "tasks.button.done": {"da": "Færdig", "en": "Done"},
    "tasks.button.edit": {"da": "Ret", "en": "Edit"},
    "tasks.button.comment": {"da": "Kommentér", "en": "Comment"},
    "tasks.button.confirm": {"da": "Bekræft", "en": "Confirm"},
    "tasks.button.drop": {"da": "Drop", "en": "Drop"},
    "tasks.button.show": {"da": "Vis forslag", "en": "Show candidates"},
    "tasks.message.open": {
        "da": ":pushpin: *Opgave #{number}*: {text}\nAnsvarlig: {owner} · Frist: {due}",
        "en": ":pushpin: *Action item #{number}*: {text}\nOwner: {owner} · Due: {due}",
    },
    "tasks.message.done": {
        "da": ":white_check_mark: *Opgave #{number}* er løst: ~{text}~\nAnsvarlig: {owner}",
        "en": ":white_check_mark: *Action item #{number}* is done: ~{text}~\nOwner: {owner}",
    },
    "tasks.message.dropped": {
        "da": ":heavy_multiplication_x: *Opgave #{number}* er droppet: ~{text}~",
        "en": ":heavy_multiplication_x: *Action item #{number}* is dropped: ~{text}~",
    },
    "tasks.message.candidate": {
        "da": ":grey_question: *Forslag til opgave #{number}*: {text}\nAnsvarlig: {owner} · "
        "Frist: {due}\n_Venter på sekretariatets bekræftelse._",
        "en": ":grey_question: *Candidate action item #{number}*: {text}\nOwner: {owner} · "
        "Due: {due}\n_Waiting for the secretary to confirm it._",
    },
    "tasks.message.hint": {
        "da": "Opgave i *{group}* · Reagér med :white_check_mark:, når den er løst.",
        "en": "Action item in *{group}* · React with :white_check_mark: when it is done.",
    },
    "tasks.message.hint_meeting": {
        "da": "Opfølgning fra mødet {meeting} i *{group}* · Reagér med :white_check_mark:, "
        "når den er løst.",
        "en": "Follow-up from the meeting of {meeting} in *{group}* · React with "
        ":white_check_mark: when it is done.",
    },
    "tasks.comment.posted": {
        "da": ":speech_balloon: *{author}* om opgave #{number}: {text}",
        "en": ":speech_balloon: *{author}* on action item #{number}: {text}",
    },
    "tasks.assigned.intro": {
        "da": "{actor} har givet dig en opgave i *{group}*:",
        "en": "{actor} has given you an action item in *{group}*:",
    },
    "tasks.assigned.someone": {"da": "En kollega", "en": "A colleague"},
    "tasks.nudge.intro": {
        "da": ":alarm_clock: Opgave #{number} i *{group}* havde frist {day}. Er den løst, så tryk "
        "*Færdig*; ellers sæt en ny frist under *Ret*.",
        "en": ":alarm_clock: Action item #{number} in *{group}* was due {day}. If it is done, "
        "press *Done*; otherwise set a new due date under *Edit*.",
    },
    # ------------------------------------------------------------------ the offer
    "tasks.offer.title": {
        "da": "Opgaver fra mødet {meeting}",
        "en": "Action items from the meeting of {meeting}",
    },
    "tasks.offer.intro": {
        "da": {
            "one": "Jeg har fundet én mulig opgave i beslutningerne fra mødet {meeting} i "
            "*{group}*. Intet bliver en opgave uden dig: bekræft, ret eller drop den.",
            "other": "Jeg har fundet {count} mulige opgaver i beslutningerne fra mødet {meeting} i "
            "*{group}*. Intet bliver en opgave uden dig: bekræft, ret eller drop hver af dem.",
        },
        "en": {
            "one": "I found one possible action item in the decisions of the meeting of "
            "{meeting} in *{group}*. Nothing becomes an action item without you: confirm, edit "
            "or drop it.",
            "other": "I found {count} possible action items in the decisions of the meeting of "
            "{meeting} in *{group}*. Nothing becomes an action item without you: confirm, edit or "
            "drop each of them.",
        },
    },
    "tasks.offer.all_done": {
        "da": "Alle forslag fra mødet {meeting} i *{group}* er behandlet. Tak!",
        "en": "Every candidate from the meeting of {meeting} in *{group}* is handled. Thank you!",
    },
    "tasks.offer.line": {
        "da": "*{n}.* {text}\n{owner} · {due}{item}",
        "en": "*{n}.* {text}\n{owner} · {due}{item}",
    },
    "tasks.offer.item": {
        "da": "\n_Fra punkt {number} {title}_",
        "en": "\n_From item {number} {title}_",
    },
    "tasks.offer.confirmed": {
        "da": "*{n}.* :white_check_mark: _Bekræftet_ – {text} ({owner} · {due})",
        "en": "*{n}.* :white_check_mark: _Confirmed_ – {text} ({owner} · {due})",
    },
    "tasks.offer.dropped": {
        "da": "*{n}.* :heavy_multiplication_x: _Droppet_ – ~{text}~",
        "en": "*{n}.* :heavy_multiplication_x: _Dropped_ – ~{text}~",
    },
    "tasks.offer.owner_member": {"da": "Ansvarlig: {name}", "en": "Owner: {name}"},
    "tasks.offer.owner_unmatched": {
        "da": "Ansvarlig: {name} _(ikke fundet blandt medlemmerne – vælg under Ret)_",
        "en": "Owner: {name} _(not found among the members – pick one under Edit)_",
    },
    "tasks.offer.owner_none": {
        "da": "Ansvarlig: _ingen nævnt – vælg under Ret_",
        "en": "Owner: _none named – pick one under Edit_",
    },
    "tasks.offer.due": {"da": "Frist: {day}", "en": "Due: {day}"},
    "tasks.offer.due_none": {"da": "Ingen frist", "en": "No due date"},
    "tasks.offer.more": {
        "da": "… og {count} mere. Skriv `/referent opgaver forslag {day}`, når du har behandlet "
        "disse.",
        "en": "… and {count} more. Write `/referent tasks candidates {day}` once you have "
        "handled these.",
    },
    "tasks.offer.sent": {
        "da": "Jeg har sendt dig {count} forslag til opgaver fra mødet {meeting} som DM.",
        "en": "I have sent you {count} candidate action items from the meeting of {meeting} by DM.",
    },
    "tasks.offer.none_left": {
        "da": "Der er ingen forslag tilbage fra mødet {meeting}: alle {count} er bekræftet eller "
        "droppet.",
        "en": "No candidates are left from the meeting of {meeting}: all {count} are confirmed "
        "or dropped.",
    },
    "tasks.offer.handled": {
        "da": "Forslag #{number} er allerede behandlet.",
        "en": "Candidate #{number} is already handled.",
    },
    "tasks.offer.nothing": {
        "da": "Der er ingen forslag, der venter, fra mødet {meeting}.",
        "en": "No candidates are waiting from the meeting of {meeting}.",
    },
    "tasks.offer.gone": {
        "da": "Mødet findes ikke længere. Skriv `/referent opgaver forslag 15/3` med mødets dato.",
        "en": "The meeting no longer exists. Write `/referent tasks candidates 15/3` with the "
        "meeting's date.",
    },
    "tasks.offer.bad_date": {
        "da": "Jeg kan ikke læse datoen «{fragment}». Skriv mødets dato, fx "
        "`/referent opgaver forslag 15/3/2024`.",
        "en": "I cannot read the date “{fragment}”. Write the meeting's date, e.g. "
        "`/referent tasks candidates 15/3/2024`.",
    },
    "tasks.offer.no_meeting": {
        "da": "Gruppen havde intet møde {day}. Skriv datoen på et afholdt møde, fx "
        "`/referent opgaver forslag 15/3/2024`.",
        "en": "The group had no meeting on {day}. Write the date of a meeting held, e.g. "
        "`/referent tasks candidates 15/3/2024`.",
    },
    "tasks.offer.no_decisions": {
        "da": "Der er endnu ingen beslutninger i *{group}* at finde opgaver i. Importér et "
        "referat med `/referent importer` (vedhæft filen).",
        "en": "There are no decisions in *{group}* yet to find action items in. Import minutes "
        "with `/referent import` (attach the file).",
    },
    # ------------------------------------------------------------------ lists
    "tasks.line.due": {"da": "frist {due}", "en": "due {due}"},
    "tasks.list.group_title": {
        "da": "Åbne opgaver i {group}",
        "en": "Open action items in {group}",
    },
    "tasks.list.summary": {
        "da": {
            "one": "Én åben opgave, heraf {overdue} over fristen. Over fristen står først.",
            "other": "{count} åbne opgaver, heraf {overdue} over fristen. Over fristen står først.",
        },
        "en": {
            "one": "One open action item ({overdue} overdue).",
            "other": "{count} open action items, {overdue} of them overdue. Overdue ones come first.",
        },
    },
    "tasks.list.owner": {
        "da": "*{owner}* ({count} åbne, {overdue} over fristen)",
        "en": "*{owner}* ({count} open, {overdue} overdue)",
    },
    "tasks.list.more": {"da": "… og {count} mere.", "en": "… and {count} more."},
    "tasks.list.pending": {
        "da": "{count} forslag fra referaterne venter på at blive bekræftet: "
        "`/referent opgaver forslag`.",
        "en": "{count} candidates from the minutes wait to be confirmed: "
        "`/referent tasks candidates`.",
    },
    "tasks.list.footer": {
        "da": "Marker en opgave som løst med :white_check_mark: på dens besked, knappen *Færdig* "
        "eller `/referent opgave #12 færdig`.",
        "en": "Mark an action item done with :white_check_mark: on its message, the *Done* "
        "button or `/referent task #12 done`.",
    },
    "tasks.list.mine_title": {
        "da": "Dine åbne opgaver ({count})",
        "en": "Your open action items ({count})",
    },
    "tasks.list.mine_none": {
        "da": "Du har ingen åbne opgaver. :tada:",
        "en": "You have no open action items. :tada:",
    },
    # ------------------------------------------------------------------ modals
    "tasks.modal.title_new": {"da": "Opret opgave", "en": "Create task"},
    "tasks.modal.title": {"da": "Ret opgave", "en": "Edit task"},
    "tasks.modal.title_candidate": {"da": "Forslag til opgave", "en": "Candidate task"},
    "tasks.modal.text": {"da": "Hvad skal gøres?", "en": "What is to be done?"},
    "tasks.modal.owner": {"da": "Ansvarlig", "en": "Owner"},
    "tasks.modal.owner_named": {
        "da": "I referatet står der: {name}. Vælg den person, der skal have opgaven.",
        "en": "The minutes say: {name}. Pick the person who takes the action item.",
    },
    "tasks.modal.due": {"da": "Frist", "en": "Due date"},
    "tasks.modal.create": {"da": "Opret", "en": "Create"},
    "tasks.modal.confirm": {"da": "Gem og bekræft", "en": "Save and confirm"},
    "tasks.modal.save": {"da": "Gem", "en": "Save"},
    "tasks.modal.close": {"da": "Annullér", "en": "Cancel"},
    "tasks.modal.comment_title": {"da": "Kommentar til #{number}", "en": "Comment on #{number}"},
    "tasks.modal.comment": {"da": "Kommentar", "en": "Comment"},
    "tasks.modal.comment_submit": {"da": "Gem", "en": "Save"},
    # ------------------------------------------------------------------ Home: tasks
    "tasks.home.title": {"da": "Dine opgaver", "en": "Your action items"},
    "tasks.home.none": {
        "da": "Du har ingen åbne opgaver.",
        "en": "You have no open action items.",
    },
    "tasks.home.more": {
        "da": "… og {count} mere – skriv `/referent mine opgaver`.",
        "en": "… and {count} more – write `/referent my tasks`.",
    },
    "tasks.home.pending": {
        "da": ":inbox_tray: {count} forslag til opgaver fra mødet {meeting} i *{group}* venter "
        "på dig.",
        "en": ":inbox_tray: {count} candidate action items from the meeting of {meeting} in "
        "*{group}* wait for you.",
    },
    # ------------------------------------------------------------------ the digest
    "digest.title": {
        "da": "Ugens overblik – {group} (uge {week})",
        "en": "The week ahead – {group} (week {week})",
    },
    "digest.summary": {
        "da": "{tasks} åbne opgaver ({overdue} over fristen), {meetings} møder de næste fire "
        "uger, {minutes} referater til godkendelse.",
        "en": "{tasks} open action items ({overdue} overdue), {meetings} meetings in the next "
        "four weeks, {minutes} minutes awaiting approval.",
    },
    "digest.tasks.title": {
        "da": "Åbne opgaver: {count} ({overdue} over fristen)",
        "en": "Open action items: {count} ({overdue} overdue)",
    },
    "digest.tasks.none": {"da": "Ingen åbne opgaver.", "en": "No open action items."},
    "digest.tasks.owner": {
        "da": "*{owner}* – {count} åbne, {overdue} over fristen",
        "en": "*{owner}* – {count} open, {overdue} overdue",
    },
    "digest.tasks.owner_more": {"da": "   … og {count} mere", "en": "   … and {count} more"},
    "digest.tasks.more_owners": {
        "da": "… og {count} andre ansvarlige. Hele listen: `/referent opgaver`.",
        "en": "… and {count} other owners. The whole list: `/referent tasks`.",
    },
    "digest.meetings.title": {
        "da": "Møder de næste fire uger",
        "en": "Meetings in the next four weeks",
    },
    "digest.meetings.none": {
        "da": "Ingen planlagte møder de næste fire uger.",
        "en": "No meetings planned in the next four weeks.",
    },
    "digest.meetings.more": {
        "da": "… og {count} møder mere: `/referent møde`.",
        "en": "… and {count} more meetings: `/referent meeting`.",
    },
    "digest.meeting.agenda": {
        "da": "Dagsorden: {accepted} punkter optaget, {proposals} forslag venter · frist for "
        "punkter {deadline}",
        "en": "Agenda: {accepted} items taken, {proposals} proposals waiting · proposal "
        "deadline {deadline}",
    },
    "digest.meeting.agenda_closed": {
        "da": "Dagsorden: {accepted} punkter optaget, {proposals} forslag venter · fristen for "
        "punkter var {deadline}",
        "en": "Agenda: {accepted} items taken, {proposals} proposals waiting · the proposal "
        "deadline was {deadline}",
    },
    "digest.meeting.afbud": {
        "da": "Afbud ({count}): {names} · {unanswered} har ikke svaret",
        "en": "Apologies ({count}): {names} · {unanswered} have not answered",
    },
    "digest.meeting.no_afbud": {
        "da": "Ingen afbud · {unanswered} har ikke svaret",
        "en": "No apologies · {unanswered} have not answered",
    },
    "digest.minutes.title": {
        "da": "Referater til godkendelse",
        "en": "Minutes awaiting approval",
    },
    "digest.minutes.line": {
        "da": "• Referatet fra mødet {meeting} – frist {deadline} · {missing} mangler at svare",
        "en": "• The minutes of {meeting} – deadline {deadline} · {missing} yet to answer",
    },
    "digest.minutes.no_deadline": {"da": "ingen frist", "en": "no deadline"},
    "digest.minutes.more": {
        "da": "… og {count} referater mere.",
        "en": "… and {count} more minutes.",
    },
    "digest.decisions.title": {
        "da": "Beslutninger fra mødet {day}",
        "en": "Decisions of the meeting of {day}",
    },
    "digest.decisions.line": {
        "da": "• *{number} {title}*: {text}",
        "en": "• *{number} {title}*: {text}",
    },
    "digest.decisions.more": {
        "da": "… og {count} beslutninger mere – spørg fx `/referent spørg hvad besluttede vi "
        "på sidste møde`.",
        "en": "… and {count} more decisions – ask e.g. `/referent ask what did we decide at "
        "the last meeting`.",
    },
    "digest.footer": {
        "da": "Formanden og sekretariatet ændrer dag og tid med `/referent indstillinger digest "
        "mandag 8:00`. Dit eget overblik som DM: `/referent digest til`.",
        "en": "The chair and the secretary change the day and time with `/referent settings "
        "digest monday 8:00`. Your own digest by DM: `/referent digest on`.",
    },
    "digest.personal.title": {"da": "Din uge i {group}", "en": "Your week in {group}"},
    "digest.personal.tasks": {
        "da": "Dine opgaver: {count} ({overdue} over fristen)",
        "en": "Your action items: {count} ({overdue} overdue)",
    },
    "digest.personal.meetings": {
        "da": "Dine møder de næste fire uger",
        "en": "Your meetings in the next four weeks",
    },
    "digest.personal.meeting": {"da": "• {when} – {status}", "en": "• {when} – {status}"},
    "digest.personal.approvals": {
        "da": "Referater, der venter på dit svar",
        "en": "Minutes waiting for your answer",
    },
    "digest.personal.usage": {
        "da": "Skriv `/referent digest til` for at få dit eget overblik som DM hver uge, eller "
        "`/referent digest fra` for at stoppe det. `/referent digest` viser gruppens overblik nu.",
        "en": "Write `/referent digest on` to get your own digest by DM every week, or "
        "`/referent digest off` to stop it. `/referent digest` shows the group's digest now.",
    },
    "digest.personal.on": {
        "da": "Du får nu dit eget ugentlige overblik som DM for {groups}.",
        "en": "You will now get your own weekly digest by DM for {groups}.",
    },
    "digest.personal.off": {
        "da": "Du får ikke længere dit eget ugentlige overblik for {groups}.",
        "en": "You will no longer get your own weekly digest for {groups}.",
    },
    "digest.status.unanswered": {"da": "du har ikke svaret", "en": "you have not answered"},
    "digest.status.afbud": {"da": "du har meldt afbud", "en": "you sent apologies"},
    "digest.status.attending": {"da": "du deltager", "en": "you attend"},
    "digest.status.guest": {"da": "du er gæst", "en": "you are a guest"},
    # ------------------------------------------------------------------ settings
    "digest.settings.on": {
        "da": "Ugens overblik i *{group}* kommer hver {weekday} kl. {time} ({tz}). Næste gang: "
        "{next}.",
        "en": "The weekly digest of *{group}* comes every {weekday} at {time} ({tz}). Next: "
        "{next}.",
    },
    "digest.settings.off": {
        "da": "Ugens overblik er slået fra i *{group}*. Slå det til med "
        "`/referent indstillinger digest til`.",
        "en": "The weekly digest is off in *{group}*. Turn it on with "
        "`/referent settings digest on`.",
    },
    "digest.settings.usage": {
        "da": "Skift med fx `/referent indstillinger digest fredag 13:00` eller "
        "`/referent indstillinger digest fra`.",
        "en": "Change it with e.g. `/referent settings digest friday 13:00` or "
        "`/referent settings digest off`.",
    },
    "digest.settings.unknown": {
        "da": "Jeg kender ikke indstillingen «{word}». Du kan ændre ugens overblik, fx "
        "`/referent indstillinger digest mandag 8:00`.",
        "en": "I do not know the setting “{word}”. You can change the weekly digest, e.g. "
        "`/referent settings digest monday 8:00`.",
    },
    "digest.settings.bad": {
        "da": "Jeg kan ikke læse «{part}». Skriv en ugedag og et klokkeslæt, fx "
        "`/referent indstillinger digest mandag 8:00`, eller `digest fra`.",
        "en": "I cannot read “{part}”. Write a weekday and a time, e.g. "
        "`/referent settings digest monday 8:00`, or `digest off`.",
    },
    "digest.weekday.0": {"da": "mandag", "en": "Monday"},
    "digest.weekday.1": {"da": "tirsdag", "en": "Tuesday"},
    "digest.weekday.2": {"da": "onsdag", "en": "Wednesday"},
    "digest.weekday.3": {"da": "torsdag", "en": "Thursday"},
    "digest.weekday.4": {"da": "fredag", "en": "Friday"},
    "digest.weekday.5": {"da": "lørdag", "en": "Saturday"},
    "digest.weekday.6": {"da": "søndag", "en": "Sunday"},
    # ------------------------------------------------------------------ Home: overview
    "digest.home.title": {"da": "Overblik", "en": "Overview"},
    "digest.home.meetings": {
        "da": "_Møder de næste fire uger_",
        "en": "_Meetings in the next four weeks_",
    },
    "digest.home.no_meetings": {
        "da": "_Ingen planlagte møder de næste fire uger._",
        "en": "_No meetings planned in the next four weeks._",
    },
    "digest.home.approvals": {
        "da": "_Referater, der venter på dit svar_",
        "en": "_Minutes waiting for your answer_",
    },
    "digest.home.proposals": {
        "da": "_Dine forslag til dagsordenen_",
        "en": "_Your agenda proposals_",
    },
    "digest.home.proposal": {
        "da": "• {title} – {status} (mødet {day})",
        "en": "• {title} – {status} (meeting of {day})",
    },
    "digest.home.more": {"da": "… og {count} mere.", "en": "… and {count} more."},
    "digest.home.agenda": {
        "da": "_Dagsorden til mødet {day}_ ({state}, {count} punkter):",
        "en": "_Agenda of the meeting of {day}_ ({state}, {count} items):",
    },
    "digest.home.published": {"da": "udsendt", "en": "published"},
    "digest.home.draft": {"da": "kladde", "en": "draft"},
    "digest.home.waiting": {
        "da": "_Forslag, der venter på jeres afgørelse ({count})_",
        "en": "_Proposals waiting for your decision ({count})_",
    },
    "digest.home.waiting_line": {
        "da": "• {title} – fra {by} (mødet {day})",
        "en": "• {title} – from {by} (meeting of {day})",
    },
    "digest.proposal.proposed": {"da": "afventer afgørelse", "en": "awaiting a decision"},
    "digest.proposal.accepted": {"da": "optaget på dagsordenen", "en": "on the agenda"},
    "digest.proposal.rejected": {"da": "afvist", "en": "rejected"},
    "digest.proposal.postponed": {"da": "udsat", "en": "postponed"},
    "digest.proposal.withdrawn": {"da": "trukket tilbage", "en": "withdrawn"},
    "digest.proposal.treated": {"da": "behandlet", "en": "treated"},
}
