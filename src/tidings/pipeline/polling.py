"""Polling feeds: conditional GET, parse, queue new items, back off on errors."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine

from tidings.config import Settings
from tidings.ingest.feeds import FeedParseError, parse_feed
from tidings.ingest.fetcher import Fetcher, FetchError
from tidings.model import Feed, FeedEntry, FetchResult, IngestReport, ParsedFeed
from tidings.pipeline.common import Progress, no_progress, one_line, utcnow
from tidings.pipeline.counting import TALLY
from tidings.store import feeds as feed_store
from tidings.store import queue as queue_store

log = logging.getLogger(__name__)

MAX_CHILD_SITEMAPS = 20
"""Child sitemaps read from one sitemap index per poll (the first ones listed)."""

MAX_WARNINGS = 50
"""Lines of warnings kept on a feed per poll (the count of the rest is kept too)."""


@dataclass(frozen=True)
class PollOutcome:
    feed: Feed
    queued: int = 0
    error: str | None = None
    warning: str | None = None
    """A line saying what the items lost (listed in full in the feed's ``last_warnings``)."""


def next_poll_after_error(feed: Feed, settings: Settings, now: datetime, error: FetchError | None
                          ) -> datetime:
    """Exponential backoff from the feed's interval, capped; a longer Retry-After wins."""
    minutes = min(feed.interval_minutes * 2 ** min(feed.error_count + 1, 16),
                  settings.max_backoff_minutes)
    wait = timedelta(minutes=minutes)
    if error is not None and error.retry_after:
        wait = max(wait, timedelta(seconds=error.retry_after))
    return now + wait


@dataclass(frozen=True)
class _Polled:
    title: str | None
    entries: list[FeedEntry]
    problems: list[str]


def _read(fetcher: Fetcher, fetched: FetchResult) -> _Polled:
    parsed: ParsedFeed = parse_feed(fetched.content, fetched.url)
    polled = _Polled(parsed.title, list(parsed.entries), list(parsed.problems))
    for child in parsed.sitemaps[:MAX_CHILD_SITEMAPS]:
        try:
            fetched_child = fetcher.fetch(child, kind="feed")
            sitemap = parse_feed(fetched_child.content, fetched_child.url)
        except (FetchError, FeedParseError) as exc:
            log.warning("child_sitemap_failed url=%s error=%s", child, one_line(exc))
            polled.problems.append(f"child sitemap {child} skipped: {one_line(exc)}")
            continue
        polled.entries.extend(sitemap.entries)
        polled.problems.extend(f"{child}: {problem}" for problem in sitemap.problems)
    return polled


def warnings_text(problems: list[str]) -> str | None:
    """The problems of a poll as stored on the feed: one per line, at most MAX_WARNINGS."""
    if len(problems) > MAX_WARNINGS:
        problems = [*problems[:MAX_WARNINGS], f"and {len(problems) - MAX_WARNINGS} more"]
    return "\n".join(problems) or None


def poll_feed(engine: Engine, settings: Settings, fetcher: Fetcher, feed: Feed) -> PollOutcome:
    """Fetch one feed and queue its new items; record success or the error on the feed, and
    what its items lost (``ParsedFeed.problems``) as the feed's warnings."""
    try:
        fetched = fetcher.fetch(
            feed.url, etag=feed.etag, last_modified=feed.last_modified, kind="feed"
        )
        polled = _Polled(None, [], []) if fetched.not_modified else _read(fetcher, fetched)
    except (FetchError, FeedParseError) as exc:
        return _record_error(engine, settings, feed, exc)
    except Exception as exc:  # one broken feed must never stop the others
        log.exception("feed_failed feed_id=%s url=%s", feed.id, feed.url)
        return _record_error(engine, settings, feed, exc)
    if polled.problems:
        log.warning("feed_items_skipped feed_id=%s url=%s problems=%d", feed.id, feed.url,
                    len(polled.problems))
    now = utcnow()
    with engine.begin() as conn:
        queued = queue_store.enqueue(conn, polled.entries, feed_id=feed.id, now=now)
        feed_store.record_feed_success(
            conn, feed.id, now=now,
            next_fetch_at=now + timedelta(minutes=feed.interval_minutes),
            etag=fetched.etag, last_modified=fetched.last_modified,
            not_modified=fetched.not_modified, title=polled.title,
            warnings=warnings_text(polled.problems),
        )
    warning = None
    if polled.problems:
        warning = (f"{feed.url}: {len(polled.problems)} items skipped or fields dropped "
                   f"(`tidings feeds list` lists them), first: {polled.problems[0]}")
    TALLY.count(engine, "tidings_feeds_polled_total", result="ok")
    return PollOutcome(feed=feed, queued=queued, warning=warning)


def _record_error(engine: Engine, settings: Settings, feed: Feed, exc: Exception) -> PollOutcome:
    now = utcnow()
    message = one_line(exc)
    fetch_error = exc if isinstance(exc, FetchError) else None
    with engine.begin() as conn:
        feed_store.record_feed_error(
            conn, feed.id, now=now, error=message,
            next_fetch_at=next_poll_after_error(feed, settings, now, fetch_error),
        )
    TALLY.count(engine, "tidings_feeds_polled_total", result="error")
    return PollOutcome(feed=feed, error=f"{feed.url}: {message}")


def poll_due_feeds(
    engine: Engine, settings: Settings, fetcher: Fetcher, *, progress: Progress = no_progress
) -> IngestReport:
    """Poll every feed that is due, in parallel, and queue what is new."""
    with engine.connect() as conn:
        due = feed_store.due_feeds(conn, utcnow(), limit=10_000)
    progress(0, len(due))
    outcomes: list[PollOutcome] = []
    with ThreadPoolExecutor(max_workers=settings.ingest_workers) as pool:
        for outcome in pool.map(lambda f: poll_feed(engine, settings, fetcher, f), due):
            outcomes.append(outcome)
            progress(len(outcomes), len(due))
    errors = tuple(o.error for o in outcomes if o.error)
    return IngestReport(
        feeds_polled=len(outcomes),
        feeds_failed=len(errors),
        items_queued=sum(o.queued for o in outcomes),
        errors=errors,
        warnings=tuple(o.warning for o in outcomes if o.warning),
    )
