"""Enumerations of the committee domain (values are stored in the database)."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """A member's role in a group."""

    CHAIR = "chair"
    SECRETARY = "secretary"
    MEMBER = "member"
    GUEST = "guest"


class Language(StrEnum):
    """Languages the bot speaks."""

    DA = "da"
    EN = "en"


class ApprovalPolicy(StrEnum):
    """How a group approves its minutes."""

    TACIT = "tacit"
    EXPLICIT = "explicit"
    JUSTERING = "justering"


class MeetingStatus(StrEnum):
    """Life cycle of a meeting."""

    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


class Source(StrEnum):
    """Where a record came from."""

    SLACK = "slack"
    IMPORT = "import"


class ItemKind(StrEnum):
    """What an agenda item asks of the group."""

    DECISION = "decision"
    DISCUSSION = "discussion"
    INFORMATION = "information"
    STANDING = "standing"


class ItemStatus(StrEnum):
    """Life cycle of an agenda item or proposal."""

    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    POSTPONED = "postponed"
    WITHDRAWN = "withdrawn"
    TREATED = "treated"


class AttendanceStatus(StrEnum):
    """Whether a person attends a meeting."""

    ATTENDING = "attending"
    AFBUD = "afbud"
    ABSENT = "absent"
    GUEST = "guest"


class MinutesStatus(StrEnum):
    """Life cycle of one version of the minutes."""

    DRAFT = "draft"
    OPEN = "open"
    APPROVED = "approved"
    SUPERSEDED = "superseded"
    STALLED = "stalled"


class Verdict(StrEnum):
    """A member's answer to the minutes."""

    APPROVE = "approve"
    OBJECT = "object"


class ObjectionStatus(StrEnum):
    """Whether an objection still blocks approval."""

    OPEN = "open"
    HANDLED = "handled"
    REVISED = "revised"


class ActionStatus(StrEnum):
    """Life cycle of an action item."""

    CANDIDATE = "candidate"
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


class DocumentKind(StrEnum):
    """What an imported document is."""

    AGENDA = "agenda"
    MINUTES = "minutes"
    AGENDA_WITH_DECISIONS = "agenda_with_decisions"
