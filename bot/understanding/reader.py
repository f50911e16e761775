"""Read a whole message for what the writer wants (the intent) and the details (the slots).

Why a reader and not a grammar: members write "jeg kan desværre ikke deltage på onsdag pga.
et byrådsmøde" or "kan vi få økonomimodellen på dagsordenen til næste møde?", not
``afbud 15/3``. The reader folds the text (case, æøå, typical typos), finds cues from a
Danish and English lexicon anywhere in the message, and fills slots with small grammars
(the meeting, a title without its framing words, the kind, an owner and a due date, a
substitute, a task number). It never guesses silently: a reading carries ``confident``,
and a state change that is not confident is confirmed by the person before it happens.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Literal

from bot.dates import DateParseError, find_when
from bot.understanding.text import Folded, fold


class Intent(StrEnum):
    """What a message asks of the bot."""

    AFBUD = "afbud"
    ATTEND = "attend"
    ATTENDANCE_QUESTION = "attendance_question"
    PROPOSE = "propose"
    TASK_CREATE = "task_create"
    TASK_DONE = "task_done"
    MEETING_CREATE = "meeting_create"
    MEETING_MOVE = "meeting_move"
    MEETING_CANCEL = "meeting_cancel"
    HELP = "help"
    THANKS = "thanks"
    QUESTION = "question"
    CHAT = "chat"
    UNKNOWN = "unknown"


#: Intents that change state; when the reader is not sure, the person confirms first.
STATE_CHANGES = frozenset(
    {
        Intent.AFBUD,
        Intent.ATTEND,
        Intent.PROPOSE,
        Intent.TASK_CREATE,
        Intent.TASK_DONE,
        Intent.MEETING_CREATE,
        Intent.MEETING_MOVE,
        Intent.MEETING_CANCEL,
    }
)

#: Where a message was written: addressed to the bot (mention, DM, slash), plain channel
#: chat, or a reply in the thread of a meeting notice.
Where = Literal["mention", "dm", "slash", "channel", "notice_thread"]


@dataclass(frozen=True)
class MeetingRef:
    """Which meeting a message is about: a day, a month, the next one, or the thread's."""

    kind: Literal["date", "month", "next", "thread"]
    day: date | None = None
    month: int | None = None


@dataclass(frozen=True)
class Reading:
    """What the reader understood: the intent, how sure it is, and the slots."""

    intent: Intent
    confident: bool = True
    meeting: MeetingRef | None = None
    when_text: str | None = None
    title: str | None = None
    kind: str | None = None
    person: str | None = None
    substitute: str | None = None
    reason: str | None = None
    due: date | None = None
    task_number: int | None = None
    bad_date: str | None = None
    text: str = ""


# ---------------------------------------------------------------------------------------
# Lexicon (folded text: lower case, æ→ae, ø→oe, å→aa)
# ---------------------------------------------------------------------------------------


