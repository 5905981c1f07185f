"""HTTP downloads of feeds and pages: guarded, polite, bounded in time and size.

One ``Fetcher`` is shared by the threads of a pool. Redirects are followed here, one hop at a
time, so that robots.txt and the per-host limit apply to every hop; the SSRF guard sits in
the transport (see ``netguard``) and checks every new connection.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from types import TracebackType
from typing import Literal

import httpx

from tidings.config import Settings
from tidings.headers import parse_retry_after
from tidings.ingest.hostlimit import HostLimiter
from tidings.ingest.netguard import AddressBlocked, AddressGuard, guarded_transport
from tidings.ingest.robots import RobotsCache
from tidings.ingest.urls import URLRefused, check_http_url
from tidings.model import FetchResult

Kind = Literal["page", "feed", "any"]

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_ACCEPT: dict[Kind, str] = {
    "page": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
    "feed": "application/rss+xml,application/atom+xml,application/feed+json,"
    "application/xml;q=0.9,text/xml;q=0.9,application/json;q=0.8,*/*;q=0.5",
    "any": "*/*",
}
_VAGUE_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream", "text/plain"})
_PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_ERRNO = re.compile(r"^\[Errno -?\d+\]\s*")


@dataclass(frozen=True)
class FetchOptions:
    """How the fetcher behaves; see the fields of the same names in ``Settings``."""

    user_agent: str
    connect_timeout: float
    read_timeout: float
    total_timeout: float
    max_body_bytes: int
    max_redirects: int
    max_retries: int
    max_retry_after: float
    per_host_concurrency: int
    per_host_delay: float
    allow_private_addresses: bool
    allowed_networks: tuple[str, ...]
    respect_robots_txt: bool
    retry_backoff: float = 0.5
    """Seconds before the first retry; doubled for each further one, with jitter."""

    @classmethod
    def from_settings(cls, settings: Settings) -> FetchOptions:
        return cls(
            user_agent=settings.user_agent,
            connect_timeout=settings.connect_timeout,
            read_timeout=settings.read_timeout,
            total_timeout=settings.total_timeout,
            max_body_bytes=settings.max_body_bytes,
            max_redirects=settings.max_redirects,
            max_retries=settings.max_retries,
            max_retry_after=settings.max_retry_after,
            per_host_concurrency=settings.per_host_concurrency,
            per_host_delay=settings.per_host_delay,
            allow_private_addresses=settings.allow_private_addresses,
            allowed_networks=tuple(settings.allowed_networks),
            respect_robots_txt=settings.respect_robots_txt,
        )

    def address_guard(self) -> AddressGuard | None:
        """The addresses downloads may reach (and pages may name); None: any address."""
        if self.allow_private_addresses:
            return None
        return AddressGuard.from_cidrs(self.allowed_networks)


class FetchError(Exception):
    """A download failed; ``str()`` says why in one line for a person.

    ``status`` is the HTTP status when there was one; ``retry_after`` the seconds the server
    asked us to wait (Retry-After), when it did: a caller can defer the feed that long.
    """

    def __init__(
        self, message: str, *, url: str, status: int | None = None, retry_after: float | None = None
    ) -> None:
        super().__init__(message)
        self.url = url
        self.status = status
        self.retry_after = retry_after


class BlockedAddressError(FetchError):
    """The host is a loopback, private or otherwise non-public address (SSRF guard)."""


class RobotsDisallowedError(FetchError):
    """robots.txt does not let our user agent fetch the URL."""


class BodyTooLargeError(FetchError):
    """The body is larger than ``max_body_bytes``."""


class ContentTypeError(FetchError):
    """The answer is not the kind of document asked for."""


class HTTPStatusError(FetchError):
    """The server answered with an error status (4xx, 5xx, or a redirect without Location)."""


class NetworkError(FetchError):
    """Connecting or reading failed or timed out."""


class TooManyRedirectsError(FetchError):
    """More than ``max_redirects`` redirects (a loop ends here too)."""


class _Budget:
    """What is left of one download's ``total_timeout``; waits for a host slot don't count."""

    def __init__(self, seconds: float) -> None:
        self.left = seconds

    @contextmanager
    def running(self) -> Iterator[float]:
        """Spend the budget while the block runs; yields the monotonic deadline."""
        started = time.monotonic()
        try:
            yield started + self.left
        finally:
            self.left -= time.monotonic() - started


class Fetcher:
    """Thread-safe downloader; use as a context manager or call ``close()``."""

    def __init__(self, options: FetchOptions, transport: httpx.BaseTransport | None = None) -> None:
        self.options = options
        guard = options.address_guard()
        if transport is None and guard is not None:
            transport = guarded_transport(guard)
        self._client = httpx.Client(
            transport=transport,
            headers={"User-Agent": options.user_agent},
            follow_redirects=False,
            trust_env=False,
        )
        self._hosts = HostLimiter(options.per_host_concurrency, options.per_host_delay)
        self._robots = (
            RobotsCache(options.user_agent, self._load_robots)
            if options.respect_robots_txt
            else None
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        kind: Kind = "page",
    ) -> FetchResult:
        """Download ``url``, retrying 429, 5xx and network errors; raises FetchError."""
        start = parse_url(url)
        headers = {"Accept": _ACCEPT[kind]}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        attempt = 0
        while True:
            try:
                return self._follow(start, headers, kind)
            except (HTTPStatusError, NetworkError) as exc:
                delay = self._retry_delay(exc, attempt)
                if delay is None:
                    raise
                time.sleep(delay)
                attempt += 1

    def _retry_delay(self, exc: FetchError, attempt: int) -> float | None:
        """Seconds to wait before trying again, or None when this error is final."""
        transient = isinstance(exc, NetworkError) or exc.status == 429 or (exc.status or 0) >= 500
        if attempt >= self.options.max_retries or not transient:
            return None
        if exc.retry_after is not None:
            return exc.retry_after if exc.retry_after <= self.options.max_retry_after else None
        return self.options.retry_backoff * 2**attempt * random.uniform(0.5, 1.5)

    def _follow(
        self, start: httpx.URL, headers: dict[str, str], kind: Kind, *, robots: bool = True
    ) -> FetchResult:
        """One attempt: request, then each redirect hop, within one ``total_timeout``."""
        budget = _Budget(self.options.total_timeout)
        hops: list[str] = []
        url = start
        while True:
            if robots:
                self._check_robots(url)
            answer = self._send(url, headers, kind, budget)
            if isinstance(answer, FetchResult):
                return replace(answer, redirects=tuple(hops))
            if len(hops) >= self.options.max_redirects:
                raise TooManyRedirectsError(
                    f"{start}: too many redirects (more than {self.options.max_redirects})",
                    url=str(url),
                )
            hops.append(str(url))
            url = answer

    def _check_robots(self, url: httpx.URL) -> None:
        if self._robots is None or url.path == "/robots.txt" or self._robots.allowed(str(url)):
            return
        raise RobotsDisallowedError(f"{url}: disallowed by robots.txt of {url.host}", url=str(url))

    def _load_robots(self, robots_url: str) -> bytes | None:
        """robots.txt's body, or None when there is none or it could not be read."""
        try:
            result = self._follow(httpx.URL(robots_url), {}, "any", robots=False)
        except FetchError:
            return None
        return result.content

    def _send(
        self, url: httpx.URL, headers: dict[str, str], kind: Kind, budget: _Budget
    ) -> FetchResult | httpx.URL:
        """One request: the result, or the URL that a redirect points to."""
        with self._hosts.slot(url.host), budget.running() as deadline:
            try:
                with self._client.stream(
                    "GET", url, headers=headers, timeout=self._timeout(deadline)
                ) as response:
                    return self._answer(response, kind, deadline)
            except AddressBlocked as exc:
                raise BlockedAddressError(str(exc), url=str(url)) from exc
            except httpx.TimeoutException as exc:
                raise NetworkError(_timeout_message(url, exc), url=str(url)) from exc
            except httpx.TransportError as exc:
                raise NetworkError(f"{url.host}: {_reason(exc)}", url=str(url)) from exc
            except httpx.DecodingError as exc:
                raise FetchError(f"{url}: undecodable body ({exc})", url=str(url)) from exc

    def _timeout(self, deadline: float) -> httpx.Timeout:
        left = max(deadline - time.monotonic(), 0.001)
        read = min(self.options.read_timeout, left)
        return httpx.Timeout(read, connect=min(self.options.connect_timeout, left))

    def _answer(
        self, response: httpx.Response, kind: Kind, deadline: float
    ) -> FetchResult | httpx.URL:
        url = response.url
        status = response.status_code
        location = response.headers.get("location")
        if status in _REDIRECTS and location:
            return redirect_target(url, location)
        if status == 304:
            return _result(response, b"", not_modified=True)
        if not 200 <= status < 300:
            retry_after = parse_retry_after(response.headers.get("retry-after"))
            wait = f", retry after {retry_after:.0f} s" if retry_after is not None else ""
            raise HTTPStatusError(
                f"{url}: HTTP {status} {response.reason_phrase}{wait}",
                url=str(url),
                status=status,
                retry_after=retry_after,
            )
        mime = media_type(response.headers.get("content-type"))
        verdict = type_verdict(kind, mime)
        body = b"" if verdict == "reject" else self._read_body(response, deadline)
        if verdict == "reject" or (verdict == "sniff" and not sniffs_as(kind, body)):
            raise ContentTypeError(
                f"{url}: expected a {kind}, got {mime or 'no content type'}",
                url=str(url),
                status=status,
            )
        return _result(response, body)

    def _read_body(self, response: httpx.Response, deadline: float) -> bytes:
        """The decoded body, aborting past ``max_body_bytes`` or the total deadline."""
        limit = self.options.max_body_bytes
        too_large = BodyTooLargeError(
            f"{response.url}: body larger than {format_size(limit)} limit",
            url=str(response.url),
            status=response.status_code,
        )
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise too_large
        body = bytearray()
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > limit:
                raise too_large
            if time.monotonic() > deadline:
                raise NetworkError(
                    f"{response.url}: download took longer than {self.options.total_timeout:g} s",
                    url=str(response.url),
                )
        return bytes(body)


