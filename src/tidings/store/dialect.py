"""Dialect-specific statements: insert-or-ignore on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.dialects import postgresql, sqlite


def insert_ignore(
    conn: Connection, table: Table, rows: list[dict[str, Any]], *, conflict: list[str]
) -> int:
    """Insert ``rows``, skipping any that clash on the ``conflict`` columns; how many went in."""
    if not rows:
        return 0
    insert = sqlite.insert if conn.dialect.name == "sqlite" else postgresql.insert
    statement = insert(table).on_conflict_do_nothing(index_elements=conflict)
    return sum(1 for _ in conn.execute(statement.returning(table.c[conflict[0]]), rows))
