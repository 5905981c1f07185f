"""Comments on article and story pages: the thread (a template global those pages include)
and the forms to post, reply, edit, delete and flag."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tidings.access.policy import Access, Caller, allow
from tidings.ids import RowId
from tidings.model import CommentTarget, User
from tidings.readers import comments
from tidings.readers.comments import CommentError
from tidings.web.flash import flash
from tidings.web.routes import render, templates
from tidings.web.sessions import client_ip, current_user, safe_next
from tidings.web.state import engine_of

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
READER = [allow(Access.READER)]
AUTHOR = [allow(Access.OWNER, owner="the comment's author (moderators may delete any)")]
Body = Annotated[str, Form(max_length=20_000)]
Back = Annotated[str, Form(max_length=500)]
"""The page the form was on (/articles/7), for the way back; only same-site paths are used."""


def comment_target(kind: Literal["article", "story"], target_id: int) -> CommentTarget:
    return CommentTarget(kind, target_id)


def comment_section(request: Request, target: CommentTarget) -> dict[str, Any]:
    """What `_comments.html` shows under an article or story, for the person looking."""
    viewer = current_user(request)
    return {"viewer": viewer, "target": target, "limit": comments.RULES.max_length,
            "thread": comments.thread(engine_of(request), target, viewer)}


def _refused(request: Request, error: CommentError, back: str, body: str,
             action: str, parent_id: int | None = None) -> HTMLResponse:
    """The comment form again, with the reader's text and what to fix."""
    return render(request, "comment_form.html", status_code=error.status, error=str(error),
                  body=body, action=action, back=safe_next(back), parent_id=parent_id,
                  limit=comments.RULES.max_length)


def _back(target: CommentTarget, comment_id: int | None = None) -> RedirectResponse:
    anchor = f"#comment-{comment_id}" if comment_id else "#comments"
    return RedirectResponse(f"{target.path}{anchor}", status_code=303)


def _post(request: Request, user: User, target: CommentTarget, body: str,
          parent_id: int | None) -> Response:
    try:
        comment = comments.post_comment(engine_of(request), user, target, body,
                                        ip=client_ip(request), parent_id=parent_id)
    except CommentError as error:
        return _refused(request, error, target.path, body, f"{target.path}/comments", parent_id)
    held = comment.status == "held"
    return flash(_back(comment.target, comment.id), "comment_held" if held else "comment_posted")


@router.post("/articles/{article_id}/comments", dependencies=READER)
def post(request: Request, user: Caller, article_id: RowId, body: Body,
         parent_id: Annotated[RowId | None, Form()] = None) -> Response:
    return _post(request, user, CommentTarget("article", article_id), body, parent_id)


@router.post("/stories/{story_id}/comments", dependencies=READER)
def post_on_story(request: Request, user: Caller, story_id: RowId, body: Body,
                  parent_id: Annotated[RowId | None, Form()] = None) -> Response:
    return _post(request, user, CommentTarget("story", story_id), body, parent_id)


@router.post("/comments/{comment_id}/edit",
             dependencies=[allow(Access.OWNER, owner="the comment's author")])
def edit(request: Request, user: Caller, comment_id: RowId, body: Body, back: Back = "/"
         ) -> Response:
    try:
        comment = comments.edit_comment(engine_of(request), user, comment_id, body)
    except CommentError as error:
        return _refused(request, error, back, body, f"/comments/{comment_id}/edit")
    held = comment.status == "held"
    return flash(_back(comment.target, comment.id), "comment_held" if held else "comment_edited")


@router.post("/comments/{comment_id}/delete", dependencies=AUTHOR)
def delete(request: Request, user: Caller, comment_id: RowId) -> Response:
    try:
        comment = comments.delete_comment(engine_of(request), user, comment_id)
    except CommentError as error:
        raise HTTPException(error.status, str(error)) from error
    return flash(_back(comment.target), "comment_deleted")


@router.post("/comments/{comment_id}/flag", dependencies=READER)
def flag(request: Request, user: Caller, comment_id: RowId, back: Back = "/",
         reason: Annotated[str, Form(max_length=500)] = "") -> Response:
    try:
        comments.flag_comment(engine_of(request), user, comment_id, reason)
    except CommentError as error:
        raise HTTPException(error.status, str(error)) from error
    return render(request, "account_message.html", title="Thank you",
                  message="A moderator will look at this comment.", back=safe_next(back))


templates.env.globals.update(comment_section=comment_section, comment_target=comment_target)
