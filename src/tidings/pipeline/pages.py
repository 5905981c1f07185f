"""Fetch, extract and store article pages: the queue worker and `tidings fetch`."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import timedelta

from sqlalchemy import Engine

from tidings.config import Settings
from tidings.extract.article import ExtractionError
from tidings.ingest.fetcher import (
    BlockedAddressError,
    BodyTooLargeError,
    ContentTypeError,
    Fetcher,
    FetchError,
    HTTPStatusError,
    NetworkError,
    RobotsDisallowedError,
    TooManyRedirectsError,
)
from tidings.model import IngestReport, NewArticle, QueuedItem, SaveResult
from tidings.pipeline.articles import headline_article, to_new_article
from tidings.pipeline.common import (
    Progress,
    is_dead_local,
    no_progress,
    one_line,
    utcnow,
    worker_id,
)
from tidings.pipeline.counting import TALLY
from tidings.pipeline.extracting import PageExtractor
from tidings.pipeline.page_addresses import screen_page
from tidings.store import alerts as alert_store
from tidings.store import articles as article_store
from tidings.store import enrichment_claims
from tidings.store import feeds as feed_store
from tidings.store import locks as lock_store
from tidings.store import queue as queue_store

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 4
"""Tries for one page before its error is final (transient errors only)."""

LEASE_SECONDS = 600
"""How long a claim holds when its worker vanishes without trace (another machine)."""


def release_dead_claims(engine: Engine) -> int:
    """Settle what killed processes on this machine held, without waiting for their leases:
    their pages go back to the queue, and their leases (feeds, hosts, the cluster and alerts
    passes), delivery and enrichment claims run out now, so the next claim settles them
    (an email that was being sent becomes "unknown", never sent twice). Returns how many."""
    now = utcnow()
    with engine.connect() as conn:
        pages = {o for o in queue_store.claim_owners(conn) if is_dead_local(o)}
        leases = {o for o in lock_store.all_holders(conn) if is_dead_local(o)}
        sends = {o for o in alert_store.claim_owners(conn) if is_dead_local(o)}
        enriching = {o for o in enrichment_claims.claim_owners(conn) if is_dead_local(o)}
    if not (pages or leases or sends or enriching):
        return 0
    with engine.begin() as conn:
        return (queue_store.release_claims(conn, pages, now=now)
                + lock_store.expire_holders(conn, leases, now=now)
                + alert_store.expire_claims(conn, sends, now=now)
                + enrichment_claims.expire_claims(conn, sorted(enriching), now=now))


@dataclass(frozen=True)
class PageOutcome:
    """What happened to one page."""

    url: str
    result: SaveResult | None = None
    error: str | None = None
    retryable: bool = False
    headline_reason: str | None = None
    """Set when the page gave no body and the feed's headline was stored instead: why."""
    warnings: tuple[str, ...] = ()
    """What the page named that was left out (an image at a refused address), and why."""
    failure: str | None = None
    """Why the page gave no article, as a metrics label (`failure_reason`); kept when its
    feed's headline was stored instead."""


FAILURES: tuple[tuple[type[Exception], str], ...] = (
    (BlockedAddressError, "blocked"), (RobotsDisallowedError, "robots"),
    (BodyTooLargeError, "too_large"), (ContentTypeError, "not_html"),
    (TooManyRedirectsError, "redirects"), (NetworkError, "network"),
    (HTTPStatusError, "http_status"), (FetchError, "fetch"), (ExtractionError, "no_article"))


def failure_reason(error: Exception) -> str:
    """A few words for why a page failed: the kind of error ("http_404" for a status)."""
    reason = next((name for kind, name in FAILURES if isinstance(error, kind)), "internal")
    if reason == "http_status" and isinstance(error, FetchError) and error.status:
        return f"http_{error.status}"
    return reason


def ingest_page(
    engine: Engine,
    fetcher: Fetcher,
    url: str,
    *,
    extract: PageExtractor,
    item: QueuedItem | None = None,
    feed_title: str | None = None,
) -> PageOutcome:
    """Fetch one page, extract it and store the article; for a queue item, settle it in the
    same transaction. A feed item whose page fails for good (not found, refused by robots.txt,
    no article text...) is stored headline-only from the feed's title and summary. Never
    raises for a bad page. Counted (`pipeline.counting`): fetched, or failed by reason."""
    outcome = _ingest_page(engine, fetcher, url, extract=extract, item=item,
                           feed_title=feed_title)
    _count(engine, outcome)
    return outcome


def _ingest_page(engine: Engine, fetcher: Fetcher, url: str, *, extract: PageExtractor,
                 item: QueuedItem | None, feed_title: str | None) -> PageOutcome:
    page = _fetched_page(engine, fetcher, url, extract=extract, item=item,
                         feed_title=feed_title)
    return page if isinstance(page, PageOutcome) else _store_one(engine, page, feed_title)


