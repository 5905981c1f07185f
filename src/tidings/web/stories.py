"""Story pages: full coverage of one event across outlets, and the list of stories."""

from __future__ import annotations

import math

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tidings import perspective
from tidings.access.policy import Access, allow
from tidings.ids import RowId
from tidings.pipeline import shown_roles
from tidings.store import coverage
from tidings.store import entities as entity_store
from tidings.store import stories as story_store
from tidings.web import charts, intel
from tidings.web.routes import (
    PageNumber,
    Question,
    make_pager,
    render,
    render_error,
)
from tidings.web.state import engine_of, settings_of

ANYONE = [allow(Access.ANONYMOUS)]
router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


@router.get("/stories", dependencies=ANYONE)
def stories_page(request: Request, page: int = PageNumber) -> HTMLResponse:
    size = settings_of(request).page_size
    with engine_of(request).connect() as conn:
        total = story_store.count_stories(conn, min_articles=2)
        found = story_store.list_stories(conn, limit=size, offset=(page - 1) * size,
                                         min_articles=2)
    pages = max(1, math.ceil(total / size))
    return render(request, "stories.html", nav="stories", stories=found, total=total,
                  paging=make_pager("/stories", page, has_more=page < pages, pages=pages))


@router.get("/stories/{story_id}", response_model=None, dependencies=ANYONE)
def story_page(request: Request, story_id: RowId, question: str = Question) -> Response:
    with engine_of(request).connect() as conn:
        current = story_store.resolve_story_id(conn, story_id)
        if current != story_id:
            return RedirectResponse(f"/stories/{current}", status_code=301)
        story = story_store.get_story(conn, story_id)
        members = story_store.story_members(conn, story_id) if story else []
        people = shown_roles.story_people(conn, story_id, limit=intel.PEOPLE) if members else []
        said = entity_store.story_quotes(conn, story_id) if members else []
        said = shown_roles.spelled_quotes(conn, said)
    if story is None or not members:
        return render_error(request, 404, "Story not found", "There is no story with that number.")
    engine = engine_of(request)
    by_id = {a.id: a for a in members}
    table = perspective.load_table(settings_of(request).outlet_countries)
    first = min(members, key=coverage.article_time)
    return render(
        request, "story.html", nav="stories", story=story, first=first,
        perspective=perspective.perspective(
            [a for a in members if a.duplicate_of is None] or members, table),
        chart=charts.chart_svg([coverage.article_time(a) for a in members]),
        summary=intel.story_summary(engine, story_id, members),
        people=intel.people_groups(people),
        quotes=intel.quote_items(said, by_id, limit=intel.STORY_QUOTES),
        question=question,
        answer=intel.ask_about(engine, settings_of(request), question, story_id=story_id,
                               use_llm=intel.llm_allowed(request, question)),
        ask_scope="story",
    )
