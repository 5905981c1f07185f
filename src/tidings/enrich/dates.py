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
    its DATE entities, else `published`; None when it names an earlier year than
    `published`'s and no day ("in 2009" of a 2019 article: history, on no day the text
    gives, not the article's news)."""
    earlier = False
    for text in dates:
        found = resolve_date(text, published)
        if found is not None:
            return found
        earlier = earlier or _earlier_year(text, published)
    return None if earlier else published


def _earlier_year(text: str, published: date | None) -> bool:
    """Whether a date text names a year before `published`'s ("2009", "November 2008")."""
    years = [int(y) for y in _YEAR.findall(text)]
    return published is not None and any(y < published.year for y in years)


_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


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
