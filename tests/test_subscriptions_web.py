"""A reader's own feeds on the web (/subscriptions): subscribe, fetched at once, rename, move
between folders, OPML out and in with folders, unsubscribe for oneself only; API passwords on
the account page. Both databases, the real app, a real local feed server."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from readers_kit import csrf, logged_in, make_client, post_form
from tidings.ingest.opml import parse_opml
from tidings.store import articles as article_store
from tidings.store.subscriptions import list_subscriptions
from tidings.store.users import find_user

FOLDERED_OPML = b"""<?xml version="1.0"?>
<opml version="2.0"><head><title>mine</title></head><body>
<outline text="Tech"><outline type="rss" text="One" xmlUrl="https://one.example.org/feed"/>
<outline type="rss" text="Bad" xmlUrl="javascript:alert(1)"/></outline>
<outline type="rss" text="Two" xmlUrl="https://two.example.org/feed"/>
</body></opml>"""


def _user_id(engine: Engine, name: str) -> int:
    with engine.connect() as conn:
        found = find_user(conn, name)
    assert found
    return found[0].id


def _reaching_the_test_site(client: TestClient) -> TestClient:
    """The client's app with the fetcher allowed to reach the local test server."""
    client.app.state.settings = client.app.state.settings.model_copy(  # type: ignore[attr-defined]
        update={"allow_private_addresses": True, "per_host_delay": 0.0})
    return client


def test_subscribe_fetch_rename_move_export_import_unsubscribe(engine: Engine, site) -> None:
    ada = _reaching_the_test_site(logged_in(engine, "ada"))
    feed_url = site.url_for("/feeds/atom.xml")
    added = post_form(ada, "/subscriptions", {"url": feed_url, "folder": "Local"},
                      page="/subscriptions")
    assert added.status_code == 303
    page = ada.get("/subscriptions").text
    assert "Subscribed." in page and "Local" in page
    ada_id = _user_id(engine, "ada")
    with engine.connect() as conn:  # the background fetch ran after the response
        assert article_store.count_articles(conn) >= 1
        subs = list_subscriptions(conn, ada_id)
    assert [s.folder for s in subs] == ["Local"]
    feed_id = subs[0].feed.id

    post_form(ada, f"/subscriptions/{feed_id}/edit", {"title": "My paper", "folder": "Town"},
              page="/subscriptions")
    exported = ada.get("/subscriptions/export.opml")
    assert exported.headers["content-type"].startswith("text/x-opml")
    outlines = parse_opml(exported.content).feeds
    assert [(o.url, o.title, o.category) for o in outlines] == [(feed_url, "My paper", "Town")]

    token = csrf(ada, "/subscriptions")
    imported = ada.post("/subscriptions/import", data={"csrf_token": token},
                        files={"opml": ("mine.opml", FOLDERED_OPML, "text/x-opml")})
    assert imported.status_code == 200
    assert "javascript:alert(1)" in imported.text, "each refused outline is listed with a reason"
    with engine.connect() as conn:
        folders = {s.feed.url: s.folder for s in list_subscriptions(conn, ada_id)}
    assert folders["https://one.example.org/feed"] == "Tech"
    assert folders["https://two.example.org/feed"] is None

    # another reader: cannot touch ada's subscription, subscribing to the same URL shares it
    bob = _reaching_the_test_site(logged_in(engine, "bob"))
    assert post_form(bob, f"/subscriptions/{feed_id}/remove", {},
                     page="/subscriptions").status_code == 404
    post_form(bob, "/subscriptions", {"url": feed_url}, page="/subscriptions")
    bob_id = _user_id(engine, "bob")
    with engine.connect() as conn:
        bob_subs = list_subscriptions(conn, bob_id)
    assert [s.feed.id for s in bob_subs] == [feed_id], "one source, polled once for both"
    admin = logged_in(engine, "root", role="admin")
    sources = admin.get("/subscriptions").text.split("Every source")
    assert len(sources) == 2, "administrators see every source"
    assert re.search(r"<td>2</td>", sources[1]), "the shared source counts its two readers"

    assert post_form(ada, f"/subscriptions/{feed_id}/remove", {},
                     page="/subscriptions").status_code == 303
    with engine.connect() as conn:
        assert feed_id not in {s.feed.id for s in list_subscriptions(conn, ada_id)}
        assert [s.feed.id for s in list_subscriptions(conn, bob_id)] == [feed_id]



def test_api_password_on_the_account_page(engine: Engine) -> None:
    ada = logged_in(engine, "ada")
    page = post_form(ada, "/account/api-password", {}, page="/account")
    shown = re.search(r'<code id="new-api-password">([^<]+)</code>', page.text)
    assert shown, "the new API password is shown once"
    again = ada.get("/account").text
    assert shown.group(1) not in again and "You have an API password" in again
    login = ada.post("/accounts/ClientLogin", data={"Email": "ada", "Passwd": shown.group(1)})
    assert login.status_code == 200 and "Auth=" in login.text
    auth = login.text.split("Auth=")[1].strip()
    headers = {"Authorization": f"GoogleLogin auth={auth}"}
    assert ada.get("/reader/api/0/user-info", headers=headers).status_code == 200

    post_form(ada, "/account/api-password/revoke", {}, page="/account")
    assert ada.get("/reader/api/0/user-info", headers=headers).status_code == 401
    assert ada.post("/accounts/ClientLogin",
                    data={"Email": "ada", "Passwd": shown.group(1)}).status_code == 401
    assert "Revoke it" not in ada.get("/account").text


def test_subscriptions_need_an_account(engine: Engine) -> None:
    anonymous = make_client(engine)
    page = anonymous.get("/subscriptions", follow_redirects=False)
    assert page.status_code in (302, 303, 401)
    refused = anonymous.post("/subscriptions", data={"url": "https://x.example.org/f"},
                             follow_redirects=False)
    assert refused.status_code in (302, 303, 401, 403)
