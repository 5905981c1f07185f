"""Entities merged across articles: lookup for alias resolution, search and profiles."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Integer,
    RowMapping,
    ScalarSelect,
    Select,
    bindparam,
    case,
    delete,
    distinct,
    exists,
    func,
    or_,
    select,
    update,
)

from tidings.model import (
    Article,
    EntityProfile,
    EntityRef,
    EventRecord,
    QuoteRecord,
    RoleRecord,
)
from tidings.store.articles import ARTICLE_COLUMNS, LISTING_COLUMNS, to_articles
from tidings.store.dialect import insert_ignore
from tidings.store.schema import (
    article_entities,
    articles,
    entities,
    entity_events,
    entity_keys,
    entity_merges,
    entity_roles,
    quotes,
)
from tidings.store.types import UTCDateTime

CHUNK = 500
"""Most values bound in one IN (...) list."""


@dataclass(frozen=True)
class StoredEntity:
    """What alias resolution needs to know of a stored entity."""

    key: str
    name: str
    type: str
    aliases: tuple[str, ...]
    article_count: int = 0
    """How many articles name it: its vote on what the name is (`pipeline.resolving`)."""


@dataclass(frozen=True)
class EntityMention:
    """An entity of one article, resolved to the stored entity `key` (created if new)."""

    key: str
    name: str
    type: str
    names: tuple[str, ...]
    """Every name the article uses for it; those not yet known become aliases."""
    lookup_keys: tuple[str, ...]
    mentions: int
    role: str | None = None


def entity_candidates(conn: Connection, lookup_keys: Iterable[str]) -> list[StoredEntity]:
    """The stored entities sharing at least one lookup key with `lookup_keys`."""
    keys = sorted(set(lookup_keys))
    found: dict[str, StoredEntity] = {}
    for start in range(0, len(keys), CHUNK):
        ids = select(entity_keys.c.entity_id).where(
            entity_keys.c.key.in_(keys[start : start + CHUNK])
        )
        statement = select(entities.c.key, entities.c.name, entities.c.type,
                           entities.c.aliases, entities.c.article_count
                           ).where(entities.c.id.in_(ids))
        for row in conn.execute(statement).mappings():
            found[row["key"]] = StoredEntity(
                row["key"], row["name"], row["type"], tuple(row["aliases"]), row["article_count"]
            )
    return list(found.values())


def ensure_entities(conn: Connection, mentions: Iterable[EntityMention], *, now: datetime
                    ) -> dict[str, int]:
    """The id of each mention's entity, by key: created when new (`insert_ignore`, so a
    concurrent run creating it too is no error), given the mentions' new aliases, its lookup
    keys added; a handful of statements for all of them, keys in sorted order. A key merged
    into another entity since it was resolved (`entity_merges`) gives that entity's id: the
    merged entity is not made again."""
    by_key: dict[str, list[EntityMention]] = {}
    for mention in mentions:
        by_key.setdefault(mention.key, []).append(mention)
    keys = sorted(by_key)
    led = _merged_keys(conn, keys)
    insert_ignore(conn, entities, [_new_row(by_key[k][0], now=now) for k in keys
                                   if k not in led], conflict=["key"])
    groups: dict[str, list[EntityMention]] = {}
    for key in keys:
        groups.setdefault(led.get(key, key), []).extend(by_key[key])
    ids: dict[str, int] = {}
    changed: list[dict[str, object]] = []
    for row in _by_keys(conn, sorted(groups)):
        ids[row["key"]] = row["id"]
        names = [n for m in groups[row["key"]] for n in (m.name, *m.names)]
        name = _key_name(row["key"], row["name"], names)
        aliases = _merged(name, [*row["aliases"], row["name"]], names)
        if name != row["name"] or aliases != list(row["aliases"]):
            changed.append({"entity_id": row["id"], "new_name": name, "new_aliases": aliases})
    ids.update({key: ids[into] for key, into in led.items()})
    if changed:
        conn.execute(update(entities).where(entities.c.id == bindparam("entity_id"))
                     .values(name=bindparam("new_name"), aliases=bindparam("new_aliases"),
                             updated_at=now), changed)
    lookups = sorted({(k, ids[key]) for key, group in by_key.items() for m in group
                      for k in m.lookup_keys})
    insert_ignore(conn, entity_keys, [{"key": k, "entity_id": i} for k, i in lookups],
                  conflict=["key", "entity_id"])
    return ids


def recount_entities(conn: Connection, entity_ids: Iterable[int]) -> None:
    """Refresh the article counts of these entities; drop those no article names any more."""
    ids = sorted(set(entity_ids))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        count = (select(func.count()).select_from(article_entities)
                 .where(article_entities.c.entity_id == entities.c.id).scalar_subquery())
        conn.execute(update(entities).where(entities.c.id.in_(chunk)).values(article_count=count))
        conn.execute(delete(entities).where(entities.c.id.in_(chunk),
                                            entities.c.article_count == 0))


def search_entities(conn: Connection, folded: str, *, limit: int) -> list[EntityRef]:
    """Entities with a name or alias having a word that starts with `folded` (lower case, no
    accents: `enrich.names.fold`), the most covered first."""
    escaped = folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    matching = select(entity_keys.c.entity_id).where(or_(
        entity_keys.c.key.like(f"%:{escaped}%", escape="\\"),
        entity_keys.c.key.like(f"%:% {escaped}%", escape="\\"),
    ))
    statement = (select(*entities.c).where(entities.c.id.in_(matching))
                 .order_by(entities.c.article_count.desc(), entities.c.name).limit(limit))
    return _refs(conn, list(conn.execute(statement).mappings()))


def top_entities(conn: Connection, *, limit: int) -> list[EntityRef]:
    """The entities named by the most articles."""
    statement = (select(*entities.c)
                 .order_by(entities.c.article_count.desc(), entities.c.name).limit(limit))
    return _refs(conn, list(conn.execute(statement).mappings()))


def entity_profile(conn: Connection, entity_id: int, *, limit: int = 50, texts: bool = False
                   ) -> EntityProfile | None:
    """Who an entity is: its roles newest first, its newest `EVENTS` events in date order, the
    articles and quotes that name it newest first; None when there is no such entity. The
    articles are read as a list shows them, without their text and `urls` (the page and the
    API show neither), unless `texts` (a feed's excerpts)."""
    row = conn.execute(_ENTITY, {"id": entity_id}).mappings().first()
    if row is None:
        return None
    return EntityProfile(
        entity=_refs(conn, [row])[0],
        roles=tuple(_roles(conn, entity_id, limit)),
        events=tuple(_events(conn, entity_id, EVENTS)),
        quotes=tuple(_quotes(conn, entity_id, limit)),
        articles=tuple(_articles(conn, entity_id, limit, named=row["article_count"],
                                 texts=texts)),
    )


EVENTS = 100
"""Events an entity's profile lists: its newest (a head of state's coverage at 1M articles
tells of 2,400, each citing its article)."""

FINAL_EVENTS = ("died", "killed")
"""Events nothing follows: of the events dated the same day (one article often tells a death
and, after it, what came before), the death is the person's status."""


def statuses(conn: Connection, entity_ids: Iterable[int]) -> dict[int, str]:
    """The `status_column` of each entity that has events: one row an entity (all of a head
    of state's events were read to keep the last, 2,400 at 1M articles)."""
    ids = sorted(set(entity_ids))
    found: dict[int, str] = {}
    for start in range(0, len(ids), CHUNK):
        found.update((i, status) for i, status in conn.execute(
            _STATUSES, {"ids": ids[start : start + CHUNK]}).all() if status is not None)
    return found


def status_column(entity_id: ColumnElement[int]) -> ScalarSelect[str]:
    """The latest event type of the entity `entity_id` (a column of the enclosing statement;
    by event date, undated after dated; on one date a death comes last, then by id), as one
    correlated subquery: a page reads it with the entity, not after it. An undated event is
    history ("in 2009 ... after Clinton resigned"), so it is no one's status even when it is
    the only event, but for a death ("the late X"), which no later day undoes."""
    e = entity_events.c
    final = case((e.type.in_(FINAL_EVENTS), 1), else_=0)
    return (select(e.type).where(e.entity_id == entity_id,
                                 or_(e.date.is_not(None), e.type.in_(FINAL_EVENTS)))
            .order_by(e.date.is_(None), e.date.desc(), final.desc(), e.id.desc())
            .limit(1).scalar_subquery())


def quotes_where(
    conn: Connection, condition: ColumnElement[bool], *, limit: int
) -> list[QuoteRecord]:
    """Quotes matching `condition` (a clause on `quotes`), newest article first."""
    statement = quotes_statement(condition).limit(limit)
    return [QuoteRecord(**row) for row in conn.execute(statement).mappings()]


QUOTE_COLUMNS = (quotes.c.text, quotes.c.speaker, quotes.c.speaker_role, quotes.c.entity_id,
                 quotes.c.article_id, quotes.c.sentence_index)
"""The columns of a `QuoteRecord`."""


def quotes_statement(condition: ColumnElement[bool]) -> Select[Any]:
    """The columns of a `QuoteRecord` of the quotes matching `condition`, newest article
    first."""
    return (
        select(*QUOTE_COLUMNS)
        .join(articles, articles.c.id == quotes.c.article_id)
        .where(condition)
        .order_by(articles.c.sort_at.desc(), quotes.c.article_id.desc(),
                  quotes.c.sentence_index)
    )


def _by_keys(conn: Connection, keys: Sequence[str]) -> list[RowMapping]:
    rows: list[RowMapping] = []
    for start in range(0, len(keys), CHUNK):
        statement = (select(entities.c.id, entities.c.key, entities.c.name, entities.c.aliases)
                     .where(entities.c.key.in_(keys[start : start + CHUNK])))
        rows.extend(conn.execute(statement).mappings())
    return rows


def _merged_keys(conn: Connection, keys: Sequence[str]) -> dict[str, str]:
    """Of these keys, those no entity holds that a merge recorded: the key of the entity each
    was merged into (the newest merge's, should one key have been merged twice)."""
    held = entities.alias("held")
    found: dict[str, str] = {}
    for start in range(0, len(keys), CHUNK):
        statement = (select(entity_merges.c.key, entities.c.key.label("into"))
                     .join(entities, entities.c.id == entity_merges.c.new_id)
                     .where(entity_merges.c.key.in_(keys[start : start + CHUNK]),
                            ~exists().where(held.c.key == entity_merges.c.key))
                     .order_by(entity_merges.c.merged_at))
        found.update({row.key: row.into for row in conn.execute(statement)})
    return found


def _new_row(mention: EntityMention, *, now: datetime) -> dict[str, object]:
    return {
        "key": mention.key, "name": mention.name, "type": mention.type,
        "aliases": _merged(mention.name, [], mention.names), "article_count": 0,
        "updated_at": now,
    }


def _merged(name: str, aliases: Sequence[str], names: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(n for n in [*aliases, *names] if n != name))


def _key_name(key: str, name: str, names: Iterable[str]) -> str:
    """The entity's name: the first one seen, until a name that spells its key comes ("United
    States" for place:united states, first met as "America")."""
    body = key.partition(":")[2]
    if name.lower() == body:
        return name
    return next((n for n in names if n.lower() == body), name)


def _refs(conn: Connection, rows: Sequence[RowMapping]) -> list[EntityRef]:
    status = statuses(conn, [row["id"] for row in rows])
    return [
        EntityRef(id=row["id"], name=row["name"], type=row["type"], aliases=tuple(row["aliases"]),
                  article_count=row["article_count"], status=status.get(row["id"]))
        for row in rows
    ]


def _roles(conn: Connection, entity_id: int, limit: int) -> list[RoleRecord]:
    rows = conn.execute(_ROLES, {"entity_id": entity_id, "limit": limit}).mappings()
    return [RoleRecord(**row) for row in rows]


def _events(conn: Connection, entity_id: int, limit: int) -> list[EventRecord]:
    """The newest `limit` events (by date, then as stored; undated ones after the dated), in
    date order, undated last."""
    rows = sorted(conn.execute(_EVENTS, {"entity_id": entity_id, "limit": limit}).all(),
                  key=lambda r: (r.date is None, r.date or date.min, r.id))
    return [EventRecord(r.type, r.role, r.date, r.article_id, r.sentence_index, r.sentence)
            for r in rows]


WALKED = 1000
"""An entity named by more articles than this (or quoted in more) has its newest
found by reading the articles newest first until enough name it: for a head of state named by
5% of them, 20 articles read for each one kept. One named less has all of its sorted by time;
reading an article's time costs about 20 steps of that walk on SQLite, where the time is
stored after the text, so a small entity's walk through a million articles would cost more
than the whole sort (an entity page for a head of state at 1M articles: 90,000 times read)."""


def _articles(conn: Connection, entity_id: int, limit: int, *, named: int, texts: bool
              ) -> list[Article]:
    """The newest `limit` articles naming the entity, which `named` articles name; with
    their text and `urls` if `texts`."""
    statement = _ARTICLES[named > WALKED, texts]
    rows = conn.execute(statement, {"entity_id": entity_id, "limit": limit}).mappings()
    return to_articles(conn, list(rows), urls=texts)


def _naming(walked: bool) -> ColumnElement[bool]:
    """Articles naming the entity `:entity_id`, as a probe for each article read newest first
    when the entity is much named (`walked`, more than `WALKED`), else as the list of them."""
    link = article_entities.c
    if walked:
        return exists().where(link.article_id == articles.c.id, link.entity_id == _ENTITY_ID)
    return articles.c.id.in_(select(link.article_id).where(link.entity_id == _ENTITY_ID))


def _quotes(conn: Connection, entity_id: int, limit: int) -> list[QuoteRecord]:
    """The entity's quotes, newest article first: when it has more than `WALKED`, from the
    newest `limit` articles quoting it, found by walking the articles newest first; else all
    of them sorted.

    Chosen by the count, not left to the planner: SQLite's would sort them all, and
    PostgreSQL's walks for anyone its statistics take for much quoted. At 100,000 articles
    it walked 17,000 to 50,000 articles (48-79 ms) for people quoted 600-800 times, mostly
    in older coverage, whose quotes sorted take 8 ms."""
    values = {"entity_id": entity_id, "limit": limit}
    walked = conn.execute(_QUOTED, values).scalar_one() > WALKED
    rows = conn.execute(_QUOTES_WALKED if walked else _QUOTES, values).mappings()
    return [QuoteRecord(**row) for row in rows]


# The statements of a profile, built once: building them cost more than running them on
# SQLite (a head of state's profile: 7.6 ms, 0.6 of them in SQLite).
_ENTITY_ID = bindparam("entity_id", type_=Integer)
_LIMIT = bindparam("limit", type_=Integer)
_ENTITY = select(*entities.c).where(entities.c.id == bindparam("id"))
_STATUSES = select(entities.c.id, status_column(entities.c.id)).where(
    entities.c.id.in_(bindparam("ids", expanding=True)))
_ROLES = (select(entity_roles.c.role, entity_roles.c.article_id, entity_roles.c.sentence_index,
                 entity_roles.c.sentence, entity_roles.c.published_at)
          .where(entity_roles.c.entity_id == _ENTITY_ID)
          .order_by(entity_roles.c.published_at.desc(), entity_roles.c.id.desc())
          .limit(_LIMIT))
_EVENTS = (select(entity_events.c.type, entity_events.c.role, entity_events.c.date,
                  entity_events.c.article_id, entity_events.c.sentence_index,
                  entity_events.c.sentence, entity_events.c.id)
           .where(entity_events.c.entity_id == _ENTITY_ID)
           .order_by(entity_events.c.date.is_(None), entity_events.c.date.desc(),
                     entity_events.c.id.desc())
           .limit(_LIMIT))
_ARTICLES = {
    (walked, texts): select(*(ARTICLE_COLUMNS if texts else LISTING_COLUMNS))
    .where(_naming(walked)).order_by(articles.c.sort_at.desc(), articles.c.id.desc())
    .limit(_LIMIT)
    for walked in (False, True) for texts in (False, True)
}
"""By (whether the articles are walked, whether with their text)."""
_QUOTED = select(func.count()).select_from(quotes).where(quotes.c.entity_id == _ENTITY_ID)


def _sorted_quotes_statement() -> Select[Any]:
    """All of the entity's quotes read by its index, then sorted: `OFFSET 0` keeps
    PostgreSQL's planner from folding the read into a walk of the articles."""
    said = (select(*QUOTE_COLUMNS)
            .where(quotes.c.entity_id == _ENTITY_ID).offset(0).subquery("said"))
    return (select(said).join(articles, articles.c.id == said.c.article_id)
            .order_by(articles.c.sort_at.desc(), said.c.article_id.desc(),
                      said.c.sentence_index)
            .limit(_LIMIT))


_QUOTES = _sorted_quotes_statement()
# Walked, probed by article, not by entity: `+ 0` keeps the planner off the index on
# entity_id, which it would read whole for every article walked. Selecting a column of
# `ix_quotes_article_entity`, not `*`, reads the probe from that index alone.
_SAID_THERE = quotes.c.entity_id + 0 == _ENTITY_ID
_QUOTES_WALKED = quotes_statement(_SAID_THERE & quotes.c.article_id.in_(
    select(articles.c.id)
    .where(select(quotes.c.article_id)
           .where(quotes.c.article_id == articles.c.id, _SAID_THERE).exists())
    .order_by(articles.c.sort_at.desc(), articles.c.id.desc()).limit(_LIMIT))).limit(_LIMIT)


def story_people(conn: Connection, story_id: int, *, limit: int) -> list[EntityRef]:
    """The entities the story's articles name, in the most articles first, each with its
    status (`tidings.pipeline.shown_roles` adds the role). An entity only headlines name is
    left out unless another headline or article confirms it (one headline's NER guess is
    noise)."""
    counted = (
        select(article_entities.c.entity_id, func.count().label("named"),
               func.sum(article_entities.c.mentions).label("mentions"),
               func.sum(case((articles.c.headline_only, 0), else_=1)).label("bodied"))
        .join(articles, articles.c.id == article_entities.c.article_id)
        .where(articles.c.story_id == story_id)
        .group_by(article_entities.c.entity_id)
        .subquery()
    )
    statement = (
        select(entities.c.id, entities.c.name, entities.c.type, entities.c.aliases,
               counted.c.named)
        .join(counted, counted.c.entity_id == entities.c.id)
        .where(or_(counted.c.bodied > 0, entities.c.article_count > 1))
        .order_by(counted.c.named.desc(), counted.c.mentions.desc(), entities.c.name)
        .limit(limit * 3)
    )
    rows = list(conn.execute(statement).mappings())
    status = statuses(conn, [row["id"] for row in rows])
    return [EntityRef(id=r["id"], name=r["name"], type=r["type"], aliases=tuple(r["aliases"]),
                      article_count=r["named"], status=status.get(r["id"])) for r in rows]


def story_roles(conn: Connection, story_id: int, entity_ids: Iterable[int]
                ) -> dict[int, Counter[str]]:
    """The roles the story's articles give each entity, each with the number of its articles
    that give it, in the order the articles came out."""
    members = select(articles.c.id).where(articles.c.story_id == story_id)
    return _role_counts(conn, entity_ids, entity_roles.c.article_id.in_(members))


COVERAGE_ROLES = 500
"""Role mentions of a person read for the spelling of their offices: their newest, so a page
showing someone the coverage names 50,000 times reads as much as one for someone named 500."""


def coverage_roles(conn: Connection, entity_ids: Iterable[int], *, newest: int = COVERAGE_ROLES
                   ) -> dict[int, Counter[str]]:
    """The roles the coverage gives each entity in its `newest` role mentions, each with the
    number of articles that give it, in the order the articles came out.

    One range of `ix_entity_roles_newest` an entity: the time of its `newest`th mention
    (a seek) bounds it."""
    ids = sorted(set(entity_ids))
    found: dict[int, Counter[str]] = {}
    for start in range(0, len(ids), CHUNK):
        values = {"ids": ids[start : start + CHUNK], "skip": newest - 1,
                  "earliest": _EARLIEST}
        _count_roles(conn, _COVERAGE_ROLES, found, values)
    return found


_EARLIEST = datetime(1, 1, 2, tzinfo=UTC)


_ROLE_COUNTS = (entity_roles.c.role,
                func.count(distinct(entity_roles.c.article_id)).label("articles"),
                func.min(entity_roles.c.published_at).label("first"))


def _coverage_roles_statement() -> Select[Any]:
    """Entity id and `_ROLE_COUNTS` (`_grouped`) of the role mentions of the entities `ids`
    since the time of each one's mention number `skip` (newest first), or since `earliest`."""
    older = entity_roles.alias("older")
    since = (select(older.c.published_at).where(older.c.entity_id == entities.c.id)
             .order_by(older.c.published_at.desc()).limit(1)
             .offset(bindparam("skip", type_=Integer)).scalar_subquery())
    bounds = (select(entities.c.id, since.label("since"))
              .where(entities.c.id.in_(bindparam("ids", expanding=True))).subquery("bounds"))
    earliest = func.coalesce(bounds.c.since, bindparam("earliest", type_=UTCDateTime))
    return _grouped(select(entity_roles.c.entity_id, *_ROLE_COUNTS)
                    .join(bounds, bounds.c.id == entity_roles.c.entity_id)
                    .where(entity_roles.c.published_at >= earliest))


def _role_counts(conn: Connection, entity_ids: Iterable[int], condition: ColumnElement[bool]
                 ) -> dict[int, Counter[str]]:
    ids = sorted(set(entity_ids))
    found: dict[int, Counter[str]] = {}
    r = entity_roles.c
    for start in range(0, len(ids), CHUNK):
        statement = (select(r.entity_id, *_ROLE_COUNTS)
                     .where(r.entity_id.in_(ids[start : start + CHUNK]), condition))
        _count_roles(conn, _grouped(statement), found)
    return found


def _grouped(statement: Select[Any]) -> Select[Any]:
    """`statement` (entity id and `_ROLE_COUNTS` of some role mentions) grouped by entity and
    role, in the order the roles first came out."""
    r = entity_roles.c
    return statement.group_by(r.entity_id, r.role).order_by(r.entity_id, "first", r.role)


def _count_roles(conn: Connection, grouped: Select[Any], found: dict[int, Counter[str]],
                 values: dict[str, object] | None = None) -> None:
    """Run `grouped` (see `_grouped`) with `values` into `found`."""
    for entity_id, role, count, _ in conn.execute(grouped, values).all():
        found.setdefault(entity_id, Counter())[role] = count


_COVERAGE_ROLES = _coverage_roles_statement()


def story_quotes(conn: Connection, story_id: int) -> list[QuoteRecord]:
    members = select(articles.c.id).where(articles.c.story_id == story_id)
    return quotes_where(conn, quotes.c.article_id.in_(members), limit=200)
