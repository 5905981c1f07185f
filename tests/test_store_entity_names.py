"""An entity's stored name and aliases as articles name it differently (both databases)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine, select

from tidings.store.entities import EntityMention, ensure_entities
from tidings.store.schema import entities

NOW = datetime(2026, 12, 1, tzinfo=UTC)


def _place(name: str, *names: str) -> EntityMention:
    return EntityMention(key="place:united states", name=name, type="GPE",
                         names=(name, *names), lookup_keys=(), mentions=1)


def _stored(engine: Engine) -> tuple[str, list[str]]:
    with engine.connect() as conn:
        row = conn.execute(select(entities.c.name, entities.c.aliases)).one()
    return row.name, list(row.aliases)


def test_the_name_that_spells_the_key_replaces_a_short_form_seen_first(engine: Engine):
    with engine.begin() as conn:
        ensure_entities(conn, [_place("America")], now=NOW)
    assert _stored(engine) == ("America", [])
    with engine.begin() as conn:
        ensure_entities(conn, [_place("United States", "US")], now=NOW)
    name, aliases = _stored(engine)
    assert name == "United States" and set(aliases) == {"America", "US"}
    with engine.begin() as conn:  # a later short form is an alias, never the name again
        ensure_entities(conn, [_place("USA")], now=NOW)
    name, aliases = _stored(engine)
    assert name == "United States" and set(aliases) == {"America", "US", "USA"}


def test_a_first_name_that_spells_the_key_stays(engine: Engine):
    with engine.begin() as conn:
        ensure_entities(conn, [_place("United States")], now=NOW)
        ensure_entities(conn, [_place("America")], now=NOW)
    assert _stored(engine) == ("United States", ["America"])
