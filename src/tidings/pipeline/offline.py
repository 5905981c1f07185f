"""Ways in from disk: JSON Lines of extracted articles, saved HTML pages, WARC files."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

from tidings.dedupe.exact import canonical_url
from tidings.extract.article import ExtractionError, extract_article
from tidings.ingest.files import (
    RecordError,
    SavedPage,
    article_from_record,
    iter_html_files,
    iter_warc,
    read_html_file,
    read_jsonl,
)
from tidings.ingest.netguard import AddressGuard
from tidings.model import NewArticle, SaveResult
from tidings.pipeline.articles import save, save_batch, to_new_article
from tidings.pipeline.common import Progress, no_progress, one_line, utcnow
from tidings.pipeline.page_addresses import screen_page

log = logging.getLogger(__name__)


@dataclass
class ImportReport:
    """What an import did: counts, and one line per item that could not be used."""

    created: int = 0
    duplicates: int = 0
    headline_only: int = 0
    """Of `created`: articles stored with a title and no body."""
    upgraded: int = 0
    """Of `duplicates`: headline-only articles that got their full text."""
    errors: list[str] = field(default_factory=list)

    def count(self, result: SaveResult, article: NewArticle) -> None:
        if result.created:
            self.created += 1
            self.headline_only += article.headline_only
        else:
            self.duplicates += 1
            self.upgraded += result.upgraded


IMPORT_BATCH = 500
"""Records stored per write transaction by `import_records`."""


def import_records(engine: Engine, path: Path, *, progress: Progress = no_progress,
                   batch: int = IMPORT_BATCH) -> ImportReport:
    """Store every article of a JSON Lines (or .jsonl.gz) file, `batch` records per write
    transaction (`save_batch`); bad lines are reported."""
    report = ImportReport()
    waiting: list[NewArticle] = []

    def store() -> None:
        for article, result in zip(waiting, save_batch(engine, waiting, utcnow()), strict=True):
            report.count(result, article)
        waiting.clear()
        progress(report.created + report.duplicates + len(report.errors), None)

    for number, record in read_jsonl(path):
        try:
            if isinstance(record, RecordError):
                raise record
            waiting.append(article_from_record(record))
        except RecordError as exc:
            message = one_line(exc)
            report.errors.append(message if message.startswith("line ") else
                                 f"line {number}: {message}")
        if len(waiting) >= batch:
            store()
    store()
    return report


def _page_article(page: SavedPage) -> NewArticle:
    # Saved pages are checked offline: literal addresses only, no name lookups.
    extracted, _refused = screen_page(
        extract_article(page.content, page.url, encoding=page.encoding), AddressGuard(),
        resolve=False)
    fallback = page.url or extracted.url
    if not fallback:
        raise ExtractionError("no URL: the page has no canonical link and none was given")
    return to_new_article(extracted, fetched_url=canonical_url(fallback))


def _import_page(engine: Engine, page: SavedPage | RecordError, report: ImportReport) -> None:
    if isinstance(page, RecordError):
        report.errors.append(one_line(page))
        return
    try:
        article = _page_article(page)
        report.count(save(engine, article, utcnow()), article)
    except ExtractionError as exc:
        report.errors.append(f"{page.location}: {one_line(exc)}")
    except Exception as exc:  # one bad page must never stop the rest
        log.exception("page_import_failed location=%s", page.location)
        report.errors.append(f"{page.location}: internal error: {one_line(exc)}")


def import_pages(engine: Engine, pages: Iterable[SavedPage | RecordError], *,
                 progress: Progress = no_progress) -> ImportReport:
    """Extract and store saved pages; a page that fails is reported and skipped.

    A source that breaks part-way (a truncated WARC) keeps what came before the break.
    """
    report = ImportReport()
    try:
        for page in pages:
            _import_page(engine, page, report)
            progress(report.created + report.duplicates + len(report.errors), None)
    except Exception as exc:
        report.errors.append(f"input ended early: {one_line(exc)}")
    return report


def import_html(engine: Engine, root: Path, *, progress: Progress = no_progress) -> ImportReport:
    """Import every saved HTML page under a folder (or one file)."""
    return import_pages(engine, (read_html_file(p) for p in iter_html_files(root)),
                        progress=progress)


def import_warc(engine: Engine, path: Path, *, progress: Progress = no_progress) -> ImportReport:
    """Import the HTML responses of a WARC file."""
    return import_pages(engine, iter_warc(path), progress=progress)
