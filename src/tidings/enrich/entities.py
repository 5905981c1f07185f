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
from tidings.enrich.rosters import roster_people
from tidings.enrich.styled_names import styled_names


def find_mentions(doc: Doc) -> list[Mention]:
    """Clean NER spans, fix their types, and point each at its article-level name."""
    raw = national_people(doc, [m for m in (ner_mention(ent) for ent in doc.ents) if m is not None])
    raw = sorted(raw + titled_names(doc, raw), key=lambda m: m.start)
    raw, nicknames = with_nicknames(doc, across_brackets(doc, raw))
    headline = headline_tokens(doc)
    raw = retype(doc, retype(doc, trim_headline_people(doc, raw, headline)))
    raw = listed_people(doc, raw)
    raw = trim_headline_people(doc, raw, headline)
    raw = roster_people(doc, singular_names(doc, untype_people(doc, given_surnames(doc, raw))))
    people = [m if m.start in headline else extend_left(doc, extend_right(doc, m))
              for m in add_surnames(doc, raw)]
    merged = merge_aliases(doc, people)
    return styled_names(doc, drop_non_names(doc, call_by_nickname(merged, nicknames)))


def summarise(mentions: list[Mention], sentence_of: dict[int, int], doc: Doc | None = None
              ) -> tuple[Entity, ...]:
    """One `Entity` per canonical name, in order of first mention. A person's name with a
    British honour before it in `doc` is also known by it ("Sir Jackie Stewart", "Dame Mary")."""
    counts = Counter((m.name, m.type) for m in mentions)
    first: dict[tuple[str, str], int] = {}
    surfaces: dict[tuple[str, str], dict[str, None]] = {}
    for m in mentions:
        first.setdefault((m.name, m.type), sentence_of[m.start])
        forms = [m.surface, _honoured(doc, m) if doc is not None else None]
        for form in (f for f in forms if f and f != m.name):
            if recordable_alias(form, m.name, m.type):
                surfaces.setdefault((m.name, m.type), {})[form] = None
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


def _honoured(doc: Doc, m: Mention) -> str | None:
    """ "Sir Jackie Stewart" for the mention "Jackie Stewart" written after "Sir"."""
    before = doc[m.start - 1].text if m.start > 0 and m.type == "PERSON" else ""
    return f"{before} {m.surface}" if before in _HONOURS else None


_HONOURS = frozenset({"Sir", "Dame", "Lord", "Lady"})
