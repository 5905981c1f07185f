"""Events about people (killed, died, appointed, ...) from verbs and nouns in the parse."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Token

from tidings.enrich.dates import sentence_date
from tidings.enrich.document import ParsedArticle, person_at, sentence_text
from tidings.enrich.event_deaths import VIOLENT, late_one, violent_death
from tidings.enrich.event_groups import (
    along_with,
    among_of,
    among_them,
    copular_subjects,
    dead_group,
    death_kind,
    identified_as,
    including,
    listed,
    members,
    stray_including,
)
from tidings.enrich.event_hedges import hedged
from tidings.enrich.event_people import event_person
from tidings.enrich.event_phrases import (
    chosen_by_voters,
    headline_passive,
    left_something_else,
    life_owners,
    named_nominators,
    named_to_office,
    new_in_post,
    no_event_sense,
    phrasal_event,
    primary_election,
    won_election,
)
from tidings.enrich.event_victims import named_victims, unnamed_victim
from tidings.enrich.gender import is_person_noun
from tidings.enrich.lexicon import EVENT_NOUNS, EVENT_VERBS, OFFICE_VERBS, SUBJECT_EVENTS
from tidings.enrich.names import fold
from tidings.enrich.posts_given import listed_holders, post_holder
from tidings.enrich.results import Event, Role
from tidings.enrich.role_nouns import is_role_noun
from tidings.enrich.speaker_referents import epithet_referent


def find_events(article: ParsedArticle, roles: list[Role]) -> list[Event]:
    """One event per (type, person, role) and sentence, in text order. Only events of a named
    person: "the minister resigned" is the minister's only where the article names the one
    person holding that office (`_holder`); a badge needs someone to wear it."""
    events: dict[tuple[str, str, str | None, int], Event] = {}
    unnamed: list[tuple[int, date | None]] = []  # killings of someone not named
    for token in article.doc:
        if token.i in article.quoted and token.pos_ != "NOUN":
            continue  # a speaker's claim ("voters FIRED him"); "his election" presupposes it
        kind, arguments = _trigger(article, token, roles)
        if kind is None or hedged(token) or _under_hedged_witness(token):
            continue
        article.check_time()
        index = article.sentence_of[token.i]
        when = sentence_date(article.dates.get(index, ()), article.published)
        if late_one(token) is not None:
            when = None  # "the late X visited in 1999": died, on no day the text gives
        kinds = [kind, "killed"] if kind == "died" and violent_death(token) else [kind]
        if kind == "killed" and dead_group(token):
            kinds.append("died")  # "the dead were named as X": dead, and killed by the attack
        expand = token.dep_ != "amod" and _described_by_participle(token) is None
        found = _participants(article, arguments, roles, expand=expand)
        if not found and "killed" in kinds and unnamed_victim(arguments):
            unnamed.append((index, when))
        for person, role in found:
            for each in kinds:
                event = Event(each, person, role, when, index, sentence_text(article, index))
                events.setdefault((each, person, role, index), event)
    dated = {i for i, texts in article.dates.items() if texts}
    for event in named_victims(list(events.values()), unnamed, dated):
        events.setdefault((event.type, event.person, event.role, event.sentence_index), event)
    return sorted(events.values(), key=lambda e: e.sentence_index)


def _elect_title(token: Token) -> bool:
    """The "elect" of "President-elect", "Governor-elect" (not a coach-elect, appointed)."""
    if token.lower_ != "elect" or token.pos_ not in {"NOUN", "PROPN"} or token.i < 2:
        return False
    return token.nbor(-1).text == "-" and token.nbor(-2).lower_ in _ELECTED_OFFICES


_ELECTED_OFFICES = frozenset(
    {"president", "governor", "mayor", "senator", "minister", "premier", "chancellor"}
    | {"congressman", "congresswoman", "representative", "councillor", "councilor", "mp"}
)


def _fatal(noun: Token) -> bool:
    return any(c.dep_ == "amod" and c.lower_ in {"fatal", "deadly"} for c in noun.children)


def _trigger(
    article: ParsedArticle, token: Token, roles: list[Role]
) -> tuple[str | None, list[Token]]:
    """Event type and the tokens that may name who it happened to."""
    lemma = token.lemma_.lower()
    phrasal = phrasal_event(token)
    if phrasal is not None:
        kind, whose = phrasal
        if whose == "subject":
            return kind, _subjects(token, "nsubj") or _controller(token)
        if whose == "owner":
            return kind, life_owners(token)
        return kind, _verb_arguments(token, lemma)
    if token.pos_ == "VERB" and lemma in EVENT_VERBS:
        if no_event_sense(token, lemma):
            return None, []
        if lemma in OFFICE_VERBS and not named_to_office(token):
            return None, []
        if lemma == "nominate" and _no_office_to_give(article, token, roles):
            return None, []  # "Emilia Arata nominated Jade": a housemate's nomination
        if lemma in SUBJECT_EVENTS and left_something_else(token):
            return None, []
        chosen = lemma in OFFICE_VERBS | {"appoint"} and chosen_by_voters(token)
        kind = "elected" if chosen else EVENT_VERBS[lemma]
        return kind, _verb_arguments(token, lemma)
    if token.pos_ == "VERB" and lemma == "win" and won_election(token):
        return "elected", _subjects(token, "nsubj")
    if token.pos_ == "NOUN" and lemma in EVENT_NOUNS:
        if EVENT_NOUNS[lemma] == "elected" and primary_election(token):
            return None, []  # "his primary election": a nomination race, no office
        return EVENT_NOUNS[lemma], _noun_arguments(token)
    if _elect_title(token):
        return "elected", [_named_head(token)]  # "President-elect Barack Obama"
    late = late_one(token)
    if late is not None:
        return "died", [late]  # "the late Sen. Ted Kennedy"
    post = new_in_post(token)
    if post is not None:
        return "appointed", [_named_head(post)]  # "new CEO Dan Hesse"
    if token.pos_ == "NOUN" and lemma in VIOLENT and _fatal(token):
        return "killed", _noun_arguments(token)  # "the fatal shooting of Trayvon Martin"
    if dead_group(token):
        index = article.sentence_of[token.i]
        return death_kind(article.sentences, index, token), members(token)
    among = among_of(token)
    verb = _participle_verb(token)
    if among is not None and verb is not None:
        return EVENT_VERBS[verb], copular_subjects(among)
    return None, []


def _no_office_to_give(article: ParsedArticle, verb: Token, roles: list[Role]) -> bool:
    """Whether a nomination told only by its maker's name ("X nominated Y") was made by
    someone the article gives no role: no office, so none to give."""
    makers = named_nominators(verb)
    people = {person_at(article, t) for t in makers} - {None}
    return bool(makers) and not any(r.person in people for r in roles)


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
    if patients or noun.tag_ == "NNS":
        return patients  # "Bush's appointments to the court": his doing, not his event
    owners = [c for c in noun.children if c.dep_ == "poss"]
    return owners[-1:]  # "his 'close friend's' resignation": the friend's


def _verb_arguments(verb: Token, lemma: str) -> list[Token]:
    children = list(verb.children)
    passive = any(c.dep_ in {"auxpass", "nsubjpass"} for c in children) or (
        verb.dep_ == "conj"  # "was shot and killed": "killed" is passive too
        and verb.tag_ == "VBN"
        and any(c.dep_ == "auxpass" for c in verb.head.children)
    )
    among = among_of(verb)
    if among is not None:
        return copular_subjects(among)
    if verb.dep_ == "amod":
        return [_named_head(verb.head)]
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        if _contact_relative_subject(verb):
            return _described_by_apposition(verb.head)
        return members(verb.head) or [verb.head]  # "those killed included X": X
    if lemma in SUBJECT_EVENTS:
        described = _described_by_participle(verb)
        if described is not None:
            return [described]
        return _subjects(verb, "nsubj") or _controller(verb)
    if passive:
        subjects = _subjects(verb, "nsubjpass") or _subject_of_auxiliary(verb)
        subjects = subjects or _controller(verb)
        strays = [t for s in subjects for t in stray_including(verb, s)]
        return subjects + including(verb) + along_with(verb) + among_them(verb) + strays
    if headline_passive(verb) or _small_clause(verb):
        return [c for c in children if c.dep_ == "nsubj"]
    given = [holder for c in children if (holder := post_holder(c)) is not None]
    given += [holder for c in children for holder in listed_holders(c)]
    if given:
        return given  # "elected John Smith president": the parse's one object is the post
    objects = [c for c in children if c.dep_ == "dobj"]
    strays = [t for o in objects for t in stray_including(verb, o)]
    return objects + among_them(verb) + strays


_WITNESSING = frozenset({"see", "watch", "witness", "have", "get"})
"""Verbs whose clause "X killed" tells what was done to X: "saw his brother killed", "had
him arrested", "the period has seen Barton remanded in custody"."""


