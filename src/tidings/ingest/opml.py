"""OPML subscription lists: read (nested folders become categories) and write (OPML 2.0)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from lxml import etree

from tidings.ingest.sitemaps import absolute_http_url, safe_xml_parser
from tidings.model import OutlineFeed

_NOT_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class OPMLError(ValueError):
    """The document is not a usable OPML subscription list; the message is one line."""


def parse_opml(content: bytes) -> list[OutlineFeed]:
    """Every outline with an http(s) ``xmlUrl``, once per URL, in document order.

    A feed's category is the title (or text) of the outline it sits in.
    """
    try:
        root = etree.fromstring(content, safe_xml_parser())
    except etree.XMLSyntaxError as exc:
        raise OPMLError(f"not OPML: XML syntax error at line {exc.lineno} ({exc.msg})") from exc
    if root.tag != "opml":
        raise OPMLError(f"not OPML: the root element is <{root.tag}>, not <opml>")
    body = root.find("body")
    if body is None:
        raise OPMLError("not OPML: no <body> element")
    feeds: dict[str, OutlineFeed] = {}
    for feed in _outlines(body, None):
        feeds.setdefault(feed.url, feed)
    if not feeds:
        raise OPMLError("no feeds in OPML: no outline with an xmlUrl")
    return list(feeds.values())


def _outlines(parent: etree._Element, category: str | None) -> Iterator[OutlineFeed]:
    for outline in parent.iterfind("outline"):
        label = _attribute(outline, "title") or _attribute(outline, "text")
        url = absolute_http_url("", _attribute(outline, "xmlUrl"))
        if url:
            yield OutlineFeed(url=url, title=label if label != url else None, category=category)
        yield from _outlines(outline, label or category)


def _attribute(element: etree._Element, name: str) -> str | None:
    """An attribute by case-insensitive name (exporters write xmlUrl, xmlurl, XMLURL), stripped."""
    wanted = name.lower()
    for key, value in element.attrib.items():
        if str(key).lower() == wanted:
            return str(value).strip() or None
    return None


def render_opml(feeds: Iterable[OutlineFeed], title: str = "Tidings subscriptions") -> str:
    """An OPML 2.0 document with one folder outline per category; ``parse_opml`` reads it back."""
    root = etree.Element("opml", version="2.0")
    etree.SubElement(etree.SubElement(root, "head"), "title").text = _xml_text(title)
    body = etree.SubElement(root, "body")
    folders: dict[str, etree._Element] = {}
    for feed in feeds:
        parent = body
        if feed.category:
            name = _xml_text(feed.category)
            if name not in folders:
                folders[name] = etree.SubElement(body, "outline", text=name, title=name)
            parent = folders[name]
        attributes = {"type": "rss", "text": _xml_text(feed.title or feed.url), "xmlUrl": feed.url}
        if feed.title:
            attributes["title"] = _xml_text(feed.title)
        etree.SubElement(parent, "outline", attributes)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(
        root, encoding="unicode", pretty_print=True
    )


def _xml_text(text: str) -> str:
    """``text`` without the control characters that XML cannot hold."""
    return _NOT_XML_CHARS.sub("", text)
