"""ORM models for the whole committee domain (see docs/architecture.md)."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bot.domain.enums import (
    ActionStatus,
    ApprovalPolicy,
    AttendanceStatus,
    ItemKind,
    ItemStatus,
    MeetingStatus,
    MinutesStatus,
    ObjectionStatus,
    Role,
    Source,
)
from storage.base import Base


class Workspace(Base):
    """A Slack workspace the bot is installed in."""

    __tablename__ = "workspaces"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str | None] = mapped_column(String(200))
    bot_user_id: Mapped[str | None] = mapped_column(String(32))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    installed_at: Mapped[datetime]
    uninstalled_at: Mapped[datetime | None]


class Group(Base):
    """A committee (styregruppe), bound to one Slack channel."""

    __tablename__ = "groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int | None] = mapped_column(ForeignKey("workspaces.id"))
    channel_id: Mapped[str | None] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Copenhagen")
    language: Mapped[str] = mapped_column(String(8), default="da")
    approval_days: Mapped[int] = mapped_column(Integer, default=7)
    approval_policy: Mapped[str] = mapped_column(String(16), default=ApprovalPolicy.TACIT)
    approval_quorum: Mapped[int | None] = mapped_column(Integer)
    approval_reminder_days: Mapped[int] = mapped_column(Integer, default=2)
    approval_emojis: Mapped[list[str] | None] = mapped_column(JSON)
    objection_emojis: Mapped[list[str] | None] = mapped_column(JSON)
    proposal_deadline_days: Mapped[int] = mapped_column(Integer, default=10)
    announce_days: Mapped[int] = mapped_column(Integer, default=7)
    afbud_threshold: Mapped[float] = mapped_column(default=1 / 3)
    digest_enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    digest_weekday: Mapped[int] = mapped_column(Integer, default=0)
    digest_time: Mapped[time] = mapped_column(Time, default=time(8, 0))
    fixed_information_items: Mapped[list[str] | None] = mapped_column(JSON)
    justering_next_index: Mapped[int] = mapped_column(Integer, default=0)
    #: Country whose public holidays move approval deadlines (NULL: DK, "none": never).
    holiday_calendar: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime]

    members: Mapped[list[Member]] = relationship(back_populates="group")


class Member(Base):
    """A person in a group, with a role; a Slack user when known."""

    __tablename__ = "members"
    __table_args__ = (UniqueConstraint("group_id", "slack_user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), index=True)
    slack_user_id: Mapped[str | None] = mapped_column(String(32), index=True)
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(String(200))
    organisation: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16), default=Role.MEMBER)
    timezone: Mapped[str | None] = mapped_column(String(64))
    language: Mapped[str | None] = mapped_column(String(8))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    personal_digest: Mapped[bool] = mapped_column(Boolean, default=False)
    joined_at: Mapped[datetime]

    group: Mapped[Group] = relationship(back_populates="members")


class SourceDocument(Base):
    """A file that was imported (minutes or agenda), keyed by its content hash."""

    __tablename__ = "source_documents"
    __table_args__ = (UniqueConstraint("group_id", "sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), index=True)
    sha256: Mapped[str] = mapped_column(String(64))
    filename: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(32))
    size: Mapped[int] = mapped_column(Integer)
    slack_file_id: Mapped[str | None] = mapped_column(String(32))
    permalink: Mapped[str | None] = mapped_column(String(500))
    text: Mapped[str | None] = mapped_column(Text)
    imported_at: Mapped[datetime]
    imported_by: Mapped[str | None] = mapped_column(String(64))


class Meeting(Base):
    """One meeting of a group."""

    __tablename__ = "meetings"
    __table_args__ = (Index("ix_meetings_group_starts", "group_id", "starts_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"))
    title: Mapped[str | None] = mapped_column(String(300))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime | None]
    has_time: Mapped[bool] = mapped_column(Boolean, default=True)
    location: Mapped[str | None] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(16), default=MeetingStatus.PLANNED)
    source: Mapped[str] = mapped_column(String(16), default=Source.SLACK)
    source_document_id: Mapped[int | None] = mapped_column(
        ForeignKey("source_documents.id", ondelete="SET NULL")
    )
    agenda_version: Mapped[int] = mapped_column(Integer, default=0)
    agenda_published_at: Mapped[datetime | None]
    agenda_snapshot: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    agenda_channel: Mapped[str | None] = mapped_column(String(32))
    agenda_ts: Mapped[str | None] = mapped_column(String(32))
    announcement_channel: Mapped[str | None] = mapped_column(String(32))
    announcement_ts: Mapped[str | None] = mapped_column(String(32))
    next_meeting_note: Mapped[str | None] = mapped_column(Text)
    sequence: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_by: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime]
    cancelled_at: Mapped[datetime | None]

    items: Mapped[list[AgendaItem]] = relationship(
        back_populates="meeting",
        order_by="AgendaItem.position",
        foreign_keys="AgendaItem.meeting_id",
    )


class AgendaItem(Base):
    """An agenda item (punkt) or a proposal for one."""

    __tablename__ = "agenda_items"
    __table_args__ = (UniqueConstraint("meeting_id", "origin"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[str | None] = mapped_column(String(16))
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(Text)
    agenda_title: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16), default=ItemKind.DECISION)
    status: Mapped[str] = mapped_column(String(16), default=ItemStatus.PROPOSED)
    is_late: Mapped[bool] = mapped_column(Boolean, default=False)
    is_standing: Mapped[bool] = mapped_column(Boolean, default=False)
    summary: Mapped[str | None] = mapped_column(Text)
    background: Mapped[str | None] = mapped_column(Text)
    recommendation: Mapped[str | None] = mapped_column(Text)
    discussion: Mapped[str | None] = mapped_column(Text)
    body_text: Mapped[str | None] = mapped_column(Text)
    decision_heading: Mapped[str | None] = mapped_column(String(100))
    proposer_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL")
    )
    proposer_name: Mapped[str | None] = mapped_column(String(200))
    carried_from_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="SET NULL")
    )
    postponed_to_meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL")
    )
    reject_reason: Mapped[str | None] = mapped_column(Text)
    source_channel: Mapped[str | None] = mapped_column(String(32))
    source_ts: Mapped[str | None] = mapped_column(String(32), index=True)
    confirm_ts: Mapped[str | None] = mapped_column(String(32))
    origin: Mapped[str | None] = mapped_column(String(64))
    via: Mapped[str | None] = mapped_column(String(16))
    related_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    meeting: Mapped[Meeting] = relationship(back_populates="items", foreign_keys=[meeting_id])
    decisions: Mapped[list[Decision]] = relationship(
        back_populates="item", order_by="Decision.position"
    )
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="item", order_by="Attachment.position"
    )


class Attachment(Base):
    """A bilag: a linked or uploaded document of an agenda item."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    slack_file_id: Mapped[str | None] = mapped_column(String(32))

    item: Mapped[AgendaItem] = relationship(back_populates="attachments")


