"""What of a sentence may be shown to a reader ("In brief", "The story so far", answers).

Dirty text (a careless feed, a wiki export) reaches the sentence splitter with its headings,
lists and image captions flattened into the prose, so one "sentence" can hold a heading, a
caption and two real sentences ("... residents. thumb Firefighters rescue a family ...
=The interview= Wikinews: How long ...?: About an hour ..."). `shown_pieces` takes the
markup off and parts what it glued; `standalone` says whether a piece can stand alone: no
heading, section label, byline, call to comment, interview transcript, question, fragment or
sentence leaning on one the reader does not see ("He said ...", "But ...").
"""

from __future__ import annotations

import html
import re

from tidings.enrich.datelines import strip_dateline
from tidings.enrich.markup import strip_wiki_markup
from tidings.enrich.sentences import split_sentences, words

_JUNK = re.compile(
    r"have your say|comments? (?:below|on this)|click here|follow us|sign up|subscribe|"
    r"read more|share this|all rights reserved|related (?:news|wikinews|articles?)|see also|"
    r"external links?|what do you think|tell us|\bcopyright\b|\u00a9|https?://|www\.|==|"
    r"\{\||\|\}|\[\[|\]\]|\s\*\s|\bnotoc\b|__[a-z]+__|\binfobox\b|\bthumb\b|\b\d+px\b|"
    r"\?\s*:|(?:^|\s)=\w[^=\n]{0,60}=(?:\s|$)|"
    # an interview's speaker labels: "WN: ...", "Wikinews: ...", "...?:CB: ..."
    r"^(?:WN|Q|A|Wikinews)\s*:|\b[A-Z]{1,3}:(?=\s*[A-Z])",
    re.I,
)
_LABEL = re.compile(
    r"^(?:sources?|related(?: news| wikinews| articles?)?|see also|external links?|photo|"
    r"image|picture|caption|credit|file)\s*[:\-\u2013\u2014]",
    re.I,
)
"""A section label or caption credit opening a line ("Sources: BBC News", "Photo: ...")."""
_BYLINE = re.compile(
    r"^(?:by|reporting by|writing by|editing by|additional reporting|photos? by|image|credit|"
    r"source)\b",
    re.I,
)
_DANGLING = frozenset(
    {
        "he",
        "she",
        "they",
        "him",
        "her",
        "his",
        "its",
        "their",
        "them",
        "this",
        "these",
        "those",
        "but",
        "and",
        "or",
        "so",
        "yet",
        "also",
        "however",
        "meanwhile",
        "instead",
    }
)
"""First words that lean on a sentence the summary does not show ("He said ...")."""
_IT_REPORTS = re.compile(
    r"^it (?:said|says|added|announced|reported|stated|claimed|warned|denied|confirmed|"
    r"told|urged|called|asked|argued)\b",
    re.I,
)
""""It" opens a sentence leaning on an unseen one only as someone's voice ("It said ...");
mostly it is the empty subject of "It is unclear whether ...", which stands alone."""
_TIMES = frozenset(
    {
        "week",
        "year",
        "month",
        "morning",
        "afternoon",
        "evening",
        "weekend",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "royal",
        "majesty",
    }
)
"""Words after "This" that make it a time ("This week ...") or a title, not a back reference."""
_ENDS_STATEMENT = re.compile(r"[.!][\"'\u201d\u2019)]*$")
_QUOTED = re.compile(r"[\"\u201c][^\"\u201c\u201d]*[\"\u201d]")
_CAPTION = re.compile(
    r"(?:^|(?<=\s))(?:(?:left|right|center|centre|frame|upright|\d+px)\s+)*thumb\b[^.!?\n]*"
    r"(?:[.!?]+|$)",
    re.I,
)
"""An image caption left by a flattened image link ("thumb Firefighters rescue a family ...
.")."""
_HEADING = re.compile(r"(?:^|(?<=\s))=[^=\n]{1,60}=(?=\s|$)")
"""A one-sign wiki heading ("=The interview="); `strip_wiki_markup` takes those of two."""
_BACK_MATTER = re.compile(
    r"={1,6}\s*(?:related\b|sources?\b|external links?\b|see also\b|references\b)[^=\n]{0,60}"
    r"={1,6}.*",
    re.I | re.S,
)
"""A heading of the back matter and everything after it in the sentence: the list a
flattened "== Related news ==" or "==Sources==" heading leads is no prose."""
_GLUED_BYLINE = re.compile(
    r"^By (?:[A-Z][\w.'\-]*\s){1,3}?[A-Z][\w.'\-]*,?\s(?:[A-Za-z]+\s){0,3}?"
    r"(?:reporter|correspondent|writer|editor|staff|contributor)s?\s+(?=[A-Z])"
)
"""A byline glued to the sentence after it ("By Sam Wright, Wikinews reporter They said")."""
_TEMPLATE_NAME = re.compile(r"^(?=\S*\d)(?=\S*[a-z][A-Z]|\S*[A-Z]{2}[a-z])\S{12,}\s+(?=[A-Z])")
"""A wiki template's name glued to the first word ("OntarioProvincialElection2007 A resident
...", "CDNfed2008interview-ON On October 14 ..."): twelve characters or more without a space,
with a figure and a capital inside a word; no name or word of prose is written so."""


def shown_pieces(sentence: str) -> list[str]:
    """The pieces of one split sentence that may be shown, markup off: each a sentence as the
    reader reads it (split again where a heading or caption had glued two), without an image
    caption, a glued byline or template name, a dateline or an HTML entity ("&nbsp;")."""
    text = strip_wiki_markup(_BACK_MATTER.sub("", html.unescape(sentence)))
    text = _HEADING.sub("\n", _CAPTION.sub("\n", text))
    pieces = (strip_dateline(_GLUED_BYLINE.sub("", _TEMPLATE_NAME.sub("", piece)))
              for piece in split_sentences(text))
    return [piece for piece in pieces if piece]


def standalone(sentence: str) -> bool:
    """Fit for a summary: `presentable`, 6 to 70 words, a statement (no question), no
    fragment of a quotation, and not leaning on the sentence before ("He said ...")."""
    if not 6 <= len(words(sentence)) <= 70 or not _ENDS_STATEMENT.search(sentence):
        return False
    if not presentable(sentence) or leans_back(sentence):
        return False
    opened, closed = sentence.count("\u201c"), sentence.count("\u201d")
    if sentence.count('"') % 2 or opened != closed:
        return False
    return sum(len(quote) for quote in _QUOTED.findall(sentence)) <= 0.5 * len(sentence)


def presentable(sentence: str) -> bool:
    """No heading, section label, byline, call to comment, interview transcript or markup,
    and it opens as a sentence does (a capital or a figure)."""
    if _JUNK.search(sentence) or _BYLINE.match(sentence) or _LABEL.match(sentence):
        return False
    first = sentence.lstrip("\"'\u201c\u2018( ")
    return first[:1].isupper() or first[:1].isdigit()


def leans_back(sentence: str) -> bool:
    """Whether the sentence opens on a word that points at the one before it."""
    first = sentence.lstrip("\"'\u201c\u2018( ")
    opening, *rest = (first.lower().split(maxsplit=2) or [""]) + [""]
    if opening.strip(",;:") in _DANGLING and rest[0] not in _TIMES:
        return True
    return bool(_IT_REPORTS.match(first))
