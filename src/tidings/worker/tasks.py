"""The background jobs, one unit of work each. They take ids and settings, never live objects,
so the scheduler in process and the Celery workers call the same functions; each claims its
job before it acts (a job sent twice runs once) and opens what it needs once per process."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from functools import lru_cache

from sqlalchemy import Engine

from tidings.config import Settings
from tidings.ingest.fetcher import Fetcher, FetchOptions
from tidings.pipeline import clustering, digests, enriching, polling
from tidings.pipeline.alerts import DeliveryReport, find_alerts, send_deliveries
from tidings.pipeline.clustering import ClusterReport
from tidings.pipeline.common import utcnow
from tidings.pipeline.enriching import EnrichReport
from tidings.pipeline.extracting import PageExtractor
from tidings.pipeline.pages import LEASE_SECONDS, PageOutcome, ingest_page, worker_id
from tidings.store import feeds as feed_store
from tidings.store import queue as queue_store
from tidings.store.engine import make_engine
from tidings.store.locks import acquire_lock, release_lock

Task = Callable[..., object]


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
        return polling.poll_feed(engine, settings, _fetcher(FetchOptions.from_settings(settings)),
                                 feed)
    finally:
        with engine.begin() as conn:
            release_lock(conn, name, owner)


def ingest_item(item_id: int, settings: Settings) -> PageOutcome | None:
    """Fetch, extract and store one queued page, if it can be claimed now."""
    engine = engine_for(settings.database_url)
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
    """Enrich one article not enriched yet, if no other worker holds it."""
    return enriching.enrich_articles(engine_for(settings.database_url), settings, [article_id])


def match_alerts(settings: Settings) -> int:
    """Queue the alerts for what came in since the last pass (one process at a time)."""
    return find_alerts(engine_for(settings.database_url), settings)


def send_delivery(delivery_id: int, settings: Settings) -> DeliveryReport:
    """Send one due email or webhook call, at most once."""
    return send_deliveries(engine_for(settings.database_url), settings, ids=[delivery_id])


def queue_digests(settings: Settings) -> int:
    """Queue the digests that are due (each claimed by compare-and-set)."""
    return digests.queue_digests(engine_for(settings.database_url), settings)


def _owner() -> str:
    return f"{worker_id()}:{secrets.token_hex(4)}"


BY_ID: dict[str, Task] = {"poll_feed": poll_feed, "ingest_item": ingest_item,
                          "enrich_article": enrich_article, "send_delivery": send_delivery}
"""Tasks of one id."""
SWEEPS: dict[str, Task] = {"cluster_pending": cluster_pending, "match_alerts": match_alerts,
                           "queue_digests": queue_digests}
"""Tasks over everything pending."""
