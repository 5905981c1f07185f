"""Does clustering cost per article stay flat as the corpus grows? In memory and in SQL.

In memory (`--sizes`, 10,000 vs 100,000 articles): synthetic articles are made of real text:
each belongs to an "event" seeded by a demo-corpus article and takes a few of its sentences
plus a few sentences from elsewhere, at a steady rate of articles per day (so 100,000 articles
span ten times the days of 10,000). Featurising (embedding, TF-IDF) is timed apart; the
printed figure is the clustering step alone (`OnlineClusterer.add_features`: candidate
lookup, scoring, story update).

In SQL (`--postings`, 10,000 to 1,000,000 rows of `story_keys`, on SQLite and, with
`--postgres-url`, PostgreSQL): the candidate lookup clustering runs for every article
(`SqlCandidates.candidates`: `story_ids_for_keys` for its 16 keys, then `recent_story_ids`),
on a blocking index written by `save_stories`: stories begun at a steady rate (so more
postings span more days), each filed under 32 keys (20 terms, 12 names, as
`ClusterOptions`) drawn from Zipf-like vocabularies, so a common key gathers a share of every
story. Lookups are made at the end of the span, keys drawn the same way (PostgreSQL is
ANALYZEd first, as autovacuum would have it).

    HF_HUB_OFFLINE=1 python benchmarks/cluster_scale.py [--sizes 10000,100000] \
        [--postings 10000,100000,1000000] [--postgres-url postgresql+psycopg://...]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from itertools import accumulate
from pathlib import Path

from sqlalchemy import Engine

from tidings.cluster.candidates import InMemoryCandidates
from tidings.cluster.embed import load_embedder
from tidings.cluster.features import featurize
from tidings.cluster.online import OnlineClusterer
from tidings.cluster.options import ClusterOptions
from tidings.model import Story
from tidings.pipeline.clustering import PER_KEY, RECENT
from tidings.store import stories as story_store
from tidings.store.engine import make_engine, migrate
from tidings.store.scratch import scratch_database

DATA = Path("/work/shared/data/demo-news.jsonl.gz")
SENTENCE = re.compile(r"(?<=[.!?])\s+")
PER_DAY = 400
START = datetime(2020, 1, 1, tzinfo=UTC)
STORIES_PER_DAY = 100
"""About what the in-memory run makes of 400 articles a day."""
TERMS, NAMES = 30_000, 200_000
"""Vocabularies the blocking keys are drawn from, the rank-r word with weight 1/r."""
LOOKUPS = 200


def load_seeds() -> list[tuple[str, list[str]]]:
    with gzip.open(DATA, "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    return [(row["title"], SENTENCE.split(row["text"])) for row in rows]


def synthetic(count: int, seed: int = 11) -> Iterator[tuple[str, str, datetime]]:
    """(title, text, published_at) in publication order; events of 1 to ~12 articles."""
    rng = random.Random(seed)
    seeds = load_seeds()
    live: list[tuple[int, int]] = []  # (seed index, articles left)
    for number in range(count):
        if not live or rng.random() < 0.35:
            live.append((rng.randrange(len(seeds)), 1 + int(rng.expovariate(0.3))))
        slot = rng.randrange(len(live))
        event, left = live[slot]
        live[slot] = (event, left - 1)
        live = [entry for entry in live if entry[1] > 0]
        title, sentences = seeds[event]
        own = rng.sample(sentences, min(4, len(sentences)))
        noise = [rng.choice(rng.choice(seeds)[1]) for _ in range(2)]
        published = START + timedelta(days=number / PER_DAY)
        yield f"{title} ({rng.randrange(99)})", " ".join(own + noise), published


def run(count: int) -> tuple[float, float, int]:
    """Milliseconds per article for featurising and for clustering, and stories made."""
    options = ClusterOptions()
    embedder = load_embedder()
    clusterer = OnlineClusterer(options, embedder, InMemoryCandidates(options))
    featurising = clustering = 0.0
    created = 0
    for number, (title, text, published) in enumerate(synthetic(count)):
        start = time.perf_counter()
        features = featurize(
            title,
            text,
            published,
            f"outlet-{number % 40}",
            embedder,
            clusterer.frequencies,
            options,
        )
        middle = time.perf_counter()
        created += clusterer.add_features(number, features).created
        clustering += time.perf_counter() - middle
        featurising += middle - start
    return 1000 * featurising / count, 1000 * clustering / count, created


class Vocabulary:
    """Keys drawn with weight 1/rank: a few are on many stories, most on a few."""

    def __init__(self, prefix: str, size: int) -> None:
        self.words = [f"{prefix}{rank}" for rank in range(size)]
        self.weights = list(accumulate(1 / (rank + 1) for rank in range(size)))

    def draw(self, rng: random.Random, count: int) -> list[str]:
        return list(dict.fromkeys(rng.choices(self.words, cum_weights=self.weights, k=count)))


def build_index(engine: Engine, postings: int, terms: Vocabulary, names: Vocabulary) -> datetime:
    """`postings` rows of `story_keys` through `save_stories`; the time of the newest story."""
    rng = random.Random(postings)
    record = {"vector_sum": b"", "title_sum": b"", "headline_vectors": b""}
    writes, written, story_id, at = [], 0, 0, START
    while written < postings:
        story_id += 1
        at = START + timedelta(days=story_id / STORIES_PER_DAY)
        keys = tuple(terms.draw(rng, 20) + names.draw(rng, 12))[: postings - written]
        story = Story(id=story_id, title="", label="", first_seen_at=at, last_seen_at=at,
                      first_source="outlet", article_count=1, source_count=1)
        writes.append(story_store.StoryWrite(story, record, keys))
        written += len(keys)
        if len(writes) == 2000 or written >= postings:
            with engine.begin() as conn:
                story_store.save_stories(conn, writes, now=at)
            writes = []
    return at


def lookup_ms(engine: Engine, now: datetime, terms: Vocabulary, names: Vocabulary,
              lookups: int = LOOKUPS) -> tuple[float, float]:
    """Milliseconds per article for the candidate lookup, and stories found per article."""
    rng = random.Random(7)
    since = now - timedelta(days=ClusterOptions().horizon_days())
    queries = [terms.draw(rng, 8) + names.draw(rng, 8) for _ in range(lookups)]
    found, start = 0, time.perf_counter()
    for keys in queries:
        with engine.connect() as conn:
            ids = story_store.story_ids_for_keys(conn, keys, since=since, per_key=PER_KEY)
            ids += story_store.recent_story_ids(conn, since=since, limit=RECENT)
        found += len(set(ids))
    return 1000 * (time.perf_counter() - start) / lookups, found / lookups


def sql_lookups(url: str, postings: int, terms: Vocabulary, names: Vocabulary
                ) -> tuple[float, float, float]:
    """(seconds to build, ms per article, candidates per article) on a new database."""
    engine = make_engine(url, create=True)
    try:
        migrate(engine)
        start = time.perf_counter()
        now = build_index(engine, postings, terms, names)
        built = time.perf_counter() - start
        if engine.dialect.name == "postgresql":  # what autovacuum does, before the timing
            with engine.begin() as conn:
                conn.exec_driver_sql("ANALYZE")
        lookup_ms(engine, now, terms, names, 20)  # warm the caches the timed pass reads
        return built, *lookup_ms(engine, now, terms, names)
    finally:
        engine.dispose()


def sql_main(sizes: list[int], postgres_url: str | None) -> None:
    terms, names = Vocabulary("t:w", TERMS), Vocabulary("e:N", NAMES)
    for kind in ("sqlite", "postgresql") if postgres_url else ("sqlite",):
        per_article = []
        for postings in sizes:
            with tempfile.TemporaryDirectory() as folder:
                if kind == "sqlite":
                    figures = sql_lookups(f"sqlite:///{folder}/index.db", postings, terms, names)
                else:
                    assert postgres_url is not None
                    with scratch_database(postgres_url, "tidings_bench") as url:
                        figures = sql_lookups(url, postings, terms, names)
            built, ms, found = figures
            per_article.append(ms)
            print(f"{kind}: {postings} postings ({postings // 32} stories, built in"
                  f" {built:.0f} s): candidate lookup {ms:.3f} ms/article,"
                  f" {found:.0f} candidates/article")
        print(f"{kind}: candidate lookup per article, largest / smallest:"
              f" {per_article[-1] / per_article[0]:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000",
                        help="articles clustered in memory (empty: none)")
    parser.add_argument("--postings", default="10000,100000,1000000",
                        help="story_keys rows of the SQL lookups (empty: none)")
    parser.add_argument("--postgres-url", help="a PostgreSQL server to measure on too")
    args = parser.parse_args()
    if args.postings:
        sql_main([int(size) for size in args.postings.split(",")], args.postgres_url)
    if not args.sizes:
        return
    per_article = []
    for count in (int(size) for size in args.sizes.split(",")):
        featurising, clustering, stories = run(count)
        per_article.append(clustering)
        print(
            f"{count} articles -> {stories} stories: clustering {clustering:.3f} ms/article,"
            f" featurising {featurising:.3f} ms/article"
        )
    print(
        f"clustering time per article, largest / smallest: {per_article[-1] / per_article[0]:.2f}"
    )


if __name__ == "__main__":
    main()
