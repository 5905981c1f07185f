"""Coverage by outlet and by the outlet's country: the table, the fallbacks, the story page."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import Engine, insert, update

from tidings.config import Settings
from tidings.model import Article, NewArticle
from tidings.perspective import country_of, load_table, perspective, read_table
from tidings.server import create_app
from tidings.store.articles import save_article
from tidings.store.schema import articles, stories
from tidings.web.timefmt import clock_time

NOW = datetime.now(UTC).replace(microsecond=0)
TABLE = read_table("# outlet or domain, tab, country\nHarbour Times\tNorway\n"
                   "valley.example\tChile\n\nbroken line without a tab\n")


def _article(n: int, source: str, url: str, minutes: int) -> Article:
    return Article(id=n, url=url, title=f"Report {n}", text="", source=source,
                   fetched_at=NOW, published_at=NOW + timedelta(minutes=minutes))


def test_the_table_then_the_domain_then_the_country_code():
    assert country_of("harbour times", [], TABLE) == "Norway"  # names are matched folded
    assert country_of("Valley Courier", ["https://news.valley.example/a"], TABLE) == "Chile"
    assert country_of("The Ledger", ["https://ledger.co.uk/x"], TABLE) == "United Kingdom"
    assert country_of("Somewhere", ["https://somewhere.com/x"], TABLE) is None
    assert "broken line without a tab" not in TABLE


def test_the_shipped_table_places_the_big_outlets():
    table = load_table()
    assert table["reuters"] == "United Kingdom"
    assert table["wall street journal"] == "United States"
    assert len(table) > 300


def test_perspective_counts_outlets_and_countries_in_order_of_first_coverage():
    found = perspective([
        _article(1, "Valley Courier", "https://valley.example/1", 30),
        _article(2, "Harbour Times", "https://harbour.example/2", 0),
        _article(3, "Harbour Times", "https://harbour.example/3", 90),
        _article(4, "Fjord Post", "https://fjord.no/4", 45),
        _article(5, "Mystery Daily", "https://mystery.com/5", 60),
    ], TABLE)
    assert found is not None
    assert [o.outlet for o in found.outlets] == [
        "Harbour Times", "Valley Courier", "Fjord Post", "Mystery Daily"]
    assert found.first.outlet == "Harbour Times"
    assert [(c.country, c.outlets, c.articles) for c in found.countries] == [
        ("Norway", 2, 3), ("Chile", 1, 1)]
    assert found.unknown_outlets == 1
    assert found.latest_at == NOW + timedelta(minutes=90)
    assert perspective([], TABLE) is None


def test_the_story_page_says_who_covered_it_from_where(engine: Engine, tmp_path):
    table = tmp_path / "countries.tsv"
    table.write_text("Harbour Times\tNorway\nValley Courier\tChile\n")
    outlets = ["Harbour Times", "Valley Courier", "Fjord Post"]
    with engine.begin() as conn:
        ids = [save_article(conn, NewArticle(
            url=f"https://{o.split()[0].lower()}.example/{n}", title=f"Dam opens, report {n}",
            text=f"The dam opened on Monday, report {n} says.", source=o,
            published_at=NOW - timedelta(hours=3) + timedelta(minutes=n)), now=NOW).article_id
            for n, o in enumerate(outlets)]
        conn.execute(insert(stories).values(
            id=ids[0], title="Dam opens", label="dam", first_seen_at=NOW, last_seen_at=NOW,
            first_source=outlets[0], article_count=3, source_count=3, state={},
            vector_sum=b"", title_sum=b"", headline_vectors=b"", updated_at=NOW))
        conn.execute(update(articles).where(articles.c.id.in_(ids)).values(story_id=ids[0]))
    settings = Settings(database_url=engine.url.render_as_string(False),
                        outlet_countries=table)
    with TestClient(create_app(settings, engine=engine)) as client:
        page = client.get(f"/stories/{ids[0]}").text
    line = re.search(r'<p class="perspective-line">(.*?)</p>', page, re.S).group(1)
    words = re.sub(r"<[^>]+>", "", line)
    first = clock_time(NOW - timedelta(hours=3))  # "16:52" (with the date after midnight)
    assert words.startswith(f"Covered by 3 outlets in 2 countries (1 of unknown country); "
                            f"first by Harbour Times at {first}")
    rows = re.findall(r'<th scope="row">([^<]+)</th>', page)
    assert rows == ["Norway", "Chile"]
    assert page.index(">Harbour Times</a>") < page.index(">Valley Courier</a>") < page.index(
        ">Fjord Post</a>")
