"""What the background jobs count, for `/metrics`: feeds polled, pages fetched and failed by
reason, articles enriched, deliveries sent and failed, and how long each task took.

Counts are kept in the database (`store.counters`), not in process memory nor in
prometheus-client's multiprocess files: workers run in Celery's prefork children, in other
containers and on other machines, and the web process that answers `/metrics` shares only
the database with them (SQLite on one box included). What counts is counted where it
happens (`polling.poll_feed`, `pages.ingest_page`, `enriching.enrich_articles`,
`readers.alerts.send_deliveries`), into this process's `Tally`, which is written in one short
transaction at the end of each job (`worker.tasks.counted`), of each follow-up (so of
`tidings ingest` in process, `fetch`, the imports), enrichment run and delivery pass.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from tidings.store import counters as counter_store

log = logging.getLogger(__name__)

COUNTERS = {
    "tidings_feeds_polled_total": "Feeds polled by the jobs, by result (ok, error)",
    "tidings_pages_fetched_total": "Pages fetched, extracted and stored by the jobs",
    "tidings_pages_failed_total": "Pages that gave no article, by reason (a headline may "
                                  "have been stored instead)",
    "tidings_articles_enriched_total": "Articles enriched by the jobs, by result (ok, failed)",
    "tidings_deliveries_sent_total": "Emails and webhook calls sent",
    "tidings_deliveries_failed_total": "Failed attempts at emails and webhook calls "
                                       "(final: given up)",
}
TASK_SECONDS = "tidings_task_seconds"
TASK_HELP = "Seconds each background task took, by task"
BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0)


def labels_text(labels: dict[str, str]) -> str:
    return ",".join(f"{key}={value}" for key, value in sorted(labels.items()))


def parse_labels(text: str) -> dict[str, str]:
    return dict(pair.split("=", 1) for pair in text.split(",")) if text else {}


class Tally:
    """This process's counts not yet written, per database (thread-safe)."""

    def __init__(self) -> None:
        self._counts: dict[str, Counter[counter_store.Key]] = {}
        self._lock = threading.Lock()

    def count(self, engine: Engine, name: str, value: float = 1.0, **labels: str) -> None:
        """Add `value` to the counter `name` of the database of `engine`."""
        if name not in COUNTERS:
            raise KeyError(f"no counter {name!r}")
        if value:
            self._add(engine, {(name, labels_text(labels)): value})

    def observe(self, engine: Engine, task: str, seconds: float) -> None:
        counts = {(f"{TASK_SECONDS}_sum", labels_text({"task": task})): seconds,
                  (f"{TASK_SECONDS}_count", labels_text({"task": task})): 1.0}
        for bound in [*(str(b) for b in BUCKETS if seconds <= b), "+Inf"]:
            counts[f"{TASK_SECONDS}_bucket", labels_text({"task": task, "le": bound})] = 1.0
        self._add(engine, counts)

    def _add(self, engine: Engine, counts: dict[counter_store.Key, float]) -> None:
        with self._lock:
            self._counts.setdefault(str(engine.url), Counter()).update(counts)

    def flush(self, engine: Engine) -> None:
        """Add what was counted for this database to it; kept for the next flush if that
        fails."""
        with self._lock:
            counts = self._counts.pop(str(engine.url), Counter())
        if not counts:
            return
        try:
            with engine.begin() as conn:
                counter_store.add_counts(conn, counts)
        except SQLAlchemyError:
            log.warning("counts_not_written: kept for the next job", exc_info=True)
            self._add(engine, counts)


TALLY = Tally()
"""The counts of this process."""
