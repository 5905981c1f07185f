"""Log in with OpenID Connect against a real provider served on loopback: discovery, JWKS with
an RSA key made here, an authorize endpoint and a token endpoint that checks PKCE and signs an
ID token (both dialects)."""

from __future__ import annotations

import base64
import hashlib
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import pytest
from joserfc import jwt
from joserfc.jwk import RSAKey
from pydantic import ValidationError
from sqlalchemy import Engine, func, select

from readers_kit import make_client, make_user
from tidings.config import Settings
from tidings.store.schema import user_identities, users

CLIENT_ID, CLIENT_SECRET = "tidings", "provider-secret"


@dataclass
class Provider:
    """The provider's key, its pending codes and what the next ID token should look like."""

    url: str = ""
    key: RSAKey = field(default_factory=lambda: RSAKey.generate_key(2048, {"kid": "k1"}))
    codes: dict[str, dict[str, str]] = field(default_factory=dict)
    claims: dict[str, Any] = field(default_factory=lambda: {
        "sub": "u-1001", "preferred_username": "Ada.Lovelace", "email": "ada@example.org",
        "email_verified": True, "name": "Ada Lovelace"})
    tamper: str = ""
    """"signature": flip the signature; "nonce": sign another nonce; "expired": expired."""

    def id_token(self, nonce: str) -> str:
        now = int(time.time())
        claims = {**self.claims, "iss": self.url, "aud": CLIENT_ID, "iat": now,
                  "exp": now + (-60 if self.tamper == "expired" else 300),
                  "nonce": "other" if self.tamper == "nonce" else nonce}
        token = jwt.encode({"alg": "RS256", "kid": "k1"}, claims, self.key)
        if self.tamper == "signature":
            head, body, signature = token.split(".")
            token = f"{head}.{body}.{signature[::-1]}"
        return token


def _handler(provider: Provider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def _json(self, value: object, status: int = 200) -> None:
            body = json.dumps(value).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            path, _, query = self.path.partition("?")
            if path == "/.well-known/openid-configuration":
                self._json({"issuer": provider.url, "jwks_uri": f"{provider.url}/jwks",
                            "authorization_endpoint": f"{provider.url}/authorize",
                            "token_endpoint": f"{provider.url}/token"})
            elif path == "/jwks":
                self._json({"keys": [provider.key.as_dict(private=False)]})
            elif path == "/authorize":
                self._authorize({k: v[0] for k, v in parse_qs(query).items()})
            else:
                self._json({"error": "not_found"}, 404)

        def _authorize(self, params: dict[str, str]) -> None:
            assert params["client_id"] == CLIENT_ID and params["response_type"] == "code"
            assert params["code_challenge_method"] == "S256"
            code = f"code-{len(provider.codes)}"
            provider.codes[code] = params
            query = urlencode({"code": code, "state": params["state"]})
            self.send_response(302)
            self.send_header("Location", f"{params['redirect_uri']}?{query}")
            self.end_headers()

        def do_POST(self) -> None:
            length = int(self.headers["Content-Length"])
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            basic = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
            params = provider.codes.pop(form.get("code", ""), None)
            verifier = form.get("code_verifier", "").encode()
            challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier).digest()).rstrip(b"=")
            if (self.headers.get("Authorization") != f"Basic {basic}" or params is None
                    or challenge.decode() != params["code_challenge"]
                    or form.get("redirect_uri") != params["redirect_uri"]):
                self._json({"error": "invalid_grant"}, 400)
                return
            self._json({"access_token": "at", "token_type": "Bearer",
                        "id_token": provider.id_token(params["nonce"])})

    return Handler


@pytest.fixture
def provider() -> Iterator[Provider]:
    found = Provider()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(found))
    found.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield found
    server.shutdown()
    server.server_close()


def _client(engine: Engine, provider: Provider) -> Any:
    return make_client(engine, oidc_issuer=provider.url, oidc_client_id=CLIENT_ID,
                       oidc_client_secret=CLIENT_SECRET, oidc_name="Company SSO",
                       allow_private_addresses=True)


