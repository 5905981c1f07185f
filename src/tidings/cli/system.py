"""Commands that set up and run Tidings: init, doctor, serve."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from tidings.cli.context import open_engine, settings_of
from tidings.cli.output import console

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from tidings.config import Settings
    from tidings.store.invariants import Violation


def shown_url(settings: Settings) -> str:
    """The database URL with any password hidden."""
    from sqlalchemy.engine import make_url

    return make_url(settings.database_url).render_as_string(hide_password=True)


def init(ctx: typer.Context) -> None:
    """Create the database, or migrate it to the latest schema."""
    from tidings.store.engine import migration_state

    settings = settings_of(ctx)
    engine = open_engine(settings, create=True)
    current, _ = migration_state(engine)
    console.print(f"Database ready at {shown_url(settings)} (schema {current}).")


def _check(ok: bool, label: str, detail: str = "") -> bool:
    mark = "[green]✓[/]" if ok else "[red]✗[/]"
    console.print(f"{mark} {label}{': ' + detail if detail else ''}", highlight=False)
    return ok


def doctor(
    ctx: typer.Context,
    repair: Annotated[bool, typer.Option(
        "--repair", help="Fix what breaks the story invariants: recount stories, file again "
        "articles cut loose from theirs, lead merged ids to live stories, recount outlets; "
        "recount entities and merge duplicate people into the person they are.")
    ] = False,
) -> None:
    """Check the configuration, the database, its migrations, its stories and entities; say
    what is wrong (and exit 1)."""
    from sqlalchemy import text

    from tidings.pipeline.repair import check_stories
    from tidings.store import queue as queue_store
    from tidings.store.engine import DatabaseError, make_engine, migration_state
    from tidings.store.feeds import list_feeds

    settings = settings_of(ctx)
    _check(True, "settings", f"database {shown_url(settings)}")
    try:
        engine = make_engine(settings.database_url)
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        current, head = migration_state(engine)
    except DatabaseError as exc:
        _check(False, "database", str(exc))
        raise typer.Exit(1) from None
    ok = _check(True, "database reachable")
    if current != head:
        ok = _check(False, "migrations", f"at {current or 'empty'}, latest is {head}: "
                    "run `tidings init`")
        raise typer.Exit(1)
    _check(True, "migrations", f"at latest ({head})")
    with engine.connect() as conn:
        feeds = list_feeds(conn)
        states = queue_store.count_by_status(conn)
    failing = [f for f in feeds if f.last_status == "error"]
    ok &= _check(not failing, "feeds", f"{len(feeds)} subscribed, {len(failing)} failing")
    for feed in failing:
        console.print(f"    {feed.url}: {feed.last_error}", markup=False, highlight=False)
    queue = ", ".join(f"{n} {s}" for s, n in sorted(states.items())) or "empty"
    _check(True, "queue", queue)
    ok &= _repair_stories(engine, settings) if repair else _show_stories(check_stories(engine))
    ok &= _repair_entities(engine) if repair else _show_entities(engine)
    if not ok:
        raise typer.Exit(1)


def _show_stories(violations: list[Violation]) -> bool:
    """One line per story invariant, with a few examples of each breach."""
    for violation in violations:
        _check(not violation.count, "stories", f"{violation.count} {violation.description}")
        for example in violation.examples:
            console.print(f"    {example}", highlight=False)
    broken = any(v.count for v in violations)
    if broken:
        console.print("    run `tidings doctor --repair` to fix them", highlight=False)
    return not broken


def _repair_stories(engine: Engine, settings: Settings) -> bool:
    from tidings.pipeline.repair import repair_stories

    report = repair_stories(engine, settings)
    if report.busy:
        return _check(False, "stories", "another process is clustering: try again later")
    done = (f"{report.refiled} articles filed again ({report.clustering.clustered} clustered), "
            f"{report.copies_moved} copies moved to their original's story, "
            f"{report.recounted} stories recounted, {report.dropped} empty stories dropped, "
            f"{report.merges_repointed} merged ids mended, {report.comments_moved} comments "
            f"moved to live stories, {report.sources_recounted} outlets' counts mended")
    _check(True, "stories repaired", done)
    return _show_stories(report.left) if report.left else _check(True, "stories",
                                                                 "every invariant holds")


def _show_entities(engine: Engine) -> bool:
    """Entities no article backs, and people the coverage shows to be another."""
    from tidings.pipeline.entity_merging import check_entities

    found = check_entities(engine)
    ok = _check(not found.unnamed, "entities",
                f"{len(found.unnamed)} whose article count no article backs")
    for entity_id, name, count in found.unnamed[:EXAMPLES]:
        console.print(f"    entity {entity_id} {name!r}: {count} articles", markup=False,
                      highlight=False)
    ok &= _check(not found.duplicates, "entities",
                 f"{len(found.duplicates)} people the coverage shows to be another")
    for merge in found.duplicates[:EXAMPLES]:
        console.print(f"    {merge.merged.name!r} ({merge.merged.id}) is {merge.into.name!r} "
                      f"({merge.into.id}): {merge.why}", markup=False, highlight=False)
    if not ok:
        console.print("    run `tidings doctor --repair` to fix them", highlight=False)
    return ok


def _repair_entities(engine: Engine) -> bool:
    from tidings.pipeline.entity_merging import repair_entities

    recounted, report = repair_entities(engine)
    if report.busy:
        return _check(False, "entities", "another process is merging people: try again later")
    _check(True, "entities repaired", f"{recounted} recounted, {len(report.merged)} duplicate "
           f"people merged into the person they are")
    for done in report.merged[:EXAMPLES]:
        console.print(f"    {done.name!r} ({done.merged_id}) -> {done.into_name!r} "
                      f"({done.into_id})", markup=False, highlight=False)
    return _show_entities(engine)


EXAMPLES = 10


KEEP_ALIVE_SECONDS = 75
"""How long `tidings serve` keeps an idle connection open (nginx's own default). uvicorn's 5 s
is what clients' pools keep one idle for (httpx's keepalive_expiry): a client that sends on a
connection at the instant the server closes it gets no reply (httpx's RemoteProtocolError,
"Server disconnected without sending a response"). A proxy in front should keep its idle
upstream connections less long (nginx's upstream keepalive_timeout: 60 s)."""


def serve(
    ctx: typer.Context,
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
) -> None:
    """Serve the reader web UI and the JSON API."""
    settings = settings_of(ctx, host=host, port=port)
    open_engine(settings)  # a missing database fails in one line before the web app loads
    import uvicorn

    from tidings.server import create_app, freeze_start_up_objects

    app = create_app(settings)
    freeze_start_up_objects()
    console.print(f"Tidings at http://{settings.host}:{settings.port}/ (Ctrl-C stops)")
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning",
                timeout_keep_alive=KEEP_ALIVE_SECONDS, **proxy_options(settings))


def proxy_options(settings: Settings) -> dict[str, Any]:
    """uvicorn's proxy options: X-Forwarded-For/-Proto are believed only from the
    TIDINGS_TRUSTED_PROXIES addresses; with none (the default) they are ignored, so the
    client address (per-address login limits, comment limits) is the connecting peer's."""
    if not settings.trusted_proxies:
        return {"proxy_headers": False}
    return {"proxy_headers": True, "forwarded_allow_ips": list(settings.trusted_proxies)}


def register(app: typer.Typer) -> None:
    app.command()(init)
    app.command()(doctor)
    app.command()(serve)
