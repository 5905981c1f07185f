"""Dialect-specific statements: insert-or-ignore and upsert on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.dialects import postgresql, sqlite


def _insert(conn: Connection, table: Table) -> sqlite.Insert | postgresql.Insert:
    return sqlite.insert(table) if conn.dialect.name == "sqlite" else postgresql.insert(table)


def insert_ignore(
    conn: Connection, table: Table, rows: list[dict[str, Any]], *, conflict: list[str]
) -> int:
    """Insert ``rows``, skipping any that clash on the ``conflict`` columns; how many went in."""
    if not rows:
        return 0
    statement = _insert(conn, table).on_conflict_do_nothing(index_elements=conflict)
    return sum(1 for _ in conn.execute(statement.returning(table.c[conflict[0]]), rows))


def upsert(conn: Connection, table: Table, rows: Sequence[dict[str, Any]], *,
           conflict: list[str], add: Sequence[str] = ()) -> None:
    """Insert ``rows``, updating in place any that clash on the ``conflict`` columns: their
    other columns take the new values, those named in ``add`` are added to the stored ones.

    The row is never deleted, so nothing that references it (``ON DELETE SET NULL`` or
    ``CASCADE``) is touched. Every row must have the same keys.
    """
    if not rows:
        return
    statement = _insert(conn, table)
    changed = {name: table.c[name] + statement.excluded[name] if name in add
               else statement.excluded[name] for name in rows[0] if name not in conflict}
    conn.execute(statement.on_conflict_do_update(index_elements=conflict, set_=changed),
                 list(rows))
