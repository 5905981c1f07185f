"""One occurrence of a named entity in an article, and whether a title goes with it."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from tidings.enrich.lexicon import HONORIFICS, TITLES
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
