"""What a reader may follow or mute, how a follow is written down, and who gets what."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import timedelta

from tidings.ids import parse_row_id

FOLLOW_KINDS = ("outlet", "topic", "search", "entity", "story")
MUTE_KINDS = ("mute_word", "mute_outlet")
KINDS = FOLLOW_KINDS + MUTE_KINDS
ALERT_CHOICES = ("default", "email", "webhook", "both", "none")
DIGESTS = {"off": None, "daily": timedelta(days=1), "weekly": timedelta(days=7)}
MAX_VALUE = 200


class FollowError(ValueError):
    """A follow that cannot be recorded; the message is for the reader."""


def normalise(kind: str, value: str, source: str = "") -> tuple[str, str]:
    """(value, source) as stored: spaces collapsed, ids as digits; FollowError otherwise."""
    if kind not in KINDS:
        raise FollowError(f"Unknown kind of follow: {kind!r}.")
    value, source = " ".join(value.split()), " ".join(source.split())
    if not value or len(value) > MAX_VALUE or len(source) > MAX_VALUE:
        raise FollowError(f"Give a value of 1 to {MAX_VALUE} characters.")
    if kind in ("entity", "story") and parse_row_id(value) is None:
        raise FollowError(f"A {kind} is followed by its number.")
    if kind == "mute_word":
        value = value.casefold()
    return value, source if kind == "search" else ""


def is_muted(title: str, text: str, source: str, mutes: Iterable[tuple[str, str]]) -> bool:
    """Whether a muted outlet published it or a muted word (whole word, any case) is in it."""
    words = [value for kind, value in mutes if kind == "mute_word"]
    if any(kind == "mute_outlet" and value == source for kind, value in mutes):
        return True
    if not words:
        return False
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b",
                         re.IGNORECASE)
    return pattern.search(title) is not None or pattern.search(text) is not None


def channels(alerts: str, *, email_alerts: bool, has_webhook: bool) -> frozenset[str]:
    """Where one alert goes: the follow's own choice, else the reader's preferences."""
    if alerts == "default":
        chosen = {"email"} if email_alerts else set()
        return frozenset(chosen | ({"webhook"} if has_webhook else set()))
    wanted = {"email", "webhook"} if alerts == "both" else {alerts} - {"none"}
    return frozenset(c for c in wanted if c == "email" or has_webhook)


def digest_period(digest: str) -> timedelta | None:
    if digest not in DIGESTS:
        raise FollowError("The digest is off, daily or weekly.")
    return DIGESTS[digest]


def retry_delay(attempts: int, base_seconds: float) -> timedelta:
    """Exponential backoff: base, 2 x base, 4 x base... after 1, 2, 3... failed attempts."""
    return timedelta(seconds=base_seconds * 2 ** max(attempts - 1, 0))
