"""Who is calling the JSON API: a bearer API token, or the session cookie with a CSRF header
for calls that change something."""

from __future__ import annotations

from fastapi import HTTPException, Request
from sqlalchemy import Engine

from tidings.config import Settings
from tidings.model import User
from tidings.pipeline import accounts


def engine_of(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def caller(request: Request, *, write: bool) -> User | None:
    """The API token's owner or the signed-in reader (CSRF-checked when `write`), or None."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        owner = accounts.bearer_user(engine_of(request), header[7:].strip())
        if owner is None:
            raise HTTPException(401, "Invalid or revoked API token.",
                                headers={"WWW-Authenticate": "Bearer"})
        return owner
    user: User | None = getattr(request.state, "user", None)
    if user and write:
        settings: Settings = request.app.state.settings
        secret = accounts.secret_key(engine_of(request), settings)
        if not accounts.csrf_ok(secret, request.state.csrf_seed,
                                request.headers.get("x-csrf-token")):
            raise HTTPException(403, "Missing or wrong X-CSRF-Token header.")
    return user


def reader(request: Request) -> User:
    """The signed-in caller of a call that only reads; 401 when anonymous."""
    return _required(caller(request, write=False))


def writer(request: Request) -> User:
    """The signed-in caller of a call that changes something; 401 when anonymous."""
    return _required(caller(request, write=True))


def _required(user: User | None) -> User:
    if user is None:
        raise HTTPException(401, "Log in or send an API token.",
                            headers={"WWW-Authenticate": "Bearer"})
    return user


def settings_of(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings
