"""OPML import and export."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from tidings.ingest.opml import OPMLError, parse_opml, render_opml
from tidings.model import OutlineFeed

OPML = Path(__file__).parent / "fixtures" / "site" / "opml"


def test_nested_outlines():
    found = parse_opml((OPML / "subscriptions.opml").read_bytes())
    assert found.feeds == [
        OutlineFeed("http://feeds.example/unfiled.xml", "Unfiled", None),
        OutlineFeed("http://gazette.example/rss.xml", "The Eastmere Gazette", "News"),
        OutlineFeed("http://harbour.example/feed", "Harbour & Port", "Local"),
        OutlineFeed("https://blog.example/atom.xml", "Blog", "Tech"),
    ]  # the duplicate and the ftp:// one are left out, with their reasons
    assert found.refused == [
        "line 11: outline 'Duplicate of Gazette' skipped: listed twice "
        "(http://gazette.example/rss.xml)",
        "line 15: outline 'Not http' refused: not an http(s) URL: 'ftp://files.example/feed'",
    ]  # a folder (no xmlUrl) is no feed, so not refused


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ((OPML / "malformed.opml").read_bytes(), "not OPML: XML syntax error at line 6"),
        (b"", "not OPML: XML syntax error at line 1"),
        (b"<html><body></body></html>", "not OPML: the root element is <html>, not <opml>"),
        (b'<opml version="2.0"><head/></opml>', "not OPML: no <body> element"),
        (
            b'<opml version="2.0"><body><outline text="x"/></body></opml>',
            "no feeds in OPML: no outline with an xmlUrl",
        ),
    ],
)
def test_malformed_opml(content, message):
    with pytest.raises(OPMLError) as caught:
        parse_opml(content)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_external_entities_are_refused():
    content = b"""<?xml version="1.0"?>
<!DOCTYPE opml [<!ENTITY file SYSTEM "file:///etc/passwd">]>
<opml version="2.0"><body><outline text="a&file;" xmlUrl="http://a.example/f"/></body></opml>"""
    with pytest.raises(OPMLError, match="entity 'file', an external"):  # refused, not read
        parse_opml(content)


def test_render_round_trips():
    feeds = [
        OutlineFeed("http://a.example/feed?x=1&y=2", 'Quotes "and" <tags> & more', "News"),
        OutlineFeed("https://b.example/atom.xml", None, None),
        OutlineFeed("https://c.example/rss", "Café ünïcode", "News"),
        OutlineFeed("https://d.example/rss", "D", "Tech & Science"),
    ]
    text = render_opml(feeds, title="Mine & yours")
    root = etree.fromstring(text.encode())
    assert root.get("version") == "2.0"
    assert root.findtext("head/title") == "Mine & yours"
    assert [o.get("text") for o in root.findall("body/outline")] == [
        "News",
        "https://b.example/atom.xml",
        "Tech & Science",
    ]
    assert parse_opml(text.encode()).feeds == [feeds[0], feeds[2], feeds[1], feeds[3]]


def test_render_drops_characters_xml_cannot_hold():
    text = render_opml([OutlineFeed("http://a.example/f", "bell\x07", None)])
    assert parse_opml(text.encode()).feeds == [OutlineFeed("http://a.example/f", "bell", None)]
