"""`tidings worker` and `tidings scheduler`: background jobs on several processes.

Both replace this process with the real one (the CLI never imports the worker package):
``celery -A tidings.worker.celery_app worker`` and ``python -m tidings.worker``.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated, NoReturn

import typer

from tidings.cli.context import open_engine, settings_of
from tidings.cli.output import fail

QUEUES = "fetch,extract,cluster,enrich,deliver"


def register(app: typer.Typer) -> None:
    app.command("worker")(worker)
    app.command("scheduler")(scheduler)


def worker(
    ctx: typer.Context,
    queues: Annotated[str, typer.Option(help="Queues this worker takes, comma-separated.")
                      ] = QUEUES,
    concurrency: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 2,
) -> None:
    """Start a Celery worker on TIDINGS_BROKER_URL (Redis) for the background jobs."""
    settings = settings_of(ctx)
    if not settings.broker_url:
        fail("no broker is set up: set TIDINGS_BROKER_URL (e.g. redis://127.0.0.1:6379/0)")
    open_engine(settings)  # a missing or unmigrated database fails here, in one line
    unknown = set(queues.split(",")) - set(QUEUES.split(","))
    if unknown:
        fail(f"unknown queue {sorted(unknown)[0]!r}: choose from {QUEUES}")
    become(settings.database_url, ["-m", "celery", "-A", "tidings.worker.celery_app",
                                    "worker", "-Q", queues, "-c", str(concurrency),
                                    "-n", f"tidings{os.getpid()}@%h", "--loglevel", "INFO"])


def scheduler(ctx: typer.Context) -> None:
    """Send due work to the workers every few seconds (without TIDINGS_BROKER_URL: run it
    here)."""
    settings = settings_of(ctx)
    open_engine(settings)
    become(settings.database_url, ["-m", "tidings.worker"])


def become(database_url: str, args: list[str], *, enrich: bool = True) -> NoReturn:
    """Replace this process with ``python ARGS`` on the same database (and, with `enrich`
    off, TIDINGS_ENRICH=false, as `--no-enrich` asked)."""
    os.environ["TIDINGS_DATABASE_URL"] = database_url
    if not enrich:
        os.environ["TIDINGS_ENRICH"] = "false"
    os.execv(sys.executable, [sys.executable, *args])
