"""Block Kit of writing the referat: the overview, the item modal, attendance, buttons (pure)."""

from __future__ import annotations

import json
from typing import Any
from zoneinfo import ZoneInfo

from bot.i18n import t
from bot.ports import Message
from bot.referat.buttons import write_button
from bot.referat.service import ItemState, Mark, Sheet, kind_label
from bot.referat.text import ABSENT, CONFLICT, DECISION, DISCUSSION, FIELD_LIMIT
from bot.render import actions_block, button, context_block, escape, section_block, shorten

ITEM_ACTION = "referat_item"
ATTEND_ACTION = "referat_attendance"
SEND_ACTION = "referat_send"
FILL_ACTION = "referat_fill"
OVERVIEW_VIEW = "referat_overview"
ITEM_VIEW = "referat_item_submit"
ATTEND_VIEW = "referat_attendance_submit"
#: Slack allows 100 blocks in a modal; the overview keeps room for its head and foot.
ITEMS_IN_OVERVIEW = 90
OPTIONS = 100


def _plain(text: str, limit: int = 75) -> dict[str, Any]:
    return {"type": "plain_text", "text": shorten(text, limit) or " ", "emoji": True}


def _modal(
    callback_id: str,
    title: str,
    blocks: list[dict[str, Any]],
    metadata: str,
    lang: str,
    *,
    submit: bool = True,
) -> dict[str, Any]:
    view: dict[str, Any] = {
        "type": "modal",
        "callback_id": callback_id,
        "private_metadata": metadata,
        "title": _plain(title, 24),
        "close": _plain(t("referat.modal.close", lang), 24),
        "blocks": blocks,
    }
    if submit:
        view["submit"] = _plain(t("referat.modal.save", lang), 24)
    return view


def mark_text(mark: Mark | None, tz: str, lang: str) -> str | None:
    """Return "ændret af Pia Bille kl. 14:05" for a field's last change."""
    if mark is None:
        return None
    at = mark.at.astimezone(ZoneInfo(tz))
    return t("referat.changed_by", lang, who=escape(mark.who), time=at.strftime("%H:%M"))


def _item_line(state: ItemState, lang: str) -> str:
    head = f"*{escape(state.number)}. {escape(shorten(state.title, 150))}*"
    if state.decisions:
        body = "\n".join(f"• {escape(shorten(d, 140))}" for d in state.decisions[:3])
        if len(state.decisions) > 3:
            body += "\n" + t("referat.more_lines", lang, count=len(state.decisions) - 3)
    else:
        body = f"_{t('referat.no_decision_yet', lang)}_"
    extra = []
    if state.discussion:
        extra.append(t("referat.has_discussion", lang))
    if state.absent or state.conflict:
        extra.append(t("referat.has_notes", lang, count=len(state.absent) + len(state.conflict)))
    tail = f"\n_{' · '.join(extra)}_" if extra else ""
    return shorten(f"{head}\n{body}{tail}", 2900)


def overview_modal(sheet: Sheet) -> dict[str, Any]:
    """Return the overview: attendance, each item with its decisions, and the send button."""
    lang = sheet.lang
    came = sum(1 for s in sheet.seats if s.attended)
    head = t("referat.overview.head", lang, group=escape(sheet.group_name), date=sheet.date_label)
    if sheet.version is not None:
        head += "\n" + t("referat.overview.sent", lang, version=sheet.version)
    blocks: list[dict[str, Any]] = [section_block(head)]
    blocks.append(
        section_block(
            t(
                "referat.overview.attendance",
                lang,
                came=came,
                total=len(sheet.seats),
                guests=len(sheet.guests),
            ),
            accessory=button(
                t("referat.button.attendance", lang), ATTEND_ACTION, str(sheet.meeting_id)
            ),
        )
    )
    blocks.append({"type": "divider"})
    shown = sheet.items[:ITEMS_IN_OVERVIEW]
    for state in shown:
        blocks.append(
            section_block(
                _item_line(state, lang),
                accessory=button(
                    t("referat.button.write", lang),
                    ITEM_ACTION,
                    f"{sheet.meeting_id}:{state.item_id}",
                ),
            )
        )
    if len(sheet.items) > len(shown):
        blocks.append(
            context_block(t("referat.overview.cut", lang, count=len(sheet.items) - len(shown)))
        )
    blocks.append({"type": "divider"})
    send = button(
        t("referat.button.send", lang), SEND_ACTION, str(sheet.meeting_id), style="primary"
    )
    send["confirm"] = {
        "title": _plain(t("referat.confirm.title", lang), 100),
        "text": _plain(t("referat.confirm.text", lang), 300),
        "confirm": _plain(t("referat.confirm.yes", lang), 30),
        "deny": _plain(t("referat.confirm.no", lang), 30),
    }
    blocks.append(actions_block([send]))
    metadata = json.dumps({"m": sheet.meeting_id})
    return _modal(
        OVERVIEW_VIEW, t("referat.overview.title", lang), blocks, metadata, lang, submit=False
    )


