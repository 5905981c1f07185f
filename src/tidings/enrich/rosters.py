"""Rosters: a run of single names set off by commas, most of them people's ("Provisional
squad: Price, Mills, Todd, Johnson, Barnes, ..."), in which every name is a person's."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from tidings.enrich.mention import Mention
from tidings.enrich.names import fold

MIN_NAMES = 4
"""The fewest names a roster lists: fewer is any list ("Smith, Jones and Paris")."""


def roster_tokens(doc: Doc, mentions: list[Mention]) -> set[int]:
    """Tokens of the names of each roster in `doc`: at least `MIN_NAMES` capitalised single
    words joined by commas (the last maybe by "and"), at least half of them people here (a
    person NER or a rule found there, or the surname of a person's full name in the article)."""
    person_tokens = {i for m in mentions if m.type == "PERSON" for i in range(m.start, m.end)}
    person_tokens.update(t.i for t in doc if t.ent_type_ == "PERSON")
    surnames = {fold(m.name.split()[-1]) for m in mentions
                if m.type == "PERSON" and " " in m.name}
    found: set[int] = set()
    for run in _comma_runs(doc):
        people = sum(i in person_tokens or fold(doc[i].text) in surnames for i in run)
        if len(run) >= MIN_NAMES and 2 * people >= len(run):
            found.update(run)
    return found


def roster_people(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """`mentions` with each name of a roster a person: NER's other spans over a roster ("Savage,
    Lewis" as one organisation, "Price" as one) give way to one person a name."""
    names = roster_tokens(doc, mentions)
    if not names:
        return mentions
    kept = [m for m in mentions if not names.intersection(range(m.start, m.end))
            or (m.type == "PERSON" and m.end - m.start == 1)]
    have = {m.start for m in kept}
    added = [Mention(i, i + 1, doc[i].text, doc[i].text, "PERSON", "")
             for i in sorted(names - have)]
    return sorted(kept + added, key=lambda m: m.start)


def _comma_runs(doc: Doc) -> list[list[int]]:
    """Runs of single capitalised words (no such word on either side), each the next after a
    comma or a last "and", within one sentence."""
    runs: list[list[int]] = []
    for token in doc:
        if not _single_name(doc, token):
            continue
        if runs and _joined(doc, runs[-1][-1], token.i):
            runs[-1].append(token.i)
        else:
            runs.append([token.i])
    return runs


def _single_name(doc: Doc, token: Token) -> bool:
    return _name_word(token) and not any(
        0 <= i < len(doc) and _name_word(doc[i]) for i in (token.i - 1, token.i + 1))


def _name_word(token: Token) -> bool:
    return token.text[:1].isupper() and token.text.replace("-", "").replace("'", "").isalpha()


def _joined(doc: Doc, before: int, after: int) -> bool:
    """Whether `before`'s name and `after`'s are next in a list: ", " or " and " between."""
    between = [t.text for t in doc[before + 1 : after]]
    return between in ([","], ["and"], [",", "and"]) and doc[after].sent == doc[before].sent
