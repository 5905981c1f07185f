"""Workers that die: 500 pages of a local site, on three hosts, ingested through several feeds
by three worker processes while one of them is SIGKILLed at random moments, again and again
(and a new one started each time, so there are always workers). Once on PostgreSQL with
three `tidings worker` (Celery over Redis), once on SQLite with three `tidings scheduler`
(no broker: each runs the jobs in process). Afterwards every page is stored exactly once, the
stories hold their invariants, every alert was raised once and each of its emails and webhook
calls arrived once (the local SMTP server, the webhook receiver), and the test server never
answered more requests at once for a host than the per-host limit."""

from __future__ import annotations

import gzip
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import Connection, Engine, func, select

from plugins.databases import fresh_database
from plugins.http_site import Reply, Site, SiteRequest
from plugins.mailbox import Inbox, mailbox
from plugins.webhooks import Receiver, receiving
from readers_kit import make_user
from test_follows import user_named
from tidings.model import User
from tidings.pipeline.common import utcnow
from tidings.readers import follows
from tidings.store import feeds as feed_store
from tidings.store import queue as queue_store
from tidings.store.engine import make_engine, migrate
from tidings.store.invariants import check_stories
from tidings.store.schema import article_urls, articles, deliveries, notified, users
from tidings.store.stories import count_unclustered, resolve_story_id

WIKINEWS = Path(__file__).parent / "fixtures" / "wikinews-2005-2008.jsonl.gz"
PAGES, FEEDS, WORKERS, KILLS = 500, 5, 3, 4
PER_HOST = 2
PAGE_SECONDS = 0.03
"""How long the site takes over each page (so that requests to a host overlap)."""
DEADLINE = 240.0


@dataclass
class HostMeter:
    """Requests being answered per host (the Host header's name), and the most at once."""

    running: Counter[str] = field(default_factory=Counter)
    peak: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def page(self, body: bytes) -> Callable[[SiteRequest], Reply]:
        def answer(request: SiteRequest) -> Reply:
            host = request.headers.get("Host", "").rpartition(":")[0]
            with self.lock:
                self.running[host] += 1
                self.peak[host] = max(self.peak[host], self.running[host])
            try:
                time.sleep(PAGE_SECONDS)
                return Reply(body, 200, {"Content-Type": "text/html; charset=utf-8"})
            finally:
                with self.lock:
                    self.running[host] -= 1
        return answer


def hosts_of(site: Site) -> list[str]:
    """Base URLs of three hosts of the local site (two names for 127.0.0.1, and 127.0.0.2)."""
    bases = [site.url, site.url.replace("127.0.0.1", "localhost")]
    return bases + ([site.alt_url] if site.alt_url else [])


def publish(site: Site, meter: HostMeter) -> tuple[list[str], list[str]]:
    """PAGES short Wikinews reports spread over the hosts, and FEEDS RSS feeds listing them
    (feed k, titled "Outlet k", on host k, lists the pages of Outlet k: n % FEEDS == k); the
    page URLs and the feed URLs."""
    with gzip.open(WIKINEWS, "rt", encoding="utf-8") as handle:
        records = [r for r in map(json.loads, handle) if len(r["text"]) > 600][:PAGES]
    bases, prefix = hosts_of(site), f"/faults-{random.getrandbits(32):08x}"
    urls = []
    for n, record in enumerate(records):
        paragraphs = "".join(f"<p>{escape(p)}</p>" for p in record["text"].split("\n\n")[:4])
        title = escape(record["title"])
        site.add(f"{prefix}/{n}.html", meter.page(
            f"<html><head><title>{title}</title><meta property=og:site_name "
            f"content='Outlet {n % FEEDS}'></head><body><article><h1>{title}</h1>"
            f"{paragraphs}</article></body></html>".encode()))
        urls.append(f"{bases[n % len(bases)]}{prefix}/{n}.html")
    feeds = []
    for k in range(FEEDS):
        items = "".join(f"<item><title>{escape(records[n]['title'])}</title><link>{urls[n]}"
                        f"</link><guid>{urls[n]}</guid></item>" for n in range(k, PAGES, FEEDS))
        site.add(f"{prefix}/feed-{k}.xml", f'<?xml version="1.0"?><rss version="2.0"><channel>'
                 f"<title>Outlet {k}</title><link>{site.url}</link>{items}</channel></rss>",
                 content_type="application/rss+xml")
        feeds.append(f"{bases[k % len(bases)]}{prefix}/feed-{k}.xml")
    return urls, feeds


