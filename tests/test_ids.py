"""Ids that cannot name a row (0, negative, past 64 bits) get 404/422 or a one-line CLI error,
never a 500 or a traceback: every route with an integer path parameter, on both databases."""

from __future__ import annotations

import typing
from collections.abc import Iterator

import pytest
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from typer.testing import CliRunner

from readers_kit import add_article, csrf, logged_in
from tidings.cli import app as cli_app
from tidings.ids import MAX_ROW_ID, parse_row_id

BAD_IDS = (0, -1, 2**63, 10**30)


@pytest.fixture
def admin(engine: Engine) -> Iterator[tuple[TestClient, str]]:
    """A signed-in admin and their CSRF token, so only the id can be wrong."""
    add_article(engine)
    with logged_in(engine, "ada", role="admin") as client:
        yield client, csrf(client, "/account")


def integer_routes(client: TestClient) -> list[tuple[str, str, str, APIRoute]]:
    """(path, method, integer path parameter, route) for every such route of the app."""
    found = []
    for context in iter_route_contexts(client.app.routes):  # type: ignore[attr-defined]
        route = context.original_route
        if not isinstance(route, APIRoute):
            continue
        for param in route.dependant.path_params:
            if param.field_info.annotation is int:
                found.extend((context.path, method, param.name, route)
                             for method in sorted(context.methods or ()))
    return found


def path_with(path: str, route: APIRoute, name: str, value: int) -> str:
    """`path` with `value` for `name` and a valid value for the route's other parameters."""
    path = path.replace("{" + name + "}", str(value))
    for param in route.dependant.path_params:
        choices = typing.get_args(param.field_info.annotation)
        path = path.replace("{" + param.name + "}", str(choices[0]) if choices else "1")
    return path


def test_every_integer_path_parameter_is_bounded(admin: tuple[TestClient, str]) -> None:
    client, token = admin
    routes = integer_routes(client)
    assert len({path for path, *_ in routes}) >= 20  # the reader's pages and the API
    for template, method, name, route in routes:
        for value in BAD_IDS:
            path = path_with(template, route, name, value)
            response = client.request(method, path, headers={"X-CSRF-Token": token},
                                      data={"csrf_token": token} if method == "POST" else None)
            assert response.status_code in (404, 422), (method, path, response.status_code)


def test_ids_in_bodies_and_forms_are_bounded(admin: tuple[TestClient, str]) -> None:
    client, token = admin
    headers = {"X-CSRF-Token": token}
    for body in ({"question": "Who?", "article_id": 10**30}, {"question": "Who?", "story_id": 0}):
        assert client.post("/api/ask", json=body, headers=headers).status_code == 422
    comment = {"body": "Hello", "parent_id": 2**63}
    assert client.post("/api/articles/1/comments", json=comment, headers=headers
                       ).status_code == 422
    form = {"body": "Hello", "parent_id": str(10**30), "csrf_token": token}
    assert client.post("/articles/1/comments", data=form).status_code == 400
    follow = {"kind": "story", "value": str(10**30)}
    response = client.post("/api/follows", json=follow, headers=headers)
    assert response.status_code == 400 and "number" in response.json()["detail"]


def test_a_web_page_for_an_impossible_id_is_not_found(admin: tuple[TestClient, str]) -> None:
    client, _ = admin
    response = client.get(f"/articles/{2**63}")
    assert response.status_code == 404 and "nothing at this address" in response.text


@pytest.mark.parametrize("args", [["article", str(10**23)], ["article", "0"],
                                  ["ask", str(2**63), "Who?"], ["ask", "--story", "0", "Who?"]])
def test_cli_refuses_impossible_ids_in_one_line(engine: Engine, monkeypatch: pytest.MonkeyPatch,
                                                args: list[str]) -> None:
    monkeypatch.setenv("TIDINGS_DATABASE_URL", engine.url.render_as_string(False))
    result = CliRunner().invoke(cli_app, args)
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "is not an id" in result.output and "Traceback" not in result.output


def test_cli_feed_removal_by_an_impossible_id(engine: Engine,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIDINGS_DATABASE_URL", engine.url.render_as_string(False))
    result = CliRunner().invoke(cli_app, ["feeds", "remove", str(10**23)])
    assert result.exit_code == 1 and "no such feed" in result.output


def test_parse_row_id() -> None:
    assert parse_row_id(" 42 ") == 42 and parse_row_id(str(MAX_ROW_ID)) == MAX_ROW_ID
    for text in ("0", str(2**63), "-3", "٣", "²", "4.0", ""):
        assert parse_row_id(text) is None
