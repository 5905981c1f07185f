"""The reader's pages, rendered by the real app on a real database (SQLite and PostgreSQL)."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Connection, Engine

from tidings.config import Settings
from tidings.model import Image, NewArticle
from tidings.server import create_app
from tidings.store import coverage
from tidings.store.articles import save_article
from tidings.web import state
from tidings.web.timefmt import relative_time

NOW = datetime.now(UTC)
HOSTILE = "<script>alert(1)</script>"


def article(n: int, **fields: object) -> NewArticle:
    values: dict[str, object] = {
        "url": f"https://news.example.org/story-{n}",
        "title": f"Story number {n}",
        "text": f"Opening paragraph of story {n}.\n\nSecond paragraph of story {n}.",
        "source": "Harbour Times",
        "published_at": NOW - timedelta(days=n, hours=1),
    }
    values.update(fields)
    return NewArticle(**values)  # type: ignore[arg-type]


def seed(engine: Engine, *articles: NewArticle) -> list[int]:
    with engine.begin() as conn:
        return [save_article(conn, a, now=NOW).article_id for a in articles]


STANDARD = (
    article(
        0,
        title="Council approves new tram line",
        text="The city council approved the tram line on Monday.\n\n"
        "Work starts in spring, the mayor said.\n\n  \nResidents welcomed the news.",
        authors=("Ana Ruiz", "Ben Ode"),
        published_at=NOW - timedelta(hours=5),
        image=Image(
            "https://img.example.org/tram.jpg", caption="The new tram", credit="Photo: J. Doe"
        ),
        license="CC BY 2.5, Harbour Times (https://creativecommons.org/licenses/by/2.5/)",
        description="The council voted for the tram line.",
    ),
    article(1, title="Harbour festival draws crowds", published_at=NOW - timedelta(hours=30)),
    article(3, title="Valley farmers expect record harvest", source="Valley Courier"),
    article(10, title="Old news about bridges", source="Valley Courier"),
)


def make_client(engine: Engine, **settings: object) -> TestClient:
    options: dict[str, object] = {"database_url": engine.url.render_as_string(False)}
    options.update(settings)
    return TestClient(create_app(Settings(**options), engine=engine))  # type: ignore[arg-type]


@pytest.fixture
def client(engine: Engine) -> Iterator[TestClient]:
    seed(engine, *STANDARD)
    with make_client(engine, notice="Dates in this demo were shifted.") as client:
        yield client


def ids_by_title(engine: Engine) -> dict[str, int]:
    from tidings.store.articles import list_articles

    with engine.connect() as conn:
        return {a.title: a.id for a in list_articles(conn, limit=100)}


def test_home_lists_latest_articles_newest_first(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    html = page.text
    titles = ["Council approves", "Harbour festival", "Valley farmers", "Old news about"]
    positions = [html.index(t) for t in titles]
    assert positions == sorted(positions)
    assert "5 hours ago" in html
    assert "yesterday" in html
    assert "3 days ago" in html
    assert "Dates in this demo were shifted." in html
    assert 'href="/sources/Valley%20Courier"' in html
    assert "The council voted for the tram line." in html  # description as excerpt
    assert 'src="https://img.example.org/tram.jpg"' in html  # thumbnail
    time_tag = re.search(r'<time datetime="([^"]+)" title="([^"]+)">5 hours ago</time>', html)
    assert time_tag is not None
    assert datetime.fromisoformat(time_tag.group(1)).tzinfo is not None
    assert time_tag.group(2).endswith(" UTC")


def test_home_empty_state(engine: Engine) -> None:
    with make_client(engine) as client:
        html = client.get("/").text
    assert "No articles yet" in html
    assert "tidings feeds add URL" in html and "tidings demo" in html
    assert 'class="notice"' not in html


def test_home_is_paged(engine: Engine) -> None:
    seed(engine, *(article(n) for n in range(5)))
    with make_client(engine, page_size=2) as client:
        first = client.get("/").text
        second = client.get("/?page=2").text
        last = client.get("/?page=3").text
        beyond = client.get("/?page=4")
        bad = client.get("/?page=zero")
    assert "Story number 0" in first and "Story number 2" not in first
    assert 'href="/?page=2"' in first and "Newer" not in first
    assert "Story number 2" in second and "Story number 3" in second
    assert 'href="/"' in second and 'href="/?page=3"' in second and "Page 2 of 3" in second
    assert "Story number 4" in last and "Older" not in last
    assert beyond.status_code == 404 and "has 3 pages" in beyond.text
    assert bad.status_code == 400 and "text/html" in bad.headers["content-type"]


def test_latest_is_counted_once_a_minute_by_one_request(engine: Engine,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Twelve concurrent page-2 requests count Latest's places once; the count holds for a
    minute (articles added meanwhile show at the next count)."""
    seed(engine, *(article(n) for n in range(5)))
    counts: list[int] = []
    real = coverage.count_latest_by_story

    def slow_count(conn: Connection) -> int:
        time.sleep(0.3)
        counts.append(real(conn))
        return counts[-1]

    monkeypatch.setattr(coverage, "count_latest_by_story", slow_count)
    with make_client(engine, page_size=2) as client:
        with ThreadPoolExecutor(12) as pool:
            pages = list(pool.map(lambda _: client.get("/?page=2").text, range(12)))
        seed(engine, article(5), article(6))
        still = client.get("/?page=2").text
        monkeypatch.setattr(state, "LATEST_COUNT_SECONDS", 0.0)
        counted_again = client.get("/?page=2").text
    assert counts == [5, 7]
    assert all("Page 2 of 3" in page for page in pages) and "Page 2 of 3" in still
    assert "Page 2 of 4" in counted_again