def readers(engine: Engine, hook: Receiver) -> dict[str, User]:
    """alice follows Outlet 0 (email), bob Outlet 1 (email and webhook), carol a topic."""
    found = {}
    for name, webhook in (("alice", ""), ("bob", hook.url), ("carol", "")):
        make_user(engine, name)
        found[name] = user_named(engine, name)
        follows.update_prefs(engine, found[name], email_alerts=True, webhook_url=webhook,
                             digest="off")
    follows.follow(engine, found["alice"], "outlet", "Outlet 0")
    follows.follow(engine, found["bob"], "outlet", "Outlet 1", alerts="both")
    follows.follow(engine, found["carol"], "topic", "president")
    hook.secret = follows.prefs(engine, found["bob"]).webhook_secret
    return found


class Crew:
    """WORKERS worker processes of one command; `kill_one` SIGKILLs one and starts another."""

    def __init__(self, command: list[str], env: dict[str, str], log: Path) -> None:
        self.command, self.env, self.killed = command, env, 0
        self.log = log.open("ab")
        self.processes = [self._start() for _ in range(WORKERS)]

    def _start(self) -> subprocess.Popen[bytes]:
        return subprocess.Popen([sys.executable, "-m", "tidings", *self.command], env=self.env,
                                start_new_session=True, stdout=self.log, stderr=self.log)

    def kill_one(self) -> None:
        victim = random.choice(self.processes)
        os.killpg(victim.pid, signal.SIGKILL)
        assert victim.wait(timeout=10) == -signal.SIGKILL
        self.processes[self.processes.index(victim)] = self._start()
        self.killed += 1

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        self.log.close()


def settled(engine: Engine) -> bool:
    """Every page stored or failed, clustered, alerts matched and every delivery settled."""
    with engine.connect() as conn:
        stored = conn.execute(select(func.count()).select_from(articles)).scalar_one()
        waiting = queue_store.pending_count(conn) + count_unclustered(conn)
        unsent = conn.execute(select(func.count()).select_from(deliveries).where(
            deliveries.c.status.in_(["pending", "claimed", "sending"]))).scalar_one()
        untold = unalerted(conn)
    return stored == PAGES and waiting == 0 and unsent == 0 and not untold


FOLLOWED = (("alice", "Outlet 0"), ("bob", "Outlet 1"))
"""Who follows which outlet (`prepare`)."""


def unalerted(conn: Connection) -> list[str]:
    """The readers not (yet) alerted for every story with an article of the outlet they
    follow (stories as they are now: an alert for a story merged since counts)."""
    alerts = conn.execute(select(notified.c.user_id, notified.c.story_id)).all()
    behind = []
    for name, outlet in FOLLOWED:
        user_id = conn.execute(select(users.c.id).where(users.c.username == name)).scalar_one()
        stories = set(conn.execute(select(articles.c.story_id).where(
            articles.c.source == outlet)).scalars())
        told = {resolve_story_id(conn, story) for user, story in alerts if user == user_id}
        if not stories or told != stories:
            behind.append(name)
    return behind


def run_with_kills(engine: Engine, crew: Crew, tick: Callable[[], None] | None = None) -> None:
    """Kill a worker KILLS times at random moments of the run, then wait for it to settle."""
    deadline, next_kill = time.monotonic() + DEADLINE, time.monotonic() + random.uniform(2, 5)
    while time.monotonic() < deadline:
        if tick is not None:
            tick()
        if crew.killed < KILLS and time.monotonic() >= next_kill:
            crew.kill_one()
            next_kill = time.monotonic() + random.uniform(1.5, 5)
        if crew.killed == KILLS and settled(engine):
            return
        time.sleep(0.5)
    pytest.fail(f"not settled after {DEADLINE:.0f} s ({crew.killed} kills)")


