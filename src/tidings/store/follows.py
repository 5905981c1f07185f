"""What readers follow and mute, their alert preferences, saved and read articles."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import (
    ColumnElement,
    Connection,
    RowMapping,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

from tidings.model import Article, Follow, ReaderPrefs
from tidings.store.articles import ARTICLE_COLUMNS, to_articles
from tidings.store.schema import (
    article_entities,
    articles,
    entities,
    follows,
    read_articles,
    reader_prefs,
    saved_articles,
)
from tidings.store.stories import resolve_story_id


def add_follow(
    conn: Connection, user_id: int, *, kind: str, value: str, source: str, label: str,
    alerts: str, now: datetime,
) -> Follow:
    """The follow, new or already there (then its alert choice is updated)."""
    key = (follows.c.user_id == user_id, follows.c.kind == kind, follows.c.value == value,
           follows.c.source == source)
    try:
        with conn.begin_nested():
            conn.execute(insert(follows).values(
                user_id=user_id, kind=kind, value=value, source=source, label=label,
                alerts=alerts, created_at=now))
    except IntegrityError:
        conn.execute(update(follows).where(*key).values(alerts=alerts))
    return _to_follow(conn.execute(select(follows).where(*key)).mappings().one())


def list_follows(conn: Connection, user_id: int | None = None,
                 kinds: Sequence[str] | None = None) -> list[Follow]:
    """A reader's follows (everyone's when `user_id` is None), oldest first."""
    query = select(follows).order_by(follows.c.id)
    if user_id is not None:
        query = query.where(follows.c.user_id == user_id)
    if kinds is not None:
        query = query.where(follows.c.kind.in_(kinds))
    return [_to_follow(row) for row in conn.execute(query).mappings()]


def remove_follow(conn: Connection, user_id: int, follow_id: int) -> bool:
    """Remove one of this reader's follows; False when they have no such follow."""
    result = conn.execute(delete(follows).where(
        follows.c.id == follow_id, follows.c.user_id == user_id))
    return result.rowcount == 1


def find_prefs(conn: Connection, user_id: int) -> ReaderPrefs | None:
    """The reader's preferences, or None before their first use."""
    row = conn.execute(select(reader_prefs).where(
        reader_prefs.c.user_id == user_id)).mappings().first()
    return _to_prefs(row) if row else None


def get_prefs(conn: Connection, user_id: int, new_secret: str) -> ReaderPrefs:
    """The reader's preferences, created with defaults (and `new_secret`) on first use."""
    row = conn.execute(select(reader_prefs).where(
        reader_prefs.c.user_id == user_id)).mappings().first()
    if row is None:
        try:
            with conn.begin_nested():
                conn.execute(insert(reader_prefs).values(
                    user_id=user_id, email_alerts=True, webhook_secret=new_secret,
                    digest="off"))
        except IntegrityError:
            pass
        row = conn.execute(select(reader_prefs).where(
            reader_prefs.c.user_id == user_id)).mappings().one()
    return _to_prefs(row)


def update_prefs(conn: Connection, user_id: int, **values: object) -> None:
    """Set columns (email_alerts, webhook_url, webhook_secret, digest, digest_due_at)."""
    conn.execute(update(reader_prefs).where(reader_prefs.c.user_id == user_id).values(values))


def advance_digest(conn: Connection, user_id: int, *, due_at: datetime | None,
                   next_at: datetime) -> bool:
    """Move the reader's next digest from `due_at` to `next_at`; False when another process
    moved it first (compare and set: the claim on this digest, taken with its delivery)."""
    due = reader_prefs.c.digest_due_at
    moved = conn.execute(update(reader_prefs).where(
        reader_prefs.c.user_id == user_id, due.is_(None) if due_at is None else due == due_at,
    ).values(digest_due_at=next_at))
    return moved.rowcount == 1


def due_digest_users(conn: Connection, now: datetime) -> list[int]:
    query = select(reader_prefs.c.user_id).where(
        reader_prefs.c.digest != "off", reader_prefs.c.digest_due_at <= now)
    return list(conn.execute(query).scalars())


def save_article(conn: Connection, user_id: int, article_id: int, now: datetime) -> None:
    try:
        with conn.begin_nested():
            conn.execute(insert(saved_articles).values(
                user_id=user_id, article_id=article_id, created_at=now))
    except IntegrityError:
        pass


