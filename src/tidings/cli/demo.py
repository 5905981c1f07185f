"""`tidings demo`: a local news site, ingested through the production path, and the reader."""

from __future__ import annotations

import threading
import time
from typing import Annotated

import typer
import uvicorn

from tidings import pipeline
from tidings.cli.context import open_engine, settings_of
from tidings.cli.ingesting import summarise
from tidings.cli.output import console, fail, progress_steps
from tidings.demo.corpus import load_corpus, shift_days
from tidings.demo.site import DemoSite
from tidings.server import create_app
from tidings.store import feeds as feed_store


def start_reader(server: uvicorn.Server) -> threading.Thread:
    """Serve the reader in a background thread; wait until it accepts connections."""
    thread = threading.Thread(target=server.run, name="tidings-web", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            fail("the web server did not start (is the port already in use?)")
        time.sleep(0.05)
    return thread


def demo(
    ctx: typer.Context,
    host: Annotated[str | None, typer.Option(help="Address the reader listens on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port the reader listens on.")] = None,
    site_port: Annotated[int, typer.Option(help="Port of the local demo news site.")] = 8765,
    limit: Annotated[int | None, typer.Option(help="Serve only the newest N articles.")] = None,
    exit_after_ingest: Annotated[
        bool, typer.Option("--exit", help="Stop once everything is ingested (for scripts).")
    ] = False,
) -> None:
    """Start a local news site built from real Wikinews articles, ingest it, serve the reader."""
    articles = load_corpus()[:limit]
    days = shift_days(articles)
    notice = (
        f"Demo: real Wikinews articles (CC BY 2.5) from 2005-2008, dates moved forward "
        f"{days:,} days so the newest reads as today."
    )
    # The demo site is our own local server: no politeness delay, loopback allowed.
    settings = settings_of(
        ctx, host=host, port=port, notice=notice, allow_private_addresses=True,
        per_host_delay=0.0, per_host_concurrency=8,
    )
    engine = open_engine(settings, create=True)  # the demo must work on a fresh machine
    try:
        site = DemoSite(articles, port=site_port).start()
    except OSError as exc:
        fail(f"cannot start the demo site on port {site_port} ({exc.strerror}): "
             "pass --site-port with a free port")
    with site:
        for url in site.feed_urls():
            with engine.connect() as conn:
                known = feed_store.find_feed(conn, url) is not None
            if not known:
                pipeline.subscribe(engine, settings, url, interval_minutes=60)
        server = uvicorn.Server(uvicorn.Config(
            create_app(settings), host=settings.host, port=settings.port, log_level="warning"
        ))
        thread = start_reader(server)
        console.print(
            f"[bold]Tidings demo[/] at [link]http://{settings.host}:{settings.port}/[/link] "
            f"(news site at {site.url}/). Ingesting {len(articles):,} articles, newest first; "
            "the reader fills as they arrive. Ctrl-C stops."
        )
        with progress_steps() as steps:
            report = pipeline.ingest_once(engine, settings, steps=steps)
        summarise(report)
        if exit_after_ingest:
            server.should_exit = True
        try:
            thread.join()
        except KeyboardInterrupt:
            server.should_exit = True
            thread.join(timeout=5)


def register(app: typer.Typer) -> None:
    app.command()(demo)
