"""`python -m tidings.worker`: the scheduler (what `tidings scheduler` runs). With
`TIDINGS_BROKER_URL` it sends due jobs to the Celery workers; without, it runs them here."""

from __future__ import annotations

import logging
import signal
import threading

from tidings.config import Settings
from tidings.worker.celery_app import app, to_celery
from tidings.worker.scheduler import Scheduler, in_process
from tidings.worker.tasks import engine_for


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    settings = Settings()
    if settings.broker_url:
        scheduler = Scheduler(engine_for(settings.database_url), to_celery(app),
                              enrich=settings.enrich)
    else:  # a job run here is over when it returns: whatever is still due is tried again
        scheduler = Scheduler(engine_for(settings.database_url), in_process(settings),
                              resend_seconds=0, enrich=settings.enrich)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        scheduler.run(stop)
    except KeyboardInterrupt:
        stop.set()


if __name__ == "__main__":
    main()
