"""Human times for readers: "5 hours ago", "yesterday", "3 days ago", then a date."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

_MONTHS = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """The moment in UTC; a naive datetime is taken to be UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _plural(count: int, unit: str) -> str:
    return f"{count} {unit}{'' if count == 1 else 's'} ago"


def short_date(moment: datetime, now: datetime | None = None) -> str:
    """ "12 Mar", or "12 Mar 2023" when the year is not the current one."""
    moment, now = as_utc(moment), as_utc(now or utcnow())
    text = f"{moment.day} {_MONTHS[moment.month - 1]}"
    return text if moment.year == now.year else f"{text} {moment.year}"


def relative_time(moment: datetime, now: datetime | None = None) -> str:
    """How long ago `moment` was, in words; a date for anything a week old or in the future."""
    moment, now = as_utc(moment), as_utc(now or utcnow())
    delta = now - moment
    if delta < timedelta(minutes=-5) or delta >= timedelta(days=7):
        return short_date(moment, now)
    if delta < timedelta(minutes=1):
        return "just now"
    if delta < timedelta(hours=1):
        return _plural(delta.seconds // 60, "minute")
    if delta < timedelta(days=1):
        return _plural(delta.seconds // 3600, "hour")
    if delta.days == 1:
        return "yesterday"
    return f"{delta.days} days ago"


def exact_time(moment: datetime) -> str:
    """The exact moment for a tooltip: "2024-03-12 14:05 UTC"."""
    return as_utc(moment).strftime("%Y-%m-%d %H:%M UTC")


def iso_time(moment: datetime) -> str:
    """The value of a <time datetime="..."> attribute."""
    return as_utc(moment).isoformat(timespec="seconds")


def clock_time(moment: datetime, now: datetime | None = None) -> str:
    """ "16:52" today, "12 Mar 16:52" on another day (UTC)."""
    moment, now = as_utc(moment), as_utc(now or utcnow())
    hours = f"{moment:%H:%M}"
    return hours if moment.date() == now.date() else f"{short_date(moment, now)} {hours}"
