"""The front page: top stories ranked by breadth and freshness, never stale, each led by its
most prolific outlet with two other outlets under it; Latest gives a story one place."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import Engine, insert, update

from tidings.config import Settings
from tidings.model import Image, NewArticle
from tidings.server import create_app
from tidings.store import coverage
from tidings.store.articles import save_article
from tidings.store.schema import articles, stories

NOW = datetime.now(UTC).replace(microsecond=0)


def _story(engine: Engine, title: str, outlets: list[str], age: timedelta,
           pictured: str = "") -> list[int]:
    """One story of one article per outlet, the last `age` ago, as clustering would leave it;
    the article of outlet `pictured` has a lead image."""
    when = NOW - age
    with engine.begin() as conn:
        ids = [save_article(conn, NewArticle(
            url=f"https://{o.replace(' ', '').lower()}.example/{abs(hash(title))}",
            title=f"{title}, says {o}", text=f"{title}. Reported by {o} at length.", source=o,
            published_at=when - timedelta(minutes=len(outlets) - n),
            image=Image(f"https://img.example/{n}.jpg", caption="The dam", credit="Photo: A. B.")
            if o == pictured else None), now=NOW).article_id
            for n, o in enumerate(outlets)]
        conn.execute(insert(stories).values(
            id=ids[0], title=title, label=title.lower(), first_seen_at=when, last_seen_at=when,
            first_source=outlets[0], article_count=len(ids), source_count=len(set(outlets)),
            state={}, vector_sum=b"", title_sum=b"", headline_vectors=b"", updated_at=NOW))
        conn.execute(update(articles).where(articles.c.id.in_(ids)).values(story_id=ids[0]))
    return ids


def _filler(engine: Engine, outlet: str, count: int) -> None:
    """Older articles that make `outlet` the most prolific one."""
    with engine.begin() as conn:
        for n in range(count):
            save_article(conn, NewArticle(
                url=f"https://{outlet.lower()}.example/old-{n}", title=f"Old item {n}",
                text=f"Old item number {n} of {outlet}.", source=outlet,
                published_at=NOW - timedelta(days=40, minutes=n)), now=NOW)


def test_fresh_broad_stories_lead_and_stale_ones_stay_out(engine: Engine):
    _filler(engine, "Wire", 5)
    _story(engine, "Dam opens", ["Harbour Times", "Valley Courier", "Wire", "Ledger"],
           timedelta(hours=2), pictured="Ledger")
    _story(engine, "Bridge closes", ["Harbour Times", "Valley Courier"], timedelta(hours=1))
    _story(engine, "Old war ends", [f"Outlet {n}" for n in range(9)], timedelta(days=30))
    with engine.connect() as conn:
        top = coverage.top_stories(conn, NOW)
    assert [t.story.title for t in top] == ["Dam opens", "Bridge closes"]
    dam = top[0]
    assert dam.lead.source == "Wire", "the most prolific outlet leads"
    assert len(dam.others) == 2 and dam.lead.source not in {a.source for a in dam.others}
    assert dam.image is not None and dam.image.url == "https://img.example/3.jpg"
    assert top[1].image is None
    settings = Settings(database_url=engine.url.render_as_string(False))
    with TestClient(create_app(settings, engine=engine)) as client:
        home = client.get("/").text
    block = home[home.index('id="top-title"'):home.index('id="latest-title"')]
    assert block.count('<a class="top-picture"') == 1
    assert 'src="https://img.example/3.jpg"' in block


def test_latest_gives_a_story_one_place(engine: Engine):
    _story(engine, "Dam opens", ["Harbour Times", "Valley Courier", "Wire", "Ledger"],
           timedelta(hours=2))
    settings = Settings(database_url=engine.url.render_as_string(False))
    with TestClient(create_app(settings, engine=engine)) as client:
        page = client.get("/").text
    latest = page[page.index('id="latest-title"'):]
    assert len(re.findall(r'<h2 class="card-title">', latest)) == 1
    assert re.search(r"3 more articles from 3 other outlets · <a href=\"/stories/\d+\">"
                     r"Full coverage</a>", latest)
    assert "Dam opens, says Ledger" in latest, "the newest article stands for its story"


def test_lead_others_and_picture_follow_outlet_size_then_time(engine: Engine):
    """The lead is the newest article of the outlet with most articles stored; the others are
    the newest of each other outlet, bigger outlets first and, between outlets as big, the
    newer first; the picture is the lead's, else the newest member's that has one."""
    for outlet, count in (("Wire", 5), ("Ledger", 3), ("Courier", 3), ("Times", 1)):
        _filler(engine, outlet, count)
    members = [("Wire", 5, "a"), ("Wire", 3, ""), ("Ledger", 4, ""), ("Ledger", 2, ""),
               ("Courier", 1, ""), ("Courier", 6, "c"), ("Times", 0.5, "b")]
    with engine.begin() as conn:
        ids = {(outlet, hours): save_article(conn, NewArticle(
            url=f"https://{outlet.lower()}.example/flood-{hours}", title=f"Flood, {outlet} {hours}",
            text=f"The river rose, {outlet} reported {hours} hours ago.", source=outlet,
            published_at=NOW - timedelta(hours=hours),
            image=Image(f"https://img.example/{image}.jpg") if image else None),
            now=NOW).article_id for outlet, hours, image in members}
        story_id = min(ids.values())
        conn.execute(insert(stories).values(
            id=story_id, title="Flood", label="flood", first_seen_at=NOW - timedelta(hours=6),
            last_seen_at=NOW - timedelta(minutes=30), first_source="Courier",
            article_count=len(ids), source_count=4, state={}, vector_sum=b"", title_sum=b"",
            headline_vectors=b"", updated_at=NOW))
        conn.execute(update(articles).where(articles.c.id.in_(ids.values()))
                     .values(story_id=story_id))
    with engine.connect() as conn:
        [flood] = coverage.top_stories(conn, NOW)
    assert flood.lead.id == ids["Wire", 3], "the newest article of the biggest outlet"
    assert [a.id for a in flood.others] == [ids["Courier", 1], ids["Ledger", 2]]
    assert flood.image is not None and flood.image.url == "https://img.example/b.jpg"
