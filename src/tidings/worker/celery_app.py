"""The tasks on Celery workers over Redis (`TIDINGS_BROKER_URL`).

Queues: fetch (feeds), extract (pages), cluster, enrich, deliver (alerts, digests, emails and
webhooks). Messages carry ids only; each worker process reads its settings (secrets included)
from its own environment, never from the broker. Late acks and ``reject_on_worker_lost``: a
job whose worker is killed goes back to the queue; its claim in the database makes sure it
acts once. Start with ``tidings worker`` (``celery -A tidings.worker.celery_app worker``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from celery import Celery
from kombu import Connection

from tidings.config import Settings
from tidings.pipeline.common import one_line
from tidings.worker import tasks
from tidings.worker.scheduler import Job, Send

QUEUES = {"poll_feed": "fetch", "ingest_item": "extract", "cluster_pending": "cluster",
          "enrich_article": "enrich", "match_alerts": "deliver", "send_delivery": "deliver",
          "queue_digests": "deliver"}


@lru_cache(maxsize=1)
def worker_settings() -> Settings:
    return Settings()


def make_celery(broker_url: str) -> Celery:
    celery = Celery("tidings", broker=broker_url, set_as_current=False)
    celery.conf.update(
        task_acks_late=True, task_reject_on_worker_lost=True, worker_prefetch_multiplier=1,
        task_ignore_result=True, broker_connection_retry_on_startup=True,
        task_default_queue="fetch",
        task_routes={f"tidings.{name}": {"queue": queue} for name, queue in QUEUES.items()},
        worker_hijack_root_logger=False,
    )
    for name, function in tasks.BY_ID.items():
        celery.task(name=f"tidings.{name}")(_by_id(function))
    for name, function in tasks.SWEEPS.items():
        celery.task(name=f"tidings.{name}")(_sweep(function))
    return celery


def _by_id(function: tasks.Task) -> Callable[[int], None]:
    def run(arg: int) -> None:
        function(arg, worker_settings())
    run.__name__ = function.__name__
    return run


def _sweep(function: tasks.Task) -> Callable[[], None]:
    def run() -> None:
        function(worker_settings())
    run.__name__ = function.__name__
    return run


def broker_problem(url: str, timeout: float = 2.0) -> str | None:
    """Why the broker at `url` does not answer (one line), or None when it does."""
    try:
        with Connection(url, connect_timeout=timeout) as broker:
            broker.ensure_connection(max_retries=1, timeout=timeout)
    except Exception as error:  # kombu raises the transport's own errors
        return one_line(error)
    return None


def to_celery(celery: Celery) -> Send:
    """Send each job to its queue."""
    def send(job: Job) -> None:
        celery.send_task(f"tidings.{job.task}", args=[] if job.arg is None else [job.arg])
    return send


app = make_celery(worker_settings().broker_url or "redis://127.0.0.1:6379/0")
