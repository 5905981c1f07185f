"""Stored articles and every URL each one was seen at."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    RowMapping,
    and_,
    bindparam,
    delete,
    func,
    insert,
    or_,
    select,
    true,
    update,
)
from sqlalchemy.exc import IntegrityError

from tidings.model import Article, Image, NewArticle, SaveResult, SourceCount
from tidings.store.dialect import insert_ignore
from tidings.store.schema import article_urls, articles, enrichment_runs, sources

ARTICLE_COLUMNS = tuple(
    column for column in articles.c if column.name not in ("fingerprint", "minhash", "clustered_at")
)
"""The columns read to build an ``Article`` (see :func:`to_articles`)."""


def save_article(conn: Connection, article: NewArticle, *, now: datetime) -> SaveResult:
    """Store ``article`` unless it is already stored; record every URL it was seen at.

    An article is already stored when any of its URLs (``url`` and ``seen_urls``) is known, or
    else when its ``fingerprint`` or ``external_id`` matches; a headline-only article has no
    fingerprint (two empty bodies are not one article). A full article found stored as
    headline-only replaces that row's content in place (same id, story and URLs) and is
    enriched again. Safe against a concurrent save of the same article: the insert runs in a
    SAVEPOINT and a unique-constraint clash falls back to the article that won.
    """
    if article.headline_only:
        article = replace(article, fingerprint=None)
    urls = list(dict.fromkeys((article.url, *article.seen_urls)))
    existing = _find_existing(conn, article, urls)
    if existing is None:
        try:
            with conn.begin_nested():
                return SaveResult(_insert(conn, article, urls, now=now), created=True)
        except IntegrityError:
            existing = _find_existing(conn, article, urls)
            if existing is None:
                raise
    rows = [{"url": url, "article_id": existing} for url in urls]
    insert_ignore(conn, article_urls, rows, conflict=["url"])
    upgraded = not article.headline_only and _upgrade_headline(conn, existing, article)
    return SaveResult(article_id=existing, created=False, upgraded=upgraded)


def get_article(conn: Connection, article_id: int) -> Article | None:
    rows = conn.execute(select(*ARTICLE_COLUMNS).where(articles.c.id == article_id)).mappings()
    found = to_articles(conn, list(rows))
    return found[0] if found else None


def articles_by_id(conn: Connection, article_ids: Sequence[int]) -> dict[int, Article]:
    """These articles (those that exist), by id."""
    if not article_ids:
        return {}
    rows = conn.execute(select(*ARTICLE_COLUMNS).where(articles.c.id.in_(list(article_ids))))
    return {article.id: article for article in to_articles(conn, list(rows.mappings()))}


def find_article_by_url(conn: Connection, url: str) -> int | None:
    """The id of the article seen at ``url``, if any."""
    statement = select(article_urls.c.article_id).where(article_urls.c.url == url)
    return conn.execute(statement).scalar_one_or_none()


def list_articles(
    conn: Connection,
    *,
    limit: int,
    offset: int = 0,
    source: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    canonical_only: bool = False,
) -> list[Article]:
    """Articles newest first (published, else fetched, time), optionally filtered.

    ``since`` is inclusive and ``until`` exclusive; both apply to that same time.
    """
    statement = (
        select(*ARTICLE_COLUMNS)
        .where(article_filter(source=source, since=since, until=until,
                              canonical_only=canonical_only))
        .order_by(articles.c.sort_at.desc(), articles.c.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return to_articles(conn, list(conn.execute(statement).mappings()))


def count_articles(
    conn: Connection,
    *,
    source: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    canonical_only: bool = False,
) -> int:
    """How many articles :func:`list_articles` would page through with these filters.

    All articles, or one outlet's, are counted from the `sources` table (one row per outlet).
    """
    if since is None and until is None and not canonical_only:
        counted = select(func.coalesce(func.sum(sources.c.articles), 0))
        if source is not None:
            counted = counted.where(sources.c.name == source)
        total: int = conn.execute(counted).scalar_one()
        return int(total)
    where = article_filter(source=source, since=since, until=until,
                           canonical_only=canonical_only)
    statement = select(func.count()).select_from(articles).where(where)
    count: int = conn.execute(statement).scalar_one()
    return count


def list_sources(conn: Connection) -> list[SourceCount]:
    """Every source with its article count and newest article time, the biggest first."""
    statement = select(sources.c.name, sources.c.articles, sources.c.latest_at).order_by(
        sources.c.articles.desc(), sources.c.name)
    return [SourceCount(name, count, latest_at)
            for name, count, latest_at in conn.execute(statement)]


def several_sources(conn: Connection) -> bool:
    """Whether the stored articles come from more than one outlet: two rows of `sources` (a
    min and a max of articles.source in one statement read the whole index on SQLite)."""
    two = select(sources.c.name).limit(2).subquery()
    return conn.execute(select(func.count()).select_from(two)).scalar_one() > 1


def article_filter(
    *, source: str | None, since: datetime | None, until: datetime | None,
    canonical_only: bool = False,
) -> ColumnElement[bool]:
    """The WHERE clause shared by lists, counts and search.

    ``canonical_only`` leaves out near-duplicate copies (they are shown with their original).
    """
    conditions: list[ColumnElement[bool]] = []
    if canonical_only:
        conditions.append(articles.c.duplicate_of.is_(None))
    if source is not None:
        conditions.append(articles.c.source == source)
    if since is not None:
        conditions.append(articles.c.sort_at >= since)
    if until is not None:
        conditions.append(articles.c.sort_at < until)
    return and_(true(), *conditions)


def to_articles(conn: Connection, rows: Sequence[RowMapping]) -> list[Article]:
    """Articles from rows of :data:`ARTICLE_COLUMNS`, with their URLs loaded."""
    urls = _urls_of(conn, [row["id"] for row in rows])
    return [_to_article(row, urls.get(row["id"], ())) for row in rows]


# The save path's statements, built once: building one costs more than running it on SQLite.
_BY_URL = select(article_urls.c.article_id).where(
    article_urls.c.url.in_(bindparam("urls", expanding=True))).limit(1)
_BY_KEY = {
    (fingerprint, external_id): select(articles.c.id).where(or_(
        *([articles.c.fingerprint == bindparam("fingerprint")] if fingerprint else []),
        *([articles.c.external_id == bindparam("external_id")] if external_id else []),
    )).order_by(articles.c.id).limit(1)
    for fingerprint, external_id in ((True, True), (True, False), (False, True))
}
_INSERT = insert(articles).returning(articles.c.id)
_INSERT_URLS = insert(article_urls)


def _find_existing(conn: Connection, article: NewArticle, urls: list[str]) -> int | None:
    found: int | None = conn.execute(_BY_URL, {"urls": urls}).scalar()
    if found is not None:
        return found
    keys = (bool(article.fingerprint), bool(article.external_id))
    if keys not in _BY_KEY:
        return None
    by_key_found: int | None = conn.execute(_BY_KEY[keys], {
        "fingerprint": article.fingerprint, "external_id": article.external_id}).scalar()
    return by_key_found


def _upgrade_headline(conn: Connection, article_id: int, article: NewArticle) -> bool:
    """Give a stored headline-only article the full text of ``article``; False when the
    stored one is no headline-only article. Its story, source, URLs and time stay."""
    row = conn.execute(
        select(articles.c.headline_only, articles.c.published_at).where(articles.c.id == article_id)
    ).one()
    if not row.headline_only:
        return False
    values = {**_content(article), "published_at": row.published_at or article.published_at}
    taken = select(articles.c.id).where(articles.c.fingerprint == article.fingerprint)
    if article.fingerprint is None or conn.execute(taken).first() is not None:
        values["fingerprint"] = None
    conn.execute(update(articles).where(articles.c.id == article_id).values(values))
    conn.execute(delete(enrichment_runs).where(enrichment_runs.c.article_id == article_id))
    return True


def _insert(conn: Connection, article: NewArticle, urls: list[str], *, now: datetime) -> int:
    article_id: int = conn.execute(_INSERT, _article_row(article, now=now)).scalar_one()
    conn.execute(_INSERT_URLS, [{"url": url, "article_id": article_id} for url in urls])
    return article_id


def _article_row(article: NewArticle, *, now: datetime) -> dict[str, Any]:
    return {
        "url": article.url,
        "source": article.source,
        "published_at": article.published_at,
        "fetched_at": now,
        "sort_at": article.published_at or now,
        "external_id": article.external_id,
        "feed_id": article.feed_id,
        **_content(article),
    }


def _content(article: NewArticle) -> dict[str, Any]:
    """What a page says: the columns a full version replaces in a headline-only row."""
    image = article.image
    return {
        "title": article.title,
        "text": article.text,
        "authors": list(article.authors),
        "site_name": article.site_name,
        "image_url": image.url if image else None,
        "image_caption": image.caption if image else None,
        "image_credit": image.credit if image else None,
        "lang": article.lang,
        "description": article.description,
        "license": article.license,
        "fingerprint": article.fingerprint,
        "headline_only": article.headline_only,
    }


def _urls_of(conn: Connection, ids: Iterable[int]) -> dict[int, tuple[str, ...]]:
    ids = list(ids)
    if not ids:
        return {}
    statement = (
        select(article_urls.c.article_id, article_urls.c.url)
        .where(article_urls.c.article_id.in_(ids))
        .order_by(article_urls.c.article_id, article_urls.c.url)
    )
    found: dict[int, list[str]] = {}
    for article_id, url in conn.execute(statement):
        found.setdefault(article_id, []).append(url)
    return {article_id: tuple(urls) for article_id, urls in found.items()}


def _to_article(row: RowMapping, urls: tuple[str, ...]) -> Article:
    image = Image(row["image_url"], row["image_caption"], row["image_credit"])
    return Article(
        id=row["id"],
        url=row["url"],
        title=row["title"],
        text=row["text"],
        source=row["source"],
        fetched_at=row["fetched_at"],
        authors=tuple(row["authors"]),
        published_at=row["published_at"],
        site_name=row["site_name"],
        image=image if row["image_url"] else None,
        lang=row["lang"],
        description=row["description"],
        license=row["license"],
        external_id=row["external_id"],
        feed_id=row["feed_id"],
        urls=urls,
        story_id=row["story_id"],
        duplicate_of=row["duplicate_of"],
        duplicate_similarity=row["duplicate_similarity"],
        headline_only=row["headline_only"],
    )
