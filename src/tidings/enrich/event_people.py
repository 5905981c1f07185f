"""The person an event's argument names: a name, or a pronoun only where nobody else could be
meant. A wrong status badge is worse than none, so events trust a pronoun less than quotes do:
"Kofi Annan ... the Shah before he was deposed" is nobody's ouster, and "Tom Hill fired him"
is never Tom Hill's dismissal."""

from __future__ import annotations

from spacy.tokens import Token

from tidings.enrich.document import ParsedArticle, person_at
from tidings.enrich.gender import is_person_noun
from tidings.enrich.lexicon import FEMALE_MARKERS, FEMALE_NOUNS, MALE_MARKERS, MALE_NOUNS
from tidings.enrich.roles import is_role_noun

_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
_WINDOW = 3
"""How many sentences before a pronoun's own its antecedent is sought in."""


def event_person(article: ParsedArticle, token: Token) -> str | None:
    """The person `token` names, where an event may be given to them."""
    person = person_at(article, token)
    if person is None or token.lower_ not in _GENDER:
        return person
    if _bound_to_subject(article, token, person) or _rival_between(article, token, person):
        return None
    return person


def _bound_to_subject(article: ParsedArticle, pronoun: Token, person: str) -> bool:
    """ "Tom Hill fired him": an object pronoun never names its own verb's subject."""
    if pronoun.dep_ not in {"dobj", "dative"} or pronoun.lower_ not in {"him", "her"}:
        return False
    verb = pronoun.head
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if not subjects and verb.dep_ == "conj":
        subjects = [c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return any(person_at(article, s) == person for s in subjects)


def _rival_between(article: ParsedArticle, pronoun: Token, person: str) -> bool:
    """Whether someone else who could be meant stands between the pronoun and its nearest
    antecedent: another person named, or a person without a name ("the Shah", "the
    minister"), of a gender that does not clash."""
    want = _GENDER[pronoun.lower_]
    first = article.sentences[max(0, article.sentence_of[pronoun.i] - _WINDOW)].start
    outside = pronoun.i not in article.quoted
    for i in range(pronoun.i - 1, first - 1, -1):
        token = article.doc[i]
        if outside and i in article.quoted:
            continue
        if _names(article, token, person):
            return False
        if _other_person(article, token, person, want):
            return True
    return False


def _names(article: ParsedArticle, token: Token, person: str) -> bool:
    """Whether `token` is a mention of `person`, or a pronoun already resolved to them."""
    mention = article.mention_at.get(token.i)
    if mention is not None:
        return mention.type == "PERSON" and mention.name == person
    if token.lower_ in _GENDER:
        return article.pronouns.get(token.i, None) == person
    return False


def _other_person(article: ParsedArticle, token: Token, person: str, want: str) -> bool:
    mention = article.mention_at.get(token.i)
    if mention is not None and mention.type == "PERSON":
        if mention.name == person or token.i != mention.end - 1:
            return False
        return article.gender.get(mention.name, want) == want
    return _unnamed_person(article, token) and _noun_gender(token) in {None, want}


def _unnamed_person(article: ParsedArticle, token: Token) -> bool:
    """ "the Shah", "the minister", "his lawyer": one definite person the article does not
    name here (not "President Obama", not "the minister, Tom Smith")."""
    if token.pos_ not in {"NOUN", "PROPN"} or token.tag_ not in {"NN", "NNP"}:
        return False
    if token.dep_ in _DESCRIBING or _a_person(article, token.head):
        return False  # "X was the leader ... when he resigned": the leader is X
    if token.dep_ == "pobj" and token.head.lower_ == "as":
        return False  # "X served as the minister until he resigned"
    if not (is_person_noun(token.lemma_) or is_role_noun(token)):
        return False  # "the Shah" (which NER may take for an organisation), "the minister"
    if any(c.dep_ == "appos" or _a_person(article, c) for c in token.children):
        return False
    return any(c.lower_ in {"the", "this", "that"} or c.dep_ == "poss" for c in token.children)


_DESCRIBING = frozenset({"compound", "appos", "attr", "oprd", "conj"})
"""How a noun hangs that describes someone already named rather than naming another."""


def _a_person(article: ParsedArticle, token: Token) -> bool:
    mention = article.mention_at.get(token.i)
    return mention is not None and mention.type == "PERSON"


def _noun_gender(noun: Token) -> str | None:
    word = noun.lower_
    if word in FEMALE_NOUNS or word in FEMALE_MARKERS:
        return "f"
    if word in MALE_NOUNS or word in MALE_MARKERS:
        return "m"
    return None
