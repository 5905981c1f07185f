"""The JSON API: articles, search, feed subscriptions and health.

Each route parses its input, calls one store/search/pipeline function and maps errors to
HTTP status codes with a one-line {"detail": ...}.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request, Response, status
from fastapi.responses import JSONResponse
from sqlalchemy.exc import SQLAlchemyError

from tidings import pipeline
from tidings.access.policy import Access, allow
from tidings.api.auth import engine_of, settings_of
from tidings.api.responses import BAD_REQUEST, NOT_FOUND, SIGNED_IN
from tidings.api.schemas import (
    ArticleList,
    ArticleOut,
    ArticleSummary,
    ErrorOut,
    FeedIn,
    FeedList,
    FeedOut,
    Health,
    SearchHitOut,
    SearchResults,
)
from tidings.ids import RowId
from tidings.model import SearchHit
from tidings.search import (
    MARK_END,
    MARK_START,
    SearchQueryError,
    highlight_html,
    search_articles,
)
from tidings.store import articles as article_store
from tidings.store import enrichment as enrichment_store
from tidings.store import feeds as feed_store

router = APIRouter()
ANYONE = [allow(Access.ANONYMOUS)]
ADMIN = [allow(Access.ADMIN)]

Limit = Annotated[int, Query(ge=1, le=200, description="Most items to return (1 to 200).")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Items to skip first.")]
SourceFilter = Annotated[
    str | None, Query(max_length=500, description="Only articles of this outlet (exact name).")
]
Since = Annotated[
    str | None,
    Query(
        max_length=40,
        description="Only articles published at or after this ISO date or datetime "
        "(UTC when no offset is given).",
    ),
]
Until = Annotated[
    str | None,
    Query(
        max_length=40,
        description="Only articles published before this ISO datetime; a plain date "
        "includes that whole day (UTC).",
    ),
]


def parse_when(value: str | None, *, name: str, end_of_day: bool = False) -> datetime | None:
    """An ISO date or datetime as an aware UTC datetime; HTTP 400 when it is not one.

    A plain date means its midnight (UTC), or the next midnight with `end_of_day`.
    """
    if value is None or not value.strip():
        return None
    value = value.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            day = date.fromisoformat(value) + timedelta(days=1 if end_of_day else 0)
            return datetime.combine(day, time.min, UTC)
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise HTTPException(
            400, f"{name} must be an ISO date or datetime such as 2024-03-31: {value!r}"
        ) from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


@router.get("/articles", response_model=ArticleList, responses=BAD_REQUEST, tags=["articles"],
            dependencies=ANYONE)
def list_articles(
    request: Request,
    limit: Limit = 50,
    offset: Offset = 0,
    source: SourceFilter = None,
    since: Since = None,
    until: Until = None,
) -> ArticleList:
    """Stored articles, newest first, with optional outlet and date filters."""
    since_at = parse_when(since, name="since")
    until_at = parse_when(until, name="until", end_of_day=True)
    source = source or None
    with engine_of(request).connect() as conn:
        total = article_store.count_articles(conn, source=source, since=since_at, until=until_at)
        articles = article_store.list_articles(
            conn, limit=limit, offset=offset, source=source, since=since_at, until=until_at
        )
    return ArticleList(
        items=[ArticleSummary.from_article(a) for a in articles],
        total=total,
        limit=limit,
        offset=offset,
    )


@router.get(
    "/articles/{article_id}", response_model=ArticleOut, responses=NOT_FOUND, tags=["articles"],
    dependencies=ANYONE,
)
def get_article(request: Request, article_id: RowId) -> ArticleOut:
    """One article with its text, every extracted field and what enrichment found."""
    with engine_of(request).connect() as conn:
        article = article_store.get_article(conn, article_id)
        enrichment = enrichment_store.article_enrichment(conn, article_id)
    if article is None:
        raise HTTPException(404, f"no article with id {article_id}")
    return ArticleOut.from_article(article, enrichment)


@router.get("/search", response_model=SearchResults, responses=BAD_REQUEST, tags=["search"],
            dependencies=ANYONE)
def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=500, description="Words to look for.")],
    limit: Annotated[int, Query(ge=1, le=200, description="Most results (1 to 200).")] = 20,
    offset: Offset = 0,
    source: SourceFilter = None,
    since: Since = None,
    until: Until = None,
) -> SearchResults:
    """Full-text search over titles and text, best matches first."""
    since_at = parse_when(since, name="since")
    until_at = parse_when(until, name="until", end_of_day=True)
    with engine_of(request).connect() as conn:
        try:
            hits = search_articles(
                conn, q, source=source or None, since=since_at, until=until_at,
                limit=limit, offset=offset,
            )  # fmt: skip
        except SearchQueryError as exc:
            raise HTTPException(400, f"bad search query: {exc}") from exc
    return SearchResults(query=q, items=[_hit(h) for h in hits], limit=limit, offset=offset)


def _hit(hit: SearchHit) -> SearchHitOut:
    return SearchHitOut(
        article=ArticleSummary.from_article(hit.article),
        rank=hit.rank,
        snippet=hit.snippet.replace(MARK_START, "").replace(MARK_END, ""),
        snippet_html=highlight_html(hit.snippet),
    )


@router.get("/feeds", response_model=FeedList, tags=["feeds"], responses=SIGNED_IN,
            dependencies=ADMIN)
def list_feeds(request: Request) -> FeedList:
    """Every subscribed feed with its polling state. Administrators only: a feed's address can
    carry a private token and its last error names hosts of the server's network."""
    with engine_of(request).connect() as conn:
        feeds = feed_store.list_feeds(conn)
    return FeedList(items=[FeedOut.from_feed(f) for f in feeds])


