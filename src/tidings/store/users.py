"""Accounts: users, their roles and bans, and the server's generated secrets."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, RowMapping, insert, select, update
from sqlalchemy.exc import IntegrityError

from tidings.model import User
from tidings.store.schema import app_secrets, users


class UserExistsError(ValueError):
    """The username or the email address is taken; `field` says which."""

    def __init__(self, field: str) -> None:
        super().__init__(f"{field} taken")
        self.field = field


def add_user(
    conn: Connection, *, username: str, email: str, password_hash: str, role: str,
    now: datetime, display_name: str = "",
) -> User:
    """A new account; raises UserExistsError when the username or email is taken."""
    for field, value in (("username", username), ("email", email)):
        if conn.execute(select(users.c.id).where(users.c[field] == value)).first():
            raise UserExistsError(field)
    values = {"username": username, "email": email, "password_hash": password_hash,
              "role": role, "created_at": now, "display_name": display_name}
    try:
        with conn.begin_nested():
            row = conn.execute(insert(users).values(values).returning(*users.c)).mappings().one()
    except IntegrityError as error:
        raise UserExistsError("username") from error
    return _to_user(row)


def get_user(conn: Connection, user_id: int) -> User | None:
    row = conn.execute(select(users).where(users.c.id == user_id)).mappings().first()
    return _to_user(row) if row else None


def find_user(conn: Connection, name_or_email: str) -> tuple[User, str] | None:
    """The user with this username or email address, and their password hash."""
    column = users.c.email if "@" in name_or_email else users.c.username
    row = conn.execute(select(users).where(column == name_or_email)).mappings().first()
    return (_to_user(row), row["password_hash"]) if row else None


def list_users(conn: Connection) -> list[User]:
    return [_to_user(r) for r in conn.execute(select(users).order_by(users.c.id)).mappings()]


def password_hash_of(conn: Connection, user_id: int) -> str | None:
    return conn.execute(select(users.c.password_hash).where(users.c.id == user_id)).scalar()


def set_password_hash(conn: Connection, user_id: int, password_hash: str) -> None:
    conn.execute(update(users).where(users.c.id == user_id).values(password_hash=password_hash))


def set_display_name(conn: Connection, user_id: int, display_name: str) -> None:
    conn.execute(update(users).where(users.c.id == user_id).values(display_name=display_name))


def set_role(conn: Connection, user_id: int, role: str) -> None:
    conn.execute(update(users).where(users.c.id == user_id).values(role=role))


def ban_user(conn: Connection, user_id: int, now: datetime) -> None:
    conn.execute(update(users).where(users.c.id == user_id).values(banned_at=now))


def stored_secret(conn: Connection, name: str) -> str | None:
    """The secret `name`, or None when none is stored yet."""
    stored = conn.execute(select(app_secrets.c.value).where(app_secrets.c.name == name)).scalar()
    return None if stored is None else str(stored)


def secret(conn: Connection, name: str, candidate: str) -> str:
    """The stored secret `name`; stores `candidate` first when there is none yet."""
    stored = stored_secret(conn, name)
    if stored is not None:
        return stored
    try:
        with conn.begin_nested():
            conn.execute(insert(app_secrets).values(name=name, value=candidate))
    except IntegrityError:
        return str(conn.execute(
            select(app_secrets.c.value).where(app_secrets.c.name == name)).scalar_one())
    return candidate


def _to_user(row: RowMapping) -> User:
    return User(
        id=row["id"], username=row["username"], email=row["email"],
        display_name=row["display_name"], role=row["role"], created_at=row["created_at"],
        banned_at=row["banned_at"],
    )
