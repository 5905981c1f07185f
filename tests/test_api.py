"""The JSON API, served by the real app on a real database (SQLite and PostgreSQL)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine

from readers_kit import with_token
from tidings.config import Settings
from tidings.model import Image, NewArticle
from tidings.server import create_app
from tidings.store.articles import save_article

NOW = datetime.now(UTC).replace(microsecond=0)
DAY = timedelta(days=1)


def article(n: int, **fields: object) -> NewArticle:
    values: dict[str, object] = {
        "url": f"https://news.example.org/story-{n}",
        "title": f"Story number {n}",
        "text": f"Opening paragraph of story {n}.\n\nSecond paragraph of story {n}.",
        "source": "Harbour Times",
        "published_at": NOW - n * DAY,
    }
    values.update(fields)
    return NewArticle(**values)  # type: ignore[arg-type]


FULL = article(
    0,
    title="Council approves new tram line",
    text="The council approved the tram line.\n\nWork starts in spring.",
    authors=("Ana Ruiz", "Ben Ode"),
    site_name="The Harbour Times",
    image=Image("https://img.example.org/tram.jpg", caption="The tram", credit="J. Doe"),
    lang="en",
    description="A vote for trams.",
    license="CC BY 2.5",
    external_id="guid-0",
    seen_urls=("https://news.example.org/story-0?utm_source=feed",),
)


def make_client(engine: Engine) -> TestClient:
    settings = Settings(database_url=engine.url.render_as_string(False))
    return TestClient(create_app(settings, engine=engine))


@pytest.fixture
def client(engine: Engine) -> Iterator[TestClient]:
    with engine.begin() as conn:
        save_article(conn, FULL, now=NOW)
        for n in range(1, 5):
            source = "Valley Courier" if n % 2 else "Harbour Times"
            save_article(conn, article(n, source=source), now=NOW)
    with make_client(engine) as client:
        yield client


@pytest.fixture
def admin(client: TestClient, engine: Engine) -> TestClient:
    """The same app, called with an administrator's API token (feeds are theirs to change)."""
    return with_token(TestClient(client.app), engine, "root", role="admin")


def titles(body: dict) -> list[str]:
    return [item["title"] for item in body["items"]]


def test_list_articles(client: TestClient) -> None:
    body = client.get("/api/articles").json()
    assert body["total"] == 5 and body["limit"] == 50 and body["offset"] == 0
    assert titles(body)[0] == "Council approves new tram line"
    assert titles(body)[1:] == [f"Story number {n}" for n in range(1, 5)]
    first = body["items"][0]
    assert first["image"] == {
        "url": "https://img.example.org/tram.jpg",
        "caption": "The tram",
        "credit": "J. Doe",
    }
    assert first["authors"] == ["Ana Ruiz", "Ben Ode"]
    assert datetime.fromisoformat(first["published_at"]) == NOW
    assert "text" not in first


def test_list_articles_paging_and_filters(client: TestClient) -> None:
    page = client.get("/api/articles", params={"limit": 2, "offset": 2}).json()
    assert titles(page) == ["Story number 2", "Story number 3"] and page["total"] == 5
    valley = client.get("/api/articles", params={"source": "Valley Courier"}).json()
    assert titles(valley) == ["Story number 1", "Story number 3"] and valley["total"] == 2
    since = (NOW - 2 * DAY).isoformat()
    recent = client.get("/api/articles", params={"since": since}).json()
    assert recent["total"] == 3
    until_day = (NOW - 3 * DAY).date().isoformat()  # a plain date includes that whole day
    old = client.get("/api/articles", params={"until": until_day}).json()
    assert titles(old) == ["Story number 3", "Story number 4"]
    naive = (NOW - 1 * DAY).replace(tzinfo=None).isoformat()
    assert client.get("/api/articles", params={"since": naive}).json()["total"] == 2


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"limit": 0}, 422),
        ({"limit": 201}, 422),
        ({"offset": -1}, 422),
        ({"since": "last week"}, 400),
        ({"until": "2024-13-01"}, 400),
    ],
)
def test_list_articles_bad_parameters(client: TestClient, params: dict, status: int) -> None:
    response = client.get("/api/articles", params=params)
    assert response.status_code == status
    assert "detail" in response.json()


