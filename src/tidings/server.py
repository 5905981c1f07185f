"""The web application: the reader's pages, the JSON API under /api and static files.

`create_app` builds everything from `Settings`; nothing is created at import time, so tests and
the CLI can point the app at any database.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response
from fastapi.exception_handlers import (
    http_exception_handler,
    request_validation_exception_handler,
)
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException

from tidings.access.policy import LoginRequired, declare_public, undeclared_routes
from tidings.access.quotas import Quota
from tidings.api.comments import router as comments_api_router
from tidings.api.entities import router as entities_router
from tidings.api.fever import router as fever_router
from tidings.api.follows import router as follows_api_router
from tidings.api.greader import router as greader_router
from tidings.api.routes import router as api_router
from tidings.api.service import router as service_router
from tidings.api.stories import router as stories_api_router
from tidings.config import Settings, get_settings
from tidings.store.engine import make_engine
from tidings.web.accounts import router as accounts_web_router
from tidings.web.comments import router as comments_web_router
from tidings.web.entities import router as entities_web_router
from tidings.web.feeds_out import router as feeds_out_router
from tidings.web.flash import ShowOnce
from tidings.web.follows import router as follows_web_router
from tidings.web.moderation import router as moderation_web_router
from tidings.web.oidc import router as oidc_web_router
from tidings.web.response_start import HeaderEdit, HeaderMiddleware
from tidings.web.routes import STATIC_DIR, compile_templates, render_error
from tidings.web.routes import router as web_router
from tidings.web.sessions import LoadVisitor
from tidings.web.stories import router as stories_web_router
from tidings.web.subscriptions import router as subscriptions_web_router

# Images from articles must be https (or data:); plain-http pictures, which could be any
# address on the reader's network, are not loaded.
PAGE_CSP = (
    "default-src 'self'; img-src 'self' https: data:; style-src 'self'; "
    "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
# /docs and /redoc serve Swagger UI / ReDoc from local files (fastapi-offline: no CDN, so the
# API docs work offline) with a small inline start-up script.
DOCS_CSP = (
    "default-src 'self'; img-src 'self' https: data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self' 'unsafe-inline'; worker-src 'self' blob:; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
DOCS_PATHS = ("/docs", "/redoc")
# Routes the framework adds rather than our routers: open to anyone, declared here.
FRAMEWORK_ROUTES = ("/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc",
                    "/static-offline-docs", "/static")

ERROR_TITLES = {400: "Bad request", 404: "Page not found", 405: "Not allowed"}
BUSY_RETRY_SECONDS = 5
"""Retry-After of a 503 for a database that cannot serve a request now."""
BUSY_MESSAGE = "The database is busy or unavailable; try again in a few seconds."

log = logging.getLogger(__name__)


def create_app(settings: Settings | None = None, *, engine: Engine | None = None) -> FastAPI:
    """The app for `settings` (default: the environment's). Pass `engine` to share one.

    The database must already be migrated (`tidings db migrate`, or the CLI's `serve`).
    """
    settings = settings or get_settings()
    owns_engine = engine is None
    engine = engine or make_engine(settings.database_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if owns_engine:
            engine.dispose()

    app = FastAPIOffline(
        title="Tidings",
        summary="A self-hosted news reader: articles, search, feeds, stories across outlets, "
        "people and quotes, cited answers, comments and follows.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.ask_quota = Quota("ask", settings.asks_per_hour, settings.broker_url)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(feeds_out_router)  # before web_router: /sources/X/feed.rss
    app.include_router(web_router)
    app.include_router(stories_web_router)
    app.include_router(entities_web_router)
    app.include_router(stories_api_router, prefix="/api")
    app.include_router(api_router, prefix="/api")
    app.include_router(service_router)
    app.include_router(entities_router, prefix="/api")
    app.include_router(accounts_web_router)
    app.include_router(oidc_web_router)
    app.include_router(comments_web_router)
    app.include_router(moderation_web_router)
    app.include_router(comments_api_router, prefix="/api")
    app.include_router(follows_web_router)
    app.include_router(subscriptions_web_router)
    app.include_router(follows_api_router, prefix="/api")
    app.include_router(greader_router)
    app.include_router(fever_router)
    app.add_middleware(LoadVisitor)  # innermost: the last added runs first
    app.add_middleware(ShowOnce)
    app.add_middleware(SecurityHeaders)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(OperationalError, database_unavailable)
    declare_public(app, FRAMEWORK_ROUTES)
    if missing := undeclared_routes(app):
        raise RuntimeError(f"routes without an access rule: {', '.join(missing)}")
    compile_templates()
    return app


def freeze_start_up_objects() -> None:
    """Hand what start-up made (modules, the app, compiled templates: ~180,000 objects) to
    the garbage collector's permanent generation, which it never walks. A full collection
    otherwise walked them all every few hundred requests: a 30-300 ms pause (on a busy
    machine) in the middle of some reader's request. Call once, when the app is built."""
    gc.collect()
    gc.freeze()


class SecurityHeaders(HeaderMiddleware):
    """ASGI middleware: the Content-Security-Policy and the other headers of every response
    (kept where a route set its own)."""

    async def start(self, request: Request) -> HeaderEdit:
        csp = DOCS_CSP if request.scope["path"].startswith(DOCS_PATHS) else PAGE_CSP

        def edit(_status: int, headers: MutableHeaders) -> None:
            headers.setdefault("Content-Security-Policy", csp)
            headers.setdefault("X-Content-Type-Options", "nosniff")
            headers.setdefault("Referrer-Policy", "same-origin")
            headers.setdefault("X-Frame-Options", "DENY")

        return edit


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith(("/api/", "/static/", "/reader/api/", "/accounts/", "/fever")) or (
        path in ("/api", "/metrics"))


async def http_error(request: Request, exc: Exception) -> Response:
    """JSON errors under /api, friendly HTML pages elsewhere."""
    assert isinstance(exc, StarletteHTTPException)
    if _wants_json(request):
        return await http_exception_handler(request, exc)
    if isinstance(exc, LoginRequired):
        return RedirectResponse(exc.login_url, status_code=303)
    title = ERROR_TITLES.get(exc.status_code, "Something went wrong")
    message = "There is nothing at this address." if exc.status_code == 404 else str(exc.detail)
    response = render_error(request, exc.status_code, title, message)
    if exc.headers:
        response.headers.update(exc.headers)
    return response


async def database_unavailable(request: Request, exc: Exception) -> Response:
    """503 with Retry-After when the database cannot serve the request now: SQLite's write
    lock held by another writer past the busy timeout ("database is locked"), a full disk,
    PostgreSQL gone. What the request would have written was not written."""
    assert isinstance(exc, OperationalError)
    reason = (str(exc.orig).strip().splitlines() or [type(exc.orig).__name__])[0]
    log.warning("%s %s: the database cannot serve it: %s", request.method, request.url.path,
                reason)
    headers = {"Retry-After": str(BUSY_RETRY_SECONDS)}
    if _wants_json(request):
        return JSONResponse({"detail": BUSY_MESSAGE}, status_code=503, headers=headers)
    response = render_error(request, 503, "Busy", BUSY_MESSAGE)
    response.headers.update(headers)
    return response


async def validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    if _wants_json(request):
        return await request_validation_exception_handler(request, exc)
    if any(error["loc"][:1] == ("path",) for error in exc.errors()):
        return render_error(request, 404, ERROR_TITLES[404], "There is nothing at this address.")
    return render_error(request, 400, "Bad request", "Part of that address is not valid.")
