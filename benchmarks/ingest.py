"""Full ingest (poll feeds -> fetch -> extract -> dedupe -> store) vs trafilatura alone.

Serves N real article pages (the demo corpus, with news-site furniture) from a local site in
another process, ingests them into a fresh SQLite database, and in the same process times
trafilatura alone on the same pages. Prints articles/s for both and their ratio, then the
rates of the follow-up stages every way in runs (clustering and, with --enrich, enrichment).

With --enrich the clustered database is copied, and the copy enriched in one process
(`TIDINGS_ENRICH_PROCESSES=1`, the baseline) and the original with --enrich-processes workers
(0: one per core), so both rates come from the same run; it prints articles/s, articles per
CPU-second (this process and its workers) and the full pipeline (ingest + cluster + enrich
with workers) as a ratio to trafilatura alone. The extraction pool is started before the
clock (`PageExtractor.warm_up`): what is timed is ingest, not process start-up. The load
average is printed before and after; on a shared machine, read the ratios and the CPU time
per article (this process and every process under it, from /proc), which load barely moves,
and the CPU that `extract_article` alone costs a page next to `trafilatura.extract`.

    python benchmarks/ingest.py --pages 2000
    python benchmarks/ingest.py --pages 300 --enrich

Heavy imports (the pipeline, spaCy) happen in `main`: every worker process imports this
module, as `multiprocessing` does with the main module.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from http_load import demo_site  # the sibling module (benchmarks/ on the path)


def time_trafilatura(pages: list[str]) -> float:
    import trafilatura

    start = time.perf_counter()
    for html in pages:
        trafilatura.extract(html, include_comments=False, favor_precision=True)
    return time.perf_counter() - start


def time_extract_article(pages: list[str], urls: list[str]) -> float:
    """CPU seconds of `extract_article` (what the extraction workers run) on the pages."""
    from tidings.extract import extract_article

    start = time.process_time()
    for html, url in zip(pages, urls, strict=True):
        extract_article(html, url)
    return time.process_time() - start


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def tree_cpu(root: int) -> dict[int, float]:
    """CPU seconds of each live process under `root` (its children, theirs...), from /proc:
    the extraction workers are children of the forkserver, not of this process."""
    tick = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    used: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        parents[int(entry.name)] = int(fields[1])
        used[int(entry.name)] = (int(fields[11]) + int(fields[12])) / tick
    under, grew = {root}, True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in under} - under
        grew, under = bool(more), under | more
    return {pid: used[pid] for pid in under - {root} if pid in used}


def cpu_seconds() -> float:
    """CPU time of this process and of its children that have ended (reaped)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed_enrichment(url: str, settings: Any) -> tuple[int, float, float]:
    """(articles enriched, wall seconds, CPU seconds) of one `enrich_pending`."""
    from tidings.pipeline.enriching import enrich_pending
    from tidings.store.engine import make_engine

    engine = make_engine(url)
    start, cpu = time.perf_counter(), cpu_seconds()
    enriched = enrich_pending(engine, settings).enriched
    wall, used = time.perf_counter() - start, cpu_seconds() - cpu
    engine.dispose()
    return enriched, wall, used


