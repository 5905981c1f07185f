"""Response and request bodies of the JSON API, with the descriptions shown at /docs."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from tidings.api.enrichment_schemas import ArticleEntityOut, QuoteOut, SummaryOut
from tidings.model import Article, ArticleEnrichment, Feed, Image

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


class ImageOut(BaseModel):
    """The lead image of an article."""

    url: str = Field(description="Address of the image.")
    caption: str | None = Field(None, description="Caption given by the page.")
    credit: str | None = Field(None, description="Photographer or agency credit.")

    @classmethod
    def from_image(cls, image: Image | None) -> ImageOut | None:
        if image is None:
            return None
        return cls(url=image.url, caption=image.caption, credit=image.credit)


class ArticleSummary(BaseModel):
    """An article in a list: everything but its text."""

    id: int = Field(description="Tidings' id of the article.")
    url: str = Field(description="Canonical address of the article.")
    title: str = Field(description="Headline.")
    source: str = Field(description="Outlet's name as shown to readers.")
    authors: list[str] = Field(description="Authors, in the page's order.")
    published_at: datetime | None = Field(description="When the outlet published it (UTC).")
    fetched_at: datetime = Field(description="When Tidings stored it (UTC).")
    description: str | None = Field(description="The page's own summary, if any.")
    image: ImageOut | None = Field(description="Lead image, if any.")
    lang: str | None = Field(description="Language code, e.g. 'en'.")
    story_id: int | None = Field(description="The story it belongs to (null until clustered).")
    duplicate_of: int | None = Field(
        description="For a syndicated copy: the article it copies (shown instead of it)."
    )
    headline_only: bool = Field(
        description="Only the headline (and the feed's summary) is known, no body: read it at "
        "`url`."
    )

    @classmethod
    def from_article(cls, article: Article) -> ArticleSummary:
        return cls(**_summary_fields(article))


class ArticleOut(ArticleSummary):
    """One article with every field the extraction found."""

    urls: list[str] = Field(description="Every address the article was reached at.")
    text: str = Field(description="Main text, paragraphs separated by a blank line; for a "
                      "headline-only article, the feed's summary or an empty string.")
    paragraphs: list[str] = Field(description="The main text split into paragraphs.")
    site_name: str | None = Field(description="Site name declared by the page.")
    license: str | None = Field(description="Licence or credit line declared by the page.")
    external_id: str | None = Field(description="The feed's id (guid) of the item, if any.")
    feed_id: int | None = Field(description="The feed it came from; null for other imports.")
    summary: SummaryOut | None = Field(None, description="TL;DR and key points (null until "
                                       "the article is enriched).")
    entities: list[ArticleEntityOut] = Field(
        default_factory=list, description="People, organisations and places named, the most "
        "mentioned first."
    )
    quotes: list[QuoteOut] = Field(default_factory=list, description="Direct quotations.")

    @classmethod
    def from_article(cls, article: Article, enrichment: ArticleEnrichment | None = None
                     ) -> ArticleOut:
        paragraphs = [p.strip() for p in _BLANK_LINE.split(article.text) if p.strip()]
        enrichment = enrichment or ArticleEnrichment()
        return cls(
            **_summary_fields(article),
            urls=list(article.urls) or [article.url],
            text=article.text,
            paragraphs=paragraphs,
            site_name=article.site_name,
            license=article.license,
            external_id=article.external_id,
            feed_id=article.feed_id,
            summary=SummaryOut.from_record(enrichment.summary),
            entities=[ArticleEntityOut.from_ref(e) for e in enrichment.entities],
            quotes=[QuoteOut.from_record(q) for q in enrichment.quotes],
        )


def _summary_fields(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "url": article.url,
        "title": article.title,
        "source": article.source,
        "authors": list(article.authors),
        "published_at": article.published_at,
        "fetched_at": article.fetched_at,
        "description": article.description,
        "image": ImageOut.from_image(article.image),
        "lang": article.lang,
        "story_id": article.story_id,
        "duplicate_of": article.duplicate_of,
        "headline_only": article.headline_only,
    }


class ArticleList(BaseModel):
    """A page of articles, newest first."""

    items: list[ArticleSummary] = Field(description="The articles of this page.")
    total: int = Field(description="How many articles match the filters in all.")
    limit: int = Field(description="Most items per page, as asked.")
    offset: int = Field(description="Items skipped before this page, as asked.")


class SearchHitOut(BaseModel):
    """One ranked search result."""

    article: ArticleSummary = Field(description="The matching article.")
    rank: float = Field(description="Relevance; results come best first.")
    snippet: str = Field(description="Passage around the matched words, as plain text.")
    snippet_html: str = Field(
        description="The same passage HTML-escaped, matched words wrapped in <mark>."
    )


class SearchResults(BaseModel):
    """A page of ranked search results."""

    query: str = Field(description="The query as given.")
    items: list[SearchHitOut] = Field(description="Results, best first.")
    limit: int = Field(description="Most items per page, as asked.")
    offset: int = Field(description="Items skipped before this page, as asked.")


class FeedOut(BaseModel):
    """A subscribed feed and its polling state."""

    id: int = Field(description="Tidings' id of the feed.")
    url: str = Field(description="Address of the feed.")
    title: str | None = Field(description="Title given or found in the feed.")
    interval_minutes: int = Field(description="Minutes between two polls.")
    created_at: datetime = Field(description="When it was added (UTC).")
    last_fetched_at: datetime | None = Field(description="Last poll (UTC), if any.")
    last_status: str | None = Field(
        description='Outcome of the last poll: "ok", "not-modified" or "error".'
    )
    last_error: str | None = Field(description="Message of the last failed poll.")
    last_warnings: list[str] = Field(
        description="What the last poll that worked left out: one line per item skipped "
        'or field dropped ("item 3 skipped: not an http(s) URL: ...").'
    )
    error_count: int = Field(description="Polls failed in a row.")
    next_fetch_at: datetime | None = Field(description="When it will be polled next (UTC).")

    @classmethod
    def from_feed(cls, feed: Feed) -> FeedOut:
        return cls(
            id=feed.id,
            url=feed.url,
            title=feed.title,
            interval_minutes=feed.interval_minutes,
            created_at=feed.created_at,
            last_fetched_at=feed.last_fetched_at,
            last_status=feed.last_status,
            last_error=feed.last_error,
            last_warnings=(feed.last_warnings or "").splitlines(),
            error_count=feed.error_count,
            next_fetch_at=feed.next_fetch_at,
        )


class FeedList(BaseModel):
    """Every subscribed feed, in the order they were added."""

    items: list[FeedOut] = Field(description="The feeds.")


class FeedIn(BaseModel):
    """A feed to subscribe to."""

    model_config = ConfigDict(extra="forbid")

    url: str = Field(max_length=2000, description="Address of an RSS, Atom, JSON Feed or sitemap.")
    title: str | None = Field(None, max_length=500, description="Title to show for it.")
    interval_minutes: int | None = Field(
        None, ge=1, le=7 * 24 * 60, description="Minutes between polls (default from settings)."
    )


class Health(BaseModel):
    """Whether the service and its database work."""

    status: str = Field(description='"ok" when everything works.')
    database: str = Field(description='"ok", or why the database cannot be used.')
    articles: int | None = Field(description="Stored articles; null when the database failed.")


class ErrorOut(BaseModel):
    """An error."""

    detail: str = Field(description="What went wrong, in one line.")