def _under_hedged_witness(verb: Token) -> bool:
    """ "an effort to have him removed": the "have" of a small clause tells it undone."""
    witness = verb.head
    return (
        _small_clause(verb)
        and verb.dep_ == "ccomp"
        and witness.lemma_.lower() in _WITNESSING
        and hedged(witness)
    )


def _small_clause(verb: Token) -> bool:
    """ "saw his brother killed": a participle with a subject and no object under a verb of
    seeing or having, whose subject is the one it was done to (not "saw that X killed Y");
    and "... and Barton remanded in custody", as no one remands without an object."""
    if verb.tag_ not in {"VBN", "VBD"} or any(c.dep_ in {"dobj", "aux", "mark"}
                                              for c in verb.children):
        return False
    witnessed = verb.dep_ == "ccomp" and verb.head.lemma_.lower() in _WITNESSING
    if not (witnessed or verb.lemma_.lower() == "remand"):
        return False
    return any(c.dep_ == "nsubj" for c in verb.children)


def _contact_relative_subject(verb: Token) -> bool:
    """ "DeJoy, a Republican fundraiser Trump appointed to the post": a name right before the
    participle, after "a"/"an" and a common noun the parse made its compound, is the doer of a
    relative clause without "who" ("a fundraiser [whom] Trump appointed"), not the one it
    happened to: "a fundraiser Trump" is no noun phrase."""
    name = verb.head
    if name.pos_ != "PROPN" or name.i + 1 != verb.i:
        return False
    return any(
        c.dep_ == "compound"
        and c.pos_ == "NOUN"
        and any(d.dep_ == "det" and d.lower_ in {"a", "an"} for d in c.children)
        for c in name.children
    )


