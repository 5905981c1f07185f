"""Pure ASGI middleware's one tool: edit a response's headers as its start is sent.

`app.middleware("http")` (Starlette's `BaseHTTPMiddleware`) runs the app in a task of its own
and streams every body through a memory channel: about half a millisecond of CPU a request for
each such middleware. The session, flash and security-header middleware only read the request
and change response headers, so they wrap `send` instead and cost next to nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.datastructures import MutableHeaders
from starlette.responses import Response
from starlette.types import Message, Send

HeaderEdit = Callable[[int, MutableHeaders], None]
"""Called with the status and the (mutable) headers of a response about to start."""


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
