"""Story summaries made after clustering, so that no reader's request waits for one."""

from __future__ import annotations

from sqlalchemy import Engine

from tidings.pipeline import questions
from tidings.store import story_summaries

SUMMARIES_PER_PASS = 500
"""Most stories summarised in one pass, the most recently active first: a database from
before summaries were made here catches up over the passes that follow."""


def summarize_changed_stories(engine: Engine, *, limit: int = SUMMARIES_PER_PASS) -> int:
    """Make the summary of every story the clusterer wrote since its summary was kept (or
    that has none), up to `limit`; how many stories were looked at."""
    with engine.connect() as conn:
        changed = story_summaries.changed_story_ids(conn, limit=limit)
    for story_id in changed:
        questions.refresh_story_summary(engine, story_id)
    return len(changed)
