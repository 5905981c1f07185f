"""Story summaries kept with their story until its articles change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, or_, select

from tidings.store.dialect import upsert
from tidings.store.schema import articles, stories, story_summaries


@dataclass(frozen=True)
class KeptSummary:
    members: str
    """The fingerprint of the articles it was made from."""
    summary: dict[str, Any]


def kept_summary(conn: Connection, story_id: int) -> KeptSummary | None:
    row = conn.execute(select(story_summaries.c.members, story_summaries.c.summary)
                       .where(story_summaries.c.story_id == story_id)).first()
    return KeptSummary(row[0], row[1]) if row else None


def keep_summary(conn: Connection, story_id: int, *, members: str, summary: dict[str, Any],
                 now: datetime) -> None:
    """Store a story's summary in place of the one kept before."""
    upsert(conn, story_summaries, [{"story_id": story_id, "members": members,
                                    "summary": summary, "created_at": now}],
           conflict=["story_id"])


def changed_story_ids(conn: Connection, *, limit: int) -> list[int]:
    """Stories written by the clusterer since their summary was kept (or with none kept), the
    most recently active first: those whose summary may be out of date."""
    kept = story_summaries.c
    statement = (
        select(stories.c.id).outerjoin(story_summaries, kept.story_id == stories.c.id)
        .where(or_(kept.story_id.is_(None), kept.created_at < stories.c.updated_at))
        .order_by(stories.c.last_seen_at.desc(), stories.c.id.desc()).limit(limit)
    )
    return list(conn.execute(statement).scalars())


def forget_summary_of_article(conn: Connection, article_id: int) -> None:
    """Drop the kept summary of the article's story (its text changed: it is made again)."""
    story = select(articles.c.story_id).where(articles.c.id == article_id).scalar_subquery()
    conn.execute(delete(story_summaries).where(story_summaries.c.story_id == story))
