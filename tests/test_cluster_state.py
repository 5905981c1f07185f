"""Story state survives persistence: records are JSON plus bytes, and clustering resumes."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tidings.cluster.candidates import InMemoryCandidates
from tidings.cluster.embed import Embedder, load_embedder
from tidings.cluster.online import OnlineClusterer
from tidings.cluster.options import ClusterOptions
from tidings.cluster.state import StoryState
from tidings.cluster.tfidf import DocumentFrequencies

CORPUS = Path(__file__).resolve().parent / "fixtures/wikinews-2005-2008.jsonl.gz"

VECTOR_FIELDS = ("vector_sum", "title_sum", "headline_vectors")


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    return load_embedder()


@pytest.fixture(scope="module")
def articles() -> list[tuple[str, str, datetime]]:
    """The first 240 demo-corpus articles: real text with real follow-ups."""
    if not CORPUS.is_file():
        pytest.skip(f"demo corpus not found at {CORPUS}")
    with gzip.open(CORPUS, "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for _, line in zip(range(240), handle, strict=False)]
    return [
        (row["title"], row["text"], datetime.fromisoformat(row["published_at"]).replace(tzinfo=UTC))
        for row in rows
    ]


def persist(online: OnlineClusterer) -> tuple[list[str], list[dict[str, bytes]], str]:
    """Stories as (JSON text, vector blobs) and the document frequencies as JSON text."""
    assert isinstance(online.candidates, InMemoryCandidates)
    documents, blobs = [], []
    for story in online.candidates.stories.values():
        record = story.to_record()
        blobs.append({name: record.pop(name) for name in VECTOR_FIELDS})
        documents.append(json.dumps(record))
    return documents, blobs, json.dumps(online.frequencies.to_record())


def reload(
    options: ClusterOptions,
    embedder: Embedder,
    saved: tuple[list[str], list[dict[str, bytes]], str],
) -> OnlineClusterer:
    documents, blobs, frequencies = saved
    stories = [
        StoryState.from_record({**json.loads(text), **blob})
        for text, blob in zip(documents, blobs, strict=True)
    ]
    return OnlineClusterer(
        options,
        embedder,
        InMemoryCandidates.restore(options, stories),
        DocumentFrequencies.from_record(json.loads(frequencies)),
    )


def run(online: OnlineClusterer, items: list[tuple[str, str, datetime]], offset: int) -> list:
    return [
        online.add(offset + n, title, text, when, "Wikinews")
        for n, (title, text, when) in enumerate(items)
    ]


def assert_counts_match(online: OnlineClusterer, assignments: list) -> None:
    """The in-memory story invariants: every article in a live story (following merges), no
    story without articles, each story's size its number of articles."""
    assert isinstance(online.candidates, InMemoryCandidates)
    story_of: dict[int, int] = {}
    for article_id, assignment in enumerate(assignments):
        story_of[article_id] = assignment.story_id
        for gone in assignment.merged_story_ids:
            story_of = {a: assignment.story_id if s == gone else s for a, s in story_of.items()}
    sizes = Counter(story_of.values())
    assert {i: s.size for i, s in online.candidates.stories.items()} == dict(sizes)


def test_clustering_after_a_round_trip_matches_an_uninterrupted_run(
    embedder: Embedder, articles: list[tuple[str, str, datetime]]
) -> None:
    options = ClusterOptions()
    straight = OnlineClusterer(options, embedder, InMemoryCandidates(options))
    expected = run(straight, articles, 0)

    first = OnlineClusterer(options, embedder, InMemoryCandidates(options))
    head = run(first, articles[:120], 0)
    resumed = reload(options, embedder, persist(first))
    tail = run(resumed, articles[120:], 120)

    assert head + tail == expected
    assert any(not a.created for a in expected), "the sample should contain follow-ups"
    assert_counts_match(straight, expected)
    assert_counts_match(resumed, head + tail)


def test_record_round_trip_is_exact(embedder: Embedder, articles) -> None:
    options = ClusterOptions()
    online = OnlineClusterer(options, embedder, InMemoryCandidates(options))
    run(online, articles[:120], 0)
    assert isinstance(online.candidates, InMemoryCandidates)
    biggest = max(online.candidates.stories.values(), key=lambda s: s.size)
    assert biggest.size > 1
    copy = StoryState.from_record(biggest.to_record())
    assert copy.to_record() == biggest.to_record()
    assert (copy.title, copy.label(), copy.centroid.tolist()) == (
        biggest.title,
        biggest.label(),
        biggest.centroid.tolist(),
    )


def test_rebuild_over_a_window_is_the_same_pass(embedder: Embedder, articles) -> None:
    options = ClusterOptions()
    window = articles[60:180]
    one = run(OnlineClusterer(options, embedder, InMemoryCandidates(options)), window, 60)
    two = run(OnlineClusterer(options, embedder, InMemoryCandidates(options)), window, 60)
    assert one == two
