"""Enrichment's worker processes: `enrich.batches.analyse_batch` on every core.

`Analysers` analyses each batch inline in this process, or, once a run has asked for more
than one process (`use`), in a pool of spawned worker processes (fresh interpreters, each
loading the spaCy model once, at a lower priority than the process that started them, so the
reader answers first), split in one part per worker. One `Analysers` serves a whole run, every
pass of `tidings run` included: its pool is started once, by the first pass that needs it, and
closed when the run ends; when it ends on an error or an interrupt, its workers are stopped
at once, mid-batch (what they held is claimed again by the next run), and a run killed
outright (no chance to close anything) leaves workers that notice within a second and end
themselves, so none outlives it.
The process that started them keeps the database work: claims, entity resolution and writes,
batch after batch and in each batch's order, so the results are those of one process. A
worker that dies breaks the pool: `restart` replaces it, and the batches it held raise
`BrokenProcessPool` for the caller to analyse again. A worker can die at any moment, so
`submit` never raises for it: a pool that broke between two batches (a worker killed while
idle) is replaced before the next one, and one that breaks while a batch is being submitted
gives that batch's parts `BrokenProcessPool` too (`ProcessPoolExecutor.submit` then raises
whatever the pool's half-closed pipes make it raise: `BrokenProcessPool`, `RuntimeError`,
`OSError: handle is closed`).

Spawned workers import the main module as `multiprocessing` does (`tidings` and `python -m
tidings` guard theirs); a script that enriches must guard its own with
`if __name__ == "__main__":`, or every batch comes back broken.
"""

from __future__ import annotations

import logging
import math
import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from types import TracebackType

from tidings.enrich.batches import AnalysedArticle, BatchArticle, analyse_batch, prepare_worker
from tidings.enrich.limits import AnalysisLimits
from tidings.pipeline.orphans import end_with_parent

__all__ = ["Analysers", "Analysis"]

log = logging.getLogger(__name__)


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
    """Where one run's batches are analysed: inline, or in a pool of worker processes started
    by the first `use` that asks for more than one, kept until `close`."""

    def __init__(self, *, max_sentence_tokens: int) -> None:
        self.processes = 1
        self._max_sentence_tokens = max_sentence_tokens
        self._pool: ProcessPoolExecutor | None = None
        self.generation = 0
        """Counts the pools started: a batch submitted to an older one is not restarted for."""

    def use(self, processes: int) -> None:
        """Analyse with `processes` worker processes (1: inline) from now on; a pool already
        started is kept, at its size, since its workers have loaded the model."""
        if processes > 1 and self._pool is None:
            self.processes = processes
            self._pool = self._start()

    @property
    def in_flight(self) -> int:
        """How many batches to keep submitted: two with workers (the next one is analysed
        while this process stores one), one inline."""
        return 2 if self._pool is not None else 1

    def submit(self, batch: Sequence[BatchArticle], limits: AnalysisLimits) -> Analysis:
        """Start analysing `batch`; never raises for a worker that died (see the module)."""
        if self._pool is None:
            return Analysis([_done(batch, limits)], self.generation)
        if _broken(self._pool):  # since the last batch: a worker died holding none of this one
            log.warning("enrich_pool_broken: a worker process died between batches; "
                        "starting a new pool")
            self.restart(self.generation)
        pool = self._pool
        size = math.ceil(len(batch) / self.processes)
        return Analysis([_submit_part(pool, list(batch[start : start + size]), limits)
                         for start in range(0, len(batch), size)], self.generation)

    def restart(self, generation: int) -> None:
        """Replace the pool of `generation` (broken: one of its workers died) with a new one;
        nothing when that pool was replaced already."""
        if self._pool is None or generation != self.generation:
            return
        _stop(self._pool)
        self._pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        self.generation += 1
        return ProcessPoolExecutor(
            max_workers=self.processes, mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker, initargs=(self._max_sentence_tokens, os.getpid()),
        )

    def close(self, *, at_once: bool = False) -> None:
        """End the pool: after the batches it is analysing, or `at_once`, stopping them."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if at_once:
            _stop(pool)
        else:
            pool.shutdown(cancel_futures=True)

    def __enter__(self) -> Analysers:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close(at_once=kind is not None)


def _submit_part(pool: ProcessPoolExecutor, part: list[BatchArticle], limits: AnalysisLimits
                 ) -> Future[list[AnalysedArticle]]:
    """Submit one part of a batch; when the pool breaks meanwhile (whatever `submit` then
    raises), a part that raises `BrokenProcessPool`, as those submitted before it do."""
    try:
        return pool.submit(analyse_batch, part, limits)
    except Exception as error:
        if not _broken(pool):
            raise
        failure = BrokenProcessPool("a worker process died while this batch was submitted")
        failure.__cause__ = error
        future: Future[list[AnalysedArticle]] = Future()
        future.set_exception(failure)
        return future


def _broken(pool: ProcessPoolExecutor) -> bool:
    """Whether a worker of `pool` died. Its manager thread sets `_broken` (there is no public
    way to ask) before it fails the pool's futures and closes its pipes, so any error from a
    `submit` that races with it comes after."""
    return bool(pool._broken)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop a pool's workers now, whatever they are doing, and wait until they have gone.

    `ProcessPoolExecutor` can only wait for its workers' current tasks (Python 3.14 adds
    `terminate_workers`), so they are terminated through its table of processes."""
    workers = list((pool._processes or {}).values())
    for worker in workers:
        worker.terminate()
    pool.shutdown(wait=True, cancel_futures=True)
    for worker in workers:
        worker.join()


def _start_worker(max_sentence_tokens: int, parent: int) -> None:
    """A worker's initialiser: it ends itself once `parent` has gone (then, nothing would
    ever give it work or stop it), and loads the model."""
    end_with_parent(parent)
    prepare_worker(max_sentence_tokens)


def _done(batch: Sequence[BatchArticle], limits: AnalysisLimits) -> Future[list[AnalysedArticle]]:
    future: Future[list[AnalysedArticle]] = Future()
    try:
        future.set_result(analyse_batch(batch, limits))
    except Exception as exc:
        future.set_exception(exc)
    return future