def test_get_article_has_every_field(client: TestClient) -> None:
    item = client.get("/api/articles", params={"limit": 1}).json()["items"][0]
    body = client.get(f"/api/articles/{item['id']}").json()
    assert body["id"] == item["id"]
    assert body["url"] == "https://news.example.org/story-0"
    assert set(body["urls"]) == {
        "https://news.example.org/story-0",
        "https://news.example.org/story-0?utm_source=feed",
    }
    assert body["text"] == "The council approved the tram line.\n\nWork starts in spring."
    assert body["paragraphs"] == ["The council approved the tram line.", "Work starts in spring."]
    assert body["site_name"] == "The Harbour Times"
    assert body["lang"] == "en" and body["license"] == "CC BY 2.5"
    assert body["description"] == "A vote for trams."
    assert body["external_id"] == "guid-0" and body["feed_id"] is None
    assert datetime.fromisoformat(body["fetched_at"]) == NOW
    expected = {
        "id", "url", "urls", "title", "text", "paragraphs", "source", "authors",
        "published_at", "fetched_at", "site_name", "image", "lang", "description",
        "license", "external_id", "feed_id", "story_id", "duplicate_of", "headline_only",
        "summary", "entities", "quotes",
    }  # fmt: skip
    assert set(body) == expected
    assert body["headline_only"] is False


def test_get_missing_article(client: TestClient) -> None:
    response = client.get("/api/articles/999999")
    assert response.status_code == 404
    assert response.json() == {"detail": "no article with id 999999"}
    assert client.get("/api/articles/abc").status_code == 422


def test_search(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "tram"}).json()
    assert body["query"] == "tram" and body["limit"] == 20 and body["offset"] == 0
    (hit,) = body["items"]
    assert hit["article"]["title"] == "Council approves new tram line"
    assert isinstance(hit["rank"], float)
    assert "tram" in hit["snippet"] and "\x02" not in hit["snippet"]
    assert "<mark>tram</mark>" in hit["snippet_html"]


def test_search_filters_and_paging(client: TestClient) -> None:
    everything = client.get("/api/search", params={"q": "paragraph"}).json()["items"]
    assert len(everything) == 4
    valley = client.get("/api/search", params={"q": "paragraph", "source": "Valley Courier"})
    assert {h["article"]["source"] for h in valley.json()["items"]} == {"Valley Courier"}
    since = (NOW - 2 * DAY).date().isoformat()
    recent = client.get("/api/search", params={"q": "paragraph", "since": since}).json()
    assert {h["article"]["title"] for h in recent["items"]} == {
        "Story number 1",
        "Story number 2",
    }
    page = client.get("/api/search", params={"q": "paragraph", "limit": 3, "offset": 3}).json()
    assert len(page["items"]) == 1


def test_search_escapes_snippets(engine: Engine) -> None:
    with engine.begin() as conn:
        text = "A <script>alert(1)</script> trick with hostile markup."
        save_article(conn, article(0, title="Hostile", text=text), now=NOW)
    with make_client(engine) as client:
        (hit,) = client.get("/api/search", params={"q": "trick"}).json()["items"]
    assert "<mark>trick</mark>" in hit["snippet_html"]
    assert "<" not in re.sub(r"</?mark>", "", hit["snippet_html"])  # SQLite keeps the tag text
    if "script" in hit["snippet"]:
        assert "&lt;script&gt;" in hit["snippet_html"]


def test_search_errors(client: TestClient) -> None:
    bad = client.get("/api/search", params={"q": "-tram"})
    assert bad.status_code == 400
    assert bad.json()["detail"].startswith("bad search query")
    assert client.get("/api/search").status_code == 422
    assert client.get("/api/search", params={"q": "tram", "since": "soon"}).status_code == 400


