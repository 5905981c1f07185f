"""OpenID Connect login, the parts without I/O: the login's secrets (state, nonce, PKCE
verifier) sealed into a signed short-lived cookie, the authorization URL, ID token checks and
usernames for new accounts.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlencode

from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from tidings.readers import tokens

LOGIN_SECONDS = 600
"""How long a started login may take at the provider."""
SIGNING_ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384",
                      "ES512", "EdDSA"]
"""Public-key algorithms only: never "none", nor HMAC keyed with the client secret."""


class OidcError(ValueError):
    """A login through the provider failed; the message is for the person logging in."""


@dataclass(frozen=True)
class PendingLogin:
    """What the callback checks: the state and nonce sent, the PKCE verifier, where to go."""

    state: str
    nonce: str
    verifier: str
    next: str
    expires: float


def new_login(next_path: str, now: float) -> PendingLogin:
    return PendingLogin(tokens.new_token(), tokens.new_token(), tokens.new_token(), next_path,
                        now + LOGIN_SECONDS)


def seal(secret: str, login: PendingLogin) -> str:
    """The login as a cookie value: base64 JSON and its HMAC under the server's secret."""
    payload = base64.urlsafe_b64encode(json.dumps(asdict(login)).encode()).decode()
    return f"{payload}.{_mac(secret, payload)}"


def unseal(secret: str, value: str | None, now: float) -> PendingLogin:
    """The login sealed into `value`, checked for tampering and age; raises OidcError."""
    payload, _, mac = (value or "").partition(".")
    if not payload or not tokens.same_token(_mac(secret, payload), mac):
        raise OidcError("This login was not started here, or your browser lost its cookie. "
                        "Start again.")
    login = PendingLogin(**json.loads(base64.urlsafe_b64decode(payload)))
    if login.expires < now:
        raise OidcError("This login took too long. Start again.")
    return login


def _mac(secret: str, payload: str) -> str:
    return hmac.new(secret.encode(), b"oidc:" + payload.encode(), hashlib.sha256).hexdigest()


def authorization_url(endpoint: str, *, client_id: str, redirect_uri: str,
                      login: PendingLogin) -> str:
    query = urlencode({
        "response_type": "code", "client_id": client_id, "redirect_uri": redirect_uri,
        "scope": "openid profile email", "state": login.state, "nonce": login.nonce,
        "code_challenge": pkce_challenge(login.verifier),
        "code_challenge_method": "S256",
    })
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"


def pkce_challenge(verifier: str) -> str:
    """The S256 code challenge of a PKCE verifier (RFC 7636, section 4.2)."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def check_state(login: PendingLogin, state: str | None) -> None:
    if not tokens.same_token(login.state, state):
        raise OidcError("The answer from the provider does not belong to this login "
                        "(wrong state). Start again.")


def verify_id_token(id_token: str, jwks: Mapping[str, Any], *, issuer: str, client_id: str,
                    nonce: str) -> dict[str, Any]:
    """The claims of an ID token signed by one of the provider's keys, for this client and
    this login (iss, aud, exp, nonce); raises OidcError."""
    try:
        token = jwt.decode(id_token, KeySet.import_key_set(dict(jwks)),  # type: ignore[arg-type]
                           algorithms=SIGNING_ALGORITHMS)
        jwt.JWTClaimsRegistry(
            iss={"essential": True, "value": issuer}, aud={"essential": True, "value": client_id},
            exp={"essential": True}, sub={"essential": True},
            nonce={"essential": True, "value": nonce},
        ).validate(token.claims)
    except (JoseError, ValueError) as error:
        raise OidcError(f"The provider's ID token was refused ({error}).") from error
    return dict(token.claims)


def username_candidates(claims: Mapping[str, Any]) -> Iterator[str]:
    """Usernames to try for a new account: from preferred_username or the email's local part,
    then the same with -2, -3 … and finally a random suffix."""
    raw = str(claims.get("preferred_username") or str(claims.get("email", "")).split("@")[0])
    base = re.sub(r"[^a-z0-9_.-]+", "-", raw.lower()).strip("-_.")[:26]
    base = base if len(base) >= 3 else f"user-{base}".rstrip("-")
    yield base
    for number in range(2, 21):
        yield f"{base}-{number}"
    yield f"{base[:21]}-{tokens.new_token()[:8].lower().replace('_', 'x')}"
