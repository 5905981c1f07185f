"""Feeds out: RSS 2.0, Atom and JSON Feed of the top stories, a story, an entity, an outlet, a
search, and a reader's For you and Saved lists behind a private token. Each is read back by
feedparser with the same items, every page with a feed advertises it. Both databases."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from xml.etree import ElementTree

import feedparser
import pytest
from sqlalchemy import Engine, insert

from readers_kit import logged_in, make_client, post_form
from tidings.config import Settings
from tidings.model import NewArticle
from tidings.pipeline import cluster_pending, reader_apps
from tidings.readers import follows
from tidings.store.articles import save_article
from tidings.store.schema import article_entities, entities
from tidings.store.users import find_user

TEXT = ("The city council of Eastmere approved the new harbour tram line on Monday after a "
        "long debate about its cost, its route along the waterfront and the closing of "
        "the old ferry pier. Mayor Lena Holm said the line would open in two years.")


def _store(engine: Engine) -> list[int]:
    now = datetime.now(UTC)
    ids = []
    with engine.begin() as conn:
        for n, (outlet, title) in enumerate([
                ("Harbour Times", "Eastmere council approves harbour tram line"),
                ("Coast Courier", "Council backs Eastmere tram line after long debate"),
                ("Coast Courier", "Eastmere harbour tram line gets the go-ahead")]):
            ids.append(save_article(conn, NewArticle(
                url=f"https://{outlet.split()[0].lower()}.example.org/tram-{n}", title=title,
                text=f"{TEXT} Report number {n} by {outlet}.", source=outlet,
                authors=("Ana Berg",), published_at=now - timedelta(hours=n)),
                now=now).article_id)
        entity_id = conn.execute(insert(entities).values(
            key="lena holm", name="Lena Holm", type="PERSON", aliases=[], article_count=3,
            updated_at=now).returning(entities.c.id)).scalar_one()
        conn.execute(insert(article_entities), [
            {"article_id": i, "entity_id": entity_id, "mentions": 1} for i in ids])
    return ids


def _parsed(client, path: str, kind: str) -> feedparser.FeedParserDict:
    reply = client.get(path)
    assert reply.status_code == 200, (path, reply.text)
    expected = {"rss": "application/rss+xml", "atom": "application/atom+xml",
                "json": "application/feed+json"}[kind]
    assert reply.headers["content-type"].startswith(expected)
    if kind == "json":
        body = json.loads(reply.content)
        assert body["version"] == "https://jsonfeed.org/version/1.1"
        for item in body["items"]:
            datetime.fromisoformat(item["date_published"])
            assert item["id"].startswith("http://testserver/")
        return feedparser.FeedParserDict(entries=[
            feedparser.FeedParserDict(id=i["id"], link=i["url"], title=i["title"])
            for i in body["items"]])
    ElementTree.fromstring(reply.content)  # well-formed XML
    parsed = feedparser.parse(reply.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    for entry in parsed.entries:
        assert entry.published_parsed, "an RFC 822 / RFC 3339 date feedparser reads"
        assert entry.id.startswith("http://testserver/articles/") or entry.id.startswith(
            "http://testserver/stories/")
        assert entry.link.startswith("http")
    return parsed


@pytest.mark.parametrize("kind", ["rss", "atom", "json"])
def test_every_feed_reads_back_with_its_items(engine: Engine, kind: str) -> None:
    ids = _store(engine)
    cluster_pending(engine, Settings(database_url=engine.url.render_as_string(False)))
    client = make_client(engine)
    with engine.connect() as conn:
        story_id = conn.exec_driver_sql(
            f"SELECT story_id FROM articles WHERE id = {ids[0]}").scalar_one()
    story = _parsed(client, f"/stories/{story_id}/feed.{kind}", kind)
    members = [e.link for e in story.entries]
    assert len(members) >= 2 and len(set(members)) == len(members)
    assert len({e.id for e in story.entries}) == len(story.entries), "stable, unique GUIDs"
    assert _parsed(client, f"/stories/{story_id}/feed.{kind}", kind).entries[0].id == (
        story.entries[0].id)

    outlet = _parsed(client, f"/sources/Coast%20Courier/feed.{kind}", kind)
    assert sorted(e.title for e in outlet.entries) == sorted([
        "Council backs Eastmere tram line after long debate",
        "Eastmere harbour tram line gets the go-ahead"])
    found = _parsed(client, f"/search.{kind}?q=ferry+pier", kind)
    assert len(found.entries) == 3
    with engine.connect() as conn:
        entity_id = conn.exec_driver_sql("SELECT id FROM entities").scalar_one()
    assert len(_parsed(client, f"/entities/{entity_id}/feed.{kind}", kind).entries) == 3
    _parsed(client, f"/feed.{kind}", kind)
    assert client.get(f"/entities/999999/feed.{kind}").status_code == 404
    assert client.get(f"/stories/{2**63}/feed.{kind}").status_code == 404
    assert client.get("/feed.xml").status_code == 404


def test_pages_advertise_their_feeds(engine: Engine) -> None:
    _store(engine)
    client = make_client(engine)
    for page, feed in (("/", "/feed.rss"), ("/sources/Coast%20Courier",
                                              "/sources/Coast%20Courier/feed.rss"),
                       ("/search?q=tram", "/search.rss?q=tram")):
        html = client.get(page).text
        assert f'<link rel="alternate" type="application/rss+xml" title="RSS" href="{feed}">' \
            in html, page
        assert 'type="application/atom+xml"' in html and 'type="application/feed+json"' in html


def test_private_feeds_need_their_token(engine: Engine) -> None:
    ids = _store(engine)
    client = logged_in(engine, "ada")
    with engine.connect() as conn:
        ada = find_user(conn, "ada")[0]  # type: ignore[index]
    follows.set_saved(engine, ada, ids[1], True)
    assert client.get("/saved/feed.rss").status_code == 404
    page = post_form(client, "/account/feed-token", {}, page="/account")
    token = page.text.split("/saved/feed.rss?token=")[1].split('"')[0]
    saved = feedparser.parse(client.get(f"/saved/feed.rss?token={token}").content)
    assert [e.link for e in saved.entries] == ["https://coast.example.org/tram-1"]
    assert client.get(f"/for-you/feed.atom?token={token}").status_code == 200
    reader_apps.new_feed_token(engine, ada)  # replaced: the old address stops working
    assert client.get(f"/saved/feed.rss?token={token}").status_code == 404
    assert make_client(engine).get("/saved/feed.rss?token=nope").status_code == 404
