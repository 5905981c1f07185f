"""The offline demo news site: corpus loading, HTTP routes, and what trafilatura makes of it."""

from __future__ import annotations

import gzip
import itertools
import json
import re
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import feedparser
import httpx
import lxml.html
import pytest
import trafilatura

from tidings.demo import SECTIONS, DemoArticle, DemoSite, article_path, load_corpus, shift_days
from tidings.demo.corpus import classify
from tidings.demo.site import APP_BANNER, COMMENT_TEXTS, NEWSLETTER_HEADING, NEWSLETTER_TEXT

TODAY = date(2024, 5, 20)
NOW = datetime(2024, 5, 20, 18, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def corpus() -> list[DemoArticle]:
    return load_corpus(today=TODAY, now=NOW)


@pytest.fixture(scope="module")
def articles(corpus: list[DemoArticle]) -> list[DemoArticle]:
    return corpus[:50]


@pytest.fixture(scope="module")
def site(articles: list[DemoArticle]):
    with DemoSite(articles) as running:
        yield running


@pytest.fixture(scope="module")
def client():
    with httpx.Client(timeout=10) as c:
        yield c


def _xp(root: lxml.html.HtmlElement, tag: str, cls: str, rest: str = "") -> list:
    """Elements `tag` with CSS class `cls` under `root`, then the XPath `rest` below them."""
    has_class = f"contains(concat(' ', normalize-space(@class), ' '), ' {cls} ')"
    return root.xpath(f".//{tag}[{has_class}]{rest}")


def _write_corpus(path: Path, dates: list[str]) -> Path:
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for n, day in enumerate(dates):
            record = {
                "id": f"wikinews-en-{n + 1}",
                "title": f"Story number {n + 1}",
                "text": "First paragraph.\n\nSecond paragraph.",
                "published_at": day,
                "url": f"https://en.wikinews.org/wiki/Story_{n + 1}",
                "license": "CC BY 2.5",
                "attribution": f"Story {n + 1}, Wikinews contributors, CC BY 2.5",
            }
            out.write(json.dumps(record) + "\n")
    return path


# --- corpus -------------------------------------------------------------------------------


def test_date_shift_puts_newest_on_today_and_keeps_spacing(tmp_path):
    path = _write_corpus(tmp_path / "c.jsonl.gz", ["2005-01-03", "2005-01-01", "2005-01-10"])
    loaded = load_corpus(path, today=date(2024, 5, 20), now=datetime(2024, 6, 1, tzinfo=UTC))
    assert [a.id for a in loaded] == ["wikinews-en-3", "wikinews-en-1", "wikinews-en-2"]
    assert [a.published_at.date() for a in loaded] == [
        date(2024, 5, 20),
        date(2024, 5, 13),
        date(2024, 5, 11),
    ]
    assert shift_days(loaded) == (date(2024, 5, 20) - date(2005, 1, 10)).days
    for a in loaded:
        assert a.published_at.tzinfo is not None and a.published_at.utcoffset().total_seconds() == 0
        assert time(5) <= a.published_at.time() <= time(23)
        assert (a.published_at.date() - a.original_date).days == shift_days(loaded)


def test_articles_on_the_current_day_are_not_in_the_future(tmp_path):
    path = _write_corpus(tmp_path / "c.jsonl.gz", ["2005-01-10"] * 6 + ["2005-01-09"])
    now = datetime(2024, 5, 20, 3, 15, tzinfo=UTC)
    loaded = load_corpus(path, now=now)
    today = [a for a in loaded if a.published_at.date() == now.date()]
    assert len(today) == 6
    assert all(a.published_at <= now for a in loaded)
    assert len({a.published_at for a in today}) > 1


def test_shipped_corpus_is_sorted_newest_first_with_unique_slugs(corpus):
    assert len(corpus) == 3366
    assert corpus[0].published_at.date() == TODAY
    assert all(a.published_at >= b.published_at for a, b in itertools.pairwise(corpus))
    assert all(a.published_at <= NOW for a in corpus)
    slugs = [a.slug for a in corpus]
    assert len(set(slugs)) == len(slugs)
    assert all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", s) for s in slugs)
    # relative spacing is the real one
    days = {(a.published_at.date() - a.original_date).days for a in corpus}
    assert days == {shift_days(corpus)}


def test_sections_are_deterministic_and_of_reasonable_size(corpus):
    again = load_corpus(today=TODAY, now=NOW)
    assert [a.section for a in again] == [a.section for a in corpus]
    sizes = Counter(a.section for a in corpus)
    assert set(sizes) == set(SECTIONS)
    for size in sizes.values():
        assert 0.05 * len(corpus) <= size <= 0.35 * len(corpus)


@pytest.mark.parametrize(
    ("title", "section"),
    [
        ("Chile elects first woman President", "elections"),
        ("Bomb kills soldier in Afghanistan", "conflict"),
        ("US stocks surge, Dow Jones index reaches record", "business"),
        ("Enron executives found guilty of fraud", "justice"),
        ("Danish Prime Minister reshuffles cabinet", "politics"),
        ("King of Spain tells Hugo Chavez to 'shut up' during summit", "world"),
        ("Italian senators lobby for ice cream", "world"),
    ],
)
def test_classify_keyword_rules(title, section):
    assert classify(title, "") == section


# --- HTTP ---------------------------------------------------------------------------------


def test_feeds_list_every_article_newest_first(site, articles, client):
    assert len(site.feed_urls()) == len(SECTIONS)
    seen = set()
    for url in site.feed_urls():
        response = client.get(url)
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/rss+xml; charset=utf-8"
        feed = feedparser.parse(response.content)
        assert not feed.bozo, feed.get("bozo_exception")
        assert feed.version == "rss20"
        dates = [e.published_parsed for e in feed.entries]
        assert dates == sorted(dates, reverse=True)
        for entry in feed.entries:
            assert entry.author == "Wikinews contributors"
            assert entry.id == entry.link
            assert entry.summary
        seen.update(e.link for e in feed.entries)
    assert seen == {site.url + article_path(a) for a in articles}


def test_feed_answers_304_to_if_none_match(site, client):
    url = site.feed_urls()[0]
    first = client.get(url)
    assert first.headers["etag"] and first.headers["last-modified"]
    again = client.get(url, headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == first.headers["etag"]
    since = client.get(url, headers={"If-Modified-Since": first.headers["last-modified"]})
    assert since.status_code == 304
    stale = client.get(url, headers={"If-None-Match": '"something-else"'})
    assert stale.status_code == 200 and stale.content == first.content


def test_article_page_has_metadata_and_furniture(site, articles, client):
    article = max(articles, key=lambda a: len(a.paragraphs))
    url = site.url + article_path(article)
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.headers["etag"] and response.headers["last-modified"]
    doc = lxml.html.fromstring(response.content)
    assert doc.get("lang") == "en"
    assert doc.findtext(".//title") == f"{article.title} - The Demo Herald"
    meta = {m.get("property") or m.get("name"): m.get("content") for m in doc.iter("meta")}
    assert meta["og:title"] == article.title
    assert meta["og:url"] == url and meta["og:type"] == "article"
    assert meta["og:site_name"] == "The Demo Herald"
    assert datetime.fromisoformat(meta["article:published_time"]) == article.published_at
    assert meta["author"] == "Wikinews contributors"
    assert meta["description"] and article.text.startswith(meta["description"][:40])
    assert meta["dcterms.rights"] == article.attribution
    links = {link.get("rel"): link.get("href") for link in doc.iter("link")}
    assert links["canonical"] == url
    assert links["license"] == "https://creativecommons.org/licenses/by/2.5/"
    # furniture
    assert _xp(doc, "header", "site-header", "//nav//a")
    assert _xp(doc, "*", "ticker", "//a")
    assert APP_BANNER in doc.text_content()
    assert _xp(doc, "nav", "breadcrumb", "//a")
    assert len(_xp(doc, "aside", "related-stories", "//a")) in (3, 4, 5)
    assert len(_xp(doc, "*", "most-read", "//a")) == 5
    comments = [c.text_content() for c in _xp(doc, "*", "comment-content")]
    assert 2 <= len(comments) <= 4 and all(c.strip() in COMMENT_TEXTS for c in comments)
    assert NEWSLETTER_HEADING in doc.text_content() and NEWSLETTER_TEXT in doc.text_content()
    footer = _xp(doc, "footer", "site-footer")[0]
    assert {a.text for a in footer.iter("a")} >= {"About", "Contact", "Privacy", "Terms"}
    assert "Wikinews" in footer.text_content()
    # the article itself: headline, byline, dateline, faithful paragraphs, attribution
    story = doc.xpath("//article")[0]
    assert story.findtext(".//h1") == article.title
    assert "By Wikinews contributors" in _xp(story, "*", "byline")[0].text_content()
    stamp = story.xpath(".//time")[0].get("datetime")
    assert datetime.fromisoformat(stamp) == article.published_at
    body = [p.text_content() for p in _xp(story, "*", "story-body", "/p")]
    assert "\n\n".join(body) == "\n\n".join(article.paragraphs)
    assert _xp(story, "p", "attribution")[0].text_content() == article.attribution


def test_other_routes_and_404(site, articles, client):
    home = client.get(site.url + "/")
    assert home.status_code == 200 and "charset=utf-8" in home.headers["content-type"]
    section = articles[0].section
    page = client.get(f"{site.url}/sections/{section}.html")
    assert page.status_code == 200
    assert _xp(lxml.html.fromstring(page.content), "*", "lead-story", "//h3")[0].text_content() == (
        articles[0].title
    )
    robots = client.get(site.url + "/robots.txt")
    assert robots.status_code == 200 and f"Sitemap: {site.url}/sitemap.xml" in robots.text
    sitemap = client.get(site.url + "/sitemap.xml")
    assert sitemap.headers["content-type"] == "application/xml; charset=utf-8"
    for a in articles:
        assert f"<loc>{site.url}{article_path(a)}</loc>" in sitemap.text
    assert client.head(site.url + article_path(articles[1])).status_code == 200
    wrong_date = article_path(articles[0]).replace(f"{articles[0].published_at:%Y}", "1999")
    for path in (
        "/nope",
        "/feeds/sport.xml",
        "/sections/sport.html",
        wrong_date,
        "/2020/01/01/no-such-story.html",
        "/feeds/",
    ):
        assert client.get(site.url + path).status_code == 404, path


# --- the key check: the extractor keeps the article and drops the furniture ----------------


def _tokens(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text.lower()))


def _furniture(doc: lxml.html.HtmlElement) -> set[str]:
    """Every visible string on the page outside the article's headline, byline and body."""
    elements = [
        *_xp(doc, "header", "site-header"),
        *_xp(doc, "*", "ticker"),
        *_xp(doc, "*", "app-banner"),
        *_xp(doc, "*", "comments"),
        *doc.xpath("//nav | //aside | //footer"),
    ]
    found = set()
    for element in elements:
        for text in element.itertext():
            if len(text.strip()) >= 4:
                found.add(" ".join(text.split()))
    return found


def test_trafilatura_extracts_the_text_and_none_of_the_furniture(site, articles, client):
    pages = articles[::2][:20]
    assert len(pages) == 20
    for article in pages:
        html = client.get(site.url + article_path(article)).text
        text = trafilatura.extract(html, include_comments=False, favor_precision=True) or ""
        expected = _tokens(article.text)
        recall = sum((expected & _tokens(text)).values()) / sum(expected.values())
        assert recall >= 0.95, (article.id, recall)
        leaks = [
            s
            for s in _furniture(lxml.html.fromstring(html))
            if s in text and s not in article.text and s not in article.title
        ]
        assert not leaks, (article.id, leaks)


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("President George W. Bush met Justice Ruben T. Castillo. He left.",
         "President George W. Bush met Justice Ruben T. Castillo."),
        ("U.S. troops left on Jan. 5 at 3 p.m. local time. More followed.",
         "U.S. troops left on Jan. 5 at 3 p.m. local time."),
        ('"We won." The crowd cheered.', '"We won."'),
    ],
)
def test_teasers_end_at_a_sentence_not_at_an_initial(text, first):
    from tidings.demo.site import first_sentence

    assert first_sentence(text) == first


