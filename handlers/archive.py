"""The archive in Slack: questions (mention, DM, `spørg`, a modal) and file imports."""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt import Ack, App, Respond

from bot.answer_links import link_threads
from bot.answers import (
    NOT_THIS_MATTER_ACTION,
    SAME_MATTER_ACTION,
    SHOW_FULL_ACTION,
    answer_message,
    full_decision_message,
)
from bot.archive import ask, check_upload
from bot.context import resolve, user_language
from bot.domain.permissions import Action, can
from bot.errors import UserError
from bot.i18n import t
from bot.imports import CHOICE_ACTION, QueuedFile, choose, kick, queue_imports
from bot.imports import register_jobs as register_import_jobs
from bot.ports import Message
from bot.render import escape, section_block
from bot.router import Reply, Request, Router
from bot.scheduler import JobRegistry
from bot.services import Services
from bot.usecases import archive as archive_uc
from handlers.listeners import guarded, tell

log = logging.getLogger(__name__)

ASK_SHORTCUT = "ask_archive"
ASK_VIEW = "ask_archive_submit"
ANSWER_LIMIT = 3


def ask_modal(lang: str) -> dict[str, Any]:
    """Return the "Spørg arkivet" modal."""
    return {
        "type": "modal",
        "callback_id": ASK_VIEW,
        "title": {"type": "plain_text", "text": t("archive.modal_title", lang)},
        "submit": {"type": "plain_text", "text": t("archive.modal_submit", lang)},
        "close": {"type": "plain_text", "text": t("archive.modal_close", lang)},
        "blocks": [
            {
                "type": "input",
                "block_id": "question",
                "label": {"type": "plain_text", "text": t("archive.modal_label", lang)},
                "element": {
                    "type": "plain_text_input",
                    "action_id": "text",
                    "placeholder": {"type": "plain_text", "text": t("archive.modal_hint", lang)},
                },
            }
        ],
    }


def register_jobs(jobs: JobRegistry) -> None:
    """Let the import worker run imports; every tick resumes those left by a dead process."""
    register_import_jobs(jobs)


