"""Per-reader quotas on calls that cost money or much work: questions answered (by the LLM
when one is configured). A moving window of one hour (`limits`), kept in Redis when
TIDINGS_BROKER_URL names one, so every web process behind a load balancer shares one count per
reader; in the server's memory otherwise (one `tidings serve` process answers every call).
A Redis that does not answer refuses the use for a minute (logged) rather than letting it
through uncounted."""

from __future__ import annotations

import logging
import math
import time

from fastapi import Request
from limits import RateLimitItemPerHour
from limits.errors import StorageError
from limits.storage import MemoryStorage, Storage, storage_from_string
from limits.strategies import MovingWindowRateLimiter

log = logging.getLogger(__name__)
UNAVAILABLE_WAIT = 60
"""Seconds a reader is asked to wait when the shared count cannot be reached."""


class Quota:
    """At most `per_hour` uses in any hour, per reader."""

    def __init__(self, name: str, per_hour: int, redis_url: str | None = None) -> None:
        self._name = name
        self._item = RateLimitItemPerHour(per_hour)
        storage: Storage = (storage_from_string(redis_url, wrap_exceptions=True)
                            if redis_url else MemoryStorage())
        self._limiter = MovingWindowRateLimiter(storage)

    def take(self, user_id: int) -> int | None:
        """Count one use; None when allowed, else the seconds until the next one is."""
        try:
            if self._limiter.hit(self._item, self._name, str(user_id)):
                return None
            stats = self._limiter.get_window_stats(self._item, self._name, str(user_id))
        except StorageError as exc:
            log.warning("%s quota unavailable (%s): use refused", self._name, exc.storage_error)
            return UNAVAILABLE_WAIT
        return max(1, math.ceil(stats.reset_time - time.time()))


def ask_quota(request: Request) -> Quota:
    """The app's quota of questions per reader (TIDINGS_ASKS_PER_HOUR, set by create_app)."""
    quota: Quota = request.app.state.ask_quota
    return quota
