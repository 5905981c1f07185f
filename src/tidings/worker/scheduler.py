"""What is due, as jobs for the tasks: due feeds, claimable pages, articles to enrich, due
deliveries, and the sweeps (cluster, alerts, digests). `run` sends them in process (no broker)
or to Celery; a job is not sent again while it may still be running (`resend_seconds`), and
whatever a dead worker held is sent again after that, its claim settled by the task."""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine

from tidings.config import Settings
from tidings.pipeline.common import utcnow
from tidings.pipeline.pages import release_dead_claims
from tidings.store import alerts as alert_store
from tidings.store import enrichment as enrichment_store
from tidings.store import feeds as feed_store
from tidings.store import queue as queue_store
from tidings.store import stories as story_store
from tidings.worker import tasks

log = logging.getLogger(__name__)

LIMIT = 10_000
"""Most jobs of one kind sent per tick."""


@dataclass(frozen=True)
class Job:
    task: str
    """A name in `tasks.BY_ID` or `tasks.SWEEPS`."""
    arg: int | None = None


Send = Callable[[Job], None]


def due_jobs(engine: Engine, *, enrich: bool = True) -> list[Job]:
    """Every job due now, in pipeline order."""
    now = utcnow()
    with engine.connect() as conn:
        feeds = [f.id for f in feed_store.due_feeds(conn, now, limit=LIMIT)]
        items = queue_store.claimable_ids(conn, now=now, limit=LIMIT)
        unclustered = story_store.count_unclustered(conn)
        articles = enrichment_store.articles_to_enrich(conn, since=None, force=False)[:LIMIT]
        deliveries = alert_store.due_ids(conn, now, limit=LIMIT)
    jobs = [Job("poll_feed", i) for i in feeds] + [Job("ingest_item", i) for i in items]
    if unclustered:
        jobs.append(Job("cluster_pending"))
    if enrich:
        jobs += [Job("enrich_article", i) for i in articles]
    jobs += [Job("match_alerts"), Job("queue_digests")]
    return jobs + [Job("send_delivery", i) for i in deliveries]


def in_process(settings: Settings) -> Send:
    """Run each job here and now (no broker)."""
    def send(job: Job) -> None:
        if job.arg is None:
            tasks.SWEEPS[job.task](settings)
        else:
            tasks.BY_ID[job.task](job.arg, settings)
    return send


class Scheduler:
    """Sends due jobs, each at most once per `resend_seconds`."""

    def __init__(self, engine: Engine, send: Send, *, resend_seconds: float = 120.0,
                 enrich: bool = True) -> None:
        self._engine, self._send, self._resend = engine, send, resend_seconds
        self._enrich = enrich
        self._sent: dict[Job, float] = {}

    def tick(self) -> Counter[str]:
        """Send what is due and not sent lately; how many jobs of each task were sent."""
        release_dead_claims(self._engine)  # what processes of this host held when they died
        clock, sent = time.monotonic(), Counter[str]()
        for job in due_jobs(self._engine, enrich=self._enrich):
            if job.arg is not None and clock - self._sent.get(job, -self._resend) < self._resend:
                continue
            self._send(job)
            self._sent[job] = clock
            sent[job.task] += 1
        self._sent = {j: t for j, t in self._sent.items() if clock - t < self._resend}
        return sent

    def run(self, stop: threading.Event, *, interval: float = 5.0) -> None:
        while not stop.is_set():
            try:
                self.tick()
            except Exception:  # a database or broker hiccup: try again next tick
                log.exception("scheduler_tick_failed")
            stop.wait(interval)
