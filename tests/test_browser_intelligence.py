"""The intelligence pages in headless Debian chromium: people, an entity page, asking."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from plugins.enrichment_corpus import save_corpus
from plugins.live_app import CLIPPED_LABELS, launch_chromium, need_chromium, serve_app
from tidings.config import Settings
from tidings.pipeline.enriching import enrich_pending

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)]


@pytest.fixture
def base_url(engine: Engine) -> Iterator[str]:
    """The app served by uvicorn in a background thread, over the enriched corpus."""
    save_corpus(engine)
    settings = Settings(database_url=engine.url.render_as_string(False))
    enrich_pending(engine, settings)
    with serve_app(engine, settings) as served:
        yield served


def test_people_entity_graph_and_ask_in_a_browser(base_url: str, tmp_path: Path) -> None:
    need_chromium()
    from playwright.sync_api import sync_playwright

    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda error: problems.append(str(error)))

            page.goto(base_url + "/")
            page.get_by_role("link", name="Inflation outlook uncertain, central bank says").click()
            page.wait_for_url("**/articles/*")
            article_url = page.url
            assert page.locator(".in-brief-title").text_content() == "In brief"
            people = page.locator(".people")
            assert "Former finance minister" in people.inner_text()
            assert people.locator(".status").first.inner_text().lower() == "arrested"

            people.get_by_role("link", name="Kazuo Ueda").click()
            page.wait_for_url("**/entities/*")
            assert page.locator("h1").inner_text().strip() == "Kazuo Ueda"
            graph = page.locator("svg.graph")
            assert graph.is_visible()
            assert graph.locator("a").count() >= 3
            clipped = graph.evaluate(CLIPPED_LABELS)
            assert clipped == [], f"labels cut by the picture's edge: {clipped}"
            assert "Governor" in page.locator(".roles").inner_text()
            page.screenshot(path=str(tmp_path / "entity.png"), full_page=True)

            page.go_back()
            page.wait_for_url(article_url)
            box = page.get_by_role("searchbox", name="Answers come from")
            box.fill("When was Taro Kono arrested?")
            box.press("Enter")
            page.wait_for_url("**question=*")
            answer = page.locator(".answer")
            assert "arrested on Monday in Osaka" in answer.inner_text()
            citation = answer.locator("a.citation").first
            assert citation.get_attribute("href") == "#s-2"
            citation.click()
            assert page.locator("mark#s-2").is_visible()
            assert "Taro Kono was arrested" in page.locator("mark#s-2").inner_text()
            page.screenshot(path=str(tmp_path / "answer.png"), full_page=True)
        finally:
            browser.close()
    assert problems == []
