"""End to end in headless Debian chromium: the real app served by uvicorn on a free port."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from plugins.live_app import free_port, launch_chromium, need_chromium, serve_app
from tidings.config import Settings
from tidings.model import Image, NewArticle
from tidings.store.articles import save_article
from tidings.web.routes import STATIC_DIR

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)]


@pytest.fixture
def base_url(engine: Engine) -> Iterator[str]:
    """The app served by uvicorn in a background thread, with a few articles stored."""
    port = free_port()
    now = datetime.now(UTC)
    stories = [
        NewArticle(
            url="https://news.example.org/tram",
            title="Council approves new tram line",
            text="The city council approved the tram line on Monday.\n\n"
            "Work on the tram starts in spring, the mayor said.",
            source="Harbour Times",
            authors=("Ana Ruiz",),
            published_at=now - timedelta(hours=5),
            image=Image("https://images.example.org/tram.jpg", caption="The new tram",
                        credit="J. Doe"),
            license="CC BY 2.5 (https://creativecommons.org/licenses/by/2.5/)",
        ),
        NewArticle(
            url="https://news.example.org/harvest",
            title="Valley farmers expect a record harvest",
            text="Farmers in the valley expect the best harvest in a decade.",
            source="Valley Courier",
            published_at=now - timedelta(days=2),
        ),
    ]
    with engine.begin() as conn:
        for story in stories:
            save_article(conn, story, now=now)
    settings = Settings(database_url=engine.url.render_as_string(False), notice="Test notice")
    with serve_app(engine, settings, port=port) as served:
        yield served


def test_read_and_search_in_a_browser(base_url: str, tmp_path: Path) -> None:
    need_chromium()
    from playwright.sync_api import sync_playwright

    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda error: problems.append(str(error)))
            # The image host is offline here: the browser gets the picture from this stand-in.
            picture = (STATIC_DIR / "logo.svg").read_bytes()
            page.route("https://images.example.org/**", lambda route: route.fulfill(
                body=picture, content_type="image/svg+xml"))

            page.goto(base_url + "/")
            assert page.locator(".notice").inner_text() == "Test notice"
            page.get_by_role("link", name="Council approves new tram line").click()
            page.wait_for_url("**/articles/*")
            assert page.locator("h1").inner_text() == "Council approves new tram line"
            body = page.locator(".story-body p").all_inner_texts()
            assert body == [
                "The city council approved the tram line on Monday.",
                "Work on the tram starts in spring, the mayor said.",
            ]
            assert page.locator(".kicker a").text_content() == "Harbour Times"
            moment = page.locator(".byline time")
            assert moment.inner_text() == "5 hours ago"
            assert moment.get_attribute("title", timeout=1000).endswith(" UTC")
            # https only: the pages' CSP refuses plain-http images
            lead = page.locator("figure.lead-image")
            assert lead.locator("img").get_attribute("src") == "https://images.example.org/tram.jpg"
            assert lead.locator("img").evaluate("img => img.naturalWidth") > 0
            caption = lead.locator("figcaption").text_content() or ""
            assert "The new tram" in caption and "J. Doe" in caption
            assert "CC BY 2.5" in page.locator(".license").inner_text()
            shot = tmp_path / "article.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 1000

            page.get_by_role("searchbox", name="Search articles").fill("tram")
            page.get_by_role("searchbox", name="Search articles").press("Enter")
            page.wait_for_url("**/search?q=tram*")
            assert "1 result" in page.locator(".result-count").inner_text()
            marks = page.locator(".snippet mark").all_inner_texts()
            assert marks and {m.lower() for m in marks} == {"tram"}
            assert page.locator(".results .card-title").inner_text() == (
                "Council approves new tram line"
            )
        finally:
            browser.close()
    assert problems == []
