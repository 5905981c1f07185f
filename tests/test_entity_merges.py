"""Folding one stored entity into another, on SQLite and PostgreSQL: everything that names it
moves, counts stay those of its articles, a reader following both keeps one follow and hears
of no story twice, its page redirects, and a merge killed half-way leaves the old state."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import UTC, date, datetime

from sqlalchemy import Engine, func, select

from readers_kit import make_client, make_user
from test_follows import ZIMBABWE, user_named, zimbabwe_story
from tidings.config import Settings
from tidings.model import EventRecord, NewArticle, QuoteRecord, RoleRecord
from tidings.pipeline.resolving import lookup_keys
from tidings.readers import follows
from tidings.readers.alerts import find_alerts
from tidings.store.articles import save_article
from tidings.store.enrichment import NewEnrichment, save_enrichment
from tidings.store.entities import EntityMention
from tidings.store.entity_merges import merge_entities, merged_into
from tidings.store.schema import (
    article_entities,
    entities,
    entity_events,
    entity_merges,
    entity_roles,
    notified,
    quotes,
)
from tidings.store.schema import follows as follows_table

NOW = datetime(2024, 3, 8, 12, tzinfo=UTC)
MUGABE = ("person:robert mugabe", "Robert Mugabe")
SURNAME = ("person:mugabe", "Mugabe")


def mention(person: tuple[str, str], mentions: int = 1, role: str | None = None
            ) -> EntityMention:
    key, name = person
    return EntityMention(key=key, name=name, type="PERSON", names=(name,),
                         lookup_keys=lookup_keys(name, "PERSON", ()), mentions=mentions,
                         role=role)


def enrich_by_hand(engine: Engine, article_id: int, *people: EntityMention,
                   said: str | None = None, died: str | None = None) -> None:
    """Store an enrichment as older code might have: each of `people` its own entity; a role
    and a quote for each, an event for the key `died`."""
    enrichment = NewEnrichment(
        article_id=article_id,
        entities=people,
        roles=tuple((p.key, RoleRecord(p.role, article_id, 1, "s", NOW)) for p in people
                    if p.role),
        events=tuple((k, EventRecord("arrested", None, date(2024, 3, 1), article_id, 2, "s"))
                     for k in (died,) if k),
        quotes=tuple((p.key, QuoteRecord(said, p.name, None, None, article_id, 3))
                     for p in people if said),
        summary=None,
    )
    with engine.begin() as conn:
        save_enrichment(conn, enrichment, now=NOW)


def articles(engine: Engine, count: int) -> list[int]:
    with engine.begin() as conn:
        return [save_article(conn, NewArticle(
            url=f"https://wire.example/{i}", title=f"Harare report {i}",
            text=f"Report number {i} from Harare.", source="Wire",
            published_at=datetime(2024, 3, i + 1, tzinfo=UTC)), now=NOW).article_id
            for i in range(count)]


def entity_id(engine: Engine, key: str) -> int | None:
    with engine.connect() as conn:
        return conn.execute(select(entities.c.id).where(entities.c.key == key)).scalar()


def snapshot(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    """Every row that refers to an entity, in a stable order."""
    tables = {"entities": select(entities.c.id, entities.c.name, entities.c.article_count,
                                 entities.c.aliases),
              "mentions": select(article_entities),
              "roles": select(entity_roles.c.entity_id, entity_roles.c.article_id,
                              entity_roles.c.role),
              "events": select(entity_events.c.entity_id, entity_events.c.article_id),
              "quotes": select(quotes.c.entity_id, quotes.c.article_id, quotes.c.speaker),
              "follows": select(follows_table.c.user_id, follows_table.c.value,
                                follows_table.c.label),
              "merges": select(entity_merges.c.old_id, entity_merges.c.new_id)}
    with engine.connect() as conn:
        return {name: sorted(tuple(map(str, row)) for row in conn.execute(statement))
                for name, statement in tables.items()}


def two_of_one(engine: Engine) -> tuple[list[int], int, int]:
    """Three articles: the surname alone in the first two (with a role, an arrest and a
    quote in the first), both names in the second, the full name in the third."""
    ids = articles(engine, 3)
    enrich_by_hand(engine, ids[0], mention(SURNAME, 2, "President"), said="We will win.",
                   died=SURNAME[0])
    enrich_by_hand(engine, ids[1], mention(SURNAME, 1), mention(MUGABE, 3, "leader"))
    enrich_by_hand(engine, ids[2], mention(MUGABE, 1, "President"), died=MUGABE[0])
    short, full = entity_id(engine, SURNAME[0]), entity_id(engine, MUGABE[0])
    assert short and full
    return ids, short, full


def merge(engine: Engine, short: int, full: int) -> None:
    with engine.begin() as conn:
        done = merge_entities(conn, short, full, aliases=["Mugabe"], now=NOW)
    assert done is not None and done.articles == 2


def test_a_merge_moves_every_row_that_names_the_entity(engine):
    ids, short, full = two_of_one(engine)
    merge(engine, short, full)
    with engine.connect() as conn:
        [(name, count, aliases)] = conn.execute(
            select(entities.c.name, entities.c.article_count, entities.c.aliases)
            .where(entities.c.type == "PERSON")).all()
        assert (name, count, aliases) == ("Robert Mugabe", 3, ["Mugabe"])
        named = dict(conn.execute(select(article_entities.c.article_id,
                                         article_entities.c.mentions)).all())
        assert named == {ids[0]: 2, ids[1]: 4, ids[2]: 1}  # the article naming both: one row
        assert count == conn.execute(select(func.count()).select_from(article_entities)
                                     .where(article_entities.c.entity_id == full)).scalar()
        for table in (entity_roles, entity_events, quotes):
            owners = set(conn.execute(select(table.c.entity_id)).scalars())
            assert owners == {full}, table.name
        assert len(conn.execute(select(entity_roles)).all()) == 3
        assert merged_into(conn, short) == full and merged_into(conn, full) is None


def test_a_chain_of_merges_leads_the_first_id_to_the_last(engine):
    ids = articles(engine, 3)
    surname, title = ("person:mugabe", "Mugabe"), ("person:president mugabe", "President Mugabe")
    for article_id, person in zip(ids, (surname, title, MUGABE), strict=True):
        enrich_by_hand(engine, article_id, mention(person))
    first, second, last = (entity_id(engine, p[0]) for p in (surname, title, MUGABE))
    with engine.begin() as conn:
        assert merge_entities(conn, first, second, aliases=["Mugabe"], now=NOW)
        assert merge_entities(conn, second, last, aliases=["Mugabe", "President Mugabe"],
                              now=NOW)
        assert merge_entities(conn, first, last, aliases=[], now=NOW) is None  # gone: nothing
    with engine.connect() as conn:
        assert merged_into(conn, first) == last and merged_into(conn, second) == last
        assert conn.execute(select(entities.c.article_count)
                            .where(entities.c.id == last)).scalar() == 3


def test_a_reader_following_both_keeps_one_follow_and_hears_of_no_story_twice(engine):
    settings = Settings(database_url=engine.url.render_as_string(False))  # type: ignore[arg-type]
    [seed] = articles(engine, 1)
    enrich_by_hand(engine, seed, mention(SURNAME), mention(MUGABE))
    short, full = entity_id(engine, SURNAME[0]), entity_id(engine, MUGABE[0])
    make_user(engine, "alice")
    make_user(engine, "bob")
    alice, bob = user_named(engine, "alice"), user_named(engine, "bob")
    for value in (short, full):
        follows.follow(engine, alice, "entity", str(value))
    follows.follow(engine, bob, "entity", str(short))

    [first] = zimbabwe_story(engine, titles=ZIMBABWE[:1])
    enrich_by_hand(engine, first, mention(SURNAME))
    assert find_alerts(engine, settings) == 2  # alice and bob, through their "Mugabe" follows
    with engine.begin() as conn:
        assert merge_entities(conn, short, full, aliases=["Mugabe"], now=NOW)
    assert [(f.value, f.label) for f in follows.list_follows(engine, alice)] == [
        (str(full), "Robert Mugabe")]
    assert [(f.value, f.label) for f in follows.list_follows(engine, bob)] == [
        (str(full), "Robert Mugabe")]

    [second] = zimbabwe_story(engine, titles=ZIMBABWE[1:2])
    enrich_by_hand(engine, second, mention(MUGABE))
    assert find_alerts(engine, settings) == 0  # the same story: both heard of it already
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(notified)).scalar() == 2
    assert follows.follow(engine, alice, "entity", str(short)).value == str(full)


def test_the_merged_entity_page_redirects_permanently_to_the_person(engine):
    _, short, full = two_of_one(engine)
    merge(engine, short, full)
    client = make_client(engine)
    page = client.get(f"/entities/{short}", follow_redirects=False)
    assert page.status_code == 301 and page.headers["location"] == f"/entities/{full}"
    landed = client.get(f"/entities/{short}")
    assert landed.status_code == 200 and "Robert Mugabe" in landed.text
    feed = client.get(f"/entities/{short}/feed.atom", follow_redirects=False)
    assert feed.status_code == 301
    assert feed.headers["location"] == f"/entities/{full}/feed.atom"
    assert client.get(f"/api/entities/{short}").json()["id"] == full
    assert client.get("/entities/424242").status_code == 404


_KILLED_MERGE = """
import sys, time
from datetime import UTC, datetime
from tidings.store.engine import make_engine
from tidings.store.entity_merges import merge_entities
engine = make_engine(sys.argv[1])
with engine.begin() as conn:
    assert merge_entities(conn, int(sys.argv[2]), int(sys.argv[3]), aliases=["Mugabe"],
                          now=datetime.now(UTC))
    print("merged", flush=True)
    time.sleep(600)
"""


def test_a_merge_killed_before_it_commits_leaves_everything_as_it_was(engine):
    _, short, full = two_of_one(engine)
    make_user(engine, "alice")
    follows.follow(engine, user_named(engine, "alice"), "entity", str(short))
    before = snapshot(engine)
    process = subprocess.Popen(
        [sys.executable, "-c", _KILLED_MERGE, engine.url.render_as_string(False), str(short),
         str(full)], stdout=subprocess.PIPE, text=True, env={**os.environ})
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == "merged"
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    assert snapshot(engine) == before
    merge(engine, short, full)  # and run again, it is done
    after = snapshot(engine)
    assert after["merges"] == [(str(short), str(full))]
    assert after["follows"] == [("1", str(full), "Robert Mugabe")]
