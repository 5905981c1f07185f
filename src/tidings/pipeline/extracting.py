"""Extraction in worker processes, so ingest uses every core (threads share one for Python).

The workers are forked from a forkserver that has imported the extraction stage and nothing
else (`EXTRACTION_MODULES`), so each one starts with trafilatura loaded and without what the
process that started them imported (spaCy, the web app). As with every `multiprocessing`
start method but fork, each worker also imports the main module once. A worker ends itself once
the process that started the pool is gone (`end_with_parent`: its parent is the forkserver),
and the forkserver once its last worker has.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from types import TracebackType

from tidings.extract.article import extract_article
from tidings.model import ExtractedArticle
from tidings.pipeline.orphans import end_with_parent

log = logging.getLogger(__name__)

EXTRACTION_MODULES = ["tidings.extract.article", "tidings.pipeline.orphans"]
"""What the forkserver imports before forking extraction workers (instead of `__main__`)."""


def default_processes() -> int:
    return os.cpu_count() or 1


class PageExtractor:
    """Runs `extract_article` in a pool of worker processes, or inline with `processes=1`.

    A worker that dies (a page that crashes the HTML parser) only costs that page: the pool is
    dropped and extraction goes on inline.
    """

    def __init__(self, processes: int) -> None:
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self._processes = processes
        if processes > 1:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(EXTRACTION_MODULES)  # unless it runs already
            self._pool = ProcessPoolExecutor(max_workers=processes, mp_context=context,
                                             initializer=end_with_parent,
                                             initargs=(os.getpid(),))

    def warm_up(self) -> None:
        """Start every worker process now (they start with their first pages otherwise)."""
        pool = self._pool
        if pool is not None:
            for started in [pool.submit(os.getpid) for _ in range(self._processes)]:
                started.result()

    def __call__(self, content: bytes, url: str | None, encoding: str | None
                 ) -> ExtractedArticle:
        pool = self._pool
        if pool is None:
            return extract_article(content, url, encoding=encoding)
        try:
            return pool.submit(extract_article, content, url, encoding=encoding).result()
        except BrokenProcessPool:
            log.warning("extraction_pool_broken url=%s: extracting inline from now on", url)
            with self._lock:
                self._pool = None
            pool.shutdown(wait=False, cancel_futures=True)
            raise

    def __enter__(self) -> PageExtractor:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
