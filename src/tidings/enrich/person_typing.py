"""Mentions NER typed otherwise or missed that are people: by votes, titles, roles, lists,
nationality frames and the shape of the name."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span, Token

from tidings.enrich.aliases import person_part_of
from tidings.enrich.census_names import first_name_share, is_listed_name, surname_share
from tidings.enrich.gazetteer import place_population
from tidings.enrich.lexicon import HONORIFICS, ROLE_NOUNS, TITLES
from tidings.enrich.mention import Mention, with_titles
from tidings.enrich.mention_cleaning import as_person, person_name, plausible
from tidings.enrich.name_shapes import (
    conjunct_names,
    honorific_names,
    is_initials,
    national_name,
    person_shaped,
    position_word,
    role_name,
    surname_shaped,
)
from tidings.enrich.name_words import (
    NON_PERSON_HEADS,
    ORG_NOUNS,
    ORG_WORDS,
    PLACE_HEADS,
    TITLE_MODIFIERS,
    common_noun,
    english_or_plural,
    english_word,
    town_name,
)
from tidings.enrich.names import fold, name_words
from tidings.enrich.non_person_typing import after_locative
from tidings.enrich.person_evidence import is_first_name, names_person, role_before


def retype(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Fix NER type slips: a person's surname tagged ORG (also of a name whose initials are
    set against it, "Pankajakshan" of "K.Pankajakshan"), a name listed among people; never
    the word that opens a "person's" name and is no first name ("Harvard", of "Harvard
    Law"), which that name is named after."""
    people = list(dict.fromkeys(
        m.name for m in mentions if m.type == "PERSON" and len(name_words(m.name)) > 1))
    grown = set(_full_names_of_surnames(doc, mentions))
    titled = with_titles(doc, mentions)
    votes: dict[str, Counter[str]] = {}
    for m in mentions:
        votes.setdefault(fold(m.name), Counter())[m.type] += 1
    surnames = {fold(p.split()[-1]) for p in people}
    founders = {fold(p.split()[0]) for p in people if not is_first_name(p.split()[0])}
    fixed = []
    for m in mentions:
        if m.type != "PERSON" and fold(m.name) not in founders and (
            m.name in grown
            or fold(m.name) in titled
            or (" " not in m.name and _title_before(doc, m))
            or _looks_personal(doc, m, people, votes[fold(m.name)])
            or _described_person(m, surnames)
            or _person_shaped(doc, m)
        ):
            person = as_person(doc, m)
            fixed.append(person if person and not town_name(person.name) else m)
        else:
            fixed.append(m)
    return fixed


def _title_before(doc: Doc, m: Mention) -> bool:
    """A capitalised title that heads no organisation right before the name and joined to it:
    "Ambassador Pickering said" (NER: an organisation), not "former Enron executive"."""
    if m.start == 0:
        return False
    token = doc[m.start - 1]
    bare = token.lower_.rstrip(".")
    return (token.text[:1].isupper() and bare in TITLES | HONORIFICS
            and bare not in TITLE_MODIFIERS and m.start <= token.head.i < m.end)


def _person_shaped(doc: Doc, m: Mention) -> bool:
    """An organisation or place NER made of a person's name ("against Marion Bartoli", "K.J.
    Choi had found"), not one naming a thing ("the Louis Vuitton bag"), with an organisation
    word, or whose last word the tagger calls a plural anywhere here ("Tea Partiers"). A
    first name of the world's vouches only against NER's organisation: a place so named is
    one ("against Abu Ghraib")."""
    last = doc[m.end - 1].text
    return (person_shaped(m.name.split(), world=m.type == "ORG")
            and not set(fold(m.name).split()) & ORG_WORDS
            and doc[m.start : m.end].root.dep_ != "compound"
            and not any(t.tag_ == "NNPS" and t.text == last for t in doc))


