"""The JSON API of the enrichment stage: who's who, and questions about the coverage."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from pydantic import Field

from tidings.access.policy import Access, Caller, allow
from tidings.access.quotas import ask_quota
from tidings.api.auth import engine_of
from tidings.api.enrichment_schemas import (
    AnswerOut,
    AskIn,
    EntityList,
    EntityOut,
    EventOut,
    QuoteOut,
    RoleOut,
)
from tidings.api.responses import BAD_REQUEST, NOT_FOUND
from tidings.api.schemas import ArticleSummary, ErrorOut
from tidings.config import Settings
from tidings.enrich.llm import open_llm
from tidings.ids import RowId
from tidings.model import EntityProfile
from tidings.pipeline import questions
from tidings.store import entities as entity_store
from tidings.store.entity_merges import merged_into

router = APIRouter()
ANYONE = [allow(Access.ANONYMOUS)]


class EntityProfileOut(EntityOut):
    """Who an entity is, every statement citing the article and sentence it comes from."""

    roles: list[RoleOut] = Field(description="Roles articles give them, newest first.")
    events: list[EventOut] = Field(
        description="What happened to them, in date order: the newest 100.")
    quotes: list[QuoteOut] = Field(description="What they said, newest first.")
    articles: list[ArticleSummary] = Field(description="Articles naming them, newest first.")

    @classmethod
    def from_profile(cls, profile: EntityProfile) -> EntityProfileOut:
        return cls(
            **EntityOut.from_ref(profile.entity).model_dump(),
            roles=[RoleOut.from_record(r) for r in profile.roles],
            events=[EventOut.from_record(e) for e in profile.events],
            quotes=[QuoteOut.from_record(q) for q in profile.quotes],
            articles=[ArticleSummary.from_article(a) for a in profile.articles],
        )


@router.get("/entities", response_model=EntityList, tags=["entities"], dependencies=ANYONE)
def search_entities(
    request: Request,
    q: Annotated[str, Query(max_length=200, description="Start of a name or alias word; "
                            "blank for the most covered entities.")] = "",
    limit: Annotated[int, Query(ge=1, le=200, description="Most entities (1 to 200).")] = 20,
) -> EntityList:
    """People, organisations and places by name or alias, the most covered first."""
    found = questions.find_entities(engine_of(request), q, limit=limit)
    return EntityList(query=q, items=[EntityOut.from_ref(e) for e in found])


@router.get("/entities/{entity_id}", response_model=EntityProfileOut, responses=NOT_FOUND,
            tags=["entities"], dependencies=ANYONE)
def get_entity(request: Request, entity_id: RowId) -> EntityProfileOut:
    """Who they are: roles, events, quotes and the articles that name them. The id of an
    entity merged into another gives the other's profile (its `id` says which)."""
    with engine_of(request).connect() as conn:
        profile = entity_store.entity_profile(conn, entity_id)
        moved = merged_into(conn, entity_id) if profile is None else None
        if moved is not None:
            profile = entity_store.entity_profile(conn, moved)
    if profile is None:
        raise HTTPException(404, f"no entity with id {entity_id}")
    return EntityProfileOut.from_profile(profile)


ASK_REFUSALS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorOut, "description": "No API token or session, or a bad token."},
    403: {"model": ErrorOut, "description": "Missing X-CSRF-Token with the session cookie."},
    429: {"model": ErrorOut, "description": "Over TIDINGS_ASKS_PER_HOUR; see Retry-After."},
}


@router.post("/ask", response_model=AnswerOut,
             responses={**BAD_REQUEST, **NOT_FOUND, **ASK_REFUSALS},
             tags=["ask"], dependencies=[allow(Access.READER)])
def ask(request: Request, user: Caller, body: AskIn) -> AnswerOut:
    """Answer a question from one article or a story's articles, citing the sentences used;
    "I don't know." when they do not say. Signed-in readers only, TIDINGS_ASKS_PER_HOUR
    questions an hour each."""
    settings: Settings = request.app.state.settings
    wait = ask_quota(request).take(user.id)
    if wait is not None:
        raise HTTPException(429, f"Too many questions: try again in {wait} s.",
                            headers={"Retry-After": str(wait)})
    try:
        with open_llm(settings) as llm:
            answer = questions.ask(engine_of(request), body.question, article_id=body.article_id,
                                   story_id=body.story_id, llm=llm)
    except questions.NotFoundError as exc:
        raise HTTPException(404, str(exc)) from exc
    return AnswerOut.from_answer(body.question, answer)
