"""Full ingest (poll feeds -> fetch -> extract -> dedupe -> store) vs trafilatura alone.

Serves N real article pages (the demo corpus, with news-site furniture) from a local site in
another process, ingests them into a fresh SQLite database, and in the same process times
trafilatura alone on the same pages. Prints articles/s for both and their ratio, then the
rates of the follow-up stages every way in runs (clustering, enrichment).

    python benchmarks/ingest.py --pages 2000
"""

from __future__ import annotations

import argparse
import multiprocessing
import socket
import tempfile
import time
from multiprocessing.synchronize import Event
from pathlib import Path

import httpx
import trafilatura

from tidings import pipeline
from tidings.config import Settings
from tidings.demo.corpus import SECTIONS, DemoArticle, load_corpus
from tidings.demo.site import DemoSite, article_path
from tidings.pipeline.enriching import enrich_pending
from tidings.pipeline.extracting import PageExtractor
from tidings.store import articles as article_store
from tidings.store.engine import make_engine, migrate


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve(articles: list[DemoArticle], port: int, ready: Event, stop: Event) -> None:
    with DemoSite(articles, port=port):
        ready.set()
        stop.wait()


def time_trafilatura(pages: list[str]) -> float:
    start = time.perf_counter()
    for html in pages:
        trafilatura.extract(html, include_comments=False, favor_precision=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--enrich", action="store_true", help="Also time enrichment (slow).")
    args = parser.parse_args()

    articles = load_corpus()[: args.pages]
    port = free_port()
    ready, stop = multiprocessing.Event(), multiprocessing.Event()
    server = multiprocessing.Process(target=serve, args=(articles, port, ready, stop))
    server.start()
    ready.wait(30)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            settings = Settings(
                database_url=f"sqlite:///{Path(tmp) / 'bench.db'}",
                allow_private_addresses=True, per_host_delay=0.0,
                per_host_concurrency=args.workers, ingest_workers=args.workers,
            )
            engine = make_engine(settings.database_url, create=True)
            migrate(engine)
            base = f"http://127.0.0.1:{port}"
            for slug in SECTIONS:
                pipeline.subscribe(engine, settings, f"{base}/feeds/{slug}.xml")
            start = time.perf_counter()
            with pipeline.open_fetcher(settings) as fetcher, PageExtractor(2) as extract:
                pipeline.poll_due_feeds(engine, settings, fetcher)
                report = pipeline.process_queue(engine, settings, fetcher, extract)
            ingest_s = time.perf_counter() - start
            with engine.connect() as conn:
                stored = article_store.count_articles(conn)
            start = time.perf_counter()
            pipeline.cluster_pending(engine, settings)
            cluster_s = time.perf_counter() - start
            start = time.perf_counter()
            enriched = enrich_pending(engine, settings).enriched if args.enrich else 0
            enrich_s = time.perf_counter() - start
            with httpx.Client(base_url=base) as client:
                pages = [client.get(article_path(a)).text for a in articles]
        extract_s = time_trafilatura(pages)
    finally:
        stop.set()
        server.join()

    print(f"pages served: {len(articles)}; stored: {stored}; failed: {report.items_failed}")
    print(f"full ingest:       {stored / ingest_s:8.1f} articles/s ({ingest_s:.1f} s)")
    print(f"trafilatura alone: {len(pages) / extract_s:8.1f} pages/s ({extract_s:.1f} s)")
    print(f"ratio ingest/trafilatura: {(stored / ingest_s) / (len(pages) / extract_s):.2f}")
    print(f"clustering (near-duplicates + stories): {stored / cluster_s:8.1f} articles/s")
    if enriched:
        print(f"enrichment (entities, roles, quotes, summaries): {enriched / enrich_s:8.1f} "
              "articles/s")


if __name__ == "__main__":
    main()
