"""Who's-who rows for every article of `serve.py`'s synthetic database, written through the
product's own enrichment write path.

Each seed's analyses (`seed_analyses`: whole, and as a headline-only item) are turned once into
what `tidings enrich` would store (`pipeline.enriching.new_enrichment`: entities resolved
against those of the seeds before it, as enriching the demo corpus in order resolves them;
roles, events and quotes by entity key; the extractive summary), then every synthetic article
not enriched yet (`store.enrichment.articles_to_enrich`, newest first) gets its seed's,
`--enrich-batch` articles a transaction (`store.enrichment.save_enrichments`; the batches are
dealt out to `--writers` processes, which take turns at SQLite's write lock, after one
`ensure_entities` of every template's entities, so that two writers never create or rename
the same entities at once): its roles,
events and quotes whose sentence its text kept (a recombined article drops a quarter of its
seed's later paragraphs), role times its own, event dates shifted by its distance from the
seed's analysis time, and its own article id. An article's seed is read off its URL (which
ends in its planned story and member number). Stories are Zipf-sized (`serve.plan`), so an
entity's share of the articles is its seeds' share of the stories' weight: the most named
ones are in several percent of all articles, as a head of state is.

Resumable: each batch marks its articles enriched in its own transaction, and a run enriches
only the articles not marked. Entities' article counts are refreshed once, at the end
(`store.entities.recount_entities` on every entity), when the stored counts no longer add up
to the stored links: counting a much-named entity's articles once per batch costs more than
the batch.
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from sqlalchemy import Engine, func, select

from bulk_writes import bulk_engine, run_writers, written
from seed_analyses import REFERENCE, Seed, SeedAnalysis
from tidings.enrich.batches import AnalysedArticle
from tidings.pipeline.enriching import Summarizer, new_enrichment
from tidings.pipeline.resolving import EntityIndex
from tidings.store.enrichment import (
    ArticleText,
    NewEnrichment,
    articles_to_enrich,
    save_enrichments,
)
from tidings.store.entities import ensure_entities, recount_entities
from tidings.store.schema import article_entities, articles, entities

PLACE = re.compile(r"-(\d+)-(\d+)$")
"""The planned story and member number at the end of a synthetic article's URL."""


@dataclass(frozen=True)
class Template:
    """What is stored for an article of a seed, before it is made the article's own."""

    enrichment: NewEnrichment
    role_sentences: tuple[str, ...]
    event_sentences: tuple[str, ...]


def templates(seeds: Sequence[Seed], analyses: Sequence[SeedAnalysis]
              ) -> list[tuple[Template, Template]]:
    """(whole, headline-only) of every seed, entities resolved in seed order."""
    index = EntityIndex(())
    summarize = Summarizer(None)
    made = []
    for seed, analysed in zip(seeds, analyses, strict=True):
        text = "\n\n".join(seed.paragraphs)
        whole = _template(ArticleText(0, seed.title, text, REFERENCE, REFERENCE),
                          analysed.whole, index, summarize)
        headline = _template(ArticleText(0, seed.title, seed.lead, REFERENCE, REFERENCE, True),
                             analysed.headline, index, summarize)
        made.append((whole, headline))
    return made


def _template(article: ArticleText, analysed: AnalysedArticle, index: EntityIndex,
              summarize: Summarizer) -> Template:
    if analysed.analysis is None:
        empty = NewEnrichment(0, (), (), (), (), None)
        return Template(empty, (), ())
    enrichment = new_enrichment(article, analysed.analysis, index, summarize, None,
                                analysed.summary)
    index.add(enrichment.entities)
    return Template(enrichment, tuple(r.sentence for _, r in enrichment.roles),
                    tuple(e.sentence for _, e in enrichment.events))


def own(template: Template, article_id: int, title: str, text: str, sort_at: datetime
        ) -> NewEnrichment:
    """A seed's enrichment made an article's: what its text kept, at its time."""
    base = template.enrichment

    def kept(sentence: str) -> bool:
        return sentence in text or sentence in title

    shift = sort_at.date() - REFERENCE.date()
    return replace(
        base,
        article_id=article_id,
        roles=tuple((k, replace(r, article_id=article_id, published_at=sort_at))
                    for (k, r), s in zip(base.roles, template.role_sentences, strict=True)
                    if kept(s)),
        events=tuple((k, replace(e, article_id=article_id,
                                 date=None if e.date is None else e.date + shift))
                     for (k, e), s in zip(base.events, template.event_sentences, strict=True)
                     if kept(s)),
        quotes=tuple((k, replace(q, article_id=article_id)) for k, q in base.quotes
                     if q.text in text),
    )


