"""Feeds out: one list of items written as RSS 2.0 or Atom (feedgen) or JSON Feed 1.1.

Every URL is absolute, every date RFC 822 (RSS) / RFC 3339 (Atom, JSON Feed), and an item's
GUID is its Tidings address, which never changes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from feedgen.feed import FeedGenerator

FORMATS = {
    "rss": "application/rss+xml; charset=utf-8",
    "atom": "application/atom+xml; charset=utf-8",
    "json": "application/feed+json; charset=utf-8",
}


@dataclass(frozen=True)
class FeedItem:
    guid: str
    """An absolute Tidings URL: stable, and a permalink."""
    title: str
    link: str
    """Where the reader goes: the original article."""
    published: datetime
    summary: str
    """Plain text."""
    author: str = ""
    source: str = ""


@dataclass(frozen=True)
class FeedMeta:
    title: str
    description: str
    page: str
    """The absolute address of the page this feed is the feed of."""
    self_url: str


def render(meta: FeedMeta, items: Sequence[FeedItem], kind: str) -> bytes:
    """The feed as bytes in `kind` ("rss", "atom" or "json")."""
    if kind == "json":
        return _json_feed(meta, items)
    generator = FeedGenerator()
    generator.id(meta.self_url)
    generator.title(meta.title)
    generator.description(meta.description or meta.title)
    generator.subtitle(meta.description or meta.title)
    generator.link(href=meta.page, rel="alternate")
    generator.link(href=meta.self_url, rel="self")
    generator.language("en")
    generator.generator("Tidings")
    newest = max((i.published for i in items), default=datetime.now(UTC))
    generator.updated(newest)
    generator.lastBuildDate(newest)
    for item in reversed(items):  # feedgen prepends: add oldest first, newest ends first
        entry = generator.add_entry()
        entry.id(item.guid)
        entry.guid(item.guid, permalink=True)
        entry.title(item.title)
        entry.link(href=item.link, rel="alternate")
        entry.published(item.published)
        entry.updated(item.published)
        entry.description(item.summary or item.title)
        if item.author:
            entry.author({"name": item.author})
        if item.source:
            entry.source(title=item.source, url=meta.page)
    return generator.rss_str(pretty=True) if kind == "rss" else generator.atom_str(pretty=True)


def _json_feed(meta: FeedMeta, items: Sequence[FeedItem]) -> bytes:
    body = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": meta.title,
        "description": meta.description,
        "home_page_url": meta.page,
        "feed_url": meta.self_url,
        "language": "en",
        "items": [{
            "id": item.guid,
            "url": item.link,
            "external_url": item.link,
            "title": item.title,
            "content_text": item.summary or item.title,
            "date_published": item.published.astimezone(UTC).isoformat(),
            **({"authors": [{"name": item.author}]} if item.author else {}),
            **({"tags": [item.source]} if item.source else {}),
        } for item in items],
    }
    return json.dumps(body, ensure_ascii=False, indent=1).encode()
