"""Questions asked of the stored coverage: answers with citations, story summaries, who's who."""

from __future__ import annotations

from sqlalchemy import Engine

from tidings.enrich.ask import Answer, answer, passages_of
from tidings.enrich.llm import LLMClient
from tidings.enrich.names import fold
from tidings.enrich.summaries import StoryArticleText, StorySummary, summarize_story
from tidings.model import EntityRef
from tidings.store import enrichment as enrichment_store
from tidings.store import entities as entity_store
from tidings.store.enrichment import ArticleText


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


def summarize_story_for(engine: Engine, story_id: int) -> StorySummary:
    """The story's key facts across its articles, each citing article and sentence."""
    texts = _texts(engine, story_id=story_id)
    return summarize_story([StoryArticleText(t.id, t.title, t.text) for t in texts])


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


__all__ = ["Answer", "NotFoundError", "ask", "find_entities", "summarize_story_for"]