def enrich_synthetic(url: str, story_seeds: Mapping[int, int], seeds: Sequence[Seed],
                     analyses: Sequence[SeedAnalysis], *, batch_size: int, writers: int) -> int:
    """Enrich every article not enriched yet (see the module), batches dealt out to `writers`
    processes, then refresh stale counts; how many articles it enriched."""
    started = time.perf_counter()
    engine = bulk_engine(url)
    with engine.connect() as conn:
        pending = articles_to_enrich(conn, since=None, force=False)
    if pending:
        made = templates(seeds, analyses)
        # Every entity first, so that writers at once never create (or update) the same ones.
        written(engine, lambda conn: ensure_entities(
            conn, [m for pair in made for t in pair for m in t.enrichment.entities],
            now=datetime.now(UTC)))
        print(f"enriching {len(pending)} articles, {writers} writers ({len(made)} seeds' "
              f"templates and their entities in {time.perf_counter() - started:.0f} s)",
              flush=True)
    engine.dispose()
    if pending:
        batches = [pending[first : first + batch_size]
                   for first in range(0, len(pending), batch_size)]
        run_writers(_write_part, [(url, batches[k::writers], story_seeds, made, k)
                                  for k in range(writers)],
                    "an enrichment writer failed (see above)")
    engine = bulk_engine(url)
    recounted = time.perf_counter()
    if _recount_stale(engine):
        print(f"entity article counts refreshed in {time.perf_counter() - recounted:.0f} s",
              flush=True)
    engine.dispose()
    if pending:
        print(f"enriched {len(pending)} articles in {time.perf_counter() - started:.0f} s",
              flush=True)
    return len(pending)


def _write_part(url: str, batches: Sequence[Sequence[int]], story_seeds: Mapping[int, int],
                made: Sequence[tuple[Template, Template]], part: int) -> None:
    """Enrich these batches (a writer process of its own)."""
    engine = bulk_engine(url)
    started, count = time.perf_counter(), 0
    for done, ids in enumerate(batches, start=1):
        _enrich_batch(engine, ids, story_seeds, made)
        count += len(ids)
        if done % 20 == 0 or done == len(batches):
            rate = count / (time.perf_counter() - started)
            print(f"  writer {part}: enriched {count} articles, {rate:.0f}/s", flush=True)
    engine.dispose()


def _enrich_batch(engine: Engine, ids: Sequence[int], story_seeds: Mapping[int, int],
                  made: Sequence[tuple[Template, Template]]) -> None:
    """Enrich these articles in one write transaction (read and made ready before it)."""
    statement = (select(articles.c.id, articles.c.url, articles.c.title, articles.c.text,
                        articles.c.headline_only, articles.c.sort_at)
                 .where(articles.c.id.in_(ids)))
    batch = []
    with engine.connect() as conn:
        rows = conn.execute(statement).all()
    for row in rows:
        place = PLACE.search(row.url)
        if place is None:
            raise SystemExit(f"article {row.id} ({row.url}) is not a synthetic article")
        whole, headline = made[story_seeds[int(place.group(1))]]
        template = headline if row.headline_only else whole
        batch.append(own(template, row.id, row.title, row.text, row.sort_at))
    written(engine, lambda conn: save_enrichments(conn, batch, now=datetime.now(UTC)))


def _recount_stale(engine: Engine) -> bool:
    """Refresh every entity's article count unless they add up to the links; whether it
    did."""
    with engine.connect() as conn:
        links = conn.execute(select(func.count()).select_from(article_entities)).scalar_one()
        counted = conn.execute(select(func.sum(entities.c.article_count))).scalar_one()
        if (counted or 0) == links:
            return False
        ids = list(conn.execute(select(entities.c.id)).scalars())
    with engine.begin() as conn:
        recount_entities(conn, ids)
    return True
