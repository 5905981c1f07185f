"""One role per office on the reader's pages, in the fullest form the coverage gives: the
story page's people, the entity page's roles and the quote cards all spell "President" and
"President of the United States" as the latter; a former post stays a post of its own."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from plugins.enrichment_corpus import ARTICLES, save_corpus
from test_web_intelligence import entity_id, make_story, section
from tidings.config import Settings
from tidings.pipeline.enriching import enrich_pending
from tidings.server import create_app

TEXTS = [
    "U.S. President Tom Harlan said on Monday that the trade talks would go on.\n\n"
    '"We will keep talking until there is a deal on the table," Harlan told reporters.',
    "President Tom Harlan flew home from Ottawa on Wednesday after the trade talks.",
    "Tom Harlan, the President of the United States, met the Canadian premier on Tuesday.",
    "Former Senator Tom Harlan spoke at the library in 2019 about his years in Congress.",
]
"""The first three are one story; the last, about his old post, is in none."""


@pytest.fixture
def client(engine: Engine) -> Iterator[tuple[TestClient, list[int]]]:
    ids = save_corpus(engine, [
        replace(ARTICLES[0], url=f"https://news{i}.example/harlan", title=f"Harlan, day {i}",
                text=text, source=f"Outlet {i}", published_at=datetime(2024, 3, 4 + i, tzinfo=UTC))
        for i, text in enumerate(TEXTS)])
    settings = Settings(database_url=engine.url.render_as_string(False))
    enrich_pending(engine, settings)
    with TestClient(create_app(settings, engine=engine)) as client:
        yield client, ids


def shown(html: str, css_class: str) -> list[str]:
    return re.findall(rf'<(?:span|p) class="{css_class}">([^<]+?)\s*(?:<|$)', html)


def test_the_story_page_shows_the_office_in_its_fullest_form(client, engine) -> None:
    web, ids = client
    story = make_story(engine, ids[:3])
    page = web.get(f"/stories/{story}").text
    # two of its three articles say "President": the office is still shown in full
    assert shown(section(page, "people"), "person-role") == ["President of the United States"]
    assert shown(section(page, "quotes"), "quote-role") == ["President of the United States"]


def test_the_entity_page_lists_each_office_once_and_a_former_post_apart(client) -> None:
    web, _ = client
    page = web.get(f"/entities/{entity_id(web, 'Tom Harlan')}").text
    roles = re.search(r'<ul class="roles">.*?</ul>', page, re.S).group(0)
    assert shown(roles, "role-name") == ["Former Senator", "President of the United States"]
    assert shown(section(page, "quotes"), "quote-role") == ["President of the United States"]


def test_the_article_page_quote_card_spells_the_role_as_the_coverage_does(client) -> None:
    web, ids = client
    page = web.get(f"/articles/{ids[0]}").text
    assert shown(section(page, "quotes"), "quote-role") == ["President of the United States"]
    # the article's own list keeps the words that article uses
    assert shown(section(page, "people"), "person-role") == ["U.S. President"]
