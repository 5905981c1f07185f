"""Readers' subscriptions: which sources each reader follows, under which name and folder."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from tidings.model import Feed
from tidings.store.schema import feeds, subscriptions


@dataclass(frozen=True)
class Subscription:
    """One reader's subscription to a source."""

    id: int
    user_id: int
    feed: Feed
    title: str
    """The reader's name for it, else the feed's title, else its URL."""
    folder: str | None
    created_at: datetime


def subscribe(conn: Connection, user_id: int, feed_id: int, *, title: str | None,
              folder: str | None, now: datetime) -> bool:
    """Subscribe a reader to a source; False when they already were (nothing changes)."""
    try:
        with conn.begin_nested():
            conn.execute(insert(subscriptions).values(
                user_id=user_id, feed_id=feed_id, title=title or None, folder=folder or None,
                created_at=now))
    except IntegrityError:
        return False
    return True


def unsubscribe(conn: Connection, user_id: int, feed_ids: Sequence[int]) -> int:
    """Remove these subscriptions of one reader (the sources stay); how many went."""
    if not feed_ids:
        return 0
    return conn.execute(delete(subscriptions).where(
        subscriptions.c.user_id == user_id, subscriptions.c.feed_id.in_(list(feed_ids)))).rowcount


def edit(conn: Connection, user_id: int, feed_id: int, **values: str | None) -> bool:
    """Set `title` and/or `folder` of one subscription; False when there is no such one."""
    return conn.execute(update(subscriptions).where(
        subscriptions.c.user_id == user_id, subscriptions.c.feed_id == feed_id,
    ).values(values)).rowcount == 1


def rename_folder(conn: Connection, user_id: int, old: str, new: str | None) -> int:
    """Rename a folder (None: remove it, its feeds stay unfiled); how many feeds moved."""
    return conn.execute(update(subscriptions).where(
        subscriptions.c.user_id == user_id, subscriptions.c.folder == old,
    ).values(folder=new or None)).rowcount


def list_subscriptions(conn: Connection, user_id: int) -> list[Subscription]:
    """A reader's subscriptions, by folder then name."""
    query = (select(subscriptions, *feeds.c).join(feeds, feeds.c.id == subscriptions.c.feed_id)
             .where(subscriptions.c.user_id == user_id))
    found = []
    for row in conn.execute(query).mappings():
        feed = Feed(**{c.name: row[c] for c in feeds.c})
        found.append(Subscription(
            id=row[subscriptions.c.id], user_id=user_id, feed=feed,
            title=row[subscriptions.c.title] or feed.title or feed.url,
            folder=row[subscriptions.c.folder], created_at=row[subscriptions.c.created_at]))
    return sorted(found, key=lambda s: (s.folder or "", s.title.casefold(), s.feed.id))


def folders(conn: Connection, user_id: int) -> list[str]:
    query = (select(subscriptions.c.folder).distinct()
             .where(subscriptions.c.user_id == user_id, subscriptions.c.folder.is_not(None)))
    return sorted(conn.execute(query).scalars(), key=str.casefold)


def subscribed_feed_ids(conn: Connection, user_id: int, *, folder: str | None = None
                        ) -> list[int]:
    query = select(subscriptions.c.feed_id).where(subscriptions.c.user_id == user_id)
    if folder is not None:
        query = query.where(subscriptions.c.folder == folder)
    return list(conn.execute(query).scalars())


def has_subscribers(conn: Connection, feed_id: int) -> bool:
    query = select(subscriptions.c.id).where(subscriptions.c.feed_id == feed_id).limit(1)
    return conn.execute(query).first() is not None


def subscriber_counts(conn: Connection) -> dict[int, int]:
    """Readers subscribed to each source that has any."""
    query = select(subscriptions.c.feed_id, func.count()).group_by(subscriptions.c.feed_id)
    return {feed_id: count for feed_id, count in conn.execute(query)}
