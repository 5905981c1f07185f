"""The database queue: idempotent enqueue, claim order, leases, concurrency."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest

from tidings.model import FeedEntry, NewArticle
from tidings.store import articles, feeds, queue

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def entries(*names, published=None):
    return [FeedEntry(f"http://e.example/{name}", published_at=published) for name in names]


def test_enqueue_is_idempotent_and_skips_stored_urls(engine):
    with engine.begin() as conn:
        feed = feeds.add_feed(conn, "http://e.example/f", title=None, interval_minutes=5, now=NOW)
        articles.save_article(
            conn,
            NewArticle(
                url="http://e.example/canonical",
                title="T",
                text="x",
                source="E",
                seen_urls=("http://e.example/stored",),
            ),
            now=NOW,
        )
        assert queue.enqueue(conn, entries("a", "b", "a"), feed_id=feed.id, now=NOW) == 2
        assert queue.enqueue(conn, entries("a", "b", "c"), feed_id=feed.id, now=NOW) == 1
        assert queue.enqueue(conn, entries("stored"), feed_id=None, now=NOW) == 0
        assert queue.enqueue(conn, [], feed_id=None, now=NOW) == 0
        assert queue.pending_count(conn) == 3
        assert queue.count_by_status(conn) == {"pending": 3, "running": 0, "done": 0, "error": 0}


def test_enqueue_a_whole_sitemap(engine):
    urls = [f"u{index}" for index in range(33_000)]
    with engine.begin() as conn:
        assert queue.enqueue(conn, entries(*urls[:10]), feed_id=None, now=NOW) == 10
        assert queue.enqueue(conn, entries(*urls), feed_id=None, now=NOW) == 32_990
        assert queue.pending_count(conn) == 33_000


def test_claim_newest_entry_first_and_keeps_entry(engine):
    entry = FeedEntry(
        "http://e.example/full",
        title="Title",
        guid="guid-1",
        published_at=NOW - timedelta(hours=1),
        summary="Summary",
        authors=("Ann", "Bob"),
    )
    with engine.begin() as conn:
        queue.enqueue(conn, entries("undated1"), feed_id=None, now=NOW)
        queue.enqueue(
            conn, entries("old", published=NOW - timedelta(days=2)), feed_id=None, now=NOW
        )
        queue.enqueue(conn, [entry], feed_id=None, now=NOW)
        queue.enqueue(conn, entries("undated2"), feed_id=None, now=NOW)
    with engine.begin() as conn:
        claimed = queue.claim_pending(conn, limit=10, now=NOW)
    assert [item.url.rsplit("/", 1)[1] for item in claimed] == [
        "full",
        "old",
        "undated1",
        "undated2",
    ]
    assert claimed[0].entry == entry
    assert claimed[0].attempts == 0
    with engine.begin() as conn:
        assert queue.claim_pending(conn, limit=10, now=NOW) == []
        assert queue.count_by_status(conn)["running"] == 4
        assert queue.pending_count(conn) == 4


def test_claim_respects_limit_and_not_before(engine):
    with engine.begin() as conn:
        queue.enqueue(conn, entries("a", "b", "c"), feed_id=None, now=NOW)
        first = queue.claim_pending(conn, limit=2, now=NOW)
        assert len(first) == 2
        queue.mark_failed(
            conn, first[0].id, error="503", now=NOW, retry_at=NOW + timedelta(minutes=10)
        )
        queue.mark_failed(conn, first[1].id, error="404", now=NOW, retry_at=None)
    with engine.begin() as conn:
        claimed = queue.claim_pending(conn, limit=5, now=NOW, lease_seconds=3600)
        assert [item.url for item in claimed] == ["http://e.example/c"]
        later = NOW + timedelta(minutes=10)
        retried = queue.claim_pending(conn, limit=5, now=later)
        assert [item.id for item in retried] == [first[0].id]
        assert retried[0].attempts == 1
        assert queue.count_by_status(conn) == {"pending": 0, "running": 2, "done": 0, "error": 1}


def test_mark_done_records_article(engine):
    with engine.begin() as conn:
        queue.enqueue(conn, entries("a"), feed_id=None, now=NOW)
        (item,) = queue.claim_pending(conn, limit=1, now=NOW)
        saved = articles.save_article(
            conn, NewArticle(url=item.url, title="T", text="x", source="E"), now=NOW
        )
        queue.mark_done(conn, item.id, article_id=saved.article_id, now=NOW)
        assert queue.count_by_status(conn)["done"] == 1
        assert queue.pending_count(conn) == 0
        # Done items are never claimed again, even long after.
        assert queue.claim_pending(conn, limit=5, now=NOW + timedelta(days=1)) == []


def test_expired_lease_is_reclaimed_after_a_crash(engine):
    with engine.begin() as conn:
        queue.enqueue(conn, entries("a", "b"), feed_id=None, now=NOW)
    # A worker claims and dies without marking anything (kill -9): its transaction committed.
    with engine.begin() as conn:
        crashed = queue.claim_pending(conn, limit=2, now=NOW, lease_seconds=60)
    with engine.begin() as conn:
        assert queue.claim_pending(conn, limit=5, now=NOW + timedelta(seconds=60)) == []
        recovered = queue.claim_pending(conn, limit=5, now=NOW + timedelta(seconds=61))
    assert sorted(item.id for item in recovered) == sorted(item.id for item in crashed)


def test_an_uncommitted_claim_loses_nothing(engine):
    with engine.begin() as conn:
        queue.enqueue(conn, entries("a"), feed_id=None, now=NOW)
    with engine.connect() as conn:
        conn.begin()
        assert len(queue.claim_pending(conn, limit=1, now=NOW)) == 1
        conn.rollback()
    with engine.begin() as conn:
        assert len(queue.claim_pending(conn, limit=1, now=NOW)) == 1


@pytest.mark.postgres
def test_concurrent_claims_do_not_overlap_on_postgresql(engine):
    if engine.dialect.name != "postgresql":
        pytest.skip("row locks with SKIP LOCKED are PostgreSQL's; SQLite serialises writers")
    with engine.begin() as conn:
        queue.enqueue(conn, entries(*range(6)), feed_id=None, now=NOW)
    with engine.connect() as first, engine.connect() as second:
        claimed_first = queue.claim_pending(first, limit=4, now=NOW)  # transaction still open
        claimed_second = queue.claim_pending(second, limit=4, now=NOW)
        first.commit()
        second.commit()
    ids_first = {item.id for item in claimed_first}
    ids_second = {item.id for item in claimed_second}
    assert len(ids_first) == 4
    assert len(ids_second) == 2
    assert not ids_first & ids_second


def test_threads_claiming_together_share_the_work(engine):
    with engine.begin() as conn:
        queue.enqueue(conn, entries(*range(40)), feed_id=None, now=NOW)
    claimed: list[int] = []
    errors: list[BaseException] = []
    start = threading.Barrier(4)

    def worker():
        try:
            start.wait()
            while True:
                with engine.begin() as conn:
                    items = queue.claim_pending(conn, limit=3, now=NOW)
                    for item in items:
                        queue.mark_done(conn, item.id, article_id=None, now=NOW)
                if not items:
                    return
                claimed.extend(item.id for item in items)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(claimed) == 40
    assert len(set(claimed)) == 40