def _described_by_apposition(name: Token) -> list[Token]:
    """The person a description stands in apposition to ("DeJoy, a fundraiser Trump
    appointed": DeJoy), where the parse hung the description's relative clause on its doer."""
    owner = name.head
    if name.dep_ == "appos" and owner.pos_ == "PROPN" and owner.ent_type_ == "PERSON":
        return [owner]
    return []


def _described_by_participle(verb: Token) -> Token | None:
    """ "Chairman X, recently resigned RNC political director Gentry Collins, ...": a
    participle before a title and a name describes that name, where the parse made it a
    verb with the name before it as its subject."""
    if verb.tag_ not in {"VBD", "VBN"} or verb.i + 1 >= len(verb.doc):
        return None
    token = verb.nbor(1)
    if token.pos_ not in {"NOUN", "PROPN", "ADJ"} or token.ent_type_ in {"DATE", "TIME"}:
        return None
    while token.dep_ in {"compound", "amod", "nmod"} and token.head.i > token.i:
        token = token.head
    if token.ent_type_ != "PERSON" or token.pos_ != "PROPN" or token.head.i == verb.i:
        return None
    return token


def _named_head(noun: Token) -> Token:
    """ "Newly appointed Defense Minister Sarah Jones": the name a title is a compound of."""
    while noun.dep_ == "compound" and noun.head.pos_ == "PROPN":
        noun = noun.head
    return noun


_CONTROLLED = frozenset({"xcomp", "pcomp", "advcl"})
"""How a clause without a subject of its own hangs from the one whose subject it shares:
"was forced to resign", "since being named as his running mate", "Arrested in 2009, X"."""


def _controller(verb: Token) -> list[Token]:
    """The subject a subjectless clause shares: "X was forced to resign" (X), "police forced Y
    to resign" (Y), "X, in his first interview since being named running mate, said" (X)."""
    if any(c.dep_ in _SUBJECT_DEPS for c in verb.children):
        return []
    if verb.dep_ in {"relcl", "acl"} and any(c.lower_ == "to" for c in verb.children):
        return [verb.head]  # "the first president to die", "the first woman to be elected"
    if verb.dep_ not in _CONTROLLED or verb.tag_ in _FINITE:
        return []  # "X became leader after May stepped down": a tensed clause has its own
    head = verb.head
    if verb.dep_ == "pcomp":
        head = head.head  # "since being named": the clause "since" belongs to
        while head.pos_ not in {"VERB", "AUX"} and head.head.i != head.i:
            head = head.head
    if head.pos_ not in {"VERB", "AUX"}:
        return []
    if verb.dep_ == "xcomp":
        objects = [c for c in head.children if c.dep_ == "dobj"]
        if objects:
            return objects
    elif verb.dep_ == "advcl" and _someone_acted_on(head):
        return []  # "May appointed him Foreign Secretary, ..., resigning in protest": his
    # "X, making his first trip since walking out on the club, ...": a subjectless clause
    # above shares its own controller
    return _subjects(head, "nsubj") or _subjects(head, "nsubjpass") or _controller(head)


