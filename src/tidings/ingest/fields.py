"""Checks on each field of a feed item: text cleaned and bounded, dates in range, names.

A field that fails a check is dropped (the item keeps its other fields) and the reason is
returned, so the parser can record it; nothing here raises.
"""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

EARLIEST = datetime(1800, 1, 1, tzinfo=UTC)
LATEST = datetime(2200, 1, 1, tzinfo=UTC)
"""Dates outside [EARLIEST, LATEST) are dropped as absurd (year -1, year 10000...)."""

MAX_TITLE = 1000
MAX_SUMMARY = 20_000
MAX_NAME = 200
MAX_AUTHORS = 20
MAX_GUID = 1000
"""Characters kept of a title, a summary, an author name, an id; authors kept per item."""

_EARLIEST_NAIVE = EARLIEST.replace(tzinfo=None) - timedelta(days=2)
_LATEST_NAIVE = LATEST.replace(tzinfo=None) + timedelta(days=2)
_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_NUMBERS = re.compile(r"\d+")


def storable(text: str) -> str:
    """``text`` without control characters (but newlines and tabs) and lone surrogates."""
    return _UNSTORABLE.sub("", text)


def clean_text(value: object, limit: int) -> str | None:
    """A string with control characters and lone surrogates removed (PostgreSQL cannot store
    NUL), whitespace collapsed, cut to ``limit`` characters; None when nothing is left."""
    if not isinstance(value, str):
        return None
    text = " ".join(_UNSTORABLE.sub("", value).split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text or None


def in_range(value: datetime) -> datetime:
    """An aware datetime in UTC (naive means UTC); ValueError outside [EARLIEST, LATEST)."""
    naive = value.replace(tzinfo=None)
    # checked before converting too: astimezone overflows at the ends of datetime's range
    if not _EARLIEST_NAIVE <= naive < _LATEST_NAIVE:
        raise ValueError(f"year {value.year} out of range")
    value = (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)
    if not EARLIEST <= value < LATEST:
        raise ValueError(f"year {value.year} out of range")
    return value


def parse_date(raw: object, parsed: time.struct_time | None = None) -> datetime | None:
    """A date as written in a feed (RFC 822, ISO 8601...) in UTC; ValueError when it cannot
    be trusted. ``parsed`` is feedparser's reading of ``raw``, used for the formats read
    here by no standard parser, once its year is checked against the written one."""
    if raw is None and parsed is None:
        return None
    text = raw.strip() if isinstance(raw, str) else ""
    if not text and parsed is None:
        return None
    for reader in (_rfc822, _iso8601):
        value = reader(text)
        if value is not None:
            return in_range(value)
    if parsed is None:
        raise ValueError(f"unreadable or out-of-range date {_shown(text)}")
    if not _year_written(text, parsed.tm_year):
        raise ValueError(f"unreadable or out-of-range date {_shown(text)}")
    try:
        value = datetime(*parsed[:6], tzinfo=UTC)
    except (ValueError, OverflowError, TypeError) as exc:
        raise ValueError(f"impossible date {_shown(text)} ({exc})") from exc
    return in_range(value)


def _rfc822(text: str) -> datetime | None:
    try:
        return parsedate_to_datetime(text)
    except (ValueError, TypeError, IndexError, OverflowError):
        return None


def _iso8601(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _year_written(text: str, year: int) -> bool:
    """Whether ``year`` is the year written in ``text``: as four digits, or as two when no
    four-digit number is written (feedparser reads "10000-01-01" as 2010, "-0001" as 2000)."""
    numbers = _NUMBERS.findall(text)
    long = [n for n in numbers if len(n) >= 4]
    if long:
        return str(year) in long
    return f"{year % 100:02d}" in numbers


def names(people: object, limit: int = MAX_AUTHORS) -> tuple[str, ...]:
    """Author names (or e-mail addresses) from a list of person objects, deduplicated."""
    if not isinstance(people, list):
        return ()
    found: list[str] = []
    for person in people:
        if not isinstance(person, dict):
            continue
        name = clean_text(person.get("name"), MAX_NAME) or clean_text(
            person.get("email"), MAX_NAME
        )
        if name and name not in found:
            found.append(name)
        if len(found) == limit:
            break
    return tuple(found)


def identifier(value: object) -> str | None:
    """An item id: a string or an integer (JSON Feed allows both), cleaned and bounded."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    return clean_text(str(value), MAX_GUID)


def _shown(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[:limit] + "...")
