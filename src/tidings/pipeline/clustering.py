"""Folding near-duplicates and assigning stories: the clustering stage, backed by the database.

Articles are clustered one at a time in publication order, each joining a story or starting
one, by one process at a time (a lease in the database). The clusterer's state lives in the
stories, story_keys and term_frequencies tables; within a run it is cached in memory and
written back after every batch.
"""

from __future__ import annotations

import logging
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from functools import lru_cache

import numpy as np
from sqlalchemy import Connection, Engine

from tidings.cluster.candidates import InMemoryCandidates
from tidings.cluster.embed import Embedder, load_embedder
from tidings.cluster.features import ENTITY_PREFIX, document_keys, featurize
from tidings.cluster.online import OnlineClusterer
from tidings.cluster.options import ClusterOptions
from tidings.cluster.state import StoryState
from tidings.cluster.tfidf import DocumentFrequencies
from tidings.config import Settings
from tidings.dedupe.near import NearDuplicateOptions, RecentCopies, minhash_signature
from tidings.model import Story
from tidings.pipeline.bounds import TextBound
from tidings.pipeline.common import Progress, no_progress, utcnow, worker_id
from tidings.pipeline.summarizing import summarize_changed_stories
from tidings.store import invariants
from tidings.store import stories as story_store
from tidings.store.locks import LeaseLost, acquire_lock, release_lock, renew_lock

LOCK = "cluster"
LEASE_SECONDS = 600.0
BATCH = 200
DUPLICATE_WINDOW = timedelta(days=7)
"""How far back (in publication time) the article a copy copies is looked for, in every run
alike; it may itself be a copy, of an older original."""
PER_KEY = 24
RECENT = 32
EARLIEST = datetime(1, 1, 2, tzinfo=UTC)

log = logging.getLogger(__name__)


@dataclass
class ClusterReport:
    clustered: int = 0
    stories_created: int = 0
    merged: int = 0
    duplicates: int = 0
    busy: bool = False
    """True when another process held the clustering lease (nothing was done), or took it
    over mid-run (this run stopped; what it had committed stays)."""


class CountedFrequencies(DocumentFrequencies):
    """Document frequencies that also remember what this run added, to write back."""

    def __init__(self, docs: int, counts: Counter[str]) -> None:
        super().__init__(docs=docs, counts=counts)
        self.added_docs = 0
        self.added: Counter[str] = Counter()

    def add(self, keys: Iterable[str]) -> None:
        unique = set(keys)
        super().add(unique)
        self.added_docs += 1
        self.added.update(unique)

    def take_added(self) -> tuple[int, dict[str, int]]:
        """What was added since the last call, then forget it."""
        added = (self.added_docs, dict(self.added))
        self.added_docs, self.added = 0, Counter()
        return added


@lru_cache(maxsize=4)
def embedder_named(name: str) -> Embedder:
    """Embedding models load once per process."""
    return load_embedder(name)


class SqlCandidates:
    """The clusterer's `CandidateSource` over the database, with a write-back memory cache."""

    def __init__(self, engine: Engine, options: ClusterOptions) -> None:
        self._engine = engine
        self._options = options
        self.memory = InMemoryCandidates(options, per_key=PER_KEY, recent=RECENT)
        self.dirty: set[int] = set()
        self.merged: dict[int, int] = {}

    def _since(self, at: datetime) -> datetime:
        horizon = self._options.horizon_days()
        return EARLIEST if math.isinf(horizon) else at - timedelta(days=horizon)

    def _load(self, conn: Connection, ids: Sequence[int]) -> None:
        missing = [i for i in ids if i not in self.memory.stories and i not in self.merged]
        loaded = [StoryState.from_record(r)
                  for r in story_store.load_story_records(conn, missing).values()]
        for story in sorted(loaded, key=lambda s: s.last_article_id):  # oldest update first
            self.memory.save(story)

    def candidates(self, keys: Sequence[str], vector: np.ndarray, at: datetime
                   ) -> list[StoryState]:
        since = self._since(at)
        with self._engine.connect() as conn:
            ids = story_store.story_ids_for_keys(conn, keys, since=since, per_key=PER_KEY)
            ids += story_store.recent_story_ids(conn, since=since, limit=RECENT)
            self._load(conn, ids)
        found = {s.id: s for s in self.memory.candidates(keys, vector, at)}
        horizon = self._options.horizon_days()
        for story_id in ids:
            story = self.memory.stories.get(story_id)
            if story is not None and story.gap_days(at) <= horizon:
                found[story_id] = story
        return list(found.values())

    def save(self, story: StoryState) -> None:
        self.memory.save(story)
        self.dirty.add(story.id)

    def remove(self, story_id: int) -> None:
        self.memory.remove(story_id)
        self.dirty.discard(story_id)

    def get(self, story_id: int) -> StoryState | None:
        if story_id not in self.memory.stories:
            with self._engine.connect() as conn:
                self._load(conn, [story_id])
        return self.memory.get(story_id)

    def current(self, story_id: int) -> int:
        """Where a story is now, following this batch's merges (not yet written)."""
        while story_id in self.merged:
            story_id = self.merged[story_id]
        return story_id

    def flush(self, conn: Connection, now: datetime) -> None:
        writes = [story_write(self.memory.stories[i], self._options) for i in sorted(self.dirty)]
        story_store.save_stories(conn, writes, now=now)
        story_store.merge_stories(conn, self.merged)
        self.dirty.clear()
        self.merged.clear()


