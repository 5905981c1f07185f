"""Does clustering cost per article stay flat as the corpus grows? 10,000 vs 100,000 articles.

Synthetic articles are made of real text: each belongs to an "event" seeded by a demo-corpus
article and takes a few of its sentences plus a few sentences from elsewhere, at a steady rate
of articles per day (so 100,000 articles span ten times the days of 10,000). Featurising
(embedding, TF-IDF) is timed apart; the printed figure is the clustering step alone
(`OnlineClusterer.add_features`: candidate lookup, scoring, story update).

    HF_HUB_OFFLINE=1 python benchmarks/cluster_scale.py [--sizes 10000,100000]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tidings.cluster.candidates import InMemoryCandidates
from tidings.cluster.embed import load_embedder
from tidings.cluster.features import featurize
from tidings.cluster.online import OnlineClusterer
from tidings.cluster.options import ClusterOptions

DATA = Path("/work/shared/data/demo-news.jsonl.gz")
SENTENCE = re.compile(r"(?<=[.!?])\s+")
PER_DAY = 400
START = datetime(2020, 1, 1, tzinfo=UTC)


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    args = parser.parse_args()
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