def _text_input(block_id: str, label: str, value: str, placeholder: str) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "plain_text_input",
        "action_id": "value",
        "multiline": True,
        "max_length": FIELD_LIMIT,
        "placeholder": _plain(placeholder, 150),
    }
    if value:
        element["initial_value"] = value[:FIELD_LIMIT]
    return {
        "type": "input",
        "block_id": block_id,
        "optional": True,
        "label": _plain(label, 2000),
        "element": element,
    }


def _people_input(
    block_id: str, label: str, seats: list[tuple[int, str]], chosen: tuple[int, ...]
) -> dict[str, Any]:
    options = [
        {"text": _plain(name), "value": str(member_id)} for member_id, name in seats[:OPTIONS]
    ]
    element: dict[str, Any] = {
        "type": "multi_static_select",
        "action_id": "value",
        "options": options,
    }
    initial = [o for o in options if int(str(o["value"])) in chosen]
    if initial:
        element["initial_options"] = initial
    return {
        "type": "input",
        "block_id": block_id,
        "optional": True,
        "label": _plain(label, 2000),
        "element": element,
    }


def item_modal(
    sheet: Sheet,
    state: ItemState,
    *,
    decision_text: str | None = None,
    discussion_text: str | None = None,
    counter: int = 0,
    seen: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Return the modal of one item: title, kind, indstilling, Drøftelse, Beslutning, notes.

    ``counter`` renames the decision block when the indstilling button fills it, since
    Slack keeps what was typed in a block of the same id.
    """
    lang = sheet.lang
    blocks: list[dict[str, Any]] = [
        section_block(
            f"*{escape(state.number)}. {escape(shorten(state.title, 2000))}*\n"
            f"_{kind_label(state.kind, lang)}_"
        )
    ]
    if state.recommendation:
        blocks.append(
            section_block(
                f"*{t('referat.doc.recommendation', lang)}*\n"
                + escape(shorten(state.recommendation, 2800))
            )
        )
    blocks.append(
        actions_block([button(t("referat.button.fill", lang), FILL_ACTION, str(state.item_id))])
    )
    blocks.append(
        _text_input(
            DISCUSSION,
            t("referat.field.discussion", lang),
            discussion_text if discussion_text is not None else "\n".join(state.discussion),
            t("referat.placeholder.discussion", lang),
        )
    )
    mark = mark_text(state.marks.get(DISCUSSION), sheet.tz, lang)
    if mark:
        blocks.append(context_block(mark))
    decisions = (
        decision_text if decision_text is not None else "\n".join(f"- {d}" for d in state.decisions)
    )
    blocks.append(
        _text_input(
            f"{DECISION}{counter or ''}",
            t("referat.field.decision", lang),
            decisions,
            t("referat.placeholder.decision", lang),
        )
    )
    mark = mark_text(state.marks.get(DECISION), sheet.tz, lang)
    if mark:
        blocks.append(context_block(mark))
    seats = [(s.member_id, s.name) for s in sheet.seats]
    if seats:
        blocks.append(
            _people_input(
                ABSENT, t("referat.field.absent", lang, number=state.number), seats, state.absent
            )
        )
        blocks.append(
            _people_input(
                CONFLICT,
                t("referat.field.conflict", lang, number=state.number),
                seats,
                state.conflict,
            )
        )
    metadata = json.dumps(
        {
            "m": sheet.meeting_id,
            "i": state.item_id,
            "seen": seen if seen is not None else state.seen(),
            "n": counter,
        }
    )
    title = t("referat.item.title", lang, number=shorten(state.number, 8))
    return _modal(ITEM_VIEW, title, blocks, metadata, lang)


def attendance_modal(sheet: Sheet) -> dict[str, Any]:
    """Return the attendance modal: who came (pre-filled from afbud) and the guests."""
    lang = sheet.lang
    blocks: list[dict[str, Any]] = [section_block(t("referat.attendance.intro", lang))]
    options = []
    for seat in sheet.seats[:OPTIONS]:
        text = seat.name
        if seat.note:
            text = t("referat.attendance.substitute", lang, name=seat.name, substitute=seat.note)
        options.append({"text": _plain(text), "value": str(seat.member_id)})
    if options:
        element: dict[str, Any] = {"type": "checkboxes", "action_id": "value", "options": options}
        chosen = {s.member_id for s in sheet.seats if s.attended}
        initial = [o for o in options if int(str(o["value"])) in chosen]
        if initial:
            element["initial_options"] = initial
        blocks.append(
            {
                "type": "input",
                "block_id": "came",
                "optional": True,
                "label": _plain(t("referat.attendance.came", lang), 2000),
                "element": element,
            }
        )
    blocks.append(
        _text_input(
            "guests",
            t("referat.attendance.guests", lang),
            "\n".join(sheet.guests),
            t("referat.attendance.guests_placeholder", lang),
        )
    )
    metadata = json.dumps({"m": sheet.meeting_id})
    return _modal(ATTEND_VIEW, t("referat.attendance.title", lang), blocks, metadata, lang)


def open_prompt(meeting_id: int, date_label: str, lang: str) -> Message:
    """Return the reply with the "Skriv referat" button, when no modal can be opened directly."""
    text = t("referat.prompt", lang, date=date_label)
    return Message(
        text, blocks=[section_block(text), actions_block([write_button(meeting_id, lang)])]
    )
