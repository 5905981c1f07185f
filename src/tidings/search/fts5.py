"""Full-text search on SQLite: the FTS5 table ``articles_fts``, ranked by bm25."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    ColumnClause,
    ColumnElement,
    Connection,
    column,
    func,
    literal_column,
    select,
    table,
)

from tidings.model import SearchHit
from tidings.search.query import Term
from tidings.search.snippet import ELLIPSIS, MARK_END, MARK_START, tidy_snippet
from tidings.store.articles import ARTICLE_COLUMNS, to_articles
from tidings.store.schema import articles

WEIGHTS = (10.0, 1.0, 2.0)
"""bm25 weights of the title, text and source columns."""

_fts = table("articles_fts", column("rowid"))
_fts_table: ColumnClause[Any] = literal_column("articles_fts")


def match_expression(terms: Sequence[Term]) -> str:
    """An FTS5 query made only of double-quoted strings (which FTS5 never parses as syntax)."""
    wanted = " ".join(_quoted(term) for term in terms if not term.exclude)
    unwanted = "".join(f" NOT {_quoted(term)}" for term in terms if term.exclude)
    return f"({wanted}){unwanted}"


def search(
    conn: Connection,
    terms: Sequence[Term],
    where: ColumnElement[bool],
    *,
    limit: int,
    offset: int,
) -> list[SearchHit]:
    score = func.bm25(_fts_table, *WEIGHTS)
    snippet = func.snippet(_fts_table, 1, MARK_START, MARK_END, ELLIPSIS, 24)
    statement = (
        select(*ARTICLE_COLUMNS, (-score).label("score"), snippet.label("snippet"))
        .select_from(_fts.join(articles, articles.c.id == _fts.c.rowid))
        .where(_fts_table.op("MATCH")(match_expression(terms)), where)
        .order_by(score, articles.c.sort_at.desc(), articles.c.id.desc())
        .limit(limit)
        .offset(offset)
    )
    rows = list(conn.execute(statement).mappings())
    found = to_articles(conn, rows)
    return [
        SearchHit(article=article, rank=float(row["score"]), snippet=tidy_snippet(row["snippet"]))
        for article, row in zip(found, rows, strict=True)
    ]


def _quoted(term: Term) -> str:
    return '"' + " ".join(term.words) + '"'
