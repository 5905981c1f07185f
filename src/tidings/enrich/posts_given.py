"""The person an appointing verb gives a post when the parse ran its two objects together:
"Voters elected John Smith president", "Obama appointed Mary Jones ambassador to France"
(the small model parses "John Smith president" as one noun phrase, the name a compound of
the office)."""

from __future__ import annotations

from spacy.tokens import Token

from tidings.enrich.role_nouns import is_role_noun

GIVING_VERBS = frozenset(
    {"appoint", "reappoint", "name", "elect", "re-elect", "reelect", "nominate", "make"}
    | {"choose", "pick", "select", "install", "promote", "confirm", "tap", "crown"}
)
"""Verbs that give their first object the post their second names."""


def post_holder(noun: Token) -> Token | None:
    """The name the office `noun` is given to, where `noun` is a role noun object of a
    giving verb and the phrase opens with one person's name: "elected [John Smith
    president]"; not "appointed a Bush adviser" (the phrase opens with "a": an adviser of
    Bush's) nor "named the Obama aide"."""
    if noun.dep_ not in {"dobj", "oprd"} or noun.head.lemma_.lower() not in GIVING_VERBS:
        return None
    return _opening_name(noun)


def listed_holders(noun: Token) -> list[Token]:
    """The names given the posts listed after the first: "named [Scott Milanovich offensive
    coordinator] and [Vince Martino offensive line coach]", where the parse made the second
    name, or the second post opening with it, a conjunct of the first post."""
    if post_holder(noun) is None:
        return []
    found: list[Token] = []
    for conj in (c for c in noun.conjuncts if c.i > noun.i):
        if conj.ent_type_ == "PERSON" and conj.pos_ == "PROPN":
            found.append(conj)
        elif (name := _opening_name(conj)) is not None:
            found.append(name)
    return found


def _opening_name(noun: Token) -> Token | None:
    """The one person's name a role noun's phrase opens with: "[John Smith] president"."""
    if not is_role_noun(noun):
        return None
    names = [
        c
        for c in noun.children
        if c.dep_ in {"compound", "nmod"} and c.i < noun.i and c.ent_type_ == "PERSON"
        and c.pos_ == "PROPN"
    ]
    if len(names) != 1 or names[0].left_edge.i != noun.left_edge.i:
        return None
    return names[0]