def _result(response: httpx.Response, content: bytes, *, not_modified: bool = False) -> FetchResult:
    """The FetchResult of a final answer; a 304 keeps the validators we sent if it has none."""
    sent = response.request.headers if not_modified else httpx.Headers()
    return FetchResult(
        url=str(response.url),
        status=response.status_code,
        content=content,
        content_type=response.headers.get("content-type"),
        encoding=response.charset_encoding,
        etag=response.headers.get("etag") or sent.get("if-none-match"),
        last_modified=response.headers.get("last-modified") or sent.get("if-modified-since"),
        not_modified=not_modified,
    )


def parse_url(url: str) -> httpx.URL:
    """``url`` as an absolute http(s) URL (``urls.check_http_url``), or FetchError saying
    what is wrong with it."""
    try:
        parsed = httpx.URL(check_http_url(url))
    except URLRefused as exc:
        raise FetchError(str(exc), url=url) from exc
    except httpx.InvalidURL as exc:
        raise FetchError(f"invalid URL {url!r}: {exc}", url=url) from exc
    if parsed.scheme not in ("http", "https"):
        raise FetchError(f"not an http(s) URL: {url!r}", url=url)
    if not parsed.host:
        raise FetchError(f"invalid URL {url!r}: no host", url=url)
    return parsed


