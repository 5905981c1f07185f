"""Lead images through the production path: a page with a figure keeps its picture, caption
and credit, and the article page shows them (https pictures only: the CSP refuses http)."""

from __future__ import annotations

from datetime import UTC, datetime

import lxml.html
from fastapi.testclient import TestClient

from tidings import pipeline
from tidings.config import Settings
from tidings.model import Image, NewArticle
from tidings.server import create_app
from tidings.store.articles import save_article

PICTURE = "https://images.eastmere.example/2024/harbour.svg"


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
    assert figure.xpath(".//img/@src") == [PICTURE]
    caption = figure.xpath(".//figcaption")[0].text_content()
    assert "The two warehouses on the north quay, seen from the water." in caption
    assert "Eastmere Gazette / K. Lund" in caption


def test_a_plain_http_image_is_not_shown_broken(engine, db_url):
    """The pages' CSP loads https images only: an http one would be a broken picture."""
    now = datetime.now(UTC)
    with engine.begin() as conn:
        article_id = save_article(conn, NewArticle(
            url="https://news.example/old", title="Old site, old picture", text="Some text.",
            source="Old Site", published_at=now,
            image=Image("http://img.example/p.jpg", caption="A caption")), now=now).article_id
    settings = Settings(database_url=db_url)
    with TestClient(create_app(settings, engine=engine)) as client:
        page = client.get(f"/articles/{article_id}").text
        home = client.get("/").text
    assert "http://img.example/p.jpg" not in page and "http://img.example/p.jpg" not in home
    assert 'class="lead-image"' not in page
