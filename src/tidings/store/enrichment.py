"""What the enrichment stage stored per article: entity links, roles, events, quotes, summary,
and which articles it has seen (with the error of any that failed)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import (
    ColumnElement,
    Connection,
    Integer,
    Table,
    bindparam,
    delete,
    exists,
    func,
    insert,
    select,
)

from tidings.model import (
    ArticleEnrichment,
    EntityRef,
    EventRecord,
    QuoteRecord,
    RoleRecord,
    SummaryRecord,
)
from tidings.store.dialect import upsert
from tidings.store.entities import (
    CHUNK,
    EntityMention,
    ensure_entities,
    quotes_statement,
    recount_entities,
    status_column,
)
from tidings.store.entity_merges import hold_entities
from tidings.store.schema import (
    article_entities,
    articles,
    enrichment_runs,
    entities,
    entity_events,
    entity_roles,
    quotes,
    summaries,
)

ARTICLE_TABLES = (article_entities, entity_roles, entity_events, quotes, summaries)
"""Tables holding one article's enrichment, replaced whole when it is enriched again."""


@dataclass(frozen=True)
class ArticleText:
    """What enrichment reads of an article."""

    id: int
    title: str
    text: str
    published_at: datetime | None
    sort_at: datetime
    """Publication time, else when it was fetched."""
    headline_only: bool = False
    """`text` is a feed's summary (or ""): no article summary is made from it."""


@dataclass(frozen=True)
class NewEnrichment:
    """One article's enrichment, entities given by key (see `EntityMention`)."""

    article_id: int
    entities: tuple[EntityMention, ...]
    roles: tuple[tuple[str, RoleRecord], ...]
    events: tuple[tuple[str | None, EventRecord], ...]
    quotes: tuple[tuple[str | None, QuoteRecord], ...]
    summary: SummaryRecord | None
    """None for a headline-only article: there is nothing to summarise."""
    note: str | None = None
    """What the analysis left out (a text clipped to the bound), kept on the run."""


def articles_to_enrich(conn: Connection, *, since: datetime | None, force: bool) -> list[int]:
    """Ids of the articles never enriched (every article with `force`), at or after `since`,
    newest first."""
    statement = select(articles.c.id).order_by(articles.c.sort_at.desc(), articles.c.id.desc())
    if since is not None:
        statement = statement.where(articles.c.sort_at >= since)
    if not force:
        seen = exists().where(enrichment_runs.c.article_id == articles.c.id)
        statement = statement.where(~seen)
    return list(conn.execute(statement).scalars())


def oldest_unenriched(conn: Connection) -> datetime | None:
    """When the longest-waiting article never enriched was fetched (None: none waits)."""
    seen = exists().where(enrichment_runs.c.article_id == articles.c.id)
    return conn.execute(select(func.min(articles.c.fetched_at)).where(~seen)).scalar()


def texts_by_id(conn: Connection, ids: Iterable[int]) -> list[ArticleText]:
    """Title and text of these articles, oldest first."""
    return _texts(conn, articles.c.id.in_(list(ids)))


def texts_of_story(conn: Connection, story_id: int, *, limit: int | None = None
                   ) -> list[ArticleText]:
    """Title and text of every article of a story (the first `limit`), oldest first."""
    return _texts(conn, articles.c.story_id == story_id, limit=limit)


def save_enrichment(conn: Connection, enrichment: NewEnrichment, *, now: datetime) -> None:
    """Replace an article's enrichment and mark it enriched."""
    recount_entities(conn, save_enrichments(conn, [enrichment], now=now))


def save_enrichments(conn: Connection, batch: Sequence[NewEnrichment], *, now: datetime
                     ) -> list[int]:
    """Replace these articles' enrichment and mark them enriched, a few statements for the
    whole batch; the ids of the entities they named before or name now, whose article counts
    the caller refreshes (`recount_entities`), after this batch or after many (a bulk load:
    counting a much-named entity's articles once per batch costs more than the batch)."""
    if not batch:
        return []
    hold_entities(conn, merging=False)
    before = _clear(conn, [e.article_id for e in batch])
    ids = ensure_entities(conn, [m for e in batch for m in e.entities], now=now)
    _insert(conn, article_entities, [link for e in batch
                                     for link in _links(e.article_id, e.entities, ids)])
    _insert(conn, entity_roles, _once([{"entity_id": ids[k], **_row(r)}
                                       for e in batch for k, r in e.roles],
                                      same=("article_id", "sentence_index", "role")))
    _insert(conn, entity_events, _once([{"entity_id": ids.get(k or ""), **_row(v)}
                                        for e in batch for k, v in e.events],
                                       same=("article_id", "sentence_index", "type")))
    _insert(conn, quotes, [{**_row(q), "entity_id": ids.get(k or "")}
                           for e in batch for k, q in e.quotes])
    _insert(conn, summaries, [{"article_id": e.article_id, "tldr": e.summary.tldr,
                               "points": list(e.summary.points), "method": e.summary.method,
                               "created_at": e.summary.created_at}
                              for e in batch if e.summary is not None])
    upsert(conn, enrichment_runs, [{"article_id": e.article_id, "enriched_at": now,
                                    "error": None, "note": e.note} for e in batch],
           conflict=["article_id"])
    return [*before, *ids.values()]


