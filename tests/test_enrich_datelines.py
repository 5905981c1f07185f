"""Datelines and place tags stripped from the lead sentence a summary shows."""

from __future__ import annotations

import pytest

from tidings.enrich.datelines import strip_dateline
from tidings.enrich.summaries import StoryArticleText, summarize_article, summarize_story


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("WASHINGTON (Reuters) - The Senate voted.", "The Senate voted."),
        ("PARIS \u2014 The strike ended.", "The strike ended."),
        ("LONDON, June 13 (AP) \u2014 The strike ended.", "The strike ended."),
        ("NEW YORK, June 13, 2008 (AP) -- Stocks fell.", "Stocks fell."),
        ("United Kingdom Four UK retailers have called in administrators.",
         "Four UK retailers have called in administrators."),
        ("New Zealand The New Zealand Government said so.", "The New Zealand Government said so."),
        ("Australia The Australian dollar fell.", "The Australian dollar fell."),
        ("United States According to federal prosecutors, he lied.",
         "According to federal prosecutors, he lied."),
        ("New Zealand New Zealand's prime minister spoke.", "New Zealand's prime minister spoke."),
        ("Canada 632 Air Canada flight attendants will lose their jobs.",
         "632 Air Canada flight attendants will lose their jobs."),
        ("Bosnia and Herzegovina The vote was held.", "The vote was held."),
        ("New Zealand Today, the minister spoke.", "Today, the minister spoke."),
    ],
)
def test_a_dateline_or_place_tag_is_stripped(sentence: str, expected: str) -> None:
    assert strip_dateline(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "United States President George W. Bush said the war would go on.",
        "China has denied the accusations.",
        "New Orleans Mayor Ray Nagin spoke on Monday.",
        "Texas A&M University said it would appeal.",
        "India Today reported the story first.",
        "Of The 300 people on board, 12 survived.",  # "Of" is a town in Turkey too
        "Harper said the election would be held.",  # no place name
        "Australia and East Timor officials signed a deal.",
        "Britain",
    ],
)
def test_a_place_name_that_belongs_to_the_sentence_is_kept(sentence: str) -> None:
    assert strip_dateline(sentence) == sentence


TAGGED = (
    "United Kingdom Four UK retailers, The Officers Club, Au Naturale and Cotton Traders, have "
    "called in administrators after a fall in sales. The administrators said the shops would "
    "stay open while a buyer was sought for each of the chains. About 2,000 jobs are at risk "
    "across the four companies, the unions said on Monday. The retailers blamed the weather "
    "and the falling pound for a poor spring season of trading."
)


def test_summaries_open_on_the_sentence_not_its_place_tag() -> None:
    summary = summarize_article("Four UK retailers call in administrators", TAGGED)
    assert summary.tldr.startswith("Four UK retailers, The Officers Club")
    story = summarize_story([StoryArticleText(1, "Retailers fail", TAGGED)])
    assert story.tldr is not None and story.tldr.text.startswith("Four UK retailers")
