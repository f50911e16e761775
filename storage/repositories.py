"""Repositories of the core tables; each takes a session and never commits."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, true, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.domain.enums import Role
from storage.models import (
    AuditEntry,
    DueWork,
    Group,
    Member,
    ProcessedEvent,
    SentMessage,
    Workspace,
)


class GroupRepo:
    """Groups (committees) and their settings."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def by_channel(self, channel_id: str) -> Group | None:
        """Return the group bound to a Slack channel."""
        return self.session.scalar(select(Group).where(Group.channel_id == channel_id))

    def by_name_or_channel(self, ref: str) -> Group | None:
        """Return a group by its name (case-insensitive), channel id or numeric id."""
        group = self.by_channel(ref)
        if group is not None:
            return group
        for candidate in self.session.scalars(select(Group)):
            if candidate.name.casefold() == ref.casefold() or str(candidate.id) == ref:
                return candidate
        return None

    def get(self, group_id: int) -> Group | None:
        """Return a group by id."""
        return self.session.get(Group, group_id)

    def all(self) -> list[Group]:
        """Return every group, by name."""
        return list(self.session.scalars(select(Group).order_by(Group.name)))

    def add(self, group: Group) -> Group:
        """Add a new group and assign its id."""
        self.session.add(group)
        self.session.flush()
        return group


class MemberRepo:
    """Members of groups and their roles."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, member_id: int) -> Member | None:
        """Return a member by id."""
        return self.session.get(Member, member_id)

    def in_group(self, group_id: int, *, active_only: bool = True) -> list[Member]:
        """Return a group's members by name."""
        query = select(Member).where(Member.group_id == group_id)
        if active_only:
            query = query.where(Member.active.is_(True))
        return list(self.session.scalars(query.order_by(Member.name)))

    def by_slack_user(self, group_id: int, slack_user_id: str) -> Member | None:
        """Return the member of a group who is this Slack user."""
        return self.session.scalar(
            select(Member).where(Member.group_id == group_id, Member.slack_user_id == slack_user_id)
        )

    def groups_of(self, slack_user_id: str) -> list[Group]:
        """Return the groups a Slack user is an active member of."""
        return list(
            self.session.scalars(
                select(Group)
                .join(Member, Member.group_id == Group.id)
                .where(Member.slack_user_id == slack_user_id, Member.active.is_(True))
                .order_by(Group.name)
            )
        )

    def with_role(self, group_id: int, role: Role) -> list[Member]:
        """Return the active members holding a role."""
        return list(
            self.session.scalars(
                select(Member).where(
                    Member.group_id == group_id, Member.role == role, Member.active.is_(True)
                )
            )
        )

    def add(self, member: Member) -> Member:
        """Add a member and assign its id."""
        self.session.add(member)
        self.session.flush()
        return member


class WorkspaceRepo:
    """Slack workspaces the bot is installed in."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def by_team(self, team_id: str) -> Workspace | None:
        """Return the workspace of a team id."""
        return self.session.scalar(select(Workspace).where(Workspace.team_id == team_id))

    def ensure(self, team_id: str, now: datetime) -> Workspace:
        """Return the workspace of a team id, creating it on first sight."""
        workspace = self.by_team(team_id)
        if workspace is None:
            workspace = Workspace(team_id=team_id, installed_at=now, active=True)
            self.session.add(workspace)
            self.session.flush()
        return workspace


class EventLog:
    """Slack events already processed, so a retried delivery has no second effect."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def claim(self, event_key: str, kind: str, now: datetime) -> bool:
        """Record an event key; return False when it was processed before.

        Runs in the caller's transaction: if the effect rolls back, so does the record,
        and Slack's retry is processed again.
        """
        if self.session.get(ProcessedEvent, event_key) is not None:
            return False
        try:
            with self.session.begin_nested():
                self.session.add(ProcessedEvent(event_key=event_key, kind=kind, processed_at=now))
                self.session.flush()
        except IntegrityError:
            return False
        return True

    def seen(self, event_key: str) -> bool:
        """Tell whether an event key has been processed."""
        return self.session.get(ProcessedEvent, event_key) is not None

    def prune(self, before: datetime) -> int:
        """Forget processed events older than a time; return how many."""
        rows = self.session.scalars(
            select(ProcessedEvent).where(ProcessedEvent.processed_at < before)
        ).all()
        for row in rows:
            self.session.delete(row)
        return len(rows)


