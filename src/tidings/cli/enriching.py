"""Commands over the enrichment stage: enrich, ask."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.markup import escape

from tidings.cli.context import open_engine, parse_date_option, row_id, settings_of
from tidings.cli.ingesting import show_errors
from tidings.cli.output import console, fail, print_json, progress_bar
from tidings.model import ArticleEnrichment


def enrichment_json(enrichment: ArticleEnrichment) -> dict[str, Any]:
    """The `summary`, `entities` and `quotes` fields of `tidings article ID --json`."""
    summary = enrichment.summary
    return {
        "summary": {"tldr": summary.tldr, "points": list(summary.points)} if summary else None,
        "entities": [{"id": e.id, "name": e.name, "type": e.type, "role": e.role,
                      "status": e.status} for e in enrichment.entities],
        "quotes": [{"speaker": q.speaker, "speaker_role": q.speaker_role, "text": q.text,
                    "entity_id": q.entity_id, "sentence_index": q.sentence_index}
                   for q in enrichment.quotes],
    }


def enrich(
    ctx: typer.Context,
    since: Annotated[
        str | None, typer.Option(help="Only articles published from this date (YYYY-MM-DD).")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Enrich again articles already enriched.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Find entities, roles, events, quotes and summaries in articles not enriched yet."""
    from tidings.pipeline.enriching import ModelMissingError, enrich_pending

    since_at = parse_date_option(since)
    settings = settings_of(ctx)
    engine = open_engine(settings)
    try:
        with progress_bar("Enriching", quiet=quiet) as progress:
            report = enrich_pending(engine, settings, since=since_at, force=force,
                                    progress=progress)
    except ModelMissingError as exc:
        fail(str(exc))
    show_errors(report.errors)
    show_errors(report.notes)
    merged = f", {report.merged} duplicate people merged" if report.merged else ""
    console.print(f"Enriched {report.enriched} articles ({report.failed} failed{merged}).")


def ask(
    ctx: typer.Context,
    item_id: Annotated[int, typer.Argument(metavar="ID", callback=row_id,
                                           help="Article id (story id with --story).")],
    question: Annotated[str, typer.Argument(help="The question, in quotes.")],
    story: Annotated[bool, typer.Option("--story", help="ID is a story id.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="The answer as JSON.")] = False,
) -> None:
    """Answer a question from an article (or a story) with the sentences it rests on."""
    from tidings.enrich.llm import open_llm
    from tidings.pipeline import questions

    settings = settings_of(ctx)
    engine = open_engine(settings)
    target = {"story_id": item_id} if story else {"article_id": item_id}
    try:
        with open_llm(settings) as llm:
            answer = questions.ask(engine, question, llm=llm, **target)
    except questions.NotFoundError as exc:
        fail(str(exc))
    if as_json:
        print_json({"question": question, "answer": answer.text,
                    "confident": answer.confident, "citations": answer.citations})
        return
    console.print(escape(answer.text), highlight=False)
    for c in answer.citations:
        where = escape(f"[article {c.article_id}, sentence {c.sentence_index}]")
        console.print(f"  [dim]{where}[/] {escape(c.sentence)}", highlight=False)


def register(app: typer.Typer) -> None:
    app.command()(enrich)
    app.command()(ask)
