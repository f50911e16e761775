"""Block Kit and text of attendance: buttons, counts, the modal, DMs, Home, the minutes header."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.attendance.kinds import MODAL_CALLBACK, NO_ACTION, YES_ACTION
from bot.attendance.reading import NAME_LIMIT, REASON_LIMIT
from bot.domain.attendance import AWAY, AnswerCount
from bot.domain.enums import AttendanceStatus
from bot.i18n import t
from bot.meetings import meeting_label
from bot.ports import Message
from bot.referat.buttons import write_button
from bot.render import (
    actions_block,
    button,
    context_block,
    escape,
    header_block,
    section_block,
    shorten,
    slack_date,
)
from storage.models import Group, Meeting


def afbud_modal(meeting: Meeting, lang: str, metadata: str) -> dict[str, Any]:
    """Build the afbud modal: an optional reason and an optional substitute."""

    def plain(key: str) -> dict[str, Any]:
        return {"type": "plain_text", "text": shorten(t(key, lang), 24)}

    def label(key: str) -> dict[str, Any]:
        return {"type": "plain_text", "text": shorten(t(key, lang), 2000)}

    return {
        "type": "modal",
        "callback_id": MODAL_CALLBACK,
        "title": plain("attendance.modal.title"),
        "submit": plain("attendance.modal.submit"),
        "close": plain("attendance.modal.close"),
        "private_metadata": metadata[:3000],
        "blocks": [
            section_block(
                t("attendance.modal.intro", lang, meeting=escape(meeting_label(meeting, lang)))
            ),
            {
                "type": "input",
                "block_id": "reason",
                "optional": True,
                "label": label("attendance.modal.reason"),
                "element": {
                    "type": "plain_text_input",
                    "action_id": "reason",
                    "max_length": REASON_LIMIT,
                },
            },
            {
                "type": "input",
                "block_id": "substitute_user",
                "optional": True,
                "label": label("attendance.modal.substitute_user"),
                "element": {"type": "users_select", "action_id": "substitute_user"},
            },
            {
                "type": "input",
                "block_id": "substitute_name",
                "optional": True,
                "label": label("attendance.modal.substitute_name"),
                "hint": label("attendance.modal.substitute_hint"),
                "element": {
                    "type": "plain_text_input",
                    "action_id": "substitute_name",
                    "max_length": NAME_LIMIT,
                },
            },
        ],
    }


def _time_token(at: datetime, tz: str) -> str:
    local = at.astimezone(ZoneInfo(tz))
    return f"<!date^{int(at.timestamp())}^{{time}}|{local.strftime('%H:%M')}>"


def when_text(meeting: Meeting, group: Group) -> str:
    """Return the meeting's date and time as Slack date tokens (each reader's own zone)."""
    start = slack_date(meeting.starts_at, group.timezone, with_time=meeting.has_time)
    if meeting.has_time and meeting.ends_at is not None:
        return f"{start}–{_time_token(meeting.ends_at, group.timezone)}"
    return start


def count_text(count: AnswerCount, lang: str) -> str:
    """Return the live count: "8 deltager · 2 afbud · 3 mangler svar"."""
    return t(
        "attendance.count",
        lang,
        attending=count.attending,
        afbud=count.afbud,
        unanswered=count.unanswered,
    )


def answer_buttons(meeting_id: int, lang: str, *, block_id: str | None = None) -> dict[str, Any]:
    """Return the "Jeg deltager" / "Meld afbud" buttons of a meeting."""
    value = str(meeting_id)
    return actions_block(
        [
            button(t("attendance.button.yes", lang), YES_ACTION, value, style="primary"),
            button(t("attendance.button.no", lang), NO_ACTION, value),
        ],
        block_id=block_id,
    )


def _notice_buttons(meeting_id: int, lang: str) -> dict[str, Any]:
    """Return the notice's buttons: the answers, and "Skriv referat" for the secretary."""
    block = answer_buttons(meeting_id, lang, block_id="attendance_buttons")
    block["elements"].append(write_button(meeting_id, lang))
    return block


@dataclass(frozen=True)
class AttendancePerson:
    """One line of the minutes header."""

    name: str
    title: str | None = None
    organisation: str | None = None
    substitute: str | None = None
    reason: str | None = None
    substitute_for: str | None = None
    note: str | None = None
    member_id: int | None = None


@dataclass(frozen=True)
class AttendanceBlock:
    """The attendance block of the referat: participants, guests and the absent."""

    participants: list[AttendancePerson]
    guests: list[AttendancePerson]
    absent: list[AttendancePerson]


def _cells(person: AttendancePerson, lang: str) -> list[str]:
    title = person.title or ""
    if person.substitute_for:
        title = (
            t(
                "attendance.minutes.substitute_for_title",
                lang,
                title=title,
                name=person.substitute_for,
            )
            if title
            else t("attendance.minutes.substitute_for", lang, name=person.substitute_for)
        )
    cells = [person.name, title, person.organisation or ""]
    if person.substitute:
        cells.append(t("attendance.minutes.substitute", lang, name=person.substitute))
    return cells


