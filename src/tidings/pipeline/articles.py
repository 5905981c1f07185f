"""From extracted page to stored article: the one path every way in goes through."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from urllib.parse import urlsplit

from sqlalchemy import Engine

from tidings.dedupe.exact import canonical_url, text_fingerprint
from tidings.extract.article import ExtractionError
from tidings.model import ExtractedArticle, FeedEntry, NewArticle, SaveResult
from tidings.store import articles as article_store


def host_of(url: str) -> str:
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


def to_new_article(
    page: ExtractedArticle,
    *,
    fetched_url: str,
    seen_urls: tuple[str, ...] = (),
    entry: FeedEntry | None = None,
    feed_id: int | None = None,
    feed_title: str | None = None,
) -> NewArticle:
    """Merge what the page says with what the feed said; the page wins where it has a value."""
    title = page.title or (entry.title if entry else None)
    if not title:
        raise ExtractionError("no title found")
    url = canonical_url(page.url or fetched_url)
    urls = dict.fromkeys([url, fetched_url, *seen_urls, *([entry.url] if entry else [])])
    return NewArticle(
        url=url,
        title=title,
        text=page.text,
        source=page.site_name or feed_title or host_of(url),
        authors=page.authors or (entry.authors if entry else ()),
        published_at=page.published_at or (entry.published_at if entry else None),
        site_name=page.site_name,
        image=page.image,
        lang=page.lang,
        description=page.description or (entry.summary if entry else None),
        license=page.license,
        feed_id=feed_id,
        seen_urls=tuple(u for u in urls if u),
        fingerprint=text_fingerprint(page.text),
    )


def headline_article(entry: FeedEntry, *, feed_id: int | None = None,
                     feed_title: str | None = None) -> NewArticle | None:
    """A headline-only article from what a feed said of an item whose page gave no body; None
    when the feed gave no title or no web address for it."""
    url = canonical_url(entry.url)
    if not entry.title or urlsplit(url).scheme not in ("http", "https"):
        return None
    return NewArticle(
        url=url,
        title=entry.title,
        text=entry.summary or "",
        source=feed_title or host_of(url),
        authors=entry.authors,
        published_at=entry.published_at,
        description=entry.summary,
        feed_id=feed_id,
        seen_urls=tuple(dict.fromkeys([url, entry.url])),
        headline_only=True,
    )


def save(engine: Engine, article: NewArticle, now: datetime) -> SaveResult:
    """Store one article (deduplicated) in its own short write transaction."""
    with engine.begin() as conn:
        return article_store.save_article(conn, _fingerprinted(article), now=now)


def save_batch(engine: Engine, batch: Sequence[NewArticle], now: datetime) -> list[SaveResult]:
    """Store articles (deduplicated, as `save` would one after another) in one write
    transaction of a few statements: for bulk loads."""
    with engine.begin() as conn:
        return article_store.save_articles(conn, [_fingerprinted(a) for a in batch], now=now)


def _fingerprinted(article: NewArticle) -> NewArticle:
    if article.fingerprint is None and not article.headline_only:
        return replace(article, fingerprint=text_fingerprint(article.text))
    return article
