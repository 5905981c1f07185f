"""Commands that read: search, article, extract."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from tidings.cli.context import open_engine, parse_date_option, row_id, settings_of
from tidings.cli.enriching import enrichment_json
from tidings.cli.output import console, fail, print_json, warn
from tidings.model import ExtractedArticle


def search(
    ctx: typer.Context,
    query: str,
    source: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
    since: Annotated[str | None, typer.Option(help="Only from this date (YYYY-MM-DD).")] = None,
    limit: Annotated[int, typer.Option(min=1, max=500)] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """Full-text search, ranked, newest first among equals."""
    from tidings.search import MARK_END, MARK_START, SearchQueryError, search_articles

    since_at = parse_date_option(since)
    engine = open_engine(settings_of(ctx))
    with engine.connect() as conn:
        try:
            hits = search_articles(conn, query, source=source, since=since_at, limit=limit)
        except SearchQueryError as exc:
            fail(str(exc))
    if as_json:
        for hit in hits:
            a = hit.article
            print_json({"id": a.id, "title": a.title, "source": a.source, "url": a.url,
                        "published_at": a.published_at, "rank": hit.rank,
                        "snippet": hit.snippet.replace(MARK_START, "").replace(MARK_END, "")})
        return
    table = Table("id", "date", "source", "title")
    for hit in hits:
        a = hit.article
        table.add_row(str(a.id), f"{a.published_at:%Y-%m-%d}" if a.published_at else "",
                      escape(a.source), escape(a.title))
    console.print(table if hits else escape(f"No articles match {query!r}."))


def article(
    ctx: typer.Context,
    article_id: Annotated[int, typer.Argument(metavar="ID", callback=row_id)],
    as_json: Annotated[bool, typer.Option("--json", help="Every field as JSON.")] = False,
) -> None:
    """Show one stored article."""
    from tidings.store import articles as article_store
    from tidings.store import enrichment as enrichment_store

    engine = open_engine(settings_of(ctx))
    with engine.connect() as conn:
        found = article_store.get_article(conn, article_id)
        enrichment = enrichment_store.article_enrichment(conn, article_id)
    if found is None:
        fail(f"no article {article_id}")
    if as_json:
        print_json({**dataclasses.asdict(found), **enrichment_json(enrichment)})
        return
    # what came from the web is printed as text, never read as console markup
    console.print(f"[bold]{escape(found.title)}[/]", highlight=False)
    when = f" · {found.published_at:%Y-%m-%d %H:%M} UTC" if found.published_at else ""
    byline = f" · By {', '.join(found.authors)}" if found.authors else ""
    console.print(f"{found.source}{byline}{when}\n{found.url}\n", markup=False, highlight=False)
    if found.headline_only:
        console.print(f"[dim]Headline only: read it at {escape(found.source)}.[/]",
                      highlight=False)
    console.print(found.text, markup=False, highlight=False)
    if found.license:
        console.print(f"\n[dim]{escape(found.license)}[/]", highlight=False)


def extraction_json(path: str, page: ExtractedArticle) -> dict[str, Any]:
    """The `tidings extract` record for one page."""
    image = page.image
    return {
        "path": path,
        "url": page.url,
        "title": page.title,
        "text": page.text,
        "authors": list(page.authors),
        "published_at": page.published_at.isoformat() if page.published_at else None,
        "site_name": page.site_name,
        "image": {"url": image.url, "caption": image.caption, "credit": image.credit}
        if image else None,
        "lang": page.lang,
    }


def extract(
    files: Annotated[list[Path] | None, typer.Argument(help="HTML files (stdin when none).")
                     ] = None,
    url: Annotated[str | None, typer.Option(help="The pages' URL, to resolve links.")] = None,
) -> None:
    """Extract articles from HTML files, one JSON object per line; no database."""
    from tidings.extract.article import ExtractionError, extract_article

    sources: list[tuple[str, bytes]] = []
    failed = 0
    for file in files or []:
        try:
            sources.append((str(file), file.read_bytes()))
        except OSError as exc:
            warn(f"{file}: cannot read: {exc.strerror}")
            failed += 1
    if not files:
        sources.append(("-", sys.stdin.buffer.read()))
    for path, content in sources:
        try:
            page = extract_article(content, url)
        except ExtractionError as exc:
            warn(f"{path}: {exc}")
            failed += 1
            continue
        print_json(extraction_json(path, page))
    if failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command()(search)
    app.command()(article)
    app.command()(extract)

