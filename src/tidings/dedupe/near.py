"""Near-duplicates: syndicated and wire copies found by MinHash LSH over word shingles.

Signatures are plain lists of ints so that they can be stored with the article; an index is
rebuilt from stored signatures with `NearDuplicateIndex.restore`.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
from datasketch import MinHash, MinHashLSH

from tidings.dedupe.exact import normalise_text

_SCHEME = "affine32"
"""datasketch's permutation scheme, named so that stored signatures stay comparable."""


@dataclass(frozen=True)
class NearDuplicateOptions:
    """MinHash LSH settings. Defaults measured with benchmarks/dedupe.py."""

    threshold: float = 0.4
    """Lowest estimated Jaccard similarity of shingle sets that counts as a copy."""
    shingle_size: int = 3
    """Words per shingle."""
    num_perm: int = 128
    seed: int = 1


@dataclass(frozen=True)
class NearDuplicate:
    """An article found to be a copy of an earlier one."""

    canonical_id: int
    """The earliest article of its group of copies."""
    similarity: float
    """Estimated Jaccard similarity to the canonical article (or, once it is forgotten, to its
    nearest copy)."""


def shingles(text: str, size: int) -> set[bytes]:
    """Overlapping runs of `size` normalised words (the whole text if shorter)."""
    words = normalise_text(text).split()
    if len(words) <= size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


def _minhash(signature: Sequence[int], options: NearDuplicateOptions) -> MinHash:
    values = np.asarray(signature, dtype=np.uint64)
    return MinHash(num_perm=options.num_perm, seed=options.seed, hashvalues=values, scheme=_SCHEME)


def minhash_signature(text: str, options: NearDuplicateOptions) -> list[int]:
    """The MinHash signature of the text's shingles (empty for a text with no words)."""
    found = shingles(text, options.shingle_size)
    if not found:
        return []
    sketch = MinHash(num_perm=options.num_perm, seed=options.seed, scheme=_SCHEME)
    sketch.update_batch(list(found))
    return [int(v) for v in sketch.hashvalues]


def signature_similarity(a: Sequence[int], b: Sequence[int]) -> float:
    """Estimated Jaccard similarity: the share of equal signature positions."""
    if not a or len(a) != len(b):
        return 0.0
    return float(np.mean(np.asarray(a, dtype=np.uint64) == np.asarray(b, dtype=np.uint64)))


class NearDuplicateIndex:
    """Articles seen so far, fed in publication order; each copy links to the earliest one."""

    def __init__(self, options: NearDuplicateOptions | None = None) -> None:
        self.options = options or NearDuplicateOptions()
        self._lsh = MinHashLSH(threshold=self.options.threshold, num_perm=self.options.num_perm)
        self._signatures: dict[int, list[int]] = {}
        self._canonical: dict[int, int] = {}

    def add(self, article_id: int, text: str) -> NearDuplicate | None:
        """Index an article's text (its body, not its headline); say what it copies, if any."""
        signature = minhash_signature(text, self.options)
        match = self.match(signature)
        self.restore(article_id, signature, match.canonical_id if match else None)
        return match

    def match(self, signature: Sequence[int]) -> NearDuplicate | None:
        """The canonical article this signature copies, without indexing it; the similarity is
        to the canonical article, or to its nearest copy once the canonical is forgotten."""
        if not signature:
            return None
        scored = [
            (signature_similarity(signature, self._signatures[other]), other)
            for other in self._lsh.query(_minhash(signature, self.options))
        ]
        copies = [(s, other) for s, other in scored if s >= self.options.threshold]
        if not copies:
            return None
        _, best = max(copies, key=lambda pair: (pair[0], -pair[1]))
        canonical = self._canonical[best]
        reference = self._signatures.get(canonical, self._signatures[best])
        return NearDuplicate(canonical, signature_similarity(signature, reference))

    def restore(self, article_id: int, signature: Sequence[int], canonical_id: int | None) -> None:
        """Put back an article with its stored signature and canonical id (None: it is one)."""
        if not signature or article_id in self._signatures:
            return
        self._signatures[article_id] = list(signature)
        self._canonical[article_id] = canonical_id if canonical_id is not None else article_id
        self._lsh.insert(article_id, _minhash(signature, self.options))

    def forget(self, article_id: int) -> None:
        """Drop an article from the index (it left the window copies are looked for in); its
        copies still name it as their canonical article."""
        if self._signatures.pop(article_id, None) is not None:
            del self._canonical[article_id]
            self._lsh.remove(article_id)

    def canonical_of(self, article_id: int) -> int:
        """The canonical article of an indexed article (itself when it is no copy)."""
        return self._canonical.get(article_id, article_id)


class RecentCopies:
    """A `NearDuplicateIndex` over a sliding window: an article, fed in publication order, is
    taken for a copy only of articles published at most `window` before it. So how articles
    are split into runs (each restoring the window before its first article) changes nothing."""

    def __init__(self, options: NearDuplicateOptions, window: timedelta) -> None:
        self.index = NearDuplicateIndex(options)
        self.window = window
        self._times: list[tuple[datetime, int]] = []  # a heap: the oldest indexed first

    def restore(self, article_id: int, at: datetime, signature: Sequence[int],
                canonical_id: int | None) -> None:
        """Put back an article clustered before, with its time, signature and canonical id."""
        if signature:
            self.index.restore(article_id, signature, canonical_id)
            heapq.heappush(self._times, (at, article_id))

    def add(self, article_id: int, at: datetime, signature: Sequence[int]
            ) -> NearDuplicate | None:
        """Index an article; what it copies among those of the window before `at`, if any."""
        while self._times and self._times[0][0] < at - self.window:
            self.index.forget(heapq.heappop(self._times)[1])
        match = self.index.match(signature)
        self.restore(article_id, at, signature, match.canonical_id if match else None)
        return match
