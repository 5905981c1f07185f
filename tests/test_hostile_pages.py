"""Pages of hostile markup are fetched, stored and analysed within bounds, never for ever.

`tidings fetch` of two XSS-payload pages (569 KB and 23 KB, see `xss_pages`) used to run past
300 s at 1 GB: quotations were found by rebuilding the whole text once per quotation mark.
Now the analysing stages read a bounded text, with a note; an article over the time budget is
skipped with its reason; text shapes that made regexes backtrack are linear.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import pytest
from sqlalchemy import Engine, select
from typer.testing import CliRunner

from tidings.cli import app
from tidings.enrich import AnalysisLimits, OverBudget, analyse
from tidings.enrich.ask import _cited_numbers
from tidings.enrich.markup import strip_wiki_markup
from tidings.enrich.sentences import split_sentences
from tidings.enrich.summaries import summarize_article
from tidings.extract.images import split_credit
from tidings.extract.metadata import split_authors
from tidings.pipeline.bounds import TextBound
from tidings.store import articles as article_store
from tidings.store import enrichment as enrichment_store
from tidings.store.schema import enrichment_runs
from xss_pages import xss_page

T = TypeVar("T")
NO_HANG = 240.0
"""Seconds a test waits before calling it a hang (the whole fetch takes a few here)."""


def within(seconds: float, work: Callable[[], T]) -> T:
    """`work()`, failing the test when it has not finished after `seconds`."""
    pool = ThreadPoolExecutor(1)
    try:
        return pool.submit(work).result(timeout=seconds)
    finally:
        pool.shutdown(wait=False)


@pytest.fixture
def hostile_urls(site) -> list[str]:
    for name, size, seed in (("big", 569_000, 8), ("small", 23_000, 9)):
        site.add(f"/hostile/xss-{name}.html", xss_page(size, seed))
    return [site.url_for("/hostile/xss-big.html"), site.url_for("/hostile/xss-small.html")]


def fetch(engine: Engine, monkeypatch: pytest.MonkeyPatch, urls: list[str], **env: str):
    for name, value in {"DATABASE_URL": engine.url.render_as_string(False),
                        "ALLOW_PRIVATE_ADDRESSES": "true", "PER_HOST_DELAY": "0",
                        "MAX_RETRIES": "0", **env}.items():
        monkeypatch.setenv(f"TIDINGS_{name}", value)
    result = within(NO_HANG, lambda: CliRunner().invoke(app, ["fetch", *urls]))
    assert result.exit_code == 0, result.output
    return result


def runs(engine: Engine) -> dict[int, tuple[str | None, str | None]]:
    with engine.connect() as conn:
        rows = conn.execute(select(enrichment_runs.c.article_id, enrichment_runs.c.error,
                                   enrichment_runs.c.note))
        return {row.article_id: (row.error, row.note) for row in rows}


def test_xss_pages_are_stored_and_enriched_within_the_bound(
        engine: Engine, monkeypatch: pytest.MonkeyPatch, hostile_urls: list[str]) -> None:
    result = fetch(engine, monkeypatch, hostile_urls, MAX_ARTICLE_CHARS="20000")
    assert result.output.count("(new)") == 2
    with engine.connect() as conn:
        stored = {a.url: a for a in article_store.list_articles(conn, limit=10)}
        big = stored[hostile_urls[0]]
        small = stored[hostile_urls[1]]
        summary = enrichment_store.article_enrichment(conn, big.id).summary
    assert len(big.text) > 100_000  # stored whole, analysed in part
    error, note = runs(engine)[big.id]
    assert error is None and note is not None and note.startswith("text too long")
    assert f"of {len(big.text):,} characters" in note and note in result.output
    assert runs(engine)[small.id] == (None, None)
    assert summary is not None and len(summary.tldr) < 2000


def test_an_article_past_its_time_budget_is_skipped_with_the_reason(
        engine: Engine, monkeypatch: pytest.MonkeyPatch, hostile_urls: list[str]) -> None:
    result = fetch(engine, monkeypatch, hostile_urls, MAX_ARTICLE_CHARS="20000",
                   ENRICH_TIME_BUDGET="0.000001")
    assert result.output.count("(new)") == 2
    recorded = runs(engine)
    assert len(recorded) == 2
    for error, note in recorded.values():
        assert error == "analysis ran past its 1e-06 s budget" and note is None
    assert result.output.count("budget") == 2
    with engine.connect() as conn:
        assert len(article_store.list_articles(conn, limit=10)) == 2


def test_text_bound_cuts_at_a_paragraph_and_says_what_it_left_out() -> None:
    bound = TextBound(1000)
    text = "\n\n".join(f"Paragraph {n} " + " ".join(["word"] * 30) for n in range(100))
    clipped = bound.clip(text)
    assert len(clipped) <= 1000 and text.startswith(clipped)
    assert text[len(clipped):].startswith("\n\nParagraph")
    assert bound.note(text) == f"text too long: analysed the first {len(clipped):,} of " \
                               f"{len(text):,} characters"
    assert bound.clip("short") == "short" and bound.note("short") is None
    assert bound.clip("x" * 5000) == "x" * 1000  # no break anywhere: a hard cut


def test_unpunctuated_text_is_parsed_in_bounded_sentences() -> None:
    analysis = analyse("", "payload alert " * 600, None, AnalysisLimits(max_sentence_tokens=50))
    assert len(analysis.sentences) >= 24
    assert max(len(s.split()) for s in analysis.sentences) <= 50


def test_rules_give_up_past_the_time_budget() -> None:
    text = 'Ana Ruiz said "the council will vote on the tram line next week" on Monday.'
    with pytest.raises(OverBudget, match="budget"):
        analyse("", text, None, AnalysisLimits(seconds=1e-9))
    assert analyse("", text, None).quotes  # the same text, unbounded in time


@pytest.mark.parametrize("work", [
    lambda: split_sentences("." * 100_000 + " x"),
    lambda: split_sentences(("Xx" * 25 + ". ") * 2000),
    lambda: split_credit("(" + "/" * 100_000),
    lambda: split_authors(["Ana" + " " * 100_000 + "Ruiz"]),
    lambda: summarize_article("A", "AB" + " " * 100_000 + "said the plan works in the city."),
    lambda: _cited_numbers(" " * 100_000 + "x", 3),
    lambda: strip_wiki_markup("{|" * 50_000),
    lambda: strip_wiki_markup("[[" * 50_000),
], ids=["dots", "boundaries", "caption", "byline", "dateline", "citations", "wiki-tables",
        "wiki-links"])
def test_hostile_text_shapes_take_linear_time(work: Callable[[], object]) -> None:
    """Each took 45 s to 11 minutes before (quadratic backtracking or rescans), 0.3 s now."""
    within(20, work)
