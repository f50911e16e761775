"""Who may do what in a group: one matrix for every action."""

from __future__ import annotations

from enum import StrEnum

from bot.domain.enums import Role


class Action(StrEnum):
    """An action a person can try in a group."""

    PROPOSE = "propose"
    CURATE = "curate"
    MANAGE_MEETINGS = "manage_meetings"
    AFBUD_SELF = "afbud_self"
    AFBUD_FOR_OTHERS = "afbud_for_others"
    POST_MINUTES = "post_minutes"
    VOTE = "vote"
    RESOLVE_OBJECTIONS = "resolve_objections"
    SETTLE = "settle"
    IMPORT = "import"
    CHANGE_SETTINGS = "change_settings"
    MANAGE_ROLES = "manage_roles"
    ASK = "ask"
    MANAGE_TASKS = "manage_tasks"


_OFFICERS = frozenset({Role.CHAIR, Role.SECRETARY})
_MEMBERS = frozenset({Role.CHAIR, Role.SECRETARY, Role.MEMBER})

# Why: the chair and the secretariat run the committee (they set the agenda and own the
# minutes); ordinary members propose, send afbud and vote; guests attend and may read the
# archive but do not vote on the minutes, as in the groups' own rules of procedure.
_MATRIX: dict[Action, frozenset[Role]] = {
    Action.PROPOSE: _MEMBERS,
    Action.CURATE: _OFFICERS,
    Action.MANAGE_MEETINGS: _OFFICERS,
    Action.AFBUD_SELF: _MEMBERS,
    Action.AFBUD_FOR_OTHERS: frozenset({Role.SECRETARY, Role.CHAIR}),
    Action.POST_MINUTES: frozenset({Role.SECRETARY, Role.CHAIR}),
    Action.VOTE: _MEMBERS,
    Action.RESOLVE_OBJECTIONS: frozenset({Role.SECRETARY, Role.CHAIR}),
    Action.SETTLE: frozenset({Role.SECRETARY, Role.CHAIR}),
    Action.IMPORT: _OFFICERS,
    Action.CHANGE_SETTINGS: _OFFICERS,
    Action.MANAGE_ROLES: _OFFICERS,
    Action.ASK: frozenset({Role.CHAIR, Role.SECRETARY, Role.MEMBER, Role.GUEST}),
    Action.MANAGE_TASKS: _MEMBERS,
}


def allowed_roles(action: Action) -> frozenset[Role]:
    """Return the roles that may perform an action."""
    return _MATRIX[action]


def can(role: Role | str | None, action: Action) -> bool:
    """Tell whether a role (None: not a member) may perform an action."""
    if role is None:
        return False
    return Role(role) in _MATRIX[action]
