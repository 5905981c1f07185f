"""The who-appears-with-whom picture in headless Debian chromium, with the site's own stylesheet:
no label is cut by the picture's edge at desktop or phone width (phones draw labels larger)."""

from __future__ import annotations

from pathlib import Path

import pytest

from plugins.live_app import CLIPPED_LABELS, launch_chromium, need_chromium
from tidings.store.cooccurrence import Companion, Neighbourhood
from tidings.web.graph import graph_svg

pytestmark = pytest.mark.browser
STYLE = Path(__file__).resolve().parents[1] / "src" / "tidings" / "web" / "static" / "style.css"


def _hood(name: str, count: int) -> Neighbourhood:
    """A centre and `count` companions, each named `name` (wide letters: the worst case)."""
    companions = tuple(
        Companion(id=i + 2, name=f"{name} {i}", type="PERSON", shared=count - i)
        for i in range(count)
    )
    return Neighbourhood(Companion(1, "Centre", "PERSON", count), companions, ())


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name", ["WWWWWWWWWWWWWWWWWWWWWWWW", "Congress", "Mmmm Wwwwww"])
def test_no_label_is_cut_by_the_edge(tmp_path: Path, width: int, name: str) -> None:
    need_chromium()
    from playwright.sync_api import sync_playwright

    page_file = tmp_path / "graph.html"
    page_file.write_text(
        f'<!doctype html><html><head><meta name="viewport" content="width=device-width">'
        f"<style>{STYLE.read_text(encoding='utf-8')}</style></head>"
        f"<body><main>{graph_svg(_hood(name, 12))}</main></body></html>",
        encoding="utf-8",
    )
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto(page_file.as_uri())
            clipped = page.locator("svg.graph").evaluate(CLIPPED_LABELS)
        finally:
            browser.close()
    assert clipped == [], f"labels cut by the picture's edge at {width} px: {clipped}"
