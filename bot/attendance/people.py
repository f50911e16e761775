"""Who is asking, and about whom: contexts, members named in text, substitutes."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from bot.attendance.reading import NAME_LIMIT, PersonRef
from bot.context import Context, language_for, resolve_one_group
from bot.errors import UserError
from bot.ports import Directory
from bot.render import escape, shorten
from bot.router import Request
from bot.settings import Settings
from storage.models import Group, Meeting, Member
from storage.repositories import MemberRepo


def request_context(session: Session, settings: Settings, request: Request) -> Context:
    """Resolve the group behind a request; in a DM of someone in several groups, ask which."""
    return resolve_one_group(session, settings, request, ask="attendance.which_group")


def meeting_context(
    session: Session, settings: Settings, meeting: Meeting, user_id: str
) -> Context:
    """Return the context of a person acting on a meeting (a button press or a modal)."""
    group = group_of(session, meeting)
    member = MemberRepo(session).by_slack_user(group.id, user_id)
    if member is not None and not member.active:
        member = None
    return Context(group=group, member=member, lang=language_for(settings, group, member))


def find_member(session: Session, group: Group, ref: PersonRef) -> Member:
    """Return the group's member a reference names; refuse unknown or ambiguous names."""
    members = MemberRepo(session)
    if ref.slack_user_id is not None:
        member = members.by_slack_user(group.id, ref.slack_user_id)
        if member is None or not member.active:
            raise UserError("attendance.not_member", who=f"<@{ref.slack_user_id}>")
        return member
    wanted = " ".join((ref.name or "").casefold().split())
    everyone = members.in_group(group.id)
    exact = [m for m in everyone if m.name.casefold() == wanted]
    if len(exact) == 1:
        return exact[0]
    candidates = [
        m
        for m in everyone
        if wanted
        and (
            m.name.casefold().startswith(wanted)
            or any(part == wanted for part in m.name.casefold().split())
            or m.name.casefold().replace(" ", "") == wanted.replace(" ", "")
        )
    ]
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise UserError("attendance.unknown_person", who=escape(ref.name or ""))
    raise UserError(
        "attendance.ambiguous_person",
        who=escape(ref.name or ""),
        names=", ".join(escape(m.name) for m in candidates),
    )


@dataclass(frozen=True)
class Substitute:
    """Who comes instead of an absent member."""

    name: str
    member_id: int | None = None


def find_substitute(
    session: Session, directory: Directory, group: Group, ref: PersonRef
) -> Substitute:
    """Resolve a substitute: a member, another Slack user, or a person named in writing."""
    if ref.slack_user_id is not None:
        member = MemberRepo(session).by_slack_user(group.id, ref.slack_user_id)
        if member is not None:
            return Substitute(name=member.name, member_id=member.id)
        user = directory.user(ref.slack_user_id)
        if user is None:
            raise UserError("attendance.unknown_substitute", who=f"<@{ref.slack_user_id}>")
        return Substitute(name=shorten(user.real_name or user.name, NAME_LIMIT))
    name = (ref.name or "").strip()
    if not name:
        raise UserError("attendance.usage")
    return Substitute(name=name)


def group_of(session: Session, meeting: Meeting) -> Group:
    """Return the group a meeting belongs to."""
    group = session.get(Group, meeting.group_id)
    if group is None:  # the foreign key makes this impossible; say so loudly if it happens
        raise LookupError(f"meeting {meeting.id} has no group")
    return group
