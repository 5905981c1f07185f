"""Webhook signatures: `X-Tidings-Signature: sha256=<hex HMAC-SHA256 of the body>`."""

from __future__ import annotations

import hashlib
import hmac

HEADER = "X-Tidings-Signature"


def signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def valid(secret: str, body: bytes, given: str | None) -> bool:
    """What a receiver checks (in constant time)."""
    return given is not None and hmac.compare_digest(signature(secret, body), given)
