"""Following on both databases: follow and unfollow (web and API), other readers' follows out
of reach, the For you page (stories ranked, mutes, unread count), saved articles."""

from __future__ import annotations

import gzip
import json
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from readers_kit import add_article, logged_in, post_form
from tidings import pipeline
from tidings.config import Settings
from tidings.ingest.files import article_from_record
from tidings.model import User
from tidings.pipeline.articles import save
from tidings.pipeline.common import utcnow
from tidings.readers import accounts, follow_rules
from tidings.readers.follow_rules import FollowError
from tidings.store import users as user_store

ZIMBABWE = ["MDC may pull out of Zimbabwe election", "MDC pulls out of Zimbabwe elections",
            "Mugabe: There will be an election in Zimbabwe"]
WIKINEWS = Path(__file__).parent / "fixtures" / "wikinews-2005-2008.jsonl.gz"
OUTLETS = ["Harbour Times", "Valley Courier", "The Northern Ledger"]


def zimbabwe_story(engine: Engine, hours_ago: float = 3.0, titles: list[str] = ZIMBABWE
                   ) -> list[int]:
    """The three reports of one event by three outlets, published recently, clustered."""
    with gzip.open(WIKINEWS, "rt", encoding="utf-8") as handle:
        records = {r["title"]: r for r in map(json.loads, handle) if r["title"] in titles}
    ids = []
    for offset, title in enumerate(titles):
        article = article_from_record({**records[title], "source": OUTLETS[offset]})
        when = utcnow() - timedelta(hours=hours_ago) + timedelta(minutes=offset)
        ids.append(save(engine, replace(article, published_at=when), utcnow()).article_id)
    pipeline.cluster_pending(engine, Settings(database_url=engine.url.render_as_string(False)))
    return ids


def user_named(engine: Engine, username: str) -> User:
    with engine.connect() as conn:
        found = user_store.find_user(conn, username)
    assert found
    return found[0]


def test_follow_and_unfollow_from_pages_and_no_reader_reaches_anothers(engine: Engine):
    alice, bob = logged_in(engine, "alice"), logged_in(engine, "bob")
    response = post_form(alice, "/follows", {"kind": "outlet", "value": "Harbour Times",
                                              "next": "/for-you"}, page="/for-you")
    assert response.status_code == 303 and response.headers["location"] == "/for-you"
    [mine] = alice.get("/api/follows").json()
    assert (mine["kind"], mine["label"]) == ("outlet", "Harbour Times")
    assert "Harbour Times" in alice.get("/account").text

    assert bob.get("/api/follows").json() == []
    refused = post_form(bob, f"/follows/{mine['id']}/delete", {}, page="/for-you")
    assert refused.status_code == 404
    assert len(alice.get("/api/follows").json()) == 1
    no_csrf = alice.post("/follows", data={"kind": "topic", "value": "trams"})
    assert no_csrf.status_code == 403

    gone = post_form(alice, f"/follows/{mine['id']}/delete", {}, page="/for-you")
    assert gone.status_code == 303
    assert alice.get("/api/follows").json() == []


def test_api_follows_with_a_token_or_the_session_and_csrf(engine: Engine):
    alice, bob = logged_in(engine, "alice"), logged_in(engine, "bob")
    _stored, token = accounts.create_api_token(engine, user_named(engine, "bob"), "script")
    as_bob = {"Authorization": f"Bearer {token}"}

    assert alice.post("/api/follows", json={"kind": "topic", "value": "tram"}).status_code == 403
    csrf = alice.get("/for-you").text.split('name="csrf_token" value="')[1].split('"')[0]
    made = alice.post("/api/follows", json={"kind": "search", "value": "tram line",
                                            "source": "Harbour Times"},
                      headers={"X-CSRF-Token": csrf})
    assert made.status_code == 201, made.text
    follow = made.json()
    assert follow["label"] == "tram line (in Harbour Times)"

    assert bob.get("/api/follows", headers=as_bob).json() == []
    assert bob.delete(f"/api/follows/{follow['id']}", headers=as_bob).status_code == 404
    assert bob.post("/api/follows", json={"kind": "entity", "value": "99"},
                    headers=as_bob).status_code == 400
    assert bob.post("/api/follows", json={"kind": "planet", "value": "x"},
                    headers=as_bob).status_code == 400
    assert alice.delete(f"/api/follows/{follow['id']}",
                        headers={"X-CSRF-Token": csrf}).status_code == 204
    assert bob.get("/api/for-you").status_code == 200
    assert alice.__class__(alice.app).get("/api/follows").status_code == 401


