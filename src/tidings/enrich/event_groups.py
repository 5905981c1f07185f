"""Events told of a group and the people named as its members: "among those arrested were X
and Y", "the dead included X", "six people, among them X", "officials, including X"."""

from __future__ import annotations

from spacy.tokens import Span, Token

from tidings.enrich.gender import is_person_noun
from tidings.enrich.role_nouns import is_role_noun

_DEAD = frozenset({"dead", "deceased", "fatality", "fatalities"})
"""Nouns (or adjectives used as nouns) for the people who died: "among the dead"."""
_KILLING_CUES = frozenset(
    {"kill", "murder", "assassinate", "execute", "behead", "slay", "shoot", "attack"}
    | {"strike", "airstrike", "bombing", "bomb", "blast", "explosion", "shooting", "gunman"}
    | {"gunfire", "massacre", "shelling", "raid", "crash", "ambush", "assault", "killing"}
    | {"assassination", "execution", "missile", "rocket", "drone", "suicide"}
)
"""Words of a violent death: "the dead" near them were killed."""
_DYING_CUES = frozenset({"die", "disease", "illness", "virus", "outbreak", "epidemic", "cancer"})
"""Words of a death from within: "the dead" near them died."""
_MEMBER_VERBS = frozenset({"include", "be"})
"""Verbs that list a group's members as their object: "the dead included X", "were X"."""


def dead_group(token: Token) -> bool:
    """ "the dead", "the deceased", "fatalities": the people who died, as a group; "the dead
    soldiers" only where the sentence names them ("were named as X and Y")."""
    if token.lemma_.lower() not in _DEAD and token.lower_ not in _DEAD:
        return False
    if token.dep_ == "amod":
        return bool(identified_as(token.head))
    if token.pos_ not in {"NOUN", "ADJ"} or token.dep_ in {"acomp", "oprd"}:
        return False  # "shot dead", "was found dead"
    return token.dep_ in {"pobj", "nsubj", "nsubjpass"}


_IDENTIFYING = frozenset({"name", "identify"})


def identified_as(noun: Token) -> list[Token]:
    """The names a passive "named as" or "identified as" gives the noun it is said of: "the
    dead were named as X and Y" (X; the list is read on from it), "the man who died was
    identified as X"; none where the names are not given ("was named in the report")."""
    verb = noun.head
    if noun.dep_ != "nsubjpass" or verb.lemma_.lower() not in _IDENTIFYING:
        return []
    return [
        g
        for c in verb.children
        if c.lower_ == "as" and c.dep_ == "prep"
        for g in c.children
        if g.dep_ == "pobj" and g.pos_ == "PROPN"
    ]


def death_kind(sentences: list[Span], index: int, token: Token) -> str:
    """ "killed" or "died" for the dead of sentence `index`: whichever word of a violent or a
    natural death comes nearest before them (this sentence, then the two before); killed
    when none does, as news tells of the dead of attacks and disasters."""
    window = [t for s in sentences[max(0, index - 2) : index] for t in s]
    window += [t for t in sentences[index] if t.i != token.i]
    for word in reversed(window):
        lemma = word.lemma_.lower()
        if lemma in _DYING_CUES:
            return "died"
        if lemma in _KILLING_CUES:
            return "killed"
    return "killed"


