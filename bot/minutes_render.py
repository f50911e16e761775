"""Block Kit for the approval of the minutes: the request, live count, outcome, DMs (pure)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from bot.domain.approval import Change, ItemSnapshot, Snapshot
from bot.domain.enums import ApprovalPolicy, MinutesStatus
from bot.i18n import t
from bot.meetings import format_day
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
    slack_date,
)

SHOW_ITEM_ACTION = "approval_show_item"
HANDLE_ACTION = "approval_handle_objection"
HANDLE_VIEW = "approval_handle_submit"
DECISION_PREVIEW = 160
DECISIONS_SHOWN = 3
ITEM_BLOCKS = 30
NAMES_SHOWN = 40


@dataclass(frozen=True)
class PersonLine:
    """One person in a list of answers, with when they answered."""

    name: str
    at: datetime | None = None
    slack_user_id: str | None = None


@dataclass(frozen=True)
class ObjectionLine:
    """One objection as shown: who, when, what, and how it was handled."""

    objection_id: int
    name: str
    at: datetime
    text: str | None
    reaction: str | None
    status: str
    note: str | None = None
    handled_by: str | None = None
    handled_at: datetime | None = None
    withdrawn: bool = False


@dataclass(frozen=True)
class RoundView:
    """Everything the messages of one approval round show, read from the database."""

    minutes_id: int
    group_name: str
    meeting_day: date
    meeting_start: datetime
    version: int
    status: str
    policy: str
    tz: str
    posted_at: datetime
    deadline: datetime | None
    settled_at: datetime | None
    snapshot: Snapshot
    approve_emojis: Sequence[str]
    object_emojis: Sequence[str]
    total: int
    approved: Sequence[PersonLine] = ()
    objected: Sequence[PersonLine] = ()
    missing: Sequence[PersonLine] = ()
    objections: Sequence[ObjectionLine] = ()
    signers: Sequence[PersonLine] = ()
    quorum: int | None = None
    changes: Sequence[Change] = ()
    file_name: str | None = None
    file_link: str | None = None
    weekday_after: bool = False
    newer_version: int | None = None
    link: str | None = None
    earlier_versions: int = 0
    poster: str | None = None

    @property
    def open_objections(self) -> list[ObjectionLine]:
        """Return the objections still open."""
        return [o for o in self.objections if o.status == "open"]


@dataclass(frozen=True)
class DraftView:
    """What a generated draft of the minutes holds."""

    group_name: str
    when: str
    place: str | None
    attendance_text: str
    items: Sequence[DraftItem] = field(default_factory=tuple)


@dataclass(frozen=True)
class DraftItem:
    """One item of a generated draft."""

    number: str
    title: str
    recommendation: str | None
    decisions: Sequence[str]


# ---------------------------------------------------------------------------------------
# Small pieces
# ---------------------------------------------------------------------------------------


def meeting_text(view: RoundView, lang: str) -> str:
    """Return "15. marts 2024" for the round's meeting."""
    return format_day(view.meeting_day, lang, weekday=False)


def emoji_list(names: Sequence[str]) -> str:
    """Return emoji names as Slack shows them (":white_check_mark: :+1:")."""
    return " ".join(f":{name}:" for name in names)


def names_text(people: Sequence[PersonLine], lang: str) -> str:
    """Return names as one line ("Pia Bille, Bo Gammelgaard"), cut after many."""
    if not people:
        return t("approval.nobody", lang)
    shown = [escape(p.name) for p in people[:NAMES_SHOWN]]
    if len(people) > NAMES_SHOWN:
        shown.append(t("approval.and_more", lang, count=len(people) - NAMES_SHOWN))
    return ", ".join(shown)


def count_line(view: RoundView, lang: str) -> str:
    """Return the live line: "5 af 9 har godkendt · 1 indsigelse · 3 mangler"."""
    parts = [t("approval.count.approved", lang, approved=len(view.approved), total=view.total)]
    open_count = len(view.open_objections)
    if open_count == 1:
        parts.append(t("approval.count.objection_one", lang))
    elif open_count > 1:
        parts.append(t("approval.count.objection_many", lang, count=open_count))
    parts.append(t("approval.count.missing", lang, count=len(view.missing)))
    return " · ".join(parts)


