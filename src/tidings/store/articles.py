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
from tidings.store.story_summaries import forget_summary_of_article

ARTICLE_COLUMNS = tuple(
    column for column in articles.c if column.name not in ("fingerprint", "minhash", "clustered_at")
)
"""The columns read to build an ``Article`` (see :func:`to_articles`)."""

LISTING_COLUMNS = tuple(column for column in ARTICLE_COLUMNS if column.name != "text")
"""Those of an article in a list, which shows no text: a row is read without its longest
column."""


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


def save_articles(conn: Connection, batch: Sequence[NewArticle], *, now: datetime
                  ) -> list[SaveResult]:
    """Store many articles as :func:`save_article` would one after another, in this order,
    with a few statements for the whole batch: one lookup each of the known URLs, fingerprints
    and external ids, one multi-row insert of the new articles (the full-text index and the
    `sources` counts follow by trigger) and one of their URLs.

    A later article of the batch that repeats an earlier one's URL, fingerprint or external id
    is a duplicate of it. A full article that finds a headline-only one goes through
    :func:`save_article` (the upgrade in place) once what came before it is written, and so do
    the new articles of an insert that clashed with a concurrent save.
    """
    bulk = _Bulk(conn, [replace(a, fingerprint=None) if a.headline_only else a for a in batch])
    for index in range(len(batch)):
        bulk.place(index, now=now)
    bulk.flush(now=now)
    return bulk.results()


def get_article(conn: Connection, article_id: int, *, urls: bool = True) -> Article | None:
    """The article, with its `urls` unless not `urls`."""
    rows = list(conn.execute(_BY_ID, {"id": article_id}).mappings())
    found = to_articles(conn, rows, urls=urls)
    return found[0] if found else None


def articles_by_id(conn: Connection, article_ids: Sequence[int], *, urls: bool = True,
                   texts: bool = True) -> dict[int, Article]:
    """These articles (those that exist), by id; without their `urls` unless `urls`, and
    without their text unless `texts` (a citation shows the outlet and title)."""
    if not article_ids:
        return {}
    statement = _BY_IDS if texts else _LISTED_BY_IDS
    rows = conn.execute(statement, {"ids": list(article_ids)}).mappings()
    return {article.id: article for article in to_articles(conn, list(rows), urls=urls)}


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


def to_articles(conn: Connection, rows: Sequence[RowMapping], *, urls: bool = True
                ) -> list[Article]:
    """Articles from rows of :data:`ARTICLE_COLUMNS`, with their URLs loaded (one more
    statement); without `urls` their `urls` are left empty (cards and lists never show them)."""
    found = _urls_of(conn, [row["id"] for row in rows]) if urls else {}
    return [_to_article(row, found.get(row["id"], ())) for row in rows]


# Statements of the save path and the article page, built once: building one costs more than
# running it on SQLite.
_BY_ID = select(*ARTICLE_COLUMNS).where(articles.c.id == bindparam("id"))
_BY_IDS = select(*ARTICLE_COLUMNS).where(articles.c.id.in_(bindparam("ids", expanding=True)))
_LISTED_BY_IDS = select(*LISTING_COLUMNS).where(
    articles.c.id.in_(bindparam("ids", expanding=True)))
_URLS_OF = (select(article_urls.c.article_id, article_urls.c.url)
            .where(article_urls.c.article_id.in_(bindparam("ids", expanding=True)))
            .order_by(article_urls.c.article_id, article_urls.c.url))
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


_INSERT_MANY = insert(articles).returning(articles.c.url, articles.c.id)
"""By URL, not in parameter order (which SQLAlchemy inserts one row at a time on SQLite): the
new articles of a batch have URLs of their own."""
_LOOKUP_CHUNK = 5000
"""Values per IN list of a batch lookup (SQLite allows 32,766 parameters a statement)."""


class _New:
    """An article of the batch to insert; its row id once inserted."""

    def __init__(self, index: int) -> None:
        self.index = index
        self.row_id = 0


_Found = int | _New
"""A stored row's id, or a new article of the batch that comes first."""


def _order(found: _Found) -> tuple[int, int]:
    """Stored rows before new ones, each in id order (the order a one-by-one save sees)."""
    return (1, found.index) if isinstance(found, _New) else (0, found)


