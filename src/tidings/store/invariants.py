"""What must always hold between articles and stories, checked in SQL.

- `unfiled`: every clustered article is in a live story;
- `copy_apart`: a syndicated copy is in its original's story;
- `miscounted`: a story's article_count, source_count, first_seen_at and last_seen_at are
  those of its member articles;
- `empty`: no story is without members;
- `dead_merge`: every merged story id (story_merges) leads to a live story, and no live story
  is redirected elsewhere;
- `lost_comments`: a comment on a story is on a live story or a merged one;
- `miscounted_sources`: the `sources` table holds each outlet's article count and newest
  article time (its triggers keep it so; a breach means they were dropped or bypassed).

`check_stories` counts the breaches of each with a few examples; the repairs that need no
clustering are here too (`pipeline.repair` puts them together).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Select, delete, func, insert, select, update

from tidings.store.dialect import upsert
from tidings.store.schema import articles, comments, sources, stories, story_merges

RULES = {
    "unfiled": "clustered articles in no story",
    "copy_apart": "syndicated copies outside their original's story",
    "miscounted": "stories whose counts or dates disagree with their articles",
    "empty": "stories without articles",
    "dead_merge": "merged story ids that lead to no live story",
    "lost_comments": "comments on a story that no longer exists",
    "miscounted_sources": "outlets whose article count or newest time disagree with their "
                          "articles",
}
EXAMPLES = 5
CHUNK = 500


@dataclass(frozen=True)
class Violation:
    """The breaches of one rule: how many, and a few described."""

    rule: str
    count: int
    examples: tuple[str, ...]

    @property
    def description(self) -> str:
        return RULES[self.rule]


@dataclass(frozen=True)
class Members:
    """What a story's articles say its counts and dates are."""

    story_id: int
    article_count: int
    source_count: int
    first_seen_at: datetime | None
    last_seen_at: datetime | None


def _violation(rule: str, found: Sequence[str]) -> Violation:
    return Violation(rule, len(found), tuple(found[:EXAMPLES]))


def unfiled_articles(conn: Connection) -> list[int]:
    """Clustered articles whose story is missing or gone."""
    statement = (
        select(articles.c.id).outerjoin(stories, stories.c.id == articles.c.story_id)
        .where(articles.c.clustered_at.is_not(None), stories.c.id.is_(None))
        .order_by(articles.c.id)
    )
    return list(conn.execute(statement).scalars())


def copies_apart(conn: Connection) -> list[tuple[int, int, int, int]]:
    """(copy, its story, original, its story) for copies filed away from their original."""
    original = articles.alias("original")
    statement = (
        select(articles.c.id, articles.c.story_id, original.c.id, original.c.story_id)
        .join(original, original.c.id == articles.c.duplicate_of)
        .where(articles.c.story_id.is_not(None), original.c.story_id.is_not(None),
               articles.c.story_id != original.c.story_id)
        .order_by(articles.c.id)
    )
    return [(r[0], r[1], r[2], r[3]) for r in conn.execute(statement)]


def story_members(conn: Connection, ids: Sequence[int] | None = None) -> dict[int, Members]:
    """Each story's counts and dates as its member articles give them (zeros when none)."""
    a = articles.c
    members = (
        select(a.story_id, func.count().label("n"),
               func.count(a.source.distinct()).label("sources"),
               func.min(a.sort_at).label("first"), func.max(a.sort_at).label("last"))
        .where(a.story_id.is_not(None)).group_by(a.story_id).subquery()
    )
    statement = (
        select(stories.c.id, members.c.n, members.c.sources, members.c.first, members.c.last)
        .outerjoin(members, members.c.story_id == stories.c.id).order_by(stories.c.id)
    )
    if ids is not None:
        statement = statement.where(stories.c.id.in_(list(ids)))
    return {row[0]: Members(row[0], row[1] or 0, row[2] or 0, row[3], row[4])
            for row in conn.execute(statement)}


def miscounted_stories(conn: Connection) -> list[tuple[int, str]]:
    """(story id, what disagrees) for stories with members whose columns are not theirs."""
    recorded = {row[0]: row[1:] for row in conn.execute(select(
        stories.c.id, stories.c.article_count, stories.c.source_count,
        stories.c.first_seen_at, stories.c.last_seen_at))}
    found = []
    for story_id, members in story_members(conn).items():
        if not members.article_count:
            continue
        expected = (members.article_count, members.source_count, members.first_seen_at,
                    members.last_seen_at)
        if recorded[story_id] != expected:
            difference = _difference(recorded[story_id], expected)
            found.append((story_id, f"story {story_id}: {difference}"))
    return found