def deadline_text(view: RoundView, lang: str) -> str:
    """Return the deadline with Slack's date token ("senest ugedagen efter mødet")."""
    if view.deadline is None:
        return t("approval.no_deadline", lang)
    when = slack_date(view.deadline, view.tz)
    if view.weekday_after and view.version == 1:
        return t("approval.deadline_weekday", lang, when=when)
    return when


def policy_text(view: RoundView, lang: str) -> str:
    """Return how this round is decided, in a sentence for the members."""
    policy = ApprovalPolicy(view.policy)
    if policy == ApprovalPolicy.EXPLICIT:
        needed = view.quorum if view.quorum else view.total
        if needed >= view.total:
            return t("approval.policy.explicit_all", lang)
        return t("approval.policy.explicit_quorum", lang, count=needed, total=view.total)
    if policy == ApprovalPolicy.JUSTERING:
        return t("approval.policy.justering", lang, names=names_text(view.signers, lang))
    return t("approval.policy.tacit", lang)


def how_to_answer(view: RoundView, lang: str) -> str:
    """Return the line telling members how to approve or object."""
    return t(
        "approval.how",
        lang,
        approve=emoji_list(view.approve_emojis),
        object=emoji_list(view.object_emojis),
    )


def _item_text(item: ItemSnapshot, lang: str, *, full: bool) -> tuple[str, bool]:
    heading = f"*{escape(item.number)}. {escape(item.title)}*"
    if not item.decisions:
        return f"{heading}\n_{t('approval.no_decision', lang)}_", False
    shown = item.decisions if full else item.decisions[:DECISIONS_SHOWN]
    lines = [
        f"• {escape(d if full else shorten(' '.join(d.split()), DECISION_PREVIEW))}" for d in shown
    ]
    cut = not full and (
        len(item.decisions) > DECISIONS_SHOWN
        or any(len(" ".join(d.split())) > DECISION_PREVIEW for d in item.decisions)
    )
    if not full and len(item.decisions) > DECISIONS_SHOWN:
        lines.append(
            f"_{t('approval.more_decisions', lang, count=len(item.decisions) - DECISIONS_SHOWN)}_"
        )
    return heading + "\n" + "\n".join(lines), cut


def item_value(minutes_id: int, number: str) -> str:
    """Return the value of the "show whole item" button: which version, which item."""
    return f"{minutes_id}:{number}"


def read_item_value(value: str) -> tuple[int, str] | None:
    """Read a "show whole item" button value; None when it is not one."""
    head, _, number = value.partition(":")
    if not head.isdigit() or not number:
        return None
    return int(head), number


def _item_blocks(view: RoundView, lang: str) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = []
    items = list(view.snapshot.items)
    for index, item in enumerate(items):
        if len(blocks) >= ITEM_BLOCKS - 1 and index < len(items) - 1:
            rest = items[index:]
            lines = [f"*{escape(i.number)}. {escape(i.title)}*" for i in rest]
            blocks.append(
                section_block(
                    t("approval.more_items", lang, count=len(rest)) + "\n" + "\n".join(lines)
                )
            )
            break
        text, cut = _item_text(item, lang, full=False)
        accessory = (
            button(
                t("approval.show_item", lang),
                SHOW_ITEM_ACTION,
                item_value(view.minutes_id, item.number),
            )
            if cut
            else None
        )
        blocks.append(section_block(text, accessory=accessory))
    return blocks


def attendance_text(snapshot: Snapshot, lang: str) -> str:
    """Return the attendance block of a version as three short lines of names."""
    lines = [
        t(
            "approval.attendance.participants",
            lang,
            names=", ".join(escape(n) for n in snapshot.participants) or "–",
        )
    ]
    if snapshot.guests:
        lines.append(
            t(
                "approval.attendance.guests",
                lang,
                names=", ".join(escape(n) for n in snapshot.guests),
            )
        )
    lines.append(
        t(
            "approval.attendance.absent",
            lang,
            names=", ".join(escape(n) for n in snapshot.absent) or "–",
        )
    )
    return "\n".join(lines)


