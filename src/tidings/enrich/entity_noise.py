"""Spans NER takes for names that are no entity, or a name with a word too many.

A time zone after a clock time ("12:00 UTC"), an interviewer's label ("WN: Will you ..."), a
code ("COVID-19"), the last word of a title NER cut ("Game of Thrones" -> "Thrones") and a
verb a title-cased line glued to a name ("Narendra Modi Announced") or a picture credit's label
("Kamala Harris Image: U.S. Senate.") come from the words around
the span, so the rules read the document, not a list of names.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from tidings.enrich.nlp import english_verbs

_CLOCK = re.compile(r"^\d{1,2}[:.]\d{2}(?:[:.]\d{2})?$|^(?:a\.m\.|p\.m\.|am|pm)$", re.IGNORECASE)
_HHMM = re.compile(r"^(?:[01]\d|2[0-3])[0-5]\d$")
"""A wire clock without a colon ("1625 UTC"), taken only before UTC or GMT: a year looks alike."""
_CODE = re.compile(r"^[A-Z]{3,}-\d{1,2}$")
_VERB_TAGS = frozenset({"VBD", "VBN"})
_CREDIT_WORDS = frozenset({"Image", "Photo", "Picture", "Photograph", "Credit"})


def no_entity(doc: Doc, start: int, end: int) -> bool:
    """Whether tokens [start, end) NER took for a name are none: a time zone, a label, a
    code or the cut end of a title."""
    text = doc[start:end].text
    return (
        _time_zone(doc, start, end)
        or _interview_label(doc, start, end)
        or bool(_CODE.match(text))
        or _cut_title(doc, start, end)
    )


def name_end(doc: Doc, start: int, end: int) -> int:
    """`end`, less a past verb a title-cased line glued to the name's end: "Narendra Modi
    Announced" ends before "Announced" (tagged a past verb, "-ed", of an English verb); a
    name the tagger takes for a verb ("Bill Parcells", "Francisco Sardinha") keeps its
    words, and one word always stays. A picture credit's label goes too ("Kamala Harris
    Image: U.S. Senate." names Kamala Harris)."""
    while end - start > 1 and _glued_verb(doc[end - 1]):
        end -= 1
    if end - start > 1 and _credit_label(doc, end - 1):
        end -= 1
    return end


def _credit_label(doc: Doc, index: int) -> bool:
    """ "Kamala Harris Image: U.S. Senate.": the word of a picture credit line, before its
    colon, that NER took into the name of the person pictured."""
    return (doc[index].text in _CREDIT_WORDS and index + 1 < len(doc)
            and doc[index + 1].text == ":")


def _glued_verb(token: Token) -> bool:
    return (token.tag_ in _VERB_TAGS and token.text[:1].isupper() and token.lower_.endswith("ed")
            and token.lemma_.lower() in english_verbs())


def _time_zone(doc: Doc, start: int, end: int) -> bool:
    """ "Between 11:50 and 12:00 UTC", "8 a.m. EST", "3:24:55 UTC", "(1625 UTC)": capitals
    right after a clock time."""
    text = doc[start:end].text
    if not (end - start == 1 and text.isupper() and 2 <= len(text) <= 5 and start > 0):
        return False
    clock = doc[start - 1].text
    return bool(_CLOCK.match(clock)) or (text in ("UTC", "GMT") and bool(_HHMM.match(clock)))


def _interview_label(doc: Doc, start: int, end: int) -> bool:
    """ "WN: Will you still be going ...", "((WN)) What led you ...": two or three capitals
    opening a paragraph before a colon or in brackets, the interviewer of a transcript."""
    text = doc[start:end].text
    if not (end - start == 1 and text.isupper() and 2 <= len(text) <= 3):
        return False
    first, after = start, end
    while first > 0 and doc[first - 1].text == "(":
        first -= 1
    while after < len(doc) and doc[after].text == ")":
        after += 1
    opens = first == 0 or "\n" in doc[first - 1].text or "\n" in doc[first - 1].whitespace_
    bracketed = first < start and after > end  # "((WN)) What led you to ..."
    return opens and (bracketed or (after < len(doc) and doc[after].text == ":"))


def _cut_title(doc: Doc, start: int, end: int) -> bool:
    """ "Game of Thrones fans": one word after "of" and a proper noun no entity holds, which
    is the end of a title NER cut, not a name of its own ("Members of Congress" is one)."""
    if end - start != 1 or start < 2 or doc[start - 1].lower_ != "of":
        return False
    before = doc[start - 2]
    return before.pos_ == "PROPN" and before.text[:1].isupper() and not before.ent_type_
