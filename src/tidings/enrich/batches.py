"""One batch of articles analysed in one process: the unit of work of enrichment's workers.

`analyse_batch` runs the who's-who analysis (`analysis.analyse_many`, one `nlp.pipe`) over a
batch and, for the articles that ask for it, the extractive summary, so a worker process
returns everything that needs CPU and the process that stores it only writes. Its results are
plain picklable values: a failed article carries its one-line reason, never the exception.
`prepare_worker` readies a worker process (the model loaded once).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from tidings.enrich.analysis import analyse, analyse_many
from tidings.enrich.errors import ModelMissingError
from tidings.enrich.limits import AnalysisLimits
from tidings.enrich.nlp import load_nlp
from tidings.enrich.results import ArticleAnalysis
from tidings.enrich.summaries import ArticleSummary, summarize_article

WORKER_NICENESS = 5
"""How much lower a worker process runs than the process that started it: on a small machine
the reader's requests get the cores first."""


@dataclass(frozen=True)
class BatchArticle:
    """One article to analyse."""

    title: str
    text: str
    published_at: datetime | None
    summarize: bool = False
    """Also make its extractive summary."""


@dataclass(frozen=True)
class AnalysedArticle:
    """An article's analysis, or why it failed; its extractive summary when asked for."""

    analysis: ArticleAnalysis | None
    failure: str | None = None
    """One line (the exception's message, or its type when it has none)."""
    summary: ArticleSummary | None = None


def analyse_batch(articles: Sequence[BatchArticle], limits: AnalysisLimits
                  ) -> list[AnalysedArticle]:
    """Results in input order. When the batch breaks, the rest is analysed one by one, so only
    the article at fault gets its error; an article past its time budget fails with
    `OverBudget`'s message. Raises `ModelMissingError` without the model."""
    results: list[AnalysedArticle] = []
    try:
        inputs = [(a.title, a.text, a.published_at) for a in articles]
        for article, outcome in zip(articles, analyse_many(inputs, limits=limits), strict=False):
            results.append(_result(article, outcome))
    except ModelMissingError:
        raise
    except Exception:
        for article in articles[len(results):]:
            try:
                results.append(_result(article, analyse(article.title, article.text,
                                                        article.published_at, limits)))
            except ModelMissingError:
                raise
            except Exception as exc:
                results.append(AnalysedArticle(None, failure=_one_line(exc)))
    return results


def prepare_worker(max_sentence_tokens: int) -> None:
    """Initialise a worker process: lower its priority, load the model once. A missing model
    is left for `analyse_batch` to report."""
    with contextlib.suppress(OSError):
        os.nice(WORKER_NICENESS)
    with contextlib.suppress(ModelMissingError):
        load_nlp(max_sentence_tokens)


def _one_line(exc: BaseException) -> str:
    """An exception as one line: its message, or its type when it has none."""
    text = " ".join(str(exc).split())
    return text or type(exc).__name__


def _result(article: BatchArticle, outcome: ArticleAnalysis | Exception) -> AnalysedArticle:
    if isinstance(outcome, Exception):
        return AnalysedArticle(None, failure=_one_line(outcome))
    summary = summarize_article(article.title, article.text) if article.summarize else None
    return AnalysedArticle(outcome, summary=summary)
