"""What every command needs: the settings (environment plus flags) and a migrated engine.

The settings (pydantic) and storage (SQLAlchemy) load when a command asks for them here, not
when the CLI starts: `tidings --help` needs neither.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import typer

from tidings.cli.output import fail
from tidings.ids import MAX_ROW_ID, is_row_id

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from tidings.config import Settings

NoEnrich = Annotated[bool, typer.Option(
    "--no-enrich", help="Store and cluster only; enrich later with `tidings enrich` (or the "
    "workers). The same as TIDINGS_ENRICH=false for this run.")]
"""Pass `enrich=False if no_enrich else None` to `settings_of`: without the flag the
TIDINGS_ENRICH setting decides."""


def settings_of(ctx: typer.Context, **overrides: Any) -> Settings:
    """The settings for this command: TIDINGS_* variables, then global flags, then overrides."""
    from pydantic import ValidationError

    from tidings.config import Settings

    values = {**(ctx.obj or {}), **{k: v for k, v in overrides.items() if v is not None}}
    try:
        return Settings(**values)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
        )
        fail(f"invalid settings: {problems}")


def parse_date_option(value: str | None, name: str = "--since") -> datetime | None:
    """An ISO date or datetime given on the command line (UTC), or a clear error."""
    if not value:
        return None
    from tidings.ingest.files import parse_timestamp

    try:
        return parse_timestamp(value)
    except ValueError as exc:
        fail(f"{name}: {exc}")


def row_id(value: int) -> int:
    """Typer callback for an id argument: a one-line error unless it can name a row."""
    if not is_row_id(value):
        fail(f"{value} is not an id (ids run from 1 to {MAX_ROW_ID})")
    return value


def open_engine(settings: Settings, *, create: bool = False) -> Engine:
    """An engine on the configured database, migrated to the latest schema.

    Only ``create`` (``init`` and ``demo``) makes a new database or the schema in an empty
    one; every other command refuses a missing or unmigrated database with a one-line hint,
    so a mistyped path never "works" on an empty database.
    """
    from tidings.store.engine import DatabaseError, make_engine, migrate, require_schema

    try:
        engine = make_engine(settings.database_url, create=create)
        if create:
            migrate(engine)
        else:
            require_schema(engine)
    except DatabaseError as exc:
        fail(str(exc))
    return engine
