"""Headline-only import: `demo-headlines` through `tidings import`'s path, scored against gold.

Imports the 2,485 headline records (title, link, outlet, time; no text) into a fresh SQLite
database, and a fresh PostgreSQL database when `--postgres` names a server, clusters them as
`tidings import` does (enrichment skipped: it does not touch stories), then prints how many
stories span two or more outlets and BCubed / pairwise scores against the `story` field of
`stories2-dev.jsonl.gz` (the same rows with their gold story, matched by `id`; read only for
scoring, never imported).

    HF_HUB_OFFLINE=1 python benchmarks/headlines.py \
        [--postgres postgresql+psycopg://postgres@127.0.0.1:54329/postgres]
"""

from __future__ import annotations

import argparse
import gzip
import json
import tempfile
import time
from collections import Counter
from pathlib import Path

from sqlalchemy import func, select

from tidings import pipeline
from tidings.cluster.evaluate import bcubed, pairwise
from tidings.config import Settings
from tidings.store import stories as story_store
from tidings.store.engine import make_engine, migrate
from tidings.store.invariants import check_stories
from tidings.store.schema import articles
from tidings.store.scratch import scratch_database

DATA = Path("/work/shared/data")


def gold_stories() -> dict[str, str]:
    with gzip.open(DATA / "stories2-dev.jsonl.gz", "rt", encoding="utf-8") as handle:
        return {row["id"]: row["story"] for row in map(json.loads, handle)}


def measure(label: str, url: str, gold: dict[str, str]) -> None:
    engine = make_engine(url, create=True)
    migrate(engine)
    started = time.perf_counter()
    report = pipeline.import_records(engine, DATA / "demo-headlines.jsonl.gz")
    imported = time.perf_counter() - started
    clustering = pipeline.cluster_pending(engine, Settings(database_url=url))
    clustered = time.perf_counter() - started - imported
    with engine.connect() as conn:
        story_of = {ext: story for _, ext, story in story_store.articles_in_stories(conn)}
        outlets = dict(conn.execute(
            select(articles.c.story_id, func.count(articles.c.source.distinct()))
            .group_by(articles.c.story_id)).all())
        breaches = sum(v.count for v in check_stories(conn))
    engine.dispose()
    ids = [i for i in gold if story_of.get(i) is not None]
    predicted, truth = [story_of[i] for i in ids], [gold[i] for i in ids]
    b3, pw = bcubed(predicted, truth), pairwise(predicted, truth)
    sizes = Counter(predicted)
    print(
        f"{label}: {report.created} stored ({report.headline_only} headline-only,"
        f" {len(report.errors)} refused) in {imported:.1f} s; clustered in {clustered:.1f} s"
        f" ({clustering.duplicates} near-duplicates) | {len(sizes)} stories,"
        f" {sum(1 for n in outlets.values() if n >= 2)} with 2+ outlets,"
        f" {sum(1 for n in outlets.values() if n >= 10)} with 10+; largest"
        f" {[n for _, n in sizes.most_common(5)]} | gold {len(set(truth))} stories:"
        f" BCubed P {b3.precision:.3f} R {b3.recall:.3f} F1 {b3.f1:.3f}, pairwise F1"
        f" {pw.f1:.3f} | invariant breaches {breaches}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", help="SQLAlchemy URL of a PostgreSQL server to use too")
    args = parser.parse_args()
    gold = gold_stories()
    with tempfile.TemporaryDirectory() as folder:
        measure("SQLite", f"sqlite:///{folder}/headlines.db", gold)
    if args.postgres:
        with scratch_database(args.postgres, "tidings_bench") as url:
            measure("PostgreSQL", url, gold)


if __name__ == "__main__":
    main()
