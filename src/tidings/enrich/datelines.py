"""The dateline or place tag a lead sentence opens with, stripped from the text a summary shows.

Wire datelines ("WASHINGTON (Reuters) - ", "LONDON, June 13 (AP) -- ") have a dash after
them; a place tag glued to the sentence by lost markup ("United Kingdom Four UK retailers have
called in administrators") has none, so it is taken only when a known place name (gazetteer)
is followed by a capitalised word that cannot continue a noun phrase after it, or by the place
name again: "United States President George W. Bush said" keeps its place name.
"""

from __future__ import annotations

import re

from tidings.enrich.gazetteer import place_population

_DATELINE = re.compile(
    r"^[A-Z][A-Z.'\- ]{2,40}(?:,\s{0,3}[A-Z][A-Za-z0-9.,\- ]{1,40})?\s{0,3}"
    r"(?:\([A-Za-z .]{1,30}\)\s{0,3})?(?:--|[-\u2013\u2014:])\s+"
)
"""Bounded runs, so a sentence of spaces cannot make it backtrack for minutes."""

_OPENERS = frozenset(
    word
    for group in (
        "the a an this that these those some many most several each every all both no another any",
        "such i we you he she it they his her its their our my your one",  # and pronouns
        "two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty",
        "fifty hundred thousand dozens hundreds thousands millions",
        "in on at after before during since until from with without under over for against",
        "amid among according despite following while when as if although though",
        "former today, yesterday, tonight,",  # "India Today" is a magazine
    )
    for word in group.split()
)
"""Capitalised words after a place name that begin the sentence rather than continue a name
("Four", "The", "According", "Today,"), as is a figure ("Canada 632 Air Canada flight
attendants"); "Of", "And" and "First" can continue one, so are not here."""

_FUNCTION_WORDS = _OPENERS | {
    "of", "and", "or", "but", "nor", "so", "yet", "to", "by", "not", "first", "most", "more",
    "less", "then", "there", "here", "what", "which", "who", "whom", "whose", "why", "how",
    "where", "very", "just", "also", "only", "even", "up", "down", "out", "off",
}
"""Words a place name never starts with ("Of" and "Most" are towns too), kept here rather than
taken from spaCy's stop words, which would load spaCy into every process that shows a summary
(the web process among them)."""

_PLACE_WORDS = 4
"""The longest place name tried ("Bosnia and Herzegovina")."""


def strip_dateline(sentence: str) -> str:
    """`sentence` without an opening wire dateline or place tag."""
    sentence = _DATELINE.sub("", sentence)
    words = sentence.split(" ", _PLACE_WORDS + 1)
    for size in range(min(_PLACE_WORDS, len(words) - 1), 0, -1):
        place = words[:size]
        if not _capitalised(place) or not place_population(" ".join(place)):
            continue
        rest = sentence.split(" ", size)[size]
        opener = words[size]
        repeated = re.match(re.escape(" ".join(place)) + r"\b", rest)
        if (opener[:1].isupper() and opener.lower() in _OPENERS) or opener.isdigit() or repeated:
            return rest
    return sentence


def _capitalised(words: list[str]) -> bool:
    """Every word a capitalised word of letters, linking words ("and", "of") inside, the
    first no function word ("Of" and "Most" are towns too)."""
    if words[0].lower() in _FUNCTION_WORDS:
        return False
    inner = {"and", "of", "the"}
    return all(
        (w[:1].isupper() and w.replace("-", "").isalpha())
        or (0 < i < len(words) - 1 and w in inner)
        for i, w in enumerate(words)
    )
