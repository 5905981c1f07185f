"""Ships NER takes for people: liners and warships are named after people ("Queen Victoria",
"Van Gogh"), and the grammar around the name tells the ship from its namesake.

A ship's name follows a ship prefix ("Cunard's MS Queen Victoria", "HMS Belfast"), comes
after "aboard" or "on board" and "the" ("on board the Van Gogh"), takes "the" before a
royal title ("the Queen Victoria": a queen is "the Queen", or "Queen Victoria", never both),
or a royal name ends in an Arabic numeral ("Queen Mary 2": a reign's number is Roman); a
royal name listed with a ship's is a ship too ("Queen Mary 2 and Queen Victoria").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

SHIP_PREFIXES = frozenset(
    {"MS", "MV", "SS", "RMS", "HMS", "USS", "HMCS", "HMAS", "HMNZS", "INS", "MY", "SV",
     "RV"})
"""The prefixes of ships' names (motor ship, steamship, His Majesty's Ship ...), in capitals."""
ROYAL_TITLES = frozenset({"queen", "king", "prince", "princess"})


def ship_name(doc: Doc, start: int, end: int, *, listed: bool = True) -> bool:
    """Whether the name at tokens [start, end) names a ship by the grammar around it (or, if
    `listed`, by a ship's listed with it)."""
    first = start
    if doc[first].lower_ in ROYAL_TITLES and end - first > 1:
        first += 1  # the title may be inside NER's span or before it
    titled = first > 0 and doc[first - 1].lower_ in ROYAL_TITLES and doc[first - 1].is_title
    before = first - 1 - titled
    if before >= 0 and doc[before].text in SHIP_PREFIXES:
        return True
    if titled and before >= 0 and doc[before].lower_ == "the":
        return True
    if titled and end < len(doc) and doc[end].is_digit and not _score(doc, end):
        return True
    if before >= 1 and doc[before].lower_ == "the" and _aboard(doc, before - 1):
        return True
    return listed and titled and any(
        ship_name(doc, t.i, t.i + 1, listed=False) for t in _listed_with(doc[end - 1]))


def _listed_with(token: Token) -> list[Token]:
    linked = [token.head] if token.dep_ == "conj" else []
    return linked + [c for c in token.children if c.dep_ == "conj"]


def _aboard(doc: Doc, i: int) -> bool:
    """ "aboard" or "on board" ending at token `i`."""
    return doc[i].lower_ == "aboard" or (
        doc[i].lower_ == "board" and i > 0 and doc[i - 1].lower_ == "on")


def _score(doc: Doc, i: int) -> bool:
    """A number that is part of a score ("6-2", "2 - 1"), as after a player's name."""
    return i + 1 < len(doc) and doc[i + 1].text in {"-", "\u2013", ":"}
