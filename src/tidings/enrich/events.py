"""Events about people (killed, died, appointed, ...) from verbs and nouns in the parse."""

from __future__ import annotations

from spacy.tokens import Token

from tidings.enrich.dates import sentence_date
from tidings.enrich.document import ParsedArticle, person_at, sentence_text
from tidings.enrich.lexicon import (
    DEMAND_VERBS,
    EVENT_NOUNS,
    EVENT_VERBS,
    HEADLINE_OFFICE_VERBS,
    MODAL_AUX,
    SUBJECT_EVENTS,
)
from tidings.enrich.names import fold
from tidings.enrich.results import Event, Role
from tidings.enrich.roles import is_role_noun

_MAX_OFFICE_WORDS = 6
"""Longest description of an office that an event without a name is given under."""


def find_events(article: ParsedArticle, roles: list[Role]) -> list[Event]:
    """One event per (type, person or role) and sentence, in text order."""
    events: dict[tuple[str, str | None, str | None, int], Event] = {}
    for token in article.doc:
        if token.i in article.quoted and token.pos_ != "NOUN":
            continue  # a speaker's claim ("voters FIRED him"); "his election" presupposes it
        kind, arguments = _trigger(token)
        if kind is None or _hedged(token):
            continue
        article.check_time()
        index = article.sentence_of[token.i]
        when = sentence_date(article.dates.get(index, ()), article.published)
        for person, role in _participants(article, arguments, roles):
            event = Event(kind, person, role, when, index, sentence_text(article, index))
            events.setdefault((kind, person, role, index), event)
    return list(events.values())


def _trigger(token: Token) -> tuple[str | None, list[Token]]:
    """Event type and the tokens that may name who it happened to."""
    lemma = token.lemma_.lower()
    phrasal = _phrasal_event(token)
    if phrasal is not None:
        return phrasal
    if token.pos_ == "VERB" and lemma in EVENT_VERBS:
        if lemma == "shoot" and not any(c.lower_ in {"dead", "fatally"} for c in token.children):
            return None, []
        if lemma == "name" and not _named_to_office(token):
            return None, []
        if lemma in SUBJECT_EVENTS and _left_something_else(token):
            return None, []
        return EVENT_VERBS[lemma], _verb_arguments(token, lemma)
    if token.pos_ == "VERB" and lemma == "win" and _won_election(token):
        return "elected", _subjects(token, "nsubj")
    if token.pos_ == "NOUN" and lemma in EVENT_NOUNS:
        return EVENT_NOUNS[lemma], _noun_arguments(token)
    among = _among(token)
    verb = _participle_verb(token)
    if among is not None and verb is not None:
        return EVENT_VERBS[verb], _copular_subjects(among)
    return None, []


_PHRASAL_EVENTS = {("step", "down"): "resigned", ("pass", "away"): "died"}
"""Intransitive phrasal verbs of an event: "stepped down", "passed away"."""


def _phrasal_event(verb: Token) -> tuple[str, list[Token]] | None:
    """ "X stepped down", "X passed away": the subject; "X was taken into custody", "police
    took X into custody": arrested."""
    if verb.pos_ != "VERB":
        return None
    lemma = verb.lemma_.lower()
    for child in verb.children:
        kind = _PHRASAL_EVENTS.get((lemma, child.lower_))
        if kind is not None and child.dep_ in {"prt", "advmod"} and not _from_a_place(verb):
            return kind, _subjects(verb, "nsubj")
        custody = lemma == "take" and child.lower_ == "into"
        if custody and any(g.lower_ == "custody" for g in child.children):
            return "arrested", _verb_arguments(verb, lemma)
    return None


def _from_a_place(verb: Token) -> bool:
    """ "stepped down from the stage": a movement; "from the board", "from the Senate",
    "from his post" are an office."""
    for prep in (c for c in verb.children if c.lower_ == "from"):
        for place in (g for g in prep.children if g.dep_ == "pobj"):
            office = is_role_noun(place) or place.ent_type_ in {"ORG", "GPE", "NORP"}
            if not office and place.lemma_.lower() not in _POSTS:
                return True
    return False


_POSTS = frozenset(
    {"board", "post", "position", "office", "seat", "job", "role", "helm", "presidency"}
    | {"leadership", "company", "firm", "government", "cabinet", "bench", "court", "race"}
)


