"""SQLite and PostgreSQL database fixtures (owned by the storage work).

Fixtures:

- ``db_url`` (str): the SQLAlchemy URL of a fresh, *empty* database. Parametrised over
  ``sqlite`` (a file in ``tmp_path``) and ``postgresql`` (a new database created on the server
  of ``TIDINGS_TEST_POSTGRES_URL`` and dropped after the test), so every test using it runs on
  both. Without ``TIDINGS_TEST_POSTGRES_URL`` the postgresql runs are skipped, unless ``CI`` is
  set: then they fail, since CI must not skip silently. The postgresql runs carry the
  ``postgres`` marker (``-m "not postgres"`` deselects them).
- ``fresh_database(request, kind, folder)``: the same as a context manager, for fixtures of
  a wider scope (parametrise them with ``DB_KINDS``).
- ``engine`` (sqlalchemy.Engine): ``make_engine(db_url, create=True)`` migrated to the newest
  revision; disposed after the test. Use ``with engine.begin() as conn`` with the store functions.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine

from tidings.store.engine import make_engine, migrate
from tidings.store.scratch import scratch_database

POSTGRES_ENV = "TIDINGS_TEST_POSTGRES_URL"


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[Engine]:
    """An AUTOCOMMIT engine on the test server's maintenance database."""
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        reason = f"{POSTGRES_ENV} is not set: no PostgreSQL server to test against"
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (CI is set, so this is an error, not a skip)")
        pytest.skip(reason)
    server = create_engine(url, isolation_level="AUTOCOMMIT", pool_pre_ping=True)
    yield server
    server.dispose()


DB_KINDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@contextmanager
def fresh_database(request: pytest.FixtureRequest, kind: str, folder: Path) -> Iterator[str]:
    """The URL of a new, empty database of `kind`: a SQLite file in `folder`, or a database
    created on the test PostgreSQL server and dropped afterwards."""
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'tidings.db'}"
        return
    server: Engine = request.getfixturevalue("postgres_server")
    with scratch_database(server.url.render_as_string(hide_password=False), "tidings_t") as url:
        yield url


@pytest.fixture(params=DB_KINDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with fresh_database(request, request.param, tmp_path) as url:
        yield url


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url, create=True)
    migrate(engine)
    yield engine
    engine.dispose()
