"""Stories: the clusterer's persisted state, its blocking index, and story views for readers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Float,
    FromClause,
    Integer,
    RowMapping,
    ScalarSelect,
    Select,
    Text,
    and_,
    bindparam,
    delete,
    func,
    insert,
    select,
    union_all,
    update,
)

from tidings.model import Article, Story, StoryMember
from tidings.store.articles import ARTICLE_COLUMNS, LISTING_COLUMNS, to_articles
from tidings.store.dialect import insert_ignore, upsert
from tidings.store.schema import (
    articles,
    blocking_keys,
    comments,
    stories,
    story_keys,
    story_merges,
    term_frequencies,
)
from tidings.store.types import UTCDateTime

STORY_COLUMNS = (
    stories.c.id, stories.c.title, stories.c.label, stories.c.first_seen_at,
    stories.c.last_seen_at, stories.c.first_source, stories.c.article_count,
    stories.c.source_count,
)
BLOB_FIELDS = ("vector_sum", "title_sum", "headline_vectors")


@dataclass(frozen=True)
class StoryWrite:
    """A story to upsert: what readers see, the clusterer's record, and its blocking keys."""

    story: Story
    record: Mapping[str, Any]
    """`StoryState.to_record()`: JSON-able fields plus the three vector blobs."""
    keys: tuple[str, ...]


KEYS_A_STATEMENT = 500
"""Keys looked up in one statement (SQLite's bound parameters are limited)."""


@dataclass(frozen=True)
class ClusterInput:
    """An article waiting to be clustered."""

    id: int
    title: str
    text: str
    source: str
    at: datetime
    headline_only: bool = False
    """`text` is a feed's summary (or ""), not a body: no near-duplicate test for it."""


# --- the clusterer's state -------------------------------------------------------------------


def story_ids_for_keys(conn: Connection, keys: Sequence[str], *, since: datetime,
                       per_key: int) -> list[int]:
    """Stories filed under any of `keys` still active since `since`, newest `per_key` per key,
    the most recently active first.

    One statement: under each key the newest `per_key` stories are the end of one range of
    `ix_story_keys_newest`, so the cost is the same however many stories a key has gathered."""
    unique = list(dict.fromkeys(keys))
    if not unique:
        return []
    params: dict[str, Any] = {f"key_{i}": key for i, key in enumerate(unique)}
    found = conn.execute(_newest_under_keys(len(unique)),
                         {**params, "since": since, "per_key": per_key})
    return list(dict.fromkeys(story_id for (story_id,) in found))


@lru_cache(maxsize=64)
def _newest_under_keys(count: int) -> Select[tuple[int]]:
    """`story_ids_for_keys`'s statement for `count` keys (built once per count): a UNION ALL
    of one LIMITed range per key (SQLite has no LATERAL; PostgreSQL runs it the same way),
    each under the id its key has (a key never filed has none, and its range is empty)."""
    k = story_keys.c
    ranges = [
        select(k.story_id, k.last_seen_at)
        .where(k.key_id == _key_id(bindparam(f"key_{i}", type_=Text)),
               k.last_seen_at >= bindparam("since", type_=UTCDateTime))
        .order_by(k.last_seen_at.desc(), k.story_id.desc())
        .limit(bindparam("per_key", type_=Integer)).subquery(f"under_{i}").select()
        for i in range(count)
    ]
    newest = union_all(*ranges).subquery("newest")
    return (select(newest.c.story_id)
            .order_by(newest.c.last_seen_at.desc(), newest.c.story_id.desc()))


def _key_id(key: ColumnElement[str]) -> ScalarSelect[int]:
    return select(blocking_keys.c.id).where(blocking_keys.c.key == key).scalar_subquery()


def recent_story_ids(conn: Connection, *, since: datetime, limit: int) -> list[int]:
    """The most recently active stories still active since `since`."""
    statement = (
        select(stories.c.id).where(stories.c.last_seen_at >= since)
        .order_by(stories.c.last_seen_at.desc(), stories.c.id.desc()).limit(limit)
    )
    return list(conn.execute(statement).scalars())