def redirect_target(url: httpx.URL, location: str) -> httpx.URL:
    """Where a redirect from ``url`` leads; FetchError for a non-http(s) target."""
    try:
        target = url.join(location.strip())
    except httpx.InvalidURL as exc:
        raise FetchError(f"{url}: invalid redirect to {location!r}", url=str(url)) from exc
    if target.scheme not in ("http", "https") or not target.host:
        raise FetchError(f"{url}: redirect to a non-http(s) URL {location!r}", url=str(url))
    return target


def media_type(content_type: str | None) -> str:
    """The media type alone: "text/html" for "text/HTML; charset=utf-8"; "" if missing."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def type_verdict(kind: Kind, mime: str) -> Literal["ok", "sniff", "reject"]:
    """Whether a media type fits the kind asked for, or the body must tell."""
    if kind == "any":
        return "ok"
    if mime in _VAGUE_TYPES:
        return "sniff"
    if kind == "page":
        return "ok" if mime in _PAGE_TYPES else "reject"
    if mime.endswith(("xml", "json")) or "rss" in mime or "atom" in mime:
        return "ok"
    return "sniff" if mime == "text/html" else "reject"  # some servers send feeds as text/html


def sniffs_as(kind: Kind, body: bytes) -> bool:
    """Whether the start of ``body`` looks like an HTML page (page) or XML/JSON (feed)."""
    head = body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    html = head.startswith(b"<!doctype html") or b"<html" in head
    if kind == "page":
        return html
    return not html and head.startswith((b"<", b"{"))


def format_size(size: int) -> str:
    """10485760 -> "10 MiB", 2048 -> "2 KiB", 1000 -> "1000 bytes"."""
    for unit, factor in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if size >= factor and size % factor == 0:
            return f"{size // factor} {unit}"
    return f"{size} bytes"


def _reason(exc: Exception) -> str:
    """A short reason: "connection refused" for "[Errno 111] Connection refused"."""
    text = _ERRNO.sub("", str(exc)).strip() or type(exc).__name__
    return text[:1].lower() + text[1:]


def _timeout_message(url: httpx.URL, exc: httpx.TimeoutException) -> str:
    if isinstance(exc, httpx.ConnectTimeout):
        return f"{url.host}: connection timed out"
    return f"{url}: timed out waiting for the server"
