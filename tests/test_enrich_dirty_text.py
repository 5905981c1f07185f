"""What reaches the reader from dirty text: "In brief", "The story so far", key points and
answers never open on a dangling pronoun or a fragment, and never carry markup, section labels
("Related news", "Sources"), bylines, image captions or interview transcript glue.

The texts are written the way the project's raw Wikinews export and careless feeds deliver
them: headings and lists flattened into sentences, image links with their captions, a
template name glued to the first word, an interview's "Question?: answer" lines."""

from __future__ import annotations

import re

import pytest

from tidings.enrich.ask import answer, passages_of
from tidings.enrich.summaries import StoryArticleText, summarize_article, summarize_story

FLOOD = (
    "FloodsNorthernEngland2007 Heavy rain flooded hundreds of homes in the northern English "
    "town of Hebden Bridge on Tuesday, the Environment Agency said. "
    "[[Image:Hebden Bridge flood.jpg|right|250px|thumb|The swollen river Calder in the centre "
    "of Hebden Bridge on Tuesday morning.]] "
    "By Sam Wright, Wikinews reporter "
    "They said the river Calder rose by two metres in six hours after a month of rain fell in "
    "one day. "
    "The council opened two emergency shelters at local schools for about 300 residents. "
    "thumb Firefighters rescue a family from a flooded house in Mytholmroyd. "
    "=The interview= "
    "Wikinews: How long did it take the water to reach the houses?: Mayor Ann Lee: About an "
    "hour, it came down the valley faster than anyone expected. "
    "WN: What do residents need most now?:AL: Dry clothes, food and somewhere to sleep. "
    "The Met Office said more rain was expected across the region on Wednesday and Thursday. "
    "== Related news == * Floods hit Yorkshire towns for the second time this year * "
    "==Sources== * BBC News, \"Hebden Bridge flooded\" * "
    "==External links== *[http://www.environment-agency.gov.uk Environment Agency flood "
    "warnings]\n\n"
    "Sources: BBC News, The Guardian.\n\n"
    "Related news: Flood defences in Hebden Bridge to be reviewed.\n\n"
    "Photo: Calderdale Council.\n\n"
    "Insurance companies said the cost of the floods could reach 20 million pounds, a figure "
    "the council called an early estimate."
)
LATER = (
    "Residents of Hebden Bridge began cleaning their homes on Thursday as the river Calder "
    "fell back below its banks, the Environment Agency said.\n\n"
    "== Related Wikinews == * Heavy rain floods Hebden Bridge *\n\n"
    "It said the flood warning for the town had been lifted on Thursday afternoon. "
    "The council said about 300 residents had spent two nights in emergency shelters at two "
    "local schools. "
    "[[File:Calder valley.jpg|left|thumb|200px|Volunteers clear mud from a street in Hebden "
    "Bridge.]]"
)

MARKUP = re.compile(
    r"==|=\w|\[\[|\]\]|\{\||\|\}|\bthumb\b|\d+px|https?:|\bwww\.|\|"
    r"|Related (?:news|Wikinews)|External links|\bSources?\b\s*[:=]|^(?:Photo|Image):"
    r"|\?\s*:|\b(?:WN|AL):|Wikinews:|^By [A-Z]|[A-Z][a-z]+[A-Z]\w*\d{4}",
    re.M,
)
DANGLING = re.compile(r"^(?:He|She|They|It|His|Her|Their|Its|This|These|Those|But|And|Or|So)\b")


def assert_presentable(sentence: str, *, after: str = "") -> None:
    """No markup or label, no fragment, and no dangling opening unless `after` the sentence
    it leans on."""
    assert sentence, "an empty sentence shown"
    assert not MARKUP.search(sentence), sentence
    assert after or not DANGLING.match(sentence), sentence
    assert sentence[:1].isupper() or sentence[:1].isdigit(), sentence
    assert sentence.rstrip("\"'\u201d)")[-1:] in ".!", f"a fragment: {sentence!r}"


def test_in_brief_and_key_points_of_dirty_text_are_clean_sentences() -> None:
    summary = summarize_article("Floods hit Hebden Bridge", FLOOD)
    shown = [summary.tldr, *summary.points]
    assert len(shown) >= 3
    for sentence in shown:
        assert_presentable(sentence)
    assert summary.tldr.startswith("Heavy rain flooded hundreds of homes"), summary.tldr


def test_the_story_so_far_of_dirty_text_is_clean_sentences() -> None:
    summary = summarize_story([StoryArticleText(1, "Floods hit Hebden Bridge", FLOOD),
                               StoryArticleText(2, "Hebden Bridge cleans up", LATER)])
    assert summary.tldr is not None
    shown = [summary.tldr, *summary.points]
    assert len(shown) >= 3
    for point in shown:
        assert_presentable(point.text)


@pytest.mark.parametrize(("question", "expected"), [
    ("How much did the river Calder rise?", "two metres"),
    ("When was the flood warning lifted?", "Thursday afternoon"),
    ("Where did the council open emergency shelters?", "schools"),
])
def test_answers_from_dirty_text_are_clean_sentences(question: str, expected: str) -> None:
    passages = passages_of(1, FLOOD) + passages_of(2, LATER)
    reply = answer(question, passages)
    assert reply.confident and expected in reply.text, reply
    shown = re.split(r"(?<=[.!?])\s+(?=[A-Z])", reply.text)
    for before, sentence in zip(["", *shown], shown, strict=False):
        assert_presentable(sentence, after=before)
    assert all(c.sentence in {p.text for p in passages} for c in reply.citations), \
        "a citation stays the exact sentence"
    assert expected in reply.citations[0].sentence, "the answering sentence is cited first"


def test_an_answer_leaning_on_the_sentence_before_comes_after_it() -> None:
    """"It said ..." answers with the sentence that says who "it" is, past a heading's list."""
    reply = answer("When was the flood warning lifted?", passages_of(2, LATER))
    assert reply.text.startswith("Residents of Hebden Bridge began cleaning"), reply.text
    assert [c.sentence_index for c in reply.citations] == [2, 0]