def test_article_page(client: TestClient, engine: Engine) -> None:
    article_id = ids_by_title(engine)["Council approves new tram line"]
    page = client.get(f"/articles/{article_id}")
    assert page.status_code == 200
    html = page.text
    assert '<h1 class="story-title">Council approves new tram line</h1>' in html
    assert "By Ana Ruiz and Ben Ode" in html
    assert 'href="/sources/Harbour%20Times"' in html
    paragraphs = re.findall(r"<p>(.*?)</p>", html)
    assert paragraphs[:3] == [
        "The city council approved the tram line on Monday.",
        "Work starts in spring, the mayor said.",
        "Residents welcomed the news.",
    ]
    assert '<span class="caption">The new tram</span>' in html
    assert '<span class="credit">Photo: J. Doe</span>' in html
    assert re.search(
        r'<a class="button" href="https://news.example.org/story-0" rel="noopener nofollow">'
        r"Read the original at news.example.org</a>",
        html,
    )
    assert "CC BY 2.5, Harbour Times (" in html
    assert '<a href="https://creativecommons.org/licenses/by/2.5/" rel="noopener nofollow">' in html
    assert "5 hours ago</time>" in html


def test_unknown_article_is_a_404_page(client: TestClient) -> None:
    page = client.get("/articles/999999")
    assert page.status_code == 404
    assert "text/html" in page.headers["content-type"]
    assert "Article not found" in page.text
    assert client.get("/no/such/page").status_code == 404


def test_hostile_content_is_escaped(engine: Engine) -> None:
    (article_id,) = seed(
        engine,
        article(
            0,
            title=f"{HOSTILE} Breaking",
            text=f"First {HOSTILE} paragraph.\n\nSecond <b onclick=x()>bold</b> one.",
            source=f"Evil {HOSTILE}",
            authors=(HOSTILE,),
            description=f"<p>Summary</p>{HOSTILE}<img src=x onerror=alert(2)>",
            image=Image("javascript:alert(3)", caption=HOSTILE, credit="<i>credit</i>"),
            license=HOSTILE,
            url="https://evil.example/<x>",
        ),
    )
    with make_client(engine) as client:
        pages = [
            client.get("/").text,
            client.get(f"/articles/{article_id}").text,
            client.get("/sources").text,
            client.get("/sources/" + quote(f"Evil {HOSTILE}", safe="")).text,
            client.get("/search", params={"q": "paragraph"}).text,
            client.get("/search", params={"q": HOSTILE}).text,
        ]
    for html in pages:
        assert "<script>alert" not in html
        assert "<b onclick" not in html and "<img src=x" not in html
        assert "javascript:" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Breaking" in pages[1]
    assert "Second &lt;b onclick=x()&gt;bold&lt;/b&gt; one." in pages[1]
    assert "Summary" in pages[0]  # the description's markup is dropped, its text kept


def test_article_without_optional_fields(engine: Engine) -> None:
    with engine.begin() as conn:
        article_id = save_article(conn, article(0, published_at=None), now=datetime.now(UTC))
        article_id = article_id.article_id
    with make_client(engine) as client:
        html = client.get(f"/articles/{article_id}").text
    assert "<figure" not in html and "By " not in html and 'class="license"' not in html
    assert "just now" in html  # falls back to the time it was fetched


def test_sources_pages(client: TestClient) -> None:
    sources = client.get("/sources").text
    assert "Harbour Times" in sources and "Valley Courier" in sources
    assert "2 articles" in sources
    outlet = client.get("/sources/Valley%20Courier").text
    assert "Valley farmers expect record harvest" in outlet
    assert "Old news about bridges" in outlet
    assert "Council approves" not in outlet
    missing = client.get("/sources/Nobody")
    assert missing.status_code == 404 and "Source not found" in missing.text


def test_source_names_with_slashes(engine: Engine) -> None:
    seed(engine, article(0, source="AC/DC Weekly"))
    with make_client(engine) as client:
        assert 'href="/sources/AC%2FDC%20Weekly"' in client.get("/sources").text
        page = client.get("/sources/AC%2FDC%20Weekly")
    assert page.status_code == 200 and "Story number 0" in page.text


