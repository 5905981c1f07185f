"""The shipped demo corpus: real English Wikinews articles (2005-2008, 2019-2021; CC BY 2.5).

`load_corpus` reads `data/demo-news-clean.jsonl.gz`, moves every date by one constant number of
days so that the newest article falls on `today`, gives each article a time of day, a URL slug and
one section, and returns the articles newest first.

Time of day. The corpus has dates only. Each article gets a deterministic time of day taken from
a hash of its id, between 05:00 and 23:00 UTC, so a day's articles are spread over the day
instead of all sitting at midnight. On the current UTC date (when `today` is that date) the
times are scaled into the part of the day that has already passed, so no article is dated in
the future; their order within the day stays the same.
"""

from __future__ import annotations

import gzip
import hashlib
import itertools
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

CORPUS_PATH = Path(__file__).parent / "data" / "demo-news-clean.jsonl.gz"

DAY_START = time(5, 0)
"""Earliest time of day given to an article (UTC)."""
DAY_SPAN = timedelta(hours=18)
"""Articles are spread over DAY_START .. DAY_START + DAY_SPAN."""

SECTIONS: dict[str, str] = {
    "world": "World",
    "politics": "Politics",
    "elections": "Elections",
    "business": "Business",
    "conflict": "Conflict & Security",
    "justice": "Law & Justice",
}
"""Section slug -> display name, in menu order. `DemoArticle.section` holds the slug."""

# Keyword rules, matched as whole words, case-insensitively, over title and text.
_KEYWORDS: dict[str, tuple[str, ...]] = {
    "elections": (
        "election", "elections", "elected", "elects", "vote", "votes", "voting", "voters", "ballot",
        "polls", "poll", "referendum", "candidate", "candidates", "campaign", "primary",
        "primaries", "electoral", "re-election", "runoff", "nominee", "caucus",
    ),
    "conflict": (
        "war", "military", "troops", "soldier", "soldiers", "army", "bomb", "bombing",
        "attack", "attacks", "killed", "militants", "insurgents", "rebels", "terrorist",
        "terrorism", "taliban", "al-qaeda", "al qaeda", "missile", "nuclear", "airstrike",
        "ceasefire", "explosion", "peacekeepers", "hostages", "gunmen", "suicide", "navy",
        "nato", "violence", "clashes",
    ),
    "business": (
        "company", "companies", "market", "markets", "shares", "stock", "stocks", "economy",
        "economic", "bank", "banks", "profit", "profits", "revenue", "sales", "billion",
        "investors", "inflation", "prices", "oil price", "trade", "ceo", "business", "firm",
        "merger", "acquisition", "retailer", "jobs", "unemployment", "microsoft", "google",
        "apple", "airline", "gdp", "recession", "dollar", "euro", "interest rate", "industry",
    ),
    "justice": (
        "court", "judge", "trial", "sentenced", "convicted", "charged", "charges", "arrested",
        "arrest", "police", "prison", "jail", "jailed", "lawsuit", "sued", "sues", "guilty",
        "prosecutor", "prosecutors", "investigation", "supreme court", "murder", "fraud",
        "corruption", "allegations", "lawyer", "appeal", "verdict", "indicted",
    ),
    "politics": (
        "government", "minister", "parliament", "prime minister", "senate", "senator",
        "congress", "legislation", "bill", "party", "opposition", "cabinet", "mp", "mps",
        "policy", "governor", "mayor", "politician", "coalition", "resign", "resigns",
        "resignation", "democrats", "republicans", "conservative", "labour", "liberal",
    ),
    "world": (
        "united nations", "un", "summit", "diplomatic", "embassy", "ambassador",
        "foreign minister", "refugees", "aid", "human rights", "treaty", "sanctions",
        "protest", "protesters", "earthquake", "flood", "international", "relations", "visit",
        "eu", "european union", "talks", "foreign", "diplomat", "diplomats", "delegation",
        "bilateral", "g8", "humanitarian", "protests", "demonstration", "demonstrators",
        "rally", "asylum", "immigration", "immigrants", "migrants", "hurricane", "disaster",
        "independence",
    ),
}  # fmt: skip
_RULE_ORDER = ("elections", "conflict", "business", "justice", "politics", "world")
"""Tie-break order: the first section listed wins a tie."""
TITLE_WEIGHT = 3
"""A keyword in the title counts this many times a keyword in the text."""
TEXT_CAP = 12
"""At most this many text matches count per section, so long articles do not swamp titles."""
_KEYWORD_SECTION = {word: slug for slug, words in _KEYWORDS.items() for word in words}
_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
_SLUG_MAX = 80


