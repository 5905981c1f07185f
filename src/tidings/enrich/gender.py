"""Grammatical gender of a person from their first name, for pronoun resolution.

The first-name lists are coreferee's (US Social Security baby names and the public name
registers of Cologne, Poland and France). Coreferee's own resolver needs trained models that
no package ships, so only its name data is used. A name in both lists ("Jordan",
"Dominique") or in neither says nothing.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

_DATA = "lang/common/data"


@cache
def _names(kind: str) -> frozenset[str]:
    text = (files("coreferee") / _DATA / f"{kind}_names.dat").read_text(encoding="utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip())


def first_name_gender(name: str) -> str | None:
    """ "m" or "f" for a full name whose first word is a first name of one gender only
    ("Hillary Clinton" -> "f", "Barack Obama" -> "m"); None otherwise ("Obama", "Jordan Lee")."""
    words = name.split()
    if len(words) < 2:
        return None  # a surname alone is no first name
    first = words[0].lower()
    female, male = first in _names("female"), first in _names("male")
    if female == male:
        return None
    return "f" if female else "m"
