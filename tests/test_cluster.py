"""Online story clustering on hand-written coverage: joins, splits, decay and merges."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from tidings.cluster.candidates import InMemoryCandidates
from tidings.cluster.embed import Embedder, EmbedderUnavailableError, load_embedder
from tidings.cluster.features import ENTITY_PREFIX, document_keys, featurize
from tidings.cluster.online import OnlineClusterer
from tidings.cluster.options import ClusterOptions
from tidings.cluster.tfidf import DocumentFrequencies

START = datetime(2011, 3, 1, 9, tzinfo=UTC)


def day(n: float) -> datetime:
    return START + timedelta(days=n)


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    return load_embedder()


def clusterer(embedder: Embedder, **changes: float) -> OnlineClusterer:
    options = ClusterOptions(**changes)  # type: ignore[arg-type]
    return OnlineClusterer(options, embedder, InMemoryCandidates(options))


CHILE = [
    (
        "Magnitude 7.8 earthquake strikes southern Chile",
        "A powerful earthquake of magnitude 7.8 struck southern Chile on Tuesday, killing at least "
        "40 people in the coastal city of Valdivia, officials said. President Michelle Bachelet "
        "declared a state of emergency in the Los Rios region and sent troops to help rescue teams "
        "search collapsed buildings. The quake triggered a tsunami warning along the Pacific "
        "coast.",
        "Reuters",
    ),
    (
        "Deadly quake flattens buildings in Valdivia",
        "Rescue workers in Valdivia dug through rubble through the night after the strongest "
        "earthquake to hit Chile in years. Michelle Bachelet flew to the Los Rios region and "
        "promised aid to families who lost their homes. Chile's emergency office said power and "
        "water were cut across much of the south and that the tsunami warning had been lifted.",
        "BBC",
    ),
    (
        "Chile earthquake death toll rises to 62",
        "The number of people killed in the earthquake in southern Chile rose to 62 on Wednesday, "
        "the interior ministry said, as aftershocks rattled Valdivia. Bachelet said the army would "
        "stay in the Los Rios region to keep order and distribute food and water to survivors.",
        "AP",
    ),
]
PERU = (
    "Earthquake damages churches in Arequipa, Peru",
    "An earthquake of magnitude 6.1 shook southern Peru on Thursday, damaging colonial churches "
    "in Arequipa and injuring a dozen people, Peru's civil defence institute said. President "
    "Alan Garcia said the damage was limited and that no one had been killed. Schools in the "
    "Arequipa region were closed for inspections.",
    "Reuters",
)


def test_one_event_from_three_outlets_is_one_story_and_a_similar_event_is_not(
    embedder: Embedder,
) -> None:
    online = clusterer(embedder)
    first = online.add(1, *CHILE[0][:2], day(0), CHILE[0][2])
    second = online.add(2, *CHILE[1][:2], day(0.3), CHILE[1][2])
    third = online.add(3, *CHILE[2][:2], day(1), CHILE[2][2])
    peru = online.add(4, *PERU[:2], day(2), PERU[2])
    assert first.created and first.story_id == 1
    assert (second.story_id, third.story_id) == (1, 1)
    assert not second.created and second.score >= online.options.join_threshold
    assert peru.created and peru.story_id == 4


def test_story_summary_fields(embedder: Embedder) -> None:
    online = clusterer(embedder)
    for number, (title, text, source) in enumerate(CHILE, start=1):
        online.add(number, title, text, day(number / 3), source)
    story = online.candidates.get(1)
    assert story is not None
    assert story.size == 3 and len(story.sources) == 3
    assert story.first_seen == day(1 / 3) and story.first_source == "Reuters"
    assert story.title in {title for title, _, _ in CHILE}
    assert "Valdivia" in story.label() or "Los Rios" in story.label()
    assert story.label() == story.label().strip(", ") and "," not in story.label().split()[0]


def test_story_label_is_readable_not_a_keyword_dump() -> None:
    from tidings.cluster.text import readable_label

    names = ["south ossetia", "south ossetian", "georgia", "georgian"]
    titles = ["Russian troops push into South Ossetia as Georgia appeals"]
    assert readable_label(names, ["troop"], titles) == "South Ossetia, Georgia"
    assert readable_label([], ["aex-c", "aex-p", "bel20", "bel20-tl"], ["Markets"]) == ""
    assert readable_label(["são paulo"], ["flood"], ["Floods in São Paulo"]) == "São Paulo, flood"
    # Headline-only stories of the demo's headline set (title-case, so no names found).
    snowden = ["Edward Snowden Discusses NSA Leaks At SXSW", "Edward Snowden Is a Stain Upon the "
               "Constitution"]
    assert readable_label([], ["snowden", "edward"], snowden) == "Edward Snowden"
    thrones = ["New Game of Thrones season 4 trailer"]
    assert readable_label([], ["throne", "game"], thrones) == "Game of Thrones"
    mcdonalds = ["McDonald's US sales continue to struggle in February"]
    assert readable_label([], ["mcdonald", "sale"], mcdonalds) == "McDonald, sales"
    assert readable_label(["cyrus"], [], ["Cyrus' tour bus catches fire"]) == "Cyrus"
    privacy = ["The security vs. privacy debate is already over, and privacy lost"]
    assert readable_label([], ["privacy", "debate"], privacy) == ""


TRIAL = [
    "The war crimes trial of Radovan Karadzic resumed in The Hague with testimony from {who}, "
    "who described {what}. Karadzic, who is defending himself at the International Criminal "
    "Tribunal for the former Yugoslavia, questioned the witness about {about}. Prosecutors say "
    "Karadzic led the Bosnian Serbs during the siege of Sarajevo and the Srebrenica massacre.",
]
WITNESSES = [
    ("a Sarajevo surgeon", "shelling of the city's main hospital", "casualty records"),
    ("a former UN officer", "sniper fire on Sarajevo's trams", "ceasefire talks"),
    ("a Srebrenica survivor", "the separation of men and boys", "the enclave's defenders"),
    ("a Dutch peacekeeper", "the fall of Srebrenica in July 1995", "NATO air support"),
    ("a forensic expert", "mass graves found near Srebrenica", "the exhumation methods"),
    ("a Bosnian Serb officer", "orders given around Sarajevo", "the chain of command"),
    ("a Sarajevo journalist", "the marketplace shelling", "the direction of fire"),
    ("a UN military observer", "artillery positions around Sarajevo", "weapons exclusion zones"),
    ("a demographer", "population losses in Srebrenica", "census data"),
    ("a former Bosnian Serb minister", "meetings in Pale", "political decisions"),
]


def trial_article(index: int) -> tuple[str, str]:
    who, what, about = WITNESSES[index % len(WITNESSES)]
    return (
        f"Karadzic trial hears from {who}",
        TRIAL[0].format(who=who, what=what, about=about),
    )


def test_continuous_coverage_keeps_a_story_alive_for_weeks_without_a_window(
    embedder: Embedder,
) -> None:
    online = clusterer(embedder)
    stories = {online.add(n, *trial_article(n), day(4 * n), "Reuters").story_id for n in range(10)}
    assert stories == {0}  # ten articles over 36 days, one story


def test_a_topic_dormant_for_months_starts_a_new_story(embedder: Embedder) -> None:
    online = clusterer(embedder)
    for n in range(3):
        online.add(n, *trial_article(n), day(n), "Reuters")
    later = online.add(99, *trial_article(4), day(200), "Reuters")
    assert later.created and later.story_id == 99


def test_join_files_an_article_with_a_given_story_whatever_its_score(embedder: Embedder
                                                                     ) -> None:
    """How a syndicated copy joins its original's story: `add` would start a new one here."""
    online = clusterer(embedder)
    online.add(1, *CHILE[0][:2], day(0), CHILE[0][2])
    features = featurize(*PERU[:2], day(2), PERU[2], embedder, online.frequencies,
                         online.options)
    joined = online.join(4, features, 1)
    assert joined is not None and (joined.story_id, joined.created) == (1, False)
    assert joined.score < online.options.join_threshold
    story = online.candidates.get(1)
    assert story is not None and (story.size, story.sources) == (2, {"Reuters": 2})
    assert online.join(5, features, 404) is None


