"""Block Kit of the agenda: the published agenda, the draft and a proposal (pure, no session)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from bot.domain import agenda as rules
from bot.domain.agenda import Agenda, AgendaEntry, AttachmentRef, Origin, Section
from bot.domain.enums import ItemKind, ItemStatus
from bot.i18n import t
from bot.meetings import format_when
from bot.ports import Message
from bot.render import (
    actions_block,
    button,
    context_block,
    divider_block,
    escape,
    header_block,
    limit_blocks,
    section_block,
    shorten,
    user_link,
)

SECTION_CHUNK = 2800


@dataclass(frozen=True)
class HintView:
    """An earlier decision shown with a proposal."""

    label: str
    decisions: tuple[str, ...]
    earlier_item_id: int | None


@dataclass(frozen=True)
class ProposalView:
    """What a proposal's confirmation shows."""

    item_id: int
    number: str
    title: str
    kind: ItemKind
    status: ItemStatus
    meeting: str
    proposer: str | None
    summary: str | None
    recommendation: str | None
    attachments: tuple[AttachmentRef, ...]
    late: bool
    deadline: str
    reject_reason: str | None = None
    postponed_to: str | None = None
    related: str | None = None
    hints: tuple[HintView, ...] = ()


def _links(refs: Iterable[AttachmentRef]) -> str:
    parts = []
    for ref in refs:
        title = shorten(ref.title, 120)
        parts.append(user_link(ref.url, title) if ref.url else escape(title))
    return ", ".join(parts)


def kind_label(kind: ItemKind | str, lang: str) -> str:
    """Return "til beslutning" / "for decision" for an item kind."""
    return t(f"agenda.kind.{ItemKind(kind).value}", lang)


def proposal_message(view: ProposalView, lang: str) -> Message:
    """Build the confirmation of a proposal: the item as the agenda will show it, and buttons."""
    heading = t("proposal.confirm.heading", lang, meeting=view.meeting)
    line = t(
        "proposal.confirm.item",
        lang,
        number=view.number or "–",
        title=escape(view.title),
        kind=kind_label(view.kind, lang),
        proposer=escape(view.proposer or "?"),
    )
    body = [f"{heading}\n{line}"]
    if view.summary:
        body.append(t("proposal.confirm.summary", lang, text=escape(shorten(view.summary, 800))))
    if view.recommendation:
        body.append(
            t(
                "proposal.confirm.recommendation",
                lang,
                text=escape(shorten(view.recommendation, 800)),
            )
        )
    if view.attachments:
        body.append(t("proposal.confirm.attachments", lang, links=_links(view.attachments)))
    if view.related:
        body.append(t("agenda.note.related", lang, ref=view.related))
    status_key = f"proposal.status_line.{view.status.value}"
    status = t(
        status_key,
        lang,
        number=view.number or "–",
        reason=escape(view.reject_reason or ""),
        date=view.postponed_to or "?",
    )
    notes = [status]
    if view.late:
        notes.append(t("proposal.confirm.late", lang, deadline=view.deadline))
    blocks: list[dict[str, Any]] = [
        section_block("\n".join(body)),
        context_block(" · ".join(notes)),
    ]
    if view.status in (ItemStatus.PROPOSED, ItemStatus.ACCEPTED):
        blocks.append(
            actions_block(
                [
                    button(t("proposal.button.edit", lang), "proposal_edit", str(view.item_id)),
                    {
                        **button(
                            t("proposal.button.withdraw", lang),
                            "proposal_withdraw",
                            str(view.item_id),
                            style="danger",
                        ),
                        "confirm": _confirm(
                            t("proposal.withdraw.confirm_title", lang),
                            t("proposal.withdraw.confirm_text", lang),
                            t("proposal.button.withdraw", lang),
                            t("meetings.cancel_word", lang),
                        ),
                    },
                ]
            )
        )
    if view.hints:
        blocks.append(divider_block())
        blocks.append(section_block(t("proposal.hint.heading", lang)))
        for index, hint in enumerate(view.hints):
            text = hint.label + "".join(f"\n• {d}" for d in hint.decisions)
            accessory = None
            if hint.earlier_item_id is not None:
                accessory = overflow(
                    "proposal_hint",
                    [
                        (
                            t("proposal.hint.link", lang),
                            f"link|{view.item_id}|{hint.earlier_item_id}",
                        ),
                        (
                            t("proposal.hint.merge", lang),
                            f"merge|{view.item_id}|{hint.earlier_item_id}",
                        ),
                        (
                            t("proposal.hint.reject", lang),
                            f"reject|{view.item_id}|{hint.earlier_item_id}",
                        ),
                    ],
                )
            block = section_block(text, accessory=accessory)
            block["block_id"] = f"hint-{index}"
            blocks.append(block)
        blocks.append(context_block(t("proposal.hint.footer", lang)))
    fallback = f"{heading} {line}"
    return Message(text=fallback, blocks=blocks)


