"""Credentials of reader apps: API passwords (what an app stores on a phone, never the login
password) and the private tokens in the addresses of a reader's own feeds."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, delete, insert, select

from tidings.store.schema import api_passwords, feed_tokens


def set_api_password(conn: Connection, user_id: int, *, password_hash: str, fever_key_hash: str,
                     now: datetime) -> None:
    """Replace the reader's API password (one per reader)."""
    conn.execute(delete(api_passwords).where(api_passwords.c.user_id == user_id))
    conn.execute(insert(api_passwords).values(
        user_id=user_id, password_hash=password_hash, fever_key_hash=fever_key_hash,
        created_at=now))


def remove_api_password(conn: Connection, user_id: int) -> bool:
    return conn.execute(delete(api_passwords).where(
        api_passwords.c.user_id == user_id)).rowcount == 1


def api_password_hash(conn: Connection, user_id: int) -> str | None:
    return conn.execute(select(api_passwords.c.password_hash).where(
        api_passwords.c.user_id == user_id)).scalar()


def api_password_created(conn: Connection, user_id: int) -> datetime | None:
    return conn.execute(select(api_passwords.c.created_at).where(
        api_passwords.c.user_id == user_id)).scalar()


def fever_user_id(conn: Connection, fever_key_hash: str) -> int | None:
    return conn.execute(select(api_passwords.c.user_id).where(
        api_passwords.c.fever_key_hash == fever_key_hash)).scalar()


def set_feed_token(conn: Connection, user_id: int, token_hash: str, now: datetime) -> None:
    """Replace the reader's private feed token (the old addresses stop working)."""
    conn.execute(delete(feed_tokens).where(feed_tokens.c.user_id == user_id))
    conn.execute(insert(feed_tokens).values(user_id=user_id, token_hash=token_hash,
                                            created_at=now))


def remove_feed_token(conn: Connection, user_id: int) -> None:
    conn.execute(delete(feed_tokens).where(feed_tokens.c.user_id == user_id))


def has_feed_token(conn: Connection, user_id: int) -> bool:
    return conn.execute(select(feed_tokens.c.user_id).where(
        feed_tokens.c.user_id == user_id)).first() is not None


def feed_token_user_id(conn: Connection, token_hash: str) -> int | None:
    return conn.execute(select(feed_tokens.c.user_id).where(
        feed_tokens.c.token_hash == token_hash)).scalar()
