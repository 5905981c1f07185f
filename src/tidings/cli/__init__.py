"""The `tidings` command: thin commands over the pipeline, storage and search."""

from __future__ import annotations

import logging
import sys
from typing import Annotated

import typer

from tidings.cli import (
    demo,
    digests,
    enriching,
    feeds,
    ingesting,
    reading,
    stories,
    system,
    users,
    working,
)
from tidings.cli.output import print_error

app = typer.Typer(
    help="Tidings: a self-hosted news aggregator.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)
app.add_typer(feeds.app, name="feeds")
app.add_typer(stories.app, name="stories")
app.add_typer(users.app, name="users")
app.add_typer(digests.app, name="digests")
system.register(app)
ingesting.register(app)
reading.register(app)
demo.register(app)
enriching.register(app)
working.register(app)


@app.callback()
def global_options(
    ctx: typer.Context,
    database_url: Annotated[
        str | None,
        typer.Option(help="Database URL (overrides TIDINGS_DATABASE_URL).", show_default=False),
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what happens.")] = False,
) -> None:
    """Options for every command; any setting can also come from a TIDINGS_* variable."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s %(message)s")
    ctx.obj = {"database_url": database_url} if database_url else {}


def main() -> None:
    try:
        app()
    except Exception as error:
        # Only a command that loaded SQLAlchemy can have raised its error: looked up, not
        # imported, so `tidings --help` does not load it.
        errors = sys.modules.get("sqlalchemy.exc")
        if errors is None or not isinstance(error, errors.OperationalError):
            raise
        reason = (str(error.orig).strip().splitlines() or [type(error.orig).__name__])[0]
        print_error(f"the database cannot be used now ({reason}): try again in a few seconds")
        sys.exit(1)