def change_line(change: Change, lang: str) -> str:
    """Return one change of a revision as a line."""
    return t(
        f"approval.change.{change.kind}",
        lang,
        number=escape(change.number),
        title=escape(shorten(change.title, 80)),
        old=escape(shorten(change.old or "", 140)),
        new=escape(shorten(change.new or "", 140)),
    )


def changes_text(changes: Sequence[Change], lang: str, limit: int = 12) -> str:
    """Return what a revision changed, one bullet per change (cut after a dozen)."""
    if not changes:
        return t("approval.change.none", lang)
    lines = [f"• {change_line(c, lang)}" for c in changes[:limit]]
    if len(changes) > limit:
        lines.append(t("approval.and_more", lang, count=len(changes) - limit))
    return "\n".join(lines)


def _state_line(view: RoundView, lang: str) -> str | None:
    if view.status == MinutesStatus.APPROVED and view.settled_at is not None:
        return t("approval.state.approved", lang, when=slack_date(view.settled_at, view.tz))
    if view.status == MinutesStatus.SUPERSEDED:
        return t("approval.state.superseded", lang, version=view.newer_version or "?")
    if view.status == MinutesStatus.STALLED:
        return t("approval.state.stalled", lang)
    return None


# ---------------------------------------------------------------------------------------
# The request in the channel
# ---------------------------------------------------------------------------------------


def request_message(view: RoundView, lang: str) -> Message:
    """Render the approval request: meeting, attendance, decisions, file, deadline, how."""
    meeting = meeting_text(view, lang)
    title = (
        t("approval.request.title", lang, group=view.group_name, date=meeting)
        if view.version == 1
        else t(
            "approval.request.title_revised",
            lang,
            group=view.group_name,
            date=meeting,
            version=view.version,
        )
    )
    intro = t(
        "approval.request.intro",
        lang,
        date=meeting,
        deadline=deadline_text(view, lang),
        policy=policy_text(view, lang),
    )
    blocks: list[dict[str, Any]] = [header_block(title), section_block(intro)]
    if view.changes or view.version > 1:
        blocks.append(
            section_block(
                t("approval.request.changes", lang, version=view.version - 1)
                + "\n"
                + changes_text(view.changes, lang)
            )
        )
    blocks.append(section_block(attendance_text(view.snapshot, lang)))
    blocks.append(divider_block())
    blocks += _item_blocks(view, lang)
    blocks.append(divider_block())
    if view.file_link:
        file_line = t(
            "approval.request.file_link",
            lang,
            link=view.file_link,
            name=escape(view.file_name or "referat"),
        )
    else:
        file_line = t("approval.request.file_thread", lang, name=escape(view.file_name or ""))
    blocks.append(section_block(file_line))
    blocks.append(context_block(how_to_answer(view, lang)))
    state = _state_line(view, lang)
    live = count_line(view, lang) if state is None else f"{state} · {count_line(view, lang)}"
    blocks.append(context_block(live))
    # The header is plain text (it pings nobody); the notification text is parsed.
    text = f"{escape(title)}\n{intro}\n{live}"
    return Message(text=text, blocks=limit_blocks(blocks))


def item_message(view: RoundView, number: str, lang: str) -> Message:
    """Render one item of a version in full (the "show whole item" button)."""
    for item in view.snapshot.items:
        if item.number == number:
            text, _ = _item_text(item, lang, full=True)
            heading = t(
                "approval.item_heading", lang, date=meeting_text(view, lang), version=view.version
            )
            return Message(
                text=f"{heading}\n{text}", blocks=[context_block(heading), section_block(text)]
            )
    return Message(t("approval.item_gone", lang))


# ---------------------------------------------------------------------------------------
# Settling
# ---------------------------------------------------------------------------------------