@dataclass(frozen=True)
class _Page:
    """A page fetched and extracted: the article to store, and for a queue item, the item."""

    url: str
    article: NewArticle
    item: QueuedItem | None
    warnings: tuple[str, ...]


def _fetched_page(engine: Engine, fetcher: Fetcher, url: str, *, extract: PageExtractor,
                  item: QueuedItem | None, feed_title: str | None) -> _Page | PageOutcome:
    """The page's article to store, or what became of a page that gave none (its feed's
    headline stored, or its failure recorded on its queue item)."""
    entry = item.entry if item else None
    feed_id = item.feed_id if item else None
    try:
        fetched = fetcher.fetch(url, kind="page")
        page, refused = screen_page(extract(fetched.content, fetched.url, fetched.encoding),
                                    fetcher.options.address_guard(), resolve=True)
        article = to_new_article(
            page,
            fetched_url=fetched.url,
            seen_urls=(url, *fetched.redirects),
            entry=entry,
            feed_id=feed_id,
            feed_title=feed_title,
        )
        return _Page(url, article, item, refused)
    except BlockedAddressError as exc:  # an address Tidings may not reach is not linked either
        outcome = PageOutcome(url=url, error=one_line(exc), failure=failure_reason(exc))
        if item is not None:
            _record_failure(engine, item, outcome)
        return outcome
    except FetchError as exc:
        # a network failure or an overloaded server may pass; robots.txt, a 404, a PDF do not
        transient = isinstance(exc, NetworkError) or (
            exc.status is not None and (exc.status == 429 or exc.status >= 500))
        outcome = PageOutcome(url=url, error=one_line(exc), retryable=transient,
                              failure=failure_reason(exc))
    except ExtractionError as exc:
        outcome = PageOutcome(url=url, error=f"{url}: {one_line(exc)}",
                              failure=failure_reason(exc))
    except Exception as exc:  # one bad page must never stop the batch
        log.exception("page_failed url=%s", url)
        outcome = PageOutcome(url=url, error=f"{url}: internal error: {one_line(exc)}",
                              failure=failure_reason(exc))
    if item is not None:
        outcome = _headline_or_failure(engine, item, outcome, feed_title)
    return outcome


def _store_one(engine: Engine, page: _Page, feed_title: str | None) -> PageOutcome:
    """Store one page's article (and settle its item) in a transaction of its own."""
    try:
        return _store(engine, page.url, page.article, page.item, warnings=page.warnings)
    except Exception as exc:  # one bad page must never stop the batch
        log.exception("page_failed url=%s", page.url)
        outcome = PageOutcome(url=page.url, error=f"{page.url}: internal error: {one_line(exc)}",
                              failure=failure_reason(exc))
    if page.item is not None:
        outcome = _headline_or_failure(engine, page.item, outcome, feed_title)
    return outcome


def _store_pages(engine: Engine, pages: list[_Page], titles: dict[int, str]) -> list[PageOutcome]:
    """Store these pages' articles and settle their items in one transaction (a few
    statements, `save_articles`); when that fails, each in its own, so that one bad article
    costs only itself."""
    if not pages:
        return []
    try:
        with engine.begin() as conn:
            now = utcnow()
            results = article_store.save_articles(conn, [p.article for p in pages], now=now)
            queue_store.mark_all_done(conn, [
                (page.item.id, result.article_id, "; ".join(page.warnings) or None)
                for page, result in zip(pages, results, strict=True) if page.item is not None
            ], now=now)
    except Exception:
        log.exception("page_batch_failed pages=%d: storing them one by one", len(pages))
        return [_store_one(engine, page, _title(page.item, titles)) for page in pages]
    return [PageOutcome(url=page.url, result=result, warnings=page.warnings)
            for page, result in zip(pages, results, strict=True)]


def _title(item: QueuedItem | None, titles: dict[int, str]) -> str | None:
    return titles.get(item.feed_id) if item is not None and item.feed_id is not None else None


def _count(engine: Engine, outcome: PageOutcome) -> None:
    if outcome.failure:
        TALLY.count(engine, "tidings_pages_failed_total", reason=outcome.failure)
    else:
        TALLY.count(engine, "tidings_pages_fetched_total")


def _store(engine: Engine, url: str, article: NewArticle, item: QueuedItem | None,
           note: str | None = None, warnings: tuple[str, ...] = ()) -> PageOutcome:
    noted = "; ".join([note, *warnings] if note else warnings) or None
    with engine.begin() as conn:
        result = article_store.save_article(conn, article, now=utcnow())
        if item is not None:
            queue_store.mark_done(conn, item.id, article_id=result.article_id, now=utcnow(),
                                  note=noted)
    return PageOutcome(url=url, result=result, headline_reason=note, warnings=warnings)


