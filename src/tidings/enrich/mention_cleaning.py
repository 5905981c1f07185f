"""An NER span cleaned into a mention: leading words and glued verbs cut, a person's
descriptor moved to the title, implausible names refused."""

from __future__ import annotations

from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from tidings.enrich.census_names import first_name_share, surname_share
from tidings.enrich.entity_noise import name_end, no_entity
from tidings.enrich.gazetteer import is_demonym, place_population
from tidings.enrich.gender import is_person_noun
from tidings.enrich.lexicon import HONORIFICS, ROLE_NOUNS, TITLES
from tidings.enrich.mention import LABELS, Mention
from tidings.enrich.name_words import (
    COMMON_SURNAME,
    NON_PERSON_HEADS,
    ORG_WORDS,
    PARTICLES,
    common_noun,
    particle,
)
from tidings.enrich.names import clean_name, fold, strip_possessive
from tidings.enrich.nlp import english_adjectives
from tidings.enrich.person_evidence import is_first_name


def ner_mention(ent: Span) -> Mention | None:
    """The mention an NER span makes, cleaned and typed as one of `LABELS`; None for a span
    of another label or one that names nothing."""
    kind = LABELS.get(ent.label_)
    if kind is None:
        return None
    start = ent.start
    while start < ent.end and ent.doc[start].lower_ == "the":
        start += 1
    while kind == "PERSON" and start < ent.end - 1 and ent.doc[start].lower_ in WEEKDAYS:
        start += 1  # "said Saturday Arroyo has ordered" is Arroyo
    if kind == "PERSON" and ent.end - start > 1 and said_before(ent.doc, start, ent.end):
        start += 1  # 'Said Porter: "..."' is Porter
    stop = name_end(ent.doc, start, ent.end)  # "Narendra Modi Announced"
    if kind in {"PERSON", "ORG"} and no_entity(ent.doc, start, stop):
        return None  # "12:00 UTC", "WN:", "COVID-19", "Game of Thrones"
    if kind == "ORG" and stop < ent.end and _glued_person(ent.doc[start:stop].text):
        kind = "PERSON"  # NER's "organisation" was a name and a verb: "Modi Announced"
    if kind == "PERSON":
        stop = next((t.i for t in ent.doc[start + 1 : stop]
                     if (t.text in _DASHES and ent.doc[t.i - 1].whitespace_)
                     or t.text[:1].isdigit()), stop)  # "Zi Yan 6-2 6-2": a score NER ran in
        name, title = person_name(ent.doc[start:stop].text)  # "Ossie Ardiles - four who"
    else:
        name, title = clean_name(ent.doc[start:stop].text, person=False)
    if not plausible(name, kind, title):
        return None
    if kind == "PERSON" and all(t.like_num for t in ent.doc[start : ent.end]):
        return None  # "Thirtieth anniversary of ..."
    first_word = name.split()[0]
    while start < ent.end - 1 and not _starts_with(ent.doc[start], first_word):
        start += 1
    end = _name_end(ent, start, name) if kind == "PERSON" else stop
    return Mention(start, max(end, start + 1), name, name, kind, title)


def _glued_person(text: str) -> bool:
    """Whether what is left of a name once a glued verb is cut looks like a person's: two or
    three words, none an English word rarely a name, nor an organisation's word."""
    words = text.split()
    return (2 <= len(words) <= 3 and not any(common_noun(w) for w in words)
            and not set(fold(text).split()) & ORG_WORDS)


def said_before(doc: Doc, said: int, end: int) -> bool:
    """ 'Said Porter: "..."': the speech verb opening a sentence at token `said`, before a
    name ending at `end` and a colon (or a comma and a quotation mark), which is no first
    name ("Said Abdullah, a teacher, told" is one)."""
    after = [t.text for t in doc[end : end + 2]]
    return (doc[said].text == "Said" and doc[said].is_sent_start
            and (after[:1] == [":"] or (after[:1] == [","] and after[1:] != []
                                         and after[1] in _QUOTE_MARKS)))


_DASHES = frozenset({"-", "--", "\u2013", "\u2014"})
WEEKDAYS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
"""Days of the week, which a sentence may set before a name ("said Saturday Arroyo has")."""


_QUOTE_MARKS = frozenset({'"', "\u201c", "'", "\u2018", "``"})


