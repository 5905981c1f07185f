"""Saving, deduplicating and listing articles (SQLite and PostgreSQL)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import delete, event, select

from tidings.model import Image, NewArticle, SourceCount
from tidings.search import search_articles
from tidings.store import articles, coverage, schema

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def new(url, **kwargs):
    values = {"title": "Title", "text": "Some text.", "source": "Example"} | kwargs
    return NewArticle(url=url, **values)


def save(engine, article, now=NOW):
    with engine.begin() as conn:
        return articles.save_article(conn, article, now=now)


def test_save_and_get_every_field(engine):
    published = NOW - timedelta(hours=3)
    article = new(
        "http://e.example/a",
        authors=("Ann", "Bob"),
        published_at=published,
        site_name="Example News",
        image=Image("http://e.example/i.jpg", caption="A cat", credit="Photo: Ann"),
        lang="en",
        description="About a cat.",
        license="CC BY 4.0",
        external_id="ext-1",
        seen_urls=("http://e.example/a?utm=1", "http://e.example/a"),
        fingerprint="fp-a",
    )
    result = save(engine, article)
    assert result.created
    with engine.connect() as conn:
        stored = articles.get_article(conn, result.article_id)
        assert articles.get_article(conn, result.article_id + 1000) is None
        assert articles.find_article_by_url(conn, "http://e.example/a?utm=1") == result.article_id
        assert articles.find_article_by_url(conn, "http://e.example/other") is None
    assert stored is not None
    assert (stored.url, stored.title, stored.text, stored.source) == (
        "http://e.example/a",
        "Title",
        "Some text.",
        "Example",
    )
    assert stored.authors == ("Ann", "Bob")
    assert stored.published_at == published
    assert stored.fetched_at == NOW
    assert stored.fetched_at.tzinfo == UTC
    assert stored.image == article.image
    assert (stored.site_name, stored.lang, stored.description, stored.license) == (
        "Example News",
        "en",
        "About a cat.",
        "CC BY 4.0",
    )
    assert stored.external_id == "ext-1"
    assert stored.feed_id is None
    assert set(stored.urls) == {"http://e.example/a", "http://e.example/a?utm=1"}


def test_dedupe_by_url_and_any_seen_url_keeps_all_urls(engine):
    first = save(engine, new("http://e.example/a", seen_urls=("http://feed.example/1",)))
    by_url = save(engine, new("http://e.example/a", title="Other"))
    by_seen = save(engine, new("http://e.example/b", seen_urls=("http://feed.example/1",)))
    assert first.created
    assert (by_url.article_id, by_url.created) == (first.article_id, False)
    assert (by_seen.article_id, by_seen.created) == (first.article_id, False)
    with engine.connect() as conn:
        stored = articles.get_article(conn, first.article_id)
        assert articles.count_articles(conn) == 1
    assert stored is not None
    assert stored.title == "Title"
    assert set(stored.urls) == {
        "http://e.example/a",
        "http://e.example/b",
        "http://feed.example/1",
    }


def test_dedupe_by_fingerprint_and_external_id(engine):
    first = save(engine, new("http://e.example/a", fingerprint="fp", external_id="x1"))
    same_text = save(engine, new("http://mirror.example/a", fingerprint="fp"))
    same_id = save(engine, new("http://other.example/a", external_id="x1"))
    different = save(engine, new("http://e.example/b", fingerprint="fp2"))
    assert same_text == same_id == articles.SaveResult(first.article_id, created=False)
    assert different.created
    with engine.connect() as conn:
        assert articles.find_article_by_url(conn, "http://mirror.example/a") == first.article_id
        assert articles.count_articles(conn) == 2


@pytest.mark.parametrize("key", ["fingerprint", "url"])
def test_concurrent_saves_of_one_article_make_one_row(engine, key):
    def one(index):
        extra = {"fingerprint": "same"} if key == "fingerprint" else {}
        url = f"http://e.example/{index}" if key == "fingerprint" else "http://e.example/same"
        return save(engine, new(url, **extra))

    barrier = threading.Barrier(6)

    def racer(index):
        barrier.wait()
        return one(index)

    with ThreadPoolExecutor(6) as pool:
        results = list(pool.map(racer, range(6)))
    assert len({result.article_id for result in results}) == 1
    assert sum(result.created for result in results) == 1
    with engine.connect() as conn:
        assert articles.count_articles(conn) == 1
        urls = articles.get_article(conn, results[0].article_id).urls
    assert len(urls) == (6 if key == "fingerprint" else 1)


@pytest.mark.postgres
@pytest.mark.parametrize("key", ["fingerprint", "url"])
def test_losing_a_save_race_returns_the_winner(engine, key):
    """Two open transactions insert the same article; the second waits, then falls back."""
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite writers never overlap (BEGIN IMMEDIATE)")
    extra = {"fingerprint": "same"} if key == "fingerprint" else {}
    second_url = "http://e.example/2" if key == "fingerprint" else "http://e.example/1"
    with engine.connect() as first:
        won = articles.save_article(first, new("http://e.example/1", **extra), now=NOW)
        with ThreadPoolExecutor(1) as pool:
            late = pool.submit(save, engine, new(second_url, **extra))
            with pytest.raises(TimeoutError):
                late.result(timeout=0.3)  # blocked on the unique index
            first.commit()
            lost = late.result(timeout=10)
    assert won.created
    assert (lost.article_id, lost.created) == (won.article_id, False)
    with engine.connect() as conn:
        assert articles.count_articles(conn) == 1


def seed_list(engine):
    day = timedelta(days=1)
    saved = {}
    for name, source, published, fetched in [
        ("a", "Alpha", NOW - 3 * day, NOW),
        ("b", "Beta", None, NOW - 2 * day),
        ("c", "Alpha", NOW - 1 * day, NOW),
        ("d", "Alpha", NOW - 1 * day, NOW),
    ]:
        article = new(f"http://e.example/{name}", source=source, published_at=published)
        saved[name] = save(engine, article, now=fetched).article_id
    return saved


def test_list_newest_first_with_filters(engine):
    ids = seed_list(engine)
    day = timedelta(days=1)
    with engine.connect() as conn:

        def listed(**kwargs):
            return [a.id for a in articles.list_articles(conn, limit=10, **kwargs)]

        assert listed() == [ids["d"], ids["c"], ids["b"], ids["a"]]
        assert [a.id for a in articles.list_articles(conn, limit=2, offset=1)] == [
            ids["c"],
            ids["b"],
        ]
        assert listed(source="Alpha") == [ids["d"], ids["c"], ids["a"]]
        assert listed(source="Nope") == []
        assert listed(since=NOW - 2 * day) == [ids["d"], ids["c"], ids["b"]]
        assert listed(until=NOW - 2 * day) == [ids["a"]]
        assert listed(source="Alpha", since=NOW - 2 * day, until=NOW) == [ids["d"], ids["c"]]
        assert articles.count_articles(conn) == 4
        assert articles.count_articles(conn, source="Alpha") == 3
        assert articles.count_articles(conn, since=NOW - 2 * day, until=NOW - day) == 1
        first = articles.list_articles(conn, limit=1)[0]
        assert first.urls == ("http://e.example/d",)


def test_list_sources_by_count(engine):
    seed_list(engine)
    with engine.connect() as conn:
        assert articles.list_sources(conn) == [
            SourceCount("Alpha", 3, NOW - timedelta(days=1)),
            SourceCount("Beta", 1, NOW - timedelta(days=2)),
        ]


def query_plan(engine, run):
    """SQLite's plan steps for the first statement with ORDER BY that `run(conn)` executes."""
    statements = []
    listener = lambda *args: statements.append(args[2:4])  # noqa: E731 (statement, parameters)
    event.listen(engine, "before_cursor_execute", listener)
    try:
        with engine.connect() as conn:
            run(conn)
            statement, parameters = next(s for s in statements if "ORDER BY" in s[0])
            plan = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters).all()
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    return " / ".join(row[-1] for row in plan)


