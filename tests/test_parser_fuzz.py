"""Fuzzing the feed, JSON Feed, sitemap and OPML parsers with hypothesis.

Properties: a parser raises nothing but its documented error; it returns within a deadline;
every item it returns has a usable link, a date in range (UTC), storable and bounded text.
Examples are bounded (``max_examples``) so the suite stays fast.
"""

from __future__ import annotations

import contextlib
import json
from datetime import UTC, timedelta
from xml.sax.saxutils import escape, quoteattr

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tidings.ingest.feeds import FeedParseError, parse_feed
from tidings.ingest.fields import EARLIEST, LATEST, MAX_GUID, MAX_NAME, MAX_SUMMARY, MAX_TITLE
from tidings.ingest.opml import OPMLError, parse_opml
from tidings.ingest.sitemaps import SitemapError, parse_sitemap
from tidings.ingest.urls import check_http_url
from tidings.model import FeedEntry, ParsedFeed

BASE = "http://fuzz.example/feed"
FUZZ = settings(
    max_examples=100,
    deadline=timedelta(seconds=10),  # "never hangs": generous, since CI machines are shared
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
UNSTORABLE = {chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F]}

hostile_text = st.one_of(
    st.text(max_size=60),
    st.sampled_from([
        "javascript:alert(1)", "data:,x", "file:///etc/passwd", "http://[::1", "http://a:99999/",
        "http://x.example/\x00", "http://x.example/ a", "/relative", "//proto.example/x",
        "http://" + "a" * 3000, "&lol;", "&eacute;&nbsp;", "]]>", "<![CDATA[", "&#0;",
        "10000-01-01T00:00:00Z", "-0001-01-01", "0000-00-00", "Mon, 01 Jan -001 00:00:00 GMT",
        "2024-13-45T99:99:99Z", "Sat, 01 Jan 10000 00:00:00 GMT", "\ud800", "[/red]",
        "9" * 5000, "<script>alert(1)</script>", "<b>" * 50,
    ]),
)
"""Field values: random text, and the values known to have broken parsers."""


def check_result(parsed: ParsedFeed) -> None:
    """What every returned feed must satisfy, whatever went in."""
    assert parsed.kind in {"rss", "atom", "json", "sitemap", "sitemapindex"}
    for text in (parsed.title, *parsed.problems):
        assert text is None or isinstance(text, str)
    for url in parsed.sitemaps:
        assert check_http_url(url) == url
    for entry in parsed.entries:
        check_entry(entry)


def check_entry(entry: FeedEntry) -> None:
    assert check_http_url(entry.url) == entry.url
    if entry.published_at is not None:
        assert entry.published_at.tzinfo is not None
        assert entry.published_at.utcoffset() == UTC.utcoffset(None)
        assert EARLIEST <= entry.published_at < LATEST
    for text, limit in ((entry.title, MAX_TITLE), (entry.summary, MAX_SUMMARY),
                        (entry.guid, MAX_GUID)):
        assert text is None or (isinstance(text, str) and 0 < len(text) <= limit)
        assert not UNSTORABLE & set(text or "")
        assert not any(0xD800 <= ord(c) <= 0xDFFF for c in text or "")
    assert all(isinstance(a, str) and 0 < len(a) <= MAX_NAME for a in entry.authors)


def parse_or_refuse(content: bytes) -> None:
    try:
        parsed = parse_feed(content, BASE)
    except FeedParseError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    check_result(parsed)


@FUZZ
@given(st.binary(max_size=2000))
def test_any_bytes(content):
    parse_or_refuse(content)


@FUZZ
@given(st.binary(max_size=200), st.sampled_from([b"<", b"{", b"<?xml version='1.0'?><rss>",
                                                  b"<feed xmlns='http://www.w3.org/2005/Atom'>",
                                                  b"<urlset>", b"\xef\xbb\xbf{"]))
def test_bytes_that_look_like_a_feed(tail, head):
    parse_or_refuse(head + tail)


def _text_node(value: str, raw: bool) -> str:
    """A value as XML text: escaped, or raw (so it may break the markup on purpose)."""
    return value if raw else escape(value)


@FUZZ
@given(st.lists(st.tuples(hostile_text, hostile_text, hostile_text, hostile_text, st.booleans()),
                max_size=6),
       hostile_text)
def test_rss_items(items, title):
    body = "".join(
        f"<item><title>{_text_node(t, raw)}</title><link>{_text_node(link, raw)}</link>"
        f"<guid>{escape(guid)}</guid><pubDate>{escape(date)}</pubDate>"
        f"<author>{escape(t)}</author><enclosure url={quoteattr(link)} length={quoteattr(date)}/>"
        "</item>"
        for t, link, guid, date, raw in items
    )
    parse_or_refuse(
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>'
        f"{escape(title)}</title>{body}</channel></rss>".encode("utf-8", "surrogatepass"))


