"""Reader apps against a real `tidings serve`: a NetNewsWire-like sync session through the
Google Reader API and the Fever API, sharing read and starred states with each other and with
the web, on both databases.

The requests are built here by hand, exactly as the protocols say (form posts, GoogleLogin
headers, md5 api keys); nothing of the server's code is used to make them.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

from plugins.databases import DB_KINDS, fresh_database
from plugins.live_app import free_port

READING_LIST = "user/-/state/com.google/reading-list"
READ = "user/-/state/com.google/read"
STARRED = "user/-/state/com.google/starred"
LONG = "tag:google.com,2005:reader/item/"
READERS = ("ada", "bob", "cyd")
LOGIN_PASSWORD = "correct horse battery"


@dataclass
class Server:
    url: str
    env: dict[str, str]

    def cli(self, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "tidings", *args], input=stdin,
                              env=self.env, capture_output=True, text=True, timeout=120,
                              check=False)


@pytest.fixture(scope="module", params=DB_KINDS)
def server_url(request: pytest.FixtureRequest, tmp_path_factory) -> Iterator[str]:
    """One database per module and kind (the server below is costly to start)."""
    with fresh_database(request, request.param, tmp_path_factory.mktemp("apps")) as url:
        yield url


@pytest.fixture(scope="module")
def server(server_url: str, tmp_path_factory) -> Iterator[Server]:
    """A fresh `tidings serve`, set up only through the CLI: `init`, `users create` and
    `users set-api-password` for three readers."""
    env = {**os.environ, "TIDINGS_DATABASE_URL": server_url,
           "TIDINGS_ALLOW_PRIVATE_ADDRESSES": "true", "TIDINGS_PER_HOST_DELAY": "0",
           "TIDINGS_EXTRACT_PROCESSES": "1"}
    port = free_port()
    probe = Server(f"http://127.0.0.1:{port}", env)
    assert probe.cli("init").returncode == 0
    for name in READERS:
        done = probe.cli("users", "create", name, "--email", f"{name}@example.org",
                         "--password-stdin", stdin=LOGIN_PASSWORD + "\n")
        assert done.returncode == 0, done.stdout + done.stderr
        done = probe.cli("users", "set-api-password", name, "--password-stdin",
                         stdin=api_password(name) + "\n")
        assert done.returncode == 0, done.stdout + done.stderr
    log_path = tmp_path_factory.mktemp("serve") / "serve.log"
    log = log_path.open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "tidings", "serve", "--port", str(port)], env=env,
        stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(probe.url + "/api/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        else:
            pytest.fail("tidings serve did not come up")
        yield probe
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()
        print(log_path.read_text()[-5000:])  # shown when a test fails


def api_password(name: str) -> str:
    return f"phone-app-password-of-{name}"


def login(server: Server, email: str = "ada", password: str = "") -> httpx.Client:
    password = password or api_password(email)
    reply = httpx.post(server.url + "/accounts/ClientLogin",
                       data={"Email": email, "Passwd": password}, timeout=30)
    assert reply.status_code == 200, reply.text
    auth = dict(line.split("=", 1) for line in reply.text.strip().splitlines())["Auth"]
    return httpx.Client(base_url=server.url + "/reader/api/0",
                        headers={"Authorization": f"GoogleLogin auth={auth}"}, timeout=30)


def fever(server: Server, query: str, user: str = "ada", password: str = "",
          **form: str) -> dict:
    password = password or api_password(user)
    key = hashlib.md5(f"{user}:{password}".encode()).hexdigest()
    reply = httpx.post(f"{server.url}/fever/?api&{query}", data={"api_key": key, **form},
                       timeout=30)
    assert reply.status_code == 200
    return reply.json()


def item_ids(client: httpx.Client, **params: str) -> list[int]:
    reply = client.get("/stream/items/ids", params={"s": READING_LIST, "n": "1000", **params})
    assert reply.status_code == 200, reply.text
    return [int(ref["id"]) for ref in reply.json()["itemRefs"]]


def test_a_sync_session_end_to_end(server: Server, site) -> None:
    app = login(server)
    token = app.get("/token")
    assert token.status_code == 200 and token.text
    assert app.get("/user-info").json()["userName"] == "ada"
    assert app.get("/subscription/list", params={"output": "json"}).json() == {
        "subscriptions": []}

    feed_url = site.url_for("/feeds/rss2.xml")
    added = app.post("/subscription/quickadd", data={"quickadd": feed_url, "T": token.text})
    assert added.status_code == 200, added.text
    stream = added.json()["streamId"]
    assert stream.startswith("feed/")

    deadline = time.monotonic() + 60  # fetched in the background, not at the next poll
    while len(ids := item_ids(app)) < 3 and time.monotonic() < deadline:  # one by one
        time.sleep(0.5)
    assert len(ids) == 3, "the feed's three linked items are readable"
    assert item_ids(app, s=stream) == ids

    # contents by all three id forms: long hex, short hex, decimal
    forms = [f"{LONG}{ids[0]:016x}", f"{ids[1]:016x}", str(ids[2])]
    contents = app.post("/stream/items/contents", data={"i": forms, "output": "json"}).json()
    got = {int(item["id"].removeprefix(LONG), 16) for item in contents["items"]}
    assert got == set(ids)
    first = contents["items"][0]
    assert first["alternate"][0]["href"].startswith(site.url)
    assert "<p>" in first["summary"]["content"] and "<script" not in first["summary"]["content"]
    assert READING_LIST.replace("-", "") not in first["categories"]

    # read in the Google Reader API -> read in Fever
    assert app.post("/edit-tag", data={"i": str(ids[0]), "a": READ, "T": token.text}).text == "OK"
    assert item_ids(app, xt=READ) == ids[1:]
    items = {i["id"]: i for i in fever(server, "items", with_ids=",".join(map(str, ids)))["items"]}
    assert items[ids[0]]["is_read"] == 1 and items[ids[1]]["is_read"] == 0
    unread = fever(server, "unread_item_ids")["unread_item_ids"]
    assert set(map(int, unread.split(","))) == set(ids[1:])

    # unread and saved in Fever -> seen in the Google Reader API
    fever(server, "", mark="item", **{"as": "unread"}, id=str(ids[0]))
    fever(server, "", mark="item", **{"as": "saved"}, id=str(ids[2]))
    fever(server, "", mark="item", **{"as": "saved"}, id=str(ids[2]))  # sets, never toggles
    assert item_ids(app, xt=READ) == ids
    assert item_ids(app, s=STARRED) == [ids[2]]
    assert fever(server, "saved_item_ids")["saved_item_ids"] == str(ids[2])
    app.post("/edit-tag", data={"i": str(ids[2]), "r": STARRED, "T": token.text})
    assert item_ids(app, s=STARRED) == []

    # opening the article on the web marks it read everywhere
    web = httpx.Client(base_url=server.url, timeout=30)
    page = web.get("/login")
    csrf = page.text.split('name="csrf_token" value="')[1].split('"')[0]
    web.post("/login", data={"username": "ada", "password": LOGIN_PASSWORD, "csrf_token": csrf})
    assert web.get(f"/articles/{ids[1]}").status_code == 200
    assert ids[1] not in item_ids(app, xt=READ)

    # folders: move, rename, list, unread counts, mark all as read
    app.post("/subscription/edit", data={"ac": "edit", "s": stream, "t": "Gazette",
                                        "a": "user/-/label/Local", "T": token.text})
    subs = app.get("/subscription/list").json()["subscriptions"]
    assert subs[0]["title"] == "Gazette"
    assert subs[0]["categories"] == [{"id": "user/-/label/Local", "label": "Local"}]
    assert item_ids(app, s="user/-/label/Local") == ids
    app.post("/rename-tag", data={"s": "user/-/label/Local", "dest": "user/-/label/Town",
                                  "T": token.text})
    tags = [t["id"] for t in app.get("/tag/list").json()["tags"]]
    assert "user/-/label/Town" in tags and "user/-/label/Local" not in tags
    groups = fever(server, "groups")
    assert [g["title"] for g in groups["groups"]] == ["Town"]
    counts = {c["id"]: c["count"] for c in app.get("/unread-count").json()["unreadcounts"]}
    assert counts[stream] == 2 and counts["user/-/label/Town"] == 2
    app.post("/mark-all-as-read", data={"s": stream, "ts": str(int(time.time() * 1e6)),
                                        "T": token.text})
    assert item_ids(app, xt=READ) == []

    # another reader sees none of it
    other = login(server, "bob")
    assert item_ids(other) == []
    assert other.post("/stream/items/contents", data={"i": str(ids[0])}).json()["items"] == []
    assert fever(server, "items", user="bob")["items"] == []

    # unsubscribe: gone from this reader, the source stays for everybody else
    app.post("/subscription/edit", data={"ac": "unsubscribe", "s": stream, "T": token.text})
    assert app.get("/subscription/list").json() == {"subscriptions": []}
    assert item_ids(app) == []


def test_bad_logins_and_bad_input(server: Server) -> None:
    base = server.url
    refused = httpx.post(base + "/accounts/ClientLogin",
                         data={"Email": "bob", "Passwd": LOGIN_PASSWORD})
    assert refused.status_code == 401, "the login password is not an API password"
    assert httpx.get(base + "/reader/api/0/subscription/list").status_code == 401
    assert httpx.get(base + "/reader/api/0/subscription/list",
                     headers={"Authorization": "GoogleLogin auth=1/forged"}).status_code == 401
    app = login(server, "bob")
    assert app.post("/edit-tag", data={"i": "1", "a": READ, "T": "1/wrong"}).status_code == 401
    assert fever(server, "items", user="bob", password="wrong")["auth"] == 0

    # the API password on the web login form is refused
    web = httpx.Client(base_url=base, timeout=30)
    csrf = web.get("/login").text.split('name="csrf_token" value="')[1].split('"')[0]
    web.post("/login", data={"username": "bob", "password": api_password("bob"),
                             "csrf_token": csrf})
    assert "tidings_session" not in web.cookies

    assert app.get("/stream/items/ids", params={"s": "user/-/state/com.google/nope"}
                   ).status_code == 400
    assert app.get("/stream/items/ids", params={"s": "feed/999999"}).status_code == 400
    assert app.post("/stream/items/contents", data={"i": "tag:google.com,2005:reader/item/xyz"}
                    ).status_code == 400
    assert app.post("/stream/items/contents", data={"i": str(2**64)}).status_code == 400
    many = [str(n) for n in range(1, 1001)]
    assert app.post("/edit-tag", data={"i": many, "a": READ}).text == "OK"
    assert app.post("/edit-tag", data={"i": "1", "a": "user/-/state/com.google/x"}
                    ).status_code == 400
    assert app.post("/subscription/quickadd", data={"quickadd": "javascript:alert(1)"}
                    ).status_code == 400
    assert fever(server, "items", with_ids="1,abc,99999999999999999999999")["items"] == []


def test_reader_app_logins_count_toward_the_lockout(server: Server) -> None:
    for _ in range(5):
        httpx.post(server.url + "/accounts/ClientLogin", data={"Email": "cyd", "Passwd": "no"})
    locked = httpx.post(server.url + "/accounts/ClientLogin",
                        data={"Email": "cyd", "Passwd": api_password("cyd")}, timeout=30)
    assert locked.status_code == 401, "five failures lock the account, right password or not"
