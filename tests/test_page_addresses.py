"""Addresses a page names for readers' browsers (its lead image, its canonical address) pass
the fetcher's address rules at ingest, and the reader's CSP loads no plain-http image.

Pages come from the local test server (tests/fixtures/site/pages/), fetched through the
production path with loopback allowed as an intranet network (`allowed_networks`) and every
other private address refused, as on a real server.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tidings import pipeline
from tidings.config import Settings
from tidings.ingest.netguard import AddressGuard, url_refusal
from tidings.server import create_app
from tidings.store import articles as article_store


@pytest.fixture
def settings(engine: Engine) -> Settings:
    return Settings(database_url=engine.url.render_as_string(False),
                    allowed_networks=["127.0.0.1/32"], per_host_delay=0.0, max_retries=0,
                    respect_robots_txt=False)


def fetch(engine: Engine, settings: Settings, url: str) -> pipeline.PageOutcome:
    with pipeline.open_fetcher(settings) as fetcher:
        [outcome] = pipeline.fetch_urls(engine, settings, fetcher, [url])
    assert outcome.result is not None, outcome.error
    return outcome


def test_a_hostile_pages_image_and_address_are_left_out_and_why(engine, settings, site):
    page_url = site.url_for("/pages/hostile-addresses.html")
    outcome = fetch(engine, settings, page_url)
    with engine.connect() as conn:
        article = article_store.get_article(conn, outcome.result.article_id)
    assert article is not None and article.image is None
    assert article.url == page_url  # not the page's claimed http://0xa9fea9fe/latest/...
    assert outcome.warnings == (
        "image http://10.0.0.1/x.png left out: 10.0.0.1 is a private address",
        "canonical address http://0xa9fea9fe/latest/meta-data/ left out: 0xa9fea9fe is a "
        "link-local address",
    )
    with TestClient(create_app(settings, engine=engine)) as client:
        shown = client.get(f"/articles/{article.id}")
    assert shown.status_code == 200 and "Harbour authority opens" in shown.text
    assert "10.0.0.1" not in shown.text and "0xa9fea9fe" not in shown.text
    assert "192.168.1.1" not in shown.text


def test_a_public_image_is_kept_and_the_csp_allows_only_https_images(engine, settings, site):
    outcome = fetch(engine, settings, site.url_for("/pages/public-image.html"))
    assert outcome.warnings == ()
    with engine.connect() as conn:
        article = article_store.get_article(conn, outcome.result.article_id)
    assert article is not None and article.image is not None
    with TestClient(create_app(settings, engine=engine)) as client:
        shown = client.get(f"/articles/{article.id}")
    assert 'src="https://images.eastmere-gazette.example/library.jpg"' in shown.text
    policy = dict(part.strip().split(" ", 1)
                  for part in shown.headers["content-security-policy"].split(";"))
    assert policy["img-src"].split() == ["'self'", "https:", "data:"]


@pytest.mark.parametrize(("url", "reason"), [
    ("http://10.0.0.1/x.png", "10.0.0.1 is a private address"),
    ("https://127.1/x.png", "127.1 is a loopback address"),
    ("http://2130706433/", "2130706433 is a loopback address"),
    ("http://0x7f.0.0.1/", "0x7f.0.0.1 is a loopback address"),
    ("http://[::ffff:192.168.0.1]/", "::ffff:192.168.0.1 is a private address"),
    ("http://[fe80::1]/", "fe80::1 is a link-local address"),
    ("http://169.254.169.254/latest/meta-data", "169.254.169.254 is a link-local address"),
    ("http://999.0.0.1/", "999.0.0.1 is not a valid address"),
    ("javascript:alert(1)", "not an http(s) URL"),
    ("data:image/png;base64,AAAA", "not an http(s) URL"),
    ("//cdn.example.org/x.png", "not an http(s) URL"),
    ("http://host:99999/x.png", "a malformed URL"),
    ("https://93.184.215.14/x.png", None),
    ("https://images.example.org/x.png", None),
])
def test_addresses_a_browser_would_read_as_private_are_refused(url, reason):
    assert url_refusal(url, AddressGuard()) == reason


def test_names_are_resolved_only_when_asked_and_allowed_networks_pass():
    assert url_refusal("http://localhost/x.png", AddressGuard()) is None
    refused = url_refusal("http://localhost/x.png", AddressGuard(), resolve=True)
    assert refused is not None and "a loopback address" in refused
    assert url_refusal("http://10.1.2.3/x.png", AddressGuard.from_cidrs(["10.0.0.0/8"])) is None
