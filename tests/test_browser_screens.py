"""Screenshots of the reader's main pages at desktop (1280 px) and phone (390 px) widths, over
a slice of the demo data (headlines of many outlets, Wikinews articles, a pictured page),
saved under screenshots/ (gitignored) for a person to look at, with the checks a look would
make: nothing wider than the screen, no script errors, Latest within a phone's first screen,
no clipped graph label."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from plugins.live_app import launch_chromium, need_chromium, serve_app
from readers_kit import PASSWORD, make_user
from tidings import pipeline
from tidings.config import Settings
from tidings.demo.corpus import load_corpus
from tidings.demo.headlines import load_headlines
from tidings.demo.site import demo_notice
from tidings.readers import follows
from tidings.store import users as user_store
from tidings.store.schema import stories

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)]
SHOTS = Path(__file__).resolve().parents[1] / "screenshots"
WIDTHS = (1280, 390)
PHONE_SCREEN = 844
PICTURE = (b'<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800">'
           b'<rect width="1200" height="800" fill="#2b5d7d"/>'
           b'<rect y="520" width="1200" height="280" fill="#1c3d52"/>'
           b'<rect x="180" y="330" width="420" height="190" fill="#d9d2c0"/></svg>')
"""What the fixture page's https picture host answers (the browser reaches no real host)."""


def _records(tmp_path: Path) -> Path:
    now = datetime.now(UTC)
    lines = [{"id": h.id, "title": h.title, "url": h.original_url, "source": h.outlet,
              "published_at": h.published_at.isoformat()} for h in load_headlines(now=now)[:300]]
    lines += [{"id": a.id, "title": a.title, "text": a.text, "url": a.url, "source": "Wikinews",
               "published_at": a.published_at.isoformat()} for a in load_corpus(now=now)[:30]]
    path = tmp_path / "slice.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    return path


@pytest.fixture
def served(engine: Engine, db_url: str, site, tmp_path: Path) -> Iterator[dict[str, object]]:
    settings = Settings(database_url=db_url, allow_private_addresses=True, per_host_delay=0.0,
                        notice=demo_notice(2164, 1177))
    pipeline.import_records(engine, _records(tmp_path))
    with pipeline.open_fetcher(settings) as fetcher:
        [pictured] = pipeline.fetch_urls(engine, settings, fetcher,
                                         [f"{site.url}/pages/article-image.html"])
    pipeline.follow_up(engine, settings)
    make_user(engine, "reader1")
    with engine.connect() as conn:
        user = user_store.find_user(conn, "reader1")[0]
        widest = conn.execute(select(stories.c.id, stories.c.title)
                              .order_by(stories.c.source_count.desc()).limit(1)).one()
        assert conn.execute(select(func.max(stories.c.source_count))).scalar_one() >= 5
    follows.follow(engine, user, "story", str(widest.id))
    follows.follow(engine, user, "topic", "Wikinews")
    with serve_app(engine, settings) as base:
        yield {"base": base, "article": pictured.result.article_id, "story": widest.id,
               "query": re.findall(r"[A-Z][a-z]{4,}", widest.title)[0]}


def _look(page, width: int, name: str, problems: list[str]) -> None:
    page.wait_for_load_state("networkidle")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth")
    if overflow > width + 1:
        problems.append(f"{name} at {width}px is {overflow}px wide")


def test_screenshots_of_the_main_pages(served) -> None:
    need_chromium()
    from playwright.sync_api import sync_playwright

    base = served["base"]
    pages = {
        "home": "/", "article": f"/articles/{served['article']}",
        "story": f"/stories/{served['story']}", "search": f"/search?q={served['query']}",
        "signup": "/signup", "entities": "/entities",
    }
    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            for width in WIDTHS:
                page = browser.new_page(viewport={"width": width, "height": 900})
                page.on("pageerror", lambda error: problems.append(str(error)))
                page.route("https://images.eastmere.example/**", lambda route: route.fulfill(
                    status=200, content_type="image/svg+xml", body=PICTURE))
                for name, path in pages.items():
                    page.goto(base + path)
                    _look(page, width, name, problems)
                    if name == "article":
                        shown = page.evaluate(
                            "document.querySelector('.lead-image img').naturalWidth")
                        assert shown > 0, "the lead image did not load"
                page.goto(base + "/entities")
                page.locator("a.person-name").first.click()
                page.wait_for_url("**/entities/*")
                _look(page, width, "entity", problems)
                page.goto(base + "/for-you")
                page.get_by_label("Username or email").fill("reader1")
                page.get_by_label("Password").fill(PASSWORD)
                page.get_by_role("button", name="Log in").click()
                page.wait_for_url("**/for-you")
                assert page.locator(".flash").inner_text() == "You are logged in as reader1."
                _look(page, width, "for-you", problems)
                page.context.clear_cookies()
                page.close()
            phone = browser.new_page(viewport={"width": 390, "height": PHONE_SCREEN})
            phone.goto(base + "/")
            latest = phone.locator("#latest-title").bounding_box()
            assert latest and latest["y"] + latest["height"] < PHONE_SCREEN, f"Latest at {latest}"
        finally:
            browser.close()
    assert problems == []
