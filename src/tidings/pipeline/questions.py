"""Questions asked of the stored coverage: answers with citations, story summaries, who's who."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Engine, exc

from tidings.enrich.ask import Answer, answer, passages_of
from tidings.enrich.llm import LLMClient
from tidings.enrich.names import fold
from tidings.enrich.summaries import (
    STORY_ARTICLES,
    StoryArticleText,
    StoryPoint,
    StorySummary,
    summarize_story,
)
from tidings.model import EntityRef, StoryMember
from tidings.pipeline.common import utcnow
from tidings.store import enrichment as enrichment_store
from tidings.store import entities as entity_store
from tidings.store import stories as story_store
from tidings.store import story_summaries
from tidings.store.enrichment import ArticleText

log = logging.getLogger(__name__)


class NotFoundError(LookupError):
    """No such article or story; `str()` is one line for a person."""


def ask(
    engine: Engine,
    question: str,
    *,
    article_id: int | None = None,
    story_id: int | None = None,
    llm: LLMClient | None = None,
) -> Answer:
    """Answer `question` from one article, or from every article of a story, citing the
    sentences used (`passages_of` numbering), or say "I don't know".

    Give exactly one of `article_id` and `story_id`; NotFoundError when it does not exist.
    """
    if (article_id is None) == (story_id is None):
        raise ValueError("give either an article id or a story id")
    texts = _texts(engine, article_id=article_id, story_id=story_id)
    passages = [p for t in texts for p in passages_of(t.id, t.text)]
    return answer(question, passages, llm=llm)


def summarize_story_for(engine: Engine, story_id: int, *,
                        members: Sequence[StoryMember] | None = None) -> StorySummary:
    """The story's key facts across its articles, each citing article and sentence; made once
    and kept with the story until its articles change (one joins or leaves, a headline-only
    one gets its text). Pass the story's `members` when they are at hand (oldest first, as
    `story_members` gives them). NotFoundError when the story has no article."""
    with engine.connect() as conn:
        if members is None:
            members = story_store.story_members(conn, story_id)
        kept = story_summaries.kept_summary(conn, story_id)
    fingerprint = _fingerprint(members)
    if kept is not None and kept.members == fingerprint:
        return _summary_from(kept.summary)
    texts = _texts_of_story(engine, story_id)
    if not texts:
        raise NotFoundError(f"no story {story_id}")
    summary = summarize_story(texts)
    _keep(engine, story_id, fingerprint, summary)
    return summary


def refresh_story_summary(engine: Engine, story_id: int) -> None:
    """Make the story's summary again when its articles changed since it was kept, and mark
    it current either way (`story_summaries.changed_story_ids` no longer lists it): the
    clustering follow-up does this, so that no reader's request makes one. A story left
    with no article keeps an empty summary."""
    with engine.connect() as conn:
        members = story_store.story_members(conn, story_id)
        kept = story_summaries.kept_summary(conn, story_id)
    fingerprint = _fingerprint(members)
    if kept is not None and kept.members == fingerprint:
        summary = _summary_from(kept.summary)
    else:
        summary = summarize_story(_texts_of_story(engine, story_id))
    _keep(engine, story_id, fingerprint, summary)


def kept_story_summary(engine: Engine, story_id: int) -> StorySummary | None:
    """The story's summary as last kept (None before the clustering follow-up made one): what
    a reader's page shows, read and never made there. It may be of the story as it was a
    moment ago: its points cite articles that may have left the story since."""
    with engine.connect() as conn:
        kept = story_summaries.kept_summary(conn, story_id)
    return _summary_from(kept.summary) if kept is not None else None


def _texts_of_story(engine: Engine, story_id: int) -> list[StoryArticleText]:
    """What a story summary is made from: its first `STORY_ARTICLES` articles."""
    with engine.connect() as conn:
        texts = enrichment_store.texts_of_story(conn, story_id, limit=STORY_ARTICLES)
    return [StoryArticleText(t.id, t.title, t.text) for t in texts]


def _keep(engine: Engine, story_id: int, fingerprint: str, summary: StorySummary) -> None:
    try:
        with engine.begin() as conn:
            story_summaries.keep_summary(conn, story_id, members=fingerprint,
                                         summary=_summary_record(summary), now=utcnow())
    except (exc.OperationalError, exc.IntegrityError) as error:  # locked, read-only, gone
        log.warning("story_summary_not_kept story_id=%s error=%s", story_id,
                    str(error).splitlines()[0])


SUMMARY_VERSION = 1
"""Part of every kept summary's fingerprint: raise it when `summarize_story` changes what it
makes: each story is summarised again when its articles next change or a digest asks for
it."""


def _fingerprint(members: Sequence[StoryMember]) -> str:
    """What a story summary is made from, in 32 characters: the articles in order, and which
    are headlines alone (one is given its full text in place, keeping its id)."""
    digest = hashlib.blake2b(f"v{SUMMARY_VERSION}".encode(), digest_size=16)
    for member in members:
        digest.update(f";{member.id}{'h' if member.headline_only else ''}".encode())
    return digest.hexdigest()


def _summary_record(summary: StorySummary) -> dict[str, Any]:
    points = [summary.tldr, *summary.points] if summary.tldr else []
    return {"points": [{"text": p.text, "article_id": p.article_id,
                        "sentence_index": p.sentence_index,
                        "corroborated_by": list(p.corroborated_by)} for p in points]}


def _summary_from(record: dict[str, Any]) -> StorySummary:
    points = [StoryPoint(p["text"], p["article_id"], p["sentence_index"],
                         tuple(p["corroborated_by"])) for p in record["points"]]
    return StorySummary(points[0] if points else None, tuple(points[1:]))


def find_entities(engine: Engine, query: str, *, limit: int = 20) -> list[EntityRef]:
    """Entities with a name or alias having a word that starts with `query`, the most
    covered first; the most covered of all for a blank query."""
    folded = fold(query)
    with engine.connect() as conn:
        if not folded:
            return entity_store.top_entities(conn, limit=limit)
        return entity_store.search_entities(conn, folded, limit=limit)


def _texts(engine: Engine, *, article_id: int | None = None, story_id: int | None = None
           ) -> list[ArticleText]:
    with engine.connect() as conn:
        if story_id is not None:
            texts = enrichment_store.texts_of_story(conn, story_id)
        else:
            texts = enrichment_store.texts_by_id(conn, [article_id or 0])
    if not texts:
        what = f"story {story_id}" if story_id is not None else f"article {article_id}"
        raise NotFoundError(f"no {what}")
    return texts


__all__ = ["Answer", "NotFoundError", "ask", "find_entities", "kept_story_summary",
           "refresh_story_summary", "summarize_story_for"]
