"""The moderation queue: held and flagged comments, and what moderators do with them."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tidings.access.policy import Access, Caller, allow
from tidings.ids import RowId
from tidings.readers import comments
from tidings.readers.comments import CommentError
from tidings.web.routes import render
from tidings.web.sessions import safe_next
from tidings.web.state import engine_of

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
MODERATOR = [allow(Access.MODERATOR)]


@router.get("/moderation", dependencies=MODERATOR)
def queue(request: Request) -> HTMLResponse:
    return render(request, "moderation.html", queue=comments.review_queue(engine_of(request)))


@router.post("/moderation/comments/{comment_id}/{action}", dependencies=MODERATOR)
def act(request: Request, moderator: Caller, comment_id: RowId,
        action: Literal["approve", "hide", "ban"],
        next: Annotated[str, Form(max_length=500)] = "/moderation") -> Response:
    try:
        comments.moderate(engine_of(request), moderator, comment_id, action)
    except CommentError as error:
        raise HTTPException(error.status, str(error)) from error
    return RedirectResponse(safe_next(next), status_code=303)
