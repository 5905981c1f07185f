"""Teams and their members NER took for people, known by what else the article names.

Sports copy names clubs by a word and their town ("Twente Enschede", "AZ Alkmaar") and calls
a member by the team's name in the singular ("New Springbok coach", "Tamil Tiger rebels"). A
name of that shape is a team's when the article names other teams so, or writes the plural.
"""

from __future__ import annotations

from spacy.tokens import Doc

from tidings.enrich.aliases import person_part_of
from tidings.enrich.census_names import surname_share
from tidings.enrich.gazetteer import place_population
from tidings.enrich.mention import Mention
from tidings.enrich.names import fold
from tidings.enrich.person_evidence import is_first_name

_CLUB_TOWN = 30_000
"""Population from which a town names a club after the club's word ("Heracles Almelo")."""
_TOWN_SURNAME = 0.001
"""Census surname share from which a town's name is a person's surname too (Noda 0.001)."""


def club_town_names(mentions: list[Mention]) -> set[str]:
    """People's names shaped like a club and its town ("Ajax Amsterdam", "Twente Enschede":
    a word no first name, then a town of 30,000 people or more that is no common surname)
    where the article tags another name of that shape an organisation or place ("AZ
    Alkmaar") and never writes the town alone for a person ("Kazuo Ueda ... Ueda said")."""
    others = [m for m in mentions if m.type != "PERSON" and _club_and_town(m.name)]
    if not others:
        return set()
    alone = {fold(m.name) for m in mentions if m.type == "PERSON" and " " not in m.name}
    return {m.name for m in mentions
            if m.type == "PERSON" and _club_and_town(m.name)
            and fold(m.name.split()[-1]) not in alone}


def _club_and_town(name: str) -> bool:
    """A club's word and its town: two capitalised words ("Bank of Japan" is no club's)."""
    words = name.split()
    return (len(words) == 2 and all(w[:1].isupper() for w in words)
            and not is_first_name(words[0])
            and place_population(words[-1]) >= _CLUB_TOWN
            and surname_share(words[-1]) < _TOWN_SURNAME)


def member_names(doc: Doc, mentions: list[Mention], people: list[str]) -> set[str]:
    """People's names whose last word the article also writes in the plural as a proper noun,
    that begin with no first name and are part of no one's name here: "the Springboks" make a
    team of "New Springbok" ("New Springbok coach Peter de Villiers"), "the Tamil Tigers" of
    "Tamil Tiger" ("Tamil Tiger rebels"); "the Lindsay Lohans" leave Lindsay Lohan a person."""
    plurals = {fold(t.text) for t in doc if t.pos_ == "PROPN" and t.text[:1].isupper()
               and t.text.endswith("s")}
    return {m.name for m in mentions
            if m.type == "PERSON" and fold(m.name.split()[-1]) + "s" in plurals
            and not is_first_name(m.name.split()[0])
            and not any(person_part_of(m.name, p) for p in people if p != m.name)}
