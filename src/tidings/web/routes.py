"""The reader's pages: latest articles, one article, outlets and search.

Every page is rendered on the server and works with JavaScript off. Article text reaches the
templates as plain strings, so Jinja's autoescaping covers everything from the web.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from tidings.access.policy import Access, allow
from tidings.ids import RowId
from tidings.model import Article, SearchHit, Story
from tidings.pipeline import shown_roles
from tidings.readers import follows
from tidings.search import SearchQueryError, highlight_html, search_articles
from tidings.store import articles as article_store
from tidings.store import coverage
from tidings.store import enrichment as enrichment_store
from tidings.store import stories as story_store
from tidings.web import intel, text, timefmt
from tidings.web.state import engine_of, latest_places, settings_of

PACKAGE_DIR = Path(__file__).parent
STATIC_DIR = PACKAGE_DIR / "static"
templates = Jinja2Templates(directory=PACKAGE_DIR / "templates")
templates.env.auto_reload = False  # they ship with the package: no stat per include
templates.env.filters.update(
    reltime=timefmt.relative_time,
    exacttime=timefmt.exact_time,
    clocktime=timefmt.clock_time,
    isotime=timefmt.iso_time,
    byline=text.byline,
    host=text.host,
    safe_url=text.safe_url,
    image_url=text.image_url,
    source_path=text.source_path,
    linkify=text.linkify,
    articletime=coverage.article_time,
    fragment=intel.fragment_href,
    typename=intel.type_name,
)

ANYONE = [allow(Access.ANONYMOUS)]
router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

PageNumber = Query(1, ge=1, le=1_000_000, description="Page number, from 1.")
Question = Query("", max_length=500, description="A question about the story.")
SEVERAL_OUTLETS_SECONDS = 60.0
"""How long a process takes "several outlets" as known without asking the database again
(a page's cards name their outlet only then)."""
STANDFIRST_WORDS = 60
"""Words of a headline-only article's text shown under its headline (twice as many of its
description): a feed's summary can be a whole article."""


@dataclass(frozen=True)
class Pager:
    """Where "Newer" and "Older" links go on a paged list; None when there is no such page."""

    page: int
    pages: int | None
    newer_url: str | None
    older_url: str | None


def _page_url(path: str, params: dict[str, str], page: int) -> str:
    query = {k: v for k, v in params.items() if v}
    if page > 1:
        query["page"] = str(page)
    return f"{path}?{urlencode(query)}" if query else path


def make_pager(
    path: str,
    page: int,
    *,
    has_more: bool,
    pages: int | None = None,
    params: dict[str, str] | None = None,
) -> Pager:
    params = params or {}
    return Pager(
        page=page,
        pages=pages,
        newer_url=_page_url(path, params, page - 1) if page > 1 else None,
        older_url=_page_url(path, params, page + 1) if has_more else None,
    )


def render(
    request: Request, template: str, /, status_code: int = 200, **context: Any
) -> HTMLResponse:
    """A page from the templates, with the settings (for the notice) always at hand."""
    context.setdefault("q", "")
    context.setdefault("nav", "")
    context["settings"] = settings_of(request)
    context["status_code"] = status_code
    return templates.TemplateResponse(request, template, context, status_code=status_code)


def one_outlet(request: Request) -> bool:
    """Whether every stored article comes from one outlet (then cards do not name it)."""
    if not hasattr(request.state, "one_outlet"):
        request.state.one_outlet = not _several_outlets(request)
    found: bool = request.state.one_outlet
    return found


def _several_outlets(request: Request) -> bool:
    """Whether the articles come from several outlets: asked of the database on every page
    until they do (a second outlet shows at once), then taken as known for a while."""
    state = request.app.state
    if time.monotonic() < getattr(state, "several_outlets_until", 0.0):
        return True
    with engine_of(request).connect() as conn:
        several = article_store.several_sources(conn)
    if several:
        state.several_outlets_until = time.monotonic() + SEVERAL_OUTLETS_SECONDS
    return several


templates.env.globals.update(one_outlet=one_outlet)


def compile_templates() -> None:
    """Compile every template now (about 0.3 s, once a process: Jinja keeps them), so that no
    reader's first request for a page pays for compiling it (the first article page took
    190 ms, the next ones 7)."""
    for name in templates.env.list_templates():
        templates.env.get_template(name)


def render_error(request: Request, status_code: int, title: str, message: str) -> HTMLResponse:
    """The friendly error page (404 and friends)."""
    return render(request, "error.html", status_code=status_code, title=title, message=message)


def card(article: Article, copies: list[Article] | None = None) -> dict[str, Any]:
    """What a list item needs: the article, its display time, excerpt, thumbnail and the
    outlets that published a copy of it."""
    return {
        "article": article,
        "time": article.published_at or article.fetched_at,
        "excerpt": text.excerpt(article.description, article.text),
        "thumb": text.image_url(article.image.url) if article.image else None,
        "also": sorted({c.source for c in copies or [] if c.source != article.source}),
    }


@router.get("/", dependencies=ANYONE)
def latest(request: Request, page: int = PageNumber) -> HTMLResponse:
    size = settings_of(request).page_size
    with engine_of(request).connect() as conn:
        articles = coverage.latest_by_story(conn, limit=size + 1, offset=(page - 1) * size)
        more, articles = len(articles) > size, articles[:size]
        # Only later pages say how many there are: counting is a seek per story.
        total = latest_places(request, conn) if page > 1 else None
        outlets = article_store.list_sources(conn) if articles else []
        top = coverage.top_stories(conn, datetime.now(UTC)) if page == 1 else []
        copies = story_store.duplicates_of(conn, [a.id for a in articles])
        told = story_store.stories_by_id(conn, sorted({a.story_id for a in articles
                                                       if a.story_id}))
    pages = None if total is None else max(page if articles else 1, math.ceil(total / size))
    if page > 1 and not articles:
        return render_error(request, 404, "No such page", f"The latest news has {pages} pages.")
    return render(
        request,
        "index.html",
        nav="latest",
        cards=[{**card(a, copies.get(a.id, [])), "story": told.get(a.story_id or 0)}
               for a in articles],
        top=top,
        outlets=outlets,
        paging=make_pager("/", page, has_more=more, pages=pages),
    )


@router.get("/articles/{article_id}", dependencies=ANYONE)
def article_page(request: Request, article_id: RowId, question: str = Question) -> HTMLResponse:
    with engine_of(request).connect() as conn:
        article = article_store.get_article(conn, article_id, urls=False)  # the page shows none
        if article is None:
            return render_error(
                request, 404, "Article not found", "There is no article with that number."
            )
        related = coverage.related_coverage(conn, article)
        copies = story_store.duplicates_of(conn, [article.id], urls=False).get(article.id, [])
        original = (article_store.articles_by_id(conn, [article.duplicate_of], urls=False,
                                                  texts=False)
                    .get(article.duplicate_of) if article.duplicate_of else None)
        story = story_store.get_story(conn, article.story_id) if article.story_id else None
        enrichment = enrichment_store.article_enrichment(conn, article.id)
        said = shown_roles.spelled_quotes(conn, enrichment.quotes)
    answer = intel.ask_about(engine_of(request), settings_of(request), question, article=article,
                             use_llm=intel.llm_allowed(request, question))
    if getattr(request.state, "user", None):
        follows.mark_read(engine_of(request), request.state.user, article.id)
    image = article.image
    return render(
        request,
        "article.html",
        article=article,
        time=article.published_at or article.fetched_at,
        paragraphs=intel.marked_paragraphs(text.paragraphs(article.text), answer, article.id),
        standfirst=_standfirst(article),
        image=image if image and text.image_url(image.url) else None,
        original_url=text.safe_url(article.url),
        same_story=[card(r.article) for r in related if r.same_story],
        nearby=[card(r.article) for r in related if not r.same_story],
        copies=copies,
        original=original,
        story=story,
        summary=enrichment.summary if enrichment.summary and enrichment.summary.tldr else None,
        people=intel.people_groups(enrichment.entities, headline_only=article.headline_only),
        quotes=intel.quote_items(said, {article.id: article}, limit=8,
                                per_speaker=8),
        question=question,
        answer=answer,
        ask_scope=_ask_scope(article, story),
    )


def _ask_scope(article: Article, story: Story | None) -> str | None:
    """What questions are answered from: the story's coverage, the article, or (a headline
    alone) nothing."""
    if story and story.article_count > 1:
        return "story"
    return None if article.headline_only else "article"


def _standfirst(article: Article) -> str:
    """The description shown under the headline, unless the text starts with it anyway (a
    headline-only article shows its summary here, having no text)."""
    if article.headline_only:
        return text.excerpt(article.description, article.text, words=STANDFIRST_WORDS)
    if not article.description:
        return ""
    standfirst = text.plain_text(article.description)
    opening = " ".join(article.text.split()[: len(standfirst.split())])
    return "" if opening.rstrip(".…") == standfirst.rstrip(".…") else standfirst


@router.get("/sources", dependencies=ANYONE)
def sources(request: Request) -> HTMLResponse:
    with engine_of(request).connect() as conn:
        outlets = article_store.list_sources(conn)
    return render(request, "sources.html", nav="sources", outlets=outlets)


@router.get("/sources/{name:path}", dependencies=ANYONE)
def source_page(request: Request, name: str, page: int = PageNumber) -> HTMLResponse:
    size = settings_of(request).page_size
    with engine_of(request).connect() as conn:
        total = article_store.count_articles(conn, source=name)
        articles = article_store.list_articles(
            conn, limit=size, offset=(page - 1) * size, source=name
        )
    if total == 0 or not articles:
        return render_error(
            request, 404, "Source not found", "No stored article comes from that source."
        )
    pages = max(1, math.ceil(total / size))
    return render(
        request,
        "source.html",
        nav="sources",
        name=name,
        total=total,
        cards=[card(a) for a in articles],
        paging=make_pager(text.source_path(name), page, has_more=page < pages, pages=pages),
    )


def parse_day(value: str) -> datetime | None:
    """Midnight UTC of a YYYY-MM-DD date; None for an empty value; ValueError otherwise."""
    if not value.strip():
        return None
    return datetime.combine(date.fromisoformat(value.strip()), datetime.min.time(), UTC)


@router.get("/search", dependencies=ANYONE)
def search(
    request: Request,
    q: str = Query("", max_length=500),
    source: str = Query("", max_length=500),
    since: str = Query("", max_length=40),
    page: int = PageNumber,
) -> HTMLResponse:
    size = settings_of(request).page_size
    context: dict[str, Any] = {"q": q, "source": source, "since": since, "hits": None}
    error = ""
    try:
        since_at = parse_day(since)
    except ValueError:
        since_at, error = None, "The date must look like 2024-03-31."
    with engine_of(request).connect() as conn:
        context["outlets"] = article_store.list_sources(conn)
        if q.strip() and not error:
            try:
                hits = search_articles(
                    conn, q, source=source or None, since=since_at,
                    limit=size + 1, offset=(page - 1) * size,
                )  # fmt: skip
            except SearchQueryError as exc:
                message = str(exc).strip() or "that search cannot be understood"
                error = message[0].upper() + message[1:].rstrip(".") + "."
            else:
                context["hits"] = [_hit(h) for h in hits[:size]]
                context["first"] = (page - 1) * size + 1
                params = {"q": q, "source": source, "since": since}
                context["paging"] = make_pager(
                    "/search", page, has_more=len(hits) > size, params=params
                )
    return render(request, "search.html", nav="search", error=error, **context)


def _hit(hit: SearchHit) -> dict[str, Any]:
    item = card(hit.article)
    item["snippet"] = Markup(highlight_html(hit.snippet)) if hit.snippet else None
    return item