def load_story_records(conn: Connection, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """The clusterer's records of these stories (`StoryState.from_record` input)."""
    if not ids:
        return {}
    columns = (stories.c.id, stories.c.state, *(stories.c[name] for name in BLOB_FIELDS))
    found: dict[int, dict[str, Any]] = {}
    for row in conn.execute(select(*columns).where(stories.c.id.in_(list(ids)))).mappings():
        record = dict(row["state"])
        record.update({name: bytes(row[name]) for name in BLOB_FIELDS})
        found[row["id"]] = record
    return found


def save_stories(conn: Connection, writes: Sequence[StoryWrite], *, now: datetime) -> None:
    """Insert these stories or update them in place, and refile them under their current keys.

    A story row is never deleted to change it: articles point at it (`ON DELETE SET NULL`).
    """
    ids = [w.story.id for w in writes]
    if not ids:
        return
    upsert(conn, stories, [_story_row(w, now) for w in writes], conflict=["id"])
    conn.execute(delete(story_keys).where(story_keys.c.story_id.in_(ids)))
    key_ids = _key_ids(conn, {key for w in writes for key in w.keys})
    keys = [{"key_id": key_ids[key], "story_id": w.story.id,
             "last_seen_at": w.story.last_seen_at} for w in writes for key in w.keys]
    if keys:
        conn.execute(insert(story_keys), keys)


def _key_ids(conn: Connection, keys: set[str]) -> dict[str, int]:
    """The id of each of these keys, given to those that have none yet."""
    def known(wanted: list[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for start in range(0, len(wanted), KEYS_A_STATEMENT):
            chunk = wanted[start:start + KEYS_A_STATEMENT]
            rows = conn.execute(select(blocking_keys.c.key, blocking_keys.c.id)
                                .where(blocking_keys.c.key.in_(chunk)))
            found.update((key, key_id) for key, key_id in rows)
        return found

    ids = known(sorted(keys))
    new = sorted(keys - ids.keys())
    if new:  # another writer may give one an id first: its id is taken then
        insert_ignore(conn, blocking_keys, [{"key": key} for key in new], conflict=["key"])
        ids.update(known(new))
    return ids


def _story_row(write: StoryWrite, now: datetime) -> dict[str, Any]:
    story = write.story
    state = {k: v for k, v in write.record.items() if k not in BLOB_FIELDS}
    return {
        "id": story.id, "title": story.title, "label": story.label,
        "first_seen_at": story.first_seen_at, "last_seen_at": story.last_seen_at,
        "first_source": story.first_source, "article_count": story.article_count,
        "source_count": story.source_count, "state": state, "updated_at": now,
        **{name: write.record[name] for name in BLOB_FIELDS},
    }


def merge_stories(conn: Connection, merged: Mapping[int, int]) -> None:
    """Fold stories into others (which must exist by now): their articles and comments move,
    and their ids, and ids merged into them before, lead to where they went in the end."""
    final = {old_id: _last_of(merged, old_id) for old_id in merged}
    for old_id, new_id in final.items():
        conn.execute(update(articles).where(articles.c.story_id == old_id)
                     .values(story_id=new_id))
        conn.execute(update(comments).where(comments.c.story_id == old_id)
                     .values(story_id=new_id))
        conn.execute(update(story_merges).where(story_merges.c.new_id == old_id)
                     .values(new_id=new_id))
        conn.execute(delete(stories).where(stories.c.id == old_id))
    upsert(conn, story_merges, [{"old_id": o, "new_id": n} for o, n in final.items()],
           conflict=["old_id"])


def _last_of(merged: Mapping[int, int], story_id: int) -> int:
    """Where a chain of merges (A into B, then B into C) ends."""
    while story_id in merged:
        story_id = merged[story_id]
    return story_id


def assign_articles(conn: Connection, assignments: Mapping[int, int], *, now: datetime) -> None:
    """Record each article's story and mark it clustered."""
    if not assignments:
        return
    statement = (update(articles).where(articles.c.id == bindparam("article_id"))
                 .values(story_id=bindparam("story"), clustered_at=now))
    conn.execute(statement, [{"article_id": article_id, "story": story_id}
                             for article_id, story_id in assignments.items()])


def story_of_article(conn: Connection, article_id: int) -> int | None:
    found = conn.execute(select(articles.c.story_id).where(articles.c.id == article_id)).scalar()
    return None if found is None else int(found)


def record_duplicate(conn: Connection, article_id: int, *, signature: bytes,
                     duplicate_of: int | None, similarity: float | None) -> None:
    """Store an article's MinHash signature and, for a near-duplicate, its canonical article."""
    conn.execute(update(articles).where(articles.c.id == article_id).values(
        minhash=signature, duplicate_of=duplicate_of, duplicate_similarity=similarity))


def recent_signatures(conn: Connection, *, since: datetime
                      ) -> list[tuple[int, datetime, bytes, int | None]]:
    """(article id, time, MinHash signature, canonical id) of articles clustered since
    `since`, in publication order."""
    statement = (
        select(articles.c.id, articles.c.sort_at, articles.c.minhash, articles.c.duplicate_of)
        .where(articles.c.minhash.is_not(None), articles.c.sort_at >= since)
        .order_by(articles.c.sort_at, articles.c.id)
    )
    return [(row[0], row[1], bytes(row[2]), row[3]) for row in conn.execute(statement)]


def unclustered_articles(conn: Connection, *, limit: int,
                         since: datetime | None = None) -> list[ClusterInput]:
    """Articles not yet in a story, oldest first (clustering follows publication order)."""
    a = articles.c
    where = a.clustered_at.is_(None)
    if since is not None:
        where = where & (a.sort_at >= since)
    statement = (select(a.id, a.title, a.text, a.source, a.sort_at, a.headline_only).where(where)
                 .order_by(a.sort_at, a.id).limit(limit))
    return [ClusterInput(*row) for row in conn.execute(statement)]


def count_unclustered(conn: Connection) -> int:
    statement = select(func.count()).where(articles.c.clustered_at.is_(None))
    count: int = conn.execute(statement).scalar_one()
    return count


@dataclass(frozen=True)
class Forgotten:
    """What `forget_clusters` undid."""

    stories: list[int]
    """The ids of the stories dissolved."""
    texts: list[tuple[str, str]]
    """(title, text) of the clustered articles whose document frequencies are still counted
    (none when everything was forgotten: the counts went too)."""


def forget_clusters(conn: Connection, *, since: datetime | None) -> Forgotten:
    """Undo clustering from `since` on (everything when None), for a rebuild from scratch.

    Stories with any article in the window are dissolved whole, older articles included.
    Merged ids are kept; once the window is clustered again, the dissolved ids and the merged
    ones are led to live stories (`invariants.lead_dissolved`, `invariants.repoint_merges`).
    """
    a = articles.c
    if since is None:
        touched = list(conn.execute(select(stories.c.id)).scalars())
        conn.execute(update(articles).values(
            story_id=None, clustered_at=None, duplicate_of=None, duplicate_similarity=None,
            minhash=None))
        for table in (story_keys, blocking_keys, stories, term_frequencies):
            conn.execute(delete(table))
        return Forgotten(touched, [])
    touched = list(conn.execute(
        select(a.story_id).where(a.sort_at >= since, a.story_id.is_not(None)).distinct()
    ).scalars())
    window = (a.sort_at >= since) | a.story_id.in_(touched)
    counted = conn.execute(select(a.title, a.text).where(window, a.clustered_at.is_not(None)))
    texts = [(row[0], row[1]) for row in counted]
    conn.execute(update(articles).where(window).values(
        story_id=None, clustered_at=None, duplicate_of=None, duplicate_similarity=None,
        minhash=None))
    conn.execute(delete(stories).where(stories.c.id.in_(touched)))
    return Forgotten(touched, texts)


def load_term_frequencies(conn: Connection) -> tuple[int, dict[str, int]]:
    """(number of clustered articles, documents per key)."""
    counts = {key: docs for key, docs in conn.execute(select(term_frequencies))}
    return counts.pop("", 0), counts


def add_term_frequencies(conn: Connection, docs: int, counts: Mapping[str, int]) -> None:
    """Add a run's document counts (the key "" counts articles); negative ones take articles
    out again, and keys left with no document go."""
    delta = {"": docs, **counts}
    rows = [{"key": key, "docs": n} for key, n in sorted(delta.items())]
    upsert(conn, term_frequencies, rows, conflict=["key"], add=["docs"])
    gone = [key for key, n in delta.items() if n < 0]
    for start in range(0, len(gone), 500):
        conn.execute(delete(term_frequencies).where(
            term_frequencies.c.key.in_(gone[start:start + 500]), term_frequencies.c.docs <= 0))


# --- what readers see ------------------------------------------------------------------------


def _to_story(row: RowMapping) -> Story:
    return Story(**{column.name: row[column.name] for column in STORY_COLUMNS})


def resolve_story_id(conn: Connection, story_id: int) -> int:
    """The story an id now belongs to (following merges)."""
    moved = conn.execute(select(story_merges.c.new_id)
                         .where(story_merges.c.old_id == story_id)).scalar()
    return int(moved) if moved is not None else story_id


def get_story(conn: Connection, story_id: int) -> Story | None:
    row = conn.execute(_STORY, {"id": story_id}).mappings().first()
    return _to_story(row) if row else None


# The reader's statements, built once: building one costs more than running it on SQLite.
_STORY = select(*STORY_COLUMNS).where(stories.c.id == bindparam("id", type_=Integer))
_OF_STORY = articles.c.story_id == bindparam("story_id", type_=Integer)
_LISTING = (select(*LISTING_COLUMNS).where(_OF_STORY)
            .order_by(articles.c.sort_at, articles.c.id)
            .limit(bindparam("limit", type_=Integer)).offset(bindparam("offset", type_=Integer)))
_NEWEST_OF_STORY = (select(*ARTICLE_COLUMNS).where(_OF_STORY)
                    .order_by(articles.c.sort_at.desc(), articles.c.id.desc())
                    .limit(bindparam("limit", type_=Integer)))
_COPIES = (select(*ARTICLE_COLUMNS)
           .where(articles.c.duplicate_of.in_(bindparam("ids", expanding=True)))
           .order_by(articles.c.sort_at, articles.c.id))


def list_stories(conn: Connection, *, limit: int, offset: int = 0, min_articles: int = 1
                 ) -> list[Story]:
    """Stories, most recently active first."""
    statement = (
        select(*STORY_COLUMNS).where(stories.c.article_count >= min_articles)
        .order_by(stories.c.last_seen_at.desc(), stories.c.id.desc()).limit(limit).offset(offset)
    )
    return [_to_story(row) for row in conn.execute(statement).mappings()]


def count_stories(conn: Connection, *, min_articles: int = 1) -> int:
    statement = select(func.count()).where(stories.c.article_count >= min_articles)
    count: int = conn.execute(statement).scalar_one()
    return count


def story_listing(conn: Connection, story_id: int, *, limit: int, offset: int = 0
                  ) -> list[Article]:
    """A page of a story's articles, oldest first, as lists show them: their text is left
    empty and their `urls` unread (a story of hundreds is read without its bulk)."""
    rows = conn.execute(_LISTING, {"story_id": story_id, "limit": limit, "offset": offset})
    return to_articles(conn, list(rows.mappings()), urls=False)


def newest_story_articles(conn: Connection, story_id: int, *, limit: int) -> list[Article]:
    """A story's newest `limit` articles whole (but their `urls`), newest first."""
    rows = conn.execute(_NEWEST_OF_STORY, {"story_id": story_id, "limit": limit})
    return to_articles(conn, list(rows.mappings()), urls=False)


def story_members(conn: Connection, story_id: int) -> list[StoryMember]:
    """Every article of a story, oldest first, without its text: what the lists of a story's
    coverage show, read without the bulk of hundreds of articles."""
    a = articles.c
    statement = (select(a.id, a.url, a.title, a.source, a.fetched_at, a.published_at,
                        a.duplicate_of, a.headline_only)
                 .where(a.story_id == story_id).order_by(a.sort_at, a.id))
    return [StoryMember(*row) for row in conn.execute(statement)]


def stories_by_id(conn: Connection, ids: Sequence[int]) -> dict[int, Story]:
    if not ids:
        return {}
    rows = conn.execute(select(*STORY_COLUMNS).where(stories.c.id.in_(list(ids)))).mappings()
    return {row["id"]: _to_story(row) for row in rows}


def duplicates_of(conn: Connection, article_ids: Sequence[int], *, urls: bool = True
                  ) -> dict[int, list[Article]]:
    """For each canonical article, the near-duplicate copies that point at it (without their
    `urls` unless `urls`)."""
    if not article_ids:
        return {}
    rows = conn.execute(_COPIES, {"ids": list(article_ids)}).mappings()
    found: dict[int, list[Article]] = {}
    for copy in to_articles(conn, list(rows), urls=urls):
        assert copy.duplicate_of is not None
        found.setdefault(copy.duplicate_of, []).append(copy)
    return found


NEARBY_PER_KEY = 100
"""Stories counted under each blocking key on either side of a story (by id, which is the
order stories began in): nearby stories share the most keys among these, so the cost stays
the same however many stories a common key has gathered."""


def similar_stories(conn: Connection, story_id: int, *, limit: int, min_share: float = 0.0
                    ) -> list[int]:
    """Other stories filed under at least two of this story's blocking keys and at least
    `min_share` of them, the most keys shared first (the newest first among equals); under
    each key only the `NEARBY_PER_KEY` stories begun nearest before it and after it count
    (nearby stories).

    One statement: for each of the story's keys two short seeks find how far its nearest
    stories reach, and one index range scan between those bounds reads them."""
    values = {"story_id": story_id, "limit": limit, "min_share": min_share}
    return list(conn.execute(_NEARBY, values).scalars())


_LAST_ID = 2**31 - 1
"""Above every story id (ids are article ids: from 1 up, 32-bit on PostgreSQL); with 0, the
bound on a side of a story with fewer than `NEARBY_PER_KEY` stories under a key."""


def _reach(mine: FromClause, *, later: bool) -> ScalarSelect[int]:
    """The id of the `NEARBY_PER_KEY`th story filed under `mine`'s key after (or before) it:
    NULL when fewer are."""
    near = story_keys.alias("near")
    column = near.c.story_id
    return (select(column)
            .where(near.c.key_id == mine.c.key_id,
                   column > mine.c.story_id if later else column < mine.c.story_id)
            .order_by(column if later else column.desc())
            .limit(1).offset(NEARBY_PER_KEY - 1).scalar_subquery())


def nearby_statement() -> Select[tuple[int, int]]:
    """(story id, keys shared) of the stories `similar_stories` finds, with bind parameters
    `story_id`, `limit` and `min_share`: to build on (the article page reads their leads with
    them)."""
    mine, theirs = story_keys.alias("mine"), story_keys.alias("theirs")
    shared = func.count().label("shared")
    story_id = bindparam("story_id", type_=Integer)
    filed = (select(func.count()).select_from(story_keys)
             .where(story_keys.c.story_id == story_id).scalar_subquery())
    return (
        select(theirs.c.story_id, shared).select_from(mine)
        .join(theirs, and_(theirs.c.key_id == mine.c.key_id, theirs.c.story_id != mine.c.story_id,
                           theirs.c.story_id >= func.coalesce(_reach(mine, later=False), 0),
                           theirs.c.story_id <= func.coalesce(_reach(mine, later=True),
                                                              _LAST_ID)))
        .where(mine.c.story_id == story_id)
        .group_by(theirs.c.story_id)
        .having(shared >= 2, shared >= filed * bindparam("min_share", type_=Float))
        .order_by(shared.desc(), theirs.c.story_id.desc())
        .limit(bindparam("limit", type_=Integer))
    )


# Built once: building it took longer than running it on SQLite (the article page).
_NEARBY = nearby_statement()


def active_stories(conn: Connection, *, since: datetime, min_articles: int, limit: int
                   ) -> list[Story]:
    """Stories with coverage since `since` and at least `min_articles`, newest first."""
    statement = (
        select(*STORY_COLUMNS)
        .where(stories.c.last_seen_at >= since, stories.c.article_count >= min_articles)
        .order_by(stories.c.last_seen_at.desc()).limit(limit)
    )
    return [_to_story(row) for row in conn.execute(statement).mappings()]


def articles_in_stories(conn: Connection) -> list[tuple[int, str | None, int | None]]:
    """(article id, external id, story id) of every article, for exports."""
    a = articles.c
    statement = select(a.id, a.external_id, a.story_id).order_by(a.sort_at, a.id)
    return [(row[0], row[1], row[2]) for row in conn.execute(statement)]
