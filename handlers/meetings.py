"""Meetings and the agenda on Slack: commands, shortcuts, modals, buttons, edits and Home."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from slack_bolt import Ack, App
from slack_sdk.webhook import WebhookClient
from sqlalchemy.orm import Session

from bot import agenda as agenda_uc
from bot import meetings as meetings_uc
from bot.context import Context, resolve, user_language
from bot.domain import agenda as rules
from bot.domain.agenda import Agenda, AttachmentRef
from bot.domain.enums import ItemKind, ItemStatus
from bot.domain.permissions import Action
from bot.errors import StaleReference, UserError
from bot.i18n import t
from bot.notice import export_agenda
from bot.paths import AGENDA_VERBS, MEETING_VERBS
from bot.ports import Message
from bot.render import (
    actions_block,
    button,
    context_block,
    escape,
    header_block,
    section_block,
    shorten,
)
from bot.router import AlreadyProcessed, MessageEvent, Reply, Request, Router
from bot.services import Services
from bot.usecases import meetings as uc
from bot.usecases.events import claim_in
from handlers.home import publish_home
from handlers.interactions import (
    Interaction,
    TopicListeners,
    as_int,
    trusted_response_url,
)
from handlers.meeting_views import (
    KIND_MODAL,
    KIND_WORDS,
    KINDS,
    MEETING_MODAL,
    POSTPONE_MODAL,
    PROPOSAL_EDIT_MODAL,
    PROPOSAL_MODAL,
    PROPOSE_GLOBAL,
    PROPOSE_SHORTCUT,
    REJECT_MODAL,
    kind_modal,
    meeting_modal,
    meeting_options,
    notice_modal,
    option,
    postpone_modal,
    proposal_modal,
    reject_modal,
)
from handlers.messages import strip_mention

if TYPE_CHECKING:
    from storage.models import AgendaItem, Group, Meeting

log = logging.getLogger(__name__)

# ---------------------------------------------------------------------------------------
# Parsing command text
# ---------------------------------------------------------------------------------------


def split_agenda_args(args: str) -> tuple[str, str | None, str]:
    """Split "dagsorden [dato] [verb args]" into (date text, verb, verb args)."""
    words = args.split()
    for index, word in enumerate(words):
        verb = AGENDA_VERBS.get(word.casefold().rstrip(":"))
        if verb is not None:
            return " ".join(words[:index]), verb, " ".join(words[index + 1 :])
    return " ".join(words), None, ""


def read_kind(word: str) -> ItemKind:
    """Read a kind word (beslutning, drøftelse, orientering; English too)."""
    cleaned = word.casefold().strip("() ").removeprefix("til ").removeprefix("for ")
    for known, kind in KIND_WORDS.items():
        if cleaned.startswith(known):
            return kind
    raise UserError("agenda.kind_usage")


# ---------------------------------------------------------------------------------------
# Registration
# ---------------------------------------------------------------------------------------


class MeetingListeners(TopicListeners):
    """Bolt listeners and router handlers of meetings and the agenda, one method per surface."""

    def register(self) -> None:
        """Register the commands, shortcuts, modals, buttons, listeners and the Home section."""
        self.router.command("meeting", ["møde", "moede", "meeting"], self.on_meeting)
        self.app.view(MEETING_MODAL)(self.on_meeting_modal)
        self.app.action("meeting_new")(self.on_meeting_new)
        self.app.action("meeting_edit")(self.on_meeting_edit)
        self.app.action("meeting_cancel")(self.on_meeting_cancel)
        self.app.action("meeting_ics")(self.on_meeting_ics)
        self.app.action("meeting_ics_all")(self.on_meeting_ics_all)
        self.router.command("propose", ["punkt", "propose"], self.on_propose)
        self.app.shortcut(PROPOSE_SHORTCUT)(self.on_propose_shortcut)
        self.app.shortcut(PROPOSE_GLOBAL)(self.on_propose_global)
        self.app.action("proposal_open")(self.on_proposal_open)
        self.app.view(PROPOSAL_MODAL)(self.on_proposal_modal)
        self.app.action("proposal_edit")(self.on_proposal_edit)
        self.app.view(PROPOSAL_EDIT_MODAL)(self.on_proposal_edit_modal)
        self.app.action("proposal_withdraw")(self.on_proposal_withdraw)
        self.app.action("proposal_hint")(self.on_proposal_hint)
        self.router.on_message(self.on_message_event)
        self.router.command("agenda", ["dagsorden", "agenda"], self.on_agenda)
        self.app.action("agenda_entry")(self.on_agenda_entry)
        self.app.action("agenda_accept")(self.on_agenda_accept)
        self.app.action("agenda_reject")(self.on_agenda_reject)
        self.app.action("agenda_postpone")(self.on_agenda_postpone)
        self.app.action("agenda_kind")(self.on_agenda_kind)
        self.app.view(REJECT_MODAL)(self.on_reject_modal)
        self.app.view(POSTPONE_MODAL)(self.on_postpone_modal)
        self.app.view(KIND_MODAL)(self.on_kind_modal)
        self.app.action("agenda_publish")(self.on_agenda_publish)
        self.app.action(re.compile(r"^agenda_export(_docx|_md)?$"))(self.on_agenda_export)
        self.router.home_section(self.home_section, order=30)

    def open_view(self, trigger_id: str | None, view: dict[str, Any]) -> bool:
        if not trigger_id:
            return False
        self.app.client.views_open(trigger_id=trigger_id, view=view)
        return True

    def officer(self, session: Session, request: Request) -> tuple[Context, Group]:
        """Return the context and group of a request by someone who manages meetings."""
        ctx = resolve(session, self.settings, request)
        group = ctx.require_group()
        ctx.require(Action.MANAGE_MEETINGS)
        return ctx, group

    def ctx_for_group(self, session: Session, group: Group, user_id: str) -> Context:
        return agenda_uc.actor_context(session, self.settings, group, user_id)

    # ---------------------------------------------------------------- meetings: commands

    def on_meeting(self, services: Services, request: Request, args: str) -> Reply | None:
        word, _, rest = args.strip().partition(" ")
        verb = MEETING_VERBS.get(word.casefold().rstrip(":")) if word else "new"
        if verb is None:
            return self.create_from_text(request, args)
        if verb == "new":
            if request.trigger_id:
                with services.uow() as session:
                    ctx, group = self.officer(session, request)
                    view = meeting_modal(ctx.lang, group)
                self.open_view(request.trigger_id, view)
                return None
            return self.list_meetings(request)
        if verb == "list":
            return self.list_meetings(request)
        if verb == "calendar":
            return self.calendar_from_text(request, rest)
        if verb == "move":
            return self.move_from_text(request, rest)
        if verb == "cancel":
            return self.cancel_from_text(request, rest)
        return self.ics_to_requester(request)

    def create_from_text(self, request: Request, text: str) -> Reply:
        now = self.services.now()
        with self.services.uow() as session:
            ctx, group = self.officer(session, request)
            when, location = meetings_uc.parse_meeting_text(text, now, group.timezone)
            request.claim(session, now)
            meeting = meetings_uc.create_meeting(
                session, group, when, location, now, actor=request.user_id
            )
            meeting_id = meeting.id
            reply = t(
                "meetings.done.created",
                ctx.lang,
                when=meetings_uc.where_text(meeting, group, ctx.lang),
            )
        meetings_uc.announce(self.services, meeting_id)
        return Reply(Message(reply), ephemeral=True)

    def calendar_from_text(self, request: Request, text: str) -> Reply:
        now = self.services.now()
        with self.services.uow() as session:
            ctx, group = self.officer(session, request)
            request.claim(session, now)
            result = meetings_uc.create_calendar(session, group, text, now, actor=request.user_id)
            ids = [m.id for m in result.created]
            group_id = group.id
            reply = t("meetings.done.calendar", ctx.lang, count=len(result.created))
            if result.skipped:
                skipped = t("meetings.done.calendar_skipped", ctx.lang, count=len(result.skipped))
                reply = f"{reply} {skipped}"
        meetings_uc.announce_calendar(self.services, group_id, ids, result)
        return Reply(Message(reply), ephemeral=True)

    def move_from_text(self, request: Request, text: str) -> Reply:
        now = self.services.now()
        with self.services.uow() as session:
            ctx, group = self.officer(session, request)
            old_text, new_text = meetings_uc.read_move(text, now, group.timezone)
            meeting = meetings_uc.resolve_meeting(session, group, old_text, now)
            when, location = meetings_uc.parse_meeting_text(new_text, now, group.timezone)
            request.claim(session, now)
            meetings_uc.move_meeting(
                session, group, meeting, when, location, now, actor=request.user_id
            )
            meeting_id = meeting.id
            reply = t(
                "meetings.done.moved",
                ctx.lang,
                when=meetings_uc.where_text(meeting, group, ctx.lang),
            )
        meetings_uc.announce(self.services, meeting_id)
        return Reply(Message(reply), ephemeral=True)

    def cancel_from_text(self, request: Request, text: str) -> Reply:
        now = self.services.now()
        with self.services.uow() as session:
            ctx, group = self.officer(session, request)
            if not text.strip():
                raise UserError("meetings.cancel_usage")
            meeting = meetings_uc.resolve_meeting(session, group, text, now)
            request.claim(session, now)
            result = meetings_uc.cancel_meeting(session, group, meeting, now, actor=request.user_id)
            reply = self.cancel_text(result, group, ctx.lang)
            meeting_id = meeting.id
        meetings_uc.announce(self.services, meeting_id)
        return Reply(Message(reply), ephemeral=True)

    def cancel_text(self, result: meetings_uc.CancelResult, group: Group, lang: str) -> str:
        text = t(
            "meetings.done.cancelled",
            lang,
            when=meetings_uc.meeting_label(result.meeting, lang, tz=group.timezone),
        )
        if result.moved and result.to is not None:
            text += " " + t(
                "meetings.done.items_moved",
                lang,
                count=result.moved,
                when=meetings_uc.meeting_label(result.to, lang, tz=group.timezone),
            )
        return text

    def list_meetings(self, request: Request) -> Reply:
        now = self.services.now()
        with self.services.uow() as session:
            ctx = resolve(session, self.settings, request)
            group = ctx.require_group()
            ctx.require(Action.ASK)  # places and times are for the group's own people
            officer = ctx.may(Action.MANAGE_MEETINGS)
            message = meetings_uc.list_message(session, group, now, ctx.lang, officer=officer)
        return Reply(message, ephemeral=True)

    def ics_to_requester(self, request: Request) -> Reply:
        with self.services.uow() as session:
            ctx = resolve(session, self.settings, request)
            group = ctx.require_group()
            ctx.require(Action.ASK)
            group_id = group.id
        self.send_group_ics(request.user_id, group_id)
        return Reply(Message(t("meetings.done.ics_sent", ctx.lang)), ephemeral=True)

    def send_group_ics(self, user_id: str, group_id: int, meeting_id: int | None = None) -> None:
        """DM a person one meeting's (or all of a group's) calendar file."""
        with self.services.uow() as session:
            found = uc.ics_for(session, self.settings, user_id, group_id, meeting_id)
        self.dm_file(user_id, found)

    def dm_file(self, user_id: str, found: uc.IcsFile) -> None:
        """DM a calendar file with its words."""
        posted = self.services.notifier.dm(user_id, Message(found.text))
        self.services.notifier.upload(posted.channel, found.filename, found.content, thread_ts=None)

    # ---------------------------------------------------------------- meetings: UI

    def on_meeting_modal(self, ack: Ack, body: dict[str, Any]) -> None:
        """Create a meeting, or move one, from the meeting modal."""
        ix = Interaction.parse(body)
        target = self.envelope.submit(ix, ack, lambda: self.save_meeting(ix), lambda _: "date")
        if target is not None:
            meetings_uc.announce(self.services, target)

    def save_meeting(self, ix: Interaction) -> int:
        """Create or move the meeting the modal describes; return its id."""
        request, now = ix.request(), self.services.now()
        day = ix.picked("date", "selected_date")
        start = ix.picked("start", "selected_time")
        end = ix.picked("end", "selected_time")
        location = ix.text("location") or None
        with self.services.uow() as session:
            found = uc.group_for(
                session, self.settings, ix.meta_int("group"), ix.user_id, Action.MANAGE_MEETINGS
            )
            group = found.group
            if not day:
                raise UserError("meetings.usage")
            text = day + (f" kl {start}" + (f"-{end}" if end else "") if start else "")
            when, _ = meetings_uc.parse_meeting_text(text, now, group.timezone)
            request.claim(session, now)
            meeting_id = ix.meta_int("meeting")
            if meeting_id is not None:
                meeting = uc.meeting_in_group(session, group, meeting_id)
                meetings_uc.move_meeting(
                    session, group, meeting, when, location, now, actor=ix.user_id
                )
            else:
                meeting = meetings_uc.create_meeting(
                    session, group, when, location, now, actor=ix.user_id
                )
            return meeting.id

    def on_meeting_new(self, ack: Ack, body: dict[str, Any]) -> None:
        """Open the modal for a new meeting (the button names the group)."""
        ack()
        ix = Interaction.parse(body)

        def work() -> None:
            with self.services.uow() as session:
                found = uc.group_for(
                    session, self.settings, ix.int_value, ix.user_id, Action.MANAGE_MEETINGS
                )
                view = meeting_modal(found.ctx.lang, found.group)
            self.open_view(ix.trigger_id, view)

        self.envelope.run(ix, work, once=True)

    def on_meeting_edit(self, ack: Ack, body: dict[str, Any]) -> None:
        """Open the modal to move a meeting (the button names the meeting)."""
        ack()
        ix = Interaction.parse(body)

        def work() -> None:
            with self.services.uow() as session:
                found = uc.meeting_for(
                    session, self.settings, ix.int_value, ix.user_id, Action.MANAGE_MEETINGS
                )
                view = meeting_modal(found.ctx.lang, found.group, found.meeting)
            self.open_view(ix.trigger_id, view)

        self.envelope.run(ix, work, once=True)

    def on_meeting_cancel(self, ack: Ack, body: dict[str, Any]) -> None:
        """Cancel a meeting from its button; its open items move to the next meeting."""
        ack()
        ix = Interaction.parse(body)

        def work() -> None:
            request, now = ix.request(), self.services.now()
            with self.services.uow() as session:
                found = uc.meeting_for(
                    session, self.settings, ix.int_value, ix.user_id, Action.MANAGE_MEETINGS
                )
                request.claim(session, now)
                result = meetings_uc.cancel_meeting(
                    session, found.group, found.meeting, now, actor=ix.user_id
                )
                text = self.cancel_text(result, found.group, found.ctx.lang)
                meeting_id = found.meeting.id
            meetings_uc.announce(self.services, meeting_id)
            self.envelope.answer(ix, text)

        self.envelope.run(ix, work)

    def on_meeting_ics(self, ack: Ack, body: dict[str, Any]) -> None:
        """DM the clicked meeting's calendar file."""
        ack()
        ix = Interaction.parse(body)

        def work() -> None:
            with self.services.uow() as session:
                found = uc.meeting_ics_for(session, self.settings, ix.user_id, ix.int_value)
            self.dm_file(ix.user_id, found)

        self.envelope.run(ix, work, once=True)

    def on_meeting_ics_all(self, ack: Ack, body: dict[str, Any]) -> None:
        """DM the calendar file of all the group's meetings."""
        ack()
        ix = Interaction.parse(body)
        self.envelope.run(ix, lambda: self.send_group_ics(ix.user_id, ix.int_value or 0), once=True)

    # ---------------------------------------------------------------- proposals

    def on_propose(self, services: Services, request: Request, args: str) -> Reply | None:
        now = services.now()
        if not args.strip():
            if request.trigger_id:
                with services.uow() as session:
                    ctx = resolve(session, self.settings, request)
                    group = ctx.require_group()
                    ctx.require(Action.PROPOSE)
                    view = self.proposal_view_for(
                        session, ctx, [group], now, {"via": agenda_uc.VIA_MODAL}
                    )
                self.open_view(request.trigger_id, view)
                return None
            raise UserError("proposal.usage")
        with services.uow() as session:
            ctx = resolve(session, self.settings, request)
            group = ctx.require_group()
            ctx.require(Action.PROPOSE)
            from_message = request.source in ("mention", "dm")
            data = agenda_uc.input_from_text(
                args,
                now,
                group.timezone,
                via=agenda_uc.VIA_MENTION if from_message else agenda_uc.VIA_SLASH,
                files=request.files,
                source_channel=request.channel_id if from_message else None,
                source_ts=request.ts if from_message else None,
            )
            request.claim(session, now)
            item = agenda_uc.propose(session, ctx, data, now)
            if request.in_dm and not from_message:
                where = {"channel": None, "thread_ts": None, "user": request.user_id}
            elif from_message:
                thread = None if request.in_dm else (request.thread_ts or request.ts)
                where = {"channel": request.channel_id, "thread_ts": thread, "user": None}
            else:
                where = {"channel": request.channel_id, "thread_ts": None, "user": None}
            confirmation = agenda_uc.confirmation_for(session, item, now, **where)
        agenda_uc.post_confirmation(services, confirmation)
        return None

    def proposal_view_for(
        self,
        session: Session,
        ctx: Context,
        groups: Sequence[Group],
        now: Any,
        meta: dict[str, Any],
        prefill: agenda_uc.ProposalInput | None = None,
    ) -> dict[str, Any]:
        options = meeting_options(session, groups, now, ctx.lang)
        if not options:
            names = ", ".join(g.name for g in groups) or "–"
            return notice_modal(ctx.lang, t("proposal.no_meetings", ctx.lang, groups=escape(names)))
        if prefill is None:
            return proposal_modal(
                ctx.lang, options, private_metadata=meta, meeting_id=meta.get("meeting")
            )
        return proposal_modal(
            ctx.lang,
            options,
            private_metadata=meta,
            title=prefill.title,
            kind=prefill.kind or ItemKind.DECISION,
            meeting_id=prefill.meeting_id or meta.get("meeting"),
            summary=prefill.summary or "",
            background=prefill.background or "",
            recommendation=prefill.recommendation or "",
            attachments=prefill.attachments,
        )

    def on_propose_shortcut(self, ack: Ack, body: dict[str, Any]) -> None:
        """Open the proposal modal prefilled from the message the shortcut was used on."""
        ack()
        ix = Interaction.parse(body)
        self.envelope.run(
            ix, lambda: self.open_view(ix.trigger_id, self.shortcut_view(ix)), once=True
        )

    def shortcut_view(self, ix: Interaction) -> dict[str, Any]:
        """Return the proposal modal for a message shortcut (or a notice without a group)."""
        message, now = ix.message, self.services.now()
        bot_id = self.services.directory.bot_user_id()  # read from Slack before the transaction
        with self.services.uow() as session:
            group, groups = uc.proposal_groups(session, ix.user_id, ix.channel_id)
            if not groups:
                lang = user_language(session, self.settings, ix.user_id)
                return notice_modal(lang, t("error.no_group", lang))
            ctx = self.ctx_for_group(session, groups[0], ix.user_id)
            prefill = self.prefill_from_message(session, groups[0], message, now, bot_id)
            meta = {
                "via": agenda_uc.VIA_SHORTCUT,
                "channel": ix.channel_id if group is not None else None,
                "ts": message.get("ts"),
                "thread_ts": message.get("thread_ts") or message.get("ts"),
                "meeting": prefill.meeting_id,
            }
            return self.proposal_view_for(session, ctx, groups, now, meta, prefill)

    def prefill_from_message(
        self, session: Session, group: Group, message: dict[str, Any], now: Any, bot_id: str | None
    ) -> agenda_uc.ProposalInput:
        text = strip_mention(str(message.get("text") or ""), bot_id)
        routed = self.router.route(text, slash=False)
        if routed is not None and routed[0] == self.on_propose:
            text = routed[1]
        try:
            data = agenda_uc.input_from_text(
                text,
                now,
                group.timezone,
                via=agenda_uc.VIA_SHORTCUT,
                files=message.get("files") or [],
            )
        except UserError:
            first, _, rest = text.strip().partition("\n")
            data = agenda_uc.ProposalInput(
                title=first, summary=rest or None, via=agenda_uc.VIA_SHORTCUT
            )
        if len(data.title) > agenda_uc.TITLE_LIMIT:
            data.summary = "\n".join(p for p in (data.title, data.summary) if p)
            data.title = shorten(data.title, 120)
        if data.meeting_ref:
            try:
                data.meeting_id = meetings_uc.resolve_meeting(
                    session, group, data.meeting_ref, now
                ).id
            except UserError:
                data.meeting_id = None
        return data

    def on_propose_global(self, ack: Ack, body: dict[str, Any]) -> None:
        """Open the empty proposal modal (the global shortcut)."""
        ack()
        ix = Interaction.parse(body)
        self.envelope.run(ix, lambda: self.open_proposal_modal(ix, None), once=True)

    def on_proposal_open(self, ack: Ack, body: dict[str, Any]) -> None:
        """Open the proposal modal for the meeting a button names."""
        ack()
        ix = Interaction.parse(body)
        self.envelope.run(ix, lambda: self.open_proposal_modal(ix, ix.int_value), once=True)

    def open_proposal_modal(self, ix: Interaction, meeting_id: int | None) -> None:
        """Open the proposal modal for the person's groups (narrowed to a meeting's group)."""
        now = self.services.now()
        with self.services.uow() as session:
            _, groups = uc.proposal_groups(session, ix.user_id, "", meeting_id)
            if not groups:
                lang = user_language(session, self.settings, ix.user_id)
                view = notice_modal(lang, t("error.no_group", lang))
            else:
                ctx = self.ctx_for_group(session, groups[0], ix.user_id)
                meta = {"via": agenda_uc.VIA_MODAL, "meeting": meeting_id}
                view = self.proposal_view_for(session, ctx, groups, now, meta)
        self.open_view(ix.trigger_id, view)

    def proposal_from_form(self, ix: Interaction, via: str) -> agenda_uc.ProposalInput:
        """Read a proposal from the proposal modal's fields."""
        kind_value, meta = ix.selected("kind"), ix.metadata
        return agenda_uc.ProposalInput(
            title=ix.text("title"),
            kind=ItemKind(kind_value) if kind_value in {k.value for k in KINDS} else None,
            summary=ix.text("summary") or None,
            background=ix.text("background") or None,
            recommendation=ix.text("recommendation") or None,
            attachments=rules.parse_attachment_lines(ix.text("attachments")),
            meeting_id=as_int(ix.selected("meeting")),
            via=via,
            source_channel=meta.get("channel") if via == agenda_uc.VIA_SHORTCUT else None,
            source_ts=meta.get("ts") if via == agenda_uc.VIA_SHORTCUT else None,
        )

    def on_proposal_modal(self, ack: Ack, body: dict[str, Any]) -> None:
        """Propose an agenda item from the proposal modal and confirm it where it came from."""
        ix = Interaction.parse(body)

        def block_of(exc: UserError) -> str:
            return (
                "meeting"
                if exc.key.startswith(("meetings.", "proposal.pick", "error.gone"))
                else "title"
            )

        confirmation = self.envelope.submit(ix, ack, lambda: self.save_proposal(ix), block_of)
        if confirmation is not None:
            agenda_uc.post_confirmation(self.services, confirmation)

    def save_proposal(self, ix: Interaction) -> agenda_uc.Confirmation:
        """Store the proposal the modal holds; return where and how to confirm it."""
        request, now, meta = ix.request(), self.services.now(), ix.metadata
        via = str(meta.get("via") or agenda_uc.VIA_MODAL)
        with self.services.uow() as session:
            meeting_id = as_int(ix.selected("meeting"))
            if meeting_id is None:
                raise UserError("proposal.pick_meeting")
            found = uc.meeting_for(session, self.settings, meeting_id, ix.user_id, None)
            data = self.proposal_from_form(ix, via)
            request.claim(session, now)
            item = agenda_uc.propose(session, found.ctx, data, now)
            if via == agenda_uc.VIA_SHORTCUT and meta.get("channel"):
                where = {"channel": meta["channel"], "thread_ts": meta.get("thread_ts")}
            else:
                where = {"channel": found.group.channel_id, "thread_ts": None}
            return agenda_uc.confirmation_for(session, item, now, user=ix.user_id, **where)

    def on_proposal_edit(self, ack: Ack, body: dict[str, Any]) -> None:
        """Open the proposal modal prefilled with an item, for its proposer or an officer."""
        ack()
        ix = Interaction.parse(body)
        self.envelope.run(ix, lambda: self.open_view(ix.trigger_id, self.edit_view(ix)), once=True)

    def edit_view(self, ix: Interaction) -> dict[str, Any]:
        """Return the edit modal of the item the button names."""
        now = self.services.now()
        with self.services.uow() as session:
            found = uc.item_for(session, self.settings, ix.int_value, ix.user_id)
            item, group, ctx = found.item, found.group, found.ctx
            agenda_uc.require_proposer_or_officer(ctx, item)
            if item.status not in (ItemStatus.PROPOSED, ItemStatus.ACCEPTED):
                raise UserError(
                    "proposal.closed", status=t(f"proposal.status.{item.status}", ctx.lang)
                )
            options = meeting_options(session, [group], now, ctx.lang)
            if not any(o["value"] == str(item.meeting_id) for o in options):
                meeting = uc.meeting_by_id(session, item.meeting_id)
                if meeting is not None:
                    label = meetings_uc.meeting_label(meeting, ctx.lang, tz=group.timezone)
                    options.insert(0, option(label, str(meeting.id)))
            return proposal_modal(
                ctx.lang,
                options,
                callback_id=PROPOSAL_EDIT_MODAL,
                private_metadata={"item": item.id},
                title=item.title,
                kind=ItemKind(item.kind) if item.kind in {k.value for k in KINDS} else KINDS[0],
                meeting_id=item.meeting_id,
                summary=item.summary or "",
                background=item.background or "",
                recommendation=item.recommendation or "",
                attachments=[
                    AttachmentRef(a.title, a.url, a.slack_file_id) for a in item.attachments
                ],
            )

    def on_proposal_edit_modal(self, ack: Ack, body: dict[str, Any]) -> None:
        """Save an edited proposal and refresh its confirmation."""
        ix = Interaction.parse(body)
        notice = self.envelope.submit(ix, ack, lambda: self.save_edit(ix), lambda _: "title")
        if notice is not None:
            agenda_uc.send_notices(self.services.notifier, [notice])

    def save_edit(self, ix: Interaction) -> agenda_uc.Notice | None:
        """Store the edited proposal; return the notice that refreshes its confirmation."""
        request, now = ix.request(), self.services.now()
        with self.services.uow() as session:
            found = uc.item_for(session, self.settings, ix.meta_int("item"), ix.user_id)
            item = found.item
            data = self.proposal_from_form(ix, item.via or agenda_uc.VIA_MODAL)
            data.attachments = self.keep_files(item, data.attachments)
            if data.meeting_id == item.meeting_id:
                data.meeting_id = None
            request.claim(session, now)
            agenda_uc.update_proposal(session, found.ctx, item, data, now)
            session.flush()
            return agenda_uc.confirmation_notice(session, item, now)

    def keep_files(self, item: AgendaItem, refs: list[AttachmentRef]) -> list[AttachmentRef]:
        # A Slack file shown in the form as "title permalink" keeps its file id.
        by_url = {a.url: a.slack_file_id for a in item.attachments if a.slack_file_id}
        return [AttachmentRef(r.title, r.url, r.file_id or by_url.get(r.url)) for r in refs]

    def on_proposal_withdraw(self, ack: Ack, body: dict[str, Any]) -> None:
        """Withdraw a proposal from its button."""
        ack()
        ix = Interaction.parse(body)

        def work() -> None:
            request, now = ix.request(), self.services.now()
            with self.services.uow() as session:
                found = uc.item_for(session, self.settings, ix.int_value, ix.user_id)
                request.claim(session, now)
                agenda_uc.withdraw(session, found.ctx, found.item, now, actor=ix.user_id)
                session.flush()
                notice = agenda_uc.confirmation_notice(session, found.item, now)
                text = t("proposal.done.withdrawn", found.ctx.lang, title=escape(found.item.title))
            if notice is not None:
                agenda_uc.send_notices(self.services.notifier, [notice])
            self.envelope.answer(ix, text)

        self.envelope.run(ix, work)

    def on_proposal_hint(self, ack: Ack, body: dict[str, Any]) -> None:
        """Link, merge or reject a proposal that looks like an earlier one (its hint's buttons)."""
        ack()
        ix = Interaction.parse(body)
        verb, _, rest = ix.value.partition("|")
        item_text, _, earlier_text = rest.partition("|")

        def work() -> None:
            request, now = ix.request(), self.services.now()
            with self.services.uow() as session:
                found = uc.item_for(session, self.settings, as_int(item_text), ix.user_id)
                if verb not in ("link", "merge", "reject"):
                    raise UserError("agenda.unknown_item", ref=escape(verb))
                request.claim(session, now)
                result = agenda_uc.resolve_hint(
                    session, found.ctx, found.item, verb, as_int(earlier_text) or 0, now
                )
            agenda_uc.send_notices(self.services.notifier, result.notices)
            self.envelope.answer(ix, result.text)

        self.envelope.run(ix, work)

    # ---------------------------------------------------------------- edits and deletions

    def on_message_event(self, services: Services, event: MessageEvent) -> bool:
        if event.subtype not in ("message_changed", "message_deleted"):
            return False
        now = services.now()
        notices: list[agenda_uc.Notice] = []
        with services.uow() as session:
            items = agenda_uc.proposals_from_message(session, event.channel_id, event.ts)
            if not items:
                return False
            source = f"proposal.{event.subtype}"
            if event.event_key and not claim_in(session, event.event_key, source, now):
                raise AlreadyProcessed(event.event_key)
            for item in items:
                if event.subtype == "message_deleted":
                    agenda_uc.withdraw(session, None, item, now, actor=event.user_id)
                else:
                    text = self.proposal_text_of(event.text)
                    if text is None:
                        continue
                    try:
                        agenda_uc.apply_edit(session, item, text, now, event.files)
                    except UserError as exc:
                        # The edit stands in Slack but not on the agenda: tell the editor why.
                        lang = user_language(session, self.settings, event.user_id or "")
                        text = t("proposal.edit_not_applied", lang, problem=exc.render(lang))
                        notices.append(
                            agenda_uc.Notice(
                                message=Message(text),
                                channel=event.channel_id,
                                ephemeral_user=event.user_id,
                                thread_ts=event.thread_ts,
                            )
                        )
                        continue
                session.flush()
                notice = agenda_uc.confirmation_notice(session, item, now)
                if notice is not None:
                    notices.append(notice)
        agenda_uc.send_notices(services.notifier, notices)
        return True

    def proposal_text_of(self, text: str) -> str | None:
        bot_id = self.services.directory.bot_user_id()
        cleaned = strip_mention(text, bot_id)
        routed = self.router.route(cleaned, slash=False)
        if routed is None or routed[0] != self.on_propose:
            return None
        return routed[1]

    # ---------------------------------------------------------------- the agenda

    def on_agenda(self, services: Services, request: Request, args: str) -> Reply | None:
        date_text, verb, rest = split_agenda_args(args)
        now = services.now()
        if verb is None:
            with services.uow() as session:
                ctx = resolve(session, self.settings, request)
                group = ctx.require_group()
                meeting = meetings_uc.resolve_meeting(session, group, date_text or None, now)
                message = self.agenda_for(session, ctx, meeting, now)
            return Reply(message, ephemeral=True)
        if verb == "export":
            fmt = (rest.split() or ["docx"])[0].casefold().lstrip(".")
            with services.uow() as session:
                ctx = resolve(session, self.settings, request)
                group = ctx.require_group()
                ctx.require(Action.CURATE)
                meeting = meetings_uc.resolve_meeting(session, group, date_text or None, now)
                meeting_id = meeting.id
            text = self.export_to_channel(meeting_id, fmt, ctx.lang)
            return Reply(Message(text), ephemeral=True)
        notices: list[agenda_uc.Notice] = []
        publication = None
        with services.uow() as session:
            ctx = resolve(session, self.settings, request)
            group = ctx.require_group()
            ctx.require(Action.CURATE)
            meeting = meetings_uc.resolve_meeting(session, group, date_text or None, now)
            request.claim(session, now)
            if verb == "publish":
                publication = agenda_uc.publish(session, ctx, meeting, now)
                text = self.publish_text(publication, ctx.lang)
            else:
                result = self.curate_from_text(session, ctx, meeting, verb, rest, now)
                notices = result.notices
                text = result.text
            session.flush()
            draft = self.agenda_for(session, ctx, meeting, now, note=text)
        if publication is not None:
            agenda_uc.post_publication(services, publication)
        agenda_uc.send_notices(services.notifier, notices)
        return Reply(draft, ephemeral=True)

    def curate_from_text(
        self, session: Session, ctx: Context, meeting: Meeting, verb: str, rest: str, now: Any
    ) -> agenda_uc.Curated:
        ref, _, tail = rest.strip().partition(" ")
        if not ref:
            raise UserError("agenda.verb_usage")
        agenda = agenda_uc.assemble_agenda(session, meeting, now)
        entry = agenda.find(ref.rstrip(".:,"))
        if entry is None:
            raise UserError("agenda.unknown_item", ref=escape(ref))
        if verb == "accept":
            return agenda_uc.accept(session, ctx, meeting, entry.key, now)
        if verb == "reject":
            return agenda_uc.reject(session, ctx, meeting, entry.key, tail, now)
        if verb in ("up", "down"):
            return agenda_uc.move(session, ctx, meeting, entry.key, -1 if verb == "up" else 1, now)
        if verb == "kind":
            return agenda_uc.set_kind(session, ctx, meeting, entry.key, read_kind(tail), now)
        group = ctx.require_group()
        target_text = tail.strip()
        for lead in ("til ", "to "):
            if target_text.casefold().startswith(lead):
                target_text = target_text[len(lead) :]
        if not target_text:
            raise UserError("agenda.postpone_usage")
        target = meetings_uc.resolve_meeting(session, group, target_text, now)
        return agenda_uc.postpone(session, ctx, meeting, entry.key, target, now)

    def publish_text(self, publication: agenda_uc.Publication, lang: str) -> str:
        text = t("agenda.done.published", lang, version=publication.version)
        if publication.pending:
            text += " " + t("agenda.done.pending_left", lang, count=publication.pending)
        return text

    def agenda_for(
        self, session: Session, ctx: Context, meeting: Meeting, now: Any, note: str | None = None
    ) -> Message:
        group = ctx.require_group()
        officer = ctx.may(Action.CURATE)
        if not officer:
            if not meeting.agenda_version or meeting.agenda_snapshot is None:
                ctx.require(Action.CURATE)
            agenda: Agenda = Agenda(
                meeting_id=meeting.id,
                group_name=group.name,
                entries=tuple(rules.entries_from_snapshot(meeting.agenda_snapshot or [])),
                version=meeting.agenda_version,
                published=True,
                meeting=agenda_uc.meeting_facts(meeting, group),
            )
            blocks = agenda_uc.agenda_blocks(agenda, ctx.lang)
        else:
            agenda = agenda_uc.assemble_agenda(session, meeting, now)
            blocks = agenda_uc.draft_blocks(
                agenda, ctx.lang, officer=True, limit=49 if note else 50
            )
        if note:
            blocks = [context_block(note), *blocks]
        fallback = t(
            "agenda.published.fallback",
            ctx.lang,
            group=escape(group.name),
            meeting=meetings_uc.meeting_label(meeting, ctx.lang, tz=group.timezone),
        )
        return Message(text=f"{note}\n{fallback}" if note else fallback, blocks=blocks)

    def export_to_channel(self, meeting_id: int, fmt: str, lang: str) -> str:
        if fmt not in ("md", "docx", "markdown"):
            raise UserError("agenda.export_usage")
        fmt = "md" if fmt == "markdown" else fmt
        now = self.services.now()
        with self.services.uow() as session:
            meeting, group, channel = uc.export_target(session, meeting_id)
            filename, content = export_agenda(session, meeting, now, fmt)
            title = t(
                "agenda.export.title",
                group.language,
                group=group.name,
                meeting=meetings_uc.meeting_label(meeting, group.language, tz=group.timezone),
            )
        self.services.notifier.upload(channel, filename, content, title=title)
        return t("agenda.done.exported", lang, filename=filename)

    # ---------------------------------------------------------------- the draft's controls

    def refresh(self, ix: Interaction, meeting_id: int, note: str) -> None:
        """Show the changed agenda where the click came from (message, Home or a modal)."""
        if ix.from_home or ix.metadata.get("home"):
            publish_home(self.services, self.router, self.app.client, ix.user_id)
            return
        url = ix.response_url or trusted_response_url(
            ix.metadata.get("response_url"), self.settings.slack_api_url
        )
        if url is None and not (ix.kind == "block_actions" and ix.view_type == "modal"):
            return
        now = self.services.now()
        with self.services.uow() as session:
            found = uc.meeting_for(session, self.settings, meeting_id, ix.user_id, None)
            message = self.agenda_for(session, found.ctx, found.meeting, now, note=note)
        if url:
            WebhookClient(url).send(text=message.text, blocks=message.blocks, replace_original=True)
        elif ix.view_id:
            view = notice_modal(found.ctx.lang, note)
            self.app.client.views_update(view_id=ix.view_id, view=view)

    def curate(
        self,
        ix: Interaction,
        meeting_id: int | None,
        step: Callable[[Session, Context, Meeting], agenda_uc.Curated],
    ) -> None:
        """Run one curation step on a meeting's draft agenda, then show the result."""

        def work() -> None:
            request, now = ix.request(), self.services.now()
            with self.services.uow() as session:
                found = uc.meeting_for(
                    session, self.settings, meeting_id, ix.user_id, Action.CURATE
                )
                request.claim(session, now)
                result = step(session, found.ctx, found.meeting)
            agenda_uc.send_notices(self.services.notifier, result.notices)
            self.refresh(ix, result.meeting.id, result.text)

        self.envelope.run(ix, work)

    def split_value(self, value: str) -> tuple[int | None, str]:
        """Split a draft button's value ("<meeting>|<entry key>")."""
        meeting_text, _, key = value.partition("|")
        return as_int(meeting_text), key

    def open_curation_modal(
        self, ix: Interaction, verb: str, meeting_id: int | None, key: str
    ) -> None:
        """Open the modal that asks for a rejection's reason, a new kind or a meeting."""

        def work() -> None:
            with self.services.uow() as session:
                view = self.curation_view(session, ix, verb, meeting_id, key)
            self.open_view(ix.trigger_id, view)

        self.envelope.run(ix, work, once=True)

    def curation_view(
        self, session: Session, ix: Interaction, verb: str, meeting_id: int | None, key: str
    ) -> dict[str, Any]:
        """Return the curation modal for an entry of the draft (stale if the entry is gone)."""
        now = self.services.now()
        found = uc.meeting_for(session, self.settings, meeting_id, ix.user_id, Action.CURATE)
        ctx, meeting = found.ctx, found.meeting
        entry = agenda_uc.assemble_agenda(session, meeting, now).find(key)
        if entry is None:
            raise StaleReference("item")
        meta = {
            "meeting": meeting.id,
            "key": key,
            "response_url": ix.response_url,
            "home": ix.from_home,
        }
        if verb == "reject":
            return reject_modal(ctx.lang, entry.title, meta)
        if verb == "kind":
            return kind_modal(ctx.lang, entry.title, entry.kind, meta)
        options = [
            o
            for o in meeting_options(session, [found.group], now, ctx.lang)
            if o["value"] != str(meeting.id)
        ]
        if not options:
            raise UserError("agenda.postpone_no_meeting")
        return postpone_modal(ctx.lang, entry.title, options, meta)

    def on_agenda_entry(self, ack: Ack, body: dict[str, Any]) -> None:
        """Move a draft entry up or down, or open its reject/kind/postpone modal (overflow)."""
        ack()
        ix = Interaction.parse(body)
        verb, _, rest = ix.value.partition("|")
        meeting_id, key = self.split_value(rest)
        if verb in ("up", "down"):
            step = -1 if verb == "up" else 1
            self.curate(
                ix,
                meeting_id,
                lambda s, c, m: agenda_uc.move(s, c, m, key, step, self.services.now()),
            )
        elif verb in ("reject", "kind", "postpone"):
            self.open_curation_modal(ix, verb, meeting_id, key)

    def on_agenda_accept(self, ack: Ack, body: dict[str, Any]) -> None:
        """Accept a proposed item onto the draft agenda."""
        ack()
        ix = Interaction.parse(body)
        meeting_id, key = self.split_value(ix.value)
        self.curate(
            ix, meeting_id, lambda s, c, m: agenda_uc.accept(s, c, m, key, self.services.now())
        )

    def on_agenda_reject(self, ack: Ack, body: dict[str, Any]) -> None:
        """Open the modal asking why a proposal is rejected."""
        ack()
        ix = Interaction.parse(body)
        self.open_curation_modal(ix, "reject", *self.split_value(ix.value))

    def on_agenda_postpone(self, ack: Ack, body: dict[str, Any]) -> None:
        """Open the modal asking which meeting an item is postponed to."""
        ack()
        ix = Interaction.parse(body)
        self.open_curation_modal(ix, "postpone", *self.split_value(ix.value))

    def on_agenda_kind(self, ack: Ack, body: dict[str, Any]) -> None:
        """Open the modal asking for an item's kind."""
        ack()
        ix = Interaction.parse(body)
        self.open_curation_modal(ix, "kind", *self.split_value(ix.value))

    def on_reject_modal(self, ack: Ack, body: dict[str, Any]) -> None:
        """Reject a proposal with the reason the modal holds."""
        ix = Interaction.parse(body)
        reason = ix.text("reason")
        if not reason:
            text = t("agenda.reject_needs_reason", self.envelope.language(ix))
            ack(response_action="errors", errors={"reason": text})
            return
        ack()
        key = str(ix.metadata.get("key") or "")
        self.curate(
            ix,
            ix.meta_int("meeting"),
            lambda s, c, m: agenda_uc.reject(s, c, m, key, reason, self.services.now()),
        )

    def on_postpone_modal(self, ack: Ack, body: dict[str, Any]) -> None:
        """Postpone an item to the meeting the modal holds."""
        ack()
        ix = Interaction.parse(body)
        key = str(ix.metadata.get("key") or "")

        def step(s: Session, c: Context, m: Meeting) -> agenda_uc.Curated:
            target = uc.postpone_target(s, as_int(ix.selected("meeting")))
            return agenda_uc.postpone(s, c, m, key, target, self.services.now())

        self.curate(ix, ix.meta_int("meeting"), step)

    def on_kind_modal(self, ack: Ack, body: dict[str, Any]) -> None:
        """Set an item's kind from the modal."""
        ack()
        ix = Interaction.parse(body)
        key = str(ix.metadata.get("key") or "")

        def step(s: Session, c: Context, m: Meeting) -> agenda_uc.Curated:
            chosen = ix.selected("kind") or ""
            if chosen not in {k.value for k in KINDS}:
                raise UserError("agenda.kind_usage")
            return agenda_uc.set_kind(s, c, m, key, ItemKind(chosen), self.services.now())

        self.curate(ix, ix.meta_int("meeting"), step)

    def on_agenda_publish(self, ack: Ack, body: dict[str, Any]) -> None:
        """Publish the draft agenda to the group's channel."""
        ack()
        ix = Interaction.parse(body)

        def work() -> None:
            request, now = ix.request(), self.services.now()
            with self.services.uow() as session:
                found = uc.meeting_for(session, self.settings, ix.int_value, ix.user_id, None)
                request.claim(session, now)
                publication = agenda_uc.publish(session, found.ctx, found.meeting, now)
                text = self.publish_text(publication, found.ctx.lang)
            agenda_uc.post_publication(self.services, publication)
            self.refresh(ix, publication.meeting_id, text)

        self.envelope.run(ix, work)

    # One action_id per button (Slack rejects duplicates in a block); the bare id is kept
    # for buttons still on screen from before the split.
    def on_agenda_export(self, ack: Ack, body: dict[str, Any]) -> None:
        """Upload the agenda as Markdown or Word to the group's channel."""
        ack()
        ix = Interaction.parse(body)
        fmt, _, meeting_text = ix.value.partition("|")

        def work() -> None:
            with self.services.uow() as session:
                found = uc.meeting_for(
                    session, self.settings, as_int(meeting_text), ix.user_id, Action.CURATE
                )
                meeting_id, lang = found.meeting.id, found.ctx.lang
            self.envelope.answer(ix, self.export_to_channel(meeting_id, fmt, lang))

        self.envelope.run(ix, work)

    # ---------------------------------------------------------------- App Home

    def home_section(self, services: Services, user_id: str) -> list[dict[str, Any]]:
        now = services.now()
        blocks: list[dict[str, Any]] = []
        drafts_left = 1  # Slack's Home holds 100 blocks, shared with the other features
        with services.uow() as session:
            groups = uc.groups_of(session, user_id)
            for group in groups[:3]:
                ctx = self.ctx_for_group(session, group, user_id)
                with_draft = drafts_left > 0 and ctx.may(Action.CURATE)
                drafts_left -= int(with_draft)
                blocks += self.home_blocks(session, ctx, group, now, with_draft=with_draft)
        return blocks

    def home_blocks(
        self, session: Session, ctx: Context, group: Group, now: Any, *, with_draft: bool
    ) -> list[dict[str, Any]]:
        lang = ctx.lang
        officer = ctx.may(Action.CURATE)
        meeting = meetings_uc.next_meeting(session, group.id, now)
        blocks: list[dict[str, Any]] = [
            header_block(t("home.meetings.title", lang, group=group.name))
        ]
        buttons = []
        if meeting is None:
            blocks.append(
                section_block(t("meetings.none_upcoming", lang, group=escape(group.name)))
            )
        else:
            blocks.append(
                section_block(
                    t(
                        "home.meetings.next",
                        lang,
                        when=meetings_uc.where_text(meeting, group, lang),
                        deadline=meetings_uc.deadline_text(meeting, group, lang),
                    )
                )
            )
            buttons.append(
                button(
                    t("proposal.button.propose", lang),
                    "proposal_open",
                    str(meeting.id),
                    style="primary",
                )
            )
            mine = self.own_proposals(session, ctx, meeting)
            if mine:
                blocks.append(section_block(mine))
        if ctx.may(Action.MANAGE_MEETINGS):
            buttons.append(button(t("home.meetings.new", lang), "meeting_new", str(group.id)))
        buttons.append(button(t("meetings.button.ics_all", lang), "meeting_ics_all", str(group.id)))
        blocks.append(actions_block(buttons))
        if officer and with_draft and meeting is not None:
            agenda = agenda_uc.assemble_agenda(session, meeting, now)
            draft = agenda_uc.draft_blocks(agenda, lang, officer=True, limit=35)
            blocks += draft
        return blocks

    def own_proposals(self, session: Session, ctx: Context, meeting: Meeting) -> str:
        if ctx.member is None:
            return ""
        items = uc.own_proposals(session, meeting, ctx.member.id)
        if not items:
            return ""
        lines = [t("home.meetings.mine", ctx.lang)]
        for item in items[:10]:
            status = t(f"proposal.status.{item.status}", ctx.lang)
            lines.append(f"• {escape(item.title)} – {status}")
        return "\n".join(lines)


def register(app: App, services: Services, router: Router) -> None:
    """Register the commands, shortcuts, modals, buttons, listeners and the Home section."""
    MeetingListeners(app, services, router).register()
