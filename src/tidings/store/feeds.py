"""Feed subscriptions and their polling state."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, RowMapping, delete, exists, insert, select, update
from sqlalchemy.exc import IntegrityError

from tidings.ids import parse_row_id
from tidings.model import Feed
from tidings.store.schema import feeds, subscriptions


class FeedExistsError(ValueError):
    """A feed with this URL is already subscribed."""


def add_feed(
    conn: Connection, url: str, *, title: str | None, interval_minutes: int, now: datetime,
    readers_only: bool = False,
) -> Feed:
    """Subscribe to ``url``; the new feed is due at once. Raises FeedExistsError.

    ``readers_only``: a reader's subscription adds it, and it is polled only while some reader
    subscribes (an administrator's feed is polled until removed)."""
    values: dict[str, Any] = {
        "url": url,
        "title": title,
        "interval_minutes": interval_minutes,
        "created_at": now,
        "next_fetch_at": now,
        "error_count": 0,
        "readers_only": readers_only,
    }
    try:
        with conn.begin_nested():
            row = conn.execute(insert(feeds).values(values).returning(*feeds.c)).mappings().one()
    except IntegrityError as error:
        raise FeedExistsError(f"feed already added: {url}") from error
    return _to_feed(row)


def list_feeds(conn: Connection) -> list[Feed]:
    """Every feed, in the order they were added."""
    rows = conn.execute(select(feeds).order_by(feeds.c.id)).mappings()
    return [_to_feed(row) for row in rows]


def get_feed(conn: Connection, feed_id: int) -> Feed | None:
    row = conn.execute(select(feeds).where(feeds.c.id == feed_id)).mappings().first()
    return _to_feed(row) if row else None


def find_feed(conn: Connection, id_or_url: str) -> Feed | None:
    """The feed with this id (all digits) or this URL."""
    key = id_or_url.strip()
    if key.isdigit():
        feed_id = parse_row_id(key)
        return get_feed(conn, feed_id) if feed_id is not None else None
    row = conn.execute(select(feeds).where(feeds.c.url == key)).mappings().first()
    return _to_feed(row) if row else None


def keep_feed(conn: Connection, feed_id: int) -> None:
    """An administrator adds a feed readers had added: it is polled until removed."""
    conn.execute(update(feeds).where(feeds.c.id == feed_id).values(readers_only=False))


def remove_feed(conn: Connection, feed_id: int) -> bool:
    """Unsubscribe; its queue items go, its articles stay (feed_id NULL). False if unknown."""
    return conn.execute(delete(feeds).where(feeds.c.id == feed_id)).rowcount > 0


def due_feeds(conn: Connection, now: datetime, limit: int = 100) -> list[Feed]:
    """Feeds to poll now: never scheduled or due by ``now``, the earliest due first; a feed
    only readers added is left out while nobody subscribes to it."""
    subscribed = exists().where(subscriptions.c.feed_id == feeds.c.id)
    statement = (
        select(feeds)
        .where(feeds.c.next_fetch_at.is_(None) | (feeds.c.next_fetch_at <= now))
        .where(~feeds.c.readers_only | subscribed)
        .order_by(feeds.c.next_fetch_at.asc().nulls_first(), feeds.c.id)
        .limit(limit)
    )
    return [_to_feed(row) for row in conn.execute(statement).mappings()]


def record_feed_success(
    conn: Connection,
    feed_id: int,
    *,
    now: datetime,
    next_fetch_at: datetime,
    etag: str | None,
    last_modified: str | None,
    not_modified: bool,
    title: str | None = None,
    warnings: str | None = None,
) -> None:
    """A poll worked; on a 304 (``not_modified``) the stored validators and warnings are
    kept, else ``warnings`` (what the feed's items lost) replaces the last ones."""
    values: dict[str, Any] = {
        "last_fetched_at": now,
        "next_fetch_at": next_fetch_at,
        "last_status": "not-modified" if not_modified else "ok",
        "last_error": None,
        "error_count": 0,
    }
    if not not_modified:
        values |= {"etag": etag, "last_modified": last_modified, "last_warnings": warnings}
    conn.execute(update(feeds).where(feeds.c.id == feed_id).values(values))
    if title:
        conn.execute(
            update(feeds)
            .where(feeds.c.id == feed_id, feeds.c.title.is_(None) | (feeds.c.title == ""))
            .values(title=title)
        )


def record_feed_error(
    conn: Connection, feed_id: int, *, now: datetime, next_fetch_at: datetime, error: str
) -> None:
    """A poll failed: keep the message and count consecutive failures."""
    conn.execute(
        update(feeds)
        .where(feeds.c.id == feed_id)
        .values(
            last_fetched_at=now,
            next_fetch_at=next_fetch_at,
            last_status="error",
            last_error=error,
            error_count=feeds.c.error_count + 1,
        )
    )


def _to_feed(row: RowMapping) -> Feed:
    return Feed(**row)
