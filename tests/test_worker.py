"""The worker: tasks of ids and settings run by the scheduler in process (both databases), and
what `tidings worker` says without a broker. Workers that die: tests/test_worker_faults.py."""

from __future__ import annotations

import gzip
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from html import escape
from pathlib import Path

from sqlalchemy import Engine, func, select

from plugins.http_site import Site
from readers_kit import make_user
from tidings.config import Settings
from tidings.model import NewArticle
from tidings.pipeline.common import utcnow
from tidings.pipeline.pages import release_dead_claims
from tidings.store import alerts as alert_store
from tidings.store import feeds as feed_store
from tidings.store import queue as queue_store
from tidings.store.articles import save_article
from tidings.store.invariants import check_stories
from tidings.store.locks import acquire_lock
from tidings.store.schema import article_urls, articles, deliveries, enrichment_runs
from tidings.store.stories import count_unclustered
from tidings.worker.scheduler import Scheduler, in_process

WIKINEWS = Path(__file__).parent / "fixtures" / "wikinews-2005-2008.jsonl.gz"


def publish_site(site: Site, count: int, *, extra: Sequence[str] = ()) -> list[str]:
    """`count` article pages (Wikinews reports) and an RSS feed of them (and of the `extra`
    links); the page URLs."""
    with gzip.open(WIKINEWS, "rt", encoding="utf-8") as handle:
        records = [r for r in map(json.loads, handle) if len(r["text"]) > 1500][:count]
    prefix = f"/worker-{secrets.token_hex(4)}"
    urls = []
    for n, record in enumerate(records):
        paragraphs = "".join(f"<p>{escape(p)}</p>" for p in record["text"].split("\n\n"))
        title = escape(record["title"])
        page = (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
                f"{paragraphs}</article></body></html>").encode()
        site.add(f"{prefix}/{n}.html", page)
        urls.append(site.url_for(f"{prefix}/{n}.html"))
    items = "".join(f"<item><title>{escape(r['title'])}</title><link>{url}</link>"
                    f"<guid>{url}</guid></item>" for r, url in zip(records, urls, strict=True))
    items += "".join(f"<item><title>A page that went away</title><link>{url}</link>"
                     f"<guid>{url}</guid></item>" for url in extra)
    site.add(f"{prefix}/feed.xml", f'<?xml version="1.0"?><rss version="2.0"><channel>'
             f"<title>Worker news</title><link>{site.url}</link>{items}</channel></rss>",
             content_type="application/rss+xml")
    site.feed = site.url_for(f"{prefix}/feed.xml")  # type: ignore[attr-defined]
    return urls


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


def test_what_a_dead_local_process_held_is_free_at_once(engine: Engine):
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    dead, now = f"{socket.gethostname()}:{gone.pid}", utcnow()
    make_user(engine, "alice")
    with engine.begin() as conn:
        assert acquire_lock(conn, "cluster", f"{dead}:ab12", now=now, seconds=600)
        for channel in ("email", "webhook"):
            alert_store.enqueue(conn, user_id=1, channel=channel, kind="alert",
                                target="alice@example.org", subject="s", payload={}, now=now)
        [email, hook] = alert_store.claim_due(conn, now, owner=f"{dead}:cd34", lease_seconds=120)
        assert alert_store.start_sending(conn, email.id, owner=f"{dead}:cd34", now=now,
                                         lease_seconds=120)
        assert not acquire_lock(conn, "cluster", "me", now=now, seconds=600)
    assert release_dead_claims(engine) == 3
    later = utcnow()
    with engine.begin() as conn:
        assert acquire_lock(conn, "cluster", "me", now=later, seconds=600)
        # the email may have gone out: never sent again; the webhook is, with its key
        assert [d.id for d in alert_store.claim_due(conn, later, owner="me",
                                                    lease_seconds=60)] == [hook.id]
        assert conn.execute(select(deliveries.c.status).where(deliveries.c.id == email.id)
                            ).scalar_one() == "unknown"


