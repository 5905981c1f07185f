"""Feed subscriptions and polling bookkeeping (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tidings.model import FeedEntry, NewArticle
from tidings.store import articles, feeds, queue

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def add(conn, url, **kwargs):
    return feeds.add_feed(
        conn, url, title=kwargs.get("title"), interval_minutes=30, now=kwargs.get("now", NOW)
    )


def test_add_list_get_find(engine):
    with engine.begin() as conn:
        first = add(conn, "http://a.example/feed", title="A")
        second = add(conn, "http://b.example/feed")
    assert first.next_fetch_at == NOW
    assert first.created_at == NOW
    assert first.error_count == 0
    with engine.connect() as conn:
        assert feeds.list_feeds(conn) == [first, second]
        assert feeds.get_feed(conn, second.id) == second
        assert feeds.get_feed(conn, 999) is None
        assert feeds.find_feed(conn, str(first.id)) == first
        assert feeds.find_feed(conn, " http://b.example/feed ") == second
        assert feeds.find_feed(conn, "http://nope.example/") is None


def test_duplicate_url_raises_and_leaves_transaction_usable(engine):
    with engine.begin() as conn:
        add(conn, "http://a.example/feed")
        with pytest.raises(feeds.FeedExistsError):
            add(conn, "http://a.example/feed")
        add(conn, "http://b.example/feed")
    with engine.connect() as conn:
        assert len(feeds.list_feeds(conn)) == 2


def test_remove_feed_drops_queue_keeps_articles(engine):
    with engine.begin() as conn:
        feed = add(conn, "http://a.example/feed")
        queue.enqueue(conn, [FeedEntry("http://a.example/1")], feed_id=feed.id, now=NOW)
        saved = articles.save_article(
            conn,
            NewArticle(url="http://a.example/2", title="T", text="x", source="A", feed_id=feed.id),
            now=NOW,
        )
    with engine.begin() as conn:
        assert feeds.remove_feed(conn, feed.id) is True
        assert feeds.remove_feed(conn, feed.id) is False
    with engine.connect() as conn:
        assert feeds.list_feeds(conn) == []
        assert queue.count_by_status(conn)["pending"] == 0
        article = articles.get_article(conn, saved.article_id)
    assert article is not None
    assert article.feed_id is None


def test_due_feeds_earliest_first(engine):
    with engine.begin() as conn:
        late = add(conn, "http://late.example/", now=NOW - timedelta(minutes=1))
        early = add(conn, "http://early.example/", now=NOW - timedelta(hours=1))
        future = add(conn, "http://future.example/", now=NOW + timedelta(minutes=5))
        exact = add(conn, "http://exact.example/", now=NOW)
    with engine.connect() as conn:
        due = feeds.due_feeds(conn, NOW)
        assert [feed.id for feed in due] == [early.id, late.id, exact.id]
        assert future.id not in [feed.id for feed in feeds.due_feeds(conn, NOW)]
        assert [feed.id for feed in feeds.due_feeds(conn, NOW, limit=1)] == [early.id]


def test_success_and_error_bookkeeping(engine):
    later = NOW + timedelta(minutes=30)
    with engine.begin() as conn:
        feed = add(conn, "http://a.example/feed")
        feeds.record_feed_error(conn, feed.id, now=NOW, next_fetch_at=later, error="boom")
        feeds.record_feed_error(conn, feed.id, now=NOW, next_fetch_at=later, error="boom 2")
    with engine.connect() as conn:
        failed = feeds.get_feed(conn, feed.id)
    assert failed is not None
    assert (failed.last_status, failed.last_error, failed.error_count) == ("error", "boom 2", 2)
    assert failed.next_fetch_at == later
    assert failed.last_fetched_at == NOW

    with engine.begin() as conn:
        feeds.record_feed_success(
            conn,
            feed.id,
            now=later,
            next_fetch_at=later + timedelta(minutes=30),
            etag='"v1"',
            last_modified="Sat, 01 Mar 2025 12:00:00 GMT",
            not_modified=False,
            title="Feed title",
        )
    with engine.connect() as conn:
        ok = feeds.get_feed(conn, feed.id)
    assert ok is not None
    assert (ok.last_status, ok.last_error, ok.error_count) == ("ok", None, 0)
    assert (ok.etag, ok.title) == ('"v1"', "Feed title")

    with engine.begin() as conn:
        feeds.record_feed_success(
            conn,
            feed.id,
            now=later,
            next_fetch_at=later,
            etag=None,
            last_modified=None,
            not_modified=True,
            title="Another title",
        )
    with engine.connect() as conn:
        unchanged = feeds.get_feed(conn, feed.id)
    assert unchanged is not None
    assert unchanged.last_status == "not-modified"
    assert unchanged.etag == '"v1"'
    assert unchanged.last_modified == "Sat, 01 Mar 2025 12:00:00 GMT"
    assert unchanged.title == "Feed title"
