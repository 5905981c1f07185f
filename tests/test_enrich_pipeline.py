"""The enrichment stage over stored articles, on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, insert, select, update

from plugins.enrichment_corpus import ARTICLES, NOW, save_corpus
from tidings.config import Settings
from tidings.enrich.ask import DONT_KNOW
from tidings.pipeline.enriching import enrich_pending
from tidings.pipeline.questions import NotFoundError, ask, find_entities, summarize_story_for
from tidings.store.enrichment import article_enrichment
from tidings.store.entities import entity_profile
from tidings.store.schema import (
    article_entities,
    articles,
    enrichment_runs,
    entities,
    entity_events,
    entity_roles,
    quotes,
    stories,
    summaries,
)


def enrich(engine, settings: Settings | None = None, **options):
    return enrich_pending(engine, settings or Settings(database_url="sqlite://"), **options)


def counts(engine) -> dict[str, int]:
    tables = (entities, article_entities, entity_roles, entity_events, quotes, summaries)
    with engine.connect() as conn:
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                for t in tables}


def test_entities_merge_across_articles_with_cited_roles_events_quotes(engine):
    ids = save_corpus(engine)
    report = enrich(engine)
    assert (report.enriched, report.failed) == (3, 0)

    [ueda] = [e for e in find_entities(engine, "ueda") if e.type == "PERSON"]
    assert ueda.name == "Kazuo Ueda" and "Ueda" in ueda.aliases
    assert ueda.article_count == 3
    with engine.connect() as conn:
        profile = entity_profile(conn, ueda.id)
        first = article_enrichment(conn, ids[0])
        second = article_enrichment(conn, ids[1])
    assert profile is not None
    assert [a.id for a in profile.articles] == ids[::-1]
    assert [r.article_id for r in profile.roles] == ids[::-1]  # newest first
    assert profile.roles[1].role == "Governor"
    assert profile.roles[1].sentence.startswith("Governor Kazuo Ueda of the Bank of Japan")
    assert profile.roles[1].sentence_index == 1  # sentence 0 is the title

    [quote] = first.quotes
    assert (quote.speaker, quote.entity_id) == ("Kazuo Ueda", ueda.id)
    assert quote.text.startswith("We will keep supporting the economy")
    assert first.summary is not None and first.summary.method == "extractive"
    assert first.summary.tldr.startswith("Bank of Japan Governor Kazuo Ueda said")

    kono = next(e for e in second.entities if e.name == "Taro Kono")
    assert (kono.status, kono.role) == ("arrested", "Former finance minister")
    with engine.connect() as conn:
        kono_profile = entity_profile(conn, kono.id)
    assert kono_profile is not None
    [event] = kono_profile.events
    assert (event.type, event.article_id, str(event.date)) == ("arrested", ids[1], "2024-03-04")
    assert "was arrested on Monday" in event.sentence


def test_rerun_is_idempotent_and_force_enriches_again(engine):
    save_corpus(engine)
    enrich(engine)
    before = counts(engine)
    with engine.connect() as conn:
        first_run = dict(conn.execute(select(enrichment_runs.c.article_id,
                                             enrichment_runs.c.enriched_at)).all())

    assert enrich(engine).enriched == 0
    forced = enrich(engine, force=True)
    assert forced.enriched == 3
    assert counts(engine) == before
    with engine.connect() as conn:
        runs = dict(conn.execute(select(enrichment_runs.c.article_id,
                                        enrichment_runs.c.enriched_at)).all())
    assert all(runs[i] > first_run[i] for i in first_run)
    assert enrich(engine, since=datetime(2024, 3, 6, tzinfo=UTC), force=True).enriched == 2


def test_an_article_that_fails_is_recorded_and_the_others_go_on(engine):
    # Past spaCy's max_length (1,000,000 characters), which the bound here lets through.
    huge = replace(ARTICLES[0], url="https://wire.example/huge", text="word " * 250_000)
    ids = save_corpus(engine, [*ARTICLES, huge])
    report = enrich(engine, Settings(database_url="sqlite://", max_article_chars=2_000_000))
    assert (report.enriched, report.failed) == (3, 1)
    assert report.errors[0].startswith(f"article {ids[3]}: ")
    with engine.connect() as conn:
        errors = dict(conn.execute(select(enrichment_runs.c.article_id,
                                          enrichment_runs.c.error)).all())
    assert errors[ids[3]] and all(errors[i] is None for i in ids[:3])
    assert enrich(engine).failed == 0  # recorded: skipped until a forced run


def test_a_new_article_about_a_known_person_joins_their_entity(engine):
    save_corpus(engine, ARTICLES[:1])
    enrich(engine)
    save_corpus(engine, ARTICLES[2:])
    enrich(engine)
    people = [e for e in find_entities(engine, "ueda") if e.type == "PERSON"]
    assert [(p.name, p.article_count) for p in people] == [("Kazuo Ueda", 2)]


def test_ask_an_article_or_a_story_cites_sentences_or_does_not_know(engine):
    ids = save_corpus(engine)
    answer = ask(engine, "When was Taro Kono arrested?", article_id=ids[1])
    assert answer.confident
    [citation] = answer.citations
    assert citation.article_id == ids[1]
    assert citation.sentence == (
        "Former finance minister Taro Kono was arrested on Monday in Osaka, police said."
    )
    assert ask(engine, "Who won the football cup?", article_id=ids[1]).text == DONT_KNOW

    story = make_story(engine, ids)
    answer = ask(engine, "What do analysts expect?", story_id=story)
    assert [c.article_id for c in answer.citations] == [ids[2]]
    summary = summarize_story_for(engine, story)
    assert summary.tldr is not None and summary.tldr.article_id in ids
    with pytest.raises(NotFoundError, match="no article 999"):
        ask(engine, "Who?", article_id=999)
    with pytest.raises(NotFoundError, match="no story 999"):
        ask(engine, "Who?", story_id=999)


def make_story(engine, ids: list[int]) -> int:
    """Put the articles in one story, as the clustering stage would."""
    with engine.begin() as conn:
        conn.execute(insert(stories).values(
            id=ids[0], title="BoJ", label="boj", first_seen_at=NOW, last_seen_at=NOW,
            first_source="Wire", article_count=len(ids), source_count=len(ids), state={},
            vector_sum=b"", title_sum=b"", headline_vectors=b"", updated_at=NOW,
        ))
        conn.execute(update(articles).where(articles.c.id.in_(ids)).values(story_id=ids[0]))
    return ids[0]


def test_a_name_the_coverage_knows_as_an_organisation_is_no_person_in_a_new_article(engine):
    # Sentences of Wikinews 32537, 41323, 46755 (Wikinews tagged ORG) and 47890 (PERSON).
    seen_as_org = [
        "As Wikinews reported last week, Arla Foods, Denmark's top dairy company, has seen "
        "their sales fall to zero in some Middle East nations.",
        "Both Carmel Tebbutt and Gerard Martin gave no response when contacted by Wikinews.",
        "Wikinews has been told by some Kelso residents that they thought the date for the "
        "by-election must have been changed.",
    ]
    slip = ('Jones told Wikinews that owner Pano Georgiadis is "just fed up" with the '
            '"destruction, the walk-outs of bills and fights that the drunk people cause".')
    save_corpus(engine, [replace(ARTICLES[0], url=f"https://wire.example/{i}", text=text)
                         for i, text in enumerate(seen_as_org)])
    enrich(engine)
    [new] = save_corpus(engine, [replace(ARTICLES[1], url="https://wire.example/bar",
                                         title="Bar owner fed up", text=slip)])
    assert enrich(engine).enriched == 1
    with engine.connect() as conn:
        named = article_enrichment(conn, new).entities
    [wikinews] = [e for e in named if e.name == "Wikinews"]
    assert (wikinews.type, wikinews.article_count) == ("ORG", 4)
    assert not any(e.type == "PERSON" and e.name == "Wikinews" for e in find_entities(
        engine, "wikinews"))


def test_a_bare_surname_goes_to_the_namesake_the_coverage_is_about(engine):
    # Paragraphs of Wikinews 24993, 25082, 25218, 39366 and 56250.
    earlier = [
        "President George W. Bush's nominee for Associate Justice of the U.S. Supreme Court, "
        "Harriet Miers, has withdrawn herself from the nomination.",
        'Yesterday, U.S. President George W. Bush said that Syria is an "outlaw regime."',
        "U.S. President George W. Bush nominated Judge Samuel Alito of New Jersey as Associate "
        "Justice to the U.S. Supreme Court in a formal announcement this morning.",
        "Before joining Fox News in 1996, Snow was a speechwriter for Bush's father, former "
        "President George H.W. Bush. Bush later named him to his staff.",
    ]
    save_corpus(engine, [replace(ARTICLES[0], url=f"https://wire.example/{i}", text=text)
                         for i, text in enumerate(earlier)])
    enrich(engine)
    save_corpus(engine, [replace(ARTICLES[1], url="https://wire.example/oil",
                                 title="Offshore drilling",
                                 text="President Bush said he supported this initiative.")])
    enrich(engine)
    people = {e.name: e for e in find_entities(engine, "bush") if e.type == "PERSON"}
    assert "Bush" not in people
    assert (people["George W. Bush"].article_count, people["George H.W. Bush"].article_count) \
        == (4, 1)


def test_a_headline_makes_no_one_word_person_that_no_known_name_claims(engine):
    # Headlines of the demo's headline set, without their articles.
    titles = ["Secrets rule Westeros in new 'Game of Thrones' trailer",
              "Video: Secrets rule Westeros in new 'Games of Thrones' trailer",
              "Teen arrested after love note left in Miley's dressing room"]
    save_corpus(engine, [replace(ARTICLES[0], url=f"https://news{i}.example/", title=title,
                                 text="", headline_only=True) for i, title in enumerate(titles)])
    assert enrich(engine).enriched == 3
    with engine.connect() as conn:
        people = conn.execute(select(entities.c.name).where(entities.c.type == "PERSON")).all()
    assert people == []


def test_a_place_that_a_much_covered_person_answers_to_is_that_person(engine):
    # Headlines of the demo's headline set, without their articles; NER takes the last for
    # a place.
    titles = ["Edward Snowden warns of personal data vulnerability",
              "Does Google need an Edward Snowden?",
              "Edward Snowden: NSA reform in US is going to happen",
              "NSA leaker Snowden is the rock star of SXSW Interactive"]
    for i, title in enumerate(titles):
        save_corpus(engine, [replace(ARTICLES[0], url=f"https://news{i}.example/", title=title,
                                     text="", headline_only=True)])
        enrich(engine)
    found = {(e.name, e.type): e.article_count for e in find_entities(engine, "snowden")}
    assert found == {("Edward Snowden", "PERSON"): 4}


def test_a_death_is_the_status_whatever_the_article_tells_after_it(engine):
    # An obituary tells the death first and an earlier dismissal after it; both events carry
    # the article's date, and the later-stored dismissal must not be the badge.
    text = ("On Thursday, Francis Pereira, a former deputy chief minister of the state, died "
            "in hospital. Pereira had been dismissed from the government in March because of "
            "his health.")
    save_corpus(engine, [replace(ARTICLES[0], url="https://wire.example/obit",
                                 title="Former minister dies", text=text)])
    assert enrich(engine).enriched == 1
    [person] = [e for e in find_entities(engine, "pereira") if e.type == "PERSON"]
    with engine.connect() as conn:
        kinds = conn.execute(select(entity_events.c.type).where(
            entity_events.c.entity_id == person.id).order_by(entity_events.c.id)).scalars().all()
        profile = entity_profile(conn, person.id)
    assert "died" in kinds and kinds[-1] == "dismissed"  # the dismissal is stored last
    assert person.status == "died"
    assert profile is not None and profile.entity.status == "died"
