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
    send = to_celery(app) if settings.broker_url else in_process(settings)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        Scheduler(engine_for(settings.database_url), send).run(stop)
    except KeyboardInterrupt:
        stop.set()


if __name__ == "__main__":
    main()
