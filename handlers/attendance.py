"""Afbud and attendance on Slack: the command, sentences, questions, buttons, modal, Home."""

from __future__ import annotations

import json
import logging
from typing import Any

from slack_bolt import Ack, App

from bot.attendance import (
    ANNOUNCE,
    DM,
    ICS,
    LIST,
    MODAL_CALLBACK,
    NO_ACTION,
    QUESTION_AFBUD,
    QUESTION_PERSON,
    QUESTION_WHO,
    REMIND,
    YES_ACTION,
    afbud_from_text,
    afbud_modal,
    answer_for_meeting,
    answer_question,
    answer_text,
    attending_from_text,
    check_can_answer,
    home_blocks,
    plan_attendance_work,
    request_context,
    run_dm,
    run_ics,
    run_list,
    run_remind,
)
from bot.domain.enums import AttendanceStatus
from bot.errors import UserError
from bot.notice import refresh_live_count, run_announce
from bot.outside import KnownUsers
from bot.ports import Directory, Message
from bot.router import Reply, Request, Router
from bot.scheduler import JobRegistry
from bot.services import Services
from handlers.home import publish_home
from handlers.interactions import Interaction, TopicListeners

log = logging.getLogger(__name__)

_MENTION = r"(?:<@[UW][A-Z0-9]+(?:\|[^>]*)?>\s+)?"

#: Sentences that send an afbud ("kan ikke komme 15/3 pga. sygdom").
AFBUD_PATTERNS = (
    r"(?:jeg\s+)?(?:kan\s+ikke\s+(?:komme|deltage|være\s+med)|kommer\s+ikke|deltager\s+ikke"
    r"|melder\s+afbud)(?!\w)",
    r"(?:i\s+)?(?:can(?:'|’)?t|cannot|can\s+not|won(?:'|’)?t)\s+(?:come|attend|make\s+it)(?!\w)",
    r"(?:i\s+)?(?:send|am\s+sending)\s+(?:my\s+)?apologies(?!\w)",
)
#: Sentences that take an afbud back or say yes ("jeg kommer alligevel").
ATTEND_PATTERNS = (
    _MENTION + r"(?:jeg\s+)?(?:kommer|deltager|kan\s+(?:godt\s+)?komme)\s+alligevel(?!\w)",
    _MENTION + r"(?:i\s*(?:'|’)?m|i\s+am|i\s+will|i\s+can)\s+(?:coming|attending|come|attend"
    r"|make\s+it)\s+after\s+all(?!\w)",
    r"jeg\s+(?:kommer|deltager)(?!\s+ikke)(?!\w)",
)
# Why these priorities: better than every archive-question pattern (default 100), and the
# afbud sentences before the questions, so "hvem kommer ikke" never reads as an afbud.
AFBUD_PRIORITY = 20
QUESTION_PRIORITY = 30


