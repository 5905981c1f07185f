"""The one check every URL from outside passes: feeds added by hand, OPML outlines, API
calls, links in feeds and sitemaps, discovered feed links, pages given to ``fetch``.

A URL is accepted when it is an absolute http(s) URL with a valid host name, holds no
control characters or whitespace (a NUL byte, a tab or a newline hidden in a link is how
header injection and parser confusion start), and is at most ``MAX_URL_BYTES`` long.
Addresses (loopback, private networks) are the fetcher's concern: it checks them at
connect time, after DNS (see ``netguard``).
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urljoin, urlsplit

MAX_URL_BYTES = 2048
"""Longest URL accepted, in bytes of UTF-8. The sitemap protocol's limit, and safely under
PostgreSQL's ~2,700-byte limit on a unique index entry (URLs are unique keys)."""

_FORBIDDEN = re.compile(r"[\x00-\x20\x7f-\x9f\s\ud800-\udfff\ufffd-\uffff]")
"""Control characters, whitespace, lone surrogates, and U+FFFD (what a NUL or an undecodable
byte becomes in an HTML parser) or the noncharacters after it."""
_LABEL = re.compile(r"[\w-]{1,63}")


class URLRefused(ValueError):
    """A URL that may not be used; the message is one line naming what is wrong."""


def check_http_url(url: str) -> str:
    """``url`` without surrounding whitespace, or URLRefused saying why it is not usable."""
    url = url.strip()
    shown = _shown(url)
    if not url:
        raise URLRefused("empty URL")
    if len(url.encode("utf-8", "surrogatepass")) > MAX_URL_BYTES:
        raise URLRefused(f"URL longer than {MAX_URL_BYTES} bytes: {shown}")
    try:
        parts = urlsplit(url)
        host = parts.hostname
        _ = parts.port  # raises ValueError for a port that is not a number in range
    except ValueError as exc:
        raise URLRefused(f"invalid URL ({exc}): {shown}") from exc
    if parts.scheme.lower() not in ("http", "https"):
        raise URLRefused(f"not an http(s) URL: {shown}")
    bad = _FORBIDDEN.search(url)
    if bad:
        raise URLRefused(f"URL contains {_character(bad.group())}: {shown}")
    if not host or not _valid_host(host):
        raise URLRefused(f"invalid host name in URL: {shown}")
    return url


def _valid_host(host: str) -> bool:
    """A DNS name (labels of letters, digits, hyphens, underscores) or an IP address."""
    if ":" in host:
        try:
            ipaddress.IPv6Address(host.split("%", 1)[0])
        except ValueError:
            return False
        return True
    labels = host.removesuffix(".").split(".")
    return len(host) <= 253 and all(_LABEL.fullmatch(label) for label in labels)


def resolve_http_url(base: str, href: object) -> str:
    """``href`` (a link found in a document) made absolute against ``base`` and checked."""
    if not isinstance(href, str) or not href.strip():
        raise URLRefused("no link")
    href = href.strip()
    if _FORBIDDEN.search(href) or len(href) > MAX_URL_BYTES:
        return check_http_url(href)  # the same reason, for the link as written
    try:
        url = urljoin(base, href)
    except ValueError as exc:
        raise URLRefused(f"invalid URL ({exc}): {_shown(href)}") from exc
    return check_http_url(url)


def absolute_http_url(base: str, href: object) -> str | None:
    """``resolve_http_url``, or None when the link is refused (where the reason is not kept)."""
    try:
        return resolve_http_url(base, href)
    except URLRefused:
        return None


def _character(char: str) -> str:
    if char == "\x00":
        return "a NUL byte"
    if char.isspace():
        return f"whitespace ({char!r})"
    return f"an invalid character ({char!r})"


def _shown(url: str, limit: int = 80) -> str:
    """The URL as a short Python literal, for messages."""
    return repr(url if len(url) <= limit else url[:limit] + "...")
