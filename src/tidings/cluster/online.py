"""Online, incremental story clustering: each article joins a story or starts one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tidings.cluster.candidates import CandidateSource
from tidings.cluster.embed import Embedder
from tidings.cluster.features import ArticleFeatures, featurize
from tidings.cluster.options import ClusterOptions
from tidings.cluster.series import other_names
from tidings.cluster.similarity import article_score, story_score
from tidings.cluster.state import StoryState
from tidings.cluster.tfidf import DocumentFrequencies


@dataclass(frozen=True)
class Assignment:
    """Where one article went."""

    story_id: int
    created: bool
    """True when the article started a new story (its id is then the article's id)."""
    score: float
    """Penalised similarity to the story joined (1.0 for a new story)."""
    merged_story_ids: tuple[int, ...] = ()
    """Stories folded into `story_id` because this article showed they are one event."""
    kept_apart: tuple[int, ...] = ()
    """Stories similar enough to join that the article only shares a headline template with
    (a series: `series.other_names`), so it did not."""


class OnlineClusterer:
    """Single-pass clustering over articles fed in publication order.

    All state lives in `candidates` (stories) and `frequencies` (document frequencies); both can
    be persisted and reloaded, and a rebuild is this same pass over a window's articles.
    """

    def __init__(
        self,
        options: ClusterOptions,
        embedder: Embedder,
        candidates: CandidateSource,
        frequencies: DocumentFrequencies | None = None,
    ) -> None:
        self.options = options
        self.embedder = embedder
        self.candidates = candidates
        self.frequencies = frequencies if frequencies is not None else DocumentFrequencies()

    def add(
        self, article_id: int, title: str, text: str, published_at: datetime, source: str
    ) -> Assignment:
        """Cluster one article; `published_at` must be timezone-aware."""
        features = featurize(
            title, text, published_at, source, self.embedder, self.frequencies, self.options
        )
        return self.add_features(article_id, features)

    def add_features(self, article_id: int, features: ArticleFeatures) -> Assignment:
        """Cluster one already featurised article (document frequencies already counted)."""
        pool = self.candidates.candidates(features.keys, features.vector, features.published_at)
        scored = sorted(
            ((article_score(features, s, self.options), s) for s in pool),
            key=lambda pair: (-pair[0], pair[1].id),
        )
        similar = [(score, s) for score, s in scored if score >= self.options.join_threshold]
        apart = tuple(s.id for _, s in similar if _series_only(features, s))
        joinable = [(score, s) for score, s in similar if s.id not in apart]
        if not joinable:
            story = StoryState.start(article_id, features)
            story.add(article_id, features, self.options)
            self.candidates.save(story)
            return Assignment(story_id=story.id, created=True, score=1.0, kept_apart=apart)
        score, story = joinable[0]
        story.add(article_id, features, self.options)
        story, merged = self._merge(story, [s for _, s in joinable[1:]])
        self.candidates.save(story)
        return Assignment(story_id=story.id, created=False, score=score, merged_story_ids=merged,
                          kept_apart=apart)

    def join(self, article_id: int, features: ArticleFeatures, story_id: int
             ) -> Assignment | None:
        """Add an article to a given story (a syndicated copy to its original's), whatever its
        score; None when there is no such story."""
        story = self.candidates.get(story_id)
        if story is None:
            return None
        score = article_score(features, story, self.options)
        story.add(article_id, features, self.options)
        self.candidates.save(story)
        return Assignment(story_id=story.id, created=False, score=score)

    def _merge(
        self, story: StoryState, others: list[StoryState]
    ) -> tuple[StoryState, tuple[int, ...]]:
        """Fold into one story the others this article also joins that match it as stories."""
        merged: list[int] = []
        for other in others:
            if story_score(story, other, self.options) < self.options.merge_threshold:
                continue
            keep, gone = sorted((story, other), key=lambda s: (s.first_seen, s.id))
            keep.absorb(gone, self.options)
            self.candidates.remove(gone.id)
            merged.append(gone.id)
            story = keep
        return story, tuple(merged)


def _series_only(features: ArticleFeatures, story: StoryState) -> bool:
    """The story shares only a headline template with the article (`series.other_names`)."""
    return other_names(features.title, features.title_names, features.mentions,
                       [(h.title, h.names) for h in story.headlines], story.entities)
