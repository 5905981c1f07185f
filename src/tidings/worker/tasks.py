"""The background jobs, one unit of work each. They take ids and settings, never live objects,
so the scheduler in process and the Celery workers call the same functions; each claims its
job before it acts (a job sent twice runs once) and opens what it needs once per process."""

from __future__ import annotations

import hashlib
import random
import secrets
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from functools import lru_cache, wraps
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Engine

from tidings.config import Settings
from tidings.ingest.fetcher import Fetcher, FetchOptions
from tidings.pipeline import clustering, enriching, polling
from tidings.pipeline.clustering import ClusterReport
from tidings.pipeline.common import is_dead_local, utcnow, worker_id
from tidings.pipeline.counting import TALLY
from tidings.pipeline.enriching import EnrichReport
from tidings.pipeline.extracting import PageExtractor
from tidings.pipeline.pages import LEASE_SECONDS, PageOutcome, ingest_page
from tidings.readers import digests
from tidings.readers.alerts import DeliveryReport, find_alerts, send_deliveries
from tidings.store import feeds as feed_store
from tidings.store import queue as queue_store
from tidings.store.engine import make_engine
from tidings.store.locks import acquire_lock, expire_lock, holders, release_lock

Task = Callable[..., object]

HOST_SLOT_SECONDS = 120.0
"""Lease of one per-host slot (a fetch that outlives it lets one more in)."""
HOST_WAIT_SECONDS = 30.0
"""How long a job waits for a slot of its host before it gives up (the scheduler resends)."""


@lru_cache(maxsize=4)
def engine_for(url: str) -> Engine:
    """One engine per database per process (made in the worker, after Celery forks it)."""
    return make_engine(url)


@lru_cache(maxsize=4)
def _fetcher(options: FetchOptions) -> Fetcher:
    return Fetcher(options)


@lru_cache(maxsize=1)
def _extractor() -> PageExtractor:
    return PageExtractor(1)  # inline: a Celery worker process is the unit of parallelism


def poll_feed(feed_id: int, settings: Settings) -> polling.PollOutcome | None:
    """Poll one feed if it is still due, holding the lease ``feed:<id>`` meanwhile."""
    engine, owner, name = engine_for(settings.database_url), _owner(), f"feed:{feed_id}"
    now = utcnow()
    with engine.begin() as conn:
        feed = feed_store.get_feed(conn, feed_id)
        due = feed is not None and (feed.next_fetch_at is None or feed.next_fetch_at <= now)
        if not due or not acquire_lock(conn, name, owner, now=now, seconds=LEASE_SECONDS):
            return None
    assert feed is not None
    try:
        with host_slot(engine, settings, feed.url) as free:
            outcome = polling.poll_feed(engine, settings,
                                        _fetcher(FetchOptions.from_settings(settings)),
                                        feed) if free else None
        return outcome
    finally:
        with engine.begin() as conn:
            release_lock(conn, name, owner)


def ingest_item(item_id: int, settings: Settings) -> PageOutcome | None:
    """Fetch, extract and store one queued page, if it can be claimed now."""
    engine = engine_for(settings.database_url)
    with engine.connect() as conn:
        url = queue_store.item_url(conn, item_id)
    if url is None:
        return None
    with host_slot(engine, settings, url) as free:
        return _ingest_claimed(engine, settings, item_id) if free else None


def _ingest_claimed(engine: Engine, settings: Settings, item_id: int) -> PageOutcome | None:
    with engine.begin() as conn:
        claimed = queue_store.claim_pending(conn, limit=1, now=utcnow(), ids=[item_id],
                                            lease_seconds=LEASE_SECONDS, owner=worker_id())
        if not claimed:
            return None
        feed = feed_store.get_feed(conn, claimed[0].feed_id) if claimed[0].feed_id else None
    fetcher = _fetcher(FetchOptions.from_settings(settings))
    return ingest_page(engine, fetcher, claimed[0].url, extract=_extractor(), item=claimed[0],
                       feed_title=feed.title if feed else None)