def person_name(text: str) -> tuple[str, str]:
    """`clean_name` for a person, less a descriptor NER ran into the name: a noun that names
    a person or an institution, or a place, before a first name ("Immunologist Kristian
    Andersen", "House Nancy Pelosi", "Vermont Bernie Sanders"), or a country or state that is
    no common first name before any name ("India Narendra Modi"), or a people's word before a
    first name ("Londoner Jade", "Israeli Shahar Peer"), which joins the title.
    "Nguyen Van Thieu" keeps its family name. A style goes to the title ("Pope" of "Pope
    Francis"): the name must pass every check as a given name alone before `styled_names`
    puts it back."""
    name, title = clean_name(text, person=True, styled=False)
    words = name.split()
    first = fold(words[0]) if words else ""
    country = (place_population(words[0]) >= 1_000_000 and first_name_share(words[0]) < 0.005
               and first not in english_adjectives())  # "India", not "Northern"
    if len(words) > 2 and (country or (
        not is_first_name(words[0])
        and (is_first_name(words[1]) or first in ROLE_NOUNS)  # "Broadcaster Piers Morgan"
        and (is_person_noun(first) or first in ROLE_NOUNS | NON_PERSON_HEADS
             or first.removesuffix("s") in ROLE_NOUNS  # "Centers Ryan Getzlaf of the Ducks"
             or is_person_noun(first.removesuffix("s"))  # "Brothers Paul and Sunny Dhaliwal"
             or (place_population(words[0]) >= 200_000 and first not in english_adjectives()))
    )):
        rest, more = clean_name(" ".join(words[1:]), person=True, styled=False)
        return rest, " ".join(t for t in (title, words[0], more) if t)
    if len(words) > 1 and is_demonym(words[0]) and is_first_name(words[1]) and not (
            is_first_name(words[0])):
        rest, more = clean_name(" ".join(words[1:]), person=True, styled=False)  # "Londoner Jade"
        return rest, " ".join(t for t in (title, words[0], more) if t)
    return name, title


def _starts_with(token: Token, word: str) -> bool:
    """Whether the text from `token` on begins with `word` ("al" of "al-Maliki" does)."""
    return token.doc[token.i : token.i + len(word.split()) + 3].text.startswith(word)


def _name_end(ent: Span, start: int, name: str) -> int:
    """First token past `name` from `start`: "al-Hashimi" spans three tokens, not one."""
    end_char = ent.doc[start].idx + len(name)
    end = start
    while end < ent.end and ent.doc[end].idx < end_char:
        end += 1
    return end


def plausible(name: str, kind: str, title: str = "") -> bool:
    """Whether a cleaned name can be an entity of `kind` (with `title`, the title words
    taken out of its span)."""
    words = name.split()
    if not words or not any(c.isalpha() for c in name) or len(words) > 7:
        return False
    if kind == "PERSON":
        if words[-1].lower().rstrip(".") in TITLES | HONORIFICS and not _title_as_surname(
                words, title):
            return False
        if not any("a" <= c <= "z" for c in fold(name)):
            return False  # "Тюмень" in English copy
        if len(words) == 1 and name.lower() in PARTICLES:
            return False  # "el" alone
        if len(words) == 1 and fold(name) in ROLE_NOUNS and not _title_as_surname(words, title):
            return False  # "Treasurer" alone is no name, "Dr. King" is
        if set(fold(name).split()) & ORG_WORDS:
            return False
        if any(w.endswith(",") and fold(n).rstrip(".") not in _NAME_SUFFIXES
               for w, n in pairwise(words)):
            return False  # "Savage, Lewis" of a team sheet: two names, not "King, Jr."
        return all(w[0].isupper() or particle(w) or w[0] in "([" for w in words) and not any(
            c.isdigit() for c in name
        )
    return name[0].isupper() or name[0].isdigit()


_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _title_as_surname(words: list[str], title: str) -> bool:
    """Whether a name's last word, a title, is its surname: a common one ("Coretta Scott King",
    "John Major", "Erik Prince"; alone only after an honorific: "Mrs. King"), not "Mayor"."""
    honorific = bool({w.lower().rstrip(".") for w in title.split()} & HONORIFICS)
    return (surname_share(words[-1]) >= COMMON_SURNAME and not words[-1].endswith(".")
            and (len(words) > 1 or honorific))


def as_person(doc: Doc, m: Mention) -> Mention | None:
    """`m` cleaned as a person's name ("Sheriff Arpaio" -> "Arpaio"); None if implausible."""
    name, title = person_name(m.surface)
    if not plausible(name, "PERSON", title):
        return None
    start = m.start
    while start < m.end - 1 and not _starts_with(doc[start], name.split()[0]):
        start += 1
    surface = strip_possessive(doc[start : m.end].text) if start > m.start else m.surface
    return Mention(start, m.end, surface, name, "PERSON", title or m.title)