def _left_something_else(verb: Token) -> bool:
    """ "quit the group", "quit smoking": what was left is no office; "resigned his seat",
    "quit the race", "quit Google" are."""
    for obj in (c for c in verb.children if c.dep_ in {"dobj", "xcomp"}):
        office = is_role_noun(obj) or obj.ent_type_ in {"ORG", "GPE", "NORP"}
        if not office and obj.lemma_.lower() not in _POSTS:
            return True
    return False


def _named_to_office(verb: Token) -> bool:
    """ "named him minister", "was named as chief executive", "named to the board"; not "a
    turkey named Mac", "named one of the most influential people", "named after"."""
    for child in verb.children:
        if child.lemma_.lower() in _NO_OFFICES:
            return False
        if child.dep_ in {"oprd", "attr", "xcomp", "dobj"} and is_role_noun(child):
            return True
        if child.lower_ in {"as", "to"}:
            return any(g.dep_ == "pobj" and is_role_noun(g) for g in child.children) or (
                child.lower_ == "to" and any(g.dep_ == "pobj" for g in child.children)
            )
    return _headline_passive(verb)


_NO_OFFICES = frozenset({"candidate", "contender", "finalist", "suspect", "winner", "victim"})
"""What "named" someone is without giving them a post: "names the candidates as X and Y"."""


def _participle_verb(token: Token) -> str | None:
    """The event verb of a participle the tagger took for a noun: "the detained"."""
    word = token.lower_
    for stem in (word[:-2], word[:-1], token.lemma_.lower()):
        if word.endswith("ed") and stem in EVENT_VERBS:
            return stem
    return None


def _noun_arguments(noun: Token) -> list[Token]:
    """ "the arrest of X" -> X; "X's resignation" -> X; but "X's firing of Y" -> Y only."""
    patients = [
        g for c in noun.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"
    ]
    return patients or [c for c in noun.children if c.dep_ == "poss"]


def _verb_arguments(verb: Token, lemma: str) -> list[Token]:
    children = list(verb.children)
    passive = any(c.dep_ in {"auxpass", "nsubjpass"} for c in children) or (
        verb.dep_ == "conj"  # "was shot and killed": "killed" is passive too
        and verb.tag_ == "VBN"
        and any(c.dep_ == "auxpass" for c in verb.head.children)
    )
    among = _among(verb)
    if among is not None:
        return _copular_subjects(among)
    if verb.dep_ == "amod":
        return [verb.head]
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return [verb.head]
    if lemma in SUBJECT_EVENTS:
        return _subjects(verb, "nsubj")
    if passive:
        subjects = _subjects(verb, "nsubjpass") or _subject_of_auxiliary(verb)
        return subjects + _including(verb) + _along_with(verb)
    if _headline_passive(verb):
        return [c for c in children if c.dep_ == "nsubj"]
    return [c for c in children if c.dep_ == "dobj"]


def _subject_of_auxiliary(verb: Token) -> list[Token]:
    """ "X was re-elected": the parse may hang X on "was" ("re" and "-" taken for verbs)."""
    return [
        g for c in verb.children if c.dep_ == "auxpass" for g in c.children if g.dep_ == "nsubj"
    ]


