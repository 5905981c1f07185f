"""Each outlet's article count and newest time (`sources`, kept by triggers on `articles`)
stay equal to its articles through saves, upgrades, merges, deletes and the 0016 migration,
on SQLite and PostgreSQL; `tidings doctor` finds a breach and `--repair` mends it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from alembic import command
from alembic.config import Config
from sqlalchemy import delete, func, select, update
from typer.testing import CliRunner

from tidings.cli import app
from tidings.config import Settings
from tidings.model import NewArticle, SourceCount
from tidings.pipeline.clustering import cluster_pending
from tidings.store import articles as article_store
from tidings.store import invariants
from tidings.store import stories as story_store
from tidings.store.engine import SCRIPT_LOCATION
from tidings.store.schema import articles, sources

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def save(engine, number: int, source: str, *, hours_ago: float = 0, headline_only=False,
         text: str | None = None) -> int:
    article = NewArticle(
        url=f"https://{source.lower()}.example/{number}", title=f"Harbour vote {number}",
        text="" if headline_only else (text or f"The harbour town voted on item {number}."),
        source=source, published_at=NOW - timedelta(hours=hours_ago),
        fingerprint=None if headline_only else f"fp-{source}-{number}",
        headline_only=headline_only)
    with engine.begin() as conn:
        return article_store.save_article(conn, article, now=NOW).article_id


def listed(engine) -> list[SourceCount]:
    with engine.connect() as conn:
        assert invariants.miscounted_sources(conn) == []
        return article_store.list_sources(conn)


def test_counts_follow_saves_and_ignore_repeats(engine):
    save(engine, 1, "Daily", hours_ago=5)
    save(engine, 2, "Daily", hours_ago=1)
    save(engine, 3, "Weekly", hours_ago=3)
    save(engine, 1, "Daily", hours_ago=5)  # the same URL again: no new article
    assert listed(engine) == [
        SourceCount("Daily", 2, NOW - timedelta(hours=1)),
        SourceCount("Weekly", 1, NOW - timedelta(hours=3)),
    ]
    with engine.connect() as conn:
        assert article_store.count_articles(conn) == 3
        assert article_store.count_articles(conn, source="Daily") == 2
        assert article_store.count_articles(conn, source="Nobody") == 0
        assert article_store.several_sources(conn)


def test_an_upgraded_headline_counts_once(engine):
    first = save(engine, 1, "Wire", headline_only=True)
    assert save(engine, 1, "Wire", text="The full text of the harbour vote.") == first
    assert listed(engine) == [SourceCount("Wire", 1, NOW)]


def test_deletes_and_moves_recount_the_outlet(engine):
    old = save(engine, 1, "Daily", hours_ago=9)
    newest = save(engine, 2, "Daily", hours_ago=1)
    save(engine, 3, "Weekly", hours_ago=4)
    with engine.begin() as conn:
        conn.execute(delete(articles).where(articles.c.id == newest))
    assert listed(engine) == [SourceCount("Daily", 1, NOW - timedelta(hours=9)),
                              SourceCount("Weekly", 1, NOW - timedelta(hours=4))]
    with engine.begin() as conn:
        conn.execute(update(articles).where(articles.c.id == old)
                     .values(source="Weekly", sort_at=NOW))
    assert listed(engine) == [SourceCount("Weekly", 2, NOW)]  # no outlet left at 0
    with engine.begin() as conn:
        conn.execute(delete(articles))
    assert listed(engine) == []


def test_story_merges_leave_the_counts_alone(engine, tmp_path):
    for number in range(4):
        save(engine, number, ("Daily", "Weekly")[number % 2], hours_ago=number,
             text=f"Storm {'Ada' if number < 2 else 'Brea'} closes the harbour, item {number}.")
    cluster_pending(engine, Settings(database_url=str(engine.url)))
    with engine.connect() as conn:
        told = sorted(set(conn.execute(select(articles.c.story_id)).scalars()))
    before = listed(engine)
    with engine.begin() as conn:
        story_store.merge_stories(conn, {told[0]: told[-1]} if len(told) > 1 else {})
    assert listed(engine) == before == [SourceCount("Daily", 2, NOW),
                                        SourceCount("Weekly", 2, NOW - timedelta(hours=1))]


def test_doctor_finds_a_wrong_count_and_repair_mends_it(engine):
    save(engine, 1, "Daily")
    save(engine, 2, "Weekly", hours_ago=2)
    with engine.begin() as conn:
        conn.execute(update(sources).where(sources.c.name == "Daily").values(articles=7))
        conn.execute(delete(sources).where(sources.c.name == "Weekly"))
    runner = CliRunner()
    checked = runner.invoke(app, ["--database-url", str(engine.url.render_as_string(
        hide_password=False)), "doctor"])
    assert checked.exit_code == 1
    assert "2 outlets whose article count or newest time disagree" in checked.output
    assert "'Daily': 7 articles" in checked.output
    repaired = runner.invoke(app, ["--database-url", str(engine.url.render_as_string(
        hide_password=False)), "doctor", "--repair"])
    assert repaired.exit_code == 0, repaired.output
    assert "2 outlets' counts mended" in repaired.output
    assert listed(engine) == [SourceCount("Daily", 1, NOW),
                              SourceCount("Weekly", 1, NOW - timedelta(hours=2))]


def test_migration_0016_counts_the_articles_already_stored(engine):
    def migrate_to(target: str) -> None:
        with engine.begin() as conn:
            config = Config()
            config.set_main_option("script_location", str(SCRIPT_LOCATION))
            config.attributes["connection"] = conn
            (command.downgrade if target != "head" else command.upgrade)(config, target)

    migrate_to("0015")
    for number in range(3):
        save(engine, number, "Daily", hours_ago=number)
    save(engine, 9, "Weekly", hours_ago=6)
    migrate_to("head")
    assert listed(engine) == [SourceCount("Daily", 3, NOW),
                              SourceCount("Weekly", 1, NOW - timedelta(hours=6))]
    save(engine, 10, "Weekly")  # the triggers count from here on
    with engine.connect() as conn:
        assert conn.execute(select(func.sum(sources.c.articles))).scalar_one() == 5