@FUZZ
@given(st.lists(st.tuples(hostile_text, hostile_text, hostile_text, hostile_text), max_size=6),
       hostile_text)
def test_atom_entries(entries, base):
    body = "".join(
        f"<entry xml:base={quoteattr(b)}><title type='html'>{escape(t)}</title>"
        f"<link rel='alternate' href={quoteattr(link)}/><id>{escape(link)}</id>"
        f"<updated>{escape(date)}</updated><published>{escape(date)}</published>"
        f"<author><name>{escape(t)}</name><email>{escape(b)}</email></author>"
        f"<summary type='html'>{escape(t)}</summary></entry>"
        for t, link, date, b in entries
    )
    parse_or_refuse(
        f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" '
        f"xml:base={quoteattr(base)}><title>t</title>{body}</feed>".encode(
            "utf-8", "surrogatepass"))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | hostile_text,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8),
                                                                         children, max_size=4),
    max_leaves=20,
)
json_items = st.fixed_dictionaries({}, optional={
    name: st.one_of(hostile_text, json_values)
    for name in ("id", "url", "external_url", "title", "summary", "content_text",
                 "content_html", "date_published", "authors", "author", "attachments")
})


@FUZZ
@given(st.lists(st.one_of(json_items, json_values), max_size=6), json_values, json_values)
def test_json_feed_items(items, title, authors):
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": title, "authors": authors,
            "items": items}
    parse_or_refuse(json.dumps(feed).encode())


@FUZZ
@given(st.lists(st.one_of(json_items, json_values), max_size=6), st.data())
def test_json_feeds_with_a_syntax_error(items, data):
    """A JSON Feed cut, or with a byte dropped or doubled anywhere, is read as repaired or
    refused with one line: never another exception."""
    raw = json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": items}).encode()
    at = data.draw(st.integers(min_value=1, max_value=len(raw) - 1))
    damage = data.draw(st.sampled_from(["cut", "drop", "double"]))
    damaged = {"cut": raw[:at], "drop": raw[:at] + raw[at + 1:],
               "double": raw[:at + 1] + raw[at:]}[damage]
    parse_or_refuse(damaged)


@FUZZ
@given(st.integers(min_value=1, max_value=5000), st.sampled_from("[{"))
def test_json_nesting_is_bounded(depth, bracket):
    closing = {"[": "]", "{": "}"}[bracket]
    inner = (bracket + ('"k":' if bracket == "{" else "")) * depth + "1" + closing * depth
    feed = '{"version": "https://jsonfeed.org/version/1", "items": [{"url": "/a", "x": %s}]}'
    parse_or_refuse((feed % inner).encode())


@FUZZ
@given(st.lists(st.tuples(hostile_text, hostile_text, hostile_text), max_size=8),
       st.booleans())
def test_sitemaps(urls, index):
    root, child = ("sitemapindex", "sitemap") if index else ("urlset", "url")
    body = "".join(
        f"<{child}><loc>{escape(loc)}</loc><lastmod>{escape(lastmod)}</lastmod>"
        f"<news:news><news:title>{escape(title)}</news:title>"
        f"<news:publication_date>{escape(lastmod)}</news:publication_date></news:news></{child}>"
        for loc, lastmod, title in urls
    )
    content = (f'<{root} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
               f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{body}</{root}>')
    try:
        parsed = parse_sitemap(content.encode("utf-8", "surrogatepass"), BASE)
    except SitemapError:
        return
    check_result(parsed)


@FUZZ
@given(st.lists(st.tuples(hostile_text, hostile_text, st.integers(0, 3)), max_size=10))
def test_opml(outlines):
    body = "".join(
        "<outline text='folder'>" * depth + f"<outline text={quoteattr(text)} "
        f"xmlUrl={quoteattr(url)}/>" + "</outline>" * depth
        for text, url, depth in outlines
    )
    content = f"<opml version='2.0'><body>{body}</body></opml>".encode("utf-8", "surrogatepass")
    try:
        found = parse_opml(content)
    except OPMLError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    for feed in found.feeds:
        assert check_http_url(feed.url) == feed.url
    assert len(found.feeds) + len(found.refused) <= len(outlines)
    assert all("\n" not in line for line in found.refused)


@FUZZ
@given(st.binary(max_size=1000))
def test_opml_any_bytes(content):
    with contextlib.suppress(OPMLError):
        parse_opml(b"<opml><body>" + content)
