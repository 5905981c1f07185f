"""What the database knows about two entities being one person: names, shared coverage.

`pipeline.entity_merging` decides from these figures; nothing here judges a name.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Integer, Select, and_, bindparam, func, literal, or_, select

from tidings.store.schema import article_entities, articles, entities, entity_keys

CHUNK = 500


@dataclass(frozen=True)
class Person:
    """A stored person entity, as a merge decision reads it."""

    id: int
    key: str
    name: str
    aliases: tuple[str, ...]
    article_count: int


_COLUMNS = (entities.c.id, entities.c.key, entities.c.name, entities.c.aliases,
            entities.c.article_count)
# Built once: building a statement costs more than running it on SQLite.
_PEOPLE = select(*_COLUMNS).where(entities.c.type == "PERSON").order_by(entities.c.id)
_BY_LOOKUP = _PEOPLE.where(entities.c.id.in_(select(entity_keys.c.entity_id).where(
    entity_keys.c.key.in_(bindparam("keys", expanding=True)))))


def _people(conn: Connection, statement: Select[Any], **values: object) -> list[Person]:
    return [Person(r.id, r.key, r.name, tuple(r.aliases), r.article_count)
            for r in conn.execute(statement, values)]


def people_by_lookup(conn: Connection, keys: Iterable[str]) -> list[Person]:
    """The people with one of these lookup keys (`pipeline.resolving.lookup_keys`)."""
    wanted = sorted(set(keys))
    found: dict[int, Person] = {}
    for start in range(0, len(wanted), CHUNK):
        found.update((p.id, p) for p in _people(conn, _BY_LOOKUP,
                                                keys=wanted[start : start + CHUNK]))
    return sorted(found.values(), key=lambda p: p.id)


_MINE, _THEIRS = entity_keys.alias("mine"), entity_keys.alias("theirs")
_KIND = func.substr(_MINE.c.key, 1, 7)
_SHARING = select(_MINE.c.entity_id).join(_THEIRS, and_(
    _THEIRS.c.entity_id != _MINE.c.entity_id,
    or_(and_(_KIND.in_(["person~", "person%"]), _THEIRS.c.key == _MINE.c.key),
        and_(_KIND == "person:",
             _THEIRS.c.key == literal("person~").op("||")(func.substr(_MINE.c.key, 8))))))
_AFTER = _PEOPLE.where(entities.c.id > bindparam("after", type_=Integer),
                       entities.c.id.in_(_SHARING)).limit(bindparam("limit", type_=Integer))


def people_after(conn: Connection, after_id: int, *, limit: int) -> list[Person]:
    """People in id order, from the first after `after_id`, who share a surname's lookup key
    (`person~X`, its sound `person%X`, or a surname alone `person:X` another's `person~X`)
    with another entity: the only ones a merge may take (a pass over all of them)."""
    return _people(conn, _AFTER, after=after_id, limit=limit)


def shared_stories(conn: Connection, entity_id: int, others: Sequence[int]) -> dict[int, int]:
    """For each of `others`, how many of `entity_id`'s articles are in a story (or are an
    article) that names it too."""
    mine, theirs = article_entities.alias("mine"), article_entities.alias("theirs")
    mine_article, their_article = articles.alias("mine_article"), articles.alias("their_article")
    statement = (
        select(theirs.c.entity_id, func.count(mine.c.article_id.distinct()))
        .select_from(mine)
        .join(mine_article, mine_article.c.id == mine.c.article_id)
        .join(their_article, func.coalesce(their_article.c.story_id, their_article.c.id)
              == func.coalesce(mine_article.c.story_id, mine_article.c.id))
        .join(theirs, theirs.c.article_id == their_article.c.id)
        .where(mine.c.entity_id == entity_id, theirs.c.entity_id.in_(list(others)))
        .group_by(theirs.c.entity_id)
    )
    return {row[0]: row[1] for row in conn.execute(statement)}


def beside(conn: Connection, entity_id: int, others: Sequence[int]) -> dict[int, int]:
    """For each of `others`, how many of `entity_id`'s articles name another person that an
    article naming it names too (neither of the two): the company the coverage keeps them
    in."""
    found: dict[int, int] = {}
    for other in others:
        apart = (entity_id, other)
        mine = _companions(entity_id, apart)
        theirs = _companions(other, apart)
        statement = (select(func.count(article_entities.c.article_id.distinct()))
                     .select_from(article_entities)
                     .join(_NAMED, _NAMED.c.article_id == article_entities.c.article_id)
                     .where(article_entities.c.entity_id == entity_id,
                            _NAMED.c.entity_id.in_(mine.intersect(theirs))))
        found[other] = int(conn.execute(statement).scalar_one())
    return found


_NAMED = article_entities.alias("named")
_HOST = article_entities.alias("host")


def _companions(entity_id: int, apart: Sequence[int]) -> Select[Any]:
    """The ids of the people named in an article that names `entity_id`, less `apart`."""
    return (select(_NAMED.c.entity_id)
            .join(_HOST, _HOST.c.article_id == _NAMED.c.article_id)
            .join(entities, entities.c.id == _NAMED.c.entity_id)
            .where(_HOST.c.entity_id == entity_id, entities.c.type == "PERSON",
                   _NAMED.c.entity_id.not_in(list(apart))))


def reach(conn: Connection, entity_id: int, others: Sequence[int]) -> dict[int, int]:
    """For each of `others`, how many of `entity_id`'s articles are in a story, or come from
    an outlet, that has named it too."""
    found: dict[int, int] = {}
    mine_article = articles.alias("mine_article")
    story = func.coalesce(articles.c.story_id, articles.c.id)
    for other in others:
        theirs = (select(articles.c.id).join(article_entities,
                                             article_entities.c.article_id == articles.c.id)
                  .where(article_entities.c.entity_id == other))
        stories = select(story).where(articles.c.id.in_(theirs))
        outlets = select(articles.c.source).where(articles.c.id.in_(theirs))
        statement = (select(func.count()).select_from(article_entities)
                     .join(mine_article, mine_article.c.id == article_entities.c.article_id)
                     .where(article_entities.c.entity_id == entity_id,
                            func.coalesce(mine_article.c.story_id, mine_article.c.id)
                            .in_(stories) | mine_article.c.source.in_(outlets)))
        found[other] = int(conn.execute(statement).scalar_one())
    return found


def unnamed_entities(conn: Connection, *, limit: int) -> list[tuple[int, str, int]]:
    """(id, name, stored article count) of entities whose count is not the number of articles
    naming them, or that no article names: a page shows what no article says."""
    named = (select(func.count()).select_from(article_entities)
             .where(article_entities.c.entity_id == entities.c.id).scalar_subquery())
    statement = (select(entities.c.id, entities.c.name, entities.c.article_count)
                 .where((entities.c.article_count != named) | (named == 0))
                 .order_by(entities.c.id).limit(limit))
    return [(row[0], row[1], row[2]) for row in conn.execute(statement)]
