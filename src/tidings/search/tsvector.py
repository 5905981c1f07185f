"""Full-text search on PostgreSQL: the generated ``articles.search_vector`` column."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnClause, ColumnElement, Connection, func, literal_column, select
from sqlalchemy.dialects.postgresql import TSVECTOR

from tidings.model import SearchHit
from tidings.search.query import Term
from tidings.search.snippet import ELLIPSIS, MARK_END, MARK_START, tidy_snippet
from tidings.store.articles import ARTICLE_COLUMNS, to_articles
from tidings.store.schema import articles

NORMALIZATION = 1
"""ts_rank_cd normalisation: divide by 1 + log(document length)."""
HEADLINE_OPTIONS = (
    f'StartSel="{MARK_START}", StopSel="{MARK_END}", MaxWords=35, MinWords=15, '
    f'MaxFragments=2, FragmentDelimiter=" {ELLIPSIS} "'
)

_english: ColumnClause[Any] = literal_column("'english'::regconfig")
_vector = literal_column("articles.search_vector", TSVECTOR)


def websearch_text(terms: Sequence[Term]) -> str:
    """Input for websearch_to_tsquery where every term is quoted, so no word is an operator."""
    return " ".join(("-" if t.exclude else "") + '"' + " ".join(t.words) + '"' for t in terms)


def search(
    conn: Connection,
    terms: Sequence[Term],
    where: ColumnElement[bool],
    *,
    limit: int,
    offset: int,
) -> list[SearchHit]:
    query = func.websearch_to_tsquery(_english, websearch_text(terms))
    score = func.ts_rank_cd(_vector, query, NORMALIZATION)
    page = (
        select(articles.c.id, score.label("score"))
        .where(_vector.op("@@")(query), where)
        .order_by(score.desc(), articles.c.sort_at.desc(), articles.c.id.desc())
        .limit(limit)
        .offset(offset)
        .subquery()
    )
    headline = func.ts_headline(_english, articles.c.text, query, HEADLINE_OPTIONS)
    statement = (
        select(*ARTICLE_COLUMNS, page.c.score, headline.label("snippet"))
        .join_from(page, articles, articles.c.id == page.c.id)
        .order_by(page.c.score.desc(), articles.c.sort_at.desc(), articles.c.id.desc())
    )
    rows = list(conn.execute(statement).mappings())
    found = to_articles(conn, rows)
    return [
        SearchHit(article=article, rank=float(row["score"]), snippet=tidy_snippet(row["snippet"]))
        for article, row in zip(found, rows, strict=True)
    ]
