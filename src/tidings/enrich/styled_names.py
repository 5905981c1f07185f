"""People known by a style and one name ("Pope Francis", "Queen Elizabeth II"), and places so
named ("Sultan Kudarat")."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from tidings.enrich.gazetteer import place_population
from tidings.enrich.lexicon import STYLES
from tidings.enrich.mention import Mention
from tidings.enrich.names import given_alone


def styled_names(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Each person named by a given name alone (or with its ordinal) and written at least once
    right after a style ("Pope", "Prince", "Queen", "Sheikh") is named with it, in every
    mention: the "Francis" of "Pope Francis" is not any Francis, and "Pope Francis" is what
    readers call him. A fuller name keeps the style a title ("Prince Mohammed bin Salman").
    A styled name that is a large place's is that place ("Sultan Kudarat")."""
    styles: dict[str, str] = {}
    for m in mentions:
        if m.type == "PERSON" and m.name not in styles and given_alone(m.name.split()):
            style = _style(doc, m)
            if style:
                styles[m.name] = style
    if not styles:
        return mentions
    places = {name for name, style in styles.items()
              if place_population(f"{style} {name}") >= _PLACE_POPULATION}
    fixed = []
    for m in mentions:
        if m.name in places and (m.type == "PERSON" or _style(doc, m)):
            m = replace(m, name=f"{styles[m.name]} {m.name}", type="GPE", title="")
        elif m.type == "PERSON" and m.name in styles:
            m = replace(m, name=f"{styles[m.name]} {m.name}")
        fixed.append(m)
    return fixed


_PLACE_POPULATION = 100_000
"""A styled name that is a place of this many people is the place ("in Sultan Kudarat", a
province); smaller ones are more likely the person ("Prince George")."""


def _style(doc: Doc, m: Mention) -> str | None:
    """The style inside the mention's span or right before it, capitalised as a title."""
    words = m.title.split()
    if words and words[-1].lower() in STYLES and words[-1][:1].isupper():
        return words[-1]
    before = doc[m.start - 1] if m.start > 0 else None
    if before is not None and before.lower_ in STYLES and before.text[:1].isupper():
        return before.text
    return None
