"""Render archive answers and import summaries as Block Kit (pure builders)."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.archive import Answer, ArchiveHit, ImportSummary
from bot.corrections import CORRECT_ACTION
from bot.i18n import t
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
    source = hit.source if hit.source != "slack" else "Slack"
    source = f"<{source}|Slack>" if source.startswith("http") else escape(source)
    return t(
        "archive.source",
        lang,
        status=t(f"archive.status.{hit.minutes_status}", lang),
        source=source,
    )


def answer_message(answer: Answer, lang: str) -> Message:
    """Render an answer: the best item in full for decisions, a dated list for "when"."""
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
        also = "\n".join(
            t(
                "archive.see_also_line",
                lang,
                date=format_date(hit.meeting_date, lang),
                number=escape(hit.item_number),
                title=escape(hit.item_title),
            )
            for hit in rest
        )
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
