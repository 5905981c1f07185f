"""Comments on article pages: the thread (a template global the article page includes) and
the forms to post, reply, edit, delete and flag."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Engine

from tidings.model import User
from tidings.pipeline import comments
from tidings.pipeline.comments import CommentError
from tidings.web.routes import render, templates
from tidings.web.sessions import check_csrf, client_ip, current_user

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse,
                   dependencies=[Depends(check_csrf)])
Body = Annotated[str, Form(max_length=20_000)]


def _engine(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def comment_section(request: Request, article_id: int) -> dict[str, Any]:
    """What `_comments.html` shows under an article, for the person looking."""
    viewer = current_user(request)
    return {"viewer": viewer, "article_id": article_id,
            "thread": comments.article_thread(_engine(request), article_id, viewer)}


def _user(request: Request) -> User:
    user = current_user(request)
    if user is None:
        raise HTTPException(403, "Log in to comment.")
    return user


def _refused(request: Request, error: CommentError, article_id: int, body: str,
             action: str, parent_id: int | None = None) -> HTMLResponse:
    """The comment form again, with the reader's text and what to fix."""
    return render(request, "comment_form.html", status_code=error.status, error=str(error),
                  body=body, action=action, article_id=article_id, parent_id=parent_id)


def _back(article_id: int, comment_id: int | None = None) -> RedirectResponse:
    anchor = f"#comment-{comment_id}" if comment_id else "#comments"
    return RedirectResponse(f"/articles/{article_id}{anchor}", status_code=303)


@router.post("/articles/{article_id}/comments")
def post(request: Request, article_id: int, body: Body,
         parent_id: Annotated[int | None, Form()] = None) -> Response:
    try:
        comment = comments.post_comment(_engine(request), _user(request), article_id, body,
                                        ip=client_ip(request), parent_id=parent_id)
    except CommentError as error:
        return _refused(request, error, article_id, body, f"/articles/{article_id}/comments",
                        parent_id)
    return _back(article_id, comment.id)


@router.post("/comments/{comment_id}/edit")
def edit(request: Request, comment_id: int, body: Body,
         article_id: Annotated[int, Form()]) -> Response:
    try:
        comment = comments.edit_comment(_engine(request), _user(request), comment_id, body)
    except CommentError as error:
        return _refused(request, error, article_id, body, f"/comments/{comment_id}/edit")
    return _back(comment.article_id, comment.id)


@router.post("/comments/{comment_id}/delete")
def delete(request: Request, comment_id: int) -> Response:
    try:
        comment = comments.delete_comment(_engine(request), _user(request), comment_id)
    except CommentError as error:
        raise HTTPException(error.status, str(error)) from error
    return _back(comment.article_id)


@router.post("/comments/{comment_id}/flag")
def flag(request: Request, comment_id: int, article_id: Annotated[int, Form()],
         reason: Annotated[str, Form(max_length=500)] = "") -> Response:
    try:
        comments.flag_comment(_engine(request), _user(request), comment_id, reason)
    except CommentError as error:
        raise HTTPException(error.status, str(error)) from error
    return render(request, "account_message.html", title="Thank you",
                  message="A moderator will look at this comment.", back=article_id)


templates.env.globals.update(comment_section=comment_section)
