"""Story clustering quality and speed on the gold sets, and a sanity look at the demo corpus.

    HF_HUB_OFFLINE=1 python benchmarks/stories.py [--embedder static|minilm] \
        [--sets dev,dev2,demo,pipeline]

`pipeline` runs stories-dev through the product path instead: `tidings import` of the records
(without their gold fields) into a fresh SQLite database, whose follow-up clusters them with the
state kept in the database, then `tidings stories export`.

Gold labels (`story`) are read only for scoring; `event` is never read.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tidings import pipeline
from tidings.cluster.candidates import InMemoryCandidates
from tidings.cluster.embed import Embedder, load_embedder
from tidings.cluster.evaluate import bcubed, pairwise
from tidings.cluster.online import OnlineClusterer
from tidings.cluster.options import ClusterOptions
from tidings.config import Settings
from tidings.store import stories as story_store
from tidings.store.engine import make_engine, migrate

DATA = Path("/work/shared/data")


def read(name: str) -> list[dict[str, Any]]:
    with gzip.open(DATA / name, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def when(row: dict[str, Any]) -> datetime:
    value = row.get("date") or row["published_at"]
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def cluster(
    rows: list[dict[str, Any]], embedder: Embedder, options: ClusterOptions
) -> tuple[list[int], float]:
    """Story id per row (rows fed in the given order) and articles per second."""
    clusterer = OnlineClusterer(options, embedder, InMemoryCandidates(options))
    story_of: dict[int, int] = {}
    merges = 0
    start = time.perf_counter()
    for index, row in enumerate(rows):
        assignment = clusterer.add(index, row["title"], row["text"], when(row), row["source"])
        story_of[index] = assignment.story_id
        merges += len(assignment.merged_story_ids)
        for gone in assignment.merged_story_ids:
            for member, story in story_of.items():
                if story == gone:
                    story_of[member] = assignment.story_id
    elapsed = time.perf_counter() - start
    print(f"  ({merges} story merges)")
    return [story_of[i] for i in range(len(rows))], len(rows) / elapsed


def report_gold(
    name: str,
    rows: list[dict[str, Any]],
    embedder: Embedder,
    options: ClusterOptions,
    shuffle: bool = False,
) -> float:
    order = sorted(range(len(rows)), key=lambda i: (when(rows[i]), i))
    if shuffle:
        random.Random(7).shuffle(order)
    ordered = [rows[i] for i in order]
    predicted, rate = cluster(ordered, embedder, options)
    gold = [row["story"] for row in ordered]
    pw, b3 = pairwise(predicted, gold), bcubed(predicted, gold)
    print(
        f"{name}{' (shuffled)' if shuffle else ''}: {len(rows)} articles, {len(set(gold))} gold /"
        f" {len(set(predicted))} predicted stories | pairwise P {pw.precision:.3f}"
        f" R {pw.recall:.3f} F1 {pw.f1:.3f} | BCubed P {b3.precision:.3f} R {b3.recall:.3f}"
        f" F1 {b3.f1:.3f} | {rate:.0f} articles/s"
    )
    return b3.f1


def report_pipeline(rows: list[dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "articles.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for row in rows:
                fields = {k: v for k, v in row.items() if k not in ("story", "event")}
                out.write(json.dumps(fields) + "\n")
        settings = Settings(database_url=f"sqlite:///{Path(tmp) / 'stories.db'}")
        engine = make_engine(settings.database_url, create=True)
        migrate(engine)
        pipeline.import_records(engine, path)
        start = time.perf_counter()
        pipeline.cluster_pending(engine, settings)
        rate = len(rows) / (time.perf_counter() - start)
        with engine.connect() as conn:
            story_of = {ext: story for _, ext, story in story_store.articles_in_stories(conn)}
    kept = [row for row in rows if row["id"] in story_of]
    predicted = [story_of[row["id"]] for row in kept]
    gold = [row["story"] for row in kept]
    pw, b3 = pairwise(predicted, gold), bcubed(predicted, gold)
    print(
        f"stories-dev via import (SQLite): {len(kept)} articles stored, {len(set(predicted))}"
        f" stories | pairwise F1 {pw.f1:.3f} | BCubed P {b3.precision:.3f} R {b3.recall:.3f}"
        f" F1 {b3.f1:.3f} | clustering {rate:.0f} articles/s"
    )


def report_demo(rows: list[dict[str, Any]], embedder: Embedder, options: ClusterOptions) -> None:
    predicted, rate = cluster(rows, embedder, options)
    sizes = Counter(predicted)
    buckets = Counter(
        "1" if n == 1 else "2-4" if n < 5 else "5-9" if n < 10 else "10-49" if n < 50 else "50+"
        for n in sizes.values()
    )
    print(
        f"demo: {len(rows)} articles -> {len(sizes)} stories, {rate:.0f} articles/s;"
        f" sizes {dict(sorted(buckets.items()))}; largest {sizes.most_common(5)}"
    )
    members: dict[int, list[int]] = {}
    for index, story in enumerate(predicted):
        members.setdefault(story, []).append(index)
    for story in [s for s, _ in sizes.most_common(4)] + random.Random(3).sample(
        [s for s, n in sizes.items() if 2 <= n < 10], 4
    ):
        print(f"  story {story} ({sizes[story]} articles):")
        for index in members[story][:6]:
            print(f"    {rows[index]['published_at']}  {rows[index]['title'][:90]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--embedder", default="static")
    parser.add_argument("--sets", default="dev,dev2,demo,pipeline")
    args = parser.parse_args()
    embedder, options = load_embedder(args.embedder), ClusterOptions()
    sets = args.sets.split(",")
    if "dev" in sets:
        report_gold("stories-dev", read("stories-dev.jsonl.gz"), embedder, options)
    if "dev2" in sets:
        rows = read("stories2-dev.jsonl.gz")
        report_gold("stories2-dev", rows, embedder, options)
        report_gold("stories2-dev", rows, embedder, options, shuffle=True)
    if "demo" in sets:
        report_demo(read("demo-news.jsonl.gz"), embedder, options)
    if "pipeline" in sets:
        report_pipeline(read("stories-dev.jsonl.gz"))


if __name__ == "__main__":
    main()