def test_for_you_ranks_broad_stories_first_and_drops_mutes(engine: Engine):
    story = zimbabwe_story(engine)
    tram = add_article(engine)
    alice = logged_in(engine, "alice")
    for kind, value in (("topic", "Zimbabwe"), ("outlet", "Harbour Times")):
        assert post_form(alice, "/follows", {"kind": kind, "value": value},
                         page="/for-you").status_code == 303

    found = alice.get("/api/for-you").json()
    assert [len(item["articles"]) for item in found["items"]] == [3, 1]
    assert found["items"][1]["articles"][0]["id"] == tram
    assert found["items"][0]["story_id"] is not None
    assert set(found["items"][0]["reasons"]) == {"Zimbabwe", "Harbour Times"}
    assert found["unread"] == 4
    page = alice.get("/for-you").text
    assert "4</span> unread" in page and "Because you follow" in page

    alice.get(f"/articles/{story[0]}")
    assert alice.get("/api/for-you").json()["unread"] == 3

    for kind, value in (("mute_word", "sadc"), ("mute_outlet", "Harbour Times")):
        assert post_form(alice, "/follows", {"kind": kind, "value": value},
                         page="/for-you").status_code == 303
    items = alice.get("/api/for-you").json()["items"]
    assert [[a["id"] for a in item["articles"]] for item in items] == [[story[1]]]


def test_saved_articles_and_follow_buttons(engine: Engine):
    article = add_article(engine)
    alice = logged_in(engine, "alice")
    page = alice.get(f"/articles/{article}").text
    assert ">Save</button>" in page and ">Follow</button>" in page
    assert post_form(alice, f"/articles/{article}/save", {"saved": "true"},
                     page="/for-you").status_code == 303
    assert "Council approves new tram line" in alice.get("/saved").text
    assert ">Unsave</button>" in alice.get(f"/articles/{article}").text
    post_form(alice, f"/articles/{article}/save", {"saved": "false"}, page="/for-you")
    assert "Nothing saved yet" in alice.get("/saved").text
    source_page = alice.get("/sources/Harbour Times").text
    assert ">Follow</button>" in source_page and ">Mute</button>" in source_page


@pytest.mark.parametrize(("kind", "value"), [("entity", "Ueda"), ("topic", " "),
                                             ("planet", "Mars"), ("topic", "x" * 201)])
def test_follows_that_cannot_be_recorded(kind: str, value: str):
    with pytest.raises(FollowError):
        follow_rules.normalise(kind, value)


def test_mutes_match_whole_words_in_any_case():
    mutes = [("mute_word", "mugabe"), ("mute_outlet", "Wire")]
    assert follow_rules.is_muted("MUGABE speaks", "", "Paper", mutes)
    assert not follow_rules.is_muted("Mugabeland", "", "Paper", mutes)
    assert follow_rules.is_muted("Anything", "", "Wire", mutes)


def test_alert_channels_follow_the_reader_unless_the_follow_says_otherwise():
    both = {"email", "webhook"}
    assert follow_rules.channels("default", email_alerts=True, has_webhook=True) == both
    assert follow_rules.channels("default", email_alerts=False, has_webhook=False) == set()
    assert follow_rules.channels("webhook", email_alerts=True, has_webhook=False) == set()
    assert follow_rules.channels("both", email_alerts=False, has_webhook=True) == both
    assert follow_rules.channels("none", email_alerts=True, has_webhook=True) == set()


def test_for_you_shows_earlier_coverage_and_says_why_a_follow_has_nothing(engine: Engine):
    zimbabwe_story(engine, hours_ago=24 * 60)  # two months old: outside the 30-day window
    alice = logged_in(engine, "alice")
    for kind, value in (("topic", "Zimbabwe"), ("outlet", "Nowhere Gazette")):
        post_form(alice, "/follows", {"kind": kind, "value": value}, page="/for-you")
    page = alice.get("/for-you").text
    assert "Nothing new from what you follow in the last 30 days: here is earlier coverage" in page
    earlier = page[page.index("Earlier coverage"):]
    assert all(title in earlier for title in ZIMBABWE[:1])
    assert "<strong>Zimbabwe</strong>:\n      nothing in the last 30 days; 3 earlier" in page
    assert "<strong>Nowhere Gazette</strong>:\n      nothing matches it yet" in page


def test_for_you_explains_itself_to_a_visitor(engine: Engine):
    from readers_kit import make_client

    visitor = make_client(engine).get("/for-you")
    assert visitor.status_code == 200 and "/login" in str(visitor.url)
    assert "For you gathers, in one place, the news of what you follow" in visitor.text
