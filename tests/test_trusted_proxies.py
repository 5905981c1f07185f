"""`tidings serve` believes X-Forwarded-For only from TIDINGS_TRUSTED_PROXIES (none by
default), so a client cannot dodge the per-address login limit by naming another address.

Runs the real command in a subprocess and logs in over HTTP, 25 times, each attempt with a
new username (the per-account limit never applies) and a new X-Forwarded-For address.
"""

from __future__ import annotations

import json
import re

import httpx
import pytest
from sqlalchemy import Engine

from plugins.serve_process import tidings_serve
from tidings.readers.login_limits import LoginLimits

CSRF = re.compile(r'name="csrf_token" value="([0-9a-f]+)"')
ATTEMPTS = 25
WRONG = "Wrong username or password."
LOCKED = "Too many failed attempts."


def failed_logins(url: str) -> list[str]:
    """What the login form says to each of the attempts, each from a 'different' address."""
    said = []
    with httpx.Client(base_url=url, timeout=30) as client:
        token = CSRF.search(client.get("/login").text)
        assert token, "no CSRF token on /login"
        for n in range(ATTEMPTS):
            response = client.post(
                "/login", data={"username": f"nobody{n}", "password": "not the password",
                                "csrf_token": token.group(1)},
                headers={"X-Forwarded-For": f"203.0.113.{n + 1}"})
            assert response.status_code == 400, response.text
            said.append(LOCKED if LOCKED in response.text else
                        WRONG if WRONG in response.text else response.text)
    return said


@pytest.mark.parametrize("trusted", ["", "127.0.0.1"], ids=["no-proxy", "trusted-loopback"])
def test_forwarded_addresses_count_only_from_trusted_proxies(engine: Engine, trusted: str):
    limit = LoginLimits().per_ip
    with tidings_serve(engine, trusted_proxies=json.dumps([trusted] if trusted else [])) as url:
        said = failed_logins(url)
    if trusted:
        # The proxy is believed: 25 clients, one failure each, none locked out.
        assert said == [WRONG] * ATTEMPTS
    else:
        # The header is ignored: one client (the peer), locked out past the limit.
        assert said == [WRONG] * limit + [LOCKED] * (ATTEMPTS - limit)
