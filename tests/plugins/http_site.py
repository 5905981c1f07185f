"""A real local HTTP server for tests: the session-scoped ``site`` fixture.

The server (``http.server.ThreadingHTTPServer``, daemon threads) listens on 127.0.0.1 and,
for the SSRF tests, a twin with the same routes on 127.0.0.2. Fetchers pointed at it must
allow loopback: ``allow_private_addresses=True`` (or ``allowed_networks``), and should use
``per_host_delay=0`` to stay fast.

API of ``site`` (a ``Site``):

- ``site.url``: ``"http://127.0.0.1:PORT"`` (no trailing slash); ``site.url_for("/x")``.
- ``site.alt_url``: ``"http://127.0.0.2:PORT2"``, same routes; None where 127.0.0.2 can't
  be bound.
- ``site.add(path, body_or_handler, content_type="text/html; charset=utf-8")``: serve an
  exact path (query string ignored) for the rest of the session. ``bytes``/``str`` are served
  like a static file (ETag, Last-Modified, 304); a callable gets a ``SiteRequest`` and returns
  a ``Reply`` (``SiteRequest.hits`` counts earlier requests to the path, for "fail once,
  then succeed" handlers). Use unique paths: routes are shared by the whole session.
- ``site.hits(path) -> int`` and ``site.log(path) -> list[tuple[float, float]]``: requests
  received for a path (without query), as ``time.monotonic()`` (start, end) pairs.

Routes:

- Files under ``tests/fixtures/site/`` at their relative path: ``/feeds/rss2.xml``,
  ``/feeds/atom.xml``, ``/feeds/rss1.xml``, ``/feeds/rss091.xml``, ``/feeds/jsonfeed.json``,
  ``/pages/article-{1,2,3}.html``, ``/pages/article-image.html`` (a lead figure with
  caption and credit), ``/pages/index.html``, ``/opml/subscriptions.opml``,
  ``/sitemaps/{sitemap,news,index}.xml``, ``/robots.txt`` (disallows ``/private/``) ... with
  ETag/Last-Modified and 304 answers. ``{{site}}`` in a file is replaced by the base URL of
  the server answering, so fixture feeds can link to fixture pages.
- ``/redirect/N``: N redirects (302) ending at ``/pages/article-1.html``; ``/loop``: redirects
  to itself; ``/redirect-to?url=U[&status=301]``: one redirect to U.
- ``/status/CODE``: that status; ``/flaky/KEY?status=503&times=1[&retry_after=1]``: the
  status (with Retry-After when given) for the first ``times`` hits, then ``feeds/rss2.xml``.
- ``/big?size=N[&length=1]``: N bytes streamed in 64 KiB chunks, with Content-Length when
  ``length=1``.
- ``/stall?seconds=S``: answers nothing for S seconds; ``/trickle?bytes=N&interval=S``:
  headers at once, then one byte every S seconds.
- ``/hold/KEY?seconds=S``: a page answered after S seconds (for per-host limit tests).
- ``/gzip/<fixture path>``: the file gzip-encoded (Content-Encoding: gzip).
- ``/typed?file=<fixture path>&type=<content type>``: the file with any Content-Type
  (``type=none`` sends none): octet-stream feeds, wrong charsets, HTML as a feed...
"""

from __future__ import annotations

import gzip
import hashlib
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.message import Message
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "site"
LAST_MODIFIED = "Mon, 01 Jan 2024 00:00:00 GMT"
CONTENT_TYPES = {
    ".xml": "application/xml",
    ".json": "application/feed+json",
    ".html": "text/html; charset=utf-8",
    ".opml": "text/x-opml",
    ".txt": "text/plain; charset=utf-8",
}


@dataclass(frozen=True)
class SiteRequest:
    """What a route handler sees of a request."""

    path: str
    query: dict[str, str]
    headers: Message
    base_url: str
    """The base URL of the server answering (site.url or site.alt_url)."""
    hits: int = 0
    """Requests for this path received before this one."""


@dataclass
class Reply:
    """What a route handler answers."""

    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


Handler = Callable[[SiteRequest], Reply]


