"""Stories end to end on both databases: near-duplicates, clustering, pages, API and CLI.

The articles are real Wikinews reports from the shipped demo corpus (CC BY 2.5), given to
different outlets so that each event is covered by several.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import insert, update
from typer.testing import CliRunner

from story_checks import assert_story_invariants
from tidings import pipeline
from tidings.cli import app as cli_app
from tidings.config import Settings
from tidings.demo.corpus import CORPUS_PATH
from tidings.ingest.files import article_from_record
from tidings.pipeline.articles import save
from tidings.pipeline.common import utcnow
from tidings.server import create_app
from tidings.store import articles as article_store
from tidings.store import follows as follow_store
from tidings.store import stories as story_store
from tidings.store.schema import articles, story_merges

ZIMBABWE = ["MDC may pull out of Zimbabwe election", "MDC pulls out of Zimbabwe elections",
            "Mugabe: There will be an election in Zimbabwe"]
KOREA = ["North Korea claims it has conducted a nuclear test",
         "Russia estimates larger yield for N. Korea nuclear test",
         "North Korean official warns U.S. that the DPRK may fire a nuclear missile"]
WIKINEWS = Path(__file__).parent / "fixtures" / "wikinews-2005-2008.jsonl.gz"
OUTLETS = ["Harbour Times", "Valley Courier", "The Northern Ledger"]


@pytest.fixture(scope="module")
def corpus() -> dict[str, dict]:
    wanted = set(ZIMBABWE + KOREA)
    with gzip.open(WIKINEWS, "rt", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    return {r["title"]: r for r in records if r["title"] in wanted}


@pytest.fixture
def settings(db_url):
    return Settings(database_url=db_url)


@pytest.fixture
def clustered(engine, settings, corpus):
    ids = {}
    for titles in (ZIMBABWE, KOREA):
        for title, outlet in zip(titles, OUTLETS, strict=True):
            record = {**corpus[title], "source": outlet}
            ids[title] = save(engine, article_from_record(record), utcnow()).article_id
    original = article_from_record({**corpus[KOREA[0]], "source": "Wire Service"})
    copy = replace(
        original, title="Pyongyang says it carried out an atomic test", url="https://copy.example/nk",
        source="Coastal Gazette", external_id="copy-1",
        text=original.text + "\n\nThis report was provided by a news agency.",
    )
    ids["copy"] = save(engine, copy, utcnow()).article_id
    report = pipeline.cluster_pending(engine, settings)
    assert report.clustered == 7
    assert_story_invariants(engine)
    return ids


def story_of(engine, article_id):
    with engine.connect() as conn:
        return article_store.get_article(conn, article_id)


def test_events_become_stories_and_copies_are_linked(engine, clustered):
    zimbabwe = {story_of(engine, clustered[t]).story_id for t in ZIMBABWE}
    korea = {story_of(engine, clustered[t]).story_id for t in KOREA}
    assert len(zimbabwe) == 1 and len(korea) == 1 and zimbabwe != korea
    copy = story_of(engine, clustered["copy"])
    assert copy.duplicate_of == clustered[KOREA[0]]
    assert copy.duplicate_similarity is not None and copy.duplicate_similarity >= 0.4
    assert copy.story_id in korea
    with engine.connect() as conn:
        story = story_store.get_story(conn, korea.pop())
    assert story is not None
    assert (story.article_count, story.source_count) == (4, 4)
    assert story.first_source == "Harbour Times"


def test_rebuilding_a_window_gives_the_same_stories_and_counts(engine, settings, clustered):
    with engine.connect() as conn:
        before = (story_store.articles_in_stories(conn), story_store.load_term_frequencies(conn))
    pipeline.rebuild_stories(engine, settings, since=datetime(2008, 1, 1, tzinfo=UTC))
    with engine.connect() as conn:
        after = (story_store.articles_in_stories(conn), story_store.load_term_frequencies(conn))
    assert after == before
    assert_story_invariants(engine)


def test_clustering_twice_changes_nothing_and_rebuild_gives_the_same(engine, settings,
                                                                     clustered):
    assert pipeline.cluster_pending(engine, settings).clustered == 0
    with engine.connect() as conn:
        before = story_store.articles_in_stories(conn)
    pipeline.rebuild_stories(engine, settings, since=None)
    with engine.connect() as conn:
        after = story_store.articles_in_stories(conn)
    assert before == after
    assert_story_invariants(engine)


def test_pages_and_api_show_coverage(engine, settings, clustered):
    korea_id = story_of(engine, clustered[KOREA[0]]).story_id
    with TestClient(create_app(settings, engine=engine)) as client:
        home = client.get("/").text
        assert "Top stories" in home and "Full coverage" in home
        assert home.count("Pyongyang says it carried out an atomic test") == 0  # copy folded
        latest = home[home.index('id="latest-title"'):]
        assert "Coastal Gazette" in latest, "a folded article's copies are still named"
        page = client.get(f"/articles/{clustered[KOREA[0]]}").text
        assert "Related coverage" in page
        assert all(title in page for title in KOREA[1:])
        story = client.get(f"/stories/{korea_id}").text
        assert "<svg" in story and "Who covered it" in story
        assert all(outlet in story for outlet in OUTLETS)
        assert client.get("/stories/999999").status_code == 404
        listed = client.get("/api/stories").json()
        assert listed["total"] == 2
        detail = client.get(f"/api/stories/{korea_id}").json()
        assert {a["title"] for a in detail["articles"]} >= set(KOREA)
        related = client.get(f"/api/articles/{clustered[KOREA[0]]}/related").json()
        assert related["story_id"] == korea_id
        assert [i["relation"] for i in related["items"]][:2] == ["same-story", "same-story"]
        assert client.get("/api/articles/999999/related").status_code == 404


def test_cli_import_clusters_before_it_returns(db_url, corpus, tmp_path, monkeypatch):
    monkeypatch.setenv("TIDINGS_DATABASE_URL", db_url)
    path = tmp_path / "a.jsonl"
    lines = [json.dumps({**corpus[t], "id": f"ext-{n}", "source": OUTLETS[n % 3]})
             for n, t in enumerate(ZIMBABWE + KOREA)]
    path.write_text("\n".join(lines) + "\n")
    runner = CliRunner()
    assert runner.invoke(cli_app, ["init"]).exit_code == 0
    assert runner.invoke(cli_app, ["import", str(path)]).exit_code == 0
    result = runner.invoke(cli_app, ["stories", "export", "--jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    story = {row["id"]: row["story"] for row in rows}
    assert set(story) == {f"ext-{n}" for n in range(6)}
    assert story["ext-0"] == story["ext-1"] == story["ext-2"]
    assert story["ext-3"] == story["ext-4"] == story["ext-5"] != story["ext-0"]
    listed = runner.invoke(cli_app, ["stories", "list", "--json"])
    assert len(listed.stdout.splitlines()) == 2


def test_only_one_process_clusters_at_a_time(engine, settings):
    from tidings.store.locks import acquire_lock

    with engine.begin() as conn:
        assert acquire_lock(conn, "cluster", "other-host:1", now=utcnow(), seconds=60)
    assert pipeline.cluster_pending(engine, settings).busy


def test_corpus_path_is_shipped():
    assert Path(CORPUS_PATH).is_file()


def test_a_story_across_batches_and_runs_keeps_every_article(engine, settings, corpus):
    """Regression: updating a story in a later batch or run used to delete and re-insert its
    row, and `articles.story_id ON DELETE SET NULL` cut loose every earlier article."""
    ids = []
    for title, outlet in zip(ZIMBABWE[:2], OUTLETS, strict=False):
        ids.append(save(engine, article_from_record({**corpus[title], "source": outlet}),
                        utcnow()).article_id)
    assert pipeline.cluster_pending(engine, settings, batch=1).clustered == 2
    record = {**corpus[ZIMBABWE[2]], "source": OUTLETS[2]}
    ids.append(save(engine, article_from_record(record), utcnow()).article_id)
    assert pipeline.cluster_pending(engine, settings).clustered == 1
    story_ids = {story_of(engine, i).story_id for i in ids}
    assert len(story_ids) == 1 and None not in story_ids
    with engine.connect() as conn:
        story = story_store.get_story(conn, story_ids.pop())
        assert story is not None
        members = story_store.story_members(conn, story.id)
    assert story.article_count == len(members) == 3
    assert story.source_count == 3
    assert_story_invariants(engine)


def test_doctor_reports_broken_stories_and_repair_mends_them(engine, settings, clustered,
                                                           db_url, monkeypatch):
    """The damage the delete-and-insert update left behind: an article cut loose with its
    story still counting it, a merged id leading nowhere. doctor says so; --repair mends it."""
    loose = clustered[KOREA[1]]
    korea_id = story_of(engine, clustered[KOREA[0]]).story_id
    zimbabwe_id = story_of(engine, clustered[ZIMBABWE[0]]).story_id
    with engine.begin() as conn:
        conn.execute(update(articles).where(articles.c.id == loose).values(story_id=None))
        conn.execute(insert(story_merges).values(old_id=clustered[ZIMBABWE[1]], new_id=424242))
    with engine.connect() as conn:
        frequencies = story_store.load_term_frequencies(conn)
    monkeypatch.setenv("TIDINGS_DATABASE_URL", db_url)
    runner = CliRunner()
    checked = runner.invoke(cli_app, ["doctor"])
    assert checked.exit_code == 1, checked.output
    assert "1 clustered articles in no story" in checked.output
    assert f"article {loose}" in checked.output
    assert f"story {korea_id}: articles 4 (members say 3)" in checked.output
    assert "1 merged story ids that lead to no live story" in checked.output

    repaired = runner.invoke(cli_app, ["doctor", "--repair"])
    assert repaired.exit_code == 0, repaired.output
    assert "1 articles filed again" in repaired.output
    assert "every invariant holds" in repaired.output
    assert_story_invariants(engine)
    assert story_of(engine, loose).story_id == korea_id
    with engine.connect() as conn:
        assert story_store.get_story(conn, korea_id).article_count == 4
        assert story_store.resolve_story_id(conn, clustered[ZIMBABWE[1]]) == zimbabwe_id
    assert runner.invoke(cli_app, ["doctor"]).exit_code == 0
    with engine.connect() as conn:  # the article filed again is counted once
        assert story_store.load_term_frequencies(conn) == frequencies


def test_a_copy_joins_its_original_story_under_another_headline(engine, settings, clustered,
                                                                corpus):
    """A wire copy republished under another event's headline, with that event's reports
    appended, is still a copy of its original (most of its text is), so it is filed there."""
    original = article_from_record({**corpus[KOREA[0]], "source": "Wire Service"})
    extra = " ".join(corpus[t]["text"] for t in ZIMBABWE)[: len(original.text) * 4 // 5]
    copy = replace(original, title=ZIMBABWE[1], url="https://copy.example/z", source="Gazette",
                   external_id="copy-2", text=original.text + "\n\n" + extra)
    copy_id = save(engine, copy, utcnow()).article_id
    assert pipeline.cluster_pending(engine, settings).clustered == 1
    filed = story_of(engine, copy_id)
    assert filed.duplicate_of == clustered[KOREA[0]]
    assert filed.story_id == story_of(engine, clustered[KOREA[0]]).story_id
    assert_story_invariants(engine)


def test_a_followed_story_keeps_matching_once_merged(engine, clustered):
    zimbabwe_id = story_of(engine, clustered[ZIMBABWE[0]]).story_id
    korea_id = story_of(engine, clustered[KOREA[0]]).story_id
    with engine.begin() as conn:
        story_store.merge_stories(conn, {zimbabwe_id: korea_id})
    with engine.connect() as conn:
        found = follow_store.matching_ids(conn, "story", str(zimbabwe_id), among=None,
                                          since=None, limit=20)
    assert set(found) == {clustered[t] for t in ZIMBABWE + KOREA} | {clustered["copy"]}


def test_a_rebuild_leads_a_story_that_changed_founder_to_its_new_id(engine, settings, corpus):
    """An older report arriving late joins the story; a rebuild files it first, so the story
    takes its id: the old id (links, follows) leads to the rebuilt story."""
    def add(title: str, outlet: str) -> int:
        record = {**corpus[title], "source": outlet}
        return save(engine, article_from_record(record), utcnow()).article_id

    later = [add(title, outlet) for title, outlet in zip(ZIMBABWE[1:], OUTLETS, strict=False)]
    pipeline.cluster_pending(engine, settings)
    old_id = story_of(engine, later[0]).story_id
    earliest = add(ZIMBABWE[0], OUTLETS[2])
    pipeline.cluster_pending(engine, settings)
    assert story_of(engine, earliest).story_id == old_id
    pipeline.rebuild_stories(engine, settings, since=None)
    new_id = story_of(engine, earliest).story_id
    assert new_id == earliest != old_id
    assert {story_of(engine, i).story_id for i in later} == {new_id}
    with engine.connect() as conn:
        assert story_store.resolve_story_id(conn, old_id) == new_id
    assert_story_invariants(engine)

