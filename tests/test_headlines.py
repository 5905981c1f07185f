"""Headline-only articles (a title, a link, an outlet, a time; no body) through import, store,
search, clustering and enrichment, on both databases."""

from __future__ import annotations

import json
import secrets
from datetime import UTC, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

import lxml.html
import pytest
from alembic import command
from alembic.config import Config
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from plugins.http_site import FIXTURES, Reply, SiteRequest
from tidings import pipeline
from tidings.config import Settings
from tidings.model import NewArticle
from tidings.search import search_articles
from tidings.server import create_app
from tidings.store import articles as article_store
from tidings.store import enrichment as enrichment_store
from tidings.store.schema import articles, queue_items

MIGRATIONS = Path(__file__).resolve().parent.parent / "src/tidings/store/alembic"
START = datetime(2026, 3, 10, 16, 50, tzinfo=UTC)

FED = [
    ("Fed official says weak data caused by weather, should not slow taper", "Harbour Times"),
    ("Fed's Plosser says weather caused weak data, taper should continue", "Valley Courier"),
    ("Fed official Plosser: weak data due to weather, no reason to slow taper",
     "The Northern Ledger"),
]
PHONE = [
    ("Phonemaker unveils its first curved-screen smartphone", "Tech Daily"),
    ("Curved-screen smartphone unveiled by phonemaker", "Gadget Weekly"),
]
BODY = (
    "Federal Reserve Bank of Philadelphia President Charles Plosser said on Monday that the "
    "weak economic data of the winter months was caused by the weather.\n\n"
    "He said the central bank should keep reducing its bond purchases at the current pace, "
    "and that the bar for changing course was high."
)


def record(number: int, title: str, source: str, **fields: object) -> dict[str, object]:
    return {"id": f"h-{number}", "title": title, "source": source,
            "url": f"https://news{number}.example/story/{number}",
            "published_at": (START + timedelta(minutes=number)).isoformat(), **fields}