@dataclass(frozen=True)
class DemoArticle:
    """One corpus article as the demo site serves it."""

    id: str
    slug: str
    """URL-safe and unique within the corpus."""
    title: str
    text: str
    """Paragraphs separated by blank lines, exactly as in the corpus."""
    published_at: datetime
    """Timezone-aware UTC, after the date shift."""
    section: str
    """A key of `SECTIONS`."""
    url: str
    """The original Wikinews URL."""
    attribution: str
    license: str
    original_date: date
    """The real Wikinews publication date, before the shift."""

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.text.split("\n\n") if p.strip()]


def load_corpus(
    path: Path | None = None, *, today: date | None = None, now: datetime | None = None
) -> list[DemoArticle]:
    """Read the corpus, shift its dates so the newest is `today`, newest first.

    `today` defaults to the UTC date of `now`; `now` (default: the current time) only serves
    to keep articles on the current date out of the future.
    """
    now = (now or datetime.now(UTC)).astimezone(UTC)
    today = today or now.date()
    records = list(_read_records(path or CORPUS_PATH))
    if not records:
        return []
    newest = max(date.fromisoformat(r["published_at"]) for r in records)
    offset = today - newest
    slugs = _unique_slugs(records)
    articles = [
        _article(r, slug, date.fromisoformat(r["published_at"]) + offset, now)
        for r, slug in zip(records, slugs, strict=True)
    ]
    articles.sort(key=lambda a: (a.published_at, a.id), reverse=True)
    return articles


def shift_days(articles: Iterable[DemoArticle]) -> int:
    """How many days the dates were moved forward (the same for every article)."""
    for article in articles:
        return (article.published_at.date() - article.original_date).days
    return 0


def classify(title: str, text: str) -> str:
    """The section slug for an article: the best keyword score, `world` when nothing matches.

    Score = TITLE_WEIGHT x keyword occurrences in the title + occurrences in the text (at most
    TEXT_CAP). Keywords are whole words or two-word phrases, case-insensitive; ties go to the
    section listed first in `_RULE_ORDER`.
    """
    title_hits, text_hits = _keyword_hits(title), _keyword_hits(text)
    scores = {
        slug: TITLE_WEIGHT * title_hits[slug] + min(text_hits[slug], TEXT_CAP)
        for slug in _RULE_ORDER
    }
    best = max(_RULE_ORDER, key=lambda slug: (scores[slug], -_RULE_ORDER.index(slug)))
    return best if scores[best] > 0 else "world"


def _keyword_hits(text: str) -> Counter[str]:
    words = _WORD.findall(text.lower())
    phrases = [f"{a} {b}" for a, b in itertools.pairwise(words)]
    return Counter(_KEYWORD_SECTION[w] for w in (*words, *phrases) if w in _KEYWORD_SECTION)


def slugify(title: str) -> str:
    """Lower-case ASCII words joined by hyphens, cut at a word boundary."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    if len(slug) > _SLUG_MAX:
        slug = slug[:_SLUG_MAX].rsplit("-", 1)[0]
    return slug


def _read_records(path: Path) -> Iterator[dict[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def _unique_slugs(records: list[dict[str, str]]) -> list[str]:
    seen: set[str] = set()
    slugs = []
    for record in records:
        slug = slugify(record["title"]) or "article"
        if slug in seen:
            slug = f"{slug}-{record['id'].rsplit('-', 1)[-1]}"
        seen.add(slug)
        slugs.append(slug)
    return slugs


def _article(record: dict[str, str], slug: str, day: date, now: datetime) -> DemoArticle:
    return DemoArticle(
        id=record["id"],
        slug=slug,
        title=record["title"],
        text=record["text"],
        published_at=_time_of_day(record["id"], day, now),
        section=classify(record["title"], record["text"]),
        url=record["url"],
        attribution=record["attribution"],
        license=record["license"],
        original_date=date.fromisoformat(record["published_at"]),
    )


def _time_of_day(article_id: str, day: date, now: datetime) -> datetime:
    """A deterministic moment on `day` (see the module docstring)."""
    fraction = int.from_bytes(hashlib.sha256(article_id.encode()).digest()[:4]) / 2**32
    midnight = datetime.combine(day, time(0), tzinfo=UTC)
    if day == now.date():
        elapsed = int((now - midnight).total_seconds() * fraction)
        return midnight + timedelta(seconds=elapsed)
    start = datetime.combine(day, DAY_START, tzinfo=UTC)
    return start + timedelta(minutes=int(fraction * DAY_SPAN.total_seconds() / 60))