def _subjects(verb: Token, dep: str) -> list[Token]:
    """The verb's subjects; a relative pronoun's antecedent ("X, who resigned"); for a second
    verb without one, the first verb's ("X was elected in 1995 and resigned last year")."""
    found = [c for c in verb.children if c.dep_ == dep]
    if found and found[0].lower_ in {"who", "that"} and verb.dep_ == "relcl":
        listed = verb.head.dep_ == "conj" or bool(verb.head.conjuncts)
        ambiguous = listed or _open_attachment(verb.head) or _nearer_name(verb.head, found[0])
        return [] if ambiguous else [verb.head]
    if not found and verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"}:
        return [c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return found


def _nearer_name(antecedent: Token, pronoun: Token) -> bool:
    """ "Scott Brown in Massachusetts and Dean Heller in Nevada, who was appointed": another
    person named between the antecedent and "who" may as well be the one meant (and a list
    of names before "who" is as unclear: "A and B, who was appointed")."""
    own = {t.i for t in antecedent.subtree if t.dep_ == "compound"} | {antecedent.i}
    own |= {t.i for a in _apposition_chain(antecedent) for t in a.subtree}  # "his wife, X, who"
    return any(
        t.ent_type_ == "PERSON" and t.i not in own
        for t in antecedent.doc[antecedent.i + 1 : pronoun.i]
    )


def _open_attachment(antecedent: Token) -> bool:
    """ "aides to Mr. Christie who resigned": the relative clause may as well be the
    aides', so it is nobody's; "the wife of X, who died" likewise."""
    if antecedent.dep_ != "pobj" or antecedent.head.dep_ != "prep":
        return False
    prep = antecedent.head
    before = prep.doc[prep.i - 1] if prep.i else prep
    return prep.head.pos_ in {"NOUN", "PROPN"} or before.pos_ in {"NOUN", "PROPN"}


def _won_election(verb: Token) -> bool:
    """ "won re-election", "won the general election race"."""
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        words = {obj.lemma_.lower(), *(c.lemma_.lower() for c in obj.children)}
        if words & {"election", "reelection", "re-election"}:
            return True
        if obj.lemma_.lower() in _OFFICES_WON:
            return True  # "won the Senate seat", "won the presidency"
    return False


_OFFICES_WON = frozenset({"seat", "presidency", "governorship", "mayoralty"})


def _headline_passive(verb: Token) -> bool:
    """Headline ellipsis: "X elected president" means X was elected, the office bare."""
    if verb.lemma_.lower() not in HEADLINE_OFFICE_VERBS or any(
        c.dep_ in {"aux", "auxpass"} for c in verb.children
    ):
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return (
        len(objects) == 1
        and is_role_noun(objects[0])
        and not any(c.dep_ in {"det", "poss"} for c in objects[0].children)
    )


def _among(verb: Token) -> Token | None:
    """The "among" of "among those arrested", "among the killed"; None elsewhere."""
    if verb.dep_ == "pobj" and verb.head.lower_ == "among":
        return verb.head
    head = verb.head
    if verb.dep_ in {"acl", "relcl"} and head.dep_ == "pobj" and head.head.lower_ == "among":
        return head.head
    return None


def _copular_subjects(among: Token) -> list[Token]:
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


def _including(token: Token) -> list[Token]:
    """Named examples of a group: "officials, including X", "members such as X"."""
    words = {"including", "among"} | ({"as"} if token.pos_ == "NOUN" else set())
    markers = [c for c in token.children if c.lower_ in words]
    if token.pos_ == "NOUN":
        markers += [c for c in token.subtree if c.lower_ == "as" and c.nbor(-1).lower_ == "such"]
    return [g for c in markers for g in c.children if g.dep_ == "pobj"]


def _along_with(verb: Token) -> list[Token]:
    """ "X was killed along with Y": Y too (and not "was charged with murder")."""
    return [
        g
        for c in verb.children
        if c.lower_ == "with" and c.i and c.nbor(-1).lower_ in {"along", "together"}
        for g in c.children
        if g.dep_ == "pobj"
    ]


def _hedged(token: Token) -> bool:
    """Negated, modal, infinitive or hypothetical: "was not arrested", "threatened to kill"."""
    head = token if token.pos_ == "VERB" else _governing_verb(token)
    if token.dep_ == "amod" and _negated(token.head):
        return True
    for child in head.children:
        if child.dep_ == "neg" or (child.dep_ == "aux" and child.lower_ in MODAL_AUX):
            return True
        if child.dep_ == "mark" and child.lower_ in {"if", "unless", "whether"}:
            return True  # "if Khamenei were killed": a hypothesis
    if token.pos_ == "NOUN" and (_demanded(token) or _prospective(token)):
        return True
    if _denied(head) or _in_progress(head) or (token.pos_ == "NOUN" and _lost(token)):
        return True
    return head.dep_ == "xcomp" and head.head.lemma_ in _INTENT_VERBS


_INTENT_VERBS = frozenset(
    {"threaten", "plan", "want", "try", "vow", "fail", "refuse", "hope", "seek", "expect"}
)
"""Verbs whose infinitive has not happened: "threatened to kill", "failed to win re-election"."""


_PROSPECTIVE = frozenset(
    {"looming", "impending", "imminent", "planned", "proposed", "possible", "potential"}
    | {"upcoming", "scheduled", "expected", "likely", "threatened", "pending", "future"}
)
"""Modifiers of an event noun that has not happened: "the looming execution of X"."""


def _prospective(noun: Token) -> bool:
    """ "the looming execution of X", "his possible resignation"; "advised against confirming
    his death", "without announcing his resignation": not said to have happened."""
    if any(c.dep_ == "amod" and c.lower_ in _PROSPECTIVE for c in noun.children):
        return True
    verb = noun.head
    return (
        noun.dep_ == "dobj"
        and verb.dep_ == "pcomp"
        and verb.head.lower_ in {"against", "without"}
    )


def _in_progress(verb: Token) -> bool:
    """ "X is resigning", "are nominating": announced or under way, not yet done."""
    return verb.tag_ == "VBG" and any(
        c.dep_ == "aux" and c.lower_ in {"is", "are", "am", "'s", "'re"} for c in verb.children
    )


def _lost(noun: Token) -> bool:
    """ "X lost his primary election", "lost re-election": the event did not happen to X."""
    return noun.dep_ == "dobj" and noun.head.lemma_.lower() in {"lose", "concede", "forfeit"}


def _governing_verb(noun: Token) -> Token:
    """The verb a noun event depends on: "to announce a date for his resignation" -> announce."""
    head = noun.head
    while head.pos_ not in {"VERB", "AUX"} and head.head.i != head.i:
        head = head.head
    return head


def _negated(noun: Token) -> bool:
    """ "not an elected member", "no appointed official"."""
    return any(c.dep_ == "neg" or c.lower_ == "no" for c in noun.children)


def _demanded(noun: Token) -> bool:
    """Asked for, not done: "called for his resignation", "demanded the arrest of X", "his
    resignation was demanded", "a petition (a warrant) for the arrest of X"."""
    if noun.dep_ == "nsubjpass":
        return noun.head.lemma_.lower() in DEMAND_VERBS
    wanted = noun.dep_ == "pobj" and noun.head.lower_ == "for"
    verb = noun.head.head if wanted else noun.head
    if noun.dep_ not in {"dobj", "pobj"}:
        return False
    lemma = verb.lemma_.lower()
    return (
        lemma in DEMAND_VERBS
        or lemma in _REQUEST_NOUNS
        or (wanted and lemma in _STRIVE_VERBS)
    )


_STRIVE_VERBS = frozenset({"work", "fight", "lobby", "pray", "hope", "strive", "agitate"})
"""Verbs whose "for" names a goal: "working for the election of Ed Markey"."""


_REQUEST_NOUNS = frozenset(
    {
        "petition",
        "warrant",
        "call",
        "demand",
        "request",
        "motion",
        "bid",
        "push",
        "campaign",
        "plea",
        "appeal",
        "reward",
        "order",
        "pressure",
        "resolution",
    }
)
"""Nouns of asking whose "for" names what is wanted, not what happened."""
_DENIAL_VERBS = frozenset({"deny", "refute", "dispute", "reject"})
"""Verbs whose clause is asserted not to be so: "X denied that he had resigned"."""


def _denied(verb: Token) -> bool:
    """ "X denied that he had resigned", "denied reports that X was arrested"."""
    node = verb
    for _ in range(4):
        if node.dep_ in {"ccomp", "acl", "relcl"} and node.head.lemma_.lower() in _DENIAL_VERBS:
            return True
        if node.dep_ == "acl" and node.head.dep_ == "dobj":
            node = node.head  # "denied reports that ..."
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _participants(
    article: ParsedArticle, arguments: list[Token], roles: list[Role]
) -> list[tuple[str | None, str | None]]:
    found: list[tuple[str | None, str | None]] = []
    for argument in arguments:
        owned = _whose_noun(argument)
        if owned is not None:  # "X, whose son, Y, was killed": the son's, never X's
            named = (person_at(article, t) for t in _apposition_chain(owned))
            found.extend((p, None) for p in named if p is not None)
            continue
        examples = [t for g in _including(argument) for t in (g, *g.conjuncts)]
        for token in [argument, *argument.conjuncts, *dict.fromkeys(examples)]:
            found.extend(_who(article, token, roles))
    return list(dict.fromkeys(found))


def _whose_noun(argument: Token) -> Token | None:
    """ "Mark Mattioli, whose son, James Mattioli, was killed": where the parse makes the
    name before "whose" the clause's subject, the noun "whose" owns is the one it is about."""
    for child in argument.children:
        if child.dep_ == "appos" and any(g.lower_ == "whose" for g in child.children):
            return child
    return None


def _who(
    article: ParsedArticle, token: Token, roles: list[Role]
) -> list[tuple[str | None, str | None]]:
    person = person_at(article, token)
    if person is not None:
        return [(person, None)]
    named = _named_beside(article, token)
    if named:
        return [(p, None) for p in named]
    if token.pos_ == "NOUN" and is_role_noun(token) and token.tag_ == "NN":
        words = [t for t in token.subtree if t.dep_ not in {"relcl", "acl", "punct"}]
        role = " ".join(t.lower_ if t.dep_ == "det" else t.text for t in words if not t.is_space)
        holder = _holder(token, roles)
        if holder is None and not _definite_office(token, words):
            return []
        return [(holder, role)]
    return []


def _definite_office(noun: Token, words: list[Token]) -> bool:
    """ "the president", "the country's interior minister": an office someone holds, worth an
    event without a name. Not "a key operative" (someone new), not a ranking ("the most
    senior"), not a long description ("the one member of ... willing to listen")."""
    if _ranked(noun) or len(words) > _MAX_OFFICE_WORDS:
        return False
    if any(c.dep_ in {"nummod", "quantmod"} or c.lower_ == "one" for c in noun.children):
        return False
    return any(c.lower_ == "the" or c.dep_ == "poss" for c in noun.children)


def _holder(noun: Token, roles: list[Role]) -> str | None:
    """The one person holding the role a definite description names ("the minister").

    Indefinites ("a minister") introduce someone new; superlatives and ordinals pick
    someone out by rank, not by office: no holder for either.
    """
    if _ranked(noun) or any(c.lower_ in {"a", "an"} for c in noun.children):
        return None
    words = {
        fold(t.lemma_)
        for t in noun.subtree
        if t.dep_ not in {"det", "punct", "relcl", "acl", "prep", "case"}
        and t.pos_ in {"NOUN", "PROPN", "ADJ", "NUM"}
    }
    words.discard(fold(noun.lemma_))
    holders = {
        r.person
        for r in roles
        if noun.lemma_.lower() in fold(r.role).split() and words <= set(fold(r.role).split())
    }
    return holders.pop() if len(holders) == 1 else None


def _ranked(noun: Token) -> bool:
    """ "the most important leader", "the first elected head of state": rank, not office."""
    return any(
        c.tag_ in {"JJS", "RBS"} or c.lower_ == "most" or c.ent_type_ == "ORDINAL"
        for t in noun.children
        for c in (t, *t.children)
    )


def _named_beside(article: ParsedArticle, token: Token) -> list[str]:
    """People a description stands in apposition with: "the leader, X", "X, the first Y"."""
    beside = _apposition_chain(token)
    if token.dep_ == "appos":
        listed = token.tag_ == "NNS"  # "A and B, both ministers"; "A and B, a diplomat": B's
        beside += [token.head, *(token.head.conjuncts if listed else ())]
    beside += _predicate_subjects(token) + _second_subjects(token)
    named = [person_at(article, t) for t in beside if t.pos_ in {"PROPN", "PRON"}]
    return list(dict.fromkeys(p for p in named if p is not None))


def _apposition_chain(token: Token) -> list[Token]:
    """Everything in apposition or listed after `token`: "advisers: the commander, X, its
    aerospace chief, Y, ..., and spymaster Z" reaches X, Y and Z."""
    found: list[Token] = []
    stack = [c for c in token.children if c.dep_ == "appos"]
    while stack and len(found) < 30:
        node = stack.pop(0)
        found.append(node)
        stack += [c for c in node.children if c.dep_ in {"appos", "conj"} and c.i > node.i]
    return found


def _second_subjects(noun: Token) -> list[Token]:
    """A name the parser made a second subject: "The new leader, X, has said" (nsubj, nsubj)."""
    if noun.dep_ not in {"nsubj", "nsubjpass", "npadvmod"}:
        return []
    return [c for c in noun.head.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i > noun.i]


def _predicate_subjects(noun: Token) -> list[Token]:
    """The subject a description is predicated of: "X is the first elected Y", "X ... as Y"."""
    while noun.dep_ == "conj":
        noun = noun.head
    if noun.dep_ == "attr":
        verb = noun.head
    elif noun.dep_ == "pobj" and noun.head.lower_ == "as":
        verb = noun.head.head
    else:
        return []
    return [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
