"""Action items, the digest and their settings on Slack: commands, buttons, modals, ✅, Home."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from slack_bolt import Ack, App
from sqlalchemy.orm import Session

from bot.context import Context, user_language
from bot.digest import change_settings, overview_blocks, post_due_digests, preview, set_personal
from bot.domain.enums import ActionStatus
from bot.domain.permissions import Action
from bot.errors import StaleReference, UserError
from bot.i18n import t
from bot.outside import link_mark, resolve_links
from bot.ports import Message
from bot.router import ReactionEvent, Reply, Request, Router
from bot.scheduler import JobRegistry
from bot.services import Services
from bot.tasks import (
    COMMENT_ACTION,
    COMMENT_MODAL,
    CONFIRM_ACTION,
    DONE_ACTION,
    DONE_EMOJIS,
    DROP_ACTION,
    EDIT_ACTION,
    NUDGE_JOB,
    OFFER_JOB,
    OFFER_SHOW_ACTION,
    SHORTCUT,
    TASK_MODAL,
    VIA_DM,
    VIA_MENTION,
    VIA_SHORTCUT,
    VIA_SLASH,
    Edit,
    add_comment,
    apply_edit,
    comment_modal,
    complete,
    create_task,
    draft_from_modal,
    drop,
    edit_modal,
    group_list_message,
    home_blocks,
    my_list_message,
    notify_owner,
    offer_for_person,
    offer_on_request,
    offered_ids,
    parse_task_command,
    post_comment,
    post_task_message,
    read_task,
    refresh_offer,
    refresh_task_message,
    request_context,
    run_nudge,
    run_offer,
    run_task_command,
    shortcut_modal,
    task_context,
    task_for_message,
)
from bot.usecases import tasks as uc
from bot.usecases.events import claim_in
from handlers.home import publish_home
from handlers.interactions import Interaction, TopicListeners
from handlers.listeners import tell as shared_tell

if TYPE_CHECKING:
    from storage.models import ActionItem

log = logging.getLogger(__name__)

T = TypeVar("T")

_VIA = {"mention": VIA_MENTION, "dm": VIA_DM, "slash": VIA_SLASH}
_MINE = frozenset({"mine", "my", "egne"})
_OFFER = frozenset({"forslag", "kandidater", "candidates", "suggestions", "proposals"})
_PREVIEW = frozenset({"vis", "show", "nu", "now", "preview", "se"})


class TaskListeners(TopicListeners):
    """Bolt listeners and router handlers of tasks, one method per surface."""

    def __init__(self, app: App, services: Services, router: Router) -> None:
        super().__init__(app, services, router)
        self.tell = partial(shared_tell, services)

    def register(self) -> None:
        """Register the task and digest commands, buttons, modals, shortcut, ✅ and Home."""
        self.router.command("task", ["opgave", "task", "todo"], self.on_task)
        self.router.command(
            "tasks", ["opgaver", "tasks", "opfølgning", "opfoelgning"], self.on_tasks
        )
        self.router.command("my_tasks", ["mine opgaver", "my tasks"], self.on_my_tasks)
        self.router.command("settings", ["indstillinger", "settings"], self.on_settings)
        self.router.command("digest", ["digest", "ugeoversigt"], self.on_digest)
        self.app.action(DONE_ACTION)(self.on_done)
        self.app.action(CONFIRM_ACTION)(self.on_confirm)
        self.app.action(DROP_ACTION)(self.on_drop)
        self.app.action(EDIT_ACTION)(self.on_edit)
        self.app.action(COMMENT_ACTION)(self.on_comment)
        self.app.action(OFFER_SHOW_ACTION)(self.on_offer_show)
        self.app.shortcut(SHORTCUT)(self.on_shortcut)
        self.app.view(TASK_MODAL)(self.on_task_modal)
        self.app.view(COMMENT_MODAL)(self.on_comment_modal)
        self.router.on_reaction(self.on_reaction)
        self.router.home_section(self.tasks_home, order=10)
        self.router.home_section(self.overview_home, order=90)

    # ------------------------------------------------------------------ commands

    def on_task(self, services: Services, request: Request, args: str) -> Reply | None:
        now = services.now()
        command = parse_task_command(args)
        if command is not None:
            with services.uow() as session:
                request.claim(session, now)
                result = run_task_command(session, services.settings, request, command, now)
            refresh_task_message(services, result.task_id)
            if result.owner_changed:
                notify_owner(services, result.task_id, request.user_id)
            if result.comment_id is not None:
                post_comment(services, result.task_id, result.comment_id, request.user_id)
            return Reply(Message(result.text), ephemeral=True)
        if not args.strip():
            raise UserError("tasks.usage")
        with services.uow() as session:
            ctx = request_context(session, services.settings, request)
            group = ctx.require_group()
            ctx.require(Action.MANAGE_TASKS)
            draft = read_task(session, group, args, now)
            request.claim(session, now)
            own_message = request.source in ("mention", "dm")
            task = create_task(
                session,
                ctx,
                draft,
                now,
                via=_VIA.get(request.source, VIA_SLASH),
                source_channel=request.channel_id if own_message else None,
                source_ts=request.ts if own_message else None,
            )
            task_id = task.id
        thread = (request.thread_ts or request.ts) if request.source == "mention" else None
        post_task_message(
            services, task_id, request.channel_id, thread_ts=thread, user_id=request.user_id
        )
        notify_owner(services, task_id, request.user_id)
        return None

    def on_tasks(self, services: Services, request: Request, args: str) -> Reply:
        word, _, rest = args.strip().partition(" ")
        folded = word.casefold()
        if folded in _MINE:
            return self.on_my_tasks(services, request, rest)
        if folded in _OFFER:
            return self.on_offer(services, request, rest)
        if word:
            raise UserError("tasks.list_usage")
        with services.uow() as session:
            ctx = request_context(session, services.settings, request)
            ctx.require(Action.ASK)
            message = group_list_message(session, ctx, services.now())
        return Reply(message, ephemeral=request.source == "slash")

    def on_my_tasks(self, services: Services, request: Request, args: str) -> Reply:
        with services.uow() as session:
            message = my_list_message(session, services.settings, request.user_id, services.now())
        return Reply(message, ephemeral=request.source == "slash")

    def on_offer(self, services: Services, request: Request, args: str) -> Reply:
        now = services.now()
        with services.uow() as session:
            ctx = request_context(session, services.settings, request)
            request.claim(session, now)
            offer = offer_on_request(session, ctx, args, now)
        if offer.message is not None:
            services.notifier.dm(request.user_id, offer.message)
        return Reply(Message(offer.text), ephemeral=True)

    def on_settings(self, services: Services, request: Request, args: str) -> Reply:
        now = services.now()
        with services.uow() as session:
            ctx = request_context(session, services.settings, request)
            request.claim(session, now)
            text = change_settings(session, ctx, args, now)
        return Reply(Message(text), ephemeral=True)

    def on_digest(self, services: Services, request: Request, args: str) -> Reply:
        now = services.now()
        word = args.strip().split()[0].casefold() if args.strip() else ""
        with services.uow() as session:
            ctx = request_context(session, services.settings, request)
            if not word or word in _PREVIEW:
                draft = preview(session, ctx, now, link_mark)
            else:
                draft = None
                request.claim(session, now)
                text = set_personal(
                    session, services.settings, ctx, request.user_id, args, request.in_dm
                )
        if draft is not None:  # links read from Slack once the transaction is over
            return Reply(resolve_links(draft, services.notifier.permalink), ephemeral=True)
        return Reply(Message(text), ephemeral=True)

    # ------------------------------------------------------------------ helpers

    def offer_changed(self, ix: Interaction, lang: str) -> None:
        """Re-render the offer message a candidate button was pressed on."""
        ids = offered_ids(ix.message.get("blocks") or [])
        if ix.channel_id and ix.message_ts and ids:
            refresh_offer(self.services, ix.channel_id, ix.message_ts, ids, lang)

    def after_change(self, ix: Interaction, client: Any) -> None:
        """Refresh App Home when the button was pressed there."""
        if ix.in_view:
            publish_home(self.services, self.router, client, ix.user_id)

    # ------------------------------------------------------------------ buttons

    def act_on_task(
        self, ix: Interaction, step: Callable[[Session, Context, ActionItem, datetime], T]
    ) -> tuple[int, str, T]:
        """Load the task a button names, claim the click and run one step, in one transaction."""
        request, now = ix.request(), self.services.now()
        with self.services.uow() as session:
            task, ctx = uc.task_for(session, self.settings, ix.int_value, ix.user_id)
            request.claim(session, now)
            return task.id, ctx.lang, step(session, ctx, task, now)

    def on_done(self, ack: Ack, body: dict[str, Any], client: Any) -> None:
        """Mark a task done from its button (on its message, an offer, a DM or Home)."""
        ack()
        ix = Interaction.parse(body)

        def step(session: Session, ctx: Context, task: ActionItem, now: datetime) -> str:
            changed = complete(session, ctx, task, now)
            if task.message_ts is not None and task.message_ts == ix.message_ts:
                return ""  # the task's own message shows it done
            return "tasks.done.ok" if changed else "tasks.done.already"

        def work() -> None:
            task_id, lang, key = self.act_on_task(ix, step)
            refresh_task_message(self.services, task_id)
            self.after_change(ix, client)
            if key and not ix.in_view:
                self.envelope.answer(ix, t(key, lang, number=task_id))

        self.envelope.run(ix, work)

    def on_confirm(self, ack: Ack, body: dict[str, Any]) -> None:
        """Confirm a candidate task offered after a meeting."""
        ack()
        ix = Interaction.parse(body)

        def step(session: Session, ctx: Context, task: ActionItem, now: datetime) -> None:
            if task.status != ActionStatus.CANDIDATE:
                raise UserError("tasks.offer.handled", number=task.id)
            apply_edit(session, ctx, task, Edit(), now, confirm=True)

        def work() -> None:
            task_id, lang, _ = self.act_on_task(ix, step)
            self.offer_changed(ix, lang)
            notify_owner(self.services, task_id, ix.user_id)

        self.envelope.run(ix, work)

    def on_drop(self, ack: Ack, body: dict[str, Any]) -> None:
        """Drop a candidate or open task."""
        ack()
        ix = Interaction.parse(body)

        def work() -> None:
            task_id, lang, _ = self.act_on_task(ix, lambda s, c, task, now: drop(s, c, task, now))
            self.offer_changed(ix, lang)
            refresh_task_message(self.services, task_id)

        self.envelope.run(ix, work)

    def on_edit(self, ack: Ack, body: dict[str, Any], client: Any) -> None:
        """Open the edit modal of a task."""
        ack()
        ix = Interaction.parse(body)

        def work() -> None:
            metadata: dict[str, Any] = {
                "mode": "edit",
                "channel": ix.channel_id or None,
                "home": ix.in_view,
            }
            ids = offered_ids(ix.message.get("blocks") or [])
            if ids:
                metadata.update({"offer_ts": ix.message_ts, "ids": ids})
            with self.services.uow() as session:
                task_id = uc.require_task(session, ix.int_value)
                view = edit_modal(session, self.settings, task_id, ix.user_id, metadata)
            client.views_open(trigger_id=ix.trigger_id, view=view)

        self.envelope.run(ix, work, once=True)

    def on_comment(self, ack: Ack, body: dict[str, Any], client: Any) -> None:
        """Open the modal for a comment on a task."""
        ack()
        ix = Interaction.parse(body)

        def work() -> None:
            with self.services.uow() as session:
                task, ctx = uc.task_for(session, self.settings, ix.int_value, ix.user_id)
                ctx.require(Action.MANAGE_TASKS)
                metadata = json.dumps({"task_id": task.id, "channel": ix.channel_id or None})
                view = comment_modal(ctx.lang, metadata, task.id)
            client.views_open(trigger_id=ix.trigger_id, view=view)

        self.envelope.run(ix, work, once=True)

    def on_offer_show(self, ack: Ack, body: dict[str, Any]) -> None:
        """DM the person the candidate tasks of a meeting."""
        ack()
        ix = Interaction.parse(body)

        def work() -> None:
            if ix.int_value is None:
                raise StaleReference("meeting")
            with self.services.uow() as session:
                message = offer_for_person(session, self.settings, ix.int_value, ix.user_id)
            self.services.notifier.dm(ix.user_id, message)

        self.envelope.run(ix, work, once=True)

    # ------------------------------------------------------------------ shortcut and modals

    def on_shortcut(self, ack: Ack, body: dict[str, Any], client: Any) -> None:
        """Open the task modal prefilled from the message the shortcut was used on."""
        ack()
        ix = Interaction.parse(body)

        def work() -> None:
            with self.services.uow() as session:
                view = shortcut_modal(
                    session,
                    self.settings,
                    channel=ix.channel_id,
                    user_id=ix.user_id,
                    message=ix.message,
                    now=self.services.now(),
                )
            client.views_open(trigger_id=ix.trigger_id, view=view)

        self.envelope.run(ix, work, once=True)

    def on_task_modal(self, ack: Ack, body: dict[str, Any], client: Any) -> None:
        """Create a task, or save an edited one, from the task modal."""
        ix = Interaction.parse(body)
        saved = self.envelope.submit(
            ix, ack, lambda: self.save_task(ix), lambda exc: _error_block(exc.key)
        )
        if saved is not None:
            self.envelope.after(ix, lambda: self.after_task_saved(ix, client, *saved))

    def save_task(self, ix: Interaction) -> tuple[int, str, bool]:
        """Store the task the modal holds; return its id, the language and if it was confirmed."""
        request, now, meta = ix.request(), self.services.now(), ix.metadata
        text = ix.text("text", "text")
        owner_user = ix.picked("owner", "selected_user", "owner")
        due = _date(ix.picked("due", "selected_date", "due"))
        with self.services.uow() as session:
            if meta.get("mode") == "create":
                group, ctx = uc.group_for(
                    session, self.settings, ix.meta_int("group_id"), ix.user_id
                )
                draft = draft_from_modal(session, group, text, owner_user, due, now)
                request.claim(session, now)
                channel = str(meta.get("channel") or "") or None
                task = create_task(
                    session,
                    ctx,
                    draft,
                    now,
                    via=VIA_SHORTCUT,
                    source_channel=channel,
                    source_ts=meta.get("ts"),
                )
                return task.id, ctx.lang, False
            task, ctx = uc.task_for(session, self.settings, ix.meta_int("task_id"), ix.user_id)
            confirmed = task.status == ActionStatus.CANDIDATE
            request.claim(session, now)
            edit = Edit(text=text, owner_user=owner_user, due=due, clear_due=due is None)
            apply_edit(session, ctx, task, edit, now, confirm=confirmed)
            return task.id, ctx.lang, confirmed

    def after_task_saved(
        self, ix: Interaction, client: Any, task_id: int, lang: str, confirmed: bool
    ) -> None:
        """Post or refresh the task's message, the offer and Home once the task is stored."""
        meta = ix.metadata
        if meta.get("mode") == "create":
            channel = str(meta.get("channel") or "")
            post_task_message(
                self.services, task_id, channel, thread_ts=meta.get("thread_ts"), user_id=ix.user_id
            )
        else:
            refresh_task_message(self.services, task_id)
            if confirmed and meta.get("offer_ts") and meta.get("ids"):
                ids = [int(i) for i in meta.get("ids") or []]
                refresh_offer(
                    self.services, str(meta.get("channel")), str(meta.get("offer_ts")), ids, lang
                )
        notify_owner(self.services, task_id, ix.user_id)
        if meta.get("home"):
            publish_home(self.services, self.router, client, ix.user_id)

    def on_comment_modal(self, ack: Ack, body: dict[str, Any]) -> None:
        """Add the comment the modal holds to its task, and post it in the task's thread."""
        ix = Interaction.parse(body)
        saved = self.envelope.submit(ix, ack, lambda: self.save_comment(ix), lambda _: "comment")
        if saved is not None:
            task_id, comment_id = saved
            self.envelope.after(
                ix, lambda: post_comment(self.services, task_id, comment_id, ix.user_id)
            )

    def save_comment(self, ix: Interaction) -> tuple[int, int]:
        """Store the comment; return the task's and the comment's ids."""
        request, now = ix.request(), self.services.now()
        with self.services.uow() as session:
            task, ctx = uc.task_for(session, self.settings, ix.meta_int("task_id"), ix.user_id)
            request.claim(session, now)
            comment = add_comment(session, ctx, task, ix.text("comment", "comment"), now)
            return task.id, comment.id

    # ------------------------------------------------------------------ ✅ on the task's message

    def on_reaction(self, services: Services, event: ReactionEvent) -> bool:
        if not event.added or event.reaction.split("::")[0] not in DONE_EMOJIS:
            return False
        now = services.now()
        with services.uow() as session:
            task = task_for_message(session, event.channel_id, event.ts)
            if task is None:
                return False
            if event.event_key and not claim_in(
                session, f"reaction:{event.event_key}", "task_reaction", now
            ):
                return True
            task_id = task.id
            refusal: str | None = None
            try:
                task, ctx = task_context(session, services.settings, task_id, event.user_id)
                complete(session, ctx, task, now)
            except UserError as exc:
                refusal = exc.render(self.ctx_lang(session, event.user_id))
        if refusal is not None:
            self.tell(event.user_id, event.channel_id, refusal)
            return True
        refresh_task_message(services, task_id)
        return True

    def ctx_lang(self, session: Any, user_id: str) -> str:
        return user_language(session, self.services.settings, user_id)

    # ------------------------------------------------------------------ App Home

    def tasks_home(self, services: Services, user_id: str) -> list[dict[str, Any]]:
        with services.uow() as session:
            return home_blocks(session, services.settings, user_id, services.now())

    def overview_home(self, services: Services, user_id: str) -> list[dict[str, Any]]:
        with services.uow() as session:
            blocks = overview_blocks(session, services.settings, user_id, services.now(), link_mark)
        # The links are read from Slack once the transaction is over.
        linked = resolve_links(Message(text="", blocks=blocks), services.notifier.permalink)
        return linked.blocks or []


def register(app: App, services: Services, router: Router) -> None:
    """Register the task and digest commands, buttons, modals, shortcut, ✅ and Home."""
    TaskListeners(app, services, router).register()


def register_jobs(jobs: JobRegistry) -> None:
    """Register the offer DM, the overdue nudge and the digest planner."""
    jobs.job(OFFER_JOB, run_offer)
    jobs.job(NUDGE_JOB, run_nudge)
    jobs.planner(post_due_digests)


# ---------------------------------------------------------------------------------------
# Payload helpers
# ---------------------------------------------------------------------------------------


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _error_block(key: str) -> str:
    """Return the modal block an error belongs under."""
    if key in ("tasks.owner_not_member", "tasks.reassign_not_allowed"):
        return "owner"
    if key in ("tasks.due_past",):
        return "due"
    return "text"
