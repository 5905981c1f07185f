"""Sentences and their content words: the units that summaries and answers are made of.

`split_sentences` is a rule splitter for news English. It knows titles ("Dr.", "Gov."),
months ("Jan."), initials ("George W. Bush"), dotted acronyms ("U.S.", "p.m."), decimals and
closing quotes; a line break always ends a sentence. Every sentence is an exact substring of
the text, so a (article, sentence index) pair points back into the article.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Protocol

import numpy as np


def _word_set(listing: str) -> frozenset[str]:
    return frozenset(listing.split())


_TITLES_AND_SHORTHAND = _word_set(
    """mr mrs ms dr prof gov sen rep reps sens gen lt col maj capt cpl sgt pvt cmdr adm brig
    lieut supt det insp rev hon pres st mt ft jr sr messrs mme mlle sra fr
    inc ltd co corp bros plc llc dept univ assn est govt
    jan feb mar apr jun jul aug sep sept oct nov dec
    vs etc al approx ca cf fig vol ed eds gov't op"""
)
_NUMBERING = frozenset({"no", "nos", "art", "sec", "ch", "pp"})
"""Abbreviations only before a number: "No. 10" but "He said no. Then..."."""
_SENTENCE_STARTERS = _word_set(
    """a an the he she it they we i you this that these those there here his her its their our
    in on at by for from of to as after before during since when while if although though
    but and or so yet however meanwhile also according officials some many most all both
    each no not one two three several other another such what who which where why how
    mr mrs ms dr"""
)
_BOUNDARY = re.compile(
    r"(?<![.!?\u2026])[.!?\u2026]+[\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])"
)
"""Sentence-ending punctuation, tried only where a run of it starts: a run of 100,000 dots is
one attempt, not one per dot (which took quadratic time)."""
_NEXT_WORD = re.compile(r"[\"'\u201c\u2018(\[]?([A-Za-z0-9]+)")
_WORD = re.compile(r"[a-z0-9]+(?:['\u2019.][a-z0-9]+)*")
_POSSESSIVE = re.compile(r"['\u2019]s$")
_SUFFIXES = (
    ("ations", "", 4),
    ("ation", "", 4),
    ("ments", "", 4),
    ("ment", "", 4),
    ("ies", "y", 3),
    ("sses", "ss", 3),
    ("ing", "", 3),
    ("ed", "", 3),
    ("es", "", 3),
)
"""(suffix, replacement, shortest stem kept): "resignation" and "resigned" meet at "resign"."""
_IRREGULAR_FORMS = """fall fell fallen; win won; rise rose risen; lose lost; lead led; hold held;
    meet met; speak spoke spoken; sell sold; buy bought; bring brought; fight fought;
    strike struck; shoot shot; choose chose chosen; find found; come came; become became;
    see saw seen; know knew known; grow grew grown; flee fled; fly flew flown;
    break broke broken; spend spent; send sent; build built; keep kept; stand stood;
    seek sought; catch caught; give gave given; take took taken; write wrote written;
    begin began begun; run ran; pay paid; make made; go went gone; steal stole stolen;
    drive drove driven; freeze froze frozen; think thought; teach taught; sink sank sunk;
    swear swore sworn"""
_IRREGULAR = {
    form: forms.split()[0] for forms in _IRREGULAR_FORMS.split(";") for form in forms.split()
}
"""Irregular verb forms and their base form, which `stem` then leaves alone or strips alike."""

STOPWORDS = _word_set(
    """a about above after again against all also am an and any are aren't as at be because
    been before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers herself him himself his how i if
    in into is it its itself just let me more most my myself no nor not now of off on once only
    or other our ours out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up upon very was we
    were what when where which while who whom whose why will with would you your yours
    said say says saying told tell according
    did does do many much whats who's what's there's get gets got getting"""
)
"""Function words, question words and reporting verbs: not evidence that a sentence is on topic."""


class Embedder(Protocol):
    """Any sentence embedder: one row vector per text (the cluster stage has one)."""

    def encode(self, texts: list[str]) -> np.ndarray:
        """An array of shape (len(texts), dim)."""
        ...


def split_sentences(text: str) -> list[str]:
    """The sentences of `text` in order, each an exact (stripped) substring of it."""
    return list(iter_sentences(text))


def iter_sentences(text: str) -> Iterator[str]:
    """`split_sentences`, one paragraph at a time, for readers that stop early."""
    for paragraph in text.splitlines():
        yield from _split_paragraph(paragraph)


def _split_paragraph(paragraph: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(paragraph):
        if _is_boundary(paragraph, match):
            pieces.append(paragraph[start : match.end()].strip())
            start = match.end()
    pieces.append(paragraph[start:].strip())
    return [piece for piece in pieces if piece]


def _last_token(paragraph: str, end: int) -> str:
    """The run of non-space characters ending at `end`, read backwards: each token once."""
    start = end
    while start > 0 and not paragraph[start - 1].isspace():
        start -= 1
    return paragraph[start:end]


def _is_boundary(paragraph: str, match: re.Match[str]) -> bool:
    """Whether the punctuation at `match` ends a sentence rather than an abbreviation."""
    if paragraph[match.start()] != "." or match.group(0).startswith(".."):
        return True
    token = _last_token(paragraph, match.start()).lstrip("\"'\u201c\u2018([").lower()
    following = _NEXT_WORD.match(paragraph, match.end())
    next_word = following.group(1) if following else ""
    if token in _NUMBERING:
        return not next_word.isdigit()
    if token in _TITLES_AND_SHORTHAND:
        return False
    if len(token) == 1 and token.isalpha():
        return False
    if "." in token and all(len(part) <= 2 for part in token.split(".")):
        return next_word.lower() in _SENTENCE_STARTERS
    return True


def words(text: str) -> list[str]:
    """Lower-cased word tokens ("U.S." stays one token, "3.5" too; "Thailand's" is "thailand")."""
    return [_POSSESSIVE.sub("", word) for word in _WORD.findall(text.lower())]


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A light suffix stripper: "elections", "voted", "votes" and "voting" meet "vote"
    (remembered: a text repeats its words, and a story its articles' words)."""
    word = _IRREGULAR.get(word, word)
    if len(word) <= 3 or not word.isalpha():
        return word
    for suffix, replacement, keep in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= keep:
            word = word[: -len(suffix)] + replacement
            break
    else:
        if word.endswith("s") and not word.endswith(("ss", "us", "is")):
            word = word[:-1]
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


def content_terms(text: str) -> list[str]:
    """Stemmed words of `text` that are not stopwords: what a sentence is about."""
    return [stem(word) for word in words(text) if word not in STOPWORDS]


def unit_rows(matrix: np.ndarray) -> np.ndarray:
    """`matrix` with each row scaled to length 1 (zero rows stay zero)."""
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    scaled: np.ndarray = (matrix / np.maximum(norms, 1e-12)).astype(np.float32)
    return scaled
