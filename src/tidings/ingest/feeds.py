"""Feeds: RSS 0.9x/1.0/2.0 and Atom (feedparser), JSON Feed 1.0/1.1, sitemaps; autodiscovery.

``parse_feed`` sniffs the document and dispatches: JSON to the JSON Feed reader (feedparser 6
does not read JSON Feed), ``<urlset>``/``<sitemapindex>`` to ``sitemaps``, the rest to
feedparser. feedparser is lenient: a slightly broken feed that still yields entries is
accepted, and it finds the charset itself when the declared one is wrong or missing.
"""

from __future__ import annotations

import io
import json
import time
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any
from xml.sax import SAXParseException

import feedparser
import lxml.html
from lxml import etree

from tidings.ingest.sitemaps import (
    SITEMAP_ROOTS,
    absolute_http_url,
    parse_sitemap,
    parse_w3c_datetime,
)
from tidings.model import FeedEntry, ParsedFeed

FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/feed+json"})
"""Link types that ``discover_feeds`` reports (not application/json: WordPress's REST API
announces itself that way)."""

_BLOCK_TAGS = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote")
_JSON_FEED_VERSION = "https://jsonfeed.org/version/"


class FeedParseError(ValueError):
    """Nothing usable came out of a document; the message is one line."""


def parse_feed(content: bytes, url: str) -> ParsedFeed:
    """Parse a feed or sitemap fetched from ``url`` (relative links are resolved against it)."""
    head = content[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head:
        raise FeedParseError("not a feed: the document is empty")
    if head.startswith(b"{"):
        return parse_json_feed(content, url)
    root = root_name(content)
    if root in SITEMAP_ROOTS:  # parse_sitemap recovers from syntax errors: it can't fail here
        return parse_sitemap(content, url)
    lowered = head.lower()
    if root == "html" or lowered.startswith(b"<!doctype html") or b"<html" in lowered:
        raise FeedParseError("not a feed: got an HTML page")
    if not head.startswith(b"<"):
        raise FeedParseError("not a feed: neither XML nor JSON")
    return _parse_xml_feed(content, url, root)


def root_name(content: bytes) -> str | None:
    """The local name of the XML root element, without parsing the rest; None if not XML."""
    events = etree.iterparse(
        io.BytesIO(content),
        events=("start",),
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=False,
    )
    try:
        _, element = next(events)
    except (etree.XMLSyntaxError, StopIteration):
        return None
    return str(etree.QName(element).localname)


def _parse_xml_feed(content: bytes, url: str, root: str | None) -> ParsedFeed:
    # A stream, never bytes or str: feedparser opens a string that looks like a path or URL.
    parsed = feedparser.parse(io.BytesIO(content))
    entries = tuple(_feedparser_entries(parsed.entries, url))
    if not parsed.entries:
        error = parsed.get("bozo_exception")
        if isinstance(error, SAXParseException):
            raise FeedParseError(
                f"not a feed: XML syntax error at line {error.getLineNumber()} "
                f"({error.getMessage()})"
            )
        if not parsed.version:
            raise FeedParseError("not a feed: no RSS, Atom, JSON Feed or sitemap document")
    atom = str(parsed.version).startswith("atom") or root == "feed"
    return ParsedFeed(
        kind="atom" if atom else "rss",
        title=_plain(parsed.feed.get("title"), parsed.feed.get("title_detail")),
        link=absolute_http_url(url, parsed.feed.get("link")),
        entries=entries,
    )


def _feedparser_entries(items: Iterable[Any], base: str) -> Iterable[FeedEntry]:
    for item in items:
        link = absolute_http_url(base, item.get("link"))
        if link is None:
            continue
        yield FeedEntry(
            url=link,
            title=_plain(item.get("title"), item.get("title_detail")),
            guid=item.get("id") or None,
            published_at=_from_struct(item.get("published_parsed") or item.get("updated_parsed")),
            summary=_plain(item.get("summary"), item.get("summary_detail")),
            authors=_names(item.get("authors") or [{"name": item.get("author")}]),
        )


def _from_struct(value: time.struct_time | None) -> datetime | None:
    """feedparser's parsed dates are UTC struct_times."""
    return datetime(*value[:6], tzinfo=UTC) if value else None


def _plain(value: object, detail: Any = None) -> str | None:
    """Text of a feedparser value, stripped of markup when its type says HTML."""
    if not isinstance(value, str):
        return None
    is_html = detail is not None and "html" in str(detail.get("type", ""))
    text = html_to_text(value) if is_html else value
    return " ".join(text.split()) or None


def html_to_text(fragment: str) -> str:
    """The text of an HTML fragment, with a space where block elements meet."""
    if "<" not in fragment and "&" not in fragment:
        return fragment
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return fragment
    for element in root.iter(*_BLOCK_TAGS):
        element.tail = " " + (element.tail or "")
    return str(root.text_content())


def _names(people: object) -> tuple[str, ...]:
    """Author names (or e-mail addresses) from a list of person objects, deduplicated."""
    if not isinstance(people, list):
        return ()
    names: list[str] = []
    for person in people:
        name = person.get("name") or person.get("email") if isinstance(person, dict) else None
        if isinstance(name, str) and name.strip():
            names.append(name.strip())
    return tuple(dict.fromkeys(names))


def parse_json_feed(content: bytes, url: str) -> ParsedFeed:
    """JSON Feed 1.0 or 1.1 (https://jsonfeed.org/version/1.1)."""
    try:
        data = json.loads(content)
    except ValueError as exc:  # includes UnicodeDecodeError
        raise FeedParseError(f"not a feed: invalid JSON ({exc})") from exc
    if not isinstance(data, dict) or not str(data.get("version", "")).startswith(
        _JSON_FEED_VERSION
    ):
        raise FeedParseError("not a feed: JSON without a JSON Feed version")
    items = data.get("items")
    if not isinstance(items, list):
        raise FeedParseError("not a feed: JSON Feed without an items list")
    feed_authors = _json_authors(data)
    entries = (_json_entry(item, url, feed_authors) for item in items if isinstance(item, dict))
    return ParsedFeed(
        kind="json",
        title=_plain(data.get("title")),
        link=absolute_http_url(url, data.get("home_page_url")),
        entries=tuple(entry for entry in entries if entry is not None),
    )


def _json_authors(obj: dict[str, Any]) -> tuple[str, ...]:
    """``authors`` (1.1) or ``author`` (1.0)."""
    return _names(obj.get("authors") or [obj.get("author")])


def _json_entry(item: dict[str, Any], base: str, authors: tuple[str, ...]) -> FeedEntry | None:
    url = absolute_http_url(base, item.get("url")) or absolute_http_url(
        base, item.get("external_url")
    )
    if url is None:
        return None
    summary = _plain(item.get("summary")) or _plain(item.get("content_text"))
    guid = item.get("id")
    return FeedEntry(
        url=url,
        title=_plain(item.get("title")),
        guid=str(guid) if guid not in (None, "") else None,
        published_at=parse_w3c_datetime(_plain(item.get("date_published"))),
        summary=summary or _plain(item.get("content_html"), {"type": "text/html"}),
        authors=_json_authors(item) or authors,
    )


def discover_feeds(html: str, base_url: str) -> list[str]:
    """Feed URLs announced by ``<link rel="alternate" type="...">``, absolute, in page order."""
    try:
        document = lxml.html.document_fromstring(
            html.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8")
        )
    except (etree.ParserError, ValueError):
        return []
    base_element = document.find(".//base[@href]")
    base = base_url
    if base_element is not None:
        base = absolute_http_url(base_url, base_element.get("href")) or base_url
    found: list[str] = []
    for link in document.iterfind(".//link[@href]"):
        rels = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").split(";")[0].strip().lower()
        url = absolute_http_url(base, link.get("href"))
        if "alternate" in rels and kind in FEED_TYPES and url and url not in found:
            found.append(url)
    return found
