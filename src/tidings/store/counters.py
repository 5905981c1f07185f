"""Counters added to by every process (`counters`): one row per name and label set."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import Connection, select

from tidings.store.dialect import upsert
from tidings.store.schema import counters

Key = tuple[str, str]
"""(name, labels): labels as "key=value,..." sorted by key, "" for none."""


def add_counts(conn: Connection, counts: Mapping[Key, float]) -> None:
    """Add each count to its counter (made at 0 the first time)."""
    rows = [{"name": name, "labels": labels, "value": value}
            for (name, labels), value in sorted(counts.items())]
    upsert(conn, counters, rows, conflict=["name", "labels"], add=["value"])


def read_counts(conn: Connection) -> dict[Key, float]:
    rows = conn.execute(select(counters.c.name, counters.c.labels, counters.c.value))
    return {(name, labels): value for name, labels, value in rows}
