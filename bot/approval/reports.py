"""Reports on rounds: the status command, the CLI and the App Home section."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.approval.posting import held_meeting
from bot.approval.reading import (
    _OPEN,
    _link,
    _open_questions,
    _votes,
    latest_round,
    latest_version,
    round_view,
)
from bot.approval.votes import _voter_member
from bot.context import language_for
from bot.errors import UserError
from bot.i18n import t
from bot.minutes_render import home_line, status_message
from bot.ports import Message
from bot.render import escape, header_block, section_block
from storage.models import Group, Meeting, Member, Minutes
from storage.repositories import AuditLog, MemberRepo

if TYPE_CHECKING:
    from bot.services import Services
    from bot.settings import Settings


def round_for(session: Session, group: Group, when_text: str | None, now: datetime) -> Minutes:
    """Return the round a person asks about: the latest, or the one of a meeting's date."""
    if when_text and when_text.strip():
        meeting = held_meeting(session, group, when_text, now)
        minutes = latest_version(session, meeting.id)
    else:
        minutes = latest_round(session, group)
    if minutes is None:
        raise UserError("approval.no_round", group=escape(group.name))
    return minutes


def status_for(
    session: Session,
    services: Services,
    group: Group,
    when_text: str | None,
    now: datetime,
    lang: str,
) -> Message:
    """Return who approved, objected or stayed silent in a round, and when."""
    minutes = round_for(session, group, when_text, now)
    message = status_message(round_view(session, minutes, link=_link(services, minutes)), lang)
    waiting = [
        member.name
        for reply in _open_questions(session, minutes.id)
        if (member := session.get(Member, reply.member_id)) is not None
    ]
    if not waiting:
        return message
    line = t("approval.question.status", lang, names=", ".join(escape(n) for n in waiting))
    return Message(
        f"{message.text}\n{line}",
        blocks=[*(message.blocks or []), section_block(line)],
        metadata=message.metadata,
    )


def approvals_report(session: Session, group: Group, meeting: Meeting) -> dict[str, Any]:
    """Return every version of a meeting's minutes with votes, objections, silence and audit."""
    zone = ZoneInfo(group.timezone)
    versions = session.scalars(
        select(Minutes).where(Minutes.meeting_id == meeting.id).order_by(Minutes.version)
    ).all()
    names = {m.id: m for m in MemberRepo(session).in_group(group.id, active_only=False)}

    def when(at: datetime | None) -> str | None:
        return at.astimezone(zone).isoformat() if at is not None else None

    report: list[dict[str, Any]] = []
    for minutes in versions:
        view = round_view(session, minutes)
        votes = sorted(_votes(session, minutes.id).values(), key=lambda v: (v.at, v.id))
        report.append(
            {
                "version": minutes.version,
                "status": minutes.status,
                "policy": minutes.policy,
                "content_hash": minutes.content_hash,
                "posted_at": when(minutes.posted_at),
                "posted_by": minutes.posted_by,
                "deadline": when(minutes.deadline_at),
                "settled_at": when(minutes.settled_at),
                "justering_member": (
                    names[minutes.justering_member_id].name
                    if minutes.justering_member_id in names
                    else None
                ),
                "count": {
                    "members": view.total,
                    "approved": len(view.approved),
                    "open_objections": len(view.open_objections),
                    "missing": len(view.missing),
                },
                "votes": [
                    {
                        "member": names[v.member_id].name if v.member_id in names else None,
                        "slack_user_id": (
                            names[v.member_id].slack_user_id if v.member_id in names else None
                        ),
                        "verdict": v.verdict,
                        "reaction": v.reaction,
                        "at": when(v.at),
                    }
                    for v in votes
                ],
                "objections": [
                    {
                        "member": o.name,
                        "text": o.text,
                        "reaction": o.reaction,
                        "status": "withdrawn" if o.withdrawn else o.status,
                        "at": when(o.at),
                        "resolved_by": o.handled_by,
                        "resolved_at": when(o.handled_at),
                        "note": o.note,
                    }
                    for o in view.objections
                ],
                "silent": [p.name for p in view.missing],
                "changes": minutes.changes_summary,
                "audit": [
                    {
                        "at": when(entry.at),
                        "actor": entry.actor,
                        "action": entry.action,
                        "detail": {
                            k: v for k, v in (entry.detail or {}).items() if k != "snapshot"
                        },
                    }
                    for entry in AuditLog(session).for_subject("minutes", minutes.id)
                ],
            }
        )
    return {
        "meeting": {
            "date": meeting.starts_at.astimezone(zone).date().isoformat(),
            "group": group.name,
            "title": meeting.title,
        },
        "versions": report,
    }


def home_blocks(session: Session, settings: Settings, user_id: str) -> list[dict[str, Any]]:
    """Return the Home tab's open rounds for a person, marking those awaiting their answer."""
    lines: list[str] = []
    lang: str = settings.referent_language
    for group in MemberRepo(session).groups_of(user_id):
        member = _voter_member(session, group, user_id)
        if member is None:
            continue
        lang = language_for(settings, group, member)
        minutes = latest_round(session, group)
        if minutes is None or minutes.status not in _OPEN:
            continue
        answered = member.id in _votes(session, minutes.id)
        lines.append(f"• {home_line(round_view(session, minutes), answered, lang)}")
    if not lines:
        return []
    return [header_block(t("approval.home.title", lang)), section_block("\n".join(lines))]