def members(group: Token) -> list[Token]:
    """The people named as a group's members: "among the dead were X and Y" (X), "those
    killed included X", "the dead were X and Y", "X was one of three people killed"; none
    where the group is not so listed."""
    if group.dep_ == "amod":
        group = group.head  # "the dead soldiers were named as X"
    among = among_of(group)
    if among is not None:
        return copular_subjects(among)
    named = identified_as(group)
    if named:
        return [t for g in named for t in (g, *g.conjuncts)]
    one = _one_of(group)
    if one is not None:
        return [c for c in one.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
    verb = group.head
    if group.dep_ not in {"nsubj", "nsubjpass"} or verb.lemma_.lower() not in _MEMBER_VERBS:
        return []
    return [c for c in verb.children if c.dep_ in {"dobj", "attr"} and c.i > group.i]


def _one_of(group: Token) -> Token | None:
    """The "one" of "X was one of three people killed"; None elsewhere."""
    of = group.head
    if group.dep_ != "pobj" or of.lower_ != "of" or of.head.lower_ != "one":
        return None
    return of.head if of.head.dep_ == "attr" else None


def listing_verb(token: Token) -> Token | None:
    """The verb that lists a group's members, whose negation or mood is theirs too: "was" of
    "X was not among those killed", "include" of "the dead did not include X"."""
    group = token.head if token.dep_ in {"acl", "relcl"} else token
    among = among_of(token)
    if among is not None:
        return among.head
    one = _one_of(group)
    if one is not None:
        return one.head
    if group.dep_ in {"nsubj", "nsubjpass"} and group.head.lemma_.lower() in _MEMBER_VERBS:
        return group.head
    return None


def among_of(token: Token) -> Token | None:
    """The "among" of "among those arrested", "among the killed"; None elsewhere."""
    if token.dep_ == "pobj" and token.head.lower_ == "among":
        return token.head
    head = token.head
    if token.dep_ in {"acl", "relcl"} and head.dep_ == "pobj" and head.head.lower_ == "among":
        return head.head
    return None


def copular_subjects(among: Token) -> list[Token]:
    """Who "is among" them: "among those arrested were X and Y", "X is thought to be among"."""
    copula = among.head
    subjects = [
        c
        for c in copula.children
        if c.dep_ in {"nsubj", "nsubjpass", "attr"}
        and c.i not in range(among.i, among.right_edge.i + 1)
    ]
    if not subjects and copula.dep_ == "xcomp":
        subjects = [c for c in copula.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return subjects


def among_them(verb: Token) -> list[Token]:
    """ "Police arrested six people, among them X and Y", "..., among whom were X": the names
    after the "among them" that follows the verb in its sentence."""
    found: list[Token] = []
    for token in verb.sent:
        if token.i <= verb.i or token.lower_ != "among" or token.nbor(-1).text != ",":
            continue
        if not any(c.dep_ == "pobj" and c.lower_ in {"them", "whom"} for c in token.children):
            continue
        named = token.head if token.head.pos_ == "PROPN" else None
        found += [named] if named is not None else copular_subjects(token)
    return found


def including(token: Token) -> list[Token]:
    """Named examples of a group: "officials, including X", "members such as X"."""
    words = {"including", "among"} | ({"as"} if token.pos_ == "NOUN" else set())
    markers = [c for c in token.children if c.lower_ in words]
    if token.pos_ == "NOUN":
        markers += [c for c in token.subtree if c.lower_ == "as" and c.nbor(-1).lower_ == "such"]
    markers = [c for c in markers if not _across_a_semicolon(token, c)]
    return [g for c in markers for g in c.children if g.dep_ == "pobj"]


def stray_including(verb: Token, group: Token) -> list[Token]:
    """ "20 people have been killed in the bombing of the cathedral, including X", "police
    detained eight people for spreading rumors, including X", "police arrested 12 protesters
    on Monday, including X": the names after an "including" that the parse hung on the verb
    or on a word of a phrase after the group, where the group is people (a plural) and no
    other people, no name and no clause with a subject of its own come between."""
    if group.tag_ != "NNS" or not _people(group):
        return []
    found: list[Token] = []
    for marker in verb.subtree:
        if marker.lower_ != "including" or marker.i <= group.i or not _after_comma(marker):
            continue
        between = verb.doc[group.i + 1 : marker.i]
        if any(t.text == ";" or t.ent_type_ == "PERSON" or _people(t) for t in between):
            continue  # "arrested Tom Hill for attacking officials, including Ann Lee"
        if any(_own_clause(a) for a in marker.ancestors if a.i != verb.i and verb.is_ancestor(a)):
            continue
        found += [g for g in marker.children if g.dep_ == "pobj" and g.ent_type_ == "PERSON"]
    return found


def _after_comma(token: Token) -> bool:
    """Set off by a comma, a closing quotation mark between ('for "spreading rumors,"
    including')."""
    before = token.nbor(-1)
    if before.is_quote and before.i:
        before = before.nbor(-1)
    return before.text == ","


def _people(token: Token) -> bool:
    """A noun of people: "people", "protesters", "officials"."""
    if token.pos_ != "NOUN":
        return False
    lemma = token.lemma_.lower()
    return lemma in {"people", "person"} or is_person_noun(lemma) or is_role_noun(token)


def _own_clause(token: Token) -> bool:
    return any(c.dep_ in {"nsubj", "nsubjpass"} for c in token.children)


def _across_a_semicolon(token: Token, marker: Token) -> bool:
    """ "five civilians died; twenty more, including X, were injured": an "including" after
    a semicolon is a later clause's, whatever the parse hung it on."""
    start, end = sorted((token.i, marker.i))
    return any(t.text == ";" for t in token.doc[start:end])


def along_with(verb: Token) -> list[Token]:
    """ "X was killed along with Y": Y too (and not "was charged with murder")."""
    return [
        g
        for c in verb.children
        if c.lower_ == "with" and c.i and c.nbor(-1).lower_ in {"along", "together"}
        for g in c.children
        if g.dep_ == "pobj"
    ]


def listed(token: Token) -> list[Token]:
    """A member and the members listed after it, through appositions: "X, a commander, and Y"
    (where the parse hangs Y on "commander") reaches X and Y."""
    found = [token, *(c for c in token.conjuncts if c.i > token.i)]  # not "Bush and his ..."
    stack = [c for c in token.children if c.dep_ == "appos"]
    while stack and len(found) < 30:
        node = stack.pop(0)
        found += [c for c in node.conjuncts if c.i > node.i and c.pos_ == "PROPN"]
        stack += [c for c in node.children if c.dep_ == "appos"]
    return list(dict.fromkeys(found))
