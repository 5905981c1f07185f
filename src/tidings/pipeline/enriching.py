"""The enrichment stage over stored articles: entities, roles, events, quotes and summaries.

`enrich_pending` analyses the articles not enriched yet, newest first, in batches: each batch
is claimed first (`store.enrichment_claims`), so concurrent runs never enrich the same
article, then analysed by `Analysers` (worker processes on every core for a large run, see
`enrich_workers`) while this process stores the batches before it, in order: it resolves their
entities against the stored ones (loading only candidates, see `resolving`) and replaces each
article's rows in its own short transaction. An article that fails is recorded in
`enrichment_runs` with its error and skipped until a forced run; a worker whose claim was
taken over drops its result. When a worker process dies, its batch is analysed again one
article at a time, and the article it dies on is left claimed: once the claim expires a later
run takes it over (after `MAX_ATTEMPTS` it is recorded as failed).
"""

from __future__ import annotations

import logging
import secrets
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy import Engine

from tidings.config import Settings
from tidings.enrich import AnalysisLimits, ArticleAnalysis, ModelMissingError
from tidings.enrich.batches import AnalysedArticle, BatchArticle
from tidings.enrich.llm import LLMClient, LLMError, open_llm
from tidings.enrich.summaries import ArticleSummary, summarize_article, summarize_with_llm
from tidings.model import EventRecord, QuoteRecord, RoleRecord, SummaryRecord
from tidings.pipeline.bounds import TextBound
from tidings.pipeline.common import Progress, no_progress, one_line, utcnow, worker_id
from tidings.pipeline.counting import TALLY
from tidings.pipeline.enrich_workers import Analysers, Analysis
from tidings.pipeline.entity_merging import merge_after_batch
from tidings.pipeline.extracting import default_processes
from tidings.pipeline.resolving import EntityIndex, mention_keys
from tidings.store import enrichment as enrichment_store
from tidings.store import enrichment_claims as claims
from tidings.store.enrichment import ArticleText, NewEnrichment
from tidings.store.entities import EntityMention, entity_candidates

log = logging.getLogger(__name__)

BATCH_SIZE = 32
"""Most articles analysed together by `nlp.pipe` (and claimed together)."""
LEASE_SECONDS = 600.0
"""How long a run holds its claimed batches, renewed with every article it stores."""
POOL_MIN_ARTICLES = 16
"""Fewest articles for which `enrich_processes=0` starts worker processes: below it, loading
the model in every worker costs more than it saves."""
LEFT_CLAIMED = ("its enrichment worker stopped while analysing it; a later run takes it over "
                "once its claim expires")


@dataclass
class EnrichReport:
    """What an enrichment run did: counts, and one line per article that failed."""

    enriched: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """One line per article enriched within bounds: what its analysis left out."""
    merged: int = 0
    """Duplicate people folded into the person they are (`entity_merging`)."""


class Summarizer:
    """Article summaries: the LLM's when one is configured and answers, else extractive.

    The first LLM failure switches the rest of the run to extractive summaries, so a server
    that is down costs one timeout, not one per article.
    """

    def __init__(self, llm: LLMClient | None) -> None:
        self._llm = llm

    @property
    def extractive(self) -> bool:
        """Whether summaries are extractive (made by the analysis workers beforehand)."""
        return self._llm is None

    def __call__(self, title: str, text: str, extractive: ArticleSummary | None = None
                 ) -> SummaryRecord:
        """The LLM's summary, else `extractive` (made here when not given)."""
        if self._llm is not None:
            try:
                summary = summarize_with_llm(self._llm, title, text)
                return SummaryRecord(summary.tldr, summary.points, "llm", utcnow())
            except LLMError as exc:
                log.warning("llm_summary_failed error=%s: extractive from now on", exc)
                self._llm = None
        summary = extractive if extractive is not None else summarize_article(title, text)
        return SummaryRecord(summary.tldr, summary.points, "extractive", utcnow())


def enrich_pending(
    engine: Engine,
    settings: Settings,
    *,
    since: datetime | None = None,
    force: bool = False,
    progress: Progress = no_progress,
    analysers: Analysers | None = None,
) -> EnrichReport:
    """Enrich every article not enriched yet (with `force`, every one), published at or after
    `since`, newest first. Raises `ModelMissingError` (one line) without the spaCy model."""
    with engine.connect() as conn:
        ids = enrichment_store.articles_to_enrich(conn, since=since, force=force)
    return enrich_articles(engine, settings, ids, force=force, progress=progress,
                           analysers=analysers)