class AuditLog:
    """The audit trail of every step that changes a group's records."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def record(
        self,
        *,
        at: datetime,
        action: str,
        group_id: int | None = None,
        actor: str | None = None,
        subject_type: str | None = None,
        subject_id: int | None = None,
        detail: dict[str, Any] | None = None,
    ) -> AuditEntry:
        """Append one audit entry."""
        entry = AuditEntry(
            at=at,
            action=action,
            group_id=group_id,
            actor=actor,
            subject_type=subject_type,
            subject_id=subject_id,
            detail=detail,
        )
        self.session.add(entry)
        return entry

    def for_subject(self, subject_type: str, subject_id: int) -> list[AuditEntry]:
        """Return the entries about one record, oldest first."""
        return list(
            self.session.scalars(
                select(AuditEntry)
                .where(AuditEntry.subject_type == subject_type, AuditEntry.subject_id == subject_id)
                .order_by(AuditEntry.at, AuditEntry.id)
            )
        )


class DueWorkRepo:
    """Rows of timed work; a tick claims each one atomically."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def schedule(
        self,
        *,
        kind: str,
        key: str,
        due_at: datetime,
        now: datetime,
        group_id: int | None = None,
        payload: dict[str, Any] | None = None,
        replace: bool = True,
    ) -> DueWork:
        """Schedule work under a unique key; an unfinished row with the key is moved."""
        row = self.session.scalar(select(DueWork).where(DueWork.key == key))
        if row is not None:
            if replace and row.done_at is None:
                row.due_at = due_at
                row.payload = payload
                row.claimed_at = None
                row.lease_until = None
            return row
        row = DueWork(
            kind=kind,
            key=key,
            due_at=due_at,
            group_id=group_id,
            payload=payload,
            created_at=now,
            attempts=0,
        )
        self.session.add(row)
        self.session.flush()
        return row

    def cancel(self, key: str, now: datetime) -> bool:
        """Mark unfinished work as done without running it; return whether there was any."""
        row = self.session.scalar(select(DueWork).where(DueWork.key == key))
        if row is None or row.done_at is not None:
            return False
        row.done_at = now
        row.last_error = "cancelled"
        return True

    def by_key(self, key: str) -> DueWork | None:
        """Return the work row with a key."""
        return self.session.scalar(select(DueWork).where(DueWork.key == key))

    def due_ids(
        self, now: datetime, limit: int = 100, *, skip_kinds: Collection[str] = ()
    ) -> list[int]:
        """Return ids of work that is due and not held by a live lease."""
        query = (
            select(DueWork.id)
            .where(DueWork.done_at.is_(None), DueWork.due_at <= now)
            .where(DueWork.kind.not_in(list(skip_kinds)) if skip_kinds else true())
            .where((DueWork.lease_until.is_(None)) | (DueWork.lease_until < now))
            .order_by(DueWork.due_at, DueWork.id)
            .limit(limit)
        )
        return list(self.session.scalars(query))

    def claim(self, work_id: int, worker: str, now: datetime, lease: timedelta) -> bool:
        """Claim one row for this worker; only one claimant can win."""
        result = self.session.execute(
            update(DueWork)
            .where(DueWork.id == work_id, DueWork.done_at.is_(None))
            .where((DueWork.lease_until.is_(None)) | (DueWork.lease_until < now))
            .values(claimed_at=now, claimed_by=worker, lease_until=now + lease)
            .execution_options(synchronize_session=False)
        )
        return bool(result.rowcount == 1)  # type: ignore[attr-defined]

    def finish(self, work_id: int, worker: str, now: datetime) -> bool:
        """Mark claimed work done; False when the claim was lost meanwhile."""
        result = self.session.execute(
            update(DueWork)
            .where(DueWork.id == work_id, DueWork.claimed_by == worker, DueWork.done_at.is_(None))
            .values(done_at=now)
            .execution_options(synchronize_session=False)
        )
        return bool(result.rowcount == 1)  # type: ignore[attr-defined]

    def fail(self, work_id: int, error: str, retry_at: datetime) -> None:
        """Release a claim after a failure and make the work due again later."""
        row = self.session.get(DueWork, work_id)
        if row is None:
            return
        row.attempts += 1
        row.last_error = error[:2000]
        row.claimed_at = None
        row.claimed_by = None
        row.lease_until = None
        row.due_at = retry_at


class SentLog:
    """Messages posted under idempotency keys."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, key: str) -> SentMessage | None:
        """Return the record of a message posted under a key."""
        return self.session.get(SentMessage, key)

    def record(self, key: str, channel: str, ts: str | None, now: datetime) -> None:
        """Record that a message was posted under a key."""
        existing = self.session.get(SentMessage, key)
        if existing is None:
            self.session.add(SentMessage(key=key, channel=channel, ts=ts, at=now))
        else:
            existing.channel = channel
            existing.ts = ts
