"""The enrichment stage over stored articles: entities, roles, events, quotes and summaries.

`enrich_pending` analyses the articles not enriched yet, newest first, in batches through
spaCy's `nlp.pipe`, resolves their entities against the stored ones (loading only candidates,
see `resolving`) and replaces each article's rows in its own short transaction. An article
that fails is recorded in `enrichment_runs` with its error and skipped until a forced run.
Each batch is claimed first (`store.enrichment_claims`), so concurrent workers never enrich
the same article, and a worker whose claim was taken over drops its result.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy import Engine

from tidings import enrich  # enrich.analyse*: spaCy loads on first use, not at import
from tidings.config import Settings
from tidings.enrich import AnalysisLimits, ArticleAnalysis, ModelMissingError
from tidings.enrich.llm import LLMClient, LLMError, open_llm
from tidings.enrich.summaries import summarize_article, summarize_with_llm
from tidings.model import EventRecord, QuoteRecord, RoleRecord, SummaryRecord
from tidings.pipeline.bounds import TextBound
from tidings.pipeline.common import Progress, no_progress, one_line, utcnow
from tidings.pipeline.pages import worker_id
from tidings.pipeline.resolving import EntityIndex, mention_keys
from tidings.store import enrichment as enrichment_store
from tidings.store import enrichment_claims as claims
from tidings.store.enrichment import ArticleText, NewEnrichment
from tidings.store.entities import entity_candidates

log = logging.getLogger(__name__)

BATCH_SIZE = 32
"""Articles analysed together by `nlp.pipe` between two rounds of writes."""
LEASE_SECONDS = 600.0
"""How long a worker holds its claimed batch, renewed with every article it stores."""


@dataclass
class EnrichReport:
    """What an enrichment run did: counts, and one line per article that failed."""

    enriched: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """One line per article enriched within bounds: what its analysis left out."""


class Summarizer:
    """Article summaries: the LLM's when one is configured and answers, else extractive.

    The first LLM failure switches the rest of the run to extractive summaries, so a server
    that is down costs one timeout, not one per article.
    """

    def __init__(self, llm: LLMClient | None) -> None:
        self._llm = llm

    def __call__(self, title: str, text: str) -> SummaryRecord:
        if self._llm is not None:
            try:
                summary = summarize_with_llm(self._llm, title, text)
                return SummaryRecord(summary.tldr, summary.points, "llm", utcnow())
            except LLMError as exc:
                log.warning("llm_summary_failed error=%s: extractive from now on", exc)
                self._llm = None
        summary = summarize_article(title, text)
        return SummaryRecord(summary.tldr, summary.points, "extractive", utcnow())


def enrich_pending(
    engine: Engine,
    settings: Settings,
    *,
    since: datetime | None = None,
    force: bool = False,
    progress: Progress = no_progress,
) -> EnrichReport:
    """Enrich every article not enriched yet (with `force`, every one), published at or after
    `since`, newest first. Raises `ModelMissingError` (one line) without the spaCy model."""
    with engine.connect() as conn:
        ids = enrichment_store.articles_to_enrich(conn, since=since, force=force)
    return enrich_articles(engine, settings, ids, force=force, progress=progress)


def enrich_articles(engine: Engine, settings: Settings, ids: Sequence[int], *,
                    force: bool = False, progress: Progress = no_progress) -> EnrichReport:
    """Enrich these articles, each claimed first (one not enriched yet, unless `force`)."""
    report, owner = EnrichReport(), f"{worker_id()}:{secrets.token_hex(4)}"
    progress(0, len(ids))
    with open_llm(settings) as llm:
        limits = AnalysisLimits(max_sentence_tokens=settings.max_sentence_tokens,
                                seconds=settings.enrich_time_budget)
        run = EnrichRun(Summarizer(llm), TextBound.from_settings(settings), limits)
        for start in range(0, len(ids), BATCH_SIZE):
            with engine.begin() as conn:
                mine = claims.claim_articles(conn, ids[start : start + BATCH_SIZE], owner=owner,
                                             now=utcnow(), lease_seconds=LEASE_SECONDS,
                                             force=force)
            enrich_batch(engine, mine, run, report, owner=owner)
            progress(report.enriched + report.failed, len(ids))
    return report


@dataclass(frozen=True)
class EnrichRun:
    """What every batch of one run shares: the summarizer and the bounds on the work."""

    summarize: Summarizer
    bound: TextBound
    limits: AnalysisLimits


def enrich_batch(engine: Engine, ids: Sequence[int], run: EnrichRun,
                 report: EnrichReport, *, owner: str) -> None:
    """Analyse and store one batch of articles claimed by `owner`, each text clipped to the
    run's bound (noted on the article); failures are recorded in `report`. The claims still
    held when it stops (an error it raises) are given back."""
    try:
        _enrich_claimed(engine, ids, run, report, owner)
    finally:
        with engine.begin() as conn:
            claims.release_claims(conn, ids, owner=owner)


def _enrich_claimed(engine: Engine, ids: Sequence[int], run: EnrichRun,
                    report: EnrichReport, owner: str) -> None:
    with engine.connect() as conn:
        whole = enrichment_store.texts_by_id(conn, ids)
    notes = {t.id: run.bound.note(t.text) for t in whole}
    texts = [replace(t, text=run.bound.clip(t.text)) for t in whole]
    analyses = analyse_batch(texts, run.limits)
    keys = {k for a in analyses if isinstance(a, ArticleAnalysis)
            for e in a.entities for k in mention_keys(e)}
    with engine.connect() as conn:
        index = EntityIndex(entity_candidates(conn, keys))
    for article, analysis in zip(texts, analyses, strict=True):
        if isinstance(analysis, Exception):
            _record_failure(engine, article.id, analysis, report, owner)
            continue
        try:
            enrichment = _enrichment(article, analysis, index, run.summarize, notes[article.id])
            with engine.begin() as conn:
                if not claims.finish_claim(conn, article.id, owner=owner):
                    log.warning("enrich_claim_lost article_id=%s: another worker has it",
                                article.id)
                    continue
                now = utcnow()
                enrichment_store.save_enrichment(conn, enrichment, now=now)
                claims.renew_claims(conn, ids, owner=owner, now=now,
                                    lease_seconds=LEASE_SECONDS)
        except Exception as exc:  # one bad article must never stop the others
            log.exception("enrich_store_failed article_id=%s", article.id)
            _record_failure(engine, article.id, exc, report, owner)
            continue
        index.add(enrichment.entities)
        report.enriched += 1
        if enrichment.note:
            report.notes.append(f"article {article.id}: {enrichment.note}")


def analyse_batch(texts: Sequence[ArticleText], limits: AnalysisLimits
                  ) -> list[ArticleAnalysis | Exception]:
    """Analyses in input order, through `nlp.pipe` (`OverBudget` for an article past its
    time budget); when the batch breaks, the rest one by one, so only the article at fault
    gets its error. The model missing is raised."""
    results: list[ArticleAnalysis | Exception] = []
    try:
        results.extend(enrich.analyse_many([(t.title, t.text, t.published_at) for t in texts],
                                           limits=limits))
    except ModelMissingError:
        raise
    except Exception:
        for text in texts[len(results) :]:
            results.append(_analyse_one(text, limits))
    return results


def _analyse_one(text: ArticleText, limits: AnalysisLimits) -> ArticleAnalysis | Exception:
    try:
        return enrich.analyse(text.title, text.text, text.published_at, limits)
    except ModelMissingError:
        raise
    except Exception as exc:
        return exc


def _enrichment(article: ArticleText, analysis: ArticleAnalysis, index: EntityIndex,
                summarize: Summarizer, note: str | None) -> NewEnrichment:
    mentions = index.mentions(analysis)
    # A person the coverage knows as a place or organisation keeps no role, event or quote.
    key_of = {e.name: m.key for e, m in zip(analysis.entities, mentions, strict=True)
              if m.type == "PERSON" or e.type != "PERSON"}
    return NewEnrichment(
        article_id=article.id,
        entities=mentions,
        roles=tuple(
            (key_of[r.person], RoleRecord(r.role, article.id, r.sentence_index, r.sentence,
                                          article.sort_at))
            for r in analysis.roles if r.person in key_of
        ),
        events=tuple(
            (key_of.get(e.person or ""), EventRecord(e.type, e.role, e.date, article.id,
                                                     e.sentence_index, e.sentence))
            for e in analysis.events
        ),
        quotes=tuple(
            (key_of.get(q.speaker or ""), QuoteRecord(q.text, q.speaker, q.speaker_role, None,
                                                      article.id, q.sentence_index))
            for q in analysis.quotes
        ),
        summary=None if article.headline_only else summarize(article.title, article.text),
        note=note,
    )


def _record_failure(engine: Engine, article_id: int, exc: Exception, report: EnrichReport,
                    owner: str) -> None:
    log.warning("enrich_failed article_id=%s error=%s", article_id, one_line(exc))
    with engine.begin() as conn:
        if not claims.finish_claim(conn, article_id, owner=owner):
            return
        enrichment_store.record_run(conn, article_id, now=utcnow(), error=one_line(exc))
    report.failed += 1
    report.errors.append(f"article {article_id}: {one_line(exc)}")


__all__ = ["EnrichReport", "ModelMissingError", "Summarizer", "enrich_articles", "enrich_pending"]
