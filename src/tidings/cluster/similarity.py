"""How alike an article and a story, or two stories, are: four signals and a time penalty."""

from __future__ import annotations

from collections.abc import Mapping

from tidings.cluster.features import ArticleFeatures
from tidings.cluster.options import ClusterOptions
from tidings.cluster.state import StoryState
from tidings.cluster.tfidf import cosine


def entity_overlap(weights: Mapping[str, float], other: Mapping[str, object]) -> float | None:
    """IDF-weighted share of one side's capitalised phrases found on the other side.

    None when either side has none: headlines-only items and title-case headlines carry no
    usable capitals, and a missing signal is not evidence against a match.
    """
    total = sum(weights.values())
    if not total or not other:
        return None
    return sum(w for e, w in weights.items() if e in other) / total


def _combine(
    vector: float, title: float, terms: float, entities: float | None, o: ClusterOptions
) -> float:
    """Weighted sum; without capitalised phrases on either side the other weights share it."""
    total = o.weight_vector * max(vector, 0.0) + o.weight_title * max(title, 0.0)
    total += o.weight_terms * terms
    if entities is None:
        return total / (o.weight_vector + o.weight_title + o.weight_terms)
    return total + o.weight_entities * entities


def article_score(features: ArticleFeatures, story: StoryState, options: ClusterOptions) -> float:
    """Penalised similarity of an article to a story."""
    similarity = _combine(
        float(features.vector @ story.centroid),
        float(features.title_vector @ story.title_centroid),
        cosine(features.terms, story.terms, 1.0, story.terms_norm),
        entity_overlap(features.entities, story.entities),
        options,
    )
    return similarity - options.penalty(story.gap_days(features.published_at))


def story_score(a: StoryState, b: StoryState, options: ClusterOptions) -> float:
    """Penalised similarity of two stories (entity overlap is symmetric, by counts)."""
    similarity = _combine(
        float(a.centroid @ b.centroid),
        float(a.title_centroid @ b.title_centroid),
        cosine(a.terms, b.terms, a.terms_norm, b.terms_norm),
        _count_overlap(a.entities, b.entities),
        options,
    )
    gap = min(a.gap_days(b.first_seen), a.gap_days(b.last_seen))
    return similarity - options.penalty(gap)


def _count_overlap(a: Mapping[str, int], b: Mapping[str, int]) -> float | None:
    """The smaller of the two count-weighted overlaps (None when either has no phrases)."""
    one = entity_overlap({e: float(n) for e, n in a.items()}, b)
    other = entity_overlap({e: float(n) for e, n in b.items()}, a)
    return None if one is None or other is None else min(one, other)
