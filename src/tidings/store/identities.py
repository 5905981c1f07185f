"""OpenID Connect identities: which user a provider's (issuer, subject) pair belongs to."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, insert, select

from tidings.store.schema import user_identities


def identity_user_id(conn: Connection, issuer: str, subject: str) -> int | None:
    query = select(user_identities.c.user_id).where(
        user_identities.c.issuer == issuer, user_identities.c.subject == subject)
    return conn.execute(query).scalar()


def add_identity(
    conn: Connection, issuer: str, subject: str, user_id: int, now: datetime
) -> None:
    conn.execute(insert(user_identities).values(
        issuer=issuer, subject=subject, user_id=user_id, created_at=now))