def test_the_newest_canonical_articles_come_from_an_index_in_order(engine):
    if engine.dialect.name != "sqlite":
        pytest.skip("EXPLAIN QUERY PLAN is SQLite's; PostgreSQL plans depend on its statistics")
    for n in range(3):
        save(engine, new(f"http://e.example/{n}"))
    steps = query_plan(engine, lambda conn: articles.list_articles(
        conn, limit=2, canonical_only=True))
    assert "ix_articles_canonical_newest" in steps and "TEMP B-TREE" not in steps, steps


def test_latest_finds_each_storys_newest_article_in_one_seek(engine):
    if engine.dialect.name != "sqlite":
        pytest.skip("EXPLAIN QUERY PLAN is SQLite's; PostgreSQL plans depend on its statistics")
    for n in range(3):
        save(engine, new(f"http://e.example/{n}"))
    steps = query_plan(engine, lambda conn: coverage.latest_by_story(conn, limit=2))
    # The per-row subquery seeks (story_id, duplicate_of); it once walked every canonical row.
    assert "ix_articles_story_newest (story_id=? AND duplicate_of=?)" in steps, steps


def test_the_article_page_ranks_its_storys_outlets_from_the_index_alone(engine):
    if engine.dialect.name != "sqlite":
        pytest.skip("EXPLAIN QUERY PLAN is SQLite's; PostgreSQL plans depend on its statistics")
    stored = [save(engine, new(f"http://e.example/{n}", source=f"Outlet {n}")).article_id
              for n in range(3)]
    with engine.connect() as conn:
        article = replace(articles.get_article(conn, stored[0]), story_id=stored[0])
    steps = query_plan(engine, lambda conn: coverage.related_coverage(conn, article))
    # Each member's outlet once came from its row, reading its whole text from disk.
    assert "COVERING INDEX ix_articles_story_newest (story_id=? AND duplicate_of=?)" in steps, \
        steps