def ingest_once(engine: Engine, broker: str, *options: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TIDINGS_DATABASE_URL": engine.url.render_as_string(False),
           "TIDINGS_BROKER_URL": broker}
    env.pop("TIDINGS_ENRICH", None)
    return subprocess.run([sys.executable, "-m", "tidings", "ingest", "--once", *options],
                          env=env, capture_output=True, text=True, timeout=60)


def test_ingest_with_a_broker_sends_the_due_work_to_the_workers(engine: Engine, site: Site,
                                                                redis_url: str):
    import redis  # the Celery broker's client

    broker = redis.Redis.from_url(redis_url)
    publish_site(site, 3)
    subscribe(engine, site.feed)  # type: ignore[attr-defined]
    done = ingest_once(engine, redis_url)
    assert done.returncode == 0, done.stderr
    assert "Sent 3 jobs to the workers: 1 match_alerts, 1 poll_feed, 1 queue_digests." in (
        done.stdout)
    sent = [json.loads(m)["headers"] for m in broker.lrange("fetch", 0, -1)]
    assert [(h["task"], h["argsrepr"]) for h in sent] == [("tidings.poll_feed", "[1]")]
    assert broker.llen("deliver") == 2
    with engine.connect() as conn:  # nothing was done here: the workers will
        [feed] = feed_store.list_feeds(conn)
        assert feed.last_fetched_at is None
        assert conn.execute(select(func.count()).select_from(articles)).scalar_one() == 0


def test_ingest_no_enrich_with_a_broker_sends_no_enrichment(engine: Engine, redis_url: str):
    import redis  # the Celery broker's client

    broker = redis.Redis.from_url(redis_url)
    with engine.begin() as conn:
        save_article(conn, NewArticle(
            url="https://example.org/a", title="Floods in the north", text="Rivers rose. " * 20,
            source="Example", published_at=utcnow()), now=utcnow())
    done = ingest_once(engine, redis_url, "--no-enrich")
    assert done.returncode == 0, done.stderr
    assert "enrich_article" not in done.stdout and broker.llen("enrich") == 0
    done = ingest_once(engine, redis_url)  # the same, enriching: the check can see it
    assert done.returncode == 0, done.stderr
    assert "1 enrich_article" in done.stdout and broker.llen("enrich") == 1


def test_ingest_with_a_broker_that_does_not_answer_says_so(engine: Engine):
    done = ingest_once(engine, "redis://127.0.0.1:1/0")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "the broker at TIDINGS_BROKER_URL does not answer" in done.stderr


