"""Commands that set up and run Tidings: init, doctor, serve."""

from __future__ import annotations

from typing import Annotated

import typer
import uvicorn
from sqlalchemy import text
from sqlalchemy.engine import make_url

from tidings.cli.context import open_engine, settings_of
from tidings.cli.output import console
from tidings.config import Settings
from tidings.server import create_app
from tidings.store import queue as queue_store
from tidings.store.engine import DatabaseError, make_engine, migration_state
from tidings.store.feeds import list_feeds


def shown_url(settings: Settings) -> str:
    """The database URL with any password hidden."""
    return make_url(settings.database_url).render_as_string(hide_password=True)


def init(ctx: typer.Context) -> None:
    """Create the database, or migrate it to the latest schema."""
    settings = settings_of(ctx)
    engine = open_engine(settings)
    current, _ = migration_state(engine)
    console.print(f"Database ready at {shown_url(settings)} (schema {current}).")


def _check(ok: bool, label: str, detail: str = "") -> bool:
    mark = "[green]✓[/]" if ok else "[red]✗[/]"
    console.print(f"{mark} {label}{': ' + detail if detail else ''}", highlight=False)
    return ok


def doctor(ctx: typer.Context) -> None:
    """Check the configuration, the database and its migrations; say what is wrong."""
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
        console.print(f"    {feed.url}: {feed.last_error}", highlight=False)
    queue = ", ".join(f"{n} {s}" for s, n in sorted(states.items())) or "empty"
    _check(True, "queue", queue)
    if not ok:
        raise typer.Exit(1)


def serve(
    ctx: typer.Context,
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
) -> None:
    """Serve the reader web UI and the JSON API."""
    settings = settings_of(ctx, host=host, port=port)
    open_engine(settings)
    console.print(f"Tidings at http://{settings.host}:{settings.port}/ (Ctrl-C stops)")
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port,
                log_level="warning")


def register(app: typer.Typer) -> None:
    app.command()(init)
    app.command()(doctor)
    app.command()(serve)
