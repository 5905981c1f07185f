"""Who a speaker named by a description or a bare surname is, as wire, British and sports
copy name them ("the former England captain said", "said De Villiers"), and the speakers
the text leaves open ("Mr Drayton" where two Draytons speak)."""

from __future__ import annotations

from spacy.tokens import Token

from tidings.enrich.document import ParsedArticle, person_at
from tidings.enrich.gender import first_name_gender, is_person_noun
from tidings.enrich.lexicon import (
    ANONYMOUS_SPEAKERS,
    HONORIFICS,
)
from tidings.enrich.mention import Mention, marked_gender
from tidings.enrich.name_shapes import english_or_plural
from tidings.enrich.names import fold, name_words
from tidings.enrich.role_nouns import is_role_noun

_MODIFIERS = frozenset({"amod", "compound", "nmod", "nummod", "npadvmod"})
_SOMEONE_ELSE = frozenset({"other", "another"})
"""Words that make an epithet someone other than the person just named ("the other
overnight leader", "the new coach")."""
_LOOK_BACK = 2
"""How many sentences before its own an epithet's person may be named in."""


def epithet_referent(article: ParsedArticle, subject: Token) -> str | None:
    """ "The former England captain confirmed, "..."": a definite description with words of
    its own before a role noun ("the professorial coach", "the Top Gear host") is how copy
    re-names the person just written about: the last person named as the doer of a clause
    (a subject, or a passive's "by" agent) outside quotation marks, in the sentence before
    it or in the two sentences before that. None where the phrase is no such epithet or
    names a person itself ("the Obama spokesman"), and where someone else is named outside
    quotation marks between that doer and the epithet ("Al Fayed convinced Hodgson and the
    former Inter Milan coach hopes": Hodgson may be the coach as well as Al Fayed)."""
    if not _epithet(article, subject):
        return None
    for index in _narrative_sentences(article, article.sentence_of[subject.i]):
        sentence = article.sentences[index]
        doers = [
            (m.name, t.i)
            for t in sentence
            if t.i < subject.i
            and t.i not in article.quoted
            and (m := article.mention_at.get(t.i)) is not None
            and m.type == "PERSON"
            and t.i == _mention_root(article, t)
            and _doer(t)
        ]
        if doers:
            name, at = doers[-1]
            if _other_named(article, name, at, subject.i):
                return None
            return None if _held_by_others(article, subject, name) else name
    return None


def _held_by_others(article: ParsedArticle, subject: Token, name: str) -> bool:
    """Whether the article gives the epithet's role to people here other than `name`, and
    not to `name` ("daughter of former Vice President Dick Cheney ... Mary Cheney criticised
    ... "...," the former vice president said": Dick Cheney's words, not Mary's): the
    epithet's noun and every word before it in one of their roles."""
    noun = _epithet_noun(subject)
    if noun is None:
        return False
    words = {
        fold(t.lemma_)
        for t in subject.doc[subject.left_edge.i : noun.i]
        if t.pos_ in {"NOUN", "PROPN", "ADJ", "NUM"}
    }
    holders = {
        r.person
        for r in article.roles
        if fold(noun.lemma_) in fold(r.role).split() and words <= set(fold(r.role).split())
    }
    return bool(holders) and name not in holders


def _other_named(article: ParsedArticle, name: str, start: int, end: int) -> bool:
    """Whether a person other than `name` is named outside quotations in tokens (start, end)."""
    return any(
        (m := article.mention_at.get(i)) is not None
        and m.type == "PERSON"
        and m.name != name
        and i not in article.quoted
        for i in range(start + 1, end)
    )


def _narrative_sentences(article: ParsedArticle, first: int) -> list[int]:
    """`first` and the `_LOOK_BACK` sentences before it that hold words of the writer's own,
    going back: a quotation of several sentences ("All you can do is pay in. Not take it
    out. Honestly," the host wrote.) puts no distance between its speaker and the name
    before it."""
    found = [first]
    index = first - 1
    while index >= 0 and len(found) <= _LOOK_BACK:
        if any(t.is_alpha and t.i not in article.quoted for t in article.sentences[index]):
            found.append(index)
        index -= 1
    return found


