"""Full-text search on SQLite FTS5 and PostgreSQL tsvector."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime, timedelta

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import delete, update
from sqlalchemy import text as sql

from tidings.model import NewArticle
from tidings.search import (
    MARK_END,
    MARK_START,
    SearchQueryError,
    highlight_html,
    search_articles,
    window,
)
from tidings.search.query import Term, parse_query
from tidings.store.articles import save_article
from tidings.store.engine import SCRIPT_LOCATION
from tidings.store.schema import articles

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
FILLER = "Councillors met on Tuesday to discuss the budget, roads and the new library. "


def add(conn, name, title, text, *, source="Daily", days_ago=0):
    article = NewArticle(
        url=f"http://news.example/{name}",
        title=title,
        text=text,
        source=source,
        published_at=NOW - timedelta(days=days_ago),
    )
    return save_article(conn, article, now=NOW).article_id


@pytest.fixture
def corpus(engine):
    with engine.begin() as conn:
        ids = {
            "title": add(conn, "title", "Election results are in", FILLER * 3),
            "body": add(
                conn, "body", "Council news", FILLER + "The election count went on late. " + FILLER
            ),
            "other": add(
                conn, "other", "Garden show opens", "Roses and tulips everywhere.", source="Weekly"
            ),
            "old": add(
                conn,
                "old",
                "Old election story",
                "An election long ago.",
                source="Weekly",
                days_ago=30,
            ),
        }
    return ids


def hits(engine, query, **kwargs):
    with engine.connect() as conn:
        return search_articles(conn, query, **kwargs)


def test_title_match_ranks_above_body_match(engine, corpus):
    found = hits(engine, "election")
    ids = [hit.article.id for hit in found]
    assert set(ids) == {corpus["title"], corpus["body"], corpus["old"]}
    assert ids.index(corpus["title"]) < ids.index(corpus["body"])
    assert [hit.rank for hit in found] == sorted((hit.rank for hit in found), reverse=True)


def test_stemming(engine, corpus):
    assert corpus["title"] in {hit.article.id for hit in hits(engine, "elections")}
    assert {hit.article.id for hit in hits(engine, "rose tulip")} == {corpus["other"]}


def test_snippet_marks_matches(engine, corpus):
    (hit,) = hits(engine, "count", source="Daily")
    assert hit.article.id == corpus["body"]
    assert f"{MARK_START}count{MARK_END}" in hit.snippet
    assert "\n" not in hit.snippet
    assert "<mark>count</mark>" in highlight_html(hit.snippet)
    assert hit.article.urls == ("http://news.example/body",)


def test_a_long_text_marks_its_match_early_or_late(engine):
    """On PostgreSQL a snippet is looked for in the text's opening first (ts_headline parses
    all it is given), then in a longer opening, then in the whole text (4,000 and 16,000
    characters: the ferry is past the first, the lighthouse past the second)."""
    text = ("The harbour reopened today. " + FILLER * 80 + "The ferry resumed. " + FILLER * 150
            + "The lighthouse keeper retired.")
    with engine.begin() as conn:
        long_id = add(conn, "long", "Coast news", text)
    for word in ("harbour", "ferry", "lighthouse"):
        (hit,) = hits(engine, word)
        assert hit.article.id == long_id
        assert f"{MARK_START}{word}{MARK_END}" in hit.snippet, word
    (hit,) = hits(engine, "coast")  # the title's word alone: the text's first words
    assert hit.snippet.startswith("The harbour reopened today.") and MARK_START not in hit.snippet


def test_source_and_date_filters(engine, corpus):
    assert {h.article.id for h in hits(engine, "election", source="Weekly")} == {corpus["old"]}
    recent = hits(engine, "election", since=NOW - timedelta(days=1))
    assert corpus["old"] not in {hit.article.id for hit in recent}
    assert {h.article.id for h in hits(engine, "election", until=NOW - timedelta(days=1))} == {
        corpus["old"]
    }
    assert len(hits(engine, "election", limit=1)) == 1
    assert len(hits(engine, "election", limit=2, offset=2)) == 1


def test_phrases_and_exclusions(engine, corpus):
    assert {h.article.id for h in hits(engine, '"election count"')} == {corpus["body"]}
    assert {h.article.id for h in hits(engine, '"count election"')} == set()
    assert corpus["old"] not in {h.article.id for h in hits(engine, "election -old")}
    assert corpus["body"] not in {h.article.id for h in hits(engine, 'election -"count went"')}


@pytest.mark.parametrize(
    "query",
    [
        '"',
        'election "',
        "*",
        "election*",
        "AND (",
        "election AND (",
        "NEAR/",
        "NEAR(election council, 2)",
        "title: election",
        "election OR",
        "^election",
        "'; DROP TABLE articles; --",
        "élection",
        "選挙 выборы",
        "emoji 🗳️ election",
        "a\x00b election",
        "-",
        "election -",
        "!!! election ???",
        "x" * 5000,
    ],
)
def test_hostile_queries_never_raise_database_errors(engine, corpus, query):
    with contextlib.suppress(SearchQueryError):
        hits(engine, query)


@pytest.mark.parametrize("query", ["", "   ", '""', "*", "-election", "- !"])
def test_queries_without_words_are_refused(engine, query):
    with pytest.raises(SearchQueryError):
        hits(engine, query)


def test_index_follows_updates_and_deletes(engine, corpus):
    with engine.begin() as conn:
        conn.execute(
            update(articles)
            .where(articles.c.id == corpus["other"])
            .values(title="Referendum results", text="Voters approved it.")
        )
        conn.execute(delete(articles).where(articles.c.id == corpus["old"]))
    assert hits(engine, "tulips") == []
    assert {h.article.id for h in hits(engine, "referendum")} == {corpus["other"]}
    assert corpus["old"] not in {h.article.id for h in hits(engine, "election")}


def test_parse_query():
    assert parse_query('Covid-19 "new  cases" -lockdown -"stay home"') == [
        Term(("Covid", "19")),
        Term(("new", "cases")),
        Term(("lockdown",), exclude=True),
        Term(("stay", "home"), exclude=True),
    ]
    assert parse_query('"unclosed phrase') == [Term(("unclosed", "phrase"))]


def test_highlight_html_escapes_text():
    snippet = f"<b>{MARK_START}x & y{MARK_END}</b> {MARK_START}stray"
    assert highlight_html(snippet) == "&lt;b&gt;<mark>x &amp; y</mark>&lt;/b&gt; stray"


def test_a_common_word_is_ranked_in_windows_of_its_newest_matches(engine, monkeypatch):
    monkeypatch.setattr(window, "RANK_WINDOW", 6)
    with engine.begin() as conn:
        # stored oldest first; the even ones have "tide" in their title too (ranked higher)
        ids = [add(conn, f"t{n}", "Tide tables" if n % 2 == 0 else "Harbour notes",
                   f"The tide came in at dawn, report {n}. " + FILLER, days_ago=20 - n)
               for n in range(20)]
    newest, older = ids[-6:], ids[-12:-6]
    first = hits(engine, "tide", limit=4)
    assert [h.article.id for h in first] == [newest[4], newest[2], newest[0], newest[5]]
    assert [h.rank for h in first] == sorted((h.rank for h in first), reverse=True)
    assert all(f"{MARK_START}tide{MARK_END}" in h.snippet.lower() for h in first)
    second = hits(engine, "tide", limit=4, offset=4)  # the end of one window, the next's best
    assert [h.article.id for h in second] == [newest[3], newest[1], older[4], older[2]]
    everything = [h.article.id for h in hits(engine, "tide", limit=50)]
    assert everything[:8] == [h.article.id for h in first + second]
    assert sorted(everything) == ids  # every match once, pages never repeat or skip one
    assert hits(engine, "tide", limit=4, offset=20) == []
    assert hits(engine, "tide", source="Nobody") == []


def test_ranked_page_takes_each_window_in_turn(monkeypatch):
    monkeypatch.setattr(window, "RANK_WINDOW", 10)
    asked = []

    def rank(start, skip, take):
        asked.append((start, skip, take))
        matches = 23  # 10, 10 and 3 in the three windows
        return [(start + skip + n, 0.0) for n in range(max(0, min(take, matches - start - skip,
                                                                   10 - skip)))]

    assert [i for i, _ in window.ranked_page(rank, limit=15, offset=8)] == list(range(8, 23))
    assert asked == [(0, 8, 2), (10, 0, 10), (20, 0, 3)]
    asked.clear()
    assert window.ranked_page(rank, limit=5, offset=30) == []
    assert asked == [(30, 0, 5)]


def test_postgresql_keeps_the_search_vector_in_the_row_from_migration_0022(engine):
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite's full-text index is a table of its own")

    def storage() -> str:
        with engine.connect() as conn:
            return conn.execute(sql(
                "SELECT attstorage FROM pg_attribute WHERE attrelid = 'articles'::regclass "
                "AND attname = 'search_vector'")).scalar_one()

    def migrate_to(target: str) -> None:
        with engine.begin() as conn:
            config = Config()
            config.set_main_option("script_location", str(SCRIPT_LOCATION))
            config.attributes["connection"] = conn
            (command.upgrade if target == "head" else command.downgrade)(config, target)

    assert storage() == "m"  # MAIN: out of line only when nothing else makes the row fit
    migrate_to("0021")
    assert storage() == "x"  # EXTENDED, as PostgreSQL makes a tsvector column
    migrate_to("head")
    assert storage() == "m"


def test_postgresql_plans_each_ranking_for_its_own_words(engine):
    """psycopg prepares a statement run 5 times in a transaction (For you runs a search per
    follow); PostgreSQL's plan for any words then ranked every match of a common word (130
    CPU-ms, not 28, at 100,000 articles)."""
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite prepares no plan for any words")
    with engine.begin() as conn:
        for n in range(30):
            add(conn, f"w{n}", f"Harbour notes {n}", f"The tide came in at dawn. {FILLER}")
    with engine.connect() as conn:
        conn.execute(sql("SET LOCAL plan_cache_mode = force_generic_plan"))
        for _ in range(12):
            assert len(search_articles(conn, "tide", limit=5)) == 5
        assert conn.execute(sql("SHOW plan_cache_mode")).scalar_one() == "force_generic_plan"
        plans = conn.execute(sql(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements "
            "WHERE statement LIKE '%ts_rank_cd%'")).all()
    assert plans and all(generic == 0 and custom > 0 for generic, custom in plans), plans
