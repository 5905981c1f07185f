"""parse_feed and discover_feeds on the fixture feeds, served by the local test site."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tidings.config import Settings
from tidings.ingest.feeds import FeedParseError, discover_feeds, parse_feed
from tidings.ingest.fetcher import Fetcher, FetchOptions
from tidings.model import ParsedFeed

FEEDS = Path(__file__).parent / "fixtures" / "site" / "feeds"
BASE = "http://gazette.example/feeds/feed.xml"


def fetch_feed(site, path: str) -> tuple[ParsedFeed, str | None]:
    """Fetch a feed from the test site and parse it; also the charset the server declared."""
    settings = Settings(allow_private_addresses=True, per_host_delay=0.0, max_retries=0)
    with Fetcher(FetchOptions.from_settings(settings)) as fetcher:
        result = fetcher.fetch(site.url_for(path), kind="feed")
    return parse_feed(result.content, result.url), result.encoding


def fixture(name: str) -> bytes:
    return (FEEDS / name).read_bytes()


def test_rss2(site):
    feed, _ = fetch_feed(site, "/feeds/rss2.xml")
    assert (feed.kind, feed.title) == ("rss", "The Eastmere Gazette")
    assert feed.link == site.url_for("/pages/index.html")
    assert [entry.url for entry in feed.entries] == [
        site.url_for(f"/pages/article-{n}.html") for n in (1, 2, 3)
    ]  # the relative link is made absolute; the item without a link is skipped
    first, second, third = feed.entries
    assert first.guid == "gazette-1"
    assert first.published_at == datetime(2024, 3, 4, 8, 30, tzinfo=UTC)
    assert first.authors == ("Maria Jensen",)
    assert first.summary == "Residents voted on Sunday. The tower has been dark since 1987."
    assert second.authors == ("Tomas Berg",)
    assert third.summary is None and third.authors == ()


def test_atom(site):
    feed, _ = fetch_feed(site, "/feeds/atom.xml")
    assert (feed.kind, feed.title) == ("atom", "The Eastmere Gazette")
    assert feed.link == site.url_for("/pages/index.html")
    first, second = feed.entries
    assert first.url == site.url_for("/pages/article-1.html")
    assert first.guid == "tag:gazette.example,2024:1"
    assert first.published_at == datetime(2024, 3, 4, 8, 30, tzinfo=UTC)
    assert first.authors == ("Maria Jensen", "Ola Nordmann")
    assert first.summary == "Residents voted on Sunday."
    assert second.published_at == datetime(2024, 3, 5, 12, 0, tzinfo=UTC)  # from <updated>


def test_rss1_rdf():
    feed = parse_feed(fixture("rss1.xml"), BASE)
    assert (feed.kind, feed.title) == ("rss", "Gazette (RSS 1.0)")
    (entry,) = feed.entries
    assert entry.url == "http://gazette.example/a"
    assert entry.published_at == datetime(2024, 3, 4, 8, 30, tzinfo=UTC)
    assert entry.authors == ("Maria Jensen",)


def test_rss091_with_doctype():
    feed = parse_feed(fixture("rss091.xml"), BASE)
    assert (feed.kind, feed.title) == ("rss", "Gazette (RSS 0.91)")
    assert [entry.url for entry in feed.entries] == ["http://gazette.example/old"]


def test_json_feed_1_1(site):
    feed, _ = fetch_feed(site, "/feeds/jsonfeed.json")
    assert (feed.kind, feed.title) == ("json", "The Eastmere Gazette (JSON)")
    assert feed.link == site.url_for("/pages/index.html")
    first, second = feed.entries  # no url: skipped; not an object: skipped
    assert first.url == site.url_for("/pages/article-1.html")
    assert first.summary == "Residents voted on Sunday."
    assert first.authors == ("Maria Jensen",)
    assert first.published_at == datetime(2024, 3, 4, 8, 30, tzinfo=UTC)
    assert second.url == site.url_for("/pages/article-2.html")
    assert second.guid == "2"
    assert second.authors == ("Gazette Staff",)  # inherited from the feed
    assert second.summary == "A train shortly before midnight."


def test_json_feed_1_0_author():
    content = b"""{"version": "https://jsonfeed.org/version/1", "title": "Old",
      "items": [{"id": "a", "external_url": "https://x.example/a", "author": {"name": "Kim"},
                 "content_text": "Plain   text.", "date_published": "2024-01-02T03:04:05"}]}"""
    (entry,) = parse_feed(content, BASE).entries
    assert (entry.url, entry.authors, entry.summary) == (
        "https://x.example/a",
        ("Kim",),
        "Plain text.",
    )
    assert entry.published_at == datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"title": ', "not a feed: invalid JSON"),
        (b'{"version": "1.0", "items": []}', "not a feed: JSON without a JSON Feed version"),
        (
            b'{"version": "https://jsonfeed.org/version/1.1"}',
            "not a feed: JSON Feed without an items list",
        ),
        (b"", "not a feed: the document is empty"),
        (b"just some words", "not a feed: neither XML nor JSON"),
        (b"<note><to>x</to></note>", "not a feed: no RSS, Atom, JSON Feed or sitemap document"),
        (b"<:>", "not a feed: XML syntax error"),  # a tag lxml's QName refuses (found by fuzzing)
        (b"<a:/>", "not a feed: XML syntax error"),
    ],
)
def test_unusable_documents(content, message):
    with pytest.raises(FeedParseError) as caught:
        parse_feed(content, BASE)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_html_is_not_a_feed():
    html = (FEEDS.parent / "pages" / "article-1.html").read_bytes()
    with pytest.raises(FeedParseError, match=r"^not a feed: got an HTML page$"):
        parse_feed(html, BASE)


def test_malformed_feed_with_entries_is_accepted():
    feed = parse_feed(fixture("malformed.xml"), BASE)
    assert feed.entries[0].url == "http://gazette.example/first"
    assert feed.entries[0].title == "First item survives"


def test_malformed_feed_without_entries_is_refused():
    with pytest.raises(FeedParseError) as caught:
        parse_feed(fixture("truncated.xml"), BASE)
    assert str(caught.value).startswith("not a feed: XML syntax error at line 3")


def test_valid_empty_feed_is_not_an_error():
    content = b'<rss version="2.0"><channel><title>Quiet</title></channel></rss>'
    assert parse_feed(content, BASE) == ParsedFeed("rss", "Quiet", None, ())


def test_wrong_declared_charset(site):
    path = "/typed?file=feeds/latin1-declared-utf8.xml&type=application/rss%2Bxml;+charset=utf-8"
    feed, encoding = fetch_feed(site, path)
    assert encoding == "utf-8"  # what the server claims; the bytes are latin-1
    assert feed.title == "Café du Port"
    assert feed.entries[0].title == "Crème brûlée night"


def test_missing_charset(site):
    feed, encoding = fetch_feed(site, "/feeds/no-charset.xml")
    assert encoding is None
    assert feed.title == "Café du Port"
    assert feed.entries[0].title == "Crème brûlée night"


def test_gzip_feed(site):
    feed, _ = fetch_feed(site, "/gzip/feeds/atom.xml")
    assert len(feed.entries) == 2


def test_external_entities_are_refused_not_read():
    content = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>T&xxe;</title>
<item><title>x</title><link>http://gazette.example/x</link></item></channel></rss>"""
    with pytest.raises(FeedParseError, match=r"entity 'xxe', an external .*\(XXE\)") as caught:
        parse_feed(content, BASE)
    assert "root:" not in str(caught.value)