def _difference(recorded: Sequence[object], expected: Sequence[object]) -> str:
    names = ("articles", "sources", "first seen", "last seen")
    return ", ".join(f"{name} {r} (members say {e})"
                     for name, r, e in zip(names, recorded, expected, strict=True) if r != e)


def empty_stories(conn: Connection) -> list[int]:
    return [i for i, m in story_members(conn).items() if not m.article_count]


def dead_merges(conn: Connection) -> list[tuple[int, int]]:
    """(old id, new id) of merges that lead to no live story or redirect a live one."""
    live = select(stories.c.id)
    statement = (
        select(story_merges.c.old_id, story_merges.c.new_id)
        .where(story_merges.c.new_id.not_in(live) | story_merges.c.old_id.in_(live))
        .order_by(story_merges.c.old_id)
    )
    return [(row[0], row[1]) for row in conn.execute(statement)]


def check_stories(conn: Connection) -> list[Violation]:
    """Every rule of `RULES`, with its breaches (a count of 0 when it holds)."""
    return [
        _violation("unfiled", [f"article {i}" for i in unfiled_articles(conn)]),
        _violation("copy_apart", [f"article {c} in story {cs}, its original {o} in story {os}"
                                  for c, cs, o, os in copies_apart(conn)]),
        _violation("miscounted", [text for _, text in miscounted_stories(conn)]),
        _violation("empty", [f"story {i}" for i in empty_stories(conn)]),
        _violation("dead_merge", [f"story {o} -> {n}" for o, n in dead_merges(conn)]),
        _violation("lost_comments", [f"comment {c} on story {s}"
                                     for c, s in lost_story_comments(conn)]),
        _violation("miscounted_sources", miscounted_sources(conn)),
    ]


def _counted_sources() -> Select[tuple[str, int, datetime]]:
    return select(articles.c.source, func.count(), func.max(articles.c.sort_at)).group_by(
        articles.c.source)


def miscounted_sources(conn: Connection) -> list[str]:
    """Outlets whose `sources` row disagrees with their articles, described."""
    recorded = {name: (count, at) for name, count, at in conn.execute(
        select(sources.c.name, sources.c.articles, sources.c.latest_at))}
    expected = {name: (count, at) for name, count, at in conn.execute(_counted_sources())}
    found = []
    for name in sorted(recorded.keys() | expected.keys()):
        (count, at), (real, real_at) = (recorded.get(name, (0, None)),
                                        expected.get(name, (0, None)))
        if (count, at) != (real, real_at):
            found.append(f"{name!r}: {count} articles, newest {at} "
                         f"(its articles say {real}, {real_at})")
    return found


# --- repairs that need no clustering ----------------------------------------------------------


def unfile_articles(conn: Connection, ids: Sequence[int]) -> list[tuple[str, str]]:
    """Mark articles unclustered again (story, copy link and signature forgotten) so that the
    next clustering pass files them; their (title, text), to take them out of the document
    frequencies they are counted in."""
    texts: list[tuple[str, str]] = []
    for start in range(0, len(ids), CHUNK):
        chunk = articles.c.id.in_(list(ids[start:start + CHUNK]))
        texts += [(row[0], row[1]) for row in conn.execute(
            select(articles.c.title, articles.c.text).where(chunk))]
        conn.execute(update(articles).where(chunk).values(
            story_id=None, clustered_at=None, duplicate_of=None, duplicate_similarity=None,
            minhash=None))
    return texts


def file_copies_with_originals(conn: Connection) -> list[int]:
    """Move each copy filed apart into its original's story; the stories that changed."""
    changed: set[int] = set()
    for copy_id, story_id, _, original_story in copies_apart(conn):
        conn.execute(update(articles).where(articles.c.id == copy_id)
                     .values(story_id=original_story))
        changed.update((story_id, original_story))
    return sorted(changed)


def founder_story(conn: Connection, story_id: int) -> int | None:
    """Where the article that started story `story_id` is filed now (a story's id is its
    founding article's), when that is another live story."""
    found = conn.execute(
        select(stories.c.id).join(articles, articles.c.story_id == stories.c.id)
        .where(articles.c.id == story_id)
    ).scalar()
    return int(found) if found is not None and found != story_id else None


