"""Accounts through the real app: sign up, log in and out, CSRF, lockout, password reset by a
real local SMTP server, API tokens and the `tidings users` commands (SQLite and PostgreSQL)."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import Engine, update
from typer.testing import CliRunner

from readers_kit import PASSWORD, csrf, logged_in, make_client, make_user, post_form
from tidings.cli import app as cli
from tidings.store.schema import password_resets


def test_sign_up_log_out_and_log_in(engine: Engine):
    client = make_client(engine)
    response = post_form(client, "/signup", {
        "username": "Alice", "email": "alice@example.org", "password": PASSWORD,
        "next": "/sources"}, page="/signup")
    assert response.status_code == 303 and response.headers["location"] == "/sources"
    cookie = response.headers["set-cookie"]
    assert "tidings_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert "Log out" in client.get("/").text and ">alice</a>" in client.get("/").text
    assert client.get("/account").status_code == 200

    assert post_form(client, "/logout", {}, page="/").status_code == 303
    assert "Log in" in client.get("/").text
    assert client.get("/account", follow_redirects=False).status_code == 303

    response = post_form(client, "/login", {"username": "ALICE@example.org",
                                            "password": PASSWORD})
    assert response.status_code == 303
    assert ">alice</a>" in client.get("/").text


def test_bad_sign_ups_say_why_and_keep_what_was_typed(engine: Engine):
    make_user(engine, "bob")
    client = make_client(engine)
    weak = post_form(client, "/signup", {"username": "carol", "email": "carol@example.org",
                                         "display_name": "Carol C.", "password": "short"},
                     page="/signup")
    assert weak.status_code == 400
    assert "at least 10 characters" in weak.text
    assert 'value="carol"' in weak.text and 'value="carol@example.org"' in weak.text
    assert 'value="Carol C."' in weak.text
    same = post_form(client, "/signup", {"username": "carol", "email": "carol@example.org",
                                         "password": "xxcarolxx1234"}, page="/signup")
    assert "must not contain your username" in same.text
    for guessable in ("password123", "Password123!", "qwertyuiop1", "aaaaaaaaaaaa"):
        common = post_form(client, "/signup", {"username": "carol", "email": "carol@example.org",
                                               "password": guessable}, page="/signup")
        assert common.status_code == 400 and "choose another" in common.text, guessable
    taken = post_form(client, "/signup", {"username": "Bob", "email": "bob2@example.org",
                                          "password": PASSWORD}, page="/signup")
    assert taken.status_code == 400 and "That username is taken." in taken.text
    assert 'value="bob2@example.org"' in taken.text


def test_forms_without_the_csrf_token_are_refused(engine: Engine):
    make_user(engine, "dave")
    client = make_client(engine)
    response = client.post("/login", data={"username": "dave", "password": PASSWORD})
    assert response.status_code == 403
    assert "expired or came from another site" in response.text
    other = make_client(engine)
    stolen = csrf(other)
    assert client.post("/login", data={"username": "dave", "password": PASSWORD,
                                       "csrf_token": stolen}).status_code == 403
    user = logged_in(engine, "erin")
    assert user.post("/logout", follow_redirects=False).status_code == 403
    assert user.post("/account/tokens", data={"name": "x"}).status_code == 403


def test_login_lockout_backs_off_per_account(engine: Engine):
    make_user(engine, "frank")
    client = make_client(engine)
    for _ in range(5):
        wrong = post_form(client, "/login", {"username": "frank", "password": "wrong-password"})
        assert wrong.status_code == 400 and "Wrong username or password." in wrong.text
        assert 'value="frank"' in wrong.text
    locked = post_form(client, "/login", {"username": "frank", "password": PASSWORD})
    assert locked.status_code == 400 and "Too many failed attempts" in locked.text
    other = post_form(make_client(engine), "/login", {"username": "frank", "password": PASSWORD})
    assert "Too many failed attempts" in other.text


def test_change_password_keeps_you_signed_in(engine: Engine):
    client = logged_in(engine, "gina")
    bad = post_form(client, "/account/password", {"current": "nope-nope-nope",
                                                  "password": "another long one"},
                    page="/account")
    assert bad.status_code == 400 and "current password is not right" in bad.text
    good = post_form(client, "/account/password", {"current": PASSWORD,
                                                   "password": "another long one"},
                     page="/account")
    assert good.status_code == 303 and ">gina</a>" in client.get("/").text
    again = make_client(engine)
    assert post_form(again, "/login", {"username": "gina", "password": "another long one"}
                     ).status_code == 303


class Inbox:
    def __init__(self) -> None:
        self.messages: list[bytes] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope.content)
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[int, Inbox]]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield port, inbox
    controller.stop()


def _reset_link(client, inbox: Inbox, email: str) -> str:
    response = post_form(client, "/account/reset", {"email": email}, page="/account/reset")
    assert response.status_code == 200 and "Check your email" in response.text
    message = message_from_bytes(inbox.messages[-1])
    assert message["To"] == email and message["From"] == "news@example.org"
    body = message.get_payload(decode=True).decode()
    match = re.search(r"https://news\.example\.org(/account/reset/\S+)", body)
    assert match, body
    return match.group(1)


def test_password_reset_by_email_works_once(engine: Engine, smtp):
    port, inbox = smtp
    make_user(engine, "hana")
    client = make_client(engine, smtp_host="127.0.0.1", smtp_port=port, smtp_starttls=False,
                         smtp_from="news@example.org", public_url="https://news.example.org")
    post_form(client, "/account/reset", {"email": "nobody@example.org"}, page="/account/reset")
    assert inbox.messages == []
    link = _reset_link(client, inbox, "hana@example.org")
    assert "Choose a new password" in client.get(link).text
    weak = post_form(client, link, {"password": "hana123"}, page=link)
    assert weak.status_code == 400 and "at least 10 characters" in weak.text
    done = post_form(client, link, {"password": "brand new secret"}, page=link)
    assert done.status_code == 200 and "Password changed" in done.text
    assert "was used already" in client.get(link).text
    again = client.post(link, data={"password": "third password!", "csrf_token": csrf(client)})
    assert again.status_code == 400 and "was used already" in again.text
    assert post_form(client, "/login", {"username": "hana", "password": "brand new secret"}
                     ).status_code == 303

    expired = _reset_link(client, inbox, "hana@example.org")
    with engine.begin() as conn:
        conn.execute(update(password_resets).where(password_resets.c.used_at.is_(None)).values(
            expires_at=datetime.now(UTC) - timedelta(seconds=1)))
    assert "has expired" in client.get(expired).text
    refused = client.post(expired, data={"password": "fourth password", "csrf_token":
                                         csrf(client)})
    assert refused.status_code == 400 and "has expired" in refused.text


def test_reset_without_smtp_says_so(engine: Engine):
    client = make_client(engine)
    response = post_form(client, "/account/reset", {"email": "a@example.org"},
                         page="/account/reset")
    assert response.status_code == 400 and "not set up on this server" in response.text
    assert 'value="a@example.org"' in response.text


def test_api_tokens_authenticate_until_revoked(engine: Engine):
    from readers_kit import add_article

    article_id = add_article(engine)
    client = logged_in(engine, "ivan")
    page = post_form(client, "/account/tokens", {"name": "script"}, page="/account")
    token = re.search(r'<code id="new-token">(tid_[\w-]+)</code>', page.text).group(1)
    api = make_client(engine)
    headers = {"Authorization": f"Bearer {token}"}
    created = api.post(f"/api/articles/{article_id}/comments", json={"body": "Via the API"},
                       headers=headers)
    assert created.status_code == 201 and created.json()["author"] == "ivan"
    token_id = re.search(r'/account/tokens/(\d+)/revoke', client.get("/account").text).group(1)
    post_form(client, f"/account/tokens/{token_id}/revoke", {}, page="/account")
    refused = api.post(f"/api/articles/{article_id}/comments", json={"body": "Again"},
                       headers=headers)
    assert refused.status_code == 401
    assert api.post(f"/api/articles/{article_id}/comments", json={"body": "x"},
                    headers={"Authorization": "Bearer tid_forged"}).status_code == 401


def test_cli_creates_and_lists_users(engine: Engine):
    url = engine.url.render_as_string(False)
    runner = CliRunner()
    result = runner.invoke(cli, ["--database-url", url, "users", "create", "root",
                                 "--email", "root@example.org", "--admin", "--password-stdin"],
                           input=PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    assert "Created admin root" in result.output
    weak = runner.invoke(cli, ["--database-url", url, "users", "create", "kim", "--email",
                               "kim@example.org", "--password-stdin"], input="short\n")
    assert weak.exit_code == 1 and "at least 10 characters" in weak.output
    # an address may hold what Rich reads as markup: it is printed as written, never parsed
    marked = runner.invoke(cli, ["--database-url", url, "users", "create", "mark", "--email",
                                 "[/][bold]m@example.org", "--password-stdin"],
                           input=PASSWORD + "\n")
    assert marked.exit_code == 0, marked.output
    listing = runner.invoke(cli, ["--database-url", url, "users", "list"], terminal_width=200)
    assert listing.exit_code == 0, listing.output
    assert "root" in listing.output and "admin" in listing.output
    assert "[/][bold]m@example.org" in listing.output
