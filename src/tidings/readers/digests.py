"""Digests: a reader's top stories among what they follow, with summaries, by email when due."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Engine

from tidings.config import Settings
from tidings.model import User
from tidings.pipeline import questions
from tidings.pipeline.common import utcnow
from tidings.readers import delivery_messages, follow_rules, tokens
from tidings.readers.alerts import public_link
from tidings.readers.follow_ranking import StoryGroup
from tidings.readers.follows import followed_groups
from tidings.store import alerts as alert_store
from tidings.store import enrichment as enrichment_store
from tidings.store import follows as follow_store
from tidings.store import users as user_store

TOP = 10


def queue_digests(engine: Engine, settings: Settings, *, now: datetime | None = None,
                  username: str | None = None, force: bool = False) -> int:
    """Queue the digest of every reader whose digest is due (or of `username` only; `force`:
    due or not). Returns how many were queued; the next one is due a period later."""
    now = now or utcnow()
    with engine.connect() as conn:
        if username is not None:
            found = user_store.find_user(conn, username.strip().lower())
            ids = [found[0].id] if found else []
        else:
            ids = follow_store.due_digest_users(conn, now)
    return sum(_queue_one(engine, settings, user_id, now, force) for user_id in ids)


def _queue_one(engine: Engine, settings: Settings, user_id: int, now: datetime,
               force: bool) -> bool:
    with engine.begin() as conn:
        user = user_store.get_user(conn, user_id)
        prefs = follow_store.get_prefs(conn, user_id, tokens.new_token())
    period = follow_rules.digest_period(prefs.digest)
    due = prefs.digest_due_at is not None and prefs.digest_due_at <= now
    if user is None or user.banned_at or not (force or (period and due)):
        return False
    period = period or timedelta(days=1)
    items = digest_items(engine, settings, user, since=now - period, now=now)
    with engine.begin() as conn:
        if prefs.digest != "off" and not follow_store.advance_digest(
                conn, user_id, due_at=prefs.digest_due_at, next_at=now + period):
            return False  # another process queued this digest first
        if not items or not settings.smtp_host:
            return False
        subject, text = delivery_messages.digest_text(username=user.username,
                                                      period=_name(period), items=items)
        alert_store.enqueue(conn, user_id=user_id, channel="email", kind="digest",
                            target=user.email, subject=subject, payload={"text": text},
                            now=now)
    return True


def _name(period: timedelta) -> str:
    return "weekly" if period >= timedelta(days=7) else "daily"


def digest_items(engine: Engine, settings: Settings, user: User, *, since: datetime,
                 now: datetime) -> list[delivery_messages.DigestItem]:
    """The reader's top stories since `since`, each with a one-paragraph summary."""
    with engine.connect() as conn:
        groups = followed_groups(conn, user.id, since=since, now=now)[:TOP]
    return [delivery_messages.DigestItem(
        title=group.story.title if group.story else group.lead.title,
        link=public_link(settings, f"/articles/{group.lead.id}"),
        summary=_summary(engine, group),
        outlets=tuple(dict.fromkeys(a.source for a in group.articles)),
    ) for group in groups]


def _summary(engine: Engine, group: StoryGroup) -> str:
    """The story's summary across its articles, else the lead article's TL;DR."""
    if group.story and group.story.article_count > 1:
        summary = questions.summarize_story_for(engine, group.story.id)
        if summary.tldr:
            return summary.tldr.text
    with engine.connect() as conn:
        stored = enrichment_store.article_enrichment(conn, group.lead.id).summary
    return stored.tldr if stored else ""
