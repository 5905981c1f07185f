"""Readiness and metrics for the people and machines that run Tidings.

- ``GET /api/ready`` (anyone): 200 when the database answers, its schema is at the newest
  migration and the broker (when ``TIDINGS_BROKER_URL`` is set) answers; 503 with what is not.
  ``/api/health`` (liveness) is in `routes`.
- ``GET /metrics`` (administrators: an API token): Prometheus text read from the database at
  each scrape, so every process and worker is counted: queue depth by status and the age of
  the oldest waiting page, articles, articles waiting for clustering and for enrichment and
  the age of the oldest (enrichment lag), deliveries by status and the age of the oldest
  unsent; and the counters the background jobs add to in the database
  (`pipeline.counting`): feeds polled, pages fetched and failed by reason, articles
  enriched, deliveries sent and failed, task durations.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from kombu import Connection as BrokerConnection
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.core import (
    CounterMetricFamily,
    GaugeMetricFamily,
    HistogramMetricFamily,
    Metric,
)
from prometheus_client.registry import Collector
from pydantic import BaseModel, Field
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from tidings.access.policy import Access, allow
from tidings.api.auth import engine_of, settings_of
from tidings.api.responses import SIGNED_IN
from tidings.pipeline import counting
from tidings.pipeline.common import one_line, utcnow
from tidings.pipeline.counting import parse_labels
from tidings.store import alerts as alert_store
from tidings.store import articles as article_store
from tidings.store import counters as counter_store
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
    registry.register(JobCollector(engine_of(request)))
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

    def collect(self) -> Iterator[Metric]:
        with self._engine.connect() as conn:
            queue = queue_store.count_by_status(conn)
            oldest = queue_store.oldest_pending(conn)
            sent = alert_store.count_by_status(conn)
            stored = article_store.count_articles(conn)
            unclustered = count_unclustered(conn)
            to_enrich = len(enrichment_store.articles_to_enrich(conn, since=None, force=False))
            unenriched = enrichment_store.oldest_unenriched(conn)
            unsent = alert_store.oldest_unsent(conn)
        depth = GaugeMetricFamily("tidings_queue_items", "Queued pages by status",
                                  labels=["status"])
        for status, count in queue.items():
            depth.add_metric([status], count)
        yield depth
        yield GaugeMetricFamily("tidings_queue_oldest_seconds",
                                "Age of the longest-waiting queued page", value=_age(oldest))
        yield GaugeMetricFamily("tidings_articles", "Stored articles", value=stored)
        yield GaugeMetricFamily("tidings_articles_unclustered",
                                "Articles waiting for clustering", value=unclustered)
        yield GaugeMetricFamily("tidings_articles_to_enrich",
                                "Articles waiting for enrichment", value=to_enrich)
        yield GaugeMetricFamily("tidings_enrichment_lag_seconds",
                                "Age of the longest-waiting article not enriched yet",
                                value=_age(unenriched))
        outbox = GaugeMetricFamily("tidings_deliveries", "Emails and webhook calls by status",
                                   labels=["status"])
        for status, count in sorted(sent.items()):
            outbox.add_metric([status], count)
        yield outbox
        yield GaugeMetricFamily("tidings_deliveries_oldest_seconds",
                                "Age of the longest-waiting email or webhook call not sent yet",
                                value=_age(unsent))


def _age(since: datetime | None) -> float:
    return (utcnow() - since).total_seconds() if since else 0.0


class JobCollector(Collector):
    """The counters every worker process adds to in the database (`pipeline.counting`)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def collect(self) -> Iterator[Metric]:
        with self._engine.connect() as conn:
            counts = counter_store.read_counts(conn)
        for name, help_text in counting.COUNTERS.items():
            rows = [(parse_labels(labels), value) for (found, labels), value in counts.items()
                    if found == name]
            keys = sorted({key for labels, _ in rows for key in labels})
            family = CounterMetricFamily(name, help_text, labels=keys)
            for labels, value in sorted(rows, key=lambda row: sorted(row[0].items())):
                family.add_metric([labels.get(key, "") for key in keys], value)
            yield family
        tasks: dict[str, dict[str, float]] = {}
        for (name, labels), value in counts.items():
            if name.startswith(counting.TASK_SECONDS):
                parsed = parse_labels(labels)
                part = name.removeprefix(counting.TASK_SECONDS)
                tasks.setdefault(parsed["task"], {})[f"{part}:{parsed.get('le', '')}"] = value
        seconds = HistogramMetricFamily(counting.TASK_SECONDS, counting.TASK_HELP,
                                        labels=["task"])
        for task, values in sorted(tasks.items()):
            buckets = [(str(bound), values.get(f"_bucket:{bound}", 0.0))
                       for bound in counting.BUCKETS] + [("+Inf", values.get("_bucket:+Inf", 0.0))]
            seconds.add_metric([task], buckets, sum_value=values.get("_sum:", 0.0))
        yield seconds