@router.post(
    "/feeds",
    response_model=FeedOut,
    status_code=status.HTTP_201_CREATED,
    responses={**BAD_REQUEST, **SIGNED_IN,
               409: {"model": ErrorOut, "description": "Already subscribed."}},
    tags=["feeds"],
    dependencies=[allow(Access.ADMIN, readers_when="readers_may_add_feeds")],
)
def add_feed(request: Request, body: FeedIn, response: Response) -> FeedOut:
    """Subscribe to a feed; it is polled at the next ingest run. Administrators only, unless
    TIDINGS_READERS_MAY_ADD_FEEDS lets every signed-in reader add one."""
    try:
        feed = pipeline.subscribe(
            engine_of(request), settings_of(request), body.url,
            title=body.title, interval_minutes=body.interval_minutes,
        )  # fmt: skip
    except pipeline.SubscribeError as exc:
        exists = isinstance(exc.__cause__, feed_store.FeedExistsError)
        raise HTTPException(409 if exists else 400, str(exc)) from exc
    response.headers["Location"] = f"/api/feeds/{feed.id}"
    return FeedOut.from_feed(feed)


@router.delete(
    "/feeds/{feed_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses={**NOT_FOUND, **SIGNED_IN},
    tags=["feeds"],
    dependencies=ADMIN,
)
def remove_feed(request: Request, feed_id: RowId) -> Response:
    """Unsubscribe; the feed's articles stay. Administrators only."""
    if not pipeline.unsubscribe(engine_of(request), feed_id):
        raise HTTPException(404, f"no feed with id {feed_id}")
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/health",
    response_model=Health,
    responses={503: {"model": Health, "description": "The database cannot be used."}},
    tags=["service"],
    dependencies=ANYONE,
)
def health(request: Request) -> Health | JSONResponse:
    """Whether the database answers, and how many articles it holds."""
    try:
        with engine_of(request).connect() as conn:
            count = article_store.count_articles(conn)
    except SQLAlchemyError as exc:
        reason = " ".join(str(getattr(exc, "orig", None) or exc).split()[:40]) or "unreachable"
        body = Health(status="error", database=f"unreachable: {reason}", articles=None)
        return JSONResponse(body.model_dump(), status_code=503)
    return Health(status="ok", database="ok", articles=count)
