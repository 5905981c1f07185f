"""Roles a verb gives a name: copulas ("X is the governor"), "as" ("took over as chairperson"),
appointing verbs' objects, conjoined subjects and tenure nouns; never an unrealised one."""

from __future__ import annotations

from spacy.tokens import Token

from tidings.enrich.document import ParsedArticle
from tidings.enrich.event_hedges import hedged
from tidings.enrich.lexicon import MODAL_AUX
from tidings.enrich.posts_given import listed_holders, post_holder
from tidings.enrich.role_nouns import free_role
from tidings.enrich.role_phrases import phrase

COPULAS = frozenset(
    {
        "be",
        "become",
        "remain",
        "serve",
        "appoint",
        "name",
        "elect",
        "swear",
        "install",
        "inaugurate",
        "resign",
        "retire",
        "step",
        "act",
        "confirm",
        "work",
    }
)


_AS_VERBS = frozenset(
    {"take", "join", "rejoin", "return", "continue", "stay", "quit", "leave", "succeed"}
    | {"replace", "start", "begin", "hire", "sack", "fire", "dismiss", "oust", "reinstate"}
)
"""Verbs whose "as" gives the subject's post: "took over as chairperson", "was sacked as"."""


_APPOINTING = frozenset(
    {"appoint", "name", "hire", "elect", "choose", "pick", "select", "install", "nominate"}
    | {"recruit", "promote", "reappoint", "make", "tap", "sign"}
)
"""Verbs that give their object a post: "hired Martz as", "named him captain"."""


_TENURE_NOUNS = frozenset(
    {"resignation", "appointment", "tenure", "term", "stint", "time", "role", "job", "spell"}
    | {"career", "election", "nomination", "reign", "departure", "retirement", "promotion"}
    | {"sacking", "dismissal", "confirmation", "reappointment", "reelection", "re-election"}
)
"""Nouns of holding or leaving a post, for "X's resignation as chairperson"."""


_HOPED = frozenset({"possible", "potential", "expected", "proposed", "likely", "planned"})


SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


def copula_roles(article: ParsedArticle, root: Token) -> list[str]:
    """ "X is the governor", "X was appointed Vice President", "Y served as Health Minister"."""
    verb = root.head
    found = []
    if root.dep_ in SUBJECT_DEPS and not _unrealised(verb):
        for other in verb.conjuncts:  # "X went to law school and worked as a lawyer"
            if any(c.dep_ in SUBJECT_DEPS for c in other.children):
                continue
            if other.pos_ == "VERB" or (other.pos_ == "AUX" and _right_after_and(other)):
                found += _copula_roles_of(article, root, other)
    return found + _copula_roles_of(article, root, verb)


def _right_after_and(verb: Token) -> bool:
    """ "X works for the firm and is general counsel": the copula right after "and" shares
    the subject; not "X is the producer and Y is a member", whose subject the parse lost."""
    before = verb.doc[verb.i - 1] if verb.i else verb
    while before.pos_ == "ADV" and before.i > 0:
        before = before.doc[before.i - 1]
    return before.pos_ == "CCONJ"


def _copula_roles_of(article: ParsedArticle, root: Token, verb: Token) -> list[str]:
    if any(c.dep_ == "neg" for c in verb.children):
        return []  # "X is not the governor", "was never named captain"
    if verb.lemma_ in _AS_VERBS and root.dep_ in SUBJECT_DEPS and not _unrealised(verb):
        return [phrase(article, n, {root.i}) for n in _as_nouns(article, verb)]
    if verb.lemma_ not in COPULAS or _unrealised(verb):
        return []
    if root.dep_ == "attr" and verb.lemma_ == "be":
        return [
            phrase(article, c, {root.i})
            for c in verb.children
            if c.dep_ == "nsubj" and free_role(article, c)
        ]
    if root.dep_ not in SUBJECT_DEPS:
        return []
    nouns = [c for c in verb.children if c.dep_ in {"attr", "oprd"}]
    nouns += [g for c in verb.children if c.lower_ == "as" for g in c.children if g.dep_ == "pobj"]
    nouns += [
        g
        for c in verb.children
        if c.dep_ in {"prt", "prep"} and c.lower_ == "in"
        for a in c.children
        if a.lower_ == "as"
        for g in a.children
    ]
    nouns += [c for n in list(nouns) for c in n.conjuncts]
    return [
        phrase(article, n, {root.i})
        for n in nouns
        if free_role(article, n) and post_holder(n) is None  # "Obama named X secretary"
    ]


