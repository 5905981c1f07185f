"""The database is the queue: pages waiting to be fetched and extracted.

An item is ``pending`` (maybe with a ``not_before`` retry time), ``running`` under a lease,
``done`` or ``error`` (given up). A claimed item whose lease ran out (its worker died) is
claimable again, so a killed process loses nothing.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, RowMapping, bindparam, func, select, update

from tidings.model import FeedEntry, QueuedItem
from tidings.store.dialect import insert_ignore
from tidings.store.schema import QUEUE_STATUSES, article_urls, queue_items

CHUNK = 500
"""URLs looked up and inserted per statement (a sitemap can list 50,000)."""


def enqueue(
    conn: Connection, entries: Sequence[FeedEntry], *, feed_id: int | None, now: datetime
) -> int:
    """Queue the entries whose URL is neither queued nor stored yet; how many were new."""
    by_url = {entry.url: entry for entry in entries}
    urls = list(by_url)
    added = 0
    for start in range(0, len(urls), CHUNK):
        chunk = urls[start : start + CHUNK]
        stored = set(
            conn.execute(select(article_urls.c.url).where(article_urls.c.url.in_(chunk))).scalars()
        )
        rows = [
            _entry_row(by_url[url], feed_id=feed_id, now=now) for url in chunk if url not in stored
        ]
        added += insert_ignore(conn, queue_items, rows, conflict=["url"])
    return added


def claim_pending(
    conn: Connection, *, limit: int, now: datetime, lease_seconds: int = 300, owner: str = "",
    ids: Collection[int] | None = None,
) -> list[QueuedItem]:
    """Lease up to ``limit`` items (of ``ids`` only, when given) to the worker ``owner``, the
    newest entries first.

    Takes pending items that are due and running items whose lease expired. On PostgreSQL the
    rows are locked with ``FOR UPDATE SKIP LOCKED``, so concurrent workers never get the same
    item; on SQLite the write transaction (``BEGIN IMMEDIATE``) serialises claims.
    """
    q = queue_items.c
    claimable = ((q.status == "pending") & (q.not_before.is_(None) | (q.not_before <= now))) | (
        (q.status == "running") & (q.leased_until < now)
    )
    if ids is not None:
        claimable = claimable & q.id.in_(list(ids))
    ids = list(
        conn.execute(
            select(q.id)
            .where(claimable)
            .order_by(q.published_at.desc().nulls_last(), q.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        ).scalars()
    )
    if not ids:
        return []
    leased_until = now + timedelta(seconds=lease_seconds)
    conn.execute(
        update(queue_items)
        .where(q.id.in_(ids))
        .values(status="running", leased_until=leased_until, claimed_by=owner, updated_at=now)
    )
    rows = conn.execute(select(queue_items).where(q.id.in_(ids))).mappings()
    by_id = {row["id"]: _to_item(row) for row in rows}
    return [by_id[item_id] for item_id in ids]


def item_url(conn: Connection, item_id: int) -> str | None:
    return conn.execute(select(queue_items.c.url).where(queue_items.c.id == item_id)).scalar()


def claimable_ids(conn: Connection, *, now: datetime, limit: int) -> list[int]:
    """Items a worker could claim now (pending and due, or leased to a worker that died)."""
    q = queue_items.c
    claimable = ((q.status == "pending") & (q.not_before.is_(None) | (q.not_before <= now))) | (
        (q.status == "running") & (q.leased_until < now))
    statement = select(q.id).where(claimable).order_by(q.published_at.desc().nulls_last(), q.id)
    return list(conn.execute(statement.limit(limit)).scalars())


def claim_owners(conn: Connection) -> set[str]:
    """The workers holding claims on running items."""
    q = queue_items.c
    statement = select(q.claimed_by).where(q.status == "running").distinct()
    return {owner for owner in conn.execute(statement).scalars() if owner}


def release_claims(conn: Connection, owners: Collection[str], *, now: datetime) -> int:
    """Put the running items of workers known to be dead back in the queue (one attempt used).

    Saves waiting for their leases to run out after a crash; returns how many were released.
    """
    if not owners:
        return 0
    q = queue_items.c
    result = conn.execute(
        update(queue_items)
        .where((q.status == "running") & q.claimed_by.in_(list(owners)))
        .values(status="pending", leased_until=None, claimed_by=None,
                attempts=q.attempts + 1, updated_at=now)
    )
    return result.rowcount


def mark_done(conn: Connection, item_id: int, *, article_id: int | None, now: datetime,
              note: str | None = None) -> None:
    """The item was processed; ``article_id`` is the stored article, if any. ``note`` (kept as
    ``last_error``) says why it was stored headline-only, or what of the page was left out."""
    conn.execute(
        update(queue_items)
        .where(queue_items.c.id == item_id)
        .values(
            status="done", article_id=article_id, leased_until=None, last_error=note, updated_at=now
        )
    )


def mark_all_done(conn: Connection, done: Sequence[tuple[int, int | None, str | None]], *,
                  now: datetime) -> None:
    """`mark_done` for many items in one statement: (item id, article id, note) each."""
    if not done:
        return
    conn.execute(
        update(queue_items).where(queue_items.c.id == bindparam("item"))
        .values(status="done", article_id=bindparam("article"), leased_until=None,
                last_error=bindparam("note"), updated_at=now),
        [{"item": item, "article": article, "note": note} for item, article, note in done],
    )


def mark_failed(
    conn: Connection, item_id: int, *, error: str, now: datetime, retry_at: datetime | None
) -> None:
    """The item failed: retry it from ``retry_at``, or give up for good when that is None."""
    conn.execute(
        update(queue_items)
        .where(queue_items.c.id == item_id)
        .values(
            status="error" if retry_at is None else "pending",
            not_before=retry_at,
            attempts=queue_items.c.attempts + 1,
            last_error=error,
            leased_until=None,
            updated_at=now,
        )
    )


def pending_count(conn: Connection) -> int:
    """Items still to process: pending plus running."""
    statement = select(func.count()).where(queue_items.c.status.in_(("pending", "running")))
    return conn.execute(statement).scalar_one()


def oldest_pending(conn: Connection) -> datetime | None:
    """When the longest-waiting item still to process was queued, or None when none waits."""
    statement = select(func.min(queue_items.c.created_at)).where(
        queue_items.c.status.in_(("pending", "running")))
    return conn.execute(statement).scalar()


def count_by_status(conn: Connection) -> dict[str, int]:
    """Number of items in each status, every status present (zero when none)."""
    counts = dict.fromkeys(QUEUE_STATUSES, 0)
    statement = select(queue_items.c.status, func.count()).group_by(queue_items.c.status)
    for status, count in conn.execute(statement):
        counts[status] = count
    return counts


def _entry_row(entry: FeedEntry, *, feed_id: int | None, now: datetime) -> dict[str, Any]:
    return {
        "url": entry.url,
        "feed_id": feed_id,
        "status": "pending",
        "attempts": 0,
        "title": entry.title,
        "guid": entry.guid,
        "published_at": entry.published_at,
        "summary": entry.summary,
        "authors": list(entry.authors),
        "created_at": now,
        "updated_at": now,
    }


def _to_item(row: RowMapping) -> QueuedItem:
    entry = FeedEntry(
        url=row["url"],
        title=row["title"],
        guid=row["guid"],
        published_at=row["published_at"],
        summary=row["summary"],
        authors=tuple(row["authors"]),
    )
    return QueuedItem(
        id=row["id"], url=row["url"], feed_id=row["feed_id"], attempts=row["attempts"], entry=entry
    )