class Decision(Base):
    """One bullet of what the group decided under an agenda item."""

    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("decisions.id"))
    approved: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]

    item: Mapped[AgendaItem] = relationship(back_populates="decisions")


class Attendance(Base):
    """Whether a member (or a named person) attends a meeting."""

    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("meeting_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(String(200))
    organisation: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16), default=AttendanceStatus.ATTENDING)
    substitute_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL")
    )
    substitute_name: Mapped[str | None] = mapped_column(String(200))
    reason: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(String(200))
    recorded_by: Mapped[str | None] = mapped_column(String(32))
    updated_at: Mapped[datetime]


class Minutes(Base):
    """One version of the written record (referat) of a meeting."""

    __tablename__ = "minutes"
    __table_args__ = (UniqueConstraint("meeting_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer, default=1)
    content_hash: Mapped[str] = mapped_column(String(64))
    source_document_id: Mapped[int | None] = mapped_column(
        ForeignKey("source_documents.id", ondelete="SET NULL")
    )
    slack_file_id: Mapped[str | None] = mapped_column(String(32))
    text: Mapped[str | None] = mapped_column(Text)
    channel: Mapped[str | None] = mapped_column(String(32))
    message_ts: Mapped[str | None] = mapped_column(String(32), index=True)
    policy: Mapped[str] = mapped_column(String(16), default=ApprovalPolicy.TACIT)
    justering_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL")
    )
    status: Mapped[str] = mapped_column(String(16), default=MinutesStatus.OPEN)
    deadline_at: Mapped[datetime | None]
    posted_by: Mapped[str | None] = mapped_column(String(32))
    posted_at: Mapped[datetime]
    settled_at: Mapped[datetime | None]
    changes_summary: Mapped[str | None] = mapped_column(Text)
    snapshot: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class ApprovalVote(Base):
    """A member's approval of one version of the minutes (one row per member)."""

    __tablename__ = "approval_votes"
    __table_args__ = (UniqueConstraint("minutes_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    minutes_id: Mapped[int] = mapped_column(ForeignKey("minutes.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    verdict: Mapped[str] = mapped_column(String(16))
    reaction: Mapped[str | None] = mapped_column(String(64))
    comment: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime]


class Objection(Base):
    """An objection (indsigelse) to a version of the minutes."""

    __tablename__ = "objections"

    id: Mapped[int] = mapped_column(primary_key=True)
    minutes_id: Mapped[int] = mapped_column(ForeignKey("minutes.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    text: Mapped[str | None] = mapped_column(Text)
    reaction: Mapped[str | None] = mapped_column(String(64))
    message_ts: Mapped[str | None] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default=ObjectionStatus.OPEN)
    resolution_note: Mapped[str | None] = mapped_column(Text)
    resolved_by: Mapped[str | None] = mapped_column(String(32))
    at: Mapped[datetime]
    resolved_at: Mapped[datetime | None]


class ActionItem(Base):
    """A follow-up (opfølgning) with an owner and a due date."""

    __tablename__ = "action_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="SET NULL"))
    item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_items.id", ondelete="SET NULL"))
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decisions.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)
    owner_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL")
    )
    owner_name: Mapped[str | None] = mapped_column(String(200))
    due_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default=ActionStatus.CANDIDATE)
    channel: Mapped[str | None] = mapped_column(String(32))
    message_ts: Mapped[str | None] = mapped_column(String(32), index=True)
    source_ts: Mapped[str | None] = mapped_column(String(32))
    via: Mapped[str | None] = mapped_column(String(16))
    created_by: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime]
    done_at: Mapped[datetime | None]
    last_nudged_at: Mapped[datetime | None]


