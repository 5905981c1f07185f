"""The JSON API of the enrichment stage: article enrichment, entities and questions."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from plugins.enrichment_corpus import save_corpus
from readers_kit import with_token
from tidings.config import Settings
from tidings.pipeline.enriching import enrich_pending
from tidings.server import create_app


@pytest.fixture
def client(engine: Engine) -> Iterator[TestClient]:
    save_corpus(engine)
    settings = Settings(database_url=engine.url.render_as_string(False))
    enrich_pending(engine, settings)
    with TestClient(create_app(settings, engine=engine)) as client:
        yield client


def test_article_detail_has_summary_entities_and_quotes(client):
    body = client.get("/api/articles/1").json()
    assert body["summary"]["tldr"].startswith("Bank of Japan Governor Kazuo Ueda said")
    assert body["summary"]["method"] == "extractive" and body["summary"]["points"]
    ueda = next(e for e in body["entities"] if e["name"] == "Kazuo Ueda")
    assert ueda == {"id": ueda["id"], "name": "Kazuo Ueda", "type": "PERSON",
                    "role": "Bank of Japan Governor", "status": None}
    [quote] = body["quotes"]
    assert quote["speaker"] == "Kazuo Ueda" and quote["entity_id"] == ueda["id"]
    kono = next(e for e in client.get("/api/articles/2").json()["entities"]
                if e["name"] == "Taro Kono")
    assert kono["status"] == "arrested"


def test_search_entities_by_name_or_alias(client):
    body = client.get("/api/entities", params={"q": "kaz"}).json()
    assert [e["name"] for e in body["items"]] == ["Kazuo Ueda"]
    assert body["items"][0]["aliases"] == ["Ueda"] and body["items"][0]["article_count"] == 3
    assert client.get("/api/entities", params={"q": "100%_"}).json()["items"] == []
    assert client.get("/api/entities").json()["items"][0]["name"] == "Kazuo Ueda"


def test_entity_profile_cites_articles_and_sentences(client):
    [ueda] = client.get("/api/entities", params={"q": "ueda"}).json()["items"]
    body = client.get(f"/api/entities/{ueda['id']}").json()
    assert [a["id"] for a in body["articles"]] == [3, 2, 1]
    assert [r["article_id"] for r in body["roles"]] == [3, 2, 1]
    assert body["roles"][2] == {
        "role": "Bank of Japan Governor", "article_id": 1, "sentence_index": 1,
        "sentence": "Bank of Japan Governor Kazuo Ueda said on Tuesday that interest rates "
        "would stay low for some time.", "published_at": "2024-03-05T09:00:00Z",
    }
    assert body["quotes"][0]["article_id"] == 1
    [kono] = client.get("/api/entities", params={"q": "kono"}).json()["items"]
    events = client.get(f"/api/entities/{kono['id']}").json()["events"]
    assert [(e["type"], e["date"], e["article_id"]) for e in events] == [
        ("arrested", "2024-03-04", 2)]
    assert client.get("/api/entities/999").status_code == 404


def test_ask_answers_with_citations_or_does_not_know(client, engine):
    question = {"question": "When was Taro Kono arrested?", "article_id": 2}
    assert client.post("/api/ask", json=question).status_code == 401
    client = with_token(client, engine, "asker")
    reply = client.post("/api/ask", json={"question": "When was Taro Kono arrested?",
                                          "article_id": 2})
    assert reply.status_code == 200
    body = reply.json()
    assert body["confident"] is True
    assert body["citations"] == [{
        "article_id": 2, "sentence_index": 2,
        "sentence": "Former finance minister Taro Kono was arrested on Monday in Osaka, "
        "police said.",
    }]
    unknown = client.post("/api/ask", json={"question": "Who won the cup?", "article_id": 2})
    assert unknown.json()["answer"] == "I don't know." and unknown.json()["citations"] == []
    assert client.post("/api/ask", json={"question": "Who?", "article_id": 99}
                       ).status_code == 404
    assert client.post("/api/ask", json={"question": "Who?", "story_id": 99}).status_code == 404
    assert client.post("/api/ask", json={"question": "Who?"}).status_code == 422
    assert client.post("/api/ask", json={"question": "Who?", "article_id": 1, "story_id": 1}
                       ).status_code == 422
