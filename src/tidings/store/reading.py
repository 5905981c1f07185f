"""What a reader's apps sync: the articles of their subscriptions, read and starred states.

Read and starred are one notion everywhere (web, Google Reader API, Fever API): rows in
`read_articles` and `saved_articles`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    Table,
    and_,
    delete,
    exists,
    func,
    insert,
    literal,
    select,
    true,
)

from tidings.store.schema import (
    articles,
    read_articles,
    saved_articles,
    subscriptions,
    summaries,
)


@dataclass(frozen=True)
class StreamQuery:
    """Which of a reader's articles to list.

    `feed_ids` None means every subscribed feed; `starred`/`read` None means either.
    """

    user_id: int
    feed_ids: Sequence[int] | None = None
    starred: bool | None = None
    read: bool | None = None
    since: datetime | None = None
    """Only articles sorted at or after this time."""
    until: datetime | None = None
    """Only articles sorted before this time."""
    min_id: int | None = None
    """Only articles with a larger id."""
    max_id: int | None = None
    """Only articles with a smaller id."""
    ids: Sequence[int] | None = None


def _is_read(user_id: int) -> ColumnElement[bool]:
    return exists().where(read_articles.c.user_id == user_id,
                          read_articles.c.article_id == articles.c.id)


def _is_starred(user_id: int) -> ColumnElement[bool]:
    return exists().where(saved_articles.c.user_id == user_id,
                          saved_articles.c.article_id == articles.c.id)


def _where(query: StreamQuery) -> ColumnElement[bool]:
    a = articles.c
    subscribed = a.feed_id.in_(select(subscriptions.c.feed_id)
                               .where(subscriptions.c.user_id == query.user_id))
    conditions: list[ColumnElement[bool]] = []
    if query.starred:
        # Starred articles stay visible after their feed is unsubscribed.
        conditions.append(_is_starred(query.user_id))
    else:
        conditions.append(subscribed)
        if query.starred is False:
            conditions.append(~_is_starred(query.user_id))
    if query.feed_ids is not None:
        conditions.append(a.feed_id.in_(list(query.feed_ids)))
    if query.read is not None:
        conditions.append(_is_read(query.user_id) if query.read else ~_is_read(query.user_id))
    for column, bound, op in ((a.sort_at, query.since, "ge"), (a.sort_at, query.until, "lt"),
                              (a.id, query.min_id, "gt"), (a.id, query.max_id, "lt")):
        if bound is not None:
            conditions.append(getattr(column, f"__{op}__")(bound))
    if query.ids is not None:
        conditions.append(a.id.in_(list(query.ids)))
    return and_(true(), *conditions)


def stream_ids(conn: Connection, query: StreamQuery, *, limit: int, offset: int = 0,
               oldest_first: bool = False) -> list[tuple[int, datetime]]:
    """(article id, sort time) of the stream, newest first unless `oldest_first`."""
    a = articles.c
    order = (a.sort_at, a.id) if oldest_first else (a.sort_at.desc(), a.id.desc())
    statement = (select(a.id, a.sort_at).where(_where(query)).order_by(*order)
                 .limit(limit).offset(offset))
    return [(row[0], row[1]) for row in conn.execute(statement)]


def stream_ids_by_id(conn: Connection, query: StreamQuery, *, limit: int,
                     descending: bool = False) -> list[int]:
    """Article ids of the stream in id order (the Fever API pages by id)."""
    order = articles.c.id.desc() if descending else articles.c.id
    statement = select(articles.c.id).where(_where(query)).order_by(order).limit(limit)
    return list(conn.execute(statement).scalars())


def count(conn: Connection, query: StreamQuery) -> int:
    total: int = conn.execute(select(func.count()).where(_where(query))).scalar_one()
    return total


def unread_counts(conn: Connection, user_id: int) -> list[tuple[int, int, datetime]]:
    """(feed id, unread articles, newest unread sort time) per subscribed feed with any."""
    a = articles.c
    statement = (select(a.feed_id, func.count(), func.max(a.sort_at))
                 .where(_where(StreamQuery(user_id=user_id, read=False)))
                 .group_by(a.feed_id))
    return [(row[0], row[1], row[2]) for row in conn.execute(statement)]


def states(conn: Connection, user_id: int, article_ids: Sequence[int]
           ) -> tuple[set[int], set[int]]:
    """(read ids, starred ids) among these articles."""
    ids = list(article_ids)
    if not ids:
        return set(), set()
    read = set(conn.execute(select(read_articles.c.article_id).where(
        read_articles.c.user_id == user_id, read_articles.c.article_id.in_(ids))).scalars())
    starred = set(conn.execute(select(saved_articles.c.article_id).where(
        saved_articles.c.user_id == user_id, saved_articles.c.article_id.in_(ids))).scalars())
    return read, starred


def existing_ids(conn: Connection, article_ids: Sequence[int]) -> list[int]:
    """Those of these ids that are articles, in the order given."""
    found = set(conn.execute(select(articles.c.id).where(
        articles.c.id.in_(list(article_ids)))).scalars())
    return [i for i in article_ids if i in found]


def _set(conn: Connection, tbl: Table, time_column: str, user_id: int,
         source: Select[tuple[int]], on: bool, now: datetime) -> int:
    """Add (user, article) rows to `tbl` for the articles of `source`, or remove them."""
    if not on:
        return conn.execute(delete(tbl).where(
            tbl.c.user_id == user_id, tbl.c.article_id.in_(source))).rowcount
    missing = source.where(~exists().where(tbl.c.user_id == user_id,
                                           tbl.c.article_id == articles.c.id))
    rows = missing.with_only_columns(literal(user_id), articles.c.id, literal(now))
    return conn.execute(insert(tbl).from_select(["user_id", "article_id", time_column],
                                                rows)).rowcount


def set_read(conn: Connection, user_id: int, article_ids: Sequence[int], read: bool,
             now: datetime) -> int:
    """Mark these articles read (or unread) for the reader; how many changed."""
    source = select(articles.c.id).where(articles.c.id.in_(list(article_ids)))
    return _set(conn, read_articles, "read_at", user_id, source, read, now)


def set_starred(conn: Connection, user_id: int, article_ids: Sequence[int], starred: bool,
                now: datetime) -> int:
    """Star (or unstar) these articles for the reader; how many changed."""
    source = select(articles.c.id).where(articles.c.id.in_(list(article_ids)))
    return _set(conn, saved_articles, "created_at", user_id, source, starred, now)


def mark_stream_read(conn: Connection, query: StreamQuery, now: datetime) -> int:
    """Mark every unread article of the stream read (one statement, however many)."""
    source = select(articles.c.id).where(_where(query))
    return _set(conn, read_articles, "read_at", query.user_id, source, True, now)


def tldrs(conn: Connection, article_ids: Sequence[int]) -> dict[int, str]:
    """The "In brief" line of those of these articles that have one."""
    ids = list(article_ids)
    if not ids:
        return {}
    rows = conn.execute(select(summaries.c.article_id, summaries.c.tldr).where(
        summaries.c.article_id.in_(ids)))
    return {article_id: tldr for article_id, tldr in rows if tldr}
