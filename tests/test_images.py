"""Lead images through the production path: a page with a figure keeps its picture, caption
and credit, and the article page shows them."""

from __future__ import annotations

import httpx
import lxml.html
from fastapi.testclient import TestClient

from tidings import pipeline
from tidings.config import Settings
from tidings.server import create_app


def test_a_pictured_page_keeps_its_image_caption_and_credit(engine, db_url, site):
    settings = Settings(database_url=db_url, allow_private_addresses=True, per_host_delay=0.0)
    with pipeline.open_fetcher(settings) as fetcher:
        [outcome] = pipeline.fetch_urls(engine, settings, fetcher,
                                        [f"{site.url}/pages/article-image.html"])
    assert outcome.result is not None, outcome.error
    with TestClient(create_app(settings, engine=engine)) as client:
        page = client.get(f"/articles/{outcome.result.article_id}").text
    doc = lxml.html.fromstring(page)
    [figure] = doc.xpath("//figure[@class='lead-image']")
    assert figure.xpath(".//img/@src") == [f"{site.url}/images/harbour.svg"]
    caption = figure.xpath(".//figcaption")[0].text_content()
    assert "The two warehouses on the north quay, seen from the water." in caption
    assert "Eastmere Gazette / K. Lund" in caption
    picture = httpx.get(f"{site.url}/images/harbour.svg")
    assert picture.status_code == 200 and picture.headers["content-type"] == "image/svg+xml"
