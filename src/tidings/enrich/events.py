"""Events about people (killed, died, appointed, ...) from verbs and nouns in the parse."""

from __future__ import annotations

from spacy.tokens import Token

from tidings.enrich.dates import sentence_date
from tidings.enrich.document import ParsedArticle, person_at, sentence_text
from tidings.enrich.lexicon import (
    EVENT_NOUNS,
    EVENT_VERBS,
    MODAL_AUX,
    SUBJECT_EVENTS,
)
from tidings.enrich.names import fold
from tidings.enrich.results import Event, Role
from tidings.enrich.roles import is_role_noun


def find_events(article: ParsedArticle, roles: list[Role]) -> list[Event]:
    """One event per (type, person or role) and sentence, in text order."""
    events: dict[tuple[str, str | None, str | None, int], Event] = {}
    for token in article.doc:
        kind, arguments = _trigger(token)
        if kind is None or _hedged(token):
            continue
        index = article.sentence_of[token.i]
        when = sentence_date(article.sentences[index], article.published)
        for person, role in _participants(article, arguments, roles):
            event = Event(kind, person, role, when, index, sentence_text(article, index))
            events.setdefault((kind, person, role, index), event)
    return list(events.values())


def _trigger(token: Token) -> tuple[str | None, list[Token]]:
    """Event type and the tokens that may name who it happened to."""
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB" and lemma in EVENT_VERBS:
        if lemma == "shoot" and not any(c.lower_ == "dead" for c in token.children):
            return None, []
        return EVENT_VERBS[lemma], _verb_arguments(token, lemma)
    if token.pos_ == "NOUN" and lemma in EVENT_NOUNS:
        owners = [c for c in token.children if c.dep_ == "poss"]
        owners += [
            g for c in token.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"
        ]
        return EVENT_NOUNS[lemma], owners
    return None, []


def _verb_arguments(verb: Token, lemma: str) -> list[Token]:
    children = list(verb.children)
    passive = any(c.dep_ in {"auxpass", "nsubjpass"} for c in children)
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return [verb.head]
    if lemma in SUBJECT_EVENTS:
        return [c for c in children if c.dep_ == "nsubj"]
    if passive:
        return [c for c in children if c.dep_ == "nsubjpass"] + _including(verb)
    return [c for c in children if c.dep_ == "dobj"]


def _including(token: Token) -> list[Token]:
    return [
        g
        for c in token.children
        if c.lower_ in {"including", "among"}
        for g in c.children
        if g.dep_ == "pobj"
    ]


def _hedged(token: Token) -> bool:
    """Negated, modal, infinitive or hypothetical: "was not arrested", "threatened to kill"."""
    head = token if token.pos_ == "VERB" else token.head
    for child in head.children:
        if child.dep_ == "neg" or (child.dep_ == "aux" and child.lower_ in MODAL_AUX):
            return True
    return head.dep_ == "xcomp" and head.head.lemma_ in {"threaten", "plan", "want", "try", "vow"}


def _participants(
    article: ParsedArticle, arguments: list[Token], roles: list[Role]
) -> list[tuple[str | None, str | None]]:
    found: list[tuple[str | None, str | None]] = []
    for argument in arguments:
        for token in [argument, *argument.conjuncts, *_including(argument)]:
            found.extend(_who(article, token, roles))
    return list(dict.fromkeys(found))


def _who(
    article: ParsedArticle, token: Token, roles: list[Role]
) -> list[tuple[str | None, str | None]]:
    person = person_at(article, token)
    if person is not None:
        return [(person, None)]
    if token.pos_ == "NOUN" and is_role_noun(token) and token.tag_ == "NN":
        words = [t for t in token.subtree if t.dep_ not in {"relcl", "acl", "punct"}]
        role = " ".join(t.lower_ if t.dep_ == "det" else t.text for t in words)
        holders = {r.person for r in roles if token.lemma_.lower() in fold(r.role).split()}
        holder = holders.pop() if len(holders) == 1 else None
        return [(holder, role)]
    named = [person_at(article, c) for c in token.children if c.dep_ == "appos"]
    return [(p, None) for p in named if p is not None]