def story_write(story: StoryState, options: ClusterOptions) -> story_store.StoryWrite:
    """What to store of a story: the view readers see, the clusterer's record, its keys."""
    view = Story(
        id=story.id, title=story.title, label=story.label(),
        first_seen_at=story.first_seen, last_seen_at=story.last_seen,
        first_source=story.first_source, article_count=story.size,
        source_count=len(story.sources),
    )
    return story_store.StoryWrite(view, story.to_record(), story.keys(options))


class ClusterRun:
    """One clustering pass: the clusterer, the near-duplicate index and what to write back."""

    def __init__(self, engine: Engine, settings: Settings, start: datetime) -> None:
        self.options = ClusterOptions()
        self.bound = TextBound.from_settings(settings)
        self.candidates = SqlCandidates(engine, self.options)
        self.near = RecentCopies(NearDuplicateOptions(threshold=settings.duplicate_threshold),
                                 DUPLICATE_WINDOW)
        with engine.connect() as conn:
            docs, counts = story_store.load_term_frequencies(conn)
            for article_id, at, blob, canonical in story_store.recent_signatures(
                conn, since=start - DUPLICATE_WINDOW
            ):
                self.near.restore(article_id, at, np.frombuffer(blob, "<u8").tolist(), canonical)
        self.frequencies = CountedFrequencies(docs, Counter(counts))
        self.clusterer = OnlineClusterer(
            self.options, embedder_named(settings.embedder), self.candidates, self.frequencies
        )
        self.report = ClusterReport()
        self.signatures: dict[int, list[int]] = {}
        self.placed: dict[int, int] = {}
        """Stories of this batch's articles, until written."""
        self._engine = engine

    def _story_of(self, article_id: int) -> int | None:
        """Where an article clustered earlier is now (this batch, or the database)."""
        story_id = self.placed.get(article_id)
        if story_id is None:
            with self._engine.connect() as conn:
                story_id = story_store.story_of_article(conn, article_id)
        return None if story_id is None else self.candidates.current(story_id)

    def add(self, article: story_store.ClusterInput) -> tuple[int, tuple[int, float] | None]:
        """Cluster one article: its story, and (canonical id, similarity) for a copy, which
        joins its original's story.

        A headline-only article is clustered by its headline and summary but never taken for
        a copy (nor an original): short summaries are alike across unrelated items. Only the
        first `max_article_chars` of a text are read."""
        text = self.bound.clip(article.text)
        body = "" if article.headline_only else text
        signature = minhash_signature(body, self.near.index.options)
        copy = self.near.add(article.id, article.at, signature)
        features = featurize(article.title, text, article.at, article.source,
                             self.clusterer.embedder, self.frequencies, self.options)
        original = self._story_of(copy.canonical_id) if copy else None
        assignment = ((self.clusterer.join(article.id, features, original)
                       if original is not None else None)
                      or self.clusterer.add_features(article.id, features))
        self.placed[article.id] = assignment.story_id
        for gone in assignment.merged_story_ids:
            self.candidates.merged[gone] = assignment.story_id
        self.report.clustered += 1
        self.report.stories_created += assignment.created
        self.report.merged += len(assignment.merged_story_ids)
        self.report.duplicates += copy is not None
        self.signatures[article.id] = signature
        return assignment.story_id, (copy.canonical_id, copy.similarity) if copy else None