class ArchiveListeners:
    """Bolt listeners and router handlers of the archive, one method per surface."""

    def __init__(self, app: App, services: Services, router: Router) -> None:
        self.app = app
        self.services = services
        self.router = router

    def register(self) -> None:
        """Register questions, imports, the modal and the "show full decision" button."""
        self.router.fallback(self.on_ask)
        self.router.command("ask", ["spørg", "spoerg", "ask"], self.on_ask)
        self.router.command("import", ["importer", "importér", "import"], self.on_import)
        self.app.action(re.compile(rf"^{CHOICE_ACTION}:"))(self.on_second_document)
        self.app.action(SHOW_FULL_ACTION)(self.on_show_full)
        self.app.action(NOT_THIS_MATTER_ACTION)(self.on_not_this_matter)
        self.app.action(SAME_MATTER_ACTION)(self.on_same_matter)
        self.app.shortcut(ASK_SHORTCUT)(self.on_ask_shortcut)
        self.app.view(ASK_VIEW)(self.on_ask_submit)

    def on_ask(self, services: Services, request: Request, args: str) -> Reply:
        """Answer a question from the archive of the group (in a DM: all the person's groups)."""
        question = args.strip()
        now = services.now()
        with services.uow() as session:
            ctx = resolve(session, services.settings, request)
            if not question:
                raise UserError("archive.empty_question")
            if ctx.group is not None and not request.in_dm:
                ctx.require(Action.ASK)  # a channel's archive is for its group's members
                group_ids = [ctx.group.id]
            elif request.in_dm:
                group_ids = archive_uc.member_group_ids(session, request.user_id)
                if not group_ids:
                    raise UserError("archive.modal_no_groups")
            else:
                raise UserError("error.no_group")
            answer = ask(session, question, group_ids=group_ids, now=now, limit=ANSWER_LIMIT)
            secretary = (
                not request.in_dm and ctx.member is not None and can(ctx.member.role, Action.CURATE)
            )
            lang = ctx.lang
        answer = link_threads(answer, services.notifier.permalink, services.uow, now)
        message = answer_message(answer, lang, secretary=secretary)
        return Reply(message, in_channel=request.source == "slash")

    def on_import(self, services: Services, request: Request, args: str) -> Reply:
        """Queue the shared files for import into the group's archive."""
        if not request.files:
            raise UserError("archive.no_file")
        with services.uow() as session:
            ctx = resolve(session, services.settings, request)
            if args.strip() and request.in_dm:
                named = archive_uc.named_group(session, args.strip(), request.user_id)
                if named is not None:
                    ctx.group, ctx.member = named
            ctx.require(Action.IMPORT)
            for file in request.files:
                check_upload(str(file.get("name") or ""), int(file.get("size") or 0))
            group_id = ctx.group.id if ctx.group is not None else None
        if group_id is None:
            raise UserError("error.no_group")
        # The files are recorded (and the event claimed) in one short transaction; the
        # worker reads and stores them outside the request and answers in the thread.
        queued = [
            QueuedFile(str(f["id"]), str(f.get("name") or f["id"]), f.get("permalink"))
            for f in request.files
        ]
        queue_imports(services, request, group_id=group_id, lang=ctx.lang, files=queued)
        kick(services)
        names = ", ".join(f"*{escape(f.name)}*" for f in queued)
        text = t("imports.queued", ctx.lang, names=names)
        return Reply(Message(text=text, blocks=[section_block(text)]))

    def on_second_document(self, ack: Ack, body: dict[str, Any], respond: Respond) -> None:
        """The choice of what to do with a second document for the same meeting."""
        services = self.services
        ack()
        user_id = str(body.get("user", {}).get("id") or "")
        value = str((body.get("actions") or [{}])[0].get("value") or "")
        work_id, _, choice = value.partition(":")
        with services.uow() as session:
            lang = user_language(session, services.settings, user_id)
        try:
            if not work_id.isdigit():
                raise UserError("imports.choice_gone")
            reply = choose(services, int(work_id), choice, user_id)
        except UserError as exc:
            respond(text=exc.render(lang), response_type="ephemeral", replace_original=False)
            return
        respond(text=reply, blocks=[section_block(reply)], replace_original=True)

    def on_show_full(self, ack: Ack, body: dict[str, Any], respond: Respond) -> None:
        """Show the full text of a decision found in the archive."""
        services = self.services
        ack()
        user_id = str(body.get("user", {}).get("id") or "")
        value = str((body.get("actions") or [{}])[0].get("value") or "")
        with services.uow() as session:
            lang = user_language(session, services.settings, user_id)
        hit = archive_uc.hit_for_item(services, int(value), user_id) if value.isdigit() else None
        if hit is None:
            respond(text=t("archive.gone", lang), response_type="ephemeral", replace_original=False)
            return
        message = full_decision_message(hit, lang)
        respond(
            text=message.text,
            blocks=message.blocks,
            response_type="ephemeral",
            replace_original=False,
        )

    def on_matter_edit(self, body: dict[str, Any], join: bool) -> None:
        """Split an item from a matter, or join it to one."""
        services = self.services
        action = (body.get("actions") or [{}])[0]
        user_id = str((body.get("user") or {}).get("id") or "")
        channel = str((body.get("channel") or {}).get("id") or "") or None
        value = str((action.get("selected_option") or {}).get("value") or "")

        def work() -> None:
            text = archive_uc.edit_matter(services, user_id, value, join=join)
            tell(services, user_id, channel, text)

        guarded(services, user_id, channel, work, "matter")

    def on_not_this_matter(self, ack: Ack, body: dict[str, Any]) -> None:
        """The "not this matter" button: split the item from the matter it was linked to."""
        ack()
        self.on_matter_edit(body, join=False)

    def on_same_matter(self, ack: Ack, body: dict[str, Any]) -> None:
        """The "same matter" button: join the item to the matter offered."""
        ack()
        self.on_matter_edit(body, join=True)

    def on_ask_shortcut(self, ack: Ack, body: dict[str, Any], client: Any) -> None:
        """Open the archive question modal from the shortcut."""
        services = self.services
        ack()
        user_id = str(body.get("user", {}).get("id") or "")
        with services.uow() as session:
            lang = user_language(session, services.settings, user_id)
        client.views_open(trigger_id=body["trigger_id"], view=ask_modal(lang))

    def on_ask_submit(self, ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        """Answer the modal's question in the modal itself."""
        services = self.services
        user_id = str(body.get("user", {}).get("id") or "")
        state = view.get("state", {}).get("values", {})
        question = str(state.get("question", {}).get("text", {}).get("value") or "").strip()
        with services.uow() as session:
            lang = user_language(session, services.settings, user_id)
            group_ids = archive_uc.member_group_ids(session, user_id)
            if not question:
                ack(
                    response_action="errors",
                    errors={"question": t("archive.empty_question", lang)},
                )
                return
            if not group_ids:
                message = Message(t("archive.modal_no_groups", lang))
            else:
                answer = ask(
                    session, question, group_ids=group_ids, now=services.now(), limit=ANSWER_LIMIT
                )
        if group_ids:
            answer = link_threads(answer, services.notifier.permalink, services.uow, services.now())
            message = answer_message(answer, lang)
        blocks = [
            b for b in (message.blocks or [section_block(message.text)]) if b["type"] != "actions"
        ]
        ack(
            response_action="update",
            view={
                "type": "modal",
                "title": {"type": "plain_text", "text": t("archive.modal_title", lang)},
                "close": {"type": "plain_text", "text": t("archive.modal_close", lang)},
                "blocks": blocks[:100],
            },
        )


def register(app: App, services: Services, router: Router) -> None:
    """Register questions, imports, the modal and the "show full decision" button."""
    ArchiveListeners(app, services, router).register()
