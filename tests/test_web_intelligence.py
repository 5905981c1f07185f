"""The reader's pages of the enrichment stage: in brief, people, quotes, ask, who's who."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, insert, update

from plugins.enrichment_corpus import NOW, save_corpus
from tidings.config import Settings
from tidings.pipeline.enriching import enrich_pending
from tidings.pipeline.summarizing import summarize_changed_stories
from tidings.server import create_app
from tidings.store.schema import articles, stories

KONO_SENTENCE = "Former finance minister Taro Kono was arrested on Monday in Osaka, police said."


def make_story(engine: Engine, ids: list[int]) -> int:
    """Put the articles in one story, as the clustering stage would."""
    with engine.begin() as conn:
        conn.execute(insert(stories).values(
            id=ids[0], title="Bank of Japan keeps rates low", label="boj", first_seen_at=NOW,
            last_seen_at=NOW, first_source="Wire", article_count=len(ids),
            source_count=len(ids), state={}, vector_sum=b"", title_sum=b"",
            headline_vectors=b"", updated_at=NOW,
        ))
        conn.execute(update(articles).where(articles.c.id.in_(ids)).values(story_id=ids[0]))
    return ids[0]


@pytest.fixture
def ids(engine: Engine) -> list[int]:
    return save_corpus(engine)


@pytest.fixture
def client(engine: Engine, ids: list[int]) -> Iterator[TestClient]:
    settings = Settings(database_url=engine.url.render_as_string(False))
    enrich_pending(engine, settings)
    with TestClient(create_app(settings, engine=engine)) as client:
        yield client


def entity_id(client: TestClient, name: str) -> int:
    page = client.get("/entities", params={"q": name}).text
    found = re.search(r'<a class="person-name" href="/entities/(\d+)">' + name, page)
    assert found, page
    return int(found.group(1))


def section(page: str, css_class: str) -> str:
    found = re.search(rf'<(section|aside) class="{css_class}".*?</\1>', page, re.S)
    assert found, f"no {css_class} section"
    return found.group(0)


def test_article_page_shows_in_brief_people_with_role_and_status_and_quotes(client, ids):
    page = client.get(f"/articles/{ids[1]}").text
    brief = section(page, "in-brief")
    assert "In brief" in brief
    assert "Governor Kazuo Ueda of the Bank of Japan warned" in brief
    assert f"<li>{KONO_SENTENCE}</li>" in brief
    people = section(page, "people")
    kono = entity_id(client, "Taro Kono")
    assert f'<a class="person-name" href="/entities/{kono}">Taro Kono</a>' in people
    assert '<span class="status status-arrested">arrested</span>' in people
    assert '<span class="person-role">Former finance minister</span>' in people
    assert '<span class="person-role">Governor</span>' in people

    quotes = section(client.get(f"/articles/{ids[0]}").text, "quotes")
    ueda = entity_id(client, "Kazuo Ueda")
    assert "<blockquote><p>We will keep supporting the economy" in quotes
    assert f'<a class="quote-speaker" href="/entities/{ueda}">Kazuo Ueda</a>' in quotes
    assert '<span class="quote-role">Bank of Japan Governor</span>' in quotes


def test_article_without_enrichment_has_no_brief_but_can_still_ask(engine, ids):
    settings = Settings(database_url=engine.url.render_as_string(False))
    with TestClient(create_app(settings, engine=engine)) as client:
        page = client.get(f"/articles/{ids[1]}").text
    assert "In brief" not in page and 'class="people"' not in page
    assert 'action="/articles/2#ask"'.replace("2", str(ids[1])) in page


def test_ask_an_article_answers_with_the_cited_sentence_marked(client, ids):
    page = client.get(f"/articles/{ids[1]}",
                      params={"question": "When was Taro Kono arrested?"}).text
    answer = section(page, "ask")
    assert "Ask about this article" in answer, "an article alone is not a story"
    assert "When was Taro Kono arrested?" in answer
    assert KONO_SENTENCE in answer
    assert 'href="#s-2"' in answer  # this article: the marked sentence
    assert f'<mark class="cited" id="s-2">{KONO_SENTENCE}</mark>' in page

    unknown = client.get(f"/articles/{ids[1]}", params={"question": "Who won the football cup?"})
    assert "I don't know" in section(unknown.text, "ask")
    assert "<mark" not in unknown.text


def test_ask_on_an_article_of_a_story_asks_the_whole_coverage(client, engine, ids):
    make_story(engine, ids)
    page = client.get(f"/articles/{ids[0]}", params={"question": "What do analysts expect?"}).text
    answer = section(page, "ask")
    assert "Analysts expect the first increase in the summer" in answer
    assert f'href="/articles/{ids[2]}#:~:text=Analysts%20expect' in answer
    assert "Daily: Ueda urges patience" in answer


def test_story_page_shows_summary_people_quotes_and_asks(client, engine, ids):
    story = make_story(engine, ids)
    summarize_changed_stories(engine)  # what the clustering follow-up does after a clustering
    page = client.get(f"/stories/{story}").text
    brief = section(page, "in-brief story-brief")
    assert "The story so far" in brief
    assert re.search(r'<a class="cite" href="/articles/\d+#:~:text=[^"]+">(Wire|Paper|Daily)</a>',
                     brief)
    assert "reported by 2 outlets" in brief
    people = section(page, "people")
    assert "Kazuo Ueda" in people and "in 3 articles" in people
    assert "status-arrested" in people
    assert "We will keep supporting the economy" in section(page, "quotes")
    asked = client.get(f"/stories/{story}", params={"question": "What do analysts expect?"})
    ask = section(asked.text, "ask")
    assert "Ask about this story" in ask
    assert f'href="/articles/{ids[2]}#:~:text=' in ask
    note = re.search(r'<p class="answer-note">(.*?)</p>', ask, re.S).group(1)
    titles = re.findall(r">([^<>]+)</a>", note)
    assert titles and len(titles) == len(set(titles)), "each cited article is named once"


def test_entity_page_has_roles_events_graph_and_articles(client, ids):
    ueda = entity_id(client, "Kazuo Ueda")
    page = client.get(f"/entities/{ueda}").text
    assert "<h1" in page and "Kazuo Ueda" in page and "Also called Ueda" in page
    roles = re.search(r'<ul class="roles">.*?</ul>', page, re.S).group(0)
    assert roles.index("Central bank chief") < roles.index("Governor")  # latest first
    assert f'href="/articles/{ids[1]}#:~:text=Governor%20Kazuo%20Ueda%20of' in roles
    assert "Governor Kazuo Ueda of the Bank of Japan warned" in roles
    graph = re.search(r'<svg class="graph".*?</svg>', page, re.S).group(0)
    bank = entity_id(client, "Bank of Japan")
    assert f'<a href="/entities/{bank}" class="node node-org">' in graph
    assert "Bank of Japan: 2 shared articles" in graph
    assert "style=" not in page
    for article_id in ids:
        assert f'href="/articles/{article_id}"' in page

    kono = client.get(f"/entities/{entity_id(client, 'Taro Kono')}").text
    timeline = re.search(r'<ol class="timeline">.*?</ol>', kono, re.S).group(0)
    assert '<time datetime="2024-03-04">4 March 2024</time>' in timeline
    assert "status-arrested" in timeline and KONO_SENTENCE in timeline
    assert f'href="/articles/{ids[1]}#:~:text=' in timeline


def test_entity_list_and_search(client):
    page = client.get("/entities").text
    assert page.index("Kazuo Ueda") < page.index("Taro Kono")  # most covered first
    found = client.get("/entities", params={"q": "kaz"}).text
    assert "Kazuo Ueda" in found and "Taro Kono" not in found
    assert "Nobody by that name" in client.get("/entities", params={"q": "zzz"}).text


def test_unknown_entity_is_a_404(client):
    response = client.get("/entities/999")
    assert response.status_code == 404
    assert "There is no person, organisation or place" in response.text
    assert client.get("/entities/nope").status_code == 404  # no id names nothing here


def test_hostile_questions_are_escaped(client, ids):
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    for path in (f"/articles/{ids[1]}", f"/stories/{ids[1]}", "/entities"):
        params = {"q" if path == "/entities" else "question": hostile}
        response = client.get(path, params=params)
        assert "<script>alert" not in response.text and "<img src=x" not in response.text
        assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    page = client.get(f"/articles/{ids[1]}", params={"question": hostile}).text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    assert client.get(f"/articles/{ids[1]}", params={"question": "x" * 501}).status_code == 400


def test_headline_only_story_lists_only_entities_more_than_one_headline_names(engine):
    # Real headlines of the demo's headline set (uci-1941, uci-1942, uci-1943).
    from dataclasses import replace

    from plugins.enrichment_corpus import ARTICLES

    headlines = ["Edward Snowden warns of personal data vulnerability",
                 "Does Google need an Edward Snowden?",
                 "It's Hard to Tell If Edward Snowden is a Liberal or a Libertarian"]
    ids = save_corpus(engine, [
        replace(ARTICLES[0], url=f"https://news{i}.example/", title=title, text="",
                headline_only=True, source=f"Outlet {i}")
        for i, title in enumerate(headlines)])
    settings = Settings(database_url=engine.url.render_as_string(False))
    enrich_pending(engine, settings)
    story = make_story(engine, ids)
    with TestClient(create_app(settings, engine=engine)) as client:
        people = section(client.get(f"/stories/{story}").text, "people")
        named = client.get(f"/articles/{ids[0]}").text
        alone = client.get(f"/articles/{ids[2]}").text
    assert "Edward Snowden" in people and "in 2 articles" in people
    assert "Liberal" not in people  # one headline's guess
    assert "Edward Snowden" in section(named, "people")
    assert "People in this story" not in alone
