"""Scores of a clustering against gold labels: pairwise (Miranda et al.) and BCubed P/R/F1."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Scores:
    """Precision, recall and F1."""

    precision: float
    recall: float
    f1: float


def _scores(precision: float, recall: float) -> Scores:
    total = precision + recall
    return Scores(precision, recall, 2 * precision * recall / total if total else 0.0)


def pairwise(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> Scores:
    """Precision and recall over pairs of items put in one cluster."""
    both = Counter(zip(predicted, gold, strict=True))
    pairs = sum(n * (n - 1) // 2 for n in both.values())
    predicted_pairs = sum(n * (n - 1) // 2 for n in Counter(predicted).values())
    gold_pairs = sum(n * (n - 1) // 2 for n in Counter(gold).values())
    return _scores(
        pairs / predicted_pairs if predicted_pairs else 1.0,
        pairs / gold_pairs if gold_pairs else 1.0,
    )


def bcubed(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> Scores:
    """Mean per-item precision and recall of each item's cluster against its gold cluster."""
    both = Counter(zip(predicted, gold, strict=True))
    sizes_p, sizes_g = Counter(predicted), Counter(gold)
    items = len(predicted)
    precision = sum(n * n / sizes_p[p] for (p, _), n in both.items()) / items
    recall = sum(n * n / sizes_g[g] for (_, g), n in both.items()) / items
    return _scores(precision, recall)
