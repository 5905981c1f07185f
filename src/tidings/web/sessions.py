"""Who is asking: the session cookie, the signed-in user and CSRF tokens.

Every request gets `request.state.user` (a `User` or None) and `request.state.csrf_seed`: the
session token when signed in, else a random value kept in the `tidings_csrf` cookie, so forms
shown before logging in (sign up, log in) are protected too. The CSRF token of a form is an HMAC
of that seed under the secret key; `tidings.access` checks it on every state-changing call.
"""

from __future__ import annotations

from fastapi import Request, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders

from tidings.access.callers import secret_of
from tidings.access.policy import SESSION_COOKIE
from tidings.model import User
from tidings.readers import accounts
from tidings.web.response_start import HeaderEdit, HeaderMiddleware, add_cookies
from tidings.web.routes import templates

CSRF_COOKIE = "tidings_csrf"


class LoadVisitor(HeaderMiddleware):
    """ASGI middleware: the signed-in user and the CSRF seed of each request, in its state; a
    fresh CSRF cookie when it has none, and the session cookie cleared when it names no live
    session (unless the response sets a new one)."""

    async def start(self, request: Request) -> HeaderEdit | None:
        request.state.user = None
        if request.scope["path"].startswith("/static/"):
            return None
        token = request.cookies.get(SESSION_COOKIE)
        if token:
            request.state.user = await run_in_threadpool(
                accounts.session_user, request.app.state.engine, token)
        fresh = None
        seed = token if request.state.user else request.cookies.get(CSRF_COOKIE)
        if not seed:
            fresh = seed = accounts.new_seed()
        request.state.csrf_seed = seed

        def edit(_status: int, headers: MutableHeaders) -> None:
            cookies = Response()
            if fresh:
                set_cookie(request, cookies, CSRF_COOKIE, fresh, max_age=None)
            sets_session = any(c.startswith(f"{SESSION_COOKIE}=")
                               for c in headers.getlist("set-cookie"))
            if token and request.state.user is None and not sets_session:
                cookies.delete_cookie(SESSION_COOKIE, path="/")
            add_cookies(headers, cookies)

        return edit


def set_cookie(
    request: Request, response: Response, name: str, value: str, *, max_age: int | None
) -> None:
    response.set_cookie(name, value, max_age=max_age, path="/", httponly=True, samesite="lax",
                        secure=request.url.scheme == "https")


def current_user(request: Request) -> User | None:
    user: User | None = getattr(request.state, "user", None)
    return user


def csrf_token(request: Request) -> str:
    """The token forms on this page carry (hidden field `csrf_token`)."""
    return accounts.csrf_token(secret_of(request), request.state.csrf_seed)


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def safe_next(target: str | None) -> str:
    """Only same-site paths: never another site (open redirect)."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return "/"


templates.env.globals.update(current_user=current_user, csrf_token=csrf_token)
