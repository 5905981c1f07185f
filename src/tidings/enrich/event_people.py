"""The person an event's argument names: a name, or a pronoun only where nobody else could be
meant. A wrong status badge is worse than none, so events trust a pronoun less than quotes do:
"Kofi Annan ... the Shah before he was deposed" is nobody's ouster, and "Tom Hill fired him"
is never Tom Hill's dismissal."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Token

from tidings.enrich.document import ParsedArticle, person_at
from tidings.enrich.event_victims import PEOPLE
from tidings.enrich.gender import is_person_noun
from tidings.enrich.lexicon import (
    FEMALE_MARKERS,
    FEMALE_NOUNS,
    MALE_MARKERS,
    MALE_NOUNS,
    SPEECH_VERBS,
)
from tidings.enrich.role_nouns import is_role_noun

_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
_WINDOW = 3
"""How many sentences before a pronoun's own its antecedent is sought in."""


def event_person(article: ParsedArticle, token: Token) -> str | None:
    """The person `token` names, where an event may be given to them."""
    person = person_at(article, token)
    if person is None:
        return None
    if token.lower_ not in _GENDER:
        return person
    if _bound_to_subject(article, token, person) or _rival_between(article, token, person):
        return None
    return person


def _a_modifier(name: Token) -> bool:
    """ "the Brexit vote", "the Obama administration": a name used to qualify a thing, which
    a pronoun after it ("appointed him") is too weakly tied to for an event."""
    return name.dep_ == "compound" and name.head.pos_ == "NOUN"


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
    minister"), of a gender that does not clash. Not a name inside the antecedent's own
    phrase ("X, the son of Y, ... he") nor a source ("according to Y", "Y said")."""
    want = _GENDER[pronoun.lower_]
    first = article.sentences[max(0, article.sentence_of[pronoun.i] - _WINDOW)].start
    outside = pronoun.i not in article.quoted
    rivals: list[Token] = []
    antecedent: Token | None = None
    for i in range(pronoun.i - 1, first - 1, -1):
        token = article.doc[i]
        if outside and i in article.quoted:
            continue
        if antecedent is None and _names(article, token, person):
            antecedent = token
            if token.sent.start != pronoun.sent.start or _dominates(token, pronoun):
                break  # earlier in the pronoun's sentence only a subject above it wins out
        elif _other_person(article, token, person, want) and not _source(token):
            rivals.append(token)
        if antecedent is not None and i == pronoun.sent.start:
            break
    if antecedent is None:
        return False
    if _a_modifier(antecedent):
        return True  # nobody named as a person stands nearer
    own = _phrase_of(antecedent)
    rivals = [r for r in rivals if r.i not in own]
    if rivals and _topic_subject(article, antecedent, person):
        rivals = [r for r in rivals if not _aside(article, r)]
    return bool(rivals)


def _topic_subject(article: ParsedArticle, antecedent: Token, person: str) -> bool:
    """Whether the antecedent is the main subject of its sentence and the person the
    article names most often: "Uribe ... is one of the few allies of George W. Bush. He was
    re-elected in May" is Uribe's."""
    name = antecedent
    while name.dep_ in {"compound", "flat"}:
        name = name.head
    if name.dep_ not in {"nsubj", "nsubjpass"} or name.head.dep_ != "ROOT":
        return False
    counts = Counter(m.name for m in article.mentions if m.type == "PERSON")
    ranked = counts.most_common(2)
    return ranked[0][0] == person and (len(ranked) == 1 or ranked[1][1] < ranked[0][1])


def _aside(article: ParsedArticle, rival: Token) -> bool:
    """A named person mentioned in passing, inside a phrase ("allies of George W. Bush"),
    not a subject or object of a clause, nor a description ("the Shah")."""
    mention = article.mention_at.get(rival.i)
    return mention is not None and mention.type == "PERSON" and rival.dep_ == "pobj"


def _dominates(antecedent: Token, pronoun: Token) -> bool:
    """Whether the antecedent is the subject of a clause the pronoun is in, or the object of
    its own: "John Bolton was nominated by Bush, but his appointment was opposed" (Bolton's,
    not Bush's)."""
    name = antecedent
    while name.dep_ in {"compound", "flat"}:
        name = name.head
    if any(
        c.i == name.i
        for clause in pronoun.ancestors
        for c in clause.children
        if c.dep_ in {"nsubj", "nsubjpass"}
    ):
        return True
    return _object_of_own_clause(name, pronoun) or _conjoined_subject(name, pronoun)


def _object_of_own_clause(name: Token, pronoun: Token) -> bool:
    """ "I congratulate Michel Sleiman on his election": the object of the pronoun's own
    clause."""
    verb = next((a for a in pronoun.ancestors if a.pos_ in {"VERB", "AUX"}), None)
    return verb is not None and name.head.i == verb.i and name.dep_ in {"dobj", "dative"}


