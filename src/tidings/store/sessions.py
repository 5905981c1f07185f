"""Logins and credentials: sessions, API tokens, password-reset tokens and failed logins.

Tokens are stored as SHA-256 hashes (`tidings.readers.tokens.token_hash`); callers pass the
hash, never the token.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, RowMapping, delete, insert, or_, select, update

from tidings.model import ApiToken
from tidings.store.schema import api_tokens, login_failures, password_resets, sessions


def add_session(
    conn: Connection, user_id: int, token_hash: str, *, now: datetime, expires_at: datetime
) -> None:
    conn.execute(insert(sessions).values(
        token_hash=token_hash, user_id=user_id, created_at=now, expires_at=expires_at))


def session_user_id(conn: Connection, token_hash: str, now: datetime) -> int | None:
    """The user of an unexpired session."""
    query = select(sessions.c.user_id).where(
        sessions.c.token_hash == token_hash, sessions.c.expires_at > now)
    return conn.execute(query).scalar()


def remove_session(conn: Connection, token_hash: str) -> None:
    conn.execute(delete(sessions).where(sessions.c.token_hash == token_hash))


def remove_user_sessions(conn: Connection, user_id: int) -> None:
    conn.execute(delete(sessions).where(sessions.c.user_id == user_id))


def add_api_token(
    conn: Connection, user_id: int, name: str, token_hash: str, now: datetime
) -> ApiToken:
    values = {"user_id": user_id, "name": name, "token_hash": token_hash, "created_at": now}
    row = conn.execute(insert(api_tokens).values(values).returning(*api_tokens.c)).mappings().one()
    return _to_token(row)


def list_api_tokens(conn: Connection, user_id: int) -> list[ApiToken]:
    query = select(api_tokens).where(api_tokens.c.user_id == user_id).order_by(api_tokens.c.id)
    return [_to_token(row) for row in conn.execute(query).mappings()]


def revoke_api_token(conn: Connection, user_id: int, token_id: int, now: datetime) -> bool:
    """Revoke one of this user's tokens; False when they have no such live token."""
    result = conn.execute(update(api_tokens).where(
        api_tokens.c.id == token_id, api_tokens.c.user_id == user_id,
        api_tokens.c.revoked_at.is_(None),
    ).values(revoked_at=now))
    return result.rowcount == 1


def live_api_token(conn: Connection, token_hash: str) -> ApiToken | None:
    """The unrevoked API token with this hash."""
    query = select(api_tokens).where(
        api_tokens.c.token_hash == token_hash, api_tokens.c.revoked_at.is_(None))
    row = conn.execute(query).mappings().first()
    return _to_token(row) if row else None


def record_api_token_use(conn: Connection, token_id: int, now: datetime) -> None:
    conn.execute(update(api_tokens).where(api_tokens.c.id == token_id).values(last_used_at=now))


def add_password_reset(
    conn: Connection, user_id: int, token_hash: str, *, now: datetime, expires_at: datetime
) -> None:
    conn.execute(insert(password_resets).values(
        token_hash=token_hash, user_id=user_id, created_at=now, expires_at=expires_at))


def password_reset(conn: Connection, token_hash: str) -> RowMapping | None:
    """The reset row (user_id, expires_at, used_at) for this token hash."""
    query = select(password_resets).where(password_resets.c.token_hash == token_hash)
    return conn.execute(query).mappings().first()


def use_password_reset(conn: Connection, token_hash: str, now: datetime) -> bool:
    """Mark the reset used; False when it already was (a second, racing use)."""
    result = conn.execute(update(password_resets).where(
        password_resets.c.token_hash == token_hash, password_resets.c.used_at.is_(None),
    ).values(used_at=now))
    return result.rowcount == 1


def record_login_failure(conn: Connection, username: str, ip: str, now: datetime) -> None:
    conn.execute(insert(login_failures).values(username=username, ip=ip, failed_at=now))


def login_failures_since(
    conn: Connection, *, username: str | None = None, ip: str | None = None, since: datetime
) -> list[datetime]:
    """Times of failed logins for this account or from this address since `since`."""
    who = login_failures.c.username == username if username else login_failures.c.ip == ip
    query = select(login_failures.c.failed_at).where(who, login_failures.c.failed_at >= since)
    return list(conn.execute(query).scalars())


def clear_login_failures(conn: Connection, username: str, before: datetime) -> None:
    """Forget an account's failures (after a successful login) and everyone's old ones."""
    conn.execute(delete(login_failures).where(or_(
        login_failures.c.username == username, login_failures.c.failed_at < before)))


def _to_token(row: RowMapping) -> ApiToken:
    return ApiToken(
        id=row["id"], user_id=row["user_id"], name=row["name"], created_at=row["created_at"],
        last_used_at=row["last_used_at"], revoked_at=row["revoked_at"],
    )