def bulk_cases():
    """Articles to save in this order: each way save_article dedupes, within the batch and
    against what was stored before."""
    earlier = [new("http://e.example/stored", fingerprint="fp-stored", external_id="x-stored"),
               new("http://e.example/headline", text="", headline_only=True)]
    batch = [
        new("http://e.example/1", text="Harbour cranes stand idle.", fingerprint="fp1",
            seen_urls=("http://e.example/1?utm=a",), authors=("Ann",), published_at=NOW),
        new("http://e.example/1?utm=a", fingerprint="fp-other"),        # a URL of the first
        new("http://mirror.example/1", fingerprint="fp1"),             # the first's text
        new("http://e.example/2", external_id="x-stored"),             # a stored external id
        new("http://e.example/stored", source="Elsewhere"),            # a stored URL
        new("http://e.example/3", text="", headline_only=True, fingerprint="ignored"),
        new("http://e.example/4", text="", headline_only=True),         # no text dedupe
        new("http://e.example/3", text="Full text of three.", fingerprint="fp3"),  # upgrade
        new("http://e.example/headline", text="Full text at last.", fingerprint="fp-h"),
        new("http://e.example/5", text="Quarry floods after rain.", fingerprint="fp5",
            source="Beta", image=Image("http://e.example/5.jpg", caption="Water")),
        new("http://e.example/5#again", fingerprint="fp5"),
    ]
    return earlier, batch


def snapshot(engine):
    """What the tables hold, with article ids as their rank (ids are not reused alike)."""
    with engine.connect() as conn:
        rows = [dict(row) for row in conn.execute(
            select(schema.articles).order_by(schema.articles.c.id)).mappings()]
        rank = {row.pop("id"): n for n, row in enumerate(rows)}
        urls = sorted((url, rank[i]) for url, i in conn.execute(select(schema.article_urls)))
        counts = articles.list_sources(conn)
        found = {word: sorted(rank[hit.article.id] for hit in search_articles(conn, word))
                 for word in ("harbour", "quarry", "full")}
    return rows, urls, counts, found, rank


def clear(engine):
    with engine.begin() as conn:
        conn.execute(delete(schema.article_urls))
        conn.execute(delete(schema.enrichment_runs))
        conn.execute(delete(schema.articles))


def test_saving_a_batch_stores_what_saving_one_by_one_does(engine):
    earlier, batch = bulk_cases()
    for article in earlier:
        save(engine, article)
    with engine.begin() as conn:
        one_by_one = [articles.save_article(conn, a, now=NOW) for a in batch]
    *expected, ranks = snapshot(engine)
    clear(engine)
    for article in earlier:
        save(engine, article)
    inserts = []

    def count_inserts(conn, cursor, statement, *args):
        inserts.extend(["articles"] if statement.startswith("INSERT INTO articles ") else [])

    event.listen(engine, "before_cursor_execute", count_inserts)
    with engine.begin() as conn:
        bulk = articles.save_articles(conn, batch, now=NOW)
    event.remove(engine, "before_cursor_execute", count_inserts)
    assert len(inserts) == 2  # the new articles before the first upgrade, then the last one
    *got, bulk_ranks = snapshot(engine)
    assert got == expected
    assert [(bulk_ranks[r.article_id], r.created, r.upgraded) for r in bulk] == \
        [(ranks[r.article_id], r.created, r.upgraded) for r in one_by_one]
    assert [r.created for r in bulk] == [True, False, False, False, False, True, True, False,
                                         False, True, False]
    assert [r.upgraded for r in bulk][7:9] == [True, True]
    assert expected[3] == {"harbour": [2], "quarry": [5], "full": [1, 3]}


def test_a_batch_that_clashes_with_a_concurrent_save_falls_back_one_by_one(engine):
    """A row stored after the batch looked (as a concurrent save would) makes the insert
    clash; the batch is saved one by one instead and nothing is lost or doubled."""
    batch = [new("http://e.example/a", fingerprint="fa"), new("http://e.example/b")]
    with engine.begin() as conn:
        bulk = articles._Bulk(conn, batch)
        articles.save_article(conn, new("http://e.example/b", title="First"), now=NOW)
        for index in range(len(batch)):
            bulk.place(index, now=NOW)
        bulk.flush(now=NOW)
        results = bulk.results()
    assert [r.created for r in results] == [True, False]
    with engine.connect() as conn:
        assert articles.count_articles(conn) == 2
        assert articles.get_article(conn, results[1].article_id).title == "First"
