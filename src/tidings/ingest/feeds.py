"""Feeds: RSS 0.9x/1.0/2.0 and Atom (feedparser), JSON Feed 1.0/1.1, sitemaps; autodiscovery.

``parse_feed`` sniffs the document and dispatches: JSON to the JSON Feed reader (feedparser 6
does not read JSON Feed), ``<urlset>``/``<sitemapindex>`` to ``sitemaps``, the rest to
feedparser. feedparser is lenient: a slightly broken feed that still yields entries is
accepted, and it finds the charset itself when the declared one is wrong or missing.

Hostile input: an XML document declaring dangerous entities (bombs, XXE) is refused whole
(``xmlsafety``), and so is a JSON document nested too deep. A JSON Feed with a syntax error is
read as ``jsontext.repair_json`` guesses it was meant, with the error among its problems: every
item it yields passes the same checks, so the error costs the items it garbles, not the feed.
Anything else bad costs only itself:
an item without a usable link is skipped, a field that fails its check (``fields``) is dropped,
a JSON Feed field nested deeper than ``jsontext.MAX_JSON_DEPTH`` (or holding a number Python
will not convert) is dropped, and each such loss is listed in ``ParsedFeed.problems``.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import datetime
from typing import Any
from xml.sax import SAXParseException

import feedparser
import lxml.html
from lxml import etree

from tidings.ingest.fields import (
    MAX_SUMMARY,
    MAX_TITLE,
    clean_text,
    identifier,
    names,
    parse_date,
)
from tidings.ingest.jsontext import JSONRefused, load_json_parts, repair_json, unreadable_part
from tidings.ingest.sitemaps import SITEMAP_ROOTS, SitemapError, parse_sitemap
from tidings.ingest.urls import URLRefused, absolute_http_url, resolve_http_url
from tidings.ingest.xmlsafety import (
    DocumentRefused,
    check_markup,
    escape_undefined_entities,
    read_prolog,
)
from tidings.model import FeedEntry, ParsedFeed

FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/feed+json"})
"""Link types that ``discover_feeds`` reports (not application/json: WordPress's REST API
announces itself that way)."""

MAX_ENTRIES = 50_000
"""Items read from one document (the sitemap protocol's limit); the rest are reported."""

_BLOCK_TAGS = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote")
_JSON_FEED_VERSION = "https://jsonfeed.org/version/"


class FeedParseError(ValueError):
    """Nothing usable came out of a document; the message is one line."""


def parse_feed(content: bytes, url: str) -> ParsedFeed:
    """Parse a feed or sitemap fetched from ``url`` (relative links are resolved against it).

    Raises FeedParseError, and nothing else, for a document that is not a usable feed.
    """
    head = content[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head:
        raise FeedParseError("not a feed: the document is empty")
    if head.startswith(b"{"):
        return parse_json_feed(content, url)
    try:
        prolog = read_prolog(content)
        if prolog.root in SITEMAP_ROOTS:
            return parse_sitemap(content, url)
        lowered = head.lower()
        if prolog.root == "html" or lowered.startswith(b"<!doctype html") or b"<html" in lowered:
            raise FeedParseError("not a feed: got an HTML page")
        if not head.startswith(b"<"):
            raise FeedParseError("not a feed: neither XML nor JSON")
        check_markup(content)
    except (DocumentRefused, SitemapError) as exc:
        raise FeedParseError(str(exc)) from exc
    content = escape_undefined_entities(content, prolog.entities)
    return _parse_xml_feed(content, url, prolog.root)


def _parse_xml_feed(content: bytes, url: str, root: str | None) -> ParsedFeed:
    # A stream, never bytes or str: feedparser opens a string that looks like a path or URL.
    # Its HTML sanitiser (minutes on hostile markup) is not needed: HTML becomes plain text.
    parsed = feedparser.parse(
        io.BytesIO(content), sanitize_html=False, resolve_relative_uris=False
    )
    if not parsed.entries:
        error = parsed.get("bozo_exception")
        if isinstance(error, SAXParseException):
            raise FeedParseError(
                f"not a feed: XML syntax error at line {error.getLineNumber()} "
                f"({error.getMessage()})"
            )
        if not parsed.version:
            raise FeedParseError("not a feed: no RSS, Atom, JSON Feed or sitemap document")
    problems: list[str] = []
    entries = tuple(_feedparser_entries(parsed.entries, url, problems))
    atom = str(parsed.version).startswith("atom") or root == "feed"
    return ParsedFeed(
        kind="atom" if atom else "rss",
        title=_plain(parsed.feed.get("title"), parsed.feed.get("title_detail"), MAX_TITLE),
        link=absolute_http_url(url, parsed.feed.get("link")),
        entries=entries,
        problems=tuple(problems),
    )


def _feedparser_entries(items: list[Any], base: str, problems: list[str]
                        ) -> Iterable[FeedEntry]:
    for number, item in enumerate(items[:MAX_ENTRIES], start=1):
        try:
            link = resolve_http_url(base, item.get("link"))
        except URLRefused as exc:
            problems.append(f"item {number} skipped: {exc}")
            continue
        # feedparser warns when "updated" is read while only "published" is set
        raw, struct = ("published", "published_parsed") if "published" in item else (
            "updated", "updated_parsed")
        yield FeedEntry(
            url=link,
            title=_plain(item.get("title"), item.get("title_detail"), MAX_TITLE),
            guid=identifier(item.get("id")),
            published_at=_date(number, item.get(raw), item.get(struct), problems),
            summary=_plain(item.get("summary"), item.get("summary_detail"), MAX_SUMMARY),
            authors=names(item.get("authors") or [{"name": item.get("author")}]),
        )
    _count_dropped(len(items), problems)


def _date(number: int, raw: object, parsed: Any, problems: list[str]) -> datetime | None:
    try:
        return parse_date(raw, parsed)
    except ValueError as exc:
        problems.append(f"item {number}: date dropped: {exc}")
        return None


def _count_dropped(total: int, problems: list[str]) -> None:
    if total > MAX_ENTRIES:
        problems.append(f"{total - MAX_ENTRIES} items past the first {MAX_ENTRIES} ignored")


def _plain(value: object, detail: Any = None, limit: int = MAX_SUMMARY) -> str | None:
    """Text of a feed value, stripped of markup when its type says HTML, cleaned, bounded."""
    if not isinstance(value, str):
        return None
    is_html = isinstance(detail, dict) and "html" in str(detail.get("type", ""))
    text = html_to_text(value[: limit * 8]) if is_html else value
    return clean_text(text, limit)


def html_to_text(fragment: str) -> str:
    """The text of an HTML fragment, with a space where block elements meet."""
    if "<" not in fragment and "&" not in fragment:
        return fragment
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return fragment
    for script in list(root.iter("script", "style", "template")):
        script.drop_tree()  # their text is code, not prose (the tail is kept)
    for element in root.iter(*_BLOCK_TAGS):
        element.tail = " " + (element.tail or "")
    return str(root.text_content())


def parse_json_feed(content: bytes, url: str) -> ParsedFeed:
    """JSON Feed 1.0 or 1.1 (https://jsonfeed.org/version/1.1)."""
    problems: list[str] = []
    try:
        data = load_json_parts(content)
    except JSONRefused as exc:
        data = _repaired_feed(content, exc)
        problems.append(f"{exc}: read as repaired, items near the error may be lost or cut")
    if not _is_json_feed(data):
        raise FeedParseError("not a feed: JSON without a JSON Feed version")
    items = data.get("items")
    if not isinstance(items, list):
        raise FeedParseError("not a feed: JSON Feed without an items list")
    data = _readable_fields(data, "feed", problems, keep=("items",))
    feed_authors = _json_authors(data)
    entries = [
        _json_entry(number, item, url, feed_authors, problems)
        for number, item in enumerate(items[:MAX_ENTRIES], start=1)
    ]
    _count_dropped(len(items), problems)
    return ParsedFeed(
        kind="json",
        title=_plain(data.get("title"), limit=MAX_TITLE),
        link=absolute_http_url(url, data.get("home_page_url")),
        entries=tuple(entry for entry in entries if entry is not None),
        problems=tuple(problems),
    )


def _is_json_feed(data: object) -> bool:
    return isinstance(data, dict) and str(data.get("version", "")).startswith(_JSON_FEED_VERSION)


def _repaired_feed(content: bytes, error: JSONRefused) -> Any:
    """The JSON Feed a document with a syntax error holds as repaired; FeedParseError with the
    syntax error when it cannot be repaired into one."""
    try:
        data = repair_json(content)
    except JSONRefused:
        data = None
    if not _is_json_feed(data):
        raise FeedParseError(f"not a feed: {error}") from error
    return data


def _json_authors(obj: dict[str, Any]) -> tuple[str, ...]:
    """``authors`` (1.1) or ``author`` (1.0)."""
    return names(obj.get("authors") or [obj.get("author")])


def _json_entry(number: int, item: object, base: str, authors: tuple[str, ...],
                problems: list[str]) -> FeedEntry | None:
    if not isinstance(item, dict):
        problems.append(f"item {number} skipped: not a JSON object")
        return None
    item = _readable_fields(item, f"item {number}", problems)
    try:
        url = _json_link(item, base)
    except URLRefused as exc:
        problems.append(f"item {number} skipped: {exc}")
        return None
    for name in ("title", "summary", "content_text", "content_html", "date_published"):
        if item.get(name) is not None and not isinstance(item[name], str):
            problems.append(f"item {number}: {name} dropped: not a string")
    summary = _plain(item.get("summary")) or _plain(item.get("content_text"))
    return FeedEntry(
        url=url,
        title=_plain(item.get("title"), limit=MAX_TITLE),
        guid=identifier(item.get("id")),
        published_at=_date(number, _plain(item.get("date_published"), limit=100), None,
                           problems),
        summary=summary or _plain(item.get("content_html"), {"type": "text/html"}),
        authors=_json_authors(item) or authors,
    )


def _readable_fields(obj: dict[str, Any], where: str, problems: list[str],
                     keep: tuple[str, ...] = ()) -> dict[str, Any]:
    """``obj`` without the fields ``load_json_parts`` could not read whole (except ``keep``)."""
    readable: dict[str, Any] = {}
    for name, value in obj.items():
        lost = None if name in keep else unreadable_part(value)
        if lost is None:
            readable[name] = value
        else:
            problems.append(f"{where}: {_shown_name(name)} dropped: {lost.reason}")
    return readable


def _shown_name(name: str) -> str:
    return clean_text(name, 40) or "a field"


def _json_link(item: dict[str, Any], base: str) -> str:
    """``url``, else ``external_url``; URLRefused with the first one's reason if neither is."""
    first: URLRefused | None = None
    for href in (item.get("url"), item.get("external_url")):
        if href is None:
            continue
        try:
            return resolve_http_url(base, href)
        except URLRefused as exc:
            first = first or exc
    raise first or URLRefused("no url or external_url")


def discover_feeds(html: str, base_url: str) -> list[str]:
    """Feed URLs announced by ``<link rel="alternate" type="...">``, absolute, in page order.

    Links that fail the URL check (``urls.check_http_url``) are left out."""
    try:
        document = lxml.html.document_fromstring(
            html.encode("utf-8", "replace"), parser=lxml.html.HTMLParser(encoding="utf-8")
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
