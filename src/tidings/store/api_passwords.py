"""API passwords: what reader apps store on a phone, kept apart from the login password."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, delete, insert, select

from tidings.store.schema import api_passwords


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
