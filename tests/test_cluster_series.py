"""Article series are not stories: the demo corpus's interview series (one headline template,
another candidate and riding each time) stay apart, while one event told in headlines of one
shape ("Georgia withdraws from South Ossetia", "Russia withdraws from Georgia") stays one."""

from __future__ import annotations

import gzip
import json
import re
from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

import pytest

from tidings.cluster.candidates import InMemoryCandidates
from tidings.cluster.embed import Embedder, load_embedder
from tidings.cluster.online import OnlineClusterer
from tidings.cluster.options import ClusterOptions
from tidings.demo.corpus import CORPUS_PATH

SERIES = {
    # headline shape -> what each interview is of (its riding, or its candidate)
    "Ontario Votes 2007": re.compile(r"^Ontario Votes 2007: Interview with .+, (?P<slot>[^,]+)$"),
    "CanadaVOTES": re.compile(r"^CanadaVOTES: .+ in (?P<slot>[^,]+)$"),
    "US President": re.compile(
        r"^Wikinews interviews (?P<slot>[^,]+), independent candidate for US President$"),
}
GEORGIA_WAR = {  # Wikinews, 9-17 August 2008
    "wikinews-en-111112", "wikinews-en-111137", "wikinews-en-111199", "wikinews-en-111331",
    "wikinews-en-111400", "wikinews-en-111383", "wikinews-en-111629",
}


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    return load_embedder()


@pytest.fixture(scope="module")
def corpus() -> list[dict[str, Any]]:
    with gzip.open(CORPUS_PATH, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def cluster(rows: list[dict[str, Any]], embedder: Embedder) -> dict[str, int]:
    """Story id per article id, rows fed in publication order."""
    options = ClusterOptions()
    online = OnlineClusterer(options, embedder, InMemoryCandidates(options))
    story_of: dict[str, int] = {}
    for index, row in enumerate(sorted(rows, key=lambda r: r["published_at"])):
        at = datetime.fromisoformat(row["published_at"]).replace(tzinfo=UTC)
        assignment = online.add(index, row["title"], row["text"], at, row["source"])
        story_of[row["id"]] = assignment.story_id
        gone = set(assignment.merged_story_ids)
        story_of.update({a: assignment.story_id for a, s in story_of.items() if s in gone})
    return story_of


def slot(title: str) -> tuple[str, str] | None:
    for series, shape in SERIES.items():
        match = shape.match(title)
        if match:
            return series, re.sub(r"\W+", " ", match["slot"]).casefold().strip()
    return None


def test_interviews_with_other_candidates_in_other_ridings_are_separate_stories(
    corpus: list[dict[str, Any]], embedder: Embedder
) -> None:
    series = [row for row in corpus if slot(row["title"])]
    sizes = {name: sum(slot(r["title"])[0] == name for r in series) for name in SERIES}
    assert sizes["Ontario Votes 2007"] >= 50 and sizes["CanadaVOTES"] >= 10
    assert sizes["US President"] >= 3
    story_of = cluster(series, embedder)
    slots: dict[int, set[tuple[str, str] | None]] = defaultdict(set)
    titles: dict[int, list[str]] = defaultdict(list)
    for row in series:
        slots[story_of[row["id"]]].add(slot(row["title"]))
        titles[story_of[row["id"]]].append(row["title"])
    mixed = [titles[story] for story, found in slots.items() if len(found) > 1]
    assert not mixed, mixed
    # Interviews from one riding may meet (they name each other), but most stand alone.
    assert len(slots) >= 0.9 * len(series)


def test_one_event_in_headlines_of_one_shape_is_still_one_story(
    corpus: list[dict[str, Any]], embedder: Embedder
) -> None:
    window = [row for row in corpus if "2008-08-01" <= row["published_at"] <= "2008-08-31"]
    story_of = cluster(window, embedder)
    assert len({story_of[i] for i in GEORGIA_WAR}) == 1
    assert sum(s == story_of["wikinews-en-111199"] for s in story_of.values()) == len(GEORGIA_WAR)


CHILE = "A magnitude 7.8 earthquake struck {where} on Tuesday, {what}. President Michelle " \
    "Bachelet declared a state of emergency in Valdivia and the Los Rios region and sent troops " \
    "to help rescue teams search collapsed buildings in southern Chile. {more}"


def test_outlets_that_write_one_event_into_one_headline_shape_stay_one_story(
    embedder: Embedder,
) -> None:
    """Wire headlines copy one another's shape with another name in the slot ("strikes
    southern Chile", "strikes Valdivia"): the texts name both, so the slots agree."""
    online = OnlineClusterer(ClusterOptions(), embedder, InMemoryCandidates(ClusterOptions()))
    at = datetime(2011, 3, 1, 9, tzinfo=UTC)
    first = online.add(1, "Earthquake of magnitude 7.8 strikes southern Chile", CHILE.format(
        where="southern Chile", what="killing at least 40 people in the coastal city of Valdivia",
        more="The quake triggered a tsunami warning along the Pacific coast of Chile."),
        at, "Reuters")
    second = online.add(2, "Earthquake of magnitude 7.8 strikes Valdivia", CHILE.format(
        where="the city of Valdivia", what="the strongest earthquake in Chile for years",
        more="Chile's emergency office said power and water were cut across the south."),
        at, "AP")
    third = online.add(3, "Earthquake of magnitude 7.8 strikes Los Rios, Chile", CHILE.format(
        where="the Los Rios region of Chile", what="flattening buildings in Valdivia",
        more="Rescue workers in Valdivia dug through the rubble through the night."),
        at, "BBC")
    assert first.created and (second.story_id, third.story_id) == (1, 1)
