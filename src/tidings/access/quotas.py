"""Per-reader quotas on calls that cost money or much work: questions answered (by the LLM
when one is configured). A moving window of one hour, kept in the server's memory (`limits`):
one `tidings serve` process answers every web and API call, so one count per reader holds."""

from __future__ import annotations

import math
import time

from fastapi import Request
from limits import RateLimitItemPerHour
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter


class Quota:
    """At most `per_hour` uses in any hour, per reader."""

    def __init__(self, name: str, per_hour: int) -> None:
        self._name = name
        self._item = RateLimitItemPerHour(per_hour)
        self._limiter = MovingWindowRateLimiter(MemoryStorage())

    def take(self, user_id: int) -> int | None:
        """Count one use; None when allowed, else the seconds until the next one is."""
        if self._limiter.hit(self._item, self._name, str(user_id)):
            return None
        reset = self._limiter.get_window_stats(self._item, self._name, str(user_id)).reset_time
        return max(1, math.ceil(reset - time.time()))


def ask_quota(request: Request) -> Quota:
    """The app's quota of questions per reader (TIDINGS_ASKS_PER_HOUR, set by create_app)."""
    quota: Quota = request.app.state.ask_quota
    return quota
