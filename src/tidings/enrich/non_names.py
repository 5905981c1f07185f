""""People" that name no one: plurals, lone first names and English nouns that never act
as a person, brands modifying a thing."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from tidings.enrich.census_names import is_given_name, is_listed_name, surname_share
from tidings.enrich.mention import Mention, is_titled
from tidings.enrich.name_words import common_noun, english_or_plural
from tidings.enrich.names import fold
from tidings.enrich.nlp import english_words
from tidings.enrich.person_evidence import (
    acts_as_person,
    is_first_name,
    names_person,
    role_before,
    speaks,
    thing_noun,
)
from tidings.enrich.rosters import roster_tokens
from tidings.enrich.world_names import is_world_first_name


def _subject_of_verb(token: Token) -> bool:
    """The subject of a full verb, not of "be" ("Putin smiled", not "Attendance was low")."""
    return token.dep_ == "nsubj" and token.head.pos_ == "VERB"


def _brand_modifier(token: Token) -> bool:
    """A name modifying a noun for no person after "a" or "an": "a $43,000 Rolex watch"
    (not "an Obama aide", nor "the Bush tax cuts")."""
    head = token.head
    return (token.dep_ == "compound" and head.pos_ == "NOUN" and not names_person(head)
            and any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in head.children))


def _acts(doc: Doc, m: Mention, root: Token) -> bool:
    """Whether a one-word name that is an English word acts as a person: it speaks ("Macron
    said") or is the subject of a verb ("Putin smiled"), but not of "report" ("Politico
    reported"), and, for a word the census lists as a rare surname, not as the first word of
    a sentence, where any noun is capitalised ("Draft talking points depicted ...")."""
    if _reports(root):
        return False
    if speaks(root):
        return True
    return _subject_of_verb(root) and not (
        doc[m.start].is_sent_start and is_listed_name(m.name))


def _person_evidence(doc: Doc, m: Mention, root: Token, full_names: list[Mention],
                     people: list[Mention]) -> bool:
    """Whether anything around a one-word name shows it names a person: a title or a role noun
    ("striker Giovanni"), a verb it is the subject of, a person noun or another person beside it
    ("Terry, an entrepreneur", "Brown and Duggins"), a person noun it modifies or owns ("Clinton's
    aide"), a deed it owns ("Obama's surge", not "McLaren's car"), an office it names ("the Obama
    administration") or a thing after "the" it modifies ("the Bush tax cuts"), a full name here, of
    any type, that it ends."""
    if (is_titled(doc, m) or acts_as_person(root) or root.dep_ in {"nsubj", "nsubjpass"}
            or role_before(doc, m.start, m.end)):
        return True
    if root.dep_ == "compound" and (root.head.lower_ in _OFFICE_NOUNS or _definite(root.head)):
        return True  # "the Obama administration", "the Nixon White House", "the Bush tax cuts"
    if root.dep_ == "poss" and root.head.pos_ == "NOUN" and not thing_noun(root.head):
        return True  # "Obama's Afghan surge", not "McLaren's car"
    if any(p.name.split()[-1] == m.name for p in full_names):
        return True
    linked = [*root.children, root.head]
    if any(t.pos_ == "NOUN" and names_person(t) for t in linked):
        return True
    spans = {(p.start, p.end) for p in people if p is not m}
    if any((t.ent_type_ == "PERSON" and t.dep_ in {"conj", "appos"})
           or (t.dep_ == "conj" and any(s <= t.i < e for s, e in spans)) for t in linked):
        return True
    return root.dep_ == "conj" and any(s <= root.head.i < e for s, e in spans)


def _definite(noun: Token) -> bool:
    """A noun after "the" that names no kind of thing: "the Bush tax cuts", not "the McLaren
    car"."""
    while noun.dep_ == "compound" and noun.head.i > noun.i:
        noun = noun.head  # "Bush" modifies "tax", which modifies "cuts"
    return (noun.pos_ == "NOUN" and not thing_noun(noun)
            and any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children))


_OFFICE_NOUNS = frozenset(
    {"administration", "government", "presidency", "house", "cabinet", "campaign", "regime",
     "era", "years", "doctrine", "camp", "ministry", "premiership"})
"""Nouns a leader's name modifies ("the Howard government"): that name is the leader's."""


def _reports(token: Token) -> bool:
    """The subject of "report" or "publish", which a publication is ("Politico reported")."""
    return token.dep_ == "nsubj" and token.head.lemma_.lower() in _PUBLISHING_VERBS


_PUBLISHING_VERBS = frozenset({"report", "publish"})


def word_phrase(name: str) -> bool:
    """A name of several English words that opens on no first name and ends on no common
    surname: the title of a show, a product or a racehorse that NER took for a person
    ("Celebrity Hijack", "Smart Antennas", "Polar Glow"; not "Tiger Woods", where "Woods" is
    a common surname, nor "Piers Handling", whose first word is no English word but a plural
    of one)."""
    words = name.split()
    if len(words) < 2 or not all(w.isalpha() and w[0].isupper() for w in words):
        return False
    first, last = words[0], words[-1]
    return (
        fold(first) in english_words()
        and not is_first_name(first)
        and not is_world_first_name(first)
        and all(english_or_plural(w) for w in words[1:])
        and surname_share(last) < _COMMON_SURNAME
    )


_COMMON_SURNAME = 0.01
"""Percentage of people with the surname above which a word ends a person's name as likely as
a phrase ("Woods" 0.08, "Brown" 0.62; "Power" 0.005, "Antennas" none)."""


def singular_names(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A name whose last word is a plural no census lists, of a name or word it does: of a
    surname after a first name, the person ("the Lindsay Lohans of the world" name Lindsay
    Lohan); else no one ("Pell Grants", "Dick Clark Productions"). "Nicos Anastasiades" is
    no plural."""
    fixed = []
    for m in mentions:
        words = m.name.split()
        last = words[-1]
        if (m.type != "PERSON" or len(words) < 2 or doc[m.end - 1].tag_ != "NNPS"
                or not last.endswith("s") or is_listed_name(last)
                or not (is_listed_name(last[:-1]) or fold(last[:-1]) in english_words())):
            fixed.append(m)
        elif is_first_name(words[0]) and is_listed_name(last[:-1]):
            name = " ".join([*words[:-1], last[:-1]])
            fixed.append(Mention(m.start, m.end, name, name, m.type, m.title))
    return fixed


def drop_non_names(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """One-word "people" that name no one: a first name alone that is nobody's here
    ("turkeys named Mac and Cheese", "Martha's Vineyard"), unless a title or a role noun goes
    with it ("striker Giovanni") or it is the subject of a verb ("Martha said"); an English
    noun that is no name in the census or a rare one ("Attendance was low", "on Twitter", "to
    equate Islam"), unless a title or a role noun goes with it ("the philosopher Confucius")
    or it acts as a person (`_acts`: "Putin smiled", which WordNet lists); a plural
    ("Britons", "the Trumps"); a name no census lists that only modifies a thing after "a"
    ("a Rolex watch"). A one-word name nothing here shows to be a person's
    (`_person_evidence`: "the unveiling of McLaren's car", "Jones told Wikinews") is kept as
    an organisation, what such a name most often is in news (a company, club, brand or
    publication), so that what the coverage knows of it still decides its type. A name of
    several English words (`word_phrase`: "Celebrity Hijack", "Magic Spell") is kept as an
    organisation too, unless a title or a role noun goes with it, or it speaks or acts as a
    person somewhere here."""
    one_word = {m.name for m in mentions if m.type == "PERSON" and " " not in m.name}
    phrases = {m.name for m in mentions if m.type == "PERSON" and word_phrase(m.name)}
    given = {n for n in one_word if is_given_name(n)}
    words = {n for n in one_word - given if common_noun(n)}
    plural = set(one_word)
    brands = {n for n in one_word if not is_listed_name(n)}
    bare = set(one_word)
    full_names = [m for m in mentions if " " in m.name and is_first_name(m.name.split()[0])]
    people = [m for m in mentions if m.type == "PERSON"]
    for m in mentions:
        root = doc[m.start : m.end].root
        if m.name in bare and _person_evidence(doc, m, root, full_names, people):
            bare.discard(m.name)
        role = role_before(doc, m.start, m.end)
        if m.name in given and (is_titled(doc, m) or acts_as_person(root) or role):
            given.discard(m.name)
        if m.name in words and (is_titled(doc, m) or _acts(doc, m, root) or role):
            words.discard(m.name)
        if m.name in phrases and (is_titled(doc, m) or acts_as_person(root) or speaks(root)
                                  or role):
            phrases.discard(m.name)
        if root.tag_ != "NNPS":
            plural.discard(m.name)
        if not _brand_modifier(root):
            brands.discard(m.name)
    roster = roster_tokens(doc, mentions)
    listed = {m.name for m in mentions if m.type == "PERSON" and m.start in roster}
    dropped = (given | words | plural | brands) - listed
    kept = [m for m in mentions if not (m.type == "PERSON" and m.name in dropped)]
    return [replace(m, type="ORG") if m.type == "PERSON" and m.name in (bare | phrases) - listed
            else m
            for m in kept]