def _callback(client: Any, next_path: str = "/") -> str:
    """Start a login, let the provider answer; the callback path and query it redirects to."""
    start = client.get(f"/login/oidc?next={next_path}", follow_redirects=False)
    assert start.status_code == 303, start.text
    answer = httpx.get(start.headers["location"], follow_redirects=False)
    assert answer.status_code == 302
    back = urlsplit(answer.headers["location"])
    assert f"{back.scheme}://{back.netloc}" == "http://testserver"
    return f"{back.path}?{back.query}"


def _log_in(client: Any, next_path: str = "/") -> Any:
    return client.get(_callback(client, next_path), follow_redirects=False)


def test_login_creates_an_account_once_and_reuses_it(engine: Engine, provider: Provider):
    client = _client(engine, provider)
    assert "Log in with Company SSO" in client.get("/login").text
    done = _log_in(client, "/saved")
    assert done.status_code == 303 and done.headers["location"] == "/saved"
    account = client.get("/account")
    assert account.status_code == 200 and "ada.lovelace" in account.text
    again = _client(engine, provider)
    assert _log_in(again).status_code == 303
    assert "ada.lovelace" in again.get("/account").text
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(users)).scalar_one() == 1
        row = conn.execute(select(users.c.username, users.c.email, users.c.role)).one()
        assert tuple(row) == ("ada.lovelace", "ada@example.org", "reader")
        assert conn.execute(select(user_identities.c.subject)).scalars().all() == ["u-1001"]


def test_a_local_account_with_the_same_email_is_not_taken_over(engine: Engine,
                                                               provider: Provider):
    make_user(engine, "ada")  # ada@example.org, with a password
    provider.claims = {**provider.claims, "preferred_username": "ada", "email": "ada@example.org"}
    client = _client(engine, provider)
    assert _log_in(client).status_code == 303
    assert "ada-2" in client.get("/account").text
    with engine.connect() as conn:
        emails = dict(conn.execute(select(users.c.username, users.c.email)).all())
    assert emails["ada"] == "ada@example.org"
    assert emails["ada-2"].endswith("@users.invalid")


@pytest.mark.parametrize(("tamper", "message"), [
    ("signature", "bad_signature"), ("nonce", "Invalid claim: &#39;nonce&#39;"),
    ("expired", "expired_token")])
def test_a_bad_id_token_is_refused(engine: Engine, provider: Provider, tamper: str,
                                   message: str):
    provider.tamper = tamper
    client = _client(engine, provider)
    refused = _log_in(client)
    assert refused.status_code == 400 and "Login failed" in refused.text
    assert message in refused.text
    assert client.get("/account", follow_redirects=False).status_code == 303  # not logged in
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(users)).scalar_one() == 0


def test_a_wrong_state_or_anothers_callback_is_refused(engine: Engine, provider: Provider):
    client = _client(engine, provider)
    path = _callback(client)
    wrong = client.get(path.replace("state=", "state=x"), follow_redirects=False)
    assert wrong.status_code == 400 and "wrong state" in wrong.text
    # A callback URL from someone else's login, opened in a browser that did not start it.
    stranger = _client(engine, provider)
    foreign = stranger.get(_callback(client), follow_redirects=False)
    assert foreign.status_code == 400 and "not started here" in foreign.text
    assert stranger.get("/account", follow_redirects=False).status_code == 303


def test_without_an_issuer_oidc_is_off(engine: Engine):
    client = make_client(engine)
    assert client.get("/login/oidc", follow_redirects=False).status_code == 404
    assert client.get("/login/oidc/callback?code=x&state=y").status_code == 404
    assert "Log in with" not in client.get("/login").text
    with pytest.raises(ValidationError):
        Settings(oidc_issuer="file:///etc/passwd")


def test_the_provider_on_loopback_needs_private_addresses(engine: Engine, provider: Provider):
    client = make_client(engine, oidc_issuer=provider.url, oidc_client_id=CLIENT_ID)
    refused = client.get("/login/oidc", follow_redirects=False)
    assert refused.status_code == 400 and "loopback" in refused.text