def static_reply(request: SiteRequest, body: bytes, content_type: str | None) -> Reply:
    """A 200 with validators, or a 304 when the request's validators match."""
    etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
    headers = {"ETag": etag, "Last-Modified": LAST_MODIFIED}
    if content_type:
        headers["Content-Type"] = content_type
    if_none_match = request.headers.get("If-None-Match")
    since = request.headers.get("If-Modified-Since")
    if if_none_match is not None:
        fresh = etag in [tag.strip() for tag in if_none_match.split(",")]
    else:
        fresh = since is not None and _not_before(since, LAST_MODIFIED)
    return Reply(b"", 304, headers) if fresh else Reply(body, 200, headers)


def _not_before(value: str, reference: str) -> bool:
    try:
        return parsedate_to_datetime(value) >= parsedate_to_datetime(reference)
    except (TypeError, ValueError):
        return False


def fixture_file(request: SiteRequest, relative: str) -> bytes | None:
    """A fixture's bytes with ``{{site}}`` filled in, or None if there is no such file."""
    path = (FIXTURES / relative.lstrip("/")).resolve()
    if not path.is_relative_to(FIXTURES) or not path.is_file():
        return None
    return path.read_bytes().replace(b"{{site}}", request.base_url.encode())


class Site:
    """The routes and request log shared by both servers (see the module docstring)."""

    def __init__(self) -> None:
        self.url = ""
        self.alt_url: str | None = None
        self._routes: dict[str, Handler] = {}
        self._log: dict[str, list[list[float]]] = defaultdict(list)
        self._lock = threading.Lock()

    def url_for(self, path: str) -> str:
        return self.url + path

    def add(
        self,
        path: str,
        body_or_handler: bytes | str | Handler,
        content_type: str = "text/html; charset=utf-8",
    ) -> str:
        """Serve ``path`` from now on; returns its full URL."""
        if callable(body_or_handler):
            handler = body_or_handler
        else:
            body = body_or_handler.encode() if isinstance(body_or_handler, str) else body_or_handler

            def handler(request: SiteRequest) -> Reply:
                return static_reply(request, body, content_type)

        self._routes[path] = handler
        return self.url_for(path)

    def hits(self, path: str) -> int:
        """Requests received for ``path``, finished or not."""
        with self._lock:
            return len(self._log[path])

    def log(self, path: str, wait: float = 2.0) -> list[tuple[float, float]]:
        """(start, end) of each request for ``path``, once none is in progress (or ``wait``)."""
        deadline = time.monotonic() + wait
        while True:
            with self._lock:
                spans = [(span[0], span[-1]) for span in self._log[path]]
                if all(len(span) == 2 for span in self._log[path]):
                    return spans
            if time.monotonic() > deadline:
                return spans
            time.sleep(0.01)

    def started(self, path: str) -> list[float]:
        """Record the start of a request; the caller appends the end time to the list."""
        span = [time.monotonic()]
        with self._lock:
            self._log[path].append(span)
        return span

    def route(self, request: SiteRequest) -> Handler | None:
        return self._routes.get(request.path)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    site: Site

    def handle_error(self, request: object, client_address: object) -> None:
        """Clients that hang up (as a fetcher aborting a download does) are not errors."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _RequestHandler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: pytest shows failures, not access logs."""

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        host, port = self.server.server_address[:2]
        request = SiteRequest(
            path=parts.path,
            query=dict(parse_qsl(parts.query)),
            headers=self.headers,
            base_url=f"http://{host}:{port}",
            hits=self.server.site.hits(parts.path),
        )
        span = self.server.site.started(request.path)
        try:
            self._dispatch(request)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up, as the fetcher should
        finally:
            span.append(time.monotonic())

    def _dispatch(self, request: SiteRequest) -> None:
        handler = self.server.site.route(request)
        if handler is not None:
            self._send(handler(request))
            return
        for prefix, method in _STREAMING.items():
            if request.path.startswith(prefix):
                method(self, request)
                return
        for prefix, route in _ROUTES.items():
            if request.path.startswith(prefix):
                self._send(route(request))
                return
        self._send(_static(request))

    def _send(self, reply: Reply) -> None:
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        if reply.status != 304:
            self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        self.wfile.write(reply.body)

    def _big(self, request: SiteRequest) -> None:
        size = int(request.query.get("size", "0"))
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        if request.query.get("length") == "1":
            self.send_header("Content-Length", str(size))
        else:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        chunk = b"a" * 65536
        for start in range(0, size, len(chunk)):
            self.wfile.write(chunk[: size - start])

    def _stall(self, request: SiteRequest) -> None:
        time.sleep(float(request.query.get("seconds", "3")))
        self._send(Reply(b"<html><body>late</body></html>", 200, {"Content-Type": "text/html"}))

    def _trickle(self, request: SiteRequest) -> None:
        size = int(request.query.get("bytes", "100"))
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(size))
        self.end_headers()
        for _ in range(size):
            self.wfile.write(b"a")
            self.wfile.flush()
            time.sleep(float(request.query.get("interval", "0.1")))


