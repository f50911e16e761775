"""Free text on Slack: read it, act when sure, confirm when not, offer choices when lost."""

from __future__ import annotations

import json
import logging
import re
import uuid
from typing import Any

from slack_bolt import Ack, App

from bot.dates import DEFAULT_TZ
from bot.errors import StaleReference, UserError
from bot.i18n import t
from bot.interpret import Plan, choices_for, meeting_of_thread, plan_for
from bot.ports import Message
from bot.render import actions_block, button, escape, section_block
from bot.router import Handler, MessageEvent, Reply, Request, Router
from bot.services import Services
from bot.understanding import Intent, Reading, read
from bot.understanding.reader import STATE_CHANGES
from handlers.approval import take_thread_mention
from handlers.dispatch import handle_request
from handlers.interactions import Envelope, Interaction, parse_metadata

log = logging.getLogger(__name__)

CHOICE_ACTION = re.compile(r"^understand_choice_\d+$")
#: Free-text forms ranked above this (lower numbers) are read by their own grammar first.
PRECISE_FIRST = 20

#: Readings that answer without changing anything; they need no confirmation.
_READ_ONLY = frozenset({Intent.HELP, Intent.THANKS, Intent.ATTENDANCE_QUESTION, Intent.QUESTION})


def _adds_to_afbud(reading: Reading) -> bool:
    """Tell whether the reader knows more than ``afbud [@person] [date] [reason]`` reads."""
    named = reading.person is not None and not reading.person.startswith(("@", "<@"))
    by_month = reading.meeting is not None and reading.meeting.kind in ("month", "thread")
    return named or by_month


def choice_blocks(header: str, plans: list[Plan], key: str) -> list[dict[str, Any]]:
    """Return the "did you mean" blocks: a line of text and one button per choice."""
    elements = [
        button(
            plan.label,
            f"understand_choice_{index}",
            json.dumps({"h": plan.handler, "a": plan.args, "k": key}, ensure_ascii=False),
            style="primary" if index == 0 and plan.handler not in ("ask", "help") else None,
        )
        for index, plan in enumerate(plans)
    ]
    return [section_block(header), actions_block(elements, block_id="understand_choices")]


