"""The approval of the minutes on Slack: `referat`, `status`, reactions, replies, buttons."""

from __future__ import annotations

import json
import logging
from typing import Any

from slack_bolt import Ack, App

from bot.approval import (
    AWAIT_FILE,
    AWAIT_WINDOW,
    DEADLINE,
    JOB_READERS,
    MAX_FILE_BYTES,
    OFFER,
    QUESTION_NO,
    QUESTION_YES,
    REMIND,
    SEND,
    HandledResult,
    PostResult,
    UploadedFile,
    answer_question,
    awaited_file,
    check_file,
    expect_file,
    handle_objections,
    home_blocks,
    in_approval_thread,
    objection_for_handling,
    post_draft,
    post_minutes_file,
    read_removal,
    record_reaction,
    record_reply,
    record_reply_change,
    run_await_expiry,
    run_deadline,
    run_offer,
    run_remind,
    run_send,
    status_for,
)
from bot.context import resolve
from bot.domain.approval import OBJECTION_WORDS
from bot.domain.permissions import Action
from bot.errors import StaleReference, UserError
from bot.i18n import t
from bot.minutes_render import (
    HANDLE_ACTION,
    HANDLE_VIEW,
    SHOW_ITEM_ACTION,
    handle_modal,
    read_item_value,
)
from bot.outside import resolve_links
from bot.paths import HANDLED_WORDS
from bot.ports import Message
from bot.render import slack_date
from bot.router import (
    AlreadyProcessed,
    MessageEvent,
    ReactionEvent,
    Reply,
    Request,
    Router,
    normalise_word,
)
from bot.scheduler import JobRegistry, with_read
from bot.services import Services
from bot.usecases import approval as uc
from bot.usecases.events import claim_in
from handlers.interactions import Interaction, TopicListeners

log = logging.getLogger(__name__)

DRAFT_WORDS = frozenset({"udkast", "draft"})
#: "indsigelse: …" addressed to the bot; before the archive question and the afbud forms.
OBJECTION_PATTERN = r"[*_~]*(?:" + "|".join(OBJECTION_WORDS) + r")[*_~]*(?![\wæøå])"
OBJECTION_PRIORITY = 15


def _posted_text(result: PostResult, lang: str) -> str:
    return t(
        "approval.posted" if result.version == 1 else "approval.posted_revision",
        lang,
        version=result.version,
        date=result.meeting_label,
        deadline=slack_date(result.deadline, result.tz),
        changes=result.changes,
    )


