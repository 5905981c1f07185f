"""Subscriptions: adding, removing, importing and exporting feeds."""

from __future__ import annotations

from urllib.parse import urlsplit

from sqlalchemy import Engine

from tidings.config import Settings
from tidings.ingest.opml import parse_opml, render_opml
from tidings.model import Feed, OutlineFeed
from tidings.pipeline.common import utcnow
from tidings.store import feeds as feed_store


class SubscribeError(ValueError):
    """A feed could not be added; the message says why in one line."""


def check_http_url(url: str) -> str:
    """The URL stripped of spaces, or SubscribeError when it is not an absolute http(s) URL."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SubscribeError(f"not an http(s) URL: {url!r}")
    return url


def subscribe(
    engine: Engine,
    settings: Settings,
    url: str,
    *,
    title: str | None = None,
    interval_minutes: int | None = None,
) -> Feed:
    """Add a feed to poll; raises SubscribeError for a bad URL or a feed already added."""
    url = check_http_url(url)
    interval = interval_minutes or settings.feed_interval_minutes
    if interval < 1:
        raise SubscribeError("the interval must be at least one minute")
    try:
        with engine.begin() as conn:
            return feed_store.add_feed(
                conn, url, title=title, interval_minutes=interval, now=utcnow()
            )
    except feed_store.FeedExistsError as exc:
        raise SubscribeError(f"feed already added: {url}") from exc


def unsubscribe(engine: Engine, feed_id: int) -> bool:
    """Remove a feed; its articles stay. False when there was no such feed."""
    with engine.begin() as conn:
        return feed_store.remove_feed(conn, feed_id)


def import_opml(
    engine: Engine, settings: Settings, content: bytes
) -> tuple[list[Feed], list[str]]:
    """Subscribe to every feed of an OPML file: the feeds added and one line per feed skipped.

    Raises OPMLError (one line) when the file is not usable OPML at all.
    """
    added: list[Feed] = []
    skipped: list[str] = []
    for outline in parse_opml(content):
        try:
            added.append(subscribe(engine, settings, outline.url, title=outline.title))
        except SubscribeError as exc:
            skipped.append(str(exc))
    return added, skipped


def export_opml(engine: Engine) -> str:
    """Every subscribed feed as an OPML 2.0 document."""
    with engine.connect() as conn:
        feeds = feed_store.list_feeds(conn)
    return render_opml(OutlineFeed(url=f.url, title=f.title) for f in feeds)

