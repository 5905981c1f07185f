"""The who's-who analysis of every demo-corpus seed of `serve.py`'s synthetic articles, made
once by the product's own analysers (`pipeline.enrich_workers.Analysers`, worker processes)
and kept in a cache file.

Each seed is analysed twice, as `tidings enrich` would meet its synthetic articles: whole
(title and text, with its extractive summary) and as a headline-only item (title and lead
sentence, no summary). Publication time: `REFERENCE`, so that a synthetic article's event
dates are the seed's shifted by its own time. The cache is named by the demo corpus file's
hash; delete it to analyse again after the analysis changed (the load does not depend on
what exactly it finds).
"""

from __future__ import annotations

import hashlib
import pickle
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from tidings.enrich.batches import AnalysedArticle, BatchArticle
from tidings.enrich.limits import AnalysisLimits
from tidings.pipeline.enrich_workers import Analysers

REFERENCE = datetime(2026, 1, 1, 12, tzinfo=UTC)
BATCH = 32


@dataclass(frozen=True)
class Seed:
    """A demo-corpus article that synthetic articles are made of."""

    title: str
    paragraphs: tuple[str, ...]

    @property
    def lead(self) -> str:
        """The feed summary of its headline-only copies (as `serve.compose` writes it)."""
        return self.paragraphs[0].split(". ")[0].rstrip(".") + "."


@dataclass(frozen=True)
class SeedAnalysis:
    """A seed analysed whole and as a headline (either None when its analysis failed)."""

    whole: AnalysedArticle
    headline: AnalysedArticle


def cache_path(corpus: Path, directory: Path | None = None) -> Path:
    digest = hashlib.sha256(corpus.read_bytes()).hexdigest()[:16]
    return (directory or Path(tempfile.gettempdir())) / f"tidings-seed-analyses-{digest}.pickle"


def seed_analyses(seeds: Sequence[Seed], cache: Path, *, processes: int = 2
                  ) -> list[SeedAnalysis]:
    """Every seed's analyses, from `cache` when it holds them, else made and cached."""
    if cache.exists():
        with cache.open("rb") as handle:
            kept: list[SeedAnalysis] = pickle.load(handle)
        if len(kept) == len(seeds):
            return kept
    started = time.perf_counter()
    items = [item for s in seeds for item in (
        BatchArticle(s.title, "\n\n".join(s.paragraphs), REFERENCE, summarize=True),
        BatchArticle(s.title, s.lead, REFERENCE))]
    results = _analyse(items, processes)
    made = [SeedAnalysis(results[k], results[k + 1]) for k in range(0, len(results), 2)]
    partial = cache.with_suffix(".partial")
    with partial.open("wb") as handle:
        pickle.dump(made, handle, protocol=pickle.HIGHEST_PROTOCOL)
    partial.replace(cache)
    failed = sum(a.analysis is None for s in made for a in (s.whole, s.headline))
    print(f"analysed {len(seeds)} seeds twice in {time.perf_counter() - started:.0f} s "
          f"({processes} processes, {failed} analyses failed); cached at {cache}", flush=True)
    return made


def _analyse(items: list[BatchArticle], processes: int) -> list[AnalysedArticle]:
    limits = AnalysisLimits()
    results: list[AnalysedArticle] = []
    with Analysers(max_sentence_tokens=limits.max_sentence_tokens) as analysers:
        analysers.use(processes)
        pending = []
        for start in range(0, len(items), BATCH):
            pending.append(analysers.submit(items[start : start + BATCH], limits))
            if len(pending) > analysers.in_flight:
                results.extend(pending.pop(0).result())
        for analysis in pending:
            results.extend(analysis.result())
    return results
