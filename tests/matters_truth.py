"""The true matters of the corpus and of the fictional Kysthjem series, for linking P/R."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

SERIES = Path(__file__).resolve().parent / "fixtures" / "matters"
#: A second series, written after the linking threshold was set, by another hand: another
#: group, "Pkt. N" headings, "Referat:" for the decision, some words without æøå.
HOLDOUT = Path(__file__).resolve().parent / "fixtures" / "matters_holdout"

Key = tuple[str, str]  # (meeting date, item number)

# Items treated at more than one meeting; every other non-standing item stands alone.
TRUE_MATTERS: list[set[Key]] = [
    # Reference corpus (Sjælland): the central udmelding on convicted people with
    # intellectual disabilities, first treated for Greenlandic/Faroese citizens.
    {("2020-06-26", "3"), ("2024-03-15", "6")},
    # The network groups' annual reports, presented each year.
    {("2020-06-26", "6"), ("2024-03-15", "4")},
    # Kysthjem: joint transport — postponed, decided, revised, followed up.
    {("2024-01-12", "2"), ("2024-03-08", "2"), ("2024-08-30", "2"), ("2025-01-10", "2")},
    # Kysthjem: video interpretation — decided, reversed, followed up.
    {("2024-01-12", "3"), ("2024-05-24", "2"), ("2024-10-25", "3")},
    # Kysthjem: emergency places — decided, then an extension postponed.
    {("2024-03-08", "3"), ("2024-10-25", "2")},
    # Kysthjem: the theme day on homelessness and its evaluation.
    {("2024-01-12", "4"), ("2024-10-25", "4")},
]


# The held-out Fjordbyerne series; its other items (a hearing response on use of force,
# a national report on foster families, respite for relatives of people with dementia,
# a budget follow-up) share words with these matters but are not part of them.
HOLDOUT_MATTERS: list[set[Key]] = [
    # Respite tariffs: postponed, decided, revised, followed up.
    {("2023-02-03", "2"), ("2023-04-14", "2"), ("2023-09-22", "2"), ("2024-01-26", "2")},
    # The foster-family campaign: started, status, extended.
    {("2023-02-03", "3"), ("2023-06-09", "2"), ("2023-11-10", "2")},
    # Move-on housing for young people: decided, reversed, taken up again (pending).
    {("2023-04-14", "3"), ("2023-09-22", "3"), ("2024-01-26", "3")},
    # The de-escalation course: approved, evaluated.
    {("2023-06-09", "3"), ("2023-11-10", "3")},
    # Lessons from the social supervision reports: discussed, adopted.
    {("2023-11-10", "4"), ("2024-01-26", "4")},
]


def true_pairs(truth: list[set[Key]] | None = None) -> set[frozenset[Key]]:
    """Return every pair of items that belong to the same matter."""
    matters = TRUE_MATTERS if truth is None else truth
    return {frozenset(p) for m in matters for p in combinations(sorted(m), 2)}


def found_pairs(matters: list[dict[str, object]]) -> set[frozenset[Key]]:
    """Return the pairs of items that `referent matters --json --all` puts together."""
    pairs: set[frozenset[Key]] = set()
    for matter in matters:
        timeline = matter["timeline"]
        assert isinstance(timeline, list)
        keys = sorted((e["date"], e["item"]["number"]) for e in timeline)
        pairs |= {frozenset(p) for p in combinations(keys, 2)}
    return pairs


def precision_recall(
    found: set[frozenset[Key]], matters: list[set[Key]] | None = None
) -> tuple[float, float]:
    """Return the pairwise precision and recall of found links against the true matters."""
    truth = true_pairs(matters)
    right = len(found & truth)
    precision = right / len(found) if found else 1.0
    recall = right / len(truth) if truth else 1.0
    return precision, recall