def check_outcome(engine: Engine, site: Site, urls: list[str], meter: HostMeter, box: Inbox,
                  hook: Receiver, people: dict[str, User]) -> None:
    with engine.connect() as conn:
        found = conn.execute(select(article_urls.c.url, article_urls.c.article_id)
                             .where(article_urls.c.url.in_(urls))).all()
        count = conn.execute(select(func.count()).select_from(articles)).scalar_one()
        assert sorted(u for u, _ in found) == sorted(urls) and count == len(urls)
        assert {k: v for k, v in queue_store.count_by_status(conn).items() if v} == {
            "done": len(urls)}
        assert [f"{v.rule}: {v.examples}" for v in check_stories(conn) if v.count] == []
        sent = conn.execute(select(deliveries)).mappings().all()
        alerts = conn.execute(select(notified)).mappings().all()
        assert unalerted(conn) == []
        feeds = feed_store.list_feeds(conn)
    assert all(f.last_error is None for f in feeds)
    assert set(meter.peak) == {urlsplit(base).hostname for base in hosts_of(site)}
    assert max(meter.peak.values()) <= PER_HOST
    # one email per alert, and one webhook call per bob's alert: each arrived once
    emails = [d for d in sent if d["channel"] == "email"]
    hooks = [d for d in sent if d["channel"] == "webhook"]
    assert len(emails) == len(alerts)
    assert len(hooks) == sum(a["user_id"] == people["bob"].id for a in alerts)
    arrived = Counter(message["Message-ID"] for message in box.messages)
    assert max(arrived.values()) == 1  # no email twice
    for delivery in emails:
        # an email whose worker died between recording the intent and recording the send is
        # "unknown" and never sent again (at most once); every other one arrived exactly once
        expected = {"sent": 1, "unknown": arrived[f"<delivery-{delivery['id']}@tidings>"]}
        assert delivery["status"] in expected, delivery
        assert arrived[f"<delivery-{delivery['id']}@tidings>"] == expected[delivery["status"]]
    assert set(arrived) <= {f"<delivery-{d['id']}@tidings>" for d in emails}
    assert all(d["status"] == "sent" for d in hooks)
    assert sorted(set(hook.keys)) == sorted(str(d["id"]) for d in hooks)  # each key arrived
    assert all(valid for valid, _ in hook.calls)


@pytest.fixture
def inbox() -> Iterator[Inbox]:
    with mailbox() as box:
        yield box


@pytest.fixture
def hook() -> Iterator[Receiver]:
    with receiving([]) as found:
        yield found


def worker_env(url: str, box: Inbox, broker: str) -> dict[str, str]:
    return {**os.environ, "TIDINGS_DATABASE_URL": url, "TIDINGS_BROKER_URL": broker,
            "TIDINGS_ALLOW_PRIVATE_ADDRESSES": "1", "TIDINGS_PER_HOST_DELAY": "0",
            "TIDINGS_PER_HOST_CONCURRENCY": str(PER_HOST), "TIDINGS_SMTP_HOST": "127.0.0.1",
            "TIDINGS_SMTP_PORT": str(box.port), "TIDINGS_SMTP_STARTTLS": "0",
            "TIDINGS_PUBLIC_URL": "https://news.example.org", "TIDINGS_ENRICH": "0"}


def prepare(url: str, site: Site, hook: Receiver) -> tuple[Engine, list[str], HostMeter,
                                                            dict[str, User]]:
    engine = make_engine(url, create=True)
    migrate(engine)
    meter = HostMeter()
    urls, feeds = publish(site, meter)
    people = readers(engine, hook)
    with engine.begin() as conn:
        for feed in feeds:
            feed_store.add_feed(conn, feed, title=None, interval_minutes=60, now=utcnow())
    return engine, urls, meter, people


@pytest.mark.postgres
def test_celery_workers_killed_at_random_lose_nothing_and_repeat_nothing(
        request: pytest.FixtureRequest, tmp_path: Path, site: Site, inbox: Inbox,
        hook: Receiver, redis_url: str):
    from tidings.worker.celery_app import make_celery, to_celery
    from tidings.worker.scheduler import Scheduler

    with fresh_database(request, "postgresql", tmp_path) as url:
        engine, urls, meter, people = prepare(url, site, hook)
        crew = Crew(["worker", "--concurrency", "2"], worker_env(url, inbox, redis_url),
                    tmp_path / "workers.log")
        scheduler = Scheduler(engine, to_celery(make_celery(redis_url)), resend_seconds=10,
                              enrich=False)
        last = [0.0]

        def tick() -> None:
            if time.monotonic() - last[0] >= 1.0:
                scheduler.tick()
                last[0] = time.monotonic()
        try:
            run_with_kills(engine, crew, tick)
        finally:
            crew.stop()
        check_outcome(engine, site, urls, meter, inbox, hook, people)
        engine.dispose()


def test_schedulers_without_a_broker_killed_at_random_lose_nothing_and_repeat_nothing(
        tmp_path: Path, site: Site, inbox: Inbox, hook: Receiver):
    url = f"sqlite:///{tmp_path / 'tidings.db'}"
    engine, urls, meter, people = prepare(url, site, hook)
    crew = Crew(["scheduler"], worker_env(url, inbox, ""), tmp_path / "workers.log")
    try:
        run_with_kills(engine, crew)
    finally:
        crew.stop()
    check_outcome(engine, site, urls, meter, inbox, hook, people)
    engine.dispose()
