"""Who's who: the people, organisations and places in the news, and one entity's page (who
they are, what happened to them, where they appear and who with)."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import replace
from typing import Any, TypeVar

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tidings.access.policy import Access, allow
from tidings.ids import RowId
from tidings.model import Article, EntityProfile, EventRecord, RoleRecord
from tidings.pipeline import questions, shown_roles
from tidings.store import articles as article_store
from tidings.store import entities as entity_store
from tidings.store import stories as story_store
from tidings.store.entity_merges import merged_into
from tidings.web import graph, intel, neighbourhoods
from tidings.web.routes import render, render_error
from tidings.web.state import engine_of

ANYONE = [allow(Access.ANONYMOUS)]

Cited = TypeVar("Cited", RoleRecord, EventRecord)
router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

LISTED = 60


@router.get("/entities", dependencies=ANYONE)
def entities_page(request: Request, q: str = Query("", max_length=200)) -> HTMLResponse:
    found = questions.find_entities(engine_of(request), q, limit=LISTED)
    return render(request, "entities.html", nav="entities", query=q, found=found)


@router.get("/entities/{entity_id}", response_model=None, dependencies=ANYONE)
def entity_page(request: Request, entity_id: RowId) -> Response:
    with engine_of(request).connect() as conn:
        profile = entity_store.entity_profile(conn, entity_id)
        if profile is None:
            moved = merged_into(conn, entity_id)
            if moved is not None:  # merged into another: a bookmark keeps working
                return RedirectResponse(f"/entities/{moved}", status_code=301)
            return render_error(request, 404, "Not found",
                                "There is no person, organisation or place with that number.")
        known = _cited_articles(conn, profile)
        spelling = shown_roles.coverage_spellings(conn, [entity_id]).get(entity_id, {})
        said = shown_roles.spelled_quotes(conn, profile.quotes)
        stories = story_store.stories_by_id(
            conn, sorted({a.story_id for a in profile.articles if a.story_id}))
        hood = neighbourhoods.neighbourhood(request, conn, profile)
    return render(
        request,
        "entity.html",
        nav="entities",
        entity=profile.entity,
        roles=_role_groups(profile.roles, spelling, known),
        events=_event_groups(profile.events, known),
        quotes=intel.quote_items(said, known, limit=6, per_speaker=6),
        items=[{"article": a, "story": stories.get(a.story_id) if a.story_id else None}
               for a in profile.articles],
        hood=hood,
        graph=graph.graph_svg(hood),
    )


def _cited_articles(conn: Any, profile: EntityProfile) -> dict[int, Article]:
    """Every article the page cites, by id (those it only cites without their `urls`: a
    citation shows the outlet and title)."""
    known = {a.id: a for a in profile.articles}
    wanted = {r.article_id for r in profile.roles} | {e.article_id for e in profile.events} | {
        q.article_id for q in profile.quotes}
    known.update(article_store.articles_by_id(conn, sorted(wanted - known.keys()),
                                                 urls=False, texts=False))
    return known


def _event_groups(events: tuple[EventRecord, ...], known: dict[int, Article]
                  ) -> list[dict[str, Any]]:
    """One entry per event (in date order): its first telling of a type on a date (undated:
    in a sentence). Coverage tells an election in every article about it: a head of state's
    newest 100 events were 21 events."""
    return _cited_groups(events, lambda e: (e.type, e.date or e.sentence), known, "event")


def _role_groups(roles: tuple[RoleRecord, ...], spelling: dict[str, str],
                 known: dict[int, Article]) -> list[dict[str, Any]]:
    """One entry per office (latest first) under the spelling its coverage gives it
    (`spelling`)."""
    spelled = [replace(role, role=spelling.get(role.role, role.role)) for role in roles]
    return _cited_groups(spelled, lambda role: role.role, known, "role")


def _cited_groups(items: Sequence[Cited], key_of: Callable[[Cited], Hashable],
                  known: dict[int, Article], name: str) -> list[dict[str, Any]]:
    """One entry per key, in the order of `items`: the first item with it (as `name`), the
    article it cites, and the other articles giving the same ("more")."""
    groups: dict[Hashable, dict[str, Any]] = {}
    for item in items:
        article, key = known.get(item.article_id), key_of(item)
        group = groups.get(key)
        if group is None:
            groups[key] = {name: item, "article": article, "more": []}
        elif article is not None and article not in group["more"] \
                and article is not group["article"]:
            group["more"].append(article)
    return list(groups.values())
