"""How common a word is as a first name and as a surname: the US Census Bureau's 1990 name
frequency lists (88,799 surnames; 1,219 male and 4,275 female first names), which the `names`
package ships as data files.

Typing asks them for a second opinion on one-word "people": "Mac", "Martha" and "William" are
first names far more than surnames, so alone they name nobody in particular; "Yonhap",
"Labour" and "Twitter" are in neither list. Many real surnames are missing too ("Obama",
"Petraeus"): absence is a tie-breaker, never a verdict by itself.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

_FLOOR = 0.00025
"""The lists give percentages to three places: a listed name shown as 0.000 has under 0.0005."""
GIVEN_NAME_RATIO = 10
"""How many times more common as a first name than as a surname a word must be to be a given
name only ("William": 1.2% of people against 0.016%; "Clinton", "Patrick" are not)."""


@cache
def _shares(filename: str) -> dict[str, float]:
    """Lower-case name -> percentage of people (of one sex, for first names) so named."""
    text = (files("names") / filename).read_text(encoding="ascii")
    shares: dict[str, float] = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 4:
            shares[parts[0].lower()] = max(float(parts[1]), _FLOOR)
    return shares


EITHER_SEX_RATIO = 0.1
"""A first name whose rarer sex holds at least this share of the commoner's ("Terry": 0.08%
of women against 0.31% of men) is given to either sex; "Dale" (0.016% against 0.184%) is not."""


def given_to_either_sex(word: str) -> bool:
    """Whether the census lists `word` as a first name of many men and many women alike
    (`EITHER_SEX_RATIO`), so that it tells no one's gender."""
    key = word.lower()
    male = _shares("dist.male.first").get(key, 0.0)
    female = _shares("dist.female.first").get(key, 0.0)
    return min(male, female) >= EITHER_SEX_RATIO * max(male, female) > 0


def first_name_share(word: str) -> float:
    """Percentage of all people whose first name is `word` (0.0 when unlisted)."""
    key = word.lower()
    return (_shares("dist.male.first").get(key, 0.0)
            + _shares("dist.female.first").get(key, 0.0)) / 2


def surname_share(word: str) -> float:
    """Percentage of all people whose surname is `word` (0.0 when unlisted)."""
    return _shares("dist.all.last").get(word.lower(), 0.0)


def is_listed_name(word: str) -> bool:
    """Whether `word` is a first name or a surname in the lists."""
    return bool(first_name_share(word) or surname_share(word))


def is_given_name(word: str) -> bool:
    """A first name at least `GIVEN_NAME_RATIO` times more common than the surname so
    spelled: "Martha", "William", "Mac"; not "Clinton", "Kennedy", "Palin"."""
    given = first_name_share(word)
    return given > 0 and given >= GIVEN_NAME_RATIO * max(surname_share(word), _FLOOR)
