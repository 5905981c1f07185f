"""Pure ASGI middleware's one tool: edit a response's headers as its start is sent.

`app.middleware("http")` (Starlette's `BaseHTTPMiddleware`) runs the app in a task of its own
and streams every body through a memory channel: about half a millisecond of CPU a request for
each such middleware. The session, flash and security-header middleware only read the request
and change response headers, so they wrap `send` instead and cost next to nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

HeaderEdit = Callable[[int, MutableHeaders], None]
"""Called with the status and the (mutable) headers of a response about to start."""


class HeaderMiddleware:
    """Base of the app's middleware: `start` runs before the app on each HTTP request and
    returns the edit to make to its response's headers, or None to leave them as they are."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        edit = await self.start(Request(scope)) if scope["type"] == "http" else None
        await self.app(scope, receive, send if edit is None else editing_start(send, edit))

    async def start(self, request: Request) -> HeaderEdit | None:
        raise NotImplementedError


def editing_start(send: Send, edit: HeaderEdit) -> Send:
    """`send`, with `edit` applied to the response's status line and headers first."""

    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            message["headers"] = list(message.get("headers", ()))
            edit(message["status"], MutableHeaders(scope=message))
        await send(message)

    return sending


def add_cookies(headers: MutableHeaders, cookies: Response) -> None:
    """Append the Set-Cookie headers that `cookies` (a response used only to make them, with
    Starlette's `set_cookie`/`delete_cookie`) was given."""
    for key, value in cookies.raw_headers:
        if key == b"set-cookie":
            headers.append("set-cookie", value.decode("latin-1"))
