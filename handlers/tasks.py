"""Action items, the digest and their settings on Slack: commands, buttons, modals, ✅, Home."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

from slack_bolt import Ack, App

from bot.context import user_language
from bot.digest import change_settings, overview_blocks, post_due_digests, preview, set_personal
from bot.domain.enums import ActionStatus
from bot.domain.permissions import Action
from bot.errors import UserError
from bot.i18n import t
from bot.outside import link_mark, resolve_links
from bot.ports import Message
from bot.router import AlreadyProcessed, ReactionEvent, Reply, Request, Router
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
    group_context,
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
from handlers.home import publish_home
from handlers.listeners import guarded as shared_guarded
from handlers.listeners import language_of as shared_language_of
from handlers.listeners import tell as shared_tell
from storage.repositories import EventLog, GroupRepo

log = logging.getLogger(__name__)

_VIA = {"mention": VIA_MENTION, "dm": VIA_DM, "slash": VIA_SLASH}
_MINE = frozenset({"mine", "my", "egne"})
_OFFER = frozenset({"forslag", "kandidater", "candidates", "suggestions", "proposals"})
_PREVIEW = frozenset({"vis", "show", "nu", "now", "preview", "se"})


class TaskListeners:
    """Bolt listeners and router handlers of tasks, one method per surface."""

    def __init__(self, app: App, services: Services, router: Router) -> None:
        self.app = app
        self.services = services
        self.router = router
        self.language_of = partial(shared_language_of, services)
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

    def guarded(self, user_id: str, channel: str | None, work: Callable[[], None]) -> None:
        shared_guarded(self.services, user_id, channel, work, "task")

    def action_request(self, body: dict[str, Any], channel: str | None) -> Request:
        action = (body.get("actions") or [{}])[0]
        user_id = str((body.get("user") or {}).get("id") or "")
        return Request(
            channel_id=channel or "",
            user_id=user_id,
            text="",
            source="shortcut",
            event_key=f"action:{user_id}:{action.get('action_ts')}",
        )

    def offer_changed(self, body: dict[str, Any], lang: str) -> None:
        """Re-render the offer message a candidate button was pressed on."""
        container = body.get("container") or {}
        channel = container.get("channel_id") or (body.get("channel") or {}).get("id")
        ts = container.get("message_ts")
        ids = offered_ids((body.get("message") or {}).get("blocks") or [])
        if channel and ts and ids:
            refresh_offer(self.services, str(channel), str(ts), ids, lang)

    def after_change(self, body: dict[str, Any], user_id: str, client: Any) -> None:
        if (body.get("container") or {}).get("type") == "view":
            publish_home(self.services, self.router, client, user_id)

    # ------------------------------------------------------------------ buttons

    def on_done(self, ack: Ack, body: dict[str, Any], client: Any) -> None:
        ack()
        channel = _channel_of(body)
        request = self.action_request(body, channel)

        def work() -> None:
            now = self.services.now()
            task_id = _task_id(body)
            with self.services.uow() as session:
                task, ctx = task_context(session, self.services.settings, task_id, request.user_id)
                request.claim(session, now)
                changed = complete(session, ctx, task, now)
                own = task.message_ts is not None and task.message_ts == _message_ts(body)
                text = t(
                    "tasks.done.ok" if changed else "tasks.done.already", ctx.lang, number=task_id
                )
            refresh_task_message(self.services, task_id)
            self.after_change(body, request.user_id, client)
            if not own and (body.get("container") or {}).get("type") != "view":
                self.tell(request.user_id, channel, text)

        self.guarded(request.user_id, channel, work)

    def on_confirm(self, ack: Ack, body: dict[str, Any]) -> None:
        ack()
        channel = _channel_of(body)
        request = self.action_request(body, channel)

        def work() -> None:
            now = self.services.now()
            task_id = _task_id(body)
            with self.services.uow() as session:
                task, ctx = task_context(session, self.services.settings, task_id, request.user_id)
                if task.status != ActionStatus.CANDIDATE:
                    raise UserError("tasks.offer.handled", number=task_id)
                request.claim(session, now)
                apply_edit(session, ctx, task, Edit(), now, confirm=True)
                lang = ctx.lang
            self.offer_changed(body, lang)
            notify_owner(self.services, task_id, request.user_id)

        self.guarded(request.user_id, channel, work)

    def on_drop(self, ack: Ack, body: dict[str, Any]) -> None:
        ack()
        channel = _channel_of(body)
        request = self.action_request(body, channel)

        def work() -> None:
            now = self.services.now()
            task_id = _task_id(body)
            with self.services.uow() as session:
                task, ctx = task_context(session, self.services.settings, task_id, request.user_id)
                request.claim(session, now)
                drop(session, ctx, task, now)
                lang = ctx.lang
            self.offer_changed(body, lang)
            refresh_task_message(self.services, task_id)

        self.guarded(request.user_id, channel, work)

    def on_edit(self, ack: Ack, body: dict[str, Any], client: Any) -> None:
        ack()
        channel = _channel_of(body)
        request = self.action_request(body, channel)

        def work() -> None:
            container = body.get("container") or {}
            metadata: dict[str, Any] = {
                "mode": "edit",
                "channel": channel,
                "home": container.get("type") == "view",
            }
            ids = offered_ids((body.get("message") or {}).get("blocks") or [])
            if ids:
                metadata.update({"offer_ts": container.get("message_ts"), "ids": ids})
            with self.services.uow() as session:
                view = edit_modal(
                    session, self.services.settings, _task_id(body), request.user_id, metadata
                )
            client.views_open(trigger_id=body.get("trigger_id"), view=view)

        self.guarded(request.user_id, channel, work)

    def on_comment(self, ack: Ack, body: dict[str, Any], client: Any) -> None:
        ack()
        channel = _channel_of(body)
        request = self.action_request(body, channel)

        def work() -> None:
            task_id = _task_id(body)
            with self.services.uow() as session:
                task, ctx = task_context(session, self.services.settings, task_id, request.user_id)
                ctx.require(Action.MANAGE_TASKS)
                metadata = json.dumps({"task_id": task.id, "channel": channel})
                view = comment_modal(ctx.lang, metadata, task.id)
            client.views_open(trigger_id=body.get("trigger_id"), view=view)

        self.guarded(request.user_id, channel, work)

    def on_offer_show(self, ack: Ack, body: dict[str, Any]) -> None:
        ack()
        channel = _channel_of(body)
        request = self.action_request(body, channel)

        def work() -> None:
            value = str(((body.get("actions") or [{}])[0]).get("value") or "")
            if not value.isdigit():
                raise UserError("tasks.offer.gone")
            with self.services.uow() as session:
                message = offer_for_person(
                    session, self.services.settings, int(value), request.user_id
                )
            self.services.notifier.dm(request.user_id, message)

        self.guarded(request.user_id, channel, work)

    # ------------------------------------------------------------------ shortcut and modals

    def on_shortcut(self, ack: Ack, body: dict[str, Any], client: Any) -> None:
        ack()
        user_id = str((body.get("user") or {}).get("id") or "")
        channel = str((body.get("channel") or {}).get("id") or "")
        message = body.get("message") or {}

        def work() -> None:
            with self.services.uow() as session:
                view = shortcut_modal(
                    session,
                    self.services.settings,
                    channel=channel,
                    user_id=user_id,
                    message=message,
                    now=self.services.now(),
                )
            client.views_open(trigger_id=body.get("trigger_id"), view=view)

        self.guarded(user_id, channel or None, work)

    def on_task_modal(self, ack: Ack, body: dict[str, Any], client: Any) -> None:
        view = body.get("view") or {}
        user_id = str((body.get("user") or {}).get("id") or "")
        values = (view.get("state") or {}).get("values") or {}
        meta = _metadata(view)
        text = str(_value(values, "text", "value") or "")
        owner_user = _value(values, "owner", "selected_user")
        due = _date(_value(values, "due", "selected_date"))
        now = self.services.now()
        request = Request(
            channel_id=str(meta.get("channel") or ""),
            user_id=user_id,
            text="",
            source="shortcut",
            event_key=f"view:{view.get('id')}:{view.get('hash')}",
        )
        try:
            with self.services.uow() as session:
                if meta.get("mode") == "create":
                    group = GroupRepo(session).get(int(meta.get("group_id") or 0))
                    if group is None:
                        raise UserError("tasks.shortcut.no_group")
                    ctx = group_context(session, self.services.settings, group, user_id)
                    draft = draft_from_modal(session, group, text, owner_user, due, now)
                    request.claim(session, now)
                    task = create_task(
                        session,
                        ctx,
                        draft,
                        now,
                        via=VIA_SHORTCUT,
                        source_channel=str(meta.get("channel") or "") or None,
                        source_ts=meta.get("ts"),
                    )
                    task_id, lang, confirmed = task.id, ctx.lang, False
                else:
                    task, ctx = task_context(
                        session, self.services.settings, int(meta.get("task_id") or 0), user_id
                    )
                    confirmed = task.status == ActionStatus.CANDIDATE
                    request.claim(session, now)
                    edit = Edit(text=text, owner_user=owner_user, due=due, clear_due=due is None)
                    apply_edit(session, ctx, task, edit, now, confirm=confirmed)
                    task_id, lang = task.id, ctx.lang
        except AlreadyProcessed:
            ack()
            return
        except UserError as exc:
            block = _error_block(exc.key)
            ack(response_action="errors", errors={block: exc.render(self.language_of(user_id))})
            return
        except Exception:
            log.exception("task modal of %s failed", user_id)
            ack(
                response_action="errors",
                errors={"text": t("error.internal", self.language_of(user_id))},
            )
            return
        ack()

        def after() -> None:
            if meta.get("mode") == "create":
                channel = str(meta.get("channel") or "")
                post_task_message(
                    self.services,
                    task_id,
                    channel,
                    thread_ts=meta.get("thread_ts"),
                    user_id=user_id,
                )
            else:
                refresh_task_message(self.services, task_id)
                if confirmed and meta.get("offer_ts") and meta.get("ids"):
                    refresh_offer(
                        self.services,
                        str(meta.get("channel")),
                        str(meta.get("offer_ts")),
                        [int(i) for i in meta.get("ids") or []],
                        lang,
                    )
            notify_owner(self.services, task_id, user_id)
            if meta.get("home"):
                publish_home(self.services, self.router, client, user_id)

        self.guarded(user_id, meta.get("channel") or None, after)

    def on_comment_modal(self, ack: Ack, body: dict[str, Any]) -> None:
        view = body.get("view") or {}
        user_id = str((body.get("user") or {}).get("id") or "")
        values = (view.get("state") or {}).get("values") or {}
        meta = _metadata(view)
        text = str(_value(values, "comment", "value") or "")
        now = self.services.now()
        request = Request(
            channel_id=str(meta.get("channel") or ""),
            user_id=user_id,
            text="",
            source="shortcut",
            event_key=f"view:{view.get('id')}:{view.get('hash')}",
        )
        try:
            with self.services.uow() as session:
                task, ctx = task_context(
                    session, self.services.settings, int(meta.get("task_id") or 0), user_id
                )
                request.claim(session, now)
                comment = add_comment(session, ctx, task, text, now)
                task_id, comment_id = task.id, comment.id
        except AlreadyProcessed:
            ack()
            return
        except UserError as exc:
            ack(response_action="errors", errors={"comment": exc.render(self.language_of(user_id))})
            return
        ack()
        self.guarded(
            user_id,
            meta.get("channel") or None,
            lambda: post_comment(self.services, task_id, comment_id, user_id),
        )

    # ------------------------------------------------------------------ ✅ on the task's message

    def on_reaction(self, services: Services, event: ReactionEvent) -> bool:
        if not event.added or event.reaction.split("::")[0] not in DONE_EMOJIS:
            return False
        now = services.now()
        with services.uow() as session:
            task = task_for_message(session, event.channel_id, event.ts)
            if task is None:
                return False
            if event.event_key and not EventLog(session).claim(
                f"reaction:{event.event_key}", "task_reaction", now
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


def _channel_of(body: dict[str, Any]) -> str | None:
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get(
        "channel_id"
    )
    return str(channel) if channel else None


def _message_ts(body: dict[str, Any]) -> str | None:
    ts = (body.get("container") or {}).get("message_ts") or (body.get("message") or {}).get("ts")
    return str(ts) if ts else None


def _task_id(body: dict[str, Any]) -> int:
    value = str(((body.get("actions") or [{}])[0]).get("value") or "")
    if not value.isdigit():
        raise UserError("tasks.no_such_task", number=value or "?")
    return int(value)


def _metadata(view: dict[str, Any]) -> dict[str, Any]:
    try:
        meta = json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        return {}
    return meta if isinstance(meta, dict) else {}


def _value(values: dict[str, Any], block: str, field: str) -> str | None:
    found = ((values.get(block) or {}).get(block) or {}).get(field)
    return str(found) if found else None


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