def write_records(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def stored(engine) -> list:
    with engine.connect() as conn:
        return sorted(article_store.list_articles(conn, limit=100), key=lambda a: a.id)


@pytest.fixture
def settings(db_url: str) -> Settings:
    return Settings(database_url=db_url)


def test_import_takes_records_with_a_title_and_no_text(engine, tmp_path):
    records = [record(i, title, source) for i, (title, source) in enumerate(FED + PHONE)]
    records[0]["summary"] = "Philadelphia Fed President Charles Plosser blamed the cold."
    records[1]["text"] = ""
    records.append({"id": "bad-1", "url": "https://news.example/x", "text": ""})
    records.append({"id": "bad-2", "url": "https://news.example/y", "text": "A body."})

    report = pipeline.import_records(engine, write_records(tmp_path / "h.jsonl", records))

    assert (report.created, report.headline_only, report.duplicates) == (5, 5, 0)
    assert report.errors == ["line 6: missing title and text", "line 7: missing title"]
    found = stored(engine)
    assert [a.title for a in found] == [t for t, _ in FED + PHONE]
    assert all(a.headline_only for a in found)
    assert found[0].text == found[0].description == records[0]["summary"]
    assert [a.text for a in found[1:]] == [""] * 4
    assert found[1].source == "Valley Courier" and found[1].published_at == START + timedelta(
        minutes=1)


def test_headlines_with_empty_bodies_are_never_one_article(engine, tmp_path):
    records = [record(i, title, source) for i, (title, source) in enumerate(FED + PHONE)]
    path = write_records(tmp_path / "h.jsonl", records)
    pipeline.import_records(engine, path)
    again = pipeline.import_records(engine, path)

    assert (again.created, again.duplicates) == (0, 5)
    with engine.connect() as conn:
        fingerprints = list(conn.execute(select(articles.c.fingerprint)).scalars())
    assert fingerprints == [None] * 5


def test_a_full_version_upgrades_the_headline_in_place(engine, tmp_path, settings):
    first = record(1, *FED[0])
    pipeline.import_records(engine, write_records(tmp_path / "a.jsonl", [first]))
    pipeline.follow_up(engine, settings)
    [headline] = stored(engine)
    with engine.connect() as conn:
        assert enrichment_store.article_enrichment(conn, headline.id).summary is None
        assert search_articles(conn, "bond purchases") == []

    full = {**first, "text": BODY, "id": "full-1"}
    report = pipeline.import_records(engine, write_records(tmp_path / "b.jsonl", [full]))
    assert (report.created, report.duplicates, report.upgraded) == (0, 1, 1)
    [upgraded] = stored(engine)
    assert (upgraded.id, upgraded.story_id, upgraded.external_id) == (
        headline.id, headline.story_id, "h-1")
    assert not upgraded.headline_only and upgraded.text == BODY
    with engine.connect() as conn:
        [hit] = search_articles(conn, "bond purchases")
        fingerprint = conn.execute(select(articles.c.fingerprint)).scalar_one()
    assert hit.article.id == headline.id
    assert fingerprint is not None

    pipeline.follow_up(engine, settings)
    with engine.connect() as conn:
        summary = enrichment_store.article_enrichment(conn, headline.id).summary
    assert summary is not None and "Plosser" in summary.tldr

    headline_again = pipeline.import_records(engine, write_records(tmp_path / "c.jsonl", [first]))
    assert (headline_again.duplicates, headline_again.upgraded) == (1, 0)
    assert stored(engine)[0].text == BODY


def test_a_headline_never_replaces_a_full_article(engine):
    full = NewArticle(url="https://a.example/1", title="T", text=BODY, source="A",
                      fingerprint="fp-1")
    headline = NewArticle(url="https://a.example/1", title="Other", text="", source="A",
                          headline_only=True)
    with engine.begin() as conn:
        article_store.save_article(conn, full, now=START)
        result = article_store.save_article(conn, headline, now=START)
    assert (result.created, result.upgraded) == (False, False)
    [kept] = stored(engine)
    assert (kept.title, kept.text, kept.headline_only) == ("T", BODY, False)


def test_headlines_are_searchable_by_title_and_summary(engine, tmp_path):
    records = [record(i, title, source) for i, (title, source) in enumerate(FED + PHONE)]
    records[3]["summary"] = "The handset goes on sale in Seoul next month."
    pipeline.import_records(engine, write_records(tmp_path / "h.jsonl", records))
    with engine.connect() as conn:
        by_title = {hit.article.title for hit in search_articles(conn, "taper")}
        [by_summary] = search_articles(conn, "Seoul")
    assert by_title == {title for title, _ in FED}
    assert by_summary.article.title == PHONE[0][0]


def test_headlines_cluster_by_headline_and_are_no_copies(engine, tmp_path, settings):
    records = [record(i, title, source) for i, (title, source) in enumerate(FED + PHONE)]
    pipeline.import_records(engine, write_records(tmp_path / "h.jsonl", records))

    report = pipeline.follow_up(engine, settings)

    assert report.clustering.clustered == 5 and report.clustering.duplicates == 0
    found = stored(engine)
    assert all(a.duplicate_of is None for a in found)
    assert len({a.story_id for a in found[:3]}) == 1
    assert len({a.story_id for a in found[3:]}) == 1
    assert found[0].story_id != found[3].story_id
    assert report.enrichment.failed == 0 and report.enrichment.enriched == 5
    with engine.connect() as conn:
        enrichment = enrichment_store.article_enrichment(conn, found[1].id)
    assert enrichment.summary is None
    assert enrichment.entities, "entities come from the headline"



def test_migration_0008_goes_down_and_up_keeping_search(engine):
    def headline(conn, number: int) -> None:
        article_store.save_article(conn, NewArticle(
            url=f"https://a.example/{number}", title=f"Taper {number}", text="", source="A",
            headline_only=True), now=START)

    with engine.begin() as conn:
        headline(conn, 1)
    for step, target in ((command.downgrade, "0007"), (command.upgrade, "head")):
        with engine.begin() as conn:
            config = Config()
            config.set_main_option("script_location", str(MIGRATIONS))
            config.attributes["connection"] = conn
            step(config, target)
    with engine.begin() as conn:
        headline(conn, 2)
        hits = {h.article.title: h.article.headline_only for h in search_articles(conn, "taper")}
    assert hits == {"Taper 1": False, "Taper 2": True}


@pytest.fixture
def fetching(db_url: str) -> Settings:
    return Settings(database_url=db_url, allow_private_addresses=True, per_host_delay=0.0,
                    per_host_concurrency=8, max_retries=0, read_timeout=2, total_timeout=5)


def headline_feed(site, name: str) -> str:
    """A feed whose item pages give no body in every way a page can, plus one real page.
    `name` must be new to the session: the site's routes and hit counts are shared."""
    site.add(f"/{name}/empty.html", "<html><head><title>x</title></head><body></body></html>")
    site.add(f"/{name}/pdf", b"%PDF-1.4", content_type="application/pdf")
    items = [
        ("Fed official says weak data caused by weather", "/status/404",
         "Philadelphia Fed President Charles Plosser blamed the cold winter."),
        ("Fed's Plosser sees high bar for change in tapering", f"/{name}/empty.html", None),
        ("Plosser: weather to blame for weak data", f"/private/{name}.html", None),
        ("Fed official's report as a PDF", f"/{name}/pdf", None),
        ("Harbour town votes to restore its old lighthouse", "/pages/article-1.html", None),
        ("", "/status/410", None),
        ("Server down, tried again later", f"/flaky/{name}?status=503&times=9", None),
    ]
    xml = "".join(
        f"<item><title>{title}</title><link>{escape(site.url + path)}</link>"
        + (f"<description>{summary}</description>" if summary else "")
        + "<pubDate>Mon, 10 Mar 2014 16:52:50 GMT</pubDate></item>"
        for title, path, summary in items
    )
    site.add(f"/{name}/feed.xml",
             f"<rss version='2.0'><channel><title>Wire Desk</title>{xml}</channel></rss>",
             content_type="application/rss+xml")
    return f"{site.url}/{name}/feed.xml"


def test_feed_items_whose_pages_give_no_body_are_kept_as_headlines(engine, fetching, site):
    name = f"hl-feed-{secrets.token_hex(4)}"
    feed = pipeline.subscribe(engine, fetching, headline_feed(site, name))

    report = pipeline.ingest_once(engine, fetching)

    assert report.items_queued == 7
    assert (report.articles_created, report.headline_only, report.items_failed) == (5, 4, 2), (
        report.errors)
    found = {a.title: a for a in stored(engine)}
    assert set(found) == {
        "Fed official says weak data caused by weather",
        "Fed's Plosser sees high bar for change in tapering",
        "Plosser: weather to blame for weak data",
        "Fed official's report as a PDF",
        "Harbour town votes to restore its old lighthouse",
    }
    lighthouse = found.pop("Harbour town votes to restore its old lighthouse")
    assert not lighthouse.headline_only and lighthouse.text
    assert all(a.headline_only and a.source == "Wire Desk" and a.feed_id == feed.id
               for a in found.values())
    first = found["Fed official says weak data caused by weather"]
    assert first.url == f"{site.url}/status/404"
    assert first.text == first.description == (
        "Philadelphia Fed President Charles Plosser blamed the cold winter.")
    assert first.published_at == datetime(2014, 3, 10, 16, 52, 50, tzinfo=UTC)
    with engine.connect() as conn:
        notes = dict(conn.execute(select(queue_items.c.url, queue_items.c.last_error)).all())
        statuses = dict(conn.execute(select(queue_items.c.url, queue_items.c.status)).all())
    assert "404" in notes[f"{site.url}/status/404"]
    assert "no article text" in notes[f"{site.url}/{name}/empty.html"]
    assert "robots.txt" in notes[f"{site.url}/private/{name}.html"]
    assert all(notes[a.url].startswith("headline only: ") for a in found.values())
    # no title to keep: a failure; a server error: retried later, not given up on yet
    assert statuses[f"{site.url}/status/410"] == "error"
    assert statuses[f"{site.url}/flaky/{name}?status=503&times=9"] == "pending"

    report = pipeline.follow_up(engine, fetching)
    assert report.clustering.duplicates == 0 and report.enrichment.failed == 0
    assert all(a.story_id is not None and a.duplicate_of is None for a in stored(engine))


def test_a_server_error_becomes_a_headline_only_after_the_last_try(engine, fetching, site):
    name = f"hl-retry-{secrets.token_hex(4)}"
    pipeline.subscribe(engine, fetching, headline_feed(site, name))
    flaky = f"{site.url}/flaky/{name}?status=503&times=9"
    for attempt in range(4):  # the first pass polls the feed; each pass tries the page once
        pipeline.ingest_once(engine, fetching)
        with engine.connect() as conn:
            status = conn.execute(select(queue_items.c.status)
                                  .where(queue_items.c.url == flaky)).scalar_one()
        assert status == ("done" if attempt == 3 else "pending")
        with engine.begin() as conn:  # due again now rather than in 5, 10, 20 minutes
            conn.execute(update(queue_items).where(queue_items.c.url == flaky)
                         .values(not_before=None))
    [server_down] = [a for a in stored(engine) if a.title == "Server down, tried again later"]
    assert server_down.headline_only


def by_class(doc, name: str, then: str = "") -> list:
    """Elements with the class `name` (then the XPath steps `then` below them)."""
    return doc.xpath(f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]{then}")


def test_a_headline_page_offers_the_outlet_as_its_main_action(engine, tmp_path, settings):
    now = datetime.now(UTC)
    records = [record(i, title, source, published_at=(now - timedelta(hours=i + 1)).isoformat())
               for i, (title, source) in enumerate([*FED, PHONE[0]])]
    records[0]["summary"] = "Philadelphia Fed President Charles Plosser blamed the cold."
    pipeline.import_records(engine, write_records(tmp_path / "h.jsonl", records))
    pipeline.follow_up(engine, settings)
    with_summary, bare, _, alone = stored(engine)
    app = create_app(settings, engine=engine)
    with TestClient(app) as client:
        page = client.get(f"/articles/{with_summary.id}")
        bare_page = client.get(f"/articles/{bare.id}")
        home = client.get("/")
        api = client.get(f"/api/articles/{bare.id}").json()
        listed = client.get("/api/articles").json()["items"]
        story = client.get(f"/stories/{with_summary.story_id}")
        alone_page = client.get(f"/articles/{alone.id}")

    assert page.status_code == bare_page.status_code == 200
    doc = lxml.html.fromstring(page.text)
    [title] = by_class(doc, "story-title")
    assert title.text_content() == FED[0][0]
    assert by_class(doc, "kicker", "/a")[0].text_content() == "Harbour Times"
    assert by_class(doc, "byline", "/time")[0].text_content() == "1 hour ago"
    assert by_class(doc, "standfirst")[0].text_content() == records[0]["summary"]
    [read_at] = by_class(doc, "read-at", "/a[@class='button']")
    assert read_at.text_content() == "Read at Harbour Times"
    assert read_at.get("href") == with_summary.url
    [note] = by_class(doc, "headline-note")
    assert "only this headline and the outlet's summary" in note.text_content()
    for absent in ("story-body", "in-brief", "original", "story-foot"):
        assert by_class(doc, absent) == [], absent
    assert "Ask about this article" not in page.text  # a story's coverage may be asked
    bare_doc = lxml.html.fromstring(bare_page.text)
    assert by_class(bare_doc, "standfirst") == []
    assert by_class(bare_doc, "read-at", "/a")[0].text_content() == "Read at Valley Courier"
    [note] = by_class(bare_doc, "headline-note")
    assert "Tidings has only this headline:" in note.text_content()
    home_doc = lxml.html.fromstring(home.text)
    home_titles = [a.text_content() for a in by_class(home_doc, "card-title", "/a")]
    assert FED[0][0] in home_titles  # the newest of the story stands for it in Latest
    [more] = by_class(home_doc, "story-more")  # the story's other outlets, one card
    assert "2 more articles from 2 other outlets" in more.text_content()
    assert story.status_code == 200 and FED[0][0] in story.text
    assert (api["headline_only"], api["text"], api["paragraphs"]) == (True, "", [])
    assert [item["headline_only"] for item in listed] == [True] * 4
    # a headline alone in its story has no sentences to answer questions from
    assert by_class(lxml.html.fromstring(alone_page.text), "ask") == []


def test_a_full_article_page_is_unchanged(engine, tmp_path, settings):
    full = {**record(1, *FED[0]), "text": BODY}
    pipeline.import_records(engine, write_records(tmp_path / "f.jsonl", [full]))
    [article] = stored(engine)
    with TestClient(create_app(settings, engine=engine)) as client:
        doc = lxml.html.fromstring(client.get(f"/articles/{article.id}").text)
    assert by_class(doc, "headline-only") == []
    assert by_class(doc, "story-body", "/p")[0].text_content().startswith("Federal Reserve")
    assert by_class(doc, "original", "/a")[0].text_content() == "Read the original at news1.example"


def test_a_page_that_comes_back_completes_its_headline(engine, fetching, site):
    article_page = (FIXTURES / "pages" / "article-1.html").read_bytes()

    def gone_then_back(request: SiteRequest) -> Reply:
        if request.hits == 0:
            return Reply(status=404)
        return Reply(body=article_page, headers={"Content-Type": "text/html; charset=utf-8"})

    name = f"hl-back-{secrets.token_hex(4)}"
    site.add(f"/{name}/story.html", gone_then_back)
    site.add(f"/{name}/feed.xml",
             "<rss version='2.0'><channel><title>Eastmere Wire</title><item>"
             "<title>Harbour town votes on its lighthouse</title>"
             f"<link>{site.url}/{name}/story.html</link></item></channel></rss>",
             content_type="application/rss+xml")
    pipeline.subscribe(engine, fetching, f"{site.url}/{name}/feed.xml")
    assert pipeline.ingest_once(engine, fetching).headline_only == 1
    [headline] = stored(engine)

    with pipeline.open_fetcher(fetching) as fetcher:
        [outcome] = pipeline.fetch_urls(engine, fetching, fetcher,
                                        [f"{site.url}/{name}/story.html"])

    assert outcome.result is not None and outcome.result.upgraded
    assert outcome.result.article_id == headline.id
    [complete] = stored(engine)
    assert not complete.headline_only and len(complete.text.split("\n\n")) >= 2
    assert complete.source == "Eastmere Wire" and complete.story_id == headline.story_id


def test_a_long_feed_summary_is_shown_in_part(engine, settings):
    summary = " ".join(f"word{i}" for i in range(2000))
    with engine.begin() as conn:
        article_id = article_store.save_article(conn, NewArticle(
            url="https://a.example/long", title="Long summary", text=summary,
            description=summary, source="A", headline_only=True), now=START).article_id
    with TestClient(create_app(settings, engine=engine)) as client:
        doc = lxml.html.fromstring(client.get(f"/articles/{article_id}").text)
    [standfirst] = by_class(doc, "standfirst")
    shown = standfirst.text_content()
    assert shown.startswith("word0 word1 ") and shown.endswith("word119…")
