"""Readiness and metrics for the people and machines that run Tidings.

- ``GET /api/ready`` (anyone): 200 when the database answers, its schema is at the newest
  migration and the broker (when ``TIDINGS_BROKER_URL`` is set) answers; 503 with what is not.
  ``/api/health`` (liveness) is in `routes`.
- ``GET /metrics`` (administrators: an API token): Prometheus text read from the database at
  each scrape, so every process and worker is counted: queue depth by status and the age of
  the oldest waiting page, articles, articles waiting for clustering and for enrichment,
  deliveries by status.
"""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from kombu import Connection as BrokerConnection
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from pydantic import BaseModel, Field
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from tidings.access.policy import Access, allow
from tidings.api.auth import engine_of, settings_of
from tidings.api.responses import SIGNED_IN
from tidings.pipeline.common import one_line, utcnow
from tidings.store import alerts as alert_store
from tidings.store import articles as article_store
from tidings.store import enrichment as enrichment_store
from tidings.store import queue as queue_store
from tidings.store.engine import DatabaseError, migration_state
from tidings.store.stories import count_unclustered

router = APIRouter()
BROKER_TIMEOUT = 2.0


class Ready(BaseModel):
    """Whether this process can serve: each check "ok" or why not."""

    status: str = Field(description='"ok" when every check is.')
    database: str
    migrations: str
    broker: str = Field(description='"ok", "not used" (no TIDINGS_BROKER_URL) or why not.')


@router.get("/api/ready", response_model=Ready, tags=["service"],
            responses={503: {"model": Ready, "description": "A check failed."}},
            dependencies=[allow(Access.ANONYMOUS)])
def ready(request: Request) -> Ready | JSONResponse:
    """Readiness: the database, its migrations and the broker."""
    database, migrations = _schema(engine_of(request))
    broker = _broker(settings_of(request).broker_url)
    checks = {"database": database, "migrations": migrations, "broker": broker}
    good = all(v in ("ok", "not used") for v in checks.values())
    body = Ready(status="ok" if good else "error", **checks)
    return body if good else JSONResponse(body.model_dump(), status_code=503)


def _schema(engine: Engine) -> tuple[str, str]:
    try:
        current, head = migration_state(engine)
    except DatabaseError as error:
        return f"unreachable: {error}", "unknown"
    if current != head:
        return "ok", f"at {current or 'nothing'}, newest is {head}: run tidings init"
    return "ok", "ok"


def _broker(url: str | None) -> str:
    if not url:
        return "not used"
    try:
        with BrokerConnection(url, connect_timeout=BROKER_TIMEOUT) as broker:
            broker.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT)
    except Exception as error:  # kombu raises the transport's own errors
        return f"unreachable: {one_line(error)}"
    return "ok"


@router.get("/metrics", tags=["service"], response_class=Response, responses=SIGNED_IN,
            dependencies=[allow(Access.ADMIN)])
def metrics(request: Request) -> Response:
    """Prometheus metrics (text exposition format)."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(DatabaseCollector(engine_of(request)))
    try:
        body = generate_latest(registry)
    except SQLAlchemyError as error:
        return Response(f"database unreachable: {one_line(error)}\n", status_code=503,
                        media_type="text/plain")
    return Response(body, media_type=CONTENT_TYPE_LATEST)


class DatabaseCollector(Collector):
    """Gauges read from the database at scrape time."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def collect(self) -> Iterator[GaugeMetricFamily]:
        with self._engine.connect() as conn:
            queue = queue_store.count_by_status(conn)
            oldest = queue_store.oldest_pending(conn)
            sent = alert_store.count_by_status(conn)
            stored = article_store.count_articles(conn)
            unclustered = count_unclustered(conn)
            to_enrich = len(enrichment_store.articles_to_enrich(conn, since=None, force=False))
        depth = GaugeMetricFamily("tidings_queue_items", "Queued pages by status",
                                  labels=["status"])
        for status, count in queue.items():
            depth.add_metric([status], count)
        yield depth
        age = (utcnow() - oldest).total_seconds() if oldest else 0.0
        yield GaugeMetricFamily("tidings_queue_oldest_seconds",
                                "Age of the longest-waiting queued page", value=age)
        yield GaugeMetricFamily("tidings_articles", "Stored articles", value=stored)
        yield GaugeMetricFamily("tidings_articles_unclustered",
                                "Articles waiting for clustering", value=unclustered)
        yield GaugeMetricFamily("tidings_articles_to_enrich",
                                "Articles waiting for enrichment (enrichment lag)",
                                value=to_enrich)
        outbox = GaugeMetricFamily("tidings_deliveries", "Emails and webhook calls by status",
                                   labels=["status"])
        for status, count in sorted(sent.items()):
            outbox.add_metric([status], count)
        yield outbox