class AttendanceListeners(TopicListeners):
    """Bolt listeners and router handlers of afbud and attendance, one method per surface."""

    def register(self) -> None:
        """Register the afbud command, sentences and questions, the buttons, modal and Home."""
        router = self.router
        router.command("absent", ["afbud", "absent", "apologies"], self.on_afbud)
        router.name_handler("attend", self.on_attend)
        router.name_handler("attendance_question", self.on_question)
        for regex in AFBUD_PATTERNS:
            router.pattern(regex, self.on_afbud, priority=AFBUD_PRIORITY)
        for regex in ATTEND_PATTERNS:
            router.pattern(regex, self.on_attend, priority=AFBUD_PRIORITY)
        for compiled in (QUESTION_AFBUD, QUESTION_WHO, QUESTION_PERSON):
            router.pattern(compiled.pattern, self.on_question, priority=QUESTION_PRIORITY)
        self.app.action(YES_ACTION)(self.on_yes)
        self.app.action(NO_ACTION)(self.on_no)
        self.app.view(MODAL_CALLBACK)(self.on_modal)
        router.home_section(self.home_section, order=50)

    # ------------------------------------------------------------------ text

    def on_afbud(self, services: Services, request: Request, args: str) -> Reply:
        """Send an afbud ("afbud 15/3 pga. sygdom", "kan ikke komme torsdag")."""
        now = services.now()
        known = KnownUsers.mentioned(services.directory, args)  # Slack read before the lock
        with services.uow() as session:
            ctx = request_context(session, services.settings, request)
            request.claim(session, now)
            result = afbud_from_text(session, known, ctx=ctx, text=args, now=now)
            text = answer_text(result, ctx.lang)
        refresh_live_count(services, result.meeting_id)
        return Reply(Message(text), ephemeral=True)

    def on_attend(self, services: Services, request: Request, args: str) -> Reply:
        """Take an afbud back or say yes ("jeg kommer alligevel")."""
        now = services.now()
        with services.uow() as session:
            ctx = request_context(session, services.settings, request)
            request.claim(session, now)
            result = attending_from_text(session, ctx=ctx, text=args, now=now)
            text = answer_text(result, ctx.lang)
        refresh_live_count(services, result.meeting_id)
        return Reply(Message(text), ephemeral=True)

    def on_question(self, services: Services, request: Request, args: str) -> Reply:
        """Answer who comes, who sent an afbud, or whether a person comes."""
        now = services.now()
        private = request.source == "slash" or request.in_dm
        with services.uow() as session:
            ctx = request_context(session, services.settings, request)
            message = answer_question(session, ctx=ctx, text=args, now=now, private=private)
        return Reply(message, ephemeral=request.source == "slash")

    # ------------------------------------------------------------------ helpers

    def after_answer(self, meeting_id: int, user_id: str, from_home: bool, client: Any) -> None:
        """Bring the announcement's count, and the person's Home when pressed there, up to date."""
        refresh_live_count(self.services, meeting_id)
        if from_home:
            publish_home(self.services, self.router, client, user_id)

    # ------------------------------------------------------------------ buttons and modal

    def on_yes(self, ack: Ack, body: dict[str, Any], client: Any) -> None:
        """The announcement's "Jeg kommer" button."""
        ack()
        ix = Interaction.parse(body)

        def work() -> None:
            directory = self.services.directory
            meeting_id, text = self.record(ix, directory, ix.value, AttendanceStatus.ATTENDING)
            self.after_answer(meeting_id, ix.user_id, ix.in_view, client)
            self.envelope.answer(ix, text)

        self.envelope.run(ix, work)

    def record(
        self,
        ix: Interaction,
        known: Directory,
        meeting_value: object,
        status: AttendanceStatus,
        **details: str | None,
    ) -> tuple[int, str]:
        """Record an answer for the meeting a button or modal names; return its id and text."""
        request, now = ix.request(), self.services.now()
        with self.services.uow() as session:
            request.claim(session, now)
            result, ctx = answer_for_meeting(
                session,
                self.services.settings,
                known,
                meeting_id=_meeting_id(meeting_value),
                user_id=ix.user_id,
                status=status,
                now=now,
                **details,
            )
            return result.meeting_id, answer_text(result, ctx.lang)

    def on_no(self, ack: Ack, body: dict[str, Any], client: Any) -> None:
        """The announcement's "Afbud" button: open the afbud modal."""
        ack()
        ix = Interaction.parse(body)

        def work() -> None:
            now = self.services.now()
            with self.services.uow() as session:
                meeting, ctx = check_can_answer(
                    session,
                    self.services.settings,
                    meeting_id=_meeting_id(ix.value),
                    user_id=ix.user_id,
                    now=now,
                )
                channel = ix.channel_id or None
                metadata = json.dumps(
                    {"meeting_id": meeting.id, "channel": channel, "home": ix.in_view}
                )
                view = afbud_modal(meeting, ctx.lang, metadata)
            client.views_open(trigger_id=ix.trigger_id, view=view)

        self.envelope.run(ix, work, once=True)

    def on_modal(self, ack: Ack, body: dict[str, Any], client: Any) -> None:
        """The afbud modal was submitted: record the afbud with its reason and substitute."""
        ix = Interaction.parse(body)
        substitute_user = ix.picked("substitute_user", "selected_user", "substitute_user")
        known = KnownUsers.read(self.services.directory, [substitute_user])  # before the lock
        answered = self.envelope.submit(
            ix, ack, lambda: self.save_afbud(ix, known, substitute_user), lambda _: "reason"
        )
        if answered is None:
            return
        meeting_id, text = answered
        self.after_answer(meeting_id, ix.user_id, bool(ix.metadata.get("home")), client)
        self.envelope.after(ix, lambda: self.envelope.answer(ix, text))

    def save_afbud(
        self, ix: Interaction, known: KnownUsers, substitute_user: str | None
    ) -> tuple[int, str]:
        """Record the afbud the modal holds; return the meeting's id and the answer."""
        return self.record(
            ix,
            known,
            ix.metadata.get("meeting_id"),
            AttendanceStatus.AFBUD,
            reason=ix.text("reason", "reason") or None,
            substitute_user=substitute_user,
            substitute_name=ix.text("substitute_name", "substitute_name") or None,
        )

    # ------------------------------------------------------------------ Home

    def home_section(self, services: Services, user_id: str) -> list[dict[str, Any]]:
        """The person's next meetings and answers on App Home."""
        with services.uow() as session:
            return home_blocks(session, services.settings, user_id, services.now())


def register(app: App, services: Services, router: Router) -> None:
    """Register the afbud command, sentences and questions, the buttons, modal and Home."""
    AttendanceListeners(app, services, router).register()


def register_jobs(jobs: JobRegistry) -> None:
    """Register the announcement, reminder, list and DM jobs, and the planner."""
    jobs.job(ANNOUNCE, run_announce)
    jobs.job(ICS, run_ics)
    jobs.job(REMIND, run_remind)
    jobs.job(LIST, run_list)
    jobs.job(DM, run_dm)
    jobs.planner(plan_attendance_work)


def _meeting_id(value: Any) -> int:
    try:
        return int(str(value))
    except ValueError:
        raise UserError("attendance.no_such_meeting") from None
