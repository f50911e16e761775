"""Matters (sager) across meetings: how alike two items are, and what each treatment did."""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

__all__ = [
    "CUE_BONUS",
    "LINK_THRESHOLD",
    "ItemTerms",
    "Status",
    "Treatment",
    "has_carry_cue",
    "link_score",
    "statuses",
    "treatment_kind",
]

Status = Literal["in_force", "replaced", "pending", "information"]

LINK_THRESHOLD = 0.33
"""Items scoring at least this much alike are one matter (tuned on tests/test_matters.py)."""
CUE_BONUS = 0.15
"""Added when an item says it continues an earlier one ("udsat fra", "opfølgning på")."""
RARE_TERMS = 15
"""How many of an item's rarest shared-able terms count as its fingerprint."""
TITLE_SHARE = 0.6
"""The title's share of the score; the rare terms of the whole item have the rest."""
MIN_RARE_OVERLAP = 0.1
"""Below this overlap of rare terms, the title's similarity counts only in proportion."""

_PENDING_RE = re.compile(
    r"\budsat\w*|\budsæt\w*|\budskudt\w*|tages?\s+op\s+igen|genoptag\w*|tages?\s+op\s+på\s+"
    r"(?:et\s+|det\s+)?(?:senere|næste|kommende)|behandles\s+(?:igen|på\s+næste)|"
    r"\bafvent\w*|\bpostpon\w*|\bdeferred\b|\bcarried\s+over\b|\brevisit\w*|"
    r"\bback\s+(?:to|at)\s+the\s+next\b"
)
_DECIDED_RE = re.compile(
    r"\bgodk[ae]nd\w*|\bprincipgodk\w*|\bbeslut\w*|\bvedt[oa]g\w*|\btiltr[åa]d\w*|"
    r"\bbakke\w*\s+op\b|\bbakkede\s+op\b|\banbefal\w*|\budpeg\w*|\bophæv\w*|\btilbagekald\w*|"
    r"\bannuller\w*|\bomgør\w*|\bomgjorde\w*|\bstop\w*|\bindfør\w*|\bfasthold\w*|\bændre\w*|"
    r"\bjuster\w*|\bfastsat\w*|\bfastsæt\w*|\bnedlæg\w*|\bbevilge\w*|"
    r"\bapprov\w*|\bdecided?\b|\bagreed\b|\badopt\w*|\brevoked?\b|\breversed?\b|\bcancel\w*"
)
_CARRY_RE = re.compile(
    r"\budsat\s+fra\b|\bfra\s+sidste\s+møde\b|\bgenoptag\w*|\bfortsat\s+fra\b|"
    r"\bopfølgning\s+på\b|\bfornyet\s+behandling\b|\brevision\s+af\b|\bcarried\s+over\b|"
    r"\bfollow[- ]up\b|\bstatus\s+på\b|\bstatus\s+for\b|\bjf\.\s+beslutning\b"
)


@dataclass(frozen=True)
class ItemTerms:
    """The analysed terms of one indexed item, as the search index stores them."""

    title: frozenset[str]
    all_terms: frozenset[str]


@dataclass(frozen=True)
class Treatment:
    """One treatment of a matter at a meeting: its date, position, and decision bullets."""

    item_id: int
    meeting_date: date
    position: int
    decisions: tuple[str, ...]


def _idf(n_docs: int, df: int) -> float:
    """Return a positive inverse document frequency (Robertson–Spärck Jones, +1 smoothed)."""
    return math.log(1.0 + (n_docs - df + 0.5) / (df + 0.5))


def _rare(terms: Collection[str], df: Mapping[str, int], n_docs: int) -> frozenset[str]:
    """Return the item's rarest terms that another item can share (df of at least 2)."""
    shared = [t for t in terms if df.get(t, 0) >= 2 and not t.isdigit()]
    shared.sort(key=lambda t: (df.get(t, 0), t))
    return frozenset(shared[:RARE_TERMS])


