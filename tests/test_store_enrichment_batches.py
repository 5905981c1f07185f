"""`save_enrichments` stores a batch of articles' enrichment as `save_enrichment` stores each
(a bulk load's write path), leaving the entities' article counts to one `recount_entities`."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine, func, select

from tidings.model import EventRecord, NewArticle, QuoteRecord, RoleRecord, SummaryRecord
from tidings.store.articles import save_article
from tidings.store.enrichment import NewEnrichment, save_enrichment, save_enrichments
from tidings.store.entities import EntityMention, recount_entities
from tidings.store.schema import (
    article_entities,
    enrichment_runs,
    entities,
    entity_events,
    entity_roles,
    quotes,
    summaries,
)

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)
TABLES = (article_entities, entity_roles, entity_events, quotes, summaries, enrichment_runs)


def _articles(engine: Engine, count: int) -> list[int]:
    with engine.begin() as conn:
        return [save_article(conn, NewArticle(
            url=f"https://wire.example/{n}", title=f"Mayor Ada Okafor opens dam {n}",
            text=f"Mayor Ada Okafor opened the dam {n}.", source="Wire", published_at=NOW),
            now=NOW).article_id for n in range(count)]


def _person(name: str) -> EntityMention:
    key = f"person:{name.lower()}"
    return EntityMention(key=key, name=name, type="PERSON", names=(name,), lookup_keys=(key,),
                         mentions=2, role="mayor")


def _enrichment(article_id: int, *people: str, summary: bool = True) -> NewEnrichment:
    mentions = tuple(_person(p) for p in people)
    return NewEnrichment(
        article_id=article_id, entities=mentions,
        roles=tuple((m.key, RoleRecord("mayor", article_id, 1, "Mayor opened it.", NOW))
                    for m in mentions),
        events=tuple((m.key, EventRecord("elected", "mayor", None, article_id, 1, "Elected."))
                     for m in mentions),
        quotes=tuple((m.key, QuoteRecord("It is open.", m.name, "mayor", None, article_id, 2))
                     for m in mentions),
        summary=SummaryRecord("The dam opened.", ("It opened.",), "extractive", NOW)
        if summary else None)


def _rows(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        counts = {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                  for t in TABLES}
        counts.update({f"count:{name}": n for name, n in conn.execute(
            select(entities.c.name, entities.c.article_count))})
    return counts


def test_a_batch_stores_what_one_at_a_time_stores(engine: Engine) -> None:
    first, second, third = _articles(engine, 3)
    batch = [_enrichment(first, "Ada Okafor", "Jonas Byrne"),
             _enrichment(second, "Ada Okafor"), _enrichment(third, "Ada Okafor", summary=False)]
    with engine.begin() as conn:
        for one in batch:
            save_enrichment(conn, one, now=NOW)
    one_at_a_time = _rows(engine)
    with engine.begin() as conn:  # stored again, as a batch: replaced, not added to
        touched = save_enrichments(conn, batch, now=NOW)
        recount_entities(conn, touched)
    assert _rows(engine) == one_at_a_time
    assert one_at_a_time["count:Ada Okafor"] == 3
    assert one_at_a_time["count:Jonas Byrne"] == 1
    assert one_at_a_time["summaries"] == 2
    assert one_at_a_time["enrichment_runs"] == 3


def test_the_counts_wait_for_the_recount_and_a_dropped_entity_goes(engine: Engine) -> None:
    first, second = _articles(engine, 2)
    with engine.begin() as conn:
        recount_entities(conn, save_enrichments(
            conn, [_enrichment(first, "Ada Okafor", "Jonas Byrne"),
                   _enrichment(second, "Ada Okafor")], now=NOW))
    with engine.begin() as conn:
        touched = save_enrichments(conn, [_enrichment(first, "Ada Okafor")], now=NOW)
    assert _rows(engine)["count:Jonas Byrne"] == 1  # not refreshed yet
    with engine.begin() as conn:
        recount_entities(conn, touched)
    rows = _rows(engine)
    assert "count:Jonas Byrne" not in rows
    assert rows["count:Ada Okafor"] == 2
    assert rows["article_entities"] == 2


def test_an_empty_batch_writes_nothing(engine: Engine) -> None:
    with engine.begin() as conn:
        assert save_enrichments(conn, [], now=NOW) == []
    assert set(_rows(engine).values()) == {0}
