"""Ingest throughput: in process without a broker vs 1, 2 and 4 Celery worker processes.

Serves N demo article pages from a local site in another process and ingests them (poll
feeds -> fetch -> extract -> store -> cluster, and with --enrich enrichment) into a fresh
PostgreSQL database per run: once in process (the database as the queue, `ingest`), then
through the scheduler and `celery worker -c K` over Redis. Prints pages/s (and articles
enriched/s) side by side; the Celery times include the scheduler's 0.5 s ticks, not the
workers' start. Needs a PostgreSQL server and a Redis (scripts/services.sh):

    TIDINGS_BENCH_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1:54329/postgres \\
    TIDINGS_BENCH_REDIS_URL=redis://127.0.0.1:63799/1 python benchmarks/workers.py --pages 300
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import redis
from sqlalchemy import Engine, create_engine, func, select, text
from sqlalchemy.engine import make_url

from ingest import free_port, serve  # the sibling benchmark's local site (benchmarks/ on the path)
from tidings import pipeline
from tidings.config import Settings
from tidings.demo.corpus import SECTIONS, load_corpus
from tidings.pipeline.enriching import enrich_pending
from tidings.pipeline.extracting import PageExtractor
from tidings.store import queue as queue_store
from tidings.store.engine import make_engine, migrate
from tidings.store.schema import articles, enrichment_runs
from tidings.store.stories import count_unclustered
from tidings.worker.celery_app import make_celery, to_celery
from tidings.worker.scheduler import Scheduler


@contextmanager
def fresh_database(server_url: str, name: str) -> Iterator[Engine]:
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(make_url(server_url).set(database=name).render_as_string(False))
    migrate(engine)
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def finished(engine: Engine, enrich: bool) -> bool:
    with engine.connect() as conn:
        left = queue_store.pending_count(conn) + count_unclustered(conn)
        stored = conn.execute(select(func.count()).select_from(articles)).scalar_one()
        if enrich:
            seen = conn.execute(select(func.count()).select_from(enrichment_runs)).scalar_one()
            left += stored - seen
    return left == 0 and stored > 0


def in_process(engine: Engine, settings: Settings, enrich: bool) -> None:
    with pipeline.open_fetcher(settings) as fetcher, PageExtractor(2) as extract:
        pipeline.poll_due_feeds(engine, settings, fetcher)
        pipeline.process_queue(engine, settings, fetcher, extract)
    pipeline.cluster_pending(engine, settings)
    if enrich:
        enrich_pending(engine, settings)


def on_celery(processes: int, broker: str) -> Callable[[Engine, Settings, bool], None]:
    def run(engine: Engine, settings: Settings, enrich: bool) -> None:
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
            scheduler = Scheduler(engine, to_celery(celery), resend_seconds=60, enrich=enrich)
            while not finished(engine, enrich):
                scheduler.tick()
                time.sleep(0.5)
        finally:
            os.killpg(worker.pid, signal.SIGTERM)
            worker.wait(timeout=60)
    return run


def measure(run: Callable[[Engine, Settings, bool], None], server: str, base: str,
            name: str, enrich: bool) -> tuple[int, float, int]:
    with fresh_database(server, name) as engine:
        settings = Settings(database_url=engine.url.render_as_string(False),
                            allow_private_addresses=True, per_host_delay=0.0,
                            per_host_concurrency=8, ingest_workers=8)
        for slug in SECTIONS:
            pipeline.subscribe(engine, settings, f"{base}/feeds/{slug}.xml")
        start = time.perf_counter()
        run(engine, settings, enrich)
        seconds = time.perf_counter() - start
        with engine.connect() as conn:
            stored = conn.execute(select(func.count()).select_from(articles)).scalar_one()
            enriched = conn.execute(select(func.count()).select_from(enrichment_runs)
                                    ).scalar_one()
    return stored, seconds, enriched


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--enrich", action="store_true", help="Also enrich (slow).")
    args = parser.parse_args()
    server = os.environ["TIDINGS_BENCH_POSTGRES_URL"]
    broker = os.environ["TIDINGS_BENCH_REDIS_URL"]
    corpus = load_corpus()[: args.pages]
    port = free_port()
    ready, stop = multiprocessing.Event(), multiprocessing.Event()
    site = multiprocessing.Process(target=serve, args=(corpus, port, ready, stop))
    site.start()
    ready.wait(30)
    runs = [("in process, no broker", in_process)] + [
        (f"celery, {k} worker process{'es' if k > 1 else ''}", on_celery(k, broker))
        for k in (1, 2, 4)]
    try:
        print(f"{'run':32} {'pages':>6} {'seconds':>8} {'pages/s':>8} {'enriched/s':>11}")
        for n, (label, run) in enumerate(runs):
            stored, seconds, enriched = measure(run, server, f"http://127.0.0.1:{port}",
                                                f"bench_workers_{n}", args.enrich)
            rate = f"{enriched / seconds:11.1f}" if args.enrich else f"{'-':>11}"
            print(f"{label:32} {stored:6d} {seconds:8.1f} {stored / seconds:8.1f} {rate}")
    finally:
        stop.set()
        site.join()


if __name__ == "__main__":
    main()
