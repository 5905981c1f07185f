"""What the shape of a name says about its type, where NER's label is a guess.

Sports and wire copy is full of people NER takes for organisations ("Marion Bartoli", "K.J.
Choi", "Vassily Ivanchuk of Ukraine", "Armenia's Levon Aronian", "AP Business Writer Kelly
Olsen") and of awards and titles it takes for people ("Golden Globes", "Between Heart and
Reason"). The field data decides: a common census first name or initials before a word that
is no English word, a country's possessive or "of" a country around a first name, a list
with a person in it, a plural English noun that is no surname as the last word.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from tidings.enrich.census_names import first_name_share, surname_share
from tidings.enrich.gazetteer import place_population
from tidings.enrich.gender import is_person_noun
from tidings.enrich.lexicon import HONORIFICS, ROLE_NOUNS, TITLES
from tidings.enrich.names import fold
from tidings.enrich.nlp import english_words
from tidings.enrich.person_evidence import is_first_name, names_person
from tidings.enrich.world_names import is_world_first_name

_INITIALS = re.compile(r"^(?:[A-Z]\.?){1,2}$|^[A-Z]\.[A-Z]\.?$")
COUNTRY = 1_000_000
"""Population of a country, state or province as the gazetteer counts them."""
COMMON_FIRST_NAME = 0.02
"""Percent of Americans with a first name for it to vouch for a person before a word that is
no English word (Census 1990): Marion 0.085, Adrian 0.039, Marshall 0.025."""
_RARE_SURNAME = 0.003
_POSSESSIVE = frozenset({"'s", "\u2019s"})


def english_or_plural(word: str) -> bool:
    """An English word, or the plural of one ("Islands", "Photographs")."""
    folded = fold(word)
    return folded in english_words() or (folded.endswith("s") and folded[:-1] in english_words())


def is_initials(word: str) -> bool:
    """One or two capital letters standing for given names: "P", "MS", "K.J.", "P.J"; not a
    title ("PM Diallo")."""
    return bool(_INITIALS.match(word)) and word.lower().rstrip(".") not in TITLES


def award_name(words: list[str], plural: bool) -> bool:
    """A "person" that is an award or a team: its last word the plural of an English noun and
    no common surname, after a word that is no common first name ("Golden Globes"; not "Venus
    Williams" nor "Lorenzo Davids"), when a mention of it is tagged plural."""
    last = fold(words[-1])
    return (len(words) > 1 and plural and last.endswith("s")
            and first_name_share(words[0]) < 0.005
            and last[:-1] in english_words() and surname_share(last) < _RARE_SURNAME)


def title_shaped(words: list[str]) -> bool:
    """A "person" that is a book's, film's or programme's title: a capitalised preposition in
    it ("Between Heart and Reason")."""
    return any(w in _TITLE_PREPOSITIONS for w in words)


_TITLE_PREPOSITIONS = frozenset(
    {"Between", "Under", "About", "Into", "Through", "After", "Before", "Without", "Against",
     "Among", "During", "Upon", "Within", "Toward", "Towards", "Across", "Beyond", "Behind"})


def surname_shaped(word: str) -> bool:
    """A word that can be a surname NER did not know: capitalised, no English word, no digit."""
    return (word[:1].isupper() and not any(c.isdigit() for c in word)
            and not english_or_plural(word))


def person_shaped(words: list[str], *, world: bool = True) -> bool:
    """Two words NER took for an organisation that name a person: a common first name or
    initials, then a surname-shaped word or one of the commonest surnames, and no town
    ("Marion Bartoli", "K.J. Choi", "Marion Jones"; not "Morgan Stanley", whose Stanley
    WordNet lists and few people have, nor "Martin Marietta"); or one of the commonest first
    names of some country before a word that is no English word ("Ilya Bryzgalov", "Rachid
    Ofrany"; not "Dick Clark", of the Dutch Dick, whose Clark WordNet lists), with `world`."""
    if len(words) != 2 or place_population(words[1]) or place_population(" ".join(words)):
        return False
    if first_name_share(words[0]) >= COMMON_FIRST_NAME or is_initials(words[0]):
        return surname_shaped(words[1]) or surname_share(words[1]) >= _TOP_SURNAME
    return world and is_world_first_name(words[0]) and surname_shaped(words[1])


_TOP_SURNAME = 0.1
"""Percent of Americans with a surname for it to be one of the commonest (Census 1990, about
the first 300): Jones 0.621, Lewis 0.226; Stanley 0.046 is not."""


def conjunct_names(doc: Doc, person_tokens: set[int]) -> list[tuple[int, int]]:
    """Token ranges of names joined by "and" or a comma to a person's ("Jack Charlton and Ossie
    Ardiles", "Singh, Kidwai and Kamalnath"; the first of such a list too where NER found no entity
    in it: "P.K.Divakaran, K.Cicily and Salim P.Chacko"), or set beside a noun that names people and
    joined to one so set ("Her children -- Rahul and Priyanka"): capitalised proper nouns with no
    English word but a first name, no place, none a person's already."""
    found: list[tuple[int, int]] = []
    anchors = set(person_tokens)
    for token in doc:
        listed = (token.dep_ == "conj" and token.head.i in anchors) or _heads_a_list(
            token, person_tokens)
        apposed = (token.dep_ == "appos" and token.head.pos_ == "NOUN"
                   and token.head.tag_ == "NNS" and names_person(token.head))
        if token.pos_ != "PROPN" or token.i in person_tokens or not (listed or apposed):
            continue
        start = token.i
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head == token:
            start -= 1
        words = [t.text for t in doc[start : token.i + 1]]
        if (len(words) <= 3 and not person_tokens.intersection(range(start, token.i + 1))
                and all(surname_shaped(w) or is_first_name(w) for w in words)
                and not place_population(" ".join(words))):
            found.append((start, token.i + 1))
            anchors.add(token.i)
    return found


def _heads_a_list(token: Token, person_tokens: set[int]) -> bool:
    """The first of a list NER tagged no entity in, before a full name of a person ("P.K.Divakaran,
    K.Cicily, Salim P.Chacko"), and no modifier ("the company's Facebook or Twitter accounts")."""
    return (not token.ent_type_ and token.dep_ not in _MODIFIER_DEPS
            and any(c.dep_ == "conj" and c.i in person_tokens and c.i - 1 in person_tokens
                    for c in token.children))


_MODIFIER_DEPS = frozenset({"compound", "nmod", "amod", "poss"})


def honorific_names(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of capitalised proper nouns right after an honorific, which NER may miss
    ("what Dr. King called"): the honorific and one or two words."""
    found = []
    for token in doc[:-1]:
        if token.lower_.rstrip(".") not in HONORIFICS or not token.text[:1].isupper():
            continue
        end = token.i + 1
        while (end < len(doc) and end - token.i <= 2 and doc[end].pos_ == "PROPN"
               and doc[end].text[:1].isupper() and doc[end].is_alpha):
            end += 1
        if end > token.i + 1:
            found.append((token.i, end))
    return found


def role_name(doc: Doc, start: int, end: int) -> int | None:
    """Where a person's name starts inside a span that ends in a role noun and a full name
    ("AP Business Writer Kelly Olsen") or in a team's player by position ("Canucks D Mattias
    Ohlund", "Phoenix RW Shane Doan", the notes of sports wires): the token after the role
    noun or position, when two or three capitalised words follow, the first a first name
    (any name after a position). None otherwise."""
    for i in range(end - 3, start - 1, -1):
        word = doc[i].lower_
        position = position_word(doc, i)
        if word in ROLE_NOUNS or is_person_noun(word) or position:
            rest = doc[i + 1 : end]
            if (2 <= len(rest) <= 3 and (position or is_first_name(rest[0].text))
                    and all(t.text[:1].isupper() and t.is_alpha for t in rest)):
                return i + 1
            return None
    return None


def position_word(doc: Doc, i: int) -> bool:
    """A player's position written as its capitals between a team's name and the player's
    ("Phoenix RW Shane Doan"): not the first word of the span, nor a name's initial."""
    return i > 0 and doc[i].text in _POSITIONS and doc[i - 1].text[:1].isupper()


_POSITIONS = frozenset(
    {"G", "D", "C", "F", "LW", "RW", "GK", "QB", "RB", "WR", "TE", "LB", "CB", "DE", "DT", "OL",
     "FB", "SS", "FS", "PG", "SG", "SF", "PF", "SP", "RP", "OF", "DH", "1B", "2B", "3B"})
"""Positions of players as the notes of North American sports wires abbreviate them."""


def national_name(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """The tokens of a person's name inside or beside a nationality frame around the entity
    span [start, end): "Armenia's Levon Aronian", "Vassily Ivanchuk of Ukraine", "Sebastien
    Grosjean" followed by "of France". None when the span is in no such frame."""
    tokens = doc[start:end]
    inner = next((t.i for t in tokens if t.lower_ == "of"), None)
    if inner is not None and _country(doc, inner + 1, end):
        return start, inner
    owner = next((t.i for t in tokens if t.text in _POSSESSIVE), None)
    if owner is not None and _country(doc, start, owner):
        return owner + 1, end
    if end + 1 < len(doc) and doc[end].lower_ == "of" and _country_after(doc, end + 1):
        return start, end
    if start >= 2 and doc[start - 1].text in _POSSESSIVE and _country_before(doc, start - 1):
        return start, end
    return None


def _country(doc: Doc, start: int, end: int) -> bool:
    return end > start and place_population(doc[start:end].text) >= COUNTRY


def _country_after(doc: Doc, start: int) -> bool:
    return any(_country(doc, start, start + size) for size in (1, 2, 3))


def _country_before(doc: Doc, end: int) -> bool:
    return any(_country(doc, end - size, end) for size in (1, 2, 3) if end - size >= 0)
