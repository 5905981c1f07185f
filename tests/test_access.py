"""Who may call what: every route of the real app declares an access rule, and the rules hold
(feeds are the administrators', questions need an account and are counted)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from readers_kit import make_client, with_token
from tidings.access.policy import Access, Rule, allow, route_table, undeclared_routes
from tidings.config import Settings
from tidings.server import create_app
from tidings.store.engine import make_engine

FEED = {"url": "https://news.example.org/feed.xml"}


@pytest.fixture
def app(tmp_path) -> Iterator[FastAPI]:
    """The real app over a new, empty SQLite file (only its route table is used)."""
    engine = make_engine(f"sqlite:///{tmp_path / 'routes.db'}", create=True)
    yield create_app(Settings(database_url=engine.url.render_as_string(False)), engine=engine)
    engine.dispose()


def test_every_route_of_the_real_app_declares_who_may_call_it(app: FastAPI):
    table = route_table(app)
    assert len(table) > 60
    assert [r.path for r in table if r.rule is None] == []
    paths = {r.path for r in table}
    assert {"/static", "/docs", "/openapi.json", "/api/feeds", "/login"} <= paths
    rules = {(r.path, m): r.rule for r in table for m in r.methods or ()}
    assert rules["/api/feeds/{feed_id}", "DELETE"] == Rule(Access.ADMIN)
    assert rules["/api/ask", "POST"] == Rule(Access.READER)


def test_a_route_added_without_a_rule_is_found(app: FastAPI):
    assert undeclared_routes(app) == []

    @app.post("/undeclared")
    def undeclared() -> None: ...

    @app.get("/declared", dependencies=[allow(Access.ANONYMOUS)])
    def declared() -> None: ...

    assert undeclared_routes(app) == ["POST /undeclared"]


def test_rules_are_checked_when_declared():
    with pytest.raises(ValueError, match="OWNER"):
        Rule(Access.OWNER)
    with pytest.raises(ValueError, match="OWNER"):
        Rule(Access.READER, owner="someone")
    with pytest.raises(ValueError, match="yes/no setting"):
        Rule(Access.ADMIN, readers_when="page_size")


def test_only_administrators_add_and_remove_feeds(engine: Engine):
    anonymous = make_client(engine)
    refused = anonymous.post("/api/feeds", json=FEED)
    assert refused.status_code == 401 and refused.headers["www-authenticate"] == "Bearer"
    reader = with_token(make_client(engine), engine, "rita")
    assert reader.post("/api/feeds", json=FEED).status_code == 403
    admin = with_token(make_client(engine), engine, "root", role="admin")
    feed = admin.post("/api/feeds", json=FEED).json()
    assert anonymous.delete(f"/api/feeds/{feed['id']}").status_code == 401
    assert reader.delete(f"/api/feeds/{feed['id']}").status_code == 403
    assert anonymous.get("/api/feeds").status_code == 401
    assert reader.get("/api/feeds").status_code == 403
    assert [f["id"] for f in admin.get("/api/feeds").json()["items"]] == [feed["id"]]
    assert admin.delete(f"/api/feeds/{feed['id']}").status_code == 204


def test_a_setting_lets_readers_add_feeds_but_not_remove_them(engine: Engine):
    reader = with_token(make_client(engine, readers_may_add_feeds=True), engine, "rita")
    created = reader.post("/api/feeds", json=FEED)
    assert created.status_code == 201
    assert reader.delete(f"/api/feeds/{created.json()['id']}").status_code == 403
    assert make_client(engine, readers_may_add_feeds=True).post(
        "/api/feeds", json={"url": "https://other.example.org/feed.xml"}).status_code == 401


def test_questions_need_an_account_and_are_counted(engine: Engine):
    from readers_kit import add_article

    article_id = add_article(engine)
    question = {"question": "What did the council approve?", "article_id": article_id}
    assert make_client(engine).post("/api/ask", json=question).status_code == 401
    reader = with_token(make_client(engine, asks_per_hour=2), engine, "rita")
    assert [reader.post("/api/ask", json=question).status_code for _ in range(2)] == [200, 200]
    over = reader.post("/api/ask", json=question)
    assert over.status_code == 429 and 0 < int(over.headers["retry-after"]) <= 3600
    other = with_token(TestClient(reader.app), engine, "otto")
    assert other.post("/api/ask", json=question).status_code == 200


def test_web_processes_share_one_question_count_in_redis(engine: Engine, redis_url: str):
    """Two apps on one Redis are two web processes behind a load balancer: a reader's quota
    is one count across them, not one per process."""
    from readers_kit import add_article

    question = {"question": "What did the council approve?", "article_id": add_article(engine)}
    first = with_token(make_client(engine, asks_per_hour=2, broker_url=redis_url), engine, "rita")
    second = TestClient(create_app(Settings(database_url=engine.url.render_as_string(False),
                                            asks_per_hour=2, broker_url=redis_url),
                                   engine=engine), headers=first.headers)
    assert first.post("/api/ask", json=question).status_code == 200
    assert second.post("/api/ask", json=question).status_code == 200
    assert [c.post("/api/ask", json=question).status_code for c in (first, second)] == [429, 429]


def test_an_unreachable_quota_store_refuses_questions_without_an_error(engine: Engine):
    from readers_kit import add_article

    question = {"question": "What did the council approve?", "article_id": add_article(engine)}
    dead = "redis://127.0.0.1:9/0"  # the discard port: nothing listens
    reader = with_token(make_client(engine, broker_url=dead), engine, "rita")
    refused = reader.post("/api/ask", json=question)
    assert refused.status_code == 429 and refused.headers["retry-after"] == "60"