def _rx(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


_W = r"(?:[\w'.-]+\s+)"  # one word and its space
_IKKE = r"(?:ikke|ik|ikk|ike|ikek)"
# "kan ikke komme ind på Teams", "kommer ikke videre", "kommer ikke til at …" are no afbud.
_NOT_ABSENCE = (
    r"(?!\s+(?:ind|videre|i\s+gang|igennem|ud\b|af\s+sted|til\s+at|i\s+tanke|forbi|frem\s+til|"
    r"paa\s+(?:nettet|teams|linket|systemet)|i\s+(?:kontakt|tanke)|ud\s+af|udenom|uden\s+om|"
    r"for\s+sent|foer\s+(?:kl\.?\s*)?\d|foerst\s+(?:kl\.?\s*)?\d|til\s+tiden\b))"
)

_GREETING = re.compile(
    r"^\s*(?:(?:hej(?:sa)?|hey|hi|hello|hallo(?:j)?|goddag|god\s*morgen|godmorgen|morn|"
    r"kaere|dear|yo|ok(?:ay)?|nå|naa)\b(?:\s+(?:med\s+)?(?:dig|jer|alle|referent|bot|"
    r"referentbot)\b)?[\s,!.:;-]*)+"
)
_PADDING = _rx(
    r"(?<!\w)@?referent(?:bot|en)?\b[\s,:!]*",
    r"\b(?:kan|kunne|vil|ville|gider|would|could|can|will)\s+(?:du|you)\s+"
    r"(?:(?:lige|venligst|godt|evt\.?|please|kindly|mon|ikke)\s+)*",
    r"\b(?:venligst|please|pls|plz|kindly|sorry|undskyld|beklager)\b[\s,!.]*",
    r"\b(?:paa\s+forhaand\s+tak|tak\s+paa\s+forhaand|thanks\s+in\s+advance|tak\s+for\s+hjaelpen"
    r"|mange\s+tak|tusind\s+tak|thanks|thank\s+you|thx|tak)\b[\s,!.]*$",
    r"\b(?:mvh|vh|hilsen|best|regards|kh)\b[\s,]*[\w ]{0,30}$",
    r"\blige\b\s*",
)
_QUESTION_START = re.compile(
    r"^\s*(?:hvad|hvornaar|hvem|hvor|hvordan|hvorfor|hvilk\w*|har\s+vi|havde\s+vi|blev|"
    r"er\s+der|var\s+der|findes\s+der|kan\s+du\s+finde|find|soeg|vis\s+mig|fortael|"
    r"what|when|who|where|how|why|which|did|do\s+we|have\s+we|had\s+we|was|were|"
    r"is\s+there|are\s+there|search|show\s+me|look\s+up|tell\s+me|any)\b"
)
#: Words that open a yes/no question; a question only with its question mark.
_AUX_START = re.compile(
    r"^\s*(?:has|have|har|er|is|are|does|do|did|will|would|skal|kan\s+nogen|ved\s+du|"
    r"hvem|hvad|hvor\w*|what|who|when|where|why|how)\b"
)
_HEDGE = _rx(
    r"\b(?:skal|boer|burde|maaske\s+skal)\s+vi\b",
    r"\bshould\s+we\b",
    r"\bshall\s+we\b",
    r"\bhvad\s+med\s+at\b",
    r"\bhvis\b",
    r"\bif\s+i\b",
    r"\bmaaske\b",
    r"\bmaybe\b",
    r"\bperhaps\b",
    r"\bmuligvis\b",
    r"\bmight\b",
    r"\btror\s+(?:jeg|ikke)\b",
    r"\bi\s+think\b",
    r"\bovervejer\b",
    r"\bhusk\b",
    r"\bremember\s+to\b",
)
#: "jeg foreslår at vi aflyser mødet" suggests a change; for a proposal it is the proposal.
_SUGGEST = re.compile(r"\bforeslaar\s+at\s+vi\b|\bsuggest\s+(?:that\s+)?we\b")
#: A question about what happened ("hvornår var X sidst på dagsordenen?", "what was on the
#: agenda in May?"): it asks the archive, it never proposes the item again.
_PAST_QUESTION = re.compile(
    r"^\s*(?:hvornaar|hvorfor|hvor\s+tit|hvor\s+mange\s+gange|when|why|how\s+often|"
    r"(?:hvad|hvem|hvilk\w*|har|havde|what|who|which|was|were|did|have|had)\s+(?:\w+\s+){0,3}?"
    r"(?:var|blev|vi|satte|foreslog|tog|besluttede|droeftede|behandlede|was|were|did|put|"
    r"added|proposed|decided|discussed))\b"
)
_HOW_TO = re.compile(
    r"^\s*(?:hvordan|how)\s+(?:" + _W + r"){0,3}?(?:jeg|man|i|we|do|does|can)\b"
    r"|\bhvad\s+skal\s+jeg\s+skrive\b|\bhow\s+do\s+i\b"
)

_AFBUD = _rx(
    r"\bafb(?:ud|ut|du|dud)\b",
    r"\bafbu\b",
    r"\bkan\s+(?:" + _W + r"){0,2}" + _IKKE + r"\s+(?:" + _W + r"){0,2}"
    r"(?:delt\w*|dlt\w*|kom+e?|komer|vaere\s+med|v\w{0,3}re\s+med|naa\w*|moede\s+op|deltag)\b"
    + _NOT_ABSENCE,
    r"\bkan\s+(?:" + _W + r"){0,2}ikke\s+(?:til|paa|med\s+til)\s+(?:" + _W + r"){0,2}moede",
    r"\bikke\s+kan\s+(?:komme|deltage|vaere\s+med|naa)\b",
    r"\bkan\s+(?:" + _W + r"){0,2}ikke\s+(?:" + _W + r"){0,2}vaere\s+(?:til\s+stede|der|med)\b",
    r"\bkan\s+(?:" + _W + r"){0,2}ikke\s+(?:i\s+(?:dag|morgen|overmorgen)|paa\s+\w+dag|\w+dag\b"
    r"|d\.|den\s+\d|\d)",
    r"\bikke\s+(?:" + _W + r"){0,4}(?:kunne\s+)?(?:deltage|deltag|komme\s+(?:til|paa|i|med)|"
    r"naar?\s+(?:det|moed\w*|\w+moed\w*|frem))\b",
    r"\buden\s+mig\b",
    r"\bforfald\b",
    r"\b(?:will\s+be|am|i'?ll\s+be|i'?m|i\s+am)\s+(?:absent|away|out\s+of\s+office|"
    r"unavailable|on\s+leave)\b",
    r"\b(?:er|bliver)\s+(?:desvaerre\s+)?ikke\s+(?:med|til\s+stede|der)\b",
    r"\b(?:melder|meld|melde)\s+(?:mig\s+)?fra\b",
    r"\bforhindret\b",
    r"\bnaar\s+(?:det\s+)?(?:desvaerre\s+)?ikke\b",
    r"\b(?:kommer|deltager|deltagr|komer)\s+(?:desvaerre\s+|altsaa\s+|nok\s+)?"
    + _IKKE
    + r"\b"
    + _NOT_ABSENCE,
    r"\bmaa\s+(?:desvaerre\s+)?(?:melde\s+fra|sige\s+nej|springe\s+(?:\w+\s+)?over|"
    r"staa\s+over|blive\s+vaek)",
    r"\b(?:springer|staar)\s+(?:\w+\s+){0,2}over\b",
    r"\bgaar\s+glip\s+af\b",
    r"\bbliver\s+(?:noedt\s+til\s+at\s+)?(?:vaek|hjemme)\b",
    r"\bikke\s+(?:med|til\s+stede)\s+(?:paa|til|i)\b",
    r"\b(?:ikke|not)\s+(?:be\s+)?(?:coming|attending|there|able\s+to\s+(?:attend|come|join))",
    r"\b(?:can'?t|cannot|can\s+not|won'?t|will\s+not|unable\s+to|not\s+able\s+to|couldn'?t)\s+"
    r"(?:be\s+able\s+to\s+)?(?:\w+\s+)?(?:make\s+it|attend|come|join|be\s+there|participate"
    r"|make)\b",
    r"\bapolog\w*\b(?!\s+for\s+(?:the\s+|my\s+|any\s+)?(?:late|delay\w*|slow|confusion|"
    r"inconvenience|typo|mistake|mix|short|double|spam|noise))",
    r"\bregrets\b",
    r"\b(?:will|i'?ll|have\s+to|must|going\s+to|need\s+to)\s+(?:have\s+to\s+)?(?:miss\b|skip\s+(?:the\s+|this\s+|next\s+|our\s+|tomorrow'?s?\s+|\w+day'?s?\s+)*(?:meeting|session))",
    r"\bwon'?t\s+be\s+(?:there|around|joining|in)\b",
    r"\bcount\s+me\s+out\b",
    r"\bsend\s+(?:my\s+)?(?:regrets|apologies)\b",
)
_AFBUD_WEAK = _rx(
    r"\b(?:er|bliver|blevet)\s+(?:desvaerre\s+)?(?:syg|paa\s+ferie|bortrejst|paa\s+kursus|"
    r"ude\s+at\s+rejse|optaget|dobbeltbooket)\b",
    r"\bam\s+(?:sick|ill|away|travelling|traveling|on\s+holiday|on\s+vacation|double.booked)\b",
    r"\bjeg\s+sender\s+(?:<@|[a-z]+\s+i\s+stedet)",
)
_ATTEND = _rx(
    r"\b(?:kommer|deltager|komme|deltage|med|naar\s+det|naar|vaere\s+med|er\s+med)\s+"
    r"(?:\w+\s+){0,2}a{1,2}l{1,2}i{1,2}g{1,2}e?vel\b",
    r"\balligevel\s+(?:komme|deltage|med|kommer|deltager)\b",
    r"\b(?:traekker|traek|trak|tager|tag|tog)\s+(?:\w+\s+){0,2}afbud\w*\s+(?:\w+\s+)?tilbage\b",
    r"\b(?:annuller\w*|slet\w*|fjern\w*|glem|se\s+bort\s+fra|drop\w*|tilbagekald\w*|"
    r"fortryd\w*|ophaev\w*)\s+(?:\w+\s+){0,2}afbud\w*",
    r"\bafbud\w*\s+(?:\S+\s+){0,4}?(?:er\s+|kan\s+)?(?:annulleret|trukket\s+tilbage|slettes|"
    r"annulleres|aflyst|glemt|ikke\s+(?:laengere|laenger|gaeldende|aktuel\w*))",
    r"\ba{1,2}l{1,2}i{1,2}g{1,2}e?vel\s+(?:godt\s+)?(?:komme|deltage|vaere\s+med|naa|kommer|deltager)",
    r"\bafter\s+all\b",
    r"\btilmeld\s+mig\s+(?:igen|alligevel)\b",
    r"\bkan\s+a{1,2}l{1,2}i{1,2}g{1,2}e?vel\s+godt\b",
    r"\bkan\s+(?:jeg\s+)?godt\s+(?:" + _W + r"){0,2}a{1,2}l{1,2}i{1,2}g{1,2}e?vel\b",
    r"\ba{1,2}l{1,2}i{1,2}g{1,2}e?vel\s+(?:kan|kommer|deltager|naar)\s+jeg\b",
    r"\b(?:withdraw|cancel|scratch|ignore|disregard|retract|take\s+back|revoke)\w*\s+"
    r"(?:\w+\s+){0,2}(?:apolog\w*|absence|regrets)",
    r"\b(?:can|will)\s+(?:make\s+it|come|attend|join)\s+(?:now|anyway|after\s+all)\b",
    r"\bkan\s+(?:godt\s+)?(?:komme|deltage|vaere\s+med)\s+(?:\w+\s+){0,3}(?:igen|nu)\b",
)
_ATTEND_PLAIN = re.compile(
    r"^\s*(?:jeg|i)\s+(?:kommer|deltager|will\s+attend|am\s+coming)\b(?!\s+ikke)"
)
_ATT_QUESTION = _rx(
    r"\bhvem\s+(?:(?:" + _W + r"){0,3})(?:kommer|deltager|er\s+med|har\s+meldt|har\s+sendt|"
    r"melder|mangler|kan\s+ikke|er\s+forhindret|har\s+afbud|er\s+tilmeldt|er\s+fravaer|"
    r"deltog|bliver\s+vaek)",
    r"\b(?:er|har)\s+der\s+(?:" + _W + r"){0,3}(?:afbud|meldt\s+fra|fravaer|forhindret)",
    r"\bhar\s+(?:nogen|nogle)\s+(?:" + _W + r"){0,2}(?:afbud|meldt)",
    r"\bhvor\s+mange\s+(?:" + _W + r"){0,3}(?:kommer|deltager|er\s+vi|har\s+meldt|afbud|"
    r"er\s+med|bliver\s+vi)",
    r"\bwho(?:'s|\s+is|\s+are|\s+will\s+be|\s+has|\s+have)?\s+(?:" + _W + r"){0,2}"
    r"(?:coming|attending|absent|missing|joining|there|sent|apolog\w*|dropped|cancel\w*|out)\b",
    r"\bhow\s+many\s+(?:" + _W + r"){0,3}(?:coming|attending|apolog\w*|absent|are\s+we)",
    r"\bany\s+(?:apolog\w*|absences|regrets)\b",
    r"\b(?:has|have)\s+(?:anyone|anybody|someone|people)\s+(?:\w+\s+)?(?:apolog\w*|regrets|"
    r"cancel\w*|declined|said)",
    r"\b(?:om|if|whether)\s+\S+(?:\s+\S+)?\s+(?:kommer|deltager|er\s+med|is\s+coming|"
    r"attends|will\s+attend|is\s+attending)\b",
    r"\b(?:is|are)\s+(?:anyone|anybody|someone|people|we)\s+(?:\w+\s+)?(?:absent|away|missing|"
    r"coming|attending)\b",
    r"\b(?:hvem|hvor\s+mange)\s+(?:\w+\s+){0,2}tilmeldt\b",
    r"\ber\s+der\s+nogen\s+(?:der|som)\s+(?:ikke\s+)?(?:kommer|deltager|har\s+meldt)",
    r"\b(?:deltagerliste\w*|fremmoede\w*|attendance\s+list)\b",
    r"\bstatus\s+paa\s+(?:afbud|fremmoede|deltagelse)",
)
_PERSON_QUESTION = re.compile(
    r"^\s*(?i:kommer|deltager|er|is|will|har)\s+(?P<who><@[UW][A-Z0-9]+(?:\|[^>]*)?>|"
    r"@?[A-ZÆØÅ][\wæøå-]+(?:\s+[A-ZÆØÅ][\wæøå-]+)?)\s*(?:\S+\s*){0,6}\?",
)
_PERSON_IF = re.compile(
    r"\b(?:om|if|whether)\s+(?P<who><@[UW][A-Z0-9]+(?:\|[^>]*)?>|[A-ZÆØÅ][\wæøå-]+"
    r"(?:\s+[A-ZÆØÅ][\wæøå-]+)?)\s+(?:kommer|deltager|er\s+med|is\s+coming|attends|will\s+attend)"
)
_PERSON_QUESTION_VERB = re.compile(
    r"^\s*(?:kommer|deltager)\b|\b(?:med|coming|attending|there|joining|meldt\s+afbud|"
    r"afbud|come|attend)\b"
)

_PROPOSE = _rx(
    r"\b(?:paa|til|on|to|onto|for)\s+(?:\w+\s+){0,2}(?:dagsorden\w*|dagsordnen|dagsorde|"
    r"dasgorden\w*|dagorden\w*|agenda)\b",
    r"\bdagsordens?punkt\w*",
    r"\bagenda\s*(?:item|point|topic)\w*",
    r"\bforslag\s+til\s+(?:\w+\s+){0,2}(?:dagsorden\w*|punkt|naeste\s+moede|moede)",
    r"\b(?:foreslaar|foreslaa|foreslag|foreslar)\b",
    r"\bpropos\w+\b",
    r"\bnyt\s+punkt\b",
    r"\bet\s+punkt\s+(?:paa|til|om)\b",
    r"\b(?:tilfoej|tilfoeje|saet|saette|add)\s+(?:et\s+|a\s+|an\s+)?(?:nyt\s+|new\s+)?"
    r"(?:punkt|item|agenda\s+item)\b",
    r"\bpunkt\s+(?:til|om|vedr\w*)\b",
    r"^\s*til\s+(?:det\s+)?(?:naeste|kommende)\s+moede\s*:",
    r"^\s*(?:for|emne|topic|item)\s*:",
    r"\b(?:kan|kunne|maa|skal)\s+vi\s+(?:faa|tage|have|saette|droefte|drofte|tale\s+om|"
    r"snakke\s+om|se\s+paa|kigge\s+paa|behandle)\b.*\b(?:op|moede\w*|droeftet|paa)\b",
    r"\b(?:tage|tages|taget)\s+(?:\w+\s+){0,8}op\s+(?:paa|til|at|i)\b",
    r"\b(?:vil|ville)\s+gerne\s+(?:have|rejse|bringe|tage|drofte|droefte|saette)\b",
    r"\b(?:saet|saette|tilfoej|tilfoeje)\b.*\b(?:paa|til)\b.*\bmoede",
    r"\b(?:add|put|get|bring|raise|table)\b.*\b(?:to|on|at|up)\b.*\b(?:agenda|meeting)\b",
    r"\b(?:like|want)\s+to\s+(?:discuss|raise|bring\s+up)\b",
    r"\b(?:can|could|shall)\s+we\s+(?:discuss|talk\s+about|look\s+at|cover|address|go\s+over)\b"
    r".*\b(?:meeting|agenda)\b",
    r"\b(?:til|for|as\s+an?|som)\s+(?:et\s+)?(?:beslutning|droeftelse|orientering|decision|"
    r"discussion|information)s?(?:punkt)?\b.*\bmoede",
)
_TASK_CREATE = _rx(
    r"\b(?:ny|opret|opretter|oprette|lav|lave|tilfoej|tilfoeje|add|create|new|make|open)\s+"
    r"(?:en\s+|et\s+|a\s+|an\s+)?(?:ny\s+|new\s+)?(?:opgave|task|action\s*item|to-?do|"
    r"opfoelgning|handlingspunkt)",
    r"\b(?:opgave|task|action\s*item|to-?do|todo|opfoelgningspunkt)\s*(?:til|for|to)\s",
    r"\b(?:action\s*item|to-?do|todo|opgave|task|opfoelgning)\s*:",
    r"\b(?:soerger|sorger|soerge|sorge)\s+for\b",
    r"\btager\s+(?:sig\s+)?af\b",
    r"\b(?:foelger|folger|foelge)\s+op\b",
    r"\b(?:is|will\s+be)\s+responsible\s+for\b",
    r"\bwill\s+(?:follow\s+up|take\s+care|look\s+into|prepare|draft|send|write|check|update|"
    r"circulate|contact|book|arrange)\b",
    r"\b(?:ansvarlig|owner|tovholder|assignee)\s*:",
    r"\bassign\w*\b",
    r"\bhar\s+ansvaret\s+for\b",
    r"\bstaar\s+for\s+at\b",
    r"\bdu\s+(?:tager\s+dig\s+af|soerger\s+for|sorger\s+for|foelger\s+op|staar\s+for)\b",
    r"\bgive\s+\S+(?:\s+\S+)?\s+(?:en\s+)?opgave\w*\b",
    r"\bopgaven\s+(?:at|med)\b",
    r"\b(?:skal|must|needs\s+to)\s+(?:lave|sende|skrive|undersoege|udarbejde|tjekke|opdatere|"
    r"ringe|booke|kontakte|indhente|forberede|send|write|prepare|check|update|draft)\b",
)
_TASK_OWNER_VERB = re.compile(
    r"^\s*(?P<who><@[UW][A-Z0-9]+(?:\|[^>]*)?>|[A-ZÆØÅ][\wæøå-]+(?:\s+[A-ZÆØÅ][\wæøå-]+)?)\s+"
    r"(?:sørger|soerger|sorger|tager|følger|foelger|folger|laver|skriver|sender|undersøger|"
    r"undersoeger|udarbejder|kigger|ringer|booker|opdaterer|skal|will|is|takes|has|checks|står|"
    r"drafts|sends|writes|prepares|er\s+ansvarlig|har\s+ansvaret|indkalder|kontakter|"
    r"indhenter|forbereder|tjekker)\b"
)
_DONE_WORDS = (
    r"(?:klaret|klar|faerdig\w*|ferdig|fardig|done|loest|afsluttet|lukket|ordnet|udfoert|"
    r"gjort|overstaaet|fixed|complete|completed|finished|closed|afklaret|afviklet|sendt|"
    r"lukkes|kan\s+lukkes|afsluttes|kan\s+afsluttes|lavet|fikset|fixet|fixed|checked\s+off)"
)
_TASK_DONE = _rx(
    r"\b(?:opgave\w*|task|action\s*item|to-?do|opfoelgning\w*)\s*(?:nr\.?|nummer|no\.?|number)?"
    r"\s*#?\s*(?P<n1>\d{1,6})\b.*\b" + _DONE_WORDS + r"\b",
    r"(?:^|\s)#(?P<n2>\d{1,6})\b.*\b" + _DONE_WORDS + r"\b",
    r"\b(?:luk|lukke|marker|markér|afslut|close|mark|complete|finish)\s+(?:\w+\s+){0,1}"
    r"(?:opgave\w*|task|action\s*item|#)\s*(?:nr\.?|no\.?)?\s*#?\s*(?P<n3>\d{1,6})\b",
    r"\b" + _DONE_WORDS + r"\s+(?:med\s+|with\s+)?(?:opgave\w*|task)\s*(?:nr\.?|no\.?)?\s*#?\s*"
    r"(?P<n4>\d{1,6})\b",
)
_TASK_DONE_VAGUE = re.compile(
    r"\b(?:min|mine|my|opgaven|the\s+task|den)\s+(?:\w+\s+){0,2}(?:opgave\w*|task\w*|to-?do)?"
    r"\s*(?:er|is|are)\s+(?:nu\s+|now\s+)?" + _DONE_WORDS + r"\b"
)
_MEETING_WORD = r"(?:[\w-]*moed\w*|meeting\w*)"
_MEETING_CANCEL = _rx(
    r"\b(?:aflys\w*|aflyse|afly|cancel\w*|call\s+off|scrap|drop\w*|droppe|sloejf\w*|"
    r"annuller\w*)\s+(?:\S+\s+){0,3}" + _MEETING_WORD,
    r"\b" + _MEETING_WORD + r"\s+(?:\S+\s+){0,4}(?:er\s+|bliver\s+|is\s+|will\s+be\s+)?"
    r"(?:aflyst|aflyses|cancel+ed|udgaar|bortfalder|dropped|off|droppes|sloejfes)\b",
    r"\b(?:intet|ikke\s+noget|no)\s+(?:" + _W + r"){0,2}" + _MEETING_WORD,
    r"\bder\s+bliver\s+ikke\s+(?:noget\s+)?" + _MEETING_WORD,
)
_MEETING_MOVE = _rx(
    r"\b(?:flyt\w*|ryk\w*|udskyd\w*|omlaeg\w*|move|moving|reschedul\w*|push|postpone\w*|"
    r"shift)\s+(?:\S+\s+){0,3}" + _MEETING_WORD,
    r"\b" + _MEETING_WORD + r"\s+(?:\S+\s+){0,4}(?:flyttes|rykkes|er\s+flyttet|er\s+rykket|"
    r"udskydes|skal\s+flyttes|skal\s+rykkes|moves|is\s+moved|is\s+moving|will\s+move)\b",
)
_MEETING_CREATE = _rx(
    r"\b(?:nyt|opret\w*|book\w*|indkald\w*|planlaeg\w*|lav\w*|saet|saette|tilfoej\w*|add|"
    r"schedule|set\s+up|create|new|plan|arrange)\s+(?:\w+\s+){0,2}(?:moede|meeting|"
    r"ekstra\s*moede|\w+moede)\b",
    r"\b(?:indkald\w*)\s+til\s+(?:\w+\s+){0,2}moede",
    r"\bvi\s+(?:holder|afholder|tager)\s+(?:et\s+)?(?:ekstra\s*)?moede\b",
    r"\b(?:et|an)\s+(?:ekstra\s*|extra\s+)?(?:moede|meeting)\s+(?:d\.|den|on|paa)\b",
)
_HELP = _rx(
    r"\bhvad\s+kan\s+(?:du|man|jeg\s+bruge\s+dig)\b",
    r"\bhvad\s+(?:er\s+det\s+)?du\s+kan\b",
    r"\bhvad\s+kan\s+jeg\s+(?:skrive|spoerge|bede)\b",
    r"\bhvad\s+(?:goer|laver)\s+du\b",
    r"\bhvad\s+er\s+du\b",
    r"\bhvordan\s+(?:bruger|virker|fungerer|taler)\s+(?:jeg\s+dig|du|man\s+dig|det|jeg)\b",
    r"\bhjae?lp\w*\b",
    r"\bhelp\b",
    r"\bwhat\s+(?:can|do)\s+you\s+do\b",
    r"\bwhat\s+are\s+you\b",
    r"\bhow\s+(?:do\s+i|does\s+this|do\s+you|can\s+i)\s+(?:use|work)\b",
    r"\b(?:vejledning|kommandoer|commands|manual|instructions|guide)\b",
    r"\bhvilke\s+(?:ting|kommandoer|muligheder)\b",
    r"\bhow\s+to\s+use\b",
    r"\bhvordan\s+man\s+bruger\b",
    r"\b(?:tips|hints|tricks)\b.*\b(?:use|bruge)\b",
)
_THANKS_FOR = re.compile(r"^(?:(?:mange|tusind|1000|stor)\s+)?tak\s+for\s+(?:\w+\s+){0,3}\w+\W*$")
_THANKS = re.compile(
    r"^(?:(?:super|fint|fino|perfekt|godt|great|ok|okay|dejligt|fedt|nice|awesome|perfect|"
    r"fantastisk|flot|wow|ah|aha|supergodt|herligt)\s+)*(?:(?:mange|tusind|1000|stor|kaempe|many|big)\s+)?(?:tak+|tack|takker|thanks|thank\s+you|"
    r"thx|ty|cheers|tak\s+skal\s+du\s+have|takk)\b(?:\s+(?:tak|for|til|skal|du|det|dig|hjaelpen|"
    r"svaret|info|infoen|so|very|much|a|lot|again|igen|alligevel|referent|bot|!)){0,5}\W*$"
)
_OTHER = re.compile(r"[^\w\s]")

_KW = r"beslutning|droeftelse|orientering|decision|discussion|information|info|godkendelse"
_KIND = _rx(
    r"\(\s*(?:(?:til|for|som|as)\s+(?:an?\s+)?)?(?P<k1>" + _KW + r")(?:spunkt)?\s*\)",
    r"\b(?:til|som|for|as\s+an?|as)\s+(?:en\s+|et\s+)?(?P<k2>" + _KW + r")(?:spunkt|\s+item|"
    r"\s+point)?\b",
    r"\b(?:en|an?)\s+(?P<k3>" + _KW + r")\s+(?:om|af|of|about|on)\b",
    r"[,\-]\s*(?P<k4>" + _KW + r")(?:spunkt)?\s*[.!?]*$",
)
_KIND_VALUE = {
    "beslutning": "decision",
    "beslutte": "decision",
    "decision": "decision",
    "godkendelse": "decision",
    "droeftelse": "discussion",
    "discussion": "discussion",
    "discuss": "discussion",
    "orientering": "information",
    "information": "information",
    "info": "information",
}

_MONTHS = {
    "januar": 1,
    "january": 1,
    "jan": 1,
    "februar": 2,
    "february": 2,
    "feb": 2,
    "marts": 3,
    "march": 3,
    "april": 4,
    "apr": 4,
    "maj": 5,
    "may": 5,
    "juni": 6,
    "june": 6,
    "juli": 7,
    "july": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "oktober": 10,
    "october": 10,
    "okt": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_MONTH_MEETING = _rx(
    rf"\b(?P<m1>{_MONTH_NAMES})\s*-?\s*(?:moed\w*|meeting)",
    rf"\b(?:moedet|moede|meeting|the\s+meeting|styregruppemoedet)\s+(?:i|in)\s+(?P<m2>{_MONTH_NAMES})\b",
    rf"\b(?:i|in)\s+(?P<m3>{_MONTH_NAMES})\b(?!\s*\d)",
    rf"\b(?P<m4>{_MONTH_NAMES})'?s\s+meeting\b",
    rf"\b(?:til|for)\s+(?P<m5>{_MONTH_NAMES})\b(?!\s*\d)(?=\s*(?:[:,.?!]|$|og|and))",
)
_NEXT_MEETING = re.compile(
    r"\b(?:(?:det|the)\s+)?(?:naeste|naestet|naest|kommende|forestaaende|next|upcoming|"
    r"nye)\s+(?:" + _W + r")?(?:moede\w*|\w+moede\w*|meeting|session)\b"
)
_REASON = re.compile(
    r"(?:\bpga\b\.?|\bp\.g\.a\.?|\bpaa\s+grund\s+af\b|\bgrundet\b|\bfordi\b|\bda\s+jeg\b|"
    r"\bbecause\b(?:\s+of)?|\bdue\s+to\b|\bsom\s+foelge\s+af\b|\s[-–—]\s|\s[-–—](?=\w)|\(|:\s)"
)
_SUB_AFTER = re.compile(
    r"(?P<who><@[UW][A-Z0-9]+(?:\|[^>]*)?>|(?-i:[A-ZÆØÅ][\wæøå-]+(?:\s+[A-ZÆØÅ][\wæøå-]+){0,2}))\s+"
    r"(?:kommer|deltager|møder|moeder|tager|går|gaar|attends|will\s+attend|is\s+coming|comes|"
    r"will\s+come|joins|will\s+join|will\s+stand\s+in|stepper\s+ind)\s+(?:op\s+)?"
    r"(?:i\s+stedet|instead|i\s+mit\s+sted|for\s+mig|in\s+my\s+place|min\s+plads|ind)\b",
    re.IGNORECASE,
)
_SUB_BEFORE = re.compile(
    r"(?:jeg\s+sender|i(?:'ll|\s+will)?\s+send(?:ing)?|sender|vi\s+sender|i'm\s+sending|"
    r"stedfortræder(?:en)?(?:\s+er)?:?|stedfortraeder(?:en)?(?:\s+er)?:?|substitute(?:\s+is)?:?|"
    r"i\s+stedet\s+kommer|instead\s+(?:comes|will\s+come)|"
    r"(?:erstattes|repræsenteres|repraesenteres|represented)\s+(?:af|by))\s+"
    r"(?:(?:min|mit|vores|my|our)\s+(?:(?-i:[a-zæøå-]+)\s+){0,2}?)?"
    r"(?P<who><@[UW][A-Z0-9]+(?:\|[^>]*)?>|(?-i:[A-ZÆØÅ][\wæøå-]+(?:\s+[A-ZÆØÅ][\wæøå-]+){0,2}))",
    re.IGNORECASE,
)
_NAME = r"(?:<@[UW][A-Z0-9]+(?:\|[^>]*)?>|@?[A-ZÆØÅ][\wæøåé-]+(?:\s+[A-ZÆØÅ][\wæøåé-]+)?)"
_NOT_NAMES = frozenset(
    [
        "jeg",
        "vi",
        "du",
        "i",
        "hej",
        "hey",
        "hi",
        "hello",
        "kan",
        "kommer",
        "mødet",
        "moedet",
        "møde",
        "moede",
        "afbud",
        "til",
        "for",
        "og",
        "men",
        "desværre",
        "desvaerre",
        "the",
        "my",
        "we",
        "our",
        "can",
        "will",
        "kære",
        "dear",
        "har",
        "er",
        "det",
        "den",
        "der",
        "næste",
        "naeste",
        "ok",
        "okay",
        "hermed",
        "please",
        "sorry",
        "undskyld",
        "tak",
        "thanks",
        "lige",
        "hmm",
        "nå",
        "naa",
        "ps",
        "mvh",
        "also",
        "unfortunately",
        "unfortunately,",
        "beklager",
        "jo",
        "så",
        "saa",
        "ja",
        "nej",
        "yes",
        "no",
        "referent",
        "godmorgen",
        "goddag",
        "morn",
    ]
)
_TARGET_AFTER = re.compile(
    rf"^\s*(?P<who>{_NAME})\s+(?:kommer\s+(?:desværre\s+|desvaerre\s+)?ikke|kan\s+(?:\w+\s+)?ikke|"
    r"er\s+(?:desværre\s+|desvaerre\s+)?forhindret|melder\s+(?:afbud|fra)|har\s+meldt\s+(?:afbud|fra)|"
    r"sender\s+afbud|har\s+sendt\s+afbud|deltager\s+ikke|når\s+ikke|naar\s+ikke|er\s+syg|"
    r"can'?t|cannot|won'?t|will\s+not|sends?\s+(?:her\s+|his\s+|their\s+)?apolog|"
    r"is\s+(?:unable|not\s+coming|away|sick|ill)|has\s+sent|"
    r"kommer\s+(?:\w+\s+)?alligevel|kan\s+(?:godt\s+)?(?:komme|deltage)\s+alligevel|"
    r"deltager\s+alligevel|can\s+(?:come|make\s+it|attend)\s+after\s+all|is\s+coming\s+after)",
)
_TARGET_BEFORE = re.compile(
    rf"\b(?:afbud|apologies|apology)\s+(?:fra|for|from)\s+(?P<who>{_NAME})",
)
_TARGET_FOR = re.compile(
    rf"\b(?:(?:på\s+vegne\s+af|paa\s+vegne\s+af|on\s+behalf\s+of)\s+|for\s+(?=<@))(?P<who>{_NAME})"
)
_DUE_LEAD = re.compile(
    r"\b(?:senest|inden|før|foer|by|before|due|frist|deadline|til\s+den|no\s+later\s+than|"
    r"snarest\s+og\s+senest)\b\s*:?\s*(?:d\.\s*|den\s+|the\s+|på\s+|paa\s+|on\s+)?",
    re.IGNORECASE,
)
_OWNER_FOR = re.compile(
    rf"\b(?:til|for|to|ansvarlig|owner|tovholder|assign(?:ed)?\s+(?:to)?|assignee)\s*:?\s*"
    rf"(?P<who>{_NAME})",
)
_MENTION = re.compile(r"<@[UW][A-Z0-9]+(?:\|[^>]*)?>")
_TIME_ONLY = re.compile(r"^\s*(?:kl\.?|klokken|at)?\s*\d{1,2}(?:[:.]\d{2})?\s*$", re.IGNORECASE)

# Framing words around a proposal's title (folded text); removed to leave the title.
_TITLE_FRAMES = _rx(
    r"^\s*(?:forslag\s+til\s+(?:et\s+)?(?:nyt\s+)?(?:punkt|dagsorden\w*|dagsordenspunkt)"
    r"(?:\s+til\s+(?:det\s+)?(?:naeste|kommende)\s+moede)?|punkt\s+til\s+(?:\w+\s+)?"
    r"dagsorden\w*|forslag\s+til\s+(?:det\s+)?(?:naeste|kommende)\s+moede|"
    r"punkt\s+til\s+(?:det\s+)?(?:naeste|kommende)\s+moede|new\s+agenda\s+(?:item|point)|"
    r"agenda\s+(?:item|point|topic)|nyt\s+punkt|dagsordenspunkt|til\s+(?:det\s+)?"
    r"(?:naeste|kommende)\s+moede|til\s+dagsorden\w*|new\s+item|proposal|forslag|punkt|emne|"
    r"topic|item|for)(?:\s+(?:til|for|to)\s+(?=\d))?\s*(?:[:\-]|(?=\s))\s*",
    r"\b(?:kan|kunne|maa|skal)\s+vi\s+(?:ikke\s+)?(?:godt\s+)?(?:faa|have|tage|saette|droefte|"
    r"drofte|tale\s+om|snakke\s+om|se\s+paa|kigge\s+paa|behandle)\b(?:\s+(?:et\s+punkt|"
    r"punktet)\s+(?:om|vedr\w*|angaaende))?",
    r"\b(?:kan|kunne|vil|gider)\s+(?:i|du)\s+(?:lige\s+|venligst\s+)?(?:saette|tage|faa|"
    r"tilfoeje)?",
    r"\b(?:(?:jeg|vi)\s+)?(?:vil|ville)\s+(?:gerne|godt|meget\s+gerne)?\s*(?:have|foreslaa|"
    r"bringe|rejse|tage|saette|tilfoeje|drofte|droefte)\b(?:\s+(?:et\s+punkt|punktet|emnet|"
    r"et\s+emne)\s+(?:om|vedr\w*|angaaende))?",
    r"\b(?:jeg\s+|vi\s+)?(?:foreslaar|foreslaa|foreslar|foreslag|proposes?|propose|suggest)\b"
    r"(?:\s+(?:at\s+vi|that\s+we)(?:\s+(?:droefter|drofter|tager|behandler|discuss|take\s+up))?)?"
    r"(?:\s+(?:et|an?)\s+(?:nyt\s+|new\s+)?"
    r"(?:punkt|item|agenda\s+item)\s*(?:om|vedr\w*|angaaende|about|on)?)?(?:\s+(?:om|about))?"
    r"(?:\s+punktet)?",
    r"\bjeg\s+har\s+(?:et\s+)?(?:forslag|punkt|nyt\s+punkt)(?:\s+(?:til\s+(?:\w+\s+)?"
    r"(?:dagsorden\w*|moede\w*)))?\s*(?:om|vedr\w*|:)?",
    r"\b(?:saet|saette|tilfoej|tilfoeje|tag|tage|add|put|get|bring|raise|table)\b",
    r"\b(?:i'?d|i\s+would|we'?d|we\s+would)\s+like\s+to\s+(?:add|discuss|raise|bring\s+up|put)?",
    r"\b(?:can|could)\s+we\s+(?:please\s+)?(?:add|have|get|put|discuss|take\s+up)\b",
    r"\blet'?s\s+(?:add|discuss|put)\b",
    r"\bplease\s+(?:add|put|propose)\b",
    r"\b(?:op\s+)?(?:paa|til|on|to|onto|for|in)\s+(?:the\s+|our\s+|naeste\s+|next\s+|"
    r"moedets\s+|det\s+naeste\s+moedes\s+)?(?:dagsorden\w*|dagsordnen|dasgorden\w*|dagorden\w*|"
    r"agenda)\b(?:\s+(?:for\s+(?:the\s+)?next\s+meeting|til\s+(?:det\s+)?(?:naeste|kommende)"
    r"\s+moede))?",
    r"\b(?:(?:op\s+)?(?:igen\s+)?(?:paa|til|at|for|in|on|to)\s+)?(?:et\s+af\s+)?"
    r"(?:det\s+|de\s+|the\s+)?(?:naeste|kommende|next|upcoming|forestaaende)\s+"
    r"(?:styregruppe)?(?:moed\w*|meeting\w*)\b",
    r"\b(?:op\s+)?(?:paa|til|at|for|to)\s+(?:the\s+)?(?:moedet|moede|meeting)\b",
    r"\bsom\s+(?:et\s+)?(?:nyt\s+)?punkt\b",
    r"\bas\s+(?:an?\s+)?(?:new\s+)?(?:agenda\s+)?item\b",
    r"\b(?:droeftet|drøftet|behandlet|taget\s+op|discussed|addressed)\b",
    r"\bop(?:\s+igen)?\s*(?=[?.!]*\s*$)",
    r"\bop\s+igen\b",
    r"\btak\b|\bthanks?\b",
    r"\bforslag\s*:",
)
_TITLE_LEAD = re.compile(
    r"^(?:[\s:,.\-–—»«\"']|om\s+|vedr\.?\s+|vedrørende\s+|angående\s+|about\s+|regarding\s+|"
    r"re:\s+|on\s+|at\s+|et\s+punkt\s*(?::\s*|om\s+|(?=\S))|punktet\s+|emnet\s+|an?\s+item\s+(?:on\s+)?|"
    r"the\s+topic\s+(?:of\s+)?|temaet\s+|til\s+|for\s+)+",
    re.IGNORECASE,
)
_TITLE_TAIL = re.compile(
    r"(?:[\s:,.\-–—?!»«\"'()]|\b(?:og|and|så|saa|som|på|paa|til|for|to|the|op|igen|on|at|in|"
    r"i|om|ved|with|med|please|venligst)\b)+$",
    re.IGNORECASE,
)


# ---------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------


def _strip_padding(folded: str) -> str:
    text = _GREETING.sub("", folded, count=1)
    for _ in range(2):
        text = _PADDING.sub(" ", text)
    return " ".join(text.split())


def _asks(core: str) -> bool:
    """Tell whether a text is a question to someone ("has anyone sent apologies?")."""
    return "?" in core and (_QUESTION_START.match(core) or _AUX_START.match(core)) is not None


def _is_question(core: str) -> bool:
    return "?" in core or _QUESTION_START.match(core) is not None


_Hit = tuple[date, bool, int, int]
_scans = threading.local()


def _scan_dates(text: str, now: datetime, tz: str) -> tuple[list[_Hit], str | None]:
    """Return every date in a text (with spans) and a date-shaped fragment that is no date.

    One reading asks about the same text several times (the meeting, the title, a due
    date); the answer is kept for the duration of that one reading only.
    """
    cache: dict[tuple[str, datetime, str], tuple[list[_Hit], str | None]] | None = getattr(
        _scans, "cache", None
    )
    key = (text, now, tz)
    if cache is not None and key in cache:
        return cache[key]
    hits: list[_Hit] = []
    bad: str | None = None
    pos = 0
    for _ in range(6):
        if pos >= len(text):
            break
        try:
            hit = find_when(text[pos:], now, tz, prefer="future")
        except DateParseError as exc:
            bad = exc.fragment
            break
        if hit is None:
            break
        when, start, end = hit
        hits.append((when.date, when.has_time, start + pos, end + pos))
        pos += max(end, start + 1)
    if cache is not None:
        cache[key] = (hits, bad)
    return hits, bad


def _dates(text: str, now: datetime | None, tz: str, *, keep_times: bool = False) -> list[_Hit]:
    """Return the dates written in a text, with whether a time was given and their spans."""
    if now is None:
        return []
    hits, _ = _scan_dates(text, now, tz)
    return [h for h in hits if keep_times or not _TIME_ONLY.match(text[h[2] : h[3]])]


_RELATIVE_DAY = re.compile(r"i\s*dag|i\s*morgen|i\s*overmorgen|today|tomorrow|tonight", re.I)


def _best_day(text: str, days: list[tuple[date, bool, int, int]]) -> date:
    """Prefer a written date ("20/11") over "i morgen", and a weekday over "i dag"."""
    explicit = [d for d in days if any(c.isdigit() for c in text[d[2] : d[3]])]
    if explicit:
        return explicit[0][0]
    named = [d for d in days if not _RELATIVE_DAY.search(text[d[2] : d[3]])]
    return (named or days)[0][0]


def _bad_date(text: str, now: datetime | None, tz: str) -> str | None:
    """Return a date-shaped fragment that is no date ("31/2", "kl 25"), if the text has one."""
    return None if now is None else _scan_dates(text, now, tz)[1]


def _month_ref(folded: str) -> MeetingRef | None:
    match = _MONTH_MEETING.search(folded)
    if match is None:
        return None
    name = next(g for g in match.groups() if g)
    # "i may" is no Danish; "in mar(ch)" is too short to trust without "meeting".
    short = name in ("may", "mar", "dec", "jan") and (match.group("m3") or match.group("m5"))
    if short and (
        name != "may" or not folded[: match.start()].rstrip().endswith(("meeting", "the"))
    ):
        return None
    return MeetingRef(kind="month", month=_MONTHS[name])


def _meeting_ref(
    original: str,
    folded: str,
    now: datetime | None,
    tz: str,
    in_thread: bool,
    *,
    before: int | None = None,
) -> MeetingRef | None:
    head = original if before is None else original[:before]
    days = _dates(head, now, tz)
    if days:
        return MeetingRef(kind="date", day=_best_day(head, days))
    month = _month_ref(folded)
    if month is not None:
        return month
    if _NEXT_MEETING.search(folded):
        return MeetingRef(kind="next")
    if in_thread:
        return MeetingRef(kind="thread")
    return None


def _clean_name(who: str) -> str:
    return who.strip().lstrip("@").strip(" ,.;:")


def _name_ok(who: str) -> bool:
    if who.startswith("<@"):
        return True
    first = _clean_name(who).split()[0].casefold() if _clean_name(who) else ""
    return bool(first) and first not in _NOT_NAMES


def _afbud_slots(
    original: str, folded: Folded, now: datetime | None, tz: str, in_thread: bool
) -> dict[str, object]:
    substitute: str | None = None
    text = original
    for pattern in (_SUB_AFTER, _SUB_BEFORE):
        match = pattern.search(text)
        if match is not None and _name_ok(match.group("who")):
            substitute = _clean_name(match.group("who"))
            text = text[: match.start()] + " " + text[match.end() :]
            break
    person: str | None = None
    for pattern in (_TARGET_AFTER, _TARGET_BEFORE, _TARGET_FOR):
        match = pattern.search(_strip_original_greeting(text))
        if match is not None and _name_ok(match.group("who")):
            person = _clean_name(match.group("who"))
            if person.startswith("<@"):
                person = match.group("who").strip()
            break
    if person is None:
        mention = _MENTION.search(text)
        if mention is not None and not re.search(
            r"\b(?:jeg|mig|min|mit|i|me|my)\b", text[: mention.start()], re.IGNORECASE
        ):
            person = mention.group(0)
    reason_at = _REASON.search(text)
    reason: str | None = None
    if reason_at is not None:
        reason = text[reason_at.end() :].strip(" .,;:-–()!")
        reason = re.sub(r"\)\s*$", "", reason).strip() or None
    meeting = _meeting_ref(
        text,
        fold(text).text,
        now,
        tz,
        in_thread,
        before=reason_at.start() if reason_at is not None else None,
    )
    if meeting is None and reason_at is not None:
        meeting = _meeting_ref(text, fold(text).text, now, tz, in_thread)
    return {"substitute": substitute, "person": person, "reason": reason, "meeting": meeting}


def _strip_original_greeting(text: str) -> str:
    return re.sub(
        r"^\s*(?:(?:hej|hey|hi|hello|kære|dear|godmorgen|goddag)\b[\s,!.:]*(?:referent\b[\s,!.:]*)?)",
        "",
        text,
        flags=re.IGNORECASE,
    )


def _kind(folded: str) -> str | None:
    match = _KIND.search(folded)
    if match is None:
        return None
    word = next(g for g in match.groups() if g)
    for key, value in _KIND_VALUE.items():
        if word.startswith(key[:5]):
            return value
    return None


def _title(folded: Folded, now: datetime | None, tz: str) -> str:
    spans: list[tuple[int, int]] = []
    text = folded.text
    greeting = _GREETING.match(text)
    if greeting is not None:
        spans.append((0, greeting.end()))
    for pattern in (_PADDING, _TITLE_FRAMES, _KIND):
        spans.extend((m.start(), m.end()) for m in pattern.finditer(text))
    month = _MONTH_MEETING.search(text)
    if month is not None:
        lead = re.search(
            r"(?:\b(?:til|paa|for|i|in|to|at|on)\s+)?(?:(?:the|det)\s+)?$", text[: month.start()]
        )
        spans.append((lead.start() if lead is not None else month.start(), month.end()))
    original = folded.original
    cut = [folded.original_span(a, b) for a, b in spans if b > a]
    for day_start, day_end in ((s, e) for _, _, s, e in _dates(original, now, tz)):
        lead = re.search(
            r"(?:\b(?:til|paa|på|for|on|at)\s+)?(?:(?:mødet|moedet|the\s+meeting|meeting)\s+)?"
            r"(?:(?:den|d\.|on|the)\s+)?$",
            original[:day_start],
            re.IGNORECASE,
        )
        cut.append((lead.start() if lead is not None else day_start, day_end))
    keep = [True] * len(original)
    for a, b in cut:
        for i in range(a, min(b, len(original))):
            keep[i] = False
    title = "".join(c if keep[i] else " " for i, c in enumerate(original))
    title = _MENTION.sub(" ", title)
    title = " ".join(title.split())
    previous = None
    while previous != title:
        previous = title
        title = _TITLE_LEAD.sub("", title)
        title = _TITLE_TAIL.sub("", title)
    title = title.strip()
    return title[:1].upper() + title[1:] if title else ""


_TASK_LEAD = re.compile(
    r"^\s*(?:(?:hej|hey|hi|hello|kære|dear)\b[\s,!.:]*)?(?:referent\b[\s,!.:]*)?"
    r"(?:(?:kan|vil|gider|could|can|would|will)\s+(?:du|you)\s+(?:lige\s+|venligst\s+|please\s+)?)?"
    r"(?:(?:ny|opret|oprette|lav|lave|tilføj|tilfoej|add|create|new|make|open)\s+"
    r"(?:en\s+|et\s+|a\s+|an\s+)?(?:ny\s+|new\s+)?)?"
    r"(?:opgave|task|action\s*item|to-?do|todo|opfølgning|opfoelgning)?"
    r"(?:\s+(?:til|for|to)\s+(?=<@))?\s*(?:[:\-–]\s*|\s+(?:om\s+at|om|about|to)\s+)?",
    re.IGNORECASE,
)
_TASK_OWNER_VOCATIVE = re.compile(
    r"^\s*(?P<who>[A-ZÆØÅ][\wæøå-]+)\s*,\s*(?:du|kan\s+du|vil\s+du|you|can\s+you|could\s+you)\b"
)
_TASK_OWNER_LOWER = re.compile(
    r"^\s*(?P<who>[a-zæøå]{2,15})\s+(?:sørger|soerger|sorger)\s+for\b|"
    r"^\s*(?P<who2>[a-zæøå]{2,15})\s+(?:tager\s+sig\s+af|følger\s+op|foelger\s+op)\b"
)


def task_body(text: str) -> str:
    """Return a task's text without the framing words ("ny opgave:", "kan du oprette…")."""
    return _TASK_LEAD.sub("", text, count=1).strip() or text


def _task_slots(original: str, folded: Folded, now: datetime | None, tz: str) -> dict[str, object]:
    person: str | None = None
    body = task_body(_strip_original_greeting(original))
    mention = _MENTION.search(body)
    if mention is not None:
        person = mention.group(0)
    else:
        match = _TASK_OWNER_VERB.match(body) or _TASK_OWNER_VOCATIVE.match(body)
        lower = _TASK_OWNER_LOWER.match(body)
        if match is not None and _name_ok(match.group("who")):
            person = _clean_name(match.group("who"))
        elif lower is not None and _name_ok(lower.group("who") or lower.group("who2")):
            person = _clean_name(lower.group("who") or lower.group("who2")).capitalize()
        else:
            owner = _OWNER_FOR.search(body)
            if owner is not None and _name_ok(owner.group("who")):
                person = _clean_name(owner.group("who"))
    due: date | None = None
    lead = _DUE_LEAD.search(original)
    if lead is not None:
        days = _dates(original[lead.start() :], now, tz)
        if days:
            due = days[0][0]
    if due is None and now is not None:
        days = _dates(original, now, tz)
        if days:
            due = days[0][0]
    return {"person": person, "due": due}


def _thanks(core_full: str) -> bool:
    cleaned = " ".join(_OTHER.sub(" ", _MENTION.sub(" ", core_full)).split())
    cleaned = _GREETING.sub("", cleaned)
    return bool(cleaned) and (
        _THANKS.match(cleaned) is not None or _THANKS_FOR.match(cleaned) is not None
    )


def _task_number(folded: str) -> int | None:
    match = _TASK_DONE.search(folded)
    if match is None:
        return None
    number = next((g for g in match.groups() if g), None)
    return int(number) if number else None


def read(
    text: str,
    *,
    where: Where = "mention",
    now: datetime | None = None,
    tz: str = "Europe/Copenhagen",
    in_thread: bool = False,
) -> Reading:
    """Read a message: its intent, whether the reader is sure, and the slots it names."""
    original = text.strip()
    folded = fold(original)
    if where == "channel":
        return Reading(Intent.CHAT, text=original)
    core = _strip_padding(folded.text)
    question = _is_question(core)
    hedge = _HEDGE.search(core) is not None or _SUGGEST.search(core) is not None
    _scans.cache = {}
    try:
        bad_date = _bad_date(original, now, tz)
        reading = _classify(
            original, folded, core, question, hedge, now, tz, in_thread or where == "notice_thread"
        )
    finally:
        _scans.cache = None
    if bad_date is not None and reading.intent in STATE_CHANGES:
        # "afbud 31/2": never fall back to another meeting; the grammar explains the date.
        reading = replace(reading, confident=False, bad_date=bad_date)
    if where == "notice_thread":
        # A reply under a meeting notice is chat among colleagues unless it is plainly the
        # writer's own afbud (or taking it back); nothing else there is the bot's business.
        if reading.intent not in (Intent.AFBUD, Intent.ATTEND) or not reading.confident:
            return Reading(Intent.CHAT, text=original)
        if reading.person is not None:
            return Reading(Intent.CHAT, text=original)
        if question:
            return Reading(Intent.CHAT, text=original)
    return reading


def _classify(
    original: str,
    folded: Folded,
    core: str,
    question: bool,
    hedge: bool,
    now: datetime | None,
    tz: str,
    in_thread: bool,
) -> Reading:
    text = folded.text
    if not core.strip(" ?!.,:;-"):
        if _thanks(text):
            return Reading(Intent.THANKS, text=original)
        return Reading(Intent.UNKNOWN, confident=False, text=original)
    how_to = _HOW_TO.search(core) is not None and question

    # Attendance questions first: "hvem har meldt afbud?" names the afbud but asks.
    if _ATT_QUESTION.search(core) or (
        question
        and _PERSON_QUESTION.match(_strip_original_greeting(original))
        and _PERSON_QUESTION_VERB.search(core)
        and not _PROPOSE.search(core)
    ):
        person_q = _PERSON_QUESTION.match(_strip_original_greeting(original)) or _PERSON_IF.search(
            original
        )
        person = (
            _clean_name(person_q.group("who"))
            if person_q and _name_ok(person_q.group("who"))
            else None
        )
        if person is not None and person_q is not None and person_q.group("who").startswith("<@"):
            person = person_q.group("who")
        return Reading(
            Intent.ATTENDANCE_QUESTION,
            meeting=_meeting_ref(original, text, now, tz, in_thread),
            person=person,
            text=original,
        )
    if how_to and not _TASK_DONE.search(core):
        return Reading(Intent.HELP, text=original)

    # Task done before afbud and task creation: "opgave 2 er klaret".
    number = _task_number(core)
    if number is not None:
        negated = re.search(r"\b(?:ikke|not|isn'?t|aren'?t|never|endnu\s+ikke|mangler)\b", core)
        return Reading(
            Intent.TASK_DONE,
            task_number=number,
            text=original,
            confident=not hedge and negated is None,
        )
    if _TASK_DONE_VAGUE.search(core):
        return Reading(Intent.TASK_DONE, confident=False, text=original)

    if _ATTEND.search(core):
        slots = _afbud_slots(original, folded, now, tz, in_thread)
        return Reading(
            Intent.ATTEND,
            confident=not hedge and not question,
            meeting=slots["meeting"],  # type: ignore[arg-type]
            person=slots["person"],  # type: ignore[arg-type]
            text=original,
        )

    cancel = _MEETING_CANCEL.search(core)
    move = _MEETING_MOVE.search(core)
    if move or cancel:
        if move and (not cancel or move.start() <= cancel.start()):
            return _move(original, folded, core, hedge, now, tz, in_thread)
        meeting = _meeting_ref(original, text, now, tz, in_thread)
        afbud_self = re.search(r"\b(?:jeg|i)\s+(?:dropper|springer|skipper|skip)\b", core)
        if afbud_self is None:
            return Reading(
                Intent.MEETING_CANCEL,
                confident=not hedge and meeting is not None,
                meeting=meeting,
                text=original,
            )

    afbud = _AFBUD.search(core) or re.search(
        r"\b(?:jeg|i)\s+(?:dropper|springer|skipper|skip)\b", core
    )
    if afbud is not None and "?" in core and _QUESTION_START.match(core):
        # "hvorfor kan jeg ikke deltage via Teams?" asks; it sends no afbud.
        return Reading(Intent.QUESTION, text=original)
    if afbud is not None and not _PROPOSE.search(core[: afbud.start()]):
        slots = _afbud_slots(original, folded, now, tz, in_thread)
        confident = not hedge and not _asks(core)
        return Reading(
            Intent.AFBUD,
            confident=confident,
            meeting=slots["meeting"],  # type: ignore[arg-type]
            person=slots["person"],  # type: ignore[arg-type]
            substitute=slots["substitute"],  # type: ignore[arg-type]
            reason=slots["reason"],  # type: ignore[arg-type]
            text=original,
        )

    if _MEETING_CREATE.search(core) and not _PROPOSE.search(core):
        days = _dates(original, now, tz)
        when_text = original[days[0][2] :].strip() if days else None
        return Reading(
            Intent.MEETING_CREATE,
            confident=not hedge and when_text is not None,
            when_text=when_text,
            text=original,
        )

    task = _TASK_CREATE.search(core)
    if (
        task is None
        and _DUE_LEAD.search(core)
        and _TASK_OWNER_VERB.match(_strip_original_greeting(original))
    ):
        # "<@Jens> skriver til ministeriet senest 1/12": an owner, a verb and a deadline.
        task = _DUE_LEAD.search(core)
    propose = _PROPOSE.search(core)
    if task is not None and (propose is None or task.start() < propose.start()):
        slots = _task_slots(original, folded, now, tz)
        return Reading(
            Intent.TASK_CREATE,
            confident=not hedge and not _asks(core),
            person=slots["person"],  # type: ignore[arg-type]
            due=slots["due"],  # type: ignore[arg-type]
            text=original,
        )
    if propose is not None and question and _PAST_QUESTION.match(core):
        propose = None
    if propose is not None and not how_to:
        # A proposal may go on over several lines (summary, "baggrund:"); the title is the
        # first line that is left once the framing words are gone.
        title = ""
        for line in original.splitlines():
            title = _title(fold(line), now, tz)
            if title:
                break
        meeting = _meeting_ref(original, text, now, tz, in_thread)
        return Reading(
            Intent.PROPOSE,
            confident=_HEDGE.search(core) is None and bool(title) and len(title) <= 200,
            meeting=meeting,
            title=title or None,
            kind=_kind(text),
            text=original,
        )

    if _thanks(text):
        return Reading(Intent.THANKS, text=original)
    if _HELP.search(core) or _HELP.search(text):
        return Reading(Intent.HELP, text=original)
    if question:
        return Reading(Intent.QUESTION, text=original)
    if _AFBUD_WEAK.search(core):
        slots = _afbud_slots(original, folded, now, tz, in_thread)
        return Reading(
            Intent.AFBUD,
            confident=False,
            meeting=slots["meeting"],  # type: ignore[arg-type]
            reason=slots["reason"],  # type: ignore[arg-type]
            substitute=slots["substitute"],  # type: ignore[arg-type]
            text=original,
        )
    if _ATTEND_PLAIN.match(core):
        return Reading(
            Intent.ATTEND,
            confident=False,
            meeting=_meeting_ref(original, text, now, tz, in_thread),
            text=original,
        )
    return Reading(Intent.UNKNOWN, confident=False, text=original)


def _move(
    original: str,
    folded: Folded,
    core: str,
    hedge: bool,
    now: datetime | None,
    tz: str,
    in_thread: bool,
) -> Reading:
    split = re.search(
        r"\s(?:til|to|until|frem\s+til|over\s+til|hen\s+til|->|→)\s", original, re.IGNORECASE
    )
    days = _dates(original, now, tz)
    meeting: MeetingRef | None = None
    when_text: str | None = None
    if split is not None:
        head, tail = original[: split.start()], original[split.end() :]
        old = [d for d in days if d[3] <= split.start()]
        if old:
            meeting = MeetingRef(kind="date", day=old[0][0])
        else:
            meeting = _meeting_ref(head, fold(head).text, None, tz, in_thread)
        when_text = tail.strip(" .!?") or None
    elif len(days) >= 2:
        meeting = MeetingRef(kind="date", day=days[0][0])
        when_text = original[days[1][2] :].strip(" .!?")
    if meeting is None:
        meeting = MeetingRef(kind="next") if _NEXT_MEETING.search(folded.text) else None
        if meeting is None and in_thread:
            meeting = MeetingRef(kind="thread")
    return Reading(
        Intent.MEETING_MOVE,
        confident=not hedge and meeting is not None and bool(when_text),
        meeting=meeting,
        when_text=when_text,
        text=original,
    )


def title_of(text: str) -> str:
    """Return a text as an agenda title: greetings, framing and meeting words removed."""
    return _title(fold(" ".join(text.split())), None, "Europe/Copenhagen")
