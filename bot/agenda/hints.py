"""The archive hint with a proposal: have we decided this before?"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot.agenda.views import HintView
from bot.archive import ArchiveHit, search_decisions
from bot.domain.enums import ItemStatus
from bot.i18n import t
from bot.meetings import format_day
from bot.render import escape, shorten
from storage.models import AgendaItem, Group

HINT_LIMIT = 3
#: Hints weaker than this share of the best hit's score are left out.
HINT_MIN_RATIO = 0.5


def earlier_decisions(
    session: Session, group_id: int, text: str, now: datetime, limit: int = HINT_LIMIT
) -> list[ArchiveHit]:
    """Return earlier decisions in the archive that match a proposal strongly."""
    if not text.strip():
        return []
    hits = search_decisions(session, group_id, text, now, limit=limit)
    hits = [h for h in hits if h.decisions]
    if not hits:
        return []
    best = max(h.score for h in hits)
    return [h for h in hits if h.score >= best * HINT_MIN_RATIO][:limit]


def hint_views(
    session: Session, group: Group, item: AgendaItem, now: datetime, lang: str
) -> list[HintView]:
    """Return the earlier decisions to show with a proposal still waiting for the chair."""
    if item.status != ItemStatus.PROPOSED or item.related_item_id is not None:
        return []
    text = " ".join(p for p in (item.title, item.summary or "") if p)
    views = []
    for hit in earlier_decisions(session, group.id, text, now):
        views.append(
            HintView(
                label=t(
                    "proposal.hint.line",
                    lang,
                    date=format_day(hit.meeting_date, lang, weekday=False),
                    number=escape(str(hit.item_number)),
                    title=escape(shorten(hit.item_title, 150)),
                ),
                decisions=tuple(escape(shorten(d, 300)) for d in hit.decisions[:3]),
                earlier_item_id=hit.item_id,
            )
        )
    return views
