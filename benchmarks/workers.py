"""Ingest throughput: in process without a broker vs 1, 2 and 4 Celery worker processes.

Serves N demo article pages from a local site in another process and ingests them (poll
feeds -> fetch -> extract -> store -> cluster, and with --enrich enrichment) into a fresh
PostgreSQL database per run: once in process (the database as the queue, `ingest`), then
through the scheduler and `celery worker -c K` over Redis. Two phases each: the ingest
(pages/s: stored and clustered), then, with --enrich, the enrichment of what came in
(enriched/s; in process that is `enrich_pending` as `tidings enrich` runs it, with its own
worker processes). Prints both side by side with the load average after each run; the
Celery times include the scheduler's 0.5 s ticks, not the workers' start.

Where the ceiling is: every stage after the fetch (extraction, the store's writes,
clustering, spaCy) is CPU-bound Python, so pages/s and enriched/s stop growing at one
worker process per core (2 here) and fall beyond it (4 processes share 2 cores, plus the
site, PostgreSQL and Redis); clustering stays one process at a time (its lease) and
enrichment waits for it.

Measured on 2 cores shared with other work (load average 14-17), 80 pages: in process 2.7
pages/s and 0.27 enriched/s; Celery 1 process 1.6 and 0.34, 2 processes 4.2 and 0.44, 4
processes 2.9 and 0.47: pages peak at 2 processes and drop at 4, enrichment barely gains
past 2. Needs a PostgreSQL server and a Redis (scripts/services.sh):

    TIDINGS_BENCH_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1:54329/postgres \\
    TIDINGS_BENCH_REDIS_URL=redis://127.0.0.1:63799/1 python benchmarks/workers.py --pages 300
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import redis
from sqlalchemy import Engine, func, select

from http_load import demo_site  # the sibling module (benchmarks/ on the path)
from tidings import pipeline
from tidings.config import Settings
from tidings.demo.corpus import SECTIONS, load_corpus
from tidings.pipeline.enriching import enrich_pending
from tidings.pipeline.extracting import PageExtractor
from tidings.store import queue as queue_store
from tidings.store.engine import make_engine, migrate
from tidings.store.schema import articles, enrichment_runs
from tidings.store.scratch import scratch_database
from tidings.store.stories import count_unclustered
from tidings.worker.celery_app import make_celery, to_celery
from tidings.worker.scheduler import Scheduler


@contextmanager
def fresh_database(server_url: str) -> Iterator[Engine]:
    with scratch_database(server_url, "bench_workers") as url:
        engine = make_engine(url)
        migrate(engine)
        try:
            yield engine
        finally:
            engine.dispose()


def ingested(engine: Engine) -> bool:
    """Every page stored and clustered."""
    with engine.connect() as conn:
        left = queue_store.pending_count(conn) + count_unclustered(conn)
        stored = conn.execute(select(func.count()).select_from(articles)).scalar_one()
    return left == 0 and stored > 0


def enriched_all(engine: Engine) -> bool:
    with engine.connect() as conn:
        stored = conn.execute(select(func.count()).select_from(articles)).scalar_one()
        seen = conn.execute(select(func.count()).select_from(enrichment_runs)).scalar_one()
    return seen >= stored


Run = Callable[[Engine, Settings, bool], tuple[float, float]]
"""Ingests everything, then (when asked) enriches it; the seconds of each phase."""


def in_process(engine: Engine, settings: Settings, enrich: bool) -> tuple[float, float]:
    start = time.perf_counter()
    with pipeline.open_fetcher(settings) as fetcher, PageExtractor(2) as extract:
        pipeline.poll_due_feeds(engine, settings, fetcher)
        pipeline.process_queue(engine, settings, fetcher, extract)
    pipeline.cluster_pending(engine, settings)
    ingest_done = time.perf_counter()
    if enrich:
        enrich_pending(engine, settings)
    return ingest_done - start, time.perf_counter() - ingest_done


def on_celery(processes: int, broker: str) -> Run:
    def run(engine: Engine, settings: Settings, enrich: bool) -> tuple[float, float]:
        redis.Redis.from_url(broker).flushdb()
        env = {**os.environ, "TIDINGS_DATABASE_URL": settings.database_url,
               "TIDINGS_BROKER_URL": broker, "TIDINGS_ALLOW_PRIVATE_ADDRESSES": "1",
               "TIDINGS_PER_HOST_DELAY": "0", "TIDINGS_PER_HOST_CONCURRENCY": "8"}
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "tidings.worker.celery_app", "worker", "-c",
             str(processes), "-Q", "fetch,extract,cluster,enrich,deliver", "--without-gossip",
             "--without-mingle", "--loglevel", "ERROR"], env=env, start_new_session=True,
            stdout=subprocess.DEVNULL)
        celery = make_celery(broker)
        try:
            while not celery.control.ping(timeout=1.0):
                time.sleep(0.5)
            seconds = []
            for phase, done in ((False, ingested), (True, enriched_all))[: 1 + enrich]:
                scheduler = Scheduler(engine, to_celery(celery), resend_seconds=60,
                                      enrich=phase)
                start = time.perf_counter()
                while not done(engine):
                    scheduler.tick()
                    time.sleep(0.5)
                seconds.append(time.perf_counter() - start)
            return seconds[0], seconds[1] if enrich else 0.0
        finally:
            os.killpg(worker.pid, signal.SIGTERM)
            worker.wait(timeout=60)
    return run


def measure(run: Run, server: str, base: str, enrich: bool) -> tuple[int, float, int, float]:
    """Pages stored and the seconds they took; articles enriched and the seconds that took."""
    with fresh_database(server) as engine:
        settings = Settings(database_url=engine.url.render_as_string(False),
                            allow_private_addresses=True, per_host_delay=0.0,
                            per_host_concurrency=8, ingest_workers=8)
        for slug in SECTIONS:
            pipeline.subscribe(engine, settings, f"{base}/feeds/{slug}.xml")
        ingest_seconds, enrich_seconds = run(engine, settings, enrich)
        with engine.connect() as conn:
            stored = conn.execute(select(func.count()).select_from(articles)).scalar_one()
            enriched = conn.execute(select(func.count()).select_from(enrichment_runs)
                                    ).scalar_one()
    return stored, ingest_seconds, enriched, enrich_seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--enrich", action="store_true", help="Also enrich (slow).")
    args = parser.parse_args()
    server = os.environ["TIDINGS_BENCH_POSTGRES_URL"]
    broker = os.environ["TIDINGS_BENCH_REDIS_URL"]
    corpus = load_corpus()[: args.pages]
    runs = [("in process, no broker", in_process)] + [
        (f"celery, {k} worker process{'es' if k > 1 else ''}", on_celery(k, broker))
        for k in (1, 2, 4)]
    with demo_site(corpus) as site:
        print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start",
              flush=True)
        print(f"{'run':32} {'pages':>6} {'seconds':>8} {'pages/s':>8} {'enriched':>9} "
              f"{'seconds':>8} {'enriched/s':>11}")
        for label, run in runs:
            stored, seconds, enriched, took = measure(run, server, site.url, args.enrich)
            rate = f"{enriched:9d} {took:8.1f} {enriched / took:11.2f}" if args.enrich else (
                f"{'-':>9} {'-':>8} {'-':>11}")
            print(f"{label:32} {stored:6d} {seconds:8.1f} {stored / seconds:8.1f} {rate}  "
                  f"(load {os.getloadavg()[0]:.1f})", flush=True)


if __name__ == "__main__":
    main()
