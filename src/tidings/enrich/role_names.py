"""Role spellings without the parse: abbreviations spelled out, one key for the spellings of
one role, and the fullest spelling of each group (the entity pages merge roles through it, so
it needs no spaCy)."""

from __future__ import annotations

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
    words = [w for w in text.split() if w not in _NOISE_WORDS]
    while words and words[0] in _LEADING_WORDS:
        words.pop(0)
    if words and words[0] == "us" and len(words) > 1 and words[1] == "us":
        words.pop(0)
    for i, word in enumerate(words):
        tail = [w for w in words[i + 1 :] if w != "the"]
        if word in {"of", "for"} and i and 0 < len(tail) <= 3:
            words = tail + words[:i]
            break
    return " ".join(dict.fromkeys(words)) if len(set(words)) < len(words) else " ".join(words)


def merge_roles(roles: list[str]) -> dict[str, str]:
    """Each role -> the fullest spelling of its group. A bare title joins the one longer
    role ending in it ("President" -> "President of the United States")."""
    groups: dict[str, list[str]] = {}
    for role in roles:
        groups.setdefault(role_key(role), []).append(role)
    for key in [k for k in groups if len(k.split()) == 1]:
        longer = [k for k in groups if k != key and k.endswith(" " + key)]
        if len(longer) == 1:
            groups[longer[0]] += groups.pop(key)
    return {role: _fullest(members) for members in groups.values() for role in members}


def _fullest(members: list[str]) -> str:
    def rank(role: str) -> tuple[bool, int, bool]:
        clean = not set(fold(role).split()) & _NOISE_WORDS
        return clean, len(role.split()), role[:1].isupper()

    return expand_abbreviations(max(members, key=rank))


_COUNTRY_VARIANTS = (
    "united states of america",
    "united states",
    "u s a",
    "usa",
    "u s",
    "america",
    "american",
)
_NOISE_WORDS = frozenset({"infobox"})
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
