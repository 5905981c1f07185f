"""Engine factory, migrations and error messages (SQLite and PostgreSQL)."""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from tidings.store.engine import (
    SCRIPT_LOCATION,
    DatabaseError,
    make_engine,
    migrate,
    migration_state,
    require_schema,
)
from tidings.store.feeds import add_feed, get_feed
from tidings.store.schema import FULL_TEXT_OBJECTS, metadata

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
VERSIONS = Path(__file__).resolve().parent.parent / "src/tidings/store/alembic/versions"


def test_migrate_from_empty(db_url):
    engine = make_engine(db_url, create=True)
    try:
        current, head = migration_state(engine)
        assert current is None
        assert head == sorted(VERSIONS.glob("0*.py"))[-1].name.split("_")[0]
        migrate(engine)
        assert migration_state(engine) == (head, head)
        migrate(engine)  # a second run is a no-op
        tables = set(inspect(engine).get_table_names())
        assert {"feeds", "articles", "article_urls", "queue_items", "alembic_version"} <= tables
    finally:
        engine.dispose()


def test_schema_module_matches_the_migrations(engine):
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        differences = compare_metadata(context, metadata)
    remaining = [d for d in differences if _name(d) not in FULL_TEXT_OBJECTS]
    assert remaining == []


def _name(difference):
    return getattr(difference[-1], "name", None)


def test_full_text_index_per_dialect(engine):
    inspector = inspect(engine)
    if engine.dialect.name == "sqlite":
        assert "articles_fts" in inspector.get_table_names()
    else:
        columns = {column["name"] for column in inspector.get_columns("articles")}
        assert "search_vector" in columns
        indexes = {index["name"] for index in inspector.get_indexes("articles")}
        assert "ix_articles_search_vector" in indexes


def test_sqlite_connection_settings(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'deep' / 'dir' / 'x.db'}", create=True)
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10000
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
    finally:
        engine.dispose()
    assert (tmp_path / "deep" / "dir" / "x.db").exists()


def test_datetimes_round_trip_as_aware_utc(engine):
    paris = timezone(timedelta(hours=1))
    local = datetime(2025, 3, 1, 13, 30, 15, 123456, tzinfo=paris)
    with engine.begin() as conn:
        feed = add_feed(conn, "http://example.com/f", title=None, interval_minutes=5, now=local)
    with engine.connect() as conn:
        stored = get_feed(conn, feed.id)
    assert stored is not None
    assert stored.created_at == local
    assert stored.created_at.tzinfo == UTC
    assert stored.created_at.hour == 12


def test_naive_datetime_is_refused(engine):
    with pytest.raises(Exception, match="naive datetime"), engine.begin() as conn:
        add_feed(conn, "http://e/f", title=None, interval_minutes=5, now=datetime(2025, 1, 1))


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("foo://", "unsupported database URL"),
        ("not a url", "malformed database URL"),
        ("postgresql+nosuchdriver://u@h/db", "unsupported database URL"),
        ("postgresql+psycopg://nobody@127.0.0.1:1/x", "cannot open database"),
    ],
)
def test_database_error_messages(url, message):
    with pytest.raises(DatabaseError, match=message) as info:
        make_engine(url)
    assert "\n" not in str(info.value)


def test_unreachable_server_hides_password():
    with pytest.raises(DatabaseError) as info:
        make_engine("postgresql+psycopg://nobody:s3cret@127.0.0.1:1/x")
    assert "s3cret" not in str(info.value)


def test_sqlite_path_under_a_file(tmp_path):
    (tmp_path / "file").write_text("not a directory")
    with pytest.raises(DatabaseError, match="cannot create the directory") as info:
        make_engine(f"sqlite:///{tmp_path / 'file' / 'sub' / 'x.db'}", create=True)
    assert "\n" not in str(info.value)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_sqlite_path(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(DatabaseError, match="cannot") as info:
            make_engine(f"sqlite:///{locked / 'sub' / 'x.db'}", create=True)
        assert "\n" not in str(info.value)
        with pytest.raises(DatabaseError, match="cannot open database"):
            make_engine(f"sqlite:///{locked / 'x.db'}", create=True)
    finally:
        locked.chmod(stat.S_IRWXU)


def test_sqlite_write_transactions_take_the_lock_at_begin(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}", create=True)
    try:
        with engine.begin() as conn:
            assert conn.exec_driver_sql("SELECT 1").scalar() == 1
            # BEGIN IMMEDIATE already holds the write lock: a second writer cannot begin.
            other = engine.raw_connection()
            try:
                other.execute("PRAGMA busy_timeout=0")
                with pytest.raises(Exception, match="locked"):
                    other.execute("BEGIN IMMEDIATE")
            finally:
                other.close()
            conn.execute(text("CREATE TABLE t (x INTEGER)"))
    finally:
        engine.dispose()


def test_make_engine_creates_a_sqlite_file_only_when_asked(tmp_path):
    path = tmp_path / "typo" / "x.db"
    with pytest.raises(DatabaseError, match=r"no database at .*tidings init") as info:
        make_engine(f"sqlite:///{path}")
    assert "\n" not in str(info.value)
    assert not path.parent.exists()
    make_engine(f"sqlite:///{path}", create=True).dispose()
    assert path.exists()
    make_engine(f"sqlite:///{path}").dispose()


def test_require_schema_refuses_an_empty_database_and_migrates_a_tidings_one(db_url):
    engine = make_engine(db_url, create=True)
    try:
        with pytest.raises(DatabaseError, match=r"not a Tidings database.*tidings init"):
            require_schema(engine)
        assert migration_state(engine)[0] is None  # refusing changed nothing
        with engine.begin() as conn:
            config = Config()
            config.set_main_option("script_location", str(SCRIPT_LOCATION))
            config.attributes["connection"] = conn
            command.upgrade(config, "0001")
        require_schema(engine)  # an older Tidings schema is brought up to date
        current, head = migration_state(engine)
        assert current == head
    finally:
        engine.dispose()


def test_a_newer_schema_than_this_tidings_is_a_clear_error(engine):
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(DatabaseError, match=r"cannot migrate.*9999") as info:
        require_schema(engine)
    assert "\n" not in str(info.value)