def test_feedparser_never_opens_a_path(tmp_path):
    local = tmp_path / "feed.xml"
    local.write_bytes(fixture("rss1.xml"))
    with pytest.raises(FeedParseError):
        parse_feed(str(local).encode(), BASE)


def test_discover_feeds(site):
    html = (FEEDS.parent / "pages" / "index.html").read_text()
    base = site.url_for("/pages/index.html")
    assert discover_feeds(html, base) == [
        site.url_for("/feeds/rss2.xml"),
        site.url_for("/pages/feeds/atom.xml"),
        "https://example.org/feed.json",
    ]


def test_discover_feeds_honours_base_href():
    html = """<html><head><base href="https://cdn.example/site/">
    <link rel="alternate" type="application/atom+xml" href="atom.xml"></head></html>"""
    assert discover_feeds(html, "https://www.example/") == ["https://cdn.example/site/atom.xml"]


def test_discovered_links_pass_the_url_check():
    links = "".join(
        f'<link rel="alternate" type="application/rss+xml" href="{href}">'
        for href in ("javascript:alert(1)", "data:,x", "file:///etc/passwd", "http://a.example/&#0;",
                     "http://a.example/&#9;x", "http://[a.example/", "/ok.xml")
    )
    assert discover_feeds(f"<html><head>{links}</head></html>", "https://www.example/") == [
        "https://www.example/ok.xml"]


