"""Account pages: sign up, log in, log out, the account page (profile, password, API tokens)
and password reset by email. Every form re-renders with what was typed when it is refused."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool

from tidings.access.policy import Access, Caller, allow
from tidings.config import Settings
from tidings.ids import RowId
from tidings.model import User
from tidings.pipeline import reader_apps
from tidings.readers import accounts
from tidings.readers.accounts import AccountError
from tidings.web.flash import flash
from tidings.web.routes import render
from tidings.web.sessions import SESSION_COOKIE, client_ip, safe_next, set_cookie
from tidings.web.state import engine_of

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
Text = Annotated[str, Form(max_length=5000)]
Secret = Annotated[str, Form(max_length=1024)]
Next = Annotated[str, Form(max_length=500)]
ANYONE = [allow(Access.ANONYMOUS)]
READER = [allow(Access.READER)]


def _signed_in(request: Request, token: str, target: str, message: str) -> Response:
    response = RedirectResponse(safe_next(target), status_code=303)
    set_cookie(request, response, SESSION_COOKIE, token,
               max_age=int(accounts.SESSION_LIFETIME.total_seconds()))
    return flash(response, message)


def _form(request: Request, template: str, error: AccountError | None = None,
          **values: object) -> HTMLResponse:
    status = 400 if error else 200
    return render(request, template, status_code=status, error=str(error) if error else "",
                  error_field=error.field if error else "", values=values)


@router.get("/signup", dependencies=ANYONE)
def signup_page(request: Request, next: str = "/") -> HTMLResponse:
    return _form(request, "signup.html", next=safe_next(next))


@router.post("/signup", dependencies=ANYONE)
def signup(request: Request, username: Text, email: Text, password: Secret,
           display_name: Annotated[str, Form(max_length=5000)] = "", next: Next = "/",
           ) -> Response:
    try:
        user = accounts.sign_up(engine_of(request), username=username, email=email,
                                password=password, display_name=display_name)
    except AccountError as error:
        return _form(request, "signup.html", error, username=username, email=email,
                     display_name=display_name, next=next)
    return _signed_in(request, accounts.start_session(engine_of(request), user.id), next,
                      "signed_up")


@router.get("/login", dependencies=ANYONE)
def login_page(request: Request, next: str = "/") -> HTMLResponse:
    return _form(request, "login.html", next=safe_next(next))


@router.post("/login", dependencies=ANYONE)
def login(request: Request, username: Text, password: Secret,
          next: Next = "/") -> Response:
    try:
        _user, token = accounts.log_in(engine_of(request), username, password, client_ip(request))
    except AccountError as error:
        return _form(request, "login.html", error, username=username, next=next)
    return _signed_in(request, token, next, "logged_in")


@router.post("/logout", dependencies=ANYONE)
def logout(request: Request) -> Response:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        accounts.log_out(engine_of(request), token)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return flash(response, "logged_out")


def _account_page(request: Request, user: User, *, error: AccountError | None = None,
                  new_token: str = "", new_api_password: str = "", new_feed_token: str = "",
                  **values: object) -> HTMLResponse:
    engine = engine_of(request)
    return render(request, "account.html", status_code=400 if error else 200, user=user,
                  error=str(error) if error else "", error_field=error.field if error else "",
                  values=values, new_token=new_token, new_api_password=new_api_password,
                  api_password_created=reader_apps.api_password_created(engine, user),
                  new_feed_token=new_feed_token,
                  has_feed_token=reader_apps.has_feed_token(engine, user),
                  tokens=accounts.list_api_tokens(engine, user))


@router.get("/account", dependencies=READER)
def account_page(request: Request, user: Caller) -> Response:
    return _account_page(request, user)


@router.post("/account/profile", dependencies=READER)
def profile(request: Request, user: Caller,
            display_name: Annotated[str, Form(max_length=5000)] = "") -> Response:
    try:
        accounts.update_profile(engine_of(request), user, display_name)
    except AccountError as error:
        return _account_page(request, user, error=error, display_name=display_name)
    return flash(RedirectResponse("/account", status_code=303), "profile_saved")


@router.post("/account/password", dependencies=READER)
def password(request: Request, user: Caller, current: Secret, password: Secret) -> Response:
    try:
        token = accounts.change_password(engine_of(request), user, current, password)
    except AccountError as error:
        return _account_page(request, user, error=error)
    return _signed_in(request, token, "/account", "password_changed")


@router.post("/account/tokens", dependencies=READER)
def new_token(request: Request, user: Caller,
              name: Annotated[str, Form(max_length=80)] = "") -> Response:
    _stored, token = accounts.create_api_token(engine_of(request), user, name)
    return _account_page(request, user, new_token=token)


@router.post("/account/tokens/{token_id}/revoke",
             dependencies=[allow(Access.OWNER, owner="the reader the API token belongs to")])
def revoke_token(request: Request, user: Caller, token_id: RowId) -> Response:
    if not accounts.revoke_api_token(engine_of(request), user, token_id):
        raise HTTPException(404, "You have no such live API token.")
    return RedirectResponse("/account", status_code=303)


@router.get("/account/reset", dependencies=ANYONE)
def reset_request_page(request: Request) -> HTMLResponse:
    return _form(request, "reset_request.html")


@router.post("/account/reset", dependencies=ANYONE)
async def reset_request(request: Request, email: Text) -> HTMLResponse:
    settings: Settings = request.app.state.settings
    try:
        await run_in_threadpool(accounts.request_reset, engine_of(request), settings, email,
                                str(request.base_url))
    except AccountError as error:
        return _form(request, "reset_request.html", error, email=email)
    return render(request, "account_message.html", title="Check your email",
                  message="If that address belongs to an account, we sent it a link to choose "
                  "a new password. The link works once, within an hour.")


@router.get("/account/reset/{token}", dependencies=ANYONE)
def reset_page(request: Request, token: str) -> HTMLResponse:
    problem = accounts.reset_problem(engine_of(request), token)
    if problem:
        return render(request, "account_message.html", status_code=400,
                      title="Reset link not valid", message=problem, retry=True)
    return _form(request, "reset_password.html", token=token)


@router.post("/account/reset/{token}", dependencies=ANYONE)
def reset(request: Request, token: str, password: Secret) -> HTMLResponse:
    try:
        accounts.reset_password(engine_of(request), token, password)
    except AccountError as error:
        if error.field == "token":
            return render(request, "account_message.html", status_code=400,
                          title="Reset link not valid", message=str(error), retry=True)
        return _form(request, "reset_password.html", error, token=token)
    return render(request, "account_message.html", title="Password changed",
                  message="Your new password is set. Log in with it.", login=True)


@router.post("/account/api-password", dependencies=READER)
def new_api_password(request: Request, user: Caller) -> Response:
    """A new API password for reader apps, shown once (the old one stops working)."""
    password = reader_apps.set_api_password(engine_of(request), user)
    return _account_page(request, user, new_api_password=password)


@router.post("/account/api-password/revoke", dependencies=READER)
def revoke_api_password(request: Request, user: Caller) -> Response:
    reader_apps.revoke_api_password(engine_of(request), user)
    return flash(RedirectResponse("/account#apps", status_code=303), "api_password_revoked")


@router.post("/account/feed-token", dependencies=READER)
def new_feed_token(request: Request, user: Caller) -> Response:
    """Private addresses of the reader's For you and Saved feeds, shown once."""
    token = reader_apps.new_feed_token(engine_of(request), user)
    return _account_page(request, user, new_feed_token=token)


@router.post("/account/feed-token/revoke", dependencies=READER)
def revoke_feed_token(request: Request, user: Caller) -> Response:
    reader_apps.revoke_feed_token(engine_of(request), user)
    return RedirectResponse("/account#feeds", status_code=303)