def test_gap_penalty_grows_smoothly() -> None:
    options = ClusterOptions()
    penalties = [options.penalty(days) for days in (0, 1, 3, 7, 14, 60, 365)]
    assert penalties[0] == 0
    assert penalties == sorted(penalties)
    assert penalties[3] == pytest.approx(options.decay_penalty / 2)
    assert options.horizon_days() > 14


def test_keys_found_in_too_many_articles_are_not_looked_up(embedder: Embedder) -> None:
    options = ClusterOptions()
    title, text = DAM_A
    term_counts, phrases = document_keys(title, text)
    every = [*term_counts, *(ENTITY_PREFIX + p for p in phrases)]

    def keys(docs: int, each: int) -> tuple[str, ...]:
        """The article's keys when each of its terms and phrases is in `each` of `docs`."""
        seen = DocumentFrequencies(docs, Counter(dict.fromkeys(every, each)))
        return featurize(title, text, START, "Wire", embedder, seen, options).keys

    assert options.key_cap(200_000) == 4_000  # 2% of the articles, at least 1,000
    rare = keys(200_000, 3_000)
    assert len(rare) == options.key_terms + len(phrases)  # all it has, under the cap
    assert keys(400, 300) == rare  # in 75% of a small corpus: under the cap's floor
    assert keys(200_000, 5_000) == ()


DAM_A = (
    "Dam bursts above Sichuan valley",
    "A dam on the Min river in Sichuan province burst on Sunday, sending a wall of water into "
    "the valley below. Officials in Chengdu said the Zipingpu reservoir had been weakened by "
    "heavy rain and that engineers had warned of cracks for weeks.",
)
DAM_B = (
    "Villagers flee rising water in Dujiangyan",
    "Tens of thousands of villagers were evacuated from Dujiangyan on Sunday as floodwater "
    "swept through farms and roads. Soldiers used boats to reach families stranded on rooftops "
    "and the provincial government opened schools as shelters.",
)
BRIDGE = (
    "Zipingpu dam failure floods Dujiangyan",
    "The collapse of the Zipingpu dam on the Min river in Sichuan flooded Dujiangyan on Sunday, "
    "forcing tens of thousands of villagers to flee. Soldiers in boats reached families stranded "
    "on rooftops, and officials in Chengdu said the reservoir had been weakened by heavy rain.",
)


def test_a_bridging_article_merges_two_stories_of_one_event(embedder: Embedder) -> None:
    online = clusterer(embedder)
    first = online.add(1, *DAM_A, day(0), "Xinhua")
    second = online.add(2, *DAM_B, day(0.1), "BBC")
    assert second.created, "the two angles should start apart for this test to mean anything"
    bridge = online.add(3, *BRIDGE, day(0.2), "AP")
    assert bridge.story_id == first.story_id == 1
    assert bridge.merged_story_ids == (2,)
    story = online.candidates.get(1)
    assert story is not None and story.size == 3 and online.candidates.get(2) is None


def test_unknown_embedder_fails_with_a_clear_message() -> None:
    with pytest.raises(EmbedderUnavailableError, match="unknown embedder 'nope'"):
        load_embedder("nope")
