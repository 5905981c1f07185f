"""JSON API for following: `GET/POST/DELETE /api/follows` and `GET /api/for-you`.

Every call needs a user: `Authorization: Bearer TOKEN`, or the session cookie (writes then
also need the `X-CSRF-Token` header). A reader only ever sees and removes their own follows.
"""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, HTTPException, Request, Response
from pydantic import BaseModel, Field

from tidings.access.policy import Access, Caller, allow
from tidings.api.auth import engine_of
from tidings.api.responses import NOT_FOUND, REFUSED, SIGNED_IN
from tidings.api.schemas import ArticleSummary
from tidings.ids import RowId
from tidings.model import Follow
from tidings.readers import follows
from tidings.readers.follows import FollowError

router = APIRouter(tags=["follows"])
READER = [allow(Access.READER)]


class FollowIn(BaseModel):
    kind: str = Field(description="outlet, topic, search, entity, story, mute_word or "
                      "mute_outlet.")
    value: str = Field(max_length=500, description="Outlet name, search words, or the "
                       "entity's or story's id.")
    source: str = Field("", max_length=500, description="A saved search's outlet filter.")
    alerts: str = Field("default", description="default, email, webhook, both or none.")


class FollowOut(BaseModel):
    id: int
    kind: str
    value: str
    source: str
    label: str
    alerts: str
    created_at: datetime

    @classmethod
    def of(cls, item: Follow) -> FollowOut:
        return cls(id=item.id, kind=item.kind, value=item.value, source=item.source,
                   label=item.label, alerts=item.alerts, created_at=item.created_at)


class ForYouItem(BaseModel):
    story_id: int | None
    title: str
    reasons: list[str]
    articles: list[ArticleSummary] = Field(description="Matched articles, newest first.")


class ForYouOut(BaseModel):
    unread: int = Field(description="Matched articles the reader has not opened.")
    items: list[ForYouItem]


@router.get("/follows", responses=SIGNED_IN, dependencies=READER)
def list_follows(request: Request, user: Caller) -> list[FollowOut]:
    """What the caller follows and mutes, oldest first."""
    return [FollowOut.of(f) for f in follows.list_follows(engine_of(request), user)]


@router.post("/follows", status_code=201, responses={**REFUSED, **SIGNED_IN},
             dependencies=READER)
def add_follow(request: Request, user: Caller, item: FollowIn) -> FollowOut:
    try:
        added = follows.follow(engine_of(request), user, item.kind, item.value,
                               source=item.source, alerts=item.alerts)
    except FollowError as error:
        raise HTTPException(400, str(error)) from error
    return FollowOut.of(added)


@router.delete("/follows/{follow_id}", status_code=204, responses={**NOT_FOUND, **SIGNED_IN},
               dependencies=[allow(Access.OWNER, owner="the reader who follows it")])
def remove_follow(request: Request, user: Caller, follow_id: RowId) -> Response:
    if not follows.unfollow(engine_of(request), user, follow_id):
        raise HTTPException(404, "You follow no such thing.")
    return Response(status_code=204)


@router.get("/for-you", responses=SIGNED_IN, dependencies=READER)
def for_you(request: Request, user: Caller) -> ForYouOut:
    """Stories among what the caller follows, newest and broadest first, mutes removed."""
    found = follows.for_you(engine_of(request), user)
    return ForYouOut(unread=found.unread, items=[ForYouItem(
        story_id=g.story.id if g.story else None,
        title=g.story.title if g.story else g.lead.title, reasons=list(g.reasons),
        articles=[ArticleSummary.from_article(a) for a in g.articles],
    ) for g in found.groups])