_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_FINITE = frozenset({"VBD", "VBZ", "VBP"})
_PERSONAL = frozenset({"him", "her", "them", "me", "us"})


def _someone_acted_on(verb: Token) -> bool:
    """Whether the verb has a person as its object ("appointed him", "fired Tom Hill"): a
    participle set after it ("..., resigning in protest") may as well be theirs."""
    return any(
        c.dep_ in {"dobj", "dative"}
        and (
            c.lower_ in _PERSONAL
            or is_role_noun(c)
            or any(t.ent_type_ == "PERSON" for t in c.lefts)
            or c.ent_type_ == "PERSON"
        )
        for c in verb.children
    )


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
        listed_people = _list_relative(verb, found[0])
        if listed_people is not None:
            return listed_people
        listed = verb.head.dep_ == "conj" or bool(verb.head.conjuncts)
        ambiguous = listed or _open_attachment(verb.head) or _nearer_name(verb.head, found[0])
        return [] if ambiguous else [verb.head]
    if not found and verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"}:
        return [c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if not found and verb.tag_ in _FINITE:
        return _subject_after_marker(verb)
    return found


def _subject_after_marker(verb: Token) -> list[Token]:
    """ "after Theresa May stepped down": where the parse made the subject of a tensed clause
    the object of its "after" (or "before", "when"), that name."""
    return [
        g
        for c in verb.children
        if c.dep_ == "mark" and c.i < verb.i
        for g in c.children
        if g.dep_ == "pobj" and g.i < verb.i
    ]


def _list_relative(verb: Token, pronoun: Token) -> list[Token] | None:
    """ "A, chairman of X; and Gentry Collins, who resigned last month", "Scott Brown in
    Massachusetts and Dean Heller in Nevada, who was appointed": in a list of people, a
    relative clause set off right after the last name is that person's; with a plural verb
    ("A and B, who were arrested") it is all of theirs. None where another noun comes
    between ("the wife of B, who") or the antecedent is no list of names."""
    if pronoun.i < 2 or pronoun.nbor(-1).text != ",":
        return None
    antecedent = verb.head
    if antecedent.ent_type_ != "PERSON" or antecedent.pos_ != "PROPN":
        return None
    people = [antecedent, *antecedent.conjuncts] + [
        t
        for t in antecedent.subtree
        if t.dep_ in {"conj", "appos"} and t.ent_type_ == "PERSON" and t.i < pronoun.i
    ]
    if len({t.i for t in people}) < 2 or any(t.i > pronoun.i for t in people):
        return None  # "A, who was elected as X, B and C": the list goes on past the clause
    nearest = max(
        (t for t in people if t.i < pronoun.i and t.pos_ == "PROPN"), key=lambda t: t.i
    )
    between = nearest.doc[nearest.i + 1 : pronoun.i - 1]
    if len(between) > _MAX_AFTER_NAME or any(not _a_place_phrase(t) for t in between):
        return None
    plural = verb.tag_ == "VBP" or any(
        c.dep_ in {"aux", "auxpass"} and c.lower_ in _PLURAL for c in verb.children
    )
    return list(dict.fromkeys(people)) if plural else [nearest]


_PLURAL = frozenset({"were", "are", "have", "'re", "'ve"})
_MAX_AFTER_NAME = 3
"""How many words of a place ("in Nevada") may stand between a name and its "who"."""


def _a_place_phrase(token: Token) -> bool:
    """A word of "in Nevada", "of Missouri" after a name."""
    return token.lower_ in {"in", "of", "from"} or token.ent_type_ in {"GPE", "LOC"}


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
    aides', so it is nobody's; "the wife of X, who died", "the mother of Lohan's assistant
    who had quit" likewise."""
    if antecedent.pos_ == "NOUN" and any(
        _someone(g)
        for c in antecedent.children
        if c.dep_ == "prep" and c.lower_ in {"of", "to", "for"}
        for g in c.children
        if g.dep_ == "pobj"
    ):
        return True  # the parse hung "who" on the first noun of "the mother of X who ..."
    if antecedent.dep_ != "pobj" or antecedent.head.dep_ != "prep":
        return False
    prep = antecedent.head
    before = prep.doc[prep.i - 1] if prep.i else prep
    return any(_who_could_mean(t) for t in (prep.head, before))


def _who_could_mean(noun: Token) -> bool:
    """Whether "who" after "NOUN of X" may be the noun's: a name or a person ("aides to X
    who"), not a thing ("a picture of X, who died")."""
    if noun.pos_ == "PROPN":
        return True
    return noun.pos_ == "NOUN" and (_someone(noun) or noun.lemma_.lower() in _PEOPLE_NOUNS)


_PEOPLE_NOUNS = frozenset({"family", "staff", "team", "crew", "group", "people"})
"""Nouns of people together that the word list does not take for persons: "the family of
X, who"."""


def _someone(token: Token) -> bool:
    """A person, named or not: "Lohan's assistant", "Tom Smith"."""
    return token.ent_type_ == "PERSON" or is_role_noun(token) or is_person_noun(token.lemma_)


def _participants(
    article: ParsedArticle, arguments: list[Token], roles: list[Role], *, expand: bool = True
) -> list[tuple[str, str | None]]:
    """Who the arguments name; with `expand`, the names listed with them too ("X and Y were
    killed"), but never for a modifier ("newly appointed Minister X and her deputy, Y")."""
    found: list[tuple[str, str | None]] = []
    for argument in arguments:
        owned = _whose_noun(argument)
        if owned is not None:  # "X, whose son, Y, was killed": the son's, never X's
            named = (event_person(article, t) for t in _apposition_chain(owned))
            found.extend((p, None) for p in named if p is not None)
            continue
        examples = [t for g in including(argument) for t in (g, *g.conjuncts)]
        members = listed(argument) if expand else [argument]
        for token in [*members, *dict.fromkeys(examples)]:
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
) -> list[tuple[str, str | None]]:
    person = event_person(article, token)
    if person is not None:
        return [(person, None)]
    named = _named_beside(article, token)
    if named:
        return [(p, None) for p in named]
    if token.pos_ == "NOUN" and is_role_noun(token) and token.tag_ == "NN":
        holder = _holder(token, roles) or _epithet_holder(article, token, roles)
        if holder is None:
            return []  # "the minister" whom the article names nowhere, "a key operative"
        words = [t for t in token.subtree if t.dep_ not in {"relcl", "acl", "punct"}]
        role = " ".join(t.lower_ if t.dep_ == "det" else t.text for t in words if not t.is_space)
        return [(holder, role)]
    return []


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


