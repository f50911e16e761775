"""Slack surface for correcting what an import read: a button on the reply, a modal."""

from __future__ import annotations

from datetime import date
from typing import Any

from slack_bolt import Ack, App

from bot.corrections import CORRECT_ACTION, CORRECT_VIEW, Correction
from bot.errors import UserError
from bot.i18n import t
from bot.ingest.parse import READINGS
from bot.render import shorten
from bot.router import Router
from bot.services import Services
from bot.usecases.corrections import CorrectionForm, apply_correction, correction_form
from handlers.interactions import Interaction, TopicListeners, as_int

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


def _item_blocks(items: list[tuple[int, str]], lang: str) -> list[dict[str, Any]]:
    """Return the inputs that correct one item: which item, its title, its decision."""
    options = [
        {"text": _label(shorten(label, 75)), "value": str(item_id)}
        for item_id, label in items[:ITEM_OPTIONS]
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


def correct_modal(form: CorrectionForm, lang: str) -> dict[str, Any]:
    """Return the modal that corrects a meeting's date, an item's title or its decision."""
    date_block = _input(
        "date",
        t("archive.correct_date", lang),
        {"type": "datepicker", "initial_date": form.day.isoformat()},
    )
    date_block["optional"] = False
    readings = [{"text": _label(t(f"archive.structure.{r}", lang)), "value": r} for r in READINGS]
    reread = _input(
        "reread", t("archive.correct_reread", lang), {"type": "static_select", "options": readings}
    )
    return {
        "type": "modal",
        "callback_id": CORRECT_VIEW,
        "private_metadata": str(form.meeting_id),
        "title": _label(t("archive.correct_modal_title", lang)),
        "submit": _label(t("archive.correct_submit", lang)),
        "close": _label(t("archive.modal_close", lang)),
        "blocks": [date_block, reread, *_item_blocks(form.items, lang)],
    }


def read_correction(ix: Interaction) -> Correction:
    """Return the correction a submitted modal asks for (empty fields change nothing)."""
    raw_date = ix.picked("date", "selected_date", "date") or ""
    try:
        new_date = date.fromisoformat(raw_date) if raw_date else None
    except ValueError:
        new_date = None
    reread = ix.selected("reread", "reread")
    return Correction(
        meeting_date=new_date,
        item_id=as_int(ix.selected("item", "item")),
        title=ix.text("title", "title") or None,
        decision=ix.text("decision", "decision") or None,
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


def _block_of(error: UserError) -> str:
    """Return the modal block a failed correction is shown on."""
    if error.key == "archive.correct_pick_item":
        return "item"
    if error.key == "archive.correct_no_source":
        return "reread"
    return "date"


class CorrectionListeners(TopicListeners):
    """The correction button on an import reply and the modal it opens."""

    def register(self) -> None:
        """Register the button and the modal's submission."""
        self.app.action(CORRECT_ACTION)(self.button_pressed)
        self.app.view(CORRECT_VIEW)(self.modal_submitted)

    def button_pressed(self, ack: Ack, body: dict[str, Any], client: Any) -> None:
        """Open the correction modal for the meeting on the pressed reply (officers only)."""
        ack()
        ix = Interaction.parse(body)

        def work() -> None:
            form = correction_form(self.services, ix.int_value, ix.user_id)
            client.views_open(trigger_id=ix.trigger_id, view=correct_modal(form, self.lang(ix)))

        self.envelope.run(ix, work, once=True)

    def modal_submitted(self, ack: Ack, body: dict[str, Any]) -> None:
        """Apply the correction and show what changed, or point at the field that is wrong."""
        ix = Interaction.parse(body)
        lang = self.lang(ix)
        meeting_id = as_int((body.get("view") or {}).get("private_metadata"))  # the bare id

        def work() -> list[str]:
            return apply_correction(self.services, ix.request(), meeting_id, read_correction(ix))

        def done(changed: list[str]) -> dict[str, Any]:
            fields = ", ".join(t(f"archive.correct_field.{f}", lang) for f in changed)
            text = (
                t("archive.corrected", lang, fields=fields)
                if changed
                else t("archive.correct_nothing", lang)
            )
            return {"response_action": "update", "view": result_view(text, lang)}

        self.envelope.submit(ix, ack, work, _block_of, done)

    def lang(self, ix: Interaction) -> str:
        """Return the language to answer this person in."""
        return self.envelope.language(ix)


def register(app: App, services: Services, router: Router) -> None:
    """Register the correction button and modal."""
    CorrectionListeners(app, services, router).register()
