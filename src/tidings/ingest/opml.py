"""OPML subscription lists: read (nested folders become categories) and write (OPML 2.0)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from lxml import etree

from tidings.ingest.fields import MAX_TITLE, clean_text
from tidings.ingest.sitemaps import safe_xml_parser
from tidings.ingest.urls import URLRefused, check_http_url
from tidings.ingest.xmlsafety import DocumentRefused, read_prolog
from tidings.model import OutlineFeed

_NOT_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class OPMLError(ValueError):
    """The document is not a usable OPML subscription list; the message is one line."""


@dataclass(frozen=True)
class OutlineList:
    """The feeds of an OPML document, and one line per outline left out, saying why."""

    feeds: list[OutlineFeed]
    refused: list[str] = field(default_factory=list)
    more: int = 0
    """Outlines with an xmlUrl past the ``limit``, left unread."""


def parse_opml(content: bytes, *, limit: int | None = None) -> OutlineList:
    """Every outline with a usable ``xmlUrl`` (``urls.check_http_url``), once per URL, in
    document order; the others are listed in ``refused`` with their line and reason. Past
    ``limit`` feeds, the remaining outlines are only counted (``more``).

    A feed's category is the title (or text) of the outline it sits in. Raises OPMLError when
    the document is not OPML, declares dangerous entities, or has no outline with an xmlUrl.
    """
    try:
        read_prolog(content)
        root = etree.fromstring(content, safe_xml_parser())
    except DocumentRefused as exc:
        raise OPMLError(str(exc)) from exc
    except etree.XMLSyntaxError as exc:
        raise OPMLError(f"not OPML: XML syntax error at line {exc.lineno} ({exc.msg})") from exc
    if root.tag != "opml":
        raise OPMLError(f"not OPML: the root element is <{root.tag}>, not <opml>")
    body = root.find("body")
    if body is None:
        raise OPMLError("not OPML: no <body> element")
    found = _outlines(body, limit)
    if not found.feeds and not found.refused:
        raise OPMLError("no feeds in OPML: no outline with an xmlUrl")
    return found


def _outlines(body: etree._Element, limit: int | None) -> OutlineList:
    feeds: dict[str, OutlineFeed] = {}
    refused: list[str] = []
    folders: dict[etree._Element, str | None] = {body: None}
    outlines = body.iter("outline")
    for outline in outlines:
        if len(feeds) == limit:
            more = [o for o in (outline, *outlines) if _attribute(o, "xmlUrl") is not None]
            return OutlineList(list(feeds.values()), refused, len(more))
        label = clean_text(_attribute(outline, "title") or _attribute(outline, "text"),
                           MAX_TITLE)
        category = folders.get(outline.getparent())
        folders[outline] = label or category
        href = _attribute(outline, "xmlUrl")
        if href is None:
            continue
        where = f"line {outline.sourceline}: outline {label!r}" if label else (
            f"line {outline.sourceline}: outline")
        try:
            url = check_http_url(href)
        except URLRefused as exc:
            refused.append(f"{where} refused: {exc}")
            continue
        if url in feeds:
            refused.append(f"{where} skipped: listed twice ({url})")
            continue
        feeds[url] = OutlineFeed(url=url, title=label if label != url else None,
                                 category=category)
    return OutlineList(list(feeds.values()), refused)


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
