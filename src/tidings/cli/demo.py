"""`tidings demo`: a local news site, ingested through the production path, and the reader."""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING, Annotated

import typer

from tidings import pipeline
from tidings.cli.context import NoEnrich, open_engine, settings_of
from tidings.cli.ingesting import summarise
from tidings.cli.output import console, fail, progress_steps
from tidings.cli.system import KEEP_ALIVE_SECONDS

if TYPE_CHECKING:
    import uvicorn
    from sqlalchemy import Engine

    from tidings.config import Settings
    from tidings.model import IngestReport


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
    limit: Annotated[int | None, typer.Option(
        help="Serve only the newest N articles and the newest N headlines.")] = None,
    exit_after_ingest: Annotated[
        bool, typer.Option("--exit", help="Stop once everything is ingested (for scripts).")
    ] = False,
    no_enrich: NoEnrich = False,
) -> None:
    """Start a local news site (real Wikinews articles, and real headlines of 1,177 outlets),
    ingest it, serve the reader."""
    import uvicorn

    from tidings.demo.corpus import load_corpus, shift_days
    from tidings.demo.headlines import load_headlines
    from tidings.demo.site import DemoSite, demo_notice
    from tidings.server import create_app
    from tidings.store import articles as article_store

    articles = load_corpus()[:limit]
    headlines = load_headlines()[:limit]
    notice = demo_notice(shift_days(articles), len({h.outlet for h in headlines}))
    # The demo site is our own local server: no politeness delay, loopback allowed.
    settings = settings_of(
        ctx, host=host, port=port, notice=notice, allow_private_addresses=True,
        per_host_delay=0.0, per_host_concurrency=8, enrich=False if no_enrich else None,
    )
    engine = open_engine(settings, create=True)  # the demo must work on a fresh machine
    try:
        site = DemoSite(articles, port=site_port, headlines=headlines).start()
    except OSError as exc:
        fail(f"cannot start the demo site on port {site_port} ({exc.strerror}): "
             "pass --site-port with a free port")
    with site:
        server = uvicorn.Server(uvicorn.Config(
            create_app(settings), host=settings.host, port=settings.port, log_level="warning",
            timeout_keep_alive=KEEP_ALIVE_SECONDS,
        ))
        thread = start_reader(server)
        with engine.connect() as conn:
            stored = article_store.count_articles(conn)
        console.print(
            f"[bold]Tidings demo[/] at [link]http://{settings.host}:{settings.port}/[/link] "
            f"(news site at {site.url}/). Ctrl-C stops.\n"
            + (f"The database already holds {stored:,} articles: only what is new is fetched."
               if stored else "The reader fills as items arrive.")
        )
        _ingest(engine, settings, site.outlet_feed_urls(),
                f"{len(headlines):,} headlines from {len(site.outlet_feed_urls()):,} outlets")
        _ingest(engine, settings, site.feed_urls(), f"{len(articles):,} Wikinews articles")
        if exit_after_ingest:
            server.should_exit = True
        try:
            thread.join()
        except KeyboardInterrupt:
            server.should_exit = True
            thread.join(timeout=5)


def _ingest(engine: Engine, settings: Settings, feed_urls: list[str], what: str) -> IngestReport:
    """Subscribe to the feeds not yet known, then poll them and ingest what is new."""
    from tidings.store import feeds as feed_store

    with engine.connect() as conn:
        known = {f.url for f in feed_store.list_feeds(conn)}
    for url in feed_urls:
        if url not in known:
            pipeline.subscribe(engine, settings, url, interval_minutes=60)
    console.print(f"Reading the demo site's {what}…")
    with progress_steps() as steps:
        report = pipeline.ingest_once(engine, settings, steps=steps)
    summarise(report)
    return report


def register(app: typer.Typer) -> None:
    app.command()(demo)