def unsave_article(conn: Connection, user_id: int, article_id: int) -> None:
    conn.execute(delete(saved_articles).where(
        saved_articles.c.user_id == user_id, saved_articles.c.article_id == article_id))


def saved_ids(conn: Connection, user_id: int, *, limit: int = 200) -> list[int]:
    """The reader's saved articles, the most recently saved first."""
    query = select(saved_articles.c.article_id).where(saved_articles.c.user_id == user_id)
    return list(conn.execute(query.order_by(saved_articles.c.created_at.desc()).limit(limit))
                .scalars())


def mark_read(conn: Connection, user_id: int, article_id: int, now: datetime) -> None:
    try:
        with conn.begin_nested():
            conn.execute(insert(read_articles).values(
                user_id=user_id, article_id=article_id, read_at=now))
    except IntegrityError:
        pass


def read_ids(conn: Connection, user_id: int, article_ids: Iterable[int]) -> set[int]:
    """Which of these articles the reader has opened."""
    ids = list(article_ids)
    if not ids:
        return set()
    query = select(read_articles.c.article_id).where(
        read_articles.c.user_id == user_id, read_articles.c.article_id.in_(ids))
    return set(conn.execute(query).scalars())


def is_saved(conn: Connection, user_id: int, article_id: int) -> bool:
    query = select(saved_articles.c.article_id).where(
        saved_articles.c.user_id == user_id, saved_articles.c.article_id == article_id)
    return conn.execute(query).first() is not None


def matching_ids(conn: Connection, kind: str, value: str, *, among: Sequence[int] | None,
                 since: datetime | None, limit: int) -> list[int]:
    """Articles of a followed outlet, entity or story, newest first: only those `among`
    the given ids, only those sorted at or after `since`, when given."""
    condition: ColumnElement[bool]
    if kind == "entity":
        condition = articles.c.id.in_(select(article_entities.c.article_id).where(
            article_entities.c.entity_id == int(value)))
    elif kind == "story":
        condition = articles.c.story_id == resolve_story_id(conn, int(value))
    else:
        condition = articles.c.source == value
    query = select(articles.c.id).where(condition)
    if among is not None:
        query = query.where(articles.c.id.in_(list(among)))
    if since is not None:
        query = query.where(articles.c.sort_at >= since)
    query = query.order_by(articles.c.sort_at.desc(), articles.c.id.desc()).limit(limit)
    return list(conn.execute(query).scalars())


def articles_by_ids(conn: Connection, ids: Iterable[int]) -> dict[int, Article]:
    wanted = list(set(ids))
    if not wanted:
        return {}
    rows = list(conn.execute(select(*ARTICLE_COLUMNS).where(
        articles.c.id.in_(wanted))).mappings())
    return {article.id: article for article in to_articles(conn, rows)}


def new_articles(conn: Connection, after: int, *, limit: int
                 ) -> list[tuple[int, datetime, bool]]:
    """(id, fetched_at, placed in a story or as a copy) of the articles stored after article
    `after`, oldest first."""
    placed = articles.c.clustered_at.is_not(None) | articles.c.duplicate_of.is_not(None)
    query = select(articles.c.id, articles.c.fetched_at, placed.label("placed")).where(
        articles.c.id > after).order_by(articles.c.id).limit(limit)
    return [(row.id, row.fetched_at, bool(row.placed)) for row in conn.execute(query)]


def entity_name(conn: Connection, entity_id: int) -> str | None:
    return conn.execute(select(entities.c.name).where(entities.c.id == entity_id)).scalar()


def _to_follow(row: RowMapping) -> Follow:
    return Follow(id=row["id"], user_id=row["user_id"], kind=row["kind"], value=row["value"],
                  source=row["source"], label=row["label"], alerts=row["alerts"],
                  created_at=row["created_at"])


def _to_prefs(row: RowMapping) -> ReaderPrefs:
    return ReaderPrefs(user_id=row["user_id"], email_alerts=bool(row["email_alerts"]),
                       webhook_url=row["webhook_url"], webhook_secret=row["webhook_secret"],
                       digest=row["digest"], digest_due_at=row["digest_due_at"])