def approved_headline(view: RoundView, lang: str) -> str:
    """Return the channel's line: "Referatet fra mødet 15. marts er godkendt: 7 godkendte, 2 stiltiende"."""
    meeting = meeting_text(view, lang)
    explicit = len(view.approved)
    tacit = len(view.missing)
    if ApprovalPolicy(view.policy) == ApprovalPolicy.EXPLICIT or tacit == 0:
        return t("approval.approved.headline_explicit", lang, date=meeting, approved=explicit)
    return t("approval.approved.headline", lang, date=meeting, approved=explicit, tacit=tacit)


def approved_thread_message(view: RoundView, lang: str) -> Message:
    """Render the outcome in the thread: who approved, who stayed silent, handled objections."""
    headline = approved_headline(view, lang)
    lines = [headline, t("approval.approved.by", lang, names=names_text(view.approved, lang))]
    if view.missing and ApprovalPolicy(view.policy) != ApprovalPolicy.EXPLICIT:
        lines.append(t("approval.approved.tacit", lang, names=names_text(view.missing, lang)))
    handled = [o for o in view.objections if o.status != "open" and not o.withdrawn]
    if handled:
        lines.append(
            t(
                "approval.approved.handled",
                lang,
                names=", ".join(escape(o.name) for o in handled),
            )
        )
    text = "\n".join(lines)
    return Message(text=text, blocks=[section_block(text)])


def approved_channel_message(view: RoundView, lang: str) -> Message:
    """Render the outcome for the channel, with a link to the request."""
    headline = approved_headline(view, lang)
    text = headline
    if view.link:
        text += " " + t("approval.see_thread", lang, link=view.link)
    return Message(text=text, blocks=[section_block(text)])


def stalled_thread_message(view: RoundView, lang: str) -> Message:
    """Render the note in the thread that the deadline passed without approval."""
    text = (
        t("approval.stalled.thread", lang, date=meeting_text(view, lang))
        + "\n"
        + _stall_why(view, lang)
    )
    return Message(text=text, blocks=[section_block(text)])


def _stall_why(view: RoundView, lang: str) -> str:
    lines: list[str] = []
    open_objections = view.open_objections
    if open_objections:
        lines.append(
            t(
                "approval.stalled.objections",
                lang,
                count=len(open_objections),
                names=", ".join(escape(o.name) for o in open_objections),
            )
        )
    policy = ApprovalPolicy(view.policy)
    if policy == ApprovalPolicy.EXPLICIT:
        needed = view.quorum if view.quorum else view.total
        if len(view.approved) < needed:
            waiting = [p for p in view.missing] + [p for p in view.objected]
            lines.append(
                t(
                    "approval.stalled.missing_explicit",
                    lang,
                    approved=len(view.approved),
                    needed=needed,
                    names=names_text(waiting, lang),
                )
            )
    elif policy == ApprovalPolicy.JUSTERING:
        approved = {p.name for p in view.approved}
        waiting = [s for s in view.signers if s.name not in approved]
        if waiting:
            lines.append(
                t("approval.stalled.missing_signers", lang, names=names_text(waiting, lang))
            )
    return "\n".join(lines)


def stalled_dm(view: RoundView, lang: str) -> Message:
    """Render the secretary's DM at a deadline that passed without approval."""
    text = t(
        "approval.stalled.dm", lang, date=meeting_text(view, lang), group=escape(view.group_name)
    )
    why = _stall_why(view, lang)
    if why:
        text += "\n" + why
    hint = t("approval.stalled.hint", lang)
    if view.link:
        hint += " " + t("approval.see_thread", lang, link=view.link)
    return Message(text=f"{text}\n{hint}", blocks=[section_block(text), context_block(hint)])


# ---------------------------------------------------------------------------------------
# Objections and reminders
# ---------------------------------------------------------------------------------------


