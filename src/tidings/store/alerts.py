"""Alerts: how far matching has got, who was told about which story, and the deliveries
queue (emails and webhook calls, retried with backoff)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, RowMapping, insert, select, update
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


def due(conn: Connection, now: datetime, *, limit: int = 100) -> list[Delivery]:
    query = select(deliveries).where(
        deliveries.c.status == "pending", deliveries.c.next_attempt_at <= now,
    ).order_by(deliveries.c.next_attempt_at, deliveries.c.id).limit(limit)
    return [_to_delivery(row) for row in conn.execute(query).mappings()]


def mark_sent(conn: Connection, delivery_id: int, now: datetime) -> None:
    conn.execute(update(deliveries).where(deliveries.c.id == delivery_id).values(
        status="sent", sent_at=now, attempts=deliveries.c.attempts + 1, last_error=None))


def mark_failed(conn: Connection, delivery_id: int, error: str, *,
                retry_at: datetime | None) -> None:
    """One more failed attempt: retried at `retry_at`, or given up on when it is None."""
    values: dict[str, Any] = {"attempts": deliveries.c.attempts + 1, "last_error": error}
    if retry_at is None:
        values["status"] = "failed"
    else:
        values["next_attempt_at"] = retry_at
    conn.execute(update(deliveries).where(deliveries.c.id == delivery_id).values(values))


def user_deliveries(conn: Connection, user_id: int, *, limit: int = 20) -> list[Delivery]:
    """The reader's latest deliveries, newest first."""
    query = select(deliveries).where(deliveries.c.user_id == user_id).order_by(
        deliveries.c.id.desc()).limit(limit)
    return [_to_delivery(row) for row in conn.execute(query).mappings()]


def _to_delivery(row: RowMapping) -> Delivery:
    return Delivery(**{column: row[column] for column in (
        "id", "user_id", "channel", "kind", "target", "subject", "payload", "status",
        "attempts", "next_attempt_at", "last_error", "created_at", "sent_at")})
