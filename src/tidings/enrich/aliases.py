"""One entity, many names: canonical keys and alias resolution within and across articles."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

import jellyfish

from tidings.enrich.census_names import is_given_name
from tidings.enrich.given_names import short_form_of
from tidings.enrich.names import clean_name, fold, initials, name_words

_GROUPS = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place"}

SHORT_FORMS = {
    "fed": "federal reserve",
    "the fed": "federal reserve",
    "us federal reserve": "federal reserve",
    "u s": "united states",
    "us": "united states",
    "usa": "united states",
    "united states of america": "united states",
    "america": "united states",
    "uk": "united kingdom",
    "u k": "united kingdom",
    "britain": "united kingdom",
    "great britain": "united kingdom",
    "un": "united nations",
    "u n": "united nations",
    "eu": "european union",
    "ecb": "european central bank",
    "boj": "bank of japan",
    "boe": "bank of england",
    "imf": "international monetary fund",
    "nato": "north atlantic treaty organization",
    "who": "world health organization",
    "wto": "world trade organization",
    "opec": "organization of the petroleum exporting countries",
    "rcmp": "royal canadian mounted police",
    "fbi": "federal bureau of investigation",
    "cia": "central intelligence agency",
    "pentagon": "department of defense",
    "ap": "associated press",
    "afp": "agence france presse",
    "bbc": "british broadcasting corporation",
    "ussr": "soviet union",
}
"""Well-known short forms (folded) -> the folded full name they stand for."""


@lru_cache(maxsize=1 << 16)
def canonical_key(name: str, type: str) -> str:
    """A stable key for an entity: "person:kazuo ueda", "org:federal reserve"."""
    group = _GROUPS.get(type, type.lower())
    cleaned, _ = clean_name(name, person=type == "PERSON")
    folded = fold(cleaned)
    if group != "person":
        folded = SHORT_FORMS.get(folded, folded)
    return f"{group}:{folded}"


def is_acronym(name: str) -> bool:
    letters = name.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def expands(short: str, full: str) -> bool:
    """True when `short` is `full`'s acronym ("RCMP", "Royal Canadian Mounted Police")."""
    return is_acronym(short) and len(full.split()) > 1 and initials(full) == short.replace(".", "")


@lru_cache(maxsize=1 << 16)
def person_part_of(short: str, full: str) -> bool:
    """True when `short` names the same person as the longer `full`.

    "Ueda" / "Kazuo Ueda" (surname), "George Bush" / "George W. Bush" (first and last).
    A shorter name with a middle part of its own names someone else: "George W. Bush" is not
    part of "George H. W. Bush". Words are compared as `name_words`: "D'Souza" and "de
    Villepin" are the surnames of "Francis D\u2019Souza" and "Dominique de Villepin".
    """
    a, b = name_words(short), name_words(full)
    if a and a[-1] in _SUFFIXES and b and b[-1] not in _SUFFIXES:
        a = a[:-1]  # "Luther King Jr." of "Martin Luther King"; "King Sr." is not "King Jr."
    if not a or len(a) >= len(b):
        return False
    if len(a) == 1:
        return a[0] == b[-1] or (a[0] in b[1:] and len(a[0]) > 3)
    if len(a) != 2 or a[-1] != b[-1]:
        return False
    return a[0] == b[0] or (a[0] == b[-2] and len(a[0]) > 1)  # "Luther King"; "W. Bush" no


_SUFFIXES = frozenset({"jr", "sr"})
_MARKUP = frozenset("[]{}<>|=*#_")


def recordable_alias(alias: str, name: str, type: str) -> bool:
    """Whether `alias` may be kept as another name of the entity called `name`: never one with
    markup or a stray bracket ("George W.] Bush"), nor a full-name person's bare first name
    or its short form ("George" of "George W. Bush", "Ed" of "Edmund Hillary" name many
    people); a surname alone ("Bush") may."""
    if _MARKUP.intersection(alias) or alias.count("(") != alias.count(")"):
        return False
    if set(name_words(alias)) <= _SUFFIXES:
        return False  # "Jr." alone
    if type != "PERSON":
        return True
    short, full = name_words(alias), name_words(name)
    return not (len(short) == 1 and len(full) > 1 and short[0] != full[-1]
                and (short[0] == full[0] or short_form_of(short[0], full[0])))


