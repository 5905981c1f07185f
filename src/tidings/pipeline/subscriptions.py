"""Subscriptions: adding, removing, importing and exporting feeds."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from sqlalchemy import Connection, Engine

from tidings.config import Settings
from tidings.ingest.netguard import AddressGuard
from tidings.ingest.opml import OPMLError, parse_opml, render_opml
from tidings.ingest.urls import URLRefused, check_http_url
from tidings.model import Feed, OutlineFeed
from tidings.pipeline.common import utcnow
from tidings.store import feeds as feed_store


class SubscribeError(ValueError):
    """A feed could not be added; the message says why in one line."""


@dataclass(frozen=True)
class OPMLImport:
    """What an OPML import did: the feeds added, and one line per outline left out."""

    added: list[Feed]
    skipped: list[str]


def check_feed_url(url: str, settings: Settings) -> str:
    """The URL as subscribed (``urls.check_http_url``), or SubscribeError saying why not.

    A host written as an address the fetcher would refuse (10.0.0.1, [::1]) is refused now,
    rather than failing at every poll."""
    try:
        url = check_http_url(url)
    except URLRefused as exc:
        raise SubscribeError(str(exc)) from exc
    host = urlsplit(url).hostname or ""
    try:
        address = ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return url
    reason = AddressGuard.from_cidrs(settings.allowed_networks).refusal(address)
    if reason and not settings.allow_private_addresses:
        raise SubscribeError(
            f"not allowed: {host} is {reason} (set TIDINGS_ALLOW_PRIVATE_ADDRESSES=1 to allow)"
        )
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
    url = check_feed_url(url, settings)
    interval = interval_minutes or settings.feed_interval_minutes
    if interval < 1:
        raise SubscribeError("the interval must be at least one minute")
    with engine.begin() as conn:
        return _add(conn, url, title, interval)


def _add(conn: Connection, url: str, title: str | None, interval: int) -> Feed:
    """An administrator's feed, polled until removed; one only readers had added becomes
    one (it is then polled whether or not anyone subscribes)."""
    try:
        return feed_store.add_feed(conn, url, title=title, interval_minutes=interval,
                                   now=utcnow())
    except feed_store.FeedExistsError as exc:
        existing = feed_store.find_feed(conn, url)
        if existing is None or not existing.readers_only:
            raise SubscribeError(f"feed already added: {url}") from exc
        feed_store.keep_feed(conn, existing.id)
        return replace(existing, readers_only=False)


def unsubscribe(engine: Engine, feed_id: int) -> bool:
    """Remove a feed; its articles stay. False when there was no such feed."""
    with engine.begin() as conn:
        return feed_store.remove_feed(conn, feed_id)


def import_opml(engine: Engine, settings: Settings, content: bytes) -> OPMLImport:
    """Subscribe to the first ``settings.max_opml_feeds`` feeds of an OPML file.

    Every outline not subscribed gets a line in ``skipped``: refused (its reason), listed
    twice, already subscribed, or (one line for all) past the cap. Raises OPMLError (one
    line) when the file is not usable OPML at all, or is larger than ``max_body_bytes``.
    """
    if len(content) > settings.max_body_bytes:
        raise OPMLError(
            f"OPML file of {len(content):,} bytes is over the {settings.max_body_bytes:,}-byte "
            "limit (TIDINGS_MAX_BODY_BYTES)"
        )
    cap = settings.max_opml_feeds
    outlines = parse_opml(content, limit=cap)
    skipped = list(outlines.refused)
    added: list[Feed] = []
    with engine.begin() as conn:
        for outline in outlines.feeds:
            try:
                url = check_feed_url(outline.url, settings)
                added.append(_add(conn, url, outline.title, settings.feed_interval_minutes))
            except SubscribeError as exc:
                named = f"outline {outline.title!r}" if outline.title else "outline"
                skipped.append(f"{named} refused: {exc}")
    if outlines.more:
        skipped.append(
            f"{outlines.more:,} more feeds not imported: one import reads the first {cap:,} "
            "feeds listed (TIDINGS_MAX_OPML_FEEDS)"
        )
    return OPMLImport(added=added, skipped=skipped)


def export_opml(engine: Engine) -> str:
    """Every subscribed feed as an OPML 2.0 document."""
    with engine.connect() as conn:
        feeds = feed_store.list_feeds(conn)
    return render_opml(OutlineFeed(url=f.url, title=f.title) for f in feeds)
