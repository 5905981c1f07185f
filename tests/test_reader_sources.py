"""Who keeps a source polled (both databases): an administrator's feed until it is removed; a
feed only readers subscribed to while one of them still does, and again once someone does."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine

from tidings.config import Settings
from tidings.model import User
from tidings.pipeline import reader_apps
from tidings.pipeline.subscriptions import subscribe
from tidings.store import feeds as feed_store
from tidings.store import users as user_store

LATER = datetime(2100, 1, 1, tzinfo=UTC)
"""Every feed is due by then: what due_feeds leaves out, it leaves out for another reason."""


def _readers(engine: Engine, *names: str) -> list[User]:
    with engine.begin() as conn:
        return [user_store.add_user(conn, username=name, email=f"{name}@example.org",
                                    password_hash="x", role="reader", now=datetime.now(UTC))
                for name in names]


def _due(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return [feed.url for feed in feed_store.due_feeds(conn, LATER)]


def test_a_feed_only_readers_added_is_polled_while_one_subscribes(engine: Engine) -> None:
    settings, url = Settings(), "https://news.example.org/feed"
    ada, bo = _readers(engine, "ada", "bo")
    first = reader_apps.subscribe_reader(engine, settings, ada, url)
    assert first.new_source and first.feed.readers_only
    assert not reader_apps.subscribe_reader(engine, settings, bo, url).new_source
    assert reader_apps.unsubscribe_reader(engine, ada, first.feed.id)
    assert _due(engine) == [url]  # bo still subscribes
    assert reader_apps.unsubscribe_reader(engine, bo, first.feed.id)
    assert _due(engine) == []
    with engine.connect() as conn:
        assert feed_store.get_feed(conn, first.feed.id) is not None  # kept, with its articles
    again = reader_apps.subscribe_reader(engine, settings, bo, url)
    assert (again.feed.id, again.new_source) == (first.feed.id, True)  # fetched at once
    assert _due(engine) == [url]


def test_an_administrators_feed_is_polled_with_no_subscriber(engine: Engine) -> None:
    settings = Settings()
    (ada,) = _readers(engine, "ada")
    admins = subscribe(engine, settings, "https://admin.example.org/feed")
    assert not admins.readers_only
    assert _due(engine) == [admins.url]
    done = reader_apps.subscribe_reader(engine, settings, ada, admins.url)
    assert not done.new_source
    reader_apps.unsubscribe_reader(engine, ada, admins.id)
    assert _due(engine) == [admins.url]


def test_an_administrator_adding_a_readers_feed_keeps_it_polled(engine: Engine) -> None:
    settings, url = Settings(), "https://news.example.org/feed"
    (ada,) = _readers(engine, "ada")
    feed = reader_apps.subscribe_reader(engine, settings, ada, url).feed
    kept = subscribe(engine, settings, url)
    assert (kept.id, kept.readers_only) == (feed.id, False)
    reader_apps.unsubscribe_reader(engine, ada, feed.id)
    assert _due(engine) == [url]