def listed_people(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Names joined in a list to a person's or to a noun naming people (`conjunct_names`), and
    names after an honorific (`honorific_names`), are people: NER's places and organisations
    there ("Jack Charlton and Ossie Ardiles") and names it missed ("Mohsina Kidwai and
    Kamalnath", "Her children -- Rahul and Priyanka", "what Dr. King called")."""
    person_tokens = {i for m in mentions if m.type == "PERSON" for i in range(m.start, m.end)}
    spans = conjunct_names(doc, person_tokens) + honorific_names(doc)
    if not spans:
        return mentions
    by_span = {(m.start, m.end): m for m in mentions}
    taken = {i for m in mentions for i in range(m.start, m.end)}
    fixed = list(mentions)
    for start, end in spans:
        title = doc[start].text if doc[start].lower_.rstrip(".") in HONORIFICS else ""
        start += bool(title)
        name = doc[start:end].text
        other = by_span.get((start, end))
        if other is not None and plausible(name, "PERSON", title) and not set(
                fold(name).split()) & ORG_WORDS:
            fixed[fixed.index(other)] = Mention(start, end, name, name, "PERSON", title)
        elif not taken.intersection(range(start, end)) and plausible(name, "PERSON", title):
            fixed.append(Mention(start, end, name, name, "PERSON", title))
    return sorted(fixed, key=lambda m: m.start)


def national_people(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """People NER typed otherwise in a nationality frame ("Armenia's Levon Aronian", "Vassily
    Ivanchuk of Ukraine", "Sebastien Grosjean" then "of France"): two or three surname-shaped
    words, the first a first name or initials, or any when a person NER did find stands in
    such a frame here ("Teimour Radjabov of Azerbaijan"). The country in the span stays a
    place."""
    mentions = [_after_role(doc, m) for m in mentions]
    framed = [m for m in mentions if m.type != "PERSON"
              and national_name(doc, m.start, m.end) is not None]
    if not framed:
        return mentions
    peer = any(national_name(doc, e.start, e.end) for e in doc.ents if e.label_ == "PERSON")
    fixed = []
    for m in mentions:
        span = national_name(doc, m.start, m.end) if m in framed else None
        words = [t.text for t in doc[span[0] : span[1]]] if span else []
        if not span or not 2 <= len(words) <= 3 or not all(
                surname_shaped(w) or is_initials(w) for w in words) or not (
                peer or is_first_name(words[0]) or is_initials(words[0])):
            fixed.append(m)
            continue
        name = " ".join(words)
        fixed.append(Mention(span[0], span[1], name, name, "PERSON", ""))
        rest = (m.start, span[0] - 1) if span[0] > m.start else (span[1] + 1, m.end)
        if rest[1] > rest[0]:
            place = doc[rest[0] : rest[1]].text
            fixed.append(Mention(rest[0], rest[1], place, place, "GPE", ""))
    return sorted(fixed, key=lambda m: m.start)


def _after_role(doc: Doc, m: Mention) -> Mention:
    """ "AP Business Writer Kelly Olsen", an organisation to NER, is Kelly Olsen (`role_name`),
    his role as the title; so is "Canucks D Mattias Ohlund", of any type, Mattias Ohlund."""
    start = role_name(doc, m.start, m.end)
    if start is None or (m.type == "PERSON" and not position_word(doc, start - 1)):
        return m
    name = doc[start : m.end].text
    return Mention(start, m.end, name, name, "PERSON", doc[m.start : start].text)


def _described_person(m: Mention, surnames: set[str]) -> bool:
    """An organisation or place NER ran into the full name after it ("Vermont Bernie
    Sanders", "the House Nancy Pelosi"): one descriptor word, a common first name, and a
    surname a person here has or no English word ("South China Sea" is no person)."""
    words = m.name.split()
    name, _ = person_name(m.surface)
    rest = name.split()
    if len(words) < 3 or rest != words[1:] or not rest[0][:1].isupper():
        return False
    last = rest[-1]
    return first_name_share(rest[0]) >= 0.001 and (
        fold(last) in surnames or not english_or_plural(last) or surname_share(last) >= 0.01)


def _full_names_of_surnames(doc: Doc, mentions: list[Mention]) -> list[str]:
    """Two- or three-word names of any type ending in a surname NER tagged PERSON alone, which
    the tagger never calls a plural ("the Bruins" make no person of "Boston Bruins").

    "Stephane Dion" tagged FAC once and "Dion" tagged PERSON later make a person.
    """
    plural = {m.name for m in mentions if doc[m.end - 1].tag_ == "NNPS"}
    surnames = {m.name for m in mentions
                if m.type == "PERSON" and len(m.name.split()) == 1 and m.name not in plural}
    return [
        m.name
        for m in mentions
        if m.type != "PERSON"
        and len(m.name.split()) in (2, 3)
        and m.name.split()[-1] in surnames
        and all(w[0].isupper() for w in m.name.split())
        and not any(common_noun(w) for w in m.name.split()[:-1])  # "Joint Base Andrews"
        and not set(fold(m.name).split()) & ORG_WORDS
    ]


def _looks_personal(doc: Doc, m: Mention, people: list[str], votes: Counter[str]) -> bool:
    person, other = votes["PERSON"], max(v for k, v in votes.items() if k != "PERSON")
    if person > other or (person == other and (" " in m.name or is_listed_name(m.name))):
        return True  # a tie makes no person of a word no census lists ("Labour")
    if any(person_part_of(m.name, p) for p in people):
        return True
    if set(fold(m.name).split()) & ORG_WORDS or len(m.name.split()) > 3:
        return False
    if fold(m.name.split()[-1]) in NON_PERSON_HEADS | PLACE_HEADS:
        return False  # "President Obama and the White House"
    if english_word(m.name.split()[-1]):
        return False  # "the in-person Republican National Convention"
    one_word = " " not in m.name
    root = doc[m.start : m.end].root
    if one_word and (_role_apposed(root) or role_before(doc, m.start, m.end)) and (
            not m.name.isupper()) and (
            place_population(m.name) < 200_000):
        return True  # "Reince Priebus, the chairman of", "striker Giovanni"
    if one_word and (not is_listed_name(m.name) or m.name.isupper()
                     or place_population(m.name) >= 200_000 or after_locative(doc, m)):
        return False  # "Georgia" beside "Putin" is still the country, "Wis." a state
    if not one_word and _role_linked(root, m.start):
        return True
    linked = [t for t in (root.head, *root.children) if t.dep_ == "conj" or root.dep_ == "conj"]
    return any(t.ent_type_ == "PERSON" for t in linked)  # "Romney, Huckabee, Palin"


def _role_apposed(root: Token) -> bool:
    """A name with a role noun as its apposition: "Priebus, the chairman of the party"."""
    return any(c.dep_ == "appos" and c.pos_ == "NOUN" and c.i > root.i
               and (c.lemma_.lower() in ROLE_NOUNS or names_person(c))
               and c.lemma_.lower() not in ORG_NOUNS for c in root.children)


def _role_linked(root: Token, start: int) -> bool:
    """A name (from token `start` to `root`) next to a role noun: "minister, Vecdi Gonul",
    "candidate Dumarsais Simeus", "Chief of Staff Rahm Emanuel"."""
    linked = [c for c in root.children if c.dep_ in {"appos", "compound"} and c.i < root.i - 1]
    linked += [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        linked.append(root.head)
    if any(c.dep_ == "nmod" and c.i < start and c.lower_ in TITLES for c in root.children):
        return True
    return any(t.pos_ == "NOUN" and (t.lemma_.lower() in ROLE_NOUNS or names_person(t))
               for t in linked)


def titled_names(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Proper-noun names NER missed but a role noun vouches for."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    found = []
    for token in doc:
        if token.pos_ != "PROPN" or token.i in taken or token.dep_ == "compound":
            continue
        start = token.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].head.i == token.i:
            start -= 1
        words = doc[start : token.i + 1]
        free = not any(t.i in taken for t in words)
        if not (2 <= len(words) <= 4 and words[0].text[0].isupper() and free):
            continue
        if plausible(words.text, "PERSON") and _role_linked(token, start):
            found.append(Mention(start, token.i + 1, words.text, words.text, "PERSON", ""))
        elif _title_led(words) and plausible(words[1:].text, "PERSON"):
            name = words[1:].text  # "for Queen Elizabeth II when"
            found.append(Mention(start + 1, token.i + 1, name, name, "PERSON", words[0].text))
    return found


def _title_led(words: Span) -> bool:
    """A title that names no organisation, then a first name: "Queen Elizabeth II"."""
    bare = words[0].lower_.rstrip(".")
    return (bare in TITLES and bare not in TITLE_MODIFIERS
            and is_first_name(words[1].text) and words[1].text[:1].isupper())
