"""Who appears with whom: entities named in the same articles (an entity's newest ones)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import combinations

from sqlalchemy import Connection, Subquery, func, select

from tidings.store.schema import article_entities, entities

NEIGHBOURS = 10
NEWEST = 1000
"""Articles of an entity read for its neighbourhood: its newest (by id, one range of
`ix_article_entities_entity_newest`), so a head of state's page reads as much as one for an
entity named 1,000 times (all of a head of state's 90,000 articles at 1M: seconds)."""


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
    conn: Connection, entity_id: int, name: str, kind: str, *, limit: int = NEIGHBOURS,
    newest: int = NEWEST,
) -> Neighbourhood:
    """The entities most often named alongside `entity_id` in its `newest` articles, and the
    links among them in those articles."""
    mine, theirs = article_entities.alias("mine"), article_entities.alias("theirs")
    recent = (select(mine.c.article_id).where(mine.c.entity_id == entity_id)
              .order_by(mine.c.article_id.desc()).limit(newest).subquery("recent"))
    shared = func.count().label("shared")
    statement = (
        select(entities.c.id, entities.c.name, entities.c.type, shared)
        .select_from(recent)
        .join(theirs, theirs.c.article_id == recent.c.article_id)
        .join(entities, entities.c.id == theirs.c.entity_id)
        .where(theirs.c.entity_id != entity_id)
        .group_by(entities.c.id, entities.c.name, entities.c.type)
        .order_by(shared.desc(), entities.c.name)
        .limit(limit)
    )
    companions = tuple(Companion(**row) for row in conn.execute(statement).mappings())
    return Neighbourhood(Companion(entity_id, name, kind, 0), companions,
                         _links(conn, recent, [c.id for c in companions]))


def _links(conn: Connection, recent: Subquery, ids: list[int]) -> tuple[tuple[int, int, int], ...]:
    """(entity, entity, articles naming both) of the companions `ids` in the `recent`
    articles, counted here from each article's companions (a self-join in SQL pairs every
    two names of every article first)."""
    if len(ids) < 2:
        return ()
    link = article_entities.alias("link")
    # By article, not by entity: `+ 0` keeps the planner off the index on entity_id, which
    # would read every article of every companion (a head of state's companions are too).
    statement = (select(link.c.article_id, link.c.entity_id)
                 .join(recent, recent.c.article_id == link.c.article_id)
                 .where((link.c.entity_id + 0).in_(ids)))
    named: dict[int, list[int]] = {}
    for article_id, entity_id in conn.execute(statement).all():
        named.setdefault(article_id, []).append(entity_id)
    pairs = Counter(pair for together in named.values()
                    for pair in combinations(sorted(together), 2))
    return tuple((a, b, n) for (a, b), n in sorted(pairs.items()))
