"""The hostile corpus (tests/fixtures/hostile/make_corpus.py) on both databases.

Feeds are served by the local test site and polled through the pipeline; OPML, ``fetch`` and
``import`` run as the real CLI in a subprocess. For every hostile item: a recorded reason, no
traceback, no hang (each run has a time limit), and the good items beside it are stored.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from fixtures.hostile.make_corpus import SITE, Corpus, FeedCase, build
from plugins.http_site import Reply, Site
from tidings import pipeline
from tidings.config import Settings
from tidings.ingest.fetcher import Fetcher, FetchOptions
from tidings.model import IngestReport
from tidings.pipeline.extracting import PageExtractor
from tidings.store import articles as article_store
from tidings.store import feeds as feed_store
from tidings.store.schema import queue_items

CORPUS = build()
RUN_LIMIT = 180
"""Seconds any one run over the corpus may take before the test fails as hung."""


def _fill(text: str, site: Site) -> str:
    return text.replace(SITE, site.url)


@pytest.fixture(scope="module")
def corpus(site: Site) -> Corpus:
    """The corpus, served by the test site."""
    for path, html in CORPUS.pages.items():
        site.add(path, _fill(html, site))
    for case in CORPUS.feeds:
        site.add(case.path, _fill(case.body, site), content_type=case.content_type)
    site.add("/hostile/xxe-target", lambda request: Reply(b"SECRET", 200, {}))
    return CORPUS


@pytest.fixture
def settings(db_url: str) -> Settings:
    """Loopback allowed by network (the test site), every other private address refused."""
    return Settings(
        database_url=db_url,
        allow_private_addresses=False,
        allowed_networks=["127.0.0.1/32"],
        per_host_delay=0.0,
        per_host_concurrency=8,
        max_retries=0,
        read_timeout=2,
        total_timeout=5,
    )


def _env(db_url: str, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "TIDINGS_DATABASE_URL": db_url,
        "TIDINGS_ALLOWED_NETWORKS": '["127.0.0.1/32"]',
        "TIDINGS_PER_HOST_DELAY": "0",
        "TIDINGS_MAX_RETRIES": "0",
        "COLUMNS": "400",
        **extra,
    }


def _tidings(db_url: str, *args: str, code: int = 0, **env: str) -> str:
    """Run the CLI (killed past RUN_LIMIT); its output, which must hold no traceback."""
    done = subprocess.run(
        [sys.executable, "-m", "tidings", *args], env=_env(db_url, **env),
        capture_output=True, text=True, timeout=RUN_LIMIT,
    )
    output = done.stdout + done.stderr
    assert "Traceback" not in output, output
    assert done.returncode == code, output
    return " ".join(output.split())  # rich wraps long lines


def _poll_and_fetch(engine: Engine, settings: Settings) -> tuple[IngestReport, IngestReport]:
    fetcher = Fetcher(FetchOptions.from_settings(settings))
    with fetcher, PageExtractor(processes=1) as extract:
        polled = pipeline.poll_due_feeds(engine, settings, fetcher)
        return polled, pipeline.process_queue(engine, settings, fetcher, extract)


def _stored(engine: Engine, site: Site, paths: tuple[str, ...]) -> dict[str, bool]:
    with engine.connect() as conn:
        return {p: article_store.find_article_by_url(conn, site.url + p) is not None
                for p in paths}


def _check_feed(engine: Engine, site: Site, case: FeedCase, feed_id: int) -> None:
    with engine.connect() as conn:
        feed = feed_store.get_feed(conn, feed_id)
    assert feed is not None
    if case.refused:
        assert feed.last_status == "error", (case.name, feed)
        assert re.search(case.refused, feed.last_error or ""), (case.name, feed.last_error)
        return
    assert (feed.last_status, feed.last_error) == ("ok", None), (case.name, feed)
    warnings = (feed.last_warnings or "").splitlines()
    for reason in case.reasons:
        assert any(re.search(reason, line) for line in warnings), (case.name, reason, warnings)
    assert len(warnings) == len(case.reasons), (case.name, warnings)  # nothing unexplained
    if case.title:
        assert feed.title == case.title, case.name
    assert all(_stored(engine, site, case.good).values()), (case.name, _stored(
        engine, site, case.good))
    with engine.connect() as conn:
        for url in case.blocked:
            item = conn.execute(select(queue_items).where(queue_items.c.url == url)).one()
            assert item.status == "error" and "not allowed" in item.last_error, (url, item)


def test_hostile_feeds_lose_only_their_bad_parts(engine, settings, site, corpus, caplog, db_url):
    feeds = {case.name: pipeline.subscribe(engine, settings, site.url + case.path).id
             for case in corpus.feeds}

    with caplog.at_level(logging.WARNING), ThreadPoolExecutor(1) as pool:
        polled, fetched = pool.submit(_poll_and_fetch, engine, settings).result(RUN_LIMIT)

    assert polled.feeds_polled == len(corpus.feeds)
    assert polled.feeds_failed == sum(1 for case in corpus.feeds if case.refused)
    for case in corpus.feeds:
        _check_feed(engine, site, case, feeds[case.name])
    refused_only = {p for c in corpus.feeds if c.refused for p in c.good} - {
        p for c in corpus.feeds if not c.refused for p in c.good}
    assert not any(_stored(engine, site, tuple(refused_only)).values())
    assert site.hits("/hostile/xxe-target") == 0  # the network XXE was never fetched
    assert not [r for r in caplog.records if r.exc_info], "a feed raised an unexpected error"
    assert fetched.items_failed == sum(len(case.blocked) for case in corpus.feeds)
    listing = _tidings(db_url, "feeds", "list")  # hostile titles print as text, not markup
    assert "Links [/red] to" in listing and "refused: the document declares" in listing


def test_opml_import_reports_each_refused_outline_and_the_cap(db_url, engine, tmp_path, corpus):
    path = tmp_path / "hostile.opml"
    path.write_text(corpus.opml)

    output = _tidings(db_url, "feeds", "import-opml", str(path), TIDINGS_MAX_OPML_FEEDS="20")

    for title, reason in corpus.opml_refused.items():
        assert re.search(rf"outline {re.escape(repr(title))} refused: [^!]*{reason}", output), (
            title, output)
    assert "line 2: outline 'JS' refused" in output  # where it is in the file
    # 42 outlines: 9 refused when read, then 20 read (3 private addresses refused), 13 left
    assert "13 more feeds not imported: one import reads the first 20 feeds listed" in output
    assert "(TIDINGS_MAX_OPML_FEEDS)" in output
    assert f"Imported 17 feeds ({len(corpus.opml_refused) + 1} skipped)" in output
    with engine.connect() as conn:
        assert len(feed_store.list_feeds(conn)) == 17


def test_fetch_refuses_each_hostile_url_with_its_reason(db_url, engine, site, corpus):
    good = site.url + next(iter(corpus.pages))
    urls = list(corpus.fetch_urls)

    output = _tidings(db_url, "fetch", good, *urls, code=1)

    for reason in corpus.fetch_urls.values():
        assert reason in output, (reason, output)
    assert output.count("!") >= len(urls)
    with engine.connect() as conn:
        assert article_store.find_article_by_url(conn, good) is not None
        assert article_store.count_articles(conn) == 1


def test_import_reports_each_hostile_record(db_url, engine, tmp_path, corpus):
    path = tmp_path / "hostile.jsonl"
    path.write_text("\n".join(corpus.records) + "\n")

    output = _tidings(db_url, "import", str(path))

    for line, reason in corpus.record_reasons.items():
        assert re.search(rf"line {line}: [^!]*({reason})", output), (line, reason, output)
    assert f"{len(corpus.record_reasons)} skipped" in output
    with engine.connect() as conn:
        for url in corpus.good_records:
            article_id = article_store.find_article_by_url(conn, url)
            assert article_id is not None, url
            article = article_store.get_article(conn, article_id)
            assert article is not None and "\x00" not in article.title + article.text
        markup = article_store.find_article_by_url(conn, corpus.good_records[2])
    shown = _tidings(db_url, "article", str(markup))  # markup from the web is printed as text
    assert "Markup [/red] in a [bold]title" in shown and "[link=file:///etc/passwd]" in shown
    assert "Markup [/red]" in _tidings(db_url, "search", "markup")
    assert "Markup [/red]" in _tidings(db_url, "stories", "list")


def test_corpus_script_writes_every_document(tmp_path):
    subprocess.run([sys.executable, str(Path(__file__).parent / "fixtures" / "hostile" /
                                        "make_corpus.py"), str(tmp_path)], check=True,
                   timeout=60)
    written = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()}
    assert {case.path.lstrip("/") for case in CORPUS.feeds} <= written
    assert {"hostile.opml", "hostile.jsonl"} <= written