def enrich_articles(engine: Engine, settings: Settings, ids: Sequence[int], *,
                    force: bool = False, progress: Progress = no_progress,
                    analysers: Analysers | None = None) -> EnrichReport:
    """Enrich these articles, each claimed first (one not enriched yet, unless `force`).

    `analysers` are the run's (`open_analysers`), kept for its next passes; without them
    this call is the run, and its worker processes end with it."""
    report, owner = EnrichReport(), f"{worker_id()}:{secrets.token_hex(4)}"
    progress(0, len(ids))
    with ExitStack() as run_scope:
        llm = run_scope.enter_context(open_llm(settings))
        if analysers is None:
            analysers = run_scope.enter_context(open_analysers(settings))
        analysers.use(enrich_processes(settings, len(ids)))
        limits = AnalysisLimits(max_sentence_tokens=settings.max_sentence_tokens,
                                seconds=settings.enrich_time_budget)
        run = EnrichRun(Summarizer(llm), TextBound.from_settings(settings), limits, analysers,
                        owner, force)
        batches = (ids[start : start + BATCH_SIZE] for start in range(0, len(ids), BATCH_SIZE))
        _enrich_batches(engine, batches, run, report,
                        lambda: progress(report.enriched + report.failed, len(ids)))
    TALLY.count(engine, "tidings_articles_enriched_total", report.enriched, result="ok")
    TALLY.count(engine, "tidings_articles_enriched_total", report.failed, result="failed")
    TALLY.flush(engine)
    return report


def open_analysers(settings: Settings) -> Analysers:
    """Where a run's batches are analysed (a context manager: its worker processes, once
    started, end with it)."""
    return Analysers(max_sentence_tokens=settings.max_sentence_tokens)


def enrich_processes(settings: Settings, articles: int) -> int:
    """How many worker processes enrich `articles` articles (1: none, inline)."""
    wanted = settings.enrich_processes or (
        default_processes() if articles >= POOL_MIN_ARTICLES else 1)
    return max(1, min(wanted, articles))


@dataclass(frozen=True)
class EnrichRun:
    """What every batch of one run shares: the summarizer, the bounds on the work, where
    batches are analysed and who claims them."""

    summarize: Summarizer
    bound: TextBound
    limits: AnalysisLimits
    analysers: Analysers
    owner: str
    force: bool


@dataclass
class _Batch:
    """A claimed batch, its texts (clipped to the bound) and their analysis under way."""

    ids: list[int]
    texts: list[ArticleText]
    notes: dict[int, str | None]
    analysis: Analysis


def _enrich_batches(engine: Engine, batches: Iterator[Sequence[int]], run: EnrichRun,
                    report: EnrichReport, progress: Callable[[], None]) -> None:
    """Claim and submit batches, `run.analysers.in_flight` ahead of the one being stored; the
    claims still held when it stops (an error it raises) are given back."""
    pending: deque[_Batch] = deque()
    try:
        for ids in batches:
            batch = _claim(engine, ids, run)
            if batch is not None:
                pending.append(batch)
            while len(pending) >= run.analysers.in_flight:
                _store_batch(engine, pending, run, report)
                progress()
        while pending:
            _store_batch(engine, pending, run, report)
            progress()
    finally:
        with engine.begin() as conn:
            claims.release_claims(conn, [i for b in pending for i in b.ids], owner=run.owner)


def _claim(engine: Engine, ids: Sequence[int], run: EnrichRun) -> _Batch | None:
    """Claim these articles and submit those claimed for analysis; None when none was."""
    with engine.begin() as conn:
        mine = claims.claim_articles(conn, ids, owner=run.owner, now=utcnow(),
                                     lease_seconds=LEASE_SECONDS, force=run.force)
    if not mine:
        return None
    with engine.connect() as conn:
        whole = enrichment_store.texts_by_id(conn, mine)
    notes = {t.id: run.bound.note(t.text) for t in whole}
    texts = [replace(t, text=run.bound.clip(t.text)) for t in whole]
    return _Batch(mine, texts, notes, _submit(texts, run))


def _submit(texts: Sequence[ArticleText], run: EnrichRun) -> Analysis:
    extractive = run.summarize.extractive
    items = [BatchArticle(t.title, t.text, t.published_at,
                          summarize=extractive and not t.headline_only) for t in texts]
    return run.analysers.submit(items, run.limits)


def _store_batch(engine: Engine, pending: deque[_Batch], run: EnrichRun,
                 report: EnrichReport) -> None:
    """Store the first pending batch once analysed; then give back the claims it still holds
    (those of articles whose result was dropped), and keep those of articles a worker died
    on. Raises `ModelMissingError`."""
    batch = pending[0]
    try:
        results: list[AnalysedArticle | None] = list(batch.analysis.result())
    except BrokenProcessPool:
        log.warning("enrich_worker_died articles=%s: analysing them one at a time", batch.ids)
        results = _one_at_a_time(batch, run)
    keys = {k for r in results if r is not None and r.analysis is not None
            for e in r.analysis.entities for k in mention_keys(e)}
    with engine.connect() as conn:
        index = EntityIndex(entity_candidates(conn, keys))
    renewed = [i for b in pending for i in b.ids]
    stored: set[str] = set()
    for article, result in zip(batch.texts, results, strict=True):
        if result is None:
            report.errors.append(f"article {article.id}: {LEFT_CLAIMED}")
            continue
        stored.update(_store_article(engine, article, result, index, batch.notes[article.id],
                                     run, report, renewed))
    pending.popleft()
    left = {a.id for a, r in zip(batch.texts, results, strict=True) if r is None}
    with engine.begin() as conn:
        claims.release_claims(conn, [i for i in batch.ids if i not in left], owner=run.owner)
    _merge_duplicates(engine, stored, report)