def _write_batch(conn: Connection, run: ClusterRun, stories: dict[int, int],
                 copies: dict[int, tuple[int, float] | None], now: datetime) -> None:
    final = {article_id: run.candidates.current(story_id)
             for article_id, story_id in stories.items()}
    run.candidates.flush(conn, now)
    run.placed.clear()
    story_store.assign_articles(conn, final, now=now)
    for article_id, copy in copies.items():
        story_store.record_duplicate(
            conn, article_id,
            signature=np.asarray(run.signatures.pop(article_id), dtype="<u8").tobytes(),
            duplicate_of=copy[0] if copy else None, similarity=copy[1] if copy else None,
        )
    story_store.add_term_frequencies(conn, *run.frequencies.take_added())


def cluster_pending(engine: Engine, settings: Settings, *, progress: Progress = no_progress,
                    batch: int = BATCH) -> ClusterReport:
    """Fold near-duplicates and assign a story to every article not yet clustered, `batch`
    articles per transaction; then summarise the stories that changed (`pipeline.summarizing`),
    so that a story page only reads its summary."""
    report = _cluster_pending(engine, settings, progress=progress, batch=batch)
    if not report.busy:
        summarize_changed_stories(engine)
    return report


def _cluster_pending(engine: Engine, settings: Settings, *, progress: Progress,
                     batch: int) -> ClusterReport:
    holder = worker_id()
    with engine.begin() as conn:
        if not acquire_lock(conn, LOCK, holder, now=utcnow(), seconds=LEASE_SECONDS):
            return ClusterReport(busy=True)
        total = story_store.count_unclustered(conn)
        first = story_store.unclustered_articles(conn, limit=1)
    try:
        if not first:
            progress(0, 0)
            return ClusterReport()
        run = ClusterRun(engine, settings, first[0].at)
        progress(0, total)
        while True:
            with engine.connect() as conn:
                pending = story_store.unclustered_articles(conn, limit=batch)
            if not pending:
                return run.report
            committed = replace(run.report)  # what stands if this batch is fenced off
            placed = {a.id: run.add(a) for a in pending}
            now = utcnow()
            with engine.begin() as conn:
                renew_lock(conn, LOCK, holder, now=now, seconds=LEASE_SECONDS)
                _write_batch(conn, run, {i: p[0] for i, p in placed.items()},
                             {i: p[1] for i, p in placed.items()}, now)
            progress(run.report.clustered, max(total, run.report.clustered))
    except LeaseLost:
        log.warning("cluster_lease_lost holder=%s: another process clusters now; stopping",
                    holder)
        return replace(committed, busy=True)
    finally:
        with engine.begin() as conn:
            release_lock(conn, LOCK, holder)


def uncount(conn: Connection, texts: Sequence[tuple[str, str]]) -> None:
    """Take articles that will be clustered again out of the document frequencies (clustering
    counts each article in once, as `featurize` does)."""
    if not texts:
        return
    counts: Counter[str] = Counter()
    for title, text in texts:
        term_counts, phrases = document_keys(title, text)
        counts.update({*term_counts, *(ENTITY_PREFIX + p for p in phrases)})
    story_store.add_term_frequencies(conn, -len(texts), {k: -n for k, n in counts.items()})


def rebuild_stories(engine: Engine, settings: Settings, *, since: datetime | None,
                    progress: Progress = no_progress) -> ClusterReport:
    """Forget the stories of a window (everything when `since` is None) and recluster it."""
    with engine.begin() as conn:
        forgotten = story_store.forget_clusters(conn, since=since)
        uncount(conn, forgotten.texts)
    report = cluster_pending(engine, settings, progress=progress)
    with engine.begin() as conn:  # old links, follows, comments lead to the stories now
        invariants.lead_dissolved(conn, forgotten.stories)
        invariants.repoint_merges(conn)
        invariants.repoint_story_comments(conn)
    return report
