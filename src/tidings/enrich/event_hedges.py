"""Whether an event word states that the event happened: not negated, modal, wanted, planned,
hypothetical, denied, prevented or under way."""

from __future__ import annotations

from spacy.tokens import Token

from tidings.enrich.event_groups import listing_verb
from tidings.enrich.lexicon import DEMAND_VERBS, MODAL_AUX


def hedged(token: Token) -> bool:
    """Negated, modal, infinitive or hypothetical: "was not arrested", "threatened to kill",
    "asked that he be arrested", "if Khamenei were killed", "his execution was stayed"."""
    head = token if token.pos_ in {"VERB", "AUX"} else _governing_verb(token)
    if token.dep_ == "amod" and _negated(token.head):
        return True
    lister = listing_verb(token)
    if lister is not None and _unreal(lister):
        return True  # "X was not among those killed", "the dead did not include X"
    if token.pos_ == "NOUN" and (_demanded(token) or _prospective(token) or _prevented(token)):
        return True
    if token.pos_ == "NOUN" and _lost(token):
        return True
    return any(_clause_hedged(verb) for verb in _sharing(head))


def _clause_hedged(verb: Token) -> bool:
    """Whether the clause of `verb` does not tell its event as done."""
    if _unreal(verb) or _denied(verb) or _in_progress(verb) or _mandated(verb):
        return True
    if _gerund_of_a_noun(verb) or _claimed(verb):
        return True
    if verb.dep_ in {"csubj", "csubjpass"} and _unreal(verb.head):
        return True  # "executing Fields would not bring her daughter back": a supposition
    complement = verb.dep_ == "xcomp" or (verb.dep_ == "advcl" and verb.tag_ == "VBG")
    return complement and verb.head.lemma_.lower() in _INTENT_VERBS  # "ruled out resigning"


_CLAIM_VERBS = frozenset(
    {"claim", "assert", "insist", "allege", "contend", "maintain", "boast", "purport"}
    | {"predict", "forecast", "project", "expect", "anticipate", "bet", "wager"}
)
"""Verbs whose clause is someone's claim or forecast, which the text does not vouch for: "he
asserted he had won the election", "claimed that he had been arrested", "Tancredo predicts
President Trump wins re-election"."""


def _claimed(verb: Token) -> bool:
    """ "he asserted he had won the election", "X claims she was fired", "Pierce claimed
    Lincoln was the last candidate to be elected": in a clause someone claims."""
    for node in (verb, *list(verb.ancestors)[:_MAX_CLAIM_DEPTH]):
        if node.dep_ == "ccomp" and node.head.lemma_.lower() in _CLAIM_VERBS:
            return True
    return False


_MAX_CLAIM_DEPTH = 5
"""How many heads up from an event word a claimed clause is sought."""


def _gerund_of_a_noun(verb: Token) -> bool:
    """ "the colder logic of appointing Hughes", "the idea of firing him": a gerund a noun
    names as a possibility (not "accused of killing X", "after firing him")."""
    if verb.tag_ != "VBG" or verb.dep_ != "pcomp":
        return False
    prep = verb.head
    return prep.lower_ in {"of", "for"} and prep.head.pos_ == "NOUN"


def _sharing(verb: Token) -> list[Token]:
    """The verb and the first verbs of a coordination whose subject and auxiliaries it
    shares: "a plan to overthrow and kill him" hedges "kill" by "to overthrow"."""
    found = [verb]
    while (
        verb.dep_ == "conj"
        and verb.tag_ not in _TENSED  # "would have faced impeachment but resigned": its own
        and verb.head.pos_ in {"VERB", "AUX"}
        and not any(c.dep_ in {"nsubj", "nsubjpass", "aux"} for c in verb.children)
        and len(found) < 5
    ):
        verb = verb.head
        found.append(verb)
    return found


