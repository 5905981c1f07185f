"""Whether a death the text tells was a killing: "the shooting death of X", "died after being
shot", "the attack, which resulted in the deaths of X", "the death of X, who was shot"."""

from __future__ import annotations

from spacy.tokens import Token

VIOLENT = frozenset({"shooting", "stabbing", "beating", "strangling", "bombing", "gunshot"})
"""What makes a death a killing: "the shooting death of Michael Brown"."""

_WOUNDING_VERBS = frozenset({"shoot", "stab", "strangle", "bludgeon", "knife"})
"""Verbs of violence done to someone who then died: "died after being shot" (not "attacked"
or "beaten", which critics and rivals do too)."""
_ATTACKS = frozenset(
    {"attack", "assault", "raid", "strike", "airstrike", "bombing", "blast", "explosion"}
    | {"shooting", "stabbing", "ambush", "massacre", "shelling", "gunfire", "rampage"}
)
"""What causes a death that is a killing: "the attack, which resulted in the deaths of X"."""
_CAUSING = frozenset({"result", "lead", "cause", "leave"})
"""Verbs by which an attack brings deaths: "resulted in", "led to", "caused", "left"."""


def violent_death(token: Token) -> bool:
    """Whether the death told by `token` ("death", "died") was a killing."""
    if token.pos_ == "NOUN":
        if any(c.dep_ in {"compound", "amod"} and c.lower_ in VIOLENT for c in token.children):
            return True
        return _caused_by_an_attack(token) or _of_someone_wounded(token)
    return token.pos_ == "VERB" and _died_of_wounds(token)


def _died_of_wounds(verb: Token) -> bool:
    """ "died after being shot", "died of gunshot wounds", "died from stab wounds", "died in
    the blast"."""
    for prep in (c for c in verb.children if c.lower_ in {"after", "of", "from", "in"}):
        for cause in prep.children:
            if prep.lower_ == "in":
                if cause.dep_ == "pobj" and cause.lemma_.lower() in _ATTACKS:
                    return True
                continue
            if cause.dep_ == "pcomp" and cause.lemma_.lower() in _WOUNDING_VERBS:
                return _passive(cause)
            if cause.dep_ == "pobj" and (
                cause.lemma_.lower() in VIOLENT
                or any(c.lower_ in VIOLENT | {"stab", "bullet"} for c in cause.children)
            ):
                return True
    return False


def _caused_by_an_attack(noun: Token) -> bool:
    """ "the attack, which resulted in the deaths of X", "the bombing caused the death of"."""
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    if noun.dep_ not in {"pobj", "dobj"} or verb.lemma_.lower() not in _CAUSING:
        return False
    causes = [c for c in verb.children if c.dep_ == "nsubj"]
    if verb.dep_ == "relcl" and any(c.lower_ in {"which", "that"} for c in causes):
        causes.append(verb.head)
    return any(c.lemma_.lower() in _ATTACKS for c in causes)


def _of_someone_wounded(noun: Token) -> bool:
    """ "the death of Michael Brown, who was shot by a police officer": the one whose death
    it is was shot (or stabbed, beaten), as a relative clause on them says."""
    for of in (c for c in noun.children if c.lower_ == "of"):
        for person in (g for g in of.children if g.dep_ == "pobj"):
            for clause in (c for c in person.children if c.dep_ == "relcl"):
                who = any(c.lower_ == "who" for c in clause.children)
                if who and clause.lemma_.lower() in _WOUNDING_VERBS and _passive(clause):
                    return True
    return False


def _passive(verb: Token) -> bool:
    return any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children)


def late_one(adjective: Token) -> Token | None:
    """The person "the late" says has died: "the late Sen. Ted Kennedy" (Kennedy), "her late
    husband, John Smith" (the husband, named beside); None for "the late 1990s", "a late
    Tom Hill goal", "her late father" (nobody named), "she was late"."""
    if adjective.lower_ != "late" or adjective.dep_ != "amod" or adjective.pos_ != "ADJ":
        return None
    noun = adjective.head
    while noun.dep_ == "compound" and noun.head.pos_ == "PROPN":
        noun = noun.head  # "the late Sen. Ted Kennedy": the name the title is a compound of
    if noun.pos_ == "PROPN":
        return noun if noun.ent_type_ == "PERSON" else None
    named = any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in noun.children)
    return noun if noun.pos_ == "NOUN" and named else None
