"""One-time confirmations after a form ("You are logged in", "Your comment is waiting for a
moderator"), shown once on the page the form redirects to.

A form handler calls `flash(response, key)`; the key travels in a short-lived cookie and the
next HTML page shows its message (a template global) and clears the cookie. Only keys of
`MESSAGES` are shown, so the cookie cannot carry text of its own.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import Request, Response

from tidings.model import User
from tidings.web.routes import templates

FLASH_COOKIE = "tidings_flash"
MESSAGES: dict[str, str] = {
    "signed_up": "Welcome to Tidings, {name}: your account is ready. Follow outlets, topics "
    "or people and their news gathers in For you.",
    "logged_in": "You are logged in as {name}.",
    "logged_out": "You are logged out.",
    "profile_saved": "Your profile is saved.",
    "password_changed": "Your password is changed; other sessions were logged out.",
    "comment_posted": "Your comment is posted.",
    "comment_held": "Your comment is waiting for a moderator: it appears to others once "
    "approved.",
    "comment_edited": "Your changes are saved.",
    "comment_deleted": "Your comment is deleted.",
    "followed": "Followed. Matching news now gathers in For you.",
    "unfollowed": "Removed: it no longer shapes For you.",
    "muted": "Muted: it no longer appears in For you.",
    "saved": "Saved for later: find it under Saved.",
    "unsaved": "Removed from Saved.",
    "alerts_saved": "Your alert and digest choices are saved.",
    "subscribed": "Subscribed. New feeds are fetched now: their articles appear in a few "
    "seconds.",
    "subscription_saved": "Your feed is saved.",
    "unsubscribed": "Unsubscribed: the feed is gone from your list.",
    "api_password_revoked": "Your API password is revoked: reader apps using it are signed out.",
}


def flash(response: Response, key: str) -> Response:
    """Have the next page show MESSAGES[key] once."""
    if key not in MESSAGES:
        raise KeyError(key)
    response.set_cookie(FLASH_COOKIE, key, max_age=120, path="/", httponly=True,
                        samesite="lax")
    return response


async def show_once(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """Middleware: a page that could show the flash clears it; redirects pass it on."""
    response = await call_next(request)
    pending = FLASH_COOKIE in request.cookies
    setting = any(c.startswith(f"{FLASH_COOKIE}=") for c in response.headers.getlist("set-cookie"))
    is_page = response.headers.get("content-type", "").startswith("text/html")
    if pending and is_page and not setting and not 300 <= response.status_code < 400:
        response.delete_cookie(FLASH_COOKIE, path="/")
    return response


def flash_message(request: Request) -> str:
    """The pending confirmation for this page, or ""."""
    template = MESSAGES.get(request.cookies.get(FLASH_COOKIE, ""), "")
    user: User | None = getattr(request.state, "user", None)
    name = (user.display_name or user.username) if user else "reader"
    return template.format(name=name)


templates.env.globals.update(flash_message=flash_message)
