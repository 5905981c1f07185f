"""`tidings feeds ...`: subscriptions."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from tidings import pipeline
from tidings.cli.context import open_engine, settings_of
from tidings.cli.output import console, fail, print_json, warn

app = typer.Typer(help="Add, list, remove, import and export feeds.", no_args_is_help=True)


@app.command("add")
def add(
    ctx: typer.Context,
    url: str,
    title: Annotated[str | None, typer.Option(help="Title shown for the feed.")] = None,
    interval: Annotated[
        int | None, typer.Option(help="Minutes between polls (default: the setting).", min=1)
    ] = None,
) -> None:
    """Subscribe to an RSS, Atom or JSON feed, or an XML sitemap."""
    settings = settings_of(ctx)
    engine = open_engine(settings)
    try:
        feed = pipeline.subscribe(engine, settings, url, title=title, interval_minutes=interval)
    except pipeline.SubscribeError as exc:
        fail(str(exc))
    console.print(f"Added feed {feed.id}: {escape(feed.url)} (every {feed.interval_minutes} min)")


@app.command("list")
def list_(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """Feeds with their last fetch time, status and last error."""
    from tidings.store import feeds as feed_store

    engine = open_engine(settings_of(ctx))
    with engine.connect() as conn:
        feeds = feed_store.list_feeds(conn)
    if as_json:
        for feed in feeds:
            print_json(feed)
        return
    table = Table("id", "title", "url", "every", "last fetch", "status", "last error or warnings")
    for f in feeds:
        fetched = f"{f.last_fetched_at:%Y-%m-%d %H:%M}" if f.last_fetched_at else "never"
        table.add_row(
            str(f.id), escape(f.title or ""), escape(f.url), f"{f.interval_minutes} min",
            fetched, f.last_status or "new", escape(f.last_error or f.last_warnings or ""),
        )
    console.print(table if feeds else "No feeds yet: add one with `tidings feeds add URL`.")


@app.command("remove")
def remove(ctx: typer.Context, feed: Annotated[str, typer.Argument(help="Feed id or URL.")]
           ) -> None:
    """Unsubscribe from a feed (its articles stay)."""
    from tidings.store import feeds as feed_store

    engine = open_engine(settings_of(ctx))
    with engine.connect() as conn:
        found = feed_store.find_feed(conn, feed)
    if found is None or not pipeline.unsubscribe(engine, found.id):
        fail(f"no such feed: {feed}")
    console.print(f"Removed feed {found.id}: {escape(found.url)}")


@app.command("import-opml")
def import_opml(ctx: typer.Context, file: Annotated[Path, typer.Argument(exists=True,
                dir_okay=False, readable=True)]) -> None:
    """Subscribe to the feeds listed in an OPML file (at most TIDINGS_MAX_OPML_FEEDS);
    each outline left out is listed with the reason."""
    from tidings.ingest.opml import OPMLError

    settings = settings_of(ctx)
    engine = open_engine(settings)
    try:
        result = pipeline.import_opml(engine, settings, file.read_bytes())
    except OPMLError as exc:
        fail(f"{file}: {exc}")
    for line in result.skipped:
        warn(line)
    console.print(f"Imported {len(result.added)} feeds ({len(result.skipped)} skipped).")


@app.command("export-opml")
def export_opml(ctx: typer.Context) -> None:
    """Print every feed as OPML 2.0."""
    typer.echo(pipeline.export_opml(open_engine(settings_of(ctx))))
