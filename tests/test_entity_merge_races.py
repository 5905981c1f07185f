"""Entity merges beside other enrichment processes: an article resolved to a person just
before a merge folds that person into another is stored once, under the survivor, with no
mention, role, event or quote lost or doubled, and `tidings doctor` finds nothing wrong."""

from __future__ import annotations

import threading
import time
from datetime import date

import pytest
from sqlalchemy import Connection, Engine, func, select, text
from typer.testing import CliRunner

from test_entity_merges import MUGABE, NOW, SURNAME, articles, enrich_by_hand, entity_id, mention
from tidings.cli import app as cli_app
from tidings.model import EventRecord, QuoteRecord, RoleRecord
from tidings.pipeline.entity_merging import recount_unnamed
from tidings.store.enrichment import NewEnrichment, save_enrichment
from tidings.store.entity_merges import merge_entities
from tidings.store.schema import (
    article_entities,
    entities,
    entity_events,
    entity_merges,
    entity_roles,
    quotes,
)


def resolved_before_the_merge(article_id: int) -> NewEnrichment:
    """An article resolved while "Mugabe" was still his own entity: both names, the same
    role for each in one sentence, an arrest and a quote of the surname's."""
    return NewEnrichment(
        article_id=article_id,
        entities=(mention(SURNAME, 2), mention(MUGABE, 1)),
        roles=tuple((key, RoleRecord("President", article_id, 1, "s", NOW))
                    for key in (SURNAME[0], MUGABE[0])),
        events=((SURNAME[0], EventRecord("arrested", None, date(2024, 3, 1), article_id, 2,
                                         "s")),),
        quotes=((SURNAME[0], QuoteRecord("We will win.", "Mugabe", None, None, article_id,
                                         3)),),
        summary=None,
    )


def two_people(engine: Engine) -> tuple[int, int, int]:
    """The surname and the full name in an article each, and a third article to store;
    (the third article, the surname's id, the full name's)."""
    ids = articles(engine, 3)
    enrich_by_hand(engine, ids[0], mention(SURNAME, 1, "President"))
    enrich_by_hand(engine, ids[1], mention(MUGABE, 1))
    short, full = entity_id(engine, SURNAME[0]), entity_id(engine, MUGABE[0])
    assert short and full
    return ids[2], short, full


def merge_in(conn: Connection, short: int, full: int) -> None:
    assert merge_entities(conn, short, full, aliases=["Mugabe"], now=NOW) is not None


