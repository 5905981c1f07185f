"""Incremental document frequencies and TF-IDF weights over sparse term dictionaries."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


@dataclass
class DocumentFrequencies:
    """How many articles contain each key: kept as state, grown one article at a time.

    Persist it as a table of (key, count) plus the article count `docs`.
    """

    docs: int = 0
    counts: Counter[str] = field(default_factory=Counter)

    def add(self, keys: Iterable[str]) -> None:
        """Count one more article containing each of `keys` (each key once)."""
        self.docs += 1
        self.counts.update(set(keys))

    def idf(self, key: str) -> float:
        """Smoothed inverse document frequency; unseen keys get the largest value."""
        return math.log((self.docs + 1) / (self.counts.get(key, 0) + 1)) + 1.0

    def to_record(self) -> dict[str, object]:
        """A JSON-able dict."""
        return {"docs": self.docs, "counts": dict(self.counts)}

    @classmethod
    def from_record(cls, record: Mapping[str, object]) -> DocumentFrequencies:
        """The inverse of `to_record`."""
        counts = record["counts"]
        assert isinstance(counts, dict)
        return cls(docs=int(str(record["docs"])), counts=Counter(counts))


def weigh(counts: Mapping[str, int], df: DocumentFrequencies, keep: int) -> dict[str, float]:
    """L2-normalised sublinear TF-IDF weights of the `keep` heaviest terms."""
    raw = {t: (1.0 + math.log(c)) * df.idf(t) for t, c in counts.items()}
    top = dict(sorted(raw.items(), key=lambda kv: (-kv[1], kv[0]))[:keep])
    return normalise(top)


def normalise(weights: Mapping[str, float]) -> dict[str, float]:
    """The same weights scaled to unit L2 norm (empty stays empty)."""
    length = norm(weights)
    return {t: w / length for t, w in weights.items()} if length else {}


def norm(weights: Mapping[str, float]) -> float:
    """L2 norm of a sparse vector."""
    return math.sqrt(sum(w * w for w in weights.values()))


def cosine(a: Mapping[str, float], b: Mapping[str, float], norm_a: float, norm_b: float) -> float:
    """Cosine of two sparse vectors whose norms are known."""
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b.get(t, 0.0) for t, w in a.items())
    return dot / (norm_a * norm_b) if norm_a and norm_b else 0.0