@pytest.mark.parametrize(
    "html",
    ["", "<html></html>", "not html at all", "<?xml version='1.0' encoding='utf-8'?><html/>"],
)
def test_discover_feeds_finds_nothing(html):
    assert discover_feeds(html, "https://www.example/") == []


def _json_feed(*items: str) -> bytes:
    head = '{"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": ['
    return (head + ", ".join(items) + "]}").encode()


@pytest.mark.parametrize("bracket", ["[", '{"k":'])
def test_a_field_nested_too_deep_costs_only_that_field(bracket):
    closing = "]" if bracket == "[" else "}"

    def nested(levels: int) -> str:  # the item is level 3: its fields open at level 4
        return bracket * (levels - 3) + "1" + closing * (levels - 3)

    content = _json_feed(
        '{"url": "/a", "title": "A", "authors": ' + nested(64) + "}",
        '{"url": "/b", "title": "B", "summary": "kept", "authors": ' + nested(65) + "}",
        '{"url": "/c", "title": ' + nested(100_000) + "}",
    )
    parsed = parse_feed(content, BASE)
    assert [(e.title, e.summary) for e in parsed.entries] == [
        ("A", None), ("B", "kept"), (None, None)]
    assert parsed.problems == ("item 2: authors dropped: nested deeper than 64 levels",
                               "item 3: title dropped: nested deeper than 64 levels")


def test_many_deep_fields_are_cut_in_one_pass():
    deep = "[" * 70 + "]" * 70
    content = _json_feed(*(f'{{"url": "/{n}", "x": {deep}, "y": "{deep}"}}'
                           for n in range(20_000)))
    parsed = parse_feed(content, BASE)
    assert len(parsed.entries) == 20_000  # a deep-looking string is text, not nesting
    assert parsed.problems == tuple(f"item {n}: x dropped: nested deeper than 64 levels"
                                    for n in range(1, 20_001))


def test_a_number_python_will_not_convert_costs_only_its_field():
    parsed = parse_feed(_json_feed('{"url": "/a", "id": ' + "9" * 5000 + ', "title": "A"}'),
                        BASE)
    assert [(e.guid, e.title) for e in parsed.entries] == [(None, "A")]
    assert parsed.problems[0].startswith("item 1: id dropped: number not converted")


def test_a_feed_level_field_nested_too_deep_is_dropped_and_the_items_kept():
    content = _json_feed('{"url": "/a"}').replace(
        b'"title": "T"', b'"title": "T", "authors": ' + b"[" * 200 + b"]" * 200)
    parsed = parse_feed(content, BASE)
    assert (parsed.title, len(parsed.entries)) == ("T", 1)
    assert parsed.problems == ("feed: authors dropped: nested deeper than 64 levels",)


def test_json_never_closed_is_refused_whole():
    with pytest.raises(FeedParseError, match=r"invalid JSON .an array or object is never closed"):
        parse_feed(_json_feed('{"url": "/a", "x": ' + "[" * 100), BASE)


def _five_items() -> bytes:
    items = ", ".join(f'{{"id": "{n}", "url": "/a{n}", "title": "Title {n}"}}' for n in range(1, 6))
    return _json_feed(items)


@pytest.mark.parametrize("damage", [
    (b'"title": "Title 3"', b'"title": "Title "3" quoted"'),  # an unescaped quote
    (b'"id": "4", ', b'"id": "4" '),  # a missing comma
    (b'"title": "Title 2"}', b'"title": "Title 2",}'),  # a trailing comma
])
def test_a_json_syntax_error_in_one_item_loses_no_item(damage):
    content = _five_items().replace(*damage)
    parsed = parse_feed(content, BASE)
    assert [e.url for e in parsed.entries] == [f"http://gazette.example/a{n}" for n in range(1, 6)]
    assert len(parsed.problems) == 1 and parsed.problems[0].startswith("invalid JSON (")
    assert "read as repaired" in parsed.problems[0]


def test_a_cut_off_json_feed_keeps_the_items_before_the_cut():
    content = _five_items()
    cut = content[:content.index(b'"title": "Title 4"')]
    parsed = parse_feed(cut, BASE)
    assert [e.title for e in parsed.entries][:3] == ["Title 1", "Title 2", "Title 3"]
    assert parsed.problems[0].startswith("invalid JSON (")


def test_repaired_items_pass_the_same_checks():
    content = _five_items().replace(b'"url": "/a2"', b'"url": javascript:alert(1)')
    parsed = parse_feed(content, BASE)
    assert len(parsed.entries) == 4
    assert any(p.startswith("item 2 skipped") for p in parsed.problems)
