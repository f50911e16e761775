"""Messages of the core: help, set-up, roles, languages and generic errors."""

from __future__ import annotations

from bot.i18n import Text

MESSAGES: dict[str, dict[str, Text]] = {
    "help.title": {
        "da": "Sådan bruger du referent",
        "en": "How to use referent",
    },
    "help.intro": {
        "da": "Jeg er gruppens sekretær i Slack: jeg samler punkter og afbud, sender referatet "
        "til godkendelse, holder styr på opgaverne og svarer på, hvad I har besluttet. "
        "Skriv `/referent <kommando>` eller `@referent <kommando>`:",
        "en": "I am the group's secretary in Slack: I collect agenda items and apologies, run "
        "the approval of the minutes, keep track of action items and answer what you decided. "
        "Write `/referent <command>` or `@referent <command>`:",
    },
    "help.footer": {
        "da": "Alt andet, du skriver til mig, opfattes som et spørgsmål til arkivet, "
        "fx `@referent hvad besluttede vi om standardkontrakter?`",
        "en": "Anything else you write to me is taken as a question to the archive, "
        "e.g. `@referent what did we decide on standardkontrakter?`",
    },
    "help.cmd.help": {
        "da": "`hjælp` – denne oversigt",
        "en": "`help` – this overview",
    },
    "help.cmd.setup": {
        "da": "`opsæt [navn]` – gør kanalen til en gruppe (du bliver sekretær)",
        "en": "`setup [name]` – make this channel a group (you become secretary)",
    },
    "help.cmd.role": {
        "da": "`rolle @person formand|sekretær|medlem|gæst` – sæt en rolle",
        "en": "`role @person chair|secretary|member|guest` – set a role",
    },
    "help.cmd.language": {
        "da": "`sprog da|en` – vælg sprog for mine svar til dig",
        "en": "`language da|en` – choose the language of my replies to you",
    },
    "help.cmd.members": {
        "da": "`medlemmer` – vis gruppens medlemmer og roller",
        "en": "`members` – list the group's members and roles",
    },
    "setup.done": {
        "da": "Kanalen er nu gruppen *{name}* med {members} medlemmer. Du er sekretær. "
        "Sæt formanden med `/referent rolle @person formand`.",
        "en": "This channel is now the group *{name}* with {members} members. You are the "
        "secretary. Set the chair with `/referent role @person chair`.",
    },
    "setup.queued": {
        "da": "Gruppen *{name}* er oprettet; {members} medlemmer hentes i baggrunden "
        "(indtil da står de med deres Slack-id). Du er sekretær. "
        "Sæt formanden med `/referent rolle @person formand`.",
        "en": "The group *{name}* is set up; {members} members are being fetched in the "
        "background (shown by their Slack id until then). You are the secretary. "
        "Set the chair with `/referent role @person chair`.",
    },
    "setup.already": {
        "da": "Kanalen er allerede gruppen *{name}*.",
        "en": "This channel is already the group *{name}*.",
    },
    "setup.channel_taken": {
        "da": "Kanalen hører allerede til gruppen *{name}*.",
        "en": "This channel already belongs to the group *{name}*.",
    },
    "setup.name_taken": {
        "da": "Der findes allerede en gruppe ved navn *{name}*. Vælg et andet navn, "
        "fx `/referent opsæt {name} 2`.",
        "en": "A group named *{name}* already exists. Pick another name, "
        "e.g. `/referent setup {name} 2`.",
    },
    "setup.bad_name": {
        "da": "Gruppens navn skal være 1–200 tegn, fx `/referent opsæt Styregruppen for "
        "Rammeaftale Sjælland`.",
        "en": "The group name must be 1–200 characters, e.g. `/referent setup Steering group`.",
    },
    "setup.bad_name_characters": {
        "da": "Gruppens navn må ikke indeholde < eller > (og ingen @-omtaler), fx "
        "`/referent opsæt Styregruppen for Rammeaftale Sjælland`.",
        "en": "The group name cannot contain < or > (nor @-mentions), e.g. "
        "`/referent setup Steering group`.",
    },
    "setup.in_dm": {
        "da": "Opsætning sker i gruppens kanal: inviter mig dér og skriv `/referent opsæt`.",
        "en": "Set-up happens in the group's channel: invite me there and write `/referent setup`.",
    },
    "role.done": {
        "da": "{name} er nu {role} i *{group}*.",
        "en": "{name} is now {role} in *{group}*.",
    },
    "role.usage": {
        "da": "Skriv rollen som formand, sekretær, medlem eller gæst, fx "
        "`/referent rolle @Pia formand`.",
        "en": "Give the role as chair, secretary, member or guest, e.g. "
        "`/referent role @Pia chair`.",
    },
    "role.not_allowed": {
        "da": "Kun formanden eller sekretæren kan sætte roller i *{group}*.",
        "en": "Only the chair or the secretary can set roles in *{group}*.",
    },
    "role.unknown_user": {
        "da": "Jeg kender ikke brugeren {user}. Nævn personen med @, fx "
        "`/referent rolle @Pia formand`.",
        "en": "I do not know the user {user}. Mention the person with @, e.g. "
        "`/referent role @Pia chair`.",
    },
    "role.chair": {"da": "formand", "en": "chair"},
    "role.secretary": {"da": "sekretær", "en": "secretary"},
    "role.member": {"da": "medlem", "en": "member"},
    "role.guest": {"da": "gæst", "en": "guest"},
    "list.or": {"da": "{head} eller {last}", "en": "{head} or {last}"},
    "list.and": {"da": "{head} og {last}", "en": "{head} and {last}"},
    "members.title": {
        "da": "Medlemmer af *{group}* ({count}):",
        "en": "Members of *{group}* ({count}):",
    },
    "members.line": {
        "da": "• {name} – {role}",
        "en": "• {name} – {role}",
    },
    "language.done": {
        "da": "Jeg svarer dig nu på dansk.",
        "en": "I will now reply to you in English.",
    },
    "language.usage": {
        "da": "Vælg `da` eller `en`, fx `/referent sprog en`.",
        "en": "Choose `da` or `en`, e.g. `/referent language da`.",
    },
    "action.propose": {"da": "foreslå punkter", "en": "propose agenda items"},
    "action.curate": {"da": "behandle forslag til dagsordenen", "en": "curate the agenda"},
    "action.manage_meetings": {"da": "oprette og flytte møder", "en": "create and move meetings"},
    "action.afbud_self": {"da": "melde afbud", "en": "send apologies"},
    "action.afbud_for_others": {
        "da": "melde afbud for andre",
        "en": "send apologies for others",
    },
    "action.post_minutes": {"da": "sende referatet til godkendelse", "en": "post the minutes"},
    "action.vote": {"da": "godkende referatet", "en": "approve the minutes"},
    "action.resolve_objections": {
        "da": "behandle indsigelser",
        "en": "resolve objections",
    },
    "action.settle": {"da": "afslutte godkendelsen", "en": "settle the approval"},
    "action.import": {"da": "importere referater", "en": "import minutes"},
    "action.change_settings": {"da": "ændre gruppens indstillinger", "en": "change settings"},
    "action.manage_roles": {"da": "sætte roller", "en": "set roles"},
    "action.ask": {"da": "spørge arkivet", "en": "ask the archive"},
    "action.manage_tasks": {"da": "styre opgaver", "en": "manage action items"},
    "error.not_allowed": {
        "da": "Beklager, du kan ikke {action} i *{group}*. Det kan {roles}.",
        "en": "Sorry, you cannot {action} in *{group}*. Only the {roles} can.",
    },
    "error.no_group": {
        "da": "Denne kanal er ikke en gruppe endnu. Skriv `/referent opsæt` i gruppens "
        "kanal for at komme i gang.",
        "en": "This channel is not a group yet. Write `/referent setup` in the group's "
        "channel to get started.",
    },
    "error.internal": {
        "da": "Beklager, noget gik galt hos mig. Fejlen er skrevet i loggen; prøv igen, og "
        "kontakt sekretariatet, hvis det bliver ved.",
        "en": "Sorry, something went wrong on my side. The error is logged; try again, and "
        "contact the secretariat if it persists.",
    },
    "error.retry": {
        "da": "Jeg kan ikke nå databasen lige nu – prøv igen om lidt. Intet er gemt halvt.",
        "en": "I cannot reach the database right now – try again in a moment. Nothing was "
        "saved half-way.",
    },
    "file.too_large": {
        "da": "Filen {name} er for stor (grænsen er {limit_mb} MB). Del en mindre fil, fx en PDF "
        "uden indscannede billeder.",
        "en": "The file {name} is too large (the limit is {limit_mb} MB). Share a smaller file, "
        "e.g. a PDF without scanned images.",
    },
    "file.not_downloadable": {
        "da": "Jeg kan ikke hente filen {name} fra Slack. Upload den igen i kanalen.",
        "en": "I cannot download the file {name} from Slack. Upload it again in the channel.",
    },
    "file.external": {
        "da": "Filen {name} ligger uden for Slack (fx Google Drev eller OneDrive), så jeg kan "
        "ikke læse den. Upload selve filen i kanalen – træk den ind i beskeden i stedet for at "
        "dele et link.",
        "en": "The file {name} is stored outside Slack (e.g. Google Drive or OneDrive), so I "
        "cannot read it. Please upload the file itself in the channel – drag it into the "
        "message instead of sharing a link.",
    },
    "error.gone": {
        "da": "Det, du klikkede på, findes ikke længere: mødet, punktet eller opgaven er "
        "slettet eller ændret siden. Se det aktuelle med `/referent møde liste`, "
        "`/referent dagsorden` eller `/referent opgaver`.",
        "en": "What you clicked no longer exists: the meeting, item or task has been deleted "
        "or changed since. See what is current with `/referent meeting list`, "
        "`/referent agenda` or `/referent tasks`.",
    },
}
