"""Near-duplicate detection: wire copies link to the earliest article, other texts do not."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tidings.dedupe.near import (
    NearDuplicateIndex,
    NearDuplicateOptions,
    RecentCopies,
    minhash_signature,
    signature_similarity,
)

WIRE = (
    "BRUSSELS (AP) - European Union finance ministers agreed early on Tuesday to a rescue "
    "package for Portugal worth 78 billion euros, ending weeks of negotiations over the terms "
    "of the loans. The deal, reached after a ten-hour meeting in Brussels, requires Lisbon to cut "
    "its budget deficit to three percent of economic output by 2013 and to sell stakes in state "
    "companies including the national airline and the electricity grid operator. Portugal's "
    "caretaker prime minister said the conditions were tough but fair, while opposition parties "
    "warned of a deep recession and rising unemployment. Markets rose on the news, with the euro "
    "gaining half a cent against the dollar in early trading in Asia."
)
EDITED = (
    WIRE.replace("early on Tuesday", "on Tuesday")
    .replace("Markets rose on the news, ", "Markets rose, ")
    .replace(
        "while opposition parties warned",
        "while the opposition parties warned",
    )
    + "\n\nCopyright 2011 The Associated Press. All rights reserved."
)
FOLLOW_UP = (
    "LISBON - Thousands of Portuguese workers marched through the capital on Saturday to protest "
    "against the austerity measures demanded by international lenders. Union leaders called a "
    "general strike for next month and said pension cuts would hit the poorest families hardest. "
    "Police said the march was peaceful. The government has promised to present a revised budget "
    "to parliament within three weeks. European Union finance ministers agreed to a rescue "
    "package for Portugal worth 78 billion euros earlier this month."
)
UNRELATED = (
    "The city council voted on Monday to extend the tram line to the new hospital, a project "
    "that has been debated for more than a decade. Construction is due to begin next spring and "
    "will close several streets in the old town for up to two years, the mayor said."
)


def test_edited_wire_copy_links_to_the_original() -> None:
    index = NearDuplicateIndex()
    assert index.add(1, WIRE) is None
    found = index.add(2, EDITED)
    assert found is not None
    assert found.canonical_id == 1
    assert 0.6 < found.similarity < 1.0


def test_copies_of_copies_link_to_the_earliest_article() -> None:
    index = NearDuplicateIndex()
    index.add(10, WIRE)
    index.add(11, EDITED)
    third = index.add(12, EDITED + "\n\nRead more on our business page.")
    assert third is not None and third.canonical_id == 10
    assert index.canonical_of(12) == 10


def test_follow_ups_and_unrelated_texts_are_not_copies() -> None:
    index = NearDuplicateIndex()
    index.add(1, WIRE)
    assert index.add(2, FOLLOW_UP) is None
    assert index.add(3, UNRELATED) is None
    assert index.canonical_of(2) == 2


def test_empty_text_is_neither_copy_nor_indexed() -> None:
    index = NearDuplicateIndex()
    assert index.add(1, "") is None
    assert index.add(2, " ... ") is None


def test_stored_signatures_rebuild_an_equivalent_index() -> None:
    options = NearDuplicateOptions()
    signature = minhash_signature(WIRE, options)
    assert len(signature) == options.num_perm
    assert all(isinstance(value, int) for value in signature)
    rebuilt = NearDuplicateIndex(options)
    rebuilt.restore(7, signature, None)
    found = rebuilt.add(8, EDITED)
    assert found is not None and found.canonical_id == 7


@pytest.mark.parametrize("threshold", [0.3, 0.9])
def test_threshold_is_an_option(threshold: float) -> None:
    options = NearDuplicateOptions(threshold=threshold)
    similarity = signature_similarity(
        minhash_signature(WIRE, options), minhash_signature(EDITED, options)
    )
    index = NearDuplicateIndex(options)
    index.add(1, WIRE)
    assert (index.add(2, EDITED) is not None) == (similarity >= threshold)


def test_recent_copies_look_back_one_window_only() -> None:
    options = NearDuplicateOptions()
    start = datetime(2011, 5, 3, tzinfo=UTC)
    copies = RecentCopies(options, timedelta(days=7))
    assert copies.add(1, start, minhash_signature(WIRE, options)) is None
    second = copies.add(2, start + timedelta(days=6), minhash_signature(EDITED, options))
    assert second is not None and second.canonical_id == 1
    third = copies.add(3, start + timedelta(days=12),
                       minhash_signature(EDITED + "\n\nRead more on our business page.", options))
    assert third is not None and third.canonical_id == 1  # through the copy still in the window
    assert copies.add(4, start + timedelta(days=30), minhash_signature(WIRE, options)) is None
