"""Story summaries kept with their story until its articles change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select

from tidings.store.dialect import upsert
from tidings.store.schema import story_summaries


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