class UnderstandingListeners:
    """The reader's hooks into the router, its choice buttons and the notice threads."""

    def __init__(self, app: App, services: Services, router: Router) -> None:
        self.app = app
        self.services = services
        self.router = router
        self.envelope = Envelope(services)

    def register(self) -> None:
        """Hook the reader into the router, answer its choice buttons, read notice threads."""
        self.router.reader(self.reader)
        self.router.on_message(self.on_thread_reply)
        self.app.action(CHOICE_ACTION)(self.on_choice)

    def where_of(self, request: Request) -> Any:
        """Return where a request was written, as the reader names it."""
        return request.source if request.source in ("slash", "mention", "dm") else "mention"

    def reader(self, request: Request, command: str | None) -> tuple[Handler, str] | None:
        """Offer the router a reading of free text, or None to leave it to the precise grammar."""
        services = self.services
        priority = self.router.pattern_priority(request.text)
        if priority is not None and priority < PRECISE_FIRST:
            # "indsigelse: …" and other forms that rank above every free-text reading.
            return None
        if request.thread_ts and self.in_approval_thread(request):
            # "@referent godkendt" in a minutes-approval thread is a reply to the round,
            # read by the approval round's own reader, never an archive question.
            return self.take_approval_reply, request.text
        reading = read(
            request.text,
            where=self.where_of(request),
            now=services.now(),
            tz=services.settings.referent_timezone or DEFAULT_TZ,
            in_thread=bool(request.thread_ts and request.thread_ts != request.ts),
        )
        if command is not None:
            # The command words are the precise path; the reader only adds what they lack:
            # "afbud til mødet i januar" (a month, a thread) and "opgave 2 er klaret".
            single_line = "\n" not in request.text.strip() and "http" not in request.text
            takes = (
                (
                    command == "absent"
                    and reading.intent is Intent.AFBUD
                    and reading.confident
                    and reading.bad_date is None
                    and _adds_to_afbud(reading)
                )
                or (
                    # "punkt til næste møde: X" – the framing words must not end in the title.
                    command in ("propose", "agenda")
                    and reading.intent is Intent.PROPOSE
                    and reading.confident
                    and single_line
                )
                or (
                    command == "task"
                    and reading.intent is Intent.TASK_DONE
                    and reading.task_number is not None
                )
            )
            if not takes:
                return None
        elif (
            not reading.confident or reading.intent in (Intent.UNKNOWN, Intent.QUESTION)
        ) and self.router.matches_pattern(request.text):
            # A sentence of the precise grammar ("kommer Pia?") the reader was unsure of.
            return None

        def handle(services: Services, request: Request, args: str) -> Reply | None:
            return self.act(request, reading)

        return handle, request.text

    def take_approval_reply(self, services: Services, request: Request, args: str) -> Reply | None:
        """Hand a mention in a minutes-approval thread to the approval round."""
        take_thread_mention(services, request)
        return None

    def in_approval_thread(self, request: Request) -> bool:
        """Tell whether a request was written in a minutes-approval thread."""
        services = self.services
        from bot.approval import minutes_by_message

        with services.uow() as session:
            found = minutes_by_message(session, request.channel_id, str(request.thread_ts))
            return found is not None

    def run(self, request: Request, handler_name: str, args: str) -> Reply | None:
        """Run a router handler by name, as if the person had used its command."""
        services = self.services
        handler = self.router.handler(handler_name)
        if handler is None:
            raise LookupError(f"no handler named {handler_name!r}")
        return handler(services, request, args)

    def act(self, request: Request, reading: Reading) -> Reply | None:
        """Act on a reading: run its plan, or offer choices when it is unsure."""
        services = self.services
        now = services.now()
        intent = reading.intent
        if intent is Intent.CHAT:
            return None
        if reading.bad_date is not None:
            # The precise grammar quotes the date it could not read and gives an example.
            if intent is Intent.AFBUD:
                return self.run(request, "absent", request.text)
            if intent is Intent.ATTEND:
                return self.run(request, "attend", request.text)
            raise UserError("meetings.date.unreadable", fragment=escape(reading.bad_date))
        if intent is Intent.HELP:
            return self.run(request, "help", "")
        if intent is Intent.QUESTION:
            return self.run(request, "ask", request.text)
        with services.uow() as session:
            if intent is Intent.THANKS:
                from bot.context import resolve

                lang = resolve(session, services.settings, request).lang
                return Reply(Message(t("understanding.thanks", lang)), ephemeral=True)
            if intent is Intent.TASK_DONE and reading.task_number is None:
                raise UserError("understanding.which_task")
            if intent is Intent.UNKNOWN or (intent in STATE_CHANGES and not reading.confident):
                header, plans = choices_for(session, services.settings, request, reading, now)
                key = request.event_key or f"slash:{request.user_id}:{uuid.uuid4().hex[:16]}"
                blocks = choice_blocks(header, plans, key)
                return Reply(Message(header, blocks=blocks), ephemeral=True)
            plan = plan_for(session, services.settings, request, reading, now)
        return self.run(request, plan.handler, plan.args)

    def on_choice(self, ack: Ack, body: dict[str, Any]) -> None:
        """A choice button under an unsure reading: run the chosen plan.

        The one key scheme, widened on purpose: a choice that changes something is
        claimed under its message's choice key (``choice:{k}``), which every delivery of
        every button of that message shares, so the first choice happens once and a retry,
        a second click or another choice does nothing; a read-only choice (it writes nothing
        to claim with) is claimed first under the delivery's own :attr:`Interaction.key`,
        so only Slack's retry is dropped.
        """
        ack()
        ix = Interaction.parse(body)
        value = parse_metadata(ix.value)
        handler_name, args = str(value.get("h") or ""), str(value.get("a") or "")

        changes = handler_name not in ("ask", "help", "attendance_question")

        def work() -> None:
            if not handler_name or self.router.handler(handler_name) is None:
                raise StaleReference("choice")  # a button from before an upgrade
            request = Request(
                channel_id=ix.channel_id,
                user_id=ix.user_id,
                text=args,
                source="shortcut",
                team_id=ix.team_id or None,
                event_key=f"choice:{value.get('k')}" if changes else None,
                channel_type="im" if ix.channel_id.startswith("D") else None,
            )
            reply = self.run(request, handler_name, args)
            if reply is not None:
                self.envelope.show(ix, reply.message)

        self.envelope.run(ix, work, once=not changes)

    def on_thread_reply(self, services: Services, event: MessageEvent) -> bool:
        """Read a reply in a meeting notice's thread: an afbud there needs no mention."""
        if event.subtype not in (None, "thread_broadcast") or not event.user_id:
            return False
        if not event.thread_ts or event.thread_ts == event.ts or event.channel_type == "im":
            return False
        reading = read(
            event.text,
            where="notice_thread",
            now=services.now(),
            tz=services.settings.referent_timezone or DEFAULT_TZ,
            in_thread=True,
        )
        if reading.intent not in (Intent.AFBUD, Intent.ATTEND):
            return False
        with services.uow() as session:
            if meeting_of_thread(session, event.channel_id, event.thread_ts) is None:
                return False
        request = Request(
            channel_id=event.channel_id,
            user_id=event.user_id,
            text=event.text,
            source="mention",
            ts=event.ts,
            thread_ts=event.thread_ts,
            event_key=f"msg:{event.channel_id}:{event.ts}",
            channel_type=event.channel_type,
        )

        def deliver(reply: Reply) -> None:
            services.notifier.ephemeral(
                request.channel_id, request.user_id, reply.message, thread_ts=request.thread_ts
            )

        handle_request(services, self.router, request, deliver)
        return True


def register(app: App, services: Services, router: Router) -> None:
    """Hook the reader into the router, answer its choice buttons, read notice threads."""
    UnderstandingListeners(app, services, router).register()
