"""Where candidate stories come from: a blocking index, never a scan over every story."""

from __future__ import annotations

from collections import Counter, OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import Protocol

import numpy as np

from tidings.cluster.options import ClusterOptions
from tidings.cluster.state import StoryState


class CandidateSource(Protocol):
    """The stories an article may join, and the store of story state.

    `candidates` returns live stories only: those whose coverage ended less than the options'
    horizon before `at`. Of the stories filed under any of `keys` (at most `per_key` of the most
    recently updated per key), it keeps the `limit` sharing the most keys (ties: most recently
    updated), and adds the `recent` most recently updated stories. "Most recently updated" is
    the highest `StoryState.last_article_id`. `vector` is for a source that
    keeps a vector index; the in-memory one does not use it. A SQL implementation keeps a
    stories table (with `last_seen` and an update sequence) and a (key, story_id) table, and
    runs the same ranking as GROUP BY story_id ORDER BY count(*) DESC, last_article_id DESC.
    """

    def candidates(self, keys: Sequence[str], vector: np.ndarray, at: datetime) -> list[StoryState]:
        """Stories worth scoring against an article with these keys, published at `at`."""
        ...

    def save(self, story: StoryState) -> None:
        """Insert or replace a story and refile it under its current keys."""
        ...

    def remove(self, story_id: int) -> None:
        """Forget a story (merged into another)."""
        ...

    def get(self, story_id: int) -> StoryState | None:
        """One story by id."""
        ...


class InMemoryCandidates:
    """A `CandidateSource` in dicts: an inverted index from key to stories in update order."""

    def __init__(
        self, options: ClusterOptions, per_key: int = 16, limit: int = 48, recent: int = 16
    ) -> None:
        self._options = options
        self._horizon = options.horizon_days()
        self._per_key = per_key
        self._limit = limit
        self._recent = recent
        self.stories: dict[int, StoryState] = {}
        self._postings: dict[str, OrderedDict[int, None]] = {}
        """Key -> stories filed under it, in update order."""
        self._filed: dict[int, tuple[str, ...]] = {}
        self._updated: OrderedDict[int, None] = OrderedDict()
        """Story ids in update order."""

    def candidates(self, keys: Sequence[str], vector: np.ndarray, at: datetime) -> list[StoryState]:
        """Live stories sharing the most keys, plus the most recently updated ones."""
        hits: Counter[int] = Counter()
        for key in keys:
            hits.update(self._live(reversed(self._postings.get(key, {})), self._per_key, at))
        stories = self.stories
        best = sorted(hits, key=lambda i: (-hits[i], -stories[i].last_article_id))
        chosen = dict.fromkeys(best[: self._limit])
        chosen.update(dict.fromkeys(self._live(reversed(self._updated), self._recent, at)))
        return [self.stories[story_id] for story_id in chosen]

    def _live(self, ids: Iterator[int], limit: int, at: datetime) -> list[int]:
        """Up to `limit` live stories, newest update first; stops at the first dormant one."""
        taken: list[int] = []
        for story_id in ids:
            story = self.stories[story_id]
            if len(taken) >= limit or (at - story.last_seen).days > self._horizon:
                break
            if story.gap_days(at) <= self._horizon:
                taken.append(story_id)
        return taken

    def save(self, story: StoryState) -> None:
        """File the story under its current keys, as the most recently updated."""
        self._unfile(story.id)
        self.stories[story.id] = story
        keys = story.keys(self._options)
        for key in keys:
            self._postings.setdefault(key, OrderedDict())[story.id] = None
        self._filed[story.id] = keys
        self._updated.pop(story.id, None)
        self._updated[story.id] = None

    @classmethod
    def restore(cls, options: ClusterOptions, stories: Iterable[StoryState]) -> InMemoryCandidates:
        """An index over stored stories, filed in the order they were last updated."""
        source = cls(options)
        for story in sorted(stories, key=lambda s: s.last_article_id):
            source.save(story)
        return source

    def remove(self, story_id: int) -> None:
        """Forget a story."""
        self._unfile(story_id)
        self.stories.pop(story_id, None)
        self._updated.pop(story_id, None)

    def get(self, story_id: int) -> StoryState | None:
        """One story by id."""
        return self.stories.get(story_id)

    def _unfile(self, story_id: int) -> None:
        for key in self._filed.pop(story_id, ()):
            posting = self._postings[key]
            posting.pop(story_id, None)
            if not posting:
                del self._postings[key]