def objection_dm(view: RoundView, objection: ObjectionLine, lang: str) -> Message:
    """Render the secretary's DM about a new objection, with the "handled" button."""
    meeting = meeting_text(view, lang)
    if objection.text:
        body = t(
            "approval.objection.dm_text",
            lang,
            name=escape(objection.name),
            date=meeting,
            group=escape(view.group_name),
            text=escape(shorten(objection.text, 2000)),
        )
    else:
        body = t(
            "approval.objection.dm_reaction",
            lang,
            name=escape(objection.name),
            date=meeting,
            group=escape(view.group_name),
            emoji=f":{objection.reaction or 'x'}:",
        )
    hint = t("approval.objection.dm_hint", lang)
    if view.link:
        hint += " " + t("approval.see_thread", lang, link=view.link)
    blocks = [
        section_block(body),
        actions_block(
            [
                button(
                    t("approval.objection.handle_button", lang),
                    HANDLE_ACTION,
                    str(objection.objection_id),
                    style="primary",
                )
            ]
        ),
        context_block(hint),
    ]
    return Message(text=f"{body}\n{hint}", blocks=blocks)


def handled_thread_message(
    objection: ObjectionLine, objector_user: str | None, actor: str, note: str, lang: str
) -> Message:
    """Render the thread note that an objection was handled, and how."""
    who = f"<@{objector_user}>" if objector_user else escape(objection.name)
    text = t(
        "approval.objection.handled_thread",
        lang,
        who=who,
        actor=escape(actor),
        note=escape(shorten(note, 2000)),
    )
    return Message(text=text, blocks=[section_block(text)])


def handle_modal(objection: ObjectionLine, lang: str, metadata: str) -> dict[str, Any]:
    """Return the modal in which the secretary writes how an objection was handled."""
    quoted = objection.text or f":{objection.reaction or 'x'}:"
    return {
        "type": "modal",
        "callback_id": HANDLE_VIEW,
        "private_metadata": metadata,
        "title": {"type": "plain_text", "text": t("approval.modal.title", lang)},
        "submit": {"type": "plain_text", "text": t("approval.modal.submit", lang)},
        "close": {"type": "plain_text", "text": t("approval.modal.close", lang)},
        "blocks": [
            section_block(
                t(
                    "approval.modal.objection",
                    lang,
                    name=escape(objection.name),
                    text=escape(shorten(quoted, 2500)),
                )
            ),
            {
                "type": "input",
                "block_id": "note",
                "label": {"type": "plain_text", "text": t("approval.modal.label", lang)},
                "element": {
                    "type": "plain_text_input",
                    "action_id": "value",
                    "multiline": True,
                    "max_length": 2000,
                    "placeholder": {
                        "type": "plain_text",
                        "text": t("approval.modal.placeholder", lang),
                    },
                },
            },
        ],
    }


def reminder_dm(view: RoundView, lang: str) -> Message:
    """Render the reminder to a member who has neither approved nor objected."""
    text = t(
        "approval.reminder.text",
        lang,
        group=escape(view.group_name),
        date=meeting_text(view, lang),
        deadline=deadline_text(view, lang),
    )
    policy = ApprovalPolicy(view.policy)
    key = (
        "approval.reminder.explicit"
        if policy == ApprovalPolicy.EXPLICIT
        else "approval.reminder.tacit"
    )
    hint = t(key, lang) + " " + how_to_answer(view, lang)
    if view.link:
        hint += " " + t("approval.see_request", lang, link=view.link)
    return Message(text=f"{text}\n{hint}", blocks=[section_block(text), context_block(hint)])


def revised_thread_message(new_version: int, link: str | None, lang: str) -> Message:
    """Render the note in an old version's thread that a revision replaced it."""
    text = t("approval.revised.thread", lang, version=new_version)
    if link:
        text += " " + t("approval.see_request", lang, link=link)
    return Message(text=text, blocks=[section_block(text)])


# ---------------------------------------------------------------------------------------
# Status
# ---------------------------------------------------------------------------------------


def _person_at(person: PersonLine, tz: str) -> str:
    if person.at is None:
        return escape(person.name)
    return f"{escape(person.name)} ({slack_date(person.at, tz)})"