def _headline_or_failure(engine: Engine, item: QueuedItem, outcome: PageOutcome,
                         feed_title: str | None) -> PageOutcome:
    """Store the feed's headline for a page that failed for good (a transient error is retried
    first); else record the failure on the queue item."""
    final = not outcome.retryable or item.attempts + 1 >= MAX_ATTEMPTS
    headline = None if item.entry is None else headline_article(
        item.entry, feed_id=item.feed_id, feed_title=feed_title)
    if final and headline is not None:
        reason = f"headline only: {outcome.error}"
        try:
            stored = _store(engine, outcome.url, headline, item, note=reason)
            log.info("page_headline_only url=%s reason=%s", outcome.url, outcome.error)
            return replace(stored, failure=outcome.failure)
        except Exception:  # the failure below is recorded instead
            log.exception("headline_store_failed url=%s", outcome.url)
    _record_failure(engine, item, outcome)
    return outcome


def _record_failure(engine: Engine, item: QueuedItem, outcome: PageOutcome) -> None:
    now = utcnow()
    retry_at = None
    if outcome.retryable and item.attempts + 1 < MAX_ATTEMPTS:
        retry_at = now + timedelta(minutes=5 * 2**item.attempts)
    with engine.begin() as conn:
        queue_store.mark_failed(
            conn, item.id, error=outcome.error or "unknown error", now=now, retry_at=retry_at
        )


def _tally(report: IngestReport, outcomes: Iterable[PageOutcome]) -> IngestReport:
    created = duplicates = failed = headlines = 0
    errors = list(report.errors)
    for outcome in outcomes:
        if outcome.result is None:
            failed += 1
            errors.append(outcome.error or outcome.url)
        elif outcome.result.created:
            created += 1
            headlines += outcome.headline_reason is not None
        else:
            duplicates += 1
    return IngestReport(
        feeds_polled=report.feeds_polled,
        feeds_failed=report.feeds_failed,
        items_queued=report.items_queued,
        articles_created=report.articles_created + created,
        duplicates=report.duplicates + duplicates,
        items_failed=report.items_failed + failed,
        headline_only=report.headline_only + headlines,
        errors=tuple(errors),
    )


def process_queue(
    engine: Engine,
    settings: Settings,
    fetcher: Fetcher,
    extract: PageExtractor,
    *,
    progress: Progress = no_progress,
) -> IngestReport:
    """Work through every due page in the queue, `ingest_workers` at a time: pages are
    fetched and extracted in parallel and stored a claimed batch at a time, each batch while
    the next one is fetched."""
    report = IngestReport()
    owner = worker_id()
    release_dead_claims(engine)
    with engine.connect() as conn:
        total = queue_store.pending_count(conn)
        titles = {feed.id: feed.title for feed in feed_store.list_feeds(conn)}
    done = 0
    progress(done, total)

    def fetch(item: QueuedItem) -> _Page | PageOutcome:
        return _fetched_page(engine, fetcher, item.url, extract=extract, item=item,
                             feed_title=_title(item, titles))

    def claim() -> list[QueuedItem]:
        with engine.begin() as conn:
            return queue_store.claim_pending(conn, limit=settings.ingest_workers * 4,
                                             now=utcnow(), lease_seconds=LEASE_SECONDS,
                                             owner=owner)

    with ThreadPoolExecutor(max_workers=settings.ingest_workers) as pool:
        fetching = [pool.submit(fetch, item) for item in claim()]
        while fetching:
            fetched = [future.result() for future in fetching]
            fetching = [pool.submit(fetch, item) for item in claim()]
            outcomes = [f for f in fetched if isinstance(f, PageOutcome)]
            outcomes += _store_pages(engine, [f for f in fetched if isinstance(f, _Page)],
                                     titles)
            for outcome in outcomes:
                _count(engine, outcome)
            done += len(outcomes)
            progress(done, max(total, done))
            report = _tally(report, outcomes)
    return report


def fetch_urls(
    engine: Engine,
    settings: Settings,
    fetcher: Fetcher,
    urls: list[str],
    *,
    extract: PageExtractor | None = None,
    progress: Progress = no_progress,
) -> list[PageOutcome]:
    """Ingest single article pages given by URL, in parallel; one outcome per URL, in order."""
    progress(0, len(urls))
    outcomes: list[PageOutcome] = []
    inline = PageExtractor(processes=1)
    with ThreadPoolExecutor(max_workers=settings.ingest_workers) as pool:
        for outcome in pool.map(
            lambda u: ingest_page(engine, fetcher, u, extract=extract or inline), urls
        ):
            outcomes.append(outcome)
            progress(len(outcomes), len(urls))
    return outcomes
