"""What the synthetic database's writer processes share: their engine and their turns at
SQLite's write lock."""

from __future__ import annotations

import multiprocessing
import sqlite3
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, event
from sqlalchemy.exc import OperationalError

from tidings.store.engine import make_engine

T = TypeVar("T")


def bulk_engine(url: str) -> Engine:
    engine = make_engine(url)
    if engine.dialect.name == "sqlite":  # index pages of a million rows outgrow the 2 MB default
        event.listen(engine, "connect", lambda dbapi, _: dbapi.execute("PRAGMA cache_size=-262144"))
    return engine


def written(engine: Engine, work: Callable[[Connection], T]) -> T:
    """`work` in a write transaction, begun again while SQLite's write lock stays taken by
    another writer past the busy timeout (nothing is written before the lock is held)."""
    while True:
        try:
            with engine.begin() as conn:
                return work(conn)
        except (OperationalError, sqlite3.OperationalError) as error:  # BEGIN IMMEDIATE's own
            if "database is locked" not in str(error):
                raise


def run_writers(target: Callable[..., None], parts: Sequence[tuple[Any, ...]], failed: str
                ) -> None:
    """`target(*part)` in one forked process a part, all at once (what they share is forked,
    not sent); `SystemExit(failed)` if any of them fails."""
    fork = multiprocessing.get_context("fork")
    processes = [fork.Process(target=target, args=part) for part in parts]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    if any(process.exitcode for process in processes):
        raise SystemExit(failed)