def test_search_highlights_matches(client: TestClient) -> None:
    page = client.get("/search", params={"q": "tram"})
    assert page.status_code == 200
    html = page.text
    assert "Council approves new tram line" in html
    assert "<mark>tram</mark>" in html
    assert "1 result" in html
    assert 'value="tram"' in html


def test_search_filters_stay_in_the_form(client: TestClient) -> None:
    html = client.get(
        "/search", params={"q": "story", "source": "Valley Courier", "since": "2000-01-01"}
    ).text
    assert '<option value="Valley Courier" selected>' in html
    assert 'value="2000-01-01"' in html
    assert "Valley farmers" in html and "Harbour festival" not in html
    recent = (NOW - timedelta(days=2)).date().isoformat()
    html = client.get("/search", params={"q": "story", "since": recent}).text
    assert "Harbour festival" in html and "Valley farmers" not in html


def test_search_states(client: TestClient) -> None:
    assert "Search titles and text" in client.get("/search").text
    nothing = client.get("/search", params={"q": "zeppelin"}).text
    assert "Nothing found" in nothing
    bad = client.get("/search", params={"q": "-tram"})
    assert bad.status_code == 200
    assert '<p class="alert" role="alert">' in bad.text and "Nothing found" not in bad.text
    bad_date = client.get("/search", params={"q": "tram", "since": "yesterday"}).text
    assert "The date must look like" in bad_date


def test_search_is_paged(engine: Engine) -> None:
    seed(engine, *(article(n) for n in range(5)))
    with make_client(engine, page_size=2) as client:
        first = client.get("/search", params={"q": "paragraph"}).text
        third = client.get("/search", params={"q": "paragraph", "page": 3}).text
    assert first.count('<article class="card') == 2
    assert "Results 1\u20132" in first and 'href="/search?q=paragraph&amp;page=2"' in first
    assert third.count('<article class="card') == 1 and "Results 5\u20135" in third


def test_security_headers_and_static_files(client: TestClient) -> None:
    page = client.get("/")
    csp = page.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["referrer-policy"] == "same-origin"
    css = client.get("/static/style.css")
    assert css.status_code == 200 and "prefers-color-scheme: dark" in css.text
    logo = client.get("/static/logo.svg")
    assert logo.status_code == 200 and logo.headers["content-type"].startswith("image/svg")
    assert css.headers["x-frame-options"] == "DENY"  # static files carry them too
    docs = client.get("/docs")
    assert "'unsafe-inline'" in docs.headers["content-security-policy"]


def test_no_middleware_runs_the_app_in_a_task_of_its_own(client: TestClient) -> None:
    """app.middleware("http") costs ~0.5 ms of CPU a request each (benchmarks/reads.py's
    static baseline): the app's middleware is plain ASGI."""
    from starlette.middleware.base import BaseHTTPMiddleware

    stack = [m.cls for m in client.app.user_middleware]  # type: ignore[attr-defined]
    assert stack and BaseHTTPMiddleware not in stack


@pytest.mark.parametrize(
    ("ago", "expected"),
    [
        (timedelta(seconds=20), "just now"),
        (timedelta(minutes=1), "1 minute ago"),
        (timedelta(minutes=59), "59 minutes ago"),
        (timedelta(hours=1), "1 hour ago"),
        (timedelta(hours=5), "5 hours ago"),
        (timedelta(hours=30), "yesterday"),
        (timedelta(days=3), "3 days ago"),
        (timedelta(days=6, hours=23), "6 days ago"),
    ],
)
def test_relative_time(ago: timedelta, expected: str) -> None:
    now = datetime(2024, 6, 15, 12, 0, tzinfo=UTC)
    assert relative_time(now - ago, now) == expected


def test_relative_time_falls_back_to_a_date() -> None:
    now = datetime(2024, 6, 15, 12, 0, tzinfo=UTC)
    assert relative_time(datetime(2024, 3, 2, 9, 0, tzinfo=UTC), now) == "2 Mar"
    assert relative_time(datetime(2023, 12, 30, 9, 0, tzinfo=UTC), now) == "30 Dec 2023"
    assert relative_time(now + timedelta(days=2), now) == "17 Jun"
    assert relative_time(datetime(2024, 6, 15, 9, 0), now) == "3 hours ago"  # naive is UTC


def test_cards_name_the_outlet_only_when_there_are_several(engine: Engine) -> None:
    seed(engine, article(1), article(2))
    with make_client(engine) as client:
        alone = client.get("/").text
        assert 'class="source"' not in alone, "one outlet: naming it on every card is noise"
        seed(engine, article(3, source="Valley Courier"))
        both = client.get("/").text
    assert both.count('class="source"') == 3
