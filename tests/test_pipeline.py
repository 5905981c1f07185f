"""The whole path, feed -> fetch -> extract -> dedupe -> store, against a real local site."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from sqlalchemy import text

from plugins.http_site import Reply
from processes import alive, descendants_of
from tidings import pipeline
from tidings.config import Settings
from tidings.pipeline.common import utcnow
from tidings.pipeline.extracting import PageExtractor
from tidings.store import articles as article_store
from tidings.store import feeds as feed_store
from tidings.store import queue as queue_store


@pytest.fixture
def settings(db_url):
    return Settings(
        database_url=db_url,
        allow_private_addresses=True,
        per_host_delay=0.0,
        per_host_concurrency=8,
        max_retries=0,
        read_timeout=2,
        total_timeout=5,
    )


def all_articles(engine):
    with engine.connect() as conn:
        return article_store.list_articles(conn, limit=1000)


def test_ingest_feed_stores_clean_articles_once(engine, settings, site):
    feed = pipeline.subscribe(engine, settings, f"{site.url}/feeds/rss2.xml")

    first = pipeline.ingest_once(engine, settings)

    assert (first.feeds_polled, first.feeds_failed, first.items_queued) == (1, 0, 3)
    assert first.articles_created == 3, first.errors
    stored = {a.title: a for a in all_articles(engine)}
    lighthouse = stored["Harbour town votes to restore its old lighthouse"]
    assert lighthouse.feed_id == feed.id
    assert lighthouse.published_at is not None and lighthouse.published_at.tzinfo is not None
    assert f"{site.url}/pages/article-1.html" in lighthouse.urls
    assert len(lighthouse.text.split("\n\n")) >= 2

    second = pipeline.ingest_once(engine, settings)

    assert (second.items_queued, second.articles_created) == (0, 0)
    with engine.connect() as conn:
        polled = feed_store.get_feed(conn, feed.id)
    assert polled is not None and polled.last_status in ("ok", "not-modified")
    assert polled.title == "The Eastmere Gazette"
    assert len(all_articles(engine)) == 3


def test_broken_feed_is_recorded_and_others_go_on(engine, settings, site):
    site.add(
        "/feeds/garbage-pipeline.xml",
        "<rss><channel><<< garbage &&& </rss",
        content_type="application/rss+xml",
    )
    bad = pipeline.subscribe(engine, settings, f"{site.url}/feeds/garbage-pipeline.xml")
    html = pipeline.subscribe(engine, settings, f"{site.url}/pages/index.html")
    good = pipeline.subscribe(engine, settings, f"{site.url}/feeds/atom.xml")

    report = pipeline.ingest_once(engine, settings)

    assert report.feeds_polled == 3 and report.feeds_failed >= 1
    assert report.articles_created >= 1
    with engine.connect() as conn:
        broken = feed_store.get_feed(conn, bad.id)
        not_feed = feed_store.get_feed(conn, html.id)
        fine = feed_store.get_feed(conn, good.id)
    assert broken is not None and broken.last_status == "error" and broken.last_error
    assert "\n" not in broken.last_error
    assert not_feed is not None and not_feed.last_status == "error"
    # backoff: the failing feed is not due again before its interval has passed
    assert broken.next_fetch_at is not None
    assert broken.next_fetch_at - utcnow() > timedelta(minutes=broken.interval_minutes)
    assert fine is not None and fine.last_status == "ok"


def test_a_bad_page_is_recorded_and_the_rest_is_stored(engine, settings, site):
    items = "".join(
        f"<item><title>t{i}</title><link>{site.url}{path}</link></item>"
        for i, path in enumerate(["/pages/article-2.html", "/status/404", "/big?size=20000000"])
    )
    site.add(
        "/feeds/mixed-pipeline.xml",
        f"<rss version='2.0'><channel><title>Mixed</title>{items}</channel></rss>",
        content_type="application/rss+xml",
    )
    settings = settings.model_copy(update={"max_body_bytes": 1_000_000})
    pipeline.subscribe(engine, settings, f"{site.url}/feeds/mixed-pipeline.xml")

    report = pipeline.ingest_once(engine, settings)

    # the two pages that give no body keep their feed headlines, with the reason recorded
    assert (report.articles_created, report.headline_only, report.items_failed) == (3, 2, 0)
    with engine.connect() as conn:
        states = queue_store.count_by_status(conn)
        notes = (
            conn.execute(text("SELECT last_error FROM queue_items WHERE last_error IS NOT NULL"))
            .scalars()
            .all()
        )
    assert states["done"] == 3 and states["error"] == 0
    assert sorted(n.split(":")[0] for n in notes) == ["headline only"] * 2
    assert any("404" in n for n in notes) and any("larger than" in n for n in notes)
    assert {a.title for a in all_articles(engine) if a.headline_only} == {"t1", "t2"}


REFUSE_LIGHTHOUSE = {  # a database that refuses one article: a seam of the database itself
    "sqlite": ["CREATE TRIGGER refuse BEFORE INSERT ON articles WHEN NEW.title LIKE"
               " '%lighthouse%' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"],
    "postgresql": ["CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                   " IF NEW.title LIKE '%lighthouse%' THEN RAISE EXCEPTION 'refused by the"
                   " test'; END IF; RETURN NEW; END $$",
                   "CREATE TRIGGER refuse BEFORE INSERT ON articles FOR EACH ROW"
                   " EXECUTE FUNCTION refuse()"],
}


def test_an_article_the_database_refuses_costs_only_its_own_page(engine, settings, site):
    """Pages are stored a batch per transaction; one that fails goes alone, the rest are
    stored all the same."""
    with engine.begin() as conn:
        for statement in REFUSE_LIGHTHOUSE[engine.dialect.name]:
            conn.execute(text(statement))
    pipeline.subscribe(engine, settings, f"{site.url}/feeds/rss2.xml")
    with pipeline.open_fetcher(settings) as fetcher:
        pipeline.poll_due_feeds(engine, settings, fetcher)
        report = pipeline.process_queue(engine, settings, fetcher, PageExtractor(1))

    assert (report.articles_created, report.items_failed) == (2, 1)
    assert "refused by the test" in " ".join(report.errors)
    with engine.connect() as conn:
        states = queue_store.count_by_status(conn)
    assert states["done"] == 2 and states["error"] == 1
    titles = [a.title for a in all_articles(engine)]
    assert len(titles) == 2 and not [t for t in titles if "lighthouse" in t]


def test_fetch_urls_reports_each_url(engine, settings, site):
    with pipeline.open_fetcher(settings) as fetcher:
        outcomes = pipeline.fetch_urls(
            engine,
            settings,
            fetcher,
            [
                f"{site.url}/pages/article-3.html",
                f"{site.url}/status/500",
                "not a url",
                f"{site.url}/pages/article-3.html?utm_source=feed",
            ],
        )
    assert [o.result is not None for o in outcomes] == [True, False, False, True]
    # the same article twice (tracking parameter aside): stored once
    assert outcomes[0].result.article_id == outcomes[3].result.article_id
    assert [outcomes[0].result.created, outcomes[3].result.created].count(True) == 1
    assert all(o.error and "\n" not in o.error for o in outcomes[1:3])


def test_ssrf_guard_refuses_loopback_by_default(engine, db_url, site):
    settings = Settings(database_url=db_url, per_host_delay=0.0, max_retries=0)
    with pipeline.open_fetcher(settings) as fetcher:
        [outcome] = pipeline.fetch_urls(
            engine, settings, fetcher, [f"{site.url}/pages/article-1.html"]
        )
    assert outcome.result is None
    assert "loopback" in (outcome.error or "")


def slow_feed(site, name: str, count: int) -> str:
    """A feed of `count` distinct pages, each answered after a short delay."""
    words = [
        "harbour",
        "council",
        "ferry",
        "budget",
        "school",
        "river",
        "bridge",
        "market",
        "museum",
        "tram",
    ]

    def page(number: int) -> bytes:
        body = " ".join(f"{words[(number + k) % 10]}{number}x{k}" for k in range(80))
        return (
            f"<html><head><title>Story {number}</title></head><body><article>"
            f"<h1>Story {number}</h1><p>Number {number} begins. {body}.</p>"
            f"<p>Second paragraph of story {number}. {body[::-1]}.</p>"
            "</article></body></html>"
        ).encode()

    def handler(number: int):
        def reply(_request):
            time.sleep(0.05)
            return Reply(body=page(number), headers={"Content-Type": "text/html"})

        return reply

    for number in range(count):
        site.add(f"/{name}/{number}.html", handler(number))
    items = "".join(
        f"<item><title>Story {n}</title><link>{site.url}/{name}/{n}.html</link></item>"
        for n in range(count)
    )
    site.add(
        f"/{name}/feed.xml",
        f"<rss version='2.0'><channel><title>{name}</title>{items}</channel></rss>",
        content_type="application/rss+xml",
    )
    return f"{site.url}/{name}/feed.xml"


def test_kill_minus_nine_loses_and_duplicates_nothing(engine, db_url, site):
    count = 60
    url = slow_feed(site, "killed", count)
    env = {
        **os.environ,
        "TIDINGS_DATABASE_URL": db_url,
        "TIDINGS_ALLOW_PRIVATE_ADDRESSES": "1",
        "TIDINGS_PER_HOST_DELAY": "0",
        "TIDINGS_INGEST_WORKERS": "2",
    }
    command = [sys.executable, "-m", "tidings", "ingest", "--once", "--quiet"]
    subprocess.run(
        [sys.executable, "-m", "tidings", "feeds", "add", url],
        env=env,
        check=True,
        capture_output=True,
    )

    victim = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(all_articles(engine)) < 5:
        time.sleep(0.1)
    children = descendants_of(victim.pid)  # the extraction forkserver and its workers
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    partial = len(all_articles(engine))
    assert 5 <= partial < count, "the run was not killed part-way"
    deadline = time.monotonic() + 5
    while any(map(alive, children)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(children) >= 3, "no extraction workers to outlive the run"
    assert not [pid for pid in children if alive(pid)], "processes outlived the killed run"

    subprocess.run(command, env=env, check=True, capture_output=True, timeout=120)

    stored = all_articles(engine)
    assert len(stored) == count
    assert len({a.url for a in stored}) == count
    with engine.connect() as conn:
        assert queue_store.count_by_status(conn)["done"] == count
