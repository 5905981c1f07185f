"""The in-process runner: the database is the queue, no broker needed."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from sqlalchemy import Engine

from tidings.config import Settings
from tidings.ingest.fetcher import Fetcher, FetchOptions
from tidings.model import IngestReport
from tidings.pipeline.common import StepProgress, no_steps, utcnow
from tidings.pipeline.enrich_workers import Analysers
from tidings.pipeline.enriching import open_analysers
from tidings.pipeline.extracting import PageExtractor, default_processes
from tidings.pipeline.followups import follow_up
from tidings.pipeline.pages import process_queue
from tidings.pipeline.polling import poll_due_feeds
from tidings.readers.alerts import send_deliveries
from tidings.readers.digests import queue_digests
from tidings.store import feeds as feed_store

IDLE_POLL_SECONDS = 60.0
"""Longest sleep between two passes of `run_forever` (new feeds are picked up this fast)."""


def open_fetcher(settings: Settings) -> Fetcher:
    return Fetcher(FetchOptions.from_settings(settings))


def ingest_once(
    engine: Engine,
    settings: Settings,
    *,
    steps: StepProgress = no_steps,
    analysers: Analysers | None = None,
) -> IngestReport:
    """Poll every due feed once, fetch, extract and store every queued page, then cluster
    and enrich (with the run's `analysers`, when it makes several passes); last, send due
    alerts and digests."""
    processes = settings.extract_processes or default_processes()
    with open_fetcher(settings) as fetcher, PageExtractor(processes) as extract:
        polled = poll_due_feeds(engine, settings, fetcher, progress=steps("Polling feeds"))
        pages = process_queue(engine, settings, fetcher, extract,
                              progress=steps("Fetching pages"))
    follow_up(engine, settings, steps=steps, analysers=analysers)
    send_due(engine, settings)
    return replace(
        pages,
        feeds_polled=polled.feeds_polled,
        feeds_failed=polled.feeds_failed,
        items_queued=polled.items_queued,
        errors=polled.errors + pages.errors,
        warnings=polled.warnings,
    )


def send_due(engine: Engine, settings: Settings) -> None:
    """Queue the digests that are due, then send every due email and webhook call."""
    queue_digests(engine, settings)
    send_deliveries(engine, settings)


def next_due(engine: Engine) -> datetime | None:
    """When the next feed is due, or None when there are no feeds."""
    with engine.connect() as conn:
        times = [f.next_fetch_at or utcnow() for f in feed_store.list_feeds(conn)]
    return min(times, default=None)


def run_forever(
    engine: Engine,
    settings: Settings,
    stop: threading.Event,
    on_report: Callable[[IngestReport], None],
) -> None:
    """Keep ingesting on each feed's schedule until `stop` is set; every pass enriches with the
    same worker processes, which end with the run (on an error or an interrupt too)."""
    with open_analysers(settings) as analysers:
        while not stop.is_set():
            on_report(ingest_once(engine, settings, analysers=analysers))
            due = next_due(engine)
            wait = IDLE_POLL_SECONDS
            if due is not None:
                wait = min(max((due - utcnow()).total_seconds(), 1.0), IDLE_POLL_SECONDS)
            stop.wait(wait)
