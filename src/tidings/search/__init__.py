"""Full-text search over stored articles: SQLite FTS5 or PostgreSQL tsvector, one function.

Snippet convention (for the web, API and CLI): ``SearchHit.snippet`` is plain text (not HTML)
on one line, taken from the article text. Each matched word is wrapped in ``MARK_START``
(U+0002) and ``MARK_END`` (U+0003), control characters that never occur in extracted text.
To render it, call ``highlight_html(snippet)``: it HTML-escapes the text and turns the markers
into ``<mark>...</mark>`` (the result is safe to insert as markup). For plain output, drop the
two characters. Omitted text is shown as "…".
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import Connection, and_

from tidings.model import SearchHit
from tidings.search import fts5, tsvector
from tidings.search.query import SearchQueryError, parse_query
from tidings.search.snippet import MARK_END, MARK_START, highlight_html
from tidings.store.articles import article_filter
from tidings.store.schema import articles

__all__ = [
    "MARK_END",
    "MARK_START",
    "SearchQueryError",
    "highlight_html",
    "search_articles",
]


def search_articles(
    conn: Connection,
    query: str,
    *,
    source: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 20,
    offset: int = 0,
    ids: Collection[int] | None = None,
) -> list[SearchHit]:
    """Articles matching ``query``, the best first within windows of the newest matches
    (`search.window`: the first 2,000 results are the best of the newest 2,000 matches);
    English stemming: "elections" finds "election".

    ``query`` is user text: words (all must match), ``"quoted phrases"`` and ``-word`` or
    ``-"a phrase"`` to exclude; every other character is treated as a word separator, so no
    input can break the query syntax. Raises SearchQueryError when no word is left to look for
    (empty text, only punctuation, or only exclusions). ``source`` / ``since`` (inclusive) /
    ``until`` (exclusive) filter as in ``store.articles.list_articles``; ``ids`` keeps only
    those articles (alerts match new articles against followed topics this way).

    ``SearchHit.rank``: higher is better; only comparable within one result list.
    ``SearchHit.snippet``: see the module docstring (``MARK_START``/``MARK_END`` markers,
    ``highlight_html`` to render).
    """
    terms = parse_query(query)
    where = article_filter(source=source, since=since, until=until)
    if ids is not None:
        where = and_(where, articles.c.id.in_(list(ids)))
    if conn.dialect.name == "sqlite":
        return fts5.search(conn, terms, where, limit=limit, offset=offset)
    return tsvector.search(conn, terms, where, limit=limit, offset=offset)
