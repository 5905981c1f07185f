"""Commands that bring articles in: ingest, fetch, import, import-html, import-warc."""

from __future__ import annotations

import signal
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from tidings import pipeline
from tidings.cli.context import NoEnrich, open_engine, settings_of
from tidings.cli.output import console, fail, progress_steps, warn
from tidings.cli.working import become

if TYPE_CHECKING:
    from tidings.model import IngestReport
    from tidings.pipeline import FollowUpReport, ImportReport

MAX_ERRORS_SHOWN = 20


def show_errors(errors: list[str] | tuple[str, ...]) -> None:
    for line in errors[:MAX_ERRORS_SHOWN]:
        warn(line)
    if len(errors) > MAX_ERRORS_SHOWN:
        warn(f"... and {len(errors) - MAX_ERRORS_SHOWN} more errors")


def show_follow_up(report: FollowUpReport) -> None:
    """What enrichment could not do, or did only in part, for what came in."""
    show_errors(report.enrichment.errors)
    show_errors(report.enrichment.notes)


def summarise(report: IngestReport) -> None:
    show_errors(report.warnings)
    show_errors(report.errors)
    headlines = f" ({report.headline_only} headline only)" if report.headline_only else ""
    console.print(
        f"Polled {report.feeds_polled} feeds ({report.feeds_failed} failed), "
        f"queued {report.items_queued} items: {report.articles_created} new articles"
        f"{headlines}, {report.duplicates} duplicates, {report.items_failed} failed."
    )


def ingest(
    ctx: typer.Context,
    once: Annotated[bool, typer.Option("--once", help="Poll due feeds once, then exit.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars.")] = False,
    no_enrich: NoEnrich = False,
) -> None:
    """Poll feeds, fetch new items, extract and store them (forever unless --once). With
    TIDINGS_BROKER_URL set, send the due work to the workers instead (as `tidings scheduler`
    does)."""
    settings = settings_of(ctx, enrich=False if no_enrich else None)
    engine = open_engine(settings)
    if settings.broker_url:  # the CLI never imports the worker package: become the scheduler
        become(settings.database_url, ["-m", "tidings.worker", *(["--once"] if once else [])],
               enrich=settings.enrich)
    if once:
        with progress_steps(quiet=quiet) as steps:
            report = pipeline.ingest_once(engine, settings, steps=steps)
        summarise(report)
        return
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    console.print("Ingesting on each feed's schedule; Ctrl-C stops.")
    try:
        pipeline.run_forever(engine, settings, stop, summarise)
    except KeyboardInterrupt:
        stop.set()


def fetch(
    ctx: typer.Context,
    urls: Annotated[list[str], typer.Argument(help="Article page URLs.")],
    no_enrich: NoEnrich = False,
) -> None:
    """Fetch, extract and store single article pages."""
    settings = settings_of(ctx, enrich=False if no_enrich else None)
    engine = open_engine(settings)
    with pipeline.open_fetcher(settings) as fetcher, progress_steps() as steps:
        outcomes = pipeline.fetch_urls(engine, settings, fetcher, urls,
                                       progress=steps("Fetching"))
        follow_up = pipeline.follow_up(engine, settings, steps=steps)
    show_follow_up(follow_up)
    for outcome in outcomes:
        if outcome.result is None:
            warn(outcome.error or outcome.url)
        else:
            state = ("new" if outcome.result.created else
                     "headline-only article completed" if outcome.result.upgraded else
                     "already stored")
            console.print(f"{escape(outcome.url)} -> article {outcome.result.article_id} "
                          f"({state})")
        for warning in outcome.warnings:
            warn(f"{outcome.url}: {warning}")
    if any(o.result is None for o in outcomes):
        raise typer.Exit(1)


def finish_import(report: ImportReport) -> None:
    show_errors(report.errors)
    headlines = f" ({report.headline_only} headline only)" if report.headline_only else ""
    upgraded = f" ({report.upgraded} headline-only now complete)" if report.upgraded else ""
    console.print(
        f"Imported {report.created} new articles{headlines}, {report.duplicates} duplicates"
        f"{upgraded}, {len(report.errors)} skipped."
    )


ExistingFile = Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)]


def import_(ctx: typer.Context, file: ExistingFile, no_enrich: NoEnrich = False) -> None:
    """Import already-extracted articles from JSON Lines (.jsonl or .jsonl.gz)."""
    settings = settings_of(ctx, enrich=False if no_enrich else None)
    engine = open_engine(settings)
    with progress_steps() as steps:
        report = pipeline.import_records(engine, file, progress=steps(f"Importing {file.name}"))
        follow_up = pipeline.follow_up(engine, settings, steps=steps)
    show_follow_up(follow_up)
    finish_import(report)


def import_html(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(exists=True, help="A folder of saved pages, or one.")],
    no_enrich: NoEnrich = False,
) -> None:
    """Import saved HTML pages (.html, .htm, .html.gz) from a folder."""
    settings = settings_of(ctx, enrich=False if no_enrich else None)
    engine = open_engine(settings)
    with progress_steps() as steps:
        report = pipeline.import_html(engine, path, progress=steps(f"Importing {path.name}"))
        follow_up = pipeline.follow_up(engine, settings, steps=steps)
    show_follow_up(follow_up)
    finish_import(report)


def import_warc(ctx: typer.Context, file: ExistingFile, no_enrich: NoEnrich = False) -> None:
    """Import the HTML responses of a WARC file."""
    settings = settings_of(ctx, enrich=False if no_enrich else None)
    engine = open_engine(settings)
    with progress_steps() as steps:
        report = pipeline.import_warc(engine, file, progress=steps(f"Importing {file.name}"))
        follow_up = pipeline.follow_up(engine, settings, steps=steps)
    if report.created + report.duplicates == 0 and report.errors:
        show_errors(report.errors)
        fail(f"{file}: no pages could be imported")
    show_follow_up(follow_up)
    finish_import(report)


def register(app: typer.Typer) -> None:
    app.command()(ingest)
    app.command()(fetch)
    app.command("import")(import_)
    app.command("import-html")(import_html)
    app.command("import-warc")(import_warc)