def record_run(conn: Connection, article_id: int, *, now: datetime, error: str | None,
               note: str | None = None) -> None:
    """Mark an article as enriched at `now` (with a `note` on what was left out), or as
    failed with `error`."""
    upsert(conn, enrichment_runs, [{"article_id": article_id, "enriched_at": now,
                                    "error": error, "note": note}], conflict=["article_id"])


def article_enrichment(conn: Connection, article_id: int, *, quote_limit: int = 50
                       ) -> ArticleEnrichment:
    """The summary, entities (most mentioned first) and quotes stored for an article."""
    row = conn.execute(_SUMMARY, {"article_id": article_id}).mappings().first()
    summary = None if row is None else SummaryRecord(
        row["tldr"], tuple(row["points"]), row["method"], row["created_at"]
    )
    found = conn.execute(_QUOTES, {"article_id": article_id, "limit": quote_limit}).mappings()
    return ArticleEnrichment(
        summary=summary,
        entities=tuple(_article_entities(conn, article_id)),
        quotes=tuple(QuoteRecord(**row) for row in found),
    )


def _texts(conn: Connection, condition: ColumnElement[bool], *, limit: int | None = None
           ) -> list[ArticleText]:
    statement = (
        select(articles.c.id, articles.c.title, articles.c.text, articles.c.published_at,
               articles.c.sort_at, articles.c.headline_only)
        .where(condition)
        .order_by(articles.c.sort_at, articles.c.id)
        .limit(limit)
    )
    return [ArticleText(**row) for row in conn.execute(statement).mappings()]


def _article_entities(conn: Connection, article_id: int) -> list[EntityRef]:
    rows = conn.execute(_ENTITIES, {"article_id": article_id}).mappings()
    return [EntityRef(id=r["id"], name=r["name"], type=r["type"], aliases=tuple(r["aliases"]),
                      article_count=r["article_count"], status=r["status"],
                      role=r["role"]) for r in rows]


# What the article page and API read of one article, built once: building a statement costs
# more than running it on SQLite.
_ONE_ARTICLE = bindparam("article_id", type_=Integer)
_SUMMARY = select(summaries).where(summaries.c.article_id == _ONE_ARTICLE)
_ENTITIES = (
    select(entities.c.id, entities.c.name, entities.c.type, entities.c.aliases,
           entities.c.article_count, article_entities.c.role,
           status_column(entities.c.id).label("status"))
    .join(article_entities, article_entities.c.entity_id == entities.c.id)
    .where(article_entities.c.article_id == _ONE_ARTICLE)
    .order_by(article_entities.c.mentions.desc(), entities.c.name)
)
_QUOTES = quotes_statement(quotes.c.article_id == _ONE_ARTICLE).limit(
    bindparam("limit", type_=Integer))


def _clear(conn: Connection, article_ids: Sequence[int]) -> list[int]:
    """Delete these articles' enrichment rows; the entities they named before."""
    before: list[int] = []
    for start in range(0, len(article_ids), CHUNK):
        chunk = article_ids[start : start + CHUNK]
        named = (select(article_entities.c.entity_id)
                 .where(article_entities.c.article_id.in_(chunk)))
        before.extend(conn.execute(named).scalars())
        for table in ARTICLE_TABLES:
            conn.execute(delete(table).where(table.c.article_id.in_(chunk)))
    return before


def _links(article_id: int, mentions: Iterable[EntityMention], ids: dict[str, int]
           ) -> list[dict[str, object]]:
    """One article_entities row per entity (two names may resolve to one entity)."""
    counts: dict[int, int] = {}
    roles: dict[int, str | None] = {}
    for mention in mentions:
        entity_id = ids[mention.key]
        counts[entity_id] = counts.get(entity_id, 0) + mention.mentions
        roles[entity_id] = roles.get(entity_id) or mention.role
    return [{"article_id": article_id, "entity_id": entity_id, "mentions": count,
             "role": roles[entity_id]} for entity_id, count in counts.items()]


def _once(rows: list[dict[str, object]], *, same: Sequence[str]) -> list[dict[str, object]]:
    """The rows less those of an entity equal in the columns `same` to one before: two names
    resolved to one entity (or one merged into it since) keep one role or event, as a merge
    keeps one (`entity_merges`). Rows of no entity are all kept."""
    seen: set[tuple[object, ...]] = set()
    kept: list[dict[str, object]] = []
    for row in rows:
        mark = (row["entity_id"], *(row[name] for name in same))
        if row["entity_id"] is not None and mark in seen:
            continue
        seen.add(mark)
        kept.append(row)
    return kept


def _row(record: RoleRecord | EventRecord | QuoteRecord) -> dict[str, object]:
    """The record's fields (a shallow copy: `asdict` deep-copies every value, a quarter of
    a bulk load's time), less its entity id."""
    values = dict(vars(record))
    values.pop("entity_id", None)
    return values


def _insert(conn: Connection, table: Table, rows: list[dict[str, object]]) -> None:
    if rows:
        conn.execute(insert(table), rows)
