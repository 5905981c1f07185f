"""One person is one entity and one name one type across articles, on SQLite and PostgreSQL:
transliterated names ("Usama bin Ladin", "el-Sisi") join the entity the coverage knows, and a
country's name NER typed an organisation joins the place."""

from __future__ import annotations

import re
from dataclasses import replace

from fastapi.testclient import TestClient
from sqlalchemy import select

from plugins.enrichment_corpus import ARTICLES, save_corpus
from tidings.config import Settings
from tidings.enrich.aliases import canonical_key, spelled_alike, surname_alike
from tidings.enrich.results import ArticleAnalysis, Entity
from tidings.pipeline.enriching import enrich_pending
from tidings.pipeline.questions import find_entities
from tidings.pipeline.resolving import EntityIndex
from tidings.server import create_app
from tidings.store.entities import StoredEntity
from tidings.store.schema import entities


def _store(engine, *texts: str) -> None:
    """Each text its own article, enriched before the next is stored."""
    for i, text in enumerate(texts):
        save_corpus(engine, [replace(ARTICLES[0], url=f"https://wire.example/{i}",
                                     title="World news", text=text)])
        assert enrich_pending(engine, Settings(database_url="sqlite://")).enriched == 1


def _people(engine) -> dict[str, int]:
    with engine.connect() as conn:
        rows = conn.execute(select(entities.c.name, entities.c.article_count)
                            .where(entities.c.type == "PERSON")).all()
    return dict(rows)


def test_transliterations_of_a_name_are_one_person_across_articles(engine):
    _store(engine,
           "Osama bin Laden was killed in a raid on his compound in Pakistan.",
           "Usama bin Ladin had hidden in Abbottabad for years, officials said.",
           "Officials said bin Ladin had been protected by couriers.",
           "President Abdel Fattah al-Sisi met the envoy in Cairo on Monday.",
           "Abdel Fattah el-Sisi said the talks had gone well.")
    people = _people(engine)
    assert people == {"Osama bin Laden": 3, "Abdel Fattah al-Sisi": 2}
    [laden] = [e for e in find_entities(engine, "laden") if e.type == "PERSON"]
    assert {"Usama bin Ladin", "bin Ladin"} <= set(laden.aliases)


def test_a_surname_that_only_looks_alike_is_someone_else(engine):
    _store(engine,
           "Former President Bill Clinton spoke at the conference in New York.",
           "Clifton said the road to the village was closed for the winter.")
    assert set(_people(engine)) >= {"Bill Clinton", "Clifton"}


# Wikinews, "Joe Biden wins 2020 US Democratic presidential primaries in Michigan,
# Missouri" (CC BY 2.5): NER types the country an organisation in this sentence.
_AS_ORGANISATION = ("By reports, former Vice President of the United States Joe Biden won the "
                    "primary elections in Michigan, Missouri, and Mississippi.")
_AS_PLACE = [
    "Talks between the United States and Mexico resumed on Monday.",
    "The treaty was signed by the United States, the European Union and NATO.",
    "Funding from the United States, the IMF and the World Bank arrived on Friday.",
]


def _types_of(engine, name: str) -> dict[str, int]:
    with engine.connect() as conn:
        rows = conn.execute(select(entities.c.type, entities.c.article_count)
                            .where(entities.c.name == name)).all()
    return dict(rows)


def test_a_country_typed_an_organisation_joins_the_place_the_coverage_knows(engine):
    _store(engine, *_AS_PLACE, _AS_ORGANISATION)
    assert _types_of(engine, "United States") == {"GPE": 4}


def test_too_few_articles_leave_the_type_ner_gave(engine):
    _store(engine, *_AS_PLACE[:2], _AS_ORGANISATION)
    assert _types_of(engine, "United States") == {"GPE": 2, "ORG": 1}


def _index(*stored: tuple[str, str, int]) -> EntityIndex:
    return EntityIndex([StoredEntity(canonical_key(name, type), name, type, (), count)
                        for name, type, count in stored])


def _mention(index: EntityIndex, name: str, type: str) -> tuple[str, str]:
    entity = Entity(name, type, canonical_key(name, type), 1, 0, ())
    (mention,) = index.mentions(ArticleAnalysis((entity,), (), (), (), ()))
    return mention.name, mention.type


def test_a_city_keeps_each_type_ner_gives_it():
    # "Liverpool" is a city and a club: the votes of one are no evidence for the other
    index = _index(("Liverpool", "GPE", 40))
    assert _mention(index, "Liverpool", "ORG") == ("Liverpool", "ORG")