def _conjoined_subject(name: Token, pronoun: Token) -> bool:
    """ "X was nominated ..., but his appointment was opposed": the subject of the clause
    the pronoun's clause is coordinated with."""
    return any(
        c.i == name.i and c.dep_ in {"nsubj", "nsubjpass"}
        for clause in (pronoun.head, *pronoun.head.ancestors)
        if clause.dep_ == "conj"
        for c in clause.head.children
    )


def _phrase_of(name: Token) -> set[int]:
    """Token indices of the noun phrase a name heads, appositions and "of" phrases included."""
    while name.dep_ in {"compound", "flat"} and name.head.pos_ == "PROPN":
        name = name.head
    return {t.i for t in name.subtree if not _clause_boundary(t, name)}


def _clause_boundary(token: Token, head: Token) -> bool:
    """Whether `token` sits in a relative clause of `head` (not its own phrase)."""
    node = token
    while node.i != head.i:
        if node.dep_ in {"relcl", "acl"}:
            return True
        node = node.head
    return False


def _source(name: Token) -> bool:
    """ "according to Y", "Y said": a name given as a source of what is told."""
    if name.dep_ == "pobj" and name.head.lower_ == "to" and name.head.i:
        return name.head.nbor(-1).lower_ == "according"
    return name.dep_ == "nsubj" and name.head.lemma_.lower() in SPEECH_VERBS


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
    if mention is not None and mention.type != "PERSON" and token.ent_type_ == "PERSON":
        # a name NER saw and typing took for a place: someone else unless part of the name,
        # or a place by its phrase too ("the unrest in Yala and Pattani provinces")
        own = token.text in person.split() or _in_a_place_phrase(token, mention.type)
        return not own and token.pos_ == "PROPN" and token.dep_ not in {"compound", "poss"}
    if mention is not None and mention.type == "PERSON":
        if mention.name == person or token.i != mention.end - 1 or token.dep_ == "compound":
            return False  # not "the Obama administration"
        if " " not in mention.name and mention.name not in article.gender:
            return _person_word(token)  # "the Shah"; not a lone word NER took for a name
        return article.gender.get(mention.name, want) == want
    if mention is None and token.ent_type_ == "PERSON" and token.pos_ == "PROPN":
        return token.dep_ not in {"compound", "poss"} and not (
            token.i + 1 < len(token.doc) and token.nbor(1).ent_type_ == "PERSON"
        )  # a name the mentions dropped; not one used as a modifier ("the Stateline program")
    return _unnamed_person(article, token) and _noun_gender(token) in {None, want}


_LOCATIVES = frozenset({"in", "at", "near", "across", "throughout", "outside", "inside"})


def _in_a_place_phrase(token: Token, typed: str) -> bool:
    """A word typed a place that heads, alone or listed, the object of a preposition of
    place ("in Yala", "across Pattani and Narathiwat provinces"): no person."""
    if typed not in {"GPE", "LOC", "FAC"}:
        return False
    node = token
    while node.dep_ in {"compound", "nmod", "conj", "amod"} and node.head.i != node.i:
        node = node.head
    return node.dep_ == "pobj" and node.head.lower_ in _LOCATIVES


def _unnamed_person(article: ParsedArticle, token: Token) -> bool:
    """ "the Shah", "the minister", "his lawyer": one definite person the article does not
    name here (not "President Obama", not "the minister, Tom Smith")."""
    if token.pos_ not in {"NOUN", "PROPN"} or token.tag_ not in {"NN", "NNP"}:
        return False
    if token.dep_ in _DESCRIBING or _a_person(article, token.head):
        return False  # "X was the leader ... when he resigned": the leader is X
    if token.dep_ == "pobj" and token.head.lower_ == "as":
        return False  # "X served as the minister until he resigned"
    if not (_person_word(token) or token.lemma_.lower() in PEOPLE):
        return False  # "the Shah" (which NER may take for an organisation), "the minister",
        # "this man"
    if any(c.dep_ == "appos" or _a_person(article, c) for c in token.children):
        return False
    if any(c.tag_ in {"JJS", "RBS"} or c.ent_type_ == "ORDINAL" for c in token.children):
        return False  # "the U.K.'s biggest retailer": a ranking, often of a company
    return any(c.lower_ in {"the", "this", "that"} or c.dep_ == "poss" for c in token.children)


_DESCRIBING = frozenset({"compound", "appos", "attr", "oprd", "conj"})
"""How a noun hangs that describes someone already named rather than naming another."""


def _person_word(token: Token) -> bool:
    return is_person_noun(token.lemma_) or is_role_noun(token)


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
