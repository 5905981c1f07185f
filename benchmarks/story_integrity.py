"""Do stories keep their articles when a corpus arrives in several imports? Counts breaches.

Imports a JSON Lines corpus into a fresh SQLite database in `--runs` consecutive slices (each
slice stored, then clustered, as `tidings import` does; enrichment is skipped, it does not
touch stories), then prints each invariant of `tidings.store.invariants` with its count.

    HF_HUB_OFFLINE=1 python benchmarks/story_integrity.py \
        [--data /work/shared/data/demo-news-clean.jsonl.gz] [--runs 4] [--batch 200]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from tidings import pipeline
from tidings.config import Settings
from tidings.ingest.files import RecordError, article_from_record, read_jsonl
from tidings.pipeline.articles import save
from tidings.pipeline.common import utcnow
from tidings.store.engine import make_engine, migrate
from tidings.store.invariants import check_stories

DATA = Path("/work/shared/data/demo-news-clean.jsonl.gz")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--runs", type=int, default=4)
    parser.add_argument("--batch", type=int, default=200)
    args = parser.parse_args()
    records = [r for _, r in read_jsonl(args.data) if not isinstance(r, RecordError)]
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/integrity.db"
        engine = make_engine(url, create=True)
        migrate(engine)
        settings = Settings(database_url=url)
        size = -(-len(records) // args.runs)
        for run in range(args.runs):
            started = time.perf_counter()
            for record in records[run * size:(run + 1) * size]:
                save(engine, article_from_record(record), utcnow())
            report = pipeline.cluster_pending(engine, settings, batch=args.batch)
            print(f"run {run + 1}: {report.clustered} clustered, {report.stories_created} "
                  f"stories started, {report.merged} merged "
                  f"({time.perf_counter() - started:.1f} s)")
        with engine.connect() as conn:
            for violation in check_stories(conn):
                print(f"{violation.count:6d}  {violation.description}")
                for example in violation.examples[:2]:
                    print(f"        e.g. {example}")
        engine.dispose()


if __name__ == "__main__":
    main()
