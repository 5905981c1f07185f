"""The route table's access rules: every route declares who may call it, and the declaration
is what enforces it.

A route declares its rule with `dependencies=[allow(Access.X)]`. The dependency runs before the
handler and:

- finds the caller (`callers.caller_of`: API token, else session cookie) and keeps it in
  `request.state.caller` (and `request.state.user`) for the handler;
- refuses an anonymous caller of a route that needs an account with `LoginRequired` (401 with
  `WWW-Authenticate: Bearer` under /api, a redirect to the login page elsewhere), and a caller
  without the role with 403;
- checks the CSRF token of every state-changing call (any method but GET, HEAD and OPTIONS)
  that is not authenticated by an API token, anonymous ones (log in, sign up) included.

`Access.OWNER` routes act on one resource named in the path (a comment, a follow, a token);
their rule says in words who owns it, and the handler's pipeline call enforces it by acting
only for that owner. `Access.APP` routes (the
Google Reader and Fever APIs) take the reader's API password their own way and never read the
session cookie. Routes the framework adds (the OpenAPI document, /docs, static files) are
declared with `declare_public`. `undeclared_routes(app)` lists any route without a rule;
`create_app` refuses to build an app that has one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated
from urllib.parse import quote, urlsplit

from fastapi import Depends, FastAPI, HTTPException, Request, Security, params
from fastapi.routing import RouteContext, iter_route_contexts
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer

from tidings.access.callers import bearer_token, caller_of, check_csrf
from tidings.config import Settings
from tidings.model import User

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
SESSION_COOKIE = "tidings_session"
LOGIN_NEEDED = "Log in or send an API token."


class Access(StrEnum):
    """Who may call a route, from the most open to the narrowest."""

    ANONYMOUS = "anonymous"
    """Anyone, signed in or not."""
    READER = "reader"
    """Any signed-in, unbanned account, acting for itself."""
    OWNER = "owner"
    """The signed-in owner of the resource in the path (the rule's `owner` says who)."""
    MODERATOR = "moderator"
    """Moderators and administrators."""
    ADMIN = "admin"
    """Administrators only."""
    APP = "app"
    """A reader app with the reader's API password (Google Reader API token, Fever api_key),
    checked by the handler. No cookie is read, so there is no CSRF to check."""


REFUSALS = {
    Access.MODERATOR: "Only moderators may do this.",
    Access.ADMIN: "Only administrators may do this.",
}


@dataclass(frozen=True)
class Rule:
    """One route's declaration: its `access`, who owns the resource of an OWNER route, and
    `readers_when`: a yes/no setting that, when on, opens the route to every reader."""

    access: Access
    owner: str = ""
    readers_when: str = ""

    def __post_init__(self) -> None:
        if (self.access is Access.OWNER) != bool(self.owner):
            raise ValueError("an OWNER rule, and only one, says who owns the resource")
        if self.readers_when:
            field = Settings.model_fields.get(self.readers_when)
            if field is None or field.annotation is not bool:
                raise ValueError(f"readers_when must name a yes/no setting: {self.readers_when}")

    def needed(self, settings: Settings) -> Access:
        """The access this rule asks for under `settings`."""
        if self.readers_when and getattr(settings, self.readers_when):
            return Access.READER
        return self.access


def permits(user: User, needed: Access) -> bool:
    """Whether a signed-in `user` has the role `needed` asks for."""
    if needed is Access.ADMIN:
        return user.role == "admin"
    if needed is Access.MODERATOR:
        return user.is_moderator
    return True


class LoginRequired(HTTPException):
    """An anonymous call to a route that needs an account; `next` is where to come back to."""

    def __init__(self, next_path: str) -> None:
        super().__init__(401, LOGIN_NEEDED, headers={"WWW-Authenticate": "Bearer"})
        self.next_path = next_path

    @property
    def login_url(self) -> str:
        return f"/login?next={quote(self.next_path, safe='/')}"


class Guard:
    """The dependency `allow` puts on a route: enforces `rule` before the handler runs."""

    def __init__(self, rule: Rule) -> None:
        self.rule = rule

    async def __call__(self, request: Request) -> None:
        await self.enforce(request)

    async def enforce(self, request: Request) -> None:
        if self.rule.access is Access.APP:
            request.state.caller = None  # the handler checks the API password
            return
        user = caller_of(request)
        request.state.caller = request.state.user = user
        needed = self.rule.needed(request.app.state.settings)
        if needed is not Access.ANONYMOUS:
            if user is None:
                raise LoginRequired(_way_back(request))
            if not permits(user, needed):
                raise HTTPException(403, REFUSALS[needed])
        if request.method not in SAFE_METHODS and bearer_token(request) is None:
            await check_csrf(request)


_bearer = HTTPBearer(auto_error=False, description="An API token from the account page.")
_cookie = APIKeyCookie(name=SESSION_COOKIE, auto_error=False,
                       description="The session cookie; writes also need X-CSRF-Token.")


class SignedInGuard(Guard):
    """A guard that needs an account; its parameters put both ways in (API token, session
    cookie) on the route in the OpenAPI document."""

    async def __call__(  # type: ignore[override]
        self,
        request: Request,
        _token: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)] = None,
        _session: Annotated[str | None, Security(_cookie)] = None,
    ) -> None:
        await self.enforce(request)


