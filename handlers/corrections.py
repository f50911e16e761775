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


def _label(text: str) -> dict[str, str]:
    return {"type": "plain_text", "text": text}


def _input(block_id: str, label: str, element: dict[str, Any]) -> dict[str, Any]:
    """Return an optional input block whose action id is its block id."""
    return {
        "type": "input",
        "block_id": block_id,
        "optional": True,
        "label": _label(label),
        "element": {**element, "action_id": block_id},
    }


def _item_blocks(items: list[AgendaItem], lang: str) -> list[dict[str, Any]]:
    """Return the inputs that correct one item: which item, its title, its decision."""
    options = [
        {"text": _label(shorten(f"{i.number or '-'}. {i.title}", 75)), "value": str(i.id)}
        for i in items[:ITEM_OPTIONS]
    ]
    if not options:
        return []
    decision = {"type": "plain_text_input", "multiline": True, "max_length": 3000}
    return [
        _input(
            "item", t("archive.correct_item", lang), {"type": "static_select", "options": options}
        ),
        _input(
            "title",
            t("archive.correct_title", lang),
            {"type": "plain_text_input", "max_length": 300},
        ),
        _input("decision", t("archive.correct_decision", lang), decision),
    ]


def correct_modal(meeting: Meeting, items: list[AgendaItem], tz: str, lang: str) -> dict[str, Any]:
    """Return the modal that corrects a meeting's date, an item's title or its decision."""
    day = meeting.starts_at.astimezone(ZoneInfo(tz)).date()
    date_block = _input(
        "date",
        t("archive.correct_date", lang),
        {"type": "datepicker", "initial_date": day.isoformat()},
    )
    date_block["optional"] = False
    readings = [{"text": _label(t(f"archive.structure.{r}", lang)), "value": r} for r in READINGS]
    reread = _input(
        "reread", t("archive.correct_reread", lang), {"type": "static_select", "options": readings}
    )
    return {
        "type": "modal",
        "callback_id": CORRECT_VIEW,
        "private_metadata": str(meeting.id),
        "title": _label(t("archive.correct_modal_title", lang)),
        "submit": _label(t("archive.correct_submit", lang)),
        "close": _label(t("archive.modal_close", lang)),
        "blocks": [date_block, reread, *_item_blocks(items, lang)],
    }


def _value(state: dict[str, Any], block: str) -> dict[str, Any]:
    found = state.get(block, {}).get(block, {})
    return found if isinstance(found, dict) else {}


def _selected(state: dict[str, Any], block: str) -> str:
    chosen = _value(state, block).get("selected_option") or {}
    return str(chosen.get("value") or "") if isinstance(chosen, dict) else ""


def read_correction(view: dict[str, Any]) -> Correction:
    """Return the correction a submitted modal asks for (empty fields change nothing)."""
    state = view.get("state", {}).get("values", {})
    raw_date = str(_value(state, "date").get("selected_date") or "")
    try:
        new_date = date.fromisoformat(raw_date) if raw_date else None
    except ValueError:
        new_date = None
    item_value = _selected(state, "item")
    reread = _selected(state, "reread")
    return Correction(
        meeting_date=new_date,
        item_id=int(item_value) if item_value.isdigit() else None,
        title=str(_value(state, "title").get("value") or "").strip() or None,
        decision=str(_value(state, "decision").get("value") or "").strip() or None,
        reread=reread if reread in READINGS else None,
    )


def result_view(text: str, lang: str) -> dict[str, Any]:
    """Return the modal that replaces the form with what was changed."""
    return {
        "type": "modal",
        "title": _label(t("archive.correct_modal_title", lang)),
        "close": _label(t("archive.modal_close", lang)),
        "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": text}}],
    }


class CorrectionListeners:
    """The correction button on an import reply and the modal it opens."""

    def __init__(self, app: App, services: Services) -> None:
        self.app = app
        self.services = services

    def register(self) -> None:
        """Register the button and the modal's submission."""
        self.app.action(CORRECT_ACTION)(self.button_pressed)
        self.app.view(CORRECT_VIEW)(self.modal_submitted)

    def button_pressed(self, ack: Ack, body: dict[str, Any], client: Any, respond: Respond) -> None:
        """Open the correction modal for the meeting on the pressed reply (officers only)."""
        ack()
        user_id = str(body.get("user", {}).get("id") or "")
        value = str((body.get("actions") or [{}])[0].get("value") or "")
        with self.services.uow() as session:
            lang = user_language(session, self.services.settings, user_id)
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

    def modal_submitted(self, ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        """Apply the correction and show what changed, or point at the field that is missing."""
        user_id = str(body.get("user", {}).get("id") or "")
        correction = read_correction(view)
        metadata = str(view.get("private_metadata") or "")
        with self.services.uow() as session:
            lang = user_language(session, self.services.settings, user_id)
        if (correction.title or correction.decision) and correction.item_id is None:
            ack(response_action="errors", errors={"item": t("archive.correct_pick_item", lang)})
            return
        try:
            if not metadata.isdigit():
                raise UserError("archive.gone")
            with self.services.uow() as session:
                changed = correct_reading(
                    session,
                    meeting_id=int(metadata),
                    user_id=user_id,
                    correction=correction,
                    now=self.services.now(),
                )
            fields = ", ".join(t(f"archive.correct_field.{f}", lang) for f in changed)
            text = (
                t("archive.corrected", lang, fields=fields)
                if changed
                else t("archive.correct_nothing", lang)
            )
        except UserError as error:
            text = error.render(lang)
        ack(response_action="update", view=result_view(text, lang))


def register(app: App, services: Services, router: Router) -> None:
    """Register the correction button and modal."""
    CorrectionListeners(app, services).register()
