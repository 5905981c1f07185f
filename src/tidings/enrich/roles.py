"""Roles of people: titles, appositions, lists and copulas over the dependency parse."""

from __future__ import annotations

from spacy.tokens import Token

from tidings.enrich.apposition_roles import (
    antecedent_of_as,
    appositions,
    bare_title_before,
    fronted_description,
    member_of,
    misparsed_apposition,
    named_by_other,
    relative_roles,
    role_owner,
    split_apposition,
    spokesman_for,
    verb_between,
)
from tidings.enrich.document import ParsedArticle, person_at, sentence_text
from tidings.enrich.list_roles import examples_of, later_appositions, list_roles, listed_later
from tidings.enrich.mention import Mention
from tidings.enrich.names import fold
from tidings.enrich.results import Role
from tidings.enrich.role_names import expand_abbreviations
from tidings.enrich.role_nouns import free_role
from tidings.enrich.role_phrases import phrase
from tidings.enrich.stranded_roles import stranded_apposition
from tidings.enrich.title_roles import title_role
from tidings.enrich.verb_roles import (
    COPULAS,
    SUBJECT_DEPS,
    copula_roles,
    fronted_as,
    object_roles,
    possessed_post,
    shared_roles,
)

_SUCCESSION = frozenset({"new", "next", "incoming", "future", "previous", "outgoing"})


def find_roles(article: ParsedArticle) -> list[Role]:
    """Every (person, role) the article states, once each, with the first sentence saying it."""
    found: dict[tuple[str, str], Role] = {}
    for mention in article.mentions:
        if mention.type != "PERSON":
            continue
        article.check_time()
        index = article.sentence_of[mention.start]
        for role in map(expand_abbreviations, _roles_of(article, mention)):
            key = (mention.name, fold(role))
            if role and key not in found:
                found[key] = Role(mention.name, role, index, sentence_text(article, index))
    for pronoun, person in _pronoun_subjects(article):
        index = article.sentence_of[pronoun.i]
        for role in map(expand_abbreviations, copula_roles(article, pronoun)):
            key = (person, fold(role))
            if role and key not in found:
                found[key] = Role(person, role, index, sentence_text(article, index))
    holders = {person for person, _ in found}
    for noun, person in _definite_subjects(article):
        role = expand_abbreviations(phrase(article, noun, set()))
        if role and person not in holders:
            index = article.sentence_of[noun.i]
            found[(person, fold(role))] = Role(person, role, index, sentence_text(article, index))
    return list(found.values())


def _definite_subjects(article: ParsedArticle) -> list[tuple[Token, str]]:
    """ "The goal came from Eto'o when the Cameroon striker hammered it home": a definite
    singular role noun with a modifier of its own, subject of a verb other than "be" outside
    quotations, names the one person named before it in its sentence; never one of two
    ("Al Fayed convinced Hodgson and the former coach hopes"), and only a person the
    article gives no role otherwise (see `find_roles`)."""
    found = []
    for token in article.doc:
        if token.dep_ not in SUBJECT_DEPS or token.tag_ != "NN" or token.i in article.quoted:
            continue
        children = list(token.children)
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in children):
            continue
        if not any(c.dep_ in {"compound", "amod", "nmod"} for c in children):
            continue  # "the minister" alone may be anyone's
        if any(c.lower_ in _SUCCESSION for c in children):
            continue  # "the new leader" is someone else's successor
        if any(c.dep_ in {"poss", "appos", "relcl", "acl"} for c in children):
            continue
        if token.head.lemma_ == "be" or not free_role(article, token):
            continue
        if any(person_at(article, t) for t in token.subtree):
            continue
        article.check_time()
        person = _one_named_before(article, token)
        if person is not None and not _in_own_clause(article, token, person):
            found.append((token, person))
    return found


