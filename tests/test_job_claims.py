"""Jobs that act on the world are claimed once, on both databases: two real processes racing
over the same deliveries and digests through a real SMTP server send each email exactly
once; a worker that died mid-send never causes a second email; a holder whose lease was
taken over stops (fencing)."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import Engine, select, update

from plugins.mailbox import mailbox
from plugins.webhooks import Receiver, receiving
from readers_kit import make_user
from test_alerts import reader, settings_for
from test_follows import OUTLETS, WIKINEWS, ZIMBABWE, user_named, zimbabwe_story
from tidings.config import Settings
from tidings.ingest.files import article_from_record
from tidings.pipeline.articles import save
from tidings.pipeline.clustering import cluster_pending
from tidings.pipeline.common import utcnow
from tidings.readers.alerts import send_deliveries
from tidings.store import alerts as alert_store
from tidings.store import enrichment_claims as claims
from tidings.store import follows as follow_store
from tidings.store.enrichment import record_run
from tidings.store.locks import LeaseLost, acquire_lock, renew_lock
from tidings.store.schema import articles, deliveries, enrichment_claims, enrichment_runs, locks
from tidings.store.stories import count_unclustered

EMAILS = 40


def queue_emails(engine: Engine, user_id: int, count: int) -> set[int]:
    with engine.begin() as conn:
        return {alert_store.enqueue(conn, user_id=user_id, channel="email", kind="alert",
                                    target="alice@example.org", subject=f"alert {n}",
                                    payload={"text": f"story {n}"}, now=utcnow())
                for n in range(count)}


def statuses(engine: Engine) -> Counter[str]:
    with engine.connect() as conn:
        return Counter(conn.execute(select(deliveries.c.status)).scalars())


def test_two_processes_send_each_alert_and_digest_exactly_once(engine: Engine):
    readers = [reader(engine, name, digest="daily") for name in ("alice", "bob", "carol")]
    zimbabwe_story(engine)
    with engine.begin() as conn:
        for user in readers:
            follow_store.update_prefs(conn, user.id, digest_due_at=utcnow())
    ids = queue_emails(engine, readers[0].id, EMAILS)
    with mailbox(delay=0.02) as box:
        env = {**os.environ, "TIDINGS_DATABASE_URL": engine.url.render_as_string(False),
               "TIDINGS_SMTP_HOST": "127.0.0.1", "TIDINGS_SMTP_PORT": str(box.port),
               "TIDINGS_SMTP_STARTTLS": "0"}
        senders = [subprocess.Popen([sys.executable, "-m", "tidings", "digests", "send"],
                                    env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                    text=True) for _ in range(2)]
        outputs = [sender.communicate(timeout=120)[0] for sender in senders]
    assert [sender.returncode for sender in senders] == [0, 0], outputs
    message_ids = Counter(message["Message-ID"] for message in box.messages)
    assert message_ids.most_common(1)[0][1] == 1  # nothing arrived twice
    alerts = {f"<delivery-{i}@tidings>" for i in ids}
    assert alerts <= set(message_ids) and len(message_ids) == EMAILS + len(readers)
    digests = Counter(m["To"] for m in box.messages if m["Subject"].startswith(
        "[Tidings] Your daily digest"))
    assert digests == Counter(user.email for user in readers)
    assert statuses(engine) == Counter({"sent": EMAILS + len(readers)})


def test_email_whose_worker_died_while_sending_is_not_sent_again(engine: Engine):
    make_user(engine, "alice")
    [delivery_id] = queue_emails(engine, user_named(engine, "alice").id, 1)
    start = utcnow()
    with engine.begin() as conn:  # a worker claims it, records the intent, then dies
        [claimed] = alert_store.claim_due(conn, start, owner="dead", lease_seconds=60)
        assert alert_store.start_sending(conn, claimed.id, owner="dead", now=start,
                                         lease_seconds=60)
    with mailbox() as box:
        settings = settings_for(engine, box)
        assert send_deliveries(engine, settings, now=start + timedelta(seconds=30)).sent == 0
        assert send_deliveries(engine, settings, now=start + timedelta(seconds=61)).sent == 0
    assert box.messages == []
    with engine.connect() as conn:
        [row] = conn.execute(select(deliveries).where(deliveries.c.id == delivery_id)).mappings()
    assert row["status"] == "unknown" and "at most once" in row["last_error"]
    assert row["claimed_by"] is None


def test_claimed_delivery_of_a_dead_worker_is_sent_by_the_next(engine: Engine):
    make_user(engine, "alice")
    [delivery_id] = queue_emails(engine, user_named(engine, "alice").id, 1)
    start = utcnow()
    with engine.begin() as conn:  # claimed, never started: safe to send elsewhere
        alert_store.claim_due(conn, start, owner="slow", lease_seconds=60)
    with mailbox() as box:
        settings = settings_for(engine, box)
        assert send_deliveries(engine, settings, now=start + timedelta(seconds=10)).sent == 0
        assert send_deliveries(engine, settings, now=start + timedelta(seconds=61)).sent == 1
        with engine.begin() as conn:  # the slow holder wakes up: its claim is gone
            assert not alert_store.start_sending(conn, delivery_id, owner="slow", now=start,
                                                 lease_seconds=60)
    assert [m["Message-ID"] for m in box.messages] == [f"<delivery-{delivery_id}@tidings>"]


@pytest.fixture
def keyed_receiver() -> Iterator[Receiver]:
    with receiving([]) as found:
        yield found


def test_webhook_whose_worker_died_is_sent_again_with_its_idempotency_key(
        engine: Engine, keyed_receiver: Receiver):
    user = reader(engine, email_alerts=False, webhook_url=keyed_receiver.url)
    start = utcnow()
    with engine.begin() as conn:  # claimed, intent recorded, then the worker died
        delivery_id = alert_store.enqueue(
            conn, user_id=user.id, channel="webhook", kind="alert", target=keyed_receiver.url,
            subject="Zimbabwe", payload={"story": 1}, now=start)
        alert_store.claim_due(conn, start, owner="dead", lease_seconds=60)
        assert alert_store.start_sending(conn, delivery_id, owner="dead", now=start,
                                         lease_seconds=60)
    settings = settings_for(engine, allow_private_addresses=True)
    assert send_deliveries(engine, settings, now=start + timedelta(seconds=61)).sent == 1
    assert send_deliveries(engine, settings, now=start + timedelta(seconds=62)).sent == 0
    assert keyed_receiver.keys == [str(delivery_id)]


def test_lease_taken_over_is_lost_to_its_old_holder(engine: Engine):
    now = utcnow()
    with engine.begin() as conn:
        assert acquire_lock(conn, "job", "first", now=now, seconds=10)
        renew_lock(conn, "job", "first", now=now, seconds=10)
        assert not acquire_lock(conn, "job", "second", now=now + timedelta(seconds=5),
                                seconds=10)
        assert acquire_lock(conn, "job", "second", now=now + timedelta(seconds=11), seconds=10)
    with engine.begin() as conn, pytest.raises(LeaseLost):
        renew_lock(conn, "job", "first", now=now + timedelta(seconds=12), seconds=10)


def test_clustering_stops_when_its_lease_is_taken_over(engine: Engine):
    with gzip.open(WIKINEWS, "rt", encoding="utf-8") as handle:
        records = [r for r in map(json.loads, handle) if r["title"] in ZIMBABWE]
    for offset, record in enumerate(records):
        article = article_from_record({**record, "source": OUTLETS[offset]})
        save(engine, replace(article, published_at=utcnow() - timedelta(hours=3 - offset)),
             utcnow())
    calls = []

    def take_over(done: int, total: int) -> None:
        calls.append(done)
        if len(calls) == 2:  # after the first batch another process takes the lease
            with engine.begin() as conn:
                conn.execute(update(locks).values(holder="another"))

    settings = Settings(database_url=engine.url.render_as_string(False))  # type: ignore[arg-type]
    report = cluster_pending(engine, settings, progress=take_over, batch=1)
    assert report.busy and report.clustered == 1
    with engine.connect() as conn:
        assert count_unclustered(conn) == len(records) - 1
        assert conn.execute(select(locks.c.holder)).scalars().all() == ["another"]


def test_enrichment_claims_are_held_by_one_worker_until_they_expire(engine: Engine):
    zimbabwe_story(engine)
    with engine.connect() as conn:
        ids = sorted(conn.execute(select(articles.c.id)).scalars())
    now = utcnow()
    with engine.begin() as conn:
        assert claims.claim_articles(conn, ids, owner="a", now=now, lease_seconds=60) == ids
        assert claims.claim_articles(conn, ids, owner="b", now=now, lease_seconds=60) == []
        assert claims.finish_claim(conn, ids[0], owner="a")  # enriched by a
        record_run(conn, ids[0], now=now, error=None)
    later = now + timedelta(seconds=61)
    with engine.begin() as conn:  # a died: b takes the rest over; ids[0] is done already
        assert claims.claim_articles(conn, ids, owner="b", now=later, lease_seconds=60) == ids[1:]
        assert not claims.finish_claim(conn, ids[1], owner="a")  # fenced off
    for attempt in range(claims.MAX_ATTEMPTS):
        later += timedelta(seconds=61)
        with engine.begin() as conn:
            taken = claims.claim_articles(conn, ids[2:], owner=f"w{attempt}", now=later,
                                          lease_seconds=60)
        assert taken == (ids[2:] if attempt < claims.MAX_ATTEMPTS - 2 else [])
    with engine.connect() as conn:
        error = conn.execute(select(enrichment_runs.c.error).where(
            enrichment_runs.c.article_id == ids[2])).scalar_one()
        assert "stopped 3 times" in error
        assert conn.execute(select(enrichment_claims.c.article_id)).scalars().all() == [ids[1]]