_TENSED = frozenset({"VBD", "VBZ"})
"""A tensed verb, which shares no modal or "did not" of a verb it is coordinated with: "would
have faced impeachment but resigned"; "a plan to overthrow and kill him" shares "to"."""


def _unreal(verb: Token) -> bool:
    """Negated, modal, conditional or all but: "was not arrested", "could be fired", "if X
    were killed", "had X been arrested", "nearly died"."""
    for child in verb.children:
        if child.dep_ == "neg":
            return True
        if child.dep_ == "aux" and child.lower_ in MODAL_AUX and not _factual_infinitive(
            verb, child
        ):
            return True
        if child.dep_ == "mark" and child.lower_ in {"if", "unless", "whether"}:
            return True  # "if Khamenei were killed": a hypothesis
        if child.dep_ == "advmod" and child.lower_ in _ALMOST:
            return True  # "nearly died", "was almost killed": it did not happen
        if child.dep_ == "mark" and child.lower_ in _TIME_MARKS and _present(verb):
            return True  # "after X is voted out of power": a time to come
    return _inverted_condition(verb)


_ALMOST = frozenset({"nearly", "almost", "narrowly"})
_TIME_MARKS = frozenset({"after", "when", "once", "until", "before", "if"})


def _present(verb: Token) -> bool:
    """A present tense ("resigns", "is voted out"), which a clause of time gives to what is
    still to come ("once she resigns", "after X is voted out")."""
    if verb.tag_ in {"VBZ", "VBP"}:
        return True
    return any(
        c.dep_ in {"aux", "auxpass"} and c.lower_ in {"is", "are", "am"} for c in verb.children
    )


def _inverted_condition(verb: Token) -> bool:
    """ "Had X been arrested, ...", "Should X be elected, ...": the auxiliary opening a
    clause before its subject, in a clause that is not the sentence's main one."""
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return bool(subjects) and verb.dep_ != "ROOT" and any(
        c.dep_ in {"aux", "auxpass"} and c.lower_ in {"had", "were", "should"}
        and c.i < subjects[0].i and c.i == c.sent.start
        for c in verb.children
    )


_INTENT_VERBS = frozenset(
    {"threaten", "plan", "want", "try", "vow", "fail", "refuse", "hope", "seek", "expect"}
    | {"risk", "fear", "avoid", "escape", "evade", "resist", "face", "dodge", "deny", "rule"}
)
"""Verbs whose infinitive or gerund has not happened: "threatened to kill", "failed to win
re-election", "escaped being killed", "risks being arrested", "ruled out resigning"."""

_IMPLICATIVE_VERBS = frozenset({"force", "compel", "oblige", "manage", "choose", "opt"})
"""Verbs whose infinitive did happen: "was forced to resign", "managed to get elected",
"chose to accept the co-ordinator's position", "opted to step down"."""

_REPORTING_VERBS = frozenset(
    {"believe", "think", "report", "say", "understand", "know", "confirm", "presume"}
)
"""Verbs whose perfect infinitive (or "to be") is told as so: "X is believed to have been
killed", "is reported to have resigned", "is thought to be among the dead"."""

_LEARNING_VERBS = frozenset({"hear", "learn", "discover", "mourn", "grieve"})
"""Verbs whose infinitive takes what happened as known: "saddened to hear of his death",
"shocked to learn of her arrest"."""

_RANKS = frozenset({"first", "last", "only", "second", "third", "latest", "youngest", "oldest"})
"""What "the first president to die" is: someone ranked by an event that happened to them."""


