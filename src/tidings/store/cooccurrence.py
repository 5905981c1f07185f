"""Who appears with whom: entities named in the same articles."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, func, select

from tidings.store.schema import article_entities, entities

NEIGHBOURS = 10


@dataclass(frozen=True)
class Companion:
    """An entity named in the same articles as the centre one."""

    id: int
    name: str
    type: str
    shared: int
    """Articles naming both."""


@dataclass(frozen=True)
class Neighbourhood:
    centre: Companion
    companions: tuple[Companion, ...]
    links: tuple[tuple[int, int, int], ...]
    """(entity id, entity id, shared articles) between two companions."""


def neighbourhood(
    conn: Connection, entity_id: int, name: str, kind: str, *, limit: int = NEIGHBOURS
) -> Neighbourhood:
    """The entities most often named alongside `entity_id`, and the links among them."""
    mine, theirs = article_entities.alias("mine"), article_entities.alias("theirs")
    shared = func.count().label("shared")
    statement = (
        select(entities.c.id, entities.c.name, entities.c.type, shared)
        .select_from(mine)
        .join(theirs, theirs.c.article_id == mine.c.article_id)
        .join(entities, entities.c.id == theirs.c.entity_id)
        .where(mine.c.entity_id == entity_id, theirs.c.entity_id != entity_id)
        .group_by(entities.c.id, entities.c.name, entities.c.type)
        .order_by(shared.desc(), entities.c.name)
        .limit(limit)
    )
    companions = tuple(Companion(**row) for row in conn.execute(statement).mappings())
    return Neighbourhood(
        Companion(entity_id, name, kind, 0), companions, _links(conn, [c.id for c in companions])
    )


def _links(conn: Connection, ids: list[int]) -> tuple[tuple[int, int, int], ...]:
    if len(ids) < 2:
        return ()
    one, other = article_entities.alias("one"), article_entities.alias("other")
    statement = (
        select(one.c.entity_id, other.c.entity_id, func.count())
        .select_from(one)
        .join(other, other.c.article_id == one.c.article_id)
        .where(one.c.entity_id.in_(ids), other.c.entity_id.in_(ids),
               one.c.entity_id < other.c.entity_id)
        .group_by(one.c.entity_id, other.c.entity_id)
    )
    return tuple((a, b, n) for a, b, n in conn.execute(statement).all())