class _Bulk:
    """A batch being saved: what each URL, fingerprint and external id leads to."""

    def __init__(self, conn: Connection, batch: list[NewArticle]) -> None:
        self.conn = conn
        self.batch = batch
        self.urls = [list(dict.fromkeys((a.url, *a.seen_urls))) for a in batch]
        self.outcome: list[SaveResult | _Found | None] = [None] * len(batch)
        """A result, or (for a duplicate) the article it repeats."""
        self.by_url: dict[str, _Found] = self._known(
            article_urls.c.url, article_urls.c.article_id, [u for us in self.urls for u in us])
        self.by_print: dict[str, _Found] = self._known(
            articles.c.fingerprint, articles.c.id, [a.fingerprint or "" for a in batch])
        self.by_external: dict[str, _Found] = self._known(
            articles.c.external_id, articles.c.id, [a.external_id or "" for a in batch])
        stored = {i for seen in (self.by_url, self.by_external) for i in seen.values()}
        self.headline_rows = set(self._known(
            articles.c.id, articles.c.id, list(stored), articles.c.headline_only))
        """Stored headline-only articles the batch leads to."""
        self.pending: list[_New] = []
        self.repeated_urls: list[tuple[str, _Found]] = []

    def _known(self, key: Any, row_id: Any, values: Sequence[Any],
               *where: ColumnElement[bool]) -> dict[Any, _Found]:
        """`key` -> the smallest `row_id` of the stored rows with these values."""
        found: dict[Any, _Found] = {}
        wanted = [v for v in dict.fromkeys(values) if v != ""]
        for start in range(0, len(wanted), _LOOKUP_CHUNK):
            chunk = wanted[start:start + _LOOKUP_CHUNK]
            for value, row in self.conn.execute(select(key, row_id).where(key.in_(chunk), *where)):
                found[value] = min(row, found.get(value, row))  # type: ignore[type-var]
        return found

    def _existing(self, index: int) -> _Found | None:
        article = self.batch[index]
        for url in self.urls[index]:
            if url in self.by_url:
                return self.by_url[url]
        keys = [seen[key] for key, seen in ((article.fingerprint, self.by_print),
                                            (article.external_id, self.by_external))
                if key and key in seen]
        return min(keys, key=_order) if keys else None

    def place(self, index: int, *, now: datetime) -> None:
        article = self.batch[index]
        found = self._existing(index)
        headline = found is not None and (
            self.batch[found.index].headline_only if isinstance(found, _New)
            else found in self.headline_rows)
        if headline and not article.headline_only:
            self.flush(now=now)
            result = save_article(self.conn, article, now=now)
            self.outcome[index] = result
            self.headline_rows.discard(result.article_id)
            self._claim(index, result.article_id)
            return
        if found is None:
            found = _New(index)
            self.pending.append(found)
        else:
            self.outcome[index] = found
            self.repeated_urls += [(url, found) for url in self.urls[index]]
        self._claim(index, found)

    def _claim(self, index: int, found: _Found) -> None:
        article = self.batch[index]
        for url in self.urls[index]:
            self.by_url.setdefault(url, found)
        if article.fingerprint:
            self.by_print.setdefault(article.fingerprint, found)
        if article.external_id:
            self.by_external.setdefault(article.external_id, found)

    def flush(self, *, now: datetime) -> None:
        """Insert the new articles placed so far and their URLs, then the repeated URLs."""
        pending, self.pending = self.pending, []
        if pending:
            try:
                with self.conn.begin_nested():
                    rows = [_article_row(self.batch[n.index], now=now) for n in pending]
                    by_url = {url: row_id for url, row_id in self.conn.execute(_INSERT_MANY, rows)}
                    ids = [by_url[row["url"]] for row in rows]
                    self.conn.execute(_INSERT_URLS, [
                        {"url": url, "article_id": row_id}
                        for n, row_id in zip(pending, ids, strict=True)
                        for url in self.urls[n.index]])
                results = [SaveResult(row_id, created=True) for row_id in ids]
            except IntegrityError:  # a concurrent save stored one of them first
                results = [save_article(self.conn, self.batch[n.index], now=now)
                           for n in pending]
            for new, result in zip(pending, results, strict=True):
                new.row_id = result.article_id
                self.outcome[new.index] = result
        rows = [{"url": url, "article_id": _row_id(found)} for url, found in self.repeated_urls]
        self.repeated_urls = []
        insert_ignore(self.conn, article_urls, rows, conflict=["url"])

    def results(self) -> list[SaveResult]:
        return [outcome if isinstance(outcome, SaveResult)
                else SaveResult(_row_id(outcome), created=False)  # type: ignore[arg-type]
                for outcome in self.outcome]


def _row_id(found: _Found) -> int:
    return found.row_id if isinstance(found, _New) else found


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
    stored one is no headline-only article. Its story, source, URLs and time stay; it is
    enriched again and its story summarised again."""
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
    forget_summary_of_article(conn, article_id)
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
    found: dict[int, list[str]] = {}
    for article_id, url in conn.execute(_URLS_OF, {"ids": ids}):
        found.setdefault(article_id, []).append(url)
    return {article_id: tuple(urls) for article_id, urls in found.items()}


def _to_article(row: RowMapping, urls: tuple[str, ...]) -> Article:
    """The article of a row; a row read without its text (a listing) has an empty text."""
    image = Image(row["image_url"], row["image_caption"], row["image_credit"])
    return Article(
        id=row["id"],
        url=row["url"],
        title=row["title"],
        text=row.get("text", ""),
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
