"""The rules of a merge of stored people (`enrich.entity_claims`), each with its refusal."""

from __future__ import annotations

import pytest

from tidings.enrich.entity_claims import (
    MOST_CLAIMANTS,
    Claimant,
    claimant,
    claims,
    merged_aliases,
    spelled_twin,
    surname_form,
)


@pytest.mark.parametrize(("name", "surname"), [
    ("Bush", "bush"), ("PM Fillon", "fillon"), ("President Bush", "bush"),
    ("Mr. Bush", "bush"), ("Mayor de Blasio", "blasio"), ("Erdoğan", "erdogan"),
    ("George Bush", None), ("MS Dhoni", None), ("George W. Bush", None),
])
def test_a_surname_form_is_a_surname_alone_or_after_titles(name, surname):
    assert surname_form(name) == surname


@pytest.mark.parametrize(("full", "short", "expected"), [
    ("George W. Bush", "Bush", True),
    ("Laura Bush", "Bush", True),
    ("François Fillon", "PM Fillon", True),
    ("Bill de Blasio", "Mayor de Blasio", True),
    ("George W. Bush", "George Bush", True),
    ("Laura Bush", "George Bush", False),
    ("PM Fillon", "Fillon", False),  # a title form claims nothing
    ("Bill Clinton", "Clifton", False),
    ("John Bolton", "John R. Bolton", False),  # the longer is no short form of the shorter
    ("Cheng-sheng Du.jpg|Cheng-sheng Du", "Du", False),  # markup is nobody's name
])
def test_a_full_name_claims_its_surname_and_its_first_and_last_words(full, short, expected):
    assert claims(full, short) is expected


def test_the_one_full_name_in_the_short_forms_stories_takes_it():
    bush = Claimant(1, "George W. Bush", 30, stories=4, reach=9)
    father = Claimant(2, "George H. W. Bush", 30, stories=0, reach=3)
    assert claimant("Bush", 10, [bush, father]) == bush


def test_two_full_names_in_its_stories_leave_the_short_form_alone():
    assert claimant("Bush", 10, [Claimant(1, "George W. Bush", 90, 4, 9),
                                 Claimant(2, "Laura Bush", 3, 1, 9)]) is None


def test_a_full_name_whose_coverage_holds_too_few_of_its_articles_takes_nothing():
    assert claimant("Bush", 10, [Claimant(1, "George W. Bush", 90, 2, 6)]) is None
    assert claimant("Bush", 9, [Claimant(1, "George W. Bush", 90, 2, 6)]) is not None


def test_a_rival_covering_more_than_a_third_as_much_leaves_it_alone():
    bush = Claimant(1, "George W. Bush", 90, 4, 9)
    assert claimant("Bush", 10, [bush, Claimant(2, "Jeb Bush", 5, 0, 4)]) is None
    assert claimant("Bush", 10, [bush, Claimant(2, "Jeb Bush", 5, 0, 3)]) == bush


def test_with_no_story_tying_them_a_surname_goes_to_the_full_name_far_more_covered():
    putin = Claimant(1, "Vladimir Putin", 31, 0, 2)
    assert claimant("Putin", 2, [putin]) == putin  # as a new article's "Putin" would go
    assert claimant("Putin", 11, [Claimant(1, "Vladimir Putin", 31, 0, 11)]) is None
    assert claimant("Putin", 2, [putin, Claimant(2, "Lyudmila Putin", 11, 0, 0)]) is None
    assert claimant("Morrison", 1, [Claimant(1, "Toni Morrison", 1, 0, 1)]) is None


def test_with_no_story_tying_them_a_given_name_or_a_longer_name_stays_apart():
    assert claimant("James", 1, [Claimant(1, "Ricky James", 30, 0, 1)]) is None
    assert claimant("John Bolton", 1, [Claimant(1, "John R. Bolton", 30, 0, 1)]) is None


def test_with_no_story_tying_them_the_one_claimant_whose_people_it_keeps_takes_it():
    bolton = Claimant(1, "John R. Bolton", 1, 0, 2, beside=2)
    assert claimant("John Bolton", 2, [bolton]) == bolton
    assert claimant("John Bolton", 4, [bolton]) is None  # beside them in half its articles
    assert claimant("Bush", 3, [Claimant(1, "George W. Bush", 90, 0, 3, beside=3),
                                Claimant(2, "George H. W. Bush", 60, 0, 3, beside=1)]) is None
    assert claimant("James", 1, [Claimant(1, "Ricky James", 1, 0, 1, beside=1)]) is None
    in_story = Claimant(2, "Laura Bush", 3, 1, 3)
    assert claimant("Bush", 3, [Claimant(1, "George W. Bush", 90, 0, 1, beside=3),
                                in_story]) == in_story  # a story says more than company


def test_a_surname_too_many_full_names_end_with_is_nobodys():
    many = [Claimant(i, f"Person{i} Smith", 1, int(i == 0), 10)
            for i in range(MOST_CLAIMANTS + 1)]
    assert claimant("Smith", 10, many) is None
    assert claimant("Smith", 10, many[:1]) == many[0]


def test_the_one_other_spelling_of_a_full_name_is_its_twin():
    assert spelled_twin("Mikheil Saakashvili", [(7, "Mikhail Saakashvili")]) == 7
    assert spelled_twin("Mikheil Saakashvili", [(7, "Mikhail Saakashvili"),
                                                 (8, "Mikhayil Saakashvili")]) is None
    assert spelled_twin("Daniel Smith", [(7, "Danielle Smith")]) is None
    assert spelled_twin("Fuad Siniora", [(7, "Fouad Siniora")]) == 7
    assert spelled_twin("Fuad Siniora", [(7, "Fouad Siniora]")]) is None  # markup


def test_a_merge_keeps_the_aliases_a_person_may_have():
    assert merged_aliases("George W. Bush", ["George Bush"], ["Bush", "George", "Bush",
                                                              "George W. Bush"]) == [
        "George Bush", "Bush"]
