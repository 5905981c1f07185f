"""What the words around a name say about whether it names a person.

NER's PERSON label is a guess from the name's own letters and a few words around it; the
article often says more. "Twitter, which declined to comment", "the Ummah", "his Twitter
account" and "a Kurd" are grammar no person's name takes; "William "Mo" Cowan" is one name with
a nickname inside, and "Malia and Sasha Obama" gives Malia her surname.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from tidings.enrich.census_names import first_name_share
from tidings.enrich.gender import is_person_noun, is_registered_first_name
from tidings.enrich.lexicon import FEMALE_NOUNS, MALE_NOUNS, SPEECH_VERBS

_ARTICLES = frozenset({"the", "a", "an"})
_POSSESSIVE_PRONOUNS = frozenset({"his", "her", "its", "their", "our", "my", "your"})
_MODIFIER_DEPS = frozenset({"compound", "poss", "nmod", "amod"})
_QUOTES = frozenset({'"', "\u201c", "\u201d", "'", "\u2018", "\u2019"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


def thing_context(doc: Doc, start: int, end: int) -> str | None:
    """How the words around the name at tokens [start, end) show it names no person: "which"
    ("Twitter, which declined"), "the" or "a" before it as the head of its phrase ("the
    Ummah", "a Kurd", but not "the Bush administration"), a possessive pronoun before it ("his
    Twitter account"). None when they do not."""
    after = [t.lower_ for t in doc[end : end + 2]]
    if after[:1] == ["which"] or after == [",", "which"]:
        return "which"
    if start == 0:
        return None
    before = doc[start - 1].lower_
    if before in _POSSESSIVE_PRONOUNS:
        return "possessive"
    root = doc[start:end].root
    if before in _ARTICLES and root.dep_ not in _MODIFIER_DEPS:
        if end - start > 1 and root.tag_ != "NNPS":
            return None  # "an Edward Snowden" is still him; "the Log Cabin Republicans" no one
        return "indefinite" if before != "the" else "definite"
    return None


def acts_as_person(token: Token) -> bool:
    """A name that is the subject of a verb ("Martha said") or set beside a noun that names
    a person ("his wife, Betty")."""
    if token.dep_ in _SUBJECT_DEPS and token.head.pos_ in {"VERB", "AUX"}:
        return True
    return token.dep_ == "appos" and token.head.pos_ == "NOUN" and names_person(token.head)


def speaks(token: Token) -> bool:
    """A name that is the subject of a verb of saying ("Macron said")."""
    return token.dep_ == "nsubj" and token.head.lemma_.lower() in SPEECH_VERBS


def names_person(noun: Token) -> bool:
    """A noun that always names a person: "wife", "son", "opponent", "rioter"."""
    lemma = noun.lemma_.lower()
    return is_person_noun(lemma) or lemma in MALE_NOUNS | FEMALE_NOUNS


def is_first_name(word: str) -> bool:
    """A first name in the census lists or in coreferee's name registers."""
    return bool(first_name_share(word)) or is_registered_first_name(word)


@dataclass(frozen=True)
class Nicknamed:
    """A name with a quoted nickname inside: tokens [start, end), its name without the
    nickname ("William Cowan") and the nickname ("Mo")."""

    start: int
    end: int
    name: str
    nickname: str


def nicknamed_names(doc: Doc) -> list[Nicknamed]:
    """ 'William "Mo" Cowan': capitalised proper nouns, one or two quoted capitalised words,
    capitalised proper nouns, the first of them a first name."""
    found = []
    for token in doc:
        if token.text not in _QUOTES or not _name_word(doc, token.i - 1):
            continue
        close = next((i for i in range(token.i + 2, min(token.i + 4, len(doc)))
                      if doc[i].text in _QUOTES), None)
        if close is None or not all(_name_word(doc, i) for i in range(token.i + 1, close)):
            continue
        start = token.i - 1
        while start > 0 and _name_word(doc, start - 1):
            start -= 1
        end = close + 1
        while _name_word(doc, end):
            end += 1
        if end == close + 1 or not is_first_name(doc[start].text):
            continue
        name = " ".join(t.text for t in (*doc[start : token.i], *doc[close + 1 : end]))
        found.append(Nicknamed(start, end, name, doc[token.i + 1 : close].text))
    return found


def _name_word(doc: Doc, i: int) -> bool:
    return 0 <= i < len(doc) and doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper()
