"""Labels of a task: its day, due date, owner and the meeting it came from."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.domain.digest import is_overdue
from bot.i18n import t
from bot.meetings import format_day
from bot.render import escape
from storage.models import ActionItem, Group, Meeting, Member


def day_label(day: date, lang: str) -> str:
    """Return a due date as the group writes it ("1. juni 2026")."""
    return format_day(day, lang, weekday=False)


def due_label(due: date | None, lang: str, today: date) -> str:
    """Return a due date with a note when it has passed, or "no due date"."""
    if due is None:
        return t("tasks.due.none", lang)
    if is_overdue(due, today):
        return t("tasks.due.overdue", lang, day=day_label(due, lang))
    return day_label(due, lang)


def owner_label(task: ActionItem, owner: Member | None, lang: str, *, mention: bool) -> str:
    """Return who owns a task: an @-mention (pings) or a name, or "nobody yet"."""
    if owner is not None:
        if mention and owner.slack_user_id:
            return f"<@{owner.slack_user_id}>"
        return escape(owner.name)
    if task.owner_name:
        return escape(task.owner_name)
    return t("tasks.owner.none", lang)


def owner_of(session: Session, task: ActionItem) -> Member | None:
    """Return the member who owns a task, if it is a member."""
    return session.get(Member, task.owner_member_id) if task.owner_member_id else None


def meeting_label(session: Session, meeting_id: int | None, group: Group, lang: str) -> str:
    """Return the day of a meeting for "fra mødet …", or an empty string."""
    if meeting_id is None:
        return ""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        return ""
    return day_label(meeting.starts_at.astimezone(ZoneInfo(group.timezone)).date(), lang)
