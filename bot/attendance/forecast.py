"""The forecast warning: tell the officers when too many have sent afbud."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.attendance.kinds import DM, DM_FORECAST
from bot.domain.attendance import meeting_stamp
from bot.domain.enums import Role
from storage.models import AuditEntry, DueWork, Group, Meeting, Member
from storage.repositories import AuditLog, DueWorkRepo, MemberRepo


def members_with_roles(session: Session, group_id: int, roles: Sequence[Role]) -> list[Member]:
    """Return the group's members who hold any of the roles, each once."""
    members = MemberRepo(session)
    found: dict[int, Member] = {}
    for role in roles:
        for member in members.with_role(group_id, role):
            if member.slack_user_id:
                found[member.id] = member
    return sorted(found.values(), key=lambda m: m.name)


def forecast_recipients(session: Session, group_id: int) -> list[Member]:
    """Return who hears the forecast: the chair, or the secretary when there is no chair."""
    return members_with_roles(session, group_id, [Role.CHAIR]) or members_with_roles(
        session, group_id, [Role.SECRETARY]
    )


def schedule_forecast(session: Session, group: Group, meeting: Meeting, now: datetime) -> None:
    """Schedule the forecast warning of one threshold crossing (one DM row per recipient)."""
    pending = session.scalar(
        select(DueWork.id).where(
            DueWork.kind == DM,
            DueWork.key.like(f"attendance.dm:{meeting.id}:%:{DM_FORECAST}:%"),
            DueWork.done_at.is_(None),
        )
    )
    if pending is not None:
        return  # the chair has not even been told about the last crossing yet
    crossing = 1 + len(
        session.scalars(
            select(AuditEntry.id).where(
                AuditEntry.action == "attendance.forecast",
                AuditEntry.subject_type == "meeting",
                AuditEntry.subject_id == meeting.id,
            )
        ).all()
    )
    AuditLog(session).record(
        at=now,
        action="attendance.forecast",
        group_id=group.id,
        subject_type="meeting",
        subject_id=meeting.id,
        detail={"crossing": crossing},
    )
    repo = DueWorkRepo(session)
    for recipient in forecast_recipients(session, group.id):
        repo.schedule(
            kind=DM,
            key=f"attendance.dm:{meeting.id}:{recipient.id}:{DM_FORECAST}:{crossing}",
            due_at=now,
            now=now,
            group_id=group.id,
            payload={
                "meeting_id": meeting.id,
                "member_id": recipient.id,
                "what": DM_FORECAST,
                "stamp": meeting_stamp(meeting.starts_at),
                "crossing": crossing,
            },
            replace=False,
        )
