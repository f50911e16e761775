"""Export the agenda as Markdown and DOCX in the house layout."""

from __future__ import annotations

import io

from bot.agenda.views import entry_notes, kind_label, section_title
from bot.domain.agenda import Agenda, AgendaEntry
from bot.i18n import t
from bot.meetings import format_when


def _md_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("#", "\\#")


def _plain_when(agenda: Agenda, lang: str) -> tuple[str | None, str | None]:
    if agenda.meeting is None:
        return None, None
    facts = agenda.meeting
    when = format_when(facts.starts_at, facts.ends_at, facts.has_time, facts.timezone, lang)
    return when, facts.location


def _item_parts(entry: AgendaEntry, lang: str) -> list[tuple[str, str | list[str]]]:
    parts: list[tuple[str, str | list[str]]] = []
    if entry.summary:
        parts.append((t("agenda.export.summary", lang), entry.summary))
    if entry.details:
        parts.append((t("agenda.export.summary", lang), list(entry.details)))
    if entry.background:
        parts.append((t("agenda.export.background", lang), entry.background))
    if entry.related:
        parts.append((t("agenda.export.related", lang), entry.related))
    if entry.recommendation:
        parts.append((t("agenda.export.recommendation", lang), entry.recommendation))
    if entry.attachments:
        parts.append(
            (
                t("agenda.export.attachments", lang),
                [f"{a.title} ({a.url})" if a.url else a.title for a in entry.attachments],
            )
        )
    return parts


def _entry_heading(entry: AgendaEntry, lang: str) -> str:
    notes = entry_notes(entry, lang)
    suffix = f" ({', '.join(notes)})" if notes else ""
    return f"{entry.number}. {entry.title}{suffix}"


def agenda_markdown(agenda: Agenda, lang: str, attendance: str | None = None) -> str:
    """Return the agenda as Markdown: contents, then each item with empty Beslutning."""
    when, place = _plain_when(agenda, lang)
    out = [f"# {_md_escape(t('agenda.title', lang, group=agenda.group_name))}", ""]
    if when:
        out.append(f"**{t('agenda.export.date', lang)}:** {_md_escape(when)}  ")
    if place:
        out.append(f"**{t('agenda.export.place', lang)}:** {_md_escape(place)}  ")
    if agenda.version:
        out.append(f"{t('agenda.version', lang, version=agenda.version)}  ")
    if attendance:
        out.append("")
        out += [
            _md_escape(" · ".join(c for c in line.split("\t") if c)) + "  " if line else ""
            for line in attendance.splitlines()
        ]
    out += ["", t("agenda.export.intro", lang), ""]
    for section, entries in agenda.by_section():
        heading = section_title(section, lang)
        if heading:
            out += ["", f"**{heading}:**", ""]
        out += [_md_escape(_entry_heading(e, lang)) for e in entries]
    for entry in agenda.entries:
        out += ["", "---", "", f"## {_md_escape(_entry_heading(entry, lang))}", ""]
        if entry.standing is None:
            meta = kind_label(entry.kind, lang).capitalize()
            if entry.proposer:
                meta += " · " + t("agenda.export.proposer", lang, name=entry.proposer)
            out += [f"*{_md_escape(meta)}*", ""]
        for label, value in _item_parts(entry, lang):
            if isinstance(value, list):
                out.append(f"**{label}:**")
                out += [f"- {_md_escape(v)}" for v in value]
                out.append("")
            else:
                out += [f"**{label}:**", "", _md_escape(value), ""]
        out += [f"**{t('agenda.export.decision', lang)}:**", "", ""]
    return "\n".join(out).rstrip() + "\n"


def agenda_docx(agenda: Agenda, lang: str, attendance: str | None = None) -> bytes:
    """Return the agenda as a Word document in the same layout as the Markdown export."""
    from docx import Document

    document = Document()
    document.add_heading(t("agenda.title", lang, group=agenda.group_name), level=0)
    when, place = _plain_when(agenda, lang)
    for heading_label, heading_value in (
        (t("agenda.export.date", lang), when),
        (t("agenda.export.place", lang), place),
    ):
        if heading_value:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{heading_label}: ").bold = True
            paragraph.add_run(heading_value)
    if attendance:
        # The participants' table of the minutes header: tab-separated rows as in the corpus.
        for line in attendance.splitlines():
            if line:
                document.add_paragraph(line)
    if agenda.version:
        document.add_paragraph(t("agenda.version", lang, version=agenda.version))
    document.add_paragraph(t("agenda.export.intro", lang))
    for section, entries in agenda.by_section():
        heading = section_title(section, lang)
        if heading:
            document.add_paragraph().add_run(f"{heading}:").bold = True
        for entry in entries:
            document.add_paragraph(_entry_heading(entry, lang))
    for entry in agenda.entries:
        document.add_heading(_entry_heading(entry, lang), level=2)
        if entry.standing is None:
            meta = kind_label(entry.kind, lang).capitalize()
            if entry.proposer:
                meta += " · " + t("agenda.export.proposer", lang, name=entry.proposer)
            document.add_paragraph().add_run(meta).italic = True
        for label, value in _item_parts(entry, lang):
            document.add_paragraph().add_run(f"{label}:").bold = True
            if isinstance(value, list):
                for line in value:
                    document.add_paragraph(line, style="List Bullet")
            else:
                for line in value.splitlines() or [value]:
                    document.add_paragraph(line)
        document.add_paragraph().add_run(f"{t('agenda.export.decision', lang)}:").bold = True
        document.add_paragraph("")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
