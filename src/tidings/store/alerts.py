"""Alerts: how far matching has got, who was told about which story, and the deliveries
queue (emails and webhook calls, retried with backoff), each delivery claimed by one worker
under a lease and marked "sending" before it goes out."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, RowMapping, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from tidings.model import Delivery
from tidings.store.schema import cursors, deliveries, notified


def cursor(conn: Connection, name: str) -> int:
    """The stored position of a pass (0 before the first)."""
    found = conn.execute(select(cursors.c.position).where(cursors.c.name == name)).scalar()
    return int(found or 0)


def set_cursor(conn: Connection, name: str, position: int) -> None:
    if conn.execute(update(cursors).where(cursors.c.name == name).values(
            position=position)).rowcount == 0:
        conn.execute(insert(cursors).values(name=name, position=position))


def first_notice(conn: Connection, user_id: int, follow_id: int, story_id: int,
                 now: datetime) -> bool:
    """Record that this reader heard of this story through this follow; False if they had."""
    try:
        with conn.begin_nested():
            conn.execute(insert(notified).values(
                user_id=user_id, follow_id=follow_id, story_id=story_id, created_at=now))
    except IntegrityError:
        return False
    return True


def enqueue(conn: Connection, *, user_id: int, channel: str, kind: str, target: str,
            subject: str, payload: dict[str, Any], now: datetime) -> int:
    values = {"user_id": user_id, "channel": channel, "kind": kind, "target": target,
              "subject": subject, "payload": payload, "status": "pending", "attempts": 0,
              "next_attempt_at": now, "created_at": now}
    return int(conn.execute(insert(deliveries).values(values).returning(deliveries.c.id))
               .scalar_one())


UNKNOWN_NOTE = "the worker stopped while sending it: not sent again (at most once)"


def claim_due(conn: Connection, now: datetime, *, owner: str, lease_seconds: float,
              limit: int = 20, ids: Collection[int] | None = None) -> list[Delivery]:
    """Lease up to `limit` due deliveries (of `ids` only, when given) to `owner` (status
    "claimed"), oldest due first.

    First settles the claims of dead workers: an expired "claimed" row is pending again; an
    expired "sending" webhook is pending again (it carries its idempotency key, so the
    receiver drops a second copy); an expired "sending" email becomes "unknown" and is never
    sent again. Rows are locked ``FOR UPDATE SKIP LOCKED`` on PostgreSQL; on SQLite the write
    transaction (``BEGIN IMMEDIATE``) serialises claims.
    """
    d = deliveries.c
    expired = d.leased_until < now
    free = {"claimed_by": None, "leased_until": None}
    conn.execute(update(deliveries).where(
        expired, (d.status == "claimed") | ((d.status == "sending") & (d.channel != "email"))
    ).values(status="pending", **free))
    conn.execute(update(deliveries).where(expired, d.status == "sending").values(
        status="unknown", last_error=UNKNOWN_NOTE, **free))
    due = (d.status == "pending") & (d.next_attempt_at <= now)
    if ids is not None:
        due = due & d.id.in_(list(ids))
    ids = list(conn.execute(
        select(d.id).where(due)
        .order_by(d.next_attempt_at, d.id).limit(limit).with_for_update(skip_locked=True)
    ).scalars())
    if not ids:
        return []
    conn.execute(update(deliveries).where(d.id.in_(ids)).values(
        status="claimed", claimed_by=owner,
        leased_until=now + timedelta(seconds=lease_seconds)))
    rows = conn.execute(select(deliveries).where(d.id.in_(ids))).mappings()
    by_id = {row["id"]: _to_delivery(row) for row in rows}
    return [by_id[delivery_id] for delivery_id in ids]


def oldest_unsent(conn: Connection) -> datetime | None:
    """When the longest-waiting delivery not settled yet was queued (None: none waits)."""
    d = deliveries.c
    return conn.execute(select(func.min(d.created_at)).where(
        d.status.in_(("pending", "claimed", "sending")))).scalar()


def claim_owners(conn: Connection) -> set[str]:
    """The workers holding claimed or sending deliveries."""
    d = deliveries.c
    statement = select(d.claimed_by).where(d.status.in_(("claimed", "sending"))).distinct()
    return {owner for owner in conn.execute(statement).scalars() if owner}


def expire_claims(conn: Connection, owners: Collection[str], *, now: datetime) -> int:
    """Let the leases of these owners (known to be dead) run out now: the next `claim_due`
    settles their deliveries as it does any expired claim."""
    if not owners:
        return 0
    d = deliveries.c
    return conn.execute(update(deliveries).where(
        d.claimed_by.in_(list(owners)), d.status.in_(("claimed", "sending")),
    ).values(leased_until=now)).rowcount


def due_ids(conn: Connection, now: datetime, *, limit: int = 1000) -> list[int]:
    """Deliveries due to be sent now (a worker claims each before sending it)."""
    d = deliveries.c
    statement = select(d.id).where(d.status == "pending", d.next_attempt_at <= now)
    return list(conn.execute(statement.order_by(d.next_attempt_at, d.id).limit(limit)).scalars())


def start_sending(conn: Connection, delivery_id: int, *, owner: str, now: datetime,
                  lease_seconds: float) -> bool:
    """Record the intent to send (status "sending") if `owner` still holds the claim; False
    when it lost it (the lease ran out and another worker took the delivery): do not send."""
    d = deliveries.c
    moved = conn.execute(update(deliveries).where(
        d.id == delivery_id, d.status == "claimed", d.claimed_by == owner,
    ).values(status="sending", leased_until=now + timedelta(seconds=lease_seconds)))
    return moved.rowcount == 1


def mark_sent(conn: Connection, delivery_id: int, now: datetime, *, owner: str) -> bool:
    """The delivery went out; False when `owner` no longer held it."""
    return _settle(conn, delivery_id, owner, {
        "status": "sent", "sent_at": now, "attempts": deliveries.c.attempts + 1,
        "last_error": None})


def mark_failed(conn: Connection, delivery_id: int, error: str, *, owner: str,
                retry_at: datetime | None) -> bool:
    """One more failed attempt: retried at `retry_at`, or given up on when it is None. False
    when `owner` no longer held the delivery."""
    values: dict[str, Any] = {"attempts": deliveries.c.attempts + 1, "last_error": error,
                              "status": "failed" if retry_at is None else "pending"}
    if retry_at is not None:
        values["next_attempt_at"] = retry_at
    return _settle(conn, delivery_id, owner, values)


def _settle(conn: Connection, delivery_id: int, owner: str, values: dict[str, Any]) -> bool:
    d = deliveries.c
    done = conn.execute(update(deliveries).where(
        d.id == delivery_id, d.claimed_by == owner, d.status.in_(("claimed", "sending")),
    ).values(**values, claimed_by=None, leased_until=None))
    return done.rowcount == 1


def count_by_status(conn: Connection) -> dict[str, int]:
    """Deliveries in each status that has any."""
    statement = select(deliveries.c.status, func.count()).group_by(deliveries.c.status)
    return {status: count for status, count in conn.execute(statement)}


def user_deliveries(conn: Connection, user_id: int, *, limit: int = 20) -> list[Delivery]:
    """The reader's latest deliveries, newest first."""
    query = select(deliveries).where(deliveries.c.user_id == user_id).order_by(
        deliveries.c.id.desc()).limit(limit)
    return [_to_delivery(row) for row in conn.execute(query).mappings()]


def _to_delivery(row: RowMapping) -> Delivery:
    return Delivery(**{column: row[column] for column in (
        "id", "user_id", "channel", "kind", "target", "subject", "payload", "status",
        "attempts", "next_attempt_at", "last_error", "created_at", "sent_at")})
