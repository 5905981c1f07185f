"""Enrichment's worker processes: `enrich.batches.analyse_batch` on every core.

`Analysers(processes)` analyses each batch in a pool of spawned worker processes (fresh
interpreters, each loading the spaCy model once, at a lower priority than the process that
started them, so the reader answers first), split in one part per worker, or inline in this
process with `processes=1`. The process that started them keeps the database work: claims,
entity resolution and writes, batch after batch and in each batch's order, so the results are
those of one process. A worker that dies breaks the pool: `restart` replaces it, and the
batches it held raise `BrokenProcessPool` for the caller to analyse again.

Spawned workers import the main module as `multiprocessing` does (`tidings` and `python -m
tidings` guard theirs); a script that enriches must guard its own with
`if __name__ == "__main__":`, or every batch comes back broken.
"""

from __future__ import annotations

import math
import multiprocessing
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from types import TracebackType

from tidings.enrich.batches import AnalysedArticle, BatchArticle, analyse_batch, prepare_worker
from tidings.enrich.limits import AnalysisLimits

__all__ = ["Analysers", "Analysis"]


class Analysis:
    """One batch under analysis, in parts."""

    def __init__(self, parts: Sequence[Future[list[AnalysedArticle]]], generation: int) -> None:
        self._parts = parts
        self.generation = generation
        """Of the pool analysing it (see `Analysers.restart`)."""

    def result(self) -> list[AnalysedArticle]:
        """The batch's results in order; raises `BrokenProcessPool` when a worker died."""
        return [result for part in self._parts for result in part.result()]


class Analysers:
    """Where batches are analysed: a pool of `processes` workers, or inline with 1."""

    def __init__(self, processes: int, *, max_sentence_tokens: int) -> None:
        self.processes = processes
        self._max_sentence_tokens = max_sentence_tokens
        self._pool: ProcessPoolExecutor | None = None
        self.generation = 0
        """Counts the pools started: a batch submitted to an older one is not restarted for."""
        if processes > 1:
            self._pool = self._start()

    @property
    def in_flight(self) -> int:
        """How many batches to keep submitted: two with workers (the next one is analysed
        while this process stores one), one inline."""
        return 2 if self._pool is not None else 1

    def submit(self, batch: Sequence[BatchArticle], limits: AnalysisLimits) -> Analysis:
        pool = self._pool
        if pool is None:
            return Analysis([_done(batch, limits)], self.generation)
        size = math.ceil(len(batch) / self.processes)
        return Analysis([pool.submit(analyse_batch, list(batch[start : start + size]), limits)
                         for start in range(0, len(batch), size)], self.generation)

    def restart(self, generation: int) -> None:
        """Replace the pool of `generation` (broken: one of its workers died) with a new one;
        nothing when that pool was replaced already."""
        if self._pool is None or generation != self.generation:
            return
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        self.generation += 1
        return ProcessPoolExecutor(
            max_workers=self.processes, mp_context=multiprocessing.get_context("spawn"),
            initializer=prepare_worker, initargs=(self._max_sentence_tokens,),
        )

    def __enter__(self) -> Analysers:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)


def _done(batch: Sequence[BatchArticle], limits: AnalysisLimits) -> Future[list[AnalysedArticle]]:
    future: Future[list[AnalysedArticle]] = Future()
    try:
        future.set_result(analyse_batch(batch, limits))
    except Exception as exc:
        future.set_exception(exc)
    return future
