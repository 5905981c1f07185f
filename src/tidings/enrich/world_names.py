"""First names of the whole world, where the census lists only America's: every first name
among the 300 commonest of at least one of 106 countries ("Anatoly" is not, "Ilya", "Mattias",
"Rachid" and "Shahar" are), from names-dataset (Philippe Remy, Apache-2.0).

Loading names-dataset itself takes about 900 MB and 20 s, so `data/world_first_names.txt` holds
the names it ranks so (scripts/world_first_names.py writes it). Wire and sports copy names
people of every country, whom NER often takes for organisations ("Ilya Bryzgalov held them").
The list is wide (its source is social-network profiles: "Costa", "San" and the particle "Al"
are in it), so it only vouches for a first name before a word that is no English word
(`name_shapes.person_shaped`), and particles are left out.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from tidings.enrich.name_words import PARTICLES


@cache
def _names() -> frozenset[str]:
    text = (files("tidings.enrich") / "data" / "world_first_names.txt").read_text("utf-8")
    return frozenset(line.lower() for line in text.splitlines()
                     if line and not line.startswith("#"))


def is_world_first_name(word: str) -> bool:
    """Whether `word` is among the commonest first names of some country, and no name
    particle ("Al" of "Al Jazeera", "Van")."""
    return word.lower() in _names() and word.lower() not in PARTICLES
