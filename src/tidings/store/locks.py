"""Named leases in the database: one holder at a time, taken over when it expires."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta

from sqlalchemy import Connection, delete, select, update

from tidings.store.dialect import insert_ignore
from tidings.store.schema import locks


def acquire_lock(conn: Connection, name: str, holder: str, *, now: datetime,
                 seconds: float) -> bool:
    """Take (or renew) the lease `name` for `holder`; False while someone else holds it."""
    expires = now + timedelta(seconds=seconds)
    if insert_ignore(conn, locks, [{"name": name, "holder": holder, "expires_at": expires}],
                     conflict=["name"]):
        return True
    taken = conn.execute(
        update(locks)
        .where(locks.c.name == name, (locks.c.holder == holder) | (locks.c.expires_at < now))
        .values(holder=holder, expires_at=expires)
    )
    return taken.rowcount == 1


class LeaseLost(Exception):
    """The holder's lease ran out and another process took it over: the holder must stop
    (and roll back the transaction it was about to commit)."""


def renew_lock(conn: Connection, name: str, holder: str, *, now: datetime,
               seconds: float) -> None:
    """Extend `holder`'s lease `name`; raises LeaseLost when `holder` no longer has it. Call
    it first in the transaction that writes the holder's work, so the work and the proof of
    the lease commit together (fencing)."""
    renewed = conn.execute(update(locks).where(locks.c.name == name, locks.c.holder == holder)
                           .values(expires_at=now + timedelta(seconds=seconds)))
    if renewed.rowcount != 1:
        raise LeaseLost(f"the lease {name!r} of {holder} was taken over")


def expire_lock(conn: Connection, name: str, holder: str, *, at: datetime) -> None:
    """Let `holder`'s lease run out at `at` (free now when `at` is past): nobody takes it
    before then."""
    conn.execute(update(locks).where(locks.c.name == name, locks.c.holder == holder)
                 .values(expires_at=at))


def holders(conn: Connection, names: Collection[str]) -> dict[str, str]:
    """Who holds each of these leases (expired or not)."""
    rows = conn.execute(select(locks.c.name, locks.c.holder).where(locks.c.name.in_(names)))
    return {name: holder for name, holder in rows}


def all_holders(conn: Connection) -> set[str]:
    return set(conn.execute(select(locks.c.holder).distinct()).scalars())


def expire_holders(conn: Connection, holders: Collection[str], *, now: datetime) -> int:
    """Let every lease of these holders (known to be dead) run out now."""
    if not holders:
        return 0
    return conn.execute(update(locks).where(locks.c.holder.in_(list(holders)))
                        .values(expires_at=now)).rowcount


def release_lock(conn: Connection, name: str, holder: str) -> None:
    conn.execute(delete(locks).where(locks.c.name == name, locks.c.holder == holder))
