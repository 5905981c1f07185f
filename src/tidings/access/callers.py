"""Who is calling: the owner of an `Authorization: Bearer` API token, else the reader signed in
with the session cookie, and whether a cookie-borne call carries its CSRF token.

`web.sessions.LoadVisitor` (middleware on every request) sets `request.state.user` from the
cookie and `request.state.csrf_seed`; the CSRF token is an HMAC of that seed under the secret
key, sent as the `csrf_token` form field or the `X-CSRF-Token` header.
"""

from __future__ import annotations

from fastapi import HTTPException, Request
from sqlalchemy import Engine

from tidings.model import User
from tidings.readers import accounts

BAD_TOKEN = "Invalid or revoked API token."
CSRF_FAILED = "This form has expired or came from another site. Go back, reload and try again."
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def bearer_token(request: Request) -> str | None:
    """The API token of an `Authorization: Bearer` header, if one is sent."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else None


def caller_of(request: Request) -> User | None:
    """The token's owner (401 for a bad token) or the signed-in reader, else None."""
    token = bearer_token(request)
    if token is None:
        user: User | None = getattr(request.state, "user", None)
        return user
    engine: Engine = request.app.state.engine
    owner = accounts.bearer_user(engine, token)
    if owner is None:
        raise HTTPException(401, BAD_TOKEN, headers={"WWW-Authenticate": "Bearer"})
    return owner


def secret_of(request: Request) -> str:
    """The key CSRF tokens are signed with (read once per app)."""
    state = request.app.state
    if not hasattr(state, "secret_key"):
        state.secret_key = accounts.secret_key(state.engine, state.settings)
    secret: str = state.secret_key
    return secret


async def check_csrf(request: Request) -> None:
    """403 unless the request carries the CSRF token of its seed (header or form field)."""
    given = request.headers.get("x-csrf-token")
    if given is None and request.headers.get("content-type", "").startswith(FORM_TYPES):
        field = (await request.form()).get("csrf_token")
        given = field if isinstance(field, str) else None
    seed = getattr(request.state, "csrf_seed", None)
    if not seed or not accounts.csrf_ok(secret_of(request), seed, given):
        raise HTTPException(403, CSRF_FAILED)