def _epithet(article: ParsedArticle, subject: Token) -> bool:
    """ "the former England captain", "the former Manchester United and Leeds striker" (where
    the parse hangs "the" on "United", or makes "United" the subject and the noun its
    conjunct): a phrase opening on "the", with words before its noun, none of them a
    person's name."""
    noun = _epithet_noun(subject)
    if noun is None or noun.lower_ in ANONYMOUS_SPEAKERS or noun.lemma_ in ANONYMOUS_SPEAKERS:
        return False
    if noun.tag_ == "NNS":
        return False  # "the two leaders": more than the one person
    before = [c for c in (*subject.children, *noun.children) if c.i < noun.i]
    phrase = list(subject.doc[subject.left_edge.i : noun.i])
    if not phrase or phrase[0].lower_ != "the" or any(t.lower_ in _SOMEONE_ELSE for t in phrase):
        return False
    modifiers = [c for c in before if c.dep_ in _MODIFIERS]
    former = any(t.lower_ in {"former", "ex"} for t in phrase)
    if not modifiers or not (former or is_role_noun(noun) or is_person_noun(noun.lemma_)):
        return False
    return not any(
        (m := article.mention_at.get(t.i)) is not None and m.type == "PERSON" for t in phrase
    )


def _epithet_noun(subject: Token) -> Token | None:
    """The noun an epithet ends on: the subject itself, or the noun conjoined to a proper
    name the parse took for the subject ("the former Manchester United and FC Barcelona
    striker" with "United" the subject)."""
    if subject.pos_ == "NOUN":
        return subject
    if subject.pos_ != "PROPN":
        return None
    nouns = [c for c in subject.children if c.dep_ == "conj" and c.pos_ == "NOUN"]
    return nouns[-1] if nouns else None


def _mention_root(article: ParsedArticle, token: Token) -> int:
    """The token of `token`'s mention whose head lies outside the mention."""
    mention = article.mention_at[token.i]
    inside = range(mention.start, mention.end)
    root = token
    while root.head.i in inside and root.head.i != root.i:
        root = root.head
    return root.i


def _doer(token: Token) -> bool:
    """Whether a name is the subject of its clause, or a passive's "by" agent, directly or
    through an apposition ("taken by his assistant Joe Jordan")."""
    while token.dep_ == "appos" and token.head.i != token.i:
        token = token.head
    if token.dep_ in {"nsubj", "nsubjpass"}:
        return True
    return token.dep_ == "pobj" and token.head.dep_ == "agent"


def surname_referent(article: ParsedArticle, subject: Token) -> str | None:
    """ "said De Villiers", "said Bajaj", "said Mr Fukuda": a subject that is a proper name
    the entity step did not take for a person, folded and without its honorific, is the
    last word or words of exactly one person's name in the article ("Peter de Villiers",
    "Rajiv Bajaj"): that person. Never a place."""
    mention = article.mention_at.get(subject.i)
    if not _proper(subject) or (mention is not None and mention.type in {"GPE", "LOC"}):
        return None
    words = [t for t in subject.subtree if t.pos_ == "PROPN" or t.i == subject.i]
    if not words or words[-1].i != subject.i or any(t.i < words[0].i for t in subject.subtree):
        return None
    wanted = fold(" ".join(t.text for t in words)).split()
    while len(wanted) > 1 and wanted[0].rstrip(".") in HONORIFICS:
        wanted = wanted[1:]  # "said Mr Fukuda"
    people = {m.name for m in article.mentions if m.type == "PERSON"}
    holders = {
        name
        for name in people
        if len(fold(name).split()) > len(wanted) and fold(name).split()[-len(wanted) :] == wanted
    }
    return holders.pop() if len(holders) == 1 else None


def _proper(token: Token) -> bool:
    """A proper name, or a capitalised word the tagger took for a common noun that is no
    English word ("Duggins said", tagged a plural noun)."""
    if token.pos_ == "PROPN":
        return True
    return token.pos_ == "NOUN" and token.text.istitle() and not english_or_plural(token.text)


