"""`python -m tidings.worker [--once]`: the scheduler (what `tidings scheduler` runs, and
`tidings ingest` when `TIDINGS_BROKER_URL` is set). With a broker it sends due jobs to the
Celery workers; without, it runs them here. `--once`: one pass, then exit."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading

from tidings.config import Settings
from tidings.worker.celery_app import app, broker_problem, to_celery
from tidings.worker.scheduler import Scheduler, in_process
from tidings.worker.tasks import engine_for


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="tidings scheduler", description=__doc__)
    parser.add_argument("--once", action="store_true", help="Send what is due now, then exit.")
    once = parser.parse_args(argv).once
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    settings = Settings()
    engine = engine_for(settings.database_url)
    if settings.broker_url:
        problem = broker_problem(settings.broker_url)
        if problem and once:
            sys.exit(f"Error: the broker at TIDINGS_BROKER_URL does not answer: {problem}")
        scheduler = Scheduler(engine, to_celery(app), enrich=settings.enrich)
    else:  # a job run here is over when it returns: whatever is still due is tried again
        scheduler = Scheduler(engine, in_process(settings), resend_seconds=0,
                              enrich=settings.enrich)
    if once:
        sent = scheduler.tick()
        where = "the workers" if settings.broker_url else "this process"
        jobs = ", ".join(f"{count} {task}" for task, count in sorted(sent.items()))
        print(f"Sent {sent.total()} jobs to {where}: {jobs or 'nothing was due'}.")
        return
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        scheduler.run(stop)
    except KeyboardInterrupt:
        stop.set()


if __name__ == "__main__":
    main()
