"""The true matters of the corpus and of the fictional Kysthjem series, for linking P/R."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

SERIES = Path(__file__).resolve().parent / "fixtures" / "matters"

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


def true_pairs() -> set[frozenset[Key]]:
    """Return every pair of items that belong to the same matter."""
    return {frozenset(p) for m in TRUE_MATTERS for p in combinations(sorted(m), 2)}


def found_pairs(matters: list[dict[str, object]]) -> set[frozenset[Key]]:
    """Return the pairs of items that `referent matters --json --all` puts together."""
    pairs: set[frozenset[Key]] = set()
    for matter in matters:
        timeline = matter["timeline"]
        assert isinstance(timeline, list)
        keys = sorted((e["date"], e["item"]["number"]) for e in timeline)
        pairs |= {frozenset(p) for p in combinations(keys, 2)}
    return pairs


def precision_recall(found: set[frozenset[Key]]) -> tuple[float, float]:
    """Return the pairwise precision and recall of found links against the true matters."""
    truth = true_pairs()
    right = len(found & truth)
    precision = right / len(found) if found else 1.0
    recall = right / len(truth) if truth else 1.0
    return precision, recall
