"""Slack surface for correcting what an import read: a button on the reply, a modal."""

from __future__ import annotations

from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from slack_bolt import Ack, App, Respond

from bot.context import user_language
from bot.corrections import CORRECT_ACTION, CORRECT_VIEW, Correction, correct_reading, correctable
from bot.errors import UserError
from bot.i18n import t
from bot.ingest.parse import READINGS
from bot.render import shorten
from bot.router import Router
from bot.services import Services
from storage.models import AgendaItem, Group, Meeting

ITEM_OPTIONS = 100


def correct_modal(meeting: Meeting, items: list[AgendaItem], tz: str, lang: str) -> dict[str, Any]:
    """Return the modal that corrects a meeting's date, an item's title or its decision."""
    day = meeting.starts_at.astimezone(ZoneInfo(tz)).date()
    options = [
        {
            "text": {"type": "plain_text", "text": shorten(f"{i.number or '-'}. {i.title}", 75)},
            "value": str(i.id),
        }
        for i in items[:ITEM_OPTIONS]
    ]
    blocks: list[dict[str, Any]] = [
        {
            "type": "input",
            "block_id": "date",
            "label": {"type": "plain_text", "text": t("archive.correct_date", lang)},
            "element": {
                "type": "datepicker",
                "action_id": "date",
                "initial_date": day.isoformat(),
            },
        }
    ]
    blocks.append(
        {
            "type": "input",
            "block_id": "reread",
            "optional": True,
            "label": {"type": "plain_text", "text": t("archive.correct_reread", lang)},
            "element": {
                "type": "static_select",
                "action_id": "reread",
                "options": [
                    {
                        "text": {"type": "plain_text", "text": t(f"archive.structure.{r}", lang)},
                        "value": r,
                    }
                    for r in READINGS
                ],
            },
        }
    )
    if options:
        blocks += [
            {
                "type": "input",
                "block_id": "item",
                "optional": True,
                "label": {"type": "plain_text", "text": t("archive.correct_item", lang)},
                "element": {"type": "static_select", "action_id": "item", "options": options},
            },
            {
                "type": "input",
                "block_id": "title",
                "optional": True,
                "label": {"type": "plain_text", "text": t("archive.correct_title", lang)},
                "element": {"type": "plain_text_input", "action_id": "title", "max_length": 300},
            },
            {
                "type": "input",
                "block_id": "decision",
                "optional": True,
                "label": {"type": "plain_text", "text": t("archive.correct_decision", lang)},
                "element": {
                    "type": "plain_text_input",
                    "action_id": "decision",
                    "multiline": True,
                    "max_length": 3000,
                },
            },
        ]
    return {
        "type": "modal",
        "callback_id": CORRECT_VIEW,
        "private_metadata": str(meeting.id),
        "title": {"type": "plain_text", "text": t("archive.correct_modal_title", lang)},
        "submit": {"type": "plain_text", "text": t("archive.correct_submit", lang)},
        "close": {"type": "plain_text", "text": t("archive.modal_close", lang)},
        "blocks": blocks,
    }


def _value(state: dict[str, Any], block: str) -> dict[str, Any]:
    found = state.get(block, {}).get(block, {})
    return found if isinstance(found, dict) else {}


def register(app: App, services: Services, router: Router) -> None:
    """Register the correction button and modal."""

    @app.action(CORRECT_ACTION)
    def on_correct(ack: Ack, body: dict[str, Any], client: Any, respond: Respond) -> None:
        ack()
        user_id = str(body.get("user", {}).get("id") or "")
        value = str((body.get("actions") or [{}])[0].get("value") or "")
        with services.uow() as session:
            lang = user_language(session, services.settings, user_id)
            try:
                if not value.isdigit():
                    raise UserError("archive.gone")
                meeting, items = correctable(session, int(value), user_id)
                group = session.get(Group, meeting.group_id)
                assert group is not None
                view = correct_modal(meeting, items, group.timezone, lang)
            except UserError as error:
                respond(text=error.render(lang), response_type="ephemeral", replace_original=False)
                return
        client.views_open(trigger_id=body["trigger_id"], view=view)

    @app.view(CORRECT_VIEW)
    def on_submit(ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        user_id = str(body.get("user", {}).get("id") or "")
        state = view.get("state", {}).get("values", {})
        raw_date = str(_value(state, "date").get("selected_date") or "")
        selected = _value(state, "item").get("selected_option") or {}
        item_value = str(selected.get("value") or "") if isinstance(selected, dict) else ""
        title = str(_value(state, "title").get("value") or "").strip()
        decision = str(_value(state, "decision").get("value") or "").strip()
        metadata = str(view.get("private_metadata") or "")
        chosen = _value(state, "reread").get("selected_option") or {}
        reread = str(chosen.get("value") or "") if isinstance(chosen, dict) else ""
        with services.uow() as session:
            lang = user_language(session, services.settings, user_id)
        if (title or decision) and not item_value.isdigit():
            ack(response_action="errors", errors={"item": t("archive.correct_pick_item", lang)})
            return
        try:
            new_date = date.fromisoformat(raw_date) if raw_date else None
        except ValueError:
            new_date = None
        correction = Correction(
            meeting_date=new_date,
            item_id=int(item_value) if item_value.isdigit() else None,
            title=title or None,
            decision=decision or None,
            reread=reread if reread in READINGS else None,
        )
        try:
            if not metadata.isdigit():
                raise UserError("archive.gone")
            with services.uow() as session:
                changed = correct_reading(
                    session,
                    meeting_id=int(metadata),
                    user_id=user_id,
                    correction=correction,
                    now=services.now(),
                )
            text = (
                t(
                    "archive.corrected",
                    lang,
                    fields=", ".join(t(f"archive.correct_field.{f}", lang) for f in changed),
                )
                if changed
                else t("archive.correct_nothing", lang)
            )
        except UserError as error:
            text = error.render(lang)
        ack(
            response_action="update",
            view={
                "type": "modal",
                "title": {"type": "plain_text", "text": t("archive.correct_modal_title", lang)},
                "close": {"type": "plain_text", "text": t("archive.modal_close", lang)},
                "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": text}}],
            },
        )
