"""Coverage for readers: related coverage of an article and the top stories of the moment."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Integer,
    Select,
    and_,
    bindparam,
    case,
    func,
    or_,
    select,
)
from sqlalchemy.orm import aliased

from tidings.model import Article, Image, Story, StoryMember
from tidings.store import stories as story_store
from tidings.store.articles import ARTICLE_COLUMNS, to_articles
from tidings.store.schema import articles, sources, stories

RELATED_SAME_STORY = 8
RELATED_NEARBY = 4
NEARBY_MIN_SHARE = 0.09
"""Least share of a story's blocking keys a nearby story is filed under too (3 of a story's
usual 32): two keys in common ("t:minister", "e:australia") is what unrelated stories of a
small database share. A story of few keys (a headline's) still needs only two."""
TOP_STORIES = 6
TOP_OTHERS = 2
"""Headlines of other outlets shown under a top story's lead (so three outlets in all)."""
TOP_WINDOWS = (timedelta(days=2), timedelta(days=7))
"""Looked back over in turn until enough stories with several articles turn up; never
further, so the block never fills with stale stories (Latest is there for quiet times)."""
FRESHNESS_HALF_LIFE_HOURS = 24.0


@dataclass(frozen=True)
class Related:
    """One item of "Related coverage"."""

    article: Article
    same_story: bool


@dataclass(frozen=True)
class TopStory:
    story: Story
    lead: Article
    others: list[Article]
    """A few more headlines, other outlets first."""
    image: Image | None = None
    """The story's picture: the lead's image, else the newest member's that has one."""


def article_time(article: Article | StoryMember) -> datetime:
    return article.published_at or article.fetched_at


def related_coverage(conn: Connection, article: Article) -> list[Related]:
    """The same story's other outlets first, then the lead articles of nearby stories; their
    `urls` are not read (what shows them is a card).

    Two statements whatever the story's size: the story's picks are ranked from its index
    alone (`ix_articles_story_newest` carries each member's outlet, so no member's row, text
    and all, is read for it) and only those shown are read whole, and nearby stories come
    from a bounded count of shared blocking keys (`stories.similar_stories`)."""
    if article.story_id is None:
        return []
    same = conn.execute(_SAME_STORY, {
        "story_id": article.story_id, "article_id": article.id, "outlet": article.source,
        "original_id": article.duplicate_of or 0}).mappings()
    nearby = conn.execute(_NEARBY_LEADS, {"story_id": article.story_id, "limit": RELATED_NEARBY,
                                          "min_share": NEARBY_MIN_SHARE}).mappings()
    return ([Related(a, True) for a in to_articles(conn, list(same), urls=False)]
            + [Related(a, False) for a in to_articles(conn, list(nearby), urls=False)])


def _same_story_statement() -> Select[Any]:
    """The story's other original articles (not this one nor the one it copies): each other
    outlet's newest first, then the rest; newest first in each part."""
    a = articles.c
    newest_of_outlet = func.row_number().over(partition_by=a.source,
                                              order_by=(a.sort_at.desc(), a.id.desc()))
    later = case((and_(newest_of_outlet == 1, a.source != bindparam("outlet")), 0), else_=1)
    ranked = (select(a.id, a.sort_at, later.label("later"))
              .where(a.story_id == bindparam("story_id", type_=Integer),
                     a.duplicate_of.is_(None), a.id != bindparam("article_id", type_=Integer),
                     a.id != bindparam("original_id", type_=Integer))
              .subquery("ranked"))
    order = (ranked.c.later, ranked.c.sort_at.desc(), ranked.c.id.desc())
    picked = select(ranked).order_by(*order).limit(RELATED_SAME_STORY).subquery("picked")
    return (select(*ARTICLE_COLUMNS).join(picked, picked.c.id == articles.c.id)
            .order_by(picked.c.later, picked.c.sort_at.desc(), picked.c.id.desc()))


def _nearby_leads_statement() -> Select[Any]:
    """The newest original article of each nearby story, the most keys shared first; a story
    of copies alone has none."""
    near = story_store.nearby_statement().subquery("near")
    lead = (select(articles.c.id)
            .where(articles.c.story_id == near.c.story_id, articles.c.duplicate_of.is_(None))
            # duplicate_of leads the order (as in `_story_leads`) so that PostgreSQL reads the
            # story's index backwards instead of sorting its members for each nearby story.
            .order_by(articles.c.duplicate_of.desc().nulls_first(), articles.c.sort_at.desc(),
                      articles.c.id.desc()).limit(1)
            .scalar_subquery())
    leads = select(near.c.story_id, near.c.shared, lead.label("lead_id")).subquery("leads")
    return (select(*ARTICLE_COLUMNS).join(leads, leads.c.lead_id == articles.c.id)
            .order_by(leads.c.shared.desc(), leads.c.story_id.desc()))


# Built once: building them took longer than running them on SQLite.
_SAME_STORY = _same_story_statement()
_NEARBY_LEADS = _nearby_leads_statement()


def _story_leads() -> ColumnElement[bool]:
    """Canonical articles that are the newest of their story (or in no story)."""
    newer = aliased(articles)
    newest_of_story = (
        select(newer.c.id)
        .where(newer.c.story_id == articles.c.story_id, newer.c.duplicate_of.is_(None))
        # duplicate_of (NULL in every row) leads the order so that PostgreSQL reads the story's
        # index backwards instead of sorting its members for each row (135 -> 16 ms at 1M).
        .order_by(newer.c.duplicate_of.desc().nulls_first(), newer.c.sort_at.desc(),
                  newer.c.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    return and_(articles.c.duplicate_of.is_(None),
                or_(articles.c.story_id.is_(None), articles.c.id == newest_of_story))


def latest_by_story(conn: Connection, *, limit: int, offset: int = 0) -> list[Article]:
    """The newest article of each story (and each article in none), newest first: Latest, where
    a story many outlets tell takes one place."""
    statement = (
        select(*ARTICLE_COLUMNS).where(_story_leads())
        .order_by(articles.c.sort_at.desc(), articles.c.id.desc()).limit(limit).offset(offset)
    )
    return to_articles(conn, list(conn.execute(statement).mappings()))


def count_latest_by_story(conn: Connection) -> int:
    """How many places Latest has: the stories with an original article (one seek each, on
    `ix_articles_story_newest`), and the original articles in no story."""
    original = articles.c.duplicate_of.is_(None)
    told = select(func.count()).select_from(stories).where(
        select(articles.c.id).where(articles.c.story_id == stories.c.id, original).exists())
    alone = select(func.count()).where(articles.c.story_id.is_(None), original)
    return int(conn.execute(select(told.scalar_subquery() + alone.scalar_subquery())
                            ).scalar_one())


def top_stories(conn: Connection, now: datetime) -> list[TopStory]:
    """Stories ranked by breadth (outlets, articles) and freshness together; each led by its
    most prolific outlet's latest headline, with other outlets' headlines under it."""
    newest = story_store.list_stories(conn, limit=1)
    if not newest:
        return []
    anchor = min(now, newest[0].last_seen_at)
    for window in TOP_WINDOWS:
        pool = story_store.active_stories(conn, since=anchor - window, min_articles=2,
                                          limit=200)
        if len(pool) >= TOP_STORIES:
            break

    def score(story: Story) -> float:
        hours = max((anchor - story.last_seen_at).total_seconds() / 3600, 0.0)
        breadth = story.source_count + math.log1p(story.article_count)
        return breadth * 0.5 ** (hours / FRESHNESS_HALF_LIFE_HOURS)

    chosen = sorted(pool, key=score, reverse=True)[:TOP_STORIES]
    told = _members(conn, [story.id for story in chosen])
    picks = [(story, _pick(told[story.id])) for story in chosen if story.id in told]
    wanted = {m for _, pick in picks for m in (pick.lead, *pick.others, pick.pictured) if m}
    rows = conn.execute(select(*ARTICLE_COLUMNS).where(articles.c.id.in_(wanted))).mappings()
    loaded = {article.id: article for article in to_articles(conn, list(rows), urls=False)}
    return [TopStory(story, loaded[pick.lead], [loaded[m] for m in pick.others],
                     loaded[pick.pictured].image if pick.pictured else None)
            for story, pick in picks]


@dataclass(frozen=True)
class _Member:
    """What choosing a top story's articles needs of one of its canonical articles."""

    id: int
    source: str
    outlet_size: int
    """How many articles its outlet has stored."""
    pictured: bool


@dataclass(frozen=True)
class _Pick:
    lead: int
    others: list[int]
    pictured: int | None


def _members(conn: Connection, story_ids: list[int]) -> dict[int, list[_Member]]:
    """The canonical articles of each of these stories (that has one), newest first (ties:
    the earlier stored first), without anything a card shows: a big story has hundreds."""
    a = articles.c
    shown_at = func.coalesce(a.published_at, a.fetched_at)
    statement = (select(a.story_id, a.id, a.source, func.coalesce(sources.c.articles, 0),
                        and_(a.image_url.is_not(None), a.image_url != ""))
                 .outerjoin(sources, sources.c.name == a.source)
                 .where(a.story_id.in_(story_ids), a.duplicate_of.is_(None))
                 .order_by(a.story_id, shown_at.desc(), a.sort_at, a.id))
    members: dict[int, list[_Member]] = {}
    for story_id, article_id, source, size, pictured in conn.execute(statement).all():
        members.setdefault(story_id, []).append(_Member(article_id, source, size, bool(pictured)))
    return members


def _pick(members: list[_Member]) -> _Pick:
    """The lead (the latest article of the outlet with most articles stored), the latest
    article of each of up to `TOP_OTHERS` other outlets (the outlets with most articles first,
    then the newest), and the article whose picture shows: the lead's, else the newest one's
    that has one. `members` are newest first."""
    lead = max(members, key=lambda m: m.outlet_size)  # the first, so the newest, of the biggest
    latest: dict[str, _Member] = {}
    for member in members:
        if member.source != lead.source:
            latest.setdefault(member.source, member)
    others = sorted(latest.values(), key=lambda m: -m.outlet_size)[:TOP_OTHERS]  # stable
    pictured = next((m.id for m in (lead, *members) if m.pictured), None)
    return _Pick(lead.id, [m.id for m in others], pictured)
