"""Word lists about people for pronoun resolution: the gender of a first name, and nouns
that name a person ("rioter", "spokeswoman").

The lists are coreferee's (first names from US Social Security baby names and the public
name registers of Cologne, Poland and France; English person nouns). Coreferee's own
resolver needs trained models that no package ships, so only its data is used. A first name
in both lists ("Jordan", "Dominique") or in neither says nothing, and so does one the US
Census gives to many of either sex ("Terry", "Chris", "Jean": `given_to_either_sex`).
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from tidings.enrich.census_names import given_to_either_sex

_DATA = "lang/common/data"


@cache
def _names(kind: str) -> frozenset[str]:
    return _words(f"{_DATA}/{kind}_names.dat")


@cache
def _words(path: str) -> frozenset[str]:
    text = (files("coreferee") / path).read_text(encoding="utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip())


def is_person_noun(lemma: str) -> bool:
    """Whether a noun always names a person: "rioter", "man", "official"; not "group"."""
    return lemma.lower() in _words("lang/en/data/exclusively_person_words.dat")


def is_registered_first_name(word: str) -> bool:
    """Whether `word` is a first name of either gender in the registers."""
    return word.lower() in _names("female") or word.lower() in _names("male")


def first_name_gender(name: str) -> str | None:
    """ "m" or "f" for a full name whose first word is a first name of one gender only
    ("Hillary Clinton" -> "f", "Barack Obama" -> "m"); None otherwise ("Obama", "Jordan Lee")."""
    words = name.split()
    if len(words) < 2:
        return None  # a surname alone is no first name
    first = words[0].lower()
    female, male = first in _names("female"), first in _names("male")
    if female == male or given_to_either_sex(first):
        return None
    return "f" if female else "m"
