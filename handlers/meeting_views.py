"""Block Kit views of meetings and the agenda: the modals and their options (pure builders)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from bot import agenda as agenda_uc
from bot import meetings as meetings_uc
from bot.domain import agenda as rules
from bot.domain.agenda import AttachmentRef
from bot.domain.enums import ItemKind
from bot.i18n import t
from bot.render import (
    escape,
    section_block,
    shorten,
)

if TYPE_CHECKING:
    from storage.models import Group, Meeting

PROPOSE_SHORTCUT = "propose_from_message"
PROPOSE_GLOBAL = "propose_item"
PROPOSAL_MODAL = "proposal_modal"
PROPOSAL_EDIT_MODAL = "proposal_edit_modal"
MEETING_MODAL = "meeting_modal"
REJECT_MODAL = "agenda_reject_modal"
POSTPONE_MODAL = "agenda_postpone_modal"
KIND_MODAL = "agenda_kind_modal"

KINDS = (ItemKind.DECISION, ItemKind.DISCUSSION, ItemKind.INFORMATION)
KIND_WORDS: dict[str, ItemKind] = {
    **rules.KIND_WORDS,
    "beslut": ItemKind.DECISION,
    "drøft": ItemKind.DISCUSSION,
    "orienter": ItemKind.INFORMATION,
}


# ---------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------


def plain(text: str, limit: int = 75) -> dict[str, Any]:
    """Return a plain_text object within a limit."""
    return {"type": "plain_text", "text": shorten(text, limit) or " "}


def option(text: str, value: str) -> dict[str, Any]:
    """Return a select or radio option."""
    return {"text": plain(text), "value": value}


# ---------------------------------------------------------------------------------------
# Pure view builders
# ---------------------------------------------------------------------------------------


def kind_options(lang: str) -> list[dict[str, Any]]:
    """Return the three kinds as options."""
    return [option(t(f"agenda.kind_option.{kind.value}", lang), kind.value) for kind in KINDS]


def meeting_options(
    session: Session, groups: Sequence[Group], now: Any, lang: str
) -> list[dict[str, Any]]:
    """Return the upcoming meetings of some groups as select options."""
    options = []
    for group in groups:
        for meeting in meetings_uc.upcoming_meetings(session, group.id, now, limit=8):
            label = meetings_uc.meeting_label(meeting, lang, tz=group.timezone)
            if len(groups) > 1:
                label = f"{group.name} · {label}"
            options.append(option(label, str(meeting.id)))
    return options[:100]


def input_block(
    block: str, label: str, element: dict[str, Any], *, optional: bool = False
) -> dict[str, Any]:
    """Return an input block around an element."""
    found: dict[str, Any] = {"type": "input", "block_id": block}
    if optional:
        found["optional"] = True
    found["label"] = plain(label, 2000)
    found["element"] = element
    return found


def text_input(
    block: str, label: str, value: str, *, multiline: bool, optional: bool, limit: int
) -> dict[str, Any]:
    """Return a text input block, prefilled within its limit."""
    element: dict[str, Any] = {
        "type": "plain_text_input",
        "action_id": "value",
        "multiline": multiline,
        "max_length": limit,
    }
    if value:
        element["initial_value"] = value[:limit]
    block_json = input_block(block, label, element, optional=optional)
    block_json["optional"] = optional
    return block_json


def meeting_select(
    lang: str, options: list[dict[str, Any]], meeting_id: int | None
) -> dict[str, Any]:
    """Return the select of upcoming meetings, the given (or first) one chosen."""
    select: dict[str, Any] = {
        "type": "static_select",
        "action_id": "value",
        "options": options,
        "placeholder": plain(t("proposal.modal.meeting_placeholder", lang)),
    }
    chosen = next((o for o in options if o["value"] == str(meeting_id)), None)
    if chosen is None and options:
        chosen = options[0]
    if chosen is not None:
        select["initial_option"] = chosen
    return select


def proposal_modal(
    lang: str,
    options: list[dict[str, Any]],
    *,
    callback_id: str = PROPOSAL_MODAL,
    private_metadata: dict[str, Any] | None = None,
    title: str = "",
    kind: ItemKind = ItemKind.DECISION,
    meeting_id: int | None = None,
    summary: str = "",
    background: str = "",
    recommendation: str = "",
    attachments: Sequence[AttachmentRef] = (),
) -> dict[str, Any]:
    """Return the modal for proposing (or editing) an agenda item, optionally prefilled."""
    kinds = kind_options(lang)
    radio: dict[str, Any] = {"type": "radio_buttons", "action_id": "value", "options": kinds}
    radio["initial_option"] = next(o for o in kinds if o["value"] == kind.value)
    bilag = "\n".join(f"{a.title} {a.url}" if a.url else a.title for a in attachments)
    editing = callback_id == PROPOSAL_EDIT_MODAL
    label = t("proposal.modal.title_label", lang)
    blocks = [
        text_input(
            "title", label, title, multiline=False, optional=False, limit=agenda_uc.TITLE_LIMIT
        ),
        input_block("kind", t("proposal.modal.kind_label", lang), radio),
        input_block(
            "meeting",
            t("proposal.modal.meeting_label", lang),
            meeting_select(lang, options, meeting_id),
        ),
    ]
    for block, key, value in (
        ("summary", "proposal.modal.summary_label", summary),
        ("background", "proposal.modal.background_label", background),
        ("recommendation", "proposal.modal.recommendation_label", recommendation),
        ("attachments", "proposal.modal.attachments_label", bilag),
    ):
        label = t(key, lang)
        blocks.append(text_input(block, label, value, multiline=True, optional=True, limit=3000))
    return {
        "type": "modal",
        "callback_id": callback_id,
        "private_metadata": json.dumps(private_metadata or {}),
        "title": plain(
            t("proposal.modal.edit_title" if editing else "proposal.modal.title", lang), 24
        ),
        "submit": plain(t("proposal.modal.submit", lang), 24),
        "close": plain(t("meetings.cancel_word", lang), 24),
        "blocks": blocks,
    }


def notice_modal(lang: str, text: str) -> dict[str, Any]:
    """Return a modal that only says something (no submit button)."""
    return {
        "type": "modal",
        "title": plain("referent", 24),
        "close": plain(t("meetings.close_word", lang), 24),
        "blocks": [section_block(text)],
    }


def meeting_modal(lang: str, group: Group, meeting: Meeting | None = None) -> dict[str, Any]:
    """Return the modal for creating a meeting, or moving one (prefilled)."""
    date_element: dict[str, Any] = {"type": "datepicker", "action_id": "value"}
    start: dict[str, Any] = {"type": "timepicker", "action_id": "value"}
    end: dict[str, Any] = {"type": "timepicker", "action_id": "value"}
    place: dict[str, Any] = {
        "type": "plain_text_input",
        "action_id": "value",
        "max_length": meetings_uc.LOCATION_LIMIT,
    }
    if meeting is not None:
        zone = meetings_uc.group_zone(group)
        local = meeting.starts_at.astimezone(zone)
        date_element["initial_date"] = local.date().isoformat()
        if meeting.has_time:
            start["initial_time"] = local.strftime("%H:%M")
            if meeting.ends_at is not None:
                end["initial_time"] = meeting.ends_at.astimezone(zone).strftime("%H:%M")
        if meeting.location:
            place["initial_value"] = meeting.location
    blocks = [
        input_block("date", t("meetings.modal.date", lang), date_element),
        input_block("start", t("meetings.modal.start", lang), start, optional=True),
        input_block("end", t("meetings.modal.end", lang), end, optional=True),
        input_block("location", t("meetings.modal.location", lang), place, optional=True),
    ]
    title_key = "meetings.modal.move_title" if meeting is not None else "meetings.modal.title"
    return {
        "type": "modal",
        "callback_id": MEETING_MODAL,
        "private_metadata": json.dumps(
            {"group": group.id, "meeting": meeting.id if meeting is not None else None}
        ),
        "title": plain(t(title_key, lang), 24),
        "submit": plain(t("meetings.modal.submit", lang), 24),
        "close": plain(t("meetings.cancel_word", lang), 24),
        "blocks": blocks,
    }


def curation_modal(
    lang: str,
    callback_id: str,
    keys: tuple[str, str],
    private_metadata: dict[str, Any],
    blocks: list[dict[str, Any]],
) -> dict[str, Any]:
    """Return a draft-agenda modal: its title and submit words (catalogue keys), its blocks."""
    title_key, submit_key = keys
    return {
        "type": "modal",
        "callback_id": callback_id,
        "private_metadata": json.dumps(private_metadata),
        "title": plain(t(title_key, lang), 24),
        "submit": plain(t(submit_key, lang), 24),
        "close": plain(t("meetings.cancel_word", lang), 24),
        "blocks": blocks,
    }


def reject_modal(lang: str, title: str, private_metadata: dict[str, Any]) -> dict[str, Any]:
    """Return the modal asking for the reason a proposal is rejected."""
    reason = {
        "type": "plain_text_input",
        "action_id": "value",
        "multiline": True,
        "max_length": 2000,
    }
    blocks = [
        section_block(t("agenda.modal.reject_intro", lang, title=escape(title))),
        input_block("reason", t("agenda.modal.reason", lang), reason),
    ]
    keys = ("agenda.modal.reject_title", "agenda.button.reject")
    return curation_modal(lang, REJECT_MODAL, keys, private_metadata, blocks)


def postpone_modal(
    lang: str, title: str, options: list[dict[str, Any]], private_metadata: dict[str, Any]
) -> dict[str, Any]:
    """Return the modal asking which meeting an item is postponed to."""
    select = {"type": "static_select", "action_id": "value", "options": options}
    blocks = [
        section_block(t("agenda.modal.postpone_intro", lang, title=escape(title))),
        input_block("meeting", t("proposal.modal.meeting_label", lang), select),
    ]
    keys = ("agenda.modal.postpone_title", "agenda.button.postpone")
    return curation_modal(lang, POSTPONE_MODAL, keys, private_metadata, blocks)


def kind_modal(
    lang: str, title: str, current: ItemKind, private_metadata: dict[str, Any]
) -> dict[str, Any]:
    """Return the modal for changing an item's kind."""
    options = kind_options(lang)
    initial = next((o for o in options if o["value"] == current.value), options[0])
    radio = {
        "type": "radio_buttons",
        "action_id": "value",
        "options": options,
        "initial_option": initial,
    }
    blocks = [
        section_block(escape(title)),
        input_block("kind", t("proposal.modal.kind_label", lang), radio),
    ]
    keys = ("agenda.modal.kind_title", "agenda.modal.kind_submit")
    return curation_modal(lang, KIND_MODAL, keys, private_metadata, blocks)
