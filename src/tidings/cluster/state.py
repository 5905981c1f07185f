"""A story's running state: everything needed to score and grow it, and to persist it."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np

from tidings.cluster.features import ENTITY_PREFIX, TERM_PREFIX, ArticleFeatures
from tidings.cluster.options import ClusterOptions
from tidings.cluster.text import readable_label


@dataclass(frozen=True)
class Headline:
    """A member headline that may become the story's title."""

    article_id: int
    title: str
    vector: np.ndarray
    names: tuple[str, ...] = ()
    """The capitalised phrases its article's text writes in it (`ArticleFeatures.title_names`):
    what it fills a headline template with (`series.other_names`)."""


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector


def _prune(weights: dict[str, float], keep: int) -> dict[str, float]:
    if len(weights) <= keep:
        return weights
    return dict(sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:keep])


def _prune_counts(counts: Counter[str], keep: int) -> dict[str, int]:
    return {k: int(v) for k, v in _prune({k: float(v) for k, v in counts.items()}, keep).items()}


@dataclass
class StoryState:
    """One story. Its id is the id of the article that started it.

    Vectors are sums of member unit vectors (so merging is addition); `terms` is the pruned sum
    of member TF-IDF weights and `entities` the pruned counts of member capitalised phrases.
    """

    id: int
    vector_sum: np.ndarray
    title_sum: np.ndarray
    first_seen: datetime
    last_seen: datetime
    first_source: str
    last_article_id: int = 0
    """The article that last changed the story: its recency rank among stories."""
    size: int = 0
    terms: dict[str, float] = field(default_factory=dict)
    entities: dict[str, int] = field(default_factory=dict)
    sources: dict[str, int] = field(default_factory=dict)
    headlines: list[Headline] = field(default_factory=list)
    written: dict[str, str] = field(default_factory=dict)
    """Each of `entities` as a member first spelled it ("mccain": "McCain"), for the label."""
    _derived: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)
    """Centroids and term norm, recomputed after each change; never persisted."""

    @classmethod
    def start(cls, article_id: int, features: ArticleFeatures) -> StoryState:
        """An empty story founded by this article (add the article next)."""
        return cls(
            id=article_id,
            vector_sum=np.zeros_like(features.vector),
            title_sum=np.zeros_like(features.title_vector),
            first_seen=features.published_at,
            last_seen=features.published_at,
            first_source=features.source,
        )

    @property
    def centroid(self) -> np.ndarray:
        """Unit mean of member embeddings."""
        if "centroid" not in self._derived:
            self._derived["centroid"] = _unit(self.vector_sum)
        return self._derived["centroid"]  # type: ignore[no-any-return]

    @property
    def title_centroid(self) -> np.ndarray:
        """Unit mean of member headline embeddings."""
        if "title_centroid" not in self._derived:
            self._derived["title_centroid"] = _unit(self.title_sum)
        return self._derived["title_centroid"]  # type: ignore[no-any-return]

    @property
    def terms_norm(self) -> float:
        """L2 norm of `terms`."""
        if "terms_norm" not in self._derived:
            self._derived["terms_norm"] = math.sqrt(sum(w * w for w in self.terms.values()))
        return float(self._derived["terms_norm"])

    def gap_days(self, at: datetime) -> float:
        """Days from `at` to the nearest moment of this story's coverage (0 inside it)."""
        if at < self.first_seen:
            return (self.first_seen - at).total_seconds() / 86400
        return max((at - self.last_seen).total_seconds(), 0.0) / 86400

    def add(self, article_id: int, features: ArticleFeatures, options: ClusterOptions) -> None:
        """Grow the story by one article."""
        self._derived.clear()
        self.last_article_id = article_id
        self.vector_sum = self.vector_sum + features.vector
        self.title_sum = self.title_sum + features.title_vector
        self._cover(features.published_at, features.source)
        self.size += 1
        self.sources[features.source] = self.sources.get(features.source, 0) + 1
        terms = Counter(self.terms)
        terms.update(features.terms)
        self.terms = _prune(dict(terms), options.story_terms)
        entities = Counter(self.entities)
        entities.update(features.entities.keys())
        self.entities = _prune_counts(entities, options.story_entities)
        self._spell({**features.written, **self.written})
        self._offer_headline(Headline(article_id, features.title, features.vector,
                                      tuple(features.title_names)), options)

    def absorb(self, other: StoryState, options: ClusterOptions) -> None:
        """Merge another story into this one."""
        self._derived.clear()
        self.last_article_id = max(self.last_article_id, other.last_article_id)
        self.vector_sum = self.vector_sum + other.vector_sum
        self.title_sum = self.title_sum + other.title_sum
        if other.first_seen < self.first_seen:
            self.first_source = other.first_source
        self._cover(other.first_seen, self.first_source)
        self._cover(other.last_seen, self.first_source)
        self.size += other.size
        self.sources = dict(Counter(self.sources) + Counter(other.sources))
        self.terms = _prune(dict(Counter(self.terms) + Counter(other.terms)), options.story_terms)
        merged = Counter(self.entities) + Counter(other.entities)
        self.entities = _prune_counts(merged, options.story_entities)
        self._spell({**other.written, **self.written})
        for headline in other.headlines:
            self._offer_headline(headline, options)

    def recount(self, sources: dict[str, int], first: tuple[datetime, str], last: datetime
                ) -> None:
        """Take size, sources and dates from the member articles (a repair after members were
        lost or added behind the clusterer's back; vectors and terms keep what they had).
        `sources` counts members per outlet; `first` is the earliest member's (time, outlet)."""
        self.size = sum(sources.values())
        self.sources = dict(sources)
        self.first_seen, self.first_source = first
        self.last_seen = last

    def _spell(self, written: dict[str, str]) -> None:
        """Keep the spellings of the entities the story keeps."""
        self.written = {e: written[e] for e in self.entities if e in written}

    def _cover(self, at: datetime, source: str) -> None:
        if at < self.first_seen:
            self.first_seen, self.first_source = at, source
        self.last_seen = max(self.last_seen, at)

    def _offer_headline(self, headline: Headline, options: ClusterOptions) -> None:
        self._derived.clear()
        self.headlines.append(headline)
        if len(self.headlines) > options.headline_candidates:
            centroid = self.centroid
            farthest = min(self.headlines, key=lambda h: float(h.vector @ centroid))
            self.headlines.remove(farthest)

    @property
    def title(self) -> str:
        """The member headline closest to the centroid."""
        centroid = self.centroid
        return max(self.headlines, key=lambda h: float(h.vector @ centroid)).title

    def label(self, size: int = 3) -> str:
        """A readable label: the names most members share (multi-word first), cased as the
        headlines write them, then key terms where names are few (`text.readable_label`)."""
        shared = [e for e, n in self.entities.items() if 2 * n >= self.size]
        names = sorted(shared, key=lambda e: (" " not in e, -self.entities[e], e))
        terms = sorted(self.terms, key=lambda t: (-self.terms[t], t))
        return readable_label(names, terms, [h.title for h in self.headlines], size, self.written)

    def keys(self, options: ClusterOptions) -> tuple[str, ...]:
        """Blocking keys under which the story can be found."""
        terms = sorted(self.terms, key=lambda t: (-self.terms[t], t))[: options.story_key_terms]
        names = sorted(self.entities, key=lambda e: (-self.entities[e], e))
        return (
            *(TERM_PREFIX + t for t in terms),
            *(ENTITY_PREFIX + e for e in names[: options.story_key_entities]),
        )

    def to_record(self) -> dict[str, Any]:
        """A JSON-able dict; the three vector fields are float32 bytes (BLOB columns)."""
        return {
            "id": self.id,
            "first_seen": self.first_seen.isoformat(),
            "last_seen": self.last_seen.isoformat(),
            "first_source": self.first_source,
            "last_article_id": self.last_article_id,
            "size": self.size,
            "terms": self.terms,
            "entities": self.entities,
            "sources": self.sources,
            "headlines": [[h.article_id, h.title, list(h.names)] for h in self.headlines],
            "written": self.written,
            "vector_sum": self.vector_sum.astype("<f4").tobytes(),
            "title_sum": self.title_sum.astype("<f4").tobytes(),
            "headline_vectors": b"".join(h.vector.astype("<f4").tobytes() for h in self.headlines),
        }

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> StoryState:
        """The inverse of `to_record`."""
        vector_sum = np.frombuffer(record["vector_sum"], dtype="<f4").astype(np.float32)
        rows = np.frombuffer(record["headline_vectors"], dtype="<f4").astype(np.float32)
        rows = rows.reshape(-1, len(vector_sum))
        return cls(
            id=int(record["id"]),
            vector_sum=vector_sum,
            title_sum=np.frombuffer(record["title_sum"], dtype="<f4").astype(np.float32),
            first_seen=datetime.fromisoformat(record["first_seen"]),
            last_seen=datetime.fromisoformat(record["last_seen"]),
            first_source=str(record["first_source"]),
            last_article_id=int(record["last_article_id"]),
            size=int(record["size"]),
            terms={str(k): float(v) for k, v in record["terms"].items()},
            entities={str(k): int(v) for k, v in record["entities"].items()},
            sources={str(k): int(v) for k, v in record["sources"].items()},
            headlines=[
                Headline(int(i), str(t), rows[n], tuple(map(str, names[0])) if names else ())
                for n, (i, t, *names) in enumerate(record["headlines"])
            ],
            written={str(k): str(v) for k, v in record.get("written", {}).items()},
        )
