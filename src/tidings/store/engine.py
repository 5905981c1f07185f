"""Engine factory and migrations.

SQLite connections run in WAL mode with foreign keys on, a 10 s busy timeout and
``synchronous=NORMAL``. Every SQLite transaction starts with ``BEGIN IMMEDIATE`` (the recipe
from the SQLAlchemy pysqlite docs), so concurrent writers from several threads or processes wait
for the write lock instead of failing with "database is locked" half-way through; keep
transactions short.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, exc
from sqlalchemy.engine import URL, make_url

SCRIPT_LOCATION = Path(__file__).parent / "alembic"


class DatabaseError(Exception):
    """The database cannot be used; ``str()`` is a one-line message for a person."""


def make_engine(url: str) -> Engine:
    """An engine for ``url``, checked by opening one connection; raises DatabaseError."""
    parsed = _parse_url(url)
    if parsed.get_backend_name() == "sqlite":
        _create_parent_directory(parsed)
    try:
        engine = _create(parsed)
    except (exc.ArgumentError, exc.NoSuchModuleError, ImportError) as error:
        raise DatabaseError(
            f"unsupported database URL {_show(parsed)}: {_first_line(error)}"
        ) from error
    try:
        with engine.connect():
            pass
    except exc.DBAPIError as error:
        engine.dispose()
        raise DatabaseError(
            f"cannot open database {_show(parsed)}: {_first_line(error.orig)}"
        ) from error
    return engine


def migrate(engine: Engine) -> None:
    """Upgrade the schema to the newest migration; raises DatabaseError."""
    try:
        with engine.begin() as conn:
            command.upgrade(_alembic_config(conn), "head")
    except exc.DBAPIError as error:
        raise DatabaseError(
            f"cannot migrate database {_show(engine.url)}: {_first_line(error.orig)}"
        ) from error


def migration_state(engine: Engine) -> tuple[str | None, str]:
    """(revision the database is at or None when unmigrated, newest revision available)."""
    try:
        with engine.connect() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
            head = ScriptDirectory.from_config(_alembic_config(conn)).get_current_head()
    except exc.DBAPIError as error:
        raise DatabaseError(
            f"cannot read the schema version of {_show(engine.url)}: {_first_line(error.orig)}"
        ) from error
    if head is None:
        raise DatabaseError("no migrations found")
    return current, head


def _alembic_config(conn: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION).replace("%", "%%"))
    config.attributes["connection"] = conn
    return config


def _parse_url(url: str) -> URL:
    try:
        return make_url(url)
    except exc.ArgumentError as error:
        raise DatabaseError(f"malformed database URL {url!r}: {_first_line(error)}") from None


def _create(url: URL) -> Engine:
    if url.get_backend_name() != "sqlite":
        connect_args = {} if "connect_timeout" in url.query else {"connect_timeout": 10}
        return create_engine(url, pool_pre_ping=True, connect_args=connect_args)
    engine = create_engine(url)
    event.listen(engine, "connect", _on_sqlite_connect)
    event.listen(engine, "begin", _on_sqlite_begin)
    return engine


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy, not the sqlite3 module, decide when transactions start.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        for pragma in (
            "journal_mode=WAL",
            "foreign_keys=ON",
            "busy_timeout=10000",
            "synchronous=NORMAL",
        ):
            cursor.execute(f"PRAGMA {pragma}")
    finally:
        cursor.close()


def _on_sqlite_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def _create_parent_directory(url: URL) -> None:
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    try:
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DatabaseError(f"cannot create the directory for {database}: {error}") from error


def _show(url: URL) -> str:
    return url.render_as_string(hide_password=True)


def _first_line(error: BaseException | None) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__
