"""One-time confirmations after a form ("You are logged in", "Your comment is waiting for a
moderator"), shown once on the page the form redirects to.

A form handler calls `flash(response, key)`; the key travels in a short-lived cookie and the
next HTML page shows its message (a template global) and clears the cookie. Only keys of
`MESSAGES` are shown, so the cookie cannot carry text of its own.
"""

from __future__ import annotations

from fastapi import Request, Response
from starlette.datastructures import MutableHeaders

from tidings.model import User
from tidings.web.response_start import HeaderEdit, HeaderMiddleware, add_cookies
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


class ShowOnce(HeaderMiddleware):
    """ASGI middleware: a page that could show the flash clears it; redirects pass it on."""

    async def start(self, request: Request) -> HeaderEdit | None:
        if FLASH_COOKIE not in request.cookies:
            return None

        def edit(status: int, headers: MutableHeaders) -> None:
            setting = any(c.startswith(f"{FLASH_COOKIE}=") for c in headers.getlist("set-cookie"))
            is_page = headers.get("content-type", "").startswith("text/html")
            if is_page and not setting and not 300 <= status < 400:
                cookies = Response()
                cookies.delete_cookie(FLASH_COOKIE, path="/")
                add_cookies(headers, cookies)

        return edit


def flash_message(request: Request) -> str:
    """The pending confirmation for this page, or ""."""
    template = MESSAGES.get(request.cookies.get(FLASH_COOKIE, ""), "")
    user: User | None = getattr(request.state, "user", None)
    name = (user.display_name or user.username) if user else "reader"
    return template.format(name=name)


templates.env.globals.update(flash_message=flash_message)
