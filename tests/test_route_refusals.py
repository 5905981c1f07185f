"""Every state-changing route of the real app, called by someone it must refuse.

The routes come from the app's own route table (`route_table`), so a new POST, PUT, PATCH or
DELETE route fails here until it has a request below, and its declared access must be the one
listed there. Each one is called, on both databases:

- anonymously, with the CSRF token any visitor gets: 401 under /api, a redirect to the login
  page elsewhere; routes open to anyone (log in, sign up, password reset) refuse the call
  without that token;
- as another, ordinary reader (with a valid CSRF token): OWNER routes refuse someone else's
  resource, MODERATOR and ADMIN routes refuse the role;
- with the session of the caller the route is for, but without the CSRF token.

After every refusal the database must hold exactly what it held before.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from readers_kit import add_article, csrf, logged_in, make_client
from tidings.access.callers import CSRF_FAILED
from tidings.access.policy import LOGIN_NEEDED, REFUSALS, Access, RouteRule, route_table
from tidings.config import Settings
from tidings.model import CommentTarget
from tidings.pipeline import subscribe
from tidings.readers import accounts, comments, follows
from tidings.store.schema import metadata

UNSAFE = ("POST", "PUT", "PATCH", "DELETE")


@dataclass(frozen=True)
class Id:
    """A body field filled with the id of something the test made (`World.ids`)."""

    name: str


# Every state-changing route: who may call it (the test's own copy, so a rule that is
# loosened fails here) and a valid request, so that only who is asking can make it fail.
# JSON under /api, form fields elsewhere.
PASSWORD = "another long passphrase"
COMMENT = {"body": "A new comment"}
REQUESTS: dict[tuple[str, str], tuple[Access, dict[str, Any]]] = {
    ("POST", "/api/feeds"): (Access.ADMIN, {"url": "https://news.example.org/other.xml"}),
    ("DELETE", "/api/feeds/{feed_id}"): (Access.ADMIN, {}),
    ("POST", "/api/ask"): (Access.READER, {"question": "What did the council approve?",
                                           "article_id": Id("article_id")}),
    ("POST", "/signup"): (Access.ANONYMOUS, {"username": "mallory", "email": "m@example.org",
                                             "password": PASSWORD}),
    ("POST", "/login"): (Access.ANONYMOUS, {"username": "alice", "password": PASSWORD}),
    ("POST", "/logout"): (Access.ANONYMOUS, {}),
    ("POST", "/account/profile"): (Access.READER, {"display_name": "Changed"}),
    ("POST", "/account/password"): (Access.READER, {"current": "correct horse battery",
                                                    "password": PASSWORD}),
    ("POST", "/account/tokens"): (Access.READER, {"name": "sneaky"}),
    ("POST", "/account/tokens/{token_id}/revoke"): (Access.OWNER, {}),
    ("POST", "/account/reset"): (Access.ANONYMOUS, {"email": "alice@example.org"}),
    ("POST", "/account/reset/{token}"): (Access.ANONYMOUS, {"password": PASSWORD}),
    ("POST", "/articles/{article_id}/comments"): (Access.READER, COMMENT),
    ("POST", "/stories/{story_id}/comments"): (Access.READER, COMMENT),
    ("POST", "/comments/{comment_id}/edit"): (Access.OWNER, {"body": "Changed text"}),
    ("POST", "/comments/{comment_id}/delete"): (Access.OWNER, {}),
    ("POST", "/comments/{comment_id}/flag"): (Access.READER, {"reason": "rude"}),
    ("POST", "/moderation/comments/{comment_id}/{action}"): (Access.MODERATOR, {}),
    ("POST", "/api/articles/{article_id}/comments"): (Access.READER, COMMENT),
    ("POST", "/api/stories/{story_id}/comments"): (Access.READER, COMMENT),
    ("PATCH", "/api/comments/{comment_id}"): (Access.OWNER, {"body": "Changed text"}),
    ("DELETE", "/api/comments/{comment_id}"): (Access.OWNER, {}),
    ("POST", "/api/comments/{comment_id}/flag"): (Access.READER, {"reason": "rude"}),
    ("POST", "/follows"): (Access.READER, {"kind": "topic", "value": "trams"}),
    ("POST", "/follows/{follow_id}/delete"): (Access.OWNER, {}),
    ("POST", "/articles/{article_id}/save"): (Access.READER, {"saved": "true"}),
    ("POST", "/account/alerts"): (Access.READER, {"digest": "daily"}),
    ("POST", "/api/follows"): (Access.READER, {"kind": "topic", "value": "trams"}),
    ("DELETE", "/api/follows/{follow_id}"): (Access.OWNER, {}),
    ("POST", "/subscriptions"): (Access.READER, {"url": "https://news.example.org/new.xml"}),
    ("POST", "/subscriptions/{feed_id}/edit"): (Access.OWNER, {"title": "Renamed"}),
    ("POST", "/subscriptions/{feed_id}/remove"): (Access.OWNER, {}),
    ("POST", "/subscriptions/import"): (Access.READER, {}),
    ("POST", "/account/api-password"): (Access.READER, {}),
    ("POST", "/account/api-password/revoke"): (Access.READER, {}),
    ("POST", "/account/feed-token"): (Access.READER, {}),
    ("POST", "/account/feed-token/revoke"): (Access.READER, {}),
    # Reader apps bring the API password (no cookie is read): without it, refused.
    ("POST", "/accounts/ClientLogin"): (Access.APP, {"Email": "alice", "Passwd": ""}),
    **{("POST", f"/reader/api/0/{name}"): (Access.APP, {"i": "1", "s": "feed/1", "a": "x"})
       for name in ("subscription/quickadd", "subscription/edit", "rename-tag", "disable-tag",
                    "stream/items/contents", "edit-tag", "mark-all-as-read")},
    ("POST", "/fever"): (Access.APP, {"mark": "item", "as": "read", "id": "1"}),
    ("POST", "/fever/"): (Access.APP, {"mark": "item", "as": "read", "id": "1"}),
}


def snapshot(engine: Engine) -> dict[str, list[str]]:
    """Every row of every table, in a stable order."""
    with engine.connect() as conn:
        return {t.name: sorted(repr(tuple(r)) for r in conn.execute(select(t)))
                for t in metadata.sorted_tables}


class World:
    """Alice (a reader) with an article, a comment, a follow and an API token; Bob, another
    reader; a moderator and an administrator; one feed. Each signed in with a session."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        article_id = add_article(engine)
        self.alice = logged_in(engine, "alice")
        self.bob = logged_in(engine, "bob")
        self.moderator = logged_in(engine, "mod", role="moderator")
        self.admin = logged_in(engine, "root", role="admin")
        alice = accounts.log_in(engine, "alice", "correct horse battery", "127.0.0.1")[0]
        settings = Settings(database_url=engine.url.render_as_string(False))
        comment = comments.post_comment(engine, alice, CommentTarget("article", article_id),
                                        "Alice's comment", ip="127.0.0.1")
        self.ids = {
            "article_id": article_id, "story_id": 1, "comment_id": comment.id,
            "follow_id": follows.follow(engine, alice, "outlet", "Harbour Times").id,
            "token_id": accounts.create_api_token(engine, alice, "alice's")[0].id,
            "feed_id": subscribe(engine, settings, "https://news.example.org/feed.xml").id,
            "action": "hide", "token": "not-a-reset-token",
        }

    def rightful(self, access: Access) -> TestClient:
        """The signed-in caller the route is for (alice for her own things)."""
        return {Access.ADMIN: self.admin, Access.MODERATOR: self.moderator}.get(
            access, self.alice)