# --- headlines: one feed per outlet, stand-in pages kept from crawlers ---------------------


@pytest.fixture(scope="module")
def headlines():
    from tidings.demo.headlines import load_headlines

    return load_headlines(now=NOW)


def test_shipped_headlines_span_many_outlets_and_end_just_before_now(headlines):
    from tidings.demo.headlines import NEWEST_AGE

    assert len(headlines) == 2485
    assert len({h.outlet for h in headlines}) == 1177
    assert NOW - NEWEST_AGE - timedelta(seconds=1) <= headlines[0].published_at <= NOW - NEWEST_AGE
    assert all(a.published_at >= b.published_at for a, b in itertools.pairwise(headlines))
    offsets = {h.published_at - h.original_at.replace(microsecond=0) for h in headlines}
    assert len(offsets) == 1, "one constant shift keeps the real spacing"
    slugs = {h.outlet: h.outlet_slug for h in headlines}
    assert len(set(slugs.values())) == len(slugs)


def test_outlet_feeds_carry_headlines_linking_to_stand_in_pages(headlines, client):
    from tidings.demo.site import headline_path

    chosen = [h for h in headlines if h.outlet in ("Reuters", "Forbes")]
    with DemoSite([], headlines=chosen) as site:
        urls = site.outlet_feed_urls()
        assert urls == [f"{site.url}/outlets/reuters.xml", f"{site.url}/outlets/forbes.xml"]
        feed = feedparser.parse(client.get(urls[0]).content)
        assert not feed.bozo and feed.feed.title == "Reuters"
        reuters = [h for h in chosen if h.outlet == "Reuters"]
        assert [e.title for e in feed.entries] == [h.title for h in reuters]
        assert feed.entries[0].link == site.url + headline_path(reuters[0])
        assert "summary" not in feed.entries[0], "the data set has no text"
        page = client.get(feed.entries[0].link)
        assert page.status_code == 200
        doc = lxml.html.fromstring(page.content)
        assert doc.xpath("//h1")[0].text_content() == reuters[0].title
        assert doc.xpath("//a[@rel='nofollow noreferrer']/@href") == [reuters[0].original_url]
        robots = client.get(site.url + "/robots.txt").text
        assert "Disallow: /headlines/" in robots
        listing = client.get(site.url + "/outlets.html").text
        assert "Reuters</a> (37)" in listing
        assert client.get(site.url + "/outlets/nobody.xml").status_code == 404
        assert client.get(site.url + "/headlines/reuters/uci-0.html").status_code == 404
