"""A killing told of someone the sentence does not name ("an unarmed teenager was shot and
killed by police"), given to the one person whose death the next sentences name ("Michael
Brown's death"): news copy often tells the killing first and names the dead after."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from spacy.tokens import Token

from tidings.enrich.gender import is_person_noun
from tidings.enrich.results import Event

PEOPLE = frozenset({"man", "woman", "boy", "girl", "person", "child", "youth", "baby"})
"""Person nouns the word list leaves out (each also has other senses it is not sure of)."""
_AFTER = 2
"""How many sentences after an unnamed killing the death of its victim may be named in."""


def unnamed_victim(arguments: list[Token]) -> bool:
    """Whether the one argument of a killing is someone not named: "a teenager", "an unarmed
    man" (one person, introduced as new; not "two men", "the officer", "his father")."""
    if len(arguments) != 1:
        return False
    noun = arguments[0]
    return (
        noun.pos_ == "NOUN"
        and noun.tag_ == "NN"
        and (is_person_noun(noun.lemma_) or noun.lemma_.lower() in PEOPLE)
        and any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in noun.children)
        and not noun.conjuncts
    )


def named_victims(
    events: list[Event], killings: list[tuple[int, date | None]], dated: set[int]
) -> list[Event]:
    """The killings (sentence, date) of `killings` as events of the person whose death the
    same or the next sentences tell, where that is one person only and no one else is killed
    or dies there; each at the sentence that names them. Not a death a sentence of `dated`
    (one that gives a date) puts on another day: "X, who died in 2001"."""
    found: list[Event] = []
    for index, when in killings:
        window = range(index, index + _AFTER + 1)
        deaths = [e for e in events if e.sentence_index in window and e.type in {"died", "killed"}
                  and (e.sentence_index not in dated or e.date == when)]
        if len({e.person for e in deaths}) != 1:
            continue
        if any(e.type == "killed" for e in deaths):
            continue  # already told as a killing
        found.append(replace(deaths[0], type="killed"))
    return found