def _post_after(article: ParsedArticle, verb: Token, name: Token) -> list[Token]:
    """The post a listed name is given where the parse made the post a second object of the
    verb, right after the name: "named A offensive coordinator and [Vince Martino]
    [offensive line coach]"."""
    return [
        c
        for c in verb.children
        if c.dep_ in {"oprd", "dobj"} and c.left_edge.i == name.i + 1 and free_role(article, c)
    ]


def _as_nouns(article: ParsedArticle, verb: Token) -> list[Token]:
    """The role nouns of "as" on `verb`: "took over as chairperson", "joined as coach"."""
    preps = [c for c in verb.children if c.lower_ == "as"]
    preps += [a for c in verb.children if c.dep_ == "prt" for a in c.children if a.lower_ == "as"]
    nouns = [g for p in preps for g in p.children if g.dep_ == "pobj"]
    nouns += [c for n in list(nouns) for c in n.conjuncts]
    return [n for n in nouns if free_role(article, n)]


def object_roles(article: ParsedArticle, root: Token) -> list[str]:
    """ "Nolan hired Martz as his coordinator", "named him captain", "hired Martz to be his
    offensive coordinator": the post an appointing verb gives its object."""
    post = root.head
    if post_holder(post) == root:  # "elected John Smith president"
        if hedged(post.head):
            return []  # "did not name X leader", "if the party elected X leader"
        return [phrase(article, post, set(range(root.left_edge.i, root.i + 1)))]
    if root.dep_ == "conj" and root in listed_holders(post) and not hedged(post.head):
        return [phrase(article, n, set()) for n in _post_after(article, post.head, root)]
    verb = root.head
    if root.dep_ != "dobj" or verb.lemma_ not in _APPOINTING or _unrealised(verb):
        return []
    if verb.tag_ in {"VB", "VBG"} or verb.dep_ == "xcomp":
        return []  # "offered to appoint X as", "considering naming X": not done
    nouns = [n for n in _as_nouns(article, verb) if n.i > root.i]  # not "As president, he made X"
    nouns += [c for c in verb.children if c.dep_ == "oprd" and free_role(article, c)]
    for clause in (c for c in verb.children if c.dep_ == "xcomp" and c.lemma_ in COPULAS):
        if not any(c.dep_ in SUBJECT_DEPS for c in clause.children):
            nouns += [c for c in clause.children if c.dep_ == "attr" and free_role(article, c)]
            nouns += _as_nouns(article, clause)
    return [phrase(article, n, {root.i}) for n in nouns]


def fronted_as(article: ParsedArticle, root: Token) -> list[str]:
    """ "As mayor of Boston, John Smith has cut taxes": an "as" phrase before the subject of
    its verb gives that subject its post; not an object's ("As president, he made X his
    deputy": `object_roles`), nor "as a child" (no role noun)."""
    verb = root.head
    if root.dep_ not in SUBJECT_DEPS:
        return []
    nouns = [
        g
        for c in verb.children
        if c.lower_ == "as" and c.dep_ == "prep" and c.i < root.i
        for g in c.children
        if g.dep_ == "pobj" and free_role(article, g)
    ]
    return [phrase(article, n, {root.i}) for n in nouns]


def shared_roles(article: ParsedArticle, root: Token) -> list[str]:
    """ "Tiffany Tate and Andre Showell are producers": a plural role of conjoined subjects
    is each one's."""
    first = root
    while first.dep_ == "conj":
        first = first.head
    verb = first.head
    if first is root or first.dep_ not in SUBJECT_DEPS or verb.lemma_ not in COPULAS:
        return []
    if _unrealised(verb):
        return []
    nouns = [c for c in verb.children if c.dep_ in {"attr", "oprd"} and c.tag_ == "NNS"]
    return [phrase(article, n, {first.i, root.i}) for n in nouns if free_role(article, n)]


def possessed_post(article: ParsedArticle, root: Token) -> list[str]:
    """ "Dharmadasa's resignation as chairperson", "her time as editor": the post of a
    tenure noun the name owns; not a hoped-for one ("his possible appointment as")."""
    tenure = root.head
    if root.dep_ != "poss" or tenure.lemma_.lower() not in _TENURE_NOUNS:
        return []
    if any(c.lower_ in _HOPED for c in tenure.children):
        return []
    return [phrase(article, n, {root.i}) for n in _as_nouns(article, tenure)]


def _unrealised(verb: Token) -> bool:
    """ "will become", "could be named", "is expected to be": not held (yet)."""
    if any(c.dep_ in {"aux", "auxpass"} and c.lower_ in MODAL_AUX - {"to"} for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and _unrealised(verb.head)