def spelled_alike(a: str, b: str) -> bool:
    """Two spellings of one name: "Mikheil Saakashvili" / "Mikhail Saakashvili", a slip like
    "Mwanawase" / "Mwanawasa", transliterations ("Usama bin Ladin" / "Osama bin Laden",
    "Abdel Fattah el-Sisi" / "Abdel Fattah al-Sisi"). Every word equal, or long and nearly
    the same with the same initial or the same sound (`sounds_alike`). Two first names that
    are each a common given name are two people, however alike ("Daniel Smith" and "Danielle
    Smith", "Michael" and "Michelle"), but for a nickname of the other with the rest the same
    ("Dick Cheney" / "Richard Cheney"); initials against spelled-out middle names are one name
    (`initials_spelled`)."""
    x, y = name_words(a), name_words(b)
    if fold(a) == fold(b):
        return False
    if initials_spelled(a, b) or initials_spelled(b, a):
        return True
    if len(x) != len(y):
        return _nickname_initialled(a, b) or _nickname_initialled(b, a)
    if len(x) > 1 and x[0] != y[0] and x[1:] == y[1:] and (
            short_form_of(x[0], y[0]) or short_form_of(y[0], x[0])):
        return True  # "Dick Cheney" / "Richard Cheney", "Bill" / "William Clinton"
    if len(x) > 1 and x[0] != y[0] and _given(a.split()[0]) and _given(b.split()[0]):
        return False
    return all(u == v or _near(u, v) for u, v in zip(x, y, strict=True))


_INITIALS = re.compile(r"(?:[A-Z]\.){1,3}|[A-Z]")


def _nickname_initialled(short: str, full: str) -> bool:
    """ "Dick Cheney" / "Richard B. Cheney": a nickname of the other's first name, the same
    surname, and between them in the other only initials. The same first name with and
    without initials ("George Bush" / "George W. Bush") is not this: which of two such
    people a bare name is the coverage tells (`entity_merging`)."""
    s, f = short.split(), full.split()
    if len(s) != 2 or len(f) < 3 or fold(s[-1]) != fold(f[-1]) or fold(s[0]) == fold(f[0]):
        return False
    return all(_INITIALS.fullmatch(w) for w in f[1:-1]) and short_form_of(s[0], f[0])


def initials_spelled(short: str, full: str) -> bool:
    """ "George H.W. Bush" / "George Herbert Walker Bush": the same first name and surname,
    and between them initials that are, in order, the first letters of the other's spelled-out
    middle names. "George W. Bush" is not "George Herbert Walker Bush"."""
    s, f = short.split(), full.split()
    if len(s) < 3 or len(f) < 3 or fold(s[0]) != fold(f[0]) or fold(s[-1]) != fold(f[-1]):
        return False
    middle = s[1:-1]
    if not all(_INITIALS.fullmatch(w) for w in middle):
        return False
    spelled = f[1:-1]
    if any(len(w.strip(".")) < 2 or not w[0].isupper() for w in spelled):
        return False
    letters = "".join(c for w in middle for c in w if c.isalpha())
    return letters == "".join(w[0] for w in spelled)


def _given(word: str) -> bool:
    return is_given_name(word.strip(".,"))


def surname_alike(short: str, full: str) -> bool:
    """A surname alone spelled another way than a full name's ("bin Ladin" of "Osama bin
    Laden"): one word, nearly the same and sounding the same (`sounds_alike`), so that
    "Clifton" is never "Bill Clinton"."""
    a, b = name_words(short), name_words(full)
    if len(a) != 1 or len(b) < 2 or a[0] == b[-1]:
        return False
    return sounds_alike(a[0], b[-1]) and _near(a[0], b[-1])


def sound_key(word: str) -> str:
    """The Metaphone code of a folded name word, its first vowel as "A" (transliterations
    differ in vowels: "Usama" and "Osama" are both "ASM"); "" for words under four letters,
    too short to tell by sound."""
    if len(word) < 4:
        return ""
    code = jellyfish.metaphone(word)
    return "A" + code[1:] if code[:1] in set("AEIOU") else code