def _merge_duplicates(engine: Engine, keys: set[str], report: EnrichReport) -> None:
    """Fold the batch's people that the coverage shows to be another into them (bounded
    work: `entity_merging.PER_BATCH`); a failure costs only the merges, never the batch."""
    try:
        report.merged += len(merge_after_batch(engine, sorted(keys)).merged)
    except Exception:  # the batch is stored: the next pass or doctor --repair merges them
        log.exception("entity_merge_failed")


def _one_at_a_time(batch: _Batch, run: EnrichRun) -> list[AnalysedArticle | None]:
    """Analyse a batch whose worker died again, one article at a time, so only the article
    a worker dies on is lost to this run (None)."""
    run.analysers.restart(batch.analysis.generation)
    results: list[AnalysedArticle | None] = []
    for text in batch.texts:
        analysis = _submit([text], run)
        try:
            [result] = analysis.result()
        except BrokenProcessPool:
            log.warning("enrich_worker_died article_id=%s: left claimed", text.id)
            run.analysers.restart(analysis.generation)
            results.append(None)
            continue
        results.append(result)
    return results


def _store_article(engine: Engine, article: ArticleText, result: AnalysedArticle,
                   index: EntityIndex, note: str | None, run: EnrichRun, report: EnrichReport,
                   renewed: Sequence[int]) -> tuple[str, ...]:
    """Store one article's analysis (renewing the run's claims `renewed`), or its failure;
    the keys of the entities stored."""
    if result.analysis is None:
        _record_failure(engine, article.id, result.failure or "analysis failed", report,
                        run.owner)
        return ()
    try:
        enrichment = new_enrichment(article, result.analysis, index, run.summarize, note,
                                    result.summary)
        with engine.begin() as conn:
            if not claims.finish_claim(conn, article.id, owner=run.owner):
                log.warning("enrich_claim_lost article_id=%s: another worker has it",
                            article.id)
                return ()
            now = utcnow()
            enrichment_store.save_enrichment(conn, enrichment, now=now)
            claims.renew_claims(conn, renewed, owner=run.owner, now=now,
                                lease_seconds=LEASE_SECONDS)
    except Exception as exc:  # one bad article must never stop the others
        log.exception("enrich_store_failed article_id=%s", article.id)
        _record_failure(engine, article.id, one_line(exc), report, run.owner)
        return ()
    index.add(enrichment.entities)
    report.enriched += 1
    if enrichment.note:
        report.notes.append(f"article {article.id}: {enrichment.note}")
    return tuple(m.key for m in enrichment.entities)


def new_enrichment(article: ArticleText, analysis: ArticleAnalysis, index: EntityIndex,
                   summarize: Summarizer, note: str | None, extractive: ArticleSummary | None
                   ) -> NewEnrichment:
    """What to store of an article's analysis: its entities resolved against `index`, their
    roles, events and quotes by entity key, its summary (`extractive`, made by the analysis,
    unless `summarize` has an LLM)."""
    pairs = [(e, m) for e, m in zip(analysis.entities, index.mentions(analysis), strict=True)
             if not (article.headline_only and _unconfirmed(m))]
    # A person the coverage knows as a place or organisation keeps no role, event or quote.
    key_of = {e.name: m.key for e, m in pairs if m.type == "PERSON" or e.type != "PERSON"}
    return NewEnrichment(
        article_id=article.id,
        entities=tuple(m for _, m in pairs),
        roles=tuple(
            (key_of[r.person], RoleRecord(r.role, article.id, r.sentence_index, r.sentence,
                                          article.sort_at))
            for r in analysis.roles if r.person in key_of
        ),
        events=tuple(
            (key_of.get(e.person), EventRecord(e.type, e.role, e.date, article.id,
                                                     e.sentence_index, e.sentence))
            for e in analysis.events
        ),
        quotes=tuple(
            (key_of.get(q.speaker or ""), QuoteRecord(q.text, q.speaker, q.speaker_role, None,
                                                      article.id, q.sentence_index))
            for q in analysis.quotes
        ),
        summary=None if article.headline_only
        else summarize(article.title, article.text, extractive),
        note=note,
    )


def _unconfirmed(mention: EntityMention) -> bool:
    """A one-word person of a headline that no known full name claims ("Westeros", "Miley"):
    a headline gives NER too little context to be trusted with it."""
    return mention.type == "PERSON" and " " not in mention.name


def _record_failure(engine: Engine, article_id: int, error: str, report: EnrichReport,
                    owner: str) -> None:
    log.warning("enrich_failed article_id=%s error=%s", article_id, error)
    with engine.begin() as conn:
        if not claims.finish_claim(conn, article_id, owner=owner):
            return
        enrichment_store.record_run(conn, article_id, now=utcnow(), error=error)
    report.failed += 1
    report.errors.append(f"article {article_id}: {error}")


__all__ = ["EnrichReport", "ModelMissingError", "Summarizer", "enrich_articles", "enrich_pending",
           "enrich_processes", "new_enrichment"]
