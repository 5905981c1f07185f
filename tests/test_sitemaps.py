"""Sitemaps, news sitemaps and sitemap indexes, parsed safely."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tidings.config import Settings
from tidings.ingest.feeds import parse_feed
from tidings.ingest.fetcher import Fetcher, FetchOptions
from tidings.ingest.sitemaps import SitemapError, parse_sitemap

SITEMAPS = Path(__file__).parent / "fixtures" / "site" / "sitemaps"


def fetch_and_parse(site, path: str):
    settings = Settings(allow_private_addresses=True, per_host_delay=0.0, max_retries=0)
    with Fetcher(FetchOptions.from_settings(settings)) as fetcher:
        result = fetcher.fetch(site.url_for(path), kind="feed")
    return parse_feed(result.content, result.url)


def test_sitemap(site):
    feed = fetch_and_parse(site, "/sitemaps/sitemap.xml")
    assert (feed.kind, feed.title, feed.sitemaps) == ("sitemap", None, ())
    assert [entry.url for entry in feed.entries] == [
        site.url_for(f"/pages/article-{n}.html") for n in (1, 2, 3)
    ]  # mailto: skipped
    assert [entry.published_at for entry in feed.entries] == [
        datetime(2024, 3, 4, tzinfo=UTC),
        datetime(2024, 3, 5, 12, 0, tzinfo=UTC),
        None,
    ]


def test_news_sitemap(site):
    feed = fetch_and_parse(site, "/sitemaps/news.xml")
    assert (feed.kind, feed.title) == ("sitemap", "The Eastmere Gazette")
    first, second = feed.entries
    assert first.title == "Harbour town votes to restore its old lighthouse"
    assert first.published_at == datetime(2024, 3, 4, 8, 30, tzinfo=UTC)
    assert second.url == site.url_for("/pages/article-2.html")  # relative <loc>
    assert second.published_at == datetime(2024, 3, 5, tzinfo=UTC)


def test_sitemap_index(site):
    feed = fetch_and_parse(site, "/sitemaps/index.xml")
    assert (feed.kind, feed.entries) == ("sitemapindex", ())
    assert feed.sitemaps == (
        site.url_for("/sitemaps/news.xml"),
        site.url_for("/sitemaps/sitemap.xml"),
    )


def test_entities_are_not_expanded():
    content = b"""<?xml version="1.0"?>
<!DOCTYPE urlset [
  <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
  <!ENTITY file SYSTEM "file:///etc/passwd">
]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>http://x.example/&c;</loc></url>
<url><loc>http://x.example/&file;</loc></url>
</urlset>"""
    feed = parse_sitemap(content, "http://x.example/sitemap.xml")
    assert [entry.url for entry in feed.entries] == ["http://x.example/"] * 2


def test_small_syntax_errors_are_tolerated():
    content = (SITEMAPS / "sitemap.xml").read_bytes().replace(b"</urlset>", b"<url><loc>")
    feed = parse_sitemap(content, "http://x.example/sitemap.xml")
    assert len(feed.entries) == 3


def test_not_a_sitemap():
    with pytest.raises(SitemapError, match="not a sitemap"):
        parse_sitemap(b"<rss/>", "http://x.example/")
    with pytest.raises(SitemapError, match="not a sitemap"):
        parse_sitemap(b"", "http://x.example/")


def test_parse_feed_sends_broken_sitemaps_to_the_lenient_parser():
    feed = parse_feed(b"<urlset><url><loc>/a</loc></url", "http://x.example/sitemap.xml")
    assert [entry.url for entry in feed.entries] == ["http://x.example/a"]