def sounds_alike(u: str, v: str) -> bool:
    """Whether two folded name words have one `sound_key` ("laden" / "ladin", "gaddafi" /
    "qaddafi"; not "clinton" / "clifton", "obama" / "osama")."""
    return bool(sound_key(u)) and sound_key(u) == sound_key(v)


def _near(u: str, v: str) -> bool:
    if min(len(u), len(v)) < 4 or not (u[0] == v[0] or sounds_alike(u, v)):
        return False
    if min(len(u), len(v)) < 5 and not sounds_alike(u, v):
        return False
    return SequenceMatcher(None, u, v).ratio() >= 0.8


@dataclass(frozen=True)
class KnownEntity:
    """An entity already stored: its canonical name, type and the aliases seen so far."""

    name: str
    type: str
    aliases: tuple[str, ...] = ()
    articles: int = 0
    """How many articles name it: among namesakes, the one the coverage is about."""


DOMINANT = 3
"""How many times more articles than every namesake an entity needs to take a shared name."""


class AliasResolver:
    """Map a new mention to an entity seen before, across articles.

    Built from plain `KnownEntity` values (the database keeps them); `resolve` has no side
    effects, `add` records a new entity or alias. A name several known entities answer to
    ("Bush" of George W. and George H. W. Bush) goes to the one the coverage names `DOMINANT`
    times more often than each other, and otherwise to nothing rather than to a guess.
    """

    def __init__(self, known: Iterable[KnownEntity] = ()) -> None:
        self._entities: dict[str, KnownEntity] = {}
        self._by_key: dict[str, set[str]] = {}
        for entity in known:
            self.add(entity)

    def add(self, entity: KnownEntity) -> None:
        """Record an entity (merging aliases with one of the same canonical key)."""
        key = canonical_key(entity.name, entity.type)
        old = self._entities.get(key)
        aliases = tuple(dict.fromkeys((*(old.aliases if old else ()), *entity.aliases)))
        self._entities[key] = KnownEntity(old.name if old else entity.name, entity.type, aliases,
                                          max(entity.articles, old.articles if old else 0))
        for alias in (entity.name, *entity.aliases):
            self._by_key.setdefault(canonical_key(alias, entity.type), set()).add(key)

    def resolve(self, name: str, type: str) -> KnownEntity | None:
        """The known entity `name` refers to, or None when it is new or ambiguous."""
        folded = canonical_key(name, type)
        owners = self._by_key.get(folded, set())
        if folded in owners:  # an entity of that very name
            return self._entities[folded]
        matches = owners | {
            k for k, e in self._entities.items() if _same_kind(e.type, type) and _alias_of(name, e)
        }
        return _dominant([self._entities[k] for k in sorted(matches)])

    def known(self) -> tuple[KnownEntity, ...]:
        """Everything recorded, as plain data to persist."""
        return tuple(self._entities.values())


def _dominant(matches: list[KnownEntity]) -> KnownEntity | None:
    """The only match, or the one named `DOMINANT` times more often than each other one."""
    if len(matches) <= 1:
        return matches[0] if matches else None
    ranked = sorted(matches, key=lambda e: -e.articles)
    return ranked[0] if ranked[0].articles >= DOMINANT * max(ranked[1].articles, 1) else None


def _same_kind(a: str, b: str) -> bool:
    return _GROUPS.get(a, a) == _GROUPS.get(b, b)


def _alias_of(name: str, entity: KnownEntity) -> bool:
    if entity.type == "PERSON":
        cleaned, _ = clean_name(name, person=True)
        return (person_part_of(cleaned, entity.name) or spelled_alike(cleaned, entity.name)
                or surname_alike(cleaned, entity.name))
    if plural_slip(name, entity.name):
        return True
    return expands(name, entity.name) or any(expands(name, a) for a in entity.aliases)


def plural_slip(a: str, b: str) -> bool:
    """ "United State" for "United States": a long name whose last word lost or gained an s."""
    x, y = fold(a).split(), fold(b).split()
    if len(x) < 2 or len(x) != len(y) or x[:-1] != y[:-1] or x == y:
        return False
    return x[-1] + "s" == y[-1] or y[-1] + "s" == x[-1]
