"""Who is acting on the agenda: the actor's context and who may change an item."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from bot.context import Context, language_for
from bot.domain import agenda as rules
from bot.errors import UserError
from bot.render import escape
from storage.models import AgendaItem, Group, Member
from storage.repositories import MemberRepo

if TYPE_CHECKING:
    from bot.settings import Settings


def actor_context(session: Session, settings: Settings, group: Group, user_id: str) -> Context:
    """Return the context of a person acting in a group they reached without its channel."""
    member = MemberRepo(session).by_slack_user(group.id, user_id)
    if member is not None and not member.active:
        member = None
    return Context(group=group, member=member, lang=language_for(settings, group, member))


def require_proposer_or_officer(ctx: Context, item: AgendaItem) -> Member:
    """Return the member if they proposed the item or curate the agenda, else refuse."""
    group = ctx.require_group()
    member = ctx.member
    is_proposer = member is not None and item.proposer_member_id == member.id
    if member is None or not rules.may_change_proposal(member.role, is_proposer):
        raise UserError("proposal.not_yours", group=escape(group.name))
    return member