def test_what_workers_count_shows_at_metrics_of_the_web_process(engine: Engine, site: Site,
                                                                redis_url: str):
    from prometheus_client.parser import text_string_to_metric_families

    from plugins.mailbox import mailbox
    from readers_kit import make_client, with_token
    from tidings.worker.celery_app import make_celery, to_celery

    urls = publish_site(site, 2, extra=[site.url_for("/status/404")])
    subscribe(engine, site.feed)  # type: ignore[attr-defined]
    make_user(engine, "alice")
    with engine.begin() as conn:
        alert_store.enqueue(conn, user_id=1, channel="email", kind="alert",
                            target="alice@example.org", subject="s", payload={"text": "t"},
                            now=utcnow())
    with mailbox() as box:
        env = {**os.environ, "TIDINGS_DATABASE_URL": engine.url.render_as_string(False),
               "TIDINGS_BROKER_URL": redis_url, "TIDINGS_ALLOW_PRIVATE_ADDRESSES": "1",
               "TIDINGS_PER_HOST_DELAY": "0", "TIDINGS_SMTP_HOST": "127.0.0.1",
               "TIDINGS_SMTP_PORT": str(box.port), "TIDINGS_SMTP_STARTTLS": "0"}
        worker = subprocess.Popen([sys.executable, "-m", "tidings", "worker",
                                   "--concurrency", "1"], env=env, start_new_session=True,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            scheduler = Scheduler(engine, to_celery(make_celery(redis_url)), resend_seconds=30,
                                  enrich=False)
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline and not (
                    stored_once(engine, [*urls, site.url_for("/status/404")]) and box.messages):
                scheduler.tick()
                time.sleep(0.5)
        finally:
            os.killpg(worker.pid, signal.SIGTERM)
            worker.wait(timeout=30)
    admin = with_token(make_client(engine), engine, "boss", role="admin")
    response = admin.get("/metrics")
    assert response.status_code == 200
    samples = {(s.name, tuple(sorted(s.labels.items()))): s.value
               for family in text_string_to_metric_families(response.text)
               for s in family.samples}
    assert samples[("tidings_feeds_polled_total", (("result", "ok"),))] == 1
    assert samples[("tidings_pages_fetched_total", ())] == 2
    # the 404 page: its feed's headline was stored, and the failure counted by its reason
    assert samples[("tidings_pages_failed_total", (("reason", "http_404"),))] == 1
    assert samples[("tidings_deliveries_sent_total", ())] == 1
    assert samples[("tidings_task_seconds_count", (("task", "ingest_item"),))] == 3
    assert samples[("tidings_task_seconds_bucket", (("le", "+Inf"), ("task", "poll_feed")))] == 1
    assert samples[("tidings_task_seconds_sum", (("task", "poll_feed"),))] > 0
    assert samples[("tidings_enrichment_lag_seconds", ())] > 0  # nothing enriched here
    assert samples[("tidings_deliveries_oldest_seconds", ())] == 0  # all sent


def test_ingest_in_process_counts_too(engine: Engine, site: Site):
    from tidings.pipeline.runner import ingest_once
    from tidings.store.counters import read_counts

    publish_site(site, 2, extra=[site.url_for("/status/404")])
    subscribe(engine, site.feed)  # type: ignore[attr-defined]
    ingest_once(engine, settings_for(engine).model_copy(update={"enrich": False}))
    with engine.connect() as conn:
        counts = read_counts(conn)
    assert counts[("tidings_feeds_polled_total", "result=ok")] == 1
    assert counts[("tidings_pages_fetched_total", "")] == 2
    assert counts[("tidings_pages_failed_total", "reason=http_404")] == 1


def test_enrich_jobs_on_a_prefork_worker_load_spacy_once_per_process(
        engine: Engine, tmp_path: Path, redis_url: str):
    from tidings.ingest.files import article_from_record
    from tidings.pipeline.articles import save
    from tidings.worker.celery_app import make_celery, to_celery
    from tidings.worker.scheduler import Job

    with gzip.open(WIKINEWS, "rt", encoding="utf-8") as handle:
        records = [r for r in map(json.loads, handle) if 800 < len(r["text"]) < 1500][:6]
    ids = [save(engine, article_from_record(r), utcnow()).article_id for r in records]
    log = tmp_path / "worker.log"
    env = {**os.environ, "TIDINGS_DATABASE_URL": engine.url.render_as_string(False),
           "TIDINGS_BROKER_URL": redis_url}
    with log.open("wb") as output:
        worker = subprocess.Popen([sys.executable, "-m", "tidings", "worker", "--queues",
                                   "enrich", "--concurrency", "2"], env=env,
                                  start_new_session=True, stdout=output, stderr=output)
    try:
        send = to_celery(make_celery(redis_url))
        for article_id in ids:
            send(Job("enrich_article", article_id))
        deadline, tree = time.monotonic() + 240, set[int]()
        while time.monotonic() < deadline and enriched(engine) < len(ids):
            tree |= descendants(worker.pid)
            time.sleep(0.5)
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=30)
    assert 1 <= len(tree) <= 2  # the two pool processes, and no pool of their own
    with engine.connect() as conn:
        runs = conn.execute(select(enrichment_runs.c.article_id, enrichment_runs.c.error)
                            ).all()
    assert sorted(runs) == sorted((i, None) for i in ids)
    loads = re.findall(r"nlp_model_loaded pid=(\d+)", log.read_text())
    # each of the two pool processes loaded the model at most once, and the parent never did
    assert 1 <= len(loads) <= 2 and len(set(loads)) == len(loads), log.read_text()[-3000:]
    assert str(worker.pid) not in loads


def descendants(pid: int) -> set[int]:
    """The processes under `pid` (Linux's /proc)."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return set()
    return {int(c) for c in children}.union(*(descendants(int(c)) for c in children))


def enriched(engine: Engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(enrichment_runs)).scalar_one()


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
