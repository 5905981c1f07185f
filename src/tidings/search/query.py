"""The user's search text, parsed into terms that cannot break either engine's syntax."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_TERMS = 32
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')
_WORD = re.compile(r"\w+")


class SearchQueryError(ValueError):
    """The search text has nothing to search for; ``str()`` says why in one line."""


@dataclass(frozen=True)
class Term:
    """A word or a phrase (words that must follow each other), maybe excluded."""

    words: tuple[str, ...]
    exclude: bool = False


def parse_query(query: str) -> list[Term]:
    """Words, "quoted phrases" and -excluded terms; punctuation and operators are dropped.

    A hyphenated or punctuated token (``covid-19``, ``don't``) becomes a phrase of its words.
    Raises SearchQueryError when no word is left to look for.
    """
    terms = []
    for match in _TOKEN.finditer(unicodedata.normalize("NFC", query)):
        minus, phrase, bare_minus, bare = match.groups()
        words = tuple(_WORD.findall(phrase if phrase is not None else bare))
        if words:
            terms.append(Term(words, exclude=bool(minus or bare_minus)))
    terms = terms[:MAX_TERMS]
    if not terms:
        raise SearchQueryError("the search has no words to look for")
    if all(term.exclude for term in terms):
        raise SearchQueryError("the search only excludes words: add a word to look for")
    return terms