def _in_own_clause(article: ParsedArticle, noun: Token, person: str) -> bool:
    """ "Mr Howard said he expected polls to change as the new leader goes": a noun inside
    what the person's own verb says or governs is someone they speak of; a clause joined by
    "but"/"and" ("X is a candidate, but the Blackburn manager said") is not inside it."""
    verbs = {
        article.doc[m.start : m.end].root.head.i
        for m in article.mentions
        if m.name == person and article.doc[m.start : m.end].root.dep_ in SUBJECT_DEPS
    }
    for node in noun.ancestors:
        if node.i in verbs:
            return True
        if node.dep_ == "conj":
            return False
    return False


def _one_named_before(article: ParsedArticle, token: Token) -> str | None:
    """The one person named before `token` in its sentence (a sentence before may have
    been about someone else: "X visited Paris. The French president said")."""
    index = article.sentence_of[token.i]
    names = {
        m.name
        for m in article.mentions
        if m.type == "PERSON"
        and article.sentence_of[m.start] == index
        and m.end <= token.i
        and m.start not in article.quoted
    }
    return names.pop() if len(names) == 1 else None


def _pronoun_subjects(article: ParsedArticle) -> list[tuple[Token, str]]:
    """ "He is the mayor of Boston", "She was appointed ambassador": "he"/"she" outside
    quotations as the subject of a main-clause copula, before any name in its sentence
    (which a clause of its own might be about), with the person they resolve to."""
    found = []
    for token in article.doc:
        if token.lower_ not in {"he", "she"} or token.dep_ not in SUBJECT_DEPS:
            continue
        if token.i in article.quoted or token.head.lemma_ not in COPULAS:
            continue
        if token.head.dep_ != "ROOT" or any(
            article.mention_at.get(t.i) is not None for t in token.sent if t.i < token.i
        ):
            continue
        article.check_time()
        person = person_at(article, token)
        if person is not None:
            found.append((token, person))
    return found


def _set_off(article: ParsedArticle, mention: Mention, noun: Token) -> bool:
    """Whether an apposition after a name is one: set off from it by a mark ("X, the
    striker", "X (the striker)"), or unmarked after a subject ("Sharan Burrow the president
    of the ACTU has told"); not unmarked after the object of a preposition ("in the absence
    of the injured Carlos Tevez the England striker would have", "heard about Foxy Brown the
    artist": the phrase is a subject of its own or a description)."""
    between = article.doc[mention.end : noun.left_edge.i]
    if noun.i < mention.start or any(t.is_punct for t in between):
        return True
    return article.doc[mention.start : mention.end].root.dep_ != "pobj"


def _roles_of(article: ParsedArticle, mention: Mention) -> list[str]:
    root = article.doc[mention.start : mention.end].root
    roles = [title_role(article, mention)]
    described = [
        c
        for c in appositions(root)
        if free_role(article, c)
        and not named_by_other(article, c, root)
        and not verb_between(root, c)
        and not listed_later(article, root, c)
        and _set_off(article, mention, c)
    ]
    if root.dep_ == "appos" and not verb_between(root, root.head):
        owner = role_owner(antecedent_of_as(root.head))
        described += [h for h in [owner] if free_role(article, h)]
    described += [
        c
        for d in list(described)
        for c in d.conjuncts
        if free_role(article, c)
        and not any(t.dep_ == "neg" for t in c.subtree)
        and not named_by_other(article, c, root)
    ]
    described += relative_roles(article, root)
    roles += [phrase(article, d, {root.i}) for d in dict.fromkeys(described)]
    roles += copula_roles(article, root)
    roles += fronted_as(article, root)
    roles += object_roles(article, root)
    roles += shared_roles(article, root)
    roles += possessed_post(article, root)
    roles += list_roles(article, root)
    roles += later_appositions(article, root)
    roles += fronted_description(article, root)
    roles += spokesman_for(article, root)
    roles += bare_title_before(article, root)
    roles += examples_of(article, root)
    roles += split_apposition(article, root)
    roles += member_of(article, root)
    roles += misparsed_apposition(article, root)
    roles += stranded_apposition(article, root)
    return [r for r in roles if r]
