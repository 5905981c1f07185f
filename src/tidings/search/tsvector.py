"""Full-text search on PostgreSQL: the generated ``articles.search_vector`` column."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import (
    ColumnClause,
    ColumnElement,
    Connection,
    and_,
    case,
    func,
    literal_column,
    select,
)
from sqlalchemy.dialects.postgresql import TSVECTOR

from tidings.model import SearchHit
from tidings.search import window
from tidings.search.query import Term
from tidings.search.snippet import ELLIPSIS, MARK_END, MARK_START, tidy_snippet
from tidings.search.window import Ranked, ranked_page
from tidings.store.articles import ARTICLE_COLUMNS, to_articles
from tidings.store.schema import articles

NORMALIZATION = 1
"""ts_rank_cd normalisation: divide by 1 + log(document length)."""
HEADLINE_OPTIONS = (
    f'StartSel="{MARK_START}", StopSel="{MARK_END}", MaxWords=35, MinWords=15, '
    f'MaxFragments=2, FragmentDelimiter=" {ELLIPSIS} "'
)

HEADLINE_OPENINGS = (4000, 16000)
"""Characters of a hit's text its snippet is looked for in, the first then the next: ts_headline
parses all the text it is given, and the best-ranked hits of a common word are the longest
texts (20 of them were 700 KB, 350 ms, at 1M articles). A text with no match in the last is
read whole. At 1M articles a third of the common-word searches had a hit of 32-76,000
characters whose first 4,000 held no match; each had one in its first 12,000 (2-6 ms, not
7-16 ms read whole)."""

_english: ColumnClause[Any] = literal_column("'english'::regconfig")
_vector = literal_column("articles.search_vector", TSVECTOR)
_TEXT_WEIGHT = literal_column("'{b}'")
"""The text's weight in `search_vector` (the title's is A, the source's C)."""


def _opening(chars: int) -> tuple[ColumnElement[bool], ColumnElement[str]]:
    """Whether the text is longer than `chars`, and its first `chars` characters less a word
    cut there (or the last word). One character more is read (substr decompresses a stored text
    only as far as it reads) to tell whether the text is longer."""
    head = func.substr(articles.c.text, 1, chars + 1)
    longer = func.length(head) > chars
    return longer, case((longer, func.regexp_replace(head, r"\S*$", "")), else_=head)


def websearch_text(terms: Sequence[Term]) -> str:
    """Input for websearch_to_tsquery where every term is quoted, so no word is an operator."""
    return " ".join(("-" if t.exclude else "") + '"' + " ".join(t.words) + '"' for t in terms)


@contextmanager
def custom_plans(conn: Connection) -> Iterator[None]:
    """Statements planned for their own parameters in the block (`plan_cache_mode`), then the
    transaction's setting again (on an error the transaction is rolled back, and it with it).

    psycopg prepares a statement run five times in a transaction (a rollback clears them), and
    PostgreSQL then plans it once for any words: as if a word matched 500 articles, so it ranks
    every match (a bitmap scan of the GIN index, then a sort by id) where a common word wants
    the newest matches read backwards by id until the window is full; 130 instead of 28 CPU-ms
    a search of the benchmark's common words at 100,000 articles, in a transaction that runs
    many (the For you page, alert batches and digests match each follow by a search)."""
    previous = conn.execute(select(func.current_setting("plan_cache_mode"), _set_plans(
        "force_custom_plan"))).scalar_one()
    yield
    conn.execute(select(_set_plans(previous)))


def _set_plans(mode: str) -> ColumnElement[str]:
    return func.set_config("plan_cache_mode", mode, True)


def _headline(text: ColumnElement[str], query: ColumnElement[Any]) -> ColumnElement[str]:
    return func.ts_headline(_english, text, query, HEADLINE_OPTIONS)


def search(
    conn: Connection,
    terms: Sequence[Term],
    where: ColumnElement[bool],
    *,
    limit: int,
    offset: int,
) -> list[SearchHit]:
    """Ranked by ts_rank_cd in windows of the newest matches (`search.window`): ranking reads
    a match's whole vector, so only a window's matches are ranked."""
    query = func.websearch_to_tsquery(_english, websearch_text(terms))

    def rank(start: int, skip: int, take: int) -> Ranked:
        # The window's ids alone, then their vectors: carrying the vectors through the window's
        # sort read them for every match looked at (230 ms, 160 ms this way, at 65,000).
        newest = (
            select(articles.c.id)
            .where(_vector.op("@@")(query), where)
            .order_by(articles.c.id.desc())
            .limit(window.RANK_WINDOW).offset(start)
            .subquery()
        )
        score = func.ts_rank_cd(_vector, query, NORMALIZATION)
        ranked = (select(articles.c.id, score)
                  .join_from(newest, articles, articles.c.id == newest.c.id)
                  .order_by(score.desc(), articles.c.sort_at.desc(), articles.c.id.desc())
                  .limit(take).offset(skip))
        return [(article_id, float(score)) for article_id, score in conn.execute(ranked)]

    with custom_plans(conn):
        page = ranked_page(rank, limit=limit, offset=offset)
    if not page:
        return []
    ids = [article_id for article_id, _ in page]
    # A long text whose opening holds no match is read further only when its words match (a
    # title's alone may): else both give the same words, the text's first.
    longer, opening = _opening(HEADLINE_OPENINGS[0])
    read_on = and_(longer, func.ts_filter(_vector, _TEXT_WEIGHT).op("@@")(query))
    rows = list(conn.execute(select(*ARTICLE_COLUMNS, _headline(opening, query).label("snippet"),
                                    read_on.label("read_on"))
                             .where(articles.c.id.in_(ids))).mappings())
    snippets = {row["id"]: row["snippet"] for row in rows}
    unmarked = [row["id"] for row in rows if row["read_on"] and MARK_START not in row["snippet"]]
    snippets.update(_read_on(conn, query, unmarked))
    found = {article.id: article for article in to_articles(conn, rows)}
    return [SearchHit(article=found[article_id], rank=rank,
                      snippet=tidy_snippet(snippets[article_id]))
            for article_id, rank in page if article_id in found]


def _read_on(conn: Connection, query: ColumnElement[Any], ids: list[int]) -> dict[int, str]:
    """Snippets of texts whose first opening held no match: from each next opening, then from
    the whole text, each read only for the texts still unmarked and longer."""
    snippets: dict[int, str] = {}
    for chars in HEADLINE_OPENINGS[1:]:
        if not ids:
            return snippets
        longer, opening = _opening(chars)
        rows = conn.execute(select(articles.c.id, _headline(opening, query), longer)
                            .where(articles.c.id.in_(ids))).all()
        snippets.update((article_id, snippet) for article_id, snippet, _ in rows)
        ids = [article_id for article_id, snippet, more in rows
               if more and MARK_START not in snippet]
    if ids:
        snippets.update(conn.execute(select(articles.c.id, _headline(articles.c.text, query))
                                     .where(articles.c.id.in_(ids))).all())
    return snippets