def cluster_pending(settings: Settings) -> ClusterReport:
    """Cluster what is new; one process at a time (a lease), the others return at once."""
    return clustering.cluster_pending(engine_for(settings.database_url), settings)


def enrich_article(article_id: int, settings: Settings) -> EnrichReport:
    """Enrich one article not enriched yet, if no other worker holds it; here, in this
    process (a Celery pool process is the unit of parallelism: no pool of its own)."""
    return enriching.enrich_articles(engine_for(settings.database_url),
                                     settings.model_copy(update={"enrich_processes": 1}),
                                     [article_id])


def match_alerts(settings: Settings) -> int:
    """Queue the alerts for what came in since the last pass (one process at a time)."""
    return find_alerts(engine_for(settings.database_url), settings)


def send_delivery(delivery_id: int, settings: Settings) -> DeliveryReport:
    """Send one due email or webhook call, at most once."""
    return send_deliveries(engine_for(settings.database_url), settings, ids=[delivery_id])


def queue_digests(settings: Settings) -> int:
    """Queue the digests that are due (each claimed by compare-and-set)."""
    return digests.queue_digests(engine_for(settings.database_url), settings)


@contextmanager
def host_slot(engine: Engine, settings: Settings, url: str) -> Iterator[bool]:
    """Hold one of the `per_host_concurrency` slots of the URL's host, shared by every process
    and worker (leases ``host:<hash>:<n>`` in the database), waiting up to HOST_WAIT_SECONDS;
    yields False when none came free. A slot is free again `per_host_delay` after its fetch
    started, so the delay holds across processes too."""
    key = hashlib.sha1((urlsplit(url).hostname or "").encode()).hexdigest()[:16]
    names = [f"host:{key}:{n}" for n in range(settings.per_host_concurrency)]
    owner, deadline = _owner(), time.monotonic() + HOST_WAIT_SECONDS
    while True:
        with engine.begin() as conn:
            held = next((name for name in names if acquire_lock(
                conn, name, owner, now=utcnow(), seconds=HOST_SLOT_SECONDS)), None)
        if held is not None or time.monotonic() > deadline:
            break
        _free_dead_slots(engine, names)
        time.sleep(0.05 + random.random() * 0.1)
    if held is None:
        yield False
        return
    started = utcnow()
    try:
        yield True
    finally:
        with engine.begin() as conn:
            expire_lock(conn, held, owner,
                        at=started + timedelta(seconds=settings.per_host_delay))


def _free_dead_slots(engine: Engine, names: list[str]) -> None:
    """Give back the slots of processes on this host that died holding them."""
    with engine.connect() as conn:
        dead = {n: h for n, h in holders(conn, names).items()
                if is_dead_local(h)}
    if dead:
        with engine.begin() as conn:
            for name, holder in dead.items():
                release_lock(conn, name, holder)


def _owner() -> str:
    return f"{worker_id()}:{secrets.token_hex(4)}"


def counted(name: str, task: Task) -> Task:
    """The task, timed (`tidings_task_seconds`); what it counted is written when it ends."""
    @wraps(task)
    def run(*args: Any) -> object:
        settings: Settings = args[-1]
        start = time.perf_counter()
        try:
            return task(*args)
        finally:
            engine = engine_for(settings.database_url)
            TALLY.observe(engine, name, time.perf_counter() - start)
            TALLY.flush(engine)
    return run


BY_ID: dict[str, Task] = {name: counted(name, task) for name, task in (
    ("poll_feed", poll_feed), ("ingest_item", ingest_item), ("enrich_article", enrich_article),
    ("send_delivery", send_delivery))}
"""Tasks of one id."""
SWEEPS: dict[str, Task] = {name: counted(name, task) for name, task in (
    ("cluster_pending", cluster_pending), ("match_alerts", match_alerts),
    ("queue_digests", queue_digests))}
"""Tasks over everything pending."""
