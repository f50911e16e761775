"""Use cases of the agenda: proposals, curation, assembly, publishing and export.

The draft agenda is assembled, not typed: the meeting's own items (accepted proposals,
items carried over), the standing items, the items the previous meeting listed under
"Punkter til næste møde", items postponed at earlier meetings and the follow-up on overdue
action items. Entries that are only derived get a row of their own ("materialised", keyed
by ``AgendaItem.origin``) the first time the chair curates or publishes the agenda, so the
minutes can record a decision under every item.

One concern per module: :mod:`.access`, :mod:`.outbox`, :mod:`.assembly`,
:mod:`.proposals`, :mod:`.hints`, :mod:`.confirmation`, :mod:`.curation`,
:mod:`.publishing`, :mod:`.export`, and the pure Block Kit builders in :mod:`.views`. The meeting notice and the agenda export with its list
of who comes compose agenda and attendance in :mod:`bot.notice`, so neither imports the
other. This package re-exports the names other modules import.
"""

from __future__ import annotations

from bot.agenda.access import actor_context, require_proposer_or_officer
from bot.agenda.assembly import TITLE_LIMIT, assemble_agenda, meeting_facts
from bot.agenda.confirmation import (
    Confirmation,
    confirmation_for,
    confirmation_notice,
    post_confirmation,
)
from bot.agenda.curation import Curated, accept, move, postpone, reject, resolve_hint, set_kind
from bot.agenda.export import agenda_docx, agenda_markdown
from bot.agenda.outbox import Notice, send_notices
from bot.agenda.proposals import (
    VIA_MENTION,
    VIA_MODAL,
    VIA_SHORTCUT,
    VIA_SLASH,
    ProposalInput,
    apply_edit,
    input_from_text,
    proposals_from_message,
    propose,
    update_proposal,
    withdraw,
)
from bot.agenda.publishing import Publication, post_publication, publish
from bot.agenda.views import HintView, ProposalView, agenda_blocks, draft_blocks, proposal_message

__all__ = [
    "TITLE_LIMIT",
    "VIA_MENTION",
    "VIA_MODAL",
    "VIA_SHORTCUT",
    "VIA_SLASH",
    "Confirmation",
    "Curated",
    "HintView",
    "Notice",
    "ProposalInput",
    "ProposalView",
    "Publication",
    "accept",
    "actor_context",
    "agenda_blocks",
    "agenda_docx",
    "agenda_markdown",
    "apply_edit",
    "assemble_agenda",
    "confirmation_for",
    "confirmation_notice",
    "draft_blocks",
    "input_from_text",
    "meeting_facts",
    "move",
    "post_confirmation",
    "post_publication",
    "postpone",
    "proposal_message",
    "proposals_from_message",
    "propose",
    "publish",
    "reject",
    "require_proposer_or_officer",
    "resolve_hint",
    "send_notices",
    "set_kind",
    "update_proposal",
    "withdraw",
]