def allow(access: Access, *, owner: str = "", readers_when: str = "") -> params.Depends:
    """Declare (and enforce) who may call a route: `dependencies=[allow(Access.READER)]`."""
    rule = Rule(access, owner, readers_when)
    guard = Guard(rule) if access is Access.ANONYMOUS and not readers_when else SignedInGuard(rule)
    return Depends(guard)


def caller(request: Request) -> User | None:
    """The caller its guard found (None: anonymous)."""
    user: User | None = getattr(request.state, "caller", None)
    return user


def signed_in(request: Request) -> User:
    """The caller of a route whose rule needs an account."""
    user = caller(request)
    if user is None:
        raise LoginRequired(_way_back(request))
    return user


Caller = Annotated[User, Depends(signed_in)]
"""A handler parameter: the signed-in caller its route's guard let in."""


def declare_public(app: FastAPI, paths: Iterable[str]) -> None:
    """Declare routes the framework adds (OpenAPI, docs, static files) open to anyone."""
    table: dict[str, Rule] = getattr(app.state, "public_routes", {})
    table.update(dict.fromkeys(paths, Rule(Access.ANONYMOUS)))
    app.state.public_routes = table


@dataclass(frozen=True)
class RouteRule:
    """One row of the route table: a path, its methods (None for a mount) and its rule."""

    path: str
    methods: frozenset[str] | None
    rule: Rule | None


def route_table(app: FastAPI) -> list[RouteRule]:
    """Every route of `app` (routers included) with its declared rule, None when it has none."""
    public: dict[str, Rule] = getattr(app.state, "public_routes", {})
    rows = []
    for route in iter_route_contexts(app.routes):
        path = str(route.path)
        methods = frozenset(route.methods) if route.methods else None
        rows.append(RouteRule(path, methods, _guard_rule(route) or public.get(path)))
    return rows


def undeclared_routes(app: FastAPI) -> list[str]:
    return [f"{' '.join(sorted(r.methods or ['*']))} {r.path}"
            for r in route_table(app) if r.rule is None]


def _guard_rule(route: RouteContext) -> Rule | None:
    dependant = getattr(route, "dependant", None)
    for dependency in dependant.dependencies if dependant else ():
        if isinstance(dependency.call, Guard):
            return dependency.call.rule
    return None


def _way_back(request: Request) -> str:
    """Where to return after logging in: this page, or for a form the page it was on."""
    if request.method in SAFE_METHODS:
        query = f"?{request.url.query}" if request.url.query else ""
        return f"{request.url.path}{query}"
    referer = urlsplit(request.headers.get("referer", ""))
    same_site = referer.netloc == request.url.netloc and referer.path.startswith("/")
    return referer.path if same_site and not referer.path.startswith("//") else "/"