def _factual_infinitive(verb: Token, marker: Token) -> bool:
    """ "was forced to resign", "the first former president to die", "the first woman to be
    elected": an infinitive that says the event happened."""
    if marker.lower_ != "to":
        return False
    if verb.lemma_.lower() in _LEARNING_VERBS:  # "sorry to hear of Fischer's death"
        feeling = verb.head.head if verb.head.pos_ == "ADJ" else verb.head
        return feeling.i != verb.i and not _unreal(feeling)  # not "would hate to hear"
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _IMPLICATIVE_VERBS:
        return not any(c.dep_ == "aux" and c.lower_ in MODAL_AUX for c in verb.head.children)
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _REPORTING_VERBS:
        perfect = any(c.dep_ == "aux" and c.lower_ == "have" for c in verb.children)
        return perfect or verb.lemma_.lower() == "be"  # "thought to be among those killed"
    if verb.dep_ not in {"relcl", "acl"} or verb.head.pos_ not in {"NOUN", "PROPN"}:
        return False
    ranked = any(
        c.lower_ in _RANKS or c.tag_ == "JJS" or c.ent_type_ == "ORDINAL"
        for c in verb.head.children
        if c.dep_ in {"amod", "advmod", "nummod"}
    )
    return ranked and any(c.lower_ == "the" for c in verb.head.children)


_PROSPECTIVE = frozenset(
    {"looming", "impending", "imminent", "planned", "proposed", "possible", "potential"}
    | {"upcoming", "scheduled", "expected", "likely", "threatened", "pending", "future"}
    | {"attempted", "failed", "foiled", "thwarted", "averted", "rumoured", "rumored", "false"}
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


_PREVENTING_VERBS = frozenset(
    {"suspend", "stay", "halt", "postpone", "delay", "prevent", "stop", "block", "avert"}
    | {"escape", "survive", "evade", "avoid", "resist", "fear", "risk", "face", "await"}
    | {"order", "threaten", "plan", "reject", "refuse", "foil", "thwart", "predict"}
    | {"fake", "feign", "fabricate", "plot", "deny", "stage", "simulate", "invent"}
)
"""Verbs whose object event has not (or not yet) happened: "suspended his execution", "evaded
arrest", "ordered the arrest of X", "faces arrest", "faked his death", "staged his own
death", "plotted the assassination of X", "denied the arrest of X"."""

_UNREAL_NOUNS = frozenset({"rumour", "rumor", "hoax", "plot", "threat", "fear", "attempt"})
"""Nouns whose "of" event has not been said to happen: "rumours of the death of X"."""


def _prevented(noun: Token) -> bool:
    """ "the court suspended his execution", "X evaded arrest", "the judge ordered the arrest of
    Y", "his execution was stayed", "the election of X is scheduled for November", "John Darwin
    faked his death", "rumours of the death of X"."""
    if noun.dep_ == "nsubjpass" and noun.head.lemma_.lower() in _SCHEDULING_VERBS:
        return True
    if noun.dep_ == "nsubj" and any(
        c.dep_ in {"acomp", "attr"} and c.lower_ in _PROSPECTIVE | {"due", "set"}
        for c in noun.head.children
    ):
        return True  # "his resignation is likely", "the execution is due on Monday"
    if noun.dep_ == "pobj" and noun.head.lower_ == "of":
        return noun.head.head.lemma_.lower() in _UNREAL_NOUNS  # "rumours of his death"
    if noun.dep_ not in {"dobj", "nsubjpass"}:
        return False
    return (noun.head.lemma_.lower() in _PREVENTING_VERBS
            or noun.head.lower_ in _STAGED)  # the small model's lemma of "staged" is "stag"


_STAGED = frozenset({"stage", "stages", "staged", "staging"})
_SCHEDULING_VERBS = frozenset({"schedule", "plan", "expect", "set", "slate", "propose"})
"""Verbs that put an event noun ahead: "his execution is scheduled for Monday"."""


def _in_progress(verb: Token) -> bool:
    """ "X is resigning", "is stepping down": announced or under way, not yet done. Not
    "Obama is nominating X to lead the agency": announcing a nomination makes it."""
    if verb.lemma_.lower() == "nominate":
        return False
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
    resignation was demanded", "a petition (a warrant) for the arrest of X", "a warrant was
    issued for his arrest"."""
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
        or (wanted and _asked_by_a_request(verb))
        or _rewarded(noun)
    )