def _overlap(a: frozenset[str], b: frozenset[str], weight: Mapping[str, float]) -> float:
    """Return the weighted overlap coefficient of two term sets (0 when either is empty)."""
    if not a or not b:
        return 0.0
    # A shared number ("2025") names a period, not a matter: it only counts as a difference.
    shared = sum(weight[t] for t in a & b if not t.isdigit())
    wa, wb = sum(weight[t] for t in a), sum(weight[t] for t in b)
    if wa <= 0.0 or wb <= 0.0:
        return 0.0
    # Half the overlap coefficient (a short title inside a long one counts fully), half
    # the geometric mean of both containments (which a one-word overlap cannot fill).
    return 0.5 * shared / min(wa, wb) + 0.5 * math.sqrt(shared / wa * shared / wb)


def link_score(
    a: ItemTerms,
    b: ItemTerms,
    df: Mapping[str, int],
    n_docs: int,
    *,
    ignore: Collection[str] = (),
) -> float:
    """Return how alike two items are, in [0, 1]: their titles and their rarest terms.

    Terms are weighted by inverse document frequency, so a shared "rammeaftale" that
    half the archive mentions counts little and a shared "voldgift" counts a lot;
    ``ignore`` holds process words ("opfølgning", "status") that name a step, not a topic.
    """
    terms = a.all_terms | b.all_terms
    weight = {t: _idf(n_docs, df.get(t, 1)) for t in terms | a.title | b.title}
    title = _overlap(a.title - set(ignore), b.title - set(ignore), weight)
    rare = _overlap(
        _rare(a.all_terms - set(ignore), df, n_docs),
        _rare(b.all_terms - set(ignore), df, n_docs),
        weight,
    )
    if rare < MIN_RARE_OVERLAP:
        # Titles alike but nothing rare in common ("Kofoedsminde – oplæg til
        # Koordinationsforum" and "Møde i Koordinationsforum"): not one matter.
        return TITLE_SHARE * title * rare / MIN_RARE_OVERLAP
    return TITLE_SHARE * title + (1.0 - TITLE_SHARE) * rare


def has_carry_cue(text: str) -> bool:
    """Tell whether an item says it continues an earlier treatment ("udsat fra", "opfølgning på")."""
    return _CARRY_RE.search(text.lower()) is not None


def treatment_kind(decisions: Sequence[str]) -> Literal["decision", "pending", "information"]:
    """Tell what a treatment did: decided, postponed (pending), or only informed.

    Each bullet counts on its own: "besluttede at udsætte punktet" postpones, while
    "godkendte modellen" decides; one deciding bullet makes the treatment a decision.
    """
    pending = False
    for bullet in decisions:
        lowered = bullet.lower()
        if _PENDING_RE.search(lowered):
            pending = True
        elif _DECIDED_RE.search(lowered):
            return "decision"
    return "pending" if pending else "information"


def statuses(
    treatments: Sequence[Treatment],
) -> dict[int, tuple[Status, date | None, Literal["decision", "pending", "information"]]]:
    """Return each treatment's status, the date a replaced decision was replaced, and its kind.

    The newest decision is in force; each earlier decision was replaced by the next
    decision after it. A postponement after the newest decision is still pending; one
    that a later decision settled is history (information), though its kind still
    says it was postponed.
    """
    ordered = sorted(treatments, key=lambda t: (t.meeting_date, t.position, t.item_id))
    result: dict[int, tuple[Status, date | None, Literal["decision", "pending", "information"]]]
    result = {}
    later_decision: date | None = None
    for treatment in reversed(ordered):
        kind = treatment_kind(treatment.decisions)
        if kind == "decision":
            status: Status = "in_force" if later_decision is None else "replaced"
            result[treatment.item_id] = (status, later_decision, kind)
            later_decision = treatment.meeting_date
        elif kind == "pending" and later_decision is None:
            result[treatment.item_id] = ("pending", None, kind)
        else:
            result[treatment.item_id] = ("information", None, kind)
    return result


#: Words that name the step an agenda item takes, not its topic ("Opfølgning på X",
#: "Status for X", "Revision af X"): a match on them alone is no earlier decision.
PROCESS_WORDS = (
    "opfølgning",
    "status",
    "drøftelse",
    "orientering",
    "godkendelse",
    "evaluering",
    "revision",
    "fælles",
    "forslag",
    "oplæg",
    "proces",
    "nyt",
    "møde",
    "styregruppe",
    "beslutning",
    "indstilling",
    "arbejdet",
    "videre",
)