def assert_stored_once_under(engine: Engine, article_id: int, full: int, db_url: str,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    with engine.connect() as conn:
        assert entity_id(engine, SURNAME[0]) is None  # not made again
        assert conn.execute(select(article_entities.c.entity_id, article_entities.c.mentions)
                            .where(article_entities.c.article_id == article_id)).all() == [
            (full, 3)]
        assert conn.execute(select(entity_roles.c.entity_id, entity_roles.c.role)
                            .where(entity_roles.c.article_id == article_id)).all() == [
            (full, "President")]
        for table in (entity_events, quotes):
            assert conn.execute(select(table.c.entity_id)
                                .where(table.c.article_id == article_id)).all() == [(full,)]
        count = conn.execute(select(entities.c.article_count)
                             .where(entities.c.id == full)).scalar()
        assert count == conn.execute(select(func.count()).select_from(article_entities)
                                     .where(article_entities.c.entity_id == full)).scalar()
        assert count == 3
        assert conn.execute(select(entity_merges.c.key)).scalars().all() == [SURNAME[0]]
    monkeypatch.setenv("TIDINGS_DATABASE_URL", db_url)
    checked = CliRunner().invoke(cli_app, ["doctor"])
    assert checked.exit_code == 0, checked.output


def test_an_article_resolved_before_a_merge_and_stored_after_it_names_the_survivor(
        engine, db_url, monkeypatch):
    article_id, short, full = two_people(engine)
    stale = resolved_before_the_merge(article_id)
    with engine.begin() as other:  # another process merges, and commits
        merge_in(other, short, full)
    with engine.begin() as conn:
        save_enrichment(conn, stale, now=NOW)
    assert_stored_once_under(engine, article_id, full, db_url, monkeypatch)


def waiting_on_a_lock(engine: Engine) -> bool:
    """Whether another session of this database waits on a lock (PostgreSQL)."""
    with engine.connect() as conn:
        return bool(conn.execute(text(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            " AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()")).scalar())


def run_beside(work: object) -> tuple[threading.Thread, list[BaseException]]:
    errors: list[BaseException] = []

    def target() -> None:
        try:
            work()  # type: ignore[operator]
        except BaseException as exc:  # the test thread re-raises it
            errors.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    return thread, errors


def wait_until_blocked(engine: Engine, thread: threading.Thread) -> None:
    deadline = time.monotonic() + 20
    while not waiting_on_a_lock(engine):
        assert thread.is_alive() and time.monotonic() < deadline, "it did not wait"
        time.sleep(0.05)


@pytest.mark.parametrize("db_url", [pytest.param("postgresql", marks=pytest.mark.postgres)],
                         indirect=True)
def test_a_store_during_a_merge_waits_for_it_then_names_the_survivor(engine, db_url,
                                                                     monkeypatch):
    article_id, short, full = two_people(engine)
    stale = resolved_before_the_merge(article_id)
    with engine.connect() as merging:
        transaction = merging.begin()
        merge_in(merging, short, full)

        def store() -> None:
            with engine.begin() as conn:
                save_enrichment(conn, stale, now=NOW)

        thread, errors = run_beside(store)
        wait_until_blocked(engine, thread)
        transaction.commit()
    thread.join(timeout=30)
    assert not thread.is_alive() and errors == []
    assert_stored_once_under(engine, article_id, full, db_url, monkeypatch)


@pytest.mark.parametrize("db_url", [pytest.param("postgresql", marks=pytest.mark.postgres)],
                         indirect=True)
def test_a_merge_during_a_store_waits_for_it_then_moves_the_article(engine, db_url,
                                                                    monkeypatch):
    article_id, short, full = two_people(engine)
    with engine.connect() as storing:
        transaction = storing.begin()
        save_enrichment(storing, resolved_before_the_merge(article_id), now=NOW)

        def merge() -> None:
            with engine.begin() as conn:
                merge_in(conn, short, full)

        thread, errors = run_beside(merge)
        wait_until_blocked(engine, thread)
        transaction.commit()
    thread.join(timeout=30)
    assert not thread.is_alive() and errors == []
    assert_stored_once_under(engine, article_id, full, db_url, monkeypatch)



@pytest.mark.parametrize("db_url", [pytest.param("postgresql", marks=pytest.mark.postgres)],
                         indirect=True)
def test_a_recount_during_a_store_naming_its_person_waits_and_deletes_nothing(
        engine, db_url, monkeypatch):
    """`tidings doctor --repair` recounts the entities no article names (and deletes them)
    while another process stores an article naming one: the recount waits for the store and
    then leaves the person and its new article alone."""
    article_id, short, _ = two_people(engine)
    with engine.begin() as conn:  # the surname's one article forgets it (a crash of old)
        conn.execute(article_entities.delete().where(article_entities.c.entity_id == short))
    later = NewEnrichment(article_id=article_id, entities=(mention(SURNAME, 2),), roles=(),
                          events=(), quotes=(), summary=None)
    recounted: list[int] = []
    with engine.connect() as storing:
        transaction = storing.begin()
        save_enrichment(storing, later, now=NOW)

        def repair() -> None:
            with engine.begin() as conn:
                recounted.extend(recount_unnamed(conn))

        thread, errors = run_beside(repair)
        wait_until_blocked(engine, thread)
        transaction.commit()
    thread.join(timeout=30)
    assert not thread.is_alive() and errors == [] and short not in recounted
    with engine.connect() as conn:
        assert conn.execute(select(article_entities.c.entity_id, article_entities.c.mentions)
                            .where(article_entities.c.article_id == article_id)).all() == [
            (short, 2)]
        assert conn.execute(select(entities.c.article_count)
                            .where(entities.c.id == short)).scalar() == 1
