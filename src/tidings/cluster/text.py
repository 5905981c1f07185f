"""Cheap text features: content terms and capitalised phrases (a stand-in for named entities)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

_APOSTROPHES = "'\u2019"
_WORD = re.compile(rf"[^\W\d_][\w{_APOSTROPHES}\-]*", re.UNICODE)
_POSSESSIVE = re.compile(rf"[{_APOSTROPHES}]s?$")

_STOPWORD_TEXT = """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them themselves
    then there these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours yourself yourselves said says say told
    according new one two three would could may might must shall also year years week weeks day
    days time monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow
    mr mrs ms dr however many much even still last first since including another make made get got
    like people well back around percent per cent yet via way
    january february march april may june july august september october november december"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_CONNECTORS = frozenset({"of", "de", "la", "van", "von", "der", "al", "bin", "du", "le", "for"})


@lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """Case-folded, NFKC-normalised word without a possessive ending."""
    return _POSSESSIVE.sub("", unicodedata.normalize("NFKC", word).casefold())


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A deliberately light plural stripper: "wildfires" and "wildfire" are one term."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def terms(text: str) -> Counter[str]:
    """Counts of content terms: folded, lightly stemmed, stop words and short words dropped."""
    counts: Counter[str] = Counter()
    for match in _WORD.finditer(text):
        word = fold(match.group())
        if len(word) > 2 and word not in STOPWORDS:
            counts[stem(word)] += 1
    return counts


def _is_capitalised(word: str) -> bool:
    return word[0].isupper() and fold(word) not in STOPWORDS


def _phrases_in(sentence: str) -> list[str]:
    words = [m.group() for m in _WORD.finditer(sentence)]
    phrases: list[str] = []
    run: list[str] = []
    for index, word in enumerate([*words, ""]):
        starts_name = index > 0 or (len(words) > 1 and _is_capitalised(words[1]))
        capitalised = bool(word) and _is_capitalised(word) and starts_name
        if capitalised or (word and run and fold(word) in _CONNECTORS):
            run.append(word)
        else:
            while run and fold(run[-1]) in _CONNECTORS:
                run.pop()
            if run:
                phrases.append(" ".join(fold(w) for w in run))
            run = []
    return phrases


def is_title_case(title: str) -> bool:
    """True for headlines that capitalise most words, where capitals say nothing of names."""
    words = [m.group() for m in _WORD.finditer(title) if fold(m.group()) not in STOPWORDS]
    return len(words) > 2 and sum(w[0].isupper() for w in words) > 0.7 * len(words)


def entities(text: str) -> set[str]:
    """Capitalised phrases not at a sentence start, plus each phrase's last word (a surname).

    "Prime Minister Gordon Brown" gives "prime minister gordon brown" and "brown", so a later
    plain "Brown" still matches. Sentence-initial words are skipped: there a capital says nothing.
    """
    found: set[str] = set()
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
        for phrase in _phrases_in(sentence):
            found.add(phrase)
            found.add(stem(phrase.rsplit(" ", 1)[-1]))
    return {e for e in found if len(e) > 2 and e not in STOPWORDS}
