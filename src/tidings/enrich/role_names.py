"""Role spellings without the parse: abbreviations spelled out, one key for the spellings of
one role, and the fullest spelling of each group (the entity pages merge roles through it, so
it needs no spaCy)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import pycountry

from tidings.enrich.lexicon import TITLE_ABBREVIATIONS
from tidings.enrich.names import fold


def expand_abbreviations(role: str) -> str:
    """ "former Sens." -> "former Senator", "Lt. Gov." -> "Lieutenant Governor"."""
    words = role.split(" ")
    for i, word in enumerate(words):
        full = TITLE_ABBREVIATIONS.get(word.lower().rstrip("."))
        if full and (word.endswith(".") or word.lower() in {"sen", "rep", "gov"} or word == "PM"):
            words[i] = full if word[0].isupper() else full.lower()
    return " ".join(words)


def role_key(role: str) -> str:
    """One key for the spellings of one role: "U.S. President", "President of the United
    States", "the current President of the U.S." -> "us president"."""
    text = " " + fold(expand_abbreviations(role)) + " "
    for variant in _COUNTRY_VARIANTS:
        text = text.replace(f" {variant} ", " us ")
    for variant, key in _SAME_WORDS:
        text = text.replace(f" {variant} ", f" {key} ")
    words = [_countries_of_demonyms().get(w, w) for w in text.split() if w not in _NOISE_WORDS]
    while words and words[0] in _LEADING_WORDS:
        words.pop(0)
    if words and words[0] == "us" and len(words) > 1 and words[1] == "us":
        words.pop(0)
    for i, word in enumerate(words):
        if word not in {"of", "for", "from"} or not i:
            continue
        rest = words[i + 1 :]
        end = next((j for j, w in enumerate(rest) if w in _PLACE_PREPOSITIONS), len(rest))
        tail = [w for w in rest[:end] if w != "the"]
        lead = next((j for j, w in enumerate(words) if w not in _TIMES), i)
        if 0 < len(tail) <= 3:  # "director of the Iran Program at X": "iran program director at x"
            words = words[:lead] + tail + words[lead:i] + [w for w in rest[end:] if w != "the"]
        break
    return " ".join(dict.fromkeys(words)) if len(set(words)) < len(words) else " ".join(words)


@cache
def _countries_of_demonyms() -> dict[str, str]:
    """Folded adjective of a one-word country -> the country: "indian" -> "india", "iranian"
    -> "iran", "german" -> "germany", "japanese" -> "japan" (the country's name, less up to
    two letters, and an adjective ending). One adjective two countries could make, or that
    is a country's name itself ("iran" of "iraq"), is left out."""
    names = {fold(getattr(c, "common_name", None) or c.name) for c in pycountry.countries}
    found: dict[str, set[str]] = {}
    for name in names:
        if " " in name or len(name) < 4:
            continue
        less_one = ("an", "ian", "ese", "i", "ish") + (("",) if name.endswith("y") else ())
        endings = {name: ("n", "an", "ian", "ese", "i", "ish"), name[:-1]: less_one,
                   name[:-2]: ("ian", "ese", "ish")}  # "germany" -> "german"
        for stem, ends in endings.items():
            for ending in ends:
                adjective = stem + ending
                if adjective not in names and len(adjective) >= len(name) - (not ending):
                    found.setdefault(adjective, set()).add(name)
    return {adjective: owners.pop() for adjective, owners in found.items() if len(owners) == 1}


