"""One role, not many spellings of it: a participle after its own subject is no part of a
title, a word that says when is no part of the role shown, and a bare title joins the fuller
form the coverage gives most."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tidings.enrich.role_names import merge_roles, without_time_words
from typed_entities import roles

WHEN = datetime(2020, 10, 5, tzinfo=UTC)


def roles_of(text: str) -> dict[str, set[str]]:
    return roles(text, WHEN)


@pytest.mark.parametrize(
    "text",
    [
        # Wikinews (CC BY 2.5), "US presidential debate", October 2020
        "Polls showed Democratic Party presidential nominee Joe Biden leading President Donald "
        "Trump, the Republican Party presidential nominee, in the RealClearPolitics average.",
        "The first charged President Donald Trump with abuse of power.",
    ],
)
def test_a_verb_after_its_subject_is_no_part_of_the_title(text: str) -> None:
    roles = roles_of(text)["Donald Trump"]
    assert "President" in roles
    assert not any(r.lower().startswith(("leading", "charged")) for r in roles)


@pytest.mark.parametrize(
    ("text", "person", "role"),
    [
        ("The acting President Kamala Harris signed the order.", "Kamala Harris",
         "acting President"),
        ("The court heard that retired General John Allen had advised them.", "John Allen",
         "retired General"),
    ],
)
def test_a_titles_own_participle_stays(text: str, person: str, role: str) -> None:
    assert role in roles_of(text)[person]


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        ("incumbent President of the United States", "President of the United States"),
        ("then-Senator", "Senator"),
        ("the current Prime Minister", "Prime Minister"),
        ("former President", "former President"),  # another time: a role of its own
        ("incumbent", "incumbent"),
    ],
)
def test_words_that_say_when_are_no_part_of_the_role(role: str, shown: str) -> None:
    assert without_time_words(role) == shown


def test_a_bare_title_joins_the_fuller_form_the_coverage_gives_most() -> None:
    given = (["President"] * 10 + ["U.S. President"] * 6
             + ["incumbent President of the United States"] * 3
             + ["Republican President", "first president"])
    spelled = merge_roles(given)
    assert spelled["President"] == "President of the United States"
    assert spelled["incumbent President of the United States"] == (
        "President of the United States")
    assert spelled["Republican President"] == "Republican President"


def test_a_bare_title_between_posts_given_alike_joins_none() -> None:
    spelled = merge_roles(["Minister"] + ["Foreign Minister"] * 3 + ["Defence Minister"] * 2)
    assert spelled["Minister"] == "Minister"


def test_former_stays_apart_from_the_post_held_now() -> None:
    spelled = merge_roles(["President", "President of the United States", "former President",
                           "former President of the United States"])
    assert spelled["President"] == "President of the United States"
    assert spelled["former President"] == "former President of the United States"


def test_former_keeps_its_place_when_the_post_is_spelled_with_of() -> None:
    spelled = merge_roles(["former US Vice President", "Former Vice President of the United States",
                           "US Vice President", "President"])
    assert spelled["former US Vice President"] == "Former Vice President of the United States"
    assert spelled["US Vice President"] == "US Vice President"  # now, not formerly
