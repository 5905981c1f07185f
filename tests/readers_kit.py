"""Helpers for the accounts and comments tests: an app with one article, and form posting."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tidings.config import Settings
from tidings.model import NewArticle
from tidings.readers import accounts
from tidings.server import create_app
from tidings.store.articles import save_article

PASSWORD = "correct horse battery"
CSRF = re.compile(r'name="csrf_token" value="([0-9a-f]+)"')


def make_client(engine: Engine, **settings: object) -> TestClient:
    values = {"database_url": engine.url.render_as_string(False), **settings}
    return TestClient(create_app(Settings(**values), engine=engine))  # type: ignore[arg-type]


def add_article(engine: Engine, title: str = "Council approves new tram line") -> int:
    now = datetime.now(UTC)
    with engine.begin() as conn:
        return save_article(conn, NewArticle(
            url=f"https://news.example.org/{abs(hash(title))}", title=title,
            text="The council approved the tram line.", source="Harbour Times",
            published_at=now), now=now).article_id


def csrf(client: TestClient, path: str = "/login") -> str:
    match = CSRF.search(client.get(path).text)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def post_form(client: TestClient, path: str, data: dict[str, object], *, page: str = "/login",
              follow: bool = False) -> object:
    return client.post(path, data={**data, "csrf_token": csrf(client, page)},
                       follow_redirects=follow)


def make_user(engine: Engine, username: str, role: str = "reader") -> None:
    accounts.sign_up(engine, username=username, email=f"{username}@example.org",
                     password=PASSWORD, role=role)


def logged_in(engine: Engine, username: str, role: str = "reader") -> TestClient:
    make_user(engine, username, role)
    client = make_client(engine)
    response = post_form(client, "/login", {"username": username, "password": PASSWORD})
    assert response.status_code == 303, response.text  # type: ignore[attr-defined]
    return client


def with_token(client: TestClient, engine: Engine, username: str, role: str = "reader"
               ) -> TestClient:
    """`client` sending a new `role` account's API token as `Authorization: Bearer`."""
    make_user(engine, username, role)
    user = accounts.log_in(engine, username, PASSWORD, "127.0.0.1")[0]
    client.headers["Authorization"] = f"Bearer {accounts.create_api_token(engine, user, 'test')[1]}"
    return client