def merge_roles(roles: Sequence[str]) -> dict[str, str]:
    """Each role -> the fullest spelling of its group. A role joins the one longer role that
    goes on from it with a place ("Iran Program director" -> "director of the Iran Program at
    the Middle East Institute"), then a bare title joins the longer role ending in it
    ("President" -> "President of the United States"), the only one or the one the coverage
    gives `DOMINANT` times more often than each other (a role repeated in `roles` is given that
    many times); a role joins the fullest one that says all it says and more ("Speaker of the
    House" -> "Speaker of the House of Representatives"); never one that says "former",
    "acting" and the like, which is another post or another time. A word that says when
    ("incumbent", "current", "then-") is no part of the spelling shown."""
    groups: dict[str, list[str]] = {}
    keys = {role: role_key(role) for role in dict.fromkeys(roles)}
    for role in roles:
        groups.setdefault(keys[role], []).append(role)
    for key in sorted(groups, key=lambda k: len(k.split())):
        longer = [
            k
            for k in groups
            if k.startswith(key + " ") and k.split()[len(key.split())] in _PLACE_PREPOSITIONS
        ]
        if key in groups and len(longer) == 1:
            groups[longer[0]] += groups.pop(key)
    for key in sorted(groups, key=lambda k: len(k.split())):
        words = key.split()
        if len(words) < 2:
            continue
        fuller = [k for k in groups if k != key and _within(words, k.split())]
        if fuller:
            groups[max(fuller, key=lambda k: len(k.split()))] += groups.pop(key)
    for key in [k for k in groups if len(k.split()) == 1]:
        longer = [
            k
            for k in groups
            if k != key and _core(k).endswith(" " + key) and not set(k.split()) & _QUALIFIERS
        ]  # "us former president" (of "former President of the United States") is no fuller
        ranked = sorted(longer, key=lambda k: -len(groups[k]))
        if len(ranked) == 1 or (ranked and len(groups[ranked[0]])
                                >= DOMINANT * len(groups[ranked[1]])):
            groups[ranked[0]] += groups.pop(key)
    spelled = {}
    for members in groups.values():
        fullest = _fullest(list(dict.fromkeys(members)))  # once a group, not once a role
        spelled.update(dict.fromkeys(members, fullest))
    return spelled


DOMINANT = 3
"""How many times more often than every other longer role a bare title's fuller form must be
given to take it ("President": "President of the United States", not "Republican
President")."""


def _within(short: list[str], long: list[str]) -> bool:
    """Whether `long` says all of `short`, in order, and more that is no qualifier: "house
    speaker" is within "house of representatives speaker" and "former us president" within
    nothing that adds "deputy"."""
    rest = iter(long)
    if not all(word in rest for word in short):
        return False
    extra = [w for w in long if w not in short]
    return bool(extra) and not set(extra) & _QUALIFIERS and long[-1] == short[-1]


def _core(key: str) -> str:
    """A key without its place: "iran program director at middle east institute" ->
    "iran program director"."""
    words = key.split()
    end = next((i for i, w in enumerate(words) if w in _PLACE_PREPOSITIONS and i), len(words))
    return " ".join(words[:end])


def _fullest(members: list[str]) -> str:
    def rank(role: str) -> tuple[bool, int, bool]:
        clean = not set(fold(role).split()) & _NOISE_WORDS
        shown = without_time_words(role)
        return clean, len(shown.split()), shown[:1].isupper()

    return expand_abbreviations(without_time_words(max(members, key=rank)))


def without_time_words(role: str) -> str:
    """The role without the words before it that say when or whose ("incumbent President
    of the United States" -> "President of the United States", "then-Senator" ->
    "Senator"); the role itself when nothing else is left."""
    words = role.split()
    while words:
        first, dash, rest = words[0].partition("-")
        if fold(first) not in _LEADING_WORDS:
            break
        if dash and rest:
            words[0] = rest
        else:
            words.pop(0)
    return " ".join(words) or role


_COUNTRY_VARIANTS = (
    "united states of america",
    "united states",
    "u s a",
    "usa",
    "u s",
    "america",
    "american",
)
_SAME_WORDS = (
    ("chief executive officer", "chief executive"),
    ("ceo", "chief executive"),
    ("cfo", "chief financial officer"),
    ("coo", "chief operating officer"),
    ("cto", "chief technology officer"),
    ("gm", "general manager"),
    ("united kingdom", "uk"),
    ("great britain", "uk"),
    ("britain", "uk"),
    ("british", "uk"),
    ("u k", "uk"),
)
"""Spellings of one post or country (folded, longest first): "Tesco CEO" and "chief
executive of Tesco", "British Prime Minister" and "Prime Minister of the United Kingdom"."""
_NOISE_WORDS = frozenset({"infobox"})
_PLACE_PREPOSITIONS = frozenset({"at", "in", "on", "with"})
_TIMES = frozenset({"former", "ex", "acting", "interim", "incoming", "outgoing", "future", "late"})
"""Words that make another time of a title; they stay first in its key ("former President
of the United States" and "former US President": "former us president")."""
_QUALIFIERS = _TIMES | {"deputy", "vice", "assistant"}
"""First words that make another post or another time of a title: "former President"."""
_LEADING_WORDS = frozenset(
    {
        "the",
        "a",
        "an",
        "his",
        "her",
        "its",
        "their",
        "current",
        "then",
        "now",
        "incumbent",
        "sitting",
    }
)