def _confirm(title: str, text: str, yes: str, no: str) -> dict[str, Any]:
    return {
        "title": {"type": "plain_text", "text": shorten(title, 100)},
        "text": {"type": "plain_text", "text": shorten(text, 300)},
        "confirm": {"type": "plain_text", "text": shorten(yes, 30)},
        "deny": {"type": "plain_text", "text": shorten(no, 30)},
    }


def overflow(action_id: str, options: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """Return an overflow menu (2–5 options; texts and values within Slack's limits)."""
    return {
        "type": "overflow",
        "action_id": action_id,
        "options": [
            {"text": {"type": "plain_text", "text": shorten(text, 75)}, "value": value[:75]}
            for text, value in options[:5]
        ],
    }


def entry_notes(entry: AgendaEntry, lang: str) -> list[str]:
    """Return the short notes after an entry's title: udsat fra, eftersendt, udsat til."""
    notes = []
    if entry.carried_from and entry.origin == Origin.CARRIED:
        notes.append(t("agenda.note.carried", lang, date=entry.carried_from))
    if entry.carried_from and entry.origin == Origin.NEXT_LIST:
        notes.append(t("agenda.note.next_list", lang, date=entry.carried_from))
    if entry.is_late:
        notes.append(t("agenda.note.late", lang))
    if entry.status == ItemStatus.POSTPONED:
        notes.append(t("agenda.note.postponed_to", lang, date=entry.postponed_to or "?"))
    return notes


def entry_line(entry: AgendaEntry, lang: str, *, with_details: bool = True) -> str:
    """Return one entry as mrkdwn: number, title, notes, kind, proposer and bilag."""
    notes = entry_notes(entry, lang)
    title = escape(entry.title)
    head = f"*{entry.number}.* {title}" if entry.number else title
    if notes:
        head += f" _({', '.join(notes)})_"
    meta = []
    if entry.standing is None:
        meta.append(kind_label(entry.kind, lang))
    if entry.proposer:
        meta.append(escape(entry.proposer))
    if entry.attachments:
        meta.append(t("agenda.attachments_inline", lang, links=_links(entry.attachments)))
    if entry.related:
        meta.append(t("agenda.note.related", lang, ref=entry.related))
    lines = [head]
    if meta:
        lines.append("      " + " · ".join(meta))
    if with_details:
        lines += [f"      • {escape(d)}" for d in entry.details[:10]]
    return "\n".join(lines)


def _heading_lines(agenda: Agenda, lang: str) -> list[str]:
    lines = []
    if agenda.meeting is not None:
        facts = agenda.meeting
        when = format_when(facts.starts_at, facts.ends_at, facts.has_time, facts.timezone, lang)
        lines.append(t("agenda.heading.when", lang, when=when))
        if facts.location:
            lines.append(t("agenda.heading.place", lang, place=escape(facts.location)))
    return lines


def section_title(section: Section, lang: str) -> str | None:
    """Return the heading of an agenda section, or None for the opening and closing."""
    if section in (Section.DECISION, Section.INFORMATION):
        return t(f"agenda.section.{section.value}", lang)
    return None


def _chunks(lines: Sequence[str], limit: int = SECTION_CHUNK) -> list[str]:
    chunks: list[str] = []
    current = ""
    for line in lines:
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit and current:
            chunks.append(current)
            current = line
        else:
            current = candidate
    if current:
        chunks.append(current)
    return chunks


def agenda_blocks(agenda: Agenda, lang: str) -> list[dict[str, Any]]:
    """Return the agenda as the channel sees it: heading, sections and numbered items."""
    title = t("agenda.title", lang, group=agenda.group_name)
    blocks: list[dict[str, Any]] = [header_block(title)]
    heading = _heading_lines(agenda, lang)
    if agenda.version:
        heading.append(t("agenda.version", lang, version=agenda.version))
    if heading:
        blocks.append(context_block(" · ".join(heading)))
    if agenda.changes:
        blocks.append(section_block(changes_text(agenda, lang)))
    lines: list[str] = []
    for section, entries in agenda.by_section():
        heading_text = section_title(section, lang)
        if heading_text:
            lines.append(f"\n*{heading_text}*")
        lines += [entry_line(e, lang) for e in entries]
    blocks += [section_block(chunk) for chunk in _chunks(lines)]
    return limit_blocks(blocks)


def changes_text(agenda: Agenda, lang: str) -> str:
    """Return the changes since the last published version, as mrkdwn."""
    changes = agenda.changes
    if not changes:
        return ""
    lines = [t("agenda.changes.heading", lang, version=changes.since)]
    lines += [
        t("agenda.changes.added", lang, number=n, title=escape(title)) for n, title in changes.added
    ]
    lines += [
        t("agenda.changes.removed", lang, number=n, title=escape(title))
        for n, title in changes.removed
    ]
    for change in changes.changed:
        if change.old_title != change.title:
            lines.append(
                t(
                    "agenda.changes.retitled",
                    lang,
                    number=change.number,
                    old=escape(change.old_title),
                    title=escape(change.title),
                )
            )
        elif change.kind_changed:
            lines.append(
                t("agenda.changes.kind", lang, number=change.number, title=escape(change.title))
            )
        if change.old_number != change.number:
            lines.append(
                t(
                    "agenda.changes.renumbered",
                    lang,
                    old=change.old_number,
                    number=change.number,
                    title=escape(change.title),
                )
            )
    return "\n".join(lines)


def _entry_menu(agenda: Agenda, entry: AgendaEntry, lang: str) -> dict[str, Any] | None:
    if not entry.movable:
        return None
    mid = agenda.meeting_id
    options: list[tuple[str, str]] = []
    if rules.neighbour(agenda, entry.key, -1) is not None:
        options.append((t("agenda.menu.up", lang), f"up|{mid}|{entry.key}"))
    if rules.neighbour(agenda, entry.key, 1) is not None:
        options.append((t("agenda.menu.down", lang), f"down|{mid}|{entry.key}"))
    if entry.standing is None:
        options.append((t("agenda.menu.kind", lang), f"kind|{mid}|{entry.key}"))
        if entry.status != ItemStatus.POSTPONED:
            options.append((t("agenda.menu.postpone", lang), f"postpone|{mid}|{entry.key}"))
    if entry.status != ItemStatus.POSTPONED:
        options.append((t("agenda.menu.reject", lang), f"reject|{mid}|{entry.key}"))
    if len(options) < 2:
        return None
    return overflow("agenda_entry", options)


def draft_blocks(
    agenda: Agenda, lang: str, *, officer: bool, limit: int = 50
) -> list[dict[str, Any]]:
    """Return the draft agenda with the chair's controls (menus, accept/reject, publish)."""
    if not officer:
        return agenda_blocks(agenda, lang)
    mid = agenda.meeting_id
    title = t("agenda.draft.title", lang, group=agenda.group_name)
    blocks: list[dict[str, Any]] = [header_block(title)]
    heading = _heading_lines(agenda, lang)
    state = (
        t("agenda.draft.published", lang, version=agenda.version)
        if agenda.published
        else t("agenda.draft.unpublished", lang)
    )
    blocks.append(context_block(" · ".join([*heading, state])))
    if agenda.changes:
        blocks.append(section_block(changes_text(agenda, lang)))
    publish_text = (
        t("agenda.button.publish_again", lang, version=agenda.version + 1)
        if agenda.published
        else t("agenda.button.publish", lang)
    )
    controls = []
    if not agenda.published or agenda.changes:
        controls.append(button(publish_text, "agenda_publish", str(mid), style="primary"))
    controls += [
        button(t("agenda.button.export_docx", lang), "agenda_export_docx", f"docx|{mid}"),
        button(t("agenda.button.export_md", lang), "agenda_export_md", f"md|{mid}"),
    ]
    body: list[dict[str, Any]] = []
    for section, entries in agenda.by_section():
        heading_text = section_title(section, lang)
        if heading_text:
            body.append(section_block(f"*{heading_text}*"))
        for entry in entries:
            body.append(
                section_block(entry_line(entry, lang), accessory=_entry_menu(agenda, entry, lang))
            )
    if agenda.pending:
        body.append(divider_block())
        body.append(section_block(t("agenda.pending.heading", lang, count=len(agenda.pending))))
        for index, entry in enumerate(agenda.pending, start=1):
            preview = rules.preview_number(agenda, entry.key) or ""
            line = t(
                "agenda.pending.line",
                lang,
                ref=f"F{index}",
                number=preview,
                line=entry_line(entry, lang),
            )
            body.append(section_block(line))
            body.append(
                actions_block(
                    [
                        button(
                            t("agenda.button.accept", lang),
                            "agenda_accept",
                            f"{mid}|{entry.key}",
                            style="primary",
                        ),
                        button(
                            t("agenda.button.reject", lang), "agenda_reject", f"{mid}|{entry.key}"
                        ),
                        button(
                            t("agenda.button.postpone", lang),
                            "agenda_postpone",
                            f"{mid}|{entry.key}",
                        ),
                        button(t("agenda.button.kind", lang), "agenda_kind", f"{mid}|{entry.key}"),
                    ]
                )
            )
    if agenda.set_aside:
        names = ", ".join(
            f"{escape(shorten(e.title, 60))} ({t(f'proposal.status.{e.status.value}', lang)})"
            for e in agenda.set_aside[:10]
        )
        body.append(context_block(t("agenda.set_aside", lang, items=names)))
    room = limit - len(blocks) - 1
    if len(body) > room:
        body = [*body[: room - 1], context_block(t("agenda.draft.truncated", lang))]
    return [*blocks, *body, actions_block(controls)]
