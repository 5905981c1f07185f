"""A headline-only article in headless Debian chromium, at desktop and phone widths."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from plugins.live_app import free_port, launch_chromium, need_chromium, serve_app
from tidings.config import Settings
from tidings.model import NewArticle
from tidings.store.articles import save_article

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)]

SUMMARY = "Philadelphia Fed President Charles Plosser blamed the cold winter."


@pytest.mark.parametrize("width", [1280, 390])
def test_a_headline_reads_at_its_outlet(engine: Engine, tmp_path: Path, width: int) -> None:
    need_chromium()
    from playwright.sync_api import sync_playwright

    now = datetime.now(UTC)
    headline = NewArticle(
        url="https://news.example.org/fed-weather", source="Harbour Times",
        title="Fed official says weak data caused by weather, should not slow taper",
        text=SUMMARY, description=SUMMARY, published_at=now - timedelta(hours=2),
        headline_only=True)
    with engine.begin() as conn:
        article_id = save_article(conn, headline, now=now).article_id
    settings = Settings(database_url=engine.url.render_as_string(False))
    problems: list[str] = []
    with serve_app(engine, settings, port=free_port()) as base, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = browser.new_page(viewport={"width": width, "height": 844})
            page.on("pageerror", lambda error: problems.append(str(error)))
            page.goto(f"{base}/")
            page.get_by_role("link", name=headline.title).click()
            page.wait_for_url(f"**/articles/{article_id}")
            read_at = page.get_by_role("link", name="Read at Harbour Times")
            assert read_at.get_attribute("href") == headline.url
            box = read_at.bounding_box()
            assert box is not None and box["y"] + box["height"] <= 844, "above the fold"
            assert box["x"] >= 0 and box["x"] + box["width"] <= width
            assert page.locator(".standfirst").inner_text() == SUMMARY
            assert page.locator(".byline time").inner_text() == "2 hours ago"
            assert page.locator(".story-body").count() == 0
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            page.screenshot(path=str(tmp_path / f"headline-{width}.png"), full_page=True)
        finally:
            browser.close()
    assert problems == []
