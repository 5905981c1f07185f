"""Login lockout with exponential backoff, and sliding-window rate limits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class LoginLimits:
    """Failures counted over `window`; past a threshold each further failure doubles the wait."""

    window: timedelta = timedelta(minutes=30)
    per_account: int = 5
    per_ip: int = 20
    first_delay: timedelta = timedelta(minutes=1)
    max_delay: timedelta = timedelta(hours=1)


def locked_until(failures: list[datetime], threshold: int, limits: LoginLimits) -> datetime | None:
    """When logging in is allowed again after these recent failures; None when it is now."""
    if len(failures) < threshold:
        return None
    excess = len(failures) - threshold
    delay: timedelta = min(limits.first_delay * (2 ** min(excess, 20)), limits.max_delay)
    latest: datetime = max(failures)
    return latest + delay


def wait_message(until: datetime, now: datetime) -> str:
    minutes = max(1, round((until - now).total_seconds() / 60))
    unit = "minute" if minutes == 1 else "minutes"
    return f"Too many failed attempts. Try again in {minutes} {unit}."
