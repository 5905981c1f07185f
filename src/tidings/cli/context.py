"""What every command needs: the settings (environment plus flags) and a migrated engine."""

from __future__ import annotations

from typing import Any

import typer
from pydantic import ValidationError
from sqlalchemy import Engine

from tidings.cli.output import fail
from tidings.config import Settings
from tidings.store.engine import DatabaseError, make_engine, migrate


def settings_of(ctx: typer.Context, **overrides: Any) -> Settings:
    """The settings for this command: TIDINGS_* variables, then global flags, then overrides."""
    values = {**(ctx.obj or {}), **{k: v for k, v in overrides.items() if v is not None}}
    try:
        return Settings(**values)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
        )
        fail(f"invalid settings: {problems}")


def open_engine(settings: Settings, *, migrated: bool = True) -> Engine:
    """An engine on the configured database, migrated to the latest schema."""
    try:
        engine = make_engine(settings.database_url)
        if migrated:
            migrate(engine)
    except DatabaseError as exc:
        fail(str(exc))
    return engine