def ambiguous_surname(article: ParsedArticle, token: Token) -> bool:
    """Whether `token` is in a mention that gives a surname alone ("Mr Drayton") where the
    last name before it with that surname is, in full, someone else of that surname than
    the person it was linked to ("John Drayton said ..." in an article about Trevor
    Drayton): which one speaks, the text does not say; an honorific of the other gender
    than that name's says ("Mr Darwin" after "Anne Darwin"). Names that differ only in case, or
    by a "Jr.", are one person."""
    mention = article.mention_at.get(token.i)
    if mention is None or mention.type != "PERSON" or len(mention.surface.split()) != 1:
        return False
    surname = "".join(name_words(mention.surface))
    if _surname_of(mention.name) != surname:
        return False  # linked to no full name of its own: nothing to mistake
    before = [
        m
        for m in article.mentions
        if m.type == "PERSON"
        and m.start < mention.start
        and _surname_of(m.name) == surname
        and surname in name_words(m.surface)
        and not _modifier(article, m)
    ]
    gender = marked_gender(article.doc, mention)
    if gender is not None:  # "Mr Darwin" after "his wife Anne Darwin" is no namesake of hers
        before = [m for m in before
                  if (article.gender.get(m.name) or first_name_gender(m.name)) in {gender, None}]
    if not before:
        return False
    last = before[-1]
    if len(last.surface.split()) > 1 and _full_key(last.name) != _full_key(mention.name):
        return True
    sentence = article.sentence_of[last.start]
    rivals = [m for m in before if article.sentence_of[m.start] == sentence]
    return len(_namesakes(article, mention, rivals)) > 1


def surname_in_doubt(article: ParsedArticle, before: int, speaker: str,
                     pronoun: str | None = None) -> bool:
    """Whether, before token `before`, the last name in full with `speaker`'s surname is
    someone else's, and `speaker` is named since only by that surname ("John Drayton said
    ... Mr Drayton also extended his condolences ... "...," he said", "Mr Drayton" linked to
    Trevor Drayton): a pronoun after it names either, as the surname does (see
    `ambiguous_surname`). A first name since ("Trevor said") settles it, and so does a
    `pronoun` ("m", "f") in the attribution of the other gender than the other person's; a
    surname of two ("Troy Cassar-Daley") is no namesake of "Daley"."""
    words = name_words(speaker)
    if len(words) < 2:
        return False
    surname = words[-1]
    named = [
        m for m in article.mentions
        if m.type == "PERSON" and m.start < before and surname in name_words(m.surface)
        and name_words(m.name)[-1:] == (surname,)
    ]
    full = [i for i, m in enumerate(named)
            if len(name_words(m.surface)) > 1 and not _modifier(article, m)]
    if not full or _full_key(named[full[-1]].name) == _full_key(speaker):
        return False
    rival = named[full[-1]].name
    gender = article.gender.get(rival) or first_name_gender(rival)
    if gender is not None and pronoun is not None and gender != pronoun:
        return False  # "Lady Bird Johnson ... President Johnson and his wife ... he observed"
    since = [m for m in named[full[-1] + 1 :] if m.name == speaker]
    return bool(since) and all(name_words(m.surface) == (surname,) for m in since)


def _namesakes(article: ParsedArticle, mention: Mention, before: list[Mention]) -> set[str]:
    """The people named in full in `before` (the sentence of the last full name before the
    surname) whom the surname alone may name: all of them, or with a title those the article
    knows to be of its gender ("Mrs. Clinton" is not Bill). "Mattioli praised" after "Mark
    Mattioli, whose son, James Mattioli, ..." may be either; after "Harvey and Bob Weinstein
    ... a statement by Harvey Weinstein", "Weinstein added" is Harvey's."""
    gender = marked_gender(article.doc, mention)
    return {
        _full_key(m.name)
        for m in before
        if len(m.surface.split()) > 1
        and (gender is None or article.gender.get(m.name) == gender)
    }


def named_in_own_words(article: ParsedArticle, start: int, end: int, speaker: str) -> bool:
    """Whether the quotation at characters [start, end) makes its speaker the subject of a
    clause in the third person (""Mr Al Fayed is a very persuasive man," he said"): people
    speak of others so, seldom of themselves, so a speaker the attribution does not name
    ("he") is most likely the one it is about. A first name alone ("Mike was excited") is
    too often someone else's to count."""
    chars = article.doc.char_span(start, end, alignment_mode="expand")
    if chars is None:
        return False
    return any(
        (m := article.mention_at.get(t.i)) is not None
        and m.name == speaker
        and _surname_of(speaker) in name_words(m.surface)
        and t.i == _mention_root(article, t)
        and t.dep_ in {"nsubj", "nsubjpass"}
        for t in chars
    )


