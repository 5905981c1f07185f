"""Log in with OpenID Connect: /login/oidc sends the browser to the provider, which sends it
back to /login/oidc/callback. Both are 404 while TIDINGS_OIDC_ISSUER is unset.

The login's state, nonce and PKCE verifier travel in a signed, HttpOnly cookie that lives ten
minutes and is only sent to /login/oidc: it ties the callback to the browser that started the
login, so a callback URL made by someone else is refused (login CSRF).
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from tidings.access.policy import Access, allow
from tidings.config import Settings
from tidings.readers import accounts, oidc
from tidings.readers.oidc import LOGIN_SECONDS, OidcError
from tidings.web.flash import flash
from tidings.web.routes import render, templates
from tidings.web.sessions import SESSION_COOKIE, safe_next, set_cookie
from tidings.web.state import engine_of, settings_of

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
LOGIN_COOKIE = "tidings_oidc"
COOKIE_PATH = "/login/oidc"


def _oidc_settings(request: Request) -> Settings:
    """The settings, or 404 when OpenID Connect is not configured."""
    settings = settings_of(request)
    if not settings.oidc_issuer:
        raise HTTPException(404)
    return settings


def _redirect_uri(request: Request, settings: Settings) -> str:
    base = settings.public_url or str(request.base_url)
    return f"{base.rstrip('/')}/login/oidc/callback"


def oidc_name(request: Request) -> str | None:
    """The provider's name for the login button, or None when OIDC is off."""
    settings: Settings = request.app.state.settings
    return settings.oidc_name if settings.oidc_issuer else None


@router.get("/login/oidc", response_model=None,
            dependencies=[allow(Access.ANONYMOUS)])
def start(request: Request, next: str = "/") -> Response:
    settings = _oidc_settings(request)
    try:
        url, sealed = oidc.begin(engine_of(request), settings, _redirect_uri(request, settings),
                                 safe_next(next))
    except OidcError as error:
        return _failed(request, error)
    response = RedirectResponse(url, status_code=303)
    response.set_cookie(LOGIN_COOKIE, sealed, max_age=LOGIN_SECONDS, path=COOKIE_PATH,
                        httponly=True, samesite="lax", secure=request.url.scheme == "https")
    return response


@router.get("/login/oidc/callback", response_model=None,
            dependencies=[allow(Access.ANONYMOUS)])
def callback(request: Request, state: str | None = None, code: str | None = None,
             error: str | None = None) -> Response:
    settings = _oidc_settings(request)
    try:
        if error:
            raise OidcError(f"The provider refused the login ({error[:100]}).")
        _user, token, target = oidc.finish(
            engine_of(request), settings, sealed=request.cookies.get(LOGIN_COOKIE), state=state,
            code=code, redirect_uri=_redirect_uri(request, settings))
    except OidcError as failure:
        return _failed(request, failure)
    response = RedirectResponse(safe_next(target), status_code=303)
    set_cookie(request, response, SESSION_COOKIE, token,
               max_age=int(accounts.SESSION_LIFETIME.total_seconds()))
    response.delete_cookie(LOGIN_COOKIE, path=COOKIE_PATH)
    return flash(response, "logged_in")


def _failed(request: Request, error: OidcError) -> HTMLResponse:
    response = render(request, "account_message.html", status_code=400,
                      title="Login failed", message=str(error), login=True)
    response.delete_cookie(LOGIN_COOKIE, path=COOKIE_PATH)
    return flash(response, "logged_in")


templates.env.globals.update(oidc_name=oidc_name)
