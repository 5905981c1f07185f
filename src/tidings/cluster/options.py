"""Every knob of story clustering in one frozen dataclass."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class ClusterOptions:
    """Weights, thresholds and decay of the online story clusterer.

    The similarity of an article to a story is a weighted sum of four normalised signals, each
    in [0, 1]: embedding cosine to the story centroid, headline-embedding cosine, TF-IDF cosine
    and the IDF-weighted share of the article's capitalised phrases already in the story. Time
    is a penalty that grows smoothly with the gap to the story's coverage, ``decay_penalty *
    (1 - 0.5 ** (gap_days / half_life_days))``: no hard window, but a story left dormant for a
    few half-lives can no longer absorb anything short of a copy.
    """

    weight_vector: float = 0.35
    weight_title: float = 0.15
    weight_terms: float = 0.3
    weight_entities: float = 0.2
    join_threshold: float = 0.32
    """Lowest penalised similarity at which an article joins its best story."""
    merge_threshold: float = 0.32
    """Lowest penalised story-to-story similarity at which two stories become one."""
    half_life_days: float = 7.0
    decay_penalty: float = 0.7
    """Similarity taken off an article that comes long after a story's last coverage."""
    embed_chars: int = 2000
    """Characters of body text (after the headline) that go into the article embedding."""
    article_terms: int = 60
    """TF-IDF terms kept per article."""
    story_terms: int = 150
    """TF-IDF terms kept per story (the sum of its articles' weights, pruned)."""
    story_entities: int = 60
    key_terms: int = 8
    """Blocking keys per article: its heaviest terms ..."""
    key_entities: int = 8
    """... and its rarest capitalised phrases ..."""
    key_max_share: float = 0.02
    """... leaving out those too common to tell stories apart: a term or phrase in more than
    this share of the articles counted so far is no key (it still counts in similarity) ..."""
    key_min_cap: int = 1000
    """... once that share is above this many articles (so a small corpus leaves out none)."""
    story_key_terms: int = 20
    story_key_entities: int = 12
    headline_candidates: int = 12
    """Member headlines kept per story to choose its title from."""

    def penalty(self, gap_days: float) -> float:
        """Similarity taken off for a gap (days) between an article and a story's coverage."""
        return self.decay_penalty * (1.0 - 0.5 ** (max(gap_days, 0.0) / self.half_life_days))

    def key_cap(self, docs: int) -> float:
        """The most articles a key may be found in, of `docs` counted."""
        return max(float(self.key_min_cap), self.key_max_share * docs)

    def horizon_days(self) -> float:
        """Gap past which even a perfect match (similarity 1) cannot join: dormant for good."""
        headroom = 1.0 - self.join_threshold
        if self.decay_penalty <= headroom:
            return math.inf
        return self.half_life_days * math.log2(self.decay_penalty / (self.decay_penalty - headroom))
