"""Dates in a sentence, resolved against the publication date."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_RELATIVE = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
_FORMATS = ("%B %d %Y", "%d %B %Y", "%b %d %Y", "%d %b %Y")


def sentence_date(dates: Iterable[str], published: date | None) -> date | None:
    """The first date a sentence gives ("on Monday", "March 23, 2006") among the texts of
    its DATE entities, else `published`."""
    for text in dates:
        found = resolve_date(text, published)
        if found is not None:
            return found
    return published


def resolve_date(text: str, published: date | None) -> date | None:
    """Resolve a short date expression; None when it is not one this function reads."""
    words = re.sub(r"[^\w ]", " ", text.lower()).split()
    explicit = _explicit(words)
    if explicit is not None or published is None:
        return explicit
    for word in words:
        if word in _RELATIVE:
            return published + timedelta(days=_RELATIVE[word])
        if word in _WEEKDAYS:
            back = (published.weekday() - _WEEKDAYS.index(word)) % 7
            return published - timedelta(days=back)
    return None


def _explicit(words: list[str]) -> date | None:
    words = [re.sub(r"(st|nd|rd|th)$", "", w) if w[:1].isdigit() else w for w in words]
    for i in range(len(words) - 2):
        chunk = " ".join(words[i : i + 3])
        for fmt in _FORMATS:
            try:
                return datetime.strptime(chunk, fmt).date()
            except ValueError:
                continue
    return None
