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
from tidings.search import window
from tidings.search.query import Term
from tidings.search.snippet import ELLIPSIS, MARK_END, MARK_START, tidy_snippet
from tidings.search.window import Ranked, ranked_page
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
    """Ranked by bm25 in windows of the newest matches (`search.window`); FTS5 reads its matches
    newest first (by rowid) without ranking the ones a window leaves out."""
    match = _fts_table.op("MATCH")(match_expression(terms))

    def rank(start: int, skip: int, take: int) -> Ranked:
        score = func.bm25(_fts_table, *WEIGHTS)
        newest = (
            select(_fts.c.rowid.label("id"), score.label("score"), articles.c.sort_at)
            .select_from(_fts.join(articles, articles.c.id == _fts.c.rowid))
            .where(match, where)
            .order_by(_fts.c.rowid.desc())
            .limit(window.RANK_WINDOW).offset(start)
            .subquery()
        )
        ranked = (select(newest.c.id, newest.c.score)
                  .order_by(newest.c.score, newest.c.sort_at.desc(), newest.c.id.desc())
                  .limit(take).offset(skip))
        return [(article_id, -score) for article_id, score in conn.execute(ranked)]

    page = ranked_page(rank, limit=limit, offset=offset)
    if not page:
        return []
    ids = [article_id for article_id, _ in page]
    snippet = func.snippet(_fts_table, 1, MARK_START, MARK_END, ELLIPSIS, 24)
    snippets = dict(conn.execute(
        select(_fts.c.rowid, snippet).where(match, _fts.c.rowid.in_(ids))).all())
    rows = conn.execute(select(*ARTICLE_COLUMNS).where(articles.c.id.in_(ids))).mappings()
    found = {article.id: article for article in to_articles(conn, list(rows))}
    return [SearchHit(article=found[article_id], rank=float(rank),
                      snippet=tidy_snippet(snippets.get(article_id)))
            for article_id, rank in page if article_id in found]


def _quoted(term: Term) -> str:
    return '"' + " ".join(term.words) + '"'
