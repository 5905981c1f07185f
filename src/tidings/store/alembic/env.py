"""Alembic environment: migrates the connection handed over by ``tidings.store.engine``.

Run outside Tidings (``alembic -c ...``), it opens ``Settings().database_url`` instead.
"""

from __future__ import annotations

from typing import Any

from alembic import context
from sqlalchemy import Connection

from tidings.config import get_settings
from tidings.store.engine import make_engine
from tidings.store.schema import FULL_TEXT_OBJECTS, metadata


def include_object(
    _object: Any, name: str | None, _type: str, reflected: bool, _compare_to: Any
) -> bool:
    """Keep autogenerate from dropping the dialect-specific full-text objects."""
    return not (reflected and name in FULL_TEXT_OBJECTS)


def run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        include_object=include_object,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        run_migrations(connection)
        return
    engine = make_engine(get_settings().database_url, create=True)
    try:
        with engine.begin() as conn:
            run_migrations(conn)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (--sql) migrations are not supported")
run_migrations_online()
