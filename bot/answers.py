"""Render archive answers and import summaries as Block Kit (pure builders)."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import unquote

from bot.archive import Answer, ArchiveHit, ImportSummary
from bot.corrections import CORRECT_ACTION
from bot.i18n import t
from bot.matters import Matter, TimelineEntry
from bot.meetings import format_day
from bot.ports import Message
from bot.render import (
    actions_block,
    button,
    context_block,
    divider_block,
    escape,
    header_block,
    section_block,
    shorten,
)

DECISION_PREVIEW = 600
SHOW_FULL_ACTION = "archive_show_full"
NOT_THIS_MATTER_ACTION = "archive_not_this_matter"
SAME_MATTER_ACTION = "archive_same_matter"
GIST_LENGTH = 110
UNAPPROVED = ("awaiting_approval", "draft")


def format_date(day: date, lang: str) -> str:
    """Return a date as the minutes write it (15/3-2024)."""
    return f"{day.day}/{day.month}-{day.year}"


def topic_of(answer: Answer) -> str:
    """Return the topic words of a question, for headings."""
    return " ".join(answer.question.content_words) or answer.query


def _hit_lines(hit: ArchiveHit, lang: str, *, full: bool) -> str:
    heading = t(
        "archive.meeting_line",
        lang,
        group=escape(hit.group_name),
        date=format_date(hit.meeting_date, lang),
        number=escape(hit.item_number),
        title=escape(hit.item_title),
    )
    if not hit.decisions:
        return f"{heading}\n{t('archive.no_decision', lang)}"
    bullets = "\n".join(f"• {escape(d)}" for d in hit.decisions)
    return f"{heading}\n{bullets if full else shorten(bullets, DECISION_PREVIEW)}"


def _source_line(hit: ArchiveHit, lang: str) -> str:
    return t(
        "archive.source",
        lang,
        status=t(f"archive.status.{hit.minutes_status}", lang),
        source=_link(hit.source, lang),
    )


def answer_message(answer: Answer, lang: str, *, secretary: bool = False) -> Message:
    """Render an answer: the decision in force and its matter's history, or a dated list.

    A secretary also gets the controls to take an item out of the matter ("Hører ikke
    til") or to join the answer's matter with another item ("Samme sag som …").
    """
    topic = escape(topic_of(answer))
    if not answer.results:
        if answer.question.date_from or answer.question.date_to:
            start = answer.question.date_from.isoformat() if answer.question.date_from else "…"
            end = answer.question.date_to.isoformat() if answer.question.date_to else "…"
            text = t("archive.nothing_found_period", lang, topic=topic, period=f"{start}–{end}")
        else:
            text = t("archive.nothing_found", lang, topic=topic)
        if answer.suggestions:
            text += "\n" + t(
                "archive.suggest", lang, terms=", ".join(escape(s) for s in answer.suggestions)
            )
        else:
            text += "\n" + t("archive.empty_archive", lang)
        return Message(text=text, blocks=[section_block(text)])
    if answer.intent == "when" and answer.matter_for(answer.results[0]) is not None:
        return _when_matter_message(answer, lang)
    if answer.intent == "when":
        title = t("archive.when_title", lang, topic=topic)
        lines = [
            t(
                "archive.see_also_line",
                lang,
                date=format_date(hit.meeting_date, lang),
                number=escape(hit.item_number),
                title=escape(hit.item_title),
            )
            + f" ({escape(hit.group_name)})"
            for hit in answer.results
        ]
        body = "\n".join(lines)
        return Message(text=f"{title}\n{body}", blocks=[header_block(title), section_block(body)])
    best, rest = answer.results[0], answer.results[1:]
    matter = answer.matter_for(best)
    if matter is not None:
        return _matter_message(answer, best, matter, rest, lang, secretary=secretary)
    title = t("archive.answer_title", lang, topic=topic)
    body = _hit_lines(best, lang, full=False)
    blocks: list[dict[str, Any]] = [header_block(title), section_block(body)]
    if len(body) > DECISION_PREVIEW or "…" in body:
        blocks.append(
            actions_block(
                [button(t("archive.show_full", lang), SHOW_FULL_ACTION, str(best.item_id))]
            )
        )
    blocks.append(context_block(_source_line(best, lang)))
    text = f"{title}\n{body}\n{_source_line(best, lang)}"
    if rest:
        also = _see_also(rest, lang)
        blocks += [divider_block(), section_block(f"*{t('archive.see_also', lang)}*\n{also}")]
        text += f"\n{t('archive.see_also', lang)}\n{also}"
        if secretary:
            blocks.append(_same_matter_control(best, rest, lang))
    return Message(text=text, blocks=blocks)


def _same_matter_control(best: ArchiveHit, rest: list[ArchiveHit], lang: str) -> dict[str, Any]:
    """Return the secretary's menu that puts the best item into another result's matter."""
    select = {
        "type": "static_select",
        "action_id": SAME_MATTER_ACTION,
        "placeholder": {"type": "plain_text", "text": t("archive.same_matter_as", lang)},
        "options": [
            _option(
                f"{format_date(h.meeting_date, lang)} · {h.item_number}: {h.item_title}",
                f"{best.item_id}:{h.item_id}",
            )
            for h in rest[:100]
        ],
    }
    return actions_block([select], block_id=f"item_{best.item_id}")


def _link(source: str, lang: str) -> str:
    """Render a source: the approval thread or a Slack file as a link, a file name as text."""
    if source == "slack":
        return "Slack"
    if source.startswith("http"):
        path = source.split("?", 1)[0]
        if "/archives/" in path:
            return f"<{source}|{t('archive.thread_link', lang)}>"
        name = unquote(path.rsplit("/", 1)[-1]) or t("archive.file_link", lang)
        return f"<{source}|{escape(name)}>"
    return escape(source)


def _label(entry: TimelineEntry, lang: str) -> str:
    """Return what a treatment did: in force, replaced (when), postponed, information."""
    if entry.status == "replaced" and entry.replaced_on is not None:
        return t("archive.timeline.replaced", lang, date=format_date(entry.replaced_on, lang))
    if entry.status == "information" and entry.kind == "pending":
        return t("archive.timeline.postponed", lang)
    return t(f"archive.timeline.{entry.status}", lang)


def timeline_line(entry: TimelineEntry, lang: str) -> str:
    """Return one line of a matter's history: date, item, what it did, its gist, its source."""
    gist = entry.decisions[0] if entry.decisions else entry.item_title
    return t(
        "archive.timeline_line",
        lang,
        date=format_date(entry.meeting_date, lang),
        number=escape(entry.item_number),
        label=_label(entry, lang),
        gist=escape(shorten(" ".join(gist.split()), GIST_LENGTH)),
        source=_link(entry.source, lang),
        unapproved=(
            t("archive.timeline.unapproved", lang) if entry.minutes_status in UNAPPROVED else ""
        ),
    )


def lead_line(matter: Matter, lang: str) -> str:
    """Return the first line of a matter answer: its latest decision, or that none holds yet."""
    lead = matter.in_force
    key = "archive.latest_decision"
    if lead is None:
        lead = matter.timeline[0]
        key = "archive.no_decision_yet"
    return t(
        key,
        lang,
        date=format_day(lead.meeting_date, lang, weekday=False),
        number=escape(lead.item_number),
        title=escape(lead.item_title),
    )


def _matter_message(
    answer: Answer,
    best: ArchiveHit,
    matter: Matter,
    rest: list[ArchiveHit],
    lang: str,
    *,
    secretary: bool,
) -> Message:
    """Render a decision answer on a matter: the decision in force first, then its history."""
    lead = matter.in_force or matter.timeline[0]
    first = lead_line(matter, lang)
    bullets = "\n".join(f"• {escape(d)}" for d in lead.decisions) or t("archive.no_decision", lang)
    bullets = shorten(bullets, DECISION_PREVIEW)
    source = t(
        "archive.source",
        lang,
        status=t(f"archive.status.{lead.minutes_status}", lang),
        source=_link(lead.source, lang),
    )
    notes: list[str] = []
    pending = next((e for e in matter.timeline if e.status == "pending"), None)
    if pending is not None and matter.in_force is not None:
        notes.append(
            t("archive.timeline.pending_note", lang, date=format_date(pending.meeting_date, lang))
        )
    history = [timeline_line(e, lang) for e in matter.timeline if e.item_id != lead.item_id]
    body = "\n".join([f"*{first}*", bullets, *notes])
    title = t("archive.answer_title", lang, topic=escape(topic_of(answer)))
    blocks: list[dict[str, Any]] = [
        header_block(title),
        section_block(body),
        context_block(source),
    ]
    if "…" in bullets:
        blocks.append(
            actions_block(
                [button(t("archive.show_full", lang), SHOW_FULL_ACTION, str(lead.item_id))]
            )
        )
    text_lines = [first, bullets, *notes, source]
    if history:
        section = "\n".join([f"*{t('archive.timeline_title', lang)}*", *history])
        blocks += [divider_block(), section_block(section)]
        text_lines += [t("archive.timeline_title", lang), *history]
    others = [hit for hit in rest if answer.matter_for(hit) is not matter]
    if others:
        also = _see_also(others, lang)
        blocks += [divider_block(), section_block(f"*{t('archive.see_also', lang)}*\n{also}")]
        text_lines += [t("archive.see_also", lang), also]
    if secretary:
        blocks.append(_secretary_controls(matter, lead, others, lang))
    return Message(text="\n".join(text_lines), blocks=blocks)


def _option(text: str, value: str) -> dict[str, Any]:
    """Return a static_select option."""
    return {"text": {"type": "plain_text", "text": shorten(text, 75)}, "value": value}


def _secretary_controls(
    matter: Matter, lead: TimelineEntry, others: list[ArchiveHit], lang: str
) -> dict[str, Any]:
    """Return the secretary's menus: take an item out of the matter, or join another item."""
    elements: list[dict[str, Any]] = [
        {
            "type": "static_select",
            "action_id": NOT_THIS_MATTER_ACTION,
            "placeholder": {"type": "plain_text", "text": t("archive.not_this_matter", lang)},
            "options": [
                _option(
                    f"{format_date(e.meeting_date, lang)} · {e.item_number}: {e.item_title}",
                    str(e.item_id),
                )
                for e in matter.timeline[:100]
            ],
        }
    ]
    if others:
        elements.append(
            {
                "type": "static_select",
                "action_id": SAME_MATTER_ACTION,
                "placeholder": {"type": "plain_text", "text": t("archive.same_matter_as", lang)},
                "options": [
                    _option(
                        f"{format_date(h.meeting_date, lang)} · {h.item_number}: {h.item_title}",
                        f"{h.item_id}:{lead.item_id}",
                    )
                    for h in others[:100]
                ],
            }
        )
    return actions_block(elements, block_id=f"matter_{matter.id}")


def _when_matter_message(answer: Answer, lang: str) -> Message:
    """Render "hvornår drøftede vi X?" on a matter: its whole history, newest first."""
    best = answer.results[0]
    matter = answer.matter_for(best)
    assert matter is not None
    title = t("archive.when_title", lang, topic=escape(topic_of(answer)))
    lines = [timeline_line(e, lang) for e in matter.timeline]
    listed = {e.item_id for e in matter.timeline}
    others = [
        t(
            "archive.see_also_line",
            lang,
            date=format_date(hit.meeting_date, lang),
            number=escape(hit.item_number),
            title=escape(hit.item_title),
        )
        + f" ({escape(hit.group_name)})"
        for hit in answer.results
        if hit.item_id not in listed
    ]
    head = lead_line(matter, lang)
    body = "\n".join([f"*{head}*", *lines])
    blocks: list[dict[str, Any]] = [header_block(title), section_block(body)]
    text = "\n".join([head, title, *lines])
    if others:
        also = "\n".join(others)
        blocks += [divider_block(), section_block(f"*{t('archive.see_also', lang)}*\n{also}")]
        text += f"\n{t('archive.see_also', lang)}\n{also}"
    return Message(text=text, blocks=blocks)


def full_decision_message(hit: ArchiveHit, lang: str) -> Message:
    """Render one item's whole decision text (several sections when it is long)."""
    title = t(
        "archive.full_title",
        lang,
        number=hit.item_number,
        title=hit.item_title,
        date=format_date(hit.meeting_date, lang),
    )
    bullets = [f"• {escape(d)}" for d in hit.decisions] or [t("archive.no_decision", lang)]
    sections: list[str] = []
    current = ""
    for bullet in bullets:
        if len(current) + len(bullet) + 1 > 2900:
            sections.append(current)
            current = ""
        current = f"{current}\n{bullet}" if current else bullet
    sections.append(current)
    blocks = [header_block(title)] + [section_block(s) for s in sections[:45]]
    blocks.append(context_block(_source_line(hit, lang)))
    return Message(text=f"{title}\n" + "\n".join(bullets), blocks=blocks)


READ_ITEMS_SHOWN = 20
READ_DECISION_CHARS = 90


def import_message(summary: ImportSummary, lang: str) -> Message:
    """Render the summary of one imported file and what was read in it."""
    key = "archive.imported" if summary.status == "imported" else "archive.unchanged"
    text = t(
        key,
        lang,
        name=escape(summary.filename),
        date=format_date(summary.meeting_date, lang),
        items=summary.items,
        decisions=summary.decisions,
        attendees=summary.attendees,
    )
    reading = summary.reading
    if reading is None:
        return Message(text=text, blocks=[section_block(text)])
    how = t(
        "archive.read_how",
        lang,
        date_source=t(f"archive.date_source.{reading.date_source}", lang),
        structure=t(f"archive.structure.{reading.structure}", lang),
        confidence=round(100 * reading.confidence),
        participants=reading.participants,
        absent=reading.absent,
    )
    lines: list[str] = []
    for item in reading.items[:READ_ITEMS_SHOWN]:
        if item.decisions:
            first = shorten(" ".join(item.decisions), READ_DECISION_CHARS)
            lines.append(
                t(
                    "archive.read_item",
                    lang,
                    number=escape(item.number),
                    title=escape(shorten(item.title, 80)),
                    decision=escape(first),
                )
            )
        else:
            lines.append(
                t(
                    "archive.read_item_open",
                    lang,
                    number=escape(item.number),
                    title=escape(shorten(item.title, 80)),
                )
            )
    if len(reading.items) > READ_ITEMS_SHOWN:
        lines.append(t("archive.read_more", lang, count=len(reading.items) - READ_ITEMS_SHOWN))
    flags = [t(f"archive.flag.{flag}", lang) for flag in reading.flags]
    blocks = [section_block(text), context_block(how)]
    if lines:
        blocks.append(section_block("\n".join(lines)))
    if flags:
        blocks.append(context_block(t("archive.read_flags", lang, flags="; ".join(flags))))
    if summary.status == "imported":
        blocks.append(
            actions_block(
                [button(t("archive.correct_button", lang), CORRECT_ACTION, str(summary.meeting_id))]
            )
        )
    warning = [t("archive.read_flags", lang, flags="; ".join(flags))] if flags else []
    full = "\n".join([text, how, *lines, *warning])
    return Message(text=full, blocks=blocks)


def _see_also(hits: list[ArchiveHit], lang: str) -> str:
    """Return the "Se også" lines: one per further result, its date, number and title."""
    return "\n".join(
        t(
            "archive.see_also_line",
            lang,
            date=format_date(hit.meeting_date, lang),
            number=escape(hit.item_number),
            title=escape(hit.item_title),
        )
        for hit in hits
    )
