"""XML sitemaps, Google News sitemaps and sitemap indexes.

Parsed with lxml in a safe mode: no DTD loading, no entity expansion (XXE, billion laughs),
no network access and no "huge tree" mode. Parsing recovers from small syntax errors, since
broken sitemaps are common and each ``<url>`` stands alone.
"""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

from lxml import etree

from tidings.model import FeedEntry, ParsedFeed

SITEMAP_ROOTS = frozenset({"urlset", "sitemapindex"})


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


def absolute_http_url(base: str, href: object) -> str | None:
    """``href`` made absolute against ``base`` if it is an http(s) URL, else None."""
    if not isinstance(href, str) or not href.strip():
        return None
    url = urljoin(base, href.strip())
    parts = urlsplit(url)
    return url if parts.scheme in ("http", "https") and parts.hostname else None


def parse_w3c_datetime(value: str | None) -> datetime | None:
    """A W3C datetime ("2024-05-01", "2024-05-01T10:00:00+02:00") in UTC; naive means UTC."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


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


def _entry(node: etree._Element, base: str) -> FeedEntry | None:
    """One ``<url>``; the news extension gives title and date, else ``<lastmod>`` the date."""
    url = absolute_http_url(base, _text(node, "loc"))
    if url is None:
        return None
    news = _child(node, "news")
    published = parse_w3c_datetime(_text(news, "publication_date"))
    return FeedEntry(
        url=url,
        title=_text(news, "title"),
        published_at=published or parse_w3c_datetime(_text(node, "lastmod")),
    )


def parse_sitemap(content: bytes, url: str) -> ParsedFeed:
    """A sitemap ("sitemap": pages as entries) or sitemap index ("sitemapindex": children)."""
    try:
        root = etree.fromstring(content, safe_xml_parser(recover=True))
    except etree.XMLSyntaxError as exc:
        raise SitemapError(f"not a sitemap: {exc}") from exc
    if root is None or _local(root) not in SITEMAP_ROOTS:
        raise SitemapError("not a sitemap: no <urlset> or <sitemapindex> root element")
    if _local(root) == "sitemapindex":
        children = (absolute_http_url(url, _text(node, "loc")) for node in root)
        return ParsedFeed(
            kind="sitemapindex",
            title=None,
            link=None,
            entries=(),
            sitemaps=tuple(dict.fromkeys(child for child in children if child)),
        )
    entries = [_entry(node, url) for node in root if _local(node) == "url"]
    publication = _child(_child(_child(root, "url"), "news"), "publication")
    return ParsedFeed(
        kind="sitemap",
        title=_text(publication, "name"),
        link=None,
        entries=tuple(entry for entry in entries if entry is not None),
    )
