"""The archive in Slack: questions (mention, DM, `spørg`, a modal) and file imports."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, Respond

from bot.answers import SHOW_FULL_ACTION, answer_message, full_decision_message, import_message
from bot.archive import ArchiveHit, ask, check_upload, import_document
from bot.context import resolve, user_language
from bot.domain.permissions import Action
from bot.errors import UserError
from bot.i18n import t
from bot.ports import Message
from bot.render import section_block
from bot.router import AlreadyProcessed, Reply, Request, Router
from bot.services import Services
from storage.models import AgendaItem
from storage.repositories import EventLog, GroupRepo, MemberRepo

log = logging.getLogger(__name__)

ASK_SHORTCUT = "ask_archive"
ASK_VIEW = "ask_archive_submit"
ANSWER_LIMIT = 3


def _hit_for_item(services: Services, item_id: int, user_id: str) -> ArchiveHit | None:
    """Return an item as an archive hit if the person may see its group's archive."""
    from bot.archive import _hit

    with services.uow() as session:
        item = session.get(AgendaItem, item_id)
        if item is None:
            return None
        group_ids = {g.id for g in MemberRepo(session).groups_of(user_id)}
        if item.meeting.group_id not in group_ids:
            return None
        return _hit(session, item_id, 0.0)


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


def register(app: App, services: Services, router: Router) -> None:
    """Register questions, imports, the modal and the "show full decision" button."""

    def on_ask(services: Services, request: Request, args: str) -> Reply:
        question = args.strip()
        now = services.now()
        with services.uow() as session:
            ctx = resolve(session, services.settings, request)
            if not question:
                raise UserError("archive.empty_question")
            if ctx.group is not None and not request.in_dm:
                group_ids = [ctx.group.id]
            elif request.in_dm:
                group_ids = [g.id for g in MemberRepo(session).groups_of(request.user_id)]
                if not group_ids:
                    raise UserError("archive.modal_no_groups")
            else:
                raise UserError("error.no_group")
            answer = ask(session, question, group_ids=group_ids, now=now, limit=ANSWER_LIMIT)
            return Reply(answer_message(answer, ctx.lang), in_channel=request.source == "slash")

    def on_import(services: Services, request: Request, args: str) -> Reply:
        if not request.files:
            raise UserError("archive.no_file")
        now = services.now()
        with services.uow() as session:
            ctx = resolve(session, services.settings, request)
            if args.strip() and request.in_dm:
                group = GroupRepo(session).by_name_or_channel(args.strip())
                if group is not None:
                    ctx.group = group
                    ctx.member = MemberRepo(session).by_slack_user(group.id, request.user_id)
            ctx.require(Action.IMPORT)
            for file in request.files:
                check_upload(str(file.get("name") or ""), int(file.get("size") or 0))
        messages: list[str] = []
        blocks: list[dict[str, Any]] = []
        fresh = False
        for file in request.files:
            name, content = services.directory.download(str(file["id"]), 20_000_000)
            with services.uow() as session:
                # Each file is claimed with its own import, so Slack's retry of a delivery
                # that died after the first file imports the rest; the event itself is
                # claimed when the reply goes out (`handle_request`).
                key = f"{request.event_key}:{file['id']}" if request.event_key else None
                claimed = key is None or EventLog(session).claim(key, "import", now)
                fresh = fresh or claimed
                ctx_group = ctx.group
                assert ctx_group is not None
                group = session.merge(ctx_group)
                summary = import_document(
                    session,
                    group=group,
                    data=content,
                    filename=name,
                    now=now,
                    actor=request.user_id,
                    slack_file_id=str(file["id"]),
                    permalink=file.get("permalink"),
                )
            rendered = import_message(summary, ctx.lang)
            messages.append(rendered.text)
            blocks.extend(rendered.blocks or [section_block(rendered.text)])
        if not fresh:
            raise AlreadyProcessed(request.event_key)
        return Reply(Message(text="\n".join(messages), blocks=blocks))

    router.fallback(on_ask)
    router.command("ask", ["spørg", "spoerg", "ask"], on_ask)
    router.command("import", ["importer", "importér", "import"], on_import)

    @app.action(SHOW_FULL_ACTION)
    def on_show_full(ack: Ack, body: dict[str, Any], respond: Respond) -> None:
        ack()
        user_id = str(body.get("user", {}).get("id") or "")
        value = str((body.get("actions") or [{}])[0].get("value") or "")
        with services.uow() as session:
            lang = user_language(session, services.settings, user_id)
        hit = _hit_for_item(services, int(value), user_id) if value.isdigit() else None
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

    @app.shortcut(ASK_SHORTCUT)
    def on_ask_shortcut(ack: Ack, body: dict[str, Any], client: Any) -> None:
        ack()
        user_id = str(body.get("user", {}).get("id") or "")
        with services.uow() as session:
            lang = user_language(session, services.settings, user_id)
        client.views_open(trigger_id=body["trigger_id"], view=ask_modal(lang))

    @app.view(ASK_VIEW)
    def on_ask_submit(ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        user_id = str(body.get("user", {}).get("id") or "")
        state = view.get("state", {}).get("values", {})
        question = str(state.get("question", {}).get("text", {}).get("value") or "").strip()
        with services.uow() as session:
            lang = user_language(session, services.settings, user_id)
            group_ids = [g.id for g in MemberRepo(session).groups_of(user_id)]
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