class ActionComment(Base):
    """A comment on an action item."""

    __tablename__ = "action_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("action_items.id", ondelete="CASCADE"))
    author: Mapped[str | None] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime]


class ProcessedEvent(Base):
    """A Slack event already acted on; recorded in the same transaction as its effect."""

    __tablename__ = "processed_events"

    event_key: Mapped[str] = mapped_column(String(128), primary_key=True)
    kind: Mapped[str] = mapped_column(String(64))
    processed_at: Mapped[datetime]


class SentMessage(Base):
    """A message the bot posted under an idempotency key, so a retry never posts twice."""

    __tablename__ = "sent_messages"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    channel: Mapped[str] = mapped_column(String(32))
    ts: Mapped[str | None] = mapped_column(String(32))
    at: Mapped[datetime]


class AuditEntry(Base):
    """One recorded step: who did what to which record, and when."""

    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("groups.id", ondelete="SET NULL"), index=True
    )
    at: Mapped[datetime]
    actor: Mapped[str | None] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    subject_type: Mapped[str | None] = mapped_column(String(32))
    subject_id: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class DueWork(Base):
    """A piece of timed work (deadline, reminder, digest), claimed atomically by a tick."""

    __tablename__ = "due_work"
    __table_args__ = (Index("ix_due_work_pending", "done_at", "due_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(64))
    key: Mapped[str] = mapped_column(String(200), unique=True)
    group_id: Mapped[int | None] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"))
    due_at: Mapped[datetime]
    payload: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    claimed_at: Mapped[datetime | None]
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    lease_until: Mapped[datetime | None]
    done_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]


class DigestRun(Base):
    """A digest posted for a group (or one member) in one ISO week."""

    __tablename__ = "digest_runs"
    __table_args__ = (UniqueConstraint("group_id", "week", "kind", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"))
    week: Mapped[str] = mapped_column(String(10))
    kind: Mapped[str] = mapped_column(String(16), default="group")
    member_id: Mapped[int] = mapped_column(Integer, default=0)
    posted_at: Mapped[datetime]
    channel: Mapped[str | None] = mapped_column(String(32))
    message_ts: Mapped[str | None] = mapped_column(String(32))


class ReferatLine(Base):
    """One line of the referat being written in Slack: a decision, a discussion note, a note.

    ``field`` is ``decision``, ``discussion``, ``absent`` (a member away during the item)
    or ``conflict`` (inhabilitet). A line captured from a message keeps the message's ts so
    edits and deletions follow it; lines typed in the modal have none.
    """

    __tablename__ = "referat_lines"
    __table_args__ = (Index("ix_referat_lines_item_field", "item_id", "field"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id", ondelete="CASCADE"))
    field: Mapped[str] = mapped_column(String(16))
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    source_channel: Mapped[str | None] = mapped_column(String(32))
    source_ts: Mapped[str | None] = mapped_column(String(32), index=True)
    written_by: Mapped[str | None] = mapped_column(String(200))
    written_at: Mapped[datetime]


class ReferatFile(Base):
    """A generated DOCX or PDF of one version of the minutes, kept as it was sent.

    When the version is approved these bytes are the approved record: what the members
    approved, not a regeneration from data that may change later.
    """

    __tablename__ = "referat_files"
    __table_args__ = (UniqueConstraint("minutes_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    minutes_id: Mapped[int] = mapped_column(ForeignKey("minutes.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(8))
    filename: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    slack_file_id: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime]


class ApprovalReply(Base):
    """A reply in the approval thread, how it was read, and what it recorded (issue 14)."""

    __tablename__ = "approval_replies"
    __table_args__ = (UniqueConstraint("minutes_id", "message_ts"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    minutes_id: Mapped[int] = mapped_column(ForeignKey("minutes.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    message_ts: Mapped[str] = mapped_column(String(32), index=True)
    text: Mapped[str] = mapped_column(Text, default="")
    #: approve / object / unclear, as the reader took the text.
    reading: Mapped[str] = mapped_column(String(16))
    #: counted / objected / asked / yes / no / closed / withdrawn.
    state: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime]
    answered_at: Mapped[datetime | None]


class MatterLink(Base):
    """Which matter (sag) an agenda item belongs to; a matter is named by its first item's id."""

    __tablename__ = "matter_links"

    item_id: Mapped[int] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="CASCADE"), primary_key=True
    )
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), index=True)
    matter_id: Mapped[int] = mapped_column(Integer, index=True)
    how: Mapped[str] = mapped_column(String(16))
    confidence: Mapped[float] = mapped_column(Float, default=1.0)
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)
    linked_to: Mapped[int | None] = mapped_column(Integer, nullable=True)
    updated_at: Mapped[datetime]


class MinutesPermalink(Base):
    """The Slack permalink of a minutes version's approval thread, read once and kept.

    Answers cite the approval thread on every timeline line; asking Slack for the link
    on every answer (or inside a transaction) would be slow and fragile, so the first
    answer that needs it fetches it after its transaction and stores it here.
    """

    __tablename__ = "minutes_permalinks"

    minutes_id: Mapped[int] = mapped_column(
        ForeignKey("minutes.id", ondelete="CASCADE"), primary_key=True
    )
    permalink: Mapped[str] = mapped_column(String(500))
    fetched_at: Mapped[datetime]
