"""The worker: tasks of ids and settings run by the scheduler in process (both databases), and
on real Celery worker subprocesses over Redis and PostgreSQL with one worker SIGKILLed
mid-way: every page stored exactly once, every story consistent, never more requests at once
to the host than the per-host limit (counted by the test server)."""

from __future__ import annotations

import gzip
import json
import os
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from html import escape
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from plugins.http_site import Reply, Site, SiteRequest
from tidings.config import Settings
from tidings.pipeline.common import utcnow
from tidings.store import feeds as feed_store
from tidings.store import queue as queue_store
from tidings.store.invariants import check_stories
from tidings.store.schema import article_urls, articles
from tidings.store.stories import count_unclustered
from tidings.worker.celery_app import make_celery, to_celery
from tidings.worker.scheduler import Scheduler, in_process

WIKINEWS = Path(__file__).parent / "fixtures" / "wikinews-2005-2008.jsonl.gz"
REDIS_URL = os.environ.get("TIDINGS_TEST_REDIS_URL")


def publish_site(site: Site, count: int, *, seconds: float = 0.0) -> list[str]:
    """`count` article pages (Wikinews reports), each taking `seconds` to answer, and an RSS
    feed of them; the page URLs."""
    with gzip.open(WIKINEWS, "rt", encoding="utf-8") as handle:
        records = [r for r in map(json.loads, handle) if len(r["text"]) > 1500][:count]
    prefix = f"/worker-{secrets.token_hex(4)}"
    urls = []
    for n, record in enumerate(records):
        paragraphs = "".join(f"<p>{escape(p)}</p>" for p in record["text"].split("\n\n"))
        title = escape(record["title"])
        page = (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
                f"{paragraphs}</article></body></html>").encode()
        site.add(f"{prefix}/{n}.html", slow_page(page, seconds))
        urls.append(site.url_for(f"{prefix}/{n}.html"))
    items = "".join(f"<item><title>{escape(r['title'])}</title><link>{url}</link>"
                    f"<guid>{url}</guid></item>" for r, url in zip(records, urls, strict=True))
    site.add(f"{prefix}/feed.xml", f'<?xml version="1.0"?><rss version="2.0"><channel>'
             f"<title>Worker news</title><link>{site.url}</link>{items}</channel></rss>",
             content_type="application/rss+xml")
    site.feed = site.url_for(f"{prefix}/feed.xml")  # type: ignore[attr-defined]
    return urls


def slow_page(body: bytes, seconds: float) -> Callable[[SiteRequest], Reply]:
    def answer(request: SiteRequest) -> Reply:
        time.sleep(seconds)
        return Reply(body, 200, {"Content-Type": "text/html; charset=utf-8"})
    return answer


def most_at_once(site: Site, urls: list[str]) -> int:
    """The most requests for these pages the server was answering at the same time."""
    edges = sorted((moment, step) for url in urls
                   for start, end in site.log(url.removeprefix(site.url))
                   for moment, step in ((start, 1), (end, -1)))
    running = peak = 0
    for _, step in edges:
        running += step
        peak = max(peak, running)
    return peak


def subscribe(engine: Engine, url: str) -> None:
    with engine.begin() as conn:
        feed_store.add_feed(conn, url, title=None, interval_minutes=60, now=utcnow())


def stored_once(engine: Engine, urls: list[str]) -> bool:
    with engine.connect() as conn:
        found = conn.execute(select(article_urls.c.url, article_urls.c.article_id)
                             .where(article_urls.c.url.in_(urls))).all()
        count = conn.execute(select(func.count()).select_from(articles)).scalar_one()
    return sorted(u for u, _ in found) == sorted(urls) and count == len(urls)


def breaches(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return [f"{v.rule}: {v.examples}" for v in check_stories(conn) if v.count]


def settings_for(engine: Engine) -> Settings:
    return Settings(database_url=engine.url.render_as_string(False),  # type: ignore[arg-type]
                    allow_private_addresses=True, per_host_delay=0)


def test_scheduler_runs_the_tasks_in_process(engine: Engine, site: Site):
    urls = publish_site(site, 6)
    subscribe(engine, site.feed)  # type: ignore[attr-defined]
    scheduler = Scheduler(engine, in_process(settings_for(engine)), enrich=False)
    for _ in range(3):  # poll the feed; ingest its pages; cluster them
        scheduler.tick()
    assert stored_once(engine, urls)
    with engine.connect() as conn:
        assert count_unclustered(conn) == 0
        assert queue_store.count_by_status(conn)["done"] == len(urls)
    assert breaches(engine) == []


@pytest.fixture
def workers(engine: Engine) -> Iterator[list[subprocess.Popen[str]]]:
    if REDIS_URL is None or engine.dialect.name != "postgresql":
        pytest.skip("needs TIDINGS_TEST_REDIS_URL (scripts/services.sh) and PostgreSQL")
    import redis  # the Celery broker's client

    redis.Redis.from_url(REDIS_URL).flushdb()
    env = {**os.environ, "TIDINGS_DATABASE_URL": engine.url.render_as_string(False),
           "TIDINGS_BROKER_URL": REDIS_URL, "TIDINGS_ALLOW_PRIVATE_ADDRESSES": "1",
           "TIDINGS_PER_HOST_DELAY": "0", "TIDINGS_PER_HOST_CONCURRENCY": "1"}
    started = [subprocess.Popen(  # the real command, which becomes a Celery worker
        [sys.executable, "-m", "tidings", "worker", "--concurrency", "1"],
        env=env, text=True, start_new_session=True, stdout=subprocess.DEVNULL)
        for _ in range(2)]
    yield started
    for process in started:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)


def test_celery_workers_store_every_page_once_when_one_is_killed(
        engine: Engine, site: Site, workers: list[subprocess.Popen[str]]):
    urls = publish_site(site, 24, seconds=0.15)
    subscribe(engine, site.feed)  # type: ignore[attr-defined]
    assert REDIS_URL is not None
    scheduler = Scheduler(engine, to_celery(make_celery(REDIS_URL)), resend_seconds=6,
                          enrich=False)
    killed, deadline = False, time.monotonic() + 240
    while time.monotonic() < deadline:
        scheduler.tick()
        with engine.connect() as conn:
            stored = conn.execute(select(func.count()).select_from(articles)).scalar_one()
            left = queue_store.pending_count(conn) + count_unclustered(conn)
        if not killed and stored >= 3:  # mid-way: one worker dies without a word
            os.killpg(workers[0].pid, signal.SIGKILL)
            killed = True
        if killed and stored == len(urls) and left == 0:
            break
        time.sleep(1)
    assert killed and workers[0].wait(timeout=10) == -signal.SIGKILL
    assert stored_once(engine, urls)
    with engine.connect() as conn:
        assert queue_store.count_by_status(conn)["done"] == len(urls)
    assert breaches(engine) == []
    assert most_at_once(site, urls) == 1  # TIDINGS_PER_HOST_CONCURRENCY across both workers


def test_worker_command_without_a_broker_says_what_to_set(engine: Engine):
    from typer.testing import CliRunner

    from tidings.cli import app

    url = engine.url.render_as_string(False)
    result = CliRunner().invoke(app, ["--database-url", url, "worker"],
                                env={"TIDINGS_BROKER_URL": ""})
    assert result.exit_code == 1 and "set TIDINGS_BROKER_URL" in result.output
    result = CliRunner().invoke(app, ["--database-url", url, "worker", "--queues", "fetch,nope"],
                                env={"TIDINGS_BROKER_URL": "redis://127.0.0.1:1/0"})
    assert result.exit_code == 1 and "unknown queue 'nope'" in result.output
