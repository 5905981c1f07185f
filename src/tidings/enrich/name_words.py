"""What single words say about names: English words, census names, particles, and
the words that end organisations', places' and buildings' names."""

from __future__ import annotations

from tidings.enrich.census_names import first_name_share, is_listed_name, surname_share
from tidings.enrich.gazetteer import place_population
from tidings.enrich.names import fold
from tidings.enrich.nlp import english_words

ORG_WORDS = frozenset(
    {
        "party",
        "bank",
        "group",
        "council",
        "ministry",
        "police",
        "army",
        "force",
        "union",
        "company",
        "corp",
        "inc",
        "committee",
        "court",
        "news",
        "association",
        "commission",
        "sa",
        "ag",
        "plc",
        "ltd",
        "llc",
        "gmbh",
        "nv",
        "bv",
        "productions",
    }
)


COMMON_SURNAME = 0.003
"""Percent of Americans with a surname for it to be common (Census 1990): King 0.19, Judge
0.004; Chancellor 0.002, Mayor and Sheriff 0.001 are titles first."""


PARTICLES = frozenset(
    {
        "al",
        "el",
        "bin",
        "ibn",
        "bint",
        "ben",
        "de",
        "del",
        "della",
        "di",
        "da",
        "du",
        "van",
        "von",
        "der",
        "den",
        "la",
        "le",
    }
)


def particle(word: str) -> bool:
    """Lower-case name particles, alone or hyphenated: "bin", "al-Maliki", "van"."""
    return word.split("-")[0].lower() in PARTICLES


TITLE_MODIFIERS = frozenset(
    {"former", "acting", "deputy", "vice", "chief", "field", "prime", "marine", "leader",
     "agent", "officer", "director", "general", "secretary", "attorney", "speaker", "coach"})
"""Title words that also open organisations' names or modify nouns ("Secretary Clinton",
but "Attorney General's Office", "Speaker Boehner", but "Speaker Series")."""


def town_name(name: str) -> bool:
    """A gazetteer town of several words that no surname ends: "Santa Monica", "San Jose".
    The one town-as-person check: no event goes to such a "person", since it is typed the
    place ("San Jose resigned Joe Thornton")."""
    words = name.split()
    return (len(words) > 1 and place_population(name) > 0
            and surname_share(words[-1]) < COMMON_SURNAME)


ORG_NOUNS = frozenset(
    {
        "company",
        "firm",
        "group",
        "bank",
        "retailer",
        "chain",
        "brand",
        "newspaper",
        "magazine",
        "network",
        "broadcaster",
        "agency",
        "airline",
        "carrier",
        "manufacturer",
        "maker",
        "website",
        "operator",
        "conglomerate",
        "subsidiary",
        "insurer",
        "lender",
        "club",
        "team",
        "band",
        "service",
    }
)


NON_PERSON_HEADS = frozenset(
    {
        "house",
        "state",
        "institute",
        "university",
        "college",
        "agency",
        "program",
        "programme",
        "center",
        "centre",
        "foundation",
        "department",
        "office",
        "hospital",
        "museum",
        "church",
        "league",
        "federation",
        "organization",
        "organisation",
        "society",
        "airlines",
        "airport",
        "infobox",
        "elementary",
        "school",
        "academy",
        "studios",
        "records",
        "pictures",
        "entertainment",
        "holdings",
    }
)
"""Last words of organisations' and buildings' names, never of a person's: "Universal
Studios", "Def Jam Records"."""


PLACE_HEADS = frozenset(
    {
        "place",
        "base",
        "street",
        "st",
        "square",
        "gardens",
        "gallery",
        "road",
        "avenue",
        "bridge",
        "station",
        "stadium",
        "embassy",
        "mosque",
        "cathedral",
        "palace",
        "castle",
        "mall",
        "hotel",
        "airport",
        "cottage",
        "island",
        "islands",
        "peninsula",
        "valley",
        "river",
        "province",
        "district",
        "county",
    }
)
"""Last words of streets', landmarks' and lands' names ("Martin Place", "George St", "Polillo
Island", "Hunter Valley", "Orange County")."""


def word_not_surname(word: str) -> bool:
    """An English word that is no common surname: "Base", "Image" (not "Brown", "Jackson")."""
    return fold(word) in english_words() and surname_share(word) < 0.01


def english_word(word: str) -> bool:
    """An English word no census lists as a name: "Image", "Base", "Photographs"."""
    return english_or_plural(word) and not is_listed_name(word)


def common_noun(word: str) -> bool:
    """An English word that is no common name in the census: "Image", "Islam", "Draft"."""
    return (english_or_plural(word) and surname_share(word) < COMMON_SURNAME
            and first_name_share(word) < COMMON_SURNAME)


def english_or_plural(word: str) -> bool:
    """An English word, or the plural of one ("Islands", "Photographs")."""
    folded = fold(word)
    return folded in english_words() or (folded.endswith("s") and folded[:-1] in english_words())