def status_message(view: RoundView, lang: str) -> Message:
    """Render who approved, objected or stayed silent in a round, and when."""
    meeting = meeting_text(view, lang)
    title = t(
        "approval.status.title",
        lang,
        group=view.group_name,
        date=meeting,
        version=view.version,
    )
    state = _state_line(view, lang) or t(
        "approval.status.open", lang, deadline=deadline_text(view, lang)
    )
    settled = view.status in (MinutesStatus.APPROVED, MinutesStatus.SUPERSEDED)
    lines = [state, count_line(view, lang)]
    if not settled:
        lines.append(policy_text(view, lang))
    approved = [_person_at(p, view.tz) for p in view.approved]
    lines.append(
        t("approval.status.approved", lang, names=", ".join(approved) or t("approval.nobody", lang))
    )
    objection_lines: list[str] = []
    for objection in view.objections:
        what = escape(shorten(objection.text, 200)) if objection.text else f":{objection.reaction}:"
        line = f"{escape(objection.name)} ({slack_date(objection.at, view.tz)}): {what}"
        if objection.withdrawn:
            line += " — " + t("approval.status.withdrawn", lang)
        elif objection.status == "handled":
            line += " — " + t(
                "approval.status.handled",
                lang,
                note=escape(shorten(objection.note or "", 200)),
            )
        elif objection.status == "revised":
            line += " — " + t("approval.status.revised", lang)
        objection_lines.append(f"• {line}")
    if objection_lines:
        lines.append(t("approval.status.objections", lang) + "\n" + "\n".join(objection_lines))
    if ApprovalPolicy(view.policy) == ApprovalPolicy.EXPLICIT:
        silent_key = "approval.status.silent_explicit"
    elif view.status == MinutesStatus.APPROVED:
        silent_key = "approval.status.silent_approved"
    else:
        silent_key = "approval.status.silent"
    lines.append(t(silent_key, lang, names=names_text(view.missing, lang)))
    if view.earlier_versions:
        lines.append(t("approval.status.versions", lang, count=view.earlier_versions))
    text = "\n".join(lines)
    if view.link:
        text += "\n" + t("approval.see_request", lang, link=view.link)
    return Message(
        text=f"{escape(title)}\n{text}", blocks=[header_block(title), section_block(text)]
    )


def home_line(view: RoundView, answered: bool, lang: str) -> str:
    """Return one open round as a line of the Home tab."""
    key = "approval.home.answered" if answered else "approval.home.waiting"
    line = t(
        key,
        lang,
        group=escape(view.group_name),
        date=meeting_text(view, lang),
        deadline=deadline_text(view, lang),
    )
    if view.link:
        line += " " + t("approval.see_request", lang, link=view.link)
    return line


# ---------------------------------------------------------------------------------------
# The generated draft
# ---------------------------------------------------------------------------------------


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("#", "\\#")


def draft_markdown(draft: DraftView, lang: str) -> str:
    """Return a draft of the minutes in the house layout: header, attendance, items, decisions."""
    out = [
        f"# {_md(t('approval.draft.title', lang, group=draft.group_name))}",
        "",
        f"{t('approval.draft.date', lang)}: {_md(draft.when)}",
        "",
    ]
    if draft.place:
        out += [f"{t('approval.draft.place', lang)}: {_md(draft.place)}", ""]
    out += [draft.attendance_text.rstrip(), ""]
    for item in draft.items:
        out += ["", f"{item.number}. {_md(item.title)}", ""]
        if item.recommendation:
            out += [
                f"{t('approval.draft.recommendation', lang)}:",
                "",
                _md(item.recommendation),
                "",
            ]
        out += [f"{t('approval.draft.decision', lang)}:", ""]
        if item.decisions:
            out += [f"- {_md(' '.join(d.split()))}" for d in item.decisions]
        else:
            out.append(t("approval.draft.no_decision", lang))
        out.append("")
    return "\n".join(out).rstrip() + "\n"
