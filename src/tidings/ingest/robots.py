"""robots.txt: fetched once per origin, cached, and matched against our user agent.

What counts as an answer, after RFC 9309:

- 2xx: the rules apply (``urllib.robotparser``; note it takes the first matching rule, not
  the longest one).
- 4xx (404 and the rest): there are no rules, everything is allowed.
- 5xx or unreachable: we also allow everything. RFC 9309 tells crawlers to assume a full
  disallow here; Tidings is a reader that fetches feeds a person subscribed to and the
  articles those feeds link, not a crawler, and a flaky robots.txt should not silently stop
  a subscription. The answer is cached like any other, so a failing robots.txt is asked
  once per ``max_age``, not on every request.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

RobotsLoader = Callable[[str], "bytes | None"]
"""Downloads a robots.txt URL (following redirects): its body on a 2xx answer, else None."""


@dataclass
class _Entry:
    rules: RobotFileParser | None = None
    fetched_at: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)


def parse_rules(body: bytes | None) -> RobotFileParser:
    """The rules of a robots.txt body; None (no file, or no answer) allows everything."""
    rules = RobotFileParser()
    if body is None:
        rules.allow_all = True
        return rules
    rules.parse(body.decode("utf-8", errors="replace").splitlines())
    rules.modified()  # can_fetch() refuses everything until a read time is recorded
    return rules


class RobotsCache:
    """Thread-safe robots.txt cache: each origin's file is downloaded once per ``max_age``."""

    def __init__(self, user_agent: str, load: RobotsLoader, max_age: float = 24 * 3600) -> None:
        self._user_agent = user_agent
        self._load = load
        self._max_age = max_age
        self._entries: dict[str, _Entry] = {}
        self._lock = threading.Lock()

    def allowed(self, url: str) -> bool:
        """Whether robots.txt of the URL's origin lets our user agent fetch the URL."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        return self._rules(origin).can_fetch(self._user_agent, url)

    def _rules(self, origin: str) -> RobotFileParser:
        with self._lock:
            entry = self._entries.setdefault(origin, _Entry())
        with entry.lock:  # other threads asking for this origin wait for the one download
            if entry.rules is None or time.monotonic() - entry.fetched_at > self._max_age:
                entry.rules = parse_rules(self._load(f"{origin}/robots.txt"))
                entry.fetched_at = time.monotonic()
            return entry.rules
