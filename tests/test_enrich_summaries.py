"""Sentence splitting, article summaries and story summaries."""

from __future__ import annotations

import gzip
import json
import zlib
from pathlib import Path

import numpy as np
import pytest

from tidings.enrich.sentences import content_terms, split_sentences
from tidings.enrich.summaries import (
    ArticleSummary,
    StoryArticleText,
    summarize_article,
    summarize_story,
)

DEMO = Path(__file__).parent / "fixtures" / "wikinews-2005-2008.jsonl.gz"

ARTICLE = """\
Senate passes budget after all-night session

By Jane Doe, Staff Writer

WASHINGTON (AP) -- The U.S. Senate passed a $1.2 trillion budget early on Friday after an \
all-night session, sending the bill to President Obama.

The vote was 52-48, with two Republicans joining Democrats. Sen. Harry Reid called the bill \
"a victory for working families" in a speech on the floor.

"We did it," Reid said.

The budget raises spending on roads and schools by 3.5 percent and cuts farm subsidies by \
$20 billion over ten years.

Republicans said the plan would raise the federal deficit to a record level next year.

The House of Representatives is expected to vote on the budget in Jan. next year, aides said.

Analysts at Goldman Sachs said the budget would have little effect on markets this quarter.

Have your say? Tell us what you think in the comments below."""


class WordHashEmbedder:
    """A deterministic stand-in for a sentence embedder: hashed bag of content words."""

    def encode(self, texts: list[str]) -> np.ndarray:
        rows = np.zeros((len(texts), 64), dtype=np.float32)
        for row, text in enumerate(texts):
            for term in content_terms(text):
                rows[row, zlib.crc32(term.encode()) % 64] += 1
        return rows


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The U.S. economy grew 3.2% in Jan. last year. Dr. Smith said so.",
            ["The U.S. economy grew 3.2% in Jan. last year.", "Dr. Smith said so."],
        ),
        (
            'He said, "We will win." Then he left. "Really?" she asked.',
            ['He said, "We will win."', "Then he left.", '"Really?" she asked.'],
        ),
        (
            "Gov. Arnold Schwarzenegger met Sen. John McCain on Feb. 3. They talked.",
            ["Gov. Arnold Schwarzenegger met Sen. John McCain on Feb. 3.", "They talked."],
        ),
        (
            "Troops left the U.S. The war ended. George W. Bush spoke at No. 10 at 5 p.m. Tuesday.",
            [
                "Troops left the U.S.",
                "The war ended.",
                "George W. Bush spoke at No. 10 at 5 p.m. Tuesday.",
            ],
        ),
        ("He said no. Then it rained", ["He said no.", "Then it rained"]),
        ("First paragraph\n\nSecond one. Two.", ["First paragraph", "Second one.", "Two."]),
        ("", []),
    ],
)
def test_split_sentences(text, expected):
    assert split_sentences(text) == expected


def test_sentences_are_exact_substrings_of_real_articles():
    with gzip.open(DEMO, "rt", encoding="utf-8") as lines:
        records = [json.loads(next(lines)) for _ in range(200)]
    for record in records:
        for sentence in split_sentences(record["text"]):
            assert sentence in record["text"]


def check_summary(summary: ArticleSummary) -> None:
    assert summary.tldr.startswith("The U.S. Senate passed a $1.2 trillion budget")
    assert 3 <= len(summary.points) <= 5
    assert len(set(summary.points)) == len(summary.points)
    positions = [ARTICLE.index(point) for point in summary.points]
    assert positions == sorted(positions)
    for point in summary.points:
        assert point not in summary.tldr
        assert not point.startswith(('"', "By ", "Have your say"))
        assert "WASHINGTON" not in point


@pytest.mark.parametrize("embedder", [None, WordHashEmbedder()])
def test_article_summary_has_lead_tldr_and_clean_distinct_points(embedder):
    summary = summarize_article(
        "Senate passes budget after all-night session", ARTICLE, embedder=embedder
    )
    check_summary(summary)


def test_article_summary_of_nothing_is_empty():
    assert summarize_article("Title", "") == ArticleSummary("", ())
    assert summarize_article("Title", "Have your say? Comment below.") == ArticleSummary("", ())


def test_max_points_is_honoured():
    summary = summarize_article("Senate passes budget", ARTICLE, max_points=3)
    assert len(summary.points) == 3


def test_real_article_summary_stays_within_the_text():
    with gzip.open(DEMO, "rt", encoding="utf-8") as lines:
        record = json.loads(next(lines))
    summary = summarize_article(record["title"], record["text"])
    assert summary.tldr and summary.tldr in record["text"]
    assert all(point in record["text"] for point in summary.points)


STORY = [
    StoryArticleText(
        11,
        "Quake hits coast",
        "A magnitude 7.1 earthquake struck the northern coast of Chile on Monday morning. "
        "At least 12 people were killed when buildings collapsed in the port city of Iquique. "
        "The president declared a state of emergency in three regions.",
    ),
    StoryArticleText(
        22,
        "Deadly earthquake in Chile",
        "A magnitude 7.1 earthquake struck the northern coast of Chile early on Monday. "
        "Officials said at least 12 people were killed when buildings collapsed in Iquique. "
        "A tsunami warning for Peru was lifted after two hours.",
    ),
    StoryArticleText(
        33,
        "Chile counts the cost",
        "Rescue teams searched the rubble of collapsed buildings in Iquique through the night. "
        "A magnitude 7.1 earthquake struck the northern coast of Chile on Monday. "
        "Copper mines in the region halted work while engineers inspected the shafts.",
    ),
]


@pytest.mark.parametrize("embedder", [None, WordHashEmbedder()])
def test_story_summary_keeps_one_point_per_fact_and_cites_it(embedder):
    summary = summarize_story(STORY, embedder=embedder)
    assert summary.tldr is not None
    facts = [summary.tldr, *summary.points]
    quake = [f for f in facts if "magnitude 7.1" in f.text]
    assert len(quake) == 1
    assert summary.tldr == quake[0]
    assert len(summary.tldr.corroborated_by) == 2
    assert sum("12 people were killed" in f.text for f in facts) == 1
    texts = {article.article_id: article.text for article in STORY}
    for fact in facts:
        assert split_sentences(texts[fact.article_id])[fact.sentence_index] == fact.text
        assert fact.article_id not in fact.corroborated_by
    assert any("tsunami" in f.text for f in facts)


def test_story_summary_of_nothing():
    summary = summarize_story([StoryArticleText(1, "Empty", "")])
    assert summary.tldr is None
    assert summary.points == ()


def test_summary_never_leans_on_an_unseen_sentence_or_shows_markup():
    text = (
        "Lady Bird Johnson, the former first lady of the United States, has died at her home "
        "in Austin at the age of 94. __NOTOC__ She died of natural causes on Wednesday "
        "afternoon, her family said.\n\nEthiopia infobox At least thirty-three more people "
        "have died in a second day of protests in the capital.\n\nBut the government said "
        "the police had acted within the law during the protests.\n\nHe was flown to France "
        "for treatment after the stroke in June. The family thanked the hospital staff for "
        "their care over many weeks."
    )
    summary = summarize_article("Former first lady dies at 94", text)
    shown = [summary.tldr, *summary.points]
    assert shown[0].startswith("Lady Bird Johnson")
    for sentence in shown:
        assert sentence.split()[0] not in {"She", "He", "But"}, sentence
        assert "NOTOC" not in sentence and "infobox" not in sentence, sentence