def call(client: TestClient, route: RouteRule, method: str, ids: dict[str, Any],
         csrf_token: str | None = None) -> Any:
    path = route.path.format(**{k: v for k, v in ids.items() if "{" + k + "}" in route.path})
    body = {k: ids[v.name] if isinstance(v, Id) else v
            for k, v in REQUESTS[method, route.path][1].items()}
    if route.path.startswith("/api/"):
        headers = {"X-CSRF-Token": csrf_token} if csrf_token else {}
        return client.request(method, path, json=body or None, headers=headers,
                              follow_redirects=False)
    data = {**body, "csrf_token": csrf_token} if csrf_token else body
    return client.request(method, path, data=data, follow_redirects=False)


def refused_anonymously(response: Any, path: str) -> bool:
    if path.startswith("/api/"):
        return response.status_code == 401 and response.json()["detail"] == LOGIN_NEEDED
    return response.status_code == 303 and response.headers["location"].startswith("/login?")


def refused_without_api_password(response: Any) -> bool:
    """401, or Fever's own refusal: HTTP 200 with `"auth": 0`."""
    if response.status_code == 401:
        return True
    return response.status_code == 200 and response.json() == {"api_version": 3, "auth": 0}


def refused_to_another_reader(response: Any, access: Access) -> bool:
    if access is Access.OWNER:
        return response.status_code in (403, 404)
    return response.status_code == 403 and REFUSALS[access] in response.text


