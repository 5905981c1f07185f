"""A story's API and its feed read a bounded part of a big story (both databases): the API
story gives a page of its articles without their text, the feed its newest articles."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event, insert, update

from tidings.config import Settings
from tidings.model import NewArticle
from tidings.server import create_app
from tidings.store.articles import save_article
from tidings.store.schema import articles, stories
from tidings.web.feeds_out import ITEMS

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)
SIZE = ITEMS + 5


@pytest.fixture
def story(engine: Engine) -> tuple[int, list[int]]:
    """A story of SIZE articles, oldest first, from two outlets."""
    with engine.begin() as conn:
        ids = [save_article(conn, NewArticle(
            url=f"https://wire.example/{n}", title=f"Dam vote, part {n}",
            text=f"Part {n} of the dam vote.\n\nMore on part {n}.",
            source="Wire" if n % 2 else "Valley", published_at=NOW + timedelta(minutes=n)),
            now=NOW).article_id for n in range(SIZE)]
        conn.execute(insert(stories).values(
            id=ids[0], title="Dam vote", label="", first_seen_at=NOW, last_seen_at=NOW,
            first_source="Valley", article_count=SIZE, source_count=2, state={},
            vector_sum=b"", title_sum=b"", headline_vectors=b"", updated_at=NOW))
        conn.execute(update(articles).where(articles.c.id.in_(ids)).values(story_id=ids[0]))
    return ids[0], ids


@pytest.fixture
def client(engine: Engine) -> TestClient:
    return TestClient(create_app(Settings(database_url=engine.url.render_as_string(False)),
                                 engine=engine))


def test_the_api_story_pages_its_articles_without_reading_their_text(engine, story, client):
    story_id, ids = story
    seen: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *args: seen.append(args[2]))
    whole = client.get(f"/api/stories/{story_id}").json()
    assert not [s for s in seen if "articles.text" in s], "no article's text is read"
    assert [a["id"] for a in whole["articles"]] == ids, "all of them, oldest first"
    assert (whole["article_count"], whole["limit"], whole["offset"]) == (SIZE, 200, 0)
    first = whole["articles"][0]
    assert "text" not in first and first["title"] == "Dam vote, part 0"

    pages = [client.get(f"/api/stories/{story_id}", params={"limit": 20, "offset": offset})
             .json()["articles"] for offset in range(0, SIZE, 20)]
    assert [len(p) for p in pages] == [20, 20, SIZE - 40]
    assert [a["id"] for p in pages for a in p] == ids
    for bad in ({"limit": 0}, {"limit": 1001}, {"offset": -1}):
        assert client.get(f"/api/stories/{story_id}", params=bad).status_code == 422
    assert client.get("/api/stories/424242").status_code == 404


def test_a_story_feed_has_its_newest_articles(story, client):
    story_id, ids = story
    feed = client.get(f"/stories/{story_id}/feed.json").json()
    shown = [int(item["id"].rsplit("/", 1)[1]) for item in feed["items"]]
    assert shown == ids[::-1][:ITEMS], "the newest, newest first"
    assert feed["items"][0]["content_text"].startswith(f"Part {SIZE - 1} of the dam vote.")
