"""Who appears with whom: entities named in the same articles (an entity's newest ones)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import combinations

from sqlalchemy import Connection, Subquery, func, select

from tidings.store.entities import CHUNK
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
    mine = article_entities.alias("mine")
    recent = (select(mine.c.article_id).where(mine.c.entity_id == entity_id)
              .order_by(mine.c.article_id.desc()).limit(newest).subquery("recent"))
    companions = _companions(conn, recent, entity_id, limit)
    return Neighbourhood(Companion(entity_id, name, kind, 0), companions,
                         _links(conn, recent, [c.id for c in companions]))


def newest_article(conn: Connection, entity_id: int) -> int | None:
    """The id of the newest article naming `entity_id` (one seek of
    `ix_article_entities_entity_newest`): its neighbourhood changes when this does."""
    return conn.execute(select(func.max(article_entities.c.article_id))
                        .where(article_entities.c.entity_id == entity_id)).scalar()


def _companions(conn: Connection, recent: Subquery, entity_id: int, limit: int
                ) -> tuple[Companion, ...]:
    """The `limit` entities but `entity_id` in the most of the `recent` articles, by name
    (code point order) among equals. Counted by entity id alone, then named: only those whose
    count reaches the `limit`th come back and are read from `entities` (grouping by the
    joined names read an entity row for each of a head of state's 16,000 mentions in 1,000
    articles, and PostgreSQL hashed the whole table for it)."""
    theirs = article_entities.alias("theirs")
    counted = (select(theirs.c.entity_id, func.count().label("shared"))
               .join(recent, recent.c.article_id == theirs.c.article_id)
               .where(theirs.c.entity_id != entity_id)
               .group_by(theirs.c.entity_id).cte("counted"))
    least = (select(counted.c.shared).order_by(counted.c.shared.desc())
             .limit(1).offset(limit - 1).scalar_subquery())
    count = dict(conn.execute(select(counted.c.entity_id, counted.c.shared)
                              .where(counted.c.shared >= func.coalesce(least, 0))).all())
    ids = sorted(count)
    named = [row for start in range(0, len(ids), CHUNK) for row in conn.execute(
        select(entities.c.id, entities.c.name, entities.c.type)
        .where(entities.c.id.in_(ids[start : start + CHUNK])))]
    named.sort(key=lambda row: (-count[row.id], row.name))
    return tuple(Companion(row.id, row.name, row.type, count[row.id]) for row in named[:limit])


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
