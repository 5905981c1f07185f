"""Log in through an OpenID Connect provider: discovery, the redirect there, and the callback
(code for tokens, ID token checks, the account of that provider identity).

The provider is reached with httpx behind the fetcher's SSRF guard, so it must be on a public
address unless TIDINGS_ALLOW_PRIVATE_ADDRESSES is set (or its network is allowed).
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx
from sqlalchemy import Connection, Engine

from tidings.config import Settings
from tidings.ingest.netguard import AddressBlocked, AddressGuard, guarded_transport
from tidings.model import User
from tidings.readers import accounts, oidc_protocol
from tidings.readers.oidc_protocol import LOGIN_SECONDS, OidcError
from tidings.store import identities
from tidings.store import users as user_store

__all__ = ["LOGIN_SECONDS", "OidcError", "begin", "finish"]


@dataclass(frozen=True)
class Provider:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str


def begin(engine: Engine, settings: Settings, redirect_uri: str, next_path: str
          ) -> tuple[str, str]:
    """(the provider's authorization URL, the sealed login for the cookie)."""
    login = oidc_protocol.new_login(next_path, time.time())
    url = oidc_protocol.authorization_url(_provider(settings).authorization_endpoint,
                                          client_id=settings.oidc_client_id or "",
                                          redirect_uri=redirect_uri, login=login)
    return url, oidc_protocol.seal(accounts.secret_key(engine, settings), login)


def finish(engine: Engine, settings: Settings, *, sealed: str | None, state: str | None,
           code: str | None, redirect_uri: str) -> tuple[User, str, str]:
    """(user, new session token, where to go next); raises OidcError."""
    login = oidc_protocol.unseal(accounts.secret_key(engine, settings), sealed, time.time())
    oidc_protocol.check_state(login, state)
    if not code:
        raise OidcError("The provider sent no authorization code.")
    provider = _provider(settings)
    client_id = settings.oidc_client_id or ""
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri,
            "client_id": client_id, "code_verifier": login.verifier}
    secret = settings.oidc_client_secret
    auth = (client_id, secret.get_secret_value()) if secret else None
    answer = _json(settings, "POST", provider.token_endpoint, data=form, auth=auth)
    claims = oidc_protocol.verify_id_token(str(answer.get("id_token", "")),
                                           _json(settings, "GET", provider.jwks_uri),
                                           issuer=provider.issuer, client_id=client_id,
                                           nonce=login.nonce)
    user = _account(engine, provider.issuer, claims)
    if user.banned_at:
        raise OidcError("This account is banned.")
    return user, accounts.start_session(engine, user.id), login.next


def _provider(settings: Settings) -> Provider:
    issuer = (settings.oidc_issuer or "").rstrip("/")
    found = _json(settings, "GET", f"{issuer}/.well-known/openid-configuration")
    if str(found.get("issuer", "")).rstrip("/") != issuer:
        raise OidcError("The provider's discovery document names another issuer.")
    endpoints = [str(found.get(name, "")) for name in
                 ("authorization_endpoint", "token_endpoint", "jwks_uri")]
    if not all(url.startswith(("https://", "http://")) for url in endpoints):
        raise OidcError("The provider's discovery document lacks an http(s) endpoint.")
    return Provider(str(found["issuer"]), *endpoints)


def _json(settings: Settings, method: str, url: str, **options: Any) -> dict[str, Any]:
    transport = None if settings.allow_private_addresses else guarded_transport(
        AddressGuard.from_cidrs(settings.allowed_networks))
    try:
        with httpx.Client(transport=transport, timeout=settings.connect_timeout,
                          headers={"User-Agent": settings.user_agent}) as client:
            response = client.request(method, url, **options)
            response.raise_for_status()
            found = response.json()
    except (httpx.HTTPError, AddressBlocked, ValueError) as error:
        raise OidcError(f"The login provider could not be reached ({error}).") from error
    if not isinstance(found, dict):
        raise OidcError("The login provider answered something other than a JSON object.")
    return found


def _account(engine: Engine, issuer: str, claims: dict[str, Any]) -> User:
    """The user of this (issuer, sub), created on the first login.

    An existing local account is never linked by its email address: whoever controls an
    account at the provider (or a provider that does not verify addresses) could otherwise
    claim any local account with the same email (account takeover). Linking needs a
    deliberate step by the account's owner.
    """
    subject, now = str(claims["sub"]), datetime.now(UTC)
    with engine.begin() as conn:
        user_id = identities.identity_user_id(conn, issuer, subject)
        user = user_store.get_user(conn, user_id) if user_id else None
        if user is None:
            user = _new_user(conn, issuer, claims, now)
            identities.add_identity(conn, issuer, subject, user.id, now)
    return user


def _new_user(conn: Connection, issuer: str, claims: dict[str, Any], now: datetime) -> User:
    """A reader account with no password; the provider's email only when it is verified and
    no other account has it (else an address under .invalid, unique to this identity)."""
    digest = hashlib.sha256(f"{issuer} {claims['sub']}".encode()).hexdigest()[:24]
    email = str(claims.get("email", "")).strip().lower()
    emails = [email] if email and claims.get("email_verified") is True else []
    emails.append(f"oidc-{digest}@users.invalid")
    display = str(claims.get("name", ""))[:60]
    for username in oidc_protocol.username_candidates(claims):
        for address in emails:
            try:
                return user_store.add_user(conn, username=username, email=address,
                                           password_hash="", role="reader", now=now,
                                           display_name=display)
            except user_store.UserExistsError as error:
                if error.field == "username":
                    break
    raise OidcError("No free username could be found for this account.")