def _epithet_holder(article: ParsedArticle, noun: Token, roles: list[Role]) -> str | None:
    """ "Hellas president Chris Vlahogiannis ... The fan club president was arrested": the
    person an epithet re-names, as quotes find who an epithet speaker is
    (`epithet_referent`), where the article gives that person a role of the same noun."""
    if noun.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    person = epithet_referent(article, noun)
    if person is None:
        return None
    head = fold(noun.lemma_)
    held = any(r.person == person and head in fold(r.role).split() for r in roles)
    return person if held else None


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
    beside += _stray_apposition(article, token) + _identified_as(token)
    named = [event_person(article, t) for t in beside if t.pos_ in {"PROPN", "PRON"}]
    return list(dict.fromkeys(p for p in named if p is not None))


def _identified_as(noun: Token) -> list[Token]:
    """ "the militant, identified as Abdul Hameed", "a man named John Smith", "the man who
    died was identified as John Smith", "the two men killed were named as X and Y": the
    names."""
    found = [t for g in identified_as(noun) for t in (g, *g.conjuncts)]
    for verb in (c for c in noun.children if c.dep_ == "acl"):
        if verb.lemma_.lower() not in {"identify", "name"}:
            continue
        found += [c for c in verb.children if c.dep_ in {"oprd", "attr", "dobj"}]
        found += [g for c in verb.children if c.lower_ == "as" for g in c.children
                  if g.dep_ == "pobj"]
    return found


def _stray_apposition(article: ParsedArticle, noun: Token) -> list[Token]:
    """ "picking Kennedy's chief of staff, Paul Kirk.": a name set off by a comma right after
    the description, at the end of the clause, which the parse hung elsewhere."""
    end = noun.right_edge.i
    doc = noun.doc
    if end + 2 >= len(doc) or doc[end + 1].text != ",":
        return []
    mention = article.mention_at.get(end + 2)
    if mention is None or mention.type != "PERSON" or mention.start != end + 2:
        return []
    name = doc[mention.end - 1]
    after = doc[mention.end] if mention.end < len(doc) else None
    closed = after is None or after.is_punct or after.is_space
    if name.dep_ in {"nsubj", "nsubjpass"} or not closed or name.head.i == noun.i:
        return []
    return [name]


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