def test_feeds_lifecycle(client: TestClient, admin: TestClient) -> None:
    assert client.get("/api/feeds").status_code == 401
    assert admin.get("/api/feeds").json() == {"items": []}
    created = admin.post(
        "/api/feeds",
        json={"url": "https://news.example.org/feed.xml", "title": "News", "interval_minutes": 15},
    )
    assert created.status_code == 201
    feed = created.json()
    assert created.headers["location"] == f"/api/feeds/{feed['id']}"
    assert feed["url"] == "https://news.example.org/feed.xml"
    assert feed["title"] == "News" and feed["interval_minutes"] == 15
    assert feed["error_count"] == 0 and feed["last_status"] is None
    assert feed["last_fetched_at"] is None and feed["last_error"] is None
    assert feed["next_fetch_at"] is not None
    listed = admin.get("/api/feeds").json()["items"]
    assert [f["id"] for f in listed] == [feed["id"]]

    again = admin.post("/api/feeds", json={"url": "https://news.example.org/feed.xml"})
    assert again.status_code == 409
    assert again.json()["detail"] == "feed already added: https://news.example.org/feed.xml"

    deleted = admin.delete(f"/api/feeds/{feed['id']}")
    assert deleted.status_code == 204 and deleted.content == b""
    assert admin.get("/api/feeds").json() == {"items": []}
    missing = admin.delete(f"/api/feeds/{feed['id']}")
    assert missing.status_code == 404 and "detail" in missing.json()


def test_feed_defaults_to_the_settings_interval(admin: TestClient) -> None:
    created = admin.post("/api/feeds", json={"url": "http://example.com/rss"})
    assert created.status_code == 201
    assert created.json()["interval_minutes"] == Settings().feed_interval_minutes


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"url": "ftp://example.com/feed"}, 400),
        ({"url": "not a url"}, 400),
        ({"url": "https://example.com/feed", "interval_minutes": 0}, 422),
        ({"title": "no url"}, 422),
        ({"url": "https://example.com/feed", "colour": "red"}, 422),
        ({"url": "https://example.com/feed\u0000x"}, 400),
        ({"url": "https://example.com/\tfeed"}, 400),
        ({"url": "http://10.0.0.1/feed"}, 400),
    ],
)
def test_add_feed_errors(admin: TestClient, body: dict, status: int) -> None:
    response = admin.post("/api/feeds", json=body)
    assert response.status_code == status
    if status == 400:  # the reason of the one URL check every way in shares
        assert re.match(r"not an http\(s\) URL|URL contains (a NUL byte|whitespace)|"
                        r"not allowed: 10.0.0.1 is a private address", response.json()["detail"])


def test_health(client: TestClient) -> None:
    response = client.get("/api/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "articles": 5}


def test_health_when_the_database_is_unreachable(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'missing-dir' / 'tidings.db'}"
    broken = create_engine(url)
    try:
        with TestClient(create_app(Settings(database_url=url), engine=broken)) as client:
            response = client.get("/api/health")
    finally:
        broken.dispose()
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error" and body["articles"] is None
    assert body["database"].startswith("unreachable")


def test_api_errors_are_json_and_docs_exist(client: TestClient) -> None:
    missing = client.get("/api/nothing-here")
    assert missing.status_code == 404 and missing.json() == {"detail": "Not Found"}
    schema = client.get("/openapi.json").json()
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/search", "/api/feeds",
                 "/api/feeds/{feed_id}", "/api/health"):  # fmt: skip
        assert path in schema["paths"]
    assert "/" not in schema["paths"]  # the HTML pages stay out of the API schema
    article_schema = schema["components"]["schemas"]["ArticleOut"]
    assert article_schema["properties"]["license"]["description"]
    assert client.get("/docs").status_code == 200