_MAX_REWARD_DEPTH = 6
"""How many heads up from an event noun the "for" of a reward is sought."""


def _rewarded(noun: Token) -> bool:
    """ "a reward for information leading to his capture", "a bounty for information on
    his killing": wanted, as the "for" of a request or reward further up says, through
    phrases and participles but no tensed clause."""
    node = noun
    for _ in range(_MAX_REWARD_DEPTH):
        head = node.head
        if head.i == node.i or head.tag_ in {"VBD", "VBZ", "VBP", "MD"}:
            return False
        if head.lower_ == "for" and head.head.lemma_.lower() in _REQUEST_NOUNS:
            return True
        node = head
    return False


def _asked_by_a_request(verb: Token) -> bool:
    """ "A warrant was issued for his arrest", "calls were made for his resignation": the
    "for" of a verb whose subject or object is a request."""
    return any(
        c.dep_ in {"nsubj", "nsubjpass", "dobj"} and c.lemma_.lower() in _REQUEST_NOUNS
        for c in verb.children
    )


_STRIVE_VERBS = frozenset({"work", "fight", "lobby", "pray", "hope", "strive", "agitate"})
"""Verbs whose "for" names a goal: "working for the election of Ed Markey"."""


_REQUEST_NOUNS = frozenset(
    {"petition", "warrant", "call", "demand", "request", "motion", "bid", "push", "campaign"}
    | {"plea", "appeal", "reward", "order", "pressure", "resolution", "bounty"}
)
"""Nouns of asking whose "for" names what is wanted, not what happened."""

_MANDATING = DEMAND_VERBS | _REQUEST_NOUNS | {
    "insist", "propose", "suggest", "recommend", "petition", "order", "move", "demand"
}
"""What a clause in the subjunctive says is wanted: "asking that X be arrested", "a motion
that he resign"."""


def _mandated(verb: Token) -> bool:
    """ "a petition asking that George Bush be arrested", "they demanded that he resign": a
    subjunctive clause (a bare "be" or base verb with no tense) under a verb or noun of
    asking."""
    if verb.dep_ not in {"ccomp", "acl"} or verb.head.lemma_.lower() not in _MANDATING:
        return False
    auxiliaries = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if any(a.lower_ == "should" for a in auxiliaries):
        return True
    tensed = [a for a in auxiliaries if a.tag_ != "VB"]
    bare = verb.tag_ == "VB" or (verb.tag_ == "VBN" and auxiliaries and not tensed)
    return bool(bare) and not tensed


_DENIAL_VERBS = frozenset({"deny", "refute", "dispute", "reject", "dismiss", "debunk"})
"""Verbs whose clause is asserted not to be so: "X denied that he had resigned"."""
_DOUBTED = frozenset({"rumour", "rumor", "speculation", "hoax", "myth", "fear"})
"""Nouns whose clause is not told as so: "rumours that X had died"."""
_FALSE = frozenset({"false", "unconfirmed", "erroneous", "premature", "unfounded", "bogus"})
"""What makes a report's clause untrue: "false reports that X was killed"."""


def _denied(verb: Token) -> bool:
    """ "X denied that he had resigned", "denied reports that X was arrested", "rumours
    that X had died", "false reports that X was killed"."""
    node = verb
    for _ in range(4):
        if node.dep_ in {"ccomp", "acl", "relcl"} and node.head.lemma_.lower() in _DENIAL_VERBS:
            return True
        if node.dep_ in {"ccomp", "acl"} and _doubted(node.head):
            return True
        if node.dep_ == "acl" and node.head.dep_ == "dobj":
            node = node.head  # "denied reports that ..."
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _doubted(noun: Token) -> bool:
    if noun.pos_ not in {"NOUN", "PROPN"}:
        return False
    return noun.lemma_.lower() in _DOUBTED or any(
        c.dep_ == "amod" and c.lower_ in _FALSE for c in noun.children
    )
