"""Claims on articles being enriched: one worker at a time per article, under a lease.

A worker claims a batch before analysing it and gives each claim back in the transaction that
stores the article's enrichment; a claim it no longer holds (its lease ran out and another
worker took the article over) means its result is dropped, not written (fencing). A claim
that ran out ``MAX_ATTEMPTS`` times (the article keeps killing its worker) is given up: the
article is recorded as failed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import Connection, delete, exists, select, update

from tidings.store.dialect import insert_ignore
from tidings.store.enrichment import record_run
from tidings.store.schema import enrichment_claims, enrichment_runs

MAX_ATTEMPTS = 3
GAVE_UP = "its worker stopped {attempts} times while enriching it"


def claim_articles(conn: Connection, ids: Sequence[int], *, owner: str, now: datetime,
                   lease_seconds: float, force: bool = False) -> list[int]:
    """Lease to `owner` those of `ids` that nobody else holds (or whose lease ran out) and,
    unless `force`, that are not enriched yet; returns them in the order given."""
    c = enrichment_claims.c
    _give_up_stuck(conn, ids, now)
    until = now + timedelta(seconds=lease_seconds)
    insert_ignore(conn, enrichment_claims, [
        {"article_id": i, "claimed_by": owner, "leased_until": until, "attempts": 1}
        for i in ids], conflict=["article_id"])
    conn.execute(update(enrichment_claims).where(
        c.article_id.in_(ids), c.leased_until < now, c.claimed_by != owner,
    ).values(claimed_by=owner, leased_until=until, attempts=c.attempts + 1))
    held = select(c.article_id).where(c.article_id.in_(ids), c.claimed_by == owner)
    if not force:  # read after the claim, so an article enriched meanwhile is seen as such
        done = list(conn.execute(held.where(
            exists().where(enrichment_runs.c.article_id == c.article_id))).scalars())
        release_claims(conn, done, owner=owner)
    mine = set(conn.execute(held).scalars())
    return [i for i in ids if i in mine]


def finish_claim(conn: Connection, article_id: int, *, owner: str) -> bool:
    """Give back `owner`'s claim on the article; False when it no longer held it (do not
    write its result). Call it first in the transaction that stores the result."""
    c = enrichment_claims.c
    gone = conn.execute(delete(enrichment_claims).where(
        c.article_id == article_id, c.claimed_by == owner))
    return gone.rowcount == 1


def renew_claims(conn: Connection, ids: Sequence[int], *, owner: str, now: datetime,
                 lease_seconds: float) -> None:
    c = enrichment_claims.c
    conn.execute(update(enrichment_claims).where(c.article_id.in_(ids), c.claimed_by == owner)
                 .values(leased_until=now + timedelta(seconds=lease_seconds)))


def release_claims(conn: Connection, ids: Sequence[int], *, owner: str) -> None:
    """Give back claims unused (the run stopped before enriching these articles)."""
    c = enrichment_claims.c
    conn.execute(delete(enrichment_claims).where(c.article_id.in_(ids), c.claimed_by == owner))


def claim_owners(conn: Connection) -> set[str]:
    return set(conn.execute(select(enrichment_claims.c.claimed_by).distinct()).scalars())


def expire_claims(conn: Connection, owners: Sequence[str], *, now: datetime) -> int:
    """Let the claims of these owners (known to be dead) run out now (an attempt is still
    counted when the article is claimed again)."""
    if not owners:
        return 0
    c = enrichment_claims.c
    return conn.execute(update(enrichment_claims).where(c.claimed_by.in_(list(owners)))
                        .values(leased_until=now)).rowcount


def _give_up_stuck(conn: Connection, ids: Sequence[int], now: datetime) -> None:
    c = enrichment_claims.c
    stuck = conn.execute(select(c.article_id, c.attempts).where(
        c.article_id.in_(ids), c.leased_until < now, c.attempts >= MAX_ATTEMPTS,
    ).with_for_update(skip_locked=True)).all()
    for article_id, attempts in stuck:
        record_run(conn, article_id, now=now, error=GAVE_UP.format(attempts=attempts))
    conn.execute(delete(enrichment_claims).where(c.article_id.in_([a for a, _ in stuck])))
