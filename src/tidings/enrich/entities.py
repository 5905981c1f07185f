"""Named entities of one article: cleaned, typed, merged by alias, counted."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc

from tidings.enrich.aliases import canonical_key, recordable_alias
from tidings.enrich.mention import Mention
from tidings.enrich.mention_cleaning import ner_mention
from tidings.enrich.mention_merging import (
    call_by_nickname,
    given_surnames,
    merge_aliases,
    with_nicknames,
)
from tidings.enrich.name_spans import (
    across_brackets,
    add_surnames,
    extend_left,
    extend_right,
    headline_tokens,
    trim_headline_people,
)
from tidings.enrich.non_names import drop_non_names, singular_names
from tidings.enrich.non_person_typing import untype_people
from tidings.enrich.person_typing import listed_people, national_people, retype, titled_names
from tidings.enrich.results import Entity


def find_mentions(doc: Doc) -> list[Mention]:
    """Clean NER spans, fix their types, and point each at its article-level name."""
    raw = national_people(doc, [m for m in (ner_mention(ent) for ent in doc.ents) if m is not None])
    raw = sorted(raw + titled_names(doc, raw), key=lambda m: m.start)
    raw, nicknames = with_nicknames(doc, across_brackets(doc, raw))
    headline = headline_tokens(doc)
    raw = retype(doc, retype(doc, trim_headline_people(doc, raw, headline)))
    raw = listed_people(doc, raw)
    raw = trim_headline_people(doc, raw, headline)
    raw = singular_names(doc, untype_people(doc, given_surnames(doc, raw)))
    people = [m if m.start in headline else extend_left(doc, extend_right(doc, m))
              for m in add_surnames(doc, raw)]
    merged = merge_aliases(doc, people)
    return drop_non_names(doc, call_by_nickname(merged, nicknames))


def summarise(mentions: list[Mention], sentence_of: dict[int, int]) -> tuple[Entity, ...]:
    """One `Entity` per canonical name, in order of first mention."""
    counts = Counter((m.name, m.type) for m in mentions)
    first: dict[tuple[str, str], int] = {}
    surfaces: dict[tuple[str, str], dict[str, None]] = {}
    for m in mentions:
        first.setdefault((m.name, m.type), sentence_of[m.start])
        if m.surface != m.name and recordable_alias(m.surface, m.name, m.type):
            surfaces.setdefault((m.name, m.type), {})[m.surface] = None
    return tuple(
        Entity(
            name,
            kind,
            canonical_key(name, kind),
            counts[(name, kind)],
            index,
            tuple(surfaces.get((name, kind), {})),
        )
        for (name, kind), index in first.items()
    )
