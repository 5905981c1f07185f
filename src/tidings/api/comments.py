"""JSON API for comments. Writes need a user: `Authorization: Bearer TOKEN` (an API token from
the account page), or the session cookie together with the `X-CSRF-Token` header."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, HTTPException, Request, Response
from pydantic import BaseModel, Field
from sqlalchemy import Engine

from tidings.config import Settings
from tidings.model import User
from tidings.pipeline import accounts, comments
from tidings.pipeline.comments import CommentError, ThreadItem

router = APIRouter(tags=["comments"])


class CommentOut(BaseModel):
    id: int
    article_id: int
    parent_id: int | None
    author: str
    html: str | None = Field(description="Sanitised HTML; null for a deleted comment.")
    status: str
    created_at: datetime
    edited_at: datetime | None


class CommentIn(BaseModel):
    body: str = Field(max_length=20_000, description="Markdown (raw HTML is not rendered).")
    parent_id: int | None = None


class CommentEdit(BaseModel):
    body: str = Field(max_length=20_000)


class FlagIn(BaseModel):
    reason: str = Field("", max_length=500)


def _engine(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def _caller(request: Request, *, write: bool) -> User | None:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        owner = accounts.bearer_user(_engine(request), header[7:].strip())
        if owner is None:
            raise HTTPException(401, "Invalid or revoked API token.",
                                headers={"WWW-Authenticate": "Bearer"})
        return owner
    user: User | None = getattr(request.state, "user", None)
    if user and write:
        settings: Settings = request.app.state.settings
        secret = accounts.secret_key(_engine(request), settings)
        if not accounts.csrf_ok(secret, request.state.csrf_seed,
                                request.headers.get("x-csrf-token")):
            raise HTTPException(403, "Missing or wrong X-CSRF-Token header.")
    return user


def _writer(request: Request) -> User:
    user = _caller(request, write=True)
    if user is None:
        raise HTTPException(401, "Log in or send an API token.",
                            headers={"WWW-Authenticate": "Bearer"})
    return user


def _flatten(items: list[ThreadItem]) -> list[CommentOut]:
    out = []
    for item in items:
        c = item.comment
        out.append(CommentOut(
            id=c.id, article_id=c.article_id, parent_id=c.parent_id,
            author=c.display_name or c.username, html=c.html if item.shown else None,
            status=c.status, created_at=c.created_at, edited_at=c.edited_at))
        out.extend(_flatten(item.replies))
    return out


def _fail(error: CommentError) -> HTTPException:
    return HTTPException(error.status, str(error))


@router.get("/articles/{article_id}/comments")
def list_comments(request: Request, article_id: int) -> list[CommentOut]:
    """Comments on an article that the caller may see, parents before their replies."""
    viewer = _caller(request, write=False)
    return _flatten(comments.article_thread(_engine(request), article_id, viewer))


@router.post("/articles/{article_id}/comments", status_code=201)
def add_comment(request: Request, article_id: int, comment: CommentIn) -> CommentOut:
    user = _writer(request)
    client = request.client.host if request.client else "unknown"
    try:
        c = comments.post_comment(_engine(request), user, article_id, comment.body, ip=client,
                                  parent_id=comment.parent_id)
    except CommentError as error:
        raise _fail(error) from error
    return _flatten([ThreadItem(c, True, False, False)])[0]


@router.patch("/comments/{comment_id}")
def edit_comment(request: Request, comment_id: int, edit: CommentEdit) -> CommentOut:
    try:
        c = comments.edit_comment(_engine(request), _writer(request), comment_id, edit.body)
    except CommentError as error:
        raise _fail(error) from error
    return _flatten([ThreadItem(c, True, False, False)])[0]


@router.delete("/comments/{comment_id}", status_code=204)
def delete_comment(request: Request, comment_id: int) -> Response:
    try:
        comments.delete_comment(_engine(request), _writer(request), comment_id)
    except CommentError as error:
        raise _fail(error) from error
    return Response(status_code=204)


@router.post("/comments/{comment_id}/flag", status_code=202)
def flag_comment(request: Request, comment_id: int, flag: FlagIn) -> dict[str, bool]:
    try:
        new = comments.flag_comment(_engine(request), _writer(request), comment_id, flag.reason)
    except CommentError as error:
        raise _fail(error) from error
    return {"flagged": True, "new": new}
