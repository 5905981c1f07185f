"""Story labels on the shipped demo corpus: names as the coverage writes them, one spelling
each, never a keyword dump, a list glued into one name or a wiki heading."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime
from typing import Any

import pytest

from tidings.cluster.candidates import InMemoryCandidates
from tidings.cluster.embed import Embedder, load_embedder
from tidings.cluster.online import OnlineClusterer
from tidings.cluster.options import ClusterOptions
from tidings.cluster.state import StoryState
from tidings.cluster.text import fold
from tidings.demo.corpus import CORPUS_PATH

WINDOWS = [("2007-09-10", "2007-10-10"), ("2008-02-01", "2008-02-29"),
           ("2008-08-01", "2008-08-31")]


@pytest.fixture(scope="module")
def stories() -> list[tuple[StoryState, list[dict[str, Any]]]]:
    """The stories of 2+ articles of each window, with their articles."""
    with gzip.open(CORPUS_PATH, "rt", encoding="utf-8") as handle:
        corpus = [json.loads(line) for line in handle]
    embedder: Embedder = load_embedder()
    found: list[tuple[StoryState, list[dict[str, Any]]]] = []
    for start, end in WINDOWS:
        options = ClusterOptions()
        online = OnlineClusterer(options, embedder, InMemoryCandidates(options))
        rows = [r for r in corpus if start <= r["published_at"] <= end]
        members: dict[int, list[dict[str, Any]]] = {}
        for index, row in enumerate(rows):
            at = datetime.fromisoformat(row["published_at"]).replace(tzinfo=UTC)
            assignment = online.add(index, row["title"], row["text"], at, row["source"])
            for gone in assignment.merged_story_ids:
                members.setdefault(assignment.story_id, []).extend(members.pop(gone, []))
            members.setdefault(assignment.story_id, []).append(row)
        found += [(online.candidates.get(s), rows) for s, rows in members.items()
                  if len(rows) > 1 and online.candidates.get(s) is not None]
    return found


def test_every_part_of_a_label_is_a_name_as_the_coverage_writes_it(stories) -> None:
    assert len(stories) >= 12
    labelled = 0
    for story, rows in stories:
        label = story.label()
        if not label:
            continue
        labelled += 1
        parts = label.split(", ")
        written = " ".join(f"{r['title']} {r['text']}" for r in rows)
        for part in parts:
            assert part[:1].isupper(), (label, part)
            assert len(part.split()) <= 4, (label, part)
            assert part in written, f"{part!r} of {label!r} is not written so in the story"
            assert "Related" not in part and "Wikinews" not in part, label
        folded = [fold(p) for p in parts]
        assert len(set(folded)) == len(folded), label
    assert labelled >= 0.8 * len(stories)


def test_labels_of_known_stories(stories) -> None:
    labels = {story.title: story.label() for story, _ in stories}
    georgia = next(label for title, label in labels.items() if "Ossetia" in title)
    assert georgia.startswith("South Ossetia, Georgia"), georgia
    primaries = [label for title, label in labels.items() if "Super Tuesday" in title]
    assert primaries and "John McCain" in primaries[0], primaries


def test_capitalised_phrases_are_names_not_lists_openers_or_template_names() -> None:
    from tidings.cluster.text import entities

    found = entities(
        "OntarioProvincialElection2007 Mark Grenier is running for the Green Party. Expect "
        "interviews from Liberals, Progressive Conservatives, the New Democratic Party (NDP) "
        "and the Family Coalition, Freedom and Communist parties. Despite Australia's "
        "objections, the talks went on, said John McCain, a senator.")
    assert {"mark grenier", "family coalition", "ndp", "john mccain"} <= set(found)
    assert found["john mccain"] == "John McCain" and found["ndp"] == "NDP"
    assert not [p for p in found if "ontarioprovincialelection2007" in p or "despite" in p]
    assert not [p for p in found if " ndp" in p or "coalition freedom" in p], found
