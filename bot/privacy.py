"""A person's data: export it (right of access) and forget it (right to erasure).

What is kept on erasure, and why: the minutes, their decisions and the attendance
list of a held meeting are a public authority's record (the municipalities keep them
under the rules on public records and archiving), so their text stays as written.
Everything the bot holds about the person beyond that record goes: the link to their
Slack account, title, organisation, language and digest choices, the reasons given
for afbud (which may be health data), attendance answers for meetings not yet held,
their name on proposals and tasks, and their Slack id in the audit trail, which is
replaced by a stable pseudonym so the trail still shows that one person did the steps.
Votes and objections stay attached to the anonymised member, so a round's outcome
can still be explained.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bot.domain.enums import MeetingStatus
from storage.models import (
    ActionComment,
    ActionItem,
    AgendaItem,
    ApprovalReply,
    ApprovalVote,
    Attendance,
    AuditEntry,
    Group,
    Meeting,
    Member,
    Minutes,
    Objection,
)

FORGOTTEN_NAME = "Tidligere medlem"


def pseudonym(slack_user_id: str) -> str:
    """Return the stable pseudonym that replaces a Slack id in the audit trail."""
    return "forgotten:" + hashlib.sha256(slack_user_id.encode("utf-8")).hexdigest()[:12]


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def export_person(session: Session, slack_user_id: str) -> dict[str, Any]:
    """Collect everything stored about a Slack user, as plain data."""
    members = session.scalars(select(Member).where(Member.slack_user_id == slack_user_id)).all()
    member_ids = [m.id for m in members]
    groups = {g.id: g.name for g in session.scalars(select(Group))}
    data: dict[str, Any] = {
        "slack_user_id": slack_user_id,
        "memberships": [
            {
                "group": groups.get(m.group_id),
                "name": m.name,
                "title": m.title,
                "organisation": m.organisation,
                "role": m.role,
                "language": m.language,
                "timezone": m.timezone,
                "personal_digest": m.personal_digest,
                "active": m.active,
                "joined_at": _iso(m.joined_at),
            }
            for m in members
        ],
        "attendance": [],
        "votes": [],
        "objections": [],
        "approval_replies": [],
        "proposals": [],
        "action_items": [],
        "comments": [],
        "audit": [],
    }
    if member_ids:
        for row, meeting in session.execute(
            select(Attendance, Meeting)
            .join(Meeting, Meeting.id == Attendance.meeting_id)
            .where(
                or_(
                    Attendance.member_id.in_(member_ids),
                    Attendance.substitute_member_id.in_(member_ids),
                )
            )
        ):
            data["attendance"].append(
                {
                    "meeting": _iso(meeting.starts_at),
                    "group": groups.get(meeting.group_id),
                    "status": row.status,
                    "reason": row.reason,
                    "substitute": row.substitute_name,
                    "as_substitute": row.substitute_member_id in member_ids,
                }
            )
        for vote, minutes in session.execute(
            select(ApprovalVote, Minutes)
            .join(Minutes, Minutes.id == ApprovalVote.minutes_id)
            .where(ApprovalVote.member_id.in_(member_ids))
        ):
            data["votes"].append(
                {
                    "minutes_id": minutes.id,
                    "version": minutes.version,
                    "verdict": vote.verdict,
                    "reaction": vote.reaction,
                    "at": _iso(vote.at),
                }
            )
        for objection in session.scalars(
            select(Objection).where(Objection.member_id.in_(member_ids))
        ):
            data["objections"].append(
                {
                    "minutes_id": objection.minutes_id,
                    "text": objection.text,
                    "status": objection.status,
                    "at": _iso(objection.at),
                }
            )
        for reply in session.scalars(
            select(ApprovalReply).where(ApprovalReply.member_id.in_(member_ids))
        ):
            data["approval_replies"].append(
                {
                    "minutes_id": reply.minutes_id,
                    "text": reply.text,
                    "reading": reply.reading,
                    "state": reply.state,
                    "at": _iso(reply.at),
                }
            )
        for item in session.scalars(
            select(AgendaItem).where(AgendaItem.proposer_member_id.in_(member_ids))
        ):
            data["proposals"].append(
                {"title": item.title, "status": item.status, "created_at": _iso(item.created_at)}
            )
        for task in session.scalars(
            select(ActionItem).where(ActionItem.owner_member_id.in_(member_ids))
        ):
            data["action_items"].append(
                {
                    "text": task.text,
                    "status": task.status,
                    "due": task.due_date.isoformat() if task.due_date else None,
                }
            )
    for comment in session.scalars(
        select(ActionComment).where(ActionComment.author == slack_user_id)
    ):
        data["comments"].append({"text": comment.text, "at": _iso(comment.at)})
    for entry in session.scalars(
        select(AuditEntry).where(AuditEntry.actor == slack_user_id).order_by(AuditEntry.at)
    ):
        data["audit"].append(
            {
                "at": _iso(entry.at),
                "action": entry.action,
                "group": groups.get(entry.group_id) if entry.group_id else None,
                "detail": entry.detail,
            }
        )
    return data


def forget_person(session: Session, slack_user_id: str, now: datetime) -> dict[str, int]:
    """Erase what the bot holds about a person beyond the public record; return counts."""
    members = session.scalars(select(Member).where(Member.slack_user_id == slack_user_id)).all()
    member_ids = [m.id for m in members]
    names = {m.name for m in members}
    counts = {"memberships": len(members), "attendance": 0, "proposals": 0, "tasks": 0, "audit": 0}
    if member_ids:
        rows = session.execute(
            select(Attendance, Meeting)
            .join(Meeting, Meeting.id == Attendance.meeting_id)
            .where(Attendance.member_id.in_(member_ids))
        )
        for row, meeting in rows:
            counts["attendance"] += 1
            if meeting.status == MeetingStatus.PLANNED and meeting.starts_at > now:
                session.delete(row)
            else:
                row.reason = None
                row.member_id = None
        for row in session.scalars(
            select(Attendance).where(Attendance.substitute_member_id.in_(member_ids))
        ):
            row.substitute_member_id = None
        for item in session.scalars(
            select(AgendaItem).where(AgendaItem.proposer_member_id.in_(member_ids))
        ):
            item.proposer_name = None
            counts["proposals"] += 1
        for task in session.scalars(
            select(ActionItem).where(ActionItem.owner_member_id.in_(member_ids))
        ):
            if task.owner_name in names:
                task.owner_name = None
            counts["tasks"] += 1
        for member in members:
            member.name = FORGOTTEN_NAME
            member.slack_user_id = None
            member.title = None
            member.organisation = None
            member.language = None
            member.timezone = None
            member.personal_digest = False
            member.active = False
    alias = pseudonym(slack_user_id)
    for entry in session.scalars(select(AuditEntry)):
        touched = False
        if entry.actor == slack_user_id:
            entry.actor = alias
            touched = True
        if entry.detail and slack_user_id in repr(entry.detail):
            entry.detail = _replace_in(entry.detail, slack_user_id, alias)
            touched = True
        counts["audit"] += int(touched)
    for comment in session.scalars(
        select(ActionComment).where(ActionComment.author == slack_user_id)
    ):
        comment.author = alias
    session.add(
        AuditEntry(at=now, action="person.forgotten", actor=alias, detail={"counts": counts})
    )
    return counts


def _replace_in(value: Any, old: str, new: str) -> Any:
    """Return a copy of JSON-like data with one string replaced everywhere."""
    if isinstance(value, str):
        return value.replace(old, new)
    if isinstance(value, list):
        return [_replace_in(v, old, new) for v in value]
    if isinstance(value, dict):
        return {k: _replace_in(v, old, new) for k, v in value.items()}
    return value
