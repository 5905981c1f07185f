"""One occurrence of a named entity in an article, and whether a title goes with it."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from tidings.enrich.lexicon import FEMALE_MARKERS, HONORIFICS, MALE_MARKERS, TITLES
from tidings.enrich.names import fold

LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "FAC": "LOC"}


@dataclass(frozen=True)
class Mention:
    """One occurrence of an entity: token range [start, end) and the canonical entity."""

    start: int
    end: int
    surface: str
    name: str
    type: str
    title: str
    """Title words inside the named span ("Governor" of "Governor Kazuo Ueda")."""


def with_titles(doc: Doc, mentions: list[Mention]) -> set[str]:
    """Folded names of people NER found with a title or an honorific ("Mr Whitlam")."""
    return {fold(m.name) for m in mentions if m.type == "PERSON" and is_titled(doc, m)}


def is_titled(doc: Doc, m: Mention) -> bool:
    """Whether a title is inside the mention's span or right before it ("Mr Whitlam")."""
    return bool(m.title) or (
        m.start > 0 and doc[m.start - 1].lower_.rstrip(".") in TITLES | HONORIFICS)


def marked_gender(doc: Doc, m: Mention) -> str | None:
    """ "m" or "f" where an honorific or title inside the mention or right before it says so
    ("Mr. Obama", "Mrs. Clinton")."""
    words = {w.lower().rstrip(".") for w in m.title.split()}
    if m.start:
        words.add(doc[m.start - 1].lower_.rstrip("."))
    if words & FEMALE_MARKERS:
        return "f"
    return "m" if words & MALE_MARKERS else None
