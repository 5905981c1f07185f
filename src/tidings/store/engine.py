"""Engine factory and migrations.

SQLite connections run in WAL mode with foreign keys on, a 10 s busy timeout (a ``timeout`` in
the URL, in seconds, replaces it: ``sqlite:///x.db?timeout=1``) and ``synchronous=NORMAL``.
Which kind of transaction SQLite starts follows from how it is opened (the begin-event recipe
from the SQLAlchemy pysqlite docs):

- ``engine.connect()`` and a first statement: a *read*. A deferred ``BEGIN`` under
  ``PRAGMA query_only``, so it never takes the write lock and never waits for a writer (WAL
  readers see the last commit); a write in it fails at once with "attempt to write a readonly
  database" instead of upgrading its lock half-way (which fails with "database is locked"
  only under load). A first statement sent as driver SQL (``exec_driver_sql``, as reflection
  and Alembic send theirs) tells no event it is one, so it begins a write: run a statement
  through ``execute()`` first (``migration_state`` does).
- ``engine.begin()`` (or ``conn.begin()``/``conn.begin_nested()`` before any statement): a
  *write*. ``BEGIN IMMEDIATE`` takes the write lock at once, so concurrent writers from several
  threads or processes queue for it (up to the busy timeout) instead of failing half-way
  through; keep these short. One that waits out the busy timeout raises SQLAlchemy's
  ``OperationalError`` ("database is locked"), as any failed statement does.

PostgreSQL transactions are left as the driver starts them (READ COMMITTED).
"""

from __future__ import annotations

import weakref
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, exc, select
from sqlalchemy.engine import URL, make_url

if TYPE_CHECKING:
    from alembic.config import Config

# Alembic is imported by the functions that check and migrate the schema, not here, so that
# importing the CLI (`tidings --help`) does not pay half a second for it.

SCRIPT_LOCATION = Path(__file__).parent / "alembic"


class DatabaseError(Exception):
    """The database cannot be used; ``str()`` is a one-line message for a person."""


def make_engine(url: str, *, create: bool = False) -> Engine:
    """An engine for ``url``, checked by opening one connection; raises DatabaseError.

    A SQLite file that does not exist yet is made (with its directory) only when ``create``;
    otherwise DatabaseError says there is no database there, so a mistyped path is never an
    empty new database.
    """
    parsed = _parse_url(url)
    if parsed.get_backend_name() == "sqlite":
        _check_sqlite_file(parsed, create=create)
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
    from alembic import command
    from alembic.util.exc import CommandError

    try:
        with engine.begin() as conn:
            command.upgrade(_alembic_config(conn), "head")
    except exc.DBAPIError as error:
        raise DatabaseError(
            f"cannot migrate database {_show(engine.url)}: {_first_line(error.orig)}"
        ) from error
    except CommandError as error:  # e.g. a revision newer than this Tidings knows
        raise DatabaseError(
            f"cannot migrate database {_show(engine.url)}: {_first_line(error)}"
        ) from error


def require_schema(engine: Engine) -> None:
    """Migrate a Tidings database to the newest schema; refuse one that has none (a new or
    foreign database), pointing at ``tidings init``. Raises DatabaseError."""
    current, head = migration_state(engine)
    if current is None:
        raise DatabaseError(
            f"{_show(engine.url)} is not a Tidings database (no schema): "
            "create it with `tidings init`, or check --database-url / TIDINGS_DATABASE_URL"
        )
    if current != head:
        migrate(engine)


def migration_state(engine: Engine) -> tuple[str | None, str]:
    """(revision the database is at or None when unmigrated, newest revision available)."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    try:
        with engine.connect() as conn:
            conn.execute(select(1))  # a read: Alembic's driver SQL alone would begin a write
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
    from alembic.config import Config

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
    pragmas = [p for p in SQLITE_PRAGMAS if "timeout" not in url.query or "busy" not in p]
    event.listen(engine, "connect", partial(_on_sqlite_connect, pragmas))
    event.listen(engine, "before_execute", _on_sqlite_execute)
    event.listen(engine, "begin", _on_sqlite_begin)
    return engine


# Connections whose transaction is about to be begun by a statement (autobegin): reads.
_beginning_a_read: weakref.WeakSet[Connection] = weakref.WeakSet()


SQLITE_PRAGMAS = ("journal_mode=WAL", "foreign_keys=ON", "busy_timeout=10000",
                  "synchronous=NORMAL")
"""Set on every SQLite connection (the busy timeout unless the URL gives a ``timeout``, which
the driver sets)."""


def _on_sqlite_connect(pragmas: list[str], dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy, not the sqlite3 module, decide when transactions start.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        for pragma in pragmas:
            cursor.execute(f"PRAGMA {pragma}")
    finally:
        cursor.close()


def _on_sqlite_execute(conn: Connection, *_args: Any) -> None:
    # A statement on a connection with no transaction: SQLAlchemy autobegins one right after
    # this event, and the "begin" event below then knows it is a read.
    if not conn.in_transaction():
        _beginning_a_read.add(conn)


def _on_sqlite_begin(conn: Connection) -> None:
    driver = conn.connection.driver_connection
    assert driver is not None
    if conn in _beginning_a_read:
        _beginning_a_read.discard(conn)
        statements = ("PRAGMA query_only=ON", "BEGIN")
    else:
        statements = ("PRAGMA query_only=OFF", "BEGIN IMMEDIATE")
    driver_error = conn.dialect.loaded_dbapi.Error
    for statement in statements:
        try:
            driver.execute(statement)
        except driver_error as error:
            # Raised in this event, the driver's own error would pass SQLAlchemy unwrapped (a
            # BEGIN IMMEDIATE that waited out the busy timeout: "database is locked").
            raise exc.DBAPIError.instance(statement, None, error, driver_error) from error


def _check_sqlite_file(url: URL, *, create: bool) -> None:
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database)
    if path.exists():
        return
    if not create:
        raise DatabaseError(
            f"no database at {database}: create it with `tidings init`, "
            "or check --database-url / TIDINGS_DATABASE_URL"
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DatabaseError(f"cannot create the directory for {database}: {error}") from error


def _show(url: URL) -> str:
    return url.render_as_string(hide_password=True)


def _first_line(error: BaseException | None) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__