def test_a_name_no_gazetteer_knows_follows_the_votes():
    index = _index(("Middle East Institute", "ORG", 5))
    assert _mention(index, "Middle East Institute", "GPE") == ("Middle East Institute", "ORG")


def test_sound_and_spelling_both_needed_for_a_lone_surname():
    assert surname_alike("bin Ladin", "Osama bin Laden")
    assert not surname_alike("Clifton", "Bill Clinton")  # near in letters, not in sound
    assert not surname_alike("Obama", "Osama bin Laden")
    assert spelled_alike("Usama bin Ladin", "Osama bin Laden")
    assert spelled_alike("Muammar Qaddafi", "Muammar Gaddafi")
    assert spelled_alike("Abdel Fattah el-Sisi", "Abdel Fattah al-Sisi")
    assert not spelled_alike("Abdel Fattah al-Sisi", "Abdel Fattah al-Sisi")  # one spelling
    assert not spelled_alike("Bill Clinton", "Hillary Clinton")


def test_two_common_given_names_are_two_people_however_alike():
    assert not spelled_alike("Daniel Smith", "Danielle Smith")
    assert not spelled_alike("Michael Obama", "Michelle Obama")
    assert spelled_alike("Mikheil Saakashvili", "Mikhail Saakashvili")  # a transliteration
    assert spelled_alike("Levy Mwanawase", "Levy Mwanawasa")  # a slip in the surname


def test_the_entity_page_shows_one_role_in_its_fullest_form(engine):
    _store(engine,
           "President Tom Hale signed the bill on Monday.",
           "President Tom Hale flew to Ohio.",
           "President Tom Hale met the governors.",
           "U.S. President Tom Hale spoke in Texas.",
           "The incumbent President of the United States, Tom Hale, spoke on Friday.",
           "Polls showed Senator Ann Lee leading President Tom Hale in Iowa.")
    [hale] = [e for e in find_entities(engine, "hale") if e.type == "PERSON"]
    settings = Settings(database_url=engine.url.render_as_string(False))
    with TestClient(create_app(settings, engine=engine)) as client:
        page = client.get(f"/entities/{hale.id}").text
    shown = re.findall(r'<p class="role-name">([^<]*?) <span', page)
    assert shown == ["President of the United States"]


def test_initials_and_nicknames_spell_the_name_they_stand_for():
    assert spelled_alike("George H.W. Bush", "George Herbert Walker Bush")
    assert spelled_alike("George Herbert Walker Bush", "George H. W. Bush")
    assert spelled_alike("George Walker Bush", "George W. Bush")
    assert spelled_alike("Dick Cheney", "Richard Cheney")  # the nicknames package's list
    assert spelled_alike("Bill Clinton", "William Clinton")
    assert not spelled_alike("George W. Bush", "George Herbert Walker Bush")  # W is not H.W.
    assert not spelled_alike("George H.W. Bush", "George W. Bush")
    assert not spelled_alike("George H.W. Bush", "George Herbert Walker Smith")
    assert not spelled_alike("John Smith", "Jim Smith")  # Jim is James's
    assert not spelled_alike("Dick Cheney", "Richard Nixon")
    assert spelled_alike("Dick Cheney", "Richard B. Cheney")  # a nickname, initials between
    assert spelled_alike("William J. Clinton", "Bill Clinton")
    assert not spelled_alike("Dick Cheney", "Richard B. Nixon")
    assert not spelled_alike("George Bush", "George W. Bush")  # the coverage tells which


def test_a_nickname_and_the_full_name_with_an_initial_are_one_person(engine):
    _store(engine,
           "Vice President Dick Cheney spoke in Wyoming on Monday about the war.",
           "Richard B. Cheney, the vice president, met troops in Wyoming.",
           "Dick Cheney said the war would go on, in Wyoming.")
    people = _people(engine)
    assert people == {"Dick Cheney": 3}, people


def test_a_president_named_by_initials_and_in_full_is_one_person(engine):
    _store(engine,
           "Former President George Herbert Walker Bush was taken to hospital in Houston.",
           "George H.W. Bush, 92, was in stable condition, his spokesman Jim McGrath said.",
           "President George W. Bush visited his father in Houston.")
    people = _people(engine)
    assert people.get("George Herbert Walker Bush", 0) + people.get("George H.W. Bush", 0) == 2
    assert not {"George Herbert Walker Bush", "George H.W. Bush"} <= set(people)
    assert people["George W. Bush"] == 1
