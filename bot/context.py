"""Who is asking, in which group, and in which language the answer should be."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from bot.domain.enums import Role
from bot.domain.permissions import Action, allowed_roles, can
from bot.errors import UserError
from bot.i18n import normalise_language, t
from bot.render import escape
from bot.router import Request
from bot.settings import Settings
from storage.models import Group, Member
from storage.repositories import GroupRepo, MemberRepo


@dataclass
class Context:
    """The group and member behind a request (either may be unknown)."""

    group: Group | None
    member: Member | None
    lang: str

    @property
    def role(self) -> Role | None:
        """Return the member's role, or None for a non-member."""
        return Role(self.member.role) if self.member is not None else None

    def require_group(self) -> Group:
        """Return the group or explain how to pick or set one up."""
        if self.group is None:
            raise UserError("error.no_group")
        return self.group

    def may(self, action: Action) -> bool:
        """Tell whether the permission rule allows this person the action in this group."""
        return self.group is not None and permitted(self.member, self.group, action)

    def require(self, action: Action) -> Member:
        """Return the member if their role allows the action, else refuse politely."""
        return authorize(self.member, self.require_group(), action, self.lang)


def permitted(member: Member | None, group: Group, action: Action) -> bool:
    """The one permission rule: an active member of this group whose role allows the action."""
    return (
        member is not None
        and member.active
        and member.group_id == group.id
        and can(member.role, action)
    )


def authorize(member: Member | None, group: Group, action: Action, lang: str) -> Member:
    """Return the member if the permission rule allows the action, else refuse politely.

    Every path (command, mention, DM, shortcut, button, modal) asks this function; a
    person in a group's channel who is not its member is refused like any other role.
    """
    if member is None or not permitted(member, group, action):
        raise UserError(
            "error.not_allowed",
            action=t(f"action.{action.value}", lang),
            roles=role_list(action, lang),
            group=group.name,
        )
    return member


def authorize_user(
    session: Session, user_id: str, group: Group, action: Action, lang: str
) -> Member:
    """Look a Slack user up in a group and apply the permission rule."""
    return authorize(MemberRepo(session).by_slack_user(group.id, user_id), group, action, lang)


def role_list(action: Action, lang: str) -> str:
    """Return the roles allowed an action, as translated words."""
    order = [Role.CHAIR, Role.SECRETARY, Role.MEMBER, Role.GUEST]
    names = [t(f"role.{role.value}", lang) for role in order if role in allowed_roles(action)]
    return (
        t("list.or", lang, head=", ".join(names[:-1]), last=names[-1])
        if len(names) > 1
        else names[0]
    )


def language_for(settings: Settings, group: Group | None, member: Member | None) -> str:
    """Pick the reply language: the member's choice, else the group's, else the default."""
    if member is not None and member.language:
        return normalise_language(member.language)
    if group is not None and group.language:
        return normalise_language(group.language)
    return normalise_language(settings.referent_language)


def resolve(session: Session, settings: Settings, request: Request) -> Context:
    """Find the group (from the channel, or the person's only group in a DM) and member."""
    groups = GroupRepo(session)
    members = MemberRepo(session)
    group = groups.by_channel(request.channel_id)
    if group is None and request.in_dm:
        mine = members.groups_of(request.user_id)
        if len(mine) == 1:
            group = mine[0]
    member = members.by_slack_user(group.id, request.user_id) if group is not None else None
    if member is not None and not member.active:
        member = None
    return Context(group=group, member=member, lang=language_for(settings, group, member))


def resolve_one_group(
    session: Session, settings: Settings, request: Request, *, ask: str
) -> Context:
    """Resolve the group behind a request; in a DM of someone in several groups, ask which.

    ``ask`` is the catalogue key of the question; it gets the person's groups as ``{groups}``.
    """
    ctx = resolve(session, settings, request)
    if ctx.group is None and request.in_dm:
        groups = MemberRepo(session).groups_of(request.user_id)
        if len(groups) > 1:
            raise UserError(ask, groups=", ".join(f"*{escape(g.name)}*" for g in groups))
    return ctx


def user_language(session: Session, settings: Settings, user_id: str) -> str:
    """Return the language a person chose in any group, else the default."""
    for group in MemberRepo(session).groups_of(user_id):
        member = MemberRepo(session).by_slack_user(group.id, user_id)
        if member is not None and member.language:
            return normalise_language(member.language)
        return language_for(settings, group, member)
    return normalise_language(settings.referent_language)
