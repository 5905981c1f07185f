"""`tidings digests send`: queue and send digest emails by hand."""

from __future__ import annotations

from typing import Annotated

import typer

from tidings.cli.context import open_engine, settings_of
from tidings.cli.output import console, fail

app = typer.Typer(help="Digest emails of what readers follow.", no_args_is_help=True)


@app.command("send")
def send(
    ctx: typer.Context,
    user: Annotated[str | None, typer.Option("--user", help="Only this reader (username).",
                                             show_default=False)] = None,
    now: Annotated[bool, typer.Option("--now", help="Send even when not yet due.")] = False,
) -> None:
    """Queue the digests that are due (or --now), then send every due email and webhook."""
    # Imported here: the digest summaries need the enrichment stage, slow to load.
    from tidings.readers.alerts import send_deliveries
    from tidings.readers.digests import queue_digests

    settings = settings_of(ctx)
    if not settings.smtp_host:
        fail("no SMTP server is set up: set TIDINGS_SMTP_HOST")
    engine = open_engine(settings)
    queued = queue_digests(engine, settings, username=user, force=now)
    report = send_deliveries(engine, settings)
    console.print(f"Queued {queued} digests; sent {report.sent} deliveries "
                  f"({report.retried} to retry, {report.failed} given up).")
