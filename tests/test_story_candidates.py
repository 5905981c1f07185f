"""Clustering's candidate lookup on both databases: the newest `per_key` stories under each
key, read from one index range per key, are the stories the unbounded lookup (every posting
of a key, sorted, cut per key) found; stories refiled later move up; the migrations file the
keys already stored with their story's time, and under integer key ids (and back)."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, Integer, Text, bindparam, text

from tidings.model import Story
from tidings.store import stories as story_store
from tidings.store.engine import SCRIPT_LOCATION
from tidings.store.types import UTCDateTime

START = datetime(2026, 1, 1, tzinfo=UTC)
KEYS = [f"t:word{n}" for n in range(24)]


def _write(story_id: int, last_seen: datetime, keys: Sequence[str]) -> story_store.StoryWrite:
    story = Story(id=story_id, title=f"Story {story_id}", label="", first_seen_at=START,
                  last_seen_at=last_seen, first_source="Wire", article_count=1,
                  source_count=1)
    record = {"vector_sum": b"", "title_sum": b"", "headline_vectors": b""}
    return story_store.StoryWrite(story, record, tuple(keys))


def _unbounded(filed: dict[int, tuple[datetime, tuple[str, ...]]], keys: Sequence[str],
               since: datetime, per_key: int) -> list[int]:
    """The lookup as it was: every posting of the keys, newest first, cut at `per_key` per
    key (in Python, over what was written)."""
    postings = sorted(((at, story_id, key) for story_id, (at, filed_keys) in filed.items()
                       for key in filed_keys if key in keys and at >= since), reverse=True)
    taken: dict[str, int] = {}
    found: dict[int, None] = {}
    for _, story_id, key in postings:
        if taken.get(key, 0) < per_key:
            taken[key] = taken.get(key, 0) + 1
            found[story_id] = None
    return list(found)


def test_the_bounded_lookup_finds_what_the_unbounded_one_did(engine: Engine):
    rng = random.Random(5)
    weights = [1 / (rank + 1) for rank in range(len(KEYS))]  # a few keys file most stories
    filed: dict[int, tuple[datetime, tuple[str, ...]]] = {}
    for story_id in range(1, 401):
        at = START + timedelta(hours=rng.randrange(200))  # many stories share a time
        filed[story_id] = (at, tuple(set(rng.choices(KEYS, weights, k=5))))
    for story_id in rng.sample(sorted(filed), 80):  # refiled: later, under other keys
        filed[story_id] = (START + timedelta(hours=rng.randrange(150, 260)),
                           tuple(set(rng.choices(KEYS, weights, k=5))))
    with engine.begin() as conn:
        story_store.save_stories(conn, [_write(i, *filed[i]) for i in range(1, 401)], now=START)
        story_store.save_stories(conn, [_write(i, *filed[i]) for i in sorted(filed)[::5]],
                                 now=START)
    busiest = sum(KEYS[0] in keys for _, keys in filed.values())
    assert busiest > 100  # far more postings under a common key than any cut takes
    with engine.connect() as conn:
        for trial in range(40):
            keys = rng.sample(KEYS, rng.randrange(1, 9))
            since = START + timedelta(hours=rng.choice([0, 60, 180]))
            per_key = rng.choice([1, 3, 24])
            got = story_store.story_ids_for_keys(conn, keys, since=since, per_key=per_key)
            assert got == _unbounded(filed, keys, since, per_key), (trial, keys, per_key)
            assert got  # something to compare: every trial's keys file stories


def test_a_refiled_story_is_found_under_its_keys_of_now(engine: Engine):
    with engine.begin() as conn:
        story_store.save_stories(conn, [_write(i, START + timedelta(hours=i), ["t:dam"])
                                        for i in range(1, 6)], now=START)
        story_store.save_stories(conn, [_write(1, START + timedelta(hours=9), ["t:dam", "e:Ona"])],
                                 now=START)
    with engine.connect() as conn:
        newest = story_store.story_ids_for_keys(conn, ["t:dam"], since=START, per_key=2)
        named = story_store.story_ids_for_keys(conn, ["e:Ona", "t:dam", "e:Ona"], since=START,
                                               per_key=2)
        later = story_store.story_ids_for_keys(conn, ["t:dam"],
                                               since=START + timedelta(hours=10), per_key=2)
    assert newest == [1, 5]
    assert named == [1, 5]
    assert later == []


def _migrate(engine: Engine, revision: str) -> None:
    with engine.begin() as conn:
        config = Config()
        config.set_main_option("script_location", str(SCRIPT_LOCATION))
        config.attributes["connection"] = conn
        (command.upgrade if revision == "head" else command.downgrade)(config, revision)


def test_the_migration_files_stored_keys_with_their_story_time(engine: Engine):
    _migrate(engine, "0018")
    with engine.begin() as conn:  # only the columns 0018 has
        for story_id, hours in ((1, 5), (2, 1), (3, 3)):
            conn.execute(text(
                "INSERT INTO stories (id, title, label, first_seen_at, last_seen_at,"
                " first_source, article_count, source_count, state, vector_sum, title_sum,"
                " headline_vectors, updated_at) VALUES (:id, 'S', '', :at, :at, 'Wire', 1, 1,"
                " '{}', :blob, :blob, :blob, :at)"),
                {"id": story_id, "at": START + timedelta(hours=hours), "blob": b""})
            conn.execute(text("INSERT INTO story_keys (key, story_id) VALUES ('t:dam', :id)"),
                         {"id": story_id})
    _migrate(engine, "head")
    with engine.connect() as conn:
        found = story_store.story_ids_for_keys(conn, ["t:dam"], since=START, per_key=2)
    assert found == [1, 3]


def _postings(engine: Engine, statement: str) -> list[tuple[str, int, datetime]]:
    """(key, story id, time) of every posting `statement` reads, in order."""
    typed = text(statement).columns(key=Text, story_id=Integer, last_seen_at=UTCDateTime)
    with engine.connect() as conn:
        return sorted((key, story_id, at) for key, story_id, at in conn.execute(typed))


def test_the_key_ids_migration_keeps_every_posting_and_goes_back(engine: Engine):
    _migrate(engine, "0020")
    filed = {1: ["t:dam", "e:Ona"], 2: ["t:dam"], 3: ["e:Ona", "t:vote", "t:dam"]}
    with engine.begin() as conn:  # the text-keyed table 0020 has
        for story_id, keys in filed.items():
            at = START + timedelta(hours=story_id)
            conn.execute(text(
                "INSERT INTO stories (id, title, label, first_seen_at, last_seen_at,"
                " first_source, article_count, source_count, state, vector_sum, title_sum,"
                " headline_vectors, updated_at) VALUES (:id, 'S', '', :at, :at, 'Wire', 1, 1,"
                " '{}', :blob, :blob, :blob, :at)"),
                {"id": story_id, "at": at, "blob": b""})
            for key in keys:
                conn.execute(text("INSERT INTO story_keys (key, story_id, last_seen_at)"
                                  " VALUES (:key, :id, :at)").bindparams(
                                      bindparam("at", type_=UTCDateTime)),
                             {"key": key, "id": story_id, "at": at})
    before = _postings(engine, "SELECT key, story_id, last_seen_at FROM story_keys")
    _migrate(engine, "head")
    after = _postings(engine, "SELECT b.key, k.story_id, k.last_seen_at FROM story_keys k"
                              " JOIN blocking_keys b ON b.id = k.key_id")
    with engine.connect() as conn:
        known = sorted(conn.execute(text("SELECT key FROM blocking_keys")).scalars())
        newest = story_store.story_ids_for_keys(conn, ["t:dam"], since=START, per_key=2)
        near = story_store.similar_stories(conn, 3, limit=5)
    assert after == before and len(after) == 6
    assert known == ["e:Ona", "t:dam", "t:vote"]  # each key once
    assert newest == [3, 2]
    assert near == [1]  # shares "t:dam" and "e:Ona"; story 2 only one key
    with engine.begin() as conn:  # a story refiled under a new key gives the key an id
        story_store.save_stories(conn, [_write(2, START + timedelta(hours=9),
                                               ["t:dam", "t:flood"])], now=START)
    _migrate(engine, "0020")
    back = _postings(engine, "SELECT key, story_id, last_seen_at FROM story_keys")
    refiled = START + timedelta(hours=9)
    assert back == sorted([*(p for p in before if p[1] != 2),
                           ("t:dam", 2, refiled), ("t:flood", 2, refiled)])
