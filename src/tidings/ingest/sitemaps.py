"""XML sitemaps, Google News sitemaps and sitemap indexes.

Parsed with lxml in a safe mode: no DTD loading, no entity expansion (XXE, billion laughs),
no network access and no "huge tree" mode; ``feeds.parse_feed`` refuses documents that
declare dangerous entities before they get here. Parsing recovers from small syntax errors,
since broken sitemaps are common and each ``<url>`` stands alone.
"""

from __future__ import annotations

from datetime import datetime

from lxml import etree

from tidings.ingest.fields import MAX_TITLE, clean_text, parse_date
from tidings.ingest.urls import URLRefused, resolve_http_url
from tidings.model import FeedEntry, ParsedFeed

SITEMAP_ROOTS = frozenset({"urlset", "sitemapindex"})

MAX_URLS = 50_000
"""``<url>`` (or ``<sitemap>``) elements read from one document: the protocol's limit."""


class SitemapError(ValueError):
    """The document is not a sitemap; the message is one line."""


def safe_xml_parser(*, recover: bool = False) -> etree.XMLParser:
    """An lxml parser that never expands entities, loads DTDs or touches the network."""
    return etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=False,
        recover=recover,
    )


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _child(element: etree._Element | None, name: str) -> etree._Element | None:
    """The first child called ``name`` in any namespace (sitemaps use several)."""
    if element is None:
        return None
    return next((child for child in element if _local(child) == name), None)


def _text(element: etree._Element | None, name: str) -> str | None:
    child = _child(element, name)
    text = (child.text or "").strip() if child is not None else ""
    return text or None


def _date(number: int, value: str | None, problems: list[str]) -> datetime | None:
    try:
        return parse_date(value)
    except ValueError as exc:
        problems.append(f"url {number}: date dropped: {exc}")
        return None


def _entry(number: int, node: etree._Element, base: str, problems: list[str]
           ) -> FeedEntry | None:
    """One ``<url>``; the news extension gives title and date, else ``<lastmod>`` the date."""
    try:
        url = resolve_http_url(base, _text(node, "loc"))
    except URLRefused as exc:
        problems.append(f"url {number} skipped: {exc}")
        return None
    news = _child(node, "news")
    published = _date(number, _text(news, "publication_date"), problems)
    return FeedEntry(
        url=url,
        title=clean_text(_text(news, "title"), MAX_TITLE),
        published_at=published or _date(number, _text(node, "lastmod"), problems),
    )


def _children(root: etree._Element, base: str, problems: list[str]) -> tuple[str, ...]:
    """The child sitemaps of a sitemap index, checked, once each."""
    found: dict[str, None] = {}
    nodes = (node for node in root[:MAX_URLS] if _local(node) == "sitemap")
    for number, node in enumerate(nodes, start=1):
        try:
            found[resolve_http_url(base, _text(node, "loc"))] = None
        except URLRefused as exc:
            problems.append(f"sitemap {number} skipped: {exc}")
    return tuple(found)


def parse_sitemap(content: bytes, url: str) -> ParsedFeed:
    """A sitemap ("sitemap": pages as entries) or sitemap index ("sitemapindex": children)."""
    try:
        root = etree.fromstring(content, safe_xml_parser(recover=True))
    except etree.XMLSyntaxError as exc:
        raise SitemapError(f"not a sitemap: {exc}") from exc
    if root is None or _local(root) not in SITEMAP_ROOTS:
        raise SitemapError("not a sitemap: no <urlset> or <sitemapindex> root element")
    problems: list[str] = []
    if len(root) > MAX_URLS:
        problems.append(f"{len(root) - MAX_URLS} elements past the first {MAX_URLS} ignored")
    if _local(root) == "sitemapindex":
        return ParsedFeed(
            kind="sitemapindex", title=None, link=None, entries=(),
            sitemaps=_children(root, url, problems), problems=tuple(problems),
        )
    nodes = (node for node in root[:MAX_URLS] if _local(node) == "url")
    entries = [_entry(number, node, url, problems) for number, node in enumerate(nodes, 1)]
    publication = _child(_child(_child(root, "url"), "news"), "publication")
    return ParsedFeed(
        kind="sitemap",
        title=clean_text(_text(publication, "name"), MAX_TITLE),
        link=None,
        entries=tuple(entry for entry in entries if entry is not None),
        problems=tuple(problems),
    )