def lead_dissolved(conn: Connection, ids: Sequence[int]) -> int:
    """Record, for each of these story ids that is not live (a rebuild dissolved it and no
    story took its id again), a merge into the story its founding article is in now, so its
    links and follows keep leading somewhere; how many."""
    live = set(conn.execute(select(stories.c.id)).scalars())
    moved = [{"old_id": i, "new_id": target} for i in ids if i not in live
             for target in [founder_story(conn, i)] if target is not None]
    upsert(conn, story_merges, moved, conflict=["old_id"])
    return len(moved)


def repoint_merges(conn: Connection) -> int:
    """Lead every dead merge to the story its founding article is in now (or drop it, or drop
    it when its old id is a live story again); how many were changed."""
    dead = dead_merges(conn)
    live = set(conn.execute(select(stories.c.id)).scalars())
    for old_id, new_id in dead:
        target = None if old_id in live else (
            founder_story(conn, old_id) or founder_story(conn, new_id))
        if target is None:
            conn.execute(delete(story_merges).where(story_merges.c.old_id == old_id))
        else:
            conn.execute(update(story_merges).where(story_merges.c.old_id == old_id)
                         .values(new_id=target))
    return len(dead)


def recount_sources(conn: Connection) -> int:
    """Count every outlet's articles again into `sources`; how many rows were wrong."""
    wrong = len(miscounted_sources(conn))
    if wrong:
        conn.execute(delete(sources))
        conn.execute(insert(sources).from_select(["name", "articles", "latest_at"],
                                                 _counted_sources()))
    return wrong


def drop_empty_stories(conn: Connection) -> int:
    """Delete stories without articles; where their founding article now is in another story,
    their id (links, comments, merges) leads there. How many were dropped."""
    empty = empty_stories(conn)
    for story_id in empty:
        target = founder_story(conn, story_id)
        if target is not None:
            conn.execute(update(comments).where(comments.c.story_id == story_id)
                         .values(story_id=target))
            conn.execute(update(story_merges).where(story_merges.c.new_id == story_id)
                         .values(new_id=target))
            upsert(conn, story_merges, [{"old_id": story_id, "new_id": target}],
                   conflict=["old_id"])
        conn.execute(delete(stories).where(stories.c.id == story_id))
    return len(empty)


@dataclass(frozen=True)
class MemberCounts:
    """A story's members per outlet, and the first and last of them."""

    sources: dict[str, int]
    first: tuple[datetime, str]
    """(time, outlet) of the earliest member."""
    last: datetime


def member_counts(conn: Connection, ids: Sequence[int]) -> dict[int, MemberCounts]:
    """What the members of these stories (those that have any) say about them."""
    members: dict[int, list[tuple[str, datetime]]] = {}
    a = articles.c
    for start in range(0, len(ids), CHUNK):
        statement = (select(a.story_id, a.source, a.sort_at)
                     .where(a.story_id.in_(list(ids[start:start + CHUNK])))
                     .order_by(a.story_id, a.sort_at, a.id))
        for story_id, source, at in conn.execute(statement):
            members.setdefault(story_id, []).append((source, at))
    return {story_id: MemberCounts(dict(Counter(source for source, _ in rows)),
                                   (rows[0][1], rows[0][0]), rows[-1][1])
            for story_id, rows in members.items()}


def lost_story_comments(conn: Connection) -> list[tuple[int, int]]:
    """(comment id, story id) of comments on a story id that is neither live nor merged."""
    statement = (
        select(comments.c.id, comments.c.story_id)
        .where(comments.c.story_id.is_not(None),
               comments.c.story_id.not_in(select(stories.c.id)),
               comments.c.story_id.not_in(select(story_merges.c.old_id)))
        .order_by(comments.c.id)
    )
    return [(row[0], row[1]) for row in conn.execute(statement)]


def repoint_story_comments(conn: Connection) -> int:
    """Move comments on a vanished story to where its founding article is filed now; how many
    moved (those whose founding article is in no story stay, to be found by `doctor`)."""
    moved = 0
    for comment_id, story_id in lost_story_comments(conn):
        target = founder_story(conn, story_id)
        if target is not None:
            conn.execute(update(comments).where(comments.c.id == comment_id)
                         .values(story_id=target))
            moved += 1
    return moved
