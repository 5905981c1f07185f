"""JSON API for comments. Writes need a user: `Authorization: Bearer TOKEN` (an API token from
the account page), or the session cookie together with the `X-CSRF-Token` header (checked by
each route's `allow` rule)."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, HTTPException, Request, Response
from pydantic import BaseModel, Field

from tidings.access.policy import Access, Caller, allow, caller
from tidings.api.auth import engine_of
from tidings.api.responses import NOT_FOUND, REFUSED, SIGNED_IN, TOO_MANY
from tidings.ids import RowId
from tidings.model import CommentTarget, User
from tidings.readers import comments
from tidings.readers.comments import CommentError, ThreadItem

router = APIRouter(tags=["comments"])
ANYONE = [allow(Access.ANONYMOUS)]
READER = [allow(Access.READER)]
WRITE_REFUSALS = {**REFUSED, **SIGNED_IN, **NOT_FOUND, **TOO_MANY}
"""A comment refused (empty, too long, a reply elsewhere), not the caller's, not there, or
one too many in the rate window."""


class CommentOut(BaseModel):
    id: int
    article_id: int | None = Field(description="Set for a comment on an article.")
    story_id: int | None = Field(description="Set for a comment on a story.")
    parent_id: int | None
    author: str
    html: str | None = Field(description="Sanitised HTML; null for a deleted comment.")
    status: str
    created_at: datetime
    edited_at: datetime | None


class CommentIn(BaseModel):
    body: str = Field(max_length=20_000, description="Markdown (raw HTML is not rendered).")
    parent_id: RowId | None = None


class CommentEdit(BaseModel):
    body: str = Field(max_length=20_000)


class FlagIn(BaseModel):
    reason: str = Field("", max_length=500)


def _flatten(items: list[ThreadItem]) -> list[CommentOut]:
    out = []
    for item in items:
        c = item.comment
        out.append(CommentOut(
            id=c.id, article_id=c.article_id, story_id=c.story_id, parent_id=c.parent_id,
            author=c.display_name or c.username, html=c.html if item.shown else None,
            status=c.status, created_at=c.created_at, edited_at=c.edited_at))
        out.extend(_flatten(item.replies))
    return out


def _fail(error: CommentError) -> HTTPException:
    return HTTPException(error.status, str(error))


def _list(request: Request, target: CommentTarget) -> list[CommentOut]:
    viewer = caller(request)
    return _flatten(comments.thread(engine_of(request), target, viewer))


def _add(request: Request, user: User, target: CommentTarget, comment: CommentIn
         ) -> CommentOut:
    client = request.client.host if request.client else "unknown"
    try:
        c = comments.post_comment(engine_of(request), user, target, comment.body, ip=client,
                                  parent_id=comment.parent_id)
    except CommentError as error:
        raise _fail(error) from error
    return _flatten([ThreadItem(c, True, False, False)])[0]


@router.get("/articles/{article_id}/comments", dependencies=ANYONE)
def list_comments(request: Request, article_id: RowId) -> list[CommentOut]:
    """Comments on an article that the caller may see, parents before their replies."""
    return _list(request, CommentTarget("article", article_id))


@router.post("/articles/{article_id}/comments", status_code=201, responses=WRITE_REFUSALS,
             dependencies=READER)
def add_comment(request: Request, user: Caller, article_id: RowId, comment: CommentIn
                ) -> CommentOut:
    return _add(request, user, CommentTarget("article", article_id), comment)


@router.get("/stories/{story_id}/comments", dependencies=ANYONE)
def list_story_comments(request: Request, story_id: RowId) -> list[CommentOut]:
    """Comments on a story (or the story a merged one went into), parents before replies."""
    return _list(request, CommentTarget("story", story_id))


@router.post("/stories/{story_id}/comments", status_code=201, responses=WRITE_REFUSALS,
             dependencies=READER)
def add_story_comment(request: Request, user: Caller, story_id: RowId, comment: CommentIn
                      ) -> CommentOut:
    return _add(request, user, CommentTarget("story", story_id), comment)


@router.patch("/comments/{comment_id}", responses=WRITE_REFUSALS,
              dependencies=[allow(Access.OWNER, owner="the comment's author")])
def edit_comment(request: Request, user: Caller, comment_id: RowId, edit: CommentEdit
                 ) -> CommentOut:
    try:
        c = comments.edit_comment(engine_of(request), user, comment_id, edit.body)
    except CommentError as error:
        raise _fail(error) from error
    return _flatten([ThreadItem(c, True, False, False)])[0]


@router.delete("/comments/{comment_id}", status_code=204, responses=WRITE_REFUSALS,
               dependencies=[allow(Access.OWNER,
                                   owner="the comment's author (moderators may delete any)")])
def delete_comment(request: Request, user: Caller, comment_id: RowId) -> Response:
    try:
        comments.delete_comment(engine_of(request), user, comment_id)
    except CommentError as error:
        raise _fail(error) from error
    return Response(status_code=204)


@router.post("/comments/{comment_id}/flag", status_code=202, responses=WRITE_REFUSALS,
             dependencies=READER)
def flag_comment(request: Request, user: Caller, comment_id: RowId, flag: FlagIn
                 ) -> dict[str, bool]:
    try:
        new = comments.flag_comment(engine_of(request), user, comment_id, flag.reason)
    except CommentError as error:
        raise _fail(error) from error
    return {"flagged": True, "new": new}