def state_changing_routes(app: Any) -> list[tuple[RouteRule, str]]:
    return [(route, method) for route in route_table(app)
            for method in sorted(route.methods or ()) if method in UNSAFE]


def test_every_state_changing_route_has_a_request_here(engine: Engine):
    app = make_client(engine).app
    missing = [f"{m} {r.path}" for r, m in state_changing_routes(app)
               if (m, r.path) not in REQUESTS]
    assert missing == [], "add a request for these routes to REQUESTS"
    assert len(state_changing_routes(app)) == len(REQUESTS)
    declared = {(m, r.path): r.rule.access for r, m in state_changing_routes(app) if r.rule}
    assert declared == {key: access for key, (access, _body) in REQUESTS.items()}


def test_every_state_changing_route_refuses_who_it_must(engine: Engine):
    world = World(engine)
    routes = state_changing_routes(world.alice.app)
    bob_token = csrf(world.bob, "/account")
    before = snapshot(engine)
    failures = []
    for route, method in routes:
        access = REQUESTS[method, route.path][0]
        name = f"{method} {route.path} ({access})"
        if access is Access.APP:
            for who in (make_client(engine), world.alice):  # a session cookie is no password
                if not refused_without_api_password(call(who, route, method, world.ids)):
                    failures.append(f"{name}: a call without the API password got through")
        elif access is Access.ANONYMOUS:
            anonymous = call(make_client(engine), route, method, world.ids)
            if not (anonymous.status_code == 403 and CSRF_FAILED in anonymous.text):
                failures.append(f"{name}: anonymous without the CSRF token got "
                                f"{anonymous.status_code}")
        else:
            visitor = make_client(engine)
            anonymous = call(visitor, route, method, world.ids, csrf_token=csrf(visitor))
            if not refused_anonymously(anonymous, route.path):
                failures.append(f"{name}: anonymous got {anonymous.status_code}")
        if access in (Access.OWNER, Access.MODERATOR, Access.ADMIN):
            other = call(world.bob, route, method, world.ids, csrf_token=bob_token)
            if not refused_to_another_reader(other, access):
                failures.append(f"{name}: another reader got {other.status_code}")
        no_csrf = call(world.rightful(access), route, method, world.ids)
        if access is not Access.APP and not (
                no_csrf.status_code == 403 and CSRF_FAILED in no_csrf.text):
            failures.append(f"{name}: a session without the CSRF token got "
                            f"{no_csrf.status_code}")
        after = snapshot(engine)
        if after != before:
            changed = sorted(t for t in after if after[t] != before[t])
            failures.append(f"{name}: a refused call changed {', '.join(changed)}")
            before = after
    assert failures == []
    assert len(routes) >= 25


@pytest.mark.parametrize("access", [Access.OWNER, Access.ADMIN])
def test_the_rightful_caller_with_the_token_gets_through(engine: Engine, access: Access):
    """The refusals above come from who is asking: the same request with the right caller
    and token succeeds."""
    world = World(engine)
    route_path = {"OWNER": "/api/follows/{follow_id}", "ADMIN": "/api/feeds/{feed_id}"}
    route = next(r for r, m in state_changing_routes(world.alice.app)
                 if r.path == route_path[access.name] and m == "DELETE")
    client = world.rightful(access)
    response = call(client, route, "DELETE", world.ids, csrf_token=csrf(client, "/account"))
    assert response.status_code == 204
