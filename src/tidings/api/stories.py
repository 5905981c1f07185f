"""Stories in the JSON API: lists, one story with its articles, and related coverage."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, HTTPException, Query, Request
from pydantic import BaseModel, Field

from tidings.access.policy import Access, allow
from tidings.api.auth import engine_of
from tidings.api.responses import NOT_FOUND
from tidings.api.schemas import ArticleSummary
from tidings.ids import RowId
from tidings.model import Story
from tidings.store import articles as article_store
from tidings.store import stories as story_store
from tidings.store.coverage import related_coverage

router = APIRouter()
ANYONE = [allow(Access.ANONYMOUS)]
STORY_ARTICLES = 200
"""Articles of a story given by default: every one of all but the biggest stories."""
MAX_STORY_ARTICLES = 1000

class StoryOut(BaseModel):
    """Articles from one or more outlets about the same event."""

    id: int = Field(description="The story's id (the id of the article that started it).")
    title: str = Field(description="Its most representative headline.")
    label: str = Field(description="A few key terms and names.")
    first_seen_at: datetime = Field(description="When the first article appeared (UTC).")
    last_seen_at: datetime = Field(description="When the latest article appeared (UTC).")
    first_source: str = Field(description="The outlet that reported it first.")
    article_count: int = Field(description="Articles in the story.")
    source_count: int = Field(description="Outlets that covered it.")

    @classmethod
    def from_story(cls, story: Story) -> StoryOut:
        return cls(**vars(story))


class StoryList(BaseModel):
    items: list[StoryOut]
    total: int = Field(description="Stories with at least `min_articles` articles.")
    limit: int
    offset: int


class StoryDetail(StoryOut):
    articles: list[ArticleSummary] = Field(
        description="Its articles, oldest first: `limit` of them from `offset` (every one of "
        "a story of up to `limit`; `article_count` says how many there are in all).")
    limit: int = Field(description="Most articles given, as asked.")
    offset: int = Field(description="Articles skipped, oldest first, as asked.")


class RelatedItem(BaseModel):
    article: ArticleSummary
    relation: str = Field(description='"same-story" (another outlet\'s take on the same event) '
                          'or "nearby-story" (a related story).')


class RelatedList(BaseModel):
    story_id: int | None = Field(description="The article's story.")
    items: list[RelatedItem]


@router.get("/stories", response_model=StoryList, tags=["stories"], dependencies=ANYONE)
def list_stories(
    request: Request,
    limit: int = Query(50, ge=1, le=200),
    offset: int = Query(0, ge=0, le=10_000_000),
    min_articles: int = Query(1, ge=1, le=1_000_000, description="Leave out smaller stories."),
) -> StoryList:
    """Stories, most recently active first."""
    with engine_of(request).connect() as conn:
        found = story_store.list_stories(conn, limit=limit, offset=offset,
                                         min_articles=min_articles)
        total = story_store.count_stories(conn, min_articles=min_articles)
    return StoryList(items=[StoryOut.from_story(s) for s in found], total=total, limit=limit,
                     offset=offset)


@router.get("/stories/{story_id}", response_model=StoryDetail, responses=NOT_FOUND,
            tags=["stories"], dependencies=ANYONE)
def get_story(
    request: Request,
    story_id: RowId,
    limit: int = Query(STORY_ARTICLES, ge=1, le=MAX_STORY_ARTICLES,
                       description="Most articles to give."),
    offset: int = Query(0, ge=0, le=10_000_000, description="Articles to skip, oldest first."),
) -> StoryDetail:
    """One story with a page of its articles, oldest first (a merged story's old id answers
    with the story it joined)."""
    with engine_of(request).connect() as conn:
        story = story_store.get_story(conn, story_store.resolve_story_id(conn, story_id))
        members = (story_store.story_listing(conn, story.id, limit=limit, offset=offset)
                   if story else [])
    if story is None:
        raise HTTPException(404, "no such story")
    return StoryDetail(**vars(story), articles=[ArticleSummary.from_article(a) for a in members],
                       limit=limit, offset=offset)


@router.get("/articles/{article_id}/related", response_model=RelatedList,
            responses=NOT_FOUND, tags=["articles"], dependencies=ANYONE)
def related(request: Request, article_id: RowId) -> RelatedList:
    """Related coverage: the same story's other outlets first, then nearby stories."""
    with engine_of(request).connect() as conn:
        article = article_store.get_article(conn, article_id)
        if article is None:
            raise HTTPException(404, "no such article")
        items = related_coverage(conn, article)
    return RelatedList(story_id=article.story_id, items=[
        RelatedItem(article=ArticleSummary.from_article(r.article),
                    relation="same-story" if r.same_story else "nearby-story")
        for r in items
    ])