_STREAMING: dict[str, Callable[[_RequestHandler, SiteRequest], None]] = {
    "/big": _RequestHandler._big,
    "/stall": _RequestHandler._stall,
    "/trickle": _RequestHandler._trickle,
}


def _static(request: SiteRequest) -> Reply:
    body = fixture_file(request, request.path)
    if body is None:
        return Reply(b"not found", 404, {"Content-Type": "text/plain"})
    return static_reply(request, body, CONTENT_TYPES.get(Path(request.path).suffix))


def _redirect(location: str, status: int = 302) -> Reply:
    return Reply(b"", status, {"Location": location})


def _redirects(request: SiteRequest) -> Reply:
    left = int(request.path.rsplit("/", 1)[1])
    return _redirect("/pages/article-1.html" if left <= 1 else f"/redirect/{left - 1}")


def _redirect_to(request: SiteRequest) -> Reply:
    return _redirect(request.query["url"], int(request.query.get("status", "302")))


def _status(request: SiteRequest) -> Reply:
    status = int(request.path.rsplit("/", 1)[1])
    return Reply(f"status {status}".encode(), status, {"Content-Type": "text/plain"})


def _flaky(request: SiteRequest) -> Reply:
    if request.hits < int(request.query.get("times", "1")):
        headers = {"Content-Type": "text/plain"}
        if "retry_after" in request.query:
            headers["Retry-After"] = request.query["retry_after"]
        return Reply(b"try again later", int(request.query.get("status", "503")), headers)
    return _static(SiteRequest("/feeds/rss2.xml", {}, request.headers, request.base_url))


def _hold(request: SiteRequest) -> Reply:
    time.sleep(float(request.query.get("seconds", "0.2")))
    return Reply(b"<html><body><p>held</p></body></html>", 200, {"Content-Type": "text/html"})


def _gzip(request: SiteRequest) -> Reply:
    body = fixture_file(request, request.path.removeprefix("/gzip"))
    if body is None:
        return Reply(b"not found", 404)
    content_type = CONTENT_TYPES.get(Path(request.path).suffix, "application/octet-stream")
    headers = {"Content-Type": content_type, "Content-Encoding": "gzip"}
    return Reply(gzip.compress(body), 200, headers)


def _typed(request: SiteRequest) -> Reply:
    body = fixture_file(request, request.query["file"])
    content_type = request.query.get("type", "none")
    headers = {} if content_type == "none" else {"Content-Type": content_type}
    return Reply(body or b"", 200 if body is not None else 404, headers)


_ROUTES: dict[str, Handler] = {
    "/redirect/": _redirects,
    "/redirect-to": _redirect_to,
    "/loop": lambda request: _redirect("/loop"),
    "/status/": _status,
    "/flaky/": _flaky,
    "/hold/": _hold,
    "/gzip/": _gzip,
    "/typed": _typed,
}


def _start(site: Site, host: str) -> tuple[_Server, str]:
    server = _Server((host, 0), _RequestHandler)
    server.site = site
    threading.Thread(target=server.serve_forever, name=f"http-site-{host}", daemon=True).start()
    return server, f"http://{host}:{server.server_address[1]}"


@pytest.fixture(scope="session")
def site() -> Iterator[Site]:
    """The local test site, started once per session (see the module docstring)."""
    site = Site()
    server, site.url = _start(site, "127.0.0.1")
    servers = [server]
    try:
        alt, site.alt_url = _start(site, "127.0.0.2")
        servers.append(alt)
    except OSError:
        site.alt_url = None
    yield site
    for server in servers:
        server.shutdown()
        server.server_close()
