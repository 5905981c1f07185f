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
from tidings.enrich.lexicon import DATELINE_OPENERS, FUNCTION_WORDS

_DATELINE = re.compile(
    r"^[A-Z][A-Z.'\- ]{2,40}(?:,\s{0,3}[A-Z][A-Za-z0-9.,\- ]{1,40})?\s{0,3}"
    r"(?:\([A-Za-z .]{1,30}\)\s{0,3})?(?:--|[-\u2013\u2014:])\s+"
)
"""Bounded runs, so a sentence of spaces cannot make it backtrack for minutes."""

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
        opens = opener[:1].isupper() and opener.lower() in DATELINE_OPENERS
        if opens or opener.isdigit() or repeated:
            return rest
    return sentence


def _capitalised(words: list[str]) -> bool:
    """Every word a capitalised word of letters, linking words ("and", "of") inside, the
    first no function word ("Of" and "Most" are towns too)."""
    if words[0].lower() in FUNCTION_WORDS:
        return False
    inner = {"and", "of", "the"}
    return all(
        (w[:1].isupper() and w.replace("-", "").isalpha())
        or (0 < i < len(words) - 1 and w in inner)
        for i, w in enumerate(words)
    )
