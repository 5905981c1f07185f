"""`tidings stories ...`: stories across outlets."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from tidings import pipeline
from tidings.cli.context import open_engine, parse_date_option, settings_of
from tidings.cli.output import console, fail, print_json, progress_steps

app = typer.Typer(help="List, export and rebuild stories.", no_args_is_help=True)


@app.command("list")
def list_(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 50,
    min_articles: Annotated[int, typer.Option(min=1, help="Leave out smaller stories.")] = 1,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """Stories, most recently active first."""
    from tidings.store import stories as story_store

    engine = open_engine(settings_of(ctx))
    with engine.connect() as conn:
        found = story_store.list_stories(conn, limit=limit, min_articles=min_articles)
    if as_json:
        for story in found:
            print_json(story)
        return
    table = Table("id", "articles", "outlets", "first seen", "first outlet", "title")
    for s in found:
        table.add_row(str(s.id), str(s.article_count), str(s.source_count),
                      f"{s.first_seen_at:%Y-%m-%d %H:%M}", escape(s.first_source),
                      escape(s.title))
    console.print(table if found else "No stories yet.")


@app.command("export")
def export(
    ctx: typer.Context,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="One JSON object per article.")] = True,
) -> None:
    """Each article's story: {"id": external id (else article id), "story": story id}."""
    from tidings.store import stories as story_store

    engine = open_engine(settings_of(ctx))
    with engine.connect() as conn:
        rows = story_store.articles_in_stories(conn)
    for article_id, external_id, story_id in rows:
        print_json({"id": external_id if external_id is not None else article_id,
                    "story": story_id})


@app.command("rebuild")
def rebuild(
    ctx: typer.Context,
    since: Annotated[str | None, typer.Option(help="Recluster from this date (YYYY-MM-DD); "
                                              "everything when left out.")] = None,
) -> None:
    """Recluster a window of articles from scratch, in publication order."""
    since_at = parse_date_option(since)
    settings = settings_of(ctx)
    engine = open_engine(settings)
    with progress_steps() as steps:
        report = pipeline.rebuild_stories(engine, settings, since=since_at,
                                          progress=steps("Clustering stories"))
    if report.busy:
        fail("another process is clustering right now; try again when it is done")
    console.print(f"Clustered {report.clustered} articles into {report.stories_created} new "
                  f"stories ({report.merged} merges, {report.duplicates} near-duplicates).")
