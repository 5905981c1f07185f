"""The moderation queue: held and flagged comments, and what moderators do with them."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tidings.ids import RowId
from tidings.model import User
from tidings.pipeline import comments
from tidings.pipeline.comments import CommentError
from tidings.web.routes import render
from tidings.web.sessions import check_csrf, current_user, safe_next
from tidings.web.state import engine_of

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def _moderator(request: Request) -> User:
    user = current_user(request)
    if user is None or not user.is_moderator:
        raise HTTPException(403, "Only moderators can see this page.")
    return user


@router.get("/moderation")
def queue(request: Request) -> HTMLResponse:
    _moderator(request)
    return render(request, "moderation.html", queue=comments.review_queue(engine_of(request)))


@router.post("/moderation/comments/{comment_id}/{action}", dependencies=[Depends(check_csrf)])
def act(request: Request, comment_id: RowId, action: Literal["approve", "hide", "ban"],
        next: Annotated[str, Form(max_length=500)] = "/moderation") -> Response:
    try:
        comments.moderate(engine_of(request), _moderator(request), comment_id, action)
    except CommentError as error:
        raise HTTPException(error.status, str(error)) from error
    return RedirectResponse(safe_next(next), status_code=303)