def _file_of(files: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the one file of a request, refusing several (one version is one file)."""
    if len(files) > 1:
        raise UserError("approval.one_file")
    file = files[0]
    check_file(str(file.get("name") or ""), int(file.get("size") or 0))
    return file


def _download(services: Services, file: dict[str, Any]) -> UploadedFile:
    name, content = services.directory.download(str(file["id"]), MAX_FILE_BYTES)
    return UploadedFile(
        file_id=str(file["id"]),
        name=str(file.get("name") or name),
        content=content,
        permalink=file.get("permalink"),
    )


def take_thread_mention(services: Services, request: Request, text: str | None = None) -> bool:
    """Read a mention written in an approval thread as a reply there; False if it is not.

    "@referent godkendt" in the thread of the minutes is the same answer as "godkendt"
    without the mention; a router calls this before reading the mention any other way.
    """
    if request.in_dm or not request.thread_ts or not request.ts:
        return False
    event = MessageEvent(
        channel_id=request.channel_id,
        user_id=request.user_id,
        text=request.text if text is None else text,
        ts=request.ts,
        thread_ts=request.thread_ts,
        event_key=request.event_key,
    )
    with services.uow() as session:
        if not in_approval_thread(session, request.channel_id, request.thread_ts):
            return False
        taken = record_reply(session, services, event, services.now())
    request.claimed = request.claimed or taken
    return taken


class ApprovalListeners(TopicListeners):
    """Bolt listeners and router handlers of minutes approval, one method per surface."""

    def register(self) -> None:
        """Register `referat` and `status`, the reaction and reply listeners, buttons and Home."""
        self.router.command("minutes", ["referat", "minutes"], self.on_minutes)
        self.router.command("status", ["status"], self.on_status)
        self.router.pattern(OBJECTION_PATTERN, self.on_objection, priority=OBJECTION_PRIORITY)
        self.router.on_reaction(self.on_reaction)
        self.router.on_message(self.on_message)
        self.app.action(SHOW_ITEM_ACTION)(self.on_show_item)
        self.app.action(HANDLE_ACTION)(self.on_handle)
        self.app.view(HANDLE_VIEW)(self.on_handle_submit)
        self.app.action(QUESTION_YES)(self.on_question)
        self.app.action(QUESTION_NO)(self.on_question)
        self.router.home_section(self.home_section, order=40)

    def on_minutes(self, services: Services, request: Request, args: str) -> Reply:
        head, _, rest = args.strip().partition(" ")
        if normalise_word(head) in HANDLED_WORDS:
            return self.on_handled(services, request, rest)
        words = args.split()
        draft = any(normalise_word(w) in DRAFT_WORDS for w in words)
        when_text = " ".join(w for w in words if normalise_word(w) not in DRAFT_WORDS) or None
        if request.in_dm:
            raise UserError("approval.in_channel")
        now = services.now()
        with services.uow() as session:
            ctx = resolve(session, services.settings, request)
            ctx.require(Action.POST_MINUTES)
        if draft or request.files:
            upload = None if draft else _download(services, _file_of(request.files))
            with services.uow() as session:
                request.claim(session, now)
                ctx = resolve(session, services.settings, request)
                group, actor = ctx.require_group(), ctx.require(Action.POST_MINUTES)
                if upload is None:
                    result = post_draft(
                        session, services, group=group, actor=actor, when_text=when_text, now=now
                    )
                else:
                    result = post_minutes_file(
                        session,
                        services,
                        group=group,
                        actor=actor,
                        upload=upload,
                        when_text=when_text,
                        now=now,
                    )
                lang = ctx.lang
            return Reply(Message(_posted_text(result, lang)), ephemeral=True)
        with services.uow() as session:
            request.claim(session, now)
            ctx = resolve(session, services.settings, request)
            expect_file(
                session,
                group=ctx.require_group(),
                user=request.user_id,
                when_text=when_text,
                now=now,
            )
            text = t("approval.awaiting", ctx.lang, minutes=int(AWAIT_WINDOW.total_seconds() // 60))
        return Reply(Message(text), ephemeral=True)

    def on_handled(self, services: Services, request: Request, note: str) -> Reply:
        now = services.now()
        with services.uow() as session:
            request.claim(session, now)
            ctx = resolve(session, services.settings, request)
            result = handle_objections(
                session,
                services,
                group=ctx.require_group(),
                user_id=request.user_id,
                note=note,
                now=now,
            )
            key = "approval.handled_done_approved" if result.approved else "approval.handled_done"
            text = t(key, ctx.lang, count=result.count)
        return Reply(Message(text), ephemeral=True)

    def on_status(self, services: Services, request: Request, args: str) -> Reply:
        now = services.now()
        with services.uow() as session:
            ctx = resolve(session, services.settings, request)
            message = status_for(
                session, services, ctx.require_group(), args or None, now, ctx.lang
            )
        # The round's link is read from Slack now that the transaction is over.
        message = resolve_links(message, services.notifier.permalink)
        return Reply(message, ephemeral=request.source == "slash")

    def on_objection(self, services: Services, request: Request, args: str) -> Reply | None:
        # "@referent indsigelse: …" written in the request's thread arrives as a mention,
        # not as a thread reply; it is the same objection.
        if not take_thread_mention(services, request, args):
            raise UserError("approval.objection_where")
        return None

    # ---------------------------------------------------------------- listeners

    def on_reaction(self, services: Services, event: ReactionEvent) -> bool:
        # What is left after a removal is read from Slack before the transaction.
        read = None if event.added else read_removal(services, event.channel_id, event.ts)
        with services.uow() as session, with_read(read):
            return record_reaction(session, services, event, services.now())

    def on_message(self, services: Services, event: MessageEvent) -> bool:
        if event.channel_type == "im" or event.channel_id.startswith("D"):
            return False
        now = services.now()
        if event.subtype in ("message_changed", "message_deleted"):
            with services.uow() as session:
                return record_reply_change(session, services, event, now)
        if (
            event.subtype == "file_share"
            and event.files
            and event.user_id
            and self.take_awaited_file(services, event)
        ):
            return True
        if event.subtype in (None, "thread_broadcast", "file_share"):
            with services.uow() as session:
                return record_reply(session, services, event, now)
        return False

    def take_awaited_file(self, services: Services, event: MessageEvent) -> bool:
        """Take a file shared after `/referent referat` as the minutes it announced."""
        now = services.now()
        user = event.user_id or ""
        with services.uow() as session:
            row = awaited_file(session, event.channel_id, user, now)
            if row is None:
                return False
            when_text = (row.payload or {}).get("when")
            lang = uc.channel_language(session, services.settings, event.channel_id, user)
        try:
            upload = _download(services, _file_of(event.files))
            with services.uow() as session:
                if event.event_key and not claim_in(session, event.event_key, "minutes_file", now):
                    raise AlreadyProcessed(event.event_key)
                ctx = resolve(
                    session,
                    services.settings,
                    Request(channel_id=event.channel_id, user_id=user, text="", source="mention"),
                )
                result = post_minutes_file(
                    session,
                    services,
                    group=ctx.require_group(),
                    actor=ctx.require(Action.POST_MINUTES),
                    upload=upload,
                    when_text=when_text,
                    now=now,
                )
                lang = ctx.lang
            services.notifier.ephemeral(event.channel_id, user, Message(_posted_text(result, lang)))
        except UserError as exc:
            services.notifier.ephemeral(event.channel_id, user, Message(exc.render(lang)))
        return True

    # ---------------------------------------------------------------- buttons and modal

    def on_show_item(self, ack: Ack, body: dict[str, Any]) -> None:
        """Show one item of the minutes in full, privately (the "show whole item" button)."""
        ack()
        ix = Interaction.parse(body)

        def work() -> None:
            parsed = read_item_value(ix.value)
            if parsed is None:
                raise StaleReference("round")
            lang = self.envelope.language(ix)
            with self.services.uow() as session:
                message = uc.item_for_member(session, parsed[0], parsed[1], ix.user_id, lang)
            self.envelope.show(ix, message)

        self.envelope.run(ix, work, once=True)

    def on_handle(self, ack: Ack, body: dict[str, Any], client: Any) -> None:
        """Open the modal to mark an objection handled."""
        ack()
        ix = Interaction.parse(body)

        def work() -> None:
            if ix.int_value is None:
                raise StaleReference("objection")
            with self.services.uow() as session:
                line, lang = objection_for_handling(
                    session, self.services.settings, ix.int_value, ix.user_id
                )
            metadata = json.dumps(
                {
                    "objection_id": ix.int_value,
                    "channel": ix.channel_id or None,
                    "message_ts": ix.message_ts,
                }
            )
            client.views_open(trigger_id=ix.trigger_id, view=handle_modal(line, lang, metadata))

        self.envelope.run(ix, work, once=True)

    def on_handle_submit(self, ack: Ack, body: dict[str, Any]) -> None:
        """Mark an objection handled with the note the modal holds; settle the round."""
        ix = Interaction.parse(body)
        result = self.envelope.submit(ix, ack, lambda: self.save_handled(ix), lambda _: "note")
        if result is None:
            return
        lang = self.envelope.language(ix)
        key = "approval.handled_done_approved" if result.approved else "approval.handled_done"
        text = t(key, lang, count=result.count)
        channel, message_ts = ix.metadata.get("channel"), ix.metadata.get("message_ts")
        if channel and message_ts:
            # The DM's button has done its work: replace the message with the outcome.
            try:
                self.services.notifier.update(str(channel), str(message_ts), Message(text))
                return
            except Exception:
                log.exception("approval: could not update the objection DM")
        self.envelope.answer(ix, text)

    def save_handled(self, ix: Interaction) -> HandledResult:
        """Store the handling of the objection the modal names."""
        request, now = ix.request(), self.services.now()
        with self.services.uow() as session:
            request.claim(session, now)
            return handle_objections(
                session,
                self.services,
                group=None,
                user_id=ix.user_id,
                note=ix.text("note"),
                now=now,
                objection_id=ix.meta_int("objection_id") or 0,
            )

    def on_question(self, ack: Ack, body: dict[str, Any]) -> None:
        """Answer "Er det en indsigelse til referatet?" with [Ja] or [Nej]."""
        ack()
        ix = Interaction.parse(body)
        objection = ix.action_id == QUESTION_YES

        def work() -> None:
            if ix.int_value is None:
                raise StaleReference("question")
            with self.services.uow() as session:
                answer = answer_question(
                    session, self.services, ix.int_value, ix.user_id, objection, self.services.now()
                )
            # The question has done its work: replace it with the outcome.
            self.envelope.replace(ix, Message(t(answer.key, answer.lang)))

        self.envelope.run(ix, work)

    def home_section(self, services: Services, user_id: str) -> list[dict[str, Any]]:
        with services.uow() as session:
            return home_blocks(session, services.settings, user_id)


def register(app: App, services: Services, router: Router) -> None:
    """Register `referat` and `status`, the reaction and reply listeners, buttons and Home."""
    ApprovalListeners(app, services, router).register()


def register_jobs(jobs: JobRegistry) -> None:
    """Register the round's timed work: deadlines, reminders, messages, task offers."""
    jobs.job(DEADLINE, run_deadline)
    jobs.job(REMIND, run_remind)
    jobs.job(SEND, run_send)
    jobs.job(OFFER, run_offer)
    jobs.job(AWAIT_FILE, run_await_expiry)
    for kind, reader in JOB_READERS.items():
        jobs.reader(kind, reader)