def main() -> None:
    import httpx

    from tidings import pipeline
    from tidings.config import Settings
    from tidings.demo.corpus import SECTIONS, load_corpus
    from tidings.demo.site import article_path
    from tidings.pipeline.extracting import PageExtractor
    from tidings.store import articles as article_store
    from tidings.store.engine import make_engine, migrate

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--enrich", action="store_true", help="Also time enrichment (slow).")
    parser.add_argument("--enrich-processes", type=int, default=0,
                        help="Enrichment worker processes (0: one per core).")
    args = parser.parse_args()

    print(f"before: {load()}")
    articles = load_corpus()[: args.pages]
    enrichment: dict[int, tuple[int, float, float]] = {}
    with demo_site(articles) as site, tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        settings = Settings(
            database_url=f"sqlite:///{path}",
            allow_private_addresses=True, per_host_delay=0.0,
            per_host_concurrency=args.workers, ingest_workers=args.workers,
        )
        engine = make_engine(settings.database_url, create=True)
        migrate(engine)
        for slug in SECTIONS:
            pipeline.subscribe(engine, settings, f"{site.url}/feeds/{slug}.xml")
        with pipeline.open_fetcher(settings) as fetcher, PageExtractor(2) as extract:
            extract.warm_up()
            before, own = tree_cpu(os.getpid()), time.process_time()
            start = time.perf_counter()
            pipeline.poll_due_feeds(engine, settings, fetcher)
            report = pipeline.process_queue(engine, settings, fetcher, extract)
            ingest_s = time.perf_counter() - start
            after, own = tree_cpu(os.getpid()), time.process_time() - own
        used = {pid: after[pid] - before.get(pid, 0.0) for pid in after}
        site_cpu = used.pop(site.pid, 0.0)
        ingest_cpu = own + sum(used.values())
        with engine.connect() as conn:
            stored = article_store.count_articles(conn)
        start = time.perf_counter()
        pipeline.cluster_pending(engine, settings)
        cluster_s = time.perf_counter() - start
        engine.dispose()
        if args.enrich:
            copy = Path(tmp) / "baseline.db"
            shutil.copyfile(path, copy)
            inline = settings.model_copy(update={"database_url": f"sqlite:///{copy}",
                                                 "enrich_processes": 1})
            enrichment[1] = timed_enrichment(inline.database_url, inline)
            pooled = settings.model_copy(update={"enrich_processes": args.enrich_processes})
            enrichment[0] = timed_enrichment(settings.database_url, pooled)
        with httpx.Client(base_url=site.url) as client:
            pages = [client.get(article_path(a)).text for a in articles]
        urls = [f"{site.url}{article_path(a)}" for a in articles]
    extract_cpu = time.process_time()
    extract_s = time_trafilatura(pages)
    extract_cpu = time.process_time() - extract_cpu
    ours_cpu = time_extract_article(pages, urls)

    trafilatura_rate = len(pages) / extract_s
    print(f"pages served: {len(articles)}; stored: {stored}; failed: {report.items_failed}")
    print(f"full ingest:       {stored / ingest_s:8.1f} articles/s ({ingest_s:.1f} s)")
    print(f"trafilatura alone: {trafilatura_rate:8.1f} pages/s ({extract_s:.1f} s)")
    print(f"ratio ingest/trafilatura: {(stored / ingest_s) / trafilatura_rate:.2f}")
    print(f"CPU per article: ingest {1000 * ingest_cpu / stored:.1f} ms (this process "
          f"{1000 * own / stored:.1f}, extraction workers "
          f"{1000 * (ingest_cpu - own) / stored:.1f}; the local site serving it "
          f"{1000 * site_cpu / stored:.1f} more), trafilatura alone "
          f"{1000 * extract_cpu / len(pages):.1f} ms; CPU ratio trafilatura/ingest "
          f"{(extract_cpu / len(pages)) / (ingest_cpu / stored):.2f}")
    print(f"extraction alone, CPU per page: extract_article {1000 * ours_cpu / len(pages):.1f} ms,"
          f" trafilatura.extract {1000 * extract_cpu / len(pages):.1f} ms (ratio "
          f"{ours_cpu / extract_cpu:.2f})")
    print(f"cores used: ingest {ingest_cpu / ingest_s:.2f} (CPU-s per wall-s), trafilatura "
          f"alone {extract_cpu / extract_s:.2f}")
    print(f"clustering (near-duplicates + stories): {stored / cluster_s:8.1f} articles/s")
    for processes, label in ((1, "one process"), (0, "worker processes")):
        if processes in enrichment:
            enriched, wall, cpu = enrichment[processes]
            print(f"enrichment, {label}: {enriched / wall:6.2f} articles/s, "
                  f"{enriched / cpu:5.2f} articles per CPU-second ({enriched} in {wall:.1f} s)")
    if enrichment:
        (one, one_s, _), (many, many_s, _) = enrichment[1], enrichment[0]
        print(f"enrichment speed-up, workers / one process: {(many / many_s) / (one / one_s):.2f}")
        total = ingest_s + cluster_s + many_s
        print(f"full pipeline (ingest + cluster + enrich): {stored / total:6.2f} articles/s, "
              f"ratio to trafilatura alone: {(stored / total) / trafilatura_rate:.3f}")
    print(f"after: {load()}")


if __name__ == "__main__":
    main()