def _modifier(article: ParsedArticle, mention: Mention) -> bool:
    """A name set before a noun ("Drayton's Family Wines", "the Obama campaign")."""
    root = article.doc[_mention_root(article, article.doc[mention.start])]
    return root.dep_ in {"poss", "compound"}


def _surname_of(name: str) -> str:
    """The surname of a full name as `name_words` gives it ("cassardaley" of "Troy
    Cassar-Daley", no namesake of "Daley"); empty for a name of one word."""
    words = [w for w in name_words(name) if w not in _SUFFIXES]
    return words[-1] if len(words) > 1 else ""


def _full_key(name: str) -> str:
    return " ".join(w for w in fold(name).split() if w.rstrip(".") not in _SUFFIXES)


_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


DOCUMENTS = frozenset(
    {"statement", "letter", "report", "memo", "memorandum", "release", "email", "e-mail"}
    | {"filing", "affidavit", "motion", "brief", "note", "message", "column", "essay"}
)
"""Papers whose words are quoted as their author's ("the letter says ..."): a quotation
of one counts for the person who issued it where the text names that person."""
_DEFINITE = frozenset({"the", "this", "that"})
_CARRIERS = frozenset({"in", "through", "via"})
"""How a paper hangs from its author's verb: "X said in a statement"."""
_ISSUING = frozenset({"issue", "release", "send", "write", "sign", "post", "publish", "file"})
"""Verbs whose subject authored their object: "X issued a statement"."""


def document_referent(article: ParsedArticle, subject: Token) -> str | None:
    """Who speaks where a paper does ("the letter says", "the report stated"): the person
    it is from in its own phrase ("the letter from Taylor", "Bauer's report"), else, for a
    definite one, the person the text last gave as the author of a paper of that name
    ("Ban Ki-moon said in a new report ... the report noted", "a letter from Peter Welch
    ... The letter says"). None where no person is named so, or the last such paper was
    issued by no person the article names ("the company said in a statement")."""
    if subject.pos_ != "NOUN" or subject.lemma_.lower() not in DOCUMENTS:
        return None
    own = _author(article, subject)
    if own is not None or not _definite(subject):
        return own or None
    for token in reversed(article.doc[: subject.left_edge.i]):
        if token.lemma_.lower() != subject.lemma_.lower() or token.pos_ != "NOUN":
            continue
        if token.i in article.quoted:
            continue
        author = _author(article, token)
        if author is not None:
            return author or None
        if not _definite(token):
            return None
    return None


def _definite(paper: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in paper.children)


def _author(article: ParsedArticle, paper: Token) -> str | None:
    """The person who issued `paper` by its own phrase or its verb; "" where the text gives
    someone that is no person the article names (an organisation, several people); None
    where it says nothing."""
    for child in paper.children:
        if child.dep_ == "poss":
            return person_at(article, child) or ""
        if child.dep_ == "prep" and child.lower_ in {"from", "by"}:
            for pobj in (g for g in child.children if g.dep_ == "pobj"):
                return _person_or_apposed(article, pobj)
    verb = paper.head
    if paper.dep_ == "pobj" and verb.lower_ in _CARRIERS:
        verb = verb.head
    elif not (paper.dep_ == "dobj" and verb.lemma_.lower() in _ISSUING):
        return None
    if verb.pos_ not in {"VERB", "AUX"}:
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return _person_or_apposed(article, subjects[0]) if subjects else None


def _person_or_apposed(article: ParsedArticle, token: Token) -> str:
    """The person `token` names, itself or by its apposition ("Grimm's attorney, William
    McGinley"); "" where it names none."""
    found = person_at(article, token)
    if found is None:
        apposed = [c for c in token.children if c.dep_ == "appos"]
        found = person_at(article, apposed[0]) if apposed else None
    if token.conjuncts:
        return ""  # "the senators Smith and Jones said in a letter": no one person
    return found or ""