def render_attendance_text(block: AttendanceBlock, lang: str) -> str:
    """Render the block as the corpus lays it out: headed sections of tab-separated rows.

    Reasons are left out on purpose: minutes are published, and an apology's reason
    ("sygdom") is the member's own business.
    """
    lines: list[str] = [t("attendance.minutes.participants", lang), ""]
    lines.append(
        "\t".join(
            [
                t("attendance.minutes.col_name", lang),
                t("attendance.minutes.col_title", lang),
                t("attendance.minutes.col_organisation", lang),
            ]
        )
    )
    lines += ["\t".join(_cells(p, lang)) for p in block.participants]
    if block.guests:
        notes = {p.note for p in block.guests}
        shared = notes.pop() if len(notes) == 1 else None
        heading = t("attendance.minutes.guests", lang)
        lines += ["", f"{heading} {shared}" if shared else heading, ""]
        for person in block.guests:
            cells = _cells(person, lang)
            if person.note and not shared:
                cells.append(person.note)
            lines.append("\t".join(cells))
    lines += ["", t("attendance.minutes.absent", lang), ""]
    if block.absent:
        lines += ["\t".join(_cells(p, lang)) for p in block.absent]
    else:
        lines.append(t("attendance.none", lang))
    return "\n".join(lines) + "\n"


def _block_line(person: AttendancePerson, lang: str) -> str:
    cells = [c for c in _cells(person, lang)[1:] if c]
    name = f"*{escape(person.name)}*"
    return f"{name} – {escape(', '.join(cells))}" if cells else name


def attendance_blocks(block: AttendanceBlock, lang: str) -> list[dict[str, Any]]:
    """Render the block as Block Kit sections (participants, guests, afbud)."""
    blocks: list[dict[str, Any]] = []
    sections = [
        ("attendance.minutes.participants", block.participants),
        ("attendance.minutes.guests", block.guests),
        ("attendance.minutes.absent", block.absent),
    ]
    for key, people in sections:
        if not people and key == "attendance.minutes.guests":
            continue
        lines = [_block_line(p, lang) for p in people] or [t("attendance.none", lang)]
        blocks.append(section_block(f"*{t(key, lang)}*\n" + "\n".join(lines)))
    return blocks


@dataclass(frozen=True)
class HomeMeeting:
    """One upcoming meeting on a person's Home tab, with their answer so far."""

    meeting_id: int
    group: str
    when: str
    location: str | None
    answer: AttendanceStatus | None
    lang: str


def home_section(meetings: Sequence[HomeMeeting]) -> list[dict[str, Any]]:
    """Return the Home tab section (headed in the first meeting's language; empty if none)."""
    blocks: list[dict[str, Any]] = []
    for meeting in meetings:
        lang = meeting.lang
        if not blocks:
            blocks.append(header_block(t("attendance.home.title", lang)))
        if meeting.answer is None:
            status = t("attendance.home.unanswered", lang)
        elif meeting.answer in AWAY:
            status = t("attendance.home.afbud", lang)
        else:
            status = t("attendance.home.attending", lang)
        place = f" · {escape(meeting.location)}" if meeting.location else ""
        blocks.append(section_block(f"*{escape(meeting.group)}* – {meeting.when}{place}\n{status}"))
        blocks.append(
            answer_buttons(
                meeting.meeting_id, lang, block_id=f"attendance_home_{meeting.meeting_id}"
            )
        )
    return blocks


@dataclass
class AnswerLists:
    """Names of a meeting's members by their answer."""

    attending: list[str] = field(default_factory=list)
    afbud: list[str] = field(default_factory=list)
    unanswered: list[str] = field(default_factory=list)


def joined_names(names: Sequence[str], lang: str) -> str:
    """Join names with commas, or say "ingen" when there are none."""
    return ", ".join(names) if names else t("attendance.none", lang)


def reminder(meeting_id: int, group: str, when: str, lang: str) -> Message:
    """Return the reminder to answer, with the answer buttons."""
    text = t("attendance.remind.text", lang, group=escape(group), when=when)
    blocks = [
        section_block(text),
        answer_buttons(meeting_id, lang),
        context_block(t("attendance.remind.hint", lang)),
    ]
    return Message(text=text, blocks=blocks)


def attendance_list(
    group: str, when: str, lists: AnswerLists, count: AnswerCount, lang: str
) -> Message:
    """Return the attendance list the chair and the secretary get the day before."""
    title = t("attendance.list.title", lang, group=escape(group), when=when)
    body = t(
        "attendance.list.body",
        lang,
        attending=joined_names(lists.attending, lang),
        afbud=joined_names(lists.afbud, lang),
        unanswered=joined_names(lists.unanswered, lang),
    )
    return Message(
        text=f"{title}\n{body}",
        blocks=[section_block(title), section_block(body), context_block(count_text(count, lang))],
    )


def forecast_warning(
    names: Sequence[str], members: int, group: str, when: str, lang: str
) -> Message:
    """Return the warning that many seats will be empty, naming who sent afbud."""
    text = t(
        "attendance.forecast.text",
        lang,
        count=len(names),
        members=members,
        group=escape(group),
        when=when,
        names=", ".join(escape(name) for name in names),
    )
    return Message(
        text=text,
        blocks=[section_block(text), context_block(t("attendance.forecast.hint", lang))],
    )
