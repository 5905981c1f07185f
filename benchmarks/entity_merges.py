"""What looking for duplicate people costs: after one enrichment batch, and over a database.

decisions `pipeline.entity_merging` makes after a batch: the people the newest `--batch`
articles name and the short forms their full names may claim (`PER_BATCH` at most), median
of `--runs` batches of articles, no writes; then the read-only pass of `tidings doctor` over
every person (`check_people`), and prints the merges it would make. The load average is
printed beside the figures: the machine is shared.

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/entity_merges.py sqlite:///demo.db [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from sqlalchemy import Engine, func, select

from tidings.pipeline import entity_merging
from tidings.store import entity_evidence as evidence
from tidings.store.engine import make_engine
from tidings.store.schema import article_entities, articles, entities


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def batch_keys(engine: Engine, batch: int, offset: int) -> list[str]:
    """The entity keys of `batch` enriched articles, newest first after `offset`."""
    with engine.connect() as conn:
        ids = select(articles.c.id).order_by(articles.c.id.desc()).limit(batch).offset(offset)
        keys = (select(entities.c.key).join(article_entities,
                                            article_entities.c.entity_id == entities.c.id)
                .where(article_entities.c.article_id.in_(ids)).distinct())
        return list(conn.execute(keys).scalars())


def after_batch(engine: Engine, keys: list[str]) -> tuple[float, int]:
    """Seconds the decisions after one batch take, and how many people were looked at."""
    start = time.perf_counter()
    with engine.connect() as conn:
        subjects = entity_merging.batch_subjects(conn, evidence.people_by_lookup(conn, keys))
        chosen = subjects[: entity_merging.PER_BATCH]
        for person in chosen:
            entity_merging.decide(conn, person)
    return time.perf_counter() - start, len(chosen)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--batch", type=int, default=32)
    args = parser.parse_args()
    engine = make_engine(args.url)
    with engine.connect() as conn:
        people = conn.execute(select(func.count()).where(entities.c.type == "PERSON")).scalar()
        stored = conn.execute(select(func.count()).select_from(articles)).scalar()
    print(f"{stored} articles, {people} people; {load()}")
    timings = [after_batch(engine, batch_keys(engine, args.batch, run * args.batch))
               for run in range(args.runs)]
    print(f"after a batch of {args.batch} articles: median "
          f"{statistics.median(t for t, _ in timings) * 1000:.0f} ms for "
          f"{statistics.median(n for _, n in timings):.0f} people looked at ({load()})")
    start = time.perf_counter()
    found = entity_merging.check_people(engine)
    print(f"doctor's pass over every person: {time.perf_counter() - start:.1f} s, "
          f"{len(found)} merges to make ({load()})")
    for merge in found:
        print(f"  {merge.merged.name!r} ({merge.merged.id}) -> {merge.into.name!r} "
              f"({merge.into.id}): {merge.why}")


if __name__ == "__main__":
    main()
