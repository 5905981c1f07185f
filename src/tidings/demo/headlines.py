"""The shipped headlines: 2,485 real headlines from 1,177 outlets (UCI News Aggregator, 2014,
public domain), with a title, an outlet, a link and a time but no text.

`load_headlines` reads `data/demo-headlines.jsonl.gz` and moves every time by one constant
offset so that the newest headline is a few minutes before `now` (the 15 hours they span stay
as they were). The demo site serves one feed per outlet of them.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tidings.demo.corpus import slugify

HEADLINES_PATH = Path(__file__).parent / "data" / "demo-headlines.jsonl.gz"
NEWEST_AGE = timedelta(minutes=3)
"""How long before `now` the newest headline is dated."""


@dataclass(frozen=True)
class DemoHeadline:
    """One headline of one outlet, as the demo site serves it."""

    id: str
    title: str
    outlet: str
    outlet_slug: str
    """URL-safe and unique per outlet."""
    original_url: str
    """The outlet's own address (not reachable offline)."""
    published_at: datetime
    """Timezone-aware UTC, after the shift."""
    original_at: datetime
    attribution: str


def load_headlines(path: Path | None = None, *, now: datetime | None = None
                   ) -> list[DemoHeadline]:
    """Read the headlines, shift their times so the newest is just before `now`, newest first."""
    now = (now or datetime.now(UTC)).astimezone(UTC)
    with gzip.open(path or HEADLINES_PATH, "rt", encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines if line.strip()]
    if not records:
        return []
    times = [_parse_time(r["published_at"]) for r in records]
    offset = timedelta(seconds=int((now - NEWEST_AGE - max(times)).total_seconds()))
    slugs = outlet_slugs(r["source"] for r in records)
    headlines = [
        DemoHeadline(
            id=r["id"], title=" ".join(r["title"].split()), outlet=r["source"],
            outlet_slug=slugs[r["source"]], original_url=r["url"],
            published_at=(at + offset).replace(microsecond=0), original_at=at,
            attribution=r["attribution"],
        )
        for r, at in zip(records, times, strict=True)
    ]
    headlines.sort(key=lambda h: (h.published_at, h.id), reverse=True)
    return headlines


def outlet_slugs(outlets: Iterable[str]) -> dict[str, str]:
    """Outlet name -> a slug unique among them (a number is added on a clash)."""
    slugs: dict[str, str] = {}
    taken: set[str] = set()
    for outlet in dict.fromkeys(outlets):
        base = slugify(outlet) or "outlet"
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        slugs[outlet] = slug
        taken.add(slug)
    return slugs


def by_outlet(headlines: Iterable[DemoHeadline]) -> dict[str, list[DemoHeadline]]:
    """Outlet slug -> its headlines, newest first."""
    found: dict[str, list[DemoHeadline]] = {}
    for headline in sorted(headlines, key=lambda h: (h.published_at, h.id), reverse=True):
        found.setdefault(headline.outlet_slug, []).append(headline)
    return found


def _parse_time(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)
