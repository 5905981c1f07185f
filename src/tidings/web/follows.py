"""Following in the reader: Follow / Unfollow and Mute buttons (a template global), the For
you page, saved articles and the alert preferences on the account page."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tidings.access.policy import Access, Caller, allow, signed_in
from tidings.ids import RowId
from tidings.model import Article
from tidings.readers import follows
from tidings.readers.follows import FollowError
from tidings.store import alerts as alert_store
from tidings.web.flash import flash
from tidings.web.routes import card, render, templates
from tidings.web.sessions import current_user, safe_next
from tidings.web.state import engine_of

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
READER = [allow(Access.READER)]
Value = Annotated[str, Form(max_length=500)]
Next = Annotated[str, Form(max_length=500)]


def follow_button(request: Request, kind: str, value: object, source: str = "") -> dict[str, Any]:
    """What `_follow.html` needs: the viewer's follow of this thing, if any."""
    user = current_user(request)
    found = follows.find_follow(engine_of(request), user, kind, str(value), source)
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return {"signed_in": user is not None, "kind": kind, "value": str(value), "source": source,
            "follow": found, "next": here}


def account_follows(request: Request) -> dict[str, Any]:
    """The account page's section: follows and mutes, alert and digest choices, deliveries."""
    user = signed_in(request)
    with engine_of(request).connect() as conn:
        recent = alert_store.user_deliveries(conn, user.id, limit=10)
    return {"follows": follows.list_follows(engine_of(request), user),
            "prefs": follows.prefs(engine_of(request), user), "deliveries": recent}


def article_actions(request: Request, article: Article) -> dict[str, Any]:
    user = current_user(request)
    saved = user is not None and follows.is_saved(engine_of(request), user, article.id)
    return {"signed_in": user is not None, "saved": saved, "article": article}


@router.post("/follows", dependencies=READER)
def add(request: Request, user: Caller, kind: Annotated[str, Form(max_length=20)], value: Value,
        source: Value = "", alerts: Annotated[str, Form(max_length=10)] = "default",
        next: Next = "/account#follows") -> Response:
    try:
        follows.follow(engine_of(request), user, kind, value, source=source,
                       alerts=alerts)
    except FollowError as error:
        raise HTTPException(400, str(error)) from error
    message = "muted" if kind.startswith("mute_") else "followed"
    return flash(RedirectResponse(safe_next(next), status_code=303), message)


@router.post("/follows/{follow_id}/delete",
             dependencies=[allow(Access.OWNER, owner="the reader who follows it")])
def remove(request: Request, user: Caller, follow_id: RowId, next: Next = "/account#follows"
           ) -> Response:
    if not follows.unfollow(engine_of(request), user, follow_id):
        raise HTTPException(404, "You follow no such thing.")
    return flash(RedirectResponse(safe_next(next), status_code=303), "unfollowed")


@router.get("/for-you", dependencies=READER)
def for_you(request: Request, user: Caller) -> Response:
    found = follows.for_you(engine_of(request), user)
    return render(request, "for_you.html", nav="for-you", items=_items(found.groups),
                  earlier=_items(found.earlier), counts=found.counts, unread=found.unread,
                  read=found.read, window_days=follows.FOR_YOU_WINDOW.days,
                  following=follows.list_follows(engine_of(request), user))


def _items(groups: list[Any]) -> list[dict[str, Any]]:
    return [{"group": g, "lead": card(g.lead), "others": g.articles[1:4]} for g in groups]


@router.get("/saved", dependencies=READER)
def saved(request: Request, user: Caller) -> Response:
    cards = [card(a) for a in follows.saved_articles(engine_of(request), user)]
    return render(request, "saved.html", nav="saved", cards=cards)


@router.post("/articles/{article_id}/save", dependencies=READER)
def save(request: Request, user: Caller, article_id: RowId, saved: Annotated[bool, Form()] = True
         ) -> Response:
    follows.set_saved(engine_of(request), user, article_id, saved)
    response = RedirectResponse(f"/articles/{article_id}", status_code=303)
    return flash(response, "saved" if saved else "unsaved")


@router.post("/account/alerts", dependencies=READER)
def alert_prefs(request: Request, user: Caller, webhook_url: Value = "",
                email_alerts: Annotated[bool, Form()] = False,
                digest: Annotated[str, Form(max_length=10)] = "off") -> Response:
    try:
        follows.update_prefs(engine_of(request), user, email_alerts=email_alerts,
                             webhook_url=webhook_url, digest=digest)
    except FollowError as error:
        raise HTTPException(400, str(error)) from error
    return flash(RedirectResponse("/account#alerts", status_code=303), "alerts_saved")


templates.env.globals.update(follow_button=follow_button, account_follows=account_follows,
                             article_actions=article_actions)
